"""Repair extraction artifacts so every later rule sees one canonical text."""
from __future__ import annotations

import re

from .pages import split_flattened_pages
from .patterns import DECIMAL_HEADING, PAGE_NUMBER, RESP_KEY, annex_openings
from .runon import split_run_on
from .spaced import rewrite_spaced_tables
from .stacked import rewrite_stacked_tables
from .tables import rewrite_flat_tables, rewrite_tables
from .unit_names import ends_like_office

# Half-width punctuation that plans mix with full-width; canonical is full-width.
_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}
_FOOTER = re.compile(
    r"公网安备|ICP备|网站标识码|版权所有|主办单位|承办单位|联系我们|网站地图|打印本页|关闭窗口|"
    r"【打印】|【关闭】|扫一扫|分享到|技术支持|Copyright|©|访问量|浏览次数|"
    r"^来源：|发布时间：|责任编辑|^联系人：|联系电话：|【字体|字号："
)
# Closing lines of an official document, long or not: distribution list, print line.
_ALWAYS_FOOTER = re.compile(r"^抄送：|\d{1,2}日印发$|^（此件公开发布）$")
# A line ending in one of these is complete; anything else may be a wrapped line.
_TERMINAL = set("。！？；：”’」』〕】）)…")
# A line starting with one of these cannot begin a sentence: it continues the last.
_NO_START = set("，。、；：）〕】”’％%")
MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,3}[.．﹒、](?!\d(?!\d{3}年|G[\u4e00-\u9fff]))|（\d{1,2}）"
    r"|第[一二三四五六七八九十百零]{1,4}(?:部分|章|节|条))"
)
# A line's last bracket closed by the wrong mark, a slip of typing: "…推行“明厨亮灶”。（区市场监管局〉".
_MISCLOSED = re.compile(r"（(?P<inner>[^（）〈〉]+)〉$")
# A bullet set before an item's number ("◈1. 中小企业…"): decoration that hides the marker (※ marks a note).
_BULLET = re.compile(r"^[◈◆◇●○■□★☆▲△▶►•▪]+(?=\d{1,3}[.．、]|（(?:[一二三四五六七八九十]{1,3}|\d{1,2})）)")
_SPACE = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b]+")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _fullwidth_to_ascii(ch: str) -> str:
    code = ord(ch)
    if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A or ch in "％．＋－＝／":
        return chr(code - 0xFEE0)
    return ch


def normalize_chars(line: str) -> str:
    """Full-width digits/letters to ASCII; ASCII punctuation to full-width, except inside numbers."""
    chars = [_fullwidth_to_ascii(c) for c in line]
    out: list[str] = []
    for i, ch in enumerate(chars):
        if ch in _TO_FULL:
            prev = chars[i - 1] if i else ""
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            # 1,000 and 10:30 keep their ASCII separators.
            if ch in ",:" and prev.isdigit() and nxt.isdigit():
                out.append(ch)
                continue
            out.append(_TO_FULL[ch])
        else:
            out.append(ch)
    return _MISCLOSED.sub(r"（\g<inner>）", "".join(out))


def _keeps_space(left: str, right: str) -> bool:
    """Spaces mean something only between two Latin words (or a word and a number)."""
    if not (left.isascii() and right.isascii() and left.isalnum() and right.isalnum()):
        return False
    return not (left.isdigit() and right.isdigit())


def remove_spaces(line: str) -> str:
    """Drop spaces inside numbers and around CJK text (`到 2028 年` -> `到2028年`)."""

    def repl(m: re.Match[str]) -> str:
        s, e = m.start(), m.end()
        left = line[s - 1] if s else ""
        right = line[e] if e < len(line) else ""
        return " " if left and right and _keeps_space(left, right) else ""

    return _SPACE.sub(repl, line)


def strip_footer(lines: list[str]) -> list[str]:
    """Remove trailing web-page boilerplate lines (and blank lines) from the end.

    Only short lines without a sentence end count: "…提供技术支持，每年服务企业100家。"
    is the plan's text even though it says 技术支持.
    """
    end = len(lines)
    while end:
        line = lines[end - 1].strip()
        boilerplate = _FOOTER.search(line) and len(line) <= 60 and "。" not in line
        if line and not (boilerplate or _ALWAYS_FOOTER.search(line)):
            break
        end -= 1
    return lines[:end]


