"""Normalisation rules, each pinned with an example."""
import pytest

from ingest.normalize import join_broken_lines, normalize, normalize_chars, remove_spaces, strip_footer


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("到 2028 年", "到2028年"),
        ("280 家左右", "280家左右"),
        ("突破 1 500 亿元", "突破1500亿元"),
        ("2026年 2月14 日", "2026年2月14日"),
        ("、 eVTOL 研发制造", "、eVTOL研发制造"),
        ("Industry 4.0 时代", "Industry 4.0时代"),
        ("各县(市、区) 政府, 高新区", "各县(市、区)政府,高新区"),
    ],
)
def test_remove_spaces(raw: str, clean: str) -> None:
    assert remove_spaces(raw) == clean


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("(牵头单位:市科技局;配合单位:市财政局)", "（牵头单位：市科技局；配合单位：市财政局）"),
        ("２０２８年达到３０％", "2028年达到30%"),
        ("投资1,000万元,10:30开会", "投资1,000万元，10:30开会"),
    ],
)
def test_punctuation_width(raw: str, clean: str) -> None:
    assert normalize_chars(raw) == clean


def test_footer_removed_only_at_end() -> None:
    lines = ["正文。", "版权所有的说明在中间。", "正文二。", "", "赣公网安备:36020202000049", "网站标识码：3604000001"]
    assert strip_footer(lines) == lines[:3]


def test_broken_lines_joined_but_headings_kept() -> None:
    lines = [
        "九江市文化旅游产业提升三年行动方案",
        "（2024—2026年）",
        "一、主要任务",
        "1.打造精品线路。推出一批线路，到2026",
        "年，全市接待游客达到1.2亿人次",
        "。",
        "责任单位：市文广新旅局、市交通运输局，",
        "各县（区）政府",
        "2.提升服务。",
    ]
    assert join_broken_lines(lines) == [
        "九江市文化旅游产业提升三年行动方案",
        "（2024—2026年）",
        "一、主要任务",
        "1.打造精品线路。推出一批线路，到2026年，全市接待游客达到1.2亿人次。",
        "责任单位：市文广新旅局、市交通运输局，各县（区）政府",
        "2.提升服务。",
    ]


def test_normalize_seed_artifacts(seed_text: str) -> None:
    text = normalize(seed_text)
    assert "到2028年，全市三大主导产业集群规模突破2000亿元" in text
    assert "高新技术企业280家左右" in text
    assert "〔责任单位：市工信局、市发改委、国家试验区管委办，各县（市、区）政府，高新区、昌南新区管委会〕" in text
    assert "公网安备" not in text and text.endswith("〕")
    assert " " not in text


def test_a_short_numbered_heading_with_a_comma_ends_its_line() -> None:
    # Word and web pages give one paragraph per line: the heading is whole although it has a comma.
    paragraphs = ["一、坚持项目为王，扩大有效工业投资",
                  "抓好重大项目建设。实施工业项目攻坚提速行动，全年滚动推进亿元以上工业项目500个，新开工项目160个。",
                  "强化产业链精准招商。围绕产业链开展产业链招商、以商招商、基金招商，全年引进10亿元以上工业项目25个。"]
    assert join_broken_lines(paragraphs) == paragraphs
    # A PDF wraps at one width: a numbered line as long as the others goes on in the next line.
    wrapped = ["（一）推进重大项目建设，实施工业项目攻坚提速行动，全年",
               "滚动推进亿元以上工业项目500个，新开工亿元以上项目160",
               "个、竣工投产项目120个，完成工业投资增长目标任务。"]
    assert join_broken_lines(wrapped) == ["".join(wrapped)]


def test_an_annex_of_short_lines_that_assign_units_is_kept() -> None:
    # A responsibility list after 附件: short titles, each with its 责任单位 line, is the document's content.
    text = ("关于印发普法责任清单的通知\n附件：2023年普法责任清单\n2023年普法责任清单\n一、重点宣传法律法规\n"
            "1.宪法\n责任单位：局办公室\n2.民法典\n责任单位：局农业处")
    assert "责任单位：局农业处" in normalize(text)
    # A list of annex titles alone is still dropped.
    assert normalize("正文第一段。\n附件：1.任务清单\n2.进度安排表") == "正文第一段。"


def test_annex_titles_closed_by_a_full_stop_are_still_titles() -> None:
    # 平潭 造林 2015 (heldout78): "附件：1.…汇总表；\n2.…一览表。" — its second title was read as a task "2". A line with a
    # sentence in it is no title.
    text = "…圆满完成。\n附件：1.2015年全区造林绿化目标任务分解汇总表；\n2.2015年下派各乡镇造林绿化工作队一览表。"
    assert normalize(text) == "…圆满完成。"
    kept = "…圆满完成。\n附件：1.工作要求\n2.各乡镇要加强领导。区林业局负责督查。"
    assert "区林业局负责督查" in normalize(kept)
    # Review: short tasks after 附件 that end like a plan's name are tasks.
    assert "编制全县乡村振兴规划" in normalize("…圆满完成。\n附件：重点任务\n1.编制全县乡村振兴规划。\n2.制定实施方案。")


def test_annex_titles_with_one_units_line_are_still_titles() -> None:
    text = "请准时参加。\n附件：1.报名回执表\n2.活动日程安排\n指导单位：市商务局"
    assert "报名回执表" not in normalize(text)


