"""BM25 keyword search over segment postings with library-wide statistics, and a pluggable tokenizer (e.g. jieba).

Scores are those of bm25s's "lucene" BM25 on the same tokens, bit for bit (tests/search/test_lexical.py):
idf = ln(1 + (N - df + 0.5) / (df + 0.5)) rounded to float32, weight = idf * tf / (tf + k1 * (1 - b + b * len / avglen))
in float64 rounded to float32, summed over the query's tokens (repeats count again) in float32. N, df and avglen
count live rows only, over every segment, so a row scores the same whichever segment holds it.
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from search.postings import Postings
from search.types import Hit

Tokenize = Callable[[str], list[str]]


def is_content_token(token: str) -> bool:
    """False for tokens made only of whitespace, punctuation or control/format characters.

    jieba emits "，", "。", " " and "\\u3000" as tokens; they match nearly every
    passage and would drown real terms. Symbols such as "%" (punctuation) go,
    "℃" or "+" (symbols) stay.
    """
    return any(unicodedata.category(ch)[0] not in "PZC" for ch in token)


def content_tokens(tokens: Sequence[str]) -> list[str]:
    """The tokens BM25 indexes and searches: `tokens` without punctuation and whitespace."""
    return [t for t in tokens if is_content_token(t)]


K1: Final = 1.5  # BM25's defaults here, and on the Milvus backend (search/milvus.py)
B: Final = 0.75
MIN_WORD = 2  # a lone character (难 in 企业贷款难) occurs inside unrelated words (困难, 难点): not a word of its own


def words(tokens: Sequence[str]) -> list[str]:
    """The tokens that count as words: two characters or more."""
    return [t for t in tokens if len(t) >= MIN_WORD]


def known_share(tokens: Sequence[str], df: Callable[[str], int]) -> float:
    """Share of the words (two characters or more) among `tokens` that some passage uses, `df` giving a word's
    document frequency."""
    found = words(tokens)
    return sum(df(w) > 0 for w in found) / len(found) if found else 0.0


def query_coverage(score: float, dfs: Sequence[int], n: int, k1: float = K1) -> float:
    """How much of a query a passage scoring `score` matched, from the document frequency of each query token
    among `n` passages: the score over that of a passage of average length holding every query token once, where
    a token no passage uses counts as the rarest (capped at 1). Near 1: the passage holds the query's distinctive
    words (a name, a phrase from the text); near 0: only common ones, as in a paraphrase."""
    total = 0.0
    rarest = math.log(1 + (n - 0.5) / 1.5) if n else 0.0
    for df in dfs:
        total += math.log(1 + (n - df + 0.5) / (df + 0.5)) if df else rarest
    # tf = 1 at the average length: tf / (k1 * (1 - b + b) + tf) = 1 / (k1 + 1)
    return min(1.0, score * (k1 + 1) / total) if total > 0 else 0.0


@dataclass(frozen=True)
class TermStats:
    """Library-wide BM25 statistics where no in-memory index holds them (the Milvus backend): how many passages
    there are, and how many use each token."""

    n: int
    df: Mapping[str, int]

    def known_share(self, tokens: Sequence[str]) -> float:
        """Share of the words among `tokens` that some passage uses (`known_share`)."""
        return known_share(tokens, lambda w: self.df.get(w, 0))

    def coverage(self, tokens: Sequence[str], score: float) -> float:
        """`query_coverage` of a query cut into `tokens`."""
        return query_coverage(score, [self.df.get(t, 0) for t in tokens], self.n)


def expansion_tokens(own: Sequence[str], extra: Sequence[str], tokens: Callable[[str], list[str]]) -> list[str]:
    """The words (two characters or more) of thesaurus terms `extra`, cut by `tokens`, that the query's own tokens
    lack, each once: what an expansion adds to a BM25 query."""
    seen, added = set(own), []
    for term in extra:
        for t in words(tokens(term)):
            if t not in seen:
                seen.add(t)
                added.append(t)
    return added


def passage_terms(tokens: Sequence[Sequence[str]]) -> Counter[str]:
    """How many of these passages (each cut into tokens) use each content token: their share of `TermStats.df`."""
    counts: Counter[str] = Counter()
    for toks in tokens:
        counts.update(set(content_tokens(toks)))
    return counts


@dataclass(frozen=True, eq=False)
class _Part:
    """One segment's postings as this index sees them: the passage id of each row (-1: a tombstone)."""

    postings: Postings
    pids: np.ndarray  # int64 (rows,)
    norm: np.ndarray  # float64 (rows,): k1 * (1 - b + b * len / avglen)
    has_dead: bool

    def live_df(self, start: int, end: int) -> int:
        if not self.has_dead:
            return end - start
        return int(np.count_nonzero(self.pids[self.postings.rows[start:end]] >= 0))


