"""Quantitative targets: value, unit, comparator, year and metric, pinned per rule."""
import pytest

from ingest.records import Span
from ingest.targets import extract_targets, find_times


def targets(text: str, period=(2026, 2028)):
    return [
        (t.metric, t.comparator, t.value, t.unit, t.year, t.yearly, t.year_inferred)
        for t in extract_targets(text, Span(0, len(text)), period)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("到2028年，全市拥有高新技术企业280家左右。", ("高新技术企业", "~", 280, "家", 2028)),
        ("到2028年，专精特新企业不少于13家。", ("专精特新企业", ">=", 13, "家", 2028)),
        ("到2028年，集群规模突破2000亿元。", ("集群规模", ">", 2000, "亿元", 2028)),
        ("到2028年，累计建成绿色工厂30家以上。", ("绿色工厂", ">=", 30, "家", 2028)),
        ("到2028年，技改投资比重达到28%左右。", ("技改投资比重", "~", 28, "%", 2028)),
        ("到2028年，力争完成数字化改造企业达700家。", ("数字化改造企业", "=", 700, "家", 2028)),
        ("到2027年底，能耗强度控制在0.5吨以内。", ("能耗强度", "<=", 0.5, "吨", 2027)),
        ("2026年底前，建成公共充电桩5000个。", ("公共充电桩", "=", 5000, "个", 2026)),
        ("到2027年，算力规模超过500PFlops。", ("算力规模", ">", 500, "PFlops", 2027)),
        # "不超过" ends in "超过", "不高于" in "高于": the negated forms win.
        ("到2027年，审批时间不超过15个工作日。", ("审批时间", "<=", 15, "个工作日", 2027)),
        ("到2027年，能耗强度不高于0.5吨标准煤。", ("能耗强度", "<=", 0.5, "吨标准煤", 2027)),
        ("到2027年，通关时间压缩至2小时以内。", ("通关时间", "<=", 2, "小时", 2027)),
        ("到2028年，集装箱吞吐量达到60万标准箱。", ("集装箱吞吐量", "=", 60, "万标准箱", 2028)),
        ("到2028年，茶园面积稳定在12万亩以上。", ("茶园面积", ">=", 12, "万亩", 2028)),
        ("到2027年，举办招聘活动200场以上。", ("举办招聘活动", ">=", 200, "场", 2027)),
        ("到2027年，工业设备上云突破50万台（套）。", ("工业设备上云", ">", 50, "万台（套）", 2027)),
        # Charging connectors counted by the gun (云南 2026, heldout82).
        ("到2027年，全省公共充电设施达到25万枪。", ("公共充电设施", "=", 25, "万枪", 2027)),
    ],
)
def test_comparators_units_years(text: str, expected) -> None:
    (got,) = targets(text)
    assert got[:5] == expected


def test_count_before_noun_and_scale_levels() -> None:
    text = "到2028年，成功培育1个千亿级集群，2个500亿级集群。"
    got = extract_targets(text, Span(0, len(text)), (2026, 2028))
    assert [(t.metric, t.value, t.unit, t.scale_value, t.scale_unit) for t in got] == [
        ("千亿级集群", 1, "个", 1000, "亿元"),
        ("500亿级集群", 2, "个", 500, "亿元"),
    ]


def test_standalone_scale_reads_as_value() -> None:
    assert targets("到2027年，打造千亿级陶瓷产业集群。")[0][:5] == ("陶瓷产业集群", ">=", 1000, "亿元", 2027)


def test_period_each_year_binds_to_its_clause() -> None:
    text = "2026—2028年，每年引进单个项目投资不低于10亿元的引领性项目不少于3个；滚动实施100个工业项目。"
    got = extract_targets(text, Span(0, len(text)), (2026, 2028))
    assert [(t.metric, t.comparator, t.value, t.year, t.yearly) for t in got] == [
        ("引领性项目", ">=", 3, 2028, True),
        ("工业项目", "=", 100, 2028, False),
    ]
    assert got[0].qualifier == "单个项目投资不低于10亿元"
    assert got[0].deadline == "2026—2028年，每年"


def test_year_inferred_from_plan_period_when_unstated() -> None:
    assert targets("新增各类荣誉不少于30项。") == [("新增各类荣誉", ">=", 30, "项", 2028, False, True)]
    assert targets("新增各类荣誉不少于30项。", period=None) == [("新增各类荣誉", ">=", 30, "项", None, False, False)]


def test_time_after_target_applies_only_in_its_clause() -> None:
    got = targets("新建基站3000个以上，2026年底前实现全覆盖。", period=(2025, 2027))
    assert got == [("新建基站", ">=", 3000, "个", 2027, False, True)]


@pytest.mark.parametrize(
    "text",
    [
        "立足“1+2+N”特色产业体系，健全“六个一”机制。",
        "专精特新‘小巨人9、单项冠军企业",
        "编制“十五五”规划，2026年2月14日印发。",
        "对新增产能项目给予最高500万元奖励。",
        "目前全市已有高新技术企业200家。",
        "实施三年行动，推动3年内全覆盖。",
        # A duration or a count of events with no comparator is a description, not a target.
        "提供24小时自助服务，每年开展清理1次。",
        # A year that opens the sentence and lies before the plan's period: a baseline.
        "2024年，全区跨境电商交易额为22亿元，同比增长35%。",
        # 部 of 部门 / 部委 is no unit of measure.
        "联合市发改委等12部门建立联席会议制度。",
    ],
)

def test_no_spurious_targets(text: str) -> None:
    assert targets(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # A pre-period year that does not open the sentence is a base, not the target's year.
        ("在2025年基础上，全市单位地区生产总值能耗下降15%。", ("单位地区生产总值能耗下降", "=", 15, "%")),
        ("自2024年起，全市每年新增规上工业企业50家以上。", ("新增规上工业企业", ">=", 50, "家")),
    ],
)
def test_pre_period_year_inside_the_sentence_keeps_the_target(text: str, expected) -> None:
    (got,) = targets(text)
    assert got[:4] == expected


