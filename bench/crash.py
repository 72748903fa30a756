"""kill -9 during ingest, many times: every restart consistent, every acknowledged document kept (the long run).

Each run ingests new variants of three plans with the real CLI (real e5 model), kills it (SIGKILL) after a random
delay up to `--max-delay` seconds, and checks the restart (tests/adversarial/crash.py says what is checked).

    .venv/bin/python bench/crash.py --runs 200
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "adversarial"))
sys.path.insert(0, str(ROOT / "tests"))

from crash import run  # noqa: E402


def _pct(values: list[float], q: int) -> float | None:
    return round(sorted(values)[min(len(values) - 1, len(values) * q // 100)], 2) if values else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--max-delay", type=float, default=15.0, help="latest kill, seconds after the CLI starts")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "crash.json")
    args = ap.parse_args(argv)
    from datadirs import ingest_apart

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        # In a process of its own: the process that opens the graph store owns it until it exits, and the CLI
        # runs killed below must be the writers themselves, not hand their writes to this process.
        ingest_apart(data, ROOT / "corpus")
        out = run(data, Path(tmp) / "work", args.runs, seed=args.seed, max_delay=args.max_delay)
    result = {"runs": out.runs, "killed_mid_ingest": out.killed, "completed": out.runs - out.killed,
              "inconsistent_restarts": len(out.inconsistent), "problems": out.inconsistent[:20],
              "acknowledged_documents": len(out.acknowledged), "seconds": round(time.perf_counter() - started),
              # Per restart: service made to ready (graph loaded, tokenizer warmed, index check started, as the
              # server does before it takes requests); then its first search, answered from the last consistent
              # index; and, where the kill had left the index behind the graph, ready to caught up (background).
              **{name: {"p50": _pct(values, 50), "p95": _pct(values, 95), "max": max(values, default=None),
                        "n": len(values)}
                 for name, values in (("ready_s", out.ready_s), ("first_search_s", out.first_search_s),
                                      ("caught_up_s", out.caught_up_s))}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 1 if out.inconsistent else 0


if __name__ == "__main__":
    sys.exit(main())
