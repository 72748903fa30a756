"""The library through the service: a document known by its 文号 replaces itself under another file name."""
from __future__ import annotations

from pathlib import Path

from api.service import PolicyService
from api.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "tests" / "data" / "plans" / "hexi-low-altitude-measures-articles.txt"


def test_same_doc_no_under_another_name_replaces_the_document(tmp_path: Path) -> None:
    svc = PolicyService(Settings(data_dir=tmp_path / "data", index_on_ingest=False))
    first = svc.ingest_paths([PLAN])
    assert [d["status"] for d in first["ingested"]] == ["new"]
    doc = first["ingested"][0]["doc"]
    assert svc.documents()["documents"][0]["doc_no"] == "鹤府规〔2026〕2号"
    copy = tmp_path / "低空措施-转发件.txt"
    copy.write_text(PLAN.read_text(encoding="utf-8") + "\n（此件公开发布）\n", encoding="utf-8")
    second = svc.ingest_paths([copy])
    assert [(d["doc"], d["status"]) for d in second["ingested"]] == [(doc, "updated")]
    assert [d["id"] for d in svc.documents()["documents"]] == [doc]
    # A different document keeps its own place.
    other = svc.ingest_paths([ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"])
    assert other["ingested"][0]["status"] == "new" and len(svc.documents()["documents"]) == 2
