"""Bounded recovery: a service whose search index is behind its graph (a crash between the graph write and the
index write) answers at once from the last consistent index, says `degraded` and why, and catches up apart."""
from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from api.service import PolicyService
from api.settings import Settings
from search.embed.base import Embedder

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"
QUERY = "低空 起降点 建设"


class Held(Embedder):
    """The real embedder, whose passage embedding waits for `release` (or fails while `failing` is set)."""

    def __init__(self, real: Embedder) -> None:
        self.real, self.name, self.dim = real, real.name, real.dim
        self.release, self.entered = threading.Event(), threading.Event()
        self.failing: str | None = None

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.real.encode_queries(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.entered.set()
        if self.failing:
            raise OSError(self.failing)
        assert self.release.wait(120), "the test never released the embedder"
        return self.real.encode_passages(texts)

    def one_thread(self) -> Any:
        return self.real.one_thread()

    def config(self) -> dict[str, Any]:
        return self.real.config()


def _behind(seed_data: Path, tmp_path: Path) -> tuple[Path, str]:
    """A copy of the seed library with one more plan in the graph than in the index, as a kill leaves it."""
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    doc = PolicyService(Settings(data_dir=data, index_on_ingest=False)).ingest_paths([PLAN]).ingested[0].doc
    return data, doc


def _restart(data: Path) -> tuple[PolicyService, Held]:
    svc = PolicyService(Settings(data_dir=data))
    held = Held(svc.engine.embedder)
    svc.engine.embedder = held
    return svc, held


def _wait(predicate: Any, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_restart_behind_the_graph_serves_the_last_index_and_catches_up_apart(seed_data: Path, tmp_path: Path) -> None:
    data, doc = _behind(seed_data, tmp_path)
    svc, held = _restart(data)
    svc.warm()
    # The rebuild has started embedding the new plan's passages and is held there.
    assert held.entered.wait(120)
    health = svc.health()
    assert health.status == "degraded" and health.rebuild is not None
    assert health.rebuild.embedded == 0 and health.rebuild.to_embed > 0
    assert health.reasons and "last consistent index" in health.reasons[0]
    # Searches answer meanwhile, from the index the previous process published: without the new plan,
    # and without any hit the graph cannot resolve.
    during = svc.search(QUERY)
    assert during.hits and all(svc.task_exists(h.id) for h in during.hits)
    assert all(h.doc != doc for h in during.hits)
    assert svc.rebuilding()
    held.release.set()
    _wait(lambda: not svc.rebuilding())
    assert svc.health().model_dump(exclude_none=True) == {"status": "ok"}
    assert any(h.doc == doc for h in svc.search(QUERY).hits)


def test_a_failed_rebuild_is_reported_and_retried_by_the_next_search(seed_data: Path, tmp_path: Path) -> None:
    data, doc = _behind(seed_data, tmp_path)
    svc, held = _restart(data)
    held.failing = "No space left on device"
    svc.warm()
    _wait(lambda: held.entered.is_set() and not svc.rebuilding())
    health = svc.health()
    assert health.status == "degraded" and health.reasons
    assert "failed" in health.reasons[0] and "No space left on device" in health.reasons[0]
    assert "retried within" in health.reasons[0]
    assert svc.search(QUERY).hits  # still answering, from the last consistent index
    # The cause goes away: a retry follows by itself, no search needed.
    held.failing = None
    held.release.set()
    _wait(lambda: not svc.rebuilding() and svc.health().status == "ok")
    assert any(h.doc == doc for h in svc.search(QUERY).hits)


def test_a_one_shot_process_searches_the_caught_up_index(seed_data: Path, tmp_path: Path) -> None:
    data, doc = _behind(seed_data, tmp_path)
    cli = PolicyService(Settings(data_dir=data))  # `policykg search`: no server, nothing to serve meanwhile
    assert any(h.doc == doc for h in cli.search(QUERY).hits)
    assert not cli.rebuilding()


def test_a_current_index_starts_healthy(seed_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    svc, held = _restart(data)
    svc.warm()
    _wait(lambda: not svc.rebuilding())
    assert not held.entered.is_set()  # nothing re-embedded
    assert svc.health().model_dump(exclude_none=True) == {"status": "ok"}
    assert svc.search(QUERY).hits


def test_a_failed_graph_reload_is_reported_and_the_previous_snapshot_kept(
        seed_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    svc = PolicyService(Settings(data_dir=data, index_on_ingest=False))
    before = svc.kg
    # Another process writes; then this process's reload fails (a fault injected into the store's read).
    doc = PolicyService(Settings(data_dir=data, index_on_ingest=False)).ingest_paths([PLAN]).ingested[0].doc
    real_load = svc.store.load

    def failing_load() -> Any:
        raise OSError("Input/output error")

    monkeypatch.setattr(svc.store, "load", failing_load)
    assert svc.kg is before and doc not in svc.kg.doc_ids()  # readers keep the last snapshot...
    health = svc.health()
    assert health.status == "degraded" and health.reasons
    assert "could not be reloaded" in health.reasons[0] and "Input/output error" in health.reasons[0]
    with pytest.raises(OSError):
        svc._fresh()  # ...but a writer, who must see its own write, is told
    monkeypatch.setattr(svc.store, "load", real_load)
    assert doc in svc.kg.doc_ids()  # the next request reloads
    assert svc.health().model_dump(exclude_none=True) == {"status": "ok"}
