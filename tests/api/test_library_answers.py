"""A library of several documents over real HTTP, the CLI and the page: incentives as their own type,
a central unit's tasks answered from every document that assigns them, grouped by document."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import CHROMIUM, ROOT, serving
from datadirs import ingest_apart

from ingest.metadata import doc_no_id

pytestmark = pytest.mark.slow
MEASURES = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"
REAL = ROOT / "tests" / "data" / "real"
# Two State Council documents and one ministry-led one that all assign tasks to 工业和信息化部.
CENTRAL = [REAL / f"{n}.txt" for n in ("gwyb-2020-24-business-env-opinions", "national-2018-guofa42-agri-mechanization",
                                        "national-2018-guobanfa117-inspection-incentives")]
# Documents with a 文号 are known by it (the same document under another file name replaces itself).
DOC = doc_no_id("鹤府规〔2026〕2号")  # hexi-low-altitude-measures-articles.txt
ANHUI = doc_no_id("皖政办〔2024〕3号")  # anhui-digital-action.txt
AGRI = doc_no_id("国发〔2018〕42号")  # national-2018-guofa42-agri-mechanization.txt
# A city plan that implements a provincial one: 依据 and 被引用 on both documents' pages.
PROVINCE = ("安徽省制造业数字化转型行动方案\n安徽省人民政府办公厅\n皖政办〔2024〕3号\n一、重点任务\n"
            "（一）推进改革。做好相关工作。（省经济和信息化厅牵头）\n")
CITY = ("合肥市制造业数字化转型实施方案\n合肥市人民政府\n为贯彻落实《安徽省制造业数字化转型行动方案》，制定本方案。\n"
        "一、重点任务\n（一）推进改革。做好相关工作。（市经济和信息化局牵头）\n")


@pytest.fixture(scope="module")
def data(tmp_path_factory, seed_copy: Callable[[str], Path]) -> Path:

    d = seed_copy("incentives")  # `corpus/` ingested
    cited = tmp_path_factory.mktemp("cited")
    (cited / "anhui-digital-action.txt").write_text(PROVINCE, encoding="utf-8")
    (cited / "hefei-digital-implementation.txt").write_text(CITY, encoding="utf-8")
    # Indexed here, so the page's first search does not wait for it.
    ingest_apart(d, MEASURES, *CENTRAL, cited)
    return d


@pytest.fixture(scope="module")
def base_url(data: Path) -> Iterator[str]:
    with serving(data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def test_a_central_unit_answers_from_every_document(http) -> None:
    r = http.get("/api/ask", params={"q": "哪些任务由工信部牵头"}).json()
    assert r["intent"] == "tasks_of_unit" and r["entities"]["unit"] == "工业和信息化部"
    docs = [d["doc"] for d in r["documents"]]
    assert len(docs) == 3 and {a["role"] for a in r["answers"]} == {"lead"}
    # Grouped: each document's answers are together, in the order of `documents`.
    assert [a["doc"] for a in r["answers"]] == [d for d in docs for _ in range(next(x["answers"] for x in r["documents"] if x["doc"] == d))]


def test_incentives_by_kind_and_document(http) -> None:
    every = http.get("/api/incentives").json()["incentives"]
    assert DOC in {x["doc"] for x in every} and "jingdezhen-cluster-plan-2026-2028" not in {x["doc"] for x in every}
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


def test_cli_groups_answers_by_document(data: Path) -> None:
    env = {**os.environ, "POLICYKG_INDEX_ON_INGEST": "0"}
    res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "ask", "哪些任务由工业和信息化部牵头"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    headers = [line for line in res.stdout.splitlines() if line.startswith("[")]
    assert len(headers) == 3 and len(set(headers)) == 3


def test_cli_ask_and_search_take_the_document_filters(data: Path, http) -> None:
    env = {**os.environ, "POLICYKG_INDEX_ON_INGEST": "0"}
    question = "哪些任务由工业和信息化部牵头"
    for command in ("ask", "search"):
        res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), command, question, "--doc", AGRI, "--json"],
                             capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
        assert res.returncode == 0, res.stderr
        out = json.loads(res.stdout)
        answers = out["answers"] if command == "ask" else out["answer"]["answers"]
        assert answers and {a["doc"] for a in answers} == {AGRI}
        assert answers == http.get("/api/ask", params={"q": question, "doc": AGRI}).json()["answers"]
    res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "ask", question, "--level", "provincial", "--json"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)
    assert res.returncode == 0 and json.loads(res.stdout)["answers"] == []  # no provincial document assigns it


def test_cli_lists_incentives(data: Path) -> None:
    env = {**os.environ, "POLICYKG_INDEX_ON_INGEST": "0"}
    res = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "incentives", "--kind", "award", "--json"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = json.loads(res.stdout)["incentives"]
    assert rows and all(r["kind"] == "award" for r in rows)
    assert {(r["amount"], r["unit"]) for r in rows} >= {(500, "万元"), (20, "万元")}


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_groups_answers_by_document(page) -> None:
    page.goto("/?q=" + "哪些任务由工业和信息化部牵头")
    page.wait_for_function("() => document.querySelectorAll('#answer-list .answer-group').length === 3")
    page.wait_for_function("() => [...document.querySelectorAll('.answer-doc')].every(e => !/^[a-z0-9-]+$/.test(e.textContent))")
    titles = page.locator("#answer-list .answer-doc").all_inner_texts()
    assert any("优化营商环境" in t for t in titles) and any("农业机械化" in t for t in titles)
    assert "分属 3 份文件" in page.inner_text("#answer")


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


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_filters_the_matrix_and_the_search_by_document_and_level(page, http) -> None:
    """The matrix's task columns and the search's answers and hits, filtered as the API filters them."""
    def columns() -> set[str]:
        hrefs = page.locator("#matrix-table thead th.col-task a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        return {h.split("focus=", 1)[1] for h in hrefs}

    page.goto("/matrix")
    page.wait_for_function("() => document.querySelector('#matrix-table').dataset.state === 'done'")
    assert columns() == {t["id"] for t in http.get("/api/tasks").json()["tasks"]}
    page.select_option("#filter-level", "national")
    page.click("#doc-filter button[type=submit]")
    page.wait_for_function("() => location.pathname === '/matrix' && location.search === '?level=national'"
                           " && document.querySelector('#matrix-table').dataset.state === 'done'")
    national = {t["id"] for t in http.get("/api/tasks", params={"level": "national"}).json()["tasks"]}
    assert national and columns() == national
    levels = {d["id"]: d.get("level") for d in http.get("/api/documents").json()["documents"]}
    assert {levels[t.split(".")[0]] for t in national} == {"national"}
    # 清除 drops the filters and keeps the view.
    page.click("#filter-clear")
    page.wait_for_function("() => location.pathname === '/matrix' && location.search === ''"
                           " && document.querySelector('#matrix-table').dataset.state === 'done'")
    assert len(columns()) > len(national)

    question = "哪些任务由工业和信息化部牵头"
    every = http.get("/api/ask", params={"q": question}).json()
    one = every["documents"][0]["doc"]
    page.goto("/?q=" + question)
    page.wait_for_function("() => document.querySelectorAll('#answer-list .answer-group').length === 3")
    page.select_option("#filter-doc", one)
    page.click("#doc-filter button[type=submit]")
    page.wait_for_function("() => location.search.includes('doc=') && location.search.includes('q=')"
                           " && document.querySelector('#search-results').dataset.state === 'done'")
    want = http.get("/api/search", params={"q": question, "doc": one}).json()
    assert {a["doc"] for a in want["answer"]["answers"]} == {one}
    assert page.get_attribute("#answer", "data-answer-count") == str(len(want["answer"]["answers"]))
    assert page.locator("#answer-list .answer-group").count() == 0  # one document: no grouping
    hits = page.locator("#hit-list .hit").evaluate_all("els => els.map(e => e.dataset.taskId)")
    assert hits == [h["id"] for h in want["hits"]] and all(h["doc"] == one for h in want["hits"])
    # A new question keeps the filter.
    page.fill("#q", "工业和信息化部负责哪些任务")
    page.click("#search-form button[type=submit]")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '工业和信息化部负责哪些任务'"
                           " && document.querySelector('#search-results').dataset.state === 'done'")
    assert f"doc={one}" in page.evaluate("location.search")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_filters_targets_and_incentives_by_document_issuer_level_and_year(page, http) -> None:
    """The targets view's lists, filtered as the API filters them: by document, issuer, level and year."""
    page.goto("/targets")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.state === 'done'")
    every = page.locator("#targets-groups .target-card").count()
    # Pick one document from the list the form offers, and a year: the address keeps both.
    page.wait_for_function("() => document.querySelectorAll('#filter-doc option').length > 3")
    page.select_option("#filter-doc", "jingdezhen-cluster-plan-2026-2028")
    page.fill("#filter-year", "2028")
    page.click("#doc-filter button[type=submit]")
    page.wait_for_function("() => location.search.includes('doc=jingdezhen') && location.search.includes('year=2028')"
                           " && document.querySelector('#targets-groups').dataset.state === 'done'")
    want = http.get("/api/targets", params={"doc": "jingdezhen-cluster-plan-2026-2028", "year": 2028}).json()["targets"]
    assert 0 < page.locator("#targets-groups .target-card").count() == len(want) < every
    assert {c for c in page.locator("#targets-groups .target-card").evaluate_all("els => els.map(e => e.dataset.year)")} == {"2028"}
    # The filters stay on the other tabs: incentives of the national documents only.
    page.goto("/targets?by=incentive&level=national")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.state === 'done'")
    assert page.input_value("#filter-level") == "national"
    groups = set(page.locator("#targets-groups section.target-group").evaluate_all("els => els.map(e => e.dataset.group)"))
    national = {x["doc"] for x in http.get("/api/incentives", params={"level": "national"}).json()["incentives"]}
    assert groups == national and DOC not in groups
    page.goto("/targets?by=incentive&issuer=鹤溪")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.state === 'done'")
    groups = set(page.locator("#targets-groups section.target-group").evaluate_all("els => els.map(e => e.dataset.group)"))
    assert groups == {DOC}
    page.screenshot(path=str(ROOT / "test-artifacts" / "targets-filtered.png"), full_page=True)