def test_find_times() -> None:
    assert [(t.year, t.text, t.period) for t in find_times("2026—2028年，每年…到2027年底，2026年底前")] == [
        (2028, "2026—2028年", True),
        (2027, "到2027年底", False),
        (2026, "2026年底前", False),
    ]


def test_thousands_separator_baseline_year_and_month_deadline() -> None:
    assert targets("到2028年，全市数字经济规模突破1,000亿元，新增企业1,200家。") == [
        ("数字经济规模", ">", 1000, "亿元", 2028, False, False),
        ("新增企业", "=", 1200, "家", 2028, False, False),
    ]
    # "比2025年" names the baseline year, not the deadline.
    assert targets("到2028年，单位GDP能耗比2025年下降15%。")[0][4] == 2028
    text = "2026年6月底前完成企业改造100家。"
    (month,) = extract_targets(text, Span(0, len(text)), (2026, 2028))
    assert (month.metric, month.year, month.deadline, month.year_inferred) == ("企业改造", 2026, "2026年6月底前", False)


def test_baseline_figure_is_skipped_and_its_metric_carried() -> None:
    got = targets("2025年全市能耗为500万吨，到2028年控制在480万吨以内。", period=(2026, 2028))
    assert got == [("能耗", "<=", 480, "万吨", 2028, False, False)]


def test_respectively_pairs_values_with_years() -> None:
    got = targets("到2026年、2027年、2028年，全市高新技术企业数量分别达到100家、200家、300家。")
    assert [(m, v, y) for m, _, v, _, y, _, _ in got] == [
        ("高新技术企业数量", 100, 2026), ("高新技术企业数量", 200, 2027), ("高新技术企业数量", 300, 2028)
    ]


def test_enumerated_sentences_inherit_the_deadline_before_them() -> None:
    text = "到2028年，现代物流体系基本建成。一是社会物流总额突破7000亿元；二是物流业增加值达到450亿元左右。三是开通航线2条。"
    got = targets(text, (2026, 2030))
    assert [(m, c, v, y, inferred) for m, c, v, _, y, _, inferred in got] == [
        ("社会物流总额", ">", 7000, 2028, False),
        ("物流业增加值", "~", 450, 2028, False),
        ("开通航线", "=", 2, 2028, False),
    ]
    # A deadline that opens a paragraph governs its later sentences too (real plans state it once:
    # "到2020年，…。…达到70%。"); a new paragraph stands alone and takes the period's end.
    assert targets("到2028年，体系基本建成。开通航线2条。", (2026, 2030))[0][4:] == (2028, False, False)
    assert targets("到2028年，体系基本建成。\n开通航线2条。", (2026, 2030))[0][4:] == (2030, False, True)


def test_share_before_its_noun() -> None:
    assert targets("到2028年，全县80%以上行政村推行积分制管理。") == [("行政村推行积分制管理", ">=", 80, "%", 2028, False, False)]



@pytest.mark.parametrize(
    "text, expected",
    [
        # A threshold before a noun is a qualifier only when the noun has its own count.
        ("到2028年，企业开办时间压缩至1个工作日以内办结。", ("企业开办时间", "<=", 1, "个工作日")),
        ("到2028年，全年完成工业投资300亿元以上目标。", ("全年完成工业投资", ">=", 300, "亿元")),
        ("到2028年，实现中心城区至各县（市、区）1小时以内通达。", ("中心城区至各县（市、区）", "<=", 1, "小时")),
        # "对…的" without an incentive after it is an ordinary task sentence.
        ("到2028年，对全市300家以上的规上工业企业开展免费数字化诊断。", ("对全市", ">=", 300, "家")),
    ],
)
def test_rules_for_conditions_keep_ordinary_targets(text: str, expected) -> None:
    (got,) = targets(text)
    assert got[:4] == expected


def test_conditions_thresholds_and_past_periods_are_not_targets() -> None:
    assert targets("对年主营业务收入首次突破5000万元、1亿元的企业，分别给予50万元、100万元奖励。") == []
    assert [t[:4] for t in targets("全年引进10亿元以上工业项目25个。")] == [("工业项目", "=", 25, "个")]
    assert targets("“十四五”期间，全市累计接待游客1亿人次。", (2026, 2030)) == []
    # A single dated clause does not borrow the clause before it as its metric.
    assert targets("坚持规划引领，2028年建成5个。", (2026, 2030)) == []


def test_and_below_is_a_bound_and_a_threshold_before_a_counted_noun() -> None:
    assert [t[:4] for t in targets("到2027年，单位能耗降至0.5吨标准煤及以下。")] == [("单位能耗", "<=", 0.5, "吨标准煤")]
    assert targets("推动160千瓦及以下小微企业全面实行低压接入。") == []



def test_time_before_the_period_describes_and_new_energy_units() -> None:
    got = targets("以2000年底前建成的老旧小区为重点，三年共改造老旧小区420个。", (2026, 2028))
    assert [t[:5] for t in got] == [("三年共改造老旧小区", "=", 420, "个", 2028)]
    assert [t[2:4] for t in targets("到2028年，储能电池产能达到80GWh，加装电梯不少于200部。")] == [(80, "GWh"), (200, "部")]
    assert targets("提高社区健康管理服务率，到2030年达到75%。", (2026, 2030))[0][:5] == ("提高社区健康管理服务率", "=", 75, "%", 2030)



def test_a_deadline_before_the_period_stays_a_deadline() -> None:
    assert targets("2025年底前建成公共充电桩500个。", (2026, 2030))[0][4] == 2025


