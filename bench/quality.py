"""Retrieval quality on the seed plan: ours (lexical, dense, hybrid) next to txtai hybrid and plain RRF.

Usage:
    .venv/bin/python bench/quality.py
    .venv/bin/python bench/quality.py --ranking rrf_k=60 --ranking depth=100,entity_weight=0

Every system ranks tasks (items), not passages: a task counts once, at the
rank of its best passage. Metrics are task-level, averaged over the queries of
bench/queries.yaml, and split by query kind (plain / paraphrase).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from _common import (
    QUERIES,
    Query,
    Seed,
    TxtaiHybrid,
    apply_ranking,
    cache_query_vectors,
    content_tokens,
    environment,
    load_queries,
    open_seed,
    parse_overrides,
    passage_vectors,
    table,
    tasks_in_order,
    txtai_version,
    write_json,
)

from search.engine import Ranking, to_simplified
from search.fusion import rrf, score_fusion

K = 10  # tasks per result list
CUTOFFS = (1, 3, 5)
PASSAGE_DEPTH = 100  # passages each baseline retrieves per ranker (>= 10 distinct tasks)
SPLITS = ("all", "plain", "paraphrase")


@dataclass(frozen=True)
class System:
    """One ranked-task producer; `ranker(query)` returns item numbers, best first."""

    name: str
    about: str
    ranker: Callable[[str], list[str]]


def score_query(numbers: Sequence[str], relevant: frozenset[str]) -> dict[str, float]:
    """Recall@k, hit@k and reciprocal rank (first relevant within the top K) of one result list."""
    out: dict[str, float] = {}
    for k in CUTOFFS:
        found = relevant.intersection(numbers[:k])
        out[f"R@{k}"] = len(found) / len(relevant)
        out[f"hit@{k}"] = 1.0 if found else 0.0
    rank = next((i for i, n in enumerate(numbers[:K], start=1) if n in relevant), None)
    out["MRR@10"] = 1.0 / rank if rank else 0.0
    return out


METRICS = tuple(f"R@{k}" for k in CUTOFFS) + tuple(f"hit@{k}" for k in CUTOFFS) + ("MRR@10",)


def average(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {m: (sum(r[m] for r in rows) / len(rows) if rows else float("nan")) for m in METRICS}


def build_systems(seed: Seed, overrides: dict[str, Any]) -> tuple[list[System], dict[str, Any]]:
    """Our three modes, an entity-boost ablation, two passage-level fusion baselines and txtai."""
    cached = cache_query_vectors(seed.engine)
    engine, index, embedder = seed.engine, seed.index, seed.embedder
    passages = index.passages
    depth = min(PASSAGE_DEPTH, len(passages))
    ranking = apply_ranking(engine, overrides)

    def ours(mode: str, rank: Ranking | None = None) -> Callable[[str], list[str]]:
        def run(q: str) -> list[str]:
            saved = engine.ranking
            engine.ranking = rank or saved
            try:
                return [h.number for h in engine.search(seed.kg, q, K, mode)]
            finally:
                engine.ranking = saved

        return run

    # The two passage rankings our hybrid fuses, computed once per query for the baselines.
    cache: dict[str, tuple[list, list]] = {}

    def rankings(q: str) -> tuple[list, list]:
        if q not in cache:
            qs = to_simplified(q)
            cache[q] = (index.dense_search(embedder.encode_queries([qs]), depth), index.lexical_search(qs, depth))
        return cache[q]

    def fused(fuse: Callable[[list, list], list]) -> Callable[[str], list[str]]:
        def run(q: str) -> list[str]:
            dense, lexical = rankings(q)
            tasks = tasks_in_order((h.pid for h in fuse(dense, lexical)), passages, K)
            return [seed.number(t) for t in tasks]

        return run

    started = time.perf_counter()
    vectors = passage_vectors(index, embedder)
    tokens = [content_tokens(seed.tokenize, p.text) for p in passages]
    tx = TxtaiHybrid(tokens, vectors, embedder, seed.tokenize, content=True)
    txtai_seconds = time.perf_counter() - started

    def txtai_run(weights: float | None) -> Callable[[str], list[str]]:
        def run(q: str) -> list[str]:
            pids = tx.search(to_simplified(q), depth, weights)
            return [seed.number(t) for t in tasks_in_order(pids, passages, K)]

        return run

    systems = [
        System("lexical", "ours, jieba-BM25 only", ours("lexical")),
        System("dense", "ours, e5 only", ours("dense")),
        System("hybrid", f"ours: {_ranking_text(ranking)}", ours("hybrid")),
        System("hybrid-noentity", "ours, entity_weight=0 (ablation)", ours("hybrid", replace(ranking, entity_weight=0.0))),
        System("rrf60", f"plain RRF k=60 of the passage rankings (top {depth} each)",
               fused(lambda dense, lexical: rrf([dense, lexical], k=60))),
        System("minmax", "min-max score fusion 0.5/0.5 of the same rankings",
               fused(lambda dense, lexical: score_fusion([dense, lexical]))),
        System("txtai", f"txtai {txtai_version()} hybrid (default weights 0.5), same vectors + jieba tokens, "
                        f"top {depth} passages", txtai_run(None)),
        # Checks of the plumbing: txtai-dense must match our dense; txtai-bm25 is its BM25 (k1=1.2) on our tokens.
        System("txtai-dense", "txtai, weights=1.0 (dense side only)", txtai_run(1.0)),
        System("txtai-bm25", "txtai, weights=0.0 (BM25 side only)", txtai_run(0.0)),
    ]
    info = {
        "passages": len(passages),
        "tasks": len({p.task_id for p in passages}),
        "passage_depth": depth,
        "ranking": asdict(ranking),
        "txtai": tx.describe(),
        "txtai_duplicate_texts": tx.duplicates,
        "txtai_setup_seconds": round(txtai_seconds, 2),
        "query_vectors_cached": cached,
    }
    return systems, info


def _ranking_text(r: Ranking) -> str:
    return ", ".join(f"{f.name}={getattr(r, f.name)}" for f in fields(r))


def evaluate(queries: Sequence[Query], systems: Sequence[System]) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """Per-query results of every system, and seconds spent per system."""
    per_query: list[dict[str, Any]] = []
    seconds = {s.name: 0.0 for s in systems}
    for qu in queries:
        row: dict[str, Any] = {"q": qu.q, "kind": qu.kind, "relevant": sorted(qu.relevant), "systems": {}}
        for s in systems:
            t0 = time.perf_counter()
            numbers = s.ranker(qu.q)
            seconds[s.name] += time.perf_counter() - t0
            scores = score_query(numbers, qu.relevant)
            rank = next((i for i, n in enumerate(numbers, start=1) if n in qu.relevant), None)
            row["systems"][s.name] = {"top": numbers, "first_relevant": rank, **scores}
        per_query.append(row)
    return per_query, seconds


def summarise(per_query: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, dict[str, dict[str, float]]]:
    out: dict[str, dict[str, dict[str, float]]] = {}
    for name in names:
        out[name] = {}
        for split in SPLITS:
            rows = [r["systems"][name] for r in per_query if split == "all" or r["kind"] == split]
            out[name][split] = {**average(rows), "queries": len(rows)}
    return out


def failures(per_query: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Queries where hybrid's reciprocal rank is below dense's or lexical's."""
    out = []
    for r in per_query:
        s = r["systems"]
        h = s["hybrid"]["MRR@10"]
        if h < s["dense"]["MRR@10"] or h < s["lexical"]["MRR@10"]:
            out.append(r)
    return out


