"""BM25 over segment postings with a jieba tokenizer: ranking, token filtering, bm25s equivalence, persistence."""
from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np
import pytest

from search.lexical import LexicalIndex, content_tokens, is_content_token
from search.postings import Postings

Tokenize = Callable[[str], list[str]]

DOCS = [
    "景德镇将加快建设国家陶瓷文化传承创新试验区，推动陶瓷产业转型升级。",
    "完善城市综合交通网络，推进昌景黄高铁和机场改扩建工程。",
    "提高基本医疗保险参保率，到2028年城乡居民参保率稳定在95%以上。",
    "支持高校和科研院所开展陶瓷新材料研发。",
]
PIDS = [10, 20, 30, 40]  # deliberately not row numbers


@pytest.fixture
def index(jieba_tokenize: Tokenize) -> LexicalIndex:
    return LexicalIndex.build(DOCS, PIDS, jieba_tokenize)


@pytest.mark.parametrize(
    ("token", "keep"),
    [("陶瓷", True), ("2028", True), ("，", False), ("。", False), (" ", False), ("\u3000", False),
     ("——", False), ("%", False), ("℃", True), ("", False), ("\u200b", False)],
)
def test_is_content_token(token: str, keep: bool) -> None:
    assert is_content_token(token) is keep


def test_tokens_drop_punctuation_and_use_the_user_dictionary(index: LexicalIndex) -> None:
    assert index.tokens("推进昌景黄高铁建设。") == ["推进", "昌景黄高铁", "建设"]


def test_ranking_with_jieba(index: LexicalIndex) -> None:
    hits = index.search("陶瓷产业", 10)
    assert [h.pid for h in hits][:2] == [10, 40]  # 陶瓷 twice plus 产业 beats 陶瓷 once
    assert {h.pid for h in hits} == {10, 40}  # only passages sharing a term are hits
    assert all(a.score >= b.score > 0 for a, b in zip(hits, hits[1:], strict=False))
    assert [h.pid for h in index.search("昌景黄高铁", 5)] == [20]
    assert len(index.search("陶瓷", 1)) == 1


def test_coverage_is_high_for_the_texts_own_words_and_low_for_a_paraphrase(index: LexicalIndex) -> None:
    def cover(query: str) -> float:
        hits = index.search(query, 1)
        return index.coverage(query, hits[0].score) if hits else 0.0

    quoted = cover("昌景黄高铁和机场改扩建工程")
    paraphrase = cover("坐火车和坐飞机更方便的工程")  # the same need in other words: only 和 and 工程 match
    assert 0.5 < quoted <= 1.0 and 0.0 < paraphrase < 0.3 and quoted > 2 * paraphrase
    # A word no passage uses counts against the query as the rarest word would.
    assert cover("昌景黄高铁和机场改扩建工程 火星探测") < quoted
    assert index.coverage("", 0.0) == 0.0 and index.coverage("火星探测", 0.0) == 0.0


@pytest.mark.parametrize("query", ["", "，。！", "   ", "火星探测"])
def test_queries_without_known_tokens_give_no_hits(index: LexicalIndex, query: str) -> None:
    assert index.search(query, 5) == []


def test_postings_save_load_same_results_without_pickle(jieba_tokenize: Tokenize, tmp_path: Path) -> None:
    postings = Postings.build([content_tokens(jieba_tokenize(d)) for d in DOCS])
    postings.save(tmp_path / "postings.npz")
    loaded = Postings.load(tmp_path / "postings.npz")
    index = LexicalIndex(jieba_tokenize, [(postings, np.array(PIDS))])
    again = LexicalIndex(jieba_tokenize, [(loaded, np.array(PIDS))])
    assert again.doc_count == 4
    for query in ["陶瓷产业", "参保率", "机场"]:
        assert again.search(query, 3) == index.search(query, 3)
    with np.load(tmp_path / "postings.npz", allow_pickle=False) as data:  # raises if any array needed pickle
        assert sorted(data.files) == ["indptr", "lengths", "rows", "terms", "tf"]
    (tmp_path / "postings.npz").write_bytes(b"PK\x03\x04 torn")
    with pytest.raises(ValueError, match="unreadable"):
        Postings.load(tmp_path / "postings.npz")


