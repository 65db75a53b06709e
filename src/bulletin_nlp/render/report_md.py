"""Markdown view of ``bnlp report`` (kept apart from :mod:`bulletin_nlp.render.report`, which
imports rich): per bulletin a heading, its masthead, an items table and its counts; with several
bulletins an overview with theme trends (dated bulletins oldest first; undated ones listed apart)."""

from __future__ import annotations

from ..report import COMPARE_COMMAND, TRENDS_COMMAND, BulletinReport, CollectionReport
from .formats import md_table


def _bulletin(b: BulletinReport) -> str:
    head = f"## {b.title}\n\n"
    facts = [
        f"{k}: {v}" for k, v in (("source", b.source), ("期号", b.issue), ("编发", b.issuer), ("日期", b.date)) if v
    ]
    facts.append(f"条数: {b.item_count}")
    items = md_table(
        ("#", "标题 / headline", "单位 / unit", "地区 / region", "主题 / themes", "关键词 / keywords"),
        ((it.index, it.label, it.unit, it.region, "、".join(it.themes), "、".join(it.keywords)) for it in b.items),
    )
    themes = md_table(("主题 / theme", "items"), b.theme_counts.items()) if b.theme_counts else "（无）\n"
    return (
        head
        + " · ".join(facts)
        + "\n\n"
        + items
        + "\n### 主题分布 / items per theme\n\n"
        + themes
        + "\n关键词 / keywords: "
        + ("、".join(b.keywords) or "（无）")
        + "\n"
    )


def report_markdown(rep: CollectionReport) -> str:
    """The report as Markdown (headings, tables; no HTML): the collection summary first (with
    several bulletins), then a section per bulletin unless ``summary_only``."""
    parts = [f"# 简报报告 / report: {len(rep.bulletins)} bulletins, {rep.item_count} items\n"]
    if len(rep.bulletins) > 1 or rep.summary_only:
        issues = [b.date or b.source for b in rep.issues]
        parts.append(
            "## 主题走势 / themes across issues (oldest → newest)\n\n"
            + md_table(("theme", "total", *issues), ((k, sum(v), *v) for k, v in rep.trends.items()))
        )
        if rep.undated:
            parts.append("未注明日期 / undated (not in the trends): " + "、".join(b.source for b in rep.undated) + "\n")
        parts.append(f"全部走势 / full trends: `{TRENDS_COMMAND}`\n")
        parts.append("## 地区 / regions\n\n" + md_table(("region", "items"), rep.region_counts.items()))
        if rep.distinctive:
            parts.append(
                "## 各地区特色词 / distinctive terms per region (log-odds z, count)\n\n"
                + md_table(
                    ("region", "terms"),
                    (
                        (region, "、".join(f"{d['term']} ({d['score']:.2f}, {d['count']})" for d in terms))
                        for region, terms in rep.distinctive.items()
                    ),
                )
            )
            parts.append(f"全部特色词 / all terms: `{COMPARE_COMMAND}`\n")
        parts.append("关键词 / keywords: " + ("、".join(rep.keywords) or "（无）") + "\n")
    if not rep.summary_only:
        parts += [_bulletin(b) for b in rep.bulletins]
    return "\n".join(parts)
