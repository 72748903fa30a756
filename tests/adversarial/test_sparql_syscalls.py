"""SPARQL abuse under a system-call trace: no query makes the server open a socket, connect anywhere or open a file
outside its own data and code.

The worker's Python audit hook (api/sparql.py) sees what Python code does; queries are evaluated by Oxigraph, in
Rust, where a Python hook sees nothing. So the whole server (the API process and its query workers) is traced by
strace, attached while it runs, and sent every way a query could ask for a fetch: SERVICE (plain, SILENT, by a
variable, nested), FROM and FROM NAMED, LOAD, graph IRIs in the protocol, and queries that are answered but name
files and URLs as mere terms (GRAPH <file:...>, DESCRIBE <http:...>, IRI("file:...")). The trace must show the
queries were handled (reads of the worker pipe) and no outbound `socket`/`connect`, no file opened for writing,
and no path opened outside the data directory, the code and the Python installation.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import ROOT, start_server, stop_server

pytestmark = pytest.mark.skipif(not shutil.which("strace"), reason="the system-call audit needs strace")

REFUSED = [
    {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"},
    {"query": "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }"},
    {"query": "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/> } SERVICE ?e { ?s ?p ?o } }"},
    {"query": "SELECT * WHERE { { SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } } } }"},
    {"query": "SELECT * WHERE { OPTIONAL { SERVICE <http://example.org/> { ?s ?p ?o } } }"},
    {"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"},
    {"query": "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }"},
    {"query": "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/hostname> WHERE { ?s ?p ?o }"},
    {"query": "LOAD <file:///etc/passwd>"},
    {"query": "LOAD <http://example.org/data.ttl> INTO GRAPH <urn:x>"},
    {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"},
    {"query": "SELECT * WHERE { ?s ?p ?o }", "named-graph-uri": "http://127.0.0.1:9/"},
]
ANSWERED = [
    {"query": "SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }"},
    {"query": "DESCRIBE <http://127.0.0.1:9/thing>"},
    {"query": "DESCRIBE <file:///etc/passwd>"},
    {"query": 'SELECT (IRI("file:///etc/passwd") AS ?x) (STRLEN(STR(<http://example.org/>)) AS ?n) WHERE {}'},
    {"query": "ASK { <file:///etc/passwd> ?p ?o }"},
    {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
]
OUTBOUND = re.compile(r"^\s*\d+\s+(socket|connect|bind|listen|sendmsg|sendmmsg)\(")
OPEN_CALL = re.compile(r"^\s*\d+\s+(open|openat|openat2|creat)\(")
# With -y a descriptor shows its path: openat(AT_FDCWD</cwd>, "/abs" or "rel", …), openat(5</dir>, "name", …);
OPENED = re.compile(r'^\s*\d+\s+(?:open|openat|openat2|creat)\((?:(?:AT_FDCWD|\d+)<([^>]*)>, )?"([^"]*)"')


def _descendants(pid: int) -> list[int]:
    """The process and every process under it (the query workers and the multiprocessing helper)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        out.append(todo.pop())
        todo += parents.get(out[-1], [])
    return out


@pytest.fixture(scope="module")
def traced(seed_data: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[tuple[str, Path, Path, list[int]]]:
    """A server with its query workers started, under strace: (base URL, trace file, data directory, the pids
    under the server's own)."""
    data = tmp_path_factory.mktemp("traced") / "data"
    shutil.copytree(seed_data, data)
    proc, base = start_server(data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000",
                              POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="100000")
    trace = data.parent / "server.strace"
    tracer = None
    try:
        with httpx.Client(base_url=base, timeout=30) as client:  # start the workers before attaching
            for _ in range(4):
                assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        pids = _descendants(proc.pid)
        assert len(pids) >= 3, pids  # the server and its two query workers at least
        tracer = subprocess.Popen(
            ["strace", "-f", "-y", "-o", str(trace), "-e", "trace=%network,%file,read",
             *[a for pid in pids for a in ("-p", str(pid))]],
            stderr=subprocess.PIPE, text=True)
        messages: list[str] = []  # strace's own messages, read apart: a pid it cannot attach must not hang us
        threading.Thread(target=lambda: messages.extend(tracer.stderr or []), daemon=True).start()
        deadline = time.monotonic() + 20
        while sum("attached" in m for m in messages) < len(pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sum("attached" in m for m in messages) >= len(pids), messages
        yield base, trace, data, [pid for pid in pids if pid != proc.pid]
    finally:
        if tracer is not None:
            tracer.terminate()
            tracer.wait(timeout=10)
        stop_server(proc)


def _under(path: str, roots: tuple[Path, ...]) -> bool:
    """Whether a path (resolved) is one of the roots or inside one."""
    real = Path(os.path.realpath(path))
    return any(real == root or real.is_relative_to(root) for root in roots)


def test_no_query_opens_a_socket_or_a_file_outside_the_server(traced: tuple[str, Path, Path, list[int]]) -> None:
    base, trace, data, workers = traced
    mark = trace.stat().st_size if trace.exists() else 0
    with httpx.Client(base_url=base, timeout=30) as client:
        for params in REFUSED:
            res = client.get("/sparql", params=params)
            assert res.status_code == 403, (params, res.status_code, res.text[:200])
        for params in ANSWERED:
            res = client.get("/sparql", params=params, headers={"Accept": "application/sparql-results+json, text/turtle"})
            assert res.status_code == 200, (params, res.status_code, res.text[:200])
    time.sleep(0.5)  # strace writes as it goes
    with trace.open("rb") as f:
        f.seek(mark)
        lines = f.read().decode(errors="replace").splitlines()
    # The trace saw the queries reach the workers: they read them from their pipes.
    worker_reads = [line for line in lines if " read(" in line and int(line.split()[0]) in workers]
    assert len(worker_reads) >= len(ANSWERED), lines[:20]
    outbound = [line for line in lines if OUTBOUND.match(line)]
    assert not outbound, outbound
    opens = [line for line in lines if OPEN_CALL.match(line)]
    unread = [line for line in opens if not OPENED.match(line)]
    assert not unread, unread  # every open is parsed: one this test cannot read could hide a violation
    allowed = (data.resolve(), ROOT, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path("/usr/lib"),
               Path("/usr/share/zoneinfo"), Path("/proc/self"))
    outside, written = [], []
    for line in opens:
        m = OPENED.match(line)
        assert m is not None
        directory, name = m.group(1), m.group(2)
        path = name if name.startswith("/") or directory is None else os.path.join(directory, name)
        if not _under(path, allowed):
            outside.append(line)
        if re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", line) and not _under(path, (data.resolve(),)):
            written.append(line)
    assert not outside, outside
    assert not written, written
    # No call on a path or address a query named (the HTTP traffic itself, which carries the queries, aside).
    named = [line for line in lines if re.search(r"/etc/passwd|/etc/hostname|example\.org", line)
             and not re.match(r"^\s*\d+\s+(read|recvfrom|recvmsg|sendto|<\.\.\.)", line)]
    assert not named, named
