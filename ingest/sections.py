"""Who a section's items belong to, read from the section itself: the owner its heading names under a chapter of
duties, a working group's name, the sentence that opens it, a clause closing its opening, lines closing it, and a
rectification problem's key lines with the measures under them."""
from __future__ import annotations

import itertools
import re
from dataclasses import replace

from .patterns import ARTICLE_OPENING, DUTY_CHAPTER, RESP_KEY, ROLE_OR_ACT, SHORT_NAME_NOTE
from .records import Span, UnitRef
from .said import extract_units
from .structure import (
    NOT_DUTIES,
    NOT_DUTY_AFTER,
    Block,
    Line,
    annex_duty_key,
    heading_of,
    marker_of,
    paragraph_doers,
    under_duties,
)
from .subjects import subject_units
from .unit_names import (
    CLOSING_KIND,
    COLLECTIVE,
    EACH_PLACE,
    PARTY_GROUP,
    UNNAMED,
    WORK_GROUP,
    WORKS_WITH,
    ends_like_office,
    is_body,
    split_names,
    without_second_name,
)
from .units import Clause, UnitResolver, is_official, parse_clause

# A section named for whose duties it holds: "（一）公安部门职责", "（二）学校主体责任"; "（二）处室职责" names no one.
# "（二）各成员单位职责分工" names whose duties follow, as "职责" does.
_DUTIES_OF = re.compile(r"(?:(?:工作)?职责(?:分工)?|主体责任)$")
# A post a person holds: a duties chapter's section of one that `whose_duties` does not read as a post of government
# ("（一）家长职责", "乡镇（街道）河长职责") names no owner.
_POST = re.compile(r"(?<![成增延生擅])长$")  # "链长", "常务副区长", "区财政局局长", "乡镇（街道）河长"
# A section heading that is a post's duties and nothing else ("1．轨道交通站长职责", "（二）区级河长工作职责"): the post is
# who its items assign, as an office's would be (people hold it, a plan assigns it work); in any chapter. A post of
# government or of a chief system (河长, 林长, 链长, 网格长, 站长, 区长, 局长), not a parent, a ship's master or a
# mine's (家长, 船长, 矿长), nor every level's posts at once ("各级林长职责", "总河长和副总河长职责": their items name each).
_POST_NAME = (r"(?!各级)(?P<post>[^\W\d_和与及]{0,10}?(?:河|湖|林|田|路|街|链|格|站|警|所|镇|乡|区|县|市|局|处|科"
              r"|村|组|湾|库|点)长)")  # "点长" (a spot's, 平潭 2022's 追泪点)
_POST_DUTIES = re.compile(rf"{_POST_NAME}(?:的)?(?:主要|工作)?职责[：:]?")
# A duties chapter's item headed by its post alone ("五、职责分工 / （三）乡镇路长。乡镇路长为…第一责任人", 平潭 2018).
_POST_ALONE = re.compile(_POST_NAME)
# Work done on a post's duties, anywhere in what reads as its name ("切实履行河长职责", "进一步压实林长职责").
_WORK_ON_DUTIES = re.compile(r"履行|明确|明晰|压实|压紧|落实|界定|规范|依法|切实|进一步|层层|强化|加强|夯实|健全|完善|建立|全面|严格"
                             r"|细化|厘清|理顺|认真|推行|实行|推进|发挥|担负|承担|扛起|知晓|追究|问责|倒查|考核|^对")
_GENERIC_BODY = re.compile(r"^(?:各|相关|有关|成员|牵头|配合|责任)?(?:处室|单位|部门|各方)?$")
# "二、整治内容与责任分工": a chapter of work and who does it, whose sections are named by their work.
_WORK_AND_DUTY = re.compile(r"(?:内容|任务|措施|事项|重点)(?:与|和|及|、)")
# Bodies a section of such a chapter may still be named for: offices, collectives, places and kinds of institution.
_OWNER_KIND = re.compile(r"(?:学校|医院|机构|国企|企业|社区|村|镇|街道|园区)$")
# Zones a list of bodies may hold beside them ("各街镇、经开区").
_ZONE = re.compile(r"(?:开发区|经开区|高新区)$")
# An item's heading that acts or names a role, though it ends like an office: "成立领导小组", "牵头部门", "每月召开例会".
_NOT_OWNER = re.compile(rf"^(?:{RESP_KEY})$|^(?:{ROLE_OR_ACT}|每)")
# A working group heading the item it owns, its duty after the colon: "（一）综合协调组：负责…", "(三)信息材料组:牵头起草…",
# "（三）工作推进专班：配合…"; a group by its work (协调组, 督查组, 工作组, 小组, 专班), not work on groups of things
# ("兼并重组", "燃煤机组", "安全班组", "检查分组"), nor who sits in one or leads it ("组长：", "由…组成", "区应急局牵头，…参与").
_GROUP_HEADING = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,10}?(?:工作组|小组|专班|(?<![重改机班分编混拆])组))[：:]"
                            r"(?!\s*(?:组长|副组长|成员|由))")
# Who sits in a group or leads it, said after its name: "区长任组长", "区委办、区政府办组成", "区应急局牵头，区公安局参与".
_GROUP_MEMBERS = re.compile(r"(?P<names>[^，。；]{2,40}?)(?:牵头|参与|配合|组成|任(?:副)?组长)")


# A department by its field's short name, no level: "交建部门", "综合执法部门" (not "有关部门", "相关职能部门").
_FIELD_DEPARTMENT = re.compile(r"(?!各|有关|相关|其他|职能|主管|责任)[\u4e00-\u9fff]{2,6}部门")


def _owners_listed(heading: str, start: int, resolver: UnitResolver) -> list[UnitRef]:
    """The bodies a duties section's heading lists ("（二）区建管委、区交通委、区水务局等建设主管部门", "（五）各街镇、经开区"),
    the first leading as in a 责任单位 list and the kind after 等 naming no more; none where the list is not of bodies.

    The first must be an office with its jurisdiction or a place, the others bodies too: "（一）宣传、培训" is work,
    "（一）危化企业、加油站" and "化工园区、开发区" what is inspected, "各有关部门、单位" one collective.
    """
    names = split_names(re.sub(r"等[^、]*$", "", heading))

    def listed_body(n: str) -> bool:
        place_or_kind = bool(COLLECTIVE.match(n) or _OWNER_KIND.search(n) or _ZONE.search(n))
        return (place_or_kind or (ends_like_office(n) and (is_official(n) or _FIELD_DEPARTMENT.fullmatch(n) is not None))) \
            and 2 <= len(n) <= 12 and not _NOT_OWNER.match(n)
    first = names[0] if names else ""
    # The first an office with its jurisdiction, or a department by its field, as a county's duties name them
    # ("（一）交建部门和综合执法部门：负责…", 平潭 2013).
    if not (((is_official(first) and (ends_like_office(first) or COLLECTIVE.match(first)))
             or _FIELD_DEPARTMENT.fullmatch(first))
            and all(listed_body(n) for n in names)):
        return []
    return [UnitRef(resolver.resolve(n), n, "co" if k else "lead",
                    Span(start + heading.find(n), start + heading.find(n) + len(n))) for k, n in enumerate(names)]


