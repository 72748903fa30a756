"""Graph stores at library scale: rdflib's in-memory graph against Oxigraph (issue 12's measurement).

Per size (documents) and backend, each in a fresh process so that its memory is its own:
- restart: open the persisted graph and be ready to answer (rdflib parses the union N-Triples file; Oxigraph
  opens its RocksDB directory), then build the service's `KG` snapshot on top (rdflib only: `KG` reads an rdflib
  graph; through oxrdflib it reads Oxigraph with the rdflib API, measured as its own row);
- rss: the process's peak resident memory after restart and the queries;
- SPARQL p50 of the four example queries of the /sparql page (each run 5 times);
- ingest: triples per second of adding one more document (rdflib: parse and add; Oxigraph: load into the
  document's named graph), and the seconds to replace it (drop the named graph, load it again).

The library is made from the plans the tests know (bundled, synthetic, real), each parsed once; copy k of a plan
gets its own document IRIs and id, so N documents are N distinct named graphs of realistic size. Units, regions
and industries stay shared between copies, as they are between real plans of one province.

    .venv/bin/python bench/graphstore.py --sizes 100 1000 [10000]
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PREFIXES = ("PREFIX pkg: <https://policykg.org/ns#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            "PREFIX dcterms: <http://purl.org/dc/terms/>\n")
# The /sparql page's example queries (api/static/sparql-init.js).
QUERIES = {
    "tasks_led_by_unit": PREFIXES + 'SELECT ?number ?title WHERE { ?task pkg:leadUnit ?unit ; pkg:number ?number ; '
                                    'dcterms:title ?title . ?unit skos:prefLabel "市科学技术局"@zh . } ORDER BY ?number',
    "tasks_per_unit": PREFIXES + "SELECT ?unit (COUNT(DISTINCT ?task) AS ?tasks) WHERE { ?task pkg:leadUnit ?u . "
                                 "?u skos:prefLabel ?unit . } GROUP BY ?unit ORDER BY DESC(?tasks) LIMIT 20",
    "targets_2028": PREFIXES + "SELECT ?metric ?value ?unit WHERE { ?owner pkg:hasTarget ?t . ?t pkg:year 2028 ; "
                               "pkg:metric ?metric ; pkg:value ?value . OPTIONAL { ?t pkg:unitOfMeasure ?unit } } ORDER BY ?metric",
    "documents": PREFIXES + "SELECT ?doc ?title ?issued WHERE { ?doc a pkg:Plan ; dcterms:title ?title . "
                            "OPTIONAL { ?doc dcterms:issued ?issued } }",
}


# ---- the library ------------------------------------------------------------------------------------------
def template_graphs() -> list[tuple[str, str]]:
    """(doc id, N-Triples) of every plan the tests know, each parsed once."""
    from ingest.lexicon import Segmenter, load_lexicon
    from ingest.parse import parse_plan
    from ingest.reader import decode
    from ingest.units import UnitResolver
    from kg.build import plan_graph

    lexicon = load_lexicon([])
    seg = Segmenter(lexicon)
    paths = ([ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"] + sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
             + sorted((ROOT / "tests" / "data" / "real").glob("*.txt")))
    out = []
    for p in paths:
        plan = parse_plan(decode(p.read_bytes(), p.name), p.name, lexicon, seg)
        out.append((plan.doc_id, plan_graph(plan, UnitResolver(lexicon, plan.region)).serialize(format="nt")))
    return out


def copy_of(doc_id: str, nt: str, k: int) -> tuple[str, str]:
    """Copy k of a document's graph: its own document IRIs and identifier."""
    from kg.vocab import doc_iri

    new_id = f"{doc_id}-c{k}"
    return new_id, nt.replace(f"{doc_iri(doc_id)}>", f"{doc_iri(new_id)}>").replace(
        f"{doc_iri(doc_id)}/", f"{doc_iri(new_id)}/").replace(f'"{doc_id}"', f'"{new_id}"')


def write_library(folder: Path, n: int) -> dict[str, Any]:
    """docs/<id>.nt for n documents, union.nt (what rdflib parses), and one spare document to add."""
    from ingest.lexicon import load_lexicon
    from kg.build import lexicon_graph

    templates = template_graphs()
    docs = folder / "docs"
    docs.mkdir(parents=True)
    triples = 0
    with (folder / "union.nt").open("w", encoding="utf-8") as union:
        lexicon_nt = lexicon_graph(load_lexicon([])).serialize(format="nt")
        union.write(lexicon_nt)
        (folder / "lexicon.nt").write_text(lexicon_nt, encoding="utf-8")
        for k in range(n):
            doc_id, nt = copy_of(*templates[k % len(templates)], k)
            (docs / f"{doc_id}.nt").write_text(nt, encoding="utf-8")
            union.write(nt)
            triples += nt.count("\n")
    spare_id, spare = copy_of(*templates[0], n + 1)
    (folder / "spare.nt").write_text(spare, encoding="utf-8")
    return {"documents": n, "triples": triples, "spare": spare_id}


