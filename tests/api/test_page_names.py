"""Unit names on the page resolve through aliases and short names, and a name that resolves to none gets
"did you mean" suggestions: in the structured answer, the matrix filter and the API's error.

Each of these failed before: 科技局负责什么 said 科技局 was no responsible unit, the matrix filter found no row
for 市科技局 or 工信局, and a typo (市科机局) got no suggestion.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import ARTIFACTS, CHROMIUM, serving

pytestmark = pytest.mark.slow

if not Path(CHROMIUM).exists():  # pragma: no cover - depends on the machine
    pytest.skip(f"chromium not found at {CHROMIUM} (`make browser` installs it)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url(seed_data: Path) -> Iterator[str]:
    with serving(seed_data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


def _ask(page, question: str) -> None:
    page.goto("/")
    page.fill("#q", question)
    page.press("#q", "Enter")
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('#search-results').dataset.state)")


def test_a_short_unit_name_gets_the_units_tasks(page) -> None:
    _ask(page, "科技局负责什么")
    assert page.get_attribute("#answer", "data-intent") == "tasks_of_unit"
    assert page.locator("#answer-list > li.answer-item").count() == 7
    assert "市科学技术局" in page.inner_text("#answer .entities")


def test_a_mistyped_unit_gets_suggestions_that_ask_again(page) -> None:
    _ask(page, "市科机局负责什么")
    assert page.locator("#answer-list > li.answer-item").count() == 0
    chip = page.locator("#answer .suggestions a.suggestion")
    assert chip.count() >= 1 and chip.first.get_attribute("data-unit") == "市科学技术局"
    page.screenshot(path=str(ARTIFACTS / "names-suggestion.png"))
    chip.first.click()
    page.wait_for_function("() => document.querySelector('#search-results').dataset.state === 'done'"
                           " && document.querySelectorAll('#answer-list > li.answer-item').length === 7")
    assert page.evaluate("() => new URLSearchParams(location.search).get('q')") == "市科学技术局负责什么"


@pytest.mark.parametrize("typed, unit", [("市科技局", "市科学技术局"), ("科技局", "市科学技术局"),
                                         ("工信局", "市工业和信息化局"), ("市人社局", "市人力资源和社会保障局"),
                                         ("发改委", "市发展和改革委员会")])
def test_matrix_filter_finds_a_unit_by_any_of_its_names(page, typed: str, unit: str) -> None:
    page.goto("/matrix")
    page.wait_for_function("() => document.querySelector('#matrix-table').dataset.state === 'done'")
    page.fill("#matrix-filter", typed)
    rows = page.locator("#matrix-table tbody tr[data-unit]")
    page.wait_for_function("() => document.querySelectorAll('#matrix-table tbody tr[data-unit]').length >= 1")
    assert unit in [rows.nth(i).get_attribute("data-unit") for i in range(rows.count())]


def test_matrix_filter_suggests_for_a_typo(page) -> None:
    page.goto("/matrix")
    page.wait_for_function("() => document.querySelector('#matrix-table').dataset.state === 'done'")
    page.fill("#matrix-filter", "市科机局")
    page.wait_for_selector("#matrix-table .suggestions button.suggestion")
    assert page.locator("#matrix-table tbody tr[data-unit]").count() == 0
    page.click("#matrix-table .suggestions button[data-unit='市科学技术局']")
    assert page.input_value("#matrix-filter") == "市科学技术局"
    assert page.locator("#matrix-table tbody tr[data-unit='市科学技术局']").count() == 1


def test_unknown_unit_error_carries_its_suggestions(base_url: str) -> None:
    r = httpx.get(f"{base_url}/api/tasks", params={"unit": "市科机局"})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "unknown_unit"
    assert r.json()["error"]["params"] == {"name": "市科机局", "suggestions": ["市科学技术局"]}
    assert len(httpx.get(f"{base_url}/api/tasks", params={"unit": "科技局"}).json()["tasks"]) == 7
    graph = httpx.get(f"{base_url}/api/graph", params={"focus": "科技局"}).json()
    assert "市科学技术局" in {n["label"] for n in graph["nodes"]}


def test_an_off_topic_question_says_nothing_was_found(page, base_url: str) -> None:
    """今天天气怎么样 used to list ten tasks as if they answered it."""
    _ask(page, "今天天气怎么样")
    assert page.get_attribute("#hits", "data-relevant") == "false"
    assert "没有找到相关内容" in page.inner_text("#no-result")
    assert not page.locator("#hit-list").is_visible()  # the nearest hits wait behind a disclosure
    page.click("details.nearest > summary")
    assert page.locator("#hit-list > li.hit").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search-off-topic.png"))
    # An on-topic question in other words still gets its hits in plain view.
    _ask(page, "企业贷款难怎么办")
    assert page.get_attribute("#hits", "data-relevant") == "true"
    assert page.locator("#no-result").count() == 0 and page.locator("#hit-list > li.hit").count() >= 5
    r = httpx.get(f"{base_url}/api/ask", params={"q": "今天天气怎么样"}).json()
    assert r["intent"] == "unknown" and r["fallback"]["relevant"] is False


def test_targets_agree_between_the_answer_and_the_industry_tab(page, base_url: str) -> None:
    """直升机产业有哪些目标 answered 3 targets while the 按产业 tab showed 航空 with 0."""
    asked = httpx.get(f"{base_url}/api/ask", params={"q": "直升机产业有哪些目标"}).json()
    assert asked["intent"] == "targets" and len(asked["answers"]) >= 1
    page.goto("/targets?by=industry")
    page.wait_for_function("() => document.querySelector('#targets-groups').dataset.groupBy === 'industry'")
    aviation = page.locator("#targets-groups section[data-group='航空']")
    assert aviation.locator(".target-card").count() == len(
        httpx.get(f"{base_url}/api/targets", params={"industry": "航空"}).json()["targets"]) >= len(asked["answers"])
    # The plan-wide goals that cover every leading cluster say so, instead of hiding under 未关联具体产业.
    wide = aviation.locator(".target-card[data-plan-wide=true]")
    assert wide.count() >= 1 and "规划总体目标" in wide.first.inner_text()
    shown = {c for c in page.locator("#targets-groups section[data-group='航空'] .target-metric").all_inner_texts()}
    assert {a["metric"] for a in asked["answers"]} <= shown


def test_a_chain_question_renders_segment_cards_not_json(page) -> None:
    """先进陶瓷产业链缺哪些环节 showed raw {"segment": …} JSON in the 精确答案 box."""
    _ask(page, "先进陶瓷产业链缺哪些环节")
    assert page.get_attribute("#answer", "data-intent") == "chain_gaps"
    text = page.inner_text("#answer")
    assert '{"' not in text and '"segment"' not in text
    items = page.locator("#answer-list > li.answer-item")
    assert items.count() >= 3
    first = items.first
    assert first.get_attribute("data-segment") and first.locator(".status-pill").count() == 1
    assert first.locator(".answer-title").inner_text().strip()
    link = first.locator("a[href^='/chains?cluster=']")
    assert "segment=" in link.get_attribute("href")
    page.screenshot(path=str(ARTIFACTS / "search-chain-gaps.png"), full_page=True)
    link.click()
    page.wait_for_function("() => document.body.dataset.view === 'chains'")
