"""Which index segments a write merges: size tiers, plus tombstone and fragmentation triggers (pure functions).

Each write adds one segment holding only its new passages. Left alone, segments would pile up (one per ingest)
and tombstones would keep dead rows on disk for ever, so after each write the store merges, by this policy:

- Tiers. A segment's tier is floor(log4(live rows)). When FAN_IN (4) segments share a tier they are merged
  into one, which holds at least 4**(tier+1) rows and so lands at least one tier up; merges cascade. A passage is
  rewritten at most once per tier it climbs: a 100-passage document's rows climb from tier 3 to tier 8 in a
  library of 100k passages, 5 rewrites at most (3.8 on average over 1,000 such writes, tests/search/test_merge.py).
  So the merge cost of a write is O(new passages * log library) on average, and there are at most FAN_IN - 1
  segments per tier, a handful in all (plus a hard cap, MAX_SEGMENTS).
- Tombstones. A segment more than half dead is rewritten with its live rows; when a quarter of all rows are
  dead, everything is merged into one segment. Both costs are paid for by the deletions that caused them
  (O(1) per deleted passage).
- Fragmentation. Passage ids follow the caller's order, so each version maps ids to segment rows as runs
  (search/layout.py); a document added in the middle splits a run. When there are more runs than
  max(MIN_RUNS, live / 16), everything is merged into one segment laid out in id order (one run again). A write
  adds a few runs, so this comes once in about live / 50 writes.

Merging a large tier and merging everything are the O(library) steps. The rules bound how often they come, not
their size: the write that triggers one waits for it (about 2 s for 70k passages, measured).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

FAN_IN: Final = 4
MAX_SEGMENTS: Final = 16
SEGMENT_DEAD_SHARE: Final = 0.5
DEAD_SHARE: Final = 0.25
MIN_RUNS: Final = 256


@dataclass(frozen=True)
class Sizes:
    """What the policy knows of a segment: all its rows and those still live."""

    rows: int
    live: int


def tier(live: int) -> int:
    """Size tier of a segment with `live` rows."""
    return int(math.log(max(live, 1), FAN_IN))


def plan(segments: list[Sizes], runs: int, fresh: int | None = None) -> list[list[int]]:
    """Groups of segment indexes to write as one segment each; segments in no group are kept as they are.

    `fresh` is the segment of this write's new passages, not on disk yet: it is always in a group (alone when
    nothing merges with it). A group of one other segment rewrites it without its dead rows. Segments with no
    live row are in no group: the caller drops them. `runs` is the number of id runs the version would have
    without merging.
    """
    alive = [i for i, s in enumerate(segments) if s.live > 0]
    rows = sum(segments[i].rows for i in alive)
    live = sum(segments[i].live for i in alive)
    if alive and (rows - live > DEAD_SHARE * rows or runs > max(MIN_RUNS, live // 16)):
        return [alive]
    # Each pending segment: the original indexes it is made of, its live rows, whether it has to be written.
    pending = [([i], segments[i].live,
                i == fresh or segments[i].rows - segments[i].live > SEGMENT_DEAD_SHARE * segments[i].rows)
               for i in alive]
    while True:
        tiers: dict[int, list[int]] = {}
        for j, (_, n, _) in enumerate(pending):
            tiers.setdefault(tier(n), []).append(j)
        full = sorted(t for t, js in tiers.items() if len(js) >= FAN_IN)
        if full:
            pending = _merge(pending, tiers[full[0]])
        elif len(pending) > MAX_SEGMENTS:
            smallest = sorted(range(len(pending)), key=lambda j: pending[j][1])[: len(pending) - MAX_SEGMENTS + 1]
            pending = _merge(pending, smallest)
        else:
            return [sorted(members) for members, _, dirty in pending if dirty]


def _merge(pending: list[tuple[list[int], int, bool]], chosen: list[int]) -> list[tuple[list[int], int, bool]]:
    members = [i for j in chosen for i in pending[j][0]]
    merged = (members, sum(pending[j][1] for j in chosen), True)
    return [p for j, p in enumerate(pending) if j not in chosen] + [merged]
