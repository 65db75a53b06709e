"""An overview report of one or more bulletins: items with themes and keywords, counts, trends.

:func:`build_report` combines what segmentation, keyword extraction and theme classification
already produce; it computes nothing new. Renderers live in :mod:`bulletin_nlp.render.report`.

Counting rules
    * An item counts for one theme only, its first (best) one; items without a theme are not
      counted (``unthemed`` says how many).
    * An item counts for its region; items about the issuing body itself (no region) are not
      counted.
    * Counts are ordered by count, largest first, then by label.
    * Bulletins are ordered by masthead date (bulletins without a date last), then by source;
      ``trends`` gives, per theme, its count in each dated bulletin in that order (``issues`` in
      JSON names the bulletins of the columns); undated bulletins (no masthead date, no date in
      the file name) are listed apart in ``undated``, never mixed into the oldest → newest order
      (when no bulletin is dated, the columns are all bulletins in source order).
    * Overall keywords rank terms by the sum of their weights in the bulletins' keyword lists.

JSON shape: ``{"meta", "bulletin_count", "item_count", "documents": [one object per bulletin],
"theme_counts", "region_counts", "keywords", "issues", "trends", "undated"}`` (``schemas/report.schema.json``);
a report of several bulletins adds ``"distinctive"``: per region (name order) its
:data:`DISTINCTIVE_TERMS` most distinctive terms against the other regions (weighted log-odds,
:func:`bulletin_nlp.corpus.compare.compare`), empty when fewer than two regions have items.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .filters import bulletin_date
from .results import dataframe
from .results.keywords import BulletinKeywords
from .results.themes import BulletinThemes

#: Themes shown per item.
ITEM_THEMES = 3
#: Keywords shown per item.
ITEM_KEYWORDS = 3
#: Distinctive terms shown per region in a report of several bulletins.
DISTINCTIVE_TERMS = 5
#: The commands giving the full corpus views a report of several bulletins summarises.
TRENDS_COMMAND = "bnlp trends DIR --by-theme --by issue --html trends.html"
COMPARE_COMMAND = "bnlp compare DIR --by region"


@dataclass
class ItemRow:
    """One item of the report: headline (or opening words), unit, region, themes, keywords."""

    index: int
    label: str
    title: str | None
    unit: str | None
    region: str | None
    themes: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "label": self.label,
            "title": self.title,
            "unit": self.unit,
            "region": self.region,
            "themes": list(self.themes),
            "keywords": list(self.keywords),
        }


@dataclass
class BulletinReport:
    """One bulletin: masthead, items and its theme, region and keyword summaries."""

    source: str
    name: str | None
    issue: str | None
    issuer: str | None
    date: str | None
    item_count: int
    items: list[ItemRow] = field(default_factory=list)
    theme_counts: dict[str, int] = field(default_factory=dict)
    region_counts: dict[str, int] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    unthemed: int = 0

    @property
    def title(self) -> str:
        """The bulletin's name and issue, or its source when the masthead has neither."""
        return " ".join(x for x in (self.name, self.issue) if x) or self.source

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "masthead": {"name": self.name, "issue": self.issue, "issuer": self.issuer, "date": self.date},
            "item_count": self.item_count,
            "items": [it.to_dict() for it in self.items],
            "theme_counts": dict(self.theme_counts),
            "unthemed": self.unthemed,
            "region_counts": dict(self.region_counts),
            "keywords": list(self.keywords),
        }


