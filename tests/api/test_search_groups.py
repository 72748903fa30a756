"""/api/search over real HTTP and on the page in Chromium, on a library of three documents: each hit's highlights
mark the query's terms in its snippet, and the hits are grouped by document (titles from the graph); the page shows
them under a heading per document, terms in <mark>, and a document's markup as text.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import yaml
import zhconv
from api_servers import ARTIFACTS, CHROMIUM, ROOT, serving
from datadirs import ingest_apart

pytestmark = pytest.mark.slow

CONCEPTS = [(c["label"], *c.get("alt", ())) for c in
            yaml.safe_load((ROOT / "ingest" / "data" / "thesaurus.yaml").read_text(encoding="utf-8"))["concepts"]]

SEED = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"
GANZHOU = ROOT / "tests" / "data" / "plans" / "ganzhou-nev-qiantou.txt"
HOSTILE = "hl-plan"  # the document id of the plan below (from its file name)
HOSTILE_TITLE = "测试市缓解企业融资难题若干措施"
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
# A user's upload whose tasks carry markup: the page must show it as text.
HOSTILE_TEXT = (f"{HOSTILE_TITLE}\n为缓解企业贷款难、贷款贵，特制定如下措施。\n一、主要措施\n"
                f"（1）扩大企业贷款投放。推动银行扩大企业贷款{SCRIPT}规模，降低企业融资成本。（市金融办牵头，市财政局配合）\n"
                f"（2）设立贷款风险补偿资金。对银行向中小企业发放的贷款{IMG}给予风险补偿。（市财政局牵头，市金融办配合）\n"
                "（3）推进AI与MLCC项目。支持ai企业和Mlcc企业贷款。（市工信局牵头）\n")
# Each query with the terms it marks (its content words as the index's tokenizer cuts them), pinned here.
QUERIES = {
    "企业贷款难怎么办": {"企业", "贷款"},  # 难 is a lone character, 怎么办 a stop word
    "企業貸款難怎麼辦": {"企业", "贷款"},  # traditional: simplified before it is cut
    "AI和MLCC企业贷款": {"ai", "mlcc", "企业", "贷款"},  # Latin letters in either case
    "贷款风险补偿": {"贷款风险", "补偿"},  # jieba keeps 贷款风险 whole, as BM25 searches it
    "人才引进": {"人才", "引进"},
    "财政局负责的奖励": {"财政局", "负责", "奖励"},
}


def marked(q: str) -> set[str]:
    """The query's own terms and the thesaurus terms the search adds for it: every term of each concept of the
    packaged thesaurus (ingest/data/thesaurus.yaml, read here apart from the code) one of whose terms the query
    uses, less those the query holds whole."""
    simple = zhconv.convert(q, "zh-cn")
    extra = {t for c in CONCEPTS for t in c if any(u in simple for u in c) and t not in simple}
    return QUERIES[q] | {t.lower() for t in extra}


# At least this many of a query's hits hold one of its terms (in every mode; measured 7-9, 1, 3 and 2).
MARKED = {"企业贷款难怎么办": 5, "企業貸款難怎麼辦": 5, "AI和MLCC企业贷款": 5, "贷款风险补偿": 1, "人才引进": 2,
          "财政局负责的奖励": 1}


@pytest.fixture(scope="module")
def base_url(seed_copy: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = seed_copy("search-groups")  # the seed plan ingested and embedded once per run
    plans = tmp_path_factory.mktemp("hostile-plan")
    (plans / f"{HOSTILE}.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    ingest_apart(data, SEED, GANZHOU, plans)  # indexed here, so the first search does not wait for it
    with serving(data, POLICYKG_RATE_LIMIT_PER_MINUTE="100000") as base:
        yield base


@pytest.fixture(scope="module")
def titles(http: httpx.Client) -> dict[str, str | None]:
    return {d["id"]: d["title"] for d in http.get("/api/documents").json()["documents"]}


def search(http: httpx.Client, q: str, **params: str) -> dict:
    r = http.get("/api/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return r.json()


def occurrences(text: str, term: str) -> list[tuple[int, int]]:
    """Every [start, end) of `term` in `text`, overlapping ones included, Latin letters in either case."""
    low, out = text.lower(), []
    at = low.find(term)
    while at != -1:
        out.append((at, at + len(term)))
        at = low.find(term, at + 1)
    return out


def assert_highlights(hit: dict, terms: set[str]) -> None:
    """The hit's highlights are exactly where the terms occur in its text: each slices to a term (or to terms
    that overlap), none overlap, and no occurrence of a term is left unmarked."""
    text, marks = hit["text"], [tuple(s) for s in hit["highlights"]]
    assert marks == sorted(marks) and all(b <= c for (_, b), (c, _) in zip(marks, marks[1:], strict=False)), marks
    found = [o for t in terms for o in occurrences(text, t)]
    for a, b in marks:
        assert 0 <= a < b <= len(text), (a, b, len(text))
        inside = [o for o in found if a <= o[0] and o[1] <= b]
        # The span is covered by the occurrences inside it, from its first character to its last.
        assert inside and min(s for s, _ in inside) == a and max(e for _, e in inside) == b, (text[a:b], hit["id"])
        assert all(any(s <= i < e for s, e in inside) for i in range(a, b)), text[a:b]
    for s, e in found:
        assert any(a <= s and e <= b for a, b in marks), (text[s:e], s, hit["id"], marks)


def expected_groups(hits: list[dict], titles: dict[str, str | None]) -> list[dict]:
    """The groups as the contract defines them, from the flat hits."""
    groups: list[dict] = []
    for rank, hit in enumerate(hits, start=1):
        group = next((g for g in groups if g["doc"] == hit["doc"]), None)
        if group is None:
            group = {"doc": hit["doc"], "title": titles[hit["doc"]], "hits": [], "best": rank}
            groups.append(group)
        group["hits"].append(hit["id"])
    return groups


# ---- HTTP ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["hybrid", "dense", "lexical"])
@pytest.mark.parametrize("q", list(QUERIES))
def test_every_highlight_slices_the_hit_text_to_a_query_term(http, q: str, mode: str) -> None:
    r = search(http, q, mode=mode)
    assert r["hits"]
    for hit in r["hits"]:
        assert_highlights(hit, marked(q))
    # Not a vacuous pass: hits holding a term have marks.
    assert sum(bool(h["highlights"]) for h in r["hits"]) >= MARKED[q], [h["id"] for h in r["hits"]]


def test_highlights_of_the_hostile_plan_pinned(http) -> None:
    hits = {h["id"]: h for h in search(http, "AI和MLCC企业贷款", mode="lexical")["hits"]}
    hit = hits[f"{HOSTILE}.3"]
    assert [hit["text"][a:b] for a, b in hit["highlights"]] == ["AI", "MLCC", "ai", "企业", "Mlcc", "企业", "贷款"]
    hit = search(http, "企业贷款难怎么办")["hits"][0]
    assert hit["id"] == f"{HOSTILE}.1"
    # 融资: the thesaurus term the search added for 贷款 (ingest/data/thesaurus.yaml) is marked too.
    assert [hit["text"][a:b] for a, b in hit["highlights"]] == ["企业", "贷款", "企业", "贷款", "企业", "融资"]


@pytest.mark.parametrize("q", list(QUERIES))
def test_groups_cover_the_hits_in_best_rank_order_with_the_graph_titles(http, titles, q: str) -> None:
    r = search(http, q)
    hits, groups = r["hits"], r["groups"]
    assert groups == expected_groups(hits, titles)
    assert sorted(i for g in groups for i in g["hits"]) == sorted(h["id"] for h in hits)
    assert [g["best"] for g in groups] == sorted(g["best"] for g in groups)
    assert all(g["title"] for g in groups)
    # The flat list keeps its order: best first.
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_grouping_is_not_only_the_flat_order(http, titles) -> None:
    """At least one query interleaves documents, so the groups' order and members are really tested."""
    interleaved = []
    for q in QUERIES:
        docs = [h["doc"] for h in search(http, q)["hits"]]
        runs = [d for i, d in enumerate(docs) if i == 0 or docs[i - 1] != d]
        if len(runs) > len(set(docs)):
            interleaved.append(q)
    assert interleaved
    r = search(http, interleaved[0])
    assert len(r["groups"]) >= 2 and r["groups"] == expected_groups(r["hits"], titles)


