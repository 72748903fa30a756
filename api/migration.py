"""`policykg migrate`: a library moved between the embedded stores and the remote ones of the settings, both halves.

The graph goes over whole (kg/migrate.py) when the SPARQL server is set; the passages when Milvus is: to Milvus
from the local vector cache (nothing is embedded again on the machine that built the library), and back by
copying Milvus's vectors into the local cache before the embedded index is built. Afterwards both sides are opened
as the service opens them and compared: documents, tasks, and each document's passage count and digest must be
equal, or the migration fails naming what differs. The source's own index is brought up to its graph first (it
may write to the source's Milvus, or embed, if it was behind). A Milvus collection holding documents the source
has not is refused unless `replace`, as the graph store is. Going to Milvus, the collection is adopted last: its
records' stamps become the target graph store's versions (search/milvus_sync.py `MilvusSync.adopt`). A library nobody is
writing to, as kg/migrate.py says.
"""
from __future__ import annotations

import contextlib
import time
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, replace
from typing import Any

from kg.migrate import MigrationError, migrate
from kg.stores import GraphBackend, StoreSettingsError, open_graph_store

from .service import PolicyService
from .settings import Settings

DIRECTIONS = ("to-remote", "to-embedded")


def embedded(settings: Settings) -> Settings:
    """The same settings with every remote store unset: the data directory's own graph and index."""
    return replace(settings, sparql_query_url=None, sparql_update_url=None, sparql_store_url=None, sparql_user=None,
                   sparql_password=None, milvus_uri=None, index_on_ingest=False)


def _differ(what: str, want: Mapping[str, object], got: Mapping[str, object]) -> list[str]:
    """What differs between the two sides, one readable line per name."""
    return [f"{what} of {name}: {want.get(name, 'none')} in the source, {got.get(name, 'none')} in the target"
            for name in sorted(want.keys() | got.keys()) if want.get(name) != got.get(name)]


def _first(lines: Sequence[str], n: int = 3) -> str:
    return "; ".join(lines[:n]) + (f"; and {len(lines) - n} more" if len(lines) > n else "")


def _refuse_foreign_passages(source_docs: Collection[str], target: PolicyService) -> None:
    """MigrationError when the target's Milvus collection holds documents the source has not (as kg/migrate.py
    refuses such a graph store): copying would remove them."""
    milvus = target.engine.milvus
    extra = sorted(set(milvus.records()) - set(source_docs)) if milvus is not None else []
    if extra:
        raise MigrationError(f"the Milvus collection already holds {len(extra)} documents the source has not "
                             f"({', '.join(extra[:3])}{', …' if len(extra) > 3 else ''}): pass replace to remove them")


def migrate_library(settings: Settings, direction: str, replace_target: bool = False) -> dict[str, Any]:
    """Copy the library `direction` ("to-remote": the data directory's into the remote stores; "to-embedded": back)
    and compare both sides; the report's counts are the target's. MigrationError when they differ,
    StoreSettingsError when no remote store is set."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}; valid: {', '.join(DIRECTIONS)}")
    urls = (settings.sparql_query_url, settings.sparql_update_url, settings.sparql_store_url)
    if not any(urls) and not settings.milvus_uri:
        raise StoreSettingsError("migrate needs a remote store: set POLICYKG_SPARQL_QUERY_URL, "
                                 "POLICYKG_SPARQL_UPDATE_URL and POLICYKG_SPARQL_STORE_URL, or POLICYKG_MILVUS_URI, or both")
    started = time.perf_counter()
    here, there = embedded(settings), replace(settings, index_on_ingest=False)
    with contextlib.ExitStack() as opened:
        def service(of: Settings) -> PolicyService:
            return opened.enter_context(contextlib.closing(PolicyService(of)))

        def graph_store(*remote: Any) -> GraphBackend:
            return opened.enter_context(contextlib.closing(open_graph_store(settings.data_dir / "graph", *remote)))

        if settings.milvus_uri and direction == "to-remote" and not replace_target:
            # Before anything is copied; the source's documents as its store lists them (no graph load).
            _refuse_foreign_passages(graph_store().manifest(), service(there))
        report: dict[str, Any] = {"documents": 0, "triples": None, "removed": []}
        if any(urls):
            local = graph_store()
            remote = graph_store(*urls, settings.sparql_user, settings.sparql_password, settings.graph_store_timeout_s)
            source_graph, target_graph = (local, remote) if direction == "to-remote" else (remote, local)
            report |= asdict(migrate(source_graph, target_graph, replace=replace_target))
        source = service(here if direction == "to-remote" else there)
        target = service(there if direction == "to-remote" else here)
        counts = {side: {"documents": len(svc.kg.doc_ids()), "tasks": len(svc.tasks().tasks)}
                  for side, svc in (("source", source), ("target", target))}
        differ = _differ("the library", counts["source"], counts["target"])
        report |= counts["target"]
        if settings.milvus_uri and not differ:
            # Back from Milvus: its vectors go to the local cache first, so building the embedded index embeds
            # nothing.
            report["vectors_copied"] = source.engine.cache_milvus_vectors() if direction == "to-embedded" else 0
            source.reindex()  # the source's index follows its graph (current already, unless written meanwhile)
            built = target.reindex()
            if direction == "to-remote":
                # The records' stamps become the target graph store's versions (they may be another store's: the
                # source's, when the graph moved too); with replace, what the source lacks goes.
                report["removed_passages"] = target.engine.adopt_milvus(target.kg, remove_others=replace_target)
            want = source.engine.held_passages(source.kg)
            got = target.engine.held_passages(target.kg)
            differ += _differ("(passages, digest)", want, got)
            report |= {"passages": sum(n for n, _ in got.values()), "embedded": built.embedded or 0}
    if differ:
        raise MigrationError(f"after the copy the two sides differ: {_first(differ)}")
    report["seconds"] = round(time.perf_counter() - started, 2)
    return report


__all__ = ["DIRECTIONS", "embedded", "migrate_library"]
