"""A store stopped under load: readers and an uploader on a real server while a store is down, then back.

Shared by tests/api/test_remote_faults.py (a short outage, asserted) and bench/faults.py (the issue's 30 s, measured).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import httpx

CLIENT_TIMEOUT_S = 30.0  # far past any deadline: a request this slow is a hang


@dataclass(frozen=True)
class Call:
    """One request: when it started (monotonic), what it asked, its status (0: no answer), error code, seconds, and
    the error's message (which step of the store failed: a rare late recovery is then readable from the log)."""

    started: float
    what: str
    status: int
    code: str
    seconds: float
    message: str = ""


@dataclass
class Outage:
    """What the clients saw: every call, the uploads acknowledged, the documents listed afterwards, and when the
    store went down and came back."""

    calls: list[Call] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    listed: set[str] = field(default_factory=set)
    down: float = 0.0
    up: float = 0.0

    def unexpected(self, code: str) -> list[Call]:
        """Calls that neither succeeded nor failed with `code` (503)."""
        return [c for c in self.calls if c.status not in (200, 201) and not (c.status == 503 and c.code == code)]

    def hangs(self, read_deadline_s: float) -> list[Call]:
        """Calls without an answer, and reads slower than `read_deadline_s` (an upload also parses and embeds)."""
        return [c for c in self.calls if c.status == 0 or (c.what != "upload" and c.seconds > read_deadline_s)]

    def failed_outside(self, recovery_s: float) -> list[Call]:
        """503s of calls that did not overlap the outage (or the `recovery_s` after it)."""
        return [c for c in self.calls if c.status == 503
                and not (c.started + c.seconds >= self.down and c.started <= self.up + recovery_s)]

    def first_normal_after_up(self, what: str) -> float | None:
        """Seconds from the store's return to the first successful `what` started after it."""
        ok = [c.started for c in self.calls if c.what == what and c.started >= self.up and c.status in (200, 201)]
        return round(min(ok) - self.up, 3) if ok else None


def plan(k: int) -> bytes:
    """A small plan of its own for upload `k`."""
    return f"故障测试市第{k}号行动方案\n一、任务\n1.建设第{k}号平台。到2027年建成平台{k}个。〔责任单位：市科技局〕\n".encode()


def run(base: str, token: str, paths: Sequence[str], stop: Callable[[], None], start: Callable[[], None],
        before_s: float, outage_s: float, after_s: float) -> Outage:
    """Readers on `paths` and an uploader (one plan every 0.5 s) against the server at `base`; the store goes down
    (`stop`) after `before_s`, comes back (`start`) `outage_s` later, and the load goes on `after_s` more."""
    out = Outage()
    done = threading.Event()

    def call(what: str, send: Callable[[], httpx.Response]) -> httpx.Response | None:
        started = time.monotonic()
        try:
            r = send()
        except httpx.TimeoutException:
            out.calls.append(Call(started, what, 0, "client timeout", time.monotonic() - started))
            return None
        error = r.json().get("error", {}) if r.status_code >= 400 else {}
        out.calls.append(Call(started, what, r.status_code, error.get("code", ""), time.monotonic() - started,
                              error.get("message", "")))
        return r

    def reader(path: str) -> None:
        with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as client:
            while not done.is_set():
                call(path, lambda: client.get(path))
                time.sleep(0.05)

    def uploader() -> None:
        with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as client:
            for k in range(1, 10_000):
                if done.is_set():
                    return
                r = call("upload", lambda k=k: client.post("/api/documents", files={"file": (f"p{k}.txt", plan(k))},
                                                            headers={"Authorization": f"Bearer {token}"}))
                if r is not None and r.status_code == 201:
                    out.acknowledged.extend(d["doc"] for d in r.json()["ingested"])
                time.sleep(0.5)

    threads = [threading.Thread(target=reader, args=(p,)) for p in paths]
    threads.append(threading.Thread(target=uploader))
    try:
        for t in threads:
            t.start()
        time.sleep(before_s)
        out.down = time.monotonic()
        stop()
        time.sleep(outage_s)
        start()
        out.up = time.monotonic()
        time.sleep(after_s)
    finally:
        done.set()
        for t in threads:
            t.join(CLIENT_TIMEOUT_S + 5)
    with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as client:
        out.listed = {d["id"] for d in client.get("/api/documents").json()["documents"]}
    return out
