"""Search quality on a library of 61 documents (issue 14): ours next to its peers, per kind of question and split.

The library: the bundled plan, the 18 test plans, the 28 real development documents and the 14 held-out real
documents (tests/data/real, tests/data/plans), ingested with the real e5 model. The questions:
bench/library-queries.yaml, written by a helper that read only the task listings (never the ranking code), with
graded relevance by task id (2: answers it, 1: partly) and split into `tune` and `heldout` before any tuning.

Systems, on the same passages and vectors: ours (hybrid, dense, lexical: the service's search, task level),
plain RRF (k = 60) of the same dense and lexical passage rankings, and txtai hybrid on the same vectors and jieba
tokens. Per kind (plain, paraphrase, colloquial, filtered, cross) and split: MRR@10 (rank of the first task graded
2), nDCG@10 (graded gains), and for ours the relevance verdict: off-topic questions given the "no relevant
result" notice, on-topic ones kept. How far each split can tell systems apart: hybrid's lead over the better of
dense and lexical with its 95 % paired-bootstrap interval, and the verdicts' shares with their 95 % Wilson intervals
(a split of 28-46 questions cannot resolve a few hundredths of MRR).

With `--milvus`, the service's hybrid and lexical search also run with the passages on Milvus Lite, once per
lexical analyzer (issue 16: Milvus's own jieba analyzer on the text, or our tokenizer's tokens handed to Milvus),
on the same vectors: which analyzer ranks better, and whether the Milvus backend ranks as the embedded one does.

    .venv/bin/python bench/library_quality.py --split heldout [--data DIR] [--milvus]   # DIR kept: a second run embeds nothing
"""
from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from _common import ROOT, TxtaiHybrid, content_tokens, environment, passage_vectors, table, tasks_in_order, write_json

from api.service import PolicyService
from api.settings import Settings
from search.engine import to_simplified
from search.fusion import rrf

QUESTIONS = ROOT / "bench" / "library-queries.yaml"
LIBRARY = [ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt", *sorted((ROOT / "tests" / "data" / "plans").glob("*.txt")),
           *sorted((ROOT / "tests" / "data" / "real").glob("*.txt")),
           *sorted((ROOT / "tests" / "data" / "real" / "heldout").glob("*.txt"))]
KINDS = ("plain", "paraphrase", "colloquial", "filtered", "cross")
K = 10
BOOTSTRAP_ROUNDS = 10_000
DEPTH = 200  # passages each ranker gives the passage-level fusions (>= 10 distinct tasks)


@dataclass(frozen=True)
class Question:
    """One question: its text, kind, split and graded relevant tasks (empty: off-topic)."""

    q: str
    kind: str
    split: str
    grades: dict[str, int]


def load(path: Path, known: set[str] | None) -> list[Question]:
    """The questions; a task id the library does not have (`known`; None: not checked) is an error (the set and
    the parser disagree)."""
    out = []
    for row in yaml.safe_load(path.read_text(encoding="utf-8")):
        grades = {str(t): int(g) for t, g in (row.get("relevant") or {}).items()}
        unknown = set(grades) - known if known is not None else set()
        if unknown:
            raise SystemExit(f"{path}: {row['q']!r} names tasks the library does not have: {sorted(unknown)}")
        kind, split = str(row["kind"]), str(row["split"])
        if kind not in (*KINDS, "offtopic") or split not in ("tune", "heldout"):
            raise SystemExit(f"{path}: {row['q']!r} has kind {kind!r} and split {split!r}; kinds: "
                             f"{', '.join(KINDS)}, offtopic; splits: tune, heldout")
        out.append(Question(str(row["q"]), kind, split, grades))
    return out


def known_tasks(svc: PolicyService) -> set[str]:
    """The task ids a question may name in this library (its tasks and each document's goals)."""
    return {t.id for t in svc.tasks().tasks} | {f"{d}.goals" for d in svc.kg.doc_ids()}


def load_sets(paths: Sequence[Path], svc: PolicyService, split: str = "all") -> list[tuple[str, Question]]:
    """(set name, question) for every question of these sets in `split` ("all": both), checked against the library."""
    known = known_tasks(svc)
    return [(path.stem, q) for path in paths for q in load(path, known) if split == "all" or q.split == split]