def test_a_figure_in_a_tables_year_column_is_that_years() -> None:
    """"| 指标 | 目标 |" over "| 2024年 | 2025年 | 2026年 |": each figure of a row takes its column's year (the year
    header is aligned at the right, as merged header cells leave it); a table without year columns keeps the plan's,
    and a weight ("36%权重") is no goal."""
    text = ("|序号|指标|目标|\n|2024年|2025年|2026年|\n|1|用户侧光伏装机规模（累计）|>90万千瓦|>120万千瓦|>150万千瓦|\n"
            "|2|新能源汽车保有量占比|>10%|>13%|>17%|\n")
    got = [(t.value, t.year) for t in extract_targets(text, Span(0, len(text)), (2024, 2026))]
    assert got == [(90, 2024), (120, 2025), (150, 2026), (10, 2024), (13, 2025), (17, 2026)]
    plain = "|序号|指标|目标|\n|1|用户侧光伏装机规模|>150万千瓦|\n"
    assert [(t.value, t.year) for t in extract_targets(plain, Span(0, len(plain)), (2024, 2026))] == [(150, 2026)]
    weights = "| 1 | 玉米 | 1.耕（36%权重） | 秸秆还田 |\n"
    assert extract_targets(weights, Span(0, len(weights)), (2024, 2026)) == []


def test_near_misses_of_the_year_column_rule() -> None:
    """The second reviewer's: a row of plain numbers is no year header, a row that lost a merged cell keeps the
    plan's year, a column before the plan's period is where it starts from, and only a weight itself is no goal."""
    def years(text: str) -> list[tuple[float, int | None]]:
        return [(t.value, t.year) for t in extract_targets(text, Span(0, len(text)), (2025, 2027))]

    assert years("|6|新建充电桩（个）|2000|2050|2100|\n|7|光伏装机规模|>50万千瓦|>70万千瓦|>90万千瓦|\n") == [
        (50, 2027), (70, 2027), (90, 2027)]
    assert years("|指标|2025年|2026年|2027年|责任单位|\n|新能源出租车占比|50%|60%|70%|\n") == [
        (50, 2027), (60, 2027), (70, 2027)]
    assert years("|指标|2023年|2025年|\n|新能源汽车渗透率|35%|45%|\n") == [(45, 2025)]
    assert years("全区新能源公交车占比达到100%（考核权重10%）。") == [(100, 2027)]


def test_near_misses_of_the_year_column_rule_second_review() -> None:
    """The second round's: another table's header ends the year columns, a years-only header row counts from the
    right only under a header whose last cell it splits, and a weight's other wordings are no goals."""
    def years(text: str) -> list[tuple[float, int | None]]:
        return [(t.value, t.year) for t in extract_targets(text, Span(0, len(text)), (2025, 2027))]

    assert years("|序号|指标|2024年|2027年|\n|1|光伏装机容量|5万千瓦|20万千瓦|\n表2 重点项目\n"
                 "|序号|项目名称|建设规模|总投资|\n|1|某园区屋顶光伏|2万千瓦|1.2亿元|\n") == [
        (20, 2027), (2, 2027), (1.2, 2027)]
    assert years("|序号|指标|基期值|目标值|责任单位|\n|2024年|2025年|2027年|\n|1|光伏装机容量|5万千瓦|10万千瓦|20万千瓦|区发改委|\n") == [
        (5, 2027), (10, 2027), (20, 2027)]
    assert years("考核指标所占权重分别为30%、20%。权重占比15%。") == []


def test_near_misses_of_the_year_column_rule_third_review() -> None:
    """The third round's: a project row's start and end years are data, not a header, and only a figure that sits in
    an early year column is dropped as a baseline."""
    def years(text: str) -> list[tuple[float, int | None]]:
        return [(t.value, t.year) for t in extract_targets(text, Span(0, len(text)), (2025, 2027))]

    got = years("|序号|项目名称|建设内容|开工年份|竣工年份|\n|1|临湖换电站|建设换电站3座|2025年|2026年|\n"
                "|2|城北充电网|新建充电桩500个|2025年|2027年|\n")
    assert [v for v, _ in got] == [3, 500]
    assert years("|指标|2024年|2025年|2026年|2027年|\n|新能源车占比|>30%|>40%|>50%|>60%|\n") == [
        (40, 2025), (50, 2026), (60, 2027)]


def test_a_row_with_an_empty_last_cell_keeps_its_columns_from_the_right() -> None:
    """The fourth round's: under a years-only header read from the right, a row whose last cell is empty keeps its
    figures in their own columns."""
    text = "|序号|指标|年度目标|\n|2024年|2025年|2026年|\n|2|新能源车占比|>30%|>40%||\n"
    assert [(t.value, t.year) for t in extract_targets(text, Span(0, len(text)), (2024, 2026))] == [(30, 2024), (40, 2025)]


def test_a_rate_keeps_its_per() -> None:
    """"24万吨/天" and "1800m3/d" are rates, "40000亩次" a count of passes; "5万吨" alone stays a mass."""
    assert [(v, u) for _, _, v, u, *_ in targets("处理能力提高至24万吨/天，规模为1800m3/d，应用面积达到40000亩次。")] == [
        (24, "万吨/天"), (1800, "m3/d"), (40000, "亩次")]
    assert [(v, u) for _, _, v, u, *_ in targets("年处理能力达到5万吨。")] == [(5, "万吨")]


def test_a_year_before_a_figure_dates_it() -> None:
    """"2018年345个" (a table's year and its figure) is the year 2018; "2018年12月" stays a month, and a label before
    a colon names what a lone dated figure counts."""
    assert [t.year for t in find_times("2018年345个")] == [2018]
    assert [t.text for t in find_times("2018年12月底前完成")] == ["2018年12月底前"]
    assert [(m, v, y) for m, _, v, _, y, *_ in targets("干垃圾车标识更新：2018年89辆。", period=(2018, 2020))] == [
        ("干垃圾车标识更新", 89, 2018)]


