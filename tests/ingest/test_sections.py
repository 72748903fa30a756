"""Whose a section's items are (ingest/sections.py): a heading that names who owns what follows."""
from __future__ import annotations

from item_units import item_units as _units
from item_units import units_by_number as _by_number

from ingest.parse import parse_plan


def test_a_posts_duties_are_the_posts(lexicon, seg) -> None:
    # 静安 2017 (heldout52): "（二）“四长”职责 / 1．轨道交通站长职责 / （1）负责牵头组织落实…": the post its heading names
    # is who the items under it assign (three writers of four read posts so: 站长, 林长, 河长; one left 链长 out).
    text = ("某区实施方案\n二、主要职责\n（一）“四长”职责\n1．轨道交通站长职责\n（1）负责牵头组织落实。\n（2）负责日常联络工作。\n"
            "2．属地派出所长职责\n（1）积极配合机制落实。\n三、工作要求\n（一）加强宣传。区委宣传部要做好宣传。\n")
    assert _units(text, lexicon, seg) == [[("轨道交通站长", "lead")]] * 2 + [[("属地派出所长", "lead")], [("区委宣传部", "lead")]]
    # A spot's head ("（一）点长职责", 君山 2022's 追泪点; heldout105) is such a post too.
    text = "某区方案\n四、工作职责\n（一）点长职责\n1.负责统筹安排当日管控工作。\n2.负责现场秩序维护。\n"
    assert _units(text, lexicon, seg) == [[("点长", "lead")]] * 2
    # A river chief's duties in any chapter ("区级河长工作职责：").
    text = "某区方案\n一、组织体系\n（一）区级河长工作职责：\n1.负责组织领导河湖管理。\n2.牵头协调解决重大问题。\n"
    assert _units(text, lexicon, seg) == [[("区级河长", "lead")]] * 2


def test_work_on_a_posts_duties_names_no_post(lexicon, seg) -> None:
    # A heading that is work done on a post's duties, or a heading of more than the duties, names no one.
    # Review (helper 364): the work may stand anywhere before the post ("切实履行…", "进一步压实…"); a parent, a ship's
    # master or a mine's are no posts of government; every level's posts, or two, leave each item to name its own.
    for heading in ("（一）落实河长职责", "（一）压实网格长职责", "（一）明确站长职责，强化联动", "（一）切实履行河长职责",
                    "（一）进一步压实林长职责", "（一）规范网格长职责", "（一）家长职责", "（一）船长职责", "（一）煤矿矿长职责",
                    "（一）各级林长职责", "（一）总河长和副总河长职责"):
        text = f"某区方案\n一、主要任务\n{heading}\n1.建立巡河制度。\n2.开展联合整治。\n"
        assert _units(text, lexicon, seg) == [[], []], heading


