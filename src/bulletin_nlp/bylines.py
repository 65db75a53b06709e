"""Bylines: the parenthesised reporting unit and authors that close a bulletin item.

Examples this module reads::

    （某某区人大常委会办公室  王 明）      unit + one padded two-character name
    (法制工作处  柯 林  柯小岚)             unit + two authors
    （研究室）                             unit only
    (某某区人大常委会办公室 冯小禾）        mismatched half/full-width brackets
    （供稿：市司法局  执笔：李强、张伟）    labels and 、-separated names

A two-character name padded with a space (``王 明``) is one name: consecutive one-character
tokens are joined pairwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import LAYOUT_SPACES, LazyPattern, ends_sentence, split_spaces, squash, strip

_OPEN = "（("
_CLOSE = "）)"
#: The characters a byline's inner text cannot hold (``_INNER`` excludes them).
_NOT_INNER = "（()）\n。！？!?；;，,"
_INNER = r"[^（()）\n。！？!?；;，,]{2,60}?"
#: The rules of :func:`match_line`, :func:`match_tail` and :func:`split_runon`, as patterns. The
#: functions give their answers with string methods instead (tests check they agree): the three
#: classes beyond Latin-1 cost about 1.3 ms to compile, paid by every ``bnlp segment``.
#: A whole line that is a byline.
BYLINE_LINE = LazyPattern(rf"^[{re.escape(LAYOUT_SPACES)}]*[{_OPEN}]({_INNER})[{_CLOSE}][{re.escape(LAYOUT_SPACES)}]*$")
#: A byline closing a line of text.
BYLINE_TAIL = LazyPattern(rf"[{_OPEN}]({_INNER})[{_CLOSE}][{re.escape(LAYOUT_SPACES)}]*$")
#: A byline anywhere (used to split run-on text pasted from a web page).
BYLINE_ANY = LazyPattern(rf"[{_OPEN}]({_INNER})[{_CLOSE}]")


def _close_of(s: str, p: int) -> int:
    """The index of the bracket that closes a byline opened at ``s[p]`` (one of ``（(``), or -1.

    ``_INNER`` cannot hold a bracket, so the lazy pattern ``[（(](_INNER)[）)]`` can only end at the
    first character after ``p`` that ``_INNER`` excludes: a byline when that is ``）`` or ``)`` and
    2 to 60 characters lie between."""
    for q in range(p + 1, min(len(s), p + 62)):
        if s[q] in _NOT_INNER:
            return q if q - p > 2 and s[q] in _CLOSE else -1
    return -1


#: Endings of unit names (bodies, offices, divisions, places).
UNIT_SUFFIXES = (
    "办公室",
    "办公厅",
    "研究室",
    "委员会",
    "常委会",
    "工委",
    "人大",
    "政府",
    "法院",
    "检察院",
    "中心",
    "街道",
    "联络站",
    "主席团",
    "工作室",
    "工作组",
    "代表团",
    "分会",
    "协会",
    "党组",
    "支部",
    "集团",
    "公司",
    "学校",
    "委",
    "处",
    "科",
    "室",
    "局",
    "厅",
    "部",
    "站",
    "所",
    "院",
    "组",
    "镇",
    "乡",
    "区",
    "县",
    "市",
    "办",
    "队",
    "馆",
    "社",
    "会",
)
#: Role labels before names, tried in this order (the first that opens a token is removed, with
#: its colon).
_LABELS = (
    "供稿单位",
    "作者单位",
    "信息来源",
    "本报记者",
    "本刊记者",
    "首席记者",
    "特约记者",
    "见习记者",
    "摄影记者",
    "融媒体记者",
    "实习生",
    "通讯员",
    "供稿",
    "执笔",
    "作者",
    "撰稿",
    "记者",
    "来源",
    "报送",
    "编辑",
    "摄影",
    "文/图",
    "文",
    "图",
    "摄",
)
_LABEL_FIRST = frozenset(w[0] for w in _LABELS)
#: :func:`_drop_label` as a pattern (string methods give its answer: the first alternative that
#: matches at the start, then an optional colon; compiling it costs about 0.3 ms).
_LABEL = LazyPattern(
    r"^(供稿单位|作者单位|信息来源|本报记者|本刊记者|首席记者|特约记者|见习记者|摄影记者|融媒体记者|"
    r"实习生|通讯员|供稿|执笔|作者|撰稿|记者|来源|报送|编辑|摄影|文/图|文|图|摄)[：:]?"
)
#: Words after a unit that say it supplied the text: ``（市司法局供稿）``; :func:`_drop_giver`.
_GIVER = LazyPattern(r"(?<=.{2})(?:供稿|报送|提供|供图|摄影报道|摄影|报道|摄)$")
_GIVER_2 = ("供稿", "报送", "提供", "供图", "摄影", "报道")
#: The separators between names (each one cuts; :func:`_split_names`).
_NAME_SEPS = "、，,/／;；"
_NAME_SEP = LazyPattern(r"[、，,/／;；]")
_TO_NAME_SEP = str.maketrans(dict.fromkeys(_NAME_SEPS[1:], "、"))
#: A run of CJK ideographs (with the middle dot of transcribed names); :func:`_is_cjk` answers it.
_CJK = LazyPattern(r"^[\u3400-\u9fff\U00020000-\U0003ffff·]+$")


def _drop_label(token: str) -> str:
    """``_LABEL.sub("", token)``: the token without a leading role label and its colon."""
    if token[:1] in _LABEL_FIRST:
        for w in _LABELS:
            if token.startswith(w):
                n = len(w)
                return token[n + 1 :] if token[n : n + 1] in ("：", ":") else token[n:]
    return token


def _drop_giver(token: str) -> str:
    """``_GIVER.sub("", token)``: the token without a closing 供稿/报道/摄… after two characters.

    The pattern ends at the end (or before a final newline, left to the pattern) and scans from
    the left, so its longest word that fits wins: 摄影报道, then the two-character words, then 摄.
    """
    if "\n" in token:
        return _GIVER.sub("", token)
    n = len(token)
    if n >= 6 and token.endswith("摄影报道"):
        return token[:-4]
    if n >= 4 and token.endswith(_GIVER_2):
        return token[:-2]
    if n >= 3 and token.endswith("摄"):
        return token[:-1]
    return token


def _split_names(part: str) -> list[str]:
    """``_NAME_SEP.split(part)``: one cut at each separator."""
    return part.translate(_TO_NAME_SEP).split("、")


def _is_cjk(token: str) -> bool:
    """``bool(_CJK.match(token))``: only CJK ideographs (U+3400-U+9FFF, planes 2 and 3) and ``·``,
    at least one (``$`` also matches before a final newline)."""
    t = token[:-1] if token.endswith("\n") else token
    return bool(t) and all("\u3400" <= c <= "\u9fff" or c == "·" or "\U00020000" <= c <= "\U0003ffff" for c in t)


#: Common surnames (百家姓 top entries), used only to accept bylines that name authors but no unit.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


@dataclass
class Byline:
    """A parsed byline: ``unit`` (or None) and ``authors`` (padding removed), ``raw`` the text read."""

    unit: str | None
    authors: list[str] = field(default_factory=list)
    raw: str = ""


def _is_unit(token: str) -> bool:
    return len(token) >= 2 and token.endswith(UNIT_SUFFIXES) and not _looks_like_name(token)


def _looks_like_name(token: str) -> bool:
    t = token.replace("·", "")
    return 2 <= len(t) <= 4 and _is_cjk(t) and t[0] in SURNAMES


def _merge_padded(tokens: list[str]) -> list[str]:
    """Join one-character tokens pairwise: ``["王", "明", "李强"]`` -> ``["王明", "李强"]``."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if len(tokens[i]) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            out.append(tokens[i] + tokens[i + 1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out


