"""Header fields, heading levels, item numbering and kinds."""
from item_units import item_units

from ingest.normalize import normalize
from ingest.parse import parse_plan
from ingest.structure import heading_of, parse_blocks, parse_header, split_lines, unique_numbers

PLAN = """某某市人民政府办公室关于印发
某某市招商引资三年行动方案
（2025—2027年）的通知
2025年1月2日
某某市招商引资三年行动方案
（2025—2027年）
为做好招商工作，制定本方案。
一、工作目标
到2027年，引进项目100个。
二、重点任务
（一）强化产业招商
1.编制招商图谱。编制产业链图谱。〔责任单位：市商务局〕
2.开展以商招商。发挥企业作用。〔责任单位：市商务局〕
（二）优化营商环境
1.提升服务效能。简化审批。〔责任单位：市政务局〕
三、工作要求
（一）加强领导。建立机制。〔责任单位：市商务局〕
"""


def test_header() -> None:
    lines = split_lines(normalize(PLAN))
    first, _ = parse_blocks(lines)
    h = parse_header(lines, first)
    assert h.title == "某某市招商引资三年行动方案（2025—2027年）"
    assert h.office == "某某市人民政府办公室"
    assert h.date == "2025-01-02"
    assert h.period == (2025, 2027)
    text = normalize(PLAN)
    assert h.preamble and text[h.preamble.start : h.preamble.end] == "为做好招商工作，制定本方案。"


def test_levels_follow_first_appearance_and_numbers_are_unique() -> None:
    _, blocks = parse_blocks(split_lines(normalize(PLAN)))
    assert [(b.label, b.level) for b in blocks][:4] == [("一", 1), ("二", 1), ("（一）", 2), ("1", 3)]
    leaves = [i for i, b in enumerate(blocks) if i not in {x.parent for x in blocks}]
    numbers = unique_numbers(blocks, leaves)
    assert [numbers[i] for i in leaves] == ["一", "（一）1", "（一）2", "（二）1", "三（一）"]


def test_heading_is_text_before_first_full_stop() -> None:
    _, blocks = parse_blocks(split_lines("1.提升协同创新能力。实施“揭榜挂帅”制度。"))
    heading, span = heading_of(blocks[0])
    assert heading == "提升协同创新能力" and span.start == 2


def test_standard_marker_order_and_top_level_kinds(lexicon, seg) -> None:
    """"1." under the goals chapter does not make "1." outrank "（一）"; a section named 目标… holds tasks."""
    from ingest.parse import parse_plan

    plan = """某某市产业发展行动方案（2024年—2026年）
一、发展目标
1.规模目标。到2026年，产业规模突破100亿元。
二、重点任务
（一）实施目标企业精准招商行动
1.编制招商图谱。编制图谱1套。〔责任单位：市商务局〕
2.招引重点项目。引进项目20个。〔责任单位：市商务局、市发改委〕
（二）完善要素保障措施
1.强化用地保障。保障用地500亩。〔责任单位：市自然资源局〕
三、保障措施
（一）加强组织领导。成立专班。〔责任单位：市发改委〕
"""
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert p.period == (2024, 2026) and p.region == "某某市"
    assert [(i.number, i.kind, i.heading) for i in p.items] == [
        ("（一）1", "task", "编制招商图谱"),
        ("（一）2", "task", "招引重点项目"),
        ("（二）1", "task", "强化用地保障"),
        ("三（一）", "requirement", "加强组织领导"),
    ]
    assert [(t.metric, t.value) for t in p.goal_targets] == [("产业规模", 100)]
    assert [t.value for i in p.items for t in i.targets] == [1, 20, 500]


