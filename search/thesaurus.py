"""Query expansion from the policy thesaurus: a question's words stand for concepts that other words name too."""
from __future__ import annotations

from collections.abc import Iterable, Sequence


class Thesaurus:
    """The terms of each concept (from the graph's SKOS thesaurus); expands a text to the terms it does not use."""

    def __init__(self, concepts: Iterable[Sequence[str]]) -> None:
        self._concept_of: dict[str, int] = {}
        self._terms: list[tuple[str, ...]] = []
        for terms in concepts:
            terms = tuple(t for t in terms if t)
            if not terms:
                continue
            for t in terms:
                self._concept_of.setdefault(t, len(self._terms))
            self._terms.append(terms)
        self._longest = max(map(len, self._concept_of), default=0)

    def __len__(self) -> int:
        return len(self._terms)

    def found(self, text: str) -> list[str]:
        """The thesaurus terms the text uses, longest first; a term inside a longer one found is not counted."""
        taken = [False] * len(text)
        out: list[str] = []
        for n in range(min(self._longest, len(text)), 0, -1):
            for i in range(len(text) - n + 1):
                piece = text[i : i + n]
                if piece in self._concept_of and not any(taken[i : i + n]):
                    out.append(piece)
                    taken[i : i + n] = [True] * n
        return out

    def expand(self, text: str) -> list[str]:
        """The other terms of every concept the text names, in thesaurus order, none the text already holds."""
        concepts = dict.fromkeys(self._concept_of[t] for t in self.found(text))
        return [t for c in concepts for t in self._terms[c] if t not in text]