def test_documents_carry_metadata_and_links(http) -> None:
    docs = {d["id"]: d for d in http.get("/api/documents").json()["documents"]}
    city, province = docs["hefei-digital-implementation"], docs[ANHUI]
    assert (province["doc_no"], province["level"], province["kind"]) == ("皖政办〔2024〕3号", "provincial", "行动方案")
    assert city["cites"] == [{"title": "安徽省制造业数字化转型行动方案", "doc": ANHUI, "implements": True}]
    assert province["cited_by"] == [{"doc": "hefei-digital-implementation", "implements": True}]
    assert docs[AGRI]["level"] == "national"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_shows_basis_and_citing_documents(page) -> None:
    page.goto("/doc/hefei-digital-implementation")
    page.wait_for_function("() => document.querySelector('#doc-text').dataset.state === 'done'")
    assert "文号" not in page.inner_text("#doc-meta") and "层级：市级" in page.inner_text("#doc-meta")
    link = page.locator("#doc-meta .doc-cites a.doc-link")
    assert link.inner_text() == "《安徽省制造业数字化转型行动方案》（贯彻落实）"
    link.click()
    page.wait_for_function("() => location.pathname === '/doc/" + ANHUI + "'"
                           " && document.querySelector('#doc-text').dataset.state === 'done'")
    meta = page.inner_text("#doc-meta")
    assert "文号：皖政办〔2024〕3号" in meta and "层级：省级" in meta
    assert page.locator("#doc-meta .doc-cited-by a.doc-link").get_attribute("data-doc") == "hefei-digital-implementation"


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_shows_the_term_a_document_gives_itself(page) -> None:
    # The measures say "本措施自2026年2月1日起施行，有效期至2028年12月31日" and have no period in their title.
    page.goto("/doc/" + DOC)
    page.wait_for_function("() => document.querySelector('#doc-text').dataset.state === 'done'")
    meta = page.inner_text("#doc-meta")
    assert "有效期：2026-02-01 至 2028-12-31" in meta and "规划期" not in meta


