"""kill -9 during a write, many times: every restart consistent, every acknowledged write kept (the long run).

Each run starts one write of the real CLI (real e5 model): `--target ingest` (new variants of three plans),
`import` (a new enterprise register of 2,000-10,000 rows) or `reindex` (`policykg reindex --force`). It kills the
CLI (SIGKILL) after a random delay up to `--max-delay` seconds (by default 1.2 times what one uncut write of the
target takes, measured first), and checks the restart (tests/adversarial/crash.py says what is checked).

    .venv/bin/python bench/crash.py --runs 200
    .venv/bin/python bench/crash.py --runs 200 --target import --out bench/results/crash-import-200.json
    .venv/bin/python bench/crash.py --runs 200 --target reindex --out bench/results/crash-reindex-200.json
    .venv/bin/python bench/crash.py --runs 200 --factory HNSW32 --out bench/results/crash-derived-200.json

`--factory HNSW32` makes a small library index as one past 200,000 passages does: every write derives the new
version's graph index from the previous one's and keeps it beside the version (a kill can land in that write).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "adversarial"))
sys.path.insert(0, str(ROOT / "tests"))

from crash import ENV, PLANS, STRACE, TARGETS, checked, cli, run, uncut  # noqa: E402


def _pct(values: list[float], q: int) -> float | None:
    return round(sorted(values)[min(len(values) - 1, len(values) * q // 100)], 2) if values else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--target", choices=TARGETS, default="ingest", help="the write that is killed")
    ap.add_argument("--max-delay", type=float, default=None,
                    help="latest kill, seconds after the CLI starts (default: 1.2 x one uncut write, measured)")
    ap.add_argument("--at-syscall", type=float, default=0.5,
                    help="share of runs killed (by strace) at a random durability call, the rest after a random delay")
    ap.add_argument("--plans", action="store_true",
                    help="start from the bundled plan and the 18 test plans (default for reindex: a longer rebuild)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--factory", help="the FAISS factory the library is indexed with (POLICYKG_FAISS_FACTORY), e.g. HNSW32")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "crash.json")
    args = ap.parse_args(argv)
    from datadirs import ingest_apart

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        # In a process of its own: the process that opens the graph store owns it until it exits, and the CLI
        # runs killed below must be the writers themselves, not hand their writes to this process.
        with_plans = args.plans or args.target == "reindex"
        ingest_apart(data, ROOT / "corpus", *(PLANS if with_plans else []))
        (Path(tmp) / "work").mkdir()
        env = {**ENV, "POLICYKG_FAISS_FACTORY": args.factory} if args.factory else ENV
        if args.factory:  # the library indexed with it, and opened once (a graph index is built there and kept)
            import subprocess

            subprocess.run(cli(data, ["reindex", "--force"]), cwd=ROOT, env=env, check=True, capture_output=True)
            checked(data, set(), env)
        first = uncut(data, Path(tmp) / "work", args.target, env=env)
        max_delay = args.max_delay if args.max_delay is not None else round(1.2 * first.seconds, 2)
        out = run(data, Path(tmp) / "work", args.runs, seed=args.seed, max_delay=max_delay, target=args.target,
                  at_syscall=args.at_syscall if STRACE else 0.0, points=first.points, env=env)
    result = {"target": args.target, "library": "corpus + test plans" if with_plans else "corpus", "factory": args.factory,
              "uncut_write_s": round(first.seconds, 2), "uncut_durability_calls": dict(Counter(f"{area} {name}" for name, _, area in first.points)),
              "max_delay_s": max_delay, "killed_at_syscall": out.injected,
              "runs": out.runs, "killed_mid_write": out.killed, "kill_points": out.kill_points, "completed": out.runs - out.killed,
              "inconsistent_restarts": len(out.inconsistent), "problems": out.inconsistent[:20],
              "acknowledged_documents": len(out.acknowledged), "seconds": round(time.perf_counter() - started),
              **({"register_kept_old": out.register_kept_old, "register_new": out.register_new}
                 if args.target == "import" else {}),
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
