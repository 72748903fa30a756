"""Exact structured answers read from the graph: tasks, units, targets, clusters."""
from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS
from rdflib.term import Node

from .index import GraphRows, KeyFinder, ordered, read_graphs
from .places import document_places
from .terms import bool_value, int_value, number_value, uri_value, uris
from .vocab import PKG, task_id


@dataclass(frozen=True)
class Evidence:
    """Source text of a fact: the document and the character span in its normalised text."""

    doc: str
    text: str
    start: int
    end: int


@dataclass
class TargetRow:
    """A target with the task it belongs to (None for the plan's overall goals)."""

    id: str
    task: str | None
    task_id: str | None
    number: str | None
    doc: str
    metric: str
    text: str
    value: float
    unit: str
    comparator: str
    year: int | None
    deadline: str | None
    yearly: bool
    year_inferred: bool
    qualifier: str | None
    evidence: Evidence | None
    via: str | None = None  # why it matched an industry filter, when indirect


INCENTIVE_KINDS = ("award", "subsidy", "rate", "cap", "threshold")
LEVELS = ("national", "provincial", "city", "county")


@dataclass(frozen=True)
class DocFilter:
    """Which documents a list draws on: one document, an issuer, a level, a year the document covers."""

    doc: str | None = None
    issuer: str | None = None  # any part of the issuing body's name: "商务厅", "上海市"
    level: str | None = None  # national | provincial | city | county
    year: int | None = None  # within the plan's period or the term it gives itself (有效期), or the year it was issued

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.doc, self.issuer, self.level, self.year))


@dataclass
class IncentiveRow:
    """An incentive figure with the task that offers it."""

    id: str
    kind: str  # award | subsidy | rate | cap | threshold
    amount: float
    unit: str
    text: str
    condition: str | None
    beneficiary: str | None
    task: str
    task_id: str
    number: str
    doc: str
    evidence: Evidence | None


@dataclass
class TaskRow:
    """A task or work requirement with its units, industries and targets."""

    id: str
    title: str
    number: str
    doc: str
    kind: str
    ordinal: int
    lead: list[str]
    co: list[str]
    industries: list[str]
    regions: list[str]
    targets: list[TargetRow] = field(default_factory=list)
    evidence: Evidence | None = None
    deadlines: list[str] = field(default_factory=list)  # time limits the item's own text sets, earliest first


@dataclass
class UnitRow:
    """A unit with its names, its collective's members or collectives, and its workload (tasks led, co-operated)."""

    name: str
    aliases: list[str]
    collective: bool
    members: list[str]
    member_of: list[str]
    lead: int
    co: int


@dataclass
class ClusterRoleRow:
    """A region's role (lead or co) in building a cluster, with the sentence that says so."""

    region: str
    industry: str
    role: str
    evidence: Evidence | None


@dataclass
class IndustryRow:
    """A concept of the industry hierarchy and how many items mention it."""

    label: str
    alt: list[str]
    broader: str | None
    leading_cluster: bool
    tasks: int


@dataclass
class Citation:
    """A 《…》 title a document cites, the library document it names (or None), whether the citing one implements it."""

    title: str
    doc: str | None
    implements: bool


@dataclass
class CitedBy:
    """A library document citing this one."""

    doc: str
    implements: bool


@dataclass
class DocumentRow:
    """A document's metadata (文号, 发文机关, dates, 文种, level, period), its item count and its citations."""

    id: str
    title: str | None
    office: str | None
    date: str | None  # 成文日期
    printed: str | None  # 印发日期
    period: list[int] | None
    source: str | None
    items: int
    references: list[str]
    doc_no: str | None
    kind: str | None
    level: str | None
    cites: list[Citation]
    cited_by: list[CitedBy]
    valid_from: str | None = None  # the term it gives itself (有效期): ISO dates, from where it says
    valid_until: str | None = None

    def in_force(self, year: int) -> bool | None:
        """Whether the document's own term (有效期) covers a year; None when it gives none."""
        return term_covers(self.valid_from or self.date, self.valid_until, year)


def term_covers(start: str | None, until: str | None, year: int) -> bool | None:
    """Whether a term from `start` (ISO, None where unknown) until `until` covers a year; None without an end."""
    if until is None:
        return None
    return (start is None or int(start[:4]) <= year) and year <= int(until[:4])


def _s(g: Graph, node: Node, prop: URIRef) -> str | None:
    v = g.value(node, prop)
    return None if v is None else str(v)


def _label(g: Graph, node: Node) -> str:
    return _s(g, node, SKOS.prefLabel) or _s(g, node, DCTERMS.title) or str(node)


_COLLECTIVE_CLUSTERS = re.compile(r"主导产业|各集群|各产业集群")


