"""The web page in a real browser (Debian chromium driven by Playwright) against a real server.

Screenshots of each state go to test-artifacts/ (gitignored). Set
POLICYKG_UPDATE_SCREENSHOT=1 to also refresh docs/screenshot.png (the README image).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from api_servers import ARTIFACTS, CHROMIUM, FLAGS, free_port
from openpyxl import load_workbook

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CHAINS = ROOT / "tests" / "data" / "chains"
QUESTION = "哪些任务由市科技局负责"

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"chromium not found at {CHROMIUM} (`make browser` installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    """The seed plan, the two small test chains and the test enterprise register in a fresh data dir,
    served by uvicorn in a subprocess.

    The chain maps under corpus/ are left out: they name the same clusters (先进陶瓷, 航空) as the
    test chains, and the page tests pin the test chains' segments and statuses.
    """
    from api.service import PolicyService
    from api.settings import Settings
    from ingest.reader import collect_files

    data = tmp_path_factory.mktemp("page-data")
    plans = [f for f in collect_files([ROOT / "corpus"])[0] if f.suffix.lower() not in (".yaml", ".yml")]
    service = PolicyService(Settings(data_dir=data))
    report = service.ingest_paths([*plans, CHAINS / "mini-ceramics.yaml", CHAINS / "mini-helicopter.yaml"])
    assert not report.errors, report.errors
    imported = service.import_enterprises("register.csv", (ROOT / "tests" / "data" / "enterprises" / "register.csv").read_bytes())
    assert imported.imported == 3, imported
    port = free_port()
    log = (tmp_path_factory.mktemp("page-log") / "server.log").open("wb")
    env = {**os.environ, "POLICYKG_HOST": "127.0.0.1", "POLICYKG_RATE_LIMIT_PER_MINUTE": "100000",
           "POLICYKG_STRICT_RESPONSES": "1"}
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


def test_hidden_controls_stay_hidden(page) -> None:
    """A library of one plan shows no document filter bar (until the address holds a filter), and the
    incentive kind selector shows only on its tab: the page's hidden controls are not drawn."""
    page.goto("/?q=哪些任务由市科技局负责")
    page.wait_for_function("() => document.querySelector('#search-results').dataset.state === 'done'")
    page.wait_for_function("() => document.querySelector('#doc-filter').hidden")
    assert not page.is_visible("#doc-filter")
    page.goto("/matrix?level=city")
    page.wait_for_function("() => document.querySelector('#matrix-table').dataset.state === 'done'")
    page.wait_for_function("() => !document.querySelector('#doc-filter').hidden")
    assert page.is_visible("#doc-filter") and page.input_value("#filter-level") == "city"
    page.goto("/targets")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.state === 'done'")
    assert not page.is_visible("#incentive-filter")
    page.click("#tab-incentive")
    page.wait_for_function("() => location.search.includes('by=incentive')")
    assert page.is_visible("#incentive-filter")


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
    # The ledger the page's menu downloads, as the browser gets it: task 2's own 2026年底前, not the plan's end.
    with page.expect_download() as info:
        page.evaluate("() => document.querySelector(\"#export-menu a[href='/api/export/ledger.xlsx']\").click()")
    rows = {row[2]: row for row in load_workbook(io.BytesIO(Path(info.value.path()).read_bytes())).active.iter_rows(values_only=True)}
    assert rows["2"][7] == "2026年底前" and rows["1"][7] == "2028年底（方案期末）"


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


# ---------------------------------------------------------------- industry chains
def _wait_chain(page, chain: str | None = None) -> None:
    page.wait_for_function(
        "(chain) => { const d = document.querySelector('#chain-diagram');"
        " return ['ready', 'error', 'empty'].includes(d.dataset.state) && (!chain || d.dataset.chain === chain); }",
        arg=chain,
    )
    assert page.get_attribute("#chain-diagram", "data-state") == "ready", page.inner_text("#chain-message")


def _seg(segment_id: str) -> str:
    return f"#chain-diagram g.seg[data-segment-id='{segment_id}']"


