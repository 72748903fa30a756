"""Pages of a PDF an extractor flattened to one line each."""
from ingest.normalize import normalize
from ingest.pages import split_flattened_pages

# Two pages of a 重庆 2024 plan as a scrape gave them: each page one line, its wrapped lines joined by spaces, the
# letterhead atop the second page again.
PAGES = [
    "某市人民政府办公厅文件",
    "某市新能源汽车超充行动计划",
    "为贯彻落实有关文件精神，构建以超充为主体的高质量充电基础 设施体系，助力产业集群建设，促进经济社会发展全面绿色转型， "
    "特制定本行动计划。 一、总体要求 （一）基本原则 政府引导，市场主导。加强总体设计，坚持系统观念，从社 会整体效益的高度进行统筹谋划。",
    "某市人民政府办公厅文件 二、重点任务 （一）科学规划布局 到 2025 年，按照“智能便捷、适度超前”的建设原则，中 心城区实现超充基础设施密集布点，"
    "建成超充站 1340 座。〔责任 单位：市经济信息委、市交通运输委〕 （二）合理选址布点 在公共停车场、商业聚集区、加油加气站、轨道交通设施、 "
    "广场和绿地等重点场景，加快推进超充基础设施建设。（责任单位：各区县政府，市经济信息委）",
]


def test_a_flattened_page_splits_where_its_headings_opened_lines() -> None:
    got = split_flattened_pages(PAGES)
    assert got[:3] == PAGES[:2] + [PAGES[2].split(" 一、")[0]]
    assert got[3:6] == ["一、总体要求", "（一）基本原则", "政府引导，市场主导。加强总体设计，坚持系统观念，从社 会整体效益的高度进行统筹谋划。"]
    assert got[6:8] == ["二、重点任务", "（一）科学规划布局"]  # the letterhead atop the page is gone
    assert got[8].startswith("到 2025 年") and got[8].endswith("市交通运输委〕")
    assert got[9:11] == ["（二）合理选址布点", PAGES[3].split("合理选址布点 ")[1]]


def test_a_flattened_plan_parses_into_its_items(lexicon, seg) -> None:
    from ingest.parse import parse_plan

    plan = parse_plan("\n".join(PAGES), "p.txt", lexicon, seg)
    got = {i.heading: [(u.name, u.role) for u in i.units] for i in plan.items}
    assert got["科学规划布局"] == [("市经济信息委", "lead"), ("市交通运输委", "co")]
    assert got["合理选址布点"][0] == ("各区县人民政府", "lead")
    assert "某市人民政府办公厅文件" not in normalize("\n".join(PAGES)).split("\n", 1)[1]


def test_near_misses_of_flattened_pages() -> None:
    # A line with few wrap spaces is no page, nor one whose spaces fall inside words ("3.构 建一体化…", heldout14) or
    # between short cells; a number after a space mid-sentence opens no heading; a table row, and spaces beside figures
    # ("到 2025 年"), are no wraps; a long first segment after a number is a paragraph's line.
    lines = ["（一）加强组织领导 各部门要高度重视。", "各部门要按照 2025 年 12 月 底前完成 1. 的要求推进工作，做好 统筹 协调 工作。",
             "| 1 | 完成 清单 编制 | 区环土局 | 区经发局 |", "3.构 建一体化数字能源智慧管理平台 ： 基于全市数字能源智慧管理平台，建设经开区平台。",
             "（二）强化安全监管。重点抓好以下工作： 1.完善制度 健全责任体系； 2.强化检查 落实监管； 3.加强宣传 营造氛围。"]
    assert split_flattened_pages(lines) == lines
    page = ("这是一页被压成一行的正文，其中的每一行都在页 面宽度处换行，所以它们之间留下了空格，读取时 要把这些空格当作原来的换行来看待，不能当作 "
            "普通的分隔符号来处理，否则标题就会混进正文， "
            "1.推进充电基础设施建设，加快构建覆盖城乡的充电网络体系 持续提升服务能力。")
    assert split_flattened_pages([page]) == [page]  # "，" before the number: the sentence goes on
    page2 = page.replace("， 1.", "。 1.")
    got = split_flattened_pages([page2])
    assert got[1].startswith("1.推进充电基础设施建设，加快构建") and len(got) == 2  # no heading line: it ran to the width


def test_a_heading_spaced_from_its_number_keeps_its_words() -> None:
    # Review (session 49): "（一） 加强组织领导。 …" — the space after the number is no end of the heading line.
    page = ("（一） 加强组织领导。成立以区长为组长的领导小组，统筹 推进全区工作，定期研究解决重大问题，确保各项 任务落实到位并按时完成，"
            "各部门要各司其职密切配合， 形成工作合力，推动各项措施落地见效。（区应急局负责）")
    assert split_flattened_pages([page])[0].startswith("（一） 加强组织领导。成立")


def test_a_table_row_opens_a_line_of_its_own() -> None:
    # Review (session 49): a caption the page left after a clause ran on into the table's header, and the header's
    # cells were read as a unit's name ("国网重庆电力）2024—2025年…情况表|区域|…").
    text = normalize("（四）优化建设时序\n综合考虑各区县超充站规模，优化建设时序。（责任单位：各区县政府，国网重庆电力） 2024—2025 年建设情况表\n"
                     "| 区域 | 建设超充站总数(座) | 2024年建站数量(座) |\n| --- | --- | --- |\n| 渝中区 | 26 | 14 |")
    assert any(line.startswith("|区域|") for line in text.split("\n"))
