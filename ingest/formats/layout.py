"""Fixed-layout pages (PDF, OFD) to plan text: lines in reading order, ruled tables as tab rows,
running headers, footers and page numbers dropped, lines a page wrapped joined back into paragraphs."""
from __future__ import annotations

import bisect
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from ..patterns import PAGE_NUMBER

# Coordinates are y-down (top of the page is 0) in whatever unit the format uses; sizes in the same unit.


@dataclass(frozen=True)
class Glyph:
    """One character (or ligature) placed on a page."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str


@dataclass(frozen=True)
class Rule:
    """A drawn horizontal or vertical stroke (table borders), as its bounding box."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Page:
    """What a page shows: its size, its characters and its ruling strokes."""

    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)


@dataclass
class Line:
    """A line of text, or a table row (cells set)."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    cells: list[str] | None = None
    region: int = 0  # 0: the page's text column; n: the n-th boxed region (a 专栏 frame)
    table: int = -1  # index of the table a row belongs to on its page
    cut: bool = False  # a table row without its bottom rule: it goes on on the next page
    short: list[bool] | None = None  # per cell: its last line stopped short (a break on purpose, if it goes on)


# Fonts that share one glyph between a CJK radical and the ideograph make PDF writers (Chrome's
# among them) map the glyph to the radical's code point: "⻘川市⼈⺠政府" for "青川市人民政府".
# Kangxi radicals (U+2F00-2FD5) fold with NFKC; the supplement (U+2E80-2EF3) has no decomposition,
# so its table comes from the glyphs Noto CJK SC shares (Unicode's EquivalentUnifiedIdeograph data).
_RADICALS = str.maketrans(
    "⺂⺃⺅⺉⺋⺎⺏⺐⺒⺓⺔⺕⺖⺘⺙⺛⺞⺠⺡⺣⺤⺦⺨⺫⺭⺯⺰⺱⺲⺳⺹⺺⺾⻁⻂⻃⻅⻆⻈⻉⻋⻌⻐⻑⻒⻓⻔⻖⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻮⻯⻰⻱⻲⼾",
    "乛乚亻刂㔾兀尣尢巳幺彑彐忄扌攵旡歺民氵灬爫丬犭罒礻糹纟罓罒㓁耂肀艹虎衤覀见角讠贝车辶钅長镸长门阝青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐齿竜龙龜亀户",
)


def unify_ideographs(text: str) -> str:
    """Radical code points a PDF writer chose for shared glyphs, back to the ideographs they show."""
    text = text.translate(_RADICALS)
    if any("\u2f00" <= c <= "\u2fd5" for c in text):
        text = "".join(unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fd5" else c for c in text)
    return text


# ---- lines -----------------------------------------------------------------------------------


def _is_ascii_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _text_of(glyphs: list[Glyph]) -> str:
    """Glyphs of one line, left to right, with spaces (or a tab for a wide gap) where the gaps say so."""
    out: list[str] = []
    prev: Glyph | None = None
    for g in glyphs:
        if g.text.isspace():
            if out and out[-1] not in " \t":
                out.append(" ")  # a space the writer drew; its width is no gap to measure again
            prev = g
            continue
        if prev is not None and not prev.text.isspace():
            if g.text == prev.text and g.x0 - prev.x0 < 0.3 * max(g.size, 1e-6):
                continue  # the same glyph drawn twice with a small offset: simulated bold
            gap = g.x0 - prev.x1
            em = max(g.size, prev.size, 1e-6)
            if gap >= 3 * em:
                out.append("\t")
            elif gap > 0.18 * em:  # a space is 0.2-0.33 em wide; letters and justified CJK sit closer
                out.append(" ")
        out.append(g.text)
        prev = g
    return "".join(out)


def build_lines(glyphs: list[Glyph], strip: bool = True) -> list[Line]:
    """Group glyphs into lines by vertical overlap, each read left to right."""
    rows: list[list[Glyph]] = []
    spans: list[tuple[float, float]] = []
    for g in sorted(glyphs, key=lambda g: ((g.top + g.bottom) / 2, g.x0)):
        if rows:
            top, bottom = spans[-1]
            overlap = min(bottom, g.bottom) - max(top, g.top)
            if overlap >= 0.5 * min(bottom - top, g.bottom - g.top):
                rows[-1].append(g)
                spans[-1] = (min(top, g.top), max(bottom, g.bottom))
                continue
        rows.append([g])
        spans.append((g.top, g.bottom))
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x0)
        text = _text_of(row).strip(" ") if strip else _text_of(row).lstrip(" ")
        if text.strip():
            size = statistics.median(g.size for g in row)
            lines.append(Line(row[0].x0, max(g.x1 for g in row), min(g.top for g in row), max(g.bottom for g in row), size, text))
    return lines


# ---- tables ----------------------------------------------------------------------------------

_TOL = 2.0  # how far apart two strokes may be and still meet (in page units; PDF points, OFD mm scaled)


@dataclass
class _Grid:
    x0: float
    top: float
    x1: float
    bottom: float
    bands: list[tuple[float, float, list[float]]]  # (top, bottom, column edges) per row
    open_bottom: bool = False  # no rule under the last row: a page break cut it


def _segments(rules: list[Rule], tol: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) strokes, collinear pieces merged."""
    hs, vs = [], []
    for r in rules:
        w, h = r.x1 - r.x0, r.bottom - r.top
        if h <= tol * 1.5 and w > tol:
            hs.append(((r.top + r.bottom) / 2, r.x0, r.x1))
        elif w <= tol * 1.5 and h > tol:
            vs.append(((r.x0 + r.x1) / 2, r.top, r.bottom))

    def merge(segs: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
        out: list[tuple[float, float, float]] = []
        for pos, a, b in sorted(segs):
            if out and abs(out[-1][0] - pos) <= tol and a <= out[-1][2] + tol:
                out[-1] = (out[-1][0], out[-1][1], max(out[-1][2], b))
            else:
                out.append((pos, a, b))
        return out

    return merge(hs), merge(vs)


def _clusters(values: list[float], tol: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def find_grids(rules: list[Rule], tol: float = _TOL) -> list[_Grid]:
    """Ruled tables: groups of horizontal and vertical strokes that meet, as row bands with their column edges."""
    hs, vs = _segments(rules, tol)
    n = len(hs) + len(vs)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, hx0, hx1) in enumerate(hs):
        for j, (x, vy0, vy1) in enumerate(vs):
            if hx0 - tol <= x <= hx1 + tol and vy0 - tol <= y <= vy1 + tol:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(hs)):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(len(vs)):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(j)
    grids = []
    for hi, vi in groups.values():
        if not hi or len(vi) < 2:
            continue
        # A row a page break cut has no border on its open side: the verticals' ends stand in for it.
        drawn = _clusters([hs[i][0] for i in hi], tol)
        ys = _clusters(drawn + [min(vs[j][1] for j in vi), max(vs[j][2] for j in vi)], tol)
        if len(ys) < 2:
            continue
        open_bottom = ys[-1] - drawn[-1] > tol
        x0 = min(min(hs[i][1] for i in hi), min(vs[j][0] for j in vi))
        x1 = max(max(hs[i][2] for i in hi), max(vs[j][0] for j in vi))
        bands = []
        for top, bottom in zip(ys, ys[1:]):
            mid = (top + bottom) / 2
            edges = _clusters([vs[j][0] for j in vi if vs[j][1] - tol <= mid <= vs[j][2] + tol], tol)
            bands.append((top, bottom, edges if len(edges) >= 2 else [x0, x1]))
        grids.append(_Grid(x0, ys[0], x1, ys[-1], bands, open_bottom))
    return grids


