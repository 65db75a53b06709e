"""Views of ``bnlp trends``, ``kwic``, ``cooccur`` and ``compare``: terminal tables and Markdown
(named in the results' ``views``; JSON, JSONL and CSV come from the format registry of
:mod:`bulletin_nlp.render`), and network files. HTML pages with SVG charts are in
:mod:`bulletin_nlp.render.charts`.

rich is imported only when a table is drawn.
"""

from __future__ import annotations

from ..corpus.compare import Comparison
from ..corpus.cooccur import Network
from ..corpus.kwic import Concordance
from ..corpus.trends import Trends
from .formats import md_table

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """One block character per value, scaled to the largest (all ``▁`` when all are 0)."""
    top = max(values, default=0.0)
    if top <= 0:
        return SPARKS[0] * len(values)
    return "".join(SPARKS[min(len(SPARKS) - 1, round(v / top * (len(SPARKS) - 1)))] for v in values)


# -- trends ------------------------------------------------------------------------------------

TRENDS_HEADER = ("period", "term", "count", "per_10k")


def _trend_rows(t: Trends):
    rows = list(t.rows) + list(t.undated_rows)
    return [(r.period, r.term, r.count, f"{r.per_10k:.4f}") for r in rows]


def _summary(t: Trends):
    """Per term: total, sparkline of per_10k, first period with a count, peak period."""
    out = []
    for term in t.terms:
        s = t.series(term)
        total = sum(r.count for r in s)
        first = next((r.period for r in s if r.count), "")
        peak = max(s, key=lambda r: r.per_10k, default=None)  # the earliest on ties
        undated = next((r.count for r in t.undated_rows if r.term == term), 0)
        out.append(
            (term, total, sparkline([r.per_10k for r in s]), first, peak.period if peak and peak.count else "", undated)
        )
    return out


def _trend_note(t: Trends) -> str:
    span = f"{t.periods[0].label} … {t.periods[-1].label}" if t.periods else "no dated documents"
    note = f"{len(t.periods)} periods by {t.by}: {span}; per_10k = count per 10,000 characters"
    if t.undated:
        note += f"; undated ({len(t.undated.sources)}): " + ", ".join(t.undated.sources)
    return note


def trends_markdown(t: Trends) -> str:
    """A summary table per term (sparkline, first and peak period), then every row."""
    head = md_table(("term", "total", "per_10k by period", "first", "peak", "undated"), _summary(t))
    return f"{_trend_note(t)}\n\n{head}\n" + md_table(TRENDS_HEADER, _trend_rows(t))


