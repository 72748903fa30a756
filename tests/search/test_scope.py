"""Filters a question's words set: a place sets aside documents known to be elsewhere, a year those known not to
cover it; documents whose place or years are unknown, and national ones, stay."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.parse import parse_plan
from ingest.reader import read_plan_file
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.query import KG
from search.scope import read_scope

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SEED = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"

NATIONAL = """国务院关于促进中小企业发展的指导意见
国发〔2026〕3号
各省、自治区、直辖市人民政府：
一、加大融资支持。鼓励银行增加中小企业贷款。
二、强化人才支撑。支持中小企业引进高校毕业生。
国务院
2026年3月1日
"""
NOWHERE = """关于做好人才工作的通知
一、加强人才引进。各单位要做好高校毕业生引进工作。
二、完善人才服务。建立人才服务专窗。
"""


@pytest.fixture(scope="module")
def library(lexicon, seg) -> KG:
    plans = [parse_plan(SEED.read_text(encoding="utf-8"), SEED.name, lexicon, seg)]
    for name in ("ganzhou-nev-qiantou.txt", "shangrao-digital-lead-co.txt", "yunling-county-hemei-village.txt"):
        plans.append(parse_plan(read_plan_file(DATA / "plans" / name), name, lexicon, seg))
    plans.append(parse_plan(NATIONAL, "national.txt", lexicon, seg))
    plans.append(parse_plan(NOWHERE, "nowhere.txt", lexicon, seg))
    g = lexicon_graph(lexicon)
    for p in plans:
        g += plan_graph(p, UnitResolver(lexicon, p.region))
    return KG(g)


def docs(kg: KG) -> dict[str, str]:
    """Document ids by a short name, the first word of the file name (ids with a 文号 are made from it)."""
    return {(r.source or r.id).split("-")[0].split(".")[0]: r.id for r in kg.documents()}


def test_a_place_sets_aside_only_documents_known_to_be_elsewhere(library: KG) -> None:
    ids = docs(library)
    scope = read_scope(library, "景德镇的人才政策有哪些")
    assert scope is not None and scope.place == "景德镇" and scope.year is None
    assert ids["jingdezhen"] in scope.docs
    assert ids["national"] in scope.docs  # national: applies everywhere
    assert ids["nowhere"] in scope.docs  # no place read: not known to be elsewhere
    assert not {ids["ganzhou"], ids["shangrao"], ids["yunling"]} & scope.docs
    assert read_scope(library, "景德镇市的人才政策").docs == scope.docs  # the full name too


def test_a_year_sets_aside_documents_known_not_to_cover_it(library: KG) -> None:
    ids = docs(library)
    scope = read_scope(library, "2028年的人才政策")
    assert scope is not None and scope.place is None and scope.year == 2028
    periods = {r.id: r.period for r in library.documents()}
    assert periods[ids["jingdezhen"]] == [2026, 2028] and periods[ids["shangrao"]] == [2025, 2027]
    assert set(ids.values()) - scope.docs == {ids["shangrao"]}  # the one document known to end before 2028
    # Every document covers 2027 or has no years read: nothing to set aside.
    assert read_scope(library, "2027年的人才政策") is None
    # After the place, the year sets nothing more aside (景德镇's plan covers 2028): it is not reported as a filter.
    both = read_scope(library, "景德镇2028年的人才政策")
    assert both is not None and (both.place, both.year) == ("景德镇", None)
    assert both.docs == {ids["jingdezhen"], ids["national"], ids["nowhere"]}
    # 上饶's only dated plan ends in 2027: a year that would leave no dated document is a target year, not a filter.
    shangrao = read_scope(library, "上饶2028年的人才政策")
    assert shangrao is not None and (shangrao.place, shangrao.year) == ("上饶", None)
    assert shangrao.docs == {ids["shangrao"], ids["national"], ids["nowhere"]}


def test_words_that_set_nothing_aside_give_no_scope(library: KG) -> None:
    assert read_scope(library, "企业贷款难怎么办") is None
    # A year no document's period or term includes is a target year, not a filter: the national document, dated
    # 2026-03-01 by its signature and with no period, covers 2049 only by having been issued before it.
    assert {r.id: r.date for r in library.documents()}[docs(library)["national"]] == "2026-03-01"
    assert read_scope(library, "到2049年要达到什么水平") is None
    # Two years: which one filters is not clear from the words alone.
    assert read_scope(library, "2026年和2027年的目标") is None


def test_an_issue_date_starts_a_documents_years_and_does_not_end_them() -> None:
    from kg.query import DocumentRow
    from search.scope import _covers

    row = DocumentRow(id="d", title=None, office=None, date="2026-03-01", printed=None, period=None, source=None,
                      items=0, references=[], doc_no=None, kind=None, level=None, cites=[], cited_by=[])
    assert _covers(row, 2027) is True and _covers(row, 2026) is True and _covers(row, 2025) is False
    assert _covers(DocumentRow(**{**row.__dict__, "date": None}), 2027) is None
    assert _covers(DocumentRow(**{**row.__dict__, "period": [2026, 2028]}), 2029) is False


def test_a_term_the_document_gives_itself_ends_its_years() -> None:
    from kg.query import DocumentRow
    from search.scope import _covers

    # 有效期至2023年12月31日, issued 2023-02-02 (heldout27/c-nanjing-2023-economic-recovery-measures)
    row = DocumentRow(id="d", title=None, office=None, date="2023-02-02", printed=None, period=None, source=None,
                      items=0, references=[], doc_no=None, kind=None, level=None, cites=[], cited_by=[],
                      valid_from="2023-02-02", valid_until="2023-12-31")
    assert _covers(row, 2023) is True and _covers(row, 2024) is False and _covers(row, 2022) is False
    # A term without a start counts from the issue date, and with neither, ends only.
    assert _covers(DocumentRow(**{**row.__dict__, "valid_from": None, "date": None}), 2020) is True
    # A plan's own period outranks the term (it says what the plan is for, not how long it is in force).
    assert _covers(DocumentRow(**{**row.__dict__, "period": [2023, 2025]}), 2025) is True
