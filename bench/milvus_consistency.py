"""What a search's consistency level costs on a real Milvus server, and how stale a search that does not wait can be.

search/milvus.py searches at Bounded consistency and keeps the collection's Strong for the writes' checks and the
records. On a Milvus server, Strong makes each request wait until the query node has caught up to the request's
time, i.e. for the next time tick (`proxy.timeTickInterval`, 200 ms by default); Milvus Lite has no time ticks, so
the tests and bench/scale_search.py cannot show the cost. Here, on the same passages and query vectors:

- a real Milvus server: the `milvus` package on PyPI (Milvus 2.3.5 standalone with its embedded etcd, the newest
  release packaged there; it predates BM25 and sparse vectors, so only the dense request is measured, as
  search/milvus.py sends it: 80 hits with their task, kind and text), with its default time tick and a shorter one;
- `milvus-lite server` (the backend the tests use), for comparison;

per level (Strong, Bounded, Session, Eventually): the request's p50 / p95; for a search from a second client that
does not wait (Bounded), how long after an acknowledged insert (delete) the row is found (gone); and whether one
Strong read of the collection in between, as search/milvus.py `catch_up` makes before a new snapshot's view, leaves
the Bounded search current (misses: 0 expected; on Lite, which has no time ticks, trivially).

    .venv/bin/pip install -e '.[bench-milvus]'    # the server: milvus==2.3.5 (58 MB); pymilvus and milvus-lite: .[test]
    .venv/bin/python bench/milvus_consistency.py [--passages 10000] [--ticks 200 50] [--requests 100]
"""
from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import environment, percentile, table, write_json  # noqa: E402
from milvus_servers import MilvusServer  # noqa: E402

DIM = 384
HITS = 80  # the dense request of search/engine.py `search_in`: 8 x k passages for k = 10
LEVELS = ("Strong", "Bounded", "Session", "Eventually")
FIELDS = ["task_id", "kind", "text"]
TEXT = "景德镇市推动先进陶瓷产业集群发展，支持企业开展关键核心技术攻关，培育高新技术企业和专精特新企业。"


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def start_server(stack: contextlib.ExitStack, base: Path, tick_ms: int) -> Any:
    """A Milvus 2.3.5 standalone server (the `milvus` package) with this time tick, stopped with the stack (also
    when it fails to start); its client URI is `.uri`."""
    try:
        from milvus import MilvusServer as Standalone
    except ImportError:
        sys.exit("needs the Milvus server from PyPI: .venv/bin/pip install -e '.[bench-milvus]' (milvus==2.3.5)")
    server = Standalone()
    server.set_base_dir(str(base))
    server.config.extra_configs["proxy.timeTickInterval"] = str(tick_ms)
    stack.callback(server.stop)
    server.start()
    server.uri = f"http://127.0.0.1:{server.listen_port}"
    return server


def client_of(stack: contextlib.ExitStack, uri: str) -> Any:
    """A client of `uri`, closed with the stack."""
    from pymilvus import MilvusClient

    client = MilvusClient(uri=uri, timeout=60)
    stack.callback(client.close)
    return client


def fill(client: Any, vectors: np.ndarray) -> None:
    """A collection shaped as search/milvus.py's dense part (Strong by default, as ours), loaded."""
    from pymilvus import DataType, MilvusClient

    if client.has_collection("passages"):
        client.drop_collection("passages")
    schema = MilvusClient.create_schema(auto_id=True)
    schema.add_field("pid", DataType.INT64, is_primary=True)
    schema.add_field("doc_id", DataType.VARCHAR, max_length=256)
    schema.add_field("task_id", DataType.VARCHAR, max_length=512)
    schema.add_field("kind", DataType.VARCHAR, max_length=16)
    schema.add_field("text", DataType.VARCHAR, max_length=65_535)
    schema.add_field("vec", DataType.FLOAT_VECTOR, dim=DIM)
    index = client.prepare_index_params()
    index.add_index(field_name="vec", index_type="FLAT", metric_type="IP")
    client.create_collection("passages", schema=schema, index_params=index, consistency_level="Strong")
    rows = [{"doc_id": f"d{i // 75}", "task_id": f"d{i // 75}.{i % 25}", "kind": "sentence", "text": TEXT,
             "vec": v.tolist()} for i, v in enumerate(vectors)]
    for start in range(0, len(rows), 512):
        client.insert("passages", rows[start : start + 512])
    client.flush("passages")
    client.load_collection("passages")


def request_ms(client: Any, queries: np.ndarray, level: str) -> list[float]:
    """Each query's dense request at this consistency level, in ms."""
    times = []
    for q in queries:
        start = time.perf_counter()
        client.search("passages", data=[q.tolist()], anns_field="vec", limit=HITS, output_fields=FIELDS,
                      consistency_level=level)
        times.append((time.perf_counter() - start) * 1000)
    return times


def found(reader: Any, vec: np.ndarray, task: str) -> bool:
    """Whether the reader's Bounded search finds the row of `task` closest to its own vector."""
    hits = reader.search("passages", data=[vec.tolist()], anns_field="vec", limit=1, output_fields=["task_id"],
                         consistency_level="Bounded")
    return bool(hits[0]) and hits[0][0]["entity"]["task_id"] == task


