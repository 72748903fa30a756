"""What one document's write asks of Milvus as the library grows from 1,000 to 100,000 documents (issue 16).

A write on Milvus compares each document's digest with the record its last write left in `<collection>_docs`
(search/milvus.py `records`). A `milvus-lite server` on this machine holds N document records (one row each, as a
library of N documents leaves them); timed at each N, in the same run: the scan of every record (what each write
did before it looked up only the documents it changed, and what a process still does once, at its first check),
the look-up of the 20 documents a batch changed, the count of records each check asks for, and the write of one document of 20 passages with its record
(the passage collection holds only that document: how the passages' side grows is bench/scale_search.py's).

    .venv/bin/python bench/milvus_records.py [--sizes 1000 10000 100000] [--rounds 5]
"""
from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import environment, table, write_json  # noqa: E402
from milvus_servers import MilvusServer  # noqa: E402

from search.milvus import DocMeta, DocRecord, MilvusIndex  # noqa: E402
from search.types import Passage  # noqa: E402

DIM = 384
BATCH = 5000  # record rows per upsert while filling


@contextlib.contextmanager
def lite_index(collection: str, tokenize: Callable[[str], list[str]] = list) -> Iterator[MilvusIndex]:
    """A collection of DIM-d vectors on a `milvus-lite server` of its own, in a temporary directory; its lexical
    field cut by `tokenize` (characters unless told)."""
    with tempfile.TemporaryDirectory() as tmp:
        server = MilvusServer(Path(tmp) / "milvus")
        try:
            yield MilvusIndex(server.uri, DIM, collection=collection, tokenize=tokenize,
                              tokenizer_config={"bench": "characters"}, embedder_config={"bench": "random"},
                              timeout=600)
        finally:
            server.stop()


def timed(fn: Callable[[], Any], rounds: int) -> float:
    """Median seconds of `rounds` calls."""
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(3)
    rows: list[dict[str, Any]] = []
    with lite_index("records_bench") as index:
        held = 0
        for n in sorted(args.sizes):
            marks = [{"doc_id": f"doc-{i:07d}", "digest": "0" * 40, "stamp": 1, "placeholder": [0.0, 0.0]}
                     for i in range(held, n)]
            for start in range(0, len(marks), BATCH):
                index._client.upsert(index.docs_collection, marks[start : start + BATCH])
            index._client.flush(index.docs_collection)
            held = n
            changed = {f"doc-{i:07d}" for i in rng.choice(n, 20, replace=False)}
            passages = [Passage(i, f"doc-new.{i}", "task", f"第{i}条 推进陶瓷产业数字化改造") for i in range(20)]
            vectors = rng.standard_normal((20, DIM)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            row = {"documents": n,
                   "scan_all_s": round(timed(index.records, args.rounds), 4),
                   "lookup_20_s": round(timed(partial(index.records, changed), args.rounds), 4),
                   "count_s": round(timed(index.document_count, args.rounds), 4),
                   "write_one_document_s": round(timed(partial(index.replace_document, DocMeta("doc-new"), passages,
                                                               vectors, DocRecord("1" * 40, 2)), args.rounds), 4)}
            rows.append(row)
            print(row, file=sys.stderr)
    print(table(["documents", "scan of every record", "look-up of 20", "count", "write of one document"],
                [[f"{r['documents']:,}", f"{r['scan_all_s'] * 1000:.1f} ms", f"{r['lookup_20_s'] * 1000:.1f} ms",
                  f"{r['count_s'] * 1000:.1f} ms", f"{r['write_one_document_s'] * 1000:.1f} ms"] for r in rows]))
    write_json("milvus-records.json", {"rounds": args.rounds, "rows": rows, "environment": environment()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
