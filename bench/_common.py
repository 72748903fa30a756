"""Shared helpers of the benchmarks: seed index, query set, txtai side-by-side, metrics, output."""
from __future__ import annotations

import json
import math
import os
import platform
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from api.service import PolicyService
from api.settings import Settings
from kg.query import KG
from search.embed.base import Embedder
from search.engine import Ranking, SearchEngine
from search.lexical import is_content_token
from search.passages import TaskMeta, build_passages
from search.store import OpenIndex
from search.types import Passage

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
CORPUS = ROOT / "corpus"
QUERIES = BENCH_DIR / "queries.yaml"
RESULTS = BENCH_DIR / "results"

Tokenize = Callable[[str], list[str]]


# ---- query set ---------------------------------------------------------------
@dataclass(frozen=True)
class Query:
    """One evaluation query: text, relevant item numbers, plain or paraphrase."""

    q: str
    relevant: frozenset[str]
    kind: str


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query set (a YAML list of {q, relevant, kind})."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = [Query(str(r["q"]), frozenset(str(x) for x in r["relevant"]), str(r.get("kind", "plain"))) for r in rows]
    if not out:
        raise SystemExit(f"{path} holds no queries")
    return out


# ---- the seed plan, ingested into a temporary data directory -------------------
@dataclass
class Seed:
    """The service, graph, engine and open index built from corpus/ in this run."""

    service: PolicyService
    kg: KG
    engine: SearchEngine
    index: OpenIndex
    meta: dict[str, TaskMeta]
    tokenize: Tokenize
    seconds: float

    @property
    def embedder(self) -> Embedder:
        return self.engine.embedder

    def number(self, task_id: str) -> str:
        """Item number of a task ("1".."15", "三（一）", "goals")."""
        m = self.meta.get(task_id)
        return m.number if m else task_id


def open_seed(data_dir: Path) -> Seed:
    """Ingest corpus/ into `data_dir` (builds the index with the default e5 model) and open it."""
    started = time.perf_counter()
    svc = PolicyService(Settings(data_dir=data_dir))
    report = svc.ingest_paths([CORPUS]).model_dump()
    if report.get("errors"):
        raise SystemExit(f"ingesting {CORPUS} failed: {report['errors']}")
    kg, engine = svc.kg, svc.engine
    index = engine.open(kg)
    _, meta = build_passages(kg)
    return Seed(svc, kg, engine, index, meta, svc.segmenter.cut, time.perf_counter() - started)


def passage_vectors(index: OpenIndex, embedder: Embedder) -> np.ndarray:
    """The e5 vectors of the index's passages, row = pid.

    Read back from a flat FAISS index when possible (exactly the vectors our
    dense search scores); otherwise the passages are embedded again, which
    gives the same vectors (the engine is deterministic) but costs ~9 s.
    """
    n = len(index.passages)
    faiss_index = getattr(index.dense, "_index", None)
    if faiss_index is not None and index.dense.factory == "Flat":
        try:
            vecs = np.vstack([faiss_index.reconstruct(i) for i in range(n)]).astype(np.float32)
            if vecs.shape == (n, index.dense.dim):
                return vecs
        except RuntimeError:
            pass
    return embedder.encode_passages([p.text for p in index.passages])


class CachedQueries(Embedder):
    """Wraps an embedder and remembers query vectors, so a quality run embeds each query once.

    Only for quality runs: the vectors are identical (the engine is
    deterministic), and every system then spends its time on ranking alone.
    Latency runs use the real embedder.
    """

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self._cache: dict[str, np.ndarray] = {}

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for t, v in zip(missing, self.inner.encode_queries(missing), strict=True):
                self._cache[t] = v
        return np.vstack([self._cache[t] for t in texts]) if texts else self.inner.encode_queries([])

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.encode_passages(texts)

    def config(self) -> dict[str, Any]:
        return self.inner.config()


def cache_query_vectors(engine: SearchEngine) -> bool:
    """Make `engine` embed each distinct query once; False if the engine's layout changed and it could not."""
    if not isinstance(engine.embedder, CachedQueries):
        engine.embedder = CachedQueries(engine.embedder)
    return True


def uncache_query_vectors(engine: SearchEngine) -> None:
    """Undo `cache_query_vectors`."""
    if isinstance(engine.embedder, CachedQueries):
        engine.embedder = engine.embedder.inner


def txtai_version() -> str:
    """Installed txtai version (the package has no __version__)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("txtai")
    except PackageNotFoundError:
        return "?"


def content_tokens(tokenize: Tokenize, text: str) -> list[str]:
    """The tokens our BM25 sees: jieba tokens without punctuation and whitespace."""
    return [t for t in tokenize(text) if is_content_token(t)]


def tasks_in_order(pids: Iterable[int], passages: Sequence[Passage], k: int) -> list[str]:
    """Task ids of a passage ranking, each task once at its best passage's rank, first k."""
    seen: dict[str, None] = {}
    for pid in pids:
        seen.setdefault(passages[pid].task_id, None)
        if len(seen) == k:
            break
    return list(seen)


# ---- ranking overrides -------------------------------------------------------
def parse_overrides(items: Sequence[str]) -> dict[str, Any]:
    """`key=value` pairs (several per item, comma separated) for fields of search.engine.Ranking."""
    defaults = Ranking()
    valid = {f.name for f in fields(Ranking)}
    out: dict[str, Any] = {}
    for item in items:
        for pair in filter(None, (p.strip() for p in item.split(","))):
            key, sep, raw = pair.partition("=")
            key = key.strip()
            if not sep or key not in valid:
                raise SystemExit(f"--ranking {pair!r}: expected key=value with key one of {', '.join(sorted(valid))}")
            kind = type(getattr(defaults, key))
            try:
                out[key] = kind(raw) if kind is not bool else raw.lower() in ("1", "true", "yes")
            except ValueError:
                raise SystemExit(f"--ranking {pair!r}: {raw!r} is not a valid {kind.__name__}") from None
    return out


