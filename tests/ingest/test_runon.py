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


def test_near_misses_of_a_run_on_plan_review(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    # A plan written in lines whose one long item lists its points inline keeps the item whole with its units.
    points = "补贴对象包括：（一）新市民" + _FILL + "；（二）多孩家庭" + _FILL + "；（三）人才" + _FILL + "；（四）老年人" + _FILL + "。"
    lines = "某市措施\n一、加大支持\n（一）实施购房补贴。" + points * 2 + "（责任单位：市住建局、市财政局）\n（二）优化服务。" + _FILL + "。（责任单位：市政务服务中心）\n"
    plan = parse_plan(lines, "t.txt", lexicon, seg)
    assert [(i.number, [u.name for u in i.units]) for i in plan.items] == [
        ("（一）", ["市住建局", "市财政局"]), ("（二）", ["市政务服务中心"])]
    # In a run-on plan: numbers listed ("二、三孩家庭"), a citation's point ("（二）项规定"), and a list inside an item
    # after its colon ("：（一）…；（二）…") open no heading.
    inside = ("。二、三孩家庭购房的，补贴标准提高50%，按照（赣房商联〔2024〕34号）（二）项规定执行。补贴包括：（一）契税补贴；"
              "（二）面积补贴；（三）利息补贴。")
    run_on = RUN_ON.replace("推行购房优惠补贴政策。", "推行购房优惠补贴政策" + inside, 1)
    got = split_run_on(["某县若干措施", run_on])
    assert [line[:3] for line in got[2:]] == ["一、有", "（一）", "（二）", "二、稳", "（三）", "（四）", "三、全", "（五）"]
    assert inside in got[3]


def test_a_run_on_plan_numbering_its_items_in_digits(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    for mark in ("{}.", "（{}）"):
        line = "为推动发展，制定如下措施：一、加大金融支持" + "".join(
            mark.format(n) + f"措施{n}。{_FILL * 2}。（责任单位：县{unit}）" for n, unit in enumerate(["住建局", "财政局"], 1)
        ) + "二、优化服务" + "".join(
            mark.format(n) + f"措施{n + 2}。{_FILL * 2}。（责任单位：县{unit}）" for n, unit in enumerate(["卫健委", "教体局"], 1))
        plan = parse_plan("某县措施\n" + line, "t.txt", lexicon, seg)
        assert [[u.name for u in i.units] for i in plan.items] == [["县住建局"], ["县财政局"], ["县卫健委"], ["县教体局"]]