def parse_inner(inner: str) -> Byline | None:
    """Parse the text inside a byline's brackets.

    Returns:
        a :class:`Byline`, or None when the text is not a byline (a note such as
        ``（详见附件）`` or ``（2024年）``).
    """
    text = strip(inner)
    if not text or any(ch.isdigit() for ch in text[:2]):
        return None
    tokens: list[str] = []
    for part in split_spaces(text):
        part = _drop_label(part)
        tokens.extend(t for t in _split_names(part) if t)
    tokens = [_drop_label(t) for t in tokens]
    tokens = [_drop_giver(t) for t in tokens]
    tokens = [t for t in tokens if t]
    if not tokens or not all(_is_cjk(t) or t.isascii() and t.isalpha() for t in tokens):
        return None
    unit = None
    if _is_unit(tokens[0]):
        unit = tokens.pop(0)
        # A unit written in two parts: "某某区人大常委会  办公室".
        while tokens and _is_unit(tokens[0]) and len(tokens[0]) > 2:
            unit += tokens.pop(0)
    authors = _merge_padded(tokens)
    if unit is None:
        if not authors or not all(_looks_like_name(a) for a in authors):
            return None
    elif any(len(a) > 4 for a in authors):
        return None
    return Byline(unit, authors, raw=text)


def match_line(line: str) -> Byline | None:
    """Parse ``line`` when the whole line is a byline (``BYLINE_LINE``), else return None."""
    t = strip(line)
    if not t or t[0] not in _OPEN or _close_of(t, 0) != len(t) - 1:
        return None
    return parse_inner(t[1:-1])


