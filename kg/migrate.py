"""Copy a library's graph from one store to another (the embedded one, a SPARQL 1.1 server): `policykg migrate`.

Only the stores' interface is used (kg/stores.py GraphBackend: manifest, load, put, put_part, remove), so any pair
of backends works, either way. Documents go over in batches, each batch one write of the target (all or nothing);
a migration stopped half-way is finished by running it again. Afterwards the target holds exactly the source's
documents, each named graph with as many triples as in the source, which `migrate` checks before it reports (sizes,
not contents: a graph copied whole either has them all or fails the write). Run it on a library nobody is
writing to: the source's manifest and graph are read one after the other.
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from .oxgraph import OxGraph
from .store import PARTS, doc_graph, part_graph
from .stores import GraphBackend


class MigrationError(RuntimeError):
    """The target cannot take the library as asked, or does not hold it afterwards; the message says which."""

    code = "migration_failed"


@dataclass
class MigrationReport:
    """What a migration copied, and what it found equal afterwards."""

    documents: int = 0
    triples: int = 0  # in the documents' and the parts' named graphs
    removed: list[str] = field(default_factory=list)  # documents the target had and the source has not
    seconds: float = 0.0


def graph_sizes(view: OxGraph, doc_ids: Iterable[str]) -> dict[str, int]:
    """Triples per named graph (these documents' and the parts') of a store's view."""
    names = [doc_graph(d) for d in doc_ids] + [part_graph(p) for p in PARTS]
    return {name: view.named_graph_size(name) for name in names}


def migrate(source: GraphBackend, target: GraphBackend, batch: int = 50, replace: bool = False) -> MigrationReport:
    """Make `target` hold the library `source` holds; a target with documents of its own is refused unless `replace`
    (then those are removed). MigrationError when the target is refused or differs afterwards."""
    if batch < 1:
        raise ValueError("batch must be positive")
    started = time.perf_counter()
    manifest = source.manifest()
    extra = sorted(set(target.manifest()) - set(manifest))
    if extra and not replace:
        raise MigrationError(f"the target already holds {len(extra)} documents the source has not "
                             f"({', '.join(extra[:3])}{', …' if len(extra) > 3 else ''}): pass replace to remove them")
    view = source.load()
    lexicon = view.named_graph(part_graph("lexicon"))
    ids = sorted(manifest)
    for i in range(0, len(ids), batch):
        target.put([(manifest[d], view.named_graph(doc_graph(d))) for d in ids[i : i + batch]], lexicon)
    if not ids:
        target.put([], lexicon)
    for part in PARTS:
        if part != "lexicon":
            target.put_part(part, view.named_graph(part_graph(part)))
    for doc_id in extra:
        target.remove(doc_id)
    want, got = graph_sizes(view, ids), graph_sizes(target.load(), target.manifest())
    if want != got:
        differ = sorted(name for name in want.keys() | got.keys() if want.get(name) != got.get(name))
        raise MigrationError(f"after the copy {len(differ)} graphs differ in size, e.g. {differ[:3]}")
    return MigrationReport(documents=len(ids), triples=sum(want.values()), removed=extra,
                           seconds=round(time.perf_counter() - started, 2))


__all__ = ["MigrationError", "MigrationReport", "graph_sizes", "migrate"]
