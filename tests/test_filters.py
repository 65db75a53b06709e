"""Filters and sorting on segment, classify and report (issue 17); dates from the masthead or
the file name, undated bulletins apart (issue 15)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bulletin_nlp.filters import ItemFilter, date_from_name, parse_user_date
from conftest import ROOT, one_document

SAMPLE = ROOT / "data" / "sample-bulletin.txt"  # masthead dated 2024-09-12


@pytest.mark.parametrize(
    "name, date",
    [
        ("2023-03.txt", "2023-03"),
        ("简报20230331.txt", "2023-03-31"),
        ("2023年第3期.txt", "2023"),
        ("2023年3月工作简报.docx", "2023-03"),
        ("1954.txt", "1954"),
        ("issue_2021_11_05.md", "2021-11-05"),
        ("第12期.txt", None),
        ("notes.txt", None),
    ],
)
def test_date_from_file_name(name, date):
    assert date_from_name(f"/some/folder/{name}") == date


def test_since_until_compare_date_ranges():
    f = ItemFilter(since=parse_user_date("2023-03-15"))
    assert f.keep_date("2023-03") and not f.keep_date("2023-02") and not f.keep_date(None)
    f = ItemFilter(until=parse_user_date("2023年3月"))
    assert f.keep_date("2023-03-31") and f.keep_date("2022") and not f.keep_date("2023-04-01")
    with pytest.raises(ValueError, match="not a date"):
        parse_user_date("March")


def test_kind_region_theme_filters_agree_in_every_format(run_cli):
    code, out, err = run_cli(["segment", SAMPLE, "--kind", "brief", "-f", "json"])
    assert code == 0, err
    items = one_document(out)["items"]
    assert [it["index"] for it in items] == [8, 9, 10] and {it["kind"] for it in items} == {"brief"}
    rows = list(
        csv.reader(io.StringIO(run_cli(["segment", SAMPLE, "--kind", "brief", "-f", "csv"])[1].lstrip("\ufeff")))
    )
    assert [r[1] for r in rows[1:]] == ["8", "9", "10"]
    code, out, _ = run_cli(["classify", SAMPLE, "--theme", "监督", "-f", "jsonl"])
    lines = [json.loads(x) for x in out.splitlines()]
    assert lines and all("监督" in [t["label"] for t in x["themes"]] for x in lines)
    full = [json.loads(x) for x in run_cli(["classify", SAMPLE, "-f", "jsonl"])[1].splitlines()]
    assert len(lines) == sum("监督" in [t["label"] for t in x["themes"]] for x in full) < len(full)
    seg = one_document(run_cli(["segment", SAMPLE, "--theme", "监督", "-f", "json"])[1])["items"]
    assert [it["index"] for it in seg] == [x["index"] for x in lines]
    code, out, _ = run_cli(["report", SAMPLE, "--region", "江北区", "-f", "json"])
    rep = json.loads(out)
    assert rep["item_count"] == 1 and rep["documents"][0]["items"][0]["region"] == "江北区"
    assert sum(rep["theme_counts"].values()) == 1  # counts follow the filter


def test_sort_by_region_and_dates_filter_documents(run_cli, tmp_path):
    code, out, _ = run_cli(["segment", SAMPLE, "--sort", "region", "-f", "json"])
    regions = [it["region"] for it in one_document(out)["items"]]
    named = [r for r in regions if r]
    assert named == sorted(named) and regions[-len(regions) + len(named) :] == [None] * (len(regions) - len(named))
    undated = tmp_path / "notes.txt"
    undated.write_text(SAMPLE.read_text(encoding="utf-8").split("\n", 3)[-1], encoding="utf-8")
    dated = tmp_path / "2021-05.txt"
    dated.write_bytes(undated.read_bytes())
    code, out, err = run_cli(["segment", SAMPLE, dated, undated, "--since", "2022", "-f", "json"])
    assert code == 0, err
    assert [d["source"] for d in json.loads(out)["documents"]] == [str(SAMPLE)]
    assert f"left out by --since/--until: {undated}" in err
    code, out, err = run_cli(["segment", undated, dated, "--sort", "date", "-f", "json"])
    assert [d["source"] for d in json.loads(out)["documents"]] == [str(dated), str(undated)]
    code, out, err = run_cli(["segment", SAMPLE, "--until", "2020", "-f", "json"])
    assert code == 0 and out == "" and "no bulletin is dated within --since/--until" in err


def test_report_lists_undated_bulletins_apart_from_the_trends(run_cli, tmp_path):
    body = SAMPLE.read_text(encoding="utf-8").split("\n", 3)[-1]  # no masthead
    (tmp_path / "2021-05.txt").write_text(body, encoding="utf-8")
    (tmp_path / "简报1954.txt").write_text(body, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(body, encoding="utf-8")
    code, out, err = run_cli(["report", SAMPLE, tmp_path, "-f", "json"])
    assert code == 0, err
    rep = json.loads(out)
    assert [i["date"] for i in rep["issues"]] == ["1954", "2021-05", "2024-09-12"]  # oldest → newest
    assert rep["undated"] == [str(tmp_path / "notes.txt")]
    assert all(len(v) == 3 for v in rep["trends"].values())
    md = run_cli(["report", SAMPLE, tmp_path, "-f", "markdown", "--summary"])[1]
    assert f"未注明日期 / undated (not in the trends): {tmp_path / 'notes.txt'}" in md
