"""Document metadata read from the text: 文号, issuing bodies, 印发日期, 文种 (kind) and the documents it implements."""
from __future__ import annotations

import datetime
import hashlib
import re

from .patterns import DOC_NO, number
from .records import Reference

_ASCII_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
_OPEN, _CLOSE = "[［【(（〔", "]］】)）〕"
# What may stand glued before a 文号 on a title line: the title's own end; or the red header's "XX文件" and an issuing
# body ("中共中央办公厅文件中办发〔2020〕39号", "苏州市人民政府苏府规字〔2023〕1号").
# A sentence that carries another document out opens so: "为贯彻落实《…》（国发〔2020〕1号）精神".
_CARRIES_OUT = ("根据", "按照", "依据", "为", "贯彻", "落实")
_TITLE_ENDS = ("通知", "意见", "方案", "措施", "办法", "要点", "计划", "规划", "决定")
_BEFORE_NO = (*_TITLE_ENDS, "的", "。", "：", "文件", "人民政府")
_ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff（）、]{2,60}(人民政府|人民政府办公室|人民政府办公厅|委员会|办公室|办公厅|局|厅|部|署|管委会|管理委员会|管理局|联席会议办公室)$"
    r"|^国务院$"
)
# 文种: the kind of document, from the end of its title.
_KINDS = ("实施方案", "工作方案", "行动方案", "行动计划", "实施意见", "指导意见", "若干意见", "若干措施", "政策措施",
          "工作要点", "任务分工方案", "分工方案", "实施细则", "管理办法", "规划", "纲要", "决定", "通知", "方案",
          "意见", "措施", "要点", "计划", "办法", "细则")
# The 版记's last line: "景德镇市人民政府办公室 2026年3月5日印发" (digits, or 二〇二六年三月五日); "…印发的《X》" cites X.
# A date as documents write it, in digits or Chinese numerals: 2026年3月5日, 二〇二六年三月五日.
_YMD = r"(?P<y>[0-9０-９〇零一二三四五六七八九]{4})年(?P<m>[0-9０-９一二三四五六七八九十]{1,3})月(?P<d>[0-9０-９一二三四五六七八九十]{1,3})日"
_PRINTED = re.compile(rf"(?:^|[\s\u3000]|[室厅局委会府部]){_YMD}\s*印发(?!的|了|之)", re.M)
# "为贯彻落实《X》", "根据《X》": the document carries X out.
_IMPLEMENTS = re.compile(r"(为|为了)?(深入)?(贯彻落实|贯彻|落实|根据|按照|依据|对照)[^。；《》]{0,12}$")


def find_doc_no(lines: list[str]) -> str | None:
    """The 文号 of a document, from its first lines; a 文号 cited in brackets is another document's."""
    for line in lines:
        text = line.replace(" ", "").translate(_ASCII_DIGITS)
        for m in DOC_NO.finditer(text):
            prefix = m.group("prefix")
            cut = max((prefix.rfind(w) + len(w) for w in _BEFORE_NO if w in prefix), default=0)
            # Cited: in brackets ("《…》（国发〔2022〕2号）精神"), in a sentence that carries something out ("为贯彻落实…",
            # "根据…"), or before what the line goes on to say of it ("…》国办发〔2022〕8号的通知", "…国发〔2020〕1号精神").
            # The document's own: a bracket alone on its line, as documents published online set it ("（豫工信联规〔2024〕
            # 105号）"), or one closing the line after its title ("…的通知（黔府办发〔2022〕17号）"); glued to a title
            # without one ("…》的通知沪府办发〔2025〕16号各区人民政府：", "…若干意见》沪府办发〔2025〕11号").
            after = text[m.end():]
            bracketed = m.start() > 0 and text[m.start() - 1] in "（("
            own_bracket = after in ("）", ")") and (m.start() == 1 or text[: m.start() - 1].endswith(_TITLE_ENDS))
            if (bracketed and not own_bracket) or text.lstrip("（(").startswith(_CARRIES_OUT) \
                    or re.match(r"(?:的|精神|文件|要求|规定|有关)", after):
                continue
            if len(prefix) - cut < 1:
                continue
            return normalize_doc_no(m.group(0)[cut:])
    return None



def normalize_doc_no(doc_no: str) -> str:
    """One spelling of a 文号: no spaces, 〔〕 brackets, ASCII digits (PDFs and web pages each write their own)."""
    table = str.maketrans({**dict.fromkeys(_OPEN, "〔"), **dict.fromkeys(_CLOSE, "〕")})
    return re.sub(r"\s+", "", doc_no).translate(_ASCII_DIGITS).translate(table)


