"""Every endpoint over real HTTP against a running uvicorn server."""
from __future__ import annotations

import io
import threading
import time

import httpx
import networkx as nx
import pytest
from api_servers import ROOT, TOKEN, start_server, stop_server
from openpyxl import load_workbook
from rdflib import Graph
from seed_truth import SEED_UNITS

pytestmark = pytest.mark.slow
SEED = "jingdezhen-cluster-plan-2026-2028"


@pytest.fixture(scope="module")
def http(server: str):
    with httpx.Client(base_url=server, timeout=60) as client:
        yield client


def assert_error(r: httpx.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    # One shape: a code, a message, and the parameters a client words its own message from when there are any.
    assert set(body) == {"error"} and set(body["error"]) - {"params"} == {"code", "message"}
    assert isinstance(body["error"].get("params", {}), dict)
    assert "Traceback" not in r.text and "/work/" not in r.text and "site-packages" not in r.text
    if code:
        assert body["error"]["code"] == code
    return body


def test_healthz_and_openapi(http) -> None:
    assert http.get("/healthz").json() == {"status": "ok"}
    docs = http.get("/docs")
    assert docs.status_code == 200 and "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text and http.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    paths = http.get("/openapi.json").json()["paths"]
    for p in ("/api/search", "/api/ask", "/api/tasks", "/api/tasks/{task_id}", "/api/units", "/api/units/{name}/tasks",
              "/api/targets", "/api/industries", "/api/documents", "/api/graph", "/api/export", "/api/export/ledger.xlsx", "/sparql"):
        assert p in paths


def test_search_structured_answer_first_then_hits(http) -> None:
    r = http.get("/api/search", params={"q": "哪些任务由市科技局负责", "k": 5}).json()
    assert r["answer"]["intent"] == "tasks_of_unit" and len(r["answer"]["answers"]) == 7
    assert 1 <= len(r["hits"]) <= 5 and len({h["id"] for h in r["hits"]}) == len(r["hits"])
    paraphrase = http.get("/api/search", params={"q": "企业贷款难怎么办", "mode": "hybrid"}).json()
    assert "answer" not in paraphrase
    assert {"id", "title", "number", "doc", "score", "text"} <= set(paraphrase["hits"][0])


@pytest.mark.parametrize("mode", ["dense", "lexical", "hybrid"])
def test_search_modes(http, mode: str) -> None:
    hits = http.get("/api/search", params={"q": "高新技术企业", "mode": mode, "k": 3}).json()["hits"]
    assert "8" in [h["number"] for h in hits]


def test_search_bad_input(http) -> None:
    assert_error(http.get("/api/search", params={"q": ""}), 400, "bad_request")
    assert_error(http.get("/api/search", params={"q": "？！。，"}), 400, "bad_request")
    assert_error(http.get("/api/search", params={"q": "x", "k": 0}), 400)
    assert_error(http.get("/api/search", params={"q": "x", "mode": "magic"}), 400)
    # Over the 1000-character limit; a 10,000-character query is tested through the CLI (URLs cap it here).
    body = assert_error(http.get("/api/search", params={"q": "长" * 1500}), 400)
    assert "limit is 1000" in body["error"]["message"]
    assert_error(http.get("/api/search"), 400)


def test_traditional_query(http) -> None:
    hits = http.get("/api/search", params={"q": "高新技術企業數量目標", "k": 3}).json()["hits"]
    assert "8" in [h["number"] for h in hits]


def test_ask(http) -> None:
    r = http.get("/api/ask", params={"q": "市科技局牵头哪些任务"}).json()
    assert [a["number"] for a in r["answers"]] == ["4", "5", "9"]
    unknown = http.get("/api/ask", params={"q": "今天天气怎么样"}).json()
    assert unknown["intent"] == "unknown" and unknown["answers"] == [] and unknown["fallback"]["kind"] == "search"


def test_tasks_units_targets(http) -> None:
    tasks = http.get("/api/tasks").json()["tasks"]
    assert {t["number"]: [*t["lead"], *t["co"]] for t in tasks} == SEED_UNITS
    one = http.get(f"/api/tasks/{SEED}.4").json()
    assert one["title"] == "提升协同创新能力" and one["lead"] == ["市科学技术局"]
    assert one["text"].startswith("4.提升协同创新能力") and one["assignments"][0]["evidence"]["text"].startswith("责任单位")
    assert_error(http.get(f"/api/tasks/{SEED}.99"), 404, "not_found")
    units = http.get("/api/units").json()["units"]
    kj = next(u for u in units if u["name"] == "市科学技术局")
    assert (kj["lead"], kj["co"]) == (3, 4) and "市科技局" in kj["aliases"]
    assert [t["role"] for t in http.get("/api/units/市科技局/tasks").json()["tasks"]].count("lead") == 3
    assert_error(http.get("/api/units/市公安局/tasks"), 404)
    assert len(http.get("/api/targets", params={"year": 2028}).json()["targets"]) == 16
    assert http.get("/api/targets", params={"industry": "直升机"}).json()["targets"]
    assert_error(http.get("/api/targets", params={"year": "soon"}), 400)
    assert_error(http.get("/api/targets", params={"industry": "造船"}), 404)


def test_industries_documents(http) -> None:
    ind = http.get("/api/industries").json()
    labels = {i["label"]: i for i in ind["industries"]}
    assert labels["直升机"]["broader"] == "航空" and labels["航空"]["leading_cluster"]
    assert ("高新区", "直升机", "lead") in {(r["region"], r["industry"], r["role"]) for r in ind["cluster_roles"]}
    docs = http.get("/api/documents").json()["documents"]
    assert [(d["id"], d["items"], d["period"]) for d in docs] == [(SEED, 18, [2026, 2028])]
    text = http.get(f"/api/documents/{SEED}").json()["text"]
    assert "高新技术企业280家左右" in text


def test_graph(http) -> None:
    g = http.get("/api/graph", params={"focus": "市科技局", "depth": 1}).json()
    types = {n["type"] for n in g["nodes"]}
    assert types == {"unit", "task"} and sum(n["type"] == "task" for n in g["nodes"]) == 7
    assert {e["type"] for e in g["edges"]} == {"lead", "co"}
    task = http.get("/api/graph", params={"focus": f"{SEED}.2", "depth": 1}).json()
    assert {"unit", "industry", "region"} <= {n["type"] for n in task["nodes"]}
    assert all(n["task_id"].startswith(SEED) for n in g["nodes"] if n["type"] == "task")
    assert_error(http.get("/api/graph", params={"focus": "不存在的东西"}), 404)
    assert_error(http.get("/api/graph", params={"focus": "市科技局", "depth": 9}), 400)


def test_exports(http) -> None:
    for fmt, parse in (("turtle", "turtle"), ("json-ld", "json-ld"), ("nt", "nt")):
        r = http.get("/api/export", params={"format": fmt})
        assert r.status_code == 200 and len(Graph().parse(data=r.text, format=parse)) > 1000
    gml = nx.read_graphml(io.BytesIO(http.get("/api/export", params={"format": "graphml"}).content))
    assert any(d.get("label") == "市科学技术局" for _, d in gml.nodes(data=True))
    assert nx.read_gexf(io.BytesIO(http.get("/api/export", params={"format": "gexf"}).content)).number_of_nodes() > 50
    assert_error(http.get("/api/export", params={"format": "pdf"}), 400)


def test_ledger_opens_in_openpyxl(http) -> None:
    r = http.get("/api/export/ledger.xlsx")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:6] == ("序号", "文件", "任务编号", "任务名称", "牵头单位", "配合单位")
    assert len(body) == 18
    by_number = {row[2]: row for row in body}
    assert by_number["4"][4] == "市科学技术局"
    assert by_number["4"][5] == "、".join(SEED_UNITS["4"][1:])
    assert "高新技术企业约280家（2028年）" in by_number["8"][6]
    assert by_number["8"][7] == "2028年" and by_number["4"][8].startswith("4.提升协同创新能力")
    # Deadlines come from the task's own dated clauses ("2026 年底前,实现…六个一全覆盖"), the plan's end only without one.
    assert by_number["2"][7] == "2026年底前" and by_number["1"][7] == "2028年底（方案期末）"


