"""Warm in-process search latency: ours per mode vs the bare embed+FAISS floor and vs txtai hybrid.

Usage:
    .venv/bin/python bench/latency.py
    .venv/bin/python bench/latency.py --queries 200 --sizes 10000 --no-txtai

Sizes: the seed plan (real passages and vectors), then synthetic indexes of
10k and 100k passages (real sentences recombined under varied task ids,
random unit vectors, real jieba tokens; queries are embedded for real). Each
timed query runs every system once, in an order rotated per query, so the
noise of a shared machine falls on all of them alike; ratios are taken
between systems measured in the same loop.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from _common import (
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
    summary_ms,
    table,
    tasks_in_order,
    txtai_version,
    uncache_query_vectors,
    write_json,
)

from search.dense import DenseIndex, choose_factory, faiss_threads
from search.engine import SearchEngine, to_simplified
from search.lexical import LexicalIndex
from search.passages import TaskMeta
from search.store import OpenIndex
from search.types import Passage

K = 10  # tasks per result list
TXTAI_LIMIT = 100  # passages txtai returns, grouped into K tasks (as in bench/quality.py)
PASSAGES_PER_TASK = 8  # synthetic tasks: about what a real task has (98 passages / 19 tasks ~ 5, plus long tasks)
WARMUP = 5
SYSTEMS = ("bare", "lexical", "dense", "hybrid", "txtai")


@dataclass
class Corpus:
    """One index to time: ours (OpenIndex), the inputs txtai needs, and how long building took."""

    label: str
    index: OpenIndex
    meta: dict[str, TaskMeta]
    tokens: list[list[str]]
    vectors: np.ndarray
    build_seconds: dict[str, float] = field(default_factory=dict)
    note: str = ""


# ---- synthetic load data --------------------------------------------------------
def sentence_pool(seed: Seed) -> tuple[list[str], list[str]]:
    """Real task titles and real sentence bodies of the seed plan (each passage's heading stripped)."""
    titles = sorted({m.title for m in seed.meta.values()})
    bodies = sorted({p.text.split("：", 1)[1] for p in seed.index.passages if "：" in p.text and p.kind != "task"})
    return titles, bodies


def synthetic_corpus(seed: Seed, n: int, rng: np.random.Generator) -> Corpus:
    """n unique passages recombined from real sentences, with random unit vectors and real jieba tokens."""
    titles, bodies = sentence_pool(seed)
    tokenize = seed.tokenize
    piece_tokens = {s: tokenize(s) for s in (*titles, *bodies)}
    colon = tokenize("：")

    started = time.perf_counter()
    texts: list[str] = []
    token_cache: dict[str, list[str]] = {}
    while len(texts) < n:
        title = titles[int(rng.integers(len(titles)))]
        picks = [bodies[int(i)] for i in rng.choice(len(bodies), size=int(rng.integers(1, 4)), replace=False)]
        text = f"{title}：{''.join(picks)}"
        if text in token_cache:
            continue
        # jieba cuts at sentence ends, so the tokens of the pieces are the tokens of the whole.
        token_cache[text] = piece_tokens[title] + colon + [t for s in picks for t in piece_tokens[s]]
        texts.append(text)
    ntasks = (n + PASSAGES_PER_TASK - 1) // PASSAGES_PER_TASK
    passages = [Passage(i, f"synthetic.{i // PASSAGES_PER_TASK}", "sentence", t) for i, t in enumerate(texts)]

    def cached_tokenize(text: str) -> list[str]:
        # Documents come from the cache; queries are cut by jieba as usual.
        tokens = token_cache.get(text)
        return tokens if tokens is not None else tokenize(text)

    real = list(seed.meta.values())
    meta = {}
    for t in range(ntasks):
        # Each synthetic task borrows a real task's units, industries, regions and years, so the
        # entity boost scans as many names per task as it does on a real plan.
        m = real[int(rng.integers(len(real)))]
        tid = f"synthetic.{t}"
        meta[tid] = TaskMeta(tid, m.title, str(t + 1), "synthetic", m.units, m.industries, m.regions, m.years)
    generate = time.perf_counter() - started

    ids = list(range(n))
    t0 = time.perf_counter()
    lexical = LexicalIndex.build(texts, ids, cached_tokenize)
    t1 = time.perf_counter()
    vectors = rng.standard_normal((n, seed.embedder.dim), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    factory = choose_factory(n)
    dense = DenseIndex.build(vectors, np.arange(n, dtype=np.int64), factory)
    t2 = time.perf_counter()
    index = OpenIndex(version=f"synthetic-{n}", manifest={"synthetic": True}, passages=passages, dense=dense, lexical=lexical)
    tokens = [content_tokens(cached_tokenize, t) for t in texts]
    return Corpus(
        label=f"{n // 1000}k" if n % 1000 == 0 else str(n),
        index=index,
        meta=meta,
        tokens=tokens,
        vectors=vectors,
        build_seconds={"generate": round(generate, 2), "ours_lexical": round(t1 - t0, 2), "ours_dense": round(t2 - t1, 2)},
        note=f"synthetic: {n} passages, {ntasks} tasks, dense {factory}",
    )


def seed_corpus(seed: Seed) -> Corpus:
    """The seed plan's own index: real passages, real e5 vectors."""
    index = seed.index
    return Corpus(
        label="seed",
        index=index,
        meta=seed.meta,
        tokens=[content_tokens(seed.tokenize, p.text) for p in index.passages],
        vectors=passage_vectors(index, seed.embedder),
        build_seconds={"ours_total_with_ingest": round(seed.seconds, 2)},
        note=f"seed plan: {len(index.passages)} passages, {len({p.task_id for p in index.passages})} tasks, "
             f"dense {index.dense.factory}",
    )


@contextlib.contextmanager
def task_meta(engine: SearchEngine, meta: dict[str, TaskMeta]) -> Iterator[bool]:
    """Serve `meta` as the engine's task table while timing a synthetic index, then restore it.

    The engine keeps task metadata privately (filled by `open`); without this
    the entity boost of a synthetic index would scan only the 19 seed tasks
    and look cheaper than it is. Yields False if the engine's layout changed.
    """
    saved = engine.tasks
    engine.tasks = meta
    try:
        yield True
    finally:
        engine.tasks = saved


@contextlib.contextmanager
def ranking_only(seed: Seed, tx: TxtaiHybrid | None, queries: Sequence[str]) -> Iterator[bool]:
    """Serve query vectors from a cache (ours and txtai alike), so a loop times ranking without the model.

    Every query is embedded once beforehand, raw and simplified (the engine
    embeds the simplified text). Yields False if the engine's layout changed.
    """
    if not cache_query_vectors(seed.engine):
        yield False
        return
    cached = seed.engine.embedder
    cached.encode_queries(list(dict.fromkeys([*queries, *(to_simplified(q) for q in queries)])))
    saved = tx.embedder if tx is not None else None
    if tx is not None:
        tx.embedder = cached
    try:
        yield True
    finally:
        uncache_query_vectors(seed.engine)
        if tx is not None and saved is not None:
            tx.embedder = saved


# ---- timing -------------------------------------------------------------------
def timed_systems(seed: Seed, corpus: Corpus, tx: TxtaiHybrid | None) -> dict[str, Callable[[str], object]]:
    engine, embedder, index = seed.engine, seed.embedder, corpus.index

    def bare(q: str) -> object:
        # The floor: one query embedding and one FAISS search, nothing else.
        return index.dense.search(embedder.encode_queries([q]), K)

    def ours(mode: str) -> Callable[[str], object]:
        return lambda q: engine.search_in(index, q, K, mode)

    systems: dict[str, Callable[[str], object]] = {"bare": bare, "lexical": ours("lexical"), "dense": ours("dense"),
                                                   "hybrid": ours("hybrid")}
    if tx is not None:
        limit = min(TXTAI_LIMIT, len(index.passages))

        def txtai(q: str) -> object:
            # The same one-thread FAISS setting our DenseIndex uses for one query, so
            # txtai's FAISS threads do not spin on the cores the encoder needs either.
            with faiss_threads(1):
                return tasks_in_order(tx.search(to_simplified(q), limit), index.passages, K)

        systems["txtai"] = txtai
    return systems


def time_loop(systems: dict[str, Callable[[str], object]], queries: Sequence[str], n: int) -> dict[str, list[float]]:
    """n timed rounds (queries cycled); each round runs every system once, order rotated."""
    names = list(systems)
    for q in queries[:WARMUP]:
        for name in names:
            systems[name](q)
    gc.collect()
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(n):
        q = queries[i % len(queries)]
        r = i % len(names)
        for name in names[r:] + names[:r]:
            t0 = time.perf_counter()
            systems[name](q)
            times[name].append(time.perf_counter() - t0)
    return times


def measure(seed: Seed, corpus: Corpus, queries: Sequence[str], n: int, use_txtai: bool, txtai_note: str) -> dict[str, Any]:
    tx: TxtaiHybrid | None = None
    note = txtai_note
    if use_txtai:
        tx = TxtaiHybrid(corpus.tokens, corpus.vectors, seed.embedder, seed.tokenize, content=True)
        corpus.build_seconds["txtai_index"] = round(tx.build_seconds, 2)
        if tx.duplicates:
            note = f"{tx.duplicates} passages share token text; txtai gives them the first one's vector"
    started = time.perf_counter()
    ranking_stats: dict[str, Any] | None = None
    with task_meta(seed.engine, corpus.meta) as swapped:
        times = time_loop(timed_systems(seed, corpus, tx), queries, n)
        with ranking_only(seed, tx, queries) as cached:
            if cached:
                ranking_times = time_loop(timed_systems(seed, corpus, tx), queries, n)
                ranking_stats = {name: summary_ms(t) for name, t in ranking_times.items()}
    stats = {name: summary_ms(t) for name, t in times.items()}
    out: dict[str, Any] = {
        "corpus": corpus.note,
        "passages": len(corpus.index.passages),
        "tasks": len(corpus.meta) if corpus.label != "seed" else len({p.task_id for p in corpus.index.passages}),
        "build_seconds": corpus.build_seconds,
        "timing_seconds": round(time.perf_counter() - started, 1),
        "task_meta_swapped": swapped,
        "stats": stats,
        "stats_ranking_only": ranking_stats,
        "txtai_note": note,
    }
    if tx is not None:
        out["txtai_config"] = tx.describe()
        tx.embeddings.close()
    return out


# ---- report -----------------------------------------------------------------------
def _ratio(a: float, b: float) -> str:
    return "n/a" if not b else f"{a / b:.2f}"


def print_size(label: str, res: dict[str, Any]) -> None:
    s, r = res["stats"], res["stats_ranking_only"]
    print(f"\n[{label}] {res['corpus']}; build s: "
          + ", ".join(f"{k} {v}" for k, v in res["build_seconds"].items())
          + f"; timing loops {res['timing_seconds']} s")
    print("end to end = query embedded for real each call; ranking only = query vectors cached (same loop shape)")
    rows = []
    for name in SYSTEMS:
        if name not in s:
            continue
        m = s[name]
        row = [name, m["n"], f"{m['p50_ms']:.1f}", f"{m['p95_ms']:.1f}",
               _ratio(m["p50_ms"], s["bare"]["p50_ms"]), _ratio(m["p95_ms"], s["bare"]["p95_ms"])]
        if r:
            row += [f"{r[name]['p50_ms']:.2f}", f"{r[name]['p95_ms']:.2f}", _ratio(r[name]["p50_ms"], r["bare"]["p50_ms"])]
        rows.append(row)
    headers = ["system", "n", "e2e p50", "e2e p95", "p50/bare", "p95/bare"]
    if r:
        headers += ["rank p50", "rank p95", "p50/bare"]
    print(table(headers, rows))
    if "txtai" in s:
        line = (f"txtai/hybrid: end to end p50 {_ratio(s['txtai']['p50_ms'], s['hybrid']['p50_ms'])}x, "
                f"p95 {_ratio(s['txtai']['p95_ms'], s['hybrid']['p95_ms'])}x")
        if r:
            line += f"; ranking only p50 {_ratio(r['txtai']['p50_ms'], r['hybrid']['p50_ms'])}x"
        print(line + " (above 1: ours is faster)")
    if res.get("txtai_note"):
        print(f"txtai: {res['txtai_note']}")
    if not res["task_meta_swapped"]:
        print("note: the engine's task table could not be swapped; the entity boost scanned the seed tasks only")


def print_summary(results: dict[str, dict[str, Any]]) -> None:
    for key, title, digits in (("stats", "end to end", 1), ("stats_ranking_only", "ranking only (query vectors cached)", 2)):
        print(f"\nsummary, {title}: p50 ms; ratios between systems of the same loop")
        rows = []
        for label, res in results.items():
            s = res[key]
            if not s:
                continue
            tx = s.get("txtai")
            p50s = (f"{s[n]['p50_ms']:.{digits}f}" for n in ("bare", "lexical", "dense", "hybrid"))
            rows.append([label, res["passages"], *p50s,
                         _ratio(s["hybrid"]["p50_ms"], s["bare"]["p50_ms"]),
                         f"{tx['p50_ms']:.{digits}f}" if tx else "not run",
                         _ratio(tx["p50_ms"], s["hybrid"]["p50_ms"]) if tx else "-"])
        print(table(["size", "passages", "bare", "lexical", "dense", "hybrid", "hybrid/bare", "txtai", "txtai/hybrid"], rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", type=int, default=100, help="timed queries per size and system (default 100)")
    parser.add_argument("--sizes", default="10000,100000", help="synthetic index sizes, comma-separated ('' for seed only)")
    parser.add_argument("--no-txtai", action="store_true", help="skip txtai")
    parser.add_argument("--txtai-budget", type=float, default=240.0,
                        help="skip txtai at a size whose projected index build exceeds this many seconds (default 240)")
    parser.add_argument("--ranking", action="append", default=[], metavar="KEY=VALUE",
                        help="override a field of search.engine.Ranking (as in bench/quality.py)")
    parser.add_argument("--seed", type=int, default=20260101, help="random seed of the synthetic data")
    parser.add_argument("--out", default="latency.json", help="file name under bench/results/ (default latency.json)")
    args = parser.parse_args(argv)
    if args.queries < 1:
        parser.error("--queries must be >= 1")
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]

    started = time.perf_counter()
    queries = [q.q for q in load_queries()]
    rng = np.random.default_rng(args.seed)
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="policykg-bench-") as tmp:
        seed = open_seed(Path(tmp))
        ranking = apply_ranking(seed.engine, parse_overrides(args.ranking))
        print(f"seed plan ingested and indexed in {seed.seconds:.1f} s; {len(queries)} queries cycled to "
              f"{args.queries} per system; k={K}; txtai returns {TXTAI_LIMIT} passages grouped into {K} tasks")
        # Per passage, from the last measured size: projects txtai's build time for the next one.
        txtai_rate: float | None = None
        for size in [0, *sizes]:
            corpus = seed_corpus(seed) if size == 0 else synthetic_corpus(seed, size, rng)
            use_txtai, note = not args.no_txtai, ""
            if args.no_txtai:
                note = "skipped (--no-txtai)"
            elif txtai_rate is not None and txtai_rate * size > args.txtai_budget:
                use_txtai = False
                note = (f"not run: indexing {size} passages would take about {txtai_rate * size:.0f} s "
                        f"(projected from the previous size), over --txtai-budget {args.txtai_budget:.0f} s")
            res = measure(seed, corpus, queries, args.queries, use_txtai, note)
            if "txtai_index" in res["build_seconds"] and size:
                txtai_rate = res["build_seconds"]["txtai_index"] / size
            results[corpus.label] = res
            print_size(corpus.label, res)
            del corpus
            gc.collect()
    print_summary(results)
    total = time.perf_counter() - started
    print(f"\ntotal {total:.1f} s")
    path = write_json(args.out, {
        "environment": environment(),
        "ranking": {k: getattr(ranking, k) for k in ranking.__dataclass_fields__},
        "k": K,
        "txtai": {"version": txtai_version(), "limit_passages": TXTAI_LIMIT},
        "queries_per_system": args.queries,
        "sizes": results,
        "seconds": round(total, 1),
    })
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
