"""Tests for api.http_sparql against a real uvicorn server on 127.0.0.1."""
from __future__ import annotations

import csv
import io
import socket
import threading
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
import uvicorn
from conftest_sparql import (
    CROSS_JOIN,
    PLAN_1,
    PREFIXES,
    QUICK_ASK,
    TITLE_1,
    TITLES_QUERY,
    policy_graph,
    titles_graph,
    write_graph,
)
from fastapi import FastAPI
from rdflib import Graph
from rdflib.compare import isomorphic

from api.http_sparql import sparql_router
from api.sparql import SparqlEngine

MAX_ROWS = 50  # below the ~80 triples of the test graph, above every other answer
CONSTRUCT_TITLES = PREFIXES + "CONSTRUCT { ?p dct:title ?t } WHERE { ?p a pkg:Plan ; dct:title ?t }"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlEngine]:
    path = write_graph(tmp_path_factory.mktemp("kg") / "graph.nt", policy_graph())
    with SparqlEngine(path, timeout_s=1, max_rows=MAX_ROWS, workers=2) as eng:
        assert eng.wait_ready(30)
        yield eng


@pytest.fixture(scope="module")
def base_url(engine: SparqlEngine) -> Iterator[str]:
    app = FastAPI()
    app.include_router(sparql_router(lambda: engine))

    @app.get("/healthz")
    async def healthz() -> dict[str, bool]:
        return {"ok": True}

    # Binding the socket here (port 0) avoids racing another process for a "free" port.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture()
def client(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=30) as c:
        yield c


