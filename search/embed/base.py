"""The embedder interface every dense backend implements."""
from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

import numpy as np


class Embedder(ABC):
    """Turns texts into L2-normalised float32 rows of shape (n, dim).

    Queries and passages are separate calls because retrieval models prompt
    them differently (e5: "query: " / "passage: "; bge-zh: an instruction on
    queries only); mixing them up silently costs recall.
    """

    name: str  # backend name, the key in search.embed.BACKENDS
    dim: int

    @abstractmethod
    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed search queries: float32 (len(texts), dim), unit rows."""

    @abstractmethod
    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed documents to index: float32 (len(texts), dim), unit rows."""

    def one_thread(self) -> contextlib.AbstractContextManager[None]:
        """Run this thread's calls on one compute thread (a backend with its own thread team overrides it)."""
        return contextlib.nullcontext()

    @abstractmethod
    def config(self) -> dict[str, Any]:
        """JSON-able identity of the vector space (backend, model, dim, prompts).

        Saved next to every index; an index is only opened by an embedder whose
        config is equal, so everything that changes the vectors belongs here.
        """


def as_unit_rows(vectors: Any, dim: int) -> np.ndarray:
    """Coerce model output to contiguous float32 (n, dim) with unit L2 rows.

    Backends already normalise; doing it again is cheap and makes inner
    product equal cosine even if a backend or a model config forgets.
    """
    out = np.ascontiguousarray(vectors, dtype=np.float32)
    if out.ndim != 2 or out.shape[1] != dim:
        raise ValueError(f"embedder returned shape {out.shape}, expected (n, {dim})")
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    # An all-zero row (possible for empty input on some models) stays zero instead of NaN.
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def clean_texts(texts: Sequence[str]) -> list[str]:
    """Reject a lone string (it would be embedded character by character) and copy to a list."""
    if isinstance(texts, str):
        raise TypeError("pass a list of strings, not a single string")
    out = list(texts)
    for t in out:
        if not isinstance(t, str):
            raise TypeError(f"texts must be str, got {type(t).__name__}")
    return out
