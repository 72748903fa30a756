"""Index updates in place: a write adds one segment of new passages, tombstones the removed ones, merges now and
then, and always searches exactly like an index built from scratch on the same passages."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from bigram_embedder import CharBigramEmbedder, Counting

from search import index_segment, merge
from search.layout import KeyIndex
from search.store import CorruptIndexError, IndexStore, NoIndexError, OpenIndex, OutdatedIndexError
from search.types import Passage

Tokenize = Callable[[str], list[str]]
TOKENIZER_CONFIG = {"segmenter": "jieba", "user_dict": "test", "hmm": True}
ROOT = Path(__file__).resolve().parents[2]

# Tiny plans: a few tasks each, and a goal passage that goes to the end of the table, as build_passages orders them.
PLANS: dict[str, list[str]] = {
    "A": ["推进陶瓷产业转型升级，建设国家陶瓷文化传承创新试验区。", "支持高校开展陶瓷新材料研发。", "打造陶瓷文化旅游名城。"],
    "B": ["完善综合交通网络，推进昌景黄高铁建设。", "实施机场改扩建工程。", "加快城市公交一体化。"],
    "C": ["提高基本医疗保险参保率。", "城乡居民参保率稳定在95%以上。", "推进医保支付方式改革。"],
    "D": ["加强昌江流域水环境综合治理。", "建设生态宜居城市。", "推进污水处理设施提标改造。"],
    "E": ["培育航空产业集群，引进直升机整机项目。", "建设航空小镇。", "发展通用航空运营服务。"],
    "F": ["发展精细化工产业，建设化工园区。", "推进化工企业安全改造。", "培育新材料龙头企业。"],
}
QUERIES = ["陶瓷产业", "高铁机场", "参保率", "水环境治理", "航空产业", "化工园区", "新材料", "城市建设"]


def library(names: Sequence[str], plans: dict[str, list[str]] = PLANS) -> list[Passage]:
    """The passage table of a library holding these plans: tasks in plan order, then every plan's goal."""
    rows = [(f"{d}.{i}", "task", text) for d in names for i, text in enumerate(plans[d])]
    rows += [(f"{d}.goals", "goal", f"{d}号规划目标：{plans[d][0]}") for d in names]
    return [Passage(pid, t, k, x) for pid, (t, k, x) in enumerate(rows)]


def write(store: IndexStore, passages: list[Passage], embedder: CharBigramEmbedder, tokenize: Tokenize) -> str:
    return store.write(passages, embedder, tokenize, TOKENIZER_CONFIG)


def segment_ids(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "segments").iterdir())


def assert_same_results(got: OpenIndex, want: OpenIndex, embedder: CharBigramEmbedder) -> None:
    """Same passages, and the same top-k ids and scores from both rankers, as an index built from scratch."""
    assert got.passages == want.passages
    n = len(want.passages)
    for query in QUERIES:
        qvec = embedder.encode_queries([query])[0]
        for a, b in ((got.dense_search(qvec, n), want.dense_search(qvec, n)),
                     (got.lexical_search(query, n), want.lexical_search(query, n))):
            assert [h.pid for h in a] == [h.pid for h in b]
            np.testing.assert_allclose([h.score for h in a], [h.score for h in b], atol=1e-5)


def fresh_build(tmp_path: Path, passages: list[Passage], tokenize: Tokenize) -> OpenIndex:
    store, model = IndexStore(tmp_path / "scratch"), Counting()
    write(store, passages, model, tokenize)
    return store.open(model, tokenize, TOKENIZER_CONFIG)