def _join_wrapped(parts: list[str]) -> str:
    """Lines of one cell joined: CJK wraps anywhere, so only Latin words (or a line that ended on a space) get a space back."""
    out = ""
    for part in parts:
        if out and _is_ascii_word(out[-1]) and _is_ascii_word(part[:1]):
            out += " "
        out += part
    return re.sub(r" {2,}", " ", out)


_NO_LINE_START = set("，。、；：！？）》〕】”’,.;:!?)")
_OPENING = set("（《〔【“‘(")


def _cell_text(lines: list[Line], left: float, right: float) -> tuple[str, bool]:
    """A cell's lines as one text, and whether its last line stopped short. A line broken where the
    next word would still have fitted was broken on purpose (a space or a new line in the source:
    "政策法规处 局办公室"), so it keeps a space."""
    if not lines:
        return "", False
    pad = max(min(ln.x0 for ln in lines) - left, 0.0)  # cells are padded alike on both sides
    room = right - pad

    def fits(a: Line, nxt: str) -> bool:
        # Line-breaking rules move a character down with a closing mark after it, or with the
        # opening mark before it, and a Latin word or number moves whole: none of that is a space.
        if a.text.endswith(" ") or nxt[:1] in _NO_LINE_START or nxt[1:2] in _NO_LINE_START:
            return False
        word = re.match(r"[A-Za-z0-9.%]+", nxt)
        needed = a.size * (0.5 * len(word.group()) if word else 2.0 if nxt[:1] in _OPENING else 1.0)
        return a.x1 + needed <= room - 0.1 * a.size

    parts = [a.text + (" " if fits(a, b.text) else "") for a, b in zip(lines, lines[1:])] + [lines[-1].text]
    return _join_wrapped(parts).strip().replace("\t", " "), fits(lines[-1], "字")


