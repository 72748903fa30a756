"""The task-assignment ledger (任务分工台账) as an Excel workbook."""
from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kg.query import DocumentRow, TargetRow, TaskRow

HEADERS = ("序号", "文件", "任务编号", "任务名称", "牵头单位", "配合单位", "量化目标", "完成时限", "原文")
WIDTHS = (6, 22, 10, 24, 24, 40, 50, 18, 80)


def _deadline(targets: list[TargetRow], dated: list[str], period_end: int | None, valid_until: str | None = None) -> str:
    """The task's own time limits (its dated clauses, then its targets'); the plan's end only when it states none, and
    for a document without a period, the end of the term it gives itself (有效期)."""
    stated = list(dated)
    for t in targets:
        phrase = t.deadline or (f"{t.year}年" if t.year else None)
        # "到2028年" of a target and "2028年" of the item are one limit.
        phrase = re.sub(r"^(到|至|于)", "", phrase) if phrase else phrase
        if phrase and not t.year_inferred and phrase not in stated:
            stated.append(phrase)
    if stated:
        return "；".join(stated)
    if period_end:
        return f"{period_end}年底（方案期末）"
    return f"{valid_until}（文件有效期至）" if valid_until else ""


def _target_text(t: TargetRow) -> str:
    comp = {">=": "不少于", ">": "超过", "~": "约", "<=": "不超过", "=": ""}.get(t.comparator, "")
    when = f"（{t.year}年{'，每年' if t.yearly else ''}）" if t.year else ""
    return f"{t.metric}{comp}{t.value}{t.unit}{when}"


def ledger_xlsx(tasks: list[tuple[TaskRow, str]], documents: list[DocumentRow]) -> bytes:
    """One row per task (with its text): number, title, lead units, co units, targets, deadline, source text."""
    wb = Workbook()
    ws = wb.active
    ws.title = "任务分工台账"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="8B1A1A")
        cell.alignment = Alignment(horizontal="center", vertical="center")
    docs = {d.id: d for d in documents}
    for i, (t, text) in enumerate(tasks, start=1):
        doc = docs.get(t.doc)
        period = doc.period if doc else None
        ws.append(
            (
                i,
                (doc.title if doc else None) or t.doc,
                t.number,
                t.title,
                "、".join(t.lead),
                "、".join(t.co),
                "\n".join(_target_text(x) for x in t.targets),
                _deadline(t.targets, t.deadlines, period[1] if period else None, doc.valid_until if doc else None),
                text,
            )
        )
    for col, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
