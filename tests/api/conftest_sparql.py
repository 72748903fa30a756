"""Shared test data for the SPARQL engine and HTTP tests: a tiny policy graph and its queries."""
from __future__ import annotations

import os
from pathlib import Path

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

ID = Namespace("https://policykg.example/id/")
VOCAB = Namespace("https://policykg.example/vocab#")
PLAN_1 = ID["plan/14th-five-year"]
PLAN_2 = ID["plan/digital-economy"]
TITLE_1 = Literal("中华人民共和国国民经济和社会发展第十四个五年规划纲要", lang="zh")
TITLE_2 = Literal("“十四五”数字经济发展规划", lang="zh")
N_INDICATORS = 70  # with the plan triples, about 80: a 3-way cross join then runs for many seconds

PREFIXES = f"PREFIX dct: <{DCTERMS}>\nPREFIX pkg: <{VOCAB}>\nPREFIX id: <{ID}>\n"
TITLES_QUERY = PREFIXES + "SELECT ?plan ?title WHERE { ?plan a pkg:Plan ; dct:title ?title } ORDER BY ?plan"
# Counting forces rdflib to enumerate all 80^3 rows (a plain SELECT would stop at the row cap).
# Five unconstrained patterns: billions of rows for rdflib and for Oxigraph alike (three were done by
# Oxigraph in well under a second on the test graph).
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?y }"
QUICK_ASK = PREFIXES + f"ASK {{ <{PLAN_1}> a pkg:Plan }}"


def policy_graph(n_indicators: int = N_INDICATORS) -> Graph:
    """Two plans, one target, and n numbered indicators."""
    g = Graph()
    for plan, title in ((PLAN_1, TITLE_1), (PLAN_2, TITLE_2)):
        g.add((plan, RDF.type, VOCAB.Plan))
        g.add((plan, DCTERMS.title, title))
    g.add((PLAN_1, DCTERMS.issued, Literal("2021-03-13", datatype=XSD.date)))
    g.add((PLAN_2, DCTERMS.issued, Literal("2021-12-12", datatype=XSD.date)))
    g.add((PLAN_1, VOCAB.hasTarget, ID["target/gdp"]))
    g.add((ID["target/gdp"], RDFS.label, Literal("国内生产总值年均增长", lang="zh")))
    g.add((ID["target/gdp"], RDFS.comment, Literal('保持在合理区间\t"各年度"\n视情提出')))
    for i in range(n_indicators):
        g.add((ID[f"indicator/{i}"], RDF.value, Literal(i)))
    return g


def write_graph(path: Path, graph: Graph) -> Path:
    """Write N-Triples the way the project does: to a temporary file, then an atomic rename."""
    tmp = path.with_suffix(".tmp")
    graph.serialize(destination=tmp, format="nt", encoding="utf-8")
    os.replace(tmp, path)
    return path


def titles_graph() -> Graph:
    """Ground truth for the CONSTRUCT of plan titles."""
    g = Graph()
    g.add((PLAN_1, DCTERMS.title, TITLE_1))
    g.add((PLAN_2, DCTERMS.title, TITLE_2))
    return g
