"""Results of keyword extraction (:func:`bulletin_nlp.api.extract_keywords`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..models import Bulletin, Item, Keyword
from . import Result, Row

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
