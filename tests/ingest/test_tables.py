"""Task-division tables, tab- or pipe-separated, become numbered items with a unit clause."""
from ingest.tables import _TIME_CELL, cells, header_columns, rewrite_flat_tables, rewrite_tables


def test_header_needs_number_task_and_units() -> None:
    assert header_columns(["序号", "重点任务", "责任单位", "完成时限"]) is not None
    assert header_columns(["序号", "指标", "2025年", "2028年"]) is None  # an indicator table
    assert header_columns(["序号", "指标名称", "单位", "2026年目标任务", "责任单位"]) is None  # even with units
    assert cells("只是一句话。") is None and cells("a|b") is None


def test_tab_rows_categories_cut_cells_and_repeated_header() -> None:
    lines = [
        "附件", "序号\t重点任务\t责任单位\t完成时限", "一、工业领域",
        "1\t实施技改工程。全年实施项目120个。\t市工信局（牵头）、\t",
        "市发改委\t2026年底前",
        "— 2 —", "序号\t重点任务\t责任单位\t完成时限",
        "2\t推进节能改造。\t市发改委\t长期坚持",
        "抄送：市委各部门。",
    ]
    assert rewrite_tables(lines) == [
        "附件", "一、工业领域",
        "1.实施技改工程。全年实施项目120个。（责任单位：市工信局（牵头）、市发改委；完成时限：2026年底前）",
        "2.推进节能改造。（责任单位：市发改委；完成时限：长期坚持）",
        "抄送：市委各部门。",
    ]


def test_markdown_rows_with_lead_and_co_columns() -> None:
    lines = [
        "| 序号 | 工作任务 | 牵头单位 | 配合单位 |", "|---|---|---|---|",
        "| 1 | 建设园区。 | 市商务局 | 市财政局、 |", "| 市税务局 |",
        "| 说明 | 以上任务按季度调度 |",  # a row of two cells that is no task: the table ends
        "| 2 | 不再是表格行 | 市财政局 | 市税务局 |",
    ]
    assert rewrite_tables(lines) == [
        "1.建设园区。（牵头单位：市商务局；配合单位：市财政局、市税务局）",
        "| 说明 | 以上任务按季度调度 |", "| 2 | 不再是表格行 | 市财政局 | 市税务局 |",
    ]


def test_all_text_columns_make_the_task_and_rows_past_99_stay_apart() -> None:
    header = "序号\t工作任务\t具体措施\t牵头单位\t完成时限"
    rows = [f"{n}\t任务{n}\t新建平台{n}个。\t市工信局\t2026年底前" for n in (99, 100)]
    assert rewrite_tables([header, *rows]) == [
        f"{n}.任务{n}。新建平台{n}个。（牵头单位：市工信局；完成时限：2026年底前）" for n in (99, 100)
    ]


