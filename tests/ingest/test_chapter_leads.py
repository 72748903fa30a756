"""Leads a plan names once for whole chapters by their topics (ingest/chapter_leads.py)."""
from __future__ import annotations

from item_units import item_units as _units

_BODY = ("某区关于进一步扩大有效投资的实施意见\n一、加快城市公用设施工程建设\n1.城市供水管网。新增供水管网8公里。\n"
         "2.城市停车场。支持区城投公司新建停车场。\n二、加快水利建设\n1.水系建设。推进万里生态水系建设。\n"
         "2.水库加固。完成病险水库除险加固。（责任单位：区农业局）\n三、加快文明创建工程建设\n1.场馆设施。规划建设场馆设施。\n")


def test_a_closing_paragraph_gives_each_chapter_its_lead(lexicon, seg) -> None:
    # 平潭 2015 扩大有效投资 (heldout77): "区交建局负责牵头抓好城市公用设施工程…；区经发局牵头负责抓好水利工程…" after the
    # last chapter; "水利工程" is the chapter "加快水利建设". A clause's own units stay; a sentence's body takes part.
    text = _BODY + "各级各部门要高度重视。区交建局负责牵头抓好城市公用设施工程；区经发局牵头负责抓好水利工程、文明创建工程。\n"
    units = _units(text, lexicon, seg)
    assert units[0] == [("区交建局", "lead")]
    assert units[1][0] == ("区交建局", "lead") and all(role == "co" for _, role in units[1][1:])
    assert units[2] == [("区经发局", "lead")]
    assert units[3][0][0] == "区农业局"
    assert units[4][0] == ("区经发局", "lead")


def test_what_names_no_chapters_lead(lexicon, seg) -> None:
    # One chapter named is no convention over the plan's chapters; a topic two chapters share ("建设工程") names
    # neither; a party the plan regulates leads none: the chapters' items read as they do without the paragraph.
    alone = _units(_BODY, lexicon, seg)[:4]
    for closing in ("区交建局负责牵头抓好城市公用设施工程。", "区交建局负责牵头抓好城市公用设施工程；区经发局负责建设工程。",
                    "龙头企业负责抓好城市公用设施工程；区经发局负责水利工程。"):
        assert _units(_BODY + closing + "\n", lexicon, seg)[:4] == alone, closing


def test_near_misses_of_the_chapter_leads(lexicon, seg) -> None:
    """Review (helper 557)."""
    # An item that says who leads it keeps its lead; "A会同B" is no one office; a topic that is part of a chapter's
    # heading ("水利工程" in "加快交通水利基础设施建设") names no chapter.
    text = ("某区实施意见\n一、加快城市公用设施工程建设\n1.道路建设。加快环岛路建设。\n二、加快水利建设\n1.水库加固。完成5座水库加固。\n"
            "2.河道整治。区生态环境局牵头，区水利局配合，完成河道整治10公里。\n三、加快美丽乡村工程建设\n1.村庄整治。完成20个村庄整治。\n"
            "四、保障措施\n区交建局负责牵头抓好城市公用设施工程、美丽乡村工程；区水利局牵头负责水利工程。\n")
    units = _units(text, lexicon, seg)
    assert units[2][0] == ("区生态环境局", "lead") and units[1] == [("区水利局", "lead")]
    joined = text.replace("区交建局负责牵头抓好城市公用设施工程、美丽乡村工程；区水利局牵头负责水利工程。",
                          "区交建局会同区住建局负责城市公用设施工程；区水利局牵头负责水利工程。")
    assert _units(joined, lexicon, seg)[0] == []
    text = ("某区实施意见\n一、加快交通水利基础设施建设\n1.道路改造。完成国道改造20公里。\n二、加快产业项目建设\n1.招商引资。引进项目10个。\n"
            "三、保障措施\n区水利局负责牵头抓好水利工程；区工信局牵头负责产业项目。\n")
    assert _units(text, lexicon, seg)[0] == []