def strip_attachment_list(lines: list[str]) -> list[str]:
    """Drop a closing "附件：1.…清单 2.…安排表" list: titles of files not included, whose numbers are no tasks.

    Only when every line from 附件 on is a short title without a sentence in it and none assigns units; an
    attachment whose text follows (a task table, a list of duties each with its 责任单位 line) stays.
    """
    openings = annex_openings(lines)
    for i in range(len(lines) - 1, -1, -1):
        if i in openings:
            rest = [line for line in lines[i:] if line]
            # Two or more lines that assign units make a list of duties ("1.宪法" / "责任单位：…"), not of titles.
            # A table's name may end with 。 ("2.2015年下派各乡镇造林绿化工作队一览表。"); a table's rows ending so are sentences.
            if all(len(line) <= 60 and "。" not in _ANNEX_TITLE_STOP.sub("", line) for line in rest) and sum(
                    bool(_RESP_LINE.match(line)) for line in rest) < 2:
                return lines[:i]
            break
    return lines


_RESP_LINE = re.compile(rf"^[（(]?({RESP_KEY})：")
# A table's or a list's name (…一览表, …清单, …名录) closed by 。; not "1.编制全县乡村振兴规划。", a task.
_ANNEX_TITLE_STOP = re.compile(r"(?<=表|单|录)。$")


def wrap_width(lines: list[str]) -> int:
    """The width a layout wrapped lines at: most lines of a PDF are that long; paragraphs of Word or a page are longer."""
    lengths = sorted(len(line) for line in lines if len(line) >= 8)
    return lengths[len(lengths) * 3 // 4] if lengths else 0


def join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin sentences that an extractor split across lines."""
    out: list[str] = []
    # A numbered heading well short of the wrap width ended there, comma or not: "一、坚持项目为王，扩大有效投资"
    # is a whole line of Word or a web page, while a PDF line as long as its neighbours may go on.
    short = wrap_width(lines) * 4 // 5
    for line in lines:
        # A table's row opens a line of its own: "…（责任单位：…）2024年建设情况表" does not run on into "|区域|…|".
        # Nor does a decimal section's heading ("…按照上述处置措施执行、" / "5.5 信息发布", 虹口 2025).
        if out and line and out[-1] and not MARKER.match(line) and not _RESP_LINE.match(line) and not line.startswith("|") \
                and not DECIMAL_HEADING.match(line):
            prev = out[-1]
            if MARKER.match(prev) and len(prev) < short and "。" not in prev and prev[-1] not in "，、":
                out.append(line)
                continue
            # A table's row closed by its pipe ("|1|用户侧光伏装机规模|>90万千瓦|") ends there: the next row is another.
            if prev.endswith("|") and prev.count("|") >= 2:
                out.append(line)
                continue
            # A body line (it has clause punctuation, or is long) that stops
            # mid-sentence was wrapped; short headings, titles and dates were not.
            body_like = any(c in prev for c in "，。；") or len(prev) >= 30
            # A unit list line ends where the line ends unless it stops on a separator.
            unfinished = prev[-1] not in _TERMINAL and (
                prev[-1] in "，、" or (body_like and not _RESP_LINE.match(prev)) or prev.count("（") > prev.count("）")
            )
            if line[0] in _NO_START or unfinished:
                out[-1] = prev + line
                continue
        out.append(line)
    return out


# Where a phrase runs on past a break: a figure, a comparison or a preposition waiting for its object.
_CUT_PHRASE = re.compile(r"(?:[\d.]|较|比|由|从|到|至|为|的|和|与|及|在|达|于|按|对|向|将|以|、|，|—|-|－|~|～)$")


def _cell_break(m: re.Match[str]) -> str:
    """A break inside a table cell: before the next of a list or between two whole names ("区税务局<br>区人社局") it
    separates them; elsewhere the layout wrapped a name or a figure at the column's width ("区绿化<br>市容局") and the
    pieces join."""
    before = re.split(r"[|、，；\s]", m.string[: m.start()])[-1]
    after = m.string[m.end() :]
    # Not after a phrase the layout cut: "较<br>2020年下降18%", "达到1<br>2.5%".
    if re.match(r"(?:20\d{2}年|\d{1,2}[.．、]|[（(]\d)", after) and before and not _CUT_PHRASE.search(before):
        return "；"  # "2024年完成30个<br>2025年完成50个", "1.…<br>2.…": the next of a list
    if not (before and _cell_body(before)):
        return ""
    if re.match(r"(?:省|市|区|县|镇|乡|各)[\u4e00-\u9fff]", after):
        return "、"  # the next name opens with its place: "区税务局<br>区人社局"
    # Else the next whole name ends as a body does ("区生态环境局<br>公安丰台分局", "北宫镇<br>长辛店街道"); a whole name of
    # three characters is a town's ("北宫镇"), not a department ("区委<br>组织部").
    piece = re.split(r"<br\s*/?>|[|、，；\s]", after, maxsplit=1)[0]
    whole = (len(piece) >= 4 or re.search(r"(?<!城)[镇乡]$", piece) is not None) and _cell_body(piece)
    return "、" if whole and not _part_of(before, piece) else ""


def _cell_body(name: str) -> bool:
    """An office, or a town or street office by its name ("北宫镇", "长辛店街道"; not 城乡 of "住房和城乡")."""
    return ends_like_office(name) or bool(re.search(r"(?:街道|(?<!城)[镇乡])$", name))


# The tail of a name wrapped in a cell: its kind alone ("北宫镇<br>人民政府", "金隅集团<br>有限公司", "区安委会<br>成员单位").
_NAME_TAIL = re.compile(r"^(?:人民政府|政府|(?:股份)?有限|股份|成员单位|委员会|办公室|管委会|党委|党组)")


def _part_of(before: str, piece: str) -> bool:
    """Whether a cell's next piece is a part of the body before it, not a body of its own: a branch ("市规划自然资源委
    <br>丰台分局"), the kind that ends its name, a party committee's department ("区委<br>社会工作部"), a government's
    office ("区政府<br>外事办公室") or a group's company ("中国移动通信集团<br>北京有限公司")."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}分(?:局|中心|公司|院)", piece) or _NAME_TAIL.match(piece)
                or re.fullmatch(r"(?:[省市区县]|党工?)委", before)
                or (before.endswith("政府") and piece.endswith("办公室"))
                or (before.endswith(("集团", "公司")) and re.search(r"(?:有限|股份)(?:责任)?公司$", piece)))


