"""Lay the shared seed bulletin out as a person would see it in other formats, at test time.

The seed's text (``../shared/corpus/hz-bulletin-2023-03.txt``) is never copied into the
repository: tests read it and give each of its lines a layout role with simple typographic
rules of our own (no gold annotation is used):

- ``byline``: a whole line in parentheses, ``（研究室）``;
- ``head``: a line of at most 60 characters that does not end a sentence (。；！？：, or a
  closing quotation mark right after one); consecutive head lines are one headline wrapped
  over two lines, as in the seed;
- ``body``: anything else, a paragraph.

The scorer is the shared one, ``../shared/eval/score.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import SHARED

SEED = SHARED / "corpus" / "hz-bulletin-2023-03.txt"
SEED_GOLD = SHARED / "corpus" / "hz-bulletin-2023-03.gold.json"
_BYLINE = re.compile(r"^[（(].*[)）]$")
_SENTENCE_END = "。；：！？"


def _ends_sentence(text: str) -> bool:
    return text[-1] in _SENTENCE_END or (text[-1] in "”’」" and len(text) > 1 and text[-2] in _SENTENCE_END)


def seed_blocks() -> list[tuple[str, str]]:
    """The seed's non-blank lines as ``(role, text)``, role ``head``, ``body`` or ``byline``."""
    out = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        text = line.strip().strip("\u3000")
        if not text:
            continue
        if _BYLINE.match(text):
            role = "byline"
        elif len(text) <= 60 and not _ends_sentence(text):
            role = "head"
        else:
            role = "body"
        out.append((role, text))
    return out


def score_segment(pred_json: str, tmp_path) -> dict:
    """Score ``bnlp segment -f json`` output against the seed's gold with the shared scorer."""
    pred = tmp_path / "pred.json"
    pred.write_text(pred_json, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "segment", str(SEED_GOLD), str(pred), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