_KEY_LINE = re.compile(r"^[\u4e00-\u9fff]{2,8}[：:]")  # "牵头部门：…", "整改时限：…", "整改措施："
# A rectification list's keys: "整改时限：", "整改目标：", or "整改措施：" opening the measures below (run into the
# line before it where a page lost its breaks).
MEASURES_KEY = re.compile(r"(?m)^整改[\u4e00-\u9fff]{1,4}[：:]|整改措施[：:]\s*$")
# A measure's number and its first clause, after a time or a case that opens it ("在2021年前，", "涉及…政策的，"): where
# it names who does it.
_MEASURE_OPENING = re.compile(r"\s*[（(]?[\d一二三四五六七八九十]{1,3}[)）.．、]?\s*"
                              r"(?:[^，。；\n]{0,10}(?:前|内|起|后)[，,]|[^，。；\n]{0,40}的[，,])?[^，。；\n]*")


# A section's opening sentence that says who does its work: "由社会事业处牵头，突出…", "由党群工作处牵头，经济发展处、
# 交通与建设处配合，…", "由区商务局牵头负责，…", "由A会同B负责，…", "由联合党委办公室、经济发展处…负责，在…".
_OPENING_ROLES = re.compile(r"由(?P<names>[^，。；由]{2,80}?)"
                            r"(?P<lead>牵头(?:负责)?(?:[，,][^，。；]{2,80}?(?:配合|参与|协助))?|会同[^，。；]{2,60}?负责)?"
                            r"(?(lead)|(?:共同)?负责)(?=[，,。])")


def opening_units(text: str, block: Block, resolver: UnitResolver) -> tuple[list[UnitRef], bool]:
    """The units a block's first body line opens by naming, and whether it names who leads (牵头)."""
    if len(block.lines) < 2:
        return [], False
    m = _OPENING_ROLES.match(text, block.lines[1].start, block.lines[1].end)
    if m is None:
        return [], False
    refs = parse_clause(Clause(m.group(0), Span(m.start(), m.end())), text, resolver)
    # Bodies only: "由龙头企业牵头，高校、科研院所配合" names kinds of body, no one.
    if not refs or not all(is_body(r.written) for r in refs):
        return [], False
    return refs, bool(m.group("lead"))


_PARTY = re.compile(r"(?:公司|企业|集团|中心|项目部|单位|学校|医院)$")
# "街道消防委实施以下四项工作制度：": who carries out the items that follow, named where the section opens.
# After a time clause too, and with the measures it takes: "进入应急响应状态后， 区防减救灾办主要采取以下措施：".
_DOES_WHAT_FOLLOWS = re.compile(r"(?:[^，。；：:\n]{2,20}[后时]，\s*)?"
                                r"(?P<names>[^，。；：:、\n]{2,30}?(?:、[^，。；：:、\n]{2,30}?)*)(?:要|应当?|将|须)?(?:主要|具体|视情|及时)?"
                                r"(?:负责|实施|落实|执行|承担|开展|履行|做好|采取)以下[^，。；\n]{0,20}[：:]\s*$")


# "二、三级网格（苏平片区管理局）工作职责：": whose duties the items that follow are, in a bracket where the line ends;
# not a note on where a body sits or what it is called ("（设在区城管局）", "（以下简称领导小组）", "（含派出所）").
_DUTIES_WORD = r"(?:的)?(?:主要|具体)?(?:工作)?职责"  # "…的主要职责", "工作职责": the word a line of whose duties ends with
_WHOSE_DUTIES = re.compile(r"[（(](?!设在|办公室设在|以下简称|简称|下称|含|不含|包括|挂靠)(?P<names>[^（）()，。；：:\n]{2,30})[）)]"
                           rf"{_DUTIES_WORD}(?:如下|是|为)?[：:]\s*$")
# Parties that are no body of government, though their names end like one ("业主委员会", "行业协会", "保洁队").
_NOT_GOVERNING = re.compile(r"业主|业委会|物业|协会|合作社|事务所|经理部|志愿|保洁")


def following_units(text: str, block: Block, resolver: UnitResolver) -> list[UnitRef]:
    """The bodies a section's opening line says carry out what follows ("街道消防委实施以下四项工作制度："), or whose
    duties it says follow ("二、三级网格（苏平片区管理局）工作职责：", its heading's end): its items'."""
    last = block.lines[-1]
    # The section's opening line, or an article's last paragraph over its points ("第五条 (属地责任) / 街道办事处、镇人民政府
    # 负责… / 街镇服务站具体承担以下职能：", 浦东 2023).
    line = block.lines[1] if len(block.lines) == 2 else block.lines[-1] if block.style == "article" and len(block.lines) > 2 \
        else None
    m = _DOES_WHAT_FOLLOWS.fullmatch(text, line.start, line.end) if line is not None else None
    if m is None and len(block.lines) <= 2 and (m := _WHOSE_DUTIES.search(text, last.start, last.end)):
        # The bracket names whose duties these are only after what is no body itself ("四级网格（村委会）"); after an
        # office it is that office's second name ("各乡镇人民政府（街道办事处）职责："), which the duties chapter reads.
        before = re.search(r"[^，。；：、\s]*$", text[last.start : m.start()])
        if (before and ends_like_office(before.group(0))) or _NOT_GOVERNING.search(m.group("names")):
            return []
    # Bodies of government, not the parties a plan regulates ("各维保公司要落实以下要求：", "项目部负责以下工作：").
    if m is None or not all(is_body(n) and (is_official(n) or ends_like_office(n))
                            and not (_PARTY.search(n) and not re.match(r"[省市区县镇乡]", n))  # "区城运中心" is the district's
                            and not re.match(_TOLD, n)  # told to by another ("通知区建设管理委采取…", read there)
                            for n in split_names(m.group("names"))):
        return []
    refs = parse_clause(Clause(m.group("names") + "负责", Span(m.start("names"), m.end("names"))), text, resolver)
    return refs if refs and not COLLECTIVE.match(refs[0].written) else []


# "“标准办”职责为：", "领导小组办公室主要职责如下：": a line that says whose duties the numbered items after it are.
_DUTIES_INTRO = re.compile(rf"(?:{ARTICLE_OPENING})?[“\"]?(?P<name>[^，。；：:“”\"\s]{{2,20}}?)[”\"]?{_DUTIES_WORD}(?:如下|是|为|包括)?[：:]\s*")
_FIRST_LABEL = re.compile(r"[（(]?(?:一|1|①)[）)]?")


