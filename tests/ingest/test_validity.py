"""The term a document gives itself (有效期), from the sentence whose subject is the document: each form as a
real document writes it (the file named beside it), and the sentences that state a term of something else."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lexicon import Segmenter, load_lexicon
from ingest.normalize import normalize
from ingest.parse import parse_plan
from ingest.reader import read_plan_file
from ingest.validity import find_validity

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
ISSUED = "2023-03-10"  # the day 自印发之日起 counts from in these cases


@pytest.mark.parametrize("sentence, start, until", [
    # heldout/shanghai-2025-basic-research-measures: a start date and an end date
    ("本措施自2025年8月1日起施行，有效期至2030年7月31日。", "2025-08-01", "2030-07-31"),
    # heldout48/b-yuncheng-2024-fangdichan: from the day it was issued, another clause between
    ("本措施由市住建局负责解读,自印发之日起实施,有效期至2027年9月5日。", ISSUED, "2027-09-05"),
    # heldout27/c-nanjing-2023-economic-recovery-measures: the measures listed above
    ("以上政策措施自公布之日起实施,未特别注明时限的,有效期至2023年12月31日。", ISSUED, "2023-12-31"),
    # heldout47/b-changsha-2022-feizhuzhai-qukucun: a numbered paragraph, a term in years from a start date
    ("四、本通知自2022年4月25日起施行,有效期3年。", "2022-04-25", "2025-04-24"),
    # heldout49/d-huaibei-2023-fangdichan and a Chinese numeral (heldout27/e-ningguo-2023-real-estate-ten-measures)
    ("本措施自印发之日起实施，有效期1年，濉溪县可参照执行。", ISSUED, "2024-03-09"),
    ("本措施自发布之日起施行，有效期一年，购房时间以购房人缴纳契税时间为准。", ISSUED, "2024-03-09"),
    # heldout37/d-xiangtan-2023-fangdichan: a stated range wins over a term in years
    ("本措施有效期1年，执行期限为2023年5月20日至2024年5月19日，各县市遵照执行。", "2023-05-20", "2024-05-19"),
    # heldout4/pingtan-2023-jingfa-economy-measures: 执行到…止
    ("本措施自印发之日起实施，除已有明确规定执行期限的措施外，其他措施均执行到2023年12月31日止。", ISSUED, "2023-12-31"),
    # heldout34/b-wuhan-2023-neisheng-dongli: the day of publication in brackets
    ("本政策自公布之日（2023年12月1日）起施行，有效期至2024年12月31日，具体政策有明确执行期限的，从其规定。",
     "2023-12-01", "2024-12-31"),
    # heldout46/d-jingdezhen-2024-fangdichan: 期限至…止
    ("本措施自2024年9月1日起执行，期限至2025年12月31日止。", "2024-09-01", "2025-12-31"),
    # heldout28/b-guangyuan-2023-economic-recovery-measures: 施行有效期至
    ("以上政策未特别注明实施期限的，施行有效期至2023年12月31日。", ISSUED, "2023-12-31"),
    # a year's end and a month's end (forms of the same clause)
    ("本措施自印发之日起实施，有效期至2025年年底。", ISSUED, "2025-12-31"),
    ("本方案自印发之日起施行，有效期至2026年2月。", ISSUED, "2026-02-28"),
    # Review (helper 387): a regulation's article, a term in its own sentence, the part of a sentence on one item,
    # a range of bare years (from 1 January), a term in months, ○ and full-width digits, 两年.
    ("第二十条 本办法自2023年3月1日起施行，有效期5年。", "2023-03-01", "2028-02-29"),
    ("本措施自印发之日起施行。有效期至2025年12月31日。", ISSUED, "2025-12-31"),
    ("本措施自印发之日起施行，有效期3年，其中第（一）项执行期限至2023年12月31日。", ISSUED, "2026-03-09"),
    ("本计划实施期限为2023年至2025年。", "2023-01-01", "2025-12-31"),
    ("本通知自印发之日起施行，有效期6个月。", ISSUED, "2023-09-09"),
    ("本通知自二○二三年四月一日起施行，有效期两年。", "2023-04-01", "2025-03-31"),
    ("本措施自印发之日起施行，有效期３年。", ISSUED, "2026-03-09"),
])
def test_the_term_a_document_gives_itself(sentence: str, start: str, until: str) -> None:
    v = find_validity(normalize(sentence), ISSUED)
    assert v is not None and (v.start, v.until) == (start, until)


@pytest.mark.parametrize("sentence", [
    # heldout48/c-qinhuangdao-2023-fangdichan: one measure's term (本项), not the document's
    "本项措施有效期至2025年12月31日。",
    # a measure's own term, inside it (heldout27/c-nanjing-2023-economic-recovery-measures,
    # heldout49/a-pingxiang-2024-fangdichan, heldout16/a-henan-2025-enterprise-cost-reduction-measures)
    "对评为四星、五星级的旅行社给予奖补，政策执行期至2024年12月。",
    "该政策有效期为2024年6月1日至2025年5月31日，补贴申报截止时间另行通知。",
    "按照每人1500元标准发放一次性扩岗补助，执行期限至2025年年底。",
    # the document says when it starts and leaves the terms to others
    "本意见自2023年12月1日起实施，具体政策实施期限由各政策制定部门予以明确。",
    # a term ending before it starts is no term (a typo or another year's plan)
    "本措施自2025年8月1日起施行，有效期至2024年7月31日。",
    # Review (helper 387): the place it is issued for (本市…, an extension of other measures), a part (本部分), a cited
    # document (上述政策文件, 《…》), what the document defines, awards, funds or asks for (所称证书, 认定的企业, 所列补贴,
    # 申报期限, 完成期限).
    "本市已出台的稳经济政策措施中，有效期至2023年12月31日的，执行期限延长至2024年12月31日。",
    "本部分政策措施有效期至2023年6月30日。",
    "上述政策文件自2021年1月1日起施行，有效期至2022年12月31日，已到期，本通知印发后继续参照执行。",
    "本通知印发后，《某某市促进就业办法》有效期至2024年6月30日。",
    "本办法所称人才认定证书有效期为3年。",
    "本措施认定的示范企业有效期3年，期满复审。",
    "本措施所列社保补贴期限至2025年2月28日。",
    "本通知所涉项目申报期限至2024年3月31日。",
    "本方案所列目标任务完成期限至2023年12月31日。",
    # a qualification's validity, not the document's (heldout55/c-pingtan-2020-yanglao-fuwuye)
    "对获评四星级和五星级的养老服务机构，在评定结果有效期内，床位运营补贴标准分别上浮10%、15%。",
])
def test_a_term_of_something_else_is_not_the_documents(sentence: str) -> None:
    assert find_validity(normalize(sentence), ISSUED) is None


def test_a_term_in_years_needs_a_day_to_count_from() -> None:
    assert find_validity(normalize("本措施自印发之日起实施，有效期1年。"), None) is None
    v = find_validity(normalize("本措施自印发之日起实施，有效期至2025年12月31日。"), None)
    assert v is not None and (v.start, v.until) == (None, "2025-12-31")


def test_a_parsed_document_carries_its_term_and_the_sentence_that_gives_it() -> None:
    lexicon = load_lexicon()
    path = REAL / "heldout" / "shanghai-2025-basic-research-measures.txt"
    plan = parse_plan(read_plan_file(path), path.name, lexicon, Segmenter(lexicon))
    assert plan.validity is not None
    assert (plan.validity.start, plan.validity.until) == ("2025-08-01", "2030-07-31")
    assert plan.text[plan.validity.span.start : plan.validity.span.end] == "本措施自2025年8月1日起施行，有效期至2030年7月31日"
