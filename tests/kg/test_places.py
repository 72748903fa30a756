"""The places a document is issued for, by the names a question may use."""
from __future__ import annotations

import pytest

from kg.places import document_places, names_of


@pytest.mark.parametrize(("office", "title", "expected"), [
    ("景德镇市人民政府办公室", "景德镇市产业集群提能升级三年行动方案", {"景德镇市", "景德镇"}),
    ("湖南省发展和改革委员会", None, {"湖南省", "湖南"}),
    ("上海市人民政府", None, {"上海市", "上海"}),
    (None, "关于印发《上海市关于2025年加力扩围推进设备更新》的通知", {"上海市", "上海"}),
    ("青石市临江区人民政府办公室", None, {"青石市", "青石", "临江区", "临江"}),
    ("平潭综合实验区管委会办公室", None, {"平潭综合实验区", "平潭"}),
    ("重庆市綦江区成品油市场监管联席会议办公室", None, {"重庆市", "重庆", "綦江区", "綦江"}),
    ("国务院办公厅", "国务院办公厅关于加快发展体育竞赛表演产业的指导意见", set()),
    (None, "2022年全省市场监管主要任务分工方案", set()),
])
def test_document_places(office: str | None, title: str | None, expected: set[str]) -> None:
    assert document_places([office], title) == expected


def test_a_short_name_needs_two_characters() -> None:
    assert names_of("泾县") == {"泾县"}
    assert names_of("景德镇市") == {"景德镇市", "景德镇"}