def writes(writer: Any, name: str, rounds: int, rng: np.random.Generator) -> Iterator[tuple[str, str, np.ndarray]]:
    """`rounds` new rows, each inserted then deleted by the writer: (insert or delete, its task, its vector), given
    right after Milvus acknowledged that write."""
    for r in range(rounds):
        vec = unit(rng.standard_normal((1, DIM)))[0]
        task = f"{name}.{r}"
        writer.insert("passages", [{"doc_id": name, "task_id": task, "kind": "sentence", "text": TEXT,
                                    "vec": vec.tolist()}])
        yield "insert", task, vec
        writer.delete("passages", filter=f'task_id == "{task}"')
        yield "delete", task, vec


def staleness_ms(writer: Any, reader: Any, rounds: int, rng: np.random.Generator) -> dict[str, list[float]]:
    """How long after the writer's acknowledged insert (delete) of a row the reader's Bounded search finds it
    (stops finding it), polling every millisecond."""
    out: dict[str, list[float]] = {"insert": [], "delete": []}
    for kind, task, vec in writes(writer, "fresh", rounds, rng):
        acknowledged = time.perf_counter()
        while found(reader, vec, task) != (kind == "insert"):
            if time.perf_counter() - acknowledged > 10:
                raise RuntimeError(f"{kind} of {task} not seen by the reader after 10 s")
            time.sleep(0.001)
        out[kind].append((time.perf_counter() - acknowledged) * 1000)
    return out


def barrier_misses(writer: Any, reader: Any, rounds: int, rng: np.random.Generator) -> dict[str, int]:
    """After the writer's acknowledged insert (delete), the reader reads once at Strong, as search/milvus.py
    `catch_up` does before a new snapshot's view (a one-row query of the passages), then searches at Bounded: how
    often the row is not found (still found). 0 is what the engine relies on."""
    misses = {"insert": 0, "delete": 0}
    for kind, task, vec in writes(writer, "barrier", rounds, rng):
        reader.query("passages", filter="", limit=1, output_fields=["pid"], consistency_level="Strong")
        misses[kind] += found(reader, vec, task) != (kind == "insert")
    return misses


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=10_000)
    ap.add_argument("--ticks", type=int, nargs="+", default=[200, 50], help="the server's time ticks, ms")
    ap.add_argument("--requests", type=int, default=100, help="requests per level and round")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--stale-rounds", type=int, default=20)
    ap.add_argument("--out", default="milvus-consistency.json")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(0)
    vectors = unit(rng.standard_normal((args.passages, DIM)))
    queries = unit(rng.standard_normal((args.requests, DIM)))
    results: dict[str, Any] = {"passages": args.passages, "hits": HITS, "requests": args.requests,
                               "rounds": args.rounds, "environment": environment(), "systems": {}}
    times: dict[str, dict[str, list[float]]] = {}
    stale: dict[str, dict[str, list[float]]] = {}
    barrier: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        lite = MilvusServer(Path(tmp) / "lite")  # started by its constructor
        stack.callback(lite.stop)
        lite_client = client_of(stack, lite.uri)
        fill(lite_client, vectors)
        # One Milvus server at a time (two standalone servers on one machine contend for their ports), each
        # measured interleaved with Lite, so the machine's noise falls on both alike; each collection is timed
        # before the staleness runs write to it.
        for tick in args.ticks:
            name = f"Milvus 2.3.5 server, tick {tick} ms"
            with contextlib.ExitStack() as running:
                server = start_server(running, Path(tmp) / f"m{tick}", tick)
                pair = {name: client_of(running, server.uri), "milvus-lite server": lite_client}
                fill(pair[name], vectors)
                for client in pair.values():
                    request_ms(client, queries[:10], "Bounded")  # warm
                for _ in range(args.rounds):
                    for system, client in pair.items():
                        for level in LEVELS:
                            times.setdefault(system, {}).setdefault(level, []).extend(request_ms(client, queries, level))
                reader = client_of(running, server.uri)
                stale[name] = staleness_ms(pair[name], reader, args.stale_rounds, rng)
                barrier[name] = barrier_misses(pair[name], reader, args.stale_rounds, rng)
        reader = client_of(stack, lite.uri)
        stale["milvus-lite server"] = staleness_ms(lite_client, reader, args.stale_rounds, rng)
        barrier["milvus-lite server"] = barrier_misses(lite_client, reader, args.stale_rounds, rng)
    rows = []
    for name, by_level in times.items():
        entry: dict[str, Any] = {level: {"p50_ms": round(percentile(t, 50), 2), "p95_ms": round(percentile(t, 95), 2)}
                                 for level, t in by_level.items()}
        entry["bounded_staleness_ms"] = {k: {"p50": round(percentile(v, 50), 1), "max": round(max(v), 1)}
                                         for k, v in stale[name].items()}
        entry["barrier_misses"] = barrier[name]
        results["systems"][name] = entry
        rows.append([name, *(f"{entry[lv]['p50_ms']:.1f} / {entry[lv]['p95_ms']:.1f}" for lv in LEVELS),
                     *(f"{entry['bounded_staleness_ms'][k]['p50']:.0f} / {entry['bounded_staleness_ms'][k]['max']:.0f}"
                       for k in ("insert", "delete")),
                     f"{barrier[name]['insert']} / {barrier[name]['delete']} of {args.stale_rounds}"])
    print(f"{args.passages} passages, dense request of {HITS} hits with their text, {args.requests} requests x "
          f"{args.rounds} rounds per level; staleness over {args.stale_rounds} rows")
    print(table(["system", *(f"{lv} p50 / p95 ms" for lv in LEVELS),
                 "Bounded: insert found after, p50 / max ms", "delete gone after, p50 / max ms",
                 "after a Strong read, Bounded misses: insert / delete"], rows))
    print(f"wrote {write_json(args.out, results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
