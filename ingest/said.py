"""Units an item states in its sentences rather than in a clause of its own: who does a part ("细则由A会同B制定"),
roles said of bodies ("A为牵头单位"), division lines ("责任分工：A负责…，B组织实施"), duty lists; and `extract_units`,
which reads an item's clauses and falls back on these."""
from __future__ import annotations

import re
from dataclasses import replace

from .patterns import ARTICLE_OPENING, DECIMAL_NUMBER, ITEM_NUMBER, LEAD_KEYS, PLACE_KEY, RESP_ROLES, ROLE_OR_ACT
from .records import Span, UnitRef
from .unit_names import COLLECTIVE, EACH_PLACE, KIND, OWN_OFFICE, UNNAMED, ends_like_office, is_body, split_names, split_top
from .units import (
    CO_DUTY,
    CO_KEY_ANYWHERE,
    KEY_AT_START,
    LEADS,
    Clause,
    UnitResolver,
    above_level,
    find_clauses,
    has_role_suffix,
    is_official,
    looks_like_units,
    parse_clause,
)

# The 由 of "由A牵头": not of 自由, 由此 or 由于 (but 于都县 is a place: "由于都县人民政府牵头").
_BY = r"(?<!自)由(?!此)(?!于(?![\u4e00-\u9fff]{1,2}[县区市旗]))"
# "等部门", "等相关部门", "等6个部门": the kind of body a list ends with.
_ETC_BODIES = r"等(?:有关|相关)?(?:[\d一二三四五六七八九十]+个)?(?:部门|单位)"
# Verbs whose object a 由-phrase describes: "建立由A牵头…的机制", "构建由A牵头，B参与的格局".
_BUILDS = re.compile(r"(建立|健全|构建|形成|完善|探索|成立|组建|打造)$")
# Verbs that invite rather than assign: "支持由本市龙头企业牵头组建创新联合体".
_INVITES = re.compile(r"(支持|鼓励|引导|推动|允许|倡导|争取|融入|对接|承接)$")
# "…工作由A、B牵头，C、D等部门配合，…": roles stated inside a sentence of the item.
# "由A牵头、B具体负责": the units after 牵头 do their part; "由A牵头组织，B、C作为联合部门共同参与" too.
# Not "建立由A牵头、B参与的机制": a group whose roles run on into a noun names no duty of the item.
_ROLES_IN_SENTENCE = (rf"{_BY}(?P<lead>[^，。；由]{{2,60}}?)(?:共同|双)?(?:(?:负责)?(?:牵头组织|{LEADS})|(?P<charge>负责)(?=[；;。]|$|[，,](?!并?(?:会同|联合|协同))))"  # "由区交建局负责牵头，…"
                      rf"(?:[，,、](?P<co>[^，。；]{{2,80}}?)(?:{_ETC_BODIES})?(?:作为[\u4e00-\u9fff]{{1,8}}?(?:部门|单位))?"
                      rf"(?:共同)?(?:{'|'.join(CO_DUTY)}))?")
# As a clause of its sentence ("…由A牵头，B配合。"): the item's own roles.
_EMBEDDED = re.compile(_ROLES_IN_SENTENCE + r"(?(co)(?![\u4e00-\u9fff]{0,4}的)|(?=[，。；,]|$))")  # "B配合推进…": its work may follow
# With the duty after them ("标准由A牵头制定"): who does a part of the item, or runs the body it sets up.
_ROLES = re.compile(_ROLES_IN_SENTENCE)
# "细则由A会同B、C等部门另行制定": A leads, the ones it works with take part.
# "由A负责，会同B…" (平潭 岚综管办〔2015〕113号, heldout68): its duty and a comma may stand before 会同.
_WITH = re.compile(_BY + r"(?P<lead>[^，。；由]{2,60}?)(?:(?:共同|双)?牵头|负责)?[，,]?会同(?P<rest>[^，。；]{2,80})")
# Where the list of those A works with ends, with no comma after it: at 等(部门), or before a duty that no office's
# name holds ("制定", "研究出台"; not "组织", as in 组织部, nor a word that an office's name may end with).
_LIST_END = re.compile(r"等(?:有关|相关)?(?:部门|单位)?|牵头|制定|研究|另行|出台|开展|做好|负责|推进|落实|指导|督促|确定|编制"
                       r"|拟定|起草|审核|审定|审查|提出|共同|联合|部署|委托|会商|办理|下达|分配|印发|发布|核定")
