"""The date of a bulletin and the period it falls in (year, quarter, month or issue).

Where the date comes from, in order:

1. the masthead date (``2023年3月31日`` read by :func:`bulletin_nlp.masthead.parse_date`);
2. the file name: a year ``1954.txt``, a year and month ``2023-03`` / ``2023_03`` / ``202303``,
   or a full date ``20230331`` / ``2023-03-31`` / ``2023年3月31日``. Years 1900-2099 only, and the
   digits must not be part of a longer number (``report-12345.txt`` has no date).

A document with neither is *undated*. A date that is too coarse for the period asked for (a
year-only file name when periods are months) also leaves the document out of the periods; such
documents are counted apart and named, never dropped silently.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..errors import CorpusError
from ..models import Bulletin

#: Period kinds accepted by :func:`period_of`.
PERIODS = ("year", "quarter", "month", "issue")

_NAME_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})"
    r"(?:[-_.年]?(0[1-9]|1[0-2]|(?<=年)[1-9])"
    r"(?:[-_.月]?(0[1-9]|[12][0-9]|3[01]|(?<=月)[1-9])日?)?)?"
    r"(?![0-9])"
)


@dataclass(frozen=True)
class DocDate:
    """A document's date as far as it is known.

    Attributes:
        source: the document's source path.
        date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or None when undated.
        origin: ``"masthead"``, ``"file name"`` or None.
    """

    source: str
    date: str | None
    origin: str | None

    def to_dict(self) -> dict:
        return {"source": self.source, "date": self.date, "origin": self.origin}


def date_from_name(source: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a file name (folders are not looked at), or None.

    >>> date_from_name("reports/1954.txt"), date_from_name("hz-2023-03.txt"), date_from_name("20230331.docx")
    ('1954', '2023-03', '2023-03-31')
    """
    name = os.path.basename(source)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    found = None
    for m in _NAME_DATE.finditer(stem):
        found = m  # the last date in the name: "2023年工作-2023-03" -> 2023-03
    if not found:
        return None
    y, mo, d = found.groups()
    if mo is None:
        return y
    if d is None:
        return f"{y}-{int(mo):02d}"
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def doc_date(bulletin: Bulletin) -> DocDate:
    """The date of ``bulletin``: masthead date, else file name, else undated."""
    mh = bulletin.masthead
    if mh and mh.date and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", mh.date):
        return DocDate(bulletin.source, mh.date, "masthead")
    d = date_from_name(bulletin.source)
    if d:
        return DocDate(bulletin.source, d, "file name")
    return DocDate(bulletin.source, None, None)


def period_of(date: str | None, by: str) -> str | None:
    """The period label of ``date`` for ``by`` in ``year|quarter|month``, or None when the date
    is missing or too coarse (a year when months are asked for).

    Labels sort in time order as strings: ``2023``, ``2023-Q1``, ``2023-03``.

    Raises:
        CorpusError (a ValueError): ``by`` is not year, quarter or month.
    """
    if by not in ("year", "quarter", "month"):
        raise CorpusError(f"unknown period {by!r}; use year, quarter or month")
    if not date:
        return None
    if by == "year":
        return date[:4]
    if len(date) < 7:
        return None
    if by == "month":
        return date[:7]
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"


def issue_label(bulletin: Bulletin, date: DocDate) -> str:
    """The label of one issue as its own period: date, then issue number or file name."""
    mh = bulletin.masthead
    tag = (mh.issue if mh and mh.issue else None) or os.path.basename(bulletin.source)
    return f"{date.date} {tag}" if date.date else tag
