"""Data directories for the servers the tests start."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def ingest_apart(data: Path, *paths: Path, **env: str) -> None:
    """Ingest (and index) with the CLI in a process of its own, which lets go of the graph store when it exits.

    A data directory a server will serve is built this way: the process that opens a graph store owns it until
    it exits, and a server that does not own its store hands every write and reload to the owner (the test
    runner) through the store's inbox, which is correct but slow. `env`: more POLICYKG_* settings (remote stores).
    """
    import json
    import os
    import subprocess
    import sys

    res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "ingest", *map(str, paths), "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900, env={**os.environ, **env})
    assert res.returncode == 0 and not json.loads(res.stdout)["errors"], res.stderr[-2000:] or res.stdout[-2000:]
