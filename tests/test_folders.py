"""Folder runs: what is skipped and named, --glob/--exclude, summary first, stdin hint (issue 15)."""

from __future__ import annotations

import json
import os
import shutil
import sys

import pytest

from bulletin_nlp.inputs import readable_name, select_files
from conftest import DATA, ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "bulletins"
    (root / "2024").mkdir(parents=True)
    (root / ".git").mkdir()
    shutil.copy(SAMPLE, root / "2024" / "2024-09.txt")
    shutil.copy(SAMPLE, root / "2023-01.txt")
    (root / "README.md").write_text("# 这个文件夹的说明\n", encoding="utf-8")
    (root / ".draft.txt").write_text("草稿\n", encoding="utf-8")
    (root / "table.xlsx").write_bytes(b"PK\x03\x04")
    (root / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    return root


def test_readme_hidden_and_other_formats_are_skipped_and_named(run_cli, folder):
    code, out, err = run_cli(["segment", folder, "-f", "json"])
    assert code == 0, err
    sources = [d["source"] for d in json.loads(out)["documents"]]
    assert sources == [str(folder / "2023-01.txt"), str(folder / "2024" / "2024-09.txt")]
    assert err.startswith(f"bnlp: {folder}: skipped 3 files: ")
    for part in (".draft.txt (hidden)", "README.md (README)", "table.xlsx (a spreadsheet, not a bulletin)"):
        assert part in err
    assert ".git" not in err  # files inside hidden folders are not worth naming


def test_glob_and_exclude_choose_files(run_cli, folder):
    code, out, err = run_cli(["segment", folder, "--glob", "2024/*", "-f", "json"])
    assert [d["source"] for d in json.loads(out)["documents"]] == [str(folder / "2024" / "2024-09.txt")]
    code, out, err = run_cli(["segment", folder, "--exclude", "2024*", "-f", "json"])
    assert [d["source"] for d in json.loads(out)["documents"]] == [str(folder / "2023-01.txt")]
    code, out, err = run_cli(["segment", folder, "--glob", "*.docx"])
    assert (
        code == 1
        and f"{folder}: folder holds no .txt, .md, .docx, .pdf, .html, .rtf or .odt file to read; skipped" in err
    )


def test_report_summary_comes_first_and_can_stand_alone(run_cli, folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    code, out, err = run_cli(["report", folder, "-f", "table"])
    assert code == 0, err
    assert out.index("期简报 / bulletins") < out.index("江州市人大常委会办公室")
    code, short, _ = run_cli(["report", folder, "-f", "table", "--summary"])
    assert "期简报 / bulletins" in short and "条目 / items" not in short and len(short) < len(out) / 2
    md = run_cli(["report", folder, "-f", "markdown", "--summary"])[1]
    assert "主题走势" in md and "标题 / headline" not in md


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "table"])
def test_a_gbk_file_name_is_shown_readably_and_maps_back(run_cli, tmp_path, fmt, monkeypatch):
    if sys.getfilesystemencoding() != "utf-8":
        pytest.skip("needs a UTF-8 file system encoding")
    folder = tmp_path / "zip"
    folder.mkdir()
    raw = os.fsencode(str(folder)) + b"/" + "简报第一期.txt".encode("gbk")
    try:
        shutil.copy(SAMPLE, os.fsdecode(raw))
    except OSError:
        pytest.skip("the file system refuses non-UTF-8 names")
    assert readable_name(os.fsdecode(raw)) == f"{folder}/简报第一期.txt"
    target = tmp_path / f"out.{fmt}"
    code, out, err = run_cli(["segment", folder, "-f", fmt, "-o", target])
    assert code == 0, err
    if fmt == "json":
        source = json.loads(target.read_text(encoding="utf-8"))["documents"][0]["source"]
        assert source == f"{folder}/简报第一期.txt"
        folder_part, _, name = source.rpartition("/")
        assert os.path.exists(os.fsencode(folder_part) + b"/" + name.encode("gb18030"))  # maps back
    elif fmt in ("csv", "table"):
        assert f"{folder}/简报第一期.txt" in target.read_text(encoding="utf-8-sig")
    else:
        assert target.read_bytes().startswith(b"PK")


def test_stdin_from_a_terminal_prints_a_hint(run_cli, monkeypatch):
    import bulletin_nlp.render.console as console

    monkeypatch.setattr(console, "is_terminal", lambda stream: stream is sys.stdin)
    code, out, err = run_cli(["segment", "-", "-f", "json"], stdin_bytes=SAMPLE.read_bytes())
    assert code == 0
    assert err.splitlines()[0].startswith("bnlp: reading a bulletin from standard input (the terminal)")
    monkeypatch.setattr(console, "is_terminal", lambda stream: False)
    assert run_cli(["segment", "-", "-f", "json"], stdin_bytes=SAMPLE.read_bytes())[2] == ""


def test_select_files_passes_other_inputs_through():
    sel = select_files(["-", str(SAMPLE), str(DATA / "missing")])
    assert sel.inputs == ["-", str(SAMPLE), str(DATA / "missing")] and not sel.skipped


def test_the_api_skips_and_names_the_same_files(folder):
    import bulletin_nlp as bn

    seg = bn.segment_items(folder)
    assert [b.source for b in seg] == [str(folder / "2023-01.txt"), str(folder / "2024" / "2024-09.txt")]
    assert seg.notes == [
        f"{folder}: skipped 3 files: .draft.txt (hidden); README.md (README); table.xlsx (a spreadsheet, not a bulletin)"
    ]
