"""Page furniture: the lines and strings that text copied from web pages, e-papers and WeChat
mirrors carries around an article, and that are never part of an item.

Everything here is a property of how such pages are built (a breadcrumb trail, a metadata line
with 来源/发布时间/点击, print and share links, copyright and ICP lines, image file names,
e-paper navigation, an anti-scraping string repeated after every paragraph), never of one site.
Furniture is not deleted silently: :func:`bulletin_nlp.segment.segment_text` lists every such
line in the bulletin's ``parts`` with its role.
"""

from __future__ import annotations

import re
from collections import Counter

from .normalise import LazyPattern, ends_sentence, squash, strip

# Every rule of :func:`line_role` is compiled at its first use and consulted only when the line
# holds what the rule needs (a word, a character, where the rule needs it): on a bulletin that is
# no web page, none of them compiles (they cost about 10 ms to compile in all, paid by every
# ``bnlp segment``). Tests check each shortcut against its rule.
_BREADCRUMB = LazyPattern(
    r"(当前位置|您的位置|你的位置|所在位置|现在位置)[：:]|[^>＞»›]{1,30}\s*[>＞»›]\s*[^>＞»›]{1,30}"
)
#: Labels of a page's metadata line, as patterns: who wrote and published it, when, how often read.
_META_LABEL = (
    r"(?:信息|文章|稿件|新闻)?来源|作者|撰稿|供稿|发布(?:时间|日期|人|单位)|更新(?:时间|日期)|时间|日期|"
    r"(?:点击|浏览|阅读|访问)(?:次数|量|数|人数)?|字号"
)
_META = LazyPattern(r"(?:^|[\s|｜])(?:" + _META_LABEL + r")\s*[：:]")
#: A character of each label of ``_META_LABEL`` (源 of every 来源, 布 of every 发布…): a line
#: without one of them (or without a colon) holds no label.
_META_CHARS = frozenset("源者稿布更间期击览阅访号")
_META_START = LazyPattern(r"^(?:(?:信息|文章|稿件|新闻)?来源|作者|发布(?:时间|日期|人|单位)|更新(?:时间|日期))[：:]")
_DATETIME = LazyPattern(r"^(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?")
_EDITOR = LazyPattern(
    r"^[（(【\[]?\s*(?:责\s*任\s*编\s*辑|责\s*编|编\s*辑|审\s*核|审\s*校|校\s*对|终\s*审|初\s*审|复\s*审|监\s*制|值班编辑)\s*[：:]"
)
_LINK_WORD = LazyPattern(
    r"^(?:打印|关闭|返回|回到|收藏|分享|加入收藏|设为首页)(?:本页|本文|页面|窗口|顶部|首页|此页|到)?$"
)
#: The strings ``_LINK_WORD`` matches (tokens hold no newline).
_LINK_WORDS = frozenset(
    a + b
    for a in ("打印", "关闭", "返回", "回到", "收藏", "分享", "加入收藏", "设为首页")
    for b in ("", "本页", "本文", "页面", "窗口", "顶部", "首页", "此页", "到")
)
_LINKS = (
    "上一篇",
    "下一篇",
    "上一条",
    "下一条",
    "相关文章",
    "相关新闻",
    "相关阅读",
    "相关链接",
    "推荐阅读",
    "延伸阅读",
    "更多",
    "更多新闻",
    "扫一扫",
    "微信扫一扫",
    "网站地图",
    "联系我们",
    "首页",
    "上一版",
    "下一版",
    "大",
    "中",
    "小",
    "字体",
    "微信",
    "微博",
    "QQ空间",
    "QQ",
    "朋友圈",
    "今日头条",
    "复制链接",
    "点赞",
    "在看",
    "阅读原文",
    "上一期",
    "下一期",
    "返回目录",
    "版面导航",
    "收录于合集",
    "原文链接",
)
_LINK_LINE_WORDS = ("上一篇", "下一篇", "上一条", "下一条", "上一页", "下一页", "扫一扫", "分享到")
_LINK_LINE = LazyPattern(r"^(?:上一篇|下一篇|上一条|下一条|上一页|下一页|扫一扫|分享到)[：:]?")
_LINK_SPLIT = LazyPattern(r"[\s【】\[\]|｜/／>»«<·•]+")
#: ``_LINK_SPLIT``'s characters other than whitespace, to be turned into spaces.
_LINK_SEPS = str.maketrans(dict.fromkeys("【】[]|｜/／>»«<·•", " "))
_COPYRIGHT = LazyPattern(r"版权所有|copyright|©|ICP[备证]|公网安备|技术支持[：:]|主办单位[：:]|承办单位[：:]", re.I)
#: A string of each alternative of ``_COPYRIGHT`` (``p`` or ``P`` for copyright and ICP: no other
#: character matches them ignoring case).
_COPYRIGHT_NEEDS = ("p", "P", "©", "版权所有", "公网安备", "技术支持", "主办单位", "承办单位")
_IMAGE = LazyPattern(r"^\S*\.(?:png|jpe?g|gif|bmp|webp|svg)$", re.I)
_EPAPER = LazyPattern(
    r"^(?:Page|P\.)\s*\d+|本期共\s*\d+\s*版|第\s*\d+\s*版|^\d{1,4}\s*期\s*/|下一版|上一版|CN\s?\d{2}-\d{4}|(?:微信|公众号|微博)[^：:，。]{0,6}[：:]"
)
_HTML_COMMENT = LazyPattern(r"^<!--.*-->$")
_PUNCT_RUN = LazyPattern(r"^[|｜?？/／\\_\-—=~·.。,，:：;；!！*#+<>◆◇■□●○★☆▲△▶►•]+$")
#: The characters of ``_PUNCT_RUN``'s class (a line of them alone is junk).
_PUNCT_CHARS = "|｜?？/／\\_-—=~·.。,，:：;；!！*#+<>◆◇■□●○★☆▲△▶►•"
_CODE = LazyPattern(r"^(?=[A-Za-z0-9]*[A-Za-z])(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{4,16}$")
_DIGITS_SPACES = LazyPattern(r"[0-9\s]+")
_DATE_ONLY = LazyPattern(r"^(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|(?:19|20)\d{2}年\d{1,2}月)(?:星期.|周.)?$")
_SUMMARY = LazyPattern(r"^(?:摘要|内容摘要|内容提要|导读)[：:]")
_SUMMARY_HEADS = tuple(w + c for w in ("摘要", "内容摘要", "内容提要", "导读") for c in "：:")
_CONTENTS_PUNCT = frozenset("。，,；;！!？?、")
_EPAPER_PUNCT = frozenset("。，,；;！!？")
_META_PUNCT = frozenset("，,；;！!？?")
_META_START_PUNCT = frozenset("，,；;！!？?、")
_VIEWS = ("发布", "查看", "浏览", "阅读", "点击")
#: What a rule needs in a line (tests check each against its rule).
_EPAPER_NEEDS = ("版", "CN", "微信", "公众号", "微博")
_EDITOR_FIRST = frozenset("责编审校终初复监值")


