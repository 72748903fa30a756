"""Responsible units: find the clauses of an item, read their roles, resolve the names (split by unit_names); units
an item states only in its sentences are read in `said`."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from .lexicon import Lexicon, canon_text
from .patterns import CO_KEYS, DATE_KEY, DOC_NO, ITEM_NUMBER, LEAD_KEYS, PLACE_KEY, RELATED_KEY, RESP_KEY
from .records import Span, UnitRef
from .unit_names import (
    CENTRAL_NAME,
    COLLECTIVE,
    GRID_COMPANY,
    KIND,
    LEAD_NOTE,
    OWN_OFFICE,
    OWN_PLACE,
    SHARED_SUFFIX,
    STATION_WORK,
    STREET_BY_NAME,
    TOWN_BY_NAME,
    WHERE_TOWN,
    ends_like_office,
    is_body,
    split_names,
    split_top,
)

_OPEN_CLOSE = {"〔": "〕", "【": "】", "（": "）", "[": "]", "［": "］"}
KEY_AT_START = re.compile(rf"^({RESP_KEY}|{RELATED_KEY})：")
_LEAD_KEY = re.compile(rf"^({'|'.join(LEAD_KEYS)})：")
_CO_KEY = re.compile(rf"^({'|'.join(CO_KEYS)})：")
# 实施单位 beside a 牵头单位 take part; alone they are the item's doers, the first listed leading
# ("5.…项目1900亩；实施单位：区金井湾片区管理局和区森林与园林管理局", 平潭 造林 2015).
_DOERS_KEY = re.compile(r"^实施(?:单位|部门|主体)：")
_LEAD_KEY_ANYWHERE = re.compile(rf"(?:{'|'.join(LEAD_KEYS)})：")
CO_KEY_ANYWHERE = re.compile(rf"(?:{'|'.join(CO_KEYS)})：")
# A body of government by its ending (not 企业, 协会, 高校, 院所): "张江管理局", "浦东邮政管理局".
_ADMIN_END = re.compile(r"(局|委|办|办公室|管委会|委员会|政府|厅|署|中心)$")
# Duties that do not say who leads: with no one named 牵头, the first office listed leads (and `_BY_REMIT`).
_SHARED_DUTY = (
    "分工负责", "负责", "负责落实", "负责实施", "负责组织实施", "负责具体落实",
    "抓好落实", "抓好贯彻落实", "贯彻落实", "落实", "推进", "组织实施", "组织落实", "负责组织落实", "具体实施", "指导",
    "负责指导", "协调指导", "指导协调",  # "X牵头，Y配合，市发展改革委、各行业主管部门协调指导": oversight beside the lead
    "起草", "负责起草", "组织起草",  # a legislative plan's projects: "（市科委、中关村管委会起草）"
)
# 牵头 and the duty it leads: "牵头", "牵头负责", "牵头落实", "牵头组织实施"; not "牵头抓总" (a leader's part) nor
# "牵头组织" in a bracket ("（支持行业协会牵头组织）" says what others may do).
# A second duty of the lead's after a 、 ("牵头、跟踪督办", "牵头、组织各街镇落实") is still its own.
LEADS = r"牵头(?:负责落实|负责|落实|组织实施|实施)?(?:、(?:跟踪|督办|督促|协调|组织|推进|落实|实施|统筹)[\u4e00-\u9fff]{0,6})?"
_LEAD_SUFFIX = re.compile(rf"^由?(?P<names>.+?)((?:按照?|依照?|根据|依据)(?:各自)?职[责能](?:分工)?|分别|分工负责)?(共同|双)?{LEADS}$")
# "市交通委牵头负责、各区政府组织落实": a group's role ends it as a comma would.
# Only before another office ("各区政府…"), not a second duty of the lead's ("牵头、跟踪督办").
_ROLE_ENDS_GROUP = re.compile(r"(?:(?<=牵头)|(?<=牵头负责)|(?<=牵头落实)|(?<=牵头实施)|(?<=牵头负责落实)|(?<=牵头组织实施)|(?<=配合))"
                              r"、(?=[省市区县各]|相关|有关|其他)")
# Duties of a supporting unit.
CO_DUTY = ("具体落实", "具体负责", "配合", "参与", "协同", "协助", "协办")
# The family of "by its remit" duties, however worded: "按照各自职责分工负责", "根据职能落实", "依照职责",
# "根据各自职责分别组织实施".
_BY_REMIT = r"(?:按照?|依照?|根据|依据)(?:各自)?(?:职[责能](?:分工)?|分工)(?:分别)?(?:负责|落实|办理|组织实施|组织落实|实施)?"
# The names are matched lazily, so the longest duty that ends the group wins; duties may follow each
# other ("配合落实"), and 负责 may name its part ("负责法制审查工作").
_DUTY = "|".join([_BY_REMIT, *sorted(_SHARED_DUTY + CO_DUTY, key=len, reverse=True)])
_CO_SUFFIX = re.compile(rf"^(?P<names>.+?)(?:分别|各自|共同|分工)?(?P<how>(?:{_DUTY})+|负责[\u4e00-\u9fff]{{2,10}}工作)$")  # "A、B分别负责", "共同负责"
# Other keys a clause may carry end the names before them: "（负责部门：A；适用范围：所有自贸试验区）".
_OTHER_KEY = r"(?:适用范围|实施范围|推广范围|工作目标|目标任务|考核指标|备注|说明|行业监管责任|监管责任|主体责任)："
_KEY_ANYWHERE = re.compile(rf"(?:{RESP_KEY})：|{DATE_KEY}|{_OTHER_KEY}")
_NOT_UNIT_KEY = re.compile(rf"^[，,；;]?(?:{DATE_KEY}|{_OTHER_KEY})")
_OFFICIAL = re.compile(rf"^(省|市|县|区|镇|乡|各)|^.{{0,6}}(省|市|县|区|州|旗)|{GRID_COMPANY.pattern}"
                       r"|^局(?!部|面|势|限)(?=[\u4e00-\u9fff]{2,})")  # a bureau's own: "局安委会", "局属基层各单位"
_LEAD_MARK = "（牵头）"
# The mark as written: "（牵头）", "（牵头负责）", "（牵头医药器械板块）" (which `split_names` turns into the mark).
_LEAD_MARKED = re.compile(LEAD_NOTE)
# Central bodies by their name: "国务院国资委", "国家能源局", "中共中央宣传部", "全国总工会".
_CENTRAL = re.compile(r"^(国务院|中共中央|中央|全国)[\u4e00-\u9fff]|^国家[\u4e00-\u9fff]{1,12}(局|委|委员会|署|部|中心)$")
# 联合 as working jointly, not a body's name ("联合党委", "工商业联合会").
JOINTLY = r"联合(?!党委|党支部|党总支|会|体)"
_JOINT = re.compile(rf"^(由|会同|{JOINTLY})")  # "由A牵头，会同B负责": the names are A and B
# "A配合B、C落实" / "A协助B负责": the units after the verb do the duty, the ones before it support them.
_HELPS = re.compile(r"(?P<co>[^，,；;]+?)(?:配合|协助)(?P<lead>[^，,；;]+)")


# A policy list's bracket opens with the document each measure comes from: "（皖发〔2021〕9号，省发展改革委负责）".
_CITED = re.compile(rf"(?:(?:{DOC_NO.pattern}|《[^》]{{2,60}}》)[、，]?)+，")


@dataclass(frozen=True)
class Clause:
    """A responsibility clause: its content and where it sits."""

    content: str
    span: Span  # span of the content in the normalised text


def _matching_close(text: str, i: int) -> int:
    """Index of the bracket closing text[i], honouring nesting; -1 if none."""
    open_ch = text[i]
    close_ch = _OPEN_CLOSE[open_ch]
    depth = 0
    for j in range(i, len(text)):
        if text[j] == open_ch:
            depth += 1
        elif text[j] == close_ch:
            depth -= 1
            if depth == 0:
                return j
    return -1


def _role_groups(names: str, seps: str = "，,") -> list[str]:
    """A list's groups, each with its own role: "A牵头，B配合", "A牵头负责、B组织落实"."""
    return [g for group in split_top(names, seps) for g in _ROLE_ENDS_GROUP.split(group)]


