"""The CLI end to end: ingest (with bad files in the batch), tasks, targets, ask, export."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from seed_truth import SEED_TARGETS, SEED_UNITS, WRITTEN

from api.cli import main

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad"


@pytest.fixture(autouse=True)
def _no_index_on_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI commands here answer from the graph; set per test so no other test file inherits it."""
    monkeypatch.setenv("POLICYKG_INDEX_ON_INGEST", "0")


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    """The real console entry point in a subprocess."""
    env = {**os.environ, "POLICYKG_INDEX_ON_INGEST": "0"}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", "--data", str(data), *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    res = run_cli("ingest", "corpus/", str(BAD / "empty.txt"), str(BAD / "binary.txt"), str(BAD / "no-markers.txt"), "--json", data=d)
    assert res.returncode == 1, res.stderr  # some inputs failed
    out = json.loads(res.stdout)
    plans = [x for x in out["ingested"] if x.get("kind") != "chain"]
    assert [(x["doc"], x["status"], x["items"], x["units"], x["targets"]) for x in plans] == [
        ("jingdezhen-cluster-plan-2026-2028", "new", 18, 22, 16), ("no-markers", "new", 0, 0, 0)
    ]
    assert sorted(x["doc"] for x in out["ingested"] if x.get("kind") == "chain") == [
        "chain-advanced-ceramics", "chain-aviation", "chain-fine-chemicals-pharma"
    ]
    assert sorted(e["source"] for e in out["errors"]) == ["binary.txt", "empty.txt"]
    assert "empty.txt: file is empty" in res.stderr and "binary.txt: binary file" in res.stderr
    # A text without numbered items is kept as a document, with a warning naming the file.
    assert any(w.startswith("no-markers.txt: no numbered items found") for w in out["warnings"])
    return d


