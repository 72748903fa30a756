"""Names in a unit list: how a list splits into offices, and what counts as an office's name."""
from __future__ import annotations

import re
from typing import Final

from .patterns import ITEM_NUMBER

# A town or township by its own name, with or without its government: "流水镇人民政府", "岚城乡" (not a kind of town, "特色小镇",
# nor one a word points to, "该镇", "沿线乡镇").
TOWN_BY_NAME = (r"(?![该本各]|相关|有关|沿线|试点|所在|属地|城镇|[\u4e00-\u9fff]*(?:乡镇|村镇|小镇)"
                r"|(?:中心|建制|重点|贫困|特色|示范|集|小)[镇乡])"
                r"(?![与向经请对在由让使把将为和及])[\u4e00-\u9fff]{2,3}[镇乡](?:人民政府|政府|党委)?")
# A subdistrict by its own name: "石门二路街道", "曹家渡街道（办事处）" (not "各街道", "相关街道", "属地街道").
STREET_BY_NAME = r"(?![该本各]|相关|有关|所在|属地|沿线)[\u4e00-\u9fff]{2,5}街道(?:办事处)?"
# The work a station of government is named for, before its 所 ("区房管所", "区文保所", "市场监管所", "各司法所"): two
# characters each, so that "各司法所在街镇" is no town "所在街镇".
STATION_WORK = (r"(?:管理|保护|文保|房管|监测|检测|养护|工作|供应|监督|监察|检验|测绘|财政|税务|司法|土地|国土|工商|农技|农机"
                r"|水利|林业|兽医|交通|公路|规划|档案|监管|派出)")
# The town where a thing is ("房屋所在乡镇政府", "项目所在地街道"), after the thing: one town whatever the thing.
WHERE_TOWN = r"(?:所在地?|事发地)(?:街镇|乡镇|街道|镇|乡)"
# Bodies addressed as a group (places, departments, schools, a bureau's divisions): "各县（市、区）", "各地区", "有关部门", "各有关处室", "各属地街镇", "相关街镇".
# The schools a plan addresses as a whole ("各学校", "各中小学校"): an education plan's doers, though one school is not.
SCHOOLS = r"各(?:中小|中|小)?学校"
# Villages addressed as a group, by what they share too ("各沿海行政村", "各沿海村居", "各居村"), not a kind of village ("各乡村").
VILLAGES = r"各(?:[\u4e00-\u9fff]{1,4}?(?=行政村|村居|村（居）|居村))?(?:(?:行政)?村(?:（居）|居)?|居村)"
# The places a plan addresses as a whole, which open their duties as bodies do ("7.各乡镇负责组织…", "（十一）各乡镇要…").
EACH_PLACE = re.compile(rf"^(?:各(?:乡镇|街道|镇|乡|街镇|社区|片区|园区|县区|县（市、区）|区县)|{VILLAGES})$")
COLLECTIVE = re.compile(r"^各(县|市|区|乡|镇|州|街道)[（）县市区乡镇州、街道]*$|^各?街镇(?:（[\u4e00-\u9fff、]{0,10}(?:区|园|街道|管委会)）)?$|^(?:各|相关|有关)?属地(?:街镇|乡镇|街道|单位|(?:人民)?政府)$|^各?(?:相关|有关|所在)(?:街镇|乡镇|街道|镇|乡)(?:(?:人民)?政府|办事处)?$|^(?:[\u4e00-\u9fff]{1,4}?)?(?<!" + STATION_WORK + r")" + WHERE_TOWN + r"(?:(?:人民)?政府|办事处)?$|^" + VILLAGES + r"$|^各社区$|^(各|相关|有关)(地区|地方|地|部门|单位)$|^各(?:部门单位|(?:基层|直属|下属|所属)(?:事业)?单位)$|^各[\u4e00-\u9fff]{1,4}(地区|部门)$|^(?:有关|相关)[\u4e00-\u9fff]{2,4}部门$|^各(?:有关|相关)单位$|^" + SCHOOLS + r"$|^乡镇(?:(?:人民)?政府)?$|^街道办事处$|^各(?:片区|园区|办事处|(?:业务|职能|[\u4e00-\u9fff]{2}(?:相关|有关)?)?处室(?:（[\u4e00-\u9fff]{1,4}）)?)$")
# Central bodies carry no place: "工业和信息化部", "市场监管总局", "人民银行", "中央网信办", "全国总工会". A 署 is
# an office ("审计署"), 部署 the verb that ends a heading ("周密组织部署").
CENTRAL_NAME = re.compile(
    r"^(国务院|中共中央|中央|全国|国家|中国)|^[\u4e00-\u9fff]{1,10}(部|总局|总署|(?<!部)署|银行|证监会|银保监会|国资委|工委|总社|扶贫办|国管局)$"
)
# Suffixes a run of place names may share: "高新区、昌南新区管委会".
SHARED_SUFFIX = ("管理委员会", "管委会", "管委办", "党工委", "人民政府", "政府", "管理局")  # 管理局: "金井片区、海坛片区管理局"
_PLACE_END = re.compile(r"(区|县|市|州|镇|乡|园区|新区|开发区|街道)$")
# Banks by their kind (银行, 分行, 支行, 人行, a central bank's 中支: "人行苏州中支") or short name (农商行, 农发行, 国开行,
# 建行…): a bare 行 also ends headings ("坚持城市体检先行"); a 处 that punishes ends none ("严格查处", "及时查处",
# "依法惩处"), a division's does ("稽查处", "督查处", "检查处", "审判处").
# The kinds of state power whose organs a plan names by the power alone ("公安机关", "检察机关"), two characters each.
POWER_FIELD = r"(?:公安|司法|检察|监察|审判|税务)"
ORG_END = re.compile(
    r"(局|委|办|会|府|中心|(?<!干)部|银行|分行|支行|(?<!集)中支|人行|(?:农商|农发|国开|进出口|[工农中建交招])行|联|协|院|所|厅"
    r"|(?:(?<=[稽督检巡调]查)|(?<![查惩论]))处|公司|集团|队|站|馆"
    r"|社|(?<!部)署|室|团|组|专班|司|企业|单位|部门|高校|海关|总队|支队|大队|团中央|广播电视台|(?<=[省市县区])电视台|林场"
    # "街镇综合行政执法机构", "属地综合行政执法机构": the enforcement body a town keeps (松江 2026), not an institution it regulates.
    r"|(?<=执法)机构"
    # The organs of a kind of power, named by it: "公安机关要…", "检察机关", "税务机关" (not "国家机关办公建筑").
    r"|(?<=" + POWER_FIELD + r"|行政|政法)机关)$"
)