def match_tail(line: str) -> tuple[str, Byline] | None:
    """Split a line whose last sentence is followed by its byline on the same line.

    Returns:
        (text before the byline, byline), or None.
    """
    t = line.rstrip(LAYOUT_SPACES)
    if not t or t[-1] not in _CLOSE:  # ``BYLINE_TAIL``: the closing bracket is the last character
        return None
    close = len(t) - 1
    # The opening bracket is the last character that _INNER excludes before the closing one.
    p = max(t.rfind(c, max(0, close - 61), close) for c in _NOT_INNER)
    if p <= 0 or t[p] not in _OPEN or close - p <= 2:
        return None
    before = line[:p]
    if not ends_sentence(before):
        return None
    b = parse_inner(t[p + 1 : close])
    return (before, b) if b else None


def split_runon(line: str) -> list[str]:
    """Cut a long line after every byline that follows a finished sentence.

    Text pasted from a web page can hold a whole bulletin in one line; cutting it after its
    bylines gives one piece per item. Returns ``[line]`` when there is nothing to cut.
    """
    pieces: list[str] = []
    start = 0
    p = 0
    while True:  # the matches of BYLINE_ANY, left to right
        p = min((k for k in (line.find("（", p), line.find("(", p)) if k >= 0), default=-1)
        if p < 0:
            break
        q = _close_of(line, p)
        if q < 0:
            p += 1
            continue
        end = q + 1
        if not strip(line[end:]):
            break
        before = line[start:p]
        if ends_sentence(before) and parse_inner(line[p + 1 : q]) is not None:
            pieces.append(line[start:end])
            start = end
        p = end
    pieces.append(line[start:])
    return [p for p in pieces if strip(p)]


#: A news lead that opens a body: ``本报讯``, ``某某网讯``, ``据某某消息``, then a bracketed byline.
_HEAD = LazyPattern(
    r"^(?:本报讯|本刊讯|本网讯|[\u4e00-\u9fff]{2,10}?[网报台社]?讯|据[^，,。（(]{2,12}?消息[：:，,]?)?"
    rf"[{re.escape(LAYOUT_SPACES)}]*[{_OPEN}]({_INNER})[{_CLOSE}]"
)


def match_head(text: str) -> Byline | None:
    """The byline at the start of a body: ``本报讯（记者 王明）``, ``（李强）近年来…``,
    ``某某网讯 (记者 张伟) 2月8日…``; role words (记者, 实习生, 通讯员) are dropped. None when the
    text does not open with one."""
    s = strip(text)
    p = min((k for k in (s.find("（"), s.find("(")) if k >= 0), default=-1)
    if p < 0 or len(squash(s[:p])) > 16:
        return None  # the byline's bracket is the text's first, after a lead of at most 16 characters
    m = _HEAD.match(s)
    if not m or not strip(s[m.end() :]):
        return None
    return parse_inner(m.group(1))


#: A byline without brackets on a line of its own: ``本报记者 王明 通讯员 李强 报道``,
#: ``文/王明 图/李强``, ``王明 摄影报道``.
_BARE = LazyPattern(
    r"^(?:(?:本报|本刊)?记者|通讯员|文|图|文/图|文／图|摄影|撰稿|供稿)?[/／:：]?\s*"
    r"([\u4e00-\u9fff·]{2,4}(?:[\s、，,]+(?:(?:本报|本刊)?记者|通讯员|实习生|图|摄影)?[/／:：]?\s*[\u4e00-\u9fff·]{2,4})*)"
    r"\s*(?:报道|摄影报道|摄|供稿)?$"
)


_BARE_WORDS = ("记者", "通讯员", "报道", "摄", *(a + b for a in "文图" for b in "/／:："))


def _may_be_bare(s: str) -> bool:
    """``re.search(r"记者|通讯员|报道|摄|[文图][/／:：]", s)``: a word every bare byline holds."""
    return any(w in s for w in _BARE_WORDS)


def match_bare(line: str) -> Byline | None:
    """A byline line without brackets: a role word (记者, 通讯员, 文/图) or a closing word (报道,
    摄影报道) with names that all look like personal names. None for anything else."""
    s = strip(line)
    if not s or len(s) > 40 or not _may_be_bare(s):
        return None
    m = _BARE.match(s)
    if not m:
        return None
    names = [t for t in re.split(r"[\s、，,/／:：]+", m.group(1)) if t]
    names = [_drop_label(t) for t in names]
    names = [
        t
        for t in names
        if t and t not in ("记者", "通讯员", "实习生", "图", "文", "摄影", "报道", "摄影报道", "供稿", "摄")
    ]
    if not names or not all(_looks_like_name(t) for t in names):
        return None
    return Byline(None, names, raw=s)
