"""Web pages (a plan published on a government site): the article only, its 文号/发布机构/成文日期 as header lines."""
from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from ..reader import ReadError
from .safety import check_size

# An internal DTD subset: a DOCTYPE with brackets before the first element (comments may precede it).
_ENTITIES = re.compile(r"\s*(?:<!--.*?-->\s*)*<!DOCTYPE[^>\[]*\[", re.IGNORECASE | re.DOTALL)
MAX_BYTES = 10_000_000  # a plan's page is well under 1 MB; a 50 MB page is refused before parsing

# Elements that are never article text.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "video",
              "audio", "map", "button", "input", "select", "textarea", "nav", "footer", "aside", "head", "link", "meta")
# Site furniture by class or id: navigation, breadcrumbs, share and print bars, related links, footers.
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumb|crumbs?|position|location|share|bdshare|jiathis|fenxiang|"
    r"footer|foot|bottom|copyright|sidebar|side|related|xgwz|xgxx|print|dayin|qrcode|ewm|erweima|login|search|"
    r"toolbar|pager|pagination|prev|next|topbar|header|banner|skip|gotop|fontsize|zihao)(?:$|[-_\s\d])",
    re.I,
)
_BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
          "dd", "blockquote", "pre", "center", "address", "figure", "figcaption", "hr", "tr", "table", "tbody", "thead",
          "tfoot", "caption", "form", "fieldset", "header"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"[ \t\r\n\f]+")  # HTML's collapsible white space (not &nbsp; or the ideographic space)

# gov.cn-style metadata labels (the table above the article) -> field.
_LABELS = {
    "doc_no": ("发文字号", "文号", "发文文号"),
    "issuer": ("发文机关", "发布机构", "发文单位", "发布单位", "发文机构", "制发机关"),
    "date": ("成文日期", "成文时间"),
    "title": ("标题", "文件名称", "名称"),
}
_LABEL_TO_FIELD = {label: key for key, labels in _LABELS.items() for label in labels}
_LABEL = re.compile(rf"^({'|'.join(sorted(_LABEL_TO_FIELD, key=len, reverse=True))})[：:](.*)$")
_OTHER_LABELS = re.compile(r"^(索引号|主题分类|发布日期|生效日期|废止日期|有效性|主题词|体裁分类|组配分类|公开方式|信息来源|来源|时效)[：:]")
_NEXT_LABEL = re.compile(rf"(?:{'|'.join(_LABEL_TO_FIELD)}|索引号|主题分类|发布日期|生效日期|废止日期|有效性|主题词|来源)[：:]")
_META_NAMES = {"articletitle": "title", "contentsource": "issuer"}
_DATE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")


@dataclass
class PageMeta:
    """What a page says about its document outside the article."""

    title: str = ""
    doc_no: str = ""
    issuer: str = ""
    date: str = ""


