"""`policykg migrate` with both remote stores: the graph to a SPARQL server (`oxigraph serve`) and the passages to
Milvus (`milvus-lite server`), and back into a fresh data directory; counts and search answers equal each way."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from api_servers import ROOT, cli_json
from milvus_servers import MILVUS_LITE, MilvusServer
from sparql_servers import OXIGRAPH, Server

from api.service import PolicyService
from api.settings import Settings

pytestmark = [
    pytest.mark.usefixtures("vectors_once", "closed_services"),
    pytest.mark.slow,
    pytest.mark.skipif(OXIGRAPH is None or MILVUS_LITE is None,
                       reason="the oxigraph and milvus-lite servers are not installed (pip install -e '.[test]')"),
]
PLANS = [ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt", ROOT / "tests" / "data" / "plans" / "ganzhou-nev-qiantou.txt"]
SEARCHES = ["企业贷款难怎么办", "高新技术企业培育", "新能源汽车充电桩", "陶瓷人才引进"]


def searched(svc: PolicyService) -> dict[str, list[str]]:
    """Each search's task ids, by mode."""
    return {f"{mode}:{q}": [h.id for h in svc.search(q, mode=mode).hits] for q in SEARCHES
            for mode in ("hybrid", "dense", "lexical")}


def migrate(data: Path, env: dict[str, str], *args: str) -> dict[str, Any]:
    """`policykg migrate ... --json` in a process of its own: its exit code and report."""
    return cli_json(data, env, "migrate", *args)


def test_migrate_moves_graph_and_passages_there_and_back_embedding_nothing(tmp_path: Path) -> None:
    graph, passages = Server(tmp_path / "oxigraph"), MilvusServer(tmp_path / "milvus")
    try:
        env = {**graph.env(), **passages.env()}
        source = PolicyService(Settings(data_dir=tmp_path / "embedded"))
        assert not source.ingest_paths(PLANS).errors
        want, size = searched(source), source.engine.open(source.kg).size()
        tasks = len(source.tasks().tasks)
        assert size > 50 and all(want.values())
        del source  # the CLI below opens the same data directory

        there = migrate(tmp_path / "embedded", env, "to-remote")
        assert there["code"] == 0, there
        assert (there["documents"], there["tasks"], there["passages"], there["embedded"]) == (2, tasks, size, 0), there
        assert there["removed_passages"] == [], there
        remote = PolicyService(graph.settings(tmp_path / "served", milvus_uri=passages.uri))
        assert remote.engine.is_current(remote.kg)  # the collection written by migrate serves as it is
        assert searched(remote) == want

        # Back into a data directory that has nothing: the vectors come from Milvus, none is embedded again.
        back = migrate(tmp_path / "restored", env, "to-embedded")
        assert back["code"] == 0, back
        assert (back["documents"], back["tasks"], back["passages"], back["embedded"]) == (2, tasks, size, 0), back
        assert back["vectors_copied"] > 0 and back["triples"] == there["triples"], back
        assert searched(PolicyService(Settings(data_dir=tmp_path / "restored"))) == want

        # Milvus down: the graph half is done, the passages half fails with Milvus's error code, the process exits.
        passages.stop()
        failed = migrate(tmp_path / "again", env, "to-embedded")
        assert failed["code"] == 2 and failed["error"]["code"] == "search_store_unavailable", failed
    finally:
        graph.stop()
        passages.stop()


def test_migrate_without_a_remote_store_says_what_to_set(tmp_path: Path) -> None:
    out = migrate(tmp_path / "data", {}, "to-remote")
    assert out["code"] == 2 and "POLICYKG_MILVUS_URI" in out["error"]["message"], out
    assert "POLICYKG_SPARQL_QUERY_URL" in out["error"]["message"]


def test_passages_alone_refuse_a_collection_holding_other_documents_unless_replaced(tmp_path: Path) -> None:
    passages = MilvusServer(tmp_path / "milvus")
    try:
        other = PolicyService(Settings(data_dir=tmp_path / "other", milvus_uri=passages.uri))
        assert not other.ingest_paths([PLANS[1]]).errors  # another library's passages in the collection
        del other
        source = PolicyService(Settings(data_dir=tmp_path / "embedded"))
        assert not source.ingest_paths([PLANS[0]]).errors
        size = source.engine.open(source.kg).size()
        del source

        refused = migrate(tmp_path / "embedded", passages.env(), "to-remote")
        assert refused["code"] == 2 and "pass replace" in refused["error"]["message"], refused
        assert "ganzhou-nev-qiantou" in refused["error"]["message"]
        done = migrate(tmp_path / "embedded", passages.env(), "to-remote", "--replace")
        assert done["code"] == 0 and done["triples"] is None, done  # the graph stays in the data directory
        assert (done["documents"], done["passages"], done["embedded"]) == (1, size, 0), done
        # The other library's records were stamped by its own graph store: removed by name, not by stamp.
        assert done["removed_passages"] == ["ganzhou-nev-qiantou"], done
    finally:
        passages.stop()
