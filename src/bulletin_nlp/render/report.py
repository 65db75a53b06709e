"""Output of ``bnlp report``: rich panels and charts, JSON, and a self-contained HTML page.

The HTML page has inline CSS only (no scripts, fonts or links to fetch) and escapes every piece
of bulletin text with :func:`html.escape`.
"""

from __future__ import annotations

import html

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..report import COMPARE_COMMAND, TRENDS_COMMAND, BulletinReport, CollectionReport
from .console import PIPE_WIDTH, cjk_text, output_width

SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30


# -- rich -----------------------------------------------------------------------------------------


def sparkline(counts: list[int]) -> str:
    """One of ▁▂▃▄▅▆▇█ per count, scaled to the largest (0 is ▁)."""
    top = max(counts, default=0)
    return "".join(SPARKS[round(c / top * (len(SPARKS) - 1)) if top else 0] for c in counts)


def _bar(n: int, top: int, width: int = BAR_WIDTH) -> Text:
    k = max(1, round(n / top * width)) if n and top else 0
    return Text("█" * k, style="cyan")


def _counts_chart(title: str, counts: dict[str, int]) -> Table:
    t = Table(title=Text(title), title_justify="left", show_header=False, box=None, padding=(0, 1))
    t.add_column("label", overflow="fold")
    t.add_column("n", justify="right")
    t.add_column("bar", no_wrap=True)
    top = max(counts.values(), default=0)
    for label, n in counts.items():
        t.add_row(Text(label), str(n), _bar(n, top))
    if not counts:
        t.add_row(Text("（无）", style="dim"), "", Text(""))
    return t


def _regions_table(title: str, counts: dict[str, int]) -> Table:
    t = Table(title=Text(title), title_justify="left")
    t.add_column("地区 / region", overflow="fold")
    t.add_column("条数 / items", justify="right")
    for region, n in counts.items():
        t.add_row(Text(region), str(n))
    return t


def _header(b: BulletinReport) -> Panel:
    lines = Text()
    lines.append(b.name or b.source, style="bold")
    if not b.name:  # no masthead: the source is the heading, not repeated as the panel title
        for label, value in (("期号", b.issue), ("编发", b.issuer), ("日期", b.date)):
            if value:
                lines.append(f"\n{label}  ", style="dim")
                lines.append(value)
        lines.append("\n条数  ", style="dim")
        lines.append(str(b.item_count))
        return Panel(lines, expand=False)
    for label, value in (("期号", b.issue), ("编发", b.issuer), ("日期", b.date)):
        if value:
            lines.append(f"\n{label}  ", style="dim")
            lines.append(value)
    lines.append("\n条数  ", style="dim")
    lines.append(str(b.item_count))
    return Panel(lines, title=Text(b.source), title_align="left", expand=False)


def _items_table(b: BulletinReport) -> Table:
    narrow = output_width() < PIPE_WIDTH  # short columns are capped only on a limited width
    t = Table(title=Text("条目 / items"), title_justify="left")
    t.add_column("#", justify="right", style="dim", no_wrap=True)
    t.add_column("标题\nheadline", overflow="fold", ratio=1)  # the headline takes the room left
    t.add_column("单位\nunit", overflow="fold", max_width=12 if narrow else None)
    t.add_column("地区\nregion", no_wrap=True)
    t.add_column("主题\nthemes", overflow="fold", max_width=10 if narrow else None)
    t.add_column("关键词\nkeywords", overflow="fold", max_width=12 if narrow else None)
    for it in b.items:
        t.add_row(
            str(it.index),
            cjk_text(it.label, style="bold" if it.title else "italic"),
            cjk_text(it.unit or ""),
            Text(it.region or ""),
            cjk_text("、".join(it.themes)),
            cjk_text("、".join(it.keywords)),
        )
    return t


def _keywords_line(words: list[str]) -> Text:
    line = Text("关键词 / keywords: ", style="bold")
    line.append("、".join(words) if words else "（无）")
    return line


