"""A snapshot built from the previous one reads only the documents written since, and answers like one built anew."""
from __future__ import annotations

from pathlib import Path

from ingest.parse import parse_plan
from ingest.reader import read_plan_file
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.query import KG
from kg.store import DocEntry, GraphStore, doc_graph

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
NAMES = ["ganzhou-nev-qiantou", "shangrao-digital-lead-co", "qingshi-business-env-task-division",
         "linhu-district-consumption-unit-first"]


def _parsed(name: str, lexicon, seg, text: str | None = None):
    plan = parse_plan(text or read_plan_file(PLANS / f"{name}.txt"), f"{name}.txt", lexicon, seg, doc_id=name)
    return DocEntry(doc_id=name, source=f"{name}.txt", sha256=str(hash(text))), plan_graph(plan, UnitResolver(lexicon, plan.region))


def _snapshot(store: GraphStore, previous: KG | None = None) -> KG:
    return KG(store.load(), {d: e.written for d, e in store.manifest().items()}, previous=previous)


def _answers(kg: KG) -> dict:
    """Everything the whole-library indexes feed: labels, items in order, documents with their citations."""
    return {
        "units": kg.unit_labels, "industries": kg.industry_labels, "regions": kg.region_labels,
        "units_by_label": {label: kg.resolve_units(label) for label in kg.unit_labels},
        "headings": kg.headings(), "items": kg.items(), "docs": kg.doc_ids(),
        "documents": kg.documents(), "tasks": [kg.item_by_iri(str(i)) for i in kg.items()],
    }


def test_a_write_rereads_only_what_it_changed(tmp_path: Path, lexicon, seg) -> None:
    store = GraphStore(tmp_path / "graph")
    store.put([_parsed(n, lexicon, seg) for n in NAMES], lexicon_graph(lexicon))
    first = _snapshot(store)
    assert first.doc_ids() == set(NAMES) and first.items()
    assert _answers(first) == _answers(_snapshot(store))  # and its order is its own, not the engine's

    # Replace one document (its first task gone), remove another, add none: then add one back.
    name = NAMES[1]
    text = read_plan_file(PLANS / f"{name}.txt")
    store.put([_parsed(name, lexicon, seg, text.replace("（一）", "（一）删去", 1))], lexicon_graph(lexicon))
    assert store.remove(NAMES[2])
    second = _snapshot(store, previous=first)
    assert _answers(second) == _answers(_snapshot(store))
    assert NAMES[2] not in second.doc_ids() and second.items(NAMES[2]) == []
    # The untouched documents' rows are the very rows the previous snapshot read: nothing of them was read again.
    for untouched in (NAMES[0], NAMES[3]):
        assert second._graphs[doc_graph(untouched)] is first._graphs[doc_graph(untouched)]
        assert second._doc_rows.get(untouched) is first._doc_rows.get(untouched) is not None
    assert second._graphs[doc_graph(name)] is not first._graphs[doc_graph(name)]
    assert name not in second._doc_rows or second._doc_rows[name] is not first._doc_rows[name]

    store.put([_parsed(NAMES[2], lexicon, seg)], lexicon_graph(lexicon))
    third = _snapshot(store, previous=second)
    assert _answers(third) == _answers(_snapshot(store)) and third.doc_ids() == set(NAMES)
