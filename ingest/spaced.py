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


def _unit_cell(word: str, before: str) -> bool:
    """Whether a row's last word is one of its unit (or time) cells: offices ("区经发局、环土局按职责分工负责",
    "平潭气象局"), or after the sentence that ends the work, a short name of a body ("平潭港务站")."""
    names = split_top(_SHARED.sub("", word), "、，,")
    return bool(_lists_offices(_SHARED.sub("", word)) or _TIME_CELL.match(word)
                or (names and all(ends_like_office(n) and len(n) <= 16 for n in names))
                or (before.endswith("。") and len(word) <= 20 and not re.search(r"[，。；：:]", word)))


def _row(line: str, cols: Columns) -> list[str] | None:
    """A row's cells under `cols` with a 序号 cell first, or None for a line that is no row: its last words must be
    offices (or a time under a time column), the rest its task's text."""
    words = [w for w in line.split(" ") if w]
    roles = cols.width - min(i for i in (cols.units, cols.lead, cols.co, cols.time) if i is not None)
    tail: list[str] = []
    while words[1:] and len(tail) < roles and _unit_cell(words[-1], words[-2]):
        tail.insert(0, words.pop())
    if not tail or not words:
        return None
    number = _TASK_NUMBER.match(words[0])
    texts = cols.width - roles  # the task's column and the text columns after it
    if number:
        cells = [words[0][number.end():], " ".join(words[1:])][:texts]
    else:
        cells = ["", " ".join(words)]  # more work of the row above, in the column after its task
    cells += [""] * (texts - len(cells))
    return [number.group(1) if number else "", *cells[:texts], *tail, *[""] * (roles - len(tail))]


def rewrite_spaced_tables(lines: list[str]) -> list[str]:
    """Each space-separated task table as pipe rows under a header with a 序号 column; other lines pass through. A
    header is one only where a row (or a category row) follows it."""
    out: list[str] = []
    cols: Columns | None = None
    for k, raw in enumerate(lines):
        line = raw.strip()
        header = _header(line)
        following = next((x.strip() for x in lines[k + 1 :] if x.strip()), "")
        if header is not None and (_CATEGORY.match(following) or _row(following, header) is not None
                                   or _header(following) is not None):
            cols = header
            out.append(" | ".join(["序号", *line.split(" ")]))  # again after a page break: the reader drops it
            continue
        row = _row(line, cols) if cols is not None and line else None
        if row is not None:
            out.append(" | ".join(row))
        elif cols is not None and _CATEGORY.match(line):
            out.append(raw)  # a heading between rows: the table goes on under it
        else:
            cols = None
            out.append(raw)
    return out