# A sentence announcing the duties of the bodies it opens with: "区国动办是…实施单位，具体履行以下职责：", "区国动办履行以下职责：",
# "黄浦区民防工程管理中心（以下简称“管理中心”）协助区国动办开展…，具体履行以下职责：", "工作小组办公室设在区国动办，…", with
# whom it works ("区国动办会同区建管委，具体履行以下职责："), or of the group it says others make up: "由区国动办、区建管委…等
# 部门组成的工程隐患整治工作小组（以下简称“工作小组”），具体履行以下职责：" (黄浦 2023).
_SHORT_NAMED = rf"(?:{SHORT_NAME_NOTE})?"
# That the duties follow, of a kind of work or none: "履行以下职责", "…承担以下监督检查职责" (黄浦 2025).
_TAKE_ON = r"(?:履行|承担)(?:以下|下列|如下)"
_DUTIES_FOLLOW = rf"{_TAKE_ON}(?:监督检查|监督管理|管理)?职责"
_ANNOUNCED_BY = re.compile(rf"(?:由[^。；]{{2,80}}?组成的(?P<group>[^，。；：、（）()“”]{{2,20}}?){_SHORT_NAMED}[，,]"
                           rf"|(?P<name>[^，。；：（）()“”]{{2,60}}?){_SHORT_NAMED}(?:会同(?P<with>[^，。；：（）()“”]{{2,40}}?)[，,]?)?"
                           r"(?:(?:是|为|作为|协助|配合|负责|应当?(?!急)|设在)[^。；]*?)?)"
                           rf"(?:[，,]\s*)?(?:具体|主要)?{_DUTIES_FOLLOW}[：:]\s*")


# Measures announced with no one named, after a sentence saying who directs them: "…由区安全生产应急救援指挥部统一指挥、
# 协调有关部门、单位和专业应急救援队伍开展处置工作，…。主要采取以下措施：" (虹口 2025): the director's.
_MEASURES_FOLLOW = r"(?:具体|主要)?(?:采取|落实)(?:以下|下列|如下)[^，。；：:]{0,8}?措施[：:]\s*"
_MEASURES_ALONE = re.compile(_MEASURES_FOLLOW)
# Directing them, not approving a step of them ("由区应急救援指挥部办公室负责审核") nor with another ("由A会同B统一指挥", no one
# body's name; review 892).
_DIRECTED_BY = re.compile(r"由(?P<name>(?:(?!会同|联合)[^，。；：、（）()“”]){2,30}?(?:部|局|委|办|府|中心|小组|组|室|队))"
                          r"(?:统一|负责)?指挥")


def _director(text: str, start: int, end: int) -> tuple[str, int, list[tuple[str, int]]] | None:
    """Who the sentence before measures announced with no one named says directs them, and where."""
    opening = text.rfind("。", start, end) + 1 or start
    if opening == start or not _MEASURES_ALONE.fullmatch(text, opening, end):
        return None
    by = _DIRECTED_BY.search(text, text.rfind("。", start, opening - 1) + 1 or start, opening)
    return (by.group("name"), by.start("name"), []) if by else None


# Measures the bodies a sentence opens with take: "进入预警期后，区建设管理委、区应急联动中心…及有关单位视情采取如下预防性措施："
# (崇明 2024): the first leads, as in a clause.
_MEASURES_TAKEN = re.compile(rf"(?P<name>[^，。；：:“”]{{2,80}}?)(?:应当?|要|须)?(?:视情|及时|立即|迅速|依法)?{_MEASURES_FOLLOW}")
# Told to act by another body: "通知区建设管理委采取…".
_TOLD = r"通知|要求|责令"


def _takers(text: str, start: int, end: int) -> tuple[str, int, list[tuple[str, int]]] | None:
    """The bodies the last clause of text[start:end] says take the measures listed after it, where each stands."""
    opening = max(text.rfind(p, start, end) for p in "，。；") + 1 or start
    if not (m := _MEASURES_TAKEN.fullmatch(text, max(opening, start), end)):
        return None
    # Who takes them, after 由 ("对…拒不整改的，由区城管执法局采取以下措施："); not a body telling others to
    # ("区应急联动中心通知区建设管理委…采取以下措施："; review 913).
    name, at = m.group("name").removeprefix("由"), m.start("name") + m.group("name").startswith("由")
    # The body told to take them ("区应急联动中心接报后，通知区建设管理委采取…"), and those it works with ("由A会同B采取…").
    if told := re.search(rf"(?:{_TOLD})(?=[^，。；]{{2}})", name):
        name, at = name[told.end() :], at + told.end()
    first, *joined = re.split(r"会同|联合", name, maxsplit=1)
    first, *listed = split_names(first) or [first]
    listed += split_names(joined[0]) if joined else []
    if not (is_official(first) and ends_like_office(first)) or any(_WORKS_WITH.search(n) for n in (first, *listed)):
        return None
    return first, at + name.find(first), [(n, at + name.find(n)) for n in listed]


_URGES = re.compile(r"(?:督促|组织|指导|引导|要求|推动|监督|鼓励|帮助)[^。；，,]{0,24}?(?:人|单位|企业|委员会|机构|业主|主体|公司)"
                    rf"[^。；，,]{{0,4}}{_DUTIES_FOLLOW}")  # review, helper 750


# Duties announced with no subject of their own: "主要履行以下职责：".
_BARE_DUTIES = re.compile(rf"\s*(?:具体|主要)?{_DUTIES_FOLLOW}[：:]\s*")


def _announcer(text: str, start: int, end: int) -> tuple[str, int, list[tuple[str, int]]] | None:
    """Whose duties the last sentence of text[start:end] announces, where its name stands, and those it works with."""
    opening = text.rfind("。", start, end) + 1 or start
    if _BARE_DUTIES.fullmatch(text, opening, end) and opening > start:
        # "X（以下简称“区建设管理委”）是…职能部门，负责…工作。主要履行以下职责：" (崇明 2024): the sentence before names whose;
        # read as one sentence, its 。 a comma.
        before = text.rfind("。", start, opening - 1) + 1 or start
        joined = text[before : opening - 1] + "，" + text[opening:end]
        if not (m := _ANNOUNCED_BY.fullmatch(joined)) or _URGES.search(joined):
            return None
        return _announced(m, before)
    # Not the duties of a party a body urges, organises or guides ("街道办事处应当组织房屋所有人履行下列职责："; review).
    if not (m := _ANNOUNCED_BY.fullmatch(text, opening, end)) or _URGES.search(text, opening, end):
        return None
    return _announced(m, 0)


