"""`/api/search` on the 61-document library against the bare query embedding + FAISS floor, same run (issue 14).

The criterion: the p50 of `/api/search` (default parameters: k = 10, hybrid) over real HTTP is at most 1.5x the
bare cost every search pays, the query's e5 embedding plus a FAISS search of the library's own index, measured in
the same run.

- **served**: `GET /api/search?q=...` from this process to a `policykg serve` started here (127.0.0.1, a free port,
  the server's default settings but the rate limits raised), over one kept-alive connection.
- **bare**: in this process, `SearchEngine.embed_query` (the same e5 engine, gate and one-thread setting as the
  server's) and `OpenIndex.dense_search` for k x 8 passages (what the hybrid search asks FAISS for) on the same index,
  opened from the data directory's index store as the service opens it.
- **healthz**: `GET /healthz` on the same connection: what HTTP, uvicorn and FastAPI cost with no search in it.

The questions are the on-topic ones of bench/library-queries.yaml (every kind, both splits), each once per round in
a shuffled order; for each question the three measurements run back to back in an order rotated per question, so
the noise of a shared machine falls on all of them alike. After a warm-up pass (index, relevance floor, chain
analysis made), `--rounds` timed rounds. Then 1, 4 and 20 concurrent clients (bench/concurrency.py's clients).

Then, the server stopped, the same questions in this process on the same data copy, again interleaved with bare:
the ranking alone (`SearchEngine.search`), the service's search (`PolicyService.search`: adds the question router,
the relevance verdict and the response model) and the ASGI app in-process (FastAPI's TestClient: adds middleware,
routing, response validation and JSON), and a cProfile pass of `PolicyService.search` with its parts per call.

    .venv/bin/python bench/search_latency.py --data /tmp/lib61lat [--rounds 5] [--requests 40]

Without `--data` the library is built in a temporary directory first (bench/library_quality.py's, ~10 min with e5).
A data directory's graph store is held by the process that opens it: give a copy nobody else uses.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import yaml
from _common import ROOT, environment, percentile, summary_ms, table, write_json
from concurrency import run_clients, start
from library_quality import QUESTIONS, open_library

from api.service import PolicyService
from api.settings import Settings
from search.engine import to_simplified
from search.store import OpenIndex

K = 10
FAISS_DEPTH = 8 * K  # SearchEngine.search_in asks FAISS for max(depth, 8k) passages
BAR = 1.5  # issue 14: served p50 <= 1.5x bare p50
# Functions whose time per search the profile reports (name, and a part of the file path that tells them apart).
PROFILED = [
    ("search", "api/service.py", "PolicyService.search, whole"),
    ("_check_query", "api/service.py", "query checks"),
    ("_docs", "api/service.py", "document filter"),
    ("_route", "api/service.py", "question router"),
    ("_hits", "api/service.py", "ranking (service side)"),
    ("embed_query", "search/engine.py", "  query embedding (e5)"),
    ("dense_search", "search/store.py", "  FAISS"),
    ("lexical_search", "search/store.py", "  BM25"),
    ("_lexical_trust", "search/engine.py", "  BM25 coverage (adaptive vote)"),
    ("_fuse", "search/engine.py", "  fusion + entity boost"),
    ("_has_task", "api/service.py", "  stale-hit check"),
    ("_relevant", "api/service.py", "relevance verdict"),
    ("to_json", "search/engine.py", "hits to JSON"),
    ("model_validate", "pydantic/main.py", "response model"),
]


# ---- the library -------------------------------------------------------------------------------------------
def build(data: Path) -> None:
    """Make sure `data` holds the 61-document library with a current index (run in a child process: the
    process that opens a graph store keeps it, and the server must own this one)."""
    svc = open_library(data)
    print(f"library at {data}: {len(svc.kg.doc_ids())} documents, index current", flush=True)


def code_state() -> dict[str, Any]:
    """The commit measured and the code files changed from it (others edit the tree while benchmarks run)."""
    def git(*cmd: str) -> str:
        done = subprocess.run(["git", "-C", str(ROOT), *cmd], capture_output=True, text=True)
        return done.stdout.rstrip() if done.returncode == 0 else ""

    import api

    return {"commit": git("rev-parse", "HEAD") or "unknown", "root": str(ROOT), "api_imported_from": str(Path(api.__file__).parent),
            "changed": git("status", "--porcelain", "--", "api", "search", "kg", "ingest").splitlines()}


def questions(path: Path = QUESTIONS) -> list[str]:
    """The on-topic questions (every kind, both splits), in file order."""
    return [str(row["q"]) for row in yaml.safe_load(path.read_text(encoding="utf-8")) if row["kind"] != "offtopic"]


class Bare:
    """The floor: the query's e5 embedding and one FAISS search, with the server's engine settings."""

    def __init__(self, svc: PolicyService) -> None:
        self.engine = svc.engine
        seg = svc.segmenter
        # engine.open(kg) would also read the graph (task metadata), and opening the graph store here would take
        # it from the server; the index is all the floor needs, opened the way engine.open opens it.
        self.index: OpenIndex = self.engine.store.open(self.engine.embedder, seg.cut, seg.config())

    def __call__(self, q: str) -> None:
        self.index.dense_search(self.engine.embed_query(q), FAISS_DEPTH)


# ---- served over HTTP, interleaved with bare -------------------------------------------------------------
def wait_ready(base: str, timeout: float = 300.0) -> None:
    """Until /healthz says "ok" (the background index check done)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if httpx.get(f"{base}/healthz", timeout=5).json().get("status") == "ok":
            return
        time.sleep(0.5)
    raise SystemExit(f"{base}/healthz did not say ok within {timeout:.0f} s")


