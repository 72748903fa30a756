"""Readers during writes: 1,000+ reads of every kind while plans are uploaded and deleted, and not one 500.

The issue's first finding: `GET /api/tasks/{id}` answered 500 while other clients uploaded and deleted plans,
because readers saw a graph being replaced. Every reader now holds one snapshot; this test is the crowd.
"""
from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import AUTH, serving_to_write

READS = 1_000
QUESTIONS = ["企业贷款难怎么办", "哪些任务由市科技局负责", "高新技术企业", "2028年目标", "读写测试平台"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://policykg.org/ns#Task> }"


def _plan(k: int) -> str:
    return (f"读写测试{k}号市行动方案\n一、任务\n1.建设读写测试平台{k}。到2027年建成平台{k + 2}个。〔责任单位：市科技局〕\n"
            f"2.培育读写企业{k}家。〔责任单位：市工信局、市财政局〕\n3.完善读写服务体系。〔责任单位：市发改委〕\n")


@pytest.fixture(scope="module")
def base(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    with serving_to_write(seed_copy("reads-writes")) as url:
        yield url


def test_no_read_fails_while_plans_are_uploaded_and_deleted(base: str) -> None:
    writing = threading.Event()
    writing.set()
    statuses: Counter[tuple[str, int]] = Counter()
    bad: list[str] = []
    lock = threading.Lock()

    def record(route: str, r: httpx.Response, allowed: tuple[int, ...] = (200,)) -> None:
        with lock:
            statuses[route, r.status_code] += 1
            if r.status_code not in allowed:
                bad.append(f"{route} {r.status_code} {r.text[:200]}")

    def writer() -> None:
        try:
            with httpx.Client(base_url=base, timeout=300, headers=AUTH) as http:
                for k in range(4):
                    r = http.post("/api/documents", files={"file": (f"读写测试{k}.txt", _plan(k).encode())})
                    record("upload", r, (201,))
                    time.sleep(0.5)
                    if r.status_code == 201:
                        record("delete", http.delete(f"/api/documents/{r.json()['ingested'][0]['doc']}"))
        finally:
            writing.clear()

    def reads() -> int:
        with lock:
            return sum(n for (route, _), n in statuses.items() if route not in ("upload", "delete"))

    def reader(seed: int, sparql: bool) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as http:
            # Until the writes are done and the reads (not the writes) reach the count.
            while writing.is_set() or reads() < READS:
                kind = rng.randrange(6)
                if kind == 0:
                    r = http.get("/api/tasks")
                    record("tasks", r)
                    ids = [t["id"] for t in r.json().get("tasks", [])] if r.status_code == 200 else []
                    if ids:
                        # A task listed a moment ago may be deleted meanwhile: 404 then, never 500.
                        record("task", http.get(f"/api/tasks/{rng.choice(ids)}"), (200, 404))
                elif kind == 1:
                    r = http.get("/api/search", params={"q": rng.choice(QUESTIONS)})
                    record("search", r)
                    for hit in (r.json().get("hits", []) if r.status_code == 200 else [])[:3]:
                        record("hit", http.get(f"/api/tasks/{hit['id']}"), (200, 404))
                elif kind == 2:
                    record("ask", http.get("/api/ask", params={"q": rng.choice(QUESTIONS)}))
                elif kind == 3:
                    record("units", http.get("/api/units"))
                elif kind == 4:
                    record("documents", http.get("/api/documents"))
                elif sparql:  # one SPARQL reader: the readers share one address, and a client runs one query at a time
                    record("sparql", http.get("/sparql", params={"query": COUNT}))
                else:
                    record("targets", http.get("/api/targets", params={"year": 2028}))

    threads = [threading.Thread(target=writer)] + [threading.Thread(target=reader, args=(i, i == 0)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(600)
    assert statuses["upload", 201] == 4 and statuses["delete", 200] == 4, statuses
    assert reads() >= READS, statuses
    assert not bad, (bad[:10], statuses)