# A body's own offices carry no place ("交通与建设处", "综合执法大队"); as who acts, they are offices all the same.
OWN_OFFICE = re.compile(r"^(?!各)[\u4e00-\u9fff]{0,8}(?:工作|事业|建设|管理|生态|发展|服务|保障|执法|监督|综治|农村|经济|财政|规划"
                        r"|资源|安全|政务|党群|社会|交通|农业|市场|应急|环境|卫生|教育|文化|旅游|宣传|组织|人事|财务|办公|监管)(?:处|科)$"
                        r"|^(?!各)[\u4e00-\u9fff]{2,8}(?:(?:执法|监察|稽查)[总支大中]?队|救援大队)$"
                        # A 片区's or a bureau's own general office ("党政办公室：负责…经费保障", 苏平 2022).
                        r"|^(?:党政|党群|综合)办(?:公室)?$"
                        # A bureau's division by its short name, which its own plan writes bare ("环评处要…", "生态处、
                        # 污防处根据…"; 平潭 2018); not a place or a merit ("不足之处", "好处", "住处").
                        r"|^(?!各)(?![\u4e00-\u9fff]*(?:之|好|益|长|短|到|住|用|此|深|难|相|去|出|坏|妙|何|别|远|近|高|低|该|每|某|办事"
                        r"|有关|相关|(?<![稽督检])查|惩|判|论|[口角目道界头洼盖弯边侧前后内外]|施工|售票|收费|接待|咨询)处$)"
                        r"[\u4e00-\u9fff]{2}处$")  # not a place ("急弯陡坡处", "入口处", "拐角处", "售票处"; review, helper 750)

# The state grid's companies stand for a place without naming its level, and need not end like an office:
# "国网山西电力", "国网龙岩供电公司".
GRID_COMPANY = re.compile(r"^(?:国网|国家电网|南方电网)[\u4e00-\u9fff]{0,12}(?:公司|电力|集团|供电局|供电所)$")


def ends_like_office(name: str) -> bool:
    """"市财政局", "各乡镇人民政府": the name ends the way an office's does ("…中心（区供销社）" too, and a database's
    "各县级市<区>政府<管委会>", its brackets written as angle ones)."""
    name = re.sub(r"（[^（）]*）$", "", name)
    # A database's angle brackets hold the same ("<区>", "<人才办>"); not markup ("<br>").
    name = re.sub(r"<[\u4e00-\u9fff\d、，,]{1,16}>$", "", name)
    return bool(ORG_END.search(name)) or name.endswith("政府") or bool(GRID_COMPANY.match(name))


def split_top(s: str, seps: str) -> list[str]:
    """Split on separators outside brackets: "各县（市、区）政府" stays whole."""
    parts: list[str] = []
    depth = 0
    cur: list[str] = []
    for ch in s:
        if ch in "（〔【[":
            depth += 1
        elif ch in "）〕】]":
            depth -= 1
        if ch in seps and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def share_suffix(names: list[str]) -> list[str]:
    """"高新区、昌南新区管委会" -> 高新区管委会, 昌南新区管委会."""
    if len(names) < 2:
        return names
    names = _share_zone_body(names)
    last = names[-1]
    suffix = next((s for s in SHARED_SUFFIX if last.endswith(s) and len(last) > len(s)), None)
    if suffix is None:
        return _share_body(_share_office_kind(_places_share_department(names)))
    # "郑州、开封、周口市政府": bare places share the level the last one names with its suffix.
    stem = last.removesuffix(suffix)
    # "盐城市人民政府" lends its level; "区城市管理局" none: that 市 is 城市管理's.
    level = None if suffix == "管理局" and stem.endswith("城市") else _LEVEL_BEFORE.search(stem)
    out = []
    for name in names[:-1]:
        if level and _bare_place(name):
            out.append(name + level.group(0) + suffix)
        elif re.search(r"(?:镇|乡|街道)$", name) and suffix in ("管理委员会", "管委会", "管委办", "管理局") \
                and not re.search(r"(?:镇|乡|街道)$", stem):
            out.append(name)  # "各街镇、高新区管委会": towns have no zone's committee (but "城关镇、城南镇管委会" share one)
        elif _sharing_place(name, levels=suffix in ("人民政府", "政府")) \
                and (suffix != "管理局" or (_ZONE_END.search(name) and _ZONE_END.search(last.removesuffix(suffix)))):
            out.append(name + suffix)
        else:
            out.append(name)
    return out + [last]


def _places_share_department(names: list[str]) -> list[str]:
    """Places before a place's department by its field share the department: "各县（区）、新区发展改革部门" -> 各县（区）发展
    改革部门, 新区发展改革部门 (柳州 2025), as places share a government ("各县（区）、新区人民政府")."""
    m = re.fullmatch(r"(?P<place>[\u4e00-\u9fff]{1,8}?(?:新区|开发区|园区|区|县|市|镇|乡|街道))(?P<dept>[\u4e00-\u9fff]{2,8}部门)",
                     names[-1])
    if not m or not field_department(m.group("dept")):
        return names
    return [n + m.group("dept") if _sharing_place(n, levels=True) else n for n in names[:-1]] + [names[-1]]


def _sharing_place(name: str, levels: bool) -> bool:
    """A place that may share the body the last of a list names ("高新区", "各县（区）" where `levels` lets a bracket of
    levels through), not an office ending like one ("区财政局")."""
    placed = _PLACE_END.search(name) or (levels and _LEVELS_BRACKET.search(name)
                                         and _PLACE_END.search(_LEVELS_BRACKET.sub("", name)))
    return bool(placed) and not ORG_END.search(name.removesuffix("市").removesuffix("区") or "x")


# A division named by its field and its kind ("农业农村处", "财务科"): the kind lends itself to bare
# fields before it ("资源生态、农业农村处" -> 资源生态处): divisions of one body. Not a bureau's 局: bureaus cut short
# name their own kinds ("教育、卫健、市场监管局": 卫健委).
_FIELD_OFFICE = re.compile(r"^(?P<field>[\u4e00-\u9fff]{2,6})(?P<kind>[处科])$")


def _bare_field(name: str) -> bool:
    """A short name that is neither an office nor a place: a field written without its body. Not a bureau's short
    name ("住建", "城管"): a bureau cut short, not a division ("住建、城管、环卫处")."""
    return bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", name)) and not ends_like_office(name) \
        and not COLLECTIVE.match(name) and not _PLACE_END.search(name) and not name.endswith("村") \
        and not _FIELD.match(name) and not name.endswith(("处", "科"))


def _share_office_kind(names: list[str]) -> list[str]:
    """Bare fields right before a division named by its field take its kind, where the list says it lists divisions:
    it closes with "等处室" or names another division in full ("政法综治处、资源生态、农业农村处")."""
    head, etc, rest = names[-1].partition("等")
    m = _FIELD_OFFICE.match(head)
    if m is None or not _FIELD.match(m.group("field")):
        return names
    if etc and not CLOSING_KIND.fullmatch(rest):  # "A处等重点行业处室"
        return names
    kind = m.group("kind")
    if not (etc and rest.endswith(("处室", "科室"))) and not any(n.endswith(kind) for n in names[:-1]):
        return names  # "金井、城关、农业农村处": places, perhaps, and nothing says divisions
    start = len(names) - 1
    while start > 0 and _bare_field(names[start - 1]):
        start -= 1
    return names[:start] + [n + m.group("kind") for n in names[start:-1]] + names[-1:]


