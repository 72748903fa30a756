"""An honest enterprise register of 10,000 rows, imported into a running server: how long the import takes, and
how fast the read routes answer right after it, against the same routes before it (issue 13).

The register is generated: company names, counties of the bundled plan, and products drawn from the bundled chain
maps' segment names, synonyms and keywords (so most rows match a chain segment, as a real register's would) mixed
with products no chain names. Every cell is a few dozen characters: the file is within every register limit.
The server is `policykg serve` with the real e5 model over the bundled corpus. Measured per route: the first
answer after the import and the p50 of `--repeat` more, beside the p50 before the import; SPARQL must count the
imported enterprises right after the import (the same graph version as the API).

    .venv/bin/python bench/register.py [--rows 10000] [--format csv xlsx] [--repeat 10]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from _common import write_json  # noqa: E402
from concurrency import TOKEN, start  # noqa: E402

COUNTIES = ["珠山区", "昌江区", "浮梁县", "乐平市", "高新区", "昌南新区"]
SCALES = ["规上", "规下", "小微", "专精特新", ""]
OTHER_PRODUCTS = ["日用陶瓷", "艺术陶瓷", "茶叶", "物流服务", "包装材料", "软件开发", "建筑材料", "农副产品加工"]
HEADER = ["企业名称", "主营产品", "产业链环节", "所在县区", "规模"]
ENTERPRISES = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a <https://policykg.org/ns#Enterprise> }"


def chain_products() -> list[str]:
    """Products a real register would list for the bundled chains: their segments' names, synonyms, keywords."""
    out: list[str] = []
    for path in sorted((ROOT / "corpus" / "chains").glob("*.yaml")):
        for seg in yaml.safe_load(path.read_text(encoding="utf-8"))["segments"]:
            out += [seg["label"], *seg.get("synonyms", []), *seg.get("keywords", [])]
    return out


def rows(n: int, seed: int = 7) -> list[list[str]]:
    """`n` register rows (header first)."""
    rng = random.Random(seed)
    products = chain_products()
    out = [HEADER]
    for i in range(n):
        kind = rng.choice(["科技", "材料", "电子", "制药", "陶瓷", "航空", "化工", "精密"])
        picks = rng.sample(products, rng.randint(1, 3)) if rng.random() < 0.8 else rng.sample(OTHER_PRODUCTS, 1)
        out.append([f"景德镇{rng.choice('华瑞恒昌泰鑫盛达弘宇')}{i:05d}{kind}有限公司", "、".join(picks), "",
                    rng.choice(COUNTIES), rng.choice(SCALES)])
    return out


def as_file(table: list[list[str]], fmt: str) -> tuple[str, bytes]:
    """The register as an upload: (file name, bytes)."""
    if fmt == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(table)
        return "register.csv", buf.getvalue().encode("utf-8")
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("企业名录")
    for row in table:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return "register.xlsx", out.getvalue()


ROUTES = ["/api/units", "/api/documents", "/api/industries", "/api/chains", "/api/tasks"]


def timed(http: httpx.Client, path: str, **params: Any) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    r = http.get(path, params=params)
    return time.perf_counter() - t, r


def reads(http: httpx.Client, repeat: int) -> dict[str, dict[str, float]]:
    """Per route: the first answer and the p50 of `repeat` more (ms); every answer must be 200."""
    out = {}
    for path in ROUTES:
        first, r = timed(http, path)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
        more = [timed(http, path)[0] for _ in range(repeat)]
        out[path] = {"first_ms": round(first * 1000, 1), "p50_ms": round(statistics.median(more) * 1000, 1)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--format", nargs="+", default=["csv", "xlsx"], choices=["csv", "xlsx"])
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    table = rows(args.rows)
    results: dict[str, Any] = {"rows": args.rows, "runs": []}
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "api.cli", "--data", str(data), "ingest", str(ROOT / "corpus")],
                       cwd=ROOT, check=True, capture_output=True)
        for fmt in args.format:
            name, body = as_file(table, fmt)
            proc, base = start(data, {})
            try:
                with httpx.Client(base_url=base, timeout=600) as http:
                    before = reads(http, args.repeat)
                    t = time.perf_counter()
                    r = http.post("/api/enterprises", files={"file": (name, body)},
                                  headers={"Authorization": f"Bearer {TOKEN}"})
                    imported_s = time.perf_counter() - t
                    if r.status_code != 200:
                        raise RuntimeError(f"import: {r.status_code} {r.text[:300]}")
                    report = r.json()
                    # Right after the answer: the API and SPARQL read the same graph version.
                    counted = http.get("/sparql", params={"query": ENTERPRISES},
                                       headers={"Accept": "application/sparql-results+json"})
                    n = int(counted.json()["results"]["bindings"][0]["n"]["value"])
                    after = reads(http, args.repeat)
            finally:
                proc.terminate()
                proc.wait(30)
            run = {"format": fmt, "bytes": len(body), "import_s": round(imported_s, 2),
                   "imported": report["imported"], "row_errors": len(report.get("errors", [])),
                   "sparql_enterprises": n, "before": before, "after": after}
            results["runs"].append(run)
            print(f"{fmt}: {len(body):,} bytes, {report['imported']} imported ({len(report.get('errors', []))} row "
                  f"errors) in {imported_s:.2f} s; SPARQL counts {n}", file=sys.stderr)
            for path in ROUTES:
                b, a = before[path], after[path]
                print(f"  {path:16} before p50 {b['p50_ms']:7.1f} ms | after: first {a['first_ms']:7.1f} ms, "
                      f"p50 {a['p50_ms']:7.1f} ms ({a['p50_ms'] / max(b['p50_ms'], 0.1):.2f}x)", file=sys.stderr)
    write_json("register.json", results)
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
