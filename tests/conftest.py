"""Shared fixtures: the lexicon and segmenter load once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lexicon import Lexicon, Segmenter, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def seg(lexicon: Lexicon) -> Segmenter:
    return Segmenter(lexicon)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
