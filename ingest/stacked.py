"""Task tables a web page gave one cell per line: header cells on lines of their own, then each row from its 序号.

"序号 / 主要任务 / 节点 / 指标数 / 责任单位 / 配合单位" and then "1 / 创建达标分类小区 / 2018年 / 345个 / 各街道办事处 /
区文明办 区绿化市容局 / 2019年 / 440个": merged and empty cells are left out, so a row's lines are placed by what
they say (offices under the unit columns, times under the time column, the text before them right-aligned into the
text columns), and a row's later years ("2019年 / 440个") are its sub-rows. Each table becomes pipe rows for
`rewrite_tables` to read as any other.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace

from .patterns import ANNEX, number
from .tables import _KIND_COL, _TASK_NUMBER, _TIME_CELL, Columns, _lists_offices, by_name, header_columns
from .unit_names import ends_like_office, split_top

# A header cell: a short label ("序号", "任务 类型", "责任单位"); a number or a sentence is none.
_HEADER_CELL = re.compile(r"^[\u4e00-\u9fff（）()/、\s]{2,12}$")
_NUMBER_HEADER = re.compile(r"序号$|^编号$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
# Rows numbered in brackets under groups ("— / 构建产消平衡的处置体系 / （一） / 推动源头减量 / …", "二 / …"): the
# group's numeral stands alone on its line (a dash where a scan lost the stroke of 一), its title on the next.
_CN_ROW = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]$")
_GROUP_MARK = re.compile(r"^(?:[一二三四五六七八九十]{1,3}|[—－])$")
# A unit cell left empty: "——".
_EMPTY_CELL = re.compile(r"^[—－–\-/／]+$")
# Where a table's rows end: the next annex, a heading of the text or the next table's caption (see `_ends`).
_TABLE_END = re.compile(r"^(?:附[件表]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[章节条]"
                        r"|表\s*[\d一二三四五六七八九十]+|抄送|.*印发$)")
# A body item after a table inside item 1 ("2.加强宣传引导"), unless a group of rows follows it as its category.
_NEXT_ITEM = re.compile(r"^([2-9]|\d{2})[.．、]\s*\D")
# A group's category line between rows: "2. 分 类 运 输 与 转 运", "一、源头减量".
_CATEGORY_LINE = re.compile(r"^(?:\d{1,2}[.．、]|[一二三四五六七八九十]+、)\s*\D")
# A figure a time's cell is followed by: "345个", "24.3万户/682个", "4个街道".
_FIGURE_CELL = re.compile(r"^(?!20\d{2}\s*[年—\-－~至]|\d{1,2}[.．、]\D)[\d.,]+[^。；，]{0,20}$")
# A column of bare amounts: "总投资（亿元）", "计划投资（万元）", "资金规模".
_AMOUNT_HEADER = re.compile(r"投资|金额|资金|[（(](?:万元|亿元|个|台|人)[）)]")
# A column of the figures the task is to reach: "指标数", "目标值", "数量" (not "考核指标", "目标任务": text).
_FIGURE_HEADER = re.compile(r"(?:指标|目标)(?:数|值)|数量|数值")
# A column that dates a row: "完成时间", "时限", "节点".
_WHEN_HEADER = re.compile(r"时限|时间|进度|节点")


# Words a column's header ends with ("责任人", "完成时间", "进展情况", "备注"), which no row's category does ("市场准入").
_COLUMN_WORD = re.compile(r"(?:人|单位|部门|时间|时限|情况|备注|说明|进度|进展|要求|目标|内容|措施|名称|标准|依据|方式|状态|结果|期限"
                          r"|节点|类别|领域|类型|分类)$")
# State companies are units of these tables as often as offices: "区建设管理委（区水务局） 上海城投集团".
_COMPANY = re.compile(r"(集团|公司)$")


def _units_cell(cell: str, after_units: bool = False) -> bool:
    """A cell of offices, or of offices and companies led by an office; where a unit cell stands (right after another,
    the 配合单位 beside a 责任单位, or first after the row's time), a company's name alone is one too."""
    if _lists_offices(cell):
        return True
    names = split_top(cell, "、，,；; ")
    # Cities by name only beside an office that opens the cell ("上海市交通委员会、苏州市、嘉兴市"): alone after the units
    # they are where the work is done, a 实施区域 or 备注 cell (review, helper 526).
    led = len(names) >= 2 and ends_like_office(names[0])
    named = all(ends_like_office(n) or _COMPANY.search(n) or by_name(n, cities=led) for n in names)
    return named and (after_units or (len(names) >= 2 and _lists_offices(names[0])))


def _header_at(lines: list[str], i: int) -> tuple[list[str], Columns] | None:
    """The header cells starting at line i and their columns, or None."""
    run: list[str] = []
    for line in lines[i : i + 12]:
        if not _HEADER_CELL.match(line.strip()) or _CN_ROW.match(line.strip()):
            break  # a row's bracketed number ("（二）") ends the header cells
        run.append(re.sub(r"\s+", "", line))
    number = next((k for k, c in enumerate(run) if _NUMBER_HEADER.search(c)), None)
    # Before the 序号 only a column of categories ("类别"): not an annex's title nor names listed above the table.
    if len(run) < 3 or number is None or not all(_KIND_COL.search(c) for c in run[:number]):
        return None

    def labelled(cells: list[str]) -> list[str]:
        return ["序号" if k == number else c for k, c in enumerate(cells)]

    # Where category columns stand before the 序号, the first row's categories ("改革领域 / 序号 / 改革事项 / 落实推进单位
    # / 市场准入 / 1 / …") end the run of labels: they are no header cells where the header without them is whole.
    after = lines[i + len(run)].strip() if i + len(run) < len(lines) else ""
    if number and _row_number(after) is not None and len(run) - number > number + 2 \
            and not any(_COLUMN_WORD.search(c) for c in run[-number:]):
        whole, full = header_columns(labelled(run[:-number])), header_columns(labelled(run))
        # The cells dropped name no column the header reads.
        if whole is not None and whole.number == number and any(c is not None for c in (whole.units, whole.lead, whole.co)) \
                and (full is None or replace(full, width=whole.width) == whole):
            run = run[:-number]
    cells = labelled(run)
    cols = header_columns(cells)
    if cols is None or cols.number != number:
        return None
    return cells, cols


def _row_number(text: str) -> int | None:
    """The number a line opens a row with: "3", or "（三）" alone on its line."""
    if _ROW_NUMBER.match(text):
        return int(text)
    m = _CN_ROW.match(text)
    return number(m.group(1)) if m else None


def _group(row: list[str]) -> bool:
    """Whether a row's last two lines are the next group's numeral and title ("二 / 构建全链条全过程闭环管理体系")."""
    return len(row) >= 3 and _GROUP_MARK.match(row[-2]) is not None and _row_number(row[-1]) is None


def _rows(lines: list[str], amounts: bool, groups: int = 0) -> list[list[str]]:
    """The table's rows, each as its lines from its number on; a group's category line ("2. 分 类 运 输") before a
    row that restarts the numbering is no cell of the row above, and is dropped; a numbered group's title ("二 /
    构建…") is a row of one cell, "二、构建…", after the `groups` before the table. `amounts`: see `_Layout`."""
    rows: list[list[str]] = []
    expected = None  # a table in bracketed numbers may go on after a page break's header from any row
    for k, line in enumerate(lines):
        text = line.strip()
        # A number opens a row when it is the next one (or 1 again after a group's category line) and a task follows
        # it: a figure cell ("3" under 总投资（亿元）) has offices or times after it.
        nxt = lines[k + 1].strip() if k + 1 < len(lines) else ""
        n = _row_number(text)
        bracketed = n is not None and not text.isdigit()
        restart = n == 1 and (not rows or _CATEGORY_LINE.match(rows[-1][-1]) is not None or (bracketed and _group(rows[-1])))
        # Under a column of amounts the row before must have reached its units or time: a figure cell ("2" under
        # 总投资（亿元）) comes before them; elsewhere a row may have neither (merged cells).
        ended = not amounts or not rows or any(_units_cell(c) or _TIME_CELL.match(c) for c in rows[-1][1:])
        if n is not None and (n == (expected or 1) or restart or (bracketed and expected is None)) and nxt \
                and _row_number(nxt) is None and not _TIME_CELL.match(nxt) and ended:
            if n == 1 and rows:
                while len(rows[-1]) > 1 and _CATEGORY_LINE.match(rows[-1][-1]):
                    rows[-1].pop()
                if bracketed and _group(rows[-1]):
                    title, mark = rows[-1].pop(), rows[-1].pop()
                    groups = _group_number(mark, groups)
                    rows.append([f"{_NUMERALS[groups]}、{title}"])
            rows.append([text])
            expected = n + 1
        elif rows and text:
            rows[-1].append(text)
    return rows


_NUMERALS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] + [f"十{d}" for d in "一二三四五六七八九"]


