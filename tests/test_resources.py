"""The shipped word lists and tables: headers, consistency between them, and the tokenizer."""

from __future__ import annotations

from importlib import resources

import pytest

from bulletin_nlp.tokenizer import get_tokenizer
from bulletin_nlp.wordlists import parse_userdict, parse_wordset, resource_text
from conftest import ROOT, needs_shared

SHIPPED = ["userdict.txt", "stopwords.txt", "genre_df.txt"]


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_list_has_a_header_with_source_and_method(name):
    text = resources.files("bulletin_nlp").joinpath("resources", name).read_text(encoding="utf-8")
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    head = "\n".join(header).lower()
    assert len(header) >= 3, f"{name}: no header"
    assert "source" in head, f"{name}: header does not name its source"
    assert "method" in head or "built" in head or "base list" in head, f"{name}: header does not say how it was built"


def test_stopword_header_names_its_published_base_list_and_licence():
    text = resource_text("stopwords.txt")
    head = text.split("\n\n")[0][:2000]
    assert "stopwords-iso" in head and "MIT" in head


def test_no_word_is_both_a_user_dictionary_entry_and_a_stopword():
    stop = parse_wordset(resource_text("stopwords.txt"))
    both = sorted(e.word for e in parse_userdict(resource_text("userdict.txt")) if e.word in stop)
    assert both == []


def test_the_tokenizer_cuts_every_user_dictionary_entry_whole():
    tk = get_tokenizer()
    entries = parse_userdict(resource_text("userdict.txt"))
    assert len(entries) > 500
    broken = [(e.word, tk.cut(e.word)) for e in entries if tk.cut(e.word) != [tk.prepare(e.word)]]
    assert broken == []


def test_the_tokenizer_cuts_user_dictionary_entries_whole_inside_a_sentence():
    tk = get_tokenizer()
    entries = [e.word for e in parse_userdict(resource_text("userdict.txt")) if " " not in e.word]
    broken = [w for w in entries if w not in tk.cut(f"会上，{w}。")]
    # a neighbouring character may glue to an entry's edge (会上 + 一审...); allow very few
    assert len(broken) <= len(entries) // 50, broken[:20]


@needs_shared
def test_the_shipped_genre_table_is_what_tools_build_idf_makes(tmp_path):
    """The table is rebuilt from the corpus by the committed script; rerun it after changing the
    tokenizer, the user dictionary, the stopwords or the candidate rules."""
    import subprocess
    import sys

    out = tmp_path / "genre_df.txt"
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_idf.py"), "-o", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    shipped = resources.files("bulletin_nlp").joinpath("resources", "genre_df.txt").read_bytes()
    assert out.read_bytes() == shipped, "genre_df.txt is stale: run python tools/build_idf.py"
