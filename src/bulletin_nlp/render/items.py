"""Terminal and Markdown views of ``bnlp segment`` (JSON, JSONL and CSV are generic: see
:mod:`bulletin_nlp.render`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..models import Bulletin
from ..results import SEGMENT_COLUMNS
from .formats import md_table

CSV_HEADER = SEGMENT_COLUMNS


def segment_markdown(bulletins: Iterable[Bulletin]) -> str:
    """A heading and a table per document (``bulletins``: a SegmentResult or a list of Bulletin)."""
    parts = []
    for b in bulletins:
        parts.append(f"## {b.source}\n\n" + _masthead_line(b) + "\n")
        parts.append(
            md_table(
                ("#", "title", "unit", "authors", "region", "chars"),
                ((it.index, it.label, it.unit, "、".join(it.authors), it.region, len(it.body)) for it in b.items),
            )
        )
    return "\n".join(parts)


def _masthead_line(b: Bulletin) -> str:
    bits = []
    if b.masthead:
        m = b.masthead
        bits += [x for x in (m.name, m.issue, m.issuer, m.date) if x]
    bits.append(f"{len(b.items)} items")
    bits.append(f"encoding {b.encoding}")
    return " · ".join(bits)


def segment_table(bulletins: Iterable[Bulletin]) -> Any:
    """A rich table per document: #, headline or opening words, unit, authors, region, section
    (only when some item has one), length."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .console import PIPE_WIDTH, cjk_text, output_width

    narrow = output_width() < PIPE_WIDTH  # short columns are capped only on a limited width
    parts: list[Table | Text] = []
    for b in bulletins:
        table = Table(title=Text(f"{b.source}\n{_masthead_line(b)}"), title_justify="left", show_lines=False)
        table.add_column("#", justify="right", style="dim", no_wrap=True)
        table.add_column("标题\nheadline", overflow="fold", ratio=1)  # the headline takes the room left
        table.add_column("单位\nunit", overflow="fold", max_width=14 if narrow else None)
        table.add_column("作者\nauthors", overflow="fold", max_width=10 if narrow else None)
        table.add_column("地区\nregion", no_wrap=True)
        sections = any(it.section for it in b.items)
        if sections:
            table.add_column("栏目\nsection", overflow="fold", max_width=10 if narrow else None)
        table.add_column("字数\nchars", justify="right", no_wrap=True)
        for it in b.items:
            label = cjk_text(it.label, style="bold" if it.title else "italic")
            cells: list[str | Text] = [
                str(it.index),
                label,
                cjk_text(it.unit or ""),
                cjk_text("、".join(it.authors)),
                Text(it.region or ""),
            ]
            if sections:
                cells.append(Text(it.section or ""))
            cells.append(str(len(it.body)))
            table.add_row(*cells)
        parts.append(table)
        if b.footer:
            parts.append(Text("footer: " + b.footer.replace("\n", " / "), style="dim"))
    return Group(*parts)
