"""Task-division tables (序号 | 任务 | 责任单位 | 完成时限) rewritten as numbered items with a unit clause."""
from __future__ import annotations

import itertools
import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from .patterns import PAGE_NUMBER
from .unit_names import COLLECTIVE, STREET_BY_NAME, TOWN_BY_NAME, ends_like_office, split_top

_NUMBER_COL = re.compile(r"^(序号|编号)$")
_NUMBER_CELL = re.compile(r"\d{1,3}")
# The task's column is the first of these (工作内容, 考核内容, 建设内容 too), but not the milestones' ("节点任务",
# "节点目标") where another is.
_TASK_COL = re.compile(r"任务|内容|具体措施|主要措施|工作措施|整改措施|举措|事项|重点工作|职责")
_MILESTONE_COL = re.compile(r"节点")
# A rectification list's problems are its tasks where no column names work: "序号 | 存在问题 | 整改责任单位" (平潭 2016).
_PROBLEM_COL = re.compile(r"^(?:存在|反馈|具体|发现)?问题(?:描述|清单|表现)?$")
# "项目名称 | 建设性质 | 建设内容", "政策名称 | 重点工作举措和内容": the project's or the measure's name opens its task's
# text (not a place's or a company's name).
_NAME_COL = re.compile(r"^(?:项目|工程|事项|权力|权力责任|职权|职责|政策|措施|品牌|活动)名称$")
# A role column's header is a role and a kind of unit, with at most an aside on the same roles after it:
# "责任单位及分工", "牵头单位（部门）" (a 片区 table's column read 责任单位及分工); not "责任单位及完成时限" or
# "责任单位/责任人", which hold a date or a person besides.
_ASIDE = r"(?:及分工|[（(](?:单位|部门|处室|科室|分工)[）)])?$"
# Whose role the column names, before it: "本局责任处（单位）", "党工委管委会牵头部门", "市级牵头单位".
_WHOSE = r"(?:本局|本委|本厅|本部门|本单位|[\u4e00-\u9fff]{0,8}?(?:级|层面|管委会|政府))?"
_BODY = r"(单位|部门|处室|科室|处|科)"  # a bureau's own table names its 处 and 科
_LEAD_COL = re.compile(rf"^{_WHOSE}(牵头|主办)(?:责任)?{_BODY}{_ASIDE}")  # "牵头责任部门" too
_CO_COL = re.compile(rf"^{_WHOSE}(配合|协同|参与|协办|支撑|协作){_BODY}{_ASIDE}")
# Two duties may name the column ("落实推进单位", "推进落实单位").
_UNITS_COL = re.compile(rf"^{_WHOSE}(?:主要|具体|直接|整改)?((?:责任|负责|指导|主管|主责|推进|落实|承办|行使|实施|执行){{1,2}})"
                        rf"(?:{_BODY}|主体){_ASIDE}")
# "部门" alone: a duty list (部门 | 职责清单) names, row by row, the body each duty is given to; beside 事项 (a
# list of services or powers by department) it assigns no work. "单位" alone does so only beside a column of duties
# ("单位 | 职责分工", "成员单位 | 主要职责"): elsewhere it is a figure's unit of measure.
_BARE_UNITS_COL = re.compile(rf"^部门{_ASIDE}")
_BARE_MEMBERS_COL = re.compile(r"^(?:成员)?单位$")
_DUTIES_COL = re.compile(r"职责(?:分工|任务|清单)?$")
_DUTY_TASK_COL = re.compile(r"任务|职责|工作|措施|举措")
_KIND_COL = re.compile(r"(类型|类别|分类|领域|板块)$")
# An evaluation's points, not a plan's "具体内容" or "具体指标" beside its tasks (review, helper 444: a column of figures
# took the tasks' place).
_SPECIFIC_COL = re.compile(r"^具体(?:测评|评估|考核|观测|检查)(?:点|要点|内容)$|^(?:测评|考核|观测)点$")
# The bureau's own divisions that answer with its units, not one that oversees them or a level above ("督办责任科室",
# "市级对口负责处室").
_DIVISIONS_COL = re.compile(r"(?!.*(?:督|对口|市级|上级))[\u4e00-\u9fff]{2,10}?(?:责任|负责|牵头)(?:处|科)(?:室|（室）|\(室\))?")
_SERVICE_TIME_COL = re.compile(r"办理|承诺|办结")
# One column for two roles, "配合/责任单位" or "责任（配合）单位": whoever its cell lists is responsible, so it
# reads as a 责任单位 column (beside a 牵头单位 column its names co-operate, as a 责任单位 cell's do).
_ROLE = r"(?:牵头|主办|配合|协同|参与|协办|支撑|协作|责任|负责|主责|推进|落实|承办)"
_JOINED_COL = re.compile(rf"^{_ROLE}(?:[/／、]{_ROLE}|[（(]{_ROLE}[）)])+(单位|部门|处室|科室){_ASIDE}")
_TIME_COL = re.compile(r"时限|时间|进度")
# Where a task comes from, what it rests on or what it scores ("任务来源", "政策依据", "备注", "分值"): no part of
# the task's text; "考核任务（分值）" is the task's column all the same. So is a column that points to another part
# of the plan ("对应重点任务", "对应指标"): a reference, not the row's work nor an indicator table's figures.
_SOURCE_COL = re.compile(r"来源|依据|出处|备注|^(?:分值|分数|权重)$|^对应")
# An indicator table (指标 | 单位 | 2026年目标 | 责任单位) lists figures, not tasks; so does one whose task column
# is its indicators' ("指标任务", "指标名称"), or that has a column of units of measure ("单位" beside 责任单位). One
# whose tasks come before its indicators ("主要任务 | 节点 | 指标数 | 责任单位") gives each task its figure.
_INDICATOR_COL = re.compile(r"指标|^单位$")
_MEASURE_COL = re.compile(r"^(?:计量)?单位$")
_INDICATOR_TASK_COL = re.compile(r"^(?:主要|核心|关键)?指标")
# A cell that only sets a time: "2025年", "2024年12月底前", "2019年6月30日前", "2019-2020年", "长期坚持", "每季度".
_TIME_CELL = re.compile(
    r"^(?:20\d{2}\s*年\s*(?:\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?)?\s*(?:[上下]半年|年?[底末]|年内)?\s*(?:前|以前|之前|起)?"  # 2024年12月底前
    r"|20\d{2}(?=\s*[—\-－~至]\s*20\d{2})"  # 2019-2020年
    r"|\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?\s*(?:底|末)?\s*(?:前|以前|之前)?"  # 6月底前, 6月30日前
    # 年底前, 长期实施, 全年推进, 年内完成, 按季度推进
    r"|年[底末内]前?|[上下]半年|全年|长期|持续|常态化|每[年季月]度?|按(?:季度?|月|年度?)|[、，,\s—\-－至])+(?:推进|坚持|开展|实施|完成)?$"
    r"|^按(?:时间)?节点(?:要求)?完成$")