def test_corpus_without_content_tokens(jieba_tokenize: Tokenize) -> None:
    index = LexicalIndex.build(["，。", ""], [0, 1], jieba_tokenize)
    assert index.doc_count == 2
    assert index.search("陶瓷", 3) == []
    assert index.known_share("陶瓷产业") == 0.0


def random_corpus(seed: int, n: int) -> tuple[list[list[str]], list[str]]:
    rng = random.Random(seed)
    words = [chr(0x4E00 + i) + chr(0x4E00 + j) for i in range(20) for j in range(10)]
    return [[rng.choice(words) for _ in range(rng.randrange(0, 25))] for _ in range(n)], words


def test_scores_equal_bm25s_lucene_bit_for_bit() -> None:
    docs, words = random_corpus(1, 300)
    ours = LexicalIndex.build([""] * len(docs), list(range(len(docs))), lambda _: [], tokens=docs)
    theirs = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    theirs.index(docs, show_progress=False)
    rng = random.Random(2)
    for _ in range(100):
        query = [rng.choice(words) for _ in range(rng.randrange(1, 5))]  # repeats count twice in both
        ours._tokenize = lambda _, q=query: q  # the tokens of the query, as the index would cut them
        ids = theirs.get_tokens_ids(query)
        got = ours.scores("q")
        if not ids:
            assert got is None
            continue
        assert got is not None
        np.testing.assert_array_equal(got, theirs.get_scores_from_ids(ids))


def test_statistics_span_segments_and_skip_tombstones() -> None:
    docs, words = random_corpus(3, 120)
    whole = LexicalIndex.build([""] * len(docs), list(range(len(docs))), lambda _: [], tokens=docs)
    # The same passages over three segments, in another row order, with dead rows no id maps to.
    rng = random.Random(4)
    pids = list(range(len(docs)))
    rng.shuffle(pids)
    parts = []
    for chunk in (pids[:50], pids[50:70], pids[70:]):
        dead = [[rng.choice(words)] * 3 for _ in range(5)]  # tombstones: their terms must not count
        rows = [docs[p] for p in chunk] + dead
        parts.append((Postings.build(rows), np.array(chunk + [-1] * len(dead))))
    split = LexicalIndex(lambda _: [], parts)
    assert split.doc_count == whole.doc_count and sorted(split.ids().tolist()) == list(range(120))
    for _ in range(50):
        query = [rng.choice(words) for _ in range(rng.randrange(1, 4))]
        whole._tokenize = split._tokenize = lambda _, q=query: q
        assert split.search("q", 10) == whole.search("q", 10)
        assert split.known_share("q") == whole.known_share("q")


def test_postings_merge_equals_building_the_merged_rows() -> None:
    docs, _ = random_corpus(5, 60)
    a, b = Postings.build(docs[:40]), Postings.build(docs[40:])
    keep_a = np.array([i if i % 3 else -1 for i in range(40)])  # a third of a's rows dropped
    order = np.flatnonzero(keep_a >= 0)
    new_a = np.full(40, -1)
    new_a[order] = np.arange(len(order)) + 20  # a's kept rows after b's
    merged = Postings.merge([(a, new_a), (b, np.arange(20))], 20 + len(order))
    want = Postings.build(docs[40:] + [docs[i] for i in order])
    assert sorted(merged.terms) == sorted(want.terms)
    for term in want.terms:
        ms, ws = merged.span(term), want.span(term)
        assert ms is not None and ws is not None
        np.testing.assert_array_equal(merged.rows[ms[0]:ms[1]], want.rows[ws[0]:ws[1]])
        np.testing.assert_array_equal(merged.tf[ms[0]:ms[1]], want.tf[ws[0]:ws[1]])
    np.testing.assert_array_equal(merged.lengths, want.lengths)


def test_rejects_misaligned_ids(jieba_tokenize: Tokenize) -> None:
    with pytest.raises(ValueError, match="one id per text"):
        LexicalIndex.build(DOCS, [1, 2], jieba_tokenize)
    with pytest.raises(ValueError, match="unique"):
        LexicalIndex.build(DOCS[:2], [1, 1], jieba_tokenize)
