"""Item filters and sorting for ``segment``, ``classify`` and ``report`` output, and the date of
a bulletin (issue date).

:class:`ItemFilter` keeps the items whose themes include ``theme``, whose region is ``region``,
whose kind is ``kind`` (``article``/``brief``), and whose bulletin's date lies between ``since``
and ``until``; ``sort`` orders items (``date``: by bulletin date, undated last; ``region``;
``theme``: by first theme). Filters run on results before rendering, so every format agrees.

Dates
    :func:`bulletin_date` takes the masthead date, else a date in the file name (``2023-03``,
    ``2023_03_31``, ``20230331``, ``2023年第3期``/``2023年3月``, ``1954.txt``), else None
    (undated). A date is ISO text of 1 to 3 parts (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``);
    :func:`date_range` gives the first and last day it can mean, which is how ``--since`` and
    ``--until`` compare (a bulletin dated ``2023-03`` is kept by ``--since 2023-03-15``).
    The rule is :func:`bulletin_nlp.corpus.dates.doc_date`, shared with the corpus commands.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["ItemFilter", "bulletin_date", "date_from_name", "date_range", "parse_user_date"]


def bulletin_date(bulletin: Any) -> str | None:
    """A bulletin's issue date: its masthead's, else its file name's, else None.

    The one date rule of bnlp: :func:`bulletin_nlp.corpus.dates.doc_date` (used by the corpus
    commands too)."""
    from .corpus.dates import doc_date  # imported when dates are asked for: a plain run never needs them

    return doc_date(bulletin).date


def date_from_name(source: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a file name, or None: the rule of
    :func:`bulletin_nlp.corpus.dates.date_from_name`."""
    from .corpus.dates import date_from_name as from_name

    return from_name(source)


def date_range(date: str) -> tuple[str, str]:
    """The first and last ISO day a ``YYYY[-MM[-DD]]`` date can mean."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{date}-01", f"{date}-31"
    return date, date


def parse_user_date(text: str) -> str:
    """A ``--since``/``--until`` value as ``YYYY[-MM[-DD]]`` (also ``2023/3``, ``2023年3月``).

    Raises:
        ValueError: not such a date (the message says what is accepted).
    """
    m = re.fullmatch(r"\s*(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})日?)?月?)?\s*", text)
    if not m:
        raise ValueError(f"{text!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return "-".join([m.group(1), *(g.zfill(2) for g in m.groups()[1:] if g)])


@dataclass(frozen=True)
class ItemFilter:
    """Which items to keep and how to order them (all None: keep everything in input order)."""

    theme: str | None = None
    region: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.theme, self.region, self.kind, self.since, self.until, self.sort))

    @property
    def by_date(self) -> bool:
        return self.since is not None or self.until is not None

    def keep_date(self, date: str | None) -> bool:
        """True when a bulletin with ``date`` lies in ``since``..``until`` (undated: only without them)."""
        if not self.by_date:
            return True
        if date is None:
            return False
        first, last = date_range(date)
        if self.since is not None and last < date_range(self.since)[0]:
            return False
        return not (self.until is not None and first > date_range(self.until)[1])

    def keep_item(self, region: str | None, kind: str | None, themes: Sequence[str] | None) -> bool:
        """True when an item's region, kind and themes pass the filter."""
        if self.region is not None and (region or "") != self.region:
            return False
        if self.kind is not None and kind != self.kind:
            return False
        return self.theme is None or (themes is not None and self.theme in themes)

    def order(
        self, items: list[Any], region: Callable[[Any], str | None], themes: Callable[[Any], Sequence[str]]
    ) -> list[Any]:
        """``items`` ordered by ``sort`` (``region`` or ``theme``; stable, empty values last)."""
        if self.sort == "region":
            return sorted(items, key=lambda x: (region(x) is None, region(x) or ""))
        if self.sort == "theme":
            return sorted(items, key=lambda x: (not themes(x), (list(themes(x)) or [""])[0]))
        return items

    def order_documents(self, docs: list[Any], date: Callable[[Any], str | None]) -> list[Any]:
        """Documents by date (undated last, then by source) when ``sort`` is ``date``."""
        if self.sort != "date":
            return docs
        return sorted(docs, key=lambda d: (date(d) is None, date(d) or "", str(getattr(d, "source", ""))))
