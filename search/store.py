"""Versioned on-disk index store: immutable segments, versions naming them, an atomic switch, never a bad version served.

Layout under root:
  CURRENT                       id of the served version
  versions/<id>/manifest.json   a version: its segments (with file checksums), how passage ids map to their rows,
                                counts, and the embedder, tokenizer and FAISS settings it was built with
  segments/<id>/                one immutable segment (search/index_segment.py): passages, vectors, BM25 postings
  vectors/, tokens/             the passage vector and token caches, shared by every version
  write.lock                    serialises writers across processes

A write diffs the caller's passage list against the current version by content (task id, kind, text). Passages
already indexed stay in their segments, never rewritten; the new ones go into one new segment (vectors from the
cache, so only never-seen texts reach the model); the ones gone become tombstones: rows no id maps to any more.
The merge policy (search/merge.py) then picks segments to merge. Segment files are fsynced before the manifest
that names them, the manifest before CURRENT names it, so a crash at any point leaves the previous version served.

Passage ids are the caller's row numbers (engine and graph order), not segment order: a version lists its
passages as runs [segment, first row, count] in id order. Opening a version assembles one passage table, one FAISS
index (flat by default; a factory that links or trains its vectors is built here once, then kept in
versions/<id>/dense/ for the next process, and a write makes the next version's from it: the removed passages
tombstoned, the new ones added, see search/dense.py) and BM25
with library-wide statistics over the segments' postings (search/lexical.py); nothing is embedded or cut again.
Segments loaded or written by this process stay in memory, so opening the version a write just published reads
only its manifest and reuses the previous table's passage objects where their ids did not move.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import secrets
import shutil
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np

from kg.files import atomic_write, fsync_path, writers_lock
from search import index_segment, merge
from search.dense import DEFAULT_EF_SEARCH, INDEX_FILE, META_FILE, DenseIndex, check_factory
from search.embed.base import Embedder
from search.errors import (  # re-exported: the store's callers catch them from here
    CorruptIndexError,
    IndexStoreError,
    ModelMismatchError,
    NoIndexError,
    OutdatedIndexError,
    TokenizerMismatchError,
)
from search.index_segment import Segment
from search.layout import Key, KeyIndex, pids_by_row, places, runs
from search.lexical import LexicalIndex, Tokenize, content_tokens
from search.postings import Postings
from search.segments import segment_name
from search.tokens import TokenCache
from search.types import Hit, Passage
from search.vectors import Progress, VectorCache

log = logging.getLogger(__name__)

FORMAT: Final = 2  # 1: one directory per version holding every file (before segments)
CURRENT: Final = "CURRENT"
VERSIONS: Final = "versions"
SEGMENTS: Final = "segments"
LOCK_FILE: Final = "write.lock"
MANIFEST: Final = "manifest.json"
KEPT_DENSE: Final = "dense"  # versions/<id>/dense/: a built graph index (HNSW, IVF) kept for the next open
# A derived graph index keeps removed passages as tombstones; past this share of the live ones the next open
# builds it anew from the cached vectors instead (searches then skip fewer dead nodes, and the file shrinks).
REBUILD_TOMBSTONES: Final = 0.25
VECTORS: Final = "vectors"  # the passage vector cache, shared by every version
TOKENS: Final = "tokens"  # the passage token cache, likewise
LEXICAL: Final = {"k1": 1.5, "b": 0.75, "method": "lucene"}
# Ids sort by creation time; the patterns also keep a tampered CURRENT or manifest from pointing outside the store.
_VERSION_RE: Final = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{6}$")
_SEGMENT_RE: Final = re.compile(r"^seg-\d{20}-[0-9a-f]{6}$")


def _are_rows(ids: np.ndarray, n: int) -> bool:
    """True when `ids` are exactly the passage ids 0..n-1 (each once, in any order)."""
    return bool(np.array_equal(np.sort(ids), np.arange(n)))


def _jsonable(value: Mapping[str, Any]) -> dict[str, Any]:
    # Round-trip so tuples/lists and key order compare the way the manifest stores them.
    return json.loads(json.dumps(dict(value), ensure_ascii=False, sort_keys=True))


def _describe(config: Mapping[str, Any]) -> str:
    return f"{config.get('backend')}:{config.get('model')} (dim {config.get('dim')})"


@dataclass(frozen=True, eq=False)
class OpenIndex:
    """One loaded, validated version: passage table, dense and lexical indexes, manifest.

    Immutable after loading, so any number of threads may search it at once.
    """

    version: str
    manifest: dict[str, Any]
    passages: list[Passage]
    dense: DenseIndex
    lexical: LexicalIndex

    def passage(self, pid: int) -> Passage:
        """The passage with id `pid` (pids are row numbers)."""
        if pid < 0:
            raise IndexError(pid)  # a negative list index would silently wrap around
        return self.passages[pid]

    def dense_search(self, qvec: np.ndarray, k: int) -> list[Hit]:
        """Top-k passages for one query vector (dim,) or (1, dim)."""
        q = np.asarray(qvec, dtype=np.float32)
        if q.ndim == 2 and q.shape[0] == 1:
            q = q[0]
        if q.ndim != 1:
            raise ValueError("dense_search takes one query vector")
        return self.dense.search(q[None, :], k)[0]

    def dense_search_many(self, qvecs: np.ndarray, k: int) -> list[list[Hit]]:
        """Top-k passages for each row of `qvecs` (m, dim), in one call."""
        return self.dense.search(np.asarray(qvecs, dtype=np.float32), k)

    def lexical_search(self, query: str, k: int, extra: Sequence[str] = (), extra_weight: float = 0.0) -> list[Hit]:
        """Top-k passages by BM25 for a query string (and, weighted down, its expansion terms)."""
        return self.lexical.search(query, k, extra, extra_weight)

    def size(self) -> int:
        """Passages held."""
        return len(self.passages)

    def coverage(self, query: str, score: float) -> float:
        """How much of the query a passage scoring `score` matched (search/lexical.py `query_coverage`)."""
        return self.lexical.coverage(query, score)

    def known_share(self, text: str) -> float:
        """Share of the text's words that some passage uses."""
        return self.lexical.known_share(text)


