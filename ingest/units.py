"""Responsible units: find the clause, split the names, mark lead and co roles."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, canon_text
from .patterns import CO_KEYS, LEAD_KEYS, RESP_KEY
from .records import Span, UnitRef

_OPEN_CLOSE = {"〔": "〕", "【": "】", "（": "）", "[": "]", "［": "］"}
_KEYWORDS = re.compile(rf"^({RESP_KEY})：")
_LEAD_KEY = re.compile(rf"^({'|'.join(LEAD_KEYS)})：")
_CO_KEY = re.compile(rf"^({'|'.join(CO_KEYS)})：")
_LEAD_SUFFIX = re.compile(r"^由?(?P<names>.+?)(按职责|依职责|分别)?(共同)?牵头(负责)?$")
# Duties that do not say who leads: with no one named 牵头, the first office listed leads.
_SHARED_DUTY = (
    "按职责分工负责", "按职责负责", "按职责分工", "依职责办理", "依职责负责", "按职能负责", "分工负责", "负责", "负责落实", "负责实施", "负责组织实施", "负责具体落实",
    "抓好落实", "抓好贯彻落实", "贯彻落实", "落实", "推进", "组织实施", "具体实施", "指导", "负责指导", "按职责指导",
)
# Duties of a supporting unit.
_CO_DUTY = ("具体落实", "配合", "参与", "协同", "协助")
# The names are matched lazily, so the longest duty that ends the group wins; duties may follow each
# other ("配合落实"), and 负责 may name its part ("负责法制审查工作").
_DUTY = "|".join(sorted(_SHARED_DUTY + _CO_DUTY, key=len, reverse=True))
_CO_SUFFIX = re.compile(rf"^(?P<names>.+?)(?P<how>(?:{_DUTY})+|负责[\u4e00-\u9fff]{{2,10}}工作)$")
# Keys of a task-division table that sit in the same clause but name no unit:
# 完成时限, 推进时限, 办理期限, 完成时间, 时间节点…
_DATE_KEY = r"(?:完成|推进|办理|实施|工作|落实|办结)?(?:时限|期限|时间节点|时间)(?:要求)?："
# Other keys a clause may carry end the names before them: "（负责部门：A；适用范围：所有自贸试验区）".
_OTHER_KEY = r"(?:适用范围|实施范围|推广范围|工作目标|目标任务|考核指标|备注|说明)："
_KEY_ANYWHERE = re.compile(rf"(?:{RESP_KEY})：|{_DATE_KEY}|{_OTHER_KEY}")
_NOT_UNIT_KEY = re.compile(rf"^[，,；;]?(?:{_DATE_KEY}|{_OTHER_KEY})")
# Names of offices start with their jurisdiction ("市…", "各县…") or carry it early ("国网云岭县供电公司").
_ALL_PLACES = re.compile(r"^各(县|市|区|乡|镇|州|街道)[（）县市区乡镇州、街道]*$|^(各|相关|有关)(地区|地方|地|部门|单位)$|^各[\u4e00-\u9fff]{1,4}(地区|部门)$")
_OFFICIAL = re.compile(r"^(省|市|县|区|镇|乡|各)|^.{0,6}(省|市|县|区|州|旗)")
# Central bodies carry no place: "工业和信息化部", "市场监管总局", "人民银行", "中央网信办", "全国总工会".
_CENTRAL_NAME = re.compile(
    r"^(国务院|中共中央|中央|全国|国家|中国)|^[\u4e00-\u9fff]{1,10}(部|总局|总署|署|银行|证监会|银保监会|国资委|工委|总社|扶贫办|国管局)$"
)
_LEAD_MARK = "（牵头）"
# Central bodies by their name: "国务院国资委", "国家能源局", "中共中央宣传部", "全国总工会".
_CENTRAL = re.compile(r"^(国务院|中共中央|中央|全国)[\u4e00-\u9fff]|^国家[\u4e00-\u9fff]{1,12}(局|委|委员会|署|部|中心)$")
_JOINT = re.compile(r"^(由|会同|联合)")  # "由A牵头，会同B负责": the names are A and B
# Suffixes a run of place names may share: "高新区、昌南新区管委会".
_SHARED_SUFFIX = ("管理委员会", "管委会", "管委办", "党工委", "人民政府", "政府")
_PLACE_END = re.compile(r"(区|县|市|州|镇|乡|园区|新区|开发区|街道)$")
_ORG_END = re.compile(
    r"(局|委|办|会|府|中心|部|行|分行|联|院|所|厅|处|公司|集团|队|站|馆|社|署|室|团|组|司|企业|单位|部门|高校|海关|总队|支队|大队|团中央)$"
)


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
    return all(_ends_like_office(n) or _ALL_PLACES.match(n) for n in split_names(names))


def _ends_like_office(name: str) -> bool:
    """"市财政局", "各乡镇人民政府": the name ends the way an office's does ("…中心（区供销社）" too)."""
    name = re.sub(r"（[^（）]*）$", "", name)
    return bool(_ORG_END.search(name)) or name.endswith("政府")


