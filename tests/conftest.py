"""Shared fixtures: test data paths, an in-process CLI runner, the shared corpus marker."""

from __future__ import annotations

import io
import json
import sys
import traceback
from pathlib import Path

import pytest

from bulletin_nlp.cli import main

#: Golden inputs kept with the tests.
DATA = Path(__file__).parent / "data"
#: The repository root (holds ``data/sample-bulletin.txt``).
ROOT = Path(__file__).resolve().parents[1]
#: The shared folder next to the repository (corpus, gold annotations, scorer).
SHARED = Path(__file__).resolve().parents[2] / "shared"


def sample_lines() -> list[str]:
    """Every non-blank line of the project's own text samples (tests/data, data/sample-bulletin.txt),
    for the tests that compare a shortcut with the rule it replaces."""
    paths = sorted(DATA.rglob("*.txt")) + [ROOT / "data" / "sample-bulletin.txt"]
    out: list[str] = []
    for p in paths:
        out.extend(p.read_text(encoding="utf-8", errors="replace").splitlines())
    return [line for line in out if line.strip()]


def one_document(text: str) -> dict:
    """The only document of JSON output, which is always ``{"documents": [...]}`` (asserted)."""
    data = json.loads(text)
    assert list(data) == ["documents"], list(data)
    assert len(data["documents"]) == 1, [d.get("source") for d in data["documents"]]
    return data["documents"][0]


needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason=f"shared corpus not found at {SHARED / 'corpus'}"
)


@pytest.fixture
def run_cli(capsysbinary, monkeypatch):
    """Run ``bulletin_nlp.cli.main(args)`` in-process.

    Returns a function ``run(args, stdin_bytes=None) -> (exit_code, stdout_text, stderr_text)``.
    Standard input is a text stream over ``stdin_bytes`` (empty when None), so that the reader
    can use ``sys.stdin.buffer``. Output is decoded as UTF-8 without dropping a byte-order mark.

    An exception escaping ``main`` is reported the way the ``bnlp`` console script would show it:
    its traceback on stderr and exit code 1, so tests see what a user would see.
    """

    def run(args, stdin_bytes: bytes | None = None):
        stdin = io.TextIOWrapper(io.BytesIO(stdin_bytes or b""), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        capsysbinary.readouterr()  # drop anything printed before the run
        try:
            code = main([str(a) for a in args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except Exception:  # noqa: BLE001 - shown as the console script would show it
            sys.stderr.write(traceback.format_exc())
            code = 1
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8"), err.decode("utf-8", "replace")

    return run