# "由A牵头的专班", "由A牵头推进的项目", "由A会同B联合印发的《办法》": what A made or runs (a verb of up to four
# characters, then 的), not a duty.
_MADE = re.compile(rf"^(?:{_ETC_BODIES})?(?:共同)?[\u4e00-\u9fff]{{0,4}}的")


def _offices_opening(rest: str) -> str | None:
    """The list of offices that `rest` opens with ("省财政厅、省商务厅等部门另行制定" -> the two), or None where
    its end is not plain."""
    ends = [m.start() for m in _LIST_END.finditer(rest)] + [len(rest)]
    for end in ends:
        names = rest[:end]
        # Running on to the clause's end, the last name must not hold an office followed by a duty of its own:
        # "市财政局培育一批专精特新企业" ends like an office, but "市财政局" does the 培育.
        last = split_names(names)[-1] if names else ""
        if end == len(rest) and any(ends_like_office(last[:i]) for i in range(2, len(last) - 5)):
            continue
        if names and looks_like_units(names) and is_official(names):
            return names
    return None


def _clause_before(text: str, at: int, stops: str = "，。；\n") -> str:
    """The text of the clause that `at` lies in, up to `at` (of its sentence, with `stops` "。；\n")."""
    return text[max(text.rfind(p, 0, at) for p in stops) + 1 : at]


# "（一）区党群工作部。按照…" / "区商务委：负责…": a duty list whose lines open with the office.
# "区档案局负责…", "区档案局：…", and a body's own office whose line says under whom it works ("农业农村处在区农业农村局的
# 指导下，配合协同做好…"; not "区农业局配合区环境局…", where the one helped leads, nor "各街道在区城管局的指导下，…",
# where the guide may lead).
# A line's number is bracketed, decimal ("7.1.1") or followed by its mark, not the numeral a name opens with
# ("八个区直单位负责…"). A roster's "周训云 农业农村处负责人" names a person in charge, not a duty; "负责人员转移…",
# "负责人防工程…" are duties (review, helper 496).
_DUTY_LINE = re.compile(rf"(?m)^(?:[（(][一二三四五六七八九十\d]{{1,3}}[）)]|{DECIMAL_NUMBER}|[一二三四五六七八九十\d]{{1,3}}[、.．]"
                        rf"|{ARTICLE_OPENING}"
                        r"|\d{1,3}(?![\d个家项]))?"
                        r"(?P<name>[^。：:，\n]{2,24}?)"
                        r"(?:[。：:]|负责(?!人(?:[，。；、：:\s）)]|$|要|应|须|是|为|和|及|亲自|担任|兼任))|$|(?P<guided>(?=在[^，。；\n]{2,20}的(?:指导|领导|统筹|组织|协调)下)))")


def embedded_clauses(text: str, offset: int) -> list[Clause]:
    """Roles a sentence states as a clause of its own ("…由A牵头，B配合。"), when every name in them is an office
    and the sentence does not build something they run ("健全由市政府牵头，各部门协同推进的工作机制")."""
    out = []
    for m in _EMBEDDED.finditer(text):
        if _BUILDS.search(_clause_before(text, m.start())) or (m.group("charge") and not _charged(text, m.start())):
            continue
        verb = m.group("charge") or "牵头"  # "由A、B负责；": the first listed leads, as in a clause (not both)
        clause = _roles_clause(*_with_partners(m.group("lead"), m.group("co")), Span(offset + m.start("lead"), offset + m.end()),
                               verb)
        if clause is None and m.group("co"):
            # "由区住建局牵头，企业参与建设运营": helpers that are no offices leave the lead's own clause.
            clause = _roles_clause(*_with_partners(m.group("lead"), None),
                                   Span(offset + m.start("lead"), offset + m.start("co") - 1), verb)
        if clause:
            out.append(clause)
    return out


# A sentence that already says who does its work, or a part of it ("区房管局牵头推进…，其中资金拨付由区财政局负责"), or a
# 由 of who did it or does it no more ("不再由区房管局负责", "原由区建管委负责"): no "由A负责" of its names the item's lead.
_NOT_CHARGED = re.compile(r"牵头|负责|配合|要|应|其中|不再$|原$|改$|曾$|以来")


