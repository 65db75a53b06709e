"""``bnlp report``: JSON data, trends across bulletins, the HTML page and the table."""

from __future__ import annotations

import html
import json
import shutil

import pytest

from conftest import DATA, ROOT

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
SECOND = DATA / "bulletins" / "masthead_contents_footer.txt"


@pytest.fixture
def sample_json(run_cli):
    code, out, err = run_cli(["report", SAMPLE, "-f", "json", "-q"])
    assert code == 0, err
    return json.loads(out)


def test_json_single_bulletin(sample_json):
    rep = sample_json
    assert rep["bulletin_count"] == 1
    b = rep["documents"][0]
    assert b["masthead"]["date"] == "2024-09-12"
    assert b["item_count"] == 10 and len(b["items"]) == 10
    firsts = [it["themes"][0] for it in b["items"] if it["themes"]]
    assert b["unthemed"] == 0 and len(firsts) == 10
    assert sum(b["theme_counts"].values()) == 10
    for label, n in b["theme_counts"].items():
        assert firsts.count(label) == n
    assert list(b["theme_counts"].values()) == sorted(b["theme_counts"].values(), reverse=True)
    assert {"江北区", "江南区"} <= set(b["region_counts"])
    assert b["keywords"]
    assert all(1 <= len(it["keywords"]) <= 3 for it in b["items"])
    assert rep["theme_counts"] == b["theme_counts"]
    assert all(len(v) == 1 for v in rep["trends"].values())


def test_json_is_deterministic(run_cli, sample_json):
    code, out, _ = run_cli(["report", SAMPLE, "-f", "json", "-q"])
    assert code == 0 and json.loads(out) == sample_json


def test_trends_in_date_order(run_cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a-sample.txt")  # 2024-09-12
    shutil.copy(SECOND, folder / "b-second.txt")  # 2024-06-18: earlier, so first
    code, out, err = run_cli(["report", folder, "-f", "json", "-q"])
    assert code == 0, err
    rep = json.loads(out)
    dates = [b["masthead"]["date"] for b in rep["documents"]]
    assert dates == ["2024-06-18", "2024-09-12"]
    assert [i["date"] for i in rep["issues"]] == dates
    assert rep["trends"] and set(rep["trends"]) == set(rep["theme_counts"])
    for label, counts in rep["trends"].items():
        assert len(counts) == 2
        assert counts == [b["theme_counts"].get(label, 0) for b in rep["documents"]]
        assert sum(counts) == rep["theme_counts"][label]
    assert sum(rep["theme_counts"].values()) == 14


def test_html_self_contained_and_escaped(run_cli, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "人大工作简报\n\n第1期\n\n测试市人大常委会办公室编    2024年1月5日\n\n"
        "江北区：预算审查监督<b>不走过场</b>\n\n"
        "　　江北区人大常委会对<b>预算执行</b>情况开展监督，代表提出意见建议&问题清单。\n\n"
        "（江北区人大常委会办公室  王明）\n",
        encoding="utf-8",
    )
    out_html = tmp_path / "out.html"
    code, out, err = run_cli(["report", SAMPLE, evil, "--html", out_html, "-q"])
    assert code == 0, err
    assert out == ""  # --html alone writes only the file
    page = out_html.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in page and 'lang="zh-CN"' in page
    for bad in ("<script", "http://", "https://", "<link", "@import", "url("):
        assert bad not in page
    assert html.escape("江北区：食品安全法执法检查“带着清单查”") in page
    assert "<b>" not in page
    assert "&lt;b&gt;" in page
    assert not list(tmp_path.glob(".bnlp-*"))  # atomic write left no temporary file


def test_table_piped_keeps_headlines(run_cli):
    code, out, err = run_cli(["report", SAMPLE, "-f", "table", "-q"])
    assert code == 0, err
    for headline in (
        "市人大常委会表决通过《江州市历史文化街区保护条例》",
        "江南区：预算联网监督从“看得见”向“管得住”延伸",
        "青山县：专题询问为优化营商环境“把脉开方”",
    ):
        assert headline in out
    assert "2024-09-12" in out and "江北区" in out
    assert "\x1b[" not in out


def test_table_several_bulletins_has_trends(run_cli):
    code, out, err = run_cli(["report", SAMPLE, SECOND, "-f", "table", "-q"])
    assert code == 0, err
    assert "主题走势" in out
    assert any(c in out for c in "▁▂▃▄▅▆▇█")


def test_csv_is_one_row_per_item_and_html_with_a_format_is_refused(run_cli, tmp_path):
    code, out, err = run_cli(["report", SAMPLE, "-f", "csv"])
    assert code == 0, err
    assert out.startswith("\ufeffsource,date,index,label") and len(out.splitlines()) == 11
    code, _, err = run_cli(["report", SAMPLE, "-f", "csv", "-o", tmp_path / "r.html"])
    assert code == 2 and "HTML page but --format csv" in err


# -- a report of several bulletins links to the corpus views (issue 16) -------------------------------

# Invented bulletins: two issues of one masthead, each with an item from 松林镇 (tea) and one from
# 石桥乡 (bees), so the two regions have clearly different words.
_ISSUES = {
    "2025-03.txt": (
        "第3期",
        "2025年3月10日",
        [
            (
                "松林镇：茶园灌溉水渠全面修缮",
                "3月，松林镇组织人力修缮茶园灌溉水渠，茶农反映茶园灌溉更加便利。松林镇茶园面积扩大，茶叶采摘提前。",
            ),
            (
                "石桥乡：养蜂合作社带动增收",
                "石桥乡养蜂合作社吸纳农户入社，蜂蜜销量增长。石桥乡养蜂产业形成规模，蜂蜜品牌打响。",
            ),
        ],
    ),
    "2025-04.txt": (
        "第4期",
        "2025年4月12日",
        [
            ("松林镇：茶叶加工厂投产", "松林镇茶叶加工厂正式投产，茶园鲜叶就地加工，茶农收入提高。茶叶加工能力提升。"),
            ("石桥乡：蜂蜜直播带货", "石桥乡养蜂合作社开展蜂蜜直播销售，蜂蜜订单增加，养蜂农户增收。"),
        ],
    ),
}


def _write_issues(folder):
    folder.mkdir()
    for name, (issue, date, items) in _ISSUES.items():
        body = "".join(f"{head}\n\n\u3000\u3000{text}\n\n" for head, text in items)
        (folder / name).write_text(
            f"青禾工作简报\n\n{issue}\n\n青禾县政务办公室编                              {date}\n\n{body}",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def collection(run_cli, tmp_path):
    folder = _write_issues(tmp_path / "in")
    code, out, err = run_cli(["report", folder, "-f", "json", "-q"])
    assert code == 0, err
    return folder, json.loads(out)


def test_collection_trends_and_distinctive_terms(collection):
    _, rep = collection
    docs = rep["documents"]
    assert [d["masthead"]["date"] for d in docs] == ["2025-03-10", "2025-04-12"]
    # trends: each theme's count per issue, recounted from the items' first themes
    for label, counts in rep["trends"].items():
        assert counts == [sum(1 for it in d["items"] if it["themes"] and it["themes"][0] == label) for d in docs]
    assert sum(map(sum, rep["trends"].values())) == 4 - sum(d["unthemed"] for d in docs)
    # distinctive terms: one entry per region with items, at most 5 terms, counted in that region's text
    dist = rep["distinctive"]
    assert list(dist) == ["松林镇", "石桥乡"]
    texts = {"松林镇": "", "石桥乡": ""}
    for _, _, items in _ISSUES.values():
        for head, text in items:
            texts[head[:3]] += head + text
    for region, terms in dist.items():
        assert 1 <= len(terms) <= 5
        other = next(r for r in texts if r != region)
        for t in terms:
            assert t["count"] == texts[region].count(t["term"]) >= 2
            assert t["rest"] == texts[other].count(t["term"])
            assert t["score"] > 0
        assert [t["score"] for t in terms] == sorted((t["score"] for t in terms), reverse=True)
    assert dist["松林镇"][0]["term"] == "茶园" and dist["石桥乡"][0]["term"] == "蜂蜜"


def test_collection_report_validates_against_schema(collection):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "src" / "bulletin_nlp" / "schemas" / "report.schema.json").read_text("utf-8"))
    jsonschema.validate(collection[1], schema)


