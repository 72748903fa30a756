"""Search on Milvus against the embedded FAISS + BM25, the same passages and vectors, one run (issue 16, search half).

A `milvus-lite server` process on this machine holds the passages; the same engine code ranks both (search/engine.py
`search_in` over an `OpenIndex` and over a `MilvusView`). Two kinds of library:
- **kept libraries** (`--library D`, a data directory built by `bench/growth.py --embedder e5 --keep`): the Milvus
  collection is written from the library's own graph and vector cache (no embedding), as `policykg` does with
  `POLICYKG_MILVUS_URI` set;
- **generated** (`--generated N`): the passages of the last kept library repeated until there are N, each copy a
  document of its own (texts marked with the copy, vectors jittered and normalised), written to a fresh embedded
  index and to Milvus.
For each, every on-topic question of bench/library-queries.yaml is embedded once by e5 (the same vector to both),
then `--rounds` rounds search each question in hybrid mode on both in turn: p50 and p95 of the search (the index
part, from query vectors made beforehand; and as served, each query embedded by e5, which a remote index overlaps
with its lexical search), the top-10 overlap of the tasks (kept libraries repeat their templates' passages, so
equal scores tie, and the two order ties by their own row ids), and whether both found the same hits relevant. A
write of one changed document is timed too. Milvus Lite keeps BM25 statistics per segment (a Milvus server keeps
them collection-wide), so scores of passages written in different batches differ slightly from the embedded ones.

    .venv/bin/python bench/scale_search.py --library /tmp/ge5/100/data /tmp/ge5/1000/data --generated 100000
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import percentile, write_json  # noqa: E402
from milvus_servers import MilvusServer  # noqa: E402
from search_latency import questions  # noqa: E402

from api.service import PolicyService  # noqa: E402
from api.settings import Settings  # noqa: E402
from search.embed.base import Embedder  # noqa: E402
from search.engine import SearchEngine, load_probes, to_simplified  # noqa: E402
from search.lexical import TermStats, passage_terms  # noqa: E402
from search.milvus import DocMeta, DocRecord, MilvusConfig, MilvusIndex  # noqa: E402
from search.milvus_view import MilvusView  # noqa: E402
from search.store import OpenIndex  # noqa: E402
from search.types import Passage, PassageIndex  # noqa: E402

K = 10
COPY_MARK = re.compile(r"（\d+）$")  # what `generated` appends to a copy's text
JITTER = 0.05  # a copy's vectors: the original plus this much noise, normalised (neighbours stay neighbours)


class Fixed(Embedder):
    """Vectors looked up, not computed: the passages' from a table, the queries' as e5 made them once."""

    def __init__(self, passages: dict[str, np.ndarray], queries: dict[str, np.ndarray], config: dict[str, Any]) -> None:
        self._p, self._q, self._config = passages, queries, config
        self.dim = len(next(iter(queries.values())))

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._p[t] for t in texts])

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._q[t] for t in texts])

    def config(self) -> dict[str, Any]:
        return self._config


def compare(engine: SearchEngine, indexes: dict[str, PassageIndex], qs: list[str], extra: dict[str, list[str]],
            rounds: int, e5: Embedder) -> dict[str, Any]:
    """p50/p95 of hybrid search on each index, the top-10 overlap and the relevance decisions' agreement; `extra`:
    each question's thesaurus terms (the library's). Timed twice: with the query vectors made beforehand (the
    index part), and as served, each query embedded by `e5` (a remote index's lexical search runs meanwhile)."""
    times: dict[str, list[float]] = {f"{name}{how}": [] for name in indexes for how in ("", "_served")}
    tops: dict[str, dict[str, list[str]]] = {name: {} for name in indexes}
    titles: dict[str, dict[str, list[str]]] = {name: {} for name in indexes}
    snippets: dict[str, dict[str, list[str]]] = {name: {} for name in indexes}
    relevant: dict[str, dict[str, bool]] = {name: {} for name in indexes}
    for name, index in indexes.items():  # warm-up, and the answers compared
        for q in qs:
            hits = engine.search_in(index, q, K, "hybrid", extra[q])
            tops[name][q] = [h.id for h in hits]
            titles[name][q] = [h.title for h in hits]
            snippets[name][q] = [COPY_MARK.sub("", h.text) for h in hits]
            relevant[name][q] = engine.is_relevant(index, q, hits)
    fixed = engine.embedder
    for how, embedder in (("", fixed), ("_served", e5)):
        engine.embedder = embedder
        for _ in range(rounds):
            for q in qs:
                for name, index in indexes.items():
                    t = time.perf_counter()
                    engine.search_in(index, q, K, "hybrid", extra[q])
                    times[name + how].append(time.perf_counter() - t)
    engine.embedder = fixed
    a, b = list(indexes)
    overlap = [len(set(tops[a][q]) & set(tops[b][q])) / max(1, len(tops[a][q])) for q in qs]
    # Copies of a template tie, and each backend orders ties by its own row ids: the same task titles, other copies.
    same_titles = [len(set(titles[a][q]) & set(titles[b][q])) / max(1, len(set(titles[a][q]))) for q in qs]
    same_snippets = [len(set(snippets[a][q]) & set(snippets[b][q])) / max(1, len(set(snippets[a][q]))) for q in qs]
    out: dict[str, Any] = {name: {"p50_ms": round(statistics.median(t) * 1000, 2),
                                  "p95_ms": round(percentile(t, 95) * 1000, 2)} for name, t in times.items()}
    out |= {"ratio_p50": round(statistics.median(times[b]) / statistics.median(times[a]), 2),
            "ratio_p50_served": round(statistics.median(times[b + "_served"]) / statistics.median(times[a + "_served"]), 2),
            "top10_overlap_mean": round(statistics.mean(overlap), 4),
            "top10_title_overlap_mean": round(statistics.mean(same_titles), 4),
            "top10_snippet_overlap_mean": round(statistics.mean(same_snippets), 4),
            "top10_identical": sum(tops[a][q] == tops[b][q] for q in qs), "questions": len(qs),
            "relevance_agrees": sum(relevant[a][q] == relevant[b][q] for q in qs)}
    return out


def kept_library(data: Path, server: MilvusServer, qs: list[str], qvec: dict[str, np.ndarray], rounds: int
                 ) -> tuple[dict[str, Any], PolicyService]:
    """A kept e5 library, searched on its own index and on Milvus filled from its graph and vector cache."""
    svc = PolicyService(Settings(data_dir=data, index_on_ingest=False))
    kg = svc.kg
    embedded = svc.engine
    e5 = embedded.embedder
    seg = svc.segmenter
    remote = SearchEngine(data / "index", seg.cut, seg.config(), milvus=MilvusConfig(
        server.uri, collection=f"lib_{abs(hash(str(data))) % 10**8}", timeout=600))
    remote.embedder = e5
    t = time.perf_counter()
    _, embedded_now = remote.build(kg)
    sync_s = time.perf_counter() - t
    index = embedded.open(kg)
    assert isinstance(index, OpenIndex)
    view = remote.open(kg)
    fixed = Fixed({}, qvec, e5.config())
    embedded.embedder = fixed  # the query vectors e5 made once; the index part is what is compared
    remote.embedder = fixed
    row = {"library": str(data), "documents": len(kg.doc_ids()), "passages": index.size(),
           "milvus_passages": view.size(), "sync_s": round(sync_s, 1), "sync_embedded": embedded_now}
    extra = {q: embedded.expansions(kg, q) for q in qs}
    row |= compare(embedded, {"faiss": index, "milvus": view}, qs, extra, rounds, e5)
    # One document changed: the Milvus write of that document alone.
    doc = sorted(kg.doc_ids())[0]
    passages = [p for p in index.passages if p.task_id.startswith(doc + ".")]
    vectors = e5.encode_passages([p.text for p in passages])
    t = time.perf_counter()
    remote.milvus.replace_document(DocMeta(doc), passages, vectors, DocRecord("changed"))  # type: ignore[union-attr]
    row["write_one_document_s"] = round(time.perf_counter() - t, 3)
    embedded.embedder = e5
    return row, svc


def generated(svc: PolicyService, n: int, server: MilvusServer, qs: list[str], qvec: dict[str, np.ndarray],
              rounds: int, tmp: Path) -> dict[str, Any]:
    """`n` passages made from a kept library's by repetition, on a fresh embedded index and on Milvus."""
    base_index = svc.engine.open(svc.kg)
    assert isinstance(base_index, OpenIndex)
    base = base_index.passages
    texts = [p.text for p in base]
    base_vectors = svc.engine.store.vectors.encode(texts, svc.engine.embedder).vectors
    rng = np.random.default_rng(7)
    passages: list[Passage] = []
    table: dict[str, np.ndarray] = {}
    docs: dict[str, list[int]] = {}
    copy = 0
    while len(passages) < n:
        for i, p in enumerate(base):
            if len(passages) == n:
                break
            text = p.text if copy == 0 else f"{p.text}（{copy}）"
            v = base_vectors[i] + (rng.standard_normal(len(base_vectors[i])) * JITTER if copy else 0)
            table[text] = (v / np.linalg.norm(v)).astype(np.float32)
            doc = f"{p.task_id.split('.')[0]}~{copy}"
            docs.setdefault(doc, []).append(len(passages))
            passages.append(Passage(len(passages), f"{doc}.{p.task_id.split('.', 1)[-1]}", p.kind, text))
        copy += 1
    fixed = Fixed(table, qvec, {"backend": "generated", "dim": len(base_vectors[0]), "jitter": JITTER})
    seg = svc.segmenter
    engine = SearchEngine(tmp / f"gen-{n}", seg.cut, seg.config())
    engine.embedder = fixed
    t = time.perf_counter()
    engine.store.write(passages, fixed, seg.cut, seg.config())
    faiss_build = time.perf_counter() - t
    index = engine.store.open(fixed, seg.cut, seg.config())
    milvus = MilvusIndex(server.uri, fixed.dim, collection=f"gen_{n}", tokenize=seg.cut, tokenizer_config=seg.config(),
                         embedder_config=fixed.config(), timeout=600)
    t = time.perf_counter()
    ids = list(docs)
    for start in range(0, len(ids), 64):
        milvus.replace_documents([(DocMeta(d), [passages[i] for i in docs[d]], np.stack([table[passages[i].text] for i in docs[d]]))
                                  for d in ids[start : start + 64]])
    milvus_build = time.perf_counter() - t
    tokens = engine.store.tokens.tokenize([p.text for p in passages], seg.cut, seg.config())  # cut by the write
    view = MilvusView(milvus, f"gen-{n}", seg.cut, TermStats(len(passages), passage_terms(tokens)),
                      {p.task_id for p in passages})
    row = {"generated": n, "documents": len(docs), "passages": index.size(), "milvus_passages": view.size(),
           "faiss_build_s": round(faiss_build, 1), "milvus_build_s": round(milvus_build, 1)}
    extra = {q: svc.engine.expansions(svc.kg, q) for q in qs}  # the thesaurus' terms are the library's
    row |= compare(engine, {"faiss": index, "milvus": view}, qs, extra, rounds, svc.engine.embedder)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, nargs="+", required=True, help="kept e5 libraries' data directories")
    ap.add_argument("--generated", type=int, nargs="*", default=[100_000])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--questions", type=int, default=120, help="on-topic questions used (first N)")
    ap.add_argument("--out", default="scale-search.json", help="results file name in bench/results")
    args = ap.parse_args(argv)
    qs = [to_simplified(q) for q in questions()[: args.questions]]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        server = MilvusServer(tmp / "milvus")
        try:
            svc = None
            qvec: dict[str, np.ndarray] = {}
            for data in args.library:
                probe = PolicyService(Settings(data_dir=data, index_on_ingest=False)).engine.embedder
                if not qvec:
                    t = time.perf_counter()
                    with probe.one_thread():
                        for q in qs:
                            qvec[q] = probe.encode_queries([q])[0]
                    e5_ms = (time.perf_counter() - t) / len(qs) * 1000
                    # The off-topic probes set the relevance floor (search/engine.py `relevance_floor`).
                    for q in load_probes():
                        qvec[to_simplified(q)] = probe.encode_queries([to_simplified(q)])[0]
                row, svc = kept_library(data, server, qs, qvec, args.rounds)
                row["e5_query_ms"] = round(e5_ms, 2)
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
                write_json(args.out, {"rounds": args.rounds, "k": K, "rows": rows, "complete": False})
            for n in args.generated:
                assert svc is not None
                row = generated(svc, n, server, qs, qvec, args.rounds, tmp)
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
        finally:
            server.stop()
    path = write_json(args.out, {"rounds": args.rounds, "k": K, "rows": rows})
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    print(f"written to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