def _charged(text: str, at: int) -> bool:
    """Whether "由A负责" at `at` says who does the item's work: the sentence before it names no one who does it and says
    it of no other time (review, helper 834)."""
    before = re.sub(rf"{_BY}[^，。；由]{{2,60}}?负责[，,]", "", _clause_before(text, at, "。；\n"))  # "项目审批由A负责，用地保障由B负责": each part's
    return _NOT_CHARGED.search(before) is None and not re.search(r"[局委办厅]|政府|中心", before)


def _offices(names: str) -> bool:
    """Every name of a list an office: with its jurisdiction ("市财政局"), or a body's own division ("社会事业处")."""
    return is_official(names) or all(is_official(n) or OWN_OFFICE.match(n) for n in split_names(names))


def _roles_clause(lead: str, co: str | None, span: Span, verb: str = "牵头") -> Clause | None:
    """"A牵头，B配合" (or "A负责，B配合", by the sentence's `verb`) as a clause at `span`, when every name in it is an
    office."""
    if not all(looks_like_units(n) and _offices(n) for n in [lead] + ([co] if co else [])):
        return None
    return Clause(lead + verb + (f"，{co}配合" if co else ""), span)


def _with_partners(lead: str, co: str | None) -> tuple[str, str | None]:
    """"由A会同B牵头，C配合": A leads; B, who A works with, takes part beside C."""
    at = lead.find("会同", 2)  # not the place named so ("会同县人民政府")
    if at < 0:
        return lead, co
    first, partners = lead[:at], lead[at + 2 :]
    # "由A会同相关部门牵头": those named by kind alone join no list of offices.
    return first, "、".join(p for p in (partners if is_official(partners) else "", co) if p) or None


def _clause_has_de(text: str, at: int) -> bool:
    """Whether the clause goes on from `at` into a 的."""
    return "的" in re.split(r"[，。；,\n]", text[at:], maxsplit=1)[0]


def _part_clauses(text: str, offset: int, built: bool) -> list[Clause]:
    """Who does a part of an item ("细则由A会同B等部门另行制定", "标准由A牵头制定"), or, with `built`, who leads and
    joins the body it sets up ("成立由A牵头，B、C等部门共同参与的推进机制")."""
    found = [(m, *_with_partners(m.group("lead"), m.group("co")), m.end()) for m in _ROLES.finditer(text)]
    for m in _WITH.finditer(text):
        co = _offices_opening(m.group("rest"))
        found.append((m, m.group("lead"), co, m.start("rest") + len(co) if co else m.start("rest")))
    out = []
    for m, lead, co, end in sorted(found, key=lambda f: f[0].start()):
        before = _clause_before(text, m.start())
        # Of what the item builds only with `built`; never invited ("支持由…牵头"), nor a leader's "牵头抓总", nor the
        # object another body works on ("区纪工委要…对由A负责，会同B开展招投标的项目进行抽查"; review, helper 477).
        if bool(_BUILDS.search(before)) != built or _INVITES.search(before) or text.startswith("抓总", end) \
                or before.endswith(("对", "对于")):
            continue
        # Where the list after 会同 has no plain end, any 的 in the clause may close a name.
        if not built and (_MADE.match(text[end:]) or (m.re is _WITH and not co and _clause_has_de(text, end))):
            continue
        charge = m.groupdict().get("charge")
        if charge and not _charged(text, m.start()):
            continue
        if clause := _roles_clause(lead, co, Span(offset + m.start("lead"), offset + end), charge or "牵头"):
            out.append(clause)
    return out


# A department named by its field alone, as a duty list's line may open: "（一）商务部门。检查…", "应急管理部门：";
# not a role or a qualifier ("牵头部门", "职能部门", "相关部门") nor a heading that acts ("明确责任部门").
# Not departments by their kind alone ("2.2 工作部门", a heading over the bodies its sentences name).
_FIELD_DEPARTMENT = re.compile(rf"^(?!.*(?:{ROLE_OR_ACT}))(?!(?:工作|职能|政府)部门$)[\u4e00-\u9fff]{{2,8}}?(?:主管)?部门$")
# "抽查对象为全市…企业": a sentence whose subject is said to be something, not an office ("无为市人民政府" is one).
COPULA = re.compile(r"[\u4e00-\u9fff]{2}为(?:全|各|本|所有|辖区)")


