"""Output of ``bnlp classify`` and ``bnlp evaluate``."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..models import Bulletin, ThemeScore
from .formats import md_table, to_csv, to_json, to_jsonl

#: Columns of ``classify --format csv``; ``bnlp train`` reads title, body and themes back.
CSV_HEADER = ("source", "index", "title", "body", "themes", "scores")

Results = list[tuple[Bulletin, list[list[ThemeScore]]]]


def _themes(scores, explain):
    return [s.to_dict(explain) for s in scores]


def _extra(scores) -> dict:
    """``abstain`` / ``tie`` keys of an item (``ItemThemes.extra``; nothing for a plain list)."""
    return scores.extra() if hasattr(scores, "extra") else {}


def _terms(scores) -> str:
    """``label [model +1.23]: term (+0.45)、…`` per theme, themes joined by `` | `` (the --explain column)."""
    parts = []
    for x in scores:
        ws = list(x.weights)
        terms = [f"{t} ({ws[i]:+.2f})" if i < len(ws) else t for i, t in enumerate(x.evidence)]
        model = f" [model {x.model:+.2f}]" if x.model is not None else ""
        parts.append(f"{x.label}{model}: " + "、".join(terms))
    return " | ".join(parts)


def classify_json(results: Results, explain: bool = False, meta: dict | None = None) -> str:
    """``{"source", "meta", "items": [{"index", "title", "body", "themes": [{"label", "score"}]}]}``."""
    docs = []
    for b, per_item in results:
        docs.append(
            {
                "source": b.source,
                "meta": meta or {},
                "items": [
                    {"index": it.index, "title": it.title, "body": it.body, "themes": _themes(s, explain), **_extra(s)}
                    for it, s in zip(b.items, per_item, strict=False)
                ],
            }
        )
    return to_json(docs[0] if len(docs) == 1 else {"documents": docs})


def classify_jsonl(results: Results, explain: bool = False, meta=None) -> str:
    return to_jsonl(
        {
            "source": b.source,
            "index": it.index,
            "title": it.title,
            "body": it.body,
            "themes": _themes(s, explain),
            **_extra(s),
        }
        for b, per in results
        for it, s in zip(b.items, per, strict=False)
    )


def classify_csv(results: Results, explain: bool = False, meta=None) -> str:
    """One row per item; ``themes`` and ``scores`` joined by ``;`` (edit ``themes`` and feed back to train)."""
    rows = (
        (
            b.source,
            it.index,
            it.title or "",
            it.body,
            ";".join(x.label for x in s),
            ";".join(f"{x.score:.4f}" for x in s),
            *([_terms(s)] if explain else []),
        )
        for b, per in results
        for it, s in zip(b.items, per, strict=False)
    )
    return to_csv(CSV_HEADER + (("terms",) if explain else ()), rows)


def classify_markdown(results: Results, explain: bool = False, meta=None) -> str:
    parts = []
    for b, per in results:
        parts.append(f"## {b.source}\n")
        parts.append(
            md_table(
                ("#", "title", "themes", *(("terms",) if explain else ())),
                (
                    (it.index, it.label, _fmt(s), *((_terms(s),) if explain else ()))
                    for it, s in zip(b.items, per, strict=False)
                ),
            )
        )
    return "\n".join(parts)


def _fmt(scores) -> str:
    text = "、".join(f"{s.label} {s.score:.2f}" for s in scores)
    if text and getattr(scores, "tie", False):
        text += "（tie）"
    abstain = getattr(scores, "abstain", None)
    return text or f"（{abstain['reason'] if abstain else 'no usable words'}）"


def classify_table(results: Results, explain: bool = False, meta=None) -> Group:
    parts = []
    for b, per in results:
        t = Table(title=Text(b.source + (f" · {meta.get('classifier')}" if meta else "")), title_justify="left")
        t.add_column("#", justify="right", style="dim")
        t.add_column("标题 / headline", overflow="fold", ratio=3)
        t.add_column("主题 / themes", overflow="fold", ratio=2)
        if explain:
            t.add_column("依据 / terms", overflow="fold", ratio=3)
        for it, s in zip(b.items, per, strict=False):
            row = [str(it.index), Text(it.label), Text(_fmt(s))]
            if explain:
                row.append(Text(_terms(s).replace(" | ", "\n")))
            t.add_row(*row)
        parts.append(t)
    return Group(*parts)


def evaluation_table(ev) -> Group:
    """Per-theme precision, recall, F1 and support; micro and macro averages; confusion table."""
    t = Table(title=Text(f"{ev.method} · {ev.n} examples"), title_justify="left")
    for c in ("theme", "precision", "recall", "F1", "support"):
        t.add_column(c, justify="left" if c == "theme" else "right")
    for lab in ev.labels:
        m = ev.per_theme[lab]
        t.add_row(Text(lab), f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"]))
    for name, m in (("micro avg", ev.micro), ("macro avg", ev.macro)):
        t.add_row(Text(name, style="bold"), f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", "")
    if hasattr(ev, "top1"):
        t.add_row(Text("top-1 accuracy", style="bold"), "", "", f"{ev.top1:.3f}", str(ev.n))
    c = Table(title=Text("confusion of first labels (rows: gold, columns: predicted)"), title_justify="left")
    cols = ev.labels + ["(none)"]
    c.add_column("gold \\ pred")
    for lab in cols:
        c.add_column(lab, justify="right")
    for g in ev.labels:
        c.add_row(Text(g), *[str(ev.confusion[g][q]) if ev.confusion[g][q] else "·" for q in cols])
    return Group(t, c)
