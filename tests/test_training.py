"""Trained classifiers: train -> classify -> evaluate round trip, multi-label, unsafe model files."""

import csv
import json
from pathlib import Path

import pytest

from bulletin_nlp.cli import main
from bulletin_nlp.training import TrainingError, load_model, read_labeled

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "data" / "themes-train.csv"
SAMPLE = ROOT / "data" / "sample-bulletin.txt"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "themes.skops"
    assert main(["train", str(TRAIN), "-o", str(path), "-q"]) == 0
    return path


def test_round_trip_train_classify_evaluate(model_path, tmp_path, capsys):
    out = tmp_path / "themes.csv"
    assert main(["classify", str(SAMPLE), "--model", str(model_path), "-f", "csv", "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 10
    first = {int(r["index"]): r["themes"].split(";")[0] for r in rows}
    assert first[1] == "立法"  # 条例 passed by the standing committee
    assert first[4] == "代表工作"  # deputies' 家站点
    assert first[7] == "重大活动"  # provincial games
    # The classify CSV goes straight back into train and evaluate.
    examples = read_labeled(str(out))
    assert len(examples) == 10 and examples[0].labels[0] == "立法"
    capsys.readouterr()
    assert main(["evaluate", str(out), "--model", str(model_path), "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 10
    assert report["micro"]["f1"] == 1.0  # the model agrees with its own predictions


def test_multi_label_scores(model_path):
    model = load_model(str(model_path))
    text = "县人大常委会组织代表对城区生活垃圾分类和污水处理设施运行情况开展执法检查，听取县政府专项工作报告并提出审议意见。"
    themes = model.predict([text], threshold=0.3)[0]
    labels = [t.label for t in themes]
    assert labels[0] in {"生态环境", "监督"} and {"生态环境", "监督"} <= set(labels)
    assert all(0.0 <= t.score <= 1.0 for t in themes)


def test_cross_validation_reports_every_theme(capsys):
    assert main(["evaluate", str(TRAIN), "--cv", "3", "-f", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report["per_theme"]) == {
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
    assert report["macro"]["f1"] > 0.5


def test_model_loads_in_another_process_from_another_folder(model_path, tmp_path):
    import subprocess
    import sys

    code = (
        "import sys; from bulletin_nlp.training import load_model;"
        "m = load_model(sys.argv[1]); print(m.predict(['市人大常委会召开立法座谈会，征求对条例草案的意见。'])[0][0].label)"
    )
    r = subprocess.run([sys.executable, "-c", code, str(model_path)], capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "立法"


def test_unsafe_model_file_is_refused_without_running_code(tmp_path, capsys):
    import skops.io as sio

    marker = tmp_path / "ran.txt"
    evil = tmp_path / "evil.skops"
    # A file holding a type outside scikit-learn/NumPy/SciPy/bnlp: a pathlib object standing in
    # for anything a crafted file could name.
    sio.dump({"pipeline": Path(str(marker)), "labels": ["x"], "meta": {}}, str(evil))
    with pytest.raises(TrainingError, match="refused"):
        load_model(str(evil))
    assert main(["classify", str(SAMPLE), "--model", str(evil), "-f", "json"]) == 1
    err = capsys.readouterr().err
    assert "refused" in err and "Traceback" not in err
    assert not marker.exists()


def test_too_few_examples_names_the_theme(tmp_path, capsys):
    data = tmp_path / "few.tsv"
    data.write_text(
        "住房\t推进老旧小区改造\n住房\t加快保障性住房建设\n三农\t全面推进乡村振兴\n三农\t发展设施农业\n"
        "安全\t开展安全生产大检查\n",
        encoding="utf-8",
    )
    assert main(["train", str(data), "-o", str(tmp_path / "m.skops")]) == 1
    assert "安全 (1)" in capsys.readouterr().err