# A heading that does something to a body ("组建区级工作专班", "发挥区科协作用") names no owner of the duty.
_ACTS_ON = re.compile(r"^(?:组建|成立|建立|健全|发挥|加强|强化|落实|推进|开展|做好|完善|打造|召开|明确|压实|用好|依托|支持|统筹|建设"
                      r"|筹建|提升|深化|优化|创建)|组建|成立|牵头|发挥")  # not 联合会, 创建办, 筹建办 inside a name


# A line that says in sentences who does an item's work: "责任分工：区规划局负责开展规划编制工作，所在乡镇人民政府组织实施，
# 区直有关责任部门配合，区交通与建设局业务检查指导…", "责任分工：由各片区开发管理局负责，区交通投资集团有限公司组织实施，…".
# Under a key that usually lists units, the same sentences ("责任单位：区规划局负责开展城市社区规划编制工作，潭城镇人民政府
# 组织实施，…配合，区交通与建设局业务检查指导") are told by a part that carries the work out or guides it.
_DIVISION_LINE = re.compile(r"(?m)^(?P<key>(?:责任|职责|任务|工作)?分工|责任单位|责任部门)[：:](?P<value>[^\n]+)$")
_CARRIES_OUT = re.compile(r"组织实施|具体实施|业务(?=检查|指导)|检查指导")
# Who a clause of it names, before the part they play: "嘉源公司作为业主单位", "区直各部门各司其职", "竹屿湖二期项目由A负责实施".
_PLAYS = re.compile(r"^(?:[^，,。；]{0,24}?由)?(?P<names>[^，,。；由]{2,60}?)(?:全力|积极|密切|主动|共同|具体|分别)?"
                    r"(?P<role>牵头|负责|组织实施|实施|配合|协助|协同|参与|作为|业务(?=检查|指导)|检查指导|指导|各司其职)")

_ONLY_HELPS = re.compile(r"配合|协助|协同|参与|业务|检查指导|指导")


def _division_lines(text: str, offset: int) -> list[Clause]:
    """The bodies a division line's clauses open with, as one clause: those who say they lead lead, else the first
    named who does the work (not one who only helps or guides it); all the others take part."""
    for line in _DIVISION_LINE.finditer(text):
        if line.group("key").startswith("责任") and not line.group("key").endswith("分工") and not any(
                (m := _PLAYS.match(part)) and _CARRIES_OUT.match(part, m.start("role"))
                for part in re.split(r"[，,。；]", line.group("value"))):
            continue
        leads: list[str] = []
        doers: list[str] = []  # who do the work, not only help or guide it: the lead where none says it leads
        others: list[str] = []
        for part in re.finditer(r"[^，,。；]+", line.group("value")):
            m = _PLAYS.match(part.group(0))
            names = split_names(m.group("names")) if m else []
            if not m or not names or not all(ends_like_office(n) or COLLECTIVE.match(n) for n in names):
                continue
            (leads if m.group("role") == "牵头" else others).extend(names)
            if not _ONLY_HELPS.match(m.group("role")):
                doers.extend(names)
        named = leads + [n for n in others if n not in leads]
        if named:
            lead = leads or doers[:1] or named[:1]
            rest = [n for n in named if n not in lead]
            content = "、".join(lead) + "牵头" + (f"，{'、'.join(rest)}配合" if rest else "")
            return [Clause(content, Span(offset + line.start("value"), offset + line.end("value")))]
    return []


def _keeps_every_name(division: Clause, clauses: list[Clause], text: str, resolver: UnitResolver) -> bool:
    """Whether a keyed line read as a division line names everyone its unit-list reading names, or a name that
    reading ran on past ("区交通与建设局业务检查" is 区交通与建设局); not where it drops a part that names no role
    ("责任单位：区发改委、区工信局，各乡镇人民政府组织实施")."""
    named = [r.name for r in parse_clause(division, text, resolver)]
    listed = [r.name for c in clauses for r in parse_clause(c, text, resolver)]
    return all(any(name.startswith(n) for n in named) for name in listed)


