"""`kill -9` during a write of the real CLI, then a restart that must find one consistent state (issues 12 and 13).

Shared by the short tests (tests/adversarial/test_crash.py, in `make test`) and the long runs (bench/crash.py).
Each run starts one write and kills it (SIGKILL) at a random moment. The write is one of three targets:
- `ingest`: new variants of a few plans, killed while it parses, writes the graph, embeds or writes the index;
- `import`: a new enterprise register of thousands of rows (`policykg enterprises import`), killed while it reads
  the file, replaces the register's graph or reloads;
- `reindex`: `policykg reindex --force`, which builds every passage and the whole index again, killed while it
  builds or writes the new index version.

The restart (a fresh service on the same data directory) must then show: the manifest's documents are the graph's
documents; the first search answers at once, from the last consistent index (a kill between the graph write and
the index write leaves the index behind: it catches up in the background, and no hit names a task the graph
lacks); once caught up, the index's passages are exactly the graph's, with one vector per passage; every document
of the graph is searchable; every document a completed run reported is still there; and the enterprise register
is wholly the one before the run or wholly the one the run imported, never a mixture (the one imported, when the
import completed).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from api.service import PolicyService
    from search.store import OpenIndex

ROOT = Path(__file__).resolve().parents[2]
PLANS = sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))
TARGETS = ("ingest", "import", "reindex")
PRODUCTS = ["直升机", "无人机", "航空发动机", "碳化硅陶瓷", "氮化铝基板", "陶瓷轴承", "精细化工中间体", "原料药",
            "医疗器械", "电子陶瓷", "日用陶瓷", "包装材料"]
# The calls a write makes durable with, or removes with: a crash as it makes one (strace kills a thread on
# entering the call, so the call itself may or may not take effect) is where torn state would show.
DURABLE = ("fsync", "fdatasync", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "rmdir")
STRACE = shutil.which("strace")
INDEX_VERSION = r"/index/(versions|segments|\.?CURRENT)"
# A graph index (HNSW) a write derives from the previous version's and keeps beside its version (versions/<id>/dense).
DERIVED_INDEX = r"/index/versions/[^/]+/\.?dense"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
CITIES = ["临川", "青溪", "云州", "白石", "桐城", "沅江", "澄海", "鹤山", "岚山", "兰溪"]


@dataclass
class Outcome:
    """What the runs found."""

    target: str = "ingest"
    runs: int = 0
    killed: int = 0  # runs the kill interrupted (the others had finished first)
    register_kept_old: int = 0  # import runs whose restart found the register before the run
    register_new: int = 0  # import runs whose restart found the register the run imported
    injected: dict[str, int] = field(default_factory=dict)  # kills at a durability call, by where they landed
    # Where the kills landed: before the index write began, within it (a new version written, not yet published)
    # or after it published (while it pruned, advanced its caches or exited).
    kill_points: dict[str, int] = field(default_factory=dict)
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


def register_digest(rows: list[tuple[str, tuple[str, ...], str]]) -> str:
    """One checksum of a register: its enterprises' names with their products and county, in name order."""
    text = "\n".join(f"{name}\t{'、'.join(sorted(products))}\t{region}" for name, products, region in sorted(rows))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def register_file(k: int, rng: random.Random, rows: int) -> tuple[bytes, str]:
    """Run k's register as CSV bytes, with the digest the graph's register must have once it is imported."""
    buf = io.StringIO()
    table = csv.writer(buf)
    table.writerow(["企业名称", "主营产品", "所在县区"])
    expected = []
    for i in range(rows):
        name, products = f"{CITIES[i % len(CITIES)]}第{k}批{i:05d}号有限公司", tuple(rng.sample(PRODUCTS, rng.randint(1, 3)))
        region = rng.choice(CITIES)
        table.writerow([name, "、".join(products), region])
        expected.append((name, products, region))
    return buf.getvalue().encode("utf-8"), register_digest(expected)