def test_the_ledger_gives_a_measures_term_where_a_task_states_no_time(http) -> None:
    import io

    from openpyxl import load_workbook

    title = next(d["title"] for d in http.get("/api/documents").json()["documents"] if d["id"] == DOC)
    r = http.get("/api/export/ledger.xlsx")
    assert r.status_code == 200, r.text
    rows = [row for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(min_row=2, values_only=True)
            if row[1] == title]
    times = [row[7] for row in rows]
    # No period, so no 方案期末: the end of the term the measures give themselves, where a task states no time.
    assert rows and "2028-12-31（文件有效期至）" in times and not any("方案期末" in (t or "") for t in times)


def test_lists_filter_by_document_issuer_level_and_year(http) -> None:
    every = http.get("/api/tasks", params={"unit": "工信部"}).json()["tasks"]
    national = http.get("/api/tasks", params={"unit": "工信部", "level": "national"}).json()["tasks"]
    assert every and {t["doc"] for t in national} == {t["doc"] for t in every}  # only central documents assign it
    assert http.get("/api/tasks", params={"unit": "工信部", "level": "city"}).json()["tasks"] == []
    one = http.get("/api/tasks", params={"doc": AGRI}).json()["tasks"]
    assert one and {t["doc"] for t in one} == {AGRI}
    anhui = http.get("/api/tasks", params={"issuer": "安徽省"}).json()["tasks"]
    assert {t["doc"] for t in anhui} == {ANHUI}
    seed = http.get("/api/targets", params={"level": "city", "issuer": "景德镇"}).json()["targets"]
    assert seed and {t["doc"] for t in seed} == {"jingdezhen-cluster-plan-2026-2028"}
    in_2027 = {t["doc"] for t in http.get("/api/tasks", params={"doc_year": 2027}).json()["tasks"]}
    assert "jingdezhen-cluster-plan-2026-2028" in in_2027 and AGRI not in in_2027
    r = http.get("/api/tasks", params={"level": "galactic"})
    assert r.status_code in (400, 422) and "error" in r.json()
    assert http.get("/api/incentives", params={"level": "city", "kind": "cap"}).json()["incentives"]
