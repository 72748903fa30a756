"""Structured queries over the graph: units, targets, clusters, evidence."""
from ingest.parse import parse_plan
from ingest.units import UnitResolver

SEED = "jingdezhen-cluster-plan-2026-2028"


def test_unit_resolution_by_any_spelling(kg) -> None:
    node = kg.resolve_unit("市科技局")
    assert node is not None
    assert kg.resolve_unit("市科学技术局") == node
    assert kg.resolve_unit("科学技术局") == node  # unique partial name
    assert kg.resolve_unit("局") is None  # ambiguous
    assert kg.resolve_unit("市公安局") is None


def test_units_are_scoped_by_city(kg) -> None:
    # 赣州's 市科技局 is not 景德镇's: the seed unit has 7 tasks, the other city's 1.
    rows = kg.tasks(unit="市科技局", doc=SEED)
    assert len(rows) == 7
    labels = [u for u in kg.units() if u.name == "市科学技术局"]
    assert sorted(u.lead + u.co for u in labels) == [1, 7]


def test_tasks_of_unit_with_roles(kg) -> None:
    rows = kg.tasks(unit="市科技局", doc=SEED)
    assert [(r.number, role) for r, role, _ in rows] == [
        ("3", "co"), ("4", "lead"), ("5", "lead"), ("8", "co"), ("9", "lead"), ("11", "co"), ("15", "co")
    ]
    assert [r.number for r, _, _ in kg.tasks(unit="市科技局", doc=SEED, role="lead")] == ["4", "5", "9"]


def test_evidence_is_the_source_text(kg) -> None:
    _, _, assignment = kg.tasks(unit="市市监局", doc=SEED)[0]
    ev = kg.evidence(assignment)
    assert ev.text.startswith("责任单位：市科技局、市市监局") and ev.doc == SEED
    assert kg.doc_text(SEED)[ev.start : ev.end] == ev.text


def test_targets_by_year_unit_industry(kg) -> None:
    assert len(kg.targets(year=2028)) == 16
    assert [t.metric for t in kg.targets(unit="市科技局", year=2028)][:3] == [
        "产业链群引领性项目", "工业项目", "壮链、延链、补链重点项目"
    ]
    heli = kg.targets(industry="直升机")
    # No task naming 直升机 sets a number; the goals cover every leading cluster and say so.
    assert [t.metric for t in heli] == ["三大主导产业集群规模", "千亿级集群", "500亿级集群"]
    assert {t.via for t in heli} == {"主导产业集群"}
    assert kg.targets(industry="未来材料") == []


def test_cluster_roles_by_region_and_industry(kg) -> None:
    assert [(r.industry, r.role) for r in kg.cluster_roles(region="浮梁县")] == [("先进陶瓷", "co")]
    assert [r.region for r in kg.cluster_roles(industry="航空")] == ["高新区"]


def test_collective_unit_members(kg) -> None:
    counties = next(u for u in kg.units() if u.name == "各县（市、区）人民政府" and u.members)
    assert counties.members == sorted(["珠山区人民政府", "昌江区人民政府", "浮梁县人民政府", "乐平市人民政府"])
    assert counties.collective is True


def test_a_documents_own_term_is_in_the_graph_with_its_sentence(lexicon, seg) -> None:
    from pathlib import Path

    from ingest.reader import read_plan_file
    from kg.build import lexicon_graph, plan_graph
    from kg.query import KG, DocFilter
    from kg.vocab import PKG, doc_iri

    path = Path(__file__).resolve().parents[1] / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"
    plan = parse_plan(read_plan_file(path), path.name, lexicon, seg)
    g = lexicon_graph(lexicon) + plan_graph(plan, UnitResolver(lexicon, plan.region))
    kg = KG(g)
    (row,) = kg.documents()
    # Measures without a period in their title: the term is the plan's only statement of its years.
    assert row.period is None and (row.valid_from, row.valid_until) == ("2026-02-01", "2028-12-31")
    term = g.value(doc_iri(plan.doc_id), PKG.validity)
    sentence = str(g.value(term, PKG.text))
    assert sentence.startswith("本措施自2026年2月1日起施行，有效期至2028年12月31日")
    assert kg.doc_text(plan.doc_id)[int(g.value(term, PKG.start)) : int(g.value(term, PKG.end))] == sentence
    # A year filter keeps the document while it is in force (issued 2026-01-20: 2027 is neither its issue year nor
    # a year of a period it does not have), and not after.
    assert kg.kept_docs(DocFilter(year=2027)) == {plan.doc_id}
    assert kg.kept_docs(DocFilter(year=2029)) == set()