def test_multi_paragraph_task_keeps_text_after_its_clause(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    plan = "某某市金融行动方案\n一、任务\n1.强化金融支持。设立基金。（责任单位：市金融办）\n完善融资担保体系，到2028年新增贷款200亿元。\n"
    (item,) = parse_plan(plan, "p.txt", lexicon, seg).items
    assert [(t.metric, t.value, t.year) for t in item.targets] == [("新增贷款", 200, 2028)]


def test_footer_words_inside_the_last_task_are_kept(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    plan = "某某市行动方案\n一、任务\n1.建设平台。建成平台3个。（责任单位：市科技局）\n2.强化服务保障。组织专家为企业提供技术支持，每年服务企业100家。（责任单位：市科技局）\n网站标识码：3604000001\n"
    assert [i.heading for i in parse_plan(plan, "p.txt", lexicon, seg).items] == ["建设平台", "强化服务保障"]


def test_articles_and_no_invented_city(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    plan = "关于加快推进全市数字经济发展的若干措施\n第一条 支持企业上云。每年支持企业100家。（市工信局牵头）\n第二条 培育数字人才。（市人社局牵头）\n"
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert p.region is None
    assert [(i.number, i.heading, i.units[0].name) for i in p.items] == [
        ("第一条", "支持企业上云", "市工业和信息化局"),
        ("第二条", "培育数字人才", "市人力资源和社会保障局"),
    ]


def test_a_covering_letter_that_forwards_the_plan_by_name_gives_its_title_and_year() -> None:
    text = normalize("京政发〔2024〕1号\n各区人民政府，市政府各委、办、局：\n"
                     "为推动各项任务落地落实，现将《2024年市政府工作报告重点任务清单》印发给你们，请认真抓好贯彻落实。\n"
                     "一、提高政治站位。各部门要强化责任担当。\n二、加强组织领导。压实工作责任。\n")
    lines = split_lines(text)
    first, _ = parse_blocks(lines)
    h = parse_header(lines, first)
    assert (h.title, h.period) == ("2024年市政府工作报告重点任务清单", (2024, 2024))


def test_a_title_set_on_two_lines_as_the_covering_letter_names_it() -> None:
    # 平潭 2021 种业监管执法年活动方案 (heldout66): a 函 issuing the plan names it whole; the plan's own title is set on two
    # lines, the year in the first. Its one year is the plan's period.
    def header(text: str):
        lines = split_lines(normalize(text))
        return parse_header(lines, parse_blocks(lines)[0])

    h = header("某区农业农村局关于印发《2021年某区种业监管执法年活动方案》的函\n各有关单位：\n现印发给你们。\n某区农业农村局\n"
               "2021年5月21日\n2021年某区种业监管\n执法年活动方案\n一、重点任务\n1.加强检查。开展检查。\n")
    assert (h.title, h.period, h.office) == ("2021年某区种业监管执法年活动方案", (2021, 2021), "某区农业农村局")
    # Not a line the notice does not join so: the year of a line before is no part of the title.
    h = header("某区农业农村局关于印发《种业监管执法年活动方案》的函\n各有关单位：\n现印发给你们。\n2021年5月21日\n"
               "2021年某区种业监管\n执法年活动方案\n一、重点任务\n1.加强检查。开展检查。\n")
    assert (h.title, h.period) == ("执法年活动方案", None)


def _header(text: str):
    lines = split_lines(normalize(text))
    return parse_header(lines, parse_blocks(lines)[0])


_BODY = "区直各单位：\n现提出如下意见：\n一、重点任务\n1.加强检查。开展检查。\n"


def test_a_document_titled_about_what_it_does_is_named_so_not_by_its_doc_no() -> None:
    # 平潭 岚综管综〔2015〕48号 (heldout78) and 〔2015〕141号 (heldout77): the 文号 stands first, the title "…关于…的通知" or
    # "关于…的实施意见" is the document itself (no 印发), set on one line or two; the title's year is its period.
    h = _header("岚综管综〔2015〕48号\n平潭综合实验区管委会关于切实加强\n2015年造林绿化和森林经营工作的通知\n" + _BODY)
    assert (h.title, h.period) == ("平潭综合实验区管委会关于切实加强2015年造林绿化和森林经营工作的通知", (2015, 2015))
    h = _header("岚综管综〔2015〕141号\n平潭综合实验区管委会\n关于进一步扩大有效投资的实施意见\n" + _BODY)
    assert (h.title, h.period) == ("关于进一步扩大有效投资的实施意见", None)
    # A 文号 on the line before it is not part of it, nor a date line before it.
    h = _header("闵吴府发〔2021〕3号\n关于进一步规范吴泾镇建筑垃圾治理的通知\n为进一步规范建筑垃圾管理，现通知如下：\n"
                "一、工作目标\n1.加强检查。开展检查。\n")
    assert h.title == "关于进一步规范吴泾镇建筑垃圾治理的通知"
    assert _header("2022年12月27日\n虹口区关于加强建筑垃圾处置管理的实施意见\n" + _BODY).title == "虹口区关于加强建筑垃圾处置管理的实施意见"


def test_a_title_run_on_into_the_next_line_is_cut_at_its_end() -> None:
    # 平潭 电梯 2019 (heldout44), 农民工 2015 (heldout55): a page joined the title to the addressees or to the 文号; the title
    # ends at its kind. A line that is a title whole comes first (上海 危险化学品 2015: the 转发 line runs on, the plan's own
    # title stands alone below it); a 批转 letter gives what it forwards (嘉定 2014, heldout66).
    assert _header("平潭综合实验区管委会办公室关于进一步加强电梯质量安全工作的实施意见区直有关单位，各乡镇人民政府：\n"
                   "现提出如下意见：\n一、重点任务\n1.加强检查。开展检查。\n").title \
        == "平潭综合实验区管委会办公室关于进一步加强电梯质量安全工作的实施意见"
    assert _header("平潭综合实验区管委会关于进一步做好为农民工服务工作的实施意见岚综管综〔2015〕207区直各单位：\n"
                   "现提出如下意见：\n一、重点任务\n1.加强检查。开展检查。\n").title \
        == "平潭综合实验区管委会关于进一步做好为农民工服务工作的实施意见"
    assert _header("上海市人民政府办公厅转发市交通委等四部门关于加强运输安全监管工作实施意见的通知各区、县人民政府：\n"
                   "市交通委等四部门制订的实施意见已经市政府同意，现转发给你们。\n关于加强运输安全监管工作的实施意见\n"
                   "一、重点任务\n1.加强检查。开展检查。\n").title == "关于加强运输安全监管工作的实施意见"
    assert _header("上海市嘉定区人民政府关于批转《关于加强本区道路下立交设施防汛防台管理工作的通知》的通知各镇人民政府：\n"
                   "现将该通知批转给你们。\n一、重点任务\n1.加强检查。开展检查。\n").title \
        == "关于加强本区道路下立交设施防汛防台管理工作的通知"


def test_a_forwarding_letter_set_on_three_lines_gives_the_forwarded_documents_title() -> None:
    # 徐汇 徐府办发〔2020〕24号 (heldout76): "…关于转发\n区商务委制订的《…\n的实施意见》的通知": the document is the 实施意见.
    h = _header("徐府办发〔2020〕24号\n上海市徐汇区人民政府办公室关于转发\n区商务委制订的《徐汇区关于进一步推进早餐工程建设\n"
                "的实施意见》的通知\n" + _BODY)
    assert h.title == "徐汇区关于进一步推进早餐工程建设的实施意见"
    # The 关于 inside the brackets is the forwarded title's, not the line's: alone, that line is no title.
    h = _header("徐府办发〔2020〕24号\n区商务委制订的《徐汇区关于进一步推进早餐工程建设的实施意见》的通知\n" + _BODY)
    assert h.title == "徐府办发〔2020〕24号"


def test_the_first_date_line_of_the_head_dates_the_document_and_an_effective_date_does_not() -> None:
    # 福建 大学生创新创业 (heldout61): the covering notice's date, then the measures' own; 上海 污水资源化 (heldout75):
    # "本方案自2022年2月1日起实施。" is when it takes effect, the signature's date is the document's.
    assert _header("关于印发《某措施》的通知\n2023年1月18日\n某措施\n2023年1月4日\n" + _BODY).date == "2023-01-18"
    assert _header("关于印发《某方案》的通知\n本方案自2022年2月1日起实施。\n上海市水务局\n2022年1月27日\n" + _BODY).date \
        == "2022-01-27"
    assert _header("关于某措施的函\n省乡村振兴局2021年8月16日\n" + _BODY).date == "2021-08-16"
    # Review: a page's keys and times still date it, and a 成文日期 comes before a 发布日期.
    for line in ("发文日期：2023年1月4日", "发布时间：2023年1月4日 10:30", "公开日期：2023年1月4日"):
        assert _header(f"关于某措施的通知\n{line}\n" + _BODY).date == "2023-01-04", line
    assert _header("关于某措施的通知\n发布日期：2023年1月10日\n成文日期：2022年12月28日\n" + _BODY).date == "2022-12-28"


def test_a_period_in_brackets_without_its_year_word() -> None:
    # "三年行动计划\n（2019—2021）": the plan's period, as "（2019—2021年）" would be; a year range in a sentence is none.
    text = normalize("静安区消防救援发展三年行动计划\n（2019—2021）\n一、工作任务\n1.建立工作机制。定期听取汇报。\n")
    lines = split_lines(text)
    first, _ = parse_blocks(lines)
    h = parse_header(lines, first)
    assert (h.title, h.period) == ("静安区消防救援发展三年行动计划（2019—2021）", (2019, 2021))
    text = normalize("某某区消防工作方案\n回顾2019—2021工作。\n一、工作任务\n1.建立工作机制。定期听取汇报。\n")
    lines = split_lines(text)
    first, _ = parse_blocks(lines)
    assert parse_header(lines, first).period is None


def test_a_headings_deadline_dates_the_figures_below_it(lexicon, seg) -> None:
    # "（二）第二阶段（2024年第四季度前完成）  1.试点推进。…遴选10至20个住宅小区": the stage's deadline, where the
    # item states none; an item's own year wins; a plan with no period still gets the heading's.
    from ingest.parse import parse_plan
    text = ("某区综合治理工作方案\n五、实施步骤\n（一）第一阶段（2024年6月底前）\n1.建章立制。梳理规范30项。\n"
            "（二）第二阶段（2024年第四季度前完成）\n1.试点推进。遴选10至20个住宅小区先行先试。\n"
            "2.总结经验。到2025年，推广至50个小区。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    got = {i.heading: [(t.value, t.year, t.deadline) for t in i.targets] for i in plan.items}
    assert got["建章立制"] == [(30, 2024, "2024年6月底前")]
    assert got["试点推进"] == [(10, 2024, "2024年第四季度前")]
    assert got["总结经验"] == [(50, 2025, "到2025年")]


def test_near_misses_of_the_heading_deadline_and_period_first_review(lexicon, seg) -> None:
    # A date in a heading that qualifies what follows, or a stretch of a year, is no stage's deadline; the one that
    # opens the heading governs; a deadline before the plan's period dates nothing.
    from ingest.deadlines import stage_deadline
    from ingest.parse import parse_plan
    assert stage_deadline("2000年底前建成的老旧小区改造") is None
    assert stage_deadline("2023年以前遗留问题化解") is None
    assert stage_deadline("2025年前三季度工作完成情况") is None
    assert stage_deadline("动员部署（2023年6月2日前）") == "2023年6月2日前"
    assert stage_deadline("2024年底前完成试点，2025年底前全面推广") == "2024年底前"  # the one opening the heading
    text = "某区工作方案（2024—2026年）\n一、重点任务\n（一）2023年底前\n1.化解积案。化解信访积案120件。\n"
    assert [(t.value, t.year) for t in parse_plan(text, "t.txt", lexicon, seg).items[0].targets] == [(120, 2026)]
    # A standard's number, or another plan's period in the preamble, is no period of this plan.
    for head in ("关于贯彻落实《质量管理体系要求》（GB/T 19001—2016）的实施方案\n",
                 "某市质量提升实施方案\n为落实《质量强市三年行动计划（2020—2022）》，制定本方案。\n"):
        lines = split_lines(normalize(head + "一、工作任务\n1.建立机制。定期听取汇报。\n"))
        first, _ = parse_blocks(lines)
        assert parse_header(lines, first).period is None, head


def test_near_misses_of_the_heading_deadline_second_review() -> None:
    # A date inside a heading's work, a stretch of months, or an as-of date sets no stage's deadline; a registration or
    # as-of date in an item's text is no limit of it, a day that closes the work is.
    from ingest.deadlines import find_deadlines, stage_deadline
    for heading in ("对2024年6月底前登记企业开展核查", "巩固2023年底前改造成果", "消化2015年底前批而未供土地",
                    "截至2023年底前已排查隐患", "2024年前两个月工作情况", "2024年前10个月重点工作"):
        assert stage_deadline(heading) is None, heading
    assert stage_deadline("2024年6月底前完成摸底") == "2024年6月底前"
    assert find_deadlines("报废2012年6月30日前（含当日，下同）注册登记的汽油乘用车") == []
    assert find_deadlines("支持使用15年以上（2009年1月1日前办理使用登记）的住宅老旧电梯更新") == []
    assert find_deadlines("截至2023年12月31日前已处理但尚未补贴的") == []
    assert find_deadlines("于2024年6月30日前报送市发展改革委。") == ["2024年6月30日前"]
    assert find_deadlines("2021年3月底前设立首批创新试点城市。") == ["2021年3月底前"]
    assert find_deadlines("2026年前三季度完成改造。") == ["2026年前三季度"]


def test_near_misses_of_the_deadlines_third_review(lexicon, seg) -> None:
    # A limit followed by the work done by then is one, whatever the work ("办理完成", "注册成立", "完成任务的50%");
    # a time near a date ("前后") or a stretch of a year ("前10个月") is none.
    from ingest.deadlines import find_deadlines
    from ingest.parse import parse_plan
    assert find_deadlines("须于2025年6月底前办理完成相关手续。") == ["2025年6月底前"]
    assert find_deadlines("力争2025年底前注册成立产业基金。") == ["2025年底前"]
    assert find_deadlines("2024年底前完成任务的50%，2025年底前全部完成。") == ["2024年底前", "2025年底前"]
    assert find_deadlines("2025年6月前后启动招标。") == []
    assert find_deadlines("2024年前10个月，全区完成投资120亿元。") == []
    # In a plan with no period, a heading's date before the plan was issued is which land, not a stage's limit.
    text = ("某县土地清理处置工作方案\n2024年3月1日\n一、清理处置\n（一）2015年前出让土地清理处置\n1.清理闲置土地。处置土地300亩。\n")
    assert [(t.value, t.year) for t in parse_plan(text, "t.txt", lexicon, seg).items[0].targets] == [(300, None)]


def test_a_regulations_general_provisions_may_assign_duties(lexicon, seg) -> None:
    """"第一章 总则" of a 办法 states who is responsible; only a plan's "规划总则" is its general part."""
    from ingest.parse import parse_plan

    text = "某市停车管理办法\n第一章 总则\n第一条 为加强停车管理，制定本办法。\n第二条 市交通运输局负责全市停车管理工作。\n"
    kinds = {i.kind for i in parse_plan(text, "r.txt", lexicon, seg).items}
    assert kinds == {"task"}


def test_an_annex_heading_and_what_follows_it_are_no_text_of_the_item_before(lexicon, seg) -> None:
    """"附件2 / 拟移交设施汇总表 / 主管154公里…" after the last row of 附件1: the inventory is no part of that row, and its
    figures are no one's targets; the body's last item keeps its own text when an annex follows it."""
    from ingest.parse import parse_plan

    text = ("某区排水管理体制改革方案（2025—2026年）\n一、改革任务\n（一）推进移交。完成设施移交100公里。（责任单位：区水务局）\n"
            "附件1\n改革任务表\n| 序号 | 改革任务 | 责任单位 | 完成时间 |\n| 1 | 移交清单建立 | 区水务局 | 2025年9月 |\n"
            "附件2\n拟移交设施汇总表\n主管154.84公里，窨井19148座。\n")
    plan = parse_plan(text, "p.txt", lexicon, seg)
    assert [(i.heading, [t.value for t in i.targets]) for i in plan.items] == [("推进移交", [100]), ("移交清单建立", [])]
    assert "附件" not in plan.items[0].text and "窨井" not in plan.items[1].text


def test_a_chapter_of_goals_and_tasks_holds_tasks(lexicon, seg) -> None:
    """"二、目标任务" over numbered work: the work items are tasks, the section's "治理指标：" figures are goals; a
    目标任务 chapter of prose alone states goals."""
    from ingest.parse import parse_plan

    plan = """2015年全区治理工作方案
一、总体要求
持续开展治理工作。
二、目标任务
（一）畜禽生产环节
治理指标：全区生猪定点屠宰率达到98%以上，抽查问题样品检出率控制在1%以内。
工作任务：
1.加强定点屠宰监督管理。组织开展执法检查。（区农业局）
2.开展病死畜禽治理整顿。推进无害化处理。（区公安局）
"""
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [(i.heading, [u.name for u in i.units]) for i in p.items] == [
        ("加强定点屠宰监督管理", ["区农业局"]), ("开展病死畜禽治理整顿", ["区公安局"])]
    assert sorted(t.value for t in p.goal_targets) == [1, 98]
    prose = "项目实施方案\n一、目标任务\n以促进小农户发展为目标，完成服务面积5万亩。\n二、项目实施内容\n1.开展托管服务。推进服务。（县农业农村局）\n"
    assert [i.heading for i in parse_plan(prose, "p.txt", lexicon, seg).items] == ["开展托管服务"]


def test_near_misses_of_the_goals_and_tasks_chapter_first_review(lexicon, seg) -> None:
    """Goals under a 目标任务 chapter stay goals when they name no one; a bare 指标： line is no goal label."""
    from ingest.parse import parse_plan

    plan = ("某市推广方案\n一、目标任务\n（一）总体目标。到2025年，全市推广新能源汽车10万辆。\n"
            "（二）具体目标。建成充电桩5000个。\n二、重点任务\n（一）加快推广。推广公交车500辆。（市交通运输局负责）\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["加快推广"]
    assert sorted(t.value for t in p.goal_targets) == [10, 5000]
    plan = "某市推广方案\n一、主要目标任务\n到2025年，全市推广新能源汽车10万辆。\n二、重点任务\n（一）加快推广。推广公交车500辆。（市交通运输局负责）\n"
    assert [t.value for t in parse_plan(plan, "p.txt", lexicon, seg).goal_targets] == [10]
    plan = "某市推广方案\n一、重点任务\n指标：公共充电桩数量，2023年基数为1200个。\n（一）加快推广。推广公交车500辆。（市交通运输局负责）\n"
    assert parse_plan(plan, "p.txt", lexicon, seg).goal_targets == []


def test_near_misses_of_the_goals_and_tasks_chapter_second_review(lexicon, seg) -> None:
    """Units on a section heading make its items tasks; 发展目标和重点任务 is such a chapter; 治理目标： labels goals."""
    from ingest.parse import parse_plan

    plan = ("某市治理方案\n一、总体要求\n坚持源头治理。\n二、目标任务\n（一）畜禽生产环节（责任单位：区农业局）\n"
            "治理目标：生猪定点屠宰率达到98%以上。\n1.加强定点屠宰监督管理。组织开展执法检查。\n2.开展病死畜禽治理整顿。推进无害化处理。\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [(i.heading, [u.name for u in i.units]) for i in p.items] == [
        ("加强定点屠宰监督管理", ["区农业局"]), ("开展病死畜禽治理整顿", ["区农业局"])]
    assert [t.value for t in p.goal_targets] == [98]
    plan = ("某市治理方案\n一、发展目标和重点任务\n（一）发展目标。到2025年，食品抽检合格率达到98%以上。\n（二）重点任务\n"
            "1.加强监管。开展执法检查。（市市场监管局负责）\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["加强监管"] and [t.value for t in p.goal_targets] == [98]


def test_near_misses_of_the_goals_and_tasks_chapter_third_review(lexicon, seg) -> None:
    """A goals section that names its lead keeps its goals; work beside work with units is work; 整治目标： labels."""
    from ingest.parse import parse_plan

    plan = ("某区治理方案\n一、总体要求\n坚持源头治理。\n二、目标任务\n（一）工作目标（区市场监管局牵头）\n"
            "1.到2025年，食品抽检合格率达到98%以上。\n（二）工作任务\n1.加强监管。开展执法检查。（区市场监管局）\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["加强监管"] and [t.value for t in p.goal_targets] == [98]
    plan = ("某区治理方案\n二、目标任务\n（一）流通环节\n整治目标：进货查验率达到95%以上。\n"
            "1.加强市场监管。开展专项检查。（区市场监管局）\n2.开展示范创建。创建示范市场1个。\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["加强市场监管", "开展示范创建"] and [t.value for t in p.goal_targets] == [95]


def test_near_misses_of_the_goals_and_tasks_chapter_fourth_review(lexicon, seg) -> None:
    """Work whose heading mentions 目标 is work; goals beside work with units stay goals."""
    from ingest.parse import parse_plan

    plan = ("某区治理方案\n二、目标任务\n（一）工作目标\n到2025年，食品抽检合格率达到98%以上。\n（二）目标任务分解\n"
            "1.落实目标责任。开展执法检查。（区市场监管局负责）\n2.建设放心市场。建成放心市场10个。（区商务局负责）\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["落实目标责任", "建设放心市场"] and [t.value for t in p.goal_targets] == [98]
    plan = ("某区治理方案\n二、目标任务\n1.到2025年，食品抽检合格率达到98%以上。\n2.到2025年，放心市场覆盖率达到90%。\n"
            "3.加强执法监管。开展执法检查。（区市场监管局负责）\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["加强执法监管"] and sorted(t.value for t in p.goal_targets) == [90, 98]


def test_near_misses_of_the_goals_and_tasks_chapter_fifth_review(lexicon, seg) -> None:
    """A goal with its lead stays a goal; work whose heading opens with 目标 or a deadline is work."""
    from ingest.parse import parse_plan

    plan = ("某区治理方案\n二、目标任务\n（一）工作目标。到2025年，食品抽检合格率达到98%以上。（区市场监管局牵头）\n"
            "（二）目标管理。建立目标考核机制。（区督查室负责）\n（三）到2025年底前，完成全区农贸市场改造提升。（区商务局负责）\n")
    p = parse_plan(plan, "p.txt", lexicon, seg)
    assert [i.heading for i in p.items] == ["目标管理", "到2025年底前，完成全区农贸市场改造提升"]
    assert [t.value for t in p.goal_targets] == [98]


def test_a_schedules_stages_are_items_of_its_chapter() -> None:
    # 平潭 2015 (heldout43), 綦江 2024: "四、工作步骤 / 第一阶段：…（dates） / text": each stage is an item of the chapter.
    text = ("一、主要任务\n（一）开展排查。全面排查。\n二、工作步骤\n排查工作分三个阶段进行：\n第一阶段：自查摸底阶段（2015年7月15日至11月2日）\n"
            "各乡镇要开展排查。\n第二阶段：整治阶段（2015年11月3日至2016年3月30日）\n各相关单位要督促整改。\n第三阶段 验收\n"
            "第一阶段目标已完成的，转入整治。\n")
    _, blocks = parse_blocks(split_lines(text))
    stages = [b for b in blocks if b.style == "stage"]
    assert [(b.label, blocks[b.parent].label, heading_of(b)[0]) for b in stages if b.parent is not None] == [
        ("第一阶段", "二", "自查摸底阶段（2015年7月15日至11月2日）"), ("第二阶段", "二", "整治阶段（2015年11月3日至2016年3月30日）"),
        ("第三阶段", "二", "验收")]
    # Inside an item (a section, an arabic item) the stages are its text: no item is lost to them.
    for opening in ("（一）全面排查\n由区住建局牵头，分两个阶段推进：\n", "二、实施步骤\n（一）集中整治阶段\n"):
        text = f"一、主要任务\n{opening}第一阶段（2024年3月）：摸底。\n第二阶段（2024年6月）：整治。\n（二）加强宣传。做好宣传。\n"
        _, blocks = parse_blocks(split_lines(text))
        assert not [b for b in blocks if b.style == "stage"] and len([b for b in blocks if b.style == "section"]) == 2, opening


def test_enumerated_paragraphs_under_a_heading_are_items(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕158号 (heldout60): "1.基础设施建设专题：" then "一是交通设施巨大变化。…责任单位：区交建局。" and
    # "二是…" on lines of their own, each with its units: each an item, not one item holding every unit as a lead.
    from ingest.parse import parse_plan

    text = ("某区宣传报道分工通知\n三、专题分工\n1.基础设施建设专题：\n一是交通设施巨大变化。宣传要点：路网建设。责任单位：区交建局。\n"
            "二是生态环境日益改善。宣传要点：绿化工程。责任单位：区农发局、区环土局。\n2.发展目标专题：宣传要点：解读指标。责任单位：区经发局。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [(i.text[:4], [(u.name, u.role) for u in i.units]) for i in items] == [
        ("一是交通", [("区交建局", "lead")]), ("二是生态", [("区农发局", "lead"), ("区环土局", "co")]),
        ("2.发展", [("区经发局", "lead")])]
    # Two such items in two chapters are numbered by chapter, not "一11.1" (review, helper 413).
    two = text.replace("2.发展目标专题：", "二、展望\n1.发展目标专题：\n一是解读指标。责任单位：区经发局。\n二是分析位次。") \
        .replace("宣传要点：解读指标。责任单位：区经发局。\n", "责任单位：区统计局。\n")
    assert [i.number for i in parse_plan(two, "t.txt", lexicon, seg).items] == ["三1.1", "三1.2", "二1.1", "二1.2"]
    # Not under an item that states its measure ("2.一以贯之狠抓落实。", "2.加强组织领导" with or without its clause,
    # review helper 413) then "一是…", nor a lone 一是 paragraph.
    for heading, rest in (("1.一以贯之狠抓落实。", "二是完善督办机制。\n"), ("1.基础设施建设专题：", "另做好配合。\n"),
                          ("1.加强组织领导", "二是定期调度。\n"), ("1.加强组织领导（责任单位：区委宣传部）", "二是定期调度。\n")):
        one = (f"某区安全工作要点\n三、主要任务\n{heading}\n一是建立落实机制。（责任单位：区应急局）\n{rest}"
               "2.加强宣传。（责任单位：区委宣传部）\n")
        assert [i.number for i in parse_plan(one, "t.txt", lexicon, seg).items] == ["1", "2"], heading


def test_a_chapter_of_purpose_holds_no_tasks(lexicon, seg) -> None:
    # heldout60: "一、宣传目的" states why, as "指导思想" does; its writer left it out. Not a destination ("旅游目的地").
    from ingest.parse import parse_plan

    for heading, tasks in (("一、宣传目的", 1), ("一、工作目的和意义", 1), ("一、打造旅游目的地", 2)):
        text = f"某区宣传方案\n{heading}\n抓住契机，广泛宣传。\n二、工作要求\n区宣传部要做好统筹。\n"
        assert len(parse_plan(text, "t.txt", lexicon, seg).items) == tasks, heading


def test_decimal_numbering_of_an_emergency_plan(lexicon, seg) -> None:
    # 金山 金应急〔2026〕11号 (heldout62): "1总则 / 1.1编制目的 / … / 4.1灾情信息报告 / 4.1.1灾害发生后，…" after a table of
    # contents listing the same headings; chapters 7 and 8 had run on into the item before them, and "7.1.1区应急管理局…"
    # read as a unit "1.1区应急管理局".
    from ingest.parse import parse_plan

    toc = "1总则\n1.1编制目的\n2组织指挥体系\n3灾害救助准备\n4灾情信息报告\n4.1灾情信息报告\n5配套机制\n5.1救助资金\n"
    text = ("上海市金山区自然灾害救助应急预案\n" + toc + "1总则\n1.1编制目的\n为规范救助工作，制定本预案。\n2组织指挥体系\n"
            "区防灾减灾救灾委员会统筹指导全区救灾工作。\n3灾害救助准备\n进入预警状态后，区防减救灾办主要采取以下措施：\n"
            "（1）向相关街镇通报预警信息。\n（2）加强应急值守。\n4灾情信息报告\n4.1灾情信息报告\n"
            "4.1.1灾害发生后，受灾街镇应在1小时内报告灾情。\n4.1.2区防减救灾办定期组织灾情会商。\n5配套机制\n5.1救助资金\n"
            "5.1.1区应急管理局根据有关办法，严格按照标准拨付资金。\n5.1.2区财政局按照一般公共预算支出额设置预备费。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    numbers = [i.number for i in items]
    assert numbers == ["1.1", "2", "（1）", "（2）", "4.1.1", "4.1.2", "5.1.1", "5.1.2"], numbers
    units = {i.number: [u.name for u in i.units] for i in items}
    assert units["5.1.1"] == ["区应急管理局"] and units["5.1.2"] == ["区财政局"] and units["（1）"] == ["区防减救灾办"]
    # Not figures or dates a plan writes with a point ("1.1个美丽乡村示范乡", "3.4月25日前…"), nor a few such lines.
    plain = "某乡工作方案\n一、工作任务\n1.1个美丽乡村示范乡：白青乡。\n2.10个村庄整治。\n3.4月25日前，修订预案。\n二、保障措施\n加强领导。\n"
    assert not any("." in i.number for i in parse_plan(plain, "t.txt", lexicon, seg).items)
    # Review (helper 427): dates opening lines ("3.31前完成…", "5.12防灾减灾日", "11.30前…") in a plan of 一、 chapters; a
    # table's cells ("1小时内") in a decimal plan; 第N章 chapters over 2.1 sections; an annex whose numbering restarts.
    dates = ("某区安全生产大排查方案\n一、总体要求\n做好排查。\n二、主要任务\n（一）开展企业自查。区应急管理局负责督促自查。\n"
             "（二）分阶段推进。按以下节点推进：\n3.31前完成动员部署；\n4.30前完成企业自查；\n5.12防灾减灾日开展宣传；\n"
             "6.30前完成部门检查；\n11.30前完成总结验收。\n（三）开展专项整治。区市场监管局负责特种设备整治。\n")
    assert [i.number for i in parse_plan(dates, "t.txt", lexicon, seg).items] == ["（一）", "（二）", "（三）"]
    cells = text.replace("4.1.1灾害发生后", "灾情报告时限：\n特别重大\n1小时内\n重大\n2小时内\n4.1.1灾害发生后")
    assert [i.number for i in parse_plan(cells, "t.txt", lexicon, seg).items] == numbers
    chapters = ("某区防灾减灾规划\n第一章 规划背景\n1.1发展基础\n近年来能力持续提升。\n1.2面临形势\n风险依然严峻。\n"
                "第二章 主要任务\n2.1提升监测预警能力\n区应急管理局负责建设监测平台。\n2.2提升工程防御能力\n区水务局负责河道整治。\n"
                "2.3提升救援能力\n区消防救援支队负责加强救援队伍建设。\n第三章 保障措施\n3.1加强组织领导\n区发展改革委负责统筹。\n")
    units = {i.number: [u.name for u in i.units] for i in parse_plan(chapters, "t.txt", lexicon, seg).items}
    assert units["2.3"] == ["区消防救援支队"] and units["3.1"] == ["区发展改革委"], units
    annex = text + "附件2\n避险转移工作规程\n1.1转移对象\n受威胁的群众。\n1.2转移程序\n由各街道负责组织转移。\n"
    assert [i.number for i in parse_plan(annex, "t.txt", lexicon, seg).items][:1] == ["1.1"]


def test_a_notice_that_issues_two_documents(lexicon, seg) -> None:
    # 平潭 岚综管办〔2021〕78号 (heldout64): a 暂行办法 of articles under chapters, its 附则 last, then the 实施意见 it issues
    # with it, its title over two lines, its own 一、/（一） numbering: its items are the second document's, not text of
    # the 附则 (before, nested under it and lost), and its title no text of the last article.
    from ingest.parse import parse_plan

    text = ("某区管委会办公室关于印发《某区停车设施管理暂行办法》和《某区停车设施建设实施意见》的通知\n"
            "某区停车设施管理暂行办法\n第一章 总则\n第一条 为加强停车设施管理，制定本办法。\n第二章 职责分工\n"
            "第二条 区交通建设局负责统筹协调停车场建设管理工作。\n第三章 附则\n第三条 本办法自2021年10月1日起实施。\n"
            "某区关于加强城市公共\n停车设施建设的实施意见\n为贯彻落实有关要求，提出以下意见。\n一、聚焦重点建设任务\n"
            "（一）加快建设公共停车设施。（牵头单位：区交通建设局；责任单位：区公安局）\n二、强化规划引领\n"
            "（二）加强规划引导。（牵头单位：区资源生态局）\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [(i.number, [u.name for u in i.units]) for i in items][1:] == [
        ("第二条", ["区交通建设局"]), ("（一）", ["区交通建设局", "区公安局"]), ("（二）", ["区资源生态局"])]
    assert "实施意见" not in next(i for i in items if i.number == "第二条").text


def test_no_second_document_at_a_sections_caption(lexicon, seg) -> None:
    # 平潭 2018 整改方案 (heldout3): "整改措施 / 1.…" captions a section's own list; nor a title before numbering that
    # does not start again at a chapter ("…实施方案 / （一）…").
    from ingest.parse import parse_plan

    text = ("某区整改方案\n一、大气污染问题\n（一）扬尘污染\n牵头部门：区环境局\n整改措施\n1.区环境局加强巡查。\n"
            "2.区住建局督促工地整改。\n二、水污染问题\n（二）污水直排\n牵头部门：区水务局\n整改措施\n1.区水务局排查排口。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [i.number for i in items] == ["（一）1", "（一）2", "（二）1"]


def test_no_second_document_at_a_chapters_caption_but_after_a_documents_end(lexicon, seg) -> None:
    # Review (helper 444): "第二章 重点任务 / 打造数字化转型示范场景行动方案 / 一、…" captions the chapter's items; a 细则
    # after "第五条 本办法自发布之日起施行。" starts again at 第一条 as a document of its own.
    from ingest.parse import parse_plan

    text = ("某区数字化转型实施方案\n第一章 总体要求\n第一条 为推进数字化转型，制定本方案。\n第二章 重点任务\n"
            "打造数字化转型示范场景行动方案\n一、建设示范场景\n（一）区科委负责建设示范场景。\n")
    _, blocks = parse_blocks(split_lines(normalize(text)))
    chapter = next(k for k, b in enumerate(blocks) if b.label == "一")
    assert blocks[chapter].parent is not None and blocks[blocks[chapter].parent].label == "第二章"
    text = ("某区公共停车场管理暂行办法\n第一条 为加强公共停车场管理，制定本办法。\n第二条 区交通运输局负责公共停车场的监督管理。\n"
            "第三条 本办法自发布之日起施行。\n某区公共停车场收费管理细则\n第一条 区发展改革局负责停车收费标准的制定。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert "收费管理细则" not in items[2].text and [u.name for u in items[-1].units] == ["区发展改革局"]


def test_a_line_opening_with_who_leads_it_is_work_however_it_ends(lexicon, seg) -> None:
    # 平潭 闽岚综实管综〔2013〕54号 (heldout72): "（2）由区公安局牵头组织，立即开展…专项整治，…形成整治合力；" — one long line closed
    # by "；" between two items closed by "。": the body gives it to an office, so it is an item, not a condition of a list.
    from ingest.parse import parse_plan

    text = ("某区实施方案\n一、重点领域\n1.交通运输领域：\n（1）由区交通与建设局牵头组织，负责加强源头管理。\n"
            "（2）由区公安局牵头组织，立即开展拖拉机、校车、摩托车等专项整治，形成整治合力；\n"
            "（3）由区海事处牵头组织，负责进行海上非法营运整治。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [(i.number, [u.name for u in i.units]) for i in items] == [
        ("（1）", ["区交通与建设局"]), ("（2）", ["区公安局"]), ("（3）", ["区海事处"])]
    # A list's conditions closed by "；" stay no items ("（一）由申请人提交的材料齐全的；").
    text = ("某区办法\n一、受理条件\n符合下列条件的予以受理：\n（一）由申请人提交的材料齐全的；\n（二）申请事项属于本部门职责范围的；\n"
            "二、工作要求\n（一）加强宣传。区委宣传部要做好宣传。\n")
    assert [i.text for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["（一）加强宣传。区委宣传部要做好宣传。"]
    # Review (helper 526): nor a scope or a list of papers whose lines open with 由 ("由区政府负责管理的项目；").
    text = ("某区办法\n一、适用范围\n（一）由区政府负责管理的项目；\n（二）由区发展改革委会同区财政局审批的项目；\n"
            "（三）由区属国有企业负责实施的基础设施项目；\n二、工作要求\n（一）加强宣传。区委宣传部要做好宣传。\n")
    assert [i.text for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["（一）加强宣传。区委宣传部要做好宣传。"]


def test_a_list_of_places_conditions_or_papers_is_its_items_text(lexicon, seg) -> None:
    # 平潭 烟花爆竹 2016 (heldout76), under 二、工作职责: "全区禁放的部位为：" / "1.…；"; "（四）零售经营网点申报条件" /
    # "1.…；"; "应提交以下材料：" / "（1）…；" — what a rule covers or asks, the item's text as a 专栏's lines are.
    from ingest.parse import parse_plan

    text = ("某区实施意见\n二、工作职责\n（一）界定禁燃区域。全区禁放的部位为：\n1.文物保护单位保护范围内；\n2.车站、码头等交通枢纽；\n"
            "禁止燃放的区域，由乡镇负责组织村、社区设置明显标志。\n（二）零售经营网点申报条件\n1.主要负责人经过安全培训合格；\n"
            "2.零售场所配备必要的消防器材；\n（三）认真做好行政审批许可。区安监局负责审批零售许可证。申请人应提交以下材料：\n"
            "（1）零售许可证申请书；\n（2）消防器材配备情况说明。\n区公安局负责审批道路运输许可证。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    # "（二）零售经营网点申报条件" holds nothing but its conditions: no work of its own, as "一、申报条件" never was.
    assert [i.number for i in plan.items] == ["（一）", "（三）"], [i.number for i in plan.items]
    assert "由乡镇负责组织" in plan.items[0].text and "区公安局负责审批道路运输许可证" in plan.items[1].text
    # Conditions each titled by a sentence of their own stay items (无极 2025's "1.拥有一定社会化服务经验。原则上…。").
    text = ("某县方案\n二、实施内容\n（三）优选服务主体\n服务主体应具备以下条件：\n1.拥有一定社会化服务经验。原则上从事服务达两年以上。\n"
            "2.拥有必要的社会化服务能力。具有相匹配的人员。\n")
    assert len(parse_plan(text, "t.txt", lexicon, seg).items) == 2


def test_a_heading_on_conditions_of_life_or_an_area_keeps_its_items(lexicon, seg) -> None:
    # Not a procedure's list: "五、更好改善群众居住条件", "（三）河湖海水库等涉水危险区域", "主要职责为：".
    from ingest.parse import parse_plan

    text = ("某市措施\n五、更好改善群众居住条件\n1.加强保障性住房建设。（责任单位：市住建局）\n2.推进城中村改造。（责任单位：市住建局）\n"
            "六、职责分工\n（一）涉水危险区域\n1.设置安全警示标识；\n2.合理配置安全设施；\n（二）区城管局\n区城管局是主管部门，主要职责为：\n"
            "1.组织制定管理标准；\n2.开展检查。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [i.heading for i in plan.items] == ["加强保障性住房建设", "推进城中村改造", "设置安全警示标识", "合理配置安全设施",
                                               "组织制定管理标准", "开展检查"], [i.heading for i in plan.items]


def test_near_misses_of_the_list_of_things(lexicon, seg) -> None:
    """Review (helper 551): lists announced with the things words whose lines are work stay items."""
    from ingest.parse import parse_plan

    def read(text: str) -> list[tuple[str, list[str]]]:
        return [(i.heading, [u.name for u in i.units]) for i in parse_plan(text, "t.txt", lexicon, seg).items]

    # Headings each over their own text, under a chapter that announces areas.
    text = ("某区方案\n二、整治范围包括以下区域：\n（一）城乡结合部\n区城管局负责整治违章建筑，完成拆违10万平方米。\n"
            "（二）背街小巷\n区住建局负责背街小巷改造，完成改造50条。\n")
    # (The first heading's place read as a body, "城乡结合部", is an older reading, left.)
    assert [units[-1] for _, units in read(text)] == ["区城管局", "区住建局"]
    # Work on papers under a heading that names them, and work with its units after "…场所如下：".
    text = ("某区方案\n一、主要任务\n（一）精简申报材料\n1.取消证明材料20项（区司法局负责）\n2.推行电子证照应用（区数据局负责）\n"
            "（二）加强重点场所整治。需重点整治的场所如下：\n1.建成消防站5个（区消防救援大队负责）\n2.改造老旧厂房20处（区住建局负责）\n")
    assert [units for _, units in read(text)] == [["区司法局"], ["区数据局"], ["区消防救援大队"], ["区住建局"]]
    # Duties that open with their work after "重点整治以下区域：".
    text = ("某区方案\n三、职责分工\n（一）区应急局职责。重点整治以下区域：\n1.组织开展化工园区安全检查；\n2.完成危化品企业整治50家；\n")
    assert [units for _, units in read(text)] == [["区应急局"], ["区应急局"]]


def test_papers_and_places_whose_names_open_like_work_are_things(lexicon, seg) -> None:
    # Review (helper 557): "组织机构代码证", "建成区" open with 组织, 建成 and name a paper and a place.
    from ingest.parse import parse_plan

    text = ("某区方案\n一、主要任务\n（一）规范申报管理。区商务局负责受理企业申报。申报需提交以下材料：\n1.营业执照副本复印件；\n"
            "2.组织机构代码证复印件；\n3.法定代表人身份证明。\n（二）划定禁放区域。区公安分局负责划定禁放范围。禁止燃放的区域为：\n"
            "1.建成区范围内；\n2.车站、码头等交通枢纽。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [(i.number, [u.name for u in i.units]) for i in items] == [("（一）", ["区商务局"]), ("（二）", ["区公安分局"])]


def test_an_article_holds_the_list_it_announces(lexicon, seg) -> None:
    # 陕西 2024 充电基础设施管理办法 (heldout82): "第二十三条 …有下列情形的，当地县级主管部门应当督促…整改： / （一）…的；" and
    # "第十六条 …需满足以下条件： / （一）…；": an article is the rule and its clauses points of it, work or not; the article
    # stays an item (it was lost, its points being no items of their own) and its units cover them.
    text = ("某省充电基础设施管理办法\n第四章 运营管理\n第十六条 充电设施运营企业需满足以下条件：\n"
            "（一）经市场主体登记机关注册登记；\n（二）建立信息公开制度和服务投诉处理机制。\n"
            "第二十三条 公用充电设施有下列情形的，当地县级主管部门应当督促运营企业整改：\n"
            "（一）不符合国家、行业及地方相关标准的；\n（二）未备案、未验收投运的。\n"
            "第二十四条 鼓励专用充电设施向社会公众开放。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [i.number for i in items] == ["第十六条", "第二十三条", "第二十四条"]
    assert "未备案、未验收投运的" in items[1].text and [u.name for u in items[1].units] == ["当地县级主管部门"]
    # Near miss: an article whose points each give a department its duty ("…其中： / （一）财政部门负责…；") keeps them as
    # items of their own.
    duties = text.replace("第二十四条 鼓励专用充电设施向社会公众开放。\n",
                          "第二十八条 省级有关部门按照职能分工指导推进充电基础设施建设。其中：\n"
                          "（一）财政部门负责指导市县制定补助政策；\n（二）自然资源部门负责保障建设用地；\n")
    numbers = [i.number for i in parse_plan(duties, "t.txt", lexicon, seg).items]
    assert numbers == ["第十六条", "第二十三条", "第二十八条", "（一）", "（二）"], numbers


def test_an_article_after_a_list_stands_under_its_chapter(lexicon, seg) -> None:
    # 陕西 2024 (heldout82) and 山东 2021 (heldout22): "第二十八条 …其中： / （一）… / （九）其他有关部门分别负责…。 /
    # 第二十九条 电网企业负责…": the next article is no point of the list before it, whose last point is an item of its own
    # (it had held every later article as its sub-items and was lost as an item).
    text = ("某省充电基础设施管理办法\n第五章 保障措施\n第二十八条 省级有关部门按照职能分工指导推进建设。其中：\n"
            "（一）财政部门负责指导市县制定补助政策；\n（二）其他有关部门分别负责协调推进各自行业内充电设施建设。\n"
            "第二十九条 电网企业负责充电基础设施配套电网建设改造。\n第三十条 本办法自印发之日起施行。\n")
    _, blocks = parse_blocks(split_lines(normalize(text)))
    parents = {b.label: (blocks[b.parent].label if b.parent is not None else None) for b in blocks}
    assert parents["第二十九条"] == parents["第三十条"] == parents["第二十八条"] == "第五章"
    assert "（二）" in [i.number.removeprefix("第五章") for i in parse_plan(text, "t.txt", lexicon, seg).items]
    # Near miss: points under an article that come before the next one still follow the article's chapter.
    assert parents["（一）"] == parents["（二）"] == "第五章"


def test_the_law_a_plan_rests_on_is_no_task(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕130号 (heldout82): "二、法律法规及相关依据 / 国务院《殡葬管理条例》…规定" quotes the law; it is
    # background, as 发展基础 is, and its writer left it out; the town concerned owns its duty line ("所在乡镇：…").
    text = ("某区打击遗体违规外运工作方案\n一、法律法规及相关依据\n国务院《殡葬管理条例》规定，火化遗体必须凭证明。\n"
            "二、职责分工\n（一）公安局：负责拦截车辆进行检查。\n（二）所在乡镇：切实负起责任，做好劝导工作。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [i.number for i in items] == ["（一）", "（二）"]
    assert [u.name for u in items[1].units] == ["所在乡镇"]
    # Near miss: work done on the law is a task ("一、完善法规依据").
    work = text.replace("一、法律法规及相关依据", "一、完善法规依据")
    assert len(parse_plan(work, "t.txt", lexicon, seg).items) == 3


def test_review_an_article_keeps_the_duties_it_lists_and_folds_its_points_sub_points(lexicon, seg) -> None:
    # Review (helper 606): "第二条 各有关部门按照下列分工履行职责： / （一）市发展改革委负责…；" gives each body its own duty,
    # which stays an item of its own; a folded list's sub-points ("检查内容包括： / 1.…") stay in the article.
    duties = ("某市充电基础设施建设管理办法\n第一章 总则\n第一条 为加强充电基础设施建设管理，制定本办法。\n"
              "第二条 各有关部门按照下列分工履行职责：\n（一）市发展改革委负责充电基础设施规划编制和统筹协调；\n"
              "（二）市住房城乡建设局负责新建住宅小区充电设施配建的监督管理；\n"
              "（三）市市场监管局负责充电设施产品质量和计量的监督检查。\n第三条 市发展改革委应当会同有关部门编制专项规划。\n")
    units = [[(u.written, u.role) for u in i.units] for i in parse_plan(duties, "t.txt", lexicon, seg).items]
    assert [("市发展改革委", "lead")] in units and [("市住房城乡建设局", "lead")] in units \
        and [("市市场监管局", "lead")] in units, units
    nested = ("某市充电设施安全管理办法\n第二章 安全责任\n第二条 充电设施运营企业应当履行下列义务：\n（一）建立安全管理制度；\n"
              "（二）定期开展安全检查，检查内容包括：\n1.充电设备运行状况；\n2.消防设施配置情况。\n"
              "第三条 市应急管理局应当会同有关部门开展联合检查。\n")
    items = parse_plan(nested, "t.txt", lexicon, seg).items
    assert [i.number for i in items] == ["第二条", "第三条"] and "消防设施配置情况" in items[0].text


def test_an_item_opening_with_its_date_is_numbered(lexicon, seg) -> None:
    # 崇明 2017 高层建筑消防 (heldout44): "1.9月30日前，区建设管理委…" and "2.11月30日前，…" are items 1 and 2 of their
    # stage, not a decimal 1.9 run into the heading above; a decimal's figure ("1.5倍", "2.5个百分点") opens none.
    text = ("某区工作方案\n一、实施步骤\n（一）排查整治阶段（9月1日至11月30日）\n1.9月30日前，区建设管理委完成高层建筑底数排查。\n"
            "2.11月30日前，区公安分局制定整改计划。\n（二）巩固提高阶段\n1.5倍于去年的检查频次开展抽查。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [i.number for i in items] == ["1", "2", "（二）"], [i.number for i in items]
    assert [[u.name for u in i.units] for i in items][:2] == [["区建设管理委"], ["区公安分局"]]


def test_review_items_opening_with_a_month_end_or_its_part_are_numbered(lexicon, seg) -> None:
    # Review (helper 726): "1.6月底前", "3.12月底前", "4.10月中旬" open items as "1.9月30日前" does; "1.19月30日前" (a
    # section's "1.1 9月…" whose space was lost) is no item 1 with a 19th month.
    text = ("某区方案\n三、实施步骤\n1.6月底前，区农业农村委完成摸底调查。\n2.9月30日前，区财政局下达改造资金。\n"
            "3.12月底前，区卫健委完成验收。\n4.10月中旬，各镇组织开展交叉检查。\n")
    assert [i.number for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["1", "2", "3", "4"]
    text = "某区方案\n三、实施步骤\n1.19月30日前，区文明办完成测评。\n"
    assert [i.number for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["三"]


def test_dash_paragraphs_with_units_of_their_own_are_items(lexicon, seg) -> None:
    # 平潭 岚综管办〔2018〕148号 (heldout104): "（五）实施村容村貌提升行动 / ——整治房前屋后。…（责任单位：…） / ——规整村庄杆线。…
    # （责任单位：…）": each dash paragraph an item of its own with its own units, a clause on a line of its own its text.
    text = ("某区农村人居环境整治三年行动实施方案\n一、重点任务\n（一）实施村容村貌提升行动\n"
            "——整治房前屋后。推进村庄环境整治。（责任单位：区交建局、各乡镇人民政府）\n"
            "——推进村庄绿化。实施乡村绿化工程。\n2020年以后继续推进。\n（责任单位：区农发局、各乡镇人民政府）\n"
            "（二）加强村庄规划管理\n——编制规划。完成村庄规划编制。\n——加强管理。严格规划管理。\n（责任单位：区规划局）\n")
    assert item_units(text, lexicon, seg) == [
        [("区交建局", "lead"), ("各乡镇人民政府", "co")], [("区农发局", "lead"), ("各乡镇人民政府", "co")],
        # Near miss: dashes whose paragraphs share one clause are points of one item ("（二）…").
        [("区规划局", "lead")]]
