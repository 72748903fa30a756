"""A remote store down for 30 s under load (issue 16): the graph store (an Oxigraph server), then the passage store
(a Milvus Lite server), each under three readers and an uploader on a real `policykg serve`.

Printed per outage: requests and their answers by status and code, the slowest read during the outage against the
store's timeout, requests without an answer, 503s outside the outage, seconds from the store's return to each
read's first normal answer, and acknowledged uploads missing afterwards. The load and the checks are
tests/outage.py's, which tests/api/test_remote_faults.py runs with a shorter outage.

    .venv/bin/python bench/faults.py [--outage 30]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from _common import write_json  # noqa: E402
from api_servers import start_server, stop_server  # noqa: E402
from milvus_servers import MilvusServer  # noqa: E402
from outage import Outage, run  # noqa: E402
from sparql_servers import Server  # noqa: E402

from api.service import PolicyService  # noqa: E402
from api.settings import Settings  # noqa: E402

TOKEN = "bench-token-0123456789"
TIMEOUT_S = 2.0
PLAN = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"
ENV = {"POLICYKG_GRAPH_STORE_TIMEOUT_S": str(TIMEOUT_S), "POLICYKG_MILVUS_TIMEOUT_S": str(TIMEOUT_S),
       "POLICYKG_API_TOKEN": TOKEN, "POLICYKG_RATE_LIMIT_PER_MINUTE": "1000000",
       "POLICYKG_EXPENSIVE_RATE_LIMIT_PER_MINUTE": "1000000"}


def summary(out: Outage, code: str, reads: list[str]) -> dict[str, Any]:
    during = [c for c in out.calls if c.started + c.seconds >= out.down and c.started <= out.up and c.what != "upload"]
    return {
        "requests": len(out.calls),
        "answers": dict(Counter(f"{c.status} {c.code}".strip() for c in out.calls)),
        "slowest_read_during_outage_s": round(max((c.seconds for c in during), default=0.0), 3),
        "store_timeout_s": TIMEOUT_S,
        "no_answer": sum(c.status == 0 for c in out.calls),
        "unexpected": len(out.unexpected(code)),
        "503_outside_outage_or_5s_after": len(out.failed_outside(5.0)),
        "first_normal_after_return_s": {r: out.first_normal_after_up(r) for r in reads},
        "acknowledged_uploads": len(out.acknowledged),
        "acknowledged_missing": sorted(set(out.acknowledged) - out.listed),
    }


def outage(tmp: Path, name: str, stop: Callable[[], None], start: Callable[[], None], settings: Settings,
           env: dict[str, str], reads: list[str], code: str, seconds: float) -> dict[str, Any]:
    seeded = PolicyService(settings)
    if seeded.ingest_paths([PLAN]).errors:
        raise SystemExit(f"{name}: the seed plan did not ingest")
    del seeded
    proc, base = start_server(settings.data_dir, **env, **ENV)
    try:
        out = run(base, TOKEN, reads, stop, start, before_s=5, outage_s=seconds, after_s=15)
    finally:
        stop_server(proc)
    return {"store": name, "outage_s": seconds, **summary(out, code, reads)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outage", type=float, default=30.0)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        graph = Server(tmp / "oxigraph")
        try:
            rows.append(outage(tmp, "graph (oxigraph serve)", graph.stop, graph.start,
                               graph.settings(tmp / "g", index_on_ingest=False), graph.env(),
                               ["/api/tasks?unit=市科技局", "/api/ask?q=哪些任务由市科技局负责", "/api/documents"],
                               "graph_store_unavailable", args.outage))
        finally:
            graph.stop()
        milvus = MilvusServer(tmp / "milvus")
        try:
            rows.append(outage(tmp, "passages (milvus-lite server)", milvus.stop, milvus.start,
                               Settings(data_dir=tmp / "m", milvus_uri=milvus.uri), milvus.env(),
                               ["/api/search?q=企业贷款难怎么办", "/api/tasks?unit=市科技局", "/api/documents"],
                               "search_store_unavailable", args.outage))
        finally:
            milvus.stop()
    path = write_json("faults.json", {"rows": rows})
    print(json.dumps(rows, ensure_ascii=False, indent=1))
    print(f"written to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
