"""``bnlp segment`` through the command line: options, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap

import pytest

from bulletin_nlp import __version__
from conftest import DATA, ROOT, one_document

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
BULLETINS = DATA / "bulletins"
DOC_KEYS = {"source", "encoding", "format", "reader", "meta", "masthead", "title", "items", "footer", "parts"}
ITEM_KEYS = {"index", "title", "body", "kind", "unit", "authors", "region", "lines", "section", "divisions", "meta"}
CSV_HEADER = [
    "source",
    "index",
    "kind",
    "title",
    "body",
    "unit",
    "authors",
    "region",
    "section",
    "line_start",
    "line_end",
]
ANSI = re.compile(r"\x1b\[")

LONG_TITLE = "江南区人大常委会聚焦城乡居民最关心最直接最现实的利益问题持续推进民生实事项目人大代表票决制"
LONG_BULLETIN = (
    f"{LONG_TITLE}\n"
    "\n"
    "江南区人大常委会在全区各镇街全面推行民生实事项目人大代表票决制，今年共票决产生加装电梯、"
    "老旧小区改造、农贸市场提升等10个项目，由代表分组跟踪监督项目实施。\n"
    "\n"
    "（江南区人大常委会办公室  宋一鸣  谢 婷  韩 磊）\n"
    "\n"
    "市人大常委会召开主任会议\n"
    "\n"
    "7月8日，市人大常委会召开主任会议，研究确定常委会第十九次会议议程草案。\n"
    "\n"
    "（办公室秘书处  王强）\n"
)


@pytest.fixture
def long_bulletin(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(LONG_BULLETIN, encoding="utf-8")
    return path


def _sample_expected():
    return json.loads((ROOT / "data" / "sample-bulletin.expected.json").read_text(encoding="utf-8"))


# --- version and help --------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(run_cli, flag):
    assert run_cli([flag]) == (0, f"bnlp {__version__}\n", "")


def test_help(run_cli):
    code, out, err = run_cli(["--help"])
    assert (code, err) == (0, "")
    assert out.startswith("Usage: bnlp ")
    assert "segment" in out
    assert "--version" in out


def test_help_names_only_existing_commands(run_cli):
    """Every ``bnlp COMMAND`` the top-level help suggests must be a command that exists."""
    code, out, _ = run_cli(["--help"])
    assert code == 0
    for command in sorted(set(re.findall(r"\bbnlp ([a-z][a-z-]+)", out))):
        sub_code, sub_out, sub_err = run_cli([command, "--help"])
        assert sub_code == 0, f"`bnlp --help` suggests `bnlp {command}`, which does not exist: {sub_err.strip()}"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_segment_help(run_cli, flag):
    code, out, err = run_cli(["segment", flag])
    assert (code, err) == (0, "")
    assert out.startswith("Usage: bnlp segment ")
    assert "Examples:" in out
    for option in ("--format", "--output", "--encoding", "--quiet", "--debug"):
        assert option in out


def test_no_arguments_shows_help(run_cli):
    code, out, err = run_cli([])
    assert code in (0, 2)
    assert "Traceback" not in err
    assert "Usage: bnlp" in out + err
    assert "segment" in out + err


# --- usage errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (["segment", str(SAMPLE), "--bogus"], "No such option: --bogus"),
        (["segment"], "Missing"),
        (["segment", str(SAMPLE), "--format", "xml"], "xml"),
        (["frobnicate"], "No such command"),
    ],
    ids=["unknown-option", "no-input", "bad-format", "unknown-command"],
)
def test_usage_errors_exit_2(run_cli, args, message):
    code, out, err = run_cli(args)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert "Usage: bnlp" in err
    assert message in err


# --- formats -----------------------------------------------------------------------------------


def test_json(run_cli):
    code, out, err = run_cli(["segment", SAMPLE, "--format", "json"])
    assert (code, err) == (0, "")
    data = one_document(out)
    assert set(data) == DOC_KEYS
    assert data["source"] == str(SAMPLE)
    assert data["encoding"] == "utf-8"
    expected = _sample_expected()
    assert data["masthead"] == expected["masthead"]
    assert isinstance(data["footer"], str) and data["footer"]
    assert len(data["items"]) == len(expected["items"])
    for n, item in enumerate(data["items"], 1):
        assert set(item) == ITEM_KEYS
        assert item["index"] == n
        assert item["kind"] in ("article", "brief")
        assert isinstance(item["authors"], list)
        assert isinstance(item["lines"], list) and len(item["lines"]) == 2
    assert [it["title"] for it in data["items"]] == [it["title"] for it in expected["items"]]
    assert out.endswith("}\n")
    assert "\\u" not in out  # Chinese is written as characters, not escapes


def test_json_is_the_default_when_piped(run_cli):
    code, out, _ = run_cli(["segment", SAMPLE])
    assert code == 0
    assert out == run_cli(["segment", SAMPLE, "-f", "json"])[1]


def test_format_is_case_insensitive(run_cli):
    assert run_cli(["segment", SAMPLE, "-f", "JSON"])[1] == run_cli(["segment", SAMPLE, "-f", "json"])[1]


def test_jsonl(run_cli):
    code, out, err = run_cli(["segment", SAMPLE, "--format", "jsonl"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    expected = _sample_expected()
    assert len(lines) == len(expected["items"])
    records = [json.loads(line) for line in lines]
    for n, rec in enumerate(records, 1):
        assert set(rec) == ITEM_KEYS | {"source"}
        assert rec["source"] == str(SAMPLE)
        assert rec["index"] == n
    assert [r["title"] for r in records] == [it["title"] for it in expected["items"]]


def test_csv_file_has_bom_and_parses(run_cli, tmp_path):
    target = tmp_path / "items.csv"
    code, out, err = run_cli(["segment", SAMPLE, "--format", "csv", "-o", target])
    assert (code, out, err) == (0, "", "")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == CSV_HEADER
    expected = _sample_expected()
    assert len(rows) == 1 + len(expected["items"])
    records = [dict(zip(CSV_HEADER, r, strict=False)) for r in rows[1:]]
    for n, (rec, want) in enumerate(zip(records, expected["items"], strict=False), 1):
        assert rec["source"] == str(SAMPLE)
        assert rec["index"] == str(n)
        assert rec["kind"] == want["kind"]
        assert rec["title"] == (want["title"] or "")
        assert rec["authors"].replace(" ", "") == ";".join(want["authors"])
        assert rec["region"] == (want["region"] or "")
        assert int(rec["line_start"]) <= int(rec["line_end"])
    # Multi-paragraph bodies survive CSV quoting.
    data = one_document(run_cli(["segment", SAMPLE, "-f", "json"])[1])
    assert [r["body"] for r in records] == [it["body"] for it in data["items"]]


def test_markdown(run_cli):
    code, out, err = run_cli(["segment", SAMPLE, "--format", "markdown"])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"## {SAMPLE}"
    assert "| # | title | unit | authors | region | chars |" in lines
    assert "|---|---|---|---|---|---|" in lines
    rows = [line for line in lines if re.match(r"^\| \d+ \|", line)]
    assert len(rows) == len(_sample_expected()["items"])
    assert rows[0].startswith(
        "| 1 | 市人大常委会表决通过《江州市历史文化街区保护条例》 | 法制工作委员会立法处 | 冯志远、曹颖 |"
    )


def test_table_piped_keeps_full_text_and_no_colour(run_cli, long_bulletin):
    code, out, err = run_cli(["segment", long_bulletin, "--format", "table"])
    assert (code, err) == (0, "")
    assert LONG_TITLE in out
    assert "江南区人大常委会办公室" in out
    assert "宋一鸣、谢婷、韩磊" in out
    assert "…" not in out
    assert not ANSI.search(out)


def test_table_to_file(run_cli, long_bulletin, tmp_path):
    target = tmp_path / "items.txt"
    code, out, err = run_cli(["segment", long_bulletin, "-f", "table", "-o", target])
    assert (code, out, err) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert LONG_TITLE in text
    assert "…" not in text
    assert not ANSI.search(text)


def test_square_brackets_are_printed_literally(run_cli, tmp_path):
    """Text such as ``[b]`` or ``[/u]`` is the bulletin's own, never console markup (BR-37)."""
    title = "江北区：[b]代表建议[/b]办理情况“晒”到网上"
    path = tmp_path / "brackets.txt"
    path.write_text(
        f"{title}\n\n江北区人大常委会将代表建议办理情况在网站公开，文号京政发[2024]5号，[注]接受群众监督。\n\n"
        "（江北区人大常委会办公室  陈 静）\n\n"
        "市人大常委会召开主任会议\n\n7月8日，市人大常委会召开主任会议，研究确定会议议程草案。\n\n（办公室秘书处  王强）\n",
        encoding="utf-8",
    )
    for fmt in ("table", "markdown", "json"):
        code, out, err = run_cli(["segment", path, "-f", fmt])
        assert (code, err) == (0, ""), fmt
        assert title in out, fmt


