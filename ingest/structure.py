"""Find the header fields, headings and items (tasks, requirements) of a plan."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .metadata import iso_date, signature_length
from .patterns import (
    ANNEX_LABEL,
    ARTICLE_NUMERALS,
    ARTICLE_TITLE,
    DUTY_CHAPTER,
    HEADING_WORDS,
    RESP_KEY,
    SHORT_NAME_NOTE,
    TITLE_KIND_END,
    annex_openings,
)
from .records import Span
from .unit_names import COLLECTIVE, KIND, UNNAMED, ends_like_office, field_department, split_names

_CHAPTER = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_SECTION = re.compile(r"^（([一二三四五六七八九十]{1,3})）")
# Not a decimal ("1.5亿元"), nor a list of numbers ("1、2、3"); a row number before text that opens with a number is
# one ("104、302电台迁建工程", a table row written out).
# An item whose text opens with a year or a date ("2.2020年…", "1.9月30日前，…", 崇明 2017; "2.12月底前", "4.10月中旬"),
# not a decimal ("1.5倍") nor a section's number run into a date ("1.19月30日前", "1.1 9月…" without its space).
_ARABIC = re.compile(r"^(\d{1,3})(?:[.．﹒](?:(?=(?:1[0-2]|[1-9])月(?:\d{1,2}日|[底初末]|[上中下]旬|份))"
                     r"|(?!\d(?!\d{3}年|G[\u4e00-\u9fff])))"
                     r"|、(?!\d{1,2}(?![\dG]))(?!\d+(?:千伏|[kK][vV]|吨|万|千|米|亩|个|家|人|元|%|、)))")  # not "110、220千伏"
_ARABIC_PAREN = re.compile(r"^（(\d{1,2})）")
_PART = re.compile(r"^第([一二三四五六七八九十]{1,3})(部分|章)")
_SUBPART = re.compile(r"^第([一二三四五六七八九十]{1,3})节")
_ARTICLE = re.compile(rf"^第([{ARTICLE_NUMERALS}]{{1,4}})条")
# A stage of a plan's schedule on a line of its own: "第一阶段：自查摸底阶段（2015年7月15日至11月2日）" (工作步骤).
_STAGE = re.compile(r"^第([一二三四五六七八九十]{1,2})阶段(?:[：:]\s*|\s+|(?=[（(]|$))")
# A task labelled by its kind and number on a line of its own: "任务1：实施地下管网信息普查工程。…" (上海 2025 老化管道),
# "举措二：…".
_LABELLED = re.compile(r"^(任务|举措|措施)([一二三四五六七八九十]{1,3}|\d{1,2})[：:]\s*")
# (style name, regex, how the label is written when shown), outermost first: the
# order GB/T 9704 prescribes for official documents (一、 > （一） > 1. > （1）).
MARKERS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("part", _PART, "第{}{}"),  # written as it is: 第三章 or 第三部分
    ("subpart", _SUBPART, "第{}节"),
    ("chapter", _CHAPTER, "{}"),
    ("section", _SECTION, "（{}）"),
    ("stage", _STAGE, "第{}阶段"),
    ("labelled", _LABELLED, "{}{}"),
    ("arabic", _ARABIC, "{}"),
    ("arabic_paren", _ARABIC_PAREN, "（{}）"),
    ("article", _ARTICLE, "第{}条"),
)
_RANK_CHAPTER = float(next(i for i, (style, _, _) in enumerate(MARKERS) if style == "chapter"))
# Decimal numbering, as emergency plans write it ("1 总则", "4.1 灾情信息报告", "4.1.1 灾害发生后，…"): read only where
# a plan numbers its sections so (see `_decimal_markers`). A chapter's and a section's lines are headings alone, not
# figures or dates ("1小时内", "1.1个美丽乡村", "3.31前完成…").
_NOT_HEADING = r"(?![月日年个万亿元%％次倍项条座前后小时天人户米公顷里吨辆])"
DECIMALS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("decimal1", re.compile(rf"^(\d{{1,2}})[ \u3000]*{_NOT_HEADING}(?=[\u4e00-\u9fff]{{2,14}}$)"), "{}"),
    ("decimal2", re.compile(rf"^(\d{{1,2}}\.\d{{1,2}})(?![\d.．])[ \u3000]*{_NOT_HEADING}(?={HEADING_WORDS})"), "{}"),
    ("decimal3", re.compile(r"^(\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.．])[ \u3000]*(?=[\u4e00-\u9fff（“《])"), "{}"),
)
# Under a plan's 第N章 or 一、 chapters, above its other markers (review, helper 427: "第二章 / 2.1…" had nested upside down).
_RANK = {style: float(i) for i, (style, _, _) in enumerate(MARKERS)} | {
    style: _RANK_CHAPTER + (k + 1) / 10 for k, (style, _, _) in enumerate(DECIMALS)}
_TITLE_END = re.compile(r"(方案|规划|计划|意见|办法|措施|纲要|细则|要点|行动|若干政策)(（\d{4}[—–\-－~至]+\d{4}年）)?$")
# A period on a line of its own may leave out its 年: "三年行动计划\n（2019—2021）".
_PERIOD_LINE = re.compile(r"^（(\d{4})年?[—–\-－~至]+(\d{4})年?）$")
_PERIOD_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})年?[—–\-－~至]+((?:19|20)\d{2})年")
_PERIOD_BARE = re.compile(r"[（(]((?:19|20)\d{2})[—–\-－~至]+((?:19|20)\d{2})[）)]$")
# "2026年优化营商环境工作要点" runs for one year; "2030年前碳达峰方案" and "2035年远景目标" do not.
_SINGLE_YEAR = re.compile(r"(20\d{2})年度?(?![—–\-－~至\d]|前|以前|之前|远景)")
# A bracket that closes a heading is a unit clause only in these shapes; "（一网通办、部门联办）" is not.
_CLAUSE_SHAPE = re.compile(rf"^({RESP_KEY})：|^(?P<who>[^的，]*)(牵头|负责|配合)(，|$)")
# "【牵头单位：…】开展以旧换新。" / "责任单位：A、B。激发住房消费。" opening an item's first line.
_LEADING_CLAUSE = re.compile(rf"^([【〔\[［（(]({RESP_KEY})：[^】〕\]］）)]*[】〕\]］）)]|({RESP_KEY})：[^。]*。)")
_BOX = re.compile(r"^专栏\s*[\d一二三四五六七八九十]*")
# A list of things, not of work, that a line announces: "全区禁放的部位为：", "应提交以下材料：", a heading
# "（四）零售经营网点申报条件" (平潭 烟花爆竹 2016, under 二、工作职责): its numbered lines are the item's text, as a 专栏's
# are; not "主要职责为：", whose lines are duties.
_THINGS = r"(?:部位|区域|地点|场所|条件|材料|资料|情形|证明|证件)"
_LISTS_THINGS = re.compile(rf"{_THINGS}(?:为|如下|包括)?[：:]$|(?:以下|下列|如下)[\u4e00-\u9fff]{{0,4}}{_THINGS}[：:]?$"
                           r"|^(?!精简|简化|降低|优化|规范|完善|减少|压缩|取消|放宽|明确|严格|提高|加强|落实)"
                           r"[^。，；：:]{0,16}(?:申报|申请|准入|设立|办理|报送|提交|所需|必备)[的]?(?:条件|材料|资料|证明|证件)$")
# (a heading, of what a procedure asks: not "涉水危险区域", "五、更好改善群众居住条件", nor work on it, "精简申报材料")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# A line that dates the document: "2026年3月5日", "（2026年3月5日）", "成文日期：2026年3月5日", "发布时间：2023年1月4日
# 10:30", "省乡村振兴局2021年8月16日"; not "本方案自2022年2月1日起实施". A 成文日期 is the document's own date, before
# any other the head gives (a page's 发布日期).
_DATE_LINE = re.compile(r"[（(]?(?:(?P<key>(?:成文|发布|印发|发文|公开|签发)?(?:日期|时间))[:：]"
                        r"|[\u4e00-\u9fff]{1,20}(?:局|厅|委员会|委|政府|办公室|管委会|部))?"
                        r"(\d{4})年(\d{1,2})月(\d{1,2})日[）)]?(?:印发|发布)?(?:\d{1,2}:\d{2}(?::\d{2})?)?")
# A covering letter's title names what it sends: "关于印发《X》的通知", "关于转发区商务委制订的《X》的通知".
_SENDS = re.compile(r"关于(?:印发|转发|批转|下发|发布)[^《》]{0,20}《(?P<title>[^《》]{4,60})》的(?:通知|函)$")
# A title by its form: "X关于Y的通知", "关于Y的实施意见" (no sentence in it: not "…印发给你们，请…"), ending at its kind.
_OWN_TITLE = re.compile(rf"[^，。；：:！？《》]{{0,40}}关于[^，。；：:！？]{{2,70}}{TITLE_KIND_END.pattern}")
# What a title runs on into when a page joined its lines: the 文号, or the addressees ("区直各单位，各乡镇人民政府：").
_RUN_ON = re.compile(r"[\u4e00-\u9fff]{2,12}[〔\[［(（]\d{4}[〕\]］)）]|(?:各|区直|市直|县直|省直)[^。；]{0,80}[：:]")
_NOTICE = re.compile(r"^(?P<office>.{2,40}?)关于印发(?P<title>.+?)的(?:通知|函)")
# A covering letter that names what it sends: "现将《2024年市政府工作报告重点任务清单》印发给你们".
# Not 转发: a forwarded document is another body's.
_FORWARDED = re.compile(r"(?:现|特|今)将《(?P<title>[^》]{4,60})》(?:印发|下发)给你们")
# Matched at the start of a top-level heading only: "（一）实施目标企业招商行动" is a task section.
# "规划总则" (a plan's general part: its thinking, principles, scope and goals), not a regulation's "总则", whose
# articles may assign duties.
# A plan's purpose is as little a task as its goals ("一、宣传目的", "目的意义"); not a destination ("旅游目的地").
_GOALS = re.compile(r"^(发展|主要|工作|总体|行动|预期)?目标|^指导思想|^(?:明确)?总体要求|^基本原则|^总体思路|^(规划|方案|计划)总则"
                    r"|^(?:宣传|工作|活动|编制|实施|主要|总体)?目的(?:(?:和|与|及)?意义)?[。：]?$")
_REQUIREMENTS = re.compile(r"^(工作要求|保障措施|组织实施|组织保障|保障机制|实施保障|工作保障|规划实施|实施机制)")
# Chapters that describe where a plan starts from: context, not tasks, and their figures are not targets.
_BACKGROUND = re.compile(
    r"^((发展|建设|工作|产业)?(基础|现状)|基本情况|发展背景|背景|面临形势|发展形势|形势|发展环境"
    # the law a plan rests on: "二、法律法规及相关依据" (平潭 2016), "编制依据", "政策依据"
    r"|(?:法律法规|法规政策|政策法规|政策|编制|制定)?(?:及相关|和相关|及)?依据)"
    r"([与和及、](面临的?)?(形势|机遇|挑战|问题|环境))*(分析)?[。：]?$"
)

# 附则 (supplementary provisions): who interprets the plan, when it takes effect. Not tasks.
_SUPPLEMENTARY = re.compile(r"^附\s*则[。：]?$")


@dataclass(frozen=True)
class Line:
    """One line of the normalised text with its offset."""

    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass
class Block:
    """A marker line and the lines under it up to the next marker."""

    style: str
    label: str
    level: int
    lines: list[Line]
    parent: int | None = None

    @property
    def span(self) -> Span:
        return Span(self.lines[0].start, self.lines[-1].end)

    def marker_len(self) -> int:
        return marker_end(self.lines[0].text, self.style)


@dataclass
class Header:
    """Fields read from the lines before the first marker."""

    title: str
    office: str | None
    date: str | None
    period: tuple[int, int] | None
    preamble: Span | None


def split_lines(text: str) -> list[Line]:
    """Lines with their character offsets."""
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(raw, pos))
        pos += len(raw) + 1
    return [line for line in out if line.text]


def marker_end(text: str, style: str) -> int:
    """Where a line's marker of `style` ends (0: the line opens with none)."""
    for name, rx, _ in (*MARKERS, *DECIMALS):
        if name == style and (m := rx.match(text)):
            return m.end()
    return 0


