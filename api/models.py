"""The contract: one Pydantic model per answer, returned by the service, sent by the routes, printed by the CLI.

Every route declares its model, so /openapi.json describes every response. Undeclared fields are an error when
POLICYKG_STRICT_RESPONSES is set (the test suite sets it, and walks every route with real data); in production
they are passed through rather than dropped.
"""
from __future__ import annotations

import os
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_EXTRA: Literal["forbid", "allow"] = "forbid" if os.environ.get("POLICYKG_STRICT_RESPONSES") else "allow"


class Out(BaseModel):
    """Base of every response model."""

    # from_attributes: the graph's rows (kg/query.py dataclasses) validate as they are, without a dict copy.
    model_config = ConfigDict(extra=_EXTRA, populate_by_name=True, serialize_by_alias=True, from_attributes=True)


# ---- shared pieces -----------------------------------------------------------------------------------
class Evidence(Out):
    """The source text a fact was read from: a span of a document's normalised text."""

    doc: str | None = None  # absent where the document is the answer's own
    text: str
    start: int
    end: int


class Target(Out):
    """A quantitative target."""

    id: str
    task: str | None
    task_id: str | None
    number: str | None
    doc: str
    metric: str
    text: str
    value: int | float
    unit: str
    comparator: str
    year: int | None
    deadline: str | None
    yearly: bool
    year_inferred: bool
    qualifier: str | None
    evidence: Evidence | None = None
    via: str | None = None  # why it matched an industry filter, when indirect


class Task(Out):
    """A task or work requirement with its units, industries, targets and time limits."""

    id: str
    title: str
    number: str
    doc: str
    kind: str
    ordinal: int | None
    lead: list[str]
    co: list[str]
    industries: list[str]
    regions: list[str]
    targets: list[Target]
    deadlines: list[str] = []
    role: str | None = None  # the unit's role, when the list is of one unit's tasks


class Assignment(Out):
    unit: str
    role: str
    evidence: Evidence | None


class Statement(Out):
    text: str
    evidence: Evidence


class TaskDetail(Task):
    """One task with its text and the clause behind each unit; goal statements for "<doc>.goals"."""

    text: str
    evidence: Evidence | None
    assignments: list[Assignment]
    statements: list[Statement] | None = None


class TaskList(Out):
    tasks: list[Task]


class Unit(Out):
    name: str
    aliases: list[str]
    collective: bool
    members: list[str]
    member_of: list[str]
    lead: int
    co: int


class UnitList(Out):
    units: list[Unit]


class TargetList(Out):
    targets: list[Target]


class Incentive(Out):
    id: str
    kind: str
    amount: int | float
    unit: str
    text: str
    condition: str | None
    beneficiary: str | None
    task: str
    task_id: str
    number: str
    doc: str
    evidence: Evidence | None


class IncentiveList(Out):
    incentives: list[Incentive]


class Industry(Out):
    label: str
    alt: list[str]
    broader: str | None
    leading_cluster: bool
    tasks: int


class ClusterRole(Out):
    region: str
    industry: str
    role: str
    evidence: Evidence | None = None
    doc: str | None = None


class Industries(Out):
    industries: list[Industry]
    cluster_roles: list[ClusterRole]


# ---- documents ------------------------------------------------------------------------------------------
class Citation(Out):
    title: str
    doc: str | None
    implements: bool


class CitedBy(Out):
    doc: str
    implements: bool


class Document(Out):
    id: str
    title: str | None
    office: str | None
    date: str | None
    printed: str | None
    period: list[int] | None
    source: str | None
    items: int
    references: list[str]
    doc_no: str | None
    kind: str | None
    level: str | None
    cites: list[Citation]
    cited_by: list[CitedBy]
    valid_from: str | None = None  # the term the document gives itself (有效期), where it states one
    valid_until: str | None = None


class DocumentList(Out):
    documents: list[Document]


class DocumentDetail(Document):
    text: str | None


