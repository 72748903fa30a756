"""Thesaurus expansion: the terms a question uses, the concepts' other terms, and BM25 weighing them down."""
from __future__ import annotations

from collections.abc import Callable

from search.lexical import LexicalIndex
from search.thesaurus import Thesaurus

Tokenize = Callable[[str], list[str]]

CONCEPTS = [("融资", "贷款", "信贷", "贷款难"), ("人才", "高校毕业生", "大学生"), ("新能源汽车", "电动车")]


def test_found_prefers_the_longest_term_and_counts_a_term_once() -> None:
    th = Thesaurus(CONCEPTS)
    assert th.found("企业贷款难怎么办") == ["贷款难"]  # 贷款 inside 贷款难 is not found again
    assert th.found("大学生和电动车") == ["大学生", "电动车"]
    assert th.found("陶瓷产业") == []


def test_expand_gives_the_other_terms_of_each_named_concept_only() -> None:
    th = Thesaurus(CONCEPTS)
    assert th.expand("企业贷款难怎么办") == ["融资", "信贷"]  # 贷款 and 贷款难 are in the question already
    assert th.expand("大学生买电动车有补贴吗") == ["人才", "高校毕业生", "新能源汽车"]
    assert th.expand("陶瓷产业") == []
    assert len(Thesaurus([(), ("", "甲乙")])) == 1  # empty concepts and terms are skipped


def test_lexical_expansion_finds_the_synonym_but_keeps_the_own_word_first(jieba_tokenize: Tokenize) -> None:
    docs = ["支持企业开展融资担保服务。", "为企业提供贷款贴息。", "推动陶瓷产业转型升级。"]
    index = LexicalIndex.build(docs, [0, 1, 2], jieba_tokenize)
    plain = index.search("企业贷款", 3)
    expanded = index.search("企业贷款", 3, extra=["融资", "信贷"], extra_weight=0.5)
    assert [h.pid for h in plain][0] == 1
    assert [h.pid for h in expanded][:2] == [1, 0]  # the passage with the question's own word stays ahead
    only_synonym = {h.pid: h.score for h in expanded}[0]
    # Passage 0 gains exactly half of 融资's BM25 weight over what it had from 企业 alone.
    s_plain = {h.pid: h.score for h in plain}[0]
    s_full = {h.pid: h.score for h in index.search("企业贷款融资", 3)}[0]
    assert abs((only_synonym - s_plain) - 0.5 * (s_full - s_plain)) < 1e-5
    assert index.search("企业贷款", 3, extra=["融资"], extra_weight=0.0) == plain  # weight 0: no expansion


def test_expansion_terms_already_in_the_query_count_once(jieba_tokenize: Tokenize) -> None:
    docs = ["为企业提供贷款贴息。", "推动陶瓷产业转型升级。"]
    index = LexicalIndex.build(docs, [0, 1], jieba_tokenize)
    assert index.search("贷款", 2, extra=["贷款"], extra_weight=0.5) == index.search("贷款", 2)
