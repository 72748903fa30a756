"""Passages for search, built from the graph (not from raw files), and per-task metadata."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ingest.normalize import MARKER
from kg.query import KG

from .types import Passage

_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")


@dataclass(frozen=True)
class TaskMeta:
    """What ranking needs to know about a task without touching the graph per query."""

    id: str
    title: str
    number: str
    doc: str
    units: frozenset[str]  # every spelling of every responsible unit
    industries: frozenset[str]  # mentioned industries and their broader concepts
    regions: frozenset[str]
    years: frozenset[int]


# One document's passages as the engine keeps them: (the store version that wrote it, its passages, its tasks'
# metadata, the passages' digest).
DocPassages = tuple[int, list[Passage], dict[str, TaskMeta], str]


def _sentences(title: str, body: str) -> list[str]:
    out = []
    for s in _SENTENCE.findall(body):
        s = s.strip()
        if len(s) >= 6 and s.rstrip("。；！？") != title:
            # Each sentence carries its task's heading: context helps both rankers.
            out.append(f"{title}：{s}")
    return out


def build_passages(kg: KG, docs: Iterable[str] | None = None) -> tuple[list[Passage], dict[str, TaskMeta]]:
    """Task, sentence, target and goal passages, each tied to its task id, document by document (of `docs`
    only, when given: a document's passages depend on its own graph alone)."""
    passages: list[Passage] = []
    meta: dict[str, TaskMeta] = {}
    for doc_id in sorted(kg.doc_ids() if docs is None else docs):
        _doc_passages(kg, doc_id, passages, meta)
    return passages, meta


def _doc_passages(kg: KG, doc_id: str, passages: list[Passage], meta: dict[str, TaskMeta]) -> None:
    def add(task: str, kind: str, text: str) -> None:
        passages.append(Passage(len(passages), task, kind, text))

    for item in kg.items(doc_id):
        row = kg.task_row(item)
        ev = kg.evidence(item)
        text = ev.text if ev else ""
        # The responsibility clause is the same boilerplate in most tasks: leave it out.
        clause_starts = [e.start for _, _, a in kg.assignments(item) if (e := kg.evidence(a))]
        if ev and clause_starts:
            text = text[: max(0, min(clause_starts) - ev.start - 1)]
        body = MARKER.sub("", text).strip()
        add(row.id, "task", body)
        for s in _sentences(row.title, body[len(row.title) + 1 :] if body.startswith(row.title) else body):
            add(row.id, "sentence", s)
        for t in row.targets:
            add(row.id, "target", f"{row.title}：{t.text}（{t.year or ''}年目标）")
        meta[row.id] = TaskMeta(
            id=row.id,
            title=row.title,
            number=row.number,
            doc=row.doc,
            units=frozenset(kg.unit_names(item)),
            industries=frozenset(kg.industry_names(item)),
            regions=frozenset(row.regions),
            years=frozenset(t.year for t in row.targets if t.year),
        )

    for goal_doc, body, years in kg.goals(doc_id):
        gid = f"{goal_doc}.goals"
        add(gid, "goal", body)
        for s in _sentences("工作目标", body):
            add(gid, "sentence", s)
        old = meta.get(gid)
        meta[gid] = TaskMeta(gid, "工作目标", "goals", goal_doc, frozenset(), frozenset(), frozenset(),
                             frozenset(years) | (old.years if old else frozenset()))


def digest(passages: list[Passage]) -> str:
    """Identifies the passage set, so an index built from an older graph is seen as stale."""
    h = hashlib.sha256()
    for p in passages:
        h.update(f"{p.task_id}\t{p.kind}\t{p.text}\n".encode())
    return h.hexdigest()[:20]
