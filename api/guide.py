"""The 招商指南 (investment guide) of a chain: gaps first, as HTML, XLSX and Markdown."""
from __future__ import annotations

import html
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kg.chains import ChainView, SegmentView

STATUS_ZH = {"gap": "缺失", "weak": "薄弱", "present": "已有", "unknown": "待核实"}
STAGE_ZH = {"upstream": "上游", "midstream": "中游", "downstream": "下游"}


def _policy(seg: SegmentView) -> str:
    return "\n".join(f"任务{p.number}「{p.task}」：{p.text}" for p in seg.policy) or "方案未直接提及"


def _targets(seg: SegmentView, chain: ChainView) -> list[str]:
    rows = seg.targets or chain.targets
    return [f"{t.metric}{t.comparator}{t.value}{t.unit}（{t.year or ''}年）" for t in rows]


def _contact(seg: SegmentView, chain: ChainView) -> str:
    units = seg.contact or [u for t in chain.chain_policy for u in t.lead]
    regions = [f"{r.region}（{'牵头' if r.role == 'lead' else '共建'}）" for r in seg.regions]
    return "、".join(dict.fromkeys(units + regions))


def guide_markdown(chain: ChainView, ordered: list[SegmentView]) -> bytes:
    """A Markdown guide."""
    register = f"已导入{chain.register.enterprises}家" if chain.register.loaded else "未导入（各环节状态待核实）"
    lines = [f"# {chain.label}招商指南", "", f"产业集群：{chain.cluster}。企业名录：{register}。", ""]
    for seg in ordered:
        lines += [
            f"## {seg.label}（{STAGE_ZH[seg.stage]}，{STATUS_ZH[seg.status]}{'，政策重点' if seg.policy_priority else ''}）",
            "",
            *(f"- {r}" for r in seg.reasons),
            f"- 对接单位：{_contact(seg, chain) or '—'}",
            f"- 相关目标：{'；'.join(_targets(seg, chain)) or '—'}",
            f"- 本地企业：{'、'.join(seg.enterprises) or '—'}",
            f"- 政策原文：{_policy(seg)}",
            f"- 环节依据：{seg.source}",
            "",
        ]
    return "\n".join(lines).encode("utf-8")


def guide_html(chain: ChainView, ordered: list[SegmentView]) -> bytes:
    """A self-contained HTML guide (no scripts, every value escaped)."""
    e = html.escape
    cards = []
    for seg in ordered:
        cards.append(
            f"""<section class="seg {e(seg.status)}">
<h2>{e(seg.label)} <span class="badge">{e(STAGE_ZH[seg.stage])}</span> <span class="badge s">{e(STATUS_ZH[seg.status])}</span>{' <span class="badge p">政策重点</span>' if seg.policy_priority else ''}</h2>
<ul>{''.join(f'<li>{e(r)}</li>' for r in seg.reasons)}</ul>
<dl><dt>对接单位</dt><dd>{e(_contact(seg, chain) or '—')}</dd>
<dt>相关目标</dt><dd>{e('；'.join(_targets(seg, chain)) or '—')}</dd>
<dt>本地企业</dt><dd>{e('、'.join(seg.enterprises) or '—')}</dd>
<dt>政策原文</dt><dd>{'<br>'.join(e(line) for line in _policy(seg).splitlines())}</dd>
<dt>环节依据</dt><dd>{e(seg.source)}</dd></dl></section>"""
        )
    page = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{e(chain.label)}招商指南</title>
<style>body{{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:960px;margin:2em auto;color:#1f2937}}
.seg{{border-left:6px solid #9ca3af;padding:.5em 1em;margin:1em 0;background:#f9fafb}}.gap{{border-color:#b91c1c}}.weak{{border-color:#d97706}}
.present{{border-color:#15803d}}.unknown{{border-color:#6b7280}}.badge{{font-size:.7em;background:#e5e7eb;padding:.1em .5em;border-radius:4px}}
.p{{background:#fde68a}}dt{{font-weight:bold;margin-top:.4em}}dd{{margin-left:1em}}</style></head>
<body><h1>{e(chain.label)}招商指南</h1><p>产业集群：{e(chain.cluster)}。{e(f"已导入 {chain.register.enterprises} 家企业" if chain.register.loaded else "未导入企业名录：各环节状态待核实")}。缺失环节在前。</p>{''.join(cards)}</body></html>"""
    return page.encode("utf-8")


def guide_xlsx(chain: ChainView, ordered: list[SegmentView]) -> bytes:
    """One row per segment, gaps first."""
    wb = Workbook()
    ws = wb.active
    ws.title = "招商指南"
    headers = ("环节", "位置", "状态", "政策重点", "判断依据", "对接单位", "相关目标", "本地企业", "政策原文", "环节依据")
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1E3A8A")
    for seg in ordered:
        ws.append(
            (
                seg.label, STAGE_ZH[seg.stage], STATUS_ZH[seg.status], "是" if seg.policy_priority else "",
                "\n".join(seg.reasons), _contact(seg, chain), "\n".join(_targets(seg, chain)),
                "、".join(seg.enterprises), _policy(seg), seg.source,
            )
        )
    for col, width in enumerate((16, 8, 8, 8, 50, 30, 30, 30, 60, 40), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