def trends_table(t: Trends):
    """Rich table: one row per term with its total, a sparkline per period, first and peak period."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    tab = Table(
        title=Text(f"trends by {t.by} · {t.measure}"),
        title_justify="left",
        caption=Text(_trend_note(t)),
        caption_justify="left",
    )
    tab.add_column("term")
    tab.add_column("total", justify="right")
    tab.add_column("per 10k chars by period", no_wrap=True)
    tab.add_column("first")
    tab.add_column("peak")
    if t.undated:
        tab.add_column("undated", justify="right")
    for term, total, spark, first, peak, undated in _summary(t):
        cells = [Text(term), str(total), Text(spark, style="cyan"), first, peak]
        if t.undated:
            cells.append(str(undated))
        tab.add_row(*cells)
    return Group(tab)


# -- kwic --------------------------------------------------------------------------------------

KWIC_HEADER = ("source", "item", "headline", "offset", "left", "term", "right")


def _kwic_rows(c: Concordance):
    return [(x.source, x.item, x.headline, x.offset, x.left, x.match, x.right) for x in c.lines]


def kwic_markdown(c: Concordance) -> str:
    """A Markdown table, one row per occurrence."""
    return md_table(KWIC_HEADER, _kwic_rows(c))


def kwic_table(c: Concordance):
    """Rich table: the left context right-aligned, the term highlighted, the right context."""
    from rich.table import Table
    from rich.text import Text

    tab = Table(title=Text(f"KWIC {c.query} · {len(c.lines)} occurrences"), title_justify="left")
    tab.add_column("source")
    tab.add_column("#", justify="right", style="dim")
    tab.add_column("left", justify="right", no_wrap=True)
    tab.add_column("term", style="bold yellow", no_wrap=True)
    tab.add_column("right", no_wrap=True)
    tab.add_column("headline", overflow="fold")
    for x in c.lines:
        tab.add_row(Text(x.source), str(x.item), Text(x.left), Text(x.match), Text(x.right), Text(x.headline))
    return tab


# -- cooccur -----------------------------------------------------------------------------------

EDGE_HEADER = ("source", "target", "count", "weight")


def _edge_rows(n: Network):
    return [(e.source, e.target, e.count, f"{e.weight:.4f}") for e in n.edges]


def cooccur_markdown(n: Network) -> str:
    """The measure and its citation, then the edge table."""
    return f"{n.measure} over {n.units} {n.window}s ({n.citation})\n\n" + md_table(EDGE_HEADER, _edge_rows(n))


def cooccur_table(n: Network):
    """Rich table of the ranked edges, the measure's citation as caption."""
    from rich.table import Table
    from rich.text import Text

    tab = Table(
        title=Text(f"co-occurrence within {n.window}s · {n.measure} · {n.units} units"),
        title_justify="left",
        caption=Text(n.citation),
        caption_justify="left",
    )
    tab.add_column("#", justify="right", style="dim")
    tab.add_column("term A")
    tab.add_column("term B")
    tab.add_column("units with both", justify="right")
    tab.add_column(n.measure, justify="right")
    for i, e in enumerate(n.edges, 1):
        tab.add_row(str(i), Text(e.source), Text(e.target), str(e.count), f"{e.weight:.4f}")
    return tab


def graph_file(n: Network, path: str) -> str:
    """The network as GEXF 1.2 (``.gexf``) or GraphML (``.graphml``) text, written by networkx.

    GEXF's ``lastmodifieddate`` is left out so the same input gives byte-identical files.

    Raises:
        ValueError: ``path`` ends in neither .gexf nor .graphml.
    """
    import re

    import networkx as nx

    g = n.to_networkx()
    low = path.lower()
    if low.endswith(".gexf"):
        text = "\n".join(nx.generate_gexf(g))
        return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1) + "\n"
    if low.endswith(".graphml"):
        return "\n".join(nx.generate_graphml(g)) + "\n"
    raise ValueError(f"{path}: a network file must end in .gexf or .graphml")


# -- compare -----------------------------------------------------------------------------------

COMPARE_HEADER = ("group", "rank", "term", "score", "delta", "count", "rest")


def _compare_rows(c: Comparison):
    for g in c.groups:
        for r, t in enumerate(g.terms, 1):
            yield (g.name, r, t.term, f"{t.score:.4f}", "" if t.delta is None else f"{t.delta:.4f}", t.count, t.rest)


def _compare_note(c: Comparison) -> str:
    note = f"{c.statistic} ({c.citation})"
    if c.prior is not None:
        note += f"; prior a0 = {c.prior:g}"
    if c.ungrouped:
        note += f"; {c.ungrouped} item(s) without a {c.by} not compared"
    return note


def compare_markdown(c: Comparison) -> str:
    """The statistic and its citation, then one row per group and term."""
    return _compare_note(c) + "\n\n" + md_table(COMPARE_HEADER, _compare_rows(c))


def compare_table(c: Comparison):
    """Rich table: one row per group with its distinctive terms and their statistic."""
    from rich.table import Table
    from rich.text import Text

    tab = Table(
        title=Text(f"distinctive terms by {c.by} · {c.method}"),
        title_justify="left",
        caption=Text(_compare_note(c)),
        caption_justify="left",
    )
    tab.add_column(c.by)
    tab.add_column("items", justify="right")
    tab.add_column("terms (statistic)", overflow="fold")
    for g in c.groups:
        tab.add_row(Text(g.name), str(g.items), Text("、".join(f"{t.term} ({t.score:.1f})" for t in g.terms)))
    return tab
