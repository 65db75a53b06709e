"""The command line as a thin layer: shared options declared once, formats from the registry."""

from __future__ import annotations

import re

import pytest

from bulletin_nlp.render import FORMATS
from conftest import ROOT

SRC = ROOT / "src" / "bulletin_nlp"
SAMPLE = ROOT / "data" / "sample-bulletin.txt"

READING = ["segment", "keywords", "classify", "report", "trends", "kwic", "cooccur", "compare"]


def options(help_text: str) -> set[str]:
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", help_text))


@pytest.mark.parametrize("command", READING)
def test_reading_commands_get_every_shared_option(run_cli, command):
    code, out, _ = run_cli([command, "--help"])
    assert code == 0
    assert {"--format", "--output", "--encoding", "--quiet", "--debug"} <= options(out)


@pytest.mark.parametrize(
    "command, has, lacks",
    [
        (["train"], {"--output", "--quiet", "--debug", "--themes"}, {"--format", "--encoding"}),
        (["evaluate"], {"--format", "--output", "--quiet", "--debug"}, {"--encoding"}),
        (["idf", "build"], {"--output", "--encoding", "--quiet", "--debug"}, {"--format"}),
        (["keywords"], {"--verbose", "--per-item", "--jobs"}, set()),
    ],
)
def test_each_command_takes_only_the_shared_options_it_names(run_cli, command, has, lacks):
    code, out, _ = run_cli([*command, "--help"])
    assert code == 0
    assert has <= options(out)
    assert not (lacks & options(out))


def test_format_choices_are_the_registry(run_cli):
    out = run_cli(["segment", "--help"])[1]
    assert "<" + "|".join(FORMATS) + ">" in out


def test_a_format_a_command_lacks_is_a_usage_error(capsys):
    import typer

    from bulletin_nlp.cli import command

    demo = typer.Typer()

    @command(demo, "demo", formats=("table", "json"))
    def demo_cmd(run) -> None:
        """A command that writes only tables and JSON."""

    @demo.command("other")
    def other() -> None:  # a second command, so that Typer keeps sub-command names
        pass

    from bulletin_nlp.errors import UsageError

    with pytest.raises(UsageError, match="demo cannot write csv: use --format table or json"):
        demo(["demo", "-f", "csv"], standalone_mode=False)
    with pytest.raises(UsageError, match="demo cannot write xlsx"):
        demo(["demo", "-o", "x.xlsx"], standalone_mode=False)


def test_shared_options_and_renderers_are_declared_once():
    src = "\n".join(p.read_text(encoding="utf-8") for p in SRC.rglob("*.py"))
    for flag in ("--format", "--output", "--encoding", "--quiet", "--debug"):
        declared = re.findall(r'typer\.Option\(\s*"' + flag + '"', src)
        assert len(declared) == (3 if flag == "--output" else 1), flag  # + train and idf build: a required -o
    cli = (SRC / "cli.py").read_text(encoding="utf-8")
    assert "lambda" not in cli
    for pipeline_step in ("segment_document", "read_document", "get_tokenizer", "ZeroShotClassifier", "Extractor"):
        assert pipeline_step not in cli, pipeline_step


def test_bnlp_errors_are_one_line_and_bugs_say_so(run_cli, monkeypatch, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[theme]]\nlabel = \n", encoding="utf-8")
    code, out, err = run_cli(["classify", SAMPLE, "--themes", bad])
    assert (code, out) == (1, "")
    assert err.startswith(f"bnlp: error: {bad}") and len(err.splitlines()) == 1

    import bulletin_nlp.api

    def broken(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(bulletin_nlp.api, "segment_items", broken)
    code, out, err = run_cli(["segment", SAMPLE])
    assert code == 1
    assert err == "bnlp: error: RuntimeError: something broke (run with --debug for the traceback)\n"
    code, out, err = run_cli(["segment", SAMPLE, "--debug"])
    assert code == 1 and "Traceback" in err and "something broke" in err
