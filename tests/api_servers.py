"""Real `policykg serve` processes for the tests (and the benches that drive one): start on a free port of
127.0.0.1, wait until it answers, stop. A module of its own, not a conftest: every test folder has a `conftest`,
and `from conftest import` found whichever was imported first."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(data: Path, *args: str, environ: Mapping[str, str] = os.environ, strict: bool = True,
                 **env: str) -> tuple[subprocess.Popen, str]:
    """Start `policykg serve` (with more of its flags, `args`) and wait until /healthz answers. Its environment is
    `environ` and `env` over it; `strict`: each response checked against its declared model (tests, not benches)."""
    port = free_port()
    # The server's output goes to a file: a pipe nobody reads fills (64 KB of warnings, e.g. one per 503 during a
    # store outage) and then blocks the server.
    output = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "--data", str(data), "serve", "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=ROOT,
        # Strict: every response is checked against its declared model (api/models.py), an undeclared field a 500.
        env={**environ, **({"POLICYKG_STRICT_RESPONSES": "1"} if strict else {}), **env},
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    proc.output = output  # type: ignore[attr-defined]  # for `server_output`
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            output.seek(0)
            raise RuntimeError(f"server exited: {output.read().decode(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 90 s")


def server_output(proc: subprocess.Popen, tail: int = 20_000) -> str:
    """The last `tail` characters a server started by `start_server` wrote (its log and tracebacks)."""
    output = proc.output  # type: ignore[attr-defined]
    output.seek(0)
    return str(output.read().decode("utf-8", errors="replace")[-tail:])


def cli_json(data: Path, env: dict[str, str], *args: str) -> dict[str, Any]:
    """`policykg --data DATA ARGS --json` in a process of its own with only `env` set (and a short Milvus timeout):
    its exit code and its JSON report or error."""
    res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), *args, "--json"], cwd=ROOT,
                         env={"PATH": "/usr/bin:/bin", "POLICYKG_MILVUS_TIMEOUT_S": "3", **env},
                         capture_output=True, text=True, timeout=600)
    assert res.stdout.strip(), res.stderr[-2000:]
    return {"code": res.returncode, **json.loads(res.stdout.strip().splitlines()[-1])}


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def serving(data: Path, *args: str, **env: str) -> Iterator[str]:
    """A server over a data directory for the length of a with-block; its base URL."""
    proc, base = start_server(data, *args, **env)
    try:
        yield base
    finally:
        stop_server(proc)


@contextmanager
def serving_to_write(data: Path) -> Iterator[str]:
    """A server that writes, over a library of its own (a `seed_copy`): token set, no rate limit in the way (the
    limits are tested in test_rate_limit.py, and their 429 is declared on every route)."""
    with serving(data, POLICYKG_API_TOKEN=TOKEN, POLICYKG_RATE_LIMIT_PER_MINUTE="1000000",
                 POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="1000000") as url:
        yield url


# The page in a real browser: Debian chromium driven by Playwright.
CHROMIUM = os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VIEWPORT = {"width": 1280, "height": 900}
ARTIFACTS = ROOT / "test-artifacts"
