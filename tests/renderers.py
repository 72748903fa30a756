"""Plans rendered into the formats their authors' tools produce, for tests and benchmarks.

Word with automatic numbering, tracked changes, a comment, a footnote, headers and footers;
a government web page with navigation, breadcrumb, metadata table, share bar and footer;
a PDF printed by Chromium with an embedded CJK font, page numbers and a repeated table header;
an OFD laid out page by page with ruled tables. Each renderer takes the plan's .txt text.
"""
from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ingest.reader import decode

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def plan_text(path: str) -> str:
    return decode((ROOT / path).read_bytes(), path)


# ---- the plan as blocks: paragraphs and tables --------------------------------------------------

_PIPE_RULE = re.compile(r"^\|?[\s:|-]+\|?$")


def row_cells(line: str) -> list[str] | None:
    if "\t" in line:
        return line.split("\t")
    s = line.strip()
    if s.startswith("|") and s.count("|") >= 3:
        return [c.strip() for c in s.strip("|").split("|")]
    return None


@dataclass
class Table:
    rows: list[list[str] | str]  # a str is a heading row spanning the table ("一、工业领域…")

    @property
    def width(self) -> int:
        return max(len(r) for r in self.rows if isinstance(r, list))


def blocks(text: str) -> list[str | Table]:
    """Paragraphs (one per non-empty line) and tables (runs of tab or pipe rows; short lines between rows are heading rows)."""
    lines = [ln.rstrip() for ln in text.split("\n") if ln.strip() and not _PIPE_RULE.match(ln.strip())]
    out: list[str | Table] = []
    i = 0
    while i < len(lines):
        cells = row_cells(lines[i])
        if cells is None:
            out.append(lines[i])
            i += 1
            continue
        rows: list[list[str] | str] = [cells]
        i += 1
        while i < len(lines):
            cells = row_cells(lines[i])
            if cells is not None:
                rows.append(cells)
                i += 1
                continue
            gap = 0  # up to three short lines between rows are headings inside the table
            while i + gap < len(lines) and gap < 3 and row_cells(lines[i + gap]) is None and len(lines[i + gap]) <= 40:
                gap += 1
            if gap and i + gap < len(lines) and row_cells(lines[i + gap]) is not None:
                rows.extend(lines[i:i + gap])
                i += gap
                continue
            break
        out.append(Table(rows))
    return out


def head_count(items: list[str | Table]) -> int:
    """How many opening paragraphs are the document's heading block (up to the addressee line "…：")."""
    for k, b in enumerate(items[:8]):
        if isinstance(b, str) and b.rstrip().endswith(("：", ":")):
            return k
    return 1


def is_signature(line: str) -> bool:
    return bool(re.fullmatch(r"\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|.{2,20}(人民政府|办公室|办公厅|委员会|局))\s*", line))


