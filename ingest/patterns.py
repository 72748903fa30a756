"""Patterns that more than one parsing step needs, kept in one place so the steps agree."""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

# An article's number as written ("第五条", "第三十九条"), and a decimal section's ("4.1", "4.1.1"): numbers that open a
# plan's lines, which readers of who acts skip as they skip "（一）" or "1.".
ARTICLE_NUMERALS: Final = "一二三四五六七八九十百零"
ARTICLE_NUMBER: Final = rf"第[{ARTICLE_NUMERALS}]{{1,4}}条"
# An article's own title in brackets after its number, as regulations write it: "第六条 【经费保障】 区人民政府应当…".
# "第二条（职责） 区建设管理委要…" (静安 2021's form, its title and text on one line) brackets the title round.
_SQUARE_TITLE: Final = r"[^【】\n]{1,20}"
_ROUND_TITLE: Final = r"[^（）\n]{1,20}"
ARTICLE_TITLE: Final = rf"(?:【(?P<title>{_SQUARE_TITLE})】|（(?P<round>{_ROUND_TITLE})）)"
# An article's opening: its number, and its title where it has one.
ARTICLE_OPENING: Final = rf"{ARTICLE_NUMBER}\s*(?:(?:【{_SQUARE_TITLE}】|（{_ROUND_TITLE}）)\s*)?"
DECIMAL_NUMBER: Final = r"\d{1,2}(?:\.\d{1,2}){1,2}(?![\d.])"
# The short name a text gives the body just named: "（以下简称“区建设管理委”）", "（简称“区规资局”）".
SHORT_NAME_NOTE: Final = r"[（(](?:以下简称|简称|下称)[^（）()]{1,14}[）)]"
# A heading's words, two to sixteen, which may list two things ("4.4调整、解除预警").
HEADING_WORDS: Final = r"[\u4e00-\u9fff](?:[\u4e00-\u9fff]|、(?=[\u4e00-\u9fff])){1,15}$"
# A decimal section's heading on a line of its own ("5.5 信息发布"), not a figure ("1.5亿元", "2.5万人").
DECIMAL_HEADING: Final = re.compile(rf"^{DECIMAL_NUMBER}[ \u3000]*(?![月日年个万亿元%％次倍项条座前后小时天人户米公顷里吨辆毫千平亩厘])"
                                    rf"{HEADING_WORDS}")
# Any item's number as it opens a line: "（一）", "(3)", "二、", "1.", "①", "4.1", "第五条".
ITEM_NUMBER: Final = (rf"(?:(?:[（(][一二三四五六七八九十\d]{{1,3}}[）)]|{DECIMAL_NUMBER}|[一二三四五六七八九十\d]{{1,3}}[、.．]"
                      rf"|[①-⑳]|{ARTICLE_OPENING})\s*)")

# Keys that open a responsibility clause: "牵头单位：A；配合单位：B", "责任单位：A、B".
# Each role word takes any of the words for a body: 单位, 部门, 处室 (a district's offices), 科室.
_BODIES: Final = ("单位", "部门", "处室", "科室")
# … and two of them in one key: "责任处室或单位", "责任处室（单位）", "责任部门单位" (崇明 2024), "责任部门和单位".
_BODY: Final = (*_BODIES, *(f"{a}{sep}" for a in _BODIES for b in _BODIES if a != b
                            for sep in (f"或{b}", f"（{b}）", b, f"和{b}", f"、{b}", f"/{b}")))
# A key may be qualified without changing its role: "主要责任单位：A、B" (the first listed still leads), "具体责任单位".
_QUALIFIERS: Final = ("", "主要", "具体")


def _keys(roles: tuple[str, ...]) -> tuple[str, ...]:
    """Each role with each body word, qualified or not; the role may be said again in a bracket: "牵头处室（牵头部门）"."""
    return tuple(f"{q}{r}{b}" for q in _QUALIFIERS for r in roles
                 for b in (*_BODY, *(f"{a}（{r}{c}）" for a in _BODIES for c in _BODIES if a != c)))


# "牵头负责单位：A；配合单位：B"; "属地责任：各地（市）行署 / 责任单位：A、B": the place answers first, the offices take part
# (where no office is named to lead: beside a 牵头单位 the places take part).
PLACE_KEY: Final = "属地责任"
LEAD_KEYS: Final = (*_keys(("牵头", "牵头负责", "主责", "主办")), PLACE_KEY)
CO_KEYS: Final = _keys(("配合", "参与", "参加", "协同", "协助", "实施", "协办", "支撑", "协作"))
# 责任/负责/指导/推进 name who answers for an item without saying who leads: the first listed does.
# "牵头处室：A / 责任对象：B、C": those charged with the work, under the office that leads it (not "实施对象", "支持对象":
# whom a measure is for).
RESP_ROLES: Final = ("责任", "负责", "指导", "主管", "推进", "落实", "承办")
RESP_KEYS: Final = (*_keys(RESP_ROLES), *(f"{q}责任对象" for q in _QUALIFIERS),
                    *LEAD_KEYS, *CO_KEYS)
