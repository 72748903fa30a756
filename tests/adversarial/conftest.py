"""Real servers for the adversarial tests (tests/api_servers.py starts them)."""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from api_servers import TOKEN, serving

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # xlsx_bombs


@pytest.fixture(scope="module")
def seeded_server(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    """A server over its own copy of the seed plan (its tests import a register): token set, small register limits,
    no rate limit in the way."""
    with serving(
        seed_copy("seeded"),
        POLICYKG_API_TOKEN=TOKEN,
        POLICYKG_RATE_LIMIT_PER_MINUTE="100000",
        POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="100000",
        POLICYKG_REGISTER_MAX_ROWS="50",
        POLICYKG_REGISTER_MAX_CHARS="20000",
    ) as base:
        yield base
