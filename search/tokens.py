"""Passage tokens computed once: a disk cache keyed by the tokenizer's configuration and the passage text's hash.

jieba costs about a millisecond a passage; rebuilding the BM25 index for one more document should not cut
every passage of the library again. Layout: root/<identity>/seg-<id>.json segments ({text hash: tokens}),
written to a temporary name and renamed; an unreadable segment is skipped (its passages are cut again).
Callers serialise writers (the index store's write lock); segments are replaced atomically (kg/files.py).
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from kg.files import atomic_write
from search.segments import COMPACT_AT, config_identity, drop_merged, segment_name, unread

log = logging.getLogger(__name__)

SUFFIX: Final = ".json"


def text_key(text: str) -> str:
    """The cache key of one passage text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class TokenCache:
    """Token lists by (tokenizer identity, text hash) under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._spaces: dict[str, tuple[dict[str, list[str]], set[str]]] = {}  # identity -> (tokens, segments read)

    def tokenize(self, texts: Sequence[str], tokenize: Callable[[str], list[str]], config: Mapping[str, Any]) -> list[list[str]]:
        """Tokens of `texts` in order: cached ones read, the others cut now and cached."""
        directory = self.root / config_identity(config)
        tokens, seen = self._load(directory)
        fresh: dict[str, list[str]] = {}
        out: list[list[str]] = []
        for text in texts:
            key = text_key(text)
            got = tokens.get(key)
            if got is None:
                got = fresh.get(key)
            if got is None:
                got = fresh[key] = tokenize(text)
            out.append(got)
        if fresh:
            seen.add(self._write(directory, fresh))
            tokens.update(fresh)
            if len(seen) >= COMPACT_AT:
                drop_merged(directory, seen, self._write(directory, tokens))
        return out

    def _load(self, directory: Path) -> tuple[dict[str, list[str]], set[str]]:
        directory.mkdir(parents=True, exist_ok=True)
        tokens, seen = self._spaces.setdefault(directory.name, ({}, set()))
        for path in unread(directory, SUFFIX, seen):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not an object")
            except (OSError, ValueError) as exc:
                log.warning("token cache segment %s skipped: %s", path.name, exc)
                continue
            tokens.update({k: v for k, v in data.items() if isinstance(v, list)})
        return tokens, seen

    @staticmethod
    def _write(directory: Path, tokens: Mapping[str, list[str]]) -> str:
        name = segment_name(SUFFIX)
        atomic_write(directory / name, json.dumps(tokens, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        return name
