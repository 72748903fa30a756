"""Passage tokens computed once: a disk cache keyed by the tokenizer's configuration and the passage text's hash.

jieba costs about a millisecond a passage; rebuilding the BM25 index (a new model, an older index format) should not
cut every passage of the library again. Layout: root/<identity>/seg-<id>.npz segments holding the text hashes
(n x 32 bytes), the number of tokens of each passage, the length of each token and all tokens' characters as one
UTF-8 array. Reading a segment is a few array reads; a passage's tokens are sliced out when asked for, so a process
holds a library's tokens as one string, not millions of small ones (a 100k-passage library: 0.1 s instead of 0.9 s
to load). Segments of the first layout (seg-<id>.json, {text hash: tokens}) are still read. Segments are replaced
atomically (kg/files.py); an unreadable one is skipped (its passages are cut again). Callers serialise writers (the
index store's write lock).
"""
from __future__ import annotations

import hashlib
import io
import json
import logging
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, Final

import numpy as np

from kg.files import atomic_write
from search.segments import COMPACT_AT, config_identity, drop_merged, segment_name, unread

log = logging.getLogger(__name__)

SUFFIX: Final = ".npz"
LEGACY_SUFFIX: Final = ".json"


def text_key(text: str) -> bytes:
    """The cache key of one passage text."""
    return hashlib.sha256(text.encode("utf-8")).digest()


@dataclass(frozen=True, eq=False)
class _Block:
    """One segment's tokens: passage i's tokens are chars[ends[starts[i] - 1] : ...] cut at the token ends."""

    chars: str
    starts: np.ndarray  # int64 (n + 1,): first token of each passage, then the total
    ends: np.ndarray  # int64 (tokens + 1,): 0, then where each token ends in `chars`

    def tokens(self, i: int) -> list[str]:
        cuts = self.ends[self.starts[i] : self.starts[i + 1] + 1].tolist()
        return [self.chars[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]


@dataclass
class _Space:
    """The cached tokens of one tokenizer identity: key -> (block, passage) for new segments, lists for legacy ones."""

    where: dict[bytes, tuple[_Block, int]] = field(default_factory=dict)
    legacy: dict[bytes, list[str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)

    def add(self, keys: list[bytes], block: _Block) -> None:
        """Make a segment's tokens findable (keys already present keep their first tokens)."""
        places = zip(keys, zip(repeat(block), range(len(keys)), strict=False), strict=True)
        if self.where:
            for key, place in places:
                self.where.setdefault(key, place)
        else:
            self.where = dict(places)

    def get(self, key: bytes) -> list[str] | None:
        found = self.where.get(key)
        if found is not None:
            return found[0].tokens(found[1])
        return self.legacy.get(key)

    def __len__(self) -> int:
        return len(self.where.keys() | self.legacy.keys())


def _encode(tokens: Mapping[bytes, Sequence[str]]) -> bytes:
    """A segment file holding `tokens`."""
    keys = np.frombuffer(b"".join(tokens), dtype=np.uint8).reshape(len(tokens), 32)
    counts = np.fromiter((len(t) for t in tokens.values()), dtype=np.int64, count=len(tokens))
    flat = [t for toks in tokens.values() for t in toks]
    lengths = np.fromiter((len(t) for t in flat), dtype=np.int64, count=len(flat))
    chars = np.frombuffer("".join(flat).encode("utf-8"), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez(buf, keys=keys, counts=counts, lengths=lengths, chars=chars)
    return buf.getvalue()


def _decode(data: Mapping[str, np.ndarray]) -> tuple[list[bytes], _Block]:
    keys, counts, lengths = data["keys"], data["counts"], data["lengths"]
    chars = data["chars"].tobytes().decode("utf-8")
    if keys.shape != (len(counts), 32) or counts.sum() != len(lengths) or lengths.sum() != len(chars):
        raise ValueError("arrays disagree")
    raw = keys.tobytes()
    block = _Block(chars, np.concatenate([[0], np.cumsum(counts)]), np.concatenate([[0], np.cumsum(lengths)]))
    return [raw[i : i + 32] for i in range(0, len(raw), 32)], block


class TokenCache:
    """Token lists by (tokenizer identity, text hash) under `root`."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._spaces: dict[str, _Space] = {}

    def tokenize(self, texts: Sequence[str], tokenize: Callable[[str], list[str]], config: Mapping[str, Any]) -> list[list[str]]:
        """Tokens of `texts` in order: cached ones read, the others cut now and cached."""
        directory = self.root / config_identity(config)
        space = self._load(directory)
        fresh: dict[bytes, list[str]] = {}
        out: list[list[str]] = []
        for text in texts:
            key = text_key(text)
            got = space.get(key)
            if got is None:
                got = fresh.get(key)
            if got is None:
                got = fresh[key] = tokenize(text)
            out.append(got)
        if fresh:
            data = _encode(fresh)
            space.seen.add(self._write(directory, data))
            with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
                space.add(*_decode(arrays))
            if len(space.seen) >= COMPACT_AT:
                # Every 32 writes: one segment again. Decoding everything costs about a second at 100k passages.
                everything = {k: got for k in space.where.keys() | space.legacy.keys() if (got := space.get(k))
                              is not None}
                merged = self._write(directory, _encode(everything))
                drop_merged(directory, space.seen, merged)
                self._spaces[directory.name] = _Space(seen={merged})
                with np.load(directory / merged, allow_pickle=False) as arrays:
                    self._spaces[directory.name].add(*_decode(arrays))
        return out

    def size(self, config: Mapping[str, Any]) -> int:
        """Distinct passages cached for this tokenizer configuration."""
        return len(self._load(self.root / config_identity(config)))

    def _load(self, directory: Path) -> _Space:
        directory.mkdir(parents=True, exist_ok=True)
        space = self._spaces.setdefault(directory.name, _Space())
        for path in unread(directory, LEGACY_SUFFIX, space.seen):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(data, dict):
                    raise ValueError("not an object")
                space.legacy.update({bytes.fromhex(k): v for k, v in data.items() if isinstance(v, list)})
            except (OSError, ValueError) as exc:
                log.warning("token cache segment %s skipped: %s", path.name, exc)
        for path in unread(directory, SUFFIX, space.seen):
            try:
                with np.load(path, allow_pickle=False) as data:
                    keys, block = _decode(data)
            except (OSError, ValueError, KeyError, EOFError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
                log.warning("token cache segment %s skipped: %s", path.name, exc)
                continue
            space.add(keys, block)
        return space

    @staticmethod
    def _write(directory: Path, data: bytes) -> str:
        name = segment_name(SUFFIX)
        atomic_write(directory / name, data)
        return name