def _title_key(title: str) -> str:
    """A title without its period, brackets, punctuation and a leading issuer's 关于: what two citations share."""
    t = re.sub(r"[（(][^（）()]*\d{4}[^（）()]*[）)]", "", title)
    t = re.sub(r"[\W_]", "", t)
    return t[t.find("关于") + 2:] if "关于" in t[:20] else t


_MIN_SHARED = 8  # characters a title and a citation must share at the end to name one another


def _same_title(a: str, b: str) -> bool:
    """One title names the other: equal, or one ends the other ("国务院关于X的意见" and "X的意见")."""
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= _MIN_SHARED and (a.endswith(b) or b.endswith(a))))


class _TitleIndex:
    """The first document (in library order) whose title key `_same_title` matches a citation's, found through
    the keys' suffixes: a citation costs its own length, not a comparison with every title in the library."""

    def __init__(self, keys: dict[str, str]) -> None:
        self._order = {d: i for i, d in enumerate(keys)}
        self._full: dict[str, list[str]] = {}
        self._ends: dict[str, list[str]] = {}  # every suffix of 8 or more characters -> documents ending so
        for d, k in keys.items():
            if k:
                self._full.setdefault(k, []).append(d)
                for i in range(len(k) - _MIN_SHARED + 1):
                    self._ends.setdefault(k[i:], []).append(d)

    def __call__(self, key: str, citing: str) -> str | None:
        found = set(self._full.get(key, ()))
        if len(key) >= _MIN_SHARED:
            found.update(self._ends.get(key, ()))  # a title that ends with the citation
            for i in range(1, len(key) - _MIN_SHARED + 1):
                found.update(self._full.get(key[i:], ()))  # a title the citation ends with
        found.discard(citing)
        return min(found, key=self._order.__getitem__) if found else None


def _deadline_key(phrase: str) -> tuple[int, int, str]:
    """"2026年6月底前" before "2026年底前" before "2027年"."""
    m = re.match(r"(\d{4})年(?:(\d{1,2})月)?", phrase)
    return (int(m.group(1)), int(m.group(2) or 13), phrase) if m else (9999, 13, phrase)


_LEVELS = "市省区县"  # the level a unit name may leave out

def _first_label(pairs: list[tuple[URIRef, str]]) -> dict[str, URIRef]:
    """Label -> node, the first node to carry a label keeping it."""
    out: dict[str, URIRef] = {}
    for node, label in pairs:
        out.setdefault(label, node)
    return out


