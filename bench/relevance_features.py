"""Other signals for the relevance floor, tried on tuning questions only (issue 14).

The engine calls a result relevant when the closest cosine + 0.02 × known-word share clears the off-topic probes
(bench/relevance.py). Does the peak of a question's cosines do better, i.e. how far its closest passage stands out
from the next ones (an on-topic question should have one clear answer, an off-topic one a flat list)? Or how close
the question is to the probes themselves, or how much of it its best BM25 passage covers? For each candidate
score: ROC AUC of on-topic against off-topic and probe questions, the verdicts with
the floor just above the best probe, as the engine sets it, and the most on-topic questions any floor keeps while
refusing 90 % of the off-topic ones (set knowing the answers: the score's ceiling for issue 14's two bars); and,
for the engine's score, the lowest on-topic and the highest off-topic question.

    .venv/bin/python bench/relevance_features.py --data /tmp/lib61e5    # the 61-document library, built by
                                                                         # bench/library_quality.py
    .venv/bin/python bench/relevance_features.py --data /tmp/lib61e5 --split all \
        --questions bench/library-queries.yaml bench/library-queries-2.yaml   # sets whose held-out run is spent
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from _common import table
from library_quality import QUESTIONS, load_sets, open_library

from api.service import PolicyService
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
    # How close the question is to the off-topic probes themselves (an off-topic question resembles one).
    "engine - 0.2 probe": lambda r: r["top"] + 0.02 * r["share"] - 0.2 * r["probe"],
    "engine - 0.5 probe": lambda r: r["top"] + 0.02 * r["share"] - 0.5 * r["probe"],
    "engine - 1.0 probe": lambda r: r["top"] + 0.02 * r["share"] - 1.0 * r["probe"],
    # How much of the question its best BM25 passage covers (an on-topic question shares the text's words); the
    # question's own words only, not the thesaurus terms the engine's coverage gate also counts.
    "engine + 0.02 coverage": lambda r: r["top"] + 0.02 * r["share"] + 0.02 * r["coverage"],
    "engine + 0.1 coverage": lambda r: r["top"] + 0.02 * r["share"] + 0.1 * r["coverage"],
}


def features(svc: PolicyService, question: str, probes: dict[str, np.ndarray]) -> Row:
    """The question's closest cosine, the mean and spread of the next ones, its known-word share, its closest
    off-topic probe (itself left out) and its best BM25 passage's coverage of it."""
    engine, q = svc.engine, to_simplified(question)
    index = engine.open(svc.kg)
    qvec = engine.embed_query(q).reshape(-1)
    scores = np.array([h.score for h in index.dense_search(qvec, DEPTH)])
    lex = index.lexical_search(q, 1)
    return {"top": float(scores[0]), "mean50": float(scores[1:50].mean()), "mean200": float(scores[1:].mean()),
            "sd200": float(scores[1:].std()), "share": index.known_share(q),
            "probe": max(float(v @ qvec) for p, v in probes.items() if p != question),
            "coverage": index.coverage(q, lex[0].score) if lex else 0.0}


def auc(on: Sequence[float], off: Sequence[float]) -> float:
    """The chance an on-topic question scores above an off-topic one (ties count half)."""
    a, b = np.asarray(on)[:, None], np.asarray(off)[None, :]
    return float(((a > b) + 0.5 * (a == b)).mean())


def best_kept(on: Sequence[float], off: Sequence[float], refuse: float = 0.90) -> int:
    """On-topic questions kept by the best floor that refuses at least `refuse` of the off-topic ones, chosen
    knowing the answers: what the score could do at most, whatever way the floor is set."""
    need = int(np.ceil(refuse * len(off)))
    if need == 0:
        return len(on)
    floor = sorted(off)[need - 1] + 1e-9  # just above the need-th lowest off-topic score
    return sum(v >= floor for v in on)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="the library's data directory")
    ap.add_argument("--questions", type=Path, nargs="+", default=[QUESTIONS], help="question sets")
    ap.add_argument("--split", choices=["tune", "all"], default="tune",
                    help="their tune split only, or every question (sets whose held-out run is spent)")
    args = ap.parse_args(argv)
    svc = open_library(args.data)
    tune = [q for _, q in load_sets(args.questions, svc, "all" if args.split == "all" else "tune")]
    groups = {"on": [q.q for q in tune if q.kind != "offtopic"], "off": [q.q for q in tune if q.kind == "offtopic"],
              "probe": load_probes()}
    probe_vecs = dict(zip(groups["probe"], svc.engine.embedder.encode_queries(
        [to_simplified(p) for p in groups["probe"]]), strict=True))
    rows = {g: {q: features(svc, q, probe_vecs) for q in qs} for g, qs in groups.items()}
    out = []
    for name, score in SCORES.items():
        s = {g: {q: score(r) for q, r in by_q.items()} for g, by_q in rows.items()}
        floor = max(s["probe"].values()) + 1e-9
        kept = sum(v >= floor for v in s["on"].values())
        refused = sum(v < floor for v in s["off"].values())
        out.append([name, f"{auc(list(s['on'].values()), [*s['off'].values(), *s['probe'].values()]):.3f}",
                    f"{kept}/{len(s['on'])}", f"{refused}/{len(s['off'])}",
                    f"{best_kept(list(s['on'].values()), list(s['off'].values()))}/{len(s['on'])}"])
    print(table(["score", "AUC on vs off+probes", "on-topic kept", "off-topic refused",
                 "kept at best floor refusing 90 %"], out))
    engine_score = SCORES["engine: top + 0.02 share"]
    low = min(rows["on"].items(), key=lambda kv: engine_score(kv[1]))
    high = max(rows["off"].items(), key=lambda kv: engine_score(kv[1]))
    print(f"engine's score: lowest on-topic {engine_score(low[1]):.3f} ({low[0]}), "
          f"highest off-topic {engine_score(high[1]):.3f} ({high[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