def check(data: Path, acknowledged: set[str], timings: dict[str, list[float]] | None = None,
          catch_up_s: float = 600.0, found: dict[str, str] | None = None) -> list[str]:
    """What is inconsistent in a data directory after a restart (empty: nothing); `timings` gets the seconds to
    ready (`ready_s`), of the first search (`first_search_s`) and, where the index was behind, to caught up;
    `found` gets the digest of the enterprise register the restart sees (`register`)."""
    from kg.register import Register

    svc, problems = restart_problems(data, acknowledged, timings, catch_up_s)
    if found is not None:  # after the timed part: reading 10,000 enterprises is not what a first search does
        found["register"] = register_digest([(r.name, r.products, r.region) for r in Register(svc.kg).rows])
    return problems


def restart_problems(data: Path, acknowledged: set[str], timings: dict[str, list[float]] | None,
                     catch_up_s: float) -> tuple[PolicyService, list[str]]:
    """`check` of a fresh service on the data directory (the service, and its problems): all but the register."""
    from api.service import PolicyService
    from api.settings import Settings
    from search.passages import build_passages

    started = time.perf_counter()
    svc = PolicyService(Settings.from_env(data_dir=data))  # the settings the killed CLI ran with
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
        return svc, problems
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
        return svc, problems
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
    problems += dense_problems(svc, index)
    return svc, problems


def dense_problems(svc: PolicyService, index: OpenIndex, sample: int = 8) -> list[str]:
    """A dense index whose ids are right but whose vectors are not (a graph index derived from a torn or wrong
    one) passes every count: each sampled passage's own vector must find that passage's text among its top 3."""
    rng = random.Random(len(index.passages))
    picked = rng.sample(range(len(index.passages)), min(sample, len(index.passages)))
    texts = [index.passages[i].text for i in picked]
    hits = index.dense.search(svc.engine.embedder.encode_passages(texts), 3)
    lost = [i for i, text, found in zip(picked, texts, hits, strict=True)
            if text not in {index.passages[h.pid].text for h in found}]
    return [f"the {index.dense.factory} index does not find passages {lost} by their own vectors"] if lost else []


def command(target: str, data: Path, folder: Path, k: int, rng: random.Random, plans_per_run: int,
            register_rows: tuple[int, int]) -> tuple[list[str], str | None]:
    """Run k's CLI arguments for a target and, for an import, the digest of the register it imports."""
    folder.mkdir(parents=True)
    if target == "ingest":
        for j, path in enumerate(rng.sample(PLANS, plans_per_run)):
            (folder / f"plan-{k}-{j}.txt").write_text(variant(path, k * 10 + j), encoding="utf-8")
        return ["ingest", str(folder)], None
    if target == "import":
        payload, digest = register_file(k, rng, rng.randint(*register_rows))
        (folder / "企业名录.csv").write_bytes(payload)
        return ["enterprises", "import", str(folder / "企业名录.csv")], digest
    if target == "reindex":
        return ["reindex", "--force"], None
    raise ValueError(f"unknown crash target {target!r} (one of {', '.join(TARGETS)})")


def index_entries(data: Path) -> set[str]:
    """The index's version and segment directories now (a write adds a version, and a segment if passages are new)."""
    root = data / "index"
    return {f"{d}/{p.name}" for d in ("versions", "segments") if (root / d).is_dir() for p in (root / d).iterdir()}


def kill_point(data: Path, before: set[str]) -> str:
    """Where a killed write stopped, from what it left in the index: `before index write`, `in index write` (a
    version written but not published) or `after publish`."""
    new = index_entries(data) - before
    if not new:
        return "before index write"
    current = (data / "index" / "CURRENT").read_text(encoding="ascii").strip()
    return "after publish" if f"versions/{current}" in new else "in index write"


@dataclass
class Uncut:
    """One uncut write of a target: how long it took, CLI start included (the span timed kills are spread over),
    and the durability calls it made, in order: (call, its ordinal among its thread's calls of that name, the area
    written)."""

    seconds: float | None  # None: not timed
    points: list[tuple[str, int, str]]


def area(line: str) -> str:
    """What an strace line (made with -y, so file descriptors show their paths) wrote: `graph` (the graph store),
    `derived index` (the graph index kept beside a version), `index version` (a new version, its segments, the
    CURRENT switch), `index cache` (passages, vectors, tokens kept for the next write), or "" (elsewhere: a
    library's temporary file, a .pyc)."""
    if re.search(DERIVED_INDEX, line):
        return "derived index"
    if re.search(INDEX_VERSION, line):
        return "index version"
    return "graph" if "/graph/" in line else "index cache" if "/index/" in line else ""


