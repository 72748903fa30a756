"""Real servers for the adversarial tests: the helpers of tests/api/conftest.py, loaded by path."""
from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # xlsx_bombs

_spec = importlib.util.spec_from_file_location("policykg_api_test_server", HERE.parent / "api" / "conftest.py")
assert _spec and _spec.loader
_api = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_api)
ROOT, TOKEN, start_server, stop_server, serving = (
    _api.ROOT, _api.TOKEN, _api.start_server, _api.stop_server, _api.serving)
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def seeded_server(seed_data: Path) -> Iterator[str]:
    """A server over the seed plan: token set, small register limits, no rate limit in the way."""
    with serving(
        seed_data,
        POLICYKG_API_TOKEN=TOKEN,
        POLICYKG_RATE_LIMIT_PER_MINUTE="100000",
        POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="100000",
        POLICYKG_REGISTER_MAX_ROWS="50",
        POLICYKG_REGISTER_MAX_CHARS="20000",
    ) as base:
        yield base
