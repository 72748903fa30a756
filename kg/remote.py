"""The library's graph on a SPARQL 1.1 server, through the standard protocols only (Query, Update, Graph Store).

The layout is the embedded store's (kg/store.py): one named graph per document, and in the named graph
`urn:policykg:bookkeeping` (the embedded store keeps it in its default graph: some servers have no default graph
to write, Virtuoso among them, and a server's union default graph would mix it with the documents) the
manifest (document id -> source, sha256, the version that wrote it) and the store's version. Replacing or removing
a document is one SPARQL Update request, which the server applies all or nothing.

Versions. Each write raises the version inside its own request (the highest version + 1, computed by the server)
and records that number under a token of its own. A server need not isolate concurrent updates: Oxigraph 0.5
evaluates an update on a snapshot and commits its changes blindly, so two overlapping requests can compute the same
number (measured: 300 concurrent bumps from 3 threads left 245 distinct values). So after its request a writer asks
which tokens hold its number; when another one does, the two writes overlapped, and it writes again. Versions are
dense and the later of two overlapping commits always sees both tokens, so of two writes that overlapped (even on
the same document, where the server could have merged them) at least one is applied again after both, in full.

Reads. `load()` answers from a process-local mirror: in-memory Oxigraph stores ("replicas") holding the named
graphs as of one version. A load reads the manifest (one query) and brings a replica up to it, fetching (Graph
Store GET) only the graphs whose writing version (a part: its content hash) changed; a graph another replica
already holds at that version is copied from it instead. A replica is changed only while no view reads it, so a
view never sees a half-updated graph; with the service's reload pattern two replicas alternate, each catching up
on what changed since it was last used (the first load fills both from the same answers). A view still read when
every replica is taken costs a new replica, copied from the others; it is dropped once no one reads it.
"""
from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import json
import logging
import os
import random
import secrets
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import httpx
import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import NamespaceManager

from .oxgraph import OxGraph

# The embedded store's vocabulary and serialisation, so both backends hold the same layout.
from .store import (
    _DOC_ID,
    _NS,
    _SHA,
    _SOURCE,
    _STORE,
    _VERSION,
    _WRITTEN,
    PARTS,
    DocEntry,
    _entry_node,
    _lit,
    _nt,
    doc_graph,
    part_graph,
)

log = logging.getLogger(__name__)

_JSON: Final = "application/sparql-results+json"
BOOKKEEPING: Final = _NS + "bookkeeping"  # the named graph of the manifest, the versions, the write tokens, the names
_IDENTITY: Final = _NS + "identity"  # a name the store goes by (see `identity`)
_BOOK: Final = f"GRAPH <{BOOKKEEPING}>"
_NAMES: Final = f"{_BOOK} {{ <{_STORE.value}> <{_IDENTITY}> ?id }}"  # the names the store goes by, as ?id
_CLAIM_KEEP: Final = 16  # versions whose write tokens are kept for the overlap check (older ones are deleted)
_WRITE_TRIES: Final = 12
_BACKOFF_S: Final = (0.02, 2.0)  # the first retry waits up to 20 ms, each next one up to twice as long, at most 2 s
_LOAD_ROUNDS: Final = 6
_FETCH_THREADS: Final = 4
_TURN_RECHECK_S: Final = 60.0  # a write-turn directory found unsafe is looked at again after this (one warning, not one per write)
_SPARE_REPLICAS: Final = 1  # unread replicas kept beside the newest for the next load to bring up to date
_ERROR_TEXT: Final = 300  # characters of a server's error message kept in ours
_GSP_GET: Final = "Graph Store GET"
# What a request that failed on its connection before its answer began is sent again for, on a new connection (see
# `_send`): a pooled connection the server closed as it was taken reads as one of these.
_CONNECTION_LOST: Final = (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)
# An update's deadline grows with its size: this server took about 1 s per MB of N-Triples (50 plans, 10 MB: 9 s).
_UPDATE_S_PER_MB: Final = 5.0
_INSERT_LINES: Final = 100  # triples per INSERT DATA operation (see `_replace`)


