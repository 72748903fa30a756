"""Pure functions that merge ranked hit lists from several retrievers into one."""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from search.types import Hit

Normalization = Literal["minmax", "z"]


def _check_weights(n: int, weights: Sequence[float] | None) -> list[float]:
    if weights is None:
        return [1.0] * n
    if len(weights) != n:
        raise ValueError(f"got {len(weights)} weights for {n} rankings")
    out = [float(w) for w in weights]
    if any(not math.isfinite(w) or w < 0 for w in out):
        raise ValueError("weights must be finite and >= 0")
    return out


def _ranked(scores: dict[int, float]) -> list[Hit]:
    # Ties broken by pid so the output never depends on dict or input order.
    return [Hit(pid=p, score=s) for p, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))]


def rrf(rankings: Sequence[Sequence[Hit]], k: int = 60, weights: Sequence[float] | None = None) -> list[Hit]:
    """Reciprocal rank fusion: score(d) = sum_i w_i / (k + rank_i(d)), ranks from 1.

    Only ranks matter, so retrievers with incomparable scores (BM25 vs cosine)
    combine without calibration; k=60 is the value of Cormack et al. (2009).
    A pid repeated within one ranking counts at its best rank only.
    """
    if k < 0:
        raise ValueError("k must be >= 0")
    ws = _check_weights(len(rankings), weights)
    fused: dict[int, float] = {}
    for ranking, w in zip(rankings, ws, strict=True):
        seen: set[int] = set()
        for rank, hit in enumerate(ranking, start=1):
            if hit.pid in seen:
                continue
            seen.add(hit.pid)
            fused[hit.pid] = fused.get(hit.pid, 0.0) + w / (k + rank)
    return _ranked(fused)


def normalize_scores(hits: Sequence[Hit], method: Normalization = "minmax") -> dict[int, float]:
    """Per-list score normalisation used by `score_fusion`; a repeated pid keeps its best score.

    minmax maps the list onto [0, 1] (all 1.0 if every score is equal: each
    was returned, none is worse); z subtracts the mean and divides by the
    standard deviation (all 0.0 if it is zero).
    """
    best: dict[int, float] = {}
    for h in hits:
        if not math.isfinite(h.score):
            raise ValueError(f"score of pid {h.pid} is not finite")
        if h.pid not in best or h.score > best[h.pid]:
            best[h.pid] = h.score
    if not best:
        return {}
    values = list(best.values())
    if method == "minmax":
        lo, hi = min(values), max(values)
        span = hi - lo
        return {p: (s - lo) / span if span > 0 else 1.0 for p, s in best.items()}
    if method == "z":
        mean = sum(values) / len(values)
        std = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        return {p: (s - mean) / std if std > 0 else 0.0 for p, s in best.items()}
    raise ValueError(f"unknown normalization {method!r}; valid: minmax, z")


def score_fusion(
    rankings: Sequence[Sequence[Hit]],
    weights: Sequence[float] | None = None,
    method: Normalization = "minmax",
) -> list[Hit]:
    """Weighted sum of per-list normalised scores (convex combination when weights sum to 1).

    A pid missing from a list gets that list's floor: 0.0 under minmax (the
    worst returned score), and one standard deviation below the worst returned
    score under z, since a document a retriever did not return ranks below
    everything it did return.
    """
    ws = _check_weights(len(rankings), weights)
    normed = [normalize_scores(r, method) for r in rankings]
    pids = {p for n in normed for p in n}
    fused = dict.fromkeys(pids, 0.0)
    for n, w in zip(normed, ws, strict=True):
        if not n:
            continue  # an empty list has no opinion; it must not penalise anyone
        floor = 0.0 if method == "minmax" else min(n.values()) - 1.0
        for p in pids:
            fused[p] += w * n.get(p, floor)
    return _ranked(fused)
