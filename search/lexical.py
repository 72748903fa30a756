"""BM25 keyword index (bm25s) over a pluggable tokenizer, e.g. a jieba.Tokenizer with the user dictionary."""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import bm25s
import numpy as np

from search.types import Hit

Tokenize = Callable[[str], list[str]]

META_FILE: Final = "lexical.json"
BM25_DIR: Final = "bm25s"
FORMAT: Final = 1


def is_content_token(token: str) -> bool:
    """False for tokens made only of whitespace, punctuation or control/format characters.

    jieba emits "，", "。", " " and "\\u3000" as tokens; they match nearly every
    passage and would drown real terms. Symbols such as "%" (punctuation) go,
    "℃" or "+" (symbols) stay.
    """
    return any(unicodedata.category(ch)[0] not in "PZC" for ch in token)


class LexicalIndex:
    """BM25 over bm25s; the same `tokenize` callable serves documents and queries.

    Rows are mapped to passage ids through `ids`, so hits carry pids. Searches
    only read the score matrix and are safe to run concurrently.
    """

    def __init__(
        self,
        tokenize: Tokenize,
        ids: Sequence[int],
        bm25: bm25s.BM25 | None,
        params: dict[str, Any],
    ) -> None:
        self._tokenize = tokenize
        self._ids = np.asarray(ids, dtype=np.int64)
        # None when no document had a single content token: bm25s cannot index
        # an empty vocabulary, and every search would find nothing anyway.
        self._bm25 = bm25
        self.params = params

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        ids: Sequence[int],
        tokenize: Tokenize,
        *,
        k1: float = 1.5,
        b: float = 0.75,
        method: str = "lucene",
        tokens: Sequence[list[str]] | None = None,
    ) -> LexicalIndex:
        """Tokenize and index `texts`; `ids[i]` is the passage id of `texts[i]`; `tokens`, when given, are
        `tokenize(text)` of each text already (from the token cache)."""
        if len(texts) != len(ids):
            raise ValueError(f"need one id per text: {len(ids)} ids for {len(texts)} texts")
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        params: dict[str, Any] = {"k1": k1, "b": b, "method": method}
        if tokens is not None and len(tokens) != len(texts):
            raise ValueError(f"need the tokens of every text: {len(tokens)} for {len(texts)} texts")
        corpus = ([[t for t in toks if is_content_token(t)] for toks in tokens] if tokens is not None
                  else [cls._content_tokens(tokenize, t) for t in texts])
        bm25: bm25s.BM25 | None = None
        if any(corpus):
            bm25 = bm25s.BM25(k1=k1, b=b, method=method)
            bm25.index(corpus, show_progress=False)
        return cls(tokenize, ids, bm25, params)

    @staticmethod
    def _content_tokens(tokenize: Tokenize, text: str) -> list[str]:
        return [t for t in tokenize(text) if is_content_token(t)]

    def tokens(self, text: str) -> list[str]:
        """The tokens this index sees for `text` (punctuation and whitespace dropped)."""
        return self._content_tokens(self._tokenize, text)

    def known_share(self, text: str) -> float:
        """Share of the text's words (two characters or more) that some indexed passage uses."""
        words = [t for t in self.tokens(text) if len(t) >= 2]
        if not words or self._bm25 is None:
            return 0.0
        return sum(bool(self._bm25.get_tokens_ids([w])) for w in words) / len(words)

    @property
    def doc_count(self) -> int:
        """Number of documents indexed (bm25s's own count when there is a matrix)."""
        if self._bm25 is None:
            return len(self._ids)
        return int(self._bm25.scores["num_docs"])

    def __len__(self) -> int:
        return self.doc_count

    def ids(self) -> np.ndarray:
        """Passage id of each indexed row."""
        return self._ids.copy()

    def search(self, query: str, k: int) -> list[Hit]:
        """Top-k passages by BM25, best first; only passages sharing a token with the query."""
        if k <= 0 or self._bm25 is None:
            return []
        token_ids = self._bm25.get_tokens_ids(self.tokens(query))
        if not token_ids:
            # No query token is in the vocabulary: nothing can match.
            return []
        scores = self._bm25.get_scores_from_ids(token_ids)
        # BM25 idf is positive for every indexed term, so a score of 0 means
        # "no query term occurs"; bm25s would otherwise pad the top-k with those.
        rows = np.flatnonzero(scores > 0)
        if rows.size > k:
            rows = rows[np.argpartition(-scores[rows], k - 1)[:k]]
        # Sort by score, ties by row so equal scores come out in a stable order.
        rows = rows[np.lexsort((rows, -scores[rows]))]
        return [Hit(pid=int(self._ids[r]), score=float(scores[r])) for r in rows]

    def save(self, directory: Path) -> None:
        """Write bm25s's own files (npy + json) and lexical.json (ids, parameters); no pickle."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        if self._bm25 is not None:
            self._bm25.save(str(directory / BM25_DIR), show_progress=False)
        meta = {
            "format": FORMAT,
            "doc_count": self.doc_count,
            "has_matrix": self._bm25 is not None,
            "params": self.params,
            "ids": self._ids.tolist(),
        }
        (directory / META_FILE).write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, tokenize: Tokenize) -> LexicalIndex:
        """Read an index written by `save`; `tokenize` must be the one it was built with."""
        directory = Path(directory)
        meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"unsupported lexical index format {meta.get('format')!r}")
        bm25 = None
        if meta["has_matrix"]:
            bm25 = bm25s.BM25.load(str(directory / BM25_DIR), mmap=False, allow_pickle=False, show_progress=False)
        return cls(tokenize, meta["ids"], bm25, dict(meta["params"]))
