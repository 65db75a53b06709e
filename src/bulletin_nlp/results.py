"""What the public API returns: one result object per step, each with ``to_dict()``.

Every result holds ``documents`` (one per input bulletin, in input order) and gives:

``to_dict()``
    the JSON object bnlp writes, always ``{"documents": [...]}`` whatever the number of inputs
    (written down as JSON Schema in ``bulletin_nlp/schemas/``);
``records()``
    flat dictionaries, one per item (or per document), as JSON Lines writes them;
``table()``
    ``(header, rows)``: the columns of CSV output and of :meth:`to_dataframe`;
``to_dataframe()``
    a pandas DataFrame of :meth:`table` (needs the ``pandas`` extra:
    ``pip install "bulletin-nlp[pandas]"``); :class:`~bulletin_nlp.errors.MissingDependencyError`
    otherwise.

Results can be iterated, indexed and measured like the list of their documents. ``errors`` lists
the inputs that could not be read when the API was called with ``skip_errors=True``; ``notes``
holds remarks for the user (e.g. a model trained with other library versions).

The terminal and Markdown views of each result are named in its ``views`` mapping
(``"module:function"``, imported only when used, so JSON output never imports rich).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from .errors import BnlpError, MissingDependencyError
from .models import Bulletin, Item, Keyword, ThemeScore

if TYPE_CHECKING:
    from .reading import Document

__all__ = [
    "BulletinKeywords",
    "BulletinThemes",
    "ItemKeywords",
    "ItemThemes",
    "KeywordResult",
    "ReadResult",
    "Result",
    "SegmentResult",
    "ThemeResult",
    "dataframe",
    "schema",
]

D = TypeVar("D")
Row = tuple[Any, ...]


def dataframe(header: Sequence[str], rows: Sequence[Row]) -> Any:
    """A pandas DataFrame with columns ``header``.

    Raises:
        MissingDependencyError: pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError(
            'to_dataframe needs pandas: pip install "bulletin-nlp[pandas]" (or pip install pandas)'
        ) from None
    return pd.DataFrame(list(rows), columns=list(header))


@dataclass
class Result(Generic[D]):
    """Base of the API's results: ``documents`` in input order, ``errors``, ``notes``."""

    documents: list[D] = field(default_factory=list)
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    #: Terminal (``table``) and ``markdown`` views: ``"module:function"`` taking the result.
    views: ClassVar[dict[str, str]] = {}
    #: Output formats this result can be written in.
    formats: ClassVar[tuple[str, ...]] = ("table", "json", "jsonl", "csv", "markdown", "xlsx")
    #: Name of the one XLSX sheet of :meth:`table` (a result with several tables overrides :meth:`sheets`).
    sheet_name: ClassVar[str] = "items"

    def __iter__(self) -> Iterator[D]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, index: int) -> D:
        return self.documents[index]

    def document_dict(self, doc: D) -> dict[str, Any]:
        """The JSON object of one document."""
        return doc.to_dict()  # type: ignore[attr-defined, no-any-return]

    def to_dict(self) -> dict[str, Any]:
        """``{"documents": [...]}``, one object per document (also for a single input)."""
        return {"documents": [self.document_dict(d) for d in self.documents]}

    def records(self) -> Iterator[dict[str, Any]]:
        """One flat dictionary per JSON Lines line."""
        for d in self.documents:
            yield self.document_dict(d)

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        """``(header, rows)`` of CSV output and :meth:`to_dataframe`."""
        raise NotImplementedError

    def sheets(self) -> dict[str, tuple[tuple[str, ...], list[Row]]]:
        """``{sheet name: (header, rows)}``: the tables of XLSX output, one sheet each."""
        return {self.sheet_name: self.table()}

    def to_dataframe(self) -> Any:
        """:meth:`table` as a pandas DataFrame (see :func:`dataframe`)."""
        header, rows = self.table()
        return dataframe(header, rows)


# -- read ------------------------------------------------------------------------------------------


@dataclass
class ReadResult(Result["Document"]):
    """Decoded inputs: :class:`~bulletin_nlp.reading.Document` (``source``, ``encoding``,
    ``format``, ``reader``, ``meta`` ``{"reader_versions"}``, ``text``)."""

    formats: ClassVar[tuple[str, ...]] = ("json", "jsonl", "csv", "xlsx")
    sheet_name: ClassVar[str] = "documents"

    def document_dict(self, doc: Document) -> dict[str, Any]:
        return doc.to_dict()

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        return ("source", "encoding", "format", "reader", "text"), [
            (d.source, d.encoding, d.format, d.reader, d.text) for d in self.documents
        ]


