"""The seed plan against a hand-made reading of it: every item, unit role and target."""
import pytest

from ingest.parse import parse_plan

# Written by reading the plan: item number -> units as written, lead first.
COUNTIES, PARKS = "各县（市、区）人民政府", ["高新区管委会", "昌南新区管委会"]
STD = [COUNTIES, *PARKS]
SEED_UNITS = {
    "1": ["市工业和信息化局", "市发展和改革委员会", "国家试验区管委办", *STD],
    "2": ["市工业和信息化局", "国家试验区管委办", *STD],
    "3": ["市商务局", "市工业和信息化局", "市科学技术局", *STD],
    "4": ["市科学技术局", "市工业和信息化局", "市发展和改革委员会", *STD],
    "5": ["市科学技术局", "市市场监督管理局", "市工业和信息化局", "市发展和改革委员会", *STD],
    "6": ["市市场监督管理局", "市工业和信息化局", *STD],
    "7": ["市工业和信息化局", "市国有资产监督管理委员会", *STD],
    "8": ["市工业和信息化局", "市科学技术局", *STD],
    "9": ["市科学技术局", *STD],
    "10": ["市工业和信息化局", *STD],
    "11": ["市工业和信息化局", "市发展和改革委员会", "市科学技术局", "市国有资产监督管理委员会", "市政务服务管理局", *STD],
    "12": ["市工业和信息化局", "市发展和改革委员会", "国家试验区管委办", "市生态环境局", *STD],
    "13": ["市工业和信息化局", "国家试验区管委办", "市商务局", "市工商业联合会", *STD],
    "14": ["市国有资产监督管理委员会", "中国人民银行景德镇市分行", "市金融服务中心", "国家金融监督管理总局景德镇监管分局",
           "市工业和信息化局", "国家试验区管委办", *STD],
    "15": ["市委组织部", "市教育体育局", "市人力资源和社会保障局", "市科学技术局", "市工业和信息化局", "国家试验区管委办",
           "景德镇陶瓷人才服务中心", *STD],
    "三（一）": ["市工业和信息化局", "国家试验区管委办", "市有关部门"],
    "三（二）": ["市工业和信息化局", "国家试验区管委办", "市财政局", "市有关部门", *STD],
    "三（三）": ["市工业和信息化局", "国家试验区管委办", *STD],
}
SEED_TARGETS = [
    (None, "三大主导产业集群规模", ">", 2000, "亿元", 2028),
    (None, "千亿级集群", "=", 1, "个", 2028),
    (None, "500亿级集群", "=", 2, "个", 2028),
    ("3", "产业链群引领性项目", ">=", 3, "个", 2028),
    ("3", "工业项目", "=", 100, "个", 2028),
    ("3", "壮链、延链、补链重点项目", ">=", 30, "个", 2028),
    ("7", "专精特新“小巨人”企业", ">=", 13, "家", 2028),
    ("7", "省级以上制造业单项冠军企业", ">=", 7, "家", 2028),
    ("8", "高新技术企业", "~", 280, "家", 2028),
    ("8", "专精特新中小企业", "~", 210, "家", 2028),
    ("9", "科技领军及高成长性企业", ">=", 28, "家", 2028),
    ("10", "工业技改投资占工业固定资产投资比重", "~", 28, "%", 2028),
    ("10", "工业技改投资年均增长", "~", 8, "%", 2028),
    ("11", "新增“数智标杆”、智能工厂等各类国家级、省级荣誉", ">=", 30, "项", 2028),
    ("11", "数字化改造企业", "=", 700, "家", 2028),
    ("12", "省级以上绿色工厂", ">=", 30, "家", 2028),
]


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