def _box_style(page, segment_id: str) -> dict:
    return page.evaluate(
        "(id) => { const r = document.querySelector(`#chain-diagram g.seg[data-segment-id='${id}'] rect.seg-box`), cs = getComputedStyle(r);"
        " const b = r.getBoundingClientRect(); return {fill: cs.fill, stroke: cs.stroke, x: b.left, y: b.top}; }",
        segment_id,
    )


def test_chain_view_ceramics_diagram_and_segment_panel(page, base_url) -> None:
    page.goto("/chains?cluster=" + quote("先进陶瓷"))
    _wait_chain(page)
    assert page.get_attribute("body", "data-view") == "chains"
    assert page.get_attribute("nav.main-nav a[href='/chains']", "aria-current") == "page"
    assert page.get_attribute("#chain-diagram", "data-chain") == "mini-ceramics"
    assert page.get_attribute("#chain-diagram", "data-segment-count") == "4"
    assert page.get_attribute("#chain-diagram", "data-edge-count") == "4"  # powder -> 2 components -> applications
    assert sorted(page.get_attribute("#chain-diagram", "data-status").split(",")) == ["gap", "present", "weak", "weak"]
    assert page.locator("#chain-diagram g.seg").count() == 4
    statuses = {
        page.get_attribute(f"#chain-diagram g.seg[data-label='{label}']", "data-status")
        for label in ("压电陶瓷", "片式元器件")
    }
    assert statuses == {"weak"}
    assert page.get_attribute("#chain-diagram g.seg[data-label='电子信息应用']", "data-status") == "gap"
    assert page.get_attribute("#chain-diagram g.seg[data-label='氧化铝粉体']", "data-status") == "present"
    # Stages left to right, colours by status, a star on the policy priorities.
    up, mid, down = (_box_style(page, i) for i in ("alumina-powder", "piezo", "electronics"))
    assert up["x"] < mid["x"] < down["x"]
    assert [t.strip() for t in page.locator("#chain-diagram .band-title").all_text_contents()] == ["上游", "中游", "下游"]
    assert down["fill"] == "rgb(254, 226, 226)" and down["stroke"] == "rgb(220, 38, 38)"  # gap: red
    assert up["fill"] == "rgb(220, 252, 231)" and up["stroke"] == "rgb(22, 163, 74)"  # present: green
    assert mid["stroke"] == "rgb(217, 119, 6)"  # weak: amber
    assert page.get_attribute(_seg("alumina-powder"), "data-priority") == "true"
    assert page.locator(_seg("alumina-powder") + " .seg-star").count() == 1
    assert page.locator("#register-notice").count() == 0
    # Guide downloads for this chain.
    for fmt, head in (("xlsx", b"PK"), ("html", b"<!doctype html>"), ("md", "# 先进陶瓷".encode())):
        href = page.get_attribute(f"#guide-{fmt}", "href")
        assert href == f"/api/chains/{quote('先进陶瓷')}/guide.{fmt}"
        r = httpx.get(base_url + href, timeout=30)
        assert r.status_code == 200 and r.content.startswith(head), (fmt, r.content[:60])

    page.click(_seg("alumina-powder"))
    page.wait_for_function("() => document.querySelector('#segment-panel').dataset.segmentId === 'alumina-powder'")
    assert "segment=alumina-powder" in page.url
    assert page.get_attribute("#chain-diagram", "data-selected") == "alumina-powder"
    panel = page.locator("#segment-panel")
    assert "氧化铝粉体" in panel.locator(".panel-title").inner_text()
    item = panel.locator(".policy-item", has_text="优化产业集群规划布局")
    assert item.count() == 1
    assert "大力推动氧化铝粉体" in item.locator("blockquote").inner_text()
    assert item.locator("mark", has_text="氧化铝粉体").count() == 1
    assert item.locator("a.task-link").get_attribute("href") == "/graph?focus=" + quote("jingdezhen-cluster-plan-2026-2028.1")
    source = item.locator("a.source-link").get_attribute("href")
    assert re.fullmatch(r"/doc/jingdezhen-cluster-plan-2026-2028#\d+-\d+", source), source
    assert "测试甲粉体有限公司" in panel.locator(".sec-enterprises").inner_text()
    assert "市工业和信息化局" in panel.locator(".sec-units").inner_text()
    assert "昌南新区" in panel.locator(".sec-regions").inner_text()
    assert "测试依据一" in panel.locator(".sec-source").inner_text()
    _shot(page, "chains-ceramics", full_page=True)

    # The source link opens the plan at that sentence; back returns to the selected segment.
    item.locator("a.source-link").click()
    page.wait_for_function("() => document.querySelector('#doc-text').dataset.state === 'done'")
    assert "氧化铝粉体" in page.inner_text("#doc-highlight")
    page.go_back()
    _wait_chain(page)
    page.wait_for_function("() => document.querySelector('#segment-panel').dataset.segmentId === 'alumina-powder'")
    # Segments are keyboard-operable too.
    page.focus(_seg("electronics"))
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#segment-panel').dataset.segmentId === 'electronics'")
    assert "企业名录中没有该环节的企业" in page.inner_text("#segment-panel")


