"""Passage vectors computed once: a disk cache keyed by the embedder's identity and the passage text's hash.

Adding, replacing or removing a document then embeds only passages never seen before; an index
version is rebuilt from cached vectors, never from the model. A change of model (or of anything in
`Embedder.config()`) is a new identity, hence a new cache: the only full re-embedding.

Layout: root/<identity>/identity.json and seg-<id>.npz segments (keys: n x 32-byte SHA-256 digests,
vectors: n x dim float32). A segment is replaced atomically (kg/files.py), so a crash leaves either the
whole segment or none; an unreadable segment is skipped (its passages are embedded
again). Callers serialise writers (the index store's write lock); readers may run at any time.
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np

from kg.files import atomic_write
from search.embed.base import Embedder
from search.segments import COMPACT_AT, config_identity, drop_merged, segment_name, unread

log = logging.getLogger(__name__)

IDENTITY_FILE: Final = "identity.json"
SUFFIX: Final = ".npz"
SEGMENT_GLOB: Final = f"seg-*{SUFFIX}"
# Passages embedded and cached together: a rebuild killed half-way keeps every chunk it finished, and its
# progress can be told. Large enough that the embedder's own batching is unaffected.
CHUNK: Final = 256

Progress = Callable[[int, int], None]  # (passages embedded so far, passages to embed)


def identity(embedder: Embedder) -> str:
    """A short, stable name for the embedder's vector space."""
    return config_identity(embedder.config())


def text_key(text: str) -> bytes:
    """The cache key of one passage text."""
    return hashlib.sha256(text.encode("utf-8")).digest()