# ---- one backend in one process ------------------------------------------------------------------------------
def _p50(f, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times) * 1000, 1)


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_rdflib(folder: Path) -> dict[str, Any]:
    from rdflib import Graph

    from kg.query import KG

    t = time.perf_counter()
    g = Graph()
    g.parse(folder / "union.nt", format="nt")
    opened = time.perf_counter() - t
    t = time.perf_counter()
    kg = KG(g)
    snapshot = time.perf_counter() - t
    answer = _p50(lambda: kg.tasks(unit="市科技局"))
    sparql = {name: _p50(lambda q=q: list(g.query(q))) for name, q in QUERIES.items()}
    spare = (folder / "spare.nt").read_text(encoding="utf-8")
    t = time.perf_counter()
    g.parse(data=spare, format="nt")
    add = time.perf_counter() - t
    return {"restart_s": round(opened + snapshot, 2), "open_s": round(opened, 2), "kg_snapshot_s": round(snapshot, 2),
            "tasks_of_unit_p50_ms": answer, "sparql_p50_ms": sparql, "add_triples_per_s": round(spare.count("\n") / add),
            "rss_mb": _rss_mb()}


def load_oxigraph(folder: Path, store_dir: Path) -> float:
    """One named graph per document, bulk loaded (the one-time migration); seconds."""
    import pyoxigraph as ox

    from kg.vocab import doc_iri

    t = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(folder / "lexicon.nt"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    for path in sorted((folder / "docs").glob("*.nt")):
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(doc_iri(path.stem))))
    store.flush()
    store.optimize()
    return time.perf_counter() - t


def run_oxigraph(folder: Path, store_dir: Path, spare_id: str) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.vocab import doc_iri

    t = time.perf_counter()
    store = ox.Store(str(store_dir))
    bool(store.query("ASK { ?s ?p ?o }", use_default_graph_as_union=True))
    opened = time.perf_counter() - t
    def rows(q: str) -> list[Any]:
        result = store.query(q, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)  # the example queries are SELECTs
        return list(result)

    sparql = {name: _p50(lambda q=q: rows(q)) for name, q in QUERIES.items()}
    spare = (folder / "spare.nt").read_text(encoding="utf-8")
    graph = ox.NamedNode(str(doc_iri(spare_id)))
    t = time.perf_counter()
    store.load(spare.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    add = time.perf_counter() - t
    t = time.perf_counter()
    # Replacing a document: drop its named graph and load it again, in one transaction.
    store.update(f"DROP SILENT GRAPH <{graph.value}>")
    store.load(spare.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    replace = time.perf_counter() - t
    return {"restart_s": round(opened, 3), "sparql_p50_ms": sparql, "add_triples_per_s": round(spare.count("\n") / add),
            "replace_s": round(replace, 3), "rss_mb": _rss_mb()}


def run_oxrdflib(store_dir: Path) -> dict[str, Any]:
    """The service's KG snapshot read from Oxigraph through the rdflib API."""
    from rdflib import Dataset

    from kg.query import KG

    t = time.perf_counter()
    ds = Dataset(store="Oxigraph", default_union=True)
    ds.open(str(store_dir))
    opened = time.perf_counter() - t
    t = time.perf_counter()
    kg = KG(ds)  # a Dataset is an rdflib Graph; default_union makes it the union of the documents' graphs
    snapshot = time.perf_counter() - t
    answer = _p50(lambda: kg.tasks(unit="市科技局"))
    return {"restart_s": round(opened + snapshot, 2), "open_s": round(opened, 3), "kg_snapshot_s": round(snapshot, 2),
            "tasks_of_unit_p50_ms": answer, "rss_mb": _rss_mb()}


def child(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    if args.backend == "rdflib":
        out = run_rdflib(folder)
    elif args.backend == "oxigraph":
        out = run_oxigraph(folder, folder / "oxigraph", args.spare)
    else:
        out = run_oxrdflib(folder / "oxigraph")
    print(json.dumps(out))
    return 0


def in_child(backend: str, folder: Path, spare: str, timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", backend, "--folder", str(folder), "--spare", spare]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if run.returncode:
        return {"error": run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"exit {run.returncode}"}
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--backends", nargs="+", default=["rdflib", "oxigraph", "oxrdflib"])
    ap.add_argument("--timeout", type=float, default=1800, help="seconds a backend may take at one size")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "graphstore.json")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--spare", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        args.backend = args.child
        return child(args)
    rows = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            lib = write_library(folder, n)
            row: dict[str, Any] = {**lib}
            if {"oxigraph", "oxrdflib"} & set(args.backends):
                row["oxigraph_bulk_load_s"] = round(load_oxigraph(folder, folder / "oxigraph"), 1)
                row["disk_mb"] = {"nt": round(sum(p.stat().st_size for p in (folder / "docs").glob("*.nt")) / 2**20, 1),
                                  "oxigraph": round(sum(p.stat().st_size for p in (folder / "oxigraph").rglob("*") if p.is_file()) / 2**20, 1)}
            for backend in args.backends:
                row[backend] = in_child(backend, folder, lib["spare"], args.timeout)
                print(f"{n} documents, {backend}: {row[backend]}", file=sys.stderr, flush=True)
            rows.append(row)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
