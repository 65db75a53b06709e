"""Output files: format from the -o extension, XLSX, UTF-8 whatever the locale, file modes,
every format of report, --explain in every format (issue 15)."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys

import pytest

from conftest import DATA, ROOT, one_document

SAMPLE = ROOT / "data" / "sample-bulletin.txt"


@pytest.mark.parametrize(
    "name, check",
    [
        ("out.csv", lambda b: b.startswith(b"\xef\xbb\xbfsource,index,kind,title")),
        ("out.jsonl", lambda b: all(json.loads(x)["source"] for x in b.decode().splitlines())),
        ("out.json", lambda b: len(json.loads(b)["documents"][0]["items"]) == 10),
        ("out.md", lambda b: b.decode().startswith("## ") and "| # | title |" in b.decode()),
        ("out.xlsx", lambda b: b.startswith(b"PK\x03\x04")),
    ],
)
def test_output_extension_picks_the_format(run_cli, tmp_path, name, check):
    target = tmp_path / name
    code, out, err = run_cli(["segment", SAMPLE, "-o", target])
    assert (code, out) == (0, ""), err
    assert check(target.read_bytes())


def test_extension_contradicting_format_is_a_usage_error(run_cli, tmp_path):
    target = tmp_path / "items.csv"
    code, out, err = run_cli(["segment", SAMPLE, "-f", "json", "-o", target])
    assert code == 2 and out == "" and not target.exists()
    assert err == f"bnlp: error: -o {target} names the csv format but --format json was given: use one of them\n"
    # an extension that names no format leaves the choice to --format
    code, _, err = run_cli(["segment", SAMPLE, "-f", "csv", "-o", tmp_path / "items.txt"])
    assert code == 0, err
    assert (tmp_path / "items.txt").read_bytes().startswith(b"\xef\xbb\xbfsource,")


def test_html_extension_means_html_for_report_and_is_refused_elsewhere(run_cli, tmp_path):
    page = tmp_path / "r.html"
    code, out, err = run_cli(["report", SAMPLE, "-o", page])
    assert (code, out) == (0, ""), err
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "江州市人大常委会办公室" in text
    bad = tmp_path / "s.html"
    code, out, err = run_cli(["segment", SAMPLE, "-o", bad])
    assert code == 2 and not bad.exists()
    assert err.startswith("bnlp: error: segment does not draw HTML") and len(err.splitlines()) == 1


def test_model_and_idf_files_keep_their_own_format(run_cli, tmp_path):
    idf = tmp_path / "idf.json"  # a name that would mean JSON for a rendering
    code, _, err = run_cli(["idf", "build", SAMPLE, "-o", idf])
    assert code == 0, err
    header, first = idf.read_text(encoding="utf-8").splitlines()[:2]
    assert header.startswith("# IDF table built by bnlp")
    assert len(first.split(" ")) == 2 and float(first.split(" ")[1]) > 0


def _sheets(path):
    openpyxl = pytest.importorskip("openpyxl")
    return openpyxl.load_workbook(path)


@pytest.mark.parametrize(
    "command, sheets",
    [
        (["segment"], ["items"]),
        (["keywords", "--per-item"], ["keywords"]),
        (["classify"], ["themes"]),
        (["report"], ["items", "themes", "regions", "documents"]),
    ],
)
def test_xlsx_one_sheet_per_table_frozen_header_cjk_widths(run_cli, tmp_path, command, sheets):
    target = tmp_path / "out.xlsx"
    code, _, err = run_cli([command[0], SAMPLE, *command[1:], "-o", target])
    assert code == 0, err
    wb = _sheets(target)
    assert wb.sheetnames == sheets
    ws = wb[sheets[0]]
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.bold
    header = [c.value for c in ws[1]]
    assert header[0] == "source"
    assert ws.max_row > 10
    # the widest Chinese column is wider than its longest ASCII header: CJK counts double
    title_col = header.index("title" if "title" in header else ("label" if "label" in header else "term")) + 1
    from openpyxl.utils import get_column_letter

    longest = max(len(str(c.value or "")) for (c,) in ws.iter_rows(min_row=2, min_col=title_col, max_col=title_col))
    width = ws.column_dimensions[get_column_letter(title_col)].width
    assert width >= min(60, 2 * longest) - 1, (width, longest)


def test_xlsx_is_deterministic_and_refused_on_a_terminal(run_cli, tmp_path, monkeypatch):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for t in (a, b):
        assert run_cli(["report", SAMPLE, "-o", t])[0] == 0
    assert a.read_bytes() == b.read_bytes()
    from bulletin_nlp.render import formats

    monkeypatch.setattr(formats.sys, "stdout", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    with pytest.raises(Exception, match="not for the terminal"):
        formats.write_bytes(b"PK", None)


def test_files_get_mode_0644_under_umask_022(run_cli, tmp_path):
    old = os.umask(0o022)
    try:
        for name in ("a.json", "a.csv", "a.xlsx", "a.md"):
            assert run_cli(["segment", SAMPLE, "-o", tmp_path / name])[0] == 0
        assert run_cli(["report", SAMPLE, "--html", tmp_path / "r.html"])[0] == 0
        assert run_cli(["idf", "build", SAMPLE, "-o", tmp_path / "idf.txt"])[0] == 0
    finally:
        os.umask(old)
    for f in tmp_path.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown"])
def test_machine_formats_are_utf8_in_an_ascii_locale(fmt):
    """BR-31: LC_ALL=C / a missing GBK locale, no UTF-8 mode: machine formats stay UTF-8."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIO", "PYTHONUTF8"))}
    env.update(LC_ALL="zh_CN.GBK", LANG="zh_CN.GBK", PYTHONUTF8="0", PYTHONIOENCODING="ascii")
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_nlp", "segment", str(DATA / "cases" / "BR-31.txt"), "-f", fmt],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # raises if not UTF-8
    assert "乡村振兴" in text and "营商环境" in text
    # the table degrades to the console's encoding but does not crash
    done = subprocess.run(
        [sys.executable, "-m", "bulletin_nlp", "segment", str(DATA / "cases" / "BR-31.txt"), "-f", "table"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0 and b"Traceback" not in done.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown", "xlsx"])
def test_report_writes_every_format_its_help_lists(run_cli, tmp_path, fmt):
    code, out, err = run_cli(["report", "--help"])
    assert fmt in out
    target = tmp_path / "report.out"
    code, out, err = run_cli(["report", SAMPLE, "-f", fmt, "-o", target])
    assert code == 0, err
    data = target.read_bytes()
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows[0][:4] == ["source", "date", "index", "label"] and len(rows) == 11
    elif fmt == "markdown":
        text = data.decode()
        assert text.startswith("# ") and "| 1 | 市人大常委会表决通过" in text
    elif fmt == "jsonl":
        assert json.loads(data.decode().splitlines()[0])["item_count"] == 10
    elif fmt == "json":
        assert json.loads(data)["item_count"] == 10
    elif fmt == "xlsx":
        assert data.startswith(b"PK")
    else:
        assert "江州市人大常委会办公室" in data.decode()


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "table"])
def test_explain_adds_terms_in_every_format(run_cli, fmt):
    code, out, err = run_cli(["classify", SAMPLE, "--explain", "-f", fmt])
    assert code == 0, err
    plain = run_cli(["classify", SAMPLE, "-f", fmt])[1]
    if fmt == "json":
        item = one_document(out)["items"][0]
        assert item["themes"][0]["terms"]
    elif fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["themes"][0]["terms"]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
        assert rows[0][-1] == "terms" and ": " in rows[1][-1]
        assert "terms" not in plain.splitlines()[0]
    else:
        assert "terms" in out and "terms" not in plain
