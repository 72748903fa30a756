"""The service on a graph kept by a real SPARQL 1.1 server (`oxigraph serve`): the same answers as on the embedded
store, another instance on the same server sees writes and deletions, and a stopped server is a clear error."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from sparql_servers import OXIGRAPH, Server

from api.errors import PolicyKGError
from api.service import PolicyService
from api.settings import Settings
from kg.remote import StoreUnavailable

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed (pip install -e '.[test]')")

PLANS = [ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt", ROOT / "tests" / "data" / "plans" / "ganzhou-nev-qiantou.txt",
         ROOT / "tests" / "data" / "plans" / "shangrao-digital-lead-co.txt"]
QUESTIONS = ["哪些任务由市科技局负责", "2028年要达到哪些目标", "浮梁县参与哪个产业集群", "提升绿色发展水平由谁负责",
             "上饶市科技局负责哪些任务", "任务12的责任单位有哪些", "哪些任务由市工信局牵头"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("oxigraph"))
    yield srv
    srv.stop()


def remote_settings(data: Path, server: Server) -> Settings:
    query, update, store = server.urls
    return Settings(data_dir=data, index_on_ingest=False, sparql_query_url=query, sparql_update_url=update,
                    sparql_store_url=store, graph_store_timeout_s=5)


def answers(svc: PolicyService) -> dict:
    """What a client reads: each question's answer, the tasks, the targets and the documents (every question is
    one the graph answers: a search fallback would embed the library, which this test is not about)."""
    asked = {q: svc.ask(q).model_dump() for q in QUESTIONS}
    assert all(a["intent"] != "unknown" for a in asked.values()), {q: a["intent"] for q, a in asked.items()}
    return {"ask": asked, "tasks": svc.tasks().model_dump(),
            "targets": svc.targets().model_dump(), "documents": [d.id for d in svc.documents().documents]}


def test_remote_answers_equal_embedded_and_another_instance_follows(server: Server, tmp_path: Path) -> None:
    embedded = PolicyService(Settings(data_dir=tmp_path / "embedded", index_on_ingest=False))
    remote = PolicyService(remote_settings(tmp_path / "remote", server))
    for svc in (embedded, remote):
        report = svc.ingest_paths(PLANS)
        assert not report.errors and len(report.ingested) == 3
    want = answers(embedded)
    assert sum(len(a["answers"]) for a in want["ask"].values()) > 20  # the questions have answers to compare
    assert answers(remote) == want
    # Nothing of the graph is kept in the remote instance's data directory: a second instance on the same server
    # (another process, another machine) answers the same, and follows a deletion at its next request.
    other = PolicyService(remote_settings(tmp_path / "other", server))
    assert answers(other) == want
    ganzhou = next(d for d in want["documents"] if d.startswith("ganzhou"))
    remote.delete_document(ganzhou)
    assert ganzhou not in [d.id for d in other.documents().documents]
    assert all(t.doc != ganzhou for t in other.tasks().tasks)


def test_a_stopped_server_is_a_clear_error(tmp_path: Path) -> None:
    srv = Server(tmp_path / "oxigraph")
    svc = PolicyService(remote_settings(tmp_path / "data", srv))
    svc.ingest_paths(PLANS[:1])
    srv.stop()
    with pytest.raises(StoreUnavailable) as err:
        svc.ingest_paths(PLANS[1:2])
    assert err.value.code == "graph_store_unavailable" and "127.0.0.1" in str(err.value)


def test_partial_settings_name_the_missing_ones(tmp_path: Path, server: Server) -> None:
    with pytest.raises(PolicyKGError, match="POLICYKG_SPARQL_STORE_URL"):
        PolicyService(Settings(data_dir=tmp_path, sparql_query_url=server.urls[0], sparql_update_url=server.urls[1]))
