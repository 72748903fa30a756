"""Incentives over real HTTP, on the CLI and on the page: their own type, filters, never under targets."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import CHROMIUM, ROOT, start_server, stop_server

pytestmark = pytest.mark.slow
MEASURES = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"
DOC = "hexi-low-altitude-measures-articles"


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    from api.service import PolicyService
    from api.settings import Settings

    d = tmp_path_factory.mktemp("incentives")
    report = PolicyService(Settings(data_dir=d, index_on_ingest=False)).ingest_paths([ROOT / "corpus", MEASURES])
    assert not report["errors"], report["errors"]
    return d


@pytest.fixture(scope="module")
def base_url(data: Path) -> Iterator[str]:
    proc, base = start_server(data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000")
    yield base
    stop_server(proc)


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def test_incentives_by_kind_and_document(http) -> None:
    every = http.get("/api/incentives").json()["incentives"]
    assert {x["doc"] for x in every} == {DOC}  # the seed plan offers no figures
    kinds = {x["kind"] for x in every}
    assert {"award", "rate", "cap", "threshold"} <= kinds
    caps = http.get("/api/incentives", params={"kind": "cap"}).json()["incentives"]
    assert caps and all(x["kind"] == "cap" for x in caps)
    assert (3000, "万元") in {(x["amount"], x["unit"]) for x in caps}
    first = next(x for x in every if x["amount"] == 3000)
    assert first["number"] == "第一条" and first["evidence"]["text"].startswith("对新引进的")
    assert http.get("/api/incentives", params={"doc": DOC, "unit": "市工信局"}).json()["incentives"]


def test_incentives_never_appear_as_targets(http) -> None:
    offered = {(x["amount"], x["unit"], x["task_id"]) for x in http.get("/api/incentives").json()["incentives"]
               if x["kind"] != "threshold"}
    targets = {(t["value"], t["unit"], t["task_id"]) for t in http.get("/api/targets").json()["targets"]}
    assert offered and not offered & targets


def test_bad_filters_are_clear_errors(http) -> None:
    r = http.get("/api/incentives", params={"kind": "gift"})
    assert r.status_code in (400, 422) and "error" in r.json()
    r = http.get("/api/incentives", params={"doc": "no-such-doc"})
    assert r.status_code == 404 and r.json()["error"]["code"]


def test_cli_lists_incentives(data: Path) -> None:
    env = {**os.environ, "POLICYKG_INDEX_ON_INGEST": "0"}
    res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "incentives", "--kind", "award", "--json"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)["incentives"]
    assert rows and all(r["kind"] == "award" for r in rows)
    assert {(r["amount"], r["unit"]) for r in rows} >= {(500, "万元"), (20, "万元")}


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_filters_incentives(page) -> None:
    page.goto("/targets?by=incentive")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.state === 'done'")
    assert page.get_attribute("#tab-incentive", "aria-selected") == "true"
    all_cards = page.locator("#targets-groups .incentive-card").count()
    assert all_cards >= 10
    page.select_option("#incentive-kind", "cap")
    page.wait_for_function("() => location.search.includes('kind=cap')"
                           " && document.querySelector('#targets-groups').dataset.state === 'done'")
    caps = page.locator("#targets-groups .incentive-card")
    assert 0 < caps.count() < all_cards
    assert all(k == "cap" for k in caps.evaluate_all("els => els.map(e => e.dataset.kind)"))
    assert "上限" in page.inner_text("#targets-groups") and "3000" in page.inner_text("#targets-groups")
    page.screenshot(path=str(ROOT / "test-artifacts" / "incentives.png"), full_page=True)
