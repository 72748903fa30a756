"""Whole plans in other marker styles (one GB18030, one PDF-wrapped) against hand-made answers."""
from pathlib import Path

import pytest

from ingest.parse import ParseError, annexes_of, parse_plan
from ingest.reader import ReadError, read_plan_file

PLANS = Path(__file__).resolve().parent.parent / "data" / "plans"
BAD = Path(__file__).resolve().parent.parent / "data" / "bad"

EXPECTED = {
    "shangrao-digital-lead-co.txt": {
        "title": "上饶市数字经济发展行动计划（2025—2027年）",
        "office": "上饶市人民政府",
        "date": "2025-03-08",
        "region": "上饶市",
        "references": ["江西省数字经济做优做强“一号发展工程”推进方案"],
        "items": [
            ("（一）1", "task", "加快5G网络建设", ["市工业和信息化局"], ["市通信发展管理办公室", "各县（市、区）人民政府"]),
            ("（一）2", "task", "建设算力中心", ["市发展和改革委员会"], ["市大数据中心"]),
            ("（二）1", "task", "推进企业上云", ["市工业和信息化局", "市科学技术局"], ["市商务局"]),
            ("（二）2", "task", "发展数字农业", ["市农业农村局"], []),
            ("三（一）", "requirement", "加强组织领导", ["市发展和改革委员会"], ["市有关部门"]),
        ],
        "targets": [
            (None, "数字经济核心产业营业收入", ">", 1500, "亿元", 2027, False),
            (None, "数字经济企业", ">=", 500, "家", 2027, False),
            ("（一）1", "新建5G基站", ">=", 3000, "个", 2027, False),
            ("（一）2", "算力规模", "=", 500, "PFlops", 2027, False),
            ("（二）1", "推动企业上云", "~", 1000, "家", 2027, True),
        ],
    },
    "ganzhou-nev-qiantou.txt": {
        "title": "赣州市加快新能源汽车产业发展若干措施",
        "office": None,
        "date": None,
        "region": "赣州市",
        "references": [],
        "items": [
            ("（1）", "task", "支持整车企业扩产", ["市工业和信息化局"], ["市财政局", "市发展和改革委员会"]),
            ("（2）", "task", "完善充电基础设施", ["市城管局"], ["国网赣州供电公司"]),
            ("（3）", "task", "加强人才引进", ["市人力资源和社会保障局"], ["市科学技术局", "市工业和信息化局"]),
        ],
        "targets": [
            (None, "新能源汽车整车产量", ">", 10, "万辆", 2026, False),
            (None, "产业链产值", "=", 800, "亿元", 2026, False),
            ("（2）", "公共充电桩", "=", 5000, "个", 2025, False),
            ("（3）", "新能源汽车领域高层次人才", ">=", 50, "名", None, False),
        ],
    },
    "jiujiang-tourism-wrapped.txt": {
        "title": "九江市文化旅游产业提升三年行动方案（2024—2026年）",
        "office": "九江市人民政府办公室",
        "date": None,
        "region": "九江市",
        "references": [],
        "items": [
            ("1", "task", "打造精品旅游线路", ["市文广新旅局"], ["市交通运输局", "各县（区）人民政府"]),
            ("2", "task", "提升旅游服务质量", ["市文广新旅局"], ["濂溪区人民政府", "浔阳区人民政府"]),
            ("（一）", "requirement", "强化资金保障", ["市财政局"], ["市文广新旅局"]),
        ],
        "targets": [
            ("1", "接待游客人次", "=", 1.2, "亿人次", 2026, False),
            ("1", "旅游总收入", ">", 1500, "亿元", 2026, False),
            ("2", "A级景区游客中心达标率", "=", 100, "%", 2025, False),
        ],
    },
    "jingdezhen-ceramics-gb18030.txt": {
        "title": "景德镇市推进陶瓷产业高质量发展工作要点",
        "office": None,
        "date": None,
        "region": "景德镇市",
        "references": [],
        "items": [
            ("（一）", "task", "做强先进陶瓷产业", ["市工业和信息化局"], ["市科学技术局", "浮梁县人民政府", "昌南新区管委会"]),
            ("（二）", "task", "壮大航空产业", ["高新区管委会"], ["市商务局"]),
            ("（三）", "task", "培育陶瓷文化旅游", ["市文广新旅局"], ["珠山区人民政府", "昌江区人民政府"]),
        ],
        "targets": [
            ("（一）", "先进陶瓷产业营业收入增长", ">=", 15, "%", 2025, False),
            ("（二）", "全年新引进航空配套企业", "=", 5, "家", None, False),
        ],
    },
}


def targets_of(text: str, name: str, lexicon, seg) -> list[tuple[float, int | None]]:
    """(value, year) of every item's targets, in order."""
    return [(t.value, t.year) for i in parse_plan(text, name, lexicon, seg).items for t in i.targets]


