"""Who a plan's sentences say acts (ingest/subjects.py): collectives a body addresses and lists that share a word."""
from __future__ import annotations

from item_units import item_units as _units

from ingest.parse import parse_plan
from ingest.subjects import _doers_first


def _plan(*items: str) -> str:
    return "某片区实施方案\n一、主要措施\n" + "".join(f"（{'一二三四五六七八九十'[n]}）{t}\n" for n, t in enumerate(items))


def test_the_schools_a_plan_addresses_act(lexicon, seg) -> None:
    # 平潭君山 2023 (heldout52): an education plan's "各学校要…" gives the schools its item, as "各部门要…" gives the
    # departments theirs.
    text = _plan("加强宣传。各学校要制定控辍保学方案。", "强化管理。各中小学校要严格学籍管理。", "加强监管。区教育局要开展督查。")
    assert _units(text, lexicon, seg) == [[("各学校", "lead")], [("各中小学校", "lead")], [("区教育局", "lead")]]


def test_a_school_a_plan_regulates_is_no_doer(lexicon, seg) -> None:
    # One school, or schools as the places a measure reaches ("学校食堂要…"), are what a plan regulates, as before.
    text = _plan("落实责任。学校要落实食品安全主体责任。", "加强监管。学校食堂要公示进货台账。", "加强监管。区市场监管局要开展检查。")
    assert _units(text, lexicon, seg) == [[], [], [("区市场监管局", "lead")]]


def test_schools_answer_to_the_office_that_oversees_them(lexicon, seg) -> None:
    # Review (helper 364): "各中小学校要签订合同，区市场监管局要加强监督": the office leads, the schools take part.
    text = _plan("规范校外供餐。各中小学校要与供餐单位签订合同，区市场监管局要加强监督检查。", "加强宣传。各学校要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区市场监管局", "lead"), ("各中小学校", "co")], [("各学校", "lead")]]


def test_collectives_of_a_bodys_parts_act(lexicon, seg) -> None:
    # "各片区", "各处室（中心）", "各办事处": the parts of a zone's administration a plan addresses, as "各街道" is.
    text = _plan("招商引资。各片区要成立招商小分队。", "加强协作。各处室（中心）要通力合作。", "加强宣传。各办事处要做好宣传。",
                 "强化野外用火治理。各业务处室要督促落实。")
    assert _units(text, lexicon, seg) == [[("各片区", "lead")], [("各处室（中心）", "lead")], [("各办事处", "lead")],
                                          [("各业务处室", "lead")]]
    # Not a single one of them by its kind, nor a 片区 of things ("各片区域").
    text = _plan("招商引资。片区要成立招商小分队。", "加强巡查。各片区域要落实网格巡查。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[], [], [("区委宣传部", "lead")]]


def test_a_law_enforcement_team_acts(lexicon, seg) -> None:
    # 君山 (heldout52): "…辖区各派出所及综合执法队要…": a zone's enforcement team is one of its bodies.
    text = _plan("整治环境。交通与建设处、辖区各派出所及综合执法队要加强校园周边环境治理。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg)[0] == [("交通与建设处", "lead"), ("辖区各派出所", "co"), ("综合执法队", "co")]


def test_the_each_that_opens_a_list_is_every_names(lexicon, seg) -> None:
    # 君山 (heldout52): "各处室（中心）、办事处及行政村要…": 各 is each name's ("各办事处", "各行政村").
    text = _plan("加强宣传。各处室（中心）、办事处及行政村要协同学校开展宣传。", "加强监管。区教育局要开展督查。")
    assert _units(text, lexicon, seg)[0] == [("各处室（中心）", "lead"), ("办事处", "co"), ("行政村", "co")]
    # A kind alone after the 各 names no one ("各部门、单位要…" is no list of 各部门 and a body called 单位); hospital
    # departments (各科室) are what a health plan regulates.
    text = _plan("落实责任。各部门、单位要加强值班值守。", "规范诊疗。各科室要加强抗菌药物管理。", "加强监管。区卫健委要开展检查。")
    assert _units(text, lexicon, seg)[:2] == [[], []]
    # Without the 各 the same names are no bodies ("办事处及行政村要…" names no one), as before.
    text = _plan("加强宣传。办事处及行政村要协同学校开展宣传。", "加强监管。区教育局要开展督查。")
    assert _units(text, lexicon, seg)[0] == []


def test_a_few_roles_stated_on_the_way_leave_a_long_plans_sentences_read(lexicon, seg) -> None:
    # 龙岩 2022 (heldout6), 平潭 2020 大招商 (heldout52): two items of many say who leads a part on the way ("一是由区经发局
    # 牵头，…"); the plan's other items still go to whom their sentences say acts.
    items = [f"加强监管{n}。区市场监管局要开展检查。" for n in range(10)]
    items[1] = "加强考核。一是由区经发局牵头，每季度通报一次；二是每季度督查一次。"
    items[3] = "加强队伍。一是由区人社局牵头，组织培训；二是鼓励各单位选派人员。"
    got = _units("某区方案\n一、主要任务\n" + "".join(f"（{'一二三四五六七八九十'[n]}）{t}\n" for n, t in enumerate(items)),
                 lexicon, seg)
    assert [g[0] for g in got] == [("区市场监管局", "lead"), ("区经发局", "lead"), ("区市场监管局", "lead"), ("区人社局", "lead")] \
        + [("区市场监管局", "lead")] * 6
    # 平潭 岚综管办〔2016〕202号 (heldout79): nine items of 24 say so (a third), and its writer read the others' sentences
    # (各单位、各乡镇每年须修订…) — two of six here still leave the others read.
    got = _units("某区方案\n一、主要任务\n" + "".join(f"（{'一二三四五六'[n]}）{t}\n" for n, t in enumerate(items[:6])), lexicon, seg)
    assert [bool(g) for g in got] == [True] * 6
    # Where such items are half of the plan or more, it assigns its work so: the roles stand, and the rest are read
    # last, as in a plan of clauses (session 71); a role's item takes no other body its sentences name.
    half = items[:6]
    half[5] = "加强保障。一是由区财政局牵头，落实经费；二是区审计局要加强督查。"
    got = _units("某区方案\n一、主要任务\n" + "".join(f"（{'一二三四五六'[n]}）{t}\n" for n, t in enumerate(half)), lexicon, seg)
    assert got == [[("区市场监管局", "lead")], [("区经发局", "lead")], [("区市场监管局", "lead")], [("区人社局", "lead")],
                   [("区市场监管局", "lead")], [("区财政局", "lead")]]


def test_punctuation_alone_names_no_one(lexicon, seg) -> None:
    # Found while trying the sentence reading with any verb: a list of no names ("、") crashed split_names and read as
    # bodies in _acting.
    from ingest.subjects import _acting
    from ingest.unit_names import split_names

    assert [split_names(s) for s in ("、", "、、", "（、）")] == [[], [], []]
    assert not _acting("、") and not _acting("等")


def test_a_bodys_head_acts_for_it_and_a_roster_assigns_nothing(lexicon, seg) -> None:
    # 平潭 2016 (heldout53): "成员：由区交建局安监处、…、区市监局物价处等相关部门负责人组成": who sits in a group, not
    # "…相关部门负责…"; 金井 2022 (heldout50): "各成员单位负责人要…": the units act through their heads.
    text = _plan("加强领导。成立领导小组。成员：由区交建局安监处、区市监局物价处等相关部门负责人组成。",
                 "落实责任。各成员单位负责人要切实加强组织领导。", "加强宣传。区委宣传部主要负责同志要亲自部署。")
    assert _units(text, lexicon, seg) == [[], [("各成员单位", "lead")], [("区委宣传部", "lead")]]
    # Review (helper 366): 负责 before work that opens with 人 is the duty ("负责人才引进", "负责人防工程").
    text = _plan("加强人才支撑。区人社局负责人才引进和技能培训。", "加强人防管理。区住建局负责人防工程的监督检查。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区人社局", "lead")], [("区住建局", "lead")], [("区委宣传部", "lead")]]


def test_a_department_by_its_field_and_role_acts(lexicon, seg) -> None:
    # 上海 沪府办〔2024〕56号 (heldout54): "建设主管部门要…" (a field's 主管部门), and Shanghai's fields in a list of
    # departments ("住房城乡建设、规划资源、绿化市容等部门").
    text = _plan("加强备案管理。建设主管部门要督促施工单位编制处理方案。",
                 "推动源头减量。住房城乡建设、规划资源、绿化市容等部门要加强统筹。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("建设主管部门", "lead")],
                                          [("住房城乡建设部门", "lead"), ("规划资源部门", "co"), ("绿化市容部门", "co")],
                                          [("区委宣传部", "lead")]]
    # The fields run up to their kind before other bodies, and the towns and subdistricts a city's plan addresses by
    # kind act ("城管执法、规划资源、水务等部门和乡镇政府、街道办事处要…").
    text = _plan("严处非法消纳。城管执法、规划资源、水务等部门和乡镇政府、街道办事处要强化排查。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg)[0] == [("城管执法部门", "lead"), ("规划资源部门", "co"), ("水务部门", "co"),
                                             ("乡镇人民政府", "co"), ("街道办事处", "co")]


def test_a_field_ending_in_ye_before_its_zhuguan_department_is_no_owner(lexicon, seg) -> None:
    # 平潭 岚综管综〔2019〕83号 (heldout56): "区海洋与渔业主管部门要…" was read as naming an owner (业主) and left out;
    # so were "区农业主管部门", "区林业主管部门". A coast's fields (港口, 海洋) name departments as 公安 does.
    text = _plan("规范用海。区海洋与渔业主管部门要规范海域使用秩序。", "加强监管。区农业主管部门要加强农机监管。",
                 "规范运营。港口主管部门要依法制定码头运营规范。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区海洋与渔业主管部门", "lead")], [("区农业主管部门", "lead")],
                                          [("港口主管部门", "lead")], [("区委宣传部", "lead")]]
    # An owner is still none: "业主单位要…", "各业主要…", "业主委员会要…" (the parties a plan regulates).
    # Review (helper 387): nor an owner's own office ("项目业主管理处要…").
    text = _plan("落实责任。业主单位要落实主体责任。", "加强自治。业主委员会要加强自我管理。", "落实安全。项目业主管理处要落实安全责任。",
                 "加强监管。区住建局要开展检查。")
    assert _units(text, lexicon, seg) == [[], [], [], [("区住建局", "lead")]]


