"""How long a document is in force, as it says of itself: "本措施自2025年8月1日起施行，有效期至2030年7月31日",
"本意见自印发之日起施行，有效期3年", "本措施有效期1年，执行期限为2023年5月20日至2024年5月19日".

A measure's own term ("…补贴，执行期限至2024年12月31日") is that measure's, not the document's: only a sentence
whose subject is the document itself (本措施, 本意见, 以上政策措施 …) states the document's term.
"""
from __future__ import annotations

import datetime
import re

from .metadata import iso_date
from .patterns import number
from .records import Span, Validity

# The document speaking of itself: "本措施", "本实施意见", "本政策措施", "本文件", "以上新出台的政策措施", "上述政策";
# not one of its parts ("本项措施有效期至…", "本条", "本款").
_SELF = re.compile(r"^(?:[一二三四五六七八九十\d]+[、．.])?\s*"
                   r"(?:本(?![项条款])|以上|上述)[\u4e00-\u9fff]{0,8}?(?:措施|意见|方案|通知|政策|举措|办法|细则|规定|文件|规划|计划|条例|决定|要点)")
_DIGITS = r"[0-9０-９〇零一二三四五六七八九十]"


def _date(n: str) -> str:
    """A date as a term writes it, its groups prefixed `n`: "2030年7月31日", "2027年9月", "2025年年底", "2025年"."""
    return rf"(?P<{n}y>{_DIGITS}{{4}})年(?:(?P<{n}m>{_DIGITS}{{1,3}})月(?:(?P<{n}d>{_DIGITS}{{1,3}})日)?|(?P<{n}end>年?底))?"


# "自2025年8月1日起施行", "自印发之日起实施", "自公布之日（2023年12月1日）起施行".
_FROM = re.compile(rf"自(?:{_date('f')}|[\u4e00-\u9fff]{{2,4}}之日(?:[（(]{_date('g')}[）)])?)起(?:施行|实施|执行|实行|生效)")
# "有效期至2027年9月5日（止）", "有效期限至…", "执行到2023年12月31日止", "施行有效期至…", "有效期至2025年年底".
_UNTIL = re.compile(rf"(?:有效期限?|执行期限?|实施期限?|期限)(?:为|是)?(?:至|到|截至){_date('u')}|执行到{_date('v')}止")
# "有效期为2024年6月1日至2025年5月31日", "执行期限为2023年5月20日至2024年5月19日".
_RANGE = re.compile(rf"(?:有效期限?|执行期限?|实施期限?|执行期|实施期)(?:为|是)?(?:自)?{_date('a')}(?:起)?(?:至|到|—|-|－){_date('b')}(?:止)?")
# "有效期3年", "有效期为1年", "有效期五年", "有效期一年".
_YEARS = re.compile(r"有效期限?(?:为)?(?P<n>[0-9一二三四五六七八九十]{1,2})年(?!\d|[0-9０-９〇零一二三四五六七八九十]*月)")


def _iso(m: re.Match[str], n: str) -> str | None:
    """The date a `_date(n)` group matched: a bare year or 年底 ends on 31 December, a month on its last day."""
    y = number(m.group(f"{n}y"))
    if m.group(f"{n}end") or m.group(f"{n}m") is None:
        return iso_date(y, 12, 31)
    mo = number(m.group(f"{n}m"))
    if m.group(f"{n}d") is None:
        last = (datetime.date(y + mo // 12, mo % 12 + 1, 1) - datetime.timedelta(days=1)).day if 1 <= mo <= 12 else 0
        return iso_date(y, mo, last)
    return iso_date(y, mo, number(m.group(f"{n}d")))


def _after_years(start: str, years: int) -> str | None:
    """The last day of a term of `years` years that starts on `start`."""
    d = datetime.date.fromisoformat(start)
    try:
        end = d.replace(year=d.year + years)
    except ValueError:  # 29 February
        end = d.replace(year=d.year + years, day=28)
    return (end - datetime.timedelta(days=1)).isoformat()


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


def find_validity(text: str, issued: str | None) -> Validity | None:
    """The term the document states for itself, or None. `issued` (ISO) is the day 自印发之日起 counts from."""
    for span in _sentences(text):
        sentence = text[span.start : span.end]
        if not _SELF.search(sentence):
            continue
        m = _FROM.search(sentence)
        start = (_iso(m, "f") if m.group("fy") else _iso(m, "g") if m.group("gy") else issued) if m else issued
        if r := _RANGE.search(sentence):
            start, until = _iso(r, "a"), _iso(r, "b")
        elif u := _UNTIL.search(sentence):
            until = _iso(u, "u") if u.group("uy") else _iso(u, "v")
        elif (y := _YEARS.search(sentence)) and start:
            until = _after_years(start, number(y.group("n")))
        else:
            continue
        if until and not (start and start > until):
            return Validity(start=start, until=until, span=span)
    return None