def test_near_misses_of_the_glued_year_first_review() -> None:
    """A year before the plan glued to a figure is that figure's baseline, not the target's year; one inside the plan
    governs the clauses after it; a generic label before a colon names no measure."""
    assert [(v, y) for _, _, v, _, y, *_ in targets("到2025年，森林覆盖率由2020年23.5%提高到25%。", period=(2021, 2025))] == [
        (25, 2025)]
    assert [(v, y) for _, _, v, _, y, *_ in targets("PM2.5平均浓度从2020年35微克/立方米降至30微克/立方米。",
                                                    period=(2021, 2025))] == [(30, 2025)]
    got = targets("2024年2个国省考点大气设备监控能力提升，3家乡镇微站大气设备监控能力提升。", period=(2024, 2027))
    assert [(v, y) for _, _, v, _, y, *_ in got] == [(2, 2024), (3, 2024)]
    assert targets("目标：2024年15家。", period=(2024, 2026)) == []


def test_near_misses_of_the_glued_year_second_review() -> None:
    """"由2020年末35…下降到30" starts from its baseline; "保持2020年3000人以上水平" keeps a level for the plan's years;
    a generic label before dated figures names no measure."""
    got = targets("PM2.5浓度由2020年末35微克/立方米下降到30微克/立方米。", period=(2021, 2025))
    assert [(v, y) for _, _, v, _, y, *_ in got] == [(30, 2025)]
    assert [(v, y) for _, _, v, _, y, *_ in targets("保持2020年3000人以上水平。", period=(2021, 2025))] == [(3000, 2025)]
    assert targets("进度安排：2024年30个，2025年50个。", period=(2024, 2026)) == []
    assert targets("考核指标：2024年15家。", period=(2024, 2026)) == []


def test_measure_words_of_things_counted() -> None:
    # Hydrants, boats and buildings are counted in 具, 艘 and 栋: "补建市政消火栓169具".
    got = targets("到2021年，补建市政消火栓169具，更新执法船3艘，改造老旧厂房12栋。")
    assert [(t[2], t[3]) for t in got] == [(169, "具"), (3, "艘"), (12, "栋")]
    assert all(t[4] == 2021 for t in got)


def test_a_range_written_with_zhi() -> None:
    # "遴选10至20个住宅小区" is a range as "2-3个" is: at least its lower end.
    assert [(t[1], t[2], t[3]) for t in targets("遴选10至20个住宅小区先行先试。")] == [(">=", 10, "个")]


def test_near_misses_of_the_sixteenth_set_rules_first_review() -> None:
    # Under "以内" a range keeps its high end; the other measures a figure counts in may stand before its comparator,
    # a bare "（含）" is no such note.
    assert [(t[1], t[2]) for t in targets("审批时限控制在3至5个工作日以内。")] == [("<=", 5)]
    assert [(t[1], t[2], t[3]) for t in targets("到2027年，完成淘汰木质老旧渔船（设备）2000艘（台、套）以上。")] == [
        (">=", 2000, "艘")]
    assert [(t[1], t[2]) for t in targets("到2025年，全省建成充电桩12万个（含私人桩）以上。")] == [(">=", 12)]
    # "第一年…第二年…" are the years of the plan's period by their order.
    got = targets("原则上第一年完成任务量不少于700亩;第二年完成任务量不少于900亩;第三年不少于700亩。", period=(2024, 2026))
    assert [(t[2], t[4]) for t in got] == [(700, 2024), (900, 2025), (700, 2026)]
    assert [t[4] for t in targets("第二年完成改造50个。", period=None)] == [None]


def test_near_misses_of_the_sixteenth_set_rules_second_review() -> None:
    # Under 控制在 a range's high end is the ceiling; 具 opens 具有.
    assert [(t[1], t[2]) for t in targets("城镇调查失业率控制在5至5.5%。")] == [("<=", 5.5)]
    assert targets("到2025年，培育30具有国际竞争力的企业。") == []
    # 第一年 counted from another event, or in a plan of one year, is no year of the period.
    assert [t[4] for t in targets("对新引进项目，投产后第一年实现产值10亿元。", period=(2024, 2026))] == [2026]
    assert [t[4] for t in targets("第一年完成试点5个，第二年推广至20个。", period=(2024, 2024))] == [2024, 2024]


def test_near_misses_of_the_sixteenth_set_rules_third_review() -> None:
    # One ordinal year is no schedule: "连续第三年", "投产第一年" count from something else.
    assert [t[4] for t in targets("全区规上工业产值连续第三年突破100亿元。", period=(2024, 2026))] == [2026]
    assert [t[4] for t in targets("新建项目投产第一年实现产值10亿元。", period=(2024, 2026))] == [2026]
    # A ceiling reached by cutting keeps a range's high end; 艘次 counts passes, with a comparator only.
    assert [(t[1], t[2]) for t in targets("到2025年，PM2.5浓度降低至30至35微克/立方米。")] == [("<=", 35)]
    assert [(t[1], t[2]) for t in targets("到2025年，吨钢成本控制在每吨1500至2000元。")] == [("<=", 2000)]
    assert targets("开展巡航执法200艘次。") == []


def test_near_misses_of_the_nineteenth_set_forms() -> None:
    # A programme's name in quotes is no goal; a count outside quotes is.
    assert targets("统筹推进“2个专题”“10个专项”，动态更新问题清单。") == []
    assert [t[2] for t in targets("统筹推进2个专题整治。")] == [2]
    # A share 以上的 part that reaches a standard is the goal; one that picks out what is counted is not.
    assert [(t[1], t[2], t[3]) for t in targets("到2025年，本市建成区40%以上的面积达到海绵城市建设目标要求。")] == [(">=", 40, "%")]
    assert [(t[2], t[3]) for t in targets("到2027年，研发投入占比3%以上的企业达到100家。")] == [(100, "家")]
    # A count glued to the share of what it counts names whose share it is; a list's count alone is the goal.
    assert [(t[2], t[3]) for t in targets("到2025年，松江、青浦等4个新城建设用地面积50%以上达到海绵城市建设目标要求。")] == [(50, "%")]
    assert [(t[2], t[3]) for t in targets("推进大名、月浦等23个城镇雨水排水系统建设。")] == [(23, "个")]
    # A size with no comparator before what is counted describes it; alone it is the goal.
    assert [(t[1], t[2], t[3]) for t in targets("环卫作业单位必须按需配置3吨或5吨自卸式垃圾清运车辆不少于5辆。")] == [(">=", 5, "辆")]
    assert [(t[2], t[3]) for t in targets("到2027年，建设5万吨冷链仓库。")] == [(5, "万吨")]


