"""The JSON shapes of every command, checked against the JSON Schema files shipped in the package."""

from __future__ import annotations

import json

import pytest

import bulletin_nlp as bn
from conftest import DATA, ROOT

jsonschema = pytest.importorskip("jsonschema")

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
BULLETINS = DATA / "bulletins"

COMMANDS = {
    "segment": ["segment"],
    "keywords": ["keywords", "--per-item"],
    "classify": ["classify", "--explain"],
    "report": ["report", "-q"],
}


def validator(name: str):
    schema = bn.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("inputs", [[SAMPLE], [BULLETINS, SAMPLE]], ids=["one file", "folder and file"])
def test_command_output_follows_its_schema(run_cli, name, inputs):
    code, out, err = run_cli([*COMMANDS[name], *inputs, "-f", "json"])
    assert code == 0, err
    data = json.loads(out)
    errors = sorted(validator(name).iter_errors(data), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    n = len(list(BULLETINS.glob("*.txt"))) + 1 if len(inputs) > 1 else 1
    assert len(data["documents"]) == n


def test_keywords_without_items_and_textrank_follow_the_schema(run_cli):
    code, out, _ = run_cli(["keywords", SAMPLE, "-m", "textrank", "-f", "json"])
    assert code == 0
    data = json.loads(out)
    assert "items" not in data["documents"][0]
    assert not list(validator("keywords").iter_errors(data))


def test_schemas_reject_other_shapes():
    seg = bn.segment_items(SAMPLE).to_dict()
    v = validator("segment")
    assert not list(v.iter_errors(seg))
    assert list(v.iter_errors(seg["documents"][0]))  # a bare document is not the output shape
    seg["documents"][0]["items"][0]["kind"] = "editorial"
    assert list(v.iter_errors(seg))
    themes = bn.classify(SAMPLE).to_dict()
    themes["documents"][0]["items"][0]["themes"][0]["score"] = 1.5
    assert list(validator("classify").iter_errors(themes))


def test_unknown_schema():
    with pytest.raises(ValueError, match="no JSON Schema named"):
        bn.schema("nonsense")


def test_documents_of_other_formats_follow_the_segment_schema():
    docx = sorted((DATA / "cases").glob("*.docx"))
    assert docx
    seg = bn.segment_items([*docx, SAMPLE]).to_dict()
    v = validator("segment")
    assert not list(v.iter_errors(seg))
    docs = seg["documents"]
    assert [(d["format"], d["reader"]) for d in docs] == [("docx", "docx2python")] * len(docx) + [("text", "builtin")]
    assert all(d["meta"]["reader_versions"]["docx2python"][0].isdigit() for d in docs[:-1])
    assert docs[-1]["meta"] == {"reader_versions": {}}
    del docs[0]["format"]
    assert list(v.iter_errors(seg))  # format is required
