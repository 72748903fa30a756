"""The Oxigraph graph store: per-document named graphs, atomic writes, other processes, the old layout."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from kg.oxgraph import OxGraph
from kg.store import DocEntry, GraphStore

EX = Namespace("https://example.org/")
ROOT = Path(__file__).resolve().parents[2]


def doc(name: str, n: int) -> Graph:
    """A tiny document graph: n tasks, each with a label, an ordinal and a shared unit."""
    g = Graph()
    for i in range(n):
        task = EX[f"{name}/task/{i}"]
        g.add((task, RDF.type, EX.Task))
        g.add((task, SKOS.prefLabel, Literal(f"任务{i}", lang="zh")))
        g.add((task, EX.ordinal, Literal(i)))
        g.add((task, EX.unit, EX["unit/kejiju"]))
    g.add((EX["unit/kejiju"], SKOS.prefLabel, Literal("市科技局")))  # in every document: seen once in the union
    return g


def entry(doc_id: str) -> DocEntry:
    return DocEntry(doc_id=doc_id, source=f"{doc_id}.txt", sha256="0" * 64)


def test_documents_are_replaced_and_removed_one_named_graph_at_a_time(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "g")
    assert store.stamp() is None and store.manifest() == {}
    store.put([(entry("a"), doc("a", 3)), (entry("b"), doc("b", 2))], Graph())
    assert store.stamp() == 1 and set(store.manifest()) == {"a", "b"}
    view = store.load()
    assert len(set(view.subjects(RDF.type, EX.Task))) == 5
    assert list(view.objects(EX["unit/kejiju"], SKOS.prefLabel)) == [Literal("市科技局")]
    # Replacing a document leaves no triple of its old version behind.
    store.put([(entry("a"), doc("a", 1))], Graph())
    assert store.stamp() == 2 and len(set(store.load().subjects(RDF.type, EX.Task))) == 3
    assert store.remove("b") and not store.remove("b")
    assert set(store.manifest()) == {"a"} and len(set(store.load().subjects(RDF.type, EX.Task))) == 1
    # The label stated by both documents survives the removal of one of them.
    assert store.load().value(EX["unit/kejiju"], SKOS.prefLabel) == Literal("市科技局")


def test_the_view_answers_like_an_rdflib_graph_of_the_same_triples(tmp_path: Path) -> None:
    g = doc("a", 3)
    g.add((EX.x, EX.plain, Literal("文本")))
    g.add((EX.x, EX.typed, Literal("2028", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear"))))
    store = GraphStore(tmp_path / "g")
    store.put([(entry("a"), g)], Graph())
    view = store.load()
    assert set(view) == set(g) and len(view) == len(g)
    for s, p, o in g:
        assert (s, p, o) in view and view.value(s, p) in set(g.objects(s, p))
    assert int(view.value(EX["a/task/2"], EX.ordinal)) == 2
    assert view.value(EX.x, EX.plain) == Literal("文本")  # plain, not xsd:string
    assert view.value(predicate=EX.unit, object=EX["unit/kejiju"]) in set(g.subjects(EX.unit, EX["unit/kejiju"]))
    assert set(view.query("SELECT ?t WHERE { ?t a <https://example.org/Task> }")) == set(
        g.query("SELECT ?t WHERE { ?t a <https://example.org/Task> }"))


def test_another_process_writes_through_the_owner_and_reads_its_snapshot(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "g")
    store.put([(entry("a"), doc("a", 2))], Graph())  # this process owns the store now
    script = (
        "import json, sys; from pathlib import Path; sys.path.insert(0, sys.argv[2]); sys.path.insert(0, sys.argv[3]);"
        "from rdflib import Graph; from rdflib.namespace import RDF; from kg.store import GraphStore;"
        "from test_graph_store import EX, doc, entry; s = GraphStore(Path(sys.argv[1]));"
        "s.put([(entry('b'), doc('b', 4))], Graph());"
        "print(json.dumps({'stamp': s.stamp(), 'docs': sorted(s.manifest()),"
        " 'tasks': len(set(s.load().subjects(RDF.type, EX.Task)))}))"
    )
    res = subprocess.run([sys.executable, "-c", script, str(tmp_path / "g"), str(ROOT), str(ROOT / "tests" / "kg")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == {"stamp": 2, "docs": ["a", "b"], "tasks": 6}
    assert store.stamp() == 2 and set(store.manifest()) == {"a", "b"}


def test_a_data_directory_of_the_file_layout_is_imported_once(tmp_path: Path) -> None:
    root = tmp_path / "g"
    (root / "docs").mkdir(parents=True)
    for name, n in (("a", 2), ("b", 1)):
        doc(name, n).serialize(root / "docs" / f"{name}.nt", format="nt", encoding="utf-8")
    chains = Graph()
    chains.add((EX.chain, RDF.type, EX.Chain))
    chains.serialize(root / "chains.nt", format="nt", encoding="utf-8")
    manifest = {"docs": {d: {"doc_id": d, "source": f"{d}.txt", "sha256": "1" * 64} for d in ("a", "b")}}
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    store = GraphStore(root)
    assert {d: (e.source, e.sha256) for d, e in store.manifest().items()} == {d: (f"{d}.txt", "1" * 64) for d in ("a", "b")}
    view = store.load()
    assert isinstance(view, OxGraph) and len(set(view.subjects(RDF.type, EX.Task))) == 3
    assert (EX.chain, RDF.type, EX.Chain) in view
    assert (URIRef("urn:policykg:store"), None, None) not in view  # the bookkeeping is not data


def test_a_literal_in_the_subject_place_matches_nothing(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "g")
    store.put([(entry("a"), doc("a", 1))], Graph())
    view = store.load()
    assert view.value(Literal("任务0", lang="zh"), SKOS.prefLabel) is None
    assert list(view.objects(Literal("x"), SKOS.prefLabel)) == [] and (Literal("x"), None, None) not in view



def test_a_store_is_named_by_its_directory_through_any_link_and_a_copy_is_another(tmp_path: Path) -> None:
    import shutil

    store = GraphStore(tmp_path / "g")
    store.put([(entry("a"), doc("a", 2))], Graph())
    names = store.identity()
    assert names == (f"embedded:{(tmp_path / 'g').resolve()}",)
    (tmp_path / "link").symlink_to(tmp_path / "g")
    assert GraphStore(tmp_path / "link").identity() == names
    # A copy (of a checkpoint: the live store's files change under a copy) is a second library with the same history.
    shutil.copytree(store.snapshot(), tmp_path / "copy" / "oxigraph")
    copy = GraphStore(tmp_path / "copy")
    assert set(copy.manifest()) == {"a"} and copy.identity() != names
