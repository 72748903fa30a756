"""Fusion functions: rank and score fusion properties on hand-made hit lists."""
from __future__ import annotations

import math

import pytest

from search.fusion import normalize_scores, rrf, score_fusion
from search.types import Hit


def hits(*pairs: tuple[int, float]) -> list[Hit]:
    return [Hit(pid=p, score=s) for p, s in pairs]


def pids(ranked: list[Hit]) -> list[int]:
    return [h.pid for h in ranked]


DENSE = hits((1, 0.91), (2, 0.85), (3, 0.80), (4, 0.42))
BM25 = hits((3, 12.0), (5, 7.5), (1, 3.1))


def test_rrf_of_one_ranking_keeps_order_and_uses_reciprocal_ranks() -> None:
    fused = rrf([DENSE], k=60)
    assert pids(fused) == [1, 2, 3, 4]
    assert [h.score for h in fused] == pytest.approx([1 / 61, 1 / 62, 1 / 63, 1 / 64])


def test_rrf_rewards_agreement() -> None:
    fused = rrf([DENSE, BM25])
    # 1 and 3 appear in both lists and outrank 2 and 5, which appear in one.
    assert set(pids(fused)[:2]) == {1, 3}
    assert pids(fused)[2:] == [2, 5, 4]
    assert fused[0].score == pytest.approx(1 / 61 + 1 / 63)


def test_rrf_is_symmetric_and_ignores_zero_weight() -> None:
    assert rrf([DENSE, BM25]) == rrf([BM25, DENSE])
    only_dense = rrf([DENSE, BM25], weights=[1.0, 0.0])
    assert pids(only_dense)[:4] == [1, 2, 3, 4]
    assert {h.pid for h in only_dense if h.score == 0} == {5}


def test_rrf_counts_a_repeated_pid_once_at_its_best_rank() -> None:
    assert rrf([hits((7, 1.0), (8, 0.9), (7, 0.5))]) == rrf([hits((7, 1.0), (8, 0.9))])


def test_rrf_argument_checks_and_empty_input() -> None:
    assert rrf([]) == []
    assert rrf([[], []]) == []
    with pytest.raises(ValueError):
        rrf([DENSE, BM25], weights=[1.0])
    with pytest.raises(ValueError):
        rrf([DENSE], weights=[-1.0])
    with pytest.raises(ValueError):
        rrf([DENSE], k=-1)


@pytest.mark.parametrize("method", ["minmax", "z"])
def test_score_fusion_ignores_each_lists_scale(method: str) -> None:
    # BM25 scores are unbounded, cosine lies in [-1, 1]; normalisation must make
    # the result invariant to any positive affine rescaling of one list.
    rescaled = [Hit(h.pid, 1000.0 * h.score - 3.0) for h in BM25]
    assert pids(score_fusion([DENSE, BM25], method=method)) == pids(score_fusion([DENSE, rescaled], method=method))
    a = [h.score for h in score_fusion([DENSE, BM25], method=method)]
    b = [h.score for h in score_fusion([DENSE, rescaled], method=method)]
    assert a == pytest.approx(b)


@pytest.mark.parametrize("method", ["minmax", "z"])
def test_score_fusion_of_one_list_keeps_its_order(method: str) -> None:
    assert pids(score_fusion([DENSE], method=method)) == [1, 2, 3, 4]


@pytest.mark.parametrize("method", ["minmax", "z"])
def test_a_pid_missing_from_a_list_never_beats_one_it_returned(method: str) -> None:
    first = hits((9, 1.0), (6, 1.0), (7, 0.0))  # 9 and 6 tie here; the second list decides
    only_six = {h.pid: h.score for h in score_fusion([first, hits((6, 3.0))], method=method)}
    assert only_six[6] > only_six[9]
    six_last = {h.pid: h.score for h in score_fusion([first, hits((8, 2.0), (6, 1.0))], method=method)}
    if method == "z":
        assert six_last[6] > six_last[9]
    else:
        # minmax maps the worst returned score to 0, the same as missing.
        assert six_last[6] == pytest.approx(six_last[9])


def test_an_empty_list_penalises_nobody() -> None:
    assert score_fusion([DENSE, []], method="z") == score_fusion([DENSE], method="z")


def test_weights_shift_the_winner() -> None:
    a = hits((1, 1.0), (2, 0.0))
    b = hits((2, 1.0), (1, 0.0))
    assert pids(score_fusion([a, b], weights=[0.7, 0.3]))[0] == 1
    assert pids(score_fusion([a, b], weights=[0.3, 0.7]))[0] == 2


def test_normalize_scores() -> None:
    mm = normalize_scores(BM25, "minmax")
    assert mm == pytest.approx({3: 1.0, 5: (7.5 - 3.1) / (12.0 - 3.1), 1: 0.0})
    z = normalize_scores(DENSE, "z")
    assert sum(z.values()) == pytest.approx(0.0, abs=1e-9)
    assert math.sqrt(sum(v * v for v in z.values()) / len(z)) == pytest.approx(1.0)
    assert normalize_scores(hits((1, 5.0), (2, 5.0)), "minmax") == {1: 1.0, 2: 1.0}
    assert normalize_scores(hits((1, 5.0), (2, 5.0)), "z") == {1: 0.0, 2: 0.0}
    assert normalize_scores([], "z") == {}
    with pytest.raises(ValueError):
        normalize_scores(hits((1, float("nan"))))
    with pytest.raises(ValueError):
        normalize_scores(DENSE, "softmax")  # type: ignore[arg-type]


def test_ties_are_broken_by_pid_deterministically() -> None:
    assert pids(rrf([hits((5, 1.0)), hits((2, 1.0))])) == [2, 5]
