"""Rendering: rich tables for a terminal and JSON, JSONL, CSV, Markdown and XLSX for pipelines.

The format registry
    :data:`FORMATS` names every output format once. JSON, JSON Lines and CSV are the same for
    every result (``result.to_dict()``, ``result.records()``, ``result.table()``); the terminal
    table and Markdown come from the result's own ``views`` mapping (``"module:function"``,
    imported only when that format is asked for, so JSON output never imports rich). A result
    without a Markdown view gets a Markdown table of ``result.table()``. XLSX writes one sheet per
    table of ``result.sheets()`` (else of ``result.table()``), see :mod:`bulletin_nlp.render.xlsx`.

File extensions
    Each format names the extensions of ``-o FILE`` that mean it (:func:`format_for_path`);
    ``.html`` is not a format but the HTML page of the commands that draw one.

Renderers take the result objects of :mod:`bulletin_nlp.results` and return text (or a rich
renderable for ``table``); nothing here reads input or computes results.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .formats import md_table, to_csv, to_json, to_jsonl

__all__ = ["FORMATS", "HTML_EXTENSIONS", "OutputFormat", "format_for_path", "render", "supported"]


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name, whether files get a UTF-8 BOM, its generic renderer, the
    ``-o`` extensions that mean it, and whether it is bytes (``binary``) rather than text."""

    name: str
    bom: bool = False
    generic: Callable[[Any], Any] | None = None
    help: str = ""
    extensions: tuple[str, ...] = ()
    binary: bool = False


def _markdown(result: Any) -> str:
    header, rows = result.table()
    return md_table(header, rows)


def _xlsx(result: Any) -> bytes:
    from .xlsx import sheets, to_xlsx

    return to_xlsx(sheets(result))


#: Every output format, by name (the choices of ``--format``).
FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("table", help="rich tables (the default on a terminal)"),
        OutputFormat("json", generic=lambda r: to_json(r.to_dict()), help="one JSON object", extensions=(".json",)),
        OutputFormat(
            "jsonl", generic=lambda r: to_jsonl(r.records()), help="one JSON object a line", extensions=(".jsonl",)
        ),
        OutputFormat(
            "csv",
            bom=True,
            generic=lambda r: to_csv(*r.table()),
            help="CSV with a BOM for Excel/WPS",
            extensions=(".csv",),
        ),
        OutputFormat("markdown", help="Markdown tables", extensions=(".md", ".markdown")),
        OutputFormat(
            "xlsx", generic=_xlsx, help="Excel workbook, one sheet per table", extensions=(".xlsx",), binary=True
        ),
    )
}

#: ``-o`` extensions that ask for a command's HTML page (``--html``) rather than a format.
HTML_EXTENSIONS = (".html", ".htm")


def format_for_path(path: str) -> str | None:
    """The format an output file's extension names (``.csv`` -> ``csv``), or None.

    ``.txt`` and other names map to nothing (the format then follows ``--format`` or the
    default); ``.html`` is handled by the command line (see :data:`HTML_EXTENSIONS`).
    """
    suffix = os.path.splitext(path)[1].lower()
    for f in FORMATS.values():
        if suffix in f.extensions:
            return f.name
    return None


def supported(result_type: type) -> tuple[str, ...]:
    """The formats a result type can be written in."""
    return tuple(getattr(result_type, "formats", tuple(FORMATS)))


def _view(result: Any, fmt: str) -> Callable[[Any], Any] | None:
    spec = getattr(result, "views", {}).get(fmt)
    if spec is None:
        return None
    module, _, name = spec.partition(":")
    view: Callable[[Any], Any] = getattr(importlib.import_module(module), name)
    return view


def render(result: Any, fmt: str) -> Any:
    """``result`` in format ``fmt``: text, bytes (``xlsx``), or a rich renderable for ``table``.

    Raises:
        ValueError: an unknown format, or one the result does not support.
    """
    if fmt not in FORMATS or fmt not in supported(type(result)):
        raise ValueError(f"{type(result).__name__} cannot be written as {fmt}")
    view = _view(result, fmt)
    if view is not None:
        return view(result)
    generic = FORMATS[fmt].generic or (_markdown if fmt == "markdown" else None)
    if generic is None:
        raise ValueError(f"{type(result).__name__} has no {fmt} view")
    return generic(result)
