"""Read-only SPARQL engine over the project's N-Triples graph, run in killable worker processes."""
from __future__ import annotations

import multiprocessing
import re
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Protocol, cast

from pyparsing import ParseBaseException, ParseResults
from rdflib import Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier

from api.errors import BadRequest, Busy, Forbidden, NotFound, PolicyKGError, Timeout, TooLarge
from api.sparql_formats import (
    MEDIA_TYPES,
    RDFLIB_GRAPH_FORMATS,
    RESULTS_XML,
    SparqlResult,
    capped_graph,
    negotiate,
    serialize_ask,
    serialize_select,
)

__all__ = [
    "READ_ONLY_MESSAGE",
    "CheckedQuery",
    "QueryEndpoint",
    "SelectRows",
    "SparqlEngine",
    "check_query",
]

MAX_QUERY_CHARS = 20000  # the longest query text accepted
# Fairness between clients (see SparqlEngine._admit): recent worker time per client decays with this half-life;
# a client with more than HEAVY_S of it is "heavy", and heavy clients together never hold the last free worker.
COST_HALF_LIFE_S = 30.0
HEAVY_S = 1.0
QUEUE_WAIT_S = 1.0  # how long a query waits for a free worker before it is told to come back
READ_ONLY_MESSAGE = "SPARQL Update is not allowed: this endpoint is read-only"
SERVICE_MESSAGE = "SERVICE is not allowed: this endpoint only queries its own graph"
DATASET_MESSAGE = "FROM and FROM NAMED are not allowed: the dataset is this endpoint's graph only"
_MAX_MESSAGE_CHARS = 500
# rdflib's parser and evaluator recurse per nesting level; the default limit
# (1000) rejects a query with 50 nested groups. 5000 was measured safe on the
# 8 MiB main-thread stack of a worker.
_WORKER_RECURSION_LIMIT = 5000


def _graph_unavailable() -> PolicyKGError:
    # The loader's own message stays in SparqlEngine.load_error: it may quote
    # file content or paths, which clients must not see.
    return PolicyKGError("the knowledge graph could not be loaded", code="graph_unavailable", status=503)


class QueryEndpoint(Protocol):
    """What the /sparql routes need of an engine: SparqlEngine's workers, or a remote store's endpoint
    (api/sparql_remote.py)."""

    timeout_s: float
    max_rows: int
    max_query_chars: int

    def query(self, query: str, *, accept: str | None = None, format: str | None = None,
              deadline: float | None = None, client: str | None = None) -> SparqlResult: ...


@dataclass(frozen=True)
class SelectRows:
    """Rows of an internal SELECT: variable names, one dict per row, and whether rows were cut."""

    variables: tuple[str, ...]
    rows: list[dict[str, Identifier]]
    truncated: bool


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed validation: its form and rdflib's prepared query."""

    form: str
    query: Query
    select_star: bool = False
    declared: frozenset[str] = frozenset()  # the prefixes the text declares ("" for the empty one)
    text: str = ""  # the text as checked (normalize_query): the one to evaluate or send, never the raw input


# --- validation (runs inside the worker: parsing itself can take seconds) ----


def _short(message: str) -> str:
    message = " ".join(message.split())
    return message if len(message) <= _MAX_MESSAGE_CHARS else message[: _MAX_MESSAGE_CHARS - 1] + "…"


def _is_update(text: str) -> bool:
    """True when the text parses as a SPARQL Update with at least one operation."""
    try:
        parsed = parseUpdate(text)
    except (ParseBaseException, RecursionError, ValueError):
        return False
    return bool(parsed.get("request"))


def _refuse_unsafe(tree: Any) -> None:
    """Walk a parse tree or algebra (iteratively: trees can be deep) and refuse SERVICE and FROM."""
    stack: list[Any] = [tree]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, (str, Identifier)) or node is None:
            continue  # leaves; checked first because str is iterable
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                raise Forbidden(SERVICE_MESSAGE)
            # CompValue.get returns the key itself when absent, hence dict.get.
            if node.name == "DatasetClause" or dict.get(node, "datasetClause"):
                raise Forbidden(DATASET_MESSAGE)
            stack.extend(dict.values(node))
        elif isinstance(node, ParseResults):
            stack.extend(list(node))
            stack.extend(node.values())
        elif isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)


