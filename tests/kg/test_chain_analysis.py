"""Chain analysis over the seed plan: policy links, units, regions, and status from a register."""
from pathlib import Path

import pytest
from rdflib import Graph

from ingest.chains import parse_chain
from ingest.enterprises import Enterprise, parse_register
from kg.chains import ChainAnalysis, RegisterState, SegmentRegion, chain_graph, enterprise_graph, guide_order
from kg.query import KG

DATA = Path(__file__).resolve().parent.parent / "data"


def chain_kg(seed_graph: Graph, enterprises: list[Enterprise] | None = None) -> KG:
    g = Graph()
    g += seed_graph
    for name in ("mini-ceramics.yaml", "mini-helicopter.yaml"):
        g += chain_graph(parse_chain((DATA / "chains" / name).read_text(encoding="utf-8"), name))
    g += enterprise_graph(enterprises or [])
    return KG(g)


@pytest.fixture(scope="module")
def register() -> list[Enterprise]:
    return parse_register((DATA / "enterprises" / "register.csv").read_bytes(), "register.csv")[0]


def segs(analysis: ChainAnalysis, name: str) -> dict[str, dict]:
    return {s.label: s for s in analysis.chain(analysis.resolve(name)).segments}


def test_ceramics_segments_link_to_the_planning_task(seed_graph) -> None:
    s = segs(ChainAnalysis(chain_kg(seed_graph)), "先进陶瓷")
    for label in ("氧化铝粉体", "压电陶瓷", "片式元器件"):
        assert "优化产业集群规划布局" in s[label].tasks
        assert s[label].policy_priority and "大力推动" in s[label].policy[0].calls
        assert s[label].contact[0] == "市工业和信息化局"
    assert s["电子信息应用"].tasks == [] and not s["电子信息应用"].policy_priority
    assert [(r.region, r.role) for r in s["氧化铝粉体"].regions] == [("昌南新区", "co"), ("浮梁县", "co")]


def test_helicopter_chain_names_the_park_and_the_units_of_task_2(seed_graph) -> None:
    analysis = ChainAnalysis(chain_kg(seed_graph))
    chain = analysis.chain(analysis.resolve("直升机"))
    assert chain.cluster == "航空"
    assert [(r.region, r.role) for r in chain.regions] == [("高新区", "lead")]
    heli = next(s for s in chain.segments if s.label == "直升机")
    assert "加快产业集群梯次培育" in heli.tasks
    for unit in ("市工业和信息化局", "国家试验区管委办", "各县（市、区）人民政府", "高新区管委会", "昌南新区管委会"):
        assert unit in heli.units
    assert heli.regions == [SegmentRegion("高新区", "lead")]


def test_without_a_register_every_segment_says_so(seed_graph) -> None:
    analysis = ChainAnalysis(chain_kg(seed_graph))
    for name in ("先进陶瓷", "航空"):
        chain = analysis.chain(analysis.resolve(name))
        assert chain.register == RegisterState(loaded=False, enterprises=0)
        for s in chain.segments:
            assert s.status == "unknown" and "未导入企业名录" in s.reasons[0] and s.enterprises == []


def test_status_follows_the_register(seed_graph, register) -> None:
    s = segs(ChainAnalysis(chain_kg(seed_graph, register)), "先进陶瓷")
    assert {k: v.status for k, v in s.items()} == {
        "氧化铝粉体": "present",  # one 规上 company
        "压电陶瓷": "weak",  # declared by segment id, one small company
        "片式元器件": "weak",  # matched by the MLCC keyword
        "电子信息应用": "gap",
    }
    assert s["片式元器件"].enterprises == ["测试乙电子有限公司"]
    assert "仅有1家" in s["片式元器件"].reasons[0]


def test_adding_and_removing_companies_changes_status(seed_graph, register) -> None:
    more = register + [
        Enterprise("测试庚电子", ("消费电子整机",), "", "昌江区", "小微", "", 7),
        Enterprise("测试辛电子", ("片式电容",), "chip-components", "昌江区", "小微", "", 8),
        Enterprise("测试壬电子", ("多层陶瓷电容器",), "", "昌江区", "小微", "", 9),
    ]
    s = segs(ChainAnalysis(chain_kg(seed_graph, more)), "先进陶瓷")
    assert (s["电子信息应用"].status, s["片式元器件"].status) == ("weak", "present")
    fewer = [e for e in register if e.name != "测试甲粉体有限公司"]
    s = segs(ChainAnalysis(chain_kg(seed_graph, fewer)), "先进陶瓷")
    assert s["氧化铝粉体"].status == "gap"


def test_guide_order_puts_gaps_first(seed_graph, register) -> None:
    analysis = ChainAnalysis(chain_kg(seed_graph, register))
    ordered = guide_order(analysis.chain(analysis.resolve("先进陶瓷")).segments)
    assert [s.status for s in ordered] == ["gap", "weak", "weak", "present"]


def test_chains_are_not_industries_or_units(seed_graph, register) -> None:
    kg = chain_kg(seed_graph, register)
    assert "旋翼系统" not in kg.industry_labels
    assert not any(u.name.startswith("测试") for u in kg.units())