_RULE = re.compile(r"^[|:\-\s]+$")  # a markdown table's |---|---| line
# A numbered heading after a table: "三、保障措施", "（一）加强组织领导", "1.…", "第三章".
_HEADING_LINE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,3}[.．、]|第[一二三四五六七八九十]+[章条节部])")
_NOTHING = re.compile(r"[—\-－/／~～]+|无")  # a cell that says it is empty: "配合部门 | —"
_CATEGORY = re.compile(r"^[一二三四五六七八九十]+[、.．]")  # a category row: "二、营商环境"
_TASK_NUMBER = re.compile(r"^(\d{1,3})[.．、]\s*(?!\d)")  # "1.政府工作要做到公开透明" in the task cell


@dataclass(frozen=True)
class Columns:
    """Where each field sits in a table's rows."""

    width: int
    number: int | None  # no 序号 column: the task cell carries its number ("1.推进…"), or rows are counted
    task: int
    units: int | None  # 责任单位
    lead: int | None  # 牵头单位
    co: int | None  # 配合单位
    time: int | None
    category: int | None = None  # a column of headings ("一、…") the numbered tasks beside it fall under
    source: tuple[int, ...] = ()  # 任务来源 / 政策依据 / 备注 / 分值: read, not written into the task


def cells(line: str, framed: bool | None = None) -> list[str] | None:
    """The cells of a tab- or pipe-separated row, or None for a line that is not one. `framed`: whether the
    table's rows open and close with a pipe ("| a | b |"), as its header does; by default, as this line does."""
    if "\t" in line:
        parts = line.split("\t")
    elif line.count("|") >= 2:
        line = line.strip()
        # In a table whose rows are framed by pipes ("| a | b |") the outer ones separate nothing; in one without,
        # a row " | b | " opens and ends with an empty cell (merged with the row above).
        if framed is None:
            framed = line.startswith("|") and line.endswith("|")
        if framed:
            line = line.removeprefix("|").removesuffix("|")
        parts = line.split("|")
    else:
        return None
    parts = ["" if _NOTHING.fullmatch(p.strip()) else _BROKEN_WORD.sub(_rejoined, p.strip()) for p in parts]
    return parts if len([p for p in parts if p]) >= 2 else None


# A word a web page's cell broke with a space ("区教 育局", "系统 党委", "责任 单位"): short runs of characters on both
# sides, the first no name of its own; not a list of names a cell separates with spaces ("政策法规处 局办公室").
_BROKEN_WORD = re.compile(r"(?<![\u4e00-\u9fff])(?P<left>[\u4e00-\u9fff]{1,3}) (?P<right>[\u4e00-\u9fff]{1,4})(?![\u4e00-\u9fff])")


def _rejoined(m: re.Match[str]) -> str:
    """The broken word whole, where together they name an office ("区教育局") and apart they do not; not short names a
    cell lists ("各街道 各镇", "公安 消防"; review, helper 444)."""
    left, right = m.group("left"), m.group("right")
    whole = left + right
    if ends_like_office(left) or right.startswith("各") or left.startswith("各") or not ends_like_office(whole):
        return m.group(0)
    return whole


