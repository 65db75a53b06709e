"""Issue 14: keywords at the cost of jieba alone, without changing a result.

* bnlp's cut is jieba's no-HMM cut, word for word, over the same prefix dictionary;
* the shipped user dictionary leaves text without its words cut exactly as jieba cuts it;
* the TF-IDF computed without scikit-learn equals scikit-learn's ``TfidfTransformer``;
* the cache is keyed on content, rebuilt silently when corrupt or foreign, written atomically;
* the keyword path imports neither scikit-learn nor jieba, and ``--jobs`` gives the same output.
"""

from __future__ import annotations

import json
import logging
import marshal
import math
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin_nlp import cache, tokenizer
from bulletin_nlp.keywords import Extractor, KeywordOptions, tfidf_matrix
from bulletin_nlp.normalise import LAYOUT_SPACES, nfkc
from bulletin_nlp.tokenizer import _INNER_SPACE, Tokenizer, build_prefix_dict, get_tokenizer
from bulletin_nlp.wordlists import parse_userdict, resource_text
from conftest import DATA, ROOT, SHARED, needs_shared

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
REPORTS = SHARED / "corpus" / "gov-work-reports"


def shared_texts() -> list[tuple[str, str]]:
    """(name, text) of every text file in the shared corpora."""
    out = []
    for p in sorted((SHARED / "corpus").rglob("*.txt")):
        out.append((p.name, p.read_text(encoding="utf-8", errors="replace")))
    return out


def jieba_tokenizer(freq: dict[str, int] | None = None, total: int | None = None):
    """A private ``jieba.Tokenizer`` over ``freq``/``total``, or over jieba's own dictionary as jieba loads it."""
    jieba = tokenizer._quiet_import_jieba()
    jieba.setLogLevel(logging.CRITICAL + 1)
    jt = jieba.Tokenizer()
    if freq is None:
        with jt.get_dict_file() as f:
            freq, total = jt.gen_pfdict(f)
    jt.FREQ, jt.total, jt.initialized = freq, total, True
    return jt


def jieba_words(jt, text: str) -> list[str]:
    return [w for w in jt.lcut(text, HMM=False) if w.strip()]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty per-test cache folder (XDG_CACHE_HOME) and no tokenizer or IDF kept in memory."""
    from bulletin_nlp import keywords

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(tokenizer, "_cache", {})
    monkeypatch.setattr(keywords, "_IDF_CACHE", {})
    return tmp_path / "xdg" / "bnlp"


# --- word segmentation ------------------------------------------------------------------------------------------


def test_prefix_dict_is_jiebas_own():
    """Without user dictionaries bnlp reads dict.txt exactly as jieba's gen_pfdict does."""
    freq, total, tags, protected = build_prefix_dict([])
    jt = jieba_tokenizer()
    assert total == jt.total
    assert freq == jt.FREQ
    assert tags["重大"] and protected == {}


def test_cut_equals_jieba_on_own_sample():
    """Mixed text: Chinese, Latin, digits, full-width forms, punctuation, spaces between characters."""
    freq, total, _, _ = build_prefix_dict([(resource_text("userdict.txt"), "userdict.txt")])
    jt = jieba_tokenizer(freq, total)
    tk = get_tokenizer()
    text = tk.prepare(
        SAMPLE.read_text(encoding="utf-8") + "\nＧＤＰ增长５.２%，C919大飞机 与 5G+工业互联网；区 人 大 常 委 会"
    )
    assert tk.lcut(text) == jieba_words(jt, text)


@needs_shared
def test_cut_equals_jieba_over_shared_corpora():
    """Every file of the shared corpora: bnlp's cut and jieba's ``lcut(HMM=False)`` over the same
    dictionary (shipped user dictionary applied) give the same words."""
    freq, total, _, _ = build_prefix_dict([(resource_text("userdict.txt"), "userdict.txt")])
    jt = jieba_tokenizer(freq, total)
    tk = get_tokenizer()
    texts = shared_texts()
    assert len(texts) >= 50
    for name, text in texts:
        s = tk.prepare(text)
        assert tk.lcut(s) == jieba_words(jt, s), name


