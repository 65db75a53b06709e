"""Corpus analysis: dates and periods, trends, KWIC, co-occurrence and distinctive terms.

Unit tests run on invented bulletins in ``tests/data/corpus`` (two dated by masthead, one by
file name, one undated); the measured targets of issue 16 run on ``../shared`` when present.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata

import pytest

from bulletin_nlp.corpus.compare import compare
from bulletin_nlp.corpus.cooccur import association, cooccur
from bulletin_nlp.corpus.dates import date_from_name, doc_date, period_of
from bulletin_nlp.corpus.kwic import PatternError, kwic
from bulletin_nlp.corpus.trends import trends
from bulletin_nlp.reading import read_document
from bulletin_nlp.segment import segment_document, segment_text
from bulletin_nlp.tokenizer import get_tokenizer
from conftest import DATA, SHARED, needs_shared

CORPUS = DATA / "corpus"
FILES = sorted(CORPUS.glob("*.txt"))
GOV = SHARED / "corpus" / "gov-work-reports"


def squashed(path) -> str:
    """NFKC text of a file with all whitespace removed (an independent view for counting)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def tk():
    return get_tokenizer()


@pytest.fixture(scope="module")
def bulletins():
    return [segment_document(read_document(str(f), None)) for f in FILES]


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("reports/1954.txt", "1954"),
        ("hz-bulletin-2023-03.txt", "2023-03"),
        ("20230331.docx", "2023-03-31"),
        ("简报2023年3月5日.txt", "2023-03-05"),
        ("2023_11_简报.md", "2023-11"),
        ("report-12345.txt", None),
        ("notes.txt", None),
        ("2023/notes.txt", None),  # folders are not read for dates
        ("2023-13.txt", "2023"),  # no month 13: the year alone
    ],
)
def test_date_from_name(name, expected):
    assert date_from_name(name) == expected


def test_periods_and_origin(bulletins):
    dates = {d.source.rsplit("/", 1)[-1]: d for d in map(doc_date, bulletins)}
    assert dates["qinghe-2023-03.txt"].date == "2023-03-15" and dates["qinghe-2023-03.txt"].origin == "masthead"
    assert dates["2024.txt"].date == "2024" and dates["2024.txt"].origin == "file name"
    assert dates["notes.txt"].date is None and dates["notes.txt"].origin is None
    assert period_of("2023-06-20", "quarter") == "2023-Q2"
    assert period_of("2023-06-20", "month") == "2023-06"
    assert period_of("2024", "month") is None  # too coarse
    with pytest.raises(ValueError):
        period_of("2024", "week")


# -- trends --------------------------------------------------------------------------------------


def test_trends_terms_counts_match_independent_count(bulletins, tk):
    t = trends(bulletins, tk, "year", ["智慧停车", "夜间经济"])
    assert [p.label for p in t.periods] == ["2023", "2024"]
    got = {(r.period, r.term): r.count for r in t.rows}
    by_year = {"2023": [f for f in FILES if "2023" in f.name], "2024": [CORPUS / "2024.txt"]}
    for year, files in by_year.items():
        for term in ("智慧停车", "夜间经济"):
            # the masthead holds neither term, so the whole file's count is the items' count
            assert got[(year, term)] == sum(squashed(f).count(term) for f in files)
    # the wrapped occurrence (智慧 / 停车 over a line break) is found
    assert got[("2023", "智慧停车")] == 3 + 4  # headlines included
    assert t.undated is not None and [s.rsplit("/", 1)[-1] for s in t.undated.sources] == ["notes.txt"]
    assert {r.term: r.count for r in t.undated_rows} == {"智慧停车": 1, "夜间经济": 0}


def test_trends_per_10k(bulletins, tk):
    t = trends(bulletins, tk, "month", ["智慧停车"])
    assert [p.label for p in t.periods] == ["2023-03", "2023-06"]
    for p in t.periods:
        row = next(r for r in t.rows if r.period == p.label)
        assert row.per_10k == round(row.count * 10000 / p.chars, 4)
        assert p.chars > 100
    # 2024.txt has a year only: left out of months, counted apart with the undated file
    assert sorted(s.rsplit("/", 1)[-1] for s in t.undated.sources) == ["2024.txt", "notes.txt"]