# --- several inputs, folders, output file --------------------------------------------------------


def test_several_files_give_documents(run_cli):
    first, second = BULLETINS / "briefs_only.txt", BULLETINS / "numbered_headlines.txt"
    code, out, err = run_cli(["segment", first, second, "-f", "json"])
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert list(data) == ["documents"]
    assert [d["source"] for d in data["documents"]] == [str(first), str(second)]
    for doc in data["documents"]:
        assert set(doc) == DOC_KEYS
    assert len(data["documents"][1]["items"]) == 4


def test_folder_argument(run_cli):
    code, out, err = run_cli(["segment", BULLETINS, "-f", "json"])
    # the expected-output JSON files beside the inputs are companion files, passed over silently
    assert (code, err) == (0, "")
    docs = json.loads(out)["documents"]
    expected = sorted(str(p) for p in BULLETINS.glob("*.txt"))
    assert [d["source"] for d in docs] == expected
    for doc in docs:
        gold = json.loads(
            (BULLETINS / os.path.basename(doc["source"]).replace(".txt", ".expected.json")).read_text(encoding="utf-8")
        )
        assert len(doc["items"]) == len(gold["items"]), doc["source"]


def test_folder_jsonl_sources(run_cli):
    code, out, _ = run_cli(["segment", BULLETINS, "-f", "jsonl"])
    assert code == 0
    sources = {json.loads(line)["source"] for line in out.splitlines()}
    assert sources == {str(p) for p in BULLETINS.glob("*.txt")}


