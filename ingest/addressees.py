"""The bodies a document is sent to (主送): the line of names ending in a colon between its title and its body."""
from __future__ import annotations

import re

from .patterns import TITLE_KIND_END
from .unit_names import COLLECTIVE, ends_like_office, split_top

# A line of names and a colon: "市道路运输事业发展中心、各区公安分局交警支队、各高速公路项目公司：", or the title it ran on
# from where a page joined them ("关于印发《…》的通知市道路运输事业发展中心、…：").
_LINE = re.compile(rf"^(?:.*?{TITLE_KIND_END.pattern})?(?P<names>[^。；！？：:“”《》\d]{{2,300}})[：:]$")
# The first lines a document's head holds: title, 文号, issuer, addressees.
_HEAD_LINES = 8
# A level's own bodies addressed as a whole ("区政府各委、办、局", "区直各单位", "区属各公司"), which name none one by one.
_LEVEL_WHOLE = re.compile(r"^[省市区县](?:政府|委|直|属)")


def addressees(text: str) -> list[str]:
    """The names in the document's addressee line, or none where its head has no such line."""
    for line in text.splitlines()[:_HEAD_LINES]:
        if not (m := _LINE.match(line.strip())):
            continue
        names = [n for n in split_top(m.group("names"), "、，,") if n]
        # Each part a body ("各高速公路项目公司", "头桥集团"), a collective ("各镇人民政府") or a level's whole; a heading
        # ("一、总体要求：") or a topic ("工作目标：") is none.
        if names and all(ends_like_office(n) or COLLECTIVE.match(n) or _LEVEL_WHOLE.match(n) or len(n) == 1 for n in names):
            return [n for n in names if len(n) >= 2]
    return []
