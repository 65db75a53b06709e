"""Excel workbooks (``--format xlsx`` / ``-o results.xlsx``) written with openpyxl.

Every result that has tables gets one sheet per table (:func:`sheets`): a result's own
``sheets()`` mapping (``{sheet name: (header, rows)}``), else one sheet of ``result.table()``.
Column widths are set from the text's display width (CJK characters count two, East Asian
Width from :func:`unicodedata.east_asian_width`), capped at :data:`MAX_WIDTH`; the header row is
bold and frozen. openpyxl (https://openpyxl.readthedocs.io) is imported only when a workbook is
written. The output is deterministic: the workbook's creation and modification times are fixed.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

#: Widest column, in Excel's character units (a CJK character is two).
MAX_WIDTH = 60
#: Narrowest column.
MIN_WIDTH = 6
#: Fixed workbook time, so that the same result gives the same bytes.
FIXED_TIME = datetime(2000, 1, 1)

Table = tuple[Sequence[str], Sequence[Sequence[Any]]]


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen: 2 for wide and full-width characters, 1 otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def sheets(result: Any) -> dict[str, Table]:
    """The sheets of ``result``: its ``sheets()`` if it has one, else ``{"items": result.table()}``."""
    own = getattr(result, "sheets", None)
    if callable(own):
        return dict(own())
    return {getattr(result, "sheet_name", "items"): result.table()}


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (int, float, str)):
        if isinstance(value, str):  # characters Excel refuses (control characters) are dropped
            return "".join(c for c in value if c in "\t\n" or ord(c) >= 32)
        return value
    return str(value)


def to_xlsx(tables: dict[str, Table]) -> bytes:
    """A workbook with one sheet per ``{name: (header, rows)}`` entry, as bytes.

    Raises:
        MissingDependencyError: openpyxl is not installed.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
    except ImportError:
        from ..errors import MissingDependencyError

        raise MissingDependencyError("--format xlsx needs openpyxl: pip install openpyxl") from None
    wb = Workbook()
    wb.remove(wb.active)
    for name, (header, rows) in tables.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append(list(header))
        widths = [display_width(str(h)) for h in header]
        for row in rows:
            values = [_cell(v) for v in row]
            ws.append(values)
            for i, v in enumerate(values):
                if v is not None and i < len(widths):
                    longest = max((display_width(x) for x in str(v).split("\n")), default=0)
                    widths[i] = max(widths[i], longest)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, w + 2))
            if w > MAX_WIDTH:
                for (c,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return _fix_zip_times(buf.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    """Rewrite the zip with fixed member times (openpyxl stamps the current time)."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            dst.writestr(fixed, data)
    return out.getvalue()
