"""Task tables a web page flattened to one line per row with single spaces between the cells ("重点任务 工作措施 牵头单位
参与单位" / "7.优化能源结构 积极稳妥发展…比重。 区经发局"), rewritten as pipe rows with a 序号 column for
`rewrite_tables` to read as any other: a row's number opens its task cell, and a row without one carries more work
of the numbered row above, with units of its own (a sub-row)."""
from __future__ import annotations

import re

from .tables import _TASK_NUMBER, _TIME_CELL, Columns, _lists_offices, header_columns
from .unit_names import ends_like_office, split_top

# A header's cells: short words ("重点任务", "牵头单位"), nothing a sentence would hold.
_HEADER_CELL = re.compile(r"[\u4e00-\u9fff（）()/、]{2,8}")
# "区经发局、环土局按职责分工负责": a lead cell that says the units share the work is a list of offices all the same.
_SHARED = re.compile(r"(?:按职责)?(?:分工)?(?:负责|落实)$")
# A category row between the table's rows: "一、调整优化产业结构，推进产业绿色发展".
_CATEGORY = re.compile(r"^[一二三四五六七八九十]+、")
# A line that opens with another kind of number ("（一）", "（1）", "第三条"): the text's own, past the table's rows.
_OTHER_NUMBER = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|第[一二三四五六七八九十]+[章条节])")


def _header(line: str) -> Columns | None:
    """The columns of a space-separated header whose unit (and time) columns come last."""
    words = line.split(" ")
    if len(words) < 3 or not all(_HEADER_CELL.fullmatch(w) for w in words):
        return None
    cols = header_columns(words)
    if cols is None or cols.number is not None:
        return None
    roles = sorted(i for i in (cols.units, cols.lead, cols.co, cols.time) if i is not None)
    return cols if roles == list(range(cols.width - len(roles), cols.width)) else None


def _offices(word: str, before: str) -> bool:
    """A unit cell: offices ("区经发局、环土局按职责分工负责"), or bodies by name that no place names ("平潭港务站",
    "平潭气象局") after the sentence that ends the work or another unit cell — not work that ends like a body
    ("新建垃圾中转站", "改扩建乡镇卫生院")."""
    names = split_top(_SHARED.sub("", word), "、，,")
    return bool(names) and (_lists_offices(_SHARED.sub("", word)) or (
        all(ends_like_office(n) and len(n) <= 16 for n in names)
        and (before.endswith("。") or _lists_offices(_SHARED.sub("", before)))))


def _row(line: str, cols: Columns) -> list[str] | None:
    """A row's cells under `cols` with a 序号 cell first, or None for a line that is no row: its last words are its
    unit cells (offices) and time cell, each under its column, the rest its task's text; a row without a number
    holds sentences of work."""
    words = [w for w in line.split(" ") if w]
    units = [i for i in (cols.lead, cols.units, cols.co) if i is not None]
    first_role = min([*units, *([cols.time] if cols.time is not None else [])])
    cells: dict[int, str] = {}
    offices: list[str] = []
    while len(words) > 1:
        if cols.time is not None and cols.time not in cells and _TIME_CELL.match(words[-1]):
            cells[cols.time] = words.pop()  # on either side of the unit cells, as the header has it
        elif _offices(words[-1], words[-2]):
            offices.insert(0, words.pop())
        else:
            break
    if not offices and cols.time not in cells:
        return None
    # More unit cells than unit columns: "区环土局 区经发局" under one 责任单位 column is one list.
    while len(offices) > len(units) and len(offices) > 1:
        offices[:2] = ["、".join(offices[:2])]
    for i, cell in zip(units, offices, strict=False):
        cells[i] = cell
    number = _TASK_NUMBER.match(words[0])
    text = " ".join(words[1:]) if number else " ".join(words)
    if not number and not (text.endswith(("。", "；")) and len(text) >= 8):
        return None  # a sub-row holds sentences of work, not a signature's names
    texts = [words[0][number.end():], text] if number else ["", text]
    row = [number.group(1) if number else "", *texts[:first_role]]
    row += [""] * (first_role + 1 - len(row))
    return row + [cells.get(i, "") for i in range(first_role, cols.width)]


def rewrite_spaced_tables(lines: list[str]) -> list[str]:
    """Each space-separated task table as pipe rows under a header with a 序号 column; other lines pass through. A
    header is one only where a numbered row (or a category row) follows it."""
    out: list[str] = []
    cols: Columns | None = None
    numbered = False  # whether a numbered row came since the header: a sub-row needs one above it
    for k, raw in enumerate(lines):
        line = raw.strip()
        header = _header(line)
        following = next((x.strip() for x in lines[k + 1 :] if x.strip()), "")
        if header is not None and not re.search(r"[|\t]", following) and (
                header == cols  # the table's header again after a page break, whatever row goes on below it
                or _CATEGORY.match(following) or (_TASK_NUMBER.match(following) and _row(following, header) is not None)
                or _header(following) is not None):
            numbered = numbered and cols == header  # the header again after a page break goes on with the table
            cols = header
            out.append(" | ".join(["序号", *line.split(" ")]))  # again after a page break: the reader drops it
            continue
        row = _row(line, cols) if cols is not None and line and not _OTHER_NUMBER.match(line) else None
        if row is not None and (row[0] or numbered):
            numbered = True
            out.append(" | ".join(row))
        elif cols is not None and _CATEGORY.match(line) and _row(line, cols) is None:
            out.append(raw)  # a heading between rows: the table goes on under it
        else:
            cols, numbered = None, False
            out.append(raw)
    return out
