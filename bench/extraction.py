"""Extraction quality against hand-made answers: task units, targets, incentives and unit questions.

Usage:
    .venv/bin/python bench/extraction.py                  # synthetic set and real development set
    .venv/bin/python bench/extraction.py --set heldout    # the held-back real documents (measure once)
    .venv/bin/python bench/extraction.py --set heldout2   # a second and a third held-back set (measure once)
    .venv/bin/python bench/extraction.py --set heldout3   # and heldout4 … (one set per folder)
    .venv/bin/python bench/extraction.py --worst 40 --json bench/results/extraction.json
    .venv/bin/python bench/extraction.py --sources        # rewrite tests/data/real/SOURCES.md

Sets:
- synthetic: the bundled plan (tests/seed_truth.py) and tests/data/plans/ (expected/more-styles.json),
  whose answers name items by number;
- real: tests/data/real/*.txt with answers in tests/data/real/expected/, whose answers name items
  by an anchor (the first characters of the item's own text, see tests/data/real/README.md);
- heldout: tests/data/real/heldout/, the same format, kept apart to measure the parser once;
- heldout2, heldout3, …: tests/data/real/heldout2/, heldout3/, …, more such sets (each read for its fixes once measured).

Measures, per document and over each set:
- task-unit exactness: expected tasks whose lead and co units both equal the parser's;
- unit precision / recall: (task, unit) pairs, roles aside;
- target recall / precision on (value, unit), and years right among the targets found whose
  answer gives a year;
- incentive recall / precision on (amount, unit);
- question exactness: `ask` on the document's graph returns exactly the expected tasks.
Then the worst mismatches, one line each.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.lexicon import Lexicon, Segmenter, canon_text, load_lexicon  # noqa: E402
from ingest.normalize import normalize  # noqa: E402
from ingest.parse import parse_plan  # noqa: E402
from ingest.reader import read_plan_file  # noqa: E402
from ingest.records import Item, Plan  # noqa: E402
from ingest.unit_names import without_second_name  # noqa: E402
from ingest.units import UnitResolver  # noqa: E402
from kg.build import plan_graph  # noqa: E402
from kg.query import KG  # noqa: E402
from kg.vocab import task_id  # noqa: E402
from search.router import route  # noqa: E402

TESTS = ROOT / "tests"
REAL = TESTS / "data" / "real"
# Real documents kept from whoever changes the parser, each measured once: every heldout, heldout2, … folder, in order.
HELD_OUT = tuple(sorted((d.name for d in REAL.glob("heldout*") if d.is_dir() and re.fullmatch(r"heldout\d*", d.name)),
                        key=lambda name: int(name[7:] or 1)))
PLANS = TESTS / "data" / "plans"
SEED = ROOT / "corpus" / "jingdezhen-cluster-plan-2026-2028.txt"


# ---- answers ----------------------------------------------------------------
@dataclass(frozen=True)
class TaskAnswer:
    """One expected task: how to find it, and its units."""

    key: str  # an anchor (real set) or an item number (synthetic set)
    title: str
    lead: frozenset[str]
    co: frozenset[str]


@dataclass(frozen=True)
class QuestionAnswer:
    """A unit question and the keys of exactly the tasks it must return."""

    question: str
    answers: frozenset[str]


@dataclass
class Answers:
    """Everything hand-made about one document."""

    name: str
    path: Path
    by_anchor: bool
    tasks: list[TaskAnswer]
    targets: list[tuple[float, str, int | None]]  # value, unit, year
    incentives: list[tuple[float, str]] | None  # None: the answers do not cover incentives
    questions: list[QuestionAnswer]
    source: dict = field(default_factory=dict)
    tolerated: list[tuple[float, str]] = field(default_factory=list)  # readings that may appear or not
    corrections: list[dict] = field(default_factory=list)  # answers changed after the parser was measured, and why


def _num(v: float | int | str) -> float:
    return round(float(v), 4)


def _unit(u: str | None) -> str:
    """One spelling per unit of measure: "％" and "%" are the same; none written (null) is ""."""
    return canon_text(u or "").replace("％", "%")


def load_real(folder: Path) -> list[Answers]:
    """Real documents of a folder with their answer files."""
    out = []
    for exp in sorted((folder / "expected").glob("*.json")):
        data = json.loads(exp.read_text(encoding="utf-8"))
        text = folder / f"{exp.stem}.txt"
        tasks = [TaskAnswer(t["anchor"], t.get("title", ""), frozenset(t.get("lead", [])), frozenset(t.get("co", [])))
                 for t in data["tasks"]]
        out.append(Answers(
            name=exp.stem, path=text, by_anchor=True, tasks=tasks,
            targets=[(_num(t["value"]), _unit(t["unit"]), t.get("year")) for t in data.get("targets", [])],
            incentives=[(_num(i["amount"]), _unit(i["unit"])) for i in data.get("incentives", [])],
            questions=[QuestionAnswer(q["question"], frozenset(q["answers"])) for q in data.get("questions", [])],
            source=data.get("source", {}),
            corrections=data.get("corrections", []),
        ))
    return out


def load_synthetic() -> list[Answers]:
    """The bundled plan and the plans written apart from the parser, answered by item number."""
    sys.path.insert(0, str(TESTS))
    from seed_truth import SEED_TARGETS, SEED_UNITS

    seed_tasks = [TaskAnswer(n, "", frozenset(u[:1]), frozenset(u[1:])) for n, u in SEED_UNITS.items()]
    out = [Answers("jingdezhen-cluster-plan-2026-2028", SEED, False, seed_tasks,
                   [(_num(v), unit, y) for _, _, _, v, unit, y in SEED_TARGETS], None, [])]
    more = json.loads((PLANS / "expected" / "more-styles.json").read_text(encoding="utf-8"))
    for name, data in sorted(more.items()):
        tasks = [TaskAnswer(n, h, frozenset(lead), frozenset(co)) for n, _, h, lead, co in data["items"]]
        out.append(Answers(Path(name).stem, PLANS / name, False, tasks,
                           [(_num(v), unit, y) for _, _, v, unit, y in data["targets"]], None, [],
                           tolerated=[(_num(v), unit) for _, _, v, unit, _ in data.get("tolerated", [])]))
    return out


# ---- alignment ----------------------------------------------------------------
_SKELETON_DROP = re.compile(r"[\s\W_]")


def _skeleton(s: str) -> str:
    return _SKELETON_DROP.sub("", canon_text(s))


def _line_end(text: str, pos: int) -> int:
    """Where the line holding `pos` ends (the text's end for its last line)."""
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _in_row(text: str, key: str, inside: Callable[[int], bool] = lambda _: True) -> int:
    """Where a table row's anchor is, in the rewritten text: the writer ran it into the next cell ("落实政策解读制度 |
    政策法") or marked the cell's edge ("| 组织编制规划", "组织编制规划 |") to tell it from the body sentence it
    repeats. Its longest cell, at the first place where its other cells stand beside it (on its line, or on the
    next or the one above, where a group's task heads its rows) and a marked edge is a row's edge (its start after the row's number; its end before the row's "。" or clause)."""
    cells = [c.strip() for c in key.split("|")]
    # The longest cell that the rewritten text holds as written ("省审改办 省发改委" stands there as "省审改办、省发改委").
    main = next((c for c in sorted(cells, key=len, reverse=True) if normalize(c).strip() in text), max(cells, key=len))
    k = cells.index(main)
    before = [normalize(c).strip() for c in cells[:k] if c]
    after = [normalize(c).strip() for c in cells[k + 1 :] if c]
    found = [m.start() for m in re.finditer(re.escape(normalize(main).strip()), text)]
    for pos in found:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = _line_end(text, pos)
        rest = text[pos + len(normalize(main).strip()) : line_end]  # the row's cells after the anchor's
        # A group's task heads its rows on the line above ("2.开展宣传" / "（1）组织宣传…"): a cell may stand there.
        above = text.rfind("\n", 0, max(0, line_start - 1)) + 1
        below = _line_end(text, line_end + 1)
        # Only an empty cell at the key's end marks an edge: "A |  | B" skips an empty column between two cells.
        if k == 1 and not cells[0] and not re.fullmatch(r"(?:\d{1,3}[.．]|（\d{1,3}）)?", text[line_start:pos]):
            continue
        if k + 2 == len(cells) and not cells[k + 1] and not re.match(r"[。；]?(?:（|$)", rest):
            continue
        head_above = re.fullmatch(r"\d{1,3}[.．][^（\n]*\n", text[above:line_start]) is not None
        end = pos + len(normalize(main).strip())
        beside = text[end:below] if rest.strip("。 ") == "" else rest  # this line the head of the group below
        # A cell as its writer copied it ("省审改办 省发改委") may stand rewritten in the row ("省审改办、省发改委").
        if all(_skeleton(c) in _skeleton(beside) for c in after) and \
                all(_skeleton(c) in _skeleton(text[above if head_above else line_start : pos]) for c in before) \
                and inside(pos):  # not a heading row its task cell repeats ("（四）推进…信息公开" over "12.推进…信息公开")
            return pos
    # Cells that never meet on one line: the caller's match on letters and digits alone, across the separators.
    return found[0] if found and not before and not after else -1


def find_item(plan: Plan, key: str, by_anchor: bool) -> Item | None:
    """The parsed item an answer names: by number, or the smallest item holding the anchor."""
    if not by_anchor:
        return next((i for i in plan.items if i.number == key), None)
    pos = _in_row(plan.text, key, lambda p: _item_at(plan, p) is not None) if "|" in key \
        else plan.text.find(normalize(key).strip())
    if pos < 0:
        # Fall back to letters and digits only: punctuation and spaces may have been normalised.
        skel, where = [], []
        for k, ch in enumerate(plan.text):
            if not _SKELETON_DROP.match(ch):
                skel.append(canon_text(ch))
                where.append(k)
        at = "".join(skel).find(_skeleton(key))
        pos = where[at] if at >= 0 else -1
    if pos < 0 and " " in key.strip() and "|" not in key:
        # A row of a table a page flattened with spaces ("加快车船结构升级 加快推进…"): where the parser made its task
        # cell the heading of its sub-rows, its work is the first sub-row's, found by the cell after the space.
        task, rest = (normalize(x).strip() for x in key.strip().split(" ", 1))
        found = [m.start() for m in re.finditer(re.escape(rest), plan.text)] if len(rest) >= 6 else []
        # The occurrence under the task cell's heading line first (not a body sentence the row repeats), unless the
        # parser gave that row to the body item it restates: then the body's.
        under = [p for p in found if task in plan.text[plan.text.rfind("\n", 0, plan.text.rfind("\n", 0, p)) + 1 : p]]
        pos = next((p for p in [*under, *found] if any(i.span.start <= p < i.span.end for i in plan.items)), -1)
    return None if pos < 0 else _item_at(plan, pos)


def _item_at(plan: Plan, pos: int) -> Item | None:
    """The smallest item holding a place of the text, or the first sub-item under the numbered heading line it is on."""
    holding = [i for i in plan.items if i.span.start <= pos < i.span.end]
    if holding:
        return min(holding, key=lambda i: i.span.end - i.span.start)
    # The numbered heading line of sub-items (a table row whose sub-rows have units of their own): the first of
    # them, when it starts on the next line; any other anchor outside every item is a miss.
    line_start = plan.text.rfind("\n", 0, pos) + 1
    after = next((i for i in plan.items if i.span.start >= pos), None)
    if after is None or not re.match(r"\d{1,3}[.．]", plan.text[line_start:pos + 1]):
        return None
    return after if "\n" not in plan.text[pos:after.span.start].rstrip("\n") else None


# ---- scores ---------------------------------------------------------------------
@dataclass
class Score:
    """Counts for one document or a whole set."""

    tasks: int = 0
    tasks_exact: int = 0
    tasks_found: int = 0
    units_expected: int = 0
    units_got: int = 0
    units_right: int = 0
    targets_expected: int = 0
    targets_got: int = 0
    targets_right: int = 0
    years_expected: int = 0  # found targets whose answer gives a year
    years_right: int = 0
    incentives_expected: int = 0
    incentives_got: int = 0
    incentives_right: int = 0
    questions: int = 0
    questions_exact: int = 0

    def add(self, other: Score) -> None:
        for f in self.__dataclass_fields__:
            setattr(self, f, getattr(self, f) + getattr(other, f))

    def ratios(self) -> dict[str, float | None]:
        def r(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "task_units_exact": r(self.tasks_exact, self.tasks),
            "unit_precision": r(self.units_right, self.units_got),
            "unit_recall": r(self.units_right, self.units_expected),
            "target_recall": r(self.targets_right, self.targets_expected),
            "target_precision": r(self.targets_right, self.targets_got),
            "years_right": r(self.years_right, self.years_expected),
            "incentive_recall": r(self.incentives_right, self.incentives_expected),
            "incentive_precision": r(self.incentives_right, self.incentives_got),
            "questions_exact": r(self.questions_exact, self.questions),
        }


@dataclass(frozen=True)
class Mismatch:
    """One wrong reading, for the worst-mismatches list."""

    doc: str
    kind: str
    weight: int
    detail: str


def _units(item: Item | None) -> tuple[frozenset[str], frozenset[str]]:
    if item is None:
        return frozenset(), frozenset()
    lead = frozenset(_PREFIX.sub("", u.name) for u in item.units if u.role == "lead")
    # As the answers' co units: one that is a lead without its level ("市、区房屋管理部门" read as 市房屋管理部门 leading,
    # 区房屋管理部门 taking part; its writer's one "房屋管理部门") is the lead.
    return lead, frozenset(_PREFIX.sub("", u.name) for u in item.units if u.role == "co") - lead


def _multiset_match(want: Iterable, got: Iterable) -> int:
    return sum((Counter(want) & Counter(got)).values())


def _plan_targets(plan: Plan, skip_boxes: bool) -> list:
    """Every target read; with skip_boxes, not those in a 专栏 project list (the synthetic answers leave them out)."""
    def in_box(item: Item, t) -> bool:
        box = item.text.find("专栏")
        return skip_boxes and box >= 0 and t.span.start >= item.span.start + box

    return [*plan.goal_targets, *(t for i in plan.items for t in i.targets if not in_box(i, t))]


def _plan_incentives(plan: Plan) -> list:
    return [*getattr(plan, "incentives", []), *(x for i in plan.items for x in getattr(i, "incentives", []))]


# "区县公安局": both levels; "本市住房城乡建设主管部门": the plan's own city, as "市…". Not the 市 of a field that
# opens with it ("市场监管部门", "市政", "市容"), which is no level.
_PREFIX = re.compile(r"^(?:区县|县区|市县|县市|本?[省区县]|本?市(?![场政容]))(?=[\u4e00-\u9fff]{2,})")


def score_document(plan: Plan, ans: Answers, lexicon: Lexicon, questions: bool = True) -> tuple[Score, list[Mismatch]]:
    """Compare one parsed plan with its answers (its unit questions too, unless told: they build its graph).

    Units compare by canonical name without a leading 省/市/区/县 (or 本市…): within one document "区交建局" and
    "交建局" are one office, and answer writers differed on expanding a prefix a list shares. An office's second
    name in brackets ("区建设管理委（区水务局）", written as found) is the same office the parser names by its first.
    """
    resolver = UnitResolver(lexicon, plan.region)
    resolver.declare(plan.aliases)  # a short name the document gives a body is that body, as its own parse reads it

    def resolve(name: str) -> str:
        # As the parser reads it: "(商务局)" as written in a text with half-width brackets is "（商务局）", and a
        # database's angle brackets ("市住建局〈市人防办〉") are round ones in a list of units (ingest/unit_names.py).
        name = canon_text(name).replace("〈", "（").replace("〉", "）")
        return _PREFIX.sub("", resolver.resolve(without_second_name(name)))

    s, bad = Score(), []
    item_of: dict[str, Item | None] = {}
    for t in ans.tasks:
        item = item_of[t.key] = find_item(plan, t.key, ans.by_anchor)
        want_lead = frozenset(resolve(u) for u in t.lead)
        want_co = frozenset(resolve(u) for u in t.co) - want_lead
        got_lead, got_co = _units(item)
        s.tasks += 1
        s.tasks_found += item is not None
        want_all, got_all = want_lead | want_co, got_lead | got_co
        s.units_expected += len(want_all)
        s.units_got += len(got_all)
        s.units_right += len(want_all & got_all)
        if (want_lead, want_co) == (got_lead, got_co):
            s.tasks_exact += 1
        else:
            where = "not found" if item is None else f"item {item.number}"
            bad.append(Mismatch(ans.name, "units", len(want_all ^ got_all) + (want_lead != got_lead),
                                f"{t.key[:16]} ({where}): want lead {sorted(want_lead)} co {sorted(want_co)}; "
                                f"got lead {sorted(got_lead)} co {sorted(got_co)}"))
    # Targets: (value, unit) as a multiset per document; the year is judged on those found.
    got_targets = _plan_targets(plan, skip_boxes=not ans.by_anchor)
    want_vu = Counter((v, u) for v, u, _ in ans.targets)
    got_vu = Counter((_num(t.value), _unit(t.unit)) for t in got_targets)
    for tol in ans.tolerated:
        got_vu.pop(tol, None)
    s.targets_expected = len(ans.targets)
    s.targets_got = sum(got_vu.values())
    s.targets_right = sum((want_vu & got_vu).values())
    years_got: dict[tuple[float, str], list[int | None]] = {}
    for t in got_targets:
        years_got.setdefault((_num(t.value), _unit(t.unit)), []).append(t.year)
    for v, u, y in ans.targets:
        if y is None or (v, u) not in years_got:
            continue
        s.years_expected += 1
        if y in years_got[(v, u)]:
            s.years_right += 1
        else:
            bad.append(Mismatch(ans.name, "year", 1, f"{v}{u}: want {y}, got {years_got[(v, u)]}"))
    for (v, u), n in (want_vu - got_vu).items():
        bad.append(Mismatch(ans.name, "target missed", n, f"{v}{u}"))
    for (v, u), n in (got_vu - want_vu).items():
        bad.append(Mismatch(ans.name, "target extra", n, f"{v}{u}"))
    if ans.incentives is not None:
        got_inc = Counter((_num(x.amount), _unit(x.unit)) for x in _plan_incentives(plan))
        want_inc = Counter(ans.incentives)
        s.incentives_expected = sum(want_inc.values())
        s.incentives_got = sum(got_inc.values())
        s.incentives_right = sum((want_inc & got_inc).values())
        for (v, u), n in (want_inc - got_inc).items():
            bad.append(Mismatch(ans.name, "incentive missed", n, f"{v}{u}"))
    if questions and ans.questions:
        kg = KG(plan_graph(plan, UnitResolver(lexicon, plan.region)))
        for q in ans.questions:
            want = {id(item_of.get(k) or find_item(plan, k, ans.by_anchor)) for k in q.answers}
            routed = route(kg, q.question)
            # By the task's id, not its number: an annex that repeats the body's chapters repeats their numbers.
            got_ids = {getattr(a, "id", None) for a in routed.answers}
            got = {id(i) for i in plan.items if task_id(plan.doc_id, i.ordinal) in got_ids}
            s.questions += 1
            if routed.intent == "tasks_of_unit" and want == got:
                s.questions_exact += 1
            else:
                bad.append(Mismatch(ans.name, "question", 2 + abs(len(want) - len(got)),
                                    f"{q.question}: want {len(want)} tasks, got {len(got)} ({routed.intent})"))
    return s, bad


# ---- running -----------------------------------------------------------------------
@dataclass
class SetResult:
    """Scores of every document of a set and their sum."""

    name: str
    docs: dict[str, Score]
    total: Score
    mismatches: list[Mismatch]
    errors: list[str]
    corrected: dict[str, int] = field(default_factory=dict)  # document -> answer corrections after measurement


def run_set(name: str, answers: list[Answers], lexicon: Lexicon, seg: Segmenter, questions: bool = True) -> SetResult:
    """Parse every document of a set and score it (`questions`: its unit questions too); a document that fails to
    parse scores zero."""
    docs, total, mism, errors = {}, Score(), [], []
    for ans in answers:
        try:
            plan = parse_plan(read_plan_file(ans.path), ans.path.name, lexicon, seg)
        except ValueError as exc:
            errors.append(str(exc))
            s = Score(tasks=len(ans.tasks), units_expected=sum(len(t.lead | t.co) for t in ans.tasks),
                      targets_expected=len(ans.targets), incentives_expected=len(ans.incentives or []),
                      questions=len(ans.questions))
            docs[ans.name] = s
            total.add(s)
            continue
        s, bad = score_document(plan, ans, lexicon, questions)
        docs[ans.name] = s
        total.add(s)
        mism.extend(bad)
    return SetResult(name, docs, total, mism, errors, {a.name: len(a.corrections) for a in answers if a.corrections})


_COLS = ("task_units_exact", "unit_precision", "unit_recall", "target_recall", "target_precision", "years_right",
         "incentive_recall", "incentive_precision", "questions_exact")
_HEAD = ("tasks exact", "unit P", "unit R", "target R", "target P", "years", "incent. R", "incent. P", "questions")


def _fmt(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def print_set(res: SetResult, per_doc: bool) -> None:
    t = res.total
    print(f"\n## {res.name}: {len(res.docs)} documents, {t.tasks} tasks, {t.targets_expected} targets, "
          f"{t.incentives_expected} incentives, {t.questions} questions\n")
    print("| document | tasks | " + " | ".join(_HEAD) + " |")
    print("|---|---|" + "---|" * len(_HEAD))
    rows = list(res.docs.items()) if per_doc else []
    for name, s in [*rows, ("**all**", t)]:
        r = s.ratios()
        print(f"| {name} | {s.tasks_exact}/{s.tasks} | " + " | ".join(_fmt(r[c]) for c in _COLS) + " |")
    for e in res.errors:
        print(f"- parse error: {e}")
    if res.corrected:
        # Said with every table: which answers were changed after the parser ran on them (see each file's "corrections").
        print("\nAnswers corrected after measurement: " + ", ".join(f"{d} ({n})" for d, n in sorted(res.corrected.items())))


def write_sources(answers: list[Answers], path: Path) -> None:
    """SOURCES.md from the answer files' source blocks."""
    lines = ["# Sources of the real documents", "",
             "Generated by `bench/extraction.py --sources` from each answer file's `source` block.", "",
             "| file | set | level | issuer | 文号 | date | kind | repository | path | commit |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for a in answers:
        s = a.source
        split = a.path.parent.name if a.path.parent.name in HELD_OUT else "dev"
        cells = [f"`{a.path.name}`", split, s.get("level"), s.get("issuer"), s.get("doc_no"), s.get("date"),
                 s.get("kind"), s.get("repository"), s.get("path"), (s.get("commit") or "")[:12]]
        lines.append("| " + " | ".join("" if c is None else str(c).replace("|", "\\|") for c in cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=("synthetic", "real", "dev", *HELD_OUT), action="append",
                    help="sets to measure (default: synthetic and real)")
    ap.add_argument("--worst", type=int, default=20, help="how many mismatches to list")
    ap.add_argument("--summary", action="store_true", help="totals only, no per-document rows")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--sources", action="store_true", help="rewrite tests/data/real/SOURCES.md and exit")
    args = ap.parse_args(argv)
    if args.sources:
        write_sources(load_real(REAL) + [a for name in HELD_OUT for a in load_real(REAL / name)], REAL / "SOURCES.md")
        return 0
    sets = args.set or ["synthetic", "real"]
    lexicon = load_lexicon()
    seg = Segmenter(lexicon)
    loaders = {"synthetic": load_synthetic, "real": lambda: load_real(REAL), "dev": lambda: load_real(REAL)}
    results = [run_set(name, loaders[name]() if name in loaders else load_real(REAL / name), lexicon, seg)
               for name in sets]
    for res in results:
        print_set(res, not args.summary)
    worst = sorted((m for r in results for m in r.mismatches), key=lambda m: -m.weight)[: args.worst]
    if worst:
        print(f"\n## {len(worst)} worst mismatches\n")
        for m in worst:
            print(f"- [{m.doc}] {m.kind}: {m.detail}")
    if args.json:
        args.json.write_text(json.dumps(
            {r.name: {"total": {"counts": asdict(r.total), "ratios": r.total.ratios()},
                      "docs": {d: {"counts": asdict(s), "ratios": s.ratios()} for d, s in r.docs.items()},
                      "errors": r.errors, "answers_corrected_after_measurement": r.corrected}
             for r in results}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
