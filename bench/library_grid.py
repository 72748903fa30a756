"""The hybrid ranker's constants over a grid, on library questions already measured (issue 14): is there a better plateau?

Held-out questions measured once are spent as held-out questions; pooled, they are a larger tuning set than the
tune split alone. Each grid point ranks every on-topic question of the given sets with `search/engine.py`
`Ranking` changed as given (query vectors embedded once), and prints MRR@10 per kind and per set. Whatever it
finds is a tuning result: only a set not yet run can say how a change does.

    .venv/bin/python bench/library_grid.py --data /tmp/lib61e5 \\
        --grid '{"lexical_trust_low": [0.2, 0.3, 0.4, 0.5], "lexical_trust_high": [0.6, 0.8, 1.0], "rrf_k": [10, 20, 40], "depth": [10, 20]}'
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from _common import CachedQueries, apply_ranking, parse_overrides, table
from library_quality import QUESTIONS, load_sets, mrr, open_library

SETS = sorted(QUESTIONS.parent.glob("library-queries*.yaml"))  # every set written so far (all spent by 2026-12-03)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the library's data directory (bench/library_quality.py)")
    ap.add_argument("--questions", type=Path, nargs="+", default=SETS, help="question sets (all their splits)")
    ap.add_argument("--grid", required=True, help='JSON: a Ranking field -> the values to try, e.g. {"rrf_k": [10, 20]}')
    args = ap.parse_args(argv)
    grid: dict[str, list[object]] = json.loads(args.grid)
    # Every point checked and typed as `--ranking key=value` is, before the library opens.
    points = [parse_overrides([",".join(f"{key}={value}" for key, value in zip(grid, values, strict=True))])
              for values in itertools.product(*grid.values())]
    svc = open_library(args.data)
    engine = svc.engine
    engine.embedder = CachedQueries(engine.embedder)
    questions = [(name, q) for name, q in load_sets(args.questions, svc) if q.kind != "offtopic"]
    base = engine.ranking
    rows = []
    for point in points:
        engine.ranking = base
        apply_ranking(engine, point)
        by: dict[str, list[float]] = {}
        for name, q in questions:
            score = mrr([h.id for h in svc.search(q.q, k=10).hits], q.grades)
            for key in (name, q.kind, "all"):
                by.setdefault(key, []).append(score)
        means = {key: sum(v) / len(v) for key, v in by.items()}
        rows.append((means["all"], point, means))
        print(point, f"all {means['all']:.4f}", flush=True)
    engine.ranking = base
    keys = sorted({k for _, _, m in rows for k in m} - {"all"})
    rows.sort(key=lambda r: -r[0])
    current = {k: getattr(base, k) for k in grid}
    print(table(["point", "all", *keys],
                [[("* " if p == current else "") + json.dumps(p), f"{a:.4f}", *(f"{m[k]:.3f}" for k in keys)]
                 for a, p, m in rows]))
    print(f"{len(questions)} on-topic questions; * = the shipped constants")
    return 0


if __name__ == "__main__":
    sys.exit(main())
