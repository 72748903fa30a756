"""`policykg serve --workers 2`: two server processes on one port and one data directory; a write accepted by
either is answered by both (each reads, per request, the version the stores hold). The time they take is the
benchmark's to measure (bench/scale.py); this checks that they do."""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from api_servers import TOKEN, start_server, stop_server

pytestmark = pytest.mark.slow

PLAN = "测试市协同行动方案\n一、任务\n1.建设协同平台。到2027年建成协同平台3个。〔责任单位：市科技局〕\n".encode()


def _fresh(base: str, path: str) -> httpx.Response:
    """One request on a connection of its own: the kernel hands each new connection to either process."""
    with httpx.Client(base_url=base, timeout=30) as client:
        return client.get(path)


def _worker_cpu(server: int) -> dict[int, float]:
    """CPU seconds so far of each child of the server process (its uvicorn workers)."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server:  # fields: state, ppid, …, utime (12th), stime (13th)
            out[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / tick
    return out


def _settled_cpu(server: int, timeout_s: float = 120) -> dict[int, float]:
    """The workers' CPU once both have finished starting (the one /healthz did not reach may still be loading):
    what each burns from then on is serving."""
    last, deadline = _worker_cpu(server), time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        time.sleep(1)
        now = _worker_cpu(server)
        if len(now) >= 2 and all(now[pid] - last.get(pid, 0.0) < 0.05 for pid in now):
            return now
        last = now
    raise AssertionError(f"the server's workers did not settle within {timeout_s:g} s: {last}")


def _listed(base: str, doc: str) -> bool:
    return any(d["id"] == doc for d in _fresh(base, "/api/documents").json()["documents"])


def _found(base: str, doc: str) -> bool:
    return any(h["doc"] == doc for h in _fresh(base, "/api/search?q=建设协同平台&k=20").json()["hits"])


def _all_answer(base: str, doc: str, present: bool, read: Callable[[str, str], bool], reads: int = 20) -> list[float]:
    """Seconds until each of `reads` fresh reads shows the document (or its absence)."""
    waits = []
    for _ in range(reads):
        started = time.monotonic()
        while read(base, doc) != present and time.monotonic() - started < 30:
            time.sleep(0.05)
        waits.append(round(time.monotonic() - started, 2))
    return waits


def test_two_processes_answer_each_others_writes(seed_copy: Callable[[str], Path]) -> None:
    data = seed_copy("workers")
    auth = {"Authorization": f"Bearer {TOKEN}"}
    proc, base = start_server(data, "--workers", "2", POLICYKG_API_TOKEN=TOKEN, POLICYKG_RATE_LIMIT_PER_MINUTE="100000")
    try:
        before = _settled_cpu(proc.pid)
        assert len(before) >= 2, before  # two workers under the server (and multiprocessing's resource tracker)
        for _ in range(3):  # several uploads: each lands on whichever process took its connection
            with httpx.Client(base_url=base, timeout=120) as client:
                r = client.post("/api/documents", files={"file": ("协同.txt", PLAN)}, headers=auth)
            assert r.status_code == 201, r.text
            doc = r.json()["ingested"][0]["doc"]
            listed, found = _all_answer(base, doc, True, _listed), _all_answer(base, doc, True, _found)
            with httpx.Client(base_url=base, timeout=120) as client:
                assert client.delete(f"/api/documents/{doc}", headers=auth).json() == {"deleted": doc}
            gone, unfound = _all_answer(base, doc, False, _listed), _all_answer(base, doc, False, _found)
            # Each read followed the write (a read that never did would have waited 30 s); how fast is measured,
            # not asserted here (under `make test`'s load one took 1.7 s, alone 0.6 s at most).
            assert max(listed + found + gone + unfound) < 30, (listed, found, gone, unfound)
        # Both processes served: each burned CPU on the reads (an idle one polls its inbox for milliseconds).
        after = _worker_cpu(proc.pid)
        busy = [pid for pid, cpu in after.items() if cpu - before.get(pid, 0.0) > 0.2]
        assert len(busy) == 2, (before, after)
    finally:
        stop_server(proc)