def _group_number(mark: str, groups: int) -> int:
    """A group's number: its numeral, or the next after `groups` where a scan left a dash ("—" for 一)."""
    return number(mark) if mark[0] in "一二三四五六七八九十" else groups + 1


@dataclass(frozen=True)
class _Layout:
    """Where a table's cells go, read once from its header."""

    width: int
    number: int  # the 序号 column
    task: int
    roles: tuple[int, ...]  # the unit columns, in order (牵头, 责任, 配合 as the header has them)
    when: int | None  # the column that dates a row ("完成时间", "节点")
    figure_col: int | None  # "指标数 | 完成时限": the figure column right before the time column
    text_cols: tuple[int, ...]  # the text columns after the 序号, up to the first time or unit column
    amounts: bool  # a column of bare figures ("总投资（亿元）", "目标值"), whose cells may look like row numbers


def _layout(cells: list[str], cols: Columns) -> _Layout:
    """The layout of a table with these header cells and columns."""
    assert cols.number is not None
    number = cols.number
    roles = tuple(sorted(c for c in (cols.lead, cols.units, cols.co) if c is not None))
    when = next((k for k, c in enumerate(cells) if k > number and k not in roles and _WHEN_HEADER.search(c)), None)
    stop = min([k for k in (*roles, when) if k is not None and k > number], default=cols.width)
    figure_col = when - 1 if when is not None and when - 1 > number and _FIGURE_HEADER.search(cells[when - 1]) else None
    text_cols = tuple(k for k in range(number + 1, stop) if k not in cols.source and k != figure_col)
    amounts = any(_AMOUNT_HEADER.search(c) or _FIGURE_HEADER.search(c) for c in cells)
    return _Layout(cols.width, number, cols.task, roles, when, figure_col, text_cols, amounts)