RESP_KEY: Final = "|".join(RESP_KEYS)  # as a regex alternation
# "相关部门：A、B等。" closing a measure names its units (the first listed leads) only when a list of them follows; a
# sentence after it ("相关部门：各相关部门按照职责分工…", "相关单位：指与项目建设有关的企业") names none.
RELATED_KEY: Final = "|".join(f"相关{b}" for b in _BODY)

# Keys of a task-division table that sit in a unit clause and name a time, not a unit:
# 完成时限, 推进时限, 办理期限, 完成时间, 时间节点…; a schedule's 时序进度, 进度安排.
DATE_KEY: Final = (r"(?:(?:完成|推进|办理|实施|工作|落实|办结)?(?:时限|期限|时间节点|时间)(?:要求)?"
                   r"|(?:时序|时间|完成|工作)?进度(?:安排|要求)?)：")

# Words that make a short heading act or name a role, though it ends like an office's name ("明确责任部门",
# "牵头部门", "成立领导小组"): such a heading is no office.
ROLE_OR_ACT: Final = ("牵头|配合|协办|责任|相关|有关|职能|属地|重点|成员|其他|其它|明确|落实|加强|强化|压实|建立|健全|成立"
                      "|召开|打造|组建|推进|开展|做好|完善")

# An annex heading line ("附件", "附件2：重点任务分工表", "附表1"), not a sentence that mentions one.
# Its title may follow without a colon when it opens with a book title: "附表《…规划（2024—2035年）》重点工程项目清单".
# A list of the annexes may name a long first one ("附件：1.福建省海洋与渔业局关于实施2022年海洋伏季休渔制度的通告（闽海渔规
# 〔2022〕3号）", 平潭 2022).
ANNEX: Final = re.compile(r"^附[件表]\s*[\d一二三四五六七八九十]*\s*(?:[：:][^。]{0,40}|[：:]\s*1[.．、][^。]{0,100}|《[^。]{0,70})?$")
# A body's item markers other than the "1." a task table's rewritten rows carry.
_BODY_MARKER: Final = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,3}、"
                                 r"|第[一二三四五六七八九十\d]{1,3}(?:部分|章|节|条)|[①-⑳])")
_ROW_NUMBER: Final = re.compile(r"^(\d{1,3})[.．]")
# An annex line's label ("附件2：", "附表"), without the title it may go on with.
ANNEX_LABEL: Final = re.compile(r"^附[件表]\s*[\d一二三四五六七八九十]*\s*[：:]?\s*")
# "附表：1.任务分工表": the plan lists the tables it attaches, so a 附表 line after it heads one, not a caption.
_TABLE_LIST: Final = re.compile(r"^附表\s*[：:]\s*1[.．、]")