def bulletin_view(b: BulletinReport) -> Group:
    """Header panel, items table, items per theme, regions and keywords of one bulletin."""
    return Group(
        _header(b),
        _items_table(b),
        _counts_chart("主题分布 / items per theme (first theme)", b.theme_counts),
        _regions_table("地区 / regions", b.region_counts),
        _keywords_line(b.keywords),
        Text(""),
    )


def _overview(rep: CollectionReport) -> Group:
    t = Table(
        title=Text(f"{len(rep.bulletins)} 期简报 / bulletins · {rep.item_count} 条 / items"), title_justify="left"
    )
    t.add_column("日期 / date")
    t.add_column("简报 / bulletin", overflow="fold")
    t.add_column("source", overflow="fold")
    t.add_column("条数", justify="right")
    t.add_column("主要主题 / main themes", overflow="fold")
    for b in rep.bulletins:
        main = "、".join(f"{k} {v}" for k, v in list(b.theme_counts.items())[:3])
        t.add_row(Text(b.date or "—"), Text(b.title), Text(b.source), str(b.item_count), Text(main))
    trend = Table(title=Text("主题走势 / themes across issues (oldest → newest)"), title_justify="left")
    trend.add_column("主题 / theme")
    trend.add_column("合计", justify="right")
    trend.add_column("走势", no_wrap=True)
    trend.add_column("各期 / per issue", overflow="fold")
    for label, counts in rep.trends.items():
        trend.add_row(
            Text(label), str(sum(counts)), Text(sparkline(counts), style="cyan"), Text(" ".join(str(c) for c in counts))
        )
    undated = (
        [Text("未注明日期 / undated (not in the trends): " + "、".join(b.source for b in rep.undated))]
        if rep.undated
        else []
    )
    return Group(
        t,
        trend,
        *undated,
        Text(f"全部走势 / full trends: {TRENDS_COMMAND}", style="dim"),
        _counts_chart("主题分布 / items per theme, all bulletins", rep.theme_counts),
        _regions_table("地区 / regions, all bulletins", rep.region_counts),
        *_distinctive_table(rep),
        _keywords_line(rep.keywords),
    )


def _distinctive_table(rep: CollectionReport) -> list:
    """The distinctive terms per region and the pointer to ``bnlp compare`` (nothing when the
    report has no such section)."""
    if not rep.distinctive:
        return []
    t = Table(title=Text("各地区特色词 / distinctive terms per region (log-odds z)"), title_justify="left")
    t.add_column("地区 / region", no_wrap=True)
    t.add_column("特色词 / terms (z, count)", overflow="fold")
    for region, terms in rep.distinctive.items():
        t.add_row(Text(region), cjk_text("、".join(f"{d['term']} ({d['score']:.2f}, {d['count']})" for d in terms)))
    return [t, Text(f"全部特色词 / all terms: {COMPARE_COMMAND}", style="dim")]


def report_table(rep: CollectionReport) -> Group:
    """With several bulletins (or ``summary_only``) the collection overview and theme trends
    first; then every bulletin's view unless ``summary_only``."""
    parts = []
    if len(rep.bulletins) > 1 or rep.summary_only:
        parts.append(_overview(rep))
    if not rep.summary_only:
        parts += [bulletin_view(b) for b in rep.bulletins]
    return Group(*parts)


