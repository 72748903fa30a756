"""Quantitative targets: value, unit, comparator, year and the metric they measure."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .patterns import PER_AREA, SANCTION, number
from .records import Span, Target

_UNITS = (
    "万亿元", "亿美元", "万美元", "亿元", "万元", "元", "个百分点", "万人次", "人次", "亩次", "万亩次", "万人", "万平方米",
    "平方米", "万千瓦", "千瓦", "兆瓦", "万吨", "吨", "公顷", "亩", "PFlops", "家", "个", "项", "名",
    "人", "件", "台", "套", "座", "所", "条", "款", "户", "处", "批", "倍", "%", "亿人次", "万辆", "辆",
    "万台", "万套", "万件", "万家", "万个", "万户", "亿千瓦时", "万千瓦时", "千瓦时", "公里", "千米", "GB", "TB",
    "万亩", "场", "场次", "万场", "小时", "分钟", "个工作日", "工作日", "个月", "天", "次", "家次", "万家次",
    "亿件", "万架", "架", "万标准箱", "标准箱", "万TEU", "TEU", "列", "班", "万头", "头", "万只", "只",
    "亿立方米", "万立方米", "立方米", "公斤", "千克", "万张", "张", "篇", "EFLOPS", "PFLOPS",
    "批次", "万批次", "架次", "万架次", "单", "万单", "亿单", "亿个", "课时", "学时", "个小时",
    "课时", "个小时", "学时", "个课时",
    "艘次", "艘", "栋", "幢",  # boats, buildings; hydrants in 具, see _UNIT_RX
    "枪", "万枪",  # charging connectors: "公共充电设施达到25万枪" (云南 2026)
    # fry released and reef volume placed: "增殖放流恋礁鱼类1000万尾", "投放人工鱼礁单体5万空方" (平潭 2016)
    "尾", "万尾", "空方", "万空方",
    "吨标准煤", "万吨标准煤", "EFlops", "GWh", "MWh", "GW", "MW", "吉瓦时", "兆瓦时", "吉瓦", "台（套）", "台(套)", "台套", "万台（套）", "万台(套)", "万台套",
)
_COUNT_UNITS = {
    "家", "个", "项", "名", "人", "件", "台", "套", "座", "所", "条", "款", "户", "处", "批", "辆", "万辆", "万家",
    "万个", "万户", "万台", "万套", "万件", "场", "场次", "次", "家次", "架", "列", "头", "只", "张", "篇",
    "台（套）", "台(套)", "台套", "批次", "架次", "单", "万单", "部", "具", "艘", "栋", "幢", "枪", "万枪",
}
# Units built from a magnitude and a measure word: "万名", "亿千瓦", "万千伏安", "万㎡"; rates per thing: "元/度".
_MEASURE = ("名", "千瓦", "千伏安", "伏安", "㎡", "平方米", "类", "种", "例", "周", "个", "家", "人", "件", "吨", "辆",
            "台", "套", "座", "户", "亩", "立方米", "千瓦时", "标准箱", "公里", "张", "次", "人次",
            "m³", "m²")  # written as symbols: "约484万m³" (平潭 2015, heldout71); not km², whose 平方公里 no rule reads either
_PER_THING = rf"/(?:千瓦时|度|人|户|年|月|日|天|小时|次|辆|台|套|{PER_AREA}|立方米|吨|千瓦|个|家|件|亩|架次|标准箱|[dh](?![A-Za-z]))"
_MEASURES = "|".join(sorted(_MEASURE, key=len, reverse=True))
_COMPOSED = rf"(?:万亿|亿|万|千|百)?(?:{_MEASURES})(?:{_PER_THING})?"
_PER = rf"(?:元|万元|千克|微克|毫克|平方米|吨){_PER_THING}"
# A rate keeps its "per": "24万吨/天", "1800m3/d" (before "万吨" alone, which the alternation would try first).
_RATE = rf"(?:万亿|亿|万|千|百)?(?:{_MEASURES}|m3|m³){_PER_THING}"
# 部 counts things ("电梯200部") but also opens 部门/部委 ("12部门联合"); 具 counts hydrants ("补建市政消火栓169具") but
# opens 具有, 具备.
_UNIT_RX = _PER + "|" + _RATE + "|" + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True)) \
    + "|" + _COMPOSED + "|部(?![门委署分长])|具(?![有备体])|万方(?!可)"  # 万方: 万立方米 ("砂石50万方"), not "500万方可开工"
_QUANTITY = re.compile(rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>{_UNIT_RX}|日(?=内))")
_SCALE = re.compile(r"(?P<num>\d+|[千百])(?P<mag>万亿|亿|万)(?:元)?级")
_BEFORE = (
    # "每季度至少举办1场": a short verb may stand between 至少 and the number.
    (re.compile(r"(不少于|不低于|至少|不小于|以上达到|至少[\u4e00-\u9fff]{1,2}|不[得宜能应]?(?:少于|低于))$"), ">="),
    # Before ">": "不超过" ends in "超过".
    (re.compile(r"(不[得宜能应]超过|不超过|不高于|不多于|不大于|控制在|低于|少于|压缩至|压缩到|压减至|缩短至|缩短到|降至|降到|降低至|降低到|下降至|下降到|减少至|减少到)$"), "<="),
    (re.compile(r"(超过|突破|高于|大于|超)$"), ">"),
    (re.compile(r"(约|大约)$"), "~"),
    (re.compile(r"(达到|达|实现|增至|提高到|提升至|提高至|稳定在|保持在|保持|为)$"), "="),
)
# "30日内", "3小时内": a time limit.
_AFTER = ((re.compile(r"^(以上|及以上)"), ">="), (re.compile(r"^左右"), "~"), (re.compile(r"^(以内|以下|及以下|之内|内)"), "<="))
# Durations and counts of events are targets only with a comparator word:
# "压缩至2小时以内" is one, "24小时自助服务" is not.
# "提高…服务率，到2030年达到75%": the clause before names a rate the dated clause sets.
# A label that names no measure: "目标：2024年15家", "进度安排：2024年30个".
_GENERIC_LABEL = re.compile(r"(?:目标|任务|要求|安排|计划|进度|指标|具体为|其中|包括|分别为|如下)$")
_RATE_END = re.compile(r"(率|比重|占比|比例|水平|指数|规模|总量|面积|产能|产值)$")
_NEEDS_COMPARATOR = {"小时", "个小时", "分钟", "天", "日", "个工作日", "工作日", "个月", "次", "艘次", "周", "课时", "学时",
                     "个课时"}
# "一是…二是…" and "其中" continue the sentence before them.
_ENUMERATOR = r"[一二三四五六七八九十]是|其中"
# A five-year plan period: "“十五五”期间" runs to 2030; "编制“十五五”规划" names a plan, not a deadline.
_FIVE_YEAR = r"[“\"]?(?P<fyp>十[三四五六七])五[”\"]?(期间|时期|末)"
_LEADING = re.compile(
    rf"^({_ENUMERATOR}|全市|全省|全区|全县|全国|每年|累计|力争|确保|拥有|完成|建成|实现|引进|实施|推进|培育|打造|新培育|成功培育|达到)+"
)
# A sentence that continues the one before it: "到2028年，…基本建成。一是…；二是…".
_CONTINUES = re.compile(rf"^({_ENUMERATOR})")
# Clauses that state a baseline or an incentive amount are not targets: "已累计改造老旧小区80个" is what was done.
_NOT_TARGET = re.compile(r"现有|目前|已有|已经|已累计|累计已|截至|截止|奖励|补贴|补助|资助|奖补|给予|最高|贴息|贴补")
# "对…突破5000万元、1亿元的企业": figures inside the condition an incentive is given on.
_CONDITION = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}?)?对")  # "对…的", "按规定对…的"
# "当个贷率达到85%时", "累计幅度超过10%时", "缴纳比例不低于50%后可…": when a rule applies, not a goal; read on the
# clause with its figure as ▲ ("同时", "2小时", "当年", "2025年建成后可新增…" say no such thing).
_WHEN = re.compile(r"^当(?=[^，；。]*时)|▲[^，；。]*(?<![同小按及实准适临瓦课])时$|▲[^，；。\d]{0,4}后(?:可|方可|即可)")
# A lending term a measure sets: a down payment or deposit ratio ("最低首付款比例统一调整为15%", "原则上最低首付款比例为
# 25%", "保证金比例从10%降为5%"), a loan's share of the price ("贷款额…提高到不高于房价的80%"), the rate a loan is
# made at and its band ("执行利率4.9%以下", "可向下浮动5个百分点"), a limit relaxed ("面积…放宽到200平方米"): a rule's
# setting, which writers read as a rate granted or as nothing, never as a goal; not a lending goal ("涉农贷款比例不低于
# 30%", "担保贷款额度达到100亿元", "贷款利率下降0.5个百分点"), nor 首付 in other words ("帮助首付困难家庭2000户"), nor a
# price band to keep ("价格浮动幅度控制在5%以内") or a floating plant ("海上浮式风电"). So are a cost's shares between
# those who pay ("市承担50%，区承担50%") and a deduction a rule imposes ("市级支持资金比例扣减1%").
_SETTING = re.compile(r"(?:首付款?|保证金(?:缴[纳交])?)比例(?:[^，；。]*?(?:调整|统一|下调|上调|降低?|设定|提高)[为至到]|为[^，；。\d]{0,6}的?\d)"
                      r"|房价的\d|执行利率|利率[^，；。]{0,12}浮动(?:幅度|区间|比例|不超过|上限)|(?:向[上下]|上下)浮动|(?<![海水漂])[上下]浮(?![式动])|放宽(?:至|到|为)"
                      r"|(?:承担|负担|分担)(?:比例)?(?:为)?\d+(?:\.\d+)?%|(?:扣减|扣除|核减)\d")
# A figure whose phrase closes with 的 before the sentence goes on ("1亿元以上（含1亿元，不含购买土地费用）的，按照…").
_QUALIFIES = re.compile(r"^(?:[^，。；,;（(]|（[^）]*）|\([^)]*\))*?的(?:（[^）]*）)?[，,]")  # "…3次以下的（含3个），"
_INCENTIVE = re.compile(r"奖励|补贴|补助|资助|奖补|给予|贴息|免征|减征|减半征收|免收|免于|减免")
# A line of what an applicant must be, bring or do ("2.申报条件：①…满1年且连续纳税申报6个月以上…", "申报对象：…"):
# its figures are the conditions of a grant, not goals.
_APPLICATION = re.compile(r"\s*(?:\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]{1,2}[）)])?\s*"
                          r"(?:申报|申请|认定|评定|补贴|补助|奖励|支持|扶持|资助|适用)(?:条件|对象|材料|程序)[：:]")
# A goal the line goes on to state after its conditions: "申报条件：企业注册满1年。到2025年，全区认定…200家".
_GOAL_OPENS = re.compile(r"\s*(?:(?:到|至)20\d{2}年|力争|确保)")
_YEAR_RX = (
    (re.compile(r"(?P<y1>\d{4})年?[—–\-－~至]+(?P<y2>\d{4})年"), "period"),
    # "从2016年起，利用三年时间，扶持建设…示范基地2个" (平潭 2016): a span of years from a start, ending in its last year;
    # "2018年起利用三年半时间" ends in the year the half falls in.
    (re.compile(r"(?:从|自)?(?P<y1>20\d{2})年(?:起|开始)[，,]?(?:力争)?(?:利用|用|经过|通过)(?P<n>[一二两三四五六七八九十]|\d{1,2})年"
                r"(?P<half>半)?(?:左右)?(?:的)?(?:时间)?"), "span"),
    (re.compile(r"(到|至|截至)(?P<y>\d{4})年(\d{1,2}月)?(底|末)?"), "by"),
    (re.compile(r"(?P<y>\d{4})年(\d{1,2}月)?(底|末)?(前|以前|之前)"), "before"),
    # Not "2024年3月" (a month, read above) nor a period's start; "2018年345个" (a table's year and its figure) is.
    (re.compile(r"(?P<y>20\d{2})年(底|末)?(?!\d{1,2}(?:月|日)|[月—–\-－])"), "bare"),
    (re.compile(_FIVE_YEAR), "fyp"),
)
# A time within the year a document is issued in, naming no year: "上半年完成1600亿元", "年内新开工25个", "9月底前",
# "6月30日前", "到年底". Not "每年上半年" (every year), "当年" (the year of something else), "三年内" (a span),
# "明年底前" (another year), "今年以来" (what has been done). "全年" names the year only before a verb of getting done
# ("全年力争完成投资92亿元", "全年新增公共停车泊位510个以上", 平潭 扩大有效投资 2015): it measures a year as often
# ("全年充电电量60%以上集中在低谷时段"), and after a recurring count it is that count's yearly total ("每季度…，全年组织
# 对接会不少于6场").
_THIS_YEAR = re.compile(r"(?<![\d年每当一二三四五六七八九十两近几明次去后])(?:年内|今年(?!以来)|本年度?|上半年|下半年|年[底末]"
                        r"(?:前|以前|之前)?|(?:第?[一二三四]|[1-4])季度(?:末|底)?(?:前|以前|之前)?"
                        r"|\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前)|\d{1,2}月[底末]"
                        r"|全年(?=(?:力争|努力|计划|预计|确保)?(?:完成|新增|实现|争取|新开工|开工|建成|举办|组织|达到?|铺设|引进|培育|新建|改造)))")


def of_issue_year(deadline: str | None) -> bool:
    """Whether a target's deadline is a time within the year of issue ("上半年"), which a stated date overrides."""
    return bool(deadline) and bool(_THIS_YEAR.fullmatch(deadline or ""))


