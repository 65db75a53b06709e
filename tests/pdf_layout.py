"""Print text to PDF the way Word or WPS prints a bulletin, with reportlab (test-only).

Page layout of a Chinese government bulletin printed from Word: A4, 2.8 cm side margins;
headlines centred in a larger bold face, wrapped over centred lines; body paragraphs with a
two-character first-line indent, justified (each full line stretched to the right margin),
broken at the margin by hard line wraps; bylines right-aligned; a running header and a page
number (``- 3 -``) in the footer. Bold is drawn the way Word draws it for CJK fonts without a
bold face: fill and stroke (text render mode 2). The CJK font is reportlab's built-in Adobe
CID font ``STSong-Light`` (not embedded; its text layer maps to Unicode through the
Adobe-GB1 CMap). Optionally two columns per page.
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "STSong-Light"


@dataclass
class Layout:
    page_width: float = 595.3  # A4 in points
    page_height: float = 841.9
    margin_x: float = 79.4  # 2.8 cm
    margin_top: float = 90.0
    margin_bottom: float = 80.0
    body_size: float = 15.0  # 小三
    head_size: float = 18.0  # 小二
    leading: float = 1.5  # line pitch as a multiple of the font size
    columns: int = 1
    gutter: float = 24.0
    running_head: str | None = "工作简报"
    page_numbers: bool = True
    bold_heads: bool = True


def _register():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _width(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, size)


#: Punctuation that never starts a line (Word's and WPS's line-breaking rules, 避头尾): it
#: stays at the end of the line before, which is squeezed to hold it.
NO_LINE_START = "。，、；：？！）」』”’》〉】…·%,.;:?!)"


def _wrap(text: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    """Break like Word: anywhere between CJK characters, never inside a run of Latin letters and
    digits, never before closing punctuation."""
    import re

    lines, line = [], ""
    avail = width - first_indent
    for token in re.findall(r"[A-Za-z0-9.%]+|.", text):
        if line and _width(line + token, size) > avail and token not in NO_LINE_START:
            lines.append(line)
            line, avail = "", width
        line += token
    if line:
        lines.append(line)
    return lines


def write_pdf(path, blocks: list[tuple[str, str]], layout: Layout | None = None) -> None:
    """Write ``blocks`` = [(role, text)] with role ``head``, ``body`` or ``byline`` to ``path``.

    Consecutive ``head`` blocks are one headline printed over several centred lines.
    """
    from reportlab.pdfgen import canvas

    lay = layout or Layout()
    _register()
    c = canvas.Canvas(str(path), pagesize=(lay.page_width, lay.page_height))
    col_width = (lay.page_width - 2 * lay.margin_x - (lay.columns - 1) * lay.gutter) / lay.columns
    state = {"page": 1, "col": 0, "y": lay.page_height - lay.margin_top}

    def furniture():
        if lay.running_head:
            c.setFont(FONT, 10.5)
            c.drawCentredString(lay.page_width / 2, lay.page_height - 50, lay.running_head)
            c.line(lay.margin_x, lay.page_height - 56, lay.page_width - lay.margin_x, lay.page_height - 56)
        if lay.page_numbers:
            c.setFont(FONT, 10.5)
            c.drawCentredString(lay.page_width / 2, 40, f"- {state['page']} -")

    def x0():
        return lay.margin_x + state["col"] * (col_width + lay.gutter)

    def need(height):
        if state["y"] - height < lay.margin_bottom:
            if state["col"] + 1 < lay.columns:
                state["col"] += 1
            else:
                c.showPage()
                state["page"] += 1
                state["col"] = 0
                furniture()
            state["y"] = lay.page_height - lay.margin_top

    def draw(text, size, x, bold=False, spacing=0.0):
        t = c.beginText()
        t.setFont(FONT, size)
        t.setTextOrigin(x, state["y"])
        t.setCharSpace(spacing)
        if bold:
            t.setTextRenderMode(2)
        t.textOut(text)
        c.saveState()  # the render mode stays in the graphics state: restore it after the line
        c.drawText(t)
        c.restoreState()

    # Word prints a no-break space as a space; the CID font has no glyph for U+00A0.
    blocks = [(role, text.replace("\u00a0", " ")) for role, text in blocks]
    furniture()
    c.setLineWidth(0.4)
    i = 0
    while i < len(blocks):
        role, text = blocks[i]
        if role == "head":
            parts = [text]
            while i + 1 < len(blocks) and blocks[i + 1][0] == "head":
                i += 1
                parts.append(blocks[i][1])
            lines = [w for p in parts for w in _wrap(p, lay.head_size, col_width - 2 * lay.head_size)]
            state["y"] -= lay.head_size * 0.8  # space before
            for line in lines:
                need(lay.head_size * lay.leading)
                state["y"] -= lay.head_size * lay.leading
                x = x0() + (col_width - _width(line, lay.head_size)) / 2
                draw(line, lay.head_size, x, bold=lay.bold_heads)
            state["y"] -= lay.head_size * 0.5  # space after
        elif role == "byline":
            need(lay.body_size * lay.leading)
            state["y"] -= lay.body_size * lay.leading
            draw(text, lay.body_size, x0() + col_width - _width(text, lay.body_size))
        else:
            indent = 2 * lay.body_size
            lines = _wrap(text, lay.body_size, col_width, indent)
            for n, line in enumerate(lines):
                need(lay.body_size * lay.leading)
                state["y"] -= lay.body_size * lay.leading
                start = x0() + (indent if n == 0 else 0)
                avail = col_width - (indent if n == 0 else 0)
                spacing = 0.0
                overfull = _width(line, lay.body_size) > avail  # closing punctuation held: squeeze
                if (n < len(lines) - 1 or overfull) and len(line) > 1:  # justified to the right margin
                    spacing = (avail - _width(line, lay.body_size)) / (len(line) - 1)
                draw(line, lay.body_size, start, spacing=spacing)
        i += 1
    c.showPage()
    c.save()


def write_scanned_pdf(path) -> None:
    """A PDF whose page is only a picture (no text layer), like a scanner's output."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595.3, 841.9))
    for k in range(40):
        c.rect(80, 780 - k * 18, 430 - (k % 5) * 40, 9, fill=1, stroke=0)
    c.showPage()
    c.save()
