"""OFD (GB/T 33190, China's fixed-layout format for official documents): the text layer of each page in reading order.

An OFD file is a zip of XML: OFD.xml names each document's Document.xml, which lists the
pages (Pages/Page_N/Content.xml); a page holds TextObjects (characters placed by X/Y and
DeltaX inside a Boundary, in millimetres) and PathObjects (table rulings among them).
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..reader import ReadError
from .layout import Glyph, Page, Rule, pages_text, unify_ideographs
from .safety import check_size, open_zip, parse_xml, read_entry, resolve

MAX_BYTES = 100_000_000
MAX_PAGES = 2_000
MAX_CHARS_PER_PAGE = 200_000  # a dense A4 page holds about 3,000
PT_PER_MM = 72 / 25.4  # the layout step measures in points, as for PDF
_THIN_MM = 1.0


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    return next((c for c in el if _local(c) == name), None)


def _children(el: etree._Element | None, name: str) -> list[etree._Element]:
    return [] if el is None else [c for c in el if _local(c) == name]


def _floats(text: str | None) -> list[float]:
    try:
        return [float(v) for v in (text or "").split()]
    except ValueError:
        return []


def _deltas(text: str | None) -> list[float]:
    """DeltaX / DeltaY: numbers, where "g N V" stands for N times V."""
    tokens, out, i = (text or "").split(), [], 0
    try:
        while i < len(tokens):
            if tokens[i] == "g" and i + 2 < len(tokens):
                out += [float(tokens[i + 2])] * min(int(tokens[i + 1]), 100_000)
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except ValueError:
        return []
    return out


@dataclass(frozen=True)
class _Matrix:
    """Boundary origin plus CTM: object space to page millimetres."""

    a: float = 1.0
    b: float = 0.0
    c: float = 0.0
    d: float = 1.0
    e: float = 0.0
    f: float = 0.0
    ox: float = 0.0
    oy: float = 0.0

    def apply(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + self.a * x + self.c * y + self.e, self.oy + self.b * x + self.d * y + self.f

    @property
    def scale(self) -> float:
        return abs(self.a * self.d - self.b * self.c) ** 0.5 or 1.0


def _matrix(obj: etree._Element, ox: float, oy: float) -> _Matrix:
    ctm = _floats(obj.get("CTM"))
    if len(ctm) != 6:
        return _Matrix(ox=ox, oy=oy)
    a, b, c, d, e, f = ctm
    return _Matrix(a, b, c, d, e, f, ox=ox, oy=oy)


def _origin(obj: etree._Element, base: tuple[float, float]) -> tuple[float, float]:
    box = _floats(obj.get("Boundary"))
    return (base[0] + box[0], base[1] + box[1]) if len(box) >= 2 else base


def _text_object(obj: etree._Element, base: tuple[float, float], page: Page, page_name: str) -> None:
    size = (_floats(obj.get("Size")) or [3.5])[0]
    m = _matrix(obj, *_origin(obj, base))
    em = size * m.scale  # millimetres on the page
    x = y = 0.0
    for code in _children(obj, "TextCode"):
        text = (code.text or "").replace("\r", "").replace("\n", "")
        x = float(code.get("X", x)) if code.get("X") is not None else x
        y = float(code.get("Y", y)) if code.get("Y") is not None else y
        dxs, dys = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
        if len(page.glyphs) + len(text) > MAX_CHARS_PER_PAGE:
            raise ReadError(f"{page_name}: more than {MAX_CHARS_PER_PAGE} characters on one page; refused")
        for i, ch in enumerate(text):
            # Without DeltaX the font's advances apply; an em for CJK, half for Latin is close enough.
            advance = dxs[i] if i < len(dxs) else size * (0.5 if ch.isascii() else 1.0)
            px, py = m.apply(x, y)  # the glyph's origin on its baseline
            # The ink is at most an em wide; the rest of a large advance is a gap (spaced-out or tabbed text).
            width = min(advance * m.scale, em * (0.5 if ch.isascii() else 1.0))
            if not ch.isspace() or ch == " ":
                page.glyphs.append(Glyph(px * PT_PER_MM, (px + max(width, em * 0.25)) * PT_PER_MM,
                                         (py - em * 0.88) * PT_PER_MM, (py + em * 0.12) * PT_PER_MM,
                                         em * PT_PER_MM, unify_ideographs(ch)))
            x += advance
            y += dys[i] if i < len(dys) else 0.0


_PATH_TOKEN = re.compile(r"[A-Za-z]|-?\d*\.?\d+(?:[eE][-+]?\d+)?")
_ARGS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def _path_object(obj: etree._Element, base: tuple[float, float], page: Page) -> None:
    """Axis-aligned strokes of a path (its AbbreviatedData), as rules for table detection."""
    data = _child(obj, "AbbreviatedData")
    if data is None or (obj.get("Stroke", "true").lower() == "false" and obj.get("Fill", "false").lower() != "true"):
        return
    m = _matrix(obj, *_origin(obj, base))
    width = max((_floats(obj.get("LineWidth")) or [0.353])[0] * m.scale, 0.1)
    points: list[tuple[float, float]] = []
    segments: list[tuple[tuple[float, float], tuple[float, float]]] = []
    tokens = _PATH_TOKEN.findall(data.text or "")
    i = 0
    start: tuple[float, float] | None = None
    while i < len(tokens):
        op = tokens[i]
        n = _ARGS.get(op)
        if n is None:
            i += 1
            continue
        try:
            args = [float(t) for t in tokens[i + 1:i + 1 + n]]
        except ValueError:
            return
        i += 1 + n
        if op in ("S", "M"):
            start = m.apply(*args)
            points = [start]
        elif op == "C" and points and start is not None:
            segments.append((points[-1], start))
            points.append(start)
        elif len(args) >= 2 and op != "C":
            end = m.apply(*args[-2:])
            if op == "L" and points:
                segments.append((points[-1], end))
            points.append(end)
    if obj.get("Stroke", "true").lower() == "false" and points:
        # Filled, not stroked: a line only when the whole shape is thin (a shaded box is no border).
        xs, ys = [x for x, _ in points], [y for _, y in points]
        if max(xs) - min(xs) > _THIN_MM and max(ys) - min(ys) > _THIN_MM:
            return
    for (x0, y0), (x1, y1) in segments:
        left, right, top, bottom = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        if right - left > _THIN_MM and bottom - top > _THIN_MM:
            continue  # a diagonal
        half = width / 2
        page.rules.append(Rule((left - half) * PT_PER_MM, (top - half) * PT_PER_MM,
                               (right + half) * PT_PER_MM, (bottom + half) * PT_PER_MM))


@dataclass
class _Context:
    """The file being read (for messages) and what was seen of it."""

    name: str
    images: int = 0


def _objects(container: etree._Element, base: tuple[float, float], page: Page, ctx: _Context, depth: int = 0) -> None:
    for obj in container:
        kind = _local(obj)
        if kind == "TextObject":
            _text_object(obj, base, page, ctx.name)
        elif kind == "PathObject":
            _path_object(obj, base, page)
        elif kind == "ImageObject":
            ctx.images += 1
        elif kind in ("Layer", "PageBlock", "Content") and depth < 20:
            _objects(obj, base, page, ctx, depth + 1)


@dataclass
class _Package:
    zf: zipfile.ZipFile
    name: str

    def xml(self, entry: str) -> etree._Element:
        return parse_xml(read_entry(self.zf, entry, self.name, ".ofd"), entry, self.name)


def _page_box(area: etree._Element | None) -> list[float]:
    physical = _child(area, "PhysicalBox")
    box = _floats(physical.text if physical is not None else None)
    return box if len(box) == 4 else []


def _document_pages(pkg: _Package, doc_entry: str, ctx: _Context) -> list[Page]:
    doc = pkg.xml(doc_entry)
    here = posixpath.dirname(doc_entry)
    common = _child(doc, "CommonData")
    default_box = _page_box(_child(common, "PageArea")) or [0, 0, 210, 297]
    templates = {t.get("ID"): resolve(here, t.get("BaseLoc", ""), pkg.name) for t in _children(common, "TemplatePage")}
    pages: list[Page] = []
    for ref in _children(_child(doc, "Pages"), "Page"):
        if len(pages) >= MAX_PAGES:
            raise ReadError(f"{pkg.name}: more than {MAX_PAGES} pages; refused")
        entry = resolve(here, ref.get("BaseLoc", ""), pkg.name)
        content = pkg.xml(entry)
        box = _page_box(_child(content, "Area")) or default_box
        page = Page(width=box[2] * PT_PER_MM, height=box[3] * PT_PER_MM)
        origin = (-box[0], -box[1])
        # Templates (letterhead, running headers) draw on the page too; repeated lines go later.
        for tpl in _children(content, "Template"):
            tpl_entry = templates.get(tpl.get("TemplateID"))
            tpl_content = _child(pkg.xml(tpl_entry), "Content") if tpl_entry else None
            if tpl_content is not None:
                _objects(tpl_content, origin, page, ctx)
        body = _child(content, "Content")
        if body is not None:
            _objects(body, origin, page, ctx)
        pages.append(page)
    return pages


def read(data: bytes, name: str) -> str:
    """Text of an OFD file's pages; no text at all is a ReadError (a scanned document)."""
    check_size(data, name, ".ofd", MAX_BYTES)
    zf = open_zip(data, name, ".ofd")
    pkg = _Package(zf, name)
    root = pkg.xml("OFD.xml")
    if _local(root) != "OFD":
        raise ReadError(f"{name}: not an OFD file (OFD.xml has no OFD root element)")
    ctx = _Context(name)
    pages: list[Page] = []
    for body in _children(root, "DocBody"):
        doc_root = _child(body, "DocRoot")
        if doc_root is not None and (doc_root.text or "").strip():
            pages += _document_pages(pkg, resolve("", doc_root.text or "", name), ctx)
    if not pages:
        raise ReadError(f"{name}: the OFD file has no pages")
    if not any(p.glyphs for p in pages):
        if not ctx.images:
            raise ReadError(f"{name}: the OFD file's pages are blank (no text, no images)")
        raise ReadError(f"{name}: no text layer (scanned OFD); OCR is not supported")
    return pages_text(pages)
