"""`kill -9` during `policykg ingest`, then a restart that must find one consistent state (issue 12 and 13).

Shared by the short test (tests/adversarial/test_crash.py, in `make test`) and the long run (bench/crash.py).
Each run ingests new variants of a few plans with the real CLI and kills it at a random moment: while it parses,
writes the graph, embeds or writes the index. The restart (a fresh service on the same data directory) must then
show: the manifest's documents are the graph's documents; the first search answers at once, from the last
consistent index (a kill between the graph write and the index write leaves the index behind: it catches up in
the background, and no hit names a task the graph lacks); once caught up, the index's passages are exactly the
graph's, with one vector per passage; every document of the graph is searchable; and every document a completed
run reported is still there.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
CITIES = ["临川", "青溪", "云州", "白石", "桐城", "沅江", "澄海", "鹤山", "岚山", "兰溪"]


@dataclass
class Outcome:
    """What the runs found."""

    runs: int = 0
    killed: int = 0  # runs the kill interrupted (the others had finished first)
    inconsistent: list[str] = field(default_factory=list)
    acknowledged: set[str] = field(default_factory=set)
    first_search_s: list[float] = field(default_factory=list)  # per restart: the first search, once ready
    ready_s: list[float] = field(default_factory=list)  # per restart: service made to ready (what a server does first)
    caught_up_s: list[float] = field(default_factory=list)  # per restart that found the index behind: to caught up


def variant(path: Path, k: int) -> str:
    """The k-th copy of a plan: another city and a line of its own, so its passages are new."""
    from ingest.reader import decode

    text = decode(path.read_bytes(), path.name)  # one of the plans is GB18030
    city = CITIES[k % len(CITIES)] + str(k)
    for known in ("鹤溪", "岚江", "澄浦", "青川", "沅阳", "桐屿", "临澄", "青石", "白沙", "沣河", "临湖", "临江", "云岭", "岭东"):
        text = text.replace(known, city)
    lines = text.split("\n")
    lines.insert(1, f"（第{k}号副本）")
    return "\n".join(lines)


def check(data: Path, acknowledged: set[str], timings: dict[str, list[float]] | None = None,
          catch_up_s: float = 600.0) -> list[str]:
    """What is inconsistent in a data directory after a restart (empty: nothing); `timings` gets the seconds to
    ready (`ready_s`), of the first search (`first_search_s`) and, where the index was behind, to caught up."""
    from api.service import PolicyService
    from api.settings import Settings
    from search.passages import build_passages

    started = time.perf_counter()
    svc = PolicyService(Settings(data_dir=data))
    svc.warm()  # as the server does before it takes requests
    ready = time.perf_counter()
    problems = []
    manifest = set(svc.store.manifest())
    kg = svc.kg
    plans = {d for d in manifest if not d.startswith("chain-")}  # chain maps are graph parts, not documents
    if plans != kg.doc_ids():
        problems.append(f"manifest and graph differ on {sorted(plans ^ kg.doc_ids())}")
    lost = acknowledged - kg.doc_ids()
    if lost:
        problems.append(f"acknowledged documents lost: {sorted(lost)}")
    if not kg.items():
        return problems
    first = svc.search("推进产业发展")  # from the last consistent index, whether or not it is behind the graph
    searched = time.perf_counter()
    unknown = [h.id for h in first.hits if not svc.task_exists(h.id)]
    if unknown:
        problems.append(f"the first search named tasks the graph does not have: {unknown}")
    behind = svc.health().status == "degraded"
    deadline = time.monotonic() + catch_up_s
    while svc.rebuilding() and time.monotonic() < deadline:
        time.sleep(0.1)
    if svc.rebuilding() or svc.health().status != "ok":
        problems.append(f"the index did not catch up within {catch_up_s:.0f} s: {svc.health().reasons}")
        return problems
    if timings is not None:
        timings.setdefault("ready_s", []).append(round(ready - started, 2))
        timings.setdefault("first_search_s", []).append(round(searched - ready, 2))
        if behind:
            timings.setdefault("caught_up_s", []).append(round(time.perf_counter() - ready, 2))
    index = svc.engine.open(kg)
    passages, _ = build_passages(kg)
    # The same passages (the index lays documents out in the order they were written, build_passages by id).
    if sorted((p.task_id, p.kind, p.text) for p in index.passages) != sorted((p.task_id, p.kind, p.text) for p in passages):
        problems.append("the index's passages are not the graph's")
    if len(index.dense) != len(index.passages):
        problems.append(f"{len(index.dense)} vectors for {len(index.passages)} passages")
    unsearchable = kg.doc_ids() - {p.task_id.split(".")[0] for p in index.passages}
    if unsearchable:
        problems.append(f"documents without a passage in the index: {sorted(unsearchable)}")
    return problems


def run(data: Path, work: Path, runs: int, seed: int = 11, plans_per_run: int = 3,
        max_delay: float = 12.0) -> Outcome:
    """`runs` ingests of new plan variants, each killed (SIGKILL) after a random delay, each followed by a check."""
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # What the library held before the first run was acknowledged when it was ingested.
    out = Outcome(acknowledged=set(checked(data, set(), env)["docs"]))
    for k in range(runs):
        folder = work / f"run-{k}"
        folder.mkdir(parents=True)
        for j, path in enumerate(rng.sample(PLANS, plans_per_run)):
            (folder / f"plan-{k}-{j}.txt").write_text(variant(path, k * 10 + j), encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "api.cli", "--data", str(data), "ingest", str(folder), "--json"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        time.sleep(rng.uniform(0.2, max_delay))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            out.killed += 1
        stdout, _ = proc.communicate()
        if proc.returncode == 0 and stdout.strip():
            import json

            out.acknowledged |= {d["doc"] for d in json.loads(stdout)["ingested"]}
        out.runs += 1
        result = checked(data, out.acknowledged, env)
        out.inconsistent += [f"run {k}: {p}" for p in result["problems"]]
        for name in ("first_search_s", "ready_s", "caught_up_s"):
            getattr(out, name).extend(result.get("timings", {}).get(name, []))
    return out


def checked(data: Path, acknowledged: set[str], env: dict[str, str]) -> dict:
    """`check` in a process of its own, as a restart is: it owns the graph store while it runs, then lets go."""
    import json

    script = ("import json, sys; from pathlib import Path; sys.path.insert(0, 'tests/adversarial'); from crash import check; "
              "data, ack = Path(sys.argv[1]), set(json.loads(sys.argv[2])); from kg.store import GraphStore; "
              "docs = sorted(d for d in GraphStore(data / 'graph').manifest() if not d.startswith('chain-')); "
              "t = {}; problems = check(data, ack, t); "
              "print(json.dumps({'docs': docs, 'problems': problems, 'timings': t}))")
    res = subprocess.run([sys.executable, "-c", script, str(data), json.dumps(sorted(acknowledged))],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if res.returncode != 0:
        return {"docs": [], "problems": [f"the restart failed: {res.stderr.strip().splitlines()[-1:]}"]}
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))
