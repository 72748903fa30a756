"""Industry chains in the graph, and their analysis: evidence, units, enterprises, gap status."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ingest.chains import STAGES, ChainMap
from ingest.enterprises import Enterprise

from .build import new_graph
from .containing import Containing
from .query import KG, ClusterRoleRow, Evidence, TargetRow, TaskRow
from .register import Register
from .terms import int_value, uri_value, uris
from .vocab import PKG, chain_iri, enterprise_iri, industry_iri

# Words by which a plan calls for investment or growth in a link of the chain.
_CALLS = re.compile(r"招引|招商|引进|补链|延链|强链|壮链|培育|布局|强化|大力推动|推动|支持|发展壮大|开发应用")
_PRIORITY = re.compile(r"招引|招商|引进|补链|延链|强链|壮链|培育|布局|强化|大力推动")
_CHAIN_POLICY = re.compile(r"补链|延链|强链|壮链|产业链|招商|招引")
_LARGE = re.compile(r"规上|规模以上|大型|龙头|链主|上市|专精特新|小巨人")
STATUS_ORDER = {"gap": 0, "unknown": 1, "weak": 2, "present": 3}


@dataclass
class SegmentPolicy:
    """A sentence of a task that names the segment, with the calls it makes (招引, 培育 …)."""

    task: str
    task_id: str
    number: str
    doc: str
    text: str
    start: int
    end: int
    matched: list[str]
    calls: list[str]
    priority: bool  # it calls for investment or growth, not just a mention


@dataclass
class EnterpriseMatch:
    """An enterprise of the register placed in a segment, and by what: its declared segment or its products."""

    name: str
    products: list[str]
    region: str
    scale: str
    matched: str  # "segment", or "products: 词、词"


@dataclass
class SegmentRegion:
    """A region building the segment's cluster, and its role."""

    region: str
    role: str


@dataclass
class SegmentView:
    """One segment of a chain: its policy evidence, units, regions, enterprises, status and why."""

    id: str
    label: str
    stage: str
    kind: str
    next: list[str]
    status: str  # gap | weak | present | unknown
    policy_priority: bool
    reasons: list[str]
    tasks: list[str]
    task_ids: list[str]
    units: list[str]
    contact: list[str]  # lead units of the tasks that name it, first to call
    regions: list[SegmentRegion]
    enterprises: list[str]
    enterprise_details: list[EnterpriseMatch]
    policy: list[SegmentPolicy]
    targets: list[TargetRow]
    source: str


@dataclass
class ChainPolicyTask:
    """A task about chains in general (补链、延链、招商…) or about the cluster."""

    id: str
    title: str
    number: str
    lead: list[str]
    co: list[str]
    calls: list[str]


@dataclass
class RegisterState:
    """Whether an enterprise register is loaded, and how many enterprises it holds."""

    loaded: bool
    enterprises: int


@dataclass
class ChainView:
    """A chain analysed segment by segment, with the cluster's regions, chain-wide policy and targets."""

    id: str
    cluster: str
    label: str
    source: str
    register: RegisterState
    regions: list[ClusterRoleRow]
    chain_policy: list[ChainPolicyTask]
    targets: list[TargetRow]
    segments: list[SegmentView] = field(default_factory=list)


@dataclass
class ChainSummary:
    """A chain with its segments' status counts."""

    id: str
    cluster: str
    label: str
    segments: int
    status: dict[str, int]


def status_counts(segments: list[SegmentView]) -> dict[str, int]:
    """How many segments have each status."""
    out: dict[str, int] = {}
    for seg in segments:
        out[seg.status] = out.get(seg.status, 0) + 1
    return out