def test_the_departments_and_units_a_plan_addresses_act(lexicon, seg) -> None:
    # 上海 2024 (heldout54), 青浦 2025 (heldout17): "各有关部门和单位要…", one collective as writers keep it.
    text = _plan("加强宣传引导。各有关部门和单位要通过主流媒体开展宣传。", "加强监管。区城管局要开展检查。")
    assert _units(text, lexicon, seg)[0] == [("各有关部门和单位", "lead")]
    # Without 各 or a level, mid-sentence after who acts, it is no doer of its own (上海 2019's "公安机关要…，有关部门和
    # 单位要根据要求…", heldout42).
    text = _plan("加强防范。轨道交通企业要制定制度，有关部门和单位要根据要求做好防范。", "加强监管。区城管局要开展检查。")
    assert _units(text, lexicon, seg)[0] == []


def test_whom_the_one_who_acts_works_with_in_its_next_clause(lexicon, seg) -> None:
    # 平潭 岚综管综〔2019〕83号 (heldout56): "区海洋与渔业主管部门要…，会同有关部门做好…" names its partners.
    text = _plan("规范用海。区海洋与渔业主管部门要规范海域使用，会同有关部门做好审批工作。",
                 "联合执法。区交通运输局要加强监管，并联合区公安局开展整治。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区海洋与渔业主管部门", "lead"), ("有关部门", "co")],
                                          [("区交通运输局", "lead"), ("区公安局", "co")], [("区委宣传部", "lead")]]
    # Not without one who acts before it, nor a verb after 协调 ("协调解决"), nor a company it works with.
    text = _plan("加强协作。会同有关部门做好审批工作。", "强化服务。区住建局要加强服务，协调解决企业困难。",
                 "推进建设。区住建局要加快建设，联合龙头企业开展示范。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[], [("区住建局", "lead")], [("区住建局", "lead")], [("区委宣传部", "lead")]]


def test_one_who_acts_by_a_rule_it_follows(lexicon, seg) -> None:
    # 嘉定 2025 河湖养护 (heldout59): "区水务局根据《…》等相关文件要求，强化…" names who acts before the rule it follows, as
    # "区水务局要…" does; "区政府按照市里的统一部署…" and "依据" too.
    text = _plan("强化考核。区水务局根据《上海市河道维修养护技术规程》等相关文件要求，强化监督检查。",
                 "统一部署。区政府按照市里的统一部署，做好保障。", "依法管理。区财政局依据有关规定拨付资金。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区水务局", "lead")], [("区人民政府", "lead")], [("区财政局", "lead")],
                                          [("区委宣传部", "lead")]]
    # A rule with no one before it leaves who acts to the clause after it; a body the rule is followed for acts not.
    text = _plan("规范管理。根据《某某办法》，区水务局要加强监督。", "分类处置。督促企业按照区水务局的要求，做好养护。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区水务局", "lead")], [], [("区委宣传部", "lead")]]
    # Review (helper 413): not a body inside a noun or a time clause whose doer the sentence names after 由; a body with
    # work of its own before a 由 clause still acts.
    text = _plan("发放补贴。区民政局依据相关规定认定的困难家庭，由各街道办事处按月发放补贴。",
                 "规范审定。项目方案报区政府按照程序审定后，由区住房保障中心组织实施。",
                 "保障经费。区财政局按照总计1000万元预算做好经费保障工作，由区经发局统筹分配。", "加强宣传。区委宣传部要做好宣传。")
    units = _units(text, lexicon, seg)
    # (Session 65: the body after 由 does the work — "由各街道办事处按月发放补贴" is theirs.)
    assert units[0] == [("各街道办事处", "lead")] and not any("区人民政府" in n or "项目方案" in n for n, _ in units[1]) \
        and units[2][0] == ("区财政局", "lead"), units