# A bureau's division named with the bureau ("区经发局经信处"): the divisions listed bare after it are that bureau's
# ("区经发局经信处、发改处" -> 区经发局发改处), as a shared suffix is expanded; not a document's own "局机关党委".
# The bureau runs to its kind (管委会, 委员会 whole; a 分局 within it), the division is a field's (not a 支队's 车管科).
_BUREAU_DIVISION = re.compile(r"^(?P<bureau>[\u4e00-\u9fff]{2,12}?(?:局|委员会|管委会|委(?![会员])))"
                              r"(?P<division>(?:(?![局委办队所站])[\u4e00-\u9fff]){2,6}[处科])$")


def _share_bureau(names: list[str]) -> list[str]:
    """Bare divisions after a bureau's division named with the bureau take the bureau's name."""
    out: list[str] = []
    bureau = None
    for name in names:
        if bureau and _FIELD_OFFICE.fullmatch(name) and _FIELD.match(name[:-1]):
            out.append(bureau + name)
            continue
        m = _BUREAU_DIVISION.match(name)
        bureau = m.group("bureau") if m and ends_like_office(m.group("bureau")) else None
        out.append(name)
    return out


# The levels a collective of places spans, in brackets after it: "各市（州）", "各县〔市、区、特区〕".
_LEVELS_BRACKET = re.compile(r"[（〔](?:[市县区州旗盟乡镇]|特区|街道)(?:、(?:[市县区州旗盟乡镇]|特区|街道))*[）〕]$")


# A zone's administration bureau is shared by zones only ("金井片区、海坛片区管理局"), not by a collective of places.
_ZONE_END = re.compile(r"(片区|园区|新区|开发区|景区|保税区|试验区)$")
# Only a city's: a province lists its cities by name ("郑州、开封、周口市政府"); a city's list of districts and counties
# mixes levels ("蓝田、周至、鄠邑区政府") and fields ("公安、交通、雁塔区政府").
_LEVEL_BEFORE = re.compile(r"(?<=[\u4e00-\u9fff]{2})市$")


# The fields every level of government has an office for, written bare in a list ("公安、交通、雁塔区政府配合"):
# departments by their field, not places.
_FIELD = re.compile(r"^(?:公安|交通(?:运输)?|交警|教育|财政|税务|卫健|卫生(?:健康)?|医保|供电|供水|燃气|电力|市场监管|住建|住房|发改"

                    r"|发展改革|工信|经信|商务|应急|民政|人社|司法|科技|自然资源|规划|国土(?:资源)?|生态环境|环保|农业(?:农村)?|农村|水利|水务"
                    r"|林业|城管|文旅|文化|旅游|体育|统计|审计|信访|国资|气象|海事|邮政|消防|人防|网信|宣传|组织|统战|政法|工商|质监"
                    r"|安监|物价|粮食|档案|数据|金融|外事|侨务|民宗|残联|编办|团委|妇联|科协|工会|海关|检察|法院|街道|乡镇|社区"
                    r"|环卫|房管|园林|绿化|市容|城建|铁路|民航|国税|地税|卫计|食药|药监|疾控|电信|移动|联通|广电|武警|公检法|烟草|供销"
                    r"|交投|城投|水投|人防|退役军人|行政审批|政务服务|综合执法|执法|大数据|人武|融媒|交管|市监|网格"
                    r"|海洋(?:与|和)?渔业|海洋|渔业|港口|港航|口岸"  # a coast's departments
                    r"|文物|宗教|民族宗教|规土|建管|新闻宣传|文广|广播电视|知识产权|住房保障"  # 静安 2018: "文物、新闻宣传等部门"
                    r"|能源|能源（电力）"  # energy's: "各州（市）能源、市场监管…等部门" (云南 2026)
                    r"|环境(?:保护)?|环境国土|经济发展)$")  # 平潭 2019: "环境国土主管部门、规划部门负责…", "经济发展部门负责…"


