"""The library's graph: one named graph per document in a persistent Oxigraph store, replaced atomically.

Adding, replacing or removing a document is one SPARQL Update (its named graph, its manifest entry and the
store's version in one transaction), so its cost does not depend on the library's size, and a crash leaves the
store as it was before or after, never between. Opening the store reads nothing into memory: a restart takes
the time to open RocksDB, whatever the library holds.

One process owns the store (RocksDB allows one writer); the server usually. Another process on the same data
directory (the CLI beside a running server) hands its writes to the owner through an inbox directory and reads
a snapshot the owner makes for it (a RocksDB checkpoint: hard links, no copy). The SPARQL workers read such a
snapshot too, so their answers come from one version of the graph.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import shutil
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote, unquote

import pyoxigraph as ox
from rdflib import Graph

from .files import atomic_write
from .index import RowCache
from .oxgraph import OxGraph

log = logging.getLogger(__name__)

STORE_DIR: Final = "oxigraph"
INBOX: Final = "inbox"
SNAPSHOTS: Final = "snapshots"
ROWS: Final = "rows"  # the whole-library indexes' rows per named graph (kg/index.py RowCache)
# The store's version as the owner last committed it, for the other processes: reading it is one small file read,
# where asking the owner through the inbox takes a polling round trip (0.1-0.2 s) on every request they serve.
VERSION_FILE: Final = "VERSION"
OWNER_LOCK: Final = "OWNER.lock"  # flock'ed by the owning process (see _owner_lock)
KEEP_SNAPSHOTS: Final = 3
PARTS: Final = ("lexicon", "chains", "enterprises")
_NS: Final = "urn:policykg:"
_VERSION = ox.NamedNode(_NS + "version")
_STORE = ox.NamedNode(_NS + "store")
_SOURCE = ox.NamedNode(_NS + "source")
_SHA = ox.NamedNode(_NS + "sha256")
_DOC_ID = ox.NamedNode(_NS + "docId")
_WRITTEN = ox.NamedNode(_NS + "written")
_POLL_S: Final = 0.2
_BACKUP_TRIES: Final = 4


class StoreBusy(RuntimeError):
    """The store is owned by another process that does not answer (its inbox is not being read)."""


@dataclass(frozen=True)
class DocEntry:
    """What the manifest remembers of an ingested document."""

    doc_id: str
    source: str
    sha256: str
    written: int = 0  # the store's version that wrote it (set by the store)


def doc_graph(doc_id: str) -> str:
    """The IRI of a document's named graph."""
    return f"{_NS}graph:doc:{quote(doc_id, safe='')}"


def doc_stamps(view: Any) -> dict[str, int]:
    """The store version that wrote each document of a loaded view, from the view's own graph stamps: read with the
    graphs, so they never describe another version than the one loaded (a separate manifest read could)."""
    prefix = doc_graph("")
    return {unquote(g[len(prefix):]): stamp for g, stamp in (getattr(view, "graph_stamps", None) or {}).items()
            if g.startswith(prefix) and stamp is not None}


def part_graph(name: str) -> str:
    """The IRI of a whole-library part's named graph (lexicon, chains, enterprises)."""
    return f"{_NS}graph:{name}"


def _entry_node(doc_id: str) -> str:
    return f"{_NS}doc:{quote(doc_id, safe='')}"


