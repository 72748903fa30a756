"""Patterns that more than one parsing step needs, kept in one place so the steps agree."""
from __future__ import annotations

import re
from typing import Final

# Keys that open a responsibility clause: "牵头单位：A；配合单位：B", "责任单位：A、B".
LEAD_KEYS: Final = ("牵头单位", "牵头部门", "主责单位")
CO_KEYS: Final = ("配合单位", "配合部门", "参与单位", "协同单位", "实施单位", "协办单位")
RESP_KEYS: Final = ("责任单位", "责任部门", *LEAD_KEYS, *CO_KEYS)
RESP_KEY: Final = "|".join(RESP_KEYS)  # as a regex alternation

# An annex heading line ("附件", "附件2：重点任务分工表"), not a sentence that mentions one.
ANNEX: Final = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*(?:[：:][^。]{0,40})?$")

# Page numbers an extractor leaves between lines, inside sentences and tables alike:
# "— 3 —", "-12-", "第3页", "第3页共12页", "3/12".
PAGE_NUMBER: Final = re.compile(
    r"^\s*(?:[—–\-－]+\s*\d{1,3}\s*[—–\-－]+|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
