"""Chain commands end to end: ingest chain maps, import and replace a register, guides."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from api.cli import main

ROOT = Path(__file__).resolve().parents[2]
CHAINS = ROOT / "tests" / "data" / "chains"
REGISTER = ROOT / "tests" / "data" / "enterprises" / "register.csv"


@pytest.fixture(autouse=True)
def _no_index_on_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI commands here answer from the graph; set per test so no other test file inherits it."""
    monkeypatch.setenv("POLICYKG_INDEX_ON_INGEST", "0")


def run(capsys, data: Path, *args: str, code: int = 0) -> dict:
    got = main(["--data", str(data), *args, "--json"])
    out = capsys.readouterr().out
    assert got == code, out
    return json.loads(out)


@pytest.fixture()
def data(tmp_path: Path, capsys) -> Path:
    seed = str(ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt")
    run(capsys, tmp_path, "ingest", seed, str(CHAINS / "mini-ceramics.yaml"), str(CHAINS / "mini-helicopter.yaml"))
    return tmp_path


def statuses(capsys, data: Path, cluster: str) -> dict[str, str]:
    return {s["label"]: s["status"] for s in run(capsys, data, "chain", cluster)["segments"]}


def test_chain_json_shape_and_no_register(capsys, data: Path) -> None:
    chain = run(capsys, data, "chain", "先进陶瓷")
    assert chain["cluster"] == "先进陶瓷" and chain["register"]["loaded"] is False
    seg = chain["segments"][0]
    assert {"id", "label", "stage", "status", "reasons", "tasks", "units", "enterprises"} <= set(seg)
    assert set(statuses(capsys, data, "先进陶瓷").values()) == {"unknown"}


def test_register_import_replace_and_clear(capsys, data: Path, tmp_path: Path) -> None:
    out = run(capsys, data, "enterprises", "import", str(REGISTER))
    assert out["imported"] == 3 and len(out["errors"]) == 2
    assert statuses(capsys, data, "先进陶瓷") == {"氧化铝粉体": "present", "压电陶瓷": "weak", "片式元器件": "weak", "电子信息应用": "gap"}
    smaller = tmp_path / "smaller.csv"
    smaller.write_text("企业名称,主营产品\n测试乙电子有限公司,MLCC\n测试癸电子,消费电子\n", encoding="utf-8")
    run(capsys, data, "enterprises", "import", str(smaller))
    assert statuses(capsys, data, "先进陶瓷") == {"氧化铝粉体": "gap", "压电陶瓷": "gap", "片式元器件": "weak", "电子信息应用": "weak"}
    run(capsys, data, "enterprises", "clear")
    assert set(statuses(capsys, data, "先进陶瓷").values()) == {"unknown"}


def test_guides(capsys, data: Path, tmp_path: Path) -> None:
    run(capsys, data, "enterprises", "import", str(REGISTER))
    out = tmp_path / "guide.xlsx"
    run(capsys, data, "chain", "先进陶瓷", "--guide", "xlsx", "--out", str(out))
    rows = list(load_workbook(io.BytesIO(out.read_bytes())).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("环节", "位置", "状态")
    assert [r[0] for r in rows[1:]][0] == "电子信息应用" and rows[1][2] == "缺失"
    powder = next(r for r in rows if r[0] == "氧化铝粉体")
    assert "优化产业集群规划布局" in powder[8] and "市工业和信息化局" in powder[5] and powder[7] == "测试甲粉体有限公司"
    html_out = tmp_path / "guide.html"
    run(capsys, data, "chain", "先进陶瓷", "--guide", "html", "--out", str(html_out))
    page = html_out.read_text(encoding="utf-8")
    assert page.index("电子信息应用") < page.index("氧化铝粉体") and "<script" not in page


def test_errors(capsys, data: Path, tmp_path: Path) -> None:
    err = run(capsys, data, "chain", "造船", code=2)
    assert "no industry chain" in err["error"]["message"] and "先进陶瓷" in err["error"]["message"]
    bad = tmp_path / "bad.csv"
    bad.write_text("产品\nx\n", encoding="utf-8")
    assert "no company name column" in run(capsys, data, "enterprises", "import", str(bad), code=2)["error"]["message"]
    broken = run(capsys, data, "ingest", str(CHAINS / "broken-neighbour.yaml"), str(CHAINS / "mini-ceramics.yaml"), code=1)
    assert "broken-neighbour.yaml:7" in broken["errors"][0]["error"]
    assert broken["ingested"][0]["status"] == "unchanged"
