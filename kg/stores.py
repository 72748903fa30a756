"""The graph store's one interface and the choice of backend: embedded (kg/store.py) or a SPARQL 1.1 server (kg/remote.py)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph

from .store import DocEntry, GraphStore

if TYPE_CHECKING:
    from .oxgraph import OxGraph

URL_NAMES = ("query_url", "update_url", "store_url")


class GraphBackend(Protocol):
    """What the service asks of a graph store (GraphStore's methods; kg/store.py describes their meaning)."""

    def stamp(self) -> int | None: ...

    def manifest(self) -> dict[str, DocEntry]: ...

    # The names the store goes by, the one it is known by first: what the Milvus records' stamps are versions of.
    def identity(self) -> tuple[str, ...]: ...

    def load(self) -> OxGraph: ...

    def put(self, entries: list[tuple[DocEntry, Graph]], lexicon: Graph) -> None: ...

    def put_part(self, name: str, graph: Graph) -> None: ...

    def remove(self, doc_id: str) -> bool: ...

    def snapshot(self, public: bool = False) -> Path: ...

    def close(self) -> None: ...


class StoreSettingsError(ValueError):
    """The remote store's settings are incomplete: `missing` names the unset ones (as the factory's parameters)."""

    code = "graph_store_settings"

    def __init__(self, message: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.missing = missing


def open_graph_store(root: Path, query_url: str | None = None, update_url: str | None = None,
                     store_url: str | None = None, user: str | None = None, password: str | None = None,
                     timeout: float = 30.0) -> GraphBackend:
    """The embedded store under `root` when no URL is set, the remote one when all three are.

    >>> open_graph_store(Path("data/graph"))                                      # doctest: +SKIP
    >>> open_graph_store(Path("data/graph"), "http://127.0.0.1:7878/query",
    ...                  "http://127.0.0.1:7878/update", "http://127.0.0.1:7878/store")  # doctest: +SKIP
    """
    urls = dict(zip(URL_NAMES, (query_url, update_url, store_url)))
    missing = tuple(name for name, url in urls.items() if not url)
    if len(missing) == len(URL_NAMES):
        if user is not None or password is not None:
            raise StoreSettingsError("a graph store user or password is set but no SPARQL URL: set all three of "
                                     f"{', '.join(URL_NAMES)}, or no credentials", missing)
        return GraphStore(root)
    if missing:
        raise StoreSettingsError(f"the remote graph store needs {', '.join(URL_NAMES)}; not set: {', '.join(missing)}",
                                 missing)
    if password is not None and user is None:
        raise StoreSettingsError("a graph store password is set without a user")
    from .remote import RemoteGraphStore  # httpx is imported only by a service that uses a remote store

    return RemoteGraphStore(urls["query_url"] or "", urls["update_url"] or "", urls["store_url"] or "",
                            user=user, password=password, timeout=timeout)


__all__ = ["GraphBackend", "StoreSettingsError", "open_graph_store"]
