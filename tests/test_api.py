"""The public Python API (``import bulletin_nlp as bn``) on realistic bulletins."""

from __future__ import annotations

import json
import sys

import pytest

import bulletin_nlp as bn
from bulletin_nlp.results import KEYWORD_COLUMNS, SEGMENT_COLUMNS, THEME_COLUMNS
from conftest import DATA, ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
BULLETINS = DATA / "bulletins"
EXPECTED = json.loads((ROOT / "data" / "sample-bulletin.expected.json").read_text(encoding="utf-8"))

# A short bulletin of our own (invented names and places): masthead, two articles, a byline each.
OWN = (
    "工作简报\n第3期\n青禾县人大常委会办公室编          2025年3月6日\n\n"
    "青禾县人大常委会开展农村供水工程专题调研\n\n"
    "2月下旬，青禾县人大常委会组织部分代表对全县农村供水工程建设管理情况开展专题调研，"
    "实地察看水厂、管网和水质检测站点，听取县水利局工作汇报，提出加强水源保护和管网维护的建议。\n\n"
    "（县人大常委会农业农村工委  林晓禾）\n\n"
    "白沙镇：人大代表联络站开展“进站听民声”活动\n\n"
    "白沙镇人大主席团组织镇人大代表轮流进站接待群众，收集道路修缮、垃圾清运等意见建议27条，"
    "已交镇政府分类办理并向群众反馈。\n\n"
    "（白沙镇人大主席团  周明远）\n"
)


def test_segment_items_matches_the_command_line(run_cli):
    result = bn.segment_items(SAMPLE)
    assert len(result) == 1 and result.errors == []
    b = result[0]
    assert b.source == str(SAMPLE)
    assert b.masthead is not None and b.masthead.to_dict() == EXPECTED["masthead"]
    assert [it.title for it in b.items] == [it["title"] for it in EXPECTED["items"]]
    code, out, err = run_cli(["segment", SAMPLE, "-f", "json"])
    assert (code, err) == (0, "")
    assert json.loads(out) == result.to_dict()


def test_segment_items_from_text_and_mixed_inputs():
    from_text = bn.segment_items(text=OWN)
    b = from_text[0]
    assert b.source == "<text>"
    assert b.masthead is not None and (b.masthead.issue, b.masthead.date) == ("第3期", "2025-03-06")
    assert [it.title for it in b.items] == [
        "青禾县人大常委会开展农村供水工程专题调研",
        "白沙镇：人大代表联络站开展“进站听民声”活动",
    ]
    assert [it.authors for it in b.items] == [["林晓禾"], ["周明远"]]
    assert b.items[1].region == "白沙镇"
    doc = bn.read(BULLETINS / "crlf_gbk.txt")[0]
    mixed = bn.segment_items([SAMPLE, b, doc])  # a path, a Bulletin and a Document, in that order
    assert [x.source for x in mixed] == [str(SAMPLE), "<text>", str(BULLETINS / "crlf_gbk.txt")]
    assert mixed[1] is b
    several = bn.segment_items(text=[OWN, OWN])
    assert [x.source for x in several] == ["<text 1>", "<text 2>"]


def test_read_detects_the_encoding_and_folders_are_searched():
    docs = bn.read(BULLETINS)
    by_name = {d.source.rsplit("/", 1)[-1]: d for d in docs}
    assert set(by_name) == {p.name for p in BULLETINS.glob("*.txt")}
    assert by_name["crlf_gbk.txt"].encoding == "gb18030"
    assert by_name["utf16_bom.txt"].encoding == "utf-16"
    assert "\r" not in by_name["crlf_gbk.txt"].text
    assert docs.to_dict()["documents"][0] == docs[0].to_dict()
    assert set(docs[0].to_dict()) == {"source", "encoding", "format", "reader", "meta", "text"}
    assert {(d.format, d.reader) for d in docs} == {("text", "builtin")}
    assert docs[0].to_dict()["meta"] == {"reader_versions": {}}
    assert docs.notes == []  # one format, nothing skipped