def test_user_dictionary_leaves_unrelated_words_alone():
    """Adding the shipped user dictionary must not change how text without its words is cut: jieba
    cuts 重大任务 as 重大/任务; a jieba that raised its total for every added word kept it whole."""
    jt = jieba_tokenizer()
    tk = get_tokenizer()
    assert jieba_words(jt, "重大任务") == ["重大", "任务"]
    assert tk.cut("重大任务") == ["重大", "任务"]
    assert tk.cut("圆满完成各项重大任务") == jieba_words(jt, "圆满完成各项重大任务")
    # and the user words themselves still apply
    assert "人大工委" in tk.cut("召开人大工委会议") and "人大工委" not in jieba_words(jt, "召开人大工委会议")


@needs_shared
def test_user_dictionary_leaves_unrelated_blocks_alone_over_shared_corpora():
    """Every run of Chinese text in the shared corpora that holds no user-dictionary word is cut
    exactly as by jieba's own dictionary."""
    words = {nfkc(e.word).replace(" ", "") for e in parse_userdict(resource_text("userdict.txt"))}
    user = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    jt = jieba_tokenizer()
    tk = get_tokenizer()
    checked = 0
    for name, text in shared_texts():
        for blk in tokenizer._RE_HAN.split(tk.prepare(text)):
            if blk and tokenizer._RE_HAN.fullmatch(blk) and not user.search(blk):
                assert tk.lcut(blk) == jieba_words(jt, blk), (name, blk)
                checked += 1
    assert checked > 10000


def test_user_word_without_frequency_gets_jiebas_suggested_frequency(tmp_path):
    """An entry without a frequency gets jieba's suggest_freq: just enough to keep it whole."""
    d = tmp_path / "words.txt"
    d.write_text("蓝湾微治理\n", encoding="utf-8")
    freq, total, _, _ = build_prefix_dict([(d.read_text(encoding="utf-8"), str(d))])
    jt = jieba_tokenizer()
    expected = jt.suggest_freq("蓝湾微治理", False)
    assert freq["蓝湾微治理"] == expected
    assert "蓝湾微治理" in Tokenizer([str(d)]).cut("推进蓝湾微治理试点")


def test_prefix_dictionary_loads_one_first_character_at_a_time():
    """Only the characters a text holds are unpacked, and the words cut are those of the whole
    dictionary (jieba's own cut over dict.txt with the shipped user dictionary)."""
    fresh = Tokenizer()
    d = fresh.dictionary
    assert not d._tags  # nothing unpacked yet
    freq, total, _, _ = build_prefix_dict([(resource_text("userdict.txt"), "userdict.txt")])
    text = fresh.prepare(SAMPLE.read_text(encoding="utf-8"))
    assert fresh.lcut(text) == jieba_words(jieba_tokenizer(freq, total), text)
    loaded = set(d._tags)
    assert loaded and loaded <= set(text) and len(loaded) < 0.2 * len(d._heads)
    assert d.tag("人大常委会") == "nt" and d.tag("不是一个词语") is None and d.tag("") is None


def test_pos_tags_come_from_the_dictionaries():
    tk = get_tokenizer()
    assert tk.tag("人大常委会") == "nt"  # shipped user dictionary
    assert tk.tag("任务") == "n"  # jieba's dict.txt
    assert tk.tag("GDP") == "eng"
    assert tk.tag("蓝湾微治理") == "x"


# --- TF-IDF ----------------------------------------------------------------------------------------------------


def _sample_docs() -> list[list[str]]:
    from bulletin_nlp.reading import read_document
    from bulletin_nlp.segment import segment_document

    b = segment_document(read_document(str(SAMPLE)))
    ex = Extractor(get_tokenizer(), KeywordOptions())
    docs = [ex.candidates(it.title, it.body) for it in b.items]
    assert sum(map(len, docs)) > 100
    return docs


