"""Responsible units: find the clauses of an item, read their roles, resolve the names (split by unit_names)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .lexicon import Lexicon, canon_text
from .patterns import CO_KEYS, DATE_KEY, DOC_NO, LEAD_KEYS, RESP_KEY, ROLE_OR_ACT
from .records import Span, UnitRef
from .unit_names import (
    ALL_PLACES,
    CENTRAL_NAME,
    GRID_COMPANY,
    KIND,
    OWN_PLACE,
    SHARED_SUFFIX,
    UNNAMED,
    ends_like_office,
    is_body,
    split_names,
    split_top,
)

_OPEN_CLOSE = {"〔": "〕", "【": "】", "（": "）", "[": "]", "［": "］"}
_KEYWORDS = re.compile(rf"^({RESP_KEY})：")
_LEAD_KEY = re.compile(rf"^({'|'.join(LEAD_KEYS)})：")
_CO_KEY = re.compile(rf"^({'|'.join(CO_KEYS)})：")
_CO_KEY_ANYWHERE = re.compile(rf"(?:{'|'.join(CO_KEYS)})：")
# A body of government by its ending (not 企业, 协会, 高校, 院所): "张江管理局", "浦东邮政管理局".
_ADMIN_END = re.compile(r"(局|委|办|办公室|管委会|委员会|政府|厅|署|中心)$")
# Duties that do not say who leads: with no one named 牵头, the first office listed leads (and `_BY_REMIT`).
_SHARED_DUTY = (
    "分工负责", "负责", "负责落实", "负责实施", "负责组织实施", "负责具体落实",
    "抓好落实", "抓好贯彻落实", "贯彻落实", "落实", "推进", "组织实施", "具体实施", "指导", "负责指导",
    "起草", "负责起草", "组织起草",  # a legislative plan's projects: "（市科委、中关村管委会起草）"
)
# 牵头 and the duty it leads: "牵头", "牵头负责", "牵头落实", "牵头组织实施"; not "牵头抓总" (a leader's part) nor
# "牵头组织" in a bracket ("（支持行业协会牵头组织）" says what others may do).
_LEADS = r"牵头(?:负责落实|负责|落实|组织实施|实施)?"
_LEAD_SUFFIX = re.compile(rf"^由?(?P<names>.+?)(按职责|依职责|分别)?(共同)?{_LEADS}$")
# Duties of a supporting unit.
_CO_DUTY = ("具体落实", "具体负责", "配合", "参与", "协同", "协助")
# The family of "by its remit" duties, however worded: "按照各自职责分工负责", "根据职能落实", "依照职责".
_BY_REMIT = r"(?:按照?|依照?|根据|依据)(?:各自)?职[责能](?:分工)?(?:负责|落实|办理)?"
# The names are matched lazily, so the longest duty that ends the group wins; duties may follow each
# other ("配合落实"), and 负责 may name its part ("负责法制审查工作").
_DUTY = "|".join([_BY_REMIT, *sorted(_SHARED_DUTY + _CO_DUTY, key=len, reverse=True)])
_CO_SUFFIX = re.compile(rf"^(?P<names>.+?)(?:分别|各自|共同)?(?P<how>(?:{_DUTY})+|负责[\u4e00-\u9fff]{{2,10}}工作)$")  # "A、B分别负责", "共同负责"
# Other keys a clause may carry end the names before them: "（负责部门：A；适用范围：所有自贸试验区）".
_OTHER_KEY = r"(?:适用范围|实施范围|推广范围|工作目标|目标任务|考核指标|备注|说明)："
_KEY_ANYWHERE = re.compile(rf"(?:{RESP_KEY})：|{DATE_KEY}|{_OTHER_KEY}")
_NOT_UNIT_KEY = re.compile(rf"^[，,；;]?(?:{DATE_KEY}|{_OTHER_KEY})")
_OFFICIAL = re.compile(rf"^(省|市|县|区|镇|乡|各)|^.{{0,6}}(省|市|县|区|州|旗)|{GRID_COMPANY.pattern}")
_LEAD_MARK = "（牵头）"
# Central bodies by their name: "国务院国资委", "国家能源局", "中共中央宣传部", "全国总工会".
_CENTRAL = re.compile(r"^(国务院|中共中央|中央|全国)[\u4e00-\u9fff]|^国家[\u4e00-\u9fff]{1,12}(局|委|委员会|署|部|中心)$")
_JOINT = re.compile(r"^(由|会同|联合(?!党委|党支部|会|体))")  # "由A牵头，会同B负责": the names are A and B; "联合党委" is a body
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


def _has_role_suffix(names: str) -> bool:
    """True when a names list says its roles itself: "A牵头，B配合"."""
    subs = split_top(names, "，,")
    return any(_LEAD_SUFFIX.match(p) or _CO_SUFFIX.match(p) for p in subs)


def _looks_like_units(names: str) -> bool:
    # "各县（市、区）" stands for their governments.
    return all(ends_like_office(n) or ALL_PLACES.match(n) for n in split_names(names))


# A clause's last part saying when its work is due or how long it runs: "2018年3月底前完成", "2018年4月至2019年10月深化
# 提升", "持续推进", "长期坚持".
_WHEN_PART = re.compile(r"^(?:20\d{2}年|\d{1,2}月|年底|年内|[上下]半年|今年|明年|每年|逐年|持续|长期|立行立改)"
                        r"(?![^，；、]*(?:局|委|办|厅|政府|部门|单位))[^，；、]{0,24}$")  # not "2021年起移交区发改委"


def _is_resp_content(content: str, after_sentence: bool = False) -> bool:
    if _KEYWORDS.match(content):
        return True
    parts = split_top(content, "，；")
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
    if after_sentence and not _EXAMPLES.match(content) and _office_list(content):
        return True
    # "(A、B，C按职责分工负责)": groups before the last may share its suffix, if they name offices (and partners:
    # "省发展改革委、郑州海关、中豫航空集团，郑州、洛阳市政府按职责分工负责").
    co = [_CO_SUFFIX.match(p) for p in parts]
    return bool(co[-1]) and all(
        _looks_like_units(m.group("names")) if m else _looks_like_units(p) and _office_list(p) for p, m in zip(parts, co)
    )


def _office_list(names_text: str) -> bool:
    """A list that names offices: each with its jurisdiction or a collective, or after a first body of government,
    bodies that name none (a company, a customs house) but no kind of body."""
    names = split_names(names_text)
    return bool(names) and is_official(names[0]) and (
        all(_listed_body(n) for n in names) or (bool(_ADMIN_END.search(names[0])) and all(
            _listed_body(n) or (ends_like_office(n) and not KIND.search(n)) for n in names[1:])))


# A bracket that gives examples or says what a word covers: "（如市属国企上海电气集团、华谊集团）", "（包括…）".
# A place may open with one of those words: "如东县", "含山县", "即墨区".
_EXAMPLES = re.compile(r"(?:例如|比如|诸如|包括|其中|主要是|主要有|(?:如|含|即)(?![\u4e00-\u9fff]{1,2}[县市区旗]))")


def _listed_body(name: str) -> bool:
    """A name a bare list of offices may hold: an office with its jurisdiction, a body of government that carries
    its place ("张江管理局"), a collective ("各乡镇"), or the second half of "相关部门、单位"."""
    return name in ("部门", "单位") or (
        _looks_like_units(name) and bool(is_official(name) or _ADMIN_END.search(name) or ALL_PLACES.match(name)))


def is_official(names: str) -> bool:
    """Every name carries a jurisdiction: "市财政局" does, "龙头企业", "社会" and "项目审批由市发改委" do not."""
    return all((_OFFICIAL.search(n) or CENTRAL_NAME.search(n) or OWN_PLACE.match(n)) and not re.search(r"由|的|是|将", _JOINT.sub("", n))
               for n in split_names(names))


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
    # A plain sentence ("支持龙头企业牵头，高校参与") must name offices to count.
    return all(_looks_like_units(m.group("names")) and is_official(m.group("names")) for m in groups if m)


def find_clauses(text: str, offset: int) -> list[Clause]:
    """Bracketed or line-form responsibility clauses inside an item's text."""
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
                # A bracket of its own may state only the convention: "…。〔以下分工均涉及有关州（市）人民政府，不再列出〕".
                standing = not bare.strip("，,；;。 ") and any(_standing_names(m.group("names"))
                                                             for m in _CONVENTION.finditer(content))
                if _KEYWORDS.match(content) or (at_end and (standing or _is_resp_content(bare, after_sentence))):
                    found.append(Clause(content, Span(offset + start, offset + j)))
                    i = j + 1
                    continue
        i += 1
    # "责任单位：A、B" on a line of its own, or after the last sentence of a line.
    for m in re.finditer(
        r"(?m)(?:^|(?<=。)|(?<=^\d[.．、])|(?<=^\d\d[.．、])|(?<=^（\d）)|(?<=^（\d\d）))"
        rf"[（(]?(?:{RESP_KEY})：[^。\n]+",
        text,
    ):
        if any(c.span.start - offset <= m.start() < c.span.end - offset for c in found):
            continue
        lead = len(m.group(0)) - len(m.group(0).lstrip("（("))
        content = m.group(0)[lead:]
        if lead and content.endswith(("）", ")")):
            content = content[:-1]  # "（责任单位：A）" written on its own line: its own brackets go
        elif content.count("（") < content.count("）"):
            content = content.rstrip("）)")
        found.append(Clause(content, Span(offset + m.start() + lead, offset + m.start() + lead + len(content))))
    # "A牵头，B配合。" written as a plain sentence, with no bracket or key.
    # After a label, which names no one ("责任：区发改委牵头，区财政局配合"); a division line's is read as one.
    for m in re.finditer(r"(?m)(?:^|(?<=。))(?:(?P<label>[^，。；：\n]{1,8})：)?(?P<s>[^。\n]+)。?$", text):
        body = m.group("s")
        if any(c.span.start - offset < m.end() and m.start() < c.span.end - offset for c in found):
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
            for s in (entry.name, *entry.aliases):
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
        # "浮梁县政府" and "浮梁县人民政府" are one unit.
        if name.endswith("政府") and not name.endswith("人民政府"):
            return self._map.get(name[:-2] + "人民政府", name[:-2] + "人民政府")
        return name

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


