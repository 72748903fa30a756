"""A read-only rdflib view of an Oxigraph store: the union of its named graphs, with rdflib's terms.

The service's read side (`KG`, the chain analysis, exports) is written against rdflib's graph API; this view
answers that API from Oxigraph's indexes, so nothing is parsed or held in Python memory at start-up and a
lookup costs one index scan however large the library is. The store's default graph holds bookkeeping (the
manifest, the version) and is not part of the view. A triple stated in several named graphs (a unit's label
in every plan that names it) is seen once, as in the union of N-Triples files it replaces.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .build import new_graph

_XSD_STRING = str(XSD.string)

_Pattern = tuple[Node | None, Node | None, Node | None]
_ABOUT_MAX = 200_000  # subjects a view remembers (about 1 KB each)
_Triple = tuple[Node, Node, Node]


def to_ox(term: Node) -> Any:
    """An rdflib term as an Oxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot use {type(term).__name__} in a pattern")


def from_ox(term: Any) -> Node:
    """An Oxigraph term as the rdflib term an N-Triples parse would have made."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        # rdflib keeps a plain literal apart from an xsd:string one; N-Triples gives plain ones.
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"unexpected Oxigraph term {type(term).__name__}")


trusted_uri = partial(str.__new__, URIRef)  # a URIRef without rdflib's validation (a third of a read's time)


def _plain(term: Any) -> Any:
    """An Oxigraph term as a URIRef, a BNode or a literal's lexical form."""
    if isinstance(term, ox.NamedNode):
        return trusted_uri(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    return BNode(term.value)


class OxGraph(Graph):
    """The named graphs of an Oxigraph store as one read-only rdflib graph (see the module docstring)."""

    def __init__(self, store: ox.Store, is_data: Callable[[Any], bool] | None = None,
                 graph_stamps: Mapping[str, int | None] | None = None, row_cache: Any = None) -> None:
        super().__init__()
        self._ox = store
        # The store version that wrote each named graph (None: unknown, read it anew), when the store keeps one:
        # what lets a new snapshot's indexes keep the rows of graphs that did not change (kg/index.py).
        self.graph_stamps = dict(graph_stamps) if graph_stamps is not None else None
        self.row_cache = row_cache  # where those rows are kept between processes (kg/index.py RowCache), if anywhere
        # What the view has read about a subject, by predicate: a task's row asks a dozen questions of the
        # same subject, answered by one call into the store instead of a dozen. Bounded; a view lives as long
        # as one graph snapshot of the service, so what it read stays what that snapshot saw.
        self._about: dict[Node, dict[Node, list[Node]]] = {}
        # Which graph names are data (not bookkeeping); by default every named graph.
        self._is_data = is_data or (lambda name: not isinstance(name, ox.DefaultGraph))
        for prefix, ns in new_graph().namespaces():
            self.bind(prefix, ns, override=True, replace=True)

    def _quads(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[Any]:
        ps, pp, po = (None if t is None else to_ox(t) for t in (s, p, o))
        for quad in self._ox.quads_for_pattern(ps, pp, po, None):
            if self._is_data(quad.graph_name):
                yield quad

    def about(self, subject: Node) -> dict[Node, list[Node]]:
        """Every (predicate, objects) of a subject, read once per view (a literal is the subject of nothing)."""
        if isinstance(subject, Literal):
            return {}
        known = self._about.get(subject)
        if known is None:
            known = {}
            for q in self._quads(subject, None, None):
                objects = known.setdefault(from_ox(q.predicate), [])
                o = from_ox(q.object)
                if o not in objects:
                    objects.append(o)
            if len(self._about) >= _ABOUT_MAX:
                self._about.clear()
            self._about[subject] = known
        return known

    def triples(self, triple: Any) -> Iterator[_Triple]:  # type: ignore[override]
        s, p, o = triple
        if s is not None:
            about = self.about(s)
            for pred in ([p] if p is not None else list(about)):
                for obj in about.get(pred, ()):
                    if o is None or obj == o:
                        yield s, pred, obj
            return
        seen: set[tuple[Any, Any, Any]] = set()
        for q in self._quads(s, p, o):
            key = (q.subject, q.predicate, q.object)
            if key not in seen:
                seen.add(key)
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def __iter__(self) -> Iterator[_Triple]:  # type: ignore[override]
        return self.triples((None, None, None))

    def __len__(self) -> int:
        return sum(1 for _ in self.triples((None, None, None)))

    def __contains__(self, triple: Any) -> bool:
        return next(self.triples(triple), None) is not None

    def value(self, subject: Any = None, predicate: Any = None, object: Any = None,
              default: Any = None, any: bool = True) -> Any:
        """The one missing term of a pattern (rdflib's semantics for `any=True`)."""
        if subject is not None and object is None and predicate is not None:
            objects = self.about(subject).get(predicate)
            return objects[0] if objects else default
        for q in self._quads(subject, predicate, object):
            if subject is None:
                return from_ox(q.subject)
            if object is None:
                return from_ox(q.object)
            return from_ox(q.predicate)
        return default

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Iterator[Any]:  # type: ignore[override]
        if subject is not None and predicate is not None:
            yield from self.about(subject).get(predicate, ())
            return
        seen: set[Any] = set()
        for q in self._quads(subject, predicate, None):
            if q.object not in seen:
                seen.add(q.object)
                yield from_ox(q.object)

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Iterator[Any]:  # type: ignore[override]
        seen: set[Any] = set()
        for q in self._quads(None, predicate, object):
            if q.subject not in seen:
                seen.add(q.subject)
                yield from_ox(q.subject)

    def subject_objects(self, predicate: Any = None, unique: bool = False) -> Iterator[tuple[Any, Any]]:  # type: ignore[override]
        for s, _, o in self.triples((None, predicate, None)):
            yield s, o

    def select(self, query: str, graph: str | None = None, plain: bool = False) -> Iterator[tuple[Any, ...]]:
        """Rows of a SELECT evaluated by Oxigraph itself, over the union of the named graphs or over one of them.

        With `plain`, literals come as their lexical form (str) and IRIs as URIRefs made without rdflib's
        checks (the store holds valid IRIs only): whole-library reads convert tens of thousands of terms.
        """
        if graph is None:
            solutions = self._ox.query(query, use_default_graph_as_union=True)
        else:
            solutions = self._ox.query(query, default_graph=ox.NamedNode(graph))
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("select() takes a SELECT query")
        convert = _plain if plain else from_ox
        width = range(len(solutions.variables))
        for row in solutions:
            yield tuple(None if (t := row[i]) is None else convert(t) for i in width)

    def add(self, triple: Any) -> OxGraph:
        raise TypeError("the library graph is read-only here; write through the GraphStore")

    def named_graph_size(self, iri: str) -> int:
        """How many triples one named graph of the store holds (read as it is counted, nothing kept)."""
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(iri)))

    def named_graph(self, iri: str) -> Graph:
        """One named graph of the store (a document, a part) as an in-memory rdflib graph; empty if it has none."""
        out = new_graph()
        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
            out.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return out

    def copy_into(self, target: Graph) -> Graph:
        """Every triple of the view added to an in-memory rdflib graph (exports, previews)."""
        for prefix, ns in self.namespaces():
            target.bind(prefix, ns, override=True, replace=True)
        for t in self:
            target.add(t)
        return target
