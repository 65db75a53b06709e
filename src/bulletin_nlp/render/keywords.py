"""Output of ``bnlp keywords``: a table with weight bars, JSON, JSONL, CSV or Markdown."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..keywords import DocumentKeywords
from .formats import md_table, to_csv, to_json, to_jsonl

CSV_HEADER = ("source", "scope", "index", "title", "rank", "term", "weight")


def _kw(kws):
    return [k.to_dict() for k in kws]


def _doc(d: DocumentKeywords, meta: dict, per_item: bool) -> dict:
    out = {"source": d.source, "meta": meta, "keywords": _kw(d.keywords)}
    if per_item:
        out["items"] = [
            {"index": it.index, "title": it.title, "body": it.body, "keywords": _kw(k)} for it, k in d.items
        ]
    return out


def keywords_json(docs: list[DocumentKeywords], meta: dict, per_item: bool) -> str:
    """One document object, or ``{"documents": [...]}`` for several files."""
    objs = [_doc(d, meta, per_item) for d in docs]
    return to_json(objs[0] if len(objs) == 1 else {"documents": objs})


def keywords_jsonl(docs: list[DocumentKeywords], meta: dict, per_item: bool) -> str:
    """One line per document, or per item with ``per_item``."""
    if per_item:
        return to_jsonl(
            {"source": d.source, "index": it.index, "title": it.title, "body": it.body, "keywords": _kw(k)}
            for d in docs
            for it, k in d.items
        )
    return to_jsonl({"source": d.source, "keywords": _kw(d.keywords)} for d in docs)


def _rows(docs, per_item):
    for d in docs:
        for r, k in enumerate(d.keywords, 1):
            yield (d.source, "document", "", "", r, k.term, f"{k.weight:.4f}")
        if per_item:
            for it, kws in d.items:
                for r, k in enumerate(kws, 1):
                    yield (d.source, "item", it.index, it.label, r, k.term, f"{k.weight:.4f}")


def keywords_csv(docs, meta, per_item) -> str:
    """Long format: one keyword per row."""
    return to_csv(CSV_HEADER, _rows(docs, per_item))


def keywords_markdown(docs, meta, per_item) -> str:
    """A table per document."""
    parts = []
    for d in docs:
        parts.append(f"## {d.source}\n\n" + "、".join(k.term for k in d.keywords) + "\n")
        if per_item:
            parts.append(
                md_table(
                    ("#", "title", "keywords"),
                    ((it.index, it.label, "、".join(k.term for k in kws)) for it, kws in d.items),
                )
            )
    return "\n".join(parts)


def _bar(weight: float, width: int = 20) -> Text:
    n = max(0, min(width, round(weight * width)))
    return Text("█" * n + "·" * (width - n), style="cyan")


def keywords_table(docs, meta, per_item) -> Group:
    """Per document: keywords with their weight drawn as a bar; per item: a keyword list."""
    parts = []
    for d in docs:
        t = Table(title=Text(f"{d.source} · {meta['method']}"), title_justify="left")
        t.add_column("#", justify="right", style="dim")
        t.add_column("关键词 / keyword")
        t.add_column("weight", justify="right")
        t.add_column("")
        top = d.keywords[0].weight if d.keywords else 1.0
        for r, k in enumerate(d.keywords, 1):
            t.add_row(str(r), Text(k.term), f"{k.weight:.4f}", _bar(k.weight / top if top else 0))
        parts.append(t)
        if per_item:
            it = Table(title=Text("per item"), title_justify="left")
            it.add_column("#", justify="right", style="dim")
            it.add_column("标题 / headline", overflow="fold", ratio=2)
            it.add_column("关键词 / keywords", overflow="fold", ratio=3)
            for item, kws in d.items:
                it.add_row(str(item.index), Text(item.label), Text("、".join(k.term for k in kws)))
            parts.append(it)
    return Group(*parts)
