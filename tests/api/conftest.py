"""A real server (uvicorn on 127.0.0.1, a free port) over an ingested seed plan."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "test-token-0123456789"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """Start `policykg serve` and wait until /healthz answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "--data", str(data), "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stdout.read().decode() if proc.stdout else ''}")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 90 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory) -> Path:
    """A data directory with the seed plan ingested and indexed."""
    from api.service import PolicyService
    from api.settings import Settings

    data = tmp_path_factory.mktemp("served")
    report = PolicyService(Settings(data_dir=data)).ingest_paths([ROOT / "corpus"])
    assert not report["errors"]
    return data


@pytest.fixture(scope="session")
def server(seed_data: Path) -> Iterator[str]:
    proc, base = start_server(
        seed_data,
        POLICYKG_API_TOKEN=TOKEN,
        POLICYKG_SPARQL_TIMEOUT_S="2",
        POLICYKG_RATE_LIMIT_PER_MINUTE="100000",
    )
    yield base
    stop_server(proc)
