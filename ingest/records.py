"""Typed records produced by ingest: plain data, no RDF, no I/O."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """Half-open character span [start, end) in the normalised text."""

    start: int
    end: int


@dataclass(frozen=True)
class UnitRef:
    """A responsible unit as listed for one item."""

    name: str  # canonical name after alias resolution
    written: str  # as written in the plan (after suffix sharing)
    role: str  # "lead" | "co"
    span: Span


@dataclass(frozen=True)
class Target:
    """A quantitative target: value, unit, comparator and time."""

    text: str  # the clause the target was read from
    metric: str
    value: float
    unit: str
    comparator: str  # ">=", ">", "~", "=", "<="
    year: int | None
    deadline: str | None  # the time phrase as written, e.g. "2026年底前"
    yearly: bool
    year_inferred: bool  # True when the year is the plan period's end, not stated
    span: Span
    qualifier: str | None = None  # e.g. "单个项目投资不低于10亿元"
    scale: str | None = None  # e.g. "千亿级" read as 1000亿元
    scale_value: float | None = None
    scale_unit: str | None = None


@dataclass(frozen=True)
class Jurisdiction:
    """The issuing body's level and region; a municipality is its own province and city."""

    level: str  # "national" | "provincial" | "city" | "county" | "unknown"
    province: str | None  # 上海市, 江西省
    city: str | None  # 景德镇市, 上海市
    county: str | None  # 浦东新区, 盐都区


@dataclass(frozen=True)
class Incentive:
    """Money or a rate the plan offers: one figure of an incentive clause, by its role."""

    kind: str  # "award" | "subsidy" | "rate" | "cap" | "threshold"
    amount: float
    unit: str
    text: str  # the clause, from its condition to the figure's clause
    condition: str | None  # "对年主营业务收入首次突破1亿元的低空配套企业"
    beneficiary: str | None  # "低空配套企业"
    span: Span
    figure: Span  # the figure itself


@dataclass(frozen=True)
class Mention:
    """A gazetteer entity (industry or region) mentioned in the text."""

    kind: str  # "industry" | "region"
    key: str  # canonical label in the gazetteer
    span: Span


@dataclass(frozen=True)
class ClusterRole:
    """A region's role in building a cluster, read from the text."""

    region: str
    industry: str
    role: str  # "lead" | "co"
    span: Span


@dataclass(frozen=True)
class Reference:
    """Another document named in 《…》."""

    title: str
    span: Span
    implements: bool = False  # "为贯彻落实《X》": this document carries X out


@dataclass(frozen=True)
class Section:
    """A heading block (chapter / section) of the plan."""

    label: str  # marker as written, e.g. "二" or "（一）"
    heading: str
    level: int
    span: Span
    parent: int | None  # index into Plan.sections


@dataclass
class Item:
    """A task or work requirement: the unit of assignment."""

    ordinal: int  # 1-based position among the document's items
    number: str  # its number in the document, unique within it ("1", "三（一）")
    kind: str  # "task" | "requirement"
    heading: str
    text: str
    span: Span
    heading_span: Span
    section: int | None  # index into Plan.sections
    units: list[UnitRef] = field(default_factory=list)
    units_span: Span | None = None
    targets: list[Target] = field(default_factory=list)
    incentives: list[Incentive] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)  # the item's own time limits: "2026年底前", "2027年"


@dataclass(frozen=True)
class Validity:
    """The term a document gives itself: from (ISO date, None where it does not say) until (ISO date), and the
    sentence that says so."""

    start: str | None
    until: str
    span: Span


@dataclass
class Plan:
    """One parsed policy plan."""

    doc_id: str
    source: str  # file name it came from
    text: str  # normalised text; every Span points into it
    title: str
    office: str | None
    date: str | None  # ISO date
    region: str | None
    period: tuple[int, int] | None
    preamble: Span | None
    sections: list[Section] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    goals: list[Span] = field(default_factory=list)
    goal_targets: list[Target] = field(default_factory=list)
    goal_mentions: list[Mention] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    cluster_roles: list[ClusterRole] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    doc_no: str | None = None  # 文号, e.g. 景府办发〔2026〕12号
    printed: str | None = None  # 印发日期 (ISO), from the 版记 line "…2026年3月5日印发"
    validity: Validity | None = None  # the term it gives itself ("有效期至2027年12月31日")
    kind: str | None = None  # 文种: 实施方案, 指导意见, 通知 …
    # Short names the text gives bodies ("嘉定区建设和管理委员会（以下简称区建管委）"), each to the full name it stands for.
    aliases: dict[str, str] = field(default_factory=dict)
    jurisdiction: Jurisdiction = field(default_factory=lambda: Jurisdiction("unknown", None, None, None))