def _announced(m: re.Match[str], offset: int) -> tuple[str, int, list[tuple[str, int]]]:
    """The first body an announcing sentence's match names, where it stands (its string at offset in the text), and
    those it works with."""
    key = "group" if m.group("group") else "name"
    # Bodies listed together ("街道办事处、镇人民政府负责…，履行下列职责：", 浦东 2022): the first leads, as in a clause; the
    # rule they follow is no part of the last name ("…、区财政局按照各自职责，履行…").
    first, *listed = split_names(re.sub(r"(?:按照|依照|依据|根据)[^、]*$", "", m.group(key))) or [m.group(key)]
    partners = [(n, offset + m.start(key) + m.group(key).find(n)) for n in listed]
    partners += [(n, offset + m.start("with") + m.group("with").find(n)) for n in split_names(m.group("with"))] \
        if m.group("with") else []
    return first, offset + m.start(key) + max(m.group(key).find(first), 0), partners


def duties_introduced(text: str, blocks: list[Block], idx: int, resolver: UnitResolver) -> list[UnitRef]:
    """The body whose duties a run of numbered items is, named by the line just before the run ("领导小组下设办公室（简称
    “标准办”）…  “标准办”职责为：  （一）负责…；（二）…"), where that line closes the block before the run's first item
    (a sibling's, or a section's opening); each item of the run is that body's."""
    block, first = blocks[idx], idx
    while not _FIRST_LABEL.fullmatch(blocks[first].label):
        first = next((k for k in range(first - 1, -1, -1) if blocks[k].parent == block.parent), -1)
        if first < 0 or blocks[first].style != block.style:
            return []
    # "2016年平潭综合实验区交通与建设局环境保护目标责任 / 一、…" (平潭 2016, heldout101): an unnumbered line that is a body's
    # duties alone, an annex's first heading or the document's own title among them, names whose the run is; not a
    # collective's ("各部门（单位）职责 / 1.区应急管理局：…", whose items name their own).
    line_start = text.rfind("\n", 0, blocks[first].span.start - 1) + 1
    line = text[line_start : blocks[first].span.start].strip()
    heading: tuple[str, int, list[tuple[str, int]]] | None = None
    if marker_of(line) is None and (named := whose_duties(line)) \
            and not (COLLECTIVE.match(named) or named.startswith(("各", "相关", "有关", "成员"))):
        heading = (named, line_start + text[line_start : blocks[first].span.start].find(named), [])
    m = announced = owner = None
    if first == 0:
        found = heading
    else:
        before = blocks[first - 1]
        last = before.lines[-1]
        start = last.start + (before.marker_len() if len(before.lines) == 1 else 0)  # "第四条 领导小组职责：", a heading
        directed = _director(text, start, last.end) or _takers(text, start, last.end)
        if NOT_DUTIES.search(text, start, last.end) and not directed:
            return []
        m = _DUTIES_INTRO.fullmatch(text, start, last.end)
        announced = _announcer(text, start, last.end)
        if not announced and directed:
            # A measure naming its own doer ("（1）区公安分局实施交通管制。") is that body's, not the director's (review 892).
            if subject_units(text, Span(block.lines[0].start, block.lines[0].end), resolver, "", any_verb=True):
                return []
            announced = directed
        # "第六条（街道办事处监督检查职责） / （一）…" (黄浦 2025): an article's title alone, in its brackets, names whose
        # they are.
        titled = re.fullmatch(r"\s*[（(](?P<title>[^（）()]{2,30})[）)]\s*", text[start : last.end]) \
            if before.style == "article" and len(before.lines) == 1 else None
        owner = whose_duties(titled.group("title")) if titled else None
        found = announced or ((m.group("name"), m.start("name"), []) if m else None) \
            or ((owner, start + text[start : last.end].find(owner), []) if owner else None) or heading
    if not found:
        return []
    name, at, partners = found
    # Not a note on where a body sits or what it is called ("领导小组办公室（设在区城管局）", "网格（以下简称…）"); a collective
    # only where a sentence or an article's title announces its duties ("街道办事处、镇人民政府负责…，履行下列职责：", not
    # "各单位职责：").
    if not is_body(name) or (COLLECTIVE.match(name) and not (announced or owner)) \
            or _NOT_GOVERNING.search(name) or re.search(r"[（(](?:设在|以下|简称|下称|含|挂靠)", name):
        return []
    return [UnitRef(resolver.resolve(name), name, "lead", Span(at, at + len(name)))] \
        + [UnitRef(resolver.resolve(n), n, "co", Span(p, p + len(n))) for n, p in partners
           if is_body(n) and not _NOT_GOVERNING.search(n)]


def closing_clause(text: str, block: Block, resolver: UnitResolver) -> list[UnitRef]:
    """The units of a clause that closes a section's opening paragraph, which its items share where they name none:
    "三、建立完善市场化机制 / 按照…原则，…发挥主要作用。(省国资委牵头，省发展改革委…按职责分工负责) / (一)…"."""
    # One paragraph, its clause at its end or on the line after it; a clause closing a second paragraph is that one's.
    last = text[block.lines[-1].start : block.lines[-1].end].strip()
    if not (len(block.lines) == 2 or (len(block.lines) == 3 and re.fullmatch(r"[（(][^（()）]+[）)]", last))):
        return []
    refs, clauses = extract_units(text, Span(block.lines[1].start, block.span.end), resolver)
    if not refs or not clauses or text[clauses[-1].end : block.span.end].strip(" 。.\n）)") \
            or not re.search(r"[（(]\s*$", text[max(0, clauses[-1].start - 2) : clauses[-1].start]):
        return []  # a bracket that closes the paragraph, not a keyed line ("牵头单位：要切实履行…")
    # Offices, not a collective alone ("（各有关部门按职责分工负责）").
    return refs if all(is_body(r.written) for r in refs) and not COLLECTIVE.match(refs[0].written) else []


# A line that only assigns units: "牵头单位：市商务局，责任单位：各县区人民政府，市政府相关单位".
_ASSIGNING_LINE = re.compile(r"^(?:牵头|责任|主责|负责|配合|协办|参与)(?:单位|部门)[：:]")
# Where an item's own text stops and a box or a list of projects starts ("专栏1 …", "1.智能装备产业园…").
_NOT_ITEM_TEXT = re.compile(r"^(?:专栏|[（(]?\d{1,2}[）).．、])")


