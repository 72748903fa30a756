"""The mixed-format library in one command, with the real model and index, and what one more document costs.

Renders the 49 plans of tests/api/test_library_formats.py into Word, PDF, web pages, OFD and text, then:
1. `policykg ingest <folder>` into an empty data directory (reading, graph, embedding, index), timed;
2. one more plan added to that library, and the same plan added to a library of just the bundled plan:
   seconds and passages embedded in each (the vector cache should leave only the new plan's passages);
3. the same plan removed and added again (nothing left to embed).

    .venv/bin/python bench/library.py [--out bench/results/library.json]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))

from renderers import library_sources, pdf_printer, printer_missing, render_library  # noqa: E402

from api.service import PolicyService  # noqa: E402
from api.settings import Settings  # noqa: E402

EXTRA = ROOT / "tests" / "data" / "real" / "heldout" / "shanghai-2025-food-tech-action.txt"


def add_one(data: Path) -> dict:
    """Seconds and passages embedded to add EXTRA to the library in `data`, then to remove and re-add it."""
    svc = PolicyService(Settings(data_dir=data))
    started = time.perf_counter()
    report = svc.ingest_paths([EXTRA]).model_dump()
    first = {"seconds": round(time.perf_counter() - started, 2), "embedded": report["search_index"]["embedded"],
             "passages": len(svc.engine.open(svc.kg).passages)}
    svc.delete_document(report["ingested"][0]["doc"])
    started = time.perf_counter()
    again = svc.ingest_paths([EXTRA]).model_dump()
    first["again_seconds"] = round(time.perf_counter() - started, 2)
    first["again_embedded"] = again["search_index"]["embedded"]
    return first


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "library.json")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        plans = library_sources(tmp)
        if printer_missing():
            made = render_library(plans, tmp / "library", None)
        else:
            with pdf_printer() as render:
                made = render_library(plans, tmp / "library", render)
        started = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "api.cli", "--data", str(tmp / "big"), "ingest", str(tmp / "library"), "--json"],
                             capture_output=True, text=True, cwd=ROOT, env=dict(os.environ))
        seconds = time.perf_counter() - started
        if run.returncode:
            print(run.stderr[-3000:], file=sys.stderr)
            return 1
        report = json.loads(run.stdout)
        formats: dict[str, int] = {}
        for fmt in made.values():
            formats[fmt] = formats.get(fmt, 0) + 1
        small = tmp / "small"
        PolicyService(Settings(data_dir=small)).ingest_paths([ROOT / "corpus"])
        result = {
            "documents": len(made), "formats": formats, "errors": report["errors"],
            "one_command_seconds": round(seconds, 1), "index": report.get("search_index"),
            "add_one_to_library": add_one(tmp / "big"), "add_one_to_seed_only": add_one(small),
        }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
