"""Incentives: each figure of an incentive clause by its role, never a target."""
from __future__ import annotations

import pytest

from ingest.incentives import extract_incentives
from ingest.records import Span
from ingest.targets import extract_targets


def kinds(sentence: str) -> list[tuple[str, float, str]]:
    return [(x.kind, x.amount, x.unit) for x in extract_incentives(sentence, Span(0, len(sentence)))]


@pytest.mark.parametrize("sentence, want", [
    ("对新引进的整机制造企业，固定资产投资额达到1亿元的，按实际投资额的10%给予补助，单个企业最高不超过3000万元。",
     [("threshold", 1, "亿元"), ("rate", 10, "%"), ("cap", 3000, "万元")]),
    ("对年主营业务收入首次突破5000万元、1亿元的配套企业，分别给予50万元、100万元一次性奖励。",
     [("threshold", 5000, "万元"), ("threshold", 1, "亿元"), ("award", 50, "万元"), ("award", 100, "万元")]),
    ("对首次购房的新市民给予每平方米200元购房补贴。", [("subsidy", 200, "元")]),
    ("对企业贷款按LPR的50%给予贴息，单个企业年度贴息不超过100万元。", [("rate", 50, "%"), ("cap", 100, "万元")]),
    ("对单个项目给予最高300万元资助。", [("cap", 300, "万元")]),
    ("给予不超过5元/千瓦时的放电补贴。", [("cap", 5, "元/千瓦时")]),
    ("省级财政安排2.55亿元，支持数字经济发展。", [("subsidy", 2.55, "亿元")]),
])
def test_figures_by_role(sentence: str, want: list) -> None:
    assert kinds(sentence) == want


@pytest.mark.parametrize("sentence", [
    "全年争取超长期特别国债资金15亿元以上，推动项目建设。",
    "到2027年，引进培育整机制造企业8家以上。",
    "设立规模10亿元的低空经济产业基金，引导社会资本参与。",
])
def test_no_incentive_where_nothing_is_offered(sentence: str) -> None:
    assert kinds(sentence) == []


def test_beneficiary_and_condition() -> None:
    s = "对年飞行架次超过1万架次的航线运营企业，按每架次10元给予运营补贴。"
    x = extract_incentives(s, Span(0, len(s)))
    assert {i.beneficiary for i in x} == {"航线运营企业"}
    assert x[0].condition and x[0].condition.startswith("对年飞行架次超过1万架次")