# -- segment ---------------------------------------------------------------------------------------

SEGMENT_COLUMNS = (
    "source",
    "index",
    "kind",
    "title",
    "body",
    "unit",
    "authors",
    "region",
    "section",
    "line_start",
    "line_end",
)


@dataclass
class SegmentResult(Result[Bulletin]):
    """Segmented bulletins (:class:`~bulletin_nlp.models.Bulletin`); one table row per item,
    authors joined by ``;``, ``section`` the label line above the item (empty when none)."""

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.items:segment_table",
        "markdown": "bulletin_nlp.render.items:segment_markdown",
    }

    def records(self) -> Iterator[dict[str, Any]]:
        for b in self.documents:
            for it in b.items:
                yield {"source": b.source, **it.to_dict()}

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        rows = [
            (
                b.source,
                it.index,
                it.kind,
                it.title,
                it.body,
                it.unit,
                ";".join(it.authors),
                it.region,
                it.section,
                it.lines[0],
                it.lines[1],
            )
            for b in self.documents
            for it in b.items
        ]
        return SEGMENT_COLUMNS, rows


# -- keywords --------------------------------------------------------------------------------------


def _kw(kws: Sequence[Keyword]) -> list[dict[str, Any]]:
    return [k.to_dict() for k in kws]


@dataclass
class ItemKeywords:
    """Keywords of one item, best first."""

    item: Item
    keywords: list[Keyword]

    def to_dict(self) -> dict[str, Any]:
        """``{"index", "title", "body", "keywords": [{"term", "weight"}]}``."""
        it = self.item
        return {"index": it.index, "title": it.title, "body": it.body, "keywords": _kw(self.keywords)}


@dataclass
class BulletinKeywords:
    """Keywords of one bulletin and, when asked for (``per_item``), of each of its items.

    Attributes:
        bulletin: the segmented bulletin.
        keywords: the bulletin's keywords, best first.
        items: per item keywords, or None when they were not asked for.
        meta: method, tokenizer name and version, IDF source.
    """

    bulletin: Bulletin
    keywords: list[Keyword]
    items: list[ItemKeywords] | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.bulletin.source

    def to_dict(self) -> dict[str, Any]:
        """``{"source", "meta", "keywords", "items"}`` (``items`` only with per-item keywords)."""
        out: dict[str, Any] = {"source": self.source, "meta": self.meta, "keywords": _kw(self.keywords)}
        if self.items is not None:
            out["items"] = [k.to_dict() for k in self.items]
        return out


KEYWORD_COLUMNS = ("source", "scope", "index", "title", "rank", "term", "weight")


@dataclass
class KeywordResult(Result[BulletinKeywords]):
    """Keywords of every bulletin (IDF computed over all their items). Table: one keyword a row,
    ``scope`` ``document`` or ``item``."""

    meta: dict[str, Any] = field(default_factory=dict)
    per_item: bool = False

    sheet_name: ClassVar[str] = "keywords"

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.keywords:keywords_table",
        "markdown": "bulletin_nlp.render.keywords:keywords_markdown",
    }

    def records(self) -> Iterator[dict[str, Any]]:
        """Per document a line ``{"source", "scope": "document", "keywords"}``; with per-item
        keywords it is followed by one ``{"source", "scope": "item", "index", ...}`` line per item
        (the ``scope`` column of CSV)."""
        for d in self.documents:
            yield {"source": d.source, "scope": "document", "keywords": _kw(d.keywords)}
            if self.per_item and d.items is not None:
                for k in d.items:
                    yield {"source": d.source, "scope": "item", **k.to_dict()}

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        rows: list[Row] = []
        for d in self.documents:
            rows += [(d.source, "document", "", "", r, k.term, round(k.weight, 4)) for r, k in enumerate(d.keywords, 1)]
            for ik in d.items or []:
                rows += [
                    (d.source, "item", ik.item.index, ik.item.label, r, k.term, round(k.weight, 4))
                    for r, k in enumerate(ik.keywords, 1)
                ]
        return KEYWORD_COLUMNS, rows


# -- themes ----------------------------------------------------------------------------------------


def explain_terms(scores: Sequence[ThemeScore]) -> str:
    """The ``--explain`` column of CSV, Markdown and the table: ``label [model +1.23]: term (+0.45)、…``
    per theme (the model's own score when trained, each term's contribution), themes joined by `` | ``."""
    parts = []
    for x in scores:
        ws = list(x.weights)
        terms = [f"{t} ({ws[i]:+.2f})" if i < len(ws) else t for i, t in enumerate(x.evidence)]
        model = f" [model {x.model:+.2f}]" if x.model is not None else ""
        parts.append(f"{x.label}{model}: " + "、".join(terms))
    return " | ".join(parts)


