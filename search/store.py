"""Versioned on-disk index store: build a version apart, switch atomically, never serve a bad one."""
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
from search.dense import DenseIndex
from search.embed.base import Embedder
from search.lexical import LexicalIndex, Tokenize
from search.tokens import TokenCache
from search.types import Hit, Passage
from search.vectors import VectorCache

log = logging.getLogger(__name__)

FORMAT: Final = 1
CURRENT: Final = "CURRENT"
VERSIONS: Final = "versions"
LOCK_FILE: Final = "write.lock"
MANIFEST: Final = "manifest.json"
PASSAGES: Final = "passages.jsonl"
DENSE: Final = "dense"
LEXICAL: Final = "lexical"
VECTORS: Final = "vectors"  # the passage vector cache, shared by every version
TOKENS: Final = "tokens"  # the passage token cache, likewise
# Version ids sort by creation time; the pattern also keeps a tampered
# CURRENT from pointing outside versions/.
_VERSION_RE: Final = re.compile(r"^\d{8}T\d{12}Z-[0-9a-f]{6}$")


class IndexStoreError(Exception):
    """Base of store errors; messages name versions and models, never filesystem paths."""


class NoIndexError(IndexStoreError):
    """No version has been published yet."""


class CorruptIndexError(IndexStoreError):
    """The current version is incomplete or inconsistent and is refused."""


class ModelMismatchError(IndexStoreError):
    """The index was built by a different embedder than the one offered to search it."""


class TokenizerMismatchError(IndexStoreError):
    """The index was built with a different tokenizer configuration."""


def _jsonable(value: Mapping[str, Any]) -> dict[str, Any]:
    # Round-trip so tuples/lists and key order compare the way the manifest stores them.
    return json.loads(json.dumps(dict(value), ensure_ascii=False, sort_keys=True))


def _describe(config: Mapping[str, Any]) -> str:
    return f"{config.get('backend')}:{config.get('model')} (dim {config.get('dim')})"


def _fsync_tree(root: Path) -> None:
    """fsync every file, then every directory bottom-up, so the tree survives a power cut."""
    dirs: list[Path] = []
    for dirpath, _dirnames, filenames in os.walk(root):
        dirs.append(Path(dirpath))
        for name in filenames:
            fsync_path(Path(dirpath) / name)
    for d in reversed(dirs):
        fsync_path(d)


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

    def lexical_search(self, query: str, k: int) -> list[Hit]:
        """Top-k passages by BM25 for a query string."""
        return self.lexical.search(query, k)