def _placed(row: list[str], lay: _Layout) -> list[str]:
    """One row's lines as a pipe row of the header's width."""
    number, roles, when, text_cols = lay.number, list(lay.roles), lay.when, lay.text_cols
    out = [""] * lay.width
    out[number] = str(_row_number(row[0]))
    # "区建设管理委 （区水务局）": a name's second name in brackets after a space is part of it.
    rest = [_and_listed(c) for c in _joined([re.sub(r"\s+(?=[（(])", "", c) for c in row[1:]])]
    # The row's first cell is its task (or a text before it), even one that ends like an office: "区第二人民医院"
    # under 项目名称.
    # A lone name that ends like an office ("公安青浦分局") is the first unit cell when unit cells or an empty one
    # ("——") follow it, or it ends the row, and the text columns before it are filled ("医疗设施改造 / 青浦区中医医院 /
    # 区卫健委": the hospital is the content).
    first = next((k for k, c in enumerate(rest) if k and (
        _units_cell(c) or _TIME_CELL.match(c)
        or (k >= len(text_cols) and _units_cell(c, True)
            and (k + 1 == len(rest) or _units_cell(rest[k + 1], True) or _EMPTY_CELL.match(rest[k + 1]))))),
        len(rest))
    texts, rest = rest[:first], rest[first:]
    # The text cells go to the text columns right-aligned, since a merged cell heads a table's rows and the cells
    # missing are the first ones; under a figure column before the time column, the figure waits for its time.
    figure_first = lay.figure_col is not None
    pending = texts.pop() if figure_first and texts and _FIGURE_CELL.match(texts[-1]) else ""
    if texts and text_cols:
        if len(texts) > len(text_cols):
            texts = [*texts[: len(text_cols) - 1], _one_cell(texts[len(text_cols) - 1 :])]
        for k, t in zip(text_cols[len(text_cols) - len(texts) :], texts, strict=True):
            out[k] = t
    # Then a time and the figure it dates ("2018年" "345个") in the time column, offices into the unit columns in
    # order; a later time opens a sub-row, its figure and offices added to the row's.
    years: list[str] = []
    extra: list[str] = []
    free = list(roles)
    # Where the time column comes before the unit columns, the cell right after the row's first time is its units.
    time_first = when is not None and when < min(roles, default=0)
    after_units = False
    for k, c in enumerate(rest):
        if _EMPTY_CELL.match(c):  # a unit column left empty ("——") takes its place
            if free:
                free.pop(0)
            after_units = True
            continue
        if not free and roles and not years and not _units_cell(c, after_units) and not _TIME_CELL.match(c):
            # Text after every unit column is filled is a line of work under the same task with units of its own
            # (a merged 工作任务 cell over two rows): its units go to the role columns again.
            free = list(roles)
            after_units = False
        after_units = _units_cell(c, after_units or k == 0 or (time_first and len(years) == 1 and free == roles))
        if after_units:
            at = free.pop(0) if free and len(years) <= 1 else (roles[-1] if roles else None)
            if at is not None:
                out[at] = "、".join(x for x in (out[at], *split_top(c, " ")) if x)
        elif _TIME_CELL.match(c):
            years.append(c + pending)
            pending = ""
        elif _FIGURE_CELL.match(c) and figure_first:
            pending = c  # "指标数 | 完成时限": the figure before the time it is to be reached by
        elif years and _FIGURE_CELL.match(c):
            years[-1] += c
        else:
            extra.append(c)  # an amount, a 备注: a cell no rule above places
    if pending:
        extra.append(pending)
    # Times alone are the row's deadline; times with figures ("2018年345个") are what the task is to reach by
    # then, written after it so the figures keep their task's words: "创建达标分类小区：2018年345个；2019年440个".
    dated = any(not _TIME_CELL.match(y) for y in years)
    if years and when is not None and not dated:
        out[when] = "；".join(years)
    elif years and text_cols:
        task = text_cols[-1]
        out[task] = "：".join(x for x in (out[task].rstrip("。"), "；".join(years)) if x)
    # Cells no rule placed fill the columns left empty that are neither text, unit nor time ("计划投资（万元）", "备注"),
    # in order; any left over join the task's text.
    others = [k for k in range(number + 1, lay.width) if k not in text_cols and k not in roles and k != when and not out[k]]
    for k, c in zip(others, extra):
        out[k] = c
    if len(extra) > len(others):
        at = text_cols[-1] if text_cols else lay.task
        parts = [x for x in (out[at], *extra[len(others) :]) if x]
        out[at] = "。".join(x.rstrip("。") for x in parts) + ("。" if parts[-1].endswith("。") else "")
    return out


