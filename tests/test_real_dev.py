"""Item segmentation on the real development set (``shared/corpus/real-dev``), scored by the
shared scorer: the quality targets of issue 10 as tests that fail when a score drops."""

from __future__ import annotations

import importlib.util
import json

import pytest

from bulletin_nlp.cli import main
from conftest import SHARED, needs_shared

DEV = SHARED / "corpus" / "real-dev"


def _scorer():
    spec = importlib.util.spec_from_file_location("bnlp_shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(tmp_path, source, gold, capsys):
    pred = tmp_path / (source.stem + ".json")
    assert main(["segment", str(source), "-f", "json", "-o", str(pred)]) == 0
    capsys.readouterr()
    res = _scorer().score_segment(
        json.loads(gold.read_text(encoding="utf-8")),
        json.loads(pred.read_text(encoding="utf-8"))["documents"][0]["items"],
    )
    acc = res["field_accuracy"]
    return res["boundary_f1"], sum(acc.values()) / len(acc), res["misses"]


@needs_shared
def test_dev_set_means(tmp_path, capsys):
    """Mean item-boundary F1 and mean field accuracy over every dev file are both >= 0.90."""
    sources = sorted(DEV.glob("*.txt"))
    assert len(sources) >= 17
    table = {}
    for source in sources:
        table[source.stem] = _score(tmp_path, source, source.with_suffix(".gold.json"), capsys)
    f1 = sum(v[0] for v in table.values()) / len(table)
    fields = sum(v[1] for v in table.values()) / len(table)
    report = {k: (round(v[0], 3), round(v[1], 3)) for k, v in table.items()}
    assert f1 >= 0.90, report
    assert fields >= 0.90, report
    # no single file may fall apart either
    assert min(v[0] for v in table.values()) >= 0.5, report


@needs_shared
@pytest.mark.parametrize("name", ["hz-bulletin-2023-03"])
def test_seed_bulletin_stays_exact(tmp_path, capsys, name):
    source = SHARED / "corpus" / f"{name}.txt"
    f1, fields, misses = _score(tmp_path, source, source.with_name(f"{name}.gold.json"), capsys)
    assert (f1, fields) == (1.0, 1.0), misses
