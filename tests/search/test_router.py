"""Question routing: each family, its answers exact, unknown questions unanswered."""
import pytest

from search.router import route


@pytest.mark.parametrize(
    "question, intent, expected",
    [
        ("哪些任务由市科技局负责", "tasks_of_unit", ["3", "4", "5", "8", "9", "11", "15"]),
        ("市科学技术局牵头哪些任务", "tasks_of_unit", ["4", "5", "9"]),
        ("市科技局配合哪些工作", "tasks_of_unit", ["3", "8", "11", "15"]),
        ("各县(市、区)政府负责哪些任务", "tasks_of_unit", [str(n) for n in range(1, 16)] + ["三（二）", "三（三）"]),
        ("市有关部门负责什么", "tasks_of_unit", ["三（一）", "三（二）"]),
    ],
)
def test_tasks_of_unit(kg, question: str, intent: str, expected: list[str]) -> None:
    r = route(kg, question)
    assert r.intent == intent
    assert [a.number for a in r.answers if a.doc == "jingdezhen-cluster-plan-2026-2028"] == expected


def test_units_of_task_by_title_and_number(kg) -> None:
    by_title = route(kg, "提升绿色发展水平由谁负责")
    by_number = route(kg, "任务12的责任单位有哪些")
    assert by_title.intent == by_number.intent == "units_of_task"
    assert [a.unit for a in by_title.answers] == [a.unit for a in by_number.answers]
    lead = route(kg, "提升绿色发展水平的牵头单位是谁")
    assert [(a.unit, a.role) for a in lead.answers] == [("市工业和信息化局", "lead")]


def test_targets_by_year_unit_industry(kg) -> None:
    assert len(route(kg, "2028年要达到哪些目标").answers) == 16
    assert {a.number for a in route(kg, "市科技局负责哪些目标").answers} >= {"3", "8", "9"}
    # The seed sets no number for 2026; the other city's plan does.
    assert [(a.doc, a.value) for a in route(kg, "2026年要达到哪些目标").answers] == [
        ("ganzhou-nev-qiantou", 10), ("ganzhou-nev-qiantou", 800)
    ]


def test_clusters(kg) -> None:
    assert [(a.industry, a.role) for a in route(kg, "浮梁县参与哪个产业集群").answers] == [("先进陶瓷", "co")]
    assert [a.region for a in route(kg, "直升机集群在哪个区").answers] == ["高新区"]


@pytest.mark.parametrize("question", ["今天天气怎么样", "帮我写一首诗", "2028"])
def test_unknown(kg, question: str) -> None:
    r = route(kg, question)
    assert (r.intent, r.answers) == ("unknown", [])


def test_chain_questions(seed_graph) -> None:
    from pathlib import Path

    from rdflib import Graph

    from ingest.chains import parse_chain
    from kg.chains import chain_graph
    from kg.query import KG

    data = Path(__file__).resolve().parent.parent / "data" / "chains"
    g = Graph()
    g += seed_graph
    g += chain_graph(parse_chain((data / "mini-ceramics.yaml").read_text(encoding="utf-8"), "mini-ceramics.yaml"))
    kg = KG(g)
    gaps = route(kg, "先进陶瓷产业链缺哪些环节")
    assert gaps.intent == "chain_gaps" and "未导入企业名录" in gaps.note
    assert {a.segment for a in gaps.answers} == {"氧化铝粉体", "压电陶瓷", "片式元器件", "电子信息应用"}
    policy = route(kg, "氧化铝粉体有什么支持政策")
    assert policy.intent == "segment_policy"
    assert [a.title for a in policy.answers] == ["优化产业集群规划布局"]
    assert "氧化铝粉体" in policy.answers[0].evidence.text
    silent = route(kg, "电子信息应用有什么支持政策")
    assert silent.intent == "segment_policy" and silent.answers == [] and "未直接提及" in silent.note
    # Without chains the same question is not routed to chains.
    assert route(KG(seed_graph), "先进陶瓷产业链缺哪些环节").intent != "chain_gaps"


@pytest.mark.parametrize(
    "question, unit",
    [
        ("哪些任务由县交通运输局负责", "县交通运输局"),
        ("请问哪些任务是由县交通运输局负责", "县交通运输局"),
        ("景德镇自由贸易试验区管委会负责哪些任务", "景德镇自由贸易试验区管委会"),  # 由 inside a name stays
        # Names real plans give that end in no office word: a company, a group's office, a committee, the places.
        ("区水务公司配合哪些工作", "区水务公司"),
        ("哪些任务由区静态交通领导小组办公室牵头", "区静态交通领导小组办公室"),
        ("区安全生产委员会负责哪些任务", "区安全生产委员会"),
        ("哪些任务由各督导组牵头", "各督导组"),
        ("属地街镇配合哪些工作", "属地街镇"),
        ("哪些任务由各地牵头", "各地"),
    ],
)
def test_unknown_unit_is_named_without_the_question(kg, question: str, unit: str) -> None:
    r = route(kg, question)
    assert (r.intent, r.answers, r.entities["unit"]) == ("tasks_of_unit", [], unit)
    assert r.note.startswith(unit + " is not named")


@pytest.mark.parametrize("question", ["哪些部门负责人才工作", "什么单位牵头做这项工作", "哪些组要承担任务"])
def test_a_question_word_is_no_unit_name(kg, question: str) -> None:
    assert "is not named" not in (route(kg, question).note or "")
