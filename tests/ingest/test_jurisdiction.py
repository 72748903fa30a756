"""Whose document and whose unit: level and region from the issuer, the title or the 文号."""
from __future__ import annotations

import pytest

from ingest.jurisdiction import find_jurisdiction, parse_place, unit_scope
from ingest.metadata import find_doc_no, signature_issuers
from ingest.records import Jurisdiction


@pytest.mark.parametrize("name, want", [
    ("上海市浦东新区人民政府", ("county", "上海市", "上海市", "浦东新区")),
    ("盐城市盐都区人民政府", ("county", None, "盐城市", "盐都区")),
    ("河南省工业和信息化厅", ("provincial", "河南省", None, None)),
    ("上海市科学技术委员会", ("provincial", "上海市", "上海市", None)),
    ("景德镇市人民政府办公室", ("city", None, "景德镇市", None)),
    ("平潭综合实验区君山片区管理局", ("county", None, "平潭综合实验区", "君山片区")),
    ("陵川县人民政府办公室", ("county", None, None, "陵川县")),
    ("国务院办公厅", ("national", None, None, None)),
    ("工业和信息化部", ("national", None, None, None)),
])
def test_issuers(name: str, want: tuple) -> None:
    j = parse_place(name)
    assert j is not None and (j.level, j.province, j.city, j.county) == want


def test_words_that_name_no_place() -> None:
    assert parse_place("全市") is None and parse_place("市工信局") is None


def test_doc_no_and_its_region() -> None:
    assert find_doc_no(["上海市人民政府办公厅文件", "沪府办发〔2025〕17号", "关于印发…的通知"]) == "沪府办发〔2025〕17号"
    assert find_doc_no(["根据《国务院关于…》（国发〔2024〕7号）精神"]) is None
    # 苏府 is 苏州's government, not 江苏's: a 文号 alone decides only forms no city shares.
    assert find_jurisdiction([], "", "苏市监〔2022〕1号", None).province == "江苏省"
    assert find_jurisdiction([], "", "苏府〔2024〕33号", None).level == "unknown"
    assert find_jurisdiction([], "", "国办发〔2020〕24号", None).level == "national"
    # The issuer wins over the title.
    j = find_jurisdiction(["江西省商务厅"], "景德镇市招商方案", None, None)
    assert (j.level, j.province) == ("provincial", "江西省")


def test_signature_issuers() -> None:
    lines = ["…正文。", "上海市人民政府办公厅", "2025年6月30日", "（此件公开发布）"]
    assert signature_issuers(lines) == ["上海市人民政府办公厅"]


PUDONG = Jurisdiction("county", "上海市", "上海市", "浦东新区")
ANHUI = Jurisdiction("provincial", "安徽省", None, None)


@pytest.mark.parametrize("name, national, jur, want", [
    ("工业和信息化部", True, ANHUI, "国家"),
    ("省商务厅", False, ANHUI, "安徽省"),
    ("区发展改革委", False, PUDONG, "上海市/浦东新区"),
    ("市生态环境局", False, PUDONG, "上海市"),
    ("上海市生态环境局", False, ANHUI, "上海市"),
    ("各街镇", False, PUDONG, "上海市/浦东新区"),
    ("市科技局", False, Jurisdiction("unknown", None, None, None), "doc:d"),
    ("发展改革委", False, Jurisdiction("national", None, None, None), "国家"),
])
def test_unit_scope(name: str, national: bool, jur: Jurisdiction, want: str) -> None:
    assert unit_scope(name, national, jur, "d") == want
