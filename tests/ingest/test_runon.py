"""A plan a web page gave as one run-on line, cut again before its chapters' and items' numbers."""
from ingest.runon import split_run_on

_FILL = "，按照市场化原则有序推进相关工作，加强部门协同，完善配套政策，确保各项措施落到实处" * 5


def _item(n: str, heading: str, units: str) -> str:
    return f"（{n}）{heading}。{_FILL}。（责任单位：{units}按职责分工负责）"


# 广昌 2024 (heldout48) as its database record gave it: the preamble, then chapters and items on one line, the
# items numbered on across the chapters, a chapter's heading followed by its first item with no stop between.
RUN_ON = (
    "为推动我县房地产市场平稳健康发展，制定如下措施： 一、有序去库存，积极消化存量住房"
    + _item("一", "推行购房优惠补贴政策", "县住保中心、县财政局")
    + _item("二", "实施鼓励生育购房补贴", "县住保中心、县卫健委")
    + "二、稳步调结构，科学优化增量住房"
    + _item("三", "积极发展高品质住房项目", "县自然资源局")
    + _item("四", "优化房地产用地供应节奏", "县自然资源局、县住建局")
    + "三、全力稳市场，稳妥化解风险问题"
    + _item("五", "稳妥处置工抵房", "县法院、县税务局")
)


def test_a_run_on_plan_is_cut_before_each_chapter_and_item() -> None:
    got = split_run_on([RUN_ON])
    assert [line[:8] for line in got] == [
        "为推动我县房地产", "一、有序去库存，", "（一）推行购房优", "（二）实施鼓励生", "二、稳步调结构，",
        "（三）积极发展高", "（四）优化房地产", "三、全力稳市场，", "（五）稳妥处置工"]
    assert got[4] == "二、稳步调结构，科学优化增量住房"
    assert got[3].endswith("（责任单位：县住保中心、县卫健委按职责分工负责）")
    assert "".join(got) == RUN_ON.replace("： 一、", "：一、")


def test_items_numbered_again_in_each_chapter() -> None:
    line = ("一、总体要求" + _item("一", "基本原则", "县发改委") + _item("二", "主要目标", "县统计局")
            + "二、重点任务" + _item("一", "推进产业升级", "县工信局") + _item("二", "扩大有效投资", "县发改委")
            + _item("三", "稳定外贸外资", "县商务局"))
    got = split_run_on([line])
    assert [line[:3] for line in got] == ["一、总", "（一）", "（二）", "二、重", "（一）", "（二）", "（三）"]


def test_a_run_on_plan_parses_into_its_items(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    plan = parse_plan("某县若干措施\n" + RUN_ON, "p.txt", lexicon, seg)
    got = {i.heading: [(u.name, u.role) for u in i.units] for i in plan.items}
    assert got["推行购房优惠补贴政策"] == [("县住保中心", "lead"), ("县财政局", "co")]
    assert got["稳妥处置工抵房"] == [("县法院", "lead"), ("县税务局", "co")]
    assert len(got) == 5


def test_near_misses_of_a_run_on_plan() -> None:
    # A paragraph listing a few points inline stays whole: under the length of a plan's body, or with its points
    # numbered fewer than three in order, or with each number inside a sentence rather than after an ending.
    short = "主要包括：（一）完善制度；（二）加强监管；（三）强化考核。"
    assert split_run_on([short]) == [short]
    two = "本措施所称支持对象包括：" + _FILL * 4 + "。（一）新建商品住房购房人；（二）二手住房购房人。" + _FILL * 4
    assert len(two) >= 1000 and split_run_on([two]) == [two]
    inside = "依照第（一）项和第（二）项以及第（三）项的规定" + _FILL * 8
    assert len(inside) >= 1000 and split_run_on([inside]) == [inside]
    # Numbers out of order are no chain: （三） before （一） leaves （三） where it is.
    jumbled = "说明。（三）甲。" + _FILL * 7 + "。（一）乙。" + _FILL + "。（二）丙。" + _FILL + "。（三）丁。（四）戊。"
    got = split_run_on([jumbled])
    assert [line[:3] for line in got] == ["说明。", "（一）", "（二）", "（三）", "（四）"]
    assert got[0].startswith("说明。（三）甲。") and got[3] == "（三）丁。"