def _one_cell(lines: list[str]) -> str:
    """A cell's lines as one text; a list in it ("1. 强化…" / "2. 紧扣…") numbered in brackets, "（1）强化…；（2）紧扣…",
    so that no list number reads as the row's own ("6.1.进一步…" is no item 6)."""
    listed = len(lines) >= 2 and all(_TASK_NUMBER.match(x) for x in lines)
    if listed:
        return "；".join(_TASK_NUMBER.sub(lambda m: f"（{m.group(1)}）", x).rstrip("。；") for x in lines) + "。"
    return "。".join(x.rstrip("。") for x in lines) + ("。" if lines[-1].endswith("。") else "")


def _and_listed(cell: str) -> str:
    """"…、区城管执法局和属地街镇": a list of offices whose last two a 和 joins, as a list."""
    listed = re.sub(r"和(?=[^、和]+$)", "、", cell)
    return listed if listed != cell and _units_cell(listed) else cell


def _joined(cells: list[str]) -> list[str]:
    """A unit's name broken over two lines ("区土方工作 / 专班") as one cell."""
    out: list[str] = []
    for c in cells:
        if out and len(out[-1]) <= 10 and re.fullmatch(r"[\u4e00-\u9fff]+", out[-1] + c) and not _units_cell(out[-1]) \
                and not _units_cell(c) and _units_cell(out[-1] + c):
            out[-1] += c
        else:
            out.append(c)
    return out