@dataclass
class CollectionReport:
    """All bulletins (ordered by date), overall counts and per-theme trends across issues."""

    bulletins: list[BulletinReport] = field(default_factory=list)
    theme_counts: dict[str, int] = field(default_factory=dict)
    region_counts: dict[str, int] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)
    trends: dict[str, list[int]] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Views show only the collection summary, no section per bulletin (``--summary``).
    summary_only: bool = False
    #: Region -> its most distinctive terms (``{"term", "score", "count", "rest"}``, ``score`` the
    #: z of the weighted log-odds ratio); None for a single bulletin (no such section).
    distinctive: dict[str, list[dict]] | None = None

    #: Terminal view (``bnlp report`` also writes HTML with :func:`bulletin_nlp.render.report.report_html`).
    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.report:report_table",
        "markdown": "bulletin_nlp.render.report_md:report_markdown",
    }
    formats: ClassVar[tuple[str, ...]] = ("table", "json", "jsonl", "csv", "markdown", "xlsx")

    @property
    def documents(self) -> list[BulletinReport]:
        """The bulletins' reports (same list as ``bulletins``)."""
        return self.bulletins

    @property
    def item_count(self) -> int:
        return sum(b.item_count for b in self.bulletins)

    @property
    def issues(self) -> list[BulletinReport]:
        """The bulletins of the ``trends`` columns: the dated ones, oldest first (all bulletins,
        in source order, when none is dated)."""
        return [b for b in self.bulletins if b.date] or list(self.bulletins)

    @property
    def undated(self) -> list[BulletinReport]:
        """Bulletins without a date (masthead or file name), kept out of the trends when others
        are dated."""
        dated = any(b.date for b in self.bulletins)
        return [b for b in self.bulletins if not b.date] if dated else []

    def records(self) -> Iterator[dict[str, Any]]:
        """One dictionary per bulletin."""
        for b in self.bulletins:
            yield b.to_dict()

    def table(self) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
        """One row per item: source, date, index, label, unit, region, themes and keywords (joined by ``;``)."""
        header = ("source", "date", "index", "label", "unit", "region", "themes", "keywords")
        rows = [
            (b.source, b.date, it.index, it.label, it.unit, it.region, ";".join(it.themes), ";".join(it.keywords))
            for b in self.bulletins
            for it in b.items
        ]
        return header, rows

    def sheets(self) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
        """XLSX sheets: ``items`` (:meth:`table`), ``themes`` (count and count per issue, oldest
        first), ``regions`` and ``documents`` (one summary row per bulletin); with several bulletins
        also ``distinctive`` (one row per region and term, when two or more regions have items)."""
        issues = tuple(b.date or b.source for b in self.issues)
        themes = [(label, sum(c), *c) for label, c in self.trends.items()]
        docs = [
            (b.source, b.date, b.name, b.issue, b.issuer, b.item_count, b.unthemed, ";".join(b.keywords))
            for b in self.bulletins
        ]
        out = {
            "items": self.table(),
            "themes": (("theme", "items", *issues), themes),
            "regions": (("region", "items"), list(self.region_counts.items())),
            "documents": (
                ("source", "date", "name", "issue", "issuer", "items", "unthemed", "keywords"),
                docs,
            ),
        }
        if self.distinctive:
            rows = [
                (region, rank, t["term"], t["score"], t["count"], t["rest"])
                for region, terms in self.distinctive.items()
                for rank, t in enumerate(terms, 1)
            ]
            out["distinctive"] = (("region", "rank", "term", "score", "count", "rest"), rows)
        return out

    def to_dataframe(self) -> Any:
        """:meth:`table` as a pandas DataFrame (needs the ``pandas`` extra)."""
        return dataframe(*self.table())

    def to_dict(self) -> dict:
        out = {
            "meta": self.meta,
            "bulletin_count": len(self.bulletins),
            "item_count": self.item_count,
            "documents": [b.to_dict() for b in self.bulletins],
            "theme_counts": dict(self.theme_counts),
            "region_counts": dict(self.region_counts),
            "keywords": list(self.keywords),
            "issues": [{"source": b.source, "date": b.date, "issue": b.issue} for b in self.issues],
            "trends": {k: list(v) for k, v in self.trends.items()},
            "undated": [b.source for b in self.undated],
        }
        if self.distinctive is not None:
            out["distinctive"] = {g: [dict(t) for t in terms] for g, terms in self.distinctive.items()}
        return out


def ordered_counts(counter: Counter) -> dict[str, int]:
    """Counts largest first, ties by label."""
    return {k: v for k, v in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))}