class IndexStore:
    """Index versions under `root`: root/versions/<id>/ plus root/CURRENT naming the served one.

    Writers are serialised by a threading.Lock (threads of this process) and
    an fcntl lock file (other processes, e.g. a CLI re-index while the server
    runs). Readers take no lock: CURRENT only ever names a complete, fsynced
    version, and os.replace switches it atomically. After each write only the
    new version and the one it replaced remain (rollback without re-embedding).
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._lock = threading.Lock()
        self.vectors = VectorCache(self.root / VECTORS)
        self.tokens = TokenCache(self.root / TOKENS)

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
        """Manifest of `version` (default: the current one), e.g. to pick the embedder before `open`."""
        version = version or self._require_current()
        try:
            data = json.loads((self.root / VERSIONS / version / MANIFEST).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CorruptIndexError(f"index version {version} has no manifest") from None
        except (OSError, ValueError) as exc:
            raise CorruptIndexError(f"index version {version} has an unreadable manifest") from exc
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
        given and differs, CorruptIndexError if counts or ids disagree.
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
        vdir = self.root / VERSIONS / version
        try:
            passages = self._read_passages(vdir / PASSAGES)
            dense = DenseIndex.load(vdir / DENSE)
            lexical = LexicalIndex.load(vdir / LEXICAL, tokenizer)
        except FileNotFoundError as exc:
            raise CorruptIndexError(f"index version {version} is missing files") from exc
        except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
            # RuntimeError: faiss reports unreadable index files that way.
            raise CorruptIndexError(f"index version {version} cannot be loaded: {type(exc).__name__}") from exc
        self._validate(version, manifest, passages, dense, lexical)
        return OpenIndex(version=version, manifest=manifest, passages=passages, dense=dense, lexical=lexical)

    @staticmethod
    def _read_passages(path: Path) -> list[Passage]:
        with path.open(encoding="utf-8") as f:
            return [Passage.from_json(json.loads(line)) for line in f if line.strip()]

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
        rows = np.arange(len(passages), dtype=np.int64)
        if any(p.pid != i for i, p in enumerate(passages)):
            raise CorruptIndexError(f"index version {version}: passage ids are not row numbers")
        if not np.array_equal(np.sort(dense.ids()), rows) or not np.array_equal(np.sort(lexical.ids()), rows):
            raise CorruptIndexError(f"index version {version}: index ids do not match the passage table")
        if dense.dim != manifest.get("embedder", {}).get("dim"):
            raise CorruptIndexError(f"index version {version}: vector dimension differs from its embedder")

    # -- writing ---------------------------------------------------------

    def _write_lock(self) -> contextlib.AbstractContextManager[None]:
        """Writers of this process and of others (a CLI reindex beside the server) take turns."""
        return writers_lock(self._lock, self.root / LOCK_FILE)

    def write(
        self,
        passages: Sequence[Passage],
        embedder: Embedder,
        tokenizer: Tokenize,
        tokenizer_config: Mapping[str, Any],
        factory: str | None = None,
        source: Mapping[str, Any] | None = None,
    ) -> str:
        """Build a new version from `passages`, publish it, prune old ones; returns the version id.

        `passages[i].pid` must equal i. Nothing is served from the new version
        until it is complete and fsynced; on any error it is removed and the
        previous version stays current.
        """
        for i, p in enumerate(passages):
            if p.pid != i:
                raise ValueError(f"passage at row {i} has pid {p.pid}; pids must be row numbers 0..n-1")
        tok_config = _jsonable(tokenizer_config)
        emb_config = _jsonable(embedder.config())
        texts = [p.text for p in passages]
        ids = np.arange(len(passages), dtype=np.int64)

        with self._write_lock():
            try:
                previous = self.current_version()
            except CorruptIndexError:
                previous = None
            version = self._new_version_id()
            vdir = self.root / VERSIONS / version
            vdir.mkdir(parents=True)
            try:
                # Only passages never embedded by this model reach it; the rest come from the cache.
                encoded = self.vectors.encode(texts, embedder)
                vectors = encoded.vectors
                dense = DenseIndex.build(vectors, ids, factory)
                dense.save(vdir / DENSE)
                # Likewise the tokens: only passages never cut by this tokenizer configuration are cut now.
                tokens = self.tokens.tokenize(texts, tokenizer, tok_config)
                lexical = LexicalIndex.build(texts, ids.tolist(), tokenizer, tokens=tokens)
                lexical.save(vdir / LEXICAL)
                with (vdir / PASSAGES).open("w", encoding="utf-8") as f:
                    for p in passages:
                        f.write(json.dumps(p.to_json(), ensure_ascii=False) + "\n")
                manifest = {
                    "format": FORMAT,
                    "version": version,
                    "created": datetime.now(UTC).isoformat(timespec="seconds"),
                    "embedder": emb_config,
                    "factory": dense.factory,
                    "dense": {"ef_search": dense.ef_search, "nprobe": dense.nprobe, "metric": "inner_product"},
                    "tokenizer": tok_config,
                    "lexical": lexical.params,
                    "passage_count": len(passages),
                    "vector_count": len(dense),
                    "lexical_doc_count": lexical.doc_count,
                    "embedded": encoded.embedded,  # passages this version had to embed (the rest were cached)
                    # What the passages were built from, so a caller can tell a stale index.
                    "source": _jsonable(source or {}),
                }
                # Written last: a version without a manifest is unfinished by construction.
                (vdir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
                _fsync_tree(vdir)
                fsync_path(vdir.parent)
            except BaseException:
                shutil.rmtree(vdir, ignore_errors=True)
                raise
            self._publish(version)
            self._prune(keep={version} if previous is None else {version, previous})
        return version

    def _publish(self, version: str) -> None:
        atomic_write(self.root / CURRENT, f"{version}\n".encode("ascii"), durable=True)

    def _prune(self, keep: set[str]) -> None:
        # Under the write lock no other writer is mid-build, so anything not
        # kept is an old version or the debris of a crashed write.
        for name in self.versions():
            if name not in keep:
                try:
                    shutil.rmtree(self.root / VERSIONS / name)
                except OSError as exc:
                    log.warning("could not remove old index version %s: %s", name, exc)

    @staticmethod
    def _new_version_id() -> str:
        now = datetime.now(UTC)
        return f"{now:%Y%m%dT%H%M%S%f}Z-{secrets.token_hex(3)}"
