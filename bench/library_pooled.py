"""Held-out results of bench/library_quality.py runs pooled: MRR@10 per kind over every question of the runs, hybrid's
lead over the better single ranker and over plain RRF with 95 % paired-bootstrap intervals, and the relevance
verdicts with 95 % Wilson intervals. Reads the runs' saved top-10s; ranks nothing again.

    .venv/bin/python bench/library_pooled.py \\
        library-quality-heldout-s32.json:bench/library-queries.yaml \\
        library-quality-heldout2.json:bench/library-queries-2.yaml
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import numpy as np
from _common import ROOT, table
from library_quality import KINDS, Question, lead_interval, load, mrr, wilson

RESULTS = ROOT / "bench" / "results"


def _share(text: str) -> tuple[int, int]:
    """"22/24" -> (22, 24)."""
    hits, n = text.split("/")
    return int(hits), int(n)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs", nargs="+", help="RESULT.json:QUESTIONS.yaml (a results file in bench/results, its question set)")
    args = ap.parse_args(argv)
    scores: dict[str, list[tuple[str, float]]] = {}  # system -> (kind, MRR@10) per on-topic question
    refused = kept = offtopic = ontopic = 0
    for run in args.runs:
        result_name, _, questions_path = run.partition(":")
        result = json.loads((RESULTS / result_name).read_text(encoding="utf-8"))
        if result["split"] != "heldout":
            raise SystemExit(f"{result_name} is a run on the {result['split']} split, not the held-out one")
        known: dict[str, Question] = {q.q: q for q in load(ROOT / questions_path, known=None) if q.split == "heldout"}
        for system, rows in result["per_question"].items():
            scores.setdefault(system, []).extend((row["kind"], mrr(row["top"], known[row["q"]].grades)) for row in rows)
        r, n_off = _share(result["verdict"]["offtopic_refused"])
        k, n_on = _share(result["verdict"]["ontopic_kept"])
        refused, offtopic, kept, ontopic = refused + r, offtopic + n_off, kept + k, ontopic + n_on
    rows = []
    for kind in (*KINDS, "all"):
        of = {s: [v for k, v in values if kind in ("all", k)] for s, values in scores.items()}
        single = lead_interval(of["hybrid"], [of["dense"], of["lexical"]])
        rrf = lead_interval(of["hybrid"], [of["rrf60"]])
        rows.append([f"{kind} ({len(of['hybrid'])})", *(f"{np.mean(of[s]):.3f}" for s in sorted(of)),
                     f"{single[0]:+.3f} [{single[1]:+.3f}, {single[2]:+.3f}]", f"{rrf[0]:+.3f} [{rrf[1]:+.3f}, {rrf[2]:+.3f}]"])
    print(table(["kind", *sorted(scores), "hybrid − max(dense, lexical)", "hybrid − RRF k=60"], rows))
    for what, hits, n in (("off-topic refused", refused, offtopic), ("on-topic kept", kept, ontopic)):
        lo, hi = wilson(hits, n)
        print(f"{what}: {hits}/{n} = {hits / n:.3f} (95 % {lo:.3f}–{hi:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
