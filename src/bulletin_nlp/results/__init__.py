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

This module holds the base class and the results of reading and item segmentation; the results of
the other steps live in :mod:`.keywords`, :mod:`.themes` (themes and their evaluation) and
:mod:`.idf`, and are imported from here on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from .. import _lazy_getattr
from ..errors import BnlpError, MissingDependencyError
from ..models import Bulletin

if TYPE_CHECKING:
    from ..reading import Document
    from .idf import IdfSummary, IdfTable
    from .keywords import BulletinKeywords, ItemKeywords, KeywordResult
    from .themes import BulletinThemes, EvaluationResult, ItemThemes, ThemeResult

__all__ = [
    "BulletinKeywords",
    "BulletinThemes",
    "EvaluationResult",
    "IdfSummary",
    "IdfTable",
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

#: The results of the other steps, by the submodule that defines them: imported on first use
#: (PEP 562 module ``__getattr__``), so that a command pays only for the classes it returns.
_SUBMODULES: dict[str, str] = {
    **dict.fromkeys(("KEYWORD_COLUMNS", "BulletinKeywords", "ItemKeywords", "KeywordResult"), "keywords"),
    **dict.fromkeys(
        (
            "EVALUATION_COLUMNS",
            "THEME_COLUMNS",
            "BulletinThemes",
            "EvaluationResult",
            "ItemThemes",
            "ThemeResult",
            "explain_terms",
        ),
        "themes",
    ),
    **dict.fromkeys(("IdfSummary", "IdfTable"), "idf"),
}


#: The results of the other steps, imported from their modules on first use.
__getattr__ = _lazy_getattr(__name__, globals(), _SUBMODULES)


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
