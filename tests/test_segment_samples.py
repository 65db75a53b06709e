"""Golden bulletins: every ``*.expected.json`` next to its ``.txt`` is segmented and compared.

Text fields are compared after Unicode NFKC and the removal of all whitespace, as
``shared/eval/score.py`` does; an item's body is matched by its first characters.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from bulletin_nlp.reading import read_document
from bulletin_nlp.segment import segment_document
from conftest import DATA, ROOT

_WS = re.compile(r"\s+")

CASES = sorted((DATA / "bulletins").glob("*.expected.json")) + [ROOT / "data" / "sample-bulletin.expected.json"]


def norm(s):
    return None if s is None else _WS.sub("", unicodedata.normalize("NFKC", s))


def _source_of(expected: Path) -> Path:
    return expected.with_name(expected.name.replace(".expected.json", ".txt"))


def test_cases_found():
    assert len(CASES) >= 10
    for case in CASES:
        assert _source_of(case).is_file(), case


@pytest.fixture(params=CASES, ids=lambda p: p.name.replace(".expected.json", ""))
def case(request):
    expected = json.loads(request.param.read_text(encoding="utf-8"))
    bulletin = segment_document(read_document(str(_source_of(request.param))))
    return expected, bulletin


def test_item_count(case):
    expected, bulletin = case
    assert len(bulletin.items) == len(expected["items"]), [it.label for it in bulletin.items]


def test_masthead(case):
    expected, bulletin = case
    got = bulletin.masthead.to_dict() if bulletin.masthead else None
    assert got == expected["masthead"]


def test_footer_presence(case):
    expected, bulletin = case
    assert (bulletin.footer is not None) is expected["footer"], bulletin.footer


def test_items(case):
    expected, bulletin = case
    for n, (want, got) in enumerate(zip(expected["items"], bulletin.items, strict=False), 1):
        where = f"item {n} ({got.label})"
        assert got.index == n, where
        assert norm(got.body).startswith(norm(want["first_chars"])), f"{where}: body {got.body[:30]!r}"
        assert norm(got.title) == norm(want["title"]), where
        assert norm(got.unit) == norm(want["unit"]), where
        assert [norm(a) for a in got.authors] == [norm(a) for a in want["authors"]], where
        assert got.region == want["region"], where
        assert got.kind == want["kind"], where
        assert got.kind == ("article" if got.title else "brief"), where


def test_lines_increase(case):
    """Items follow each other down the text (a page of two columns, marked ``"columns": true``,
    reads its left column first, so its spans interleave)."""
    expected, bulletin = case
    spans = [it.lines for it in bulletin.items]
    for a, b in spans:
        assert 1 <= a <= b
    if expected.get("columns"):
        return
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert start >= end, spans


def test_document_title_and_parts(case):
    """Optional keys of the newer samples: the document's title line, the roles of its other parts."""
    expected, bulletin = case
    if "title" in expected:
        assert norm(bulletin.title) == norm(expected["title"])
    if "part_roles" in expected:
        assert sorted({p["role"] for p in bulletin.parts}) == expected["part_roles"], bulletin.parts


def test_sections_and_spans(case):
    expected, bulletin = case
    for n, (want, got) in enumerate(zip(expected["items"], bulletin.items, strict=False), 1):
        if "section" in want:
            assert got.section == want["section"], f"item {n}"
        if "lines" in want:
            assert list(got.lines) == want["lines"], f"item {n}"


def test_nothing_lost(case):
    """Every non-blank line of the sample is in an item's span or in a part; none is 'other'."""
    _, bulletin = case
    from bulletin_nlp.normalise import is_blank, split_lines

    src = next(p for p in CASES if json.loads(p.read_text(encoding="utf-8")) == _)
    text = read_document(str(_source_of(src))).text
    covered = set()
    for it in bulletin.items:
        covered.update(range(it.lines[0], it.lines[1] + 1))
    for p in bulletin.parts:
        covered.update(range(p["lines"][0], p["lines"][1] + 1))
        assert p["role"] != "other", p
    missing = [n for n, line in enumerate(split_lines(text), 1) if not is_blank(line) and n not in covered]
    assert missing == []
