"""BM25 postings of one index segment: term -> rows and term frequencies, plus each row's length, in one .npz file.

Only counts are stored, never scores: BM25 weights depend on the whole library (document frequencies, average
length), so they are computed at query time from every segment's postings (search/lexical.py) and a segment never
has to be rewritten because others came or went.
"""
from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import numpy as np

FILE: Final = "postings.npz"  # arrays indptr, rows, tf, lengths, and terms (a JSON list, as UTF-8 bytes)


@dataclass(frozen=True, eq=False)
class Postings:
    """Compressed-column postings: the rows of `terms[t]` are `rows[indptr[t]:indptr[t + 1]]`, ascending."""

    terms: list[str]
    indptr: np.ndarray  # int64 (len(terms) + 1,)
    rows: np.ndarray  # int32, row within the segment
    tf: np.ndarray  # int32, occurrences of the term in that row
    lengths: np.ndarray  # int32 (n,), content tokens per row (BM25's document length)
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t: i for i, t in enumerate(self.terms)})
        m = len(self.rows)
        if (self.indptr.shape != (len(self.terms) + 1,) or self.tf.shape != (m,)
                or self.indptr[0] != 0 or self.indptr[-1] != m or np.any(np.diff(self.indptr) < 0)
                or len(self.index) != len(self.terms)):
            raise ValueError("postings arrays disagree")
        if m and (self.rows.min() < 0 or self.rows.max() >= len(self.lengths)):
            raise ValueError("postings name rows outside the segment")

    def __len__(self) -> int:
        return len(self.lengths)

    def span(self, term: str) -> tuple[int, int] | None:
        """Where the postings of `term` lie, or None if no row of this segment has it."""
        t = self.index.get(term)
        return None if t is None else (int(self.indptr[t]), int(self.indptr[t + 1]))

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]]) -> Postings:
        """Postings of token lists (already filtered to content tokens), one per row."""
        vocab: dict[str, int] = {}
        ids = np.fromiter((vocab.setdefault(t, len(vocab)) for doc in docs for t in doc), dtype=np.int64)
        lengths = np.fromiter((len(doc) for doc in docs), dtype=np.int32, count=len(docs))
        rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
        return cls._from_pairs(list(vocab), ids, rows, np.ones(len(ids), dtype=np.int64), lengths)

    @classmethod
    def merge(cls, parts: Sequence[tuple[Postings, np.ndarray]], n: int) -> Postings:
        """One segment's postings from several: each part with the new row of each of its rows (-1: dropped)."""
        vocab: dict[str, int] = {}
        terms, rows, tfs = [], [], []
        lengths = np.zeros(n, dtype=np.int32)
        for postings, new_row in parts:
            kept = new_row >= 0
            lengths[new_row[kept]] = postings.lengths[kept]
            local = np.array([vocab.setdefault(t, len(vocab)) for t in postings.terms], dtype=np.int64)
            term_of = np.repeat(local, np.diff(postings.indptr))
            moved = new_row[postings.rows]
            keep = moved >= 0
            terms.append(term_of[keep])
            rows.append(moved[keep])
            tfs.append(postings.tf[keep].astype(np.int64))
        return cls._from_pairs(list(vocab), _cat(terms), _cat(rows), _cat(tfs), lengths)

    @classmethod
    def _from_pairs(cls, vocab: list[str], terms: np.ndarray, rows: np.ndarray, counts: np.ndarray,
                    lengths: np.ndarray) -> Postings:
        """Sum `counts` per (term, row) pair and lay the pairs out by term, then row; unused terms are dropped."""
        n = max(len(lengths), 1)
        key, inverse = np.unique(terms * n + rows, return_inverse=True)
        tf = np.bincount(inverse, weights=counts, minlength=len(key)).astype(np.int32) if len(key) else \
            np.zeros(0, dtype=np.int32)
        term, row = key // n, (key % n).astype(np.int32)
        used = np.unique(term)
        renumber = np.zeros(len(vocab), dtype=np.int64)
        renumber[used] = np.arange(len(used))
        indptr = np.zeros(len(used) + 1, dtype=np.int64)
        np.cumsum(np.bincount(renumber[term], minlength=len(used)), out=indptr[1:])
        return cls([vocab[t] for t in used.tolist()], indptr, row, tf, np.asarray(lengths, dtype=np.int32))

    def to_bytes(self) -> bytes:
        """The postings as an uncompressed .npz (no pickle), as `save` writes them."""
        buf = io.BytesIO()
        terms = np.frombuffer(json.dumps(self.terms, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                              dtype=np.uint8)
        np.savez(buf, indptr=self.indptr, rows=self.rows, tf=self.tf, lengths=self.lengths, terms=terms)
        return buf.getvalue()

    def save(self, path: Path) -> None:
        """Write the postings to one .npz file."""
        path.write_bytes(self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> Postings:
        """Read postings written by `save`; ValueError if the file is damaged or its arrays disagree."""
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {name: data[name] for name in ("indptr", "rows", "tf", "lengths", "terms")}
        except (zipfile.BadZipFile, EOFError) as exc:
            raise ValueError(f"unreadable postings: {type(exc).__name__}") from exc
        except KeyError as exc:
            raise ValueError(f"postings lack the array {exc}") from exc
        terms = json.loads(arrays["terms"].tobytes().decode("utf-8"))
        if not isinstance(terms, list):
            raise ValueError("the term list is not a list")
        return cls(terms, arrays["indptr"].astype(np.int64, copy=False), arrays["rows"].astype(np.int32, copy=False),
                   arrays["tf"].astype(np.int32, copy=False), arrays["lengths"].astype(np.int32, copy=False))


def _cat(arrays: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.int64)