def test_output_file(run_cli, tmp_path):
    target = tmp_path / "out.json"
    code, out, err = run_cli(["segment", SAMPLE, "-f", "json", "-o", target])
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8") == run_cli(["segment", SAMPLE, "-f", "json"])[1]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary file left


def test_output_defaults_to_json(run_cli, tmp_path):
    target = tmp_path / "out"
    assert run_cli(["segment", SAMPLE, "-o", target])[0] == 0
    assert set(one_document(target.read_text(encoding="utf-8"))) == DOC_KEYS


def test_output_into_missing_folder(run_cli, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "out.json"
    code, out, err = run_cli(["segment", SAMPLE, "-f", "json", "-o", target])
    assert code == 1
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith("bnlp: error: ")
    assert str(target) in err


# --- determinism -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "table"])
def test_deterministic(run_cli, tmp_path, fmt):
    outputs = []
    for n in range(2):
        target = tmp_path / f"run{n}.{fmt}"
        assert run_cli(["segment", BULLETINS, SAMPLE, "-f", fmt, "-o", target])[0] == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 1000


# --- start-up cost -----------------------------------------------------------------------------


def test_segment_does_not_import_heavy_libraries(tmp_path):
    target = tmp_path / "out.json"
    script = textwrap.dedent(
        f"""
        import sys
        import bulletin_nlp.cli
        code = bulletin_nlp.cli.main(["segment", {str(SAMPLE)!r}, "-f", "json", "-o", {str(target)!r}])
        heavy = sorted(m for m in ("jieba", "sklearn", "skops") if m in sys.modules)
        print(code, heavy)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 []"
    assert target.exists()


# --- consoles that cannot show every character (BR-33) ------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["segment", "--help"], ["segment", "{file}", "-f", "table"]])
def test_gbk_console_never_crashes(tmp_path, args):
    path = tmp_path / "rare.txt"
    path.write_text(
        "云溪区：“一网通办”让企业开办半天办结 ✅\n\n云溪区深化政务服务数字化改革，企业开办全流程网上办理。\n\n"
        "（云溪区人民政府办公室  王䶮）\n\n"
        "市人大常委会召开主任会议\n\n7月8日，市人大常委会召开主任会议，研究确定会议议程草案。\n\n（办公室秘书处  王强）\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    cmd = [sys.executable, "-m", "bulletin_nlp", *[a.format(file=path) for a in args]]
    done = subprocess.run(cmd, capture_output=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert b"Traceback" not in done.stderr
    text = done.stdout.decode("gbk")
    assert "Usage:" in text or "企业开办半天办结" in text


# --- interruption, closed pipes, quiet ------------------------------------------------------------


def test_interrupt_exits_130(run_cli, monkeypatch):
    import bulletin_nlp.segment

    def interrupted(doc):
        raise KeyboardInterrupt

    monkeypatch.setattr(bulletin_nlp.segment, "segment_document", interrupted)
    code, out, err = run_cli(["segment", SAMPLE, "-f", "json"])
    assert code == 130
    assert out == ""
    assert "Traceback" not in err
    assert "interrupted" in err


def test_closed_pipe_is_quiet(tmp_path):
    """``bnlp segment … | head`` ends without an error message."""
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):  # well over a pipe buffer of output
        (folder / f"b{n:02d}.txt").write_bytes(SAMPLE.read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-m", "bulletin_nlp", "segment", str(folder), "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = proc.stdout.read(200)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    code = proc.wait(timeout=120)
    assert first.startswith(b'{"source": ')
    assert err == b""
    assert code == 0


def test_quiet_keeps_errors_but_drops_the_summary(run_cli, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    code, out, err = run_cli(["segment", SAMPLE, empty, missing, "-f", "json", "--quiet"])
    assert code == 1
    assert one_document(out)["source"] == str(SAMPLE)
    assert err.splitlines() == [
        f"bnlp: error: {missing}: no such file or folder",
        f"bnlp: error: {empty}: file is empty",
    ]


def test_output_to_a_device_writes_into_it_and_keeps_it(tmp_path):
    """`-o /dev/null` (or a FIFO) must be written into, never replaced by a renamed file."""
    import stat
    import subprocess
    import sys

    if not os.path.exists(os.devnull) or not stat.S_ISCHR(os.stat(os.devnull).st_mode):
        pytest.skip("no character device at os.devnull")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(
        [sys.executable, "-c", f"print(len(open({str(fifo)!r}, 'rb').read()))"], stdout=subprocess.PIPE, text=True
    )
    from bulletin_nlp.cli import main

    assert main(["segment", str(ROOT / "data" / "sample-bulletin.txt"), "-f", "json", "-o", str(fifo)]) == 0
    assert int(reader.communicate(timeout=30)[0]) > 1000
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert main(["segment", str(ROOT / "data" / "sample-bulletin.txt"), "-f", "json", "-o", os.devnull]) == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
