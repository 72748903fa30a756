"""The same library on the embedded graph store and on a SPARQL 1.1 server, side by side (issue 16, graph part).

One run: an `oxigraph serve` process on this machine (the `oxigraph` wheel), and the plans the parser tests know
(the bundled plan, the synthetic plans, the real development documents) ingested into an embedded data directory
and into the server. Then, on both:
- the answers: every question of `ask`, the tasks of every unit asked, the 2028 targets and the /sparql page's
  example queries, compared (they must be equal);
- their latency, p50 and p95 over `--rounds` rounds, each round asking everything once on both backends in turn;
- ingest throughput on the server with 1, 2 and 4 writer processes (each its own data directory, the same server,
  its share of `--plans` copies of the plans), graph only (index_on_ingest off: embedding is measured elsewhere).

The search half (Milvus against FAISS on the same passages and vectors) is bench/scale_search.py.

    .venv/bin/python bench/scale.py [--rounds 5] [--plans 48]
"""
from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import environment, percentile, write_json  # noqa: E402
from growth import plan_paths, templates, variant  # noqa: E402
from sparql_servers import Server  # noqa: E402

from api.app import sparql_engine_for  # noqa: E402
from api.service import PolicyService  # noqa: E402
from api.settings import Settings  # noqa: E402
from api.sparql import QueryEndpoint  # noqa: E402

QUESTIONS = ["哪些任务由市科技局负责", "市科技局牵头哪些任务", "2028年要达到哪些目标", "浮梁县参与哪个产业集群",
             "提升绿色发展水平由谁负责", "任务12的责任单位有哪些", "哪些任务由市工信局牵头", "直升机集群在哪个区",
             "上饶市科技局负责哪些任务", "先进陶瓷产业链缺哪些环节"]
UNITS = ["市科技局", "市工信局", "市发展改革委", "市财政局", "市商务局"]
SPARQL = {
    "tasks_led_by_unit": 'SELECT ?number ?title WHERE { ?task pkg:leadUnit ?unit ; pkg:number ?number ; '
                         'dcterms:title ?title . ?unit skos:prefLabel "市科学技术局"@zh . } ORDER BY ?number ?title',
    "tasks_per_unit": "SELECT ?unit (COUNT(DISTINCT ?task) AS ?tasks) WHERE { ?task pkg:leadUnit ?u . "
                      "?u skos:prefLabel ?unit . } GROUP BY ?unit ORDER BY DESC(?tasks) ?unit LIMIT 20",
    "documents": "SELECT ?doc ?title WHERE { ?doc a pkg:Plan ; dcterms:title ?title } ORDER BY ?doc",
}


def readers(svc: PolicyService, engine: QueryEndpoint) -> dict[str, Callable[[], Any]]:
    """Every read compared and timed: name -> a call returning its answer as plain data."""
    calls: dict[str, Callable[[], Any]] = {f"ask {q}": (lambda q=q: svc.ask(q).model_dump()) for q in QUESTIONS}
    calls |= {f"tasks {u}": (lambda u=u: svc.tasks(unit=u).model_dump()) for u in UNITS}
    calls["targets 2028"] = lambda: svc.targets(year=2028).model_dump()
    for name, text in SPARQL.items():
        calls[f"sparql {name}"] = lambda text=text: json.loads(
            engine.query(text, accept="application/sparql-results+json").body)["results"]["bindings"]
    return calls


def ingest_share(urls: tuple[str, str, str], folder: Path, data: Path) -> None:
    """One writer process: ingest the plans in `folder` into the server through its own data directory, once
    told to start (its start-up, imports and jieba's dictionary, is not the ingest's throughput)."""
    svc = PolicyService(Settings(data_dir=data, index_on_ingest=False, sparql_query_url=urls[0],
                                 sparql_update_url=urls[1], sparql_store_url=urls[2]))
    svc.segmenter.cut("景德镇市工信局")  # loads the dictionary
    print("ready", flush=True)
    sys.stdin.readline()
    for path in sorted(folder.glob("*.txt")):  # one write per document, as uploads arrive
        report = svc.ingest_paths([path])
        if report.errors:
            raise SystemExit(f"{path.name}: {report.errors}")
    print(f"retries {getattr(svc.store, 'write_retries', 0)}", flush=True)  # writes that overlapped another's


