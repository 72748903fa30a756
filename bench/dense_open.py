"""Opening an index version past the flat-index limit: the graph index (HNSW) built at the open, then read back by
the next process from the copy the first one kept (issue 12: a restart of 64 s at 5,800 documents).

The store holds `--passages` generated passages (sentences drawn from the test plans' lines, each made unique)
embedded by the growth benchmark's stand-in (384 dimensions, as e5), so the index has the shape a large library's
has; above `FLAT_MAX` (200,000) the store picks HNSW32. Each open runs in a fresh process, as a restart does:
1. the first open builds the HNSW graph from the segments' vectors and keeps it beside the version;
2. the second reads it. A third open with the kept copy removed measures the build again.
Printed: seconds and peak RSS of each open, and the ratio of the read to the build in the same run.

    .venv/bin/python bench/dense_open.py [--passages 300000]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def build(root: Path, n: int) -> None:
    """A store of `n` unique passages embedded by the stand-in."""
    from growth import HashEmbedder

    from search.store import IndexStore
    from search.types import Passage

    lines = [ln.strip() for p in sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
             for ln in p.read_text(encoding="utf-8", errors="replace").splitlines() if len(ln.strip()) > 12]
    rng = random.Random(5)
    passages = [Passage(pid=i, task_id=f"doc{i // 70}.{i % 70}", kind="sentence", text=f"{rng.choice(lines)}（{i}）")
                for i in range(n)]
    IndexStore(root).write(passages, HashEmbedder(), lambda s: list(s), {"segmenter": "chars"})


def open_once(root: Path) -> dict[str, Any]:
    """Open the current version in this process: seconds, the dense index's kind, and this process's peak RSS."""
    from growth import HashEmbedder

    from search.store import IndexStore

    started = time.perf_counter()
    index = IndexStore(root).open(HashEmbedder(), lambda s: list(s), {"segmenter": "chars"})
    return {"open_s": round(time.perf_counter() - started, 2), "factory": index.dense.factory,
            "passages": len(index.passages),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def in_child(*args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passages", type=int, default=300_000)
    ap.add_argument("--child", nargs=2, metavar=("ACTION", "ROOT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        action, root = args.child
        if action == "build":
            build(Path(root), args.passages)
            print(json.dumps({}))
        else:
            print(json.dumps(open_once(Path(root))))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "index"
        t = time.perf_counter()
        in_child("--passages", str(args.passages), "--child", "build", str(root))
        built_s = time.perf_counter() - t
        first = in_child("--child", "open", str(root))
        second = in_child("--child", "open", str(root))
        for kept in (root / "versions").glob("*/dense"):
            shutil.rmtree(kept)
        third = in_child("--child", "open", str(root))
    result = {"passages": args.passages, "store_written_s": round(built_s, 1), "first_open": first,
              "second_open_reads_kept": second, "open_after_removing_the_kept_copy": third,
              "read_vs_build": round(second["open_s"] / max(first["open_s"], 0.01), 3)}
    out = ROOT / "bench" / "results" / f"dense-open-{args.passages}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
