"""Reading input: encodings, line endings, .docx, and bad input through the command line."""

from __future__ import annotations

import json
import os

import pytest

from bulletin_nlp.reading import InputError, read_document
from bulletin_nlp.segment import segment_document
from conftest import one_document

# A small bulletin of our own: masthead, two articles with bylines. The first body holds an
# ideographic space inside a quotation and full-width digits; the second byline holds 䶮
# (U+4DAE), which GB18030 encodes but GBK does not.
BULLETIN = (
    "工作动态\n"
    "第5期\n"
    "江州市人大常委会办公室编　　2024年5月20日\n"
    "\n"
    "江东区：人大代表“夜访”倾听民生诉求\n"
    "\n"
    "　　5月中旬，江东区人大常委会组织各级人大代表开展“民生　夜访”活动，走进社区广场和夜市摊点，"
    "面对面听取群众意见。活动共收集意见建议８６条，已分类转交有关部门办理。　\n"
    "\n"
    "（江东区人大常委会办公室　王 明）\n"
    "\n"
    "市人大常委会召开代表建议督办会\n"
    "\n"
    "　　5月16日，市人大常委会召开重点代表建议督办会，听取承办单位办理进展情况汇报。"
    "会议要求承办单位坚持问题导向，确保建议件件有着落、事事有回音。\n"
    "\n"
    "（代表工作委员会  李䶮）\n"
)
FIRST_BODY = (
    "5月中旬，江东区人大常委会组织各级人大代表开展“民生　夜访”活动，走进社区广场和夜市摊点，"
    "面对面听取群众意见。活动共收集意见建议８６条，已分类转交有关部门办理。"
)
TITLES = ["江东区：人大代表“夜访”倾听民生诉求", "市人大常委会召开代表建议督办会"]
MASTHEAD = {"name": "工作动态", "issue": "第5期", "issuer": "江州市人大常委会办公室", "date": "2024-05-20"}


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _segment(path, encoding=None):
    doc = read_document(str(path), encoding)
    return doc, segment_document(doc)


def _check_bulletin(bulletin):
    assert [it.title for it in bulletin.items] == TITLES
    assert bulletin.masthead is not None and bulletin.masthead.to_dict() == MASTHEAD
    first, second = bulletin.items
    assert (first.unit, first.authors, first.region) == ("江东区人大常委会办公室", ["王明"], "江东区")
    assert (second.unit, second.authors, second.region) == ("代表工作委员会", ["李䶮"], None)
    assert first.lines == (5, 9)
    assert second.lines == (11, 15)


# --- encodings and line endings ------------------------------------------------------------


def test_utf8(tmp_path):
    doc, bulletin = _segment(_write(tmp_path, "b.txt", BULLETIN.encode("utf-8")))
    assert doc.encoding == "utf-8"
    assert doc.text == BULLETIN
    _check_bulletin(bulletin)


def test_utf8_with_bom(tmp_path):
    doc, bulletin = _segment(_write(tmp_path, "b.txt", BULLETIN.encode("utf-8-sig")))
    assert doc.encoding == "utf-8-bom"
    assert "\ufeff" not in doc.text
    _check_bulletin(bulletin)
    assert "\ufeff" not in json.dumps(bulletin.to_dict(), ensure_ascii=False)


def test_utf8_bom_before_first_headline(tmp_path):
    """No masthead: the BOM sits right before the first headline, which must still be found."""
    text = BULLETIN.split("\n", 4)[4]  # from the first headline on
    doc, bulletin = _segment(_write(tmp_path, "b.txt", text.encode("utf-8-sig")))
    assert not doc.text.startswith("\ufeff")
    assert [it.title for it in bulletin.items] == TITLES
    assert bulletin.items[0].lines == (1, 5)
    assert "\ufeff" not in json.dumps(bulletin.to_dict(), ensure_ascii=False)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    data = BULLETIN.encode(codec)
    if codec != "utf-16":  # the explicit-endian codecs write no BOM: add the right one
        data = "\ufeff".encode(codec) + data
    doc, bulletin = _segment(_write(tmp_path, "b.txt", data))
    assert doc.encoding == "utf-16"
    assert doc.text == BULLETIN
    _check_bulletin(bulletin)


def test_gb18030_rare_character_and_crlf(tmp_path):
    data = BULLETIN.replace("\n", "\r\n").encode("gb18030")
    with pytest.raises(UnicodeEncodeError):
        "䶮".encode("gbk")  # the point of the test: GBK cannot hold this name
    doc, bulletin = _segment(_write(tmp_path, "b.txt", data))
    assert doc.encoding == "gb18030"
    assert doc.text == BULLETIN  # CRLF became LF, nothing replaced
    assert "\ufffd" not in doc.text
    _check_bulletin(bulletin)


