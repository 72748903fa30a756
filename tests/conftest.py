"""Shared fixtures: the lexicon and segmenter load once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.lexicon import Lexicon, Segmenter, load_lexicon
from ingest.parse import parse_plan
from ingest.reader import read_plan_file
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.query import KG

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


@pytest.fixture(scope="session")
def seed_graph(seed_text, lexicon, seg):
    plan = parse_plan(seed_text, "jingdezhen-cluster-plan-2026-2028.txt", lexicon, seg)
    other = parse_plan(read_plan_file(DATA / "plans" / "ganzhou-nev-qiantou.txt"), "ganzhou-nev-qiantou.txt", lexicon, seg)
    g = lexicon_graph(lexicon)
    for p in (plan, other):
        g += plan_graph(p, UnitResolver(lexicon, p.region))
    return g


@pytest.fixture(scope="session")
def kg(seed_graph) -> KG:
    return KG(seed_graph)


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory) -> Path:
    """A data directory with the seed plan ingested and indexed, shared by every server the tests start.

    Built by the CLI in a process of its own: the process that opens a graph store owns it until it exits, and
    the servers the tests start should own theirs, as in production, not hand every request to the test runner.
    """
    from datadirs import ingest_apart

    data = tmp_path_factory.mktemp("served")
    ingest_apart(data, ROOT / "corpus")
    return data

