"""SPARQL fairness: one client cannot take every worker, and clients whose queries are slow leave one to the rest."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_sparql import CROSS_JOIN, QUICK_ASK, policy_graph
from rdflib import Graph

from api.errors import Busy, Timeout
from api.sparql import QUEUE_WAIT_S, SparqlEngine
from kg.store import DocEntry, GraphStore

# Sub-second deadlines: run after the parallel tests, alone on the machine (`make test`'s second pass).
pytestmark = pytest.mark.serial

TIMEOUT_S = 2.0


@pytest.fixture()
def engine(tmp_path: Path) -> Iterator[SparqlEngine]:
    store = GraphStore(tmp_path / "graph")
    store.put([(DocEntry("plans", "plans.nt", "0" * 64), policy_graph())], Graph())
    with SparqlEngine(store.snapshot(), timeout_s=TIMEOUT_S, workers=2) as eng:
        assert eng.wait_ready(30)
        yield eng


def _in_background(fn) -> threading.Thread:
    thread = threading.Thread(target=fn, daemon=True)
    thread.start()
    return thread


def _slow(engine: SparqlEngine, client: str, outcomes: list[str]) -> threading.Thread:
    """A query that runs to its deadline, from a client, in the background; its outcome is recorded."""

    def run() -> None:
        try:
            engine.query(CROSS_JOIN, client=client)
            outcomes.append("answered")
        except Exception as exc:  # recorded, and checked by the test
            outcomes.append(type(exc).__name__)

    return _in_background(run)


def test_one_client_runs_one_query_at_a_time_the_next_is_refused_at_once(engine: SparqlEngine) -> None:
    outcomes: list[str] = []
    slow = _slow(engine, "10.0.0.1", outcomes)
    time.sleep(0.3)
    started = time.monotonic()
    with pytest.raises(Busy) as refused:
        engine.query(QUICK_ASK, client="10.0.0.1")
    assert refused.value.status == 429 and refused.value.retry_after >= 1
    assert time.monotonic() - started < 0.5  # told at once, not after waiting for a worker
    # Another client is not affected: the second worker answers it.
    assert b"true" in engine.query(QUICK_ASK, client="10.0.0.2").body
    slow.join(10)
    assert outcomes == ["Timeout"]


def test_a_cheap_query_answers_within_a_second_while_two_clients_flood_slow_ones(engine: SparqlEngine) -> None:
    stop = threading.Event()
    outcomes: dict[str, list[str]] = {"10.0.0.1": [], "10.0.0.2": []}

    def flood(client: str) -> None:
        while not stop.is_set():
            started = time.monotonic()
            try:
                engine.query(CROSS_JOIN, client=client)
                outcomes[client].append("answered")
            except Timeout:
                outcomes[client].append("deadline")
            except Busy as exc:
                # Refused with a time to retry, and without waiting (much) for a worker first.
                assert time.monotonic() - started < QUEUE_WAIT_S + 0.5 and exc.retry_after >= 1
                outcomes[client].append("refused")
                time.sleep(0.1)

    flooders = [_in_background(lambda c=c: flood(c)) for c in outcomes]
    # Each flooder's first slow query runs to its deadline; from then on their history marks them heavy.
    time.sleep(TIMEOUT_S + 1.0)
    latencies = []
    for _ in range(8):
        started = time.monotonic()
        assert b"true" in engine.query(QUICK_ASK, client="10.0.0.3").body
        latencies.append(time.monotonic() - started)
        time.sleep(0.3)
    stop.set()
    for thread in flooders:
        thread.join(TIMEOUT_S + 5)
    assert max(latencies) < 1.0, latencies
    # The flooders kept one worker between them: each had slow queries run, and refusals while the other ran.
    assert all("deadline" in seen for seen in outcomes.values()), outcomes
    assert any("refused" in seen for seen in outcomes.values()), outcomes


def test_the_service_s_own_queries_wait_for_a_worker_until_their_deadline(engine: SparqlEngine) -> None:
    outcomes: list[str] = []
    slow = [_slow(engine, c, outcomes) for c in ("10.0.0.1", "10.0.0.2")]
    time.sleep(0.3)
    started = time.monotonic()
    # No client: no fairness rule refuses it; it waits, and gets a worker when a slow query is stopped.
    assert b"true" in engine.query(QUICK_ASK, deadline=time.monotonic() + TIMEOUT_S + 3).body
    assert time.monotonic() - started > 1.0
    for thread in slow:
        thread.join(10)
    assert outcomes == ["Timeout", "Timeout"]