def has_role_suffix(names: str) -> bool:
    """True when a names list says its roles itself: "A牵头，B配合"."""
    return any(_LEAD_SUFFIX.match(p) or _CO_SUFFIX.match(p) for p in _role_groups(names))


# A collective a list names by what its members share: "相关沿海街镇", "各岸段使用或管理单位" (宝山 2025, heldout81); not a
# clause ("相关部门指导各街镇") nor a regulated party by its trade ("相关生产经营单位", "相关垃圾处置单位"; review, helper 594).
_SHARED_COLLECTIVE = re.compile(r"^(?:各|相关|有关)(?![\u4e00-\u9fff]*(?:指导|会同|督促|配合|协助|负责|牵头|组织|落实))"
                                r"[\u4e00-\u9fff]{1,10}(?:街镇|乡镇|街道|(?<!经营)(?<!施工)(?<!处置)(?<!排污)单位|部门)$")


# A town or subdistrict by its own name, not a kind or a title of one ("文明镇", "卫生镇", "商业街道", "文化名镇"; review,
# helper 696).
_BY_NAME = re.compile(rf"(?!.*(?:文明|卫生|生态|美丽|特色|示范|名|商业|主干|旅游|宜居|森林|园林)集?(?:[镇乡]|街道)$)"
                      rf"(?:{TOWN_BY_NAME}|{STREET_BY_NAME})")


def looks_like_units(names: str) -> bool:
    # "各县（市、区）" stands for their governments; "相关沿海街镇" for the towns a list names by what they share.
    # A town or subdistrict by its own name ("岚城乡", "石门二路街道") is its government, as "各乡镇" stands for theirs.
    return all(ends_like_office(n) or COLLECTIVE.match(n) or _SHARED_COLLECTIVE.match(n) or _BY_NAME.fullmatch(n)
               for n in split_names(names))


# A clause's last part saying when its work is due or how long it runs: "2018年3月底前完成", "2018年4月至2019年10月深化
# 提升", "持续推进", "长期坚持".
# When work is due, not a year alone: "2016年4月底前完成", "持续推进", "每年"; not what was issued then ("2015年12月印发").
_DUE = re.compile(r"前|底|末|完成|年内|持续|长期|每年|逐年|立行立改|[上下]半年")
_ISSUED = re.compile(r"印发|出台|发布|公布|数据|基数|来源")
_WHEN_PART = re.compile(r"^(?:20\d{2}年|\d{1,2}月|年底|年内|[上下]半年|今年|明年|每年|逐年|持续|长期|立行立改)"
                        r"(?![^，；、]*(?:局|委|办|厅|政府|部门|单位))[^，；、]{0,24}$")  # not "2021年起移交区发改委"


# After a sentence end, units that take part in other words ("市财政局、市发改委支持") or a collective of bodies that no
# office ending names ("各银行业金融机构").
_NAMED_AFTER_STOP = re.compile(r"^(?:需|须|请|由|要)?(?P<names>[^，。；]+?)(?:支持|参与|参加|保障)$|^(?P<body>各[\u4e00-\u9fff]{1,12}(?:机构|企业|单位))$")


def _parts(piece: str) -> list[tuple[str, bool]]:
    """A clause's parts between semicolons and sentence ends, each with whether a sentence end opened it."""
    return [(part, k > 0) for chunk in split_top(piece, "；;") for k, part in enumerate(split_top(chunk, "。"))]


def _names_first(after_key: str) -> bool:
    """Whether what follows a key opens with names ("区交建局、经发局，…"), not a sentence ("负总责，…")."""
    return looks_like_units(re.split(r"[，,；;：:]", after_key, maxsplit=1)[0].removesuffix("等"))


def _keyed(content: str) -> bool:
    """Whether a clause opens with a key; a related key ("相关单位：") only before a list of names."""
    m = KEY_AT_START.match(content)
    return m is not None and (not re.match(RELATED_KEY, m.group(1)) or _names_first(content[m.end():]))