def test_a_chapter_of_tasks_and_their_division_names_its_sections_owners(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕109号 (heldout53): "三、主要任务及分工 / （一）交通与建设局：一是…": each section's heading
    # names whose work it is, as under "职责分工".
    text = ("某区整治方案\n三、主要任务及分工\n（一）交通与建设局：一是加强企业源头管控；二是加大驾驶员培训。\n"
            "（二）公安局：一是打击套牌车辆。\n四、行动要求\n（一）加强宣传。区委宣传部要做好宣传。\n")
    assert _units(text, lexicon, seg)[:2] == [[("交通与建设局", "lead")], [("公安局", "lead")]]
    # Work before the colon names no one ("（一）加强源头管控：…").
    text = text.replace("（一）交通与建设局：", "（一）加强源头管控：")
    assert _units(text, lexicon, seg)[0] == []


def test_a_heading_of_a_bodys_duties_in_a_field_names_the_body(lexicon, seg) -> None:
    # 松江 沪松府〔2020〕216号 (heldout53): "三、各街镇（经开区）消防工作责任 / （一）建立消防安全组织…": whose duties the
    # chapter lists, a field of work (消防, 安全生产) between the body and 责任/职责; a section heading too.
    text = ("某区实施细则\n二、工作措施\n（一）加强领导。区委宣传部要做好宣传。\n三、各街镇（经开区）消防工作责任\n"
            "（一）建立消防安全组织。\n（二）保障消防工作经费。\n四、部门职责\n（一）区应急局安全生产职责\n1.统筹全区安全生产工作。\n")
    assert _units(text, lexicon, seg)[1:] == [[("各街镇（经开区）", "lead")]] * 2 + [[("区应急局", "lead")]]
    # Topics joined, work done on duties, or a regulated party's 主体责任 name no one; review (helper 366): nor a party
    # that is no body, two parties, accountability, a regulated party, or the rest of a name ("区领导联系街镇责任").
    for heading in ("一、适用范围及部门职责", "一、压实属地管理责任", "一、落实企业主体责任", "一、强化部门监管责任",
                    "一、区护林员协会职责", "一、区林业局和各镇街职责", "一、追究区住建局责任",
                    "一、各燃气企业安全责任", "一、区领导联系街镇责任"):
        text = f"某区方案\n{heading}\n（一）建立消防安全组织。\n（二）保障消防工作经费。\n"
        assert _units(text, lexicon, seg) == [[], []], heading


def test_an_item_headed_with_a_bodys_duties_is_the_bodys_and_its_sentences_doers_take_part(lexicon, seg) -> None:
    # 平潭 岚综管综〔2016〕308号 (heldout90): "（四）公安局职责。公安机关要…，教育部门要配合…" — the bureau its heading names,
    # by its short name without a level, leads the item; those its sentences say act take part.
    text = ("某区实施办法\n二、建立健全工作体系\n（一）社会事业局职责。社会事业局民政处要积极牵头协调，教育部门要配合做好摸底。\n"
            "（二）公安局职责。公安机关要及时受理报告，教育部门要配合做好调查。\n（三）财金局职责。加大财政投入。\n")
    assert _units(text, lexicon, seg) == [[("社会事业局", "lead"), ("教育部门", "co")],
                                          [("公安局", "lead"), ("教育部门", "co")], [("财金局", "lead")]]
    # Review (helper 696): the owner named again by its field ("教育部门要…", "公安机关要…") is no second unit.
    text = ("某区实施办法\n一、职责分工\n（一）教育局职责。教育部门要加强留守儿童教育管理。\n"
            "（二）民政局职责。民政部门要做好摸底排查，会同教育部门建立信息库。\n（三）公安局职责。公安机关要加强巡查。\n")
    assert _units(text, lexicon, seg) == [[("教育局", "lead")], [("民政局", "lead"), ("教育部门", "co")], [("公安局", "lead")]]
    # Not work done on duties ("（一）明确部门职责。…"), nor a kind of body ("（二）各单位职责。"), nor a company's.
    text = ("某区实施办法\n二、工作要求\n（一）明确部门职责。各部门要各司其职。\n（二）压实企业责任。企业要落实主体责任。\n"
            "（三）物业公司职责。做好日常管理。\n")
    assert _units(text, lexicon, seg)[1:] == [[], []]


def test_a_duties_line_naming_two_departments_by_field_gives_both(lexicon, seg) -> None:
    # 平潭 闽岚综实管综〔2013〕2号 (heldout91): "（一）交建部门和综合执法部门：负责…" — two departments by their field's short
    # name, no level, own the duty, the first leading, as "（四）经发部门：负责…" owns its own.
    text = ("某区专项治理检查通知\n三、职责分工\n（一）交建部门和综合执法部门：负责提出供气系统整改意见。\n"
            "（二）经发部门：负责督促供气企业落实安全责任。\n")
    assert _units(text, lexicon, seg) == [[("交建部门", "lead"), ("综合执法部门", "co")], [("经发部门", "lead")]]
    # Not a collective ("（一）有关部门和单位：…" is one), nor work ("（一）宣传和培训：…").
    text = "某区专项治理检查通知\n三、职责分工\n（一）有关部门和单位：负责配合检查。\n（二）宣传和培训：开展宣传。\n"
    assert _units(text, lexicon, seg) == [[], []]


def test_an_item_naming_another_doer_under_a_bodys_duties_heading_is_that_doers(lexicon, seg) -> None:
    # Review (helper 366): outside a duties chapter, "三、各街镇消防工作责任 / （三）区消防救援大队要加强…" is the brigade's.
    text = ("某区实施细则\n三、各街镇（经开区）消防工作责任\n（一）建立消防安全组织。\n"
            "（二）区消防救援大队要加强对各街镇消防工作的业务指导。\n")
    assert _units(text, lexicon, seg) == [[("各街镇（经开区）", "lead")], [("区消防救援大队", "lead")]]
    # An office's office is its own name, not a field of its body's work ("指挥部办公室职责" is no 指挥部's).
    text = "某区预案\n二、区防汛指挥部办公室职责\n（一）承担指挥部日常工作。\n（二）汇总上报汛情。\n"
    assert _units(text, lexicon, seg) == [[("区防汛指挥部办公室", "lead")]] * 2


def test_a_duties_chapter_of_paragraphs_gives_each_its_own_item(lexicon, seg) -> None:
    # 平潭 岚综管办〔2015〕69号 (heldout58): "三、职责分工" has no numbered items, a paragraph per duty, each opening with
    # who does it; the chapter was one item holding every body of every paragraph. Its opening paragraph is a duty too.
    from ingest.parse import parse_plan

    text = ("某区试点工作方案\n一、工作任务\n（一）梳理事项。做好梳理。（责任单位：区行政服务中心）\n三、职责分工\n"
            "在区管委会统一领导下，由区纪工委、区数字办共同牵头，组织开展试点工作。\n"
            "区纪工委负责监督检查，督促各责任单位按进度开展工作。\n"
            "八个区直单位负责提出纳入平台的事项清单。\n"
            "区数字办负责指导各部门的项目申报工作，对技术实施方案进行审核把关。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    duties = [[(u.name, u.role) for u in i.units] for i in items if i.number.startswith("三")]
    assert duties == [[("区纪工委", "lead"), ("区数字办", "lead")], [("区纪工委", "lead")], [("八个区直单位", "lead")],
                      [("区数字办", "lead")]]
    # A number of two digits opening a name is the name's (review, helper 401: "12个片区管理局" read as 2个片区管理局).
    twelve = text.replace("八个区直单位", "12个区直单位")
    assert [u.name for i in parse_plan(twelve, "t.txt", lexicon, seg).items for u in i.units if "区直单位" in u.name] == ["12个区直单位"]
    # Not a chapter of tasks whose paragraphs name who does them, nor a duties chapter with one such paragraph.
    for chapter in ("三、保障措施", "三、职责分工"):
        one = text.replace("三、职责分工", chapter) if chapter != "三、职责分工" else text.replace(
            "区纪工委负责监督检查，督促各责任单位按进度开展工作。\n八个区直单位负责提出纳入平台的事项清单。\n", "")
        assert sum(i.number.startswith("三") for i in parse_plan(one, "t.txt", lexicon, seg).items) == 1, chapter
    # Review (helper 401): a chapter named for duties whose paragraphs open with short sentences keeps each (二、压实主体
    # 责任), and a duty continued ("同时负责…") stays with its body.
    text = ("某区安全生产方案\n一、工作任务\n（一）排查隐患。做好排查。（责任单位：区应急局）\n二、压实主体责任\n"
            "各街道负责落实属地管理责任。做好排查。（责任单位：各街道）\n区应急局牵头落实行业监管责任。做好监管。（责任单位：区应急局）\n"
            "严格落实企业主体责任。督促企业落实。（责任单位：区市场监管局、区建管委）\n强化考核问责。开展考核。（责任单位：区委组织部、区应急局）\n"
            "三、职责分工\n区行政服务中心负责平台建设。\n同时负责组织开展业务培训，协调区人社局做好保障。\n区数字办负责制定技术标准，做好审核。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert sum(i.number.startswith("二") for i in items) == 4
    duties = [(i.text[:10], [u.name for u in i.units]) for i in items if i.number.startswith("三")]
    assert len(duties) == 2 and "同时负责组织开展业务培训" in next(i.text for i in items if i.number == "三.1")


def test_a_duties_chapter_whose_paragraphs_name_their_body_before_a_colon(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕245号 (heldout79): "三、成员单位职责 / 区办公室政策法规处：负责… / 区经济发展局发改处：协同…":
    # each paragraph its body's duty whatever its verb, under a chapter named for member units' duties; "一、领导机构职责 /
    # （一）领导小组工作职责" is the group the plan sets up (its name without a level).
    text = ("某区节约用水工作领导小组职责\n一、领导机构职责\n（一）领导小组工作职责\n决策和部署全区节约用水工作。\n"
            "（二）领导小组办公室工作职责\n负责领导小组日常工作。\n三、成员单位职责\n"
            "区办公室政策法规处：负责对节水制度进行法制审核把关。\n区经济发展局发改处：协同区农发局水利处研究节水重大问题。\n"
            "区综合执法局：会同有关部门开展节水器具专项整治。\n")
    assert _units(text, lexicon, seg) == [[("领导小组", "lead")], [("领导小组办公室", "lead")], [("区办公室政策法规处", "lead")],
                                          [("区经济发展局发改处", "lead")], [("区综合执法局", "lead")]]
    # 綦江 綦油联办发〔2024〕2号 (development set, its answers corrected): a paragraph may open with several bodies, the first
    # leading; towns take no zone's committee from the name after them ("各街镇、高新区管委会" is no 各街镇管委会).
    several = text + "各街镇、高新区管委会：负责辖区内成品油市场秩序整治工作。\n"
    assert _units(several, lexicon, seg)[-1] == [("各街镇", "lead"), ("高新区管委会", "co")]
    # Near misses: the parties a plan regulates have duties too ("三、火灾高危单位职责", a chapter of their items), and a
    # paragraph opening with work before a colon ("主要任务：…") or a chapter of tasks are no duty lists.
    regulated = ("某区消防安全责任制实施细则\n三、火灾高危单位职责\n容易造成群死群伤火灾的单位，除履行本规定职责外，还应当履行下列职责：\n"
                 "（一）定期召开消防安全工作例会，研究本单位消防工作。\n（二）明确专人负责消防工作。\n")
    assert all(u.name != "定期召开消防安全工作例会" for i in parse_plan(regulated, "t.txt", lexicon, seg).items for u in i.units)
    for chapter in ("三、主要任务", "三、火灾高危单位职责"):
        other = text.replace("三、成员单位职责", chapter)
        assert sum(i.number.startswith("三") for i in parse_plan(other, "t.txt", lexicon, seg).items) == 1, chapter
    # Review (helper 580): before a colon a time ("2024年底前：…"), a role's key ("牵头单位：…", "配合单位：…") or a party the
    # plan regulates ("各企业：", "物业服务企业：") opens no duty; the body's paragraph goes on.
    timed = ("某区城市更新方案\n二、成员单位职责\n区住房城乡建设委：负责组织实施老旧小区改造，具体安排如下：\n"
             "2024年底前：完成老旧小区改造20个，惠及居民3000户。\n区发展改革委：负责统筹协调项目立项审批，做好资金保障。\n")
    items = parse_plan(timed, "t.txt", lexicon, seg).items
    assert [[u.name for u in i.units] for i in items] == [["区住房城乡建设委"], ["区发展改革委"]]
    assert [(t.value, t.year) for t in items[0].targets][:1] == [(20, 2024)]
    for line in ("牵头单位：区发展改革委，负责统筹协调项目立项审批。", "各企业：建立健全安全生产责任制，加强隐患排查。",
                 "物业服务企业：做好小区消防通道管理，确保设施完好。"):
        other = timed.replace("2024年底前：完成老旧小区改造20个，惠及居民3000户。", line)
        assert len(parse_plan(other, "t.txt", lexicon, seg).items) == 2, line
    # … nor does a regulated party's own group name itself in a duties heading (企业安全生产领导小组职责).
    group = "某区方案\n一、领导机构职责\n（一）企业安全生产领导小组职责\n1.每季度召开一次会议。\n2.研究本企业安全生产工作。\n"
    assert _units(group, lexicon, seg) == [[], []]


def test_a_duties_section_of_paragraphs_gives_each_its_own_item(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕4号, 宝山 宝经委〔2021〕3号 (heldout80): "五、工作要求 / （二）明确工作职责。建立健全…联动机制。 /
    # 区党群工作部：负责… / 区公安局：负责…" and "（二）职责分工 / 区规划资源局负责… / 区经委牵头负责…": a section of duties, as
    # a chapter of them, holds one item a paragraph; a town's own offices open theirs without a level ("房管所负责…").
    text = ("某区全民参保登记实施方案\n五、工作要求\n（一）加强组织领导。由区管委会统一领导。\n"
            "（二）明确工作职责。建立健全全民参保登记工作联动机制。\n区党群工作部：负责做好失业保险参保人员信息数据的整理。\n"
            "区公安局：负责全区常住人口户籍信息的比对。\n房管所负责规模租赁场所的房屋安全隐患排查整治工作。\n"
            "（三）加强考评督促。区领导小组办公室要定期通报。\n")
    units = _units(text, lexicon, seg)
    # (Its heading line's own sentence, "建立健全…联动机制", is its first item: review 875.)
    assert units[1:5] == [[], [("区党群工作部", "lead")], [("区公安局", "lead")], [("房管所", "lead")]], units
    # 宝山 2021: bodies before what they are or must do open theirs too ("各镇政府、园区管委会是…责任主体", "其他相关部门依法…");
    # not work before a modal ("各项工作要…", which goes on with the paragraph before).
    more = text.replace("（三）加强考评督促", "各镇政府、园区管委会是参保登记工作责任主体，负责组织实施。\n"
                        "其他相关部门依法在各自职责范围内做好配合工作。\n各项工作要按时推进，确保在年底前全部完成。\n（三）加强考评督促")
    units = _units(more, lexicon, seg)
    assert units[5:7] == [[("各镇人民政府", "lead"), ("园区管委会", "co")], [("其他相关部门", "lead")]], units
    assert len(units) == 8
    # Review (helper 586): what opens a paragraph before 负责 is its unit only when it is a body — not an enumerator
    # ("一是负责…", which leaves a section whole), a time ("2024年底前负责…"), a kind of party ("施工单位负责…") or a head
    # ("企业负责人要…"); parties a plan regulates ("各医院要…", "各旅行社要…") make no section of duties.
    listed = ("某区方案\n一、主要任务\n（一）排查隐患。区应急局负责组织排查。\n（二）职责分工\n一是负责建立隐患台账，实行销号管理。\n"
              "二是负责督促整改，按期完成。\n三是负责总结评估。\n")
    assert _units(listed, lexicon, seg) == [[("区应急局", "lead")], []]
    chapter = ("某区方案\n二、职责分工\n区应急局负责综合监管，牵头组织专项整治。\n施工单位负责现场安全管理，落实防护措施。\n"
               "企业负责人要亲自部署，层层压实责任。\n2024年底前负责完成全部整改任务。\n")
    assert [name for us in _units(chapter, lexicon, seg) for name, _ in us] == ["区应急局"]
    parties = ("某区方案\n一、主要任务\n（一）排查隐患。区应急局负责组织排查。\n（二）落实企业主体责任。督促企业落实安全生产主体责任。\n"
               "各医院要落实消防安全责任，开展自查。\n各旅行社要规范经营，加强安全教育。\n各加油站应严格落实安全管理制度。\n")
    assert _units(parties, lexicon, seg) == [[("区应急局", "lead")], []]
    # Near misses: a section of work with such paragraphs, and an article (第四条（责任分工）), a provision whole.
    work = text.replace("（二）明确工作职责。", "（二）加强信息共享。")
    assert len(parse_plan(work, "t.txt", lexicon, seg).items) == 3
    article = ("某区农村住房建设管理办法\n第四条（责任分工）\n区建管委负责农村住房建筑活动的监督管理。\n"
               "镇人民政府负责辖区内农村住房的管理。\n第五条（规划管理）\n区规划资源局负责编制村庄规划。\n")
    assert len(parse_plan(article, "t.txt", lexicon, seg).items) == 2


def test_a_division_of_work_under_a_chapter_of_goals_and_division(lexicon, seg) -> None:
    # 平潭 岚综管综〔2015〕18号 (heldout81): "二、工作目标和分工 / （一）工作目标。… / （二）工作分工。按照…原则 / 区经济发展局
    # （经信）负责… / 区交通与建设局（住建）负责…": the goals are no one's, the division's paragraphs each a body's duty (a
    # bureau named with the division that does the work); the chapter was read as goals, and its duties lost.
    text = ("某区实施方案\n二、工作目标和分工\n（一）工作目标。建立企业安全生产诚信体系。\n1.2015年底前，建立诚信承诺制度。\n"
            "（二）工作分工。按照属地管理和“谁主管、谁负责”的原则开展工作。\n区经济发展局（经信）负责建立民爆行业的诚信体系。\n"
            "区交通与建设局（住建）负责建立建筑施工行业的诚信体系。\n区安监局负责建立危险化学品行业的诚信体系。\n"
            "三、工作内容\n（一）建立承诺制度。区安监局负责组织实施。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    duties = [(i.number, [u.name for u in i.units]) for i in items if i.kind == "task" and i.units]
    assert [u for _, u in duties][:3] == [["区经济发展局（经信）"], ["区交通与建设局（住建）"], ["区安监局"]], duties
    assert not any("2015年底前" in i.text and i.kind == "task" for i in items)
    # Near miss: a chapter of goals alone keeps its sections as goals.
    goals = text.replace("二、工作目标和分工", "二、工作目标")
    assert not any(i.kind == "task" and "区经济发展局" in i.text for i in parse_plan(goals, "t.txt", lexicon, seg).items)


def test_a_duty_that_opens_with_its_body_is_that_bodys_whatever_its_verb(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕144号 (heldout61): "四、职责分工 / （一）区打非办为联络召集人，…", "（五）区人民银行协助开展…",
    # "（八）区财政金融局预算安排专项经费。": items with no verb the sentence readers know had no units.
    from ingest.parse import parse_plan

    text = ("某区专项整治方案\n四、职责分工\n（一）区打非办为联络召集人，牵头召开领导小组会议。\n"
            "（二）区公安局负责依法受理举报。\n（三）区人民银行协助开展资金调查，加强监测预警。\n"
            "（四）区经济发展局通报全区经济运行情况。\n（五）区财政金融局预算安排专项经费。\n"
            "（六）区财政局会同区水务局争取市补资金。\n")
    units = [[(u.name, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert units[:5] == [[("区打非办", "lead")], [("区公安局", "lead")], [("区人民银行", "lead")],
                         [("区经济发展局", "lead")], [("区财政金融局", "lead")]]
    assert ("区财政局", "lead") in units[5] and not any("会同" in n for n, _ in units[5])
    # Not outside a duties chapter, nor a topic that opens an item ("区级财政资金…"), nor two bodies run together.
    measures = text.replace("四、职责分工", "四、主要措施")
    assert parse_plan(measures, "t.txt", lexicon, seg).items[4].units == []
    # Review (helper 420): not a body whose clause names the doer after 由, a body's subordinate, post, place or project,
    # two bodies listed, nor levels of government.
    for line in ("区疾控中心实验室改造由区卫健委统筹推进。", "区国资委下属的平潭交投集团负责做好债务风险防控。",
                 "区政府办公室主任担任领导小组副组长。", "区公安局经侦支队长担任专班副组长。", "区政府驻地周边区域环境整治纳入考核。",
                 "区中心医院迁建项目确保2025年底前竣工。", "区内金融风险监测预警中心建设。", "市县两级政府事权划分按省里规定执行。",
                 "区财政局、区审计局加强资金监管。"):
        one = f"某区专项整治方案\n四、职责分工\n（一）{line}\n（二）区公安局负责依法受理举报。\n"
        first = parse_plan(one, "t.txt", lexicon, seg).items[0]
        assert not any(u.name in ("区疾控中心", "区国资委", "区政府办公室", "区公安局经侦支队", "区人民政府", "区中心医院",
                                  "区内金融风险监测预警中心", "市县两级人民政府") for u in first.units) \
            and [u.name for u in first.units] != ["区财政局"], line


def test_a_section_on_how_the_work_goes_is_no_ones(lexicon, seg) -> None:
    # 浦东 浦府办〔2021〕29号 (heldout61): "三、工作职责 / （四）工作流程" gave its items the unit "工作流程".
    from ingest.parse import parse_plan

    text = ("某区路长制方案\n三、工作职责\n（一）路长办公室职责\n区级路长办公室：承担具体工作。\n（二）工作流程\n"
            "1.发现。依托专管员日常巡查发现问题。\n2.通报。定期通报工作落实情况。\n")
    names = {u.name for i in parse_plan(text, "t.txt", lexicon, seg).items for u in i.units}
    assert "工作流程" not in names and "区级路长办公室" in names
    # A body's duties section still names its owner ("（二）区交通委", "（二）街道消委办").
    owned = text.replace("（二）工作流程", "（二）区交通委")
    assert "区交通委" in {u.name for i in parse_plan(owned, "t.txt", lexicon, seg).items for u in i.units}


def test_a_duty_that_opens_with_a_department_by_its_field(lexicon, seg) -> None:
    # 平潭 闽岚综实管综〔2013〕1号 (heldout64): "（三）县直相关职能部门的具体工作职责 / 5、航道部门要确保…" read "航道部" (a
    # ministry's ending cut out of 部门); a department by its field is the duty's body, as "交通部门要…" was.
    text = ("某县春运工作实施方案\n一、部门职责\n1、航道部门要确保航道安全畅通。\n2、经贸部门要加强与电力等部门的协调。\n"
            "3、安全监督管理部门要督促检查安全措施落实。\n二、工作要求\n（一）加强宣传。县委宣传部要做好宣传。\n")
    units = [[(u.name, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert units[:3] == [[("航道部门", "lead")], [("经贸部门", "lead")], [("安全监督管理部门", "lead")]]
    # Not work before 部门 ("加强部门协作…"), nor a collective ("相关部门要…", read elsewhere as before).
    text = text.replace("1、航道部门要确保航道安全畅通。", "1、加强部门协作，确保航道安全畅通。")
    assert [u.name for u in parse_plan(text, "t.txt", lexicon, seg).items[0].units] == []


def test_a_working_group_named_by_its_heading_line_leads_its_item(lexicon, seg) -> None:
    # 平潭 闽岚综实管综〔2013〕1号 (heldout64): "1、春运票价监管检查工作小组 / 组长：… / 主要任务是负责…": the group, named
    # by the whole heading line with its members after, leads (as "综合协调组：负责…" does).
    text = ("某县春运工作实施方案\n一、工作机构\n（一）工作小组\n1、春运票价监管检查工作小组\n组长：张三\n主要任务是负责票价监管。\n"
            "2、反超载、反超限整治工作小组\n组长：李四\n主要任务是负责整治超载。\n二、工作要求\n（一）加强宣传。县委宣传部要做好宣传。\n")
    units = [[(u.name, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert units[:2] == [[("春运票价监管检查工作小组", "lead")], [("反超载、反超限整治工作小组", "lead")]]
    # Not a heading that sets a group up ("1、成立工作领导小组").
    text = text.replace("1、春运票价监管检查工作小组", "1、成立春运工作领导小组")
    assert parse_plan(text, "t.txt", lexicon, seg).items[0].units == []
    # Review (helper 445): a heading that sets a group up after a body ("各乡镇成立春运工作领导小组") or acts on one
    # ("充实工作专班"), and a group by its kind alone ("工作专班"), name no owner.
    for heading in ("各乡镇成立春运工作领导小组", "充实工作专班", "工作专班"):
        assert parse_plan(text.replace("1、成立春运工作领导小组", "1、" + heading), "t.txt", lexicon, seg).items[0].units == [] \
            or heading == "各乡镇成立春运工作领导小组"
    units = parse_plan(text.replace("1、成立春运工作领导小组", "1、各乡镇成立春运工作领导小组"), "t.txt", lexicon, seg).items[0].units
    assert "各乡镇成立春运工作领导小组" not in [u.name for u in units]


def test_no_department_by_field_in_work_that_ends_in_bumen(lexicon, seg) -> None:
    # Review (helper 445): "全面加强部门协作…", "加大部门联合执法力度…", "上级部门下达的…" open no duty with a department.
    text = ("某县春运工作实施方案\n一、部门职责\n1、全面加强部门协作，确保安全。\n2、加大部门联合执法力度。\n"
            "3、上级部门下达的任务要按时完成。\n4、经贸部门要做好供应保障。\n二、工作要求\n（一）加强宣传。县委宣传部要做好宣传。\n")
    units = [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert units[:4] == [[], [], [], ["经贸部门"]]


def test_a_line_naming_whose_duties_follow_gives_them_the_numbered_items_after_it(lexicon, seg) -> None:
    # 平潭 闽岚综实管办〔2013〕142号 (heldout67): a leading group's roster, then "领导小组下设办公室（简称“标准办”）… /
    # “标准办”职责为：" and a list that numbers again from （一）, each point a clause ending in "；". 山东 2021 (heldout22):
    # "第四条 领导小组职责：" before its （一）….
    text = ("某区标准化管理实施方案\n一、组织机构\n（一）组长：王某\n（二）成员：李某、张某\n领导小组下设办公室（简称“标准办”）。\n"
            "“标准办”职责为：\n（一）负责活动的总体规划；\n（二）负责活动计划的制定；\n（三）定期编写活动信息。\n"
            "二、工作要求\n（一）加强宣传。区委宣传部要做好宣传。\n")
    units = _units(text, lexicon, seg)
    assert units[-4:] == [[("标准办", "lead")]] * 3 + [[("区委宣传部", "lead")]]
    text = ("某省防灾减灾救灾领导小组工作规则\n一、职责\n第四条 领导小组职责：\n（一）研究制定防灾减灾规划；\n（二）统筹推进体系建设。\n")
    assert _units(text, lexicon, seg) == [[("领导小组", "lead")]] * 2


def test_no_owner_from_a_line_that_names_no_body_or_does_not_open_the_list(lexicon, seg) -> None:
    # Not a party the plan regulates ("施工单位职责为："), not a line of conditions, and not a line that the list's
    # first point does not follow (the points after "（二）" are the same list's, opened elsewhere).
    text = ("某区标准化管理实施方案\n一、主要内容\n施工单位职责为：\n（一）负责现场文明施工；\n（二）负责安全防护。\n"
            "二、申报\n申报条件为：\n（一）具有独立法人资格；\n（二）近三年无违法记录。\n")
    assert all(u == [] for u in _units(text, lexicon, seg))
    text = ("某区方案\n一、组织机构\n（一）成立领导小组。区政府成立领导小组，负责统筹。\n“标准办”职责为：\n"
            "（二）负责活动的总体规划。\n（三）负责活动计划的制定。\n")
    assert [u for u in _units(text, lexicon, seg)[1:]] == [[], []]


def test_a_line_saying_whose_duties_follow_is_no_part_of_the_item_before_it(lexicon, seg) -> None:
    # Review (helper 468): a conditions list, then "区交通与建设局职责：" and the bureau's duties; the conditions are the
    # chapter's text (no item, the last one's "。" notwithstanding), the line ends them and opens the bureau's list.
    text = ("平潭综合实验区农村公路建设管理办法\n一、申报条件\n申报项目应当符合下列条件：\n（一）纳入农村公路建设规划；\n"
            "（二）建设资金已落实。\n区交通与建设局职责：\n（一）负责项目审核；\n（二）负责项目公示。\n")
    assert _units(text, lexicon, seg) == [[("区交通与建设局", "lead")], [("区交通与建设局", "lead")]]


def test_a_duty_titled_by_its_work_opens_its_first_sentence_with_its_body(lexicon, seg) -> None:
    # 平潭 2021 大棚房 回头看 (heldout70): "三、责任分工 / （二）片区排查落实。各片区管理局承担实施“回头看”的主体责任，…" in a plan
    # whose other items state their units in clauses: the body the duty's first sentence opens with owns it.
    text = ("某区回头看方案\n二、主要任务\n（一）全面核查。开展核查。（区农业农村局牵头，区资源生态局参与）\n三、责任分工\n"
            "（一）片区排查落实。各片区管理局承担实施“回头看”的主体责任，负责组织落实。\n"
            "（二）部门紧密协同。区农业农村、资源生态等部门加强指导。\n（三）区级抓总。区级对全区负总责。\n")
    assert _units(text, lexicon, seg)[1:] == [[("各片区管理局", "lead")], [], []]
    # Not outside a duties chapter, and not where the heading has no 。 of its own (a run-on first sentence).
    assert _units(text.replace("三、责任分工", "三、工作措施"), lexicon, seg)[1] == []
    assert _units(text.replace("片区排查落实。各片区管理局", "片区排查落实，各片区管理局"), lexicon, seg)[1] == []
    # Review (helper 496): not a body inside what a sentence whose doer follows 由 is about.
    text = text.replace("各片区管理局承担实施“回头看”的主体责任，负责组织落实", "区农村发展局验收合格的项目，由各片区管理局予以销号")
    assert ("区农村发展局", "lead") not in _units(text, lexicon, seg)[1]


def test_a_chapter_that_states_whose_the_work_is(lexicon, seg) -> None:
    # 平潭 岚综管办〔2015〕182号 (heldout73): "二、明确查处无证无照经营工作职责 / （二）公安局。负责对…" — a duties chapter by its
    # heading, each item the body its heading names.
    text = ("某区实施意见\n一、建立制度\n（一）建立联席会议制度。区市场监管局要牵头召开会议。\n二、明确查处无证无照经营工作职责\n"
            "（一）公安局。负责对从事旅馆业的无照经营行为进行查处。\n（二）交通与建设局。负责对从事建筑施工的无照经营行为进行查处。\n")
    assert _units(text, lexicon, seg)[1:] == [[("公安局", "lead")], [("交通与建设局", "lead")]]
    # Not a chapter that makes duties its work's object ("二、明确职责，强化考核" names no duties that follow).
    plan = text.replace("二、明确查处无证无照经营工作职责", "二、明确职责，强化考核")
    assert _units(plan, lexicon, seg)[1:] == [[], []]
    # Review (helper 526): nor "明确监管职责" over a list of offences closed by "的；".
    text = ("某区实施意见\n一、建立制度\n（一）建立联席会议制度。区市场监管局要牵头召开会议。\n二、明确监管职责\n"
            "区市场监管局负责对下列经营行为依法查处：\n（一）未取得营业执照擅自从事经营活动的；\n（二）超出核准登记范围从事经营活动的；\n")
    assert len(parse_plan(text, "t.txt", lexicon, seg).items) == 1


def test_a_duties_items_body_is_no_longer_than_its_name(lexicon, seg) -> None:
    # 平潭 岚综管办〔2016〕85号 (heldout74), "六、责任分工" in a plan whose stages carry 责任单位 lines: "（七）区林业局要依法查处…"
    # had given "区林业局要依法查处" (its 处 ends like an office's); "区环境与国土资源局要…" none (与 read as joining two bodies);
    # "各乡镇要严格落实属地管理责任" none.
    text = ("某区方案\n一、工作步骤\n（一）宣传发动。开展宣传。\n责任单位：区社会事业局、区公安局\n二、责任分工\n"
            "（一）区林业局要依法查处毁林造墓违法行为。\n（二）区环境与国土资源局要利用航拍技术开展排查。\n"
            "（三）各乡镇要严格落实属地管理责任。\n（四）区财政局与区审计局要加强资金监管。\n")
    # Two bodies joined by 与 are two (the duties section's own reading gives none; the plan's last reading, of
    # sentences, both: session 71).
    assert _units(text, lexicon, seg)[1:] == [[("区林业局", "lead")], [("区环境与国土资源局", "lead")], [("各乡镇", "lead")],
                                               [("区财政局", "lead"), ("区审计局", "co")]]
    # Not the places of the bodies named next ("各乡镇公安、边防派出所要…"), nor 应急 taken for a modal.
    text = text.replace("各乡镇要严格落实属地管理责任", "各乡镇公安、边防派出所要派驻警力").replace("区林业局要", "区应急管理局要")
    assert _units(text, lexicon, seg)[1] == [("区应急管理局", "lead")] and ("各乡镇", "lead") not in _units(text, lexicon, seg)[3]
    # Review (helper 536): two bodies joined by 和/与 are no one name, whatever their ending ("区妇联和区团委",
    # "区气象台与区水文站"); names that hold 依法治, 供应, 应用, 重要 keep them.
    text = ("某区方案\n一、工作步骤\n（一）宣传发动。开展宣传。\n责任单位：区社会事业局、区公安局\n二、责任分工\n"
            "（一）区妇联和区团委要做好宣传。\n（二）区气象台与区水文站加强监测预警。\n（三）区委依法治区办公室统筹推进依法治理。\n"
            "（四）区供应链服务中心统筹砂石调配。\n（五）区林业局严格依法查处毁林行为。\n")
    got = _units(text, lexicon, seg)
    assert got[1] == [("区妇联", "lead"), ("区团委", "co")] and ("区气象台与区水文站", "lead") not in got[2]
    assert got[3:] == [[("区委依法治区办公室", "lead")], [("区供应链服务中心", "lead")], [("区林业局", "lead")]]


def test_a_section_on_conditions_or_work_under_duties_names_no_owner(lexicon, seg) -> None:
    # 平潭 烟花爆竹 2016 (heldout76), under 二、工作职责: "（四）零售经营网点申报条件" over its conditions and "（五）认真做好
    # 行政审批许可。…" over the papers to hand in are no bodies owning the lines under them.
    text = ("某区实施意见\n一、工作职责\n（一）确定产品种类。由区烟花办组织成员单位确定产品种类。\n（二）零售经营网点申报条件\n"
            "1.主要负责人经过安全培训合格；\n2.零售场所配备必要的消防器材；\n（三）认真做好行政审批许可。区安监局负责审批许可证。\n"
            "（1）零售许可证申请书；\n（2）消防器材配备情况说明。\n")
    names = {u.name for i in parse_plan(text, "t.txt", lexicon, seg).items for u in i.units}
    assert not names & {"零售经营网点申报条件", "认真做好行政审批许可"}, names
    # Owners that are no offices still own theirs: "（七）学校", "（八）家庭", "其他各成员单位".
    text = ("某区实施方案\n三、部门职责\n（一）区教育局\n1.组织开展视力筛查；\n（二）学校\n1.落实眼保健操制度；\n（三）家庭\n"
            "1.控制电子产品使用；\n（四）其他各成员单位\n1.负责配合落实相关工作；\n")
    owners = [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert owners == [["区教育局"], ["学校"], ["家庭"], ["其他各成员单位"]], owners


def test_a_heading_that_punishes_is_no_division(lexicon, seg) -> None:
    # "（二）严格查处。" under 工作职责 ended like a division's name (…处) and owned its item; "依法惩处" the same.
    text = ("某区实施意见\n一、工作职责\n（一）严格查处。未经许可非法经营的，依法处以罚款。\n（二）依法惩处。对违法行为依法处理。\n"
            "（三）农业农村处。负责组织实施。\n")
    assert _units(text, lexicon, seg) == [[], [], [("农业农村处", "lead")]]


def test_divisions_named_for_inspection_stay_owners(lexicon, seg) -> None:
    # Review (helper 551): 稽查处, 督查处, 检查处, 审判处 are divisions; "严格查处", "依法惩处" are work.
    text = ("某局2024年工作要点\n二、职责分工\n（一）督查处\n1.负责重点工作督查；\n（二）稽查处\n1.负责税务稽查；\n"
            "（三）严格查处\n1.对违法行为依法处理；\n（四）依法惩处\n1.对违法行为依法处理；\n")
    assert _units(text, lexicon, seg) == [[("督查处", "lead")], [("稽查处", "lead")], [], []]


def test_an_office_named_for_oversight_owns_its_duties(lexicon, seg) -> None:
    # Review (helper 557): "监管办" opens like work (监管) but is an office; "及时查处" is work.
    text = ("某区方案\n二、职责分工\n（一）监管办\n1.负责日常监督；\n（二）执法稽查处\n1.负责查处违法建设案件；\n（三）及时查处\n"
            "1.对新增违法建设及时查处；\n")
    assert _units(text, lexicon, seg) == [[("监管办", "lead")], [("执法稽查处", "lead")], []]


def test_a_member_units_work_duties_chapter_splits_and_a_kind_section_keeps_its_owners(lexicon, seg) -> None:
    # 平潭 岚综管办〔2015〕76号 (heldout82): "四、成员单位工作职责 / （三）区公安边防支队强化…" is a duties chapter as
    # "成员单位职责" is: each item its opening body's, whatever its verb.
    text = ("某区海域采砂管理方案\n四、成员单位工作职责\n（一）区经济发展局要依据海洋管理法规加强监管。\n"
            "（二）区公安边防支队强化对沿海采砂水域的治安管理。\n（三）供水供电部门要对非法砂场予以断水断电。\n")
    assert _units(text, lexicon, seg) == [[("区经济发展局", "lead")], [("区公安边防支队", "lead")], [("供水供电部门", "lead")]]
    # Near miss: a chapter of tasks with the same items names no owner for the bureau's verb-first line, and an army's
    # troops ("人民解放军和武装警察部队根据…") are no "武装警察部" cut before its 队.
    tasks = text.replace("四、成员单位工作职责", "四、主要任务")
    assert _units(tasks, lexicon, seg)[1] == []
    troops = text.replace("区公安边防支队强化对沿海采砂水域的治安管理", "人民解放军和武装警察部队根据需要担负抢险救援任务")
    assert _units(troops, lexicon, seg)[1] == []
    # 松江 沪松绿容发〔2026〕31号: "一、职责分工 / （四）城管执法部门 / 2.街镇综合行政执法机构 / 对…依法进行查处": a section
    # grouping owners by kind leaves each item to the owner its heading names (a town's enforcement body).
    kinds = ("某区绿化管理指导意见\n一、职责分工\n（一）城管执法部门\n1.区城管执法局\n指导并监督属地执法工作。\n"
             "2.街镇综合行政执法机构\n对管辖范围内占绿、毁绿等违法行为依法进行查处。\n")
    assert _units(kinds, lexicon, seg) == [[("区城管执法局", "lead")], [("街镇综合行政执法机构", "lead")]]
    # Near miss: an institution by another kind ("各金融机构") is no owner, so the section's kind stands.
    banks = kinds.replace("2.街镇综合行政执法机构", "2.各金融机构")
    assert _units(banks, lexicon, seg)[1] == [("城管执法部门", "lead")]


def test_a_maritime_office_named_by_its_place_owns_its_duty(lexicon, seg) -> None:
    # 平潭 岚综管办〔2015〕76号 (heldout82): "（七）平潭海事处独立开展或派出船只…": a maritime safety office carries its
    # port's name, not a level, as "厦门海事局" does.
    text = ("某区海域采砂管理方案\n四、成员单位工作职责\n（一）区交通与建设局组织人员参加执法检查。\n"
            "（二）平潭海事处独立开展或派出船只和人员参加整治行动。\n")
    assert _units(text, lexicon, seg)[1] == [("平潭海事处", "lead")]
    # Near miss: a place's office of no known kind ("平潭某处") stays no owner.
    other = text.replace("平潭海事处", "平潭某处")
    assert _units(other, lexicon, seg)[1] == []


def test_review_a_work_section_under_a_tasks_and_division_chapter_names_no_owner(lexicon, seg) -> None:
    # Review (helper 606): "二、重点任务及分工 / （一）完善基层服务网络 / 3.养老服务中心。…": a section of work, not one grouping
    # owners by kind, so what its items build is no owner; "压实有关单位工作职责，强化协同联动" is a tasks chapter.
    text = ("某区基层医疗卫生服务能力提升行动方案\n二、重点任务及分工\n（一）完善基层服务网络\n"
            "1.养老服务中心。每个街道建成一家养老服务中心。\n2.区卫健委。统筹推进基层医疗机构标准化建设。\n")
    assert _units(text, lexicon, seg)[0] == []
    from ingest.patterns import DUTY_CHAPTER
    assert not DUTY_CHAPTER.search("压实有关单位工作职责，强化协同联动") and DUTY_CHAPTER.search("成员单位工作职责")


def test_a_heading_naming_owners_together_gives_each_paragraph_to_its_department(lexicon, seg) -> None:
    # 平潭 2015 网格化环保监管 (heldout83), its annex "…工作职责 / 三、相关部门 / 环保部门：… / 财政部门：…": a heading naming the
    # owners together holds one item a paragraph where most open with a body, a department by its field among them.
    text = ("某区网格化环保监管体系工作职责\n一、区管委会\n负责全区网格化环保监管体系建立和运行。\n三、相关部门\n"
            "环保部门：落实属地环保监管职责，承担日常环保监管任务。\n财政部门：为网格化环境监管体系的运行提供经费保障。\n"
            "公安部门：负责查处社会生活类环境违法行为。\n")
    assert _units(text, lexicon, seg)[1:] == [[("环保部门", "lead")], [("财政部门", "lead")], [("公安部门", "lead")]]
    # Near miss: a section of work under such a heading, its paragraphs not opening with bodies, stays one item.
    work = text.replace("环保部门：", "加强监管：").replace("财政部门：", "强化保障：").replace("公安部门：", "严格执法：")
    assert len(_units(work, lexicon, seg)) == 2


def test_member_units_open_their_duties_by_what_guides_them(lexicon, seg) -> None:
    # 嘉定 嘉府发〔2023〕20号 (heldout83): "（三）成员单位 / 区规划资源局负责… / 区属国有企业根据区政府要求开展… / 街道办事处、
    # 镇人民政府按照职责分工…": bodies before 按照, 根据 or 在各自 open their duties too, so the section splits.
    text = ("某区城市更新实施意见\n五、主要职责\n（三）成员单位\n区规划资源局负责本区城市更新规划土地管理工作。\n"
            "区建设管理委负责推动本区城市管理精细化。\n区交通、水务等部门在各自职责范围内制定相关配套政策。\n"
            "区属国有企业根据区政府要求开展城市更新相关工作。\n街道办事处、镇人民政府按照职责分工充分发挥属地职能。\n")
    units = _units(text, lexicon, seg)
    assert len(units) == 5 and units[-1] == [("街道办事处", "lead"), ("镇人民政府", "co")], units
    # Near miss: work before 按照 names no one ("各项工作按照…").
    work = text.replace("街道办事处、镇人民政府按照职责分工充分发挥属地职能。", "各项工作按照职责分工有序推进。")
    assert all(name != "各项工作" for item in _units(work, lexicon, seg) for name, _ in item)


def test_a_place_or_grade_before_a_party_gives_it_no_duty(lexicon, seg) -> None:
    # Review (helper 621): under a duties chapter, "区内建筑施工企业按照…", "区级文物保护单位根据…", "市容环卫作业单位按照…" and
    # "区管干部按照…" opened items of their own with the party, site or people as lead: 区/市 there is a place, a grade or a
    # field, not the level that owns a body ("区属国有企业", "区直单位"), and 干部 are people, not a 部.
    text = ("某区安全生产工作实施方案\n一、工作目标\n全面落实安全生产责任。\n二、职责分工\n区应急管理局负责全区安全生产综合监管。\n"
            "区住建委负责建设工程安全生产监督管理。\n{}\n三、工作要求\n各单位要加强协作。\n")
    for party in ("区内建筑施工企业按照《建设工程安全生产管理条例》要求，落实安全生产主体责任。",
                  "区级文物保护单位根据文物保护规划开展日常养护和修缮。",
                  "市容环卫作业单位按照作业标准做好道路清扫保洁。",
                  "区管干部按照规定如实报告个人有关事项。"):
        units = _units(text.format(party), lexicon, seg)
        assert units[:2] == [[("区应急管理局", "lead")], [("区住建委", "lead")]], (party, units)
        assert not any(name.startswith(party[:4]) for item in units for name, _ in item), (party, units)
    # Still: a body its level owns opens its duty ("区属国有企业根据…"), and so do its 城管 office and its 管委会,
    # whatever their verb (虹口 2023, heldout86: "区城管执法局加强对…执法业务指导。" had run into the duty before it);
    # not a county town's company ("县城供水公司").
    units = _units(text.format("区属国有企业根据区政府要求开展安全隐患排查。"), lexicon, seg)
    assert [("区属国有企业", "lead")] in units, units
    for office in ("区城管执法局加强对属地街道综合行政执法队（城管中队）执法业务指导。属地街道执法队负责文明施工监督。",
                   "区管委会加强对园区内各类生产经营单位（含在建工程）安全生产工作的督促检查。园区企业要落实主体责任。"):
        units = _units(text.format(office), lexicon, seg)
        assert units[2][0] == (office[:office.index("加强")], "lead"), (office, units)
    units = _units(text.format("县城供水公司加强对管网的日常巡查。"), lexicon, seg)
    assert not any(name.startswith("县城") for item in units for name, _ in item), units


def test_a_heading_naming_owners_over_contacts_holds_no_duties(lexicon, seg) -> None:
    # Review (helper 621): "三、相关部门" over contacts ("市应急管理局：联系人张明，联系电话…") or scores ("区司法局：考核得分96分…")
    # gives no body a duty of its own: only paragraphs that give work split (test above: "财政部门：为…提供经费保障").
    text = ("某市防汛工作通知\n一、工作要求\n各单位要落实防汛责任。\n三、相关部门\n市应急管理局：联系人张明，联系电话0591-88881234。\n"
            "市公安局：联系人李强，联系电话0591-88882345。\n市住房和城乡建设局：联系人王芳，联系电话0591-88883456。\n")
    units = _units(text, lexicon, seg)
    assert len(units) == 2 and not any(role == "lead" and name == "市公安局" for item in units for name, role in item), units


def test_a_chapter_announcing_its_duties_gives_each_paragraph_to_its_body(lexicon, seg) -> None:
    # 奉贤 沪奉府规〔2025〕1号 (heldout84): "六、保障机制 / …主要管理、执法部门工作职责如下： / 区绿化市容局负责… /
    # 区规划资源局进行…": a convention stated once, in the chapter's opening paragraph, which is no duty itself; a paragraph
    # opening with an office its level names is that office's duty whatever its verb.
    text = ("某区渣土消纳管理意见\n一、统筹管理\n区绿化市容局统筹全区土方消纳。\n六、保障机制\n"
            "为加强组织领导，推进相关措施落地，本区主要管理、执法部门工作职责如下：\n"
            "区绿化市容局负责本区土方处理的具体管理工作。\n区规划资源局进行全区域空间梳理，设置区级消纳场所。\n"
            "区交通委负责对运输车辆实施监督检查。\n区数据局推进整合建筑垃圾管理的数据资源。\n")
    units = _units(text, lexicon, seg)
    assert units[1:] == [[("区绿化市容局", "lead")], [("区规划资源局", "lead")], [("区交通委", "lead")],
                         [("区数据局", "lead")]], units
    # The opening paragraph is a duty where it gives work itself before announcing the rest (平潭 2015, heldout58).
    joint = text.replace("为加强组织领导，推进相关措施落地，本区主要管理、执法部门工作职责如下：",
                         "在区委统一领导下，由区绿化市容局、区城管执法局共同牵头。具体职责分工如下：")
    assert len(_units(joint, lexicon, seg)) == 6
    # Near miss: a chapter whose opening paragraph announces no duties ("主要措施如下：") stays one item.
    plain = text.replace("工作职责如下：", "主要措施如下：")
    assert len(_units(plain, lexicon, seg)) == 2


def test_an_article_announcing_a_bodys_duties_gives_it_each_point(lexicon, seg) -> None:
    # 黄浦 黄府规〔2023〕7号 (heldout84): "第五条 区国动办是…实施单位，具体履行以下职责： / （一）…； / （五）…": the points are
    # the body's duties, sub-items of the article (their marker ranks above it), each led by the body the sentence
    # opens with — or by the group it says others make up ("由A、B等部门组成的工作小组（以下简称…），具体履行以下职责：").
    text = ("某区人防工程隐患整治管理办法\n第一章 总则\n第一条 为规范本区人防工程管理，制定本办法。\n第二章 组织管理\n"
            "第四条 由区国动办、区建管委等部门组成的工程隐患整治工作小组（以下简称“工作小组”），具体履行以下职责：\n"
            "（一）研究、决定工程隐患整治的重要事项；\n（二）监督工程隐患整治竣工验收。\n"
            "第五条 区国动办是工程隐患整治的实施单位，具体履行以下职责：\n（一）组织制定工程隐患整治实施方案；\n"
            "（二）组织实施工程隐患整治竣工验收；\n（三）承办工作小组交办的其他事项。\n"
            "第六条 区民防工程管理中心（以下简称“管理中心”）协助区国动办开展工作，具体履行以下职责：\n"
            "（一）开展工程底数排摸工作；\n（二）负责日常巡查工作。\n第七条 区国动办应当按照规定开展政府采购。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    got = [(i.number, [(u.name, u.role) for u in i.units]) for i in plan.items if i.number != "第一条"]
    group, office, centre = [("工程隐患整治工作小组", "lead")], [("区国动办", "lead")], [("区民防工程管理中心", "lead")]
    assert got == [("第四条（一）", group), ("第四条（二）", group), ("第五条（一）", office), ("第五条（二）", office),
                   ("第五条（三）", office), ("第六条（一）", centre), ("第六条（二）", centre), ("第七条", office)], got
    # Near miss: an article announcing the conditions of its rule ("…需满足以下条件：") holds them as its text.
    rule = text.replace("区国动办是工程隐患整治的实施单位，具体履行以下职责：", "施工单位需满足以下条件：")
    assert not any(i.number.startswith("第五条（") for i in parse_plan(rule, "t.txt", lexicon, seg).items)


def test_an_articles_title_or_its_kind_of_duties_names_whose_points_they_are(lexicon, seg) -> None:
    # 黄浦 2025 地下空间 (heldout97): "第五条（其他监督管理部门监督检查职责） / 区公安分局、…、区应急局、区市场监管局及其他监督
    # 管理部门承担以下监督检查职责：" (duties of a kind of work, a list longer than thirty characters, 应急 no modal) and
    # "第六条（街道办事处监督检查职责） / （一）…" (the title alone in its brackets) give each point its bodies.
    text = ("某区地下空间安全使用监督检查管理规定\n第一条（目的与依据）\n为加强地下空间安全管理，制定本规定。\n"
            "第五条（其他监督管理部门监督检查职责）\n区公安分局、区消防救援局、区建管委、区应急局、区市场监管局及其他监督管理部门"
            "承担以下监督检查职责：\n（一）按照统一部署，参加联合检查；\n（二）依法办理本部门职责范围内的违法案件。\n"
            "第六条（街道办事处监督检查职责）\n（一）落实属地安全责任；\n（二）按照统一部署，参加联合检查。\n"
            "第七条（实施日期）\n本规定自印发之日起施行。\n")
    got = _by_number(text, lexicon, seg)
    five = [("区公安分局", "lead"), ("区消防救援局", "co"), ("区建管委", "co"), ("区应急局", "co"), ("区市场监管局", "co")]
    assert got["第五条（一）"] == got["第五条（二）"] == five, got
    assert got["第六条（一）"] == got["第六条（二）"] == [("街道办事处", "lead")], got
    # Near miss: a title that is a rule's, not a body's duties ("第六条（检查内容）"), holds no one's points.
    rule = text.replace("第六条（街道办事处监督检查职责）", "第六条（检查内容）")
    got = _by_number(rule, lexicon, seg)
    assert not any(n.startswith("第六条（") for n in got) and not any(units for n, units in got.items() if "（二）" in n
                                                                   and not n.startswith("第五条")), got


def test_review_what_is_no_body_duty_stays_as_it_was(lexicon, seg) -> None:
    # Review (helper 632): "区国动办履行以下职责：" and "区国动办会同区建管委，具体履行以下职责：" announce duties too (the
    # points had lost their body); "下列事项不属于工作小组职责：" and "…应当具备以下条件，并履行相应的管理职责：" announce none.
    text = ("某区民防工程管理办法\n第一条 为加强民防工程管理，制定本办法。\n第二条 区国动办履行以下职责：\n（一）制定隐患整治年度计划；\n"
            "（二）组织开展隐患排查。\n第三条 区国动办会同区建管委，具体履行以下职责：\n（一）制定整治计划；\n（二）组织验收。\n"
            "第四条 下列事项不属于工作小组职责：\n（一）民防工程日常维护保养；\n（二）使用单位内部安全管理。\n"
            "第五条 申请使用民防工程的单位，应当具备以下条件，并履行相应的管理职责：\n（一）具有独立法人资格；\n（二）有专职安全管理人员。\n"
            "第六条 本办法自发布之日起施行。\n")
    got = _by_number(text, lexicon, seg)
    assert got["第二条（一）"] == got["第二条（二）"] == [("区国动办", "lead")], got
    assert got["第三条（一）"] == [("区国动办", "lead"), ("区建管委", "co")], got
    assert "第四条" in got and "第五条" in got and not any(n.startswith(("第四条（", "第五条（")) for n in got), got
    assert not any("下列事项" in name for units in got.values() for name, _ in units), got
    # A chapter announcing duties: a paragraph reporting what an office did, or a body deciding, is no duty of it; nor
    # is a chapter announcing rights.
    text = ("某区城市更新实施意见\n一、目标\n完成改造10个。\n二、保障机制\n为确保各项工作落到实处，各相关部门工作职责如下：\n"
            "区住建局负责城市更新项目的统筹推进。\n区财政局负责资金保障。\n区财政局2023年下达的启动资金已全部到位。\n"
            "区政府常务会议审议通过后，项目方可实施。\n三、权利义务\n被征收人的权利和职责分工如下：\n被征收人有权获得公平补偿。\n"
            "区住建局依法作出征收决定后，被征收人应当在规定期限内完成搬迁。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    owned = [[u.name for u in i.units] for i in items if i.number.startswith("二")]
    assert owned[:2] == [["区住建局"], ["区财政局"]] and all(not u for u in owned[2:]), owned
    assert [i.number for i in items if i.number.startswith("三")] == ["三"]


def test_bodies_listed_in_an_announcement_share_its_points(lexicon, seg) -> None:
    # 浦东 浦府管规〔2022〕2号 (heldout85): "第四条 街镇与居委会职责 / 街道办事处、镇人民政府负责…，履行下列职责： / （一）…": the
    # first listed leads each point, the others take part; a collective too, where a sentence announces its duties. And
    # "浦东新区建设和交通委员会（以下简称“区建交委”）负责…" names the committee, not its short name's bracket.
    text = ("某区住宅小区脱落隐患治理办法\n第三条 部门职责\n浦东新区建设和交通委员会（以下简称“区建交委”）负责统筹协调治理工作。\n"
            "区房屋管理中心负责指导治理相关专项工作。\n第四条 街镇职责\n街道办事处、镇人民政府负责综合协调本辖区治理工作，履行下列职责：\n"
            "（一）建立应急处置工作机制；\n（二）开展脱落隐患抽查检测。\n第五条 本办法自发布之日起施行。\n")
    got = _by_number(text, lexicon, seg)
    assert got["（一）"] == got["（二）"] == [("街道办事处", "lead"), ("镇人民政府", "co")], got
    assert "浦东新区建设和交通委员会" in [n for n, _ in got["第三条"]], got
    # Near miss: a heading's "各单位职责：" over its points still names no collective as their owner.
    plain = text.replace("街道办事处、镇人民政府负责综合协调本辖区治理工作，履行下列职责：", "各单位职责：")
    got = {i.number: [u.name for u in i.units] for i in parse_plan(plain, "t.txt", lexicon, seg).items}
    assert "各单位" not in [n for units in got.values() for n in units], got


def test_review_an_urged_partys_duties_are_no_bodys(lexicon, seg) -> None:
    # Review (helper 641): "…应当组织房屋所有人、使用人履行下列职责：", "…督促物业服务企业履行下列职责：" announce the duties of the
    # party a body urges, not the body's; a list's rule is no part of its last name ("…、区财政局按照各自职责，履行…"); a
    # regulated party listed after bodies takes no part ("…、业主委员会履行下列职责：").
    base = ("某区住宅小区管理办法\n第三条 部门职责\n区房屋管理局负责统筹协调本区住宅小区管理工作。\n第四条 有关职责\n{}\n"
            "（一）定期检查外墙设施；\n（二）及时报告安全隐患。\n第五条 本办法自发布之日起施行。\n")

    def points(line: str) -> list[list[tuple[str, str]]]:
        return [[(u.name, u.role) for u in i.units] for i in parse_plan(base.format(line), "t.txt", lexicon, seg).items
                if i.number.startswith("（")]

    assert points("街道办事处、镇人民政府应当组织房屋所有人、使用人履行下列职责：") == [[], []]
    assert points("街道办事处、镇人民政府督促物业服务企业履行下列职责：") == [[], []]
    both = [("区房屋管理局", "lead"), ("区建设和交通委员会", "co"), ("区财政局", "co")]
    assert points("区房屋管理局、区建设和交通委员会、区财政局按照各自职责，履行下列职责：") == [both, both]
    assert points("街道办事处、镇人民政府、业主委员会履行下列职责：")[0] == [("街道办事处", "lead"), ("镇人民政府", "co")]


def test_a_duties_section_that_ends_the_text_with_its_signature(lexicon, seg) -> None:
    # 宝山 2014 二次供水 (heldout86): "（二）职责分工" ends the text, its paragraphs each a body's duty, then the four
    # bureaus' signature and its date, which are no paragraphs (they had kept two thirds of its paragraphs from opening
    # with bodies, so the section stayed one item); a paragraph naming its topic, then who does it, is a duty too.
    text = ("某区改造实施意见\n一、工作任务\n（一）改造标准\n按标准改造。\n二、组织领导\n（一）推进平台\n成立联席会议。\n（二）职责分工\n"
            "区水务局是改造的总牵头单位。负责年度计划的审核上报。\n区房管局是改造的具体实施单位。负责组织实施。\n"
            "区发展改革委负责项目的立项工作。\n区财政局负责落实区级配套资金。\n"
            "老旧小区改造项目由区水务局会同区财政局按采购程序，选择施工单位实施。\n"
            "上海市某区水务局\n上海市某区住房保障和房屋管理局\n上海市某区发展和改革委员会\n上海市某区财政局\n2014年9月1日\n")
    assert _units(text, lexicon, seg)[-5:] == [
        [("区水务局", "lead")], [("区房管局", "lead")], [("区发展改革委", "lead")], [("区财政局", "lead")],
        [("区水务局", "lead"), ("区财政局", "co")]]
    # Not a topic run into a verb before 由 ("…的建议由…"), where no office follows it.
    text2 = text.replace("老旧小区改造项目由区水务局会同区财政局按采购程序，选择施工单位实施。", "改造资金由施工单位会同监理单位按程序，核定后拨付。")
    assert len(parse_plan(text2, "t.txt", lexicon, seg).items) == len(parse_plan(text, "t.txt", lexicon, seg).items) - 1


def test_members_and_their_shares_are_a_duties_section(lexicon, seg) -> None:
    # 宝山 2019 雨污混接 (heldout93): "（一）成员及分工 / 区水务局：参与项目验收，负责… / 各镇、街道、园区：组织开展… /
    # 各参建单位：负责按合同约定…": each paragraph one body's duty, 各 each listed name's, and a party by its kind a duty of
    # its own rather than a run of the towns'.
    text = ("某区管理办法\n一、竣工验收\n（一）成员及分工\n区水务局：参与项目验收，负责提供行业标准以及技术支持。\n"
            "区财政局：参与项目验收，根据工程进度及验收结果拨付资金。\n各镇、街道、园区：组织开展项目验收，指导居委做好宣传工作。\n"
            "各参建单位：负责按合同约定开展并完成各项工作，保证提供验收的各项资料。\n（二）验收程序\n原则采用1阶段验收。\n")
    got = [(i.number, [(u.name, u.role) for u in i.units]) for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert got == [("（一）.1", [("区水务局", "lead")]), ("（一）.2", [("区财政局", "lead")]),
                   ("（一）.3", [("各镇", "lead"), ("街道", "co"), ("园区", "co")]), ("（一）.4", [("各参建单位", "lead")]),
                   ("（二）", [])], got
    # Near misses: a section of what members are ("（一）成员构成") stays one item; a key that lists members
    # ("成员单位：区水务局、区财政局。") opens none.
    plain = text.replace("成员及分工", "成员构成")
    assert [i.number for i in parse_plan(plain, "t.txt", lexicon, seg).items] == ["（一）", "（二）"]
    keyed = text.replace("各参建单位：负责按合同约定开展并完成各项工作，保证提供验收的各项资料。", "成员单位：区水务局、区财政局、区审计局。")
    assert [i.number for i in parse_plan(keyed, "t.txt", lexicon, seg).items] == ["（一）.1", "（一）.2", "（一）.3", "（二）"]


def test_a_duties_item_headed_by_its_post_is_the_posts(lexicon, seg) -> None:
    # 平潭 2018 路长制 (heldout92): "五、职责分工 / （三）乡镇路长。乡镇路长为…第一责任人，负责…" — the post its heading names
    # leads, as the README settles for posts whose duties a section lists.
    text = ("某区路长制实施方案\n五、职责分工\n（一）区路长办公室。负责制定路长管理制度和考核办法。\n"
            "（二）乡镇路长。乡镇路长为辖区内农村公路的第一责任人，负责组织做好辖区内乡道的养护。\n"
            "（三）村路长。村路长负责组织辖区内村道养护巡查。\n")
    got = [[(u.name, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert got == [[("区路长办公室", "lead")], [("乡镇路长", "lead")], [("村路长", "lead")]], got
    # Near misses: outside a duties chapter a post's heading is the work on it ("二、主要任务 / （一）村路长。…"); every
    # level's posts at once ("各级路长") name no one post.
    work = text.replace("五、职责分工", "二、主要任务")
    got = [[u.name for u in i.units] for i in parse_plan(work, "t.txt", lexicon, seg).items]
    assert "乡镇路长" not in got[1], got
    every = text.replace("（三）村路长。村路长负责", "（三）各级路长。各级路长负责")
    got = [[u.name for u in i.units] for i in parse_plan(every, "t.txt", lexicon, seg).items]
    assert got[2] == [], got


def test_review_a_collectives_duties_article_is_the_bodies_its_sentence_names(lexicon, seg) -> None:
    # Review (helper 726): "第四条 街镇职责 / 街道办事处、镇人民政府负责…" in an article of one paragraph: the bodies the
    # sentence names, 街镇 only their kind (not counted a third time).
    text = ("某区住宅小区外墙脱落隐患治理办法\n第一条 为加强治理，制定本办法。\n第二条 区房管局职责\n区房管局负责全区脱落隐患治理的监督管理。\n"
            "第三条 街镇职责\n街道办事处、镇人民政府负责综合协调本辖区脱落隐患治理工作。\n")
    got = _by_number(text, lexicon, seg)
    assert got["第三条"] == [("街道办事处", "lead"), ("镇人民政府", "co")], got
    assert got["第二条"] == [("区房管局", "lead")], got


def test_review_parties_duties_do_not_unmake_a_duties_section(lexicon, seg) -> None:
    # Review (helper 726): "（一）成员及分工" whose later paragraphs give parties by their kind their duties
    # ("监理单位：负责…", "各物业企业：负责…") is still one duty a paragraph, the bodies' own.
    text = ("某区管理办法\n一、竣工验收\n（一）成员及分工\n区水务局：参与项目验收，负责提供行业标准以及技术支持。\n"
            "区财政局：参与项目验收，根据工程进度及验收结果拨付资金。\n各镇、街道、园区：组织开展项目验收，指导居委做好宣传工作。\n"
            "各参建单位：负责按合同约定开展并完成各项工作。\n监理单位：负责审核施工质量。\n各物业企业：负责配合做好小区内管网排查。\n"
            "（二）验收程序\n原则采用1阶段验收。\n")
    got = [(i.number, [u.name for u in i.units][:1]) for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert got[:3] == [("（一）.1", ["区水务局"]), ("（一）.2", ["区财政局"]), ("（一）.3", ["各镇"])], got
    assert len(got) == 7, got


def test_an_articles_last_paragraph_announces_whose_points_follow(lexicon, seg) -> None:
    # 浦东 2023 房屋应急维修 (heldout95): "第五条 (属地责任) / 街道办事处、镇人民政府负责… / 街镇服务站具体承担以下职能： /
    # (一)…": the points are the stations', whom the article's last paragraph names.
    text = ("某区若干规定\n第五条（属地责任）\n街道办事处、镇人民政府负责辖区内房屋应急维修服务管理工作，设立街镇服务站。\n"
            "街镇服务站具体承担以下职能：\n（一）受理处置辖区内房屋应急维修服务诉求；\n（二）承担交办的其他房屋应急维修任务。\n"
            "第六条（物业服务企业职责）\n物业服务企业应当履行以下义务：\n（一）及时报修；\n（二）配合维修。\n")
    got = _by_number(text, lexicon, seg)
    assert got["第五条（一）"] == got["第五条（二）"] == [("街镇服务站", "lead")], got
    # Near miss: a regulated party's obligations name no body of government.
    assert all(units == [] for number, units in got.items() if not number.startswith("第五条")), got


def test_review_duties_urged_on_a_party_and_an_articles_duty_paragraphs(lexicon, seg) -> None:
    # Review (helper 750): "街道办事处应当督促物业服务企业履行以下管理职责：" announces a party's duties, not the office's,
    # in the new wordings as in the old ("…要求地下空间使用人承担以下管理职责："); and 黄浦 2025 (heldout97): an article
    # of duty paragraphs ("第三条（职责分工） / 区国动办是…综合协调部门，负责牵头… / 区消防救援局负责… / 区教育局、…等部门
    # 应…") is every body its sentences say act, the first leading, though only some lines open with 负责.
    text = ("某区地下空间管理规定\n第一条 为加强地下空间安全管理，制定本规定。\n"
            "第二条 街道办事处应当督促物业服务企业履行以下管理职责：\n（一）建立安全管理制度；\n（二）定期开展安全检查。\n"
            "第三条 区民防办应当要求地下空间使用人承担以下管理职责：\n（一）建立安全管理制度；\n（二）发现隐患及时整改。\n"
            "第四条（职责分工）\n区国动办是本区地下空间安全使用管理的综合协调部门，负责牵头组织联合检查。\n"
            "区消防救援局负责依法进行消防监督检查；区建管委依法负责地下公共停车库的安全监督检查。\n"
            "区教育局、区民政局等部门应履行行业管理义务，配合有关监督管理部门开展安全监督检查。\n"
            "第五条 本规定自印发之日起施行。\n")
    got = _by_number(text, lexicon, seg)
    assert not any(units for n, units in got.items() if n.startswith(("第二条", "第三条"))), got
    assert got["第四条"][:2] == [("区国动办", "lead"), ("区消防救援局", "co")], got
    assert ("区教育局", "co") in got["第四条"] and ("区民政局", "co") in got["第四条"], got


def test_a_groups_and_members_duties_chapters_and_a_space_after_the_number(lexicon, seg) -> None:
    # 平潭 2016 智慧城市 (heldout98): "一、领导小组主要职责 / （1） 研究确定…;" and "三、成员单位及有关单位主要职责 / （15）
    # 区国税局、区地税局：…" are duties chapters: their points, closed by "；" or ";", are the owner's duties, and a list of
    # owners before the colon, after a space that follows the number, names them.
    text = ("平潭综合实验区管委会办公室关于印发智慧城市建设领导小组职责的通知\n一、领导小组主要职责\n"
            "（1） 研究确定我区智慧城市建设指导方针、重大决策;\n（2） 审定我区智慧城市发展战略、规划设计和重大政策；\n"
            "二、成员单位及有关单位主要职责\n（1） 区经济发展局：负责牵头推进智慧产业的培育和发展。\n"
            "（2） 区国税局、区地税局：大力推进税务系统信息化建设。\n")
    got = [(i.number, [(u.name, u.role) for u in i.units]) for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert got == [("一（1）", [("领导小组", "lead")]), ("一（2）", [("领导小组", "lead")]),
                   ("二（1）", [("区经济发展局", "lead")]), ("二（2）", [("区国税局", "lead"), ("区地税局", "co")])], got
    # Near miss: a chapter on what the duties are about, not whose ("一、明确职责" over a list of things), keeps its
    # points of a list as its text.
    plain = text.replace("一、领导小组主要职责", "一、工作内容")
    assert not any(i.number.startswith("一（") for i in parse_plan(plain, "t.txt", lexicon, seg).items)


def test_a_duty_opened_by_a_banks_branch_is_the_branchs(lexicon, seg) -> None:
    # 平潭 2015 保障性住房 (heldout98): "人民银行平潭支行负责协调…" in a duties chapter is the local branch's duty, not the
    # central bank's (its name was cut at 人民银行).
    text = ("平潭综合实验区管委会关于联合审查的通知\n三、职责分工\n区公安局负责提供户籍核查信息。\n"
            "人民银行平潭支行负责协调各银行业金融机构提供存款信息。\n")
    got = [[(u.name, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items]
    assert got == [[("区公安局", "lead")], [("人民银行平潭支行", "lead")]], got
    # Near miss: the bank by its own name alone still leads its duty ("区人民银行负责…").
    text = text.replace("人民银行平潭支行负责", "区人民银行负责")
    assert [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items][1] == ["区人民银行"]


def test_review_towns_lead_a_groups_points_keep_their_own_body_and_branches_in_numbered_duties(lexicon, seg) -> None:
    # Review (helper 757): "乡镇要组织…，乡镇人民政府…要…" is led by the towns (their government's name kept); under
    # "一、领导小组主要职责" a point that names its own body ("领导小组办公室负责…", "各成员单位要…") is that body's; a branch
    # opening a numbered duty ("（二）人民银行平潭支行负责…") is the branch's; work on another's branch is no name's part.
    text = ("某县违法建筑整治实施方案\n一、主要任务\n（一）乡镇要组织巡查力量，乡镇人民政府主要负责同志要亲自部署。\n"
            "（二）由乡镇牵头，会同县城管局开展联合执法，乡镇人民政府要做好经费保障。\n")
    got = _units(text, lexicon, seg)
    assert got[0] == [("乡镇人民政府", "lead")] and got[1][:1] == [("乡镇人民政府", "lead")], got
    text = ("平潭综合实验区智慧城市建设领导小组职责\n一、领导小组主要职责\n（1） 研究确定我区智慧城市建设指导方针;\n"
            "（2） 领导小组办公室负责督促检查各成员单位工作落实情况；\n（3） 各成员单位要按照职责分工，抓好任务落实；\n")
    assert _units(text, lexicon, seg) == [[("领导小组", "lead")], [("领导小组办公室", "lead")], [("各成员单位", "lead")]]
    text = ("平潭综合实验区保障性住房联合审查实施方案\n一、职责分工\n（一）区公安局负责提供户籍核查信息。\n"
            "（二）人民银行平潭支行负责协调各银行业金融机构提供存款信息。\n（三）区人社局联系各银行支行做好社保信息比对。\n")
    assert _units(text, lexicon, seg) == [[("区公安局", "lead")], [("人民银行平潭支行", "lead")], [("区人社局", "lead")]]


def test_unnumbered_headings_of_each_bodys_duties_and_its_partners(lexicon, seg) -> None:
    # 平潭 岚综管综〔2016〕141号 (heldout101): an annex of one unnumbered heading per body ("2016年平潭综合实验区交通与建设局
    # 环境保护目标责任") over its numbered points: the body leads each, those its points say it works with
    # ("配合区规划局等部门…", "协同区农发局…", "会同有关部门…", "与区交建局…") take part.
    text = ("平潭综合实验区管委会关于下达2016年区直有关部门环境保护目标责任的通知\n区直各单位：\n"
            "一、部署落实目标责任。各目标责任单位要根据本通知抓好落实。\n附件：2016年区直有关部门环境保护目标责任\n附件\n"
            "2016年平潭综合实验区环境与国土资源局环境保护目标责任\n一、推进生态文明创建。牵头编制生态文明建设规划。\n"
            "二、实施生态保护红线管控。配合区规划局等部门实施生态保护红线专项规划。\n"
            "2016年平潭综合实验区交通与建设局环境保护目标责任\n一、推进生活污染治理。负责制定城镇生活污水处理设施建设规划。\n"
            "二、协同推进大气污染防治。协同区农发局、区公安局开展整治，会同有关部门做好督查。\n"
            "三、加强扬尘监管。协助区环土局对建筑工地施工扬尘开展综合整治，与区财政金融局做好资金保障。\n")
    environment, transport = "平潭综合实验区环境与国土资源局", "平潭综合实验区交通与建设局"
    assert _units(text, lexicon, seg)[1:] == [
        [(environment, "lead")], [(environment, "lead"), ("区规划局", "co")], [(transport, "lead")],
        [(transport, "lead"), ("区农发局", "co"), ("区公安局", "co"), ("有关部门", "co")],
        [(transport, "lead"), ("区环土局", "co"), ("区财政金融局", "co")]]
    # Near misses: a collective's duties heading leaves each point its own body ("各部门（单位）职责 / 1.区应急管理局：…",
    # 金山 2026); two bodies' duties name neither; a body above the plan's, whom its owner liaises with, takes no part.
    text = ("某区自然灾害救助应急预案\n一、总则\n本预案适用于本区。\n附件\n各部门（单位）职责\n1.区应急管理局：承担综合协调工作。\n"
            "2.区民政局：负责困难群众基本生活救助。\n")
    assert _units(text, lexicon, seg)[-2:] == [[("区应急管理局", "lead")], [("区民政局", "lead")]]
    from ingest.sections import whose_duties
    assert whose_duties("区林业局和各镇街职责") is None
    assert whose_duties("区环境与国土资源局环境保护责任") == "区环境与国土资源局"
    text = ("平潭综合实验区交通建设工程标准化管理活动实施方案\n一、组织机构\n“标准办”职责为：\n（一）负责与省住建厅及其相关部门联系对接，制定实施方案；\n"
            "（二）负责组织召开动员部署会。\n")
    assert [u for u in _units(text, lexicon, seg)[0] if u[1] == "co"] == []


def test_a_duties_chapter_of_one_paragraph_is_every_body_it_says_acts(lexicon, seg) -> None:
    # 平潭 2019 村庄规划 (heldout102): "四、职责分工 / 农业部门负责…。环境国土主管部门、规划部门负责…。财政部门负责…" in one
    # paragraph, one item: the first body leads, every other its sentences say act takes part (as an article of duty
    # paragraphs; 静安 2017's "（一）各方职责" the same).
    text = ("某区村庄规划工作方案\n一、主要任务\n（一）开展规划编制。各乡镇要加快推进村庄规划编制。\n四、职责分工\n"
            "农业部门负责乡村规划统筹协调工作。环境国土主管部门、规划部门负责推动村庄规划编制。经济发展部门负责组织编制乡村振兴"
            "战略规划。财政部门负责落实经费保障。\n"
            "五、其他要求\n（一）强化督查。区督查室要加强督查。\n")
    assert _units(text, lexicon, seg)[1] == [("农业部门", "lead"), ("环境国土主管部门", "co"), ("规划部门", "co"),
                                             ("经济发展部门", "co"), ("财政部门", "co")]
    # Near miss: a chapter of work, not duties, keeps its first doer's reading.
    assert _units(text.replace("四、职责分工", "四、推进机制"), lexicon, seg)[1][:1] == [("农业部门", "lead")]


def test_review_partners_named_whole_and_not_the_other_side_of_an_agreement(lexicon, seg) -> None:
    # Review (helper 797): a partner's name ends where its work begins, however the next character reads
    # ("会同区规划资源局组织编制…" is no 区规划资源局组, "配合区城管执法局队员…" no 区城管执法局队); a list runs name by name
    # ("协同各乡镇政府和区综合执法局清退…"); "牵头组织" leads those it organises; the other side of an agreement, a body
    # above the plan (the city's, in a district's plan; "上级部门") and a party take no part.
    text = ("上海市黄浦区生态环境保护工作方案\n一、工作目标\n到2025年，区域环境质量持续改善。\n区建设管理委环境保护工作职责\n"
            "一、会同区规划资源局组织编制控制性详细规划。\n二、配合区城管执法局队员开展巡查。\n"
            "三、协同各街道办事处和区绿化市容局清理违章建筑。\n四、牵头组织区房管局、区水务局开展排水检查。\n"
            "五、与各街道办事处签订目标责任书。\n六、配合市住建委、上级部门开展督查。\n七、与各物业公司签订管理协议。\n")
    owner = [("区建设管理委", "lead")]
    assert _units(text, lexicon, seg) == [
        owner + [("区规划资源局", "co")], owner + [("区城管执法局", "co")],
        owner + [("各街道办事处", "co"), ("区绿化市容局", "co")], owner + [("区房管局", "co"), ("区水务局", "co")],
        owner, owner, owner]
    # Two bodies' targets name neither ("…管委会与区交通与建设局环境保护目标责任": the committee sets them).
    from ingest.sections import whose_duties
    assert whose_duties("平潭综合实验区管委会与区交通与建设局环境保护目标责任") is None


def test_review_one_bodys_duties_as_the_documents_first_heading(lexicon, seg) -> None:
    # Review (helper 797, M4): a one-body target responsibility letter, its heading the document's title or an annex's
    # first line with no numbered item before it, is that body's as the same heading between runs is.
    expected = [[("平潭综合实验区交通与建设局", "lead")]] * 2
    for text in ("2016年平潭综合实验区交通与建设局环境保护目标责任\n一、加强扬尘治理。\n二、推进污水处理。\n",
                 "关于下达2016年环境保护目标责任的通知\n各有关单位：\n现将目标责任下达给你们，请认真贯彻落实。\n附件1\n"
                 "2016年平潭综合实验区交通与建设局环境保护目标责任\n一、加强扬尘治理。\n二、推进污水处理。\n"):
        assert _units(text, lexicon, seg) == expected, text
    # Near miss: a plan's title that is no body's duties names no one.
    assert _units("2016年环境保护目标责任\n一、加强扬尘治理。\n二、推进污水处理。\n", lexicon, seg) == [[], []]


def test_a_section_on_what_to_check_under_duties_names_no_owner(lexicon, seg) -> None:
    # 君山 2022 养老诈骗 (heldout106): "五、职责分工 / （三）行业主管部门排查重点 / 1.社会事业处要…" — the section says what the
    # departments check, not whose it is: each point goes to the division its sentence names.
    text = ("某片区方案\n五、职责分工\n（一）加强宣传。开展宣传。\n责任单位：各处室\n（三）行业主管部门排查重点\n"
            "1.社会事业处要针对养老服务领域开展排查。\n2.资源生态处要针对违规使用设施用地开展排查。\n（四）区市场监管局\n"
            "1.开展整治。\n")
    assert _units(text, lexicon, seg)[1:] == [[("社会事业处", "lead")], [("资源生态处", "lead")], [("区市场监管局", "lead")]]
