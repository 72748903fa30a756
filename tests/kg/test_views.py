"""networkx views and exports."""
import io

import networkx as nx
import pytest
from rdflib import Graph

from kg.export import UnknownFormat, export
from kg.views import neighbourhood, to_networkx


def test_view_types_and_neighbourhood(seed_graph) -> None:
    view = to_networkx(seed_graph)
    types = nx.get_node_attributes(view, "type")
    assert {"task", "requirement", "unit", "industry", "region", "document"} <= set(types.values())
    unit = next(n for n, d in view.nodes(data=True) if d["label"] == "市科学技术局" and view.degree(n) > 2)
    sub = neighbourhood(view, unit, 1)
    assert sum(1 for n in sub if types[n] == "task") == 7
    assert {d["type"] for _, _, d in sub.edges(data=True)} == {"lead", "co"}


@pytest.mark.parametrize("fmt, parse", [("turtle", "turtle"), ("json-ld", "json-ld"), ("nt", "nt")])
def test_rdf_exports_round_trip(seed_graph, fmt: str, parse: str) -> None:
    back = Graph().parse(data=export(seed_graph, fmt).decode("utf-8"), format=parse)
    assert len(back) == len(seed_graph)


def test_graphml_opens_in_networkx(seed_graph) -> None:
    g = nx.read_graphml(io.BytesIO(export(seed_graph, "graphml")))
    assert any(d.get("label") == "市科学技术局" for _, d in g.nodes(data=True))
    assert nx.read_gexf(io.BytesIO(export(seed_graph, "gexf"))).number_of_nodes() == g.number_of_nodes()


def test_unknown_format_lists_valid_ones(seed_graph) -> None:
    with pytest.raises(UnknownFormat, match="valid formats: turtle, json-ld, nt, graphml, gexf"):
        export(seed_graph, "rdfxml")
