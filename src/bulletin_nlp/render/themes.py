"""Terminal and Markdown views of ``bnlp classify`` and ``bnlp evaluate``."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..results.themes import THEME_COLUMNS, EvaluationResult, ItemThemes, ThemeResult, explain_terms
from .console import cjk_text
from .formats import md_table
from .xlsx import display_width

#: Columns of ``classify --format csv``; ``bnlp train`` reads title, body and themes back.
CSV_HEADER = THEME_COLUMNS


def classify_markdown(result: ThemeResult) -> str:
    """A table of items and their themes per document (with ``explain``, a ``terms`` column)."""
    parts = []
    for d in result.documents:
        parts.append(f"## {d.source}\n")
        parts.append(
            md_table(
                ("#", "title", "themes", *(("terms",) if result.explain else ())),
                (
                    (t.item.index, t.item.label, _fmt(t), *((explain_terms(t.themes),) if result.explain else ()))
                    for t in d.items
                ),
            )
        )
    return "\n".join(parts)


def _fmt(t: ItemThemes) -> str:
    """``label 0.62、label 0.31``, ``（tie）`` after a tie, the abstention reason when no theme."""
    text = "、".join(f"{s.label} {s.score:.2f}" for s in t.themes)
    if text and t.tie:
        text += "（tie）"
    return text or f"（{t.abstain['reason'] if t.abstain else 'no usable words'}）"


def classify_table(result: ThemeResult) -> Group:
    """A table per document: items, their themes and (``explain``) the terms that decided them."""
    parts = []
    explain = result.explain
    for d in result.documents:
        classifier = d.meta.get("classifier")
        # the classifier on a line of its own: a long path never leaves "·" or one word alone on a line
        t = Table(title=Text(d.source + (f"\nclassifier: {classifier}" if classifier else "")), title_justify="left")
        t.add_column("#", justify="right", style="dim", no_wrap=True)
        t.add_column("标题\nheadline", overflow="fold", ratio=3)
        t.add_column("主题\nthemes", overflow="fold", ratio=2)
        if explain:
            t.add_column("依据\nterms", overflow="fold", ratio=3)
        for it in d.items:
            row: list[str | Text] = [str(it.item.index), cjk_text(it.item.label), cjk_text(_fmt(it))]
            if explain:
                row.append(Text(explain_terms(it.themes).replace(" | ", "\n")))
            t.add_row(*row)
        parts.append(t)
    return Group(*parts)


def evaluation_table(result: EvaluationResult, width: int | None = None) -> Group:
    """Per-theme precision, recall, F1 and support; micro and macro averages; confusion table.

    When the confusion table with full theme labels is wider than ``width`` (default: the
    output's width), its rows and columns use short codes (T1, T2...) and a legend follows."""
    ev = result.evaluation
    t = Table(title=Text(f"{ev.method} · {ev.n} examples"), title_justify="left")
    for col in ("theme", "precision", "recall", "F1", "support"):
        t.add_column(col, justify="left" if col == "theme" else "right")
    for lab in ev.labels:
        m = ev.per_theme[lab]
        t.add_row(Text(lab), f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    for name, m in (("micro avg", ev.micro), ("macro avg", ev.macro)):
        t.add_row(Text(name, style="bold"), f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", "")
    if hasattr(ev, "top1"):
        t.add_row(Text("top-1 accuracy", style="bold"), "", "", f"{ev.top1:.3f}", str(ev.n))
    cols = ev.labels + ["(none)"]
    width = width if width is not None else _console_width()
    # full labels when the table fits, else short codes T1, T2... with a legend
    full = 14 + sum(display_width(x) + 3 for x in cols)
    codes = {lab: (lab if full <= width else f"T{i}") for i, lab in enumerate(ev.labels, 1)}
    codes["(none)"] = "(none)" if full <= width else "-"
    c = Table(title=Text("confusion of first labels (rows: gold, columns: predicted)"), title_justify="left")
    c.add_column("gold \\ pred", no_wrap=True)
    for lab in cols:
        c.add_column(codes[lab], justify="right", no_wrap=True)
    for g in ev.labels:
        c.add_row(Text(codes[g]), *[str(ev.confusion[g][q]) if ev.confusion[g][q] else "·" for q in cols])
    parts: list[Table | Text] = [t, c]
    if full > width:
        legend = "  ".join(f"{codes[lab]} {lab}" for lab in ev.labels) + "  - (none)"
        parts.append(Text("legend: " + legend))
    return Group(*parts)


def _console_width() -> int:
    from .console import output_width

    return output_width()