def _is_resp_content(content: str, after_sentence: bool = False) -> bool:
    if _keyed(content):
        return True
    # "(A、B按职责分工负责。C负责落实)": a sentence end parts groups too; "(A牵头负责、B组织落实)" a role.
    parts = _role_groups(content, "，；。")
    # "(A、B按职责分工负责，2018年3月底前完成)", "(…，持续推进)": when the work is due says nothing of who does it.
    while len(parts) > 1 and _WHEN_PART.match(parts[-1]):
        parts = parts[:-1]
    # A long part is a sentence, unless it lists names: a province's fifteen offices in one group.
    if not parts or any(len(p) > 80 and any(len(n) > 20 for n in p.split("、")) for p in parts):
        return False
    # "(A牵头，B配合)": a part ending in 牵头; "(A、B按职责分工负责)": units sharing a duty.
    if any(_LEAD_SUFFIX.match(p) for p in parts):
        return True
    # "…。（市科委、市经济信息化委、市商务委）": a bare list of offices after a sentence, the first leading;
    # "区人社局（区就业局）" is one office's second name, not a clause.
    # Bodies that carry their place in their name ("张江管理局", "浦东邮政管理局") may follow a first office that
    # names its jurisdiction ("（区建交委、…、浦东邮政管理局）").
    # After a first office, a body that names no jurisdiction may follow: a company ("云南航产投集团"), a customs
    # house ("昆明海关"), the plan's partners listed where its offices are; not a kind ("龙头企业", "高校").
    # "（区管委会，2016年4月底前完成）": such a list with when it is due (not a source's year or a paper's issue, "（区统计局，
    # 2015年）", "（省政府办公厅，2015年12月印发）"; review).
    # "（省发改委。按职能分工负责）": the duty by remit said on its own is the list's.
    listed = _role_groups(content, "，；。")
    while len(listed) > 1 and ((_WHEN_PART.match(listed[-1]) and _DUE.search(listed[-1]) and not _ISSUED.search(listed[-1]))
                               or re.fullmatch(_BY_REMIT, listed[-1])):
        listed = listed[:-1]
    if after_sentence and not _EXAMPLES.match(content) and (_office_list("，".join(listed)) or _towns_listed("，".join(listed))):
        return True
    # "(A、B，C按职责分工负责)": groups before the last may share its suffix, if they name offices (and partners:
    # "省发展改革委、郑州海关、中豫航空集团，郑州、洛阳市政府按职责分工负责").
    co = [_CO_SUFFIX.match(p) for p in parts]
    return bool(co[-1]) and all(
        looks_like_units(m.group("names")) if m else looks_like_units(p) and _office_list(p) for p, m in zip(parts, co)
    )


def _office_list(names_text: str) -> bool:
    """A list that names offices: each with its jurisdiction or a collective, or after a first body of government,
    bodies that name none (a company, a customs house) but no kind of body; or a body's own divisions, which name
    none ("（交通与建设处、农业农村处）" after a 片区's measure)."""
    names = split_names(names_text)
    if names and OWN_OFFICE.match(names[0]) and looks_like_units(names[0]) and not _NOTE.match(names_text) \
            and not re.search(r"\d", names_text):  # "（交通与建设处、…、辖区派出所）"
        return all(OWN_OFFICE.match(n) or _listed_body(n) or (ends_like_office(n) and not KIND.search(n))
                   for n in names[1:])
    return bool(names) and is_official(names[0]) and (
        all(_listed_body(n) for n in names) or (bool(_ADMIN_END.search(names[0])) and all(
            _listed_body(n) or (ends_like_office(n) and not KIND.search(n)) for n in names[1:])))


# A bracket that points elsewhere, bounds a scope or tells a history: "（参见交通与建设处）", "（不含…）", "（原…）",
# "（已并入…）", "（咨询电话见…）" (review, helper 496). A division's name never opens so.
_NOTE = re.compile(r"(?:参见|详见|见|不含|含|包括|除|原|已|咨询|联系|即|如|属|归)")
# A bracket that gives examples or says what a word covers: "（如市属国企上海电气集团、华谊集团）", "（包括…）".
# A place may open with one of those words: "如东县", "含山县", "即墨区".
_EXAMPLES = re.compile(r"(?:例如|比如|诸如|包括|其中|主要是|主要有|(?:如|含|即)(?![\u4e00-\u9fff]{1,2}[县市区旗]))")


def _towns_listed(names_text: str) -> bool:
    """A list of towns or subdistricts by their own names, offices of the county among them at most: a county's plan
    gives its towns work so after a sentence ("…并上报结果。（岚城乡、北厝镇、澳前镇、苏澳镇、芦洋乡）")."""
    names = split_names(names_text)
    by_name = [n for n in names if _BY_NAME.fullmatch(n)]
    return len(by_name) >= 2 and all(n in by_name or _listed_body(n) for n in names)


def _listed_body(name: str) -> bool:
    """A name a bare list of offices may hold: an office with its jurisdiction, a body of government that carries
    its place ("张江管理局"), a collective ("各乡镇", "相关沿海街镇"), or the second half of "相关部门、单位"."""
    return name in ("部门", "单位") or bool(_SHARED_COLLECTIVE.match(name)) or (
        looks_like_units(name) and bool(is_official(name) or _ADMIN_END.search(name) or COLLECTIVE.match(name)))


# A government office's bare name, which a list's level written once may be lent to ("公安分局", "交警大队"); not a
# business the plan regulates ("购物中心", "出租车队", "施工队", "物业服务中心"; review, helper 445).
_LEVEL_LENT = re.compile(r"(?!.*(?:购物|出租|施工|物业|培训|检测|旅行|加油|售票|服务|企业|公司))[\u4e00-\u9fff]{2,8}"
                         r"(?:局|委|办|处|科|室|站|派出所|支队|大队|中队)")


def is_official(names: str) -> bool:
    """Every name carries a jurisdiction: "市财政局" does, "龙头企业", "社会" and "项目审批由市发改委" do not. In a list,
    a level written once is each office's ("区建管委、公安分局、区城管执法局": 公安分局 is the district's)."""
    parts = split_names(names)

    def official(n: str) -> bool:
        return bool(_OFFICIAL.search(n) or CENTRAL_NAME.search(n) or OWN_PLACE.match(n))

    level = next((n[0] for n in parts if n[0] in "省市区县" and not n.startswith("市场") and official(n)), "")
    return all((official(n) or (level != "" and len(parts) > 1 and _LEVEL_LENT.fullmatch(n) is not None
                                and official(level + n)))
               and not re.search(r"由|的|是|将", _JOINT.sub("", n)) for n in parts)


def _duty_words_only(names: str) -> bool:
    """"持续", "密切", "积极": short words before a duty word, not offices ("市委" is one)."""
    return all(len(n) <= 2 and not _OFFICIAL.search(n) for n in split_names(names))