def doc_no_id(doc_no: str) -> str:
    """A URL-safe document id from a 文号: its year and number to read, a hash of the whole to keep it unique."""
    norm = normalize_doc_no(doc_no)
    m = re.search(r"〔(\d{4})〕(\d+)号", norm)
    digest = hashlib.sha1(norm.encode()).hexdigest()[:8]
    return f"wh-{m.group(1)}-{int(m.group(2))}-{digest}" if m else f"wh-{digest}"


# A signature's date: "2015年2月27日", "二〇一五年二月二十七日", "2015年2月27日（此件公开发布）".
_SIGNED = re.compile(_YMD)


# What a signature's date line may hold after the date: a remark in brackets, 印发; not a deadline ("2019年6月30日前").
_SIGNED_REST = re.compile(r"(?:印发)?(?:[（(][^（()）]*[）)])?")


def _signatures(lines: list[str]) -> list[tuple[str, re.Match[str]]]:
    """(body, its date) of each signature: a body's name on its own line, the next line a date."""
    out = []
    for text, after in zip(lines, lines[1:]):
        if _ISSUER_LINE.match(text.strip()) and (m := _SIGNED.match(date := after.replace(" ", "").strip())) \
                and _SIGNED_REST.fullmatch(date, m.end()):
            out.append((text.strip(), m))
    return out


def signature_length(lines: list[str]) -> int:
    """How many of the last lines sign the text: bodies' names each on a line of its own, then a date ("上海市宝山区水务局 /
    上海市宝山区财政局 / 2014年9月1日"); 0 where the text ends otherwise."""
    if not lines or not (m := _SIGNED.match(date := lines[-1].replace(" ", "").strip())) \
            or not _SIGNED_REST.fullmatch(date, m.end()):
        return 0
    k = 1
    while k < len(lines) and _ISSUER_LINE.match(lines[-k - 1].strip()):
        k += 1
    return k if k > 1 else 0


def signature_issuers(lines: list[str]) -> list[str]:
    """Issuing bodies named in the signature: a body's name on its own line before a date line."""
    return [body for body, _ in _signatures(lines)]


def _iso(m: re.Match[str]) -> str | None:
    """The ISO date a match of `_YMD` names; None for one that does not exist."""
    try:
        return iso_date(number(m.group("y")), number(m.group("m")), number(m.group("d")))
    except ValueError:
        return None


def signature_date(lines: list[str]) -> str | None:
    """The date (ISO) the first signature gives, for a document whose head states none: a covering notice signs first,
    and the notice's date is the document's. Without a body's name above it, a date closing the text on a line of its
    own ("2016年12月20日", then at most "（此件公开发布）") signs it. None without either."""
    for _, m in _signatures(lines):
        if iso := _iso(m):
            return iso
    closing = [line.strip().replace(" ", "") for line in lines if line.strip()]
    while closing and re.fullmatch(r"[（(][^（()）]{1,20}[）)]", closing[-1]):
        closing.pop()
    last = _SIGNED.fullmatch(closing[-1]) if closing else None
    return _iso(last) if last else None


def find_printed(raw_text: str) -> str | None:
    """印发日期 (ISO) from the 版记 line "…办公室 2026年3月5日印发", the last one in the text; None without one."""
    for m in reversed(list(_PRINTED.finditer(raw_text))):
        if (iso := _iso(m)) and 1900 < int(iso[:4]) < 2100:
            return iso
    return None


def iso_date(year: int, month: int, day: int) -> str | None:
    """YYYY-MM-DD of a calendar date, None for one that does not exist ("2月30日", a typo or an OCR slip)."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def document_kind(title: str) -> str | None:
    """方案, 意见, 通知 …: the longest known kind the title ends with (a year range aside)."""
    bare = re.sub(r"[（(][^（）()]*[）)]$", "", title.strip())
    return next((k for k in _KINDS if bare.endswith(k)), None)


def implements(text: str, ref: Reference) -> bool:
    """True when the sentence citing ref says the document carries it out: "为贯彻落实《X》…"."""
    start = max(text.rfind(c, 0, ref.span.start) for c in "。；\n") + 1
    return bool(_IMPLEMENTS.search(text[start : max(start, ref.span.start - 1)]))
