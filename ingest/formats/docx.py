"""Word .docx: body paragraphs and tables in document order, Word's automatic numbering rendered, tracked changes accepted."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import cast

from lxml import etree

from ..reader import ReadError
from .safety import check_size, open_zip, read_entry, refuse_dtd

MAX_BYTES = 64_000_000
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: etree._Element | None, attr: str = "val") -> str | None:
    return None if el is None else el.get(_w(attr))


# Inline content that is not the accepted text: deletions, the source of a move, field
# codes, note/comment anchors, ruby annotations, properties.
_SKIP = {_w(t) for t in ("del", "moveFrom", "delText", "instrText", "delInstrText", "rPr", "pPr", "rt",
                         "footnoteReference", "endnoteReference", "commentReference", "annotationRef")}
_SKIP.add(f"{{{MC}}}Fallback")  # the same content as mc:Choice, drawn the old way
_TEXT = {_w("t"), f"{{{M}}}t"}
# A present on/off property (w:vanish) is on unless its value says off.
_OFF = ("0", "false", "off")
_BREAKS = {_w("br"): "\n", _w("cr"): "\n", _w("tab"): "\t", _w("noBreakHyphen"): "-", _w("softHyphen"): ""}


# ---- numbering -------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def chinese_counting(n: int, digits: str = _DIGITS, ten: str = "十", hundred: str = "百", thousand: str = "千") -> str:
    """一, 十, 十一, 二十一, 一百零五, 一千二百: how Word's chineseCounting writes 1-9999."""
    if n <= 0 or n >= 10000:
        return str(n)
    out, zero = "", False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d = n // value % 10
        if d:
            if zero:
                out += digits[0]
            # 十一 not 一十一, but 一百一十: the leading one is dropped only before 十 at the start.
            out += ("" if (value == 10 and d == 1 and not out) else digits[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _enclosed(chars: str, n: int) -> str:
    return chars[n - 1] if 1 <= n <= len(chars) else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(ord(c) + 0xFEE0) for c in str(n)),
    "decimalHalfWidth": str,
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(c)] for c in str(n)),
    "chineseLegalSimplified": lambda n: chinese_counting(n, _LEGAL, "拾", "佰", "仟"),
    "ideographLegalTraditional": lambda n: chinese_counting(n, "零壹貳參肆伍陸柒捌玖", "拾", "佰", "仟"),
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographZodiac": lambda n: "子丑寅卯辰巳午未申酉戌亥"[(n - 1) % 12],
    "decimalEnclosedCircle": lambda n: _enclosed(_CIRCLED, n),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(_CIRCLED, n),
    "ideographEnclosedCircle": lambda n: f"({chinese_counting(n)})",
    "decimalEnclosedParen": lambda n: _enclosed(_PAREN, n),
    "decimalEnclosedFullstop": lambda n: _enclosed(_STOP, n),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "none": lambda n: "",
}