def _lit(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid SPARQL string literal


def _text(term: Any) -> str:
    """The lexical value of a literal (or the IRI of a node) of the bookkeeping graph."""
    return str(term.value)


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")


def _replace_graph(iri: str, nt: str) -> str:
    """The update operations that make named graph `iri` hold exactly the triples `nt`."""
    ops = f"DROP SILENT GRAPH <{iri}> ;\n"
    return ops + (f"INSERT DATA {{ GRAPH <{iri}> {{\n{nt}\n}} }} ;\n" if nt.strip() else "")


class _Owner:
    """This process's ownership of one store: the open handle, its writers' lock, and the inbox watcher.

    Kept for the process's lifetime: RocksDB refuses a second handle, every GraphStore of this process on the
    same data directory shares this one, and requests of other processes are answered for as long as it lives.
    """

    def __init__(self, root: Path, store: ox.Store) -> None:
        self.root = root
        self.store = store
        self.lock = threading.Lock()
        self.migrate_files()
        self._publish_version()
        threading.Thread(target=self._watch, name="policykg-graph-inbox", daemon=True).start()

    def _watch(self) -> None:
        while True:
            try:
                self.drain_inbox()
            except Exception:  # a bad request is answered with its error by drain_inbox; this is the rest
                log.exception("graph store inbox")
            time.sleep(_POLL_S)

    def version(self) -> int | None:
        return _version(self.store)

    def _publish_version(self) -> None:
        """Tell the other processes the version committed (not durable: a new owner writes it again at start).

        A write that committed is not reported failed because this file could not be written: the file is removed
        instead, and the other processes ask the owner through the inbox until the next write publishes again."""
        try:
            atomic_write(self.root / VERSION_FILE, str(self.version() or "").encode("ascii"))
        except OSError as exc:
            log.warning("graph store version not published (%s); other processes will ask through the inbox", exc)
            (self.root / VERSION_FILE).unlink(missing_ok=True)

    def apply(self, request: dict[str, Any]) -> dict[str, Any]:
        """Carry out one request: a write in one transaction, or a snapshot."""
        with self.lock:
            return self._apply(request)

    def _apply(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request["op"]
        if op == "version":
            return {"version": self.version()}
        if op == "snapshot":
            return {"snapshot": self._snapshot(bool(request.get("public")))}
        version = (self.version() or 0) + 1
        ops: list[str] = []
        result: dict[str, Any] = {}
        if op == "put":
            for entry, nt in request["docs"]:
                node = _entry_node(entry["doc_id"])
                ops.append(_replace_graph(doc_graph(entry["doc_id"]), nt))
                ops.append(f"DELETE WHERE {{ <{node}> ?p ?o }} ;\n")
                ops.append(f"INSERT DATA {{ <{node}> <{_DOC_ID.value}> {_lit(entry['doc_id'])} ; "
                           f"<{_SOURCE.value}> {_lit(entry['source'])} ; <{_SHA.value}> {_lit(entry['sha256'])} ; "
                           f"<{_WRITTEN.value}> {version} }} ;\n")
            ops.append(_replace_graph(part_graph("lexicon"), request["lexicon"]))
            for name, nt in request.get("parts", {}).items():  # the import of an old layout brings them along
                ops.append(_replace_graph(part_graph(name), nt))
        elif op == "part":
            ops.append(_replace_graph(part_graph(request["name"]), request["nt"]))
        elif op == "remove":
            doc_id = request["doc"]
            if next(self.store.quads_for_pattern(None, _DOC_ID, ox.Literal(doc_id), ox.DefaultGraph()), None) is None:
                return {"removed": False}
            ops.append(f"DROP SILENT GRAPH <{doc_graph(doc_id)}> ;\nDELETE WHERE {{ <{_entry_node(doc_id)}> ?p ?o }} ;\n")
            result = {"removed": True}
        else:
            raise ValueError(f"unknown graph store request {op!r}")
        ops.append(f"DELETE WHERE {{ <{_STORE.value}> <{_VERSION.value}> ?v }} ;\n"
                   f"INSERT DATA {{ <{_STORE.value}> <{_VERSION.value}> {version} }}")
        self.store.update("".join(ops))  # one transaction: all of it or none
        self.store.flush()
        self._publish_version()
        return result

    def _snapshot(self, public: bool = False) -> str:
        """A checkpoint of the current version (made once per version); the newest few of each kind are kept.

        A public one (for /sparql) holds the named graphs only: the store's bookkeeping in the default graph is
        dropped from the copy, so a query can take the union of all graphs as its default graph. Listing the
        document graphs instead made Oxigraph 16-25x slower at 61 documents and worse with every document added
        (1.4 s for the README's "tasks per unit" at 100 documents against 23 ms at 10)."""
        version = self.version() or 0
        snaps = self.root / SNAPSHOTS
        snaps.mkdir(parents=True, exist_ok=True)
        kind = "p" if public else "v"
        existing = sorted(p.name for p in snaps.iterdir() if p.name.startswith(f"{kind}{version:012d}-"))
        if existing:
            return existing[-1]
        name = f"{kind}{version:012d}-{secrets.token_hex(3)}"
        tmp = snaps / f".{name}.tmp"
        for attempt in range(_BACKUP_TRIES):
            shutil.rmtree(tmp, ignore_errors=True)
            self.store.flush()
            try:
                self.store.backup(str(tmp))
                break
            except OSError as exc:
                # Seen under load: a background compaction removed a table file between RocksDB listing it
                # and linking it. The store is intact; a second checkpoint lists the files anew.
                log.warning("graph store checkpoint failed (attempt %d): %s", attempt + 1, exc)
                if attempt + 1 == _BACKUP_TRIES:
                    shutil.rmtree(tmp, ignore_errors=True)
                    raise
                time.sleep(0.2 * (attempt + 1))
        try:
            if public:
                copy = ox.Store(str(tmp))  # the checkpoint's own files: the live store is not touched
                copy.update("DROP SILENT DEFAULT")
                copy.flush()
                del copy
            tmp.rename(snaps / name)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)  # its hard links would keep compacted files alive
            raise
        # A worker or a reader of another process may still be opening an older one.
        for old in sorted(p for p in snaps.iterdir() if p.name.startswith(kind))[:-KEEP_SNAPSHOTS]:
            shutil.rmtree(old, ignore_errors=True)
        return name

    def drain_inbox(self) -> None:
        """Apply the requests other processes queued, in the order they came."""
        inbox = self.root / INBOX
        if not inbox.is_dir():
            return
        for path in sorted(inbox.glob("*.json")):
            try:
                reply = self.apply(json.loads(path.read_text(encoding="utf-8")))
            except Exception as exc:  # the sender gets the error; the next request still runs
                log.warning("graph store request %s failed: %s", path.name, exc)
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            atomic_write(path.with_suffix(".done"), json.dumps(reply).encode("utf-8"))
            path.unlink(missing_ok=True)

    def migrate_files(self) -> None:
        """Import a data directory written by an earlier version (docs/*.nt, parts, manifest.json) once."""
        manifest_path = self.root / "manifest.json"
        if not manifest_path.exists() or self.version() is not None:
            return
        raw = json.loads(manifest_path.read_text(encoding="utf-8")).get("docs", {})
        request: dict[str, Any] = {"op": "put", "docs": [], "lexicon": ""}
        for doc_id, entry in sorted(raw.items()):
            nt_file = self.root / "docs" / f"{doc_id}.nt"
            if nt_file.exists():
                request["docs"].append((entry, nt_file.read_text(encoding="utf-8")))
        if (self.root / "lexicon.nt").exists():
            request["lexicon"] = (self.root / "lexicon.nt").read_text(encoding="utf-8")
        request["parts"] = {name: (self.root / f"{name}.nt").read_text(encoding="utf-8")
                            for name in ("chains", "enterprises") if (self.root / f"{name}.nt").exists()}
        # One transaction: a crash part-way leaves no version, so the next open imports everything again.
        self.apply(request)
        log.info("graph store: imported %d documents from the file layout", len(request["docs"]))


_OWNERS: dict[Path, _Owner] = {}
_OWNERS_LOCK = threading.Lock()


def _owner_lock(root: Path) -> int | None:
    """An exclusive lock on the store's owner file, held for the process's life; None when another process has it.

    Checked before RocksDB is opened: an open that fails on RocksDB's own lock has already rotated the store's
    info logs, so a process asking on every request (a second server process) raced the others' rotation
    (FileNotFoundError on LOG.old.*, a 500) and left a log file per request."""
    fd = os.open(root / OWNER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _own(root: Path) -> _Owner | None:
    """This process's ownership of the store under `root`, or None when another process owns it."""
    path = (root / STORE_DIR).resolve()
    with _OWNERS_LOCK:
        owner = _OWNERS.get(path)
        if owner is None:
            path.mkdir(parents=True, exist_ok=True)
            lock = _owner_lock(root)
            if lock is None:
                return None
            try:
                store = ox.Store(str(path))
            except OSError as exc:
                os.close(lock)
                if "lock" not in str(exc).lower():
                    raise
                return None  # an owner of an earlier release, which takes no owner lock
            try:
                owner = _Owner(root, store)
            except BaseException:
                del store  # RocksDB's lock goes with the handle; ours with the descriptor: the next call tries again
                os.close(lock)
                raise
            _OWNERS[path] = owner  # the lock's descriptor stays open while the process lives
        return owner


def _version(store: ox.Store) -> int | None:
    """The version a store holds (None before its first write)."""
    for q in store.quads_for_pattern(_STORE, _VERSION, None, ox.DefaultGraph()):
        return int(_text(q.object))
    return None


def _manifest(store: ox.Store) -> dict[str, DocEntry]:
    """The manifest entries a store holds, by document id."""
    out: dict[str, DocEntry] = {}
    for q in store.quads_for_pattern(None, _DOC_ID, None, ox.DefaultGraph()):
        fields = {p.predicate.value: _text(p.object) for p in store.quads_for_pattern(q.subject, None, None, ox.DefaultGraph())}
        doc_id = _text(q.object)
        out[doc_id] = DocEntry(doc_id, fields.get(_SOURCE.value, ""), fields.get(_SHA.value, ""),
                               int(fields.get(_WRITTEN.value, 0)))
    return dict(sorted(out.items()))


class GraphStore:
    """The data directory's graph store (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.inbox = self.root / INBOX
        self._manifests: tuple[int, dict[str, DocEntry]] | None = None  # the last one read, with its version

    # ---- reading ------------------------------------------------------------------------------------
    def stamp(self) -> int | None:
        """The store's version, raised by every write (of any process); None before the first one."""
        owner = _own(self.root)
        if owner:
            return owner.version()
        try:  # the owner's published version; it follows each commit within the same write
            text = (self.root / VERSION_FILE).read_text(encoding="ascii").strip()
            return int(text) if text else None
        except (OSError, ValueError):  # an owner of an older release publishes none: ask it
            return self._request({"op": "version"}).get("version")

    def manifest(self) -> dict[str, DocEntry]:
        """Ingested documents by id."""
        return self._manifest_at(self._store())

    def identity(self) -> tuple[str, ...]:
        """The name this store goes by (see kg/stores.py GraphBackend): its directory, links resolved. Not a name
        kept inside it: a copy of a data directory (a second library, a staging clone) is another store, and one
        machine reaches its directory by one path."""
        return (f"embedded:{self.root.resolve()}",)

    def _manifest_at(self, store: ox.Store) -> dict[str, DocEntry]:
        """The manifest a store holds, read once per version (a write reads it several times)."""
        version, known = _version(store), self._manifests
        if version is None or known is None or known[0] != version:
            known = (version or 0, _manifest(store))
            if version is not None:
                self._manifests = known
        return dict(known[1])

    def load(self) -> OxGraph:
        """The whole graph as a read-only rdflib view over the store (nothing is loaded into memory)."""
        store = self._store()
        stamps: dict[str, int | None] = {part_graph(p): None for p in PARTS}
        stamps.update((doc_graph(d), e.written or None) for d, e in self._manifest_at(store).items())
        return OxGraph(store, graph_stamps=stamps, row_cache=RowCache(self.root / ROWS))

    def _store(self) -> ox.Store:
        """The store when this process owns it, else a snapshot the owner made of it just now."""
        owner = _own(self.root)
        return owner.store if owner else ox.Store.read_only(str(self.snapshot()))

    def close(self) -> None:
        """Nothing to let go: the process owns the store until it ends (other instances in it may still use it)."""

    def snapshot(self, public: bool = False) -> Path:
        """A read-only copy of the store as it is now (made once per version); `public`: the documents' and parts'
        named graphs only, without the store's bookkeeping (what the SPARQL workers serve)."""
        owner = _own(self.root)
        request = {"op": "snapshot", "public": public}
        name = owner.apply(request)["snapshot"] if owner else self._request(request)["snapshot"]
        return self.root / SNAPSHOTS / str(name)

    # ---- writing ------------------------------------------------------------------------------------
    def put(self, entries: list[tuple[DocEntry, Graph]], lexicon: Graph) -> None:
        """Write (or replace) documents and the lexicon in one transaction."""
        self._write({"op": "put", "docs": [(asdict(e), _nt(g)) for e, g in entries], "lexicon": _nt(lexicon)})

    def put_part(self, name: str, graph: Graph) -> None:
        """Replace a whole-library part ("chains" or "enterprises")."""
        if name not in ("chains", "enterprises"):
            raise ValueError(f"unknown graph part {name!r}")
        self._write({"op": "part", "name": name, "nt": _nt(graph)})

    def remove(self, doc_id: str) -> bool:
        """Drop a document; False when it was not there."""
        removed = bool(self._write({"op": "remove", "doc": doc_id}).get("removed"))
        RowCache(self.root / ROWS).drop(doc_graph(doc_id))  # stale in any case (its stamp is gone); not left behind
        return removed

    def _write(self, request: dict[str, Any]) -> dict[str, Any]:
        owner = _own(self.root)
        return owner.apply(request) if owner else self._request(request)

    def _request(self, request: dict[str, Any], timeout_s: float = 120.0) -> dict[str, Any]:
        """Hand a request to the process that owns the store and wait for its answer."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns():020d}-{secrets.token_hex(4)}"
        atomic_write(self.inbox / f"{name}.json", json.dumps(request, ensure_ascii=False).encode("utf-8"), durable=True)
        answer = self.inbox / f"{name}.done"
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if answer.exists():
                reply = json.loads(answer.read_text(encoding="utf-8"))
                answer.unlink(missing_ok=True)
                if "error" in reply:
                    raise ValueError(reply["error"])
                return dict(reply)
            # The owner may have exited meanwhile: then this process owns the store and answers itself.
            if (owner := _own(self.root)) is not None:
                owner.drain_inbox()
                continue
            time.sleep(_POLL_S / 2)
        raise StoreBusy(f"the process that holds the graph store did not answer within {timeout_s:g} s "
                        "(the request stays queued and is applied when it does)")


__all__ = ["DocEntry", "GraphStore", "StoreBusy", "doc_graph", "doc_stamps", "part_graph"]