def _is_bare_clause(sentence: str) -> bool:
    """"A牵头，B、C配合" or "由A负责" as a sentence of its own: every group a list of offices with a duty suffix."""
    parts = split_top(sentence, "，,")
    lead = [_LEAD_SUFFIX.match(p) for p in parts]
    co = [_CO_SUFFIX.match(p) for p in parts]
    # "A牵头，B配合" or "A、B负责" / "由A负责，B配合": every group says its duty.
    groups = [lm or cm for lm, cm in zip(lead, co)]
    if not all(groups):
        return False
    # A plain sentence ("支持龙头企业牵头，高校参与") must name offices to count, not work run into one ("统筹组织区发改委
    # 牵头": review, helper 654).
    return all(looks_like_units(m.group("names")) and is_official(m.group("names"))
               and not _work_run_into_name(m.group("names").lstrip("由")) for m in groups if m)


_WORK_OPENING = re.compile(r"(?:统筹|组织|协调|指导|推动|推进|督促|加强|开展|做好|落实|负责|配合|协助)")


def _work_run_into_name(names: str) -> bool:
    """Whether names open with work run into a name still whole after it ("统筹组织区发改委"); not a name that opens with
    such a word ("组织部", "协调小组办公室"; review, helper 664)."""
    m = _WORK_OPENING.match(names)
    rest = names[m.end():] if m else ""
    return m is not None and looks_like_units(rest) and is_official(rest)


# A name as a plan whose brackets list units writes one: "山西转型综改示范区", "省编办〈省审改办〉" (no digits, no sentence).
_BARE_NAME = re.compile(r"[\u4e00-\u9fff]{2,20}(?:[〈（<][\u4e00-\u9fff]{2,10}[〉）>])?")


# Bodies no office ending names that a plan's stated lists hold: a zone that governs, a university.
_LISTED_BODY = re.compile(r"(?:示范区|开发区|高新区|新区|试验区|综改区|大学|学院)$")


def _names_only(content: str) -> bool:
    """Whether a bracket holds bodies' names only, as a plan's stated lists do: each ends like an office or is a zone
    or a university, one at least names its place's level or is such a body ("（省教育厅、山西大学）", "（山西转型综改示范区）");
    not industries, places, projects or companies the sentence is about ("（新材料、新能源）", "（太原、大同）", "（太钢集团、
    晋能集团）"; review, helper 654), examples or a note ("（如…）", "（不含…）")."""
    names = split_names(content)
    return bool(names) and all(_BARE_NAME.fullmatch(n) and (looks_like_units(n) or _LISTED_BODY.search(n)) for n in names) \
        and any(is_official(n) or _LISTED_BODY.search(n) for n in names) \
        and not has_role_suffix(content) and not _EXAMPLES.match(content) and not _NOTE.match(content) \
        and not re.search(r"[是为将的在对]", "".join(n for n in names if not looks_like_units(n)))


# A place or body a bracket after it may name again or qualify ("平潭综合实验区（平潭县）", "…街道（镇）").
_PLACE_END_WORD = re.compile(r"(?:省|市|县|区|镇|乡|街道|村|社区|园区|片区)$")


def _closes_sentence(text: str, i: int, j: int) -> bool:
    """Whether the bracket at text[i..j] closes its sentence after work, not after a name or a place, and opens with an
    office its level names ("…给予分档奖励（市经济和信息化局、各区政府）。"; not "…区人社局（区就业局）。", "（据市统计局）")."""
    before = re.search(r"[\u4e00-\u9fff]{1,12}$", text[:i])
    names = split_names(text[i + 1 : j])
    return (j == len(text) - 1 or text[j + 1] in "\n。") and before is not None \
        and not ends_like_office(before.group()) and not _PLACE_END_WORD.search(before.group()) \
        and bool(names) and re.match(r"[省市区县各]", names[0]) is not None and is_official(names[0])


def closes_with_offices(text: str) -> bool:
    """Whether an item's text has a sentence closed by a bracket of offices (`_closes_sentence`) and no keyed units: a plan
    most of whose measures end so (北京 2024's "…（市科委、中关村管委会）。") assigns its work by them."""
    if re.search(rf"(?:{RESP_KEY})：", text):
        return False
    for m in re.finditer(r"[（(]", text):
        j = _matching_close(text, m.start())
        if j > 0 and _closes_sentence(text, m.start(), j) and _office_list(text[m.start() + 1 : j]):
            return True
    return False