class KG:
    """Read-side view of the graph with label indexes built once."""

    def __init__(self, graph: Graph, stamps: Mapping[str, int] | None = None, previous: KG | None = None,
                 version: int | None = None, store_names: tuple[str, ...] = ()) -> None:
        self.g = graph
        # The names of the store it was read from (kg/stores.py GraphBackend.identity; none: unknown): what an
        # index's stamps say they are versions of.
        self.store_names = store_names
        # The store's version when this snapshot was read (read before it, so never above it): a document some
        # index holds with a later stamp was written after this snapshot (None: unknown).
        self.version = version
        # The store's version at which each document was last written: what a cache of per-document work
        # (the search passages) is keyed by, so a new snapshot redoes only the documents that changed.
        self.doc_stamps: dict[str, int] = dict(stamps or {})
        self._texts: dict[Node, str] = {}  # a document's text, read when first needed (they are large)
        # What every request needs is read in a few whole-library queries per named graph (answered by the
        # store's indexes, not by one lookup per node); a graph the previous snapshot read at the same version is
        # not read again. The rest is read per request.
        self._graphs: dict[str, GraphRows] = read_graphs(graph, previous._graphs if previous is not None else None)
        self._doc_ids: dict[URIRef, str] = {}
        self._doc_numbers: dict[str, str] = {}  # 文号 -> document id
        labels: dict[URIRef, list[tuple[URIRef, str]]] = {}  # class -> (node, label), each node's prefLabels first
        rows: dict[tuple[URIRef, URIRef, str], tuple[int, bool]] = {}  # (node, class, label) -> (node's rank, pref)
        first: dict[URIRef, int] = {}
        items: list[tuple[URIRef, URIRef | None, int, str, str]] = []
        for part in ordered(self._graphs):
            for doc, doc_id, number in part.docs:
                self._doc_ids[doc] = doc_id
                if number:
                    self._doc_numbers.setdefault(number, doc_id)
            for node, cls, pref, label in part.labels:
                rank = first.setdefault(node, len(first))
                rows[node, cls, label] = (rank, pref or rows.get((node, cls, label), (0, False))[1])
            items.extend(part.items)
        for (node, cls, label), _ in sorted(rows.items(), key=lambda kv: (kv[1][0], not kv[1][1])):
            labels.setdefault(cls, []).append((node, label))
        self.unit_labels = _first_label(labels.get(ORG.Organization, []))
        # One label, several units: 市科技局 of every city in the library.
        self._units_by_label: dict[str, set[URIRef]] = {}
        for unit, unit_label in labels.get(ORG.Organization, []):
            self._units_by_label.setdefault(unit_label, set()).add(unit)
        segments = {node for node, _ in labels.get(PKG.ChainSegment, [])}
        self.industry_labels = {k: v for k, v in _first_label(labels.get(SKOS.Concept, [])).items() if v not in segments}
        terms: dict[URIRef, list[str]] = {}
        for node, term in labels.get(PKG.PolicyConcept, []):
            terms.setdefault(node, []).append(term)
        # The policy thesaurus: the terms of each concept, its preferred label first.
        self.thesaurus: tuple[tuple[str, ...], ...] = tuple(tuple(dict.fromkeys(t)) for t in terms.values())
        self.region_labels = _first_label(labels.get(PKG.Region, [])) | _first_label(labels.get(PKG.Park, []))
        self._by_id: dict[str, URIRef] | None = None
        self._documents: list[DocumentRow] | None = None
        self._places: dict[str, frozenset[str]] | None = None
        # A document's own row (its header fields and references) read through the previous snapshot stays
        # valid while the document's version does not change.
        self._doc_rows: dict[str, tuple[DocumentRow, list[tuple[str, bool]]]] = {}
        if previous is not None:
            known = dict(previous._doc_rows)  # one step: readers of the previous snapshot may add to it meanwhile
            self._doc_rows = {d: row for d, row in known.items()
                              if d in self.doc_stamps and previous.doc_stamps.get(d) == self.doc_stamps[d]}
        # Items in document order; an item's rows come from its document's graph only.
        placed = sorted(((self._doc_ids.get(doc, "") if doc is not None else "", ordinal, item, title, number)
                         for item, doc, ordinal, title, number in items), key=lambda r: (r[0], r[1]))
        self._item_doc: dict[URIRef, str] = {item: d for d, _, item, _, _ in placed}
        self._ordinal: dict[URIRef, int] = {item: ordinal for _, ordinal, item, _, _ in placed}
        self._items = [item for _, _, item, _, _ in placed]
        # (title, number, item) of every item: questions look items up by them.
        self._headings = [(title, number, item) for _, _, item, title, number in placed]
        self._items_of: dict[str, list[URIRef]] = {}
        for d, _, item, _, _ in placed:
            self._items_of.setdefault(d, []).append(item)
        self._finders: dict[str, KeyFinder] = {}
        self._titled: dict[str, URIRef] | None = None

    def graph_stamp(self, graph: str) -> int | None:
        """The store version that last wrote a named graph (None: not in the store, or a graph without versions)."""
        rows = self._graphs.get(graph)
        return rows.stamp if rows is not None else None

    def _text(self, doc: Node) -> str:
        """The normalised text of a document node ("" when it has none)."""
        text = self._texts.get(doc)
        if text is None:
            text = self._texts[doc] = str(self.g.value(doc, PKG.normalizedText) or "")
        return text

    def _doc_of(self, item: URIRef) -> str:
        """The id of the document an item is part of ("" when it names none)."""
        known = self._item_doc.get(item)
        if known is not None:
            return known
        doc = uri_value(self.g, item, DCTERMS.isPartOf)
        return self._doc_ids.get(doc, "") if doc is not None else ""

    # ---- resolution -------------------------------------------------------
    def resolve_unit(self, name: str) -> URIRef | None:
        """A unit by any spelling; a unique partial name ("科技局") also resolves."""
        name = name.strip()
        if name in self.unit_labels:
            return self.unit_labels[name]
        if name.endswith("政府") and not name.endswith("人民政府"):
            alt = name[:-2] + "人民政府"
            if alt in self.unit_labels:
                return self.unit_labels[alt]
        hits = {node for label, node in self.unit_labels.items() if len(name) >= 2 and name in label}
        return hits.pop() if len(hits) == 1 else None

    def resolve_industry(self, name: str) -> URIRef | None:
        """An industry concept by label or alternative label."""
        return self.industry_labels.get(name.strip())

    def resolve_region(self, name: str) -> URIRef | None:
        """A region or park by name."""
        return self.region_labels.get(name.strip())

    def label(self, node: Node) -> str:
        return _label(self.g, node)

    def doc_id(self, doc: Node | None) -> str:
        return self._doc_ids.get(doc, str(doc)) if isinstance(doc, URIRef) else str(doc)

    def evidence(self, node: Node) -> Evidence | None:
        """The source text a node was read from."""
        doc = uri_value(self.g, node, PROV.wasDerivedFrom)
        s, e = int_value(self.g, node, PKG.start), int_value(self.g, node, PKG.end)
        if doc is None or s is None or e is None:
            return None
        return Evidence(self.doc_id(doc), self._text(doc)[s:e], s, e)

    def sentence(self, node: Node) -> str:
        """The whole sentence around a node's evidence span."""
        doc = uri_value(self.g, node, PROV.wasDerivedFrom)
        text = self._text(doc) if doc is not None else ""
        start, end = int_value(self.g, node, PKG.start) or 0, int_value(self.g, node, PKG.end) or 0
        left = max(text.rfind(c, 0, start) for c in "。\n") + 1
        rights = [i for i in (text.find(c, end) for c in "。\n") if i >= 0]
        return text[left : (min(rights) + 1 if rights else len(text))]

    # ---- items ------------------------------------------------------------
    def headings(self) -> list[tuple[str, str, URIRef]]:
        """(title, number, item) of every item, read once per graph snapshot (questions look items up by them)."""
        return self._headings

    def finder(self, names: str) -> KeyFinder:
        """Finds the longest unit, industry or region label (names = "units", "industries", "regions"), item
        title ("titles") or name of a place documents are issued for ("places") in a question; made once per graph
        snapshot."""
        found = self._finders.get(names)
        if found is None:
            keys = {"units": self.unit_labels, "industries": self.industry_labels, "regions": self.region_labels,
                    "titles": [title for title, _, _ in self._headings], "places": self.places()}[names]
            found = self._finders[names] = KeyFinder(keys, min_len=1 if names == "titles" else 2)
        return found

    def item_titled(self, title: str) -> URIRef | None:
        """The first item (in library order) with this title."""
        if self._titled is None:
            titled: dict[str, URIRef] = {}
            for t, _, item in self._headings:
                titled.setdefault(t, item)
            self._titled = titled
        return self._titled.get(title)

    def items(self, doc: str | None = None, docs: DocFilter | None = None) -> list[URIRef]:
        """Every task and work requirement, in document order, of one document or of those a filter keeps."""
        items = self._items if doc is None else self._items_of.get(doc, [])
        if docs:
            keep = self.kept_docs(docs)
            items = [i for i in items if self._doc_of(i) in keep]
        return list(items)

    def kept_docs(self, docs: DocFilter) -> set[str]:
        """Ids of the documents a filter keeps."""
        return {did for d, did in self._doc_ids.items() if self.doc_matches(d, docs)}

    def doc_matches(self, doc: Node, f: DocFilter) -> bool:
        """Whether a document passes a filter."""
        g = self.g
        if f.doc is not None and self.doc_id(doc) != f.doc:
            return False
        if f.issuer and f.issuer not in (_s(g, doc, DCTERMS.publisher) or "") + (_s(g, doc, DCTERMS.title) or ""):
            return False
        if f.level and _s(g, doc, PKG.issuingLevel) != f.level:
            return False
        if f.year is not None:
            ps, pe, issued = int_value(g, doc, PKG.periodStart), int_value(g, doc, PKG.periodEnd), _s(g, doc, DCTERMS.issued)
            in_period = ps is not None and pe is not None and ps <= f.year <= pe
            if not (in_period or (issued or "").startswith(str(f.year)) or self._in_force(doc, issued, f.year)):
                return False
        return True

    def _in_force(self, doc: Node, issued: str | None, year: int) -> bool:
        """Whether the term a document gives itself (有效期) covers a year."""
        term = self.g.value(doc, PKG.validity)
        if term is None:
            return False
        return bool(term_covers(_s(self.g, term, PKG.validFrom) or issued, _s(self.g, term, PKG.validUntil), year))

    def item_by_id(self, public_id: str) -> URIRef | None:
        """An item by its public id ("<doc>.<ordinal>")."""
        if self._by_id is None:
            # Built once per graph snapshot from the item rows read with it: a lookup was a row of every item
            # (O(library) per /api/tasks/{id}), then two store lookups per item of the library (0.4 s at 300).
            by_id: dict[str, URIRef] = {}
            for i in self._items:
                by_id.setdefault(task_id(self._item_doc[i], self._ordinal[i]), i)
            self._by_id = by_id
        return self._by_id.get(public_id)

    def _place(self, item: URIRef) -> tuple[str, int]:
        """(document id, ordinal) of an item: what its public id is made of."""
        return self.doc_id(self.g.value(item, DCTERMS.isPartOf)), int_value(self.g, item, PKG.ordinal) or 0

    def item_by_iri(self, iri: str) -> TaskRow | None:
        """The row of an item given its IRI (without targets)."""
        node = URIRef(iri)
        return self.task_row(node, with_targets=False) if node in self._items else None

    def task_row(self, item: URIRef, with_targets: bool = True) -> TaskRow:
        """Everything the CLI and API show about one item."""
        g = self.g
        doc_id, ordinal = self._place(item)
        units = self.assignments(item)
        return TaskRow(
            id=task_id(doc_id, ordinal),
            title=_s(g, item, DCTERMS.title) or "",
            number=_s(g, item, PKG.number) or "",
            doc=doc_id,
            kind="task" if (item, RDF.type, PKG.Task) in g else "requirement",
            ordinal=ordinal,
            lead=[name for name, role, _ in units if role == "lead"],
            co=[name for name, role, _ in units if role == "co"],
            industries=sorted({self.label(n) for n in g.objects(item, PKG.mentions) if (n, RDF.type, SKOS.Concept) in g}),
            regions=sorted({self.label(n) for n in g.objects(item, PKG.mentions) if (n, RDF.type, SKOS.Concept) not in g}),
            targets=[self.target_row(t) for t in self._targets_of(item)] if with_targets else [],
            evidence=self.evidence(item),
            deadlines=sorted((str(d) for d in g.objects(item, PKG.deadline)), key=_deadline_key),
        )

    def item_text(self, item: URIRef) -> str:
        """The whole text of an item as the plan writes it."""
        return str(self.g.value(item, PKG.text) or "")

    def unit_names(self, item: URIRef) -> set[str]:
        """Every spelling of every unit responsible for an item."""
        out: set[str] = set()
        for a in self.g.objects(item, PKG.assignment):
            unit = self.g.value(a, PKG.unit)
            out.update(str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in self.g.objects(unit, p))
        return out

    def industry_names(self, item: URIRef) -> set[str]:
        """Every spelling of the industries an item mentions and of their broader concepts."""
        out: set[str] = set()
        for node in self.g.objects(item, PKG.mentions):
            cur = node if (node, RDF.type, SKOS.Concept) in self.g else None
            while cur is not None:
                out.update(str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in self.g.objects(cur, p))
                cur = self.g.value(cur, SKOS.broader)
        return out

    def goals(self, doc_id: str | None = None) -> list[tuple[str, str, set[int]]]:
        """(document id, goal paragraph, years of the document's goal targets) for every goal statement,
        or for those of one document."""
        if doc_id is None:
            goals = set(self.g.subjects(RDF.type, PKG.GoalStatement))
        else:
            node = next((d for d, did in self._doc_ids.items() if did == doc_id), None)
            goals = {x for x in self.g.subjects(PROV.wasDerivedFrom, node) if (x, RDF.type, PKG.GoalStatement) in self.g} \
                if node is not None else set()
        out = []
        for goal in sorted(goals, key=str):
            doc = self.g.value(goal, PROV.wasDerivedFrom)
            years = {y for t in self.g.objects(doc, PKG.hasTarget) if (y := int_value(self.g, t, PKG.year)) is not None}
            out.append((self.doc_id(doc), str(self.g.value(goal, PKG.text) or ""), years))
        return out

    def assignments(self, item: URIRef) -> list[tuple[str, str, URIRef]]:
        """(unit name, role, assignment node) in the order the plan lists them."""
        rows = []
        for a in uris(self.g.objects(item, PKG.assignment)):
            unit = uri_value(self.g, a, PKG.unit)
            if unit is not None:
                rows.append((self.label(unit), str(self.g.value(a, PKG.role)), a))
        return sorted(rows, key=lambda r: int(str(r[2]).rsplit("/", 1)[-1]))

    def resolve_units(self, name: str) -> set[URIRef]:
        """Every unit a name stands for: one per jurisdiction that has it ("市科技局" of each city).

        A name without its level ("科技局", "工信局") stands for the units that are that name with one
        (市科技局, 省科技厅 is another name and stays out).
        """
        name = name.strip()
        nodes = set(self._units_by_label.get(name, ()))
        if not nodes and name.endswith("政府") and not name.endswith("人民政府"):
            nodes = set(self._units_by_label.get(name[:-2] + "人民政府", ()))
        if not nodes and len(name) >= 2 and name[0] not in _LEVELS:
            for level in _LEVELS:
                nodes |= self._units_by_label.get(level + name, set())
        if not nodes:
            one = self.resolve_unit(name)
            nodes = {one} if one is not None else set()
        return nodes

    def suggest_units(self, name: str, n: int = 3) -> list[str]:
        """Unit names close to a name that resolves to none ("市科机局" -> 市科技局), best first."""
        name = name.strip()
        labels = list(self._units_by_label)
        close = difflib.get_close_matches(name, labels, n=n * 3, cutoff=0.6)
        # One suggestion per unit, in its preferred name.
        out: list[str] = []
        for label in close:
            pref = self.label(next(iter(self._units_by_label[label])))
            if pref not in out:
                out.append(pref)
        return out[:n]

    def tasks(self, unit: str | None = None, doc: str | None = None, role: str | None = None,
              docs: DocFilter | None = None) -> list[tuple[TaskRow, str | None, URIRef | None]]:
        """Items, optionally of one unit (with that unit's role and assignment); a name several
        jurisdictions share answers for each of them, document by document."""
        nodes = self.resolve_units(unit) if unit else set()
        if unit and not nodes:
            return []
        items = self.items(doc, docs)
        if not nodes:
            return [(self.task_row(item), None, None) for item in items]
        # The unit's items from the graph's index (assignments by unit): a question costs the unit's tasks,
        # not a row of every task in the library.
        theirs = {self.g.value(predicate=PKG.assignment, object=a) for n in nodes for a in self.g.subjects(PKG.unit, n)}
        out: list[tuple[TaskRow, str | None, URIRef | None]] = []
        for item in items:
            if item not in theirs:
                continue
            for a in uris(self.g.objects(item, PKG.assignment)):
                if self.g.value(a, PKG.unit) in nodes:
                    r = str(self.g.value(a, PKG.role))
                    if role is None or r == role:
                        out.append((self.task_row(item), r, a))
                    break
        return out

    def _targets_of(self, item: URIRef) -> list[URIRef]:
        return sorted(uris(self.g.objects(item, PKG.hasTarget)), key=lambda t: int_value(self.g, t, PKG.start) or 0)

    # ---- targets ----------------------------------------------------------
    def target_row(self, t: URIRef, via: str | None = None) -> TargetRow:
        """One target as a row."""
        g = self.g
        owner = g.value(predicate=PKG.hasTarget, object=t)
        # The task the target belongs to; a plan's overall goals have none.
        item = owner if isinstance(owner, URIRef) and (owner, RDF.type, PKG.Plan) not in g else None
        doc = g.value(t, PROV.wasDerivedFrom)
        year = int_value(g, t, PKG.year)
        return TargetRow(
            id=str(t),
            task=_s(g, item, DCTERMS.title) if item is not None else None,
            task_id=self.task_row(item, with_targets=False).id if item is not None else None,
            number=_s(g, item, PKG.number) if item is not None else None,
            doc=self.doc_id(doc),
            metric=_s(g, t, PKG.metric) or "",
            text=_s(g, t, PKG.text) or "",
            value=number_value(g, t, PKG.value),
            unit=_s(g, t, PKG.unitOfMeasure) or "",
            comparator=_s(g, t, PKG.comparator) or "=",
            year=year,
            deadline=_s(g, t, PKG.deadline),
            yearly=bool_value(g, t, PKG.yearly),
            year_inferred=bool_value(g, t, PKG.yearInferred),
            qualifier=_s(g, t, PKG.qualifier),
            evidence=self.evidence(t),
            via=via,
        )

    def industry_scope(self, node: URIRef) -> set[URIRef]:
        """The concept and everything narrower."""
        seen, todo = set(), [node]
        while todo:
            cur = todo.pop()
            if cur in seen:
                continue
            seen.add(cur)
            todo.extend(uris(self.g.subjects(SKOS.broader, cur)))
        return seen

    def _in_leading_cluster(self, node: URIRef) -> bool:
        cur: URIRef | None = node
        for _ in range(10):
            if cur is None:
                return False
            if (cur, RDF.type, PKG.LeadingCluster) in self.g:
                return True
            cur = uri_value(self.g, cur, SKOS.broader)
        return False

    def targets(self, year: int | None = None, unit: str | None = None, industry: str | None = None,
                docs: DocFilter | None = None) -> list[TargetRow]:
        """Targets filtered by year, responsible unit, industry and documents (all filters combine)."""
        g = self.g
        rows: list[tuple[URIRef, str | None]] = []
        plans = [d for d in g.subjects(RDF.type, PKG.Plan) if not docs or self.doc_matches(d, docs)]
        owners = plans + self.items(docs=docs)
        unit_nodes = self.resolve_units(unit) if unit else set()
        if unit and not unit_nodes:
            return []
        ind_node = self.resolve_industry(industry) if industry else None
        if industry and ind_node is None:
            return []
        scope = self.industry_scope(ind_node) if ind_node is not None else set()
        for owner in owners:
            if unit_nodes and not unit_nodes & (set(g.objects(owner, PKG.leadUnit)) | set(g.objects(owner, PKG.coUnit))):
                continue
            for t in uris(g.objects(owner, PKG.hasTarget)):
                via = None
                if ind_node is not None:
                    if scope & set(g.objects(owner, PKG.mentions)):
                        via = None
                    elif self._in_leading_cluster(ind_node) and _COLLECTIVE_CLUSTERS.search(self.sentence(t)):
                        via = "主导产业集群"  # the target covers every leading cluster
                    else:
                        continue
                if year is not None:
                    if int_value(g, t, PKG.year) != year:
                        continue
                rows.append((t, via))
        out = [self.target_row(t, via) for t, via in rows]
        return sorted(out, key=lambda r: (r.doc, r.evidence.start if r.evidence else 0))

    def incentives(self, doc: str | None = None, industry: str | None = None, kind: str | None = None,
                   unit: str | None = None, docs: DocFilter | None = None) -> list[IncentiveRow]:
        """Incentives filtered by document, industry named by the task, kind and responsible unit."""
        g = self.g
        unit_nodes = self.resolve_units(unit) if unit else set()
        ind_node = self.resolve_industry(industry) if industry else None
        if (unit and not unit_nodes) or (industry and ind_node is None):
            return []
        scope = self.industry_scope(ind_node) if ind_node is not None else set()
        out = []
        for item in self.items(doc, docs):
            row = None
            for x in uris(g.objects(item, PKG.hasIncentive)):
                if kind and _s(g, x, PKG.incentiveKind) != kind:
                    continue
                if row is None:
                    row = self.task_row(item, with_targets=False)
                    if doc and row.doc != doc:
                        break
                    if scope and not scope & set(g.objects(item, PKG.mentions)):
                        break
                    if unit_nodes and not unit_nodes & (set(g.objects(item, PKG.leadUnit)) | set(g.objects(item, PKG.coUnit))):
                        break
                out.append(IncentiveRow(
                    id=str(x), kind=_s(g, x, PKG.incentiveKind) or "", amount=number_value(g, x, PKG.amount),
                    unit=_s(g, x, PKG.unitOfMeasure) or "", text=_s(g, x, PKG.text) or "",
                    condition=_s(g, x, PKG.condition), beneficiary=_s(g, x, PKG.beneficiary),
                    task=row.title, task_id=row.id, number=row.number, doc=row.doc,
                    evidence=self.evidence(x),
                ))
        return sorted(out, key=lambda r: (r.doc, r.evidence.start if r.evidence else 0))

    # ---- units, regions, clusters ----------------------------------------
    def units(self) -> list[UnitRow]:
        """Every unit with its workload (lead / co counts) and members."""
        out = []
        for node in sorted(set(self.g.subjects(RDF.type, ORG.Organization)), key=str):
            out.append(UnitRow(
                name=self.label(node),
                aliases=sorted(str(a) for a in self.g.objects(node, SKOS.altLabel)),
                collective=(node, RDF.type, PKG.CollectiveUnit) in self.g,
                members=sorted(self.label(m) for m in self.g.objects(node, ORG.hasMember)),
                member_of=sorted(self.label(c) for c in self.g.subjects(ORG.hasMember, node)),
                lead=len(set(self.g.subjects(PKG.leadUnit, node))),
                co=len(set(self.g.subjects(PKG.coUnit, node))),
            ))
        return sorted(out, key=lambda u: (-(u.lead + u.co), u.name))

    def cluster_roles(self, region: str | None = None, industry: str | None = None) -> list[ClusterRoleRow]:
        """Which region leads or co-builds which cluster, with the sentence that says so."""
        reg = self.resolve_region(region) if region else None
        ind = self.resolve_industry(industry) if industry else None
        if (region and reg is None) or (industry and ind is None):
            return []
        scope = self.industry_scope(ind) if ind is not None else None
        out = []
        for node in self.g.subjects(RDF.type, PKG.ClusterRole):
            r, i = self.g.value(node, PKG.region), self.g.value(node, PKG.industry)
            if (reg is not None and r != reg) or (scope is not None and i not in scope):
                continue
            if not isinstance(r, URIRef) or not isinstance(i, URIRef):
                continue  # a role without its region or industry says nothing
            out.append(ClusterRoleRow(region=self.label(r), industry=self.label(i), role=str(self.g.value(node, PKG.role)),
                                      evidence=self.evidence(node)))
        return sorted(out, key=lambda x: (x.evidence.doc if x.evidence else "", x.evidence.start if x.evidence else 0, x.region))

    def industries(self) -> list[IndustryRow]:
        """The industry hierarchy with how many items mention each concept."""
        out = []
        concepts = set(self.g.subjects(RDF.type, SKOS.Concept)) - set(self.g.subjects(RDF.type, PKG.ChainSegment))
        for node in sorted(concepts, key=lambda n: self.label(n)):
            broader = self.g.value(node, SKOS.broader)
            out.append(IndustryRow(
                label=self.label(node),
                alt=sorted(str(a) for a in self.g.objects(node, SKOS.altLabel)),
                broader=self.label(broader) if broader is not None else None,
                leading_cluster=(node, RDF.type, PKG.LeadingCluster) in self.g,
                tasks=len(set(self.g.subjects(PKG.mentions, node))),
            ))
        return out

    def citations(self) -> list[tuple[str, str, str | None, bool]]:
        """(citing doc, cited title, the library document it names or None, whether the citing one implements it)."""
        own = {doc_id: self._own_row(doc, doc_id) for doc, doc_id in self._doc_ids.items()}
        find = _TitleIndex({doc_id: _title_key(row.title or "") for doc_id, (row, _) in own.items()})
        return [(doc_id, title, find(_title_key(title), doc_id), implements)
                for doc_id, (_, refs) in own.items() for title, implements in refs]

    def documents(self) -> list[DocumentRow]:
        """Ingested plans with their header fields, what they cite (依据) and what cites them (被引用).

        Made once per graph snapshot from each document's own row, which is read once per version of the
        document; only the citations, which join documents, are matched anew.
        """
        if self._documents is None:
            self._documents = self._document_rows()
        return list(self._documents)

    def _own_row(self, doc: URIRef, doc_id: str) -> tuple[DocumentRow, list[tuple[str, bool]]]:
        """A document's row without citations, and the (title, implements) of the documents it cites."""
        known = self._doc_rows.get(doc_id)
        if known is None:
            g = self.g
            ps, pe = int_value(g, doc, PKG.periodStart), int_value(g, doc, PKG.periodEnd)
            term = g.value(doc, PKG.validity)
            row = DocumentRow(
                id=doc_id,
                title=_s(g, doc, DCTERMS.title),
                office=_s(g, doc, DCTERMS.publisher),
                date=_s(g, doc, DCTERMS.issued),
                printed=_s(g, doc, DCTERMS.available),
                period=[ps, pe] if ps is not None and pe is not None else None,
                source=_s(g, doc, PKG.sourceFile),
                items=len(self.items(doc_id)),
                references=[],
                doc_no=_s(g, doc, PKG.docNumber),
                kind=_s(g, doc, PKG.documentKind),
                level=_s(g, doc, PKG.issuingLevel),
                cites=[],
                cited_by=[],
                valid_from=None if term is None else _s(g, term, PKG.validFrom),
                valid_until=None if term is None else _s(g, term, PKG.validUntil),
            )
            implemented = set(g.objects(doc, PKG.implements))
            refs = [(_s(g, ref, DCTERMS.title) or "", ref in implemented) for ref in g.objects(doc, DCTERMS.references)]
            row.references = sorted(title for title, _ in refs)
            known = self._doc_rows[doc_id] = (row, refs)
        return known

    def places(self) -> dict[str, frozenset[str]]:
        """Ids of the documents issued for each place, by every name of the place ("景德镇" and "景德镇市")."""
        if self._places is None:
            by_name: dict[str, set[str]] = {}
            for row in self.documents():
                for name in document_places([row.office], row.title):
                    by_name.setdefault(name, set()).add(row.id)
            self._places = {name: frozenset(docs) for name, docs in by_name.items()}
        return self._places

    def _document_rows(self) -> list[DocumentRow]:
        cites: dict[str, list[Citation]] = {}
        cited_by: dict[str, list[CitedBy]] = {}
        for source, title, target, impl in self.citations():
            cites.setdefault(source, []).append(Citation(title, target, impl))
            if target:
                cited_by.setdefault(target, []).append(CitedBy(source, impl))
        return [replace(self._own_row(doc, doc_id)[0],
                        cites=sorted(cites.get(doc_id, []), key=lambda c: (c.doc is None, c.title)),
                        cited_by=sorted(cited_by.get(doc_id, []), key=lambda c: c.doc))
                for doc, doc_id in sorted(self._doc_ids.items(), key=lambda kv: kv[1])]

    def doc_numbers(self) -> dict[str, str]:
        """Document ids by 文号 (as stored), read with the whole-library indexes."""
        return dict(self._doc_numbers)

    def doc_ids(self) -> set[str]:
        """Ids of the ingested documents."""
        return set(self._doc_ids.values())

    def doc_text(self, doc_id: str) -> str | None:
        """The normalised text of a document."""
        for doc, did in self._doc_ids.items():
            if did == doc_id:
                return self._text(doc) if (doc, PKG.normalizedText, None) in self.g else None
        return None

