"""Records shared by the search layer: passages to index and scored hits."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

import numpy as np

# The passage kinds the graph produces; anything else is a bug upstream.
PASSAGE_KINDS: Final[tuple[str, ...]] = ("task", "sentence", "target", "goal")


@dataclass(frozen=True)
class Passage:
    """One searchable text; `pid` is its row in the passage table and its FAISS id."""

    pid: int
    task_id: str
    kind: str
    text: str

    def __post_init__(self) -> None:
        # bool is an int subclass; a True pid would silently become row 1.
        if isinstance(self.pid, bool) or not isinstance(self.pid, int) or self.pid < 0:
            raise ValueError(f"pid must be a non-negative int, got {self.pid!r}")
        if self.kind not in PASSAGE_KINDS:
            raise ValueError(f"unknown passage kind {self.kind!r}; valid kinds: {', '.join(PASSAGE_KINDS)}")
        if not isinstance(self.text, str) or not isinstance(self.task_id, str):
            raise TypeError("task_id and text must be str")

    def moved(self, pid: int) -> Passage:
        """The same passage at another row; only the row is checked (the rest was when it was made), since a
        library's passages are renumbered at every write."""
        if isinstance(pid, bool) or not isinstance(pid, int) or pid < 0:
            raise ValueError(f"pid must be a non-negative int, got {pid!r}")
        moved = object.__new__(Passage)
        for name, value in (("pid", pid), ("task_id", self.task_id), ("kind", self.kind), ("text", self.text)):
            object.__setattr__(moved, name, value)
        return moved

    def to_json(self) -> dict[str, Any]:
        """Plain dict for one line of passages.jsonl."""
        return {"pid": self.pid, "task_id": self.task_id, "kind": self.kind, "text": self.text}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Passage:
        """Inverse of `to_json`; validation runs in `__post_init__`."""
        return cls(pid=data["pid"], task_id=data["task_id"], kind=data["kind"], text=data["text"])


@dataclass(frozen=True)
class Hit:
    """A passage id with the score one retriever (or a fusion) gave it; higher is better."""

    pid: int
    score: float


class PassageIndex(Protocol):
    """What the ranker asks of an open index: the embedded one (search/store.py `OpenIndex`) or Milvus
    (search/milvus_view.py `MilvusView`). Scores are comparable across the two: inner products of the same
    vectors, and Lucene BM25 with the same parameters over the same tokens."""

    @property
    def version(self) -> str: ...

    def size(self) -> int: ...

    def passage(self, pid: int) -> Passage: ...

    def dense_search(self, qvec: np.ndarray, k: int) -> list[Hit]: ...

    def dense_search_many(self, qvecs: np.ndarray, k: int) -> list[list[Hit]]: ...

    def lexical_search(self, query: str, k: int, extra: Sequence[str] = (), extra_weight: float = 0.0
                       ) -> list[Hit]: ...

    def coverage(self, query: str, score: float) -> float: ...

    def known_share(self, text: str) -> float: ...
