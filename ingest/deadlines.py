"""The dates an item sets itself: "2026年底前实现…", "到2027年，建成…", "2026年6月底前完成…"."""
from __future__ import annotations

import re

# A time limit: a year (and month) followed by 底/末 and 前, or opened by 到/至 and closed by a comma.
_BEFORE = re.compile(r"(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月|(?P<q>第?[一二三四1-4])季度)?\s*(?P<end>底|末|年底)?\s*"
                     r"(?:前|以前|之前)")
_BY = re.compile(r"(?:到|至)\s*(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月)?\s*(?P<end>底|末)?(?=[，,：:]|时|左右|末)")
# "比2025年下降", "较2025年底增长", "2025年以来": a baseline or a start, not a limit.
_NOT_A_LIMIT_BEFORE = ("比", "较", "与", "同")


def find_deadlines(text: str) -> list[str]:
    """The time limits an item's text states, as written without spaces, in order, each once."""
    found: list[tuple[int, str]] = []
    for rx in (_BEFORE, _BY):
        for m in rx.finditer(text):
            if text[max(0, m.start() - 1) : m.start()] in _NOT_A_LIMIT_BEFORE:
                continue
            if any(start <= m.start() < start + len(phrase) + 2 for start, phrase in found):
                continue  # "到2026年底前": one limit, read once
            phrase = f"{m.group('y')}年" + (f"{int(m.group('m'))}月" if m.group("m") else "") \
                + (f"{m.group('q')}季度" if m.groupdict().get("q") else "")
            phrase += ("底" if m.group("end") else "") + ("前" if rx is _BEFORE else "")
            found.append((m.start(), phrase))
    out: list[str] = []
    for _, phrase in sorted(found):
        if phrase not in out:
            out.append(phrase)
    return out
