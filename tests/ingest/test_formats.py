"""Document formats: .docx, .pdf, .html, .ofd (and .doc/.wps through LibreOffice) read as plan text.

The key test is format invariance: plans (the bundled one, synthetic ones, real ones) are
rendered (tests/renderers.py) into each format the way their authors' tools would produce them (Word with
automatic numbering, tracked changes, a comment, a footnote, headers and footers; a
government web page with navigation, breadcrumb, metadata table, share bar and footer;
a PDF printed by Chromium with an embedded CJK font, page numbers and a repeated table
header; an OFD laid out page by page with ruled tables), and each must parse to exactly
the items, units and targets of its .txt twin. Then bad input: every broken, hostile or
unsupported file is a ReadError naming the file, within 5 seconds.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hostile import TEXT_PDF, encrypted, laughs_docx, scanned_pdf, traversal_ofd, zip_bomb
from renderers import OFD_NS, W_NS, build_zip, pdf_printer, plan_text, printer_missing, to_doc, to_docx, to_html, to_ofd

from ingest.formats import FORMAT_SUFFIXES, extract_text
from ingest.parse import parse_plan
from ingest.reader import SUPPORTED_SUFFIXES, ReadError, decode

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

# (file, render the .docx with Word's automatic numbering instead of literal markers)
PLANS = [
    ("corpus/jingdezhen-cluster-plan-2026-2028.txt", True),  # bundled; tasks numbered 1-15 across sections
    ("tests/data/plans/hexi-low-altitude-measures-articles.txt", True),  # 第X条
    ("tests/data/plans/lanjiang-province-silver-economy-fullwidth-dot.txt", True),  # "1．" restarting per chapter
    ("tests/data/plans/chengpu-energy-storage-annex-table.txt", True),  # annex task table
    ("tests/data/real/shanghai-2025-bci-future-industry.txt", True),  # real; 1.-17. across chapters
    ("tests/data/plans/qingchuan-equipment-renewal-task-table.txt", False),  # task table with heading rows
    ("tests/data/plans/yuanyang-logistics-plan-chapters.txt", False),  # 第X章/第X节, 专栏 boxes
    ("tests/data/plans/jingdezhen-ceramics-gb18030.txt", False),  # GB18030 text
    ("tests/data/real/national-2018-guofa39-employment.txt", False),  # real; （十一） numbering
    ("tests/data/real/pingtan-2018-jingfa-gov-openness-task-table.txt", False),  # real; markdown table
]



# ---- format invariance ---------------------------------------------------------------------------


def summary(plan) -> tuple[list, list]:
    """What must not depend on the file format: items with their units and targets, and the plan-wide targets."""
    def target(t) -> tuple:
        return (t.value, t.unit, t.comparator, t.year)

    items = [(i.number, i.heading, [u.name for u in i.units if u.role == "lead"], [u.name for u in i.units if u.role == "co"],
              [target(t) for t in i.targets]) for i in plan.items]
    return items, [target(t) for t in plan.goal_targets]


@pytest.fixture(scope="module")
def baselines(lexicon, seg) -> dict[str, tuple[list, list]]:
    out = {}
    for path, _ in PLANS:
        plan = parse_plan(plan_text(path), Path(path).name, lexicon, seg)
        assert plan.items, path  # a plan without items would prove nothing
        out[path] = summary(plan)
    return out


def check_same(path: str, data: bytes, suffix: str, lexicon, seg, baselines) -> None:
    name = Path(path).stem + suffix
    started = time.perf_counter()
    text = decode(data, name)
    assert time.perf_counter() - started < 5, f"{name}: reading took too long"
    got = summary(parse_plan(text, name, lexicon, seg))
    want = baselines[path]
    assert got[0] == want[0], f"{name}: items differ from the .txt"
    assert got[1] == want[1], f"{name}: plan-wide targets differ from the .txt"


def test_at_least_eight_plans_half_with_word_numbering() -> None:
    assert len(PLANS) >= 8 and sum(auto for _, auto in PLANS) * 2 >= len(PLANS)
    assert sum("/real/" in p for p, _ in PLANS) >= 2 and not any("heldout" in p for p, _ in PLANS)


@pytest.mark.parametrize("path, auto", PLANS, ids=[Path(p).stem for p, _ in PLANS])
def test_docx_gives_the_same_plan(path: str, auto: bool, lexicon, seg, baselines) -> None:
    data = to_docx(plan_text(path), auto_numbering=auto)
    if auto:  # the markers really are Word's numbering, not text
        xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
        assert "<w:numPr>" in xml and not re.search(r"<w:t>(?:[一二三四五六七八九十]+、|\d{1,2}[.．])", xml)
    check_same(path, data, ".docx", lexicon, seg, baselines)


@pytest.mark.parametrize("path, auto", PLANS, ids=[Path(p).stem for p, _ in PLANS])
def test_html_page_gives_the_same_plan(path: str, auto: bool, lexicon, seg, baselines) -> None:
    # Half the pages are GB2312-declared, as older government sites still serve them.
    check_same(path, to_html(plan_text(path), gbk=not auto), ".html", lexicon, seg, baselines)


@pytest.mark.parametrize("path, auto", PLANS, ids=[Path(p).stem for p, _ in PLANS])
def test_ofd_gives_the_same_plan(path: str, auto: bool, lexicon, seg, baselines) -> None:
    check_same(path, to_ofd(plan_text(path)), ".ofd", lexicon, seg, baselines)


@pytest.fixture(scope="module")
def printer():
    """Chromium's print to PDF, or a skip saying what is missing."""
    missing = printer_missing()
    if missing:
        pytest.skip(missing)
    pytest.importorskip("playwright.sync_api")
    with pdf_printer() as render:
        yield render