def test_tfidf_equals_sklearn_transformer():
    """The TF-IDF part of the keyword weight equals scikit-learn's CountVectorizer + TfidfTransformer
    (l2, smooth_idf) with its idf_ set to the blended IDF, to 1e-9, on candidate counts of real items."""
    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    docs = _sample_docs() + [["单独一词"], []]  # an item with one term and one with none
    matrix, terms, counts, idf = tfidf_matrix(docs)
    vec = CountVectorizer(analyzer=lambda d: d, lowercase=False)
    sk_counts = vec.fit_transform(docs)
    assert terms == vec.get_feature_names_out().tolist()
    assert (counts != sk_counts).nnz == 0
    tr = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True).fit(sk_counts)
    tr.idf_ = idf
    expected = tr.transform(sk_counts).toarray()
    assert matrix.shape == expected.shape
    assert np.abs(matrix.toarray() - expected).max() <= 1e-9
    # the blended IDF itself, from scikit-learn's document frequencies
    from bulletin_nlp.keywords import BACKGROUND_WEIGHT, background_idf

    table, median = background_idf()
    n = len(docs)
    df = np.asarray((sk_counts > 0).sum(axis=0)).ravel()
    p_bg = np.exp(-np.array([table.get(t, median) for t in terms]))
    blended = np.log((1 + n + BACKGROUND_WEIGHT) / (1 + df + BACKGROUND_WEIGHT * p_bg)) + 1
    assert np.abs(idf - blended).max() <= 1e-12


# --- the cache -------------------------------------------------------------------------------------------------


def test_cache_is_built_once_and_keyed_on_content(fresh_cache, tmp_path):
    Tokenizer()
    files = sorted(p.name for p in fresh_cache.iterdir())
    assert files == [tokenizer.dictionary_cache_name()]
    payload = cache.load("dict", _key(files[0]), str(fresh_cache))
    assert payload is not None and tokenizer.PrefixDictionary(payload).tag("人大常委会") == "nt"
    # a user dictionary is an input: its content makes a second entry, a changed content a third
    d = tmp_path / "mine.txt"
    d.write_text("蓝湾微治理 50 nz\n", encoding="utf-8")
    Tokenizer([str(d)])
    d.write_text("蓝湾微治理 60 nz\n", encoding="utf-8")
    tk = Tokenizer([str(d)])
    assert len(list(fresh_cache.glob("dict-*.cache"))) == 3
    assert tk.tag("蓝湾微治理") == "nz"
    assert not [p for p in fresh_cache.iterdir() if p.name.endswith(".tmp")]  # written atomically


def _key(name: str) -> str:
    """The full key stored in cache file ``name`` of the default tokenizer."""
    from bulletin_nlp.cache import digest, versions

    with open(tokenizer.jieba_file("dict.txt"), "rb") as f:
        key = digest([*versions(), "dict", f.read(), resource_text("userdict.txt")])
    assert cache.file_name("dict", key) == name
    return key


@pytest.mark.parametrize(
    "content",
    [b"\x00garbage\xff" * 100, b"", marshal.dumps(("bnlp-cache-0", "old", {})), marshal.dumps([1, 2, 3])],
    ids=["garbage", "empty", "foreign-format", "not-a-tuple"],
)
def test_corrupt_or_foreign_cache_is_rebuilt_silently(fresh_cache, content, capfd):
    fresh_cache.mkdir(parents=True)
    path = fresh_cache / tokenizer.dictionary_cache_name()
    path.write_bytes(content)
    tk = Tokenizer()
    assert tk.cut("重大任务") == ["重大", "任务"]
    assert capfd.readouterr() == ("", "")
    assert cache.load("dict", _key(path.name), str(fresh_cache)) is not None  # rewritten, usable


def test_no_cache_folder_builds_in_memory(monkeypatch, tmp_path):
    monkeypatch.setattr(tokenizer, "cache_dir", lambda: None)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert "一网通办" in Tokenizer().cut("推进一网通办")
    assert not (tmp_path / "xdg").exists()


def test_cache_info_and_clear(fresh_cache, run_cli):
    Tokenizer()
    (fresh_cache / "unrelated.txt").write_text("not ours", encoding="utf-8")
    code, out, err = run_cli(["cache", "info"])
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == f"folder\t{fresh_cache}"
    assert tokenizer.dictionary_cache_name() in out and "unrelated.txt" not in out
    code, out, err = run_cli(["cache", "clear"])
    assert code == 0 and "removed 1 files" in err
    assert [p.name for p in fresh_cache.iterdir()] == ["unrelated.txt"]
    code, out, err = run_cli(["cache", "info"])
    assert out.splitlines()[-1] == "total\t0 files, 0 bytes"