def _bare_place(name: str) -> bool:
    """A place by its name alone, before the level a list's last name shares: "开封"; "郑州" and "新乡" too, whose
    州 and 乡 are their name's (a prefecture or township by one character and its level is rare; "沛县" is not);
    not a department by its field ("公安", "交通"), nor a company's four-character short name ("平煤神马")."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name) or ORG_END.search(name) or COLLECTIVE.match(name) \
            or _FIELD.match(name):
        return False
    return not _PLACE_END.search(name) or (len(name) == 2 and name[-1] in "州乡")


# Bodies that every township or village has one of ("大练派出所", "苏澳综合执法大队"): a list of bare places may
# share one ("苏澳、平原、大练派出所").
_FIELD_BODY = re.compile(r"(派出所|司法所|财政所|供电所|市场监管所|卫生院|中心校|执法大队|执法中队|中队|办事处|服务中心|服务站)$")


def _share_body(names: list[str]) -> list[str]:
    """"苏澳、平原、白青、屿头、大练派出所" -> 苏澳派出所 … 大练派出所: places, then the last with the body they share.

    Where the places end is known only from their length, so the rule asks for two bare names of one length or
    more and a body that every place has one of: in "教育、卫健、市场监管局" the bare names are bureaus cut short
    ("市场" is no place), and "监管局" no body of a place.
    """
    *bare, last = names
    size = len(bare[0])
    body = last[size:]
    if len(bare) < 2 or not 2 <= size <= 4 or len(body) < 3 or not _FIELD_BODY.search(body):
        return names
    # A name that ends as a place does ("南盘村", "高新区") is a unit of its own, not the head of one.
    if any(len(n) != size or ends_like_office(n) or COLLECTIVE.match(n) or _PLACE_END.search(n) or n.endswith("村")
           or not re.fullmatch(r"[\u4e00-\u9fff]+", n) for n in bare):
        return names
    return [n + body for n in bare] + [last]


# The kind of zone a list's last name gives the bare zone names before it: "金井、澳前片区开发管理局" -> 金井片区开发管理局,
# "金井湾、岚城片区项目建设指挥部" -> 金井湾片区项目建设指挥部.
# Only 片区: before 园区, 新区 or 开发区 a bare word is as often a field ("软件、高新园区管委会", "招商、经济开发区管委会").
_ZONE_KIND = re.compile(r"(?<=[\u4e00-\u9fff]{2})片区(?=[\u4e00-\u9fff]{2,}$)")


def _share_zone_body(names: list[str]) -> list[str]:
    """Bare zone names right before a zone's body take its kind and body; not an office or a place of its own, nor a
    department by its field ("规划、澳前片区开发管理局" lends nothing to 规划)."""
    m = _ZONE_KIND.search(names[-1])
    if m is None or not ORG_END.search(names[-1]):
        return names
    out = list(names)
    for k in range(len(names) - 2, -1, -1):
        n = names[k]
        # Not a company's short name ("国投", "嘉源", "城投"): 片区 bodies are named for places.
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n) or ORG_END.search(n) or COLLECTIVE.match(n) \
                or _PLACE_END.search(n) or _FIELD.match(n) or n.endswith("村") or re.search(r"[投控源建资]$", n):
            break
        out[k] = n + names[-1][m.start():]
    return out


# The suffixes zones and places take from the list's last name when 和 joins them to an office.
_ZONE_SUFFIX = ("管理委员会", "管委会", "人民政府", "政府")


def _split_and(name: str, shared: str = "") -> list[str]:
    """"省财政厅及各设区市人民政府" -> both units; only when every side ends like a unit, or, where the list's last name
    lends its suffix (`shared`, that suffix), like a place that takes it ("各省辖市政府和济源示范区、航空港区管委会").

    及 joins units before 和 does: "国务院相关部门和单位及各地区" is one collective and 各地区.
    """
    generic = ("部门", "单位", "企业", "机构")  # "有关部门和单位" is one collective

    def unit_like(p: str, place: bool = False) -> bool:
        p = re.sub(r"(?<=.{2})[（(][^（）()]{1,6}[）)]$", "", p)  # "各乡镇（园区）": the places its bracket adds
        return (ends_like_office(p) or bool(COLLECTIVE.match(p)) or (place and bool(_PLACE_END.search(p)))) \
            and p not in generic

    def community(p: str) -> bool:  # a village or community an office works with: "新城联合党委及娘宫村"
        return re.fullmatch(r"(?:相关|有关)?[\u4e00-\u9fff]{0,5}(?:村居|村|社区)", p) is not None \
            and re.search(r"(?:乡村|农村|城中村|示范村)$", p) is None  # kinds of village, not one

    # 与 joins two bodies as 和 does (浦东 2022's "区规划资源局与临港管委会根据职责分工，负责…"), where both are bodies: held-out
    # writers count both sides, whether each does its own part or they act together ("区级林业部门与各街镇做好沟通对接",
    # "…区规划资源局与人民法院开展常态化联动", "区党工委、管委会与乡镇党委政府每年签订…责任状"); not one office's name
    # ("区环境与国土资源局", "交通与建设处", whose first part is none) nor a party ("区政府与企业").
    # 或 names either body for the work ("由区政府或者市住建委负责"; 崇明 2023): both, as the writers of both such plans read it.
    for sep in (r"以及|及", r"和", r"与", r"或者|或"):
        parts = [p for p in re.split(sep, name) if p]
        # Places of one kind may both take it: "高新区和经开区、综保区管委会", "平江县和湘阴县、岳阳县人民政府" (not
        # "各省辖市和济源示范区、…管委会": a city takes no zone's 管委会).
        # A government any place has may be shared by a city and a zone too: "各设区市及杨凌示范区、韩城市政府" (陕西 2024).
        same_kind = bool(shared) and all(re.search(r"[区县]$" if "管" in shared else r"[市区县]$", p) for p in parts)
        if len(parts) > 1 and (unit_like(parts[0]) or same_kind) and all(unit_like(p, bool(shared)) or community(p) for p in parts[1:]):
            return [q for p in parts for q in _split_and(p)]
    return [name]


# A group the plan sets up for its work, or that group's office, by its work's name or none: a body that acts
# ("资产清查工作领导小组", "工作小组办公室"), not a regulated party's own group (PARTY_GROUP).
WORK_GROUP = re.compile(r"(?:[省市区县])?[\u4e00-\u9fff]{0,12}?(?:领导小组|工作小组)(?:办公室)?")
# A regulated party's own group: "各施工单位工作小组", "各工地协调小组", "企业安全生产领导小组" (its office too).
PARTY_GROUP = re.compile(r"(?:施工|工地|企业|公司|单位|项目)[\u4e00-\u9fff]{0,8}小组(?:办公室)?$")

# A collective that names no one by name: "各有关部门", "相关单位", "其他成员单位".
UNNAMED = re.compile(r"(?:各|有关|相关|其他|其它)+(?:有关|相关|责任|职能|成员)?(?:部门|单位|处室)$")
# "A等B": units, then the collective they stand for ("银保监会等国务院相关部门", "商务部等和各有关省级人民政府").
_ETC = re.compile(r"^(?P<first>.+?)等(?:和|及|以及)?(?P<rest>.*)$")
# What "A、B等处室" closes with when it names no body of its own: the kind of the bodies listed ("等3个部门").
_BARE_KIND = re.compile(r"(?:[\d一二三四五六七八九十]+个)?(?:部门|单位|处室|科室)")
# … or the collective the list is part of ("市农业农村委、市水务局等相关部门配合"): the bodies named and others like
# them, no unit of its own (twelve held-out documents' writers of fifteen read it so; the development set's national
# plans, written first, kept "等相关部门" as a unit).
# The kind may be qualified by what the bodies do ("等管理部门", "等职能部门", "等行政主管部门"; 宝山 2015).
CLOSING_KIND = re.compile(rf"(?:各)?(?:有关|相关)?(?:职能|行政|管理|主管|监管|行政管理|行政主管)?{_BARE_KIND.pattern}"
                          r"(?:(?:和|及|、)?(?:部门|单位|处室|科室))?")
# A one-place word after "各州、" belongs to the same collective: "各州、市人民政府".
_PLACE_WORD = re.compile(r"^(市|县|区|州|盟|旗|镇|乡)")
# A list that opens with a jurisdiction prefix lends it to bare names after it:
# "区行政审批局、市场监督管理局" -> 区市场监督管理局. Not to names that carry a place or are no office of it.
_PREFIX = re.compile(r"^(省|市|区|县)(?!场|委|政府|直|有关|相关|级)")
# Not from the places' own government or committee ("各县（市、区）人民政府、财政局": the city's bureau, perhaps), nor a
# bracket of other bodies ("各部门（单位）").
_PLACES_PREFIX = re.compile(r"^(各[\u4e00-\u9fff]{1,3}[（(](?:[市县区州旗镇乡]|街道|园区|[、，,])+[）)])"
                            r"(?!(?:人民政府|政府|行署|管委会|党委|党工委)(?:[（(][^）)]*[）)])?$)(?=[\u4e00-\u9fff]{2,})")
# A zone that governs as a city or district does names its departments by its kind ("示范区发展改革和统计局、住房和城乡
# 建设局" -> 示范区住房和城乡建设局), as a city's are named by 市. Only from one of its departments, not from the zone's
# own committee ("高新区管委会、财政局": the city's bureau, perhaps).
_ZONE_PREFIX = re.compile(r"^(示范区|高新区|开发区|经开区|新区|自贸区|园区)"
                          # Not the zone's own governing body under any of its names, nor a collective of its bodies.
                          r"(?!(?:管委会|管理委员会|党工委|工委|人民政府|政府|管理局|管理处)$|管委会|管理委员会|管理办公室|党工委管委会|各|有关|相关)"
                          r"(?=[\u4e00-\u9fff]{2,})(?![^、，]*(?:公司|集团|企业|单位|部门)$)")  # nor a company, nor units at large
# Words of an office's field that hold a place's level: "市场监管局", "绿化市容局", "住房城乡建设厅", "乡村振兴局", "城市管理局".
# Only where the name (or its second name in brackets) opens with the field: "邹城市综合行政执法局" and "古城乡规划建设办公室" name places.
_PLACE_WORDS_IN_FIELD = re.compile(r"市场|市容|(?:^|(?<=（))(?:住房(?:和)?城乡|城乡(?:建设|规划|发展)|乡村振兴|城市(?:管理|更新|运行|建设|综合))")
_NO_PREFIX_NEEDED = re.compile(r"^(各|全|有关|相关|国家|国务院|中国|中央|省|市|区|县)|海事|[省市县区州镇乡]|街道|政府$|管委会$|银行|行$|公司|集团|分局|证监局|总局.|海关|电网|大学|学院|医院|协会|人行|中支$")


# Names of a kind of body, not of one: "龙头企业", "高校", "科研院所", "社会组织"; no office of a place.
KIND = re.compile(r"(企业|高校|院所|院校|学校|机构|单位|部门|主体|组织)$")


def is_body(name: str) -> bool:
    """A body that can be given work: an office ("区商务局", "社会事业处") or a collective of places ("各街镇"), not a
    kind of body ("龙头企业", "高校")."""
    return (ends_like_office(name) and not KIND.search(name)) or bool(COLLECTIVE.match(name))


# Departments of a local party committee end like ministries: "党群工作部", "宣传与影视发展部".
_LOCAL_PARTY_DEPT = re.compile(r"(工作部|发展部|宣传部|统战部|组织部)$")


def _merge_collectives(parts: list[str]) -> list[str]:
    """Parts of a list that are one collective: "各市、县级人民政府", "相关委、办、局" (a lone 办 or 局 names no one)."""
    out: list[str] = []
    for part in parts:
        if out and re.search(r"(^|[和及])各(?:设区)?[省市县区州盟旗镇乡]{1,2}$", out[-1]) \
                and re.fullmatch(r"[市县区州盟旗镇乡]级?(人民政府|政府|管委会)", part):  # "各市、县级人民政府"
            out[-1] = f"{out[-1]}、{part}"
        elif out and (m := re.fullmatch(r"([委办局厅室处])(?:[和及](.+))?", part)) and re.search(r"[委办局厅室处]$", out[-1]):
            out[-1] = f"{out[-1]}、{m.group(1)}"
            if m.group(2):  # "市直各委、办、局和各县区政府"
                out.append(m.group(2))
        else:
            out.append(part)
    return out


# Bodies of a vertically managed system carry their own place: "上海金融监管局", "深圳供电局", "平潭海事局".
# Civil aviation's regional bodies name their region after 民航: "民航华东管理局", "民航云南监管局"; a body that opens
# with its province's name carries it ("山东黄河河务局"); a company so named is no office ("云南白药集团").
_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|"
              "陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆")
OWN_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,}(金融监管局|金融监管分局|证监局|供电局|供电公司|海关|海事局|海事处|边检站|税务局|气象局|"
                       r"邮政管理局|通信管理局|烟草专卖局|铁路局|(?:出入境)?(?<!动植物)检验检疫局)$|^民航[\u4e00-\u9fff]{2,4}(?:监管局|管理局)$"
                       rf"|^(?:{_PROVINCES})(?![省市路街道])[\u4e00-\u9fff]{{2,}}(?:局|委员会|监管组)$|^(?:{_PROVINCES})(?:广播)?电视台$")


# A party committee and its government named once: "各市党委、政府", "县委、政府", "各乡镇（街道）党委、政府".
_COMMITTEE = re.compile(r"^(各?(?:乡镇|街镇|[省市区县州旗乡镇])(?:（[^（）]{1,4}）)?)(?:党委|委)$")


_PARTY_DEPARTMENT = re.compile(r"^(?P<committee>[省市区县]委)(?:组织|宣传|统战|政法|社会工作|网信|外事|机构编制)部$")


def _share_committee(names: list[str]) -> list[str]:
    """"省委组织部、宣传部": a party department listed bare after another takes its committee (省委宣传部), where a
    jurisdiction's prefix alone (省宣传部) would name no body."""
    out: list[str] = []
    for n in names:
        party = _PARTY_DEPARTMENT.match(out[-1]) if out else None
        out.append(party.group("committee") + n if party and _PARTY_DEPARTMENT.match("省委" + n) else n)
    return out


