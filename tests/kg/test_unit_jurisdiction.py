"""One unit across documents by jurisdiction: central bodies everywhere, provincial ones per province, city ones per city."""
from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

from rdflib import RDF
from rdflib.namespace import ORG, SKOS

from ingest.metadata import doc_no_id
from ingest.parse import parse_plan
from ingest.units import UnitResolver
from kg.build import plan_graph
from kg.query import KG, Citation, CitedBy
from search.router import route


def _plan(title: str, issuer: str, clause: str) -> str:
    return f"{title}\n{issuer}\n2024年3月1日\n一、重点任务\n（一）推进改革。做好相关工作。（{clause}）\n（二）强化保障。加强统筹。（{clause}）\n"


def _kg(lexicon, seg, *texts: tuple[str, str]) -> KG:
    g = None
    for name, text in texts:
        plan = parse_plan(text, name, lexicon, seg)
        pg = plan_graph(plan, UnitResolver(lexicon, plan.region))
        g = pg if g is None else g + pg
    return KG(g)


def _nodes(kg: KG, label: str) -> set:
    return {n for n in kg.g.subjects(RDF.type, ORG.Organization) if label in {str(x) for x in kg.g.objects(n, SKOS.prefLabel)}}


def test_a_central_body_is_one_unit_across_levels(lexicon, seg) -> None:
    kg = _kg(lexicon, seg,
             ("plan-a.txt", _plan("关于促进就业的若干意见", "国务院", "工业和信息化部牵头，财政部按职责分工负责")),
             ("plan-b.txt", _plan("安徽省制造业实施方案", "安徽省人民政府办公厅", "省经济和信息化厅牵头，工信部配合")),
             ("plan-c.txt", _plan("合肥市数字经济行动方案", "合肥市人民政府", "市发展改革委、工业和信息化部")))
    assert len(_nodes(kg, "工业和信息化部")) == 1
    routed = route(kg, "哪些任务由工业和信息化部负责")
    assert Counter(a.doc for a in routed.answers) == {"plan-a": 2, "plan-b": 2, "plan-c": 2}
    assert {a.role for a in routed.answers if a.doc == "plan-a"} == {"lead"}


def test_provincial_units_merge_within_a_province_and_city_units_stay_apart(lexicon, seg) -> None:
    kg = _kg(lexicon, seg,
             ("plan-a.txt", _plan("安徽省外贸实施方案", "安徽省人民政府办公厅", "省商务厅牵头，省财政厅配合")),
             ("plan-b.txt", _plan("安徽省消费行动方案", "安徽省商务厅", "省商务厅负责")),
             ("plan-c.txt", _plan("江西省外贸实施方案", "江西省人民政府办公厅", "省商务厅牵头")),
             ("plan-d.txt", _plan("合肥市科技行动方案", "合肥市人民政府", "市科技局牵头")),
             ("plan-e.txt", _plan("南昌市科技行动方案", "南昌市人民政府", "市科技局牵头")))
    assert len(_nodes(kg, "省商务厅")) == 2  # 安徽 and 江西
    assert len(_nodes(kg, "市科学技术局")) == 2  # 合肥 and 南昌
    anhui = {n for n in _nodes(kg, "省商务厅") if "安徽" in unquote(str(n))}
    assert len(anhui) == 1 and len(set(kg.g.subjects(None, anhui.pop()))) >= 4  # tasks of both Anhui plans


def test_citations_resolve_to_library_documents(lexicon, seg) -> None:
    province = ("安徽省制造业数字化转型行动方案\n安徽省人民政府办公厅\n皖政办〔2024〕3号\n一、重点任务\n"
                "（一）推进改革。做好相关工作。（省经济和信息化厅牵头）\n")
    city = ("合肥市制造业数字化转型实施方案\n合肥市人民政府\n为贯彻落实《安徽省制造业数字化转型行动方案》，制定本方案。"
            "参照《全国工业互联网发展规划》执行。\n一、重点任务\n（一）推进改革。做好相关工作。（市经济和信息化局牵头）\n")
    kg = _kg(lexicon, seg, ("plan-province.txt", province), ("plan-city.txt", city))
    docs = {d.id: d for d in kg.documents()}
    province_id = doc_no_id("皖政办〔2024〕3号")  # a document with a 文号 is known by it, not by its file name
    assert docs[province_id].doc_no == "皖政办〔2024〕3号" and docs[province_id].level == "provincial"
    assert docs["plan-city"].kind == "实施方案" and docs["plan-city"].level == "city"
    assert docs["plan-city"].cites == [
        Citation("安徽省制造业数字化转型行动方案", province_id, True),
        Citation("全国工业互联网发展规划", None, False),
    ]
    assert docs[province_id].cited_by == [CitedBy("plan-city", True)]


def test_a_name_two_cities_share_answers_for_both(lexicon, seg) -> None:
    kg = _kg(lexicon, seg,
             ("plan-hefei.txt", _plan("合肥市科技行动方案", "合肥市人民政府", "市科技局牵头")),
             ("plan-nanchang.txt", _plan("南昌市科技行动方案", "南昌市人民政府", "市科技局牵头，市财政局配合")))
    assert len(_nodes(kg, "市科学技术局")) == 2  # still two units
    routed = route(kg, "哪些任务由市科技局牵头")
    assert Counter(a.doc for a in routed.answers) == {"plan-hefei": 2, "plan-nanchang": 2}
