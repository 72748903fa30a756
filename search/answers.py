"""The structured answers the router gives, one dataclass per kind; `Routed` holds them with what was recognised."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from kg.query import ClusterRoleRow, Evidence, TargetRow


@dataclass
class Span:
    """The clause an answer rests on, in its document's text."""

    text: str
    start: int
    end: int

    @classmethod
    def of(cls, ev: Evidence | None) -> Span | None:
        """The span of a piece of evidence (its document is the answer's own)."""
        return None if ev is None else cls(ev.text, ev.start, ev.end)


@dataclass
class TaskAnswer:
    """tasks_of_unit: a task of the unit, with the unit's role and the clause that gives it."""

    id: str
    title: str
    number: str
    doc: str
    role: str | None
    evidence: Span | None


@dataclass
class UnitAnswer:
    """units_of_task: a unit of the task, with its role."""

    unit: str
    role: str
    id: str
    title: str
    number: str
    doc: str
    evidence: Span | None


@dataclass
class TargetAnswer(TargetRow):
    """targets: a target, with its task's title (None for a plan-wide goal)."""

    title: str | None = None

    @classmethod
    def of(cls, t: TargetRow) -> TargetAnswer:
        return cls(**{f.name: getattr(t, f.name) for f in fields(t)}, title=t.task)


@dataclass
class ClusterRoleAnswer:
    """clusters_of_region / regions_of_cluster: a region's role in a cluster."""

    region: str
    industry: str
    role: str
    doc: str | None
    evidence: Span | None

    @classmethod
    def of(cls, r: ClusterRoleRow) -> ClusterRoleAnswer:
        return cls(r.region, r.industry, r.role, r.evidence.doc if r.evidence else None, Span.of(r.evidence))


@dataclass
class SegmentAnswer:
    """chain_gaps: a segment that is missing, weak or not yet known, with why and whom to call."""

    segment: str
    id: str
    stage: str
    status: str
    policy_priority: bool
    reasons: list[str]
    contact: list[str]


@dataclass
class SegmentPolicyAnswer:
    """segment_policy: a task whose text is about the segment."""

    title: str
    number: str
    doc: str
    id: str
    calls: list[str]
    evidence: Span | None


AnswerRow = TaskAnswer | UnitAnswer | TargetAnswer | ClusterRoleAnswer | SegmentAnswer | SegmentPolicyAnswer


@dataclass
class Routed:
    """A routed question: intent, what was recognised, and the exact answers."""

    question: str
    intent: str
    answers: list[AnswerRow] = field(default_factory=list)
    entities: dict[str, Any] = field(default_factory=dict)
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        """As the API and the CLI write it."""
        out = {"question": self.question, "intent": self.intent, "answers": [asdict(a) for a in self.answers],
               "entities": self.entities}
        if self.note:
            out["note"] = self.note
        return out