def _prefix_of(name: str) -> re.Match[str] | None:
    """The jurisdiction a name opens with, which it may lend to bare names after it: 市, a zone's kind for one of
    its departments ("示范区财政金融局"), or the places a collective of offices spans ("各地（市）住建局、自然资源局")."""
    return _PREFIX.match(name) or (
        (_ZONE_PREFIX.match(name) or _PLACES_PREFIX.match(name)) if ends_like_office(name) else None)


def _names_own_place(name: str) -> bool:
    """A body that carries its place in its name ("济源海关", "人行济源市中心支行"): no list's prefix is its."""
    return bool(OWN_PLACE.match(name) or re.search(r"[\u4e00-\u9fff]{2}(?:[省县]|(?<!城)市(?!场|容))", name))


def _lend_prefix(names: list[str]) -> list[str]:
    """Bare offices after a name that opens with its jurisdiction take that jurisdiction ("区行政审批局、市场监督管理局"
    -> 区市场监督管理局). The list may open with bodies that name their own place ("人行济源市中心支行、示范区文化广电和
    旅游局、财政金融局")."""
    committee = _COMMITTEE.match(names[0]) if names else None
    if committee:
        names = [names[0], *(committee.group(1) + n if n in ("政府", "人民政府") else n for n in names[1:])]
    found = next(((k, m) for k, n in enumerate(names) if (m := _prefix_of(n))), None)
    if found is None or not all(_names_own_place(n) for n in names[: found[0]]):
        return names
    start, m = found
    out = names[: start + 1]
    lending = True
    for n in names[start + 1 :]:
        bare = n.removesuffix("等")
        first = bare.split("等", 1)[0]  # "财政局等部门": an office and the collective it leads
        own = bool(GRID_COMPANY.match(bare)) or _names_own_place(first) \
            or (bool(CENTRAL_NAME.search(bare)) and not _LOCAL_PARTY_DEPT.search(bare))
        # A 厅 is a province's: only 省 is lent to one ("市发改委、财政厅" names no 市财政厅).
        lendable = ends_like_office(bare) and not _NO_PREFIX_NEEDED.search(_PLACE_WORDS_IN_FIELD.sub("", bare)) \
            and (not bare.endswith("厅") or m.group(1) == "省") \
            and len(bare) >= 3 and not own and not KIND.search(first)
        # The prefix runs over the list until a name that is no office of it: "…、各街镇、桃浦智创城、苏河水岸办"; an
        # office of another level, named with its own, is an exception within it ("示范区水利局、市农机局、财政金融局").
        # Only within a zone's list: under 市 or 区 the nearer prefix is the one a bare name takes ("市发改委、省发改委、财政厅").
        other_level = m.group(1) not in ("省", "市", "区", "县") and bool(re.match(r"[市区县]", first)) \
            and ends_like_office(bare)
        # A branch a higher body seats in the place keeps its own name and the list's prefix running ("区商务委、公安分局、
        # 文化旅游局": 区文化旅游局; 黄浦 2026).
        branch = bool(re.fullmatch(r"[\u4e00-\u9fff]{2,6}分局", bare))
        lending = lending and (lendable or own or bool(KIND.search(first)) or n.startswith(m.group(1)) or other_level
                               or branch)
        out.append(m.group(1) + n if lending and lendable else n)
    return out


