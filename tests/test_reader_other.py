"""Other formats: .rtf (striprtf), .odt, .doc/.wps refused with the fix, folders that name every
skipped file and count files per format, readers kept off the start-up path of .txt files."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from bulletin_nlp.reading import Document, format_counts, read_document, scan_inputs
from bulletin_nlp.segment import segment_document
from conftest import one_document

ITEMS = [
    ("江州开展春季植树活动", "3月上旬，全市组织干部群众义务植树12万株，新增绿地46公顷。", "（市林业局  程远）"),
    ("江东区启动老旧小区改造", "今年江东区计划改造老旧小区18个，惠及居民6200户。", "（江东区住建局  林舟）"),
]
TITLES = [title for title, _, _ in ITEMS]


def _rtf_escape(text: str, codepage: str) -> str:
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif codepage == "unicode":
            out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
        else:
            out.append("".join(f"\\'{b:02x}" for b in ch.encode("gb18030")))
    return "".join(out)


@pytest.mark.parametrize("codepage", ["936", "unicode"])
def test_rtf_from_word_or_wps(tmp_path, run_cli, codepage):
    pytest.importorskip("striprtf")
    pars = [line for item in ITEMS for line in item]
    body = "".join(f"\\pard\\qc\\b {_rtf_escape(p, codepage)}\\b0\\par\n" for p in pars)
    rtf = "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs32\n" + body + "}"
    path = tmp_path / "bulletin.rtf"
    path.write_bytes(rtf.encode("ascii"))
    doc = read_document(str(path))
    assert [line for line in doc.text.split("\n") if line] == pars
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert (data["format"], data["reader"]) == ("rtf", "striprtf")
    assert [it["title"] for it in data["items"]] == TITLES


def test_not_really_rtf(tmp_path, run_cli):
    path = tmp_path / "x.rtf"
    path.write_text("市人大常委会召开主任会议", encoding="utf-8")
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, out) == (1, "")
    assert err == f"bnlp: error: {path}: is not an RTF file (it does not start with {{\\rtf)\n"


ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def _write_odt(path, body: str, header: str = "", footer: str = "") -> None:
    content = f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODF}><office:master-styles>'
        f'<style:master-page style:name="Standard"><style:header>{header}</style:header>'
        f"<style:footer>{footer}</style:footer></style:master-page></office:master-styles></office:document-styles>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", content)
        zf.writestr("styles.xml", styles)


def test_odt_with_tracked_change_frame_table_header_and_footer(tmp_path):
    (t1, b1, y1), (t2, b2, y2) = ITEMS
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        "<text:p>删除的旧标题</text:p></text:deletion></text:changed-region></text:tracked-changes>"
        f'<text:h text:outline-level="1">{t1}</text:h>'
        f"<text:p>{b1[:10]}<text:s text:c='2'/>{b1[10:]}</text:p>"
        "<table:table><table:table-row><table:table-cell><text:p>新增绿地</text:p></table:table-cell>"
        "<table:table-cell><text:p>46公顷</text:p></table:table-cell></table:table-row></table:table>"
        f"<text:p>{y1}</text:p>"
        f"<text:p><draw:frame><draw:text-box><text:p>{t2}</text:p></draw:text-box></draw:frame></text:p>"
        f"<text:p>{b2}</text:p><text:p>{y2}</text:p>"
    )
    path = tmp_path / "b.odt"
    _write_odt(
        path,
        body,
        header="<text:p>江州政务动态    第6期    2024年4月2日</text:p>",
        footer="<text:p>报：市委办公室</text:p>",
    )
    doc = read_document(str(path))
    assert (doc.format, doc.reader) == ("odt", "lxml")
    assert [line for line in doc.text.split("\n") if line] == [
        t1,
        b1[:10] + "  " + b1[10:],
        "新增绿地",
        "46公顷",
        y1,
        t2,
        b2,
        y2,
    ]
    assert "删除的旧标题" not in doc.text
    bulletin = segment_document(doc)
    assert [it.title for it in bulletin.items] == TITLES
    assert bulletin.masthead is not None and bulletin.masthead.issue == "第6期"
    assert bulletin.footer == "报：市委办公室"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "is a Word 97-2003 .doc file, which bnlp cannot read; save it as .docx in Word or WPS",
        ),
        (
            "old.wps",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "is a WPS Writer .wps file, which bnlp cannot read; save it as .docx in WPS",
        ),
        (
            "renamed.txt",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "looks like a Word 97-2003 .doc or WPS file, which bnlp cannot read; save it as .docx in Word or WPS",
        ),
    ],
)
def test_doc_and_wps_get_the_fix(tmp_path, run_cli, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run_cli(["segment", path, "-f", "json"])
    assert (code, out) == (1, "")
    assert err == f"bnlp: error: {path}: {message}\n"


def test_folder_names_skipped_files_and_counts_formats(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("\n".join(ITEMS[0]), encoding="utf-8")
    (folder / "sub" / "b.md").write_text("\n".join(ITEMS[1]), encoding="utf-8")
    (folder / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "d.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "e.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "gold.json").write_text("{}", encoding="utf-8")  # a companion file: passed over
    (folder / "~$a.docx").write_bytes(b"lock")
    scan = scan_inputs([str(folder)])
    assert scan.files == [str(folder / "a.txt"), str(folder / "sub" / "b.md")]
    assert scan.errors == []
    assert [(p.rsplit("/", 1)[1], reason) for p, reason in scan.skipped] == [
        ("c.doc", "a Word 97-2003 .doc file, which bnlp cannot read; save it as .docx in Word or WPS"),
        ("d.xls", "a spreadsheet, not a bulletin"),
        ("e.wps", "a WPS Writer .wps file, which bnlp cannot read; save it as .docx in WPS"),
        ("~$a.docx", "Word lock file"),
    ]
    assert scan.skipped_summary() == "4 skipped: 1 .doc, 1 .docx, 1 .wps, 1 .xls"
    assert scan.notes == [
        f"{folder}: skipped 4 files: c.doc (a Word 97-2003 .doc file, which bnlp cannot read; save it as .docx"
        " in Word or WPS); d.xls (a spreadsheet, not a bulletin); e.wps (a WPS Writer .wps file, which bnlp"
        " cannot read; save it as .docx in WPS); ~$a.docx (Word lock file)"
    ]
    docs = [read_document(f) for f in scan.files] + [Document("x.docx", "docx", "x", format="docx")]
    assert format_counts(docs) == "2 text, 1 docx"


def test_folder_run_through_cli_reports_skipped(tmp_path, run_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(ITEMS[0]) + "\n\n" + "\n".join(ITEMS[1]), encoding="utf-8")
    (folder / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run_cli(["segment", folder, "-f", "json"])
    assert code == 0
    assert [it["title"] for it in one_document(out)["items"]] == TITLES
    assert err.splitlines() == [
        f"bnlp: {folder}: skipped 1 file: b.doc (a Word 97-2003 .doc file, which bnlp cannot read; save it as"
        " .docx in Word or WPS)",
    ]


def test_readers_stay_off_the_start_up_path_of_txt(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text("\n".join(ITEMS[0]), encoding="utf-8")
    code = (
        "import sys; from bulletin_nlp.reading import read_document; read_document(sys.argv[1]); "
        "import bulletin_nlp as bn; assert len(bn.segment_items(sys.argv[1])[0].items) == 1; "
        "print(sorted(m for m in ('docx2python', 'pypdfium2', 'trafilatura', 'striprtf', 'lxml', 'docx') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_mixed_folder_counts_files_per_format(tmp_path, run_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(ITEMS[0]), encoding="utf-8")
    rtf = "{\\rtf1\\ansi\\ansicpg936 " + "".join(f"{_rtf_escape(p, '936')}\\par " for p in ITEMS[1]) + "}"
    (folder / "b.rtf").write_bytes(rtf.encode("ascii"))
    code, out, err = run_cli(["segment", folder, "-f", "jsonl"])
    assert code == 0
    assert [json.loads(line)["title"] for line in out.splitlines()] == TITLES
    assert err == "bnlp: read 2 files: 1 rtf, 1 text\n"


def test_quiet_leaves_out_skipped_and_format_notes(tmp_path, run_cli):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("\n".join(ITEMS[0]) + "\n\n" + "\n".join(ITEMS[1]), encoding="utf-8")
    rtf = "{\\rtf1\\ansi\\ansicpg936 " + "".join(f"{_rtf_escape(p, '936')}\\par " for p in ITEMS[1]) + "}"
    (folder / "b.rtf").write_bytes(rtf.encode("ascii"))
    (folder / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    code, out, err = run_cli(["segment", folder, "-f", "json", "-q"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(d["format"], len(d["items"])) for d in data["documents"]] == [("text", 2), ("rtf", 1)]
