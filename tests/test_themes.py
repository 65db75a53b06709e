"""Themes: token-run taxonomy matching, a clean taxonomy, ties, abstentions, the default model,
--explain in every format, evaluation (top-1, own-training-rows warning, fold progress), and the
quality target on real items cut at their gold boundaries (issue 12)."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from bulletin_nlp.cli import main
from bulletin_nlp.models import Item, ThemeScore
from bulletin_nlp.themes import TermMatcher, Theme, ZeroShotClassifier, load_taxonomy, select, simplify
from bulletin_nlp.training import tune_thresholds
from conftest import ROOT, SHARED, needs_shared

SAMPLE = ROOT / "data" / "sample-bulletin.txt"
TRAIN = ROOT / "data" / "themes-train.csv"
LABELS = {
    "立法",
    "监督",
    "预算财经",
    "代表工作",
    "自身建设",
    "营商环境",
    "数字化改革",
    "民生社会",
    "生态环境",
    "重大活动",
}


# -- taxonomy and matching ------------------------------------------------------------------


def test_taxonomy_has_no_seed_headline_strings_and_no_shared_terms():
    themes = load_taxonomy()
    assert {t.label for t in themes} == LABELS
    terms = [x for t in themes for x in t.terms]
    for banned in ("理论成果", "实践案例", "入选", "表扬", "线上", "系统", "平台", "数据"):
        assert banned not in terms
    assert len(terms) == len(set(terms)), "a term listed under two themes decides nothing"


def test_terms_match_tokens_not_substrings():
    m = TermMatcher(
        [
            Theme("数字化改革", "", ("线上", "系统")),
            Theme("预算财经", "", ("预算审查监督",)),
            Theme("监督", "", ("监督",)),
        ]
    )
    assert m.find("坚守在宣传思想战线上的同志") == []  # 战线/上, not 线上
    assert m.find("代表通过线上平台提交建议") == ["线上"]
    # the longest run wins and counts once, for the theme that lists it
    assert m.find("加强预算审查监督的各项制度") == ["预算审查监督"]


def test_traditional_text_and_pinyin_glosses_are_simplified():
    assert simplify("市政協(xié)召開黨組會議") == "市政协召开党组会议"
    m = TermMatcher(load_taxonomy())
    assert "执法检查" in m.find("區人大常委會開展道路交通安全法執法檢查")


def test_tie_lists_both_themes_without_a_winner():
    res = select([ThemeScore("监督", 0.4), ThemeScore("立法", 0.4), ThemeScore("民生社会", 0.2)], 0.3)
    assert res.tie and {s.label for s in res[:2]} == {"立法", "监督"} and res.extra() == {"tie": True}
    assert not select([ThemeScore("监督", 0.6), ThemeScore("立法", 0.4)], 0.5).tie


def test_zero_shot_tie_and_abstention():
    # two invented place names: absent from the background IDF, so their TF-IDF weights are equal
    clf = ZeroShotClassifier([Theme("甲", "", ("青石镇",)), Theme("乙", "", ("白沙村",))])
    tie, none = clf.classify(
        [Item(1, None, "青石镇和白沙村举行联席会议。"), Item(2, None, "今天天气很好，大家去公园散步。")]
    )
    assert tie.tie and {s.label for s in tie} == {"甲", "乙"} and tie[0].score == tie[1].score
    assert list(none) == [] and none.abstain == {"reason": "no taxonomy term found"}


# -- thresholds --------------------------------------------------------------------------------


def test_tune_thresholds_abstains_only_where_answers_are_no_better_than_chance():
    labels = ["a", "b", "c"]
    rng = np.random.default_rng(0)
    # 40 confident right answers, 10 weak wrong ones (best score < 0.2)
    right = [[0.9, 0.05, 0.05]] * 40
    weak = [list(rng.uniform(0.1, 0.18, 3)) for _ in range(10)]
    proba = np.array(right + weak)
    gold = [["a"]] * 40 + [["c" if int(np.argmax(r)) != 2 else "b"] for r in weak]
    th = tune_thresholds(proba, gold, labels)
    assert 0.18 < th["abstain"] <= 0.5
    # the same weak items answered right: no abstention
    gold_ok = [["a"]] * 40 + [[labels[int(np.argmax(r))]] for r in weak]
    assert tune_thresholds(proba, gold_ok, labels)["abstain"] == 0.0


# -- the default model through the CLI ----------------------------------------------------------


def _classify_json(run_cli, *args):
    code, out, err = run_cli(["classify", *args, "-f", "json"])
    assert code == 0, err
    docs = json.loads(out)["documents"]
    assert len(docs) == 1
    return docs[0], err


def test_default_model_classifies_the_sample(run_cli):
    doc, _ = _classify_json(run_cli, SAMPLE)
    assert doc["meta"]["classifier"] == "default"
    firsts = [it["themes"][0]["label"] if it["themes"] else None for it in doc["items"]]
    assert firsts[0] == "立法" and firsts[3] == "代表工作" and firsts[6] == "重大活动"
    assert all(f is not None for f in firsts)
    th = doc["meta"]["thresholds"]
    assert 0.0 < th["multi"] < 1.0 and 0.0 <= th["abstain"] < 0.5


def test_explain_in_json_csv_and_markdown(run_cli):
    doc, _ = _classify_json(run_cli, SAMPLE, "--explain")
    t = doc["items"][0]["themes"][0]
    assert t["label"] == "立法" and "地方性法规" in t["terms"] and len(t["weights"]) == len(t["terms"])
    assert isinstance(t["model"], float) and t["model"] > 0
    code, out, _ = run_cli(["classify", SAMPLE, "--explain", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    assert code == 0 and "terms" in rows[0] and rows[0]["terms"].startswith("立法 [model +")
    code, out, _ = run_cli(["classify", SAMPLE, "--explain", "-f", "markdown"])
    assert code == 0 and "| terms |" in out.split("\n")[2] + out and "地方性法规 (+" in out


def test_abstention_and_no_usable_words(run_cli, tmp_path):
    f = tmp_path / "nums.txt"
    f.write_text("2024年3月\n\n12345 678 90%\n", encoding="utf-8")
    doc, err = _classify_json(run_cli, f)
    it = doc["items"][0]
    assert it["themes"] == [] and it["abstain"] == {"reason": "no usable words"}
    assert "no usable words" in err


def test_cache_key_follows_the_labelled_set(monkeypatch, tmp_path):
    from bulletin_nlp import default_model

    before = default_model.cache_key()
    copy = tmp_path / "themes-train.csv"
    copy.write_bytes(TRAIN.read_bytes() + "测试标题,一行新增的训练文本。,立法\r\n".encode())
    real = default_model._resource_path
    monkeypatch.setattr(default_model, "_resource_path", lambda n: str(copy) if n == "themes-train.csv" else real(n))
    assert default_model.cache_key() != before
    monkeypatch.undo()
    assert default_model.cache_key() == before


def test_default_model_file_is_loaded_through_the_safe_path():
    from bulletin_nlp import default_model
    from bulletin_nlp.training import load_model

    model, where = default_model.load_default()
    path = default_model.cache_file()
    if path is None:
        pytest.skip("no user cache folder")
    assert where == path and load_model(path).labels == model.labels


def test_default_model_stays_off_other_commands_start_up():
    code = (
        "import sys; from bulletin_nlp.cli import main; main(['segment', sys.argv[1], '-f', 'json', '-q', '-o', '/dev/null']);"
        "bad = [m for m in ('bulletin_nlp.default_model', 'sklearn', 'opencc') if m in sys.modules]; print(bad)"
    )
    r = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


# -- evaluation ----------------------------------------------------------------------------------


def test_evaluate_warns_on_own_training_rows_and_reports_top1(run_cli):
    from bulletin_nlp import default_model

    default_model.load_default()
    path = default_model.cache_file()
    if path is None:
        pytest.skip("no user cache folder")
    code, out, err = run_cli(["evaluate", TRAIN, "--model", path, "-f", "json"])
    assert code == 0, err
    rep = json.loads(out)
    assert "in the model's own training rows" in err and rep["warnings"]
    assert 0.9 <= rep["top1_accuracy"] <= 1.0 and rep["n"] >= 600


def test_cross_validation_shows_fold_progress_and_top1(run_cli):
    code, out, err = run_cli(["evaluate", TRAIN, "--cv", "3", "-f", "json"])
    assert code == 0, err
    assert re.findall(r"fold (\d) of 3", err) == ["1", "2", "3"]
    rep = json.loads(out)
    assert set(rep["per_theme"]) == LABELS
    assert rep["top1_accuracy"] >= 0.8 and rep["macro"]["f1"] >= 0.7


# -- the target of issue 12 ------------------------------------------------------------------------


@needs_shared
def test_top1_on_real_items_cut_at_gold_boundaries(tmp_path):
    out = tmp_path / "gi"
    subprocess.run(
        [sys.executable, str(SHARED / "eval" / "gold_items.py"), "cut", str(SHARED / "corpus" / "real-dev"), str(out)],
        check=True,
        capture_output=True,
    )
    pred = out / "pred.json"
    assert main(["classify", str(out / "files"), "-f", "json", "-o", str(pred), "-q"]) == 0
    r = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "gold_items.py"), "score", "classify", str(out), str(pred)],
        check=True,
        capture_output=True,
        text=True,
    )
    m = re.search(r"top-1 accuracy ([\d.]+) over (\d+) items, no theme (\d+)", r.stdout)
    assert m, r.stdout
    acc, n, none = float(m.group(1)), int(m.group(2)), int(m.group(3))
    assert n >= 40
    assert acc >= 0.80, r.stdout
    assert none <= 0.05 * n, r.stdout


@needs_shared
def test_top1_on_the_seed_bulletin(tmp_path):
    pred = tmp_path / "seed.json"
    seed = SHARED / "corpus" / "hz-bulletin-2023-03"
    assert main(["classify", str(seed) + ".txt", "-f", "json", "-o", str(pred), "-q"]) == 0
    r = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), "classify", str(seed) + ".gold.json", str(pred), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    res = json.loads(r.stdout)
    acc = float(re.search(r"top-1 accuracy ([\d.]+)", res["headline"]).group(1))
    assert acc >= 0.80, res["headline"]
    (doc,) = json.loads(pred.read_text(encoding="utf-8"))["documents"]
    items = doc["items"]
    assert sum(1 for it in items if not it["themes"]) <= 0.05 * len(items)


def test_abstain_and_tie_reach_every_format(tmp_path):
    """Zero-shot over an invented taxonomy: a tie and an abstention in JSON, JSONL records, CSV and Markdown."""
    import bulletin_nlp as bn
    from bulletin_nlp.render.themes import classify_markdown

    tax = tmp_path / "tax.toml"
    tax.write_text(
        'version = 1\n\n[[theme]]\nlabel = "甲"\ndescription = "青石镇"\nterms = ["青石镇"]\n\n'
        '[[theme]]\nlabel = "乙"\ndescription = "白沙村"\nterms = ["白沙村"]\n',
        encoding="utf-8",
    )
    res = bn.classify(text=["青石镇和白沙村举行联席会议。", "今天天气很好，大家去公园散步。"], themes=tax, explain=True)
    items = [it for d in res.to_dict()["documents"] for it in d["items"]]
    tied = [it for it in items if it.get("tie")]
    none = [it for it in items if "abstain" in it]
    assert len(tied) == 1 and {t["label"] for t in tied[0]["themes"]} == {"甲", "乙"}
    assert len(none) == 1 and none[0]["themes"] == [] and none[0]["abstain"] == {"reason": "no taxonomy term found"}
    assert [r.get("tie", False) for r in res.records()] == [bool(it.get("tie")) for it in items]
    header, rows = res.table()
    assert header[-1] == "terms" and any("甲: 青石镇 (+0.50)" in r[-1] for r in rows)
    md = classify_markdown(res)
    assert "（tie）" in md and "（no taxonomy term found）" in md and "| terms |" in md


def test_labelled_set_has_at_least_100_items_per_theme():
    """The shipped labelled set (two batches written by the team) gives every theme ≥ 100 items as
    the primary (first) label, and the package resource is the same file as data/themes-train.csv."""
    from collections import Counter

    from bulletin_nlp import default_model
    from bulletin_nlp.training import read_labeled

    examples = read_labeled(str(TRAIN))
    primary = Counter(e.labels[0] for e in examples)
    assert set(primary) == LABELS
    assert min(primary.values()) >= 100, primary
    assert len({e.text for e in examples}) == len(examples)  # no duplicate items
    with open(default_model._resource_path(default_model.CSV_RESOURCE), "rb") as f:
        assert f.read() == TRAIN.read_bytes()
