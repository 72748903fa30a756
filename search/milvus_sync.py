"""Keeping a shared Milvus collection in step with graph snapshots: which documents to write or remove, and whose
versions the collection's records are stamped with.

Every API process of a library writes to one collection. Milvus keeps a record (digest, stamp) per document, the
stamp being the graph-store version that wrote it; a process writes a document only when its snapshot's version
is newer than the record's, so concurrent writers never undo each other, and removes only documents recorded
before its snapshot.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from kg.query import KG

from .embed.base import Embedder
from .passages import DocPassages
from .store import IndexStore
from .vectors import Progress

StoredDocs = Callable[[Collection[str]], set[str]]  # of these documents, those the graph store holds now

if TYPE_CHECKING:
    from .milvus import MilvusIndex

log = logging.getLogger(__name__)
MILVUS_BATCH = 64  # documents per Milvus write while syncing: bounded requests, few flushes (segments on Lite)


def _outdated(held: tuple[str, int] | None, digest: str, stamp: int) -> bool:
    """Whether Milvus's record (digest, stamp) of a document needs this snapshot's version written. Another
    process may have written a later version (or a document this snapshot predates): that is left alone. A stamp
    of -1: a version unknown (a graph without store versions)."""
    return held is None or (held[0] != digest and (held[1] <= stamp or stamp < 0))


def _newest(version: int | None, by_doc: dict[str, DocPassages]) -> int:
    """The store version a snapshot is as new as: its own, else its newest document's."""
    return max([-1 if version is None else version, *(entry[0] for entry in by_doc.values())])


def _gone(stamp: int, newest: int) -> bool:
    """Whether a document a snapshot lacks was written before it (so removed since), by its Milvus stamp."""
    return stamp <= newest or stamp < 0


