"""Incentives: the money and rates a plan offers, each figure with its role (award, subsidy, rate, cap, threshold)."""
from __future__ import annotations

import re

from .patterns import PER_AREA, SANCTION
from .records import Incentive, Span

# Words that grant something; a figure is an incentive only in a sentence that has one.
# A fee cut is a rate the plan grants: "工伤保险费率下调20%", "通行费7折优惠".
_GRANT = re.compile(r"给予|予以|奖励|奖补|补贴|补助|资助|贴息|补偿|一次性|扶持资金|支持资金|返还|担保贷款|减按|即征即退|免租"
                    # tax relief by a share: "按投资额70%抵扣应纳税所得额", "加计5%抵减应纳税额" (not "抵扣链条完整率达到95%")
                    r"|(?<=%)(?:抵扣|抵减|减征)|幅度(?:范围)?内减征"  # not "减征政策落实率达到100%"
                    # a rate cut by a share; "价格下调50%" and "收费标准下调10%以上" are goals
                    r"|折优惠|(?:费率|收费标准)下调(?=\d+(?:\.\d+)?%(?!以上))"
                    # "按投资总额的30%申请专项资金支持", "按…增量的2%提供资金支持"; not "帮助企业申请…"
                    r"|(?<=%)(?:申请|提供)[\u4e00-\u9fff]{0,8}?资金支持")
# Money a government sets aside: "省级财政安排2.55亿元", "用好6亿元省级…专项资金".
_ALLOCATION = re.compile(r"(安排|统筹|用好|下达)[\u4e00-\u9fff]{0,8}$")
_AWARD = re.compile(r"奖励|奖金")
# Words that say what a granted figure is ("50万元一次性奖励"): 给予 and 一次性 say nothing of it.
_WHAT = re.compile(r"奖励|奖金|奖补|补贴|补助|资助|贴息|补偿|支持")
# Where the condition of an incentive starts: "对…的企业，给予…", "凡…", "经认定为…的".
_CONDITION_START = re.compile(r"对|凡|经认定|符合条件|获得|认定为|首次|新认定|新引进|新获批")
_CAP_BEFORE = re.compile(r"(最高|不超过|不高于|最多|上限为?|封顶|累计不超过|总额不超过|每年不超过)[\u4e00-\u9fff]{0,2}$")
# What one beneficiary, or the grant itself, may reach: "单个企业可达200万元", "单个项目累计可达500万元", "每家补贴金额可达
# 100万元", "补助最高可达500万元", "给予承训机构可达10万元"; not a forecast in the same sentence ("投产后年产值可达30亿元",
# "每户年均增收可达3000元", "单个项目总投资可达50亿元").
_BODY_NOUN = r"(?:企业|项目|平台|单位|公司|机构|园区|基地|主体|村|户|人|家|器|站|队|社|场|院|所|校|中心)"
_GRANT_WORD = r"(?:奖励|补贴|补助|资助|支持|奖补)(?:金额|资金|额度)?"
_REACH = (rf"(?:(?:(?:单个|每个|单家|每家|单项|每项|单户|每户)(?:[\u4e00-\u9fff]{{0,6}}?{_BODY_NOUN})?|给予[\u4e00-\u9fff]{{0,8}}?{_BODY_NOUN})"
          rf"(?:每年|年度|累计|一次性)?(?:{_GRANT_WORD})?|{_GRANT_WORD})(?:最高)?可达")
_REACH_BEFORE = re.compile(_REACH + "$")
_REACH_FIGURE = re.compile(_REACH + r"\d")
_CAP_AFTER = re.compile(r"^(封顶|为限|以内|的上限)")
_PER_THING = rf"/(?:千瓦时|度|人|户|年|月|次|辆|台|套|{PER_AREA}|吨|千瓦|个|家|件|亩|架次|标准箱)"
_MONEY = rf"(?:万亿元|亿美元|万美元|亿元|万元|千元|美元|元)(?:{_PER_THING})?"
_RATE = r"%|％|个百分点|‰|折"
# What a threshold may count besides money and rates.
# The engine size of a car bought ("2.0升及以下排量燃油乘用车") qualifies as a threshold does; writers leave grades (1级能效).
_OTHER = (r"万千瓦时|千瓦时|万千瓦|千瓦|兆瓦|万吨|吨|万平方米|平方米|亩|万架次|架次|万人次|人次|万人|人|万辆|辆|万台|台|"
          r"万套|套|万件|件|个月|万个|个|家|项|次|年|倍|升")
