"""Persist one N-Triples graph per document plus a manifest; switch files atomically."""
from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .build import new_graph
from .files import atomic_write, writers_lock


@dataclass(frozen=True)
class DocEntry:
    """What the manifest remembers of an ingested document."""

    doc_id: str
    source: str
    sha256: str


class GraphStore:
    """The data directory's graph: docs/<id>.nt, lexicon.nt, graph.nt (the union), manifest.json."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.docs_dir = self.root / "docs"
        self.manifest_path = self.root / "manifest.json"
        self.union_path = self.root / "graph.nt"
        self._thread_lock = threading.Lock()

    def _lock(self) -> contextlib.AbstractContextManager[None]:
        """Writers in this process and in others (the CLI beside a running server) take turns."""
        return writers_lock(self._thread_lock, self.root / "write.lock")

    def stamp(self) -> int | None:
        """Changes whenever the union graph is rewritten (by any process)."""
        try:
            st = self.union_path.stat()
        except FileNotFoundError:
            return None
        return st.st_mtime_ns ^ st.st_ino

    def manifest(self) -> dict[str, DocEntry]:
        """Ingested documents by id."""
        if not self.manifest_path.exists():
            return {}
        raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        return {k: DocEntry(**v) for k, v in raw.get("docs", {}).items()}

    def put(self, entries: list[tuple[DocEntry, Graph]], lexicon: Graph) -> None:
        """Write (or replace) documents, then the union and manifest, each atomically."""
        with self._lock():
            self.docs_dir.mkdir(parents=True, exist_ok=True)
            manifest = self.manifest()
            for entry, graph in entries:
                atomic_write(self.docs_dir / f"{entry.doc_id}.nt", graph.serialize(format="nt", encoding="utf-8"))
                manifest[entry.doc_id] = entry
            atomic_write(self.root / "lexicon.nt", lexicon.serialize(format="nt", encoding="utf-8"))
            self._write_union(manifest)
            body = {"docs": {k: vars(v) for k, v in sorted(manifest.items())}}
            atomic_write(self.manifest_path, json.dumps(body, ensure_ascii=False, indent=1).encode())

    def put_part(self, name: str, graph: Graph) -> None:
        """Replace a whole-graph part ("chains" or "enterprises") and rewrite the union."""
        if name not in ("chains", "enterprises"):
            raise ValueError(f"unknown graph part {name!r}")
        with self._lock():
            self.root.mkdir(parents=True, exist_ok=True)
            atomic_write(self.root / f"{name}.nt", graph.serialize(format="nt", encoding="utf-8"))
            self._write_union(self.manifest())

    def remove(self, doc_id: str) -> bool:
        """Drop a document; False when it was not there."""
        with self._lock():
            manifest = self.manifest()
            if doc_id not in manifest:
                return False
            del manifest[doc_id]
            # Manifest first: a crash after it leaves an orphan file, never a listed document without one.
            body = {"docs": {k: vars(v) for k, v in sorted(manifest.items())}}
            atomic_write(self.manifest_path, json.dumps(body, ensure_ascii=False, indent=1).encode())
            self._write_union(manifest)
            (self.docs_dir / f"{doc_id}.nt").unlink(missing_ok=True)
            return True

    def _write_union(self, manifest: dict[str, DocEntry]) -> None:
        # N-Triples concatenate: the union file is the parts joined, no parse needed.
        parts = [self.root / n for n in ("lexicon.nt", "chains.nt", "enterprises.nt")]
        docs = [self.docs_dir / f"{d}.nt" for d in sorted(manifest)]
        missing = [p.name for p in docs if not p.exists()]
        if missing:
            raise FileNotFoundError(f"graph files listed in the manifest are missing: {', '.join(missing)}")
        data = b"".join(p.read_bytes() for p in parts + docs if p.exists())
        atomic_write(self.union_path, data)

    def load(self) -> Graph:
        """The whole graph (empty when nothing was ingested)."""
        g = new_graph()
        if self.union_path.exists():
            g.parse(self.union_path, format="nt")
        return g
