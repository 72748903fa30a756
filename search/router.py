"""Route a Chinese question to a structured graph query, or say it cannot."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from ingest.lexicon import canon_text
from kg.chains import ChainAnalysis, guide_order
from kg.query import KG, DocFilter

from .answers import (
    AnswerRow,
    ClusterRoleAnswer,
    Routed,
    SegmentAnswer,
    SegmentPolicyAnswer,
    Span,
    TargetAnswer,
    TaskAnswer,
    UnitAnswer,
)

_YEAR = re.compile(r"(20\d{2})年?")
# A unit-like name the graph may not know: "市公安局负责哪些任务" must not fall through.
_UNITISH = re.compile(r"([\u4e00-\u9fff（）]{1,16}?(局|委|办|厅|部|中心|政府|会|分行|联|院|公司|集团|室|组|专班|所|队|站"
                      r"|街镇|街道|办事处|乡镇|社区|各村|各地))(?=牵头|负责|配合|参与|的|有|承担|要)")
# What a question asks about, not a name: "哪些部门负责", "什么单位牵头".
_ASKING = re.compile(r"^(?:哪|什么|谁)")
_QUESTION_LEAD = re.compile(r"^(请问)?(哪些|哪个)?(任务|工作|事项)?(是)?由")
_TASK_WORDS = re.compile(r"任务|工作|事项|职责|负责什么|干什么|做什么")
_UNIT_Q = re.compile(r"谁|哪些单位|哪个单位|哪些部门|哪个部门|责任单位|牵头单位|配合单位|由谁")
_TARGET_WORDS = re.compile(r"目标|指标|达到|完成多少|要求多少|数量")
_CLUSTER_WORDS = re.compile(r"集群|产业|主导")
_CHAIN_GAP_Q = re.compile(r"缺|短板|断点|堵点|空白|薄弱|补链|延链|强链|哪些环节|什么环节")
_POLICY_Q = re.compile(r"政策|支持|扶持|措施|要求|规划|怎么说|提到")
_REGION_Q = re.compile(r"哪个区|哪些区|哪个县|哪些县|哪里|哪些地方|哪个地方|哪些区县|哪个园区|在哪")


def _longest(question: str, labels: dict) -> str | None:
    """The longest label that occurs in the question."""
    best = None
    for label in labels:
        if len(label) >= 2 and label in question and (best is None or len(label) > len(best)):
            best = label
    return best


def _find_task(kg: KG, q: str):
    """An item named in the question by its heading or its number."""
    # Titles come from an index the graph snapshot builds once and are looked up by the question's substrings:
    # a question costs its own length, not a scan of every title (7.8 ms at 1,000 plans).
    title = kg.finder("titles").longest(q)
    if title is not None:
        return kg.item_titled(title)
    m = re.search(r"(?:任务|第)\s*(\d{1,2})\s*(?:项|条|个)?(?:任务)?", q)
    if m:
        matches = [item for _, number, item in kg.headings() if number == m.group(1)]
        if len(matches) == 1:
            return matches[0]
    return None


def route(kg: KG, question: str, docs: DocFilter | None = None,
          chains: Callable[[], ChainAnalysis] | None = None, keep: Collection[str] | None = None) -> Routed:
    """Recognise entities, pick an intent, answer exactly from the graph, from the documents a filter keeps (and
    of those, the ids in `keep`: the documents the question's own words point at, search/scope.py).

    `chains` gives the snapshot's chain analysis when a chain question needs it: a service keeps one per snapshot
    (analysing a 10,000-row register costs seconds), so every search does not analyse the register again."""
    routed = _route(kg, question, chains or (lambda: ChainAnalysis(kg)))
    if docs or keep is not None:
        # Every answer that comes from one document names it: one rule keeps the filter for every intent.
        kept = kg.kept_docs(docs) if docs else kg.doc_ids()
        if keep is not None:
            kept &= set(keep)
        routed.answers = [a for a in routed.answers if isinstance(a, SegmentAnswer) or a.doc is None or a.doc in kept]
    return routed


def _route(kg: KG, question: str, chains: Callable[[], ChainAnalysis]) -> Routed:
    """Recognise entities, pick an intent, answer exactly from the graph."""
    # The same canonical punctuation as the plans: "各县(市、区)政府" finds "各县（市、区）政府".
    q = canon_text(question)
    unit_label = kg.finder("units").longest(q)
    industry_label = kg.finder("industries").longest(q)
    region_label = kg.finder("regions").longest(q)
    year_m = _YEAR.search(q)
    year = int(year_m.group(1)) if year_m else None
    task = _find_task(kg, q)
    ents: dict[str, Any] = {k: v for k, v in (("unit", unit_label), ("industry", industry_label), ("region", region_label), ("year", year)) if v}
    if task is not None:
        ents["task"] = kg.task_row(task, with_targets=False).title

    chain_answer = _route_chain(chains, kg, q, industry_label, ents)
    if chain_answer is not None:
        return chain_answer

    # A region asked about tasks means its government or management committee.
    if unit_label is None and region_label and _TASK_WORDS.search(q) and not _CLUSTER_WORDS.search(q):
        for suffix in ("管委会", "人民政府"):
            if kg.resolve_unit(region_label + suffix):
                unit_label = region_label + suffix
                ents["unit"] = unit_label
                break

    if task is not None and _UNIT_Q.search(q):
        return _units_of_task(kg, q, task, ents)
    if task is not None and _TARGET_WORDS.search(q):
        row = kg.task_row(task)
        return Routed(q, "targets", [TargetAnswer.of(t) for t in row.targets], ents)
    if unit_label and not _TARGET_WORDS.search(q):
        return _tasks_of_unit(kg, q, unit_label, ents)
    if _TARGET_WORDS.search(q) and (year or unit_label or industry_label):
        rows = kg.targets(year=year, unit=unit_label, industry=industry_label)
        return Routed(q, "targets", [TargetAnswer.of(t) for t in rows], ents)
    if region_label and _CLUSTER_WORDS.search(q) and not industry_label:
        roles = kg.cluster_roles(region=region_label)
        return Routed(q, "clusters_of_region", [ClusterRoleAnswer.of(r) for r in roles], ents)
    if industry_label and _REGION_Q.search(q):
        roles = kg.cluster_roles(industry=industry_label)
        return Routed(q, "regions_of_cluster", [ClusterRoleAnswer.of(r) for r in roles], ents)
    m = _UNITISH.search(q)
    name = _QUESTION_LEAD.sub("", m.group(1)) if m else ""
    if m and (_TASK_WORDS.search(q) or "负责" in q or "牵头" in q) and not _ASKING.match(name):
        # The lazy match starts at the question's first character: "哪些任务由县交通运输局" -> 县交通运输局.
        if kg.resolve_units(name):  # a short name ("科技局负责什么") stands for the 市科技局 of every plan
            return _tasks_of_unit(kg, q, name, ents)
        ents["unit"] = name
        suggestions = kg.suggest_units(name)
        if suggestions:
            ents["suggestions"] = suggestions
        return Routed(q, "tasks_of_unit", [], ents, note=f"{name} is not named as a responsible unit in any ingested plan")
    return Routed(q, "unknown", [], ents)


def _tasks_of_unit(kg: KG, q: str, unit_label: str, ents: dict) -> Routed:
    role = "lead" if "牵头" in q else "co" if re.search(r"配合|协助|协同", q) else None
    unit_node = kg.resolve_unit(unit_label)
    ents["unit"] = kg.label(unit_node) if unit_node is not None else unit_label
    ents["role"] = role or "any"
    answers: list[AnswerRow] = []
    for row, r, assignment in kg.tasks(unit=unit_label, role=role):
        ev = kg.evidence(assignment) if assignment is not None else None
        answers.append(TaskAnswer(row.id, row.title, row.number, row.doc, r, Span.of(ev)))
    return Routed(q, "tasks_of_unit", answers, ents)


def _units_of_task(kg: KG, q: str, task, ents: dict) -> Routed:
    row = kg.task_row(task, with_targets=False)
    only_lead = "牵头" in q
    answers: list[AnswerRow] = [
        UnitAnswer(name, role, row.id, row.title, row.number, row.doc, Span.of(kg.evidence(a)))
        for name, role, a in kg.assignments(task) if not only_lead or role == "lead"
    ]
    return Routed(q, "units_of_task", answers, ents)


def _route_chain(chains: Callable[[], ChainAnalysis], kg: KG, q: str, industry_label: str | None,
                 ents: dict) -> Routed | None:
    """Chain questions: gaps of a cluster's chain, or the policy on one segment."""
    gaps = ("链" in q or "环节" in q) and _CHAIN_GAP_Q.search(q)
    if not gaps and not _POLICY_Q.search(q):
        return None  # no chain question: the analysis is not needed
    analysis = chains()
    if not analysis.chains:
        return None
    if gaps:
        names = [industry_label] if industry_label else []
        names += [label for label in kg.industry_labels if label in q and label != industry_label]
        chain = next((c for c in (analysis.resolve(n) for n in names if n) if c is not None), None)
        if chain is not None:
            data = analysis.chain(chain)
            ents["chain"] = data.label
            answers: list[AnswerRow] = [
                SegmentAnswer(s.label, s.id, s.stage, s.status, s.policy_priority, s.reasons, s.contact)
                for s in guide_order(data.segments) if s.status != "present"
            ]
            note = None if data.register.loaded else "未导入企业名录：各环节是否缺失待核实，列出的是全部环节及其政策依据"
            return Routed(q, "chain_gaps", answers, ents, note=note)
    if _POLICY_Q.search(q):
        segment_names = analysis.segment_names()
        hit = _longest(q, segment_names)
        chain = analysis.resolve(hit) if hit else None
        if hit and chain is not None:
            seg_id = analysis.segment_id(segment_names[hit])
            seg = next(s for s in analysis.chain(chain).segments if s.id == seg_id)
            ents["segment"] = seg.label
            answers = [
                SegmentPolicyAnswer(p.task, p.number, p.doc, p.task_id, p.calls, Span(p.text, p.start, p.end))
                for p in seg.policy
            ]
            note = None if answers else f"方案未直接提及{seg.label}"
            return Routed(q, "segment_policy", answers, ents, note=note)
    return None
