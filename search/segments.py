"""What the vector and token caches share: a directory per configuration, holding segment files that are
only ever added (one per write), read once per process, and now and then merged into one."""
from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

# Many small segments (one per ingest) are merged into one once there are this many, so opening a cache
# stays a handful of reads however many documents were added one at a time.
COMPACT_AT: Final = 32


def config_identity(config: Mapping[str, Any]) -> str:
    """A short, stable name for a configuration (an embedder's vector space, a tokenizer's settings)."""
    return hashlib.sha256(json.dumps(dict(config), ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def segment_name(suffix: str) -> str:
    """A new segment's name (also the index store's segment directories, with no suffix); names sort by time of
    writing, so merging keeps the order segments came in."""
    return f"seg-{time.time_ns():020d}-{secrets.token_hex(3)}{suffix}"


def unread(directory: Path, suffix: str, seen: set[str]) -> Iterator[Path]:
    """Segments written since the last look (by this process or another), marked as seen."""
    for path in sorted(directory.glob(f"seg-*{suffix}")):
        if path.name not in seen:
            seen.add(path.name)
            yield path


def drop_merged(directory: Path, seen: set[str], merged: str) -> None:
    """After `merged` holds everything: remove the segments it replaces."""
    for name in seen - {merged}:
        (directory / name).unlink(missing_ok=True)
    seen.intersection_update({merged})