def _table_rows(grid: _Grid, glyphs: list[Glyph], table: int) -> list[Line]:
    rows = []
    for top, bottom, edges in grid.bands:
        inside = [g for g in glyphs if top <= (g.top + g.bottom) / 2 < bottom]
        if not inside:
            continue
        # Each glyph goes to the cell its centre falls in (the nearest one at a border).
        per_cell: list[list[Glyph]] = [[] for _ in edges[1:]]
        for g in inside:
            # By the glyph's left part: CJK punctuation sits in the left of its box and may overhang a border.
            k = bisect.bisect_right(edges, g.x0 + 0.3 * (g.x1 - g.x0)) - 1
            per_cell[min(max(k, 0), len(per_cell) - 1)].append(g)
        texts = [_cell_text(build_lines(mine, strip=False), left, right) for mine, left, right in zip(per_cell, edges, edges[1:])]
        cells = [t for t, _ in texts]
        size = statistics.median(g.size for g in inside)
        row = Line(grid.x0, grid.x1, top, bottom, size, "\t".join(cells), cells=cells, table=table, short=[s for _, s in texts])
        if len(cells) == 1:
            row.cells, row.text = None, cells[0]  # a band across the whole table: a heading row
        rows.append(row)
    if rows and grid.open_bottom and rows[-1].bottom == grid.bottom:
        rows[-1].cut = True
    return rows


# ---- one page --------------------------------------------------------------------------------


def page_lines(page: Page) -> list[Line]:
    """Text lines and table rows of one page, top to bottom; text inside a one-cell frame keeps its frame."""
    grids = find_grids(page.rules)
    # A grid of one column is a frame (a 专栏 box), whose text is paragraphs, not cells.
    boxes = [g for g in grids if all(len(edges) == 2 for _, _, edges in g.bands)]
    tables = [g for g in grids if g not in boxes]
    free: list[Glyph] = list(page.glyphs)
    items: list[Line] = []
    for t, grid in enumerate(tables):
        inside = [g for g in free if grid.x0 - 1 <= (g.x0 + g.x1) / 2 <= grid.x1 + 1 and grid.top <= (g.top + g.bottom) / 2 <= grid.bottom]
        ids = {id(g) for g in inside}
        free = [g for g in free if id(g) not in ids]
        items.extend(_table_rows(grid, inside, t))
    for b, box in enumerate(boxes, start=1):
        inside = [g for g in free if box.x0 <= (g.x0 + g.x1) / 2 <= box.x1 and box.top <= (g.top + g.bottom) / 2 <= box.bottom]
        ids = {id(g) for g in inside}
        free = [g for g in free if id(g) not in ids]
        for line in build_lines(inside):
            line.region = b
            items.append(line)
    items.extend(build_lines(free))
    items.sort(key=lambda ln: (ln.top, ln.x0))
    return items


