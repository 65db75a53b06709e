"""Counts of terms or themes per period (``bnlp trends``).

What is counted
    * terms (``--terms``): every occurrence of the term in the searched text of the items
      (:func:`bulletin_nlp.corpus.item_text`), non-overlapping, left to right, as
      :meth:`str.count` counts; the term is NFKC-normalised first. An exact string, so a
      user-dictionary word counts whether or not jieba cuts the text there.
    * themes (``--themes``): items assigned the theme (every theme the classifier reports for
      the item, not only the best one).
    * the top keywords (neither given): the ``top`` terms of the whole input by summed
      per-item TF-IDF weight (:class:`bulletin_nlp.keywords.Extractor`), then counted as terms.

``per_10k`` is ``count * 10000 / characters``, where characters are the non-whitespace
characters of the period's searched text (:func:`bulletin_nlp.corpus.char_count`), so periods
with longer or more documents compare fairly. Rounded to 4 decimals.

Periods come from :mod:`bulletin_nlp.corpus.dates`; documents without a usable date are counted
apart (``undated``) and named.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import BnlpError, CorpusError
from ..models import Bulletin
from ..normalise import nfkc
from ..results import dataframe
from . import char_count, item_text, simplified_items, top_keywords
from .dates import PERIODS, DocDate, doc_date, issue_label, period_of


@dataclass(frozen=True)
class TrendRow:
    """One cell: ``count`` of ``term`` in ``period`` and the count per 10,000 characters."""

    period: str
    term: str
    count: int
    per_10k: float

    def to_dict(self) -> dict:
        return {"period": self.period, "term": self.term, "count": self.count, "per_10k": self.per_10k}


@dataclass(frozen=True)
class Period:
    """A period: label, the sources in it, and its characters (non-whitespace)."""

    label: str
    sources: tuple[str, ...]
    chars: int

    def to_dict(self) -> dict:
        return {
            "period": self.label,
            "documents": len(self.sources),
            "chars": self.chars,
            "sources": list(self.sources),
        }


@dataclass
class Trends:
    """Result of :func:`trends`.

    Attributes:
        by: ``year``, ``quarter``, ``month`` or ``issue``.
        measure: ``terms``, ``themes`` or ``keywords`` (what ``term`` names).
        terms: the terms (or theme labels) in the order asked for, or ranked for keywords.
        periods: periods in time order.
        rows: one per period and term (zeros included), periods in order, then terms in order.
        undated: the documents without a usable date, and their rows (``period`` ``"undated"``).
        dates: every document's date and where it came from.
        t2s: whether traditional characters were converted to simplified first.
    """

    by: str
    measure: str
    terms: list[str]
    periods: list[Period]
    rows: list[TrendRow]
    undated: Period | None = None
    undated_rows: list[TrendRow] = field(default_factory=list)
    dates: list[DocDate] = field(default_factory=list)
    t2s: bool = False
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.corpus:trends_table",
        "markdown": "bulletin_nlp.render.corpus:trends_markdown",
    }

    def records(self) -> Iterator[dict]:
        """One ``{period, term, count, per_10k}`` a JSON Lines line, undated rows last (period ``undated``)."""
        for r in [*self.rows, *self.undated_rows]:
            yield r.to_dict()

    def table(self) -> tuple[tuple[str, ...], list[tuple]]:
        """CSV columns ``period, term, count, per_10k``, rows as :meth:`records`."""
        return ("period", "term", "count", "per_10k"), [
            (r.period, r.term, r.count, r.per_10k) for r in [*self.rows, *self.undated_rows]
        ]

    def to_dataframe(self):
        """:meth:`table` as a pandas DataFrame (needs the ``pandas`` extra)."""
        return dataframe(*self.table())

    def series(self, term: str) -> list[TrendRow]:
        """The rows of one term, periods in order."""
        return [r for r in self.rows if r.term == term]

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "measure": self.measure,
            "t2s": self.t2s,
            "per_10k": "count per 10,000 non-whitespace characters of the period's items",
            "terms": list(self.terms),
            "periods": [p.to_dict() for p in self.periods],
            "rows": [r.to_dict() for r in self.rows],
            "undated": None
            if self.undated is None
            else {**self.undated.to_dict(), "rows": [r.to_dict() for r in self.undated_rows]},
            "dates": [d.to_dict() for d in self.dates],
        }


def _per_10k(count: int, chars: int) -> float:
    return round(count * 10000 / chars, 4) if chars else 0.0


def assign_periods(bulletins: Sequence[Bulletin], by: str) -> tuple[list[tuple[str | None, Bulletin]], list[DocDate]]:
    """``(period label or None, bulletin)`` per bulletin, and every document's date.

    With ``by="issue"`` every bulletin is its own period (dated ones first, in date order),
    labelled by date and issue number (or file name); a repeated label gets the source added.

    Raises:
        CorpusError (a ValueError): ``by`` is not one of :data:`~bulletin_nlp.corpus.dates.PERIODS`.
    """
    if by not in PERIODS:
        raise CorpusError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    dates = [doc_date(b) for b in bulletins]
    if by == "issue":
        order = sorted(
            range(len(bulletins)), key=lambda i: (dates[i].date is None, dates[i].date or "", bulletins[i].source)
        )
        placed: list[tuple[str | None, Bulletin]] = []
        used: set[str] = set()
        for i in order:
            label = issue_label(bulletins[i], dates[i])
            if label in used:  # two bulletins with the same date and issue number stay apart
                label = f"{label} ({bulletins[i].source})"
            used.add(label)
            placed.append((label, bulletins[i]))
        return placed, dates
    return [(period_of(d.date, by), b) for d, b in zip(dates, bulletins, strict=True)], dates


def trends(
    bulletins: Sequence[Bulletin],
    tokenizer,
    by: str = "year",
    terms: Sequence[str] | None = None,
    themes: Callable[[list], list[list[str]]] | None = None,
    top: int = 10,
    t2s: bool = False,
) -> Trends:
    """Counts per period of ``terms``, of themes, or of the top keywords (see the module docstring).

    Args:
        bulletins: segmented bulletins.
        tokenizer: a :class:`~bulletin_nlp.tokenizer.Tokenizer`.
        by: ``year``, ``quarter``, ``month`` or ``issue``.
        terms: exact terms to count; None for themes or keywords.
        themes: a function from a list of items to each item's theme labels (see
            :func:`bulletin_nlp.corpus.themes.item_themes`); used when ``terms`` is None.
        top: how many top keywords when neither ``terms`` nor ``themes`` is given.
        t2s: convert traditional characters to simplified first, in the texts and the terms.

    Raises:
        CorpusError (a ValueError): unknown ``by``, or an empty term.
        VariantsUnavailable: ``t2s`` without the opencc package.
    """
    if t2s:
        bulletins = simplified_items(bulletins)
    placed, dates = assign_periods(bulletins, by)
    texts = {id(b): [item_text(it, tokenizer) for it in b.items] for _, b in placed}
    if terms is not None:
        measure = "terms"
        wanted = list(dict.fromkeys(nfkc(t).strip() for t in terms))
        if t2s:
            from .variants import to_simplified

            wanted = list(dict.fromkeys(to_simplified(t) for t in wanted))
        if not wanted or any(not t for t in wanted):
            raise CorpusError("--terms needs one or more non-empty terms, separated by commas")
    elif themes is not None:
        measure = "themes"
        wanted = []
    else:
        measure = "keywords"
        wanted = top_keywords([b for _, b in placed], tokenizer, top)

    # counts[(label, term)] and characters per label; None is the undated group
    counts: dict[tuple[str | None, str], int] = defaultdict(int)
    chars: dict[str | None, int] = defaultdict(int)
    sources: dict[str | None, list[str]] = defaultdict(list)
    order: list[str] = []
    labels_seen: list[str] = []
    if measure == "themes":
        items = [it for _, b in placed for it in b.items]
        labels = themes(items)  # type: ignore[misc]
        k = 0
        per_bulletin = {}
        for _, b in placed:
            per_bulletin[id(b)] = labels[k : k + len(b.items)]
            k += len(b.items)
        for per in labels:
            for lab in per:
                if lab not in labels_seen:
                    labels_seen.append(lab)
    for label, b in placed:
        if label is not None and label not in order:
            order.append(label)
        sources[label].append(b.source)
        for i, text in enumerate(texts[id(b)]):
            chars[label] += char_count(text)
            if measure == "themes":
                for lab in per_bulletin[id(b)][i]:
                    counts[(label, lab)] += 1
            else:
                for t in wanted:
                    counts[(label, t)] += text.count(t)
    if measure == "themes":
        totals: dict[str, int] = defaultdict(int)
        for (_, lab), c in counts.items():
            totals[lab] += c
        wanted = sorted(labels_seen, key=lambda lab: (-totals[lab], lab))
    if by != "issue":
        order.sort()
    periods = [Period(p, tuple(sources[p]), chars[p]) for p in order]
    rows = [
        TrendRow(p.label, t, counts[(p.label, t)], _per_10k(counts[(p.label, t)], p.chars))
        for p in periods
        for t in wanted
    ]
    undated = None
    undated_rows: list[TrendRow] = []
    if None in sources:
        undated = Period("undated", tuple(sources[None]), chars[None])
        undated_rows = [
            TrendRow("undated", t, counts[(None, t)], _per_10k(counts[(None, t)], chars[None])) for t in wanted
        ]
    return Trends(by, measure, wanted, periods, rows, undated, undated_rows, dates, t2s)