def _pair(line: str) -> list[str] | None:
    """The two cells of a line with one separator between two words, or None."""
    parts = [p.strip() for p in line.split("|")]
    return parts if len(parts) == 2 and all(parts) else None


def _unframed(line: str, width: int) -> list[str] | None:
    """The cells of a row framed by pipes, on both sides or one, under a header that is not: those of the line
    without its outer pipes, where that gives the header's width."""
    opens, closes = line.startswith("|"), line.endswith("|")
    for inner in (line[1:] if opens else None, line[:-1] if closes else None, line[1:-1] if opens and closes else None):
        if inner is not None and (row := cells(inner, framed=False)) is not None and len(row) == width:
            return row
    return None


def header_columns(row: list[str]) -> Columns | None:
    """Columns of a header row that has a task and a unit column (and often a 序号)."""
    row = [re.sub(r"\s+", "", c) for c in row]  # "工 作 要 求"

    def find(rx: re.Pattern[str], skip: Collection[int | None] = ()) -> int | None:
        return next((i for i, c in enumerate(row) if i not in skip and rx.search(c)), None)

    def find_last(rx: re.Pattern[str]) -> int | None:
        # One role for two levels ("国家级责任部门 | 省级责任部门"): a table names the levels above its own first.
        return next((i for i in reversed(range(len(row))) if rx.search(row[i])), None)

    sources = {i for i, c in enumerate(row) if _SOURCE_COL.search(c)}
    milestones = {i for i, c in enumerate(row) if _MILESTONE_COL.search(c)}
    number, time = find(_NUMBER_COL), find(_TIME_COL)
    task = find(_TASK_COL, {*sources, *milestones})
    if task is None:
        task = find(_TASK_COL, sources)
    if task is None:
        task = find(_PROBLEM_COL, sources)
    name = find(_NAME_COL, {number, *sources})
    if task is not None and name is not None and name < task:
        task = name
    units, lead, co = find_last(_UNITS_COL), find_last(_LEAD_COL), find_last(_CO_COL)
    if units is None:
        units = find(_JOINED_COL)
    # "督导评估内容 | 督导评估要点 | 具体测评点 | A级标准 | … | 责任单位": an evaluation's finest column holds its tasks, the
    # first its categories.
    specific = next((i for i in reversed(range(len(row))) if _SPECIFIC_COL.search(row[i])), None)
    if task is not None and specific is not None and task < specific < (units if units is not None else len(row)):
        category, task = task, specific
    else:
        category = None
    # "责任单位 | 区教育局责任处（室）": the bureau's divisions beside the units answer with them.
    if units is not None and co is None:
        co = next((i for i in range(units + 1, len(row)) if _DIVISIONS_COL.fullmatch(row[i])), None)
    # "任务类型 | 序号 | 工作任务": a column of kinds heads the tasks of the text column after it.
    if task is not None and _KIND_COL.search(row[task]):
        taken = {number, units, lead, co, time, *sources}
        after = next((i for i in range(task + 1, len(row)) if i not in taken), None)
        if after is not None:
            category, task = task, after
    # Beside 事项 too, when a deadline column makes it work to do ("改革事项 | 部门 | 完成时限"), not a service's
    # processing time ("事项名称 | 部门 | 办理时限").
    if units is None and task is not None and (_DUTY_TASK_COL.search(row[task]) or (
            time is not None and not _SERVICE_TIME_COL.search(row[time]))):
        units = find(_BARE_UNITS_COL)
    if units is None and lead is None and task is not None and _DUTIES_COL.search(row[task]):
        units = find(_BARE_MEMBERS_COL)
    # "事项名称 | 实施主体 | 办理时限": a catalogue of services by who provides them, not work a plan assigns.
    if units is not None and re.search(r"行使|实施|执行", row[units]) and time is not None and _SERVICE_TIME_COL.search(row[time]):
        return None
    # The task column's own year ("2024年推进任务") makes no indicator table.
    indicator = find(_INDICATOR_COL, {task, units, *sources})
    if task is None or (units is None and lead is None) or find(_MEASURE_COL, {units}) is not None \
            or (indicator is not None and indicator < task) \
            or _INDICATOR_TASK_COL.match(row[task]):
        return None
    return Columns(len(row), number, task, units, lead, co, time, category=category, source=tuple(sorted(sources)))


def _clause(row: list[str], cols: Columns) -> str:
    def cell(i: int | None) -> str:
        # Names a cell lists on separate lines or with spaces: "政策法规处 局办公室".
        return re.sub(r"\s+", "、", _OFFICE_ASIDE.sub("", row[i].strip())) if i is not None and i < len(row) else ""

    parts = []
    if cell(cols.lead):
        parts.append(f"牵头单位：{cell(cols.lead)}")
    # "责任单位 | 配合单位": the units answer for the task, and are named before those who help.
    if cell(cols.units):
        parts.append(f"责任单位：{cell(cols.units)}")
    if cell(cols.co):
        parts.append(f"配合单位：{cell(cols.co)}")
    if cell(cols.time):
        parts.append(f"完成时限：{cell(cols.time)}")
    return f"（{'；'.join(parts)}）" if parts else ""


