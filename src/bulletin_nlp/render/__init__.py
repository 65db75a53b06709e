"""Rendering: rich tables for a terminal and JSON, JSONL, CSV and Markdown for pipelines.

The format registry
    :data:`FORMATS` names every output format once. JSON, JSON Lines and CSV are the same for
    every result (``result.to_dict()``, ``result.records()``, ``result.table()``); the terminal
    table and Markdown come from the result's own ``views`` mapping (``"module:function"``,
    imported only when that format is asked for, so JSON output never imports rich). A result
    without a Markdown view gets a Markdown table of ``result.table()``.

Renderers take the result objects of :mod:`bulletin_nlp.results` and return text (or a rich
renderable for ``table``); nothing here reads input or computes results.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .formats import md_table, to_csv, to_json, to_jsonl

__all__ = ["FORMATS", "OutputFormat", "render", "supported"]


@dataclass(frozen=True)
class OutputFormat:
    """One output format: its name, whether files get a UTF-8 BOM, and its generic renderer."""

    name: str
    bom: bool = False
    generic: Callable[[Any], str] | None = None
    help: str = ""


def _markdown(result: Any) -> str:
    header, rows = result.table()
    return md_table(header, rows)


#: Every output format, by name (the choices of ``--format``).
FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("table", help="rich tables (the default on a terminal)"),
        OutputFormat("json", generic=lambda r: to_json(r.to_dict()), help="one JSON object"),
        OutputFormat("jsonl", generic=lambda r: to_jsonl(r.records()), help="one JSON object a line"),
        OutputFormat("csv", bom=True, generic=lambda r: to_csv(*r.table()), help="CSV with a BOM for Excel/WPS"),
        OutputFormat("markdown", help="Markdown tables"),
    )
}


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
    """``result`` in format ``fmt``: text, or a rich renderable for ``table``.

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
