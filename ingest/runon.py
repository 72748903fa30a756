"""A plan a web page gave as one run-on line ("…制定如下措施： 一、有序去库存（一）推行购房优惠补贴政策。…（责任单位：…）
（二）实施…"), cut again before each of its headings: the chapters' and the items' numbers in order, each where a
sentence, a clause or a heading ended."""
from __future__ import annotations

import re
from collections.abc import Sequence

from .patterns import number

# A line this long, holding most of the text and numbered headings in order, is a plan's body run together; a long
# paragraph of a plan written in lines that lists points inline ("包括：（一）…；（二）…") is not.
_MIN_LINE = 1000
_SHARE = 0.5  # of the text's characters in the one line
_MIN_CHAIN = 2  # chapters, or items, numbered 1, 2… in order
_MIN_CUTS = 4  # headings found in all: a plan's body, not a sentence's two points
_CN = "一二三四五六七八九十"
# A number is no heading when a numeral follows it ("二、三孩家庭", "一、二手房": numbers listed) or a citation's
# word ("（二）项规定", "（3）条").
_NOT_HEADING = rf"(?![{_CN}\d]|[项条款目点类])"
_CHAPTER = re.compile(rf"([{_CN}]{{1,3}})、{_NOT_HEADING}")
# The items' numberings a run-on plan uses under its chapters, the one with the longest chain is taken.
_ITEMS = (
    re.compile(rf"（([{_CN}]{{1,3}})）{_NOT_HEADING}"),
    re.compile(rf"（(\d{{1,2}})）{_NOT_HEADING}"),
    re.compile(rf"(?<![\d.．])(\d{{1,2}})[.．、]{_NOT_HEADING}"),
)
# Where a heading may open: after a sentence, a bracketed unit clause or a quotation ended (not after "；", which
# separates the points of a list inside an item), or after a colon when it is the first.
_ENDED = "。！？）」”"
_HEADING = 40  # a chapter heading's length at most, which an item's number may follow without punctuation


def _opens(line: str, at: int, first: bool) -> bool:
    """Whether a heading may open at `at`: the line's start or just after an ending (spaces aside)."""
    before = line[:at].rstrip()
    return not before or before[-1] in _ENDED or (first and before[-1] == "：")


def _after_heading(line: str, at: int, chapters: Sequence[int]) -> bool:
    """Right after a chapter's heading: a chapter number opened at most a heading's length before, no sentence since."""
    return any(0 < at - c <= _HEADING and not re.search("[。；]", line[c:at]) for c in chapters)


def _chain(line: str, pattern: re.Pattern[str], chapters: Sequence[int] = ()) -> list[int]:
    """Where the headings numbered 1, 2, … open in order, each the first such after the one before."""
    out: list[int] = []
    pos, n = 0, 1
    while True:
        for m in pattern.finditer(line, pos):
            if number(m.group(1)) == n and (_opens(line, m.start(), n == 1) or _after_heading(line, m.start(), chapters)):
                out.append(m.start())
                pos, n = m.end(), n + 1
                break
        else:
            return out


def _items(line: str, chapters: list[int], pattern: re.Pattern[str]) -> list[int]:
    """The items' numbers in order: run on across chapters (（十三） after 二、), or again from 1 in each."""
    run = _chain(line, pattern, chapters)
    bounds = [*chapters, len(line)]
    restarted: list[int] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        restarted += [i + a for i in _chain(line[a:b], pattern, [c - a for c in chapters if a <= c < b])]
    return max(run, restarted, key=len)


def _cuts(line: str) -> list[int]:
    """Where the line's chapters and items open (none unless enough of them)."""
    chapters = _chain(line, _CHAPTER)
    chapters = chapters if len(chapters) >= _MIN_CHAIN else []
    items = max((_items(line, chapters, p) for p in _ITEMS), key=len)
    cuts = sorted(set(chapters + (items if len(items) >= _MIN_CHAIN else [])) - {0})
    return cuts if len(cuts) >= _MIN_CUTS else []


def split_run_on(lines: list[str]) -> list[str]:
    """Each run-on line of a plan's body cut before its chapters' and items' numbers."""
    total = sum(len(line) for line in lines)
    out: list[str] = []
    for line in lines:
        cuts = _cuts(line) if len(line) >= max(_MIN_LINE, total * _SHARE) else []
        if not cuts:
            out.append(line)
            continue
        bounds = [0, *cuts, len(line)]
        out.extend(p for a, b in zip(bounds, bounds[1:], strict=False) if (p := line[a:b].strip()))
    return out
