"""Real servers for the adversarial tests: the helpers of tests/api/conftest.py, loaded by path."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


@contextmanager
def serving_a_copy(seed_data: Path, folder: Path) -> Iterator[str]:
    """A server that writes: its own copy of the seed library, token set, no rate limit in the way."""
    data = folder / "data"
    shutil.copytree(seed_data, data)
    with serving(data, POLICYKG_API_TOKEN=TOKEN, POLICYKG_RATE_LIMIT_PER_MINUTE="1000000",
                 POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE="1000000") as url:
        yield url