def _is_resp_content(content: str, after_sentence: bool = False) -> bool:
    if _KEYWORDS.match(content):
        return True
    parts = split_top(content, "，；")
    if not parts or any(len(p) > 80 for p in parts):
        return False
    # "(A牵头，B配合)": a part ending in 牵头; "(A、B按职责分工负责)": units sharing a duty.
    if any(_LEAD_SUFFIX.match(p) for p in parts):
        return True
    # "…。（市科委、市经济信息化委、市商务委）": a bare list of offices after a sentence, the first leading;
    # "区人社局（区就业局）" is one office's second name, not a clause.
    if after_sentence and all(_looks_like_units(p) and _is_official(p) for p in parts):
        return True
    # "(A、B，C按职责分工负责)": groups before the last may share its suffix, if they name offices.
    co = [_CO_SUFFIX.match(p) for p in parts]
    return bool(co[-1]) and all(
        _looks_like_units(m.group("names")) if m else _looks_like_units(p) and _is_official(p) for p, m in zip(parts, co)
    )


def _is_official(names: str) -> bool:
    """Every name carries a jurisdiction: "市财政局" does, "龙头企业", "社会" and "项目审批由市发改委" do not."""
    return all((_OFFICIAL.search(n) or _CENTRAL_NAME.search(n)) and not re.search(r"由|的|是|将", _JOINT.sub("", n))
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
    if not all(lm or cm for lm, cm in zip(lead, co)):
        return False
    # A plain sentence ("支持龙头企业牵头，高校参与") must name offices to count.
    return all(
        _looks_like_units(names) and _is_official(names)
        for names in ((lm or cm).group("names") for lm, cm in zip(lead, co))
    )


def find_clauses(text: str, offset: int) -> list[Clause]:
    """Bracketed or line-form responsibility clauses inside an item's text."""
    found: list[Clause] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in _OPEN_CLOSE:
            j = _matching_close(text, i)
            if j > 0:
                content = text[i + 1 : j]
                at_end = i == 0 or text[i - 1] in "。；\n" or j == len(text) - 1 or text[j + 1] in "\n。；"
                bare = _CONVENTION.sub("", content)  # "（A、B负责。列第一位者为牵头单位，下同）"
                after_sentence = i == 0 or text[i - 1] in "。；\n"
                if _KEYWORDS.match(content) or (at_end and _is_resp_content(bare, after_sentence)):
                    found.append(Clause(content, Span(offset + i + 1, offset + j)))
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
    for m in re.finditer(r"(?m)(?:^|(?<=。))(?P<s>[^。\n]+)。?$", text):
        body = m.group("s")
        if any(c.span.start - offset < m.end() and m.start() < c.span.end - offset for c in found):
            continue
        if len(body) <= 120 and _is_bare_clause(body):
            found.append(Clause(body, Span(offset + m.start("s"), offset + m.end("s"))))
    return found


def split_top(s: str, seps: str) -> list[str]:
    """Split on separators outside brackets: "各县（市、区）政府" stays whole."""
    parts, depth, cur = [], 0, []
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
    last = names[-1]
    suffix = next((s for s in _SHARED_SUFFIX if last.endswith(s) and len(last) > len(s)), None)
    if suffix is None:
        return names
    out = []
    for name in names[:-1]:
        if _PLACE_END.search(name) and not _ORG_END.search(name.removesuffix("市").removesuffix("区") or "x"):
            out.append(name + suffix)
        else:
            out.append(name)
    return out + [last]


def _split_and(name: str) -> list[str]:
    """"省财政厅及各设区市人民政府" -> both units; only when every side ends like a unit.

    及 joins units before 和 does: "国务院相关部门和单位及各地区" is one collective and 各地区.
    """
    generic = ("部门", "单位", "企业", "机构")  # "有关部门和单位" is one collective

    def unit_like(p: str) -> bool:
        return (_ends_like_office(p) or bool(_ALL_PLACES.match(p))) and p not in generic

    for sep in (r"以及|及", r"和"):
        parts = [p for p in re.split(sep, name) if p]
        if len(parts) > 1 and all(unit_like(p) for p in parts):
            return [q for p in parts for q in _split_and(p)]
    return [name]


# "A等B": units, then the collective they stand for ("银保监会等国务院相关部门", "商务部等和各有关省级人民政府").
_ETC = re.compile(r"^(?P<first>.+?)等(?:和|及|以及)?(?P<rest>.*)$")
# A one-place word after "各州、" belongs to the same collective: "各州、市人民政府".
_PLACE_WORD = re.compile(r"^(市|县|区|州|盟|旗|镇|乡)")
# A list that opens with a jurisdiction prefix lends it to bare names after it:
# "区行政审批局、市场监督管理局" -> 区市场监督管理局. Not to names that carry a place or are no office of it.
_PREFIX = re.compile(r"^(省|市|区|县)(?!场|委|政府|直|有关|相关|级)")
_NO_PREFIX_NEEDED = re.compile(r"^(各|全|有关|相关|国家|国务院|中国|中央|省|市|区|县)|海事|[省市县区州镇乡]|街道|政府$|管委会$|银行|行$|公司|集团|分局|证监局|总局.|海关|电网|大学|学院|医院|协会")


# Departments of a local party committee end like ministries: "党群工作部", "宣传与影视发展部".
_LOCAL_PARTY_DEPT = re.compile(r"(工作部|发展部|宣传部|统战部|组织部)$")


def _merge_place_words(parts: list[str]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if out and re.search(r"(^|[和及])各[\u4e00-\u9fff]{1,3}$", out[-1]) \
                and re.fullmatch(r"[市县区州盟旗镇乡](人民政府|政府|管委会)", part):
            out[-1] = f"{out[-1]}、{part}"
        else:
            out.append(part)
    return out


# Bodies of a vertically managed system carry their own place: "上海金融监管局", "深圳供电局", "平潭海事局".
_OWN_PLACE = re.compile(r"^[\u4e00-\u9fff]{2,}(金融监管局|金融监管分局|证监局|供电局|供电公司|海关|海事局|边检站|税务局|气象局|"
                        r"邮政管理局|通信管理局|烟草专卖局|铁路局)$")


def _lend_prefix(names: list[str]) -> list[str]:
    m = _PREFIX.match(names[0]) if names else None
    if m is None:
        return names
    out = [names[0]]
    lending = True
    for n in names[1:]:
        bare = n.removesuffix("等")
        own = bool(_OWN_PLACE.match(bare)) or (bool(_CENTRAL_NAME.search(bare)) and not _LOCAL_PARTY_DEPT.search(bare))
        lendable = _ends_like_office(bare) and not _NO_PREFIX_NEEDED.search(bare.replace("市场", "场")) \
            and len(bare) >= 3 and not own
        # The prefix runs over the list until a name that is no office of it: "…、各街镇、桃浦智创城、苏河水岸办".
        lending = lending and (lendable or own or n.startswith(m.group(1)))
        out.append(m.group(1) + n if lending and lendable else n)
    return out


def split_names(s: str) -> list[str]:
    """Unit names of a list: commas separate groups, 、 separates names in a group."""
    names: list[str] = []
    for group in split_top(s, "，,；;"):
        parts = _lend_prefix(_merge_place_words(split_top(group, "、")))
        for name in share_suffix([n for part in parts for n in _split_and(part)]):
            # "市发改委等市直有关部门": a unit and a collective; "A等" closes a list.
            m = _ETC.match(name)
            if m and (not m.group("rest") or _ends_like_office(m.group("rest")) or _ALL_PLACES.match(m.group("rest"))):
                names.append(m.group("first"))
                for rest in _split_and(m.group("rest")):
                    if rest not in ("部门", "单位"):
                        names.append(rest)
            else:
                names.append(_without_second_name(name.removesuffix("等").removesuffix("。")))
    return [n for n in names if n]


def _without_second_name(name: str) -> str:
    """"市商务局（市口岸办）": one office under two names; the first is the one the graph keeps.

    A note on what a name covers goes too: "各区政府（含新区、合作区管委会）".
    """
    name = re.sub(r"（(?:含|包括)[^（）]*）$|（[，、\s]*）$", "", name)
    m = re.fullmatch(r"(?P<first>[^（）]+)（(?P<second>[^（）]+)）", name)
    if m and _ORG_END.search(m.group("first")) and _ORG_END.search(m.group("second")):
        return m.group("first")
    return name


class UnitResolver:
    """Alias table lookup: any spelling -> canonical unit name, in a region's scope."""

    def __init__(self, lexicon: Lexicon, region: str | None) -> None:
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
# which is the default anyway), "以下均需各市州人民政府落实，不再列出" (units every later item has).
_CONVENTION = re.compile(
    r"[。；;，,]?(?:(?:列|排|排在|排名)(?:第一|首)位(?:的|者)?(?:部门|单位)?(?:为|是)牵头(?:部门|单位)"
    r"|以下均(?:需|由)?(?P<names>[^，。；]+?)(?:配合|负责)?(?:落实|实施|参与|负责)|不再(?:一一)?列出|下同)[。；;]?"
)


def standing_units(text: str, clauses: list[Span], resolver: UnitResolver) -> list[UnitRef]:
    """Units a clause says every item from here on has: "以下均需各片区配合落实，不再列出"."""
    out = []
    for span in clauses:
        for m in _CONVENTION.finditer(text, span.start, span.end):
            if m.group("names"):
                for name in split_names(m.group("names")):
                    out.append(UnitRef(resolver.resolve(name), name, "co", Span(m.start("names"), m.end("names"))))
    return out


def parse_clause(clause: Clause, text: str, resolver: UnitResolver) -> list[UnitRef]:
    """Units of one clause with their roles; spans point at each name as written."""
    refs: list[UnitRef] = []
    # Blank conventions out with commas, which keeps every offset into the clause.
    content = _CONVENTION.sub(lambda m: "，" * len(m.group(0)), clause.content)
    base = clause.span.start

    cursor = base

    def add(names_text: str, rel: int, first_is_lead: bool, role: str) -> None:
        nonlocal cursor
        for k, name in enumerate(split_names(names_text)):
            marked = name.endswith(_LEAD_MARK)
            name = _JOINT.sub("", name.removesuffix(_LEAD_MARK))
            # A name that took a shared suffix is written without it in the text.
            written = next((c for c in (name, *(name.removesuffix(s) for s in _SHARED_SUFFIX)) if text.find(c, cursor, clause.span.end) >= 0), name)
            pos = text.find(written, cursor, clause.span.end)
            start = pos if pos >= 0 else base + rel
            cursor = start + len(written) if pos >= 0 else cursor
            r = "lead" if (first_is_lead and k == 0) or marked else role
            refs.append(UnitRef(resolver.resolve(name), name, r, Span(start, start + len(written))))

    def by_suffix(part: str, rel: int, rest_role: str, first_leads: bool) -> None:
        """"A牵头，B、C配合" / "A、B，C按职责分工负责": roles from each group's suffix."""
        pending: list[tuple[str, int]] = []  # groups with no suffix of their own

        def flush(shared: bool) -> None:
            # shared: the groups share the duty that follows, and the first of them leads if no one does.
            first = True
            for names, at in pending:
                if not _looks_like_units(names):
                    continue  # "2026年12月底前", "持续推进", "下同": not units
                no_lead = not any(r.role == "lead" for r in refs)
                if shared:
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
            if (lm or cm) and _duty_words_only((lm or cm).group("names")):
                continue  # "持续推进", "密切配合": a duty word after no unit
            if lm:
                flush(False)
                add(lm.group("names"), sub_rel, False, "lead")
            elif cm and "会同" in cm.group("names").lstrip("由会同"):
                # "A、B会同有关部门负责": A and B lead, the ones they work with take part.
                flush(False)
                left, right = cm.group("names").lstrip("由").split("会同", 1)
                add(left, sub_rel, False, "lead")
                add(right, sub_rel + len(left) + 2, False, "co")
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
                has_lead = any(r.role == "lead" for r in refs)
                if _has_role_suffix(names):
                    # "责任单位：A牵头，B配合": the suffixes say who leads.
                    lead_key = bool(_LEAD_KEY.match(part))
                    by_suffix(names, rel + m.end(), "lead" if lead_key else "co",
                              not lead_key and not _CO_KEY.match(part) and not has_lead)
                elif _LEAD_KEY.match(part):
                    add(names, rel + m.end(), False, "lead")
                elif _CO_KEY.match(part) or has_lead:
                    add(names, rel + m.end(), False, "co")  # after an explicit 牵头单位, 责任单位 are co
                else:  # 责任单位: the first listed leads, unless one is marked （牵头）
                    add(names, rel + m.end(), _LEAD_MARK not in names, "co")
                continue
            by_suffix(part, rel, "co", True)
    return refs


_LEAD_KEYED = re.compile(rf"(?:^|[；;，,])(?:{'|'.join(LEAD_KEYS)})：")
_UNITS_KEYED = re.compile(r"^(?:责任|负责|指导|主管)(?:单位|部门|处室|科室)：")
# "…工作由A、B牵头，C、D等部门配合，…": roles stated inside a sentence of the item.
_EMBEDDED = re.compile(r"由(?P<lead>[^，。；由]{2,60}?)(?:共同)?牵头(?:负责)?(?:[，,](?P<co>[^，。；]{2,80}?)(?:等(?:部门|单位))?(?:配合|参与|协同))?(?=[，。；,]|$)")
# "（一）区党群工作部。按照…" / "区商务委：负责…": a duty list whose lines open with the office.
_DUTY_LINE = re.compile(r"(?m)^(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.]?)?(?P<name>[^。：:，\n]{2,24}?)(?:[。：:]|负责|$)")


def _embedded_clauses(text: str, offset: int) -> list[Clause]:
    """Roles a sentence states in passing, when every name in them is an office."""
    out = []
    for m in _EMBEDDED.finditer(text):
        names = [m.group("lead")] + ([m.group("co")] if m.group("co") else [])
        if all(_looks_like_units(n) and _is_official(n) for n in names):
            content = m.group("lead") + "牵头" + (f"，{m.group('co')}配合" if m.group("co") else "")
            out.append(Clause(content, Span(offset + m.start("lead"), offset + m.end())))
    return out


def _duty_lines(text: str, offset: int) -> list[Clause]:
    """Offices that open the lines of a duty list: the first leads, the rest take part."""
    names = []
    for m in _DUTY_LINE.finditer(text):
        name = m.group("name")
        if m.group(0).endswith(name) and m.start() > 0:
            continue  # a bare office name as a later line is a signature; as the heading it names the duty
        if _ends_like_office(name) and _is_official(name) and not re.search(r"[，、]", name):
            names.append((name, m.start("name")))
    if not names:
        return []
    return [Clause("、".join(n for n, _ in names) + "按职责分工负责", Span(offset + names[0][1], offset + names[-1][1] + len(names[-1][0])))]


def extract_units(text: str, span: Span, resolver: UnitResolver) -> tuple[list[UnitRef], list[Span]]:
    """All units of the item at span of text, and the spans of its responsibility clauses."""
    body = text[span.start : span.end]
    clauses = sorted(find_clauses(body, span.start), key=lambda c: c.span.start)
    if not clauses:
        clauses = _embedded_clauses(body, span.start) or _duty_lines(body, span.start)
    refs: list[UnitRef] = []
    # The three-tier 牵头单位 / 责任单位 / 配合单位 scheme: with a 牵头单位 named, 责任单位 take part.
    keyed_lead = any(_LEAD_KEYED.search(c.content) for c in clauses)
    for clause in clauses:
        got = parse_clause(clause, text, resolver)
        if keyed_lead and _UNITS_KEYED.match(clause.content) and not _LEAD_KEYED.search(clause.content):
            got = [UnitRef(r.name, r.written, "co", r.span) for r in got]
        refs.extend(got)
    # One unit named in two clauses keeps its strongest role once.
    best: dict[str, UnitRef] = {}
    for ref in refs:
        if ref.name not in best or (ref.role == "lead" and best[ref.name].role != "lead"):
            best[ref.name] = ref
    return [r for r in refs if best[r.name] is r], [c.span for c in clauses]
