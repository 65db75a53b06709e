"""Word ``.docx``: the document as Word shows it, read with docx2python.

docx2python (https://github.com/ShayHill/docx2python) reads paragraphs in document order,
through tables nested in table cells, text boxes, content controls (``w:sdt``), simple and
complex fields (the cached result is the text; ``w:instrText`` is not), tracked insertions
(``w:ins``; ``w:delText`` is never text), and page headers and footers.

Before docx2python sees the package, each content part is put into the state Word shows
with all changes accepted:

- moved-away text (``w:moveFrom``), deleted runs (``w:del``) and deleted table rows are
  removed, hidden text (``w:vanish``) too; a paragraph whose mark was deleted is joined with
  the next one;
- ``mc:AlternateContent`` keeps only its first ``mc:Choice`` (Word writes a text box twice,
  as DrawingML and as a VML fallback; reading both would repeat its text);
- automatic numbering labels (``一、``, ``（一）``, ``1.``) are rendered from
  ``word/numbering.xml`` by :mod:`bulletin_nlp.readers.numbering` and written into the
  paragraph as text, since docx2python renders only decimal, Latin and Roman formats.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile

from . import Extracted, library_version
from .numbering import Numbering, W

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_CONTENT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# A page-number line in a header or footer: "- 3 -", "—3—", "第3页", "第 3 页 共 8 页", "3", "3/8".
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·]*(第\s*\d+\s*页(\s*[,，]?\s*共\s*\d+\s*页)?|\d+(\s*/\s*\d+)?|[-—–－]\s*\d+\s*[-—–－])[\s\-—–－·]*$"
)


def _parse(zf: zipfile.ZipFile, name: str):
    from lxml import etree

    try:
        data = zf.read(name)
    except KeyError:
        return None
    return etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))


def _accept_changes(root) -> None:
    """Remove deleted, moved-away and hidden content; keep the first choice of alternate content."""
    # A deleted table row (w:trPr/w:del) goes with its row.
    for mark in list(root.iter(W + "del")):
        trpr = mark.getparent()
        if trpr is not None and trpr.tag == W + "trPr":
            row = trpr.getparent()
            if row is not None and row.getparent() is not None:
                row.getparent().remove(row)
    # A deleted paragraph mark (w:pPr/w:rPr/w:del) joins the paragraph with the next one.
    for p in list(root.iter(W + "p")):
        ppr = p.find(W + "pPr")
        rpr = ppr.find(W + "rPr") if ppr is not None else None
        if rpr is None or rpr.find(W + "del") is None or p.getparent() is None:
            continue
        following = p.getnext()
        if following is not None and following.tag == W + "p":
            for child in list(following):
                if child.tag != W + "pPr":
                    p.append(child)
            following.getparent().remove(following)
    for tag in ("moveFrom", "del", "moveFromRangeStart", "moveFromRangeEnd"):
        for el in list(root.iter(W + tag)):
            parent = el.getparent()
            # w:del inside w:rPr/w:pPr marks a deleted run or paragraph mark, not deleted content.
            if parent is not None and parent.tag not in (W + "rPr", W + "pPr", W + "trPr"):
                parent.remove(el)
    for vanish in list(root.iter(W + "vanish")):
        rpr = vanish.getparent()
        run = rpr.getparent() if rpr is not None else None
        if run is not None and run.tag == W + "r" and vanish.get(W + "val") not in ("0", "false"):
            run.getparent().remove(run)
    for alt in list(root.iter(MC + "AlternateContent")):
        parent = alt.getparent()
        if parent is None:
            continue
        choice = alt.find(MC + "Choice")
        keep = choice if choice is not None else alt.find(MC + "Fallback")
        index = parent.index(alt)
        parent.remove(alt)
        if keep is not None:
            for offset, child in enumerate(list(keep)):
                parent.insert(index + offset, child)


def _write_labels(root, numbering: Numbering) -> None:
    """Write each numbered paragraph's label as its first run; drop ``w:numPr`` for docx2python."""
    from lxml import etree

    for p in root.iter(W + "p"):
        label = numbering.label(p)
        ppr = p.find(W + "pPr")
        if ppr is not None:
            for numpr in ppr.findall(W + "numPr"):
                ppr.remove(numpr)
        if label:
            run = etree.Element(W + "r")
            t = etree.SubElement(run, W + "t")
            t.set(XML_NS + "space", "preserve")
            t.text = label
            p.insert(0 if ppr is None else p.index(ppr) + 1, run)


