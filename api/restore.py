"""`policykg restored`: after the SPARQL server's store was put back from a backup, what was kept of the writes it
lost goes.

A restored store keeps its name and goes back to versions it has been at before. The Milvus records' stamps, and
each machine's passage cache, are keyed by (the store's name, a version): under the same name, the lost writes'
entries would be taken for the writes the store makes next at the same versions, and a document the lost writes
added would stay searchable. So the store gets a new name (kg/remote.py `rename`); every cache keyed by the old
one then misses, on every machine, without a step there. This machine then brings the Milvus collection to the
graph as restored: documents whose passages differ are written, the collection is adopted under the new name
with the documents the graph lacks removed (search/milvus_sync.py `MilvusSync.adopt`), and a forced rebuild sweeps
rows no record names. Run it with no API process running (their in-memory snapshots are keyed by versions too),
then start them.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import replace
from typing import Any

from kg.stores import StoreSettingsError, open_graph_store

from .service import PolicyService
from .settings import Settings


def after_restore(settings: Settings) -> dict[str, Any]:
    """Rename the settings' remote graph store and bring the Milvus collection to its graph; a report of the old
    names, the new one, and the documents written and removed. StoreSettingsError without a remote graph store."""
    urls = (settings.sparql_query_url, settings.sparql_update_url, settings.sparql_store_url)
    if not all(urls):
        raise StoreSettingsError(
            "restored is for a graph store on a SPARQL server put back from a backup: set POLICYKG_SPARQL_QUERY_URL, "
            "POLICYKG_SPARQL_UPDATE_URL and POLICYKG_SPARQL_STORE_URL. An embedded store is named by its directory: "
            "restore its backup into a new data directory, which is another store (with Milvus, then run "
            "`policykg migrate to-remote --replace` from it).")
    started = time.perf_counter()
    from kg.remote import RemoteGraphStore

    with contextlib.closing(open_graph_store(settings.data_dir / "graph", *urls, settings.sparql_user,
                                             settings.sparql_password, settings.graph_store_timeout_s)) as store:
        assert isinstance(store, RemoteGraphStore)  # all three URLs are set
        report: dict[str, Any] = {"old_names": list(store.identity()), "name": store.rename()}
    with contextlib.closing(PolicyService(replace(settings, index_on_ingest=False))) as svc:
        report["documents"] = len(svc.kg.doc_ids())
        # Under the new name the collection's stamps are another store's: documents whose passages differ are
        # written (their records say no version), and none is removed yet.
        built = svc.reindex(force=True, user=True)
        report["embedded"] = built.embedded or 0
        if svc.engine.milvus is not None:
            report["removed_passages"] = svc.engine.adopt_milvus(svc.kg, remove_others=True)
            # Now the store's own: rows no record names (a lost writer's, stopped before recording) are swept.
            svc.reindex(force=True, user=True)
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


__all__ = ["after_restore"]
