"""Help that teaches and messages that are exact (issue 17)."""

from __future__ import annotations

import json

from conftest import ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"


def test_examples_are_printed_verbatim_in_an_epilog(run_cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run_cli(["keywords", "--help"])
    assert code == 0
    lines = out.splitlines()
    start = lines.index("  Examples:")
    examples = [x.strip() for x in lines[start + 1 :] if x.strip()]
    assert "bnlp keywords bulletins/ --top 20 --jobs 2 -f csv -o keywords.csv" in examples
    assert all(x.startswith("bnlp ") for x in examples), examples


def test_root_help_ends_with_where_to_read_more_and_offers_completion(run_cli):
    code, out, _ = run_cli(["--help"])
    assert code == 0
    assert "--install-completion" in out and "--show-completion" in out
    tail = " ".join(out.split()[-30:])
    assert "README.md" in tail and "Python API" in tail
    code, out, _ = run_cli(["--show-completion", "bash"])
    assert code == 0 and "_bnlp_completion" in out


def test_idf_show_gives_size_source_and_both_ends(run_cli, tmp_path):
    table = tmp_path / "idf.txt"
    assert run_cli(["idf", "build", SAMPLE, "-o", table])[0] == 0
    assert table.read_text(encoding="utf-8").startswith("# IDF table built by bnlp")
    code, out, err = run_cli(["idf", "show", table, "-k", "3", "-f", "json"])
    assert code == 0, err
    data = json.loads(out)
    lines = [x for x in table.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert data["size"] == len(lines) and "bnlp idf build" in data["source"]
    assert len(data["common"]) == 3 and data["common"][0]["idf"] == data["idf"]["min"]
    assert data["rare"][0]["idf"] == data["idf"]["max"]
    help_text = run_cli(["idf", "--help"])[1]
    assert "show" in help_text and "build" in help_text


def test_usage_errors_are_one_plain_sentence(run_cli):
    code, out, err = run_cli(["keywords", SAMPLE, "--top", "0"])
    assert code == 2 and out == ""
    message = [x for x in err.splitlines() if x.startswith("Error:")]
    assert message == ["Error: '--top' / '-k' must be greater than or equal to 1."]
    assert "Value error" not in err and "Input should be" not in err


def test_a_file_of_only_whitespace_says_so(run_cli, tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\u3000\t\n", encoding="utf-8")
    code, _, err = run_cli(["segment", blank])
    assert code == 1 and err == f"bnlp: error: {blank}: no text (only whitespace)\n"


def test_jsonl_per_item_carries_document_keywords(run_cli):
    code, out, err = run_cli(["keywords", SAMPLE, "--per-item", "-f", "jsonl"])
    assert code == 0, err
    lines = [json.loads(x) for x in out.splitlines()]
    assert lines[0]["scope"] == "document" and len(lines[0]["keywords"]) == 10
    assert [x["scope"] for x in lines[1:]] == ["item"] * 10
    assert [x["index"] for x in lines[1:]] == list(range(1, 11))