def _prepared_package(zf: zipfile.ZipFile) -> io.BytesIO:
    from lxml import etree

    numbering = Numbering.from_parts(_parse(zf, "word/numbering.xml"), _parse(zf, "word/styles.xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            data = zf.read(info.filename)
            if _CONTENT_PART.fullmatch(info.filename):
                root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, huge_tree=True))
                _accept_changes(root)
                if info.filename == "word/document.xml":
                    _write_labels(root, numbering)
                else:
                    _write_labels(root, Numbering.from_parts(None))  # drop numPr only
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, data)
    out.seek(0)
    return out


def _lines(pars) -> list[str]:
    lines: list[str] = []
    for table in pars:
        for row in table:
            for cell in row:
                for par in cell:
                    text = "".join(str(r) for r in par.runs)
                    lines.extend(text.split("\n"))
    return lines


def _blocks(pars) -> list[list[str]]:
    """The body as blocks: one per paragraph, one per data table (all its cell paragraphs).

    A data table has a row of two cells or more; a one-column table is page layout (templates
    put whole items in one), and its paragraphs are blocks of their own.
    """
    blocks: list[list[str]] = []
    for table in pars:
        data_table = any(len(row) > 1 for row in table)
        lines = []
        for row in table:
            for cell in row:
                for par in cell:
                    text = "".join(str(r) for r in par.runs)
                    if data_table:
                        lines.extend(text.split("\n"))
                    elif text.strip():
                        blocks.append(text.split("\n"))
        if data_table and any(line.strip() for line in lines):
            blocks.append([line for line in lines if line.strip()])
    return blocks


def _page_lines(pars) -> list[str]:
    seen: list[str] = []
    for line in _lines(pars):
        line = line.strip()
        if line and not _PAGE_NUMBER.match(line) and line not in seen:
            seen.append(line)
    return seen


def read_docx(path: str) -> Extracted:
    """Read a ``.docx`` file as Word shows it with all changes accepted.

    Returns:
        an :class:`Extracted` with one paragraph a line and an empty line between paragraphs,
        as a bulletin typed in a ``.txt`` file; a data table's cell paragraphs are one line
        each, in reading order, with no empty line inside the table, so the table stays one
        block of the item it sits in; empty paragraphs are dropped; page header and footer
        lines apart; ``reader="docx2python"``.

    Raises:
        InputError: the file is not a zip package holding ``word/document.xml``.
    """
    from ..reading import InputError

    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise InputError(
            path, f"cannot open as a Word .docx file ({type(e).__name__}: not a valid zip package)"
        ) from None
    with zf:
        if "word/document.xml" not in zf.namelist():
            raise InputError(path, "cannot open as a Word .docx file (no word/document.xml in the package)")
        try:
            package = _prepared_package(zf)
        except Exception as e:  # noqa: BLE001 - lxml and zipfile raise many types for damaged parts
            raise InputError(path, f"cannot open as a Word .docx file ({type(e).__name__} in its XML)") from None
    from docx2python import docx2python

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with docx2python(package, duplicate_merged_cells=False) as content:
                body = _blocks(content.body_pars)
                header = _page_lines(content.header_pars)
                footer = _page_lines(content.footer_pars)
    except Exception as e:  # noqa: BLE001 - docx2python raises many types for damaged files
        raise InputError(path, f"cannot open as a Word .docx file ({type(e).__name__})") from None
    return Extracted(
        text="\n\n".join("\n".join(block) for block in body),
        reader="docx2python",
        header=header,
        footer=footer,
        versions={"docx2python": library_version("docx2python")},
    )