def _ends(lines: list[str], k: int, bracketed: bool = False) -> bool:
    """Whether line k is past the table's rows: an annex or a heading of the text, a body item that no row follows
    as its category, or the header of another table. In a table whose rows are numbered in brackets (`bracketed`)
    such a number alone on its line is a row's."""
    text = lines[k].strip()
    if (_TABLE_END.match(text) and not (bracketed and _CN_ROW.match(text))) or ANNEX.match(text) or (_HEADER_CELL.match(text) and _header_at(lines, k) is not None):
        return True
    item = _NEXT_ITEM.match(text)
    if item is None:
        return False
    # Not a group's category with rows after it, nor the next line of a list inside a cell ("1.…" / "2.…").
    after = next((t for line in itertools.islice(lines, k + 1, None) if (t := line.strip()) and not _CATEGORY_LINE.match(t)), "")
    before = next((t for j in range(k - 1, -1, -1) if (t := lines[j].strip())), "")
    # A list line with sentences of its own still is one where the list, in a row that has not reached its units,
    # ends in the row's unit cell ("1 / 1. 强化…。… / 2. 紧扣…。… / 区绿化市容局"); never one that states its own units
    # ("3.加强宣传引导。…（责任单位：区文明办）").
    listed = re.match(rf"{int(item.group(1)) - 1}[.．、]", before) is not None \
        and not re.search(r"[（(](?:责任|牵头|配合|主责|负责)", text) \
        and ("。" not in text.rstrip("。") or _cell_list_ends_in_units(lines, k))
    return not _ROW_NUMBER.match(after) and not listed


def _cell_list_ends_in_units(lines: list[str], k: int) -> bool:
    """Whether the numbered list line k is inside a row's cell: no unit cell since the row's number above it, and the
    first line after the list (not a heading) is one."""
    for j in range(k - 1, -1, -1):
        text = lines[j].strip()
        if _row_number(text) is not None:
            break
        if _units_cell(text):
            return False
    after = next((t for line in itertools.islice(lines, k + 1, None) if (t := line.strip()) and not _TASK_NUMBER.match(t)), "")
    return _units_cell(after, True)  # where the row's unit cell stands: "静安寺街道" too


