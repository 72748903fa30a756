"""A model-free embedder for the store and cache tests (its own module: `conftest` is a name every test folder uses)."""
from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from search.embed.base import Embedder


class CharBigramEmbedder(Embedder):
    """Deterministic bag of character uni+bigrams hashed into `dim` buckets.

    A real (if weak) embedder for testing store mechanics without loading a
    neural model; crc32, unlike hash(), is stable across processes.
    """

    name = "test-char-bigram"

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            grams = list(text) + [text[i : i + 2] for i in range(len(text) - 1)]
            for g in grams:
                out[row, zlib.crc32(g.encode("utf-8")) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def config(self) -> dict[str, Any]:
        return {
            "backend": self.name,
            "model": f"char-bigram-{self.dim}",
            "dim": self.dim,
            "query_prompt": "",
            "passage_prompt": "",
        }


class Counting(CharBigramEmbedder):
    """The bigram embedder, counting the passages it is asked to embed (what a write had to embed)."""

    def __init__(self, dim: int = 64) -> None:
        super().__init__(dim)
        self.embedded: list[str] = []

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().encode_passages(texts)
