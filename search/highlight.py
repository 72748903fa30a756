"""Where a query's terms occur in a snippet: the terms a query searches for, and their character spans in a text."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from search.engine import to_simplified
from search.lexical import content_tokens, words

Tokenize = Callable[[str], list[str]]


def query_terms(query: str, tokenize: Tokenize, extra: Iterable[str] = ()) -> list[str]:
    """The terms to mark for a query: its content words as the index cuts them, then `extra` ones, without repeats.

    `tokenize` is the engine's own (SearchEngine.tokenize), which already drops stop words (的, 和, 怎么 ...) and
    punctuation. A single character left over (难 in 企业贷款难) occurs inside unrelated words (困难, 难点), so, as
    for `known_share`, only tokens of two characters or more count; a query made only of single characters (税)
    keeps them, or it would mark nothing. `extra` is for expansions (a thesaurus: 贷款 -> 融资, 信贷).
    """
    tokens = content_tokens(tokenize(to_simplified(query)))
    out: list[str] = []
    for term in [*(words(tokens) or tokens), *(to_simplified(t.strip()) for t in extra)]:
        if term and term not in out:
            out.append(term)
    return out


def _fold(text: str) -> str:
    """`text` lower-cased character by character where that keeps its length, so offsets stay those of `text`."""
    # str.lower() turns a few characters into two (İ -> i̇); those stay as they are rather than shift every offset.
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping [start, end) offsets in `text` of every occurrence of any term; Latin letters match
    in either case.

    Overlapping occurrences merge into one span (the union), so the longest term always shows whole: 中小企业 and
    企业 in 中小企业 give (0, 4). Occurrences that only touch (企业|贷款) stay two spans, each one term.
    """
    hay = _fold(text)
    found: list[tuple[int, int]] = []
    for term in {_fold(t.strip()) for t in terms} - {""}:
        at = hay.find(term)
        while at != -1:
            found.append((at, at + len(term)))
            at = hay.find(term, at + 1)  # +1, not +len: an occurrence may overlap the previous one (aa in aaa)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