def _duty_lines(text: str, offset: int) -> list[Clause]:
    """Offices that open the lines of a duty list: the first leads, the rest take part."""
    names = []
    for m in _DUTY_LINE.finditer(text):
        name = m.group("name")
        if m.group(0).endswith(name) and m.start() > 0 and text[m.end() : m.end() + 1] in ("", "\n"):
            continue  # a bare office name as a later line is a signature; as the heading it names the duty
        # "抽查对象为全市成品油零售经营企业。" is a sentence that ends like an office, not a name.
        # "7.各乡镇负责组织…": the places a list's last line gives their part own it as an office does.
        if m.group("guided") is not None and not OWN_OFFICE.match(name):
            continue
        # A body's own 科 by its field ("物业管理科", 金山 2023) ends like no office's name, but is one.
        if (((ends_like_office(name) and (is_official(name) or _FIELD_DEPARTMENT.match(name) or OWN_OFFICE.match(name)))
             or EACH_PLACE.match(name) or (name.endswith("科") and OWN_OFFICE.match(name)))
                and not re.search(r"[，、]", name) and not COPULA.search(name) and not _ACTS_ON.search(name)):
            names.append((name, m.start("name")))
    if not names:
        return []
    # A body's own offices ("交通与建设处") beside a place's ("区农业农村局") take no level from it: each line's name is a
    # group of its own, which lends nothing to the next.
    return [Clause("，".join(n for n, _ in names) + "按职责分工负责", Span(offset + names[0][1], offset + names[-1][1] + len(names[-1][0])))]


def _only(clauses: list[Span], read: list[Clause]) -> bool:
    """Whether an item's clauses are exactly those one reading of its text found."""
    return bool(clauses) and clauses == [c.span for c in read]


def from_duty_lines(text: str, span: Span, clauses: list[Span]) -> bool:
    """Whether an item's clauses are only the offices opening its lines ("区档案局负责…"), not a clause that states units."""
    return _only(clauses, _duty_lines(text[span.start : span.end], span.start))


def from_numbered_lines(text: str, clauses: list[Span]) -> bool:
    """Whether an item's clauses are only its numbered lines' own sentences ("1.区财政局负责资金保障工作，区审计局负责审计
    工作。"): like the offices opening its lines, they say who does this item, not that the plan states units in clauses
    (review, helper 664)."""
    return bool(clauses) and all(
        re.fullmatch(ITEM_NUMBER, text[text.rfind("\n", 0, c.start) + 1 : c.start]) is not None for c in clauses)


def from_roles_on_the_way(text: str, span: Span, clauses: list[Span]) -> bool:
    """Whether an item's clauses are only roles its sentences state on their way ("一是定期会商，由区林业部门牵头，定期
    组织…"), not a clause of their own."""
    return _only(clauses, embedded_clauses(text[span.start : span.end], span.start))


# "配合区政法工作部做好…" opening a sentence with no one before it: the issuer helps, the office named leads.
_ASSISTS = re.compile(r"(?:^|(?<=[。\n]))(?:[\d]{1,2}[.．、])?(?:积极|主动|全力)?(?:配合|协助)(?P<rest>[^，。；\n]{2,80})")


def _assisted(text: str, offset: int) -> list[Clause]:
    """Whom an item's own work assists, as its lead: "配合区政法工作部开展…" (the issuer's part is to help); a kind of
    body ("配合市级部门落实…") names no one."""
    for m in _ASSISTS.finditer(text):
        names = _offices_opening(m.group("rest"))
        if names and not _MADE.match(m.group("rest")[len(names):]) and not any(KIND.search(n) for n in split_names(names)):
            return [Clause(names + "负责", Span(offset + m.start("rest"), offset + m.start("rest") + len(names)))]
    return []


# Bodies a case is passed to, who then act on it: "发现毁林的，通报区公安局、资源生态局，由其负责查处" (由其 names them back).
_REFERRED = re.compile(r"(?:通报|移交|移送|转交|告知|交由)(?:给|至)?(?P<names>[^，。；：\n]{2,40}?)[，,]由其(?:依法|及时)?"
                       r"(?:负责|查处|处理|处置|牵头)")
# Someone named before the case is passed on: "区城管局要…", "经区资源生态局核实后", "由区城管局移交…", "各镇要…"
# (not an impersonal "经排查发现…").
_PASSED_BY = re.compile(r"(?:局|委|办|厅|政府|部门|中心|单位|队|派出所)(?:要|应|须|将|负责|对|在|会同|核实|发现|巡查|检查|$)"
                        r"|各[\u4e00-\u9fff]{0,4}(?:要|应|须)")


