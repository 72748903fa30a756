"""The service's answers over real HTTP, on both deployments: the embedded stores (`make run`), and remote ones, the
graph on a SPARQL 1.1 server (`oxigraph serve`) and the passages on a Milvus server (`milvus-lite server`).

Each answer test runs once per deployment with the same assertions; then every answer of one deployment is compared
with the other's, and a second remote process, which never ingested anything, answers the same and follows a
deletion made through the first.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_servers import ROOT, TOKEN, serving
from datadirs import ingest_apart
from milvus_servers import MILVUS_LITE, MilvusServer
from sparql_servers import OXIGRAPH, Server

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(OXIGRAPH is None or MILVUS_LITE is None,
                       reason="the oxigraph and milvus-lite servers are not installed (pip install -e '.[test]')"),
]
PLANS = [ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt", ROOT / "tests" / "data" / "plans" / "ganzhou-nev-qiantou.txt",
         ROOT / "tests" / "data" / "plans" / "shangrao-digital-lead-co.txt"]
BACKENDS = ("embedded", "remote")
QUESTIONS = ["哪些任务由市科技局负责", "2028年要达到哪些目标", "浮梁县参与哪个产业集群", "哪些任务由市工信局牵头",
             "上饶市科技局负责哪些任务", "企业贷款难怎么办"]
SEARCHES = ["企业贷款难怎么办", "高新技术企业培育", "陶瓷人才引进", "新能源汽车充电桩", "数字化转型", "如何做好炒菜",
            "景德镇2027年的人才政策", "Hi-tech 直升机"]


@pytest.fixture(scope="module")
def remote_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    graph = Server(tmp_path_factory.mktemp("oxigraph"))
    passages = MilvusServer(tmp_path_factory.mktemp("milvus"))
    yield {**graph.env(), **passages.env()}
    graph.stop()
    passages.stop()


@pytest.fixture(scope="module")
def servers(remote_env: dict[str, str], seed_data: Path,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Base URL of a server on each deployment, the same plans ingested (and indexed) by the CLI beforehand."""
    with ExitStack() as stack:
        bases, vectors = {}, seed_data / "index" / "vectors"
        for backend, env in (("embedded", {}), ("remote", remote_env)):
            data = tmp_path_factory.mktemp(backend)
            # A vector cache that holds the passages already embedded (the seed plan's, then the embedded
            # library's): the same passages are not embedded twice.
            shutil.copytree(vectors, data / "index" / "vectors")
            ingest_apart(data, *PLANS, **env)
            vectors = data / "index" / "vectors"
            bases[backend] = stack.enter_context(serving(data, POLICYKG_API_TOKEN=TOKEN,
                                                         POLICYKG_RATE_LIMIT_PER_MINUTE="100000", **env))
        yield bases


def client(base: str) -> httpx.Client:
    return httpx.Client(base_url=base, timeout=120)


def answers(base: str) -> dict[str, Any]:
    """What a client reads: the questions' answers, the searches' hits (ids and snippets; scores rounded), the lists."""
    with client(base) as http:
        def get(path: str, **params: Any) -> Any:
            r = http.get(path, params=params)
            assert r.status_code == 200, (path, params, r.text[:300])
            return r.json()

        searched = {}
        for q in SEARCHES:
            for mode in ("hybrid", "dense", "lexical"):
                r = get("/api/search", q=q, mode=mode)
                for h in r["hits"]:
                    h["score"] = round(h["score"], 4)
                    h["similarity"] = None if h["similarity"] is None else round(h["similarity"], 4)
                searched[f"{mode}:{q}"] = r
        for h in (a := {q: get("/api/ask", q=q) for q in QUESTIONS})["企业贷款难怎么办"]["fallback"]["hits"]:
            h["score"], h["similarity"] = round(h["score"], 4), round(h["similarity"], 4)
        return {"ask": a, "search": searched, "tasks": get("/api/tasks"), "targets": get("/api/targets"),
                "documents": [d["id"] for d in get("/api/documents")["documents"]],
                "graph": as_sets(get("/api/graph", focus="市科技局"))}


def as_sets(view: dict[str, Any]) -> dict[str, Any]:
    """A graph view with its lists sorted: the two stores hand the triples over in different orders, and a view's
    nodes and edges are sets (the page lays them out itself)."""
    return {k: sorted(v, key=repr) if isinstance(v, list) else v for k, v in view.items()}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_unit_s_tasks_lead_ones_marked(servers: dict[str, str], backend: str) -> None:
    with client(servers[backend]) as http:
        r = http.get("/api/ask", params={"q": "哪些任务由市科技局负责"}).json()
    assert r["intent"] != "unknown" and len(r["answers"]) >= 3
    assert any(a.get("role") == "lead" for a in r["answers"]) and any(a.get("role") != "lead" for a in r["answers"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_search_finds_the_finance_task_and_refuses_the_off_topic(servers: dict[str, str], backend: str) -> None:
    with client(servers[backend]) as http:
        found = http.get("/api/search", params={"q": "企业贷款难怎么办"}).json()
        cooking = http.get("/api/search", params={"q": "如何做好炒菜"}).json()
        fenced = http.get("/api/search", params={"q": "新能源汽车", "doc": found["hits"][0]["doc"]}).json()
    assert found["hits"][0]["title"] == "增强金融服务质效" and found["relevant"] is True
    assert any(span for h in found["hits"] for span in h["highlights"])  # the query's terms marked in snippets
    assert cooking["relevant"] is False
    assert fenced["hits"] and {h["doc"] for h in fenced["hits"]} == {found["hits"][0]["doc"]}


@pytest.mark.parametrize("backend", BACKENDS)
def test_targets_by_year(servers: dict[str, str], backend: str) -> None:
    with client(servers[backend]) as http:
        rows = http.get("/api/targets", params={"year": 2028}).json()["targets"]
    assert any("高新技术企业" in t["text"] and "280" in t["text"] for t in rows), [t["text"] for t in rows][:10]


def test_every_answer_is_the_same_on_both_and_a_second_remote_process_follows(
        servers: dict[str, str], remote_env: dict[str, str], tmp_path: Path) -> None:
    embedded = answers(servers["embedded"])
    assert sum(len(r["hits"]) for r in embedded["search"].values()) > 100  # the searches have hits to compare
    assert answers(servers["remote"]) == embedded
    # Another process on the same remote stores, with an empty data directory of its own: nothing of the graph
    # or the passages is kept per process, so it answers the same at once, and follows a deletion made elsewhere.
    with serving(tmp_path / "other", POLICYKG_RATE_LIMIT_PER_MINUTE="100000", **remote_env) as other:
        assert answers(other) == embedded
        ganzhou = next(d for d in embedded["documents"] if d.startswith("ganzhou"))
        with client(servers["remote"]) as http:
            r = http.delete(f"/api/documents/{ganzhou}", headers={"Authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 200, r.text
        with client(other) as http:
            hits = [h for q in SEARCHES for h in http.get("/api/search", params={"q": q}).json()["hits"]]
            assert hits and all(h["doc"] != ganzhou for h in hits)
            assert ganzhou not in [d["id"] for d in http.get("/api/documents").json()["documents"]]