def find_clauses(text: str, offset: int, lists_stated: bool = False, closing_lists: bool = False) -> list[Clause]:
    """Bracketed or line-form responsibility clauses inside an item's text. `lists_stated`: the plan has said what
    its brackets after a sentence list ("（省发改委。…所列部门为主要牵头单位，…下同）"), so one of names only lists units,
    bodies no office ending names too ("（省教育厅、山西大学）", "（山西转型综改示范区）"); `closing_lists`: most of the
    plan's measures close a sentence with a bracket of offices (`closes_with_offices`), so such a bracket lists units."""
    found: list[Clause] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _OPEN_CLOSE:
            j = _matching_close(text, i)
            if j > 0:
                start = i + 1
                if cited := _CITED.match(text, start, j):
                    start = cited.end()
                content = text[start:j]
                at_end = i == 0 or text[i - 1] in "。；\n" or j == len(text) - 1 or text[j + 1] in "\n。；"
                bare = _CONVENTION.sub("", content)  # "（A、B负责。列第一位者为牵头单位，下同）"
                after_sentence = i == 0 or text[i - 1] in "。；\n"
                closing = closing_lists and _closes_sentence(text, i, j)
                # A bracket of its own may state only the convention: "…。〔以下分工均涉及有关州（市）人民政府，不再列出〕".
                standing = not bare.strip("，,；;。 ") and any(_standing_names(m.group("names"))
                                                             for m in _CONVENTION.finditer(content))
                if _keyed(content) or (at_end and (standing or _is_resp_content(bare, after_sentence or closing)
                                                   or (lists_stated and i > 0 and after_sentence and _names_only(bare)))):
                    found.append(Clause(content, Span(offset + start, offset + j)))
                    i = j + 1
                    continue
        i += 1
    # "责任单位：A、B" on a line of its own, or after the last sentence or clause of a line ("…设想等，责任单位：A"); or a
    # bracketed one the line ends before it closed ("…90万元（责任单位：市住房公积金管理中心" and the next item: a scan lost
    # the bracket).
    for m in re.finditer(
        r"(?m)(?:^|(?<=[。，；,;])|(?<=^\d[.．、])|(?<=^\d\d[.．、])|(?<=^（\d）)|(?<=^（\d\d）))"
        rf"[（(]?(?:{RESP_KEY}|{RELATED_KEY})：[^。\n]+|[（(](?:{RESP_KEY})：[^。（）()\n]+$",
        text,
    ):
        lead = len(m.group(0)) - len(m.group(0).lstrip("（("))
        # After a comma (or a related key anywhere) a key opens a clause only where names follow it: not prose about
        # roles ("…工作模式，牵头单位：负总责，配合单位：各司其职").
        loose = m.start() > 0 and text[m.start() - 1] in "，；,;"
        if not _keyed(m.group(0)[lead:]) or (loose and not _names_first(m.group(0)[lead:].split("：", 1)[1])):
            continue
        # Not a bracketed clause read above, whose bracket opens before its key ("。（责任单位：A）对…给予补助").
        if any(c.span.start - offset <= m.start() + lead < c.span.end - offset for c in found):
            continue
        content = m.group(0)[lead:]
        if lead and content.endswith(("）", ")")):
            content = content[:-1]  # "（责任单位：A）" written on its own line: its own brackets go
        elif content.count("（") < content.count("）"):
            content = content.rstrip("）)")
        # "责任单位：省教育厅、人社厅。以下均需各设区市人民政府落实，不再列出": a convention the line goes on to state is
        # the clause's too, as in a bracket.
        end = m.start() + lead + len(content)
        line_end = text.find("\n", end) if "\n" in text[end:] else len(text)
        if not lead and text[end : end + 1] == "。" and _CONVENTION.match(text, end, line_end):
            content = text[m.start() : line_end]
        found.append(Clause(content, Span(offset + m.start() + lead, offset + m.start() + lead + len(content))))
    # "A牵头，B配合。" written as a plain sentence, with no bracket or key.
    # After a label, which names no one ("责任：区发改委牵头，区财政局配合"); a division line's is read as one.
    # A line's item number is no part of the first name ("（一）区住建局负责…" was read as one); such a line is a clause
    # only where it gives roles to several groups ("（一）区住建委负责…工作，区生态环境局负责…工作。"): one body's
    # sentence is a measure its subject does ("1.各有关部门按照职责分工抓好落实。" under keyed units; review, helper 654).
    for m in re.finditer(rf"(?m)(?:^(?P<number>{ITEM_NUMBER})?|(?<=。))(?:(?P<label>[^，。；：\n]{{1,8}})：)?(?P<s>[^。\n]+)。?$",
                         text):
        body = m.group("s")
        if any(c.span.start - offset < m.end() and m.start() < c.span.end - offset for c in found):
            continue
        if m.group("number") and len(split_top(body, "，,")) < 2:
            continue
        if len(body) <= 120 and not (m.group("label") or "").endswith("分工") and _is_bare_clause(body):
            found.append(Clause(body, Span(offset + m.start("s"), offset + m.end("s"))))
    # "(1)综合协调组省交通运输厅牵头，省公安厅…等参与。负责…": a working group's name, then who leads and takes part;
    # only where the item names no units in a clause of its own (the matches never overlap one another).
    if not found:
        found = [Clause(m.group("s"), Span(offset + m.start("s"), offset + m.end("s")))
                 for m in _GROUP_ROLES.finditer(text) if _is_bare_clause(m.group("s"))]
    return found


_GROUP_ROLES = re.compile(r"(?m)^(?:[（(]\d{1,2}[）)]|\d{1,2}[.．、])?\s*[\u4e00-\u9fff]{2,10}?(?:工作组|小组|组(?![织建成])|专班)[：:]?"
                          r"(?P<s>[^。\n]{4,300}?)(?=。)")


class UnitResolver:
    """Alias table lookup: any spelling -> canonical unit name, in a region's scope."""

    def __init__(self, lexicon: Lexicon, region: str | None) -> None:
        self.region = region
        self._map: dict[str, str] = {}
        self.collective: dict[str, list[str]] = {}
        self._national: set[str] = set()
        self._scoped: set[str] = set()
        for entry in lexicon.units:
            if entry.scope and entry.scope != region:
                continue
            for s in (entry.name, *entry.aliases, *entry.shared):
                # A central body's short name that a local body also goes by (units.yaml `shared`: "发展改革委", "国资委",
                # "人民银行") is the central one only in a document of no region (the State Council's "（发展改革委、财政部
                # 负责）"); in a district's table "发展改革委" is the district's. "证监会", "民航局" are central anywhere.
                if region and s in entry.shared:
                    continue
                self._map[canon_text(s)] = entry.name
            if entry.national:
                self._national.add(entry.name)
            if entry.scope:
                self._scoped.add(entry.name)
            if entry.collective:
                members = []
                if entry.members == "counties":
                    members = [f"{c}人民政府" for c in lexicon.counties_of(region)]
                self.collective[entry.name] = members

    def resolve(self, name: str) -> str:
        """Canonical name; unknown names pass through in canonical spelling."""
        name = canon_text(name)
        if name in self._map:
            return self._map[name]
        # "房屋所在乡镇政府" and "所在乡镇人民政府" are one unit: the town where the thing is.
        name = re.sub(rf"^[\u4e00-\u9fff]{{1,4}}?(?<!{STATION_WORK})(?={WHERE_TOWN})", "", name)
        # "浮梁县政府" and "浮梁县人民政府" are one unit.
        if name.endswith("政府") and not name.endswith("人民政府"):
            return self._map.get(name[:-2] + "人民政府", name[:-2] + "人民政府")
        return name

    def declare(self, aliases: dict[str, str]) -> None:
        """Take a document's short names for its bodies (short -> full): within it either spelling is one unit."""
        fulls = Counter(aliases.values())
        for short, full in aliases.items():
            if canon_text(short) in self._map:  # a short name the table knows keeps its unit, which the full name joins
                self._map.setdefault(canon_text(full), self._map[canon_text(short)])
                continue
            if not re.sub(r"领导小组|工作小组|小组|指挥部|办公室|委员会|管理|中心|下设", "", full):
                # "领导小组下设办公室（简称“标准办”）": a kind of office, which the short name tells apart (unless two such
                # offices are defined, when the bare kind is neither).
                if fulls[full] == 1:
                    self._map.setdefault(canon_text(full), canon_text(short))
                continue
            self._map[canon_text(short)] = self.resolve(full)

    def is_national(self, name: str) -> bool:
        """A central body: listed as national, or named as one ("国务院…", "国家…局") and not a local entry."""
        if name in self._national:
            return True
        # "国家金融监督管理总局景德镇监管分局" is a local branch of a central body.
        return name not in self._scoped and bool(_CENTRAL.match(name)) and not re.search(r"分局|分行|监管局|[省市县]", name)

    def aliases_of(self, name: str) -> list[str]:
        """Every other spelling of a canonical name."""
        return sorted(s for s, n in self._map.items() if n == name and s != name)

    def known(self) -> set[str]:
        """Every spelling in the table."""
        return set(self._map)


