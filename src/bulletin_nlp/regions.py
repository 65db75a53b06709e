"""Region of an item: the district, county, city, street or town that it reports on.

Looked for, in order: a ``某某区：`` headline prefix, the byline's unit (``某某区人大常委会办公室``),
and the subject of the body's first sentence (``某某县人大常委会围绕…``). An item about the issuing
body itself (``市人大常委会…``, unit ``研究室``) has no region.
"""

from __future__ import annotations

import re

from .normalise import squash

_SUFFIX = r"(?:自治州|自治县|自治旗|新区|开发区|高新区|街道|市|区|县|镇|乡|旗)"
_NAME = r"[\u4e00-\u9fff]{1,7}?"
_REGION = re.compile(rf"^({_NAME}{_SUFFIX})")
#: Words that show a "name" is an organ or office, not a place.
_NOT_PLACE = re.compile(
    r"人大|常委|政府|委员|办公|工委|党|政协|法院|检察|研究|秘书|部门|机关|单位|代表|全|各|本|我|该|此|市场|社区|小区|园区|城区|辖区|片区|景区|街区|专区|社会"
)
_HEADLINE_PREFIX = re.compile(rf"^({_NAME}{_SUFFIX})[：:]")
_LEAD = re.compile(
    r"^(近日|日前|近期|今年以来|近年来|去年以来|[0-9０-９]{1,4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9０-９]{1,2}月(上|中|下)旬|[0-9０-９]{1,2}月)[，,、]?"
)
_SUBJECT_AFTER = re.compile(
    r"^(今年|近日|日前|近期|全年|年内|启动|实施|发布|完成|印发|部署|成立|建成|上线|获评|入选|人大|人民代表大会|常委会|政府|人民政府|党委|以|在|通过|围绕|聚焦|坚持|把|将|积极|持续|深入|全面|探索|组织|召开|举行|开展|出台|制定|创新|立足|紧扣|紧盯|结合|推动|推进|建立|打造|率先|首创|扎实|着力|强化)"
)


def _place(match: re.Match | None) -> str | None:
    """The matched place; for a chain such as ``某某市某某区`` the most specific one."""
    if not match:
        return None
    name = match.group(1)
    if _NOT_PLACE.search(name) or len(name) < 2:
        return None
    if name.endswith(("市", "州")):  # 某某市某某区: the district is the more specific place
        inner = _place(_REGION.match(match.string[match.end(1) :]))
        if inner and inner.endswith(("区", "县", "旗")):
            return inner
    return name


def region_from_headline(title: str | None) -> str | None:
    """``江北区`` from ``江北区：…`` (full- or half-width colon), else None."""
    return _place(_HEADLINE_PREFIX.match(squash(title))) if title else None


def region_from_unit(unit: str | None) -> str | None:
    """``江北区`` from ``江北区人大常委会办公室``; None for ``研究室`` or ``市人大常委会…``."""
    if not unit:
        return None
    s = squash(unit)
    m = _REGION.match(s)
    return _place(m)


def region_from_body(body: str) -> str | None:
    """The place that is the subject of the body's first sentence, after a leading date."""
    s = _LEAD.sub("", squash(body)[:80])
    m = _REGION.match(s)
    place = _place(m)
    if place and _SUBJECT_AFTER.match(s[s.index(place) + len(place) :]):
        return place
    return None


def find_region(title: str | None, unit: str | None, body: str) -> str | None:
    """Region of an item from its headline, byline unit and body, in that order of trust.

    The headline counts both as a ``某某区：`` prefix and as a sentence whose subject is a place.
    """
    return (
        region_from_headline(title)
        or region_from_unit(unit)
        or region_from_body(body)
        or (region_from_body(title) if title else None)
    )
