"""The time limits an item's own text sets."""
from __future__ import annotations

import pytest

from ingest.deadlines import find_deadlines


@pytest.mark.parametrize("text, want", [
    ("2026 年底前,实现省级以上产业集群“六个一”全覆盖。", ["2026年底前"]),
    ("到2027年，建成10个示范工厂；2026年6月底前完成摸底。", ["2027年", "2026年6月底前"]),  # in the order written
    ("到2028年底前，培育100家企业。", ["2028年底前"]),
    ("（责任单位：市工信局；完成时限：2026年12月底前）", ["2026年12月底前"]),
    # A baseline, a start date, a period and a year in a name are no limits.
    ("单位GDP能耗比2025年下降15%。", []),
    ("本计划自2024年5月18日起施行。", []),
    ("编制2026年度工作计划。", []),
])
def test_find_deadlines(text: str, want: list[str]) -> None:
    assert find_deadlines(text) == want