def apply_ranking(engine: SearchEngine, overrides: dict[str, Any]) -> Ranking:
    """Set the engine's ranking constants (defaults + overrides) and return them."""
    engine.ranking = replace(engine.ranking, **overrides)
    return engine.ranking


# ---- txtai on the same passages, vectors and tokens ------------------------------
_QUERY_TAG = "Q\x01"
_DATA_TAG = "P\x01"


class TxtaiHybrid:
    """txtai's hybrid search over our passages, our e5 vectors and our jieba tokens.

    txtai's own tokenizer splits Chinese into whole runs of characters, so its
    BM25 would be nearly useless; txtai therefore indexes space-joined jieba
    tokens and tokenizes on whitespace. The same string reaches its vector
    transform, which has to turn it back into our vector: txtai prepends an
    "instruction" per category ("query" / "data"), so the transform tells
    passages (looked up by their joined text) from queries (embedded for real
    with `encode_queries`, as our engine does per search).
    """

    def __init__(
        self,
        tokens: Sequence[Sequence[str]],
        vectors: np.ndarray,
        embedder: Embedder,
        tokenize: Tokenize,
        *,
        content: bool = True,
    ) -> None:
        import txtai  # local: only the benchmarks need it

        self.embedder = embedder  # swappable, e.g. for a CachedQueries when timing ranking alone
        self._tokenize = tokenize
        joined = [" ".join(t) for t in tokens]
        self._row: dict[str, int] = {}
        for i, text in enumerate(joined):
            self._row.setdefault(text, i)
        # Passages whose joined tokens coincide share the first one's vector.
        self.duplicates = len(joined) - len(self._row)
        self._vectors = vectors
        self._queries: dict[str, str] = {}

        def transform(texts: list[str]) -> np.ndarray:  # a plain function: txtai calls anything else first
            out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            asked: list[tuple[int, str]] = []
            for i, t in enumerate(texts):
                tag, body = t[: len(_DATA_TAG)], t[len(_DATA_TAG) :]
                if tag == _DATA_TAG:
                    out[i] = self._vectors[self._row[body]]
                elif tag == _QUERY_TAG:
                    asked.append((i, self._queries.get(body, body)))
                else:
                    raise ValueError(f"txtai passed an untagged text to the transform: {t[:40]!r}")
            if asked:
                out[[i for i, _ in asked]] = self.embedder.encode_queries([q for _, q in asked])
            return out

        self.config: dict[str, Any] = {
            "method": "external",
            "transform": transform,
            "content": content,
            "hybrid": True,
            "instructions": {"query": _QUERY_TAG, "data": _DATA_TAG},
            # What "hybrid": True expands to, plus a whitespace tokenizer for the jieba tokens.
            "scoring": {"method": "bm25", "terms": True, "normalize": True, "tokenizer": {"whitespace": True}},
        }
        self.embeddings = txtai.Embeddings(self.config)
        started = time.perf_counter()
        self.embeddings.index((i, text, None) for i, text in enumerate(joined))
        self.build_seconds = time.perf_counter() - started

    def describe(self) -> dict[str, Any]:
        """The configuration txtai resolved (JSON-able: the transform is named, not dumped)."""
        cfg = {k: v for k, v in self.embeddings.config.items() if k != "transform"}
        cfg["transform"] = "lookup of our e5 passage vectors / encode_queries for queries"
        cfg["instructions"] = {"query": "<query tag>", "data": "<passage tag>"}
        return cfg

    def search(self, query: str, limit: int, weights: float | None = None) -> list[int]:
        """Passage ids for a query, best first (the query is jieba-tokenized like the passages).

        `weights` is txtai's dense share of the hybrid score (None: its default 0.5; 1.0 = dense only).
        """
        joined = " ".join(content_tokens(self._tokenize, query))
        if not joined:
            return []
        self._queries[joined] = query
        try:
            rows = self.embeddings.search(joined, limit, weights=weights)
        finally:
            del self._queries[joined]
        return [int(r["id"]) if isinstance(r, dict) else int(r[0]) for r in rows]


# ---- statistics and output -----------------------------------------------------
def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile (q in 0..100)."""
    if not values:
        return math.nan
    return float(np.percentile(np.asarray(values, dtype=np.float64), q))


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50 / p95 / mean in milliseconds of a list of durations in seconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50_ms": round(percentile(ms, 50), 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "mean_ms": round(statistics.fmean(ms), 3) if ms else math.nan,
    }


def environment() -> dict[str, Any]:
    """Where and when a result was measured."""
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def write_json(name: str, data: dict[str, Any]) -> Path:
    """Write bench/results/<name> (UTF-8, readable Chinese)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], first_width: int | None = None) -> str:
    """A plain text table; the first column is left-aligned, the rest right-aligned."""
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(headers))]
    if first_width:
        widths[0] = max(widths[0], first_width)
    lines = []
    for n, r in enumerate(cells):
        parts = [_pad(r[0], widths[0], left=True)] + [_pad(c, w, left=False) for c, w in zip(r[1:], widths[1:], strict=True)]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(v: Any) -> str:
    if isinstance(v, float):
        return "nan" if math.isnan(v) else f"{v:.3f}"
    return str(v)


def _width(s: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in s)


def _pad(s: str, width: int, left: bool) -> str:
    fill = " " * max(0, width - _width(s))
    return s + fill if left else fill + s
