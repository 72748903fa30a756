"""Each document's passages kept by the store version that wrote it: built once, read back, never stale."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.service import PolicyService
from api.settings import Settings
from search.doccache import DocPassageCache
from search.passages import TaskMeta, build_passages
from search.types import Passage

PLAN = "{city}市行动方案\n一、任务\n1.建设{what}平台。到2027年建成平台{n}个。〔责任单位：市科技局〕\n2.培育{what}企业。〔牵头单位：市工信局〕\n"


def test_an_entry_is_read_back_only_for_its_own_stamp_of_its_own_store(tmp_path: Path) -> None:
    cache = DocPassageCache(tmp_path)
    meta = {"d.1": TaskMeta("d.1", "建设平台", "1", "d", frozenset({"市科技局"}), frozenset(), frozenset(), frozenset({2027}))}
    entry = ([Passage(0, "d.1", "task", "建设平台"), Passage(1, "d.1", "target", "建成平台3个")], meta)
    cache.put("d", 7, entry, "sparql:a")
    assert cache.get("d", 7, "sparql:a") == entry
    assert cache.get("d", 8, "sparql:a") is None and cache.get("e", 7, "sparql:a") is None
    # Stamps are versions of one store: a store renamed after a restore uses none of its old name's entries.
    assert cache.get("d", 7, "sparql:b") is None
    next(tmp_path.glob("*.json")).write_text("{not json", encoding="utf-8")
    assert cache.get("d", 7, "sparql:a") is None  # unreadable: built again, not an error


def test_a_write_builds_the_passages_of_the_documents_it_wrote_and_no_others(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    for city, what, n in (("甲", "创新", 3), ("乙", "数字", 5)):
        (plans / f"{city}.txt").write_text(PLAN.format(city=city, what=what, n=n), encoding="utf-8")
    svc = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))
    svc.ingest_paths(sorted(plans.glob("*.txt")))
    svc.engine.passages(svc.kg)  # builds every document's passages once
    cached = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "data" / "index" / "doc-passages").glob("*.json")}
    assert len(cached) == 2
    # One document changes: its entry is rewritten, the other one is read, and the result is a full build's.
    (plans / "乙.txt").write_text(PLAN.format(city="乙", what="绿色", n=9), encoding="utf-8")
    svc.ingest_paths([plans / "乙.txt"])
    kg = svc.kg
    svc.engine.passages(kg)
    after = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "data" / "index" / "doc-passages").glob("*.json")}
    assert sum(after[name] != cached[name] for name in cached) == 1
    fresh = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))  # a restart reads them all
    full, meta = build_passages(kg)
    assert fresh.engine.passages(fresh.kg) == (full, meta)
    assert any("绿色" in p.text for p in full) and not any("数字" in p.text for p in full)


def test_while_the_store_name_cannot_be_read_no_entry_is_read_or_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """An entry's stamp means something only with its store's name: without it (a store that did not answer when
    asked), an entry could be a lost history's, so the passages are built from the graph instead; the failure is
    logged once, not at every load."""
    plan = tmp_path / "甲.txt"
    plan.write_text(PLAN.format(city="甲", what="创新", n=3), encoding="utf-8")
    svc = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))
    svc.ingest_paths([plan])
    svc.engine.passages(svc.kg)
    entries = tmp_path / "data" / "index" / "doc-passages"
    assert len(list(entries.glob("*.json"))) == 1  # named: kept
    shutil.rmtree(entries)

    def unanswered() -> tuple[str, ...]:
        raise TimeoutError("the graph store did not answer within 30 s")

    fresh = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))
    monkeypatch.setattr(fresh.store, "identity", unanswered)
    kg = fresh.kg
    assert kg.store_names == ()
    assert fresh.engine.passages(kg) == build_passages(kg) and not list(entries.glob("*.json"))
    other = tmp_path / "乙.txt"
    other.write_text(PLAN.format(city="乙", what="数字", n=5), encoding="utf-8")
    fresh.ingest_paths([other])  # a write: the next load asks for the name again
    assert len(fresh.kg.doc_ids()) == 2 and fresh.kg.store_names == ()
    said = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "name could not be read" in r.getMessage()]
    assert len(said) == 1 and "no passage cache is used" in said[0], said
