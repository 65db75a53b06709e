"""Terminal view of ``bnlp idf show``: the table's size and source, its most common and rarest terms."""

from __future__ import annotations

from typing import Any

from ..results.idf import IdfSummary


def idf_table(s: IdfSummary) -> Any:
    """A heading with size, source and IDF spread, then the common and rare terms side by side."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    head = Text(f"{s.path} · {s.size} terms · IDF {s.min_idf:.3f} … {s.median_idf:.3f} (median) … {s.max_idf:.3f}")
    source = Text("source: " + (s.source.replace("\n", " / ") if s.source else "(no header: source unknown)"))
    t = Table(title=Text("most common (lowest IDF) / rarest (highest IDF)"), title_justify="left")
    t.add_column("#", justify="right", style="dim")
    t.add_column("common", overflow="fold")
    t.add_column("IDF", justify="right")
    t.add_column("rare", overflow="fold")
    t.add_column("IDF", justify="right")
    for i in range(max(len(s.common), len(s.rare))):
        c = s.common[i] if i < len(s.common) else ("", None)
        r = s.rare[i] if i < len(s.rare) else ("", None)
        t.add_row(
            str(i + 1),
            Text(c[0]),
            "" if c[1] is None else f"{c[1]:.3f}",
            Text(r[0]),
            "" if r[1] is None else f"{r[1]:.3f}",
        )
    return Group(head, source, t)