def meta_of(text: str) -> dict[str, str]:
    """文号, issuer and date as a page's metadata table would show them (only what the text itself says)."""
    head = [ln.strip() for ln in text.split("\n") if ln.strip()][:15]
    doc_no = next((m.group(0) for ln in head if (m := re.search(r"[\u4e00-\u9fff]{1,10}〔\d{4}〕\d{1,4}号", ln))), "")
    issuer = next((ln for ln in head if re.fullmatch(r".{2,30}(人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|局)", ln)), "")
    date = next((ln for ln in head if re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日", ln)), "")
    return {"doc_no": doc_no, "issuer": issuer, "date": date, "title": head[0]}


# ---- markers and Word's automatic numbering ------------------------------------------------------

_CN = "一二三四五六七八九"


def cn_value(s: str) -> int:
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + _CN.index(s[1]) + 1
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN.index(tens) + 1) * 10 + (_CN.index(ones) + 1 if ones else 0)
    return _CN.index(s) + 1


CN = "[一二三四五六七八九十]{1,3}"
# style -> (pattern whose groups are prefix, numeral, suffix; numFmt; rank in the nesting order)
MARKERS = {
    "chapter": (re.compile(rf"^(第)({CN})(章)\s*"), "chineseCounting", 0),
    "section": (re.compile(rf"^(第)({CN})(节)\s*"), "chineseCounting", 1),
    "cn": (re.compile(rf"^()({CN})(、)\s*"), "chineseCounting", 2),
    "cn_paren": (re.compile(rf"^([（(])({CN})([）)])\s*"), "chineseCounting", 3),
    "article": (re.compile(rf"^(第)({CN})(条)\s*"), "chineseCounting", 4),
    "num": (re.compile(r"^()(\d{1,2})([.．、])(?!\d)\s*"), "decimal", 5),
    "num_paren": (re.compile(r"^([（(])(\d{1,2})([）)])\s*"), "decimal", 6),
}


def marker_of(line: str) -> tuple[str, str, str, int, str] | None:
    """(style, prefix, suffix, value, rest of the line) of a numbered line."""
    for style, (rx, _, _) in MARKERS.items():
        m = rx.match(line)
        if m:
            value = cn_value(m.group(2)) if MARKERS[style][1] == "chineseCounting" else int(m.group(2))
            return style, m.group(1), m.group(3), value, line[m.end():]
    return None


@dataclass
class WordLists:
    """One multilevel list per plan, as an author numbering a plan in Word would set it up."""

    levels: dict[tuple[str, str, str], int]  # (style, prefix, suffix) -> ilvl
    never_restart: set[int]  # levels the plan numbers on across their parents
    abstract_id: int = 90
    num_id: int = 90
    counters: list[int | None] | None = None
    started: set[tuple[int, int]] | None = None


def plan_lists(paragraphs: list[str]) -> WordLists:
    seen: dict[tuple[str, str, str], int] = {}
    order: list[tuple[tuple[str, str, str], int]] = []
    for p in paragraphs:
        mk = marker_of(p)
        if mk and mk[:3] not in seen:
            seen[mk[:3]] = len(seen)
            order.append((mk[:3], MARKERS[mk[0]][2]))
    keys = [k for k, _ in sorted(order, key=lambda kr: (kr[1], seen[kr[0]]))]
    levels = {k: i for i, k in enumerate(keys)}
    # A level that never goes back to 1 under a new parent numbers on (lvlRestart 0).
    never = set()
    for key, lvl in levels.items():
        values, parents_changed, restarted = [], False, False
        for p in paragraphs:
            mk = marker_of(p)
            if not mk:
                continue
            if levels[mk[:3]] < lvl:
                parents_changed = bool(values)
            elif mk[:3] == key:
                if parents_changed and mk[3] == 1:
                    restarted = True
                parents_changed = False
                values.append(mk[3])
        if len(values) > 1 and not restarted and values == sorted(values):
            never.add(lvl)
    return WordLists(levels, never, counters=[None] * 9, started=set())


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _el(tag: str, **attrs: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _sub(parent, tag: str, **attrs: str):
    el = _el(tag, **attrs)
    parent.append(el)
    return el


def add_numbering(doc, lists: WordLists) -> None:
    """The abstract list definition (one level per marker style) and its first instance, in numbering.xml."""
    numbering = doc.part.numbering_part.element
    ab = _el("w:abstractNum", abstractNumId=str(lists.abstract_id))
    _sub(ab, "w:multiLevelType", val="multilevel")
    for (style, prefix, suffix), ilvl in lists.levels.items():
        lvl = _sub(ab, "w:lvl", ilvl=str(ilvl))
        _sub(lvl, "w:start", val="1")
        _sub(lvl, "w:numFmt", val=MARKERS[style][1])
        if ilvl in lists.never_restart:
            _sub(lvl, "w:lvlRestart", val="0")
        _sub(lvl, "w:lvlText", val=f"{prefix}%{ilvl + 1}{suffix}")
        _sub(lvl, "w:lvlJc", val="left")
        ppr = _sub(lvl, "w:pPr")
        _sub(ppr, "w:ind", firstLine="640")
    first_num = numbering.find(f"{{{W_NS}}}num")
    if first_num is not None:
        first_num.addprevious(ab)  # every abstractNum precedes every num
    else:
        numbering.append(ab)
    add_num(doc, lists, None)


def add_num(doc, lists: WordLists, override: tuple[int, int] | None) -> None:
    """A list instance; with an override it restarts one level at a value ("Set Numbering Value" in Word)."""
    lists.num_id += 1
    num = _el("w:num", numId=str(lists.num_id))
    _sub(num, "w:abstractNumId", val=str(lists.abstract_id))
    if override:
        ov = _sub(num, "w:lvlOverride", ilvl=str(override[0]))
        _sub(ov, "w:startOverride", val=str(override[1]))
    doc.part.numbering_part.element.append(num)


def number_paragraph(doc, paragraph, lists: WordLists, style_key: tuple[str, str, str], value: int) -> None:
    """Give a paragraph Word numbering that shows `value`, adding an override where Word's count would differ."""
    assert lists.counters is not None and lists.started is not None
    ilvl = lists.levels[style_key]
    current = lists.counters[ilvl]
    if (current or 0) + 1 != value:
        add_num(doc, lists, (ilvl, value))
    lists.counters[ilvl] = value
    for deeper in range(ilvl + 1, 9):
        if deeper not in lists.never_restart:
            lists.counters[deeper] = None
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = _sub(ppr, "w:numPr")
    _sub(num_pr, "w:ilvl", val=str(ilvl))
    _sub(num_pr, "w:numId", val=str(lists.num_id))


# ---- .docx ---------------------------------------------------------------------------------------

FOOTNOTES = (
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>脚注：本方案所称规模以上企业指年主营业务收入2000万元及以上的工业企业。</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def _tracked_change(paragraph, text: str) -> None:
    """The paragraph's text with its middle part a tracked insertion and a tracked deletion beside it."""
    a, b = len(text) // 3, 2 * len(text) // 3
    paragraph.add_run(text[:a])
    ins = _sub(paragraph._p, "w:ins", id="901", author="审核人", date="2026-03-01T09:00:00Z")
    _sub(_sub(ins, "w:r"), "w:t").text = text[a:b]
    dele = _sub(paragraph._p, "w:del", id="902", author="审核人", date="2026-03-01T09:00:00Z")
    dt = _sub(_sub(dele, "w:r"), "w:delText")
    dt.text = "（已删除的旧表述：到2025年产值达到999亿元）"
    paragraph.add_run(text[b:])


def to_docx(text: str, auto_numbering: bool) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.shared import Pt

    doc = docx.Document()
    doc.styles["Normal"].font.size = Pt(16)
    items = blocks(text)
    paragraphs = [b for b in items if isinstance(b, str)]
    lists = plan_lists(paragraphs) if auto_numbering else None
    if lists:
        add_numbering(doc, lists)
    section = doc.sections[0]
    section.header.paragraphs[0].text = "页眉：本文件由办公室印发（不应出现在正文中）"
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    _sub(footer._p, "w:fldSimple", instr="PAGE").append(_el("w:r"))
    footer.add_run(" —")
    footnotes = Part(PackURI("/word/footnotes.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                     FOOTNOTES.encode(), doc.part.package)
    doc.part.relate_to(footnotes, RT.FOOTNOTES)
    heads = head_count(items)
    body_paragraphs, tracked = 0, False
    for k, b in enumerate(items):
        if isinstance(b, Table):
            table = doc.add_table(rows=0, cols=b.width)
            table.style = "Table Grid"
            for row in b.rows:
                cells = table.add_row().cells
                if isinstance(row, str):
                    merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
                    merged.text = row
                else:
                    for cell, value in zip(cells, row):
                        cell.text = value
            continue
        p = doc.add_paragraph()
        mk = marker_of(b) if lists else None
        line = mk[4] if mk else b
        if mk and lists:
            number_paragraph(doc, p, lists, mk[:3], mk[3])
        if k < heads:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif is_signature(b):
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        body_paragraphs += 1
        if not tracked and body_paragraphs >= 12 and len(line) >= 12:
            tracked = True
            _tracked_change(p, line)
        else:
            p.add_run(line)
        if body_paragraphs == 2:
            doc.add_comment(p.runs, text="批注：请核实文号（不应出现在正文中）", author="审核人")
        if body_paragraphs == 15:
            ref = _sub(p._p, "w:r")
            _sub(_sub(ref, "w:rPr"), "w:vertAlign", val="superscript")
            _sub(ref, "w:footnoteReference", id="1")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- .html ---------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政府信息公开_人民政府门户网站</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="2026-03-10 09:30">
<link rel="stylesheet" href="/css/style.css"><script>var _hmt = _hmt || []; document.write("统计代码");</script>
<style>.nav li{{float:left}}</style>
</head><body>
<div class="top-bar"><span>无障碍浏览</span><a href="/en/">English</a><a href="/login">登录</a></div>
<div class="header"><div class="logo">人民政府门户网站</div>
<form class="search" action="/search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zmhd/">政民互动</a></li>
<li><a href="/bsfw/">办事服务</a></li><li><a href="/zjxx/">走进本市</a></li></ul></div>
<div class="container">
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfwj/">政府文件</a></div>
<div class="xxgk-meta"><table class="xxgk-table">
<tr><td class="label">索 引 号：</td><td>11360200MB1234567X/2026-00012</td><td class="label">主题分类：</td><td>工业、交通</td></tr>
<tr><td class="label">发布机构：</td><td>{issuer}</td><td class="label">成文日期：</td><td>{date}</td></tr>
<tr><td class="label">文　　号：</td><td>{doc_no}</td><td class="label">发布日期：</td><td>2026-03-10</td></tr>
<tr><td class="label">标　　题：</td><td colspan="3">{title}</td></tr>
</table></div>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：2026-03-10 09:30　来源：政府办公室　浏览次数：2871　字号：[<a>大</a> <a>中</a> <a>小</a>]</div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="print-bar"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="related"><h3>相关文件</h3><ul><li><a href="/a.html">关于做好2026年重点工作的通知</a></li>
<li><a href="/b.html">2025年政府信息公开工作年度报告</a></li><li><a href="/c.html">政策解读：一图读懂行动方案</a></li></ul></div>
</div>
<div class="footer"><p>主办单位：人民政府办公室　承办单位：市大数据中心　<a href="/map">网站地图</a>　<a href="/lxwm">联系我们</a></p>
<p>网站标识码：3602000001　赣ICP备12345678号　赣公网安备 36020202000123号</p></div>
</body></html>
"""


def to_html(text: str, gbk: bool) -> bytes:
    items = blocks(text)
    heads = head_count(items)
    parts = []
    for k, b in enumerate(items):
        if isinstance(b, Table):
            rows = []
            for r, row in enumerate(b.rows):
                if isinstance(row, str):
                    rows.append(f'<tr><td colspan="{b.width}">{html.escape(row)}</td></tr>')
                else:
                    tag = "th" if r == 0 else "td"
                    rows.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row) + "</tr>")
            parts.append('<table border="1" cellspacing="0" style="border-collapse:collapse">' + "\n".join(rows) + "</table>")
        elif k < heads:
            parts.append(f'<p style="text-align:center"><strong>{html.escape(b)}</strong></p>')
        elif is_signature(b):
            parts.append(f'<p style="text-align:right">{html.escape(b)}</p>')
        else:
            parts.append(f'<p style="text-indent:2em">{html.escape(b)}</p>')
    meta = meta_of(text)
    page = PAGE.format(charset="gb2312" if gbk else "utf-8", body="\n".join(parts),
                       **{k: html.escape(v) for k, v in meta.items()})
    return page.encode("gb18030" if gbk else "utf-8")


# ---- .pdf (Chromium's print, fonts embedded) -------------------------------------------------------

PRINT_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 28.9pt; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.c { text-indent: 0; text-align: center; font-size: 18pt; line-height: 30pt; }
p.r { text-indent: 0; text-align: right; }
table { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 18pt; margin: 6pt 0; }
td, th { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; font-weight: normal; }
"""


def column_shares(table: Table) -> list[float]:
    """Column widths (percent) as a table's author would size them: wider for longer text, never starved."""
    lens = [max((len(r[i]) if isinstance(r, list) and i < len(r) else 0) for r in table.rows) for i in range(table.width)]
    weights = [max(n, 6) ** 0.7 for n in lens]
    return [100 * w / sum(weights) for w in weights]


def cell_html(text: str) -> str:
    """A cell listing several names ("政策法规处 局办公室") puts one per line."""
    return "<br>".join(html.escape(part) for part in text.split())


def print_html(text: str) -> str:
    items = blocks(text)
    heads = head_count(items)
    parts = []
    for k, b in enumerate(items):
        if isinstance(b, Table):
            first = b.rows[0]
            head = ""
            rows = b.rows
            if isinstance(first, list) and any(re.search(r"序号|任务|单位", c) for c in first):
                head = "<thead><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in first) + "</tr></thead>"
                rows = b.rows[1:]
            body = "".join(
                f'<tr><td colspan="{b.width}">{html.escape(r)}</td></tr>' if isinstance(r, str)
                else "<tr>" + "".join(f"<td>{cell_html(c)}</td>" for c in r) + "</tr>"
                for r in rows
            )
            cols = "".join(f'<col style="width:{w:.1f}%">' for w in column_shares(b))
            parts.append(f"<table><colgroup>{cols}</colgroup>{head}<tbody>{body}</tbody></table>")
        else:
            cls = ' class="c"' if k < heads else ' class="r"' if is_signature(b) else ""
            parts.append(f"<p{cls}>{html.escape(b)}</p>")
    return f'<html><head><meta charset="utf-8"><style>{PRINT_CSS}</style></head><body>{"".join(parts)}</body></html>'


FOOTER = '<div style="font-size:14pt;width:100%;text-align:center;font-family:Noto Serif CJK SC">— <span class="pageNumber"></span> —</div>'
HEADER = '<div style="font-size:9pt;width:100%;text-align:center;font-family:Noto Serif CJK SC">人民政府行政规范性文件</div>'


# ---- .ofd (laid out here: GB/T 9704 page, justified lines, ruled tables) ----------------------------

OFD_NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72  # one point in millimetres


@dataclass
class OfdLine:
    y: float  # baseline, mm from the top
    x: float
    size: float  # mm
    advances: list[float]  # per character
    text: str


def _width(ch: str, size: float) -> float:
    return size * (0.5 if ch.isascii() else 1.0)


def wrap(text: str, width: float, size: float, indent: float, hang: bool = True) -> list[tuple[str, float]]:
    """Greedy line breaking; closing punctuation never starts a line: in body text one hangs in the
    margin, in a table cell (no margin to hang in) or for several in a row a character moves down with it.

    Returns (line, x offset)."""
    out, line, used, first = [], "", 0.0, True
    limit = width - indent
    closing = "，。、；：）》”’！？"
    for ch in text:
        w = _width(ch, size)
        if line and used + w > limit + 1e-6 and ch != " ":  # a space at the break hangs, as it is not drawn
            carry = ""
            if ch in closing and line[-1] not in closing and hang:
                line, used = line + ch, used + w  # one closing mark hangs in the margin
                continue
            if ch in closing and len(line) > 2:
                carry, line = line[-1], line[:-1]  # two in a row: the last character moves down with them
            out.append((line, indent if first else 0.0))
            line, used, first, limit = carry, sum(_width(c, size) for c in carry), False, width
        line += ch
        used += w
    if line:
        out.append((line, indent if first else 0.0))
    return out


@dataclass
class OfdPage:
    lines: list[OfdLine]
    rules: list[tuple[float, float, float, float]]  # x0, y0, x1, y1 in mm


def layout_ofd(text: str) -> list[OfdPage]:
    left, top, width, bottom = 28.0, 37.0, 156.0, 297.0 - 35.0
    body, pitch, small, small_pitch = 16 * MM, 28.9 * MM, 12 * MM, 18 * MM
    items = blocks(text)
    heads = head_count(items)
    pages = [OfdPage([], [])]
    y = top

    def new_page() -> None:
        nonlocal y
        pages.append(OfdPage([], []))
        y = top

    def justify(line: str, size: float, full: bool, room: float) -> list[float]:
        adv = [_width(c, size) for c in line]
        if full and len(line) > 1:
            extra = (room - sum(adv)) / (len(line) - 1)
            adv = [a + max(extra, 0.0) for a in adv[:-1]] + [adv[-1]]
        return adv

    for k, b in enumerate(items):
        if isinstance(b, Table):
            cols = [width * share / 100 for share in column_shares(b)]
            header = b.rows[0] if isinstance(b.rows[0], list) else None

            def cell_lines(cell: str, w: float) -> list[tuple[str, float]]:
                # Names a cell lists ("政策法规处 局办公室") go one per line, as in the printed table.
                return [ln for part in cell.split() for ln in wrap(part, w - 2.0, small, 0.0, hang=False)] or [("", 0.0)]

            for r, row in enumerate(b.rows):
                spans = [(row, width)] if isinstance(row, str) else list(zip(row, cols))
                wrapped = [cell_lines(cell, w) for cell, w in spans]
                height = max(len(c) for c in wrapped) * small_pitch + 2.0
                if y + height > bottom:
                    new_page()
                    if header is not None and r > 0:  # repeat the header row, as Word does
                        hw = [cell_lines(c, w) for c, w in zip(header, cols)]
                        hh = max(len(c) for c in hw) * small_pitch + 2.0
                        _ofd_row(pages[-1], y, left, cols, hw, hh, small, small_pitch)
                        y += hh
                _ofd_row(pages[-1], y, left, [w for _, w in spans], wrapped, height, small, small_pitch)
                y += height
            y += 2.0
            continue
        centred, right = k < heads, is_signature(b)
        indent = 0.0 if centred or right else 2 * body
        lines = wrap(b, width, body, indent)
        for n, (line, offset) in enumerate(lines):
            if y + pitch > bottom:
                new_page()
            used = sum(_width(c, body) for c in line)
            full = n < len(lines) - 1 and not centred
            x = left + offset
            if centred:
                x = left + (width - used) / 2
            elif right:
                x = left + width - used
            adv = justify(line, body, full, width - offset)
            pages[-1].lines.append(OfdLine(y + pitch * 0.75, x, body, adv, line))
            y += pitch
    for n, page in enumerate(pages, start=1):
        label = f"— {n} —"
        used = sum(_width(c, 14 * MM) for c in label)
        page.lines.append(OfdLine(297.0 - 20.0, left + (width - used) / 2, 14 * MM, [_width(c, 14 * MM) for c in label], label))
    return pages


def _ofd_row(page: OfdPage, y: float, left: float, widths: list[float], wrapped, height: float, size: float, pitch: float) -> None:
    x = left
    page.rules.append((left, y, left + sum(widths), y))
    page.rules.append((left, y + height, left + sum(widths), y + height))
    for w, lines in zip(widths, wrapped):
        page.rules.append((x, y, x, y + height))
        for n, (line, _) in enumerate(lines):
            if line:
                page.lines.append(OfdLine(y + 1.0 + n * pitch + pitch * 0.75, x + 1.0, size, [_width(c, size) for c in line], line))
        x += w
    page.rules.append((x, y, x, y + height))


def _delta(advances: list[float]) -> str:
    """DeltaX in OFD's abbreviated form: runs of one value as "g N V"."""
    out, i = [], 0
    vals = [round(a, 3) for a in advances[:-1]]
    while i < len(vals):
        j = i
        while j < len(vals) and vals[j] == vals[i]:
            j += 1
        out.append(f"g {j - i} {vals[i]:g}" if j - i > 1 else f"{vals[i]:g}")
        i = j
    return " ".join(out)


def to_ofd(text: str) -> bytes:
    pages = layout_ofd(text)
    ns = f'xmlns:ofd="{OFD_NS}"'
    files: dict[str, str] = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   "<ofd:DocInfo><ofd:DocID>6c1c5d3f0a9e4b2f</ofd:DocID><ofd:Creator>PolicyKG test</ofd:Creator></ofd:DocInfo>"
                   "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/PublicRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:Fonts>'
                               '<ofd:Font ID="2" FontName="仿宋_GB2312" FamilyName="仿宋_GB2312"/></ofd:Fonts></ofd:Res>',
        "Doc_0/Tpls/Tpl_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID="3">'
                                        '<ofd:TextObject ID="4" Boundary="28 12 156 6" Font="2" Size="3.175">'
                                        f'<ofd:TextCode X="59.8" Y="3.6" DeltaX="g 11 3.175">人民政府行政规范性文件</ofd:TextCode></ofd:TextObject>'
                                        '<ofd:PathObject ID="5" Boundary="28 19 156 1" LineWidth="0.5"><ofd:AbbreviatedData>M 0 0.5 L 156 0.5</ofd:AbbreviatedData></ofd:PathObject>'
                                        "</ofd:Layer></ofd:Content></ofd:Page>",
    }
    page_refs = []
    next_id = 10
    for n, page in enumerate(pages):
        objs = []
        for line in page.lines:
            next_id += 1
            w = sum(line.advances)
            objs.append(f'<ofd:TextObject ID="{next_id}" Boundary="{line.x:.3f} {line.y - line.size:.3f} {w + 1:.3f} {line.size * 1.3:.3f}" '
                        f'Font="2" Size="{line.size:.3f}"><ofd:TextCode X="0" Y="{line.size:.3f}" DeltaX="{_delta(line.advances)}">'
                        f"{escape(line.text)}</ofd:TextCode></ofd:TextObject>")
        for x0, y0, x1, y1 in page.rules:
            next_id += 1
            objs.append(f'<ofd:PathObject ID="{next_id}" Boundary="{min(x0, x1):.3f} {min(y0, y1):.3f} {abs(x1 - x0) + 0.5:.3f} {abs(y1 - y0) + 0.5:.3f}" '
                        f'LineWidth="0.25"><ofd:AbbreviatedData>M 0 0 L {abs(x1 - x0):.3f} {abs(y1 - y0):.3f}</ofd:AbbreviatedData></ofd:PathObject>')
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Template TemplateID="1" ZOrder="Background"/>'
            f'<ofd:Content><ofd:Layer ID="{next_id + 1}">{"".join(objs)}</ofd:Layer></ofd:Content></ofd:Page>')
        page_refs.append(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
        next_id += 2
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>{next_id}</ofd:MaxUnitID>'
        "<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        '<ofd:TemplatePage ID="1" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f'<ofd:Pages>{"".join(page_refs)}</ofd:Pages></ofd:Document>')
    return build_zip(files)


def build_zip(files: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files.items():
            zf.writestr(name, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


# ---- Word 97-2003 through LibreOffice ---------------------------------------------------------------


def to_doc(text: str, workdir: Path, auto_numbering: bool = True) -> bytes:
    """The plan as a .doc written by LibreOffice itself from the .docx rendering (soffice must be installed)."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "plan.docx").write_bytes(to_docx(text, auto_numbering=auto_numbering))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--convert-to", "doc",
                    "--outdir", str(workdir), str(workdir / "plan.docx")], capture_output=True, timeout=120, check=True)
    return (workdir / "plan.doc").read_bytes()


# ---- PDF through Chromium's print ------------------------------------------------------------------


def has_cjk_font() -> bool:
    """True when fontconfig knows a Chinese font (Chromium needs one to print the plans)."""
    fc = shutil.which("fc-list")
    return bool(fc) and bool(subprocess.run([fc, ":lang=zh"], capture_output=True, text=True, timeout=30).stdout.strip())


def printer_missing() -> str | None:
    """Why PDFs cannot be printed here, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"chromium not found at {CHROMIUM} (`make browser` installs it)"
    if not has_cjk_font():
        return "no CJK font (`make browser` installs fonts-noto-cjk)"
    return None


def print_pdf(browser: Any, text: str) -> bytes:
    """The plan printed to PDF by a running Chromium (a Playwright browser)."""
    page = browser.new_page()
    try:
        page.set_content(print_html(text))
        return page.pdf(format="A4", display_header_footer=True, prefer_css_page_size=True,
                        header_template=HEADER, footer_template=FOOTER)
    finally:
        page.close()


@contextmanager
def pdf_printer() -> Iterator[Callable[[str], bytes]]:
    """Chromium's print to PDF (Playwright), which embeds the CJK font it used."""
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)

    try:
        yield lambda text: print_pdf(browser, text)
    finally:
        browser.close()
        pw.stop()


# ---- a library in mixed formats ---------------------------------------------------------------------

# The formats a library arrives in, in turn: Word with and without automatic numbering, a printed PDF,
# a government web page (GB2312 every other time), an OFD, and plain text.
LIBRARY_FORMATS = ("docx-numbered", "pdf", "html", "ofd", "docx", "html-gbk", "txt")


# A city plan that implements a provincial one: the library's 依据 link.
PROVINCE = ("安徽省人民政府办公厅关于印发安徽省制造业数字化转型行动方案的通知\n皖政办〔2024〕3号\n"
            "安徽省制造业数字化转型行动方案\n一、重点任务\n"
            "（一）推进改造。推动规上工业企业数字化改造。（省经济和信息化厅牵头，省财政厅配合）\n"
            "（二）培育服务商。培育一批数字化转型服务商。（省科技厅牵头）\n")
CITY = ("合肥市制造业数字化转型实施方案\n合肥市人民政府办公室\n"
        "为贯彻落实《安徽省制造业数字化转型行动方案》，制定本方案。\n一、重点任务\n"
        "（一）推进改造。推动企业数字化改造。（市经济和信息化局牵头，市财政局配合）\n"
        "（二）建设平台。建设工业互联网平台。（市工信局牵头）\n")


def library_sources(tmp: Path) -> list[Path]:
    """The library's 49 plans: bundled, synthetic, real development documents, and a province/city pair written into tmp."""
    pair = tmp / "pair"
    pair.mkdir()
    (pair / "anhui-digital-action.txt").write_text(PROVINCE, encoding="utf-8")
    (pair / "hefei-digital-implementation.txt").write_text(CITY, encoding="utf-8")
    return ([ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"]
            + sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
            + sorted((ROOT / "tests" / "data" / "real").glob("*.txt"))
            + sorted(pair.glob("*.txt")))


def _render(fmt: str, source: Path, print_pdf: Callable[[str], bytes] | None) -> tuple[bytes, str]:
    """One plan in one of LIBRARY_FORMATS: (file bytes, suffix)."""
    text = decode(source.read_bytes(), source.name)
    if fmt in ("docx-numbered", "docx"):
        return to_docx(text, auto_numbering=fmt == "docx-numbered"), ".docx"
    if fmt == "pdf" and print_pdf is not None:
        return print_pdf(text), ".pdf"
    if fmt in ("html", "html-gbk"):
        return to_html(text, gbk=fmt == "html-gbk"), ".html"
    if fmt == "ofd":
        return to_ofd(text), ".ofd"
    return source.read_bytes(), ".txt"


def render_library(sources: list[Path], out: Path, print_pdf: Callable[[str], bytes] | None) -> dict[str, str]:
    """Write each source plan into `out` in the next format of LIBRARY_FORMATS; returns {file name: format}.

    The file keeps its source's stem, so a document's id is the same in every format. Without a PDF
    printer the PDF turn goes to Word.
    """
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}
    for n, source in enumerate(sources):
        fmt = LIBRARY_FORMATS[n % len(LIBRARY_FORMATS)]
        if fmt == "pdf" and print_pdf is None:
            fmt = "docx-numbered"
        data, suffix = _render(fmt, source, print_pdf)
        name = source.stem + suffix
        (out / name).write_bytes(data)
        made[name] = fmt
    return made