# "区党工委管委会办公室 （政策法规处）": a bracketed office after a space is the part of the name before it that acts;
# not "（1）市发改委 （2）市商务局" nor "市发改委 （各区配合）".
_OFFICE_ASIDE = re.compile(r"\s+(?=[（(][^（）()\d]{1,12}?(?:处|科|室|办|中心|站|所|队)[）)])")


def _merge(row: list[str], more: list[str]) -> list[str]:
    """A row whose last filled cell was cut after "、": the next line's cells continue it."""
    at = max(i for i, c in enumerate(row) if c)
    merged = row[: at + 1] + [""] * max(0, at + len(more) - len(row) + 1)
    merged[at] += more[0]
    for k, cell in enumerate(more[1:], start=at + 1):
        merged[k] = cell if k >= len(row) else row[k] + cell
    return merged


def rewrite_tables(lines: list[str]) -> list[str]:
    """Replace each task table by lines "N.任务（责任单位：…；完成时限：…）"; other lines pass through.

    A row cut after "、" or "，" continues on the next line; repeated header rows
    (a table continued on a new page) and page numbers inside a table are dropped;
    a row of one cell ("一、工业领域…") is a heading and stays a line of its own.
    """
    out: list[str] = []
    table: _Table | None = None
    for raw in lines:
        if table is None:
            # A table of two columns has a single separator: "单位|职责分工".
            row = cells(raw.strip())
            pair = row is None
            row = row or _pair(raw.strip())
            cols = header_columns(row) if row else None
            if cols is None:
                out.append(raw)
            else:
                table = _Table(cols, out, framed=raw.strip().startswith("|"), pair=pair)
        elif not table.feed(raw):
            table = None  # not a row of this table: the table has ended
            out.append(raw)
    if table is not None:
        table.close()
    return out