@dataclass(frozen=True)
class Level:
    """One level of a list definition (w:lvl)."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart: None = after any shallower level, 0 = never
    legal: bool = False  # w:isLgl: every number shown as decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style that uses this level


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(el: etree._Element) -> Level:
    return Level(
        fmt=_val(el.find(_w("numFmt"))) or "decimal",
        text=_val(el.find(_w("lvlText"))) or "",
        start=_int(_val(el.find(_w("start"))), 1),
        restart=_int(_val(el.find(_w("lvlRestart"))), 0) if el.find(_w("lvlRestart")) is not None else None,
        legal=el.find(_w("isLgl")) is not None and _val(el.find(_w("isLgl"))) not in ("0", "false"),
        suffix=_val(el.find(_w("suff"))) or "tab",
        style=_val(el.find(_w("pStyle"))),
    )


def _levels(el: etree._Element) -> dict[int, Level]:
    return {_int(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in el.findall(_w("lvl"))}


@dataclass
class Numbering:
    """Word's list counters, kept as Word keeps them: per abstract definition, shared by its w:num instances."""

    abstracts: dict[str, dict[int, Level]]
    nums: dict[str, str]  # numId -> abstractNumId
    overrides: dict[str, dict[int, tuple[int | None, Level | None]]]  # numId -> ilvl -> (startOverride, level)
    style_nums: dict[str, tuple[str | None, int | None]]  # styleId -> numPr of the style (after basedOn)
    counters: dict[str, list[int | None]] = field(default_factory=dict)
    started: set[tuple[str, int]] = field(default_factory=set)

    def level(self, num_id: str, ilvl: int) -> Level:
        _, lvl = self.overrides.get(num_id, {}).get(ilvl, (None, None))
        return lvl or self.abstracts.get(self.nums.get(num_id, ""), {}).get(ilvl) or Level()

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The rendered number of the next paragraph of list num_id at level ilvl (None: no such list)."""
        abstract = self.nums.get(num_id)
        if abstract is None or not 0 <= ilvl <= 8:
            return None
        counters = self.counters.setdefault(abstract, [None] * 9)
        start, _ = self.overrides.get(num_id, {}).get(ilvl, (None, None))
        if start is not None and (num_id, ilvl) not in self.started:
            # An instance with a start override restarts the shared count the first time it is used.
            self.started.add((num_id, ilvl))
            counters[ilvl] = start - 1
        level = self.level(num_id, ilvl)
        current = counters[ilvl]
        counters[ilvl] = (level.start - 1 if current is None else current) + 1
        for deeper in range(ilvl + 1, 9):
            restart = self.level(num_id, deeper).restart
            if restart is None or (restart and ilvl + 1 <= restart):
                counters[deeper] = None
        return self._render(num_id, ilvl, counters)

    def _render(self, num_id: str, ilvl: int, counters: list[int | None]) -> str:
        level = self.level(num_id, ilvl)
        if level.fmt == "bullet":
            # Symbol-font bullets live in the Private Use Area; they carry no meaning as text.
            return "".join(c for c in level.text if not 0xE000 <= ord(c) <= 0xF8FF)
        out = level.text
        for k in range(9, 0, -1):  # %10 does not exist; go down so %1 never eats the start of a longer one
            if f"%{k}" in out:
                ref = self.level(num_id, k - 1)
                count = counters[k - 1]
                value = count if count is not None else ref.start
                fmt = "decimal" if level.legal and ref.fmt != "none" else ref.fmt
                out = out.replace(f"%{k}", _FORMATS.get(fmt, str)(value))
        return out


def _numbering(numbering: etree._Element | None, styles: etree._Element | None) -> Numbering:
    style_nums: dict[str, tuple[str | None, int | None]] = {}
    if styles is not None:
        by_id = {s.get(_w("styleId")): s for s in styles.findall(_w("style"))}
        for style_id in by_id:
            seen: set[str] = set()
            sid: str | None = style_id
            while sid and sid not in seen and sid in by_id:  # numPr may come from a basedOn ancestor
                seen.add(sid)
                num_pr = by_id[sid].find(f"{_w('pPr')}/{_w('numPr')}")
                if num_pr is not None:
                    ilvl = _val(num_pr.find(_w("ilvl")))
                    style_nums[style_id] = (_val(num_pr.find(_w("numId"))), int(ilvl) if ilvl and ilvl.isdigit() else None)
                    break
                sid = _val(by_id[sid].find(_w("basedOn")))
    abstracts: dict[str, dict[int, Level]] = {}
    links: dict[str, str] = {}  # abstractNumId -> style it links to (w:numStyleLink)
    nums: dict[str, str] = {}
    overrides: dict[str, dict[int, tuple[int | None, Level | None]]] = {}
    if numbering is not None:
        for ab in numbering.findall(_w("abstractNum")):
            ab_id = ab.get(_w("abstractNumId")) or ""
            abstracts[ab_id] = _levels(ab)
            link = _val(ab.find(_w("numStyleLink")))
            if link:
                links[ab_id] = link
        for num in numbering.findall(_w("num")):
            num_id = num.get(_w("numId")) or ""
            nums[num_id] = _val(num.find(_w("abstractNumId"))) or ""
            for ov in num.findall(_w("lvlOverride")):
                start_el = ov.find(_w("startOverride"))
                lvl_el = ov.find(_w("lvl"))
                overrides.setdefault(num_id, {})[_int(ov.get(_w("ilvl")), 0)] = (
                    _int(_val(start_el), 1) if start_el is not None else None,
                    _level(lvl_el) if lvl_el is not None else None,
                )
        # A list that only points at a numbering style takes the definition that style's list uses.
        for num_id, ab_id in list(nums.items()):
            for _ in range(3):
                if ab_id in links and (style_num := style_nums.get(links[ab_id], (None, None))[0]) in nums:
                    ab_id = nums[style_num]
            nums[num_id] = ab_id
    return Numbering(abstracts, nums, overrides, style_nums)


# ---- text ------------------------------------------------------------------------------------


@dataclass
class _Reader:
    numbering: Numbering
    toc_styles: set[str] = field(default_factory=set)  # paragraph styles of a table of contents
    boxes: list[str] = field(default_factory=list)  # text-box paragraphs met inside the current paragraph

    def inline(self, el: etree._Element) -> Iterator[str]:
        """The accepted text of a paragraph's content (runs, insertions, links, fields, content controls)."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _TEXT:
                yield child.text or ""
            elif tag in _BREAKS:
                if tag != _w("br") or child.get(_w("type")) in (None, "textWrapping", "page", "column"):
                    yield _BREAKS[tag]
            elif tag == _w("r") and (hidden := child.find(f"{_w('rPr')}/{_w('vanish')}")) is not None and _val(hidden) not in _OFF:
                continue  # hidden text
            elif tag == _w("txbxContent"):
                # A text box holds paragraphs of its own: they follow the paragraph that anchors them.
                outer, self.boxes = self.boxes, []  # boxes inside this box belong to it, not to the outer paragraph
                inner = [line for line in self.blocks(child) if line]
                self.boxes = outer + inner
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    yield from self.inline(choice)
            else:
                yield from self.inline(child)

    def paragraph(self, p: etree._Element) -> str:
        ppr = p.find(_w("pPr"))
        text = "".join(self.inline(p))
        label = self.list_label(ppr)
        if label:
            # "第一条 支持…" keeps a space after a label ending in a word; "一、", "（一）", "1.", "①" need none.
            end = label[-1]
            word = (end.isascii() and end.isalnum()) or "\u4e00" <= end <= "\u9fff"
            glue = " " if word and self.numbering_suffix(ppr) != "nothing" else ""
            text = label + glue + text.lstrip()
        return text

    def numbering_suffix(self, ppr: etree._Element | None) -> str:
        num_id, ilvl = self._num_pr(ppr)
        return self.numbering.level(num_id, ilvl).suffix if num_id else "tab"

    def _num_pr(self, ppr: etree._Element | None) -> tuple[str | None, int]:
        num_id: str | None = None
        ilvl: int | None = None
        style = _val(ppr.find(_w("pStyle"))) if ppr is not None else None
        num_pr = ppr.find(_w("numPr")) if ppr is not None else None
        if num_pr is not None:
            num_id = _val(num_pr.find(_w("numId")))
            lvl = _val(num_pr.find(_w("ilvl")))
            ilvl = int(lvl) if lvl and lvl.isdigit() else None
        if style and (num_id is None or ilvl is None):
            style_num, style_lvl = self.numbering.style_nums.get(style, (None, None))
            num_id = num_id if num_id is not None else style_num
            if ilvl is None:
                ilvl = style_lvl
            if ilvl is None and num_id:
                abstract = self.numbering.abstracts.get(self.numbering.nums.get(num_id, ""), {})
                ilvl = next((i for i, lv in abstract.items() if lv.style == style), None)
        if not num_id or num_id == "0":  # numId 0 switches numbering off
            return None, 0
        return num_id, ilvl or 0

    def list_label(self, ppr: etree._Element | None) -> str | None:
        num_id, ilvl = self._num_pr(ppr)
        return self.numbering.label(num_id, ilvl) if num_id else None

    def table(self, tbl: etree._Element) -> Iterator[str]:
        """One line per row, cells joined by a tab; a row of one cell (a section row, a 专栏 box) gives its paragraphs."""
        above: dict[int, str] = {}  # grid column -> text of the cell there in the row above (vertical merges)
        for tr in _children(tbl, _w("tr")):
            trpr = tr.find(_w("trPr"))
            if trpr is not None and trpr.find(_w("del")) is not None:
                continue  # a deleted row
            cells: list[list[str]] = []
            col = 0
            for tc in _children(tr, _w("tc")):
                tcpr = tc.find(_w("tcPr"))
                span = _int(_val(tcpr.find(_w("gridSpan"))) if tcpr is not None else None, 1)
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                if merge is not None and _val(merge) in (None, "continue"):
                    lines = [above.get(col, "")]  # a vertically merged cell repeats its first row's text
                else:
                    lines = [line for line in self.blocks(tc) if line.strip()]
                above[col] = " ".join(lines)
                cells.append(lines)
                col += max(span, 1)
            filled = [c for c in cells if c and any(x.strip() for x in c)]
            if len(cells) == 1 or len(filled) == 0:
                yield from (line for c in cells for line in c)
            else:
                yield "\t".join(" ".join(c).replace("\t", " ") for c in cells)

    def blocks(self, container: etree._Element) -> Iterator[str]:
        """Lines of a body, a table cell or a text box, in document order."""
        carry = ""  # text of a paragraph whose mark was deleted: it runs on into the next one
        for el in container:
            tag = el.tag
            if tag == _w("p"):
                if _val(el.find(f"{_w('pPr')}/{_w('pStyle')}")) in self.toc_styles:
                    continue  # a table of contents repeats the headings (with page numbers)
                text = carry + self.paragraph(el)
                carry = ""
                mark = el.find(f"{_w('pPr')}/{_w('rPr')}/{_w('del')}")
                if mark is not None:
                    carry = text
                    continue
                yield from text.split("\n")
                if self.boxes:
                    boxes, self.boxes = self.boxes, []
                    yield from boxes
            elif tag == _w("tbl"):
                yield from self.table(el)
            elif tag == _w("sdt"):  # a content control around paragraphs or tables
                content = el.find(_w("sdtContent"))
                gallery = _val(el.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}"))
                if content is not None and gallery != "Table of Contents":
                    yield from self.blocks(content)
            elif tag in (_w("customXml"), _w("ins"), _w("moveTo")):
                yield from self.blocks(el)
        if carry:
            yield from carry.split("\n")


