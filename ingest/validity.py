"""How long a document is in force, as it says of itself: "本措施自2025年8月1日起施行，有效期至2030年7月31日",
"本意见自印发之日起施行，有效期3年", "本措施有效期1年，执行期限为2023年5月20日至2024年5月19日".

A measure's own term ("…补贴，执行期限至2024年12月31日") is that measure's, not the document's: only a sentence
whose subject is the document itself (本措施, 本意见, 以上政策措施 …) states the document's term, and only where what it
gives a term to is the document, not something it defines, awards or cites ("本办法所称证书有效期为3年").
"""
from __future__ import annotations

import datetime
import re

from .metadata import iso_date
from .patterns import number
from .records import Span, Validity

# A document's name for itself: "措施", "实施意见", "政策措施", "细则".
_DOC_WORD = (r"(?:实施|行动|工作|专项|若干|配套|政策|管理|暂行)?"
             r"(?:措施|意见|方案|通知|政策|举措|办法|细则|规定|文件|规划|计划|条例|决定|要点|公告)")
# The document speaking of itself, at the start of its sentence: "本措施", "本实施意见", "第二十条 本办法",
# "以上新出台的政策措施", "上述政策"; not the place it is issued for ("本市已出台的政策…"), nor one of its parts
# ("本项措施", "本部分政策措施", "本章"), nor documents it cites ("上述政策文件").
_SELF = re.compile(r"(?:[一二三四五六七八九十\d]+[、．.]|第[一二三四五六七八九十百\d]+条)?\s*"
                   rf"(?:本{_DOC_WORD}|(?:以上|上述)(?:新出台的|所列)?(?:政策措施|政策举措|政策|措施|举措)(?!文件))")
_DIGITS = r"[0-9０-９〇○零一二三四五六七八九十]"
# What a sentence gives a term to besides the document: what it defines, awards, funds or asks for, what it cites.
_OTHER_THING = re.compile(r"所称|所列|所涉|认定|证书|资格|申报|补贴|补助|奖励|完成|《")
# Where the rest of a sentence speaks of a part: "有效期3年，其中第（一）项执行期限至…".
_PART = re.compile(r"其中|[，,；;](?=第[（(]?[一二三四五六七八九十\d]+[）)]?[项条款])")


def _date(n: str) -> str:
    """A date as a term writes it, its groups prefixed `n`: "2030年7月31日", "2027年9月", "2025年年底", "2025年"."""
    return rf"(?P<{n}y>{_DIGITS}{{4}})年(?:(?P<{n}m>{_DIGITS}{{1,3}})月(?:(?P<{n}d>{_DIGITS}{{1,3}})日)?|(?P<{n}end>年?底))?"


# "自2025年8月1日起施行", "自印发之日起实施", "自公布之日（2023年12月1日）起施行".
_FROM = re.compile(rf"自(?:{_date('f')}|[\u4e00-\u9fff]{{2,4}}之日(?:[（(]{_date('g')}[）)])?)起(?:施行|实施|执行|实行|生效)")
# "有效期至2027年9月5日（止）", "有效期限至…", "执行到2023年12月31日止", "施行有效期至…", "有效期至2025年年底".
_UNTIL = re.compile(rf"(?:有效期限?|执行期限?|实施期限?|期限)(?:为|是)?(?:至|到|截至){_date('u')}|执行到{_date('v')}止")
# "有效期为2024年6月1日至2025年5月31日", "执行期限为2023年5月20日至2024年5月19日", "实施期限为2023年至2025年".
_RANGE = re.compile(rf"(?:有效期限?|执行期限?|实施期限?|执行期|实施期)(?:为|是)?(?:自|从)?{_date('a')}(?:起)?(?:至|到|—|-|－){_date('b')}(?:止)?")
# "有效期3年", "有效期为1年", "有效期五年", "有效期两年", "有效期6个月".
_SPAN = re.compile(r"有效期限?(?:为)?(?P<n>[0-9０-９一二三四五六七八九十两]{1,3})(?P<unit>年|个月)(?!\d|[0-9０-９〇零一二三四五六七八九十]*月)")
# A sentence that only states the term, after the one that says when the document starts: "本措施自印发之日起施行。
# 有效期至2025年12月31日。"
_TERM_ONLY = re.compile(r"(?:有效期|执行期|实施期)")


