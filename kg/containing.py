"""Which of many short texts contain a term: `str.find` over all of them joined, not a Python loop over each.

The chain analysis asks this for every term of every segment (a few hundred terms) of every product of the
enterprise register and every sentence of the library's plans: tens of thousands of texts.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

_SEP = "\x00"  # between texts in the joined one: no term contains it, so no match spans two texts


class Containing:
    """The texts given (by position) that contain a term; each term's answer is computed once."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._starts: list[int] = []
        at = 0
        for t in texts:
            self._starts.append(at)
            at += len(t) + len(_SEP)
        self._joined = _SEP.join(texts)
        self._count = len(texts)
        self._found: dict[str, list[int]] = {}

    def __call__(self, term: str) -> list[int]:
        """Positions (ascending) of the texts containing `term` (every text for the empty string)."""
        found = self._found.get(term)
        if found is None:
            if not term:
                found = list(range(self._count))
            else:
                hits: set[int] = set()
                at = self._joined.find(term)
                while at >= 0:
                    hits.add(bisect_right(self._starts, at) - 1)
                    at = self._joined.find(term, at + 1)
                found = sorted(hits)
            self._found[term] = found
        return found