def durability_points(trace: str) -> list[tuple[str, int, str]]:
    """The durability calls of an strace log (made with -f -y) in the data directory: (call, its ordinal among
    its thread's calls of that name, as strace counts `when=`, and the area it wrote). strace kills whichever
    thread first makes its n-th call of the name, so a call is kept only where no other thread made as many
    calls of that name: in a run like this one, the kill lands on it."""
    seen: dict[tuple[str, str], int] = {}
    drawn = []
    for line in trace.splitlines():
        pid, _, call = line.strip().partition(" ")
        name = call.strip().split("(", 1)[0]
        if name not in DURABLE:
            continue  # "<... resumed>", exits, signals
        seen[pid, name] = nth = seen.get((pid, name), 0) + 1
        if where := area(call):
            drawn.append((pid, name, nth, where))
    return [(name, nth, where) for pid, name, nth, where in drawn
            if all(count < nth for (other, called), count in seen.items() if called == name and other != pid)]


def landed(trace: str, name: str) -> str:
    """Where an injected kill landed: the area of the call the killed thread was making (its line never got a
    result: `= ?`), or "elsewhere". With other threads running, strace splits that call in two lines, its start
    (`<unfinished ...>`) and `<... name resumed>) = ?`: the start names the path."""
    unfinished: dict[str, str] = {}
    for line in trace.splitlines():
        pid, _, call = line.strip().partition(" ")
        call = call.strip()
        if call.startswith(f"{name}(") and call.endswith("<unfinished ...>"):
            unfinished[pid] = call
        elif call.startswith(f"<... {name} resumed>") and call.endswith("= ?"):
            return area(unfinished.get(pid, "")) or "elsewhere"
        elif call.startswith(f"{name}(") and call.endswith("= ?"):
            return area(call) or "elsewhere"
    return "elsewhere"


def uncut(data: Path, work: Path, target: str, register_rows: tuple[int, int] = (2_000, 10_000),
          env: dict[str, str] = ENV, timed: bool = True) -> Uncut:
    """Two writes of the target run to their end: one timed (the span timed kills are spread over; left out when
    not `timed`, for runs whose kills are all at durability calls), then, when there is strace, one traced to list
    its durability calls (traced runs are not timed: strace slows them). `env` is the CLI's environment (its
    POLICYKG_* settings)."""
    def once(tracer: list[str], k: int) -> float:
        args, _ = command(target, data, work / f"uncut{k}", -1 - k, random.Random(k), 3,
                          (register_rows[1], register_rows[1]))
        started = time.perf_counter()
        res = subprocess.run([*tracer, *cli(data, args)], cwd=ROOT, env=env, capture_output=True, timeout=900)
        if res.returncode != 0:
            raise RuntimeError(f"the uncut {target} failed: {res.stderr.decode(errors='replace')[-500:]}")
        return time.perf_counter() - started

    seconds = once([], 0) if timed else None
    if not STRACE:
        return Uncut(seconds, [])
    trace = work / "uncut.strace"
    # With a seccomp filter strace stops the process only at the calls it traces (2.4x faster than stopping at
    # every call: 2.2 against 5.3 s for a forced reindex); the killing runs cannot use it: strace injected no
    # signal under the filter (6.1, measured), so they stop at every call.
    once(["strace", "-f", "--seccomp-bpf", "-y", "-qq", "-o", str(trace), "-e", "trace=" + ",".join(DURABLE)], 1)
    return Uncut(seconds, durability_points(trace.read_text()))


def cli(data: Path, args: list[str]) -> list[str]:
    """The policykg command line of a write."""
    return [sys.executable, "-m", "api.cli", "--data", str(data), *args, "--json"]


