"""Model files trust an exact list of types; labelled data that trains a useless model is
refused or reported (issue 15: safety; BR-52; rows dropped)."""

from __future__ import annotations

import builtins
import os
import sys

import pytest

from bulletin_nlp.model_safety import TRUSTED_TYPES, check_label_spread, check_model_file, model_types
from conftest import DATA, ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
TRAIN = ROOT / "data" / "themes-train.csv"


@pytest.fixture(scope="module")
def good_model(tmp_path_factory):
    from bulletin_nlp import api
    from bulletin_nlp.training import save_model

    path = tmp_path_factory.mktemp("m") / "good.skops"
    save_model(api.train(TRAIN), str(path))
    return path


def _evil(path, func):
    import skops.io as sio
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import FunctionTransformer

    pipe = Pipeline([("run", FunctionTransformer(func=func))])
    path.write_bytes(sio.dumps({"pipeline": pipe, "labels": ["a", "b"], "meta": {}}))
    return path


def test_a_bnlp_model_names_only_trusted_types(good_model):
    types = model_types(str(good_model))
    assert "sklearn.pipeline.Pipeline" in types and "bulletin_nlp.training.word_analyze" in types
    assert types <= TRUSTED_TYPES
    assert check_model_file(str(good_model)) == sorted(types)


@pytest.mark.parametrize("func", [builtins.exec, builtins.eval, builtins.open, os.system])
def test_a_model_with_a_function_transformer_of_exec_is_refused(run_cli, tmp_path, func, monkeypatch):
    evil = _evil(tmp_path / "evil.skops", func)
    import skops.io as sio

    constructed = []
    monkeypatch.setattr(sio, "load", lambda *a, **k: constructed.append(a))
    code, out, err = run_cli(["classify", SAMPLE, "--model", evil])
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and "refused" in err
    assert "sklearn.preprocessing._function_transformer.FunctionTransformer" in err
    assert f"{func.__module__ if func is not os.system else os.system.__module__}." in err
    assert constructed == []  # refused before skops built anything


def test_a_theme_on_every_row_is_refused_naming_it(run_cli, tmp_path):
    """BR-52: a constant theme would be given to every item with score 1.0."""
    target = tmp_path / "m.skops"
    code, out, err = run_cli(["train", DATA / "cases" / "BR-52.csv", "-o", target])
    assert code == 1 and not target.exists()
    assert "theme 民生社会 is on every one of the 4 labelled rows" in err
    with pytest.raises(ValueError, match="on every one"):
        check_label_spread([["甲", "乙"], ["甲"]])
    assert check_label_spread([["甲"], ["乙"]], taxonomy=["甲", "乙", "丙"]) == [
        "theme 丙 is on none of the 2 labelled rows: the model will never give it"
    ]


def test_train_says_what_it_does_and_counts_dropped_rows(run_cli, tmp_path):
    labelled = tmp_path / "labels.csv"
    text = TRAIN.read_text(encoding="utf-8")
    labelled.write_text(text + "无主题的一行,这一行没有标签,\n,,监督\n", encoding="utf-8")
    code, out, err = run_cli(["train", labelled, "-o", tmp_path / "m.skops"])
    assert code == 0, err
    lines = err.splitlines()
    assert lines[0].startswith(f"bnlp: training a theme classifier on {labelled}")
    assert any("dropped 2 rows without a label or without text" in x for x in lines), err
    assert "(2 rows dropped: no label or no text)" in lines[-1]
    code, out, err = run_cli(["train", labelled, "-o", tmp_path / "m2.skops", "-q"])
    assert code == 0 and err == ""


def test_cross_validation_shows_fold_progress_on_a_terminal(run_cli, monkeypatch):
    from bulletin_nlp import api

    folds = []
    result = api.evaluate(TRAIN, cv=3, on_fold=lambda k, n: folds.append((k, n)))
    assert folds == [(1, 3), (2, 3), (3, 3)]
    support = sum(result.evaluation.per_theme[lab]["support"] for lab in result.evaluation.labels)
    from bulletin_nlp.training import read_labeled

    assert support == sum(len(e.labels) for e in read_labeled(str(TRAIN)))  # counts of the file, not a fold
    import bulletin_nlp.render.console as console

    monkeypatch.setattr(console, "is_terminal", lambda stream: stream is sys.stderr)
    code, out, err = run_cli(["evaluate", TRAIN, "--cv", "2", "-f", "json"])
    assert code == 0
    lines = err.splitlines()
    assert lines[0].startswith("bnlp: evaluating 2-fold cross-validation on")
    assert lines[1:] == ["bnlp: fold 1 of 2...", "bnlp: fold 2 of 2..."]
    assert run_cli(["evaluate", TRAIN, "--cv", "2", "-f", "json", "-q"])[2] == ""


def test_every_function_training_trusts_is_on_the_exact_list():
    from bulletin_nlp.training import TRUSTED_FUNCTIONS

    assert set(TRUSTED_FUNCTIONS) <= TRUSTED_TYPES