@dataclass
class ItemThemes:
    """Themes of one item, best first, or an explicit abstention.

    Attributes:
        item: the item.
        themes: ranked themes, best first; empty when the classifier abstains.
        abstain: ``{"reason": ...}`` when no theme is given (evidence below the tuned threshold,
            or no usable words), else None.
        tie: True when the first two themes have equal scores (both listed; their order is by
            label only, for a stable output).
    """

    item: Item
    themes: list[ThemeScore]
    abstain: dict[str, Any] | None = None
    tie: bool = False

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """``{"index", "title", "body", "themes": [{"label", "score"(, "terms", "weights", "model")}]}``
        plus ``abstain`` and/or ``tie`` when set."""
        it = self.item
        d: dict[str, Any] = {
            "index": it.index,
            "title": it.title,
            "body": it.body,
            "themes": [s.to_dict(explain) for s in self.themes],
        }
        if self.abstain is not None:
            d["abstain"] = dict(self.abstain)
        if self.tie:
            d["tie"] = True
        return d


@dataclass
class BulletinThemes:
    """Themes of every item of one bulletin; ``meta`` names the classifier."""

    bulletin: Bulletin
    items: list[ItemThemes]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return self.bulletin.source

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """``{"source", "meta", "items"}``; ``explain`` adds each theme's deciding ``terms``."""
        return {"source": self.source, "meta": self.meta, "items": [t.to_dict(explain) for t in self.items]}


THEME_COLUMNS = ("source", "index", "title", "body", "themes", "scores")


@dataclass
class ThemeResult(Result[BulletinThemes]):
    """Themes of every item of every bulletin. Table: one row per item, ``themes`` and ``scores``
    joined by ``;`` (edit ``themes`` and give the CSV to ``bnlp train``)."""

    meta: dict[str, Any] = field(default_factory=dict)
    explain: bool = False

    sheet_name: ClassVar[str] = "themes"

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.themes:classify_table",
        "markdown": "bulletin_nlp.render.themes:classify_markdown",
    }

    def document_dict(self, doc: BulletinThemes) -> dict[str, Any]:
        return doc.to_dict(self.explain)

    def records(self) -> Iterator[dict[str, Any]]:
        for d in self.documents:
            for t in d.items:
                yield {"source": d.source, **t.to_dict(self.explain)}

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        """:data:`THEME_COLUMNS`, plus a ``terms`` column (:func:`explain_terms`) with ``explain``."""
        rows: list[Row] = [
            (
                d.source,
                t.item.index,
                t.item.title or "",
                t.item.body,
                ";".join(s.label for s in t.themes),
                ";".join(f"{s.score:.4f}" for s in t.themes),
                *((explain_terms(t.themes),) if self.explain else ()),
            )
            for d in self.documents
            for t in d.items
        ]
        return THEME_COLUMNS + (("terms",) if self.explain else ()), rows

    def unthemed(self) -> int:
        """Items left without any theme because they have no usable words (not the abstentions)."""
        return sum(
            1
            for d in self.documents
            for t in d.items
            if not t.themes and (t.abstain is None or t.abstain.get("reason") == "no usable words")
        )


# -- evaluation ------------------------------------------------------------------------------------

EVALUATION_COLUMNS = ("theme", "precision", "recall", "f1", "support")


@dataclass
class EvaluationResult:
    """Scores of a classifier on labelled items (:class:`~bulletin_nlp.training.Evaluation`):
    per theme precision, recall, F1 and support, micro and macro averages, confusion table."""

    evaluation: Any
    notes: list[str] = field(default_factory=list)

    views: ClassVar[dict[str, str]] = {"table": "bulletin_nlp.render.themes:evaluation_table"}
    formats: ClassVar[tuple[str, ...]] = ("table", "json", "jsonl", "csv", "markdown", "xlsx")

    def to_dict(self) -> dict[str, Any]:
        """``{"method", "n", "per_theme", "micro", "macro", "confusion"}`` (scores to 4 decimals)."""
        return self.evaluation.to_dict()  # type: ignore[no-any-return]

    def records(self) -> Iterator[dict[str, Any]]:
        yield self.to_dict()

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        """One row per theme, then ``micro avg`` and ``macro avg`` (support left empty), then
        ``top-1 accuracy`` (in the ``f1`` column, support = number of examples)."""
        ev = self.evaluation
        rows: list[Row] = [
            (
                lab,
                *(round(ev.per_theme[lab][k], 4) for k in ("precision", "recall", "f1")),
                ev.per_theme[lab]["support"],
            )
            for lab in ev.labels
        ]
        rows += [
            (name, round(m["precision"], 4), round(m["recall"], 4), round(m["f1"], 4), "")
            for name, m in (("micro avg", ev.micro), ("macro avg", ev.macro))
        ]
        rows.append(("top-1 accuracy", "", "", round(ev.top1, 4), ev.n))
        return EVALUATION_COLUMNS, rows

    def sheets(self) -> dict[str, tuple[tuple[str, ...], list[Row]]]:
        """XLSX sheets: ``scores`` (:meth:`table`) and ``confusion`` (gold rows, predicted columns)."""
        ev = self.evaluation
        cols = [*ev.labels, "(none)"]
        confusion: list[Row] = [(g, *(ev.confusion[g][q] for q in cols)) for g in ev.labels]
        return {"scores": self.table(), "confusion": (("gold \\ predicted", *cols), confusion)}

    def to_dataframe(self) -> Any:
        """:meth:`table` as a pandas DataFrame."""
        return dataframe(*self.table())