def test_chain_view_default_selector_and_aviation(page) -> None:
    page.goto("/")
    page.click("nav.main-nav a[href='/chains']")
    _wait_chain(page)
    assert page.evaluate("() => new URLSearchParams(location.search).get('cluster')") == "先进陶瓷"  # the first chain
    page.select_option("#chain-select", "航空")
    _wait_chain(page, "mini-helicopter")
    assert page.evaluate("() => new URLSearchParams(location.search).get('cluster')") == "航空"
    page.goto("/chains?cluster=" + quote("航空"))
    _wait_chain(page, "mini-helicopter")
    assert page.input_value("#chain-select") == "航空"
    assert page.get_attribute("#chain-diagram", "data-segment-count") == "3"
    assert page.get_attribute("#chain-diagram", "data-status") == "gap,gap,gap"
    assert "高新区" in page.inner_text("#chain-regions")
    page.click(_seg("helicopter"))
    page.wait_for_function("() => document.querySelector('#segment-panel').dataset.segmentId === 'helicopter'")
    assert "高新区" in page.inner_text("#segment-panel .sec-regions")
    _shot(page, "chains-aviation", full_page=True)
    page.goto("/chains?cluster=" + quote("不存在的产业"))
    page.wait_for_function("() => document.querySelector('#chain-diagram').dataset.state === 'error'")
    assert "没有“不存在的产业”的产业链图谱" in page.inner_text("#chain-message")


def test_chain_view_without_register(page) -> None:
    """No enterprise register: a notice, every segment 待核实 (the server's answer rewritten in flight)."""
    def no_register(route) -> None:
        resp = route.fetch()
        data = resp.json()
        data["register"] = {"loaded": False, "enterprises": 0}
        for seg in data["segments"]:
            seg.update(status="unknown", enterprises=[], enterprise_details=[],
                       reasons=["未导入企业名录，无法判断本地是否已有该环节企业", *seg["reasons"][1:]])
        route.fulfill(response=resp, json=data)

    page.route(re.compile(r"/api/chains/[^/?]+$"), no_register)
    page.goto("/chains?cluster=" + quote("先进陶瓷"))
    _wait_chain(page)
    assert "未导入企业名录" in page.inner_text("#register-notice")
    assert page.get_attribute("#chain-diagram", "data-status") == "unknown,unknown,unknown,unknown"
    assert _box_style(page, "piezo")["fill"] == "rgb(241, 245, 249)"  # grey
    page.click(_seg("piezo"))
    page.wait_for_function("() => document.querySelector('#segment-panel').dataset.segmentId === 'piezo'")
    assert "未导入企业名录" in page.inner_text("#segment-panel .sec-enterprises")
    _shot(page, "chains-no-register", full_page=True)