# ---- running headers, footers, page numbers ---------------------------------------------------

_BARE_NUMBER = re.compile(r"^\s*(?:\d{1,4}|[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页.*|(?:Page|页码)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)\s*$", re.I)
_EDGE_LINES = 2  # how many lines at the top and at the bottom of a page may be header or footer


def _edge_key(line: Line, page: Page) -> tuple[str, int]:
    # Digits vary from page to page ("第3页", "2026年第5期"); the position does not.
    return re.sub(r"\d+", "#", line.text.replace(" ", "")), round(line.top / max(page.height, 1e-6) * 100)


def drop_running_lines(pages: list[Page], per_page: list[list[Line]]) -> list[list[Line]]:
    """Remove page numbers and lines repeated at the same place on most pages (running headers, footers)."""
    def edges(lines: list[Line], page: Page) -> list[Line]:
        # The first and last lines of a page, when they sit in its top or bottom fifth.
        text = [ln for ln in lines if ln.cells is None and ln.table < 0]
        return [ln for ln in text[:_EDGE_LINES] if ln.top < 0.2 * page.height] + [
            ln for ln in text[-_EDGE_LINES:] if ln.bottom > 0.8 * page.height]

    seen: Counter[tuple[str, int]] = Counter()
    for page, lines in zip(pages, per_page):
        seen.update({_edge_key(ln, page) for ln in edges(lines, page)})
    need = max(2, (len(pages) + 1) // 2)
    out = []
    for page, lines in zip(pages, per_page):
        edge = {id(ln) for ln in edges(lines, page)}
        kept = []
        for ln in lines:
            if id(ln) in edge and (PAGE_NUMBER.match(ln.text) or _BARE_NUMBER.match(ln.text) or seen[_edge_key(ln, page)] >= need):
                continue
            kept.append(ln)
        out.append(kept)
    return out


# ---- paragraphs ------------------------------------------------------------------------------

_TERMINAL = set("。！？；：!?;:）〕】")
# Item markers a heading line opens with; a full line that ends a sentence is not continued by one.
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、](?!\d)|第[一二三四五六七八九十百零]{1,4}[章节条部])")


@dataclass(frozen=True)
class _Column:
    left: float
    right: float


def _column(lines: list[Line]) -> _Column:
    """Where full lines start and end: the leftmost start shared by two lines, the median end of the long lines
    (a line that ends in hanging punctuation sticks out past the others)."""
    starts = Counter(round(ln.x0) for ln in lines)
    shared = [x for x, n in starts.items() if n >= 2]
    left = min(shared) if shared else min(ln.x0 for ln in lines)
    reach = max(ln.x1 for ln in lines)
    em = statistics.median(ln.size for ln in lines)
    return _Column(left, statistics.median(ln.x1 for ln in lines if ln.x1 >= reach - 2.5 * em))


def _columns(per_page: list[list[Line]]) -> tuple[dict[tuple[int, int], _Column], _Column]:
    """The text column of each page and each frame, and the document's for pages with too few lines to tell."""
    groups: dict[tuple[int, int], list[Line]] = {}
    for p, lines in enumerate(per_page):
        for ln in lines:
            # Table rows count: a table spans the text column, which tells its edges on a page of few lines.
            groups.setdefault((p, ln.region), []).append(ln)
    body = [ln for (_, region), lines in groups.items() if region == 0 for ln in lines]
    fallback = _column(body) if body else _Column(0.0, 1e9)
    # A page of a few lines (the rest a table) says little about its margins: the document's then.
    out = {key: _column(lines) if len(lines) >= 12 or key[1] else fallback for key, lines in groups.items()}
    return out, fallback


