"""The web page in a real browser (Debian chromium driven by Playwright) against a real server.

Screenshots of each state go to test-artifacts/ (gitignored). Set
POLICYKG_UPDATE_SCREENSHOT=1 to also refresh docs/screenshot.png (the README image).
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

import httpx
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUESTION = "哪些任务由市科技局负责"
VIEWPORT = {"width": 1280, "height": 900}

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"chromium not found at {CHROMIUM} (`make browser` installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The seed plan ingested into a fresh data dir, served by uvicorn in a subprocess."""
    from api.service import PolicyService
    from api.settings import Settings

    data = tmp_path_factory.mktemp("page-data")
    report = PolicyService(Settings(data_dir=data)).ingest_paths([ROOT / "corpus"])
    assert not report["errors"], report["errors"]
    port = _free_port()
    log = (tmp_path_factory.mktemp("page-log") / "server.log").open("wb")
    env = {**os.environ, "POLICYKG_HOST": "127.0.0.1", "POLICYKG_RATE_LIMIT_PER_MINUTE": "100000"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "--data", str(data), "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited with {proc.returncode}; see {log.name}")
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    ARTIFACTS.mkdir(exist_ok=True)
    pw = sync_api.sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
    yield b
    b.close()
    pw.stop()


@pytest.fixture
def page(browser, base_url) -> Iterator[object]:
    """A fresh page; any script error or CSP violation in the console fails the test."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, locale="zh-CN")
    p = context.new_page()
    p.set_default_timeout(15_000)
    problems: list[str] = []
    p.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    # API answers of 4xx are expected in the error test; the browser logs them as failed loads.
    expected = re.compile(r"Failed to load resource: the server responded with a status of 4\d\d")
    p.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" and not expected.search(m.text) else None)
    yield p
    context.close()
    assert not problems, problems


def _shot(page, name: str, full_page: bool = False) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def _wait_search_done(page) -> None:
    # Function predicates only: a string predicate needs eval, which the page's CSP forbids.
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('#search-results').dataset.state)")
    assert page.get_attribute("#search-results", "data-state") == "done", page.inner_text("#search-results")


def test_search_form_shows_structured_answer_then_hits(page) -> None:
    page.goto("/")
    assert page.get_attribute("body", "data-view") == "search"
    page.fill("#q", QUESTION)
    page.press("#q", "Enter")
    _wait_search_done(page)
    # The URL carries the question (history.pushState), so the state can be shared.
    assert page.evaluate("() => new URLSearchParams(location.search).get('q')") == QUESTION
    answers = page.locator("#answer-list > li.answer-item")
    assert answers.count() == 7
    assert page.locator("#answer-list .badge-lead").count() == 3
    assert page.locator("#answer-list .badge-co").count() == 4
    assert page.get_attribute("#answer", "data-intent") == "tasks_of_unit"
    assert "提升协同创新能力" in answers.nth(1).inner_text()
    # Evidence text is shown, with the query's unit marked.
    assert "责任单位" in page.inner_text("#answer-list")
    assert page.locator("#answer-list mark", has_text="市科技局").count() >= 7
    # Then the ranked hits, each with its responsible units once details arrive.
    hits = page.locator("#hit-list > li.hit")
    assert hits.count() >= 5
    page.wait_for_function("() => document.querySelectorAll('#hit-list .hit-meta .badge-lead').length >= 5")
    first = hits.first
    assert first.locator(".hit-title").inner_text().strip()
    assert re.search(r"相关度 \d\.\d{3}", first.inner_text())
    page.wait_for_function("() => document.querySelectorAll('#hit-list a.source-link').length >= 5")
    href = first.locator("a.source-link").get_attribute("href")
    assert re.fullmatch(r"/doc/[^#]+#\d+-\d+", href), href
    _shot(page, "search-structured")
    _shot(page, "search-structured-full", full_page=True)
    if os.environ.get("POLICYKG_UPDATE_SCREENSHOT"):
        (ROOT / "docs").mkdir(exist_ok=True)
        page.evaluate("() => { document.activeElement.blur(); window.scrollTo(0, 0); }")
        page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))


def test_source_link_highlights_the_span(page) -> None:
    page.goto("/?q=" + quote(QUESTION))
    _wait_search_done(page)
    link = page.locator("#answer-list > li.answer-item").first.locator("a.source-link")
    href = link.get_attribute("href")
    start, end = (int(x) for x in href.rsplit("#", 1)[1].split("-"))
    link.click()
    page.wait_for_function("() => document.querySelector('#doc-text').dataset.state === 'done'")
    assert page.get_attribute("body", "data-view") == "doc"
    mark = page.locator("#doc-highlight")
    assert mark.inner_text().startswith("责任单位：市商务局")
    assert (int(page.get_attribute("#doc-text", "data-hl-start")), int(page.get_attribute("#doc-text", "data-hl-end"))) == (start, end)
    assert len(mark.inner_text()) == end - start
    assert mark.is_visible() and page.evaluate(
        "() => { const r = document.querySelector('#doc-highlight').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert "景德镇市产业集群提能升级三年行动方案" in page.inner_text("#doc-heading")
    _shot(page, "doc-highlight")
    page.go_back()
    _wait_search_done(page)
    assert page.locator("#answer-list > li.answer-item").count() == 7


def test_deep_link_search(page) -> None:
    page.goto("/?q=" + quote("企业贷款难怎么办"))
    _wait_search_done(page)
    assert page.input_value("#q") == "企业贷款难怎么办"
    assert page.locator("#answer").count() == 0  # not a routable question: ranked hits only
    assert page.locator("#hit-list > li.hit").count() >= 5
    assert page.locator("#hit-list mark", has_text="企业").count() >= 1
    _shot(page, "search-deeplink")


def test_api_errors_are_shown_in_chinese(page) -> None:
    page.goto("/?q=" + quote("长" * 1001))
    page.wait_for_function("() => document.querySelector('#search-results').dataset.state === 'error'")
    text = page.inner_text("#search-results .alert-error")
    assert "请求有误" in text and "超过了 1000 个字符的上限" in text
    page.goto("/graph?focus=" + quote("不存在的单位"))
    page.wait_for_function("() => document.querySelector('#cy').dataset.state === 'error'")
    assert "图谱中没有名为“不存在的单位”的节点" in page.inner_text("#graph-message")
    _shot(page, "graph-error")


def test_graph_view_renders_and_expands_on_click(page) -> None:
    page.goto("/graph?focus=" + quote("市科技局"))
    page.wait_for_function("() => document.querySelector('#cy').dataset.state === 'ready'")
    assert page.input_value("#graph-focus") == "市科技局"
    before = int(page.get_attribute("#cy", "data-node-count"))
    assert before == 8  # the unit and its 7 tasks
    assert page.evaluate("() => window.__cy.nodes().length") == before
    assert page.evaluate("() => window.__cy.edges('[type = \"lead\"]').length") == 3
    # Lead edges are drawn solid red and thick, co edges dashed grey.
    style = page.evaluate("""() => {
        const cy = window.__cy, lead = cy.edges('[type = "lead"]')[0], co = cy.edges('[type = "co"]')[0];
        return [lead.style('line-style'), parseFloat(lead.style('width')), lead.style('line-color'),
                co.style('line-style'), parseFloat(co.style('width'))];
    }""")
    assert style[0] == "solid" and style[3] == "dashed" and style[1] > style[4]
    assert style[2] == "rgb(220,38,38)"
    assert "市科学技术局" in page.inner_text("#node-panel")
    _shot(page, "graph-initial")

    # Click a task node where cytoscape drew it.
    pos = page.evaluate("""() => {
        const cy = window.__cy, node = cy.nodes('[type = "task"]').filter(n => n.data('label').startsWith('4.'))[0];
        const p = node.renderedPosition(), r = cy.container().getBoundingClientRect();
        return {x: r.left + p.x, y: r.top + p.y, label: node.data('label')};
    }""")
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_function("(n) => +document.querySelector('#cy').dataset.nodeCount > n", arg=before)
    after = int(page.get_attribute("#cy", "data-node-count"))
    assert after > before
    assert page.evaluate("() => window.__cy.nodes().length") == after
    page.wait_for_function("() => document.querySelector('#node-panel').innerText.includes('牵头单位')")
    panel = page.inner_text("#node-panel")
    assert "提升协同创新能力" in panel and "市科学技术局" in panel
    _shot(page, "graph-expanded")


def test_matrix_view(page) -> None:
    page.goto("/")
    page.click("nav.main-nav a[href='/matrix']")  # in-page navigation, no reload
    page.wait_for_function("() => document.querySelector('#matrix-table').dataset.state === 'done'")
    assert page.url.endswith("/matrix")
    rows = page.locator("#matrix-table tbody tr")
    assert rows.count() >= 20
    # Default order: by workload, so the unit with the most items comes first.
    assert rows.first.get_attribute("data-unit") == "市工业和信息化局"
    keji = page.locator("#matrix-table tbody tr[data-unit='市科学技术局']")
    assert keji.locator("td.cell-lead").count() == 3 and keji.locator("td.cell-co").count() == 4
    assert keji.locator("td.cell-lead").first.inner_text().startswith("●")
    assert keji.locator("td.cell-co").first.inner_text().startswith("○")
    assert page.locator("#matrix-table thead th.col-task").count() == 18
    assert page.locator("#workload-chart svg .bar-lead").count() >= 6
    # Sort by lead count: the header toggles and reorders.
    page.click("#matrix-table th button[data-sort='lead']")
    assert page.locator("#matrix-table tbody tr").nth(1).get_attribute("data-unit") == "市科学技术局"
    _shot(page, "matrix", full_page=True)


def test_targets_view(page) -> None:
    page.goto("/targets")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.state === 'done'")
    cards = page.locator("#targets-groups .target-card")
    assert cards.count() == 16
    assert page.locator("#targets-groups section[data-group='2028']").count() == 1
    assert "科技领军及高成长性企业" in page.inner_text("#targets-groups")
    assert page.locator("#targets-year-chart svg rect.bar-year").count() >= 1
    _shot(page, "targets", full_page=True)
    page.click("#tab-industry")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.groupBy === 'industry'")
    assert page.url.endswith("/targets?by=industry")
    groups = page.locator("#targets-groups section.target-group")
    assert groups.count() >= 2
    assert page.locator("#targets-groups .target-card").count() >= 16
    assert "先进陶瓷" in page.inner_text("#targets-groups")
    _shot(page, "targets-industry", full_page=True)


def test_download_and_developer_links(page, base_url) -> None:
    page.goto("/")
    hrefs = page.eval_on_selector_all("#export-menu a", "els => els.map(e => e.getAttribute('href'))")
    assert "/api/export/ledger.xlsx" in hrefs
    for fmt in ("turtle", "json-ld", "nt", "graphml", "gexf"):
        assert f"/api/export?format={fmt}" in hrefs
    assert page.get_attribute("#link-docs", "href") == "/docs"
    assert page.get_attribute("#link-sparql", "href") == "/sparql"
    r = httpx.get(base_url + "/api/export/ledger.xlsx", timeout=30)
    assert r.status_code == 200 and r.content[:2] == b"PK"


def test_dump_dom_runs_the_scripts(base_url, tmp_path) -> None:
    """A plain headless chromium (no Playwright) sees the 7 answers: the page works without a test harness."""
    url = f"{base_url}/?q={quote(QUESTION)}"
    res = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000", "--dump-dom", url],
        capture_output=True, text=True, timeout=60,
    )
    dom = res.stdout
    assert 'id="answer-list"' in dom, res.stderr[-2000:]
    items = re.findall(r'<li class="answer-item" data-role="(lead|co)"', dom)
    assert len(items) == 7 and items.count("lead") == 3
    assert 'data-state="done"' in dom
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
