"""The graph of a tiny plan is isomorphic to a hand-written Turtle file."""
from pathlib import Path

from rdflib import RDF, Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ingest.parse import parse_plan
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.vocab import PKG

DATA = Path(__file__).resolve().parent.parent / "data" / "kg"


def test_tiny_plan_matches_hand_written_turtle(lexicon, seg) -> None:
    text = (DATA / "tiny.txt").read_text(encoding="utf-8")
    plan = parse_plan(text, "tiny.txt", lexicon, seg)
    got = plan_graph(plan, UnitResolver(lexicon, plan.region))
    expected = Graph().parse(DATA / "tiny.ttl", format="turtle")
    if not isomorphic(got, expected):
        _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
        raise AssertionError(
            "graph differs from tiny.ttl\nonly in built graph:\n"
            + only_got.serialize(format="nt")
            + "\nonly in tiny.ttl:\n"
            + only_expected.serialize(format="nt")
        )


def test_vocabulary_rejects_misspelled_terms() -> None:
    import pytest

    with pytest.raises(AttributeError):
        PKG.leadUnits  # noqa: B018 - the point is that this raises


def test_lexicon_graph_has_industry_hierarchy(lexicon) -> None:
    from rdflib import RDF
    from rdflib.namespace import SKOS

    from kg.vocab import industry_iri

    g = lexicon_graph(lexicon)
    assert (industry_iri("直升机"), SKOS.broader, industry_iri("航空")) in g
    assert (industry_iri("酶工程"), SKOS.broader, industry_iri("现代生物产业")) in g
    leading = {str(g.value(n, SKOS.prefLabel)) for n in g.subjects(RDF.type, PKG.LeadingCluster)}
    assert leading == {"航空", "先进陶瓷", "精细化工和医药"}


def test_isomorphism_check_can_fail(lexicon, seg) -> None:
    text = (DATA / "tiny.txt").read_text(encoding="utf-8").replace("3个", "4个")
    plan = parse_plan(text, "tiny.txt", lexicon, seg)
    expected = Graph().parse(DATA / "tiny.ttl", format="turtle")
    assert not isomorphic(plan_graph(plan, UnitResolver(lexicon, plan.region)), expected)


def test_a_short_name_the_document_gives_labels_its_unit(lexicon, seg) -> None:
    """"嘉定区建设和管理委员会（以下简称区建管委）": the unit is one node, found by either name."""
    from rdflib import Literal
    from rdflib.namespace import ORG, SKOS

    text = ("某区实施细则\n一、职责分工\n1.嘉定区建设和管理委员会（以下简称区建管委）作为区级建设行政管理部门，负责本区建设工程监督管理。\n"
            "二、工作要求\n（一）加强指导。区建管委每月向各街镇发送项目清单。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    g = plan_graph(plan, UnitResolver(lexicon, plan.region))
    nodes = set(g.subjects(RDF.type, ORG.Organization))
    named = {n for n in nodes if (n, SKOS.prefLabel, Literal("嘉定区建设和管理委员会", lang="zh")) in g}
    assert len(named) == 1
    assert (next(iter(named)), SKOS.altLabel, Literal("区建管委", lang="zh")) in g
    assert not any((n, SKOS.prefLabel, Literal("区建管委", lang="zh")) in g for n in nodes)