def marker_of(text: str) -> tuple[str, str] | None:
    """(style, label) when a line opens a numbered block."""
    for style, rx, fmt in MARKERS:
        m = rx.match(text)
        if m:
            return style, fmt.format(*m.groups())
    return None


def _own_title(head: list[Line]) -> tuple[str, int] | None:
    """A document's title by its form, "关于…的通知/意见", with the index of the line after it: the document's own
    ("平潭综合实验区管委会关于切实加强\n2015年造林绿化和森林经营工作的通知", "关于进一步扩大有效投资的实施意见"), or the one a
    covering letter issues or forwards ("…关于转发\n区商务委制订的《徐汇区关于…\n的实施意见》的通知" → that 实施意见). On one
    line, else on two or three whose first holds the 关于."""
    spans = [("".join(line.text for line in head[i : i + n]), i + n) for n in (1, 2, 3) for i in range(min(len(head), 6))
             if i + n <= len(head) and (n == 1 or "关于" in head[i].text)]
    # A line that is a title first; then one a page ran on into the 文号 or the addressees ("…的实施意见区直各单位，
    # 各乡镇人民政府：", "…的实施意见岚综管综〔2015〕207"), cut at the first title end the run-on follows.
    run_on = [(text[: k.end()], end) for text, end in spans for k in TITLE_KIND_END.finditer(text) if _RUN_ON.match(text, k.end())]
    for text, end in [*spans, *run_on]:
        if len(text) > 80 or not _OWN_TITLE.fullmatch(text):
            continue
        if sent := _SENDS.search(text):
            return sent.group("title"), end
        return text, end
    return None


def parse_header(lines: list[Line], first_marker: int) -> Header:
    """Title, issuing office, date, period and preamble from the header lines."""
    head = lines[:first_marker]
    office = title = None
    joined = "".join(line.text for line in head[:4])
    notice = _NOTICE.search(joined)
    if notice:
        office = notice.group("office")
    # The plan's own title is the last title-like line of the header, often
    # followed by its period on a line of its own; the notice title names it too.
    title_idx = None
    for i, line in enumerate(head):
        if _TITLE_END.search(line.text) and "关于" not in line.text and len(line.text) <= 60:
            title_idx = i
    preamble_from = 0
    if title_idx is not None:
        title = head[title_idx].text
        prev = head[title_idx - 1].text if title_idx else ""
        # "国务院关于加快推进农业机械化和\n农机装备产业转型升级的指导意见": a title set on two lines.
        # "2021年平潭综合实验区种业监管\n执法年活动方案": a title set on two lines as the covering notice names it whole.
        named = re.sub(r"^《(.+)》$", r"\1", notice.group("title")) if notice else ""
        if prev and len(prev) + len(title) <= 80 and prev[-1] not in "。；：:）" and (
                prev.endswith(("和", "与", "及", "的", "、", "暨")) or ("关于" in prev and not _NOTICE.search(prev))
                or prev + title == named):
            title = prev + title
        preamble_from = title_idx + 1
        if title_idx + 1 < len(head) and _PERIOD_LINE.match(head[title_idx + 1].text):
            title += head[title_idx + 1].text
            preamble_from += 1
    elif notice:
        title = re.sub(r"^《(.+)》$", r"\1", notice.group("title"))
    elif forwarded := next((m for line in head if (m := _FORWARDED.search(line.text))), None):
        title = forwarded.group("title")
    elif by_form := _own_title(head):
        title, preamble_from = by_form
    elif head:
        title = head[0].text[:60]
        preamble_from = 1
    # The first (a covering notice's date comes before the date of the plan it issues), unless one is the 成文日期.
    dated = [(m.group("key") == "成文日期", m) for line in head if (m := _DATE_LINE.fullmatch(line.text.replace(" ", "")))]
    dated.sort(key=lambda d: not d[0])
    date = next((iso for _, m in dated if (iso := iso_date(int(m.group(2)), int(m.group(3)), int(m.group(4))))), None)
    period = None
    for source, own in ((title or "", True), (joined, False)):  # a bare "（2019—2021）" only closing the title
        m = _PERIOD_ANY.search(source) or (_PERIOD_BARE.search(source) if own else None)
        if m:
            period = (int(m.group(1)), int(m.group(2)))
            break
    if period is None and title and not re.search(r"远景|展望|规划纲要", title):
        # An annual plan ("2026年优化营商环境重点任务分工方案") runs for its one year.
        m = _SINGLE_YEAR.search(title)
        if m:
            period = (int(m.group(1)), int(m.group(1)))
    body = [line for line in head[preamble_from:] if not _DATE.fullmatch(line.text)]
    preamble = Span(body[0].start, body[-1].end) if body else None
    if not office:
        for line in head:
            if re.fullmatch(r".{2,30}(人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|局)", line.text):
                office = line.text
    return Header(title=title or "", office=office, date=date, period=period, preamble=preamble)