_FYP_END = {"十三": 2020, "十四": 2025, "十五": 2030, "十六": 2035, "十七": 2040}
# "比2025年下降15%": the year of a baseline, not a deadline.
_BASELINE_BEFORE = ("比", "较", "与", "同比", "相比", "对比")
_MAG = {"万亿": 10000.0, "亿": 1.0, "万": 0.0001}


@dataclass(frozen=True)
class TimeExpr:
    """A year or period phrase in a sentence."""

    year: int
    start: int
    end: int
    text: str
    period: bool


def _num(s: str) -> float:
    return {"千": 1000.0, "百": 100.0}.get(s) or float(s.replace(",", ""))


def find_times(sentence: str, this_year: int | None = None) -> list[TimeExpr]:
    """Every time expression of a sentence, earliest first, no overlaps; `this_year`: the year that 年内, 上半年 or
    9月底前 name (a document without a period: the year it was issued in), none when unknown."""
    found: list[TimeExpr] = []
    rxs = _YEAR_RX if this_year is None else (*_YEAR_RX, (_THIS_YEAR, "this"))
    for rx, kind in rxs:
        for m in rx.finditer(sentence):
            if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in found):
                continue
            if sentence[max(0, m.start() - 2) : m.start()].endswith(_BASELINE_BEFORE):
                continue
            if kind == "this" and m.group(0) == "全年" and re.search(r"每(?:年|季度?|月|周)", sentence[: m.start()]):
                continue  # "每季度至少举办1场…，全年组织对接会不少于6场": a year's total of a recurring count
            if kind == "this" and any(t.start < m.start() and (t.start <= 2 or not re.search("[，,；;]", sentence[t.end : m.start()]))
                                      for t in found):
                # "2017年，全年完成投资100亿元", "到2018年，年内…": the year that opens the sentence, or stands in the clause;
                # not one that qualifies a noun before ("…2021年新增入库58家商贸主体…，力争全年实现…").
                continue
            if kind == "this":
                year = this_year or 0  # only searched for with a year
            elif kind == "fyp":
                year = _FYP_END[m.group("fyp")]
            elif kind == "span":
                n = m.group("n")
                years = int(n) if n.isdigit() else "一二三四五六七八九十".index(n.replace("两", "二")) + 1
                year = int(m.group("y1")) + years - (0 if m.group("half") else 1)
            else:
                year = int(m.group("y2") if kind == "period" else m.group("y"))
            found.append(TimeExpr(year, m.start(), m.end(), m.group(0), kind in ("period", "fyp", "span")))
    return sorted(found, key=lambda t: t.start)


