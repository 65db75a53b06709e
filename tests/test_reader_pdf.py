"""PDF with a text layer read with pypdfium2: paragraphs rebuilt from the layout, running heads
and page numbers dropped, two columns read column by column, scanned PDFs refused clearly.

Test PDFs are printed at test time (reportlab, see ``pdf_layout.py``): the shared seed bulletin
in Word-like layouts, and small bulletins of our own.
"""

from __future__ import annotations

import re

import pytest

from bulletin_nlp.reading import read_document
from bulletin_nlp.segment import segment_document
from conftest import needs_shared, one_document
from seed_layout import score_segment, seed_blocks

pytest.importorskip("reportlab")
pytest.importorskip("pypdfium2")
from pdf_layout import Layout, write_pdf, write_scanned_pdf  # noqa: E402

LAYOUTS = {
    # Word: 小二 bold headlines over 小三 body, running head, page numbers.
    "word": Layout(),
    # Word, 二号 headlines over 三号 body.
    "word-large": Layout(body_size=16, head_size=22),
    # WPS: wider margins, tighter leading, no running head.
    "wps": Layout(margin_x=90, body_size=14, head_size=16, leading=1.3, running_head=None),
    # Headlines in the body size, told apart only by bold and centring.
    "bold-only": Layout(head_size=15.0),
    # Headlines in the body size and face, told apart only by centring.
    "centred-only": Layout(head_size=15.0, bold_heads=False),
    # E-paper pages in two, three and four columns (the last on A3).
    "two-columns": Layout(columns=2, body_size=10.5, head_size=14),
    "three-columns": Layout(columns=3, body_size=9, head_size=12, margin_x=40, gutter=18),
    "four-columns": Layout(
        page_width=841.9, page_height=1190.5, columns=4, body_size=9, head_size=12, margin_x=40, gutter=16
    ),
}


@needs_shared
@pytest.mark.parametrize("name", list(LAYOUTS))
def test_seed_printed_to_pdf_segments_like_the_txt(tmp_path, run_cli, name):
    path = tmp_path / f"seed-{name}.pdf"
    write_pdf(path, seed_blocks(), LAYOUTS[name])
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert (data["format"], data["reader"]) == ("pdf", "pypdfium2")
    score = score_segment(out, tmp_path)
    assert score["boundary_f1"] == 1.0, score["misses"]
    assert score["items_pred"] == score["items_gold"]
    accuracy = score["field_accuracy"]
    assert sum(accuracy.values()) / len(accuracy) >= 0.95, score["misses"]
    for it in data["items"]:  # no running head or page number inside an item
        assert "工作简报" not in it["body"] and "- 2 -" not in it["body"]


@needs_shared
@pytest.mark.parametrize("name", ["two-columns", "three-columns", "four-columns"])
def test_columns_read_column_by_column(tmp_path, name):
    path = tmp_path / "cols.pdf"
    blocks = seed_blocks()
    write_pdf(path, blocks, LAYOUTS[name])
    lines = [re.sub(r"\s+", "", line) for line in read_document(str(path)).text.split("\n")]
    bodies = [re.sub(r"\s+", "", text) for role, text in blocks if role == "body"]
    # Every body paragraph comes back whole, in order: no line of the other column inside it.
    assert [line for line in lines if line in bodies] == bodies


def _own_bulletin(n_filler: int = 0) -> list[tuple[str, str]]:
    filler = "会议强调，要坚持问题导向和目标导向，细化工作举措，压实工作责任，确保各项任务按时保质完成。"
    return [
        ("head", "江州市人大常委会召开"),
        ("head", "第十二次主任会议"),
        ("body", "6月3日，江州市人大常委会召开第十二次主任会议，研究常委会第九次会议有关事项。" + filler * n_filler),
        ("byline", "（办公室  陆川）"),
        ("head", "江东区开展民生实事项目票决"),
        ("body", "江东区人大常委会组织代表对十项民生实事候选项目进行票决，确定加装电梯、口袋公园等八个项目。"),
        ("byline", "（江东区人大常委会办公室  夏禾）"),
    ]


def test_paragraph_continues_across_a_page_break(tmp_path):
    path = tmp_path / "long.pdf"
    write_pdf(path, _own_bulletin(n_filler=40))
    doc = read_document(str(path))
    assert doc.header == ["工作简报"]
    assert "\n\n\n" not in doc.text  # paragraphs are separated by one empty line
    lines = [line for line in doc.text.split("\n") if line]
    assert lines[0] == "江州市人大常委会召开第十二次主任会议"  # a headline over two centred lines is one
    assert lines[1] == _own_bulletin(40)[2][1]  # one paragraph over two pages, page number dropped
    # PDFium reports a run of spaces as one space.
    assert lines[2:] == [re.sub(" +", " ", text) for _, text in _own_bulletin()[3:]]
    bulletin = segment_document(doc)
    assert [it.title for it in bulletin.items] == ["江州市人大常委会召开第十二次主任会议", "江东区开展民生实事项目票决"]
    assert [it.authors for it in bulletin.items] == [["陆川"], ["夏禾"]]


def test_scanned_pdf_gets_one_clear_message(tmp_path, run_cli):
    path = tmp_path / "scan.pdf"
    write_scanned_pdf(path)
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, out) == (1, "")
    assert err == (
        f"bnlp: error: {path}: is a scanned PDF with no text layer; bnlp does no OCR"
        " (run OCR first, or use the .docx original)\n"
    )


def test_damaged_pdf(tmp_path, run_cli):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not a PDF body")
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, out) == (1, "")
    assert err == f"bnlp: error: {path}: cannot open as a PDF file (damaged or not a PDF)\n"


def test_pdf_with_one_scanned_page_reads_the_rest_and_says_so(tmp_path, run_cli):
    from reportlab.pdfgen import canvas

    from pdf_layout import FONT, _register

    _register()
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path), pagesize=(595.3, 841.9))
    y = 700
    for role, text in _own_bulletin():
        t = c.beginText()
        t.setFont(FONT, 15)
        t.setTextOrigin(110 if role == "body" else 200, y)
        t.textOut(text)
        c.drawText(t)
        y -= 40
    c.showPage()
    for k in range(30):  # page 2: a picture only
        c.rect(80, 780 - k * 18, 430, 9, fill=1, stroke=0)
    c.showPage()
    c.save()
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 0
    assert err == f"bnlp: warning: {path}: page(s) 2 have no text layer (scanned?) and were left out\n"
    assert len(one_document(out)["items"]) >= 1


def test_pdf_output_is_deterministic(tmp_path, run_cli):
    path = tmp_path / "b.pdf"
    write_pdf(path, _own_bulletin(n_filler=20), Layout(columns=2, body_size=10.5, head_size=14))
    first = run_cli(["segment", path, "-f", "json"])
    second = run_cli(["segment", path, "-f", "json"])
    assert first[0] == 0 and first == second
