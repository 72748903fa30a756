"""A library of 49 plans in mixed formats (Word with and without automatic numbering, printed PDF, web
pages, OFD, text) ingested by one CLI command; it must answer exactly as the same plans as .txt do.

The plans: the bundled one, the 18 synthetic ones, the 28 real development documents and a
province/city pair where the city plan implements the provincial one (its 依据 link must resolve).
The search index is left out here (POLICYKG_INDEX_ON_INGEST=false) to keep the suite short: embedding
is measured by the benchmarks; this test is about reading and answering.
"""
from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from api_servers import ROOT
from renderers import LIBRARY_FORMATS, library_sources, pdf_printer, printer_missing, render_library

from api import models
from api.service import PolicyService
from api.settings import Settings
from ingest.metadata import doc_no_id

pytestmark = pytest.mark.slow

QUESTIONS = ["哪些任务由市工信局负责", "哪些任务由国家发展改革委负责", "哪些任务由工信部牵头", "哪些任务由市财政局负责"]


def answers(svc: PolicyService, question: str) -> dict[str, set[tuple[str, str]]]:
    """Per document: (task number, role) of the answer."""
    out: dict[str, set[tuple[str, str]]] = {}
    for a in svc.ask(question).answers:
        out.setdefault(a.doc, set()).add((a.number, getattr(a, "role", "") or ""))
    return out


@pytest.fixture(scope="module")
def libraries(tmp_path_factory) -> tuple[PolicyService, PolicyService, dict[str, str], models.IngestReport]:
    tmp = tmp_path_factory.mktemp("mixed-library")
    plans = library_sources(tmp)
    missing = printer_missing()
    if missing:
        made = render_library(plans, tmp / "library", None)
    else:
        with pdf_printer() as render:
            made = render_library(plans, tmp / "library", render)
    # The one command a user runs.
    env = {**os.environ, "POLICYKG_INDEX_ON_INGEST": "false"}
    run = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(tmp / "mixed"), "ingest", str(tmp / "library"), "--json"],
                         capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    report = models.IngestReport.model_validate_json(run.stdout)  # the CLI prints the service's model
    mixed = PolicyService(Settings(data_dir=tmp / "mixed", index_on_ingest=False))
    twins = PolicyService(Settings(data_dir=tmp / "txt", index_on_ingest=False))
    assert not twins.ingest_paths(plans).errors
    return mixed, twins, made, report


def test_every_format_is_in_the_library_and_every_file_ingested(libraries) -> None:
    mixed, twins, made, report = libraries
    assert len(made) >= 30
    formats = Counter(made.values())
    assert set(formats) >= set(LIBRARY_FORMATS) - ({"pdf"} if printer_missing() else set()), formats
    assert report.errors == [] and len(report.ingested) == len(made)
    assert {d.id for d in mixed.documents().documents} == {d.id for d in twins.documents().documents}


def test_each_document_has_the_items_units_and_targets_of_its_txt_twin(libraries) -> None:
    mixed, twins, made, _ = libraries
    fmt_of = {Path(name).stem: fmt for name, fmt in made.items()}

    def per_doc(svc: PolicyService) -> dict[str, Counter]:
        out: dict[str, Counter] = {}
        for t in svc.tasks().tasks:
            out.setdefault(t.doc, Counter())[(t.number, t.title, tuple(sorted(t.lead)), tuple(sorted(t.co)))] += 1
        return out

    want, got = per_doc(twins), per_doc(mixed)
    differ = {doc: fmt_of.get(doc) for doc in want if want[doc] != got.get(doc)}
    assert not differ, f"documents whose tasks or units differ from the .txt: {differ}"
    def targets(svc: PolicyService) -> Counter:
        return Counter((t.doc, t.number, t.value, t.unit, t.comparator, t.year) for t in svc.targets().targets)

    assert targets(mixed) == targets(twins) and sum(targets(twins).values()) > 100


@pytest.mark.parametrize("question", QUESTIONS)
def test_unit_questions_answer_from_every_document_grouped(libraries, question: str) -> None:
    mixed, twins, _, _ = libraries
    want = answers(twins, question)
    assert answers(mixed, question) == want
    # A city unit is named by many plans, a national one by the State Council's documents.
    assert len(want) >= (3 if "国家" in question or "工信部" in question else 5), want.keys()
    r = mixed.ask(question)
    assert r.documents is not None
    docs = [d.doc for d in r.documents]
    assert set(docs) == set(want)
    assert [a.doc for a in r.answers] == [d.doc for d in r.documents for _ in range(d.answers)]


def test_basis_links_resolve_across_formats(libraries) -> None:
    mixed, _, made, _ = libraries
    docs = {d["id"]: d for d in mixed.documents().model_dump()["documents"]}
    city, province = docs["hefei-digital-implementation"], docs[doc_no_id("皖政办〔2024〕3号")]
    assert city["cites"] == [{"title": "安徽省制造业数字化转型行动方案", "doc": doc_no_id("皖政办〔2024〕3号"), "implements": True}]
    assert province["cited_by"] == [{"doc": "hefei-digital-implementation", "implements": True}]
    # At least one of the two went through a format other than text.
    assert {fmt for name, fmt in made.items() if Path(name).name in (city["source"], province["source"])} - {"txt"}
