"""Leads a plan names once for whole chapters by their topics, in a paragraph of its own: "区交建局负责牵头抓好城市公用设施
工程、公路水路工程、美丽乡村工程；区经发局牵头负责抓好水利工程、城乡电网工程…" (平潭 2015 扩大有效投资, whose chapters are
"一、加快城市公用设施工程建设", "二、加快水利建设", …): each chapter's items are the body's to lead. Or in items of their own
titled by the sections they lead ("四、工作机制 / 1. 老化管道全面体检专项行动。由市住房城乡建设管理委、市规划资源局牵头负责，…"
over "（一）实施老化管道全面体检专项行动 / 任务1：…", 上海 2025)."""
from __future__ import annotations

import re
from dataclasses import replace

from .records import Item, Plan, Span, UnitRef
from .unit_names import split_names
from .units import UnitResolver, is_official

# "A负责牵头抓好X、Y、Z", "A牵头负责X", "A负责X、Y": a body, its role, then the topics it leads, up to the clause's end.
_ASSIGNS = re.compile(r"(?:^|(?<=[。；\n]))(?P<names>[^，。；、\n]{2,20}?)(?:负责牵头|牵头负责|牵头|负责)"
                      r"(?:抓好|推进|落实|组织实施|实施|组织)?(?P<topics>[^，。；\n]{4,80})(?=[。；])")
# Words a topic or a chapter's heading may add around what it is about: "水利工程" is the chapter "加快水利建设", not
# "加快交通水利基础设施建设".
_GENERIC = re.compile(r"(?:工程|建设|工作|项目|领域|行动)+$")
_ACTS_ON = re.compile(r"^(?:加快|推进|加强|实施|做好|抓好|推动|深化|全面|大力)+")
# A name that joins two bodies ("区交建局会同区住建局"): no one office.
_JOINED = re.compile(r"会同|联合|协同|[和与及]")
# An item's own words on who leads or does it ("区生态环境局牵头，区水利局配合…"), which a chapter's lead does not override.
_OWN_ROLE = re.compile(r"牵头|负责|会同|配合")


def _core(words: str) -> str:
    """What a chapter's heading or a topic is about: "加快水利建设" and "水利工程" -> 水利."""
    return _GENERIC.sub("", _ACTS_ON.sub("", words.removesuffix("等")))


def _chapter_of(plan: Plan, item: Item) -> int | None:
    """The top-level section the item stands under."""
    at = item.section
    while at is not None and plan.sections[at].parent is not None:
        at = plan.sections[at].parent
    return at


def _topic_chapters(plan: Plan, topics: str, chapters: set[int]) -> list[int] | None:
    """The chapter each topic names (its words, without 工程/建设…, in one chapter's heading only), or None where one
    names no chapter or several."""
    out = []
    for topic in split_names(topics):
        core = _core(topic)
        named = [c for c in chapters if len(core) >= 2 and core == _core(plan.sections[c].heading)]
        if len(named) != 1:
            return None
        out.append(named[0])
    return out


def chapter_leads(plan: Plan, resolver: UnitResolver, inferred: set[int]) -> None:
    """Give each item of a chapter a paragraph names a lead for that lead: in place of none, or of units its sentences
    alone gave it (`inferred`) where none of them says it leads or is responsible, which then take part. Only where the paragraph names two chapters or more, each by
    one body."""
    chapters = {c for item in plan.items if (c := _chapter_of(plan, item)) is not None}
    leads: dict[int, UnitRef] = {}
    for m in _ASSIGNS.finditer(plan.text):
        names = m.group("names")
        if len(split_names(names)) != 1 or _JOINED.search(names) or not is_official(names):
            continue
        named = _topic_chapters(plan, m.group("topics"), chapters)
        if not named:
            continue
        ref = UnitRef(resolver.resolve(names), names, "lead", Span(m.start("names"), m.end("names")))
        for chapter in named:
            if leads.setdefault(chapter, ref).name != ref.name:
                return  # one chapter, two leads: no convention the parser can follow
    if len(leads) < 2:
        return
    for item in plan.items:
        at = _chapter_of(plan, item)
        lead = leads.get(at) if at is not None else None
        if lead is None or (item.units and (id(item) not in inferred or _OWN_ROLE.search(item.text))):
            continue
        item.units = [lead] + [replace(u, role="co") for u in item.units if u.name != lead.name]


def _under(plan: Plan, item: Item, section: int) -> bool:
    """Whether the item stands in the section, at any depth."""
    at = item.section
    while at is not None and at != section:
        at = plan.sections[at].parent
    return at == section


def section_leads_by_title(plan: Plan) -> None:
    """Give the items of an earlier section with no units the units of a later item titled as that section is ("老化管道
    全面体检专项行动" for "实施老化管道全面体检专项行动"); only where two sections or more are so named, each by one item."""
    cores = [_core(section.heading) for section in plan.sections]
    named: dict[int, Item] = {}
    for item in plan.items:
        core = _core(item.heading)
        matches = [i for i, c in enumerate(cores) if len(core) >= 4 and c == core
                   and plan.sections[i].span.end <= item.span.start and not _under(plan, item, i)]
        # Only an item saying who leads the section's work ("由A、B牵头负责"), not a later chapter's check or funding of it
        # ("由市审计局对专项资金开展审计监督", "区财政局负责安排所需资金"; review 892).
        if len(matches) != 1 or not item.units or "牵头" not in item.text:
            continue
        if matches[0] in named:
            return  # one section, two items naming it: no convention the parser can follow
        named[matches[0]] = item
    if len(named) < 2:
        return
    for item in plan.items:
        owner = next((by for section, by in named.items() if _under(plan, item, section)), None)
        if owner is not None and not item.units:
            item.units = list(owner.units)
