"""Each document's search passages and task metadata, kept on disk by the store (its name) and version that wrote it.

Building a document's passages reads every item of it from the graph (rows, evidence, targets, units); done for
the whole library at each restart or write, that is the largest cost that grows with the library. Kept per
document, a restart reads them back and a write builds only the documents it wrote. A document written again
gets a new store version, so a stale entry is never used; a store renamed after a restore from a backup (whose
versions go back to ones it has been at) uses none of its old name's; `clear` (a forced reindex, e.g. after a lexicon
change, which alters unit and industry names in the metadata) drops them all.
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from typing import Any, Final

from kg.files import atomic_write

from .passages import TaskMeta
from .types import Passage

log = logging.getLogger(__name__)

FORMAT: Final = 1  # raise when what build_passages makes changes: every entry is then built again

Entry = tuple[list[Passage], dict[str, TaskMeta]]


def _meta_json(m: TaskMeta) -> dict[str, Any]:
    return {"id": m.id, "title": m.title, "number": m.number, "doc": m.doc, "units": sorted(m.units),
            "industries": sorted(m.industries), "regions": sorted(m.regions), "years": sorted(m.years)}


def _meta(d: dict[str, Any]) -> TaskMeta:
    return TaskMeta(d["id"], d["title"], d["number"], d["doc"], frozenset(d["units"]), frozenset(d["industries"]),
                    frozenset(d["regions"]), frozenset(d["years"]))


class DocPassageCache:
    """Files root/<hash of the document id>.json, each one document's passages and metadata with the name of the
    store whose version (stamp) wrote it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, doc_id: str) -> Path:
        return self.root / f"{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:20]}.json"

    def get(self, doc_id: str, stamp: int, store: str) -> Entry | None:
        """The document's passages (pids from 0) and metadata, if kept for this stamp of this store."""
        try:
            data = json.loads(self._path(doc_id).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            log.warning("passage cache entry of %s unreadable (%s); building it again", doc_id, exc)
            return None
        if data.get("format") != FORMAT or data.get("doc") != doc_id or data.get("stamp") != stamp \
                or data.get("store") != store:
            return None
        passages = [Passage(i, t, k, x) for i, (t, k, x) in enumerate(data["passages"])]
        return passages, {m["id"]: _meta(m) for m in data["meta"]}

    def put(self, doc_id: str, stamp: int, entry: Entry, store: str) -> None:
        """Keep a document's passages and metadata for this stamp of this store (replacing any older entry)."""
        passages, meta = entry
        body = {"format": FORMAT, "doc": doc_id, "store": store, "stamp": stamp,
                "passages": [[p.task_id, p.kind, p.text] for p in passages],
                "meta": [_meta_json(m) for m in meta.values()]}
        self.root.mkdir(parents=True, exist_ok=True)
        atomic_write(self._path(doc_id), json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def drop(self, doc_id: str) -> None:
        """Forget a document that left the library."""
        self._path(doc_id).unlink(missing_ok=True)

    def clear(self) -> None:
        """Forget every document."""
        shutil.rmtree(self.root, ignore_errors=True)