class _Table:
    """One task table being read, line by line, into `out`: a row is held back until the next line shows whether
    it continues that row, or is a row under it."""

    def __init__(self, cols: Columns, out: list[str], framed: bool, pair: bool = False) -> None:
        self.out = out
        self.framed = framed  # its rows open and close with a pipe, as its header does
        self.pair = pair  # two columns, one separator: a line without it continues a wrapped duty or ends the table
        self._start(cols)

    def _start(self, cols: Columns) -> None:
        self.header = cols  # as read: `cols` may move the task column (see `_category_column`)
        self.cols = cols
        self.last: list[str] | None = None  # the row read last, held back in case the next line continues it
        self.group: list[list[str]] = []  # the numbered row `last` belongs under, and its sub-rows before `last`
        self.counted = 0  # rows of a table without a 序号 column
        self.heading = ""  # the category cell last written out
        self.assigned: list[str] = []  # the unit and deadline cells of the last numbered row (merged cells repeat)

    def feed(self, raw: str) -> bool:
        """Read one line of the table; False when the line is none of its rows (the table ended before it)."""
        line = raw.strip()
        if not line or PAGE_NUMBER.match(line) or _RULE.match(line):
            return True
        if self.pair and "|" not in line:
            # A duty wrapped onto the next line ("…做好项目储备和" / "调度，牵头推进…。") goes on; prose ends the table.
            if (self.last is not None and not self.last[-1].endswith(("。", "；", ";")) and not _HEADING_LINE.match(line)
                    and (line.endswith(("。", "；", ";")) or "，" in line) and not re.match(r"^[^，。]{2,15}?(?:要|应|须)", line)):
                self.last = _merge(self.last, [line])
                return True
            self.close()
            return False
        row = cells(line, self.framed if "|" in line else None)
        if row is not None and not self.framed and len(row) > self.header.width:
            row = _unframed(line, self.header.width) or row
        # A row that opens with its number is a row, however its words read ("12 | 压实行业监管职责 | 主管部门").
        numbered = row is not None and _NUMBER_CELL.fullmatch(row[0]) is not None
        again = header_columns(row) if row is not None and not numbered else None
        if again is not None:
            # The header repeated after a page break, perhaps with an empty cell more, is the same table's.
            if replace(again, width=self.header.width) != self.header:
                # Another table's header (附件2 right after 附件1): the rows read so far end theirs.
                self.close()
                self._start(again)
            return True  # else the header again, after a page break
        if row is None:
            # A continuation may hold a single separator: "市生态环境局|2026年底前".
            row = [c.strip() for c in line.strip("|").split("|")] if "|" in line else [line]
        self.cols = _category_column(self.cols, row)
        row, self.assigned = _aligned(row, self.cols, self.assigned)
        last = self.last
        cut = last is not None and next(c for c in reversed(last) if c)[-1] in "、，"
        if last is not None and cut and not self.numbered(row) and not self.sub_row(row, (self.group or [last])[0]):
            self.last = _merge(last, [c for c in row if c] or [""])
            return True
        if last is not None:
            self.group.append(last)
            self.last = None
            if self.sub_row(row, self.group[0]):
                self.last = row
                return True
            self.emit_group(self.group)
            self.group = []
        if self.numbered(row) or len([c for c in row if c]) == 1:
            self.last = row
            return True
        return False

    def close(self) -> None:
        """Write out the row still held back."""
        if self.last is not None:
            self.emit_group([*self.group, self.last])
            self.last, self.group = None, []

    def task_cell(self, row: list[str]) -> int:
        """The cell the row's task opens in: the task column's, or, where a merged name left it empty ("| 2.允许改造
        厂房 | 区住建局" under "土地政策 | 1.设置用地 | …"), the first text cell after it."""
        cols = self.cols
        skip = _not_text(cols)
        if _cell(row, cols.task):
            return cols.task
        return next((i for i in range(cols.task + 1, len(row)) if i not in skip and row[i]), cols.task)

    def number_of(self, row: list[str]) -> str:
        cols = self.cols
        if cols.number is not None:
            return row[cols.number] if cols.number < len(row) else ""
        task = _cell(row, self.task_cell(row))
        m = _TASK_NUMBER.match(task)
        if m:
            return m.group(1)
        # A row with a task and a unit is a task even unnumbered (its task cell may be merged with the row above's,
        # its text in the next column); a lone cell is a heading.
        return str(self.counted + 1) if _text(row, cols, cols.task) and len([c for c in row if c]) >= 2 else ""

    def numbered(self, row: list[str]) -> bool:
        """Whether a row carries a task number (its 序号 cell, its task cell's "1.", or its place in the count)."""
        return _NUMBER_CELL.fullmatch(self.number_of(row)) is not None

    def head(self, row: list[str]) -> None:
        """A category cell beside the task ("一、加强…"), once, as the heading of the rows it spans."""
        cell = _cell(row, self.cols.category)
        if cell and cell != self.heading:
            self.out.append(cell)
            self.heading = cell

    def emit(self, row: list[str]) -> None:
        cols = self.cols
        self.head(row)
        number = self.number_of(row)
        if cols.number is None and _NUMBER_CELL.fullmatch(number) and cols.task < len(row):
            self.counted = int(number)
            at = self.task_cell(row)
            row = [_TASK_NUMBER.sub("", c) if i == at else c for i, c in enumerate(row)]
        if _NUMBER_CELL.fullmatch(number) and cols.task < len(row):
            task = _text(row, cols, cols.task)
            # "104 | 302电台迁建工程": "104、302…", not "104.302…", which reads as a decimal.
            self.out.append(f"{number}{'、' if task[:1].isdigit() else '.'}{task}。{_clause(row, cols)}")
        else:
            self.out.append(next(c for c in row if c))  # a category row: "一、工业领域设备更新"

    def emit_group(self, rows: list[list[str]]) -> None:
        """A numbered row, and the rows under it that leave the 序号 empty: each of those its own task."""
        cols = self.cols
        if len(rows) == 1:
            self.emit(rows[0])
            return
        # The numbered row's task cell heads its sub-rows, which become items (1), (2)… with their own units.
        first = rows[0]
        self.head(first)
        task = _cell(first, cols.task)
        self.out.append(f"{self.number_of(first)}.{task}")
        roles = [i for i in (cols.units, cols.lead, cols.co) if i is not None]
        above = first
        for k, row in enumerate(rows, start=1):
            if not any(_cell(row, i) for i in roles):  # its unit cells merged with the row above's
                row = [_cell(above, i) if i in roles else c for i, c in enumerate(row)]
            text = _text(row, cols, cols.task + 1 if k == 1 else cols.task) or task
            self.out.append(f"（{k}）{text}。{_clause(row, cols)}")
            above = row

    def sub_row(self, row: list[str], under: list[str]) -> bool:
        """A row under the numbered row `under`: its 序号 cell empty, text of its own and units that are not a
        figure ("小计 | 3项"); a category row ("二、营商环境") or a wrapped row with no units is none."""
        cols = self.cols
        if cols.number is None or _cell(row, cols.number) or not self.numbered(under):
            return False
        units = "".join(_cell(row, i) for i in (cols.units, cols.lead, cols.co) if i is not None)
        text = _text(row, cols, cols.task)
        if not text or _CATEGORY.match(text):
            return False
        if units:
            return not units[0].isdigit()
        # A row with every cell in its place, a numbered task of its own ("3.未对…考核工作的，扣2分。") and no units:
        # its unit cells merged with the row above's; not a wrapped row's fragments ("|  | 建设 |  | 前 |").
        return len(row) == cols.width and _TASK_NUMBER.match(text) is not None


