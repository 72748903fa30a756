"""Concurrent searches against a real server: p50/p95 with 1, 4 and 20 clients (issue 12's second run).

The server is `policykg serve` over the bundled plan with the real e5 model, started fresh for each setting so
that its thread pools are what the setting says. Each client sends `--requests` searches (`/api/search`, the
questions of bench/queries.yaml in turn, each client starting at another one), one after the other; the clients
run at once. Printed per setting and client count: p50, p95, max and failures, and the ratio the issue judges,
p50(N) ÷ (N × p50(1) ÷ cores).

Settings compared in the same run (`--settings`):
- `ungated`: POLICYKG_QUERY_BATCHING=0 and POLICYKG_QUERY_SLOTS=-1, the first behaviour: each call runs the e5
  engine's OpenMP team over every core;
- `omp1`: ungated, but OMP_NUM_THREADS=1 for the whole server (each call on one core, any number at once);
- `gated`: POLICYKG_QUERY_BATCHING=0: at most one query embedding per core at once, each on one OpenMP thread;
- `batched`: the server's default: one worker per core, on one OpenMP thread, embeds the queries that queued
  while its previous call ran (up to 4) in one call (search/batcher.py);
- `batched-team`: batched with POLICYKG_QUERY_SLOTS=-1: one worker, each call on the engine's whole team.

Batched against gated, `--settings gated batched --requests 15`, on two cores shared with other work (four runs,
`bench/results/concurrency-batched-run{1..4}.json`; 3 and 4 before the workers' idle exit was added):
a lone client 32-33 ms either way; 4 clients p50 53-57 ms (gated 55-60), p95 81-86 ms (gated 75-81); 20 clients
p50 261-273 ms (gated 290-307), p95 325-356 ms (gated 330-402), max 358-497 ms (gated 517-576), 65-68 searches/s
(gated 58-62), 25.5-26.6 ms of server CPU a search (gated 27.4-29.0). Batches of up to 32 instead of 4
(`concurrency-batched32-run{1..4}.json`) lowered the p50 at 20 clients further (193-277 ms) but raised the p95 to
477-560 ms, since every caller of a batch waits for its last row; `batched-team` served a lone client in 19-22 ms
but 4 clients in 65-72 ms, and in one run of four, beside another process, its OpenMP team spun 1.7 s a query.

With `--ingest`, a writer uploads and deletes a plan over and over while the clients search (each upload a new
variant of the plan, so its passages are embedded anew: the ingest's own thread team competes with the queries).

    .venv/bin/python bench/concurrency.py [--clients 1 4 20] [--requests 20]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT / "tests"))
from api_servers import start_server  # noqa: E402  (the tests' way to start a real server)

UNBATCHED = {"POLICYKG_QUERY_BATCHING": "0"}
SETTINGS = {
    "ungated": {**UNBATCHED, "POLICYKG_QUERY_SLOTS": "-1"},
    "omp1": {**UNBATCHED, "POLICYKG_QUERY_SLOTS": "-1", "OMP_NUM_THREADS": "1"},
    "gated": UNBATCHED,
    "batched": {},
    "batched-team": {"POLICYKG_QUERY_SLOTS": "-1"},
}


def start(data: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """A server with the settings under test and its own thread defaults, responses unchecked (as deployed)."""
    inherited = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "POLICYKG_QUERY_SLOTS",
                                                                 "POLICYKG_QUERY_BATCHING")}
    return start_server(data, environ=inherited, strict=False, POLICYKG_API_TOKEN=TOKEN,
                        POLICYKG_RATE_LIMIT_PER_MINUTE="1000000", POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="1000000",
                        **env)


TOKEN = "bench-token"


def writer(base: str, stop: threading.Event, done: list[int]) -> None:
    """Upload a new variant of a plan, delete it, again, until stopped."""
    import random

    sys.path.insert(0, str(ROOT / "bench"))
    from growth import variant

    text = (ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt").read_text(encoding="utf-8")
    rng = random.Random(3)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=300, headers=auth) as http:
        k = 0
        while not stop.is_set():
            k += 1
            body = variant(text, k, rng).encode()
            r = http.post("/api/documents", files={"file": (f"load-{k}.txt", body, "text/plain")})
            if r.status_code in (200, 201):
                for d in r.json()["ingested"]:
                    http.delete(f"/api/documents/{d['doc']}")
                done.append(k)


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used (Linux /proc), its threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_clients(base: str, queries: list[str], clients: int, requests: int, ingest: bool = False,
                server_pid: int | None = None) -> dict[str, Any]:
    """`clients` threads, each sending `requests` searches in turn; latencies of every request, and the CPU the
    server and the clients spent per request (what bounds the throughput on a machine's cores)."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)
    stop, written = threading.Event(), []
    background = threading.Thread(target=writer, args=(base, stop, written)) if ingest else None
    if background:
        background.start()
        time.sleep(1.0)  # the first upload is under way

    def client(c: int) -> None:
        with httpx.Client(base_url=base, timeout=120) as http:
            barrier.wait()
            for i in range(requests):
                q = queries[(c * 7 + i) % len(queries)]
                t = time.perf_counter()
                try:
                    r = http.get("/api/search", params={"q": q, "k": 10})
                    ok = r.status_code == 200
                except httpx.HTTPError as exc:
                    ok, r = False, None
                    with lock:
                        failures.append(type(exc).__name__)
                elapsed = time.perf_counter() - t
                with lock:
                    latencies.append(elapsed)
                    if not ok and r is not None:
                        failures.append(str(r.status_code))

    threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
    server_cpu, client_cpu = cpu_seconds(server_pid) if server_pid else 0.0, time.process_time()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    server_cpu = cpu_seconds(server_pid) - server_cpu if server_pid else 0.0
    client_cpu = time.process_time() - client_cpu
    if background:
        stop.set()
        background.join()
    latencies.sort()
    return {"clients": clients, "requests": len(latencies), "failures": len(failures),
            "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
            "max_ms": round(latencies[-1] * 1000, 1), "throughput_per_s": round(len(latencies) / wall, 1),
            # CPU per request (ms) of the server and of the clients (this process, on the same cores), and the
            # share of the machine the server used: at N clients the best p50 the cores allow is about
            # N x (server + client CPU per request) / cores.
            "server_cpu_ms": round(server_cpu / len(latencies) * 1000, 1),
            "client_cpu_ms": round(client_cpu / len(latencies) * 1000, 1),
            "server_cores_busy": round(server_cpu / wall, 2),
            **({"uploads_during": len(written)} if ingest else {})}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 4, 20])
    ap.add_argument("--requests", type=int, default=20, help="searches per client")
    ap.add_argument("--settings", nargs="+", default=list(SETTINGS))
    ap.add_argument("--ingest", action="store_true", help="a writer uploads and deletes plans while the clients search")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "concurrency.json")
    args = ap.parse_args(argv)
    queries = [q["q"] for q in yaml.safe_load((ROOT / "bench" / "queries.yaml").read_text(encoding="utf-8"))]
    cores = os.cpu_count() or 1
    results: dict[str, list[dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "ingest", str(ROOT / "corpus")],
                       cwd=ROOT, check=True, capture_output=True)
        for name in args.settings:
            proc, base = start(data, SETTINGS[name])
            try:
                httpx.get(f"{base}/api/search", params={"q": "预热"}, timeout=120)  # model and index loaded
                rows = []
                for n in args.clients:
                    row = run_clients(base, queries, n, args.requests, args.ingest, server_pid=proc.pid)
                    rows.append(row)
                one = rows[0]["p50_ms"] if rows[0]["clients"] == 1 else None
                for row in rows:
                    if one:
                        # The bound: p50(N) <= N x p50(1) / cores.
                        row["vs_bound"] = round(row["p50_ms"] / (row["clients"] * one / cores), 2)
                    # The least p50 the cores allow at N clients: every request's CPU, server's and client's,
                    # spread over every core with no wait.
                    floor = row["clients"] * (row["server_cpu_ms"] + row["client_cpu_ms"]) / cores
                    row["vs_cpu_floor"] = round(row["p50_ms"] / max(floor, 0.1), 2)
                    print(f"{name:8} {json.dumps(row)}", file=sys.stderr, flush=True)
                results[name] = rows
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    out = {"cores": cores, "requests_per_client": args.requests, "ingest": args.ingest, "results": results}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