def _toc_styles(styles: etree._Element | None) -> set[str]:
    """Ids of the "toc 1".."toc 9" paragraph styles (Chinese Word names them by number: styleId "11")."""
    if styles is None:
        return set()
    return {s.get(_w("styleId")) or "" for s in styles.findall(_w("style"))
            if (_val(s.find(_w("name"))) or "").lower().startswith("toc ")}


def _children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Child elements of a tag, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            inner = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if inner is not None:
                yield from _children(inner, tag)


def read(data: bytes, name: str) -> str:
    """Text of a .docx: body only (no headers, footers, notes, comments), numbering as Word shows it."""
    check_size(data, name, ".docx", MAX_BYTES)
    zf = open_zip(data, name, ".docx")
    for info in zf.infolist():
        if info.filename.lower().endswith((".xml", ".rels")):
            refuse_dtd(read_entry(zf, info.filename, name, ".docx"), info.filename, name)
    import docx  # python-docx; local so a text-only ingest never imports it
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
        try:
            numbering = cast(XmlPart, document.part.part_related_by(RT.NUMBERING)).element
        except KeyError:
            numbering = None
        try:
            styles = cast(XmlPart, document.part.part_related_by(RT.STYLES)).element
        except KeyError:
            styles = None
    except ReadError:
        raise
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for broken packages
        raise ReadError(f"{name}: not a readable Word document ({type(exc).__name__}: {exc})") from None
    reader = _Reader(_numbering(numbering, styles), _toc_styles(styles))
    return "\n".join(line.rstrip() for line in reader.blocks(body) if line.strip())
