"""A list's labels (ingest/labels.py): where most sibling items open with a unit's name, the others' labels name theirs."""
from __future__ import annotations

from ingest.parse import parse_plan


def _units(text: str, lexicon, seg) -> list[list[tuple[str, str]]]:
    return [[(u.written, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]


def _duties(*labels: str) -> str:
    lines = "".join(f"（{'一二三四五六七'[n]}）{label}。负责做好相关工作。\n" for n, label in enumerate(labels))
    return "某区实施意见\n一、各单位按以下职能分工牵头开展排查。\n" + lines + "二、工作要求\n（一）加强宣传。区委宣传部要做好宣传。\n"


def test_a_label_among_units_labels_names_a_unit(lexicon, seg) -> None:
    # 虹口 虹府办发〔2014〕30号 (heldout63): "（二）公安消防支队。", "（六）虹房集团。" beside "（一）区房管局。" and others the
    # resolver knows; 金山 2026 (heldout62): "9.公安金山分局：", "3.区人武部、驻金部队：" in a list of "区X局：" lines.
    units = _units(_duties("区房管局", "公安消防支队", "区建交委", "区安监局", "虹房集团", "区房屋急修中心"), lexicon, seg)
    assert units[:6] == [[("区房管局", "lead")], [("公安消防支队", "lead")], [("区建交委", "lead")], [("区安监局", "lead")],
                         [("虹房集团", "lead")], [("区房屋急修中心", "lead")]]
    text = ("某区预案\n一、成员单位职责\n1.区应急管理局：承担日常工作。\n2.区人武部、驻金部队：组织部队参加救灾。\n"
            "3.区民政局：做好救助工作。\n4.区财政局：安排资金。\n5.金山电信局：做好通信保障。\n6.区气象局：做好气象保障。\n")
    # (The troops take the list's 区 as bare names in a list of 区 offices do.)
    assert _units(text, lexicon, seg)[1] == [("区人武部", "lead"), ("区驻金部队", "co")]
    assert _units(text, lexicon, seg)[4] == [("金山电信局", "lead")]


def test_no_label_is_a_name_without_a_list_of_units_or_with_work_in_it(lexicon, seg) -> None:
    # Two known labels are no list's convention, nor three of five; a label of work ("工作要求") names no one, whatever
    # the list.
    units = _units(_duties("区房管局", "公安消防支队", "区建交委", "虹房集团"), lexicon, seg)
    assert units[1] == [] and units[3] == []
    units = _units(_duties("区房管局", "公安消防支队", "区建交委", "区安监局", "虹房集团"), lexicon, seg)
    assert units[1] == [] and units[4] == []
    units = _units(_duties("区房管局", "区建交委", "区安监局", "区民政局", "加强组织领导", "其他单位"), lexicon, seg)
    assert units[4] == [] and units[5] == []
    # Under half the labels read as units: the others are topics.
    units = _units(_duties("区房管局", "区建交委", "区安监局", "消防隐患", "房屋安全", "排查范围", "历史建筑"), lexicon, seg)
    assert units[3:7] == [[], [], [], []]
    # Review (helper 436): a label a topic's description follows, not a duty, names no one ("（七）配电室。重点查看…",
    # "（八）北外滩街道。老旧里弄房屋较多…", "（九）第一督导组。组长张三…").
    text = _duties("区房管局", "区建交委", "区安监局", "区民政局", "区应急局", "区建管委").replace("二、工作要求", "（七）配电室。重点查看线路老化。\n"
                   "（八）北外滩街道。老旧里弄房屋较多，是排查重点。\n（九）第一督导组。组长张三，成员李四。\n二、工作要求")
    assert _units(text, lexicon, seg)[6:9] == [[], [], []]