def _date_key(b: BulletinReport):
    return (b.date is None, b.date or "", b.source)


def build_report(
    keywords: Sequence[BulletinKeywords],
    themes: Sequence[BulletinThemes],
    top: int = 10,
    meta: dict | None = None,
) -> CollectionReport:
    """The report of the bulletins of ``keywords`` and ``themes``.

    Args:
        keywords: per bulletin keywords with per-item keywords (``api.extract_keywords(..., per_item=True)``).
        themes: per bulletin themes (``api.classify``), the same bulletins in the same order.
        top: keywords per bulletin and overall.
        meta: copied into the report (keyword method, classifier...).

    Raises:
        ValueError: the two sequences do not line up.
    """
    if len(keywords) != len(themes):
        raise ValueError("keywords and themes differ in length")
    reports = []
    weights: defaultdict[str, float] = defaultdict(float)
    for kd, td in zip(keywords, themes, strict=True):
        b = kd.bulletin
        if td.bulletin is not b and td.source != b.source:
            raise ValueError(f"themes of {td.source} given for {b.source}")
        item_kw = {ik.item.index: ik.keywords for ik in kd.items or []}
        rows: list[ItemRow] = []
        counts: Counter[str] = Counter()
        regions: Counter[str] = Counter()
        unthemed = 0
        for it, it_themes in zip(b.items, td.items, strict=False):
            labels = [s.label for s in it_themes.themes[:ITEM_THEMES]]
            rows.append(
                ItemRow(
                    it.index,
                    it.label,
                    it.title,
                    it.unit,
                    it.region,
                    labels,
                    [k.term for k in item_kw.get(it.index, [])[:ITEM_KEYWORDS]],
                )
            )
            if labels:
                counts[labels[0]] += 1
            else:
                unthemed += 1
            if it.region:
                regions[it.region] += 1
        for k in kd.keywords:
            weights[k.term] += k.weight
        m = b.masthead
        reports.append(
            BulletinReport(
                b.source,
                m.name if m else None,
                m.issue if m else None,
                m.issuer if m else None,
                bulletin_date(b),  # masthead date, else the file name's
                len(b.items),
                rows,
                ordered_counts(counts),
                ordered_counts(regions),
                [k.term for k in kd.keywords[:top]],
                unthemed,
            )
        )
    reports.sort(key=_date_key)
    theme_total: Counter = Counter()
    region_total: Counter = Counter()
    for r in reports:
        theme_total.update(r.theme_counts)
        region_total.update(r.region_counts)
    theme_counts = ordered_counts(theme_total)
    # trends run over the dated bulletins, oldest first; undated ones are listed apart (``undated``)
    columns = [r for r in reports if r.date] or reports
    trends = {label: [r.theme_counts.get(label, 0) for r in columns] for label in theme_counts}
    top_terms = [t for t, _ in sorted(weights.items(), key=lambda kv: (-round(kv[1], 8), kv[0]))[:top]]
    return CollectionReport(reports, theme_counts, ordered_counts(region_total), top_terms, trends, dict(meta or {}))


def distinctive_by_region(bulletins: Sequence, tokenizer, top: int = DISTINCTIVE_TERMS) -> dict[str, list[dict]]:
    """Per region (name order) its ``top`` most distinctive terms against the other regions.

    :func:`bulletin_nlp.corpus.compare.compare` with ``by="region"`` and the weighted log-odds
    ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008; default prior);
    items without a region are left out. Returns ``{}`` when fewer than two regions have items.

    Args:
        bulletins: segmented :class:`~bulletin_nlp.models.Bulletin` objects (the report's items).
        tokenizer: a :class:`~bulletin_nlp.tokenizer.Tokenizer`.
    """
    from .corpus.compare import compare

    if len({it.region for b in bulletins for it in b.items if it.region}) < 2:
        return {}
    cmp = compare(bulletins, tokenizer, by="region", method="logodds", top=top)
    return {g.name: [{k: v for k, v in t.to_dict().items() if k != "delta"} for t in g.terms] for g in cmp.groups}
