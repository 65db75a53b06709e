"""Reading input: files, folders, standard input, in every format bulletins arrive in.

Formats (chosen by the file name's ending; see :data:`FORMATS`): plain text (``.txt``, ``.md``)
in any common encoding, Word ``.docx`` (docx2python), PDF with a text layer (pypdfium2),
saved web pages ``.html``/``.htm``/``.mhtml`` (trafilatura), ``.rtf`` (striprtf) and
OpenDocument ``.odt``. Word 97-2003 ``.doc`` and WPS ``.wps`` files get a one-line message
that says how to convert them. Each reader is imported only when a file of its format is read.

Encodings of text files are decided in this order: a byte-order mark (UTF-8, UTF-16, UTF-32);
strict UTF-8; otherwise charset-normalizer's best guess, where any of the GB family (GB2312,
GBK, GB18030) is decoded as GB18030, their superset, and where bytes that decode cleanly as
GB18030 into Chinese text win over another guess (Korean cp949, Big5, UTF-16, Japanese…),
since short GB-coded files are often mistaken for those (case BR-48). A guess made from few
bytes or with a high mess ratio is reported in the document's ``notes``. A file that decodes in part as UTF-8
and in part not is reported with the line and byte where UTF-8 breaks, never decoded with
replacement characters. Input files are only ever opened for reading.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BnlpError
from .normalise import clean_decoded

#: File name ending -> format name, for every format that is read.
FORMATS = {
    ".txt": "text",
    ".md": "text",
    ".docx": "docx",
    ".docm": "docx",
    ".dotx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
    ".rtf": "rtf",
    ".odt": "odt",
}
#: File name endings read when a folder is given.
SUPPORTED_SUFFIXES = tuple(FORMATS)
#: Formats that are recognised but cannot be read, with the fix to tell the user.
UNREADABLE = {
    ".doc": "a Word 97-2003 .doc file, which bnlp cannot read; save it as .docx in Word or WPS",
    ".dot": "a Word 97-2003 template (.dot), which bnlp cannot read; save it as .docx in Word or WPS",
    ".wps": "a WPS Writer .wps file, which bnlp cannot read; save it as .docx in WPS",
    ".et": "a WPS spreadsheet, not a bulletin",
    ".xls": "a spreadsheet, not a bulletin",
    ".xlsx": "a spreadsheet, not a bulletin",
    ".ppt": "a presentation, not a bulletin",
    ".pptx": "a presentation, not a bulletin",
    ".jpg": "an image; bnlp does no OCR",
    ".jpeg": "an image; bnlp does no OCR",
    ".png": "an image; bnlp does no OCR",
    ".tif": "an image; bnlp does no OCR",
    ".tiff": "an image; bnlp does no OCR",
    ".ofd": "an OFD file, which bnlp cannot read; export it as PDF or .docx",
    ".zip": "an archive; unpack it first",
    ".rar": "an archive; unpack it first",
}
#: Reasons for passing over text files in a folder that are not bulletins (read when named).
FOLDER_ONLY_SKIPS = {".csv": "a table, not a bulletin"}
#: Companion files (annotations, settings, logs, scripts) passed over silently in folders, like hidden files.
COMPANION_SUFFIXES = frozenset(
    (".json", ".jsonl", ".tsv", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".log", ".py", ".sh", ".bak", ".tmp", ".lock")
)
STDIN = "-"

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "ms936"}
#: Fewer non-ASCII bytes than this make an encoding guess a low-confidence one.
LOW_CONFIDENCE_BYTES = 40
#: A charset-normalizer mess ratio at or above this makes a guess a low-confidence one.
LOW_CONFIDENCE_CHAOS = 0.1


class InputError(BnlpError):
    """A file that cannot be read; ``str(err)`` is one line, ``path: problem``."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class Document:
    """Decoded input.

    Attributes:
        source: the path, or ``<stdin>``.
        encoding: the text encoding (``utf-8``, ``gb18030`` …), or the format for files that are
            not plain text (``docx``, ``pdf``, ``html`` …).
        text: LF-separated text, one paragraph a line.
        format: ``text``, ``docx``, ``pdf``, ``html``, ``mhtml``, ``rtf`` or ``odt``.
        reader: the library that read the file (``builtin`` for plain text).
        header: page-header lines (masthead candidates, never items).
        footer: page-footer lines (footer candidates, never items).
        versions: ``{library: version}`` of the reader libraries used.
        notes: one-line warnings given while reading (a low-confidence encoding guess); nothing
            is written to stderr here: the API passes them on in its results' ``notes``.
    """

    source: str
    encoding: str
    text: str
    format: str = "text"
    reader: str = "builtin"
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """``{"source", "encoding", "format", "reader", "meta": {"reader_versions"}, "text"}``."""
        return {
            "source": self.source,
            "encoding": self.encoding,
            "format": self.format,
            "reader": self.reader,
            "meta": {"reader_versions": dict(sorted(self.versions.items()))},
            "text": self.text,
        }