def test_one_a_sentence_says_is_the_body_in_charge_acts(lexicon, seg) -> None:
    # 崇明 沪崇府办发〔2025〕26号 (heldout60): "乡镇人民政府是落实违法建筑等整治的责任主体，应将整治时间节点前置" casts the
    # town's government as who acts, as "…作为…的统筹主体，要…" does; "区住建局为本区燃气管理的主管部门，负责…" too.
    text = _plan("整治联动。乡镇人民政府是落实违法建筑等整治的责任主体，应将整治时间节点前置。",
                 "燃气管理。区住建局为本区燃气管理的主管部门，负责组织实施。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("乡镇人民政府", "lead")], [("区住建局", "lead")], [("区委宣传部", "lead")]]
    # Not a body that serves another ("区财政局为项目实施单位提供资金保障"), nor one cast with no act after it.
    text = _plan("资金保障。区财政局为项目实施单位提供资金保障。", "明确主体。区住建局是燃气管理的主管部门。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[], [], [("区委宣传部", "lead")]]


def test_a_bureaus_own_bodies_act(lexicon, seg) -> None:
    # 宝山 宝水务〔2024〕11号 (heldout62): a bureau's plan names its own bodies by 局 ("局安委会负责…", "局属基层各单位要…",
    # "局党委要…"); none read as who acts, for want of a place in their names.
    text = _plan("制定方案。局安委会负责制定三年行动方案。", "加强投入。局属基层各单位要强化安全生产投入。",
                 "加强领导。局党委要把调查研究作为重要任务。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("局安委会", "lead")], [("局属基层各单位", "lead")], [("局党委", "lead")],
                                          [("区委宣传部", "lead")]]
    # Not a part of something ("局部地区要…").
    text = _plan("加强排查。局部地区要加强排查。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[], [("区委宣传部", "lead")]]


def test_the_body_an_item_opens_with_acts_whatever_its_verb(lexicon, seg) -> None:
    # 金山 2026 (heldout62): an emergency plan's items open with their doer and a plain verb ("区防减救灾办指导做好…",
    # "受灾街镇（园区）统计摸排…", after a time or a clause of time); where its sentences give no one a modal act, the
    # opener leads.
    text = _plan("区防减救灾办指导做好过渡期生活救助工作。", "受灾街镇（园区）统计摸排受灾群众生活救助需求情况。",
                 "区防减救灾办、区财政局监督检查救助政策措施落实情况。", "区防减救灾办每年9月下旬开展生活困难情况调查。",
                 "恢复重建工作结束后，区防减救灾办组织对补助资金管理工作进行绩效评价。")
    assert _units(text, lexicon, seg) == [[("区防减救灾办", "lead")], [("受灾街镇（园区）", "lead")],
                                          [("区防减救灾办", "lead"), ("区财政局", "co")], [("区防减救灾办", "lead")],
                                          [("区防减救灾办", "lead")]]
    # After a short heading; and the opener leads those a later sentence says act ("…受灾街镇应…").
    text = _plan("加强统计。区统计局定期组织相关部门开展会商。", "执行零报告制度。各街镇执行24小时零报告制度。受灾街镇应及时上报。")
    assert _units(text, lexicon, seg) == [[("区统计局", "lead")], [("各街镇", "lead"), ("受灾街镇", "co")]]
    # A name with 与 in it is one body ("区环境与国土资源局"); a place after 在 is no part of the name before it.
    text = _plan("区环境与国土资源局在公示前反馈考评结果。", "设立办公室。各街道在社区平安办设立消防安全管理办公室。")
    assert _units(text, lexicon, seg) == [[("区环境与国土资源局", "lead")], [("各街道", "lead")]]


def test_a_body_the_plan_gives_work_elsewhere_acts_whatever_word_follows(lexicon, seg) -> None:
    # 松江 沪松建管〔2024〕21号 (heldout65): "镇人民政府依托本市网格化管理工作平台，…" — a verb no list of verbs foresees; the
    # body, named as who acts elsewhere in the plan, acts here too.
    text = _plan("镇人民政府要落实铭牌公示制度。", "镇人民政府依托网格化管理平台，落实日常巡查。", "区建管委借助无人机开展抽查。",
                 "区建管委要组织抽查。")
    assert _units(text, lexicon, seg) == [[("镇人民政府", "lead")], [("镇人民政府", "lead")], [("区建管委", "lead")],
                                          [("区建管委", "lead")]]
    # Not a body the plan names nowhere else as who acts, nor one whose name goes on into a list or a thing of its own.
    text = _plan("区档案馆依托平台开展归档。", "镇人民政府所在地依托平台开展巡查。", "镇人民政府和村委会依托平台开展巡查。",
                 "镇人民政府要落实铭牌公示制度。")
    assert _units(text, lexicon, seg)[:3] == [[], [], []]
    # Review (helper 459): not a known body opening a topic or a place, where the next clause's own doer acts ("区建管委
    # 管辖道路，区城管执法局要…", "区教育局系统内，各学校要…"), nor one before a party it regulates ("镇人民政府门前沿街商户
    # 要…"); but a body before its own staff ("各学校教师要…"), and a list's known bodies beside an unknown one.
    text = _plan("区建管委管辖道路，区城管执法局要加强巡查。", "区教育局系统内，各学校要开展安全教育。",
                 "镇人民政府门前沿街商户要落实门责制度。", "区财政局、区审计局年内完成专项审计。", "各学校教师要做好帮扶。",
                 "区建管委要组织抽查。", "区教育局要开展督导。", "镇人民政府要落实巡查。", "区财政局要保障经费。",
                 "各学校要开展安全教育。")
    assert _units(text, lexicon, seg)[:5] == [[("区城管执法局", "lead")], [("各学校", "lead")], [], [("区财政局", "lead")],
                                              [("各学校", "lead")]]
    # Nor the body before a part of its own, which the plan names nowhere ("区卫健委监督所依托…", "区财政局局长担任…").
    text = _plan("区卫健委监督所依托信息平台开展抽检。", "区财政局局长担任召集人。", "区卫健委依托信息平台落实监测。",
                 "区卫健委要组织抽检。", "区财政局要保障经费。")
    assert _units(text, lexicon, seg)[:3] == [[], [], [("区卫健委", "lead")]]
    # Nor what the body is made of or where it sits (山东 2021, heldout22: "领导小组设组长1人", "办公室设在省应急厅").
    text = ("某省工作规则\n一、组织\n第一条 领导小组设组长1人，副组长2人。\n第二条 领导小组全体成员必须遵守保密纪律。\n"
            "第三条 领导小组办公室设在省应急厅。\n二、职责\n第四条 领导小组职责：\n（一）研究制定规划；\n（二）统筹推进体系建设。\n"
            "三、运行\n第五条 领导小组办公室要承担日常工作。\n")
    assert _units(text, lexicon, seg)[:5] == [[], [], [], [("领导小组", "lead")], [("领导小组", "lead")]]


def test_no_opener_where_the_item_opens_otherwise(lexicon, seg) -> None:
    # Not a thing of the body's ("区环境局通报的问题…"), a doer after 由, a body 与 joins to a party, work before any body,
    # nor a long opening sentence that names no body before a later one does.
    text = _plan("区环境局通报的问题要限期整改。", "救灾工作结束后，由区防减救灾办提出建议。", "区规划资源局与开发企业开展工作联动。",
                 "通知区经委做好救灾物资调拨准备。", "在尊重群众意愿的前提下，恢复重建以受灾户自建为主。区防减救灾办对评估结果进行复核。")
    assert _units(text, lexicon, seg) == [[], [], [], [], []]
    # Review (helper 436): a body whose work the first clause makes a noun or a condition of, another doing the item
    # ("区环境局监督检查发现的问题，各街道要…", "区房管局核查确认为危房的，各街道要…"); a thing its work yields ("区民政局发放
    # 标准…", "区应急局评估报告…", "区气象局统计，…"); a short heading naming a body as topic ("区财政局安排资金。各街道要…").
    text = _plan("区环境局监督检查发现的问题，各街道要限期整改到位。", "区房管局核查确认为危房的，各街道要组织居民撤离。",
                 "区民政局发放标准按照市有关规定执行。", "区应急局评估报告作为灾后重建的依据。", "区气象局统计，全区年均降雨量1200毫米。")
    assert _units(text, lexicon, seg) == [[("各街道", "lead")], [("各街道", "lead")], [], [], []]
    text = _plan("区财政局安排资金。各街道要专款专用。", "区应急局统计报表。各街道每月5日前报送灾情数据。")
    assert _units(text, lexicon, seg) == [[("各街道", "lead")], [("各街道", "lead")]]
    # Still the body's own work where the clause after its 的 goes on with it: "…指导街镇加强对装修人的宣传培训，督促…",
    # "市商务局在征求意见的基础上，制定…".
    text = _plan("区绿化市容局指导街镇加强对装修人的宣传培训，督促装修人依规投放。", "区商务局在征求各部门意见的基础上，制定实施细则。")
    assert _units(text, lexicon, seg) == [[("区绿化市容局", "lead")], [("区商务局", "lead")]]
    # Where the sentences' reading has the opener among those who act, its lead stands: "…市水务局牵头…".
    text = _plan("相关区政府落实运维经费。市水务局牵头，会同相关区政府开展绩效分析。")
    assert _units(text, lexicon, seg) == [[("市水务局", "lead"), ("相关区人民政府", "co")]]


def test_an_articles_number_is_no_part_of_who_acts(lexicon, seg) -> None:
    # 平潭 岚综管办〔2021〕78号 (heldout64): "第五条 区交通建设局负责…" (the space gone once normalised) named "第五条区交通建设局";
    # 奉贤 2024 (heldout45) "第五条管理部门".
    text = ("某区停车设施管理暂行办法\n第一章 职责分工\n第一条 区交通建设局负责统筹协调停车场建设管理工作。\n"
            "第二条 区公安局负责道路停车泊位的设置。\n第三条 区执法应急局、各乡镇人民政府按照责任分工依法查处违法建设。\n")
    assert _units(text, lexicon, seg) == [[("区交通建设局", "lead")], [("区公安局", "lead")],
                                          [("区执法应急局", "lead"), ("各乡镇人民政府", "co")]]


def test_an_articles_bracketed_title_is_its_heading_and_no_part_of_who_acts(lexicon, seg) -> None:
    # 崇明 沪住建规范联〔2019〕2号 (heldout90): "第六条 【经费保障】 区人民政府应当…" named "【经费保障】区人民政府"; the
    # bracket is the article's title, as a regulation writes its articles' (条旨).
    text = ("某区绿色建筑管理办法\n第一章 总则\n第一条 【经费保障】 区人民政府应当将工作经费纳入财政预算。\n"
            "第二条 【监督检查】 区建设行政管理部门应当对执行标准的情况实施监督检查。\n"
            "第三条 【能耗监测】 区建设行政管理部门应当会同区财政部门做好监测系统的运行维护。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [i.heading for i in plan.items] == ["经费保障", "监督检查", "能耗监测"]
    assert _units(text, lexicon, seg) == [[("区人民政府", "lead")], [("区建设行政管理部门", "lead")],
                                          [("区建设行政管理部门", "lead"), ("区财政部门", "co")]]
    # A bracket that is no title stays text: "第四条 区财政局负责【略】" keeps its doer and its heading's sentence.
    text = "某区管理办法\n第一章 总则\n第一条 区财政局负责落实经费。\n第二条 区住建局负责监管【详见附件】。\n"
    assert _units(text, lexicon, seg) == [[("区财政局", "lead")], [("区住建局", "lead")]]


def test_an_articles_round_title_is_its_heading_in_a_duties_chapter(lexicon, seg) -> None:
    # Review (helper 769): "第四条（统筹协调） 区民政局牵头，…" under a duties chapter named "（统筹协调）区民政局"; a round
    # bracket after the number titles the article as 【】 does (静安 2021's form).
    text = ("某区养老服务实施办法\n第一章 职责分工\n第四条（统筹协调） 区民政局牵头，会同区财政局做好统筹协调工作。\n"
            "第五条（资金保障） 区财政局负责资金保障工作。\n")
    plan = parse_plan(text, "t.txt", lexicon, seg)
    assert [i.heading for i in plan.items] == ["统筹协调", "资金保障"]
    assert _units(text, lexicon, seg) == [[("区民政局", "lead"), ("区财政局", "co")], [("区财政局", "lead")]]


def test_organs_named_by_their_power_act(lexicon, seg) -> None:
    # 平潭 岚综管综〔2016〕312号 and 308号 (heldout90): "一是公安机关要…", "公安机关要及时受理有关报告" — the police
    # (and 检察机关, 司法机关) act as any bureau does; not a building or a thing named after organs ("国家机关办公建筑").
    text = _plan("依法惩处。公安机关要依法严厉打击违法犯罪行为。", "加强监督。检察机关要加强法律监督。",
                 "推进节能。国家机关办公建筑要开展能耗监测。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("公安机关", "lead")], [("检察机关", "lead")], [], [("区委宣传部", "lead")]]


def test_who_only_helps_leads_where_no_one_else_acts(lexicon, seg) -> None:
    # 闵行 闵府发〔2016〕60号 (heldout89): "第十条 区交通委配合做好道路红线范围内…的掘路和修复工作" — the only body the
    # article names does its work, and leads as a list's first does; beside one who acts it takes part.
    text = _plan("保障掘路。区交通委配合做好道路红线范围内的掘路和修复工作。",
                 "组织验收。区水务局负责组织验收。区交通委配合做好道路修复工作。",
                 "配合维修。供水企业配合做好维修工作。", "加强宣传。区委宣传部要做好宣传。",
                 "检查结果。审计部门配合纪检、监察部门检查资产清查结果。")
    assert _units(text, lexicon, seg) == [[("区交通委", "lead")], [("区水务局", "lead"), ("区交通委", "co")], [],
                                          [("区委宣传部", "lead")],
                                          [("纪检部门", "lead"), ("审计部门", "co"), ("监察部门", "co")]]


def test_bodies_by_full_name_straight_before_their_work_act(lexicon, seg) -> None:
    # 交通运输部等11部门 2026 新能源重卡 (heldout90): "交通运输部、国家发展改革委加强统筹协调…。国家能源局、自然资源部加强…保障。
    # 工业和信息化部、市场监管总局加强…支持。" — no modal between the ministries and their work; the first named leads.
    text = ("某实施方案\n一、保障措施\n（一）强化组织实施。加强部门之间的工作协同。交通运输部、国家发展改革委加强统筹协调，"
            "推动各项任务落实。国家能源局、自然资源部加强用能用地保障。工业和信息化部、市场监管总局加强标准支持。\n"
            "（二）加强宣传。区委宣传部要做好宣传。\n")
    assert _units(text, lexicon, seg)[0] == [("交通运输部", "lead"), ("国家发展改革委", "co"), ("国家能源局", "co"),
                                             ("自然资源部", "co"), ("工业和信息化部", "co"), ("市场监管总局", "co")]
    # Not a body inside a longer name before its own work word ("区委组织部在考核…"), nor a list of members before
    # 负责人 ("区市监局物价处等相关部门负责人组成"), nor bodies a sentence opens with after a word of its own.
    text = _plan("严格考核。区委组织部在考核干部时统筹考虑。", "成立专班。由区市监局物价处等相关部门负责人组成。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg)[:2] == [[("区委组织部", "lead")], []]


def test_review_696_work_or_help_named_as_a_thing_is_no_one_acting(lexicon, seg) -> None:
    # Review (helper 696): work named as a thing after its doer ("区交通委推进的项目，…", "区建管委制定的标准") and help
    # judged ("各街镇配合情况纳入考核", "区交通委配合不力的，由区政府…", "区财政局协助的事项") name no doer; "加强对…的" is
    # still work done.
    text = _plan("纳入管理。区交通委推进的项目，纳入区重大项目库管理。", "严格验收。区建管委制定的标准，作为验收依据。",
                 "强化考核。各街镇配合情况纳入区年度绩效考核。", "规范办理。区财政局协助的事项，按照有关规定办理。",
                 "加强监管。区农业农村委加强对农药经营的监管。")
    assert _units(text, lexicon, seg) == [[], [], [], [], [("区农业农村委", "lead")]]
    # 平潭 岚综管办〔2018〕30号 (heldout92): a circumstance ("在区执法部门配合下，负责…") is no one's help named as a doer.
    text = _plan("乡镇路长。在区执法部门配合下，负责辖区内道路环境整治工作。", "加强宣传。区委宣传部要做好宣传。")
    assert not any(n.startswith("在") for units in _units(text, lexicon, seg) for n, _ in units)
    # "A配合有关部门开展…": the one body named leads, not the collective; "A协同B开展…" is work A does with B, as 会同 is.
    text = _plan("联合执法。区市场监管局配合有关部门开展食品安全联合执法。",
                 "联合执法。区市场监管局协同区公安分局开展食品安全联合执法。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg)[:2] == [[("区市场监管局", "lead")], [("区市场监管局", "lead"), ("区公安分局", "co")]]


def test_a_party_work_office_is_a_body(lexicon, seg) -> None:
    # 平潭 2015 (heldout58): "区党群工作部" is a body as "区委宣传部" is.
    text = _plan("审核把关。区党群工作部要负责审核把关。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区党群工作部", "lead")], [("区委宣传部", "lead")]]


def test_a_body_after_the_clause_that_qualifies_it_acts(lexicon, seg) -> None:
    # 平潭 2023 专项资金管理办法 (heldout65): "获得专项资金补助的片区管理局要按照…" — the bureau the clause qualifies acts.
    text = _plan("获得专项资金补助的区农业农村局要按照公开原则确定项目。", "承担试点任务的各街道要制定实施方案。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区农业农村局", "lead")], [("各街道", "lead")], [("区委宣传部", "lead")]]
    # Not a thing after the 的 ("区环境局通报的问题要…", "区政府确定的项目要…"): no one acts there. Review (helper 452): nor
    # a thing fronted before another body ("上级补助的资金区财政局根据进度拨付", not "资金区财政局"), nor a body's own part.
    text = _plan("区环境局通报的问题要限期整改。", "区政府确定的项目要按期开工。", "上级补助的资金区财政局要及时拨付。",
                 "区公安分局的各派出所要加强巡逻。", "加强宣传。区委宣传部要做好宣传。")
    units = _units(text, lexicon, seg)
    assert units[:2] == [[], []] and not any("资金" in n for n, _ in units[2]) and units[3] == []


def test_bodies_a_sentence_says_help_take_part(lexicon, seg) -> None:
    # 松江 沪松建管〔2024〕21号 (heldout65): "区建管委负责…。区农业农村委、区发改委、区规划资源局依据各自职责，配合开展相关
    # 工作。" — the three take part in the article whose lead its duty line names.
    text = ("某区农村住房管理办法\n第一条 区建管委负责农村住房的建筑活动监督管理。区农业农村委、区发改委依据各自职责，配合开展相关"
            "工作。\n第二条 镇人民政府负责农村住房档案管理。区建管委协同做好档案工作指导。\n第三条 区财政局负责保障经费。\n")
    assert _units(text, lexicon, seg) == [[("区建管委", "lead"), ("区农业农村委", "co"), ("区发改委", "co")],
                                          [("镇人民政府", "lead"), ("区建管委", "co")], [("区财政局", "lead")]]
    # Not help to a party the plan serves ("住建部门要协助企业做好…": the department's own work), nor a helper named only
    # as whom another helps ("配合区财政局…").
    text = ("某市建筑业发展措施\n一、鼓励资质升级。市住建局负责资质审批，市住建局要协助企业做好业绩信息修正。\n"
            "二、保障资金。市发改委负责项目申报，配合市财政局做好资金拨付。\n")
    units = _units(text, lexicon, seg)
    assert [[n for n, _ in u] for u in units] == [[units[0][0][0]], [units[1][0][0]]] and "住建" in units[0][0][0]


def test_a_stage_heading_with_its_time_is_a_heading(lexicon, seg) -> None:
    # 平潭 闽岚综实管办〔2014〕170号 (heldout67): "（二）组织用人单位开展自查阶段（2014年11月25日至12月31日）。区社会事业局社会
    # 保障处组织…": the heading with its time in a bracket is a heading; the body after it acts.
    text = _plan("宣传发动阶段（2014年11月25日前）。区委宣传部要做好宣传。",
                 "组织用人单位开展自查阶段（2014年11月25日至12月31日）。区社会事业局社会保障处组织用人单位进行自查。")
    assert _units(text, lexicon, seg)[1] == [("区社会事业局社会保障处", "lead")]
    # No name holds its modal: "各有关部门要按照省委省政府开展…" names 各有关部门, not "各有关部门要按照省委省政府".
    assert _doers_first("各有关部门要按照省委省政府开展专项整治的要求", ()) == []


def test_a_body_by_the_quoted_short_name_the_plan_gave_it_acts(lexicon, seg) -> None:
    # 平潭 闽岚综实管办〔2013〕142号 (heldout67): "领导小组下设办公室（简称“标准办”）…“标准办”应定期公布…".
    text = ("某区标准化管理实施方案\n一、组织机构\n领导小组下设办公室（简称“标准办”）。\n“标准办”职责为：\n"
            "（一）负责活动的总体规划；\n（二）负责活动计划的制定。\n二、推进措施\n（一）“标准办”应定期公布标准化管理相关信息。\n"
            "（二）区交通与建设局要加强督查。\n")
    assert _units(text, lexicon, seg)[2] == [("标准办", "lead")]
    # Not a quoted thing that is no body ("“三集中”要全面落实").
    text = _plan("“三集中”要全面落实。", "区交通与建设局要加强督查。")
    assert _units(text, lexicon, seg)[0] == []


def test_village_and_neighbourhood_committees_act(lexicon, seg) -> None:
    # 平潭 2023 种粮农民补贴 (heldout68): "村级登记。村（居）委会负责组织申报…"; also "居委会要…", "各村委会要…".
    text = _plan("村级登记。村（居）委会负责组织申报。", "加强宣传。居委会要做好政策宣传。", "区农业农村局要加强指导。")
    assert _units(text, lexicon, seg) == [[("村（居）委会", "lead")], [("居委会", "lead")], [("区农业农村局", "lead")]]
    # Not a committee of owners or a party ("业主委员会要…").
    text = _plan("业主委员会要配合做好改造。", "区房管局要加强指导。")
    assert _units(text, lexicon, seg)[0] == []


def test_near_misses_of_the_stage_heading_and_the_modal_in_a_name(lexicon, seg) -> None:
    # Review (helper 477): a bracket that is no time ends no heading ("区应急局组织开展应急演练（每年不少于2次）。各街镇要…"
    # is the bureau's, the towns taking part); a name may hold 要 where no way of working follows ("区数据局数据要素处").
    text = _plan("区应急局组织开展应急演练（每年不少于2次）。各街镇要积极参与，做好人员组织。",
                 "数据登记。区数据局数据要素处每季度更新公共数据资源目录。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg)[:2] == [[("区应急局", "lead"), ("各街镇", "co")], [("区数据局数据要素处", "lead")]]


def test_a_doer_by_when_it_is_to_act_opens_its_item(lexicon, seg) -> None:
    # 吴泾镇 闵吴府发〔2021〕5号 (heldout71): "1.重点排查。各居村、相关责任单位于2021年6月20日前，对…开展排查" — the clause
    # that ends in 前 names who acts by when, no clause of time before a doer; 各居村 a collective of villages and
    # 相关责任单位 one of bodies.
    text = ("某镇工作方案\n一、工作任务\n1.重点排查。各居村、相关责任单位于2021年6月20日前，对安全隐患风险较大的房屋开展排查。\n"
            "2.全面排查。各居村于2021年12月20日前，对全部房屋开展排查。\n")
    assert [[(u.name, u.role) for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items] == [
        [("各居村", "lead"), ("相关责任单位", "co")], [("各居村", "lead")]]
    # A clause of time before who acts is still one ("灾情稳定后，各街道要…"), one that names who acts first too, where the
    # next clause names its own doer (review, helper 515: "区房管局检查后，各街道要…" had gone to 区房管局).
    for when in ("灾情稳定后", "区房管局检查后", "区应急局组织演练时"):
        text = f"某区方案\n一、任务\n1.做好救助。{when}，各街道要开展调查。\n2.做好统计。区民政局要做好统计。\n"
        assert [u.name for u in parse_plan(text, "t.txt", lexicon, seg).items[0].units] == ["各街道"], when


def test_bodies_a_county_plan_names_without_their_level_act(lexicon, seg) -> None:
    # 平潭 2012 国有资产清查 (heldout75): a bureau by its field alone ("物价局"), the groups the plan sets up and their
    # office ("资产清查工作领导小组", "领导小组办公室"), "各部门单位", "国土资源部门", "纪检部门".
    text = _plan("物价局负责资产清查过程中需要做的相关工作。", "资产清查工作领导小组组织相关部门指导监督检查。",
                 "领导小组办公室汇总全区国有资产清查情况。", "各部门单位要加强资产清查工作的组织领导。",
                 "国土资源部门负责清查中需要做的相关工作。", "纪检、监察部门负责监督资产清查工作。")
    assert [[name for name, _ in units] for units in _units(text, lexicon, seg)] == [
        ["物价局"], ["资产清查工作领导小组"], ["领导小组办公室"], ["各部门单位"], ["国土资源部门"], ["纪检部门", "监察部门"]]


def test_what_a_bare_field_or_group_name_does_not_make_a_doer(lexicon, seg) -> None:
    # Not an office whose field no level has ("机关局"), a regulated party's group, a group the item sets up, nor "街道办".
    text = _plan("机关局负责清查公房资产。", "企业安全生产领导小组负责日常检查。", "成立资产清查工作领导小组负责统筹。",
                 "街道办负责宣传。")
    assert _units(text, lexicon, seg) == [[], [], [], []]


def test_a_research_institute_a_plan_gives_work_acts(lexicon, seg) -> None:
    # 上海 沪应急宣培〔2022〕8号 (heldout77): "各区应急管理局、市安全生产科学研究所要在次月5日前…报…" — a city's institute beside
    # the districts' bureaus; not one without its level ("科学研究所要…").
    text = _plan("报送情况。各区应急管理局、市安全生产科学研究所要在次月5日前报送检查情况。", "开展研究。科学研究所要开展课题研究。")
    assert _units(text, lexicon, seg) == [[("各区应急管理局", "lead"), ("市安全生产科学研究所", "co")], []]


def test_a_levels_own_bodies_taken_together_act(lexicon, seg) -> None:
    # 上海 沪发改规范〔2024〕8号 (heldout79): "各区农业农村部门会同区财政局、市属单位，…报送…" — the city's own bodies (its
    # farms) beside the districts'; "区直单位要…" likewise. Not the units a plan regulates ("施工单位要…", "属地单位").
    text = _plan("上报计划。各区农业农村部门会同区财政局、市属单位，向市农业农村委报送申请报告。", "加强自查。区直单位要开展自查。",
                 "落实责任。施工单位要落实主体责任。").replace("某片区实施方案", "上海市秸秆综合利用工作通知")
    assert _units(text, lexicon, seg) == [[("各区农业农村部门", "lead"), ("区财政局", "co"), ("市属单位", "co")],
                                          [("区直单位", "lead")], []]


def test_a_body_a_plan_gives_a_short_name_acts_by_it(lexicon, seg) -> None:
    # 青浦 青规划资源〔2023〕115号 (heldout82): "镇人民政府及街道办事处（以下简称“镇（街道）”）…" and then, article after
    # article, "镇（街道）应…": the short name is that body's wherever a sentence opens with it.
    text = ("某区农房风貌管理实施意见\n第一章  总则\n第一条（管理部门）\n镇人民政府及街道办事处（以下简称“镇（街道）”）落实风貌管控要求。\n"
            "第二章  工作机制\n第二条（施工队伍管理）\n镇（街道）应加强对村民建房施工队伍的管理。\n"
            "第三条（档案管理）\n镇（街道）应做好村民建房档案资料的整理及归档工作。\n")
    items = parse_plan(text, "t.txt", lexicon, seg).items
    assert [[u.name for u in i.units] for i in items[1:]] == [["镇（街道）"], ["镇（街道）"]]
    # Near miss: a short name for what the plan regulates or for an action names no body ("…企业（以下简称“企业”）",
    # "（以下简称“专项行动”）").
    for definition in ("区内战略性新兴产业等领域企业（以下简称“镇（街道）”）参与风貌管控。",
                       "在全区开展农房风貌专项行动（以下简称“镇（街道）”）。"):
        other = text.replace("镇人民政府及街道办事处（以下简称“镇（街道）”）落实风貌管控要求。", definition)
        assert [[u.name for u in i.units] for i in parse_plan(other, "t.txt", lexicon, seg).items[1:]] == [[], []], definition


def test_review_a_short_name_for_a_party_the_plan_regulates_acts_for_no_one(lexicon, seg) -> None:
    # Review (helper 606): "业主委员会（以下简称“业委会”）", "公共充电站（以下简称“充电站”）", "行业协会（以下简称“协会”）":
    # parties a plan regulates, whose short names are no government's bodies; a group a government sets up is one
    # ("头桥街道减量化工作联席会议（以下简称“联席会议”）").
    text = ("某市居民小区充电设施管理办法\n第一条 为规范居民小区充电设施管理，制定本办法。\n"
            "第二条 业主大会选举产生的业主委员会（以下简称“业委会”）代表业主行使权利。市电动汽车充电行业协会（以下简称“协会”）"
            "对会员开展自律管理。\n第三条 业委会应当组织业主协商充电设施建设位置。\n第四条 协会应当制定行业服务规范。\n")
    assert [[u.name for u in i.units] for i in parse_plan(text, "t.txt", lexicon, seg).items[2:]] == [[], []]
    group = text.replace("市电动汽车充电行业协会（以下简称“协会”）", "头桥街道减量化工作联席会议（以下简称“联席会议”）") \
        .replace("协会应当", "联席会议应当")
    # (named by its full name, which "联席会议" stands for in the document)
    assert [u.name for u in parse_plan(group, "t.txt", lexicon, seg).items[3].units] == ["头桥街道减量化工作联席会议"]


def test_bodies_that_must_act_do(lexicon, seg) -> None:
    # 平潭 2016 (heldout83): "各片区建设指挥部、区直各部门及各乡镇人民政府务必做好…": 务必 (must) says who acts, as 必须 does;
    # the sentence's list had been cut to the zones ("各片区") read from its opening words.
    text = _plan("强化责任落实。各片区建设指挥部、区直各部门及各乡镇人民政府务必做好防火工作谋划。",
                 "开展排查。区住建局务必组织排查工地火灾隐患。")
    assert _units(text, lexicon, seg) == [[("各片区建设指挥部", "lead"), ("区直各部门", "co"), ("各乡镇人民政府", "co")],
                                          [("区住建局", "lead")]]
    # Not where 务必 follows no body: "企业务必…" is a party the plan regulates.
    text = _plan("落实责任。企业务必落实安全主体责任。", "加强监管。区应急局要开展检查。")
    assert _units(text, lexicon, seg) == [[], [("区应急局", "lead")]]


def test_whom_a_body_works_with_after_its_duty_take_part(lexicon, seg) -> None:
    # 奉贤 2025 (heldout84): "公安奉贤分局负责会同区城管执法局、区交通委打击…": 负责 before 会同 — every body listed after it
    # takes part, in an item's sentence and in a duties chapter's paragraph alike.
    text = _plan("加强执法。区公安分局负责会同区城管执法局、区交通委打击非法运输行为。", "加强监管。区水务局负责审核许可。")
    assert _units(text, lexicon, seg) == [[("区公安分局", "lead"), ("区城管执法局", "co"), ("区交通委", "co")],
                                          [("区水务局", "lead")]]
    duties = ("某区渣土管理意见\n一、职责分工\n区公安分局负责会同区城管执法局、区交通委打击非法运输行为。\n"
              "区城管执法局负责加强工地检查。\n区交通委负责查验处置证。\n")
    assert _units(duties, lexicon, seg)[0] == [("区公安分局", "lead"), ("区城管执法局", "co"), ("区交通委", "co")]


def test_a_centre_its_level_names_acts(lexicon, seg) -> None:
    # 平潭 2015 宅基地 (heldout84): "区房地产交易中心要主动将…公布": a centre its level names (区行政服务中心, 区传媒中心) is a
    # body the plan charges, as a 研究中心 was.
    text = _plan("主动做好服务。区房地产交易中心要主动公布符合条件的宅基地。", "加强服务。区行政服务中心要优化办事流程。")
    assert _units(text, lexicon, seg) == [[("区房地产交易中心", "lead")], [("区行政服务中心", "lead")]]
    # Not a centre named without its level, which may be anyone's ("交易中心要…").
    assert _units(_plan("主动做好服务。交易中心要主动公布信息。", "加强监管。区商务局要开展检查。"), lexicon, seg) == \
        [[], [("区商务局", "lead")]]


def test_who_else_a_sentence_says_acts_takes_part_beside_who_does_a_part(lexicon, seg) -> None:
    # 平潭 2015 宅基地 (heldout84): "具体数额由区环境与国土资源局牵头核定。区财政金融局、区环境与国土资源局等部门要加强…监督
    # 检查": who a sentence says does a part leads; the others its sentences say act take part.
    text = _plan("落实工作经费。具体数额由区环境与国土资源局牵头核定。区财政金融局、区环境与国土资源局等部门要加强资金监督检查。",
                 "加强监管。区商务局要开展检查。")
    assert _units(text, lexicon, seg) == [[("区环境与国土资源局", "lead"), ("区财政金融局", "co")], [("区商务局", "lead")]]


def test_the_bodies_after_by_do_the_work(lexicon, seg) -> None:
    # 平潭 2015 宅基地 (heldout84): "由区环境与国土资源局按照规定择优选择…作业单位": the body after 由 does the work, in a
    # clause of its own too ("工程完工后，由区住建局组织验收").
    text = _plan("选择作业单位。由区环境与国土资源局按照规定择优选择作业单位。", "组织验收。工程完工后，由区住建局组织验收。",
                 "加强监管。区商务局要开展检查。")
    assert _units(text, lexicon, seg) == [[("区环境与国土资源局", "lead")], [("区住建局", "lead")], [("区商务局", "lead")]]
    # Not the bodies a group is made up of ("由A、B组成的工作组"), nor a name that runs into its work to the clause's end
    # ("由区政府挂牌督办" names no "区政府挂牌督办").
    text = _plan("成立专班。成立由区住建局、区财政局组成的工作专班。", "挂牌督办。对重大隐患，由区政府挂牌督办。",
                 "加强监管。区商务局要开展检查。")
    assert _units(text, lexicon, seg)[:2] == [[], []]


def test_departments_named_by_heritage_religion_or_publicity_fields_act(lexicon, seg) -> None:
    # 静安 2018 文物保护 (heldout84): "文物、新闻宣传等部门要主动做好…宣传普及工作": fields every level has a department for
    # (文物, 新闻宣传, 规土, 建管, 宗教) share the kind the list ends with, as 公安、交通部门 do.
    text = _plan("加强普法。文物、新闻宣传等部门要主动做好宣传普及工作。", "加强协调。规土、建管、宗教等部门要加强协调配合。")
    assert _units(text, lexicon, seg) == [[("文物部门", "lead"), ("新闻宣传部门", "co")],
                                          [("规土部门", "lead"), ("建管部门", "co"), ("宗教部门", "co")]]


def test_a_body_acting_in_its_role_acts(lexicon, seg) -> None:
    # 静安 2018 (heldout84): "区文物管理委员会各成员单位切实履行…，区文化局作为全区文物主管部门履行文物保护主体责任": the
    # bureau, named with its role in the clause of its work, takes part.
    text = _plan("落实责任。区文物管理委员会各成员单位切实履行文物保护相关责任，区文化局作为全区文物主管部门履行文物保护主体责任。",
                 "加强监管。区商务局要开展检查。")
    assert _units(text, lexicon, seg)[0] == [("区文物管理委员会各成员单位", "lead"), ("区文化局", "co")]
    # Not money a body budgets for another ("区财政局年度预算30万元给领导小组办公室作为专项经费"), nor a role before a comma,
    # whose next clause says whom it helps (`_CAST_AS`: "区排水管理所作为运维管理单位，应配合区建设管理委…").
    text = _plan("保障经费。区财政局年度预算30万元给领导小组办公室作为专项经费。",
                 "做好运维。区排水管理所作为排水设施运维管理单位，应配合区建设管理委做好防汛工作。")
    units = _units(text, lexicon, seg)
    assert not any("办公室" in n for n, _ in units[0]) and ("区排水管理所", "lead") not in units[1], units


def test_review_by_a_noun_a_facility_or_a_choice_names_no_doer(lexicon, seg) -> None:
    # Review (helper 632): "由X安排的专项资金" qualifies a noun, its doer is the main clause's; a centre being built or a venue
    # is no body; "选择区图书馆作为试点单位" names no "选择区图书馆".
    text = _plan("规范资金使用。由区财政局安排的专项资金，区民政局要加强使用监管。",
                 "推进项目建设。由区发改委组织编制的项目清单，区住建局要按期完成建设。",
                 "建设物流枢纽。区物流中心要加快建设，2025年建成投用。", "丰富文化活动。区会展中心要完善配套设施。",
                 "开展试点示范。选择区图书馆作为试点单位开展古籍数字化工作。", "强化信息支撑。区大数据中心要做好数据归集共享。")
    assert _units(text, lexicon, seg) == [[("区民政局", "lead")], [("区住建局", "lead")], [], [], [],
                                          [("区大数据中心", "lead")]]


def test_the_towns_concerned_and_a_local_department_act(lexicon, seg) -> None:
    # 宝山 宝建〔2021〕18号 and 柳州 2025 (heldout85): "各相关镇要加强组织领导", "属地发展改革部门要…": the towns concerned, as
    # "相关街镇" are, and a field's department of the place concerned (or of the grassroots, a level), as "发展改革部门" is.
    text = _plan("加强组织领导。各相关镇要加强组织领导。", "规范备案。属地发展改革部门要做好项目备案管理。",
                 "加强核验。基层农业农村部门要探索机具核验方式。")
    assert _units(text, lexicon, seg) == [[("各相关镇", "lead")], [("属地发展改革部门", "lead")], [("基层农业农村部门", "lead")]]
    # Not a place's field that is no department's ("属地网格部门").
    assert _units(_plan("加强巡查。属地网格部门要加强巡查。", "加强监管。区商务局要开展检查。"), lexicon, seg)[0] == []


def test_an_enforcement_detachment_or_corps_acts(lexicon, seg) -> None:
    # 平潭 2015 涉渔三无船舶 (heldout86): "区海洋与渔业执法支队要做好…档案台账工作": a detachment (支队) or corps (总队) of
    # enforcement acts as its 大队 and 中队 do; a company's team does not.
    text = _plan("摸底调查。区海洋与渔业执法支队要做好船舶的档案台账工作。", "联合执法。市农业综合执法总队要开展专项执法检查。",
                 "清运管理。运输公司车队要做好渣土清运。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("区海洋与渔业执法支队", "lead")], [("市农业综合执法总队", "lead")], [],
                                          [("区委宣传部", "lead")]]


def test_a_long_list_that_writes_its_level_once_acts(lexicon, seg) -> None:
    # 黄浦 2026 外摆位 (heldout86): seven offices, the district written once, run past forty characters before their verb;
    # 绿化市容局 is the district's (市容 is its field, no city); "等管理部门" closes the list as "等部门" does (宝山 2015).
    text = "某区实施意见\n一、管理措施\n" + "".join(f"（{n}）{t}\n" for n, t in zip("一二", (
        "依法履职。区商务委、市场监管局、城管执法局、绿化市容局、公安分局、文化旅游局、应急管理局等部门应当切实履行法定职责，加强检查。",
        "协同实施。区发展改革委、区财政局、区规划资源局、区审计局、区土地储备中心等管理部门按照各自职责，协同实施监督管理。")))
    assert _units(text, lexicon, seg) == [
        [("区商务委", "lead"), ("区市场监管局", "co"), ("区城管执法局", "co"), ("区绿化市容局", "co"), ("公安分局", "co"),
         ("区文化旅游局", "co"), ("区应急管理局", "co")],
        [("区发展改革委", "lead"), ("区财政局", "co"), ("区规划资源局", "co"), ("区审计局", "co"), ("区土地储备中心", "co")]]


def test_working_groups_a_plan_sets_up_act(lexicon, seg) -> None:
    # 平潭 2023 中原安置房交房 (heldout87): "各交房工作组要细化分解目标任务": the groups the plan sets up act, as its 小组 and
    # 专班 do; a group set up by a sentence is no doer of that sentence.
    text = _plan("强化目标导向。各交房工作组要细化分解目标任务，实行包户到人。", "成立工作组。成立交房工作组，分片包干。",
                 "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("各交房工作组", "lead")], [], [("区委宣传部", "lead")]]


def test_a_topic_before_a_colon_opens_no_sentence(lexicon, seg) -> None:
    # 崇明 2020 违法用地 (heldout92): "4.永久基本农田调整补划涉及违法项目：各乡镇人民政府、各相关部门要将…" — the item's
    # topic, then a colon, then who acts; a key that assigns and a line of its own keep their readings.
    text = _plan("永久基本农田调整补划涉及违法项目：各乡镇人民政府、各相关部门要将违法用地项目列入整治计划。",
                 "公益性违法项目：各街镇要加快公益性违法项目的分类处置。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("各乡镇人民政府", "lead"), ("各相关部门", "co")], [("各街镇", "lead")],
                                          [("区委宣传部", "lead")]]
    # Near misses: a key line's own colon (黄浦 2023 "排查对象：住宅小区…管理办公室负责范围的单位场所"), a ratio's colon in
    # an item's first sentence (平潭 2022 "区资源生态局要主动对接…开展的1:5万地质灾害风险调查"), and the topic of a list with no doer after it.
    text = _plan("第三类\n排查对象：住宅小区以及未纳入街道消防安全管理办公室负责范围的单位场所。",
                 "区资源生态局要主动对接本区域内开展的1:5万地质灾害风险调查。",
                 "经营性违法项目：本区剩余经营性违法用地共计13件。")
    assert _units(text, lexicon, seg) == [[], [("区资源生态局", "lead")], []]


def test_the_districts_towns_written_without_each_act(lexicon, seg) -> None:
    # 金山 2019 公共消防 (heldout92): "区委宣传部、区文明办、各行业管理部门和街镇（工业区）要…" — 街镇, a Shanghai district's
    # subdistricts and towns, act as "各街镇" does, alone or closing a list, its zones in a bracket after it.
    text = _plan("完善宣传机制。区委宣传部、区文明办、各行业管理部门和街镇（工业区）要充分利用各种宣教资源。",
                 "落实属地责任。街镇要落实属地管理责任。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [
        [("区委宣传部", "lead"), ("区文明办", "co"), ("各行业管理部门", "co"), ("街镇（工业区）", "co")],
        [("街镇", "lead")], [("区委宣传部", "lead")]]
    # Not a place or a thing of the towns ("街镇城运中心平台要…", "街镇级消防站要…").
    text = _plan("规范处置。街镇城运中心平台要及时派单。", "加强建设。街镇级消防站要配齐装备。")
    assert _units(text, lexicon, seg) == [[], []]


def test_local_bodies_fire_brigades_and_stations_act(lexicon, seg) -> None:
    # 奉贤 2023 文物建筑消防 (heldout94): "各属地单位要…" (the bodies of each locality, as 属地街镇 are), "区文保所负责收集…"
    # (a district's station by its work), "区文物局将会同区消防支队，对…进行督导" (the fire brigade by its 支队).
    text = _plan("彻底排查。各属地单位要做到对辖区各文物建筑无死角排查。", "收集材料。区文保所负责收集各单位工作方案。",
                 "区级督导。区文物局将会同区消防支队，对各单位的工作开展情况进行督导。", "建设站点。由属地政府负责站点建设。")
    assert _units(text, lexicon, seg) == [[("各属地单位", "lead")], [("区文保所", "lead")],
                                          [("区文物局", "lead"), ("区消防支队", "co")], [("属地人民政府", "lead")]]
    # Near misses: 所 of a place or a need ("区内各场所要…", "满足农业发展所需…"), a company's 支队 of no brigade.
    text = _plan("加强管理。区内各场所要落实消防安全责任。", "保障需求。满足我省特色农业发展所需，加大补贴力度。",
                 "加强巡查。物业公司保安支队要加强巡查。")
    assert _units(text, lexicon, seg) == [[], [], []]


def test_the_town_where_a_thing_is_acts_and_a_case_given_by_its_comma_is_an_item(lexicon, seg) -> None:
    # 崇明 2015 老旧住房 (heldout93): "…的房屋，由县建设交通委协助明确侵权责任人并进行后续处置；" is an item though a list's
    # "；" closes it; "由房屋所在乡镇政府进行…" and "由所在乡镇人民政府…" are one town government, the one where the house is.
    text = ("某县实施意见\n一、分类推进\n（一）对年久失修引起损坏的房屋，由县住房保障房屋管理局指导进行后续处置。\n"
            "（二）对由于其他建设工程等原因引起损坏的房屋，由县建设交通委协助明确侵权责任人并进行后续处置；\n"
            "（三）存在损坏的宿舍，由房屋所在乡镇政府进行现场调查摸底，由所在乡镇人民政府负责房屋修缮的具体实施工作。\n")
    assert _units(text, lexicon, seg) == [[("县住房保障房屋管理局", "lead")], [("县建设交通委", "lead")],
                                          [("所在乡镇人民政府", "lead")]]
    # Near miss: a list's clause that gives no office its case is no item of its own.
    text = ("某县实施意见\n一、分类推进\n（一）对年久失修引起损坏的房屋，由县住房保障房屋管理局指导进行后续处置。\n"
            "（二）对由于其他建设工程等原因引起损坏的房屋；\n（三）加强巡查。县应急局要加强巡查。\n")
    assert [i.number for i in parse_plan(text, "t.txt", lexicon, seg).items] == ["（一）", "（三）"]


def test_a_body_that_fits_its_work_to_what_it_has_acts(lexicon, seg) -> None:
    # 奉贤 2023 文物建筑消防 (heldout94): "4月召开…会议，各属地单位结合辖区实际状况，制定工作方案" — 结合, as 根据 and 按照
    # do, follows the body that acts.
    text = _plan("动员部署。4月召开工作会议，各属地单位结合辖区实际状况，制定工作方案。", "加强宣传。区委宣传部要做好宣传。")
    assert _units(text, lexicon, seg) == [[("各属地单位", "lead")], [("区委宣传部", "lead")]]
    # Near misses: what is joined is no body ("坚持产教结合，区教育局要…"); a body's work a later 由 gives to another
    # ("区民政局结合走访认定的困难家庭，由各街道办事处发放补助").
    text = _plan("深化改革。坚持产教结合，区教育局要推进校企合作。", "发放补助。区民政局结合走访认定的困难家庭，由各街道办事处发放补助。")
    assert _units(text, lexicon, seg) == [[("区教育局", "lead")], [("各街道办事处", "lead")]]


def test_fields_across_every_place_share_the_kind_that_closes_them(lexicon, seg) -> None:
    # 国家 2025 车辆运输车 (heldout91): "各地交通运输、公安交通管理、工业和信息化主管部门要…" — each field's 主管部门 in every
    # place (a management's field its 部门), the first leading.
    text = _plan("重点整治。各地交通运输、公安交通管理、工业和信息化主管部门要组织专门力量开展整治。", "加强宣传。各地公安、交通部门要做好宣传。")
    assert _units(text, lexicon, seg) == [
        [("各地交通运输主管部门", "lead"), ("各地公安交通管理部门", "co"), ("各地工业和信息化主管部门", "co")],
        [("各地公安部门", "lead"), ("各地交通部门", "co")]]
    # Near miss: a list whose last part is no field's kind ("各地交通运输、公安交通管理、汽车生产企业要…") names no one.
    text = _plan("重点整治。各地交通运输、公安交通管理、汽车生产企业要开展自查。")
    assert _units(text, lexicon, seg) == [[]]


def test_review_firms_volunteers_handed_work_and_whom_a_body_reports_to(lexicon, seg) -> None:
    # Review (helper 726): a firm's or a service's 所 and a volunteer or a company's own fire team are parties, not
    # stations of government; "区政府结合实际，由区教育局牵头…" is the bureau's alone; "各司法所在街镇" is the stations,
    # not a town "所在街镇"; "镇规建办上报区相关部门" is the office, not whom it reports to.
    text = _plan("法律援助。各律师事务所要为群众提供法律援助。", "健康宣教。各家政服务所要规范服务行为。",
                 "值守备勤。园区专职消防队要加强24小时值守。", "消防宣传。区志愿消防大队要开展消防宣传。",
                 "制定方案。区政府结合实际，由区教育局牵头制定实施方案。", "人民调解。区司法局、各司法所在街镇要设立人民调解室。",
                 "项目申报。镇规建办上报区相关部门审核。")
    assert _units(text, lexicon, seg) == [[], [], [], [], [("区教育局", "lead")],
                                          [("区司法局", "lead"), ("各司法所", "co")], [("镇规建办", "lead")]]
    # Near miss: a body with work of its own before the rule it follows still acts ("各责任单位根据分工确定…，由区营商办
    # 统筹制定…", 静安 2024).
    text = _plan("动员部署。各责任单位根据分工确定具体工作任务和进度安排，由区营商办统筹制定任务分工表。")
    assert _units(text, lexicon, seg) == [[("各责任单位", "lead"), ("区营商办", "co")]]


def test_a_governments_office_for_property_or_firms_acts(lexicon, seg) -> None:
    # 浦东 2023 房屋应急维修 (heldout95): "区物业管理事务中心应当建立考核制度" — the district's office for property management
    # acts, as "区企业服务中心" does; "由区建交委另行制定" names the committee, 另行 being when it does its work.
    text = _plan("考核评价。区物业管理事务中心应当建立考核制度。", "企业服务。区企业服务中心要做好企业服务。",
                 "实施细则。本规定的具体实施细则，由区建交委另行制定。")
    assert _units(text, lexicon, seg) == [[("区物业管理事务中心", "lead")], [("区企业服务中心", "lead")], [("区建交委", "lead")]]
    # Near misses: the property firms and companies a plan regulates, and a 物业管理处 no level names.
    text = _plan("日常维修。物业服务企业应当做好维修。", "日常维修。物业管理处应当做好维修。", "日常维修。区物业公司应当做好维修。")
    assert _units(text, lexicon, seg) == [[], [], []]


def test_a_clause_of_names_alone_is_who_the_next_clause_works(lexicon, seg) -> None:
    # 静安 2021 城市维护 (heldout96): "区各行业主管部门，按照…负责具体的推进实施", "…，对…组织绩效评估" — a clause that only
    # names bodies is whose work the next clause is, whether that opens with a rule, a modal or what the work is on.
    text = _plan("标准定额。区各行业主管部门，按照市相关行业主管部门制定的标准，负责具体的推进实施。",
                 "考核评价。区各行业主管部门，对区级城市维护项目的实施情况组织绩效评估。",
                 "过程监管。区财政局、区审计局，应根据各自职责加强监管。")
    assert _units(text, lexicon, seg) == [[("区各行业主管部门", "lead")], [("区各行业主管部门", "lead")],
                                          [("区财政局", "lead"), ("区审计局", "co")]]
    # Near misses: where a body sits or what sets it up is no clause of names ("办公室设在区住建委，负责…", "镇层面成立…
    # 领导小组，负责…"), nor a party a plan regulates ("项目（法人）单位，应按照…").
    text = _plan("组织领导。领导小组办公室设在区住建委，负责日常工作。", "组织领导。镇层面成立工作领导小组，负责统筹协调。",
                 "竣工验收。项目（法人）单位，应按照验收标准负责组织项目验收。")
    assert _units(text, lexicon, seg) == [[], [], []]


def test_bodies_joined_by_yu_or_working_together_act(lexicon, seg) -> None:
    # 浦东 2022 设施农业用地 (heldout96): "区规划资源局与临港管委会根据职责分工，负责…" names two bodies, as 和 would; 静安
    # 2021: "区各行业主管部门共同推进", "区财政、审计等部门按照各自职责，…" (the level the list lent its fields is each's), and
    # "镇人民政府和区相关部门严格按照有关规定予以查处".
    text = ("某区管理办法\n第一章 总则\n第一条（职能分工）\n区级城市维护工作由区建设管理委牵头，区各行业主管部门共同推进。\n"
            "区财政、审计等部门按照各自职责，对年度预算资金进行管理和监督。\n"
            "第二条（共同监管）\n区规划资源局与临港管委会根据职责分工，负责各自管理区域内的用途管制。\n"
            "第三条（追责问责）\n对违法违规建设，镇人民政府和区相关部门严格按照有关规定予以查处。\n")
    assert _units(text, lexicon, seg) == [
        [("区建设管理委", "lead"), ("区各行业主管部门", "co"), ("区财政部门", "co"), ("区审计部门", "co")],
        [("区规划资源局", "lead"), ("临港管委会", "co")], [("镇人民政府", "lead"), ("区相关部门", "co")]]
    # Near misses: 与 inside one office's name ("区环境与国土资源局", "区森林与园林管理局"), and a body with a party.
    text = _plan("加强管护。区环境与国土资源局要加强管护。", "造林绿化。区金井湾片区管理局和区森林与园林管理局要完成造林任务。",
                 "签订协议。区政府与企业签订投资协议。")
    assert _units(text, lexicon, seg) == [[("区环境与国土资源局", "lead")],
                                          [("区金井湾片区管理局", "lead"), ("区森林与园林管理局", "co")], []]


def test_a_bureaus_own_institutions_and_party_group_act(lexicon, seg) -> None:
    # 宝山 2024 绿化市容 (heldout97): a bureau's plan gives work to the institutions under it ("各直属单位",
    # "各下属事业单位") and to its own party group ("局党组要定期研究…").
    text = _plan("细化方案。各下属事业单位要结合本方案，制定本单位实施方案。", "压实责任。各直属单位要落实主体责任。",
                 "加强领导。局党组要定期研究安全生产工作。")
    assert _units(text, lexicon, seg) == [[("各下属事业单位", "lead")], [("各直属单位", "lead")], [("局党组", "lead")]]
    # Near misses: firms and institutions a plan regulates ("各企事业单位要…", "各生产经营单位要…"), public institutions
    # as employers ("各事业单位要按时足额缴纳社会保险费"; review, helper 750: the set's writer counted 宝山's "各事业单位",
    # which a district's plan as often regulates), a company's party committee ("公司党委要…").
    text = _plan("落实责任。各企事业单位要落实安全生产主体责任。", "落实责任。各生产经营单位要落实主体责任。",
                 "缴纳保费。各事业单位要按时足额缴纳社会保险费。", "加强党建。公司党委要定期研究安全生产工作。")
    assert _units(text, lexicon, seg) == [[], [], [], []]


def test_a_bureaus_divisions_by_short_name_and_its_inspection_brigade_act(lexicon, seg) -> None:
    # 平潭 2018 环评事中事后监管 (heldout97), a bureau's own plan: its divisions by their short names ("环评处要…",
    # "各环保相关处室要…") and its inspection brigade ("环境监察支队要负责…") act.
    text = _plan("明确责任。环评处要按要求做好环评文件审批工作。", "双随机抽查。环境监察支队要负责本行政区的随机抽查工作。",
                 "加强领导。各环保相关处室要加强组织领导。")
    assert _units(text, lexicon, seg) == [[("环评处", "lead")], [("环境监察支队", "lead")], [("各环保相关处室", "lead")]]
    # Near misses: punishing (查处, 惩处) and a place or a merit (不足之处, 好处) end no division's name.
    text = _plan("严格查处。依法查处要做到公开透明。", "整改提升。不足之处要及时整改。", "加强宣传。好处要讲清楚。")
    assert _units(text, lexicon, seg) == [[], [], []]


def test_review_names_alone_reported_cases_places_and_objects_of_work(lexicon, seg) -> None:
    # Review (helper 750): a clause that passes a case on ("各街道汇总后报区财政局，按照…", "评审结果报区政府，…") is no
    # clause of names alone, its doer (各街道) acting as before; names alone in a row are one list; a place ending in 处
    # ("入口处", "拐角处", "售票处") is no division; the object of 督促 or of 报 is no doer, whether 与 or 和 joins it.
    text = _plan("拨付资金。各街道汇总后报区财政局，按照规定拨付资金。", "组织评审。评审结果报区政府，按照程序审定。",
                 "报送情况。区财政局，区审计局，区发展改革委，按照要求报送年度执行情况。",
                 "规范管理。施工现场要实行封闭管理，入口处要设置车辆冲洗设施。", "公示票价。售票处要公示票价。",
                 "资金监管。督促区财政局与区审计局加强资金监管。", "资金审核。项目资金报区财政局与区发展改革委审核。")
    assert _units(text, lexicon, seg) == [[("各街道", "lead")], [],
                                          [("区财政局", "lead"), ("区审计局", "co"), ("区发展改革委", "co")], [], [], [], []]


def test_towns_by_their_kind_act_and_are_their_government_named_again(lexicon, seg) -> None:
    # 崇明 2015 住宅小区 (heldout98): "由乡镇负责协调各专业管理派出机构" — 乡镇 without 各 is the county's towns, as 街镇 is the
    # district's; 崇明 2025: "乡镇人民政府是…责任主体，…。乡镇应组织…" names one unit twice, the government's name kept.
    text = _plan("建立机制。由乡镇负责协调各专业管理派出机构，处置辖区内相关事务。",
                 "加强联动。乡镇人民政府是落实违法建筑整治的责任主体，应将整治时间节点前置。乡镇应组织巡查力量形成有效管控。")
    assert _units(text, lexicon, seg) == [[("乡镇", "lead")], [("乡镇人民政府", "lead")]]
    # Near misses: 乡镇 qualifying a body or a thing ("乡镇房管中心要…" is no collective's; "乡镇层面…").
    text = _plan("加强培训。乡镇层面要加强业务培训。")
    assert _units(text, lexicon, seg) == [[]]


def test_the_bodies_a_plan_gives_a_part_by_what_they_answer_for_act(lexicon, seg) -> None:
    # 宝山 2018 征收基地 (heldout99): "基地责任单位应强化安全综合监管", 平潭 2017: "平台各责任单位要制定…" — the bodies the plan
    # itself makes answer for a site or a platform act, as "各责任单位" does.
    text = _plan("强化监管。基地责任单位应强化安全综合监管。", "制定目标。平台各责任单位要制定年度目标。",
                 "摸清底数。各征收（拆迁）基地责任单位要建立工作台帐。")
    assert _units(text, lexicon, seg) == [[("基地责任单位", "lead")], [("平台各责任单位", "lead")],
                                          [("各征收（拆迁）基地责任单位", "lead")]]
    # Near misses: a regulated party's ("施工责任单位要…", "施工用车责任单位应…"), a ban on them ("严禁各招商责任单位…").
    text = _plan("文明施工。施工责任单位要落实扬尘管控。", "规范运输。施工用车责任单位应加强车辆管理。",
                 "规范招商。严禁各招商责任单位违规承诺优惠政策。")
    assert _units(text, lexicon, seg) == [[], [], []]


def test_a_levels_own_companies_act_and_overall_is_an_adverb(lexicon, seg) -> None:
    # 奉贤 2025 信易贷 (heldout99): "各街镇、区属国企做好调研选址" — the district's own companies act beside its towns, as
    # "区属单位" do; "区发改委总体统筹协调" — 总体 stands between the body and its work.
    text = _plan("筹备阶段。各街镇、区属国企做好调研选址，确定首批站点名单。", "明确分工。区发改委总体统筹协调，制定工作方案。")
    assert _units(text, lexicon, seg) == [[("各街镇", "lead"), ("区属国企", "co")], [("区发改委", "lead")]]
    # Near miss: companies the plan regulates, by no level's ownership ("各国有企业要…", "民营企业要…").
    text = _plan("落实责任。民营企业要落实安全生产主体责任。")
    assert _units(text, lexicon, seg) == [[]]


def test_a_lists_each_reaches_villages_by_their_kind(lexicon, seg) -> None:
    # 平潭 2017 奇岩怪石 (heldout99): "各乡镇、村（居）负责辖区…的巡查监督工作" — the list's 各 is each village's too.
    text = _plan("巡查监督。各乡镇、村（居）负责辖区奇岩怪石资源的巡查监督工作。", "巡查监督。各乡镇、村负责日常巡查。")
    assert _units(text, lexicon, seg) == [[("各乡镇", "lead"), ("村（居）", "co")], [("各乡镇", "lead"), ("村", "co")]]
    # Near miss: a kind alone that no 各 makes a body ("各乡镇、单位要…": 单位 alone names no one).
    text = _plan("加强巡查。各乡镇、单位要加强巡查。")
    assert _units(text, lexicon, seg) == [[]]


def test_a_bureau_by_its_short_name_where_the_plan_writes_its_level_elsewhere(lexicon, seg) -> None:
    # 平潭 2016 三无欠薪 (heldout100): "社会事业局负责牵头做好方案制定…" in a plan that writes "区社会事业局负责…" elsewhere is
    # that bureau.
    text = _plan("明确职责。社会事业局负责牵头做好方案制定、标准完善等工作。", "试点工作。区社会事业局负责试点的总体方案制定。")
    assert _units(text, lexicon, seg) == [[("区社会事业局", "lead")], [("区社会事业局", "lead")]]
    # Near miss: a centre by its short name, whose sentence is about it ("行政服务中心将不再按单位设立窗口"), stays no one's.
    text = _plan("一口受理。行政服务中心将不再按单位设立窗口。", "加强服务。区行政服务中心要优化服务流程。")
    assert _units(text, lexicon, seg)[0] == []


def test_review_parties_an_offence_is_laid_on_and_a_word_cut_to_its_village(lexicon, seg) -> None:
    # Review (helper 769): the party an accident, an offence, pollution or a product is laid on ("事故责任单位要…",
    # "违法责任单位应当…", "污染责任单位要…") is no body of the plan's; "各乡镇、村民要…" and "各乡镇、村集体经济组织要…" name
    # no village body, though the plan names 村 elsewhere.
    text = _plan("现场管理。基地责任单位应落实现场管理。", "事故报告。事故责任单位要在24小时内向区应急管理局报告。",
                 "停止违法。违法责任单位应当立即停止违法行为。", "治理费用。污染责任单位要承担污染治理费用。",
                 "建立台账。各乡镇、村要建立巡查台账。", "自觉保护。各乡镇、村民要自觉保护奇岩怪石。")
    assert _units(text, lexicon, seg) == [[("基地责任单位", "lead")], [], [], [], [("各乡镇", "lead"), ("村", "co")], []]


def test_bodies_within_their_own_remits_act_and_a_long_list_before_its_verb(lexicon, seg) -> None:
    # 黄浦 黄发改规〔2024〕3号 (heldout102): "区商务委、…、区公安分局等部门在各自的职责范围内开展…": the rule the bodies follow,
    # as 按照各自职责 is; the list of nine offices runs past 60 characters before it.
    names = ["区商务委", "区建管委", "区房管局", "区文化旅游局", "区机管局", "区教育局", "区卫生健康委", "区投促办", "区公安分局"]
    text = (f"某区节能降碳管理办法\n第一章 总则\n第四条 {'、'.join(names)}等部门在各自的职责范围内开展节能降碳管理工作。\n"
            "第五条 区财政局负责资金保障。\n")
    assert _units(text, lexicon, seg)[0] == [(names[0], "lead")] + [(n, "co") for n in names[1:]]
    # Near miss: the parties a plan regulates, within their remits, are no bodies of it.
    text = "某区管理办法\n第一章 总则\n第四条 重点用能企业在各自的职责范围内开展节能工作。\n第五条 区财政局负责资金保障。\n"
    assert _units(text, lexicon, seg)[0] == []


def test_a_long_list_of_those_a_body_works_with(lexicon, seg) -> None:
    # 崇明 沪崇府办发〔2021〕20号 (heldout103): "区建设管理委会同区发展改革委、区经委、…（25 offices）等部门共同推进…": every
    # office listed takes part, not the first five that fit in 30 characters.
    names = ["区发展改革委", "区经委", "区教育局", "区公安分局", "区民政局", "区财政局", "区规划资源局", "区生态环境局",
             "区农业农村委", "区科委", "区住房保障局", "区交通委", "区水务局", "区文化旅游局", "区卫生健康委", "区应急局"]
    text = (f"某区城市体检工作方案\n一、工作内容\n（一）开展评估。做好指标评估。\n二、组织保障\n"
            f"区建设管理委会同{'、'.join(names)}等部门共同推进城市体检工作。\n")
    assert _units(text, lexicon, seg)[-1] == [("区建设管理委", "lead")] + [(n, "co") for n in names]


def test_under_whose_guidance_is_no_doer(lexicon, seg) -> None:
    # 宝山 宝城执〔2021〕23号 (heldout105): "在区委组织部统筹指导下，着眼…" named "在区委组织部" as the item's lead; the body
    # under whose guidance the work goes is no name that opens with 在, the next sentence's doer acts.
    text = ("某区实施意见\n一、基本制度\n（一）统筹干部培养使用\n在区委组织部统筹指导下，着眼队伍长远发展，注重干部培养。"
            "区城管执法局要加强后备干部调研。\n（二）加强培训\n区城管执法局要加强培训。\n")
    assert _units(text, lexicon, seg)[0] == [("区城管执法局", "lead")]
