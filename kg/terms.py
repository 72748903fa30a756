"""Typed reads of rdflib terms: rdflib answers `Node`, the code wants IRIs, ints and strings."""
from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node


def uris(nodes: Iterable[Node]) -> list[URIRef]:
    """The IRIs among graph nodes (literals and blank nodes aside)."""
    return [n for n in nodes if isinstance(n, URIRef)]


def uri_value(g: Graph, node: Node, prop: URIRef) -> URIRef | None:
    """The object of a property when it is an IRI."""
    v = g.value(node, prop)
    return v if isinstance(v, URIRef) else None


def int_value(g: Graph, node: Node, prop: URIRef) -> int | None:
    """The object of a property as an int (a literal holding one), else None."""
    v = g.value(node, prop)
    return int(v) if isinstance(v, Literal) else None


def number_value(g: Graph, node: Node, prop: URIRef) -> int | float:
    """A figure as the plan wrote it: 280 stays an int, 1.5 a float; a missing one is 0."""
    v = g.value(node, prop)
    f = float(v) if isinstance(v, Literal) else 0.0
    return int(f) if f.is_integer() else f


def bool_value(g: Graph, node: Node, prop: URIRef) -> bool:
    """A boolean literal's value; absent is False."""
    v = g.value(node, prop)
    return isinstance(v, Literal) and bool(v.toPython())
