"""What a search's consistency level costs on a real Milvus server, and how stale a search that does not wait can be.

search/milvus.py searches at Bounded consistency and keeps the collection's Strong for the writes' checks and the
records. On a Milvus server, Strong makes each request wait until the query node has caught up to the request's
time, i.e. for the next time tick (`proxy.timeTickInterval`, 200 ms by default); Milvus Lite has no time ticks, so
the tests and bench/scale_search.py cannot show the cost. Here, on the same passages and query vectors:

- a real Milvus server: the `milvus` package on PyPI (Milvus 2.3.5 standalone with its embedded etcd, the newest
  release packaged there; it predates BM25 and sparse vectors, so only the dense request is measured, as
  search/milvus.py sends it: 80 hits with their task, kind and text), with its default time tick and a shorter one;
- `milvus-lite server` (the backend the tests use), for comparison;

per level (Strong, Bounded, Session, Eventually): the request's p50 / p95; and for a search from a second client
that does not wait (Bounded), how long after an acknowledged insert (delete) the row is found (gone): the window
search/milvus_view.py and the engine's Strong read before each new snapshot (`_open_milvus`) are there for.

    .venv/bin/pip install -e '.[bench]'     # the server: milvus==2.3.5 (58 MB); pymilvus and milvus-lite come with .[test]
    .venv/bin/python bench/milvus_consistency.py [--passages 10000] [--ticks 200 50] [--requests 100]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
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
STALENESS_LEVELS = ("Bounded", "Strong")
STALENESS = tuple(f"{level} {kind}" for level in STALENESS_LEVELS for kind in ("insert", "delete"))
TEXT = "景德镇市推动先进陶瓷产业集群发展，支持企业开展关键核心技术攻关，培育高新技术企业和专精特新企业。"


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def start_server(base: Path, tick_ms: int) -> Any:
    """A Milvus 2.3.5 standalone server (the `milvus` package) with this time tick; its client URI is `.uri`."""
    try:
        from milvus import MilvusServer as Standalone
    except ImportError:
        sys.exit("needs the Milvus server from PyPI: .venv/bin/pip install milvus==2.3.5")
    server = Standalone()
    server.set_base_dir(str(base))
    server.config.extra_configs["proxy.timeTickInterval"] = str(tick_ms)
    server.start()
    server.uri = f"http://127.0.0.1:{server.listen_port}"
    return server


def fill(uri: str, vectors: np.ndarray) -> Any:
    """A collection shaped as search/milvus.py's dense part (Strong by default, as ours), loaded."""
    from pymilvus import DataType, MilvusClient

    client = MilvusClient(uri=uri, timeout=60)
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
    return client


def request_ms(client: Any, queries: np.ndarray, level: str) -> list[float]:
    """Each query's dense request at this consistency level, in ms."""
    times = []
    for q in queries:
        start = time.perf_counter()
        client.search("passages", data=[q.tolist()], anns_field="vec", limit=HITS, output_fields=FIELDS,
                      consistency_level=level)
        times.append((time.perf_counter() - start) * 1000)
    return times


def found(reader: Any, vec: np.ndarray, task: str, level: str) -> bool:
    """Whether the reader's search at this level finds the row of `task` closest to its own vector."""
    hits = reader.search("passages", data=[vec.tolist()], anns_field="vec", limit=1, output_fields=["task_id"],
                         consistency_level=level)
    return bool(hits[0]) and hits[0][0]["entity"]["task_id"] == task


def staleness_ms(writer: Any, reader: Any, rounds: int, rng: np.random.Generator) -> dict[str, list[float]]:
    """How long after the writer's acknowledged insert (delete) of a row the reader's search, Bounded or Strong,
    finds it (stops finding it), polling every millisecond."""
    out: dict[str, list[float]] = {}
    for r in range(2 * rounds):
        level = STALENESS_LEVELS[r % 2]
        vec = unit(rng.standard_normal((1, DIM)))[0]
        task = f"fresh.{r}"

        for kind in ("insert", "delete"):
            if kind == "insert":
                writer.insert("passages", [{"doc_id": "fresh", "task_id": task, "kind": "sentence", "text": TEXT,
                                            "vec": vec.tolist()}])
            else:
                writer.delete("passages", filter=f'task_id == "{task}"')
            acknowledged = time.perf_counter()
            while found(reader, vec, task, level) != (kind == "insert"):
                if time.perf_counter() - acknowledged > 10:
                    raise RuntimeError(f"{kind} of {task} not seen by the reader after 10 s")
                time.sleep(0.001)
            out.setdefault(f"{level} {kind}", []).append((time.perf_counter() - acknowledged) * 1000)
    return out