def _decimal_markers(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """The lines a plan numbers decimally ("4.1灾情信息报告", "4.1.1灾害发生后，…"), where three or more sections and
    five or more lines are numbered so; a bare number ("7配套机制") within the run of chapters the sections open. A table
    of contents lists the headings once before the text repeats them: the first of a repeated heading is no marker."""
    marks: dict[int, tuple[str, str]] = {}
    for i, line in enumerate(lines):
        for style, rx, _ in DECIMALS[1:]:
            if m := rx.match(line.text):
                marks[i] = (style, m.group(1))
    # Sections run in order from N.1 ("5.12防灾减灾日" without a 5.11 is a date); an item's N.M.K under its section.
    labels = {label for _, label in marks.values()}

    def placed(style: str, label: str) -> bool:
        above, last = label.rsplit(".", 1)
        return above in labels if style == "decimal3" else last == "1" or f"{above}.{int(last) - 1}" in labels

    marks = {i: (style, label) for i, (style, label) in marks.items() if placed(style, label)}
    if sum(style == "decimal2" for style, _ in marks.values()) < 3 or len(marks) < 5:
        return {}
    # Chapters by their number alone, within the run of numbers the sections open ("2组织指挥体系" between 1.x and 4.x).
    chapters = {int(label.split(".")[0]) for _, label in marks.values()}
    for i, line in enumerate(lines):
        if i not in marks and (m := DECIMALS[0][1].match(line.text)) and 1 <= int(m.group(1)) <= max(chapters) + 1:
            marks[i] = ("decimal1", m.group(1))
    # A table of contents: the same heading, word for word, listed before the text (not an annex's own 1.1 restarting).
    last: dict[str, int] = {}
    for i in sorted(marks):
        if lines[i].text in last:
            del marks[last[lines[i].text]]
        last[lines[i].text] = i
    return marks


# A listed line that is work, not a thing: who does it ("（区司法局负责）", "区应急局牵头"; not a 负责人) or work it opens
# with ("1.组织开展…；", "2.完成…整治50家；"), by verbs that open no paper's or place's name.
_WORK_LINE = re.compile(r"负责(?!人)|牵头|配合|^(?:组织开展|组织实施|开展|完成|加强|推进|落实|督促|做好|推动|强化|完善|提升|取消"
                        r"|推行|简化|精简|优化)")  # (not 组织机构代码证, 建成区, 实施方案: papers and places)


# An article announcing a body's duties, not a rule's points: "区国动办是…实施单位，具体履行以下职责：", "…职责如下：".
# Not conditions or powers a line ends on duties after ("…应当具备以下条件，并履行相应的管理职责：", "…可以采取以下措施，依法
# 履行监督职责："), nor what is not a body's ("下列事项不属于工作小组职责："; review).
# A sentence of its own may announce them after the one naming the body ("…成员单位由…组成。主要职责：", 虹口 2025).
_OWN_DUTIES = re.compile(r"(?:(?:以下|下列)(?:[\u4e00-\u9fff]{0,4}工作|监督检查|监督管理|管理)?(?:职责|职能)|(?:职责|职能)(?:如下|为|是|包括)|^[^，。；]{2,24}?(?:主要|具体)?(?:工作)?"
                         r"(?:职责|职能)|(?<=[。；])(?:主要|具体)(?:工作)?(?:职责|职能))[：:]$")
# … nor conditions a line asks before the duties ("管理单位应当具备下列条件，并履行下列管理职责："; review, helper 834).
NOT_DUTIES = re.compile(r"不属于|不包括|不含|不是|以外|之外|(?:以下|下列)[^，。；]{0,6}(?:条件|措施|情形)")
# What follows an office's name where a sentence is not its duty: its paper, a date it did something, a report of what
# is done, or a body deciding ("区规划资源局出具的规划意见，作为…", "区财政局2023年下达的…已全部到位", "区政府常务会议审议
# 通过后…"; review).
NOT_DUTY_AFTER = re.compile(r"(?![要应须将在对按根依为])[^，。；的]{0,6}的|\d|已|常务会议|审议")  # not "要对…的", "在…的前提下"


def _own_duties(line: str) -> bool:
    """Whether a line announces the duties listed after it (`_OWN_DUTIES`), not what falls outside them."""
    return _OWN_DUTIES.search(line.strip()) is not None and not NOT_DUTIES.search(line)


def _duties_listed(lines: list[Line], k: int) -> bool:
    """Whether the numbered lines from k give two or more bodies their duties ("（一）市发展改革委负责…；"): points each
    of its own doer, not the conditions or steps of one rule (review, helper 606)."""
    owners, style = 0, None
    for line in lines[k:]:
        mk = marker_of(line.text)
        if mk is None or style not in (None, mk[0]):
            break
        style = mk[0]
        owner = _OWNER_DUTY.match(line.text[marker_end(line.text, style):].strip())
        owners += bool(owner and ends_like_office(owner.group("owner")))
    return owners >= 2


def _listed(lines: list[Line], k: int, work: bool = False, shaped: bool = True) -> bool:
    """Whether the lines from k are a list of things: two or more numbered lines in a row, of one style, each a clause
    closed by "；", a name ("1.营业执照副本") or one closing sentence, none doing work. Not items titled by sentences of
    their own ("1.拥有一定社会化服务经验。原则上…", 无极 2025's conditions its writer kept as tasks), nor headings each
    over its own text ("（一）城乡结合部 / 区城管局负责…"). Unless `shaped`, any two numbered lines of one style."""
    run: list[tuple[str, str]] = []  # (the line, its text after the marker)
    style = None
    for line in lines[k:]:
        mk = marker_of(line.text)
        if mk is None or style not in (None, mk[0]):
            break
        style = mk[0]
        run.append((line.text.strip(), line.text[marker_end(line.text, style):].strip()))
    return len(run) >= 2 and (not shaped or all((text.endswith(("；", ";")) or "。" not in text[:-1])
                                                and (work or not _WORK_LINE.search(body)) for text, body in run))


# A line keyed by whose duty it gives: "区公安分局：参加…", "其他有关部门和单位：按照…"; or opening with the kinds of
# department it gives one ("教育、卫生健康…等部门按照各行业管理职责，…").
_KEYED = re.compile(r"^[^，。；：:！？“”]{2,40}(?<!备注)(?<!说明)(?<!要求)(?<!包括)(?<!任务)(?<!内容)(?<!联系人)(?<!电话)"
                    r"(?<!注)[：:](?=[^：:]{8})"
                    r"|^[^，。；：:！？“”]{2,60}?等(?:有关|相关)?(?:部门|单位)(?=按照|根据|依据|要|应|负责|在各自)")
# An annex's title over its bodies' duties: "相关部门、单位的职责", "成员单位分工职责：", "各成员单位工作职责".
# Also with whose members they are ("区防汛指挥部成员单位职责") or as a division of work ("成员单位职责分工").
_ANNEX_DUTIES = re.compile(r"(?:[\u4e00-\u9fff]{2,16}?(?:指挥部|领导小组|委员会|联席会议|工作组))?(?:各|相关|有关)?(?:成员|组成)?"
                           r"(?:部门|单位|处室)(?:[、和及](?:部门|单位))?(?:的|及)?(?:分工|主要|工作)?职责(?:分工)?[：:]?")


def annex_duty_key(blocks: list[Block], idx: int) -> str | None:
    """"附件2 / 相关单位及职责 / 供电公司：负责…": the key of a duty paragraph in an annex of its bodies' duties, whoever it
    names (a company, "事发工程参建各方", "其他相关部门和单位"): the annex is a list of whose duty each is."""
    block = blocks[idx]
    if block.style != "paragraph" or block.parent is None or blocks[block.parent].style != "annex":
        return None
    line = block.lines[0].text.strip()
    key = _KEYED.match(line)
    name = key.group(0)[:-1] if key and key.group(0).endswith(("：", ":")) else ""
    # Not a condition, a time or a rule keyed so ("发生人员伤亡时：由区卫生健康委…", "工作时限：…"), nor a party defined
    # ("事发工程参建各方：指建设、勘察…单位"; review 913).
    if not name or "、" in name or _NOT_A_DOER_KEY.search(name) or re.match(r"(?:是)?指", line[len(name) + 1 :]):
        return None
    return name


_NOT_A_DOER_KEY = re.compile(r"^(?:对|发生(?!地)|当|在|如|若|凡)|(?:时|后|前|的|期间|以上|以下|内|日)$|\d|时限|要求|原则|标准|内容"
                             r"|范围|程序|流程|方式|措施|说明|备注")


def _body_alone(text: str) -> bool:
    """Whether a line names a body alone, over its duty on the next: "区卫生健康委："."""
    name = text.strip()
    return name.endswith(("：", ":")) and 2 <= len(name) - 1 <= 24 and not re.search(r"[，。；：:！？“”]", name[:-1]) \
        and ends_like_office(name[:-1])


def _duty_paragraphs(lines: list[Line], found: list[tuple[int, tuple[str, str] | None]], k: int, openings: set[int]) -> bool:
    """Whether the unnumbered lines from k, up to a marker or the next annex, open with the body whose duty they give,
    two or more and at least every other line (a duty may run to a second paragraph)."""
    run = []
    for line, (_, mk) in zip(lines[k:], found[k:], strict=False):
        if mk or line.start in openings:
            break
        run.append(_opens_with_doer(line.text) or _body_alone(line.text))
    return sum(run) >= 2 and sum(run) * 2 >= len(run)


def parse_blocks(lines: list[Line]) -> tuple[int, list[Block]]:
    """Index of the first marker line and the numbered blocks, nested by the standard marker order."""
    decimal = _decimal_markers(lines)
    found = [(i, marker_of(line.text) or decimal.get(i)) for i, line in enumerate(lines)]
    rank = dict(_RANK)
    # Labelled tasks stand under "（一）" sections ("（一）…专项行动 / 任务1：…") or above them ("举措一：… / （一）…"; review
    # 892): whichever the plan writes first is the outer level.
    first_of = {style: next((i for i, mk in found if mk and mk[0] == style), len(found)) for style in ("labelled", "section")}
    if first_of["labelled"] < first_of["section"] < len(found):
        rank["labelled"] = (_RANK["chapter"] + _RANK["section"]) / 2
    present = sorted({mk[0] for _, mk in found if mk}, key=rank.__getitem__)
    # Levels rank the styles a plan uses, so "1." right under "一、" is level 2.
    levels = {style: n for n, style in enumerate(present, start=1)}
    blocks: list[Block] = []
    first = next((i for i, mk in found if mk), len(lines))
    box_level: int | None = None  # level of the block a 专栏 (boxed list) belongs to
    box_style: str | None = None  # marker style of the box's own items
    folded_to = 0  # lines before this index that an article lists are its text
    # Lines before this index that an article lists as its body's duties are its sub-items, ranked under it whatever
    # their marker's rank; (the article's level, the rank of the list's first marker).
    nested_to, nested = 0, (0, 0)
    openings = {lines[k].start for k in annex_openings([line.text for line in lines])} | _second_documents(lines, found)
    # An annex's heading and the unnumbered lines after it (its title, a table of figures) are no text of the item
    # before it; numbering after it starts afresh, under no chapter of the body.
    detached = False
    staged = False  # a stage has opened since the last chapter: the stages after it are items too
    fresh: set[int] = set()  # blocks that open after an annex heading
    duty_annex: Block | None = None  # the heading of an annex's duty paragraphs, while they run
    annexes = duties = 0
    for k, ((_, mk), line) in enumerate(zip(found, lines)):
        opening = line.start in openings
        if opening:
            detached, duty_annex, annexes = True, None, annexes + 1
            fresh.add(len(blocks))
        # "附件：成员单位分工职责": the annex's heading may be its title.
        title = ANNEX_LABEL.sub("", line.text.strip(), count=1) if opening else line.text.strip()
        if detached and not mk and duty_annex is None and _ANNEX_DUTIES.fullmatch(title) \
                and _duty_paragraphs(lines, found, k + 1, openings):
            # An annex listing its bodies' duties, a paragraph each ("附件 / 相关部门、单位的职责 / 区公安分局：参加…", 崇明
            # 2024; "成员单位分工职责： / 党政办公室：负责…", 苏平 2022): a duties chapter, each paragraph a task its body
            # leads, as in the body of a plan (settled in session 63); the writers of both such annexes met so far read them
            # so (苏平 2022 in the 107th held-out set, 崇明 2024 in the 109th).
            duty_annex, duties = Block("annex", f"附件{annexes}", 1, [line]), 0
            fresh.add(len(blocks))
            blocks.append(duty_annex)
            continue
        if opening:
            continue
        if duty_annex is not None and not mk:
            # Each line keyed by whose duty it is opens one, whether or not that is a body the parser knows ("教育、卫生健康…
            # 等部门：", "地下空间权属和使用单位：" are no duty of the body before them).
            if _opens_item(line.text, True) or _KEYED.match(line.text) or _body_alone(line.text):
                duties += 1
                blocks.append(Block("paragraph", f"{duty_annex.label}.{duties}", 2, [line]))
            elif duties:
                blocks[-1].lines.append(line)  # a duty's second paragraph
            continue
        if mk and box_level is not None and levels[mk[0]] > box_level and box_style in (None, mk[0]):
            # "专栏1 重点项目" then "1. …": the box's items are text of the enclosing block.
            # A marker of another style ("（一）" after the box's "1.") ends the box.
            box_style = mk[0]
            mk = None
        if mk and k < folded_to:
            mk = None
        if mk and mk[0] == "stage" and not (staged or detached or (blocks and blocks[-1].style in ("part", "chapter"))):
            mk = None  # "（一）全面排查 / 分两个阶段推进： / 第一阶段…": stages inside an item are its text
        if mk:
            staged = mk[0] == "stage" or (staged and mk[0] not in ("part", "subpart", "chapter"))
        if mk:
            style, label = mk
            box_level = box_style = None
            detached, duty_annex = False, None
            if style not in ("article", "part", "subpart", "chapter") and blocks and lists_own_duties(blocks[-1]) \
                    and _listed(lines, k, shaped=False):
                # "第五条 区国动办是…实施单位，具体履行以下职责： / （一）… / （五）…": the body's duties, each a sub-item of the
                # article, up to the next article or chapter (黄浦 2023).
                nested_to = next((j for j in range(k, len(lines)) if (mj := found[j][1])
                                  and mj[0] in ("article", "part", "subpart", "chapter")), len(lines))
                nested = (blocks[-1].level, levels[style])
            level = levels[style]
            if k < nested_to and style not in ("article", "part", "subpart", "chapter") and levels[style] >= nested[1]:
                level = nested[0] + 1 + levels[style] - nested[1]
            blocks.append(Block(style, label, level, [line]))
            own = line.text[blocks[-1].marker_len():].strip()
            # The clauses an article lists are its text, work or not ("第二十三条 …有下列情形的，…应当督促…整改： /
            # （一）…的；", "第十六条 …需满足以下条件： / （一）…；"): the article is the rule, its clauses points of it.
            if style == "article" and (_LISTS_THINGS.search(own) or re.search(r"(?:下列|以下|如下)[^：:]*[：:]$", own)) \
                    and not _own_duties(own) and _listed(lines, k + 1, work=True) and not _duties_listed(lines, k + 1):
                # Its points rank above an article in the marker order, so they are folded by place, not by level: up
                # to the next article or chapter, their own sub-points too ("（二）…检查内容包括： / 1.…"; review, helper 606).
                folded_to = next((j for j in range(k + 1, len(lines)) if (mj := found[j][1])
                                  and mj[0] in ("article", "part", "subpart", "chapter")), len(lines))
            elif _LISTS_THINGS.search(own) and _listed(lines, k + 1):
                box_level = blocks[-1].level
        elif blocks and not detached:
            if _BOX.match(line.text) or _caption(line.text, blocks[-1], _box_lines(lines, k + 1, levels, blocks[-1].level)) \
                    or (_LISTS_THINGS.search(line.text.strip()) and _listed(lines, k + 1)):
                box_level, box_style = blocks[-1].level, None
            elif box_style is not None and line.text.rstrip().endswith(("：", ":")):
                box_level = box_style = None  # "区交通与建设局职责：" after a boxed list opens a list of its own
            blocks[-1].lines.append(line)
    fresh_lines = {blocks[i].lines[0].start for i in fresh if i < len(blocks)}
    blocks = split_paragraphs(blocks, max(levels.values(), default=0) + 1)
    stack: list[int] = []
    for idx, block in enumerate(blocks):
        if block.lines[0].start in fresh_lines:
            stack = []  # after "附件：重点任务分工表" numbering starts afresh, under no chapter of the body
        while stack and (blocks[stack[-1]].level >= block.level
                         # An article stands under its chapter, never under the points an article before it listed
                         # ("第二十八条 …其中： / （一）… / （九）… / 第二十九条…"), whose marker ranks above it.
                         or (block.style == "article" and blocks[stack[-1]].style not in ("part", "subpart", "chapter"))):
            stack.pop()
        block.parent = stack[-1] if stack else None
        stack.append(idx)
    return first, blocks


_TITLE_LINE = re.compile(r"^[^。，；：:、！？\s]{4,40}$")
_FIRST_LABELS = ("一", "1", "第一章", "第一部分", "第一条")
# How a document ends before the next begins: its effective date or its 附则 ("本暂行办法自2021年10月1日起实施。").
_DOCUMENT_END = re.compile(r"自[^，。；]{2,20}起(?:施行|实施|执行)|^附\s*则")


def _second_documents(lines: list[Line], found: list[tuple[int, tuple[str, str] | None]]) -> set[int]:
    """Where a notice that issues two documents opens its second ("…第三十九条 本暂行办法自…实施。 / 平潭综合实验区关于加强
    城市公共 / 停车设施建设的实施意见 / … / 一、聚焦重点建设任务"): its title, on a line or two of its own after the first
    document's items, ending as a document's name does, before numbering that starts again from one. Its items stand
    under no chapter of the first (they nested under its 附则)."""
    out: set[int] = set()
    seen_marker = False
    for k, (line, (_, mk)) in enumerate(zip(lines, found)):
        if mk:
            seen_marker = True
            continue
        if not seen_marker or not _TITLE_LINE.match(line.text) or not _TITLE_END.search(line.text):
            continue
        after = next((m for _, m in found[k + 1 :] if m), None)
        if after is None or after[0] not in ("part", "chapter", "article") or after[1] not in _FIRST_LABELS:
            continue  # not a caption before a section's own list ("整改措施 / 1.…")
        # The title's first line, where it runs over two ("平潭综合实验区关于加强城市公共 / 停车设施建设的实施意见").
        start = k - 1 if k > 0 and not found[k - 1][1] and _TITLE_LINE.match(lines[k - 1].text) else k
        title = "".join(line.text for line in lines[start : k + 1])
        # A document's title ("…关于…的实施意见"), or one after the first document's end; not a caption inside a chapter
        # ("第二章 重点任务 / 打造数字化转型示范场景行动方案 / 一、…"; review, helper 444).
        ended = start > 0 and any(_DOCUMENT_END.search(line.text) for line in lines[max(0, start - 3) : start])
        if len(title) >= 8 and ("关于" in title or ended):
            out.add(lines[start].start)
    return out


def _box_lines(lines: list[Line], start: int, levels: dict[str, int], level: int) -> list[str]:
    """The lines from `start` up to the next marker at `level` or above: what a caption over them would box."""
    out = []
    for line in lines[start:]:
        mk = marker_of(line.text)
        if mk and levels[mk[0]] <= level:
            break
        out.append(line.text)
    return out


# Units a boxed line may give in any form: "（责任单位：…）", "责任单位：…", "（区科技局）", "（A牵头，B配合）".
_UNITS_IN_LINE = re.compile(rf"(?:{RESP_KEY})[：:]|[（(][^（）()]{{2,40}}(?:局|委|办|处|中心|公司|集团|街道|街镇|乡镇|院|会|府|队|所"
                            r"|牵头|负责|配合)[）)]")
# What a caption boxes: projects, tasks, scenes or lists of them ("典型应用场景和项目", "示范区任务"), not measures or steps.
_BOXED_KIND = re.compile(r"(?:项目|任务|工程|场景|清单|名单)$")
# A generic label over the item's own measures ("主要任务", "年度重点工程") heads sub-items, not a box.
_GENERIC_CAPTION = re.compile(r"^(?:年度|具体|主要|重点|其他|近期)*(?:重点)?(?:任务|工程|举措|措施)$")


def _caption(line: str, block: Block, box: list[str]) -> bool:
    """"（九）加快建设典型应用场景。…（责任单位：…）" then "典型应用场景和项目" over a numbered list: a short line with no
    sentence right after an item that states its work and gives it to its units captions a box, as "专栏" does, and
    the list under it is the item's text. Not a table's title ("表1 …"), an annex's, a signature or a note, nor
    a sub-heading under an item that assigns no units, nor one over measures or table rows with units of their own
    (`box`, the lines under it: "1.建设智能制造示范工厂。（责任单位：区经信委）")."""
    after = box[0] if box else ""
    first = block.lines[0].text[block.marker_len():]
    return (len(block.lines) == 1 and "。" in first and _without_trailing_clause(first) != first
            and len(line) <= 30 and not re.search(r"[。，；：:|（）()]", line) and bool(_BOXED_KIND.search(line))
            and not _GENERIC_CAPTION.match(line)
            and not re.match(r"^(?:附|表\s*[\d一二三四五六七八九十])", line)
            and marker_of(after) is not None and not any("|" in b or _UNITS_IN_LINE.search(b) for b in box))


_LEAD_SENTENCE = re.compile(r"^[^。，；：！？]{2,30}。")
# A duties chapter's paragraph that opens with who does it: "区数字办负责指导…", "区行政服务中心作为建设单位牵头实施…",
# "区发展改革委、区财政局…按照各自职能，负责…" (not "同时负责…", which goes on with the paragraph before).
# … or with the body and a colon before its duty, whatever the verb ("区经济发展局商务处：协同指导…"); not a body's head
# ("企业负责人要…"), though "安监所负责人员密集场所…" is a duty.
_DOER_FIRST = re.compile(r"^(?P<who>[^。，；：！？“”、]{2,30}?)(?:、[^。，；：！？“”]{2,60}?)?(?:(?:作为|按照|根据)[^。，；！？]{0,16}?，?)?"
                         r"(?:负责(?!人(?![员防]))|牵头)|^(?P<owner>[^。，；：！？“”]{2,60}?)[：:](?=[^：:]{8})"
                         # … or before what it is or must do: "各镇政府、园区管委会是…责任主体", "其他相关部门依法…".
                         # … or by what guides its work: "街道办事处、镇人民政府按照职责分工…", "区属国有企业根据区政府要求…",
                         # "区发展改革、财政…等有关部门在各自职责范围内…" (嘉定 2023).
                         # A list may run long before its kind and a comma ("A、B…等区职能部门，依照各自职责…", 浦东 2023).
                         r"|^(?P<body>[^。，；：！？“”]{2,90}?)(?:是|为|要|应当?|须|依法|按照|根据|在各自|[，,]依照|[，,]按照)")
_BRACKET_AFTER = re.compile(r"[（(][^（）()]{1,8}[）)]$")
# Parties a plan regulates whose names end like a body's ("各医院", "各旅行社", "各加油站", "物业公司"; review, helper 586).
_REGULATED_END = re.compile(r"(?:公司|医院|学校|旅行社|加油站|加气站|酒店|宾馆|门店|商户|工地|项目部)$")


# A level that says whose a kind of body is ("区直单位", "区属国有企业", "区水务投资有限公司"), not a place or grade the
# name starts with ("区内建筑施工企业", "区域内重点排污单位", "区级文物保护单位", "区管干部", "县城供水公司", "市容环卫作业
# 单位": parties a plan regulates, sites, people; review).
# Its own offices of 城管 and 城市/城乡 work, and its 管委会, are the level's ("区城管执法局", "区管委会"; 虹口 2023).
_LEVEL_OWNED = re.compile(r"[省市区县](?![内域外级容]|管(?!委)|城(?!管|市|乡))")


def _a_body(name: str) -> bool:
    """Whether a name that opens a duty is a body of government: a collective, or a name that ends like an office and
    is no kind of party nor one the plan regulates, unless its level says whose it is ("区直单位", "区水务投资有限公司")."""
    name = _BRACKET_AFTER.sub("", name)  # "区经济发展局（经信）": a bureau by the division that does the work
    if COLLECTIVE.match(name) or UNNAMED.match(name) or field_department(name):  # "财政部门：…", a field's department
        return True
    # A company by its own long name is one the plan charges ("中石油重庆綦江销售分公司"), not a kind of party ("物业公司").
    regulated = _REGULATED_END.search(name) is not None and len(name.removeprefix("各")) <= 6
    return ends_like_office(name) and (_LEVEL_OWNED.match(name) is not None or not (KIND.search(name) or regulated))


# The short name a paragraph gives the body it opens with: "浦东新区建设和交通委员会（简称“区建交委”）是…".
_SHORT_NOTE = re.compile(SHORT_NAME_NOTE)


def _opens_with_doer(text: str) -> bool:
    """Whether a paragraph opens with a body that does its duty."""
    m = _DOER_FIRST.match(text := _SHORT_NOTE.sub("", text))
    if m and m.group("body"):
        return all(_a_body(n) for n in split_names(m.group("body")) or [""])
    if m and m.group("owner"):
        # Before a colon: bodies of government, not a time ("2024年底前：…"), a role's key ("牵头单位：…", "成员单位：…")
        # or a party the plan regulates ("各企业：…", "施工单位：…", review, helper 580). The first names a body, the
        # others may be any listed with it ("…分公司、…分公司及有关成品油经营企业").
        # The 各 that opens a list is each name's ("各镇、街道、园区：", 宝山 2019).
        names = split_names(m.group("owner"))
        every = "各" if names and names[0].startswith("各") else ""
        return bool(names) and not re.fullmatch(RESP_KEY, m.group("owner")) and _a_body(names[0]) \
            and all(COLLECTIVE.match(n) or (every and COLLECTIVE.match(every + n)) or ends_like_office(n)
                    for n in names[1:])
    who = _BRACKET_AFTER.sub("", m.group("who")) if m else None
    return who is not None and (ends_like_office(who) or bool(re.match(r"[各\d一二三四五六七八九十]", who)))


def paragraph_doers(text: str) -> list[str]:
    """The bodies a duties paragraph opens with, as `_opens_with_doer` reads them ("房管所负责…", "区公安局：…",
    "各镇政府、园区管委会是…"), the first leading; none where the first is no body ("一是负责…", "2024年底前负责…",
    "施工单位负责…"; review, helper 586)."""
    m = _DOER_FIRST.match(text := _SHORT_NOTE.sub("", text))
    if m is None or not _opens_with_doer(text):
        return []
    if m.group("who"):  # "A、B…负责": the list runs to the verb
        # … without how they share it ("市商务委、市国资委、市民防办分别负责…").
        names = split_names(re.sub(r"(?:要|应当?|须)?(?:按照各自职责|依职责)?(?:分别|共同|各自)?(?:负责|牵头)$", "", text[: m.end()])) \
            if text.startswith("、", m.end("who")) else [m.group("who")]
    else:
        names = split_names(m.group("owner") or m.group("body"))
    return names if names and _a_body(names[0]) else []


def _office_first(text: str) -> bool:
    """Whether a paragraph opens with an office its level names, whatever its verb ("区规划资源局进行全区域空间梳理…",
    "区数据局推进…", "区农业农村委在耕地保护的前提下…"): in a duties chapter, that office's duty."""
    clause = re.split(r"[，。；;,：:、（(]", text, maxsplit=1)[0]
    # Not an office's paper, a report of what it did or a body deciding (`NOT_DUTY_AFTER`).
    return any(_LEVEL_OWNED.match(clause) and ends_like_office(clause[:cut]) and not KIND.search(clause[:cut])
               and not NOT_DUTY_AFTER.match(clause[cut:])
               for cut in range(min(len(clause) - 1, 20), 2, -1))


def _opens_item(text: str, duties: bool) -> bool:
    """Whether a paragraph opens an item of its own: a short first sentence, or in a duties chapter who does it."""
    return bool(_LEAD_SENTENCE.match(text)) or (duties and (_opens_with_doer(text) or _office_first(text)
                                                             or _topic_then_doer(text) or _party_keyed(text)))


def _party_keyed(text: str) -> bool:
    """Whether a paragraph of a duties chapter opens with a party by its kind before its duty ("各参建单位：负责按合同约定…",
    宝山 2019): a duty of its own, not a run of the body's before it (though no body, so it cannot make a chapter one
    of duties)."""
    m = _DOER_FIRST.match(text)
    return m is not None and m.group("owner") is not None and not re.fullmatch(RESP_KEY, m.group("owner")) \
        and re.fullmatch(r"各?(?!成员|牵头|责任|主责|配合|参与|协办|主办|承办|相关|有关|其他|联系)[\u4e00-\u9fff]{1,8}"
                         r"(?:单位|企业|公司)", m.group("owner")) is not None  # not a role's key ("成员单位：…")


def _topic_then_doer(text: str) -> bool:
    """Whether a paragraph opens with its topic, then the office that does it ("纯二次供水设施改造项目由区水务局会同区财政局
    按…程序，选择…"): in a duties chapter, that office's duty."""
    m = re.match(r"[^，。；：:由]{2,20}(?=由)", text)
    led = _LED_BY.match(text, m.end()) if m else None
    return led is not None and ends_like_office(led.group("owner")) and not KIND.search(led.group("owner"))


# A paragraph of its own that an enumerator opens: "一是交通设施巨大变化。…", "二是…".
_ENUMERATED = re.compile(r"^[（(]?[一二三四五六七八九十]{1,2}是")


def _enumerated(block: Block, level: int) -> list[Block] | None:
    """An item whose line is a label over its parts ("1.基础设施建设专题：") and whose paragraphs each open with an
    enumerator ("一是交通设施巨大变化。…（责任单位：区交建局）", "二是…"): each paragraph an item of its own, numbered
    under it. Not the enumerators inside one paragraph, nor paragraphs under an item that states its measure
    ("2.狠抓落实。", "2.加强组织领导（责任单位：…）" then "一是…"): those are its text."""
    heading = block.lines[0].text[block.marker_len():]
    paragraphs = block.lines[1:]
    if not re.fullmatch(r"[^。，；（）()]+[：:]", heading) or len(paragraphs) < 2 or not _ENUMERATED.match(paragraphs[0].text) \
            or sum(bool(_ENUMERATED.match(line.text)) for line in paragraphs) < 2:
        return None
    return _opened_items(block, level, _ENUMERATED)


def _opened_items(block: Block, level: int, opens: re.Pattern[str]) -> list[Block]:
    """The block's first line, then an item of each paragraph that `opens` matches, numbered under it, with the lines
    up to the next such paragraph as its text."""
    out = [Block(block.style, block.label, block.level, [block.lines[0]])]
    for line in block.lines[1:]:
        if opens.match(line.text):
            out.append(Block("paragraph", f"{block.label}.{len(out)}", level, [line]))
        else:
            out[-1].lines.append(line)
    return out


# A paragraph a dash opens: "——加快生活垃圾有效治理。…（责任单位：区交建局、…）" (平潭 2018, heldout104).
_DASHED = re.compile(r"\s*——")
_OWN_UNITS = re.compile(rf"(?:{RESP_KEY})[：:]")


def _dashed(block: Block, level: int) -> list[Block] | None:
    """An item whose paragraphs each open with a dash and give units of their own ("（五）实施村容村貌提升行动 /
    ——整治房前屋后。…（责任单位：…） / ——规整村庄杆线。…"): each dash paragraph an item under it, the lines up to the
    next dash its text. Not dashes that list a goal's years or a measure's points, which give no units."""
    if block.style == "article" or len(block.lines) < 2 or not _DASHED.match(block.lines[1].text):
        return None
    out = _opened_items(block, level, _DASHED)
    if sum(any(_OWN_UNITS.search(line.text) for line in item.lines) for item in out[1:]) < 2:
        return None
    return out


# Owners named together by a heading: "三、相关部门", "（三）成员单位", "其他有关单位".
_OWNERS_TOGETHER = re.compile(r"(?:各|其他|其它)?(?:相关|有关)?(?:职能|工作)?(?:部门|成员单位|单位)")
# What a paragraph under such a heading holds where it gives a body no work: its contact, liaison or score.
_NO_WORK = re.compile(r"联系人|联系电话|联络员|电子邮箱|邮箱|得分|等次")


# A section's title that shares the work out among bodies ("(二)压实属地责任。", "(三)强化部门协同。", 奉贤 2025).
_SHARES_WORK = re.compile(r"(?:属地|部门|监管|工作)责任$|部门(?:协同|协作|联动)$")


# An opening paragraph that announces the duties after it: "…工作职责如下：", "各单位具体分工如下：", "职责分工如下:".
_ANNOUNCES_DUTIES = re.compile(r"(?:职责|分工)(?:任务)?如下[：:]$")


def _announces_duties(text: str) -> bool:
    """Whether a chapter's opening paragraph announces the duties after it; not rights ("被征收人的权利和职责分工如下：";
    review)."""
    return _ANNOUNCES_DUTIES.search(text) is not None and re.search(r"权利|义务", text) is None


def _most(flags: list[bool]) -> bool:
    """Whether at least two, and two thirds, of a section's paragraphs after its first hold."""
    return sum(flags) >= 2 and 3 * sum(flags) >= 2 * len(flags)


def split_paragraphs(blocks: list[Block], level: int) -> list[Block]:
    """Unnumbered items of a 工作要点: paragraphs under a heading line, each opening with a short sentence.

    "一、坚持项目为王" then "抓好重大项目建设。…" and "强化精准招商。…": two items,
    numbered 一.1 and 一.2. Needs a top-level heading line with no sentence of its own,
    a first paragraph that opens with such a sentence and at least two of them; a line
    that opens with none continues the paragraph before it.
    """
    out: list[Block] = []
    for block in blocks:
        if enumerated := _enumerated(block, level) or _dashed(block, level):
            out.extend(enumerated)
            continue
        paragraphs = block.lines[1:]
        heading = block.lines[0].text[block.marker_len():]
        boxed = any(_BOX.match(line.text) for line in paragraphs)  # a 专栏's own items are no paragraphs
        # A duties chapter written as paragraphs, each opening with who does it ("三、职责分工 / 区纪工委、廉政办负责…"), or
        # a section of one, its title a lead sentence ("（二）明确工作职责。建立健全…联动机制。 / 区党群工作部：负责…").
        title = heading.split("。", 1)[0]
        doers = sum(_opens_with_doer(line.text) for line in paragraphs)
        # A section, only where two thirds of its paragraphs after the first open with bodies of government (平潭金井
        # 2022's "（一）职责分工", whose offices mostly say under whom they work, stays one item, as its writer read it; so
        # does a list of "一是负责…" paragraphs, review, helper 586).
        # Its signature, where the text ends with it ("上海市宝山区水务局 / … / 2014年9月1日"), is no paragraph.
        signed = signature_length([line.text for line in paragraphs])
        # A party's duty by its kind ("监理单位：负责…") is neither a body's nor another paragraph's text (review, helper 726).
        # The first paragraph is the section's lead sentence unless its heading line holds one ("（三）明确职责分工。各相关
        # 部门根据职责分工，加强协作… / 区卫计局作为牵头单位，…", 平潭 2018): then every paragraph is after the first.
        first = 0 if "。" in heading.rstrip("。") else 1
        considered = [line for line in paragraphs[first : len(paragraphs) - signed] if not _party_keyed(line.text)]
        bodies = [bool(paragraph_doers(line.text)) for line in considered]
        # A chapter whose opening paragraph announces its duties ("六、保障机制 / …部门工作职责如下：", 奉贤 2025): a convention
        # stated once, the paragraphs after it each a body's duty; the announcement is none …
        announced = bool(paragraphs) and _announces_duties(paragraphs[0].text)
        # … unless it gives work itself before announcing the rest ("在区党工委…统一领导下，由…共同牵头，…。具体任务分工如下：").
        intro = announced and re.search(r"牵头|负责", paragraphs[0].text) is None
        duties = doers >= 2 and (((DUTY_CHAPTER.search(title) is not None or announced or _SHARES_WORK.search(title))
                                  and (block.level == 1 or _most(bodies)))
                                 # A heading naming the owners together ("三、相关部门" of an annex "…工作职责", 平潭 2015):
                                 # its paragraphs are theirs, where most open with a body given work ("财政部门：负责…"),
                                 # not a list of contacts or scores ("市公安局：联系人…", "区司法局：考核得分96分"; review).
                                 or (_OWNERS_TOGETHER.fullmatch(title) is not None
                                     and _most([b and _NO_WORK.search(line.text) is None
                                                for b, line in zip(bodies, considered, strict=True)])))
        # Only chapters or duties sections, and only when the first paragraph already opens an item (or the block is of
        # duties): an opening "到2026年，…" paragraph or a (一) section's body is ordinary text.
        # An article (第四条) is a provision whole, whatever its paragraphs.
        if ((block.level != 1 and not duties) or block.style == "article" or boxed or ("。" in heading and not duties)
                or not paragraphs
                or (not duties and not _LEAD_SENTENCE.match(paragraphs[0].text))
                or sum(_opens_item(line.text, duties) for line in paragraphs) < 2):
            out.append(block)
            continue
        head = Block(block.style, block.label, block.level, [block.lines[0]])
        out.append(head)
        k = 0
        if duties and first == 0 and block.level != 1:
            # A duties section whose heading line holds its own sentence ("（二）压实属地责任。区人民政府负责…") is its first
            # duty (review 875: as the section's heading alone, its sentence was in no item).
            k += 1
            own = block.marker_len()
            out.append(Block("paragraph", f"{block.label}.{k}", level, [Line(block.lines[0].text[own:],
                                                                           block.lines[0].start + own)]))
        for n, line in enumerate(paragraphs):
            # A duties chapter's opening paragraph is its first duty ("在区党工委统一领导下，由…共同牵头").
            if _opens_item(line.text, duties) or (n == 0 and duties and not intro):
                k += 1
                out.append(Block("paragraph", f"{block.label}.{k}", level, [line]))
            else:
                out[-1].lines.append(line)
    return out


def _without_trailing_clause(heading: str) -> str:
    """The heading without a bracketed responsibility clause that closes it (nested brackets allowed)."""
    for i, ch in enumerate(heading):
        if ch in "（〔【" and i > 0:
            depth = 0
            for j in range(i, len(heading)):
                depth += heading[j] in "（〔【"
                depth -= heading[j] in "）〕】"
                if depth == 0:
                    break
            # Closed at the end, or cut off by the line: either way the rest is the clause.
            inside = heading[i + 1 : j] if depth == 0 else heading[i + 1 :]
            shape = _CLAUSE_SHAPE.search(inside)
            # "（区住建委牵头）" names who; "（谁主管谁负责）", "（分工负责、密切配合）" state a principle.
            if shape and shape.group("who") is not None and re.search(r"谁|分工|同责|自主|密切|共同|^$", shape.group("who")):
                shape = None
            if ((depth == 0 and j == len(heading) - 1) or depth > 0) and shape:
                return heading[:i]
    return heading


def heading_of(block: Block) -> tuple[str, Span]:
    """The text before the first 。 (or the whole line for a pure heading)."""
    first = block.lines[0]
    start = first.start + block.marker_len()
    rest = first.text[block.marker_len():]
    if block.style == "article" and (titled := re.match(rf"\s*{ARTICLE_TITLE}", rest)):
        part = "title" if titled.group("title") is not None else "round"  # "第六条【经费保障】…", "第四条（统筹协调）…"
        return titled.group(part), Span(start + titled.start(part), start + titled.end(part))
    lead = _LEADING_CLAUSE.match(rest)
    if lead and lead.end() < len(rest):
        # "【牵头单位：…】开展以旧换新。" / "责任单位：A、B。激发住房消费。": the title follows the units.
        start, rest = start + lead.end(), rest[lead.end():]
    cut = rest.find("。")
    heading = rest.removesuffix("；") if cut < 0 else rest[:cut]  # "1.组织制定管理标准；": a clause of a list
    # "推进企业技术改造（责任单位：市工信局）": the units are not part of the title.
    heading = _without_trailing_clause(heading)
    if len(heading) > 40:
        # A run-on first sentence is no heading; its first clause reads as one.
        comma = heading.find("，")
        heading = heading[:comma] if 0 < comma <= 40 else heading[:40]
    return heading, Span(start, start + len(heading))


# Who leads the line's work, where it opens, before a comma: "由区公安局牵头组织，…" (not what a scope or a list of papers
# describes, "由区政府负责管理的项目；"; review, helper 526).
_LED_BY = re.compile(r"由(?P<owner>[^，。；由]{2,30}?)(?:牵头|负责|会同[^，。；的]{2,30}?)(?:组织|实施|落实)?[，,]")
_GIVEN_AFTER = re.compile(r"[，,]由(?P<owner>[^，。；由]{2,30}?)(?:牵头|负责|协助|指导|组织|会同|进行|承担)")
# Not what an office is in charge of, as a scope lists it ("2.区住建局负责监管的房屋建筑工程；").
_OWNER_DUTY = re.compile(r"(?P<owner>[^，。；：、]{2,20}?)负责(?![人同])(?![^，。；]{0,3}的)[^，。；]{4,}")


_GRANTS = re.compile(r"给予[^，。；]{0,10}(?:补助|补贴|奖励|贴息|支持|优惠)|按[^，。；]{1,20}(?:补助|补贴|奖励)"
                     r"|(?:降低|提高|下调|上调)[^，。；]{0,12}(?:至|到)\d")  # "首付比例降低至20%"


def has_body(block: Block, duties: bool = False) -> bool:
    """A block with sentences (not just a heading line), or whose line closes with a unit clause. In a chapter of
    duties (`duties`), a line ending in "；" is one, a clause of a list ("1.组织制定建筑垃圾处置管理标准；" /
    "2.开展相关宣传工作；"); elsewhere such lists name what a plan covers, the conditions of a rule or the papers to
    hand in."""
    # A list of places, conditions or papers the block holds as text (`_LISTS_THINGS`), and the line announcing it, are
    # no work of its own: "（二）规范申请材料 / 申请时提交下列材料： / 1.营业执照副本" has none.
    own = [line for line in block.lines[1:] if not marker_of(line.text) and not _LISTS_THINGS.search(line.text.strip())]
    if own or any("。" in line.text or (duties and line.text.rstrip().endswith(("；", ";"))) for line in block.lines[:1] + own):
        return True
    # An article holding its list is a rule of its own, though its sentence only announces the list ("第十六条 充电设施运营
    # 企业需满足以下条件：", "第二十三条 …有下列情形的，当地县级主管部门应当督促…整改："; 陕西 2024).
    if block.style == "article" and len(block.lines) > 1:
        return True
    # "（一）在城区规划区内购房的，按200元/m2给予补助，每套最高不得超过2万元；": a measure that grants something, closed
    # by "；" as the points of a list are; not a condition, an offence ("…造成扬尘污染的；"), a paper or a definition.
    text = block.lines[0].text[block.marker_len():]
    if text.endswith("；") and not text.endswith("的；") and len(text) >= 20 and _GRANTS.search(text):
        return True
    # "1.区交通与建设局负责打击…非法营运行为；", "（2）由区公安局牵头组织，立即开展…专项整治，…；": an office given its work,
    # a clause of a list or not.
    owner = _OWNER_DUTY.match(block.lines[0].text[block.marker_len():]) \
        or _LED_BY.match(block.lines[0].text[block.marker_len():])
    if owner and ends_like_office(owner.group("owner")):
        return True
    # "（三）对由于其他建设工程…引起损坏的房屋，由县建设交通委协助明确侵权责任人并进行后续处置；" (崇明 2015): a case the
    # office is given, after its comma.
    if (given := _GIVEN_AFTER.search(text)) and ends_like_office(given.group("owner")):
        return True
    # "1.《…入市管理办法》（责任单位：区规划资源局）": a line that gives its work to someone is work to do, sentence
    # or not.
    line = block.lines[0].text[block.marker_len():].removesuffix("；")
    return _without_trailing_clause(line) != line


def chapter_of(block: Block, blocks: list[Block]) -> str:
    """The heading of the top-level block `block` sits under (its own, at the top)."""
    top = block
    while top.parent is not None:
        top = blocks[top.parent]
    return top.lines[0].text[top.marker_len():]


def block_kind(block: Block, blocks: list[Block]) -> str:
    """"goals", "requirement", "background", "supplementary" or "task", from the top-level heading the block sits under."""
    heading = chapter_of(block, blocks)
    if _REQUIREMENTS.search(heading):
        return "requirement"
    if _BACKGROUND.search(heading):
        return "background"
    if _SUPPLEMENTARY.match(heading):
        return "supplementary"
    # A top-level block with sentences on its own heading line is a task ("一、目标管理。建立…").
    if _GOALS.search(heading) and not (block.parent is None and "。" in heading):
        return "goals"
    return "task"


def unique_numbers(blocks: list[Block], items: list[int]) -> dict[int, str]:
    """Each item's number: its label, prefixed by its parents' labels when its style restarts numbering."""
    seen: dict[str, set[str]] = {}
    restarts: set[str] = set()
    # Items and every section count; numbered leaves that are no items ("1．到2027年…" goal
    # sentences) do not, so they cannot force a prefix onto the tasks.
    parents = {b.parent for b in blocks if b.parent is not None}
    for b in (b for i, b in enumerate(blocks) if i in parents or i in items):
        labels = seen.setdefault(b.style, set())
        if b.label in labels:
            restarts.add(b.style)
        labels.add(b.label)
    # Prefix one parent label at a time, and only while the number still
    # collides: "（一）1" under 二 is clear enough, "（一）" under 三 needs "三（一）".
    out = {idx: blocks[idx].label for idx in items}
    parent = {idx: blocks[idx].parent for idx in items}
    style = {idx: blocks[idx].style for idx in items}
    for _ in range(4):
        counts: dict[str, int] = {}
        for label in out.values():
            counts[label] = counts.get(label, 0) + 1
        changed = False
        for idx in items:
            p = parent[idx]
            if p is not None and style[idx] in restarts and (counts[out[idx]] > 1 or out[idx] == blocks[idx].label):
                # A paragraph's or a decimal number's label holds its block's already ("1.2" under "1"): the block's
                # parent comes next ("11.1" would misname a plan's 1.1).
                if not ((style[idx] == "paragraph" or style[idx].startswith("decimal"))
                        and out[idx].startswith(blocks[p].label + ".")):
                    out[idx] = blocks[p].label + out[idx]
                style[idx], parent[idx] = blocks[p].style, blocks[p].parent
                changed = True
        if not changed:
            break
    return out


def ancestors(blocks: list[Block], idx: int) -> list[int]:
    """The blocks above block idx, nearest first."""
    out = []
    parent = blocks[idx].parent
    while parent is not None:
        out.append(parent)
        parent = blocks[parent].parent
    return out


def under_duties(blocks: list[Block], idx: int) -> bool:
    """Whether a block stands under a chapter or section of duties ("四、职责分工", "三、工作职责", or one whose opening
    paragraph announces them: "六、保障机制 / …工作职责如下：")."""
    return any(DUTY_CHAPTER.search(heading_of(blocks[p])[0])
               or (len(blocks[p].lines) > 1 and (_announces_duties(blocks[p].lines[1].text)
                                                 or _own_duties(blocks[p].lines[-1].text)))
               or lists_own_duties(blocks[p]) for p in ancestors(blocks, idx))


def lists_own_duties(block: Block) -> bool:
    """Whether an article announces the duties its points list: "第五条 区国动办是…实施单位，具体履行以下职责：" (黄浦 2023)."""
    if block.style != "article":
        return False
    # "第六条（街道办事处监督检查职责） / （一）…" (黄浦 2025): an article whose title alone names whose duties its points are.
    return _own_duties(block.lines[-1].text[block.marker_len() if len(block.lines) == 1 else 0:]) \
        or (len(block.lines) == 1 and _DUTIES_TITLE.fullmatch(block.lines[0].text[block.marker_len():].strip()) is not None)


# An article's title naming a body's duties: "（街道办事处监督检查职责）", "（区国动办职责）"; not a rule's ("（职责分工）").
_DUTIES_TITLE = re.compile(r"[（(][\u4e00-\u9fff]{2,20}?(?:局|委|办|办事处|政府|部门|中心|队|所|站)[\u4e00-\u9fff]{0,6}职责[）)]")