def served_rounds(base: str, bare: Bare, qs: Sequence[str], rounds: int, seed: int) -> dict[str, Any]:
    """Warm-up pass, then `rounds` rounds; per question served / bare / healthz in a rotated order."""
    simple = {q: to_simplified(q) for q in qs}  # bare embeds what the engine embeds
    times: dict[str, list[float]] = {"served": [], "bare": [], "healthz": []}
    by_q: dict[str, dict[str, list[float]]] = {q: {"served": [], "bare": []} for q in qs}
    intent: dict[str, str] = {}  # the router's intent, "" for none
    size: dict[str, tuple[int, int]] = {}  # answers in the structured answer, response bytes
    failures: list[str] = []
    per_round: list[dict[str, float]] = []
    with httpx.Client(base_url=base, timeout=120) as http:

        def served(q: str) -> float:
            t = time.perf_counter()
            try:
                r = http.get("/api/search", params={"q": q})
            except httpx.HTTPError as exc:
                failures.append(f"{type(exc).__name__}: {q}")
                return time.perf_counter() - t
            elapsed = time.perf_counter() - t
            if r.status_code != 200:
                failures.append(f"{r.status_code}: {q}")
            else:
                answer = r.json().get("answer") or {}
                intent[q] = answer.get("intent", "")
                size[q] = (len(answer.get("answers", [])), len(r.content))
            return elapsed

        def healthz() -> float:
            t = time.perf_counter()
            r = http.get("/healthz")
            elapsed = time.perf_counter() - t
            if r.status_code != 200:
                failures.append(f"healthz {r.status_code}")
            return elapsed

        def timed_bare(q: str) -> float:
            t = time.perf_counter()
            bare(simple[q])
            return time.perf_counter() - t

        started = time.perf_counter()
        for q in qs:  # warm-up: every question once each way (caches of the server and of this process made)
            served(q)
            timed_bare(q)
        warm_seconds = time.perf_counter() - started
        warm_failures = len(failures)
        steps: list[tuple[str, Callable[[str], float]]] = [
            ("served", served), ("bare", timed_bare), ("healthz", lambda _: healthz())]
        rng = random.Random(seed)
        for r in range(rounds):
            order = list(qs)
            rng.shuffle(order)
            mark = {name: len(v) for name, v in times.items()}
            for i, q in enumerate(order):
                shift = (i + r) % len(steps)
                for name, step in steps[shift:] + steps[:shift]:
                    elapsed = step(q)
                    times[name].append(elapsed)
                    if name in by_q[q]:
                        by_q[q][name].append(elapsed)
            p50 = {name: percentile(v[mark[name]:], 50) * 1000 for name, v in times.items()}
            per_round.append({**{f"{n}_p50_ms": round(v, 2) for n, v in p50.items()},
                              "ratio": round(p50["served"] / p50["bare"], 3)})
            print(f"  round {r + 1}/{rounds}: served p50 {p50['served']:.1f} ms, bare {p50['bare']:.1f} ms, "
                  f"ratio {p50['served'] / p50['bare']:.2f}", flush=True)
    groups = grouped(intent, by_q)
    for g in groups.values():
        picked = g.pop("members")
        g["answers_mean"] = round(sum(size[q][0] for q in picked) / len(picked), 1)
        g["response_bytes_mean"] = round(sum(size[q][1] for q in picked) / len(picked))
    return {"stats": {name: summary_ms(v) for name, v in times.items()}, "groups": groups, "per_round": per_round,
            "failures": len(failures) - warm_failures, "warmup_failures": warm_failures,
            "failure_examples": failures[:10], "warmup_seconds": round(warm_seconds, 1)}


