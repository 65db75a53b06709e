"""The parts of a bulletin around its items: masthead (报头), contents list (本期要目) and
distribution footer (报：… 送：… 发：…).

Each finder takes the list of lines and returns where its part lies, so that item
segmentation runs on what is left.
"""

from __future__ import annotations

import re

from .models import Masthead
from .normalise import SPACE_RUN, LazyPattern, is_blank, squash, strip

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN_DIGITS.update({"零": 0, "○": 0, "О": 0, "O": 0, "Ｏ": 0, "o": 0, "0": 0, "０": 0, "〇": 0})

ISSUE = re.compile(
    r"第\s*[0-9０-９〇一二三四五六七八九十百]+\s*期(?:\s*[（(]\s*总第\s*[0-9０-９〇一二三四五六七八九十百]+\s*期\s*[）)])?"
)
DATE = re.compile(
    r"([0-9０-９]{4}|(?=[〇○零一二三四五六七八九OＯ0０oО]*[一二三四五六七八九])[〇○零一二三四五六七八九OＯ0０oО]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_ISSUER = re.compile(r"(编印|编发|编辑|主办|印发|编)$|^(主办|编印|编发|主编|承办)(单位)?[：:]")
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
SEPARATOR = re.compile(r"^[\s\u3000\-—─━=＝═_＿*＊·•~～]{3,}$")
_CONTENTS_HEAD = re.compile(r"^(本期要目|本期目录|目录|要目|本期导读|本期内容|目次)[：:]?$")
FOOTER_START = re.compile(
    r"^[\s\u3000]*(报|送|发|抄|抄送|抄报|报送|分送|主送|印发|发送|签发|责任编辑|编辑|校对|审核|核稿|联系电话|电话)\s*[：:]"
    r"|^[\s\u3000]*[（(]?共印\s*[0-9０-９]+\s*份"
    r"|印发[\s\u3000]*$|印发[）)]?[\s\u3000]*[（(]?共印"
)


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
    toks = SPACE_RUN.split(strip(text))
    return len(toks) >= 2 and all(len(t) == 1 for t in toks)


def _classify_part(part: str) -> str | None:
    s = squash(part)
    if not s:
        return "blank"
    if SEPARATOR.match(part):
        return "separator"
    if ISSUE.search(s) and len(s) <= 24:
        return "issue"
    if DATE.fullmatch(s) or (DATE.search(s) and len(s) <= 16 and not s.endswith("印发")):
        return "date"
    if any(m in s for m in _MARKS) and len(s) <= 12:
        return "mark"
    if _ISSUER.search(s) and len(s) <= 30:
        return "issuer"
    if (
        len(s) <= 14
        and not re.search(r"[，。；：:！？、“”]", s)
        and (any(w in s for w in _NAME_WORDS) or _is_spaced_letters(part))
    ):
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
    if i >= len(lines) or not _CONTENTS_HEAD.match(squash(lines[i])):
        return [], start
    entries: list[str] = []
    keys: list[str] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if is_blank(line):
            j += 1
            continue
        if SEPARATOR.match(line):
            j += 1
            break
        key = _entry_key(line)
        if entries and key and any(k == key or (len(key) >= 6 and k.startswith(key)) for k in keys):
            break
        s = squash(line)
        if len(s) > 60 or "。" in s:
            break
        entries.append(strip(re.sub(r"[.·…]{3,}\s*\d+\s*$", "", strip(line))))
        keys.append(key)
        j += 1
    return entries, j


def _entry_key(line: str) -> str:
    s = squash(line)
    s = re.sub(r"[.·…]{3,}\d*$", "", s)
    s = re.sub(r"^([一二三四五六七八九十]+、|\d+[.．、]|[★☆◆◇●○■□▲△]+)", "", s)
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
        if FOOTER_START.search(line):
            first = i
            continue
        if match_line(line) or len(squash(line)) > 120:
            break
        if SEPARATOR.match(line):  # a rule inside or just above the footer belongs to it
            if first is not None:
                first = i
            continue
        if _is_list_continuation(line):  # a wrapped distribution list
            continue
        break
    if first is None:
        return None
    while first - 1 >= start and (is_blank(lines[first - 1]) or SEPARATOR.match(lines[first - 1])):
        if SEPARATOR.match(lines[first - 1]):
            return first - 1
        first -= 1
    return first


def _is_list_continuation(line: str) -> bool:
    s = squash(line)
    return bool(s) and "。" not in s[:-1] and len(s) <= 80 and ("，" in s or "、" in s or s.endswith(("。", "，")))


def _issuer_name(text: str) -> str:
    """The issuing office: ``某某市人大常委会办公厅编`` -> ``某某市人大常委会办公厅``."""
    s = re.sub(r"^(主办|编印|编发|主编|承办)(单位)?[：:]\s*", "", strip(text))
    return strip(re.sub(r"(编印|编发|编辑|主办|印发|编)$", "", s)) or s
