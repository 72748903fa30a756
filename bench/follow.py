"""Two API processes, one library: how fast a write through one is answered by the other (issue 16).

Two topologies, each for `--seconds` (60 by default):
- `workers`: `policykg serve --workers 2` on one data directory (embedded store: one process owns it);
- `remote`: two independent `policykg serve` instances, each with its own data directory, on one `oxigraph serve`;
- `milvus`: the same, with the passages on one `milvus-lite server` too (nothing of the library per instance).

A writer uploads a new plan through one process, waits, deletes it, waits, and so on (alternating the process it
writes through in `remote`). Ten readers read /api/documents and /api/search on fresh connections (each may land on
either process) without pause. A read that starts more than `--grace` seconds (1 s) after a write was acknowledged
and does not reflect it (the document listed, or found by its own words; or, after the delete, neither) is stale,
unless the document's delete was already sent when the read ended (then either state is current).
Reported: reads, stale reads (the issue's bar: 0), and per read kind the p50/p95 latency.

    .venv/bin/python bench/follow.py [--seconds 60] [--topology workers remote milvus]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import percentile, write_json  # noqa: E402
from api_servers import TOKEN, server_output, start_server, stop_server  # noqa: E402  (the tests' way to start a real server)
from datadirs import ingest_apart  # noqa: E402
from milvus_servers import MilvusServer  # noqa: E402
from sparql_servers import Server  # noqa: E402

from api.service import PolicyService  # noqa: E402

RESENT = "sent again on a new connection"  # kg/remote.py's warning for a read whose connection failed first

SEED = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"
READERS = 10


def plan(k: int) -> bytes:
    return f"跟随测试市第{k}号方案\n一、任务\n1.建设跟随{k}号专用平台。到2027年建成平台3个。〔责任单位：市科技局〕\n".encode()


def run(bases: list[str], seconds: float, grace: float, write_pause: float) -> dict[str, Any]:
    """The writer and the readers against these processes' base URLs; what they saw."""
    events: list[tuple[float, str, bool, int]] = []  # (acknowledged at, document, present afterwards, plan number)
    deleting: dict[str, float] = {}  # document -> when its delete was sent (a read may show it gone from then on)
    lock = threading.Lock()
    done = threading.Event()
    reads: list[tuple[str, float, bool]] = []  # (kind, seconds, stale)
    errors: list[str] = []
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def writer() -> None:
        k = 0
        while not done.is_set():
            k += 1
            base = bases[k % len(bases)]
            with httpx.Client(base_url=base, timeout=120) as client:
                r = client.post("/api/documents", files={"file": (f"跟随{k}.txt", plan(k))}, headers=auth)
                if r.status_code != 201:
                    errors.append(f"upload {r.status_code} {r.text[:200]}")
                    return
                doc = r.json()["ingested"][0]["doc"]
                with lock:
                    events.append((time.monotonic(), doc, True, k))
                time.sleep(write_pause)
                with lock:
                    deleting[doc] = time.monotonic()
                r = client.delete(f"/api/documents/{doc}", headers=auth)
                if r.status_code != 200:
                    errors.append(f"delete {r.status_code} {r.text[:200]}")
                    return
                with lock:
                    events.append((time.monotonic(), doc, False, k))
            time.sleep(write_pause)

    def expected(started: float) -> tuple[str, bool, int] | None:
        """The state a read starting now must show: the last write acknowledged `grace` seconds before it."""
        with lock:
            due = [e for e in events if e[0] <= started - grace]
        return due[-1][1:] if due else None

    def due_at(doc: str, present: bool) -> float:
        with lock:
            return next(e[0] for e in events if e[1] == doc and e[2] == present)

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        while not done.is_set():
            base, kind = rng.choice(bases), rng.choice(("documents", "search"))
            started = time.monotonic()
            want = expected(started)
            try:
                with httpx.Client(base_url=base, timeout=60) as client:
                    if kind == "documents":
                        r = client.get("/api/documents")
                    else:
                        number = want[2] if want is not None else 0
                        r = client.get("/api/search", params={"q": f"建设跟随{number}号专用平台", "k": 20})
                    if r.status_code != 200:
                        errors.append(f"{kind}: HTTP {r.status_code} {r.text[:200]}")
                        continue
                    found = {d["id"] for d in r.json()["documents"]} if kind == "documents" else {h["doc"] for h in r.json()["hits"]}
                    shows = None if want is None else want[0] in found
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                errors.append(f"{kind}: {type(exc).__name__}: {exc}")
                continue
            ended = time.monotonic()
            # Stale: not the state due, unless the read may have seen the next write (the document's delete sent
            # before the read ended).
            with lock:
                newer = want is not None and want[1] and deleting.get(want[0], ended + 1) <= ended
            stale = want is not None and shows != want[1] and not newer
            if stale and want is not None:
                errors.append(f"stale {kind} on {base}: {want[0]} {'missing' if want[1] else 'still there'}, "
                              f"{started - due_at(want[0], want[1]):.2f} s after the write")
            reads.append((kind, ended - started, stale))

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(i,)) for i in range(READERS)]
    for t in threads:
        t.start()
    time.sleep(seconds)
    done.set()
    for t in threads:
        t.join(180)
    failed = [e for e in errors if not e.startswith("stale")]
    out: dict[str, Any] = {"seconds": seconds, "grace_s": grace, "writes": len(events), "reads": len(reads),
                           "stale": sum(s for _, _, s in reads), "failed": len(failed), "notes": errors[:20]}
    for kind in ("documents", "search"):
        times = [t for k, t, _ in reads if k == kind]
        out[kind] = {"reads": len(times), "stale": sum(s for k, _, s in reads if k == kind),
                     "p50_ms": round(percentile(times, 50) * 1000, 1), "p95_ms": round(percentile(times, 95) * 1000, 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--grace", type=float, default=1.0, help="seconds a write may take to reach every process")
    ap.add_argument("--write-pause", type=float, default=3.0, help="seconds between an upload and its delete")
    ap.add_argument("--topology", nargs="+", choices=("workers", "remote", "milvus"),
                    default=["workers", "remote", "milvus"])
    ap.add_argument("--out", default="follow.json", help="results file name in bench/results")
    args = ap.parse_args(argv)
    env = {"POLICYKG_API_TOKEN": TOKEN, "POLICYKG_RATE_LIMIT_PER_MINUTE": "1000000",
           "POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE": "1000000"}
    result: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "workers" in args.topology:
            ingest_apart(tmp / "embedded", SEED)
            proc, base = start_server(tmp / "embedded", "--workers", "2", **env)
            try:
                result["workers"] = run([base], args.seconds, args.grace, args.write_pause)
            finally:
                stop_server(proc)
        for topology in ("remote", "milvus"):
            if topology not in args.topology:
                continue
            srv = Server(tmp / f"oxigraph-{topology}")
            passages = MilvusServer(tmp / "milvus") if topology == "milvus" else None
            remote = {**srv.env(), **(passages.env() if passages else {})}
            seeded = PolicyService(srv.settings(tmp / f"{topology}0", milvus_uri=passages.uri if passages else None))
            seeded.ingest_paths([SEED])  # the graph on the server, the index in r0 or on Milvus
            del seeded
            if passages is None:
                shutil.copytree(tmp / f"{topology}0", tmp / f"{topology}1")  # the second instance copies the index
            procs = [start_server(tmp / f"{topology}{i}", **env, **remote) for i in (0, 1)]
            try:
                result[topology] = run([b for _, b in procs], args.seconds, args.grace, args.write_pause)
            finally:
                for proc, _ in procs:
                    stop_server(proc)
                    said = server_output(proc, 10_000_000)
                    if topology in result:  # reads whose connection failed before an answer and were sent again
                        result[topology]["reads_sent_again"] = result[topology].get("reads_sent_again", 0) + \
                            said.count(RESENT)
                    if result.get(topology, {}).get("failed"):  # what the servers said about the failures
                        print(said[-12_000:], file=sys.stderr)
                srv.stop()
                if passages is not None:
                    passages.stop()
    path = write_json(args.out, result)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"written to {path}", file=sys.stderr)
    return 0 if all(r["stale"] == 0 and not r["failed"] for r in result.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