def test_titles_are_the_graphs(http, titles) -> None:
    r = search(http, "企业贷款难怎么办")
    by_doc = {g["doc"]: g["title"] for g in r["groups"]}
    assert by_doc[HOSTILE] == HOSTILE_TITLE == titles[HOSTILE]
    assert r["groups"][0] == {"doc": HOSTILE, "title": HOSTILE_TITLE, "best": 1,
                              "hits": [h["id"] for h in r["hits"] if h["doc"] == HOSTILE]}


def test_a_filtered_search_has_one_group(http, titles) -> None:
    r = search(http, "企业贷款难怎么办", doc="ganzhou-nev-qiantou")
    assert r["hits"] and r["groups"] == [{"doc": "ganzhou-nev-qiantou", "title": titles["ganzhou-nev-qiantou"],
                                          "hits": [h["id"] for h in r["hits"]], "best": 1}]


def test_ask_fallback_hits_are_highlighted(http) -> None:
    r = http.get("/api/ask", params={"q": "企业贷款难怎么办"}).json()
    assert r["intent"] == "unknown"
    hits = r["fallback"]["hits"]
    assert hits and hits[0]["highlights"]
    for hit in hits:
        assert_highlights(hit, marked("企业贷款难怎么办"))


# ---- the page ----------------------------------------------------------------------------------------------
# The #hit-list items in order: a document's heading (li.hit-doc) then its hits (li.hit), with their marks.
LIST_JS = """() => Array.from(document.querySelectorAll('#hit-list > li')).map(li => ({
  kind: li.className, doc: li.dataset.doc, id: li.dataset.taskId || null,
  title: li.classList.contains('hit-doc') ? li.querySelector('h3').textContent : null,
  marks: Array.from(li.querySelectorAll('mark')).map(m => m.textContent),
  markChildren: Array.from(li.querySelectorAll('mark')).map(m => m.children.length),
  text: li.textContent }))"""


