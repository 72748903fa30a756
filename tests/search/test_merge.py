"""The segment merge policy: tiers, tombstones, fragmentation, and its amortised cost over many writes."""
from __future__ import annotations

import math

from search.merge import FAN_IN, MAX_SEGMENTS, MIN_RUNS, Sizes, plan, tier


def live(*sizes: int) -> list[Sizes]:
    return [Sizes(n, n) for n in sizes]


def test_tiers_are_powers_of_the_fan_in() -> None:
    assert [tier(n) for n in (0, 1, 3, 4, 15, 16, 100, 100_000)] == [0, 0, 0, 1, 1, 2, 3, 8]


def test_a_new_segment_is_written_alone_until_a_tier_fills() -> None:
    assert plan(live(10_000, 100, 100), runs=3, fresh=2) == [[2]]
    # The fourth segment of 100 rows in tier 3: the three before and the new one become one.
    assert plan(live(10_000, 100, 100, 100, 100), runs=5, fresh=4) == [[1, 2, 3, 4]]


def test_merges_cascade_up_the_tiers() -> None:
    # Four of 100 make 400 (tier 4), the fourth segment of that tier: all of them merge again.
    assert plan(live(400, 400, 400, 100, 100, 100, 100), runs=7, fresh=6) == [[0, 1, 2, 3, 4, 5, 6]]


def test_dead_rows_compact_a_segment_or_everything() -> None:
    half_dead = [Sizes(10_000, 10_000), Sizes(1_000, 400), Sizes(100, 100)]
    assert plan(half_dead, runs=3, fresh=2) == [[1], [2]]  # more than half dead: rewritten with its live rows
    quarter_dead = [Sizes(1_000, 700), Sizes(100, 100)]
    assert plan(quarter_dead, runs=2, fresh=1) == [[0, 1]]  # over a quarter of all rows dead: one segment
    gone = [Sizes(1_000, 1_000), Sizes(100, 0), Sizes(50, 50)]
    assert plan(gone, runs=2, fresh=2) == [[2]]  # a segment with no live row is in no group: dropped


def test_fragmented_ids_compact_into_id_order() -> None:
    assert plan(live(1_000, 100), runs=MIN_RUNS, fresh=1) == [[1]]
    assert plan(live(1_000, 100), runs=MIN_RUNS + 1, fresh=1) == [[0, 1]]
    assert plan(live(100_000, 100), runs=MIN_RUNS + 1, fresh=1) == [[1]]  # a big library tolerates more runs


def test_a_write_without_new_passages_merges_nothing_needlessly() -> None:
    assert plan(live(10_000, 100), runs=2) == []


def test_amortised_cost_and_segment_count_over_a_thousand_ingests() -> None:
    # 1,000 documents of 100 passages, one write each: what a library of 100k passages went through.
    segments: list[int] = []
    rewritten, most = 0, 0
    for _ in range(1_000):
        sizes = [*segments, 100]
        groups = plan(live(*sizes), runs=len(sizes), fresh=len(sizes) - 1)
        merged = {i for g in groups for i in g}
        rewritten += sum(sizes[i] for g in groups for i in g)
        segments = [n for i, n in enumerate(sizes) if i not in merged] + [sum(sizes[i] for i in g) for g in groups]
        most = max(most, len(segments))
    added = 100 * 1_000
    assert sum(segments) == added
    assert rewritten <= added * (1 + math.log(added / 100, FAN_IN))  # each passage climbs each tier once at most
    assert most <= min(MAX_SEGMENTS, (FAN_IN - 1) * (tier(added) - tier(100) + 1))
