"""The relevance floor: when a search has found nothing relevant ("没有找到相关内容").

The fused score of a hit says how it ranks, not whether anything relevant was found. Two signals are
comparable across queries: the cosine of the query and its closest passage, and the share of the query's
words (two characters or more) that some passage of the library uses. The engine calls a result relevant
when cosine + w × share ≥ floor. This measures both signals for on-topic questions (bench/queries.yaml
tunes, bench/queries-heldout.yaml measures) and off-topic ones (search/data/offtopic_probes.txt tunes,
bench/offtopic-heldout.yaml measures). Two rules, both reported on the held-out halves:
- the engine's: the floor sits just above the probes scored against the library being searched
  (`SearchEngine.relevance_floor`), so it follows the library as it grows;
- for comparison, one fixed floor fitted on the tuning halves (every on-topic tuning question kept, less
  a margin), and the cosine alone.

    .venv/bin/python bench/relevance.py [--library]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import BENCH_DIR, ROOT, environment, load_queries, table, write_json

from api.service import PolicyService
from api.settings import Settings
from search.engine import load_probes, to_simplified

MARGIN = 0.005  # below the lowest on-topic tuning question, so a slightly odder wording still passes
WEIGHTS = [round(0.01 * i, 2) for i in range(11)]


def signals(svc: PolicyService, question: str) -> tuple[float, float]:
    """(closest cosine, known-word share) of a question against the library."""
    index = svc.engine.open(svc.kg)
    hits = svc.engine.search(svc.kg, question, k=1, mode="dense")
    sim = float(hits[0].similarity) if hits and hits[0].similarity is not None else 0.0
    return sim, index.lexical.known_share(to_simplified(question))


def rates(on: list[float], off: list[float], floor: float) -> dict[str, float]:
    """Share of on-topic questions kept and of off-topic ones refused at a floor."""
    return {"on_topic_kept": round(sum(s >= floor for s in on) / len(on), 3),
            "off_topic_refused": round(sum(s < floor for s in off) / len(off), 3)}


def fit(on: list[tuple[float, float]], off: list[tuple[float, float]]) -> tuple[float, float]:
    """(w, floor): every on-topic tuning question kept (less MARGIN), most off-topic ones refused."""
    best: tuple[float, float, float] | None = None
    for w in WEIGHTS:
        floor = min(s + w * k for s, k in on) - MARGIN
        refused = sum(s + w * k < floor for s, k in off)
        if best is None or refused > best[0]:
            best = (refused, w, floor)
    assert best is not None
    return best[1], round(best[2], 4)


def measure(paths: list[Path], label: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        svc = PolicyService(Settings(data_dir=Path(tmp)))
        report = svc.ingest_paths(paths).model_dump()
        if report["errors"]:
            raise SystemExit(f"ingest failed: {report['errors']}")
        probes = load_probes()
        held_questions = [str(q) for q in yaml.safe_load((BENCH_DIR / "offtopic-heldout.yaml").read_text(encoding="utf-8"))]
        tune_on = [signals(svc, q.q) for q in load_queries(BENCH_DIR / "queries.yaml")]
        held_on = [signals(svc, q.q) for q in load_queries(BENCH_DIR / "queries-heldout.yaml")]
        tune_off = [signals(svc, q) for q in probes]
        held_off = [signals(svc, q) for q in held_questions]
        w, floor = fit(tune_on, tune_off)

        def score(xs: list[tuple[float, float]]) -> list[float]:
            return [s + w * k for s, k in xs]

        cosine_only = min(s for s, _ in tune_on) - MARGIN
        engine = svc.engine
        probe_floor = engine.relevance_floor(engine.open(svc.kg))

        def shipped(xs: list[tuple[float, float]]) -> list[float]:
            return [s + engine.ranking.relevance_word_weight * k for s, k in xs]
        return {
            "library": label, "documents": len(svc.kg.doc_ids()), "word_weight": w, "floor": floor,
            "tuning": rates(score(tune_on), score(tune_off), floor), "heldout": rates(score(held_on), score(held_off), floor),
            "probe_floor": {"floor": round(probe_floor, 4), "word_weight": engine.ranking.relevance_word_weight,
                            "tuning": rates(shipped(tune_on), shipped(tune_off), probe_floor),
                            "heldout": rates(shipped(held_on), shipped(held_off), probe_floor)},
            "cosine_only": {"floor": round(cosine_only, 4),
                            "heldout": rates([s for s, _ in held_on], [s for s, _ in held_off], cosine_only)},
            "off_topic_kept": [q for q, x in zip(held_questions, shipped(held_off)) if x >= probe_floor],
            "on_topic_refused": [q.q for q, x in zip(load_queries(BENCH_DIR / "queries-heldout.yaml"), shipped(held_on))
                                 if x < probe_floor],
        }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", action="store_true", help="also measure the bundled plan with the synthetic plans")
    args = ap.parse_args(argv)
    runs = [measure([ROOT / "corpus"], "bundled plan")]
    if args.library:
        runs.append(measure([ROOT / "corpus", *sorted((ROOT / "tests" / "data" / "plans").glob("*.txt"))],
                            "bundled + synthetic plans"))
    rows = [[r["library"], r["documents"], r["word_weight"], r["floor"], r["tuning"]["on_topic_kept"],
             r["tuning"]["off_topic_refused"], r["heldout"]["on_topic_kept"], r["heldout"]["off_topic_refused"],
             r["probe_floor"]["floor"], r["probe_floor"]["heldout"]["on_topic_kept"], r["probe_floor"]["heldout"]["off_topic_refused"],
             r["cosine_only"]["heldout"]["on_topic_kept"], r["cosine_only"]["heldout"]["off_topic_refused"]] for r in runs]
    print(table(["library", "docs", "fitted w", "fitted floor", "tune: on kept", "tune: off refused", "held-out: on kept",
                 "held-out: off refused", "probe floor", "probe: on kept", "probe: off refused",
                 "cosine only: on kept", "cosine only: off refused"], rows))
    for r in runs:
        print(f"\n{r['library']} (engine's probe floor): held-out off-topic kept {r['off_topic_kept']}; held-out on-topic refused {r['on_topic_refused']}")
    write_json("relevance.json", {"environment": environment(), "runs": runs})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