_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def normalize_query(text: str) -> str:
    """The query as every SPARQL parser reads it: codepoint escapes (\\uXXXX, \\UXXXXXXXX) expanded, as the
    standard has them processed before parsing, and CR line ends made LF.

    The checks below run on rdflib's parser and the query is evaluated by Oxigraph: rdflib ends a `#` comment only
    at LF, Oxigraph also at CR (raw or escaped), so `# <CR> SERVICE <…>` passed the checks as a comment and ran
    as a SERVICE call. Checking and evaluating the same normalized text closes that gap."""
    def expand(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise BadRequest(f"invalid codepoint escape {m.group(0)}")
        return chr(code)

    return _CODEPOINT.sub(expand, text).replace("\r\n", "\n").replace("\r", "\n")


def check_query(
    text: str, *, prefixes: Mapping[str, str] | None = None, max_chars: int | None = None
) -> CheckedQuery:
    """Parse and validate a query: read-only, no SERVICE, no FROM; raise a PolicyKGError otherwise. The checked
    text (`CheckedQuery.text`, normalized) is the one to run."""
    if max_chars is not None and len(text) > max_chars:
        raise TooLarge(f"query is {len(text)} characters long; the limit is {max_chars}")
    text = normalize_query(text)
    if not text.strip():
        raise BadRequest("empty query")
    try:
        parsed = parseQuery(text)
    except ParseBaseException as exc:
        # Updates are not in the query grammar: tell the client why it was
        # refused instead of reporting a syntax error.
        if _is_update(text):
            raise Forbidden(READ_ONLY_MESSAGE) from None
        raise BadRequest(_short(f"SPARQL syntax error: {exc}")) from None
    except RecursionError:
        raise BadRequest("query is nested too deeply") from None
    except Exception as exc:  # parse actions raise plain errors, e.g. on bad IRIs
        raise BadRequest(_short(f"SPARQL syntax error: {exc}")) from None
    _refuse_unsafe(parsed)
    try:
        prepared = translateQuery(parsed, initNs=dict(prefixes or {}))
    except RecursionError:
        raise BadRequest("query is nested too deeply") from None
    except Exception as exc:  # e.g. unknown prefix, SELECT * with GROUP BY
        raise BadRequest(_short(f"invalid query: {exc}")) from None
    # A second look at the algebra, in case the translation introduced nodes
    # the parse tree did not show.
    _refuse_unsafe(prepared.algebra)
    form = {
        "SelectQuery": "SELECT",
        "AskQuery": "ASK",
        "ConstructQuery": "CONSTRUCT",
        "DescribeQuery": "DESCRIBE",
    }.get(prepared.algebra.name)
    if form is None:
        raise BadRequest(f"unsupported query form {prepared.algebra.name}")
    # SELECT * projects a set of variables whose order follows the worker's
    # hash seed; sort it so every worker answers with the same columns.
    select_star = form == "SELECT" and not dict.get(parsed[1], "projection")
    declared = frozenset(dict.get(d, "prefix") or "" for d in parsed[0] if d.name == "PrefixDecl")
    return CheckedQuery(form=form, query=prepared, select_star=select_star, declared=declared, text=text)


# --- worker process ------------------------------------------------------------


def _refuse_service_eval(ctx: Any, part: CompValue) -> Any:
    """rdflib custom evaluator: a SERVICE that slipped past validation still never leaves the box."""
    if part.name == "ServiceGraphPattern":
        raise Forbidden(SERVICE_MESSAGE)
    raise NotImplementedError  # let rdflib evaluate every other part


_NETWORK_EVENTS = frozenset({"urllib.Request", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname"})


def _deny_network(event: str, args: tuple[Any, ...]) -> None:
    # Audit hooks see every outbound request in this process; the worker has
    # no reason to open any, so any attempt means validation missed something.
    if event in _NETWORK_EVENTS:
        raise Forbidden("network access is disabled in the SPARQL worker")


def _harden_worker() -> None:
    """Switch off everything in rdflib that can read files or fetch URLs on a query's behalf."""
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.CUSTOM_EVALS["policykg_refuse_service"] = _refuse_service_eval
    sys.addaudithook(_deny_network)
    sys.setrecursionlimit(_WORKER_RECURSION_LIMIT)
    # Ctrl-C reaches the whole process group; the parent shuts workers down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _StoreSnapshot:
    """A checkpoint of the graph store (kg/store.py), opened read-only: queries run on Oxigraph's own engine,
    over the documents' named graphs (the store's bookkeeping graph stays out), and opening it reads nothing,
    so a worker is ready in milliseconds whatever the library's size."""

    def __init__(self, path: Path) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self.store = ox.Store.read_only(str(path))
        # A public snapshot (GraphStore.snapshot(public=True)) has nothing in its default graph, so the union of
        # its graphs is the documents' union. Any other snapshot names its named graphs one by one: correct, but
        # Oxigraph slows down with every graph named (16-25x at 61 documents).
        self.graphs: list[Any] | None = None
        if next(self.store.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None:
            # An empty list would mean no restriction: an empty library queries one graph that does not exist.
            self.graphs = list(self.store.named_graphs()) or [ox.NamedNode("urn:policykg:graph:none")]

    def __len__(self) -> int:
        return len(self.store)

    def run(self, text: str, prefixes: Mapping[str, str], bindings: Mapping[str, Identifier] | None = None) -> Any:
        from kg.oxgraph import to_ox

        subs = {self._ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        if self.graphs is None:
            return self.store.query(text, prefixes=dict(prefixes), use_default_graph_as_union=True,
                                    substitutions=subs or None)
        return self.store.query(text, prefixes=dict(prefixes), default_graph=self.graphs, named_graphs=self.graphs,
                                substitutions=subs or None)


def _load_graph(graph_file: Path, prefixes: Mapping[str, str]) -> Graph | _StoreSnapshot:
    if graph_file.is_dir():
        return _StoreSnapshot(graph_file)
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    # A missing file is a graph that was never ingested: serve it as empty.
    if graph_file.exists():
        with graph_file.open("rb") as handle:
            graph.parse(handle, format="nt")
    return graph


def _warm_up(graph: Graph) -> None:
    """Import rdflib's lazily loaded plugins now, so the first query does not pay for them."""
    graph.query("ASK { ?s ?p ?o }")
    sample = Graph()
    sample.add((URIRef("urn:x"), URIRef("urn:y"), Literal("z")))
    for rdflib_format in RDFLIB_GRAPH_FORMATS.values():
        sample.serialize(format=rdflib_format, encoding="utf-8")
    rows: list[dict[Variable, Identifier]] = [{Variable("x"): URIRef("urn:x")}]
    for media_type in MEDIA_TYPES["SELECT"]:
        serialize_select([Variable("x")], rows, False, media_type)
    serialize_ask(True, RESULTS_XML)


def _take_rows(
    result: Any, max_rows: int, sort_vars: bool
) -> tuple[list[Variable], list[dict[Variable, Identifier]], bool]:
    """Read at most max_rows rows; rdflib yields SELECT rows lazily, so the rest is never computed."""
    variables = list(result.vars or [])
    if sort_vars:
        variables.sort()
    rows: list[dict[Variable, Identifier]] = []
    truncated = False
    for row in result:
        if len(rows) >= max_rows:
            truncated = True
            break
        rows.append({Variable(k): v for k, v in row.asdict().items()})
    return variables, rows, truncated


def _ox_rows(result: Any, max_rows: int, sort_vars: bool) -> tuple[list[Variable], list[dict[Variable, Identifier]], bool]:
    """Like _take_rows, for Oxigraph's solutions (read lazily too: the rest is never computed)."""
    from kg.oxgraph import from_ox

    names = [v.value for v in result.variables]
    variables = sorted(Variable(n) for n in names) if sort_vars else [Variable(n) for n in names]
    rows: list[dict[Variable, Identifier]] = []
    for solution in result:
        if len(rows) >= max_rows:
            return variables, rows, True
        rows.append({Variable(n): cast(Identifier, from_ox(t)) for n in names if (t := solution[n]) is not None})
    return variables, rows, False


def _answer_native(snapshot: _StoreSnapshot, request: tuple[Any, ...], prefixes: Mapping[str, str],
                   max_rows: int) -> tuple[Any, ...]:
    """_answer on a store snapshot: the query is checked by the same rules, then evaluated by Oxigraph."""
    from kg.oxgraph import from_ox

    kind = request[0]
    if kind == "query":
        _, text, accept, fmt = request
        checked = check_query(text, prefixes=prefixes)
        media_type = negotiate(checked.form, accept, fmt)
        result = snapshot.run(checked.text, prefixes)
        if checked.form == "SELECT":
            variables, rows, truncated = _ox_rows(result, max_rows, checked.select_star)
            return ("ok", serialize_select(variables, rows, truncated, media_type), media_type, truncated)
        if checked.form == "ASK":
            return ("ok", serialize_ask(bool(result), media_type), media_type, False)
        triples = ((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result)
        namespaces = list(checked.query.prologue.namespace_manager.namespaces())
        out, truncated = capped_graph(triples, max_rows, namespaces)
        return ("ok", out.serialize(format=RDFLIB_GRAPH_FORMATS[media_type], encoding="utf-8"), media_type, truncated)
    if kind == "select":
        _, text, bindings = request
        checked = check_query(text, prefixes=prefixes)
        if checked.form != "SELECT":
            raise BadRequest(f"select() needs a SELECT query, not {checked.form}")
        variables, rows, truncated = _ox_rows(snapshot.run(checked.text, prefixes, bindings), max_rows, checked.select_star)
        return ("rows", tuple(str(v) for v in variables), [{str(k): v for k, v in row.items()} for row in rows], truncated)
    raise BadRequest(f"unknown worker request {kind!r}")


def _answer(graph: Graph | _StoreSnapshot, request: tuple[Any, ...], prefixes: Mapping[str, str],
            max_rows: int) -> tuple[Any, ...]:
    if isinstance(graph, _StoreSnapshot):
        return _answer_native(graph, request, prefixes, max_rows)
    kind = request[0]
    if kind == "query":
        _, text, accept, fmt = request
        checked = check_query(text, prefixes=prefixes)
        media_type = negotiate(checked.form, accept, fmt)  # before running: a 406 costs nothing
        result = graph.query(checked.query)
        if checked.form == "SELECT":
            variables, rows, truncated = _take_rows(result, max_rows, checked.select_star)
            return ("ok", serialize_select(variables, rows, truncated, media_type), media_type, truncated)
        if checked.form == "ASK":
            return ("ok", serialize_ask(bool(result.askAnswer), media_type), media_type, False)
        source = result.graph if result.graph is not None else Graph()  # always set by rdflib
        namespaces = list(checked.query.prologue.namespace_manager.namespaces())
        out, truncated = capped_graph(source, max_rows, namespaces)
        body = out.serialize(format=RDFLIB_GRAPH_FORMATS[media_type], encoding="utf-8")
        return ("ok", body, media_type, truncated)
    if kind == "select":
        _, text, bindings = request
        checked = check_query(text, prefixes=prefixes)
        if checked.form != "SELECT":
            raise BadRequest(f"select() needs a SELECT query, not {checked.form}")
        result = graph.query(checked.query, initBindings=bindings)
        variables, rows, truncated = _take_rows(result, max_rows, checked.select_star)
        plain_rows = [{str(k): v for k, v in row.items()} for row in rows]
        return ("rows", tuple(str(v) for v in variables), plain_rows, truncated)
    raise BadRequest(f"unknown worker request {kind!r}")


def _error_reply(exc: PolicyKGError) -> tuple[Any, ...]:
    return ("error", type(exc).__name__, exc.code, exc.status, exc.message)


def _worker_main(conn: Connection, graph_file: str, prefixes: dict[str, str], max_rows: int) -> None:
    """Worker process: load the graph once, then answer requests from the pipe until it closes."""
    _harden_worker()
    try:
        graph = _load_graph(Path(graph_file), prefixes)
        if isinstance(graph, Graph):
            _warm_up(graph)
    except Exception as exc:
        conn.send(("load_error", _short(f"{type(exc).__name__}: {exc}")))
        return
    conn.send(("ready", len(graph)))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return  # the engine closed the pipe or died
        try:
            reply = _answer(graph, request, prefixes, max_rows)
        except PolicyKGError as exc:
            reply = _error_reply(exc)
        except RecursionError:
            reply = _error_reply(BadRequest("query is nested too deeply"))
        except MemoryError:
            reply = _error_reply(TooLarge("query needs too much memory"))
        except Exception as exc:  # rdflib evaluation errors are the query's fault
            reply = _error_reply(
                BadRequest(_short(f"query failed: {type(exc).__name__}: {exc}"), code="query_failed")
            )
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


# --- engine (parent side) -------------------------------------------------------

_ERROR_TYPES: dict[str, type[PolicyKGError]] = {
    cls.__name__: cls for cls in (BadRequest, Forbidden, NotFound, Timeout, TooLarge)
}


def _rebuild_error(name: str, code: str, status: int, message: str) -> PolicyKGError:
    return _ERROR_TYPES.get(name, PolicyKGError)(message, code=code, status=status)


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, process: BaseProcess, conn: Connection, generation: int) -> None:
        self.process = process
        self.conn = conn
        self.generation = generation

    def kill(self) -> None:
        """Stop the process for good; safe to call twice."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        try:
            self.conn.close()
        except OSError:
            pass

    def wait_ready(self, timeout: float | None) -> tuple[bool | None, str]:
        """(True, "") once loaded, (False, why) if loading failed, (None, "") if still loading."""
        try:
            if not self.conn.poll(timeout):
                return None, ""
            message = self.conn.recv()
        except (EOFError, OSError):
            return False, "worker exited while loading the graph"
        if message[0] == "ready":
            return True, ""
        return False, str(message[1])


class SparqlEngine:
    """Answers read-only SPARQL over one N-Triples file with a pool of killable worker processes.

    Each query gets one deadline (`timeout_s`) that covers waiting for a free
    worker, parsing, evaluation and serialisation; a worker that overruns it is
    killed and replaced. Call `close()` (or use it as a context manager) when done.
    """

    def __init__(
        self,
        graph_file: Path,
        *,
        timeout_s: float = 5.0,
        max_rows: int = 10000,
        max_query_chars: int = MAX_QUERY_CHARS,
        workers: int = 2,
        prefixes: Mapping[str, str] | None = None,
        start_method: str = "spawn",
    ) -> None:
        if timeout_s <= 0 or max_rows < 1 or max_query_chars < 1 or workers < 1:
            raise ValueError("timeout_s, max_rows, max_query_chars and workers must be positive")
        if start_method not in ("spawn", "forkserver"):
            # fork would copy the server's threads and locks into the worker.
            raise ValueError("start_method must be 'spawn' or 'forkserver'")
        self.graph_file = Path(graph_file)
        self.timeout_s = float(timeout_s)
        self.max_rows = max_rows
        self.max_query_chars = max_query_chars
        self.workers = workers
        self.prefixes: dict[str, str] = dict(prefixes or {})
        self._mp = cast(SpawnContext | ForkServerContext, multiprocessing.get_context(start_method))
        self._cond = threading.Condition()
        self._idle: deque[_Worker] = deque()  # loaded, current generation, free
        self._all: set[_Worker] = set()  # every process not yet killed, for close()
        self._generation = 0
        self._live = 0  # current-generation workers loading, idle or busy
        self._loading = 0  # current-generation workers still loading
        self._load_error: str | None = None
        self._closed = False
        self._reload_lock = threading.Lock()
        # Per client: queries running now, and recent worker seconds (value, when last decayed).
        self._running: dict[str, int] = {}
        self._cost: dict[str, tuple[float, float]] = {}
        self._heavy_running = 0
        self.per_client = max(1, workers - 1)
        self._heavy_lane = max(1, workers - 1)
        self._heavy_idle = 2 if workers >= 2 else 1  # idle workers a heavy client's query needs to start
        with self._cond:
            self._live = self._loading = workers
        for _ in range(workers):
            self._start_in_background(self._generation)

    # -- public API -------------------------------------------------------------

    def query(
        self,
        query: str,
        *,
        accept: str | None = None,
        format: str | None = None,
        deadline: float | None = None,
        client: str | None = None,
    ) -> SparqlResult:
        """Run a user query and serialise it; `accept` is an Accept header, `format` an alias.

        `deadline` (a time.monotonic() value) lets a caller that already queued
        the request charge that wait to the query; it defaults to now + timeout_s.
        `client` (the caller's address) subjects the query to the fairness rules of `_admit`.
        """
        self._check_length(query)
        reply = self._run(("query", query, accept, format), deadline, client)
        _, body, media_type, truncated = reply
        return SparqlResult(body, media_type, truncated)

    def select(
        self, query: str, bindings: Mapping[str, Identifier] | None = None, *, deadline: float | None = None
    ) -> SelectRows:
        """Run a project-built SELECT with values bound as data (initBindings, or Oxigraph's substitutions),
        never spliced into text; a bound variable must be one the query selects (SEP-0007, as Oxigraph has it)."""
        self._check_length(query)
        clean: dict[str, Identifier] = {}
        for name, value in (bindings or {}).items():
            if not isinstance(value, Identifier):
                raise TypeError(f"binding {name!r} must be an rdflib term, not {type(value).__name__}")
            clean[name.lstrip("?$")] = value
        _, variables, rows, truncated = self._run(("select", query, clean), deadline)
        return SelectRows(variables=variables, rows=rows, truncated=truncated)

    def reload(self, graph_file: Path | None = None, *, timeout_s: float = 120.0) -> None:
        """Load the graph file again (optionally a new path) and switch to it atomically.

        New workers load the file while the old ones keep answering; queries
        started after reload() returns see the new graph. If the new file cannot
        be loaded the old workers stay in service and a 503 error is raised.
        """
        with self._reload_lock:
            if graph_file is not None:
                self.graph_file = Path(graph_file)
            fresh: list[_Worker] = []
            try:
                for _ in range(self.workers):
                    fresh.append(self._spawn(generation=-1))
                deadline = time.monotonic() + timeout_s
                for worker in fresh:
                    ready, why = worker.wait_ready(max(0.0, deadline - time.monotonic()))
                    if not ready:
                        self._load_error = why or f"loading took longer than {timeout_s:g} s"
                        raise _graph_unavailable()
            except BaseException:
                for worker in fresh:
                    self._forget(worker)
                raise
            with self._cond:
                if self._closed:
                    stale = fresh
                else:
                    self._generation += 1
                    for worker in fresh:
                        worker.generation = self._generation
                    stale = list(self._idle)
                    self._idle = deque(fresh)
                    self._live, self._loading, self._load_error = len(fresh), 0, None
                    self._cond.notify_all()
            # Busy old workers are retired when their query ends (see _release).
            for worker in stale:
                self._forget(worker)

    def wait_ready(self, timeout_s: float = 60.0) -> bool:
        """Block until every worker has loaded the graph; False on timeout or load failure."""
        deadline = time.monotonic() + timeout_s
        with self._cond:
            while self._loading > 0:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            return self._live > 0

    @property
    def idle_workers(self) -> int:
        """Loaded workers free to take a query now (for health reports and tests)."""
        with self._cond:
            return len(self._idle)

    @property
    def load_error(self) -> str | None:
        """Why the graph last failed to load (for logs; may quote the file), or None."""
        return self._load_error

    def close(self) -> None:
        """Stop all workers; later queries fail with 503."""
        with self._cond:
            self._closed = True
            idle = list(self._idle)
            self._idle.clear()
            others = [w for w in self._all if w not in idle]
            self._all.clear()
            self._cond.notify_all()
        for worker in idle:
            worker.kill()
        for worker in others:
            # A busy worker's pipe belongs to the thread waiting on it; killing
            # the process wakes that thread with EOF and it closes the pipe.
            if worker.process.is_alive():
                worker.process.kill()

    def __enter__(self) -> SparqlEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- pool internals -------------------------------------------------------------

    def _check_length(self, query: str) -> None:
        if len(query) > self.max_query_chars:
            raise TooLarge(f"query is {len(query)} characters long; the limit is {self.max_query_chars}")

    def _spawn(self, generation: int) -> _Worker:
        parent_end, child_end = self._mp.Pipe(duplex=True)
        process = self._mp.Process(
            target=_worker_main,
            args=(child_end, str(self.graph_file), self.prefixes, self.max_rows),
            name="policykg-sparql-worker",
            daemon=True,  # never outlive the server
        )
        process.start()
        # Only the child may hold this end, or the parent would never see EOF
        # when the child dies.
        child_end.close()
        worker = _Worker(process, parent_end, generation)
        with self._cond:
            self._all.add(worker)
        return worker

    def _forget(self, worker: _Worker) -> None:
        worker.kill()
        with self._cond:
            self._all.discard(worker)

    def _start_in_background(self, generation: int) -> None:
        """Start a worker of `generation` (already counted in _live/_loading) without blocking."""
        try:
            worker = self._spawn(generation)
        except Exception as exc:
            with self._cond:
                if generation == self._generation:
                    self._live -= 1
                    self._loading -= 1
                    self._load_error = _short(f"could not start a worker: {exc}")
                self._cond.notify_all()
            return
        threading.Thread(
            target=self._await_ready, args=(worker,), name="policykg-sparql-loader", daemon=True
        ).start()

    def _await_ready(self, worker: _Worker) -> None:
        ready, why = worker.wait_ready(None)
        with self._cond:
            current = worker.generation == self._generation and not self._closed
            if current:
                self._loading -= 1
                if ready:
                    self._idle.append(worker)
                    self._load_error = None
                    self._cond.notify_all()
                    return
                self._live -= 1
                self._load_error = why
            self._cond.notify_all()
        self._forget(worker)

    def _recent_cost(self, client: str, now: float) -> float:
        """A client's worker seconds, decayed by COST_HALF_LIFE_S (call with the condition held)."""
        value, when = self._cost.get(client, (0.0, now))
        return value * 0.5 ** ((now - when) / COST_HALF_LIFE_S)

    def _admit(self, client: str | None, deadline: float) -> tuple[_Worker, bool]:
        """A free worker for a client's query, and whether the client counts as heavy.

        Fairness, so that one client cannot starve the others: a client runs at most `per_client` queries at
        once; a client whose recent queries took more than HEAVY_S of worker time is heavy, heavy clients
        together hold at most `workers - 1` workers and never take the last idle one, so one is left for the
        others' cheap queries. A
        query that cannot start is refused with a time to retry (429 for the client's own excess, 503 when the
        workers are busy for QUEUE_WAIT_S), never left to wait until its deadline. Without a client (the
        service's own queries) only the deadline applies.
        """
        retry = max(1, round(self.timeout_s))
        with self._cond:
            now = time.monotonic()
            heavy = client is not None and self._recent_cost(client, now) > HEAVY_S
            if client is not None and self._running.get(client, 0) >= self.per_client:
                raise Busy(f"at most {self.per_client} SPARQL queries of one client run at once",
                           retry_after=retry, code="rate_limited", status=429)
            give_up = deadline if client is None else min(deadline, now + QUEUE_WAIT_S)
            while True:
                if self._closed:
                    raise PolicyKGError("the SPARQL engine is shut down", code="unavailable", status=503)
                # A heavy client never takes the last idle worker (while a killed worker's successor loads,
                # there may be only one), and heavy clients together stay within their lane.
                if len(self._idle) >= (self._heavy_idle if heavy else 1) and not (heavy and self._heavy_running >= self._heavy_lane):
                    worker = self._idle.popleft()
                    if client is not None:
                        self._running[client] = self._running.get(client, 0) + 1
                        self._heavy_running += heavy
                    return worker, heavy
                if self._live <= 0:
                    raise _graph_unavailable()
                remaining = give_up - time.monotonic()
                if remaining <= 0:
                    if client is None:
                        raise Timeout(f"query exceeded {self.timeout_s:g} s (no free query worker)")
                    why = ("the workers left to clients with expensive recent queries are busy" if heavy
                           else "every query worker is busy")
                    raise Busy(f"{why}; try again shortly", retry_after=retry)
                self._cond.wait(remaining)

    def _done(self, client: str | None, heavy: bool, started: float) -> None:
        """Account a finished (or failed) query of a client."""
        if client is None:
            return
        with self._cond:
            now = time.monotonic()
            self._cost[client] = (self._recent_cost(client, now) + (now - started), now)
            if len(self._cost) > 10_000:  # forget the clients whose cost has decayed away
                self._cost = {c: v for c, v in self._cost.items() if self._recent_cost(c, now) > 0.01}
            left = self._running.get(client, 1) - 1
            if left:
                self._running[client] = left
            else:
                self._running.pop(client, None)
            self._heavy_running -= heavy
            self._cond.notify_all()

    def _release(self, worker: _Worker) -> None:
        with self._cond:
            if worker.generation == self._generation and not self._closed:
                self._idle.append(worker)
                self._cond.notify()
                return
        self._forget(worker)  # from before a reload(), or the engine is closed

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker that overran or crashed and start its successor in the background."""
        self._forget(worker)
        with self._cond:
            if worker.generation != self._generation or self._closed:
                return
            # The successor takes over the dead worker's place in _live, so
            # _live never dips to zero while a replacement is on its way.
            self._loading += 1
            generation = self._generation
        self._start_in_background(generation)

    def _run(self, request: tuple[Any, ...], deadline: float | None, client: str | None = None) -> tuple[Any, ...]:
        if deadline is None:
            deadline = time.monotonic() + self.timeout_s
        while True:
            worker, heavy = self._admit(client, deadline)
            if worker.process.is_alive():
                break
            # Died while idle (e.g. the OOM killer): not this query's fault, so
            # take another worker instead of reporting a crash.
            self._done(client, heavy, time.monotonic())
            self._replace(worker)
        started = time.monotonic()
        try:
            worker.conn.send(request)
            remaining = deadline - time.monotonic()
            finished = remaining > 0 and worker.conn.poll(remaining)
            reply = worker.conn.recv() if finished else None
        except (EOFError, OSError):
            self._replace(worker)
            with self._cond:
                closed = self._closed
            if closed:
                raise PolicyKGError("the SPARQL engine is shut down", code="unavailable", status=503) from None
            raise PolicyKGError("the query worker crashed", code="worker_crashed", status=500) from None
        except BaseException:
            self._replace(worker)  # e.g. KeyboardInterrupt mid-query: the pipe state is unknown
            raise
        finally:
            self._done(client, heavy, started)
        if reply is None:
            # rdflib cannot be interrupted: the only way to stop the query is
            # to kill its process.
            self._replace(worker)
            raise Timeout(f"query exceeded {self.timeout_s:g} s")
        self._release(worker)
        if reply[0] == "error":
            raise _rebuild_error(*reply[1:])
        return reply