@dataclass
class Scan:
    """The files found for a list of command-line arguments.

    Attributes:
        files: paths to read, folders expanded and sorted; ``-`` for standard input.
        errors: missing paths and folders with no readable file.
        skipped: ``(path, reason)`` for each file in a folder that is not read.
        notes: one line per folder (that has files to read) naming its skipped files, grouped by reason.
    """

    files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skipped_summary(self) -> str | None:
        """One line such as ``3 skipped: 2 .doc (save it as .docx in Word or WPS), 1 .xls``, or None."""
        return skipped_summary(self.skipped)


def _skip_reason(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in UNREADABLE or suffix in FOLDER_ONLY_SKIPS:
        return UNREADABLE.get(suffix) or FOLDER_ONLY_SKIPS[suffix]
    return f"{suffix or 'no file name ending'}: not a format bnlp reads"


def skipped_summary(skipped: Iterable[tuple[str, str]]) -> str | None:
    """Summarise skipped files by file name ending: ``3 skipped: 2 .doc, 1 .xls``; None if none."""
    counts = Counter(Path(p).suffix.lower() or "(no ending)" for p, _ in skipped)
    if not counts:
        return None
    parts = ", ".join(f"{n} {suffix}" for suffix, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{sum(counts.values())} skipped: {parts}"


def format_counts(documents: Iterable[Any]) -> str:
    """Count read documents per format: ``2 docx, 1 pdf, 3 text`` (most frequent first).

    ``documents``: :class:`Document` or :class:`~bulletin_nlp.models.Bulletin` objects (anything
    with a ``format`` attribute)."""
    counts = Counter(d.format for d in documents)
    return ", ".join(f"{n} {fmt}" for fmt, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _match(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _folder_reason(f: Path, rel: str, glob: Sequence[str], exclude: Sequence[str]) -> str | None:
    """Why a file found in a folder is not read (``""``: passed over silently), or None to read it."""
    parts = rel.split("/")
    if any(x.startswith(".") for x in parts[:-1]) or f.suffix.lower() in COMPANION_SUFFIXES:
        return ""  # inside .git and the like, annotations, settings, logs: not worth naming
    name = parts[-1]
    if name.startswith("."):
        return "hidden"
    if name.startswith("~$"):
        return "Word lock file"
    if name.lower().startswith("readme"):
        return "README"
    if f.suffix.lower() not in FORMATS:
        return _skip_reason(f)
    if glob and not _match(rel, glob):
        return "not matched by --glob"
    if exclude and _match(rel, exclude):
        return "--exclude"
    return None


def scan_inputs(paths: Iterable[str], glob: Sequence[str] = (), exclude: Sequence[str] = ()) -> Scan:
    """Turn command-line arguments into the files to read, naming every file a folder holds that is skipped.

    The one place folders are expanded (the API and every command use it). Folders are searched
    recursively for :data:`SUPPORTED_SUFFIXES`, sorted by path relative to the folder. Skipped and
    named with the reason: hidden files (``.name``), Word's ``~$`` lock files, ``README*`` files
    (a folder's description, not a bulletin), other formats (:data:`UNREADABLE` gives the fix),
    files not matched by a ``glob`` pattern or matched by an ``exclude`` pattern (:mod:`fnmatch`
    patterns on the path relative to the folder or on the file name). Passed over silently: files
    inside hidden folders and companion files (:data:`COMPANION_SUFFIXES`). ``-`` stands for
    standard input. A file named on the command line is always kept (its reader says what is
    wrong with it). A folder with nothing left to read is an error naming what was skipped.
    """
    scan = Scan()
    for p in paths:
        if p == STDIN:
            scan.files.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            skipped: list[tuple[str, str]] = []
            for f in sorted(path.rglob("*"), key=lambda x: x.relative_to(path).as_posix()):
                if not f.is_file():
                    continue
                rel = f.relative_to(path).as_posix()
                reason = _folder_reason(f, rel, glob, exclude)
                if reason is None:
                    found.append(str(f))
                elif reason:
                    skipped.append((rel, reason))
            scan.skipped.extend((str(path / rel), why) for rel, why in skipped)
            if not found:
                named = _skipped_line(skipped)
                scan.errors.append(
                    InputError(
                        p,
                        "folder holds no .txt, .md, .docx, .pdf, .html, .rtf or .odt file to read"
                        + (f"; {named}" if named else ""),
                    )
                )
            elif skipped:
                scan.notes.append(f"{p}: {_skipped_line(skipped)}")
            scan.files.extend(found)
        elif path.exists():
            scan.files.append(p)
        else:
            scan.errors.append(InputError(p, "no such file or folder"))
    return scan


def _skipped_line(skipped: Sequence[tuple[str, str]], limit: int = 3) -> str:
    """``skipped 3 files: a.doc (reason); README.md (README)``: each file named once, grouped by
    reason, at most ``limit`` names per reason; ``""`` when nothing was skipped."""
    from .inputs import readable_name

    if not skipped:
        return ""
    by_reason: dict[str, list[str]] = {}
    for rel, why in skipped:
        by_reason.setdefault(why, []).append(readable_name(rel))
    parts = []
    for why, names in by_reason.items():
        more = f" and {len(names) - limit} more" if len(names) > limit else ""
        parts.append(f"{', '.join(names[:limit])}{more} ({why})")
    n = len(skipped)
    return f"skipped {n} file{'s' * (n != 1)}: {'; '.join(parts)}"


def expand_inputs(paths: Iterable[str]) -> tuple[list[str], list[InputError]]:
    """Turn command-line arguments into a sorted list of files to read (see :func:`scan_inputs`).

    Folders are searched recursively for :data:`SUPPORTED_SUFFIXES`; ``-`` stands for standard
    input. Files of other formats found in folders are left out; :func:`scan_inputs` also returns
    them, with the reason, which is what the API and the command line report. Writes nothing.

    Returns:
        (files, errors): errors for missing paths and folders with no supported file.
    """
    scan = scan_inputs(paths)
    return scan.files, scan.errors


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


def _is_chinese_text(text: str) -> bool:
    """True when the non-ASCII characters of ``text`` are Chinese: at least 95% CJK ideographs or
    CJK/full-width punctuation, and no kana, Hangul or private-use characters (which a Big5,
    Shift-JIS or Korean file decoded as GB18030 produces)."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return False
    good = 0
    for c in wide:
        o = ord(c)
        if 0x3040 <= o <= 0x30FF or 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0xE000 <= o <= 0xF8FF:
            return False
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF:
            good += 1
        elif 0x2000 <= o <= 0x206F or o in (0xB7, 0xD7, 0xF7):  # general punctuation, ·, ×, ÷
            good += 1
    return good >= 0.95 * len(wide)


def _guess(data: bytes, path: str, notes: list[str] | None) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = (best.encoding if best else "gb18030").lower()
    codec = "gb18030" if guess in _GB_FAMILY or best is None else guess
    overridden = None
    if codec != "gb18030":
        try:
            as_gb = data.decode("gb18030")
        except UnicodeDecodeError:
            as_gb = None
        if as_gb is not None and _is_chinese_text(as_gb):
            overridden, codec = codec, "gb18030"
    text = _strict(data, codec, path)
    n_wide = sum(b > 0x7F for b in data)
    chaos = best.chaos if best is not None else 1.0
    if notes is not None and (n_wide < LOW_CONFIDENCE_BYTES or chaos >= LOW_CONFIDENCE_CHAOS):
        why = f"from only {n_wide} non-ASCII bytes" if n_wide < LOW_CONFIDENCE_BYTES else f"mess ratio {chaos:.2f}"
        other = f" rather than {overridden}" if overridden else ""
        notes.append(
            f"{path}: encoding guessed as {codec}{other} ({why}, low confidence); pass --encoding if the text looks wrong"
        )
    return text, codec


def decode_bytes(
    data: bytes, path: str, encoding: str | None = None, notes: list[str] | None = None
) -> tuple[str, str]:
    """Decode ``data`` read from ``path``.

    Args:
        data: the raw bytes.
        path: used in error messages only.
        encoding: force this codec (``gbk`` and ``gb2312`` are read as their superset GB18030).
        notes: if given, a one-line warning is appended when the encoding is a low-confidence
            guess (fewer than :data:`LOW_CONFIDENCE_BYTES` non-ASCII bytes, or a mess ratio of
            :data:`LOW_CONFIDENCE_CHAOS` or more).

    Returns:
        (text, encoding name), the text with U+FEFF removed and LF line endings.

    Raises:
        InputError: empty or binary input, or bytes that do not decode (naming line and byte).
    """
    text: str | None = None
    name = ""
    if encoding:
        enc = encoding.lower().replace("-", "").replace("_", "")
        enc = "gb18030" if enc in {"gbk", "gb2312", "cp936", "gb18030"} else encoding
        text, name = _strict(data, enc, path), enc
    else:
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
                text, name = _guess(data, path, notes)
    text = clean_decoded(text)
    if not text.strip():
        raise InputError(path, "no text (only whitespace)" if text else "file is empty")
    return text, name


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as e:
        raise InputError(path, f"cannot read ({e.strerror or e})") from None


def _extract(path: str, fmt: str, encoding: str | None):
    if fmt == "docx":
        from .readers.word import read_docx

        return read_docx(path)
    if fmt == "pdf":
        from .readers.pdf import read_pdf

        return read_pdf(path)
    if fmt in ("html", "mhtml"):
        from .readers.web import read_web

        return read_web(path, _read_bytes(path), mhtml=fmt == "mhtml", encoding=encoding)
    if fmt == "rtf":
        from .readers.rtf import read_rtf

        return read_rtf(path, _read_bytes(path))
    if fmt == "odt":
        from .readers.odt import read_odt

        return read_odt(path)
    raise AssertionError(fmt)


def read_document(path: str, encoding: str | None = None, stdin=None) -> Document:
    """Read one input: a file of any format in :data:`FORMATS`, or standard input for ``-``.

    Args:
        path: the file, or ``-`` for standard input (read as text).
        encoding: force this text encoding (plain text, and web pages that declare none).
        stdin: a binary stream to read instead of ``sys.stdin.buffer``.

    Returns:
        a :class:`Document`; warnings (a low-confidence encoding guess) are kept in its
        ``notes`` (not written anywhere).

    Raises:
        InputError: missing, unreadable, empty, binary or undecodable input; a format that
            cannot be read (``.doc``, ``.wps``), a scanned PDF without a text layer.
    """
    notes: list[str] = []
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        text, enc = decode_bytes(data, "<stdin>", encoding, notes)
        return Document("<stdin>", enc, text, notes=notes)
    if os.path.isdir(path):
        raise InputError(path, "is a folder")
    suffix = os.path.splitext(path)[1].lower()
    if suffix in UNREADABLE:
        if not os.path.exists(path):
            raise InputError(path, "no such file")
        raise InputError(path, f"is {UNREADABLE[suffix]}")
    fmt = FORMATS.get(suffix, "text")
    if fmt != "text":
        if not os.path.exists(path):
            raise InputError(path, "no such file")
        got = _extract(path, fmt, encoding)
        text = clean_decoded(got.text)
        if not text.strip():
            raise InputError(path, "document is empty")
        return Document(
            path,
            fmt,
            text,
            format=fmt,
            reader=got.reader,
            header=got.header,
            footer=got.footer,
            versions=got.versions,
            notes=got.notes,
        )
    data = _read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        raise InputError(path, "looks like a zip or Word file; only .docx files are read as Word documents")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            path, "looks like a Word 97-2003 .doc or WPS file, which bnlp cannot read; save it as .docx in Word or WPS"
        )
    if data.startswith(b"%PDF"):
        raise InputError(path, "looks like a PDF file; give it a .pdf file name ending to read it")
    text, enc = decode_bytes(data, path, encoding, notes)
    return Document(path, enc, text, notes=notes)
