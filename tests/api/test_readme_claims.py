"""The README's opening claims hold on the bundled plan, as a server from `make run` answers them."""
from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from api_servers import ROOT

pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def http(server: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=120) as client:
        yield client


def test_the_paraphrased_loan_question_finds_the_finance_task(http) -> None:
    assert re.search(r"`企业贷款难怎么办` →\s+the finance task", README), "the README no longer makes this claim"
    # The claim is the hybrid search's (the default mode; e5 alone puts 发掘扶持高成长企业 first, measured).
    r = http.get("/api/search", params={"q": "企业贷款难怎么办"}).json()
    # 任务14 增强金融服务质效 is the plan's finance task (授信, 供应链金融, 科技金融); it must lead the list.
    assert r["hits"][0]["title"] == "增强金融服务质效", [h["title"] for h in r["hits"][:5]]
    assert r["relevant"] is True


def test_the_unit_question_lists_exactly_its_tasks_with_the_lead_ones_marked(http) -> None:
    claim = re.search(r"`哪些任务由市科技局负责` → exactly the (\d+) tasks that list\s+市科技局, the (\d+) it leads marked", README)
    assert claim, "the README no longer makes this claim"
    r = http.get("/api/ask", params={"q": "哪些任务由市科技局负责"}).json()
    roles = [a["role"] for a in r["answers"]]
    assert (len(roles), roles.count("lead")) == (int(claim.group(1)), int(claim.group(2))), roles