def grouped(intent: dict[str, str], by_q: dict[str, dict[str, list[float]]]) -> dict[str, dict[str, Any]]:
    """Timings per kind of question: no structured answer, any answer, then each intent of the router."""
    kinds = sorted(set(intent.values()) - {""}, key=lambda i: -sum(v == i for v in intent.values()))
    out: dict[str, dict[str, Any]] = {}
    for label, keep in (("no answer", lambda i: i == ""), ("answer, any intent", lambda i: i != ""),
                        *((f"answer: {k}", lambda i, k=k: i == k) for k in kinds)):
        picked = [q for q, i in intent.items() if keep(i) and q in by_q]
        if picked:
            names = next(iter(by_q.values())).keys()
            out[label] = {"questions": len(picked), "members": picked,
                          **{n: summary_ms([t for q in picked for t in by_q[q][n]]) for n in names}}
    return out


def concurrency_rows(base: str, qs: list[str], clients: Sequence[int], requests: int, pid: int) -> list[dict[str, Any]]:
    """bench/concurrency.py's clients: each sends `requests` searches one after the other, all at once."""
    rows = []
    for n in clients:
        row = run_clients(base, qs, n, requests, server_pid=pid)
        print(f"  {n} clients: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, failures {row['failures']}", flush=True)
        rows.append(row)
    return rows


# ---- where the time goes, in this process ----------------------------------------------------------------
def breakdown(settings: Settings, svc: PolicyService, bare: Bare, qs: Sequence[str], rounds: int, seed: int
              ) -> dict[str, Any]:
    """The same questions in-process, each stage interleaved with bare; then cProfile passes of the service."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    engine, kg = svc.engine, svc.kg  # the server has exited: this process may open the graph store now
    simple = {q: to_simplified(q) for q in qs}
    # Warm-up, and the router's intent per question ("" for none).
    intent = {q: (a.intent if (a := svc.search(q, k=K).answer) is not None else "") for q in qs}
    app_settings = replace(settings, rate_limit_per_minute=10**9, expensive_rate_limit_per_minute=10**9)
    names = ("bare", "rank", "service", "app", "app healthz")
    times: dict[str, list[float]] = {n: [] for n in names}
    by_q: dict[str, dict[str, list[float]]] = {q: {n: [] for n in names} for q in qs}
    with TestClient(create_app(app_settings)) as client:
        for q in qs:  # the app's own service warmed up
            client.get("/api/search", params={"q": q})
        steps: list[tuple[str, Callable[[str], object]]] = [
            ("bare", lambda q: bare(simple[q])),
            ("rank", lambda q: engine.search(kg, q, K, "hybrid")),
            ("service", lambda q: svc.search(q, k=K)),
            ("app", lambda q: client.get("/api/search", params={"q": q})),
            ("app healthz", lambda _: client.get("/healthz")),
        ]
        rng = random.Random(seed + 1)
        for r in range(rounds):
            order = list(qs)
            rng.shuffle(order)
            for i, q in enumerate(order):
                shift = (i + r) % len(steps)
                for name, step in steps[shift:] + steps[:shift]:
                    t = time.perf_counter()
                    step(q)
                    elapsed = time.perf_counter() - t
                    times[name].append(elapsed)
                    by_q[q][name].append(elapsed)
    groups = grouped(intent, by_q)
    for g in groups.values():
        del g["members"]

    profile = profiled(svc, qs)
    routed = [q for q in qs if intent[q]]
    router = profiled(svc, routed, top=10) if routed else {}
    return {"stats": {n: summary_ms(v) for n, v in times.items()}, "groups": groups, "profile": profile["parts"],
            "router_questions": len(routed), "router_profile": router.get("top", []),
            "profile_note": "cProfile adds its own cost to every Python call (most to the router and pydantic, "
                            "least to the e5 and FAISS calls); compare parts with each other, not with the timings"}


def profiled(svc: PolicyService, qs: Sequence[str], top: int = 0) -> dict[str, list[dict[str, Any]]]:
    """One cProfile pass of `PolicyService.search` over `qs`: the PROFILED parts per search, and the `top` functions
    of the graph layer (kg/) by cumulative time, where a routed question's answer is read."""
    profiler = cProfile.Profile()
    profiler.enable()
    for q in qs:
        svc.search(q, k=K)
    profiler.disable()
    stats: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    parts = []
    for func, where, label in PROFILED:
        hits = [(nc, ct) for (file, _, name), (_, nc, _, ct, _) in stats.items() if name == func and where in file]
        if hits:
            parts.append({"part": label, "function": func, "calls_per_search": round(sum(h[0] for h in hits) / len(qs), 1),
                          "ms_per_search": round(sum(h[1] for h in hits) * 1000 / len(qs), 3)})
    graph = sorted(((ct, nc, f"{Path(file).parent.name}/{Path(file).name}:{line} {name}")
                    for (file, line, name), (_, nc, _, ct, _) in stats.items() if "/kg/" in file), reverse=True)[:top]
    return {"parts": parts, "top": [{"function": f, "calls_per_search": round(nc / len(qs), 1),
                                     "ms_per_search": round(ct * 1000 / len(qs), 3)} for ct, nc, f in graph]}


