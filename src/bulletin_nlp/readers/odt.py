"""OpenDocument Text (``.odt``, LibreOffice and WPS), read from its ``content.xml`` with lxml.

No maintained pure-Python library reads ODF text with headers, frames and tracked changes
better than a short walk of the XML (odfpy gives the same elements, one level lower), so the
walk is done here, after the OpenDocument 1.3 specification (OASIS), part 3: headings
(``text:h``) and paragraphs (``text:p``) are one line each, in document order, including
those in tables, list items and text frames; ``text:s`` is N spaces, ``text:tab`` a tab,
``text:line-break`` a line break; tracked changes are shown accepted (the deleted text kept
in ``text:tracked-changes`` is not read); notes (footnotes) are left out. Page headers and
footers (``style:header``/``style:footer`` in ``styles.xml``) are masthead and footer
candidates.
"""

from __future__ import annotations

import zipfile

from . import Extracted, library_version

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_SKIP = {TEXT + "tracked-changes", TEXT + "note", TEXT + "sequence-decls", TEXT + "deletion"}


def _inline(el, out: list[str]) -> None:
    if el.text:
        out.append(el.text)
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            pass
        elif tag == TEXT + "s":
            out.append(" " * int(child.get(TEXT + "c", "1")))
        elif tag == TEXT + "tab":
            out.append("\t")
        elif tag == TEXT + "line-break":
            out.append("\n")
        elif tag in (TEXT + "p", TEXT + "h"):
            out.append("\n")  # a paragraph inside a frame anchored in this paragraph
            _inline(child, out)
            out.append("\n")
        else:
            _inline(child, out)
        if child.tail:
            out.append(child.tail)


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _blocks(root) -> list[list[str]]:
    """Paragraph blocks in document order; a data table (a row of two cells or more) is one block."""
    blocks: list[list[str]] = []

    def walk(el, sink):
        for child in el:
            if child.tag in _SKIP:
                continue
            if child.tag in (TEXT + "p", TEXT + "h"):
                out: list[str] = []
                _inline(child, out)
                lines = [line for line in "".join(out).split("\n") if line.strip()]
                if lines:
                    sink(lines)
            elif child.tag == TABLE + "table" and any(
                len(row.findall(TABLE + "table-cell")) > 1 for row in child.iter(TABLE + "table-row")
            ):
                cells: list[str] = []
                walk(child, cells.extend)
                if cells:
                    blocks.append(cells)
            else:
                walk(child, sink)

    walk(root, blocks.append)
    return blocks


def read_odt(path: str) -> Extracted:
    """Read an ``.odt`` file's text, one paragraph a line, an empty line between paragraphs
    (none between the cells of a data table), page headers and footers apart.

    Raises:
        InputError: not a zip package holding ``content.xml``, or damaged XML.
    """
    from lxml import etree

    from ..reading import InputError

    parser = etree.XMLParser(resolve_entities=False, huge_tree=True)
    try:
        with zipfile.ZipFile(path) as zf:
            content = etree.fromstring(zf.read("content.xml"), parser=parser)
            styles = etree.fromstring(zf.read("styles.xml"), parser=parser) if "styles.xml" in zf.namelist() else None
    except (zipfile.BadZipFile, KeyError, OSError):
        raise InputError(path, "cannot open as an OpenDocument .odt file (not a valid package)") from None
    except etree.XMLSyntaxError:
        raise InputError(path, "cannot open as an OpenDocument .odt file (damaged XML)") from None
    header: list[str] = []
    footer: list[str] = []
    if styles is not None:
        for tag, target in ((STYLE + "header", header), (STYLE + "footer", footer)):
            for el in styles.iter(tag):
                for block in _blocks(el):
                    for line in block:
                        if line.strip() not in target:
                            target.append(line.strip())
    return Extracted(
        text="\n\n".join("\n".join(block) for block in _blocks(content)),
        reader="lxml",
        header=header,
        footer=footer,
        versions={"lxml": library_version("lxml")},
    )
