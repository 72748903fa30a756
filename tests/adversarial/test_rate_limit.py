"""The rate limit holds: spoofed X-Forwarded-For, trusted proxies, and the global ceiling of expensive routes."""
from __future__ import annotations

import random
from collections.abc import Iterator

import httpx
import pytest
from api_servers import start_server, stop_server

from api.server import proxy_options
from api.settings import Settings

SPOOF_HEADERS = ("X-Forwarded-For", "X-Real-IP", "Forwarded", "True-Client-IP", "CF-Connecting-IP")


def _spoofed(i: int) -> dict[str, str]:
    ip = f"198.51.{i // 250}.{i % 250 + 1}"
    return {"X-Forwarded-For": f"{ip}, 203.0.113.{i % 200}", "X-Real-IP": ip, "Forwarded": f"for={ip}",
            "True-Client-IP": ip, "CF-Connecting-IP": ip}


def _codes(responses: list[httpx.Response]) -> dict[int, int]:
    out: dict[int, int] = {}
    for r in responses:
        out[r.status_code] = out.get(r.status_code, 0) + 1
    return out


def _assert_429(r: httpx.Response) -> None:
    assert r.status_code == 429, r.text
    assert int(r.headers["Retry-After"]) >= 1
    assert r.json()["error"]["code"] == "rate_limited"


def test_proxy_settings_are_checked_and_passed_to_uvicorn() -> None:
    assert proxy_options(Settings()) == {"proxy_headers": False, "forwarded_allow_ips": ""}
    s = Settings.from_env({"POLICYKG_TRUSTED_PROXIES": " 10.0.0.0/24, 127.0.0.1 ,::1"})
    assert s.trusted_proxies == ("10.0.0.0/24", "127.0.0.1", "::1")
    assert proxy_options(s) == {"proxy_headers": True, "forwarded_allow_ips": ["10.0.0.0/24", "127.0.0.1", "::1"]}
    for bad in ("*", "proxy.local", "10.0.0.0/33", "127.0.0.1,*"):
        with pytest.raises(ValueError, match="POLICYKG_TRUSTED_PROXIES"):
            Settings.from_env({"POLICYKG_TRUSTED_PROXIES": bad})
    with pytest.raises(ValueError):
        Settings(trusted_proxies=("*",))  # however the settings are built


@pytest.fixture(scope="module")
def default_server(tmp_path_factory) -> Iterator[str]:
    """Default proxy settings (none trusted), 20 requests per minute per client."""
    proc, base = start_server(tmp_path_factory.mktemp("rl-default"), POLICYKG_RATE_LIMIT_PER_MINUTE="20")
    yield base
    stop_server(proc)


def test_spoofed_forwarded_for_from_loopback_does_not_reset_the_limit(default_server: str) -> None:
    # The burst, scaled: every request claims another client in every header a proxy might set.
    with httpx.Client(base_url=default_server, timeout=10) as http:
        responses = [http.get("/api/documents", headers=_spoofed(i)) for i in range(30)]
    assert [r.status_code for r in responses] == [200] * 20 + [429] * 10, _codes(responses)
    for r in responses[20:]:
        _assert_429(r)
        assert "per client" in r.json()["error"]["message"]


@pytest.fixture(scope="module")
def proxied_server(tmp_path_factory) -> Iterator[str]:
    """127.0.0.1 is a trusted proxy; 3 requests per minute per client, 8 expensive ones for everyone."""
    proc, base = start_server(
        tmp_path_factory.mktemp("rl-proxied"),
        POLICYKG_TRUSTED_PROXIES="127.0.0.1",
        POLICYKG_RATE_LIMIT_PER_MINUTE="3",
        POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="8",
    )
    yield base
    stop_server(proc)


def test_through_a_trusted_proxy_only_the_rightmost_untrusted_hop_counts(proxied_server: str) -> None:
    with httpx.Client(base_url=proxied_server, timeout=10) as http:
        # One client behind the proxy, writing a new address of its own to the left each time.
        own = [http.get("/api/documents", headers={"X-Forwarded-For": f"10.9.{i}.1, 203.0.113.7"}) for i in range(5)]
        assert [r.status_code for r in own] == [200, 200, 200, 429, 429]
        _assert_429(own[-1])
        # Another client behind the same proxy has its own budget.
        assert http.get("/api/documents", headers={"X-Forwarded-For": "203.0.113.8"}).status_code == 200
        # A chain of trusted proxies (127.0.0.1 twice) is skipped from the right.
        chained = [http.get("/api/documents", headers={"X-Forwarded-For": f"10.8.{i}.1, 203.0.113.9, 127.0.0.1"})
                   for i in range(4)]
        assert [r.status_code for r in chained] == [200, 200, 200, 429]
        assert http.get("/api/documents", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429


def test_a_socket_that_is_no_trusted_proxy_keeps_its_own_address(proxied_server: str) -> None:
    # 127.0.0.2 is loopback too, but not listed: its X-Forwarded-For is ignored.
    transport = httpx.HTTPTransport(local_address="127.0.0.2")
    with httpx.Client(base_url=proxied_server, timeout=10, transport=transport) as http:
        codes = [http.get("/api/documents", headers={"X-Forwarded-For": f"192.0.2.{i}"}).status_code for i in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_global_ceiling_on_expensive_routes(proxied_server: str) -> None:
    expensive = ["/api/export?format=nt", "/sparql", "/api/ask?q=你好", "/api/search?q=你好"]
    rng = random.Random(7)
    with httpx.Client(base_url=proxied_server, timeout=30) as http:
        # Six clients, two expensive requests each: 12 > the ceiling of 8, while each client is under its 3.
        responses = []
        for c in range(6):
            for _ in range(2):
                path = rng.choice(expensive)
                responses.append(http.get(path, headers={"X-Forwarded-For": f"192.0.2.{100 + c}"}))
        codes = [r.status_code for r in responses]
        assert codes.count(429) == 4 and all(c == 200 for c in codes[:8]), codes
        for r in responses[8:]:
            _assert_429(r)
            assert "all clients together" in r.json()["error"]["message"]
        # Cheap routes are not under the ceiling, and a refused request did not use up the client's own budget.
        cheap = [http.get("/api/documents", headers={"X-Forwarded-For": "192.0.2.105"}).status_code for _ in range(4)]
        assert cheap == [200, 200, 200, 429]
        assert http.get("/healthz").status_code == 200