def test_a_table_plan_parses_into_items(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    text = ("某市2026年设备更新重点任务分工\n序号\t重点任务\t责任单位\t完成时限\n"
            "1\t推进技改。全年技改投资增长12%以上。\t市工信局（牵头）、市财政局\t2026年底前\n"
            "2\t更新公交车。全年更新新能源公交车200辆。\t市交通运输局\t2026年9月底前\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [(i.number, i.heading, [(u.name, u.role) for u in i.units]) for i in plan.items] == [
        ("1", "推进技改", [("市工业和信息化局", "lead"), ("市财政局", "co")]),
        ("2", "更新公交车", [("市交通运输局", "lead")]),
    ]
    assert [(t.value, t.unit, t.year) for i in plan.items for t in i.targets] == [(12, "%", 2026), (200, "辆", 2026)]


def test_a_table_a_web_page_flattened_becomes_rows_with_their_units() -> None:
    lines = ["附件：重点任务清单", "序号名称类型具体内容责任部门",
             "1重要指示落实评估机制机制定期开展评估，找出短板弱项。", "各处室按职责分工负责",
             "2水上交通安全议事协调机制机制健全议事协调机制。", "交通与建设处、农业农村处负责",
             "3消防安全网格化管理机制继续推进依托村民委员会完善基层消防安全体系。", "政法综治处",
             "来源：某区管理局"]
    assert rewrite_flat_tables(lines) == [
        "附件：重点任务清单", "序号名称类型具体内容责任部门",
        "1.重要指示落实评估机制机制定期开展评估，找出短板弱项。（责任单位：各处室按职责分工负责）",
        "2.水上交通安全议事协调机制机制健全议事协调机制。（责任单位：交通与建设处、农业农村处负责）",
        "3.消防安全网格化管理机制继续推进依托村民委员会完善基层消防安全体系。（责任单位：政法综治处）",
        "来源：某区管理局"]


def test_flat_rows_need_the_header_their_order_and_a_units_line() -> None:
    # No header: numbered lines are left alone.
    plain = ["1加强组织领导。", "各处室"]
    assert rewrite_flat_tables(plain) == plain
    # Out of order, or a row with no units line after it: the table ends, the lines stay as they were.
    header = "序号任务内容牵头单位"
    assert rewrite_flat_tables([header, "2推进改革。", "市发改委"]) == [header, "2推进改革。", "市发改委"]
    assert rewrite_flat_tables([header, "1推进改革，建立机制。", "2023年完成改革任务，形成一批可复制的经验做法。"]) == \
        [header, "1推进改革，建立机制。", "2023年完成改革任务，形成一批可复制的经验做法。"]
    assert rewrite_flat_tables([header, "1推进改革。", "市发改委"]) == [header, "1.推进改革。（牵头单位：市发改委）"]


def test_a_units_header_with_an_aside_and_rows_under_a_number() -> None:
    # A 片区 campaign table: its units column reads 责任单位及分工, and a numbered row is followed by rows that leave
    # the 序号 empty, each with its own content and units: each of those is a task under the numbered row's task.
    assert header_columns(["序号", "工作任务", "责任单位及分工"]) is not None
    assert header_columns(["序号", "工作任务", "牵头单位（部门）", "完成时限"]) is not None
    # Not a units column, or one that holds a date or a person besides.
    for header in ("责任单位负责人电话", "责任单位及完成时限", "责任单位/责任人"):
        cols = header_columns(["序号", "工作任务", header])
        assert cols is None or cols.units is None, header
    lines = [
        "| 序号 | 工作任务 | 工作内容 | 责任单位及分工 | 完成时限 |",
        "| 1 | 动员部署 | 召开专题会议。 | 各处室 | 4月8日前 |",
        "| 2 | 重点排查 | 排查群租房。 | 政法综治处 | 4月20日前 |",
        "|  |  | 排查夹芯板材。 | 资源生态处配合区资源生态局落实 | 4月20日前 |",
        "| 3 | 宣传培训 | 张贴海报。 | 各村居 | 4月30日前 |",
        "|  |  | 开展培训。 | 社会事业处 | 4月30日前 |",
    ]
    assert rewrite_tables(lines) == [
        "1.动员部署。召开专题会议。（责任单位：各处室；完成时限：4月8日前）",
        "2.重点排查",
        "（1）排查群租房。（责任单位：政法综治处；完成时限：4月20日前）",
        "（2）排查夹芯板材。（责任单位：资源生态处配合区资源生态局落实；完成时限：4月20日前）",
        "3.宣传培训",
        "（1）张贴海报。（责任单位：各村居；完成时限：4月30日前）",
        "（2）开展培训。（责任单位：社会事业处；完成时限：4月30日前）",
    ]


def test_rows_under_a_number_that_are_no_tasks_end_the_table_or_continue_a_cut_row() -> None:
    header = "| 序号 | 工作任务 | 责任单位 | 完成时限 |"
    # A category row, a subtotal and a wrapped row with no units are no tasks: the table ends there, as before.
    for row in ("|  | 二、营商环境 | 市商务局牵头 |  |", "|  | 小计 | 3项 |  |", "|  | 建设 |  | 前 |"):
        got = rewrite_tables([header, "| 1 | 完善信用体系 | 市发改委 | 2025年底 |", row])
        assert got == ["1.完善信用体系。（责任单位：市发改委；完成时限：2025年底）", row], row
    # A units cell cut after "、" and a row under the number with units of its own: the row is a task, not the rest.
    got = rewrite_tables([header, "| 1 | 任务A | 市发改委、 | 2026年 |", "|  | 任务A2 | 市财政局 | 2027年 |"])
    assert got == ["1.任务A", "（1）任务A。（责任单位：市发改委、；完成时限：2026年）",
                   "（2）任务A2。（责任单位：市财政局；完成时限：2027年）"]
    # A short row under a number (the task column missing) is read without failing.
    header = "| 序号 | 类别 | 工作任务 | 责任单位 |"
    assert "（2）内容b。（责任单位：市财政局）" in rewrite_tables([header, "| 1 | 类别A |", "|  |  | 内容b | 市财政局 |"])


def test_a_column_of_headings_before_the_numbered_tasks_and_a_units_column_of_two_roles() -> None:
    # A 政务公开 分解表: 工作任务 holds the headings (一、…; empty under a merged cell), 工作要求 the numbered tasks,
    # and the last column names two roles at once.
    assert header_columns(["工作任务", "工作要求", "牵头单位", "配合/责任单位"]).units == 3  # type: ignore[union-attr]
    assert header_columns(["序号", "任务", "责任（配合）单位"]).units == 2  # type: ignore[union-attr]
    assert header_columns(["序号", "任务", "配合单位/责任人"]) is None  # a person besides: no units column
    lines = [
        "| 工作任务 | 工作要求 | 牵头单位 | 配合/责任单位 |",
        "| 一、加强信息公开 | 1.增强政策透明度。 | | 区直各有关单位，各片区管理局 |",
        "| | 2.建立反馈机制。 | 区经济发展局 区行政审批局 | 区直各有关单位 |",
        "| 二、做好疫情防控信息公开 | 3.严格执行发布制度。 | 区社会事业局 | 区直各有关单位 |",
        "| 二、做好疫情防控信息公开 | 4.规范流调信息发布。 | 区社会事业局 | 区直各有关单位 |",
    ]
    assert rewrite_tables(lines) == [
        "一、加强信息公开",
        "1.增强政策透明度。（责任单位：区直各有关单位，各片区管理局）",
        "2.建立反馈机制。（牵头单位：区经济发展局、区行政审批局；责任单位：区直各有关单位）",
        "二、做好疫情防控信息公开",  # a heading repeated on the next row is written once
        "3.严格执行发布制度。（牵头单位：区社会事业局；责任单位：区直各有关单位）",
        "4.规范流调信息发布。（牵头单位：区社会事业局；责任单位：区直各有关单位）",
    ]
    # A first column of plain task names beside a column of text stays the task column.
    plain = ["| 工作任务 | 工作要求 | 责任单位 |", "| 1.建设平台 | 年内上线。 | 市数据局 |"]
    assert rewrite_tables(plain) == ["1.建设平台。年内上线。（责任单位：市数据局）"]


def test_rows_a_merged_cell_left_short_and_a_second_table_right_after_the_first() -> None:
    # A 2024 task list (its task column named with the year) whose 领域 and 牵头责任部门 cells span several rows, then
    # a duty list (部门 | 职责清单) whose 部门 cell spans rows too.
    assert header_columns(["序号", "领域", "2024年推进任务", "牵头责任部门"]).lead == 3  # type: ignore[union-attr]
    assert header_columns(["序号", "部门", "职责清单"]).units == 1  # type: ignore[union-attr]
    lines = [
        "| 序号 | 领域 | 2024年推进任务 | 牵头责任部门 |",
        "| 1 | 工业 | 实施技改项目1000个以上。 | 市工信局 |",
        "| 2 | 新建绿色工厂10家。 | 市工信局、市发改委 |",  # 领域 merged with the row above
        "| 3 | 能源 | 改造煤电机组355万千瓦。 | 市发改委 |",
        "| 4 | 建设电源项目730万千瓦。 |",  # 领域 and 牵头责任部门 merged: the row above's unit
        "附件2",
        "| 序号 | 部门 | 职责清单 |",
        "| 1 | 市委金融办 | 支持融资租赁。 |",
        "| 2 | 市发改委 | 争取中央预算内投资。 |",
        "| 3 | 推广先进经验。 |",
    ]
    assert rewrite_tables(lines) == [
        "1.实施技改项目1000个以上。（牵头单位：市工信局）",
        "2.新建绿色工厂10家。（牵头单位：市工信局、市发改委）",
        "3.改造煤电机组355万千瓦。（牵头单位：市发改委）",
        "4.建设电源项目730万千瓦。（牵头单位：市发改委）",
        "附件2",
        "1.支持融资租赁。（责任单位：市委金融办）",
        "2.争取中央预算内投资。（责任单位：市发改委）",
        "3.推广先进经验。（责任单位：市发改委）",
    ]
    # A short row that names a unit of its own left the rest empty: nothing is inherited.
    lead_co = ["序号\t重点任务\t牵头单位\t配合单位", "1\t加大金融支持\t市金融办\t市财政局", "2\t强化人才支撑\t市人社局"]
    assert rewrite_tables(lead_co)[1] == "2.强化人才支撑。（牵头单位：市人社局）"


def test_a_qualified_units_column_and_a_source_column_that_is_no_part_of_the_task() -> None:
    cols = header_columns(["序号", "主要工作任务", "具体工作措施", "完成时限", "主要责任单位", "任务来源"])
    assert cols is not None and (cols.units, cols.source) == (4, (5,))
    lines = ["| 序号 | 主要工作任务 | 具体工作措施 | 完成时限 | 主要责任单位 | 任务来源 |",
             "| 1 | 推进生态文明建设 | 1、成立领导小组 | 3月 | 区经发局 区环土局 | 1、2016年工作要点 |",
             "| | | 2、编制建设规划 | 12月 | 区环土局 | |"]
    assert rewrite_tables(lines) == [
        "1.推进生态文明建设",
        "（1）1、成立领导小组。（责任单位：区经发局、区环土局；完成时限：3月）",
        "（2）2、编制建设规划。（责任单位：区环土局；完成时限：12月）",
    ]


def test_a_numbered_row_is_never_a_header_and_a_header_repeated_with_an_empty_cell_more_is_the_same_table() -> None:
    header = "| 序号 | 工作任务 | 责任单位 | 完成时限 |"
    row = "| 12 | 压实行业监管职责 | 主管部门 | 长期坚持 |"  # its words would make a header
    assert rewrite_tables([header, row])[0] == "12.压实行业监管职责。（责任单位：主管部门；完成时限：长期坚持）"
    got = rewrite_tables([header, "| 5 | 推进A | 市发改委 | 2024年 |", header[:-1] + "| |", "| 6 | 推进B | 市数据局 | 2025年 |"])
    assert got == ["5.推进A。（责任单位：市发改委；完成时限：2024年）", "6.推进B。（责任单位：市数据局；完成时限：2025年）"]


def test_a_bare_department_column_makes_a_task_table_only_beside_duties_or_tasks() -> None:
    assert header_columns(["序号", "部门", "职责清单"]) is not None
    assert header_columns(["序号", "重点任务", "部门", "完成时限"]) is not None
    # A list of services or powers by department is no division of work.
    assert header_columns(["序号", "事项名称", "部门", "办理时限"]) is None
    assert header_columns(["序号", "事项名称", "责任单位", "完成时限"]) is not None


def test_an_indicator_column_is_an_indicator_table_even_where_it_reads_as_the_task_column() -> None:
    assert header_columns(["序号", "指标任务", "责任单位"]) is None
    assert header_columns(["序号", "指标名称", "牵头单位"]) is None
    assert header_columns(["序号", "2024年推进任务", "牵头责任部门"]) is not None


def test_every_source_or_remarks_column_is_left_out_of_the_task() -> None:
    lines = ["序号\t重点任务\t责任单位\t政策依据\t备注", "1\t推进A\t市发改委\t国发〔2024〕7号\t新增"]
    assert rewrite_tables(lines) == ["1.推进A。（责任单位：市发改委）"]


def test_a_short_row_keeps_a_long_unit_list_in_the_units_column() -> None:
    """A merged 类别 cell left the row short: its longest cell is the unit list, and the task is the other."""
    lines = ["序号\t类别\t重点任务\t责任单位\t完成时限",
             "1\t产业升级\t推进A\t市发改委\t2024年",
             "2\t推进产业基础再造工程\t市发改委、市工信局、市财政局、市商务局\t2025年"]
    assert rewrite_tables(lines)[1] == "2.推进产业基础再造工程。（责任单位：市发改委、市工信局、市财政局、市商务局；完成时限：2025年）"


def test_a_short_row_whose_date_is_its_longest_cell_keeps_its_task() -> None:
    lines = ["序号\t类别\t重点任务\t责任单位\t完成时限", "1\t产业升级\t推进A\t市发改委\t2024年",
             "2\t推进B\t市工信局\t2025年6月底前"]
    assert rewrite_tables(lines)[1] == "2.推进B。（责任单位：市工信局；完成时限：2025年6月底前）"


def test_near_misses_of_the_column_rules() -> None:
    # A deadline column makes a list of 事项 by department work to do.
    assert header_columns(["序号", "改革事项", "部门", "完成时限"]) is not None
    # A short row's task that ends like an office ("卫生院") is still its task, beside a collective's cell.
    lines = ["序号\t类别\t重点任务\t责任单位\t完成时限", "1\t民生保障\t推进A\t县卫健局\t2024年",
             "2\t新建乡镇卫生院\t各乡镇（街道）\t2025年"]
    assert rewrite_tables(lines)[1] == "2.新建乡镇卫生院。（责任单位：各乡镇（街道）；完成时限：2025年）"


def test_role_columns_that_say_whose_role_and_a_bureaus_own_divisions() -> None:
    cols = header_columns(["工　作　任　务", "党工委管委会牵头部门", "本局责任处（单位）", "工　作　要　求"])
    assert cols is not None and (cols.task, cols.lead, cols.units) == (0, 1, 2)
    assert header_columns(["序号", "重点任务", "市级牵头单位", "配合科"]) is not None
    lines = ["工作任务 | 党工委管委会牵头部门 | 本局责任处（单位） | 工作要求",
             "1.做好法规发布 | 区党工委管委会办公室 （政策法规处） | 综合处牵头，各处配合落实 | 及时发布。"]
    # A bracket after a space says more of the name before it: no second unit.
    assert rewrite_tables(lines) == [
        "1.做好法规发布。及时发布。（牵头单位：区党工委管委会办公室（政策法规处）；责任单位：综合处牵头，各处配合落实）"]


def test_near_misses_of_the_whose_role_columns() -> None:
    # Two levels of one role: the table's own is the last.
    cols = header_columns(["序号", "工作任务", "国家级责任部门", "省级责任部门", "完成时限"])
    assert cols is not None and cols.units == 3
    # A numbered list or a role in brackets after a space is no part of the name before it.
    lines = ["序号\t工作任务\t责任单位", "1\t推进A\t（1）市发改委 （2）市商务局", "2\t推进B\t市发改委 （各区配合）"]
    assert rewrite_tables(lines) == ["1.推进A。（责任单位：（1）市发改委、（2）市商务局）", "2.推进B。（责任单位：市发改委、（各区配合））"]


def test_a_kinds_column_before_the_number_and_rows_that_merged_cells_left_short_on_the_left() -> None:
    """"任务类型 | 序号 | 工作任务 | 推进单位": the kind and the units span rows (rowspan), so a row may open with its
    number and carry only its task; it takes the units of the row above."""
    cols = header_columns(["任务类型", "序号", "工作任务", "推进单位"])
    assert cols is not None and (cols.category, cols.number, cols.task, cols.units) == (0, 1, 2, 3)
    lines = ["任务类型 | 序号 | 工作任务 | 推进单位", "旧区改造 | 4 | 完成旧里改造 | 区房管局、各相关街镇",
             "5 | 推进成套改造 | 区旧改总办", "6 | 加快推进各类旧住房更新改造。"]
    assert rewrite_tables(lines) == ["旧区改造", "4.完成旧里改造。（责任单位：区房管局、各相关街镇）",
                                     "5.推进成套改造。（责任单位：区旧改总办）", "6.加快推进各类旧住房更新改造。（责任单位：区旧改总办）"]


def test_a_short_row_under_a_name_and_a_content_column_holds_the_content() -> None:
    lines = ["序号 | 任务名称 | 任务内容 | 牵头部门 | 配合部门 | 时间节点",
             "1 | 加强组织领导 | 召开全区动员大会。 | 区政府办公室 | 各成员单位 | 2019年3月",
             "2 | 将垃圾管理纳入专项督查和绩效评价指标体系。 | 区委组织部（区公务员局） | 区绿化市容局 | 2019年",
             "3 | 参与全市宣传工程。 | 区科委、区委宣传部（区文明办、区政府新闻办、区委网信办） | 各街镇（园区） | 2019年"]
    got = rewrite_tables(lines)
    assert got[1] == "2.将垃圾管理纳入专项督查和绩效评价指标体系。（牵头单位：区委组织部（区公务员局）；配合单位：区绿化市容局；完成时限：2019年）"
    # A unit list whose names carry long second names in brackets is still the units, not the longer task.
    assert got[2].startswith("3.参与全市宣传工程。（牵头单位：区科委、")


def test_near_misses_of_the_ninth_sets_table_rules() -> None:
    """Each a wrong reading a reviewer found in the first form of the rules above."""
    # A short row whose last cell was merged keeps its task in the task column: the placement that puts an office
    # under the units column wins.
    lines = ["序号 | 重点任务 | 工作目标 | 责任单位 | 完成时限", "1 | 推进A | 完成5个 | 市发改委 | 2025年底",
             "2 | 实施城市更新行动 | 改造3个 | 市住建局"]
    assert rewrite_tables(lines)[1] == "2.实施城市更新行动。改造3个。（责任单位：市住建局）"
    # After a kinds column the task is the next text column, not any later one that says 任务 or a source.
    for header, row, want in (
            ("序号 | 任务类别 | 具体内容 | 任务目标 | 责任单位", "1 | 改革类 | 推进网办改革 | 实现100%网办 | 市政务办",
             "1.推进网办改革。实现100%网办。（责任单位：市政务办）"),
            ("序号 | 任务类型 | 任务来源 | 具体内容 | 责任单位", "1 | 改革类 | 市委深改委 | 推进网办改革 | 市政务办",
             "1.推进网办改革。（责任单位：市政务办）")):
        assert rewrite_tables([header, row]) == ["改革类", want], header
    # The kinds cell merged away: the row still lines up under the task.
    lines = ["序号 | 任务类型 | 工作任务 | 工作目标 | 责任单位 | 完成时限", "1 | 改革类 | 推进A | 完成1个 | 市发改委 | 2025年底",
             "2 | 推进B工作加快建设 | 完成3个 | 市工信局 | 2025年底"]
    assert rewrite_tables(lines)[2] == "2.推进B工作加快建设。完成3个。（责任单位：市工信局；完成时限：2025年底）"


def test_an_assessment_table_its_content_column_milestones_scores_and_merged_cells() -> None:
    """考核内容 holds the task, not 节点任务 (the milestones, text of the task after it); 分值 is no part of the text;
    rows written without the outer pipes open with their empty (merged) cells; a row whose unit cell merged with the
    row above's has its units."""
    lines = [
        "序号 | 考核内容 | 分值 | 考核评分细则 | 节点任务 | 责任单位",
        "1 | 林长制责任体系 | 10 | 1.完善林长名单。 | 6月前完成 | 资源生态处、党群工作处",
        " |  |  | 2.公告林长名单。 | 6月前公布 | 资源生态处",
        " |  |  | 3.监督村居林长。 | 11月前完成 | ",
        "2 | 配套制度 | 10 | 1.运行四项制度。 | 持续跟进 | —",
        "抄送：各处室。",
    ]
    assert rewrite_tables(lines) == [
        "1.林长制责任体系",
        "（1）1.完善林长名单。6月前完成。（责任单位：资源生态处、党群工作处）",
        "（2）2.公告林长名单。6月前公布。（责任单位：资源生态处）",
        "（3）3.监督村居林长。11月前完成。（责任单位：资源生态处）",
        "2.配套制度。1.运行四项制度。持续跟进。",  # "—": no unit
        "抄送：各处室。",
    ]
    cols = header_columns(["序号", "考核项目", "考核内容", "分值", "考核评分细则", "节点任务", "责任单位"])
    assert cols is not None and (cols.task, cols.time, cols.source) == (2, None, (3,))
    # 内容 names the task before the year's work columns; "| a | b |" rows keep dropping their frame.
    cols = header_columns(["序号", "内容", "牵头部门", "配合部门", "2024年工作任务"])
    assert cols is not None and (cols.task, cols.lead, cols.co) == (1, 2, 3)
    assert cells("|  | 任务 | 市商务局 |") == ["", "任务", "市商务局"]
    assert cells(" |  | 任务 | 市商务局") == ["", "", "任务", "市商务局"]


def test_short_rows_of_a_table_without_numbers_lost_their_first_cells() -> None:
    """No 序号: a row that a merged 类别 or 项目 cell left short moves right, so its offices are under the unit
    columns."""
    lines = [
        "类别 | 项目 | 主要任务 | 牵头单位 | 配合单位",
        "一、政策保障 | 1.做好规划配套 | 将消防设施纳入规划。 | 区消防救援支队 | 区规划资源局",
        "2.完善规章标准 | 细化委员会职责。 | 区消防救援支队 | 各街道",
        "贯彻执行检查指引。 | 区消防救援支队 | 各街道",
        "（以上任务持续推进）",
    ]
    assert rewrite_tables(lines) == [
        "1.将消防设施纳入规划。（牵头单位：区消防救援支队；配合单位：区规划资源局）",
        "2.细化委员会职责。（牵头单位：区消防救援支队；配合单位：各街道）",
        "3.贯彻执行检查指引。（牵头单位：区消防救援支队；配合单位：各街道）",
        "（以上任务持续推进）",
    ]


def test_near_misses_of_the_twelfth_sets_table_rules() -> None:
    """Each a wrong reading a reviewer found in the first form of the rules above."""
    # A milestones' column is neither the deadline nor the task: 完成时限 stays the deadline, the milestones text.
    got = rewrite_tables(["| 序号 | 工作任务 | 节点目标 | 责任单位 | 完成时限 |",
                          "| 1 | 推进老旧小区改造 | 6月底前开工30个 | 市住建局 | 2024年12月底前 |"])
    assert got == ["1.推进老旧小区改造。6月底前开工30个。（责任单位：市住建局；完成时限：2024年12月底前）"]
    got = rewrite_tables(["| 序号 | 节点任务 | 责任单位 | 完成时限 |", "| 1 | 完成方案编制 | 市住建局 | 2024年6月底前 |"])
    assert got == ["1.完成方案编制。（责任单位：市住建局；完成时限：2024年6月底前）"]
    # A 内容 column before the one that names the task opens the task's text, as 工作内容 always did.
    got = rewrite_tables(["| 序号 | 主要内容 | 工作任务 | 责任单位 |", "| 1 | 优化营商环境 | 推行企业开办一日办结 | 市市场监管局 |"])
    assert got == ["1.优化营商环境。推行企业开办一日办结。（责任单位：市市场监管局）"]
    got = rewrite_tables(["| 序号 | 项目名称 | 建设内容 | 责任单位 |", "| 1 | 城南污水厂 | 新建处理能力5万吨 | 市水务局 |"])
    assert got == ["1.城南污水厂。新建处理能力5万吨。（责任单位：市水务局）"]
    # A list of policies (平潭 2023, heldout50): the policy's name opens the row's task, whose measures are numbered
    # inside the cell ("1.…2.…"), not the measures' first number.
    got = rewrite_tables(["序号 | 政策名称 | 重点工作举措和内容 | 责任单位",
                          "1 | 土地、规划政策 | 1.设置社会福利用地。2.允许改造空闲厂房。 | 区资源生态局 区社会事业局"])
    assert got == ["1.土地、规划政策。1.设置社会福利用地。2.允许改造空闲厂房。（责任单位：区资源生态局、区社会事业局）"]
    # No 序号, the task cell merged: the shifted row is a task of its own and the table goes on.
    got = rewrite_tables(["重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限",
                          "推进充电设施建设 | 新建充电桩1000个 | 市发改委 | 市住建局 | 2024年底前",
                          "建设换电站10座 | 市发改委 | 市交通局 | 2025年底前",
                          "优化审批服务 | 推行并联审批 | 市政务服务中心 | 市自然资源局 | 2024年6月底前"])
    assert got[1:] == ["2.建设换电站10座。（牵头单位：市发改委；配合单位：市交通局；完成时限：2025年底前）",
                       "3.优化审批服务。推行并联审批。（牵头单位：市政务服务中心；配合单位：市自然资源局；完成时限：2024年6月底前）"]
    # A wrapped cell's text under a number is no row of its own, however it ends.
    got = rewrite_tables(["| 序号 | 工作任务 | 责任单位 | 完成时限 |", "| 1 | 改造老旧供水管网；推进 | 市住建局 | 2025年底前 |",
                          "|   | 二次供水设施改造； |  |  |"])
    assert got[0] == "1.改造老旧供水管网；推进。（责任单位：市住建局；完成时限：2025年底前）" and len(got) == 2
    # Rows framed by pipes under a header that is not keep their cells.
    got = rewrite_tables(["序号 | 工作任务 | 责任单位 | 完成时限", "| 1 | 推行企业开办 | 市市场监管局 | 2024年底前 |"])
    assert got == ["1.推行企业开办。（责任单位：市市场监管局；完成时限：2024年底前）"]


def test_near_misses_of_the_twelfth_sets_table_rules_second_review() -> None:
    """Each a wrong reading a second reviewer found in the rules as the first review left them."""
    # No 序号: a row that lost its empty 配合单位 keeps its task and lead; one whose unit cell merged keeps its deadline.
    got = rewrite_tables(["工作任务\t牵头单位\t配合单位\t完成时限", "新建公共充电桩1000个\t市发改委\t市住建局\t2024年底前",
                          "建设换电站10座\t市交通局\t2025年底前", "推进居住区充电设施建设\t市住建局\t各区政府\t2025年底前"])
    assert got[1:] == ["2.建设换电站10座。（牵头单位：市交通局；完成时限：2025年底前）",
                       "3.推进居住区充电设施建设。（牵头单位：市住建局；配合单位：各区政府；完成时限：2025年底前）"]
    got = rewrite_tables(["主要任务\t责任单位\t完成时限", "推进老旧小区改造\t市住建局\t2024年底前", "完善小区停车设施\t2025年底前",
                          "加强物业管理\t市住建局\t2025年6月底前"])
    assert got[1:] == ["2.完善小区停车设施。（完成时限：2025年底前）",
                       "3.加强物业管理。（责任单位：市住建局；完成时限：2025年6月底前）"]
    # The task's text keeps a 工作内容 or a year's task column before the next text column, and a project's name
    # with a column between it and the content.
    for header, row, text in (("| 序号 | 工作内容 | 具体措施 | 责任单位 |", "| 1 | 优化营商环境 | 推行一网通办 | 市市场监管局 |",
                               "优化营商环境。推行一网通办"),
                              ("| 序号 | 2024年重点任务 | 工作内容 | 责任单位 |", "| 1 | 推进老旧小区改造 | 完成改造50个 | 市住建局 |",
                               "推进老旧小区改造。完成改造50个"),
                              ("| 序号 | 项目名称 | 建设性质 | 建设内容 | 责任单位 |", "| 1 | 城南污水厂 | 新建 | 处理能力5万吨 | 市水务局 |",
                               "城南污水厂。新建。处理能力5万吨")):
        assert rewrite_tables([header, row])[0].startswith(f"1.{text}。（"), header


def test_near_misses_of_the_twelfth_sets_table_rules_third_review() -> None:
    """Each a wrong reading a third reviewer found in the table rules as the second review left them."""
    # A short row's numbered cell stays in the task column: its number is the task's.
    got = rewrite_tables(["重点任务 | 具体措施 | 牵头单位 | 配合单位",
                          "1.推进停车设施建设 | 新建公共停车场10个 | 区住建局 | 区财政局",
                          "2.加强路内停车管理 | 区交通局 | 区公安分局"])
    assert got[1] == "2.加强路内停车管理。（牵头单位：区交通局；配合单位：区公安分局）"
    # A place's or a company's 名称 is no project name: the task's text starts at the task.
    got = rewrite_tables(["| 序号 | 街道名称 | 重点任务 | 责任单位 |", "| 1 | 城关街道 | 完成12个老旧小区改造 | 城关街道办事处 |"])
    assert got == ["1.完成12个老旧小区改造。（责任单位：城关街道办事处）"]


def test_near_misses_of_the_twelfth_sets_table_rules_fourth_review() -> None:
    """Each a wrong reading a fourth reviewer found in the table rules as the third review left them."""
    # A task column that names its score is the task's; only a column of scores alone is no text.
    got = rewrite_tables(["| 序号 | 考核任务（分值） | 责任单位 | 完成时限 |", "| 1 | 推进老旧小区改造（10分） | 区住建局 | 2024年底前 |"])
    assert got == ["1.推进老旧小区改造（10分）。（责任单位：区住建局；完成时限：2024年底前）"]
    # A row short of its empty last 配合单位 stays as it stands: a measure that opens with 各 is no list of offices.
    got = rewrite_tables(["重点任务\t具体措施\t牵头单位\t配合单位", "推进老旧小区改造\t完成改造50个\t市住建局\t市财政局",
                          "开展安全排查\t各街道建立排查台账\t区应急局\t"])
    assert got[1] == "2.开展安全排查。各街道建立排查台账。（牵头单位：区应急局）"
    # Rows with a leading pipe only, under a header with none, keep their 序号.
    got = rewrite_tables(["序号 | 工作任务 | 责任单位 | 完成时限", "| 1 | 推进老旧小区改造 | 市住建局 | 2024年底前",
                          "| 2 | 加强物业管理 | 市住建局 | 2025年底前"])
    assert got == ["1.推进老旧小区改造。（责任单位：市住建局；完成时限：2024年底前）",
                   "2.加强物业管理。（责任单位：市住建局；完成时限：2025年底前）"]


def test_a_two_column_duty_table_by_member_unit() -> None:
    """"单位|职责分工" (one separator, no 序号): each row gives its unit the duties beside it; "单位" beside anything but
    duties is a figure's unit of measure, and a line with one separator that names no unit column is no table."""
    lines = ["单位|职责分工", "区规划资源局|拟定工作方案，负责组织协调。", "区财政局|保障相关经费。"]
    assert rewrite_tables(lines) == ["1.拟定工作方案，负责组织协调。（责任单位：区规划资源局）",
                                     "2.保障相关经费。（责任单位：区财政局）"]
    assert rewrite_tables(["成员单位 | 主要职责", "区水务局 | 查处违法行为。"]) == ["1.查处违法行为。（责任单位：区水务局）"]
    assert header_columns(["指标", "单位"]) is None
    assert header_columns(["重点任务", "单位"]) is None
    assert rewrite_tables(["街镇、园区 | 目标任务", "罗店镇 | 绿色账户全覆盖"]) == ["街镇、园区 | 目标任务", "罗店镇 | 绿色账户全覆盖"]


PROJECT_ANNEX_PLAN = """某区生态文明建设示范区规划（2024—2035年）
一、建设基础与形势分析
（一）建设基础
全区森林覆盖率达到30%。
二、规划总则
（一）规划范围
全区下辖16个镇。
三、规划重点任务
（一）守护蓝天碧水
1.深入推进扬尘治理。加强扬尘管控，确保执行率达到100%。
2.打造秀美河湖。全面保障饮用水水源安全。
四、保障措施
（一）强化组织领导
建立工作推进机制。
附表《某区生态文明建设示范区规划（2024—2035年）》重点工程项目清单
| 序号 | 项目类别 | 项目名称 | 建设<br>地点 | 建设内容 | 对应重点任务 | 对应指标 | 完成<br>时限 | 责任<br>单位 |
| 1 | 生态<br>安全 | 建设生态绿道 | 全区 | 建设骨干型绿道100公里。 | 守护蓝天碧水 | 森林覆盖率 | 2025年 | 区绿化<br>市容局 |
| 2 | 打造秀美河湖 | 全区 | 整治骨干河道，城镇污水处理能力提高至24万吨/天。 | 打造秀美河湖 | 水质达标率 | 持续<br>开展 | 区水务局、<br>区生态<br>环境局 |
| 3 | 乡镇土地综合整治 | 竖新镇 | 竖新镇全域土地整治。 | 推进土地资源高质量利用 | 单位地区生产总值建设用地使用面积下降率 | 2027年 | 区规划<br>资源局、竖新镇 |
"""


def test_a_project_list_annex_under_merged_cells(lexicon, seg) -> None:
    """A plan's 附表 of projects, its cells wrapped by "<br>" and its category cell merged over rows: each row is a
    project with its units, though one repeats a body item's title; a 对应指标 column points to the plan's
    indicators and makes no indicator table; a row's 完成时限 dates its figures; the chapters on where the plan
    starts (建设基础与形势分析) and its general part (规划总则) hold no tasks."""
    from ingest.parse import parse_plan

    plan = parse_plan(PROJECT_ANNEX_PLAN, "p.txt", lexicon, seg)
    got = [(i.heading, i.kind, [(u.name, u.role) for u in i.units]) for i in plan.items]
    assert got == [
        ("深入推进扬尘治理", "task", []),
        ("打造秀美河湖", "task", []),
        ("强化组织领导", "requirement", []),
        ("建设生态绿道", "task", [("区绿化市容局", "lead")]),
        ("打造秀美河湖", "task", [("区水务局", "lead"), ("区生态环境局", "co")]),
        ("乡镇土地综合整治", "task", [("区规划资源局", "lead"), ("竖新镇", "co")]),
    ]
    assert [(t.value, t.unit, t.year) for t in plan.items[3].targets] == [(100, "公里", 2025)]
    # "持续开展" sets no year: the figure keeps the plan's.
    assert [(t.value, t.unit, t.year) for t in plan.items[4].targets] == [(24, "万吨/天", 2035)]


def test_near_misses_of_the_project_annex(lexicon, seg) -> None:
    """A 附表 line that captions a table of figures, or one the body goes on after, opens no annex; a line break
    outside a table ends its line; a 指标 column before the tasks still marks an indicator table; a figure with a
    year of its own keeps it whatever the row's 完成时限."""
    from ingest.normalize import normalize
    from ingest.parse import parse_plan
    from ingest.patterns import annex_openings

    lines = ["三、保障措施", "（一）加强资金保障", "附表：2024年资金安排", "| 项目 | 金额 |", "| 绿道 | 100万元 |"]
    assert annex_openings(lines) == set()
    lines = ["一、重点任务", "（一）建设绿道", "附表：重点项目清单", "1.建设生态绿道（责任单位：区绿化市容局）",
             "（二）整治河道"]
    assert annex_openings(lines) == set()  # the body goes on after it
    assert normalize("加强管理。<br>完善制度。") == "加强管理。\n完善制度。"
    assert header_columns(["序号", "指标", "任务", "责任单位"]) is None  # rows named by their indicators
    assert header_columns(["序号", "任务", "对应指标", "责任单位"]) is not None
    assert header_columns(["序号", "主要任务", "节点", "指标数", "责任单位"]) is not None  # each task its figure
    text = "某市2025年重点任务分工\n序号\t重点任务\t责任单位\t完成时限\n1\t建设充电站。到2027年建成充电站50座。\t市发改委\t2025年底前\n"
    assert [t.year for i in parse_plan(text, "t.txt", lexicon, seg).items for t in i.targets] == [2027]


def test_near_misses_of_the_project_annex_first_review(lexicon, seg) -> None:
    """Each a wrong reading the first review of the fifteenth set's table rules found: a column of 相关要求 is the
    task's text and 涉及事项 its task; a 单位 column of measures marks an indicator table wherever it stands; a start
    date ("2024年起持续推进") dates no figure; an annex of tasks and projects, or one a list line names among others,
    restates the body; a caption among a section's numbered items captions them; a break between two whole names in a
    cell separates them."""
    from ingest.normalize import html_breaks
    from ingest.parse import parse_plan

    got = rewrite_tables(["| 序号 | 重点任务 | 相关要求 | 牵头单位 | 完成时限 |", "| 1 | 深化企业开办改革 | 企业开办时间压缩至1个工作日 | 区市场监管局 | 2024年6月底前 |"])
    assert got == ["1.深化企业开办改革。企业开办时间压缩至1个工作日。（牵头单位：区市场监管局；完成时限：2024年6月底前）"]
    assert header_columns(["序号", "涉及事项", "牵头单位", "相关单位", "完成时限"]) is not None
    assert header_columns(["序号", "考核内容", "单位", "2024年目标", "责任单位"]) is None
    text = "某县2024—2026年设备更新方案\n序号\t重点任务\t责任单位\t完成时限\n1\t更新老旧设备500台\t县工信局\t2024年起持续推进\n"
    assert [t.year for i in parse_plan(text, "t.txt", lexicon, seg).items for t in i.targets] == [2026]
    body = ("某区2024年城市更新工作方案\n一、重点任务\n（一）推进老旧小区改造。完成老旧小区改造30个。\n"
            "（二）完善停车设施。新增公共停车泊位2000个。\n二、保障措施\n（一）加强组织领导。成立工作专班。\n")
    table = ("| 序号 | 重点任务 | 责任单位 | 完成时限 |\n| 1 | 推进老旧小区改造，完成老旧小区改造30个 | 区住建局 | 2024年12月 |\n"
             "| 2 | 完善停车设施，新增公共停车泊位2000个 | 区交通局 | 2024年12月 |\n")
    for annex in ("附件：重点任务及项目清单\n", "附件：1.重点任务分工表；2.重点项目清单\n重点任务分工表\n"):
        plan = parse_plan(body + annex + table, "t.txt", lexicon, seg)
        assert [(i.heading, [u.name for u in i.units]) for i in plan.items] == [
            ("推进老旧小区改造", ["区住建局"]), ("完善停车设施", ["区交通局"]), ("加强组织领导", [])]
    text = ("某县2024年重大项目工作方案\n一、工作目标\n全年推进重大项目30个。\n二、重点任务\n1.加快项目前期工作。（责任单位：县发改局）\n"
            "2.强化要素保障。（责任单位：县自然资源局）\n附表：2024年县级重点项目清单\n| 序号 | 项目名称 | 责任单位 |\n"
            "| 1 | 县城污水处理厂扩建工程 | 县住建局 |\n3.加强调度督导。（责任单位：县政府督查室）\n")
    assert [i.number for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["1", "2", "3"]
    assert html_breaks(["| 1 | 区税务局<br>区人社局 | 区委<br>组织部 |"]) == ["| 1 | 区税务局、区人社局 | 区委组织部 |"]


def test_near_misses_of_the_project_annex_second_review(lexicon, seg) -> None:
    """A 附表 of projects after a 附表 of tasks is an annex too, its rows projects of their own; "重点项目建设计划表" is a
    list of projects, "重点工作项目化推进表" one of tasks."""
    from ingest.parse import parse_plan

    text = ("某县2024年重大项目建设实施方案\n一、总体目标\n2024年，全县实施重大项目30个。\n二、重点任务\n"
            "（一）加快项目前期工作。推动项目早开工。\n（二）实施县城污水处理厂扩建工程。新增处理能力2万吨/天。\n"
            "三、保障措施\n（一）加强组织领导。成立项目建设指挥部。\n附表1：重点任务分工表\n| 序号 | 重点任务 | 责任单位 | 完成时限 |\n"
            "| 1 | 加快项目前期工作 | 县发改局 | 2024年6月 |\n{}\n| 序号 | 项目名称 | 建设内容 | 责任单位 | 完成时限 |\n"
            "| 1 | 实施县城污水处理厂扩建工程 | 新增处理能力2万吨/天 | 县住建局 | 2024年12月 |\n")
    for caption in ("附表2：2024年县级重点项目清单", "附表2：重点项目建设计划表"):
        plan = parse_plan(text.format(caption), "t.txt", lexicon, seg)
        assert [(i.heading, [u.name for u in i.units]) for i in plan.items] == [
            ("加快项目前期工作", ["县发改局"]), ("实施县城污水处理厂扩建工程", []), ("加强组织领导", []),
            ("实施县城污水处理厂扩建工程", ["县住建局"])]


def test_near_misses_of_the_project_annex_third_review(lexicon, seg) -> None:
    """"重点工作项目化推进表" lists the body's tasks, so its rows give them their units; a <br> before the next of a
    list in a cell separates it."""
    from ingest.normalize import html_breaks
    from ingest.parse import parse_plan

    text = ("某区2024年优化营商环境工作方案\n一、重点任务\n（一）深化企业开办改革。\n（二）优化不动产登记。\n"
            "附件：2024年优化营商环境重点工作项目化推进表\n| 序号 | 重点工作 | 责任单位 | 完成时限 |\n"
            "| 1 | 深化企业开办改革 | 区市场监管局 | 2024年6月 |\n| 2 | 优化不动产登记 | 区规划资源局 | 2024年9月 |\n")
    assert [(i.heading, [u.name for u in i.units]) for i in parse_plan(text, "t.txt", lexicon, seg).items] == [
        ("深化企业开办改革", ["区市场监管局"]), ("优化不动产登记", ["区规划资源局"])]
    assert html_breaks(["| 1 | 2024年完成30个<br>2025年完成50个 | 2021年1月1日至<br>2030年 |"]) == [
        "| 1 | 2024年完成30个；2025年完成50个 | 2021年1月1日至2030年 |"]


def test_near_misses_of_the_fourth_review() -> None:
    """A <br> after a phrase cut mid-way ("较<br>2020年下降18%", "达到1<br>2.5%") joins it; a project list titled for a
    year's 工作 is still one."""
    from ingest.normalize import html_breaks
    from ingest.parse import annexes_of

    assert html_breaks(["| 1 | 单位GDP能耗较<br>2020年下降18% | 占比达到1<br>2.5% |"]) == ["| 1 | 单位GDP能耗较2020年下降18% | 占比达到12.5% |"]
    text = "一、重点任务\n（一）建设生态公园。\n附件：2024年生态环境保护工作重点项目清单\n1.滨江生态公园建设工程（责任单位：区绿化市容局）\n"
    assert [a.projects for a in annexes_of(text)] == [True]


def test_near_misses_of_the_fifth_review() -> None:
    """A <br> before the next of a list in a cell separates it; "工作项目推进表" and "工作及项目清单" list the body's
    tasks."""
    from ingest.normalize import html_breaks
    from ingest.parse import annexes_of

    assert html_breaks(["| 1 | 1.完成选址论证<br>2.新增口袋公园15个 |"]) == ["| 1 | 1.完成选址论证；2.新增口袋公园15个 |"]
    for title in ("2024年城市更新工作项目推进表", "2024年城市更新工作及项目清单"):
        text = f"一、重点任务\n（一）建设口袋公园。\n附件：{title}\n1.建设口袋公园（责任单位：区绿化市容局）\n"
        assert [a.projects for a in annexes_of(text)] == [False]


def test_a_list_of_powers_names_who_exercises_each(lexicon, seg) -> None:
    # 奉贤 2021 rural roads (heldout25): a 权力和责任清单 one cell per line, "行使  主体" its unit column and
    # "权力责任名称" the name that opens each row's text, as a 项目名称 does.
    cols = header_columns(["序号", "权力责任名称", "行使  主体", "权力责任类别", "设定依据", "行使层级", "权力责任事项"])
    assert cols is not None and (cols.task, cols.units, cols.source) == (1, 2, (4,))
    assert header_columns(["序号", "项目名称", "建设内容", "实施单位"]).units == 3  # type: ignore[union-attr]
    from ingest.parse import parse_plan

    text = ("某区农村公路管理养护实施方案\n一、主要任务\n（一）完善体制。（责任单位：区交通委）\n附件1\n权力和责任清单\n序号\n权力责任名称\n"
            "行使  主体\n权力责任类别\n设定依据\n行使层级\n权力责任事项\n1\n公路的具体管理\n区交通委\n管理\n《上海市公路管理条例》第五条\n"
            "区级\n区交通委负责所辖区域内公路的具体管理。\n2\n农村公路桥梁检查检测\n区交通委、各街镇\n桥梁检查\n《上海市公路管理条例》第三十四条\n"
            "区级、镇级\n区交通委、街镇应当定期对管辖的公路桥梁进行检查。\n")
    rows = {i.number: i for i in parse_plan(text, "t.txt", lexicon, seg).items}
    assert rows["1"].text.startswith("1.公路的具体管理") and [u.name for u in rows["1"].units] == ["区交通委"]
    assert [(u.name, u.role) for u in rows["2"].units] == [("区交通委", "lead"), ("各街镇", "co")]
    assert "第三十四条" not in rows["2"].text  # what a power rests on is read, not written into the task
    # Near misses: a time or a standard to execute is no unit column; a unit's own name is no task's name.
    for header in (["序号", "重点任务", "实施时间"], ["序号", "重点任务", "执行标准"], ["序号", "单位名称", "责任单位"],
                   ["序号", "事项名称", "实施主体", "办理时限"]):  # review: a catalogue of services
        assert header_columns(header) is None, header


def test_rows_under_a_numbered_row_that_share_its_merged_cells(lexicon, seg) -> None:
    # 北京丰台 丰政办发〔2026〕4号 (heldout26): under "序号 | 重点任务 | 工作措施 | 完成时限 | 牵头部门 | 主责单位 | 协办单位",
    # a measure's row that shares the numbered row's 序号 and 重点任务 (merged cells) starts at 工作措施; each is its own
    # task with its own units ("——": none), and a time says "年底前" or "长期实施" as well as "2026年底前".
    from ingest.parse import parse_plan

    table = ("附件3：深化协同多元共治2026年行动计划\n| 序号 | 重点任务 | 工作措施 | 完成时限 | 牵头部门 | 主责单位 | 协办单位 |\n"
             "| 1 | 持续推动绿色低碳转型 | 积极开发利用本地可再生能源。 | 持续推进 | 区发展改革委 | 区城市管理委 |\n"
             "| 全面推行绿色制造，鼓励重点行业企业开展绿色诊断服务。 | 年底前 | 区科技信息化局 | 丰台园管委会 | 区生态环境局 |\n"
             "| 配合市级部门推进零排放货运通道建设。 | 长期实施 | 区城市管理委 | 区科技信息化局 | —— |\n"
             "| 2 | 强化减污降碳协同创新 | 鼓励符合条件的项目申报CCER项目。 | 持续推进 | 区生态环境局 | 区园林绿化局 |\n"
             "| 全区党政机关更新公务用车27辆 | 更新24辆 | 区机关事务服务中心 |\n")
    items = parse_plan("某区美丽建设行动计划\n" + table, "t.txt", lexicon, seg).items

    def units(words: str) -> list[tuple[str, str]]:
        return next([(u.name, u.role) for u in i.units] for i in items if words in i.text)

    assert units("绿色诊断服务") == [("区科技信息化局", "lead"), ("丰台园管委会", "co"), ("区生态环境局", "co")]
    assert units("零排放货运通道") == [("区城市管理委", "lead"), ("区科技信息化局", "co")]
    assert units("本地可再生能源") == [("区发展改革委", "lead"), ("区城市管理委", "co")]
    # Near miss: a row of figures that carries the row above on ("更新公务用车27辆 | 更新24辆"), no measure's sentence, is
    # no task of its own.
    assert units("公务用车") == [("区生态环境局", "lead"), ("区园林绿化局", "co")]
    for when in ("年底前", "长期实施", "按时间节点完成", "年内"):
        assert _TIME_CELL.match(when), when
    assert not _TIME_CELL.match("年底前完成200户改造")
    # 静安 2026 工作安排 (heldout58): its 分工表's time column says "全年推进", "年内完成"; a row whose time cell was not
    # read as one lost its 责任部门 cell ("编制…清单 / 年内完成 / 生态环境局").
    for when in ("全年推进", "年内完成", "上半年完成", "年底前完成", "按季度推进", "全年"):
        assert _TIME_CELL.match(when), when
    for not_when in ("完成", "推进", "按月报送", "全年推进工作"):
        assert not _TIME_CELL.match(not_when), not_when


def test_near_misses_of_rows_under_merged_cells(lexicon, seg) -> None:
    """A review's cases (session 50): a measure's row that shares the time cell too skips it and takes the row
    above's time, its offices under the unit columns, not one under 完成时限; a measure without a closing 。 is
    placed when its own time says where its cells go."""
    from ingest.parse import parse_plan

    head = ("附件3：行动计划\n| 序号 | 重点任务 | 工作措施 | 完成时限 | 牵头部门 | 主责单位 | 协办单位 |\n"
            "| 1 | 持续推动绿色低碳转型 | 积极开发利用本地可再生能源。 | 持续推进 | 区发展改革委 | 区城市管理委 | 区财政局 |\n")
    tail = "| 2 | 强化减污降碳协同创新 | 鼓励符合条件的项目申报CCER项目。 | 年底前 | 区生态环境局 | 区园林绿化局 | |\n"

    def read(row: str) -> dict[str, tuple[list[tuple[str, str]], str]]:
        items = parse_plan("某区行动计划\n" + head + row + "\n" + tail, "t.txt", lexicon, seg).items
        return {words: next(([(u.name, u.role) for u in i.units], i.text) for i in items if words in i.text)
                for words in ("全面推行绿色制造", "推进光伏建设", "强化减污降碳协同创新") if any(words in i.text for i in items)}

    got = read("| 全面推行绿色制造。 | 区科技信息化局 | 区经济和信息化局 | 区生态环境局 |")
    assert got["全面推行绿色制造"][0] == [("区科技信息化局", "lead"), ("区经济和信息化局", "co"), ("区生态环境局", "co")]
    assert "完成时限：持续推进" in got["全面推行绿色制造"][1]
    got = read("| 推进光伏建设 | 年底前 | 区城市管理委 | 区水务局 |")
    assert got["推进光伏建设"][0] == [("区城市管理委", "lead"), ("区水务局", "co")]
    assert got["强化减污降碳协同创新"][0] == [("区生态环境局", "lead"), ("区园林绿化局", "co")]  # the table goes on


def test_a_policy_table_whose_merged_name_leaves_a_measure_its_number() -> None:
    # Review (helper 345): no 序号 column, a 政策名称 cell merged over two rows whose measures are numbered in their
    # cells: the second row is a task of its own, numbered on, not "2、2.…".
    got = rewrite_tables(["政策名称 | 重点工作举措 | 责任单位", "土地政策 | 1.设置用地 | 区资源局", " | 2.允许改造厂房 | 区住建局",
                          "审批政策 | 1.简化审批 | 区审批局"])
    assert got == ["1.土地政策。1.设置用地。（责任单位：区资源局）", "2.允许改造厂房。（责任单位：区住建局）",
                   "3.审批政策。1.简化审批。（责任单位：区审批局）"]



def test_an_evaluation_table_by_its_finest_column() -> None:
    # 平潭 岚综管办〔2019〕36号 (heldout63): "督导评估内容 | 督导评估要点 | 具体测评点 | A级标准 | … | 责任 单位 | 区教育局责任处（室）
    # | 备注": the points (the finest column) are the tasks, the first column their categories, the bureau's divisions
    # answer with the units; merged cells leave later rows short, and the page broke words with spaces ("区教 育局").
    lines = [
        "督导评估内容 | 督导评估要点 | 具体测评点 | A级标准 | B级 | C级 | 责任 单位 | 区教育局责任处（室） | 备注",
        "一、贯彻执行党的教育方针情况 | 1.加强党的建设情况 | （1）贯彻落实党的十九大精神 | 有部署、有措施。 | 有部署。 | 落实不够。"
        " | 区教 育局 | 系统 党委",
        "（2）加强教育系统干部队伍建设 | 配齐配强领导班子。 | 基本配齐。 | 配备不齐。 | 区教育局、教师进修校 | 人事处、进修校",
    ]
    assert rewrite_tables(lines) == [
        "一、贯彻执行党的教育方针情况",
        "1.（1）贯彻落实党的十九大精神。有部署、有措施。有部署。落实不够。（责任单位：区教育局；配合单位：系统党委）",
        "2.（2）加强教育系统干部队伍建设。配齐配强领导班子。基本配齐。配备不齐。（责任单位：区教育局、教师进修校；配合单位：人事处、进修校）",
    ]


def test_near_misses_of_an_evaluation_tables_columns() -> None:
    # Without a finer column the first task column holds the tasks, as before; a 具体 column after the units is none.
    assert header_columns(["考核内容", "评分标准", "责任单位"]).task == 0  # type: ignore[union-attr]
    cols = header_columns(["工作任务", "责任单位", "具体要求"])
    assert cols is not None and cols.task == 0 and cols.category is None
    # A division column names the bureau's divisions; a column of people or phones is none.
    cols = header_columns(["序号", "工作任务", "责任单位", "联系人"])
    assert cols is not None and cols.co is None
    # Names a cell lists with spaces stay apart ("政策法规处 局办公室"); schools alone are no unit list.
    assert cells("1 | 建立制度 | 政策法规处 局办公室") == ["1", "建立制度", "政策法规处 局办公室"]
    assert cells("1 | 建立制度 | 区教 育局") == ["1", "建立制度", "区教育局"]


def test_near_misses_of_an_evaluation_table_after_review() -> None:
    # Review (helper 444): a plan's "具体指标" of figures is no evaluation's points (the table was lost); a column that
    # oversees or stands a level above is no division answering with the units; names a cell lists with spaces stay
    # apart ("各街道 各镇", "公安 消防"), while a level broken off its office joins it ("区 房管局").
    cols = header_columns(["序号", "建设任务", "具体指标", "责任单位", "完成时限"])
    assert cols is not None and cols.task == 1 and cols.category is None
    assert header_columns(["序号", "工作任务", "责任单位", "督办责任科室"]).co is None  # type: ignore[union-attr]
    assert header_columns(["序号", "工作任务", "责任单位", "市级对口负责处室"]).co is None  # type: ignore[union-attr]
    assert cells("1 | 加强巡查 | 各街道 各镇 | 公安 消防 | 区 房管局") == ["1", "加强巡查", "各街道 各镇", "公安 消防", "区房管局"]