def test_cr_only_line_endings(tmp_path):
    doc, bulletin = _segment(_write(tmp_path, "b.txt", BULLETIN.replace("\n", "\r").encode("utf-8")))
    assert doc.text == BULLETIN
    _check_bulletin(bulletin)


def test_crlf_line_numbers(tmp_path):
    """CRLF counts as one line break: line numbers are those an editor shows."""
    _, bulletin = _segment(_write(tmp_path, "b.txt", BULLETIN.replace("\n", "\r\n").encode("utf-8")))
    _check_bulletin(bulletin)
    lines = BULLETIN.split("\n")
    first, second = bulletin.items
    assert lines[first.lines[0] - 1] == TITLES[0]
    assert lines[first.lines[1] - 1] == "（江东区人大常委会办公室　王 明）"
    assert lines[second.lines[0] - 1] == TITLES[1]
    assert lines[second.lines[1] - 1] == "（代表工作委员会  李䶮）"


@pytest.mark.parametrize("forced", ["gb18030", "GB18030", "gbk", "gb2312"])
def test_forced_gb_encoding(tmp_path, forced):
    """--encoding gbk/gb2312 reads as the superset GB18030, so 䶮 still decodes."""
    path = _write(tmp_path, "b.txt", BULLETIN.encode("gb18030"))
    doc, bulletin = _segment(path, forced)
    assert doc.encoding == "gb18030"
    assert doc.text == BULLETIN
    _check_bulletin(bulletin)


