"""The dates an item sets itself: "2026年底前实现…", "到2027年，建成…", "2026年6月30日前完成…"."""
from __future__ import annotations

import re

# A time limit: a year (month, day or quarter) followed by 底/末 and 前, or opened by 到/至 and closed by a comma.
# "2026年前三季度" is the end of its third quarter; "2024年前10个月" a stretch of a year, "2025年6月前后" a time near it.
_BEFORE = re.compile(r"(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?|(?P<q>第?[一二三四1-4])季度)?"
                     r"\s*(?P<end>底|末|年底)?\s*(?:前|以前|之前)(?!后)"
                     r"(?:(?P<part>[一二三四]季度)|(?!(?:[一二两三四五六七八九十]|\d{1,2})个月|半年))")
_BY = re.compile(r"(?:到|至)\s*(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月)?\s*(?P<end>底|末)?(?=[，,：:]|时|左右|末)")
# "比2025年下降", "较2025年底增长", "2025年以来": a baseline or a start, not a limit.
_NOT_A_LIMIT_BEFORE = ("比", "较", "与", "同")
# "2012年6月30日前（含当日）注册登记的车辆", "（2009年1月1日前办理使用登记）", "2000年底前建成的小区": a date that
# qualifies what follows, by when something was registered or done, is no limit; nor is "截至…前已处理".
_QUALIFIES = re.compile(r"(?:（[^（）]{0,10}）)?(?:注册登记|登记在|办理[\u4e00-\u9fff]{0,2}登记|已|[\u4e00-\u9fff]{0,2}的)")


def _phrase(m: re.Match[str]) -> str:
    """A limit as written without spaces: "2026年6月30日前", "2024年第四季度前", "2026年前三季度"."""
    g = m.groupdict()
    phrase = f"{g['y']}年" + (f"{int(g['m'])}月" if g.get("m") else "") + (f"{int(g['d'])}日" if g.get("d") else "") \
        + (f"{g['q']}季度" if g.get("q") else "") + ("底" if g.get("end") else "")
    return phrase + ("前" + (g.get("part") or "") if m.re is _BEFORE else "")


def find_deadlines(text: str) -> list[str]:
    """The time limits an item's text states, as written without spaces, in order, each once."""
    found: list[tuple[int, str]] = []
    for rx in (_BEFORE, _BY):
        for m in rx.finditer(text):
            if text[max(0, m.start() - 1) : m.start()] in _NOT_A_LIMIT_BEFORE or text[max(0, m.start() - 2) : m.start()] == "截至":
                continue
            if rx is _BEFORE and _QUALIFIES.match(text, m.end()):
                continue
            if any(start <= m.start() < start + len(phrase) + 2 for start, phrase in found):
                continue  # "到2026年底前": one limit, read once
            found.append((m.start(), _phrase(m)))
    out: list[str] = []
    for _, phrase in sorted(found):
        if phrase not in out:
            out.append(phrase)
    return out


# A stage's deadline opens its heading or its bracket: "第二阶段（2024年第四季度前完成）", "动员部署（2023年6月2日前）",
# "（一）2025年底前全面推广"; not a date inside the work ("对2024年6月底前登记企业开展核查", "巩固2023年底前改造成果"),
# nor one that qualifies what follows ("2000年底前建成的老旧小区", "2023年以前遗留问题"), nor a stretch of a year
# ("2025年前三季度工作完成情况").
_STAGE_OPEN = re.compile(r"(?:^|[（(：:]|阶段)$")
_STAGE_END = re.compile(r"\s*(?:完成|结束)?(?:[）)，,；;。：:]|$)")
_STAGE_WORK = re.compile(r"[^，,；;。的）)]*(?:[）)，,；;。]|$)")


def stage_deadline(heading: str) -> str | None:
    """The deadline a heading sets for the work under it, the latest if it names several, or None."""
    found = [m for m in _BEFORE.finditer(heading)
             if _STAGE_OPEN.search(heading[: m.start()]) and not m.group("part")
             and (_STAGE_END.match(heading, m.end())
                  or (not m.group(0).endswith(("以前", "之前")) and _STAGE_WORK.match(heading, m.end())))]
    return _phrase(max(found, key=lambda m: int(m.group("y")))) if found else None