def chain_graph(chain: ChainMap) -> Graph:
    """A chain map as a SKOS concept scheme of segments linked downstream."""
    g = new_graph()
    scheme = chain_iri(chain.id)
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    g.add((scheme, RDF.type, PKG.IndustryChain))
    g.add((scheme, SKOS.prefLabel, Literal(chain.label, lang="zh")))
    g.add((scheme, PKG.cluster, industry_iri(chain.cluster)))
    g.add((scheme, PKG.sourceFile, Literal(chain.file)))
    if chain.source:
        g.add((scheme, DCTERMS.source, Literal(chain.source, lang="zh")))
    for s in chain.segments:
        node = chain_iri(chain.id, s.id)
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, RDF.type, PKG.ChainSegment))
        g.add((node, SKOS.inScheme, scheme))
        g.add((node, SKOS.broader, industry_iri(chain.cluster)))
        g.add((node, PKG.segmentId, Literal(s.id)))
        g.add((node, SKOS.prefLabel, Literal(s.label, lang="zh")))
        for syn in s.synonyms:
            g.add((node, SKOS.altLabel, Literal(syn, lang="zh")))
        for kw in s.keywords:
            g.add((node, PKG.keyword, Literal(kw, lang="zh")))
        g.add((node, PKG.stage, Literal(s.stage)))
        g.add((node, PKG.segmentKind, Literal(s.kind)))
        g.add((node, SKOS.note, Literal(s.source, lang="zh")))
        g.add((node, PKG.sourceLine, Literal(s.line)))
        for n in s.next:
            g.add((node, PKG.nextSegment, chain_iri(chain.id, n)))
    return g


def enterprise_graph(enterprises: list[Enterprise]) -> Graph:
    """The enterprise register as organisations with products."""
    g = new_graph()
    for e in enterprises:
        node = enterprise_iri(e.name)
        # Not an org:Organization: enterprises are not responsible units of any plan.
        g.add((node, RDF.type, PKG.Enterprise))
        g.add((node, SKOS.prefLabel, Literal(e.name, lang="zh")))
        for p in e.products:
            g.add((node, PKG.product, Literal(p, lang="zh")))
        for prop, val in ((PKG.declaredSegment, e.segment), (PKG.regionName, e.region), (PKG.scale, e.scale), (PKG.creditCode, e.credit_code)):
            if val:
                g.add((node, prop, Literal(val)))
    return g


@dataclass(frozen=True)
class _Sentence:
    """A sentence of an item's source text, at [start, end) of that text."""

    item: URIRef
    evidence: Evidence
    text: str
    start: int
    end: int