def mrr(ranked: Sequence[str], grades: dict[str, int]) -> float:
    """1 / rank of the first task graded 2 within the top K (0 if none)."""
    return next((1.0 / i for i, t in enumerate(ranked[:K], 1) if grades.get(t, 0) >= 2), 0.0)


def ndcg(ranked: Sequence[str], grades: dict[str, int]) -> float:
    """nDCG@K with gains 2^grade - 1."""
    dcg = sum((2 ** grades.get(t, 0) - 1) / math.log2(i + 1) for i, t in enumerate(ranked[:K], 1))
    ideal = sum((2 ** g - 1) / math.log2(i + 1) for i, g in enumerate(sorted(grades.values(), reverse=True)[:K], 1))
    return dcg / ideal if ideal else 0.0


def lead_interval(ours: Sequence[float], others: Sequence[Sequence[float]], rounds: int = BOOTSTRAP_ROUNDS,
                  seed: int = 0) -> tuple[float, float, float]:
    """Ours' mean minus the best of the others' means, and its 95 % interval from resampling the questions
    (paired: one draw picks the same questions for every system; the best other is chosen again in each draw)."""
    a, b = np.asarray(ours, dtype=float), np.asarray(others, dtype=float)
    draws = np.random.default_rng(seed).integers(0, len(a), size=(rounds, len(a)))
    leads = a[draws].mean(axis=1) - b[:, draws].mean(axis=2).max(axis=0)
    lo, hi = np.percentile(leads, [2.5, 97.5])
    return float(a.mean() - b.mean(axis=1).max()), float(lo), float(hi)


