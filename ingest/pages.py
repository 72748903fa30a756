"""Pages of a PDF an extractor gave one line each, its wrapped lines joined by spaces ("…特制定本 行动计划。 一、总体要求
（一）基本原则 政府引导，…"), split again where a heading opened a line of the page; and the running header each page
opens with ("重庆市人民政府办公厅文件 分调动市场…"), the letterhead again, dropped."""
from __future__ import annotations

import re

# A heading's number, after the space a wrapped line left: "一、", "（一）", "（1）", "1." (not "2025 年", "19 号").
_MARKER = re.compile(r"(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|[（(]\d{1,2}[）)]|\d{1,2}[.．](?!\d))")
# A space between two pieces of Chinese text: where the page wrapped a line (a space beside a figure is typesetting).
_WRAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：“”（）〔〕《》])\s(?=[\u4e00-\u9fff，。、；：“”（）〔〕《》])")
# A space a heading's number follows, after Chinese text: where a line of the page may have opened with a heading.
_BEFORE_MARKER = re.compile(rf"(?<=[\u4e00-\u9fff，。、；：“”（）〔〕《》])\s(?={_MARKER.pattern})")
# Where a line of the page ended its sentence or clause, so the next may open a heading.
_ENDED = "。；：！？）〕」”"


def _flattened(line: str) -> bool:
    """A page on one line: most of its pieces between wrap spaces are a PDF line's width (some 15–60 characters), and
    at least three; not a table row, a paragraph with a few spaced names in it ("陈 华"), nor a line with stray spaces
    inside its words ("3.构 建一体化…")."""
    if "|" in line:
        return False
    pieces = [len(p) for p in _WRAP.split(line)]
    lines = sum(15 <= n <= 60 for n in pieces[:-1])  # the last piece ends the page wherever it ends
    return lines >= 3 and lines * 2 >= len(pieces) - 1


def _heading_end(line: str, start: int, width: int) -> int | None:
    """Where the heading line that opens at `start` ended: the first wrap space, when the line is well short of the
    page's width (a heading stops short; a paragraph runs to the width)."""
    marker = _MARKER.match(line, start)
    m = _WRAP.search(line, (marker.end() if marker else start) + 2)  # a heading has words after its number
    if m is None or m.start() - start >= width * 4 // 5 or re.search(r"[，。；]", line[start : m.start()]):
        return None
    return m.start()


def _width(line: str) -> int:
    """The width the page wrapped its lines at: the most common length between wrap spaces."""
    cuts = [0, *(m.end() for m in _WRAP.finditer(line))]
    lengths = sorted(b - a for a, b in zip(cuts, cuts[1:], strict=False))
    return lengths[len(lengths) * 3 // 4] if lengths else 0


def _split_page(line: str) -> list[str]:
    """A page's line cut before each heading that opened a line of it, and after each heading line that ended short."""
    width = _width(line)
    cuts: list[int] = []
    if _MARKER.match(line) and (end := _heading_end(line, 0, width)) is not None:
        cuts.append(end)  # the page opens with a heading line
    for m in _BEFORE_MARKER.finditer(line):
        if line[m.start() - 1] in _ENDED or (cuts and cuts[-1] == m.start()):
            cuts.append(m.end())
            if (end := _heading_end(line, m.end(), width)) is not None:
                cuts.append(end)
    bounds = [0, *sorted(set(cuts)), len(line)]
    return [line[a:b].strip() for a, b in zip(bounds, bounds[1:], strict=False) if line[a:b].strip()]


def split_flattened_pages(lines: list[str]) -> list[str]:
    """Each page flattened to a line, split at its headings, without the running header that opens it."""
    top = {line.strip() for line in lines[:5] if 4 <= len(line.strip()) <= 30 and " " not in line.strip()}
    out: list[str] = []
    for line in lines:
        if not _flattened(line):
            out.append(line)
            continue
        head = line.split(" ", 1)[0]
        if head in top:  # "重庆市人民政府办公厅文件 （一）科学规划布局…": the letterhead again, atop the page
            line = line[len(head) + 1 :]
        out.extend(_split_page(line))
    return out