def _search_page(page, q: str) -> None:
    page.goto("/")
    page.fill("#q", q)
    page.press("#q", "Enter")
    # Function predicates only: a string predicate needs eval, which the page's CSP forbids.
    page.wait_for_function("() => ['done', 'error'].includes(document.querySelector('#search-results').dataset.state)")
    assert page.get_attribute("#search-results", "data-state") == "done", page.inner_text("#search-results")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
@pytest.mark.parametrize("q", ["企业贷款难怎么办", "AI和MLCC企业贷款", "财政局负责的奖励"])
def test_page_shows_hits_under_document_headings_with_marked_terms(page, http, q: str) -> None:
    want = search(http, q, k="10")
    _search_page(page, q)
    items = page.evaluate(LIST_JS)
    # Headings in the groups' order, each with the graph's title, followed by exactly its hits in rank order.
    expected: list[tuple[str, str | None]] = []
    for g in want["groups"]:
        expected.append(("hit-doc", g["doc"]))
        expected.extend(("hit", i) for i in g["hits"])
    assert [(it["kind"], it["doc"] if it["kind"] == "hit-doc" else it["id"]) for it in items] == expected
    assert [it["title"] for it in items if it["kind"] == "hit-doc"] == [g["title"] for g in want["groups"]]
    heading = None
    for it in items:
        if it["kind"] == "hit-doc":
            heading = it["doc"]
        else:
            assert it["doc"] == heading
    # Each hit's marks are its highlights, in order, and only the query's terms.
    by_id = {h["id"]: h for h in want["hits"]}
    for it in (x for x in items if x["kind"] == "hit"):
        hit = by_id[it["id"]]
        assert it["marks"] == [hit["text"][a:b] for a, b in hit["highlights"]], it["id"]
        assert {m.lower() for m in it["marks"]} <= marked(q)
    assert sum(bool(it["marks"]) for it in items) >= MARKED[q]
    # The ranks shown are those of the flat list.
    ranks = page.locator("#hit-list li.hit .rank").all_inner_texts()
    order = [it["id"] for it in items if it["kind"] == "hit"]
    assert ranks == [str([h["id"] for h in want["hits"]].index(i) + 1) for i in order]
    page.screenshot(path=str(ARTIFACTS / "search-groups.png"), full_page=True)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed (`make browser`)")
def test_page_shows_a_documents_markup_as_text(page, http) -> None:
    ids = [h["id"] for h in search(http, "企业贷款难怎么办")["hits"]]
    assert {f"{HOSTILE}.1", f"{HOSTILE}.2"} <= set(ids)
    _search_page(page, "企业贷款难怎么办")
    items = {it["id"]: it for it in page.evaluate(LIST_JS) if it["id"]}
    assert SCRIPT in items[f"{HOSTILE}.1"]["text"]
    assert IMG in items[f"{HOSTILE}.2"]["text"]
    # Shown as text: no element made from it anywhere in the results, nothing ran.
    assert page.evaluate("() => document.querySelectorAll('#search-results script, #search-results img').length") == 0
    assert page.evaluate("() => window.__xss === undefined")
    # The terms beside the markup are still marked, and a mark holds text only.
    assert items[f"{HOSTILE}.1"]["marks"][:2] == ["企业", "贷款"]
    assert all(n == 0 for it in items.values() for n in it["markChildren"])
