"""Gazetteer mentions as whole tokens, cluster roles, cited documents, pinned tokens."""
from ingest.entities import find_cluster_roles, find_mentions, find_references
from ingest.records import Span


def test_segmenter_keeps_gazetteer_words_whole(seg) -> None:
    assert seg.cut("大力推动氧化铝粉体、压电陶瓷、片式元器件等陶瓷新材料") == [
        "大力", "推动", "氧化铝粉体", "压电陶瓷", "片式元器件", "陶瓷新材料"
    ]
    # Question words and particles are stopwords: they would match every task.
    assert seg.cut("哪些任务由市科技局负责") == ["任务", "市科技局", "负责"]
    assert seg.cut("企业贷款难怎么办？") == ["企业", "贷款", "难"]


def test_mentions_are_tokens_not_substrings(lexicon, seg) -> None:
    text = "推动与中国陶瓷工业互联网平台融合，持续强化直升机、eVTOL研发制造"
    keys = [m.key for m in find_mentions(text, Span(0, len(text)), lexicon, seg)]
    assert keys == ["直升机", "eVTOL"]


def test_cluster_roles(lexicon, seg) -> None:
    text = (
        "高新区要以建设航空小镇为依托，牵头建好直升机集群；昌南新区、浮梁县要融合优势，聚力共建先进陶瓷集群；"
        "乐平市、昌江区要发挥龙头企业带动作用，打造在细分领域具有鲜明特色的精细化工和医药集群。"
    )
    mentions = find_mentions(text, Span(0, len(text)), lexicon, seg)
    roles = [(r.region, r.industry, r.role) for r in find_cluster_roles(text, mentions)]
    assert roles == [
        ("高新区", "直升机", "lead"),
        ("昌南新区", "先进陶瓷", "co"),
        ("浮梁县", "先进陶瓷", "co"),
        ("乐平市", "精细化工和医药", "co"),
        ("昌江区", "精细化工和医药", "co"),
    ]


def test_references_skip_the_plan_itself() -> None:
    text = "《某市行动方案》已同意。为落实《江西省产业集群提能升级实施方案》，制定本方案。"
    assert [r.title for r in find_references(text, "某市行动方案（2026—2028年）")] == ["江西省产业集群提能升级实施方案"]
