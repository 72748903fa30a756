"""The library through the service: a document known by its 文号 replaces itself under another file name."""
from __future__ import annotations

from pathlib import Path

from api.service import PolicyService
from api.settings import Settings
from ingest.metadata import doc_no_id
from ingest.parse import parse_plan
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.store import DocEntry

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"


def test_same_doc_no_under_another_name_replaces_the_document(tmp_path: Path) -> None:
    svc = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))
    first = svc.ingest_paths([PLAN])
    assert [d.status for d in first.ingested] == ["new"]
    doc = first.ingested[0].doc
    assert doc == doc_no_id("鹤府规〔2026〕2号")  # its id comes from its 文号, not from the file's name
    assert svc.documents().documents[0].doc_no == "鹤府规〔2026〕2号"
    copy = tmp_path / "低空措施-转发件.txt"
    copy.write_text(PLAN.read_text(encoding="utf-8") + "\n（此件公开发布）\n", encoding="utf-8")
    second = svc.ingest_paths([copy])
    assert [(d.doc, d.status) for d in second.ingested] == [(doc, "updated")]
    assert [d.id for d in svc.documents().documents] == [doc]
    # A different document keeps its own place.
    other = svc.ingest_paths([ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"])
    assert other.ingested[0].status == "new" and len(svc.documents().documents) == 2


def test_a_document_stored_before_ids_came_from_the_doc_no_is_still_replaced_by_it(tmp_path: Path) -> None:
    """A library written by an earlier version holds the document under its file name's id: the 文号 still finds it."""
    svc = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))
    text = PLAN.read_text(encoding="utf-8")
    old = parse_plan(text, PLAN.name, svc.lexicon, svc.segmenter, doc_id="hexi-low-altitude-measures-articles")
    svc.store.put([(DocEntry(doc_id=old.doc_id, source="/elsewhere/old-name.txt", sha256="0" * 64),
                    plan_graph(old, UnitResolver(svc.lexicon, old.region)))], lexicon_graph(svc.lexicon))
    report = svc.ingest_paths([PLAN])
    assert [(d.doc, d.status) for d in report.ingested] == [("hexi-low-altitude-measures-articles", "updated")]
    assert [d.id for d in svc.documents().documents] == ["hexi-low-altitude-measures-articles"]


def test_adding_a_document_embeds_only_its_own_passages(seed_data: Path, tmp_path: Path) -> None:
    """With the real model: the seed's passages come from the vector cache, the new plan's are embedded."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    svc = PolicyService(Settings(data_dir=data))
    before = {p.text for p in svc.engine.open(svc.kg).passages}
    added = svc.ingest_paths([PLAN])
    doc = added.ingested[0].doc
    after = svc.engine.open(svc.kg).passages
    new_texts = {p.text for p in after} - before
    assert new_texts and {p.task_id.split(".")[0] for p in after if p.text in new_texts} == {doc}
    assert added.search_index is not None and added.search_index.embedded == len(new_texts) < len(after)
    # Removing and adding it again embeds nothing: every passage is known.
    svc.delete_document(doc)
    again = svc.ingest_paths([PLAN])
    assert again.search_index is not None
    assert again.search_index.index == "rebuilt" and again.search_index.embedded == 0
    assert len(svc.search("低空 起降点").hits) > 0


def test_a_thesaurus_edit_reaches_the_graph_when_the_service_starts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = PolicyService(Settings(data_dir=data, index_on_ingest=False))
    first.ingest_paths([PLAN])
    assert first.sync_lexicon() is False  # the ingest wrote the lexicon: nothing to do
    edited = tmp_path / "more-concepts.yaml"
    edited.write_text("concepts:\n  - label: 低空经济\n    alt: [无人机, 飞行汽车]\n", encoding="utf-8")
    later = PolicyService(Settings(data_dir=data, lexicon_files=(edited,), index_on_ingest=False))
    assert not any("低空经济" in terms for terms in later.kg.thesaurus)
    assert later.sync_lexicon() is True
    assert {"低空经济", "无人机", "飞行汽车"} in [set(terms) for terms in later.kg.thesaurus]
    assert later.sync_lexicon() is False
    assert [d.id for d in later.documents().documents] == [d.id for d in first.documents().documents]
