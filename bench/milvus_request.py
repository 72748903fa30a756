"""What one search request costs on a `milvus-lite server`, by how many hits it asks for (issue 16).

A hybrid search on Milvus sends two requests: BM25 (sent before the query is embedded, back meanwhile) and the
dense one, which waits for the query vector. The dense one asks for 8 x k passages (search/engine.py `fill_depth`):
the top `depth` vote, the rest fill the list up to k tasks where the voters name fewer. Timed here on N passages
(random unit vectors, text of random policy words cut by jieba), each request the median of `--rounds`: dense and
lexical at limits 10 to 120, with the passages' text returned (as the engine asks) and with only their task ids.
With `--library DIR` (a 61-document e5 library, `bench/library_quality.py --data DIR`), also how deep the dense
list must be read to fill k = 10 tasks for the library's questions: what a shallower first request would save.

    .venv/bin/python bench/milvus_request.py [--passages 10000] [--rounds 40] [--library /tmp/lib61e5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import environment, table, write_json
from milvus_records import DIM, lite_index

from search.milvus import DocMeta
from search.types import Passage

LIMITS = (10, 20, 40, 80, 120)
WORDS = list("推进陶瓷产业数字化改造建设航空制造企业融资人才引进高新技术研发平台绿色低碳园区服务")
PER_DOC = 100


def median_ms(fn: Callable[[], Any], rounds: int) -> float:
    """Median milliseconds of `rounds` calls, after one unmeasured call."""
    fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def fill_depths(data: Path, k: int = 10) -> dict[int, float]:
    """Share of the library's questions whose k tasks a dense list of each depth fills (with BM25's voters)."""
    from library_quality import QUESTIONS, load_sets, open_library

    from search.engine import to_simplified

    svc = open_library(data)
    engine, kg = svc.engine, svc.kg
    index = engine.open(kg)
    depth, needs = engine.ranking.depth, []
    for _, question in load_sets([QUESTIONS], svc, "all"):
        q = to_simplified(question.q)
        dense = index.dense_search(engine.embed_query(q), 8 * k)
        lex = index.lexical_search(q, depth, engine.expansions(kg, question.q), engine.ranking.expansion_weight)
        tasks = {index.passage(h.pid).task_id for h in [*dense[:depth], *lex]}
        read = depth
        for h in dense[depth:]:
            if len(tasks) >= k:
                break
            tasks.add(index.passage(h.pid).task_id)
            read += 1
        needs.append(read if len(tasks) >= k else 8 * k + 1)
    return {d: sum(n <= d for n in needs) / len(needs) for d in (depth, 20, 30, 40, 60, 8 * k)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--library", type=Path, help="also measure the fill depth on this e5 library")
    args = ap.parse_args(argv)
    import jieba

    rng = np.random.default_rng(1)
    rows: list[dict[str, Any]] = []
    with lite_index("request_bench", tokenize=jieba.lcut) as index:  # words, as the service's index cuts them
        docs, pid = [], 0
        for d in range(max(1, args.passages // PER_DOC)):
            passages = []
            for i in range(PER_DOC):
                passages.append(Passage(pid, f"d{d}.t{i}", "task", "".join(rng.choice(WORDS, 150))))
                pid += 1
            vectors = rng.standard_normal((PER_DOC, DIM)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            docs.append((DocMeta(f"d{d}"), passages, vectors))
        index.replace_documents(docs)
        client = index._client
        qvec = rng.standard_normal(DIM).astype(np.float32)
        qvec /= np.linalg.norm(qvec)
        lexq = index._lexical.query("陶瓷产业数字化改造融资")
        for limit in LIMITS:
            row: dict[str, Any] = {"limit": limit}
            for name, field, data in (("dense", "vec", [qvec.tolist()]), ("lexical", "lex", [lexq])):
                for out, fields in (("text", ["task_id", "kind", "text"]), ("ids", ["task_id"])):
                    row[f"{name}_{out}_ms"] = round(median_ms(lambda f=field, x=data, o=fields, n=limit: client.search(
                        index.collection, data=x, anns_field=f, limit=n, output_fields=o,
                        consistency_level="Bounded"), args.rounds), 2)
            rows.append(row)
            print(row, file=sys.stderr)
    print(f"{pid:,} passages on a milvus-lite server; median of {args.rounds} requests each")
    print(table(["limit", "dense, with text", "dense, ids only", "BM25, with text", "BM25, ids only"],
                [[str(r["limit"]), f"{r['dense_text_ms']:.1f} ms", f"{r['dense_ids_ms']:.1f} ms",
                  f"{r['lexical_text_ms']:.1f} ms", f"{r['lexical_ids_ms']:.1f} ms"] for r in rows]))
    depths = fill_depths(args.library) if args.library else {}
    if depths:
        print(table(["dense depth read", "questions whose 10 tasks it fills"],
                    [[str(d), f"{share:.3f}"] for d, share in depths.items()]))
    write_json("milvus-request.json", {"passages": pid, "rounds": args.rounds, "rows": rows,
                                       "fill_depth_share": depths, "environment": environment()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
