"""Serialise the graph in standard formats."""
from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph

from .build import new_graph
from .oxgraph import OxGraph
from .views import to_networkx

RDF_FORMATS = {"turtle": "text/turtle", "json-ld": "application/ld+json", "nt": "application/n-triples"}
VIEW_FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}
FORMATS = {**RDF_FORMATS, **VIEW_FORMATS}


class UnknownFormat(ValueError):
    """An export format that does not exist; the message lists the valid ones."""


def export(g: Graph, fmt: str) -> bytes:
    """The graph as bytes in one of FORMATS."""
    if isinstance(g, OxGraph):
        g = g.copy_into(new_graph())  # rdflib's serialisers walk their own in-memory store
    if fmt in RDF_FORMATS:
        return g.serialize(format=fmt, encoding="utf-8")
    if fmt in VIEW_FORMATS:
        view = to_networkx(g)
        # GraphML/GEXF have no multi-edge keys of our kind; a plain DiGraph keeps the type attribute.
        simple = nx.DiGraph()
        simple.add_nodes_from(view.nodes(data=True))
        for u, v, data in view.edges(data=True):
            simple.add_edge(u, v, **data)
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(simple, buf)
        return buf.getvalue()
    raise UnknownFormat(f"unknown export format {fmt!r}; valid formats: {', '.join(FORMATS)}")
