"""Search while the library changes: the previous index keeps serving, never a hit the graph no longer has,
and an index another process published is picked up."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from api.errors import Busy
from api.service import PolicyService
from api.settings import Settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"
QUERY = "低空 起降点 建设"


def _wait_current(svc: PolicyService) -> None:
    if svc._background is not None:
        svc._background.join(timeout=300)
    assert svc._indexed_kg is svc.kg


def test_a_search_during_a_rebuild_serves_the_previous_index_without_removed_tasks(seed_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    server = PolicyService(Settings(data_dir=data))
    server.warm()  # as `policykg serve` does
    cli = PolicyService(Settings(data_dir=data, index_on_ingest=False))  # another process: the CLI
    doc = cli.ingest_paths([PLAN]).ingested[0].doc
    # The server notices the new graph: its first search answers from the index it finds, and the index
    # catches up apart (tests/api/test_service_recovery.py).
    assert server.search(QUERY).hits
    _wait_current(server)
    assert any(h.doc == doc for h in server.search(QUERY).hits)
    # The CLI deletes the plan without re-indexing: the server's next search does not wait for the rebuild,
    # and none of its hits names a task of the deleted plan.
    cli.delete_document(doc)
    during = server.search(QUERY)
    assert during.hits and all(h.doc != doc for h in during.hits)
    _wait_current(server)
    assert all(h.doc != doc for h in server.search(QUERY).hits)


def test_an_index_published_by_another_process_is_picked_up(seed_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    server = PolicyService(Settings(data_dir=data))
    assert server.search(QUERY).hits  # the seed's index is open in this process
    before = server.engine.open(server.kg).version
    # The CLI ingests and indexes the plan itself: the index on disk is a new version.
    added = PolicyService(Settings(data_dir=data)).ingest_paths([PLAN])
    assert added.search_index is not None and added.search_index.index == "rebuilt"
    server.search(QUERY)  # notices the graph changed; checks the index apart
    _wait_current(server)
    hits = server.search(QUERY).hits
    assert server.engine.open(server.kg).version != before
    assert any(h.doc == added.ingested[0].doc for h in hits)


def test_a_search_after_close_is_refused_clearly(seed_data: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(seed_data, data)
    server = PolicyService(Settings(data_dir=data))
    assert server.search(QUERY).hits
    server.close()  # the server's shutdown: a search still arriving gets a 503, not the query pools' error
    with pytest.raises(Busy, match="shutting down") as err:
        server.search(QUERY)
    assert (err.value.status, err.value.code) == (503, "shutting_down")