@pytest.fixture(scope="module")
def parsed(lexicon, seg):
    return {name: parse_plan(read_plan_file(PLANS / name), name, lexicon, seg) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_header(parsed, name: str) -> None:
    plan, exp = parsed[name], EXPECTED[name]
    assert (plan.title, plan.office, plan.date, plan.region) == (exp["title"], exp["office"], exp["date"], exp["region"])
    assert [r.title for r in plan.references] == exp["references"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_items_and_units(parsed, name: str) -> None:
    got = [
        (i.number, i.kind, i.heading, [u.name for u in i.units if u.role == "lead"], [u.name for u in i.units if u.role == "co"])
        for i in parsed[name].items
    ]
    assert got == EXPECTED[name]["items"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_targets(parsed, name: str) -> None:
    plan = parsed[name]
    got = [(None, t.metric, t.comparator, t.value, t.unit, t.year, t.yearly) for t in plan.goal_targets]
    got += [(i.number, t.metric, t.comparator, t.value, t.unit, t.year, t.yearly) for i in plan.items for t in i.targets]
    assert got == EXPECTED[name]["targets"]



def units_by_item(plan) -> list[tuple[str, list[str]]]:
    """Each item's number and its units' names, in order."""
    return [(i.number, [u.name for u in i.units]) for i in plan.items]

def test_every_span_points_at_its_text(parsed) -> None:
    for plan in parsed.values():
        for item in plan.items:
            assert plan.text[item.heading_span.start : item.heading_span.end] == item.heading
            for t in item.targets:
                assert plan.text[t.span.start : t.span.end] == t.text
            for u in item.units:
                assert u.written.startswith(plan.text[u.span.start : u.span.end])


def test_cluster_role_in_other_phrasing(parsed) -> None:
    roles = [(r.region, r.industry, r.role) for r in parsed["jingdezhen-ceramics-gb18030.txt"].cluster_roles]
    assert roles == [("高新区", "直升机", "lead")]


def test_gb18030_file_is_really_gb18030() -> None:
    raw = (PLANS / "jingdezhen-ceramics-gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")


def test_bad_inputs_give_clear_errors(lexicon, seg) -> None:
    with pytest.raises(ReadError, match="empty.txt: file is empty"):
        read_plan_file(BAD / "empty.txt")
    with pytest.raises(ReadError, match="binary.txt: binary file"):
        read_plan_file(BAD / "binary.txt")
    # A text with no numbered items is still a document: kept, with a warning naming the file.
    plan = parse_plan(read_plan_file(BAD / "no-markers.txt"), "no-markers.txt", lexicon, seg)
    assert plan.items == []
    assert any(w.startswith("no-markers.txt: no numbered items found") for w in plan.warnings)
    with pytest.raises(ParseError, match="blank.txt: no text left"):
        parse_plan("\u3000\n \n", "blank.txt", lexicon, seg)


def test_annex_rows_that_restate_body_items_in_other_words(lexicon, seg) -> None:
    """Rows of a task list that repeat body items add their units there; a row of its own is a task."""
    text = ("某片区2023年安全生产工作要点\n一、重点工作\n"
            "（一）强化水上交通安全。健全水上交通安全议事协调机制，加强渔业船舶和水上运输安全监管，落实包船到人责任。（政法综治处负责）\n"
            "（二）推进燃气安全整治。持续开展城镇燃气安全隐患专项整治，组织餐饮场所安装燃气泄漏报警和自动切断装置。（交通与建设处负责）\n"
            "附件：重点任务清单\n序号名称具体内容责任部门\n"
            "1水上交通安全议事协调机制健全水上交通安全议事协调机制，加强渔业船舶和水上运输安全监管。\n交通与建设处、农业农村处负责\n"
            "2城镇燃气安全专项整治持续开展城镇燃气安全隐患专项整治，餐饮场所安装燃气泄漏报警装置。\n交通与建设处负责\n"
            "3消防安全网格化管理机制将消防工作融入基层自治和网格管理，完善基层消防安全体系。\n政法综治处\n")
    plan = parse_plan(text, "safety.txt", lexicon, seg)
    units = {i.number: sorted((u.name, u.role) for u in i.units) for i in plan.items}
    assert units == {
        "（一）": [("交通与建设处", "lead"), ("农业农村处", "co"), ("政法综治处", "lead")],
        "（二）": [("交通与建设处", "lead")],
        "3": [("政法综治处", "lead")],
    }


def test_an_attached_table_opens_an_annex_as_an_attached_file_does(lexicon, seg) -> None:
    """"附表：1.任务分工表" / "附表1": the table after it is an annex, its rows numbered afresh and restating the body,
    not sub-items of the body's last chapter."""
    text = ("某市光伏推广应用实施方案\n一、重点任务\n"
            "（一）推进光伏地铁工程。充分利用轨道交通车站和停车场资源，开展光伏项目开发建设。\n"
            "（二）推进光伏港口工程。利用港口码头仓库屋顶资源，建设分布式光伏设施。（责任单位：上港集团）\n"
            "二、保障措施\n（一）强化组织领导。加强统筹。\n（二）完善政策扶持。完善支持政策。\n"
            "附表：1.任务分工表\n附表1\n任务分工表\n序号 | 事项 | 工作措施 | 责任单位\n"
            "1 | 推进光伏地铁工程 | 充分利用轨道交通车站和停车场资源，开展光伏项目开发建设 | 申通地铁集团\n")
    plan = parse_plan(text, "pv.txt", lexicon, seg)
    assert [i.number for i in plan.items] == ["一（一）", "一（二）", "二（一）", "二（二）"]
    assert [(u.name, u.role) for u in plan.items[0].units] == [("申通地铁集团", "lead")]


def test_an_attached_table_in_the_body_is_a_caption_not_an_annex(lexicon, seg) -> None:
    """A reviewer's near misses: "附表1" under 一、发展目标 with 二、重点任务 still to come captions a body table, so the
    items after it keep the plan's period and their chapter; a closing "附表1：2024年…清单" of a plan that lists its
    tables is that year's, as 附件 is, and the fifth review's caption with no list before it is no annex at all."""
    text = ("某市三年行动计划（2024—2026年）\n一、发展目标\n到2026年，新增技改项目600个。\n附表1\n2024年主要预期指标\n"
            "指标名称 | 单位 | 目标值\n技改项目 | 个 | 200\n二、重点任务\n（一）推进技改。新增技改项目300个。（责任单位：市工信局）\n"
            "（二）推进数字化。（责任单位：市工信局）\n")
    plan = parse_plan(text, "plan.txt", lexicon, seg)
    uncaptioned = parse_plan(text.replace("附表1\n", ""), "plan.txt", lexicon, seg)
    assert [i.number for i in plan.items] == [i.number for i in uncaptioned.items] == ["（一）", "（二）"]
    assert [(t.value, t.year) for t in plan.items[0].targets] == [(300, 2026)]
    text = ("某市三年行动计划（2024—2026年）\n一、重点任务\n（一）推进技改。加强技改。（责任单位：市工信局）\n"
            "附表：1.2024年重点任务清单\n附表1：2024年重点任务清单\n序号 | 重点任务 | 责任单位\n1 | 新增数字化车间30个 | 市工信局\n")
    assert targets_of(text, "plan.txt", lexicon, seg) == [(30, 2024)]
    text = ("某市养老服务三年行动方案（2024—2026年）\n一、总体目标\n到2026年建成体系。\n二、重点任务\n各年度目标任务分解见附表1。\n"
            "附表1\n2024年目标任务分解表\n1.扩大养老服务供给。新增养老床位1500张。（责任单位：市民政局）\n"
            "2.发展助餐服务。建成社区食堂60个。（责任单位：市民政局）\n")
    assert targets_of(text, "plan.txt", lexicon, seg) == [(1500, 2026), (60, 2026)]


def test_an_attached_table_caption_before_more_items_of_the_body(lexicon, seg) -> None:
    """The second reviewer's near misses: a 附表 caption inside the last chapter, or in a plan of 第X部分 parts, with
    items still to come, opens no annex: their chapter and the plan's period stay."""
    text = ("某市养老服务行动方案（2024—2026年）\n一、重点任务\n（一）扩大供给。新增床位500张。（责任单位：市民政局）\n二、保障措施\n"
            "（一）加强资金保障。分年度安排如下。\n附表：2024年资金安排\n项目 | 金额（万元）\n床位补贴 | 500\n"
            "（二）加强人才保障。培训养老护理员1000人次。（责任单位：市人社局）\n")
    plan = parse_plan(text, "plan.txt", lexicon, seg)
    assert [(i.number, [(t.value, t.year) for t in i.targets]) for i in plan.items][-1] == ("二（二）", [(1000, 2026)])
    text = ("某市数字经济行动计划（2024—2026年）\n第一部分 发展目标\n到2026年，数字经济增加值达到500亿元。\n附表：2024年主要指标\n"
            "指标 | 目标值\n增加值 | 300\n第二部分 重点任务\n（一）壮大数字产业。新建5G基站2000个。（责任单位：市工信局）\n")
    assert targets_of(text, "plan.txt", lexicon, seg) == [(2000, 2026)]
    # Nor where the items after it go on numbering ("2.加强人才保障" after "1."): an annex's rows start again at 1.
    for marker in ("、", "."):
        text = (f"某市养老服务行动方案（2024—2026年）\n二、保障措施\n1{marker}加强资金保障。分年度安排。\n附表1\n2024年资金安排\n"
                f"项目 | 金额（万元）\n床位补贴 | 500\n2{marker}加强人才保障。培训养老护理员1000人次。（责任单位：市人社局）\n")
        plan = parse_plan(text, "plan.txt", lexicon, seg)
        assert [(t.value, t.year) for i in plan.items for t in i.targets] == [(1000, 2026)], marker
    # Nor where a table of figures left as cells stands between it and the chapter's "1." items (the fourth review).
    text = ("某市养老服务三年行动方案（2024—2026年）\n一、总体目标\n到2026年建成体系。\n二、重点任务\n全市分年度目标任务如下。\n"
            "附表\n2024年目标任务\n项目 | 目标\n新增床位 | 500张\n1.扩大养老服务供给。新增养老床位1500张。（责任单位：市民政局）\n")
    assert targets_of(text, "plan.txt", lexicon, seg) == [(1500, 2026)]


def test_an_annex_row_with_figures_of_its_own_is_a_task_however_it_echoes_the_body(lexicon, seg) -> None:
    """A 2024 list under a plan to 2027: the row's figure is not the body item's, so the row is no restatement."""
    text = ("某市设备更新行动方案\n一、重点任务\n"
            "1.推动市政基础设施更新。加快供水管网、排水管网更新改造，到2027年新改建供水管网1500公里。（市水务局负责）\n"
            "2.推进环卫设施设备更新。开展城市垃圾转运站规范化建设。（市城管局负责）\n"
            "附件：2024年任务清单\n序号\t2024年推进任务\t牵头责任部门\n"
            "1\t加快供水管网、排水管网更新改造，新改建供水管网400公里。\t市水务局\n"
            "2\t开展城市垃圾转运站规范化建设。\t市城管局\n")
    plan = parse_plan(text, "renewal.txt", lexicon, seg)
    rows = [(i.number, [(u.name, u.role) for u in i.units], [t.value for t in i.targets]) for i in plan.items]
    assert rows == [
        ("一1", [("市水务局", "lead")], [1500]),
        ("一2", [("市城管局", "lead")], []),  # the annex row restating it added nothing and is gone
        ("1", [("市水务局", "lead")], [400]),  # its own figure: a task of its own
    ], rows


def test_a_division_table_row_that_adds_its_figure_still_restates_the_body_item(lexicon, seg) -> None:
    text = ("某市城市更新实施方案\n一、重点任务\n"
            "（一）推进城镇老旧小区改造。加快推进城镇老旧小区改造，完善小区配套设施，提升居住品质。\n"
            "（二）加强地下管网建设。实施城市燃气、供水管网更新改造。（市城管局负责）\n"
            "附件：重点任务分工表\n序号\t重点任务\t责任单位\n"
            "1\t加快推进城镇老旧小区改造，完善小区配套设施，改造老旧小区120个\t市住建局\n")
    plan = parse_plan(text, "renew.txt", lexicon, seg)
    assert units_by_item(plan) == [
        ("（一）", ["市住建局"]), ("（二）", ["市城管局"])], units_by_item(plan)


def test_annex_rows_that_break_one_body_item_down_are_its_tasks(lexicon, seg) -> None:
    """Two rows restating the same body item split it into measures, each with its own units: both stay tasks;
    a row alone on its body item still adds its units there."""
    text = ("某区2016年生态环境保护工作要点\n"
            "一、推进生态文明建设。成立生态文明建设领导小组，编制生态文明建设规划，组织各乡镇开展生态文明创建。\n"
            "二、强化环境监管。组建区环境监察支队，开展环境执法专项行动。\n"
            "附件：任务分解表\n序号\t具体工作措施\t完成时限\t主要责任单位\n"
            "1\t成立生态文明建设领导小组\t3月\t区经发局\n"
            "2\t编制生态文明建设规划，组织各乡镇开展生态文明创建\t12月\t区环土局\n"
            "3\t组建区环境监察支队，开展环境执法专项行动\t6月\t区环土局\n")
    plan = parse_plan(text, "eco.txt", lexicon, seg)
    assert units_by_item(plan) == [
        ("一", []), ("二", ["区环土局"]), ("1", ["区经发局"]), ("2", ["区环土局"])]


def test_an_annex_titled_with_one_year_gives_its_rows_figures_that_year(lexicon, seg) -> None:
    text = ("某市设备更新行动方案（2024—2027年）\n一、重点任务\n"
            "1.推进环卫设施设备更新。新增新能源环卫车辆300辆。（市城管局负责）\n"
            "附件1\n2024年任务清单\n序号\t推进任务\t牵头单位\n1\t更新中小学实验设备34套。\t市教育局\n"
            "附件2\n重点项目清单\n序号\t推进任务\t牵头单位\n1\t建设回收网点45个。\t市商务局\n")
    assert targets_of(text, "renewal.txt", lexicon, seg) == [(300, 2027), (34, 2024), (45, 2027)]


def test_a_duty_holder_named_as_partner_in_a_sentence_takes_part(lexicon, seg) -> None:
    text = ("某区防控近视工作方案\n一、职责分工\n（一）学校\n1.开展视力监测。配合医疗卫生机构做好学生视力筛查。\n"
            "2.落实体育课程。保证每天校内体育活动时间。\n（二）医疗卫生机构\n1.建立视力档案。在学校配合下完成建档。\n"
            "2.规范诊断治疗。配合有关部门开展培训。\n")
    plan = parse_plan(text, "myopia.txt", lexicon, seg)
    units = {(i.section, i.number): [(u.name, u.role) for u in i.units] for i in plan.items}
    assert list(units.values()) == [
        [("学校", "lead"), ("医疗卫生机构", "co")],
        [("学校", "lead")],
        [("医疗卫生机构", "lead"), ("学校", "co")],
        [("医疗卫生机构", "lead")],  # 有关部门 is charged with nothing in this document
    ]
    # The partner's evidence is where the sentence names it.
    partner = plan.items[0].units[1]
    assert plan.text[partner.span.start:partner.span.end] == "医疗卫生机构"


def test_supplementary_provisions_are_no_tasks(lexicon, seg) -> None:
    text = ("某市氢能产业行动计划\n一、重点任务\n1.建设加氢站。新建加氢站10座。（市发展改革委负责）\n"
            "二、附则\n2.本计划由市发展改革委负责解释。本计划自2024年5月18日起施行。\n")
    plan = parse_plan(text, "h2.txt", lexicon, seg)
    assert [i.number for i in plan.items] == ["1"]
    assert "附则" in [s.heading for s in plan.sections]


def test_an_annex_title_with_one_year_and_a_range_later_is_the_plans_period(lexicon, seg) -> None:
    text = ("某市设备更新行动方案（2024—2027年）\n一、重点任务\n"
            "1.推进环卫设施设备更新。新增新能源环卫车辆300辆。（市城管局负责）\n"
            "附件\n2024年启动的三年重点项目清单（2024—2026年）\n序号\t推进任务\t牵头单位\n1\t建设回收网点45个。\t市商务局\n")
    assert targets_of(text, "renewal.txt", lexicon, seg) == [(300, 2027), (45, 2026)]



def test_a_table_cell_that_runs_names_together_is_split_into_the_names_the_document_uses(lexicon, seg) -> None:
    """A Word cell listing its units on separate lines reaches us as one run ("区住建局区市场监管局"); a task table
    with yearly target columns is a task table, not an indicator table."""
    text = ("某区设备更新行动方案\n一、重点任务\n"
            "1.推动老旧住宅电梯更新改造。加快报废更新老旧住宅电梯。（区住建局、区市场监管局等按职责分工负责）\n"
            "2.推动环卫设施设备更新。开展垃圾转运站规范化建设。（区城管局负责）\n"
            "附件\n重点任务目标清单\n| 序号 | 任务内容 | 2024年目标 | 2025年目标 | 牵头单位 |\n"
            "| 1 | 加快培育再制造产业 | 培育企业2家 | 培育企业3家 | 区城管局区住建局 |\n")
    plan = parse_plan(text, "renew.txt", lexicon, seg)
    assert units_by_item(plan) == [
        ("一1", ["区住建局", "区市场监管局"]), ("一2", ["区城管局"]), ("1", ["区城管局", "区住建局"])]
    glued = plan.items[2].units[1]
    assert plan.text[glued.span.start:glued.span.end] == "区住建局"


def test_near_misses_of_the_annex_period_the_name_split_and_the_grid(lexicon, seg) -> None:
    # A period quoted from another document in an annex's title is not the annex's.
    assert [a.period for a in annexes_of("正文\n附件1\n2024年落实《某市国土空间总体规划（2021—2035年）》重点任务清单\n")] \
        == [(2024, 2024)]
    # A sub-office written after its parent is no run of two units, though the document names both.
    text = ("某市环境整治方案\n一、重点任务\n1.整治河道。开展河道清淤。（市生态环境局负责）\n"
            "2.整治工地扬尘。加强工地监管。（江宁分局负责）\n3.整治噪声。开展夜间巡查。（市生态环境局江宁分局负责）\n"
            "4.国家电网特高压输电通道建设。加快推进线路建设。\n")
    plan = parse_plan(text, "env.txt", lexicon, seg)
    assert [[u.name for u in i.units] for i in plan.items] == [
        ["市生态环境局"], ["江宁分局"], ["市生态环境局江宁分局"], []]


def test_a_list_of_duties_ending_in_semicolons_is_one_task_a_line(lexicon, seg) -> None:
    """"1.…；" is a clause of a list, not a heading: each line of a section's duties is a task of its owner."""
    text = ("某区建筑垃圾处置管理实施意见\n三、分工与职责\n（一）区绿化市容局\n区绿化市容局是主管部门，主要职责为：\n"
            "1.组织制定处置管理标准；\n2.办理处置申报手续；\n3.开展外运工作检查。\n")
    plan = parse_plan(text, "duties.txt", lexicon, seg)
    assert units_by_item(plan) == [("1", ["区绿化市容局"]), ("2", ["区绿化市容局"]),
                                   ("3", ["区绿化市容局"])], units_by_item(plan)


def test_an_annex_row_merged_into_the_body_item_it_restates_brings_its_figures(lexicon, seg) -> None:
    """The table's year's figure ("2024年年内创建30个…") beside the body's period figure ("创建60个") is the item's too."""
    text = ("某市交通体系建设工作方案\n一、重点任务\n"
            "（一）补齐停车设施短板。聚焦老旧小区、医院等重点区域，2024年-2025年创建60个停车资源优化项目。\n"
            "（二）建设充换电设施。推动配套能源设施与交通基础设施协同建设。\n"
            "附件：任务分解表\n序号\t内容\t牵头部门\t配合部门\t2024年工作任务\n"
            "1\t补齐停车设施短板\t设施运行处\t—\t聚焦老旧小区、医院等重点区域，2024年年内创建30个停车资源优化项目。\n"
            "2\t建设充换电设施\t科技信息处\t设施运行处\t推动配套能源设施与交通基础设施协同建设。\n")
    plan = parse_plan(text, "traffic.txt", lexicon, seg)
    assert units_by_item(plan) == [("（一）", ["设施运行处"]), ("（二）", ["科技信息处", "设施运行处"])], units_by_item(plan)
    assert sorted(t.value for t in plan.items[0].targets) == [30, 60]


def test_near_misses_of_the_twelfth_sets_parse_rules(lexicon, seg) -> None:
    """Each a wrong reading a reviewer found in the first form of the rules above."""
    # A list of laws cited or of conditions ends its lines in "；" too, and holds no tasks.
    text = ("某县突发事件应急预案\n一、编制依据\n1.《中华人民共和国突发事件应对法》；\n2.《某省突发事件应对条例》；\n"
            "二、考核\n（一）有下列情形之一的，考核结果确定为不合格：\n1.发生重大生产安全事故的；\n2.瞒报生产安全事故的；\n")
    assert parse_plan(text, "plan.txt", lexicon, seg).items == []
    # A duty's heading drops the "；" that closes its clause.
    text = "某区实施意见\n三、分工与职责\n（一）区绿化市容局\n1.组织制定管理标准；\n2.办理申报手续。\n"
    assert parse_plan(text, "duties.txt", lexicon, seg).items[0].heading == "组织制定管理标准"
    # A heading that ends like a table's title opens no annex: the plan's period stays its figures' year.
    text = ("某市充电设施三年行动方案（2024—2026年）\n一、重点任务\n（一）推进充电设施建设。新建充电桩100个。（责任单位：市发改委）\n"
            "（二）建立工作台账\n2024年底前，各区建立工作台账，实行月调度。（责任单位：各区政府）\n"
            "（三）推进老旧小区改造。新改造老旧小区50个。（责任单位：市住建局）\n")
    plan = parse_plan(text, "charge.txt", lexicon, seg)
    assert [t.year for t in plan.items[-1].targets] == [2026] and len(plan.items) == 3
    text = "某市方案\n一、重点任务\n（一）推进改造。改造50个。（责任单位：市住建局）\n二、组织实施\n城市更新重点任务清单\n（一）加强组织领导。落实责任。\n"
    assert [i.number for i in parse_plan(text, "renew.txt", lexicon, seg).items] == ["一（一）", "二（一）"]
    # An annex row's figure that the body states in another magnitude, or one already reached, adds nothing.
    text = ("某市就业方案\n一、重点任务\n（一）稳定就业。每年新增城镇就业1.2万人，改造老旧小区200个。\n"
            "附件：重点任务分工表\n序号\t工作任务\t工作基础\t责任单位\n"
            "1\t稳定就业，每年新增城镇就业12000人，改造老旧小区200个\t已累计改造老旧小区80个\t市人社局\n")
    plan = parse_plan(text, "jobs.txt", lexicon, seg)
    assert sorted((t.value, t.unit) for t in plan.items[0].targets) == [(1.2, "万人"), (200, "个")]


def test_near_misses_of_the_twelfth_sets_parse_rules_second_review(lexicon, seg) -> None:
    """Each a wrong reading a second reviewer found in the rules as the first review left them."""
    # A chapter's own titled table is its content, not an annex: the chapter is no item, its rows are its own.
    text = ("某区2024年城市管理工作要点\n一、重点任务\n城市精细化管理重点任务分解表\n| 序号 | 工作任务 | 责任单位 |\n"
            "| 1 | 新建口袋公园10个 | 区绿化市容局 |\n| 2 | 整治背街小巷30条 | 区城管执法局 |\n")
    plan = parse_plan(text, "city.txt", lexicon, seg)
    assert [(i.number, plan.sections[i.section].heading if i.section is not None else None) for i in plan.items] == [
        ("1", "重点任务"), ("2", "重点任务")]
    # A table in the body before later sections opens no annex: the 附件 after them still gives them their units.
    text = ("某市2024年优化营商环境工作方案\n一、重点项目\n（一）建设服务中心。年内建成。\n重点项目任务清单\n"
            "| 序号 | 工作任务 | 责任单位 |\n| 1 | 建设市民服务中心 | 市机关事务局 |\n"
            "二、深化改革\n（一）推进企业开办便利化。企业开办时间压缩至1个工作日。\n"
            "附件：重点任务分工表\n| 序号 | 重点任务 | 牵头单位 |\n| 1 | 推进企业开办便利化 | 市市场监管局 |\n")
    assert units_by_item(parse_plan(text, "biz.txt", lexicon, seg))[-1] == ("二（一）", ["市市场监督管理局"])
    # Lists of principles and of what a plan covers end their clauses in "；" too, and hold no tasks.
    for chapter in ("一、工作原则\n（一）坚持因地制宜、分类指导；\n（二）坚持农民主体、政府引导；\n",
                    "一、改造范围\n（一）2000年底前建成的住宅小区；\n（二）设施设备老化的小区；\n",
                    "一、支持对象\n1.在本市注册登记，具有独立法人资格；\n2.近三年无重大安全生产事故；\n"):
        plan = parse_plan(f"某市实施方案\n{chapter}二、重点任务\n（一）完善设施。改造管网50公里。（责任单位：市住建局）\n",
                          "scope.txt", lexicon, seg)
        assert [i.heading for i in plan.items] == ["完善设施"], chapter
    # A duty that names a law it spreads is a duty; "已建成住宅小区" are the homes a goal is for.
    text = "某区实施意见\n三、分工与职责\n（一）区城管局\n1.宣传贯彻《城市市容和环境卫生管理条例》；\n2.开展专项整治。\n"
    assert len(parse_plan(text, "law.txt", lexicon, seg).items) == 2
    text = "某市加装电梯方案\n一、重点任务\n（一）推进加装电梯。2024年推动已建成住宅小区加装电梯200部。（责任单位：市住建局）\n"
    assert [t.value for t in parse_plan(text, "lift.txt", lexicon, seg).items[0].targets] == [200]


def test_near_misses_of_the_twelfth_sets_rules_third_and_fourth_reviews(lexicon, seg) -> None:
    """Each a wrong reading the third or the fourth reviewer found in the rules as the review before left them."""
    # A list ending in "；" outside a chapter of duties names what a plan covers, not tasks; inside one, a duty that
    # carries out a law is a duty.
    text = ("某区老旧小区改造工作方案\n二、工作内容\n（一）改造范围\n1.本区城镇老旧小区；\n2.独立成栋的老旧住宅楼；\n"
            "三、保障措施\n（一）加强组织领导。成立领导小组。（责任单位：区住建局）\n")
    assert [i.heading for i in parse_plan(text, "scope.txt", lexicon, seg).items] == ["加强组织领导"]
    text = "某区实施意见\n三、工作职责\n（一）区城管局\n1.执行《城市市容和环境卫生管理条例》；\n2.开展专项整治。\n"
    assert len(parse_plan(text, "law.txt", lexicon, seg).items) == 2
    # A chapter of principles and duties holds tasks.
    text = "某区方案\n三、工作原则与职责分工\n（一）区绿化市容局。负责统筹协调垃圾分类工作。\n（二）各街道。负责辖区落实。\n"
    assert len(parse_plan(text, "duty.txt", lexicon, seg).items) == 2
    # A table whose last column (备注) is empty leaves its deadline and units where they stand.
    text = ("某市充电设施行动方案（2024—2026年）\n一、重点任务\n重点任务\t责任单位\t完成时限\t备注\n"
            "新建公共充电桩1000个\t市发改委\t2024年12月31日前\t\n建设换电站10座\t发改委\t2025年第二季度\t\n")
    plan = parse_plan(text, "charge.txt", lexicon, seg)
    assert [[u.written for u in i.units] for i in plan.items] == [["市发改委"], ["发改委"]]
    # An annex row's figure that the body states under another measure word (台 for 个, 千米 for 公里) adds nothing.
    text = ("某市工作方案\n一、重点任务\n（一）加快公共充电设施建设。2024年，全市新建公共充电桩1000个。\n"
            "（二）推进农村公路建设。新改建农村公路300公里。\n附件：重点任务分工表\n序号\t工作任务\t责任单位\n"
            "1\t加快公共充电设施建设，新建公共充电桩1000台\t市发改委\n2\t推进农村公路建设，新改建农村公路300千米\t市交通局\n")
    plan = parse_plan(text, "roads.txt", lexicon, seg)
    assert [[(t.value, t.unit) for t in i.targets] for i in plan.items] == [[(1000, "个")], [(300, "公里")]]


def test_a_line_that_gives_its_work_to_someone_is_an_item(lexicon, seg) -> None:
    """"1.《…管理办法》（责任单位：区规划资源局）": a numbered line without a sentence is still work to do when a unit
    clause closes it; a bare list of papers or conditions ("1.营业执照副本") stays the text of the item above."""
    text = ("某区试点工作方案\n一、主要内容\n（一）制订配套文件\n各职能部门研究制定配套文件，具体如下：\n"
            "1.《入市管理办法》（责任单位：区规划资源局）\n2.《收益调节金征收使用管理实施细则》（牵头单位：区财政局）\n"
            "（二）规范申请材料\n申请时提交下列材料：\n1.营业执照副本\n2.项目可行性报告\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(i.heading, [u.name for u in i.units]) for i in plan.items] == [
        ("《入市管理办法》", ["区规划资源局"]), ("《收益调节金征收使用管理实施细则》", ["区财政局"])]


def test_a_caption_after_an_items_sentences_boxes_the_list_under_it(lexicon, seg) -> None:
    """"（九）加快建设典型应用场景。…（责任单位：…）" then "典型应用场景和项目" and "1.… 2.…": the caption boxes the list, as
    专栏 does, so the item keeps its text and units; a heading line with no sentence of its own still heads sub-items,
    and an annex line is no caption."""
    text = ("某市行动方案\n一、重点任务\n（一）加快建设典型应用场景。打造1000个以上典型场景。（责任单位：市经济信息委、市能源局）\n"
            "典型应用场景和项目\n1.虚拟电厂（150个）。聚合需求侧资源。\n2.绿色工厂（200个）。开展数字化改造。\n"
            "（二）推进示范区建设\n1.打造一体化平台。在两江新区建设平台。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [i.heading for i in plan.items] == ["加快建设典型应用场景", "打造一体化平台"]
    assert [u.name for u in plan.items[0].units] == ["市经济信息委", "市能源局"]


def test_near_misses_of_the_caption_and_duty_table_rules(lexicon, seg) -> None:
    """The second reviewer's: a signature, a table's title or a sub-heading over measures with units of their own
    caption no box, and a two-column duty table ends at the first line that is not its row."""
    text = ("某县2024年重点改革任务\n一、重点任务\n（一）深化改革。推进改革。\n（二）加强宣传引导。加大宣传力度。\nXX县人民政府办公室\n"
            "2024年9月10日\n附件\n2024年重点改革任务分工表\n| 序号 | 改革任务 | 牵头单位 | 完成时限 |\n"
            "| 1 | 创建国家全域旅游示范区 | 县文旅局 | 2024年12月底前 |\n| 2 | 推进国企改革 | 县国资中心 | 2024年底前 |\n")
    assert [i.heading for i in parse_plan(text, "t.txt", lexicon, seg).items][-2:] == ["创建国家全域旅游示范区", "推进国企改革"]
    text = ("某区方案\n一、重点任务\n（一）推进制造业数字化转型。到2026年达到80%。\n重点举措\n"
            "1.实施智能化改造工程。改造企业5家。（责任单位：区经委）\n2.推进工业互联网平台建设。（责任单位：区科委）\n")
    assert [i.heading for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["实施智能化改造工程", "推进工业互联网平台建设"]
    text = ("某区方案\n一、职责分工\n成员单位 | 主要职责\n区发改委 | 负责统筹推进充电设施建设。\n二、保障措施\n"
            "（一）加强组织领导。建立工作机制。\n附件\n| 指标 | 2024年 | 2025年 |\n| 公共充电桩数量 | 达到1200个 | 达到1500个 |\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [i.heading for i in plan.items] == ["负责统筹推进充电设施建设", "加强组织领导"]


def test_near_misses_of_the_caption_and_duty_table_rules_second_review(lexicon, seg) -> None:
    """The second round's: a caption over a task table or over measures with units boxes nothing, a duty wrapped
    onto the next line stays in its row, and "（区住建委牵头）" closes a line as a unit clause."""
    text = ("某区方案\n一、重点任务\n（一）加强企业服务。建立服务专员制度。（责任单位：区商务委）\n重点任务清单\n"
            "序号 | 工作任务 | 责任单位 | 完成时限\n1 | 推行企业开办全程网上办理 | 区市场监管局 | 2025年6月底前\n"
            "2 | 推进审批改革 | 区建管委 | 2025年9月底前\n")
    assert [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items] == [["区市场监管局"], ["区建管委"]]
    text = ("某区方案\n一、职责分工\n单位|职责分工\n区发改委|负责统筹协调全区光伏发展工作，做好项目储备和\n"
            "调度，牵头推进屋顶光伏建设。\n区财政局|负责落实光伏发展专项资金。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [[u.name for u in i.units] for i in plan.items] == [["区发改委"], ["区财政局"]]
    assert "调度" in plan.items[0].text
    text = "某区方案\n一、配套文件\n（一）制定办法\n1.《城市更新项目认定办法》（区住建委牵头）\n2.《历史风貌保护实施细则》（区文旅局负责）\n"
    assert [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items] == [["区住建委"], ["区文旅局"]]


def test_near_misses_of_the_caption_and_duty_table_rules_third_review(lexicon, seg) -> None:
    """The third round's: a duty table ends at the next chapter though its last duty has no full stop, a caption
    boxes nothing when any line under it names units in any form, and a principle in brackets is no unit clause."""
    text = ("某区方案\n一、职责分工\n单位|职责分工\n区委宣传部|负责统筹协调和宣传引导\n区城管委|负责市容环境秩序整治\n"
            "三、保障措施\n（一）加强组织领导。各成员单位要高度重视。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(i.kind, i.heading) for i in plan.items][-1] == ("requirement", "加强组织领导")
    assert "保障措施" not in plan.items[1].text
    text = ("某区方案\n一、重点任务\n（一）推进智能化改造。推动企业改造。（责任单位：区经信委）\n具体任务分工\n"
            "1.建设智能制造示范工厂。培育示范工厂5家。\n责任单位：区科技局\n2.推进工业互联网应用。建设平台3个。\n责任单位：区数据局\n")
    assert [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items] == [["区科技局"], ["区数据局"]]
    text = "某区方案\n一、重点任务\n（一）落实安全生产责任\n1.落实企业主体责任（谁主管谁负责）\n2.强化执法检查。开展检查。\n"
    assert [i.heading for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["强化执法检查"]


def test_near_misses_of_the_caption_rule_fourth_review(lexicon, seg) -> None:
    """The fourth round's: a caption of measures or steps ("重点事项", "工作步骤") boxes nothing, nor one over lines
    that name a 中心 or a company in brackets: only lists of projects, tasks or scenes are boxed."""
    text = ("某区方案\n一、重点任务\n（一）提升政务服务效能。推进便利化。（牵头单位：区行政审批局）\n重点事项\n"
            "1.推进一件事一次办。新增集成办事项20项。\n2.推进帮办代办。建立帮办队伍。\n")
    assert [i.heading for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["推进一件事一次办", "推进帮办代办"]
    text = text.replace("重点事项", "重点项目").replace("新增集成办事项20项。", "新增集成办事项20项。（区政务服务中心）")
    assert [i.heading for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["推进一件事一次办", "推进帮办代办"]


def test_near_misses_of_the_fifth_review(lexicon, seg) -> None:
    """The fifth round's: a generic label ("主要任务") over an item's measures boxes nothing, a heading keeps no
    clause of units a resolver would read ("（属地街道牵头，区城管局配合）"), and a sentence after a duty table that
    says who must act is no continuation of its last row."""
    text = ("某区方案\n一、重点任务\n（一）提升政务服务效能。深化改革。（牵头单位：区政务服务办）\n主要任务\n"
            "1.推进高频事项免申即享，年内新增20项。\n2.推行一业一证改革，覆盖行业达到30个。\n")
    assert len(parse_plan(text, "t.txt", lexicon, seg).items) == 2
    text = "某区方案\n一、重点任务\n（一）开展背街小巷整治（属地街道牵头，区城管局配合）\n1.排查背街小巷。\n"
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert plan.sections[-1].heading == "开展背街小巷整治"
    text = ("某区方案\n一、职责分工\n单位|职责分工\n区住建委|负责建筑工地文明施工管理\n"
            "各街镇要切实履行属地责任，加强日常巡查。\n")
    assert "各街镇要" not in parse_plan(text, "t.txt", lexicon, seg).items[0].heading


def test_a_division_table_after_an_annex_that_details_the_body(lexicon, seg) -> None:
    """Annex 1 details the body's items in sentences (its units are who its sentences say act); annex 2's 分工表
    rows name their 牵头/配合 and give the body items theirs, a title with a word changed ("管理" for "监管")
    naming its item though the row's words also echo a neighbour's."""
    text = ("某区关于加强建筑垃圾管理的实施意见\n一、主要任务\n"
            "1、加强备案申报监管。督促依法编制建筑垃圾处理方案，落实建筑垃圾处理方案备案制度。\n"
            "2、严查非法排放。对未落实建筑垃圾处理方案备案制度的，督促编制建筑垃圾处理方案，依法查处。\n"
            "3、推进数据平台建设。推进土方管理平台建设和运维，实现线索推送和闭环处置。\n"
            "附件1\n建筑垃圾管理细则\n一、具体要求\n"
            "1、推进数据平台建设。由区数据局牵头制定平台建设方案，推进完成土方管理平台建设。\n"
            "附件2\n任务职责分工表\n"
            "| 序号 | 工作任务 | 主要工作内容 | 牵头单位 | 配合单位 |\n"
            "| 1 | 加强备案申报管理 | 严格落实建筑垃圾处理方案备案制度。督促编制建筑垃圾处理方案。 | 区绿化市容局 | 区建设管理委 |\n"
            "| 2 | 严查非法排放 | 加强工地检查，依法查处。 | 区城管执法局 |  |\n"
            "| 3 | 推进数据平台建设 | 完成土方管理平台建设。 | 区数据局、区城运中心 |  |\n"
            "| 4 | 推进数据平台运维 | 开展平台操作培训。 | 区城运中心 |  |\n")
    plan = parse_plan(text, "waste.txt", lexicon, seg)
    # A title a word away whose words are another's is a row of its own.
    assert [i.heading for i in plan.items[3:]] == ["推进数据平台运维"]
    body = {i.heading: sorted((u.name, u.role) for u in i.units) for i in plan.items[:3]}
    assert body == {
        "加强备案申报监管": [("区建设管理委", "co"), ("区绿化市容局", "lead")],
        "严查非法排放": [("区城管执法局", "lead")],
        "推进数据平台建设": [("区城运中心", "lead"), ("区数据局", "lead")],
    }


def test_a_division_annex_that_names_each_task_a_project_gives_the_body_its_units(lexicon, seg) -> None:
    """上海 污水资源化 (heldout75): the 分工方案 restates "（九）实施工业废水循环利用" as "（六）实施工业废水循环利用工程",
    or with a word dropped too ("污泥"), in a plan whose items share their words (工业废水, 资源化, 循环利用): no row's
    words are twice as much one item's as another's, but its title is one item's."""
    text = ("某市推进污水资源化利用实施方案\n一、重点任务\n"
            "（一）积极推动工业废水资源化利用。强化工业节水，推动工业企业开展内部废水循环利用。\n"
            "（二）实施污水收集及污泥资源化利用设施建设。推进污水管网建设，推进污泥无害化资源化利用。\n"
            "（三）实施工业废水循环利用。统筹推进工业园区废水综合治理与资源化利用，推动园区企业间梯级利用。\n"
            "附件\n市级部门分工方案\n"
            "（一）积极推动工业废水资源化利用。\n牵头单位：市经济信息化委\n参加单位：市生态环境局\n"
            "（二）实施污水收集及资源化利用设施建设工程。\n牵头单位：市水务局、市发展改革委\n参加单位：市住建委\n"
            "（三）实施工业废水循环利用工程。\n牵头单位：市水务局\n参加单位：市生态环境局\n")
    plan = parse_plan(text, "sewage.txt", lexicon, seg)
    assert [(i.heading, [(u.name, u.role) for u in i.units]) for i in plan.items] == [
        ("积极推动工业废水资源化利用", [("市经济信息化委", "lead"), ("市生态环境局", "co")]),
        ("实施污水收集及污泥资源化利用设施建设",
         [("市水务局", "lead"), ("市发展和改革委员会", "lead"), ("市住建委", "co")]),
        ("实施工业废水循环利用", [("市水务局", "lead"), ("市生态环境局", "co")]),
    ]


def test_a_title_a_word_away_from_two_items_names_neither(lexicon, seg) -> None:
    """A row's title two characters from two body items' titles ("加快加氢设施建设" beside 充电 and 换电) is a task of
    its own, however its words echo them."""
    text = ("某区新能源汽车推广实施方案\n一、重点任务\n"
            "（一）加快充电设施建设。新建公共充电站，完善充电网络布局。（区发展改革委负责）\n"
            "（二）加快换电设施建设。新建换电站，完善换电网络布局。（区交通委负责）\n"
            "附件\n任务分工表\n| 序号 | 工作任务 | 主要工作内容 | 牵头单位 |\n"
            "| 1 | 加快加氢设施建设 | 新建加氢站，完善充电网络布局。 | 区经委 |\n")
    plan = parse_plan(text, "nev.txt", lexicon, seg)
    assert [(i.heading, [u.name for u in i.units]) for i in plan.items] == [
        ("加快充电设施建设", ["区发展改革委"]), ("加快换电设施建设", ["区交通委"]), ("加快加氢设施建设", ["区经委"])]


def test_a_tables_groups_named_for_body_items_give_them_their_cells(lexicon, seg) -> None:
    """上海 沪交设养〔2024〕1025号 (heldout60): an annex task table given one cell per line, merged cells left out: a group
    line names a body item ("1、改善城市道路环境"), its rows follow ("（1）建设精品道路300条。" and a year's cells), the
    first row ends in its unit cells (牵头 / 配合 / 实施主体); the body item takes them and the rows' figures, and the
    rows are no tasks of their own. Before, every body item had no units and each row was a task without any."""
    text = ("上海市交通领域精细化管理工作方案\n一、提升交通设施环境品质\n"
            "（一）改善城市道路环境。结合城市更新等行动，建设精品道路300条。\n"
            "（二）提升慢行交通空间品质。完成慢行交通专项提升项目300项。\n"
            "附件：任务清单\n主要方向\n重点任务\n2024年工作项目\n2025年计划\n牵头\n部门\n配合\n部门\n"
            "1、改善城市道路环境\n（1）建设精品道路300条。\n建设精品道路100条。\n建设精品道路120条。\n"
            "设施养护处\n各相关部门和单位\n"
            "2、提升慢行交通空间品质\n（2）完成慢行交通专项提升项目300项。\n完成项目110个。\n完成项目110个。\n"
            "设施运行处\n各相关部门和单位\n申通集团\n（3）建设慢行交通精品区域50个。\n建设精品区17个。\n建设精品区16个。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [(i.number, [(u.name, u.role) for u in i.units]) for i in items] == [
        ("（一）", [("设施养护处", "lead"), ("各相关部门和单位", "co")]),
        ("（二）", [("设施运行处", "lead"), ("各相关部门和单位", "co"), ("申通集团", "co")])]
    assert {t.value for t in items[1].targets} >= {300, 110, 50, 17, 16}
    # Not an annex whose group details a body item that has units of its own, nor rows that each give their own.
    own = text.replace("（一）改善城市道路环境。结合城市更新等行动，建设精品道路300条。",
                       "（一）改善城市道路环境。结合城市更新等行动，建设精品道路300条。（责任单位：市交通委）")
    first = parse_plan(own, "t.txt", lexicon, seg).items[0]
    assert [u.name for u in first.units] == ["市交通委"]


def test_near_misses_of_a_tables_groups_and_unit_cells(lexicon, seg) -> None:
    """Review (helper 420): a group whose rows each give units keeps its rows, and its body item takes none from a
    neighbour's folded row; a signature under the last row is no unit cell; a column of the places where the work is
    done is not the lead; a row with a cell read as no unit ("属地") stays a row."""
    body = ("上海市静安区城市更新方案\n一、主要任务\n（一）改善城市道路环境。推进道路大中修，提升道路品质。\n"
            "（二）提升绿化景观。建设口袋公园10个。\n附件：任务清单\n主要方向\n重点任务\n完成时间\n牵头单位\n配合单位\n")
    text = body + ("1、改善城市道路环境\n（1）完成道路大中修20条。\n2025年底前\n区建管委设施养护处\n各街道办事处\n"
                   "（2）整治架空线5公里。\n2025年6月\n区建管委\n区供电公司\n"
                   "2、提升绿化景观\n（1）建设口袋公园10个。\n2025年底前\n区绿化市容局\n各街道办事处\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert items[0].units == [] and [u.name for u in items[1].units] == ["区绿化市容局", "各街道办事处"]
    assert len(items) == 4  # the first group's two rows stay tasks
    signed = body + ("2、提升绿化景观\n（1）建设口袋公园10个。\n2025年底前\n"
                     "上海市静安区建设和管理委员会\n上海市静安区绿化和市容管理局\n")
    assert all(not u.name.startswith("上海市") for i in parse_plan(signed, "t.txt", lexicon, seg).items for u in i.units)
    places = body.replace("完成时间", "实施范围").replace("配合单位", "责任单位") + (
        "2、提升绿化景观\n（1）建设口袋公园10个。\n2025年底前\n彭浦新村街道办事处、临汾路街道办事处\n区绿化市容局\n")
    assert [(u.name, u.role) for u in parse_plan(places, "t.txt", lexicon, seg).items[1].units][:1] == [("区绿化市容局", "lead")]


def test_a_row_whose_added_words_name_another_item_is_its_own(lexicon, seg) -> None:
    """Review (helper 551): "完善河长制考核工作机制" is a word from "完善河长制工作机制", but 考核 is the next item's word."""
    text = ("某市河长制方案\n一、重点任务\n（一）完善河长制工作机制。健全市、区、街镇三级河长体系。（牵头单位：市水务局）\n"
            "（二）完善河长制考核制度。将河长制考核纳入区级绩效考核。（牵头单位：市考核办）\n"
            "附件\n分工表\n1.完善河长制考核工作机制。（牵头单位：市委组织部；配合单位：市考核办）\n")
    plan = parse_plan(text, "river.txt", lexicon, seg)
    assert [[u.name for u in i.units] for i in plan.items] == [["市水务局"], ["市考核办"], ["市委组织部", "市考核办"]]