class ChainAnalysis:
    """Evidence and gap status of every segment of the chains in a KG."""

    def __init__(self, kg: KG, previous: ChainAnalysis | None = None, register: Register | None = None) -> None:
        """The analysis of a snapshot, with its own register or, for a preview, the `register` given."""
        self.kg = kg
        g = kg.g
        self.chains = sorted(uris(g.subjects(RDF.type, PKG.IndustryChain)), key=str)
        self.register: Register = register or Register.of(kg, previous.register if previous is not None else None)
        # A snapshot never changes, so neither does a chain's analysis: each is made once.
        self._views: dict[URIRef, ChainView] = {}
        self._sentence_index: tuple[list[_Sentence], Containing] | None = \
            previous._sentence_index if previous is not None and previous.kg is kg else None

    # ---- lookup -------------------------------------------------------------
    def resolve(self, name: str) -> URIRef | None:
        """A chain by its id, label, cluster label or the label of any of its segments."""
        g = self.kg.g
        name = name.strip()
        for chain in self.chains:
            cluster = g.value(chain, PKG.cluster)
            names = {str(chain).rsplit("/", 1)[-1], str(g.value(chain, SKOS.prefLabel))}
            names |= {str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in g.objects(cluster, p)}
            if name in names:
                return chain
        for chain in self.chains:
            for seg in uris(g.subjects(SKOS.inScheme, chain)):
                if name in {str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in g.objects(seg, p)}:
                    return chain
        return None

    def segment_id(self, segment: URIRef) -> str:
        """The id a chain map gives a segment."""
        return str(self.kg.g.value(segment, PKG.segmentId))

    def segment_names(self) -> dict[str, URIRef]:
        """Label and synonyms of every segment."""
        out: dict[str, URIRef] = {}
        for chain in self.chains:
            for seg in uris(self.kg.g.subjects(SKOS.inScheme, chain)):
                for p in (SKOS.prefLabel, SKOS.altLabel):
                    for x in self.kg.g.objects(seg, p):
                        out.setdefault(str(x), seg)
        return out

    # ---- analysis -----------------------------------------------------------
    def summary(self) -> list[ChainSummary]:
        """Every chain with its status counts."""
        out = []
        for chain in self.chains:
            view = self.chain(chain)
            out.append(ChainSummary(view.id, view.cluster, view.label, len(view.segments), status_counts(view.segments)))
        return out

    def chain(self, chain: URIRef) -> ChainView:
        """The chain with, per segment: policy evidence, units, regions, enterprises, status and reasons."""
        view = self._views.get(chain)
        if view is None:
            view = self._views[chain] = self._analyse(chain)
        return view

    def _analyse(self, chain: URIRef) -> ChainView:
        g, kg = self.kg.g, self.kg
        cluster = uri_value(g, chain, PKG.cluster)
        cluster_label = kg.label(cluster) if cluster is not None else ""
        scope = kg.industry_scope(cluster) if cluster is not None else set()
        roles = [r for r in kg.cluster_roles() if industry_iri(r.industry) in scope]
        chain_tasks = self._chain_policy_tasks(scope)
        segments = sorted(uris(g.subjects(SKOS.inScheme, chain)),
                          key=lambda s: (STAGES.index(str(g.value(s, PKG.stage))), int_value(g, s, PKG.sourceLine) or 0))
        register = len(self.register)
        seg_rows = [self._segment(s, roles, register) for s in segments]
        return ChainView(
            id=str(chain).rsplit("/", 1)[-1],
            cluster=cluster_label,
            label=kg.label(chain),
            source=str(g.value(chain, DCTERMS.source) or ""),
            register=RegisterState(loaded=register > 0, enterprises=register),
            regions=roles,
            chain_policy=chain_tasks,
            targets=kg.targets(industry=cluster_label),
            segments=seg_rows,
        )

    def _chain_policy_tasks(self, scope: set[URIRef]) -> list[ChainPolicyTask]:
        """Tasks about chains in general (补链、延链、招商…) or about the cluster."""
        out = []
        for item in self.kg.items():
            text = self._item_text(item)
            if _CHAIN_POLICY.search(text) or scope & set(self.kg.g.objects(item, PKG.mentions)):
                row = self.kg.task_row(item, with_targets=False)  # only for the tasks listed: a row costs lookups
                out.append(ChainPolicyTask(row.id, row.title, row.number, row.lead, row.co,
                                           sorted(set(_CHAIN_POLICY.findall(text)))))
        return out

    def _sentences(self) -> tuple[list[_Sentence], Containing]:
        """Every sentence of every item's source text, in item order, and the lookup of those containing a term:
        made once per snapshot, where each segment used to read and split every item's text again."""
        if self._sentence_index is None:
            rows: list[_Sentence] = []
            for item in self.kg.items():
                ev = self.kg.evidence(item)
                if ev is not None:
                    rows.extend(_Sentence(item, ev, m.group(0), m.start(), m.end())
                                for m in re.finditer(r"[^。；\n]+[。；]?", ev.text))
            self._sentence_index = (rows, Containing([r.text for r in rows]))
        return self._sentence_index

    def _item_text(self, item: URIRef) -> str:
        ev = self.kg.evidence(item)
        return ev.text if ev else ""

    def _segment(self, seg: URIRef, roles: list[ClusterRoleRow], register: int) -> SegmentView:
        g, kg = self.kg.g, self.kg
        label = kg.label(seg)
        # Longest first, then by the characters: a set's own order changes from one process to the next.
        terms = [label] + sorted({str(x) for x in g.objects(seg, SKOS.altLabel)}, key=lambda t: (-len(t), t))
        terms += sorted({str(x) for x in g.objects(seg, PKG.keyword)}, key=lambda t: (-len(t), t))
        policy: list[SegmentPolicy] = []
        task_rows: dict[URIRef, TaskRow] = {}
        sentences, containing = self._sentences()
        found: dict[int, list[str]] = {}  # sentence -> the terms it contains, in the terms' order
        for t in terms:
            if t:
                for k in containing(t):
                    found.setdefault(k, []).append(t)
        for k in sorted(found):
            item, ev, sentence = sentences[k].item, sentences[k].evidence, sentences[k].text
            row = task_rows.get(item) or task_rows.setdefault(item, kg.task_row(item))
            policy.append(SegmentPolicy(
                task=row.title, task_id=row.id, number=row.number, doc=row.doc,
                text=sentence, start=ev.start + sentences[k].start, end=ev.start + sentences[k].end,
                matched=found[k], calls=sorted(set(_CALLS.findall(sentence))),
                priority=bool(_PRIORITY.search(sentence)),
            ))
        rows = list(task_rows.values())
        units: list[str] = []
        for r in rows:
            for u in [*r.lead, *r.co]:
                if u not in units:
                    units.append(u)
        contact = []
        for r in rows:
            for u in r.lead:
                if u not in contact:
                    contact.append(u)
        seg_industry = kg.resolve_industry(label)
        own_roles = [r for r in roles if seg_industry is not None and industry_iri(r.industry) in kg.industry_scope(seg_industry)]
        regions = [SegmentRegion(r.region, r.role) for r in (own_roles or roles)]
        enterprises = self._enterprises_for(seg, terms)
        status, reasons = _status(register, enterprises)
        priority = any(p.priority for p in policy)
        if priority:
            first = next(p for p in policy if p.priority)
            reasons.append(f"方案在任务{first.number}「{first.task}」中提出{'、'.join(c for c in first.calls if _PRIORITY.search(c))}：{first.text}")
        elif policy:
            reasons.append(f"方案在任务{policy[0].number}「{policy[0].task}」中提及，但未提出招引或培育要求")
        else:
            reasons.append("方案未直接提及该环节")
        return SegmentView(
            id=str(g.value(seg, PKG.segmentId)),
            label=label,
            stage=str(g.value(seg, PKG.stage)),
            kind=str(g.value(seg, PKG.segmentKind)),
            next=[str(g.value(n, PKG.segmentId)) for n in g.objects(seg, PKG.nextSegment)],
            status=status,
            policy_priority=priority,
            reasons=reasons,
            tasks=[r.title for r in rows],
            task_ids=[r.id for r in rows],
            units=units,
            contact=contact,
            regions=regions,
            enterprises=[e.name for e in enterprises],
            enterprise_details=enterprises,
            policy=policy,
            targets=[t for r in rows for t in r.targets],
            source=str(g.value(seg, SKOS.note) or ""),
        )

    def _enterprises_for(self, seg: URIRef, terms: list[str]) -> list[EnterpriseMatch]:
        g = self.kg.g
        seg_id = str(g.value(seg, PKG.segmentId))
        names = {seg_id, *terms[:1], *(str(x) for x in g.objects(seg, SKOS.altLabel))}
        register = self.register
        hits: dict[int, list[str]] = {}
        for t in terms:  # each enterprise's matched terms in the terms' order
            for i in register.making(t):
                hits.setdefault(i, []).append(t)
        declared = register.declaring(names)
        out = []
        for i in sorted(declared | hits.keys()):
            e = register.rows[i]
            out.append(EnterpriseMatch(
                name=e.name, products=sorted(e.products), region=e.region, scale=e.scale,
                matched="segment" if i in declared else "products: " + "、".join(hits[i]),
            ))
        return sorted(out, key=lambda x: x.name)


def _status(register: int, enterprises: list[EnterpriseMatch]) -> tuple[str, list[str]]:
    """present / weak / gap from the register; unknown without one (never a guess)."""
    if register == 0:
        return "unknown", ["未导入企业名录，无法判断本地是否已有该环节企业（policykg enterprises import 名录.xlsx）"]
    if not enterprises:
        return "gap", ["企业名录中没有该环节的企业"]
    names = "、".join(e.name for e in enterprises[:5])
    large = [e for e in enterprises if _LARGE.search(e.scale)]
    if len(enterprises) >= 3 or large:
        why = f"，其中规上/龙头企业{len(large)}家" if large else ""
        return "present", [f"企业名录中有{len(enterprises)}家该环节企业{why}：{names}"]
    return "weak", [f"企业名录中仅有{len(enterprises)}家该环节企业，且均非规上/龙头企业：{names}"]


def guide_order(segments: list[SegmentView]) -> list[SegmentView]:
    """Gaps first, then unknown, weak, present; policy priorities first within each."""
    return sorted(segments, key=lambda s: (STATUS_ORDER[s.status], not s.policy_priority, STAGES.index(s.stage)))