def decode_html(data: bytes, name: str) -> str:
    """The page as text: BOM, then the declared charset (GB2312/GBK read as GB18030), then UTF-8, then GB18030."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    m = re.search(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:4096])
    declared = m.group(1).decode("ascii").lower() if m else None
    if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030"):
        declared = "gb18030"
    for enc in [e for e in (declared, "utf-8", "gb18030") if e]:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReadError(f"{name}: web page not decodable as {declared or 'UTF-8'} or GB18030")


def _text(el: etree._Element) -> str:
    return _SPACES.sub(" ", el.text_content()).strip()


def _squash(s: str) -> str:
    return re.sub(r"[\s\u3000\xa0]+", "", s)


def _classes(el: etree._Element) -> str:
    # "BreadcrumbNav" -> "breadcrumb nav": sites name their furniture in every case style.
    return re.sub(r"([a-z])([A-Z])", r"\1 \2", f"{el.get('class') or ''} {el.get('id') or ''}").lower()


def _has_prose(el: etree._Element) -> bool:
    """Whether an element holds sentences (CJK text with a comma or full stop), as articles do and furniture does not."""
    for text in el.itertext():
        if ("，" in text or "。" in text) and len(_CJK.findall(text)) >= 20:
            return True
    return False


def page_meta(doc: etree._Element) -> tuple[PageMeta, list[etree._Element]]:
    """The 文号 / 发布机构 / 成文日期 / 标题 a page shows in its metadata table, and the elements that hold them."""
    meta = PageMeta()
    holders: list[etree._Element] = []
    for el in doc.iter("td", "th", "li", "span", "p", "div", "dt", "dd", "b", "strong", "label"):
        own = _squash(_text(el))
        if len(own) > 120:
            continue
        m = _LABEL.match(own)
        if not m or any(_LABEL.match(_squash(_text(c))) for c in el.iterdescendants() if isinstance(c.tag, str)):
            continue  # not a label, or a wrapper of labels whose own elements come next
        key, value = _LABEL_TO_FIELD[m.group(1)], m.group(2)
        if not value:
            # "<td>发文字号：</td><td>国办发〔2021〕29号</td>": the value is the next cell.
            # The label may sit in a wrapper: "<td><b>发文字号：</b></td><td>…</td>".
            holder = el
            for _ in range(3):
                parent = holder.getparent()
                if holder.getnext() is not None or parent is None or parent.tag in ("tr", "table", "body", "ul", "dl"):
                    break
                holder = parent
            nxt = holder.getnext()
            value = _text(nxt) if nxt is not None else ""
        # "发布机构：某市人民政府办公室成文日期：2026-03-05" in one element: a value ends where the next label starts.
        value = _NEXT_LABEL.split(value, maxsplit=1)[0].strip()
        if value and not getattr(meta, key) and not _LABEL.match(_squash(value)) and not _OTHER_LABELS.match(value):
            setattr(meta, key, value)
            holders.append(el)
    for el in doc.iter("meta"):
        field = _META_NAMES.get((el.get("name") or "").lower())
        content = (el.get("content") or "").strip()
        if field and not getattr(meta, field) and content:
            setattr(meta, field, content)
    if not meta.title:
        h1 = next((h for h in doc.iter("h1") if _CJK.search(_text(h))), None)
        title = doc.find(".//title")
        meta.title = _text(h1) if h1 is not None else re.split(r"\s*[-_|—]\s*", _text(title))[0] if title is not None else ""
    return meta, holders


def _metadata_block(holders: list[etree._Element]) -> etree._Element | None:
    """The smallest table or list holding at least two metadata fields: it is not article text."""
    if len(holders) < 2:
        return None
    for el in holders[0].iterancestors():
        if el.tag in ("table", "ul", "dl", "div") and sum(1 for h in holders if el in set(h.iterancestors())) >= 2:
            # Never the article: a metadata block is a few short fields.
            return el if len(_CJK.findall(el.text_content())) <= 400 and not _has_prose(el) else None
    return None


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:  # keep the text that followed the element
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _strip_furniture(root: etree._Element) -> None:
    for el in list(root.iter(*_DROP_TAGS)):
        _remove(el)
    for el in list(root.iter()):
        # By class or id only when the element holds no prose: a class such as "position-relative"
        # on the article's container must not take the article with it.
        if isinstance(el.tag, str) and el.tag not in ("html", "body") and el.getparent() is not None \
                and _FURNITURE.search(_classes(el)) and not _has_prose(el):
            _remove(el)


def _weight(el: etree._Element, memo: dict[etree._Element, int]) -> int:
    """CJK characters of an element outside links: article text, not navigation."""
    if el in memo:
        return memo[el]
    own = len(_CJK.findall(el.text or "")) if el.tag != "a" else 0
    total = own + sum(_weight(c, memo) + len(_CJK.findall(c.tail or "")) for c in el if isinstance(c.tag, str))
    if el.tag == "a":
        total = 0
    memo[el] = total
    return total


_CONTAINERS = {"div", "section", "article", "main", "form", "center", "span", "font", "td", "body"}


def main_content(body: etree._Element) -> etree._Element:
    """The element that holds the article: go down while one container holds most of the text.

    A layout table is looked through (its one big cell holds the article); a data table is content.
    """
    memo: dict[etree._Element, int] = {}
    node = body
    while _weight(node, memo):
        kids = [c for c in node if isinstance(c.tag, str)]
        if not kids:
            break
        best = max(kids, key=lambda c: _weight(c, memo))
        if best.tag == "table":
            cells = [td for td in best.iter("td") if next(td.iterancestors("table")) is best]
            best = max(cells, key=lambda c: _weight(c, memo), default=best)
        if best.tag not in _CONTAINERS or _weight(best, memo) < 0.8 * _weight(node, memo):
            break
        node = best
    return node


@dataclass
class _Lines:
    """Text of an element as plan lines: block elements and <br> break lines, tables give tab rows."""

    out: list[str]
    current: str = ""

    def brk(self) -> None:
        if self.current.strip():
            self.out.append(self.current.strip(" "))
        self.current = ""

    def add(self, text: str | None) -> None:
        if text:
            self.current += _SPACES.sub(" ", text)

    def walk(self, el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            self.brk()
            self.out.extend(table_rows(el))
            self.add(el.tail)
            return
        if tag == "br":
            self.brk()
        block = tag in _BLOCK
        if block:
            self.brk()
        if tag:
            self.add(el.text)
            for child in el:
                self.walk(child)
        if block:
            self.brk()
        self.add(el.tail)


def element_lines(el: etree._Element) -> list[str]:
    lines = _Lines([])
    lines.add(el.text)
    for child in el:
        lines.walk(child)
    lines.brk()
    return lines.out



def _fill_spanned(pending: dict[int, tuple[str, int]], cells: list[str], col: int) -> int:
    """Cells that a row-spanning cell above still covers, from column col on; the next free column."""
    while col in pending:
        text, left = pending.pop(col)
        cells.append(text)
        if left > 1:
            pending[col] = (text, left - 1)
        col += 1
    return col

def table_rows(table: etree._Element) -> list[str]:
    """One line per row, cells joined by a tab; a row of one cell gives its lines; rowspans repeat their text."""
    rows: list[str] = []
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still spanned)
    for tr in (r for r in table.iter("tr") if next(r.iterancestors("table")) is table):
        cells: list[str] = []
        col = 0
        tds = [c for c in tr if c.tag in ("td", "th")]
        lines_of_single: list[str] = []
        for td in tds:
            col = _fill_spanned(pending, cells, col)
            lines = [line for line in element_lines(td) if line.strip()]
            text = " ".join(lines).replace("\t", " ")
            lines_of_single = lines
            span = int(td.get("rowspan") or 1) if (td.get("rowspan") or "1").isdigit() else 1
            if span > 1:
                pending[col] = (text, span - 1)
            cells.append(text)
            col += int(td.get("colspan") or 1) if (td.get("colspan") or "1").isdigit() else 1
        col = _fill_spanned(pending, cells, col)
        if len(cells) == 1:
            rows.extend(lines_of_single if len(tds) == 1 else cells)
        elif any(c.strip() for c in cells):
            rows.append("\t".join(cells))
    return rows


def _date_line(value: str) -> str:
    m = _DATE.search(value)
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日" if m else ""


def header_lines(meta: PageMeta, lines: list[str]) -> list[str]:
    """Title, 文号, issuer and date lines the article does not open with, for the parser's header."""
    head = _squash("".join(lines[:15]))
    everything = _squash("".join(lines))
    out = []
    if meta.title and _squash(meta.title) not in head:
        out.append(meta.title)
    if meta.doc_no and _squash(meta.doc_no) not in head:
        out.append(meta.doc_no)
    if meta.issuer and _squash(meta.issuer) not in {_squash(line) for line in lines[:15]}:
        out.append(meta.issuer)  # the issuing body on a line of its own, as a signature gives it
    date = _date_line(meta.date)
    if date and not _DATE.search(everything):
        out.append(date)
    return out


def read(data: bytes, name: str) -> str:
    """The article of a web page as plan text, with the page's metadata as header lines."""
    check_size(data, name, ".html", MAX_BYTES)
    # An XHTML page's <?xml … encoding="…"?> would make lxml refuse the already decoded text.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_html(data, name))
    if _ENTITIES.match(text):
        # Entity declarations are how expansion bombs start; lxml's HTML parser leaves them unexpanded, as text.
        # No published page carries an internal DTD, so one that does is refused, as .docx and .ofd are.
        raise ReadError(f"{name}: web page declares entities (an internal DTD); refused (entity expansion)")
    try:
        parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, default_doctype=False)
        doc = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ReadError(f"{name}: not a readable web page ({exc})") from None
    meta, holders = page_meta(doc)
    block = _metadata_block(holders)
    if block is not None:
        _remove(block)
    body = doc.find("body")
    if body is None:
        body = doc
    _strip_furniture(body)
    lines = [line for line in element_lines(main_content(body)) if line.strip()]
    if not lines:
        raise ReadError(f"{name}: no article text found in the web page")
    return "\n".join(header_lines(meta, lines) + lines)
