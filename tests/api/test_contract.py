"""The HTTP contract: every route of /openapi.json has a response schema, and a real response of each, from a
server that validates strictly (an undeclared field is a 500), matches its model."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import ROOT, TOKEN, serving

from api import models

pytestmark = pytest.mark.slow

SEED = "jingdezhen-cluster-plan-2026-2028"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
REGISTER = (ROOT / "tests" / "data" / "enterprises" / "register.csv").read_bytes()
PLAN = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"

# Each route with real requests (several where a route answers in several shapes) and the model it declares.
CALLS: dict[tuple[str, str], tuple[type[models.Out] | None, list[dict]]] = {
    ("get", "/healthz"): (models.Health, [{}]),
    ("get", "/api/search"): (models.SearchResult, [{"params": {"q": "哪些任务由市科技局负责"}}, {"params": {"q": "企业贷款难怎么办"}},
                                                   {"params": {"q": "今天天气怎么样", "mode": "lexical"}}]),
    ("get", "/api/ask"): (models.Answer, [{"params": {"q": q}} for q in (
        "哪些任务由市科技局负责", "提升协同创新能力由哪些单位负责", "2028年有哪些目标", "高新区牵头建设哪个产业集群",
        "先进陶瓷集群由哪些地区建设", "先进陶瓷产业链缺哪些环节", "氧化铝粉体有什么政策", "市科机局负责什么", "今天天气怎么样")]),
    ("get", "/api/tasks"): (models.TaskList, [{}, {"params": {"unit": "市科技局"}}, {"params": {"level": "city"}}]),
    ("get", "/api/tasks/{task_id}"): (models.TaskDetail, [{"path": f"{SEED}.4"}, {"path": f"{SEED}.goals"}]),
    ("get", "/api/units"): (models.UnitList, [{}]),
    ("get", "/api/units/{name}/tasks"): (models.TaskList, [{"path": "市科技局"}]),
    ("get", "/api/targets"): (models.TargetList, [{}, {"params": {"industry": "航空"}}, {"params": {"year": 2028}}]),
    ("get", "/api/incentives"): (models.IncentiveList, [{}]),
    ("get", "/api/industries"): (models.Industries, [{}]),
    ("get", "/api/documents"): (models.DocumentList, [{}]),
    ("get", "/api/documents/{doc_id}"): (models.DocumentDetail, [{"path": SEED}]),
    ("get", "/api/graph"): (models.GraphView, [{}, {"params": {"focus": "市科技局", "depth": 2}}]),
    ("get", "/api/chains"): (models.ChainList, [{}]),
    ("get", "/api/chains/{cluster}"): (models.Chain, [{"path": "先进陶瓷"}, {"path": "航空"}]),
    ("get", "/api/export"): (None, [{"params": {"format": "turtle"}}]),
    ("get", "/api/export/ledger.xlsx"): (None, [{}]),
    ("get", "/api/chains/{cluster}/guide.{fmt}"): (None, [{"path": ("先进陶瓷", "md")}]),
    ("post", "/api/enterprises/preview"): (models.RegisterPreview, [{"files": {"file": ("register.csv", REGISTER)}}]),
    ("post", "/api/enterprises"): (models.EnterpriseImport, [{"files": {"file": ("register.csv", REGISTER)}}]),
    ("delete", "/api/enterprises"): (models.EnterpriseImport, [{}]),
    ("post", "/api/documents"): (models.IngestReport, [{"files": {"file": (PLAN.name, PLAN.read_bytes())}},
                                                      {"files": {"file": ("broken.docx", b"PK\x03\x04 not a zip")}}]),
    ("delete", "/api/documents/{doc_id}"): (models.Deleted, [{"path": PLAN.stem}]),
    ("post", "/api/reindex"): (models.IndexReport, [{}]),
    ("get", "/sparql"): (None, [{"params": {"query": "ASK { ?s ?p ?o }"}}]),
    ("post", "/sparql"): (None, [{"data": {"query": "ASK { ?s ?p ?o }"}}]),
}


@pytest.fixture(scope="module")
def http(seed_data: Path, tmp_path_factory) -> Iterator[httpx.Client]:
    import shutil

    data = tmp_path_factory.mktemp("contract") / "data"
    shutil.copytree(seed_data, data)
    with serving(data, POLICYKG_API_TOKEN=TOKEN, POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base, \
            httpx.Client(base_url=base, timeout=120) as client:
        yield client


def _url(path: str, call: dict) -> str:
    values = call.get("path")
    if values is None:
        return path
    values = values if isinstance(values, tuple) else (values,)
    names = [seg for seg in path.split("{")[1:]]
    for name, value in zip(names, values):
        path = path.replace("{" + name.split("}")[0] + "}", value, 1)
    return path


def test_every_route_declares_a_response_schema(http) -> None:
    spec = http.get("/openapi.json").json()
    routes = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert routes == set(CALLS), f"routes without a contract call: {routes - set(CALLS)}; stale: {set(CALLS) - routes}"
    for path, item in spec["paths"].items():
        for method, op in item.items():
            ok = op["responses"].get("200") or op["responses"].get("201")
            assert ok and ok.get("content"), f"{method.upper()} {path} declares no response content"
            # Each route lists the errors it can answer (api/routes/contract.py), each with the one error shape;
            # a refused upload's 422 is its ingest report.
            assert {"413", "500"} <= set(op["responses"]), f"{method.upper()} {path}"
            for status, answer in op["responses"].items():
                if int(status) >= 400 and (method, path, status) != ("post", "/api/documents", "422"):
                    assert answer["content"]["application/json"]["schema"]["$ref"].endswith("/Error"), (method, path, status)


@pytest.mark.parametrize("route", list(CALLS), ids=[f"{m} {p}" for m, p in CALLS])
def test_real_responses_match_their_model(http, route: tuple[str, str]) -> None:
    method, path = route
    model, calls = CALLS[route]
    for call in calls:
        kwargs = {k: v for k, v in call.items() if k in ("params", "files", "data")}
        r = http.request(method.upper(), _url(path, call), headers=AUTH, **kwargs)
        assert r.status_code < 500, (path, call, r.text[:500])
        if r.status_code == 422 and route == ("post", "/api/documents"):
            models.IngestReport.model_validate(r.json())  # a refused upload: the report names the file and why
        elif r.status_code >= 400:
            models.Error.model_validate(r.json())
        elif model is not None:
            got = model.model_validate(r.json())
            assert got.model_dump(exclude_unset=True)  # the model read something
        else:
            assert r.content


def test_errors_have_one_shape(http) -> None:
    for r in (http.get("/api/tasks", params={"unit": "市科机局"}), http.get("/api/nothing"),
              http.post("/api/reindex"), http.get("/api/tasks", params={"level": "galaxy"})):
        body = models.Error.model_validate(r.json())
        assert r.status_code >= 400 and body.error.code
