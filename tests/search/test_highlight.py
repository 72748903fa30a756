"""Highlighting: the spans of terms in a snippet, and the terms a query marks (cut by the index's own tokenizer)."""
from __future__ import annotations

import pytest

from ingest.lexicon import Segmenter
from search.highlight import query_terms, spans


def sliced(text: str, found: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in found]


# ---- spans --------------------------------------------------------------------------------------------
def test_every_occurrence_of_a_term_and_the_offsets_slice_back_to_it() -> None:
    text = "推动企业贷款投放，降低企业融资成本。"
    found = spans(text, ["企业"])
    assert found == [(2, 4), (11, 13)]
    assert sliced(text, found) == ["企业", "企业"]


def test_several_terms_in_text_order() -> None:
    text = "扩大贷款规模，支持中小企业。"
    found = spans(text, ["企业", "贷款"])
    assert found == [(2, 4), (11, 13)]
    assert sliced(text, found) == ["贷款", "企业"]


def test_a_longer_term_wins_over_the_term_inside_it() -> None:
    text = "支持中小企业和大企业。"
    assert spans(text, ["企业", "中小企业"]) == [(2, 6), (8, 10)]
    assert spans(text, ["中小企业", "企业"]) == [(2, 6), (8, 10)]  # whatever the order of the terms


def test_overlapping_occurrences_merge() -> None:
    # 协同创新 and 创新能力 overlap on 创新: one span covering both, not two that overlap.
    text = "提升协同创新能力。"
    assert spans(text, ["协同创新", "创新能力"]) == [(2, 8)]
    # A term overlapping itself: aa in aaa is one span, not (0, 2) and (1, 3).
    assert spans("xaaax", ["aa"]) == [(1, 4)]


def test_terms_that_only_touch_stay_apart() -> None:
    text = "企业贷款难"
    found = spans(text, ["企业", "贷款"])
    assert found == [(0, 2), (2, 4)]
    assert sliced(text, found) == ["企业", "贷款"]


def test_latin_letters_match_in_either_case_at_the_text_offsets() -> None:
    text = "推进AI与Mlcc项目，支持ai企业。"
    found = spans(text, ["ai", "MLCC"])
    assert found == [(2, 4), (5, 9), (14, 16)]
    assert sliced(text, found) == ["AI", "Mlcc", "ai"]


def test_a_character_whose_lower_case_is_longer_does_not_shift_the_offsets() -> None:
    # "İ".lower() is two characters; folded naively, every offset after it would be one too far.
    text = "İ 企业 AI"
    assert sliced(text, spans(text, ["企业", "ai"])) == ["企业", "AI"]


def test_no_terms_empty_terms_and_absent_terms_mark_nothing() -> None:
    text = "推动企业贷款投放。"
    assert spans(text, []) == []
    assert spans(text, ["", "  "]) == []
    assert spans(text, ["融资", "信贷"]) == []
    assert spans("", ["企业"]) == []
    assert spans(text, ["", "贷款", "融资"]) == [(4, 6)]


def test_spans_are_sorted_and_disjoint_on_a_busy_text() -> None:
    text = "企业贷款，企业融资，中小企业贷款贴息，贷款企业" * 3
    found = spans(text, ["企业", "贷款", "中小企业", "企业贷款", "融资"])
    assert found == sorted(found)
    assert all(a < b <= c for (a, b), (c, _) in zip(found, found[1:], strict=False))
    # Every occurrence of every term lies inside some span.
    for term in ("企业", "贷款", "中小企业", "融资"):
        at = text.find(term)
        while at != -1:
            assert any(a <= at and at + len(term) <= b for a, b in found), (term, at)
            at = text.find(term, at + 1)


# ---- query_terms ---------------------------------------------------------------------------------------
def test_query_terms_are_its_content_words(seg: Segmenter) -> None:
    # 怎么办 is a stop word and 难 a lone character: neither is a term.
    assert query_terms("企业贷款难怎么办", seg.cut) == ["企业", "贷款"]
    assert query_terms("2028年的目标有哪些", seg.cut) == ["2028", "目标"]


def test_query_terms_of_a_traditional_query_are_simplified(seg: Segmenter) -> None:
    assert query_terms("企業貸款難怎麼辦", seg.cut) == ["企业", "贷款"]


def test_query_terms_lower_case_latin(seg: Segmenter) -> None:
    assert query_terms("AI 和 MLCC 怎么样", seg.cut) == ["ai", "mlcc"]


def test_a_query_of_single_characters_keeps_them(seg: Segmenter) -> None:
    assert query_terms("税", seg.cut) == ["税"]


@pytest.mark.parametrize("query", ["的了和", "怎么办", "，。！", "   "])
def test_a_query_of_function_words_or_punctuation_has_no_terms(seg: Segmenter, query: str) -> None:
    assert query_terms(query, seg.cut) == []


def test_extra_terms_follow_the_query_terms_without_repeats(seg: Segmenter) -> None:
    assert query_terms("企业贷款难怎么办", seg.cut, ["融资", " 信貸 ", "贷款", ""]) == ["企业", "贷款", "融资", "信贷"]


def test_terms_and_spans_together(seg: Segmenter) -> None:
    text = "（2）设立贷款风险补偿资金。对银行向中小企业发放的贷款给予风险补偿。"
    terms = query_terms("企業貸款難怎麼辦", seg.cut, ["融资"])
    found = spans(text, terms)
    assert sliced(text, found) == ["贷款", "企业", "贷款"]
    assert [text.find("贷款"), text.find("企业")] == [found[0][0], found[1][0]]
