"""One immutable index segment: passages one write added (or a merge gathered), their vectors and BM25 postings.

Files (segments/<id>/): passages.json (three parallel lists: task ids, kinds, texts), vectors.npy (rows x dim
float32, a file of its own so that it can be memory-mapped) and postings.npz (search/postings.py); three files, three
fsyncs a write. A segment knows nothing of passage ids: a version maps ids to rows. Each file's size and CRC-32 are
recorded in the manifest of every version using the segment and checked when a process first loads it, so a damaged
segment is refused, never served. Not to be confused with search/segments.py, the caches' files.
"""
from __future__ import annotations

import io
import json
import os
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np

from kg.files import fsync_path
from search.postings import FILE as POSTINGS
from search.postings import Postings
from search.types import Passage

PASSAGES: Final = "passages.json"
VECTORS: Final = "vectors.npy"
FILES: Final = (PASSAGES, VECTORS, POSTINGS)
_CHUNK: Final = 1 << 22


@dataclass(frozen=True, eq=False)
class Segment:
    """A segment in memory; `vectors` is usually a read-only memory map of its file."""

    task_ids: list[str]
    kinds: list[str]
    texts: list[str]
    vectors: np.ndarray
    postings: Postings
    # Passage objects made for this segment's rows by the last version assembled from it, and the pid each carries
    # (-1: none yet); the next version reuses those whose pid it keeps (see search/store.py).
    made: list[Passage | None] = field(init=False, repr=False)
    made_pid: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.texts)
        if len(self.task_ids) != n or len(self.kinds) != n or len(self.vectors) != n or len(self.postings) != n:
            raise ValueError(
                f"segment parts disagree: {len(self.task_ids)} task ids, {len(self.kinds)} kinds, {n} texts, "
                f"{len(self.vectors)} vectors, {len(self.postings)} lexical rows")
        object.__setattr__(self, "made", [None] * n)
        object.__setattr__(self, "made_pid", np.full(n, -1, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.texts)

    def keys(self, start: int, end: int) -> zip[tuple[str, str, str]]:
        """Content keys (task id, kind, text) of rows start..end-1."""
        return zip(self.task_ids[start:end], self.kinds[start:end], self.texts[start:end], strict=True)


def gather(sources: Sequence[tuple[Segment, np.ndarray]], n: int, dim: int) -> Segment:
    """A segment of n rows taken from others: each source with the new row of each of its rows (-1: left out)."""
    task_ids: list[str] = [""] * n
    kinds: list[str] = [""] * n
    texts: list[str] = [""] * n
    vectors = np.empty((n, dim), dtype=np.float32)
    for seg, new_row in sources:
        old = np.flatnonzero(new_row >= 0)
        new = new_row[old]
        for o, r in zip(old.tolist(), new.tolist(), strict=True):
            task_ids[r], kinds[r], texts[r] = seg.task_ids[o], seg.kinds[o], seg.texts[o]
        vectors[new] = seg.vectors[old]
    postings = Postings.merge([(seg.postings, new_row) for seg, new_row in sources], n)
    return Segment(task_ids, kinds, texts, vectors, postings)


def _npy(array: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(array), allow_pickle=False)
    return buf.getvalue()


def write(directory: Path, seg: Segment) -> dict[str, list[int]]:
    """Write and fsync a segment's files into a new directory; returns each file's [size, CRC-32]."""
    directory.mkdir(parents=True)
    columns = {"task_id": seg.task_ids, "kind": seg.kinds, "text": seg.texts}
    data = {
        PASSAGES: json.dumps(columns, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        VECTORS: _npy(np.asarray(seg.vectors, dtype=np.float32)),
        POSTINGS: seg.postings.to_bytes(),
    }
    sums: dict[str, list[int]] = {}
    for name, content in data.items():
        with open(directory / name, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        sums[name] = [len(content), zlib.crc32(content)]
    fsync_path(directory)
    return sums


def reopen(directory: Path, seg: Segment) -> Segment:
    """The segment just written from `seg`, its vectors now mapped from the file instead of held in memory."""
    vectors = np.load(directory / VECTORS, mmap_mode="r" if len(seg) else None, allow_pickle=False)
    return Segment(seg.task_ids, seg.kinds, seg.texts, vectors, seg.postings)


def _check(path: Path, size: int, crc: int) -> None:
    with open(path, "rb") as fh:
        if os.fstat(fh.fileno()).st_size != size:
            raise ValueError(f"segment file {path.name} has the wrong size")
        got = 0
        while chunk := fh.read(_CHUNK):
            got = zlib.crc32(chunk, got)
    if got != crc:
        raise ValueError(f"segment file {path.name} fails its checksum")


def read(directory: Path, files: Mapping[str, Sequence[int]], rows: int, dim: int) -> Segment:
    """Load a segment after checking every file against its recorded size and checksum.

    FileNotFoundError if a file is missing, ValueError if one is damaged or the parts disagree.
    """
    if set(files) != set(FILES):
        raise ValueError("segment file list differs from the expected one")
    for name in FILES:
        size, crc = files[name]
        _check(directory / name, int(size), int(crc))
    columns = json.loads((directory / PASSAGES).read_text(encoding="utf-8"))
    if not isinstance(columns, dict):
        raise ValueError("segment passages are not an object")
    task_ids, kinds, texts = (columns.get(key) for key in ("task_id", "kind", "text"))
    # Lists are enough: the checksum vouches for the contents, and Passage checks the fields it is made from.
    if not all(isinstance(column, list) for column in (task_ids, kinds, texts)):
        raise ValueError("segment passage columns are malformed")
    # Mapped, not read: the dense index copies the rows it needs; an empty array is read instead of mapped.
    vectors = np.load(directory / VECTORS, mmap_mode="r" if rows else None, allow_pickle=False)
    postings = Postings.load(directory / POSTINGS)
    counts = {"passages": len(texts), "task ids": len(task_ids), "kinds": len(kinds),  # type: ignore[arg-type]
              "vectors": len(vectors), "lexical rows": len(postings), "manifest rows": rows}
    if len(set(counts.values())) != 1:
        detail = ", ".join(f"{name} {n}" for name, n in counts.items())
        raise ValueError(f"a segment is inconsistent ({detail})")
    if vectors.shape[1:] != (dim,) or vectors.dtype != np.float32:
        raise ValueError(f"segment vectors have shape {vectors.shape}, expected dimension {dim}")
    return Segment(task_ids, kinds, texts, vectors, postings)  # type: ignore[arg-type]
