"""A plan a web page gave as one run-on line ("…制定如下措施： 一、有序去库存（一）推行购房优惠补贴政策。…（责任单位：…）
（二）实施…"), cut again before each of its headings: the chapters' and the items' numbers in order, each where a
sentence, a clause or a heading ended."""
from __future__ import annotations

import re

from .patterns import number

# A line this long holding numbered headings in order is a plan's body run together, not a paragraph that lists a
# few points inline ("主要包括：（一）…；（二）…").
_MIN_LINE = 1000
_MIN_CHAIN = 2  # chapters, or items, numbered 1, 2… in order
_MIN_CUTS = 4  # headings found in all: a plan's body, not a sentence's two points
_CN = "一二三四五六七八九十"
_CHAPTER = re.compile(rf"([{_CN}]{{1,3}})、")
_ITEM = re.compile(rf"（([{_CN}]{{1,3}})）")
# Where a heading may open: after a sentence, a clause, a bracketed unit clause or a quotation ended.
_ENDED = "。；：！？）」”"
_HEADING = 40  # a chapter heading's length at most, which an item's number may follow without punctuation


def _opens(line: str, at: int) -> bool:
    """Whether a heading may open at `at`: the line's start or just after an ending (spaces aside)."""
    before = line[:at].rstrip()
    return not before or before[-1] in _ENDED


def _chain(line: str, pattern: re.Pattern[str], opens: list[int] | None = None, start: int = 1) -> list[int]:
    """Where the headings numbered `start`, `start`+1, … open in order (each the first such after the one before);
    `opens`, when given, are further places a heading may open (right after a chapter's heading)."""
    out: list[int] = []
    pos, n = 0, start
    while True:
        for m in pattern.finditer(line, pos):
            if number(m.group(1)) == n and (_opens(line, m.start()) or _after_heading(line, m.start(), opens)):
                out.append(m.start())
                pos, n = m.end(), n + 1
                break
        else:
            return out


def _after_heading(line: str, at: int, chapters: list[int] | None) -> bool:
    """Right after a chapter's heading: a chapter number opened at most a heading's length before, no sentence since."""
    return any(0 < at - c <= _HEADING and not re.search("[。；]", line[c:at]) for c in chapters or ())


def _items(line: str, chapters: list[int]) -> list[int]:
    """The items' numbers in order: run on across chapters (（十三） after 二、), or again from （一） in each."""
    run = _chain(line, _ITEM, chapters)
    bounds = [*chapters, len(line)]
    restarted: list[int] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        restarted += [i + a for i in _chain(line[a:b], _ITEM, [c - a for c in chapters if a <= c < b])]
    return max(run, restarted, key=len)


def split_run_on(lines: list[str]) -> list[str]:
    """Each run-on line of a plan's body cut before its chapters' and items' numbers."""
    out: list[str] = []
    for line in lines:
        if len(line) < _MIN_LINE:
            out.append(line)
            continue
        chapters = _chain(line, _CHAPTER)
        chapters = chapters if len(chapters) >= _MIN_CHAIN else []
        items = _items(line, chapters)
        cuts = sorted(set(chapters + (items if len(items) >= _MIN_CHAIN else [])) - {0})
        if len(cuts) < _MIN_CUTS:
            out.append(line)
            continue
        bounds = [0, *cuts, len(line)]
        out.extend(p for a, b in zip(bounds, bounds[1:], strict=False) if (p := line[a:b].strip()))
    return out
