"""Machine-readable output: JSON, JSONL, CSV and Markdown; writing to stdout or (atomically) to a file.

All writers are deterministic: the same data gives byte-identical output.
"""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO


def to_json(data: Any) -> str:
    """Pretty JSON, UTF-8 characters kept (not ``\\u`` escaped), trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    """One compact JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text (RFC 4180 quoting, CRLF rows as Excel writes them); floats with 4 decimals.

    The UTF-8 byte-order mark that lets Excel and WPS detect the encoding is added by
    :func:`write_text` for the ``csv`` format.
    """
    import csv  # only CSV output needs it

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for row in rows:
        w.writerow(["" if v is None else (f"{v:.4f}" if isinstance(v, float) else v) for v in row])
    return buf.getvalue()


def md_cell(value: Any) -> str:
    """A Markdown table cell: pipes escaped, line breaks as <br>."""
    s = "" if value is None else str(value)
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A GitHub-flavoured Markdown table."""
    lines = ["| " + " | ".join(md_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


#: Formats written as UTF-8 bytes whatever the locale: only the terminal ``table`` follows the
#: console's encoding.
MACHINE_FORMATS = ("json", "jsonl", "csv", "markdown")


def write_stdout(text: str, fmt: str, stdout: TextIO | None = None) -> None:
    """Write ``text`` to standard output.

    Machine formats (:data:`MACHINE_FORMATS`) go to the stream's byte buffer as UTF-8 (``csv``
    with a byte-order mark), so that an ASCII or GBK locale neither changes nor breaks them;
    the ``table`` format is written in the console's own encoding.
    """
    out = stdout or sys.stdout
    if fmt in MACHINE_FORMATS and hasattr(out, "buffer"):
        out.flush()
        out.buffer.write((("\ufeff" + text) if fmt == "csv" else text).encode("utf-8"))
        out.buffer.flush()
    else:
        out.write(text)
        out.flush()


def write_bytes(data: bytes, path: str | None, stdout: TextIO | None = None) -> None:
    """Write a binary format (XLSX) to ``path`` atomically, or to standard output when it is not
    a terminal.

    Raises:
        UsageError: no ``path`` and standard output is a terminal.
        OutputError: ``path`` cannot be written.
    """
    if path is None or path == "-":
        out = stdout or sys.stdout
        from .console import is_terminal

        if is_terminal(out) or not hasattr(out, "buffer"):
            from ..errors import UsageError

            raise UsageError("an Excel workbook is not for the terminal: write it with -o FILE.xlsx")
        out.flush()
        out.buffer.write(data)
        out.buffer.flush()
        return
    from ..atomic import write_bytes as atomic_write

    atomic_write(path, data)


def write_text(text: str, path: str | None, fmt: str, stdout: TextIO | None = None) -> None:
    """Write output to ``path`` with :func:`bulletin_nlp.atomic.write_text`, or to stdout.

    CSV gets a UTF-8 byte-order mark so that Excel and WPS open it correctly.

    Raises:
        OutputError: ``path`` cannot be written (one-line message naming it).
    """
    if path is None or path == "-":
        write_stdout(text, fmt, stdout)
        return
    from ..atomic import write_text as atomic_write

    atomic_write(path, text, bom=fmt == "csv")