def _aligned(row: list[str], cols: Columns, above: list[str]) -> tuple[list[str], list[str]]:
    """A numbered row, its cells under their columns, and what the next row inherits. A row that a merged cell
    (rowspan) left short has its longest cell for the task, the cells before it in the columns just before the
    task's and those after it in the columns after; where it names no unit, its unit and deadline cells are the
    row above's (`above`: the last numbered row, in these columns)."""
    n = cols.number
    if not row or row[-1][-1:] in ("、", "，"):
        return row, above  # a row cut after "、" is short because the next line continues it
    if n is None:
        return _shifted(row, cols), above
    if n > 0 and _NUMBER_CELL.fullmatch(row[0]) and not _NUMBER_CELL.fullmatch(_cell(row, n)):
        row = [""] * n + row  # "任务类型 | 序号 | …": a row opening with its number lost the cells before it
    if not _NUMBER_CELL.fullmatch(_cell(row, n)):
        return _under_merged(row, cols, above), above
    roles = [i for i in (cols.units, cols.lead, cols.co, cols.time) if i is not None]
    if len(row) < cols.width:
        rest = row[n + 1 :]
        # The task may sit in any of its text columns ("任务名称 | 任务内容": a merged name leaves the content), and
        # is the row's longest cell unless another reading puts more offices under the unit columns and times
        # under the time column ("乡镇区域土地综合整治 | 竖新镇 | 竖新镇全域土地综合整治。 | …" has longer cells after it).
        placements = [(_fit(p, cols), _task_likeness(rest[at]), p) for at in range(len(rest))
                      for task in _text_columns(cols) if (p := _placed(rest, at, task, n, cols.width)) is not None]
        if placements:
            placed = max(placements, key=lambda x: x[:2])[2]
            # Only a row with no units of its own lost them to a merged cell; one that names some left the
            # others empty ("12 | 强化人才支撑 | 市人社局", no 配合单位).
            units = [i for i in (cols.units, cols.lead, cols.co) if i is not None]
            inherited = {} if any(placed.get(i) for i in units) else \
                {i: _cell(above, i) for i in roles if i not in placed}
            row = [*row[: n + 1], *(placed.get(i, inherited.get(i, "")) for i in range(n + 1, cols.width))]
    return row, [_cell(row, i) if i in roles else "" for i in range(cols.width)]


def _under_merged(row: list[str], cols: Columns, above: list[str]) -> list[str]:
    """A row under a numbered one whose 序号 and task cells it shares (merged, so missing from it): "工作措施 | 完成时限 |
    牵头部门 | 主责单位" under "序号 | 重点任务 | 工作措施 | 完成时限 | 牵头部门 | 主责单位 | 协办单位". Its first cell, a
    measure, goes to a text column after the task's; the others follow in order, skipping only unit or time columns
    the numbered row filled (merged too: their cells are that row's), so that each lands where it reads: offices under
    unit columns, times under the time column. A row that fits no such way, or names no office, stays as it is."""
    n = cols.number
    filled = list(row)
    while filled and not filled[-1]:
        filled.pop()  # "——" (no unit) last: the placement is the filled cells'
    if n is None or not any(above) or len(filled) >= cols.width or len([c for c in filled if c]) < 2 \
            or _lists_offices(filled[0]) or _TIME_CELL.match(filled[0]):
        return row
    # Its first cell a measure's sentences ("严格露天焚烧监管。"), or a measure with its own time ("推进光伏建设 | 年底前
    # | …"); not figures that carry the row above on ("全区党政机关更新公务用车27辆 | …24辆 | …" under 2024年目标 |
    # 2025年目标: the numbered row's, wrapped).
    sentence = filled[0].endswith(("。", "；"))
    best: tuple[tuple[int, int], list[str]] | None = None
    for text in _text_columns(cols)[1:]:
        after = range(text + 1, cols.width)
        merged = [i for i in after if _cell(above, i)]  # only a merged cell, which the row above filled, leaves a gap
        for k in range(len(merged) + 1):
            for skipped in itertools.combinations(merged, k):
                at = [i for i in after if i not in skipped][: len(filled) - 1]
                if len(at) < len(filled) - 1 or (skipped and at and max(skipped) > at[-1]):
                    continue  # the cells do not reach that far, or the gap is after them (the same placement)
                placed = dict(zip((text, *at), filled, strict=True))
                # An office under the time column is a misplacement ("措施。| 区A局 | 区B局" when the time was merged).
                when = placed.get(cols.time, "") if cols.time is not None else ""
                if (when and not _TIME_CELL.match(when)) or (not sentence and not when):
                    continue
                scores = [_fit({i: c}, cols) for i, c in placed.items() if c]
                if sum(scores) <= 0 or not any(_lists_offices(placed.get(i, "")) for i in
                                               (cols.units, cols.lead, cols.co) if i is not None):
                    continue
                out = [placed.get(i, _cell(above, i) if i in skipped else "") for i in range(cols.width)]
                key = (sum(scores), -len(skipped))
                if best is None or key > best[0]:
                    best = (key, out)
    return row if best is None else best[1]


