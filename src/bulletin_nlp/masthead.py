"""The parts of a bulletin around its items: masthead (报头), contents list (本期要目) and
distribution footer (报：… 送：… 发：…).

Each finder takes the list of lines and returns where its part lies, so that item
segmentation runs on what is left.
"""

from __future__ import annotations

import re

from .models import Masthead
from .normalise import LazyPattern, is_blank, split_spaces, squash, strip

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": 0, "○": 0, "О": 0, "O": 0, "Ｏ": 0, "o": 0, "0": 0, "０": 0, "〇": 0})


class _TwoTier:
    """A pattern with classes of Chinese numerals, and the same pattern without them for text
    that holds none of them (in such text both find the same matches, groups included).

    The numeral classes hold many separate characters beyond Latin-1, which ``sre`` compiles into
    64K-entry tables (about 0.3 ms each); a bulletin that writes its dates and issue numbers in
    Arabic digits compiles only the plain pattern. Offers ``search``, ``fullmatch`` and ``pattern``.
    """

    __slots__ = ("full", "numerals", "pattern", "plain")

    def __init__(self, full: str, plain: str, numerals: str):
        self.pattern = full
        self.full = LazyPattern(full)
        self.plain = LazyPattern(plain)
        self.numerals = frozenset(numerals)

    def _for(self, text: str) -> LazyPattern:
        return self.plain if self.numerals.isdisjoint(text) else self.full

    def search(self, text: str) -> re.Match[str] | None:
        return self._for(text).search(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._for(text).fullmatch(text)


ISSUE = _TwoTier(
    r"第\s*[0-9０-９〇一二三四五六七八九十百]+\s*期(?:\s*[（(]\s*总第\s*[0-9０-９〇一二三四五六七八九十百]+\s*期\s*[）)])?",
    r"第\s*[0-9０-９]+\s*期(?:\s*[（(]\s*总第\s*[0-9０-９]+\s*期\s*[）)])?",
    "〇一二三四五六七八九十百",
)
#: A full date; in text without 一…十 (which every Chinese-numeral year, month and day needs: the
#: year's lookahead asks for one of 一…九), only its Arabic alternatives can match.
DATE = _TwoTier(
    r"([0-9０-９]{4}|(?=[〇○零一二三四五六七八九OＯ0０oО]*[一二三四五六七八九])[〇○零一二三四五六七八九OＯ0０oО]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日",
    r"([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日",
    "一二三四五六七八九十",
)
_ISSUER = LazyPattern(r"(编印|编发|编辑|主办|印发|编)$|^(主办|编印|编发|主编|承办)(单位)?[：:]")
_ISSUER_ENDS = ("编印", "编发", "编辑", "主办", "印发", "编")
_ISSUER_HEADS = ("主办", "编印", "编发", "主编", "承办")


def _issuer_head(s: str) -> int:
    """The length of ``^(主办|编印|编发|主编|承办)(单位)?[：:]`` at the start of ``s``, or 0."""
    if not s.startswith(_ISSUER_HEADS):
        return 0
    if s[2:3] in ("：", ":"):
        return 3
    return 5 if s[2:5] in ("单位：", "单位:") else 0


def _is_issuer(s: str) -> bool:
    """``_ISSUER.search(s) is not None`` for ``s`` without a newline (a squashed part)."""
    return s.endswith(_ISSUER_ENDS) or _issuer_head(s) > 0


#: An issuing office named without 编/印 (``某某县政协办公室``): it counts as the issuer only on a
#: masthead line that also holds the date or the issue number.
_OFFICE = LazyPattern(
    r"^[\u4e00-\u9fff（）()]{2,24}(办公室|办公厅|研究室|秘书处|秘书科|委员会|常委会|工委|人民政府|政府|人大|政协|"
    r"信息科|信息处|宣传部|联络处|综合科|综合处)$"
)
_NAME_WORDS = (
    "简报",
    "信息",
    "动态",
    "通讯",
    "快报",
    "专报",
    "参阅",
    "内参",
    "情况",
    "通报",
    "要情",
    "周报",
    "月报",
    "工作",
)
_MARKS = ("内部资料", "注意保存", "内部刊物", "机密", "秘密", "内部", "仅供参考", "阅后收回")
SEPARATOR = LazyPattern(r"^[\s\u3000\-—─━=＝═_＿*＊·•~～]{3,}$")
_RULE_CHARS = frozenset("\u3000-—─━=＝═_＿*＊·•~～")


def is_separator(line: str) -> bool:
    """``SEPARATOR.match(line) is not None``: a line of at least three rule characters and spaces."""
    return len(line) >= 3 and all(c in _RULE_CHARS or c.isspace() for c in line)


_CONTENTS_HEAD = LazyPattern(r"^(本期要目|本期目录|目录|要目|本期导读|本期内容|目次)[：:]?$")
_CONTENTS_HEADS = frozenset(
    w + c for w in ("本期要目", "本期目录", "目录", "要目", "本期导读", "本期内容", "目次") for c in ("", "：", ":")
)
FOOTER_START = LazyPattern(
    r"^[\s\u3000]*(报|送|发|抄|抄送|抄报|报送|分送|主送|印发|发送|签发|责任编辑|编辑|校对|审核|核稿|联系电话|电话)\s*[：:]"
    r"|^[\s\u3000]*[（(]?共印\s*[0-9０-９]+\s*份"
    r"|印发[\s\u3000]*$|印发[）)]?[\s\u3000]*[（(]?共印"
)
_FOOTER_LABELS = (
    "报",
    "送",
    "发",
    "抄",
    "抄送",
    "抄报",
    "报送",
    "分送",
    "主送",
    "印发",
    "发送",
    "签发",
    "责任编辑",
    "编辑",
    "校对",
    "审核",
    "核稿",
    "联系电话",
    "电话",
)
_DIGITS = frozenset("0123456789０１２３４５６７８９")


def _copies_at(s: str, k: int) -> bool:
    """``[（(]?共印`` at ``s[k]`` (``k`` past the spaces before it)."""
    if s[k : k + 1] in ("（", "("):
        k += 1
    return s.startswith("共印", k)


def footer_start(line: str) -> bool:
    """``FOOTER_START.search(line) is not None``: a distribution label and its colon (报：, 抄送：,
    联系电话：), ``共印N份``, a line ending with 印发, or 印发 followed by 共印."""
    t = line.lstrip()
    if t.startswith(_FOOTER_LABELS):
        for w in _FOOTER_LABELS:  # the label, then spaces, then a colon
            if t.startswith(w) and t[len(w) :].lstrip()[:1] in ("：", ":"):
                return True
    if "共印" in t:
        k = 1 if t[:1] in ("（", "(") else 0
        if t.startswith("共印", k):  # 共印 N 份
            k = len(t) - len(t[k + 2 :].lstrip())
            n = k
            while t[n : n + 1] in _DIGITS:
                n += 1
            if n > k and t[n:].lstrip().startswith("份"):
                return True
    if "印发" not in line:
        return False
    if line.rstrip().endswith("印发"):
        return True
    i = line.find("印发")
    while i >= 0:  # 印发 then an optional closing bracket, spaces, an optional opening one, 共印
        k = i + 2
        if line[k : k + 1] in ("）", ")"):
            k += 1
        if _copies_at(line, len(line) - len(line[k:].lstrip())):
            return True
        i = line.find("印发", i + 1)
    return False


def _cn_number(s: str) -> int:
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    if all(c in _CN_DIGITS for c in s):
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c == "十":
            total += (cur or 1) * 10
            cur = 0
        else:
            cur = _CN_DIGITS.get(c, 0)
    return total + cur


def parse_date(text: str) -> str | None:
    """ISO ``YYYY-MM-DD`` for the first full date (Arabic or Chinese numerals) in ``text``."""
    m = DATE.search(text)
    if not m:
        return None
    y, mo, d = (_cn_number(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _parts(line: str) -> list[str]:
    """Split a masthead line at runs of two or more spaces (or one U+3000)."""
    return [p for p in re.split(r"[ \t\u00a0]{2,}|\u3000+", strip(line)) if strip(p)]


def _split_office_date(part: str) -> list[str]:
    """``某某县政协办公室 2024年5月20日`` (one space or none) -> office and date as two parts."""
    m = DATE.search(part)
    if m and m.end() == len(strip(part)) and m.start() > 0 and _OFFICE.match(squash(part[: m.start()])):
        return [strip(part[: m.start()]), m.group(0)]
    return [part]


def _is_spaced_letters(text: str) -> bool:
    toks = split_spaces(strip(text))
    return len(toks) >= 2 and all(len(t) == 1 for t in toks)


_NAME_PUNCT = frozenset("，。；：:！？、“”")


def _classify_part(part: str) -> str | None:
    s = squash(part)
    if not s:
        return "blank"
    if is_separator(part):
        return "separator"
    if ISSUE.search(s) and len(s) <= 24:
        return "issue"
    if DATE.fullmatch(s) or (DATE.search(s) and len(s) <= 16 and not s.endswith("印发")):
        return "date"
    if any(m in s for m in _MARKS) and len(s) <= 12:
        return "mark"
    if len(s) <= 30 and _is_issuer(s):
        return "issuer"
    if len(s) <= 14 and _NAME_PUNCT.isdisjoint(s) and (any(w in s for w in _NAME_WORDS) or _is_spaced_letters(part)):
        return "name"
    return None


def find_masthead(lines: list[str]) -> tuple[Masthead | None, int]:
    """Find the masthead at the top of the bulletin.

    Returns:
        (masthead or None, index of the first line after it). A masthead needs an issue
        number (第N期), or a name together with an issuer or a date.
    """
    mh = Masthead()
    kinds: set[str] = set()
    end = 0
    for i, line in enumerate(lines[:25]):
        if is_blank(line):
            continue
        parts = _parts(line)
        if len(parts) == 1:
            parts = _split_office_date(parts[0])
        classes = [_classify_part(p) for p in parts]
        if len(parts) > 1 and None in classes and {"date", "issue"} & set(classes):
            classes = [
                "issuer" if c is None and _OFFICE.match(squash(p)) else c for p, c in zip(parts, classes, strict=True)
            ]
        if len(parts) > 1 and None in classes:
            whole = _classify_part(line)
            if whole is None:
                break
            parts, classes = [strip(line)], [whole]
        if None in classes:
            break
        for part, kind in zip(parts, classes, strict=False):
            s = strip(part)
            if kind == "issue" and mh.issue is None:
                mh.issue = squash(ISSUE.search(squash(s)).group(0))  # type: ignore[union-attr]  # "issue" parts match ISSUE
                rest = squash(s).replace(mh.issue, "")
                if rest and _classify_part(rest) == "name" and mh.name is None:
                    mh.name = rest
            elif kind == "date" and mh.date is None:
                mh.date = parse_date(s) or s
            elif kind == "issuer" and mh.issuer is None:
                mh.issuer = _issuer_name(s)
            elif kind == "name" and mh.name is None:
                mh.name = squash(s) if _is_spaced_letters(s) else s
            kinds.add(kind)  # type: ignore[arg-type]  # parts classified None ended the loop above
        end = i + 1
    if "issue" in kinds or ("name" in kinds and kinds & {"issuer", "date"}):
        return mh, end
    return None, 0


def find_contents(lines: list[str], start: int) -> tuple[list[str], int]:
    """Find a contents list (本期要目 / 目录 and its entries) starting at or just after ``start``.

    The list ends at the first line that repeats an entry (the first item's headline), at a
    separator line, or at the first line that reads like body text.

    Returns:
        (entries, index of the first line after the list); ``([], start)`` when there is none.
    """
    i = start
    while i < len(lines) and is_blank(lines[i]):
        i += 1
    if i >= len(lines) or squash(lines[i]) not in _CONTENTS_HEADS:  # _CONTENTS_HEAD
        return [], start
    entries: list[str] = []
    keys: list[str] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if is_blank(line):
            j += 1
            continue
        if is_separator(line):
            j += 1
            break
        key = _entry_key(line)
        if entries and key and any(k == key or (len(key) >= 6 and k.startswith(key)) for k in keys):
            break
        s = squash(line)
        if len(s) > 60 or "。" in s:
            break
        entry = strip(line)
        if "." in entry or "·" in entry or "…" in entry:  # a leader run to the page number
            entry = _LEADER_PAGE.sub("", entry)
        entries.append(strip(entry))
        keys.append(key)
        j += 1
    return entries, j


_LEADER_PAGE = LazyPattern(r"[.·…]{3,}\s*\d+\s*$")
_LEADER = LazyPattern(r"[.·…]{3,}\d*$")
#: The number or bullet before a contents entry; :func:`_drop_entry_mark` removes it.
_ENTRY_MARK = LazyPattern(r"^([一二三四五六七八九十]+、|\d+[.．、]|[★☆◆◇●○■□▲△]+)")
_CN_TEN = frozenset("一二三四五六七八九十")
_ENTRY_BULLETS = "★☆◆◇●○■□▲△"


def _drop_entry_mark(s: str) -> str:
    """``_ENTRY_MARK.sub("", s)``: its three alternatives start with different characters."""
    c = s[:1]
    if not c:
        return s
    if c in _ENTRY_BULLETS:
        return s.lstrip(_ENTRY_BULLETS)
    n = 0
    if c in _CN_TEN:
        while s[n : n + 1] in _CN_TEN:
            n += 1
        return s[n + 1 :] if s[n : n + 1] == "、" else s
    if c.isdecimal():  # \d
        while s[n : n + 1].isdecimal():
            n += 1
        return s[n + 1 :] if s[n : n + 1] in (".", "．", "、") else s
    return s


def _entry_key(line: str) -> str:
    s = squash(line)
    if "." in s or "·" in s or "…" in s:
        s = _LEADER.sub("", s)
    s = _drop_entry_mark(s)
    return s.strip("【】")


def find_footer(lines: list[str], start: int) -> int | None:
    """Index of the first line of the distribution footer, or None.

    The footer is the trailing block that starts at a line such as ``报：`` ``送：`` ``抄送：``
    ``共印N份`` or ``…印发`` (a separator line just above it belongs to it) and holds no byline
    after it.
    """
    from .bylines import match_line

    first = None
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        if is_blank(line):
            continue
        if footer_start(line):
            first = i
            continue
        if match_line(line) or len(squash(line)) > 120:
            break
        if is_separator(line):  # a rule inside or just above the footer belongs to it
            if first is not None:
                first = i
            continue
        if _is_list_continuation(line):  # a wrapped distribution list
            continue
        break
    if first is None:
        return None
    while first - 1 >= start and (is_blank(lines[first - 1]) or is_separator(lines[first - 1])):
        if is_separator(lines[first - 1]):
            return first - 1
        first -= 1
    return first


def _is_list_continuation(line: str) -> bool:
    s = squash(line)
    return bool(s) and "。" not in s[:-1] and len(s) <= 80 and ("，" in s or "、" in s or s.endswith(("。", "，")))


def _issuer_name(text: str) -> str:
    """The issuing office: ``某某市人大常委会办公厅编`` -> ``某某市人大常委会办公厅``."""
    s = strip(text)
    n = _issuer_head(s)  # re.sub(r"^(主办|编印|编发|主编|承办)(单位)?[：:]\s*", "", s)
    if n:
        s = s[n:].lstrip()
    # re.sub(r"(编印|编发|编辑|主办|印发|编)$", "", s) on a stripped line: the longest ending wins
    # (the pattern is tried from the left)
    if s.endswith(_ISSUER_ENDS[:-1]):
        cut = s[:-2]
    elif s.endswith("编"):
        cut = s[:-1]
    else:
        cut = s
    return strip(cut) or s