def closing_key_lines(text: str, blocks: list[Block], items: list[int], resolver: UnitResolver) -> dict[int, list[UnitRef]]:
    """Sections closed by lines of their own that assign units ("（一）… / （二）… / 牵头单位：市商务局，责任单位：…" before
    the next chapter, in one line or a run of them): their units, for the section's items. Only a document that closes
    two sections or more so, whose items name none of their own: lines under each item are that item's."""
    by_parent: dict[int, list[int]] = {}
    for idx in items:
        if (parent := blocks[idx].parent) is not None:
            by_parent.setdefault(parent, []).append(idx)

    def assigning(ln: Line) -> bool:
        return bool(_ASSIGNING_LINE.match(text[ln.start : ln.end].strip()))

    out: dict[int, list[UnitRef]] = {}
    for parent, children in by_parent.items():
        if any(assigning(ln) for c in children[:-1] for ln in blocks[c].lines[1:]):
            return {}  # a line under an item that is not its section's last: each line is its item's
        # The run of such lines after the last item's text; the plan's closing paragraph may follow it.
        lines = blocks[children[-1]].lines
        end = next((k for k in range(len(lines) - 1, 0, -1) if assigning(lines[k])), None)
        if len(children) < 2 or end is None:
            continue
        start = end
        while start > 1 and assigning(lines[start - 1]):
            start -= 1
        # Directly after the item's own text: not a box's or a project list's line ("专栏1 … / 1.… / 牵头单位：…").
        own_text = Span(lines[0].start, lines[start - 1].end)
        if any(_NOT_ITEM_TEXT.match(text[ln.start : ln.end].strip()) for ln in lines[1:start]) \
                or any(extract_units(text, blocks[c].span, resolver)[0] for c in children[:-1]) \
                or extract_units(text, own_text, resolver)[0]:
            continue
        refs = extract_units(text, Span(lines[start].start, lines[end].end), resolver)[0]
        if refs:
            out[parent] = refs
    return out if len(out) >= 2 else {}


def measure_units(text: str, span: Span, problem: list[UnitRef], resolver: UnitResolver, level: str) -> list[UnitRef]:
    """Who does a rectification measure, when it opens by naming them ("3.区环境与国土资源局对企业超标排放…加强执法",
    "5.区农村发展局牵头，区环境与国土资源局配合，…"), rather than its problem's whole list of departments; none when it
    opens with the work, or names only 各有关部门. Who only helps ("区农村发展局配合做好…") helps the problem's lead."""
    units = subject_units(text, span, resolver, level, any_verb=True)
    # The doer in the measure's first clause, after a time that opens it ("在2021年前，区城投集团对…").
    opening = _MEASURE_OPENING.match(text, span.start, span.end)
    if not units or all(UNNAMED.match(u.written) for u in units) or (opening and min(u.span.start for u in units) > opening.end()):
        return []
    if not any(u.role == "lead" for u in units):
        names = {u.name for u in units}
        units = [u for u in problem if u.role == "lead" and u.name not in names] + units
    return units


def under_cover(cover: list[UnitRef], named_lead: bool, own: list[UnitRef]) -> list[UnitRef]:
    """An item's own units under a section that said who does its work: a named lead leads every item, the item's
    units then take part; units sharing the section's work take part in each item beside the item's own."""
    if named_lead:
        first, rest = cover, own
    else:
        first, rest = own, cover
    names = {u.name for u in first}
    return [*first, *(replace(u, role="co") for u in rest if u.name not in names)]


def office_heading(heading: str) -> bool:
    """A heading that names offices or places alone, perhaps with their duty: "区交通与建设局：", "区交通局负责：",
    "区委宣传部、区文明办：", "各乡镇（街道）：", "各片区："."""
    name = re.sub(r"(?:的?(?:主要)?职责|负责)$", "", re.split(r"[：:]", heading, maxsplit=1)[0])
    names = split_names(name)
    return 2 <= len(name) <= 30 and not re.search(r"[，。；]", name) and bool(names) and all(
        (ends_like_office(n) and is_official(n)) or COLLECTIVE.match(n) or (n.startswith("各") and len(n) <= 8)
        for n in names)


# A working group's name as the whole heading line, its members and task on the lines after ("1、春运票价监管检查工作小组 /
# 组长：… / 主要任务是负责…", 平潭 闽岚综实管综〔2013〕1号).
_SETS_UP_FIRST = r"设立|抽调|组建|成立|组成|建立"  # what sets a group up, before its name ("成立综合协调组：…")
_SETS_UP = _SETS_UP_FIRST + r"|健全|完善|调整|充实|落实|实行|加强|强化"
_GROUP_LINE = re.compile(r"(?P<name>[^，。；：:\s]{2,30}?(?:工作组|工作小组|领导小组|专班))$")


def group_owner(heading: str, at: int, resolver: UnitResolver) -> list[UnitRef]:
    """The working group an item's heading names before its duty ("综合协调组：负责…"), or as its whole line, who leads
    the item."""
    m = _GROUP_HEADING.match(heading) or _GROUP_LINE.match(heading)
    if m is None or _NOT_OWNER.match(m.group("name")) or re.match(_SETS_UP_FIRST, m.group("name")):
        return []
    if m.re is _GROUP_LINE and (re.search(_SETS_UP, m.group("name")) or re.fullmatch(r"(?:工作|领导)?(?:工作组|工作小组|领导小组|专班)",
                                                                                  m.group("name"))):
        return []  # "各乡镇成立春运工作领导小组", "充实工作专班", a group by its kind alone (review, helper 445)
    members = _GROUP_MEMBERS.match(heading, m.end())
    if members and ("任" in members.group(0)[-4:] or all(ends_like_office(n) for n in split_names(members.group("names")))):
        return []
    name = m.group("name")
    return [UnitRef(resolver.resolve(name), name, "lead", Span(at, at + len(name)))]


def key_lines(text: str, block: Block) -> Span:
    """The run of "key：value" lines right under a heading line (empty when there is none): not an intro
    paragraph, a 专栏 or an item's own text, whose clauses are no heading's."""
    run = list(itertools.takewhile(lambda ln: _KEY_LINE.match(text[ln.start : ln.end]), block.lines[1:]))
    return Span(run[0].start, run[-1].end) if run else Span(block.lines[0].end, block.lines[0].end)




# An item of a duties chapter headed by who leads its work: "（一）区市场监管局牵头涉嫌垄断调查整治工作。区市场监管局负责
# 调查…。区行政审批局，负责…。区资源生态局，根据…" (商品砼 2021); the bodies its sentences open with, before 负责 or a
# comma, take part.
_LEADS_WORK = re.compile(r"^由?(?P<owner>[^，。；：、由]{2,12}?)牵头(?!单位|部门)")
# Where a sentence or clause opens; 负责 not of a post ("企业负责人").
_DUTY_SUBJECT = re.compile(r"(?:^|(?<=[。；，,]))(?P<names>[^，。；：]{2,40}?)(?:[，,]|负责(?![人同]))")
# Parties a plan regulates, not bodies that do its work: "建设单位", "施工单位", "各生产经营单位", "龙头企业".
_REGULATED = re.compile(r"(?:建设|施工|监理|设计|勘察|生产经营|用人|参建|经营)单位$|企业$|高校$|[为等]")


