"""`policykg restored`: a graph store on a SPARQL server (`oxigraph serve`) put back from a backup, with its passages
on Milvus (`milvus-lite server`). What the lost writes left (a document they added, a document as they rewrote it,
each machine's passage cache of them) goes, and the store's next writes, at versions it has been at before, land."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from api_servers import ROOT, cli_json
from milvus_servers import MILVUS_LITE, MilvusServer
from sparql_servers import OXIGRAPH, Server

from api.cli import main
from api.service import PolicyService

pytestmark = [
    pytest.mark.usefixtures("vectors_once", "closed_services"),
    pytest.mark.slow,
    pytest.mark.skipif(OXIGRAPH is None or MILVUS_LITE is None,
                       reason="the oxigraph and milvus-lite servers are not installed (pip install -e '.[test]')"),
]
PLAN = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"
OTHER = ROOT / "tests" / "data" / "plans" / "ganzhou-nev-qiantou.txt"
LOST, LATER = "第二版新增锆钛酸铅压电陶瓷中试线", "第三版新增氧化锆陶瓷轴承检测平台"


def restored(data: Path, env: dict[str, str]) -> dict[str, Any]:
    """`policykg restored --json` in a process of its own: its exit code and report."""
    return cli_json(data, env, "restored")


def test_restored_removes_what_lost_writes_left_and_the_next_writes_land_on_every_machine(tmp_path: Path) -> None:
    oxigraph, milvus = Server(tmp_path / "oxigraph"), MilvusServer(tmp_path / "milvus")
    backup = tmp_path / "backup"

    def service(machine: str) -> PolicyService:  # each machine has a data directory (its caches) of its own
        return PolicyService(oxigraph.settings(tmp_path / machine, milvus_uri=milvus.uri))

    def edition(line: str = "") -> Path:  # the plan, edited in its file (one document), a task saying `line`
        path = tmp_path / "plans" / PLAN.name
        path.parent.mkdir(exist_ok=True)
        text = PLAN.read_text(encoding="utf-8").replace("增强金融服务质效。", f"增强金融服务质效。{line}。", 1)
        path.write_text(text, encoding="utf-8")
        return path

    def held(svc: PolicyService) -> set[str]:  # which editions' lines Milvus holds, and the service shows
        index = svc.engine.milvus
        assert index is not None
        texts = "\n".join(t for batch, _ in index.vectors() for t in batch)
        shown = " ".join(h.text for h in svc.search("压电陶瓷 轴承检测平台 中试线").hits)
        return {line for line in (LOST, LATER) if line in texts} | {f"shown:{line}" for line in (LOST, LATER)
                                                                     if line in shown}

    def restore() -> None:
        oxigraph.stop()
        shutil.rmtree(oxigraph.location)
        shutil.copytree(backup, oxigraph.location)
        oxigraph.start()

    try:
        a = service("a")
        doc = a.ingest_paths([edition()]).ingested[0].doc
        old_name = a.kg.store_names
        assert a.engine.milvus is not None
        first_record = a.engine.milvus.records()[doc]
        a.close()
        oxigraph.stop()
        shutil.copytree(oxigraph.location, backup)  # the backup: the graph as it was then
        oxigraph.start()
        # The writes the restore loses, through machine b (its passage cache keeps the lost edition).
        b = service("b")
        assert b.ingest_paths([edition(LOST)]).ingested[0].doc == doc
        lost_stamp = b.kg.doc_stamps[doc]
        other = b.ingest_paths([OTHER]).ingested[0].doc
        assert held(b) == {LOST, f"shown:{LOST}"}
        b.close()
        restore()
        a = service("a")
        assert a.engine.milvus is not None
        # A lost writer that died between replacing the document's rows and recording them: the record still
        # names the edition the backup has, the rows hold the lost one.
        a.engine.milvus.restamp(old_name[0], {doc: first_record})
        # What the command is for: under its old name the store's older versions take the lost writes' records
        # for newer ones (or for their own), and a service serves the lost edition as current.
        assert a.kg.store_names == old_name and a.reindex().index == "current" and held(a) == {LOST, f"shown:{LOST}"}
        a.close()

        env = {**oxigraph.env(), **milvus.env()}
        milvus.stop()  # Milvus away: the command changes nothing
        refused = restored(tmp_path / "a", env)
        assert refused["code"] == 2 and refused["error"]["code"] == "search_store_unavailable", refused
        milvus.start()
        a = service("a")
        assert a.store.identity() == old_name
        a.close()

        report = restored(tmp_path / "a", env)
        assert report["code"] == 0, report
        assert report["old_names"] == list(old_name) and report["name"] not in old_name, report
        assert report["removed_passages"] == [other] and report["documents"] == 1, report
        again = restored(tmp_path / "a", env)  # run twice (say, after a failure half-way): the same end state
        assert again["code"] == 0 and again["old_names"] == [report["name"]] and again["removed_passages"] == [], again
        report = again

        a = service("a")
        index = a.engine.milvus
        assert index is not None and set(index.documents()) == {doc} and held(a) == set()
        assert a.kg.store_names == (report["name"],) and a.reindex().index == "current"
        # The next write of the document comes at the version the lost one had: it lands, and machine b, whose
        # cache holds the lost edition at that version under the old name, serves this one.
        assert a.ingest_paths([edition(LATER)]).ingested[0].doc == doc
        assert a.kg.doc_stamps[doc] == lost_stamp  # the collision a name-blind cache would fall into
        assert held(a) == {LATER, f"shown:{LATER}"}
        a.close()
        b = service("b")
        assert b.reindex().index == "current" and held(b) == {LATER, f"shown:{LATER}"}
        assert b.engine.milvus is not None and set(b.engine.milvus.documents()) == {doc}
        b.close()
    finally:
        milvus.stop()
        oxigraph.stop()


def test_restored_without_a_sparql_server_says_what_to_set_and_what_to_do_instead(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(tmp_path / "data"), "restored", "--json"]) == 2
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["code"] == "graph_store_settings", error
    assert "POLICYKG_SPARQL_UPDATE_URL" in error["message"] and "new data directory" in error["message"]
