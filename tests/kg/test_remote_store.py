"""The graph store on a real SPARQL 1.1 server (the `oxigraph` server, started here): the embedded store's answers,
a mirror that fetches only what changed, concurrent writers, a server that is down or silent, hostile text."""
from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from sparql_servers import OXIGRAPH, Server
from test_graph_store import EX, doc  # the same tiny documents as the embedded store's tests

from ingest.lexicon import Lexicon, Segmenter
from ingest.parse import parse_plan
from ingest.reader import read_plan_file
from ingest.units import UnitResolver
from kg.build import lexicon_graph, plan_graph
from kg.oxgraph import OxGraph
from kg.query import KG
from kg.remote import BOOKKEEPING, RemoteGraphStore, SnapshotUnsupported, StoreRefused, StoreUnavailable
from kg.store import DocEntry, GraphStore, doc_graph, doc_stamps
from kg.stores import StoreSettingsError, open_graph_store

XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")  # (importing rdflib's XSD here makes pytest warn)
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("oxigraph"))
    yield srv
    srv.stop()


@pytest.fixture
def remote(server: Server) -> Iterator[RemoteGraphStore]:
    server.clear()
    store = RemoteGraphStore(*server.urls, timeout=20)
    yield store
    store.close()


def entry(doc_id: str, sha: str = "0") -> DocEntry:
    return DocEntry(doc_id=doc_id, source=f"{doc_id}.txt", sha256=sha * 64)


def lexicon_of(*labels: str) -> Graph:
    g = Graph()
    for label in labels:
        g.add((EX[f"lex/{label}"], SKOS.prefLabel, Literal(label)))
    return g


def test_writes_leave_the_same_manifest_stamps_and_triples_as_the_embedded_store(remote: RemoteGraphStore,
                                                                                  tmp_path: Path) -> None:
    embedded = GraphStore(tmp_path / "g")
    chains = Graph()
    chains.add((EX.chain, RDF.type, EX.Chain))
    steps = [
        ("put", lambda s: s.put([(entry("a"), doc("a", 3)), (entry("b"), doc("b", 2))], lexicon_of("科技局"))),
        ("replace", lambda s: s.put([(entry("a", "1"), doc("a", 1))], lexicon_of("科技局", "发改委"))),
        ("part", lambda s: s.put_part("chains", chains)),
        ("remove", lambda s: s.remove("b")),
        ("remove again", lambda s: s.remove("b")),
        ("remove unknown", lambda s: s.remove("nope")),
        ("put after", lambda s: s.put([(entry("c"), doc("c", 2))], lexicon_of("科技局", "发改委"))),
    ]
    assert remote.stamp() is None and embedded.stamp() is None and remote.manifest() == {} == embedded.manifest()
    for name, step in steps:
        assert step(remote) == step(embedded), name
        assert remote.stamp() == embedded.stamp(), name
        assert remote.manifest() == embedded.manifest(), name
        assert set(remote.load()) == set(embedded.load()), name
    assert remote.stamp() == 5 and set(remote.manifest()) == {"a", "c"}
    view = remote.load()
    assert isinstance(view, OxGraph) and (EX.chain, RDF.type, EX.Chain) in view
    assert view.graph_stamps == embedded.load().graph_stamps  # what the indexes key their rows by
    # The documents' versions as the view was read: the manifest's, for a document id that needs quoting too.
    remote.put([(entry("政策/a b"), doc("q", 1))], Graph())
    assert doc_stamps(remote.load()) == {d: e.written for d, e in remote.manifest().items()} == \
        {"a": 2, "c": 5, "政策/a b": 6}
    assert (URIRef("urn:policykg:store"), None, None) not in view  # the bookkeeping is not data