def _shifted(row: list[str], cols: Columns) -> list[str]:
    """A short row of a table without 序号, its cells spread over the columns in order, with gaps where merged or
    empty cells were: "2.完善规章标准 | 细化… | 区消防救援支队 | 各街道" under "类别 | 项目 | 主要任务 | 牵头单位 |
    配合单位" lost its 类别; "建设换电站10座 | 市交通局 | 2025年底前" under "工作任务 | 牵头单位 | 配合单位 | 完成时限"
    its 配合单位. Spread so that more offices sit under the unit columns and times under the time column than as it
    stands, with text left in a text column; among equal spreads, the text cells furthest right (merged cells head a
    table's rows) and the offices furthest left (a 牵头单位 before its 配合单位)."""
    if len(row) >= cols.width or len([c for c in row if c]) < 2:
        return row
    texts = _text_columns(cols)
    roles = [i for i in (cols.units, cols.lead, cols.co) if i is not None]
    first_role = min(roles, default=cols.width)
    # Columns after the last unit or time column (备注, 责任人) take no cell a short row moved: it lost them.
    reach = max(max([*roles, cols.time or 0]) + 1, len(row))
    numbered = [k for k, c in enumerate(row) if _TASK_NUMBER.match(c)]

    def fit(r: list[str]) -> int:
        return _fit({i: c for i, c in enumerate(r) if c}, cols)

    def key(r: list[str]) -> tuple[int, int, int]:
        filled = [i for i, c in enumerate(r) if c]
        return fit(r), sum(i for i in filled if i < first_role), -sum(i for i in filled if i in roles)

    spreads = []
    for at in itertools.combinations(range(reach), len(row)):
        if any(at[k] > cols.task for k in numbered):
            continue  # "2.加强路内停车管理" is the task's cell (or a name's before it), with its number
        spread = [""] * cols.width
        for i, cell in zip(at, row, strict=True):
            spread[i] = cell
        if any(spread[i] for i in texts) and fit(spread) > fit(row):
            spreads.append(spread)
    return max(spreads, key=key, default=row)


def _text_columns(cols: Columns) -> list[int]:
    """The task's column and the text columns right after it ("任务名称 | 任务内容", "重点任务 | 工作目标")."""
    other = {cols.units, cols.lead, cols.co, cols.time, cols.category, *cols.source}
    out = [cols.task]
    while out[-1] + 1 < cols.width and out[-1] + 1 not in other:
        out.append(out[-1] + 1)
    return out


def _placed(rest: list[str], at: int, task: int, n: int, width: int) -> dict[int, str] | None:
    """A short row's cells by column, its longest (`at`) in column `task`, the others beside it; None if they do
    not fit between the 序号 (`n`) and the row's end."""
    before = list(range(n + 1, task))[::-1][:at][::-1]
    after = list(range(task + 1, width))[: len(rest) - at - 1]
    if not rest or len(before) != at or len(after) != len(rest) - at - 1:
        return None
    return dict(zip([*before, task, *after], rest, strict=True))


def _fit(placed: dict[int, str], cols: Columns) -> int:
    """How well a placement reads: +1 for each office list under a unit column and time under the time column,
    −1 for anything else there."""
    score = 0
    for i, cell in placed.items():
        if i in (cols.units, cols.lead, cols.co):
            # A body named without its place ("丰台园管委会") may be a unit or work that ends like one: no evidence.
            score += 1 if _lists_offices(cell) else 0 if cell and all(ends_like_office(n) for n in split_top(cell, "、，,")) else -1
        elif i == cols.time:
            score += 1 if _TIME_CELL.match(cell) else -1
    return score


def _task_likeness(cell: str) -> tuple[bool, int]:
    """How a cell ranks as a short row's task: the longest, unless it only names offices ("市发改委、市工信局") or
    sets a time ("2024年12月底前"), which a long unit list or date beside a short task would otherwise win."""
    return not _lists_offices(cell) and not _TIME_CELL.match(cell), len(cell)


def _without_second_names(name: str) -> str:
    """A name without the offices it lists in brackets after it: "区委宣传部（区文明办、区政府新闻办）" → "区委宣传部"; not
    "各街镇全面开展分类（重点覆盖老旧小区）", whose bracket lists no offices."""
    m = re.search(r"（([^（）]*)）$", name)
    if m and all(ends_like_office(x) for x in split_top(m.group(1), "、，,")):
        return name[: m.start()]
    return name


