"""Task tables a web page flattened to one line per row, cells separated by single spaces."""
from ingest.normalize import normalize
from ingest.parse import parse_plan
from ingest.spaced import rewrite_spaced_tables
from ingest.tables import _TIME_CELL

# 平潭's blue-sky annex (2019): the header repeated after a page break, category rows between the rows, a row with
# no 参与单位, a cell of a body that names no place, and rows without a number carrying more of the row above.
SPACED = """附件
某区打赢蓝天保卫战实施方案重点任务表
重点任务 工作措施 牵头单位 参与单位
一、调整优化产业结构
1.优化产业布局 完成生态环境准入清单编制工作。 区环土局 区经发局、各片区项目建设指挥部
2.优化能源结构 积极稳妥发展新能源。 区经发局
重点任务 工作措施 牵头单位 参与单位
3.加快车船结构升级 加快推进新增车辆使用新能源汽车。 区经发局、交建局 区财金局
推进船舶更新升级。推广使用清洁能源船舶。 区交建局 区环土局、经发局
4.加强绿色规划引领 加强对城市通风廊道的研究。 区规划局 平潭气象局
三、保障措施
各有关部门要认真落实责任。
"""


def test_a_space_separated_table_reads_as_task_rows() -> None:
    lines = rewrite_spaced_tables(SPACED.split("\n"))
    assert "序号 | 重点任务 | 工作措施 | 牵头单位 | 参与单位" in lines
    assert "2 | 优化能源结构 | 积极稳妥发展新能源。 | 区经发局 | " in lines
    assert " |  | 推进船舶更新升级。推广使用清洁能源船舶。 | 区交建局 | 区环土局、经发局" in lines
    assert "一、调整优化产业结构" in lines and "各有关部门要认真落实责任。" in lines  # a heading, then prose


def test_rows_and_sub_rows_are_items_with_their_units(lexicon, seg) -> None:
    plan = parse_plan("某区实施方案\n一、重点任务\n（一）推进工作。（区环土局负责）\n" + SPACED, "t.txt", lexicon, seg)
    units = {i.number: [(u.name, u.role) for u in i.units] for i in plan.items}
    assert units["1"] == [("区环土局", "lead"), ("区经发局", "co"), ("各片区项目建设指挥部", "co")]
    assert units["2"] == [("区经发局", "lead")]
    assert units["（2）"] == [("区交建局", "lead"), ("区环土局", "co"), ("区经发局", "co")]
    assert units["4"] == [("区规划局", "lead"), ("平潭气象局", "co")]


def test_lines_of_short_words_that_are_no_table_pass_through() -> None:
    # No role column; a role column that is not last; a line after the header whose last word is no body.
    for text in ("区发改委 区财政局 区商务局\n1.推进工作 做好工作。 区发改委",
                 "重点任务 牵头单位 工作措施\n1.优化布局 区环土局 完成清单编制。",
                 "重点任务 工作措施 牵头单位\n1.优化布局 完成清单编制工作，持续推进"):
        assert normalize(text) == normalize(text.replace(" ", "")), text


def test_near_misses_of_spaced_tables_fifth_review(lexicon, seg) -> None:
    # A time goes under the time column, not a unit's; the work's last sentence is no unit; two offices under one unit
    # column are one list; a signature after the last row is no sub-row; a row numbered otherwise ends the table.
    def units(table: str) -> dict[str, list[tuple[str, str]]]:
        plan = parse_plan("某区实施方案\n一、重点任务\n（一）推进工作。（区环土局负责）\n附件\n" + table, "t.txt", lexicon, seg)
        return {i.number: [(u.name, u.role) for u in i.units] for i in plan.items}

    got = units("重点任务 工作措施 牵头单位 完成时限\n1.优化产业布局 完成清单编制工作。 区环土局 2019年底前\n"
                "2.优化能源结构 积极稳妥发展新能源。 2020年底前\n")
    assert got["1"] == [("区环土局", "lead")] and got["2"] == []
    got = units("重点任务 工作措施 牵头单位 参与单位\n1.优化产业布局 完成清单编制工作。 力争2019年底前完成 区环土局\n")
    assert got["1"] == [("区环土局", "lead")]
    got = units("重点任务 工作措施 责任单位\n1.优化产业布局 完成清单编制工作。 区环土局 区经发局\n")
    assert got["1"] == [("区环土局", "lead"), ("区经发局", "co")]
    lines = rewrite_spaced_tables(["重点任务 工作措施 牵头单位 参与单位", "1.优化产业布局 完成清单编制工作。 区环土局",
                                   "区发改委 区财政局 区商务局", "（一）加强组织领导。 各部门要高度重视 区政府办"])
    assert lines[2:] == ["区发改委 区财政局 区商务局", "（一）加强组织领导。 各部门要高度重视 区政府办"]
    # A spaced header over pipe rows is the pipe table's.
    lines = ["重点任务 工作措施 牵头单位 参与单位", "1.优化产业布局 | 完成清单编制工作。 | 区环土局 | 区经发局"]
    assert rewrite_spaced_tables(lines) == lines


def test_near_misses_of_spaced_tables_sixth_review(lexicon, seg) -> None:
    # A time before the unit column goes under its column; work that ends like a body ("新建垃圾中转站") is no unit.
    plan = parse_plan("某区实施方案\n一、重点任务\n（一）推进工作。（区环土局负责）\n附件\n重点任务 工作措施 完成时限 责任单位\n"
                      "1.优化产业布局 完成清单编制工作。 2019年底前 区环土局\n2.完善收运体系 新建垃圾中转站 区城管局\n",
                      "t.txt", lexicon, seg)
    items = {i.number: i for i in plan.items}
    assert [(u.name, u.role) for u in items["1"].units] == [("区环土局", "lead")] and "完成时限：2019年底前" in items["1"].text
    assert [(u.name, u.role) for u in items["2"].units] == [("区城管局", "lead")] and "新建垃圾中转站" in items["2"].text


def test_time_cells_with_a_day_or_a_span_of_years(lexicon, seg) -> None:
    # Review (session 48) left: a day ("2019年6月30日前") or a span of years ("2019-2020年") is a time cell too, so the
    # unit cell before it is still read; a figure with a date in the work is not one.
    for when in ("2019年6月30日前", "2019-2020年", "6月30日前", "2019—2020年"):
        plan = parse_plan("某区实施方案\n一、重点任务\n（一）推进工作。（区环土局负责）\n附件\n重点任务 工作措施 牵头单位 完成时限\n"
                          f"1.优化产业布局 完成清单编制工作。 区经发局 {when}\n", "t.txt", lexicon, seg)
        item = next(i for i in plan.items if i.number == "1")
        assert [(u.name, u.role) for u in item.units] == [("区经发局", "lead")] and f"完成时限：{when}" in item.text, when
    assert not _TIME_CELL.match("2019年6月30日前完成200户改造")
