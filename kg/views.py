"""networkx views of the graph for analytics and graph exports (pure functions)."""
from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from .vocab import PKG

# Node types shown in the graph views, by RDF class.
NODE_TYPES: dict[URIRef, str] = {
    PKG.ChainSegment: "segment",  # before SKOS.Concept: a segment is also a concept
    PKG.Task: "task",
    PKG.WorkRequirement: "requirement",
    ORG.Organization: "unit",
    SKOS.Concept: "industry",
    PKG.Region: "region",
    PKG.Park: "region",
    PKG.Plan: "document",
}
# Edges of the view: predicate -> edge type.
EDGE_TYPES: dict[URIRef, str] = {
    PKG.leadUnit: "lead",
    PKG.coUnit: "co",
    PKG.mentions: "mentions",
    SKOS.broader: "broader",
    PKG.leadsCluster: "leads_cluster",
    PKG.coBuildsCluster: "co_builds_cluster",
    ORG.hasMember: "has_member",
    DCTERMS.isPartOf: "part_of",
    PKG.nextSegment: "next",
}


def node_type(g: Graph, node: URIRef) -> str | None:
    """The view type of a node, or None when the view does not show it."""
    for cls, name in NODE_TYPES.items():
        if (node, RDF.type, cls) in g:
            return name
    return None


def node_label(g: Graph, node: URIRef) -> str:
    """A short display label."""
    title = g.value(node, DCTERMS.title)
    number = g.value(node, PKG.number)
    if title is not None and number is not None:
        return f"{number}. {title}" if str(number).isdigit() else f"{number}{title}"
    return str(g.value(node, SKOS.prefLabel) or title or node)


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Typed, labelled multigraph of tasks, units, industries, regions and documents."""
    out = nx.MultiDiGraph()
    for pred, etype in EDGE_TYPES.items():
        for s, o in g.subject_objects(pred):
            if not isinstance(s, URIRef) or not isinstance(o, URIRef):
                continue  # only named nodes are drawn
            st, ot = node_type(g, s), node_type(g, o)
            if st is None or ot is None:
                continue
            for n, t in ((s, st), (o, ot)):
                if n not in out:
                    out.add_node(str(n), type=t, label=node_label(g, n))
            out.add_edge(str(s), str(o), key=etype, type=etype)
    return out


def neighbourhood(view: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    """The subgraph within depth hops of focus, edges in either direction."""
    seen = {focus}
    frontier = {focus}
    undirected = view.to_undirected(as_view=True)
    for _ in range(depth):
        frontier = {n for f in frontier for n in undirected.neighbors(f)} - seen
        seen |= frontier
    return view.subgraph(seen).copy()


def find_nodes(view: nx.MultiDiGraph, focus: str) -> list[str]:
    """Nodes whose IRI or label is focus (a task may be named by "1. 标题" or by its heading)."""
    if focus in view:
        return [focus]
    exact = [n for n, d in view.nodes(data=True) if d.get("label") == focus]
    if exact:
        return exact
    return [n for n, d in view.nodes(data=True) if d.get("type") in ("task", "requirement") and str(d.get("label", "")).endswith(focus)]


@dataclass
class ViewNode:
    """A node of a graph view: its IRI, label and type (task, unit, industry …); task_id for tasks."""

    id: str
    label: str | None
    type: str | None
    task_id: str | None = None


@dataclass
class ViewEdge:
    """A typed edge of a graph view."""

    source: str
    target: str
    type: str | None


@dataclass
class GraphView:
    """The nodes within some hops of the focus nodes, cut to a size a page can draw."""

    focus: list[str]
    depth: int
    truncated: bool
    nodes: list[ViewNode] = field(default_factory=list)
    edges: list[ViewEdge] = field(default_factory=list)


def graph_view(view: nx.MultiDiGraph, focus: list[str], depth: int, max_nodes: int) -> GraphView:
    """Nodes and typed edges around the focus nodes, for the page and other tools."""
    nodes: set[str] = set()
    for f in focus:
        nodes |= set(neighbourhood(view, f, depth).nodes)
    truncated = len(nodes) > max_nodes
    if truncated:
        # Keep the focus and the nodes nearest to it.
        undirected = view.to_undirected(as_view=True)
        dist: dict[str, int] = {}
        for f in focus:
            for n, d in nx.single_source_shortest_path_length(undirected, f, cutoff=depth).items():
                dist[n] = min(d, dist.get(n, d))
        nodes = set(sorted(nodes, key=lambda n: (dist.get(n, depth + 1), n))[:max_nodes])
    sub = view.subgraph(nodes)
    return GraphView(
        focus=focus,
        depth=depth,
        truncated=truncated,
        nodes=[ViewNode(n, d.get("label"), d.get("type")) for n, d in sub.nodes(data=True)],
        edges=[ViewEdge(u, v, d.get("type")) for u, v, d in sub.edges(data=True)],
    )
