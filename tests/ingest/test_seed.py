"""The seed plan against a hand-made reading of it: every item, unit role and target."""
import pytest
from seed_truth import SEED_TARGETS, SEED_UNITS

from ingest.parse import parse_plan


@pytest.fixture(scope="module")
def plan(seed_text, lexicon, seg):
    return parse_plan(seed_text, "jingdezhen-cluster-plan-2026-2028.txt", lexicon, seg)


def test_header(plan) -> None:
    assert plan.title == "景德镇市产业集群提能升级三年行动方案（2026—2028年）"
    assert (plan.office, plan.date, plan.region, plan.period) == ("景德镇市人民政府办公室", "2026-02-14", "景德镇市", (2026, 2028))
    assert [r.title for r in plan.references] == ["江西省产业集群提能升级实施方案"]


def test_items_headings(plan) -> None:
    assert len(plan.items) == 18
    assert [i.kind for i in plan.items].count("requirement") == 3
    assert plan.items[3].heading == "提升协同创新能力"
    assert plan.items[15].heading == "强化组织领导"


def test_every_unit_role(plan) -> None:
    got = {i.number: [u.name for u in i.units] for i in plan.items}
    assert got == SEED_UNITS
    for item in plan.items:
        assert [u.role for u in item.units] == ["lead"] + ["co"] * (len(item.units) - 1)


def test_kejiju_has_seven_tasks_three_lead(plan) -> None:
    roles = [u.role for i in plan.items for u in i.units if u.name == "市科学技术局"]
    assert len(roles) == 7 and roles.count("lead") == 3


def test_every_target_and_nothing_else(plan) -> None:
    got = [(None, t.metric, t.comparator, t.value, t.unit, t.year) for t in plan.goal_targets]
    got += [(i.number, t.metric, t.comparator, t.value, t.unit, t.year) for i in plan.items for t in i.targets]
    assert got == SEED_TARGETS


def test_cluster_roles(plan) -> None:
    assert {(r.region, r.industry, r.role) for r in plan.cluster_roles} == {
        ("高新区", "直升机", "lead"),
        ("昌南新区", "先进陶瓷", "co"),
        ("浮梁县", "先进陶瓷", "co"),
        ("乐平市", "精细化工和医药", "co"),
        ("昌江区", "精细化工和医药", "co"),
    }
