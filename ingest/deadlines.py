"""The dates an item sets itself: "2026年底前实现…", "到2027年，建成…", "2026年6月底前完成…"."""
from __future__ import annotations

import re

# A time limit: a year (and month) followed by 底/末 and 前, or opened by 到/至 and closed by a comma.
# Not "2025年前三季度" (its first three quarters).
_BEFORE = re.compile(r"(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?|(?P<q>第?[一二三四1-4])季度)?"
                     r"\s*(?P<end>底|末|年底)?\s*(?:前|以前|之前)(?![一二三四]季度|[一二三四五六七八九十]个月|半年)")
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
                + (f"{int(m.group('d'))}日" if m.groupdict().get("d") else "") \
                + (f"{m.group('q')}季度" if m.groupdict().get("q") else "")
            phrase += ("底" if m.group("end") else "") + ("前" if rx is _BEFORE else "")
            found.append((m.start(), phrase))
    out: list[str] = []
    for _, phrase in sorted(found):
        if phrase not in out:
            out.append(phrase)
    return out


# A stage's deadline closes its heading or its bracket ("第二阶段（2024年第四季度前完成）", "动员部署（2023年6月2日前）"),
# or opens the work it sets ("2025年底前全面推广"); not a date that qualifies what follows ("2000年底前建成的老旧小区",
# "2023年以前遗留问题").
_STAGE_END = re.compile(r"\s*(?:完成|结束)?(?:[）)，,；;。：:]|$)")
_STAGE_WORK = re.compile(r"[^，,；;。的）)]*(?:[）)，,；;。]|$)")


def stage_deadline(heading: str) -> str | None:
    """The deadline a heading sets for the work under it, the latest if it names several, or None."""
    found = [m for m in _BEFORE.finditer(heading)
             if (_STAGE_END.match(heading, m.end()) or (m.group(0).endswith("前") and not m.group(0).endswith(("以前", "之前"))
                                                         and _STAGE_WORK.match(heading, m.end())))
             and heading[max(0, m.start() - 1) : m.start()] not in _NOT_A_LIMIT_BEFORE]
    if not found:
        return None
    return find_deadlines(heading[max(found, key=lambda m: int(m.group("y"))).start():])[0]