def run(data: Path, work: Path, runs: int, seed: int = 11, plans_per_run: int = 3, max_delay: float = 12.0,
        target: str = "ingest", register_rows: tuple[int, int] = (2_000, 10_000), at_syscall: float = 0.0,
        points: list[tuple[str, int, str]] | None = None, env: dict[str, str] = ENV) -> Outcome:
    """`runs` writes of one target, each killed (SIGKILL) at a random moment, each followed by a check.

    A share `at_syscall` of the runs are killed at a random durability call instead of after a random delay: of
    the calls an uncut write made (`points`), an area (graph store, index caches, new index version) is drawn,
    then a call of it, and strace kills the process as a thread makes its n-th call of that name. Spread over
    time, few kills would land where a crash matters most (the index write of an ingest or of a forced reindex
    whose vectors are cached takes milliseconds, the graph store's commit as little); drawn from the fsyncs,
    renames, unlinks, mkdirs and rmdirs, each lands between two steps the write relies on. strace counts per
    thread, so another thread may reach the n-th call first: `Outcome.injected` counts each kill where it
    landed, read from the killed run's own trace. `env` is the environment of the CLI and of each restart."""
    rng = random.Random(seed)
    # What the library held before the first run was acknowledged when it was ingested.
    before = checked(data, set(), env)
    out = Outcome(target=target, acknowledged=set(before["docs"]))
    register = before.get("register")  # the register as the last restart found it
    areas: dict[str, list[tuple[str, int, str]]] = {}
    for point in points or []:
        areas.setdefault(point[2], []).append(point)
    for k in range(runs):
        args, imported = command(target, data, work / f"run-{k}", k, rng, plans_per_run, register_rows)
        before_entries = index_entries(data)
        injected = None
        if areas and rng.random() < at_syscall:
            name, nth, _ = rng.choice(areas[rng.choice(sorted(areas))])
            injected = (name, work / f"run-{k}.strace")
            injector = ["strace", "-f", "-y", "-qq", "-o", str(injected[1]), "-e", f"trace={name}",
                        "-e", f"inject={name}:signal=SIGKILL:when={nth}"]
            proc = subprocess.Popen([*injector, *cli(data, args)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True)
        else:
            proc = subprocess.Popen(cli(data, args), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL, text=True)
            time.sleep(rng.uniform(0.2, max_delay))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        stdout, _ = proc.communicate()
        killed = proc.returncode == -signal.SIGKILL
        if killed:
            out.killed += 1
            stop = kill_point(data, before_entries)
            out.kill_points[stop] = out.kill_points.get(stop, 0) + 1
            if injected is not None:
                # The thread that reached the drawn ordinal first took the kill: counted where it landed.
                where = f"{landed(injected[1].read_text(), injected[0])} {injected[0]}"
                out.injected[where] = out.injected.get(where, 0) + 1
        completed = proc.returncode == 0 and bool(stdout.strip())
        if completed and target == "ingest":
            out.acknowledged |= {d["doc"] for d in json.loads(stdout)["ingested"]}
        out.runs += 1
        result = checked(data, out.acknowledged, env)
        problems = list(result["problems"])
        if imported is not None and "register" in result:
            # Wholly old or wholly new; new once the import said it was done.
            if result["register"] == imported:
                out.register_new += 1
            elif result["register"] == register and not completed:
                out.register_kept_old += 1
            else:
                problems.append("the enterprise register is " + (
                    "the old one after a completed import" if result["register"] == register
                    else "neither the one before the import nor the one imported"))
        register = result.get("register", register)
        out.inconsistent += [f"run {k}: {p}" for p in problems]
        for name in ("first_search_s", "ready_s", "caught_up_s"):
            getattr(out, name).extend(result.get("timings", {}).get(name, []))
    return out


def checked(data: Path, acknowledged: set[str], env: dict[str, str]) -> dict:
    """`check` in a process of its own, as a restart is: it owns the graph store while it runs, then lets go."""
    script = ("import json, sys; from pathlib import Path; sys.path.insert(0, 'tests/adversarial'); from crash import check; "
              "data, ack = Path(sys.argv[1]), set(json.loads(sys.argv[2])); from kg.store import GraphStore; "
              "docs = sorted(d for d in GraphStore(data / 'graph').manifest() if not d.startswith('chain-')); "
              "t, found = {}, {}; problems = check(data, ack, t, found=found); "
              "print(json.dumps({'docs': docs, 'problems': problems, 'timings': t, **found}))")
    res = subprocess.run([sys.executable, "-c", script, str(data), json.dumps(sorted(acknowledged))],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if res.returncode != 0:
        return {"docs": [], "problems": [f"the restart failed: {res.stderr.strip().splitlines()[-1:]}"]}
    return dict(json.loads(res.stdout.strip().splitlines()[-1]))