def test_trends_by_issue_and_themes(bulletins, tk):
    t = trends(bulletins, tk, "issue", ["农村供水"])
    labels = [p.label for p in t.periods]
    assert labels[:2] == ["2023-03-15 第5期", "2023-06-20 第9期"] and labels[2].startswith("2024 ")
    assert len(labels) == 4
    twice = trends([bulletins[2], bulletins[2]], tk, "issue", ["农村供水"])  # same issue read twice
    assert len(twice.periods) == 2 and twice.periods[1].label.endswith(f"({bulletins[2].source})")
    th = trends(bulletins, tk, "year", None, lambda items: [["甲"] if "供水" in it.text else [] for it in items])
    assert th.measure == "themes" and th.terms == ["甲"]
    assert {r.period: r.count for r in th.rows} == {"2023": 1, "2024": 1}


def test_trends_top_keywords(bulletins, tk):
    t = trends(bulletins, tk, "year", top=5)
    assert t.measure == "keywords" and 1 <= len(t.terms) <= 5
    assert all(
        sum(r.count for r in t.series(term)) + sum(r.count for r in t.undated_rows if r.term == term) > 0
        for term in t.terms
    )


# -- kwic ----------------------------------------------------------------------------------------


def test_kwic_one_line_per_occurrence(bulletins, tk):
    c = kwic(bulletins, tk, "智慧停车", width=5)
    assert len(c.lines) == sum(squashed(f).count("智慧停车") for f in FILES) == 9
    first = c.lines[0]
    assert first.match == "智慧停车" and len(first.left) <= 5 and len(first.right) <= 5
    wrapped = [x for x in c.lines if x.left.endswith("提出,")]
    assert len(wrapped) == 1 and wrapped[0].right == "二期要同步"


def test_kwic_sort_and_regex(bulletins, tk):
    c = kwic(bulletins, tk, "智慧停车", width=4, sort="right")
    assert [x.right for x in c.lines] == sorted(x.right for x in c.lines)
    c = kwic(bulletins, tk, "智慧停车", width=4, sort="left")
    assert [x.left[::-1] for x in c.lines] == sorted(x.left[::-1] for x in c.lines)
    r = kwic(bulletins, tk, "(夜间经济|农村供水)", regex=True)
    assert {x.match for x in r.lines} == {"夜间经济", "农村供水"}
    assert len(r.lines) == sum(squashed(f).count("夜间经济") + squashed(f).count("农村供水") for f in FILES)
    with pytest.raises(PatternError):
        kwic(bulletins, tk, "(", regex=True)


# -- cooccur -------------------------------------------------------------------------------------


def test_association_measures():
    assert association("jaccard", 4, 3, 2, 10) == pytest.approx(2 / 5)
    assert association("pmi", 4, 3, 2, 10) == pytest.approx(math.log2(2 * 10 / 12))
    assert association("npmi", 4, 3, 2, 10) == pytest.approx(math.log2(20 / 12) / -math.log2(0.2))


def test_cooccur_counts_items(tk):
    bodies = [
        "水库管理处开展防汛检查，水库大坝运行正常。",
        "水库管理处组织防汛演练，防汛物资全部到位。",
        "水库管理处更新监测设备，完善台账。",
        "学校食堂开展卫生检查，食堂员工参加培训。",
    ]
    b = segment_text("\n\n".join(f"消息{'一二三四'[i]}\n{body}" for i, body in enumerate(bodies)), "a.txt")
    assert len(b.items) == 4
    net = cooccur([b], tk, measure="jaccard", min_count=1, vocab=20)
    assert net.units == 4
    edges = {(e.source, e.target): e for e in net.edges}
    # the tokenizer's phrase candidates keep 水库管理处 whole (keywords.py); two terms of one item
    # only: Jaccard 1 / (1 + 1 - 1)
    assert edges[("学校食堂", "食堂员工")].count == 1 and edges[("学校食堂", "食堂员工")].weight == 1.0
    # 防汛 in 2 items, 水库管理处 in 3, both in 2: Jaccard 2 / (3 + 2 - 2)
    pair = ("水库管理处", "防汛")
    assert edges[pair].count == 2 and edges[pair].weight == pytest.approx(2 / 3)
    assert net.nodes["水库管理处"] == 3
    pmi = cooccur([b], tk, measure="pmi", min_count=2, vocab=20)
    assert all(e.count >= 2 for e in pmi.edges)
    e = next(e for e in pmi.edges if (e.source, e.target) == pair)
    assert e.weight == pytest.approx(math.log2(2 * 4 / (3 * 2)))
    sent = cooccur([b], tk, window="sentence", min_count=1, vocab=20)
    assert sent.units == 4 + 4  # one sentence per body, and each headline


