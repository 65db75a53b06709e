"""Results of theme classification and its evaluation (:func:`bulletin_nlp.api.classify`, :func:`bulletin_nlp.api.evaluate`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..models import Bulletin, Item, ThemeScore
from . import Result, Row, dataframe

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