# -- HTML -----------------------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
margin:2em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.3em;border-bottom:2px solid #b22;padding-bottom:.2em;margin-top:2em}
h3{font-size:1.05em;margin:1.2em 0 .4em}
.masthead{background:#fbf5f5;border-left:4px solid #b22;padding:.6em 1em;margin:.6em 0}
.masthead dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:0}.masthead dt{color:#777}
table{border-collapse:collapse;width:100%;font-size:.92em;margin:.4em 0}
th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;white-space:nowrap;width:3em}
.brief{font-style:italic;color:#555}
.bars td{border:none;padding:.15em .5em}.bars td.lab{width:9em;white-space:nowrap}
.bar{background:#c33;height:1em;border-radius:2px;min-width:2px}
.kw span{display:inline-block;background:#eef3fa;border:1px solid #cdd9ea;border-radius:3px;padding:0 .4em;margin:.15em}
.tag{display:inline-block;background:#f6eeee;border-radius:3px;padding:0 .3em;margin:0 .15em .15em 0;font-size:.9em}
svg{vertical-align:middle}.chart svg{max-width:100%;height:auto}.chart text{font-size:12px}.muted{color:#888}td.nw{white-space:nowrap}table.small{width:auto;min-width:16em}
"""


def _e(s) -> str:
    return html.escape("" if s is None else str(s), quote=True)


def _html_bars(counts: dict[str, int]) -> str:
    if not counts:
        return '<p class="muted">（无）</p>'
    top = max(counts.values())
    rows = "".join(
        f'<tr><td class="lab">{_e(k)}</td><td class="n">{v}</td>'
        f'<td><div class="bar" style="width:{100 * v / top:.1f}%"></div></td></tr>'
        for k, v in counts.items()
    )
    return f'<table class="bars">{rows}</table>'


def _html_regions(counts: dict[str, int]) -> str:
    if not counts:
        return '<p class="muted">（无）</p>'
    rows = "".join(f'<tr><td>{_e(k)}</td><td class="n">{v}</td></tr>' for k, v in counts.items())
    return f'<table class="small"><tr><th>地区</th><th>条数</th></tr>{rows}</table>'


def _html_keywords(words: list[str]) -> str:
    if not words:
        return '<p class="muted">（无）</p>'
    return '<p class="kw">' + "".join(f"<span>{_e(w)}</span>" for w in words) + "</p>"


def _html_bulletin(b: BulletinReport) -> str:
    fields = [
        ("刊名", b.name),
        ("期号", b.issue),
        ("编发", b.issuer),
        ("日期", b.date),
        ("条数", b.item_count),
        ("文件", b.source),
    ]
    dl = "".join(f"<dt>{k}</dt><dd>{_e(v)}</dd>" for k, v in fields if v not in (None, ""))
    rows = []
    for it in b.items:
        label = f'<span class="brief">{_e(it.label)}</span>' if not it.title else _e(it.label)
        themes = "".join(f'<span class="tag">{_e(t)}</span>' for t in it.themes)
        rows.append(
            f'<tr><td class="n">{it.index}</td><td>{label}</td><td>{_e(it.unit)}</td><td class="nw">{_e(it.region)}</td>'
            f"<td>{themes}</td><td>{_e('、'.join(it.keywords))}</td></tr>"
        )
    return (
        f'<section><h2>{_e(b.title)}</h2><div class="masthead"><dl>{dl}</dl></div>'
        "<h3>条目</h3><table><tr><th>#</th><th>标题</th><th>单位</th><th>地区</th><th>主题</th><th>关键词</th></tr>"
        + "".join(rows)
        + "</table>"
        f"<h3>主题分布（按首要主题）</h3>{_html_bars(b.theme_counts)}"
        f"<h3>地区</h3>{_html_regions(b.region_counts)}"
        f"<h3>关键词</h3>{_html_keywords(b.keywords)}</section>"
    )


def _svg_trend(counts: list[int], width: int = 160, height: int = 28) -> str:
    top = max(counts, default=0) or 1
    n = max(len(counts), 1)
    w = width / n
    rects = "".join(
        f'<rect x="{i * w + 1:.1f}" y="{height - max(1.0, c / top * height):.1f}" width="{max(w - 2, 1):.1f}" '
        f'height="{max(1.0, c / top * height):.1f}" fill="{"#c33" if c else "#ddd"}"><title>{c}</title></rect>'
        for i, c in enumerate(counts)
    )
    return f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">{rects}</svg>'


def _svg_inline(svg: str) -> str:
    return svg.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1)


def _html_trend_chart(rep: CollectionReport) -> str:
    """The themes' counts per issue as a static SVG line chart (:func:`charts.line_chart`)."""
    if not rep.trends:
        return ""
    from .charts import line_chart

    labels = [b.date or b.source for b in rep.issues]
    # inline SVG in HTML needs no namespace, and the page then names no URL at all
    series = [(label, [float(c) for c in counts]) for label, counts in rep.trends.items()]
    return (
        f'<div class="chart">{_svg_inline(line_chart(labels, series, "条数 / items", width=900, height=380))}</div>'
        f'<p class="muted">全部走势：<code>{_e(TRENDS_COMMAND)}</code></p>'
    )


def _html_distinctive(rep: CollectionReport) -> str:
    if not rep.distinctive:
        return ""
    rows = "".join(
        f'<tr><td class="nw">{_e(region)}</td><td>'
        + "、".join(f'{_e(d["term"])} <span class="muted">{d["score"]:.2f} · {d["count"]}</span>' for d in terms)
        + "</td></tr>"
        for region, terms in rep.distinctive.items()
    )
    return (
        "<h3>各地区特色词（加权对数优势比 z · 次数）</h3>"
        f"<table><tr><th>地区</th><th>特色词</th></tr>{rows}</table>"
        f'<p class="muted">全部特色词：<code>{_e(COMPARE_COMMAND)}</code></p>'
    )


def _html_overview(rep: CollectionReport) -> str:
    rows = "".join(
        f'<tr><td>{_e(b.date or "—")}</td><td>{_e(b.title)}</td><td>{_e(b.source)}</td><td class="n">{b.item_count}</td>'
        f"<td>{_e('、'.join(f'{k} {v}' for k, v in list(b.theme_counts.items())[:3]))}</td></tr>"
        for b in rep.bulletins
    )
    trend = "".join(
        f'<tr><td>{_e(label)}</td><td class="n">{sum(c)}</td><td>{_svg_trend(c)}</td>'
        f"<td>{_e(' '.join(str(x) for x in c))}</td></tr>"
        for label, c in rep.trends.items()
    )
    return (
        "<section><h2>汇总</h2><h3>各期简报（按日期）</h3>"
        "<table><tr><th>日期</th><th>简报</th><th>文件</th><th>条数</th><th>主要主题</th></tr>" + rows + "</table>"
        "<h3>主题走势（从早到晚）</h3><table><tr><th>主题</th><th>合计</th><th>走势</th><th>各期</th></tr>"
        + trend
        + "</table>"
        + (
            f'<p class="muted">未注明日期（不计入走势）：{_e("、".join(b.source for b in rep.undated))}</p>'
            if rep.undated
            else ""
        )
        + _html_trend_chart(rep)
        + f"<h3>主题分布</h3>{_html_bars(rep.theme_counts)}"
        f"<h3>地区</h3>{_html_regions(rep.region_counts)}"
        + _html_distinctive(rep)
        + f"<h3>关键词</h3>{_html_keywords(rep.keywords)}</section>"
    )


def report_html(rep: CollectionReport) -> str:
    """A self-contained HTML page (inline CSS and SVG, no scripts or external resources)."""
    if len(rep.bulletins) == 1:
        title = rep.bulletins[0].title
    else:
        title = f"简报汇总（{len(rep.bulletins)} 期）"
    body = "".join(_html_bulletin(b) for b in rep.bulletins)
    if len(rep.bulletins) > 1:
        body = _html_overview(rep) + body
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<h1>{_e(title)}</h1>\n<p class="muted">{len(rep.bulletins)} 期 · {rep.item_count} 条 · bnlp report</p>\n'
        f"{body}\n</body>\n</html>\n"
    )