def barrier_misses(writer: Any, reader: Any, rounds: int, rng: np.random.Generator) -> dict[str, int]:
    """After the writer's acknowledged insert (delete), the reader reads once at Strong (as the engine does before
    serving a new snapshot: a one-row query), then searches at Bounded: how often the row is not found (still
    found). 0 is what search/milvus.py relies on."""
    misses = {"insert": 0, "delete": 0}
    for r in range(rounds):
        vec = unit(rng.standard_normal((1, DIM)))[0]
        task = f"barrier.{r}"
        for kind in ("insert", "delete"):
            if kind == "insert":
                writer.insert("passages", [{"doc_id": "barrier", "task_id": task, "kind": "sentence", "text": TEXT,
                                            "vec": vec.tolist()}])
            else:
                writer.delete("passages", filter=f'task_id == "{task}"')
            reader.query("passages", filter="", limit=1, output_fields=["doc_id"], consistency_level="Strong")
            misses[kind] += found(reader, vec, task, "Bounded") != (kind == "insert")
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
    from pymilvus import MilvusClient

    rng = np.random.default_rng(0)
    vectors = unit(rng.standard_normal((args.passages, DIM)))
    queries = unit(rng.standard_normal((args.requests, DIM)))
    results: dict[str, Any] = {"passages": args.passages, "hits": HITS, "requests": args.requests,
                               "rounds": args.rounds, "environment": environment(), "systems": {}}
    times: dict[str, dict[str, list[float]]] = {}
    stale: dict[str, dict[str, list[float]]] = {}
    barrier: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        lite = MilvusServer(Path(tmp) / "lite")
        lite.start()
        try:
            lite_client = fill(lite.uri, vectors)
            stale["milvus-lite server"] = staleness_ms(lite_client, MilvusClient(uri=lite.uri), args.stale_rounds, rng)
            barrier["milvus-lite server"] = barrier_misses(lite_client, MilvusClient(uri=lite.uri), args.stale_rounds,
                                                           rng)
            # One Milvus server at a time (two standalone servers on one machine contend for their ports), each
            # measured interleaved with Lite: the machine's noise falls on both alike.
            for tick in args.ticks:
                name = f"Milvus 2.3.5 server, tick {tick} ms"
                server = start_server(Path(tmp) / f"m{tick}", tick)
                try:
                    pair = {name: fill(server.uri, vectors), "milvus-lite server": lite_client}
                    for client in pair.values():
                        request_ms(client, queries[:10], "Bounded")  # warm
                    for _ in range(args.rounds):
                        for system, client in pair.items():
                            for level in LEVELS:
                                times.setdefault(system, {}).setdefault(level, []).extend(
                                    request_ms(client, queries, level))
                    stale[name] = staleness_ms(pair[name], MilvusClient(uri=server.uri), args.stale_rounds, rng)
                    barrier[name] = barrier_misses(pair[name], MilvusClient(uri=server.uri), args.stale_rounds, rng)
                finally:
                    server.stop()
        finally:
            lite.stop()
    rows = []
    for name, by_level in times.items():
        entry: dict[str, Any] = {level: {"p50_ms": round(percentile(t, 50), 2), "p95_ms": round(percentile(t, 95), 2)}
                                 for level, t in by_level.items()}
        entry["staleness_ms"] = {k: {"p50": round(percentile(v, 50), 1), "max": round(max(v), 1)}
                                 for k, v in stale[name].items()}
        entry["barrier_misses"] = barrier[name]
        results["systems"][name] = entry
        rows.append([name, *(f"{entry[lv]['p50_ms']:.1f} / {entry[lv]['p95_ms']:.1f}" for lv in LEVELS),
                     *(f"{entry['staleness_ms'][k]['p50']:.0f} / {entry['staleness_ms'][k]['max']:.0f}"
                       for k in STALENESS),
                     f"{barrier[name]['insert']} / {barrier[name]['delete']} of {args.stale_rounds}"])
    print(f"{args.passages} passages, dense request of {HITS} hits with their text, {args.requests} requests x "
          f"{args.rounds} rounds per level; staleness over {args.stale_rounds} rows")
    print(table(["system", *(f"{lv} p50 / p95 ms" for lv in LEVELS),
                 *(f"{k} seen after, p50 / max ms" for k in STALENESS),
                 "after a Strong read, Bounded misses: insert / delete"], rows))
    print(f"wrote {write_json(args.out, results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