def test_parse_keeps_incentives_out_of_targets(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    text = ("景德镇市支持低空经济发展若干措施\n一、支持企业落地\n1.对新引进的整机企业给予最高500万元奖励。"
            "到2027年，引进整机企业8家以上。（责任单位：市工信局）\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    item = plan.items[0]
    assert [(x.kind, x.amount) for x in item.incentives] == [("cap", 500)]
    assert [(t.value, t.unit) for t in item.targets] == [(8, "家")]
    # The sentence alone, read as targets, would not offer the 500万元 either.
    assert all(t.value != 500 for t in extract_targets(item.text, Span(0, len(item.text)), None))
    # What the buyer buys, inside an incentive's condition, is no goal; the plan's own count after it is.
    text = ("某市消费品以旧换新实施方案\n一、支持家电以旧换新\n1.个人消费者购买冰箱、洗衣机、电视等6类家电中能效标准的产品，"
            "按产品销售价格的15%给予补贴。到2027年，新增回收网点50个。（责任单位：市商务局）\n")
    item = parse_plan(text, "t.txt", lexicon, seg).items[0]
    assert [(t.value, t.unit) for t in item.targets] == [(50, "个")]


def test_fee_cuts_ranges_and_months() -> None:
    # A fee cut is a rate granted; a discount in 折 too.
    assert kinds("继续执行工伤保险费率下调20%政策。") == [("rate", 20, "%")]
    assert kinds("对通行我省收费公路的电动货车实行通行费7折优惠。") == [("rate", 7, "折")]
    # A range's low end takes the unit written after its high end.
    assert kinds("按车型给予1—14万元不等的定额资金补贴。") == [("subsidy", 1, "万元"), ("subsidy", 14, "万元")]
    # A span of months with 以上 is a minimum to qualify; one that says how long something offered lasts is none.
    assert kinds("对足额缴纳3个月以上失业保险费的企业，按照1500元/人标准发放一次性扩岗补助。") == [
        ("threshold", 3, "个月"), ("subsidy", 1500, "元/人")]
    assert kinds("组织失业青年参加3—12个月的就业见习，按规定给予就业见习补贴。") == []
    # Cutting emissions is no fee cut.
    assert kinds("到2027年，单位产值能耗下调20%。") == []


def test_tax_relief_and_fee_cuts_by_a_share() -> None:
    # 南京 and 福清 2023 (heldout27): a share of an investment deducted from taxable income, an extra share deducted from
    # tax, a fee standard cut and a share of a loan increase paid as funds are rates the plan grants.
    assert kinds("对初创科技型企业投资的，按投资额70%抵扣应纳税所得额。") == [("rate", 70, "%")]
    assert kinds("允许生产性服务业纳税人按照当期可抵扣进项税额加计5%抵减应纳税额。") == [("rate", 5, "%")]
    assert kinds("将防空地下室易地建设费收费标准下调20%。") == [("rate", 20, "%")]
    assert kinds("按相关地方法人银行普惠小微贷款余额增量的2%提供资金支持。") == [("rate", 2, "%")]
    # Near misses: a share of deductible input tax reached as a goal, and a price or an emission cut, grant nothing.
    assert kinds("到2025年，进项税额抵扣链条完整率达到95%。") == []
    assert kinds("到2027年，单位产值能耗下调20%。") == []
    # A review's cases: 减征 as a goal's word, and a fee cut of at least a share by a date, are goals.
    assert kinds("到2025年，减征政策落实率达到100%，惠及市场主体10万户以上。") == []
    assert kinds("全年为市场主体减征各类税费10亿元以上。") == []
    assert kinds("到2025年，全市公共停车场收费标准下调10%以上。") == []
    assert kinds("落实好增值税小规模纳税人在50%幅度范围内减征资源税。") == [("rate", 50, "%")]


def test_near_misses_of_the_fee_cut_and_range_rules_first_review() -> None:
    # A rate cut to a level is a condition; savings after a cut, and a cut by an amount, are no grant.
    assert kinds("贷款利率下调至3.5%以下的，给予50%贴息。") == [("threshold", 3.5, "%"), ("rate", 50, "%")]
    assert kinds("电价下调后企业每年节省电费约3000万元。") == []
    assert kinds("2023年全市一般工商业电价下调0.02元/千瓦时。") == []
    # Both ends of a range play the part the range plays.
    assert kinds("给予最高3至5万元奖励。") == [("cap", 3, "万元"), ("cap", 5, "万元")]


def test_a_price_or_fee_cut_as_a_goal_is_no_incentive_second_review() -> None:
    assert kinds("推动港口收费下调10%以上，企业物流费用下调5%。") == []
    assert kinds("推动集采药品价格下调50%以上。") == []


def test_what_one_beneficiary_may_reach_is_a_cap() -> None:
    # "单个企业可达200万元" after a grant caps it; a forecast that may reach a figure offers nothing.
    assert kinds("按实际投入给予5%的一次性支持，单个企业可达200万元。") == [("rate", 5, "%"), ("cap", 200, "万元")]
    assert kinds("到2027年，产业规模可达200亿元。") == []


def test_a_minimum_before_the_grant_qualifies() -> None:
    # "1亿元及以上新建项目按…给予补助": the figure says who qualifies, with no 的 after it.
    got = kinds("对引入企业实施总投资1亿元及以上新建项目按政策给予补助。")
    assert got == [("threshold", 1, "亿元")]
    # A figure after the grant keeps its role, 以上 or not; funding sought with no figure offers nothing.
    assert kinds("给予一次性奖励50万元以上。") == [("award", 50, "万元")]
    assert kinds("积极争取上级资金支持。") == []


def test_a_forecast_that_may_reach_a_figure_is_no_cap_first_review() -> None:
    assert kinds("对新落户的总部企业给予一次性奖励500万元，项目全部投产后年产值可达30亿元。") == [("award", 500, "万元")]
    assert kinds("按投资额的20%给予补贴，改造后企业年节约成本可达200万元。") == [("rate", 20, "%")]
    assert kinds("对新建充电站按投资额的30%给予补贴，单个项目补贴可达200万元。") == [("rate", 30, "%"), ("cap", 200, "万元")]


def test_near_misses_of_the_grant_words_second_review() -> None:
    # Funding sought or received is no grant; applying for it is.
    assert kinds("加大财政资金支持力度，对年营业收入首次突破1亿元的企业给予50万元奖励。") == [
        ("threshold", 1, "亿元"), ("award", 50, "万元")]
    assert kinds("全年争取中央预算内资金支持10亿元以上。") == []
    # A bare 以上 may size what is offered; 每户 and 单个项目 before a forecast cap nothing.
    assert kinds("每年拿出5000万元以上资金用于奖励。")[0][0] != "threshold"
    assert kinds("对参与托管的农户给予补贴，每户年均增收可达3000元。") == []
    assert kinds("对新引进项目给予奖励100万元，单个项目年产值可达10亿元。") == [("award", 100, "万元")]
    assert kinds("给予承训机构可达10万元资金支持。") == [("cap", 10, "万元")]


def test_near_misses_of_the_grant_words_third_review() -> None:
    # Applying for funds is no grant, in a goal or a condition; a minimum with （含） qualifies, a share or a sum
    # of funds 及以上 does not; 可达 after a beneficiary's period or total caps, after a forecast does not.
    assert kinds("全年帮助企业申请上级资金支持5亿元以上。") == []
    assert kinds("对成功申请国家资金支持且总投资1亿元以上的项目，给予一次性奖励50万元。") == [
        ("threshold", 1, "亿元"), ("award", 50, "万元")]
    assert kinds("对年营业收入5000万元（含）以上企业给予一次性奖励20万元。") == [("threshold", 5000, "万元"), ("award", 20, "万元")]
    assert kinds("各县区按30%及以上比例给予配套补助。") == [("rate", 30, "%")]
    assert kinds("对新建充电站按投资额的30%给予补贴，单个企业每年可达200万元。") == [("rate", 30, "%"), ("cap", 200, "万元")]
    assert kinds("对光伏扶贫项目给予补贴后每户年增收可达3000元。") == [("subsidy", 3000, "元")]


def test_near_misses_of_the_grant_words_fourth_review() -> None:
    # A share applied for is granted; what a named beneficiary may reach caps, whatever its name holds (销售, 收入);
    # a size or a forecast after 单个项目/每户 does not.
    assert kinds("承建单位可按项目投资总额的30%申请专项资金支持，单个项目最高3000万元。") == [
        ("rate", 30, "%"), ("cap", 3000, "万元")]
    assert kinds("对低收入农户给予产业奖补，单个低收入户可达5000元。") == [("cap", 5000, "元")]
    assert kinds("对新认定的电商平台给予奖励，单个销售企业可达50万元。") == [("cap", 50, "万元")]
    assert kinds("对重大产业项目给予贴息支持，单个项目总投资可达50亿元。") == []
    assert kinds("对参与光伏扶贫的村给予补贴，每户年收益可达3000元。") == []
    # A share 及以上 is the rate paid; 及以上 before a sum of 财政资金 sizes it.
    assert kinds("各县区按20%及以上给予配套补助。") == [("rate", 20, "%")]
    assert [k for k, _, _ in kinds("市财政每年安排1000万元及以上财政资金用于奖补。")] == ["subsidy", "subsidy"]


def test_a_share_that_qualifies_is_a_threshold_fifth_review() -> None:
    # A share 及以上 names who qualifies unless the grant pays it (按…).
    assert kinds("产值增速达到15%及以上企业一次性奖励20万元。") == [("threshold", 15, "%"), ("award", 20, "万元")]
    assert kinds("各县区按20%及以上给予配套补助。") == [("rate", 20, "%")]


def test_what_a_buyer_buys_qualifies_nineteenth_set() -> None:
    # The engine size of a car bought qualifies; a grade (1级能效) is left, as the writers leave it.
    assert kinds("个人消费者报废乘用车，并购买2.0升及以下排量燃油乘用车的，给予汽车报废更新补贴支持。") == [("threshold", 2.0, "升")]
    assert kinds("个人消费者购买6类家电中1级能效或水效标准的产品，按产品销售价格的15%给予补贴。") == [("rate", 15, "%")]
    # A bracket bounding what is bought opens the condition; without the bound the clause is no condition.
    assert kinds("个人消费者购买手机、平板等4类产品（单件销售价格不超过6000元），按产品销售价格的15%给予补贴。") == [
        ("threshold", 6000, "元"), ("rate", 15, "%")]
    assert kinds("个人消费者购买手机、平板等4类产品（含智能手表），按产品销售价格的15%给予补贴。") == [("rate", 15, "%")]


def test_near_misses_of_what_a_buyer_buys_first_review() -> None:
    # A bracket capping the grant or naming a term bounds nothing bought.
    assert kinds("安排专项资金支持中小企业数字化转型（每家不超过50万元），按投资额的30%给予补助。") == [("rate", 30, "%")]
    assert kinds("市财政安排2亿元设立产业发展专项资金（以下简称专项资金），按项目投资额的10%给予补助。") == [
        ("subsidy", 2, "亿元"), ("rate", 10, "%")]
    # The 对 of 对标 or 针对 opens no condition.
    x = extract_incentives(s := "对标国际先进水平，新建5G基站3000座，对新建基站的运营商按每座1万元给予补贴。", Span(0, len(s)))
    assert [i.condition for i in x] == ["对新建基站的运营商按每座1万元"]


def test_goals_before_an_incentive_stay_goals(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    # Only the count of a list the condition names is no goal; goals before an allocation or a grant stay.
    for sentence, want in [("到2025年，新建充电桩1000个，市财政安排5亿元支持充电设施建设。", [(1000, "个")]),
                           ("全年培育省级以上的专精特新企业20家，按每家50万元给予奖励。", [(20, "家")]),
                           ("到2025年，全市新建的公共充电桩达到1万个，按每千瓦200元给予建设补贴。", [(1, "万个")])]:
        item = parse_plan(f"某市行动方案\n一、重点任务\n1.推进建设。{sentence}（责任单位：市发改委）\n", "t.txt", lexicon, seg).items[0]
        assert [(t.value, t.unit) for t in item.targets] == want, sentence


def test_a_subsidy_per_square_metre_written_in_letters() -> None:
    # 铜鼓县 2024 (heldout30): "元/m2" is a rate per area, as "元/平方米" and "元/㎡" are.
    sentence = "属首次购买新建商品住房的,县财政给予200元/m2的购房补贴,属购买改善性住房的,县财政给予150元/m²的购房补贴。"
    assert [(x.amount, x.unit) for x in extract_incentives(sentence, Span(0, len(sentence)))] == [
        (200, "元/m2"), (150, "元/m²")]


def test_support_taken_back_is_no_incentive() -> None:
    # 上海 沪发改规范〔2024〕8号 (heldout79): "虚报次数在3次以下的（含3个），市级支持资金比例扣减1%" is a sanction on the
    # subsidy, read as a rate and a threshold; a grant in the same plan stays one, and so does a sanction's own sentence
    # that also grants ("给予50元/亩的补贴，虚报的追回补贴" grants in its first clause).
    for sentence in ("虚报次数在3次以下的（含3个），市级支持资金比例扣减1%。", "虚报次数超过3次的，市级支持资金比例扣减3%。",
                     "对虚报面积的，追回补贴资金的10%。"):
        assert extract_incentives(sentence, Span(0, len(sentence))) == [], sentence
    sentence = "对实施机械化还田的农机户，给予50元/亩的资金补贴，虚报的追回补贴。"
    assert [(x.amount, x.unit) for x in extract_incentives(sentence, Span(0, len(sentence)))] == [(50, "元/亩")]
    # Review (helper 580): what a grant's base leaves out is no sanction ("扣除已获上级补助资金后的10%给予奖励").
    for sentence, amounts in (("对技改项目，按照设备投资额扣除已获上级补助资金后的10%给予奖励，最高不超过500万元。", [10, 500]),
                              ("对上市企业，在扣除省市奖励资金后给予一次性奖励200万元。", [200])):
        assert [x.amount for x in extract_incentives(sentence, Span(0, len(sentence)))] == amounts, sentence
    # Near miss: a relief that deducts taxes is a grant (贵州 2022, heldout27: "…予以定额每人每年7800元依次扣减增值税…").
    sentence = "对招聘高校毕业生的企业，符合条件的在3年内按实际招用人数予以定额每人每年7800元依次扣减增值税和企业所得税。"
    assert [x.amount for x in extract_incentives(sentence, Span(0, len(sentence)))] == [7800]


def test_loan_ceilings_are_caps() -> None:
    # 漯河, 湘潭 2023 (heldout37), 南县 2022 (heldout35): a loan ceiling a measure raises or sets is a cap the borrower
    # gets; the ceiling it replaces is not offered.
    assert kinds("夫妻双方连续足额缴存住房公积金的,最高贷款额度由40万元提高至50万元;") == [("cap", 50, "万元")]
    assert kinds("引进的高层次人才使用公积金贷款最高额度分类别提高到80万元、60万元。") == [("cap", 80, "万元"), ("cap", 60, "万元")]
    assert kinds("高层次人才住房公积金贷款最高限额可达90万元。") == [("cap", 90, "万元")]
    assert kinds("个人创业担保贷款额度提升至30万元。") == [("cap", 30, "万元")]
    # Near misses: a figure before the words, a share of the ceiling, a ceiling named with no figure.
    for sentence in ("金融机构对我省投放1万亿元贷款额度。", "合理提高住房公积金贷款额度上限,对多子女家庭可提高20%的贷款额度。",
                     "提高贷款额度,延长贷款期限。"):
        assert kinds(sentence) == [], sentence


def test_review_loan_ceilings_are_only_ceilings() -> None:
    # Review (helper 271): a loan sum that is a goal, what qualifies, or a grant's base is no ceiling.
    for sentence in ("到2025年，涉农贷款额度达到5000万元。", "争取贷款额度不少于5000万元。", "发放贷款额度8000万元，惠及企业300家。",
                     "贷款额度为5000万元的项目优先。", "贷款额度在10万元以下的免予担保。", "降低贷款额度门槛至10万元。"):
        assert kinds(sentence) == [], sentence
    assert kinds("对贷款额度1000万元以上的项目，按实际利息的50%给予贴息。") == [("threshold", 1000, "万元"), ("rate", 50, "%")]
    assert kinds("按照实际贷款额度给予一次性奖励20万元。") == [("award", 20, "万元")]
    # A ceiling in 亿元, one whose old amount follows 从 or 由原, one set for whom it holds.
    assert kinds("最高贷款额度由5000万元提高至1亿元。") == [("cap", 1, "亿元")]
    assert kinds("公积金贷款最高额度从50万元提高至60万元。") == [("cap", 60, "万元")]
    assert kinds("贷款最高限额双职工（夫妻双方缴纳住房公积金）由原70万元调整为90万元。") == [("cap", 90, "万元")]
    assert kinds("多子女家庭贷款最高贷款额度为双缴存职工96万元。") == [("cap", 96, "万元")]
