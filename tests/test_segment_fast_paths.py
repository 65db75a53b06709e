"""Issue 14 (start-up and item-segmentation speed): every shortcut gives exactly the answer of the rule it skips.

Item segmentation compiles some rules at first use and consults them only when a cheap test (a character the
rule needs, where it needs it) passes; the gazetteer search skips positions by a regex of the names' first two
characters; GB 2312 text is told in one encoding pass. Each test below compares a shortcut with the plain rule,
on the lines of the project's own samples and on generated strings made of the characters the rules look for.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp import bylines, furniture, normalise, regions, segment
from bulletin_nlp.normalise import squash, strip
from conftest import sample_lines

#: The characters the rules look for, a few CJK characters around them, layout spaces.
ALPHABET = (
    "讯消息电记者本报刊网台社据新华（()）：:，,。！？；、1234567890０１２区市县镇乡州街道日号月年份"
    "编辑审核校对整理摄影报道汇】【[]［］>》详詳全文更多近前夕期间之际我全省旗●◆■某甲乙丙人大常委会 \u3000\t"
)
TEXTS = st.text(alphabet=ALPHABET, max_size=40)


LINES = sample_lines()
#: Strings at the edges of the shortcuts: each rule's trigger at the last position it may have.
EDGES = [
    "本报讯",
    "（本报记者 王明）",
    "(记者 李强)",
    "某甲乙丙某甲乙丙某甲网讯（记者 王明）某某",
    "某甲乙丙某甲乙丙某甲乙讯",
    "据某甲乙丙某甲乙丙某甲乙丙消息（王明）某某",
    "据某甲乙丙某甲乙丙某甲乙丙丙消息",
    "新华社某甲乙丙某甲电",
    "记者某甲乙丙报道",
    "某甲乙丙某甲乙丙某甲乙丙新区：某某",
    "某甲乙丙某甲乙丙某甲乙丙街道：",
    "某区：某某",
    "某甲乙整理",
    "某甲乙丙摄影报道",
    "某甲编辑",
    "正文结束。（责任编辑：某某）",
    "正文结束。(审核:某某)  ",
    "某某某[详细]",
    "某某某全文>>",
    "某某某》》 ",
    "上年。8月3日，某某召开。",
    "上年。８月３日，某某召开。",
    "1990年",
    "3月份",
    "十二月",
    "【要闻】",
    "◆某某区◆",
    "我市召开",
    "全县召开",
    "市场",
    "某甲：乙丙 某甲：乙丙",
]


def plain(lazy: normalise.LazyPattern) -> re.Pattern[str]:
    """The rule itself, compiled here (not through the shortcut)."""
    return re.compile(lazy.pattern)


def check_shortcuts(s: str) -> None:
    q = squash(s)
    assert segment._news_lead(q) == bool(plain(segment._NEWS_LEAD).match(q))
    assert segment._credit(q) == bool(plain(segment._CREDIT).match(q))
    for t in (q, strip(s)):
        got, want = segment._region_prefix(t), plain(segment._REGION_PREFIX).match(t)
        assert (got and got.span()) == (want and want.span())
    if q[:1] not in segment._TITLE_MARK_FIRST:
        assert plain(segment._TITLE_MARKS).sub("", q) == q
    if q[:1] not in segment._BULLET_SET:
        assert plain(segment._BULLET_LABEL).fullmatch(q) is None
    if not q.endswith(("年", "月", "份")):
        assert plain(segment._PERIOD_LABEL).fullmatch(q) is None
    if q[:1] not in "【[［":
        assert plain(segment._BRACKET_LABEL).fullmatch(q) is None
    if not segment._may_have_editor_tail(s):
        assert plain(furniture.EDITOR_TAIL).search(s) is None
    if not segment._may_have_link_mark(s):
        assert plain(furniture.LINK_MARK).search(s) is None
    if not segment._PUNCT_DIGIT.search(q):
        assert plain(segment._CHRONICLE_ENTRY).findall(q) == []
    if q[:1] not in regions._HOME_FIRST:
        assert plain(regions._HOME_SUBJECT).match(q) is None
    if s.count("：") + s.count(":") < 2:
        assert len(re.findall(r"(?:^|[\s|｜])[\u4e00-\u9fff]{2,6}[：:]", s)) < 2
    head = plain(bylines._HEAD).match(strip(s))
    if head and strip(strip(s)[head.end() :]):
        assert bylines.match_head(s) == bylines.parse_inner(head.group(1))
    else:
        assert bylines.match_head(s) is None


def test_shortcuts_agree_with_their_rules_on_own_samples():
    assert len(LINES) > 300
    for line in LINES + EDGES:
        check_shortcuts(line)
        check_shortcuts(line[:30])


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_shortcuts_agree_with_their_rules_on_generated_strings(s):
    check_shortcuts(s)


def old_all_gb2312(text: str) -> bool:
    """The former test: the CJK ideographs of ``text``, gathered by a regex, all encode in GB 2312."""
    cjk = "".join(re.findall(r"[\u4e00-\u9fff]", text))
    try:
        cjk.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="學習学习中文abc😀•·—「」\u3000龘𠀀", max_size=30))
def test_gb2312_test_in_one_pass_equals_the_regex_one(s):
    assert normalise._cjk_all_gb2312(s) == old_all_gb2312(s)


def test_traditional_sample_is_still_converted():
    text = "立法機關審議條例，聽取意見。"
    view = normalise.simplified(text)
    assert view == "立法机关审议条例，听取意见。"
    assert normalise.is_traditional(text, view)
    assert not normalise.is_traditional("立法机关审议条例。")


def naive_search(m: regions._Matcher, text: str, pos: int) -> tuple[int, int, str] | None:
    """Leftmost, then longest, name of ``m`` in ``text`` at or after ``pos``, by trying every slice."""
    for i in range(pos, len(text) - 1):
        for n in range(m.longest, 1, -1):
            w = text[i : i + n]
            if len(w) == n and w in m.words:
                return i, i + n, w
    return None


def test_gazetteer_search_equals_trying_every_slice():
    _, matcher, _ = regions._gazetteer()
    texts = [squash(line) for line in LINES if len(squash(line)) >= 2]
    assert texts
    found = 0
    for t in texts:
        for pos in (0, len(t) // 2):
            got = matcher.search(t, pos)
            assert got == naive_search(matcher, t, pos), t
            found += got is not None
    assert found > 20  # the samples name places


def test_gazetteer_divisions_are_made_on_demand_and_shared():
    names, _, data = regions._gazetteer()
    (code,) = names["朝阳区"][:1]
    d = regions._division(code)
    assert d is regions._division(code)
    assert (d.name, d.level, d.code) == (data[code], "county", code)
    assert [m.division.name for m in regions.mentions("北京市朝阳区人大常委会")] == ["北京市", "朝阳区"]


def test_lazy_pattern_compiles_once_at_first_use():
    p = normalise.LazyPattern(r"[\u4e00-\u9fff]+(区)")
    assert p._compiled is None
    assert p.match("某某区").group(1) == "区"
    first = p._compiled
    assert first is not None and p.compiled() is first
    assert p.sub("-", "a某某区b") == "a-b"
    assert p.findall("甲区乙区") == ["区"]
    assert [m.span() for m in p.finditer("甲区，乙区")] == [(0, 2), (3, 5)]
    assert p.split("甲区,乙区") == ["", "区", ",", "区", ""]
    assert p.search("，某区").span() == (1, 3)
    assert p.fullmatch("某区") and not p.fullmatch("某区，")