def _leading_cells(rows: list[list[str]], before: list[str], n: int, from_rows: bool) -> tuple[list[list[str]], list[str]]:
    """Where `n` category columns stand before the 序号 ("改革领域 | 序号 | 改革事项 | 落实推进单位"), a row's first cells
    are the lines right before its number: the end of the lines before the table, or of the row above, where they are
    labels ("市场准入") and no unit or time cell; from the row above only where `from_rows` (the unit column ends the
    header: elsewhere a short cell after the units is the row's own, "已完成"). Each row's leading cells, and the lines
    before the table without them."""
    def label(line: str) -> bool:
        return _HEADER_CELL.match(line) is not None and not _units_cell(line) and not _TIME_CELL.match(line) \
            and _row_number(line) is None

    def take(cells: list[str], keep: int, after_units: bool) -> list[str]:
        k = 0
        while k < n and len(cells) - k > keep and label(cells[-1 - k]):
            k += 1
        # From a row only after its unit cell: a row whose last line is the cell a test does not know for one
        # ("静安置业集团", where categories are merged) keeps it.
        if not k or (after_units and not _units_cell(cells[-1 - k], True)):
            return []
        taken = cells[len(cells) - k :]
        del cells[len(cells) - k :]
        return taken

    before = list(before)
    leads = [take(before, 0, False)]
    for row in rows[:-1]:
        # A group's title row ("二、…") has no cells of its own to give.
        leads.append(take(row, 2, True) if from_rows and _row_number(row[0]) is not None else [])
    return leads, before


def rewrite_stacked_tables(lines: list[str]) -> list[str]:
    """Replace each task table laid out one cell per line by its header and rows as pipe rows."""
    out: list[str] = []
    groups = 0  # the numbered groups of rows so far: a table broken by a page's header goes on with them
    last_end = -1  # where the last table's rows ended
    i = 0
    while i < len(lines):
        found = _header_at(lines, i) if _HEADER_CELL.match(lines[i].strip()) else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        cells, cols = found
        start = i + len(cells)
        if i != last_end:
            groups = 0  # another table, not this one's rows after a page's header
        numbered = next((t for line in lines[start : start + 4] if _row_number(t := line.strip()) is not None), "")
        bracketed = _CN_ROW.match(numbered) is not None
        end = next((k for k in range(start, len(lines)) if _ends(lines, k, bracketed)), len(lines))
        body = lines[start:end]
        first = next((k for k, line in enumerate(body) if _row_number(line.strip()) is not None), None)
        lay = _layout(cells, cols)
        before = [line.strip() for line in body[:first] if line.strip()] if first is not None else []
        opening = first is not None and _CN_ROW.match(body[first].strip()) is not None and len(before) >= 2 \
            and _group(["", *before[-2:]])
        # The first group's numeral and title, right before its first row.
        mark, title = before[-2:] if opening else ("", "")
        ahead = _group_number(mark, groups) if opening else groups
        rows = _rows(body[first:], lay.amounts, ahead) if first is not None else []
        if not rows:  # no row opens under the header ("2" where 1 should be): its lines are text
            out.append(lines[i])
            i += 1
            continue
        groups = ahead
        before = before[:-2] if opening else before
        last_units = bool(lay.roles) and max(lay.roles) == lay.width - 1
        leads, before = _leading_cells(rows, before, lay.number, last_units) if lay.number else ([[]] * len(rows), before)
        # Lines between the header and the first row other than a group's category (a note, a unit of measure) are
        # kept, before the table they would break.
        out.extend(line for line in before if not _CATEGORY_LINE.match(line))
        out.append("| " + " | ".join(cells) + " |")
        if opening:
            out.append("| " + " | ".join([f"{_NUMERALS[groups]}、{title}"] + [""] * (len(cells) - 1)) + " |")
        for row, lead in zip(rows, leads, strict=True):
            if _row_number(row[0]) is None:  # a group's title
                groups = number(row[0].split("、", 1)[0])
                out.append("| " + " | ".join([row[0]] + [""] * (len(cells) - 1)) + " |")
            else:
                placed = _placed(row, lay)
                placed[lay.number - len(lead) : lay.number] = lead
                out.append("| " + " | ".join(placed) + " |")
        i = last_end = end
    return out
