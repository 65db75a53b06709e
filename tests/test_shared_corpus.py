"""The shared annotated corpus, scored by the project's own scorer (``shared/eval/score.py``)."""

from __future__ import annotations

import json
import subprocess
import sys

from bulletin_nlp.cli import main
from conftest import SHARED, needs_shared


@needs_shared
def test_hz_bulletin_segment_scores(tmp_path, capsys):
    pred = tmp_path / "pred.json"
    source = SHARED / "corpus" / "hz-bulletin-2023-03.txt"
    gold = SHARED / "corpus" / "hz-bulletin-2023-03.gold.json"
    assert main(["segment", str(source), "--format", "json", "-o", str(pred)]) == 0
    assert capsys.readouterr().out == ""  # -o: nothing on stdout

    done = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "segment", str(gold), str(pred), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    score = json.loads(done.stdout)
    assert score["items_pred"] == score["items_gold"]
    assert score["boundary_f1"] == 1.0, score["misses"]
    accuracy = score["field_accuracy"]
    assert sum(accuracy.values()) / len(accuracy) >= 0.95, score["misses"]
