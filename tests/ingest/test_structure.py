"""Header fields, heading levels, item numbering and kinds."""
from ingest.normalize import normalize
from ingest.structure import heading_of, parse_blocks, parse_header, split_lines, unique_numbers

PLAN = """某某市人民政府办公室关于印发
某某市招商引资三年行动方案
（2025—2027年）的通知
2025年1月2日
某某市招商引资三年行动方案
（2025—2027年）
为做好招商工作，制定本方案。
一、工作目标
到2027年，引进项目100个。
二、重点任务
（一）强化产业招商
1.编制招商图谱。编制产业链图谱。〔责任单位：市商务局〕
2.开展以商招商。发挥企业作用。〔责任单位：市商务局〕
（二）优化营商环境
1.提升服务效能。简化审批。〔责任单位：市政务局〕
三、工作要求
（一）加强领导。建立机制。〔责任单位：市商务局〕
"""


def test_header() -> None:
    lines = split_lines(normalize(PLAN))
    first, _ = parse_blocks(lines)
    h = parse_header(lines, first)
    assert h.title == "某某市招商引资三年行动方案（2025—2027年）"
    assert h.office == "某某市人民政府办公室"
    assert h.date == "2025-01-02"
    assert h.period == (2025, 2027)
    text = normalize(PLAN)
    assert h.preamble and text[h.preamble.start : h.preamble.end] == "为做好招商工作，制定本方案。"


def test_levels_follow_first_appearance_and_numbers_are_unique() -> None:
    _, blocks = parse_blocks(split_lines(normalize(PLAN)))
    assert [(b.label, b.level) for b in blocks][:4] == [("一", 1), ("二", 1), ("（一）", 2), ("1", 3)]
    leaves = [i for i, b in enumerate(blocks) if i not in {x.parent for x in blocks}]
    numbers = unique_numbers(blocks, leaves)
    assert [numbers[i] for i in leaves] == ["一", "（一）1", "（一）2", "（二）1", "三（一）"]


def test_heading_is_text_before_first_full_stop() -> None:
    _, blocks = parse_blocks(split_lines("1.提升协同创新能力。实施“揭榜挂帅”制度。"))
    heading, span = heading_of(blocks[0])
    assert heading == "提升协同创新能力" and span.start == 2