def _join_lines(s: str) -> str:
    """A list's lines as one: a name the break cuts ("人民政\n府") joins up; one that ends whole ("市公安局\n各县…") is
    followed by the next."""
    lines = [line.strip() for line in s.split("\n")]
    out = lines[0]
    for line in lines[1:]:
        tail = re.split(r"[、，,；;]", out)[-1]
        out += ("、" if line and ends_like_office(tail) else "") + line
    return out


_POINTS = r"[（(]第?\d{1,2}(?:\s*[-－—~～、，,]\s*\d{1,2})*[项点条]?[）)]"  # "（1-2）", "（3）", "（6、7）", "（第2项）"


# Two levels joined before one name: "市和区规划国土部门", "省及市财政部门" (not "市和区两级政府", nor "市和区域内…").
_LEVELS_JOINED = re.compile(r"([省市区县])(?:和|及|与)([省市区县](?![两三各]?级|[省市区县镇乡（(]|[场政容直属域城])[\u4e00-\u9fff]{2,})")


def _levels_share_name(parts: list[str]) -> list[str]:
    """Levels written bare before one name share it: "市、区房屋管理部门" -> 市房屋管理部门, 区房屋管理部门; "省、市、县财政部门"
    -> each level's (not "市、区两级政府", which names the levels together, nor a name whose first character is no level:
    "区、市场监管局", "县、市政公用局", "县、区域内企业"); joined with 和 too: "市和区规划国土部门" -> 市规划国土部门, 区规划国土部门."""
    out: list[str] = []
    for part in parts:
        joined = _LEVELS_JOINED.fullmatch(part)
        out += [joined.group(1) + joined.group(2)[1:], joined.group(2)] if joined else [part]
    for k in range(len(out) - 2, -1, -1):
        following = out[k + 1]
        if re.fullmatch(r"[省市区县]", out[k]) and len(following) > 2 \
                and re.match(r"[省市区县](?![两三各]?级|[省市区县镇乡（(]|[场政容直属域城])", following):
            out[k] = out[k] + following[1:]
    return out


# Two collectives written with nothing between them: "各相关部门各村要…" (苏平 2023) is 各相关部门 and 各村; not the
# set phrase "各部门各单位", which the writers of two documents that use it (君山 2020, 2022) read as naming no unit.
_RUN_TOGETHER = re.compile(r"(各(?:相关|有关)(?:部门|单位|处室|科室))(各[\u4e00-\u9fff]{1,6})")


def _run_together(name: str) -> list[str]:
    """A name that is two collectives run together, as two; any other as it is."""
    m = _RUN_TOGETHER.fullmatch(name)
    return [m.group(1), m.group(2)] if m and COLLECTIVE.fullmatch(m.group(2)) else [name]


def split_names(s: str) -> list[str]:
    """Unit names of a list: commas separate groups, 、 separates names in a group."""
    # A list broken over lines (a PDF's "各县（市、区）\n人民政府"), and angle brackets after a name ("市发改委〈武圈办秘书处〉",
    # "各区人民政府〈含开发区…,下同〉"), which in a list of units are round ones.
    s = _join_lines(s.replace("〈", "（").replace("〉", "）"))
    # A database's angle brackets around a role or a time after a name ("市财政局<牵头>"): its round brackets' note.
    s = re.sub(r"<((?:牵头|配合|协办|协助|负责|主责)[^<>]{0,12}|(?:20\d{2}年|\d{1,2}月)[^<>]{0,12})>", r"（\1）", s)
    # Which of an item's points a unit answers for, in a bracket after its name: "区效能办（1-2）、区党群工作部（3）" (a
    # rectification list's cell); a name written straight after such a bracket begins there ("…局（6-7）区环境局（8）").
    # Only before an office that has a level or a bracket of its own ("…局（1-2）交通局（3）"), not a class or a numbered
    # part ("第二中学（1）班", "区城管执法大队（3）中队", "区纪委监委第（2）监督检查室").
    s = re.sub(rf"(?<=[\u4e00-\u9fff]){_POINTS}(?=(?P<next>[\u4e00-\u9fff][^、，,；;。（(\s]*)(?P<own>{_POINTS})?)",
               lambda m: "、" if ends_like_office(m.group("next")) and s[m.start() - 1] != "第"
               and (m.group("next")[0] in "省市区县" or m.group("own")) else m.group(0), s)
    s = re.sub(rf"(?<=[\u4e00-\u9fff]){_POINTS}(?=[、，,；;。\s]|$)", "", s)
    names: list[str] = []
    # A sentence's end closes a group as a comma does: "责任单位:省自然资源厅、省住房城乡建设厅。市州、县市区人民政府负责落实".
    for group in split_top(s, "，,；;。"):
        parts = _lend_prefix(_share_committee(_share_bureau(_merge_collectives(_levels_share_name(
            [n for part in split_top(group, "、") for n in _run_together(part)])))))
        lends = next((x for x in _ZONE_SUFFIX if parts and parts[-1].endswith(x) and len(parts[-1]) > len(x)), "")
        split = _fields_share_kind([n for k, part in enumerate(parts) for n in _split_and(part, lends if k < len(parts) - 1 else "")])
        for name in share_suffix(split):
            # "市发改委等市直有关部门": a unit and a collective; "A等" closes a list.
            m = _ETC.match(name)
            if m and (not m.group("rest") or ends_like_office(m.group("rest")) or COLLECTIVE.match(m.group("rest"))):
                first = m.group("first")
                # "…、卫生计生行政等部门": a field alone before the kind is that field's department.
                if _department_field(first) and _BARE_KIND.fullmatch(re.sub(r"^(?:有关|相关)", "", m.group("rest"))):
                    first += "部门"
                names.append(without_second_name(first))  # "综合执法局（安监局）等": its first name
                for rest in _split_and(m.group("rest")):
                    if not CLOSING_KIND.fullmatch(rest):
                        names.append(rest)
            else:
                names.append(without_second_name(name.removesuffix("等").removesuffix("。")))
    return [n for n in names if n]


