"""Terms most distinctive of each group against the rest (``bnlp compare``).

Groups
    ``region`` (the item's region), ``unit`` (its reporting unit), ``theme`` (its best theme,
    :func:`bulletin_nlp.corpus.themes.item_themes`), ``year`` (the document's year,
    :mod:`bulletin_nlp.corpus.dates`) or ``source`` (the document). Items without a value (no
    region, no unit, no theme, undated) belong to no group and are counted as ``ungrouped``.

Words
    Each item's headline and body cut into words (:meth:`bulletin_nlp.tokenizer.Tokenizer.cut`),
    kept when they could be keywords (:meth:`~bulletin_nlp.tokenizer.Tokenizer.is_candidate`:
    two or more characters, no stopwords or numbers) and their POS tag is one of
    :data:`bulletin_nlp.tokenizer.DEFAULT_POS`. Grouping by region or unit, words that are the
    group's own name or a piece of it are not reported for that group.

``logodds`` (default): weighted log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008, "Fightin' Words: Lexical Feature Selection and Evaluation
    for Identifying the Content of Political Conflict", Political Analysis 16(4), eqs. 16-22).
    With ``y_i`` the term's count in the group, ``n_i`` the group's words, ``y_j``/``n_j`` the
    same for the rest, and the prior ``a_w = a0 * y_w / n`` (``y_w``/``n``: all groups'
    counts, ``a0`` = ``prior`` pseudo-words)::

        delta = ln((y_i + a_w) / (n_i + a0 - y_i - a_w)) - ln((y_j + a_w) / (n_j + a0 - y_j - a_w))
        var   = 1 / (y_i + a_w) + 1 / (y_j + a_w)
        z     = delta / sqrt(var)

    Terms are ranked by ``z`` (the statistic shown); ``prior`` is a choice (default 1000).

``chi2``: Pearson's chi-squared of the 2x2 table (term or not, group or rest), for terms more
    frequent in the group than in the rest; ranked by chi².
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..errors import BnlpError, CorpusError
from ..models import Bulletin
from ..results import dataframe
from ..tokenizer import DEFAULT_POS
from .dates import doc_date

GROUPINGS = ("region", "year", "theme", "unit", "source")
METHODS = ("logodds", "chi2")
#: Default prior size ``a0`` of the informative Dirichlet prior, in pseudo-words.
DEFAULT_PRIOR = 1000.0


@dataclass(frozen=True)
class DistinctiveTerm:
    """A term of a group: the statistic (``z`` or chi²), log-odds ``delta`` (None for chi2),
    its count in the group and in the rest."""

    term: str
    score: float
    delta: float | None
    count: int
    rest: int

    def to_dict(self) -> dict:
        return {
            "term": self.term,
            "score": round(self.score, 4),
            "delta": None if self.delta is None else round(self.delta, 4),
            "count": self.count,
            "rest": self.rest,
        }


@dataclass
class Group:
    """One group: name, items and words in it, and its most distinctive terms."""

    name: str
    items: int
    words: int
    terms: list[DistinctiveTerm] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "group": self.name,
            "items": self.items,
            "words": self.words,
            "terms": [t.to_dict() for t in self.terms],
        }


@dataclass
class Comparison:
    """Result of :func:`compare`: grouping, method and its statistic, prior, groups in name order."""

    by: str
    method: str
    prior: float | None
    groups: list[Group]
    ungrouped: int = 0
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.corpus:compare_table",
        "markdown": "bulletin_nlp.render.corpus:compare_markdown",
    }

    def records(self) -> Iterator[dict]:
        """One group a JSON Lines line, with the grouping and method."""
        for g in self.groups:
            yield {"by": self.by, "method": self.method, **g.to_dict()}

    def table(self) -> tuple[tuple[str, ...], list[tuple]]:
        """CSV columns ``group, rank, term, score, delta, count, rest``, one row per group and term."""
        rows = [
            (g.name, r, t.term, t.score, t.delta, t.count, t.rest)
            for g in self.groups
            for r, t in enumerate(g.terms, 1)
        ]
        return ("group", "rank", "term", "score", "delta", "count", "rest"), rows

    def to_dataframe(self):
        """:meth:`table` as a pandas DataFrame (needs the ``pandas`` extra)."""
        return dataframe(*self.table())

    @property
    def statistic(self) -> str:
        """What ``score`` is, in words."""
        return "z of the weighted log-odds ratio" if self.method == "logodds" else "Pearson chi-squared (1 d.f.)"

    @property
    def citation(self) -> str:
        """The source of the method."""
        if self.method == "logodds":
            return "Monroe, Colaresi & Quinn (2008), Political Analysis 16(4): informative Dirichlet prior"
        return "Pearson (1900) chi-squared test of the 2x2 contingency table"

    def to_dict(self) -> dict:
        return {
            "by": self.by,
            "method": self.method,
            "statistic": self.statistic,
            "citation": self.citation,
            "prior": self.prior,
            "ungrouped_items": self.ungrouped,
            "groups": [g.to_dict() for g in self.groups],
        }


def item_groups(
    bulletins: Sequence[Bulletin], by: str, themes: Callable[[list], list[list[str]]] | None = None
) -> list[tuple[str | None, object]]:
    """``(group or None, item)`` for every item of every bulletin.

    Raises:
        CorpusError (a ValueError): unknown ``by``, or ``by="theme"`` without ``themes``.
    """
    if by not in GROUPINGS:
        raise CorpusError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")
    out: list[tuple[str | None, object]] = []
    if by == "theme":
        if themes is None:
            raise CorpusError("grouping by theme needs a theme function")
        items = [it for b in bulletins for it in b.items]
        labels = themes(items)
        return [(lab[0] if lab else None, it) for lab, it in zip(labels, items, strict=True)]
    for b in bulletins:
        date = doc_date(b).date
        year = date[:4] if by == "year" and date else None
        for it in b.items:
            g = {"region": it.region, "unit": it.unit, "source": b.source, "year": year}[by]
            out.append((g, it))
    return out


def item_words(item, tokenizer) -> list[str]:
    """The words of an item counted by :func:`compare` (see the module docstring)."""
    allowed = set(DEFAULT_POS)
    return [w for w in tokenizer.cut(item.text) if tokenizer.is_candidate(w) and tokenizer.tag(w) in allowed]


def compare(
    bulletins: Sequence[Bulletin],
    tokenizer,
    by: str = "region",
    method: str = "logodds",
    top: int = 10,
    prior: float = DEFAULT_PRIOR,
    themes: Callable[[list], list[list[str]]] | None = None,
    min_count: int = 2,
    t2s: bool = False,
) -> Comparison:
    """The ``top`` most distinctive terms of each group against all other groups.

    Args:
        bulletins: segmented bulletins.
        tokenizer: a :class:`~bulletin_nlp.tokenizer.Tokenizer`.
        by: one of :data:`GROUPINGS`.
        method: ``logodds`` or ``chi2``.
        top: terms per group.
        prior: ``a0``, the informative prior's size in pseudo-words (> 0).
        themes: theme function for ``by="theme"``.
        min_count: least count of a term in the group to be reported.
        t2s: convert traditional characters to simplified first.

    Raises:
        CorpusError (a ValueError): unknown grouping or method, prior <= 0, or fewer than two groups.
        VariantsUnavailable: ``t2s`` without the opencc package.
    """
    if t2s:
        from . import simplified_items

        bulletins = simplified_items(bulletins)
    if method not in METHODS:
        raise CorpusError(f"unknown method {method!r}; use logodds or chi2")
    if prior <= 0:
        raise CorpusError("the prior must be greater than 0")
    counts: dict[str, Counter] = defaultdict(Counter)
    n_items: Counter = Counter()
    ungrouped = 0
    for g, it in item_groups(bulletins, by, themes):
        if g is None:
            ungrouped += 1
            continue
        n_items[g] += 1
        counts[g].update(item_words(it, tokenizer))
    if len(counts) < 2:
        raise CorpusError(f"comparing by {by} needs at least two groups; found {len(counts)}")
    total: Counter = Counter()
    for c in counts.values():
        total.update(c)
    n = sum(total.values())
    groups = []
    for name in sorted(counts):
        c = counts[name]
        n_i = sum(c.values())
        n_j = n - n_i
        scored = []
        for w, y_i in c.items():
            if y_i < min_count or (by in ("region", "unit") and _part_of_name(w, name)):
                continue
            y_j = total[w] - y_i
            if method == "logodds":
                a_w = prior * total[w] / n
                delta = math.log((y_i + a_w) / (n_i + prior - y_i - a_w)) - math.log(
                    (y_j + a_w) / (n_j + prior - y_j - a_w)
                )
                z = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_j + a_w))
                if z > 0:
                    scored.append(DistinctiveTerm(w, z, delta, y_i, y_j))
            else:
                chi = _chi2(y_i, n_i - y_i, y_j, n_j - y_j)
                if y_i * n_j > y_j * n_i:
                    scored.append(DistinctiveTerm(w, chi, None, y_i, y_j))
        scored.sort(key=lambda t: (-round(t.score, 8), t.term))
        groups.append(Group(name, n_items[name], n_i, scored[:top]))
    return Comparison(by, method, prior if method == "logodds" else None, groups, ungrouped)


def _part_of_name(word: str, group: str) -> bool:
    """True when ``word`` is the group's own name or a piece of it (东林区 -> 东林, 林区): a
    region or unit naming itself is not a distinctive term of its reports."""
    return word in group or group in word


def _chi2(a: int, b: int, c: int, d: int) -> float:
    """Pearson's chi² of the 2x2 table [[a, b], [c, d]] (0 when a margin is empty)."""
    n = a + b + c + d
    den = (a + b) * (c + d) * (a + c) * (b + d)
    return n * (a * d - b * c) ** 2 / den if den else 0.0