def test_near_misses_of_the_nineteenth_set_forms_first_review() -> None:
    # A rate that picks out who reaches a standard is no share of it; a count whose things the share describes
    # (以上的) stays the goal; goals joined by 和 or nothing are each a goal, only alternative sizes describe.
    assert targets("推动营收增长20%以上的企业完成上市辅导备案。") == []
    assert targets("推动节水率10%以上的单位完成节水型单位创建。") == []
    assert [(t[2], t[3]) for t in targets("到2025年，打造5个产值增长20%以上的园区。")] == [(5, "个")]
    assert [(t[2], t[3]) for t in targets("到2025年，新建道路10公里和桥梁5座。")] == [(10, "公里"), (5, "座")]
    assert [(t[2], t[3]) for t in targets("全年完成固定资产投资50亿元带动就业1000人。")] == [(50, "亿元"), (1000, "人")]
    assert [(t[2], t[3]) for t in targets("到2025年，建设5万吨冷链仓库3座。")] == [(5, "万吨"), (3, "座")]


def test_lessons_counted_by_a_measure_word() -> None:
    # "个课时" counts lessons, with a comparator only.
    assert [(t[1], t[2], t[3]) for t in targets("确保每学年不少于4个课时。")] == [(">=", 4, "个课时")]
    assert targets("开设4个课时的课程。") == []


def test_a_time_within_the_year_of_issue() -> None:
    """In a document without a period (贵州 2022's measures, heldout30), "上半年", "年内" and "9月底前" are of the year
    it was issued in, for the figures after them in their sentence; with a period, or not knowing the year, they date
    nothing, and "每年上半年", "今年以来" or "全年" measuring a year are no such time."""
    text = "确保工业投资上半年完成1600亿元、使用率达60%以上,全年完成3200亿元。年内新开工25个骨干水源工程。建成公路300公里。"

    def years(text: str, period=None, issued=2022):
        return [(t.value, t.year) for t in extract_targets(text, Span(0, len(text)), period, issued)]

    assert years(text) == [(1600, 2022), (60, 2022), (3200, 2022), (25, 2022), (300, None)]
    assert years(text, issued=None) == [(1600, None), (60, None), (3200, None), (25, None), (300, None)]
    assert [y for _, y in years(text, period=(2022, 2024))] == [2024] * 5  # the period's end, as any unstated year
    assert years("9月底前完成投资198亿元。") == [(198, 2022)]
    assert years("每年上半年完成投资100亿元。") == [(100, None)]
    assert years("今年以来新开工项目25个。") == [(25, None)]
    assert years("全年充电电量60%以上集中在低谷时段。") == [(60, None)]
    # "全年" before a verb of getting done names the year (平潭 扩大有效投资 2015, heldout77: its writer dated all 52 so);
    # after a recurring count it is that count's yearly total.
    assert years("全年力争完成投资92亿元。全年新增公共停车泊位510个以上。", issued=2015) == [(92, 2015), (510, 2015)]
    assert years("每季度至少举办1场设备更新供需对接会，全年组织对接会不少于6场。") == [(1, None), (6, None)]
    # Review: a year the sentence opens with, or states in the clause, is the year ("2017年，全年…"); one qualifying a
    # noun earlier in the sentence is not ("…及2021年新增入库58家商贸主体…，力争全年实现…", 平潭 2022, heldout20).
    assert years("2017年，全年完成固定资产投资100亿元。到2018年，年内新增就业3000人。") == [(100, 2017), (3000, 2018)]
    assert years("到2020年，单位能耗下降15%，全年实现节能量10万吨。") == [(15, 2020), (10, 2020)]
    assert years("主动靠前，跟进重点企业及2021年新增入库58家商贸主体经营情况，力争全年实现新增零售额1.3亿元。") == [
        (58, 2021), (1.3, 2022)]
    # Review: a span ("三年内") or another year ("明年底前") is no time of the year of issue; a day or a bare month's end is.
    assert years("力争三年内新建充电桩500个。明年底前建成50个示范点。") == [(500, None), (50, None)]
    assert years("6月30日前完成摸底项目100个。到年底，完成投资50亿元。9月底完成改造20个。") == [
        (100, 2022), (50, 2022), (20, 2022)]


def test_a_figure_that_says_when_a_rule_applies() -> None:
    """"当个贷率达到85%时", "累计幅度超过10%时", "比例不低于50%后可…" (铜鼓县 2024, heldout30) say when a rule applies,
    not what is to be reached; a unit ending in 时 ("10万千瓦时", "2小时") says no such thing."""
    for text in ("当个贷率达到85%时,暂停执行异地贷款。", "对市场价格连续下降且累计幅度超过10%时,启动调控。",
                 "土地出让价款缴纳比例不低于50%后可办理预售许可。"):
        assert targets(text) == [], text
    assert [(v, u) for _, _, v, u, *_ in targets("年度放电量不低于10万千瓦时。储能时长不少于2小时。")] == [
        (10, "万千瓦时"), (2, "小时")]
    # Review: "当年"/"当地" open no condition, and a year before "建成后可" is no figure that sets one.
    assert [v for _, _, v, *_ in targets("当年新开工项目20个。当地就业人数增加5000人。")] == [20, 5000]
    assert [v for _, _, v, *_ in targets("一期工程2027年建成后可新增供水能力10万吨/日。")] == [10]