def wilson(hits: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a share hits / n."""
    if n == 0:
        return 0.0, 1.0
    p = hits / n
    centre, half = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def open_library(data: Path) -> PolicyService:
    """The library's service, ingested (and indexed with e5) unless the data directory already holds it."""
    svc = PolicyService(Settings(data_dir=data))
    if svc.kg.doc_ids() and len(svc.kg.doc_ids()) != 61:
        raise SystemExit(f"{data} holds {len(svc.kg.doc_ids())} documents, not this library's 61: use another --data")
    if not svc.kg.doc_ids():
        report = svc.ingest_paths(LIBRARY)
        if report.errors:
            raise SystemExit(f"ingest failed: {report.errors}")
    svc.sync_lexicon()  # the thesaurus as a server would have it (the library may predate an edit of it)
    svc.reindex()
    return svc


def systems(svc: PolicyService) -> dict[str, Callable[[str], list[str]]]:
    """Task rankings by system name."""
    engine, kg = svc.engine, svc.kg
    index = engine.open(kg)
    passages = index.passages
    vectors = passage_vectors(index, engine.embedder)
    tx = TxtaiHybrid([content_tokens(svc.segmenter.cut, p.text) for p in passages], vectors, engine.embedder,
                     svc.segmenter.cut, content=True)

    def ours(mode: str) -> Callable[[str], list[str]]:
        return lambda q: [h.id for h in svc.search(q, k=K, mode=mode).hits]

    def rrf60(q: str) -> list[str]:
        qs = to_simplified(q)
        fused = rrf([index.dense_search(engine.embedder.encode_queries([qs]), DEPTH), index.lexical_search(qs, DEPTH)], k=60)
        return tasks_in_order((h.pid for h in fused), passages, K)

    return {"hybrid": ours("hybrid"), "dense": ours("dense"), "lexical": ours("lexical"), "rrf60": rrf60,
            "txtai": lambda q: tasks_in_order(tx.search(to_simplified(q), DEPTH, None), passages, K)}


def on_milvus(data: Path, folder: Path) -> dict[str, Callable[[str], list[str]]]:
    """Task rankings of the service with its passages on Milvus Lite, per lexical analyzer (same data directory,
    so the same graph and the vector cache: nothing is embedded again)."""
    from search.milvus import LEXICAL_MODES

    out: dict[str, Callable[[str], list[str]]] = {}
    for lexical in LEXICAL_MODES:
        svc = PolicyService(Settings(data_dir=data, milvus_uri=str(folder / f"milvus-{lexical}.db"),
                                     milvus_lexical=lexical))
        svc.reindex()
        for mode in ("hybrid", "lexical"):
            out[f"{mode}@milvus-{lexical}"] = (lambda s, m: lambda q: [h.id for h in s.search(q, k=K, mode=m).hits])(svc, mode)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["tune", "heldout", "all"], default="tune")
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--data", type=Path, help="data directory to build the library in, or reuse (default: a temporary one)")
    ap.add_argument("--out", default=None, help="results file name in bench/results (default: library-quality-<split>.json)")
    ap.add_argument("--milvus", action="store_true",
                    help="also rank with the passages on Milvus Lite, once per lexical analyzer")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        svc = open_library(args.data or Path(tmp) / "data")
        built = time.perf_counter() - started
        questions = [q for _, q in load_sets([args.questions], svc, args.split)]
        ranked = systems(svc)
        if args.milvus:
            ranked |= on_milvus(args.data or Path(tmp) / "data", Path(tmp))
        rows: dict[str, dict[str, list[float]]] = {}  # "system metric" -> kind -> values
        verdicts: dict[str, list[bool]] = {"offtopic": [], "ontopic": []}
        per_question: dict[str, list[dict[str, Any]]] = {}  # system -> its top K per question, for later analysis
        for question in questions:
            if question.kind == "offtopic":
                verdicts["offtopic"].append(svc.search(question.q, k=K).relevant is False)
                continue
            verdicts["ontopic"].append(svc.search(question.q, k=K).relevant is True)
            for name, rank in ranked.items():
                tasks = rank(question.q)
                per_question.setdefault(name, []).append({"q": question.q, "kind": question.kind, "top": tasks})
                for metric, value in (("MRR@10", mrr(tasks, question.grades)), ("nDCG@10", ndcg(tasks, question.grades))):
                    for kind in (question.kind, "all"):
                        rows.setdefault(f"{name} {metric}", {}).setdefault(kind, []).append(value)
        documents = len(svc.kg.doc_ids())
    kinds = [*KINDS, "all"]
    counts = {k: len(rows.get("hybrid MRR@10", {}).get(k, [])) for k in kinds}
    summary = {key: {k: round(sum(v) / len(v), 3) for k, v in by_kind.items()} for key, by_kind in rows.items()}
    print(f"{args.split}: {len(questions)} questions on {documents} documents "
          f"(library ready in {built:.0f} s)")
    print(table(["system metric", *(f"{k} ({counts[k]})" for k in kinds)],
                [[key, *(summary[key].get(k, "") for k in kinds)] for key in sorted(summary, key=lambda s: (s.split()[1], s))]))
    leads = {k: lead_interval(rows["hybrid MRR@10"][k], [rows[f"{o} MRR@10"][k] for o in ("dense", "lexical")])
             for k in kinds if counts[k]}
    print(table(["kind", "hybrid MRR@10 − max(dense, lexical)", "95 % interval"],
                [[k, f"{d:+.3f}", f"[{lo:+.3f}, {hi:+.3f}]"] for k, (d, lo, hi) in leads.items()]))
    off, on = verdicts["offtopic"], verdicts["ontopic"]
    notice = {"offtopic_refused": f"{sum(off)}/{len(off)}", "ontopic_kept": f"{sum(on)}/{len(on)}"}
    shares = {"offtopic_refused": wilson(sum(off), len(off)), "ontopic_kept": wilson(sum(on), len(on))}
    print(f"relevance verdict: off-topic given the notice {notice['offtopic_refused']} (95 % "
          f"{shares['offtopic_refused'][0]:.3f}–{shares['offtopic_refused'][1]:.3f}), on-topic kept "
          f"{notice['ontopic_kept']} (95 % {shares['ontopic_kept'][0]:.3f}–{shares['ontopic_kept'][1]:.3f})")
    result: dict[str, Any] = {
        "split": args.split, "questions": len(questions), "counts": counts, "summary": summary, "verdict": notice,
        "verdict_interval95": {k: [round(lo, 3), round(hi, 3)] for k, (lo, hi) in shares.items()},
        "hybrid_lead_mrr": {k: {"lead": round(d, 3), "interval95": [round(lo, 3), round(hi, 3)]}
                            for k, (d, lo, hi) in leads.items()},
        "per_question": per_question, "environment": environment()}
    write_json(args.out or f"library-quality-{args.split}.json", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
