"""PDF with a text layer (printed from Word or WPS, e-paper pages), read with pypdfium2.

pypdfium2 (https://github.com/pypdfium2-team/pypdfium2, bindings to Google's PDFium, the PDF
engine of Chrome) gives every character with its position, size, font and render mode. From
these, paragraphs are rebuilt as a reader sees them:

1. Characters are grouped into lines by baseline; a wide horizontal gap splits a line into
   pieces. A page whose lines leave vertical gutters free is read column by column, left to
   right (two columns, or the three and four of an e-paper page); a piece that spans a gutter
   (a headline over several columns) is read in its place between the column bands.
2. Running heads and page numbers are dropped: the first and last lines of a page that lie in
   its top or bottom 12%, when they read as a page number (``- 3 -``, ``第3页``, ``3``) or
   repeat on two pages or more (digits ignored). Dropped running heads are kept as page-header
   lines (masthead candidates), dropped footers as page-footer lines.
3. Within each column, the text block's left and right margins are the most common line
   start and end. A line starts a new paragraph after a line that stops short of the right
   margin, when it has a first-line indent, when its vertical gap is larger than the usual
   line pitch, or when its kind changes: ``centred`` (both sides well inside the margins),
   ``right`` (ends at the right margin, starts far from the left one: a byline), ``large``
   (a font at least 15% larger than the body text, or a bold face) or ``body``. Consecutive
   centred or large lines of one size are one headline wrapped over several lines.
   A paragraph that reaches the bottom of a column continues at the top of the next unless
   that line is indented or of another kind.
4. Lines of a paragraph are joined without a space, except between two Latin letters.

A PDF with no characters at all is a scanned PDF: it gets one message (bnlp does no OCR).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import Extracted, library_version

_PAGE_NUMBER = re.compile(
    r"^[\s\-—–－·~]*(?:第\s*[0-9一二三四五六七八九十]+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}(?:\s*/\s*\d{1,4})?|[ivxlcIVXLC]{1,6})[\s\-—–－·~]*$"
)
# Bold faces by name, including the CJK faces Word and WPS use for headlines: 黑体 (SimHei,
# *Hei*) and 方正小标宋 (FZXiaoBiaoSong, 小标宋).
_BOLD_FONT = re.compile(r"bold|black|heavy|demi|semibold|hei|黑|biaosong|xbs|标宋", re.I)
#: Share of the page height at its top and bottom where running heads and page numbers sit.
EDGE_ZONE = 0.12


@dataclass
class _Line:
    page: int
    col: int  # column index within its band, -1 for a piece spanning the gutter
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    kind: str = "body"
    flow: int = 0  # the column flow (page, band, column) the line belongs to
    left: float = 0.0
    right: float = 0.0


def _rows(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped by baseline, each row sorted left to right."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (round(c["bottom"], 1), c["x0"])):
        if rows and abs(rows[-1][-1]["bottom"] - c["bottom"]) <= 0.3 * max(c["size"], 1.0):
            rows[-1].append(c)
        else:
            rows.append([c])
    for row in rows:
        row.sort(key=lambda c: c["x0"])
    return rows


def _gutters(rows: list[list[dict]], width: float) -> list[float]:
    """The x of each vertical gutter between columns, left to right; empty for one column.

    A row covers the stretches between its characters closer than one character apart. A
    gutter is the middle of a run, at least 4 points wide, of x positions between 15% and 85%
    of the page width that at most 10% of the rows cover (headlines over several columns do),
    with at least three rows of text on either side.
    """
    if len(rows) < 6:
        return []
    spans = []
    for row in rows:
        cur = [row[0]["x0"], row[0]["x1"]]
        row_spans = []
        for c in row[1:]:
            if c["x0"] - cur[1] <= 1.0 * max(c["size"], 1.0):
                cur[1] = max(cur[1], c["x1"])
            else:
                row_spans.append(cur)
                cur = [c["x0"], c["x1"]]
        row_spans.append(cur)
        spans.append(row_spans)
    candidates = []
    x = width * 0.15
    while x <= width * 0.85:
        covering = sum(1 for rs in spans if any(a <= x <= b for a, b in rs))
        left = sum(1 for rs in spans if any(b < x for a, b in rs))
        right = sum(1 for rs in spans if any(a > x for a, b in rs))
        if covering <= 0.1 * len(rows) and left >= 3 and right >= 3:
            candidates.append(x)
        x += 1.0
    if not candidates:
        return []
    runs: list[list[float]] = [[candidates[0]]]
    for x in candidates[1:]:
        if x - runs[-1][-1] > 1.5:
            runs.append([x])
        else:
            runs[-1].append(x)
    return [(r[0] + r[-1]) / 2 for r in runs if r[-1] - r[0] >= 4.0]


def _pieces(rows: list[list[dict]], gutters: list[float]) -> list[list[dict]]:
    """Rows cut into line pieces at gaps over two font sizes and at the gutters."""
    pieces = []
    for row in rows:
        piece = [row[0]]
        for c in row[1:]:
            gap = c["x0"] - piece[-1]["x1"]
            at_gutter = gap > 0.5 * max(c["size"], 1.0) and any(
                piece[-1]["x1"] <= g + 1 and c["x0"] >= g - 1 for g in gutters
            )
            if gap > 2.0 * max(c["size"], piece[-1]["size"]) or at_gutter:
                pieces.append(piece)
                piece = [c]
            else:
                piece.append(c)
        pieces.append(piece)
    return [p for p in pieces if "".join(c["text"] for c in p).strip()]


def _piece_text(piece: list[dict]) -> str:
    out = []
    prev = None
    for c in piece:
        if prev is not None and c["text"] != " " and prev["text"] != " ":
            # A gap is a space between Latin letters or digits; between CJK characters and
            # punctuation only when it is wider than a whole character (justification and
            # narrow punctuation leave smaller gaps).
            gap = c["x0"] - prev["x1"]
            latin = c["text"].isascii() and c["text"].isalnum() and prev["text"].isascii() and prev["text"].isalnum()
            if gap > (0.25 if latin else 1.0) * max(c["size"], 1.0):
                out.append(" ")
        out.append(c["text"])
        prev = c
    return "".join(out).lstrip()  # a space that ends a line is kept: it separates it from the next


def _page_lines(page_no: int, chars: list[dict], width: float) -> list[_Line]:
    rows = _rows(chars) if chars else []
    gutters = _gutters(rows, width)
    pieces = _pieces(rows, gutters)

    def line_of(piece, col):
        sizes = sorted(c["size"] for c in piece)
        bold = sum(1 for c in piece if c["bold"]) >= 0.5 * len(piece)
        return _Line(
            page=page_no,
            col=col,
            x0=min(c["x0"] for c in piece),
            x1=max(c["x1"] for c in piece),
            top=min(c["top"] for c in piece),
            bottom=max(c["bottom"] for c in piece),
            size=sizes[len(sizes) // 2],
            bold=bold,
            text=_piece_text(piece),
        )

    lines = [line_of(p, 0) for p in pieces]
    if not gutters:
        return sorted(lines, key=lambda ln: (ln.top, ln.x0))
    for ln in lines:
        # A piece spans a gutter when it reaches two characters into the columns on both sides;
        # a line that only pokes into a gutter belongs to the column holding its middle.
        reach = 2 * max(ln.size, 1.0)
        if any(ln.x0 < g - reach and ln.x1 > g + reach for g in gutters):
            ln.col = -1
        else:
            ln.col = sum(1 for g in gutters if (ln.x0 + ln.x1) / 2 > g)
    # Bands: spanning lines cut the page; within a band, column by column, left to right.
    ordered: list[_Line] = []
    band: list[_Line] = []
    for ln in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        if ln.col == -1:
            ordered.extend(sorted(band, key=lambda b: (b.col, b.top, b.x0)))
            band = []
            ordered.append(ln)
        else:
            band.append(ln)
    ordered.extend(sorted(band, key=lambda b: (b.col, b.top, b.x0)))
    return ordered


def _norm_digits(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _strip_running(pages: list[list[_Line]], heights: list[float]) -> tuple[list[list[_Line]], list[str], list[str]]:
    def edge_candidates(lines, h):
        by_y = sorted(lines, key=lambda ln: ln.top)
        tops = [ln for ln in by_y[:3] if ln.bottom <= h * EDGE_ZONE]
        bottoms = [ln for ln in by_y[-3:] if ln.top >= h * (1 - EDGE_ZONE)]
        return tops, bottoms

    counts: Counter = Counter()
    for lines, h in zip(pages, heights, strict=True):
        tops, bottoms = edge_candidates(lines, h)
        for ln in {id(x): x for x in tops + bottoms}.values():
            counts[_norm_digits(ln.text)] += 1
    header: list[str] = []
    footer: list[str] = []
    kept_pages = []
    for lines, h in zip(pages, heights, strict=True):
        tops, bottoms = edge_candidates(lines, h)
        drop = set()
        for ln in tops + bottoms:
            number = bool(_PAGE_NUMBER.match(ln.text))
            if number or counts[_norm_digits(ln.text)] >= 2:
                drop.add(id(ln))
                if not number:
                    target = header if ln in tops else footer
                    if ln.text.strip() not in target:
                        target.append(ln.text.strip())
        kept_pages.append([ln for ln in lines if id(ln) not in drop])
    return kept_pages, header, footer


def _mode(values: list[float], default: float) -> float:
    if not values:
        return default
    counts = Counter(round(v) for v in values)
    top = max(counts.values())
    return float(min(v for v, n in counts.items() if n == top))


def _classify(lines: list[_Line], body_size: float) -> None:
    """Set each line's flow, margins and kind (body, centred, right, large)."""
    flows: dict[tuple, list[_Line]] = {}
    band = 0
    last_page = None
    for ln in lines:
        if ln.page != last_page:
            band, last_page = 0, ln.page
        if ln.col == -1:
            band += 1
        key = (ln.page, band, ln.col)
        flows.setdefault(key, []).append(ln)
        if ln.col == -1:
            band += 1
    # Margins per column index from all pages (a short page borrows from the others).
    by_col: dict[int, list[_Line]] = {}
    for ln in lines:
        by_col.setdefault(ln.col, []).append(ln)
    col_margins = {
        col: (_mode([x.x0 for x in ls], min(x.x0 for x in ls)), _mode([x.x1 for x in ls], max(x.x1 for x in ls)))
        for col, ls in by_col.items()
    }
    for n, (key, ls) in enumerate(sorted(flows.items(), key=lambda kv: lines.index(kv[1][0]))):
        body = [x for x in ls if abs(x.size - body_size) <= 0.5]
        if len(body) >= 4:
            left, right = (
                _mode([x.x0 for x in body], col_margins[key[2]][0]),
                _mode([x.x1 for x in body], col_margins[key[2]][1]),
            )
        else:
            left, right = col_margins[key[2]]
        for ln in ls:
            ln.flow, ln.left, ln.right = n, left, right
            s = max(ln.size, 1.0)
            from_left, from_right = ln.x0 - left, right - ln.x1
            if ln.size >= 1.15 * body_size or (ln.bold and ln.size >= body_size * 0.95):
                ln.kind = "large"
            elif from_right <= 1.2 * s and from_left >= 4 * s:
                ln.kind = "right"
            elif from_left >= 2 * s and from_right >= 2 * s and abs(from_left - from_right) <= 1.5 * s:
                ln.kind = "centred"
            else:
                ln.kind = "body"


