"""Document metadata the parser reads, against each real document's source block (written by the helpers who picked
and copied it, from the page or the file, never from the parser): 文号, date of issue, level.

    .venv/bin/python bench/metadata.py [--show doc_no|date|level] [--json bench/results/metadata.json]

文号: over the documents whose source names one that stands in the text as written (spacing and brackets aside),
read right; where the source's 文号 is nowhere in the text (a page's metadata only) no parser could read it.
Date: read right (the source's date; the pickers took a signature's or a page's, which may differ by days), and the
year right. Level: the parser's jurisdiction level against the picker's; the pickers were not consistent for
平潭综合实验区 (city in later sets, county in earlier ones), so this row is indicative only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from extraction import HELD_OUT, REAL, Answers, load_lexicon, load_real

from ingest.lexicon import Lexicon, Segmenter
from ingest.metadata import normalize_doc_no
from ingest.parse import parse_plan
from ingest.reader import read_plan_file


def _rows(answers: list[Answers], lexicon: Lexicon, seg: Segmenter) -> list[dict[str, object]]:
    out = []
    for a in answers:
        plan = parse_plan(read_plan_file(a.path), a.path.name, lexicon, seg)
        src = a.source
        want_no = normalize_doc_no(src["doc_no"]) if src.get("doc_no") else None
        out.append({
            "doc": f"{a.path.parent.name}/{a.path.name}",
            "doc_no_in_text": bool(want_no) and want_no in normalize_doc_no(a.path.read_text(encoding="utf-8")),
            "doc_no": (want_no, normalize_doc_no(plan.doc_no) if plan.doc_no else None),
            "date": (src.get("date"), plan.date),
            "level": (src.get("level"), plan.jurisdiction.level),
        })
    return out


def summary(rows: list[dict]) -> dict[str, tuple[int, int]]:
    """(right, of) for each figure."""
    in_text = [r for r in rows if r["doc_no_in_text"]]
    dated = [r for r in rows if r["date"][0]]
    levelled = [r for r in rows if r["level"][0]]
    return {
        "doc_no (stated in the text)": (sum(r["doc_no"][0] == r["doc_no"][1] for r in in_text), len(in_text)),
        "doc_no wrong (read, not the source's)": (sum(bool(r["doc_no"][1]) and r["doc_no"][0] != r["doc_no"][1]
                                                      for r in rows if r["doc_no"][0]), len(rows)),
        "date": (sum(r["date"][0] == r["date"][1] for r in dated), len(dated)),
        "date's year": (sum((r["date"][1] or "")[:4] == r["date"][0][:4] for r in dated), len(dated)),
        "date missing": (sum(r["date"][1] is None for r in dated), len(dated)),
        "level (indicative)": (sum(r["level"][0] == r["level"][1] for r in levelled), len(levelled)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", choices=("doc_no", "date", "level"), help="list the documents where this one differs")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)
    lexicon = load_lexicon()
    seg = Segmenter(lexicon)
    rows = _rows(load_real(REAL) + [a for name in HELD_OUT for a in load_real(REAL / name)], lexicon, seg)
    figures = summary(rows)
    print(f"{len(rows)} real documents (development and held-out), against their source blocks\n")
    print("| figure | right | of | share |\n|---|---|---|---|")
    for name, (right, of) in figures.items():
        print(f"| {name} | {right} | {of} | {right / of:.2f} |" if of else f"| {name} | {right} | 0 | — |")
    if args.show:
        print()
        for r in rows:
            want, got = r[args.show]
            if want and want != got and (args.show != "doc_no" or r["doc_no_in_text"]):
                print(f"- {r['doc']}: source {want}, read {got}")
    if args.json:
        args.json.write_text(json.dumps({k: {"right": a, "of": b} for k, (a, b) in figures.items()}, ensure_ascii=False,
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
