"""Who an item's sentences say acts: the units of a plan that names none in clauses, headings or tables."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection

from .patterns import ARTICLE_OPENING, DECIMAL_NUMBER
from .records import Span, UnitRef
from .said import COPULA
from .structure import NOT_DUTY_AFTER
from .unit_names import (
    COLLECTIVE,
    OWN_OFFICE,
    PARTY_GROUP,
    POWER_FIELD,
    SCHOOLS,
    STATION_WORK,
    TOWN_BY_NAME,
    UNNAMED,
    WORK_GROUP,
    ends_like_office,
    field_department,
    field_office,
    split_names,
)
from .units import JOINTLY, UnitResolver, above_level, is_official

# Who a sentence says acts, named where it opens: "交通与建设处要发挥…", "各属地政府要全面梳理…", "区文化局作为全区文物主管
# 部门履行…主体责任" (the role in the same clause as the work; "A作为…单位，应配合B" is `_CAST_AS`'s); those who help
# another ("各辖区派出所、综合执法大队要配合交通与建设处开展…") leave the lead to whom they help, and one that works
# with others ("区住建局会同区财政局制定…") or says it leads ("区城管局要牵头组织…") leads them.
_ACTS = re.compile(r"要(?![求素点])|应当|应(?!急)|务必|须|必须|需|将|作为(?=[^，。；]{2,16}(?:部门|单位|主体|机构)[^，。；、])|根据|按照|按(?=(?:有关|相关)?规定|要求|程序)|依据|依规(?=[\u4e00-\u9fff])|依(?=职责|各自职责)|结合|负责(?!人(?:要|应|组成|为|是|担任|任|亲自|履行|对|[，。、；]|$)|同志)|牵头|会同|发挥|统筹"
                   # "区级城市维护工作由区建设管理委牵头，区各行业主管部门共同推进" (静安 2021): bodies that do work together
                   r"|共同(?=推进|负责|做好|抓好|落实|完成|实施|开展|组织)"
                   # "区重大办代表区政府组织召开…" (浦东 2024): an office acting for its government does the work
                   r"|代表(?=[省市区县](?:人民)?政府)"
                   # "区商务委、区建管委…等部门在各自的职责范围内开展…" (黄浦 2024): the rule its bodies follow, as 按照 is
                   r"|在各自(?:的)?职[责能](?:范围)?内")
# Where any verb may follow who acts, working with or helping another is acting too: "区农业局配合区环境局开展…".
_ACTS_ANY = re.compile(rf"{_ACTS.pattern}|会商|联合|配合|协助|协同|参与")
_HELPS_WHOM = re.compile(r"(?:要|应当?|须|需|将)?(?:积极|主动|全力|密切)?(?:配合|协同|协助)")
_TAKES_PART = re.compile(rf"{_HELPS_WHOM.pattern}|(?:要|应当?|须|需|将)?(?:积极|主动)?参与")  # a measure's helper
# … after its duty too: "公安奉贤分局负责会同区城管执法局、区交通委打击…", "区发改委负责牵头…".
_LEADS_OTHERS = re.compile(r"(?:要|应当?|须|需|将)?(?:负责)?牵头")
_WORKS_WITH = re.compile(r"(?:要|应当?|须|需|将)?(?:负责)?(?:会同|会商|联合)")
# A clause that goes on with whom the one who acts works: "…，会同有关部门做好…", "…，并联合区公安局开展…".
_JOINS = re.compile(r"(?:并|同时|要|积极)?(?:会同|联合|协调)")
# Who does the work after 由 ("由区住建局组织验收"); not a group they make up ("由A、B组成的工作组"), a body's head
# ("由区交建局负责人牵头"), 由于 or 由此.
_BY_WHOM = re.compile(r"(?:则|并|再|均)?由(?!于|此|[^，。；]*?(?:组成|构成|负责人|负责同志))")
# Words between who acts and the act: "市发展改革委充分发挥…", "区住建局要切实…".
_ADVERBS = re.compile(r"(?:充分|切实|积极|主动|进一步|认真|全力|持续|继续|务必|一定|要|及时|具体|严格|总体|分别)+$")
# A body's head, who acts for it: "各成员单位负责人要…", "区住建局主要负责同志要…".
_HEAD_OF = re.compile(r"(?<=[\u4e00-\u9fff])(?:主要)?(?:负责人|负责同志|领导)$")


# A clause qualifying who acts: "获得专项资金补助的片区管理局要…" — the body after its 的, named from its level, 各 or 片区,
# acts; not a thing fronted before another body ("上级补助的资金区财政局根据…", whose "资金区财政局" is no name), nor a body's
# own part ("区公安分局的各派出所要…", whose owner answers; review, helper 452).
_QUALIFIED = re.compile(r"^(?P<clause>[^，。；的]{2,30})的(?P<body>(?:[省市区县各]|片区)[\u4e00-\u9fff（）()、]{1,19})$")


_PARTY_JOINED = re.compile(r"(?<=[\u4e00-\u9fff]{2})[和及与](?![省市区县][属直管])(?:相关|有关|各)?[\u4e00-\u9fff]{0,8}?(?:企业|公司)$")


_SCOPE_AFTER = re.compile(r"(?<=[委局办府队所站心])[（(](?![^（）()]*(?:简称|下称|设在))[^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)](?=、|$)")


def _who(before: str) -> str:
    """Who a sentence names before its act, without the adverbs, the head it acts through or a clause qualifying it."""
    who = _HEAD_OF.sub("", _ADVERBS.sub("", before))
    who = re.sub(r"^“([^“”]{2,12})”$", r"\1", who)  # a body by the short name the plan gave it: "“标准办”应定期…"
    # The body, beside a party the plan regulates that acts with it: "区建设管理委和燃气企业应建立…" (崇明 2023).
    who = _PARTY_JOINED.sub("", who)
    # Not the part of the work each body listed takes, in a bracket after it: "区交通委（内河、轨道）、区公安分局（道路）分别
    # 牵头" (闵行 2025).
    who = _SCOPE_AFTER.sub(lambda m: m.group() if _GOVERNING_END.search(m.group()[1:-1]) else "", who)  # (a second name stays)
    if (m := _QUALIFIED.match(who)) and not _acting(m.group("clause")):
        return m.group("body")
    return who
# Who may act in a plan's sentences: government offices, a body's own 处/科 and enforcement units, and the places
# it addresses, not the companies, sites, people or things it regulates ("各生产经营单位要…", "名师工作室要…").
_GOVERNING_END = re.compile(r"(?:局|委|办|办公室|厅|处|科|股|政府|部门|(?:宣传|组织|统战|政法|武装|党群工作|群众工作)部|派出所|(?:执法|监察|稽查)[总支大中]?队|救援大队"
                            r"|救援支队|(?<![愿职])(?:交警|消防)[总支大中]队|" + STATION_WORK + r"所|法院|检察院|人大|政协|科协|团委|妇联|总工会|管委会|委员会|委会|专班|(?<=[\u4e00-\u9fff]{2})各(?:单位|部门|科室|处室)|(?:领导|工作|协调)小组|工作组|成员单位|指挥部|(?<=防)指|党组|党委"
                            r"|(?:督查|信访|法制|综合)室|(?:档案|图书|博物|文化|纪念)馆|研究所|研究院|(?<!物流|健身|体育|会展|展览|活动|购物|商业|培训|演艺)(?<!(?<!大)数据)中心)$")
# A town's government by the town's name: "流水镇人民政府", "岚城乡政府" (who acts, though no 市/区/县 names it).
# Not a town one names by its kind ("相关乡镇政府", "试点镇", "该镇") nor a verb run into a town ("指导苏澳镇政府").
_TOWN_GOVERNMENT = re.compile(TOWN_BY_NAME)
_SENTENCE = re.compile(r"[^。；！？，\n]+")  # clauses: "年内，区应急管理局要…" names it after the comma
# What opens a sentence before who acts: the item's number, an enumerator ("一是", "①") or a link word.
_SENTENCE_OPENING = re.compile(rf"^(?:{DECIMAL_NUMBER}|[（(]?[一二三四五六七八九十\d]{{1,3}}[）)、.．]|[一二三四五六七八九十]是|[①-⑳]"
                               rf"|{ARTICLE_OPENING}"
                               r"|(?:其中|同时|此外|另外|为此|目前|今后)[，,]?|20\d{2}年(?:底前|内|起)?|年底前|[上下]半年|年内|今年|明年"
                               r"|汛期前|全年|每年|每季度|每月|[一二三四]季度|\d{1,2}月(?:底|中旬|上旬|下旬)?前)?")
# A topic the sentence's own heading names before a colon ("4.永久基本农田调整补划涉及违法项目：各乡镇人民政府…要将…", 崇明
# 2020): past it the sentence's doer opens; only after an item's number, not a key line's ("排查对象：住宅小区…", 黄浦 2023)
# nor a key that assigns ("牵头单位：", "区交通局职责：").
_TOPIC_COLON = re.compile(r"[^，。；：:“”\"（）()\d]{2,24}[：:](?=[^\s：:])")
_ASSIGNING_KEY = re.compile(r"单位|部门|牵头|责任|配合|职责|分工")
# Words that open a sentence's topic, place or time, not a name: "区内…中心建设", "今年区政府将…", "对辖区内企业要…", "全区各级各部门要…",
# "原则按照市水务局牵头制定的办法" (in principle), "在区委组织部统筹指导下，…" (under whose guidance); and the parties a plan
# regulates ("企业要…", "学校食堂要…"), though
# not the schools it addresses as a whole ("各学校要…", an education plan's doers).
_NOT_A_NAME = re.compile(r"^(?:[省市区县][内域外]|在(?=[省市区县各])|今年|明年|年内|当年|原则|对|督促|要求|推动|鼓励|支持|全区|全市|全县|全省|全镇|充分|认真|按照|根据|依据|围绕"
                         r"|委托|邀请|抽调|函告|通知|召集|商请|提请|报请|督导|考核|约谈|通报|参与|推荐|指定|授权|确定|聘请|指导|协调|选择|遴选|选取"
                         r"|帮助|配合|会同|联合|会商|依托|向|与|请|经(?!济)"
                         r"|结合|通过|加快|进一步|发挥|建立|落实|组建|成立|健全|加强|强化|推进|开展|做好|完善|打造|明确|压实|统筹)"
                         # an owner (业主), not a field's 业 before 主管 ("区海洋与渔业主管部门", "农业主管部门")
                         r"|各.*各|业主(?!管(?:部门|单位|机关))")
# A party a plan regulates, though a government's office for its field is a body ("区物业管理事务中心", 浦东 2023; "区企业
# 服务中心"; a housing bureau's own "物业管理科", "物业管理事务中心", 金山 2023), and one the plan itself addresses or names as
# a unit elsewhere acts ("各高速公路项目公司：" in its head).
_REGULATED_PARTY = re.compile(r"^(?![省市区县])(?!物业管理(?:事务中心|科)$)[^，。；]*?(?:物业|企业)"
                              r"|物业(?!管理(?:事务|服务)?(?:中心|处|科|办|站|所)$)|企业(?!服务(?:中心|处|科|办|站)$)|公司|医院"
                              rf"|^(?!{SCHOOLS}$).*学校")
# Such a party by its kind alone ("学校", "各相关企业"), which names none of them even where the plan gives it work.
_PARTY_KIND = re.compile(r"(?:各|相关|有关)*(?:学校|医院|企业|公司|物业)")
# A kind of body, which names one only with 各 or a place before it.
_KIND_ALONE = re.compile(r"单位|部门|学校|中小学校?|处室|科室|机构")
# The work a body does, run into what looks like a longer name: "区效能办对贯彻落实区党工委…", "区农村发展局协助区环境局".
_WORK_INSIDE = re.compile(r"对(?![外台口])|[与向](?=[区市县省各相有])|协助|会商|指导|督促|组织(?!部(?!门))|贯彻|落实|开展|负责|配合"
                          r"|牵头|按照|根据|通报|约谈|召集|统筹|协调|联系|通知|责成|委托|考核|督导|检查|帮助|支持|带领|邀请|推动|函告|抽调|结合|报请|提请|报送|上报"
                          # "市政府督查室加强跟踪督办": work that runs on to a word ending like an office's (督办).
                          r"|加强|做好|抓好|强化|跟踪")
# Whom a thing is reported to, run into what is reported: "项目资金报区财政局审核" (review, helper 750).
_REPORTED_TO = re.compile(r"(?<![情简通电汇快预公年月周学画海])报(?=[省市区县])")
# An office named for its work: "县委组织部考核办", "区教育局督导室".
_OFFICE_AFTER = re.compile(r"(?:办|室|科|组|站|处|中心)")
# A body named for its work keeps it: "区党工委贯彻落实中央八项规定精神领导小组办公室".
_NAMED_FOR_WORK = re.compile(r"(?:领导小组|工作小组|委员会|指挥部)(?:办公室)?$")
# Central bodies by name: "国家发展改革委", "科技部"; not "各施工项目部" or "各级领导干部".
_MINISTRY = re.compile(r"^(?:国务院|中共中央|中央|国家)[\u4e00-\u9fff]{0,12}(?:局|委|办|部|署|院|会)$"
                       r"|^(?:科技|商务|财政|教育|民政|司法|外交|公安|国防|交通运输|水利|农业农村|文化和旅游|自然资源|生态环境"
                       r"|住房(?:和)?城乡建设|人力资源(?:和)?社会保障|工业和信息化|应急管理|退役军人事务|审计|国家安全)部$")
# Departments by their kind: "相关职能部门", "各有关行政主管部门" (as "各有关部门" is).
_DEPARTMENTS = re.compile(r"(?:各|区|市|县)?(?:相关|有关)?(?:职能|行政主管|行业主管|主管|业务主管|执法)部门"
                          r"|(?:各|区|市|县)?(?:相关|有关)部门"
                          r"|(?:各|区|市|县)(?:相关|有关)部门和单位"  # "各有关部门和单位": one collective a plan addresses
                          r"|(?:各|相关|有关)+责任(?:部门|单位)")  # "各居村、相关责任单位于…前，对…开展排查"
# "各地要…" addresses every place at once, as a call rather than an assignment; "各属地街镇要…" names who acts.
_ANYWHERE = re.compile(r"^(?:各|相关|有关)(?:地区|地方|地)$")
# The work a helped office is to do, which ends its name: "配合区委宣传部开展宣传".
_WORK_AFTER = re.compile(r"[，。；、和及与]|$|开展|做好|组织|强化|加强|推进|落实|完成|实施|处置|查处|督促|处理|抓好|制定|建立|推动"
                         r"|做|搞好|研究|打击|整治|检查|排查|宣传(?!部)|指导|负责|共同|联合|依法|对|在|按照|进行|提升|规范|抓紧|持续|全面"
                         r"|切实|认真|及时|定期|加快|督导|约谈|协调|统筹|开|建|编制|出台|深化|优化|推|做实"
                         # The role or time that follows who acts: "区环境与国土资源局配合", "区城投集团5月底前完成…".
                         r"|完善|构建|梳理|摸清|加大|立即|尽快|配合|参与|协助|协同|会商|具体|全力|分别|按|根据|依据|于|采取|签订"
                         r"|每年|每月|每季度|严格|严肃|确保|督查(?![室组科处])|巡查(?![组队])|跟踪|清理|启动|召开|调度(?![中室])|上报"
                         r"|通报|汇总|争取|保障(?![局部中科处])|监测(?![站中科])|结合|围绕|针对|另行"
                         # Work, not a thing it yields ("区民政局发放标准…", "区应急局评估报告…", "区气象局统计，…").
                         r"|监督(?![管所])|统计(?![局站数报表资，,显结]|$)|执行|健全|储备|核查|核定|审核|评估(?![报结意组机])"
                         r"|发放(?![标对范])|安排|设立|引导|将(?=其)"
                         # "由区建交委采用信息化平台统一调拨管理" (浦东 2023)
                         r"|采用"
                         r"|(?=\d)(?:20\d{2}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|中旬|上旬|下旬)?(?:前|完成|启动|开工|建成|实现)")
_WORK_WORD = re.compile(_WORK_AFTER.pattern.replace(r"[，。；、和及与]|$|", "", 1))  # work itself, not where a name ends
# Who a sentence casts in a role before saying what it is to do: "区级林业部门作为管护事项收回工作的统筹主体，要…"; not
# whom a sentence takes as one ("以各街镇作为实施主体"), nor a helper's role ("区公安分局作为配合单位，要…").
_CAST_AS = re.compile(r"(?![以将把由对])(?P<names>[^，。；]{2,120}?)(?:作为(?![^，。；]*(?:配合|协助|协同|参与))[^，。；]{2,40}"
                      # "征收事务所为征地房屋补偿的实施单位，负责…", "乡镇人民政府是落实…的责任主体，应…": who a sentence says it is
                      r"|[为是](?![^，。；]*(?:配合|协助|协同|参与))[^，。；]{2,40}的[^，。；]{0,6}(?:单位|主体|部门|机构))")
# How a cast body's next sentence may open before its act: "区政府是…的责任主体。全面负责…" (always matches).
_MANNER_FIRST = re.compile(r"(?:全面|具体|统一|主要)?")
# A clause that ends as a condition on whom it names ("对违反规定…的", "对未落实…的镇"), not as work.
_CONDITION_END = re.compile(r"的[\u4e00-\u9fff]{0,2}$")
# What a clause after its doer's names alone may open with besides a modal or a rule: whom or what the work is on
# ("区各行业主管部门，对…组织绩效评估", "…，向区财政局报送…"), as an empty match where the doer's work begins.
_WORK_ON = re.compile(r"(?=(?:对|向|在|及时|依法|切实|认真)[^，。；]*?(?:组织|开展|报送|实施|负责|加强|落实|制定|完善|做好|评估))")
# What a regulated party does, before its 单位 ("施工单位", "建设责任单位"): one list for `_REGULATED_UNIT` and the role
# bodies (`_REGULATED_KIND`, where 管理 is the plan's own: "区域管理责任单位").
_PARTY_WORK = r"施工|建设|监理|运输|使用|维保|生产|经营|产权|设计|勘察|检测|租赁|承运|申报|排放"
_REGULATED_KIND = re.compile(rf"{_PARTY_WORK}|用车")
# The bodies a plan gives a part by the thing of its own work they answer for: "基地责任单位", "平台各责任单位", "区域
# 管理责任单位"; not the party an offence, an accident or a product is laid on ("事故责任单位", "违法责任单位", "污染责任
# 单位"; review, helper 769): the things are listed, not the exceptions. (A 牵头单位 so named is no doer's name: `_acting`
# reads 牵头 as the role, "A牵头".)
_ROLE_BODIES = re.compile(r"各?(?P<what>(?:(?!禁|要求|督促|由|对|向|和|及|与)[\u4e00-\u9fff（）]){0,8}?"
                          r"(?:基地|平台|项目|任务|整改|问题|工程|点位|区域管理|片区|征收)(?:（[^（）]{1,4}）)?)各?(?:责任|牵头)单位")
# Names, then work straight after them ("工业和信息化部、市场监管总局加强计量…支持").
_DOER_THEN_WORK = re.compile(r"(?P<names>[^，。；：“”《》]{2,60}?)(?=(?:加强|推进|推动|指导|统筹|做好|落实|完善|健全|建立|制定|组织|开展|强化"
                             r"|加大|研究|督促|协调|负责|牵头)(?![部处科室组局委办人同])[\u4e00-\u9fff])")  # not "区委组织部", "负责人"
# Work named as a thing, after its doer: "推进的项目", "组织编制的规划", "统筹安排的资金".
_WORK_AS_NOUN = re.compile(r"(?:(?![对在与向和把将])[\u4e00-\u9fff]){2,6}的")  # not "加强对企业的监管"
# Help named as a thing: "配合情况", "配合不力的", "配合不到位的", "协助的事项", or a circumstance ("在区执法部门配合下，…").
_HELP_AS_NOUN = re.compile(r"情况|不力|不到位|不够|不积极|的|度|下")
_VERB_FIRST = re.compile(r"^(?:做好|开展|落实|依法|处置|推进|加强|组织|完成|实施|抓好|配合|协助|查处|做|搞好|强化|督促|处理)")


# The parties a plan regulates, named by their part in the work ("施工单位", "各监理单位"); a government's own "…单位"
# is a collective or says whose it is ("各有关单位", "区直单位", "业务主管单位").
_REGULATED_UNIT = re.compile(rf"(?:{_PARTY_WORK}|管理)单位$"
                             r"|^(?!.*(?:各|有关|相关|成员|直|主管|[省市区县]属)).*单位$")  # "市属单位": the city's own
# The committees that govern villages and neighbourhoods, which plans give work as they give a town's offices.
_VILLAGE_COMMITTEE = re.compile(r"(?:各|相关|有关)?(?:村（居）|村居|村|居)(?:民)?委(?:员)?会")
_LEVEL_PREFIX = "省市区县镇乡"  # "镇城运中心": the plan's "城运中心" with its level


# A group a government sets up for its work, or that group's office: "头桥街道减量化工作联席会议", "联席会议下设办公室".
_SET_UP = re.compile(r"(?:联席会议|领导小组|工作小组|指挥部)(?:下设)?(?:办公室)?$")


# A body's own divisions named together: "农业农村局相关处室", "区财政局各科室".
_DIVISIONS_OF = re.compile(r"(?P<body>[\u4e00-\u9fff]{2,12}?[局委办厅])(?:各|相关|有关)(?:处室|科室)")


# The organs of a kind of state power, named by it alone: "公安机关", "检察机关", "人民法院" (not "国家机关办公建筑").
_ORGAN = re.compile(rf"(?:各级)?(?:{POWER_FIELD}机关|人民(?:检察院|法院))")


def governing_body(name: str) -> bool:
    """Whether a body a plan names in full is a government's, as one it gives a short name must be before the short
    name acts ("镇人民政府及街道办事处"), not a party it regulates ("业主委员会", "公共充电站", "行业协会"; review,
    helper 606)."""
    return (all(_governing(n) for n in split_names(name) or [""]) or _SET_UP.search(name) is not None) \
        and not PARTY_GROUP.search(name)


# A level's own bodies ("区直单位", "市属单位") and companies ("区属国企", 奉贤 2025; "区属集团", 虹口 2024), which its plans
# give work, though a company otherwise is a party they regulate.
_LEVEL_OWN = re.compile(r"各?[区县市]属(?:国有)?(?:企业|集团|国企)|[省市区县](?:直|属)(?:各|有关|相关)?(?:单位|国企|国有企业)")


def _governing(name: str, known: Collection[str] = ()) -> bool:
    """Whether a name, opening a sentence as who acts, is a governing body or a place it addresses, or one the plan
    itself gives work elsewhere (`known`: a town's "规建办", "城运中心", named so in its duties chapter)."""
    if PARTY_GROUP.search(name):  # "各施工单位工作小组", "各工地协调小组": a regulated party's own group
        return False
    if name not in known and (other := re.fullmatch(r"(?P<name>[^（）()]{2,})[（(](?P<also>[^（）()]{2,8})[）)]", name)) \
            and not re.search(r"\d|以下|简称|牵头|配合|负责", other.group("also")) \
            and (re.search(r"[区园镇乡局委办]$|街道$|管委会$", other.group("also")) or _governing(other.group("also"), known)):
        # "受灾街镇（园区）", "区水务局（区海洋局）": a body and the other it stands for, or is also named.
        return _governing(other.group("name"), known)
    # … with or without the level the plan writes it with elsewhere, a bureau by its short name ("社会事业局负责…" beside
    # "区社会事业局", 平潭 2016).
    if known and (name in known or (name[1:] in known and name[0] in _LEVEL_PREFIX)
                  or (re.fullmatch(r"[\u4e00-\u9fff]{2,6}[局委]|[\u4e00-\u9fff]{2,10}中心", name) is not None
                      and any(level + name in known for level in "区市县"))) and not _NOT_A_NAME.search(name) \
            and (not _REGULATED_PARTY.search(name) or (name in known and not _PARTY_KIND.fullmatch(name))) \
            and not _REGULATED_UNIT.search(name):  # a party it regulates: "施工单位：负责…"
        return True
    if _DEPARTMENTS.fullmatch(name):  # "相关职能部门", "各行业主管部门" (业主 inside it is no owner)
        return True
    if _LEVEL_OWN.fullmatch(name):  # "各行业主管部门、区属集团应督促…"
        return True
    if _NOT_A_NAME.search(name) or _REGULATED_PARTY.search(name) or COPULA.search(name) or _REPORTED_TO.search(name) or (not _NAMED_FOR_WORK.search(name) and any(
            _GOVERNING_END.search(name, 0, m.start()) and m.start() >= 3 and not _OFFICE_AFTER.match(name, m.end())
            for m in _WORK_INSIDE.finditer(name))):
        return False
    if _TOWN_GOVERNMENT.fullmatch(name):  # "流水镇人民政府", "流水镇": a town by its own name
        return True
    if _VILLAGE_COMMITTEE.fullmatch(name):  # "村（居）委会负责组织申报": the villages' and neighbourhoods' own committees
        return True
    if COLLECTIVE.match(name):
        return not _ANYWHERE.match(name)
    # "农业农村局相关处室": a bureau's own divisions together, as "各相关处室" are the issuer's (平潭 2022).
    # Not "在农业农村局相关处室指导下" (review, helper 834).
    if (divisions := _DIVISIONS_OF.fullmatch(name)) and _governing(divisions.group("body"), known):
        return True
    if (role := _ROLE_BODIES.fullmatch(name)) and not _REGULATED_KIND.search(role.group("what")):
        # "各征收（拆迁）基地责任单位应…", "平台各责任单位要…" (宝山 2018, 平潭 2017): the bodies the plan
        # itself gives a part in its work, by the thing they answer for; not a party it regulates ("施工责任单位").
        return True
    if _MINISTRY.match(name) or field_department(name) or field_office(name):  # "科技部", "气象部门", "物价局"
        return True
    if WORK_GROUP.fullmatch(name):  # "资产清查工作领导小组负责…", "领导小组办公室汇总…"
        return True
    if _ORGAN.fullmatch(name):  # "公安机关要…", "人民检察院要…": the organs of a power, which no level need name
        return True
    return bool(_GOVERNING_END.search(name)) and (is_official(name) or bool(OWN_OFFICE.match(name)))


def _acting(names: str, known: Collection[str] = ()) -> bool:
    """Whether a sentence's opening words are a list of governing bodies."""
    if not names or re.search(rf"[，：:“”《》]|^由|的|配合|协同|会同|牵头(?!单位$)|{JOINTLY}", names):
        return False
    if not (parts := split_names(names)):  # "、": punctuation alone names no one
        return False
    # "区交通建设局和行政审批局": the list's level, written once, is each office's ("区行政审批局").
    level = next((n[0] for n in parts if n[0] in "省市区县" and _governing(n, known)), "")
    # "各处室（中心）、办事处及行政村": the 各 that opens a list is each name's ("各办事处", "各行政村"); not a kind alone,
    # which without its 各 names no one ("各部门、单位", "各街道、学校").
    every = "各" if parts[0].startswith("各") and _governing(parts[0], known) else ""
    if every and any(_KIND_ALONE.fullmatch(n) for n in parts[1:]):
        every = ""

    def lent(prefix: str, name: str) -> bool:
        """Whether a bare name governs with the list's level or 各: a short name ("行政审批局"), or a village by its kind
        alone for 各 ("各乡镇、村（居）负责…", 平潭 2017); not work run into a name ("督促区财政局与区审计局…", "项目资金报区
        财政局与…"; review, helper 750)."""
        short = r"[\u4e00-\u9fff]{2,8}" if prefix != "各" else r"[\u4e00-\u9fff]{2,8}|村(?:（居）|居)?"
        return prefix != "" and re.fullmatch(short, name) is not None and "与" not in name and not _VERB_FIRST.match(name) \
            and not re.search(r"报|要求", name) and _governing(prefix + name, known)

    # "相关镇人民政府、街道办事处、管委会": a bare 管委会 listed after other governing bodies is the zones' own (嘉定 2024);
    # alone it is most often the plan's issuer, checking the work ("管委会将把考核结果纳入…", 平潭 2016).
    return all(_governing(n, known) or lent(level, n) or lent(every, n) or (i > 0 and n == "管委会") for i, n in enumerate(parts))


def _cast_after_by(text: str, known: Collection[str]) -> list[str]:
    """"由镇政府作为本镇配套项目建设责任主体" (浦东 2023): the body a 由-clause casts in the role that does the work."""
    m = re.match(r"(?P<name>[^，。；]{2,20}?)作为[^，。；]{2,24}(?:主体|单位|部门)", text)
    return split_names(m.group("name")) if m and _acting(m.group("name"), known) else []


def _offices_named(text: str, whole: bool = False, known: Collection[str] = (), working: bool = False) -> list[str]:
    """The governing bodies `text` opens with, up to the work they are to do ("区委宣传部开展宣传" -> 区委宣传部,
    "区交通运输局和交警大队开展整治" -> both, "区公安分局组织派出所民警…" -> 区公安分局); none before a verb. A `whole`
    list is not cut where it goes on ("A、B按职责…" names both or none); a `working` one is followed by its work, not
    by the clause's end ("由区政府挂牌督办" names no "区政府挂牌督办")."""
    if _VERB_FIRST.match(text):
        return []
    # Up to 160 characters: a list of twenty-five offices may follow 会同 (崇明 2021's 城市体检).
    for i in range(min(len(text), 160), 1, -1):
        # "及时" is a manner of working, not 及 joining another name ("由公安部门及时对现场实施交通管制").
        joins = text[i : i + 1] if not text.startswith("及时", i) else "时"
        if not _WORK_AFTER.match(text, i) or text[i - 1] in "，。；、和及与" or (whole and joins in tuple("、和及与")) \
                or (working and joins in ("", *"，。；、和及与")):
            continue
        # The longest such prefix keeps a branch's name whole ("区市场监督管理局平北分局强化…").
        if _acting(text[:i], known):
            return split_names(text[:i])
    return []


def _doers(sentence: str, known: Collection[str] = ()) -> tuple[str, list[str]]:
    """Who a measure's sentence names before any work, and how: "acts" ("区环境局对…加强执法"), "leads" ("由A牵头…",
    "由A负责…"), "partners" ("会同B…" after the measure's unnamed or earlier lead); none for a topic ("区环境局通报的问题，
    …") or a doer named after 由 ("区环境局2017年监测数据由区农业局汇总")."""
    if by := re.match(r"由(?P<names>[^，。；]{2,40}?)(?:牵头|负责)", sentence):
        return ("leads", split_names(by.group("names"))) if _acting(by.group("names"), known) else ("acts", [])
    if "由" in sentence:
        return "acts", []
    partners = re.match(r"(?:会同|会商|联合)", sentence)
    rest = sentence[partners.end():] if partners else sentence
    named = _offices_named(rest, whole=True, known=known)
    end = rest.find(named[-1]) + len(named[-1]) if named else 0
    if named and re.match(r"[^，。；的]{0,4}的", rest[end:]):
        return "acts", []
    return ("partners" if partners else "acts"), named


def _subject_units(text: str, offset: int, resolver: UnitResolver, above: Callable[[str], bool],
                   any_verb: bool = False, known: Collection[str] = ()) -> list[UnitRef]:
    """Bodies that open the sentences of an item as who acts: the first named leads, unless those first named help
    another, who then leads, or a later one leads others; all the others take part. Bodies `above` the plan's own
    level are no units of it. With `any_verb`, bodies before any work ("区环境与国土资源局对…加强执法") act too."""
    found: list[tuple[str, int]] = []  # (name, position in text), in order
    lead: tuple[str, int] | None = None
    leads_others: list[tuple[str, int]] = []  # "A、B牵头": all who say they lead
    helpers: list[tuple[str, int]] = []  # "…由苏澳镇牵头，区交通局配合": who helps an unnamed lead does not lead
    acts, helping = (_ACTS_ANY, _TAKES_PART) if any_verb else (_ACTS, _HELPS_WHOM)
    # "A作为…的统筹主体，" before the clause that says what A is to do: A, where it stands, and where that clause opens.
    cast: tuple[str, int, int] | None = None
    named_alone = False  # whether `cast` is a clause of names alone, whose next clause may open with what it works on
    at = 0

    def placed(name: str) -> tuple[str, int]:
        """A name with where the current sentence writes it (its start, where it does not)."""
        return name, max(text.find(name, at), at)

    for m in _SENTENCE.finditer(text):
        skip = _SENTENCE_OPENING.match(m.group(0)).end()  # type: ignore[union-attr]  # optional: always matches
        if skip and (topic := _TOPIC_COLON.match(m.group(0), skip)) and not _ASSIGNING_KEY.search(topic.group()) \
                and not _acting(topic.group()[:-1], known):
            skip = topic.end()
        sentence, at = m.group(0)[skip:], m.start() + skip
        subject, cast = (cast, None) if cast and m.start() == cast[2] else (None, None)
        alone, named_alone = named_alone, False
        if (by := _BY_WHOM.match(sentence)) and (named := [n for n in _offices_named(sentence[by.end():], whole=True,
                                                                                    known=known, working=True)
                                                     if not above(n)] or _cast_after_by(sentence[by.end():], known)) \
                and not NOT_DUTY_AFTER.match(sentence, sentence.find(named[-1], by.end()) + len(named[-1])):
            # Not a noun the clause qualifies ("由区财政局安排的专项资金，区民政局要…", "由区发改委负责审批的项目"; review).
            # "由区住建局组织验收", "工程完工后，由区国动办按照规定组织…": the bodies after 由 do the work.
            pos = at
            for name in named:
                pos = max(text.find(name, pos), pos)
                found.append((name, pos))
            continue
        # "A作为…，要…": A is to; "区政府是…的责任主体。全面负责…", "…的管理机构。对各镇…实施行业管理" (金山 2021): what
        # a body cast in its role does, after a manner word or opening with what it works on.
        # Not after a clause of names alone, whose words may hold more than names ("相关区直部门为办公室成员单位，全面负责…").
        lead_in = 0 if alone else len(_MANNER_FIRST.match(sentence).group())  # type: ignore[union-attr]  # always matches
        # Not a condition on what others do ("对违反规定…的，由区城管执法局处罚"), nor whose the work is ("具体负责…的是各镇").
        if subject and "的是" not in sentence and ((act := acts.match(sentence, lead_in))
                                                   or ((alone or not _CONDITION_END.search(sentence)) and _WORK_ON.match(sentence))):
            sentence, at = subject[0] + (sentence[lead_in:] if act else sentence), subject[1]
            act = acts.match(sentence, len(subject[0])) or _WORK_ON.match(sentence, len(subject[0]))
        else:
            # A body before the rule it follows acts, unless its clause is a noun or a time the sentence's doer,
            # named after 由, works on ("区民政局依据规定认定的困难家庭，由各街道办事处发放…", "…报区政府按照程序审定后，
            # 由…"); not "区财金局按照预算做好保障工作，由区经发局统筹分配", where the bureau has work of its own.
            later = text[m.end() : (text.find("。", m.end()) + 1 or len(text))]
            inside = "由" in later and re.search(r"的[^，。；的]{1,10}$|[后时]$", sentence) is not None
            # … nor a rule alone whose next clause hands the work to another ("区政府结合实际，由区教育局牵头制定…"; review,
            # helper 726), though a body with work of its own before it acts ("各责任单位根据分工确定…，由区营商办统筹…").
            handed = re.match(r"[，,]\s*由", later) is not None
            # Within the first 80 characters: a list of seven or nine offices may run before its verb (黄浦 2026, 2024).
            act = next((a for a in acts.finditer(sentence[:80]) if _acting(_who(sentence[: a.start()]), known)
                        and not (a.group() in ("根据", "按照", "按", "依据", "结合")
                                 and (inside or (handed and len(sentence) - a.end() <= 8)))), None)
        if act is None and (as_ := _CAST_AS.fullmatch(sentence)) and _acting(as_.group("names"), known):
            cast = (as_.group("names"), at, m.end() + 1)  # the next clause opens after this one's comma
            continue
        if act is None and text[m.end() : m.end() + 1] in "，," and m.end() < len(text) and _acting(sentence, known) \
                and not any(above(n) or _SET_UP_WHERE.search(n) for n in split_names(sentence)):
            # "区各行业主管部门，按照…负责具体的推进实施", "…，对…组织绩效评估" (静安 2021): a clause of names alone is
            # who the next clause's work is for, as "A作为…，" is.
            # "区财政局，区审计局，区发展改革委，按照要求报送…": names alone in a row are one list (review, helper 750).
            cast = (subject[0] + "、" + sentence, subject[1], m.end() + 1) if alone and subject else (sentence, at, m.end() + 1)
            named_alone = True
            continue
        if act is None:
            if any_verb:
                kind, named = _doers(sentence, known)
                named = [n for n in named if not above(n)]
                found.extend(placed(n) for n in named)
                if named and kind == "leads" and not leads_others:
                    leads_others = found[-len(named):]
                elif named and kind == "partners":
                    helpers += found[-len(named):]
            elif found and (joins := _JOINS.match(sentence)):
                # "区海洋与渔业主管部门要…，会同有关部门做好…": whom the one who acts works with in its next clause.
                found.extend(placed(n) for n in _offices_named(sentence[joins.end():], whole=True, known=known)
                             if not above(n))
            elif (helps := next((h for h in _HELPS_WHOM.finditer(sentence[:60]) if _acting(_who(sentence[: h.start()]), known)),
                                None)) and (found or not _HELPS_WHOM.fullmatch(sentence[helps.start():])) \
                    and not _HELP_AS_NOUN.match(sentence, helps.end()):
                # "区交通委配合做好…掘路和修复工作": who helps with work the article names acts in it, as a helper; one it
                # helps, named after ("审计部门配合纪检、监察部门检查…", "社会事业处配合区社会事业局负责…"), leads if first
                # and named (not "有关部门"). "A协同B开展…" is work A does with B, as 会同 is: A leads. Not help as a
                # thing judged ("各街镇配合情况纳入考核", "区交通委配合不力的，由…"). "B配合" alone helps only after one who acts
                # ("区商务局牵头，区发改委配合，建立…"; review, helper 805).
                named = [n for n in split_names(_who(sentence[: helps.start()])) if not above(n)]
                helped = [n for n in _offices_named(sentence[helps.end():], known=known) if not above(n) and not UNNAMED.match(n)]
                jointly = "协同" in helps.group() and bool(helped)  # "协同做好…" alone is help
                if helped and not found and lead is None and not jointly:
                    lead = placed(helped[0])
                found.extend(placed(n) for n in named)
                helpers += found[-len(named):] if named and not jointly else []
                found.extend(placed(n) for n in helped)
            elif (bare := _DOER_THEN_WORK.match(sentence)) and _acting(bare.group("names"), known) \
                    and "与" not in bare.group("names") and not _WHEN_CLAUSE.fullmatch(sentence) \
                    and not _WORK_AS_NOUN.match(sentence, bare.end()) \
                    and (listed := split_names(bare.group("names"))) \
                    and (_MINISTRY.match(listed[0]) or (re.match(r"[省市区县](?!场)", listed[0]) and is_official(listed[0]))):
                # "交通运输部、国家发展改革委加强统筹协调": bodies straight before their work act with no modal between
                # (a national plan's closing measure), the first named by its ministry's or its level's full name; not
                # a list 与 joins ("A与B签订…": parties), a clause of when ("区应急局组织演练时，各街道要…"), nor work
                # as a thing named ("区交通委推进的项目，…", "区建管委制定的标准"; review, helper 696).
                named = [n for n in split_names(bare.group("names")) if not above(n)]
                found.extend(placed(n) for n in named)
            continue
        first = not found
        pos = at
        named = [n for n in split_names(_who(sentence[: act.start()])) if not above(n)]
        for name in named:
            pos = max(text.find(name, pos), pos)
            found.append((name, pos))
        if not named:
            continue
        if (leading := _LEADS_OTHERS.match(sentence, act.start())) and not leads_others:
            leads_others = found[-len(named):]  # "区城管局要牵头组织…": whoever says it leads, leads
        partners = leading or _WORKS_WITH.match(sentence, act.start())
        helps = None if partners else helping.match(sentence, act.start())
        joined = partners or helps
        # "A牵头、B配合", "A牵头、会同B…": those named after who leads, as after whom one works with.
        rest = re.sub(r"^[、，,]?(?:会同|联合|协调)?", "", sentence[joined.end():]) if joined else ""
        others = [n for n in _offices_named(rest, known=known) if not above(n)]
        if helps and others and first:
            lead = placed(others[0])  # "A、B要配合C…": C leads
            others = others[1:]
        elif helps and not others and any_verb:
            helpers += found[-len(named):]
        found.extend(placed(n) for n in others)
    # Those who only help lead where no one else acts: the first named, as a list's first leads (闵行 2016's "第十条 区交通委
    # 配合做好…").
    opener = next((f for f in found if f not in helpers), found[0] if found and not any_verb else None)
    # "各中小学校要签订合同，区市场监管局要加强监督": schools answer to the office that oversees them, which leads.
    if opener and re.fullmatch(SCHOOLS, opener[0]):
        opener = next((f for f in found if f not in helpers and f[0][:1] in "省市区县" and not f[0].startswith("各")), opener)
    leads = leads_others or ([lead] if lead else []) or ([opener] if opener else [])
    refs, seen = [], set()
    for name, pos in leads + found:
        canon = resolver.resolve(name)
        if canon not in seen:
            seen.add(canon)
            role = "lead" if (name, pos) in leads else "co"
            refs.append(UnitRef(canon, name, role, Span(offset + pos, offset + pos + len(name))))
    return refs


# Who a sentence says helps, before the helping: "区农业农村委、区发改委依据各自职责，配合开展相关工作", "区财政局要积极
# 配合…". The names run up to a rule they follow, a modal or the help itself, in the sentence's first clause or the next.
_HELPS_AFTER = re.compile(r"(?P<names>[^，。；：]{2,40}?)(?:(?:按照|依据|根据|结合)[^，。；]{0,10}[，,]?|[，,])?"
                          rf"{_HELPS_WHOM.pattern}(?!单位|部门)")


def helpers_named(text: str, span: Span, resolver: UnitResolver, level: str) -> list[UnitRef]:
    """Bodies an item's sentences name as helping, before their help ("区发改委、区规划资源局依据各自职责，配合开展相关
    工作"): partners of an item whose lead a clause, a duty line or a sentence names."""
    refs: list[UnitRef] = []
    for m in re.finditer(r"[^。；！？\n]+", text[span.start : span.end]):
        opening = _SENTENCE_OPENING.match(m.group(0)).end()  # type: ignore[union-attr]  # optional: always matches
        if not (helps := _HELPS_AFTER.match(m.group(0), opening)):
            continue
        after = m.group(0)[helps.end():]
        # Help given to a body or with a work ("配合区住建局…", "配合开展…", "…配合，负责…"), not to a party the plan
        # serves, whom the helper acts for ("住建部门要协助企业做好…": the department's own work).
        if after and after[0] not in "，," and not _WORK_WORD.match(after) and not _offices_named(after):
            continue
        names = _who(helps.group("names"))
        if not _acting(names):
            continue
        at = span.start + m.start() + opening
        for name in split_names(names):
            if above_level(resolver.resolve(name), name, level, resolver):
                return []
            pos = text.find(name, at)
            refs.append(UnitRef(resolver.resolve(name), name, "co", Span(pos, pos + len(name))))
    return refs


# A clause of time or condition before who acts: "倒损住房恢复重建工作结束后，区防减救灾办组织…", "灾情稳定后，…".
_WHEN_CLAUSE = re.compile(r"[^，。；]{2,30}(?:后|时|前|期间|之际)$")
# What follows a body's name as its work, never as more of its name: an adverb, a time, a place ("…定期组织", "…在社区").
_NOT_NAME_PART = re.compile(r"在|对|于|按|根据|依据|结合|围绕|针对|每|定期|及时|立即|尽快|严格|切实|认真|全面|持续|具体|全力|分别|共同"
                            r"|依法|\d")
# Not names alone but where a body sits or what sets it up ("办公室设在市住建委", "下设办公室于区规划资源局", "镇层面成立…
# 领导小组"), or work read on ("…——乡镇人民政府").
# Nor a case passed on or a body's meeting ("各街道汇总后报区财政局，按照…", "评审结果报区政府，…", "区政府常务会议，审议…";
# review, helper 750).
_SET_UP_WHERE = re.compile(rf"{_NOT_NAME_PART.pattern}|设在|下设|设立|成立|依托|层面|也|要|——|后|报|结果|会议")


# A part of the body after its name: "区卫健委监督所…", "区公安分局交警支队…", "区财政局局长…" (review, helper 459).
_OWN_PART = re.compile(r"[\u4e00-\u9fff]{0,2}(?:所|站|队|中心|科|处|室|局|委|办|单位)(?=[\u4e00-\u9fff])"
                       # or what the body is made of or where it sits: "领导小组设组长1人", "办公室设在省应急厅",
                       # "领导小组全体成员必须…" (山东 2021, heldout22)
                       r"|(?:下)?设|全体|成员|组成|由|为|是"
                       # or a line saying whose duties follow ("区交通与建设局职责：", review, helper 468)
                       r"|(?:的)?(?:主要|具体)?(?:工作)?职[责能]")
# A modal and the way or place of the work after it, which no name holds ("各有关部门要按照…"; not "区数据局数据要素处").
_MODAL_INSIDE = re.compile(r"(?:要|应当?|须)(?:按照|依据|根据|结合|在|对|把|将|切实|认真|加强|积极|及时|进一步"
                           r"|组织|开展|做好|落实|建立|制定|督促|指导|负责|牵头|会同|协调|统筹)")  # "片区防指应组织相关部门开展…"
# A party the plan regulates named after a body, before its modal: "镇人民政府门前沿街商户要…" is the shops' (not "各学校教师
# 要…", the schools' own staff).
_PARTY_BEFORE_MODAL = re.compile(r"[\u4e00-\u9fff]{0,10}(?:商户|企业|个人|群众|居民|业主|经营者|公司|村民|农户|单位)"
                                 r"(?:要|应|须|需|负责)")


def _doers_first(sentence: str, known: Collection[str], then: str = "") -> list[str]:
    """The governing bodies a sentence opens with, before whatever work they do ("区防减救灾办指导做好…", "各街镇（园区）
    执行…制度", "区防减救灾办每年9月下旬开展…"); none before something of theirs ("区环境局通报的问题") or where the sentence
    names its doer after 由; `then`, the clause after, may name who acts instead ("区建管委管辖道路，区城管执法局要…")."""
    if "由" in sentence:
        return []

    def works_at(i: int) -> bool:
        return bool(_WORK_WORD.match(sentence, i)) and sentence[i - 1] not in "，。；、和及与"

    # The first place where work follows a name; a longer one only where that work is a part of the name ("区卫健委监督所
    # 开展…"), not an adverb, a time or a place ("区防减救灾办定期组织相关涉灾部门…", "各街道在社区平安办设立…").
    # No name holds its modal ("各有关部门要按照省委省政府开展…" is no body's name up to 开展).
    starts = [i for i in range(3, min(len(sentence), 30) + 1) if works_at(i) and _acting(sentence[:i], known)
              and not _MODAL_INSIDE.search(sentence, 0, i)]
    if not starts:
        # A verb no list foresees ("镇人民政府依托本市网格化管理工作平台，…"): the longest opening made of bodies the plan
        # gives work elsewhere, followed by a word that is not more of a name or a list. Not where the next clause's own
        # doer, or a party before a modal, says who acts ("区教育局系统内，各学校要…", "镇人民政府门前沿街商户要…"; review,
        # helper 459). A list's known bodies act though its others are unknown ("区财政局、区审计局…" gives 区财政局): the
        # answer writers of the twenty-third and forty-third sets count them so.
        if then and _own_doer(then.strip(), known):
            return []
        starts = [i for i in range(min(len(sentence) - 1, 30), 2, -1)
                  if re.match(r"[\u4e00-\u9fff]", sentence[i]) and sentence[i] not in "的和及与等所"
                  and (names := split_names(sentence[:i]))
                  # (not a one-character name cut from a word: "各乡镇、村民要…", "村集体经济组织"; review, helper 769)
                  and all(n in known for n in names) and len(names[-1]) > 1 and _acting(sentence[:i], known)][:1]
        if starts and (_PARTY_BEFORE_MODAL.match(sentence, starts[0])
                       or (sentence[starts[0] - 1] not in "、，,和及与" and _OWN_PART.match(sentence, starts[0]))):
            return []
    if not starts:
        return []
    at = starts[0]
    if not _NOT_NAME_PART.match(sentence, at):
        at = max((i for i in starts if not any(works_at(j) for j in range(at + 1, i))), default=at)
    if _HELPS_WHOM.match(sentence, at):  # "社会事业处配合区社会事业局…": who helps does not lead
        return []
    names = split_names(sentence[:at])
    # Not "区规划资源局与人民法院开展…", where 与 joins two bodies (not "区招商与产业促进中心"), nor a thing of the body's
    # ("区环境局通报的问题").
    joined = any(_acting(n[: n.index("与")], known) and _GOVERNING_END.search(n[n.index("与") + 1 :]) for n in names if "与" in n)
    return [] if re.match(r"[^，。；的]{0,4}的", sentence[at:]) or joined else names


def _own_doer(clause: str, known: Collection[str]) -> bool:
    """Whether a clause opens with who does its work ("各街道要…", "学校要…"), not with more of the work before it
    ("督促装修人…")."""
    return bool(re.match(r"[^，。；]{1,8}?(?:要|应当?|须|需|可以?)", clause)) or any(
        _acting(clause[:i], known) and clause[i] not in "、和及与" for i in range(2, min(len(clause), 20)))


def opening_doers(text: str, span: Span, resolver: UnitResolver, level: str, known: Collection[str] = ()) -> list[UnitRef]:
    """Who an item's opening sentence names before its work, whatever the verb, the first leading: in a plan that gives
    its work only in sentences, "（2）区防减救灾办每年9月下旬开展全区冬春受灾群众生活困难情况调查" is that office's as
    surely as "区防减救灾办要开展…". The opening sentence is the first after a short heading ("（二）动态排查定级、分类建档。
    各居委对…") and after a clause of time ("灾情稳定后，…")."""
    body = text[span.start : span.end]
    sentences = [m for m in re.finditer(r"[^。！？\n]+", body)][:2]
    for k, m in enumerate(sentences):
        opening = _SENTENCE_OPENING.match(m.group(0)).end()  # type: ignore[union-attr]  # optional: always matches
        # A heading names the item's topic ("（三）区财政局安排资金。各街道要专款专用"; review, helper 436), its time in a
        # bracket after it ("组织用人单位开展自查阶段（2014年11月25日至12月31日）", 平潭 2014, heldout67).
        heading = re.sub(r"[（(][^（）()]*(?:20\d{2}年|\d{1,2}月)[^（）()]*[）)]$", "", m.group(0))
        if k == 0 and len(sentences) > 1 and len(heading) - opening <= 12 and not re.search(r"[，,；]", heading):
            continue
        clauses = list(re.finditer(r"[^，,；;]+", m.group(0)[opening:]))
        # A clause of time before who acts ("灾情稳定后，…", "区房管局检查后，各街道要…"); not one whose doer opens it, by
        # when it is to act, where the next clause names no doer of its own ("各居村、相关责任单位于2021年6月20日前，对…开展
        # 排查"; review, helper 515).
        timed: list[str] = []  # the doers a clause of time that stays the first opens with, read once
        if len(clauses) > 1 and _WHEN_CLAUSE.fullmatch(clauses[0].group(0)):
            timed = _doers_first(clauses[0].group(0).strip(), known, clauses[1].group(0))
            after = clauses[1].group(0).strip()
            # "区管委会在组建…时，区管委会成立…时，…": the next clause's doer is the same body.
            if not timed or (_own_doer(after, known) and not after.startswith(tuple(timed))):
                clauses, timed = clauses[1:], []
        if not clauses:
            continue
        # Not a noun or a condition the first clause makes of the body's work, whose doer the next clause names
        # ("区环境局监督检查发现的问题，各街道要…", "区房管局核查确认为危房的，各街道要…"; review, helper 436), nor a time
        # whose doer follows 由 ("区政府审定后，由…").
        first, later = clauses[0].group(0), m.group(0)[opening + clauses[0].end():]
        inside = len(clauses) > 1 and (
            (re.search(r"的(?!基础上|前提下|情况下|同时|过程中)[^，。；的]{0,10}$", first) is not None
             and (_own_doer(clauses[1].group(0).strip(), known) or "由" in later))
            or ("由" in later and first.endswith(("后", "时"))))
        then = clauses[1].group(0) if len(clauses) > 1 else ""
        if not inside and (named := timed or _doers_first(first.strip(), known, then)):
            at = span.start + m.start() + opening + clauses[0].start()
            refs: list[UnitRef] = []
            for i, name in enumerate(named):
                if above_level(resolver.resolve(name), name, level, resolver):
                    return []
                pos = text.find(name, at)
                refs.append(UnitRef(resolver.resolve(name), name, "co" if i else "lead", Span(pos, pos + len(name))))
            return refs
        # Past a heading only: a sentence that does not name a body is the item's whole opening.
        if k == 0 and (len(m.group(0)) > 24 or re.search(r"[，；]", m.group(0))):
            break
    return []


def _above_plan(name: str, level: str, resolver: UnitResolver) -> bool:
    """Whether a body is above a plan of `level`: the state's or a province's, and in a county's or district's plan the
    city's ("市住建委"), not a branch the city keeps there ("市公安局平潭分局")."""
    return above_level(resolver.resolve(name), name, level, resolver) or (
        level == "county" and bool(re.match(r"(?![县区])(?:[\u4e00-\u9fff]{2,3})?市(?!场|容)|州", name))
        and not re.search(r"分局|分中心|支队|大队", name)) or (
        level in ("city", "county") and bool(re.match(r"省级(?!以上)|(?:[\u4e00-\u9fff]{2,4})?自治区", name)))


# Those a body's duty says it works with: "配合区规划局等部门实施…", "协同区环土局、区交建局落实…", "会同有关部门开展…",
# "牵头组织相关部门…", "与区交建局共同做好…" (平潭 2016, heldout101).
_PARTNERED = re.compile(r"(?:配合|协助|协同|会同|联合|牵头(?:组织|协调)?|与(?=[省市区县各有相]))(?P<rest>[^，。；\n]{2,80})")
# A kind of department with its 各 or 有关 before it, as a partner: "有关部门", "相关乡镇人民政府", "各执法部门".
_KIND_PARTNER = re.compile(r"(?:各|有关|相关)[\u4e00-\u9fff]{0,6}?(?:部门|人民政府)")
# The other side of an agreement, no partner in the work: "与各乡镇人民政府签订目标责任书" (review, helper 797).
_AGREES = re.compile(r"\s*(?:签订|签署|订立)")


def _partner_names(rest: str) -> list[str]:
    """The offices `rest` opens with: those a work word follows (`_offices_named`: "区规划资源局组织编制…"), else the
    shortest names along the list ("区教育局办好…", "区城管执法局队员…": what follows is no part of the name)."""
    rest = re.split(r"对(?![外台口])", rest)[0]  # "协助区交建局对建筑工地…搅拌站开展…": what the help is on
    def offices(names: list[str]) -> bool:
        return bool(names) and all(ends_like_office(n) and is_official(n) and _governing(n) for n in names)

    if offices(named := _offices_named(rest, whole=True)):  # not a kind alone ("协同有关单位开展…")
        return named
    official = [i for i in range(2, min(len(rest), 160) + 1) if offices(split_names(rest[:i]))]
    end = official[0] if official else 0
    # … the shortest name by name along the list: "协同各乡镇政府和区综合执法局清退…".
    while end < len(rest) and rest[end] in "、和及" and (more := [i for i in official if i > end + 1]):
        end = more[0]
    return split_names(rest[:end]) if end else []


def partners_named(text: str, span: Span, resolver: UnitResolver, level: str) -> list[UnitRef]:
    """The bodies an item's sentences name after a verb of working together, each once, as co; not those above the
    plan's level, whom its bodies report to or liaise with ("负责与省住建厅及其相关部门联系对接", "配合上级部门…"), nor the
    other side of an agreement."""
    refs: list[UnitRef] = []
    for m in _PARTNERED.finditer(text, span.start, span.end):
        rest = m.group("rest")
        kind = _KIND_PARTNER.match(rest)
        names = [kind.group(0)] if kind else _partner_names(rest)
        if not names or _AGREES.match(rest, rest.find(names[-1]) + len(names[-1])):
            continue
        for name in names:
            if _above_plan(name, level, resolver) or name.startswith(("其", "上级")):
                continue
            at = text.find(name, m.start("rest"))
            refs.append(UnitRef(resolver.resolve(name), name, "co", Span(at, at + len(name))))
    return list({r.name: r for r in reversed(refs)}.values())[::-1]


def subject_units(text: str, span: Span, resolver: UnitResolver, level: str, any_verb: bool = False,
                  known: Collection[str] = ()) -> list[UnitRef]:
    """Units of an item read from who its sentences say acts ("交通与建设处要…"), bodies above the issuer's `level`
    aside: the way a plan that names no units in clauses, headings or tables assigns its work (苏平's road-safety
    points); where a plan does name them so, its writers leave items that only say "各部门要…" without units."""
    local = level in ("provincial", "city", "county")

    def above(name: str) -> bool:
        return _above_plan(name, level, resolver)

    refs = _subject_units(text[span.start : span.end], span.start, resolver, above, any_verb, known)
    if not local and any(r.written.startswith(("区", "县")) for r in refs):
        # A plan of unknown level whose own bodies are a district's or county's ("区绿化市容局要配合市绿化市容局…"): the
        # city's bodies are above it.
        refs = _subject_units(text[span.start : span.end], span.start, resolver,
                              lambda n: above(n) or bool(re.match(r"市(?!场)", n)), any_verb, known)
    return refs