def _paragraphs(lines: list[_Line], body_size: float) -> list[str]:
    pitches = [
        b.bottom - a.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.flow == b.flow and a.kind == b.kind == "body" and b.bottom > a.bottom
    ]
    pitch = sorted(pitches)[len(pitches) // 2] if pitches else body_size * 1.5
    paras: list[list[_Line]] = []
    for ln in lines:
        if not paras:
            paras.append([ln])
            continue
        a = paras[-1][-1]
        s = max(ln.size, 1.0)
        same_flow = a.flow == ln.flow
        headline = a.kind in ("centred", "large") and ln.kind in ("centred", "large")
        if headline and abs(a.size - ln.size) <= 0.5 and (not same_flow or ln.bottom - a.bottom <= 2.2 * ln.size):
            paras[-1].append(ln)
            continue
        cur, prev_text = ln.text.rstrip(), a.text.rstrip()
        bracketed = cur[:1] in "（(" and cur[-1:] in "）)" and prev_text[-1:] in "。！？；"
        new = (
            bracketed  # a whole line in brackets after a finished sentence: a byline
            or a.kind != ln.kind
            or ln.kind in ("right", "centred", "large")
            or a.right - a.x1 > 1.2 * max(a.size, 1.0)  # the previous line stopped short
            or ln.x0 - ln.left >= 1.2 * s  # first-line indent
            or (same_flow and ln.bottom - a.bottom > 1.4 * pitch)
        )
        if new:
            paras.append([ln])
        else:
            paras[-1].append(ln)
    out = []
    for para in paras:
        text = ""
        for ln in para:
            if text.endswith("\u00ad"):
                # A hyphen at the end of a line: a word broken there (Latin letters on both
                # sides) loses it, anything else keeps it as a hyphen.
                latin = (
                    text[-2:-1].isascii() and text[-2:-1].isalpha() and ln.text[:1].isascii() and ln.text[:1].islower()
                )
                text = text[:-1] + ("" if latin else "-")
            elif text and text[-1].isascii() and text[-1].isalpha() and ln.text[:1].isascii() and ln.text[:1].isalpha():
                text += " "
            text += ln.text
        out.append(text.replace("\u00ad", "-").strip())
    return out


def _page_chars(page, textpage) -> list[dict]:
    """The page's characters as dicts: text, x0, x1, top, bottom (top-down points), size, fontname, bold.

    Positions come from each character's origin (baseline) and box; bold is a bold font
    (weight 600 or more, or a bold name) or text drawn filled and stroked (render mode 2),
    which is how Word and WPS print bold in a CJK font that has no bold face.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    chars: list[dict] = []
    buf = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for i in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, i):
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if pdfium_c.FPDFText_IsHyphen(textpage, i) or code in (0x02, 0xFFFE):
            code = 0xAD  # PDFium's mark for a hyphen that ends a line
        elif code in (0, 0xFFFF, 0x0D, 0x0A):
            continue
        size = float(pdfium_c.FPDFText_GetFontSize(textpage, i)) or 1.0
        left, _bottom, right, _top = textpage.get_charbox(i, loose=True)
        pdfium_c.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(ox), ctypes.byref(oy))
        n = pdfium_c.FPDFText_GetFontInfo(textpage, i, buf, len(buf), ctypes.byref(flags))
        fontname = buf.value.decode("utf-8", "replace") if n else ""
        weight = pdfium_c.FPDFText_GetFontWeight(textpage, i)
        obj = pdfium_c.FPDFText_GetTextObject(textpage, i)
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) if obj else 0
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, i)
        baseline = height - oy.value
        chars.append(
            {
                "text": chr(code),
                "x0": float(left),
                "x1": float(max(right, left)),
                "top": baseline - 0.88 * size,
                "bottom": baseline + 0.12 * size,
                "size": round(size, 1),
                "fontname": fontname,
                "bold": weight >= 600 or mode == 2 or bool(_BOLD_FONT.search(fontname)),
                "upright": abs(angle) < 0.01 or abs(angle - 6.2832) < 0.01,
            }
        )
    return chars


def read_pdf(path: str) -> Extracted:
    """Read a PDF's text layer as paragraphs (see the module docstring for the layout rules).

    Returns:
        an :class:`Extracted` (``reader="pypdfium2"``): one paragraph a line, an empty line
        between paragraphs, running heads and footers apart.

    Raises:
        InputError: not a PDF, encrypted, or no text layer (a scanned PDF).
    """
    import pypdfium2 as pdfium

    from ..reading import InputError

    notes: list[str] = []
    pages: list[list[_Line]] = []
    heights: list[float] = []
    sizes: Counter = Counter()
    empty_pages: list[int] = []
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        if "password" in str(e).lower():
            raise InputError(path, "is an encrypted PDF; open it and save an unprotected copy") from None
        raise InputError(path, "cannot open as a PDF file (damaged or not a PDF)") from None
    try:
        for n in range(len(pdf)):
            page = pdf[n]
            textpage = page.get_textpage()
            chars = [c for c in _page_chars(page, textpage) if c["upright"]]
            if not any(c["text"].strip() for c in chars):
                empty_pages.append(n + 1)
            sizes.update(c["size"] for c in chars if c["text"].strip())
            pages.append(_page_lines(n + 1, chars, float(page.get_width())))
            heights.append(float(page.get_height()))
            textpage.close()
            page.close()
    finally:
        pdf.close()
    if not pages or len(empty_pages) == len(pages):
        raise InputError(
            path, "is a scanned PDF with no text layer; bnlp does no OCR (run OCR first, or use the .docx original)"
        )
    if empty_pages:
        listed = ", ".join(str(n) for n in empty_pages)
        notes.append(f"{path}: page(s) {listed} have no text layer (scanned?) and were left out")
    pages, header, footer = _strip_running(pages, heights)
    body_size = float(max(sizes.items(), key=lambda kv: (kv[1], -kv[0]))[0]) if sizes else 12.0
    lines = [ln for page in pages for ln in page]
    _classify(lines, body_size)
    return Extracted(
        text="\n\n".join(_paragraphs(lines, body_size)),
        reader="pypdfium2",
        header=header,
        footer=footer,
        versions={"pypdfium2": library_version("pypdfium2")},
        notes=notes,
    )
