"""Issue 14 (start-up): the layout rules answered by string methods, or compiled at first use behind an exact
pre-test, give exactly the answers of the patterns they stand for.

Compiling a class of CJK characters costs 0.3-1 ms per process (``sre`` builds 64K-entry tables), and the
layout modules held some fifty such patterns, all compiled by every ``bnlp segment``. Each pattern is kept
(compiled only where a text needs it); every test below compiles it here and compares it with its shortcut,
on the lines of the project's own samples, on strings at the edges of the rules, and on generated strings
made of the characters and words the rules look for.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp import bylines, furniture, masthead, normalise, segment
from bulletin_nlp.normalise import LazyPattern, strip
from conftest import ROOT
from test_segment_fast_paths import LINES


@cache
def P(lazy: LazyPattern) -> re.Pattern[str]:
    """The rule itself, compiled here (not through the shortcut)."""
    return re.compile(lazy.pattern, lazy._flags)


def old_squash(text: str) -> str:
    return P(normalise.SPACE_RUN).sub("", text)


#: Pieces of the layouts the rules read: numerals, dates, brackets, labels, marks, every kind of space.
WORDS = [
    *"0123456789０１２３４５６７８９",
    *"〇○零OＯoО一二三四五六七八九十百",
    "2024",
    "1990",
    "18",
    "20",
    "19",
    "年",
    "月",
    "日",
    "号",
    "份",
    "期",
    "第",
    "总第",
    "章",
    "条",
    *"~～至—-－",
    *"（()）【】[]［］〔〕",
    *"。！？!?；;，,、：:.．·…/／|｜><＞»›«<",
    *" \u3000\t\n\r\xa0\u200b\ufeff\u2028\x1c\x85",
    "  ",
    "\u3000\u3000",
    *"●◆■★☆▲•◎※",
    "═══",
    "———",
    "***",
    "─",
    "＝",
    "_",
    "~~~",
    "王明",
    "李",
    "强",
    "张伟",
    "欧阳",
    "·",
    "某某区",
    "办公室",
    "研究室",
    "人大常委会",
    "市",
    "县",
    "镇",
    "记者",
    "本报记者",
    "通讯员",
    "实习生",
    "报道",
    "摄影报道",
    "摄影",
    "摄",
    "供稿",
    "报送",
    "提供",
    "供图",
    "文",
    "图",
    "文/图",
    "执笔",
    "作者",
    "撰稿",
    "来源",
    "信息来源",
    "编辑",
    "责任编辑",
    "责",
    "任",
    "审核",
    "校对",
    "终审",
    "值班编辑",
    "编",
    "编印",
    "编发",
    "主办",
    "印发",
    "主编",
    "承办",
    "单位",
    "共印",
    "报",
    "送",
    "抄送",
    "发",
    "电话",
    "联系电话",
    "本期要目",
    "目录",
    "要目",
    "发布",
    "时间",
    "日期",
    "点击",
    "浏览",
    "阅读",
    "次数",
    "字号",
    "发表于",
    "收录于",
    "当前位置",
    "您的位置",
    "版权所有",
    "copyright",
    "COPYRIGHT",
    "ICP",
    "icp",
    "备",
    "公网安备",
    "技术支持",
    "主办单位",
    "Page",
    "P.",
    "CN",
    "版",
    "本期共",
    "微信",
    "公众号",
    "微博",
    "摘要",
    "内容提要",
    "导读",
    "打印",
    "关闭",
    "本页",
    "窗口",
    "上一篇",
    "下一页",
    "扫一扫",
    "分享到",
    "首页",
    "更多",
    "<!--",
    "-->",
    ".jpg",
    "a.PNG",
    "AB009",
    "x1",
    "abc",
    "Z9",
    "一是",
    "首先",
    "此外",
    "关于",
    "的通知",
    "各",
    "各单位",
    "是",
    "简报",
    "工作",
    "内部资料",
    "南屏",
    "近日",
    "。",
    "㐀",
    "𠀀",
    "龘",
    "²",
    "٣",
    "ı",
    "ſ",
]
TEXTS = st.lists(st.sampled_from(WORDS), max_size=14).map("".join)
CHARS = st.text(alphabet="".join(sorted({c for w in WORDS for c in w})), max_size=30)
STRINGS = st.one_of(TEXTS, CHARS)
EDGES = [
    "",
    "（王明）",
    "（王 明）\n",
    "  （某某区人大常委会办公室  王 明）  ",
    "正文结束。（研究室）",
    "正文。(王明)\n",
    "（" + "甲" * 60 + "）",
    "（" + "甲" * 61 + "）",
    "结束。（" + "甲" * 60 + "）",
    "（甲）",
    "（甲乙）",
    "2024年5月20日",
    "二〇二四年五月二十日",
    "2024 年 5 月 20 日",
    "第9期（总第218期）",
    "第十二期",
    "5月3日至4日",
    "5月3~4号",
    "12月31日，",
    "3日 上午",
    "3日至5日，",
    "3日至",
    "一月五日",
    "1990年5月",
    "报：省人大",
    "  抄送 ：",
    "（共印30份）",
    "共印 ３０ 份",
    "某某印发",
    "某某印发）（共印",
    "某某印发 \n",
    "═══",
    "══\n",
    "═══\nX",
    "一、总体",
    "1.总体",
    "1.2",
    "（一）",
    "(12)",
    "第一，",
    "【要闻】",
    "【甲】",
    "某某区人大常委会办公室编",
    "主办：某某",
    "主办单位：某某",
    "编编",
    "X编印",
    "主办",
    "（ 责任编辑：王明",
    "【\x1c审核：某",
    "( 编 辑:某",
    "内容摘要：",
    "打印本页",
    "字号：大 中 小",
    "上一篇：某某",
    "微信扫一扫",
    "AB009",
    "2018-12-20 14:48 发布",
]


#: Strings at the bounds of the quantifiers the shortcuts count by hand.
EDGES += [
    *("【" + "甲" * n + "】" for n in (1, 2, 59, 60, 61)),
    *("（" + "甲" * n + "）" for n in (1, 2, 59, 60, 61)),
    *("结束。（" + "甲" * n + "）" for n in (1, 2, 59, 60, 61)),
    "一月二十一日",
    "十二月三十一日",
    "十一月十一日",
    "一二三四月五日",
    "一月二三四五日",
    "十二月",
    "2024年12月31日至1月2日",
    "12月1日-3日",
    "12月31号",
    "5月3",
    "123月4日",
    "2024年123月4日",
    "1990年1月2",
    "2024年1月2日",
    "1880年1月2日",
    "2124年1月2日",
    "5月3日至4",
    "5月3日至456日",
    "5月33号～44号",
    "5月3至456日",
    "5月3至45日",
    "5月3至4",
    "5月3-4号",
    "5月3~4日甲",
    "3日，",
    "3日",
    "33日甲",
    "333日甲",
    "3日至4日甲",
    "3日至4日",
    "3日至44日 ",
    "3日至444日",
    "（十二）",
    "（一二三四）",
    "(一二三)",
    "（12）",
    "（123）",
    "第十一，",
    "第一二三四，",
    "十一、",
    "一二三四、",
    "12.3",
    "12．",
    "123.",
    "1、",
    "١٢.",
    "²、",
    "十是",
    "一二三是",
    "是",
    "甲摄影报道",
    "甲乙摄影报道",
    "甲乙丙摄影报道",
    "甲摄",
    "甲乙摄",
    "甲乙报道",
    "甲乙丙报道",
    "摄影报道\n",
    "文/图王明",
    "文／",
    "图：",
    "供稿单位：某",
    "融媒体记者王明",
    "文",
    "印发（共印",
    "印发）  （共印",
    "印发)共印",
]


def cases(*alphabets: list[str]) -> list[str]:
    """The sample lines, their first 30 characters, and the edge strings."""
    return [*LINES, *(line[:30] for line in LINES), *EDGES, *[e for a in alphabets for e in a]]


def span_groups(m: re.Match[str] | None) -> tuple | None:
    return m and (m.span(), m.groups())


# -- normalise ------------------------------------------------------------------------------------------


def check_normalise(s: str) -> None:
    normalise.squash.cache_clear()
    assert normalise.squash(s) == old_squash(s)
    assert normalise.split_spaces(s) == P(normalise.SPACE_RUN).split(s)
    assert normalise.split_lines(s) == P(normalise.LINE_BREAK).split(s)


# -- bylines --------------------------------------------------------------------------------------------


def old_match_line(line: str) -> bylines.Byline | None:
    m = P(bylines.BYLINE_LINE).match(line)
    return bylines.parse_inner(m.group(1)) if m else None


def old_match_tail(line: str) -> tuple[str, bylines.Byline] | None:
    m = P(bylines.BYLINE_TAIL).search(line)
    if not m or m.start() == 0:
        return None
    before = line[: m.start()]
    if not normalise.ends_sentence(before):
        return None
    b = bylines.parse_inner(m.group(1))
    return (before, b) if b else None


def old_split_runon(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in P(bylines.BYLINE_ANY).finditer(line):
        if not strip(line[m.end() :]):
            break
        before = line[start : m.start()]
        if not normalise.ends_sentence(before) or bylines.parse_inner(m.group(1)) is None:
            continue
        pieces.append(line[start : m.end()])
        start = m.end()
    pieces.append(line[start:])
    return [p for p in pieces if strip(p)]


def check_bylines(s: str) -> None:
    assert bylines.match_line(s) == old_match_line(s)
    assert bylines.match_tail(s) == old_match_tail(s)
    assert bylines.split_runon(s) == old_split_runon(s)
    assert bylines._drop_label(s) == P(bylines._LABEL).sub("", s)
    assert bylines._drop_giver(s) == P(bylines._GIVER).sub("", s)
    assert bylines._split_names(s) == P(bylines._NAME_SEP).split(s)
    assert bylines._is_cjk(s) == bool(P(bylines._CJK).match(s))
    assert bylines._may_be_bare(s) == bool(re.search(r"记者|通讯员|报道|摄|[文图][/／:：]", s))
    for inner in (s, strip(s)[1:-1]):
        close = bylines._close_of("（" + inner, 0)
        m = re.match(r"[（(](" + bylines._INNER + r")[）)]", "（" + inner)
        assert close == (m.end() - 1 if m else -1)


@dataclasses.dataclass
class DataclassByline:
    """``bylines.Byline`` as it was: a dataclass."""

    unit: str | None
    authors: list[str] = dataclasses.field(default_factory=list)
    raw: str = ""


def test_byline_behaves_as_the_dataclass_it_replaces():
    a, b = bylines.Byline("研究室", ["王明"], raw="研究室 王明"), DataclassByline("研究室", ["王明"], raw="研究室 王明")
    assert repr(a) == repr(b).replace("DataclassByline", "Byline")
    assert a == bylines.Byline("研究室", ["王明"], "研究室 王明") and a != bylines.Byline(
        "研究室", ["王"], "研究室 王明"
    )
    assert bylines.Byline(None).authors == [] and bylines.Byline(None).authors is not bylines.Byline(None).authors
    assert a != b and a.__eq__(b) is NotImplemented
    assert bylines.Byline.__hash__ is None


# -- furniture ------------------------------------------------------------------------------------------


def old_line_role(line: str) -> str | None:
    """``furniture.line_role`` before its rules were compiled at first use (each rule compiled here)."""
    s = strip(line)
    q = old_squash(s)
    if not q:
        return None
    if P(furniture._HTML_COMMENT).match(q):
        return "comment"
    if P(furniture._PUNCT_RUN).match(q) or P(furniture._CODE).match(q) or re.fullmatch(r"[0-9\s]+", s):
        return "junk"
    if P(furniture._DATE_ONLY).match(q):
        return "date"
    if (
        len(q) >= 40
        and not re.search("[。，,；;！!？?、]", q)
        and len(re.split(r"[ \u3000]+", s)) >= 5
        and not re.search(r"[ \u3000]{6,}", s)
    ):
        return "contents"
    if P(furniture._IMAGE).match(q):
        return "image"
    if len(q) <= 80 and P(furniture._EDITOR).match(s):
        return "editor"
    if P(furniture._SUMMARY).match(q):
        return "summary"
    if len(q) <= 60 and not normalise.ends_sentence(s) and P(furniture._COPYRIGHT).search(q):
        return "copyright"
    if len(q) <= 60 and not re.search("[。，,；;！!？]", q) and P(furniture._EPAPER).search(q):
        return "epaper"
    if (
        len(q) <= 80
        and "。" not in q
        and P(furniture._BREADCRUMB).search(s)
        and (">" in s or "＞" in s or "»" in s or "位置" in q)
    ):
        return "breadcrumb"
    if len(q) <= 100 and "。" not in q:
        n_meta = len(P(furniture._META).findall(" " + s))
        if n_meta >= 2 or (n_meta == 1 and len(q) <= 40 and re.search(r"\d", q)):
            return "meta"
        if (
            s.count("：") + s.count(":") >= 2  # each label ends with its own colon
            and len(re.findall(r"(?:^|[\s|｜])[\u4e00-\u9fff]{2,6}[：:]", s)) >= 2
            and not re.search("[，,；;！!？?]", q)
        ):
            return "meta"  # a table of label: value pairs (an information-disclosure page)
        if n_meta == 1 and len(q) <= 36 and P(furniture._META_START).match(q) and not re.search("[，,；;！!？?、]", q):
            return "meta"
        if P(furniture._DATETIME).match(q) and (len(q) <= 30 or re.search("发布|查看|浏览|阅读|点击", q)):
            return "meta"
        if (
            len(q) <= 60
            and not re.search("[，,；;！!？?]", q)
            and (re.search(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}", s) or re.search("发表于|收录于", q))
        ):
            return "meta"
    if len(q) <= 60 and P(furniture._LINK_LINE).match(q) and not normalise.ends_sentence(s):
        return "links"
    if len(q) > 40:
        return None
    toks = [t.rstrip("：:") for t in P(furniture._LINK_SPLIT).split(s) if t.rstrip("：:")]
    if toks and all(
        t in furniture._LINKS or P(furniture._LINK_WORD).match(t) or re.fullmatch(r"字号[：:]?", t) for t in toks
    ):
        if not (len(toks) == 1 and len(toks[0]) == 1):
            return "links"
    return None


def check_furniture(s: str) -> None:
    assert furniture.line_role(s) == old_line_role(s)
    t = strip(s)
    assert furniture._may_be_editor(t) or not P(furniture._EDITOR).match(t)
    assert furniture._has_meta_label(t) or not P(furniture._META).findall(" " + t)
    q = old_squash(t)
    if q:
        assert (not q.strip(furniture._PUNCT_CHARS)) == bool(P(furniture._PUNCT_RUN).match(q))
        assert furniture._is_code(q) == bool(P(furniture._CODE).match(q))
    if t:
        digits = all(c in "0123456789" or c.isspace() for c in t)
        assert digits == bool(P(furniture._DIGITS_SPACES).fullmatch(t))
    if "\n" not in t:
        assert (t in furniture._LINK_WORDS) == bool(P(furniture._LINK_WORD).match(t))


# -- segment --------------------------------------------------------------------------------------------


def check_segment(s: str) -> None:
    for t in (s, old_squash(s), strip(s)):
        assert segment._numbered(t) == bool(P(segment.NUMBERED).match(t))
        assert segment._strip_bullet(t) == P(segment._BULLET).sub("", t)
        assert segment._date_lead(t) == bool(P(segment.DATE_LEAD).match(t))
        assert segment._dated(t) == bool(P(segment._DATE_ENTRY).match(t))
        assert segment._enum_paragraph(t) == bool(P(segment._ENUM_PARAGRAPH).match(t))
        assert segment._punct_digit(t) == bool(P(segment._PUNCT_DIGIT).search(t))
        if not (t[:1] in segment._BULLET_SET and t[-1:] in segment._BULLET_SET):
            assert not P(segment._BULLET_LABEL).fullmatch(t)
        if not t.startswith("第"):
            assert not P(segment._LAW).match(t)
        if not t.startswith("各"):
            assert not P(segment._SALUTATION).match(t)
        if "关于" not in t:
            assert not P(segment._NOTICE_TITLE).match(t)
        if t[:1] != "【":
            assert not P(segment._INLINE_HEAD).match(t)
        m = re.fullmatch(r"【(.+)】", t)
        assert (len(t) >= 3 and t[0] == "【" and t[-1] == "】" and "\n" not in t) == bool(m)


# -- masthead -------------------------------------------------------------------------------------------


def old_issuer_name(text: str) -> str:
    s = re.sub(r"^(主办|编印|编发|主编|承办)(单位)?[：:]\s*", "", strip(text))
    return strip(re.sub(r"(编印|编发|编辑|主办|印发|编)$", "", s)) or s


def check_masthead(s: str) -> None:
    assert masthead.is_separator(s) == bool(P(masthead.SEPARATOR).match(s))
    assert masthead.footer_start(s) == bool(P(masthead.FOOTER_START).search(s))
    assert masthead._drop_entry_mark(s) == P(masthead._ENTRY_MARK).sub("", s)
    if strip(s):
        assert masthead._issuer_name(s) == old_issuer_name(s)
    for two in (masthead.DATE, masthead.ISSUE):
        full = re.compile(two.pattern)
        assert span_groups(two.search(s)) == span_groups(full.search(s))
        assert span_groups(two.fullmatch(s)) == span_groups(full.fullmatch(s))
    q = old_squash(s)
    assert masthead._is_issuer(q) == bool(P(masthead._ISSUER).search(q))
    assert (q in masthead._CONTENTS_HEADS) == bool(P(masthead._CONTENTS_HEAD).match(q))
    if not ("." in q or "·" in q or "…" in q):
        assert P(masthead._LEADER).sub("", q) == q and P(masthead._LEADER_PAGE).sub("", strip(s)) == strip(s)


CHECKS = (check_normalise, check_bylines, check_furniture, check_segment, check_masthead)


def test_shortcuts_agree_with_their_rules_on_own_samples_and_edges():
    for s in cases():
        for check in CHECKS:
            check(s)


@settings(max_examples=1500, deadline=None)
@given(STRINGS)
def test_shortcuts_agree_with_their_rules_on_generated_strings(s):
    for check in CHECKS:
        check(s)


def test_plain_bulletin_compiles_none_of_the_layout_rules(monkeypatch):
    """The sample bulletin (plain text, Arabic dates) is segmented without compiling any pattern with a
    class of CJK characters from the layout modules (the measured start-up cost this file is about)."""
    import bulletin_nlp.cli as cli

    compiled: list[str] = []
    real = re._compile

    def spy(pattern, flags):
        if isinstance(pattern, str) and pattern not in seen:
            seen.add(pattern)
            compiled.append(pattern)
        return real(pattern, flags)

    seen: set[str] = set()
    monkeypatch.setattr(re, "_compile", spy)
    lazies = [
        v
        for mod in (normalise, bylines, furniture, masthead, segment)
        for v in vars(mod).values()
        if isinstance(v, LazyPattern)
    ]
    for two in (masthead.DATE, masthead.ISSUE):
        lazies += [two.full, two.plain]
    for v in lazies:
        v._compiled = None  # as in a fresh process
    cli.main(["segment", str(ROOT / "data" / "sample-bulletin.txt"), "-f", "json", "-o", "/dev/null"])
    assert masthead.DATE.plain.pattern in compiled  # the masthead's date was read (by the plain pattern)
    layout = {v.pattern for v in lazies} - {masthead.DATE.plain.pattern, masthead.ISSUE.plain.pattern}
    assert layout.isdisjoint(compiled)
