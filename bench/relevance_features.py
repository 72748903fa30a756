"""Other signals for the relevance floor, tried on the tune split of the library questions only (issue 14).

The engine calls a result relevant when the closest cosine + 0.02 × known-word share clears the off-topic probes
(bench/relevance.py). Does the peak of a question's cosines do better, i.e. how far its closest passage stands out
from the next ones (an on-topic question should have one clear answer, an off-topic one a flat list)? For each
candidate score: ROC AUC of on-topic (tune) against off-topic (tune) and probe questions, and the verdicts with
the floor just above the best probe, as the engine sets it; and, for the engine's score, the lowest on-topic and
the highest off-topic question.

    .venv/bin/python bench/relevance_features.py --data /tmp/lib61e5    # the 61-document library, built by
                                                                         # bench/library_quality.py
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from _common import table
from library_quality import QUESTIONS, load

from api.service import PolicyService
from api.settings import Settings
from search.engine import load_probes, to_simplified

DEPTH = 200  # passages whose cosines describe the question's list

Row = dict[str, float]
SCORES: dict[str, Callable[[Row], float]] = {
    "engine: top + 0.02 share": lambda r: r["top"] + 0.02 * r["share"],
    "top": lambda r: r["top"],
    "top - mean(next 49)": lambda r: r["top"] - r["mean50"],
    "top - mean(next 199)": lambda r: r["top"] - r["mean200"],
    "z: (top - mean(next 199)) / sd": lambda r: (r["top"] - r["mean200"]) / max(r["sd200"], 1e-6),
    "top + 0.5 (top - mean(next 199))": lambda r: r["top"] + 0.5 * (r["top"] - r["mean200"]),
    "top + 0.5 (top - mean(next 199)) + 0.02 share":
        lambda r: r["top"] + 0.5 * (r["top"] - r["mean200"]) + 0.02 * r["share"],
}


def features(svc: PolicyService, question: str) -> Row:
    """The question's closest cosine, the mean and spread of the next ones, and its known-word share."""
    engine, q = svc.engine, to_simplified(question)
    index = engine.open(svc.kg)
    scores = np.array([h.score for h in index.dense_search(engine.embed_query(q), DEPTH)])
    return {"top": float(scores[0]), "mean50": float(scores[1:50].mean()), "mean200": float(scores[1:].mean()),
            "sd200": float(scores[1:].std()), "share": index.known_share(q)}


def auc(on: Sequence[float], off: Sequence[float]) -> float:
    """The chance an on-topic question scores above an off-topic one (ties count half)."""
    a, b = np.asarray(on)[:, None], np.asarray(off)[None, :]
    return float(((a > b) + 0.5 * (a == b)).mean())


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the library's data directory")
    args = ap.parse_args(argv)
    svc = PolicyService(Settings(data_dir=args.data))
    tune = [q for q in load(QUESTIONS, None) if q.split == "tune"]
    groups = {"on": [q.q for q in tune if q.kind != "offtopic"], "off": [q.q for q in tune if q.kind == "offtopic"],
              "probe": load_probes()}
    rows = {g: {q: features(svc, q) for q in qs} for g, qs in groups.items()}
    out = []
    for name, score in SCORES.items():
        s = {g: {q: score(r) for q, r in by_q.items()} for g, by_q in rows.items()}
        floor = max(s["probe"].values()) + 1e-9
        kept = sum(v >= floor for v in s["on"].values())
        refused = sum(v < floor for v in s["off"].values())
        out.append([name, f"{auc(list(s['on'].values()), [*s['off'].values(), *s['probe'].values()]):.3f}",
                    f"{kept}/{len(s['on'])}", f"{refused}/{len(s['off'])}"])
    print(table(["score", "AUC on vs off+probes", "on-topic kept", "off-topic refused"], out))
    engine_score = SCORES["engine: top + 0.02 share"]
    low = min(rows["on"].items(), key=lambda kv: engine_score(kv[1]))
    high = max(rows["off"].items(), key=lambda kv: engine_score(kv[1]))
    print(f"engine's score: lowest on-topic {engine_score(low[1]):.3f} ({low[0]}), "
          f"highest off-topic {engine_score(high[1]):.3f} ({high[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
