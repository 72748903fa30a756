"""The dense request is asked shallow first and deeper only when its hits leave the list short of k tasks."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from search.engine import SearchEngine
from search.types import Hit, Passage


@dataclass
class _Index:
    """A passage index whose dense ranking is the passage order; it records the depth of every dense request."""

    passages: list[Passage]
    asked: list[int] = field(default_factory=list)

    def size(self) -> int:
        return len(self.passages)

    def passage(self, pid: int) -> Passage:
        return self.passages[pid]

    def dense_search(self, qvec: np.ndarray, k: int) -> list[Hit]:
        self.asked.append(k)
        return [Hit(p.pid, 1.0 - p.pid / 1000) for p in self.passages[:k]]

    def lexical_search(self, query: str, k: int, extra: object = (), weight: float = 0.0) -> list[Hit]:
        return []

    def coverage(self, query: str, score: float) -> float:
        return 0.0


def _engine(tmp_path: Path) -> SearchEngine:
    engine = SearchEngine(tmp_path, str.split, {"tokenizer": "split"})
    engine.embed_query = lambda q: np.zeros((1, 4), dtype=np.float32)  # type: ignore[method-assign]
    return engine


def _tasks(per_task: list[int]) -> list[Passage]:
    """Passages in dense order, `n` in a row for each task."""
    out: list[Passage] = []
    for t, n in enumerate(per_task):
        out += [Passage(len(out) + i, f"d.{t}", "task", f"t{t}") for i in range(n)]
    return out


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_one_shallow_request_when_its_hits_fill_k_tasks(tmp_path: Path, mode: str) -> None:
    index = _Index(_tasks([1] * 200))
    hits = _engine(tmp_path).search_in(index, "问题", k=10, mode=mode)  # type: ignore[arg-type]
    assert index.asked == [40]
    assert [h.id for h in hits] == [f"d.{t}" for t in range(10)]
    assert all(h.similarity is not None for h in hits)


@pytest.mark.parametrize("mode", ["dense", "hybrid"])
def test_a_deeper_request_when_the_shallow_hits_hold_too_few_tasks(tmp_path: Path, mode: str) -> None:
    # 40 passages of four tasks, then one passage each: ten tasks need 46 hits.
    index = _Index(_tasks([10, 10, 10, 10] + [1] * 100))
    hits = _engine(tmp_path).search_in(index, "问题", k=10, mode=mode)  # type: ignore[arg-type]
    assert index.asked == [40, 80]
    assert [h.id for h in hits] == [f"d.{t}" for t in range(10)]
    assert all(h.similarity is not None for h in hits)


def test_no_deeper_request_when_the_index_holds_no_more(tmp_path: Path) -> None:
    index = _Index(_tasks([10, 10, 10, 5]))  # 35 passages, four tasks: all of them came back
    hits = _engine(tmp_path).search_in(index, "问题", k=10, mode="dense")  # type: ignore[arg-type]
    assert index.asked == [35]
    assert [h.id for h in hits] == ["d.0", "d.1", "d.2", "d.3"]
