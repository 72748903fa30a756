"""A list's labels: where sibling items open with the name of who does them ("（一）区房管局。负责…", "9.区民政局：…")
and most of those names are read as units, the list states by its shape that its labels name who does each item, so a
label the resolver does not know ("（二）公安消防支队。", "25.新金山投控集团：") names its item's unit too."""
from __future__ import annotations

import re
from collections import defaultdict

from .records import Item, Span, UnitRef
from .unit_names import split_names
from .units import UnitResolver

# An item's number, then its label before a full stop or a colon: "（二）公安消防支队。", "3.区人武部、驻金部队：".
_LABEL = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、]|[一二三四五六七八九十]{1,3}、)\s*"
                    r"(?P<label>[^，。；：:\n]{2,80}?)[。：:]")
# Words a label of work has, which a body's name does not: "（三）工作要求。", "2.加强组织领导：".
_WORK = re.compile(r"目标|任务|要求|原则|范围|内容|措施|机制|制度|流程|职责|分工|工作|保障|领导|意义|背景|依据|时间|步骤|阶段"
                   r"|方式|程序|标准|对象|重点|加强|强化|推进|落实|建立|健全|完善|开展|做好|提升|严格|其他|有关|相关(?!区|市|县)")
# How a body's name ends: an office, a force, a company, a place ("公安消防支队", "虹房集团", "各街镇（园区）"), not
# a sentence that fits a label's length ("（五）区财政金融局预算安排专项经费。").
_NAME_END = re.compile(r"(?:局|委|办|队|集团|公司|所|中心|部|部门|处|科|院|会|站|室|厅|组|行|政府|镇|乡|街道|园区|村|社区|[）)])$")
# The duty that follows a body's label: "（二）公安消防支队。负责…", "25.新金山投控集团：承担…"; not a topic's
# description ("（七）配电室。重点查看…", "（九）第一督导组。组长张三…"; review, helper 436).
_DUTY_AFTER = re.compile(r"\s*(?:要|应当?|须|主要|具体|积极|及时|全面|依法|统一)?(?:负责|牵头|承担|配合|协助|协调|组织|做好|开展|加强|督促"
                         r"|指导|落实|参与|提供|保障|监督|会同|统筹|按照|根据|履行|实施|抓好|推进|建立|制定|对|定期|做|查处|打击"
                         r"|安排|确保|研究|编制|完善|强化|推动|监测|发布|管理|维护|审核|核查|受理|办理|宣传|检查|排查|整治|统计)")
# How many labels a list needs read as units, and their share, before its other labels are taken as names.
_ENOUGH = 3
_SHARE = 2 / 3


def _shape(number: str) -> str:
    """The kind of an item's last number ("（二）", "9", "三"), which siblings share."""
    last = re.split(r"(?<=[）)])|\.", number)[-1] or number
    return re.sub(r"\d+", "9", re.sub(r"[一二三四五六七八九十]+", "一", last))


def _label(item: Item) -> str | None:
    """The label an item opens with, where a duty follows it."""
    m = _LABEL.match(item.text)
    return m.group("label").strip() if m and _DUTY_AFTER.match(item.text, m.end()) else None


def _reads_label(item: Item, label: str) -> bool:
    """Whether the item's lead is the body its label names."""
    lead = next((u for u in item.units if u.role == "lead"), None)
    return lead is not None and (label.startswith(lead.written) or lead.written.startswith(split_names(label)[0]))


def label_units(items: list[Item], text: str, resolver: UnitResolver) -> None:
    """Give each item of a list whose labels name who does them, and that has no units, the bodies its label names."""
    lists: dict[tuple[int | None, str], list[tuple[Item, str]]] = defaultdict(list)
    for item in items:
        if (label := _label(item)) is not None:
            lists[(item.section, _shape(item.number))].append((item, label))
    for labelled in lists.values():
        read = [item for item, label in labelled if _reads_label(item, label)]
        if len(read) < _ENOUGH or len(read) < _SHARE * len(labelled):
            continue
        for item, label in labelled:
            names = split_names(label)
            # "A、B等行业主管部门": the kind A and B are, no body of its own (not "区公安、交通等部门", whose fields share it).
            if len(names) > 1 and (kind := re.search(r"等(?P<kind>[^、，]*(?:部门|单位))$", label)) \
                    and names[-1] == kind.group("kind"):
                names = names[:-1]
            # An item its sentences gave some of the label's bodies ("12.区建设管理委、区教育局…等行业领域主管部门：配合…",
            # read up to its first name) takes them all.
            if (item.units and not {u.written for u in item.units} < set(names)) or not names \
                    or any(_WORK.search(n) or not _NAME_END.search(n) or not 2 <= len(n) <= 16 for n in names):
                continue
            at = item.span.start + item.text.find(label)
            refs = []
            for k, name in enumerate(names):
                pos = text.find(name, at)
                refs.append(UnitRef(resolver.resolve(name), name, "co" if k else "lead", Span(pos, pos + len(name))))
            item.units = refs
