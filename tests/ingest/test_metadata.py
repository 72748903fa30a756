"""Document metadata from the text: 文号, 文种, issuers in the signature, and which documents it implements."""
from __future__ import annotations

import pytest

from ingest.metadata import document_kind, find_doc_no, implements
from ingest.records import Reference, Span


@pytest.mark.parametrize("lines, want", [
    (["景德镇市人民政府办公室文件", "景府办发〔2026〕12号"], "景府办发〔2026〕12号"),
    (["国务院办公厅关于进一步优化营商环境的实施意见国办发〔2020〕24号各省、自治区"], "国办发〔2020〕24号"),
    (["鹤溪市人民政府关于印发支持低空经济发展若干措施的通知鹤府规〔2026〕2号"], "鹤府规〔2026〕2号"),
    (["湘发改能源规 〔2023〕 848 号"], "湘发改能源规〔2023〕848号"),
    # A 文号 cited in brackets belongs to another document.
    (["为贯彻《国务院办公厅关于…的意见》（国办发〔2022〕15号）精神，制定本方案。"], None),
])
def test_doc_no(lines: list[str], want: str | None) -> None:
    assert find_doc_no(lines) == want


@pytest.mark.parametrize("title, kind", [
    ("景德镇市产业集群提能升级三年行动方案（2026—2028年）", "行动方案"),
    ("国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见", "指导意见"),
    ("君山片区2023年安全生产工作要点", "工作要点"),
    ("2022年全省市场监管主要任务分工方案", "任务分工方案"),
    ("关于开展2025年全区成品油流通市场集中整治的通知", "通知"),
    ("某某情况汇报", None),
])
def test_document_kind(title: str, kind: str | None) -> None:
    assert document_kind(title) == kind


def test_implements_reads_the_citing_sentence() -> None:
    text = "为深入贯彻落实《江西省制造业重点产业链现代化建设行动方案》，结合我市实际，制定本方案。参照《某市办法》执行。"
    first = Reference("江西省制造业重点产业链现代化建设行动方案", Span(text.index("江西"), text.index("》")))
    second = Reference("某市办法", Span(text.index("某市"), text.rindex("》")))
    assert implements(text, first) and not implements(text, second)