def test_forced_encoding_through_cli(tmp_path, run_cli):
    path = _write(tmp_path, "b.txt", BULLETIN.replace("\n", "\r\n").encode("gb18030"))
    code, out, err = run_cli(["segment", path, "--encoding", "gb18030", "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert data["encoding"] == "gb18030"
    assert [it["title"] for it in data["items"]] == TITLES
    assert data["items"][1]["authors"] == ["李䶮"]


def test_forced_wrong_encoding_is_an_error(tmp_path, run_cli):
    path = _write(tmp_path, "b.txt", BULLETIN.encode("gb18030"))
    code, out, err = run_cli(["segment", path, "--encoding", "utf-8", "-f", "json"])
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(f"bnlp: error: {path}: cannot decode as utf-8 at line 1, byte 1")


def test_unknown_encoding(tmp_path, run_cli):
    path = _write(tmp_path, "b.txt", BULLETIN.encode("utf-8"))
    code, out, err = run_cli(["segment", path, "--encoding", "no-such-codec", "-f", "json"])
    assert code == 1
    assert out == ""
    assert err == f"bnlp: error: {path}: unknown encoding 'no-such-codec'\n"


# --- original characters ---------------------------------------------------------------------


def test_item_text_keeps_original_characters(tmp_path):
    _, bulletin = _segment(_write(tmp_path, "b.txt", BULLETIN.encode("utf-8")))
    body = bulletin.items[0].body
    assert body == FIRST_BODY  # indent and trailing U+3000 trimmed
    assert "“民生　夜访”" in body  # the inner ideographic space is kept
    assert "８６条" in body  # full-width digits are not normalised in output


# --- .docx ------------------------------------------------------------------------------------


def _make_docx(path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("江东区：人大代表“夜访”倾听民生诉求")
    d.add_paragraph("5月中旬，江东区人大常委会组织人大代表开展夜访活动，面对面听取群众意见。")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "收集意见"
    table.cell(0, 1).text = "86条"
    table.cell(1, 0).text = "已办结"
    table.cell(1, 1).text = "52条"
    d.add_paragraph("（江东区人大常委会办公室  王 明）")
    d.add_paragraph("")
    d.add_paragraph("市人大常委会召开代表建议督办会")
    d.add_paragraph("5月16日，市人大常委会召开重点代表建议督办会，听取承办单位办理进展情况汇报。")
    d.add_paragraph("（代表工作委员会  李强）")
    d.save(str(path))


def test_docx_paragraphs_and_table_in_order(tmp_path):
    path = tmp_path / "bulletin.docx"
    _make_docx(path)
    doc = read_document(str(path))
    assert doc.encoding == "docx"
    assert doc.text.split("\n") == [
        "江东区：人大代表“夜访”倾听民生诉求",
        "",
        "5月中旬，江东区人大常委会组织人大代表开展夜访活动，面对面听取群众意见。",
        "",
        "收集意见",
        "86条",
        "已办结",
        "52条",
        "",
        "（江东区人大常委会办公室  王 明）",
        "",
        "市人大常委会召开代表建议督办会",
        "",
        "5月16日，市人大常委会召开重点代表建议督办会，听取承办单位办理进展情况汇报。",
        "",
        "（代表工作委员会  李强）",
    ]
    bulletin = segment_document(doc)
    assert [it.title for it in bulletin.items] == TITLES
    first, second = bulletin.items
    assert first.body.split("\n") == [
        "5月中旬，江东区人大常委会组织人大代表开展夜访活动，面对面听取群众意见。",
        "收集意见",
        "86条",
        "已办结",
        "52条",
    ]
    assert (first.unit, first.authors, first.lines) == ("江东区人大常委会办公室", ["王明"], (1, 10))
    assert (second.unit, second.authors, second.lines) == ("代表工作委员会", ["李强"], (12, 16))


def test_docx_through_cli(tmp_path, run_cli):
    path = tmp_path / "bulletin.docx"
    _make_docx(path)
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert data["encoding"] == "docx"
    assert [it["title"] for it in data["items"]] == TITLES


def test_damaged_docx(tmp_path, run_cli):
    path = _write(tmp_path, "broken.docx", b"PK\x03\x04 this is not really a zip file")
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(f"bnlp: error: {path}: cannot open as a Word .docx file")


def test_docx_renamed_to_txt(tmp_path, run_cli):
    src = tmp_path / "bulletin.docx"
    _make_docx(src)
    path = _write(tmp_path, "bulletin.txt", src.read_bytes())
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 1
    assert out == ""
    assert "only .docx files are read as Word documents" in err


# --- bad input through the command line ------------------------------------------------------


def _assert_one_error(code, out, err, message):
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err == f"bnlp: error: {message}\n"


def test_missing_file(tmp_path, run_cli):
    path = tmp_path / "nope.txt"
    _assert_one_error(*run_cli(["segment", path, "-f", "json"]), f"{path}: no such file or folder")


def test_empty_file(tmp_path, run_cli):
    path = _write(tmp_path, "empty.txt", b"")
    _assert_one_error(*run_cli(["segment", path, "-f", "json"]), f"{path}: file is empty")


def test_blank_file(tmp_path, run_cli):
    path = _write(tmp_path, "blank.txt", "\ufeff \r\n\u3000\r\n".encode("utf-8"))
    _assert_one_error(*run_cli(["segment", path, "-f", "json"]), f"{path}: no text (only whitespace)")


def test_binary_file(tmp_path, run_cli):
    path = _write(tmp_path, "data.txt", b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 20)
    _assert_one_error(*run_cli(["segment", path, "-f", "json"]), f"{path}: looks like a binary file, not text")


def test_folder_without_supported_files(tmp_path, run_cli):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "page1.tif").write_bytes(b"II*\x00")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (folder / ".hidden.txt").write_text("市人大常委会召开主任会议", encoding="utf-8")
    code, out, err = run_cli(["segment", folder, "-f", "json"])
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.splitlines() == [
        f"bnlp: error: {folder}: folder holds no .txt, .md, .docx, .pdf, .html, .rtf or .odt file to read; "
        "skipped 3 files: .hidden.txt (hidden); "
        "old.doc (a Word 97-2003 .doc file, which bnlp cannot read; save it as .docx in Word or WPS); "
        "page1.tif (an image; bnlp does no OCR)"
    ]


def test_mixed_utf8_and_gbk(tmp_path, run_cli):
    utf8_part = "江东区：人大代表夜访倾听民生诉求\n\n5月中旬，江东区人大常委会组织代表开展夜访活动。\n".encode()
    gbk_part = "市人大常委会召开代表建议督办会\n\n5月16日，市人大常委会召开督办会。\n".encode("gbk")
    path = _write(tmp_path, "mixed.txt", utf8_part + gbk_part)
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    # The GBK part starts on line 4, at its first byte, offset len(utf8_part).
    assert f"line 4, byte 1 (0x{gbk_part[0]:02X} at offset {len(utf8_part)})" in err
    assert "mixes encodings" in err
    assert "\ufffd" not in err
    with pytest.raises(InputError):
        read_document(str(path))


def test_batch_with_one_bad_file(tmp_path, run_cli):
    good = _write(tmp_path, "good.txt", BULLETIN.encode("utf-8"))
    bad = _write(tmp_path, "bad.txt", b"")
    code, out, err = run_cli(["segment", good, bad, "-f", "json"])
    assert code == 1
    data = one_document(out)  # the good file's output is still written
    assert data["source"] == str(good)
    assert [it["title"] for it in data["items"]] == TITLES
    assert "Traceback" not in err
    assert f"bnlp: error: {bad}: file is empty" in err


def test_batch_with_two_bad_files_lists_both(tmp_path, run_cli):
    good = _write(tmp_path, "good.txt", BULLETIN.encode("utf-8"))
    empty = _write(tmp_path, "empty.txt", b"")
    missing = tmp_path / "missing.txt"
    code, out, err = run_cli(["segment", good, empty, missing, "-f", "jsonl"])
    assert code == 1
    assert [json.loads(line)["title"] for line in out.splitlines()] == TITLES
    assert f"{empty}: file is empty" in err
    assert f"{missing}: no such file or folder" in err
    assert "2 inputs failed" in err


def test_input_files_unchanged(tmp_path, run_cli):
    paths = [
        _write(tmp_path, "a.txt", BULLETIN.encode("utf-8-sig")),
        _write(tmp_path, "b.txt", BULLETIN.replace("\n", "\r\n").encode("gb18030")),
        _write(tmp_path, "c.txt", b""),
    ]
    docx_path = tmp_path / "d.docx"
    _make_docx(docx_path)
    paths.append(docx_path)
    past = 1_600_000_000_000_000_000
    for p in paths:
        os.utime(p, ns=(past, past))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}
    run_cli(["segment", tmp_path, "-f", "json"])
    run_cli(["segment", *paths, "-f", "csv", "-o", tmp_path / "out.csv"])
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths} == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["a.txt", "b.txt", "c.txt", "d.docx", "out.csv"]


