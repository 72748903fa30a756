"""Where a version's passages live: passage ids to segment rows as runs, and the content diff a write starts from.

Pure functions over arrays; search/store.py does the files.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

Key = tuple[str, str, str]  # (task id, kind, text): what makes two passages of two versions the same passage


def runs(seg: np.ndarray, row: np.ndarray) -> list[list[int]]:
    """[segment, first row, count] runs listing the rows of passage ids 0..n-1 in order."""
    if not len(seg):
        return []
    starts = np.flatnonzero(np.concatenate([[True], (np.diff(seg) != 0) | (np.diff(row) != 1)]))
    counts = np.diff(np.concatenate([starts, [len(seg)]]))
    return np.stack([seg[starts], row[starts], counts], axis=1).tolist()


def places(order: Sequence[Sequence[int]], sizes: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Segment and row of each passage id, from a version's runs; ValueError if a run leaves its segment or two
    ids share a row."""
    table = np.asarray(order, dtype=np.int64).reshape(-1, 3)
    seg_of_run, first, count = table[:, 0], table[:, 1], table[:, 2]
    rows = np.asarray(sizes, dtype=np.int64)
    if len(table) and ((count <= 0).any() or (first < 0).any() or (seg_of_run < 0).any()
                       or (seg_of_run >= len(rows)).any() or (first + count > rows[seg_of_run]).any()):
        raise ValueError("a run names rows outside its segment")
    seg = np.repeat(seg_of_run, count)
    row = np.repeat(first - np.concatenate([[0], np.cumsum(count)[:-1]]), count) + np.arange(len(seg))
    offsets = np.concatenate([[0], np.cumsum(rows)])
    if len(seg) and np.bincount(offsets[seg] + row, minlength=int(offsets[-1])).max() > 1:
        raise ValueError("two passage ids map to one row")
    return seg, row


def pids_by_row(seg: np.ndarray, row: np.ndarray, sizes: Sequence[int]) -> list[np.ndarray]:
    """For each segment, the passage id of each of its rows (-1: a tombstone)."""
    out = [np.full(n, -1, dtype=np.int64) for n in sizes]
    order = np.argsort(seg, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(seg, minlength=len(sizes)))])
    for s, pids_of in enumerate(out):
        pids = order[bounds[s] : bounds[s + 1]]
        pids_of[row[pids]] = pids
    return out


@dataclass(frozen=True)
class KeyIndex:
    """Where each content key is held (a place: any int the caller encodes rows as), kept up to date in place.

    `first` holds one place per key, `more` the further places of keys held more than once (a repeated sentence).
    """

    first: dict[Key, int]
    more: dict[Key, list[int]]

    @classmethod
    def build(cls, keys: Sequence[Key], places: Sequence[int]) -> KeyIndex:
        """Index `keys[i]` at `places[i]`."""
        first = dict(zip(reversed(keys), reversed(places), strict=True))
        more: dict[Key, list[int]] = {}
        if len(first) != len(keys):
            for key, place in zip(keys, places, strict=True):
                if first[key] != place:
                    more.setdefault(key, []).append(place)
        return cls(first, more)

    def add(self, key: Key, place: int) -> None:
        """`key` is held at `place` too."""
        if self.first.setdefault(key, place) != place:
            self.more.setdefault(key, []).append(place)

    def remove(self, key: Key, place: int) -> None:
        """`key` is no longer held at `place`."""
        extra = self.more.get(key)
        if self.first.get(key) == place:
            if extra:
                self.first[key] = extra.pop()
            else:
                del self.first[key]
        elif extra is not None:
            extra.remove(place)
        if extra is not None and not extra:
            del self.more[key]

    def match(self, keys: Sequence[Key]) -> np.ndarray:
        """For each key a place holding it, no place twice, or -1: a passage to add."""
        get = self.first.get
        src = np.array([get(k, -1) for k in keys], dtype=np.int64)
        held = np.sort(src[src >= 0])
        twice = held[1:][held[1:] == held[:-1]]
        if self.more or len(twice):
            # The same passage more than once: each copy takes a place of its own, or is new.
            claims: dict[Key, int] = {}
            suspects = np.flatnonzero(np.isin(src, twice)).tolist() if len(twice) else []
            for i in sorted({*suspects, *(i for i, key in enumerate(keys) if key in self.more)}):
                key = keys[i]
                places = [self.first[key], *self.more.get(key, ())]
                c = claims.get(key, 0)
                src[i] = places[c] if c < len(places) else -1
                claims[key] = c + 1
        return src
