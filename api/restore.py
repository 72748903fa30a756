"""`policykg restored`: after the SPARQL server's store was put back from a backup, what was kept of the writes it
lost goes.

A restored store keeps its name and goes back to versions it has been at before. The Milvus records' stamps, and
each machine's passage cache, are keyed by (the store's name, a version): under the same name, the lost writes'
entries would be taken for the writes the store makes next at the same versions, and a document the lost writes
added would stay searchable. So the store gets a new name (kg/remote.py `rename`); every passage-cache entry kept
under the old one then misses, on every machine, without a step there. This machine then brings the Milvus
collection to the graph as restored: the documents the graph lacks are removed and every record is marked
unknown (search/milvus_sync.py `MilvusSync.adopt` with `restored`), then every document is written again, vectors
from this machine's cache (a writer the restore lost may have died with a document's rows unlike its record, so
matching digests prove nothing), and rows no record names are swept. Run it with no API process or other writer
running (their in-memory snapshots are keyed by versions too), then start them. Milvus is asked before the store
is renamed; a failure of the rename or after it says so, and running the command again completes it.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from kg.stores import StoreSettingsError

from .errors import PolicyKGError
from .service import PolicyService
from .settings import Settings

NO_SERVER = ("restored is for a graph store on a SPARQL server put back from a backup: set POLICYKG_SPARQL_QUERY_URL, "
             "POLICYKG_SPARQL_UPDATE_URL and POLICYKG_SPARQL_STORE_URL. An embedded store is named by its directory: "
             "restore its backup into a new data directory, which is another store (with Milvus, then run "
             "`policykg migrate to-remote --replace` from it).")


def after_restore(settings: Settings) -> dict[str, Any]:
    """Rename the settings' remote graph store and bring the search index to its graph: a report of the names it
    went by, the new one, the documents, the passages embedded and (with Milvus) the documents removed.
    StoreSettingsError without a remote graph store; PolicyKGError `restore_incomplete` when the rename or a step
    after it failed (running the command again completes it)."""
    from kg.remote import RemoteGraphStore

    started = time.perf_counter()
    svc = PolicyService(replace(settings, index_on_ingest=False))
    try:
        store = svc.store
        if not isinstance(store, RemoteGraphStore):
            raise StoreSettingsError(NO_SERVER)
        milvus = svc.engine.milvus  # connects: Milvus away fails the command before anything changes
        if milvus is not None:
            milvus.document_count()
        report: dict[str, Any] = {"old_names": list(store.identity()), "name": None}
        try:
            report["name"] = store.rename()
            kg = svc.kg  # the first load: under the new name
            if report["name"] not in kg.store_names:  # unread: the collection would be claimed by the address
                raise PolicyKGError(f"the graph store's new name {report['name']} could not be read back")
            report["documents"] = len(kg.doc_ids())
            if milvus is not None:
                report["removed_passages"] = svc.engine.adopt_milvus(kg, remove_others=True, restored=True)
                svc.engine.reread_milvus(sweep=True)
            report["embedded"] = svc.reindex(force=True).embedded or 0
        except Exception as exc:
            renamed = f"was renamed {report['name']}" if report["name"] else "may have been renamed"
            raise PolicyKGError(f"the graph store {renamed}, but bringing the search index to it failed "
                                f"({type(exc).__name__}: {str(exc)[:300]}); run `policykg restored` again once the "
                                "stores answer, before starting any API process", code="restore_incomplete",
                                status=503) from exc
    finally:
        svc.close()
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


__all__ = ["after_restore"]