def _doer(name: str) -> bool:
    """A body that may do a plan's work: an office by its ending, not a party the plan regulates."""
    return ends_like_office(name) and not _REGULATED.search(name)


def _led_work(lines: list[Line], at: int, owner: str, resolver: UnitResolver) -> list[UnitRef]:
    """The owner the heading names (at `at`) leads; bodies opening the item's sentences with 负责 take part."""
    refs = [UnitRef(resolver.resolve(owner), owner, "lead", Span(at, at + len(owner)))]
    item, start = "\n".join(line.text for line in lines), lines[0].start  # the lines are consecutive
    for m in _DUTY_SUBJECT.finditer(item):
        names = m.group("names")
        if not all(_doer(n) for n in split_names(names)):
            continue
        at = start + m.start("names")
        for name in split_names(names):
            if resolver.resolve(name) not in {r.name for r in refs}:
                refs.append(UnitRef(resolver.resolve(name), name, "co", Span(at, at + len(names))))
    return refs


# The field of work a body's duties heading may name between the body and 职责/责任 ("消防", "安全生产", "行业监管"):
# words of work, not an office of the body's ("指挥部办公室职责") nor the rest of a name ("区领导联系街镇责任").
_DUTY_FIELD = re.compile(r"(?:消防|安全|生产|生态|环境|环保|食品|药品|卫生|防疫|防汛|防台|防灾|减灾|应急|监管|行业|属地|管理|保护|治理"
                         r"|整治|环卫|交通|道路|燃气|森林|防火|河湖|网格|服务|督查|宣传|信访|维稳|综治|平安|文明|创建|帮扶|招商"
                         r"|经济|发展|统计|监督|检查|目标){0,3}")  # "环境保护目标责任": the targets a body answers for
# The end of a heading that is someone's duties: "…消防工作责任", "…职责：", "…的主要职责".
_DUTIES_END = re.compile(r"(?:的)?(?:主要|工作)?(?:职责|责任)[：:]?$")


# A bureau by its short name, which a county's plan writes without its level ("社会事业局", "卫计局", "财金局").
_BUREAU = re.compile(r"[\u4e00-\u9fff]{2,6}(?:局|委|办)")


def restates(owner: str, name: str) -> bool:
    """Whether a sentence's name is a duties heading's owner again, by its field ("公安局" / "公安机关", "民政局" / "区民政部门",
    "社区居委" / "社区居委会"; review, helper 696)."""
    def stem(n: str) -> str:
        return re.sub(r"(?:局|委员会|委|办|部门|机关|会)$", "", re.sub(r"^[省市区县]", "", n))
    a, b = stem(owner), stem(name)
    return len(a) >= 2 and len(b) >= 2 and (a.startswith(b) or b.startswith(a))


def whose_duties(heading: str) -> str | None:
    """The post or body a section heading gives the duties of, and nothing else: "1．轨道交通站长职责",
    "三、各街镇（经开区）消防工作责任" (a field of work may stand between: 消防, 安全生产); in any chapter. Not work done
    on duties ("切实履行河长职责", "压实属地管理责任"), nor a list ("区委、区政府各部委办局…职责")."""
    if (post := _POST_DUTIES.fullmatch(heading)) and not _WORK_ON_DUTIES.search(post.group("post")):
        return post.group("post")
    stem = heading[: end.start()] if (end := _DUTIES_END.search(heading)) else ""
    # The year a body's duties are given for: "2016年平潭综合实验区交通与建设局环境保护目标责任" (平潭 2016, heldout101).
    stem = re.sub(r"^20\d{2}年度?", "", stem)
    # Not two parties ("区林业局和各镇街职责": the duties chapter reads them), though one name may hold 与
    # ("交通与建设局"); nor a party that is no body ("…协会职责").
    if not stem or "主体" in stem or re.search(r"[，。；：、\s]", stem) \
            or any(ends_like_office(part) for part in re.split("[和及与]", stem)[:-1]) \
            or _WORK_ON_DUTIES.search(stem) or _NOT_GOVERNING.search(stem):
        return None
    for cut in range(len(stem), 1, -1):  # the longest body's name, the field of work after it short
        owner, field = stem[:cut], stem[cut:]
        # The field is words of work, not an office of the owner's ("指挥部办公室职责") nor the rest of a name; the owner
        # no topic ("适用范围职责") and no party the plan regulates ("各燃气企业安全责任").
        if _DUTY_FIELD.fullmatch(field) and not re.search(r"范围|内容|事项|任务|目标", owner) \
                and not _REGULATED.search(owner) \
                and (COLLECTIVE.match(owner) or (ends_like_office(owner) and (is_official(owner) or _BUREAU.fullmatch(owner)))
                     # "（一）领导小组工作职责": the group the plan sets up, not a regulated party's ("企业安全生产领导小组").
                     or (WORK_GROUP.fullmatch(owner) and not PARTY_GROUP.search(owner))):
            return owner
    return None


# How the name of a body of government ends, without the endings that words of work share ("联络", "协助", "社会").
_BODY_END = re.compile(r"(?:局|委|办|厅|处|科|政府|院|银行|中心|部门|(?<!干)部|队|站|委员会|办公室|办事处)$")


# A heading that says how the work goes, not whose it is ("（四）工作流程", "工作机制").
_HOW_WORK_GOES = re.compile(r"流程|程序|机制|制度|要求|内容|标准|方式|步骤|措施|任务|目标|原则|范围|办法|条件|材料|情形|重点")
# How a heading's work is to be done, before the work: "认真做好…", "切实加强…".
_MANNER = re.compile(r"^(?:认真|切实|积极|进一步|全面|严格|扎实|着力|大力|努力|依法|依规|从严|严厉|坚决|及时|立即|一律)+")
# Work a heading opens with, not named among _NOT_OWNER's acts: "（三）严格查处", "（三）依法惩处", "（二）打击违法行为".
_WORK_FIRST = re.compile(r"^(?:查处|惩处|处理|处置|打击|整治|治理|监管|查办)")


# What follows a body's name when the item is about something of it, not its duty: a subordinate, a post, a place, a
# project ("区国资委下属的…", "区政府办公室主任担任…", "区政府驻地周边…", "区中心医院迁建项目…").
_OF_THE_BODY = re.compile(r"的|下属|所属|驻地|周边|周围|辖区|范围|内|长(?!期|效)|主任|负责人|领导|同志|迁建|新建|改建|扩建|建设|项目|改造"
                          r"|实验室|大楼|事权")


