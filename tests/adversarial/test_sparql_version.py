"""Right after a write, SPARQL answers from the graph version the API answers from (issue 13)."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import AUTH, serving_to_write

PREFIX = "PREFIX pkg: <https://policykg.org/ns#>\n"
PLAN = "版本测试市行动方案\n一、任务\n1.建设版本平台。到2027年建成平台3个。〔责任单位：市科技局〕\n2.培育版本企业。〔责任单位：市工信局〕\n"


def _count(base: str, cls: str) -> int:
    q = PREFIX + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a pkg:{cls} }}"
    r = httpx.get(f"{base}/sparql", params={"query": q}, timeout=60)
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def base(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    with serving_to_write(seed_copy("versions")) as url:
        yield url


def test_sparql_sees_an_upload_and_its_deletion_at_once(base: str) -> None:
    def api_items() -> int:
        return sum(d["items"] for d in httpx.get(f"{base}/api/documents", timeout=60).json()["documents"])

    before = _count(base, "Task") + _count(base, "WorkRequirement")
    assert before == api_items()
    r = httpx.post(f"{base}/api/documents", files={"file": ("版本测试.txt", PLAN.encode())}, headers=AUTH, timeout=300)
    assert r.status_code == 201, r.text
    doc = r.json()["ingested"][0]["doc"]
    assert _count(base, "Task") + _count(base, "WorkRequirement") == api_items() == before + 2
    assert httpx.delete(f"{base}/api/documents/{doc}", headers=AUTH, timeout=300).status_code == 200
    assert _count(base, "Task") + _count(base, "WorkRequirement") == api_items() == before


def test_sparql_sees_a_register_import_at_once(base: str) -> None:
    register = ("企业名称,主营产品\n" + "".join(f"版本{i}陶瓷公司,氧化铝陶瓷基板\n" for i in range(12))).encode()
    r = httpx.post(f"{base}/api/enterprises", files={"file": ("register.csv", register)}, headers=AUTH, timeout=300)
    assert r.status_code == 200, r.text
    assert r.json()["imported"] == 12 == _count(base, "Enterprise")
    assert httpx.delete(f"{base}/api/enterprises", headers=AUTH, timeout=300).status_code == 200
    assert _count(base, "Enterprise") == 0
