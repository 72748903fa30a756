"""FAISS dense index: exact against numpy, approximate by recall, persistence and edges."""
from __future__ import annotations

import threading
from pathlib import Path

import faiss
import numpy as np
import pytest

from search.dense import FLAT_MAX, HNSW_MAX, DenseIndex, check_factory, choose_factory, faiss_threads, ivf_nlist


def unit_rows(n: int, dim: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def exact_top_k(corpus: np.ndarray, ids: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    scores = queries @ corpus.T
    order = np.argsort(-scores, axis=1)[:, :k]
    return ids[order], np.take_along_axis(scores, order, axis=1)


def test_flat_equals_exact_numpy_search() -> None:
    corpus, queries = unit_rows(500, 32, 0), unit_rows(20, 32, 1)
    ids = np.random.default_rng(2).permutation(500).astype(np.int64) + 1000  # ids unrelated to rows
    index = DenseIndex.build(corpus, ids)
    assert index.factory == "Flat"
    hits = index.search(queries, 10)
    want_ids, want_scores = exact_top_k(corpus, ids, queries, 10)
    assert [[h.pid for h in row] for row in hits] == want_ids.tolist()
    np.testing.assert_allclose([[h.score for h in row] for row in hits], want_scores, atol=1e-5)


def test_single_query_search_runs_on_one_thread_and_matches_its_batch_row(monkeypatch) -> None:
    corpus, queries = unit_rows(800, 48, 3), unit_rows(5, 48, 4)
    index = DenseIndex.build(corpus, np.arange(800), "HNSW32")
    batch = index.search(queries, 7)
    calls: list[int] = []
    real = faiss.omp_set_num_threads
    monkeypatch.setattr(faiss, "omp_set_num_threads", lambda n: (calls.append(n), real(n)))
    for row, q in zip(batch, queries, strict=True):
        assert index.search(q, 7)[0] == row
    previous = faiss.omp_get_max_threads()
    assert calls == [1, previous] * len(queries)  # one thread for the search, then the count is restored
    calls.clear()
    index.search(queries, 7)
    assert calls == []  # a batch keeps every thread


def test_faiss_threads_is_scoped_to_the_calling_thread() -> None:
    faiss.omp_set_num_threads(2)  # so that "1 inside, 2 elsewhere" can tell the two apart on any machine
    before = faiss.omp_get_max_threads()
    seen: dict[str, int] = {}

    def other() -> None:
        seen["other"] = faiss.omp_get_max_threads()

    with faiss_threads(1):
        seen["inside"] = faiss.omp_get_max_threads()
        t = threading.Thread(target=other)
        t.start()
        t.join()
    assert seen["inside"] == 1
    assert seen["other"] == before  # a search in another thread keeps its own count
    assert faiss.omp_get_max_threads() == before


def test_hnsw_recall_at_10_against_exact() -> None:
    # Isotropic random vectors are the hard case for HNSW (real embeddings cluster).
    corpus, queries = unit_rows(5000, 64, 3), unit_rows(200, 64, 4)
    ids = np.arange(5000, dtype=np.int64)
    index = DenseIndex.build(corpus, ids, "HNSW32")
    want, _ = exact_top_k(corpus, ids, queries, 10)
    got = index.search(queries, 10)
    recall = np.mean([len({h.pid for h in g} & set(w)) / 10 for g, w in zip(got, want.tolist(), strict=True)])
    assert recall >= 0.95
    assert all(len(row) == 10 for row in got)


def test_ivf_probing_every_cell_equals_exact() -> None:
    corpus, queries = unit_rows(2000, 32, 5), unit_rows(20, 32, 6)
    ids = np.arange(2000, dtype=np.int64)
    index = DenseIndex.build(corpus, ids, "IVF16,Flat", nprobe=16)
    want, _ = exact_top_k(corpus, ids, queries, 5)
    assert [[h.pid for h in row] for row in index.search(queries, 5)] == want.tolist()


@pytest.mark.parametrize("factory", ["Flat", "HNSW32"])
def test_assembling_blocks_equals_building_their_concatenation(factory: str) -> None:
    corpus, queries = unit_rows(600, 24, 12), unit_rows(10, 24, 13)
    ids = np.arange(600, dtype=np.int64)
    blocks = [(corpus[a:b], ids[a:b]) for a, b in ((0, 250), (250, 251), (251, 600))]
    with faiss_threads(1):  # one thread builds an HNSW graph the same way every time
        assembled = DenseIndex.assemble(blocks, 24, factory)
        built = DenseIndex.build(corpus, ids, factory)
    assert assembled.factory == factory and len(assembled) == 600
    np.testing.assert_array_equal(assembled.ids(), ids)
    assert assembled.search(queries, 10) == built.search(queries, 10)
    assert len(DenseIndex.assemble([], 24)) == 0
    with pytest.raises(ValueError, match="expected dim 24"):
        DenseIndex.assemble([(unit_rows(3, 8, 14), np.arange(3))], 24)


def test_check_factory_refuses_what_build_would() -> None:
    assert check_factory(None, 8, 10) == "Flat" and check_factory("IDMap2,HNSW32", 8, 10) == "HNSW32"
    with pytest.raises(ValueError, match="invalid FAISS factory"):
        check_factory("NoSuchIndex", 8, 10)
    with pytest.raises(ValueError, match="at least 16 vectors"):
        check_factory("IVF16,Flat", 8, 10)


def test_choose_factory_thresholds() -> None:
    assert choose_factory(0) == "Flat"
    assert choose_factory(FLAT_MAX) == "Flat"
    assert choose_factory(FLAT_MAX + 1) == "HNSW32"
    assert choose_factory(HNSW_MAX) == "HNSW32"
    big = HNSW_MAX + 1
    nlist = ivf_nlist(big)
    assert choose_factory(big) == f"IVF{nlist},Flat"
    assert nlist & (nlist - 1) == 0  # a power of two
    assert big >= 39 * nlist  # faiss wants >= 39 training points per cell


def test_save_load_keeps_results_and_parameters(tmp_path: Path) -> None:
    corpus, queries = unit_rows(300, 16, 7), unit_rows(5, 16, 8)
    index = DenseIndex.build(corpus, np.arange(300) * 3, "HNSW32", ef_search=40)
    index.save(tmp_path / "dense")
    loaded = DenseIndex.load(tmp_path / "dense")
    assert (loaded.factory, loaded.ef_search, len(loaded), loaded.dim) == ("HNSW32", 40, 300, 16)
    assert loaded.search(queries, 7) == index.search(queries, 7)
    np.testing.assert_array_equal(loaded.ids(), np.arange(300) * 3)


def test_k_beyond_size_empty_index_and_single_vector_query() -> None:
    corpus = unit_rows(3, 8, 9)
    index = DenseIndex.build(corpus, [7, 8, 9])
    hits = index.search(corpus[0], 10)  # a 1-D query is one query
    assert len(hits) == 1 and len(hits[0]) == 3 and hits[0][0].pid == 7
    assert index.search(corpus[:2], 0) == [[], []]
    empty = DenseIndex.build(np.zeros((0, 8), dtype=np.float32), [])
    assert empty.search(corpus[:1], 5) == [[]]


def test_rejects_bad_input() -> None:
    corpus = unit_rows(10, 8, 10)
    with pytest.raises(ValueError, match="unique"):
        DenseIndex.build(corpus, [1] * 10)
    with pytest.raises(ValueError, match="one id per vector"):
        DenseIndex.build(corpus, [1, 2])
    with pytest.raises(ValueError, match="factory"):
        DenseIndex.build(corpus, np.arange(10), "NoSuchIndex")
    with pytest.raises(ValueError, match="at least 16 vectors"):
        DenseIndex.build(corpus, np.arange(10), "IVF16,Flat")
    index = DenseIndex.build(corpus, np.arange(10))
    with pytest.raises(ValueError, match="shape"):
        index.search(unit_rows(1, 9, 11), 3)