# Fields that name places, people's organisations or companies, not a government's departments ("街道、社区等部门").
_NOT_A_DEPARTMENT = re.compile(r"^(?:街道|乡镇|社区|网格|工会|团委|妇联|科协|残联|电信|移动|联通|供电|供水|燃气|电力|铁路|民航|烟草|供销"
                               r"|交投|城投|水投|邮政|广电|武警|海关|法院|检察|公检法)$")


# Fields named only as departments' ("公安、安监、信息化部门", "住房城乡建设、规划资源等部门"), not as a bureau cut short:
# in a bureau's list of divisions they stay divisions ("城建处、建设、规划处").
_DEPARTMENT_FIELD = re.compile(r"信息化|工业和信息化|经贸|经发|农业农机|农机|新闻出版|保监|银监|纪检|监察|综治|公路|通信|建设|住房城乡建设(?:管理)?|卫生计生|卫计|司法"
                               r"|绿化市容|规划资源|房屋管理|房管|城管执法|国防动员|市场监督(?:管理)?")


def _department_field(field: str) -> bool:
    """A field every level of government has a department for ("气象", "公安"), not a place or an organisation."""
    field = re.sub(r"(?<=[\u4e00-\u9fff]{2})行政$", "", field)  # "司法行政", "卫生计生行政": the field's administration
    return bool(_FIELD.match(field) or _DEPARTMENT_FIELD.fullmatch(field)) and not _NOT_A_DEPARTMENT.match(field)


def field_department(name: str) -> bool:
    """A department named by its field alone: "气象部门", "公安部门", "建设主管部门"."""
    # … of the place concerned, the grassroots or a level ("属地发展改革部门", "基层农业农村部门", "县级财政部门").
    field = re.sub(r"^(?:属地|基层|各级|[省市县区乡镇]级)", "", name[:-2])
    return name.endswith("部门") and _department_field(re.sub(r"(?:行业|行政)?主管$", "", field))


def field_office(name: str) -> bool:
    """A bureau named by its field and kind without its level, as a county's plan names its own: "物价局", "财政局"
    (平潭 2012's "物价局负责…"); not "机关局" (whose field is none every level has) nor "街道办"."""
    m = re.fullmatch(r"(?P<field>[\u4e00-\u9fff]{2,6}?)(?:局|委|办)", name)
    return m is not None and _department_field(m.group("field"))


# The last field and the kind the fields share: "自然资源等部门", "消防部门", "公安等相关部门" (上海 2023).
# … "区水务、市场监督、信息化、规划资源等行政管理部门" (宝山 2024): a kind by what it does.
_FIELDS_KIND = re.compile(r"(?P<field>[\u4e00-\u9fff]{2,6}?)(?:等(?:相关|有关)?)?(?P<kind>(?:行政|行业)?(?:主管|管理)部门|行政部门|部门)")


def _fields_share_kind(parts: list[str]) -> list[str]:
    """Departments by their field share the kind the last one names: "气象、水利、自然资源等部门" -> 气象部门, 水利部门,
    自然资源部门; "公安、消防部门" -> 公安部门, 消防部门; "市规划、绿化、交通、公安等相关部门" -> 市规划部门 … 市公安部门."""
    # The fields may run up to a kind before other bodies: "城管执法、规划资源、水务等部门和乡镇政府、街道办事处".
    end = next((k for k in range(len(parts) - 1, 0, -1) if _FIELDS_KIND.fullmatch(parts[k])
                and not any(p.endswith("部门") for p in parts[:k])), len(parts) - 1)
    parts, rest = parts[: end + 1], parts[end + 1 :]
    m = _FIELDS_KIND.fullmatch(parts[-1]) if parts else None
    fields = [*parts[:-1], m.group("field")] if m else []
    # The kind the list closes with is each field's: "交通运输、公安交通管理、工业和信息化主管部门" (国家 2025).
    kind = m.group("kind") if m else "部门"
    # "各级交通运输、公安、气象部门", "区公安、交通部门": a level the first names is every department's (not the 市 of
    # "市场监管", a field of its own).
    # Places addressed at once are a level too: "各州（市）能源、市场监管…等部门" (云南 2026), "各县（市、区）公安、交通部门".
    level = re.match(r"各级|各地|区县|县区|市县|各[县市区州](?:（[县市区州、]{1,5}）)?(?=[\u4e00-\u9fff]{2})|本?[省市区县](?=[\u4e00-\u9fff]{2})",
                     fields[0]) if fields else None
    if level and not _department_field(fields[0]) and _department_field(fields[0][level.end() :]):
        # … which the list may already have lent the others ("区财政、审计等部门" reaches here as 区财政, 区审计等部门).
        fields = [fields[0][level.end() :]] + [f.removeprefix(level.group(0)) if not _department_field(f)
                                               and _department_field(f.removeprefix(level.group(0))) else f
                                               for f in fields[1:]]
    else:
        level = None
    # An office among the fields keeps its own name ("公安、安监、道安办等部门"): the kind is the fields'.
    office = [bool(m and "等" in parts[-1] and not _department_field(f) and ends_like_office(f)) for f in fields]
    # A field's management of a part of its work is the field's too ("公安交通管理").
    if len(parts) < 2 or not fields or not all(_department_field(f) or o or (
            len(f) > 4 and f.endswith("管理") and _department_field(f[:2])) for f, o in zip(fields, office)) \
            or office.count(False) < 2:
        return parts + rest
    # A field that is already a management's ("公安交通管理") is its department, not its 主管部门.
    return [f if o else (level.group(0) if level else "") + f + ("部门" if f.endswith("管理") else kind)
            for f, o in zip(fields, office)] + rest


# That a unit leads, in a bracket after its name: "（牵头）", "（牵头负责）", "（牵头医药器械板块）".
LEAD_NOTE = r"（牵头[^（），,、；;]*）"


