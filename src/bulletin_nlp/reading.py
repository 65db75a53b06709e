"""Reading input: files, folders, standard input, ``.txt``/``.md`` in any common encoding, ``.docx``.

Encodings are decided in this order: a byte-order mark (UTF-8, UTF-16, UTF-32); strict UTF-8;
otherwise charset-normalizer's best guess, where any of the GB family (GB2312, GBK, GB18030) is
decoded as GB18030, their superset. A file that decodes in part as UTF-8 and in part not is
reported with the line and byte where UTF-8 breaks, never decoded with replacement characters.
Input files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import BnlpError
from .normalise import clean_decoded

#: File name endings read when a folder is given.
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx")
STDIN = "-"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "ms936"}


class InputError(BnlpError):
    """A file that cannot be read; ``str(err)`` is one line, ``path: problem``."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class Document:
    """Decoded input: ``source`` (path or ``<stdin>``), ``encoding`` and LF-separated ``text``."""

    source: str
    encoding: str
    text: str

    def to_dict(self) -> dict[str, str]:
        """``{"source", "encoding", "text"}``."""
        return {"source": self.source, "encoding": self.encoding, "text": self.text}


def expand_inputs(paths: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """Turn command-line arguments into a sorted list of files to read.

    Folders are searched recursively for :data:`SUPPORTED_SUFFIXES` (hidden files and Word's
    ``~$`` lock files skipped); ``-`` stands for standard input.

    Returns:
        (files, errors): errors for missing paths and folders with no supported file.
    """
    files: list[str] = []
    errors: list[InputError] = []
    for p in paths:
        if p == STDIN:
            files.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(
                str(f)
                for f in path.rglob("*")
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith((".", "~$"))
            )
            if not found:
                errors.append(InputError(p, "folder holds no .txt, .md or .docx file"))
            files.extend(found)
        elif path.exists():
            files.append(p)
        else:
            errors.append(InputError(p, "no such file or folder"))
    return files, errors


def _position(data: bytes, offset: int) -> str:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, byte {col} (0x{data[offset]:02X} at offset {offset})"


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(
            path, f"cannot decode as {encoding} at {_position(data, e.start)}; pass --encoding to choose another"
        ) from None
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\xd0\xcf\x11\xe0"))


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` read from ``path``.

    Args:
        data: the raw bytes.
        path: used in error messages only.
        encoding: force this codec (``gbk`` and ``gb2312`` are read as their superset GB18030).

    Returns:
        (text, encoding name), the text with U+FEFF removed and LF line endings.

    Raises:
        InputError: empty or binary input, or bytes that do not decode (naming line and byte).
    """
    text: str | None
    if encoding:
        enc = encoding.lower().replace("-", "").replace("_", "")
        enc = "gb18030" if enc in {"gbk", "gb2312", "cp936", "gb18030"} else encoding
        text, name = _strict(data, enc, path), enc
    else:
        text = None
        name = ""
        for bom, codec in _BOMS:
            if data.startswith(bom):
                text, name = (
                    _strict(data, codec, path),
                    codec.replace("-sig", "") + ("-bom" if codec == "utf-8-sig" else ""),
                )
                break
        if text is None:
            if _looks_binary(data):
                raise InputError(path, "looks like a binary file, not text")
            try:
                text, name = data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError as e:
                good = data[: e.start].decode("utf-8", "ignore")
                if sum(ord(c) > 0x7F for c in good) >= 2:
                    # Valid multi-byte UTF-8 before the break: a file that mixes encodings.
                    raise InputError(
                        path,
                        f"not valid UTF-8 at {_position(data, e.start)}, though the text before it is UTF-8;"
                        " the file mixes encodings (pass --encoding to force one)",
                    ) from None
                from charset_normalizer import from_bytes

                best = from_bytes(data).best()
                guess = (best.encoding if best else "gb18030").lower()
                codec = "gb18030" if guess in _GB_FAMILY or best is None else guess
                text, name = _strict(data, codec, path), codec
    text = clean_decoded(text)
    if not text.strip():
        raise InputError(path, "no text (only whitespace)" if text else "file is empty")
    return text, name


def _read_docx(path: str) -> str:
    from docx import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = DocxDocument(path)
    except Exception as e:  # noqa: BLE001 - python-docx raises several types for damaged files
        raise InputError(path, f"cannot open as a Word .docx file ({type(e).__name__})") from None
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            for row in Table(child, doc).rows:
                seen = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def read_document(path: str, encoding: str | None = None, stdin=None) -> Document:
    """Read one input: a text file, a ``.docx`` file, or standard input for ``-``.

    Raises:
        InputError: missing, unreadable, empty, binary or undecodable input.
    """
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        text, enc = decode_bytes(data, "<stdin>", encoding)
        return Document("<stdin>", enc, text)
    if os.path.isdir(path):
        raise InputError(path, "is a folder")
    if path.lower().endswith(".docx"):
        if not os.path.exists(path):
            raise InputError(path, "no such file")
        text = clean_decoded(_read_docx(path))
        if not text.strip():
            raise InputError(path, "document is empty")
        return Document(path, "docx", text)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or e})") from None
    if data.startswith(b"PK\x03\x04"):
        raise InputError(path, "looks like a zip or Word file; only .docx files are read as Word documents")
    text, enc = decode_bytes(data, path, encoding)
    return Document(path, enc, text)