def _may_be_editor(s: str) -> bool:
    """False when ``_EDITOR`` cannot match ``s``: after an optional bracket and spaces, a colon
    line of an editor starts with the first character of one of its words."""
    t = s[1:] if s[:1] in "（(【[" else s
    return t.lstrip()[:1] in _EDITOR_FIRST and ("：" in s or ":" in s)


def _has_meta_label(s: str) -> bool:
    """False when ``_META`` finds nothing in ``s``: every label ends with a colon and holds one of
    ``_META_CHARS``."""
    return ("：" in s or ":" in s) and not _META_CHARS.isdisjoint(s)


def _is_code(q: str) -> bool:
    """``bool(_CODE.match(q))`` for ``q`` without a newline: 4 to 16 ASCII letters and digits, both."""
    return 4 <= len(q) <= 16 and q.isascii() and q.isalnum() and not q.isalpha() and not q.isdigit()


#: An editor's credit in brackets at the end of the last paragraph: ``…落实。(责任编辑:某某)``.
EDITOR_TAIL = LazyPattern(r"[（(]\s*(?:责任编辑|编辑|责编|审核|校对)\s*[：:][^（()）]{1,20}[）)]\s*$")
#: Link markers that end a teaser snippet on an index page.
LINK_MARK = LazyPattern(
    r"\s*(?:[\[［〔﹝【(（]\s*(?:详细|詳細|全文|详情|詳情|更多|阅读全文|閱讀全文)\s*[\]］〕﹞】)）]|>>|》》)\s*$"
)