def annex_openings(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines that open an annex: every 附件 line, and a 附表 line after which the body's items go on
    no more ("附表：2024年资金安排" inside 保障措施, with "（二）加强人才保障" or "2.加强人才保障" still to come, captions a body
    table; an annex's rows number from 1). In a plan that lists its attached tables ("附表：1.任务分工表 2.…") that is
    every such line after the list; elsewhere only one that names its table ("附表：重点项目清单", not a bare "附表1" that
    may caption a table in the body) and whose table became rows: a table of figures may close the body."""
    listed = next((k for k, line in enumerate(lines) if _TABLE_LIST.match(line)), None)
    last_item = max((k for k, line in enumerate(lines) if _BODY_MARKER.match(line)), default=-1)

    def closes_body(k: int) -> bool:
        # The rows a task table was rewritten into come first; a table of figures left as cells ("项目 | 目标") before
        # "1.扩大供给…" is the caption's, and the items after it the body's.
        first_row = next((n for n, line in enumerate(lines[k + 1 :], start=k + 1) if _ROW_NUMBER.match(line)), None)
        return k > last_item and (first_row is None or (
            lines[first_row].startswith(("1.", "1．")) and not any("|" in line for line in lines[k + 1 : first_row])))

    def named_rows(k: int, after_annex: bool) -> bool:
        # Rows numbered from 1 on to the end ("1. 2. 3."; a new table starts at 1 again): a body item after them
        # ("3.加强调度督导" after rows 1–5) would go on the body's own numbering. Nor one among the numbered items of the
        # last section ("1.…", "2.…", then the caption): it captions them; after another annex's rows it is one more.
        numbers = [int(m.group(1)) for line in lines[k + 1 :] if (m := _ROW_NUMBER.match(line))]
        return not ANNEX_LABEL.fullmatch(lines[k]) and bool(numbers) and numbers[0] == 1 and all(
            b in (a + 1, 1) for a, b in zip(numbers, numbers[1:])) \
            and (after_annex or not any(_ROW_NUMBER.match(line) for line in lines[last_item + 1 : k]))

    out: set[int] = set()
    for k, line in enumerate(lines):
        if ANNEX.match(line) and (line.startswith("附件") or (
                (k >= listed if listed is not None else named_rows(k, any(j > last_item for j in out)))
                and closes_body(k))):
            out.add(k)
    return out


# Page numbers an extractor leaves between lines, inside sentences and tables alike:
# "— 3 —", "-12-", "第3页", "第3页共12页", "3/12".
PAGE_NUMBER: Final = re.compile(
    r"^\s*(?:[—–\-－]+\s*\d{1,3}\s*[—–\-－]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)


# A document's number (文号): "沪府办发〔2025〕17号", "国办发〔2020〕24号", "湘发改能源规〔2023〕848号".
DOC_NO: Final = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,12})[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号")


_CN_DIGITS: Final = "〇一二三四五六七八九十"


def number(s: str) -> int:
    """Digits (ASCII or full-width) or Chinese numerals, as a date or a row writes them: 2026, 二〇二六, 十二, 二十七."""
    s = s.translate(str.maketrans("０１２３４５６７８９零", "0123456789〇"))
    if s.isdigit():
        return int(s)
    if len(s) == 4:  # a year, digit by digit
        return int("".join(str(_CN_DIGITS.index(c)) for c in s))
    tens, _, ones = s.rpartition("十")
    return (_CN_DIGITS.index(tens) if tens else 1 if "十" in s else 0) * 10 + (_CN_DIGITS.index(ones) if ones else 0)


# What takes a grant back, as a sanction: "支持资金比例扣减1%", "扣除补助资金", "追回补贴"; neither an incentive nor,
# with the condition it is imposed on ("虚报次数超过3次的"), a target. Not a relief that deducts taxes ("每人每年7800元
# 依次扣减增值税…").
_TAKEN = r"(?:扣减|扣除|核减|追回|收回|追缴|退回)"
_GRANTED = r"(?:资金|补贴|补助|奖励|奖补|经费)"
# Nor what a grant's base leaves out ("扣除已获上级补助资金后的10%给予奖励", "在扣除省市奖励资金后给予…", review, helper 580).
SANCTION: Final = re.compile(rf"{_GRANTED}(?:比例)?[^，。；]{{0,4}}?{_TAKEN}(?![^，。；]*?后)|{_TAKEN}[^，。；]{{0,10}}?{_GRANTED}(?![^，。；]{{0,3}}后)")

# A rate per area as documents write it ("元/平方米", "元/㎡", "元/m2", "元/平米"): for targets' and incentives' units.
PER_AREA: Final = "平方米|㎡|m2|m²|平米"

# 工作职责 only as the chapter's name: "三、明确工作职责，强化协同" is a chapter of tasks. "分工与职责" too.
# "二、明确查处无证无照经营工作职责" (平潭 岚综管办〔2015〕182号, heldout73): a chapter that states whose the work is.
DUTY_CHAPTER = re.compile(r"职责分工|责任分工|(?:^|工作)职能分工$|(?:部门|各方|(?:成员|责任|相关|有关|牵头|配合)单位|(?:领导|工作|办事|协调)机构)职责|(?:成员|责任|相关|有关)单位工作职责$|职责任务|主体责任|^(?:工作|处室)职责$"
                          r"|^明确[\u4e00-\u9fff]{0,16}工作职责$"  # not "明确监管职责" over a list of offences
                          r"|任务(?:及|与|和)分工$|^(?:工作|任务)分工$"  # "（二）工作分工 / 区经济发展局（经信）负责建立…"
                          r"|^(?:职责|分工)(?:与|和|及)(?:职责|分工)$"
                          r"|^(?:各|相关|有关)?(?:成员|成员单位|组成单位)(?:及|与|和)(?:其)?(?:职责|分工)$"
                          # "三、成员单位及有关单位主要职责" (平潭 2016); not a party's ("物业服务企业及相关单位职责")
                          r"|^(?:各|领导小组)?(?:成员|责任|相关|有关)单位(?:(?:及|和|与)(?:其他|有关|相关)?单位)?(?:的)?(?:主要|工作)?职责$")  # "（一）成员及分工 / 区水务局：…"
# A title's kind, where it ends: "…的通知", "…的实施意见" (what a joined title runs on into follows it).
TITLE_KIND_END = re.compile(r"的(?:通知|意见|实施意见|指导意见|若干意见|决定|通告|函|报告|批复)")