@dataclass(frozen=True, eq=False)
class _Layout:
    """A version's segments in memory and where each passage id lives: segment `seg[pid]`, row `row[pid]`."""

    manifest: dict[str, Any]
    segments: list[Segment]
    seg: np.ndarray
    row: np.ndarray


@dataclass(frozen=True, eq=False)
class _Plan:
    """A new version's segments and where its passages are, and which rows merges moved where."""

    entries: list[dict[str, Any]]  # the manifest's segment entries
    segments: list[Segment]
    seg: np.ndarray
    row: np.ndarray
    # For each segment written: its index in `entries`, and its sources, each with its index among the base
    # version's segments (None: the write's new passages) and the new row of each of its rows (-1: left out).
    moves: list[tuple[int, list[tuple[Segment, int | None, np.ndarray]]]]


class IndexStore:
    """Index versions under `root` (see the module docstring for the layout).

    Writers are serialised by a threading.Lock (threads of this process) and
    an fcntl lock file (other processes, e.g. a CLI re-index while the server
    runs). Readers take no lock: CURRENT only ever names a complete, fsynced
    version, and os.replace switches it atomically. After each write only the
    new version and the one it replaced remain, with their segments (rollback
    without re-embedding).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self.vectors = VectorCache(self.root / VECTORS)
        self.tokens = TokenCache(self.root / TOKENS)
        # Segments are immutable: once loaded (and checked) or written by this process they stay in memory, with
        # the layouts of the last two versions written or opened.
        self._segments: dict[str, Segment] = {}
        self._layouts: dict[str, _Layout] = {}
        self._cache_lock = threading.Lock()
        # Where a version holds each passage (the last one written, or the base of a write, indexed then), for
        # the next write's diff; kept under the writer lock. A place is serial << 32 | row, a serial being a small
        # number this process gives each segment id.
        self._keys: tuple[str, KeyIndex] | None = None
        self._serials: dict[str, int] = {}
        # The graph index (HNSW, IVF) of the latest version opened or written, the base the next write derives
        # its own from (see `_derive_dense`); normally the object the engine serves, dropped when the newest
        # version has none (a flat index, or a write that did not derive one).
        self._graph: tuple[str, DenseIndex] | None = None

    # -- reading ---------------------------------------------------------

    def current_version(self) -> str | None:
        """The version CURRENT names, or None before the first write."""
        try:
            text = (self.root / CURRENT).read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise CorruptIndexError("the CURRENT pointer is unreadable") from exc
        if not _VERSION_RE.match(text):
            raise CorruptIndexError(f"the CURRENT pointer holds an invalid version id {text[:40]!r}")
        return text

    def versions(self) -> list[str]:
        """Version directories on disk, oldest first (including unfinished or unserved ones)."""
        vdir = self.root / VERSIONS
        if not vdir.is_dir():
            return []
        return sorted(p.name for p in vdir.iterdir() if p.is_dir() and _VERSION_RE.match(p.name))

    def read_manifest(self, version: str | None = None) -> dict[str, Any]:
        """Manifest of `version` (default: the current one), e.g. to pick the embedder before `open`.

        OutdatedIndexError (a NoIndexError: the caller rebuilds) for a version in the older format.
        """
        version = version or self._require_current()
        try:
            data = json.loads((self.root / VERSIONS / version / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CorruptIndexError(f"index version {version} has no manifest") from None
        except (OSError, ValueError) as exc:
            raise CorruptIndexError(f"index version {version} has an unreadable manifest") from exc
        if isinstance(data, dict) and data.get("format") == 1:
            raise OutdatedIndexError(f"index version {version} is in an older on-disk format; rebuild the index")
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CorruptIndexError(f"index version {version} has an unsupported manifest format")
        return data

    def open(
        self,
        embedder: Embedder,
        tokenizer: Tokenize,
        tokenizer_config: Mapping[str, Any] | None = None,
    ) -> OpenIndex:
        """Load and validate the current version for searching with `embedder` and `tokenizer`.

        Raises ModelMismatchError if `embedder.config()` differs from the one the
        index was built with, TokenizerMismatchError if `tokenizer_config` is
        given and differs, CorruptIndexError if counts, ids or checksums disagree.
        """
        version = self._require_current()
        try:
            return self._open_version(version, embedder, tokenizer, tokenizer_config)
        except CorruptIndexError:
            # A writer may have switched CURRENT and pruned this version while
            # we were loading it; the new version is then the one to serve.
            newer = self.current_version()
            if newer is None or newer == version:
                raise
            return self._open_version(newer, embedder, tokenizer, tokenizer_config)

    def _require_current(self) -> str:
        version = self.current_version()
        if version is None:
            raise NoIndexError("no index has been built yet")
        return version

    def _open_version(
        self,
        version: str,
        embedder: Embedder,
        tokenizer: Tokenize,
        tokenizer_config: Mapping[str, Any] | None,
    ) -> OpenIndex:
        manifest = self.read_manifest(version)
        built_with = manifest.get("embedder", {})
        offered = _jsonable(embedder.config())
        if built_with != offered:
            raise ModelMismatchError(
                f"index version {version} was built with {_describe(built_with)} "
                f"but the configured embedder is {_describe(offered)}; "
                "configure the same model or rebuild the index"
            )
        if tokenizer_config is not None and manifest.get("tokenizer") != _jsonable(tokenizer_config):
            raise TokenizerMismatchError(
                f"index version {version} was built with tokenizer {manifest.get('tokenizer')}, "
                f"the configured tokenizer is {_jsonable(tokenizer_config)}; rebuild the index"
            )
        layout = self._layout(version, manifest)
        try:
            passages = self._passages(layout)
            pids = pids_by_row(layout.seg, layout.row, [len(s) for s in layout.segments])
            # Vectors go in id order, run by run (each a slice of a segment's mapped file, copied once), so the
            # index stores them as one built from scratch would and breaks score ties the same way.
            lexical = LexicalIndex(tokenizer, [(s.postings, p) for s, p in zip(layout.segments, pids, strict=True)],
                                   **manifest.get("lexical", LEXICAL))
            kept = self._kept_dense(version)
            if kept is not None:
                try:
                    self._validate(version, manifest, passages, kept, lexical)
                    self._remember_graph(version, kept)
                    return OpenIndex(version=version, manifest=manifest, passages=passages, dense=kept, lexical=lexical)
                except CorruptIndexError as exc:
                    log.warning("kept dense index of version %s not used (%s); building it again", version, exc)
                    shutil.rmtree(self.root / VERSIONS / version / KEPT_DENSE, ignore_errors=True)
            starts = np.cumsum([0, *(count for _, _, count in manifest["order"])])
            dense = DenseIndex.assemble(
                [(layout.segments[s].vectors[first : first + count], np.arange(start, start + count))
                 for (s, first, count), start in zip(manifest["order"], starts.tolist(), strict=False)],
                int(built_with.get("dim", 0)),
                manifest.get("factory"),
                ef_search=int(manifest.get("dense", {}).get("ef_search") or DEFAULT_EF_SEARCH),
                nprobe=manifest.get("dense", {}).get("nprobe"),
            )
        except (ValueError, KeyError, TypeError, RuntimeError) as exc:
            # RuntimeError: faiss reports what it cannot build that way.
            raise CorruptIndexError(f"index version {version} cannot be loaded: {type(exc).__name__}") from exc
        self._validate(version, manifest, passages, dense, lexical)
        if dense.factory != "Flat":
            self._keep_dense(version, dense)
        else:
            self._remember_graph(version, None)  # a flat library: no graph index to derive from
        return OpenIndex(version=version, manifest=manifest, passages=passages, dense=dense, lexical=lexical)

    def _kept_dense(self, version: str) -> DenseIndex | None:
        """The dense index an earlier open or write of this version built and kept, if any (checked by the caller)."""
        with self._cache_lock:
            if self._graph is not None and self._graph[0] == version:
                return self._graph[1]
        path = self.root / VERSIONS / version / KEPT_DENSE
        if not path.is_dir():
            return None
        try:
            return DenseIndex.load(path)
        except (OSError, ValueError, RuntimeError) as exc:
            log.warning("kept dense index of version %s unreadable (%s); building it again", version, exc)
            shutil.rmtree(path, ignore_errors=True)  # the index built instead takes its place
            return None

    def _remember_graph(self, version: str, dense: DenseIndex | None) -> None:
        """The newest version's graph index (None: it has none) for the next write to derive from."""
        with self._cache_lock:
            if self._graph is None or self._graph[0] <= version:  # ids sort by creation time
                self._graph = None if dense is None else (version, dense)

    def _keep_dense(self, version: str, dense: DenseIndex) -> None:
        """Keep a version's built dense index beside it (best effort): a graph index (HNSW) takes about 50 s per
        100,000 vectors to build, and the next process to open the version reads it in seconds instead."""
        self._remember_graph(version, dense)
        vdir = self.root / VERSIONS / version
        tmp = vdir / f".{KEPT_DENSE}-{secrets.token_hex(4)}"
        try:
            dense.save(tmp)
            for name in (INDEX_FILE, META_FILE):
                fsync_path(tmp / name)
            os.rename(tmp, vdir / KEPT_DENSE)  # whole or not at all; another process may have kept it first
        except OSError as exc:
            log.info("dense index of version %s not kept: %s", version, exc)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _layout(self, version: str, manifest: Mapping[str, Any]) -> _Layout:
        """The version's segments (loaded and checked once per process) and its id -> row map; CorruptIndexError."""
        with self._cache_lock:
            cached = self._layouts.get(version)
        if cached is not None:
            return cached
        try:
            entries = manifest["segments"]
            segments = [self._segment(e, int(manifest["embedder"]["dim"])) for e in entries]
            seg, row = places(manifest["order"], [len(s) for s in segments])
            if np.bincount(seg, minlength=len(segments)).tolist() != [int(e["live"]) for e in entries]:
                raise ValueError("live rows differ from the manifest")
        except FileNotFoundError as exc:
            raise CorruptIndexError(f"index version {version} is missing files") from exc
        except OSError as exc:  # its message would name a path
            raise CorruptIndexError(f"index version {version} cannot be read: {type(exc).__name__}") from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise CorruptIndexError(f"index version {version} cannot be loaded: {exc}") from exc
        return self._remember(version, _Layout(dict(manifest), segments, seg, row))

    def _segment(self, entry: Mapping[str, Any], dim: int) -> Segment:
        """A segment named by a manifest entry: from memory, else read and checked."""
        name = str(entry["id"])
        if not _SEGMENT_RE.match(name):
            raise ValueError(f"invalid segment id {name[:40]!r}")
        with self._cache_lock:
            cached = self._segments.get(name)
        if cached is not None:
            return cached
        seg = index_segment.read(self.root / SEGMENTS / name, entry["files"], int(entry["rows"]), dim)
        with self._cache_lock:
            return self._segments.setdefault(name, seg)

    def _remember(self, version: str, layout: _Layout) -> _Layout:
        """Keep this version's layout, and only the segments of the last two versions, in memory."""
        with self._cache_lock:
            self._layouts[version] = layout
            while len(self._layouts) > 2:
                del self._layouts[next(iter(self._layouts))]
            keep = {str(e["id"]) for kept in self._layouts.values() for e in kept.manifest["segments"]}
            self._segments = {k: v for k, v in self._segments.items() if k in keep}
        return layout

    def _passages(self, layout: _Layout) -> list[Passage]:
        """The passage table in id order, reusing a segment's Passage objects whose id did not change."""
        passages: list[Passage] = []
        pid = 0
        with self._cache_lock:  # `made` is shared by every version using the segment
            for s, first, count in layout.manifest["order"]:
                seg = layout.segments[s]
                ids = np.arange(pid, pid + count, dtype=np.int64)
                if not np.array_equal(seg.made_pid[first : first + count], ids):
                    for i, r in enumerate(range(first, first + count)):
                        seg.made[r] = Passage(pid + i, seg.task_ids[r], seg.kinds[r], seg.texts[r])
                    seg.made_pid[first : first + count] = ids
                passages.extend(seg.made[first : first + count])
                pid += count
        return passages

    @staticmethod
    def _validate(
        version: str,
        manifest: Mapping[str, Any],
        passages: list[Passage],
        dense: DenseIndex,
        lexical: LexicalIndex,
    ) -> None:
        counts = {
            "passages": len(passages),
            "vectors": len(dense),
            "lexical documents": lexical.doc_count,
            "lexical ids": len(lexical.ids()),
            "manifest passage_count": manifest.get("passage_count"),
            "manifest vector_count": manifest.get("vector_count"),
            "manifest lexical_doc_count": manifest.get("lexical_doc_count"),
        }
        if len(set(counts.values())) != 1:
            detail = ", ".join(f"{name} {n}" for name, n in counts.items())
            raise CorruptIndexError(f"index version {version} is inconsistent ({detail}); refusing to serve it")
        if any(p.pid != i for i, p in enumerate(passages)):
            raise CorruptIndexError(f"index version {version}: passage ids are not row numbers")
        if not _are_rows(dense.ids(), len(passages)) or not _are_rows(lexical.ids(), len(passages)):
            raise CorruptIndexError(f"index version {version}: index ids do not match the passage table")
        if dense.dim != manifest.get("embedder", {}).get("dim"):
            raise CorruptIndexError(f"index version {version}: vector dimension differs from its embedder")

    # -- writing ---------------------------------------------------------

    def _write_lock(self) -> contextlib.AbstractContextManager[None]:
        """Writers of this process and of others (a CLI reindex beside the server) take turns."""
        return writers_lock(self._lock, self.root / LOCK_FILE)

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the writers' lock (for a writer of the vector cache other than `write`: the Milvus sync)."""
        return self._write_lock()

    def write(
        self,
        passages: Sequence[Passage],
        embedder: Embedder,
        tokenizer: Tokenize,
        tokenizer_config: Mapping[str, Any],
        factory: str | None = None,
        source: Mapping[str, Any] | None = None,
        progress: Progress | None = None,
    ) -> str:
        """Publish a version holding `passages` (the whole library), adding only what the current one lacks.

        `passages[i].pid` must equal i. Nothing is served from the new version
        until it is complete and fsynced; on any error what it wrote is removed
        and the previous version stays current. Returns the new version's id.
        """
        for i, p in enumerate(passages):
            if p.pid != i:
                raise ValueError(f"passage at row {i} has pid {p.pid}; pids must be row numbers 0..n-1")
        tok_config = _jsonable(tokenizer_config)
        emb_config = _jsonable(embedder.config())
        spec = check_factory(factory, embedder.dim, len(passages))  # a bad factory fails now, not at every open
        keys = [(p.task_id, p.kind, p.text) for p in passages]

        with self._write_lock():
            previous, base = self._base(emb_config, tok_config)
            version = self._new_version_id()
            written: list[Path] = []
            try:
                seg, row = self._match(base, keys)
                fresh, embedded = self._fresh_segment([keys[i] for i in np.flatnonzero(seg < 0).tolist()],
                                                      embedder, tokenizer, tok_config, progress)
                plan = self._lay_out(base, seg, row, fresh, embedder.dim, written)
                manifest = {
                    "format": FORMAT,
                    "version": version,
                    "created": datetime.now(UTC).isoformat(timespec="seconds"),
                    "embedder": emb_config,
                    "factory": spec,
                    "dense": {"ef_search": DEFAULT_EF_SEARCH, "nprobe": None, "metric": "inner_product"},
                    "tokenizer": tok_config,
                    "lexical": dict(LEXICAL),
                    "passage_count": len(passages),
                    "vector_count": len(passages),
                    "lexical_doc_count": len(passages),
                    "embedded": embedded,  # passages this version had to embed (the rest were cached)
                    "added": len(fresh),  # passages the previous version did not have
                    "tombstones": sum(int(e["rows"]) - int(e["live"]) for e in plan.entries),
                    "written": [path.name for path in written],  # segments new in this version
                    # What the passages were built from, so a caller can tell a stale index.
                    "source": _jsonable(source or {}),
                    "segments": plan.entries,
                    "order": runs(plan.seg, plan.row),
                }
                self._write_manifest(version, manifest)
                self._derive_dense(base, version, spec, seg, row, fresh)
            except BaseException:
                with self._cache_lock:
                    if self._graph is not None and self._graph[0] == version:
                        self._graph = None
                for path in written:
                    shutil.rmtree(path, ignore_errors=True)
                shutil.rmtree(self.root / VERSIONS / version, ignore_errors=True)
                raise
            self._publish(version)
            with self._cache_lock:
                for entry, made in zip(plan.entries, plan.segments, strict=True):
                    self._segments.setdefault(str(entry["id"]), made)
            self._remember(version, _Layout(manifest, plan.segments, plan.seg, plan.row))
            self._advance_keys(version, base, seg, row, plan, keys)
            self._prune({version} if previous is None else {version, previous},
                        manifest, base.manifest if base is not None else self._manifest_or_none(previous))
        return version

    def _base(self, emb_config: Mapping[str, Any], tok_config: Mapping[str, Any]) -> tuple[str | None, _Layout | None]:
        """The current version, and its layout when its segments can be reused by a write with these settings."""
        try:
            previous = self.current_version()
        except CorruptIndexError:
            return None, None
        if previous is None:
            return None, None
        try:
            manifest = self.read_manifest(previous)
            if manifest.get("embedder") != emb_config or manifest.get("tokenizer") != tok_config:
                return previous, None  # another model or tokenizer: nothing of it can be reused
            return previous, self._layout(previous, manifest)
        except IndexStoreError as exc:
            log.warning("index version %s is not reused, the new one is built in full: %s", previous, exc)
            return previous, None

    def _derive_dense(self, base: _Layout | None, version: str, spec: str, seg: np.ndarray, row: np.ndarray,
                      fresh: Segment) -> None:
        """Keep the new version's graph index made from the base version's: its passages renamed to their new
        ids (removed ones tombstoned), the fresh passages added. Without a base graph index of the same factory,
        or with too many tombstones, the next open builds it from the cached vectors instead.

        `seg` and `row` place each new passage id in the base version (segment -1: the i-th fresh passage).
        """
        if base is None or spec == "Flat":
            return
        old = self._kept_dense(str(base.manifest["version"]))
        # A kept index is only trusted once it matches its version's passages (the open checks the same).
        if old is None or old.factory != spec or len(old) != len(base.seg) or not _are_rows(old.ids(), len(base.seg)):
            return
        kept = seg >= 0
        if old.tombstones + len(old) - int(kept.sum()) > REBUILD_TOMBSTONES * len(seg):
            return
        # Base passage id -> (base segment, row) -> new passage id, through one slot per base segment row.
        offsets = np.cumsum([0, *(len(s) for s in base.segments)])
        new_of_slot = np.full(int(offsets[-1]), -1, dtype=np.int64)
        new_of_slot[offsets[seg[kept]] + row[kept]] = np.flatnonzero(kept)
        try:
            dense = old.derive(new_of_slot[offsets[base.seg] + base.row], fresh.vectors, np.flatnonzero(~kept))
        except (ValueError, RuntimeError, IndexError, MemoryError) as exc:  # best effort: the open builds it instead
            log.warning("graph index of version %s not derived from the previous one: %s", version, exc)
            return
        self._keep_dense(version, dense)

    def _serial_of(self, entries: Sequence[Mapping[str, Any]]) -> np.ndarray:
        """The serial of each segment entry (see `_keys`)."""
        return np.array([self._serials.setdefault(str(e["id"]), len(self._serials)) for e in entries], dtype=np.int64)

    def _match(self, base: _Layout | None, keys: list[Key]) -> tuple[np.ndarray, np.ndarray]:
        """For each passage, the segment (index in the base version) and row holding it, or segment -1: new."""
        seg, row = np.full(len(keys), -1, dtype=np.int64), np.zeros(len(keys), dtype=np.int64)
        if base is None:
            return seg, row
        serials = self._serial_of(base.manifest["segments"])
        version = str(base.manifest["version"])
        if self._keys is None or self._keys[0] != version:  # not the version this process wrote last: index it
            held: list[Key] = []
            for s, first, count in base.manifest["order"]:
                held.extend(base.segments[s].keys(first, first + count))
            self._keys = (version, KeyIndex.build(held, ((serials[base.seg] << 32) | base.row).tolist()))
        places = self._keys[1].match(keys)
        found = places >= 0
        index_of = np.full(int(serials.max(initial=-1)) + 1, -1, dtype=np.int64)
        index_of[serials] = np.arange(len(serials))
        seg[found], row[found] = index_of[places[found] >> 32], places[found] & 0xFFFFFFFF
        return seg, row

    def _advance_keys(self, version: str, base: _Layout | None, seg: np.ndarray, row: np.ndarray, plan: _Plan,
                      keys: list[Key]) -> None:
        """Bring the key index from the base version to the one just written: O(rows added, removed or moved)."""
        serials = self._serial_of(plan.entries)
        if base is None or self._keys is None or self._keys[0] != base.manifest["version"]:
            self._keys = (version, KeyIndex.build(keys, ((serials[plan.seg] << 32) | plan.row).tolist()))
            return
        index, old = self._keys[1], self._serial_of(base.manifest["segments"])
        offsets = np.cumsum([0, *(len(s) for s in base.segments)])
        gone = np.zeros(int(offsets[-1]), dtype=bool)
        gone[offsets[base.seg] + base.row] = True
        kept = seg >= 0
        gone[offsets[seg[kept]] + row[kept]] = False
        rows = np.flatnonzero(gone)
        for c, r in zip((np.searchsorted(offsets, rows, side="right") - 1).tolist(), rows.tolist(), strict=True):
            r -= int(offsets[c])
            index.remove(next(base.segments[c].keys(r, r + 1)), int(old[c]) << 32 | r)
        for out, sources in plan.moves:
            to = int(serials[out]) << 32
            for source, c, new_row in sources:
                moved = np.flatnonzero(new_row >= 0)
                for r, n in zip(moved.tolist(), new_row[moved].tolist(), strict=True):
                    key = (source.task_ids[r], source.kinds[r], source.texts[r])
                    if c is not None:
                        index.remove(key, int(old[c]) << 32 | r)
                    index.add(key, to | n)
        self._keys = (version, index)

    def _fresh_segment(
        self, keys: list[Key], embedder: Embedder, tokenizer: Tokenize, tok_config: dict[str, Any],
        progress: Progress | None = None,
    ) -> tuple[Segment, int]:
        """The passages to add as a segment (not yet on disk), and how many of them the model had to embed."""
        texts = [k[2] for k in keys]
        if not texts:
            if progress is not None:
                progress(0, 0)
            return Segment([], [], [], np.zeros((0, embedder.dim), dtype=np.float32), Postings.build([])), 0
        # Only passages never embedded by this model reach it, only those never cut by this tokenizer are cut.
        encoded = self.vectors.encode(texts, embedder, progress)
        tokens = self.tokens.tokenize(texts, tokenizer, tok_config)
        postings = Postings.build([content_tokens(t) for t in tokens])
        return Segment([k[0] for k in keys], [k[1] for k in keys], texts, encoded.vectors, postings), encoded.embedded

    def _lay_out(
        self, base: _Layout | None, seg: np.ndarray, row: np.ndarray, fresh: Segment, dim: int, written: list[Path],
    ) -> _Plan:
        """Apply the merge policy and write the segments it makes (the fresh one among them, unless empty).

        `seg` and `row` place each passage in the base version (segment -1: in `fresh`, in id order). Segment
        directories are added to `written` before anything goes into them, for the caller to remove on failure.
        """
        old = base.segments if base is not None else []
        seg, row = seg.copy(), row.copy()
        new = np.flatnonzero(seg < 0)
        seg[new], row[new] = len(old), np.arange(len(new))
        candidates = [*old, fresh] if len(fresh) else old
        live = np.bincount(seg, minlength=len(candidates))
        groups = merge.plan([merge.Sizes(len(s), int(n)) for s, n in zip(candidates, live, strict=True)],
                            len(runs(seg, row)), fresh=len(old) if len(fresh) else None)
        grouped = {c for g in groups for c in g}
        entries: list[dict[str, Any]] = []
        segments: list[Segment] = []
        index_of = np.full(len(candidates), -1, dtype=np.int64)
        for c, entry in enumerate(base.manifest["segments"] if base is not None else []):
            if c not in grouped and live[c] > 0:  # kept as it is, its dead rows tombstones (all dead: dropped)
                index_of[c] = len(entries)
                entries.append({**entry, "live": int(live[c])})
                segments.append(candidates[c])
        out_seg, out_row = index_of[seg], row.copy()
        moves: list[tuple[int, list[tuple[Segment, int | None, np.ndarray]]]] = []
        for group in groups:
            pids = np.flatnonzero(np.isin(seg, group))  # ascending: a merged segment's rows follow id order
            sources: list[tuple[Segment, int | None, np.ndarray]] = []
            for c in group:
                new_row = np.full(len(candidates[c]), -1, dtype=np.int64)
                mine = pids[seg[pids] == c]
                new_row[row[mine]] = np.searchsorted(pids, mine)
                sources.append((candidates[c], c if c < len(old) else None, new_row))
            if len(sources) == 1 and np.array_equal(sources[0][2], np.arange(len(sources[0][0]))):
                made = sources[0][0]  # this write's new passages, already in id order
            else:
                made = index_segment.gather([(s, new_row) for s, _, new_row in sources], len(pids), dim)
            path = self.root / SEGMENTS / segment_name("")
            written.append(path)
            files = index_segment.write(path, made)
            out_seg[pids], out_row[pids] = len(entries), np.arange(len(pids))
            moves.append((len(entries), sources))
            entries.append({"id": path.name, "rows": len(pids), "live": len(pids), "files": files})
            segments.append(index_segment.reopen(path, made))
        if written:
            fsync_path(self.root / SEGMENTS)
        return _Plan(entries, segments, out_seg, out_row, moves)

    def read_note(self, version: str, name: str) -> Any:
        """A value a reader derived from a version and kept beside it (None when there is none or it is unreadable)."""
        try:
            return json.loads((self.root / VERSIONS / version / f"note-{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_note(self, version: str, name: str, value: Any) -> None:
        """Keep a value derived from a version beside it, so a restart need not derive it again (best effort:
        the version may be pruned meanwhile); it goes when the version goes."""
        path = self.root / VERSIONS / version / f"note-{name}.json"
        try:
            atomic_write(path, json.dumps(value).encode("utf-8"))
        except OSError as exc:
            log.warning("note %s of index version %s not kept: %s", name, version, exc)

    def _write_manifest(self, version: str, manifest: Mapping[str, Any]) -> None:
        """The version's manifest, durable; its segments are on disk already. Not served until `_publish`."""
        vdir = self.root / VERSIONS / version
        vdir.mkdir(parents=True)
        atomic_write(vdir / MANIFEST, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode(),
                     durable=True)
        fsync_path(vdir.parent)

    def _publish(self, version: str) -> None:
        atomic_write(self.root / CURRENT, f"{version}\n".encode("ascii"), durable=True)

    def _manifest_or_none(self, version: str | None) -> Mapping[str, Any] | None:
        if version is None:
            return None
        try:
            return self.read_manifest(version)
        except IndexStoreError:
            return None

    def _prune(self, keep: set[str], *manifests: Mapping[str, Any] | None) -> None:
        # Under the write lock no other writer is mid-build, so anything not
        # kept is an old version or segment, or the debris of a crashed write.
        for name in self.versions():
            if name not in keep:
                try:
                    shutil.rmtree(self.root / VERSIONS / name)
                except OSError as exc:
                    log.warning("could not remove old index version %s: %s", name, exc)
        used = {str(e["id"]) for m in manifests if m is not None for e in m.get("segments", [])}
        sdir = self.root / SEGMENTS
        for path in sdir.iterdir() if sdir.is_dir() else []:
            if path.name not in used:
                try:
                    shutil.rmtree(path)
                except OSError as exc:
                    log.warning("could not remove old index segment %s: %s", path.name, exc)

    @staticmethod
    def _new_version_id() -> str:
        now = datetime.now(UTC)
        return f"{now:%Y%m%dT%H%M%S%f}Z-{secrets.token_hex(3)}"

