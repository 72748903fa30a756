"""The places a document belongs to, by the names a question may use for them ("景德镇", "江西省", "浦东")."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.jurisdiction import parse_place

# A place's short name drops its kind: 景德镇市 -> 景德镇, 江西省 -> 江西, 浦东新区 -> 浦东 (two characters at least:
# 泾县 stays 泾县, since 泾 alone is not a name anyone searches by).
_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|州|地区|盟|综合实验区|片区|新区|区|县|旗)$")
_TITLE_LEAD = re.compile(r"^(关于印发|关于|印发)?[《〈]?(20\d{2}年度?)?")


def names_of(place: str) -> set[str]:
    """A place's full name and its short name."""
    out = {place}
    short = _SUFFIX.sub("", place)
    if len(short) >= 2:
        out.add(short)
    return out


def document_places(offices: Iterable[str | None], title: str | None, region: str | None = None) -> set[str]:
    """Every name of the places a document is issued for: its issuing bodies' province, city and county, the
    place its title opens with, and a region the header named."""
    places: set[str] = set()
    sources = [o for o in offices if o] + ([_TITLE_LEAD.sub("", title)] if title else [])
    for source in sources:
        found = parse_place(source)
        if found is not None:
            places |= {p for p in (found.province, found.city, found.county) if p}
    if region:
        places.add(region)
    return {name for place in places for name in names_of(place)}
