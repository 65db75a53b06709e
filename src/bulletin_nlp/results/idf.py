"""Background IDF tables (:func:`bulletin_nlp.api.build_idf`, :func:`bulletin_nlp.api.idf_summary`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import BnlpError
from . import Row

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
        from ..keywords import format_idf

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
