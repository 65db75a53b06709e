"""Terminal tables at 80 columns, COLUMNS honoured, captions at 140 columns (issues 15, 17)."""

from __future__ import annotations

import re

from conftest import ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
TRAIN = ROOT / "data" / "themes-train.csv"


def _widths(header_line: str) -> list[int]:
    from bulletin_nlp.render.xlsx import display_width

    return [display_width(c) for c in re.split(r"[┃│]", header_line)[1:-1]]


def test_segment_table_at_80_columns_gives_the_headline_the_room(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run_cli(["segment", SAMPLE, "-f", "table"])
    assert code == 0, err
    from bulletin_nlp.render.xlsx import display_width

    lines = out.splitlines()
    assert max(display_width(x.rstrip()) for x in lines) <= 80
    header = next(x for x in lines if "headline" in x)
    widths = _widths(header)
    assert widths[1] == max(widths), widths  # the headline column is the widest
    region = _widths(next(x for x in lines if "江北区" in x and "│" in x))[4]
    assert region <= 8  # short columns take only what they need


def test_columns_is_honoured_when_piped(run_cli, monkeypatch):
    from bulletin_nlp.render.xlsx import display_width

    monkeypatch.setenv("COLUMNS", "100")
    out = run_cli(["classify", SAMPLE, "-f", "table"])[1]
    assert max(display_width(x.rstrip()) for x in out.splitlines()) <= 100
    monkeypatch.delenv("COLUMNS")
    out = run_cli(["classify", SAMPLE, "-f", "table"])[1]
    assert max(display_width(x.rstrip()) for x in out.splitlines()) > 100  # a pipe: nothing is wrapped


def test_confusion_uses_codes_and_a_legend_when_narrow(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run_cli(["evaluate", TRAIN, "--cv", "2", "-f", "table"])
    assert code == 0, err
    assert "legend: T1 " in out and "┃ T1 " in out
    from bulletin_nlp.render.xlsx import display_width

    confusion = out[out.index("confusion") :]
    assert max(display_width(x.rstrip()) for x in confusion.splitlines() if "legend" not in x) <= 80
    monkeypatch.setenv("COLUMNS", "200")
    out = run_cli(["evaluate", TRAIN, "--cv", "2", "-f", "table"])[1]
    assert "legend" not in out and "┃ 代表工作 " in out


def test_captions_at_140_columns_never_leave_a_word_or_separator_alone(run_cli, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "140")
    deep = tmp_path / ("a-very-long-folder-name-for-bulletins-" * 3) / "2024"
    deep.mkdir(parents=True)
    target = deep / "sample-bulletin-with-a-long-name.txt"
    target.write_bytes(SAMPLE.read_bytes())
    for cmd in (["keywords"], ["classify"], ["segment"]):
        out = run_cli([*cmd, target, "-f", "table"])[1]
        for line in out.splitlines():
            stripped = line.strip()
            assert stripped not in ("·", "tfidf", "zero-shot", "items", "utf-8"), (cmd, line)
            assert not stripped.startswith("· ")


def test_report_panel_without_masthead_names_the_file_once(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    plain = tmp_path / "plain.txt"
    plain.write_text(SAMPLE.read_text(encoding="utf-8").split("\n", 3)[-1], encoding="utf-8")
    out = run_cli(["report", plain, "-f", "table"])[1]
    head = out[: out.index("条目 / items")]
    assert head.count(str(plain)) == 1, head


def test_no_table_line_starts_with_closing_punctuation(run_cli, monkeypatch):
    from bulletin_nlp.render.console import NO_LINE_START, kinsoku_offsets

    text = "市人大常委会表决通过《江州市历史文化街区保护条例》"
    pieces = [
        text[a:b] for a, b in zip([0, *kinsoku_offsets(text, 24)], [*kinsoku_offsets(text, 24), len(text)], strict=True)
    ]
    assert "".join(pieces) == text and all(p[0] not in NO_LINE_START for p in pieces)
    for width in ("80", "72", "100"):
        monkeypatch.setenv("COLUMNS", width)
        for cmd in ("segment", "classify", "report"):
            out = run_cli([cmd, SAMPLE, "-f", "table"])[1]
            for line in out.splitlines():
                for cell in re.split(r"[┃│]", line)[1:-1]:
                    cell = cell.strip()
                    assert not cell or cell[0] not in NO_LINE_START, (cmd, width, line)


def test_report_items_at_80_columns_give_the_headline_the_room(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run_cli(["report", SAMPLE, "-f", "table"])[1]
    header = next(x for x in out.splitlines() if "headline" in x)
    widths = _widths(header)
    assert widths[1] == max(widths), widths