# Conventions a clause states instead of roles: "列第一位者为牵头单位，下同" or "逗号前为牵头单位，下同" (the first listed
# leads, which is the default anyway), "以下均需各市州人民政府落实，不再列出" or "以下任务责任单位均包括各市〔州〕人民政府，
# 不再列出" or "以下分工均涉及有关州（市）人民政府，不再列出" (units every later item has; their list may hold commas:
# "以下均需各园区管委会，各镇（街）人民政府（办事处）落实，不再列出"), or opened by the items it covers and their
# responsible units ("各项措施责任单位均包括各市〔州〕、各县〔市、区、特区〕人民政府，以下不再列出"); "各项任务均需市县政府
# 落实，不再列出" says who carries every measure out, not a unit of each (its writer added none).
_ALL_LISTED_LEAD = re.compile(r"所列(?:的)?(?:部门|单位)(?:均)?(?:为|是)(?:主要)?牵头(?:部门|单位)")
_CONVENTION = re.compile(
    r"[。；;，,]?(?:(?:列|排|排在|排名)(?:第一|首)位(?:的|者)?(?:部门|单位)?(?:为|是)牵头(?:部门|单位)"
    r"|(?:第一个)?(?:逗号|分号)(?:之)?前面?(?:的|者)?(?:部门|单位)?(?:为|是)(?:主要)?(?:牵头|责任)(?:部门|单位)"
    r"|(?:(?:逗号|分号)(?:之)?后面?|其[他余])(?:的|者)?(?:部门|单位)?(?:为|是)配合(?:部门|单位)"
    r"|(?:以下(?:各项)?(?:任务|工作|分工|事项|措施|政策)?(?:的)?(?:责任单位|责任部门)?"
    r"|(?<!以上)(?<!上述)(?:本(?:方案|措施|文件))?(?:各项|所有)(?:任务|工作|分工|事项|措施|政策)?(?:的)?(?:责任单位|责任部门))"
    r"均(?:需|由|(?P<incl>包括|含|涉及)|为|有)?(?P<names>[^。；]+?)"
    r"(?:(?:配合|负责)?(?:落实|实施|参与|负责)|(?:(?:积极|予以|全力)?(?:配合|协助|参与)(?:完成)?)?(?=[，,](?:以下)?不再)"
    # "以下分工均含各区人民政府）": what every item includes may close the clause.
    r"|(?(incl)(?=[。；;]?[）)]?$)|(?!)))"
    # "所列部门为主要牵头单位，参加单位不一一列出" (山西 2017): every unit listed leads, read by `all_listed_lead`.
    rf"|{_ALL_LISTED_LEAD.pattern}|(?:参加|配合|参与|协办)(?:部门|单位)不(?:再)?(?:一一|单独|另行)?列出"
    r"|(?:以下)?不再(?:一一|单独|另行)?列出|下同)[。；;]?"
)


# Collectives a convention names: "各片区", "有关部门", "各县级市<区>人民政府<管委会>"; not "各类市场主体", "相关配套政策".
_COLLECTIVE = re.compile(r"^(?:各|有关|相关).{0,12}(?:部门|单位|地区|地方|片区|园区|街镇|乡镇|街道|政府|管委会)[>）)]?$")

# 由 inside a name that says who does it, not in a word ("自由贸易试验区", "理由").
_BY_INSIDE = re.compile(r"(?<![自理缘经])由")
_CONVENTION_WORDS = re.compile(r"均(?:需|由|应|包括|涉及|含)")


def _standing_names(names: str | None) -> bool:
    """Whether a convention's names are units ("各片区", "有关州（市）人民政府"), not what the items are about
    ("适用于小微企业", "数据共享", "企业自主申报")."""
    return bool(names) and all(is_body(n) or _COLLECTIVE.match(n) for n in split_names(names or ""))


def standing_units(text: str, clauses: list[Span], resolver: UnitResolver) -> list[UnitRef]:
    """Units a clause says every item from here on has: "以下均需各片区配合落实，不再列出"."""
    out = []
    for span in clauses:
        for m in _CONVENTION.finditer(text, span.start, span.end):
            if _standing_names(m.group("names")):
                for name in split_names(m.group("names")):
                    out.append(UnitRef(resolver.resolve(name), name, "co", Span(m.start("names"), m.end("names"))))
    return out


def states_convention(clause: str) -> bool:
    """Whether a clause states how the plan's clauses are to be read ("列第一位者为牵头单位，下同")."""
    return _CONVENTION.search(clause) is not None


def all_listed_lead(clause: str) -> bool:
    """Whether a clause states that every unit the plan's clauses list leads ("所列部门为主要牵头单位…，下同")."""
    return _ALL_LISTED_LEAD.search(clause) is not None


def states_roles(clause: str) -> bool:
    """Whether a clause says who leads or who supports, under a key or by duty words ("牵头单位：A", "A牵头，B配合"), which
    a convention stated once does not override; a duty the units share names no lead ("A、B按职责分工负责", "A、B负责",
    "省发改委。按职能分工负责"; review, helper 664)."""
    content = _CONVENTION.sub("，", clause)
    parts = _role_groups(content, "，；。")
    return _keyed(content) or _KEY_ANYWHERE.search(content) is not None or any(
        _LEAD_SUFFIX.match(p) or ((m := _CO_SUFFIX.match(p)) and any(d in m.group("how") for d in CO_DUTY)) for p in parts)


