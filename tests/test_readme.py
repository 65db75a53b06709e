"""The README's Python API examples run as they are, from a folder holding ``bulletin.txt``."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
# Run a block with pandas made unimportable: the first example must need nothing but `pip install .`.
NO_PANDAS = "import sys\nsys.modules['pandas'] = None\n"


def run_block(code: str, tmp_path) -> subprocess.CompletedProcess:
    shutil.copy(ROOT / "data" / "sample-bulletin.txt", tmp_path / "bulletin.txt")
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=180
    )


def test_first_example_runs_without_extras(tmp_path):
    assert len(BLOCKS) >= 1
    done = run_block(NO_PANDAS + BLOCKS[0], tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "人大工作简报 2024-09-12 10 items"
    assert lines[1].startswith("1 article 市人大常委会表决通过《江州市历史文化街区保护条例》 | 法制工作委员会立法处")
    assert any(line.startswith("keywords: [") and "家站点" in line for line in lines)
    assert "市人大常委会表决通过《江州市历史文化街区保护条例》 [('立法'," in done.stdout
    counts = ast.literal_eval(lines[-1])  # items per theme (an item counts for each of its first themes)
    assert counts["立法"] == 1 and counts["代表工作"] >= 1 and sum(counts.values()) >= 10


def test_dataframe_example(tmp_path):
    pytest.importorskip("pandas")
    assert len(BLOCKS) >= 2 and "to_dataframe" in BLOCKS[1]
    done = run_block(BLOCKS[1], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "市人大常委会表决通过《江州市历史文化街区保护条例》" in done.stdout and "立法" in done.stdout