class MilvusSync:
    """One process's knowledge of a Milvus collection's records, and the writes that bring it to a snapshot."""

    def __init__(self, store: IndexStore, graph_store: str) -> None:
        # The local index store: its vector cache gives the vectors, its lock orders writers across processes.
        self.store = store
        # The graph store's address (`MilvusConfig.graph_store`): what collections were claimed by before stores
        # had names ("": this engine names no graph store and never claims).
        self.graph_store = graph_store
        # Each document's record (digest, stamp) as this process last found or made the collection hold it (None:
        # not looked yet). Checks and writes ask Milvus only about the documents that differ from it, and count
        # its records (see `plan`); the first look reads every record.
        self.seen: dict[str, tuple[str, int]] | None = None
        # Whose versions the records' stamps are, as found at the last full read: "" none said (a collection
        # this process claims at its next write), ours, or another graph store's (see `plan`).
        self.owner = ""
        # The graph store's names, as the last snapshot synced or checked read them (kg/query.py KG.store_names):
        # the records' stamps are ours under any of them, or under the store's address.
        self.store_names: tuple[str, ...] = ()
        self.base = 0  # added to a stamp for its rows' generation (search/milvus.py `generation`)
        # A user's forced rebuild also sweeps the rows no record names (`_sweep_unrecorded`): a scan of every row.
        self.sweep_due = False

    def reread(self, sweep: bool = False) -> None:
        """Read every record at the next check instead of trusting what this process saw; with `sweep`, the next
        write also removes the rows no record names (a user's forced rebuild)."""
        self.seen = None
        self.sweep_due = self.sweep_due or sweep

    def is_current(self, milvus: MilvusIndex, kg: KG, by_doc: dict[str, DocPassages]) -> bool:
        """Whether the collection holds every document as this snapshot has it, or newer, none it has dropped, and
        is claimed by its graph store."""
        self.store_names = kg.store_names
        changed, gone, _ = self.plan(milvus, by_doc, kg.version)
        return not changed and not gone and not self._to_claim()

    def write(self, milvus: MilvusIndex, kg: KG, by_doc: dict[str, DocPassages], embedder: Embedder,
              progress: Progress | None, stored: StoredDocs | None = None) -> int:
        """Write to Milvus the documents whose passages differ from what it holds, drop those the graph lacks;
        returns the passages embedded (the rest came from the local vector cache). `stored` tells which documents
        the graph store holds now (not this snapshot): asked before writing one Milvus has no record of (a removal
        leaves none), and after writing, so that a document deleted since the snapshot is not written back.

        Cost follows the documents changed, not the library: Milvus keeps one digest per document, and vectors
        come from the local vector cache (a passage is embedded once per machine)."""
        from .milvus import DocRecord, doc_meta

        self.store_names = kg.store_names
        changed, gone, held = self.plan(milvus, by_doc, kg.version)
        newest = _newest(kg.version, by_doc)
        rows = {r.id: r for r in kg.documents()} if changed else {}
        places = {d: place for place, docs in kg.places().items() for d in docs} if changed else {}
        todo = sum(len(by_doc[d][1]) for d in changed)
        done = embedded = 0
        kept: dict[str, tuple[str, int]] = {}  # records found newer than this snapshot's when asked again
        deleted: set[str] = set()  # documents of this snapshot the graph store no longer holds: not written
        with self.store.writing():  # the vector cache has one writer at a time, across processes too
            # Whose stamps the collection holds, asked again under the lock: another process may have claimed or
            # adopted it since this one last read every record.
            self._own(milvus)
            if self._to_claim():
                # This graph store's from now, before any record.
                milvus.restamp(self._claim_name(), {})
                self._own(milvus)  # the last of two claims wins: the other one is foreign
            for start in range(0, len(changed), MILVUS_BATCH):
                ids = changed[start : start + MILVUS_BATCH]
                encoded_docs = []
                for d in ids:
                    passages = by_doc[d][1]
                    encoded = self.store.vectors.encode([p.text for p in passages], embedder)
                    embedded += encoded.embedded
                    encoded_docs.append((d, passages, encoded.vectors))
                    done += len(passages)
                    if progress is not None:
                        progress(done, todo)
                # Planned before the embedding: asked again right before writing, so a document another process
                # wrote meanwhile in a later version is left to it.
                now = self._records(milvus, ids)
                kept |= {d: now[d] for d in ids if not _outdated(now.get(d), by_doc[d][3], by_doc[d][0])}
                # No record may mean a removal: a document deleted from the graph since this snapshot was read (a
                # newer snapshot's write removed it from Milvus too) is not written back. Milvus keeps no record of
                # a removal, so the graph store is asked.
                unrecorded = [d for d in ids if d not in now]
                if unrecorded and stored is not None and kg.version is not None:
                    deleted |= set(unrecorded) - stored(unrecorded)
                batch = [(doc_meta(d, rows.get(d), places.get(d)), passages, vectors)
                         for d, passages, vectors in encoded_docs if d not in kept and d not in deleted]
                if batch:
                    self._own(milvus)  # whose stamps the records are, asked right before recording ours
                    foreign = self._foreign()
                    # Another store's writer records no version of its own (-1) and replaces whatever is there.
                    yielded = milvus.replace_documents(
                        batch, {m.doc_id: DocRecord(by_doc[m.doc_id][3], -1 if foreign else by_doc[m.doc_id][0])
                                for m, _, _ in batch}, base=self.base, force=foreign)
                    # Left to a newer write: as Milvus now records it (no record: written again at the next check).
                    if yielded:
                        kept |= dict.fromkeys(yielded, ("", -1)) | self._records(milvus, yielded)
                    # A delete can reach the graph store between the question above and this write, and the
                    # deleting process's write may not know of ours: asked again, and removed again (up to this
                    # snapshot's version: a later re-add keeps its rows).
                    written = {m.doc_id for m, _, _ in batch} - yielded
                    if written and stored is not None and kg.version is not None and not foreign:
                        late = written - stored(written)
                        if late:
                            milvus.remove_documents(late, through=newest, base=self.base)
                            deleted |= late
            if self.sweep_due:
                self._sweep_unrecorded(milvus, newest, by_doc.keys() - deleted)
            if gone:
                self._own(milvus)
            if gone and not self._foreign():  # and a removal: a document re-added meanwhile (a later stamp) stays
                now = self._records(milvus, gone)
                kept |= {d: r for d, r in now.items() if not _gone(r[1], newest)}
                # Up to this snapshot's version: a re-add written after the re-read above keeps its rows.
                milvus.remove_documents(now.keys() - kept.keys(), through=newest, base=self.base)
        # Every document of this snapshot is now held as it is here, or newer (which this one leaves alone); the
        # documents this graph lacks and Milvus keeps are newer ones, kept so the count check below holds.
        self.seen = {d: r for d, r in held.items() if d not in by_doc and d not in gone} | \
            {d: (entry[3], entry[0]) for d, entry in by_doc.items() if d not in deleted} | kept
        return embedded

    def plan(self, milvus: MilvusIndex, by_doc: dict[str, DocPassages], version: int | None
             ) -> tuple[list[str], set[str], dict[str, tuple[str, int]]]:
        """The documents to write to Milvus, those to remove, and its records as now known (digest, stamp).

        Milvus is asked only about the documents whose (digest, stamp) differs from what this process last saw,
        then counts its records: a count other than the known one means rows this process never saw (another
        process's, or a collection emptied behind its back), and every record is read (as at the first call)."""
        want = {d: (entry[3], entry[0]) for d, entry in by_doc.items()}
        seen = self.seen
        if seen is not None:
            # Under another store's stamps (read as unknown) only the digests can differ.
            foreign = self._foreign()
            asked = {d for d, r in want.items() if (held := seen.get(d)) != r and (not foreign or held is None or
                                                                                 held[0] != r[0])} | \
                (seen.keys() - want.keys())
            if asked:
                seen = {d: r for d, r in seen.items() if d not in asked} | self._records(milvus, asked)
            if milvus.document_count() != len(seen):
                seen = None
        if seen is None:
            self._own(milvus)
            if self._foreign():
                log.warning("the Milvus collection's stamps are versions of another graph store (%s); documents "
                            "are written where their passages differ and none is removed until `policykg migrate` "
                            "adopts the collection (or, for a graph store put back from a backup, `policykg "
                            "restored` does)", self.owner)
            seen = self._records(milvus)
        self.seen = seen
        changed = [d for d, (dg, stamp) in want.items() if _outdated(seen.get(d), dg, stamp)]
        newest = _newest(version, by_doc)
        # Another store's stamps cannot tell a document this library deleted from one it never had.
        gone = set() if self._foreign() else \
            {d for d, (_, stamp) in seen.items() if d not in want and _gone(stamp, newest)}
        return changed, gone, seen

    def adopt(self, milvus: MilvusIndex, kg: KG, by_doc: dict[str, DocPassages], remove_others: bool,
              restored: bool = False) -> list[str]:
        """Make the collection's stamps this graph store's versions (after a migration wrote its passages): the
        snapshot's documents are recorded with its stamps where Milvus holds its passages, every other record
        with an unknown one (so the next rebuild writes it), and, with `remove_others`, the documents the snapshot
        lacks are removed. The generation base rises past every row's version (recorded or not) when the records
        were another store's, so this store's later writes are newer than any row there. With `restored` (the graph store was put back from a backup
        and renamed, api/restore.py), every record is marked unknown, digest too, so the next rebuild writes every
        document (a writer the restore lost may have died with a document's rows unlike its record), and the base
        rises whoever held the collection. Returns the documents removed; the next check reads every record
        again."""
        from .milvus import DocRecord

        self.store_names = kg.store_names
        with self.store.writing():
            owner, base = milvus.stamp_owner()
            held = milvus.records()
            others = sorted(held.keys() - by_doc.keys()) if remove_others else []
            milvus.remove_documents(others)
            if restored or not self._ours(owner):
                # Past every row's version, recorded or not (a writer that died before recording leaves rows).
                base = max(base, milvus.newest_version() + 1)
            marks = {d: DocRecord("", -1) if restored else
                     DocRecord(r.digest, by_doc[d][0] if d in by_doc and by_doc[d][3] == r.digest else -1)
                     for d, r in held.items() if d not in others}
            milvus.restamp(self._claim_name(), marks, base)
        self.seen = None
        return others

    def _sweep_unrecorded(self, milvus: MilvusIndex, newest: int, docs: Collection[str]) -> None:
        """Remove the rows no record names, of documents this snapshot (as new as `newest`) lacks: a writer that died
        between its insert and its record left them (the service hides their hits; they cost space and ranking
        statistics). Rows of later versions may be a live writer's, not yet recorded: they stay. Under another
        store's stamps nothing is removed (see `_foreign`)."""
        self._own(milvus)
        if not self._foreign():
            left = milvus.unrecorded(newest, self.base) - set(docs)
            if left:
                log.warning("removing the passages of %d documents no Milvus record names (a writer stopped between "
                            "writing them and recording them): %s", len(left), ", ".join(sorted(left)[:5]))
                milvus.remove_documents(left, through=newest, base=self.base)
        self.sweep_due = False  # done, or never due under another store's stamps (a failure above keeps it due)

    def _own(self, milvus: MilvusIndex) -> None:
        """Read whose versions the collection's stamps are, and its generation base (see `owner`)."""
        self.owner, self.base = milvus.stamp_owner()

    def _claim_name(self) -> str:
        """The name this process's graph store claims a collection by ("": it names none)."""
        if not self.graph_store:
            return ""
        return self.store_names[0] if self.store_names else self.graph_store

    def _to_claim(self) -> bool:
        """Whether the collection's stamps are unclaimed, or ours under another of our names (the next write claims
        them by the one our graph store is known by)."""
        claim, owner = self._claim_name(), self.owner
        return bool(claim) and owner != claim and (not owner or self._ours(owner))

    def _ours(self, owner: str) -> bool:
        """Whether `owner` is a name of this process's graph store (see `store_names`)."""
        return owner in self.store_names or owner == self.graph_store

    def _foreign(self) -> bool:
        """Whether the records' stamps are another graph store's versions (see `owner`); never for a process that
        names no graph store."""
        return bool(self.owner) and bool(self._claim_name()) and not self._ours(self.owner)

    def _records(self, milvus: MilvusIndex, doc_ids: Collection[str] | None = None) -> dict[str, tuple[str, int]]:
        """Milvus's records (digest, stamp) of these documents (of all: None); another graph store's stamps
        read as unknown (-1), so a document is written whenever its passages differ."""
        foreign = self._foreign()
        return {d: (r.digest, -1 if foreign else r.stamp) for d, r in milvus.records(doc_ids).items()}