def test_a_second_write_adds_one_segment_of_only_the_new_passages(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    first = write(store, library("ABC"), model, jieba_tokenize)
    [old] = store.read_manifest(first)["segments"]
    model.embedded.clear()
    passages = library("ABDC")  # D's tasks land in the middle, its goal at the end: ids move
    version = write(store, passages, model, jieba_tokenize)
    manifest = store.read_manifest(version)
    added = [p.text for p in passages if p.task_id.startswith("D")]
    assert model.embedded == added  # only D reached the model
    assert manifest["added"] == manifest["embedded"] == len(added) == 4
    assert manifest["segments"][0] == old  # untouched, and never rewritten
    [new] = [e for e in manifest["segments"] if e["id"] in manifest["written"]]
    columns = json.loads((tmp_path / "segments" / new["id"] / "passages.json").read_text(encoding="utf-8"))
    assert columns["text"] == added and new["rows"] == 4
    opened = store.open(model, jieba_tokenize, TOKENIZER_CONFIG)
    assert opened.passages == passages  # ids are the caller's rows, whatever segment holds them
    assert_same_results(opened, fresh_build(tmp_path, passages, jieba_tokenize), model)


def test_removed_passages_are_tombstones_neither_ranker_returns(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    write(store, library("ABCDEF"), model, jieba_tokenize)
    before = segment_ids(tmp_path)
    passages = library("ACDEF")  # 4 of 24 rows dead: below the share that compacts
    version = write(store, passages, model, jieba_tokenize)
    manifest = store.read_manifest(version)
    assert manifest["added"] == 0 and manifest["written"] == [] and segment_ids(tmp_path) == before
    assert manifest["tombstones"] == 4 and manifest["passage_count"] == len(passages)
    opened = store.open(model, jieba_tokenize, TOKENIZER_CONFIG)
    assert not any(p.task_id.startswith("B") for p in opened.passages)
    n = len(passages)
    for text in PLANS["B"]:
        for hits in (opened.dense_search(model.encode_queries([text])[0], n), opened.lexical_search(text, n)):
            assert all(0 <= h.pid < n for h in hits)
            assert not any(opened.passages[h.pid].task_id.startswith("B") for h in hits)
    assert opened.lexical.known_share("昌景黄高铁") == 0.0  # B's words left with it
    assert_same_results(opened, fresh_build(tmp_path, passages, jieba_tokenize), model)


def test_every_step_searches_like_a_fresh_build(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path / "store"), Counting()
    steps = ["AB", "ABC", "ACD", "ACDE", "CDEF", "ABCDEF", "F", "AF"]
    for i, plans in enumerate(steps):
        passages = library(plans)
        write(store, passages, model, jieba_tokenize)
        reopened = IndexStore(tmp_path / "store").open(model, jieba_tokenize, TOKENIZER_CONFIG)  # from disk
        assert_same_results(store.open(model, jieba_tokenize), reopened, model)
        assert_same_results(reopened, fresh_build(tmp_path / str(i), passages, jieba_tokenize), model)


def test_merges_keep_results_and_bound_the_segments(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    plans = dict(PLANS)
    written: list[int] = []
    for k in range(16):  # one new plan per write, as ingests come; each lands in the middle of the table
        plans[f"{'ABCDEF'[k % 6]}{k}"] = [f"{t}（第{k}版）" for t in PLANS["ABCDEF"[k % 6]]]
        passages = library(sorted(p for p in plans if len(p) > 1), plans)
        manifest = store.read_manifest(write(store, passages, model, jieba_tokenize))
        written.append(sum(e["rows"] for e in manifest["segments"] if e["id"] in manifest["written"]))
        assert len(manifest["segments"]) <= 2 * (merge.FAN_IN - 1)
        assert_same_results(store.open(model, jieba_tokenize), fresh_build(tmp_path / str(k), passages, jieba_tokenize),
                            model)
    # Segments of 4 rows merge four at a time into 16, those into 64: 16 writes end as one segment. A passage is
    # written at most 1 + log4(64 / 4) = 3 times (fewer when its own write merges: it goes straight into the merge).
    assert [e["rows"] for e in manifest["segments"]] == [64]
    assert written[3] == 16 and written[15] == 64 and sum(written) == 12 * 4 + 3 * 16 + 64 <= 3 * 64
    assert set(segment_ids(tmp_path)) <= {e["id"] for v in store.versions() for e in store.read_manifest(v)["segments"]}


def test_many_tombstones_compact_into_one_segment(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    write(store, library("ABCDEF"), model, jieba_tokenize)
    write(store, library("ABCDE"), model, jieba_tokenize)  # 4 of 24 rows dead: kept as tombstones
    assert store.read_manifest()["tombstones"] == 4
    model.embedded.clear()
    passages = library("ABC")  # now 10 of 24 dead: over a quarter, so everything is rewritten once
    manifest = store.read_manifest(write(store, passages, model, jieba_tokenize))
    [entry] = manifest["segments"]
    assert manifest["tombstones"] == 0 and entry["rows"] == len(passages) and manifest["order"] == [[0, 0, 12]]
    assert model.embedded == []  # a merge reads vectors from the segments, it never embeds
    assert_same_results(store.open(model, jieba_tokenize), fresh_build(tmp_path, passages, jieba_tokenize), model)


def test_repeated_passages_each_keep_a_row(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    twice = [Passage(0, "A.0", "sentence", "推进陶瓷产业。"), Passage(1, "A.0", "sentence", "推进陶瓷产业。"),
             Passage(2, "A.1", "task", "建设航空小镇。")]
    write(store, twice, model, jieba_tokenize)
    once = [twice[0], Passage(1, "A.1", "task", "建设航空小镇。")]
    manifest = store.read_manifest(write(store, once, model, jieba_tokenize))
    assert manifest["added"] == 0 and manifest["passage_count"] == 2
    thrice = [*twice[:2], Passage(2, "A.0", "sentence", "推进陶瓷产业。"), Passage(3, "A.1", "task", "建设航空小镇。")]
    manifest = store.read_manifest(write(store, thrice, model, jieba_tokenize))
    assert manifest["added"] == 2  # one copy is back from nowhere, one is new: tombstones are not revived
    opened = IndexStore(tmp_path).open(model, jieba_tokenize)
    assert opened.passages == thrice
    assert {h.pid for h in opened.lexical_search("陶瓷", 10)} == {0, 1, 2}


def test_the_key_index_kept_in_place_equals_one_built_anew(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    rng = random.Random(7)
    pool = [(f"T{i % 7}", "sentence", f"第{i % 23}条：推进产业发展。") for i in range(60)]  # many repeats
    store, model = IndexStore(tmp_path), Counting()
    for _ in range(40):  # random libraries: additions, removals, repeats, merges and full compactions
        passages = [Passage(i, *key) for i, key in enumerate(rng.sample(pool, rng.randrange(1, 60)))]
        version = write(store, passages, model, jieba_tokenize)
        assert store._keys is not None and store._keys[0] == version
        kept = places_of(store._keys[1])
        store._keys = None  # what a process that did not write the last version does: index it from its segments
        store._match(store._layout(version, store.read_manifest(version)), [])
        assert store._keys is not None and places_of(store._keys[1]) == kept
        assert IndexStore(tmp_path).open(model, jieba_tokenize).passages == passages


def places_of(index: KeyIndex) -> dict[tuple[str, str, str], list[int]]:
    return {key: sorted([place, *index.more.get(key, [])]) for key, place in index.first.items()}


def test_open_after_a_write_uses_the_segments_in_memory(
    tmp_path: Path, jieba_tokenize: Tokenize, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, model = IndexStore(tmp_path), Counting()
    write(store, library("ABC"), model, jieba_tokenize)
    before = store.open(model, jieba_tokenize)
    write(store, library("ABCD"), model, jieba_tokenize)

    def no_reads(*args: object) -> None:
        raise AssertionError("a segment was read from disk")

    monkeypatch.setattr(index_segment, "read", no_reads)
    after = store.open(model, jieba_tokenize)
    assert len(after.passages) == len(before.passages) + 4
    # A's and B's tasks kept their ids: the same Passage objects serve both versions.
    assert all(after.passages[i] is before.passages[i] for i in range(6))
    assert before.passages[9].task_id == "A.goals" and after.passages[12].task_id == "A.goals"


def test_a_model_change_rebuilds_everything(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store = IndexStore(tmp_path)
    first = store.read_manifest(write(store, library("AB"), Counting(), jieba_tokenize))
    other = Counting(dim=32)
    manifest = store.read_manifest(write(store, library("AB"), other, jieba_tokenize))
    assert len(other.embedded) == manifest["added"] == 8  # another vector space: nothing reused
    assert {e["id"] for e in first["segments"]}.isdisjoint(manifest["written"])
    assert len(store.open(other, jieba_tokenize).passages) == 8


def test_corrupt_segment_is_refused_and_the_next_write_rebuilds(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    write(store, library("AB"), model, jieba_tokenize)
    [entry] = store.read_manifest()["segments"]
    vectors = tmp_path / "segments" / entry["id"] / "vectors.npy"
    data = bytearray(vectors.read_bytes())
    data[-5] ^= 0xFF  # one flipped bit pattern in a vector
    vectors.write_bytes(bytes(data))
    with pytest.raises(CorruptIndexError, match="checksum") as err:
        IndexStore(tmp_path).open(model, jieba_tokenize)
    assert str(tmp_path) not in str(err.value)
    model.embedded.clear()
    passages = library("ABC")
    manifest = IndexStore(tmp_path).read_manifest(write(IndexStore(tmp_path), passages, model, jieba_tokenize))
    assert manifest["added"] == len(passages)  # nothing built on the damaged segment
    assert len(model.embedded) == 4  # ... yet only C's passages reach the model: the rest are in the vector cache
    assert_same_results(IndexStore(tmp_path).open(model, jieba_tokenize),
                        fresh_build(tmp_path, passages, jieba_tokenize), model)


def test_an_older_format_version_asks_for_a_rebuild(tmp_path: Path, jieba_tokenize: Tokenize) -> None:
    old = tmp_path / "versions" / "20240101T000000000000Z-abcdef"
    old.mkdir(parents=True)
    (old / "manifest.json").write_text(json.dumps({"format": 1, "passage_count": 3}), encoding="utf-8")
    (old / "passages.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "CURRENT").write_text(f"{old.name}\n", encoding="ascii")
    store, model = IndexStore(tmp_path), Counting()
    with pytest.raises(OutdatedIndexError):
        store.open(model, jieba_tokenize)
    assert issubclass(OutdatedIndexError, NoIndexError)  # the service rebuilds on NoIndexError
    write(store, library("A"), model, jieba_tokenize)
    assert len(store.open(model, jieba_tokenize).passages) == 4


CRASH = """
import os, sys
import jieba
from bigram_embedder import CharBigramEmbedder, Counting
from search.store import IndexStore
from search.types import Passage
stage = sys.argv[2]
def die(*args, **kwargs):
    os._exit(3)  # a kill: no cleanup, no finally
setattr(IndexStore, stage, die)
tokenizer = jieba.Tokenizer()
tokenizer.add_word("昌景黄高铁", freq=20000)
rows = [tuple(line.split("\\t")) for line in sys.stdin.read().splitlines()]
passages = [Passage(i, t, k, x) for i, (t, k, x) in enumerate(rows)]
IndexStore(sys.argv[1]).write(passages, CharBigramEmbedder(64), tokenizer.lcut, CONFIG)
""".replace("CONFIG", repr(TOKENIZER_CONFIG))


@pytest.mark.parametrize("stage", ["_write_manifest", "_publish"])
def test_a_crash_before_the_switch_leaves_the_previous_version_served(
    tmp_path: Path, jieba_tokenize: Tokenize, stage: str
) -> None:
    store, model = IndexStore(tmp_path), Counting()
    v1 = write(store, library("AB"), model, jieba_tokenize)
    served = segment_ids(tmp_path)
    passages = library("ABC")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests" / "search")])}
    table = "\n".join(f"{p.task_id}\t{p.kind}\t{p.text}" for p in passages)
    proc = subprocess.run([sys.executable, "-c", CRASH, str(tmp_path), stage], input=table, text=True, env=env,
                          capture_output=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    assert len(segment_ids(tmp_path)) == len(served) + 1  # C's segment was written, fsynced ...
    assert IndexStore(tmp_path).current_version() == v1  # ... but never published
    opened = IndexStore(tmp_path).open(model, jieba_tokenize, TOKENIZER_CONFIG)
    assert opened.version == v1 and opened.passages == library("AB")
    v3 = write(IndexStore(tmp_path), passages, model, jieba_tokenize)
    assert set(IndexStore(tmp_path).versions()) == {v1, v3}  # the crashed version's debris is gone
    used = {e["id"] for v in (v1, v3) for e in IndexStore(tmp_path).read_manifest(v)["segments"]}
    assert set(segment_ids(tmp_path)) == used