def _lists_offices(cell: str) -> bool:
    """"市发改委、市工信局", "县卫健局", "各乡镇（街道）": offices' names and nothing else. One name needs its place
    ("新建乡镇卫生院" ends like an office and is a task)."""
    names = split_top(cell.rstrip("等"), "、，,；; ")
    # "各片区", "各学校": a short collective; not "各街道建立排查台账", a measure that opens with one.
    # A school beside offices is a unit of the list ("区教育局、教师进修校", "基教处、督导室、进修校").
    schools = len(names) >= 2 and any(ends_like_office(n) for n in names)
    # "各街道、镇": the 各 that opens the list is each bare level's after it.
    each = names[0].startswith("各") if names else False
    officeish = all(len(_without_second_names(n)) <= 16 and (ends_like_office(n) or COLLECTIVE.match(n)
                                                            or (n.startswith("各") and len(n) <= 6)
                                                            or (each and k and re.fullmatch(r"乡镇|镇|乡|街道|社区|村", n))
                                                            or (schools and re.search(r"(?:学校|学院|校)$", n)))
                    for k, n in enumerate(names))
    return bool(names) and officeish and (len(names) >= 2 or re.match(r"^(省|市|县|区|镇|乡|各)", names[0]) is not None
                                          or COLLECTIVE.match(names[0]) is not None)


# A city, county or district by its own name ("苏州市", "浦东新区"); not a kind of zone or a word that points to one.
# Kinds of area end as districts do ("老旧小区", "工业区", "核心区", "旅游景区", "中心市区", "连锁超市"): the character before
# the level says which (review, helper 526).
_CITY_BY_NAME = (r"(?![本全该各每]|相关|有关|所在|属地|试点|重点)[\u4e00-\u9fff]{2,4}"
                 r"(?:(?<![社景片辖小老城园业心验范发税市点])区|(?<![都超城])市|县)")


def by_name(name: str, cities: bool = True) -> bool:
    """A place by its own name ("曹家渡街道", "流水镇", and with `cities` "苏州市"): where a unit cell stands, its
    government; elsewhere as likely a task's words ("美丽街道", "特色城镇")."""
    return re.fullmatch(f"(?:{TOWN_BY_NAME})|(?:{STREET_BY_NAME})" + (f"|(?:{_CITY_BY_NAME})" if cities else ""),
                        name) is not None


def _category_column(cols: Columns, row: list[str]) -> Columns:
    """`cols`, or, where the task column holds a category heading ("一、…") and the next column a numbered task
    ("1.…"; the header named the first 工作任务 and the second 工作要求), the next column as the tasks'."""
    after = cols.task + 1
    if cols.number is not None or cols.category is not None or after in (cols.units, cols.lead, cols.co, cols.time):
        return cols
    if _CATEGORY.match(_cell(row, cols.task)) and _TASK_NUMBER.match(_cell(row, after)):
        return replace(cols, task=after, category=cols.task)
    return cols


def _cell(row: list[str], i: int | None) -> str:
    """Cell `i` of a row, or "" where the row is shorter."""
    return row[i] if i is not None and i < len(row) else ""


def _not_text(cols: Columns) -> set[int | None]:
    """The columns that hold no task text: the number, the units, the deadline, the sources."""
    return {cols.number, cols.units, cols.lead, cols.co, cols.time, *cols.source}


def _text(row: list[str], cols: Columns, start: int) -> str:
    """Every text column from `start` on (任务, 具体措施, 工作目标…), not the units or the deadline."""
    skip = _not_text(cols)
    return "。".join(c.rstrip("。") for i, c in enumerate(row) if i >= start and i not in skip and c)


# A table whose cells a web page flattened: "序号名称类型具体内容责任部门" on one line, then each row as
# "1重要指示…机制完善落实…" (number glued to the cells) and its last cell, the units, on the next line.
_FLAT_HEADER = re.compile(r"^(序号|编号).{2,60}?((?:责任|牵头|负责|主责)(?:单位|部门|处室|科室))$")
_FLAT_ROW = re.compile(r"^(\d{1,3})(?=[\u4e00-\u9fff“《（])")
_FLAT_CELL = re.compile(r"^[^。；：:]{2,60}$")


def rewrite_flat_tables(lines: list[str]) -> list[str]:
    """Rows of a flattened task table as "N.任务（责任单位：…）"; other lines pass through.

    Needs the header line (序号 first, a units column last), rows numbered 1, 2, 3… in order, and a
    short line after each row for its units; the first line that is neither ends the table.
    """
    out: list[str] = []
    expected = 0  # number of the next row; 0 outside a table
    key = ""
    row: str | None = None
    for raw in lines:
        line = raw.strip()
        if not expected:
            header = _FLAT_HEADER.match(line)
            out.append(raw)
            if header and "|" not in line and "\t" not in line:
                expected, key = 1, "牵头单位" if header.group(2).startswith("牵头") else "责任单位"
            continue
        m = _FLAT_ROW.match(line)
        if row is None and m and int(m.group(1)) == expected:
            row = line
            continue
        if row is not None and _FLAT_CELL.match(line) and not _FLAT_ROW.match(line):
            number = str(expected)
            out.append(f"{number}.{row[len(number):].rstrip('。')}。（{key}：{line}）")
            expected, row = expected + 1, None
            continue
        if row is not None:
            out.append(row)  # a numbered line without its units: not this kind of table after all
        expected, row = 0, None
        out.append(raw)
    if row is not None:
        out.append(row)
    return out
