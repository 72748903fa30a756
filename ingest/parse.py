"""Parse one plan: normalised text in, a typed Plan record out (pure)."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from .addressees import addressees
from .chapter_leads import chapter_leads, section_leads_by_title
from .deadlines import find_deadlines, stage_deadline
from .entities import find_cluster_roles, find_mentions, find_references
from .incentives import extract_incentives
from .jurisdiction import find_jurisdiction
from .labels import label_units
from .lexicon import Lexicon, Segmenter
from .metadata import doc_no_id, document_kind, find_doc_no, find_printed, implements, signature_date, signature_issuers
from .normalize import normalize
from .patterns import ANNEX_LABEL, DATE_KEY, DUTY_CHAPTER, annex_openings
from .reader import file_slug
from .records import Incentive, Item, Plan, Section, Span, Target, UnitRef
from .said import (
    column_lines,
    extract_units,
    from_duty_lines,
    from_numbered_lines,
    from_roles_on_the_way,
    lead_said_in_sentences,
    sentence_units,
)
from .sections import (
    MEASURES_KEY,
    closing_clause,
    closing_key_lines,
    duties_introduced,
    duty_opener,
    following_units,
    group_owner,
    key_lines,
    measure_units,
    office_heading,
    opening_units,
    restates,
    section_owner,
    under_cover,
    whose_duties,
)
from .structure import (
    Block,
    ancestors,
    block_kind,
    chapter_of,
    has_body,
    heading_of,
    lists_own_duties,
    parse_blocks,
    parse_header,
    split_lines,
    under_duties,
    unique_numbers,
)
from .subjects import governing_body, helpers_named, opening_doers, partners_named, subject_units
from .targets import extract_targets, of_issue_year
from .unit_names import COLLECTIVE, group_names, short_names, split_names
from .units import (
    Clause,
    UnitResolver,
    all_listed_lead,
    closes_with_offices,
    parse_clause,
    standing_units,
    states_convention,
    states_lead_order,
    states_roles,
)
from .validity import find_validity


class ParseError(ValueError):
    """Text that is not a plan this parser understands; the message says why."""


def doc_id_for(name: str, text: str) -> str:
    """A stable, URL-safe id: the file stem when it is ASCII, else a content hash."""
    slug = file_slug(name)
    if len(slug) >= 3:
        return slug
    return "doc-" + hashlib.sha1(text.encode()).hexdigest()[:10]


# "2026年桐屿市…工作要点": an annual plan's title may open with its year.
_CITY_AT_START = re.compile(r"^(?:中共)?(?:20\d{2}年度?)?([\u4e00-\u9fff]{2,4}?市)(?!场|民|级|委|直|区)")


def find_region(header_lines: list[str], lexicon: Lexicon) -> str | None:
    """The city a plan belongs to: a gazetteer city named in its header, else a "XX市" opening a header line."""
    header_text = "\n".join(header_lines)
    best: tuple[int, str] | None = None
    for surface, name in lexicon.region_surface().items():
        if lexicon.regions[name].kind != "city":
            continue
        pos = header_text.find(surface)
        if pos >= 0 and (best is None or pos < best[0]):
            best = (pos, name)
    if best:
        return best[1]
    # Only where an issuing office or a title starts: "关于加快推进全市…" names no city.
    for line in header_lines:
        m = _CITY_AT_START.match(line)
        if m and m.group(1) not in ("全市", "本市", "各市"):
            return m.group(1)
    return None


def _without(span: Span, holes: list[Span]) -> list[Span]:
    """The parts of span outside the holes (responsibility clauses)."""
    parts, cur = [], span.start
    for h in sorted(holes, key=lambda h: h.start):
        # The clause's brackets go with it.
        hs, he = max(h.start - 1, cur), min(h.end + 1, span.end)
        if hs > cur:
            parts.append(Span(cur, hs))
        cur = max(cur, he)
    if cur < span.end:
        parts.append(Span(cur, span.end))
    return parts


# "治理指标：生猪定点屠宰率达到98%以上" opening a section of work: the figures its items serve.
# A clause of a preamble's sentence that opens its goals: "…,力争2023年…", "经过努力,到2027年,…".
_GOAL_CLAUSE = re.compile(r"[，,；;](?=(?:力争)?(?:到|至)20\d{2}年|力争20\d{2}年)")
# Not another plan's goals ("《…规划》提出，到2025年…", "根据省政府部署，到2025年…"), nor where things stand ("至2024年6月，
# 全市已建成…", "到2024年，预计达到…").
_QUOTED_GOAL = re.compile(r"》[^，,；;]{0,8}$|(?:提出|明确|指出|部署|规定)$")
_NOT_GOAL = re.compile(r"(?:力争)?(?:到|至)?20\d{2}年(?:\d{1,2}月|[^；;。]*?(?:已|预计))")
_GOAL_SENTENCE = re.compile(r"^((主要|工作|发展|总体|行动|治理|整治)?(预期)?目标[：:]|(治理|考核|主要|工作)指标[：:]|(力争)?(到|至)20\d{2}年)")
# A chapter of goals and tasks ("二、目标任务", "主要目标和任务"): its work items, which name who does them, are tasks.
# "二、工作目标和分工" (平潭 岚综管综〔2015〕18号, heldout81) likewise.
_GOALS_AND_TASKS = re.compile(r"^(?:主要|工作|总体|发展)?目标(?:和|与|及)?(?:(?:重点|主要)?任务|(?:工作|职责|责任)?分工)")
# A goal's heading or opening: "（一）工作目标", "具体目标", "1.到2025年，…"; not "落实目标责任", "目标任务分解",
# "目标管理", nor a deadline ("到2025年底前，完成…").
_GOAL_HEADING = re.compile(r"^(?:(?:主要|工作|总体|发展|具体|年度|治理|整治|预期)?目标(?:要求)?$|(?:力争)?(?:到|至)20\d{2}年(?!底?前))")


def _goal_sentences(text: str, span: Span | None, since: int | None) -> list[Span]:
    """Sentences of a preamble or a chapter's opening that state goals: a 目标： label, or a "到20XX年" deadline not
    before `since`.

    "到2025年底，全市…突破100亿元" in the preamble of a 2026—2028 plan is where it starts from.
    """
    if span is None:
        return []
    out = []
    for m in re.finditer(r"[^。\n]+。?", text[span.start : span.end]):
        start = 0
        g = _GOAL_SENTENCE.match(m.group(0))
        if g is None and (at := _GOAL_CLAUSE.search(m.group(0))) and not _QUOTED_GOAL.search(m.group(0)[: at.start()]) \
                and not _NOT_GOAL.match(m.group(0)[at.end() :]):
            # "为认真落实…,力争2023年金融业增加值突破1500亿元,…": the goals the purpose clause leads to.
            start, g = at.end(), re.match(r"(?:力争)?(?:到|至)?20\d{2}年", m.group(0)[at.end() :])
        if g is None:
            continue
        year = re.search(r"20\d{2}", g.group(0))
        if year and since is not None and int(year.group(0)) < since:
            continue
        out.append(Span(span.start + m.start() + start, span.start + m.end()))
    return out


def _bigrams(text: str) -> set[str]:
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {han[i : i + 2] for i in range(len(han) - 1)}


def _restated(row: Item, body: list[Item], text: str) -> Item | None:
    """The body item an annex row restates in other words: most of the row's words are in it, and in no other.

    "6综合监管与行业监督管理融合常态化机制…各处室要定期联合检查" restates "（八）…"; a row whose words are
    spread thinly over the body ("19消防安全网格化管理机制…") is a task of its own.
    """
    end = row.units_span.start if row.units_span else row.span.end
    words = _bigrams(text[row.span.start : end])
    if len(words) < 8:
        return None
    scored = sorted(((len(words & _bigrams(b.text)) / len(words), k) for k, b in enumerate(body)), reverse=True)
    best, runner_up = scored[0][0], scored[1][0] if len(scored) > 1 else 0.0
    item = body[scored[0][1]]
    # A title that differs from one item's alone in a word or a slip ("加强备案申报管理" for "加强备案申报监管",
    # "消纳产所" for "消纳场所") names it, though the row's words also echo a neighbour's; not where two items' titles
    # are that close ("推进数据平台运维" beside "…建设" and "…运用").
    # … nor where the words it adds name another item ("完善河长制考核工作机制" beside "完善河长制工作机制" and
    # "完善河长制考核制度").
    near = [b for b in body if _near_title(row.heading, b.heading, [o.heading for o in body if o is not b])]
    return item if best >= 0.5 and (best >= 2 * runner_up or near == [item]) else None


def _near_title(a: str, b: str, others: list[str]) -> bool:
    """Two titles a word or a slip apart: "加强备案申报管理" and "加强备案申报监管"; "实施区域再生水循环利用工程" and
    "实施区域再生水循环利用" (上海 污水资源化's 分工方案 names each task a 工程); "实施污水收集及资源化利用设施建设工程" and
    "实施污水收集及污泥资源化利用设施建设". Not "推进数据平台运维" and "推进数据平台建设": a quarter of the title differs;
    nor where a two-character word `a` has and `b` lacks stands in one of the `others`."""
    if min(len(a), len(b)) < 6:
        return False
    match = SequenceMatcher(None, a, b, autojunk=False)
    added = {a[i : i + 2] for tag, i1, i2, _, _ in match.get_opcodes() if tag != "equal" for i in range(i1, i2 - 1)}
    if any(w in other for w in added for other in others):
        return False
    if len(a) == len(b) and sum(x != y for x, y in zip(a, b)) <= 2:
        return True
    return 2 * sum(block.size for block in match.get_matching_blocks()) / (len(a) + len(b)) >= 0.85


# An annex whose title opens with one year ("附件1 / 2024年…任务清单", "附件：2024年度重点工作"): its rows are that
# year's work, whatever period the plan spans; one whose title names a period ("（2024—2026年）", anywhere in it)
# is that period's.
_ANNEX_YEAR = re.compile(r"^(?:附[件表]\s*[\d一二三四五六七八九十]*\s*[：:]?\s*)?(20\d{2})年度?(?![\d—\-－至~～到])")
_QUOTED = re.compile(r"《[^》]*》")
_ANNEX_RANGE = re.compile(r"(20\d{2})\s*年?\s*[—\-－–至~～到]+\s*(20\d{2})")


# An annex that lists projects ("重点工程项目清单", "重大项目表"): each row is a project of its own, however its words
# echo a body item's.
_PROJECTS = re.compile(r"(项目|工程)(?!化)[\u4e00-\u9fff]{0,4}?(清单|一览表|汇总表|表|库|计划)")


@dataclass(frozen=True)
class Annex:
    """Where an annex opens, the period its title names (None: the plan's own) and whether it lists projects."""

    start: int
    period: tuple[int, int] | None
    projects: bool


def annexes_of(text: str) -> list[Annex]:
    """Each annex of the text, in order."""
    lines = [(m.start(), m.group(0).strip()) for m in re.finditer(r"(?m)^.*$", text)]
    openings = annex_openings([line for _, line in lines])
    out: list[Annex] = []
    for k, (start, line) in enumerate(lines):
        if k not in openings:
            continue
        title = next((t for _, t in lines[k + 1 :] if t), "")
        # A period quoted inside a title ("落实《…规划（2021—2035年）》重点任务") is the other document's.
        span = _ANNEX_RANGE.search(_QUOTED.sub("", line)) or _ANNEX_RANGE.search(_QUOTED.sub("", title))
        year = _ANNEX_YEAR.match(line) or _ANNEX_YEAR.match(title)
        period = (int(span.group(1)), int(span.group(2))) if span else \
            (int(year.group(1)), int(year.group(1))) if year else None
        # The title is the annex line's own words, or the next line where the annex line is only "附件2"; a line that
        # lists the annexes ("附件：1.重点任务分工表；2.重点项目清单") names no one table, and a list of tasks and
        # projects ("重点任务及项目清单", "重点工作项目化推进表") restates the body's tasks as any 分工表 does.
        named = ANNEX_LABEL.sub("", line) or title
        projects = bool(_PROJECTS.search(named)) and not re.match(r"\d{1,2}[.．、]", named) \
            and not re.search(r"任务|分工|责任|举措|措施|重点工作|工作(?:及|和|与|、)?项目", named)
        out.append(Annex(start, period, projects))
    return out


def _annex_of(annexes: list[Annex], at: int) -> Annex | None:
    """The annex the text at offset `at` lies in (None: not in an annex)."""
    return next((a for a in reversed(annexes) if a.start < at), None)


def _annex_period(annexes: list[Annex], at: int) -> tuple[int, int] | None:
    """The period of the annex text at offset `at` lies in (None: the plan's own, or not in an annex)."""
    annex = _annex_of(annexes, at)
    return annex.period if annex else None


def _base_value(target: Target) -> float:
    """A figure's number in its measure's base unit: "1.2万人" and "12000人" are 12000."""
    for magnitude, factor in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
        if target.unit.startswith(magnitude) and len(target.unit) > len(magnitude):
            return round(target.value * factor, 6)
    return target.value


def _link_annex_rows(plan: Plan, annexes: list[Annex], body_end: int,
                     inferred: set[int], columned: dict[int, int]) -> None:
    """A 分工表 row (after `body_end`, where the first annex after the body's first item opens) that repeats a body
    item gives that item its units and is no item of its own.

    "二（一）壮大储能电池制造集群。…" in the body, then "1.壮大储能电池制造集群（牵头单位：市工信局…）"
    in the annex: one task, whose units' evidence is the annex row. A row that restates a body item
    in other words adds its units to the item's.
    """
    def key(heading: str) -> str:
        return re.sub(r"[\W_]", "", heading)

    if not plan.items or body_end >= len(plan.text):
        return
    body = [i for i in plan.items if i.span.start < body_end]
    kept = list(body)

    def projects(item: Item) -> bool:
        annex = _annex_of(annexes, item.span.start)
        return annex is not None and annex.projects

    rows = [i for i in plan.items if i.span.start >= body_end and not projects(i)]
    echoes = {id(row): _restated(row, body, plan.text) if row.units else None for row in rows}
    # A body item that several rows restate is broken down by the table ("一、深入推进生态文明建设" into measures
    # 1–6, each with its own units and deadline): those rows are its tasks, not repetitions of it.
    broken_down = Counter(id(b) for b in echoes.values() if b is not None)
    echoed: set[int] = set()  # body items whose units only a row restating them in other words gave
    def titled(row: Item) -> Item | None:
        """The body item a row's group in the table names ("2、改善农村道路环境" over "（2）推进“四好农村路”…")."""
        section = plan.sections[row.section] if row.section is not None else None
        if section is None or section.span.start < body_end:
            return None
        return next((b for b in body if key(b.heading) == key(section.heading)), None)

    # Rows with units of their own under each such group: several break the item down into tasks (平潭 2016's "9、
    # 强化环境监管" over "（1）37、组建…（责任单位：…）"); one at most, the merged cells of a table that gives the group's
    # units once, detail it.
    owning = Counter(id(item) for row in rows if row.units and (item := titled(row)) is not None)
    # Only a table's groups: rows whose units stand in their own cells (`columned`), not an annex that details the
    # body's measures in sentences of its own (青浦 2025's "（一）加强备案申报监管 / 1.…属地街镇对…").
    tabled = {id(item): columned[id(row)] for row in rows if id(row) in columned and (item := titled(row)) is not None}
    # Only items the body gives no units (an item with its own keeps them, and its rows stay rows); a row's figures
    # join the item's unless the body states them itself.
    bare = {id(b): {_base_value(t) for t in b.targets} for b in body if not b.units}
    for row in rows:
        # A row under a group that a body item's title names details that item: its units (the first row's, where
        # merged cells leave the others none) and its figures are the item's, and it is no task of its own.
        # A row without units is the group's only where its cells stop before the unit columns (merged), as many as the
        # unit row's other cells at most: one with a cell the parser reads as no unit ("属地", "待定") stays a row.
        if (item := titled(row)) is not None and owning[id(item)] <= 1 and id(item) in bare and id(item) in tabled \
                and (row.units or len(row.text.strip().splitlines()) <= tabled[id(item)]):
            if row.units and not item.units:
                item.units, item.units_span = list(row.units), row.units_span
            item.targets += [t for t in row.targets if _base_value(t) not in bare[id(item)]]
            continue
        # Rows in order, each to the first body task of that title still without units (but those a sentence gave,
        # or a row in other words: an annex that details the body's work before its 分工表 does).
        same = [b for b in body if key(b.heading) == key(row.heading)]
        match = next((b for b in same if not b.units), None) \
            or next((b for b in same if id(b) in inferred or id(b) in echoed), None)
        if match is not None and row.units and not row.targets:
            match.units, match.units_span = list(row.units), row.units_span
            echoed.discard(id(match))
            if id(row) in inferred:  # units a row's sentences gave stay open to a 分工表 row further on
                inferred.add(id(match))
            else:
                inferred.discard(id(match))
            continue
        restated = echoes[id(row)]
        # In an annex of one year's work, a row with figures of its own ("新改建供水管网400公里" in a 2024 list under
        # a plan to 2027) is a task of its own, however its words echo the body's.
        figures = {_base_value(t) for t in restated.targets} if restated is not None else set()
        period = _annex_period(annexes, row.span.start)
        yearly = period is not None and period[0] == period[1]
        if restated is not None and broken_down[id(restated)] == 1 \
                and (not yearly or all(_base_value(t) in figures for t in row.targets)):
            if id(restated) in inferred:
                restated.units = []
                inferred.discard(id(restated))
            if not restated.units:
                echoed.add(id(restated))
            have = {u.name for u in restated.units}
            restated.units += [u for u in row.units if u.name not in have]
            restated.units_span = restated.units_span or row.units_span
            # The row's own figures ("2024年年内创建30个…" beside the body's "创建60个") are the item's too; one the
            # body states in other words ("1000台" for "1000个", "12000人" for "1.2万人") is not its own.
            restated.targets += [t for t in row.targets if _base_value(t) not in figures]
            continue
        kept.append(row)
    kept += [i for i in plan.items if i.span.start >= body_end and projects(i)]
    kept.sort(key=lambda i: i.span.start)
    for ordinal, item in enumerate(kept, start=1):
        item.ordinal = ordinal
    plan.items = kept


def _standalone(text: str, span: Span, keyed: bool = False) -> bool:
    """True when a clause is a line of its own: just the clause in its brackets ("（A牵头，B配合）"), or, `keyed`, a
    keyed line ("责任部门：A、B")."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    return line_end - line_start - (span.end - span.start) in ((0, 2) if keyed else (2,))


def _style(number: str) -> str:
    """The kind of an item's own label: "3" and "（一）3" are digits, "（四）" a bracketed numeral."""
    return "digit" if number[-1:].isdigit() else "bracket" if number.endswith("）") else "other"


def _closes(item: Item, text: str) -> bool:
    """True when the item's clause is the last thing in it ("…享受。[责任单位:县财政局、县税务局]")."""
    return item.units_span is not None and not text[item.units_span.end : item.span.end].strip("）)]］〕】。；; \n")


# A line of an item's own that names its units, read or not ("责任单位 区财政金融局、各有关单位", its colon missing).
_OWN_KEY_LINE = re.compile(r"(?m)^(?:主要)?(?:责任|牵头|配合|主办|承办)(?:单位|部门|处室)")
_GOAL_ITEM = re.compile(r"^(?:工作|主要|总体|发展|行动|具体)?目标$")
_ANY_KEY_LINE = re.compile(r"(?m)^[\u4e00-\u9fff]{2,8}：")


def _share_section_clause(plan: Plan, inferred: set[int]) -> None:
    """A clause on its own line after a section's last item covers every item of the section.

    "（一）…  1.…  2.…  （A牵头，B配合）": items 1 and 2 both belong to A and B,
    unless an earlier item names its own units (other than in its sentences, `inferred`). So does one that closes the
    last item, where the items beside the section's heading close with theirs: "1.实行购房补贴政策 (1)… (2)… (3)…。[责任
    单位:A、B] 2.…。[责任单位:C]" writes each measure's units once, at its end.
    """
    by_section: dict[int, list[Item]] = {}
    for item in plan.items:
        if item.section is not None:
            by_section.setdefault(item.section, []).append(item)
    for section, items in by_section.items():
        last = items[-1]
        # (Not units the last item took from an annex row's cells, which stand outside it: review, helper 420.)
        if len(items) < 2 or last.units_span is None or not last.span.start <= last.units_span.start < last.span.end \
                or any(i.units and id(i) not in inferred for i in items[:-1]) \
                or any(_OWN_KEY_LINE.search(i.text) for i in items[:-1]):
            continue
        # The items beside the section's heading ("2.…", "3.…" beside "1.实行购房补贴政策"), nine in ten of them:
        # the plan's last item may run on into its closing words ("以上措施由…负责解释").
        above = plan.sections[section].parent  # None: the plan's top-level items ("一、…(1)…(2)…" beside "二、…")
        # (The plan's last item, run on into those words, is left out of the count.) Where the section's own chapter
        # holds too few measures to tell, those numbered as the section is across the plan ("（九）" among "（一）…（二十）"
        # under three chapters).
        peers = [i for i in plan.items if i.section == above and i.units_span is not None
                 and (i is not plan.items[-1] or _closes(i, plan.text))]
        if len(peers) < 3:
            label = plan.sections[section].label
            peers = [i for i in plan.items if i.section is not None and plan.sections[i.section].parent is None
                     and _style(i.number) == _style(label) and i.units_span is not None
                     and (i is not plan.items[-1] or _closes(i, plan.text))]
        closed = len(peers) >= 3 and sum(_closes(i, plan.text) for i in peers) >= 0.9 * len(peers)
        # A keyed line ("…3.… / 责任部门：A、B", 君山 2020) covers the items numbered as the last one is (not a box's
        # project line after a chapter's items: "（二）… / 专栏1 / 1.… / 牵头单位：A").
        # Not over items that state units in their sentences or have key lines of their own ("完成时限：…", "责任领导：…"),
        # nor over a 保障措施 chapter (a plan's closing "责任单位：各有关单位").
        keyed = all(_style(i.number) == _style(last.number) and i.kind == "task" for i in items) \
            and not re.search(r"\n(?:专栏|表\d|附表|\d+[.．、]|（\d+）)", last.text) \
            and not any(i.units or _ANY_KEY_LINE.search(i.text) for i in items[:-1])
        if _standalone(plan.text, last.units_span, keyed) or (closed and _closes(last, plan.text)):
            for item in items[:-1]:
                if not _GOAL_ITEM.search(item.heading):  # "（一）1.行动目标": the section's goals, no one's work
                    item.units, item.units_span = list(last.units), last.units_span


# What supplementary provisions say of the plan itself: who interprets it, when it takes effect or ends, how it names
# roles, who settles what it leaves open and where other rules prevail ("本办法实施中的具体问题，由X负责协调解决", "另有规定
# 的，…按照其规定执行"; review, helper 769); not work a body is given from the day it takes effect ("应在本办法施行之日起
# 三个月内制定实施细则").
_IN_FORCE = re.compile(r"由[^。；]{2,40}?负责解释|解释权|自[^。；]{2,24}?起(?:施行|实施|执行|生效)|有效期|废止|失效|实施日期"
                       r"|排序|排在第|未尽事宜|具体问题|另有规定|从其规定|按照其规定|另行办理")


def _spoken(plan: Plan, text: str, resolver: UnitResolver, level: str, items: list[Item]) \
        -> tuple[dict[int, list[UnitRef]], set[str]]:
    """Whom each item's sentences say act, and the bodies known to act anywhere in the plan."""
    # Bodies it names elsewhere, and those it gives a short name ("镇人民政府及街道办事处（以下简称“镇（街道）”）"),
    # are known to act wherever its sentences open with them (青浦 2023's articles: "镇（街道）应…").
    known = {u.written for item in plan.items for u in item.units} \
        | {short for short, full in short_names(text).items() if governing_body(full)} | set(group_names(text)) \
        | {name for addressed in addressees(text) for name in (addressed, addressed.removeprefix("各"))}
    # Bodies its sentences say act (read first, for all items) are known to act where another verb follows them.
    spoken = {id(item): subject_units(text, item.span, resolver, level, known=known) for item in items}
    return spoken, known | {u.written for refs in spoken.values() for u in refs}


def _said_units(text: str, item: Item, resolver: UnitResolver, level: str, known: set[str],
                subjects: list[UnitRef]) -> list[UnitRef]:
    """An item's units by its sentences: whom its opening sentence names before its work leads, the others take part."""
    # "（2）各街镇执行24小时零报告制度。…受灾街镇应…": the opener leads whatever the verb; where the sentences' reading has
    # the opener among them, its choice of lead stands ("相关区政府负责…。市水务局会同…").
    opener = opening_doers(text, item.span, resolver, level, known)
    if opener and not any(u.name == o.name or u.span.start == o.span.start for u in subjects for o in opener):
        return opener + [replace(u, role="co") for u in subjects]
    return subjects or opener


def _one_name_per_office(plan: Plan, resolver: UnitResolver) -> None:
    """"区口岸办" in one clause and "口岸办" in another are one office: the name the text itself writes wins.

    A list lends its prefix to bare names ("区行政审批局、市场监督管理局"); where the document writes the
    bare name on its own elsewhere ("执法稽查局" beside "省知识产权局"), the lent prefix was wrong.
    """
    names = {u.name for item in plan.items for u in item.units}
    rename: dict[str, str] = {}
    # Where two prefixed names share a bare one ("区公安局", "市公安局", "公安局"), the one the text writes most often
    # takes it (then the first in order: the same on every run).
    for name in sorted(names, key=lambda n: (-plan.text.count(n), n)):
        m = re.match(r"^([省市区县])(.{3,})$", name)
        if not m:
            continue
        bare = resolver.resolve(m.group(2))
        if bare in names:
            if name not in plan.text:
                rename.setdefault(name, bare)
            else:
                rename.setdefault(bare, name)
    for item in plan.items:
        item.units = [replace(u, name=rename.get(u.name, u.name)) for u in item.units]
        # "乡镇人民政府是…责任主体，…。乡镇应组织…" (崇明 2025): in one item, places by their kind are their government
        # named again (across items writers keep each name as written).
        own = {u.name for u in item.units}
        again = {u.name: long for u in item.units if re.fullmatch(r"各?(?:乡镇|镇|乡|街道)", u.name)
                 for long in (resolver.resolve(u.name + g) for g in ("人民政府", "办事处")) if long in own}
        # The one named first keeps its place and its part (review, helper 757: "乡镇要…，乡镇人民政府…要…" is led by the towns).
        item.units = [replace(u, name=again.get(u.name, u.name)) for u in item.units]
        # One unit named twice keeps its strongest role, once.
        leads = {u.name for u in item.units if u.role == "lead"}
        kept: dict[str, UnitRef] = {}
        for u in item.units:
            if (u.role == "lead" or u.name not in leads) and u.name not in kept:
                kept[u.name] = u
        item.units = list(kept.values())


def _written_names(plan: Plan) -> dict[str, str]:
    """Each unit name as the document writes it, to the canonical name it stands for (first reading wins)."""
    known: dict[str, str] = {}
    for item in plan.items:
        for u in item.units:
            known.setdefault(u.written, u.name)
    return known


def _split_run_together(plan: Plan) -> None:
    """A unit that is other units of this document written together ("区城管局区住建局": a table cell that listed
    them on separate lines, its line breaks lost) is those units, each with the role the run had.

    Only runs of names the document writes on their own elsewhere, each opening with its own level ("区…"): in
    "市生态环境局江宁分局", "市人民政府办公室" or "县委宣传部" the second name is a part of the first.
    """
    known = _written_names(plan)
    for item in plan.items:
        units: list[UnitRef] = []
        for u in item.units:
            parts = _as_known(u.written, known)
            if parts is None or plan.text[u.span.start : u.span.end] != u.written \
                    or not all(re.match(r"[省市县区镇乡]", p) for p in parts):
                units.append(u)
                continue
            at = u.span.start
            for part in parts:
                units.append(UnitRef(known[part], part, u.role, Span(at, at + len(part))))
                at += len(part)
        item.units = units


def _as_known(run: str, known: Mapping[str, str]) -> list[str] | None:
    """`run` as two or more names of `known` one after the other (the fewest), or None."""
    best: dict[int, list[str]] = {0: []}  # characters read -> the fewest names that spell them
    for end in range(1, len(run) + 1):
        spelt = [best[start] + [run[start:end]] for start in range(end) if start in best
                 and run[start:end] in known and run[start:end] != run]
        if spelt:
            best[end] = min(spelt, key=len)
    found = best.get(len(run))
    return found if found is not None and len(found) >= 2 else None


_PARTNER_BEFORE = re.compile(r"(?:配合|会同|协同|协助|联合)$")
_PARTNER_AFTER = re.compile(r"^(?:的)?(?:配合|协助|支持)下")
# What joins the partners of a list ("会同区城管执法局、区交通委打击…").
_LIST_JOINS = frozenset({"、", "和", "及", "以及", "与"})


def _partners_in_text(plan: Plan) -> None:
    """A duty holder of this document that an item's sentence names as a partner takes part in it.

    "（七）学校  9.…配合医疗卫生机构做好…" or "…在学校配合下…": 医疗卫生机构 and 学校 own items of their
    own here, so the item is theirs too. Only names the document already gives a role: "配合有关部门"
    names nobody, and a body the document never charges with anything is not made a unit by a verb.
    """
    known = _written_names(plan)
    for item in plan.items:
        for u in item.units:
            known.setdefault(u.name, u.name)
    names = sorted((w for w in known if len(w) >= 2), key=len, reverse=True)
    if not names:
        return
    for item in plan.items:
        if not item.units:
            continue
        have = {u.name for u in item.units}
        start = item.span.start
        listed = -1  # where the last partner named ends: the next one listed after it is a partner too
        for m in re.finditer("|".join(re.escape(w) for w in names), item.text):
            written = m.group(0)
            name = known[written]
            before, after = item.text[max(0, m.start() - 2) : m.start()], item.text[m.end() : m.end() + 4]
            partner = _PARTNER_BEFORE.search(before) or item.text[listed : m.start()] in _LIST_JOINS \
                or (_PARTNER_AFTER.match(after) and item.text[max(0, m.start() - 1)] == "在")
            listed = m.end() if partner else -1
            if partner and name not in have:
                item.units.append(UnitRef(name, written, "co", Span(start + m.start(), start + m.end())))
                have.add(name)


# "（责任单位：区水务局；完成时限：2025年）": the time a row is to be done by. Only a deadline: "持续开展", "每年开展"
# and "2024年起持续推进" (a start) name none.
_CLAUSE_TIME = re.compile(rf"{DATE_KEY}(?P<when>[^；;）)]*)")
_TIME_LINE = re.compile(rf"(?m)^{DATE_KEY}(?P<when>.*)$")
_LINE_DEADLINE = re.compile(r"^[^：]*(?:时限|期限|节点|完成|办结|进度)|(?:前|底|末)$")
# A key that says when work starts, not when it is due: "实施时间：2023年；完成时间：2024年", "启动时间：2023年" (not
# "实施时限：2024年底前", "实施时间：2024年底前").
_START_KEY = re.compile(r"^实施时间：(?!.*(?:前|底|末)$)")
_CLAUSE_YEAR = re.compile(r"(20\d{2})年")
_DEADLINE_VALUE = re.compile(r"^(?:(?:20\d{2}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上半年|下半年|年底|年末|底|末)?(?:前|以前|之前)?"
                             r"[、，,和及至—\-－~]*)+$")


def _unstated(t: Target) -> bool:
    """A figure whose sentence states no time: its year is the plan period's end, or none in a plan without one; or
    only a time within the year of issue ("上半年"), which its clause's stated date overrides."""
    return t.year_inferred or (t.year is None and not t.yearly) or of_issue_year(t.deadline)


def _by_clause_time(targets: list[Target], text: str, clauses: list[Span], span: Span) -> list[Target]:
    """Figures whose sentences state no time take the one the item's unit clause sets ("完成时限：2025年"), or a
    line of the item under the clause's keys does ("责任单位：… / 时序进度：2022年12月底前")."""
    keyed = [m for c in clauses for m in _CLAUSE_TIME.finditer(text, c.start, c.end)]  # "工作进度：按月调度；完成时间：…"
    # A line says a deadline by its key or its value: not a start ("实施时间：2023年1月1日") nor a progress report.
    keyed += [m for m in _TIME_LINE.finditer(text, span.start, span.end) if _LINE_DEADLINE.search(m.group(0))]
    for m in keyed:
        if _START_KEY.match(m.group(0)) or text[max(0, m.start() - 2) : m.start()] in ("启动", "开始"):
            continue
        when = m.group("when")
        if _DEADLINE_VALUE.match(when) and (years := _CLAUSE_YEAR.findall(when)):
            return [replace(t, year=int(years[-1]), deadline=when, year_inferred=False) if _unstated(t) else t
                    for t in targets]
    return targets


# A paragraph that opens with the time its points are for: "到2020年，…", "到2025年底，…".
_OPENING_TIME = re.compile(r"(?:到|至)(20\d{2})年(?:底|末)?[，,]")
_BY_TIME = re.compile(r"(?:到|至)(20\d{2})年")


def _by_heading_time(targets: list[Target], blocks: list[Block], idx: int, period: tuple[int, int] | None,
                     issued: int | None) -> list[Target]:
    """Figures that state no time take the deadline of the nearest heading above that sets one for its stage ("（二）
    第二阶段（2024年第四季度前完成）  1.试点推进。…遴选10至20个住宅小区"), unless it falls outside the plan's period."""
    if not any(_unstated(t) for t in targets):
        return targets
    parent = blocks[idx].parent
    while parent is not None:
        # … or the paragraph that opens it ("二、工作目标 / 到2020年，文物事业…： / 1.…安防技防100%达标", 静安 2018): the
        # last time it names, which leads into the list ("到2020年，初步建立…；到2022年，全面建成…，具体目标如下："; review).
        opening = blocks[parent].lines[1].text if len(blocks[parent].lines) > 1 else ""
        times = _BY_TIME.findall(opening) if _OPENING_TIME.match(opening) else []
        if when := stage_deadline(heading_of(blocks[parent])[0]) or (times[-1] if times else None):
            if (period and not period[0] <= int(when[:4]) <= period[1]) or (issued and int(when[:4]) < issued):
                return targets  # a date outside the plan's period ("2030年前实现碳达峰" over a 2024—2025 plan), or past
            return [replace(t, year=int(when[:4]), deadline=when, year_inferred=False) if _unstated(t) else t
                    for t in targets]
        parent = blocks[parent].parent
    return targets


def _not_incentives(targets: list[Target], incentives: list[Incentive]) -> list[Target]:
    """Targets whose figure is not one an incentive offers or sets as its condition, nor the count of a list its
    condition names ("购买冰箱、洗衣机…等6类家电中…的产品，按…给予补贴": what the buyer buys is no goal)."""
    def listed(t: Target, x: Incentive) -> bool:
        return x.condition is not None and x.span.start <= t.span.start < x.figure.start \
            and re.search(r"等\d+(?:\.\d+)?[^\d等，。；]{1,6}$", t.text) is not None
    return [t for t in targets if not any(t.span.start <= x.figure.start < t.span.end or listed(t, x) for x in incentives)]


def _document_aliases(text: str, resolver: UnitResolver) -> dict[str, str]:
    """The short names a text gives its bodies, each to the full name (`short_names`), and each without its level."""
    # One body's short name, not a pair's ("镇人民政府及街道办事处（以下简称“镇（街道）”）" stays as written).
    aliases = {short: full for short, full in short_names(text).items()
               if governing_body(full) and len(split_names(full)) == 1}
    # "（历保委职责）" for "区历保委": its level may go unsaid, where the text names no other level's such office
    # ("市应急局" beside "区应急局" leaves "应急局" either's) and the unit table knows no body by the bare name.
    for short, full in list(aliases.items()):
        bare, others = short[1:], "省市区县".replace(short[0], "")
        if re.match(r"[省市区县][\u4e00-\u9fff]{2}", short) and bare not in aliases and resolver.resolve(bare) == bare \
                and not re.search(rf"[{others}]{re.escape(bare)}(?!办公室|办|成员|组长)", text):
            aliases[bare] = full
    return aliases


def _expand_groups(plan: Plan, groups: dict[str, list[str]], resolver: UnitResolver) -> None:
    """"区市场监督管理局等四部门要…": where the text named the group so, the bodies it stands for, the first as read and
    the others taking part in place of the count ("四部门")."""
    for short, members in groups.items():
        first, *rest = split_names(short) if "等" in short else ["", short]  # "三部门要…": the group by its count alone
        for item in plan.items:
            at = next((k for k, u in enumerate(item.units) if rest and u.written == rest[0]), None)
            if at is None or (first and not any(u.written == first for u in item.units)):
                continue
            have = {u.name for u in item.units}
            span, role = item.units[at].span, item.units[at].role
            named = members[1:] if first else members
            item.units[at : at + 1] = [UnitRef(resolver.resolve(m), m, role if not first and k == 0 else "co", span)
                                       for k, m in enumerate(named) if resolver.resolve(m) not in have]


def parse_plan(raw_text: str, name: str, lexicon: Lexicon, seg: Segmenter, doc_id: str | None = None) -> Plan:
    """Parse a plan; a text without numbered items is still a document, with a warning that says so.

    Its id, unless given, comes from its 文号 (the same document under another file name keeps it), else its file name.
    """
    text = normalize(raw_text)
    if not text.strip():
        raise ParseError(f"{name}: no text left after normalisation")
    lines = split_lines(text)
    first, blocks = parse_blocks(lines)
    header = parse_header(lines, first)
    head_lines = [line.text for line in lines[: max(first, 1)]]
    region = find_region(head_lines, lexicon)
    doc_no = find_doc_no(head_lines[:12])
    issuers = [*([header.office] if header.office else []), *signature_issuers([line.text for line in lines])]
    # The signature is read from the raw text: normalising drops a closing signature with the annex list before it.
    # Else the 版记's 印发 date, days after the signature's at most.
    printed = find_printed(raw_text)
    date = header.date or signature_date(raw_text.splitlines()) or printed
    jurisdiction = find_jurisdiction(issuers, header.title, doc_no, region)
    resolver = UnitResolver(lexicon, region)
    aliases = _document_aliases(text, resolver)
    resolver.declare(aliases)
    plan = Plan(
        doc_id=doc_id or (doc_no_id(doc_no) if doc_no else doc_id_for(name, text)),
        source=name.rsplit("/", 1)[-1],
        text=text,
        title=header.title,
        office=header.office,
        date=date,
        region=region,
        period=header.period,
        preamble=header.preamble,
        doc_no=doc_no,
        printed=printed,
        jurisdiction=jurisdiction,
        kind=document_kind(header.title),
        aliases=aliases,
    )
    plan.validity = find_validity(text, date)  # the 版记's 印发 date when nothing else dates it
    # Goals lie within the period, or, for a plan without one, not before the year it was issued.
    issued = int(date[:4]) if date else None
    since = header.period[0] if header.period else issued

    def add_goal(body: Span, idx: int | None = None) -> None:
        """The goals at `body`; those of the block at `idx` take the time a heading or paragraph above it sets."""
        plan.goals.append(body)
        targets = extract_targets(text, body, header.period, issued)
        plan.goal_targets.extend(targets if idx is None else _by_heading_time(targets, blocks, idx, header.period, issued))
        plan.goal_mentions.extend(find_mentions(text, body, lexicon, seg))

    for goal in _goal_sentences(text, header.preamble, since):
        add_goal(goal)  # "工作目标：…" or "到2028年，…" before the first heading: the plan's overall targets.
    annexes = annexes_of(text)
    is_parent = {b.parent for b in blocks if b.parent is not None}
    section_of: dict[int, int] = {}
    item_blocks: list[int] = []

    def kind_of(idx: int) -> str:
        """The block's kind from its chapter; under a chapter of goals and tasks, work that names its units is a task
        ("二、目标任务 / （一）畜禽生产环节 / 治理指标：… / 1.加强定点屠宰监督管理。…（区农业局）")."""
        block = blocks[idx]
        kind = block_kind(block, blocks)
        if kind == "supplementary" and not _IN_FORCE.search(text, block.span.start, block.span.end) \
                and subject_units(text, block.span, resolver, jurisdiction.level):
            # "第五章 附则 / 第二十二条（配套办法） 区各行业主管部门应根据本办法，完善…操作细则" (静安 2021): work a body is
            # given in the supplementary provisions is a task; who interprets the plan and when it takes effect are not.
            return "task"
        if kind != "goals" or block.parent is None or not _GOALS_AND_TASKS.match(chapter_of(block, blocks)):
            return kind
        # Goals by their heading or their opening stay goals ("（一）工作目标（区市场监管局牵头）", "1.到2025年，…");
        # work is a task when it names its units, or a section heading above it does ("（一）畜禽生产环节（区农业局）"),
        # or the work beside it does. The chapter itself is no section of it.
        chain = [block, *(blocks[p] for p in ancestors(blocks, idx)[:-1])]
        if any(_GOAL_HEADING.match(heading_of(b)[0]) for b in chain):
            return kind
        spans = [block.span, *(Span(b.lines[0].start, b.lines[0].end) for b in chain[1:])]
        spans += [b.span for b in blocks if b.parent == block.parent and b is not block]
        return "task" if any(extract_units(text, span, resolver)[0] for span in spans) else kind

    # Whose duties a line before a run of numbered items says they are ("“标准办”职责为："): read once per block.
    introduced = {idx: duties_introduced(text, blocks, idx, resolver) for idx in range(len(blocks))}
    for idx, block in enumerate(blocks):
        # Under a chapter of duties, or under an office's heading in a section of them ("四、工作安排 / （二）部门职责… /
        # 1.区交通与建设局： / （1）…；"); not a list of conditions or of what is checked ("1.申报条件： / （1）…；").
        duties = bool(DUTY_CHAPTER.search(chapter_of(block, blocks))) or (
            block.parent is not None and office_heading(heading_of(blocks[block.parent])[0])
            and under_duties(blocks, idx)) or bool(introduced[idx]) \
            or (block.parent is not None and (lists_own_duties(blocks[block.parent])
                                              or whose_duties(heading_of(blocks[block.parent])[0]) is not None))
        leaf_item = has_body(block, duties=duties) and idx not in is_parent
        kind = kind_of(idx)
        if leaf_item and kind not in ("goals", "background", "supplementary"):
            item_blocks.append(idx)
            continue
        heading, _ = heading_of(block)
        parent_section = section_of.get(block.parent) if block.parent is not None else None
        section_of[idx] = len(plan.sections)
        plan.sections.append(Section(block.label, heading, block.level, block.span, parent_section))
        if leaf_item and kind == "goals":  # its paragraphs hold the plan's overall targets
            add_goal(Span(block.lines[1].start, block.span.end) if len(block.lines) > 1 else block.span, idx)
        elif not leaf_item and (kind == "task" or _GOALS_AND_TASKS.match(chapter_of(block, blocks))) and len(block.lines) > 1:
            # "二、实施消费品以旧换新行动 / 到2027年，全区汽车累计以旧换新不低于600辆… / （十三）…": a chapter's
            # opening sentences set the goals its items serve, and belong to none of them.
            for goal in _goal_sentences(text, Span(block.lines[1].start, block.span.end), since):
                add_goal(goal)
    # "（一）推进技术改造（责任单位：市工信局）" then （1）（2）: the heading's units cover the sub-items; so do keyed
    # lines right under it ("（一）问题" / "牵头部门：A" / "责任部门：A、B" / "整改措施：" / 1. 2. …).
    own_units = {idx: extract_units(text, Span(blocks[idx].lines[0].start, blocks[idx].lines[0].end), resolver)[0]
                 for idx in section_of}
    key_spans = {idx: key_lines(text, blocks[idx]) for idx in section_of}
    heading_units = {
        idx: own_units[idx] or extract_units(text, key_spans[idx], resolver, keyed_only=True)[0] for idx in section_of
    }
    # A rectification list's problems: units only in key lines of a rectification ("牵头部门：A / 责任部门：A、B /
    # 整改时限：… / 整改措施： / 1.区B局对…"), whose measures each say who does them; not a task's 牵头单位/配合单位 lines.
    keyed = {idx for idx, units in heading_units.items()
             if units and not own_units[idx] and MEASURES_KEY.search(text, key_spans[idx].start, key_spans[idx].end)}
    # "（一）做好旅游这篇大文章 / 由社会事业处牵头，… / 1.… / 责任处室：经济发展处": who does the section's work.
    # Not a chapter's ("一、重点任务 / 由区政府办牵头，各部门分工落实": coordination), nor a section whose heading already
    # names its units.
    stated_above = {idx for idx, units in heading_units.items() if units}
    covers = {idx: opening for idx in section_of if blocks[idx].parent is not None and idx not in stated_above
              and (opening := opening_units(text, blocks[idx], resolver))[0]}
    for idx, (cover, _) in covers.items():
        heading_units[idx] = heading_units[idx] or cover
    # Sections whose units their sentences name (an owner's heading, "A实施以下…"), not a clause: read as an item's
    # own subjects are, they leave the plan's other items to their sentences too.
    said_above = {idx for idx in section_of if not heading_units[idx]}
    for idx in section_of:
        heading_units[idx] = heading_units[idx] or section_owner(blocks, idx, False, resolver) \
            or following_units(text, blocks[idx], resolver)
    # "三、建立完善市场化机制 / 按照…原则，…发挥主要作用。(省国资委牵头，…按职责分工负责) / (一)…": a clause closing a
    # chapter's one-paragraph opening, for its items that name no units in any other way (an annex row wins over it).
    closing = {idx: refs for idx in section_of if not heading_units[idx] and (refs := closing_clause(text, blocks[idx], resolver))}
    # "（九）… / （十三）… / 牵头单位：市工信局，责任单位：…" before the next chapter: the chapter's line, for all its items.
    closing_lines = {idx: refs for idx, refs in closing_key_lines(text, blocks, item_blocks, resolver).items()
                     if not heading_units.get(idx) and idx not in closing}
    closing |= closing_lines
    numbers = unique_numbers(blocks, item_blocks)
    standing: list[UnitRef] = []  # units a clause said every later item has
    listed_lead = False  # a clause said every unit listed leads ("所列部门为主要牵头单位…，下同")
    lists_stated = False  # a clause said how the plan's clauses read ("列第一位者为牵头单位，下同")
    # Most measures close a sentence with a bracket of offices ("…给予分档奖励（市经济和信息化局、各区政府）。", 北京 2024):
    # the plan's way of assigning work, read as clauses; one such bracket alone is as often whom a sentence reports to,
    # asks or follows (review, helper 675).
    closed_by_offices = sum(closes_with_offices(text[blocks[idx].span.start : blocks[idx].span.end]) for idx in item_blocks)
    closing_lists = closed_by_offices >= 3 and 2 * closed_by_offices >= len(item_blocks)
    # Items whose units a sentence gave ("由A牵头制定", a mechanism's roles): an annex row or a section's clause that
    # states them outright wins.
    inferred: set[int] = set()
    columned: dict[int, int] = {}  # annex rows whose units stand in cells of their own, one per line: their other lines
    openers: dict[int, list[UnitRef]] = {}  # items of a duties chapter by the body they open with, where nothing else names one
    stated = False  # whether the body names some item's units in a clause, a heading or by its owner
    # Items whose units only a sentence's roles on its way state ("一是定期会商，由A牵头，…"): one is a sentence reading;
    # a plan that states them so in several items, a quarter of its items or more, assigns its work so, as with clauses
    # (two of a long plan's forty, 平潭's 大招商, do not).
    roles_on_the_way = 0
    wayside: set[int] = set()  # items whose units are roles their sentences state on their way ("由A牵头，B共同推进")
    # The body ends at the first annex after its first item ("关于印发…的通知 / 附件 / 方案…" opens with one).
    first_item = blocks[item_blocks[0]].span.start if item_blocks else 0
    body_end = next((a.start for a in annexes if a.start > first_item), len(text))
    for ordinal, idx in enumerate(item_blocks, start=1):
        block = blocks[idx]
        heading, heading_span = heading_of(block)
        units, clauses = extract_units(text, block.span, resolver, lists_stated=lists_stated, closing_lists=closing_lists)
        columns = not units and not clauses and block.span.start >= body_end
        if columns:
            units, clauses = column_lines(text, block.span, resolver)  # a row given one cell per line
            columns = bool(units)
        if not any(heading_units.get(p) or p in covers for p in ancestors(blocks, idx)):
            # "…由区农业农村局牵头…（各有关部门分别负责）": where nothing above names units, a clause naming no one by
            # name leaves the lead to the item's sentences.
            units = lead_said_in_sentences(text, block.span, units, clauses, resolver)
        # "四、职责分工  1.街道消委办。牵头开展…": an item of a duties chapter named by its owner.
        above = [block.parent] if block.parent is not None and lists_own_duties(blocks[block.parent]) \
            else ancestors(blocks, idx)
        owned = not units and bool(units := section_owner(blocks, idx, True, resolver) or opening_units(text, block, resolver)[0]
                                   or group_owner(heading, heading_span.start, resolver)
                                   # a section heading naming its owner ("（一）虹口区绿化和市容管理局 / 区绿化市容局是…，
                                   # 主要履行以下职责：") names it as the plan's writers take it; a heading's collective
                                   # ("第四条 街镇职责") yields to the bodies a sentence announces ("街道办事处、镇人民政府负责…")
                                   # (an article announcing its own duties, "第六条 区政府应当…履行下列职责：", names
                                   # whose its points are nearer than its chapter, "第二章 各级人民政府消防工作职责")
                                   or ([] if any(u for p in above for u in heading_units.get(p, [])
                                                 if not COLLECTIVE.match(u.written))
                                       else list(introduced[idx])))
        if owned and introduced[idx] and units == list(introduced[idx]):
            # "2016年…交通与建设局环境保护目标责任 / 五、协同推进大气污染防治。…配合区环土局…": the owner leads, those its
            # duties say it works with take part.
            units += [u for u in partners_named(text, block.span, resolver, jurisdiction.level)
                      if u.name not in {v.name for v in units} and not restates(units[0].written, u.written)]
        if owned and (owner := whose_duties(heading)):
            # "（四）公安局职责。公安机关要…，教育部门要配合…": the heading's owner leads, whom its sentences say act take part
            # (not the owner named again by its field, "公安机关").
            named = {u.name for u in units}
            said = subject_units(text, block.span, resolver, jurisdiction.level)
            # A collective's duties ("第四条 街镇职责") whose sentence names its bodies ("街道办事处、镇人民政府负责…") are
            # theirs, the collective its kind (review, helper 726).
            if COLLECTIVE.match(owner) and said:
                units = said
            else:
                units += [replace(u, role="co") for u in said if u.name not in named and not restates(owner, u.written)]
        parts = _without(block.span, clauses)
        parent = block.parent
        # The nearest section that says who does its work, unless a nearer one names its units in its heading.
        cover_at = next((p for p in ancestors(blocks, idx) if p in covers or p in stated_above), None)
        if units and cover_at in covers:
            cover, named_lead = covers[cover_at]
            # An item that names its own lead keeps it ("（区财政局牵头，区发改委配合）", "牵头单位：区工信局").
            own_lead = any("牵头" in text[c.start : c.end] for c in clauses)
            units = under_cover(cover, named_lead and not own_lead, units)
        from_sentences = False
        problem = next((p for p in ancestors(blocks, idx) if heading_units.get(p)), None)
        if not units and not clauses and problem in keyed:
            units = measure_units(text, block.span, heading_units[problem], resolver, jurisdiction.level)
            from_sentences = bool(units)
        took = None  # the section whose units the item takes
        while not units and parent is not None:
            owned, took = parent in said_above, parent
            units, parent = list(heading_units.get(parent, [])), blocks[parent].parent
        if owned and units and not clauses and took is not None and whose_duties(heading_of(blocks[took])[0]) \
                and not under_duties(blocks, idx) \
                and (said := subject_units(text, block.span, resolver, jurisdiction.level)) \
                and said[0].name not in {u.name for u in units}:
            # "三、各街镇消防工作责任 / （三）区消防救援大队要加强对各街镇的业务指导": outside a duties chapter, an item whose
            # own sentence names another body as who acts is that body's, not the heading owner's.
            units = said
        # Offices opening an item's lines ("市交通管理部门负责…"), a duties chapter's owners and a section's "A实施以下…"
        # (`owned`) are its sentences' subjects: a plan that names units only so still gives its other items to whom their
        # sentences say acts (上海 2019's 轨道交通, 杨浦's 工作要求).
        on_the_way = bool(units) and not owned and from_roles_on_the_way(text, block.span, clauses)
        if units and not owned and ((block.style == "article" and len(block.lines) > 2)
                                    # "四、职责分工 / 农业部门负责…。规划部门负责…。财政部门负责…" (平潭 2019): a duties
                                    # heading over one paragraph, as an article of several (not a section's own first
                                    # sentence, "（一）明确各方职责。区政府指导…", nor paragraphs its writers split)
                                    or (len(block.lines) == 2 and "。" not in block.lines[0].text
                                        and DUTY_CHAPTER.search(heading) is not None)) \
                and from_duty_lines(text, block.span, clauses) \
                and (said := subject_units(text, block.span, resolver, jurisdiction.level)) \
                and {u.name for u in units} < {u.name for u in said} \
                and not (said[0].written.startswith(("省", "市")) and units[0].written.startswith(("区", "县"))):
            # "第三条（职责分工） / 区国动办是…综合协调部门，负责牵头… / 区消防救援局负责… / 区教育局…等部门应…": an item of
            # several duty paragraphs is every body its sentences say acts, the first leading (黄浦 2025), though only some
            # lines open with an office's 负责; not where the first a sentence names is a level above the district's own
            # office whose duties the lines give ("市建设行政管理部门应当加强…指导", 崇明 2019).
            units = said
        roles_on_the_way += on_the_way
        stated = stated or bool(units and not owned and not from_duty_lines(text, block.span, clauses) and not on_the_way
                                and not from_numbered_lines(text, clauses) and block.span.start < body_end)
        if not units and not clauses:
            # Who does a part of the item ("细则由A会同B制定"), or runs what it sets up: where nothing else names any.
            units, clauses = sentence_units(text, block.span, resolver, jurisdiction.level)
            parts = _without(block.span, clauses)
            from_sentences = bool(units)
        if not units:
            units = next((list(closing[p]) for p in ancestors(blocks, idx) if p in closing), [])
            from_sentences = bool(units)
        elif from_sentences and (line := next((closing_lines[p] for p in ancestors(blocks, idx) if p in closing_lines), None)):
            units = list(line)  # a chapter's stated line wins over who a sentence says does a part ("办法由市财政局牵头制定")
        clause_texts = [text[c.start : c.end] for c in clauses]
        # "所列部门为主要牵头单位，参加单位不一一列出，下同": every unit a later list names leads, up to a convention on who
        # leads; without 下同, in this item only. A clause that gives roles itself keeps them (review, helper 654).
        here = any(all_listed_lead(c) for c in clause_texts)
        if any(states_lead_order(c) for c in clause_texts):
            listed_lead = False  # only a convention on who leads ends it (review, helper 664)
        if (listed_lead or here) and clauses and not from_sentences and not any(states_roles(c) for c in clause_texts):
            units = [replace(u, role="lead") for u in units]
        listed_lead = listed_lead or any(all_listed_lead(c) and re.search(r"下同|以下", c) is not None for c in clause_texts)
        lists_stated = lists_stated or any(states_convention(c) for c in clause_texts)
        stated_here = False  # the item's own clause states a convention: its units are the item's too
        for clause in clauses:
            held = standing_units(text, [clause], resolver)  # a clause may state only a convention
            stated_here = stated_here or bool(held)
            if not parse_clause(Clause(text[clause.start : clause.end], clause), text, resolver, lists_stated=lists_stated) \
                    and not held:
                plan.warnings.append(f"{name}: item {numbers[idx]}: unit clause not read at {clause.start}–{clause.end}: "
                                     f"{text[clause.start:clause.end][:80]}")
            standing += held
        # "以下均需相关乡镇配合，不再列出": units every item has beside its own, where it has some (an item that names
        # none, "加强乡镇属地管理", gets none: the writers of 平潭 2015 and 国办发〔2018〕128号 read it so; 苏州's added one).
        if units or stated_here:
            units += [u for u in standing if u.name not in {v.name for v in units}]
        item = Item(
            ordinal=ordinal,
            number=numbers[idx],
            kind=kind_of(idx),
            heading=heading,
            text=text[block.span.start : block.span.end],
            span=block.span,
            heading_span=heading_span,
            section=section_of.get(block.parent) if block.parent is not None else None,
            units=units,
            units_span=clauses[0] if clauses else None,
            targets=[],
            mentions=[m for part in parts for m in find_mentions(text, part, lexicon, seg)],
        )
        item.incentives = [x for part in parts for x in extract_incentives(text, part)]
        item.deadlines = find_deadlines(item.text)
        period = _annex_period(annexes, block.span.start) or header.period
        item.targets = _by_heading_time(_by_clause_time(_not_incentives(
            [t for part in parts for t in extract_targets(text, part, period, issued)], item.incentives), text, clauses, block.span),
            blocks, idx, period, issued)
        plan.items.append(item)
        if columns:
            columned[id(item)] = len(item.text.strip().splitlines()) - len(clauses)
        if not units and (doer := duty_opener(blocks, idx, resolver)):
            openers[id(item)] = doer
        if from_sentences:
            inferred.add(id(item))
        if on_the_way:
            wayside.add(id(item))
    # A plan stating who leads on the way in half its items or more gives its work so; fewer leave the others' sentences
    # read (a quarter switched them off until 平潭 岚综管办〔2016〕202号, whose writer read them at nine items of 24).
    reads_sentences = not stated and (roles_on_the_way < 2 or roles_on_the_way * 2 < len(plan.items))
    if reads_sentences:
        # "交通与建设处要发挥…": a plan that names no units otherwise gives each item to whom its sentences say acts.
        spoken, known = _spoken(plan, text, resolver, jurisdiction.level,
                                [item for item in plan.items if not item.units or id(item) in inferred or id(item) in wayside])
        for item in plan.items:
            if item.units:
                if id(item) in inferred or id(item) in wayside:
                    # "具体数额由区环境与国土资源局牵头核定。区财政金融局…等部门要加强…监督检查": who a sentence says does a part
                    # leads; the others its sentences say act take part.
                    have = {u.name for u in item.units}
                    item.units += [replace(u, role="co") for u in spoken[id(item)] if u.name not in have]
                continue
            if units := _said_units(text, item, resolver, jurisdiction.level, known, spoken[id(item)]):
                item.units = units
                inferred.add(id(item))
    for item in plan.items:
        if not item.units and id(item) in openers:
            item.units = openers[id(item)]
    for item in plan.items:
        # "区建管委负责…。区农业农村委、区发改委依据各自职责，配合开展相关工作": those a sentence says help take part.
        for helper in helpers_named(text, item.span, resolver, jurisdiction.level) if item.units else []:
            if helper.name not in {u.name for u in item.units}:
                item.units.append(helper)
    label_units(plan.items, text, resolver)
    _split_run_together(plan)
    _link_annex_rows(plan, annexes, body_end, inferred, columned)
    _share_section_clause(plan, inferred)
    chapter_leads(plan, resolver, inferred)
    if not reads_sentences:
        # A plan giving its other items units in clauses, headings or rows leaves those it gives none ("（二）加强协作。
        # 各相关部门要…", a campaign's phases) to whom their sentences say act, as the held-out writers of two documents in
        # three read them (session 71); read last, so no row or chapter line that names them is overridden.
        bare = [item for item in plan.items if not item.units]
        spoken, known = _spoken(plan, text, resolver, jurisdiction.level, bare)
        for item in bare:
            item.units = _said_units(text, item, resolver, jurisdiction.level, known, spoken[id(item)])
    _expand_groups(plan, group_names(text), resolver)
    _one_name_per_office(plan, resolver)
    _partners_in_text(plan)
    section_leads_by_title(plan)
    for item in plan.items:
        if not item.units:
            plan.warnings.append(f"{name}: item {item.number} ({item.heading}) names no responsible unit")
    if not plan.items:
        plan.warnings.append(f"{name}: no numbered items found (expected markers like 一、 （一） 1.); "
                             "ingested as a document without tasks")
    all_mentions = plan.goal_mentions + [m for it in plan.items for m in it.mentions]
    plan.cluster_roles = find_cluster_roles(text, all_mentions)
    plan.references = [replace(r, implements=implements(text, r)) for r in find_references(text, plan.title)]
    return plan