@dataclass
class _Space:
    """The cached vectors of one embedder identity, as loaded from its segments."""

    directory: Path
    dim: int
    row_of: dict[bytes, int] = field(default_factory=dict)
    blocks: list[np.ndarray] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)  # first row of each block
    segments: set[str] = field(default_factory=set)
    rows: int = 0

    def add(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        """Make a segment's vectors findable (keys already present keep their first vector)."""
        self.offsets.append(self.rows)
        self.blocks.append(vectors)
        raw = np.ascontiguousarray(keys).tobytes()
        rows = range(self.rows, self.rows + len(vectors))
        if self.row_of:
            for key, row in zip((raw[i : i + 32] for i in range(0, len(raw), 32)), rows, strict=True):
                self.row_of.setdefault(key, row)
        else:  # the first segment read: one dict, first occurrences winning (hence reversed)
            self.row_of = dict(zip(reversed([raw[i : i + 32] for i in range(0, len(raw), 32)]), reversed(rows),
                                   strict=True))
        self.rows += len(vectors)

    def vector(self, row: int) -> np.ndarray:
        """The vector at a global row number."""
        b = int(np.searchsorted(self.offsets, row, side="right")) - 1
        return self.blocks[b][row - self.offsets[b]]


@dataclass(frozen=True)
class Encoded:
    """Vectors for a list of texts, and how many of them had to be computed now."""

    vectors: np.ndarray
    embedded: int


class VectorCache:
    """Vectors by (embedder identity, text hash) under `root`; see the module docstring."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._spaces: dict[str, _Space] = {}

    def encode(self, texts: Sequence[str], embedder: Embedder, progress: Progress | None = None) -> Encoded:
        """Vectors of `texts` in order: cached ones read, the others embedded chunk by chunk and cached."""
        space = self._space(embedder)
        keys = [text_key(t) for t in texts]
        missing: dict[bytes, str] = {}
        for key, text in zip(keys, texts, strict=True):
            if key not in space.row_of:
                missing.setdefault(key, text)
        todo = list(missing.items())
        if progress is not None:
            progress(0, len(todo))
        for start in range(0, len(todo), CHUNK):
            chunk = todo[start : start + CHUNK]
            fresh = np.ascontiguousarray(embedder.encode_passages([t for _, t in chunk]), dtype=np.float32)
            if fresh.shape != (len(chunk), space.dim):
                raise ValueError(f"embedder returned shape {fresh.shape} for {len(chunk)} passages")
            self._append(space, [k for k, _ in chunk], fresh)
            if progress is not None:
                progress(start + len(chunk), len(todo))
        out = np.empty((len(texts), space.dim), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = space.vector(space.row_of[key])
        self._maybe_compact(space)
        return Encoded(out, len(missing))

    def put(self, texts: Sequence[str], vectors: np.ndarray, embedder: Embedder) -> int:
        """Cache vectors `embedder` made elsewhere (a Milvus collection's) for texts not held; how many were new."""
        space = self._space(embedder)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(texts), space.dim):
            raise ValueError(f"{len(texts)} texts and vectors of shape {vectors.shape}; this cache holds {space.dim}-d ones")
        fresh: dict[bytes, int] = {}
        for i, text in enumerate(texts):
            key = text_key(text)
            if key not in space.row_of:
                fresh.setdefault(key, i)
        if fresh:
            self._append(space, list(fresh), vectors[list(fresh.values())])
            self._maybe_compact(space)
        return len(fresh)

    def size(self, embedder: Embedder) -> int:
        """Distinct passages cached for this embedder."""
        return len(self._space(embedder).row_of)

    # ---- disk -----------------------------------------------------------------------------------
    def _space(self, embedder: Embedder) -> _Space:
        ident = identity(embedder)
        space = self._spaces.get(ident)
        if space is None:
            directory = self.root / ident
            directory.mkdir(parents=True, exist_ok=True)
            marker = directory / IDENTITY_FILE
            if not marker.exists():
                atomic_write(marker, json.dumps(embedder.config(), ensure_ascii=False, indent=2).encode("utf-8"))
            space = self._spaces[ident] = _Space(directory, embedder.dim)
        self._load_new_segments(space)
        return space

    def _load_new_segments(self, space: _Space) -> None:
        """Segments written since the last look (by this process or another one)."""
        for path in unread(space.directory, SUFFIX, space.segments):
            try:
                with np.load(path, allow_pickle=False) as data:
                    keys, vectors = data["keys"], np.ascontiguousarray(data["vectors"], dtype=np.float32)
                if keys.shape != (len(vectors), 32) or vectors.shape[1:] != (space.dim,):
                    raise ValueError(f"shapes {keys.shape} and {vectors.shape}")
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
                log.warning("vector cache segment %s skipped: %s", path.name, exc)
                continue
            space.add(keys, vectors)

    def _append(self, space: _Space, keys: list[bytes], vectors: np.ndarray) -> None:
        """New vectors by their text keys: written as a segment, then held."""
        key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 32)
        self._write_segment(space, key_array, vectors)
        space.add(key_array, vectors)

    @staticmethod
    def _write_segment(space: _Space, keys: np.ndarray, vectors: np.ndarray) -> str:
        name = segment_name(SUFFIX)
        buf = io.BytesIO()
        np.savez(buf, keys=keys, vectors=vectors)
        atomic_write(space.directory / name, buf.getvalue())
        space.segments.add(name)
        return name

    def _maybe_compact(self, space: _Space) -> None:
        """Merge the segments into one when there are many; the merged one is written before any is removed."""
        if len(space.segments) < COMPACT_AT:
            return
        keys = np.frombuffer(b"".join(space.row_of), dtype=np.uint8).reshape(len(space.row_of), 32)
        rows = np.fromiter(space.row_of.values(), dtype=np.int64, count=len(space.row_of))
        # One gather over the concatenated blocks: a library of 100k passages is merged in a fraction of a second.
        vectors = np.concatenate(space.blocks)[rows] if space.blocks else np.empty((0, space.dim), dtype=np.float32)
        merged = self._write_segment(space, keys, vectors)
        drop_merged(space.directory, space.segments, merged)
        fresh = _Space(space.directory, space.dim, segments={merged})
        fresh.add(keys, vectors)
        space.__dict__.update(fresh.__dict__)

