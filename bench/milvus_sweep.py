"""What the forced rebuild's sweep of unrecorded rows costs on Milvus as the passages grow (issue 16).

`policykg reindex --force` on Milvus scans every versioned row's document to find rows no record names
(search/milvus.py `unrecorded`: a writer that died between its insert and its record leaves them). A
`milvus-lite server` on this machine holds N passage rows (documents of 20 passages, random vectors) with a record
for all but 1 % of their documents; timed at each N, in the same run: the sweep's look-up, the scan of every
record that each forced rebuild already made (the baseline its cost is put against), and a scan of every row's
document read in iterator batches of each `--batches` size (what a scan's batch size costs on Lite).

    .venv/bin/python bench/milvus_sweep.py [--sizes 10000 100000] [--rounds 3] [--batches 1000 4096 16384]
"""
from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import environment, table, write_json  # noqa: E402
from milvus_records import DIM, lite_index, timed  # noqa: E402

from search.milvus import DocMeta, MilvusIndex, generation  # noqa: E402
from search.types import Passage  # noqa: E402

PER_DOC = 20
BATCH = 5000  # rows per insert while filling


def fill(index: MilvusIndex, start: int, stop: int, rng: np.random.Generator) -> set[str]:
    """Documents start..stop-1 of PER_DOC rows each, version 1, recorded except every 100th; the unrecorded ones."""
    rows: list[dict[str, Any]] = []
    marks, unrecorded = [], set()
    for i in range(start, stop):
        doc = f"doc-{i:07d}"
        vectors = rng.standard_normal((PER_DOC, DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        passages = [Passage(0, f"{doc}.{j}", "task", f"第{j}条 推进陶瓷产业数字化改造 {i}") for j in range(PER_DOC)]
        rows += index._rows(DocMeta(doc), passages, vectors, generation(1))
        if i % 100 == 99:
            unrecorded.add(doc)
        else:
            marks.append({"doc_id": doc, "digest": "0" * 40, "stamp": 1, "placeholder": [0.0, 0.0]})
    for at in range(0, len(rows), BATCH):
        index._client.insert(index.collection, rows[at : at + BATCH])
    for at in range(0, len(marks), BATCH):
        index._client.upsert(index.docs_collection, marks[at : at + BATCH])
    for name in (index.collection, index.docs_collection):
        index._client.flush(name)
    return unrecorded


def scan_rows(index: MilvusIndex, size: int) -> int:
    """Read every row's document in iterator batches of `size`; how many rows."""
    return sum(len(rows) for rows in index._batches(index.collection, ["doc_id"], size=size))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000], help="passage rows")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batches", type=int, nargs="*", default=[1000, 4096, 16_384], help="iterator batch sizes")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(5)
    out: list[dict[str, Any]] = []
    with lite_index("sweep_bench") as index:
        docs, unrecorded = 0, set()
        for n in sorted(args.sizes):
            unrecorded |= fill(index, docs, n // PER_DOC, rng)
            docs = n // PER_DOC
            assert index.unrecorded(1) == unrecorded  # what the sweep must find, found
            row = {"passages": n, "documents": docs,
                   "sweep_s": round(timed(partial(index.unrecorded, 1), args.rounds), 3),
                   "records_scan_s": round(timed(index.records, args.rounds), 3)}
            row["ratio"] = round(row["sweep_s"] / row["records_scan_s"], 1)
            for size in args.batches:
                row[f"scan_in_batches_of_{size}_s"] = round(timed(partial(scan_rows, index, size), 1), 2)
            out.append(row)
            print(row, file=sys.stderr)
    print(table(["passages", "documents", "sweep", "scan of every record (already made)", "ratio",
                 *(f"rows in batches of {b:,}" for b in args.batches)],
                [[f"{r['passages']:,}", f"{r['documents']:,}", f"{r['sweep_s']:.2f} s", f"{r['records_scan_s']:.2f} s",
                  f"{r['ratio']}×", *(f"{r[f'scan_in_batches_of_{b}_s']:.2f} s" for b in args.batches)] for r in out]))
    write_json("milvus-sweep.json", {"rounds": args.rounds, "rows": out, "environment": environment()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