class Deleted(Out):
    deleted: str
    search_index: dict[str, object] | None = None


class IngestedFile(Out):
    doc: str
    source: str
    status: str
    title: str | None = None
    items: int | None = None
    units: int | None = None
    targets: int | None = None
    kind: str | None = None  # "chain" for a chain map
    segments: int | None = None


class FileError(Out):
    source: str
    error: str


class IndexReport(Out):
    index: str = Field(description="`current`, `rebuilt`, or `pending`: the write is stored and the search index "
                                   "follows when its store answers again")
    version: str | None = None
    embedded: int | None = None
    seconds: float


class IngestReport(Out):
    ingested: list[IngestedFile]
    errors: list[FileError]
    warnings: list[str]
    seconds: float
    search_index: IndexReport | None = None


# ---- graph -------------------------------------------------------------------------------------------
class GraphNode(Out):
    id: str
    label: str | None
    type: str | None
    task_id: str | None = None


class GraphEdge(Out):
    source: str
    target: str
    type: str | None


class GraphView(Out):
    focus: list[str]
    depth: int
    truncated: bool
    nodes: list[GraphNode]
    edges: list[GraphEdge]


# ---- search and ask --------------------------------------------------------------------------------------
class Hit(Out):
    id: str
    title: str
    number: str
    doc: str
    score: float
    text: str
    passage_kind: str
    similarity: float | None
    highlights: list[tuple[int, int]] = Field(
        description="where the query's terms occur in `text`: sorted, non-overlapping [start, end) offsets in "
                    "characters (Unicode code points)")


class HitGroup(Out):
    """The hits of one document, for clients that show results by document."""

    doc: str
    title: str | None
    hits: list[str] = Field(description="the document's task ids, in rank order")
    best: int = Field(description="the rank (1-based) of the document's best hit in `hits` of the result")


class TaskAnswer(Out):
    """tasks_of_unit: a task of the unit, with the unit's role."""

    id: str
    title: str
    number: str
    doc: str
    role: str | None
    evidence: Evidence | None


class UnitAnswer(Out):
    """units_of_task: a unit of the task."""

    unit: str
    role: str
    id: str
    title: str
    number: str
    doc: str
    evidence: Evidence | None


class TargetAnswer(Target):
    """targets: a target, with its task's title."""

    title: str | None = None


class ClusterRoleAnswer(ClusterRole):
    """clusters_of_region / regions_of_cluster."""


class SegmentAnswer(Out):
    """chain_gaps: a segment that is missing, weak or unknown."""

    segment: str
    id: str
    stage: str
    status: str
    policy_priority: bool
    reasons: list[str]
    contact: list[str]


class SegmentPolicyAnswer(Out):
    """segment_policy: a task whose text is about the segment."""

    title: str
    number: str
    doc: str
    id: str
    calls: list[str]
    evidence: Evidence | None


class AnswerDocument(Out):
    doc: str
    title: str | None
    answers: int


class Fallback(Out):
    kind: str
    note: str
    hits: list[Hit]
    relevant: bool | None


class SearchScope(Out):
    """Document filters the query's own words set (a place, a year); `words=false` turns them off."""

    place: str | None = Field(description="the place named in the query whose documents are kept")
    year: int | None = Field(description="the year named in the query whose documents are kept")
    documents: int = Field(description="documents kept: those of the place and year, national ones, and those "
                                       "whose place or years are not known")
    applied: bool = Field(description="false when the kept documents had no hit and the whole library was searched")


class Answer(Out):
    """A structured answer: exact, from the graph, or a note saying why there is none."""

    question: str
    intent: str
    answers: list[TaskAnswer | UnitAnswer | TargetAnswer | SegmentAnswer | SegmentPolicyAnswer | ClusterRoleAnswer]
    entities: dict[str, str | int | list[str]]
    note: str | None = None
    documents: list[AnswerDocument] | None = None
    fallback: Fallback | None = None
    scope: SearchScope | None = Field(None, description="the place the question names, whose documents (with national "
                                                        "ones and those of unknown place) answered; `words=false` turns it off")


