"""Filters a question's own words set: the place documents are issued for ("景德镇…"), a year they cover.

A filter read from words leaves out only the documents known to lie elsewhere: a document whose place or years
the parser could not read stays in, and so does a national one (it applies everywhere). Metadata is incomplete
in real libraries; a hard filter on it hid the very document a question named (bench/README.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.query import KG, DocumentRow

_YEAR = re.compile(r"(?<!\d)(20\d{2})(?=年)")


@dataclass(frozen=True)
class Scope:
    """The documents a question's words point at, and the words that did."""

    place: str | None  # as the question wrote it
    year: int | None
    docs: frozenset[str]

    def to_json(self) -> dict:
        return {"place": self.place, "year": self.year, "documents": len(self.docs)}


def _covers(row: DocumentRow, year: int) -> bool | None:
    """Whether a document covers a year: within its period; without one, within the term it gives itself (有效期);
    without either, from the year it was issued on (an issue date starts a document's years, it does not end them);
    None when none is known."""
    if row.period:
        return row.period[0] <= year <= row.period[1]
    if (in_force := row.in_force(year)) is not None:
        return in_force
    if row.date and row.date[:4].isdigit():
        return year >= int(row.date[:4])
    return None


def read_scope(kg: KG, question: str, years: bool = True) -> Scope | None:
    """The documents left once those known to be issued for another place than the one the question names, or
    known not to cover the year it names (unless `years` is false), are set aside; None when the words set
    nothing aside. A year that no kept document's period or term includes is a target year ("到2030年"), not a
    filter."""
    rows = kg.documents()
    place = kg.finder("places").longest(question)
    kept = {r.id for r in rows}
    if place is not None:
        placed = {d for docs in kg.places().values() for d in docs}
        here = kg.places()[place]
        kept = {r.id for r in rows if r.id in here or r.id not in placed or r.level == "national"}
    year = None
    named = {int(y) for y in _YEAR.findall(question)} if years else set()
    if len(named) == 1:
        (wanted,) = named
        covering = {r.id for r in rows if r.id in kept and _covers(r, wanted) is not False}
        # A filter when a document states years that include it (a period, a term); one merely issued before it covers
        # every later year, "到2049年" too, and says nothing of whether the question names a target year.
        if covering != kept and any(r.id in covering and (r.period or r.valid_until) and _covers(r, wanted) for r in rows):
            kept, year = covering, wanted
    if len(kept) == len(rows):
        return None
    return Scope(place, year, frozenset(kept))