def _plans(lexicon: Lexicon, seg: Segmenter) -> list[tuple[DocEntry, Graph]]:
    out = []
    for path in (ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt", ROOT / "tests" / "data" / "plans" / "ganzhou-nev-qiantou.txt"):
        plan = parse_plan(read_plan_file(path), path.name, lexicon, seg)
        out.append((DocEntry(plan.doc_id, path.name, "0" * 64), plan_graph(plan, UnitResolver(lexicon, plan.region))))
    return out


def test_a_kg_built_from_the_remote_store_answers_as_the_embedded_one(remote: RemoteGraphStore, tmp_path: Path,
                                                                       lexicon: Lexicon, seg: Segmenter) -> None:
    embedded = GraphStore(tmp_path / "g")
    plans = _plans(lexicon, seg)
    for store in (remote, embedded):
        store.put(plans, lexicon_graph(lexicon))
    kgs = [KG(s.load(), {d: e.written for d, e in s.manifest().items()}) for s in (remote, embedded)]
    answers = [
        lambda kg: kg.documents(),
        lambda kg: kg.tasks(),
        lambda kg: kg.tasks(unit="市科技局"),
        lambda kg: kg.targets(),
        lambda kg: kg.targets(year=2028),
        lambda kg: kg.units(),
        lambda kg: kg.industries(),
        lambda kg: kg.cluster_roles(),
        lambda kg: kg.incentives(),
        lambda kg: kg.goals(),
        lambda kg: sorted(kg.doc_ids()),
    ]
    assert kgs[0].tasks() and kgs[0].targets() and len(kgs[0].documents()) == 2
    for i, answer in enumerate(answers):
        assert answer(kgs[0]) == answer(kgs[1]), i


def test_another_instance_sees_a_write_at_its_next_load(remote: RemoteGraphStore, server: Server) -> None:
    other = RemoteGraphStore(*server.urls, timeout=20)  # as another API process would
    try:
        remote.put([(entry("a"), doc("a", 2))], Graph())
        before = other.load()
        stamp = other.stamp()
        remote.put([(entry("b"), doc("b", 3))], Graph())
        assert other.stamp() == (stamp or 0) + 1
        assert len(set(other.load().subjects(RDF.type, EX.Task))) == 5
        assert len(set(before.subjects(RDF.type, EX.Task))) == 2  # an earlier view keeps its version
        assert remote.remove("a")
        assert len(set(other.load().subjects(RDF.type, EX.Task))) == 3 and set(other.manifest()) == {"b"}
    finally:
        other.close()


def test_a_load_after_one_write_fetches_that_graph_only(remote: RemoteGraphStore) -> None:
    remote.put([(entry(f"d{i}"), doc(f"d{i}", 2)) for i in range(5)], lexicon_of("科技局"))
    view = remote.load()
    assert remote.graph_gets == 6  # five documents and the lexicon
    gets = remote.graph_gets

    def fetched(step: Callable[[], object]) -> int:
        nonlocal gets, view
        step()
        view = remote.load()  # the newest view is held, as the service holds its current snapshot
        count, gets = remote.graph_gets - gets, remote.graph_gets
        return count

    assert fetched(lambda: remote.put([(entry("new"), doc("new", 1))], lexicon_of("科技局"))) == 1
    assert fetched(lambda: remote.put([(entry("d1", "1"), doc("d1", 4))], lexicon_of("科技局"))) == 1
    assert fetched(lambda: remote.put([(entry("d2", "1"), doc("d2", 1))], lexicon_of("科技局"))) == 1
    assert fetched(lambda: remote.remove("d3")) == 0
    assert fetched(lambda: remote.put([], lexicon_of("科技局", "发改委"))) == 1  # the lexicon changed
    assert fetched(lambda: remote.put_part("chains", lexicon_of("链"))) == 1
    assert fetched(lambda: None) == 0
    tasks = {str(t).split("/")[3] for t in view.subjects(RDF.type, EX.Task)}
    assert tasks == {"d0", "d1", "d2", "d4", "new"} and len(set(view.subjects(RDF.type, EX.Task))) == 2 + 4 + 1 + 2 + 1
    assert remote.replica_count <= 2


def test_a_view_keeps_its_version_while_newer_ones_are_loaded(remote: RemoteGraphStore) -> None:
    remote.put([(entry("a"), doc("a", 3))], Graph())
    first = remote.load()
    seen = set(first)
    views = []
    for i in range(4):
        remote.put([(entry("a", str(i)), doc("a", i + 4)), (entry(f"x{i}"), doc(f"x{i}", 1))], Graph())
        views.append(remote.load())
        assert set(first) == seen  # never changed under its reader
        assert len(set(views[-1].subjects(RDF.type, EX.Task))) == i + 4 + i + 1
    assert [len(set(v.subjects(RDF.type, EX.Task))) for v in views] == [5, 7, 9, 11]
    # Views no one holds free their replicas: loads go back to two.
    del first, views
    for i in range(3):
        remote.put([(entry(f"y{i}"), doc(f"y{i}", 1))], Graph())
        remote.load()
    assert remote.replica_count <= 2


def in_parallel(work: Callable[[int], None], n: int) -> None:
    """`work(k)` for k in 0..n-1, each in a thread of its own, all finished on return."""
    threads = [threading.Thread(target=work, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_concurrent_writers_get_distinct_versions_and_lose_no_document(remote: RemoteGraphStore, server: Server,
                                                                      tmp_path: Path) -> None:
    # Two stores that do not take turns (two machines' worth of writers): their writes overlap at the server.
    writers = [remote, RemoteGraphStore(*server.urls, timeout=20, queue_dir=tmp_path)]
    errors: list[BaseException] = []
    n = 12

    def write(k: int) -> None:
        try:
            for i in range(n):
                writers[k].put([(entry(f"w{k}-{i}"), doc(f"w{k}-{i}", 30))], lexicon_of("科技局"))
                if i % 4 == 3:  # both replace one document too: it ends as one writer's, never a mix
                    writers[k].put([(entry("shared", str(k)), doc(f"shared{k}", 20))], lexicon_of("科技局"))
        except BaseException as exc:
            errors.append(exc)

    in_parallel(write, 2)
    writers[1].close()
    assert not errors
    manifest = remote.manifest()
    assert set(manifest) == {f"w{k}-{i}" for k in range(2) for i in range(n)} | {"shared"}
    versions = [e.written for d, e in manifest.items() if d != "shared"]
    assert len(set(versions)) == len(versions) == 2 * n
    assert (remote.stamp() or 0) >= 2 * n + 6  # every write raised it (an overlapped one, more than once)
    assert len(server.select(f"SELECT ?v WHERE {{ GRAPH <{BOOKKEEPING}> {{ <urn:policykg:store> <urn:policykg:version> ?v }} }}")) == 1
    view = remote.load()
    shared = {str(t).split("/")[3] for t in view.subjects(RDF.type, EX.Task) if "/shared" in str(t)}
    assert shared == {f"shared{manifest['shared'].sha256[0]}"}
    assert len(set(view.subjects(RDF.type, EX.Task))) == 2 * n * 30 + 20


def test_writers_on_one_machine_take_turns_and_overlap_no_more(remote: RemoteGraphStore, server: Server) -> None:
    writers = [remote, RemoteGraphStore(*server.urls, timeout=20)]  # the same machine: the same turns

    def write(k: int) -> None:
        for i in range(8):
            writers[k].put([(entry(f"t{k}-{i}"), doc(f"t{k}-{i}", 10))], lexicon_of("科技局"))

    in_parallel(write, 2)
    writers[1].close()
    assert len(remote.manifest()) == 16
    assert writers[0].write_retries == writers[1].write_retries == 0
    assert writers[0].unqueued_writes == writers[1].unqueued_writes == 0


def turn_file(store: RemoteGraphStore) -> Path:
    return store._turn_dir / store._turn_file


def test_write_turns_are_kept_only_where_no_other_user_can_reach_them(server: Server, tmp_path: Path) -> None:
    server.clear()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "victim"
    victim.write_text("keep")

    def writes_unqueued(queue: Path) -> None:
        store = RemoteGraphStore(*server.urls, timeout=20, queue_dir=queue)
        store.put([(entry(f"q{queue.name}"), doc(f"q{queue.name}", 1))], Graph())
        store.close()
        assert store.unqueued_writes == 1, queue

    # The per-user directory is a link planted by someone else, or writable by others; the lock file itself is
    # a link: none of them is used, and nothing is written through a link.
    def plant_link_dir(store: RemoteGraphStore) -> None:
        store._turn_dir.symlink_to(elsewhere)

    def plant_open_dir(store: RemoteGraphStore) -> None:
        store._turn_dir.mkdir(mode=0o700)
        store._turn_dir.chmod(0o777)

    def plant_link_file(store: RemoteGraphStore) -> None:
        store._turn_dir.mkdir(mode=0o700)
        turn_file(store).symlink_to(victim)

    for plant in [plant_link_dir, plant_open_dir, plant_link_file]:
        queue = tmp_path / plant.__name__
        queue.mkdir()
        store = RemoteGraphStore(*server.urls, queue_dir=queue)
        plant(store)
        store.close()
        writes_unqueued(queue)
    assert sorted(p.name for p in elsewhere.iterdir()) == ["victim"]
    assert victim.read_text() == "keep"

    # The lock's name never derives from a password in the URL.
    with_secret = RemoteGraphStore(*(u.replace("http://", "http://policykg:s3cret@") for u in server.urls),
                                   queue_dir=queue)
    with_secret.close()
    assert turn_file(with_secret) == turn_file(store)


def test_a_turn_held_forever_costs_one_timeout_not_one_per_write(server: Server, tmp_path: Path,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    import fcntl
    import os

    server.clear()
    store = RemoteGraphStore(*server.urls, timeout=20, queue_dir=tmp_path, turn_wait_s=0.5)
    store._turn_dir.mkdir(mode=0o700)
    holder = os.open(turn_file(store), os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)  # a process that took the turn and never lets go
    try:
        with caplog.at_level(logging.WARNING, logger="kg.remote"):
            for i in range(3):
                store.put([(entry(f"h{i}"), doc(f"h{i}", 1))], Graph())
    finally:
        os.close(holder)
        store.close()
    assert store.unqueued_writes == 3
    reader = RemoteGraphStore(*server.urls)
    assert len(reader.manifest()) == 3
    reader.close()
    waited = [r for r in caplog.records if "no turn to write" in r.getMessage()]
    assert len(waited) == 1  # the first write waited out the timeout; the next ones skipped the queue


def test_a_stopped_server_fails_fast_with_a_clear_error_and_no_secret(tmp_path: Path,
                                                                       caplog: pytest.LogCaptureFixture) -> None:
    srv = Server(tmp_path / "data")
    query, update, store_url = (u.replace("http://", "http://policykg:url-s3cret@") for u in srv.urls)
    store = RemoteGraphStore(query, update, store_url, user="policykg", password="pw-s3cret", timeout=3)
    store.put([(entry("a"), doc("a", 1))], Graph())
    assert len(store.load()) == 5
    srv.stop()
    caplog.set_level(logging.DEBUG)
    calls = {"stamp": store.stamp, "manifest": store.manifest, "load": store.load, "remove": lambda: store.remove("a"),
             "put": lambda: store.put([(entry("b"), doc("b", 1))], Graph())}
    for name, call in calls.items():
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as caught:
            call()
        assert time.monotonic() - started < 3 + 1, name
        message = str(caught.value)
        assert f"127.0.0.1:{srv.port}" in message and caught.value.code == "graph_store_unavailable", message
        assert "s3cret" not in message and "s3cret" not in caught.value.url, message
    assert "s3cret" not in caplog.text
    store.close()


@pytest.mark.serial  # a deadline of seconds: run alone, after the parallel tests
def test_a_server_that_never_answers_times_out(tmp_path: Path) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # connections are accepted by the kernel and never answered
    url = f"http://127.0.0.1:{silent.getsockname()[1]}"
    store = RemoteGraphStore(f"{url}/query", f"{url}/update", f"{url}/store", timeout=1)
    try:
        for call in (store.stamp, lambda: store.put([(entry("a"), doc("a", 1))], Graph())):
            started = time.monotonic()
            with pytest.raises(StoreUnavailable, match=r"no answer within 1(\.\d+)? s"):
                call()
            assert time.monotonic() - started < 2.5
    finally:
        store.close()
        silent.close()


def _request(conn: socket.socket) -> bytes:
    """One HTTP/1.1 request read whole: its head, then as many body bytes as its Content-Length says (b"" when
    the client closed the connection first)."""
    data = b""
    while b"\r\n\r\n" not in data:
        more = conn.recv(65536)
        if not more:
            return b""
        data += more
    head, _, body = data.partition(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    while len(body) < length:
        more = conn.recv(65536)
        if not more:
            return b""
        body += more
    return head + b"\r\n\r\n" + body


VERSION = b'{"head": {"vars": ["version"]}, "results": {"bindings": [{"version": {"type": "literal", "value": "%d"}}]}}'


@contextlib.contextmanager
def scripted(script: list[tuple[str, bytes]], seen: list[bytes]) -> Iterator[str]:
    """A server (its URL) that meets each request it reads with the next step of `script`: ("answer", body) on a
    kept-alive connection, ("drop", b"") closing the connection without an answer (as a server closing an idle
    connection the client was taking does), ("cut", body) closing it half-way through the answer."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    steps = list(script)

    def serve() -> None:
        while steps:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                while steps and (request := _request(conn)):
                    seen.append(request)
                    step, body = steps.pop(0)
                    if step == "drop":
                        break
                    size = len(body) * (2 if step == "cut" else 1)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                                 b"Connection: keep-alive\r\nContent-Length: %d\r\n\r\n%s" % (size, body))
                    if step == "cut":
                        break

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        steps.clear()
        listener.shutdown(socket.SHUT_RDWR)  # wakes a blocked accept()
        listener.close()
        thread.join(5)


def _store(url: str) -> RemoteGraphStore:
    return RemoteGraphStore(f"{url}/query", f"{url}/update", f"{url}/store", timeout=5)


def test_a_read_whose_connection_was_closed_before_an_answer_is_sent_again_on_a_new_one(
        caplog: pytest.LogCaptureFixture) -> None:
    seen: list[bytes] = []
    with scripted([("answer", VERSION % 1), ("drop", b""), ("answer", VERSION % 2)], seen) as url:
        store = _store(url)
        try:
            assert store.stamp() == 1
            with caplog.at_level(logging.WARNING, logger="kg.remote"):
                assert store.stamp() == 2  # the closed connection's request, sent again on a new one
            assert len(seen) == 3 and all(r.startswith(b"POST /query") for r in seen)
            assert any("sent again on a new connection" in r.getMessage() for r in caplog.records)
        finally:
            store.close()


@pytest.mark.parametrize("script, call", [
    ([("answer", VERSION % 1), ("drop", b""), ("answer", b"")],
     lambda s: s._update("INSERT DATA { <urn:a> <urn:b> <urn:c> }")),  # the server may have applied it
    ([("cut", VERSION % 1), ("answer", VERSION % 2)], RemoteGraphStore.stamp),  # the server did the work
], ids=["a-write", "an-answer-cut-short"])
def test_a_write_or_an_answer_cut_short_is_not_sent_again(script: list[tuple[str, bytes]],
                                                          call: Callable[[RemoteGraphStore], object]) -> None:
    seen: list[bytes] = []
    with scripted(script, seen) as url:
        store = _store(url)
        try:
            if script[0][0] == "answer":
                assert store.stamp() == 1
            with pytest.raises(StoreUnavailable):
                call(store)
            assert len(seen) == len(script) - 1
        finally:
            store.close()


def test_a_refused_request_names_its_kind(server: Server) -> None:
    query, _, store_url = server.urls
    nowhere = f"{server.base}/nowhere"
    for store, call, kind in ((RemoteGraphStore(nowhere, nowhere, store_url), RemoteGraphStore.stamp, "SPARQL query"),
                              (RemoteGraphStore(query, nowhere, store_url), lambda s: s.put([], Graph()), "SPARQL update")):
        try:
            with pytest.raises(StoreRefused, match=rf"{kind} at {nowhere}: HTTP 404") as caught:
                call(store)
            assert caught.value.code == "graph_store_refused" and caught.value.url == nowhere
        finally:
            store.close()


HOSTILE = [
    'say "hi"', "back\\slash", "ends with a backslash \\", "a\nb\r\nc", "tab\tand\x0bvertical tab",
    '} } ; DROP ALL ; INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> } #',
    '" . } ; CLEAR DEFAULT ; INSERT DATA { <urn:x:a> <urn:x:b> "', "\\u0022 is not a quote", "\\\\u005C\\",
    '"""triple"""', "'single'", "emoji 🙂 and 中文，全角标点", "<urn:x:not-an-iri>", "# not a comment", "",
]


def test_hostile_text_round_trips_and_injects_nothing(remote: RemoteGraphStore, server: Server) -> None:
    g = Graph()
    for i, text in enumerate(HOSTILE):
        g.add((EX[f"t{i}"], EX.plain, Literal(text)))
        g.add((EX[f"t{i}"], EX.tagged, Literal(text, lang="zh")))
        g.add((EX[f"t{i}"], EX.typed, Literal(text, datatype=XSD_STRING)))
    hostile_entry = DocEntry('we"ird}\\name\n', 'we"ird } ; DROP ALL ; \\u0022.txt', "0" * 64)
    lexicon = Graph()
    lexicon.add((EX.lex, SKOS.altLabel, Literal(HOSTILE[5])))
    remote.put([(hostile_entry, g)], lexicon)
    view = remote.load()
    assert {(s, p, o) for s, p, o in view if p in (EX.plain, EX.tagged)} == {(s, p, o) for s, p, o in g if p != EX.typed}
    assert {str(o) for o in view.objects(None, EX.typed)} == set(HOSTILE)
    assert remote.manifest() == {hostile_entry.doc_id: replace(hostile_entry, written=1)}
    assert not server.select("SELECT * WHERE { ?s <urn:x:b> ?o }")
    assert not server.select("SELECT * WHERE { GRAPH ?g { ?s <urn:x:b> ?o } }")
    assert {r["g"] for r in server.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")} == {
        doc_graph(hostile_entry.doc_id), "urn:policykg:graph:lexicon", BOOKKEEPING}
    assert not server.select("SELECT * WHERE { ?s ?p ?o }")  # nothing in the default graph: a server may have none
    # A datatype IRI rdflib would write unchecked is refused before anything is sent.
    bad = Graph()
    bad.add((EX.x, EX.p, Literal("v", datatype=URIRef("urn:x> } ; DROP ALL ; INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c"))))
    bad_iri = Graph()
    bad_iri.add((URIRef("urn:x:a> } ; DROP ALL ; INSERT DATA { <urn:x:a"), EX.p, Literal("v")))
    for graph in (bad, bad_iri):
        with pytest.raises(ValueError, match="cannot be written as N-Triples"):
            remote.put([(entry("bad"), graph)], Graph())
    assert remote.stamp() == 1 and set(remote.manifest()) == {hostile_entry.doc_id}


def test_open_graph_store_picks_the_backend_from_the_urls(tmp_path: Path, server: Server) -> None:
    assert isinstance(open_graph_store(tmp_path / "g"), GraphStore)
    store = open_graph_store(tmp_path / "g", *server.urls, user="u", password="p")
    assert isinstance(store, RemoteGraphStore)
    store.close()
    with pytest.raises(StoreSettingsError, match="not set: store_url") as caught:
        open_graph_store(tmp_path / "g", server.urls[0], server.urls[1])
    assert caught.value.missing == ("store_url",)
    with pytest.raises(StoreSettingsError, match="not set: update_url, store_url"):
        open_graph_store(tmp_path / "g", query_url=server.urls[0])
    with pytest.raises(StoreSettingsError, match="no SPARQL URL"):
        open_graph_store(tmp_path / "g", user="u", password="p")


def test_a_remote_store_has_no_local_snapshot(remote: RemoteGraphStore) -> None:
    with pytest.raises(SnapshotUnsupported, match="send SPARQL queries to http://127.0.0.1:.*/query"):
        remote.snapshot()
    assert issubclass(SnapshotUnsupported, NotImplementedError)


def test_a_store_written_with_its_bookkeeping_in_the_default_graph_is_refused_by_name(server: Server) -> None:
    server.clear()
    httpx.post(server.urls[1], content="INSERT DATA { <urn:policykg:store> <urn:policykg:version> 3 }",
               headers={"Content-Type": "application/sparql-update"}, timeout=30).raise_for_status()
    store = RemoteGraphStore(*server.urls, timeout=20)
    try:
        with pytest.raises(StoreRefused, match="earlier PolicyKG"):
            store.manifest()
    finally:
        store.close()
        server.clear()


def test_every_address_of_a_server_gives_its_store_one_name(remote: RemoteGraphStore, server: Server) -> None:
    names = remote.identity()
    assert len(names) == 1 and names[0].startswith("sparql:")
    aliases = tuple(url.replace("127.0.0.1", "localhost") for url in server.urls)
    assert aliases != server.urls
    alias = RemoteGraphStore(*aliases, timeout=20)
    try:
        assert alias.identity() == names
        alias.put([(entry("a"), doc("a", 2))], Graph())
        assert remote.identity() == names  # writes keep it
    finally:
        alias.close()
    # Two first asks at once can each leave a name: both are the store's, the least first.
    server_update(server, f'INSERT DATA {{ GRAPH <{BOOKKEEPING}> {{ <urn:policykg:store> <urn:policykg:identity> '
                          f'"sparql:0" }} }}')
    assert remote.identity() == ("sparql:0", names[0])
    server.clear()  # another store at the same address (emptied, or replaced) is named anew
    assert remote.identity() not in (names, ("sparql:0", names[0]))


def test_a_rename_replaces_every_name_the_store_went_by_with_one_new_one(remote: RemoteGraphStore, server: Server) -> None:
    """After a restore from a backup: the old names (one, or two left by first asks at once) all go."""
    names = remote.identity()
    server_update(server, f'INSERT DATA {{ GRAPH <{BOOKKEEPING}> {{ <urn:policykg:store> <urn:policykg:identity> '
                          f'"sparql:0" }} }}')
    version = remote.stamp()
    made = remote.rename()
    assert remote.identity() == (made,) and made.startswith("sparql:") and made not in (*names, "sparql:0")
    assert remote.stamp() == version  # a rename is not a write of the library
    server.clear()
    assert len(remote.identity()) == 1 and remote.rename() != made  # a store without a name gets one


def test_a_name_made_by_another_process_meanwhile_is_not_made_twice(remote: RemoteGraphStore, server: Server,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A process that found no name may make one after another process made its own: its insert is conditional."""
    other = RemoteGraphStore(*server.urls, timeout=20)
    try:
        first = other.identity()
        select = remote._select
        looks: list[str] = []

        def first_finds_none(query: str, *args: object) -> list[dict[str, str]]:
            looks.append(query)  # this process's first look came before the other's write
            return [] if len(looks) == 1 else select(query, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(remote, "_select", first_finds_none)
        assert remote.identity() == first and len(looks) == 2
        assert len(server.select(f"SELECT ?id WHERE {{ GRAPH <{BOOKKEEPING}> {{ ?s <urn:policykg:identity> ?id }} }}")) == 1
    finally:
        other.close()


def server_update(server: Server, update: str) -> None:
    httpx.post(server.urls[1], content=update, headers={"Content-Type": "application/sparql-update"},
               timeout=30).raise_for_status()