def cli_json(capsys, data: Path, *args: str) -> dict:
    code = main(["--data", str(data), *args, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


@pytest.mark.parametrize("canonical", sorted(WRITTEN))
def test_ask_tasks_of_every_unit(capsys, data: Path, canonical: str) -> None:
    expected = {num: ("lead" if units[0] == canonical else "co") for num, units in SEED_UNITS.items() if canonical in units}
    for name in {canonical, WRITTEN[canonical]}:
        res = cli_json(capsys, data, "ask", f"哪些任务由{name}负责")
        assert res["intent"] == "tasks_of_unit"
        assert {a["number"]: a["role"] for a in res["answers"]} == expected
        for a in res["answers"]:
            assert a["evidence"]["text"] and a["doc"] == "jingdezhen-cluster-plan-2026-2028"


def test_kejiju_seven_tasks_three_lead(capsys, data: Path) -> None:
    res = cli_json(capsys, data, "ask", "哪些任务由市科技局负责")
    assert len(res["answers"]) == 7 and [a["role"] for a in res["answers"]].count("lead") == 3
    lead = cli_json(capsys, data, "ask", "市科技局牵头哪些任务")
    assert [a["number"] for a in lead["answers"]] == ["4", "5", "9"]
    co = cli_json(capsys, data, "ask", "市科技局配合哪些工作")
    assert [a["number"] for a in co["answers"]] == ["3", "8", "11", "15"]


def test_units_of_task(capsys, data: Path) -> None:
    res = cli_json(capsys, data, "ask", "提升绿色发展水平由谁负责")
    assert res["intent"] == "units_of_task"
    assert [(a["unit"], a["role"]) for a in res["answers"]] == [(u, "lead" if i == 0 else "co") for i, u in enumerate(SEED_UNITS["12"])]


def test_targets_questions(capsys, data: Path) -> None:
    res = cli_json(capsys, data, "ask", "2028年要达到哪些目标")
    assert res["intent"] == "targets"
    assert [(a["number"], a["metric"], a["comparator"], a["value"], a["unit"], a["year"]) for a in res["answers"]] == [
        (n, m, c, v, u, y) for n, m, c, v, u, y in SEED_TARGETS
    ]
    heli = cli_json(capsys, data, "ask", "直升机产业有哪些目标")
    assert heli["intent"] == "targets" and heli["answers"]
    assert all(a["via"] == "主导产业集群" for a in heli["answers"])


def test_clusters_of_region(capsys, data: Path) -> None:
    res = cli_json(capsys, data, "ask", "浮梁县参与哪个产业集群")
    assert (res["intent"], [(a["industry"], a["role"]) for a in res["answers"]]) == ("clusters_of_region", [("先进陶瓷", "co")])
    assert "浮梁县" in res["answers"][0]["evidence"]["text"]


@pytest.mark.parametrize("question", ["今天天气怎么样", "你好", "量子计算的未来"])
def test_unroutable_questions_get_no_invented_answer(capsys, data: Path, question: str) -> None:
    res = cli_json(capsys, data, "ask", question)
    assert res["intent"] == "unknown" and res["answers"] == []


def test_unknown_unit_is_said_not_invented(capsys, data: Path) -> None:
    res = cli_json(capsys, data, "ask", "市公安局负责哪些任务")
    assert res["answers"] == [] and "市公安局" in res["note"]


def test_tasks_and_targets_commands(capsys, data: Path) -> None:
    tasks = cli_json(capsys, data, "tasks")["tasks"]
    assert len(tasks) == 18 and {t["number"]: [*t["lead"], *t["co"]] for t in tasks} == SEED_UNITS
    mine = cli_json(capsys, data, "tasks", "--unit", "市科技局")["tasks"]
    assert [(t["number"], t["role"]) for t in mine][:2] == [("3", "co"), ("4", "lead")]
    t8 = next(t for t in tasks if t["number"] == "8")
    assert ("高新技术企业", 280, "~") in {(x["metric"], x["value"], x["comparator"]) for x in t8["targets"]}
    by_unit = cli_json(capsys, data, "targets", "--unit", "市科技局", "--year", "2028")["targets"]
    assert {t["task"] for t in by_unit} == {"深化集群项目招引建设", "梯次培育中小企业", "发掘扶持高成长企业", "推进产业智改数转"}


def test_reingest_does_not_duplicate(tmp_path: Path, data: Path) -> None:
    def triples() -> int:
        assert run_cli("export", "--format", "nt", "--out", str(tmp_path / "g.nt"), data=data).returncode == 0
        return len(Graph().parse(tmp_path / "g.nt", format="nt"))

    before = triples()
    res = run_cli("ingest", "corpus/", "--json", data=data)
    assert res.returncode == 0 and {x["status"] for x in json.loads(res.stdout)["ingested"]} == {"unchanged"}
    assert triples() == before > 1000


def test_changed_file_replaces_its_document(tmp_path: Path) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_text("测试市行动方案\n一、任务\n1.建设平台。建成平台3个。〔责任单位：市科技局〕\n", encoding="utf-8")
    assert run_cli("ingest", str(plan), data=tmp_path / "d").returncode == 0
    plan.write_text("测试市行动方案\n一、任务\n1.建设平台。建成平台5个。〔责任单位：市财政局〕\n", encoding="utf-8")
    res = run_cli("ingest", str(plan), "--json", data=tmp_path / "d")
    assert json.loads(res.stdout)["ingested"][0]["status"] == "updated"
    tasks = json.loads(run_cli("tasks", "--json", data=tmp_path / "d").stdout)["tasks"]
    assert [(t["lead"], t["targets"][0]["value"]) for t in tasks] == [(["市财政局"], 5)]


def test_export_formats(tmp_path: Path, data: Path) -> None:
    for fmt, parse in (("turtle", "turtle"), ("json-ld", "json-ld"), ("nt", "nt")):
        out = tmp_path / f"g.{fmt}"
        res = run_cli("export", "--format", fmt, "--out", str(out), data=data)
        assert res.returncode == 0, res.stderr
        assert len(Graph().parse(out, format=parse)) > 1000
    bad = run_cli("export", "--format", "xml", data=data)
    assert bad.returncode == 2 and "valid formats" in bad.stderr


def test_errors_are_clear(tmp_path: Path) -> None:
    res = run_cli("ingest", str(tmp_path / "nope.txt"), data=tmp_path / "d")
    assert res.returncode == 1 and "nope.txt: no such file or folder" in res.stderr
    res = run_cli("tasks", "--unit", "市公安局", data=tmp_path / "d")
    assert res.returncode == 2 and "市公安局" in res.stderr and "Traceback" not in res.stderr


def test_awkward_queries(capsys, data: Path) -> None:
    """Traditional characters work; empty, huge and punctuation-only queries get clear errors."""
    res = cli_json(capsys, data, "search", "企業融資難怎麼辦", "--k", "5")
    assert "14" in [h["number"] for h in res["hits"]]
    for query, message in (("", "empty"), ("长" * 10_000, "10000 characters"), ("？！……。，", "no letters")):
        code = main(["--data", str(data), "search", query, "--json"])
        out = json.loads(capsys.readouterr().out)
        assert code == 2 and message in out["error"]["message"]


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice not installed (apt-get install libreoffice-writer)")
def test_cli_ingests_a_word97_file_as_its_txt_twin(tmp_path: Path) -> None:
    """`policykg ingest plan.doc` (converted by the real LibreOffice) gives the items and units of the .txt."""
    from renderers import plan_text, to_doc

    path = "tests/data/plans/shangrao-digital-lead-co.txt"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "plan.doc").write_bytes(to_doc(plan_text(path), tmp_path / "work"))
    (tmp_path / "in" / "twin.txt").write_text(plan_text(path), encoding="utf-8")
    reports = {}
    for name in ("plan.doc", "twin.txt"):
        res = run_cli("ingest", str(tmp_path / "in" / name), "--json", data=tmp_path / name)
        assert res.returncode == 0, res.stderr
        reports[name] = json.loads(res.stdout)["ingested"][0]
    shape = {k: reports["twin.txt"][k] for k in ("items", "units", "targets")}
    assert shape["items"] > 0 and {k: reports["plan.doc"][k] for k in shape} == shape
    tasks = {}
    for name in reports:
        res = run_cli("tasks", "--json", data=tmp_path / name)
        tasks[name] = [(t["number"], t["title"], t["lead"], t["co"]) for t in json.loads(res.stdout)["tasks"]]
    assert tasks["plan.doc"] == tasks["twin.txt"]