def _month_end(year: int, month: int) -> int:
    """The last day of a month."""
    return (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day


def _iso(m: re.Match[str], n: str, first: bool = False) -> str | None:
    """The date a `_date(n)` group matched: a bare year or 年底 ends on 31 December (starts on 1 January as the
    `first` day of a range), a month on its last day."""
    y = number(m.group(f"{n}y").replace("○", "〇"))
    if m.group(f"{n}end") or m.group(f"{n}m") is None:
        return iso_date(y, 1, 1) if first and not m.group(f"{n}end") else iso_date(y, 12, 31)
    mo = number(m.group(f"{n}m"))
    if m.group(f"{n}d") is None:
        if first:
            return iso_date(y, mo, 1)
        return iso_date(y, mo, _month_end(y, mo) if 1 <= mo <= 12 else 0)
    return iso_date(y, mo, number(m.group(f"{n}d")))


def _after(start: str, count: int, unit: str) -> str | None:
    """The last day of a term of `count` years or months that starts on `start`."""
    d = datetime.date.fromisoformat(start)
    months = d.month - 1 + count * (12 if unit == "年" else 1)
    year, month = d.year + months // 12, months % 12 + 1
    return (datetime.date(year, month, min(d.day, _month_end(year, month))) - datetime.timedelta(days=1)).isoformat()


def _sentences(text: str) -> list[Span]:
    """Each sentence of the text (。, a line's end; a ；may join the term to its start, so it does not end one)."""
    out, start = [], 0
    for m in re.finditer(r"[。\n]", text):
        if m.start() > start:
            out.append(Span(start, m.start()))
        start = m.end()
    if start < len(text):
        out.append(Span(start, len(text)))
    return out


def _term_at(words: str) -> int | None:
    """Where the first statement of a term in `words` starts, or None."""
    return min((found.start() for rx in (_RANGE, _UNTIL, _SPAN) if (found := rx.search(words))), default=None)


def _term(words: str, start: str | None) -> tuple[str | None, str | None]:
    """(start, until) that `words` state after the subject, or (start, None) where they state no end."""
    if r := _RANGE.search(words):
        return _iso(r, "a", first=True), _iso(r, "b")
    if u := _UNTIL.search(words):
        return start, _iso(u, "u") if u.group("uy") else _iso(u, "v")
    if (s := _SPAN.search(words)) and start:
        count = s.group("n").replace("两", "二")
        return start, _after(start, number(count), s.group("unit"))
    return start, None


def find_validity(text: str, issued: str | None) -> Validity | None:
    """The term the document states for itself, or None. `issued` (ISO) is the day 自印发之日起 counts from."""
    spans = _sentences(text)
    for i, span in enumerate(spans):
        sentence = text[span.start : span.end]
        subject = _SELF.match(sentence)
        if subject is None:
            continue
        words = sentence[subject.end() :]
        if part := _PART.search(words):
            words = words[: part.start()]
        began = _FROM.search(words)
        start = issued if began is None else _iso(began, "f") if began.group("fy") else \
            _iso(began, "g") if began.group("gy") else issued
        end = span.end
        # The term in a sentence of its own right after: "本措施自印发之日起施行。有效期至2025年12月31日。"
        if _term_at(words) is None and i + 1 < len(spans) and _TERM_ONLY.match(text, spans[i + 1].start):
            words, end = words + text[spans[i + 1].start : spans[i + 1].end], spans[i + 1].end
        # Only where the term is the document's: nothing it defines, awards or cites stands before the term.
        term_at = _term_at(words)
        if term_at is None or _OTHER_THING.search(words, 0, term_at):
            continue
        start, until = _term(words, start)
        if until and not (start and start > until):
            return Validity(start=start, until=until, span=Span(span.start, end))
    return None
