"""Item segmentation: break a bulletin's text into its items.

The rules, in order (each is a general property of the genre, not of one file):

1. Lines too long to be one paragraph that hold bylines after finished sentences (a bulletin
   pasted from a web page as one line) are cut after each byline.
2. Masthead at the top, a contents list after it, the distribution footer at the bottom
   (:mod:`bulletin_nlp.masthead`).
3. Bylines close items: a line that is a byline, or a byline after the last sentence of a line
   (:mod:`bulletin_nlp.bylines`). Section headings such as ``简 讯`` separate items too.
4. Between two bylines, an item starts with a headline: a short line that does not end a
   sentence, possibly wrapped over two lines. Where a bulletin has no bylines, headlines
   (numbered ``一、`` ``1.`` ``【…】``, a ``某某区：`` prefix, or a short line between finished
   sentences and a paragraph) are what split it.
5. An item without a headline is a brief (简讯).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from . import bylines as bl
from .masthead import SEPARATOR, find_contents, find_footer, find_masthead
from .models import Bulletin, Item
from .normalise import ends_sentence, is_blank, split_lines, squash, strip
from .regions import find_region, region_from_unit

#: Longest headline line, in characters without spaces.
MAX_HEADLINE = 50
#: Longest second line of a wrapped headline.
MAX_HEADLINE_WRAP = 32
#: A line longer than this may hold a whole pasted bulletin; it is cut after its bylines.
RUNON_MIN = 120

NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[.．、](?![0-9０-９])|【[^】]{2,60}】)")
_REGION_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:市|区|县|镇|乡|街道|新区)[：:]")
_ENUM_PARAGRAPH = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|此外|同时|另外)")
_TITLE_MARKS = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[0-9０-９]{1,2}[.．、]|[★☆◆◇●■▲△◎※]+)\s*")
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


@dataclass
class _Row:
    n: int  # 1-based source line
    text: str
    blank_before: bool = False
    runon: bool = False


def _is_section_heading(text: str) -> bool:
    s = squash(text).strip("【】[]◆◇●■★☆—-=*·")
    if s in _SECTION_WORDS:
        return True
    toks = strip(text).split()
    return 2 <= len(toks) <= 6 and all(len(t) == 1 for t in toks) and s.isalpha()


def _headline_like(text: str) -> bool:
    s = squash(text)
    if not (2 <= len(s) <= MAX_HEADLINE) or "。" in s:
        return False
    if ends_sentence(text):
        # A headline may be a question or an exclamation: one such mark, at the very end.
        core = s.rstrip("”’」』）)】》\"'")
        if not (core[-1] in "？?！!" and len(s) <= 40 and not re.search("[。！？!?；;]", core[:-1])):
            return False
    if s.endswith(("：", ":", "，", ",", "、")) or _ENUM_PARAGRAPH.match(s):
        return False
    return bl.match_line(text) is None


def _strong_headline(text: str) -> bool:
    s = squash(text)
    return _headline_like(text) and bool(NUMBERED.match(s) or _REGION_PREFIX.match(s))


def _clean_title(text: str) -> str:
    s = strip(text)
    m = re.fullmatch(r"【(.+)】", s)
    if m:
        s = m.group(1)
    return strip(_TITLE_MARKS.sub("", s))


def _join_title(parts: list[str]) -> str:
    out = ""
    for p in parts:
        p = strip(p)
        if out and out[-1].isascii() and out[-1].isalnum() and p[:1].isascii() and p[:1].isalnum():
            out += " "
        out += p
    return _clean_title(out)


_RUNON_LEAD = re.compile(
    r"[0-9０-９]{1,2}月[0-9０-９]{1,2}日|近日|日前|近期|今年以来|近年来|为(?:了|全面|进一步|深入|切实)"
)


def _split_runon_headline(text: str) -> tuple[str, str] | None:
    """Split ``headline + body`` run together in one pasted line, or return None."""
    s = strip(text)
    stop = min([p for p in (s.find("。"), s.find("，"), s.find(","), 70) if p >= 0])
    gap = re.search(r"[ \u00a0]{2,}|\u3000+", s[: stop + 1])
    if gap and gap.start() >= 4:
        return s[: gap.start()], s[gap.end() :]
    m = _REGION_PREFIX.match(s)
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
    def __init__(self, rows: list[_Row], has_bylines: bool):
        self.rows = rows
        self.has_bylines = has_bylines
        self.items: list[Item] = []

    def _item_starts(self, rows: list[_Row]) -> list[int]:
        # Without bylines, the numbering scheme of the first numbered line is the item level
        # (一、 items may hold 1. points, and 1. items may hold （一） points).
        top = next((_scheme(r.text) for r in rows if NUMBERED.match(squash(r.text))), None)
        starts = [0]
        for i in range(1, len(rows)):
            text, prev = rows[i].text, rows[i - 1].text
            nxt = rows[i + 1].text if i + 1 < len(rows) else None
            if self.has_bylines:
                ok = _strong_headline(text) and not NUMBERED.match(squash(text)) and ends_sentence(prev)
                ok = ok or (squash(text).startswith("【") and _headline_like(text) and ends_sentence(prev))
            elif NUMBERED.match(squash(text)) and _headline_like(text):
                ok = _scheme(text) == top and (ends_sentence(prev) or NUMBERED.match(squash(prev)) is not None)
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
        while rows and (_is_section_heading(rows[0].text) or squash(rows[0].text) in _END_MARKS):
            rows = rows[1:]
        if not rows:
            return
        starts = self._item_starts(rows) + [len(rows)]
        for k in range(len(starts) - 1):
            part = rows[starts[k] : starts[k + 1]]
            last = k == len(starts) - 2
            self._add_item(part, byline if last else None, byline_line if last else None)

    def _add_item(self, rows: list[_Row], byline: bl.Byline | None, byline_line: int | None) -> None:
        title_rows: list[_Row] = []
        body_rows = list(rows)
        first = rows[0]
        numbered = bool(NUMBERED.match(squash(first.text)))
        if first.runon and len(rows) == 1:
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
                and not NUMBERED.match(squash(body_rows[0].text))
                and not _REGION_PREFIX.match(squash(body_rows[0].text))
            ):
                title_rows.append(body_rows.pop(0))
        title = _join_title([r.text for r in title_rows]) if title_rows else None
        body = "\n".join(strip(r.text) for r in body_rows if not is_blank(r.text))
        if not title and not body:
            return
        unit = byline.unit if byline else None
        authors = list(byline.authors) if byline else []
        first_line = rows[0].n
        last_line = max(byline_line or 0, rows[-1].n)
        self.items.append(
            Item(
                index=len(self.items) + 1,
                title=title or None,
                body=body,
                kind="article" if title else "brief",
                unit=unit,
                authors=authors,
                region=find_region(title, unit, body),
                lines=(first_line, last_line),
            )
        )


def _rows_of(lines: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    for n, line in enumerate(lines, 1):
        pieces = bl.split_runon(line) if len(squash(line)) >= RUNON_MIN else [line]
        for piece in pieces:
            rows.append(_Row(n, piece, runon=len(pieces) > 1))
    return rows


def segment_text(text: str, source: str = "<text>", encoding: str = "utf-8") -> Bulletin:
    """Break a bulletin's text into masthead, items and footer.

    Args:
        text: the decoded text (LF line endings; see :func:`bulletin_nlp.reading.read_document`).
        source: the path to report in output.
        encoding: the detected encoding to report in output.

    Returns:
        a :class:`~bulletin_nlp.models.Bulletin`; ``items`` may be empty for a text without
        recognisable content.
    """
    rows = _rows_of(split_lines(text))
    texts = [r.text for r in rows]
    masthead, pos = find_masthead(texts)
    contents, pos = find_contents(texts, pos)
    footer_at = find_footer(texts, pos)
    end = footer_at if footer_at is not None else len(rows)
    footer = None
    if footer_at is not None:
        footer = "\n".join(strip(t) for t in texts[footer_at:] if not is_blank(t) and not SEPARATOR.match(t)) or None

    # Tokens: text rows (with a blank-line flag), bylines and section breaks.
    body: list[tuple[str, object]] = []
    blank = True
    for row in rows[pos:end]:
        if is_blank(row.text) or SEPARATOR.match(row.text):
            blank = True
            continue
        b = bl.match_line(row.text)
        if b:
            body.append(("byline", (row.n, b)))
        else:
            tail = bl.match_tail(row.text)
            if tail:
                body.append(("text", _Row(row.n, tail[0], blank, row.runon)))
                body.append(("byline", (row.n, tail[1])))
            elif _is_section_heading(row.text):
                body.append(("section", row.n))
            else:
                body.append(("text", _Row(row.n, row.text, blank, row.runon)))
        blank = False

    n_bylines = sum(1 for kind, _ in body if kind == "byline")
    builder = _Builder(rows, has_bylines=n_bylines >= 2)
    chunk: list[_Row] = []
    for kind, value in body:
        if kind == "text":
            chunk.append(value)  # type: ignore[arg-type]
        elif kind == "byline":
            n, b = cast("tuple[int, bl.Byline]", value)
            builder.add_chunk(chunk, b, n)
            chunk = []
        else:
            builder.add_chunk(chunk, None, None)
            chunk = []
    builder.add_chunk(chunk, None, None)
    if masthead and masthead.issuer:
        # Items about the issuing body's own city carry no region (市人大常委会… written out).
        home = region_from_unit(masthead.issuer)
        for it in builder.items:
            if home and it.region == home:
                it.region = None
    return Bulletin(
        source=source,
        encoding=encoding,
        items=builder.items,
        masthead=masthead,
        contents=contents,
        footer=footer,
    )


def segment_document(doc) -> Bulletin:
    """Segment a :class:`~bulletin_nlp.reading.Document` (its text, source and encoding).

    The document's page header and footer lines (Word, PDF) are masthead and footer candidates;
    see :func:`bulletin_nlp.readers.apply_page_parts`.
    """
    from .readers import apply_page_parts

    return apply_page_parts(segment_text(doc.text, source=doc.source, encoding=doc.encoding), doc)
