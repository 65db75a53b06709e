"""Terminal and Markdown views of ``bnlp keywords``: a table with weight bars, Markdown lists."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..results.keywords import KEYWORD_COLUMNS, KeywordResult
from .formats import md_table

CSV_HEADER = KEYWORD_COLUMNS


def keywords_markdown(result: KeywordResult) -> str:
    """A keyword list per document and, with per-item keywords, a table of items."""
    parts = []
    for d in result.documents:
        parts.append(f"## {d.source}\n\n" + "、".join(k.term for k in d.keywords) + "\n")
        if d.items is not None:
            parts.append(
                md_table(
                    ("#", "title", "keywords"),
                    ((ik.item.index, ik.item.label, "、".join(k.term for k in ik.keywords)) for ik in d.items),
                )
            )
    return "\n".join(parts)


def _bar(weight: float, width: int = 20) -> Text:
    n = max(0, min(width, round(weight * width)))
    return Text("█" * n + "·" * (width - n), style="cyan")


def keywords_table(result: KeywordResult) -> Group:
    """Per document: keywords with their weight drawn as a bar; per item: a keyword list."""
    parts: list[Table] = []
    for d in result.documents:
        # the method on a line of its own: a long path never leaves "·" or one word alone on a line
        t = Table(title=Text(f"{d.source}\nmethod: {d.meta.get('method', '')}"), title_justify="left")
        t.add_column("#", justify="right", style="dim")
        t.add_column("关键词 / keyword")
        t.add_column("weight", justify="right")
        t.add_column("")
        top = d.keywords[0].weight if d.keywords else 1.0
        for r, k in enumerate(d.keywords, 1):
            t.add_row(str(r), Text(k.term), f"{k.weight:.4f}", _bar(k.weight / top if top else 0))
        parts.append(t)
        if d.items is not None:
            it = Table(title=Text("per item"), title_justify="left")
            it.add_column("#", justify="right", style="dim")
            it.add_column("标题 / headline", overflow="fold", ratio=2)
            it.add_column("关键词 / keywords", overflow="fold", ratio=3)
            for ik in d.items:
                it.add_row(str(ik.item.index), Text(ik.item.label), Text("、".join(k.term for k in ik.keywords)))
            parts.append(it)
    return Group(*parts)