class StoreError(RuntimeError):
    """A failure of the remote graph store; `code` is stable, the message says where and why (no credentials)."""

    code = "graph_store_error"

    def __init__(self, message: str, url: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status  # the server's HTTP status, when it answered with one


class StoreUnavailable(StoreError):
    """The server did not answer in time, refused the connection or failed (HTTP 5xx)."""

    code = "graph_store_unavailable"


class StoreRefused(StoreError):
    """The server refused a request (HTTP 4xx): a wrong URL, missing rights, or a request it does not accept."""

    code = "graph_store_refused"


class AnswerTooLarge(StoreError):
    """The server's answer was longer than the caller would read."""

    code = "graph_store_answer_too_large"


class StoreConflict(StoreError):
    """A write overlapped with others' writes at every try."""

    code = "graph_store_conflict"


class SnapshotUnsupported(NotImplementedError):
    """A remote store has no local snapshot: SPARQL queries go to the server's query endpoint."""

    code = "graph_store_no_snapshot"


def public_url(url: str) -> str:
    """A URL without user name and password, for messages and logs."""
    try:
        return str(httpx.URL(url).copy_with(username=None, password=None))
    except Exception:  # an unparsable URL is shown as nothing rather than risk showing a secret
        return "<invalid URL>"


@dataclass(frozen=True)
class _State:
    """What the store's bookkeeping says at one version: the manifest and the parts' content hashes."""

    version: int | None
    docs: dict[str, DocEntry]
    parts: dict[str, str]  # part graph IRI -> sha256 of its N-Triples (sorted lines)

    def keys(self) -> dict[str, str]:
        """Named graph -> what identifies its content at this version."""
        out = {doc_graph(d): f"w{e.written}" for d, e in self.docs.items()}
        out.update((g, f"s{sha}") for g, sha in self.parts.items())
        return out


class _CutShort(Exception):
    """A connection that failed after its answer began (`error`, httpx's): never sent again."""

    def __init__(self, error: httpx.TransportError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class _Answer:
    """A server's successful answer."""

    content: bytes
    content_type: str


class _Replica:
    """An in-memory copy of the named graphs, the content key of each, and the views that read it."""

    def __init__(self) -> None:
        self.store = ox.Store()
        self.keys: dict[str, str] = {}
        self.version: int | None = None
        self.views: weakref.WeakSet[OxGraph] = weakref.WeakSet()


def _new_name() -> str:
    """A name for a store, at random (see `RemoteGraphStore.identity`)."""
    return "sparql:" + secrets.token_hex(16)


def _named(name: str) -> str:
    """The bookkeeping triple saying the store goes by `name`."""
    return f"{_BOOK} {{ <{_STORE.value}> <{_IDENTITY}> {_lit(name)} }}"


def _checked_nt(graph: Graph) -> tuple[str, int]:
    """A graph as N-Triples (rdflib's serialisation) and its triple count, after Oxigraph's strict parser read it
    back: rdflib does not check a literal's datatype IRI, and the text goes into an update request."""
    try:
        text = _nt(graph)
    except Exception as exc:  # rdflib raises a bare Exception for an IRI it cannot write
        raise ValueError(f"the graph has a term that cannot be written as N-Triples: {exc}") from None
    try:
        count = sum(1 for _ in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise ValueError(f"the graph has a term that cannot be written as N-Triples: {exc}") from None
    if count != len(graph):
        raise ValueError(f"the graph's N-Triples hold {count} triples instead of {len(graph)}")
    return text, count


def _sha(nt: str) -> str:
    """The content hash of N-Triples, independent of the order rdflib wrote the lines in."""
    lines = sorted(line for line in nt.splitlines() if line.strip())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _replace(iri: str, nt: str) -> str:
    """The operations making `nt` (N-Triples, one triple per line) graph `iri`'s whole content: a drop, then the
    triples in `INSERT DATA` operations of at most `_INSERT_LINES` each, all in the caller's one request (Virtuoso
    refuses one operation of a whole plan: "generated SQL text has exceeded 10000 lines"; 100 per operation wrote
    3,000 triples in 2.7 s there, 500 in 10 s)."""
    # Split at LF only: N-Triples ends a triple there, and a literal may hold U+2028, U+0085 or a lone CR, at which
    # str.splitlines would cut it in two.
    lines = [line for line in nt.split("\n") if line.strip()]
    ops = [f"DROP SILENT GRAPH <{iri}> ;\n"]
    for start in range(0, len(lines), _INSERT_LINES):
        chunk = "\n".join(lines[start : start + _INSERT_LINES])
        ops.append(f"INSERT DATA {{ GRAPH <{iri}> {{\n{chunk}\n}} }} ;\n")
    return "".join(ops)


def _acyclic(view: OxGraph) -> OxGraph:
    """The view with its prefixes kept in a graph of their own: an rdflib graph and its namespace manager refer
    to each other, which kept a dropped view (and the replica it pins) alive until the cycle collector ran."""
    prefixes = Graph(bind_namespaces="none")
    for prefix, ns in view.namespaces():
        prefixes.bind(prefix, ns, override=True, replace=True)
    view.namespace_manager = NamespaceManager(prefixes, bind_namespaces="none")
    return view


class RemoteGraphStore:
    """The graph store on a SPARQL 1.1 server (see the module docstring); the public methods are GraphStore's."""

    def __init__(self, query_url: str, update_url: str, store_url: str, user: str | None = None,
                 password: str | None = None, timeout: float = 30.0, queue_dir: Path | None = None,
                 turn_wait_s: float | None = None) -> None:
        self.query_url, self.update_url, self.store_url = query_url, update_url, store_url
        self.timeout = timeout
        auth = httpx.BasicAuth(user, password or "") if user is not None else None
        self._http = httpx.Client(auth=auth, timeout=httpx.Timeout(timeout), follow_redirects=False,
                                  limits=httpx.Limits(max_connections=_FETCH_THREADS + 4))
        self._write_lock = threading.Lock()  # this process's writes one at a time (fewer overlaps to redo)
        # And this machine's: writer processes here take turns instead of overlapping at the server (measured with
        # four writers on two cores: 30 of 48 writes overlapped and were sent again, 0 with the turns; `queue_dir`:
        # where the turns are kept, the system's temporary directory unless given).
        # The lock file is named by the URL without its credentials, so the name never derives from a password.
        self._turn_dir = Path(queue_dir or tempfile.gettempdir()) / f"policykg-{os.getuid()}"
        self._turn_file = f"write-{hashlib.sha256(public_url(update_url).encode()).hexdigest()[:16]}.lock"
        self._unqueued_until = 0.0  # after a turn not given within the timeout, writes skip the queue until then
        self.turn_wait_s = timeout if turn_wait_s is None else turn_wait_s  # the longest wait for a turn
        self.unqueued_writes = 0  # writes that went ahead without this machine's turn
        self._load_lock = threading.Lock()
        self._replicas: list[_Replica] = []
        self._newest: _Replica | None = None
        self.graph_gets = 0  # Graph Store GETs made so far (what a load cost)
        self.write_retries = 0  # writes applied again because they overlapped another one

    @property
    def replica_count(self) -> int:
        """How many copies of the library the mirror holds now (two in the steady state)."""
        return len(self._replicas)

    def close(self) -> None:
        self._http.close()

    # ---- HTTP ---------------------------------------------------------------------------------------------------
    def _send(self, kind: str, method: str, url: str, budget: float | None = None, limit: int | None = None,
              retry: bool = False, **kwargs: Any) -> _Answer | None:
        """One request, answered within `budget` seconds (the store's timeout by default) as a whole, not only
        per network read as httpx counts, in at most `limit` bytes (AnswerTooLarge past it); None for a Graph
        Store 404 (no such graph). With `retry` (the service's own reads, which change nothing and cost little),
        a request whose connection failed before any answer came (`_CONNECTION_LOST`) is sent once more on a new
        connection within the budget: a pooled connection the server closed as it was taken. Not a write (the
        server may have applied it), a user's query (it may be what broke the connection), an answer cut short
        (the server has done the work), a refused connection or a timeout (the store is down or slow)."""
        shown = public_url(url)
        budget = budget or self.timeout
        deadline = time.monotonic() + budget
        for attempt in range(2 if retry else 1):
            try:
                response, body = self._exchange(kind, method, url, shown, deadline, budget, limit, **kwargs)
                break
            except httpx.TimeoutException:
                raise StoreUnavailable(f"{kind} at {shown}: no answer within {budget:.3g} s", shown) from None
            except (httpx.HTTPError, _CutShort) as exc:
                error = exc.error if isinstance(exc, _CutShort) else exc
                if retry and attempt == 0 and isinstance(exc, _CONNECTION_LOST) and time.monotonic() < deadline:
                    log.warning("%s at %s: %s before an answer came; sent again on a new connection", kind, shown,
                                type(exc).__name__)
                    continue
                raise StoreUnavailable(f"{kind} at {shown}: {type(error).__name__}: {error}", shown) from None
        status = response.status_code
        if status == 404 and kind == _GSP_GET:
            return None
        if status >= 400:
            text = bytes(body).decode("utf-8", "replace").strip()[:_ERROR_TEXT]
            message = f"{kind} at {shown}: HTTP {status}" + (f": {text}" if text else "")
            if status in (401, 403):
                message += " (check the store's user and password)"
            raise (StoreUnavailable if status >= 500 else StoreRefused)(message, shown, status)
        return _Answer(bytes(body), response.headers.get("content-type", ""))

    def _exchange(self, kind: str, method: str, url: str, shown: str, deadline: float, budget: float,
                  limit: int | None, **kwargs: Any) -> tuple[httpx.Response, bytearray]:
        """One request and its whole answer by `deadline` (`budget` seconds from the first try), at most `limit`
        bytes long; `shown` is the URL as errors name it."""
        timeout = httpx.Timeout(max(0.001, deadline - time.monotonic()))
        with self._http.stream(method, url, timeout=timeout, **kwargs) as response:
            body = bytearray()
            try:
                for chunk in response.iter_bytes():
                    body.extend(chunk)
                    if limit is not None and len(body) > limit:
                        raise AnswerTooLarge(f"{kind} at {shown}: the answer is longer than {limit} bytes", shown)
                    if time.monotonic() > deadline:
                        raise StoreUnavailable(f"{kind} at {shown}: no complete answer within {budget:.3g} s", shown)
            except httpx.TransportError as exc:
                if isinstance(exc, httpx.TimeoutException):
                    raise
                raise _CutShort(exc) from exc
        return response, body

    def _select(self, query: str, budget: float | None = None) -> list[dict[str, str]]:
        """Rows of a SELECT as variable -> lexical value (SPARQL 1.1 Query, POST, JSON results).

        The query goes URL-encoded (the protocol's other POST form): Virtuoso 7.2 never answers a query POSTed
        directly as application/sparql-query (measured: no answer in 10 s), every server takes this one."""
        response = self._send("SPARQL query", "POST", self.query_url, budget, retry=True, data={"query": query},
                              headers={"Accept": _JSON})
        assert response is not None
        try:
            bindings = json.loads(response.content)["results"]["bindings"]
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreUnavailable(f"SPARQL query at {public_url(self.query_url)}: not a JSON result ({exc})",
                                   public_url(self.query_url)) from None
        return [{name: str(term["value"]) for name, term in row.items()} for row in bindings]

    def _update(self, update: str) -> None:
        body = update.encode("utf-8")
        self._send("SPARQL update", "POST", self.update_url, budget=self.timeout + _UPDATE_S_PER_MB * len(body) / 1e6,
                   content=body, headers={"Content-Type": "application/sparql-update; charset=utf-8"})

    def _get_graph(self, iri: str) -> tuple[bytes, Any]:
        """A named graph's triples (Graph Store HTTP Protocol GET), empty when the server has no such graph."""
        response = self._send(_GSP_GET, "GET", self.store_url, retry=True, params={"graph": iri},
                              headers={"Accept": "application/n-triples, text/turtle;q=0.5"})
        if response is None:
            return b"", ox.RdfFormat.N_TRIPLES
        media = (response.content_type or "application/n-triples").split(";")[0].strip()
        fmt = ox.RdfFormat.from_media_type(media)
        if fmt not in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE):
            raise StoreRefused(f"Graph Store GET at {public_url(self.store_url)}: answered {media!r}, "
                               "not N-Triples or Turtle", public_url(self.store_url))
        return response.content, fmt

    # ---- reading ------------------------------------------------------------------------------------------------
    def stamp(self) -> int | None:
        """The store's version, raised by every write (of any process); None before the first one."""
        rows = self._select(f"SELECT (MAX(?v) AS ?version) WHERE {{ {_BOOK} {{ <{_STORE.value}> <{_VERSION.value}> ?v }} }}")
        value = rows[0].get("version") if rows else None
        return int(value) if value is not None else None

    def manifest(self) -> dict[str, DocEntry]:
        """Ingested documents by id."""
        return self._state().docs

    def identity(self) -> tuple[str, ...]:
        """The names this store goes by (see kg/stores.py GraphBackend), kept in its bookkeeping: the first process
        to ask makes one at random, so every address of the server gives the same. Two first asks at once may each
        leave one; then both are the store's, and the least is the one it is known by."""
        rows = self._select(f"SELECT ?id WHERE {{ {_NAMES} }}")
        if not rows:
            self._update(f"INSERT {{ {_named(_new_name())} }} WHERE {{ FILTER NOT EXISTS {{ {_NAMES} }} }}")
            rows = self._select(f"SELECT ?id WHERE {{ {_NAMES} }}")
        return tuple(sorted({row["id"] for row in rows if row.get("id")}))

    def rename(self) -> str:
        """Give the store a new name, in place of every name it went by, and return it: for a store put back from a
        backup, whose versions go back to ones it has been at before. What was kept under its old name (the Milvus
        records' stamps, each machine's passage cache) belongs to writes the store has lost; under the new name
        it is another store's, not taken for this one's (api/restore.py)."""
        made = _new_name()
        # One request: a reader sees the old names or the new one, never none.
        self._update(f"DELETE {{ {_NAMES} }} INSERT {{ {_named(made)} }} WHERE {{ OPTIONAL {{ {_NAMES} }} }}")
        return self.identity()[0]

    def _state(self, budget: float | None = None) -> _State:
        """The version, the manifest and the parts' hashes, read by one query (so of one version)."""
        parts = " ".join(f"<{part_graph(p)}>" for p in PARTS)
        rows = self._select(
            f"SELECT ?v ?id ?src ?sha ?w ?part ?psha WHERE {{ {_BOOK} {{\n"
            f"  {{ <{_STORE.value}> <{_VERSION.value}> ?v }}\n"
            f"  UNION {{ ?e <{_DOC_ID.value}> ?id . OPTIONAL {{ ?e <{_SOURCE.value}> ?src }} "
            f"OPTIONAL {{ ?e <{_SHA.value}> ?sha }} OPTIONAL {{ ?e <{_WRITTEN.value}> ?w }} }}\n"
            f"  UNION {{ VALUES ?part {{ {parts} }} ?part <{_SHA.value}> ?psha }}\n}} }}", budget)
        version: int | None = None
        docs: dict[str, DocEntry] = {}
        part_shas: dict[str, str] = {}
        for row in rows:
            if "v" in row:
                version = max(version or 0, int(row["v"]))
            elif "id" in row:
                known = docs.get(row["id"])
                written = int(row.get("w", 0))
                if known is None or written > known.written:  # two values only if writes overlapped; see _write
                    docs[row["id"]] = DocEntry(row["id"], row.get("src", ""), row.get("sha", ""), written)
            elif "part" in row:
                part_shas[row["part"]] = row["psha"]
        if version is None and self._select(f"SELECT ?v WHERE {{ <{_STORE.value}> <{_VERSION.value}> ?v }} LIMIT 1",
                                            budget):
            # Written before the bookkeeping had a graph of its own: reading on would show an empty library.
            raise StoreRefused(
                f"the graph store at {public_url(self.query_url)} holds a library written by an earlier PolicyKG, "
                f"its bookkeeping in the default graph; move it into <{BOOKKEEPING}> (SPARQL Update: INSERT {{ GRAPH "
                f"<{BOOKKEEPING}> {{ ?s ?p ?o }} }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), \"{_NS}\")) }}) "
                "or ingest the library again", public_url(self.query_url))
        return _State(version, dict(sorted(docs.items())), part_shas)

    def query(self, text: str, accept: str, budget: float, limit: int | None = None) -> bytes:
        """A read-only query answered by the server on the library's graphs alone: the documents' and the parts'
        named graphs, merged as the default graph and listed as the named ones (SPARQL 1.1 Protocol's
        default-graph-uri and named-graph-uri), so the store's bookkeeping graph is out of reach.

        The request names every graph (about 60 bytes each: 6 MB at 100,000 documents): a server's union default
        graph would also hold the bookkeeping graph, and a server need not offer one. `budget` covers
        both requests (the manifest, the query); the answer is read up to `limit` bytes (AnswerTooLarge past it)."""
        deadline = time.monotonic() + budget
        graphs = [doc_graph(d) for d in self._state(budget).docs] + [part_graph(p) for p in PARTS]
        response = self._send("SPARQL query", "POST", self.query_url, budget=max(0.001, deadline - time.monotonic()),
                              limit=limit, data={"query": text, "default-graph-uri": graphs, "named-graph-uri": graphs},
                              headers={"Accept": accept})
        assert response is not None
        return response.content

    def load(self) -> OxGraph:
        """The whole graph as of one version, as a read-only rdflib view over this process's mirror of it."""
        with self._load_lock:
            state = self._state()
            newest = self._newest
            if newest is not None and newest.keys == state.keys():
                return self._view(newest, state)
            group = self._free_replicas(state.keys())
            for _ in range(_LOAD_ROUNDS):
                fetched = self._catch_up(group, state)
                if not fetched:
                    break
                # The server may have been written meanwhile: a graph fetched is of `state` only if its version did
                # not change since the manifest was read. Those that changed are fetched again, for the newer state.
                after = self._state()
                now = after.keys()
                changed = [g for g in fetched if now.get(g) != group[0].keys.get(g)]
                if not changed:
                    break
                for replica in group:
                    replica.keys.update((g, "?") for g in changed)
                state = after
            else:
                raise StoreUnavailable(f"the graph store at {public_url(self.query_url)} changed during each of "
                                       f"{_LOAD_ROUNDS} tries to read it", public_url(self.query_url))
            for replica in group:
                replica.version = state.version
            self._newest = group[0]
            self._trim()
            return self._view(group[0], state)

    def _view(self, replica: _Replica, state: _State) -> OxGraph:
        stamps: dict[str, int | None] = {part_graph(p): None for p in PARTS}
        stamps.update((doc_graph(d), e.written or None) for d, e in state.docs.items())
        view = _acyclic(OxGraph(replica.store, graph_stamps=stamps))
        replica.views.add(view)
        return view

    def _free_replicas(self, target: dict[str, str]) -> list[_Replica]:
        """The replica to bring up to `target`: one no view reads, the closest; else a new one. A first load makes
        two, filled from the same answers: the next load (after a write) then brings the second one up to date
        with what the write changed, instead of copying the library while the first is being read."""
        free = [r for r in self._replicas if not r.views]
        if not free and self._replicas:
            gc.collect()  # a view kept alive only by a reference cycle somewhere else is read by no one
            free = [r for r in self._replicas if not r.views]
        if free:
            return [min(free, key=lambda r: sum(1 for g, k in target.items() if r.keys.get(g) != k)
                        + sum(1 for g in r.keys if g not in target))]
        group = [_Replica() for _ in range(1 if self._replicas else 2)]
        self._replicas.extend(group)
        if len(self._replicas) > 2:
            log.info("graph store mirror: %d replicas (older views still in use)", len(self._replicas))
        return group

    def _trim(self) -> None:
        """Drop replicas no view reads beyond a spare (the memory of a whole library each)."""
        spare = sorted((r for r in self._replicas if not r.views and r is not self._newest), key=lambda r: r.version or 0)
        for replica in spare[:-_SPARE_REPLICAS] if _SPARE_REPLICAS else spare:  # the most recent ones stay
            self._replicas.remove(replica)

    def _catch_up(self, group: list[_Replica], state: _State) -> list[str]:
        """Make replicas (read by no view, holding the same graphs) hold `state`'s graphs; the graphs fetched."""
        target = state.keys()
        keys = group[0].keys
        gone = [g for g in keys if g not in target]
        wanted = [g for g, k in target.items() if keys.get(g) != k]
        to_fetch: list[str] = []
        for g in gone + wanted:
            node = ox.NamedNode(g)
            source = None if g not in target else next(
                (r for r in self._replicas if r not in group and r.keys.get(g) == target[g]), None)
            for replica in group:
                replica.store.remove_graph(node)
                replica.keys.pop(g, None)
                if source is not None:  # held by another replica at this version: copied, not fetched
                    replica.store.extend(source.store.quads_for_pattern(None, None, None, node))
                    replica.keys[g] = target[g]
            if source is None and g in target:
                to_fetch.append(g)
        if to_fetch:
            self._fetch_into(group, to_fetch, target)
        return to_fetch

    def _fetch_into(self, group: list[_Replica], graphs: list[str], target: dict[str, str]) -> None:
        def load(g: str, answer: tuple[bytes, Any]) -> None:
            body, fmt = answer
            for replica in group:
                if body:
                    replica.store.load(body, format=fmt, to_graph=ox.NamedNode(g))
                replica.keys[g] = target[g]

        if len(graphs) == 1:
            load(graphs[0], self._get_graph(graphs[0]))
        else:
            with ThreadPoolExecutor(_FETCH_THREADS, thread_name_prefix="policykg-graph-get") as pool:
                for g, answer in zip(graphs, pool.map(self._get_graph, graphs)):
                    load(g, answer)
        self.graph_gets += len(graphs)

    def snapshot(self, public: bool = False) -> Path:
        """Not available: a remote store's SPARQL queries go to its query endpoint, which reads one version."""
        raise SnapshotUnsupported(f"a remote graph store has no local snapshot; send SPARQL queries to "
                                  f"{public_url(self.query_url)}")

    # ---- writing ------------------------------------------------------------------------------------------------
    def put(self, entries: list[tuple[DocEntry, Graph]], lexicon: Graph) -> None:
        """Write (or replace) documents and the lexicon in one request."""
        docs = [(entry, _checked_nt(graph)[0]) for entry, graph in entries]
        lexicon_nt = _checked_nt(lexicon)[0]

        def ops(claim: str) -> str:
            out = []
            for entry, nt in docs:
                node = _entry_node(entry.doc_id)
                out.append(_replace(doc_graph(entry.doc_id), nt))
                out.append(f"DELETE WHERE {{ {_BOOK} {{ <{node}> ?p ?o }} }} ;\n")
                out.append(f"INSERT {{ {_BOOK} {{ <{node}> <{_DOC_ID.value}> {_lit(entry.doc_id)} ; <{_SOURCE.value}> "
                           f"{_lit(entry.source)} ; <{_SHA.value}> {_lit(entry.sha256)} ; <{_WRITTEN.value}> ?n }} }} "
                           f"WHERE {{ {_BOOK} {{ <{claim}> <{_VERSION.value}> ?n }} }} ;\n")
            out.append(self._part_ops(part_graph("lexicon"), lexicon_nt, claim))
            return "".join(out)

        self._write(ops)

    def put_part(self, name: str, graph: Graph) -> None:
        """Replace a whole-library part ("chains" or "enterprises")."""
        if name not in ("chains", "enterprises"):
            raise ValueError(f"unknown graph part {name!r}")
        nt = _checked_nt(graph)[0]
        self._write(lambda claim: self._part_ops(part_graph(name), nt, claim))

    def remove(self, doc_id: str) -> bool:
        """Drop a document; False when it was not there."""
        node = _entry_node(doc_id)
        if not self._select(f"SELECT ?id WHERE {{ {_BOOK} {{ <{node}> <{_DOC_ID.value}> ?id }} }} LIMIT 1"):
            return False
        self._write(lambda claim: f"DROP SILENT GRAPH <{doc_graph(doc_id)}> ;\n"
                                  f"DELETE WHERE {{ {_BOOK} {{ <{node}> ?p ?o }} }} ;\n")
        return True

    @staticmethod
    def _part_ops(iri: str, nt: str, claim: str) -> str:
        return (_replace(iri, nt) + f"DELETE WHERE {{ {_BOOK} {{ <{iri}> ?p ?o }} }} ;\n"
                f"INSERT {{ {_BOOK} {{ <{iri}> <{_SHA.value}> {_lit(_sha(nt))} ; <{_WRITTEN.value}> ?n }} }} "
                f"WHERE {{ {_BOOK} {{ <{claim}> <{_VERSION.value}> ?n }} }} ;\n")

    def _write(self, ops: Callable[[str], str]) -> int:
        """Apply `ops` (given this write's token IRI, which holds its version as ?n) in one update request, with
        the version raised; again when it overlapped another write (see the module docstring). Its version."""
        with self._write_lock, self._machine_turn():
            for attempt in range(_WRITE_TRIES):
                claim = f"{_NS}write:{secrets.token_hex(12)}"
                self._update(_bump(claim) + ops(claim) + _forget_old_claims(claim))
                version, alone = self._claimed(claim)
                if version is not None and alone:
                    return version
                self.write_retries += 1
                log.info("graph store write overlapped another at version %s; writing again", version)
                # Two writers retrying in step would overlap again: each waits a random time, longer at each try.
                time.sleep(random.uniform(0, min(_BACKOFF_S[1], _BACKOFF_S[0] * 2 ** attempt)))
        raise StoreConflict(f"a write to {public_url(self.update_url)} overlapped others' at each of {_WRITE_TRIES} "
                            "tries", public_url(self.update_url))

    @contextlib.contextmanager
    def _machine_turn(self) -> Iterator[None]:
        """This machine's turn to write to the store, waited for at most `turn_wait_s`. Past it, or where
        the turn cannot be taken safely, the write goes ahead unqueued: the version check keeps it correct, the
        turns only save work."""
        fd = self._turn_fd()
        taken = False
        try:
            deadline = time.monotonic() + self.turn_wait_s
            while fd is not None and not taken:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    taken = True
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        # A holder that never lets go (hung, or hostile) would cost every write the whole wait.
                        self._unqueued_until = time.monotonic() + 10 * self.turn_wait_s
                        log.warning("no turn to write to %s within %g s; writing unqueued for a while",
                                    public_url(self.update_url), self.turn_wait_s)
                        break
                    time.sleep(0.005)
                except OSError as exc:  # a file system without locks: correct without the turns, only slower
                    log.warning("cannot take a write turn (%s); writing unqueued", exc)
                    break
            self.unqueued_writes += not taken
            yield
        finally:
            if fd is not None:
                os.close(fd)  # lets go of the lock with the descriptor

    def _turn_fd(self) -> int | None:
        """The turn lock file, opened, or None when writes skip the queue (cooling down after a timed-out wait, or
        no directory of this user's alone to keep it in)."""
        if time.monotonic() < self._unqueued_until:
            return None
        try:
            # The temporary directory is shared: the lock lives in a directory only this user can write, never
            # reached through a link, so another user can neither plant a file nor a link where it is opened.
            # The directory is opened once and checked through its descriptor, and the file opened relative to
            # it: swapping the path for a link between the check and the open changes nothing.
            with contextlib.suppress(FileExistsError):
                os.mkdir(self._turn_dir, 0o700)
            folder = os.open(self._turn_dir, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
            try:
                info = os.fstat(folder)
                if info.st_uid != os.getuid() or info.st_mode & 0o077:
                    raise PermissionError("not a directory of this user's alone")
                return os.open(self._turn_file, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600,
                               dir_fd=folder)
            finally:
                os.close(folder)
        except OSError as exc:
            log.warning("cannot open the write-turn file in %s (%s); writing unqueued", self._turn_dir, exc)
            self._unqueued_until = time.monotonic() + _TURN_RECHECK_S
            return None

    def _claimed(self, claim: str) -> tuple[int | None, bool]:
        """The version a write's token holds, and whether no other write's token holds it too."""
        rows = self._select(
            f"SELECT ?n ?other WHERE {{ {_BOOK} {{ <{claim}> <{_VERSION.value}> ?n . OPTIONAL {{ ?other "
            f"<{_VERSION.value}> ?n . FILTER(?other != <{claim}> && ?other != <{_STORE.value}>) }} }} }}")
        if not rows:
            return None, False  # the token is gone (forgotten after many later writes): not known to be alone
        return int(rows[0]["n"]), all("other" not in row for row in rows)


def _bump(claim: str) -> str:
    """Operations giving this write the highest version + 1 (held by its token) and making it the store's."""
    store, version = _STORE.value, _VERSION.value
    return (f"INSERT {{ {_BOOK} {{ <{claim}> <{version}> ?n }} }} WHERE {{ {{ SELECT ((COALESCE(MAX(?v), 0) + 1) "
            f"AS ?n) WHERE {{ {_BOOK} {{ <{store}> <{version}> ?v }} }} }} }} ;\n"
            f"DELETE WHERE {{ {_BOOK} {{ <{store}> <{version}> ?v }} }} ;\n"
            f"INSERT {{ {_BOOK} {{ <{store}> <{version}> ?n }} }} WHERE {{ {_BOOK} {{ <{claim}> <{version}> ?n }} }} ;\n")


def _forget_old_claims(claim: str) -> str:
    """The operation deleting the tokens of writes long past (a write checks its own right after its request)."""
    version = _VERSION.value
    return (f"DELETE {{ {_BOOK} {{ ?w <{version}> ?m }} }} WHERE {{ {_BOOK} {{ <{claim}> <{version}> ?n . "
            f"?w <{version}> ?m . FILTER(STRSTARTS(STR(?w), \"{_NS}write:\") && ?m < ?n - {_CLAIM_KEEP}) }} }}")


__all__ = ["AnswerTooLarge", "RemoteGraphStore", "SnapshotUnsupported", "StoreConflict", "StoreError", "StoreRefused",
           "StoreUnavailable", "public_url"]