_ORDINAL_YEAR = re.compile(r"第([一二三四五])年")


def _ordinal_years(sentence: str, period: tuple[int, int] | None) -> list[TimeExpr]:
    """"第一年…不少于700亩；第二年…": the years of a plan's period of several years by their order; none when one
    falls outside it, or counts from another event ("投产后第一年", "落户后第一年")."""
    matches = list(_ORDINAL_YEAR.finditer(sentence))
    # A schedule by years names two of them at least: "连续第三年", "投产第一年" count from something else.
    if not period or period[1] <= period[0] or len({m.group(1) for m in matches}) < 2:
        return []
    out = []
    for m in matches:
        year = period[0] + "一二三四五".index(m.group(1))
        if year > period[1] or sentence[max(0, m.start() - 1) : m.start()] in ("后", "起", "满", "内"):
            return []
        out.append(TimeExpr(year, m.start(), m.end(), m.group(0), False))
    return out


# A count written in Chinese under a comparator: "每年组织不少于两次", "每季度至少开展一次", "配备不少于一名". Read as
# the digit it stands for, in place (one character for one, so every position holds); a count with no comparator
# ("开展一次评估") stays no target, as "1次" would.
_CN_COUNT = re.compile(r"(?P<cmp>不少于|不低于|不多于|不超过|不得少于|不得超过|至少[\u4e00-\u9fff]{0,2}?)"
                       r"(?P<n>[一二两三四五六七八九])(?=次|名|场|个(?!月|季度|工作日|年度|小时|百分点)|人|家|所|轮|批|项)")