class SearchResult(Out):
    query: str
    mode: str
    answer: Answer | None = None
    scope: SearchScope | None = None
    hits: list[Hit]
    groups: list[HitGroup] = Field(description="the same hits by document, ordered by each document's best hit")
    relevant: bool | None


# ---- chains and the enterprise register ------------------------------------------------------------------
class ChainSummary(Out):
    id: str
    cluster: str
    label: str
    segments: int
    status: dict[str, int]


class ChainList(Out):
    chains: list[ChainSummary]


class Register(Out):
    loaded: bool
    enterprises: int


class ChainPolicy(Out):
    id: str
    title: str
    number: str
    lead: list[str]
    co: list[str]
    calls: list[str]


class SegmentRegion(Out):
    region: str
    role: str


class EnterpriseDetail(Out):
    name: str
    products: list[str]
    region: str
    scale: str
    matched: str


class SegmentPolicy(Out):
    task: str
    task_id: str
    number: str
    doc: str
    text: str
    start: int
    end: int
    matched: list[str]
    calls: list[str]
    priority: bool


class Segment(Out):
    id: str
    label: str
    stage: str
    kind: str
    next: list[str]
    status: str
    policy_priority: bool
    reasons: list[str]
    tasks: list[str]
    task_ids: list[str]
    units: list[str]
    contact: list[str]
    regions: list[SegmentRegion]
    enterprises: list[str]
    enterprise_details: list[EnterpriseDetail]
    policy: list[SegmentPolicy]
    targets: list[Target]
    source: str


class Chain(Out):
    id: str
    cluster: str
    label: str
    source: str
    register_: Register = Field(alias="register")  # "register" itself is a BaseModel method
    regions: list[ClusterRole]
    chain_policy: list[ChainPolicy]
    targets: list[Target]
    segments: list[Segment]


class EnterpriseImport(Out):
    imported: int
    errors: list[str]
    search_index: dict[str, object] | None = None


class RowMatch(Out):
    chain: str
    cluster: str
    segment: str
    label: str
    stage: str
    by: str
    terms: list[str]


class PreviewRow(Out):
    row: int
    name: str
    products: list[str]
    segment: str | None
    region: str | None
    scale: str | None
    matches: list[RowMatch]
    unmatched: str | None = None  # why a row matched no segment (no_match, unknown_segment)
    merged: bool | None = None  # a later row of an enterprise already listed: their products are merged


class SkippedRow(Out):
    row: int | None  # None where the message names no row (the register was cut at the row limit)
    code: str
    message: str


class ChainChange(Out):
    id: str
    cluster: str
    label: str
    before: dict[str, int]
    after: dict[str, int]


class RegisterPreview(Out):
    file: str
    enterprises: int
    rows: list[PreviewRow]
    matched: int
    skipped: list[SkippedRow]
    chains: list[ChainChange]
    register_: Register = Field(alias="register")


# ---- the CLI's files -----------------------------------------------------------------------------------------
class Written(Out):
    """A file the CLI wrote (an export or a 招商指南)."""

    format: str
    out: str
    bytes: int


class ExportText(Out):
    """An export printed as JSON (`policykg export --json`)."""

    format: str
    data: str


# ---- meta -----------------------------------------------------------------------------------------------
class RebuildProgress(Out):
    embedded: int = Field(description="new passages embedded so far")
    to_embed: int = Field(description="new passages this rebuild embeds (the rest come from the vector cache)")


class Health(Out):
    status: Literal["ok", "degraded"] = Field(
        description="`degraded`: the service answers, but not from its latest state; `reasons` says why")
    reasons: list[str] | None = None
    rebuild: RebuildProgress | None = None


class ErrorBody(Out):
    code: str
    message: str
    params: dict[str, object] | None = None


class Error(Out):
    """Every error: a stable code, a message, and parameters a client can word its own message from."""

    error: ErrorBody