def test_skipped_files_and_formats_are_notes_not_stderr(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(OWN, encoding="utf-8")
    (folder / "b.rtf").write_bytes(b"{\\rtf1\\ansi " + b"Qinghe county council meets\\par }")
    (folder / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "d.gbk.txt").write_bytes("青禾县召开春耕会议".encode("gbk"))
    for result in (bn.read(folder), bn.segment_items(folder)):
        assert [d.format for d in result] == ["text", "rtf", "text"]
        assert result.notes == [
            f"{folder}: skipped 1 file: c.doc (a Word 97-2003 .doc file, which bnlp cannot read; save it as .docx"
            " in Word or WPS)",
            f"warning: {folder / 'd.gbk.txt'}: encoding guessed as gb18030 rather than cp949"
            " (from only 18 non-ASCII bytes, low confidence);"
            " pass --encoding if the text looks wrong",
            "read 3 files: 2 text, 1 rtf",
        ]
    assert capsys.readouterr().err == ""  # the library writes nothing; the command line prints the notes


def test_bad_input_raises_a_one_line_error(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(bn.InputError) as e:
        bn.segment_items([SAMPLE, missing])
    assert str(e.value) == f"{missing}: no such file or folder"
    assert isinstance(e.value, bn.BnlpError)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = bn.segment_items([empty, SAMPLE, missing], skip_errors=True)
    assert [b.source for b in result] == [str(SAMPLE)]
    assert [str(x) for x in result.errors] == [f"{missing}: no such file or folder", f"{empty}: file is empty"]
    with pytest.raises(bn.UsageError, match="only once"):
        bn.segment_items(["-", "-"])
    with pytest.raises(bn.UsageError, match="no input"):
        bn.segment_items([])


def test_extract_keywords_matches_the_command_line(run_cli):
    result = bn.extract_keywords(SAMPLE, per_item=True, top=5)
    d = result[0]
    assert len(d.keywords) == 5 and d.items is not None and len(d.items) == 10
    terms = {it.item.index: [k.term for k in it.keywords] for it in d.items}
    # 食品安全 alone or heading a phrase keyword (食品安全法执法检查): phrases rank above their words
    assert "家站点" in terms[4] and "专题询问" in terms[5] and any(t.startswith("食品安全") for t in terms[2])
    weights = [k.weight for k in d.keywords]
    assert weights == sorted(weights, reverse=True) and all(0 < w <= 1 for w in weights)
    code, out, err = run_cli(["keywords", SAMPLE, "--per-item", "--top", "5", "-f", "json"])
    assert (code, err) == (0, "")
    assert json.loads(out) == result.to_dict()
    header, rows = result.table()
    assert header == KEYWORD_COLUMNS
    assert len(rows) == 5 + sum(len(it.keywords) for it in d.items)


def test_keywords_corpus_of_texts_and_options():
    result = bn.extract_keywords(text=[OWN, OWN.replace("供水", "供电")], top=3, pos="n,nz,vn,l")
    assert [d.source for d in result] == ["<text 1>", "<text 2>"]
    assert result.meta["method"] == "tfidf" and result[0].meta == result.meta
    assert result[0].items is None and "items" not in result.to_dict()["documents"][0]
    textrank = bn.extract_keywords(text=OWN, method="textrank", top=4)
    assert textrank.meta["idf"] is None and 1 <= len(textrank[0].keywords) <= 4
    with pytest.raises(bn.UsageError, match="unknown keyword method"):
        bn.extract_keywords(text=OWN, method="bm25")


def test_classify_default_zero_shot_and_explain(run_cli):
    result = bn.classify(SAMPLE)
    first = [t.themes[0].label for t in result[0].items]
    assert first[:4] == ["立法", "监督", "预算财经", "代表工作"]
    assert result.meta["classifier"] == "default" and set(result.meta["thresholds"]) == {"multi", "abstain"}
    taxonomy = ROOT / "src" / "bulletin_nlp" / "resources" / "taxonomy.toml"
    zero = bn.classify(SAMPLE, themes=taxonomy)
    assert zero.meta == {"classifier": "zero-shot", "taxonomy": str(taxonomy)}
    assert [t.themes[0].label for t in zero[0].items][:4] == first[:4]
    assert all(0 <= s.score <= 1 for t in result[0].items for s in t.themes)
    assert "terms" not in result.to_dict()["documents"][0]["items"][0]["themes"][0]
    explained = bn.classify(SAMPLE, explain=True)
    assert explained.to_dict()["documents"][0]["items"][0]["themes"][0]["terms"]
    code, out, err = run_cli(["classify", SAMPLE, "--explain", "-f", "json"])
    assert (code, err) == (0, "")
    assert json.loads(out) == explained.to_dict()
    header, rows = result.table()
    assert header == THEME_COLUMNS and rows[0][4].split(";")[0] == "立法"


def test_make_report_matches_the_command_line(run_cli):
    rep = bn.make_report([SAMPLE, BULLETINS / "masthead_contents_footer.txt"])
    assert [b.date for b in rep.documents] == ["2024-06-18", "2024-09-12"]
    assert rep.item_count == sum(b.item_count for b in rep.documents)
    assert sum(rep.theme_counts.values()) + sum(b.unthemed for b in rep.documents) == rep.item_count
    code, out, err = run_cli(["report", SAMPLE, BULLETINS / "masthead_contents_footer.txt", "-f", "json", "-q"])
    assert (code, err) == (0, "")
    assert json.loads(out) == rep.to_dict()


def test_results_are_deterministic():
    assert bn.classify(BULLETINS).to_dict() == bn.classify(BULLETINS).to_dict()
    a = json.dumps(bn.extract_keywords(BULLETINS, per_item=True).to_dict(), ensure_ascii=False)
    b = json.dumps(bn.extract_keywords(BULLETINS, per_item=True).to_dict(), ensure_ascii=False)
    assert a == b


def test_build_idf_counts_items():
    idf = bn.build_idf([SAMPLE, BULLETINS / "numbered_headlines.txt"])
    assert (idf.items, idf.bulletins) == (10 + 4, 2)
    assert idf.table and all(v >= 0 for v in idf.table.values())
    word, value = idf.to_text().splitlines()[0].split(" ")
    assert idf.to_dict()["table"][word] == float(value)
    assert list(idf.to_dict()["table"]) == sorted(idf.table)


def test_to_dataframe_with_pandas():
    pd = pytest.importorskip("pandas")
    df = bn.to_dataframe(bn.segment_items(BULLETINS))
    assert isinstance(df, pd.DataFrame)
    assert tuple(df.columns) == SEGMENT_COLUMNS
    gold = sum(len(json.loads(p.read_text(encoding="utf-8"))["items"]) for p in BULLETINS.glob("*.expected.json"))
    assert len(df) == gold
    kw = bn.extract_keywords(SAMPLE, top=3).to_dataframe()
    assert list(kw["scope"]) == ["document"] * 3 and kw["weight"].dtype == float
    rep = bn.make_report(SAMPLE).to_dataframe()
    assert len(rep) == 10 and rep["themes"].str.len().min() > 0
    with pytest.raises(TypeError):
        bn.to_dataframe({"documents": []})


def test_to_dataframe_without_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    result = bn.segment_items(SAMPLE)
    with pytest.raises(bn.MissingDependencyError, match=r'pip install "bulletin-nlp\[pandas\]"'):
        bn.to_dataframe(result)
    with pytest.raises(ImportError):  # also an ImportError, for code that expects one
        result.to_dataframe()


def test_import_stays_light():
    import subprocess

    code = (
        "import sys, bulletin_nlp; print(sorted(m for m in ('jieba', 'sklearn', 'rich', 'pandas') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr
