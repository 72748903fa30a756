"""The one service object behind both the CLI and the HTTP app."""
from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections import Counter
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF

from ingest.chains import ChainError, parse_chain
from ingest.enterprises import RegisterLimits, RegisterTooLarge, parse_register
from ingest.lexicon import Lexicon, Segmenter, load_lexicon
from ingest.metadata import normalize_doc_no
from ingest.parse import ParseError, doc_id_for, parse_plan
from ingest.reader import ReadError, collect_files, decode
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.chains import ChainAnalysis, ChainView, chain_graph, enterprise_graph, guide_order, status_counts
from kg.export import UnknownFormat, export
from kg.query import INCENTIVE_KINDS, KG, LEVELS, DocFilter, Evidence, TaskRow
from kg.register import Register
from kg.store import DocEntry, doc_stamps
from kg.stores import GraphBackend, StoreSettingsError, open_graph_store
from kg.terms import uris
from kg.views import find_nodes, graph_view, to_networkx
from kg.vocab import PKG
from search.answers import Routed
from search.router import route
from search.scope import Scope, read_scope

from . import models
from .errors import BadRequest, Busy, NotFound, PolicyKGError, UnknownUnit
from .ledger import ledger_xlsx
from .settings import Settings

if TYPE_CHECKING:  # the search stack (faiss, bm25s, the embedder) loads only when searching
    from search.engine import SearchEngine, TaskHit
    from search.milvus import MilvusConfig
    from search.milvus_sync import StoredDocs
    from search.vectors import Progress

log = logging.getLogger(__name__)
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 300.0  # a failed background rebuild is retried after 2, 4, 8, ... 300 s
GOALS_SUFFIX = ".goals"  # search indexes a plan's goal paragraphs under "<doc>.goals" (search/passages.py)


@dataclass
class _Rebuild:
    """A background rebuild of the search index as /healthz tells it."""

    started: float
    embedded: int = 0
    to_embed: int | None = None  # None while the index is still being checked against the graph

    def heard(self, embedded: int, to_embed: int) -> None:
        self.embedded, self.to_embed = embedded, to_embed


def _shutting_down() -> Busy:
    """The answer to a search that reaches a closed service: 503, come back shortly."""
    return Busy("the service is shutting down; try again shortly", retry_after=5, code="shutting_down")


class PolicyService:
    """Ingest, query, ask, export: every operation the CLI and HTTP API expose.

    Every answer is one of the contract's models (api/models.py): the HTTP routes send it, the CLI prints it.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            self.store: GraphBackend = open_graph_store(
                settings.data_dir / "graph", settings.sparql_query_url, settings.sparql_update_url,
                settings.sparql_store_url, settings.sparql_user, settings.sparql_password, settings.graph_store_timeout_s)
        except StoreSettingsError as exc:
            names = ", ".join(f"POLICYKG_SPARQL_{m.removesuffix('_url').upper()}_URL" for m in exc.missing)
            raise PolicyKGError(f"{exc}" + (f" (settings: {names})" if names else ""), code=exc.code, status=500) from None
        self._milvus = self._milvus_config()  # checked at start: a bad setting is named now, not at the first search
        self._lock = threading.RLock()
        self._reindex_lock = threading.Lock()  # one index build at a time
        self._load_lock = threading.Lock()  # one graph load at a time; readers meanwhile keep their snapshot
        self._chain_lock = threading.Lock()  # one chain analysis at a time (see _chains)
        self._background: threading.Thread | None = None  # a rebuild searches do not wait for
        self._retry: threading.Timer | None = None  # the next try of a failed background rebuild
        self._closed = False
        self._rebuild: _Rebuild | None = None  # what the background rebuild has done (for /healthz)
        self._rebuild_failed: str | None = None  # why the last background rebuild failed, until one succeeds
        self._failures = 0  # background rebuilds failed in a row (the retry waits longer each time)
        self._serving = False  # a long-lived server (see `warm`), not a one-shot CLI command
        self._load_failed: str | None = None  # why the last graph reload failed, until one succeeds
        self._name_failing = False  # the graph store's name could not be read at the last load (warned once)
        self._kg_stamp: int | None = None
        self._indexed_kg: KG | None = None
        self._lexicon: Lexicon | None = None
        self._seg: Segmenter | None = None
        self._kg: KG | None = None
        self._engine: SearchEngine | None = None
        self._view_cache: tuple[KG, Any] | None = None
        self._chain_cache: tuple[KG, ChainAnalysis] | None = None

    # ---- lazily built parts (each costs start-up time) --------------------
    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon(list(self.settings.lexicon_files))
        return self._lexicon

    @property
    def segmenter(self) -> Segmenter:
        if self._seg is None:
            self._seg = Segmenter(self.lexicon)
        return self._seg

    @property
    def kg(self) -> KG:
        """The graph as stored now; while another thread loads a newer one, the snapshot this process has.

        A reader never waits for a reload it did not ask for (loading a large library takes seconds).
        """
        return self._load(wait=False)

    def _fresh(self) -> KG:
        """The graph as stored now, waiting for a load under way: what a writer reads after its own write."""
        return self._load(wait=True)

    def _load(self, wait: bool) -> KG:
        # Another process (the CLI next to a running server) may have changed the graph too: the stamp says.
        stamp = self.store.stamp()
        current = self._kg
        if current is not None and stamp == self._kg_stamp:
            return current
        if current is None or wait:
            self._load_lock.acquire()
        elif not self._load_lock.acquire(blocking=False):
            return current
        try:
            stamp = self.store.stamp()
            if self._kg is None or stamp != self._kg_stamp:
                try:
                    view = self.store.load()
                    # Built from the previous snapshot: only the documents written since are read anew.
                    self._kg = KG(view, doc_stamps(view), previous=self._kg, version=stamp,
                                  store_names=self._store_names(self._kg))
                    self._kg_stamp = stamp
                    self._load_failed = None
                except Exception as exc:
                    if wait or self._kg is None:
                        raise  # a writer must see its write; a first load has nothing to fall back on
                    # Readers keep the last snapshot, not silently: /healthz says so until a reload succeeds,
                    # and the next request tries again.
                    self._load_failed = f"{type(exc).__name__}: {str(exc)[:200]}"
                    log.exception("graph reload failed; answering from the previous snapshot")
            return self._kg
        finally:
            self._load_lock.release()

    @property
    def engine(self) -> SearchEngine:
        from search.engine import SearchEngine

        with self._lock:
            if self._engine is None:
                seg = self.segmenter
                self._engine = SearchEngine(
                    self.settings.data_dir / "index",
                    seg.cut,
                    seg.config(),
                    backend=self.settings.embedder,
                    model=self.settings.model,
                    factory=self.settings.faiss_factory,
                    query_slots=self.settings.query_slots,
                    query_batching=self.settings.query_batching,
                    milvus=self._milvus,
                )
            return self._engine

    def _milvus_config(self) -> MilvusConfig | None:
        """The Milvus settings, checked without connecting; a bad one is an error naming its variable."""
        from search.milvus import LEXICAL_MODES, MilvusConfig, MilvusSettingsError, check_uri

        st = self.settings
        if not st.milvus_uri:
            return None
        if st.milvus_lexical not in LEXICAL_MODES:
            raise PolicyKGError(f"POLICYKG_MILVUS_LEXICAL={st.milvus_lexical!r} is not a lexical mode; valid modes: "
                                f"{', '.join(LEXICAL_MODES)}", code="milvus_settings", status=500)
        try:
            uri = check_uri(st.milvus_uri)
        except MilvusSettingsError as exc:
            raise PolicyKGError(f"POLICYKG_MILVUS_URI: {exc}", code=exc.code, status=500) from None
        return MilvusConfig(uri, st.milvus_collection, st.milvus_lexical, st.milvus_timeout_s, self._graph_store_name())

    def _store_names(self, previous: KG | None) -> tuple[str, ...]:
        """The graph store's names, whose versions the Milvus records' stamps and the passage cache's are (read at
        each load: two first asks of a new store may leave it two, and a store restored from a backup is renamed).
        When they cannot be read, the previous snapshot's (a store keeps its name while processes run: `policykg
        restored` renames it with none running), or none at the first load (then the passage cache is not used,
        its address names it for Milvus, `_graph_store_name`, and a collection claimed by the name is another
        store's until the next load)."""
        try:
            names = self.store.identity()
        except Exception as exc:  # a timeout, or a store refusing writes to these credentials
            kept = previous.store_names if previous is not None else ()
            # Once until the name is read again: a store that never lets these credentials name it fails each load.
            (log.debug if self._name_failing else log.warning)(
                "the graph store's name could not be read or made (%s: %s); %s", type(exc).__name__, str(exc)[:200],
                "the last one read is kept" if kept else "its address names it and no passage cache is used")
            self._name_failing = True
            return kept
        self._name_failing = False
        return names

    def _graph_store_name(self) -> str:
        """Which graph store this service's is by its address: its update endpoint (no credentials), or the
        embedded store's directory. What the Milvus records' stamps were named by before stores had names of their
        own, and still are when a store cannot keep one (`_store_names`)."""
        from kg.remote import public_url

        st = self.settings
        if st.sparql_update_url:
            return f"sparql:{public_url(st.sparql_update_url)}"
        return f"embedded:{(st.data_dir / 'graph').resolve()}"

    def reindex(self, force: bool = False, user: bool = False, progress: Progress | None = None) -> models.IndexReport:
        """Rebuild the search index when the graph or the model changed (or always, with force); a user's
        forced rebuild (`policykg reindex --force`) also builds every document's passages anew. `progress`
        hears of the passages embedded."""
        from search.errors import ModelMismatchError, TokenizerMismatchError

        started = time.perf_counter()
        engine = self.engine
        with self._reindex_lock:
            if force and user:
                engine.forget_passages()  # e.g. after a lexicon change, which renames units in every document
            elif force:
                engine.reread_milvus()  # a forced rebuild trusts nothing this process saw of Milvus
            # Callers that waited here usually find the index already current.
            kg = self._fresh()
            if not force and engine.is_current(kg):
                try:
                    engine.open(kg, latest=True)
                    self._indexed_kg = kg
                    return models.IndexReport(index="current", seconds=round(time.perf_counter() - started, 3))
                except (ModelMismatchError, TokenizerMismatchError):
                    pass  # built with another model or tokenizer: rebuild below
            version, embedded = engine.build(kg, progress, stored=self._still_stored(kg))
            self._indexed_kg = kg
        return models.IndexReport(index="rebuilt", version=version, embedded=embedded,
                                  seconds=round(time.perf_counter() - started, 3))

    def _still_stored(self, kg: KG) -> StoredDocs:
        """Of some documents of `kg`, those the graph store still holds: a rebuild that writes a shared Milvus
        collection asks before writing one back that another process may have deleted since `kg` was read."""
        def still(docs: Collection[str]) -> set[str]:
            try:
                if self.store.stamp() == kg.version:  # nothing written since the snapshot: the common case
                    return set(docs)
                held = self.store.manifest()
            except Exception:  # the graph store not answering: write, as before; the next write removes a stray
                log.warning("graph store not answering whether documents are still held; writing them", exc_info=True)
                return set(docs)
            return {d for d in docs if d in held}

        return still

    # ---- ingest -----------------------------------------------------------
    def ingest_bytes(self, items: list[tuple[str, bytes, str]], errors: list[dict[str, str]] | None = None
                     ) -> models.IngestReport:
        """Ingest (display name, bytes, source key) triples; one bad file never stops the rest.

        `errors` are the files the caller could not read, reported first.
        """
        started = time.perf_counter()
        report: dict[str, Any] = {"ingested": [], "errors": list(errors or []), "warnings": []}
        manifest = self.store.manifest()
        by_doc_no = {normalize_doc_no(no): doc_id for no, doc_id in self.kg.doc_numbers().items()}
        pending: list[tuple[DocEntry, Any]] = []
        for name, data, source in items:
            sha = hashlib.sha256(data).hexdigest()
            try:
                text = decode(data, name)
                known = next((e for e in manifest.values() if e.source == source), None)
                if known and known.sha256 == sha:
                    report["ingested"].append({"doc": known.doc_id, "source": name, "status": "unchanged"})
                    continue
                if name.lower().endswith((".yaml", ".yml")):
                    doc_id = known.doc_id if known else f"chain-{doc_id_for(name, text)}"
                    if not known and doc_id in manifest:
                        doc_id = f"{doc_id}-{sha[:6]}"  # same file name, different file
                    chain = replace(parse_chain(text, name), id=doc_id.removeprefix("chain-"))
                    entry = DocEntry(doc_id=doc_id, source=source, sha256=sha)
                    manifest[entry.doc_id] = entry
                    pending.append((entry, chain_graph(chain)))
                    report["ingested"].append({"doc": entry.doc_id, "source": name, "status": "updated" if known else "new",
                                               "kind": "chain", "title": chain.label, "segments": len(chain.segments)})
                    continue
                plan = parse_plan(text, name, self.lexicon, self.segmenter, doc_id=known.doc_id if known else None)
                if not known:
                    # The same document under another file name (a .docx of a .txt, a renamed upload) has the
                    # same 文号, so the same id: it replaces the one the library holds instead of standing beside it.
                    # The 文号 index also finds documents stored before ids came from the 文号.
                    same = by_doc_no.get(plan.doc_no) if plan.doc_no else None
                    if same and same in manifest:
                        plan.doc_id, known = same, manifest[same]
                    elif plan.doc_id in manifest:
                        plan.doc_id = f"{plan.doc_id}-{sha[:6]}"  # same file name, different document
            except (ReadError, ParseError, ChainError) as exc:
                report["errors"].append({"source": name, "error": str(exc)})
                continue
            if plan.doc_no:
                by_doc_no[plan.doc_no] = plan.doc_id
            graph = plan_graph(plan, UnitResolver(self.lexicon, plan.region))
            entry = DocEntry(doc_id=plan.doc_id, source=source, sha256=sha)
            manifest[plan.doc_id] = entry
            pending.append((entry, graph))
            report["warnings"].extend(plan.warnings)
            report["ingested"].append(
                {
                    "doc": plan.doc_id,
                    "source": name,
                    "status": "updated" if known else "new",
                    "title": plan.title,
                    "items": len(plan.items),
                    "units": len({u.name for it in plan.items for u in it.units}),
                    "targets": len(plan.goal_targets) + sum(len(it.targets) for it in plan.items),
                }
            )
        if pending:
            with self._lock:
                self.store.put(pending, lexicon_graph(self.lexicon))
        report["seconds"] = round(time.perf_counter() - started, 3)
        # The new snapshot is made current before the write is acknowledged: a reader after the answer must see
        # it (readers do not wait for a load under way, so they could otherwise get the one before).
        if self._fresh().items() and self.settings.index_on_ingest:
            report["search_index"] = self._reindex_after_write(report["warnings"])
        return models.IngestReport.model_validate(report)

    def _reindex_after_write(self, warnings: list[str] | None = None) -> models.IndexReport:
        """Bring the search index up to a write the graph store confirmed. The search store down (Milvus) does not
        undo the write: the report says the index is pending, a background rebuild retries, and searches meanwhile
        leave out what the graph no longer has."""
        from search.errors import MilvusUnavailableError

        started = time.perf_counter()
        try:
            return self.reindex()
        except MilvusUnavailableError as exc:
            log.warning("search index not updated after a write: %s", exc)
            if warnings is not None:
                warnings.append("stored; the search index follows when the passage store answers again")
            self._reindex_in_background()
            return models.IndexReport(index="pending", seconds=round(time.perf_counter() - started, 3))

    def ingest_paths(self, paths: list[Path]) -> models.IngestReport:
        """Ingest files and folders from disk (the CLI's edge)."""
        files, missing = collect_files(paths)
        items = []
        errors = [{"source": msg.split(": ", 1)[0], "error": msg} for msg in missing]
        for f in files:
            try:
                items.append((f.name, f.read_bytes(), str(f.resolve())))
            except OSError as exc:
                errors.append({"source": f.name, "error": f"{f.name}: cannot read ({exc.strerror})"})
        return self.ingest_bytes(items, errors)

    # ---- queries ----------------------------------------------------------
    def _docs(self, doc: str | None, issuer: str | None, level: str | None, year: int | None) -> DocFilter:
        """The documents a list draws on; an unknown document or level is an error, not an empty list."""
        if doc and doc not in self.kg.doc_ids():
            raise NotFound(f"no document with id {doc!r}")
        if level and level not in LEVELS:
            raise BadRequest(f"level {level!r} is not one of {', '.join(LEVELS)}")
        return DocFilter(doc=doc, issuer=issuer or None, level=level, year=year)

    def _check_unit(self, unit: str | None) -> None:
        """A unit filter must name a unit some plan gives a role; else say which names are close."""
        if unit and not self.kg.resolve_units(unit):
            raise UnknownUnit(unit, self.kg.suggest_units(unit))

    def tasks(self, unit: str | None = None, doc: str | None = None, issuer: str | None = None,
              level: str | None = None, year: int | None = None) -> models.TaskList:
        """Tasks, of one unit or all, across the documents the filters keep."""
        self._check_unit(unit)
        docs = self._docs(doc, issuer, level, year)
        rows = []
        for row, role, _ in self.kg.tasks(unit=unit, docs=docs):
            d = _task_json(row)
            if role:
                d["role"] = role
            rows.append(d)
        return models.TaskList.model_validate({"tasks": rows})

    def task(self, public_id: str) -> models.TaskDetail:
        """A task or work requirement ("<doc>.<ordinal>"), or a plan's goal statements ("<doc>.goals", kind "goals")."""
        if public_id.endswith(GOALS_SUFFIX):
            return self._goal_statements(public_id)
        kg = self.kg  # one snapshot for the whole answer: a reload between reads could lose the item
        item = kg.item_by_id(public_id)
        if item is None:
            raise NotFound(f"no task with id {public_id!r}")
        row = kg.task_row(item)
        d = _task_json(row)
        d["text"] = kg.item_text(item)
        d["evidence"] = asdict(row.evidence) if row.evidence else None
        d["assignments"] = [
            {"unit": n, "role": r, "evidence": asdict(ev) if (ev := kg.evidence(a)) else None}
            for n, r, a in kg.assignments(item)
        ]
        return models.TaskDetail.model_validate(d)

    def _goal_statements(self, goal_id: str) -> models.TaskDetail:
        """A plan's goal statements (工作目标) in the shape of a task, so every search hit id resolves.

        Search indexes the goal paragraphs of a document under "<doc>.goals" (search/passages.py).
        """
        kg = self.kg
        doc_id = goal_id.removesuffix(GOALS_SUFFIX)
        found: list[tuple[str, Evidence]] = []
        for node in uris(kg.g.subjects(RDF.type, PKG.GoalStatement)):
            ev = kg.evidence(node)
            if ev is not None and ev.doc == doc_id:
                found.append((kg.item_text(node), ev))
        if not found:
            raise NotFound(f"no task or goal statement with id {goal_id!r}")
        found.sort(key=lambda te: te[1].start)
        statements = [{"text": text, "evidence": asdict(ev)} for text, ev in found]
        targets = [t for t in kg.targets() if t.doc == doc_id and t.task_id is None]
        return models.TaskDetail.model_validate({
            "id": goal_id, "title": "工作目标", "number": "goals", "doc": doc_id, "kind": "goals", "ordinal": None,
            "lead": [], "co": [], "industries": [], "regions": [], "targets": targets,
            "text": "\n".join(text for text, _ in found),
            "evidence": statements[0]["evidence"], "assignments": [], "statements": statements,
        })

    def targets(self, year: int | None = None, unit: str | None = None, industry: str | None = None,
                doc: str | None = None, issuer: str | None = None, level: str | None = None) -> models.TargetList:
        """Targets due in a year, of a unit or an industry, across the documents the filters keep."""
        self._check_unit(unit)
        if industry and self.kg.resolve_industry(industry) is None:
            raise NotFound(f"industry {industry!r} is not in the gazetteer")
        docs = self._docs(doc, issuer, level, None)
        rows = self.kg.targets(year=year, unit=unit, industry=industry, docs=docs)
        return models.TargetList.model_validate({"targets": rows})

    def incentives(self, doc: str | None = None, industry: str | None = None, kind: str | None = None,
                   unit: str | None = None, issuer: str | None = None, level: str | None = None,
                   year: int | None = None) -> models.IncentiveList:
        """Incentives (奖励, 补贴, 贴息, caps and thresholds), never mixed with targets."""
        if kind and kind not in INCENTIVE_KINDS:
            raise BadRequest(f"kind {kind!r} is not one of {', '.join(INCENTIVE_KINDS)}")
        self._check_unit(unit)
        if industry and self.kg.resolve_industry(industry) is None:
            raise NotFound(f"industry {industry!r} is not in the gazetteer")
        docs = self._docs(doc, issuer, level, year)
        rows = self.kg.incentives(industry=industry, kind=kind, unit=unit, docs=docs)
        return models.IncentiveList.model_validate({"incentives": rows})

    def units(self) -> models.UnitList:
        """Every unit with its aliases, collective membership and task counts."""
        return models.UnitList.model_validate({"units": self.kg.units()})

    def industries(self) -> models.Industries:
        """The industry gazetteer with task counts, and which regions lead or share each cluster."""
        return models.Industries.model_validate({"industries": self.kg.industries(), "cluster_roles": self.kg.cluster_roles()})

    def documents(self) -> models.DocumentList:
        """The library's documents with their metadata, citations and counts."""
        return models.DocumentList.model_validate({"documents": self.kg.documents()})

    def ask(self, question: str, doc: str | None = None, issuer: str | None = None, level: str | None = None,
            year: int | None = None, words: bool = True) -> models.Answer:
        """Structured answer for the question families the router knows, from the documents the filters keep
        (without filters, from those of the place the question names, unless `words` is false)."""
        question = self._check_query(question)
        docs = self._docs(doc, issuer, level, year)
        routed, place = self._route(question, docs, words)
        out = routed.to_json()
        if place is not None:
            out["scope"] = {**place.to_json(), "applied": True}
        answered = Counter(a["doc"] for a in out["answers"] if a.get("doc"))  # in answer order
        if len(answered) > 1:
            # Answers from several documents: say which, in answer order, so every client can group them.
            titles = self._titles()
            out["documents"] = [{"doc": d, "title": titles.get(d), "answers": n} for d, n in answered.items()]
        if out["intent"] == "unknown":
            # Not a question the graph can answer exactly: ranked evidence, marked as such.
            try:
                found = self._hits(question, 5, "hybrid",
                                   keep=self.kg.kept_docs(docs) if docs else place.docs if place else None)
            except BadRequest:
                found = []
            out["fallback"] = {"kind": "search", "note": "no structured answer; these are search results",
                               "hits": self._hits_json(question, found), "relevant": self._relevant(question, found)}
        return models.Answer.model_validate(out)

    def search(self, query: str, k: int = 10, mode: str = "hybrid", doc: str | None = None, issuer: str | None = None,
               level: str | None = None, year: int | None = None, words: bool = True) -> models.SearchResult:
        """Ranked tasks for a query; a question the router knows also gets its exact answer first.

        The document filters apply to both: the exact answer and the hits come from the documents they keep.
        Without them, a place or a year in the query's own words (`words`) sets documents known to lie elsewhere
        aside from the hits; the result says what it read (`scope`), and searches the whole library when that
        leaves nothing.
        """
        query = self._check_query(query)
        if not 1 <= k <= self.settings.max_k:
            raise BadRequest(f"k must be between 1 and {self.settings.max_k}, got {k}")
        docs = self._docs(doc, issuer, level, year)
        out: dict[str, Any] = {"query": query, "mode": mode}
        routed, place = self._route(query, docs, words)
        if routed.intent != "unknown":
            out["answer"] = routed.to_json()
            if place is not None:
                out["answer"]["scope"] = {**place.to_json(), "applied": True}
        read = None if docs or not words else self._scope(query)
        hits = self._hits(query, k, mode, keep=self.kg.kept_docs(docs) if docs else read.docs if read else None)
        if read is not None:
            out["scope"] = {**read.to_json(), "applied": bool(hits)}
            if not hits:
                hits = self._hits(query, k, mode)
        out["hits"] = self._hits_json(query, hits)
        out["groups"] = _groups(hits, self._titles())
        out["relevant"] = self._relevant(query, hits, mode)
        return models.SearchResult.model_validate(out)

    def _scope(self, query: str, years: bool = True) -> Scope | None:
        """The documents a query's own words (a place, and a year unless `years` is false) point at
        (search/scope.py)."""
        from search.engine import to_simplified

        return read_scope(self.kg, to_simplified(query), years)

    def _titles(self) -> dict[str, str | None]:
        """Each document's title, by id, from the graph (what a client shows over a document's answers or hits)."""
        return {d.id: d.title for d in self.kg.documents()}

    def _hits_json(self, query: str, hits: list[TaskHit]) -> list[dict[str, Any]]:
        """The hits as the contract sends them, each with where the query's terms occur in its snippet."""
        if not hits:
            return []
        from search.highlight import query_terms, spans

        # Once per query, not once per hit; the thesaurus terms the search added are marked too.
        terms = query_terms(query, self.engine.tokenize, self.engine.expansions(self.kg, query))
        return [{**h.to_json(), "highlights": spans(h.text, terms)} for h in hits]

    def _relevant(self, query: str, hits: list, mode: str = "hybrid") -> bool | None:
        """Whether the hits answer the query at all (None in lexical mode, which has no cosine to judge by)."""
        if mode == "lexical" or not hits:
            return None if mode == "lexical" else False
        engine = self.engine
        return engine.is_relevant(engine.open(self.kg), query, hits)

    def _hits(self, query: str, k: int, mode: str, keep: Collection[str] | None = None) -> list[TaskHit]:
        """The top k hits, of the documents kept (all of them for None)."""
        if keep is None:
            return self._ranked(query, k, mode)
        # The index ranks the whole library; a filter keeps its share of a deeper list (every passage when the
        # share is small), so a filtered list is as long as an unfiltered one wherever the documents have hits.
        depth = k * max(1, len(self.kg.doc_ids())) // max(1, len(keep))
        return [h for h in self._ranked(query, min(max(depth, 5 * k), 10_000), mode) if h.doc in keep][:k]

    def _ranked(self, query: str, k: int, mode: str):
        from search.engine import QueryError
        from search.errors import (
            EngineClosedError,
            IndexStoreError,
            MilvusUnavailableError,
            ModelMismatchError,
            NoIndexError,
            TokenizerMismatchError,
        )

        if self._closed:  # a search that arrived while the server shuts down (also caught below, mid-search)
            raise _shutting_down()
        kg = self.kg
        if not kg.items():
            return []
        stale = self._indexed_kg is not kg
        if stale and self._indexed_kg is None and (not self._serving or self._no_index()):
            # A one-shot process (the CLI) waits for the index it will search once; a server with no index at all
            # has nothing to serve meanwhile. Either builds (or opens) it now.
            self.reindex()
            stale = False
        elif stale:
            # The graph changed since the index was checked (an ingest, the CLI, a delete, a crash between the
            # graph write and the index write): the rebuild runs apart and searches keep the last consistent
            # index, without the hits whose task the graph no longer has.
            self._reindex_in_background()
        try:
            hits = self.engine.search(kg, query, k, mode)
            # A shared passage store (Milvus) may hold documents this snapshot lacks or no longer has: another
            # process's newer write, or a delete not yet synced.
            return [h for h in hits if self._has_task(kg, h.id)] if stale or self.engine.milvus_config else hits
        except QueryError as exc:
            raise BadRequest(str(exc)) from None
        except (NoIndexError, TokenizerMismatchError):
            # No index yet, or one cut by an older tokenizer (ours, not a user choice): rebuild.
            self.reindex(force=True)
            return self.engine.search(self.kg, query, k, mode)
        except ModelMismatchError:
            if self.rebuilding():
                raise Busy("the search index is being rebuilt for the configured embedding model; "
                           "/healthz shows its progress", retry_after=30, code="index_rebuilding") from None
            # The model names may be server paths: the details stay in the server's log.
            raise PolicyKGError(
                "the search index was built with a different embedding model than the configured one; "
                "run `policykg reindex` to rebuild it",
                code="index_model_mismatch",
                status=503,
            ) from None
        except MilvusUnavailableError:
            raise  # api/app.py answers 503 search_store_unavailable (its address stays in the log)
        except EngineClosedError:  # a search that arrived while the server shuts down
            raise _shutting_down() from None
        except IndexStoreError:
            raise PolicyKGError("the search index is unavailable; run `policykg reindex`", code="index_unavailable", status=503) from None

    def _no_index(self) -> bool:
        """True when no index version exists at all (on Milvus: the collection holds no document yet)."""
        engine = self.engine
        if engine.milvus is not None:
            return not engine.milvus.holds_any()
        return engine.store.current_version() is None

    def _reindex_in_background(self) -> None:
        """Start a rebuild unless one is running; the searches that asked for it do not wait."""
        with self._lock:
            if self._closed or (self._background is not None and self._background.is_alive()):
                return
            self._background = threading.Thread(target=self._reindex_quietly, name="policykg-reindex", daemon=True)
            self._background.start()

    def _reindex_quietly(self) -> None:
        self._rebuild = rebuild = _Rebuild(time.monotonic())
        try:
            self.reindex(progress=rebuild.heard)
            self._rebuild_failed, self._failures = None, 0
        except Exception as exc:  # retried later (or by the next search); /healthz says why, the log says more
            self._failures += 1
            delay = min(RETRY_MAX_S, RETRY_FIRST_S * 2 ** (self._failures - 1))
            self._rebuild_failed = f"{type(exc).__name__}: {str(exc)[:200]}; retried within {delay:.0f} s"
            log.exception("background reindex failed (%d in a row)", self._failures)
            with self._lock:
                if not self._closed:
                    self._retry = threading.Timer(delay, self._reindex_in_background)
                    self._retry.daemon = True
                    self._retry.start()
        finally:
            self._rebuild = None

    def close(self) -> None:
        """Stop: no background rebuild starts or retries, the search engine's workers and connections and the
        graph store's are let go (the server's shutdown; a one-shot command needs none of it)."""
        with self._lock:
            self._closed = True
            if self._retry is not None:
                self._retry.cancel()
            background = self._background
        if background is not None:
            background.join(timeout=self.settings.milvus_timeout_s + 5)  # a rebuild under way finishes its request
        if self._engine is not None:
            self._engine.close()
        self.store.close()

    def rebuilding(self) -> bool:
        """Whether a background rebuild of the search index is under way."""
        return self._background is not None and self._background.is_alive()

    def sync_lexicon(self) -> bool:
        """Write the lexicon to the graph when its thesaurus differs from the graph's (the YAML was edited since
        the last write); True when it wrote. The graph's lexicon is otherwise written with each ingest."""
        kg = self.kg
        wanted = {frozenset((c.label, *c.alt)) for c in self.lexicon.concepts.values()}
        if not kg.doc_ids() or {frozenset(terms) for terms in kg.thesaurus} == wanted:
            return False
        with self._lock:
            self.store.put([], lexicon_graph(self.lexicon))
        self._fresh()
        return True

    def warm(self) -> None:
        """What a server does before it takes requests: load the graph and the tokenizer, and check the search
        index against the graph apart (a crash between the graph write and the index write leaves it behind;
        searches answer from the last consistent index while it catches up)."""
        self._serving = True
        self.sync_lexicon()
        kg = self.kg
        _ = self.segmenter
        if kg.items():
            self._reindex_in_background()
        # The chain analysis (seconds with a large register) is made apart too, so that the first chain or policy
        # question finds it made, or waits only for the rest of it.
        threading.Thread(target=self._chains, args=(kg,), name="policykg-chains", daemon=True).start()

    def health(self) -> models.Health:
        """"ok", or "degraded" with the reasons: a search index catching up with the graph or failing to, or a
        graph reload that failed."""
        reasons: list[str] = []
        rebuild = self._rebuild
        if rebuild is not None and rebuild.to_embed is not None:  # past the check: a build is running
            done = (f"{rebuild.embedded} of {rebuild.to_embed} new passages embedded" if rebuild.to_embed
                    else "from cached vectors")
            reasons.append(
                f"the search index is being rebuilt in the background ({done}, "
                f"{time.monotonic() - rebuild.started:.0f} s so far); searches answer from the last consistent "
                "index, without the documents written since")
        if self._load_failed:
            reasons.append(f"the graph could not be reloaded after a change ({self._load_failed}); answers come "
                           "from the previous snapshot, and every request tries again")
        if self._rebuild_failed:
            reasons.append(f"the last rebuild of the search index failed ({self._rebuild_failed}); searches "
                           "answer from the last consistent index meanwhile")
        if not reasons:
            return models.Health(status="ok")
        progress = None if rebuild is None or rebuild.to_embed is None else \
            models.RebuildProgress(embedded=rebuild.embedded, to_embed=rebuild.to_embed)
        return models.Health(status="degraded", reasons=reasons, rebuild=progress)

    def task_exists(self, hit_id: str) -> bool:
        """Whether a search hit's id names a task (or a plan's goal statements) of the current graph."""
        return self._has_task(self.kg, hit_id)

    @staticmethod
    def _has_task(kg: KG, hit_id: str) -> bool:
        """Whether a search hit's id still names a task (or a plan's goal statements) of this graph."""
        if hit_id.endswith(GOALS_SUFFIX):
            return hit_id.removesuffix(GOALS_SUFFIX) in kg.doc_ids()
        return kg.item_by_id(hit_id) is not None

    def graph(self, focus: str | None, depth: int = 1, max_nodes: int = 300) -> models.GraphView:
        """Typed nodes and edges around a unit, task, industry or region (or an overview)."""
        if not 1 <= depth <= 3:
            raise BadRequest(f"depth must be 1, 2 or 3, got {depth}")
        view = self._view()
        if not focus:
            # Overview: the units and the items they carry.
            focus_nodes = [n for n, d in view.nodes(data=True) if d.get("type") == "document"]
        else:
            item = self.kg.item_by_id(focus)
            focus_nodes = [str(item)] if item is not None else find_nodes(view, focus.strip())
            if not focus_nodes:
                focus_nodes = sorted(str(u) for u in self.kg.resolve_units(focus) if str(u) in view)
            if not focus_nodes:
                suggestions = self.kg.suggest_units(focus)
                hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
                raise NotFound(f"nothing named {focus!r} in the graph{hint}", params={"name": focus, "suggestions": suggestions})
        out = graph_view(view, focus_nodes, depth, max_nodes)
        for node in out.nodes:
            if node.type in ("task", "requirement"):
                task_row = self.kg.item_by_iri(node.id)
                node.task_id = task_row.id if task_row else None
        return models.GraphView.model_validate(out)

    def _view(self):
        kg = self.kg
        with self._lock:
            if self._view_cache is None or self._view_cache[0] is not kg:
                self._view_cache = (kg, to_networkx(kg.g))
            return self._view_cache[1]

    def ledger(self) -> bytes:
        """The 任务分工台账 workbook."""
        kg = self.kg
        return ledger_xlsx([(kg.task_row(item), kg.item_text(item)) for item in kg.items()], kg.documents())

    def document(self, doc_id: str) -> models.DocumentDetail:
        """A document's header fields and its normalised text (the source every span points into)."""
        meta = next((d for d in self.kg.documents() if d.id == doc_id), None)
        if meta is None:
            raise NotFound(f"no document with id {doc_id!r}")
        return models.DocumentDetail.model_validate({**asdict(meta), "text": self.kg.doc_text(doc_id)})

    def delete_document(self, doc_id: str) -> models.Deleted:
        """Remove a document and re-index."""
        with self._lock:
            if not self.store.remove(doc_id):
                raise NotFound(f"no document with id {doc_id!r}")
        if self._fresh().items() and self.settings.index_on_ingest:  # current before the answer, as in ingest
            self._reindex_after_write()
        return models.Deleted(deleted=doc_id)

    # ---- industry chains ---------------------------------------------------
    def _route(self, question: str, docs: DocFilter | None, words: bool = True) -> tuple[Routed, Scope | None]:
        """The router's answer from one snapshot, with that snapshot's chain analysis when it needs one; without
        document filters, from the documents of the place the question names (`words`), and that reading.

        Only the place: the router reads a year itself (the targets due then), and a target year need not lie
        in its document's period as the parser read it."""
        kg = self.kg
        place = self._scope(question, years=False) if words and not docs else None
        routed = route(kg, question, docs, chains=lambda: self._chains(kg), keep=place.docs if place else None)
        return routed, place

    def _chains(self, kg: KG | None = None) -> ChainAnalysis:
        """The chain analysis of a snapshot (the current one by default), made once per snapshot."""
        kg = kg or self.kg
        # A lock of its own: analysing a 10,000-row register takes seconds, and the service's lock guards writes.
        with self._chain_lock:
            cached = self._chain_cache
            if cached is None or cached[0] is not kg:
                # The register is read again only when the store rewrote it.
                cached = self._chain_cache = (kg, ChainAnalysis(kg, cached[1] if cached else None))
            return cached[1]

    def chains(self) -> models.ChainList:
        """Every chain map with its status counts."""
        return models.ChainList.model_validate({"chains": self._chains().summary()})

    def chain(self, name: str) -> models.Chain:
        """One chain by cluster, chain label or segment label, analysed segment by segment."""
        return models.Chain.model_validate(self._chain_view(name))

    def _chain_view(self, name: str) -> ChainView:
        """A chain's analysis as kg/chains.py gives it (the 招商指南 renders from it)."""
        analysis = self._chains()
        node = analysis.resolve(name)
        if node is None:
            known = "、".join(c.cluster for c in analysis.summary()) or "none ingested"
            raise NotFound(f"no industry chain for {name!r}; chains: {known}")
        return analysis.chain(node)

    def guide(self, name: str, fmt: str) -> bytes:
        """The 招商指南 of a chain: html, xlsx or md."""
        from .guide import guide_html, guide_markdown, guide_xlsx

        renderers = {"html": guide_html, "xlsx": guide_xlsx, "md": guide_markdown}
        if fmt not in renderers:
            raise BadRequest(f"unknown guide format {fmt!r}; valid formats: {', '.join(renderers)}")
        view = self._chain_view(name)
        return renderers[fmt](view, guide_order(view.segments))

    def _read_register(self, name: str, data: bytes) -> tuple[list, list[str]]:
        """Rows of a CSV/XLSX register within the settings' limits; past one, 413 register_too_large naming it."""
        s = self.settings
        limits = RegisterLimits(max_cell_chars=s.register_max_cell_chars, max_rows=s.register_max_rows,
                                max_chars=s.register_max_chars)
        try:
            return parse_register(data, name, limits)
        except RegisterTooLarge as exc:
            setting = f"POLICYKG_REGISTER_{exc.limit.upper()}"
            raise PolicyKGError(f"{exc} ({setting})", code="register_too_large", status=413) from None
        except ReadError as exc:
            raise BadRequest(str(exc)) from None

    def import_enterprises(self, name: str, data: bytes) -> models.EnterpriseImport:
        """Replace the enterprise register with this CSV/XLSX file; bad rows are reported, the rest kept.

        The file is read row by row and refused at the first limit passed, so a 25 KB XLSX whose shared
        strings expand to 70 MB costs milliseconds, not a graph reload of minutes.
        """
        enterprises, errors = self._read_register(name, data)
        with self._lock:
            self.store.put_part("enterprises", enterprise_graph(enterprises))
        self._fresh()  # current before the answer, as in ingest
        return models.EnterpriseImport(imported=len(enterprises), errors=errors)

    def preview_enterprises(self, name: str, data: bytes) -> models.RegisterPreview:
        """What importing this register would do, without importing it: the segments each row would match
        (by the same chain analysis the chains use), the rows skipped and why, and the status counts before
        and after."""
        enterprises, errors = self._read_register(name, data)
        before = self._chains()
        # The library as it would be after the import: the same snapshot, with this register in place of its own
        # (read from the register's own small graph; the library is not copied).
        after = ChainAnalysis(before.kg, previous=before, register=Register(KG(enterprise_graph(enterprises))))
        matches: dict[str, list[dict[str, Any]]] = {}
        chains = []
        old_chains = {c: before.chain(c) for c in before.chains}
        for chain in after.chains:
            view = after.chain(chain)
            old = old_chains.get(chain)
            chains.append({"id": view.id, "cluster": view.cluster, "label": view.label,
                           "before": status_counts(old.segments if old else []), "after": status_counts(view.segments)})
            for seg in view.segments:
                for e in seg.enterprise_details:
                    by, _, terms = e.matched.partition(": ")  # "segment" or "products: 词、词"
                    matches.setdefault(e.name, []).append({
                        "chain": view.id, "cluster": view.cluster, "segment": seg.id, "label": seg.label, "stage": seg.stage,
                        "by": by, "terms": list(dict.fromkeys(t for t in terms.split("、") if t))})
        known = after.segment_names()
        ids = {after.segment_id(seg) for seg in known.values()}
        rows, seen = [], set()
        for e in enterprises:
            row: dict[str, Any] = {"row": e.row, "name": e.name, "products": list(e.products), "segment": e.segment,
                                   "region": e.region, "scale": e.scale, "matches": matches.get(e.name, [])}
            if e.name in seen:
                row["merged"] = True  # one enterprise per name: its rows' products are merged
            seen.add(e.name)
            if not row["matches"]:
                row["unmatched"] = ("unknown_segment" if e.segment and e.segment not in known and e.segment not in ids
                                    else "no_match")
            rows.append(row)
        skipped = []
        for message in errors:
            m = re.search(r": row (\d+): ", message)
            code = ("no_name" if message.endswith("no company name") else
                    "no_products" if message.endswith("has neither products nor a segment") else
                    "rows_truncated" if "rows were read" in message else "other")
            skipped.append({"row": int(m.group(1)) if m else None, "code": code, "message": message})
        return models.RegisterPreview.model_validate({
            "file": name,
            "enterprises": len({e.name for e in enterprises}),
            "rows": rows,
            "matched": sum(1 for r in rows if r["matches"]),
            "skipped": skipped,
            "chains": chains,
            "register": {"loaded": len(before.register) > 0, "enterprises": len(before.register)},
        })

    def clear_enterprises(self) -> models.EnterpriseImport:
        """Forget the enterprise register."""
        with self._lock:
            self.store.put_part("enterprises", enterprise_graph([]))
        self._fresh()
        return models.EnterpriseImport(imported=0, errors=[])

    def export(self, fmt: str) -> bytes:
        try:
            return export(self.kg.g, fmt)
        except UnknownFormat as exc:
            raise BadRequest(str(exc)) from None

    def _check_query(self, q: str) -> str:
        q = (q or "").strip()
        if not q:
            raise BadRequest("the question is empty")
        if len(q) > self.settings.max_query_chars:
            raise BadRequest(f"the question is {len(q)} characters long; the limit is {self.settings.max_query_chars}")
        return q


def _groups(hits: list[TaskHit], titles: dict[str, str | None]) -> list[dict[str, Any]]:
    """The hits by document: each document's task ids in rank order and its best rank (1-based), best first."""
    groups: dict[str, dict[str, Any]] = {}
    for rank, hit in enumerate(hits, start=1):
        # Hits come best first, so a document's first hit is its best and insertion order is best-rank order.
        group = groups.setdefault(hit.doc, {"doc": hit.doc, "title": titles.get(hit.doc), "hits": [], "best": rank})
        group["hits"].append(hit.id)
    return list(groups.values())


def _task_json(row: TaskRow) -> dict[str, Any]:
    """A task as JSON: the CLI's and the API's shape."""
    d = asdict(row)
    d.pop("evidence")
    return d
