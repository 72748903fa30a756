"""Gazetteer, unit alias table and the jieba tokenizer built from them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .normalize import normalize_chars, remove_spaces

# Beside this module (not `resources.files("ingest")`: with tests/ on sys.path, as pytest puts it when one
# folder of tests runs alone, "ingest" resolves to the namespace tests/ingest).
DATA = Path(__file__).resolve().parent / "data"


class LexiconError(ValueError):
    """A gazetteer or alias file that does not have the expected shape."""


@dataclass(frozen=True)
class Industry:
    """An industry concept: label, other spellings, place in the hierarchy."""

    label: str
    alt: tuple[str, ...]
    broader: str | None
    cluster: bool


@dataclass(frozen=True)
class Region:
    """A city, county or park."""

    name: str
    kind: str  # "city" | "county" | "park"
    alt: tuple[str, ...]
    full: str | None
    parent: str | None


@dataclass(frozen=True)
class UnitEntry:
    """One row of the alias table."""

    name: str
    aliases: tuple[str, ...]
    scope: str | None
    collective: bool
    members: str | None  # "counties" or None
    national: bool = False  # a central body: one unit across every document
    # Short names a local body also goes by ("发展改革委", "国资委"): the central body's only in a document of no region.
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """A thesaurus concept: the words policy texts and staff use for one idea (融资, 贷款, 信贷 …)."""

    label: str
    alt: tuple[str, ...]


@dataclass
class Lexicon:
    """Everything ingest knows besides the text: editable data, loaded once."""

    industries: dict[str, Industry] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    units: list[UnitEntry] = field(default_factory=list)
    stopwords: frozenset[str] = frozenset()
    concepts: dict[str, Concept] = field(default_factory=dict)  # the policy thesaurus, by preferred label

    def industry_surface(self) -> dict[str, str]:
        """Every spelling of an industry -> its canonical label."""
        out: dict[str, str] = {}
        for ind in self.industries.values():
            for s in (ind.label, *ind.alt):
                out[s] = ind.label
        return out

    def region_surface(self) -> dict[str, str]:
        """Every spelling of a region -> its canonical name."""
        out: dict[str, str] = {}
        for reg in self.regions.values():
            for s in (reg.name, *reg.alt, *([reg.full] if reg.full else [])):
                out[s] = reg.name
        return out

    def counties_of(self, city: str | None) -> list[str]:
        """County-level regions of a city, in gazetteer order."""
        return [r.name for r in self.regions.values() if r.parent == city and r.kind == "county"]

    def user_words(self) -> list[str]:
        """Words the segmenter must keep whole: industries, regions, unit names."""
        words = set(self.industry_surface()) | set(self.region_surface())
        for u in self.units:
            words.add(u.name)
            words.update(u.aliases)
        return sorted(w for w in words if w)


def canon_text(s: str) -> str:
    """Canonical punctuation/spacing for names coming from data files or users."""
    return remove_spaces(normalize_chars(s.strip()))


def _as_list(value: Any, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise LexiconError(f"{where}: expected a list, got {type(value).__name__}")
    return value


def _load_industries(items: list, broader: str | None, lex: Lexicon, src: str) -> None:
    for raw in items:
        if not isinstance(raw, dict) or "label" not in raw:
            raise LexiconError(f"{src}: industry entry without 'label': {raw!r}")
        label = canon_text(str(raw["label"]))
        lex.industries[label] = Industry(
            label=label,
            alt=tuple(canon_text(str(a)) for a in _as_list(raw.get("alt"), f"{src}: {label}.alt")),
            broader=broader,
            cluster=bool(raw.get("cluster", False)),
        )
        _load_industries(_as_list(raw.get("narrower"), f"{src}: {label}.narrower"), label, lex, src)


def _load_regions(items: list, parent: str | None, lex: Lexicon, src: str) -> None:
    for raw in items:
        if not isinstance(raw, dict) or "name" not in raw:
            raise LexiconError(f"{src}: region entry without 'name': {raw!r}")
        name = canon_text(str(raw["name"]))
        lex.regions[name] = Region(
            name=name,
            kind=str(raw.get("kind", "county")),
            alt=tuple(canon_text(str(a)) for a in _as_list(raw.get("alt"), f"{src}: {name}.alt")),
            full=canon_text(str(raw["full"])) if raw.get("full") else None,
            parent=parent,
        )
        _load_regions(_as_list(raw.get("parts"), f"{src}: {name}.parts"), name, lex, src)


def _load_concepts(items: list, lex: Lexicon, src: str) -> None:
    # Which concept each term already stands in: a term in two concepts would expand a question both ways.
    owner = {term: c.label for c in lex.concepts.values() for term in (c.label, *c.alt)}
    for raw in items:
        if not isinstance(raw, dict) or "label" not in raw:
            raise LexiconError(f"{src}: concept entry without 'label': {raw!r}")
        label = canon_text(str(raw["label"]))
        alt = tuple(dict.fromkeys(canon_text(str(a)) for a in _as_list(raw.get("alt"), f"{src}: {label}.alt")))
        for term in (label, *alt):
            if not term:
                raise LexiconError(f"{src}: concept {label!r} has an empty term")
            if owner.get(term, label) != label:
                raise LexiconError(f"{src}: term {term!r} of concept {label!r} already stands in concept {owner[term]!r}")
            owner[term] = label
        known = lex.concepts.get(label)
        # A later file adds terms to a concept it names again.
        lex.concepts[label] = Concept(label, tuple(dict.fromkeys((*(known.alt if known else ()), *alt))))


def load_lexicon(extra: list[Path] | None = None) -> Lexicon:
    """Load the packaged gazetteer and alias table, then any extra YAML files on top."""
    lex = Lexicon()
    sources: list[tuple[str, str]] = [
        ("gazetteer.yaml", (DATA / "gazetteer.yaml").read_text(encoding="utf-8")),
        ("units.yaml", (DATA / "units.yaml").read_text(encoding="utf-8")),
        ("thesaurus.yaml", (DATA / "thesaurus.yaml").read_text(encoding="utf-8")),
    ]
    lex.stopwords = frozenset(
        w.strip() for w in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")
    )
    for path in extra or []:
        sources.append((str(path), Path(path).read_text(encoding="utf-8")))
    for src, text in sources:
        try:
            doc = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise LexiconError(f"{src}: invalid YAML: {exc}") from None
        if not isinstance(doc, dict):
            raise LexiconError(f"{src}: expected a mapping at top level")
        _load_regions(_as_list(doc.get("regions"), f"{src}: regions"), None, lex, src)
        _load_industries(_as_list(doc.get("industries"), f"{src}: industries"), None, lex, src)
        _load_concepts(_as_list(doc.get("concepts"), f"{src}: concepts"), lex, src)
        for raw in _as_list(doc.get("units"), f"{src}: units"):
            if not isinstance(raw, dict) or "name" not in raw:
                raise LexiconError(f"{src}: unit entry without 'name': {raw!r}")
            lex.units.append(
                UnitEntry(
                    name=canon_text(str(raw["name"])),
                    aliases=tuple(canon_text(str(a)) for a in _as_list(raw.get("aliases"), f"{src}: aliases")),
                    scope=raw.get("scope"),
                    collective=bool(raw.get("collective", False)),
                    members=raw.get("members"),
                    national=bool(raw.get("national", False)),
                    shared=tuple(canon_text(str(a)) for a in _as_list(raw.get("shared"), f"{src}: shared")),
                )
            )
    return lex


_PUNCT_TOKEN = re.compile(r"^[\W_]+$")


class Segmenter:
    """A jieba.Tokenizer instance with the lexicon as user dictionary (never jieba's global one)."""

    def __init__(self, lexicon: Lexicon) -> None:
        import jieba  # local: jieba's import prints and costs; only callers that cut pay

        jieba.setLogLevel(60)
        self._tok = jieba.Tokenizer()
        for word in lexicon.user_words():
            # A high frequency makes jieba prefer the whole word over its parts.
            self._tok.add_word(word, freq=200000)
        self.words = tuple(lexicon.user_words())
        self.stopwords = lexicon.stopwords

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(token, start, end) for every token, punctuation included."""
        return [(w, s, e) for w, s, e in self._tok.tokenize(text, HMM=True)]

    def cut(self, text: str) -> list[str]:
        """Tokens for indexing and querying: lower-cased, no spaces, punctuation or stopwords."""
        return [
            w.lower()
            for w in self._tok.lcut(text, HMM=True)
            if w.strip() and not _PUNCT_TOKEN.match(w) and w not in self.stopwords
        ]

    def config(self) -> dict:
        """What an index must record to be searched with the same tokenizer."""
        import hashlib

        digest = hashlib.sha256("\n".join(self.words).encode()).hexdigest()[:16]
        stop = hashlib.sha256("\n".join(sorted(self.stopwords)).encode()).hexdigest()[:16]
        return {"tokenizer": "jieba", "hmm": True, "user_dict_sha": digest, "user_words": len(self.words), "stopwords_sha": stop}
