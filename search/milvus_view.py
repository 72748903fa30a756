"""The engine's index interface over Milvus: what search/engine.py asks of an open index, answered by a collection.

The embedded index (search/store.py `OpenIndex`) holds the passage table and BM25 statistics in memory; here the
passages stay in Milvus: a hit's passage comes back with the hit (Milvus assigns a row id once and never reuses it,
so a passage read is kept for the view's life; a view serves one graph snapshot, the next write makes a new one).
The term statistics the ranker reads beside the scores (how many passages use a word: the query's coverage, its
known words) come from the engine (`TermStats`, kept per document from the graph's passages): Milvus Lite counts a
term's passages by scanning them (0.7 s for a common word at 8,000 passages, measured). Scores are the embedded
backend's: Lucene BM25 with the same k1 and b over the same tokens, and inner products of the same vectors.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Container, Sequence
from fractions import Fraction
from typing import Final

import numpy as np

from search.lexical import TermStats, Tokenize, content_tokens, expansion_tokens
from search.milvus import RESULT_WINDOW, MilvusIndex
from search.types import Hit, Passage

KEEP_PASSAGES: Final = 200_000  # passages a view remembers before it starts again (a bound, not a tuning)
# The thesaurus terms' weight is applied by repeating tokens (see `lexical_search`): a weight is taken as a fraction
# with at most this denominator (0.5 and 0.3 exactly; 0.33 as 1/3).
MAX_REPEAT: Final = 16
# How much deeper a search is asked again, each time, when rows of tasks outside the view's snapshot left it short.
DEEPER: Final = 4


class MilvusView:
    """One graph snapshot's view of the passages in Milvus, searched as an open embedded index is."""

    def __init__(self, milvus: MilvusIndex, version: str, tokenize: Tokenize, stats: TermStats,
                 tasks: Container[str]) -> None:
        self.milvus = milvus
        self.version = version
        self.stats = stats
        # The snapshot's tasks: a row of any other (a document removed since, or one written by another process for
        # a later snapshot) is no hit of this view. A rewritten document's rows keep its task ids: whichever edition
        # Milvus holds is found (search/milvus.py: a write is not atomic).
        self.tasks = tasks
        self._tokenize = tokenize
        self._lock = threading.Lock()
        self._passages: dict[int, Passage] = {}

    def _kept(self, fetch: Callable[[int], list[list[tuple[Hit, Passage]]]], k: int) -> list[list[Hit]]:
        """`fetch(k)`'s hits of this snapshot's tasks. Where rows of other tasks left a list short although Milvus
        filled it, asked again `DEEPER` times deeper, up to Milvus's result window, until each list has k or
        Milvus has no more (Lite leaves BM25 scores of 0 out: a list it did not fill has nothing deeper)."""
        depth = k
        while True:
            found = fetch(depth)
            kept = [[(h, p) for h, p in hits if p.task_id in self.tasks] for hits in found]
            short = any(len(mine) < k and len(hits) == depth for mine, hits in zip(kept, found, strict=True))
            if not short or depth >= RESULT_WINDOW:
                return [self._keep(mine[:k]) for mine in kept]
            depth = min(depth * DEEPER, RESULT_WINDOW)

    def _keep(self, found: Sequence[tuple[Hit, Passage]]) -> list[Hit]:
        with self._lock:
            if len(self._passages) > KEEP_PASSAGES:
                # The older half goes (insertion order), not all: a search under way still finds its own hits.
                self._passages = dict(list(self._passages.items())[KEEP_PASSAGES // 2 :])
            for hit, passage in found:
                self._passages[hit.pid] = passage
        return [hit for hit, _ in found]

    def size(self) -> int:
        """Passages in the library."""
        return self.stats.n

    def passage(self, pid: int) -> Passage:
        """The passage of a hit this view returned (read again from Milvus when forgotten)."""
        held = self._passages.get(pid)
        if held is None:
            held = self.milvus.passages([pid]).get(pid)
            if held is None:
                raise IndexError(pid)  # deleted since: the engine only asks for pids its searches returned
        return held

    def dense_search(self, qvec: np.ndarray, k: int) -> list[Hit]:
        """Top-k passages for one query vector."""
        return self._kept(lambda n: [self.milvus.dense_hits(qvec, n)], k)[0]

    def dense_search_many(self, qvecs: np.ndarray, k: int) -> list[list[Hit]]:
        """Top-k passages for each of several query vectors, in one request."""
        return self._kept(lambda n: self.milvus.dense_hits_many(qvecs, n), k)

    def lexical_search(self, query: str, k: int, extra: Sequence[str] = (), extra_weight: float = 0.0) -> list[Hit]:
        """Top-k passages by BM25 for the query and, weighted down, the thesaurus terms it does not use (as
        search/lexical.py `LexicalIndex.scores` counts them)."""
        if k <= 0:
            return []
        own = self.tokens(query)
        added = expansion_tokens(own, extra, self.tokens) if extra_weight > 0 else []
        if not added:
            return self._kept(lambda n: self.milvus.lexical_hits([query], n), k)[0]
        # One request: BM25 sums a query's repeated terms, so the query's own tokens `times` over and the added
        # ones `weight.numerator` times score `times` x (own + weight x added), exactly for weights like 0.5.
        weight = Fraction(extra_weight).limit_denominator(MAX_REPEAT)
        times = weight.denominator
        # A weight under 1 / MAX_REPEAT counts as that much, not as nothing.
        tokens = own * times + added * max(1, weight.numerator)
        hits = self._kept(lambda n: [self.milvus.lexical_token_hits(tokens, n)], k)[0]
        return [Hit(h.pid, h.score / times) for h in hits]

    def tokens(self, text: str) -> list[str]:
        """The tokens BM25 sees for `text`."""
        return content_tokens(self._tokenize(text))

    def known_share(self, text: str) -> float:
        """Share of the text's words (two characters or more) that some passage uses."""
        return self.stats.known_share(self.tokens(text))

    def coverage(self, query: str, score: float) -> float:
        """How much of the query a passage scoring `score` matched (search/lexical.py `query_coverage`)."""
        return self.stats.coverage(self.tokens(query), score)


__all__ = ["MilvusView"]