class LexicalIndex:
    """BM25 over one or more segments' postings; the same `tokenize` callable serves documents and queries.

    Immutable once made: searches only read arrays and are safe to run concurrently.
    """

    def __init__(
        self,
        tokenize: Tokenize,
        parts: Sequence[tuple[Postings, np.ndarray]],
        *,
        k1: float = K1,
        b: float = B,
        method: str = "lucene",
    ) -> None:
        if method != "lucene":
            raise ValueError(f"unsupported BM25 variant {method!r}; valid variants: lucene")
        self._tokenize = tokenize
        self.params: dict[str, Any] = {"k1": k1, "b": b, "method": method}
        live = [(p, np.asarray(pids, dtype=np.int64)) for p, pids in parts]
        for postings, pids in live:
            if pids.shape != (len(postings),):
                raise ValueError(f"need one id per row: {len(pids)} ids for {len(postings)} rows")
        masks = [pids >= 0 for _, pids in live]
        self._ids = np.concatenate([pids[m] for (_, pids), m in zip(live, masks, strict=True)]) if live else \
            np.zeros(0, dtype=np.int64)
        if len(np.unique(self._ids)) != len(self._ids):
            raise ValueError("ids must be unique")
        self._n = len(self._ids)
        total = sum(int(p.lengths[m].sum(dtype=np.int64)) for (p, _), m in zip(live, masks, strict=True))
        # bm25s takes the mean of the lengths as float64: an exact integer sum divided once, as here.
        avglen = total / self._n if self._n else 1.0
        self._avglen = avglen if avglen > 0 else 1.0  # no token anywhere: no term can match, any value will do
        self._size = int(self._ids.max()) + 1 if self._n else 0
        self._parts = [
            _Part(p, pids, k1 * ((1 - b) + b * p.lengths.astype(np.float64) / self._avglen), not bool(m.all()))
            for (p, pids), m in zip(live, masks, strict=True)
        ]

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        ids: Sequence[int],
        tokenize: Tokenize,
        *,
        k1: float = K1,
        b: float = B,
        method: str = "lucene",
        tokens: Sequence[list[str]] | None = None,
    ) -> LexicalIndex:
        """Tokenize and index `texts`; `ids[i]` is the passage id of `texts[i]`; `tokens`, when given, are
        `tokenize(text)` of each text already (from the token cache)."""
        if len(texts) != len(ids):
            raise ValueError(f"need one id per text: {len(ids)} ids for {len(texts)} texts")
        if tokens is not None and len(tokens) != len(texts):
            raise ValueError(f"need the tokens of every text: {len(tokens)} for {len(texts)} texts")
        cut = tokens if tokens is not None else [tokenize(t) for t in texts]
        postings = Postings.build([content_tokens(toks) for toks in cut])
        return cls(tokenize, [(postings, np.asarray(ids, dtype=np.int64))], k1=k1, b=b, method=method)

    def tokens(self, text: str) -> list[str]:
        """The tokens this index sees for `text` (punctuation and whitespace dropped)."""
        return content_tokens(self._tokenize(text))

    def _find(self, term: str) -> tuple[int, list[tuple[_Part, int, int]]]:
        """Live document frequency of `term` and where its postings are."""
        df, spans = 0, []
        for part in self._parts:
            span = part.postings.span(term)
            if span is not None:
                df += part.live_df(*span)
                spans.append((part, *span))
        return df, spans

    def known_share(self, text: str) -> float:
        """Share of the text's words (two characters or more) that some indexed passage uses."""
        return known_share(self.tokens(text), lambda w: self._find(w)[0])

    def coverage(self, query: str, score: float) -> float:
        """How much of the query a passage scoring `score` matched (`query_coverage`)."""
        return query_coverage(score, [self._find(t)[0] for t in self.tokens(query)], self._n, self.params["k1"])

    @property
    def doc_count(self) -> int:
        """Number of passages indexed (tombstones aside)."""
        return self._n

    def __len__(self) -> int:
        return self._n

    def ids(self) -> np.ndarray:
        """Passage id of each indexed row."""
        return self._ids.copy()

    def scores(self, query: str, extra: Sequence[str] = (), extra_weight: float = 0.0) -> np.ndarray | None:
        """BM25 score of every passage id for `query` (float32, index = pid), or None if no query token is known.

        `extra` terms (a thesaurus expansion) add their tokens of two characters or more that the query lacks,
        each at `extra_weight` times its BM25 weight: a passage using the query's own words stays ahead."""
        scores: np.ndarray | None = None
        own = self.tokens(query)
        weighted = [(t, 1.0) for t in own]
        if extra_weight > 0:
            weighted += [(t, extra_weight) for t in expansion_tokens(own, extra, self.tokens)]
        for term, factor in weighted:
            df, spans = self._find(term)
            if df == 0:
                continue  # not in the vocabulary: bm25s drops such tokens too
            idf = float(np.float32(math.log(1 + (self._n - df + 0.5) / (df + 0.5))))
            if scores is None:
                scores = np.zeros(self._size, dtype=np.float32)
            for part, start, end in spans:
                rows = part.postings.rows[start:end]
                tf = part.postings.tf[start:end].astype(np.float64)
                weight = (idf * (tf / (part.norm[rows] + tf))).astype(np.float32)
                if factor != 1.0:
                    weight = (weight * np.float32(factor)).astype(np.float32)
                pids = part.pids[rows]
                if part.has_dead:
                    live = pids >= 0
                    pids, weight = pids[live], weight[live]
                scores[pids] += weight  # a term lists a row once, so no pid repeats here
        return scores

    def search(self, query: str, k: int, extra: Sequence[str] = (), extra_weight: float = 0.0) -> list[Hit]:
        """Top-k passages by BM25, best first; only passages sharing a token with the query (or, at
        `extra_weight`, with an `extra` term)."""
        if k <= 0:
            return []
        scores = self.scores(query, extra, extra_weight)
        if scores is None:
            return []
        # BM25 idf is positive for every indexed term, so a score of 0 means "no query term occurs".
        pids = np.flatnonzero(scores > 0)
        if pids.size > k:
            pids = pids[np.argpartition(-scores[pids], k - 1)[:k]]
        # Sort by score, ties by pid so equal scores come out in a stable order.
        pids = pids[np.lexsort((pids, -scores[pids]))]
        return [Hit(pid=int(p), score=float(scores[p])) for p in pids]