def line_role(line: str) -> str | None:
    """The furniture role of one whole line, or None when the line may be content.

    Roles: ``breadcrumb``, ``meta`` (来源/发布时间/点击… and ``2018-12-20 14:48 发布``),
    ``editor`` (编辑/责编/责任编辑 lines), ``links`` (print, close, share, previous/next,
    related articles, font size), ``copyright`` (copyright, ICP, 主办单位), ``image`` (an image
    file name), ``epaper`` (page headers and navigation), ``comment`` (an HTML comment),
    ``junk`` (a run of ``|`` ``?`` or other punctuation, a bare page code such as ``AB009``),
    ``summary`` (a 摘要 line that repeats the article's opening), ``date`` (a line holding only
    a date), ``contents`` (a page's run of headlines on one line, no punctuation).

    ``line`` should be the simplified view (see :func:`bulletin_nlp.normalise.simplified`).
    """
    s = strip(line)
    q = squash(s)
    if not q:
        return None
    if q.startswith("<!--") and _HTML_COMMENT.match(q):
        return "comment"
    if (
        not q.strip(_PUNCT_CHARS)  # _PUNCT_RUN
        or _is_code(q)
        or all(c in "0123456789" or c.isspace() for c in s)  # _DIGITS_SPACES.fullmatch(s)
    ):
        return "junk"
    if q.startswith(("19", "20")) and _DATE_ONLY.match(q):
        return "date"
    if (
        len(q) >= 40
        and _CONTENTS_PUNCT.isdisjoint(q)
        and len(re.split(r"[ \u3000]+", s)) >= 5
        and not re.search(r"[ \u3000]{6,}", s)
    ):
        return "contents"
    if "." in q and _IMAGE.match(q):
        return "image"
    if len(q) <= 80 and _may_be_editor(s) and _EDITOR.match(s):
        return "editor"
    if q.startswith(_SUMMARY_HEADS):  # _SUMMARY
        return "summary"
    if len(q) <= 60 and not ends_sentence(s) and any(w in q for w in _COPYRIGHT_NEEDS) and _COPYRIGHT.search(q):
        return "copyright"
    if (
        len(q) <= 60
        and _EPAPER_PUNCT.isdisjoint(q)
        and (q[:1] == "P" or any(w in q for w in _EPAPER_NEEDS) or ("期" in q and "/" in q))
        and _EPAPER.search(q)
    ):
        return "epaper"
    if len(q) <= 80 and "。" not in q and (">" in s or "＞" in s or "»" in s or "位置" in q) and _BREADCRUMB.search(s):
        return "breadcrumb"
    if len(q) <= 100 and "。" not in q:
        n_meta = len(_META.findall(" " + s)) if _has_meta_label(s) else 0
        if n_meta >= 2 or (n_meta == 1 and len(q) <= 40 and re.search(r"\d", q)):
            return "meta"
        if (
            s.count("：") + s.count(":") >= 2  # each label ends with its own colon
            and _META_PUNCT.isdisjoint(q)
            and len(re.findall(r"(?:^|[\s|｜])[\u4e00-\u9fff]{2,6}[：:]", s)) >= 2
        ):
            return "meta"  # a table of label: value pairs (an information-disclosure page)
        if n_meta == 1 and len(q) <= 36 and _META_START.match(q) and _META_START_PUNCT.isdisjoint(q):
            return "meta"
        if q.startswith(("19", "20")) and _DATETIME.match(q) and (len(q) <= 30 or any(w in q for w in _VIEWS)):
            return "meta"
        if (
            len(q) <= 60
            and _META_PUNCT.isdisjoint(q)
            and (
                ("-" in s and ":" in s and re.search(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}", s))
                or "发表于" in q
                or "收录于" in q
            )
        ):
            return "meta"
    if len(q) <= 60 and q.startswith(_LINK_LINE_WORDS) and not ends_sentence(s):  # _LINK_LINE
        return "links"
    if len(q) > 40:
        return None
    # _LINK_SPLIT.split(s): its separators other than whitespace become spaces, then a split at
    # whitespace (empty pieces are dropped here anyway).
    toks = [t.rstrip("：:") for t in s.translate(_LINK_SEPS).split() if t.rstrip("：:")]
    if toks and all(t in _LINKS or t in _LINK_WORDS or t in ("字号", "字号：", "字号:") for t in toks):
        if not (len(toks) == 1 and len(toks[0]) == 1):
            return "links"
    return None


def find_jammer(lines: list[str]) -> str | None:
    """An anti-scraping string: the same tail of 4 to 20 characters, not a sentence end, that ends
    at least three lines, at least two of them right after a finished sentence (a headline never
    ends that way). None when there is none."""
    tails: Counter[str] = Counter()
    for line in lines:
        s = strip(line)
        size = len(s)
        if size < 4:
            continue
        # The tails of 4 to 20 characters that do not start with a sentence or clause mark: up
        # to the last such mark before the final three characters, within the last twenty.
        cut = max(s.rfind(p, max(0, size - 20), size - 3) for p in "。！？；，、")
        most = size - cut - 1 if cut >= 0 else min(20, size)
        tails.update([s[-k:] for k in range(4, most + 1)])
    best = None
    for t, n in tails.items():
        if n >= 3 and not ends_sentence(t) and (best is None or (n, len(t)) > (tails[best], len(best))):
            best = t
    if best is None:
        return None
    # Prefer the longest tail with the same count (the whole jammer, not a part of it).
    n = tails[best]
    longest = max((t for t, c in tails.items() if c == n and t.endswith(best)), key=len)
    body = longest.lstrip()
    if body[:1] in '（(【[〔［“"《<' or body[-1:] in '）)】]〕］”"》>':
        return None  # a byline or a bracketed note that closes several paragraphs is no jammer
    after_end = sum(1 for line in lines if strip(line).endswith(body) and ends_sentence(strip(line)[: -len(body)]))
    if after_end < 2:
        return None
    return body


_META_KEYS = (
    (LazyPattern(r"^作者|^撰稿"), "author"),
    (LazyPattern(r"来源$"), "source"),
    (LazyPattern(r"^(?:发布|更新)(?:时间|日期)$|^时间$|^日期$"), "published"),
    (LazyPattern(r"编辑$|^责编$"), "editor"),
)
_META_FIELD = LazyPattern(r"(" + _META_LABEL + r"|责任编辑|编辑|责编)\s*[：:]\s*")


def _meta_key(label: str) -> str | None:
    for pattern, key in _META_KEYS:
        if pattern.search(label):
            return key
    return None


def parse_meta(line: str) -> dict[str, str]:
    """The fields of a page's metadata or editor line: ``{"author", "source", "published",
    "editor"}`` (those present, values as written); a leading date-time counts as ``published``.

    >>> parse_meta("作者：林小溪  信息来源：区人大办  浏览量：12  发布日期：2024-4-18")
    {'author': '林小溪', 'source': '区人大办', 'published': '2024-4-18'}
    """
    s = strip(line).strip("（()）")
    s = re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff][ \u3000]*[：:])", "", s)
    out: dict[str, str] = {}
    d = _DATETIME.match(s) or re.search(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}:\d{2})?", s)
    if d:
        out["published"] = strip(d.group(0))
    found = list(_META_FIELD.finditer(s))
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(s)
        value = strip(s[m.end() : end]).strip("|｜ ")
        key = _meta_key(m.group(1))
        if key and value and key not in out:
            out[key] = value
    return out