def _continues(a: Line, b: Line, ca: _Column, cb: _Column, same_page: bool) -> bool:
    """Whether line b is the wrapped rest of line a's paragraph."""
    if a.cells is not None or b.cells is not None or a.table >= 0 or b.table >= 0 or a.region != b.region:
        return False
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size) or "\t" in a.text or "\t" in b.text:
        return False
    if same_page and b.top - a.bottom > 1.5 * a.size:
        return False  # a blank line or paragraph spacing between them
    em = a.size
    full = a.x1 >= ca.right - 1.5 * em
    flush = b.x0 <= cb.left + 0.5 * em
    if full and flush:
        return not (a.text[-1] in _TERMINAL and _MARKER.match(b.text))
    # A centred title that wrapped: the first line nearly as wide as the column, the second centred under it.
    width = ca.right - ca.left

    def centred(ln: Line, c: _Column) -> bool:
        return abs((ln.x0 - c.left) - (c.right - ln.x1)) <= 1.5 * em

    return (same_page and centred(a, ca) and centred(b, cb) and b.x0 > cb.left + em
            and a.x1 - a.x0 >= width - 2 * em and a.text[-1] not in _TERMINAL)


def _glue(a: str, b: str) -> str:
    return a + (" " if _is_ascii_word(a[-1:]) and _is_ascii_word(b[:1]) else "") + b


def _same_header(a: list[str] | None, b: list[str] | None) -> bool:
    return a is not None and b is not None and [re.sub(r"\s", "", c) for c in a] == [re.sub(r"\s", "", c) for c in b]


def pages_text(pages: list[Page]) -> str:
    """The text of fixed-layout pages as a plan file has it: one paragraph or table row per line."""
    per_page = drop_running_lines(pages, [page_lines(p) for p in pages])
    columns, fallback = _columns(per_page)
    out: list[Line] = []
    where: list[tuple[int, int]] = []
    header: list[str] | None = None  # first row of the table read last
    for p, lines in enumerate(per_page):
        at_top = True  # nothing of this page kept yet
        for i, ln in enumerate(lines):
            prev = out[-1] if out else None
            # The page opens with a table row right after a table ended the last page: the same table.
            runs_on = at_top and prev is not None and prev.table >= 0 and ln.cells is not None
            if runs_on and _same_header(ln.cells, header):
                continue  # the table's header row, repeated on the new page
            if runs_on and prev is not None and prev.cells is not None and ln.cells is not None and len(ln.cells) == len(prev.cells) and (
                    prev.cut or (not ln.cells[0].strip() and any(c.strip() for c in ln.cells))):
                # A row the page break cut (no bottom rule above, or no 序号 here) joins its first part.
                assert prev.cells is not None
                short = prev.short or [False] * len(prev.cells)
                prev.cells = [_join_wrapped([x + (" " if s and x else ""), y]) if y else x for x, y, s in zip(prev.cells, ln.cells, short)]
                prev.text, prev.cut, prev.short, at_top = "\t".join(prev.cells), ln.cut, ln.short, False
                continue
            if ln.cells is not None and not runs_on and (i == 0 or lines[i - 1].table != ln.table):
                header = ln.cells  # a new table starts
            at_top = False
            key = (p, ln.region)
            if prev is not None and _continues(prev, ln, columns.get(where[-1], fallback), columns.get(key, fallback), where[-1][0] == p):
                prev.text = _glue(prev.text, ln.text)
                prev.x1, prev.bottom = ln.x1, ln.bottom
                where[-1] = key
                continue
            out.append(Line(ln.x0, ln.x1, ln.top, ln.bottom, ln.size, ln.text, list(ln.cells) if ln.cells else None,
                            ln.region, ln.table, ln.cut, ln.short))
            where.append(key)
    return "\n".join(ln.text for ln in out)
