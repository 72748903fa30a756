"""The whole-library indexes every request needs (documents, labels, items), read per named graph.

A store's view (`OxGraph`) knows the version that wrote each named graph; a new snapshot keeps the rows of
every graph whose version did not change and reads only the others (the documents a write touched, and the
whole-library parts: lexicon, chains, register, which do not grow with the library). So a write costs what
it changed, not the library's size. A plain rdflib graph has no named graphs and is read as one.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from .files import atomic_write
from .oxgraph import trusted_uri
from .vocab import PKG

log = logging.getLogger(__name__)

_PREFIXES = (f"PREFIX pkg: <{PKG}> PREFIX dcterms: <{DCTERMS}> PREFIX skos: <{SKOS}> PREFIX org: <{ORG}> "
             f"PREFIX rdf: <{RDF}>\n")
# What each query reads from a graph.
_DOCS = ("DISTINCT", "?d ?id ?no", "?d rdf:type pkg:Plan ; dcterms:identifier ?id . OPTIONAL { ?d pkg:docNumber ?no }", "")
# The labels first, the classes as a filter: rdflib joins a VALUES block with every typed node before the labels
# narrow it (2.8 s on the seed plan's graph; 0.10 s this way), and Oxigraph is as fast either way (1.1–1.3 ms).
_LABELS = ("DISTINCT", "?n ?cls ?p ?l",
           "VALUES ?p { skos:prefLabel skos:altLabel } ?n ?p ?l . ?n rdf:type ?cls . "
           "FILTER(?cls IN (org:Organization, skos:Concept, pkg:Region, pkg:Park, pkg:ChainSegment, pkg:PolicyConcept))",
           "")
_ITEMS = ("", "?i (SAMPLE(?d0) AS ?d) (SAMPLE(?o0) AS ?o) (SAMPLE(?t0) AS ?t) (SAMPLE(?n0) AS ?n)",
          "VALUES ?cls { pkg:Task pkg:WorkRequirement } ?i rdf:type ?cls . OPTIONAL { ?i dcterms:isPartOf ?d0 } "
          "OPTIONAL { ?i pkg:ordinal ?o0 } OPTIONAL { ?i dcterms:title ?t0 } OPTIONAL { ?i pkg:number ?n0 }", "?i")

_PER_GRAPH_MAX = 50  # graphs to read one query each; more are read by one query over every graph
Label = tuple[URIRef, URIRef, bool, str]  # node, class, whether a preferred label, the label
Item = tuple[URIRef, URIRef | None, int, str, str]  # item, its document, ordinal, title, number


@dataclass(frozen=True)
class GraphRows:
    """What the indexes read from one named graph, with the store version that wrote it (None: always re-read)."""

    stamp: int | None
    docs: tuple[tuple[URIRef, str, str | None], ...]  # document, id, 文号
    labels: tuple[Label, ...]
    items: tuple[Item, ...]


_Spec = tuple[str, str, str, str]  # DISTINCT or not, what it selects, its pattern, its grouping


def _query(spec: _Spec, by_graph: bool) -> str:
    """The query of a spec, over the default graph or per named graph (?g first)."""
    distinct, head, pattern, group = spec
    if not by_graph:
        return f"{_PREFIXES}SELECT {distinct} {head} WHERE {{ {pattern} }}" + (f" GROUP BY {group}" if group else "")
    grouping = f" GROUP BY ?g {group}" if group else ""
    return f"{_PREFIXES}SELECT {distinct} ?g {head} WHERE {{ GRAPH ?g {{ {pattern} }} }}{grouping}"


def _rows(graph: Graph, spec: _Spec, graphs: list[str] | None) -> Iterator[tuple[Any, ...]]:
    """(graph name, *row) of a spec: over every named graph (None) or the listed ones; a plain rdflib graph is
    one graph, named ""."""
    native = getattr(graph, "select", None)
    if native is None:
        yield from (("", *row) for row in graph.query(_query(spec, False)) if isinstance(row, tuple))
    elif graphs is None:
        yield from native(_query(spec, True), plain=True)
    else:
        # One query per graph, on that graph alone: a GRAPH pattern restricted by VALUES scans every graph.
        for g in graphs:
            yield from ((g, *row) for row in native(_query(spec, False), graph=g, plain=True))


def _read(graph: Graph, graphs: list[str] | None, stamps: Mapping[str, int | None]) -> dict[str, GraphRows]:
    """Rows of the listed named graphs (of every graph for None)."""
    docs: dict[str, list[tuple[URIRef, str, str | None]]] = {}
    labels: dict[str, list[Label]] = {}
    items: dict[str, list[Item]] = {}
    for g, d, i, no in _rows(graph, _DOCS, graphs):
        if isinstance(d, URIRef):
            docs.setdefault(str(g), []).append((d, str(i), None if no is None else str(no)))
    for g, n, cls, p, label in _rows(graph, _LABELS, graphs):
        if isinstance(n, URIRef) and isinstance(cls, URIRef):
            labels.setdefault(str(g), []).append((n, cls, p == SKOS.prefLabel, str(label)))
    for g, i, d, o, t, n in _rows(graph, _ITEMS, graphs):
        if isinstance(i, URIRef):
            items.setdefault(str(g), []).append((i, d if isinstance(d, URIRef) else None,
                                                 int(o) if o is not None else 0, str(t or ""), str(n or "")))
    names = set(graphs) if graphs is not None else set(docs) | set(labels) | set(items)
    return {g: GraphRows(stamps.get(g), tuple(docs.get(g, ())), tuple(labels.get(g, ())), tuple(items.get(g, ())))
            for g in names}


class RowCache:
    """Each named graph's rows on disk, with the store version that wrote the graph: a new process reads them
    back instead of querying the whole library (5 s at 1,000 documents). A file is a cache: a missing, stale or
    unreadable one is read from the store again, so files are replaced atomically but not flushed."""

    FORMAT: Final = 2  # 2: thesaurus concepts among the labels

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, graph: str) -> Path:
        return self.root / f"{hashlib.sha1(graph.encode('utf-8')).hexdigest()[:24]}.json"

    def get(self, graph: str, stamp: int) -> GraphRows | None:
        """The rows kept for a graph at this version, or None."""
        try:
            data = json.loads(self._path(graph).read_bytes())
            if data.get("format") != self.FORMAT or data.get("graph") != graph or data.get("stamp") != stamp:
                return None
            u = trusted_uri  # the IRIs were the store's
            return GraphRows(stamp, tuple((u(d), i, no) for d, i, no in data["docs"]),
                             tuple((u(n), u(c), bool(p), label) for n, c, p, label in data["labels"]),
                             tuple((u(i), u(d) if d else None, int(o), t, n) for i, d, o, t, n in data["items"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("graph row cache entry of %s unreadable (%s); reading the graph again", graph, exc)
            return None

    def put(self, graph: str, rows: GraphRows) -> None:
        """Keep a graph's rows (best effort: a failure costs the next process a read, nothing else)."""
        body = {"format": self.FORMAT, "graph": graph, "stamp": rows.stamp, "docs": rows.docs, "labels": rows.labels,
                "items": rows.items}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write(self._path(graph), json.dumps(body, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            log.warning("graph row cache entry of %s not written: %s", graph, exc)

    def drop(self, graph: str) -> None:
        """Forget a graph that left the store."""
        self._path(graph).unlink(missing_ok=True)


def read_graphs(graph: Graph, previous: Mapping[str, GraphRows] | None = None) -> dict[str, GraphRows]:
    """Rows of every named graph of a view: those a previous snapshot (or the row cache) has at the same version
    kept, the rest read from the store."""
    stamps: Mapping[str, int | None] | None = getattr(graph, "graph_stamps", None)
    if stamps is None:
        return _read(graph, None, {})
    cache: RowCache | None = getattr(graph, "row_cache", None)
    kept: dict[str, GraphRows] = {}
    for g, stamp in stamps.items():
        if stamp is None:
            continue
        known = previous.get(g) if previous else None
        if known is not None and known.stamp == stamp:
            kept[g] = known
        elif cache is not None and (cached := cache.get(g, stamp)) is not None:
            kept[g] = cached
    fresh = [g for g in stamps if g not in kept]
    wanted = set(fresh)
    # Most of the library to read (a first start): one query per kind over every graph beats one per graph.
    read = {g: rows for g, rows in _read(graph, None if len(fresh) > _PER_GRAPH_MAX else fresh, stamps).items()
            if g in wanted}
    read.update((g, GraphRows(stamps[g], (), (), ())) for g in wanted - read.keys())
    if cache is not None:
        for g, rows in read.items():
            if rows.stamp is not None:
                cache.put(g, rows)
    return kept | read


def ordered(rows: Mapping[str, GraphRows]) -> list[GraphRows]:
    """The graphs in a fixed order (whole-library parts, then documents, each by name): which node keeps a label
    several carry must not depend on which graphs a snapshot re-read."""
    return [rows[g] for g in sorted(rows, key=lambda g: (rows[g].stamp is not None, g))]



class KeyFinder:
    """The longest of a set of names that occurs in a text, by looking the text's substrings up (a question of
    n characters costs about n x the longest name's length lookups, whatever the number of names); a tie goes
    to the name given first."""

    def __init__(self, keys: Iterable[str], min_len: int = 1) -> None:
        self._rank: dict[str, int] = {}
        for key in keys:
            if len(key) >= min_len:
                self._rank.setdefault(key, len(self._rank))
        self._min = min_len
        self._max = max(map(len, self._rank), default=0)

    def longest(self, text: str) -> str | None:
        """The longest name in the text, or None."""
        rank = self._rank
        for n in range(min(self._max, len(text)), self._min - 1, -1):
            found = [text[i : i + n] for i in range(len(text) - n + 1) if text[i : i + n] in rank]
            if found:
                return min(found, key=rank.__getitem__)
        return None