def assert_error(response: httpx.Response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    message = body["error"]["message"]
    assert "Traceback" not in message and "/work" not in message and "/tmp" not in message
    return message


def test_get_without_query_describes_the_endpoint(client: httpx.Client) -> None:
    response = client.get("/sparql")
    assert response.status_code == 200
    doc = response.json()
    assert doc["read_only"] is True
    assert doc["limits"] == {"timeout_s": 1.0, "max_rows": MAX_ROWS, "max_query_chars": 20000}
    assert "text/csv" in doc["result_formats"]["SELECT"]


def test_get_select_json(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": TITLES_QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    assert response.headers["x-policykg-truncated"] == "false"
    first = response.json()["results"]["bindings"][0]
    assert first["plan"]["value"] == str(PLAN_1) and first["title"]["value"] == str(TITLE_1)


def test_get_csv_by_accept_is_utf8(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": TITLES_QUERY}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text, newline="")))
    assert rows[0] == ["plan", "title"] and rows[1] == [str(PLAN_1), str(TITLE_1)]


@pytest.mark.parametrize(
    ("fmt", "media_type"),
    [
        ("json", "application/sparql-results+json"),
        ("xml", "application/sparql-results+xml"),
        ("csv", "text/csv; charset=utf-8"),
        ("tsv", "text/tab-separated-values; charset=utf-8"),
    ],
)
def test_format_alias_for_select(client: httpx.Client, fmt: str, media_type: str) -> None:
    response = client.get("/sparql", params={"query": TITLES_QUERY, "format": fmt})
    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert str(TITLE_1) in response.text


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's JSON-LD parser, not our code
@pytest.mark.parametrize(
    ("accept", "fmt", "rdflib_format", "media_type"),
    [
        (None, None, "turtle", "text/turtle; charset=utf-8"),
        ("application/n-triples", None, "nt", "application/n-triples"),
        (None, "jsonld", "json-ld", "application/ld+json"),
        ("application/rdf+xml, text/turtle;q=0.5", None, "xml", "application/rdf+xml"),
    ],
)
def test_construct_formats(
    client: httpx.Client, accept: str | None, fmt: str | None, rdflib_format: str, media_type: str
) -> None:
    params = {"query": CONSTRUCT_TITLES} | ({"format": fmt} if fmt else {})
    response = client.get("/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == media_type
    assert isomorphic(Graph().parse(data=response.content, format=rdflib_format), titles_graph())


def test_post_form(client: httpx.Client) -> None:
    response = client.post("/sparql", data={"query": QUICK_ASK})
    assert response.status_code == 200
    assert response.json() == {"head": {}, "boolean": True}
    as_xml = client.post("/sparql", data={"query": TITLES_QUERY, "format": "xml"})
    assert as_xml.headers["content-type"] == "application/sparql-results+xml"


def test_post_sparql_query_body(client: httpx.Client) -> None:
    response = client.post(
        "/sparql",
        content=TITLES_QUERY.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert response.status_code == 200
    assert response.text.splitlines()[0] == "?plan\t?title"


def test_truncated_results_are_flagged(client: httpx.Client) -> None:
    response = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert response.headers["x-policykg-truncated"] == "true"
    doc = response.json()
    assert doc["truncated"] is True and len(doc["results"]["bindings"]) == MAX_ROWS


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/sparql", params={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        lambda c: c.post("/sparql", data={"update": "DROP ALL"}),
        lambda c: c.post(
            "/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
        ),
        lambda c: c.post("/sparql", data={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}),
        lambda c: c.get("/sparql", params={"query": "LOAD <file:///etc/passwd>"}),
    ],
)
def test_updates_are_forbidden(client: httpx.Client, send: Callable[[httpx.Client], httpx.Response]) -> None:
    message = assert_error(send(client), 403, "forbidden")
    assert "read-only" in message


@pytest.mark.parametrize(
    ("params", "text"),
    [
        ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}, "SERVICE"),
        ({"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}, "FROM"),
        ({"query": "SELECT * FROM NAMED <http://example.org/> WHERE { ?s ?p ?o }"}, "FROM"),
        ({"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"}, "default-graph-uri"),
        ({"query": "SELECT * WHERE { ?s ?p ?o }", "named-graph-uri": "http://example.org/"}, "named-graph-uri"),
    ],
)
def test_remote_and_file_access_is_forbidden(client: httpx.Client, params: dict[str, str], text: str) -> None:
    assert text in assert_error(client.get("/sparql", params=params), 403, "forbidden")


def test_syntax_error_is_400_with_the_parsers_message(client: httpx.Client) -> None:
    message = assert_error(client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p"}), 400, "bad_request")
    assert message.startswith("SPARQL syntax error:") and "line:1" in message


def test_not_acceptable(client: httpx.Client) -> None:
    csv_graph = client.get("/sparql", params={"query": CONSTRUCT_TITLES}, headers={"Accept": "text/csv"})
    assert "text/turtle" in assert_error(csv_graph, 406, "not_acceptable")
    image = client.get("/sparql", params={"query": TITLES_QUERY}, headers={"Accept": "image/png"})
    assert_error(image, 406, "not_acceptable")


def test_bad_requests(client: httpx.Client) -> None:
    assert "valid formats" in assert_error(
        client.get("/sparql", params={"query": TITLES_QUERY, "format": "yaml"}), 400, "bad_request"
    )
    assert_error(client.get("/sparql", params=[("query", QUICK_ASK), ("query", QUICK_ASK)]), 400, "bad_request")
    assert_error(client.post("/sparql", data={"format": "json"}), 400, "bad_request")
    not_utf8 = client.post("/sparql", content=b"ASK {\xff}", headers={"Content-Type": "application/sparql-query"})
    assert_error(not_utf8, 400, "bad_request")
    plain = client.post("/sparql", content=QUICK_ASK.encode(), headers={"Content-Type": "text/plain"})
    assert_error(plain, 415, "unsupported_media_type")


def test_size_limits(client: httpx.Client) -> None:
    long_query = "ASK { ?s ?p ?o } #" + "x" * 20000
    too_long = client.post("/sparql", content=long_query.encode(), headers={"Content-Type": "application/sparql-query"})
    assert_error(too_long, 413, "too_large")
    huge = client.post(
        "/sparql", content=b"#" * 300_000, headers={"Content-Type": "application/sparql-query"}
    )
    assert_error(huge, 413, "too_large")


def test_cross_join_times_out_while_the_server_stays_responsive(
    client: httpx.Client, base_url: str, engine: SparqlEngine
) -> None:
    slow: dict[str, httpx.Response] = {}

    def run_cross_join() -> None:
        with httpx.Client(base_url=base_url, timeout=30) as other:
            slow["response"] = other.get("/sparql", params={"query": CROSS_JOIN})

    thread = threading.Thread(target=run_cross_join)
    thread.start()
    time.sleep(0.3)
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json() == {"ok": True}
    # Answered while the cross join was still running: not queued behind it.
    assert thread.is_alive()
    # The second worker still takes fast queries of other clients (127.0.0.2 is another loopback address) ...
    with httpx.Client(base_url=base_url, timeout=30, transport=httpx.HTTPTransport(local_address="127.0.0.2")) as other:
        assert other.get("/sparql", params={"query": QUICK_ASK}).json()["boolean"] is True
    # ... while the client whose query runs is told to come back: one client never holds every worker.
    busy = client.get("/sparql", params={"query": QUICK_ASK})
    assert_error(busy, 429, "rate_limited")
    assert int(busy.headers["Retry-After"]) >= 1
    thread.join(15)
    assert "exceeded 1 s" in assert_error(slow["response"], 503, "timeout")
    assert engine.wait_ready(30)  # the killed worker was replaced
    assert client.get("/sparql", params={"query": QUICK_ASK}).json()["boolean"] is True
