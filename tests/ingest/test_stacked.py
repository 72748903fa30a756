"""Task tables a web page gave one cell per line."""
from ingest.normalize import normalize
from ingest.stacked import rewrite_stacked_tables

# A header cell per line, a row from its 序号, merged cells left out and later years as sub-rows.
STACKED = """附件
某区垃圾分类行动计划任务清单（2018-2020年）
类别
序号
主要任务
节点
指标数
责任单位
配合单位
1. 分 类 投 放
1
创建达标分类小区（累计数）
2018年
345个
各街道办事处
区文明办 区绿化市容局
2019年
440个
2
道路废物箱标识更新
2018年
735只
区绿化市容局
2. 分 类 运 输
1
干垃圾车标识更新
2018年
89辆
区绿化市容局""".split("\n")


def test_rows_of_a_stacked_table_become_pipe_rows() -> None:
    """Each row's lines go under the columns they fit: offices under the unit columns in order, a year and the
    figure it dates after the task, a group's category line dropped; numbering restarts per group."""
    got = rewrite_stacked_tables(STACKED)
    assert got[:2] == STACKED[:2]
    assert got[2:] == [
        "| 类别 | 序号 | 主要任务 | 节点 | 指标数 | 责任单位 | 配合单位 |",
        "|  | 1 | 创建达标分类小区（累计数）：2018年345个；2019年440个 |  |  | 各街道办事处 | 区文明办、区绿化市容局 |",
        "|  | 2 | 道路废物箱标识更新：2018年735只 |  |  | 区绿化市容局 |  |",
        "|  | 1 | 干垃圾车标识更新：2018年89辆 |  |  | 区绿化市容局 |  |",
    ]