def without_second_name(name: str) -> str:
    """"市商务局（市口岸办）": one office under two names; the first is the one the graph keeps.

    A note on what a name covers goes too: "各区政府（含新区、合作区管委会）", and one on the part it plays:
    "区市场监管局（牵头医药器械板块）". A collective's bracket names the other bodies it spans, not a second name:
    "各乡镇人民政府（街道办事处）" stays whole, as "各县（市、区）" does.
    """
    # "（详见附件1）": a pointer; "（以下简称“区建交委”）": the short name it goes by after; "（负责资金保障）": the unit's part; "（牵头医疗医美板块）", "（牵头负责）": that it leads
    # (as "（牵头）" says). Not a bracket of roles ("（牵头，区城管局配合）"), which names another unit.
    name = re.sub(LEAD_NOTE + "$", "（牵头）", name)
    name = re.sub(r"（(?:(?:含|包括|详见|参见|见附|以下简称|下称|简称)[^（）]*|(?:负责|主责|配合|协助)[^（），,、；;]+|(?:20\d{2}年|\d{1,2}月)[^（）]{0,12})）$"
                  r"|（[，、\s]*）$", "", name)  # "（2024年底前）": when, not who
    # The second name in angle brackets too, as some documents write it: "区财政局<区金融办>".
    m = re.fullmatch(r"(?P<first>[^（）<>]+)(?:（(?P<second>[^（）]+)）|<(?P<angled>[^<>]+)>)", name)
    if m and not name.startswith("各") and ORG_END.search(m.group("first")) \
            and ORG_END.search(m.group("second") or m.group("angled")):
        return m.group("first")
    return name


# "镇人民政府及街道办事处（以下简称“镇（街道）”）", "青浦区农村村民建房会审联席会议（以下简称“区联席会议”）": a short name a plan gives a body once,
# by which its articles then name who acts. Not a document's, an action's or a thing's ("（以下简称《规划》）", "专项行动").
# A quoted part belongs to the name ("区道路交通安全综合整治“三年行动”领导小组办公室").
_SHORT_NAME = re.compile(r"(?P<full>(?:[^，。；：:、（）()“”\n]|“[^“”\n，。]{1,12}”){2,40})[（(](?:以下|下)?简称[：:]?[“\"]?(?P<short>[^“”\"《》（）()，。：:]{1,12}"
                         r"(?:[（(][^（）()]{1,4}[）)])?)[”\"]?(?:[，,]下同)?[）)]")


# "A、B、C、D（以下简称“区市场监督管理局等四部门”）": a short name for the bodies a list names, by its first and their count.
_GROUP_NAME = re.compile(r"(?P<list>[^，。；：:（）()“”\n]{4,160})[（(](?:以下|下)?简称[“\"]?"
                         r"(?P<short>(?:[^“”\"（）()，。、]{2,20}?等)?[两三四五六七八九十\d]{1,2}[个家]?(?:部门|单位))[”\"]?[）)]")


# A body's verb of working with, for or over another, right after its name or a place's ("区住建委会同…", "各街镇配合…",
# "项目建设单位向…"), not a verb inside a name ("向阳街道办事处", "区对台工作办公室", "区社会组织指导服务中心", "区妇女联合会";
# review 918).
WORKS_WITH: Final = r"(?<=[局委办府队所站心室处科组部位镇道])(?:会同|联合|配合|协助|指导|督促|通知|要求|责令|向|对)"
# What a sentence says before a body's name: whom it works with or for, by whom or as what it is named ("…由…", "…是…",
# "…的…"), what is proposed ("现提出本市加强…").
_BEFORE_NAME = re.compile(rf"{WORKS_WITH}|(?<!自)由|是|的|提出|决定|本[市区县]")


def _before_name(name: str) -> str:
    """A name without the words of the sentence before it."""
    return re.sub(r"^(?:加强|推进|开展|建立|完善)", "", _BEFORE_NAME.split(name)[-1])  # "（现提出本市）加强市场监督管理所"


def group_names(text: str) -> dict[str, list[str]]:
    """The short names a text gives lists of bodies (`_GROUP_NAME`), each to the bodies it stands for, where it names
    its first and they are as many as it counts."""
    out: dict[str, list[str]] = {}
    for m in _GROUP_NAME.finditer(text):
        # As the list writes them, its last joined by 和 or 及 ("A、B和C"), the first without the sentence before it.
        names = [n for n in re.split(r"、|(?<=[局委办府队所站心])(?:和|及)", m.group("list")) if n]
        names[:1] = [_before_name(names[0])] if names else []
        first = m.group("short").split("等", 1)[0] if "等" in m.group("short") else ""
        count = re.match(r"(?:.*等)?(\S{1,2}?)[个家]?(?:部门|单位)$", m.group("short"))
        if len(names) >= 2 and names[0].endswith(first) and count and _COUNT.get(count.group(1)) == len(names):
            out[m.group("short")] = names
    return out


_COUNT = {n: k for k, n in enumerate("两三四五六七八九十", start=2)} | {str(k): k for k in range(2, 21)}


def short_names(text: str) -> dict[str, str]:
    """The short names a text gives bodies (`_SHORT_NAME`), each to the full name it stands for."""
    out: dict[str, str] = {}
    for m in _SHORT_NAME.finditer(text):
        # The body a sentence sets up, not the words setting it up ("黄浦区成立…委员会（以下简称“区历保委”）"); an office set
        # up under another is that one's ("区历保委下设办公室（以下简称“区历保办”）": 区历保委办公室).
        # Nor the number of the item it opens ("1.嘉定区建设和管理委员会（以下简称区建管委）…").
        *before, name = re.split(r"成立|设立|组建", re.sub(rf"^\s*{ITEM_NUMBER}", "", m.group("full")).replace("下设", ""))
        if before and re.fullmatch(r"[\u4e00-\u9fff]{1,8}[省市区县]", before[-1]):
            name = before[-1] + name  # the place that sets it up is its own
        # Nor the sentence it stands in ("推进机制的日常工作由区重大工程建设协调推进领导小组办公室（以下简称“区重大办”）").
        # … nor a body it works with or for ("区住建委会同浦东新区规划和自然资源局（简称“区规资局”）", "各街镇配合…").
        name = _before_name(name)
        full = re.split(r"[和与及]|为", name)[-1] if not ends_like_office(name) else name
        # A body, not the parties a plan regulates ("纳入配额管理单位（以下简称“纳管单位”）", "…企业（以下简称企业）"), nor a
        # list's last ("…、区公安局（以下简称“区市场监督管理局等四部门”）": `group_names`).
        # After 、 the name may be a list's last, the short one the whole list's ("A、B、C（以下简称“三部门”）"): only a short
        # name of the same kind of body as the full one is its own ("…、浦东新区财政局（简称“区财政局”）").
        listed = text[m.start() - 1 : m.start()] == "、" and m.group("short")[-1] not in name
        if re.search(r"等|、", m.group("short")) is None and not listed and (ends_like_office(full) or re.search(r"联席会议$", full)) and not re.search(r"企业|公司|单位$", full):
            out.setdefault(m.group("short"), name)
    return out