# --- the keyword path -----------------------------------------------------------------------------------------


def _run(args, tmp_path, code=None):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("PYTHONWARNINGS", None)
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "bulletin_nlp", *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(tmp_path), timeout=300)


def test_keywords_import_neither_sklearn_nor_jieba(tmp_path):
    """TF-IDF keywords need neither scikit-learn nor NumPy/SciPy (the blended IDF is computed with
    ``math``), nor jieba itself (the dictionary comes from the cache, POS tags from the dictionary,
    never jieba.posseg)."""
    code = (
        "import sys; from bulletin_nlp.cli import main; "
        "rc = main(['keywords', sys.argv[1], '--per-item', '-f', 'json', '-o', sys.argv[2]]); "
        "print(rc, sorted(m for m in ('sklearn', 'jieba', 'jieba.posseg', 'scipy', 'numpy') if m in sys.modules))"
    )
    for _ in range(2):  # first run builds the cache, second loads it
        done = _run([str(SAMPLE), str(tmp_path / "out.json")], tmp_path, code)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "0 []"
    (doc,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["documents"]
    assert doc["items"] and doc["keywords"]


def test_jobs_give_the_same_output_and_build_once(tmp_path):
    """--jobs 2 over several files: byte-identical output to --jobs 1; the dictionary is built once
    (workers start from the parent's tables or the cache file, never from dict.txt)."""
    files = [str(SAMPLE), *sorted(str(p) for p in (DATA / "cases").glob("BR-0*.txt"))]
    assert len(files) >= 3
    two = _run(["keywords", *files, "--per-item", "-f", "json", "--jobs", "2", "--verbose"], tmp_path)
    assert two.returncode == 0, two.stderr
    assert two.stderr.count("Building prefix dict") == 1
    one = _run(["keywords", *files, "--per-item", "-f", "json", "--jobs", "1"], tmp_path)
    assert one.returncode == 0, one.stderr
    assert one.stdout == two.stdout
    assert Path(tmp_path / "cache" / "bnlp").is_dir()


# --- fast paths that must not change results ---------------------------------------------------------------------

_MIXED = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x20, 0x7F)]
        + [chr(c) for c in range(0xFF01, 0xFF5F)]
        + list(
            "\u3000\u00a0\u2002\u200b\u2026\u0301\u0308\ufa11\u2460\u3002\u3001“”《》中文人大会议é\u1100\u1161\uac00\n\t"
        )
    ),
    max_size=40,
)


@settings(max_examples=3000, deadline=None)
@given(_MIXED)
def test_nfkc_fast_path_equals_unicodedata(text):
    """normalise.nfkc replaces full-width punctuation first; the result is always unicodedata's NFKC,
    combining marks after a full-width letter and compatibility ideographs included."""
    assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_on_real_reports():
    texts = [p.read_text(encoding="utf-8") for p in sorted(REPORTS.glob("20*.txt"))] if REPORTS.is_dir() else []
    texts.append(SAMPLE.read_text(encoding="utf-8"))
    for t in texts:
        assert nfkc(t) == unicodedata.normalize("NFKC", t)


_OLD_INNER_SPACE = re.compile(
    rf"(?<=[^A-Za-z0-9\s])[{re.escape(LAYOUT_SPACES)}]+|[{re.escape(LAYOUT_SPACES)}]+(?=[^A-Za-z0-9\s])"
)


@settings(max_examples=3000, deadline=None)
@given(_MIXED)
def test_inner_space_rule_matches_the_plain_regex(text):
    """The tokenizer's layout-space rule (with a leading lookahead for speed) removes exactly what the
    plain two-branch regex removes."""
    assert _INNER_SPACE.sub("", text) == _OLD_INNER_SPACE.sub("", text)


def _to_simplified_reference(text: str) -> str | None:
    """to_simplified without the GB 2312 shortcut: every traditional character looked for."""
    from bulletin_nlp.keywords import _t2s, _traditional

    chars, _ = _traditional()
    hits = chars.intersection(text)
    n = sum(text.count(c) for c in hits)
    return None if not hits or n < 2 or n < 0.01 * len(text) else _t2s().convert(text)


@settings(max_examples=1500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("会议国家發展後於乾著臺灣—〇·、，。“”年月日人大") + ["\u2015", "A", "1"]),
        max_size=30,
    )
)
def test_gb2312_shortcut_finds_the_same_traditional_text(text):
    """Text the gb2312 codec encodes is only searched for the traditional characters GB 2312 holds
    (後, 於, 乾 ...); the decision and the conversion are those of the full search."""
    from bulletin_nlp.keywords import to_simplified

    assert to_simplified(text) == _to_simplified_reference(text)


def test_traditional_characters_inside_gb2312_are_few_and_known():
    from bulletin_nlp.keywords import _traditional

    chars, in_gb2312 = _traditional()
    assert len(chars) > 3000
    assert {"後", "於", "乾"} <= set(in_gb2312) and len(in_gb2312) < 40


def _merge_numbers_reference(words: list[str]) -> list[str]:
    """The word-by-word form of tokenizer._merge_numbers (5 . 2 % -> 5.2%)."""
    if "." not in words and "%" not in words:
        return words
    out: list[str] = []
    for w in words:
        prev = out[-1] if out else ""
        if w in (".", "%") and prev.replace(".", "").isdigit() and not prev.endswith("."):
            out[-1] = prev + w
        elif w.isdigit() and prev.endswith(".") and prev[:-1].replace(".", "").isdigit() and prev.count(".") == 1:
            out[-1] = prev + w
        else:
            out.append(w)
    return out


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(st.sampled_from([".", "%", "5", "12", "3.", "a.", "年", "增长", "0", "..", "5%", "x", ""]), max_size=12)
)
def test_number_merging_skips_to_the_dots_and_percent_signs(words):
    from bulletin_nlp.tokenizer import _merge_numbers

    assert _merge_numbers(list(words)) == _merge_numbers_reference(list(words))


_TERMS = st.text(alphabet=st.sampled_from(list("发展人大会议代表建设监督")), min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(_TERMS, st.integers(1, 6), min_size=1, max_size=120),
    st.sampled_from([1.0, 2.0, 2.5, 3.75]),
    st.integers(1, 12),
)
def test_partial_ranking_equals_sorting_every_term(counts, idf_step, top):
    """Keywords are picked from the heaviest terms only (ties to 8 decimals included); the result
    is that of sorting every term, ties and terms inside chosen ones included."""
    from collections import Counter

    from bulletin_nlp.keywords import Keyword, c_value

    ex = Extractor(get_tokenizer(), KeywordOptions(top=top))
    idf = {t: 1.0 + idf_step * (len(t) % 3) for t in counts}  # few distinct weights: many ties
    words = {t: len(t) for t in counts}
    got = ex._rank(Counter(counts), words, {}, idf)
    cv = c_value(Counter(counts), words)
    pairs = [(t, c * idf[t]) for t, c in cv.items() if c > 0]
    norm = math.sqrt(sum(w * w for _, w in pairs)) or 1.0
    ranked = sorted(((t, w / norm) for t, w in pairs), key=lambda tw: (-round(tw[1], 8), tw[0]))
    want: list[Keyword] = []
    for t, w in ranked:
        if not any(t in k.term for k in want):
            want.append(Keyword(t, w))
        if len(want) >= top:
            break
    assert [(k.term, k.weight) for k in got] == [(k.term, k.weight) for k in want]


def test_keyword_extraction_restores_the_garbage_collector():
    """The cyclic collector is paused while candidates are collected and ranked, and is on again
    afterwards (and stays off when the caller had turned it off)."""
    import gc

    from bulletin_nlp import api
    from bulletin_nlp.collector import paused as paused_gc

    assert gc.isenabled()
    result = api.extract_keywords([str(SAMPLE)], per_item=True)
    assert result.to_dict()["documents"][0]["keywords"] and gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused_gc():
            assert not gc.isenabled()
            1 / 0  # noqa: B018
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- start-up ---------------------------------------------------------------------------------------------------


