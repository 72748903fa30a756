"""Page behaviours that failed before (issue: one typed contract … a page that never shows its seams):
display names in the graph's focus box, a complete legend, a readable depth-2 view, graph nodes reachable by
keyboard, Esc on menus, and no horizontal overflow on a 390 px phone."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_servers import ARTIFACTS, CHROMIUM, serving

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"chromium not found at {CHROMIUM} (`make browser` installs it)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")

SEED = "jingdezhen-cluster-plan-2026-2028"


@pytest.fixture(scope="module")
def base_url(seed_data: Path) -> Iterator[str]:
    with serving(seed_data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


def _graph_ready(page) -> None:
    page.wait_for_function("() => ['ready', 'error'].includes(document.querySelector('#cy').dataset.state)")
    assert page.get_attribute("#cy", "data-state") == "ready"


def test_graph_focus_box_shows_a_name_not_an_id(page) -> None:
    page.goto(f"/graph?focus={SEED}.4")
    _graph_ready(page)
    value = page.input_value("#graph-focus")
    assert value and SEED not in value and "提升协同创新能力" in value
    # Submitting the unchanged box keeps the same focus (the id stays behind the name).
    page.click("#graph-form button[type=submit]")
    _graph_ready(page)
    assert f"focus={SEED}.4" in page.url


def test_legend_names_every_node_type_shown_and_depth_two_is_thinned(page) -> None:
    page.goto("/graph?focus=市工信局&depth=2")
    _graph_ready(page)
    shown = set(page.eval_on_selector_all("#graph-node-list button", "els => els.map(e => e.dataset.type)"))
    legend = set(page.eval_on_selector_all("#graph-legend .legend-item[data-type]", "els => els.map(e => e.dataset.type)"))
    assert shown and shown <= legend, shown - legend
    count = int(page.get_attribute("#cy", "data-node-count"))
    assert count > 30 and page.locator("#graph-node-list button").count() == count
    # Crowded: only orienting nodes keep their labels on the canvas; a selected one shows its own.
    labelled = page.evaluate("() => window.__cy.nodes().filter(n => !n.hasClass('quiet')).length")
    assert 0 < labelled < count / 2, (labelled, count)
    page.screenshot(path=str(ARTIFACTS / "graph-depth2.png"))


def test_graph_nodes_are_reachable_by_keyboard(page) -> None:
    page.goto("/graph?focus=市科技局")
    _graph_ready(page)
    page.click("#graph-nodes > summary")
    before = int(page.get_attribute("#cy", "data-node-count"))
    button = page.locator("#graph-node-list button[data-type=task]").first
    node = button.get_attribute("data-node")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#node-panel').textContent.includes('任务')")
    # Enter expands the node like a click; when the graph (and the list) is redrawn the focus stays on that node.
    page.wait_for_function("(n) => +document.querySelector('#cy').dataset.nodeCount > n"
                           " && document.querySelector('#cy').dataset.state === 'ready'", arg=before)
    assert page.evaluate("() => document.activeElement.dataset.node") == node


def test_escape_closes_the_header_menus(page) -> None:
    page.goto("/")
    page.click("#export-menu > summary")
    assert page.get_attribute("#export-menu", "open") is not None
    page.keyboard.press("Escape")
    assert page.get_attribute("#export-menu", "open") is None
    assert page.evaluate("() => document.activeElement === document.querySelector('#export-menu > summary')")


@pytest.mark.parametrize("path", ["/?q=科技局负责什么", "/graph", "/matrix", "/targets", "/targets?by=industry",
                                  "/chains", "/library", f"/doc/{SEED}"])
def test_no_horizontal_overflow_at_390_px(browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=base_url, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        width = page.evaluate("() => document.documentElement.scrollWidth")
        name = path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-") or "search"
        page.screenshot(path=str(ARTIFACTS / f"phone-{name[:40]}.png"), full_page=True)
        assert width <= 390, f"{path}: the page is {width} px wide on a 390 px screen"
    finally:
        context.close()


def test_sparql_in_a_browser_is_an_editor_and_clients_keep_the_protocol(browser, base_url: str) -> None:
    import httpx

    context = browser.new_context(base_url=base_url, locale="zh-CN")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    try:
        page.goto("/sparql")
        page.wait_for_selector("#yasgui[data-state=ready] .CodeMirror")
        assert page.locator("#sparql-examples button").count() >= 3
        page.click("#sparql-examples button:has-text('市科技局牵头的任务')")
        page.wait_for_selector(".yasr table, .yasr .dataTable", timeout=20_000)
        table = page.inner_text(".yasr")
        assert "提升协同创新能力" in table
        page.screenshot(path=str(ARTIFACTS / "sparql-editor.png"), full_page=True)
        assert outside == [], f"the editor fetched from elsewhere: {outside}"
    finally:
        context.close()
    # A program still gets the protocol: a description in JSON without a query, results with one.
    r = httpx.get(f"{base_url}/sparql", headers={"Accept": "application/json"})
    assert r.status_code == 200 and r.json()["protocol"].startswith("SPARQL 1.1")
    r = httpx.get(f"{base_url}/sparql", params={"query": "ASK { ?s ?p ?o }"},
                  headers={"Accept": "text/html,application/xhtml+xml,*/*"})
    assert r.status_code == 200 and "html" not in r.headers["content-type"]


def test_an_unknown_address_is_a_chinese_page_for_people_and_json_for_programs(page, base_url: str) -> None:
    import httpx

    response = page.goto("/no/such/page")
    assert response is not None and response.status == 404
    page.wait_for_function("() => document.body.dataset.view === 'notfound'")
    assert "页面不存在" in page.inner_text("body")
    r = httpx.get(f"{base_url}/api/no-such-route")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = httpx.get(f"{base_url}/no/such/page", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
