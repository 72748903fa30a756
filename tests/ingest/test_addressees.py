"""The addressee line of a document's head."""
from ingest.addressees import addressees


def test_the_line_of_names_before_the_body() -> None:
    text = "关于印发《某方案》的通知\n沪交〔2022〕1号\n各镇人民政府，街道办事处，头桥集团，区政府各部门：\n现将方案印发给你们。\n"
    assert addressees(text) == ["各镇人民政府", "街道办事处", "头桥集团", "区政府各部门"]


def test_a_title_run_on_into_its_addressees() -> None:
    """A page that joined the title's line with the next still gives the names after the title's kind."""
    text = "关于印发《某实施方案》的通知市道路运输事业发展中心、各高速公路项目公司：\n现将方案印发给你们。\n"
    assert addressees(text) == ["市道路运输事业发展中心", "各高速公路项目公司"]


def test_no_addressees_where_the_head_has_none() -> None:
    """A heading or a topic with a colon names no one the document is sent to; nor does a line past the head."""
    assert addressees("某区工作方案\n一、工作目标：\n到2025年，建成示范区。\n") == []
    assert addressees("某区工作方案\n" + "为做好工作，制定本方案。\n" * 8 + "各镇人民政府：\n") == []