def _rank(cell: dict[str, Any]) -> str:
    return "-" if cell["first_relevant"] is None else str(cell["first_relevant"])


def report(per_query: list[dict[str, Any]], summary: dict[str, Any], systems: Sequence[System]) -> None:
    names = [s.name for s in systems]
    print("systems:")
    for s in systems:
        print(f"  {s.name:<16} {s.about}")
    for split in SPLITS:
        n = summary[names[0]][split]["queries"]
        print(f"\n[{split}] {n} queries  (ratios: MRR@10 of the row / MRR@10 of txtai and of rrf60, same run)")
        rows = []
        for name in names:
            m = summary[name][split]
            rows.append(
                [name, *(m[k] for k in METRICS),
                 _ratio(m["MRR@10"], summary["txtai"][split]["MRR@10"]),
                 _ratio(m["MRR@10"], summary["rrf60"][split]["MRR@10"])]
            )
        print(table(["system", *METRICS, "/txtai", "/rrf60"], rows))

    same = sum(r["systems"]["txtai-dense"]["top"] == r["systems"]["dense"]["top"] for r in per_query)
    print(f"\nplumbing check: txtai-dense returns the same top-10 tasks as our dense on {same} of {len(per_query)} queries")

    fails = failures(per_query)
    print(f"\nhybrid below dense or lexical on {len(fails)} of {len(per_query)} queries "
          "(rank of the first relevant task; '-' = not in the top 10):")
    if fails:
        rows = []
        for r in fails:
            s = r["systems"]
            rows.append([r["q"], r["kind"][:5], ",".join(r["relevant"]),
                         _rank(s["lexical"]), _rank(s["dense"]), _rank(s["hybrid"]), _rank(s["hybrid-noentity"]),
                         _rank(s["rrf60"]), _rank(s["txtai"]), " ".join(s["hybrid"]["top"][:3])])
        print(table(["query", "kind", "relevant", "lex", "dense", "hyb", "hyb-ne", "rrf60", "txtai", "hybrid top 3"], rows))


