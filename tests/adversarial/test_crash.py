"""kill -9 during ingest, then a consistent restart (short version; `bench/crash.py` runs it 200 times)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from crash import run

pytestmark = pytest.mark.slow


def test_every_restart_after_a_kill_during_ingest_is_consistent(seed_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    out = run(data, tmp_path / "work", runs=5, max_delay=8.0)
    assert out.runs == 5 and out.killed >= 2, out  # the kills landed mid-ingest, not after it
    assert not out.inconsistent, out.inconsistent
