"""/api/search over real HTTP: a place or a year in the query's own words filters the documents, says so in
`scope`, leaves documents of unknown place in, falls back to the whole library when the kept ones have no hit,
and yields to explicit filters and to `words=false`."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from api_servers import CHROMIUM, ROOT, serving
from datadirs import ingest_apart

from ingest.metadata import doc_no_id

pytestmark = pytest.mark.slow

SEED = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"
PLANS = ROOT / "tests" / "data" / "plans"
LIBRARY = [SEED, PLANS / "ganzhou-nev-qiantou.txt", PLANS / "shangrao-digital-lead-co.txt",
           PLANS / "yunling-county-hemei-village.txt", PLANS / "hexi-low-altitude-measures-articles.txt"]


@pytest.fixture(scope="module")
def base_url(seed_copy: Callable[[str], Path]) -> Iterator[str]:
    data = seed_copy("search-scope")  # the seed plan ingested and embedded once per run
    ingest_apart(data, *LIBRARY)
    with serving(data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


def search(http: httpx.Client, q: str, **params: str) -> dict:
    r = http.get("/api/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def docs(http: httpx.Client) -> dict[str, dict]:
    return {d["id"]: d for d in http.get("/api/documents").json()["documents"]}


def test_a_place_in_the_words_keeps_its_documents(http, docs) -> None:
    jdz = next(d for d in docs if d.startswith("jingdezhen"))
    r = search(http, "景德镇的人才政策", k="20")
    assert r["scope"] == {"place": "景德镇", "year": None, "documents": 1, "applied": True}
    assert r["hits"] and {h["doc"] for h in r["hits"]} == {jdz}
    # Without the words' filter the same query draws on the other plans too: the filter did something.
    free = search(http, "景德镇的人才政策", k="20", words="false")
    assert "scope" not in free and {h["doc"] for h in free["hits"]} - {jdz}


def test_a_year_sets_aside_documents_known_not_to_cover_it(http, docs) -> None:
    r = search(http, "2028年乡村建设", k="20")
    ended = {d for d, row in docs.items() if row["period"] and row["period"][1] < 2028}
    assert ended, "the library needs a plan that ends before 2028"
    assert r["scope"]["year"] == 2028 and r["scope"]["place"] is None
    assert r["scope"]["documents"] == len(docs) - len(ended)
    assert r["hits"] and not {h["doc"] for h in r["hits"]} & ended


def test_a_documents_own_term_ends_its_years(http, docs) -> None:
    # Measures with no period in their title that say how long they are in force (有效期至2028年12月31日).
    hexi = doc_no_id("鹤府规〔2026〕2号")  # hexi-low-altitude-measures-articles.txt, known by its 文号
    assert docs[hexi]["period"] is None
    assert (docs[hexi]["valid_from"], docs[hexi]["valid_until"]) == ("2026-02-01", "2028-12-31")
    # In 2027 every document of this library covers the year: nothing is set aside, and the measures are found.
    kept = search(http, "2027年低空经济", k="20")
    assert "scope" not in kept and hexi in {h["doc"] for h in kept["hits"]}
    # The explicit filter (documents of a year) keeps them while in force (2027: neither the year they were issued
    # nor one of a period they do not have) and not after their term.
    assert hexi in {h["doc"] for h in search(http, "低空经济", k="20", doc_year="2027")["hits"]}
    assert hexi not in {h["doc"] for h in search(http, "低空经济", k="20", doc_year="2029")["hits"]}


def test_explicit_filters_win_over_the_words(http, docs) -> None:
    ganzhou = next(d for d in docs if d.startswith("ganzhou"))
    r = search(http, "景德镇的人才政策", doc=ganzhou)
    assert "scope" not in r and {h["doc"] for h in r["hits"]} == {ganzhou}


def test_no_hit_among_the_kept_documents_searches_the_whole_library(http, docs) -> None:
    # Lexical mode has no hit where no word occurs: 直升机 is in 景德镇's plan only, the words name 上饶.
    r = search(http, "上饶直升机", mode="lexical")
    assert r["scope"]["place"] == "上饶" and r["scope"]["applied"] is False
    assert r["hits"] and all(h["doc"].startswith("jingdezhen") for h in r["hits"])


def test_words_without_a_place_or_year_set_nothing(http) -> None:
    assert "scope" not in search(http, "企业贷款难怎么办")


def test_a_place_in_a_question_narrows_the_exact_answers(http, docs) -> None:
    shangrao = next(d for d in docs if d.startswith("shangrao"))
    everywhere = http.get("/api/ask", params={"q": "上饶市2027年要达到哪些目标", "words": "false"}).json()
    assert everywhere["intent"] == "targets" and {a["doc"] for a in everywhere["answers"]} - {shangrao}
    r = http.get("/api/ask", params={"q": "上饶市2027年要达到哪些目标"}).json()
    assert r["intent"] == "targets" and r["scope"]["place"] == "上饶市" and r["scope"]["year"] is None
    assert r["answers"] and {a["doc"] for a in r["answers"]} == {shangrao}
    # 市科技局 is each city's own: 上饶's question is not answered with 景德镇's tasks.
    unit = http.get("/api/ask", params={"q": "上饶市科技局负责哪些任务"}).json()
    assert unit["intent"] == "tasks_of_unit" and unit["answers"] and {a["doc"] for a in unit["answers"]} == {shangrao}
    # The same reading in a search's exact answer.
    s = search(http, "上饶市2027年要达到哪些目标")
    assert {a["doc"] for a in s["answer"]["answers"]} == {shangrao} and s["answer"]["scope"]["place"] == "上饶市"


def test_an_unrouted_question_falls_back_to_hits_of_the_place(http, docs) -> None:
    r = http.get("/api/ask", params={"q": "上饶数字经济怎么发展"}).json()
    assert r["intent"] == "unknown" and r["scope"]["place"] == "上饶"
    assert r["fallback"]["hits"] and all(h["doc"].startswith("shangrao") for h in r["fallback"]["hits"])


def _done(page) -> None:
    # Function predicates only: a string predicate needs eval, which the page's CSP forbids.
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('#search-results').dataset.state)")
    assert page.get_attribute("#search-results", "data-state") == "done", page.inner_text("#search-results")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_the_page_says_what_the_words_filtered_and_offers_the_whole_library(page, http, docs) -> None:
    q = "景德镇的人才政策"
    page.goto("/?q=" + q)
    _done(page)
    note = page.inner_text("#scope-note")
    assert "“景德镇”" in note and "1 份" in note, note
    shown = page.evaluate("() => Array.from(document.querySelectorAll('#hit-list li.hit-doc')).map(li => li.dataset.doc)")
    assert shown == [g["doc"] for g in search(http, q)["groups"]] and len(shown) == 1
    page.click("#scope-off")
    _done(page)
    assert "words=false" in page.url and page.locator("#scope-note").count() == 0
    everywhere = page.evaluate("() => Array.from(document.querySelectorAll('#hit-list li.hit-doc')).map(li => li.dataset.doc)")
    assert everywhere == [g["doc"] for g in search(http, q, words="false")["groups"]] and len(everywhere) > 1