def test_cooccur_graph_files(run_cli, tmp_path):
    import networkx as nx

    gexf, graphml = tmp_path / "net.gexf", tmp_path / "net.graphml"
    for path in (gexf, graphml):
        code, out, err = run_cli(["cooccur", CORPUS, "--min-count", "1", "-o", path, "-q"])
        assert code == 0, err
        assert out == ""
    g = nx.read_gexf(gexf)
    h = nx.read_graphml(graphml)
    code, out, _ = run_cli(["cooccur", CORPUS, "--min-count", "1", "-f", "json"])
    data = json.loads(out)
    assert g.number_of_edges() == h.number_of_edges() == len(data["edges"]) > 0
    assert "lastmodifieddate" not in gexf.read_text(encoding="utf-8")


# -- compare -------------------------------------------------------------------------------------


def test_compare_regions_logodds(bulletins, tk):
    c = compare(bulletins, tk, by="region", top=5)
    groups = {g.name: g for g in c.groups}
    assert {"东林区", "西坪县"} <= set(groups)
    assert c.ungrouped == 0
    dl = [t.term for t in groups["东林区"].terms]
    assert "停车" in dl or "智慧停车" in dl or "车位" in dl
    assert not any(t in "东林区" for t in dl)  # the region's own name is no distinctive term
    # the statistic by the formula of Monroe, Colaresi & Quinn (2008), recomputed for one term
    from bulletin_nlp.corpus.compare import item_groups, item_words

    counts = {}
    for g, it in item_groups(bulletins, "region"):
        counts.setdefault(g, []).extend(item_words(it, tk))
    t = groups["东林区"].terms[0]
    all_words = [w for ws in counts.values() for w in ws]
    n, y_w = len(all_words), all_words.count(t.term)
    n_i, y_i = len(counts["东林区"]), counts["东林区"].count(t.term)
    n_j, y_j = n - n_i, y_w - y_i
    a0, a = 1000.0, 1000.0 * y_w / n
    delta = math.log((y_i + a) / (n_i + a0 - y_i - a)) - math.log((y_j + a) / (n_j + a0 - y_j - a))
    assert t.delta == pytest.approx(delta) and t.score == pytest.approx(
        delta / math.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    )
    assert t.count == y_i and t.rest == y_j


def test_compare_needs_two_groups(tk):
    b = segment_text("一条消息\n林业局推进防火巡护工作，防火巡护覆盖全部山林。", "one.txt")
    with pytest.raises(ValueError, match="at least two groups"):
        compare([b], tk, by="source")


# -- traditional characters ----------------------------------------------------------------------


def test_t2s_matches_traditional_text(tk):
    pytest.importorskip("opencc")
    old = segment_text("一、工作回顧\n我們繼續推進農村供水工程，農村供水覆蓋全縣。", "1988.txt")
    new = segment_text("一、工作回顾\n继续推进农村供水工程。", "2020.txt")
    plain = trends([old, new], tk, "year", ["农村供水"])
    assert {r.period: r.count for r in plain.rows} == {"1988": 0, "2020": 1}
    folded = trends([old, new], tk, "year", ["農村供水"], t2s=True)  # the term may be written either way
    assert folded.terms == ["农村供水"] and folded.t2s
    assert {r.period: r.count for r in folded.rows} == {"1988": 2, "2020": 1}
    c = kwic([old], tk, "农村供水", width=4, t2s=True)
    assert len(c.lines) == 2 and c.lines[0].left == "我们继续推进"[-4:]


# -- the commands --------------------------------------------------------------------------------

