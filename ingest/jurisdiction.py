"""Whose document it is: the issuing body's level and region, and the region a unit name belongs to."""
from __future__ import annotations

import re

from .records import Jurisdiction

# Province-level divisions (GB/T 2260): full name, short names; municipalities are their own city.
_PROVINCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("北京市", ("北京", "京")), ("天津市", ("天津", "津")), ("上海市", ("上海", "沪")), ("重庆市", ("重庆", "渝")),
    ("河北省", ("河北", "冀")), ("山西省", ("山西", "晋")), ("内蒙古自治区", ("内蒙古", "蒙")), ("辽宁省", ("辽宁", "辽")),
    ("吉林省", ("吉林", "吉")), ("黑龙江省", ("黑龙江", "黑")), ("江苏省", ("江苏", "苏")), ("浙江省", ("浙江", "浙")),
    ("安徽省", ("安徽", "皖")), ("福建省", ("福建", "闽")), ("江西省", ("江西", "赣")), ("山东省", ("山东", "鲁")),
    ("河南省", ("河南", "豫")), ("湖北省", ("湖北", "鄂")), ("湖南省", ("湖南", "湘")), ("广东省", ("广东", "粤")),
    ("广西壮族自治区", ("广西", "桂")), ("海南省", ("海南", "琼")), ("四川省", ("四川", "川")), ("贵州省", ("贵州", "黔")),
    ("云南省", ("云南", "滇")), ("西藏自治区", ("西藏", "藏")), ("陕西省", ("陕西", "陕")), ("甘肃省", ("甘肃", "甘")),
    ("青海省", ("青海", "青")), ("宁夏回族自治区", ("宁夏", "宁")), ("新疆维吾尔自治区", ("新疆", "新")),
)
_MUNICIPALITIES = {"北京市", "天津市", "上海市", "重庆市"}
_BY_NAME = {full: full for full, _ in _PROVINCES} | {s: full for full, shorts in _PROVINCES for s in shorts if len(s) > 1}
_BY_ABBR = {shorts[-1]: full for full, shorts in _PROVINCES}
_PROVINCE_AT_START = re.compile("^(" + "|".join(sorted(_BY_NAME, key=len, reverse=True)) + ")")
# 文号 of a provincial government or department: "沪府办发", "皖政办", "豫工信联规", "苏市监".
# City governments share some abbreviations ("苏府" is 苏州's), so only these forms count.
_PROVINCIAL_NO = re.compile(
    "^(?P<abbr>[" + "".join(_BY_ABBR) + r"])(政|(?<=[沪渝琼])府|发改|工信|经信|财|科|商|市监|人社|教|环|生态|住建|交|农|卫|自然|文旅|应急|医保|能源)"
)
_NATIONAL_NO = re.compile(r"^(国发|国办发|国办函|国函|中发|中办发)")
_NATIONAL_ISSUER = re.compile(r"^(国务院|中共中央|中央|国家[\u4e00-\u9fff]{1,12}(局|委|委员会|署)$)|^[\u4e00-\u9fff]{2,10}(部|总局|总署)(等|、|$)")
# A city, a district or county, and the special zones that stand where a city would.
_CITY = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,5}?(市|自治州|州|地区|盟|综合实验区|新区))(?!场|民|级|委|直|区委|政府)")
_COUNTY = re.compile(r"^(?P<name>[\u4e00-\u9fff]{1,6}?(新区|片区|区|县|旗|县级市))(?!委|政府[^\u4e00-\u9fff])")
_NOT_PLACE = re.compile(r"^(全市|本市|各市|全区|各区|全县|各县|本区|本县|市|区|县|省)")


def province_of(name: str) -> tuple[str | None, str]:
    """The province a name opens with, and the rest: "上海市浦东新区人民政府" -> (上海市, 浦东新区人民政府)."""
    m = _PROVINCE_AT_START.match(name)
    if not m:
        return None, name
    rest = name[m.end():]
    full = _BY_NAME[m.group(1)]
    if full in _MUNICIPALITIES or full.endswith("自治区"):
        return full, rest
    return full, rest.removeprefix("省")


def parse_place(name: str) -> Jurisdiction | None:
    """The region an issuing body's name opens with, at its most local level."""
    if _NATIONAL_ISSUER.match(name):
        return Jurisdiction("national", None, None, None)
    province, rest = province_of(name)
    city = county = None
    if province in _MUNICIPALITIES:
        city = province
    elif not _NOT_PLACE.match(rest):
        m = _CITY.match(rest)
        if m:
            city, rest = m.group("name"), rest[m.end():]
    if not _NOT_PLACE.match(rest) and (city or province):
        m = _COUNTY.match(rest)
        if m and len(m.group("name")) >= 2:
            county = m.group("name")
    elif not (city or province):
        m = _COUNTY.match(rest)
        if m and len(m.group("name")) >= 2 and m.group("name").endswith("县"):
            county = m.group("name")
    if not (province or city or county):
        return None
    level = "county" if county else "city" if city and city not in _MUNICIPALITIES else "provincial"
    return Jurisdiction(level, province, city, county)


def from_doc_no(doc_no: str) -> Jurisdiction | None:
    """National or provincial documents known by their 文号 alone."""
    if _NATIONAL_NO.match(doc_no):
        return Jurisdiction("national", None, None, None)
    m = _PROVINCIAL_NO.match(doc_no)
    if m:
        province = _BY_ABBR[m.group("abbr")]
        return Jurisdiction("provincial", province, province if province in _MUNICIPALITIES else None, None)
    return None


def find_jurisdiction(issuers: list[str], title: str, doc_no: str | None, city: str | None) -> Jurisdiction:
    """The document's level and region: from its issuing bodies, then its title, then its 文号."""
    found = next((j for j in (parse_place(i) for i in issuers if i) if j is not None), None)
    if found is None and title:
        found = parse_place(re.sub(r"^(关于|20\d{2}年度?)", "", title))
    if found is None and doc_no:
        found = from_doc_no(doc_no)
    if found is None:
        # A city the gazetteer found in the header is better than nothing.
        return Jurisdiction("city" if city else "unknown", None, city, None)
    if found.city is None and city and found.level != "national":
        return Jurisdiction(found.level, found.province, city, found.county)
    return found


# ---- units -----------------------------------------------------------------------------------
_LOCAL_PREFIX = re.compile(r"^(省|市|县|区|州|盟|旗|镇|乡|街道|各|全|本)")


def unit_scope(name: str, national: bool, jur: Jurisdiction, doc_id: str) -> str:
    """The region a unit belongs to, as a key: 国家, 上海市, 上海市/浦东新区, or the document for an unknown place.

    National bodies are one unit everywhere; "省商务厅" is the issuing province's, "市科技局" the city's,
    "区发展改革委" the district's; "江西省商务厅" names its province itself.
    """
    if national:
        return "国家"
    local = f"doc:{doc_id}"
    province, _ = province_of(name)
    if province:
        sub = parse_place(name)
        if sub and sub.county:
            return f"{sub.city or province}/{sub.county}"
        return province
    if jur.level == "national" and not _LOCAL_PREFIX.match(name):
        return "国家"  # a central document's unprefixed bodies are central
    if name.startswith("省"):
        return jur.province or local
    if name.startswith(("区", "县", "旗")):
        return f"{jur.city or jur.province or ''}/{jur.county}".lstrip("/") if jur.county else local
    if name.startswith("市"):
        return jur.city or local
    if jur.county:
        return f"{jur.city or jur.province or ''}/{jur.county}".lstrip("/")
    return jur.city or jur.province or local
