"""The units each item of a small constructed plan gets, as (name, role) pairs: what the parser tests compare."""
from __future__ import annotations

from ingest.lexicon import Lexicon, Segmenter
from ingest.parse import parse_plan


def item_units(text: str, lexicon: Lexicon, seg: Segmenter) -> list[list[tuple[str, str]]]:
    """Each item's units, in order, for a plan given as text."""
    return [[(u.name, u.role) for u in item.units] for item in parse_plan(text, "t.txt", lexicon, seg).items]


def units_by_number(text: str, lexicon: Lexicon, seg: Segmenter) -> dict[str, list[tuple[str, str]]]:
    """Each item's units keyed by its number ("第五条（一）"), for plans whose items are compared by where they stand."""
    return {item.number: [(u.name, u.role) for u in item.units] for item in parse_plan(text, "t.txt", lexicon, seg).items}
