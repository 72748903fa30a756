"""Fixtures over a real server (uvicorn on 127.0.0.1, a free port) and a real browser; the helpers that start
them are tests/api_servers.py's."""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_servers import ARTIFACTS, CHROMIUM, FLAGS, TOKEN, VIEWPORT, serving

from api.service import PolicyService


@pytest.fixture(scope="session")
def server(seed_data: Path) -> Iterator[str]:
    with serving(seed_data, POLICYKG_API_TOKEN=TOKEN, POLICYKG_SPARQL_TIMEOUT_S="2",
                 POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


@pytest.fixture
def closed_services(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every service a test makes is closed after it. Left open, one keeps retrying its background rebuild against a
    Milvus server the test has stopped, and a later server on the same port (the OS hands ports out again) receives
    those connection attempts: a rate-limit test once counted them as its own client's requests. The closes run
    beside the next tests (a rebuild under way may take its timeout to give up); each stops the retries at once."""
    made: list[PolicyService] = []
    init = PolicyService.__init__

    def tracked(self: PolicyService, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(PolicyService, "__init__", tracked)
    yield
    for svc in made:
        threading.Thread(target=svc.close, name="policykg-close-after-test", daemon=True).start()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    ARTIFACTS.mkdir(exist_ok=True)
    pw = pytest.importorskip("playwright.sync_api").sync_playwright().start()
    b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    """A client of the module's server (`base_url`); modules with another server define their own."""
    with httpx.Client(base_url=base_url, timeout=120) as client:
        yield client


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