# -- IDF tables ------------------------------------------------------------------------------------


@dataclass
class IdfTable:
    """A background IDF table built from an archive (:func:`bulletin_nlp.api.build_idf`).

    Attributes:
        table: ``{word: ln(N / df(word))}``, N the number of items (jieba's ``idf.txt`` convention).
        items: N, the items counted as documents.
        bulletins: the bulletins they came from.
        errors: inputs that could not be read (with ``skip_errors``).
    """

    table: dict[str, float]
    items: int
    bulletins: int
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"items", "bulletins", "table": {word: idf}}`` (words sorted, IDF to 6 decimals)."""
        return {
            "items": self.items,
            "bulletins": self.bulletins,
            "table": {t: round(v, 6) for t, v in sorted(self.table.items())},
        }

    def to_text(self) -> str:
        """``WORD IDF`` lines sorted by word, IDF to 6 decimals (what ``--idf`` reads)."""
        from .keywords import format_idf

        return format_idf(self.table)


@dataclass
class IdfSummary:
    """What ``bnlp idf show`` tells about an IDF table file: size, source, extreme terms.

    Attributes:
        path: the file.
        size: number of terms.
        source: the file's ``#`` header lines (how it was built), or ``""`` without one.
        common: the ``top`` terms with the lowest IDF (most common), lowest first.
        rare: the ``top`` terms with the highest IDF (rarest), highest first.
        min_idf, median_idf, max_idf: the spread of the values.
    """

    path: str
    size: int
    source: str
    common: list[tuple[str, float]]
    rare: list[tuple[str, float]]
    min_idf: float
    median_idf: float
    max_idf: float
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    views: ClassVar[dict[str, str]] = {"table": "bulletin_nlp.render.idf:idf_table"}
    formats: ClassVar[tuple[str, ...]] = ("table", "json", "jsonl", "csv", "markdown", "xlsx")
    sheet_name: ClassVar[str] = "terms"

    def to_dict(self) -> dict[str, Any]:
        """``{"path", "size", "source", "idf": {"min", "median", "max"}, "common", "rare"}``."""
        return {
            "path": self.path,
            "size": self.size,
            "source": self.source,
            "idf": {"min": round(self.min_idf, 6), "median": round(self.median_idf, 6), "max": round(self.max_idf, 6)},
            "common": [{"term": t, "idf": round(v, 6)} for t, v in self.common],
            "rare": [{"term": t, "idf": round(v, 6)} for t, v in self.rare],
        }

    def records(self) -> Iterator[dict[str, Any]]:
        yield self.to_dict()

    def table(self) -> tuple[tuple[str, ...], list[Row]]:
        """One row per shown term: ``end`` (``common`` or ``rare``), rank, term, IDF."""
        rows: list[Row] = [("common", r, t, round(v, 6)) for r, (t, v) in enumerate(self.common, 1)]
        rows += [("rare", r, t, round(v, 6)) for r, (t, v) in enumerate(self.rare, 1)]
        return ("end", "rank", "term", "idf"), rows


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a command's JSON output, shipped in ``bulletin_nlp/schemas/``.

    Args:
        name: ``"segment"``, ``"keywords"``, ``"classify"`` or ``"report"``.

    Raises:
        ValueError: no schema of that name.
    """
    import json
    from importlib import resources

    path = resources.files("bulletin_nlp") / "schemas" / f"{name}.schema.json"
    if not path.is_file():
        raise ValueError(f"no JSON Schema named {name!r}: use segment, keywords, classify or report")
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
