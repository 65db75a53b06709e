"""Self-contained HTML pages with static SVG charts: a line chart of trends and a drawing of
a co-occurrence network. No scripts, no external fonts, styles or images; all user text is
escaped; the same data gives byte-identical pages.
"""

from __future__ import annotations

from html import escape

from ..corpus.cooccur import Network
from ..corpus.trends import Trends

#: Line colours (Okabe & Ito 2008 colour-blind-safe palette), repeated past eight series.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

_CSS = (
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "svg text{font-family:sans-serif;font-size:12px}"
    "table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
    ".note{color:#555}"
)


def page(title: str, body: str) -> str:
    """A complete HTML5 document around ``body`` (already escaped markup)."""
    return (
        '<!DOCTYPE html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def _nice_max(v: float) -> float:
    """A round axis maximum at or above ``v`` (1, 2 or 5 times a power of ten)."""
    if v <= 0:
        return 1.0
    import math

    p = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 5, 10):
        if v <= m * p:
            return m * p
    return 10 * p  # pragma: no cover


def _fmt(v: float) -> str:
    return f"{v:.4g}"


def line_chart(
    labels: list[str], series: list[tuple[str, list[float]]], y_title: str, width: int = 900, height: int = 460
) -> str:
    """An SVG line chart: ``labels`` along the x axis, one polyline per ``(name, values)``.

    Y axis from 0 to a round maximum with five gridlines; when labels crowd, only every k-th
    is printed (rotated 45°). A legend names the series.
    """
    left, right, top, bottom = 60, 160, 20, 110
    pw, ph = width - left - right, height - top - bottom
    ymax = _nice_max(max((v for _, vs in series for v in vs), default=0.0))
    n = len(labels)

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph - ph * v / ymax

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    for k in range(6):
        v = ymax * k / 5
        out.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{left + pw}" y2="{y(v):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{_fmt(v)}</text>')
    out.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#333"/>')
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#333"/>')
    step = max(1, -(-n // 26))
    for i, lab in enumerate(labels):
        out.append(f'<line x1="{x(i):.1f}" y1="{top + ph}" x2="{x(i):.1f}" y2="{top + ph + 4}" stroke="#333"/>')
        if i % step == 0 or i == n - 1:
            tx, ty = x(i), top + ph + 16
            out.append(
                f'<text x="{tx:.1f}" y="{ty}" text-anchor="end" transform="rotate(-45 {tx:.1f} {ty})">{escape(lab)}</text>'
            )
    out.append(
        f'<text x="14" y="{top + ph / 2:.1f}" text-anchor="middle" transform="rotate(-90 14 {top + ph / 2:.1f})">{escape(y_title)}</text>'
    )
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        out.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{pts}"><title>{escape(name)}</title></polyline>'
        )
        for i, v in enumerate(values):
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{colour}"><title>{escape(f"{name} {labels[i]}: {_fmt(v)}")}</title></circle>'
            )
        ly = top + 14 + 18 * s
        out.append(
            f'<line x1="{left + pw + 14}" y1="{ly - 4}" x2="{left + pw + 34}" y2="{ly - 4}" stroke="{colour}" stroke-width="3"/>'
        )
        out.append(f'<text x="{left + pw + 40}" y="{ly}">{escape(name)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def trends_html(t: Trends) -> str:
    """A page with the per-10,000-character line chart, a table of counts and the undated documents."""
    labels = [p.label for p in t.periods]
    series = [(term, [r.per_10k for r in t.series(term)]) for term in t.terms]
    chart = line_chart(labels, series, "per 10,000 characters") if labels else "<p>No dated documents.</p>"
    head = "".join(f"<th>{escape(term)}</th>" for term in t.terms)
    body_rows = []
    for p in t.periods:
        cells = "".join(f"<td>{r.count}</td>" for r in t.rows if r.period == p.label)
        body_rows.append(f"<tr><th>{escape(p.label)}</th>{cells}</tr>")
    if t.undated:
        cells = "".join(f"<td>{r.count}</td>" for r in t.undated_rows)
        body_rows.append(f"<tr><th>undated</th>{cells}</tr>")
    table = f"<table><tr><th>{escape(t.by)}</th>{head}</tr>{''.join(body_rows)}</table>"
    note = f'<p class="note">Counts of {escape(t.measure)} by {escape(t.by)}; the chart shows counts per 10,000 characters.</p>'
    if t.undated:
        note += '<p class="note">Undated documents (counted apart): ' + escape(", ".join(t.undated.sources)) + "</p>"
    return page(f"bnlp trends by {t.by}", f"{note}\n{chart}\n{table}")


def network_svg(n: Network, width: int = 900, height: int = 700) -> str:
    """An SVG drawing of the network: nodes placed by networkx's spring layout (Fruchterman &
    Reingold 1991, fixed seed), circle area by unit count, edge width by weight."""
    import networkx as nx

    g = n.to_networkx()
    if not g.number_of_nodes():
        return "<p>No edges.</p>"
    pos = nx.spring_layout(g, seed=7, weight=None)
    pad = 60
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)

    def sx(v: float) -> float:
        return pad + (width - 2 * pad) * ((v - x0) / (x1 - x0) if x1 > x0 else 0.5)

    def sy(v: float) -> float:
        return pad + (height - 2 * pad) * ((v - y0) / (y1 - y0) if y1 > y0 else 0.5)

    weights = [e.weight for e in n.edges]
    wmin, wmax = min(weights), max(weights)
    cmax = max(n.nodes.values())
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
    ]
    for e in n.edges:
        w = 1 + 4 * ((e.weight - wmin) / (wmax - wmin) if wmax > wmin else 0.5)
        a, b = pos[e.source], pos[e.target]
        out.append(
            f'<line x1="{sx(a[0]):.1f}" y1="{sy(a[1]):.1f}" x2="{sx(b[0]):.1f}" y2="{sy(b[1]):.1f}" stroke="#888" '
            f'stroke-opacity="0.6" stroke-width="{w:.2f}"><title>{escape(f"{e.source} – {e.target}: {e.weight:.4f} ({e.count})")}</title></line>'
        )
    for t in sorted(n.nodes):
        c = n.nodes[t]
        r = 4 + 14 * (c / cmax) ** 0.5
        px, py = sx(pos[t][0]), sy(pos[t][1])
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{r:.1f}" fill="#56B4E9" stroke="#0072B2"><title>{escape(f"{t}: {c}")}</title></circle>'
        )
        out.append(f'<text x="{px:.1f}" y="{py - r - 3:.1f}" text-anchor="middle">{escape(t)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def cooccur_html(n: Network) -> str:
    """A page with the network drawing and the edge table."""
    rows = "".join(
        f"<tr><td>{escape(e.source)}</td><td>{escape(e.target)}</td><td>{e.count}</td><td>{e.weight:.4f}</td></tr>"
        for e in n.edges
    )
    table = f"<table><tr><th>term A</th><th>term B</th><th>units with both</th><th>{escape(n.measure)}</th></tr>{rows}</table>"
    note = f'<p class="note">{len(n.edges)} edges over {n.units} {escape(n.window)}s; weight: {escape(n.measure)} — {escape(n.citation)}.</p>'
    return page(f"bnlp co-occurrence network ({n.measure})", f"{note}\n{network_svg(n)}\n{table}")
