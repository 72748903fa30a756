"""Write what a question writer may read about a library: one file per document, each task's id, kind, title,
lead / co-operating units and the start of its text, plus INDEX.tsv (document id, title, issuer, date, tasks).

The writers of bench/library-queries*.yaml read only this, never the ranking code, so their questions and grades
do not lean on how search works.

    .venv/bin/python bench/task_listing.py --data /tmp/lib61e5 --out /tmp/listing [--chars 600]
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from api.service import PolicyService
from api.settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="an ingested library's data directory")
    ap.add_argument("--out", type=Path, required=True, help="folder to write the listing into")
    ap.add_argument("--chars", type=int, default=600, help="characters of each task's text to show")
    args = ap.parse_args(argv)
    svc = PolicyService(Settings(data_dir=args.data))
    kg = svc.kg
    args.out.mkdir(parents=True, exist_ok=True)
    index = ["doc\ttitle\tissuer\tdate\ttasks"]
    for doc in sorted(kg.documents(), key=lambda d: d.id):
        lines = [f"# {doc.id}: {doc.title or ''}", f"# issuer: {doc.office or ''}; date: {doc.date or ''}", ""]
        count = 0
        for item in kg.items(doc.id):
            row = kg.task_row(item)
            text = " ".join(kg.item_text(item).split())[: args.chars]
            lines += [f"## {row.id} [{row.kind}] {row.title}",
                      f"lead: {'、'.join(row.lead) or '-'}; co: {'、'.join(row.co) or '-'}", text, ""]
            count += 1
        for _, body, years in kg.goals(doc.id):
            lines += [f"## {doc.id}.goals [goals] years {sorted(years)}", " ".join(body.split())[: args.chars], ""]
        (args.out / f"{doc.id}.md").write_text("\n".join(lines), encoding="utf-8")
        index.append(f"{doc.id}\t{doc.title or ''}\t{doc.office or ''}\t{doc.date or ''}\t{count}")
    (args.out / "INDEX.tsv").write_text("\n".join(index) + "\n", encoding="utf-8")
    print(f"{len(index) - 1} documents listed in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