COMMANDS = [
    ["trends", CORPUS, "--terms", "智慧停车,夜间经济"],
    ["trends", CORPUS, "--by", "quarter", "--by-theme"],
    ["kwic", "智慧停车", CORPUS, "--width", "6"],
    ["cooccur", CORPUS, "--min-count", "1", "--top", "10"],
    ["compare", CORPUS, "--by", "region", "--top", "3"],
    ["compare", CORPUS, "--by", "year", "--method", "chi2"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(map(str, a[:1] + a[2:4])))
@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv", "markdown"])
def test_every_format(run_cli, args, fmt):
    code, out, err = run_cli([*args, "-f", fmt, "-q"])
    assert code == 0, err
    assert out.strip()
    if fmt == "json":
        json.loads(out)
    if fmt == "jsonl":
        assert all(json.loads(line) for line in out.splitlines())
    if fmt == "csv":
        assert out.startswith("\ufeff")
    code2, out2, _ = run_cli([*args, "-f", fmt, "-q"])
    assert out2 == out  # deterministic


def test_trends_json_rows_and_csv(run_cli):
    code, out, _ = run_cli(["trends", CORPUS, "--terms", "智慧停车", "-f", "json"])
    data = json.loads(out)
    assert code == 0
    assert data["rows"] == [
        {"period": "2023", "term": "智慧停车", "count": 7, "per_10k": data["rows"][0]["per_10k"]},
        {"period": "2024", "term": "智慧停车", "count": 1, "per_10k": data["rows"][1]["per_10k"]},
    ]
    assert data["undated"]["rows"][0]["count"] == 1 and data["undated"]["sources"][0].endswith("notes.txt")
    code, out, _ = run_cli(["trends", CORPUS, "--terms", "智慧停车", "-f", "csv"])
    assert out.lstrip("\ufeff").splitlines()[0] == "period,term,count,per_10k"


def test_kwic_jsonl_lines(run_cli):
    code, out, _ = run_cli(["kwic", "智慧停车", CORPUS, "-f", "jsonl"])
    lines = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and len(lines) == 9
    assert set(lines[0]) == {"source", "item", "headline", "offset", "left", "term", "right"}


def test_html_pages(run_cli, tmp_path):
    for args in (["trends", CORPUS, "--terms", "智慧停车,夜间经济"], ["cooccur", CORPUS, "--min-count", "1"]):
        page = tmp_path / f"{args[0]}.html"
        code, out, err = run_cli([*args, "--html", page, "-q"])
        assert code == 0, err
        assert out == ""
        text = page.read_text(encoding="utf-8")
        assert "<svg" in text and "<script" not in text.lower()
        assert not re.search(r"(src|href)=", text)
    text = (tmp_path / "trends.html").read_text(encoding="utf-8")
    assert "<polyline" in text and "2023" in text and "notes.txt" in text  # undated named


def test_output_html_means_the_page(run_cli, tmp_path):
    for args in (["trends", CORPUS, "--terms", "智慧停车,夜间经济"], ["cooccur", CORPUS, "--min-count", "1"]):
        by_o, by_html = tmp_path / f"o-{args[0]}.html", tmp_path / f"h-{args[0]}.html"
        code, out, err = run_cli([*args, "-o", by_o, "-q"])
        assert code == 0, err
        assert out == ""
        assert run_cli([*args, "--html", by_html, "-q"])[0] == 0
        assert by_o.read_bytes() == by_html.read_bytes()
    code, _, err = run_cli(["kwic", "智慧停车", CORPUS, "-o", tmp_path / "k.html"])
    assert code == 2 and "does not draw HTML" in err


def test_corpus_commands_take_glob_and_exclude(run_cli):
    code, out, err = run_cli(["kwic", "智慧停车", CORPUS, "--glob", "qinghe-*", "-f", "json", "-q"])
    assert code == 0, err
    sources = {r["source"] for r in json.loads(out)["lines"]}
    assert sources == {str(CORPUS / "qinghe-2023-03.txt"), str(CORPUS / "qinghe-2023-06.txt")}
    code, out, err = run_cli(["trends", CORPUS, "--terms", "智慧停车", "--exclude", "qinghe-*", "-f", "json"])
    assert code == 0, err
    assert "qinghe" not in out
    assert f"{CORPUS}: skipped 2 files: qinghe-2023-03.txt, qinghe-2023-06.txt (--exclude)" in err


@pytest.mark.parametrize(
    "args, message, exit_code",
    [  # options that cannot work are usage errors (exit 2); a missing input fails the run (exit 1)
        (["kwic", "(", CORPUS, "--regex"], "invalid regular expression", 2),
        (["trends", CORPUS, "--terms", " , "], "--terms", 2),
        (["trends", CORPUS, "--terms", "甲", "--by-theme"], "not both", 2),
        (["compare", CORPUS / "notes.txt", "--by", "source"], "at least two groups", 2),
        (["cooccur", CORPUS / "missing.txt"], "missing.txt", 1),
    ],
)
def test_bad_input_one_line(run_cli, args, message, exit_code):
    code, out, err = run_cli(args)
    assert code == exit_code
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


# -- measured on the shared corpus ----------------------------------------------------------------


@needs_shared
def test_gov_reports_trends_first_year(run_cli):
    code, out, err = run_cli(["trends", GOV, "--terms", "高质量发展,脱贫攻坚", "-f", "json", "-q"])
    assert code == 0, err
    rows = json.loads(out)["rows"]
    years = [r["period"] for r in rows if r["term"] == "高质量发展" and r["count"] > 0]
    assert years[0] == "2018"
    assert len({r["period"] for r in rows}) == len(list(GOV.glob("*.txt")))
    for r in rows:  # every count agrees with an independent count of the year's file
        assert r["count"] == squashed(GOV / f"{r['period']}.txt").count(r["term"])


@needs_shared
def test_gov_reports_kwic_one_line_per_occurrence(run_cli):
    code, out, err = run_cli(["kwic", "营商环境", GOV, "-f", "jsonl", "-q"])
    assert code == 0, err
    expected = sum(squashed(f).count("营商环境") for f in GOV.glob("*.txt"))
    assert expected > 0
    assert len(out.splitlines()) == expected


def test_t2s_without_opencc_is_one_line(run_cli, monkeypatch):
    import sys

    from bulletin_nlp.corpus import variants

    monkeypatch.setattr(variants, "_converter", None)
    monkeypatch.setitem(sys.modules, "opencc", None)  # import fails as if not installed
    for args in (["kwic", "智慧停车", CORPUS, "--t2s"], ["trends", CORPUS, "--terms", "智慧停车", "--t2s"]):
        code, out, err = run_cli(args)
        assert code == 1 and out == ""
        assert "opencc" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


# -- the Python API --------------------------------------------------------------------------------


def test_api_trends_from_paths_equals_library_on_bulletins(bulletins, tk):
    import bulletin_nlp as bn

    result = bn.trends(FILES, terms="智慧停车,夜间经济")  # paths, like the other API functions
    assert result.to_dict() == trends(bulletins, tk, "year", ["智慧停车", "夜间经济"]).to_dict()
    assert bn.trends(bulletins, terms=["智慧停车", "夜间经济"]).to_dict() == result.to_dict()  # Bulletins too
    header, rows = result.table()
    assert header == ("period", "term", "count", "per_10k")
    assert [r[:3] for r in rows] == [(r["period"], r["term"], r["count"]) for r in result.records()]
    assert ("2023", "智慧停车", 7) in [r[:3] for r in rows] and ("undated", "智慧停车", 1) in [r[:3] for r in rows]


def test_api_kwic_cooccur_compare_shapes(bulletins):
    import bulletin_nlp as bn

    c = bn.kwic("智慧停车", FILES, width=6)
    expected = sum(squashed(f).count("智慧停车") for f in FILES)
    assert c.to_dict()["count"] == len(list(c.records())) == len(c.table()[1]) == expected
    net = bn.cooccur(bulletins, min_count=1, top=10)
    assert [(e["source"], e["target"]) for e in net.to_dict()["edges"]] == [r[:2] for r in net.table()[1]]
    cmp = bn.compare(FILES, by="region", top=3)
    rows = cmp.table()[1]
    assert len(rows) == sum(len(g["terms"]) for g in cmp.to_dict()["groups"]) > 0
    assert [g["group"] for g in cmp.records()] == [g.name for g in cmp.groups]


def test_api_errors_are_bnlp_errors(tmp_path):
    import bulletin_nlp as bn

    with pytest.raises(bn.CorpusError, match="not both"):
        bn.trends(FILES, terms="甲", by_theme=True)
    with pytest.raises(bn.CorpusError, match="invalid regular expression"):
        bn.kwic("(", FILES, regex=True)
    with pytest.raises(bn.CorpusError, match="at least two groups"):
        bn.compare(CORPUS / "notes.txt", by="source")
    with pytest.raises(bn.InputError, match="missing.txt"):  # nothing readable: raised even with skip_errors
        bn.cooccur(CORPUS / "missing.txt", skip_errors=True)
    result = bn.trends([*FILES, CORPUS / "missing.txt"], terms="智慧停车", skip_errors=True)
    assert [str(e) for e in result.errors] and "missing.txt" in str(result.errors[0])
    assert sum(r["count"] for r in result.records()) == sum(squashed(f).count("智慧停车") for f in FILES) == 9


def test_trends_themes_file_is_the_taxonomy(run_cli, tmp_path):
    taxonomy = tmp_path / "tax.toml"
    taxonomy.write_text(
        'version = 1\n\n[[theme]]\nlabel = "停车"\ndescription = "停车设施"\nterms = ["智慧停车", "停车位"]\n',
        encoding="utf-8",
    )
    code, out, err = run_cli(["trends", CORPUS, "--by-theme", "--themes", taxonomy, "-f", "json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["measure"] == "themes" and data["terms"] == ["停车"]
    code, out, err = run_cli(["trends", CORPUS, "--by-theme", "--themes", tmp_path / "none.toml"])
    assert code == 1 and "none.toml" in err and len(err.strip().splitlines()) == 1
