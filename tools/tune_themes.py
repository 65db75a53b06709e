#!/usr/bin/env python3
"""Choose the default theme model's features and regularisation by cross-validation.

Usage (from the repository root, with bnlp installed):

    python tools/tune_themes.py            # print the cross-validated scores of every configuration
    python tools/tune_themes.py --write    # ... and write the best one to src/bulletin_nlp/resources/theme-model.toml

Method: for each configuration (feature families: word TF-IDF from the shared tokenizer, character
n-grams, taxonomy term hits; OpenCC simplification on/off; inverse regularisation C) the labelled
set ``data/themes-train.csv`` is split into 5 shuffled folds (fixed seed); out-of-fold
probabilities give top-1 accuracy (first theme among the gold themes) and macro-F1 (best theme
plus those above the tuned further-theme threshold). The configuration with the best top-1
accuracy wins, ties broken by macro-F1, then by fewer feature families. The thresholds
themselves are not written here: every build of the default model tunes them again on its
labelled set (``bulletin_nlp.training.tune_thresholds``). Run this again after the labelled set
grows; the default model rebuilds itself whenever the CSV or this file changes (cache key).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CONFIG_PATH = os.path.join(ROOT, "src", "bulletin_nlp", "resources", "theme-model.toml")
HEADER = """# Features and regularisation of bnlp's default theme model.
# Source: chosen by 5-fold cross-validation on data/themes-train.csv with tools/tune_themes.py
# (run `python tools/tune_themes.py --write` after the labelled set changes; it rewrites this file).
# Keys: word (word TF-IDF, shared tokenizer), char ([lo, hi] character n-grams or false),
# taxonomy (taxonomy term hits), simplify (OpenCC t2s first), C (inverse regularisation).
"""

CONFIGS = [
    {"word": True, "char": False, "taxonomy": False, "simplify": True, "C": 10.0},
    {"word": False, "char": [1, 3], "taxonomy": False, "simplify": True, "C": 10.0},
    {"word": True, "char": False, "taxonomy": True, "simplify": True, "C": 10.0},
    {"word": True, "char": [1, 3], "taxonomy": False, "simplify": True, "C": 10.0},
    {"word": True, "char": [2, 3], "taxonomy": True, "simplify": True, "C": 10.0},
    {"word": True, "char": [1, 3], "taxonomy": True, "simplify": False, "C": 10.0},
    {"word": True, "char": [1, 3], "taxonomy": True, "simplify": True, "C": 3.0},
    {"word": True, "char": [1, 3], "taxonomy": True, "simplify": True, "C": 10.0},
    {"word": True, "char": [1, 3], "taxonomy": True, "simplify": True, "C": 30.0},
    {"word": True, "char": [1, 4], "taxonomy": True, "simplify": True, "C": 10.0},
]


def score(examples, config) -> tuple[float, float]:
    """(top-1 accuracy, macro-F1) of ``config`` by 5-fold out-of-fold probabilities."""
    from sklearn.metrics import f1_score
    from sklearn.preprocessing import MultiLabelBinarizer

    from bulletin_nlp.training import out_of_fold, tune_thresholds

    proba, labels = out_of_fold(examples, config, 5)
    gold = [e.labels for e in examples]
    top = [labels[int(r.argmax())] for r in proba]
    top1 = sum(t in g for t, g in zip(top, gold, strict=True)) / len(gold)
    th = tune_thresholds(proba, gold, labels)["multi"]
    pred = [{labels[int(r.argmax())]} | {labels[c] for c in range(len(labels)) if r[c] >= th} for r in proba]
    mlb = MultiLabelBinarizer(classes=labels)
    macro = f1_score(mlb.fit_transform(gold), mlb.transform(pred), average="macro", zero_division=0)
    return top1, float(macro)


def to_toml(cfg: dict, note: str) -> str:
    char = f"[{cfg['char'][0]}, {cfg['char'][1]}]" if cfg["char"] else "false"
    return (
        HEADER
        + f"# Last run: {note}\n"
        + f"word = {str(cfg['word']).lower()}\nchar = {char}\ntaxonomy = {str(cfg['taxonomy']).lower()}\n"
        + f"simplify = {str(cfg['simplify']).lower()}\nC = {float(cfg['C'])}\n"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write the best configuration to theme-model.toml")
    ap.add_argument("--data", default=os.path.join(ROOT, "data", "themes-train.csv"))
    args = ap.parse_args()
    from bulletin_nlp.training import read_labeled

    examples = read_labeled(args.data)
    results = []
    for cfg in CONFIGS:
        t = time.time()
        top1, macro = score(examples, cfg)
        fams = sum(bool(cfg[k]) for k in ("word", "char", "taxonomy"))
        results.append((top1, macro, -fams, cfg))
        print(f"top-1 {top1:.3f}  macro-F1 {macro:.3f}  {cfg}  ({time.time() - t:.0f} s)", flush=True)
    best = max(results, key=lambda r: (round(r[0], 4), round(r[1], 4), r[2]))
    print(f"best: {best[3]} (top-1 {best[0]:.3f}, macro-F1 {best[1]:.3f})")
    if args.write:
        note = f"{len(examples)} examples, top-1 {best[0]:.3f}, macro-F1 {best[1]:.3f}"
        with open(CONFIG_PATH, "w", encoding="utf-8") as f:
            f.write(to_toml(best[3], note))
        print(f"wrote {CONFIG_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
