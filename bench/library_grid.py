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
import dataclasses
import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from _common import CachedQueries, table
from library_quality import QUESTIONS, load, mrr, open_library

SETS = [QUESTIONS, QUESTIONS.with_name("library-queries-2.yaml")]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the library's data directory (bench/library_quality.py)")
    ap.add_argument("--questions", type=Path, nargs="+", default=SETS, help="question sets (all their splits)")
    ap.add_argument("--grid", required=True, help='JSON: a Ranking field -> the values to try, e.g. {"rrf_k": [10, 20]}')
    args = ap.parse_args(argv)
    grid: dict[str, list[object]] = json.loads(args.grid)
    svc = open_library(args.data)
    engine = svc.engine
    unknown = set(grid) - {f.name for f in dataclasses.fields(engine.ranking)}
    if unknown:
        ap.error(f"not a Ranking field: {', '.join(sorted(unknown))}")
    engine.embedder = CachedQueries(engine.embedder)
    questions = [(path.stem, q) for path in args.questions for q in load(path, None) if q.kind != "offtopic"]
    base = engine.ranking
    rows = []
    for values in itertools.product(*grid.values()):
        point = dict(zip(grid, values, strict=True))
        engine.ranking = dataclasses.replace(base, **point)  # type: ignore[arg-type]
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