# A branch after a body's name, which names it whole ("人民银行平潭支行", "区税务局稽查分局"); not work on another's branch
# ("区人社局联系各银行支行…", "会同各街道办事处"; review, helper 757).
_BRANCH_AFTER = re.compile(r"(?![^，。；]{0,6}?(?:各|联系|会同|指导|督促|协调|组织|通知|要求|配合))[\u4e00-\u9fff]{0,6}?"
                           r"(?:中心支行|支行|分行|分局|办事处)")
# The central bank's branch in a place, which a local plan gives duties: "人民银行平潭支行", "人行平潭中心支行".
_BANK_BRANCH = re.compile(r"(?:中国)?(?:人民银行|人行)[\u4e00-\u9fff]{2,6}?(?:中心支行|支行|分行)")


def _opening_body(text: str) -> str | None:
    """The one body of government a duty opens with, its longest name ("区人民银行" in "区人民银行协助开展…",
    "省银监局平潭办事处负责…"); none before another body ("区财政局、区审计局…", "区财政局会同区水务局…"), before
    something of its own (`_OF_THE_BODY`), or where its clause names the doer after 由 (review, helper 420)."""
    clause = re.split(r"[，。；]", text, maxsplit=1)[0]
    for cut in range(min(len(clause), 20), 2, -1):
        name = clause[:cut]
        # No name holds the modal or the manner of its work ("区林业局要依法查处…" is no "区林业局要依法查处", whose 处 ends
        # like an office's); names hold the words otherwise (区委依法治区办公室, 区应急管理局, 区供应链服务中心, 区应用技术研究院,
        # 区重要物资储备中心; review, helper 536).
        if re.search(r"[、：:（）()“”]|会同|联合|协助|配合|牵头|负责|根据|按照|依据|两级|各级|^[省市区县]内"
                     r"|(?<!重)要|(?<!供)应(?!急|用)|须|依法(?!治)|履行", name):
            continue
        # 与, 和, 及 join two bodies ("区财政局与区审计局", "区妇联和区团委", "区气象台与区水文站"), not the fields of one
        # ("区环境与国土资源局", "区住房和城乡建设局").
        if any(ends_like_office(name[: m.start()]) or re.match(r"[省市区县各]", name[m.end() :])
               for m in re.finditer(r"[和与及]", name)):
            continue
        rest = clause[cut:]
        if NOT_DUTY_AFTER.match(rest):
            continue  # "区政府常务会议审议通过后…", "区财政局2023年下达的…": no duty of the body's
        if _BRANCH_AFTER.match(rest):
            continue  # a body's branch is named whole: "人民银行平潭支行负责…" (平潭 2015), not the central bank
        if name.endswith("部") and rest.startswith(("门", "队")):
            continue  # not "航道部" of "航道部门要…", nor "武装警察部" of "武装警察部队"
        # A department by its field, as a duties list names them ("航道部门要…", "经贸部门要…").
        by_field = re.fullmatch(r"(?!.*(?:加强|加大|推进|落实|建立|健全|完善|强化|协作|联合|上级|下级|业务|所在|对口|全面))"
                                r"(?!各|有关|相关|其他|职能|主管|所有|本)[\u4e00-\u9fff]{2,8}部门", name) is not None
        # Places addressed as a whole open their duties as bodies do ("（十一）各乡镇要严格落实属地管理责任"), before their
        # modal or duty: not the places of the bodies named next ("各乡镇公安、边防派出所要…").
        each = EACH_PLACE.match(name) is not None and re.match(r"要|应当?|须|负责|切实|严格|认真|全面|积极", rest) is not None
        if ((_BODY_END.search(name) and (is_official(name) or by_field)) or each or _BANK_BRANCH.fullmatch(name)) \
                and not _NOT_GOVERNING.search(name) and not _NOT_OWNER.match(name):
            if re.match(r"[、和与及]|" + _OF_THE_BODY.pattern, rest) or "由" in rest:
                return None
            return name
    return None


def duty_opener(blocks: list[Block], idx: int, resolver: UnitResolver) -> list[UnitRef]:
    """"四、职责分工 / （一）区打非办为联络召集人，…", "（八）区财政金融局预算安排专项经费": an item of a duties chapter
    that opens with a body of government is that body's duty, whatever its verb; for items nothing else gives units."""
    key = annex_duty_key(blocks, idx)
    if key is None and not under_duties(blocks, idx):
        return []
    heading, span = heading_of(blocks[idx])
    doer, at = _opening_body(heading), span.start
    first = blocks[idx].lines[0]
    after = span.end - first.start + 1  # past the heading's 。
    sentence = first.text[after:].split("。", 1)[0]
    if doer is None and first.text[after - 1 : after] == "。" and "由" not in sentence:
        # "（二）片区排查落实。各片区管理局承担…主体责任": a duty titled by its work opens its first sentence with its body;
        # not a body inside what a sentence whose doer follows 由 is about ("区农村发展局验收合格的项目，由各片区管理局予以
        # 销号"; review, helper 496).
        doer, at = _opening_body(sentence), span.end + 1
    if doer is None and blocks[idx].style == "paragraph" and (refs := _paragraph_openers(first, resolver)):
        # A paragraph of a duties chapter opens with its bodies, though they name no level ("房管所负责…" in a town's
        # plan, "各镇政府、园区管委会是…责任主体"): the first leads.
        return refs
    if doer is None and key:
        doer, at = key, first.start + first.text.find(key)
    return [UnitRef(resolver.resolve(doer), doer, "lead", Span(at, at + len(doer)))] if doer else []


def _paragraph_openers(first: Line, resolver: UnitResolver) -> list[UnitRef]:
    """The bodies a duty paragraph opens with (`paragraph_doers`), the first leading, where all are of government;
    not the kind a list closes with ("A、B…等区职能部门，依照各自职责…")."""
    openers = paragraph_doers(first.text)
    # Not bodies run into the work one does with or for another ("区重大办会同区规资局、…", "项目建设单位向区发改委、…";
    # review 913).
    if any(_WORKS_WITH.search(n) for n in openers):
        return []
    # (the kind at its level: "区职能部门")
    if len(openers) > 1 and re.search(rf"等{re.escape(openers[-1])}", first.text) \
            and CLOSING_KIND.fullmatch(re.sub(r"^[区市县](?:级|直)?", "", openers[-1])):
        openers = openers[:-1]
    if not openers or any(_NOT_GOVERNING.search(n) for n in openers):
        return []
    refs, pos = [], first.start
    for n, name in enumerate(openers):
        pos = max(first.start + first.text.find(name), pos)
        refs.append(UnitRef(resolver.resolve(name), name, "lead" if n == 0 else "co", Span(pos, pos + len(name))))
    return refs


# A name run into the work its body does with or for another ("区重大办会同区规资局", "项目建设单位向区发改委").
_WORKS_WITH = re.compile(rf"{WORKS_WITH}|(?<=.)(?<!自)由")


