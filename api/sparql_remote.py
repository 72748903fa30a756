"""/sparql on a remote graph store: the query checked by the embedded engine's rules, then answered by the store's
own SPARQL 1.1 endpoint on the library's graphs, capped and serialised as the embedded engine does it."""
from __future__ import annotations

import io
import logging
import time
from collections.abc import Mapping

from rdflib import Graph
from rdflib.query import Result

from api.errors import BadRequest, PolicyKGError, Timeout
from kg.remote import AnswerTooLarge, RemoteGraphStore, StoreError, StoreRefused, StoreUnavailable

from .sparql import MAX_QUERY_CHARS, check_query
from .sparql_formats import (
    N_TRIPLES,
    RDFLIB_GRAPH_FORMATS,
    RESULTS_JSON,
    SparqlResult,
    capped_graph,
    negotiate,
    serialize_ask,
    serialize_select,
)

log = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 64 * 2**20  # a server's answer read at most this far (rows past max_rows are cut anyway)


def with_prefixes(text: str, declared: frozenset[str], prefixes: Mapping[str, str]) -> str:
    """The query with the endpoint's predeclared prefixes it uses but does not declare (a remote server knows only
    what the text declares); a prologue may mix BASE and PREFIX in any order, so they can lead."""
    missing = [f"PREFIX {name}: <{iri}>" for name, iri in sorted(prefixes.items()) if name not in declared]
    return "\n".join([*missing, text])


class RemoteSparqlEngine:
    """The SparqlEngine interface the /sparql routes use (query, timeout_s, max_rows, max_query_chars), answered by
    a RemoteGraphStore. The server does the work, so no worker pool is kept; the store's outage or slowness is
    reported as the embedded engine reports its own (503 with the store's code, or `timeout` at the deadline)."""

    def __init__(self, store: RemoteGraphStore, *, timeout_s: float = 5.0, max_rows: int = 10000,
                 max_query_chars: int = MAX_QUERY_CHARS, prefixes: Mapping[str, str] | None = None) -> None:
        if timeout_s <= 0 or max_rows < 1 or max_query_chars < 1:
            raise ValueError("timeout_s, max_rows and max_query_chars must be positive")
        self.store = store
        self.timeout_s, self.max_rows, self.max_query_chars = float(timeout_s), max_rows, max_query_chars
        self.prefixes: dict[str, str] = dict(prefixes or {})

    def query(self, query: str, *, accept: str | None = None, format: str | None = None,
              deadline: float | None = None, client: str | None = None) -> SparqlResult:
        """Check, forward and serialise a user query (the arguments are SparqlEngine.query's; `client` is unused:
        fairness between clients is the remote server's)."""
        checked = check_query(query, prefixes=self.prefixes, max_chars=self.max_query_chars)
        media_type = negotiate(checked.form, accept, format)  # before sending: a 406 costs the server nothing
        text = with_prefixes(checked.text, checked.declared, self.prefixes)  # the text checked, not the raw input
        graph_form = checked.form in ("CONSTRUCT", "DESCRIBE")
        body = self._send(text, N_TRIPLES if graph_form else RESULTS_JSON, deadline)
        try:
            if graph_form:
                source = Graph().parse(data=body.decode("utf-8"), format="nt")
                namespaces = list(checked.query.prologue.namespace_manager.namespaces())
                out, truncated = capped_graph(source, self.max_rows, namespaces)
                return SparqlResult(out.serialize(format=RDFLIB_GRAPH_FORMATS[media_type], encoding="utf-8"),
                                    media_type, truncated)
            answer = Result.parse(io.BytesIO(body), format="json")  # rdflib's reader of SPARQL 1.1 JSON results
            if checked.form == "ASK":
                return SparqlResult(serialize_ask(bool(answer.askAnswer), media_type), media_type, False)
            variables = sorted(answer.vars or []) if checked.select_star else list(answer.vars or [])
            bindings = answer.bindings
            rows = [dict(row) for row in bindings[: self.max_rows]]
        except (ValueError, KeyError, TypeError, NotImplementedError) as exc:  # NotImplementedError: an unknown term type
            log.warning("the graph store's SPARQL answer could not be read: %s", exc)
            raise PolicyKGError("the graph store's answer could not be read", code="graph_store_error",
                                status=503) from None
        truncated = len(bindings) > self.max_rows
        return SparqlResult(serialize_select(variables, rows, truncated, media_type), media_type, truncated)

    def _send(self, text: str, accept: str, deadline: float | None) -> bytes:
        started = time.monotonic()
        deadline = deadline if deadline is not None else started + self.timeout_s
        if deadline <= started:
            raise Timeout(f"query exceeded {self.timeout_s:g} s")
        try:
            return self.store.query(text, accept, budget=deadline - started, limit=MAX_ANSWER_BYTES)
        except StoreUnavailable as exc:
            if time.monotonic() >= deadline - 0.01:  # the store was slow, not down: what the embedded engine says
                raise Timeout(f"query exceeded {self.timeout_s:g} s") from None
            log.warning("graph store unavailable for /sparql: %s", exc)
            raise PolicyKGError("the graph store is unavailable; try again shortly", code=exc.code, status=503) from None
        except AnswerTooLarge:
            raise BadRequest(f"the answer is larger than {MAX_ANSWER_BYTES // 2**20} MB: add a LIMIT") from None
        except StoreRefused as exc:
            # The store's messages name its address, which clients are not shown: logged, and said in our words.
            log.warning("the graph store refused a /sparql query: %s", exc)
            if exc.status == 400:  # the checks above passed, so the server's own grammar or limits refused it
                raise BadRequest("the graph store refused the query (its SPARQL dialect or limits differ)") from None
            raise PolicyKGError("the graph store refused the request", code=exc.code, status=502) from None
        except StoreError as exc:
            log.warning("graph store error for /sparql: %s", exc)
            raise PolicyKGError("the graph store failed", code=exc.code, status=502) from None

    def wait_ready(self, timeout_s: float = 60.0) -> bool:
        return True

    @property
    def load_error(self) -> str | None:
        return None

    def close(self) -> None:
        """The store is the service's, closed with it."""

    def __enter__(self) -> RemoteSparqlEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