def throughput(tmp: Path, plans: int, writers: int) -> dict[str, Any]:
    """Documents per second with `writers` processes ingesting `plans` new documents into a fresh server."""
    import random

    srv = Server(tmp / f"ox-{writers}")
    try:
        rng, texts = random.Random(writers), templates()
        folders = [tmp / f"w{writers}-{i}" for i in range(writers)]
        for i, folder in enumerate(folders):
            folder.mkdir()
            for k in range(i, plans, writers):
                (folder / f"plan-{k:04d}.txt").write_text(variant(texts[k % len(texts)], k, rng), encoding="utf-8")
        procs = [subprocess.Popen([sys.executable, __file__, "--ingest-share", *srv.urls, str(f), str(tmp / f"{f.name}-data")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for f in folders]
        for p in procs:  # every writer started and warm before the clock starts
            if (p.stdout.readline() if p.stdout else "").strip() != "ready":
                raise SystemExit(f"a writer did not start: exit code {p.wait()}")
        started = time.perf_counter()
        for p in procs:
            assert p.stdin is not None
            p.stdin.write("go\n")
            p.stdin.flush()
        codes = [p.wait() for p in procs]
        seconds = time.perf_counter() - started
        retries = sum(int(line.split()[1]) for p in procs if p.stdout for line in p.stdout if line.startswith("retries "))
        if any(codes):
            raise SystemExit(f"a writer failed: exit codes {codes}")
        stored = len(PolicyService(srv.settings(tmp / f"check-{writers}")).store.manifest())
        return {"writers": writers, "documents": plans, "stored": stored, "seconds": round(seconds, 1),
                "documents_per_s": round(plans / seconds, 2), "write_retries": retries}
    finally:
        srv.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--plans", type=int, default=48, help="documents each throughput run ingests")
    ap.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--throughput-only", action="store_true", help="only the ingest throughput with --writers")
    ap.add_argument("--ingest-share", nargs=5, help=argparse.SUPPRESS)  # internal: one writer process
    args = ap.parse_args(argv)
    if args.ingest_share:
        *urls, folder, data = args.ingest_share
        ingest_share((urls[0], urls[1], urls[2]), Path(folder), Path(data))
        return 0
    if args.throughput_only:
        with tempfile.TemporaryDirectory() as tmp_name:
            rows = [throughput(Path(tmp_name), args.plans, n) for n in args.writers]
        path = write_json("scale-throughput.json", {"plans": args.plans, "throughput": rows, "environment": environment()})
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        print(f"written to {path}", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        srv = Server(tmp / "oxigraph")
        stack = contextlib.ExitStack()
        try:
            embedded = PolicyService(Settings(data_dir=tmp / "embedded", index_on_ingest=False))
            remote = PolicyService(srv.settings(tmp / "remote", index_on_ingest=False))
            ingest: dict[str, float] = {}
            for name, svc in (("embedded", embedded), ("remote", remote)):
                t = time.perf_counter()
                report = svc.ingest_paths(plan_paths())
                ingest[name] = round(time.perf_counter() - t, 1)
                if report.errors:
                    raise SystemExit(f"{name} ingest failed: {report.errors}")
            engines = {"embedded": sparql_engine_for(embedded), "remote": sparql_engine_for(remote)}
            stack.callback(lambda: [e.close() for e in engines.values()])  # the embedded one's worker processes
            calls = {"embedded": readers(embedded, engines["embedded"]), "remote": readers(remote, engines["remote"])}
            answers = {b: {name: call() for name, call in c.items()} for b, c in calls.items()}  # also a warm-up
            differ = sorted(n for n in answers["embedded"] if answers["embedded"][n] != answers["remote"][n])
            times: dict[str, dict[str, list[float]]] = {b: {n: [] for n in calls[b]} for b in calls}
            for _ in range(args.rounds):
                for name in calls["embedded"]:
                    for backend in ("embedded", "remote"):
                        t = time.perf_counter()
                        calls[backend][name]()
                        times[backend][name].append(time.perf_counter() - t)
        finally:
            stack.close()
            srv.stop()
        rows = []
        for name in calls["embedded"]:
            e, r = times["embedded"][name], times["remote"][name]
            rows.append({"read": name, "embedded_p50_ms": round(statistics.median(e) * 1000, 1),
                         "remote_p50_ms": round(statistics.median(r) * 1000, 1),
                         "embedded_p95_ms": round(percentile(e, 95) * 1000, 1), "remote_p95_ms": round(percentile(r, 95) * 1000, 1),
                         "ratio": round(statistics.median(r) / statistics.median(e), 2)})
        every = {b: [x for v in times[b].values() for x in v] for b in times}
        result = {"documents": len(plan_paths()), "ingest_s": ingest, "answers_equal": not differ, "differ": differ,
                  "rounds": args.rounds, "reads": rows,
                  "all_p50_ms": {b: round(statistics.median(v) * 1000, 1) for b, v in every.items()},
                  "throughput": [throughput(tmp, args.plans, n) for n in args.writers]}
    path = write_json("scale.json", result)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"written to {path}", file=sys.stderr)
    return 0 if not differ else 1


if __name__ == "__main__":
    sys.exit(main())
