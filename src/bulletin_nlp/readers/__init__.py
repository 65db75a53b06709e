"""Readers for the formats bulletins arrive in, one module per format, each imported lazily.

Every reader turns one file into an :class:`Extracted`: the text as a person sees it (one
paragraph a line, LF line endings), the page header and footer lines kept apart (they are
masthead and footer candidates, never items), and the name and version of the library used.
``bulletin_nlp.reading`` picks the reader from the file name and wraps the result in a
``Document``. Readers raise ``bulletin_nlp.reading.InputError`` for files they cannot read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """What a reader got from one file.

    Attributes:
        text: the document's text in reading order, one paragraph a line.
        reader: the library that did the reading (``"docx2python"``, ``"pypdfium2"`` …).
        header: page-header lines (running heads), deduplicated, in order of first appearance.
        footer: page-footer lines, deduplicated, page numbers removed.
        versions: ``{library: version}`` of the libraries used.
        notes: warnings for the user (one line each), e.g. a low-confidence decision.
    """

    text: str
    reader: str
    header: list[str] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def library_version(name: str) -> str:
    """The installed version of distribution ``name``, or ``"unknown"``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def apply_page_parts(bulletin, doc):
    """Use a document's page header and footer lines for its masthead and footer.

    Word and PDF bulletins often carry the masthead line (刊名, 第N期, date) in the page header
    and the distribution list (报/送/发) in the page footer. They never become items: the
    header is read as a masthead when the text itself has none (fields the text's masthead
    lacks are filled from it), and the footer lines that read as a distribution footer are
    added to the bulletin's footer. Also copies the document's format, reader, reader
    versions and notes onto the bulletin.

    Args:
        bulletin: a :class:`~bulletin_nlp.models.Bulletin` from ``segment_text``.
        doc: the :class:`~bulletin_nlp.reading.Document` it was made from (plain objects with
            a ``text`` attribute are accepted too).

    Returns:
        the same bulletin, updated in place.
    """
    from ..masthead import find_footer, find_masthead

    bulletin.format = getattr(doc, "format", "text")
    bulletin.reader = getattr(doc, "reader", "builtin")
    bulletin.reader_versions = dict(getattr(doc, "versions", {}) or {})
    bulletin.notes = list(getattr(doc, "notes", []) or [])
    header = list(getattr(doc, "header", []) or [])
    footer = list(getattr(doc, "footer", []) or [])
    if header:
        found, _ = find_masthead(header)
        if found is not None:
            if bulletin.masthead is None:
                bulletin.masthead = found
            else:
                for name in ("name", "issue", "issuer", "date"):
                    if getattr(bulletin.masthead, name) is None:
                        setattr(bulletin.masthead, name, getattr(found, name))
    if footer:
        at = find_footer(footer, 0)
        if at is not None:
            extra = "\n".join(line.strip() for line in footer[at:] if line.strip())
            if extra and extra not in (bulletin.footer or ""):
                bulletin.footer = f"{bulletin.footer}\n{extra}" if bulletin.footer else extra
    return bulletin