def test_stdin(run_cli):
    code, out, err = run_cli(["segment", "-", "-f", "json"], stdin_bytes=BULLETIN.encode("utf-8"))
    assert (code, err) == (0, "")
    data = one_document(out)
    assert data["source"] == "<stdin>"
    assert data["encoding"] == "utf-8"
    assert [it["title"] for it in data["items"]] == TITLES


def test_stdin_gb18030_crlf(run_cli):
    data = BULLETIN.replace("\n", "\r\n").encode("gb18030")
    code, out, err = run_cli(["segment", "-", "-f", "json"], stdin_bytes=data)
    assert (code, err) == (0, "")
    doc = one_document(out)
    assert doc["encoding"] == "gb18030"
    assert doc["items"][1]["authors"] == ["李䶮"]
    assert [it["lines"] for it in doc["items"]] == [[5, 9], [11, 15]]


def test_empty_stdin(run_cli):
    _assert_one_error(*run_cli(["segment", "-", "-f", "json"], stdin_bytes=b""), "<stdin>: file is empty")


def test_stdin_twice_is_an_error(run_cli):
    code, out, err = run_cli(["segment", "-", "-", "-f", "json"], stdin_bytes=BULLETIN.encode("utf-8"))
    assert code == 2  # a usage error
    assert out == ""
    assert "Traceback" not in err
    assert err == "bnlp: error: standard input (-) can be given only once\n"


# --- BR-48: short GB-coded files are not Korean, Big5 or UTF-16 ------------------------------


def test_br48_one_line_gbk_file_is_not_korean(run_cli):
    from conftest import DATA

    path = DATA / "cases" / "BR-48.txt"
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert code == 0
    data = one_document(out)
    assert data["encoding"] == "gb18030"
    text = "".join(it["body"] + (it["title"] or "") for it in data["items"])
    assert text and not any("\uac00" <= c <= "\ud7af" for c in text)  # no Hangul
    assert "市场监管局" in text
    # The guess is reported, never silent: one warning line naming the file.
    assert err.count("\n") == 1
    assert err.startswith(f"bnlp: warning: {path}: encoding guessed as gb18030 rather than cp949")
    assert "low confidence" in err and "--encoding" in err


@pytest.mark.parametrize("line", ["江州市开展节前安全检查。", "市场监管局抽检食品三百批次", "区政府召开常务会议"])
def test_short_gbk_lines_decode_as_gb18030(tmp_path, line):
    notes: list[str] = []
    from bulletin_nlp.reading import decode_bytes

    text, enc = decode_bytes(line.encode("gbk"), "x.txt", notes=notes)
    assert (text, enc) == (line, "gb18030")
    assert len(notes) == 1 and "low confidence" in notes[0]


def test_big5_text_stays_big5(tmp_path):
    """Traditional-Chinese Big5 decoded as GB18030 gives kana and rare signs: Big5 keeps its place."""
    text = (
        "今年全縣推廣秸稈還田、青貯飼料和生物質燃料三種模式，秸稈綜合利用率達到91%，比上年提高4個百分點。"
        "縣政府要求各鄉鎮落實責任，確保明年春播前全部完工。\n"
    )
    doc = read_document(str(_write(tmp_path, "big5.txt", text.encode("big5"))))
    assert doc.encoding == "big5"
    assert doc.text == text


def test_long_gb18030_file_gives_no_warning(tmp_path, capsys):
    doc = read_document(str(_write(tmp_path, "b.txt", BULLETIN.encode("gb18030"))))
    assert doc.encoding == "gb18030" and doc.notes == []
    assert capsys.readouterr().err == ""