def _digits(text: str) -> str:
    """`text` with its comparator-bound Chinese counts as digits (`_CN_COUNT`), each in its own place."""
    return _CN_COUNT.sub(lambda m: m.group("cmp") + str(number(m.group("n").replace("两", "二"))), text)


def _sentences(text: str) -> list[tuple[int, str]]:
    out, start = [], 0
    for m in re.finditer(r"[。！？\n]", text):
        out.append((start, text[start : m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def _boundary_before(s: str, pos: int, floor: int) -> int:
    """Start of the clause that ends at pos: after the last ，；：or floor."""
    cut = max(s.rfind(c, floor, pos) for c in "，；：;")
    # An ASCII comma separates clauses, except between digits (1,000).
    for i in range(pos - 1, max(floor, cut) - 1, -1):
        if s[i] == "," and not (0 < i < len(s) - 1 and s[i - 1].isdigit() and s[i + 1].isdigit()):
            cut = i
            break
    return max(cut + 1, floor)


_TIME_PREFIX = re.compile(
    r"^((到|至|截至)?\d{4}年?([—–\-－~至]+\d{4})?年(\d{1,2}月)?(底|末)?(前|以前|之前)?"
    rf"|{_FIVE_YEAR})"
)


def _strip_metric(metric: str) -> str:
    metric = metric.lstrip("、，；：“")
    metric = _TIME_PREFIX.sub("", metric)
    for _ in range(3):
        metric = _LEADING.sub("", metric)
    return metric.strip("，、：；")


def extract_targets(
    text: str, span: Span, period: tuple[int, int] | None, issued: int | None = None
) -> list[Target]:
    """Targets in text[span]; the year defaults to the plan period's end when unstated. In a text without a period,
    "年内", "上半年" and "9月底前" are of the year it was `issued` in (with a period they may be any of its years)."""
    this_year = None if period else issued
    body = _digits(text[span.start : span.end])
    out: list[Target] = []
    carried: list[TimeExpr] = []  # the deadline of a sentence that "一是…二是…" sentences continue
    opened: list[TimeExpr] = []  # "到2020年，…。…。": a deadline that opens a paragraph governs its sentences
    columns: list[int | None] = []  # the years of a table's columns, while its rows go on (see `_column_years`)
    header = ""  # the table's last header row without figures
    for s_off, sent in _sentences(body):
        if re.match(r"^\s*[\[［]\d{1,2}[\]］]", sent):
            continue  # "[2]“半马苏河”——苏州河绵延42公里": a note explaining a term, not a goal
        line_start = body.rfind("\n", 0, s_off) + 1
        if _APPLICATION.match(body, line_start) and not (s_off > line_start and _GOAL_OPENS.match(sent)):
            continue
        # "以2000年底前建成的老旧小区为重点": a time before the period that qualifies a noun is no deadline.
        times = [t for t in find_times(sent, this_year)
                 if not (period and t.year < period[0] and re.match(r"[\u4e00-\u9fff]{0,4}的", sent[t.end:]))]
        times = sorted(times + _ordinal_years(sent, period), key=lambda t: t.start)
        opening = [t for t in times if t.start <= 2 and not t.period and (t.text.startswith(("到", "至")) or t.text.endswith("前"))]
        if opening:
            opened = opening[:1]
        if not times and _CONTINUES.match(sent) and carried:
            times = [replace(carried[-1], start=0, end=0)]
        elif not times and opened:
            times = [replace(opened[0], start=0, end=0)]
        elif times or not _CONTINUES.match(sent):
            carried = [t for t in times if not t.period and t.text.startswith(("到", "至"))][-1:]
        first_of_sentence = len(out)
        floor = 0  # a metric never reaches back past the previous target
        qualifier: str | None = None
        last_metric = ""
        hits = sorted(
            [("q", m) for m in _QUANTITY.finditer(sent)] + [("s", m) for m in _SCALE.finditer(sent)],
            key=lambda h: h[1].start(),
        )
        consumed = -1
        for kind, m in hits:
            if m.start() < consumed:
                continue
            after = sent[m.end():]
            if kind == "q" and re.match(r"^(年|月|日|号|周年)", after):
                continue
            if re.match(r"^(?:条|项)(?:[\u4e00-\u9fff]{0,2})(?:措施|举措|政策|意见|机制)", sent[m.start() + len(m.group("num")):]):
                continue  # "高质量发展20条措施", "5项机制": the name of a policy package, not a goal
            if after.startswith(("”", "\"", "’")) or sent[max(0, m.start() - 2) : m.start()].endswith(("上述", "（共", "(共")):
                continue  # "“科技改革30条”" names a policy; "上述5个园区" points back at what was listed
            if sent[max(0, m.start() - 1) : m.start()] in ("“", "\"") and re.match(r"^[\u4e00-\u9fff]{1,6}[”\"]", after):
                continue  # "统筹推进“2个专题”“10个专项”": the name of a programme, not a goal
            if re.search(r"门槛", sent[max(0, m.start() - 12) : m.start()]):
                continue  # "纳管门槛降至年排放1万吨": who is covered, not a goal
            if after.startswith("权重") or re.search(r"权重(?:分别)?(?:为|是|占比)?[：:]?$|权重[^，。；]{0,12}、$",
                                                    sent[max(0, m.start() - 16) : m.start()]):
                continue  # "1.耕（36%权重）", "考核权重10%": a weight in a score, not a goal
            if sent[max(0, m.start() - 2) : m.start()].endswith(("（含", "(含")):
                continue  # "1000万元以下（含1000万元）": the bound restated, not a figure of its own
            if re.search(r"[由从](?:20\d{2}年[底末]?(?:的)?)?$", sent[max(0, m.start() - 8) : m.start()]) and re.match(
                    r"^[^，。；]{0,8}?(提高|提升|增加|增长|降低|下降|减少|压缩|缩短|降|增)[至到]", after):
                continue  # "由30%以上提高至40%以上", "从2020年35微克/立方米降至30": where it starts from
            clause_start = _boundary_before(sent, m.start(), floor)
            clause_end_m = re.search(r"[，；。,;！？]", sent[m.end():])
            clause_end = m.end() + (clause_end_m.start() if clause_end_m else len(after))
            if _NOT_TARGET.search(sent[clause_start:clause_end]) or _SETTING.search(sent[clause_start:clause_end]) or _WHEN.search(
                    f"{sent[clause_start : m.start()]}▲{sent[m.end() : clause_end]}"):  # the figure's unit ("千瓦时") aside
                continue
            # "对…未超过10万元（…）的小规模纳税人免征增值税": the condition of a relief, not a goal.
            # "新增固定资产投资1亿元以上（含1亿元，…）的，按照实际投资额的2%给予…奖励": the condition it is given on.
            if ((_CONDITION.match(sent[clause_start:clause_end]) and "的" in sent[m.end():]) or _QUALIFIES.match(after)) \
                    and (_INCENTIVE.search(sent[m.end():]) or SANCTION.search(sent[m.end():])):
                continue
            comparator = "="
            before = sent[clause_start : m.start()]
            metric_end = m.start()
            explicit = False  # a comparator word, "达到" included, stands next to the number
            for rx, comp in _BEFORE:
                bm = rx.search(before)
                if bm:
                    comparator, explicit = comp, True
                    metric_end = clause_start + bm.start()
                    break
            end = m.end()
            # "2000艘（台、套）以上": the other measures the figure counts in stand between it and its comparator.
            alt = re.match(r"（(?!含）|不含）)[^（）]{1,8}）(?=以上|及以上|左右|以内|以下)", after)  # not a bare "（含）"
            skip = alt.end() if alt else 0
            for rx, comp in _AFTER:
                am = rx.match(after[skip:])
                if am:
                    comparator = comp
                    explicit = True
                    end = m.end() + skip + am.end()
                    break
            # "每周4课时", "每天睡眠10个小时": a duration under a frequency is a norm to meet.
            per = re.search(r"每(天|日|周|月|年|学期|季度|学年)", sent[: m.start()])
            if kind == "q" and m.group("unit") in _NEEDS_COMPARATOR and not explicit and not (per and m.group("unit") != "次"):
                continue
            if kind == "q":
                value, unit = _num(m.group("num")), m.group("unit")
                low = re.search(r"(\d+(?:\.\d+)?)[-—–~～至]$", sent[max(0, m.start() - 8) : m.start()])
                # "推出2-3个案例": at least the range's lower end; under a ceiling ("3至5日以内", "控制在5至5.5%") the
                # higher end is the limit.
                ceiling = low and re.search(r"(?:控制在|不超过|不高于|降至|降到|降低至|降低到|减少至|减少到|压减至|压缩至|低于)"
                                            r"[^，。；\d]{0,4}$", sent[: m.start() - len(low.group(0))])
                if low and ceiling:
                    comparator = "<="
                elif low and comparator != "<=":
                    value, comparator = _num(low.group(1)), ">=" if comparator == "=" else comparator
            else:
                value, unit = _num(m.group("num")) * _MAG[m.group("mag")], "亿元"
                comparator = ">=" if comparator == "=" else comparator
            scale = scale_value = scale_unit = None
            following = ""
            rest = sent[end:clause_end]
            if kind == "s" and rest and rest[0] not in "、，；。：）,;":
                following = rest  # "打造千亿级陶瓷产业集群": the level of a cluster
            if kind == "q" and unit in _COUNT_UNITS:
                sm = _SCALE.match(rest)
                if sm:
                    scale, scale_value, scale_unit = sm.group(0), _num(sm.group("num")) * _MAG[sm.group("mag")], "亿元"
                if (rest and not rest[0].isdigit() and rest[0] not in "、，；。：）,;和及与") or sm:
                    following = rest
            if kind == "q" and unit == "%" and re.match(r"[\u4e00-\u9fff]", rest) and not rest.startswith(("的", "和", "与", "及")):
                following = rest  # "全县80%以上行政村推行积分制管理": the share of villages that do it
            # "10亿元以上工业项目25个": a size threshold on what is counted next, like "…的".
            # Count units ("30家以上企业") and shares ("80%以上行政村") are read on below.
            # Only when the counted thing has its own count in the clause ("…项目25个").
            counted = next((q for q in _QUANTITY.finditer(rest) if q.group("unit") in _COUNT_UNITS), None)
            # So are sizes offered as alternatives before what is counted: "配置3吨或5吨自卸式垃圾清运车辆不少于5辆".
            sizes = re.match(rf"^[或、]\d+(?:\.\d+)?{re.escape(unit)}", rest) or re.search(
                rf"\d{re.escape(unit)}[或、]$", sent[max(0, m.start() - len(unit) - 2) : m.start()])
            threshold = kind == "q" and unit not in _COUNT_UNITS | _NEEDS_COMPARATOR | {"%"} \
                and ((comparator in (">=", "<=") and end > m.end()) or (not explicit and sizes is not None)) \
                and bool(re.match(r"[\u4e00-\u9fff]", rest)) and counted is not None
            # "建成区40%以上的面积达到…要求": the share that reaches it (no count after it), not a rate that picks out
            # what reaches it ("营收增长20%以上的企业完成…", "节水率10%以上的单位").
            if kind == "q" and unit == "%" and not following and rest.startswith("的") and not _QUANTITY.search(rest) \
                    and re.match(r"^的[\u4e00-\u9fff]{1,6}?(?:达到|实现|具备|完成|建成)", rest) \
                    and not re.search(r"(?:率|增长|增速|占比|比重|强度|比例|提高|下降|降低|超过|高于|低于)$",
                                      sent[clause_start : m.start()]):
                following = rest
            rest_bare = re.sub(r"^[（(][^）)]*[）)]", "", rest)  # "400万元以下（含400万元）的…"
            if (rest_bare.startswith("的") or threshold) and not following:
                # "投资不低于10亿元的…项目": a qualifier of the next target, not a target.
                qualifier = _strip_metric(sent[clause_start:end])
                floor = end + 1 if rest.startswith("的") else end
                consumed = end
                continue
            if following:
                # "建成200个示范乡镇、2000个示范村": the counted thing ends where the next figure's begins.
                nxt = next((q for q in _QUANTITY.finditer(following)), None)
                if nxt is not None:
                    cut = max(following.rfind(c, 0, nxt.start()) for c in "、，,和及与")
                    if cut < 0 and unit in _COUNT_UNITS and nxt.group("unit") == "%" \
                            and not re.match(r"(?:以上|以下|左右)?的", following[nxt.end():]):
                        # "等4个新城建设用地面积50%以上达到…": the count names whose share is the goal; not "5个产值增长
                        # 20%以上的园区", where the share describes what is counted.
                        continue
                    following = following[:cut] if cut > 0 else following
            if following and not following.startswith("的"):
                metric = following.strip("等")
                t_start, t_end = _boundary_before(sent, m.start(), floor), end + len(following)
            else:
                metric = _strip_metric(sent[clause_start:metric_end])
                t_start, t_end = clause_start, end
            if len(metric) <= 2 and end > m.end() and not following and re.match(r"[\u4e00-\u9fff]", rest):
                continue  # "推动160千瓦及以下小微企业…": a bound that picks out whom a measure covers
            if not metric:
                # "…能耗为500万吨，到2028年控制在480万吨以内": the metric was named in the clause before;
                # "推进便民生活圈建设，2025年建成5个，2026年建成10个": or, in a list of dated
                # clauses, the clause before them names what is built.
                # So does a label before a colon: "干垃圾车标识更新：2018年89辆".
                if not last_metric and _TIME_PREFIX.match(sent[clause_start : m.start()]) and (
                    len(times) >= 2 or _RATE_END.search(sent[:clause_start].rstrip("，,"))
                    or (sent[clause_start - 1 : clause_start] == "：" and not _GENERIC_LABEL.search(sent[:clause_start - 1]))
                ):
                    before_clause = sent[_boundary_before(sent, clause_start - 1, 0) : clause_start - 1] if clause_start else ""
                    last_metric = _strip_metric(before_clause) if not _QUANTITY.search(before_clause) \
                        and not _GENERIC_LABEL.search(before_clause) else ""
                if not last_metric:
                    continue
                metric = last_metric
            last_metric = metric
            # A year before the plan glued to a figure ("由2020年23.5%提高到25%") dates that figure alone, its
            # baseline, not the one the sentence goes on to; one in the plan ("2024年2个考点…，3家微站…") governs on.
            # "保持2020年3000人以上水平": the level to keep is the target, dated as the rest of the plan.
            own = [t for t in times if not (
                re.search(r"20\d{2}年[底末]?$", t.text) and re.match(r"\d", sent[t.end : t.end + 1])
                and period and t.year < period[0]
                and (t.end != m.start() or re.search(r"(?:保持|稳定|维持|巩固)[在于]?$", sent[max(0, t.start - 3) : t.start])))]
            year, deadline, yearly, inferred = _year_for(sent, own, m.start(), clause_start, clause_end, period)
            if _is_baseline(sent, own, m.start(), clause_start, period):
                # A figure for a year before the plan's period is where it starts from, not a target.
                floor = t_end
                consumed = end
                continue
            lead_in = sent[t_start:t_end]
            lstrip = len(lead_in) - len(lead_in.lstrip("、，；：“"))
            abs_start = span.start + s_off + t_start + lstrip
            abs_end = span.start + s_off + t_end
            out.append(
                Target(
                    text=text[abs_start:abs_end],
                    metric=metric,
                    value=value,
                    unit=unit,
                    comparator=comparator,
                    year=year,
                    deadline=deadline,
                    yearly=yearly,
                    year_inferred=inferred,
                    span=Span(abs_start, abs_end),
                    qualifier=qualifier,
                    scale=scale,
                    scale_value=scale_value,
                    scale_unit=scale_unit,
                )
            )
            # "正奖和提名奖各10个": one figure for each of the things the metric joins.
            if sent[max(0, m.start() - 1) : m.start()] == "各":
                parts = [p for p in re.split(r"和|与|及", metric) if p]
                out.extend(replace(out[-1], metric=p) for p in parts[1:4])
                out[-len(parts[:4])] = replace(out[-len(parts[:4])], metric=parts[0]) if parts else out[-1]
            qualifier = None
            floor = t_end
            consumed = end + len(following) if following else end
        out[first_of_sentence:] = _respectively(sent, span.start + s_off, times, out[first_of_sentence:])
        row = sent.strip()
        if row.startswith("|") and row.endswith("|"):
            columns = _column_years(row, columns, header)
            header = row if not re.search(r"\d", row) else header
            if not re.search(r"\d", row) and not _column_years(row, [], ""):
                columns = []  # another table's header ("| 序号 | 项目名称 | 建设规模 |"): its columns hold no years
            if columns:
                found = [(t, _column_year(t, sent, span.start + s_off, columns)) for t in out[first_of_sentence:]]
                # A year column before the plan's period holds where it starts from ("| 2023年 | 2025年 |").
                out[first_of_sentence:] = [replace(t, year=y, year_inferred=False) if y else t for t, y in found
                                           if not (period and y and y < period[0])]
        elif row and not (len(row) <= 12 and not re.search(r"\d", row)):
            columns, header = [], ""  # the table ended (a wrapped cell or a note between rows does not end it)
        if sent.endswith("\n"):
            opened = []
    return out


_YEAR_CELL = re.compile(r"^(20\d{2})\s*年度?(?:目标|底|末)?$")


def _cell_bounds(row: str, empty_tail: bool = False) -> list[tuple[int, int]]:
    """Where each cell of a table row lies in it, without the empty ends outside its outer pipes or, unless
    `empty_tail`, the empty cells after its last."""
    edges = [-1, *(i for i, ch in enumerate(row) if ch == "|"), len(row)]
    bounds = [(a + 1, b) for a, b in zip(edges, edges[1:])]
    if row.lstrip().startswith("|"):
        bounds = bounds[1:]
    if row.rstrip().endswith("|"):
        bounds = bounds[:-1]
    while bounds and not empty_tail and not row[bounds[-1][0] : bounds[-1][1]].strip():
        bounds = bounds[:-1]
    return bounds


def _column_years(row: str, columns: list[int | None], above: str) -> list[int | None]:
    """The year each column of a table holds, as the header row that names them sets it ("| 指标 | 2024年 | 2025年 |",
    by position); a second header row of years alone ("| 2024年 | 2025年 | 2026年 |") splits the last cell of the
    header `above` it ("| 序号 | 指标 | 目标 |"), so it is read from the right, where nothing follows that cell. A row
    that names no year keeps those of the rows above."""
    cells = [row[a:b].strip() for a, b in _cell_bounds(row)]
    years = [int(m.group(1)) if (m := _YEAR_CELL.match(c)) else None for c in cells]
    # A header names years and labels; a row with other figures beside two years ("| 1 | 充电站 | 建设200个 | 2024年 |
    # 2025年 |", its start and end) holds data.
    if sum(y is not None for y in years) < 2 or any(y is None and re.search(r"\d", c) for y, c in zip(years, cells)):
        return columns
    if all(y is not None for y in years):
        spans_last = re.search(r"(?:目标|目标值|指标值|预期值|年度目标)\s*\|\s*$", above)
        return [None, *years[::-1]] if spans_last else columns  # from the right: columns[k], the k-th cell from the end
    return [0, *years]  # by position: columns[0] marks the reading, columns[k] the k-th cell


def _column_year(target: Target, row: str, offset: int, columns: list[int | None]) -> int | None:
    """The year of the column a target's figure sits in, where the row has as many cells as the header reads."""
    bounds = _cell_bounds(row.rstrip("\n"), empty_tail=columns[0] is None)  # counted from the right: keep them all
    # The figure, not the end of the target's text, which may run on to the row's end.
    figure = re.search(rf"\d[\d.,]*\s*{re.escape(target.unit)}", target.text) if target.unit else None
    at = target.span.start - offset + (figure.start() if figure else len(target.text) - 1)
    k = next((i for i, (a, b) in enumerate(bounds) if a <= at < b), None)
    if k is None:
        return None
    if columns[0] is None:  # from the right
        index = len(bounds) - k
    elif len(bounds) == len(columns) - 1:
        index = k + 1
    else:
        return None  # a row with cells merged away: its columns cannot be told
    return columns[index] if 0 < index < len(columns) else None


def _respectively(sent: str, offset: int, times: list[TimeExpr], found: list[Target]) -> list[Target]:
    """"到2026年、2027年、2028年…分别达到100家、200家、300家": pair the values with the years in order."""
    pos = sent.find("分别")
    years = [t for t in times if not t.period]
    listed = [t for t in found if t.span.end - offset > pos] if pos >= 0 else []
    if len(listed) < 2 or len(listed) != len(years):
        return found
    metric = listed[0].metric.removesuffix("分别")
    paired = {id(t): replace(t, year=y.year, deadline=y.text, year_inferred=False, metric=metric) for t, y in zip(listed, years)}
    return [paired.get(id(t), t) for t in found]


def _is_baseline(sent: str, times: list[TimeExpr], pos: int, clause_start: int, period: tuple[int, int] | None) -> bool:
    """A bare year before the plan's period governs the target: in its own clause, else earlier in the sentence.

    "2024年，全区跨境电商交易额为22亿元" states where the plan starts from.
    """
    def bare(t: TimeExpr) -> bool:
        return not t.period and not t.text.startswith(("到", "至"))

    if period and any(t.end <= pos and t.period and "五" in t.text and t.year < period[0] for t in times):
        return True  # "“十四五”期间，累计接待游客1亿人次" in a 2026—2030 plan: achieved, not planned
    own = [t for t in times if clause_start <= t.start < pos and bare(t)]
    if not own and times and times[0].start == 0 and sent[times[0].end : times[0].end + 1] == "，" and bare(times[0]):
        own = [times[0]]  # only a year that opens the sentence as its own clause: "2024年，…"
    return bool(period and own and own[-1].year < period[0] and not re.search(r"前|底|末", own[-1].text))


def _year_for(
    sent: str, times: list[TimeExpr], pos: int, clause_start: int, clause_end: int, period: tuple[int, int] | None
) -> tuple[int | None, str | None, bool, bool]:
    """(year, deadline phrase, yearly, inferred) for a target at pos."""
    # The nearest time before the target in its sentence governs it; a time
    # after it counts only inside the target's own clause.
    before = [t for t in times if t.end <= pos]
    inside = [t for t in times if clause_start <= t.start < clause_end]
    chosen = before[-1] if before else (inside[0] if inside else None)
    clause = sent[clause_start:clause_end]
    if chosen is None:
        yearly = "每年" in clause
        if period:
            return period[1], None, yearly, True
        return None, None, yearly, False
    # "每年" binds to its own ；-clause: "每年引进…3个；滚动实施100个" is yearly only for the first.
    lead = sent[chosen.end : pos]
    lead = lead[lead.rfind("；") + 1 :]
    yearly = "每年" in lead or "每年" in clause
    deadline = chosen.text + ("，每年" if yearly and chosen.period else "")
    return chosen.year, deadline, yearly, False
