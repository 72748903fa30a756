"""Every route of the live schema against every way of presenting (or not presenting) the write token.

The matrix is generated from the server's own `/openapi.json`, so a route added later is in it without anyone
listing it: a route that declares the bearer scheme must refuse every wrong credential before it reads the body,
a route that declares none must answer an anonymous client (it may still say 404 or 422, never 401 or 403), and
every route that changes state (any method but GET and HEAD, except the read-only SPARQL query by POST) must
declare the scheme.
"""
from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import TOKEN, serving_to_write

pytestmark = pytest.mark.slow
READS = {"GET", "HEAD"}
READ_BY_POST = {("POST", "/sparql")}  # the SPARQL 1.1 Protocol's query by POST: read-only, checked by the parser
WRONG = {
    "none": {},
    "wrong token": {"Authorization": "Bearer wrong"},
    "token with a suffix": {"Authorization": f"Bearer {TOKEN}x"},
    "token prefix": {"Authorization": f"Bearer {TOKEN[:-1]}"},
    "bearer without a token": {"Authorization": "Bearer"},
    "basic scheme": {"Authorization": "Basic " + base64.b64encode(f"admin:{TOKEN}".encode()).decode()},
    "token without a scheme": {"Authorization": TOKEN},
    "token in another header": {"X-Api-Token": TOKEN, "Cookie": f"token={TOKEN}"},
}


@pytest.fixture(scope="module")
def server(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    # Its own copy: if a write route ever let a request through, the shared seed library would not change.
    with serving_to_write(seed_copy("auth")) as url:
        yield url


def _operations(base: str) -> list[tuple[str, str, bool]]:
    """(method, path with its parameters filled, declares the bearer scheme) for every operation of the schema."""
    spec = httpx.get(f"{base}/openapi.json", timeout=30).json()
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    out = []
    for path, ops in spec["paths"].items():
        filled = re.sub(r"\{[^}]+\}", "x", path)
        for method, op in ops.items():
            out.append((method.upper(), filled, bool(op.get("security"))))
    return out


def test_the_schema_declares_the_token_on_every_route_that_changes_state(server: str) -> None:
    ops = _operations(server)
    assert len(ops) >= 20
    writes = [(m, p) for m, p, secured in ops if m not in READS and (m, p) not in READ_BY_POST]
    assert writes and all(secured for m, p, secured in ops if (m, p) in writes), ops
    assert not [(m, p) for m, p, secured in ops if secured and (m in READS or (m, p) in READ_BY_POST)]


def test_every_secured_route_refuses_every_wrong_credential(server: str) -> None:
    tried = 0
    with httpx.Client(base_url=server, timeout=60) as http:
        for method, path, secured in _operations(server):
            if not secured:
                continue
            for case, headers in WRONG.items():
                # A body the route would accept if the check were missing: it must be refused before reading it.
                files = {"file": ("p.txt", "测试市行动方案\n1.建设平台。〔责任单位：市科技局〕\n".encode())}
                r = http.request(method, path, headers=headers, files=files if method == "POST" else None)
                assert r.status_code == 401, (method, path, case, r.status_code, r.text[:200])
                assert r.json()["error"]["code"] == "unauthorized"
                assert r.headers.get("www-authenticate", "").lower().startswith("bearer"), (method, path, case)
                tried += 1
    assert tried >= 6 * len(WRONG)


def test_every_open_route_answers_an_anonymous_client(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as http:
        for method, path, secured in _operations(server):
            if secured:
                continue
            params = {"q": "人才", "query": "ASK { ?s ?p ?o }"}
            r = http.request(method, path, params=params if method == "GET" else None,
                             data={"query": "ASK { ?s ?p ?o }"} if method == "POST" else None)
            assert r.status_code not in (401, 403), (method, path, r.status_code, r.text[:200])
            assert r.status_code < 500, (method, path, r.status_code, r.text[:200])
