"""Machine-readable output: JSON, JSONL, CSV and Markdown, and atomic writing of files.

All writers are deterministic: the same data gives byte-identical output.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence

FORMATS = ("table", "json", "jsonl", "csv", "markdown")


def to_json(data) -> str:
    """Pretty JSON, UTF-8 characters kept (not ``\\u`` escaped), trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(records: Iterable[dict]) -> str:
    """One compact JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def to_csv(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """CSV text (RFC 4180 quoting, CRLF rows as Excel writes them).

    The UTF-8 byte-order mark that lets Excel and WPS detect the encoding is added by
    :func:`write_text` for the ``csv`` format.
    """
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def md_cell(value) -> str:
    """A Markdown table cell: pipes escaped, line breaks as <br>."""
    s = "" if value is None else str(value)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def md_table(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def write_text(text: str, path: str | None, fmt: str, stdout=None) -> None:
    """Write output to ``path`` atomically (temporary file, then rename), or to stdout.

    A path that exists but is not a regular file (``/dev/null``, a FIFO) is written into directly.

    CSV files get a UTF-8 byte-order mark so that Excel and WPS open them correctly.

    Raises:
        OSError: the folder of ``path`` cannot be written.
    """
    bom = fmt == "csv"
    if path is None or path == "-":
        out = stdout or sys.stdout
        if bom and hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(("\ufeff" + text).encode("utf-8"))
            out.buffer.flush()
        else:
            out.write(text)
            out.flush()
        return
    encoding = "utf-8-sig" if bom else "utf-8"
    if os.path.exists(path) and not os.path.isfile(path):
        # A device, FIFO or terminal (/dev/null, /dev/stdout): write into it; renaming a
        # temporary file over it would replace the device itself.
        with open(path, "w", encoding=encoding, newline="") as f:
            f.write(text)
        return
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".bnlp-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