def _referred(text: str, offset: int) -> list[Clause]:
    """The bodies a case is passed to, as its units: "…，通报区公安局、资源生态局，由其负责查处" (the first listed leads)."""
    for m in _REFERRED.finditer(text):
        names, before = m.group("names"), text[text.rfind("。", 0, m.start()) + 1 : m.start()]
        # Only where the item opens with the case ("发现毁林的，通报…"): one whose own doer passes it on
        # ("区城管局要…，移交区规划局，由其…") is that doer's, the sentences' reading; nor a collective or a government
        # a case goes up to, nor a list run into another verb ("并抄送").
        if _PASSED_BY.search(before) or re.search(r"并|抄送|及时", names) or not looks_like_units(names):
            continue
        parts = split_names(names)
        if all(is_body(n) and not COLLECTIVE.match(n) and not n.endswith("政府") and not re.search(r"公司|企业|集团", n)
               for n in parts):
            return [Clause(names + "负责", Span(offset + m.start("names"), offset + m.end("names")))]
    return []


_CITY_BODY = re.compile(r"^(?:[\u4e00-\u9fff]{2,3})?市(?!场|属)")
# A role said of a body: "省发展改革委和省林业局为全省国有林场电网改造的总牵头单位", "市县林业局为责任单位"; not a
# standing ("各街镇政府是公园城市建设的责任主体", "…的行政主管部门"), which assigns no item.
_NAMED_ROLE = re.compile(r"(?:^|(?<=[。；，、\n]))(?:[\d]{1,2}[.．、]|[（(]\d{1,2}[)）])?(?P<names>[^，。；\n]{2,40}?)(?:为|是|作为)"
                         r"(?:[^，。；\n]{0,30}?的)?总?(?P<role>牵头(?:责任)?(?:单位|部门)|责任单位|责任部门|配合单位|配合部门)"
                         r"(?=[，。；、\n（(]|$)")
# Who helps the body named to lead, in the clause after its role: "…为牵头单位，区教育局、区文旅局配合，…".
_HELP_AFTER_ROLE = re.compile(r"[，,]\s*(?![建形组成健构]立|形成|组建|构建|健全)(?P<names>[^，。；\n]{2,40}?)(?:等(?:单位|部门))?"
                              r"(?:要|应|须)?(?:积极|共同|密切|主动)?(?:配合|协助|协同|参与)(?![\u4e00-\u9fff]{0,4}的)")
# Words before the bodies a role is given to: "以区发改委为…", "经研究，确定区城管局为…", "区政府指定区城管局为…".
_ROLE_GIVEN = re.compile(r"^.*(?:以|由|确定|明确|指定|建议|请|调整为|其中|同时|并|年起|年后|任务|工作)(?=[省市县区镇乡各国])")
# Not bodies: a rule about roles ("各配合单位为责任单位"), what a plan tells someone to name ("要明确一个部门为…"), the past.
_NOT_GIVEN = re.compile(r"要|一个|本单位|去年|原|^(?:各|有关|相关)?(?:牵头|配合|成员|责任)(?:单位|部门)$")  # on the words as written


def _named_roles(text: str, offset: int) -> list[Clause]:
    """Roles an item's sentences say bodies have ("A为牵头单位，B为责任单位"), as one clause: who is said to lead
    leads, and those said to be responsible lead only where no one is said to; where none of its names is an office,
    none."""
    found = [(m, n) for m in _NAMED_ROLE.finditer(text) if not _NOT_GIVEN.search(m.group("names"))
             and (n := _ROLE_GIVEN.sub("", m.group("names").strip()))
             and all(looks_like_units(x) and is_official(x) for x in split_names(n))]
    if not found:
        return []
    leading = any("牵头" in m.group("role") for m, _ in found)
    if not leading and re.search(r"牵头|会同", text):  # "区城管局牵头，区财政局为责任单位": its lead is said otherwise
        return []
    leads = [n for m, n in found if "牵头" in m.group("role") or (not leading and "配合" not in m.group("role"))]
    co = [n for m, n in found if n not in leads]
    # "A为牵头单位，B、C配合": those who help the named lead, in the clause right after it.
    helping = [h.group("names").strip() for m, _ in found if "牵头" in m.group("role")
               and (h := _HELP_AFTER_ROLE.match(text, m.end()))]
    co += [n for n in helping if all(looks_like_units(x) and is_official(x) for x in split_names(n))]
    # Evidence at the first body named: the clause it builds is no text of the item's own.
    span = Span(offset + found[0][0].end("names") - len(found[0][1]), offset + found[0][0].end("names"))
    return [Clause("、".join(leads) + "牵头" + (f"，{'、'.join(co)}配合" if co else ""), span)] if leads else []