@pytest.mark.slow
@pytest.mark.parametrize("path, auto", PLANS, ids=[Path(p).stem for p, _ in PLANS])
def test_pdf_gives_the_same_plan(path: str, auto: bool, printer, lexicon, seg, baselines) -> None:
    data = printer(plan_text(path))
    # The glyphs travel in the file: Chromium embeds Noto CJK's CFF outlines as Type 3 glyph procedures.
    assert b"/FontFile" in data or b"/CharProcs" in data
    check_same(path, data, ".pdf", lexicon, seg, baselines)


# ---- .docx details ---------------------------------------------------------------------------------


def docx_from_body(body: str, numbering: str = "", styles_extra: str = "") -> bytes:
    """A minimal hand-written .docx: [Content_Types], rels, document.xml (and numbering.xml, styles.xml)."""
    ns = f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' \
         'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' \
         'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' \
         'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
        '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
        "</Types>",
        "_rels/.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/_rels/document.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/numbering" Target="numbering.xml"/>'
        f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        "word/document.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>',
        "word/numbering.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {ns}>{numbering}</w:numbering>',
        "word/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><w:styles {ns}>{styles_extra}</w:styles>',
    }
    return build_zip(files)


def p(text: str = "", num: tuple[int, int] | None = None, style: str | None = None, inner: str | None = None) -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + (
            f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>' if num else "") + "</w:pPr>"
    run = inner if inner is not None else '<w:r><w:t xml:space="preserve">' + escape(text) + "</w:t></w:r>"
    return f"<w:p>{ppr}{run}</w:p>"


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


GB_LIST = ('<w:abstractNum w:abstractNumId="1">' + lvl(0, "chineseCounting", "%1、") + lvl(1, "chineseCounting", "（%2）")
           + lvl(2, "decimal", "%3.") + lvl(3, "decimal", "（%4）") + "</w:abstractNum>")


def test_word_numbering_renders_the_gb_markers_with_restarts() -> None:
    body = "".join([
        p("总体要求", (1, 0)), p("指导思想", (1, 1)), p("主要目标", (1, 1)),
        p("重点任务", (1, 0)), p("壮大产业", (1, 1)), p("培育龙头", (1, 2)), p("细项", (1, 3)), p("细项二", (1, 3)),
        p("扶持中小", (1, 2)), p("细项", (1, 3)), p("优化生态", (1, 1)), p("完善服务", (1, 2)),
        p("不编号的段落"), p("编号关闭", (0, 0)),
    ])
    text = extract_text("plan.docx", docx_from_body(body, GB_LIST + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'))
    assert text.split("\n") == [
        "一、总体要求", "（一）指导思想", "（二）主要目标", "二、重点任务", "（一）壮大产业", "1.培育龙头", "（1）细项",
        "（2）细项二", "2.扶持中小", "（1）细项", "（二）优化生态", "1.完善服务", "不编号的段落", "编号关闭",
    ]


def test_word_numbering_counts_past_ten_in_chinese_and_other_formats() -> None:
    from ingest.formats.docx import chinese_counting

    assert [chinese_counting(n) for n in (1, 10, 11, 19, 20, 21, 99, 100, 101, 110, 1000)] == [
        "一", "十", "十一", "十九", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十", "一千"]
    numbering = ('<w:abstractNum w:abstractNumId="1">' + lvl(0, "chineseCounting", "第%1条") + lvl(1, "decimalEnclosedCircle", "%2")
                 + lvl(2, "upperRoman", "%3.") + lvl(3, "ideographTraditional", "%4、") + lvl(4, "bullet", "\uf0b7●")
                 + "</w:abstractNum>" + '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    body = "".join(p(f"条{k}", (1, 0)) for k in range(12)) + p("圈", (1, 1)) + p("罗马", (1, 2)) + p("甲", (1, 3)) + p("点", (1, 4))
    lines = extract_text("plan.docx", docx_from_body(body, numbering)).split("\n")
    assert lines[0] == "第一条 条0" and lines[9] == "第十条 条9" and lines[11] == "第十二条 条11"
    assert lines[12:] == ["①圈", "I.罗马", "甲、甲", "●点"]


def test_word_numbering_start_override_never_restart_and_legal_numbers() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="1">' + lvl(0, "chineseCounting", "（%1）")
        + lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>') + "</w:abstractNum>"
        '<w:abstractNum w:abstractNumId="2">' + lvl(0, "decimal", "%1.") + lvl(1, "chineseCounting", "%1.%2", extra="<w:isLgl/>") + "</w:abstractNum>"
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    )
    body = "".join([
        p("甲", (1, 0)), p("任务", (1, 1)), p("任务", (1, 1)), p("乙", (1, 0)), p("任务", (1, 1)),  # tasks number on: 1 2 3
        p("跳到五", (2, 0)), p("接着", (1, 0)),  # an instance with a start override restarts the shared count
        p("章", (3, 0)), p("节", (3, 1)), p("节", (3, 1)),
    ])
    assert extract_text("plan.docx", docx_from_body(body, numbering)).split("\n") == [
        "（一）甲", "1.任务", "2.任务", "（二）乙", "3.任务", "（五）跳到五", "（六）接着", "1.章", "1.1 节", "1.2 节"]


def test_word_numbering_from_paragraph_styles() -> None:
    styles = ('<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="H1"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="ListStyle"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>')
    numbering = ('<w:abstractNum w:abstractNumId="1">' + lvl(0, "chineseCounting", "%1、").replace("</w:lvl>", '<w:pStyle w:val="H1"/></w:lvl>')
                 + lvl(1, "chineseCounting", "（%2）").replace("</w:lvl>", '<w:pStyle w:val="H2"/></w:lvl>') + "</w:abstractNum>"
                 '<w:abstractNum w:abstractNumId="7"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="8"><w:styleLink w:val="ListStyle"/>' + lvl(0, "decimal", "%1．") + "</w:abstractNum>"
                 '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="8"/></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>')
    body = p("总体要求", style="H1") + p("目标", style="H2") + p("任务", style="H1") + p("第一项", (3, 0)) + p("第二项", (3, 0))
    assert extract_text("plan.docx", docx_from_body(body, numbering, styles)).split("\n") == [
        "一、总体要求", "（一）目标", "二、任务", "1．第一项", "2．第二项"]


def test_tracked_changes_accepted_and_hidden_parts_left_out() -> None:
    run = '<w:r><w:t xml:space="preserve">{}</w:t></w:r>'
    body = (
        p(inner=run.format("到2028年产值达到")
          + '<w:ins w:id="1" w:author="a"><w:r><w:t>2000</w:t></w:r></w:ins>'
          + '<w:del w:id="2" w:author="a"><w:r><w:delText>1500</w:delText></w:r></w:del>'
          + run.format("亿元")
          + '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>（移走的文字）</w:t></w:r></w:moveFrom>'
          + '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
          + '<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
          + '<w:r><w:footnoteReference w:id="1"/></w:r>'
          + '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
          + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
          + '<w:hyperlink r:id="x" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:r><w:t>，详见附件</w:t></w:r></w:hyperlink>'
          + run.format("。"))
        # A paragraph whose mark was deleted runs on into the next one.
        + '<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>' + p("后半句。")
        + '<w:sdt><w:sdtContent>' + p("内容控件里的段落。") + "</w:sdtContent></w:sdt>"
        + p(inner=run.format("图文框：") + '<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            '<wps:wsp><wps:txbx><w:txbxContent>' + p("专栏1 重点项目") + "</w:txbxContent></wps:txbx></wps:wsp>"
            "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></mc:Choice>"
            "<mc:Fallback><w:r><w:pict><w:txbxContent>" + p("专栏1 重点项目") + "</w:txbxContent></w:pict></w:r></mc:Fallback></mc:AlternateContent>")
    )
    assert extract_text("plan.docx", docx_from_body(body)).split("\n") == [
        "到2028年产值达到2000亿元，详见附件。", "前半句，后半句。", "内容控件里的段落。", "图文框：", "专栏1 重点项目"]


def test_tables_rows_by_tab_merged_cells_and_section_rows() -> None:
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=4, cols=3)
    for r, row in enumerate([["序号", "重点任务", "责任单位"], ["一、工业领域", "", ""], ["1", "技术改造", "市工信局"], ["2", "节能降碳", ""]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(1, 2)).text = "一、工业领域"
    table.cell(2, 2).merge(table.cell(3, 2))  # one unit for two tasks, merged vertically
    table.cell(2, 2).add_paragraph("市发改委")
    out = io.BytesIO()
    doc.save(out)
    assert extract_text("t.docx", out.getvalue()).split("\n") == [
        "序号\t重点任务\t责任单位", "一、工业领域", "1\t技术改造\t市工信局 市发改委", "2\t节能降碳\t市工信局 市发改委"]


def test_docx_headers_footers_comments_footnotes_stay_out() -> None:
    text = extract_text("p.docx", to_docx(plan_text(PLANS[0][0]), auto_numbering=True))
    assert "页眉" not in text and "批注" not in text and "脚注" not in text and "已删除" not in text and "— " not in text
    assert text.split("\n")[0] == "景德镇市人民政府办公室关于印发"


# ---- .pdf, .html, .ofd details ------------------------------------------------------------------------


def test_radical_code_points_from_pdf_writers_become_ideographs() -> None:
    from ingest.formats.layout import unify_ideographs

    assert unify_ideographs("⻘川市⼈⺠政府办公室⻓期⻔⼾") == "青川市人民政府办公室长期门户"


def test_layout_drops_page_numbers_and_running_headers_and_joins_wrapped_lines() -> None:
    from ingest.formats.layout import Glyph, Page, pages_text

    def line(page: Page, x: float, y: float, text: str, size: float = 16.0) -> None:
        for i, ch in enumerate(text):
            page.glyphs.append(Glyph(x + i * size, x + (i + 1) * size, y, y + size, size, ch))

    pages, bodies = [], []
    for n in range(3):
        page = Page(595, 842)
        line(page, 230, 30, "某市人民政府文件", 9)  # a running header
        body = f"{'一二三'[n]}、总体要求第一段文字很长需要换行才能写完全部内容，并且继续写到第二行为止。"
        line(page, 112, 120, body[:25])  # indented first line, full: 25 x 16 from 112 to 512
        line(page, 80, 150, body[25:])  # its wrapped rest, from the left margin
        for k in range(6):
            line(page, 112, 180 + 30 * k, f"（{'一二三四五六'[k]}）短段落。")
        line(page, 80, 360, ("另一段从左边开始的文字" * 3)[:27])  # 27 x 16: full, but the next line is indented
        line(page, 112, 390, "新的段落。")
        line(page, 280, 800, f"— {n + 1} —", 14)  # the page number
        pages.append(page)
        bodies.append(body)
    lines = pages_text(pages).split("\n")
    assert [ln for ln in lines if "总体要求" in ln] == bodies
    assert "某市人民政府文件" not in lines and not any("—" in ln for ln in lines)
    assert lines.count("新的段落。") == 3 and len(lines) == 3 * 9


def test_pdf_with_only_an_owner_password_is_read() -> None:
    assert extract_text("open.pdf", TEXT_PDF) == "Plan text layer"
    assert extract_text("protected.pdf", encrypted(TEXT_PDF, "", "owner-secret")) == "Plan text layer"


def test_gov_page_metadata_becomes_header_lines() -> None:
    page = """<html><head><meta charset="gb2312"><title>关于印发某某方案的通知_某市人民政府</title></head><body>
    <div class="BreadcrumbNav">首页 &gt; 政策 &gt; 文件</div>
    <table class="bd1"><tr><td><b>索 引 号：</b></td><td>000014349/2026-00012</td><td><b>主题分类：</b></td><td>工业</td></tr>
    <tr><td><b>发文机关：</b></td><td>某市人民政府办公室</td><td><b>成文日期：</b></td><td>2026年03月05日</td></tr>
    <tr><td><b>标　　题：</b></td><td colspan="3">某市人民政府办公室关于印发某市数字经济行动方案的通知</td></tr>
    <tr><td><b>发文字号：</b></td><td>某府办发〔2026〕7号</td><td><b>发布日期：</b></td><td>2026年03月10日</td></tr></table>
    <div class="main-content position-relative"><div id="UCAP-CONTENT" class="pages_content">
    <p>各县（市、区）人民政府，市政府各部门：</p><p>现将《某市数字经济行动方案》印发给你们，请认真贯彻落实。</p>
    <p>某市数字经济行动方案</p><p>一、重点任务</p><p>（一）建设数字基础设施。到2027年，建成5G基站3000个。（责任单位：市工信局）</p>
    <table border="1"><tr><td rowspan="2">序号1</td><td>任务甲</td></tr><tr><td>任务乙</td></tr></table>
    <div class="share">分享到：微信 微博</div></div></div>
    <div class="footer">网站标识码：1234 ICP备12345号</div></body></html>"""
    lines = extract_text("page.html", page.encode("gb18030")).split("\n")
    assert lines[:4] == ["某市人民政府办公室关于印发某市数字经济行动方案的通知", "某府办发〔2026〕7号", "某市人民政府办公室", "2026年3月5日"]
    assert lines[4] == "各县（市、区）人民政府，市政府各部门："
    assert "序号1\t任务甲" in lines and "序号1\t任务乙" in lines  # a rowspan repeats its text
    assert not any(w in "".join(lines) for w in ("首页", "分享到", "网站标识码", "索引号", "索 引 号"))


def test_ofd_reads_text_objects_by_position_not_by_file_order() -> None:
    ns = f'xmlns:ofd="{OFD_NS}"'
    content = (f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="1">'
               '<ofd:TextObject ID="2" Boundary="40 60 100 10" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 3 5">第二行</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="3" Boundary="60 40 100 10" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="5">右边</ofd:TextCode></ofd:TextObject>'
               '<ofd:TextObject ID="4" Boundary="40 40 30 10" Size="5" CTM="1 0 0 1 0 0"><ofd:TextCode X="0" Y="5">左边</ofd:TextCode></ofd:TextObject>'
               "</ofd:Layer></ofd:Content></ofd:Page>")
    files = {
        "OFD.xml": f"<ofd:OFD {ns} Version=\"1.0\"><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                              '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/Pages/Page_0/Content.xml": content,
    }
    assert extract_text("doc.ofd", build_zip(files)).split("\n") == ["左边 右边", "第二行"]


# ---- bad input: a clear ReadError naming the file, within 5 s ---------------------------------------


def refused(name: str, data: bytes, needle: str) -> str:
    started = time.perf_counter()
    with pytest.raises(ReadError) as err:
        decode(data, name)
    assert time.perf_counter() - started < 5, f"{name}: took {time.perf_counter() - started:.1f} s to refuse"
    message = str(err.value)
    assert message.startswith(f"{name}: ") and needle in message, message
    return message


def test_scanned_pdf_has_no_text_layer() -> None:
    refused("scan.pdf", scanned_pdf(), "no text layer (scanned PDF); OCR is not supported")


def test_encrypted_pdf_needs_its_password() -> None:
    refused("secret.pdf", encrypted(TEXT_PDF, "user-secret", "owner-secret"), "encrypted PDF")


def test_corrupted_pdf() -> None:
    refused("broken.pdf", b"%PDF-1.7\n" + os.urandom(4000), "not a readable PDF")
    refused("fake.pdf", b"<html>not a pdf</html>", "not a PDF file")


def test_corrupted_docx() -> None:
    good = to_docx("一、总体要求\n（一）目标。", auto_numbering=False)
    refused("broken.docx", good[: len(good) // 2], "not a valid .docx")
    refused("random.docx", os.urandom(5000), "not a valid .docx")
    no_document = build_zip({"[Content_Types].xml": "<Types/>", "word/other.xml": "<x/>"})
    refused("empty-package.docx", no_document, "not a readable Word document")


def test_docx_zip_bomb_is_refused_before_inflating() -> None:
    bomb = zip_bomb()
    assert len(bomb) < 2_000_000
    refused("bomb.docx", bomb, "zip bomb")
    many = build_zip({f"word/media/{n}.xml": "<x/>" for n in range(2500)})
    refused("many.docx", many, "zip entries")


def test_entity_expansion_inside_docx_is_refused() -> None:
    refused("laughs.docx", laughs_docx(), "entity")
    zin = zipfile.ZipFile(io.BytesIO(docx_from_body("")))
    files = {n: zin.read(n) for n in zin.namelist()}
    files["word/document.xml"] = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                  f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>').encode()
    refused("xxe.docx", build_zip(files), "entity")


def test_ofd_with_path_traversal_or_escaping_reference_is_refused() -> None:
    good = zipfile.ZipFile(io.BytesIO(to_ofd("一、总体要求\n（一）目标。")))
    files = {n: good.read(n) for n in good.namelist()}
    refused("evil.ofd", build_zip({**files, "../../etc/cron.d/x": b"* * * * * root true"}), "unsafe path")
    refused("abs.ofd", build_zip({**files, "/etc/passwd": b"x"}), "unsafe path")
    escaping = files["OFD.xml"].replace(b"Doc_0/Document.xml", b"../outside/Document.xml")
    refused("escape.ofd", build_zip({**files, "OFD.xml": escaping}), "outside the package")
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + files["OFD.xml"].split(b"?>", 1)[1]
    refused("dtd.ofd", build_zip({**files, "OFD.xml": dtd}), "entity")


def test_ofd_without_text_or_damaged() -> None:
    good = zipfile.ZipFile(io.BytesIO(to_ofd("一、总体要求")))
    files = {n: good.read(n) for n in good.namelist()}
    image = b'<ofd:ImageObject ID="900" ResourceID="901" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
    blank = re.sub(rb"<ofd:TextObject.*?</ofd:TextObject>", b"", files["Doc_0/Pages/Page_0/Content.xml"]).replace(b"</ofd:Layer>", image + b"</ofd:Layer>")
    tpl = re.sub(rb"<ofd:TextObject.*?</ofd:TextObject>", b"", files["Doc_0/Tpls/Tpl_0/Content.xml"])
    refused("scan.ofd", build_zip({**files, "Doc_0/Pages/Page_0/Content.xml": blank, "Doc_0/Tpls/Tpl_0/Content.xml": tpl}), "no text layer")
    refused("no-root.ofd", build_zip({"Doc_0/Document.xml": files["Doc_0/Document.xml"]}), "missing 'OFD.xml'")
    refused("random.ofd", os.urandom(3000), "not a valid .ofd")


def test_huge_html_page_is_refused_quickly() -> None:
    page = b"<html><body><p>" + "政策文本".encode() * (50_000_000 // 12) + b"</p></body></html>"
    assert len(page) > 50_000_000
    refused("huge.html", page, "exceeds")


def test_unknown_extension_and_unsupported_binary() -> None:
    with pytest.raises(ReadError, match=r"^plan\.xyz: unsupported file type \.xyz"):
        extract_text("plan.xyz", b"some bytes")
    refused("register.xlsx", build_zip({"xl/workbook.xml": "<x/>"}), "unsupported file type .xlsx")
    refused("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "unsupported file type .png")


def test_a_pdf_under_a_text_name_is_read_as_pdf() -> None:
    assert decode(TEXT_PDF, "upload.txt") == "Plan text layer"


def test_empty_documents() -> None:
    for name in ("a.docx", "a.pdf", "a.html", "a.ofd", "a.doc"):
        refused(name, b"", "empty")


# ---- .doc / .wps through LibreOffice --------------------------------------------------------------------


# The start of a Word 97-2003 file: the compound-file signature, and its WordDocument stream named in the directory.
WORD97 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le") + bytes(100)


def fake_office(tmp_path: Path, script: str) -> Path:
    """A `soffice` on PATH that is a shell script: the conversion path without installing LibreOffice."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text("#!/bin/sh\n" + script)
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def test_doc_without_libreoffice_says_how_to_proceed(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    msg = refused("old.doc", ole, "need LibreOffice to be read")
    assert "apt-get install libreoffice-writer" in msg and "save the file as .docx" in msg
    refused("old.wps", ole, ".wps files need LibreOffice")


def test_doc_is_converted_by_libreoffice_in_a_temporary_folder(monkeypatch, tmp_path: Path) -> None:
    docx_bytes = to_docx("一、总体要求\n（一）主要目标。到2028年，产值达到100亿元。", auto_numbering=True)
    (tmp_path / "converted.docx").write_bytes(docx_bytes)
    log = tmp_path / "calls.txt"
    # Like soffice: read the input named last, write <outdir>/<stem>.docx; record where it ran.
    script = (f'echo "$PWD|$HOME|$*" >> {log}\n'
              'while [ $# -gt 1 ]; do if [ "$1" = "--outdir" ]; then out="$2"; fi; shift; done\n'
              'stem=$(basename "$1"); stem="${stem%.*}"\n'
              f'cp {tmp_path / "converted.docx"} "$out/$stem.docx"\n')
    monkeypatch.setenv("PATH", f"{fake_office(tmp_path, script)}:{os.environ['PATH']}")
    assert decode(WORD97, "旧方案.doc") == "一、总体要求\n（一）主要目标。到2028年，产值达到100亿元。"
    assert decode(WORD97, "金山.wps").startswith("一、总体要求")
    calls = log.read_text().splitlines()
    assert len(calls) == 2
    cwd, home, args = calls[0].split("|")
    assert cwd == home and Path(cwd).parent == Path(tempfile.gettempdir()) and not Path(cwd).exists()
    assert "--headless" in args and "--infilter=MS Word 97" in args and "旧方案" not in args  # the user's name never becomes a path
    refused("garbage.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(600), "not a Word 97-2003 or WPS document")


def test_doc_conversion_that_hangs_or_fails_is_an_error(monkeypatch, tmp_path: Path) -> None:
    from ingest.formats import legacy

    monkeypatch.setattr(legacy, "CONVERT_TIMEOUT_S", 1.0)
    monkeypatch.setenv("PATH", f"{fake_office(tmp_path, 'sleep 30')}:{os.environ['PATH']}")
    refused("slow.doc", WORD97, "did not convert")
    (tmp_path / "bin" / "soffice").write_text("#!/bin/sh\nexit 1\n")
    refused("bad.doc", WORD97, "could not convert")


def test_doc_that_is_really_docx_or_html_is_read_directly(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice needed
    assert decode(to_docx("一、总体要求", auto_numbering=False), "saved-as.doc") == "一、总体要求"
    assert decode("<html><body><p>一、总体要求</p></body></html>".encode(), "web.doc") == "一、总体要求"


# ---- the reader's table ------------------------------------------------------------------------------------


def test_supported_suffixes_and_folders(tmp_path: Path) -> None:
    from ingest.reader import collect_files

    assert set(FORMAT_SUFFIXES) == {".docx", ".pdf", ".html", ".htm", ".ofd", ".doc", ".wps"}
    assert {".txt", ".md", ".yaml"} <= set(SUPPORTED_SUFFIXES) and set(FORMAT_SUFFIXES) <= set(SUPPORTED_SUFFIXES)
    for name in ("a.docx", "b.PDF", "c.htm", "d.ofd", "e.txt", "f.png"):
        (tmp_path / name).write_bytes(b"x")
    files, _ = collect_files([tmp_path])
    assert [f.name for f in files] == ["a.docx", "b.PDF", "c.htm", "d.ofd", "e.txt"]


def test_docx_table_of_contents_is_left_out() -> None:
    styles = '<w:style w:type="paragraph" w:styleId="11"><w:name w:val="toc 1"/></w:style>'
    body = (p("目录") + p("第一章 总则\t1", style="11")
            + '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
            '<w:sdtContent>' + p("第二章 任务\t3") + "</w:sdtContent></w:sdt>"
            + p("第一章 总则") + p(inner='<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>看得见的文字</w:t></w:r>'))
    assert extract_text("toc.docx", docx_from_body(body, styles_extra=styles)).split("\n") == ["目录", "第一章 总则", "看得见的文字"]


def test_layout_table_cut_by_a_page_break_with_its_header_repeated() -> None:
    from ingest.formats.layout import Glyph, Page, Rule, pages_text

    def text(page: Page, x: float, y: float, s: str, size: float = 12.0) -> None:
        for i, ch in enumerate(s):
            page.glyphs.append(Glyph(x + i * size, x + (i + 1) * size, y, y + size, size, ch))

    def grid(page: Page, ys: list[float], bottom: float, xs: list[float]) -> None:
        for y in ys:  # drawn row borders (none at `bottom` when the row is cut there)
            page.rules.append(Rule(xs[0], y - 0.4, xs[-1], y + 0.4))
        for x in xs:
            page.rules.append(Rule(x - 0.4, ys[0], x + 0.4, bottom))

    xs = [80.0, 120.0, 400.0, 520.0]
    first, second = Page(595, 842), Page(595, 842)
    grid(first, [600, 620, 700], 800, xs)  # header 600-620, row 1 620-700, row 2 700-800 cut by the page end
    text(first, 82, 604, "序号"), text(first, 122, 604, "重点任务"), text(first, 402, 604, "责任单位")
    text(first, 82, 624, "1"), text(first, 122, 624, "实施技术改造。"), text(first, 402, 624, "市工信局")
    task = "推进重点行业节能降碳改造，对标能效标杆水平，推动钢铁、水泥行业改造。"
    text(first, 82, 704, "2"), text(first, 122, 704, task[:23]), text(first, 402, 704, "市发改委")  # 23 chars fill the cell
    grid(second, [100, 120, 160], 160, xs)  # the repeated header, then the rest of row 2
    text(second, 82, 104, "序号"), text(second, 122, 104, "重点任务"), text(second, 402, 104, "责任单位")
    text(second, 122, 124, task[23:]), text(second, 402, 124, "市生态环境局")
    assert pages_text([first, second]).split("\n") == [
        "序号\t重点任务\t责任单位", "1\t实施技术改造。\t市工信局", f"2\t{task}\t市发改委 市生态环境局"]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed (apt-get install libreoffice-writer)")
@pytest.mark.parametrize("path", [PLANS[1][0], PLANS[5][0]], ids=["word-numbering", "task-table"])
def test_real_word97_file_gives_the_same_plan(path: str, tmp_path: Path, lexicon, seg, baselines) -> None:
    """A .doc written by LibreOffice itself (from the .docx rendering), read back through LibreOffice."""
    check_same(path, to_doc(plan_text(path), tmp_path, auto_numbering=path == PLANS[1][0]), ".doc", lexicon, seg, baselines)



def test_a_batch_of_hostile_files_beside_a_good_plan(tmp_path: Path) -> None:
    """One `policykg ingest` of a folder: every bad file a clear error naming it within 5 s, nothing written
    outside the data directory, and the good plan ingested all the same."""
    import json
    import subprocess
    import sys

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "good-plan.txt").write_bytes((DATA / "plans" / "hexi-low-altitude-measures-articles.txt").read_bytes())
    bad = {
        "scan.pdf": scanned_pdf(),
        "locked.pdf": encrypted(TEXT_PDF, "secret", "owner"),
        "broken.docx": b"PK\x03\x04" + os.urandom(3000),
        "bomb.docx": zip_bomb(),
        "laughs.docx": laughs_docx(),
        "evil.ofd": traversal_ofd(),
        "huge.html": b"<html><body><p>" + "政策文本".encode() * (50_000_000 // 12) + b"</p></body></html>",
        "plan.xyz": b"some bytes",
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    work = tmp_path / "work"
    work.mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(work / "data"), "ingest", str(folder), "--json"],
                         capture_output=True, text=True, cwd=work, timeout=300,
                         env={**os.environ, "POLICYKG_INDEX_ON_INGEST": "false"})
    elapsed = time.perf_counter() - started
    report = json.loads(run.stdout)
    assert [d["source"] for d in report["ingested"]] == ["good-plan.txt"]
    errors = {e["source"]: e["error"] for e in report["errors"]}
    assert set(errors) == set(bad), errors
    assert all(msg.startswith(f"{name}: ") for name, msg in errors.items()), errors
    assert elapsed < 5 * len(bad) + 30, f"{elapsed:.1f} s for {len(bad)} refusals and one plan"
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    new = [p for p in after if p not in before and not str(p).startswith("work/data")]
    assert new == [], new
    assert not Path("/etc/cron.d/policykg-test").exists()
