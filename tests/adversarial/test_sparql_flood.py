"""Two clients flood /sparql with slow queries; a third client's cheap query is answered within a second.

Through a real server behind a trusted proxy (127.0.0.1 here), so that each client has its own address, as
staff behind a reverse proxy have. The flooders are told to come back (429/503 with Retry-After) instead of
waiting for a worker until their deadline.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import serving

# Sub-second deadlines: run after the parallel tests, alone on the machine (`make test`'s second pass).
pytestmark = pytest.mark.serial

TIMEOUT_S = 3.0
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?y }"
CHEAP = "ASK { ?s ?p ?o }"


@pytest.fixture(scope="module")
def proxied_server(seed_data: Path) -> Iterator[str]:
    with serving(seed_data, POLICYKG_TRUSTED_PROXIES="127.0.0.1", POLICYKG_SPARQL_TIMEOUT_S=str(TIMEOUT_S),
                 POLICYKG_RATE_LIMIT_PER_MINUTE="100000", POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


def _as(client: str) -> dict[str, str]:
    return {"X-Forwarded-For": client}


def test_a_cheap_query_answers_within_a_second_while_two_clients_flood(proxied_server: str) -> None:
    stop = threading.Event()
    seen: dict[str, list[tuple[int, float, str | None]]] = {"198.51.100.1": [], "198.51.100.2": []}

    def flood(client: str) -> None:
        with httpx.Client(base_url=proxied_server, timeout=TIMEOUT_S + 10) as http:
            while not stop.is_set():
                started = time.monotonic()
                r = http.get("/sparql", params={"query": SLOW}, headers=_as(client))
                seen[client].append((r.status_code, time.monotonic() - started, r.headers.get("Retry-After")))
                if r.status_code in (429, 503):
                    time.sleep(0.1)

    flooders = [threading.Thread(target=flood, args=(c,), daemon=True) for c in seen]
    for thread in flooders:
        thread.start()
    time.sleep(TIMEOUT_S + 1.5)  # their first slow queries have run to the deadline: both are known as heavy
    latencies = []
    with httpx.Client(base_url=proxied_server, timeout=10) as http:
        for _ in range(10):
            started = time.monotonic()
            r = http.get("/sparql", params={"query": CHEAP}, headers={**_as("198.51.100.3"), "Accept": "application/sparql-results+json"})
            latencies.append(time.monotonic() - started)
            assert r.status_code == 200 and r.json()["boolean"] is True, r.text
            time.sleep(0.3)
    stop.set()
    for thread in flooders:
        thread.join(TIMEOUT_S + 10)
    assert max(latencies) < 1.0, latencies
    answers = [a for client in seen.values() for a in client]
    assert any(status == 503 and took >= TIMEOUT_S - 0.5 for status, took, _ in answers)  # their queries ran
    refused = [a for a in answers if a[2] is not None]
    # Refusals came quickly and said when to retry; none of them waited until the query deadline.
    assert refused and all(took < 2.0 and int(retry) >= 1 for _, took, retry in refused), refused