# The low end of a range takes the unit written after the high end: "给予1—14万元不等的补贴".
_FIGURE = re.compile(rf"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?:(?P<unit>{_MONEY}|{_RATE}|{_OTHER})"
                     rf"|(?=[—–\-－~至]\d+(?:\.\d+)?(?P<high>{_MONEY}|{_RATE}|{_OTHER})))")
# A bare 以上 may size what is offered ("5000万元以上资金用于奖励"), and so may a minimum of funds ("安排1000万元及以上资金").
_MINIMUM = re.compile(r"(?:（含）|及)以上(?!的?(?:财政)?(?:资金|经费|专项|比例|额度))")
# Not a bracket that caps the grant ("（每家不超过50万元）", "（支持比例不超过20%）") or names a term ("（以下简称…）").
_BOUND_NOTE = re.compile(r"（(?![^（）]*(?:简称|奖励|补助|补贴|资助|支持|比例|每家|每个|单个|最高))"
                         r"[^（）]{0,16}(?:不超过|不高于|不低于|以上|以下)[^（）]{0,10}）$")
_GRANTABLE = re.compile(rf"^(?:{_MONEY}|{_RATE})$")


def _unit(m: re.Match[str]) -> str:
    """A figure's unit, written after it or after the range it opens."""
    return m.group("unit") or m.group("high")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text[start:end]: 。；！？ and line ends close one."""
    out, cur = [], start
    for m in re.finditer(r"[。；;！？\n]", text[start:end]):
        out.append((cur, start + m.end()))
        cur = start + m.end()
    if cur < end:
        out.append((cur, end))
    return out


def _clauses(sent: str) -> list[tuple[int, int]]:
    """(start, end) of each comma clause of a sentence; commas between digits do not cut."""
    out, cur = [], 0
    for m in re.finditer(r"，|,(?!\d{3})", sent):
        out.append((cur, m.start()))
        cur = m.end()
    out.append((cur, len(sent)))
    return out


def _kind(sent: str, m: re.Match[str], clause: tuple[int, int]) -> str:
    """The role of a granted figure: rate, cap, award or subsidy."""
    if re.fullmatch(_RATE, _unit(m)):
        return "rate"
    lead_in = sent[clause[0] : m.start()]
    if _CAP_BEFORE.search(lead_in[-8:]) or _REACH_BEFORE.search(lead_in) or _CAP_AFTER.match(sent[m.end():]):
        return "cap"
    # The grant word nearest after the figure names what it is ("50万元奖励"), else the one before ("奖励50万元").
    after = _WHAT.search(sent, m.end(), clause[1])
    word = after.group(0) if after else ""
    if not word:
        before = [g.group(0) for g in _WHAT.finditer(sent, clause[0], m.start())]
        word = before[-1] if before else ""
    return "award" if _AWARD.search(word) else "subsidy"


def extract_incentives(text: str, span: Span) -> list[Incentive]:
    """Incentive figures of text[span], each with its condition, beneficiary and evidence."""
    out: list[Incentive] = []
    for s_start, s_end in _sentences(text, span.start, span.end):
        sent = text[s_start:s_end]
        first_grant = _GRANT.search(sent)
        out.extend(_allocations(text, s_start, sent))
        ceilings = _loan_ceilings(text, s_start, sent)
        if first_grant is None:
            out.extend(ceilings)
            continue
        clauses = _clauses(sent)
        grant_clause = next(i for i, (a, b) in enumerate(clauses) if a <= first_grant.start() < b + 1)
        if SANCTION.search(sent, *clauses[grant_clause]):
            continue  # "虚报次数超过3次的，市级支持资金比例扣减3%": funds taken back, no grant
        # The condition runs back from the granting clause to where "对…" / "凡…" opens it.
        cond_from = grant_clause
        for i in range(grant_clause, -1, -1):
            a, b = clauses[i]
            # "对…的企业，" or "投入达到1亿元/年的企业，": a clause naming who qualifies; so does a bracket bounding what
            # is bought ("购买…4类产品（单件销售价格不超过6000元），按…给予补贴").
            if _CONDITION_START.match(sent[a:b]) or (i < grant_clause and ("的" in sent[a:b] or _BOUND_NOTE.search(sent[a:b]))):
                cond_from = i
                if _CONDITION_START.match(sent[a:b]):
                    break
            elif i < grant_clause:
                break
        zone_start = clauses[cond_from][0]
        # "鼓励园区对年营业收入5000万元以上的企业，…予以支持": the condition may open inside a clause.
        # Not the 对 of a word (对标, 针对, 应对, 面对, 对接).
        inner = re.search(r"(?:(?<![针应面相核])对(?![标接照])|凡)(?=[^。；]*?的)", sent[:first_grant.start()])
        if inner and inner.start() < zone_start:
            zone_start = inner.start()
        condition, beneficiary = _condition(sent, zone_start, first_grant.start())
        low_end: tuple[int, str] | None = None  # where a range's low end ends, and its kind
        for m in _FIGURE.finditer(sent, zone_start):
            if _not_offered(sent, m):
                continue
            clause = next((a, b) for a, b in clauses if a <= m.start() < b + 1)
            before_grant = m.start() < first_grant.start()
            # A span of months qualifies as a minimum ("足额缴纳3个月以上"), not as what is offered ("参加3—12个月的见习").
            if _unit(m) == "个月" and not sent.startswith("以上", m.end()):
                continue
            if low_end and m.start() == low_end[0] + 1:
                kind = low_end[1]  # "最高3至5万元": the high end plays the low end's part
            # A figure before the grant with a "的" after it qualifies who gets it: a threshold.
            # So does a minimum written after it ("总投资1亿元及以上新建项目按…给予补助").
            elif before_grant and ("的" in sent[m.end() : first_grant.start()]
                                   or (_MINIMUM.match(sent, m.end()) and not _paid_share(sent, m, clause))):
                kind = "threshold"
            elif _GRANTABLE.match(_unit(m)) and _grants(sent, clause):
                kind = _kind(sent, m, clause)
            else:
                continue
            low_end = (m.end(), kind) if m.group("high") else None
            ev_end = s_start + clause[1]
            out.append(Incentive(
                kind=kind, amount=float(m.group("num")), unit=_unit(m).replace("％", "%"),
                text=text[s_start + zone_start : ev_end].strip("，,"), condition=condition, beneficiary=beneficiary,
                span=Span(s_start + zone_start, ev_end), figure=Span(s_start + m.start(), s_start + m.end()),
            ))
        # A ceiling in a granting sentence ("创业担保贷款额度提升至30万元") is a cap the grant read as a sum; a threshold or an
        # award it read stays.
        at = {c.figure: c for c in ceilings}
        out = [at.pop(x.figure) if x.figure in at and x.kind in ("subsidy", "cap") else x for x in out]
        read = {x.figure for x in out}
        out += [c for c in at.values() if c.figure not in read]
    return out


def _allocations(text: str, s_start: int, sent: str) -> list[Incentive]:
    """Funds a plan allocates: "省级财政安排5亿元，支持…", "用好10亿元省级财政专项资金"."""
    out = []
    for m in _FIGURE.finditer(sent):
        if not re.fullmatch(_MONEY, _unit(m)) or not _ALLOCATION.search(sent[max(0, m.start() - 10) : m.start()]):
            continue
        if _GRANT.search(sent, 0, m.start()) and not sent[: m.start()].endswith(("安排", "统筹", "用好")):
            continue  # inside a grant clause: read there
        stop = re.search(r"[，。；,;]", sent[m.end():])
        end = m.end() + (stop.start() if stop else len(sent) - m.end())
        out.append(Incentive("subsidy", float(m.group("num")), _unit(m), sent[max(0, m.start() - 10) : end],
                             None, None, Span(s_start, s_start + end), Span(s_start + m.start(), s_start + m.end())))
    return out


# A loan ceiling a measure raises or sets, a cap on what a borrower may have: "最高贷款额度由40万元提高至50万元", "贷款最高
# 限额调整为70万元", "公积金贷款最高额度分类别提高到80万元、60万元", "个人创业担保贷款额度提升至30万元" (the writers of
# five sets read each as a cap). Only setting words stand between the words and the figure, and one of them says it is
# a ceiling or its change; not a goal or a sum ("涉农贷款额度达到5000万元", "发放贷款额度8000万元", "争取贷款额度不少于
# 5000万元"), what qualifies ("对贷款额度1000万元以上的项目", "贷款额度为5000万元的项目"), nor a grant's base ("根据贷款额度
# 给予贴息补助50万元").
_LOAN_CEILING = re.compile(r"(?P<top>最高)?贷款(?P<high>最高)?(?:额度|限额)(?P<cap>上限)?")
_AMOUNT = r"\d+(?:\.\d+)?(?:万元|亿元)"
_CEILING_WORDS = re.compile(rf"^(?P<whom>[\u4e00-\u9fff]{{1,6}}(?:[（(][^）)]{{0,20}}[）)])?(?=[由从]))?(?:[由从]原?{_AMOUNT})?(?:分类别|分别)?(?P<set>(?:提高|提升|调整|上调|增加|放宽)(?:至|到|为)?|可达|不超过)?"
                            rf"(?P<who>为[\u4e00-\u9fff]{{0,6}})?(?:{_AMOUNT}[、和])*$")


def _loan_ceilings(text: str, s_start: int, sent: str) -> list[Incentive]:
    """Loan ceilings a measure sets, each a cap (the old ceiling it raises, "由40万元", left out)."""
    out = []
    for head in _LOAN_CEILING.finditer(sent):
        stop = re.search(r"[，。；,;]", sent[head.end():])
        end = head.end() + (stop.start() if stop else len(sent) - head.end())
        ceiling = bool(head.group("top") or head.group("high") or head.group("cap"))
        for m in _FIGURE.finditer(sent, head.end(), end):
            words = _CEILING_WORDS.match(sent[head.end() : m.start()])
            if _unit(m) not in ("万元", "亿元") or _not_offered(sent, m) or not words \
                    or not (ceiling or words.group("set")) or ((words.group("who") or words.group("whom")) and not ceiling) \
                    or re.match(r"(?:（含）)?(?:以上|以下|的|门槛)", sent[m.end():]):
                continue
            out.append(Incentive("cap", float(m.group("num")), _unit(m), sent[head.start() : end], None, None,
                                 Span(s_start + head.start(), s_start + end), Span(s_start + m.start(), s_start + m.end())))
    return out


def _not_offered(sent: str, m: re.Match[str]) -> bool:
    """Figures of an incentive sentence that offer nothing: dates, old amounts, what another level gives."""
    after = sent[m.end() : m.end() + 6]
    if (_unit(m) == "年" and float(m.group("num")) >= 1900) or re.match(r"^[月日]", after):
        return True  # "2014年6月30日前注册登记的", "3—12个月"
    if (sent[max(0, m.start() - 1) : m.start()] in ("由", "从") or sent[max(0, m.start() - 2) : m.start()] in ("由原", "从原")) and re.match(r"^[^，。；]{0,6}?(提高|提升|增加|调整)[至到为]", after + sent[m.end() + 6 : m.end() + 12]):
        return True  # "补贴额由6万元提高至8万元": the old amount
    return bool(re.search(r"在[^，。；]{0,12}$", sent[max(0, m.start() - 14) : m.start()])
                and re.match(r"^[^，。；]{0,4}?的?基础上", sent[m.end():]))  # "在省级保费30%的基础上，再给予30%"


def _paid_share(sent: str, m: re.Match[str], clause: tuple[int, int]) -> bool:
    """A share 及以上 that is what the grant pays ("按20%及以上给予配套"), not who qualifies ("增速15%及以上企业")."""
    return bool(re.fullmatch(_RATE, _unit(m)) and re.search(r"按照?[^，。；]{0,12}$", sent[clause[0] : m.start()]))


def _grants(sent: str, clause: tuple[int, int]) -> bool:
    """A clause that grants, or caps what the clause before granted ("单个企业最高不超过3000万元")."""
    piece = sent[clause[0] : clause[1]]
    return bool(_GRANT.search(piece) or _CAP_BEFORE.search(piece) or re.search(r"最高|不超过|上限|封顶", piece)
                or _REACH_FIGURE.search(piece)
                or re.match(r"按", piece))


def _condition(sent: str, start: int, grant: int) -> tuple[str | None, str | None]:
    """The condition text before the grant, and who benefits: "对…的企业" -> 企业."""
    cond = sent[start:grant].strip("，, ")
    if not cond:
        return None, None
    # The noun after the condition's last 的, up to where the grant starts: "对…的低空配套企业" -> 低空配套企业.
    head = re.split(r"[，,]|按|每|给予|可", cond[cond.rfind("的") + 1 :])[0] if "的" in cond else ""
    beneficiary = head if 1 <= len(head) <= 20 and re.fullmatch(r"[\u4e00-\u9fff（）()A-Za-z]+", head) else None
    return cond, beneficiary
