"""Item segmentation: break a bulletin's text into its items and the other parts of the page.

The rules, in order (each is a general property of the genre or of how pages are built, never of
one file):

1. A view for decisions: text in traditional characters is converted to simplified with OpenCC,
   character for character (output keeps the original characters); an anti-scraping string
   repeated after paragraphs, teaser link marks (``[详细]``) and editor credits at a line end are
   cut off; whole lines of page furniture (:mod:`bulletin_nlp.furniture`) are set aside.
2. Masthead at the top, a contents list after it, the distribution footer at the bottom
   (:mod:`bulletin_nlp.masthead`). On a web or e-paper page the article's headline is the one or
   two short lines above its metadata line or its news lead (``本报讯``, ``某某网讯``, ``（记者 …）``);
   what is above them is the page header, short lines after the last sentence are page furniture.
3. Lines too long to be one paragraph that hold bylines after finished sentences are cut after
   each byline; a chronicle run together by OCR is cut before each dated entry; a page of two
   text columns merged line by line is read left column first.
4. The document's layout decides where items start: bullet-led rows (◆ ■ ★ …), dated rows
   (chronicles, work logs, activity digests), teaser snippets, a notice or law text (one item),
   or headlines (below). A title line above numbered or bulleted headlines is the document's title.
5. Bylines close items: a line that is a byline, a byline after the last sentence of a line, or a
   byline without brackets (``记者 … 报道``, ``文/图``) after a finished paragraph
   (:mod:`bulletin_nlp.bylines`); a byline at the start of a body gives the authors too. Label
   lines (``● 某某区 ●``, ``【时政要闻】``, ``简 讯``, a place alone on a line) separate items and
   become their ``section`` (and region).
6. Between two bylines, an item starts with a headline: a short line that does not end a
   sentence, possibly wrapped over two lines. Where a bulletin has no bylines, headlines
   (numbered ``一、`` ``（一）`` ``1.`` ``（1）`` ``【…】``, a ``某某区：`` prefix, or a short line between
   finished sentences and a paragraph) are what split it. An item without a headline is a brief.
7. Regions come from the gazetteer (:mod:`bulletin_nlp.regions`). Every non-blank line ends up in
   an item's ``lines`` or in the bulletin's ``parts``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

from . import bylines as bl
from .masthead import find_contents, find_footer, find_masthead, footer_start, is_separator
from .models import Bulletin, Item
from .normalise import LazyPattern, ends_sentence, is_blank, is_traditional, simplified, split_lines, squash, strip
from .regions import document_place, find_region, join_places, plain_place, region_from_unit, subject_places

#: Longest headline line, in characters without spaces.
MAX_HEADLINE = 50
#: Longest second line of a wrapped headline.
MAX_HEADLINE_WRAP = 32
#: A line longer than this may hold a whole pasted bulletin; it is cut after its bylines.
RUNON_MIN = 120

# Rules consulted for every line are answered by string methods where that is simple (each
# function names the pattern it equals; tests check they agree), the others are compiled at their
# first use behind an exact pre-test: compiling a class of CJK characters costs 0.3-1 ms, paid by
# every ``bnlp segment``.

#: A numbered headline or point (:func:`_numbered` says whether a line opens with one).
NUMBERED = LazyPattern(
    r"^(?:[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[.．、](?![0-9０-９])|【[^】]{2,60}】"
    r"|[（(][一二三四五六七八九十]{1,3}[）)]|[（(][0-9０-９]{1,2}[）)]|第[一二三四五六七八九十]{1,3}[，,、：:])"
)


def _numbered(s: str) -> bool:
    """``NUMBERED.match(s) is not None``, compiled only for a line that has the mark a numbering
    needs where it needs it: 、 . or ． after at most three numerals, a closing bracket after at most
    four characters, 】 after 2 to 60, a mark after 第 and at most three numerals."""
    c = s[:1]
    if not c:
        return False
    if c == "【":  # the one alternative that starts with 【
        return 3 <= s.find("】", 1) <= 61
    if c in "（(":
        if not ("）" in s[2:5] or ")" in s[2:5]):
            return False
    elif c == "第":
        if not any(m in s[2:5] for m in "，,、：:"):
            return False
    elif not ("、" in s[1:4] or "." in s[1:3] or "．" in s[1:3]):
        return False
    return NUMBERED.match(s) is not None


#: Bullets that lead a brief or a headline (the bullet is not part of the text).
BULLETS = "◆◇■□●○★☆▲△▶►•◼◾▪⬛⬤❖✦✧▍▌▎"
#: Bullets and the spaces after them; :func:`_strip_bullet` removes them.
_BULLET = LazyPattern(rf"^[{BULLETS}]+[\s\u3000]*")


def _strip_bullet(s: str) -> str:
    """``_BULLET.sub("", s)``: leading bullets removed, then the whitespace after them."""
    t = s.lstrip(BULLETS)
    return t.lstrip() if len(t) < len(s) else s


#: A date that opens an entry of a chronicle, work log or activity digest.
DATE_LEAD = LazyPattern(
    r"^(?:(?:1[89]|20)[0-9]{2}年)?[0-9０-９]{1,2}月[0-9０-９]{1,2}(?:日|号)?(?:[~～至—\-－][0-9０-９]{1,2}(?:日|号))?"
)
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_CN_TEN = frozenset("一二三四五六七八九十")
_RANGE_DASH = frozenset("~～至—-－")


def _run(s: str, p: int, chars: frozenset[str]) -> int:
    """How many of ``chars`` follow one another in ``s`` from ``p`` (counted up to 4)."""
    n = 0
    while n < 4 and s[p + n : p + n + 1] in chars:  # an empty slice is in no set
        n += 1
    return n


def _year(s: str) -> bool:
    """``s`` opens with ``(?:1[89]|20)[0-9]{2}年``."""
    return s[:2] in ("18", "19", "20") and s[2:4].isascii() and s[2:4].isdigit() and s[4:5] == "年"


def _month_day(s: str, p: int, dated: bool) -> bool:
    r"""``[0-9０-９]{1,2}月[0-9０-９]{1,2}`` at ``p`` (``DATE_LEAD``'s core); with ``dated``, also the
    optional rest ``(?:日|号)?(?:[~～至—\-－][0-9０-９]{1,2}(?:日|号))?`` such that the match ends with
    日 or 号 (``_DATE_ENTRY``). A run of digits matches ``{1,2}`` only when it has 1 or 2 of them."""
    n = _run(s, p, _DIGITS)
    if not (1 <= n <= 2 and s[p + n : p + n + 1] == "月"):
        return False
    q = p + n + 1
    n = _run(s, q, _DIGITS)
    if not dated:
        return n >= 1
    if not 1 <= n <= 2:
        return False
    r = q + n
    c = s[r : r + 1]
    if c and c in "日号":
        return True
    if c and c in _RANGE_DASH:
        n = _run(s, r + 1, _DIGITS)
        return 1 <= n <= 2 and s[r + 1 + n : r + 2 + n] in ("日", "号")
    return False


def _date_lead(s: str) -> bool:
    """``DATE_LEAD.match(s) is not None``."""
    return (_year(s) and _month_day(s, 5, False)) or _month_day(s, 0, False)


def _entry_follower(s: str, i: int) -> bool:
    r"""``(?=[\s\u3000，,\u4e00-\u9fff])`` at ``i``."""
    c = s[i : i + 1]
    return bool(c) and (c.isspace() or c in "，," or "\u4e00" <= c <= "\u9fff")


def _dated(s: str) -> bool:
    """``_DATE_ENTRY.match(s) is not None``: a dated entry at the start of ``s``."""
    c = s[:1]
    if c in _CN_TEN:  # 一月五日 (an empty slice is in no set)
        n = _run(s, 0, _CN_TEN)
        if not (1 <= n <= 3 and s[n : n + 1] == "月"):
            return False
        m = _run(s, n + 1, _CN_TEN)
        return 1 <= m <= 3 and s[n + 1 + m : n + 2 + m] == "日"
    if c not in _DIGITS:
        return False
    if (_year(s) and _month_day(s, 5, True)) or _month_day(s, 0, True):
        return True
    n = _run(s, 0, _DIGITS)  # 5日, 5日至8日, followed by a space, a comma or a CJK character
    if not (1 <= n <= 2 and s[n : n + 1] == "日"):
        return False
    r = n + 1
    if s[r : r + 1] and s[r] in _RANGE_DASH:
        m = _run(s, r + 1, _DIGITS)
        if 1 <= m <= 2 and s[r + 1 + m : r + 2 + m] == "日" and _entry_follower(s, r + 2 + m):
            return True
    return _entry_follower(s, r)


_DATE_ENTRY = LazyPattern(
    DATE_LEAD.pattern + r"(?<=[日号])"
    r"|^[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
    r"|^[0-9０-９]{1,2}日(?:[~～至—\-－][0-9０-９]{1,2}日)?(?=[\s\u3000，,\u4e00-\u9fff])"
)
_MIDLINE_ENTRY = LazyPattern(r"(?<=[。！？；])(?=" + DATE_LEAD.pattern[1:] + r"(?<=[日号]))")
#: A yearbook entry's headline in brackets with its body on the same line: ``【标题】正文…``.
_INLINE_HEAD = LazyPattern(r"^【([^】]{2,40})】[\s\u3000]*(\S.*)$")
_LAW = LazyPattern(r"^第[一二三四五六七八九十百零〇]+[章节条]")
#: The title of an official notice, decision or reply: ``关于…的通知``.
_NOTICE_TITLE = LazyPattern(r"^.{0,30}关于.{2,60}的(?:通知|通报|决定|意见|批复|复函|函|公告|通告|办法|规定|实施方案)$")
_SALUTATION = LazyPattern(r"^各[^。！？]{2,60}[：:]$")
_COLUMN_SUFFIX = (
    "要闻",
    "动态",
    "简讯",
    "快讯",
    "新闻",
    "传真",
    "交流",
    "信息",
    "速递",
    "风采",
    "之窗",
    "声音",
    "参考",
    "视点",
    "聚焦",
    "观察",
    "专栏",
    "短讯",
    "综述",
    "简报",
    "播报",
    "时评",
)
_REGION_PREFIX = LazyPattern(r"^[\u4e00-\u9fff]{2,12}(?:市|区|县|镇|乡|街道|新区)[：:]")


def _region_prefix(s: str) -> re.Match[str] | None:
    """``_REGION_PREFIX.match(s)``: a ``某某区：`` prefix. Its colon lies within the first 15
    characters, so the rule is compiled only for a text that has one there."""
    if "：" not in s[:15] and ":" not in s[:15]:
        return None
    return _REGION_PREFIX.match(s)


_ENUM_PARAGRAPH = LazyPattern(r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|此外|同时|另外)")
_ENUM_WORDS = ("首先", "其次", "再次", "最后", "此外", "同时", "另外")


def _enum_paragraph(s: str) -> bool:
    """``_ENUM_PARAGRAPH.match(s) is not None``: 一是, 二是…, 首先, 其次… at the start."""
    if s.startswith(_ENUM_WORDS):
        return True
    n = 0
    while s[n : n + 1] in _CN_TEN:
        n += 1
    return n > 0 and s[n : n + 1] == "是"


_TITLE_MARKS = LazyPattern(
    r"^(?:[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[.．、]|[（(][一二三四五六七八九十]{1,3}[）)]|[（(][0-9０-９]{1,2}[）)]"
    r"|第[一二三四五六七八九十]{1,3}[，,、：:]|[★☆◆◇●○■□▲△▶►•◎※]+)\s*"
)
#: The characters that a match of ``_TITLE_MARKS`` starts with.
_TITLE_MARK_FIRST = frozenset("一二三四五六七八九十0123456789０１２３４５６７８９（(第★☆◆◇●○■□▲△▶►•◎※")
_SECTION_WORDS = {
    "简讯",
    "工作简讯",
    "动态",
    "工作动态",
    "基层动态",
    "各地动态",
    "区县动态",
    "县区动态",
    "基层传真",
    "经验交流",
    "工作交流",
    "信息快递",
    "他山之石",
    "要闻",
    "要闻速递",
    "领导批示",
    "经验做法",
    "图片新闻",
    "简要信息",
    "基层声音",
    "决策参考",
    "代表风采",
    "基层之窗",
    "简明新闻",
    "短讯",
    "快讯",
    "本期导读",
}
_END_MARKS = {"完", "（完）", "(完)", "——完——", "—完—", "-完-", "END"}


class _Row:
    """One line (or piece of a line) of the body. A plain class (a dataclass costs about 1 ms to
    create at import); rows are compared by identity only."""

    __slots__ = ("blank_before", "bullet", "colstart", "dated", "n", "runon", "text", "title")

    def __init__(
        self,
        n: int,  # 1-based source line
        text: str,
        blank_before: bool = False,
        runon: bool = False,
        title: list[_Row] | None = None,  # a headline found before this row (web and e-paper pages)
        bullet: bool = False,
        dated: bool = False,
        colstart: bool = False,  # the first row of a page's second text column
    ):
        self.n = n
        self.text = text
        self.blank_before = blank_before
        self.runon = runon
        self.title = title
        self.bullet = bullet
        self.dated = dated
        self.colstart = colstart


_BULLET_SET = frozenset(BULLETS)
_BULLET_LABEL = LazyPattern(rf"[{BULLETS}]+(.{{1,14}}?)[{BULLETS}]+")
_PERIOD_LABEL = LazyPattern(
    r"(?:1[89]|20)[0-9]{2}年|(?:(?:1[89]|20)[0-9]{2}年)?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:份)?"
)
_BRACKET_LABEL = LazyPattern(r"[【\[［]([^】\]］]{2,8})[】\]］]")


def _is_section_heading(text: str) -> bool:
    return section_label(text) is not None


@lru_cache(maxsize=4096)
def section_label(text: str) -> str | None:
    """The label of a section heading line (``● 某某区 ●``, ``【时政要闻】``, ``图片新闻``, ``简 讯``,
    a year heading ``1990年`` of a chronicle), or None for any other line. Memoised."""
    s = squash(text)
    m = _BULLET_LABEL.fullmatch(s) if s[:1] in _BULLET_SET and s[-1:] in _BULLET_SET else None
    if m:
        return m.group(1)
    if s.endswith(("年", "月", "份")) and _PERIOD_LABEL.fullmatch(s):
        return s
    m = _BRACKET_LABEL.fullmatch(s) if s[:1] in "【[［" else None
    if m and (m.group(1) in _SECTION_WORDS or m.group(1).endswith(_COLUMN_SUFFIX)):
        return m.group(1)
    core = s.strip("【】[]—-=*·" + BULLETS)
    if core in _SECTION_WORDS:
        return core
    if 2 < len(core) <= 8 and (
        plain_place(core, need_organ=False) == core or join_places(subject_places(core)) == core
    ):
        return core  # a place on a line of its own heads the items below it
    toks = strip(text).split()
    if 2 <= len(toks) <= 6 and all(len(t) == 1 for t in toks) and core.isalpha():
        return core
    return None


_SENTENCE_MARKS = frozenset("。！？!?；;")


@lru_cache(maxsize=4096)
def _headline_like(text: str) -> bool:
    s = squash(text)
    if not (2 <= len(s) <= MAX_HEADLINE) or "。" in s:
        return False
    if ends_sentence(text):
        # A headline may be a question or an exclamation: one such mark, at the very end.
        core = s.rstrip("”’」』）)】》\"'")
        if not (core[-1] in "？?！!" and len(s) <= 40 and _SENTENCE_MARKS.isdisjoint(core[:-1])):
            return False
    if s.endswith(("：", ":", "，", ",", "、")) or _enum_paragraph(s):
        return False
    return bl.match_line(text) is None


def _strong_headline(text: str) -> bool:
    s = squash(text)
    return _headline_like(text) and bool(_numbered(s) or _region_prefix(s))


def _clean_title(text: str) -> str:
    s = strip(text)
    if len(s) >= 3 and s[0] == "【" and s[-1] == "】" and "\n" not in s:  # re.fullmatch(r"【(.+)】", s)
        s = s[1:-1]
    if s[:1] not in _TITLE_MARK_FIRST:
        return strip(s)
    return strip(_TITLE_MARKS.sub("", s))


def _unspace(text: str) -> str:
    """Remove the letter spacing of a PDF headline (``代表 联 系 群 众``) when most of its
    characters are spaced apart; a headline's own spaces between phrases stay."""
    if " " not in text and "\u3000" not in text:
        return text
    gaps = re.findall(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", text)
    if len(gaps) >= 3 and len(gaps) * 3 >= len(squash(text)):
        return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", text)
    return text


def _join_title(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = strip(p)
        if out and out[-1].isascii() and out[-1].isalnum() and p[:1].isascii() and p[:1].isalnum():
            out += " "
        out += p
    return _unspace(_clean_title(out))


_RUNON_LEAD = LazyPattern(
    r"[0-9０-９]{1,2}月[0-9０-９]{1,2}日|近日|日前|近期|今年以来|近年来|为(?:了|全面|进一步|深入|切实)"
)


def _split_runon_headline(text: str) -> tuple[str, str] | None:
    """Split ``headline + body`` run together in one pasted line, or return None."""
    s = strip(text)
    stop = min([p for p in (s.find("。"), s.find("，"), s.find(","), 70) if p >= 0])
    gap = re.search(r"[ \u00a0]{2,}|\u3000+", s[: stop + 1])
    if gap and gap.start() >= 4:
        return s[: gap.start()], s[gap.end() :]
    m = _region_prefix(s)
    if m:
        place = s[: m.end() - 1]
        k = s.find(place, m.end() + 4)
        if 0 < k <= stop:
            return s[:k], s[k:]
    for lead in _RUNON_LEAD.finditer(s, 6, stop + 1):
        return s[: lead.start()], s[lead.start() :]
    return None


def _scheme(text: str) -> str:
    """Numbering scheme of a numbered line: ``cn`` (一、), ``ar`` (1.) or ``br`` (【…】)."""
    s = squash(text)
    return "br" if s.startswith("【") else ("ar" if s[:1].isdigit() or "０" <= s[:1] <= "９" else "cn")


class _Builder:
    def __init__(self, rows: list[_Row], has_bylines: bool, mode: str = "plain"):
        self.rows = rows
        self.has_bylines = has_bylines
        #: ``plain``, ``bullets`` (each bullet-led row starts an item), ``dated`` (each dated
        #: row), ``teasers`` (each row) or ``whole`` (one item: a notice or a law text).
        self.mode = mode
        self.items: list[Item] = []
        self.sections: list[str | None] = []
        self.section: str | None = None
        self.columns = False
        self.dropped: list[tuple[str, int]] = []  # rows that belong to no item: (role, line)

    def _item_starts(self, rows: list[_Row]) -> list[int]:
        # Without bylines, the numbering scheme of the first numbered line is the item level
        # (一、 items may hold 1. points, and 1. items may hold （一） points).
        top = next((_scheme(r.text) for r in rows if _numbered(squash(r.text))), None)
        starts = [0]
        for i in range(1, len(rows)):
            text, prev = rows[i].text, rows[i - 1].text
            nxt = rows[i + 1].text if i + 1 < len(rows) else None
            if self.mode == "whole":
                continue
            if rows[i].title is not None:
                ok = True
            elif self.mode == "bullets":
                ok = rows[i].bullet
            elif self.mode == "dated":
                ok = rows[i].dated
            elif self.mode == "teasers":
                ok = True
            elif self.has_bylines:
                ok = _strong_headline(text) and not _numbered(squash(text)) and ends_sentence(prev)
                ok = ok or (
                    _headline_like(text)
                    and not _numbered(squash(text))
                    and ends_sentence(prev)
                    and rows[i].blank_before
                    and len(squash(text)) <= 40
                    and nxt is not None
                    and (len(squash(nxt)) >= 30 or ends_sentence(nxt))
                )
                ok = ok or (squash(text).startswith("【") and _headline_like(text) and ends_sentence(prev))
            elif _numbered(squash(text)) and _headline_like(text):
                ok = _scheme(text) == top and (ends_sentence(prev) or _numbered(squash(prev)))
            else:
                ok = (
                    _headline_like(text)
                    and ends_sentence(prev)
                    and nxt is not None
                    and (len(squash(nxt)) >= 30 or ends_sentence(nxt))
                    and (rows[i].blank_before or _strong_headline(text))
                )
            if ok:
                starts.append(i)
        return starts

    def add_chunk(self, rows: list[_Row], byline: bl.Byline | None, byline_line: int | None) -> None:
        while rows and (
            (self.mode != "whole" and _is_section_heading(rows[0].text)) or squash(rows[0].text) in _END_MARKS
        ):
            self.dropped.append(("section" if _is_section_heading(rows[0].text) else "end-mark", rows[0].n))
            rows = rows[1:]
        if not rows:
            if byline_line is not None:  # a byline with no text of its own before it
                self.dropped.append(("byline", byline_line))
            return
        starts = self._item_starts(rows) + [len(rows)]
        for k in range(len(starts) - 1):
            part = rows[starts[k] : starts[k + 1]]
            last = k == len(starts) - 2
            self._add_item(part, byline if last else None, byline_line if last else None)

    def _add_item(self, rows: list[_Row], byline: bl.Byline | None, byline_line: int | None) -> None:
        title_rows: list[_Row] = []
        if rows[0].bullet:
            r0 = rows[0]
            first_row = _Row(r0.n, _strip_bullet(strip(r0.text)), r0.blank_before, r0.runon, r0.title, True, r0.dated)
            rows = [first_row] + list(rows[1:])
        body_rows = list(rows)
        first = rows[0]
        numbered = _numbered(squash(first.text))
        inline = _INLINE_HEAD.match(strip(first.text)) if strip(first.text)[:1] == "【" else None
        if first.title is not None:
            title_rows = list(first.title)
        elif inline:
            title_rows = [_Row(first.n, inline.group(1))]
            body_rows = [_Row(first.n, inline.group(2))] + list(rows[1:])
        elif self.columns:
            pass
        elif self.mode in ("dated", "teasers"):
            pass
        elif self.mode == "whole":
            if _headline_like(first.text) and len(rows) > 1:
                title_rows = [first]
                body_rows = rows[1:]
        elif first.runon and len(rows) == 1:
            split = _split_runon_headline(first.text)
            if split:
                title_rows = [_Row(first.n, split[0])]
                body_rows = [_Row(first.n, split[1])]
        elif _headline_like(first.text) and (len(rows) > 1 or numbered):
            title_rows = [first]
            body_rows = rows[1:]
            if (
                len(body_rows) >= 2
                and _headline_like(body_rows[0].text)
                and len(squash(body_rows[0].text)) <= MAX_HEADLINE_WRAP
                and len(squash(first.text + body_rows[0].text)) <= MAX_HEADLINE + 14
                and not _numbered(squash(body_rows[0].text))
                and not _region_prefix(squash(body_rows[0].text))
                and not body_rows[0].bullet
                and bl.match_bare(body_rows[0].text) is None
            ):
                title_rows.append(body_rows.pop(0))
        title = _join_title([r.text for r in title_rows]) if title_rows else None
        body = "\n".join(strip(r.text) for r in body_rows if not is_blank(r.text))
        if not title and not body:
            return
        unit = byline.unit if byline else None
        authors = list(byline.authors) if byline else []
        head = (bl.match_head(body_rows[0].text) or bl.match_bare(body_rows[0].text)) if body_rows else None
        if head and (not byline or set(byline.authors) <= set(head.authors)):
            unit = head.unit or unit
            authors = list(head.authors)
        first_line = min([r.n for r in title_rows] + [r.n for r in rows])
        last_line = max([byline_line or 0] + [r.n for r in rows])
        self.items.append(
            Item(
                index=len(self.items) + 1,
                title=title or None,
                body=body,
                kind="article" if title else "brief",
                unit=unit,
                authors=authors,
                region=None,
                lines=(first_line, last_line),
                section=self.section,
            )
        )


def _rows_of(lines: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    for n, line in enumerate(lines, 1):
        pieces = bl.split_runon(line) if len(squash(line)) >= RUNON_MIN else [line]
        for piece in pieces:
            rows.append(_Row(n, piece, runon=len(pieces) > 1))
    return rows


_NEWS_LEAD = LazyPattern(
    r"^(?:本报讯|本刊讯|本网讯|[\u4e00-\u9fff]{2,10}?[网报台社]讯|据[^，,。]{2,12}?消息|新华社[\u4e00-\u9fff]{0,6}电"
    r"|[（(](?:本报|本刊)?记者|记者[\u4e00-\u9fff]{2,4}报道)"
)
_CREDIT = LazyPattern(r"^[^。！？，,；;]{0,24}[\u4e00-\u9fff]{2,4}(?:整理|辑|编辑|汇编|摄影报道|摄)$")


#: A digit right after a sentence end: every dated entry inside a line starts that way.
_PUNCT_DIGIT = LazyPattern("[。！？；][0-9０-９]")


def _punct_digit(s: str) -> bool:
    """``_PUNCT_DIGIT.search(s) is not None``: a digit right after 。！？ or ；."""
    for mark in "。！？；":
        i = s.find(mark)
        while i >= 0:
            if s[i + 1 : i + 2] in _DIGITS:
                return True
            i = s.find(mark, i + 1)
    return False


#: A dated entry after a finished sentence inside a line (a chronicle run together).
_CHRONICLE_ENTRY = LazyPattern(r"[。！？；]" + DATE_LEAD.pattern[1:] + r"(?<=[日号])[\u4e00-\u9fff《“\"]")


def _may_have_editor_tail(line: str) -> bool:
    """False when ``line`` cannot end with an editor's credit (``furniture.EDITOR_TAIL``: a closing
    bracket before trailing whitespace, and a word with 编, 审核 or 校对)."""
    return line.rstrip().endswith(("）", ")")) and ("编" in line or "审核" in line or "校对" in line)


def _may_have_link_mark(line: str) -> bool:
    """False when ``line`` cannot end with a teaser link mark (``furniture.LINK_MARK``: a closing
    bracket or >> before trailing whitespace, and one of its words)."""
    return line.rstrip().endswith(("]", "］", "〕", "﹞", "】", ")", "）", ">>", "》》")) and any(
        w in line for w in (">>", "》》", "详", "詳", "全文", "更多")
    )


def _news_lead(s: str) -> bool:
    """True when ``s`` opens with a news lead (``_NEWS_LEAD``). Every lead has 讯, 消息, 电 or 记者
    within its first 15 characters, so the rule is compiled only for a text that has one."""
    if not ("讯" in s[:12] or "消息" in s[:15] or "电" in s[:10] or "记者" in s[:5]):
        return False
    return _NEWS_LEAD.match(s) is not None


def _credit(s: str) -> bool:
    """True when ``s`` is a compiler's credit line (``_CREDIT``), which ends with one of its words."""
    return s.endswith(("整理", "辑", "汇编", "摄影报道", "摄")) and _CREDIT.match(s) is not None


class _Parts:
    """The non-item lines of a document, with their roles."""

    def __init__(self, lines: list[str], back=None):
        self.lines = lines
        self.back = back or (lambda s: s)  # view text -> original characters
        self.items: list[tuple[str, int, int, str]] = []

    def add(self, role: str, first: int, last: int, text: str | None = None) -> None:
        """Record lines ``first..last`` (1-based) under ``role``; ``text`` defaults to the lines."""
        if text is None:
            text = "\n".join(strip(t) for t in self.lines[first - 1 : last] if not is_blank(t))
        else:
            text = self.back(text)
        if strip(text):
            self.items.append((role, first, last, strip(text)))

    def to_list(self) -> list[dict]:
        return [
            {"role": r, "lines": [a, b], "text": t} for r, a, b, t in sorted(self.items, key=lambda x: (x[1], x[2]))
        ]


def _char_map(orig: str, view: str):
    """A function that maps a string of the simplified view back to the original characters."""
    from collections import Counter

    pairs: dict[str, Counter] = {}
    for a, b in zip(view, orig, strict=False):
        pairs.setdefault(a, Counter())[b] += 1
    table = {a: c.most_common(1)[0][0] for a, c in pairs.items() if c.most_common(1)[0][0] != a}

    def back(s: str | None) -> str | None:
        return s if s is None else "".join(table.get(ch, ch) for ch in s)

    return back


def _find_head(work: list[str], roles: dict[int, str], start: int) -> tuple[list[int], int] | None:
    """The headline lines and the body's first line of a web or e-paper article: the body starts
    after the page's metadata line or at a news lead (``本报讯``, ``某某网讯``, ``（记者 …）``),
    and its headline is the one or two short lines just above (indices into ``work``)."""
    body = None
    for i in range(start, min(len(work), start + 40)):
        if roles.get(i) == "meta":
            j = i + 1
            while j < len(work) and (is_blank(work[j]) or j in roles):
                j += 1
            if j < len(work):
                body = j
            break
        if not is_blank(work[i]) and _news_lead(squash(work[i])):
            body = i
            break
    if body is None:
        return None
    title: list[int] = []
    j = body - 1
    while j >= start and len(title) < 2:
        if is_blank(work[j]) or j in roles:
            if title and j in roles:  # furniture above the headline: the headline is complete
                break
            j -= 1
            continue
        t = work[j]
        if title and (len(strip(t).split()) >= 3 or "，" in t or "," in t):
            break  # a navigation or greeting line above the headline
        if not (_headline_like(t) and len(squash(t)) >= 4 and section_label(t) is None) or _numbered(squash(t)):
            break
        if title and squash(work[title[0]]) == squash(t):  # a page title repeated above the article
            roles[j] = "repeated"
            j -= 1
            continue
        title.insert(0, j)
        j -= 1
    return title, body


def _split_columns(lines: list[str]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]] | None:
    """A page of two text columns merged line by line (PDF): each line is ``left + run of spaces +
    right``. Returns ``(line index, text)`` pieces, left column first, or None when the text is
    not laid out that way (at least 5 lines, most with a gap of 6 or more spaces)."""
    gap = re.compile(r"\S[ \u3000]{6,}(?=\S)")
    content = [i for i, t in enumerate(lines) if not is_blank(t)]
    split = [i for i in content if gap.search(strip(t := lines[i])) and len(squash(t)) >= 20]
    if len(split) < 5 or len(split) * 3 < len(content) * 2:
        return None
    left: list[tuple[int, str]] = []
    right: list[tuple[int, str]] = []
    for i in content:
        t = strip(lines[i])
        m = gap.search(t)
        if m:
            left.append((i, t[: m.start() + 1]))
            right.append((i, strip(t[m.end() :])))
        elif i in split or len(left) == 0:
            left.append((i, t))
        else:
            left.append((i, t))
    return left, right


def _mark_navigation(work: list[str], roles: dict[int, str], start: int) -> None:
    """A list of a page's headlines above its article (e-paper navigation, a contents list without
    a heading): a run of at least three short headline lines near the top, one of which comes
    back further down as the article's headline. The run becomes ``contents``."""
    short = [
        i
        for i, t in enumerate(work[:60])
        if i >= start and not is_blank(t) and i not in roles and _headline_like(t) and len(squash(t)) <= 40
    ]
    later: dict[str, list[int]] = {}
    for k in range(len(work)):
        if not is_blank(work[k]):
            later.setdefault(squash(work[k]), []).append(k)
    for i in short:
        again = [k for k in later.get(squash(work[i]), []) if k > i]
        if not again:
            continue
        run = [i]
        j = i - 1
        while j >= start and (is_blank(work[j]) or j in roles or j in short):
            if j in short:
                run.insert(0, j)
            j -= 1
        j = i + 1
        while j < again[0] and (is_blank(work[j]) or j in roles or j in short):
            if j in short:
                run.append(j)
            j += 1
        if len(run) >= 3 and j < len(work) and not set(run) & set(again):
            for r in run:
                roles[r] = "contents"
        return


def segment_text(text: str, source: str = "<text>", encoding: str = "utf-8") -> Bulletin:
    """Break a bulletin's text into masthead, items, footer and the other parts of the page.

    Decisions are taken on a simplified view of text in traditional characters (OpenCC, char for
    char); the output keeps the original characters. Every non-blank input line ends up in an
    item's ``lines`` or in the bulletin's ``parts``.

    Args:
        text: the decoded text (LF line endings; see :func:`bulletin_nlp.reading.read_document`).
        source: the path to report in output.
        encoding: the detected encoding to report in output.

    Returns:
        a :class:`~bulletin_nlp.models.Bulletin`; ``items`` may be empty for a text without
        recognisable content.
    """
    from .furniture import EDITOR_TAIL, LINK_MARK, find_jammer, line_role

    text = text.replace("\ufeff", "")
    orig_lines = split_lines(text)
    view_text = simplified(text)
    traditional = is_traditional(text, view_text)
    work = split_lines(view_text) if traditional else list(orig_lines)
    if len(work) != len(orig_lines):
        work = list(orig_lines)
    back = _char_map(text, view_text) if traditional else (lambda s: s)
    parts = _Parts(orig_lines, back)

    # 1. Strings glued to lines: an anti-scraping string after paragraphs, teaser link marks.
    jam = find_jammer(work)
    editor_tails: list[str] = []
    n_marks = 0
    for i, t in enumerate(work):
        st = strip(t)
        if jam and st.endswith(jam):
            work[i] = st[: -len(jam)]
            parts.add("jammer", i + 1, i + 1, jam if strip(work[i]) else None)
        m = EDITOR_TAIL.search(work[i]) if _may_have_editor_tail(work[i]) else None
        if m and m.start() > 0:
            parts.add("editor", i + 1, i + 1, m.group(0))
            editor_tails.append(m.group(0))
            work[i] = work[i][: m.start()]
        m = LINK_MARK.search(work[i]) if _may_have_link_mark(work[i]) else None
        if m and m.start() > 0:
            parts.add("link-mark", i + 1, i + 1, m.group(0))
            work[i] = work[i][: m.start()]
            n_marks += 1
    # 2. Whole lines of page furniture.
    roles: dict[int, str] = {}
    for i, t in enumerate(work):
        role = line_role(t) if not is_blank(t) else None
        if role:
            roles[i] = role
    prev_i = None
    for i, t in enumerate(work):  # a headline repeated right below itself counts once
        if is_blank(t) or i in roles:
            continue
        if prev_i is not None and squash(work[prev_i]) == squash(t) and _headline_like(t):
            roles[prev_i] = "repeated"
        prev_i = i
    masthead, mpos = find_masthead([t if i not in roles else "" for i, t in enumerate(work)])
    contents, pos = find_contents(work, mpos)
    if masthead and mpos:
        parts.add("masthead", 1, mpos)
        for i in range(mpos):
            roles.pop(i, None)
    if contents:
        parts.add("contents", mpos + 1, pos)
    _mark_navigation(work, roles, pos)
    web = any(r in ("breadcrumb", "meta") for r in roles.values())
    # 3. The headline of a web or e-paper article, and the page header above it.
    head = _find_head(work, roles, pos)
    forced_title: dict[int, list[int]] = {}
    if head:
        title_idx, body_idx = head
        top = title_idx[0] if title_idx else body_idx
        for i in range(pos, top):
            if not is_blank(work[i]) and i not in roles:
                roles[i] = "header"
        if title_idx:
            forced_title[body_idx] = title_idx
        web = True
    for i, role in roles.items():
        if role == "editor" and footer_start(work[i]) and not web:
            continue  # a distribution footer's 编辑： line stays in the footer
        parts.add(role, i + 1, i + 1)
        work[i] = ""
    # 4. The end of a web page: short lines after the last finished sentence; a compiler's credit.
    content = [i for i, t in enumerate(work) if not is_blank(t)]
    if web:
        for i in reversed(content):
            t = work[i]
            if ends_sentence(t) or bl.match_line(t) or bl.match_tail(t) or len(squash(t)) > 40 or i in forced_title:
                break
            if any(i in v for v in forced_title.values()):
                break
            k = content.index(i)
            prev = work[content[k - 1]] if k else ""
            if (
                _date_lead(squash(t))
                or (prev and section_label(prev) is not None)
                or (prev and not ends_sentence(prev) and len(squash(prev)) > 40)
            ):
                break  # a cut-off last entry, or the wrapped end of a paragraph, is text
            parts.add("furniture", i + 1, i + 1)
            work[i] = ""
    content = [i for i, t in enumerate(work) if not is_blank(t)]
    if content and _credit(squash(work[content[-1]])) and len(content) > 1:
        parts.add("credit", content[-1] + 1, content[-1] + 1)
        work[content[-1]] = ""

    # 5. Rows: runon lines cut at bylines, chronicles cut at dated entries, two-column pages.
    columns = _split_columns(work[pos:])
    if columns:
        rows = [_Row(pos + i + 1, t) for i, t in columns[0]]
        rows = [r for k in rows for r in _rows_of_piece(k)]
        right = [_Row(pos + i + 1, t) for i, t in columns[1]]
        right = [r for k in right for r in _rows_of_piece(k)]
        if right:
            right[0].colstart = True
        rows += right
        body_start = 0
    else:
        rows = _rows_of(work)
        body_start = next((k for k, r in enumerate(rows) if r.n > pos), len(rows))
    texts = [r.text for r in rows]
    chronicle = (
        sum(
            len(_CHRONICLE_ENTRY.findall(squash(t)))
            for t in texts
            if ("日" in t or "号" in t) and _punct_digit(squash(t))
        )
        >= 3
    )
    if chronicle:
        cut: list[_Row] = []
        for r in rows:
            pieces = [p for p in _MIDLINE_ENTRY.split(r.text) if strip(p)]
            cut.extend(_Row(r.n, p, r.blank_before, len(pieces) > 1 or r.runon) for p in pieces)
        rows = cut
        body_start = next((k for k, r in enumerate(rows) if r.n > pos), len(rows))
    footer_at_row = find_footer([r.text for r in rows], body_start)
    end = footer_at_row if footer_at_row is not None else len(rows)
    footer = None
    if footer_at_row is not None:
        ftexts = [r.text for r in rows[footer_at_row:]]
        footer = "\n".join(strip(t) for t in ftexts if not is_blank(t) and not is_separator(t)) or None
        parts.add("footer", rows[footer_at_row].n, rows[-1].n)
    body_rows = [r for r in rows[body_start:end] if not is_blank(r.text) and not is_separator(r.text)]
    for r in rows[body_start:end]:
        if is_separator(r.text) and not is_blank(r.text):
            parts.add("separator", r.n, r.n)

    # 6. The document's title line, and the document's layout.
    for r in rows:
        r.bullet = strip(r.text)[:1] in _BULLET_SET and section_label(r.text) is None  # _BULLET.match
        r.dated = _dated(squash(r.text))
    for idx, tl in forced_title.items():
        target = next((r for r in rows if r.n == idx + 1), None)
        if target is not None:
            trows = [r for r in rows if r.n - 1 in tl]
            target.title = [_Row(r.n, r.text) for r in trows]
            body_rows = [r for r in body_rows if r.n - 1 not in tl]
    doc_title = None
    cands = [r for r in body_rows if section_label(r.text) is None]
    if len(cands) >= 3 and cands[0].title is None:
        r0, r1, r2 = cands[0], cands[1], cands[2]
        pairs = sum(
            1
            for a, b in zip(cands, cands[1:], strict=False)
            if _headline_like(a.text)
            and not ends_sentence(a.text)
            and (len(squash(b.text)) >= 30 or ends_sentence(b.text))
        )
        if (
            _headline_like(r0.text)
            and not _numbered(squash(r0.text))
            and not r0.bullet
            and not r0.dated
            and bl.match_line(r0.text) is None
            and bl.match_bare(r1.text) is None
            and bl.match_head(r1.text) is None
            and (
                (_numbered(squash(r1.text)) and _headline_like(r1.text))
                or r1.bullet
                or (
                    _headline_like(r1.text) and not ends_sentence(r1.text) and len(squash(r2.text)) >= 30 and pairs >= 3
                )
            )
        ):
            doc_title = strip(back(r0.text) or "")
            parts.add("title", r0.n, r0.n)
            body_rows = [r for r in body_rows if r is not r0]
    n_bullets = sum(1 for r in body_rows if r.bullet)
    n_dated = sum(1 for r in body_rows if r.dated)
    headed = sum(
        1
        for a, b in zip(body_rows, body_rows[1:], strict=False)
        if section_label(a.text) is None
        and not a.dated
        and _headline_like(a.text)
        and not ends_sentence(a.text)
        and (len(squash(b.text)) >= 30 or ends_sentence(b.text))
    )
    law = sum(1 for r in body_rows if squash(r.text).startswith("第") and _LAW.match(squash(r.text)))
    salutation = any(squash(r.text).startswith("各") and _SALUTATION.match(squash(r.text)) for r in body_rows[:6])
    notice = (
        bool(body_rows) and "关于" in squash(body_rows[0].text) and bool(_NOTICE_TITLE.match(squash(body_rows[0].text)))
    )
    if law >= 1 and salutation or law >= 3 or (notice and salutation):
        mode = "whole"
    elif n_bullets >= 2:
        mode = "bullets"
    elif chronicle and n_dated >= 3:
        mode = "dated"
    elif (
        n_dated >= 3 and headed == 0 and n_dated * 2 >= len([r for r in body_rows if section_label(r.text) is None]) - 1
    ):
        mode = "dated"
    elif n_marks >= 2 and headed == 0:
        mode = "teasers"
    else:
        mode = "plain"
    lead = next((r for r in body_rows if section_label(r.text) is None), None)
    if (
        mode == "dated"
        and doc_title is None
        and lead is not None
        and lead is body_rows[0]
        and not lead.dated
        and _headline_like(lead.text)
        and not ends_sentence(lead.text)
    ):
        doc_title = strip(back(lead.text) or "")  # a chronicle's or a work log's own title
        parts.add("title", lead.n, lead.n)
        body_rows = [r for r in body_rows if r is not lead]

    # 7. Tokens: text rows, bylines and section breaks.
    body: list[tuple[str, object]] = []
    blank = True
    keep = {id(r) for r in body_rows}
    for row in rows[body_start:end]:
        if id(row) not in keep:
            if is_blank(row.text) or is_separator(row.text):
                blank = True
            continue
        if row.colstart:
            body.append(("break", None))
        b = bl.match_line(row.text) if mode != "whole" else None
        last = body[-1][1] if body and body[-1][0] == "text" else None
        if b is None and mode != "whole" and isinstance(last, _Row) and ends_sentence(last.text):
            b = bl.match_bare(row.text)
        label = section_label(row.text) if mode != "whole" else None
        if b:
            body.append(("byline", (row.n, b)))
        else:
            tail = bl.match_tail(row.text) if mode != "whole" else None
            if tail:
                body.append(("text", _Row(row.n, tail[0], blank, row.runon, row.title, row.bullet, row.dated)))
                body.append(("byline", (row.n, tail[1])))
            elif label is not None:
                body.append(("section", (row.n, label)))
            else:
                row.blank_before = blank
                body.append(("text", row))
        blank = False

    n_bylines = sum(1 for kind, _ in body if kind == "byline")
    builder = _Builder(rows, has_bylines=n_bylines >= 2, mode=mode)
    builder.columns = columns is not None
    chunk: list[_Row] = []
    for kind, value in body:
        if kind == "text":
            chunk.append(value)  # type: ignore[arg-type]
        elif kind == "byline":
            n, b = cast("tuple[int, bl.Byline]", value)
            builder.add_chunk(chunk, b, n)
            chunk = []
        elif kind == "break":
            builder.add_chunk(chunk, None, None)
            chunk = []
        else:
            builder.add_chunk(chunk, None, None)
            chunk = []
            sec_line, label = cast("tuple[int, str]", value)
            builder.section = label
            parts.add("section", sec_line, sec_line)
    builder.add_chunk(chunk, None, None)

    # 8. The page's own metadata for its article, regions, then the original characters back.
    if head and builder.items:
        from .furniture import parse_meta

        meta: dict[str, str] = {}
        for i in sorted(roles):
            if roles[i] in ("meta", "editor"):
                for key, val in parse_meta(orig_lines[i]).items():
                    meta.setdefault(key, val)
        for etail in editor_tails:
            for key, val in parse_meta(etail).items():
                meta.setdefault(key, val)
        article = builder.items[0]
        article.meta = meta
        author = meta.get("author", "")
        names = [a for a in re.split(r"[\s、，,]+", simplified(author)) if a]
        if not article.authors and names and all(bl._looks_like_name(a) for a in names):
            article.authors = names
    header = "\n".join(
        x
        for x in [masthead.name if masthead else None, doc_title]
        + [t for r, a, b, t in parts.items if r in ("epaper", "header", "masthead")]
        if x
    )
    if traditional:
        header = simplified(header)
    doc_place = document_place(header, [f"{it.title or ''}\n{it.body}" for it in builder.items])
    home = region_from_unit(masthead.issuer) if masthead and masthead.issuer else None
    for it in builder.items:
        sec_region = None
        if it.section:
            sp = subject_places(squash(it.section))
            sec_region = join_places(sp) if sp else plain_place(squash(it.section), need_organ=False)
        region, divisions = find_region(it.title, it.unit, it.body, sec_region, doc_place)
        if home and region == home:
            region, divisions = None, []
        it.region = region
        it.divisions = [d.to_dict() for d in divisions]
        if traditional:
            it.title = back(it.title)
            it.body = back(it.body) or ""
            it.unit = back(it.unit)
            it.authors = [back(a) or a for a in it.authors]
            it.section = back(it.section)
    if traditional and masthead:
        masthead.name, masthead.issue, masthead.issuer = (
            back(masthead.name),
            back(masthead.issue),
            back(masthead.issuer),
        )
    for role, n in builder.dropped:
        parts.add(role, n, n)
    # 9. Nothing lost: a line that no item and no part holds is listed as an "other" part.
    covered: set[int] = set()
    for it in builder.items:
        covered.update(range(it.lines[0], it.lines[1] + 1))
    for _r, first, last, _t in parts.items:
        covered.update(range(first, last + 1))
    for n, line in enumerate(orig_lines, 1):
        if n not in covered and not is_blank(line):
            in_head = any(n - 1 in v for v in forced_title.values())
            parts.add("header" if in_head else "other", n, n)  # a headline whose article fell in the footer
    return Bulletin(
        source=source,
        encoding=encoding,
        items=builder.items,
        masthead=masthead,
        contents=contents,
        footer=footer,
        title=doc_title,
        parts=parts.to_list(),
    )


def _rows_of_piece(row: _Row) -> list[_Row]:
    pieces = bl.split_runon(row.text) if len(squash(row.text)) >= RUNON_MIN else [row.text]
    return [_Row(row.n, p, runon=len(pieces) > 1) for p in pieces]


def segment_document(doc) -> Bulletin:
    """Segment a :class:`~bulletin_nlp.reading.Document` (its text, source and encoding).

    The document's page header and footer lines (Word, PDF) are masthead and footer candidates;
    see :func:`bulletin_nlp.readers.apply_page_parts`.
    """
    from .readers import apply_page_parts

    return apply_page_parts(segment_text(doc.text, source=doc.source, encoding=doc.encoding), doc)
