"""The register read once per snapshot: its term lookup agrees with a scan of every product."""
from __future__ import annotations

import random

from ingest.enterprises import Enterprise
from kg.chains import enterprise_graph
from kg.query import KG
from kg.register import Register

ALPHABET = "陶瓷粉体氧化铝锆基板航空锻件"


def _register(n: int, seed: int) -> tuple[list[Enterprise], Register]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        products = tuple("".join(rng.choices(ALPHABET, k=rng.randint(1, 6))) for _ in range(rng.randint(0, 3)))
        rows.append(Enterprise(name=f"企业{i:03d}", products=products, segment=rng.choice(["", "alumina-powder", "基板"]),
                               region=rng.choice(["浮梁县", ""]), scale=rng.choice(["规上", ""]), credit_code="", row=i + 2))
    return rows, Register(KG(enterprise_graph(rows)))


def test_a_term_finds_exactly_the_enterprises_with_a_product_containing_it() -> None:
    rows, register = _register(60, seed=3)
    by_name = {r.name: r for r in rows}
    assert sorted(r.name for r in register.rows) == sorted(by_name)
    assert [str(r.node) for r in register.rows] == sorted(str(r.node) for r in register.rows)
    rng = random.Random(4)
    terms = {"".join(rng.choices(ALPHABET, k=rng.randint(1, 3))) for _ in range(200)}
    for term in terms:
        expected = [i for i, r in enumerate(register.rows) if any(term in p for p in by_name[r.name].products)]
        assert register.making(term) == expected, term


def test_no_match_spans_two_products() -> None:
    rows = [Enterprise(name="甲", products=("氧化", "铝粉"), segment="", region="", scale="", credit_code="", row=2)]
    register = Register(KG(enterprise_graph(rows)))
    assert register.making("化铝") == []
    assert register.making("铝粉") == [0]


def test_fields_and_declared_segments_are_read() -> None:
    rows, register = _register(30, seed=5)
    for row in register.rows:
        source = next(r for r in rows if r.name == row.name)
        assert (sorted(row.products), row.declared, row.region, row.scale) == \
            (sorted(source.products), source.segment, source.region, source.scale)
    declared = register.declaring({"基板", "nothing"})
    assert declared == {i for i, r in enumerate(register.rows) if r.declared == "基板"} and declared


def test_an_rdflib_graph_has_no_store_version_so_its_register_is_read_again() -> None:
    _, first = _register(5, seed=6)
    kg = KG(enterprise_graph([]))
    assert Register.of(kg, first) is not first and len(Register.of(kg, first)) == 0
