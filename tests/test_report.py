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