# Conventions that say who leads a list ("列第一位者为牵头单位", "逗号前为牵头单位"): another such ends "所列部门为主要牵头单位"'s.
_FIRST_LEADS = re.compile(r"(?:列|排|排在|排名|排序)(?:第一|首)位|(?:第一个)?(?:逗号|分号)(?:之)?前面?")


def states_lead_order(clause: str) -> bool:
    """Whether a clause states that the first listed (or those before a comma) lead."""
    return _FIRST_LEADS.search(clause) is not None and "牵头" in clause


# A clause's place for a unit not yet named: "（责任单位：待定）", "（牵头单位：另行明确）".
_UNSETTLED = re.compile(r"待定|待明确|暂定|未定|另行(?:明确|确定|研究确定|通知)")


# An item's heading run into its text: "（一）加强组织领导。" (a short sentence, no clause).
_HEADING_SENTENCE = re.compile(r"[^，,；;。\n]{2,20}。")


def _opens_its_line(text: str, at: int) -> bool:
    """Whether what starts at `at` opens its line, after the item's number and its heading at most."""
    before = re.sub(rf"^{ITEM_NUMBER}", "", text[text.rfind("\n", 0, at) + 1 : at])
    return not before or _HEADING_SENTENCE.fullmatch(before) is not None


def parse_clause(clause: Clause, text: str, resolver: UnitResolver, co_keyed: bool = False,
                 lists_stated: bool = False) -> list[UnitRef]:
    """Units of one clause with their roles; spans point at each name as written. `co_keyed`: the item names
    supporting units under a key of their own (配合单位：…) somewhere, maybe in another clause; `lists_stated`: the
    plan has said what its clauses list, so one of names only lists units (`find_clauses`), the first leading."""
    refs: list[UnitRef] = []
    # Blank conventions out with commas, which keeps every offset into the clause.
    # One whose list runs over commas only if it names units ("以下任务均由区发改委牵头，区财政局、区住建局配合落实" is roles).
    content = _CONVENTION.sub(lambda m: m.group(0) if "，" in (m.group("names") or "") and not _standing_names(m.group("names"))
                              else "，" * len(m.group(0)), clause.content)
    base = clause.span.start

    cursor = base
    listed = lists_stated and _names_only(re.sub(r"^[，,]+|[，,]+$", "", content))

    def add(names_text: str, rel: int, first_is_lead: bool, role: str) -> None:
        nonlocal cursor
        for k, name in enumerate(split_names(names_text)):
            if said := _CONVENTION_WORDS.search(name):
                # "以上任务均由区住建局牵头", "以上任务均由各街镇负责": the name after 均由; "各街镇均需配合": the name
                # before what it is said to do; "各项任务均需市县政府落实" names no one.
                after, before = name[said.end() :], name[: said.start()]
                named = [n for n in ((after, before) if said.group(0) == "均由" else (before,))
                         if ends_like_office(n) or COLLECTIVE.match(n)]
                if not named:
                    continue
                name = named[0]
            if _UNSETTLED.fullmatch(name):
                continue  # "（责任单位：待定）": no one yet
            by = _BY_INSIDE.search(name, 1)
            if by and ends_like_office(name[by.end() :]):
                name = name[by.end() :]  # "（草案由市司法局起草）": the name after 由
            marked = name.endswith(_LEAD_MARK)
            name = _JOINT.sub("", name.removesuffix(_LEAD_MARK))
            # A name that took a shared suffix is written without it in the text.
            written = next((c for c in (name, *(name.removesuffix(s) for s in SHARED_SUFFIX)) if text.find(c, cursor, clause.span.end) >= 0), name)
            pos = text.find(written, cursor, clause.span.end)
            start = pos if pos >= 0 else base + rel
            cursor = start + len(written) if pos >= 0 else cursor
            r = "lead" if (first_is_lead and k == 0) or marked else role
            refs.append(UnitRef(resolver.resolve(name), name, r, Span(start, start + len(written))))

    def by_suffix(part: str, rel: int, rest_role: str, first_leads: bool) -> None:
        """"A牵头，B、C配合" / "A、B，C按职责分工负责": roles from each group's suffix."""
        pending: list[tuple[str, int]] = []  # groups with no suffix of their own

        def flush(shared: bool, leading: bool = False) -> None:
            # shared: the groups share the duty that follows, and the first of them leads if no one does; leading:
            # they share its lead ("省住房城乡建设厅、自然资源厅，广东金融监管局牵头负责": all three lead).
            first = True
            for names, at in pending:
                if not looks_like_units(names):
                    continue  # "2026年12月底前", "持续推进", "下同": not units
                no_lead = not any(r.role == "lead" for r in refs)
                if leading:
                    add(names, at, False, "lead")
                elif shared:
                    add(names, at, first and no_lead, "co")
                else:
                    add(names, at, first_leads and no_lead, rest_role)
                first = False
            pending.clear()

        sub_rel = rel
        shared_first: set[int] = set()  # positions in refs of leads only as the first listed to share a duty
        group_leads = any(_LEAD_SUFFIX.match(g) for g in _role_groups(part))
        for sub in _role_groups(part):
            sub_rel = content.find(sub, sub_rel)
            lm = _LEAD_SUFFIX.match(sub)
            cm = _CO_SUFFIX.match(sub)
            duty = lm or cm
            if duty and (_duty_words_only(duty.group("names")) or re.fullmatch(_BY_REMIT, sub)):
                continue  # "持续推进", "密切配合", "按职能分工负责": a duty word after no unit
            if lm:
                # Not under a 配合单位 key ("配合单位：市财政局，各区政府牵头落实": the key's units take part).
                flush(False, leading=(rest_role == "lead" or first_leads) and not any(r.role == "lead" for r in refs))
                # "各级人民政府负责，宣传部门牵头，…配合": who is said to lead does; a government or the places that led
                # only as the first to share a duty before it take part (a bureau that 负责 still leads beside it).
                for k in shared_first:
                    if refs[k].name.endswith("政府") or COLLECTIVE.match(refs[k].written):
                        refs[k] = replace(refs[k], role="co")
                shared_first.clear()
                add(lm.group("names"), sub_rel, False, "lead")
            elif cm and "会同" in cm.group("names").lstrip("由会同"):
                # "A、B会同有关部门负责": A and B lead, the ones they work with take part.
                flush(False)
                left, right = cm.group("names").lstrip("由").split("会同", 1)
                add(left, sub_rel, False, "lead")
                add(right, sub_rel + len(left) + 2, False, "co")
            elif cm and (helped := _HELPS.fullmatch(cm.group("names").lstrip("由"))) \
                    and looks_like_units(helped.group("co")) and looks_like_units(helped.group("lead")):
                # "A配合B、C落实": B and C do the duty, A supports them.
                flush(False)
                add(helped.group("co"), sub_rel, False, "co")  # in the order written: each name's span is found
                # Under a 配合单位 key every unit takes part, the ones helped too.
                add(helped.group("lead"), sub_rel + helped.start("lead"), False,
                    "lead" if first_leads or rest_role == "lead" else "co")
            elif cm:
                # "区司法局负责法制审查工作" beside a lead, or after others' sentences, is its part; first where the
                # item opens and no group leads, the work ("（一）区住建局负责组织实施征收工作，区生态环境局负责监督检查
                # 工作。"), as an opening sentence's subject does it.
                shared = not any(d in cm.group("how") for d in CO_DUTY) and (
                    not cm.group("how").endswith("工作") or (not refs and not group_leads and _opens_its_line(text, base)))
                lead_before = any(r.role == "lead" for r in refs)
                flush(shared)
                # Units that share a duty with no one named to lead: the first listed leads.
                first = shared and not lead_before and not any(r.role == "lead" for r in refs)
                before = len(refs)
                add(cm.group("names"), sub_rel, first, "co")
                if first:
                    shared_first.update(k for k in range(before, len(refs)) if refs[k].role == "lead")
            else:
                pending.append((sub, sub_rel))
        flush(False)

    if listed:
        names = content.lstrip("，,")
        add(names.rstrip("，,"), len(content) - len(names), True, "co")
        return refs

    # Keys run together once spaces are gone ("牵头单位：A配合单位：B"): split before each key too.
    cuts = sorted({0, *(m.start() for m in _KEY_ANYWHERE.finditer(content))})
    pieces = [content[a:b] for a, b in zip(cuts, cuts[1:] + [len(content)])]
    rel = 0
    for piece in pieces:
        if _NOT_UNIT_KEY.match(piece):
            continue  # "完成时限：2026年6月底前" names a date, not a unit
        for part, after_stop in _parts(piece):
            rel = content.find(part, rel)
            m = KEY_AT_START.match(part)
            if after_stop and not m and not (looks_like_units(part) or has_role_suffix(part)):
                named = _NAMED_AFTER_STOP.match(part)
                if named and (named.group("body") or looks_like_units(named.group("names"))):
                    add(named.group("names") or named.group("body"), rel, False, "co")
                continue  # "（责任单位：市住建局。各区要高度重视）": a sentence after the list, no unit
            if m:
                names = part[m.end():]
                if names[:1] in _OPEN_CLOSE and _matching_close(names, 0) == len(names) - 1:
                    names = names[1:-1]  # "责任单位：〔A、B按职责分工负责〕": the list bracketed once more
                    rel += 1
                if part.startswith(PLACE_KEY) and not looks_like_units(names):
                    continue  # "属地责任：各县区政府要切实履行…": a duty said, no list of places
                names = _names_before_duty(names)
                has_lead = any(r.role == "lead" for r in refs)
                # 主责/主办单位 beside a 配合/协办单位 are the leading group; alone, a 责任单位 list (the first leads).
                lead_key = bool(_LEAD_KEY.match(part)) and not (
                    part.startswith(("主责", "主办")) and not co_keyed and not CO_KEY_ANYWHERE.search(content))
                if has_role_suffix(names):
                    # "责任单位：A牵头，B配合": the suffixes say who leads.
                    by_suffix(names, rel + m.end(), "lead" if lead_key else "co",
                              not lead_key and not _CO_KEY.match(part) and not has_lead)
                elif (with_ := re.match(r"(?P<lead>[^，,、]{2,30}?)会同(?P<rest>.+)$", names)) \
                        and looks_like_units(with_.group("lead")) \
                        and looks_like_units(re.split(r"[，,]", with_.group("rest"))[0]):  # those it works with
                    # "责任单位：省公安厅会同省人社厅、卫计委…，各设区市": the one named first leads (unless the key says
                    # its units take part), those it works with and the rest take part.
                    add(with_.group("lead"), rel + m.end(), False,
                        "co" if _CO_KEY.match(part) or (has_lead and not lead_key) else "lead")
                    add(with_.group("rest"), rel + m.end() + with_.start("rest"), False, "co")
                elif lead_key:
                    add(names, rel + m.end(), False, "lead")
                elif (_CO_KEY.match(part) and not (_DOERS_KEY.match(part) and not _LEAD_KEY_ANYWHERE.search(content))) \
                        or has_lead:
                    add(names, rel + m.end(), False, "co")  # after an explicit 牵头单位, 责任单位 are co
                else:  # 责任单位: the first listed leads, unless one is marked （牵头）
                    add(names, rel + m.end(), not _LEAD_MARKED.search(names), "co")
                continue
            by_suffix(part, rel, "co", True)
    return refs


# The duty a key's list goes on to after a comma: "牵头单位：区发展改革委，负责统筹协调…" (review, helper 580).
_DUTY_AFTER_LIST = re.compile(r"[，,](?=(?:负责|按照|依照|根据|做好|开展|落实|加强|推进|组织|统筹|协调|承担|履行)[\u4e00-\u9fff])")


def _names_before_duty(names: str) -> str:
    """A key's list without the duty a comma goes on to ("区发展改革委，负责统筹协调…" -> 区发展改革委)."""
    cut = _DUTY_AFTER_LIST.search(names)
    return names[: cut.start()] if cut and looks_like_units(names[: cut.start()]) else names


PROVINCIAL = re.compile(r"^(?:(?:[\u4e00-\u9fff]{2,3})?省|(?:[\u4e00-\u9fff]{2,5})?自治区)(?!级)")


def above_level(canonical: str, written: str, level: str, resolver: UnitResolver) -> bool:
    """A body of the state in a province's, city's or county's plan, or of the province in a city's or county's."""
    return (level in ("provincial", "city", "county") and resolver.is_national(canonical)) or (
        level in ("city", "county") and bool(PROVINCIAL.match(written)))