def _ratio(a: float, b: float) -> str:
    return "n/a" if not b else f"{a / b:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ranking", action="append", default=[], metavar="KEY=VALUE",
                        help="override a field of search.engine.Ranking "
                             f"({', '.join(f.name for f in fields(Ranking))}); repeat or comma-separate")
    parser.add_argument("--fusion", help="fusion method, if the engine's Ranking offers a choice (a `fusion` field)")
    parser.add_argument("--out", default="quality.json", help="file name under bench/results/ (default quality.json)")
    parser.add_argument("--queries", type=Path, default=QUERIES,
                        help="query set, a YAML list of {q, relevant, kind} (default bench/queries.yaml)")
    args = parser.parse_args(argv)

    overrides = parse_overrides(args.ranking)
    if args.fusion is not None:
        if "fusion" not in {f.name for f in fields(Ranking)}:
            parser.error("this engine fuses by task-level RRF only (search.engine.Ranking has no `fusion` field); "
                         "the rrf60 and minmax rows show the passage-level alternatives")
        overrides["fusion"] = args.fusion

    started = time.perf_counter()
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        seed = open_seed(Path(tmp))
        print(f"seed plan ingested and indexed in {seed.seconds:.1f} s; {len(queries)} queries "
              f"({sum(q.kind == 'plain' for q in queries)} plain, {sum(q.kind == 'paraphrase' for q in queries)} paraphrase)")
        known = {seed.number(t) for t in seed.meta}
        unknown = sorted({r for qu in queries for r in qu.relevant} - known)
        if unknown:
            # A typo in a relevance label would silently count as a miss for every system.
            raise SystemExit(f"{args.queries}: relevant items not in the plan: {', '.join(unknown)} "
                             f"(known: {', '.join(sorted(known))})")
        systems, info = build_systems(seed, overrides)
        print(f"{info['passages']} passages, {info['tasks']} tasks; txtai index built in {info['txtai_setup_seconds']} s "
              f"({info['txtai_duplicate_texts']} passages with duplicate token text)")
        per_query, seconds = evaluate(queries, systems)
    summary = summarise(per_query, [s.name for s in systems])
    report(per_query, summary, systems)

    total = time.perf_counter() - started
    print("\nseconds per system over all queries: " + ", ".join(f"{k} {v:.2f}" for k, v in seconds.items()))
    print(f"total {total:.1f} s")
    path = write_json(args.out, {
        "environment": environment(),
        "setup": {**info, "overrides": overrides, "seed_ingest_seconds": round(seed.seconds, 2)},
        "systems": {s.name: s.about for s in systems},
        "summary": summary,
        "failures": [r["q"] for r in failures(per_query)],
        # Per query: rank of the first relevant task (None: not in the top 10) and the top 10, per system.
        "per_query": [
            {"q": r["q"], "kind": r["kind"], "relevant": r["relevant"],
             "systems": {n: {"first_relevant": c["first_relevant"], "top": " ".join(c["top"])} for n, c in r["systems"].items()}}
            for r in per_query
        ],
        "seconds": {"total": round(total, 2), **{k: round(v, 3) for k, v in seconds.items()}},
    })
    print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