# The part a body opening a duty paragraph is cast in: "作为牵头单位", "作为责任主体".
_CAST_IN = re.compile(r"(?<=.{2})作为[^，。；、]{0,12}?(?:单位|部门|主体|机构)$")


# The words a body takes its duties on with: "应当履行下列", "具体承担以下".
_TAKES_ON = re.compile(rf"(?:应当?|须|要)?(?:具体|主要)?(?:{_TAKE_ON}|履行|承担)$")


def section_owner(blocks: list[Block], idx: int, item: bool, resolver: UnitResolver) -> list[UnitRef]:
    """"五、职责分工  （七）学校  1.…": under a duties chapter, a section is named by whoever owns its items, and an
    item whose heading is an office's name alone ("1.街道消委办。", "（十九）新城公司：按照…") by that office. Under
    "整治内容与责任分工" sections are named by their work ("（七）森林防火") unless the name is a body's. In any chapter,
    a section heading that is a post's or a body's duties alone (`whose_duties`) names its owner."""
    parent = blocks[idx].parent
    heading, span = heading_of(blocks[idx])
    # A space after the item's number is none of its owner's name ("（15） 区国税局、区地税局：…", 平潭 2016).
    span, heading = Span(span.start + len(heading) - len(heading.lstrip()), span.end), heading.lstrip()
    if (owner := whose_duties(heading)):
        name = without_second_name(owner)  # "区农业农村局（区河长办）职责": one office under two names
        return [UnitRef(resolver.resolve(name), name, "lead", Span(span.start, span.start + len(owner)))]
    if parent is None:
        return []
    chapter = heading_of(blocks[parent])[0]
    # An item named by its owner under a section of a duties chapter that groups owners by kind ("一、职责分工 / （四）城管
    # 执法部门 / 2.街镇综合行政执法机构"; 松江 2026) is that owner's, as it is directly under the chapter.
    if not DUTY_CHAPTER.search(chapter) and not (item and under_duties(blocks, idx)
                                                 and re.search(r"部门|机构|单位|[局委办]$", chapter)):
        # (the section must group owners, not work: "二、重点任务及分工 / （一）完善基层服务网络 / 3.养老服务中心。…"
        # names what is built; review, helper 606)
        return []
    if item and DUTY_CHAPTER.search(chapter) and (post := _POST_ALONE.fullmatch(heading)) \
            and not _WORK_ON_DUTIES.search(post.group("post")):
        return [UnitRef(resolver.resolve(heading), heading, "lead", Span(span.start, span.start + len(heading)))]
    if item and (led := _LEADS_WORK.match(heading)) and _doer(led.group("owner")) \
            and not re.search(r"会同|联合|层面", led.group("owner")) and len(split_names(led.group("owner"))) == 1:
        return _led_work(blocks[idx].lines, span.start, led.group("owner"), resolver)
    if item:
        heading = re.split(r"[：:]", heading, maxsplit=1)[0]
        # "区卫计局作为牵头单位，要制定…" (平潭 2018): the owner is the body cast, not the part it is cast in.
        heading = _CAST_IN.sub("", heading)
    heading = heading.rstrip("：:")  # a section's "1.区委宣传部、区文明办：" over its duty list
    if duties := _DUTIES_OF.search(heading):
        # "区住建委履行下列职责：": whose they are, not the words that take them on (review 875)
        heading = _TAKES_ON.sub("", heading[: duties.start()])
        # "（一）部门及属地职责": kinds of body, each its items name (嘉定 2026).
        if all(_GENERIC_BODY.match(part) or part == "属地" for part in re.split("[和及与、]", heading)) \
                or _POST.search(heading):
            return []
    if PARTY_GROUP.search(heading):  # "（二）企业安全生产领导小组职责": a regulated party's group (review, helper 580)
        return []
    if item and blocks[idx].style == "paragraph" and len(refs := _paragraph_openers(blocks[idx].lines[0], resolver)) > 1:
        # A duties paragraph listing its bodies ("浦东新区发展和改革委员会（简称“区发改委”）、浦东新区财政局（…）…等区职能
        # 部门，依照各自职责…", 浦东 2023): all of them, however long the list runs past its heading's first forty characters.
        return refs
    if "、" in heading and not re.search(r"[，。；：]|[两三四各]级", heading):
        return _owners_listed(heading, span.start, resolver)
    # "区应急局及区消防救援大队": two owners joined; one name with 和 in it ("区住房和城乡建设局") stays one.
    if len(split_names(heading)) > 1 and not re.search(r"[，。；：]|[两三四各]级", heading) \
            and (owners := _owners_listed(heading, span.start, resolver)):
        return owners
    # "13.其他各成员单位：负责支持、配合…", "其他有关部门：": the rest of a list of owners is one too.
    rest = re.fullmatch(r"其[他它]各?(?:有关|相关)?(?:成员)?(?:单位|部门|处室)", heading)
    # "（九）各街道（镇）：落实…": the places a duty list addresses own their line as an office does.
    if item and not rest and (not (ends_like_office(heading) or COLLECTIVE.match(heading)) or _NOT_OWNER.match(heading)):
        return []
    # A zone by its name alone ("（二）高新区"), not work done on one ("（三）建设国家级高新区").
    zone = _ZONE.search(heading) and len(heading) <= 6
    if (_WORK_AND_DUTY.search(chapter) or "职能分工" in chapter) and not (ends_like_office(heading) or heading.startswith("各")
                                              or COLLECTIVE.match(heading) or _OWNER_KIND.search(heading) or zone):
        return []
    # A section on how the work goes ("（四）工作流程", "工作机制") or on what it asks ("（四）零售经营网点申报条件"), or one
    # that does work ("（五）认真做好行政审批许可" over the papers to hand in), is no one's, though it stands among owners'
    # duties.
    if (_HOW_WORK_GOES.search(heading) and not ends_like_office(heading)) \
            or (not rest and (_NOT_OWNER.match(_MANNER.sub("", heading))
                              or (_WORK_FIRST.match(_MANNER.sub("", heading)) and not ends_like_office(heading)))):
        return []
    # A longer body's name where its duties are the section's ("街镇（园区）消防安全委员会职责"), or a place's body.
    longer = ends_like_office(heading) and (duties is not None or bool(re.match(r"[省市区县各]|[\u4e00-\u9fff]{1,4}（", heading)))
    # Not what a body is ("区水务局是改造的总牵头单位", a duties paragraph's opening sentence as its heading).
    if not (2 <= len(heading) <= (16 if longer else 12)) or re.search(r"[，。；：、]|是", heading):
        return []
    # "（三）区农业农村局（区河长办）": one office under two names, the first kept (as in any list of units).
    return [UnitRef(resolver.resolve(without_second_name(heading)), heading, "lead", Span(span.start, span.start + len(heading)))]