def html_breaks(lines: list[str]) -> list[str]:
    """An HTML line break left in text: inside a table row, a break inside a cell; elsewhere it ends a line."""
    out: list[str] = []
    for line in lines:
        out.extend([_BREAK.sub(_cell_break, line)] if line.count("|") >= 2 else _BREAK.split(line))
    return out


# A first item numbered with the letter l (or I) for 1, a typing slip a page keeps ("l.火灾多发季节…" then "2.督查…").
_LETTER_ONE = re.compile(r"^[lI](?=[.．、][\u4e00-\u9fff])")


# An item 1 whose mark lost its stop ("1降低交易成本。…" then "2.降低使用成本。…").
_BARE_ONE = re.compile(r"^1(?=[\u4e00-\u9fff])")
# A chapter numeral a scan read as a dash ("一、基本原则 … -、政策措施 … 三、工作机制").
_DASH_CHAPTER = re.compile(r"^[-－—](?=、)")
_NUMERALS = "一二三四五六七八九十"


def mend_numbering_slips(lines: list[str]) -> list[str]:
    """Numbering slips a page or a scan keeps: "l.…" or "1…" read as "1.…" where the next line is numbered 2, and a
    chapter "-、…" between "一、" and "三、" read as "二、"."""
    out: list[str] = []
    for k, (line, nxt) in enumerate(zip(lines, [*lines[1:], ""])):
        if (_LETTER_ONE.match(line) or _BARE_ONE.match(line)) and re.match(r"2[.．、]", nxt):
            line = "1" + ("" if _LETTER_ONE.match(line) else ".") + line[1:]
        elif _DASH_CHAPTER.match(line):
            before = next((c[0] for c in reversed(out) if c[:1] in _NUMERALS and c[1:2] == "、"), None)
            after = next((c[0] for c in lines[k + 1:] if c[:1] in _NUMERALS and c[1:2] == "、"), None)
            if before and after and _NUMERALS.index(after) == _NUMERALS.index(before) + 2:
                line = _NUMERALS[_NUMERALS.index(before) + 1] + line[1:]
        out.append(line)
    return out


def normalize(text: str) -> str:
    """Canonical text of a plan: one paragraph per line, no artifacts."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = "\n".join(html_breaks(text.split("\n")))
    # Tables first: their tabs and pipes separate cells, and space removal would glue them.
    lines = [normalize_chars(line) for line in text.split("\n")]
    lines = rewrite_flat_tables(rewrite_tables(rewrite_spaced_tables(rewrite_stacked_tables(lines))))
    # Before spaces go: on a page an extractor flattened to one line, they show where its lines were.
    lines = split_run_on(split_flattened_pages(lines))
    lines = [_BULLET.sub("", remove_spaces(line).strip()) for line in lines]
    # Dropped, not blanked: the sentence a page break cut is joined again below.
    lines = strip_footer([line for line in lines if not PAGE_NUMBER.match(line)])
    lines = strip_footer(strip_attachment_list(lines))
    lines = mend_numbering_slips(join_broken_lines(lines))
    # Blank lines carry no structure in these plans; markers do.
    return "\n".join(line for line in lines if line)