def test_a_stacked_table_parses_into_tasks_with_dated_figures(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    plan = parse_plan("某区垃圾分类三年行动计划（2018—2020年）\n" + "\n".join(STACKED), "p.txt", lexicon, seg)
    got = [(i.heading, [(u.name, u.role) for u in i.units], [(t.value, t.unit, t.year) for t in i.targets])
           for i in plan.items]
    assert got == [
        ("创建达标分类小区（累计数）：2018年345个；2019年440个", [("各街道办事处", "lead"), ("区文明办", "co"), ("区绿化市容局", "co")],
         [(345, "个", 2018), (440, "个", 2019)]),
        ("道路废物箱标识更新：2018年735只", [("区绿化市容局", "lead")], [(735, "只", 2018)]),
        ("干垃圾车标识更新：2018年89辆", [("区绿化市容局", "lead")], [(89, "辆", 2018)]),
    ]


def test_merged_cells_and_a_deadline_column() -> None:
    """Text before the first time or office is right-aligned (a merged category heads the first row only); times
    alone are the deadline; a company after the 责任单位 cell is the 配合单位; "（区水务局）" after a space is the
    name's second name."""
    lines = ["序号", "任务 类型", "改革任务", "工作要求", "完成时间", "责任单位", "配合单位",
             "1", "推进平稳有序移交", "实施方案编制", "完成区级实施方案制定", "2025年6月", "区建设管理委 （区水务局）", "各成员单位",
             "2", "移交清单建立", "建立移交清单", "2025年9月", "区建设管理委 （区水务局）", "上海城投集团", "附件2"]
    assert rewrite_stacked_tables(lines) == [
        "| 序号 | 任务类型 | 改革任务 | 工作要求 | 完成时间 | 责任单位 | 配合单位 |",
        "| 1 | 推进平稳有序移交 | 实施方案编制 | 完成区级实施方案制定 | 2025年6月 | 区建设管理委（区水务局） | 各成员单位 |",
        "| 2 |  | 移交清单建立 | 建立移交清单 | 2025年9月 | 区建设管理委（区水务局） | 上海城投集团 |",
        "附件2",
    ]


def test_near_misses_of_stacked_tables() -> None:
    """Short lines that name no task and unit columns, or no 序号, are text; a lone number line in prose opens no
    row; a header of figures (附件2's 名称 | 明细 | 权属) is left alone."""
    lines = ["一、工作目标", "提高分类水平", "加强宣传教育", "完善收运体系"]
    assert rewrite_stacked_tables(lines) == lines
    lines = ["主要任务", "责任单位", "配合单位", "推进分类", "区绿化市容局"]  # no 序号: rows cannot be told apart
    assert rewrite_stacked_tables(lines) == lines
    lines = ["序号", "类别", "名称", "明细", "原运维管理单位", "权属", "1", "排水管网", "雨水管道", "主管154公里"]
    assert rewrite_stacked_tables(lines) == lines
    assert normalize("序号\n主要任务\n责任单位\n说明如下。") == "序号\n主要任务\n责任单位\n说明如下。"


def test_near_misses_of_stacked_tables_first_review() -> None:
    """A bare figure in a row ("12" under 总投资（亿元）) opens no row, since offices follow it; the table ends where the
    body's next item opens."""
    lines = ["序号", "项目名称", "建设内容", "总投资（亿元）", "责任单位", "1", "区人民医院新院区", "新建门急诊楼", "12", "区卫健委",
             "2", "滨江公园二期", "建设滨江绿地", "3", "区绿化市容局", "3", "第二实验小学", "新建教学楼", "1", "区教育局"]
    got = rewrite_stacked_tables(lines)
    assert [row.strip("| ").split(" | ")[:2] for row in got[1:]] == [["1", "区人民医院新院区"], ["2", "滨江公园二期"], ["3", "第二实验小学"]]
    assert got[2].endswith("| 区绿化市容局 |")
    lines = ["（一）明确任务分工。", "序号", "主要任务", "责任单位", "完成时间", "1", "推进居住区分类", "各街道办事处", "2024年12月",
             "（二）加强宣传引导。全年开展宣传活动50场。"]
    assert rewrite_stacked_tables(lines)[-1] == "（二）加强宣传引导。全年开展宣传活动50场。"


def test_near_misses_of_stacked_tables_second_review() -> None:
    """An annex's title or names listed above a table are no header cells; a row's first cell is its task though it
    ends like an office; a 备注 cell goes to its column, not after the deadline; a body item with a sentence ends
    the table."""
    lines = ["附件", "重点任务分工表", "序号", "主要任务", "牵头单位", "完成时间", "备注",
             "1", "区第二人民医院扩建", "区卫健委", "2024年12月", "2023年已完成主体工程",
             "2.加强宣传引导。全年开展宣传活动50场。"]
    got = rewrite_stacked_tables(lines)
    assert got == ["附件", "重点任务分工表", "| 序号 | 主要任务 | 牵头单位 | 完成时间 | 备注 |",
                   "| 1 | 区第二人民医院扩建 | 区卫健委 | 2024年12月 | 2023年已完成主体工程 |",
                   "2.加强宣传引导。全年开展宣传活动50场。"]
    lines = ["张三", "李四", "序号", "主要任务", "责任单位", "1", "推进分类", "区绿化市容局"]
    assert rewrite_stacked_tables(lines)[:3] == ["张三", "李四", "| 序号 | 主要任务 | 责任单位 |"]


def test_near_misses_of_stacked_tables_third_review() -> None:
    """A body item after a table inside item 1 ends it, heading alone or not; a figure cell followed by text opens no
    row while its row has not reached its units; another table's caption ends the one before; a figure column right
    before the time column gives that time its figure."""
    head = ["序号", "主要任务", "责任单位", "完成时限"]
    lines = [*head, "1", "新增湿垃圾车辆10辆", "区绿化市容局", "2024年", "2.加强宣传引导", "3.强化执法检查"]
    assert rewrite_stacked_tables(lines)[-2:] == ["2.加强宣传引导", "3.强化执法检查"]
    lines = ["序号", "项目名称", "总投资（亿元）", "建设内容", "责任单位", "1", "区人民医院新院区", "2", "新建床位500张", "区卫健委"]
    assert rewrite_stacked_tables(lines)[1:] == ["| 1 | 区人民医院新院区 | 2 | 新建床位500张 | 区卫健委 |"]
    lines = [*head, "1", "推进分类", "区绿化市容局", "2024年", "表2 末端处置任务", *head, "1", "建设湿垃圾处理厂", "区发展改革委", "2025年"]
    assert rewrite_stacked_tables(lines)[2:4] == ["表2 末端处置任务", "| 序号 | 主要任务 | 责任单位 | 完成时限 |"]
    lines = ["序号", "主要任务", "指标数", "完成时限", "责任单位", "1", "创建达标小区", "345个", "2024年", "各街道办事处"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 创建达标小区：2024年345个 |  |  | 各街道办事处 |"


def test_near_misses_of_stacked_tables_fourth_review() -> None:
    """A row with only its task (merged cells) is a row all the same where no column holds bare amounts; numbering
    that runs on across a group's category line keeps the table; an amount goes to its column, not the deadline's;
    figures before their times stay with the time after them."""
    head = ["序号", "主要任务", "完成时限", "责任单位"]
    lines = [*head, "1", "创建达标分类小区", "2018年", "区绿化市容局", "2", "推进定时定点投放", "3", "新增湿垃圾车辆", "2019年", "区商务委"]
    assert [r.strip("| ").split(" | ")[:2] for r in rewrite_stacked_tables(lines)[1:]] == [
        ["1", "创建达标分类小区"], ["2", "推进定时定点投放"], ["3", "新增湿垃圾车辆"]]
    lines = [*head, "1", "创建达标分类小区", "2018年", "区绿化市容局", "2. 分 类 运 输", "2", "新增湿垃圾车辆", "2019年", "区商务委"]
    assert rewrite_stacked_tables(lines)[-1] == "| 2 | 新增湿垃圾车辆 | 2019年 | 区商务委 |"
    lines = ["序号", "主要任务", "责任单位", "计划投资（万元）", "完成时限", "1", "推进老旧小区改造", "区住建局", "3000", "2024年12月底前"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 推进老旧小区改造 | 区住建局 | 3000 | 2024年12月底前 |"
    lines = ["序号", "主要任务", "责任单位", "指标数", "完成时限", "1", "创建达标分类小区", "各街道办事处", "345个", "2018年", "440个", "2019年"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 创建达标分类小区：2018年345个；2019年440个 | 各街道办事处 |  |  |"


def test_near_misses_of_stacked_tables_fifth_review() -> None:
    """A 目标值 cell equal to the next row's number opens no row; a 考核指标 column is text, its figures follow their
    times; a numbered body item with a sentence after a list inside a cell ends the table; a colophon ends it."""
    lines = ["序号", "主要任务", "目标值", "责任单位", "完成时限", "1", "新建口袋公园（个）", "2", "区绿化市容局", "2024年12月",
             "2", "新建绿道（公里）", "5", "区绿化市容局", "2024年10月"]
    assert [r.strip("| ").split(" | ")[:2] for r in rewrite_stacked_tables(lines)[1:]] == [
        ["1", "新建口袋公园（个）"], ["2", "新建绿道（公里）"]]
    lines = ["序号", "主要任务", "考核指标", "节点", "指标数", "责任单位", "1", "创建达标分类小区", "达标小区数", "2024年", "345个",
             "2025年", "440个", "各街道办事处"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 创建达标分类小区 | 达标小区数：2024年345个；2025年440个 |  |  | 各街道办事处 |"
    lines = ["序号", "主要任务", "责任单位", "1", "推进分类", "区绿化市容局", "2", "1.完成箱房改造", "2.推进定时定点投放",
             "3.加强宣传引导。全年开展宣传活动50场。（责任单位：区文明办）", "抄送：区委各部门。"]
    got = rewrite_stacked_tables(lines)
    assert got[-2:] == ["3.加强宣传引导。全年开展宣传活动50场。（责任单位：区文明办）", "抄送：区委各部门。"]


# Rows numbered in brackets under numbered groups (a scan's "—" for 一), a page's header repeated mid-table, a
# merged 工作任务 cell over two lines of work (the second with "——" for no 配合单位), a unit's name broken over two
# lines, a lone office as the 牵头单位, and a list of offices closed by 和.
BRACKETED = ["附件3", "任务职责分工表", "序号", "工作任务", "主要工作内容", "牵头单位", "配合单位",
             "—", "构建处置体系",
             "（一）", "推动源头减量", "增加工程土方消纳平衡内容。", "区建设管理委、区规划资源局", "区水务局、区房管局",
             "（二）", "建设转运码头", "建设建筑垃圾转运码头。", "区建设管理委", "——", "开展码头备案工作。", "区绿化市容局", "——",
             "二", "构建管理体系",
             "（一）", "加强备案申报管理", "严格落实备案制度。", "区土方工作", "专班", "属地街镇",
             "序号", "工作任务", "主要工作内容", "牵头单位", "配合单位",
             "（二）", "严打“黑车”运营", "开展专项执法整治行动。", "公安青浦分局", "区建设管理委",
             "（三）", "加强源头监管", "落实工地数字化监督管理。", "区城运中心", "区数据局、区城管执法局和属地街镇"]


def test_rows_numbered_in_brackets_under_groups() -> None:
    got = rewrite_stacked_tables(BRACKETED)
    head = "| 序号 | 工作任务 | 主要工作内容 | 牵头单位 | 配合单位 |"
    assert got == ["附件3", "任务职责分工表", head,
                   "| 一、构建处置体系 |  |  |  |  |",
                   "| 1 | 推动源头减量 | 增加工程土方消纳平衡内容。 | 区建设管理委、区规划资源局 | 区水务局、区房管局 |",
                   "| 2 | 建设转运码头 | 建设建筑垃圾转运码头。开展码头备案工作。 | 区建设管理委、区绿化市容局 |  |",
                   "| 二、构建管理体系 |  |  |  |  |",
                   "| 1 | 加强备案申报管理 | 严格落实备案制度。 | 区土方工作专班 | 属地街镇 |",
                   head,
                   "| 2 | 严打“黑车”运营 | 开展专项执法整治行动。 | 公安青浦分局 | 区建设管理委 |",
                   "| 3 | 加强源头监管 | 落实工地数字化监督管理。 | 区城运中心 | 区数据局、区城管执法局、属地街镇 |"]


def test_near_misses_of_rows_numbered_in_brackets() -> None:
    # A body heading in brackets with its text on the line ends a table; a bracketed number alone opens a row only
    # with its task after it; an arabic table's rows still start from 1.
    lines = ["序号", "主要任务", "责任单位", "（一）", "推进分类", "区绿化市容局", "（二）加强宣传引导。全年开展宣传活动50场。"]
    assert rewrite_stacked_tables(lines)[-1] == "（二）加强宣传引导。全年开展宣传活动50场。"
    lines = ["序号", "主要任务", "责任单位", "2", "推进分类", "区绿化市容局"]
    assert rewrite_stacked_tables(lines) == lines
    # A task's text that ends like an office is no unit cell where no unit cell follows it.
    lines = ["序号", "项目名称", "建设内容", "责任单位", "（一）", "区第二人民医院", "新建门诊楼", "区卫健委"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 区第二人民医院 | 新建门诊楼 | 区卫健委 |"


def test_near_misses_of_rows_numbered_in_brackets_second_review() -> None:
    # Under rows numbered 1, 2, … a body heading "（五）" alone on its line ends the table.
    lines = ["序号", "工作任务", "主要工作内容", "牵头单位", "配合单位", "1", "推进道路建设", "新建道路10公里", "区建设管理委",
             "区规划资源局", "（五）", "加强组织保障", "各部门要明确分工，落实责任。"]
    assert rewrite_stacked_tables(lines)[-3:] == ["（五）", "加强组织保障", "各部门要明确分工，落实责任。"]
    # An office's name in the content column, before the units, is content.
    lines = ["序号", "工作任务", "主要工作内容", "牵头单位", "配合单位", "1", "医疗设施改造", "青浦区中医医院", "区卫健委", "——"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 医疗设施改造 | 青浦区中医医院 | 区卫健委 |  |"
    # Groups count afresh in another table.
    table = ["序号", "工作任务", "主要工作内容", "牵头单位", "配合单位", "—", "重点项目", "（一）", "建设码头", "内容。", "区交通委", "——"]
    got = rewrite_stacked_tables(["附件1", *table, "附件2", *table])
    assert [line for line in got if "重点项目" in line] == ["| 一、重点项目 |  |  |  |  |"] * 2


def test_a_cell_that_lists_its_work_in_numbered_lines() -> None:
    """静安 静绿容发〔2025〕37号: a row's 任务内容 as a numbered list with sentences ("1. 强化…。…" / "2. 紧扣…。…") before
    its unit cell stays in the row, its list numbered in brackets (no "6.1." reads as an item of its own); a list line
    that states its own units is a body item after the table (the fifth review's case stays)."""
    lines = ["序号", "任务内容", "责任单位", "1", "1. 强化党组织领导。用好清单。", "2. 紧扣重要时间节点。开展宣传。", "区绿化市容局",
             "2", "对上海火车站开展专项监督检查。", "区站管委办"]
    assert rewrite_stacked_tables(lines)[1:] == [
        "| 1 | （1）强化党组织领导。用好清单；（2）紧扣重要时间节点。开展宣传。 | 区绿化市容局 |",
        "| 2 | 对上海火车站开展专项监督检查。 | 区站管委办 |"]
    lines = ["序号", "主要任务", "责任单位", "1", "推进分类", "区绿化市容局", "2", "1.完成箱房改造。全年改造50座。",
             "2.推进定时定点投放。", "3.加强宣传引导。全年开展宣传活动50场。（责任单位：区文明办）", "抄送：区委各部门。"]
    assert rewrite_stacked_tables(lines)[-2:] == ["3.加强宣传引导。全年开展宣传活动50场。（责任单位：区文明办）", "抄送：区委各部门。"]


def test_near_misses_of_lists_in_cells_fifth_review() -> None:
    """A numbered list after a row's unit cell, or before a heading, is the text's own, not the row's."""
    lines = ["序号", "主要任务", "责任单位", "1", "推进分类。", "区绿化市容局", "2", "做好宣传。", "区文明办",
             "1.完成箱房改造。全年改造50座。", "2.推进定时定点投放。全年完成20个小区。", "区发改委 区绿化市容局", "2025年3月5日"]
    assert rewrite_stacked_tables(lines)[-3:] == lines[-3:]  # (its "1." joins the row, as before: a list's first line)
    lines = ["序号", "主要任务", "责任单位", "1", "推进分类示范街镇创建。", "区绿化市容局", "2", "1.完成箱房改造。全年改造50座。",
             "2.推进定时定点投放。全年完成20个小区。", "二、职责分工", "区绿化市容局、各街道办事处"]
    assert "2.推进定时定点投放。全年完成20个小区。" in rewrite_stacked_tables(lines)


def test_category_cells_before_the_number_open_their_row() -> None:
    """静安 静营商办〔2024〕1号 (heldout71): "改革领域 / 序号 / 改革事项 / 落实推进单位" and each row "市场准入 / 1 / … / 区市场监管局":
    a row's category stands before its number, so it is the next row's first cell, not the row above's last (nor, for the
    first row, a fifth header cell); a unit column named by two duties (落实推进单位); a brand's name opening its row's
    measures (品牌名称); a subdistrict by its name and "各街道、镇" as units."""
    lines = ["改革领域", "序号", "改革事项", "落实推进单位", "市场准入", "1", "推进登记注册。", "区市场监管局",
             "市场准入", "2", "实施小型餐饮备案。", "各街道、镇", "获取经营场所", "3", "深化一体化改革。", "区规划资源局"]
    assert rewrite_stacked_tables(lines) == [
        "| 改革领域 | 序号 | 改革事项 | 落实推进单位 |", "| 市场准入 | 1 | 推进登记注册。 | 区市场监管局 |",
        "| 市场准入 | 2 | 实施小型餐饮备案。 | 各街道、镇 |", "| 获取经营场所 | 3 | 深化一体化改革。 | 区规划资源局 |"]
    lines = ["创建领域", "序号", "品牌名称", "工作举措", "落实推进单位", "企业服务", "1", "石在帮办", "1、做优数字赋能。",
             "2、强化载体功能。", "石门二路街道", "企业服务", "2", "曹家渡服务", "建立组团式服务机制。", "曹家渡街道"]
    assert rewrite_stacked_tables(lines)[1:] == [
        "| 企业服务 | 1 | 石在帮办 | （1）做优数字赋能；（2）强化载体功能。 | 石门二路街道 |",
        "| 企业服务 | 2 | 曹家渡服务 | 建立组团式服务机制。 | 曹家渡街道 |"]
    # Not a column the header names (a 备注 or a time after the units), nor where the run's last cell is a header's.
    lines = ["改革领域", "序号", "改革事项", "落实推进单位", "完成时限", "1", "推进登记注册。", "区市场监管局", "2024年底"]
    assert rewrite_stacked_tables(lines)[0] == "| 改革领域 | 序号 | 改革事项 | 落实推进单位 | 完成时限 |"


def test_a_category_tables_rows_parse_with_their_units(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    text = ("某区工作方案\n一、工作要求\n各部门要抓好落实。\n附件\n任务分工表\n改革领域\n序号\n品牌名称\n工作举措\n落实推进单位\n企业服务\n"
            "1\n石在帮办\n1、做优数字赋能。\n2、强化载体功能。\n石门二路街道\n市场准入\n2\n小餐饮备案\n实施小型餐饮备案。\n各街道、镇\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [(i.text.startswith(f"{n}.石在帮办") or i.text.startswith(f"{n}.小餐饮备案"), [u.name for u in i.units])
            for n, i in enumerate(items[1:], start=1)] == [(True, ["石门二路街道"]), (True, ["各街道", "镇"])]


def test_near_misses_of_category_tables_review() -> None:
    """Review (helper 506): a task cell that names a kind of street (美丽街道) is no unit; where categories are merged, a
    row whose unit cell no test knows (静安置业集团) keeps it; a short cell after the units under a column of its own
    (进展情况, 责任人) is the row's, not the next row's category."""
    lines = ["序号", "工作任务", "具体内容", "责任单位", "1", "美丽街道", "打造美丽街道", "区绿化市容局"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 美丽街道 | 打造美丽街道 | 区绿化市容局 |"
    lines = ["改革领域", "序号", "改革事项", "落实推进单位", "城市更新", "1", "推进张园西区改造。", "静安置业集团",
             "2", "推进苏河湾开发。", "区建设管理委"]
    got = rewrite_stacked_tables(lines)
    assert got[1].startswith("| 城市更新 | 1 | 推进张园西区改造。") and "静安置业集团" in got[1]
    assert got[2].startswith("|  | 2 | 推进苏河湾开发。")
    lines = ["改革领域", "序号", "改革事项", "落实推进单位", "进展情况", "城市更新", "1", "推进张园西区改造。", "区房管局", "已完成",
             "2", "推进苏河湾开发。", "区建设管理委", "推进中"]
    got = rewrite_stacked_tables(lines)
    assert got[0] == "| 改革领域 | 序号 | 改革事项 | 落实推进单位 | 进展情况 |"
    assert got[1:] == ["| 城市更新 | 1 | 推进张园西区改造。 | 区房管局 | 已完成 |", "|  | 2 | 推进苏河湾开发。 | 区建设管理委 | 推进中 |"]
    lines = ["改革领域", "序号", "改革事项", "落实推进单位", "责任人", "1", "推进登记注册。", "区市场监管局", "张三"]
    assert rewrite_stacked_tables(lines)[0] == "| 改革领域 | 序号 | 改革事项 | 落实推进单位 | 责任人 |"


def test_a_merged_sub_row_naming_a_kind_of_street_stays_review(lexicon, seg) -> None:
    """Review (helper 506): "| 美丽街道 | 2024年底 | 区绿化市容局 |" under a numbered row is a sub-row of its own."""
    from ingest.parse import parse_plan

    text = ("某区工作方案\n一、总体要求\n按照要求推进。\n附件\n任务分工表\n| 序号 | 任务 | 工作措施 | 完成时限 | 责任单位 |\n"
            "| 1 | 城市更新 | 推进旧区改造。 | 2024年底 | 区房管局 |\n| 美丽街道 | 2024年底 | 区绿化市容局 |\n")
    units = [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert ["区绿化市容局"] in units and ["区房管局"] in units


def test_cities_by_name_in_a_unit_cell() -> None:
    """上海 沪交科〔2023〕706号 (heldout73): a 分工表's 责任单位 cell "上海市交通委员会、苏州市、嘉兴市" — cities by name beside an
    office are units (their governments); not a kind of zone ("示范区"), nor a place alone under the task's column."""
    lines = ["序号", "重点工作", "主要内容", "责任单位", "1", "示范区试点", "苏州、嘉兴城市公交改造。", "上海市交通委员会、苏州市、嘉兴市",
             "2", "平台建设", "建设一体化平台。", "上海市交通委员会、上海市大数据中心等"]
    assert rewrite_stacked_tables(lines)[1:] == [
        "| 1 | 示范区试点 | 苏州、嘉兴城市公交改造。 | 上海市交通委员会、苏州市、嘉兴市 |",
        "| 2 | 平台建设 | 建设一体化平台。 | 上海市交通委员会、上海市大数据中心等 |"]
    lines = ["序号", "重点工作", "主要内容", "责任单位", "1", "苏州市", "推进公交改造。", "上海市交通委员会"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 苏州市 | 推进公交改造。 | 上海市交通委员会 |"
    from ingest.tables import by_name
    assert by_name("浦东新区") and by_name("苏州市") and not any(by_name(n) for n in ("示范区", "本市", "城区", "开发区", "辖区"))


def test_places_after_the_units_are_no_units_review() -> None:
    """Review (helper 526): a city or district in a 备注 or 实施区域 cell after the units is where the work is done."""
    lines = ["序号", "项目名称", "建设内容", "责任单位", "备注", "1", "沪苏湖铁路", "新建铁路线路", "市发展改革委", "苏州市、湖州市"]
    assert rewrite_stacked_tables(lines)[1] == "| 1 | 沪苏湖铁路 | 新建铁路线路 | 市发展改革委 | 苏州市、湖州市 |"
    lines = ["序号", "工作任务", "责任单位", "1", "推进养老服务。", "市民政局、老旧社区"]
    from ingest.tables import by_name
    assert not any(by_name(n) for n in ("老旧社区", "旅游景区", "中心市区", "老旧小区", "工业区", "核心区", "连锁超市"))