def test_a_table_row_closed_by_its_pipe_is_a_line_of_its_own() -> None:
    """Rows of an indicator table that no task table rewrote stay one per line, however long: the row a pipe closes
    does not run on into the next."""
    text = ("二、工作目标\n|序号|指标|2024年|2025年|\n|1|用户侧光伏装机规模（累计）达到规划要求的装机容量|>90万千瓦|>120万千瓦|\n"
            "|2|新能源汽车保有量占比|>10%|>13%|\n")
    assert normalize(text).split("\n")[1:] == [
        "|序号|指标|2024年|2025年|", "|1|用户侧光伏装机规模（累计）达到规划要求的装机容量|>90万千瓦|>120万千瓦|",
        "|2|新能源汽车保有量占比|>10%|>13%|"]


def test_a_bullet_before_a_number_and_a_misclosed_bracket_are_slips() -> None:
    # "◈1. …" hides the item's marker; "（区市场监管局〉" closes a clause with the wrong bracket.
    text = normalize("二、支持政策\n◈1. 资费再降10%。（省通信管理局负责）\n◈2．推行“明厨亮灶”。（区市场监管局〉\n")
    assert text.split("\n")[1:] == ["1.资费再降10%。（省通信管理局负责）", "2.推行“明厨亮灶”。（区市场监管局）"]
    # Not a bullet that stands before words, nor a 〉 that closes its own 〈.
    assert normalize("◈重点任务清单\n引用〈标准〉") == "◈重点任务清单\n引用〈标准〉"


def test_a_note_mark_before_a_number_stays_first_review() -> None:
    # ※ marks a note, not an item: "※1.本方案数据为初步统计数。"
    assert normalize("1.推进试点。\n※1.本方案数据为初步统计数。") == "1.推进试点。\n※1.本方案数据为初步统计数。"


def test_a_break_between_whole_names_in_a_cell_separates_them() -> None:
    # 北京丰台 (heldout26): names a cell lists on lines of their own, with or without their place ("区生态环境局<br>
    # 公安丰台分局", "北宫镇<br>长辛店街道", "各街镇<br>丰台园管委会"), are two units; a name the layout wrapped
    # ("区机关事务管理<br>服务中心"), a branch of the body before it ("市规划自然资源委<br>丰台分局") and a department of it
    # ("区委<br>组织部") are one.
    def cell(text: str) -> str:
        return normalize(f"| 1 | 加强监管 | {text} |").split("|")[3]

    assert cell("区生态环境局<br>公安丰台分局") == "区生态环境局、公安丰台分局"
    assert cell("北宫镇<br>长辛店街道<br>宛平街道") == "北宫镇、长辛店街道、宛平街道"
    assert cell("各街镇<br>丰台园管委会") == "各街镇、丰台园管委会"
    for joined in ("区机关事务管理<br>服务中心", "市规划自然资源委<br>丰台分局", "区委<br>组织部"):
        assert cell(joined) == joined.replace("<br>", ""), joined


def test_near_misses_of_whole_names_in_a_cell() -> None:
    """A review's cases (session 50): one name wrapped after its parent or before its kind stays one — 城乡 is no town,
    人民政府/有限公司/成员单位 end the name before them, a party committee's department, a government's office and a
    group's company are parts of it."""
    def cell(text: str) -> str:
        return normalize(f"| 1 | 加强监管 | {text} |").split("|")[3]

    for joined in ("区住房和城乡<br>建设委员会", "北宫镇<br>人民政府", "各乡镇<br>人民政府", "北京金隅集团<br>有限公司",
                   "北京城建集团<br>有限责任公司", "中国移动通信集团<br>北京有限公司", "区安委会<br>成员单位",
                   "区委<br>社会工作部", "区委<br>机构编制委员会办公室", "区政府<br>外事办公室", "区人民政府<br>金融工作办公室"):
        assert cell(joined) == joined.replace("<br>", ""), joined
    assert cell("区政府<br>区发展改革委") == "区政府、区发展改革委"


def test_a_first_item_numbered_with_a_letter_l() -> None:
    # 黄浦 2023 (heldout44): "l.火灾多发季节…" then "2.督查工作…": the slip of a letter for the digit 1.
    assert normalize("（二）督查制度\nl.火灾多发季节，组织督查。\n2.督查工作由主任带队。").split("\n")[1].startswith("1.火灾")
    # Not where no item 2 follows, nor a Latin word.
    assert normalize("l.火灾多发季节\n（三）考核").startswith("l.火灾")
    assert normalize("I.T行业\n2.其他").startswith("I.T")


def test_numbering_slips_of_a_scan() -> None:
    # 长沙 2022 (heldout47): "1降低…" then "2.…" is item 1; a chapter "-、" between 一、 and 三、 is 二、.
    text = normalize("一、基本原则\n坚持原则。\n-、政策措施\n（一）促进去化。\n1降低交易成本。给予补贴。\n2.降低使用成本。\n三、工作机制\n")
    assert text.split("\n")[2] == "二、政策措施" and text.split("\n")[4].startswith("1.降低")
    # Not a dash before a chapter it cannot be ("-、" after 一、 and before 二、), nor "1" opening a name with no item 2.
    assert normalize("一、总则\n-、说明\n二、任务\n").split("\n")[1] == "-、说明"
    assert normalize("1号楼改造完成。\n（二）其他").startswith("1号楼")