def test_collection_html_chart_table_and_markdown(run_cli, collection, tmp_path):
    folder, rep = collection
    page = tmp_path / "r.html"
    md = tmp_path / "r.md"
    code, _, err = run_cli(["report", folder, "--html", page, "-o", md, "-q"])
    assert code == 0, err
    text = page.read_text("utf-8")
    assert "<svg" in text and "<script" not in text.lower() and "http" not in text
    assert text.count("<polyline") == len(rep["trends"])  # one line per theme in the trends chart
    assert "bnlp trends DIR --by-theme" in text and "bnlp compare DIR --by region" in text
    assert "各地区特色词" in text and html.escape("茶园") in text
    m = md.read_text("utf-8")
    assert "distinctive terms per region" in m and "`bnlp compare DIR --by region`" in m and "茶园 (" in m
    assert "bnlp trends DIR --by-theme" in m
    xlsx = tmp_path / "r.xlsx"
    code, _, err = run_cli(["report", folder, "-o", xlsx, "-q"])
    assert code == 0, err
    openpyxl = pytest.importorskip("openpyxl")
    ws = openpyxl.load_workbook(xlsx)["distinctive"]
    assert ws.max_row - 1 == sum(len(v) for v in rep["distinctive"].values())
    code, out, err = run_cli(["report", folder, "-f", "table", "-q"])
    assert code == 0, err
    assert "distinctive terms per region" in out and "bnlp compare DIR --by region" in out and "蜂蜜" in out


def test_single_bulletin_has_no_collection_views(run_cli, sample_json, tmp_path):
    assert "distinctive" not in sample_json
    page = tmp_path / "one.html"
    code, out, err = run_cli(["report", SAMPLE, "--html", page, "-f", "markdown", "-q"])
    assert code == 0, err
    text = page.read_text("utf-8")
    assert "<polyline" not in text and "各地区特色词" not in text and "bnlp compare" not in text
    assert "distinctive terms" not in out and "bnlp trends" not in out
