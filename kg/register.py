"""The enterprise register of a graph snapshot, read once, with the lookups the chain analysis makes of it.

A chain view places each enterprise in the segments its declared segment or its products name. Asked of the
graph per segment, that was a store lookup per enterprise and a scan of every product per term: 7 s for each
`/api/chains` answer with a 10,000-row register. Here the rows are read once per snapshot, and a term finds the
products that contain it through `Containing` (kg/containing.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .containing import Containing
from .query import KG
from .store import part_graph
from .vocab import PKG

_FIELDS = (SKOS.prefLabel, DCTERMS.title, PKG.product, PKG.declaredSegment, PKG.regionName, PKG.scale)
# Every field of every enterprise in one query: the register is read in one pass over the store's indexes,
# not with a lookup per enterprise and field (60,000 of them for 10,000 rows).
_QUERY = (f"SELECT ?e ?p ?o WHERE {{ ?e a <{PKG.Enterprise}> ; ?p ?o . "
          f"VALUES ?p {{ {' '.join(f'<{p}>' for p in _FIELDS)} }} }}")


@dataclass(frozen=True)
class EnterpriseRow:
    """One enterprise as the register gave it."""

    node: URIRef
    name: str
    products: tuple[str, ...]
    declared: str  # the segment the register names for it ("" when none)
    region: str
    scale: str


GRAPH: Final = part_graph("enterprises")  # where the store keeps the register (one named graph)


def _read(graph: Graph) -> Iterator[tuple[Any, ...]]:
    """(enterprise, property, value) rows: by Oxigraph itself from the register's graph when the graph is the
    store, else from rdflib's indexes."""
    native = getattr(graph, "select", None)
    if native is not None:
        yield from native(_QUERY, graph=GRAPH, plain=True)
    else:  # an rdflib graph in memory (a preview, a test): its own indexes, not its SPARQL engine (slow)
        for node in graph.subjects(RDF.type, PKG.Enterprise):
            for prop in _FIELDS:
                yield from ((node, prop, value) for value in graph.objects(node, prop))


class Register:
    """The snapshot's enterprises (in IRI order) and which of them a term or a declared segment names."""

    @classmethod
    def of(cls, kg: KG, previous: Register | None = None) -> Register:
        """The snapshot's register: the previous snapshot's while the store has not rewritten it (most writes are
        plans, and reading 10,000 enterprises again costs a second)."""
        stamp = kg.graph_stamp(GRAPH)
        if previous is not None and stamp is not None and previous.stamp == stamp:
            return previous
        return cls(kg, stamp)

    def __init__(self, kg: KG, stamp: int | None = None) -> None:
        self.stamp = stamp  # the store version that wrote the register's graph (None: unknown, never reused)
        fields: dict[URIRef, dict[str, list[str]]] = {}
        for node, prop, value in _read(kg.g):
            if isinstance(node, URIRef):
                fields.setdefault(node, {}).setdefault(str(prop), []).append(str(value))
        self.rows: list[EnterpriseRow] = []
        for node in sorted(fields, key=str):
            f = fields[node]

            def first(prop: URIRef, f: dict[str, list[str]] = f) -> str:
                return next(iter(f.get(str(prop), ())), "")

            self.rows.append(EnterpriseRow(
                node=node, name=first(SKOS.prefLabel) or first(DCTERMS.title) or str(node),
                products=tuple(f.get(str(PKG.product), ())), declared=first(PKG.declaredSegment),
                region=first(PKG.regionName), scale=first(PKG.scale)))
        self._declaring: dict[str, list[int]] = {}
        for i, row in enumerate(self.rows):
            if row.declared:
                self._declaring.setdefault(row.declared, []).append(i)
        products = [(i, p) for i, row in enumerate(self.rows) for p in row.products]
        self._owners = [i for i, _ in products]
        self._containing = Containing([p for _, p in products])

    def __len__(self) -> int:
        return len(self.rows)

    def making(self, term: str) -> list[int]:
        """The enterprises (row numbers, ascending) with a product containing `term`."""
        return sorted({self._owners[k] for k in self._containing(term)})

    def declaring(self, names: set[str]) -> set[int]:
        """The enterprises whose declared segment is one of `names`."""
        return {i for name in names for i in self._declaring.get(name, ())}