# ---- report ------------------------------------------------------------------------------------------------
def _ms(s: dict[str, float], key: str = "p50_ms") -> str:
    return f"{s[key]:.1f}"


def report(res: dict[str, Any]) -> None:
    vs = res["served_vs_bare"]
    s = vs["stats"]
    ratio = s["served"]["p50_ms"] / s["bare"]["p50_ms"]
    print(f"\n{res['questions']} questions x {res['rounds']} rounds on {res['documents']}; k={K}, hybrid; "
          f"bare = e5 query embedding + FAISS top {FAISS_DEPTH}; load average at start {res['load_average']['start']}, "
          f"at end {res['load_average']['end']}")
    rows = [[name, s[name]["n"], _ms(s[name]), _ms(s[name], "p95_ms"), f"{s[name]['p50_ms'] / s['bare']['p50_ms']:.2f}",
             "", "", ""] for name in ("served", "bare", "healthz")]
    for label, g in vs["groups"].items():
        rows.append([f"served, {label} ({g['questions']} q)", g["served"]["n"], _ms(g["served"]), _ms(g["served"], "p95_ms"),
                     f"{g['served']['p50_ms'] / g['bare']['p50_ms']:.2f}", _ms(g["bare"]), f"{g['answers_mean']:.1f}",
                     g["response_bytes_mean"]])
    print(table(["measure", "n", "p50 ms", "p95 ms", "p50 / bare p50", "own bare p50", "answers", "bytes"], rows))
    code = res["code"]
    print(f"code: commit {code['commit'][:10]} imported from {code['api_imported_from']}, "
          + (f"{len(code['changed'])} code files changed from it: {' '.join(c.split()[-1] for c in code['changed'])}"
             if code["changed"] else "no code file changed from it"))
    verdict = "meets" if ratio <= BAR else "misses"
    print(f"served p50 / bare p50 = {ratio:.2f} ({verdict} the bar of {BAR}); per round: "
          + ", ".join(f"{r['ratio']:.2f}" for r in vs["per_round"]) + f"; failures {vs['failures']}")
    if res.get("concurrency"):
        one = next((c["p50_ms"] for c in res["concurrency"] if c["clients"] == 1), float("nan"))
        print("\nconcurrent clients, each sending its searches one after the other (not interleaved with bare)")
        print(table(["clients", "requests", "p50 ms", "p95 ms", "max ms", "failures", "per s", "server CPU ms/req",
                     "server cores busy", "p50 / p50(1)"],
                    [[c["clients"], c["requests"], f"{c['p50_ms']:.1f}", f"{c['p95_ms']:.1f}", f"{c['max_ms']:.1f}",
                      c["failures"], f"{c['throughput_per_s']:.1f}", f"{c['server_cpu_ms']:.1f}",
                      f"{c['server_cores_busy']:.2f}", f"{c['p50_ms'] / one:.2f}"] for c in res["concurrency"]]))
    b = res.get("breakdown")
    if b:
        bs = b["stats"]
        print("\nin-process, server stopped, same data copy, each stage interleaved with bare (p50 ms; "
              "rank = SearchEngine.search, service = PolicyService.search, app = FastAPI TestClient)")
        names = list(bs)
        rows = [["all", res["questions"], *(_ms(bs[n]) for n in names),
                 f"{bs['service']['p50_ms'] - bs['rank']['p50_ms']:.1f}"]]
        rows += [[label, g["questions"], *(_ms(g[n]) for n in names), f"{g['service']['p50_ms'] - g['rank']['p50_ms']:.1f}"]
                 for label, g in b["groups"].items()]
        print(table(["questions", "q", *names, "service - rank"], rows))
        print(f"\ncProfile of PolicyService.search, {res['questions']} searches ({b['profile_note']})")
        print(table(["part", "calls per search", "ms per search"],
                    [[p["part"], f"{p['calls_per_search']:.1f}", f"{p['ms_per_search']:.2f}"] for p in b["profile"]]))
        if b["router_profile"]:
            print(f"\nthe graph layer's functions by cumulative time, the {b['router_questions']} questions the router "
                  "answers (cProfile, per search)")
            print(table(["function", "calls per search", "ms per search"],
                        [[p["function"], f"{p['calls_per_search']:.1f}", f"{p['ms_per_search']:.2f}"] for p in b["router_profile"]]))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, help="a copy of the 61-document library (default: build one in a temporary directory)")
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds over the questions (default 5)")
    ap.add_argument("--clients", type=int, nargs="*", default=[1, 4, 20], help="concurrent client counts (default 1 4 20)")
    ap.add_argument("--requests", type=int, default=40, help="searches per concurrent client (default 40)")
    ap.add_argument("--breakdown-rounds", type=int, default=2, help="rounds of the in-process stages (0: skip them)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default="search-latency.json", help="file name in bench/results")
    ap.add_argument("--build", type=Path, help=argparse.SUPPRESS)  # the child process that makes the library
    args = ap.parse_args(argv)
    if args.build:
        build(args.build)
        return 0
    if args.rounds < 1:
        ap.error("--rounds must be >= 1")
    qs = questions()
    started, load_at_start = time.perf_counter(), [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="policykg-searchlat-") as tmp:
        data = args.data or Path(tmp) / "data"
        subprocess.run([sys.executable, __file__, "--build", str(data)], check=True)
        # The server's settings (bench/concurrency.py starts it without POLICYKG_QUERY_SLOTS: one slot per core).
        settings = replace(Settings.from_env(data_dir=data), query_slots=0)
        svc = PolicyService(settings)
        bare = Bare(svc)
        proc, base = start(data, {})
        try:
            wait_ready(base)
            print(f"server {base} ready; {len(qs)} questions, warm-up pass then {args.rounds} rounds", flush=True)
            vs = served_rounds(base, bare, qs, args.rounds, args.seed)
            conc = concurrency_rows(base, qs, args.clients, args.requests, proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        result: dict[str, Any] = {
            "code": code_state(),
            "criterion": "p50 of /api/search on the library <= 1.5 x bare (e5 query embedding + FAISS) p50, same run",
            "documents": "61 documents (bench/library_quality.py's library)", "data": str(args.data or "temporary"),
            "questions": len(qs), "rounds": args.rounds, "k": K, "faiss_depth": FAISS_DEPTH,
            "passages": len(bare.index.passages), "served_vs_bare": vs,
            "ratio_p50": round(vs["stats"]["served"]["p50_ms"] / vs["stats"]["bare"]["p50_ms"], 3),
            "ratio_p95": round(vs["stats"]["served"]["p95_ms"] / vs["stats"]["bare"]["p95_ms"], 3),
            "concurrency": conc, "requests_per_client": args.requests,
        }
        if args.breakdown_rounds > 0:
            print(f"server stopped; in-process stages, {args.breakdown_rounds} rounds", flush=True)
            result["breakdown"] = breakdown(settings, svc, bare, qs, args.breakdown_rounds, args.seed)
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["environment"] = environment()
    # The machine is shared: the load average (1, 5, 15 min) before and after says how much.
    result["load_average"] = {"start": load_at_start, "end": [round(x, 2) for x in os.getloadavg()]}
    report(result)
    path = write_json(args.out, result)
    print(f"\ntotal {result['seconds']} s; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