def lead_said_in_sentences(text: str, span: Span, units: list[UnitRef], clauses: list[Span],
                           resolver: UnitResolver) -> list[UnitRef]:
    """An item's units where its clause names no one by name and says no one leads ("（各有关部门分别负责）"): the lead a
    clause of its own sentences names ("…，由区农业农村局牵头，各成员单位各司其职…"; not a part's: "其中，资金保障由区财政局
    牵头落实"), its partners too, the clause's collective taking part. Otherwise the units as they are."""
    if not units or not all(UNNAMED.match(u.written) for u in units) or any("牵头" in text[c.start : c.end] for c in clauses):
        return units
    # The 由 opens its clause ("…，由A牵头，…"), and every name in it is a body.
    said = [u for c in embedded_clauses(text[span.start : span.end], span.start)
            if text[c.span.start - 2 : c.span.start - 1] in ("，", "。", "；", "：", "") for u in parse_clause(c, text, resolver)]
    if not any(u.role == "lead" for u in said) or not all(is_body(u.written) for u in said):
        return units
    return said + [replace(u, role="co") for u in units if u.name not in {n.name for n in said}]


def sentence_units(text: str, span: Span, resolver: UnitResolver, level: str) -> tuple[list[UnitRef], list[Span]]:
    """Units of an item that no clause, heading or owner names, read from who does a part of it or runs the body it
    sets up, with their spans: answer writers give such items those units (广东's "由省商务厅牵头制定", "强化组织领导。
    成立由A牵头…的推进机制"), and an annex row or a section's clause that states units outright wins over them."""
    body = text[span.start : span.end]
    parts = _part_clauses(body, span.start, built=False) or _part_clauses(body, span.start, built=True)
    named = [] if parts else _named_roles(body, span.start)
    assisted = [] if parts or named else _assisted(body, span.start)
    clauses = parts or named or assisted or _referred(body, span.start)
    refs = [r for c in clauses for r in parse_clause(c, text, resolver)]
    if named:  # roles the plan gives its own bodies: one above its level is none of its units
        refs = [r for r in refs if not above_level(r.name, r.written, level, resolver) and not (
            level == "county" and _CITY_BODY.match(r.written))]
        if refs and not any(r.role == "lead" for r in refs):
            refs[0] = replace(refs[0], role="lead")
    # "积极争取由国家发展改革委牵头设立…", "补贴细则由省商务厅牵头制定": in a plan of a lower `level` (the issuer's), a part
    # the state or the province plays is not the item's; nor is the city's body a county's plan helps ("配合市审计局…").
    if any(r.role == "lead" and (above_level(r.name, r.name, level, resolver)
                                 or (assisted and level == "county" and _CITY_BODY.match(r.written))) for r in refs):
        return [], []
    return refs, [c.span for c in clauses]


_LEAD_KEYED = re.compile(rf"(?:^|[；;，,])(?:{'|'.join(LEAD_KEYS)})：")
# The keys that name who answers for an item without saying who leads (`RESP_ROLES`): "推进单位：…" (平潭 2016).
_UNITS_KEYED = re.compile(rf"^(?:主要|具体)?(?:{'|'.join(RESP_ROLES)})(?:单位|部门|处室|科室|(?<=责任)对象)(?:（(?:单位|部门|处室|科室)）)?：")


