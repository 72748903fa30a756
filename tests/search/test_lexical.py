"""BM25 index with a jieba tokenizer: ranking, token filtering, empty queries, persistence."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from search.lexical import LexicalIndex, is_content_token

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


@pytest.mark.parametrize("query", ["", "，。！", "   ", "火星探测"])
def test_queries_without_known_tokens_give_no_hits(index: LexicalIndex, query: str) -> None:
    assert index.search(query, 5) == []


def test_save_load_same_results_without_pickle(index: LexicalIndex, jieba_tokenize: Tokenize, tmp_path: Path) -> None:
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex", jieba_tokenize)
    assert loaded.doc_count == 4
    for query in ["陶瓷产业", "参保率", "机场"]:
        assert loaded.search(query, 3) == index.search(query, 3)
    files = [p for p in (tmp_path / "lex").rglob("*") if p.is_file()]
    assert files and all(p.suffix in {".npy", ".json"} for p in files)
    for npy in (p for p in files if p.suffix == ".npy"):
        np.load(npy, allow_pickle=False)  # raises if any array needed pickle


def test_corpus_without_content_tokens(jieba_tokenize: Tokenize, tmp_path: Path) -> None:
    index = LexicalIndex.build(["，。", ""], [0, 1], jieba_tokenize)
    assert index.doc_count == 2
    assert index.search("陶瓷", 3) == []
    index.save(tmp_path / "lex")
    assert LexicalIndex.load(tmp_path / "lex", jieba_tokenize).doc_count == 2


def test_rejects_misaligned_ids(jieba_tokenize: Tokenize) -> None:
    with pytest.raises(ValueError, match="one id per text"):
        LexicalIndex.build(DOCS, [1, 2], jieba_tokenize)
    with pytest.raises(ValueError, match="unique"):
        LexicalIndex.build(DOCS[:2], [1, 1], jieba_tokenize)
