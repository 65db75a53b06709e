"""KWIC concordance: every occurrence of a term with its left and right context (``bnlp kwic``).

One line per occurrence: the matches of the term (or regular expression) in the searched text
of each item (:func:`bulletin_nlp.corpus.item_text`), non-overlapping, left to right, as
:func:`re.finditer` finds them; empty matches of a pattern are skipped. So a term's line count
equals ``text.count(term)`` summed over the items. Context is ``width`` characters on each side
within the item, line breaks shown as spaces.

Sorting (the usual concordancer orders): ``source`` (document, item, position), ``left``
(by the left context read from the term outwards, i.e. the reversed left string), ``right``
(by the right context); ties keep document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import BnlpError, CorpusError
from ..models import Bulletin
from ..normalise import nfkc
from ..results import dataframe
from . import item_text

SORTS = ("source", "left", "right")


class PatternError(CorpusError):
    """An empty term or an invalid regular expression; the message names it."""


@dataclass(frozen=True)
class KwicLine:
    """One occurrence.

    Attributes:
        source: the document.
        item: the item's 1-based index.
        headline: the item's headline or opening words.
        offset: 0-based position of the match in the item's searched text.
        left, match, right: context before, the matched text, context after.
    """

    source: str
    item: int
    headline: str
    offset: int
    left: str
    match: str
    right: str

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "item": self.item,
            "headline": self.headline,
            "offset": self.offset,
            "left": self.left,
            "term": self.match,
            "right": self.right,
        }


@dataclass
class Concordance:
    """Result of :func:`kwic`: the query, options and lines."""

    query: str
    regex: bool
    width: int
    sort: str
    lines: list[KwicLine]
    t2s: bool = False
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.corpus:kwic_table",
        "markdown": "bulletin_nlp.render.corpus:kwic_markdown",
    }

    def records(self) -> Iterator[dict]:
        """Exactly one JSON Lines line per occurrence."""
        for x in self.lines:
            yield x.to_dict()

    def table(self) -> tuple[tuple[str, ...], list[tuple]]:
        """CSV columns ``source, item, headline, offset, left, term, right``, one row per occurrence."""
        return ("source", "item", "headline", "offset", "left", "term", "right"), [
            (x.source, x.item, x.headline, x.offset, x.left, x.match, x.right) for x in self.lines
        ]

    def to_dataframe(self):
        """:meth:`table` as a pandas DataFrame (needs the ``pandas`` extra)."""
        return dataframe(*self.table())

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "regex": self.regex,
            "width": self.width,
            "sort": self.sort,
            "t2s": self.t2s,
            "count": len(self.lines),
            "lines": [x.to_dict() for x in self.lines],
        }


def compile_query(query: str, regex: bool = False, t2s: bool = False) -> re.Pattern:
    """The pattern for ``query`` (NFKC-normalised, and in simplified characters with ``t2s``);
    a literal unless ``regex``.

    Raises:
        PatternError: empty query or invalid regular expression.
        VariantsUnavailable: ``t2s`` without the opencc package.
    """
    q = nfkc(query)
    if t2s:
        from .variants import to_simplified

        q = to_simplified(q)
    if not q.strip():
        raise PatternError("the term is empty")
    if not regex:
        return re.compile(re.escape(q))
    try:
        return re.compile(q)
    except re.error as e:
        raise PatternError(f"invalid regular expression {query!r}: {e}") from None


def _flat(s: str) -> str:
    return s.replace("\n", " ")


def kwic(
    bulletins: Sequence[Bulletin],
    tokenizer,
    query: str,
    width: int = 20,
    regex: bool = False,
    sort: str = "source",
    t2s: bool = False,
) -> Concordance:
    """All occurrences of ``query`` in the bulletins' items (see the module docstring).

    Args:
        bulletins: segmented bulletins.
        tokenizer: a :class:`~bulletin_nlp.tokenizer.Tokenizer` (for the searched text).
        query: a term, or a regular expression with ``regex``.
        width: context characters on each side (>= 0).
        sort: ``source``, ``left`` or ``right``.
        t2s: search (and show) the text with traditional characters converted to simplified.

    Raises:
        PatternError: empty query or invalid pattern.
        CorpusError (a ValueError): negative width or unknown sort.
    """
    if width < 0:
        raise CorpusError("width must be 0 or more")
    if sort not in SORTS:
        raise CorpusError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
    pattern = compile_query(query, regex, t2s)
    lines: list[KwicLine] = []
    for b in bulletins:
        for it in b.items:
            text = item_text(it, tokenizer, t2s)
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                lines.append(
                    KwicLine(
                        b.source,
                        it.index,
                        it.label,
                        m.start(),
                        _flat(text[max(0, m.start() - width) : m.start()]),
                        _flat(m.group(0)),
                        _flat(text[m.end() : m.end() + width]),
                    )
                )
    if sort == "left":
        lines.sort(key=lambda x: x.left[::-1])
    elif sort == "right":
        lines.sort(key=lambda x: x.right)
    return Concordance(query, regex, width, sort, lines, t2s)