def extract_units(text: str, span: Span, resolver: UnitResolver, keyed_only: bool = False, lists_stated: bool = False,
                  closing_lists: bool = False) -> tuple[list[UnitRef], list[Span]]:
    """All units of the item at span of text, and the spans of its responsibility clauses; with `keyed_only`,
    those of clauses under a key ("牵头部门：A") alone, as the lines under a heading state them for its sub-items;
    `lists_stated`, `closing_lists`: the plan has said how its clauses read, or closes its measures with lists of
    offices (`find_clauses`)."""
    body = text[span.start : span.end]
    clauses = sorted(find_clauses(body, span.start, lists_stated, closing_lists), key=lambda c: c.span.start)
    if keyed_only:  # and naming units: "牵头单位：要切实履行牵头抓总职责" states a duty, no one
        clauses = [c for c in clauses if (m := KEY_AT_START.match(c.content))
                   and (looks_like_units(c.content[m.end():]) or has_role_suffix(c.content[m.end():]))]
    elif (division := _division_lines(body, span.start)) and all(
            c.span.start < division[0].span.end and division[0].span.start < c.span.end for c in clauses) \
            and _keeps_every_name(division[0], clauses, text, resolver):
        clauses = division  # also where a key read it as a unit list ("责任单位：A负责开展…工作，B组织实施")
    elif not clauses:
        clauses = embedded_clauses(body, span.start) or _duty_lines(body, span.start)
    refs: list[UnitRef] = []
    # The three-tier 牵头单位 / 责任单位 / 配合单位 scheme: with a 牵头单位 named, 责任单位 take part.
    keyed_lead = any(_LEAD_KEYED.search(c.content) for c in clauses)
    office_leads = any(_LEAD_KEYED.search(c.content) and not c.content.startswith(PLACE_KEY) for c in clauses)
    co_keyed = bool(CO_KEY_ANYWHERE.search(body))
    for clause in clauses:
        got = parse_clause(clause, text, resolver, co_keyed, lists_stated)
        # With a 牵头单位 named, 责任单位 take part, and so do the places a 属地责任 line names.
        if (keyed_lead and _UNITS_KEYED.match(clause.content) and not _LEAD_KEYED.search(clause.content)) \
                or (office_leads and clause.content.startswith(PLACE_KEY)):
            got = [UnitRef(r.name, r.written, "co", r.span) for r in got]
        refs.extend(got)
    # One unit named in two clauses keeps its strongest role once.
    best: dict[str, UnitRef] = {}
    for ref in refs:
        if ref.name not in best or (ref.role == "lead" and best[ref.name].role != "lead"):
            best[ref.name] = ref
    return [r for r in refs if best[r.name] is r], [c.span for c in clauses]


# A signature under a table's last row: one body by its full name, its place first ("上海市静安区建设和管理委员会").
_SIGNATURE = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:省|市|自治区|综合实验区)[\u4e00-\u9fff]{4,}$")
# Places' own bodies, which a column of where the work is done lists ("彭浦新村街道办事处、临汾路街道办事处").
_PLACES_ONLY = re.compile(r"(?:街道|街道办事处|镇|乡|镇人民政府|乡人民政府|镇政府|乡政府|片区|村|社区|居委会)$")


def column_lines(text: str, span: Span, resolver: UnitResolver) -> tuple[list[UnitRef], list[Span]]:
    """An annex row given one cell per line whose last lines are its unit columns ("（1）建设精品道路300条。 / 建设精品
    道路100条。 / … / 设施养护处 / 各相关部门和单位 / 各行业主管部门、各区"): the first such line's units lead (its 牵头
    column), the later lines' take part; their spans are the row's clauses. Not a signature under the last row, nor a
    column of the places where the work is done before the office that leads it (review, helper 420)."""
    lines = []
    at = span.start
    for line in text[span.start : span.end].split("\n"):
        if line.strip():
            lines.append((line.strip(), at + len(line) - len(line.lstrip())))
        at += len(line) + 1
    while len(lines) > 1 and _SIGNATURE.match(lines[-1][0]):
        lines.pop()

    def names(cell: str) -> bool:  # a cell of offices, their divisions ("设施养护处") or companies
        return len(cell) <= 60 and all(
            ends_like_office(n) or COLLECTIVE.match(n) or re.search(r"(?:集团|公司)$", n) for n in split_top(cell, "、，,"))

    start = next((k for k in range(1, len(lines)) if names(lines[k][0]) and not names(lines[k - 1][0])
                  and all(names(c) for c, _ in lines[k + 1 :])), None)
    if start is None or len(lines) - start > 4:
        return [], []
    places = [all(_PLACES_ONLY.search(n) for n in split_top(c, "、，,")) for c, _ in lines[start:]]
    if places[0] and not all(places):
        start += places.index(False)
    refs: list[UnitRef] = []
    spans: list[Span] = []
    for k, (cell, at) in enumerate(lines[start:]):
        clause = Span(at, at + len(cell))
        have = {r.name for r in refs}
        # The first cell's first name leads (a 责任单位 column lists its lead first); every other name takes part.
        refs += [replace(r, role="lead" if k == 0 and not refs else "co")
                 for r in parse_clause(Clause(cell, clause), text, resolver) if r.name not in have]
        spans.append(clause)
    return refs, spans