def test_a_stated_date_wins_over_the_year_of_issue(lexicon, seg) -> None:
    # Review: "上半年" dates a figure by the year of issue only where its item's clause states no date of its own.
    from ingest.parse import parse_plan
    text = ("某县若干措施\n某县人民政府\n2023年3月1日\n一、主要措施\n1.推进改造。上半年完成改造100个。"
            "（责任单位：县住建局；完成时限：2024年6月底前）\n2.推进绿化。上半年完成绿化50处。（责任单位：县林业局）\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [[(t.value, t.year) for t in item.targets] for item in plan.items] == [[(100, 2024)], [(50, 2023)]]


def test_goals_a_preambles_purpose_clause_leads_to(lexicon, seg) -> None:
    # 郑州 2023 (heldout31): "为认真落实…,力争2023年…突破1500亿元,…。经过努力,到2027年,…" states the plan's goals after
    # its purpose; a purpose that only cites a year ("为贯彻落实2023年…会议精神") states none.
    from ingest.parse import parse_plan
    body = "一、完善金融市场体系\n1.引进一批金融机构。推动设立区域总部。\n"
    text = ("金融支持经济高质量发展若干措施\n为认真落实市委、市政府工作要求,力争2023年金融业增加值突破1500亿元,贷款增速达10%左右。"
            "经过努力,到2027年,全市金融业增加值力争突破2000亿元。\n" + body)
    goals = parse_plan(text, "t.txt", lexicon, seg).goal_targets
    assert [(t.value, t.year) for t in goals] == [(1500, 2023), (10, 2023), (2000, 2027)]
    cited = "若干措施\n为贯彻落实2023年中央经济工作会议精神,结合实际,制定本措施。\n" + body
    assert parse_plan(cited, "t.txt", lexicon, seg).goal_targets == []
    # Review: another plan's goals, and where things stand, are no goals of this one.
    for preamble in ("《数字经济发展“十四五”规划》提出，到2025年数字经济核心产业增加值占GDP比重达到10%。",
                     "根据省政府部署，到2025年全省5G基站达到20万个。",
                     "近年来发展迅速，至2024年6月，全市已建成5G基站1.2万个。", "产业加快集聚，到2024年，预计达到700亿元。"):
        text = "若干措施\n" + preamble + "\n" + body
        assert parse_plan(text, "t.txt", lexicon, seg).goal_targets == [], preamble


def test_lending_terms_a_measure_sets_are_no_goals() -> None:
    # 昆明 2024, 铜鼓县 2024 (heldout30), 阿勒泰 2022 (heldout28): a down payment or a deposit ratio the measure sets is
    # a rule's setting (its writers read a rate granted, or nothing), not a figure to reach; a lending goal still is.
    for text in ("最低首付款比例统一调整为15%。", "住房公积金贷款保证金比例从10%降为5%。", "贷款保证金比例设定为不高于3%。"):
        assert targets(text) == [], text
    assert [v for _, _, v, *_ in targets("普惠小微贷款余额增长20%以上。")] == [20]
    # Review: lending goals and 首付 in other words are goals still.
    for text, value in (("涉农贷款比例不低于30%。", 30), ("担保贷款额度达到100亿元。", 100), ("信用贷款比例提高到30%以上。", 30),
                        ("帮助首付困难家庭2000户实现安居。", 2000), ("首付比例降低后新增购房5000套。", 5000)):
        assert [v for _, _, v, *_ in targets(text)] == [value], text


def test_cost_shares_and_sanctions_are_no_goals() -> None:
    # 上海 沪发改规范〔2024〕8号 (heldout79): "市承担50%，区承担50%" divides a subsidy's cost; "虚报次数超过3次的，市级支持资金
    # 比例扣减3%" takes support back on a condition: neither is a figure to reach (its writer left both out).
    for text in ("对于浦东新区，市承担50%，区承担50%。", "市承担比例为80%，其余由区承担。", "虚报次数超过3次的，市级支持资金比例扣减3%。",
                 "虚报次数在3次以下的（含3个），市级支持资金比例扣减1%。"):
        assert targets(text) == [], text
    # Near misses: a goal to take on work, and a cut that is a goal ("能耗降低3%").
    for text, value in (("承担国家重大科技项目30项以上。", 30), ("单位产值能耗降低3%。", 3)):
        assert [v for _, _, v, *_ in targets(text)] == [value], text


def test_the_thirty_fifth_sets_lending_terms_and_conditions() -> None:
    # 河南 2022, 南县 2022 (heldout35): a down payment ratio stated plainly, a band a place may move it by, a loan's
    # share of the price, the rate loans are made at, a limit relaxed: terms the measure sets, no figures to reach.
    for text in ("原则上最低首付款比例为25%,各地可向下浮动5个百分点。", "贷款额由不高于房价的70%,提高到不高于房价的80%。",
                 "首套房贷5年以上执行利率4.9%以下。", "单元建筑面积由180平方米以下放宽到200平方米以下。",
                 # 武汉 2021: the investment an award is given for.
                 "在本市新增固定资产投资1亿元以上(含1亿元,不含购买土地费用)的,按照实际投资额的2%给予一次性投资奖励。"):
        assert targets(text) == [], text
    # Near misses: a lending goal, a rise to reach, a count of what qualifies, are figures to reach.
    for text, values in (("新发放企业贷款利率下降0.3个百分点。", [0.3]), ("森林覆盖率由40%提高到45%。", [45]),
                         ("新增固定资产投资1亿元以上的项目达到20个。", [20]),
                         ("培育规模以上企业50家的目标全面完成,形成示范。", [50])):
        assert [v for _, _, v, *_ in targets(text)] == values, text


def test_a_line_under_the_clause_gives_the_time(lexicon, seg) -> None:
    # 河南 2022 (heldout35): "责任单位:… / 时序进度:2022年12月底前" under each numbered measure dates its figures, as
    # "完成时限" in the clause does; a line that names no deadline dates nothing.
    from ingest.parse import parse_plan
    text = ("某省稳经济实施方案\n一、稳住经济\n(一)住房\n73.新开工改造老旧小区2000个。\n责任单位:省住房城乡建设厅、财政厅\n"
            "完成时限:2022年12月底前\n74.新开工37.86万户城镇老旧小区改造。\n责任单位:省住房城乡建设厅\n时序进度:2023年6月底前\n"
            "75.建成保障性住房3000套。\n责任单位:省住房城乡建设厅\n时序进度:持续推进\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(t.value, t.year) for i in plan.items for t in i.targets] == [(2000, 2022), (37.86, 2023), (3000, None)]


def test_review_of_the_thirty_fifth_sets_rules(lexicon, seg) -> None:
    # Review (helper 258): goals that name a band, a floating plant, a price, a ratio of none, are goals still.
    for text, values in (("到2025年，重要民生商品价格浮动幅度控制在5%以内。", [5]),
                         ("到2025年，海上浮式风电示范项目装机容量达到100万千瓦。", [100]), ("建设水上浮式光伏电站20万千瓦。", [20]),
                         ("到2025年，新增浮动人口服务管理覆盖率达到95%。", [95]), ("到2025年，群众对房价的满意度达到90%以上。", [90]),
                         ("到2025年，保证金比例为零的项目占比达到60%。", [60])):
        assert [v for _, _, v, *_ in targets(text)] == values, text
    assert targets("竞买保证金缴交比例为宗地起始价的30%。") == []
    # A progress key before the deadline in one clause, and a line giving a start, not a deadline.
    from ingest.parse import parse_plan
    text = ("某市实施方案\n一、重点任务\n1.推进改造。新开工改造老旧小区2000个。（责任单位：市住房城乡建设局；工作进度：按月调度；"
            "完成时间：2025年底前）\n2.建设保障房。建成保障性住房3000套。\n责任单位：市住房城乡建设局\n实施时间：2023年1月1日\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(t.value, t.year) for i in plan.items for t in i.targets] == [(2000, 2025), (3000, None)]


def test_review_of_the_thirty_sixth_sets_rules(lexicon, seg) -> None:
    # Review (helper 269): a down payment share with its comparator, a loan rate's band in other words, are settings.
    for text in ("首付比例为不低于20%。", "首付款比例为最低20%。", "住房公积金贷款利率在LPR基础上浮动不超过30个基点。",
                 "贷款利率浮动幅度不超过30%。"):
        assert targets(text) == [], text
    # The commonest deadline key on a line of its own dates the figures; a clause's start date does not.
    from ingest.parse import parse_plan
    text = ("某市实施方案（2023—2025年）\n一、重点任务\n1.建设保障房。新增保障性租赁住房5000套。\n责任单位：市住建局\n完成时间：2024年\n"
            "2.推进改造。新开工改造小区2000个。（责任单位：市住建局；实施时间：2023年；完成时间：2024年）\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(t.value, t.year) for i in plan.items for t in i.targets] == [(5000, 2024), (2000, 2024)]


def test_review_of_the_thirty_seventh_sets_rules(lexicon, seg) -> None:
    # Review (helper 271): a rate band is a setting only as a band; a share of loans priced by it is a goal.
    assert [v for _, _, v, *_ in targets("到2028年，利率浮动定价贷款占比达到60%。")] == [60]
    assert targets("首付比例为本市户籍家庭的20%。") == []
    # A start date dates nothing; a 实施时限 or a 实施时间 that ends "前" is a deadline.
    from ingest.parse import parse_plan
    text = ("某市实施方案（2023—2025年）\n一、重点任务\n1.建设保障房。新增保障性租赁住房5000套。（责任单位：市住建局；实施时限：2024年底前）\n"
            "2.推进改造。新开工改造小区2000个。（责任单位：市住建局；启动时间：2023年；完成时限：2024年底）\n"
            "3.建设公园。建成公园30个。（责任单位：市住建局；实施时间：2023年；完成时间：2024年）\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(t.value, t.year) for i in plan.items for t in i.targets] == [(5000, 2024), (2000, 2024), (30, 2024)]


def test_an_applications_conditions_are_no_goals() -> None:
    # 平潭 岚综管办〔2019〕115号 (heldout56): the lines of a grant's rules say what an applicant must be or bring.
    text = ("第三条 为台胞在岚创业提供场地支持。\n1.申报对象：在平潭注册的台资企业。\n"
            "2.申报条件：①小微企业要求台资投资额占比在50%以上，正常经营满1年且连续纳税申报6个月以上，有1名以上员工。"
            "②入驻时间满3个月。\n（二）申请条件：企业台湾青年员工不少于10名。\n")
    assert extract_targets(text, Span(0, len(text)), None, 2019) == []
    # Review (helper 394): a scope is no applicant's condition ("支持范围：到2025年，支持建设…30个"), and a goal the line
    # goes on to state after the conditions is one ("申报条件：企业注册满1年。到2025年，全区认定…200家").
    text = "（二）支持范围：到2025年，支持建设市级以上研发平台30个。\n（四）申报条件：企业注册满1年。到2025年，全区认定创新型中小企业达到200家。\n"
    assert [(t.value, t.unit, t.year) for t in extract_targets(text, Span(0, len(text)), None, 2024)] == [
        (30, "个", 2025), (200, "家", 2025)]
    # A goal on a line of its own is still one, and so is a figure that follows such a word elsewhere in a line.
    text = "2.发展目标：到2025年培育台资企业10家以上。\n3.完善申报条件，到2025年服务企业200家。\n"
    assert [(t.value, t.unit, t.year) for t in extract_targets(text, Span(0, len(text)), None, 2019)] == [
        (10, "家", 2025), (200, "家", 2025)]


def test_units_written_as_symbols() -> None:
    # 平潭 岚综管综〔2015〕92号 (heldout71): "完成…总清淤量约484万m³", "年均利用水量约1444万m³".
    text = "完成三十六脚湖水库库区总清淤量约484万m³；年均利用水量约1444万m³；改造绿地3000m²。"
    assert [(t.value, t.unit) for t in extract_targets(text, Span(0, len(text)), (2015, 2018))] == [
        (484, "万m³"), (1444, "万m³"), (3000, "m²")]
    # Review (helper 515): not km², whose 平方公里 no rule reads either ("陆域面积约392km²" describes the area).
    text = "实验区陆域面积约392km²，2015年底前完成环境功能区划。"
    assert extract_targets(text, Span(0, len(text)), (2015, 2018)) == []
    # 万方 is 万立方米 (平潭 2019 (heldout74): "机制砂产量不低于50万方").
    text = "2019年底前机制砂产量不低于50万方。"
    assert [(t.value, t.unit) for t in extract_targets(text, Span(0, len(text)), (2019, 2021))] == [(50, "万方")]
    text = "资金到位500万方可开工建设。"  # 方可: only then (review, helper 536)
    assert extract_targets(text, Span(0, len(text)), (2019, 2021)) == []


def test_a_count_in_chinese_under_a_comparator_is_a_target() -> None:
    # 青浦 2023 "每年组织不少于两次的现场检查", 陕西 2024 "每季度至少开展一次" (heldout82), 上海 2020 "配备不少于一名农村
    # 公路专管员": some eighty answered targets of the real sets hold such counts; read as digits, in place.
    for text, want in (("区联席会议办公室每年组织不少于两次的现场检查。", (2, "次", ">=")),
                       ("运营企业每季度至少开展一次安全检查。", (1, "次", ">=")),
                       ("乡道、村道配备不少于一名农村公路专管员。", (1, "名", ">=")),
                       ("原则上每年调整不得超过两次。", (2, "次", "<="))):
        got = extract_targets(text, Span(0, len(text)), None)
        assert [(t.value, t.unit, t.comparator) for t in got] == [want], text
        assert got[0].text in text  # the text as written, not its digits
    # Near misses: a count with no comparator ("开展一次消防安全评估"), or an ordinal ("第一次会议"), is none.
    # Nor a span counted in Chinese ("连续不少于两个季度未办理年报的"; review, helper 606), which "2个季度" is not either.
    for text in ("年内开展一次消防安全评估。", "召开第一次联席会议。", "连续不少于两个季度未办理年报的，列入异常名录。"):
        assert extract_targets(text, Span(0, len(text)), None) == [], text


def test_goals_take_the_time_the_paragraph_over_them_sets(lexicon, seg) -> None:
    # 静安 静府发〔2018〕1号 (heldout84): "二、工作目标 / 到2020年，文物事业…： / 1.…安防技防100%达标，重大文物险情排除率达
    # 100%": the goals' figures are for 2020, which the paragraph opening their chapter sets (the plan states no period).
    from ingest.parse import parse_plan

    text = ("某区文物保护实施意见\n一、指导思想\n坚持保护为主。\n二、工作目标\n到2020年，文物事业取得新进展：\n"
            "1．文物本体保护、环境整治和安防技防100%达标，重大文物险情排除率达100%。\n2．博物馆城区体系基本形成，博物馆达到30家。\n"
            "三、主要任务\n（一）加强保护。区文化局要开展文物普查。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(t.value, t.year) for t in plan.goal_targets] == [(100.0, 2020), (100.0, 2020), (30.0, 2020)]
    # A paragraph that opens with no time sets none.
    plain = text.replace("到2020年，文物事业取得新进展：", "文物事业取得新进展：")
    assert all(t.year is None for t in parse_plan(plain, "t.txt", lexicon, seg).goal_targets)


def test_goals_take_the_last_time_of_a_paragraph_naming_stages(lexicon, seg) -> None:
    # Review (helper 632): "到2020年，初步建立…；到2022年，全面建成…，具体目标如下：": the time leading into the list is 2022.
    from ingest.parse import parse_plan

    text = ("某区文物安全工作方案\n一、工作目标\n到2020年，初步建立文物安全防控体系；到2022年，全面建成文物安全防控体系，具体目标如下：\n"
            "1.消防设施达标率达到95%。\n2.技防设施覆盖率达到90%。\n二、主要任务\n（一）推进安防建设。区文化局要推进技防改造。\n")
    assert [(t.value, t.year) for t in parse_plan(text, "t.txt", lexicon, seg).goal_targets] == [(95.0, 2022), (90.0, 2022)]


def test_a_span_of_years_from_a_start_and_counts_of_fry_and_reef(lexicon, seg) -> None:
    # 平潭 2016 休闲海钓 (heldout97): "从2016年起，利用三年时间，扶持建设…示范基地2个" ends in 2018 (a span's last year);
    # "增殖放流恋礁鱼类1000万尾", "投放人工鱼礁单体5万空方" are counts of fry and reef volume.
    assert [(t.year, t.period) for t in find_times("从2016年起，利用三年时间，扶持建设示范基地2个")] == [(2018, True)]
    assert [t.year for t in find_times("自2020年开始，力争用5年时间完成改造")] == [2024]
    # Review (helper 769): the start without 从 ("2018年起利用三年时间"), and a half year more ("三年半": mid-2021).
    assert [(t.year, t.period) for t in find_times("2018年起利用三年时间完成改造")] == [(2020, True)]
    assert [t.year for t in find_times("从2018年起，利用三年半时间完成改造")] == [2021]
    from ingest.parse import parse_plan

    text = ("某区工作方案\n一、工作目标\n从2016年起，利用三年时间，扶持建设示范基地2个。\n二、主要任务\n"
            "（一）建设钓场。2017年，共投放人工鱼礁单体5万空方，增殖放流恋礁鱼类1000万尾。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    got = [(t.value, t.unit, t.year) for t in plan.goal_targets + [t for i in plan.items for t in i.targets]]
    assert got == [(2.0, "个", 2018), (5.0, "万空方", 2017), (1000.0, "万尾", 2017)], got
    # Near miss: a span with no start ("用三年时间") names no year, and "2016年起" alone is the year itself.
    assert [t.year for t in find_times("用三年时间完成改造")] == []
    assert [t.year for t in find_times("2016年起实施")] == [2016]
