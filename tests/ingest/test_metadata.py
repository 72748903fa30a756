"""Document metadata from the text: 文号, 印发日期, 文种, issuers in the signature, and which documents it implements."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.metadata import doc_no_id, document_kind, find_doc_no, find_printed, implements, signature_date
from ingest.records import Reference, Span


@pytest.mark.parametrize("lines, want", [
    (["景德镇市人民政府办公室文件", "景府办发〔2026〕12号"], "景府办发〔2026〕12号"),
    (["国务院办公厅关于进一步优化营商环境的实施意见国办发〔2020〕24号各省、自治区"], "国办发〔2020〕24号"),
    (["鹤溪市人民政府关于印发支持低空经济发展若干措施的通知鹤府规〔2026〕2号"], "鹤府规〔2026〕2号"),
    (["湘发改能源规 〔2023〕 848 号"], "湘发改能源规〔2023〕848号"),
    # PDFs and web pages write the brackets and digits their own way; the 文号 is one spelling.
    (["景府办发[2026]12号"], "景府办发〔2026〕12号"),
    (["景府办发（２０２６）１２号"], "景府办发〔2026〕12号"),
    # A 文号 cited in brackets belongs to another document.
    (["为贯彻《国务院办公厅关于…的意见》（国办发〔2022〕15号）精神，制定本方案。"], None),
    (["按照《…实施方案（2026—2027年）》（沪规划资源数〔2025〕254号），为加快推进…"], None),
    # Review: after a title's end a 文号 is still cited where the line goes on about it or carries it out.
    (["某市人民政府文件", "为贯彻落实国务院关于做好稳就业工作的意见（国发〔2020〕1号）精神，现提出如下意见："], None),
    (["为贯彻落实《国务院关于若干意见》国发〔2020〕1号精神"], None),
    (["关于转发市政府办公室关于稳增长的通知（某府办〔2022〕8号）的通知"], None),
    (["关于转发《某某的通知》国办发〔2022〕8号的通知"], None),
    (["（根据国发〔2020〕1号文件精神制定）"], None),
    # Its own: in brackets alone on a line, or closing its title; glued after a title's 》; after the red header's
    # "XX文件" or an issuing body, which are not part of it.
    (["关于印发某措施的通知", "（豫工信联规〔2024〕105号）"], "豫工信联规〔2024〕105号"),
    (["省人民政府办公厅关于印发贵州省若干措施的通知（黔府办发〔2022〕17号）"], "黔府办发〔2022〕17号"),
    (["上海市人民政府办公厅关于印发《上海碳市场全面深化改革行动方案（2026-2030年）》的通知沪府办发〔2025〕16号各区人民政府："],
     "沪府办发〔2025〕16号"),
    (["上海市人民政府办公厅印发《关于加快科技服务业高质量发展的若干意见》沪府办发〔2025〕11号各区人民政府"], "沪府办发〔2025〕11号"),
    (["中共中央办公厅文件中办发〔2020〕39号"], "中办发〔2020〕39号"),
    (["2023年1月3日苏州市人民政府苏府规字〔2023〕1号"], "苏府规字〔2023〕1号"),
])
def test_doc_no(lines: list[str], want: str | None) -> None:
    assert find_doc_no(lines) == want


def test_doc_no_id_is_url_safe_and_the_same_for_every_spelling_of_one_doc_no() -> None:
    ids = {doc_no_id(n) for n in ("景府办发〔2026〕12号", "景府办发[2026]12号", "景府办发 〔2026〕 12 号", "景府办发（２０２６）１２号")}
    assert len(ids) == 1
    (one,) = ids
    assert one.startswith("wh-2026-12-") and one.isascii() and one.replace("-", "").isalnum()
    # Another office's 12号 of the same year, or the same office's 12号 of another year, is another document.
    assert doc_no_id("景府发〔2026〕12号") != one and doc_no_id("景府办发〔2025〕12号") != one


def test_a_plan_takes_its_id_from_its_doc_no_else_from_its_file_name(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    body = "\n一、重点任务\n（一）推进项目建设。（责任单位：市发改委）\n"
    with_no = parse_plan("景德镇市人民政府办公室文件\n景府办发〔2026〕12号\n关于印发某方案的通知" + body, "a.txt", lexicon, seg)
    renamed = parse_plan("景德镇市人民政府办公室文件\n景府办发[2026]12号\n关于印发某方案的通知" + body, "renamed copy.docx",
                         lexicon, seg)
    without = parse_plan("关于印发某方案的通知" + body, "some-plan.txt", lexicon, seg)
    assert with_no.doc_id == renamed.doc_id == doc_no_id("景府办发〔2026〕12号")
    assert without.doc_id == "some-plan"


@pytest.mark.parametrize("text, want", [
    ("正文。\n抄送：市委办公室。\n鹤溪市人民政府办公室 2026年1月20日印发\n", "2026-01-20"),
    ("青川市人民政府办公室                    2026年3月5日印发", "2026-03-05"),
    # A flattened web page glues the next text on; the date still ends with 印发.
    ("平潭综合实验区苏平片区管理局党政办公室 2023年10月27日印发根据实际", "2023-10-27"),
    ("景德镇市人民政府办公室　二〇二六年十二月二十七日印发", "2026-12-27"),
    ("２０２６年３月５日印发", "2026-03-05"),
    # A date that says when another document was sent out is no 印发日期 of this one.
    ("根据2026年1月5日印发的《方案》，制定本措施。", None),
    ("市政府2025年13月1日印发", None),
    ("市政府2026年2月30日印发", None),  # no such day: no date, rather than one rdflib cannot read
    ("没有版记的文件。", None),
])
def test_printed_date(text: str, want: str | None) -> None:
    assert find_printed(text) == want


def test_printed_date_of_real_documents_through_the_parser(lexicon, seg) -> None:
    from ingest.parse import parse_plan
    from ingest.reader import read_plan_file

    real = Path(__file__).resolve().parents[1] / "data" / "real"
    plan = parse_plan(read_plan_file(real / "pingtan-2020-5g-implementation.txt"), "5g.txt", lexicon, seg)
    assert plan.printed == "2020-05-07" and plan.date != plan.printed  # 成文日期 and 印发日期 differ
    assert "印发" not in plan.text.split("\n")[-1]  # the 版记 line itself stays out of the text


@pytest.mark.parametrize("title, kind", [
    ("景德镇市产业集群提能升级三年行动方案（2026—2028年）", "行动方案"),
    ("国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", "指导意见"),
    ("君山片区2023年安全生产工作要点", "工作要点"),
    ("2022年全省市场监管主要任务分工方案", "任务分工方案"),
    ("关于开展2025年全区成品油流通市场集中整治的通知", "通知"),
    ("某某情况汇报", None),
])
def test_document_kind(title: str, kind: str | None) -> None:
    assert document_kind(title) == kind


def test_implements_reads_the_citing_sentence() -> None:
    text = "为深入贯彻落实《江西省制造业重点产业链现代化建设行动方案》，结合我市实际，制定本方案。参照《某市办法》执行。"
    first = Reference("江西省制造业重点产业链现代化建设行动方案", Span(text.index("江西"), text.index("》")))
    second = Reference("某市办法", Span(text.index("某市"), text.rindex("》")))
    assert implements(text, first) and not implements(text, second)


def test_a_header_date_that_does_not_exist_is_left_out(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    text = "测试市人民政府办公室关于印发测试行动方案的通知\n2026年2月30日\n一、重点任务\n1.建设平台。（责任单位：市科技局）\n"
    assert parse_plan(text, "t.txt", lexicon, seg).date is None
    assert parse_plan(text.replace("2月30日", "2月28日"), "t.txt", lexicon, seg).date == "2026-02-28"


@pytest.mark.parametrize("lines, want", [
    # A body's name on its own line, then the date: the first such signature (a covering letter's) dates the document.
    (["…工作。", "附件：2015年扩大投资项目一览表", "平潭综合实验区管委会", "2015年6月29日"], "2015-06-29"),
    (["…工作。", "某市人民政府办公室", "2026年3月5日", "某方案", "…", "某市发展和改革委员会", "2026年2月1日"], "2026-03-05"),
    (["国务院", "二〇一八年十一月七日", "（此件公开发布）"], "2018-11-07"),
    # No body above it: a date on a line of its own closing the text, at most a bracketed remark after it.
    (["…认真落实。", "2016年12月20日"], "2016-12-20"),
    (["…认真落实。", "2016年12月20日", "（此件公开发布）"], "2016-12-20"),
    # Dates in sentences, or a date line the text goes on after, sign nothing.
    (["本方案自2022年2月1日起实施。"], None),
    (["2016年12月20日", "一、工作任务"], None),
    (["某市人民政府", "2月30日"], None),
    # Review: a deadline or a cell after a unit's name is no signature; the real one after it is.
    (["责任单位：", "县交通运输局", "完成时限：2019年6月30日前", "…", "某县人民政府", "2021年3月5日"], "2021-03-05"),
])
def test_signature_date(lines: list[str], want: str | None) -> None:
    assert signature_date(lines) == want


def test_a_plan_dated_only_in_its_signature_dates_its_issue_year_targets(lexicon, seg) -> None:
    # 平潭 扩大有效投资 (heldout77): no date in the head, the signature after the annex list (which normalising drops)
    # dates it, and "年内" in a plan without a period is of that year.
    from ingest.parse import parse_plan

    text = ("岚综管综〔2015〕141号\n平潭综合实验区管委会\n关于进一步扩大有效投资的实施意见\n区直各单位：\n现提出如下实施意见：\n"
            "一、加快城市公用设施工程建设\n（一）城市燃气管网。力争年内新增燃气管网10公里。\n（二）城市停车场。新建一批停车场。\n"
            "附件：平潭综合实验区2015年扩大投资项目一览表\n平潭综合实验区管委会\n2015年6月29日\n")
    plan = parse_plan(text, "c.txt", lexicon, seg)
    assert plan.date == "2015-06-29"
    assert [(t.value, t.year) for i in plan.items for t in i.targets] == [(10.0, 2015)]
    # The 版记's 印发 date when nothing signs it.
    plan = parse_plan(text.replace("平潭综合实验区管委会\n2015年6月29日\n", "平潭综合实验区管委会办公室 2015年7月2日印发\n"),
                      "c.txt", lexicon, seg)
    assert plan.date == "2015-07-02"