# Conventions a clause states instead of roles: "列第一位者为牵头单位，下同" (the first listed leads,
# which is the default anyway), "以下均需各市州人民政府落实，不再列出" or "以下任务责任单位均包括各市〔州〕人民政府，
# 不再列出" or "以下分工均涉及有关州（市）人民政府，不再列出" (units every later item has; their list may hold commas:
# "以下均需各园区管委会，各镇（街）人民政府（办事处）落实，不再列出"), or opened by the items it covers and their
# responsible units ("各项措施责任单位均包括各市〔州〕、各县〔市、区、特区〕人民政府，以下不再列出"); "各项任务均需市县政府
# 落实，不再列出" says who carries every measure out, not a unit of each (its writer added none).
_CONVENTION = re.compile(
    r"[。；;，,]?(?:(?:列|排|排在|排名)(?:第一|首)位(?:的|者)?(?:部门|单位)?(?:为|是)牵头(?:部门|单位)"
    r"|(?:以下(?:各项)?(?:任务|工作|分工|事项|措施)?(?:的)?(?:责任单位|责任部门)?"
    r"|(?<!以上)(?<!上述)(?:本(?:方案|措施|文件))?(?:各项|所有)(?:任务|工作|分工|事项|措施)?(?:的)?(?:责任单位|责任部门))"
    r"均(?:需|由|包括|含|涉及|为|有)?(?P<names>[^。；]+?)"
    r"(?:(?:配合|负责)?(?:落实|实施|参与|负责)|(?=[，,](?:以下)?不再))|(?:以下)?不再(?:一一|单独|另行)?列出|下同)[。；;]?"
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


def parse_clause(clause: Clause, text: str, resolver: UnitResolver, co_keyed: bool = False) -> list[UnitRef]:
    """Units of one clause with their roles; spans point at each name as written. `co_keyed`: the item names
    supporting units under a key of their own (配合单位：…) somewhere, maybe in another clause."""
    refs: list[UnitRef] = []
    # Blank conventions out with commas, which keeps every offset into the clause.
    # One whose list runs over commas only if it names units ("以下任务均由区发改委牵头，区财政局、区住建局配合落实" is roles).
    content = _CONVENTION.sub(lambda m: m.group(0) if "，" in (m.group("names") or "") and not _standing_names(m.group("names"))
                              else "，" * len(m.group(0)), clause.content)
    base = clause.span.start

    cursor = base

    def add(names_text: str, rel: int, first_is_lead: bool, role: str) -> None:
        nonlocal cursor
        for k, name in enumerate(split_names(names_text)):
            if said := _CONVENTION_WORDS.search(name):
                # "以上任务均由区住建局牵头", "以上任务均由各街镇负责": the name after 均由; "各街镇均需配合": the name
                # before what it is said to do; "各项任务均需市县政府落实" names no one.
                after, before = name[said.end() :], name[: said.start()]
                named = [n for n in ((after, before) if said.group(0) == "均由" else (before,))
                         if ends_like_office(n) or ALL_PLACES.match(n)]
                if not named:
                    continue
                name = named[0]
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
                if not _looks_like_units(names):
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
        for sub in split_top(part, "，,"):
            sub_rel = content.find(sub, sub_rel)
            lm = _LEAD_SUFFIX.match(sub)
            cm = _CO_SUFFIX.match(sub)
            duty = lm or cm
            if duty and _duty_words_only(duty.group("names")):
                continue  # "持续推进", "密切配合": a duty word after no unit
            if lm:
                # Not under a 配合单位 key ("配合单位：市财政局，各区政府牵头落实": the key's units take part).
                flush(False, leading=(rest_role == "lead" or first_leads) and not any(r.role == "lead" for r in refs))
                add(lm.group("names"), sub_rel, False, "lead")
            elif cm and "会同" in cm.group("names").lstrip("由会同"):
                # "A、B会同有关部门负责": A and B lead, the ones they work with take part.
                flush(False)
                left, right = cm.group("names").lstrip("由").split("会同", 1)
                add(left, sub_rel, False, "lead")
                add(right, sub_rel + len(left) + 2, False, "co")
            elif cm and (helped := _HELPS.fullmatch(cm.group("names").lstrip("由"))) \
                    and _looks_like_units(helped.group("co")) and _looks_like_units(helped.group("lead")):
                # "A配合B、C落实": B and C do the duty, A supports them.
                flush(False)
                add(helped.group("co"), sub_rel, False, "co")  # in the order written: each name's span is found
                # Under a 配合单位 key every unit takes part, the ones helped too.
                add(helped.group("lead"), sub_rel + helped.start("lead"), False,
                    "lead" if first_leads or rest_role == "lead" else "co")
            elif cm:
                shared = not any(d in cm.group("how") for d in _CO_DUTY) and not cm.group("how").endswith("工作")
                lead_before = any(r.role == "lead" for r in refs)
                flush(shared)
                # Units that share a duty with no one named to lead: the first listed leads.
                first = shared and not lead_before and not any(r.role == "lead" for r in refs)
                add(cm.group("names"), sub_rel, first, "co")
            else:
                pending.append((sub, sub_rel))
        flush(False)

    # Keys run together once spaces are gone ("牵头单位：A配合单位：B"): split before each key too.
    cuts = sorted({0, *(m.start() for m in _KEY_ANYWHERE.finditer(content))})
    pieces = [content[a:b] for a, b in zip(cuts, cuts[1:] + [len(content)])]
    rel = 0
    for piece in pieces:
        if _NOT_UNIT_KEY.match(piece):
            continue  # "完成时限：2026年6月底前" names a date, not a unit
        for part in split_top(piece, "；;"):
            rel = content.find(part, rel)
            m = _KEYWORDS.match(part)
            if m:
                names = part[m.end():]
                if names[:1] in _OPEN_CLOSE and _matching_close(names, 0) == len(names) - 1:
                    names = names[1:-1]  # "责任单位：〔A、B按职责分工负责〕": the list bracketed once more
                    rel += 1
                has_lead = any(r.role == "lead" for r in refs)
                # 主责/主办单位 beside a 配合/协办单位 are the leading group; alone, a 责任单位 list (the first leads).
                lead_key = bool(_LEAD_KEY.match(part)) and not (
                    part.startswith(("主责", "主办")) and not co_keyed and not _CO_KEY_ANYWHERE.search(content))
                if _has_role_suffix(names):
                    # "责任单位：A牵头，B配合": the suffixes say who leads.
                    by_suffix(names, rel + m.end(), "lead" if lead_key else "co",
                              not lead_key and not _CO_KEY.match(part) and not has_lead)
                elif (with_ := re.match(r"(?P<lead>[^，,、]{2,30}?)会同(?P<rest>.+)$", names)) \
                        and _looks_like_units(with_.group("lead")) \
                        and _looks_like_units(re.split(r"[，,]", with_.group("rest"))[0]):  # those it works with
                    # "责任单位：省公安厅会同省人社厅、卫计委…，各设区市": the one named first leads (unless the key says
                    # its units take part), those it works with and the rest take part.
                    add(with_.group("lead"), rel + m.end(), False,
                        "co" if _CO_KEY.match(part) or (has_lead and not lead_key) else "lead")
                    add(with_.group("rest"), rel + m.end() + with_.start("rest"), False, "co")
                elif lead_key:
                    add(names, rel + m.end(), False, "lead")
                elif _CO_KEY.match(part) or has_lead:
                    add(names, rel + m.end(), False, "co")  # after an explicit 牵头单位, 责任单位 are co
                else:  # 责任单位: the first listed leads, unless one is marked （牵头）
                    add(names, rel + m.end(), _LEAD_MARK not in names, "co")
                continue
            by_suffix(part, rel, "co", True)
    return refs


_LEAD_KEYED = re.compile(rf"(?:^|[；;，,])(?:{'|'.join(LEAD_KEYS)})：")
_UNITS_KEYED = re.compile(r"^(?:主要|具体)?(?:责任|负责|指导|主管)(?:单位|部门|处室|科室|(?<=责任)对象)(?:（(?:单位|部门|处室|科室)）)?：")
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
_ROLES_IN_SENTENCE = (rf"{_BY}(?P<lead>[^，。；由]{{2,60}}?)(?:共同)?(?:牵头组织|{_LEADS})"
                      rf"(?:[，,、](?P<co>[^，。；]{{2,80}}?)(?:{_ETC_BODIES})?(?:作为[\u4e00-\u9fff]{{1,8}}?(?:部门|单位))?"
                      rf"(?:共同)?(?:{'|'.join(_CO_DUTY)}))?")
# As a clause of its sentence ("…由A牵头，B配合。"): the item's own roles.
_EMBEDDED = re.compile(_ROLES_IN_SENTENCE + r"(?(co)(?![\u4e00-\u9fff]{0,4}的)|(?=[，。；,]|$))")  # "B配合推进…": its work may follow
# With the duty after them ("标准由A牵头制定"): who does a part of the item, or runs the body it sets up.
_ROLES = re.compile(_ROLES_IN_SENTENCE)
# "细则由A会同B、C等部门另行制定": A leads, the ones it works with take part.
_WITH = re.compile(_BY + r"(?P<lead>[^，。；由]{2,60}?)(?:牵头)?会同(?P<rest>[^，。；]{2,80})")
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
        if names and _looks_like_units(names) and is_official(names):
            return names
    return None


def _clause_before(text: str, at: int) -> str:
    """The text of the clause that `at` lies in, up to `at`."""
    return text[max(text.rfind(p, 0, at) for p in "，。；\n") + 1 : at]


# "（一）区党群工作部。按照…" / "区商务委：负责…": a duty list whose lines open with the office.
_DUTY_LINE = re.compile(r"(?m)^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.]?)?(?P<name>[^。：:，\n]{2,24}?)(?:[。：:]|负责|$)")


def embedded_clauses(text: str, offset: int) -> list[Clause]:
    """Roles a sentence states as a clause of its own ("…由A牵头，B配合。"), when every name in them is an office
    and the sentence does not build something they run ("健全由市政府牵头，各部门协同推进的工作机制")."""
    out = []
    for m in _EMBEDDED.finditer(text):
        if _BUILDS.search(_clause_before(text, m.start())):
            continue
        clause = _roles_clause(*_with_partners(m.group("lead"), m.group("co")), Span(offset + m.start("lead"), offset + m.end()))
        if clause is None and m.group("co"):
            # "由区住建局牵头，企业参与建设运营": helpers that are no offices leave the lead's own clause.
            clause = _roles_clause(*_with_partners(m.group("lead"), None),
                                   Span(offset + m.start("lead"), offset + m.start("co") - 1))
        if clause:
            out.append(clause)
    return out


def _roles_clause(lead: str, co: str | None, span: Span) -> Clause | None:
    """"A牵头，B配合" as a clause at `span`, when every name in it is an office."""
    if not all(_looks_like_units(n) and is_official(n) for n in [lead] + ([co] if co else [])):
        return None
    return Clause(lead + "牵头" + (f"，{co}配合" if co else ""), span)


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
        # Of what the item builds only with `built`; never invited ("支持由…牵头"), nor a leader's "牵头抓总".
        if bool(_BUILDS.search(before)) != built or _INVITES.search(before) or text.startswith("抓总", end):
            continue
        # Where the list after 会同 has no plain end, any 的 in the clause may close a name.
        if not built and (_MADE.match(text[end:]) or (m.re is _WITH and not co and _clause_has_de(text, end))):
            continue
        if clause := _roles_clause(lead, co, Span(offset + m.start("lead"), offset + end)):
            out.append(clause)
    return out


# A department named by its field alone, as a duty list's line may open: "（一）商务部门。检查…", "应急管理部门：";
# not a role or a qualifier ("牵头部门", "职能部门", "相关部门") nor a heading that acts ("明确责任部门").
_FIELD_DEPARTMENT = re.compile(rf"^(?!.*(?:{ROLE_OR_ACT}))[\u4e00-\u9fff]{{2,8}}?(?:主管)?部门$")
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
            if not m or not names or not all(ends_like_office(n) or ALL_PLACES.match(n) for n in names):
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
        if m.group(0).endswith(name) and m.start() > 0:
            continue  # a bare office name as a later line is a signature; as the heading it names the duty
        # "抽查对象为全市成品油零售经营企业。" is a sentence that ends like an office, not a name.
        if (ends_like_office(name) and (is_official(name) or _FIELD_DEPARTMENT.match(name))
                and not re.search(r"[，、]", name) and not COPULA.search(name) and not _ACTS_ON.search(name)):
            names.append((name, m.start("name")))
    if not names:
        return []
    return [Clause("、".join(n for n, _ in names) + "按职责分工负责", Span(offset + names[0][1], offset + names[-1][1] + len(names[-1][0])))]


PROVINCIAL = re.compile(r"^(?:(?:[\u4e00-\u9fff]{2,3})?省|(?:[\u4e00-\u9fff]{2,5})?自治区)(?!级)")


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


_CITY_BODY = re.compile(r"^(?:[\u4e00-\u9fff]{2,3})?市(?!场|属)")
# A role said of a body: "省发展改革委和省林业局为全省国有林场电网改造的总牵头单位", "市县林业局为责任单位"; not a
# standing ("各街镇政府是公园城市建设的责任主体", "…的行政主管部门"), which assigns no item.
_NAMED_ROLE = re.compile(r"(?:^|(?<=[。；，、\n]))(?:[\d]{1,2}[.．、]|[（(]\d{1,2}[)）])?(?P<names>[^，。；\n]{2,40}?)(?:为|是|作为)"
                         r"(?:[^，。；\n]{0,30}?的)?总?(?P<role>牵头单位|牵头部门|责任单位|责任部门|配合单位|配合部门)"
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
             and all(_looks_like_units(x) and is_official(x) for x in split_names(n))]
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
    co += [n for n in helping if all(_looks_like_units(x) and is_official(x) for x in split_names(n))]
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
    clauses = parts or named or assisted
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


def above_level(canonical: str, written: str, level: str, resolver: UnitResolver) -> bool:
    """A body of the state in a province's, city's or county's plan, or of the province in a city's or county's."""
    return (level in ("provincial", "city", "county") and resolver.is_national(canonical)) or (
        level in ("city", "county") and bool(PROVINCIAL.match(written)))


def extract_units(text: str, span: Span, resolver: UnitResolver, keyed_only: bool = False
                  ) -> tuple[list[UnitRef], list[Span]]:
    """All units of the item at span of text, and the spans of its responsibility clauses; with `keyed_only`,
    those of clauses under a key ("牵头部门：A") alone, as the lines under a heading state them for its sub-items."""
    body = text[span.start : span.end]
    clauses = sorted(find_clauses(body, span.start), key=lambda c: c.span.start)
    if keyed_only:  # and naming units: "牵头单位：要切实履行牵头抓总职责" states a duty, no one
        clauses = [c for c in clauses if (m := _KEYWORDS.match(c.content))
                   and (_looks_like_units(c.content[m.end():]) or _has_role_suffix(c.content[m.end():]))]
    elif (division := _division_lines(body, span.start)) and all(
            c.span.start < division[0].span.end and division[0].span.start < c.span.end for c in clauses) \
            and _keeps_every_name(division[0], clauses, text, resolver):
        clauses = division  # also where a key read it as a unit list ("责任单位：A负责开展…工作，B组织实施")
    elif not clauses:
        clauses = embedded_clauses(body, span.start) or _duty_lines(body, span.start)
    refs: list[UnitRef] = []
    # The three-tier 牵头单位 / 责任单位 / 配合单位 scheme: with a 牵头单位 named, 责任单位 take part.
    keyed_lead = any(_LEAD_KEYED.search(c.content) for c in clauses)
    co_keyed = bool(_CO_KEY_ANYWHERE.search(body))
    for clause in clauses:
        got = parse_clause(clause, text, resolver, co_keyed)
        if keyed_lead and _UNITS_KEYED.match(clause.content) and not _LEAD_KEYED.search(clause.content):
            got = [UnitRef(r.name, r.written, "co", r.span) for r in got]
        refs.extend(got)
    # One unit named in two clauses keeps its strongest role once.
    best: dict[str, UnitRef] = {}
    for ref in refs:
        if ref.name not in best or (ref.role == "lead" and best[ref.name].role != "lead"):
            best[ref.name] = ref
    return [r for r in refs if best[r.name] is r], [c.span for c in clauses]