def test_sparql_select_and_refusals(http) -> None:
    q = """PREFIX pkg: <https://policykg.org/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?n WHERE { ?t pkg:leadUnit ?u . ?u skos:prefLabel "市科学技术局"@zh . ?t pkg:number ?n }"""
    r = http.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+json"})
    assert sorted(b["n"]["value"] for b in r.json()["results"]["bindings"]) == ["4", "5", "9"]
    assert_error(http.post("/sparql", data={"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}), 403)
    assert_error(http.post("/sparql", content="DELETE WHERE { ?s ?p ?o }", headers={"Content-Type": "application/sparql-update"}), 403)
    assert_error(http.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}), 403)
    assert_error(http.get("/sparql", params={"query": "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"}), 403)


@pytest.mark.serial  # a sub-second deadline: run alone, after the parallel tests
def test_sparql_cross_join_stopped_while_healthz_answers(http, server: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result: dict[str, httpx.Response] = {}
    t = threading.Thread(target=lambda: result.setdefault("r", httpx.get(f"{server}/sparql", params={"query": slow}, timeout=60)))
    t.start()
    time.sleep(0.3)
    for _ in range(3):
        assert http.get("/healthz").status_code == 200
    # Answered while the cross join was still running (an ordering check, not a timing one).
    assert t.is_alive()
    t.join(60)
    assert_error(result["r"], 503, "timeout")
    ok = http.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ok.status_code == 200 and ok.json()["boolean"] is True


def test_writes_need_a_token(http, tmp_path) -> None:
    plan = "测试市行动方案\n一、任务\n1.建设平台。到2027年建成平台3个。〔责任单位：市科技局〕\n".encode()
    assert_error(http.post("/api/documents", files={"file": ("p.txt", plan)}), 401, "unauthorized")
    assert_error(http.post("/api/documents", files={"file": ("p.txt", plan)}, headers={"Authorization": "Bearer wrong"}), 401)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bad = http.post("/api/documents", files={"file": ("../../etc/evil.txt", b"\x00\x01binary")}, headers=auth)
    assert bad.status_code == 422 and "binary" in bad.json()["errors"][0]["error"]
    r = http.post("/api/documents", files={"file": ("../../etc/p.txt", plan)}, headers=auth)
    assert r.status_code == 201, r.text
    doc = r.json()["ingested"][0]["doc"]
    assert any(d["id"] == doc for d in http.get("/api/documents").json()["documents"])
    n = """PREFIX pkg: <https://policykg.org/ns#> ASK { ?t pkg:number "1" ; <http://purl.org/dc/terms/title> "建设平台"@zh }"""
    assert http.get("/sparql", params={"query": n}).json()["boolean"] is True  # SPARQL sees the upload
    assert http.delete(f"/api/documents/{doc}", headers=auth).json() == {"deleted": doc}
    assert_error(http.delete(f"/api/documents/{doc}", headers=auth), 404)
    assert_error(http.post("/api/documents", files={"file": ("big.txt", b"x" * 6_000_000)}, headers=auth), 413)


def test_unknown_route_and_method(http) -> None:
    assert_error(http.get("/api/nothing"), 404, "not_found")
    assert_error(http.post("/api/tasks"), 405)


def test_rate_limit_answers_429_with_retry_after(seed_data) -> None:
    proc, base = start_server(seed_data, POLICYKG_RATE_LIMIT_PER_MINUTE="5", POLICYKG_INDEX_ON_INGEST="0")
    try:
        codes = [httpx.get(f"{base}/api/documents").status_code for _ in range(7)]
        assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
        r = httpx.get(f"{base}/api/documents")
        assert int(r.headers["Retry-After"]) > 0 and r.json()["error"]["code"] == "rate_limited"
    finally:
        stop_server(proc)


def test_chains_over_http(http) -> None:
    chains = {c["cluster"]: c for c in http.get("/api/chains").json()["chains"]}
    assert set(chains) == {"航空", "先进陶瓷", "精细化工和医药"}
    ceramics = http.get("/api/chains/先进陶瓷").json()
    by_label = {s["label"]: s for s in ceramics["segments"]}
    for label in ("氧化铝粉体", "压电陶瓷", "片式元器件"):
        assert "优化产业集群规划布局" in by_label[label]["tasks"]
    heli = http.get("/api/chains/直升机").json()
    assert heli["cluster"] == "航空" and [r["region"] for r in heli["regions"]] == ["高新区"]
    heli_seg = next(s for s in heli["segments"] if s["label"] == "直升机")
    assert {"市工业和信息化局", "国家试验区管委办", "高新区管委会", "昌南新区管委会"} <= set(heli_seg["units"])
    assert "加快产业集群梯次培育" in heli_seg["tasks"]
    assert_error(http.get("/api/chains/造船"), 404)
    assert_error(http.get("/api/chains/先进陶瓷/guide.pdf"), 400)
    html = http.get("/api/chains/先进陶瓷/guide.html")
    assert html.status_code == 200 and "氧化铝粉体" in html.text and "<script" not in html.text


def test_register_upload_changes_the_guide(http) -> None:
    csv = "企业名称,主营产品,规模\n测试甲粉体有限公司,高纯氧化铝粉,规上\n".encode()
    assert_error(http.post("/api/enterprises", files={"file": ("r.csv", csv)}), 401)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    try:
        assert http.post("/api/enterprises", files={"file": ("r.csv", csv)}, headers=auth).json() == {"imported": 1, "errors": []}
        ws = load_workbook(io.BytesIO(http.get("/api/chains/先进陶瓷/guide.xlsx").content)).active
        rows = list(ws.iter_rows(values_only=True))[1:]
        status = {r[0]: r[2] for r in rows}
        assert status["氧化铝粉体"] == "已有" and status["陶瓷基板"] == "缺失"
        assert [r[2] for r in rows].index("已有") > [r[2] for r in rows].index("缺失")  # gaps first
        asked = http.get("/api/ask", params={"q": "先进陶瓷产业链缺哪些环节"}).json()
        assert asked["intent"] == "chain_gaps" and "氧化铝粉体" not in {a["segment"] for a in asked["answers"]}
        assert_error(http.post("/api/enterprises", files={"file": ("r.pdf", b"%PDF")}, headers=auth), 400)
    finally:
        http.delete("/api/enterprises", headers=auth)
    assert {s["status"] for s in http.get("/api/chains/先进陶瓷").json()["segments"]} == {"unknown"}


def test_uploads_are_refused_before_reading_and_names_stay_labels(http, server: str) -> None:
    def chunks():
        for _ in range(50):
            yield b"x" * 100_000

    # No token: refused before the (chunked, length-less) body is read.
    r = httpx.post(f"{server}/api/documents", content=chunks(), headers={"Content-Type": "application/octet-stream"}, timeout=30)
    assert_error(r, 401)
    auth = {"Authorization": f"Bearer {TOKEN}"}

    def big():
        # A well-formed multipart upload, sent chunked (no Content-Length), larger than the 5 MB limit.
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n'
        for _ in range(70):
            yield b"x" * 100_000
        yield b"\r\n--x--\r\n"

    r = httpx.post(f"{server}/api/documents", content=big(), headers={**auth, "Content-Type": "multipart/form-data; boundary=x"}, timeout=30)
    assert_error(r, 413)
    plan = "测试市行动方案\n一、任务\n1.建设平台。建成平台3个。〔责任单位：市科技局〕\n".encode()
    long_name = "很长的文件名" * 40 + "\x00.txt"
    r = http.post("/api/documents", files={"file": (long_name, plan)}, headers=auth)
    assert r.status_code == 201, r.text
    doc = r.json()["ingested"][0]
    assert "\x00" not in doc["source"] and len(doc["source"]) <= 80 and len(doc["doc"]) <= 70
    http.delete(f"/api/documents/{doc['doc']}", headers=auth)


def test_cli_ingest_beside_a_running_server_is_seen(tmp_path) -> None:
    import subprocess
    import sys

    data = tmp_path / "side"
    proc, base = start_server(data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000")
    try:
        assert httpx.get(f"{base}/api/documents").json() == {"documents": []}
        plan = tmp_path / "plan.txt"
        plan.write_text("测试市行动方案\n一、任务\n1.建设平台。建成平台3个。〔责任单位：市科技局〕\n", encoding="utf-8")
        env = {"POLICYKG_INDEX_ON_INGEST": "0", "PATH": "/usr/bin:/bin"}
        res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "ingest", str(plan)], env=env, cwd=str(ROOT), capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        assert [d["items"] for d in httpx.get(f"{base}/api/documents").json()["documents"]] == [1]
        q = 'PREFIX pkg: <https://policykg.org/ns#> SELECT ?n WHERE { ?t pkg:number ?n }'
        rows = httpx.get(f"{base}/sparql", params={"query": q}, timeout=60).json()["results"]["bindings"]
        assert [r["n"]["value"] for r in rows] == ["1"]
        hits = httpx.get(f"{base}/api/search", params={"q": "建设平台"}, timeout=120).json()["hits"]
        assert hits[0]["title"] == "建设平台"
    finally:
        stop_server(proc)