def test_package_import_is_lazy_and_names_resolve(tmp_path):
    """``import bulletin_nlp`` imports none of its modules; every public name is imported on first
    use and is the object its module defines."""
    import bulletin_nlp as bn
    from bulletin_nlp import api, models

    code = "import sys, bulletin_nlp; print(sorted(m for m in sys.modules if m.startswith('bulletin_nlp')))"
    done = _run([], tmp_path, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['bulletin_nlp']"
    assert sorted(bn.__all__) == sorted(["__version__", *bn._EXPORTS])
    assert bn.segment_items is api.segment_items and bn.Keyword is models.Keyword
    assert set(bn.__all__) <= set(dir(bn))
    with pytest.raises(AttributeError, match="no attribute 'segment_itemz'"):
        bn.segment_itemz  # noqa: B018


def test_entry_point_pauses_the_collector_until_the_command_starts(tmp_path):
    """The console script's entry point imports the command line with the cyclic collector paused;
    the command starts it again after freezing what the imports made (gc.freeze)."""
    code = (
        "import gc, sys; from bulletin_nlp import collector; seen = []; resume = collector.resume_after_startup\n"
        "def spy():\n"
        "    seen.append(gc.isenabled()); resume(); seen.append(gc.isenabled()); seen.append(gc.get_freeze_count() > 0)\n"
        "collector.resume_after_startup = spy\n"
        "from bulletin_nlp.__main__ import main\n"
        "sys.argv = ['bnlp', 'segment', sys.argv[1], '-f', 'json', '-o', sys.argv[2]]\n"
        "rc = main(); print(rc, seen)"
    )
    done = _run([str(SAMPLE), str(tmp_path / "out.json")], tmp_path, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 [False, True, True]"
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["documents"][0]["items"]


def test_in_process_cli_keeps_the_callers_collector(tmp_path):
    """``cli.main([...])`` called from Python (tests, notebooks) neither pauses nor freezes."""
    import gc

    from bulletin_nlp.cli import main

    frozen = gc.get_freeze_count()
    assert gc.isenabled()
    assert main(["segment", str(SAMPLE), "-f", "json", "-o", str(tmp_path / "out.json")]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_readers_run_with_the_collector_on_and_layout_rules_with_it_paused(monkeypatch):
    """Reading a file (whose libraries make reference cycles) runs with the cyclic collector on, so
    a long folder of .docx files does not pile up garbage; item segmentation and keyword candidates
    run with it paused; afterwards it is on again."""
    import gc

    from bulletin_nlp import api, reading, segment

    seen: list[tuple[str, bool]] = []
    read, seg = reading.read_document, segment.segment_document

    def spy_read(*a, **k):
        seen.append(("read", gc.isenabled()))
        return read(*a, **k)

    def spy_segment(*a, **k):
        seen.append(("segment", gc.isenabled()))
        return seg(*a, **k)

    monkeypatch.setattr(reading, "read_document", spy_read)
    monkeypatch.setattr(segment, "segment_document", spy_segment)
    docx = str(DATA / "cases" / "BR-43.docx")
    assert api.segment_items([docx, str(SAMPLE)]).documents[1].items
    assert api.extract_keywords([docx, str(SAMPLE)], per_item=True).documents[1].keywords
    assert seen == [("read", True), ("segment", False)] * 4
    assert gc.isenabled()


def test_results_of_other_steps_load_on_first_use(tmp_path):
    """``bnlp segment`` creates none of the keyword, theme and IDF result classes; they are still
    importable from :mod:`bulletin_nlp.results` (and pickled under their own modules)."""
    import pickle

    from bulletin_nlp import results
    from bulletin_nlp.results import idf, keywords, themes

    code = (
        "import sys; from bulletin_nlp.cli import main; "
        "main(['segment', sys.argv[1], '-f', 'json', '-o', sys.argv[2]]); "
        "print(sorted(m for m in sys.modules if m.startswith('bulletin_nlp.results')))"
    )
    done = _run([str(SAMPLE), str(tmp_path / "out.json")], tmp_path, code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['bulletin_nlp.results']"
    assert results.KeywordResult is keywords.KeywordResult and results.ThemeResult is themes.ThemeResult
    assert results.IdfSummary is idf.IdfSummary and results.THEME_COLUMNS == themes.THEME_COLUMNS
    assert pickle.loads(pickle.dumps(results.KeywordResult(per_item=True))).per_item is True
    with pytest.raises(AttributeError, match="no attribute 'KeywordResults'"):
        results.KeywordResults  # noqa: B018
