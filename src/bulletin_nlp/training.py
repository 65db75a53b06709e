"""Trained theme classifiers: labelled data, training, evaluation, safe model files.

Model
    A scikit-learn ``Pipeline``: ``TfidfVectorizer(analyzer=bulletin_nlp.tokenizer.analyze,
    sublinear_tf=True)`` then ``OneVsRestClassifier(LogisticRegression(class_weight="balanced"))``
    over a ``MultiLabelBinarizer`` (scikit-learn user guide, "Multiclass and multioutput
    algorithms"). The analyzer is bnlp's importable function, so the model can be cloned,
    cross-validated, used in other processes and saved.

Model files
    Saved with skops (``skops.io.dump``), never pickle. Loading first lists the file's types
    (``skops.io.get_untrusted_types``) and refuses the file unless every type is scikit-learn's,
    NumPy's, SciPy's, a builtin or bnlp's analyzer: loading a file never runs code from it.

Labelled data
    CSV (header with ``text``, or ``title`` and ``body``, and ``themes``/``labels``/``label``;
    several labels separated by ``;``), JSONL (the same keys; labels a list or a string), or TSV
    ``label<TAB>text`` without header. The CSV written by ``bnlp classify --format csv`` is
    read back as it is.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import __version__
from .errors import BnlpError
from .models import ThemeScore
from .themes import select

ANALYZER = "bulletin_nlp.tokenizer.analyze"
_TEXT_KEYS = ("text", "content", "正文")
_LABEL_KEYS = ("themes", "labels", "label", "theme", "主题")
_SAFE_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


class TrainingError(BnlpError, ValueError):
    """Unusable labelled data or model file; the message names the file and the fix."""


@dataclass
class Example:
    """One labelled example: text and labels (primary first)."""

    text: str
    labels: list[str]


def _split_labels(value) -> list[str]:
    if isinstance(value, list):
        parts = [str(v) for v in value]
    else:
        parts = str(value or "").replace("；", ";").replace("|", ";").replace("，", ";").replace(",", ";").split(";")
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def _example(row: dict, where: str) -> Example | None:
    keys = {k.strip().lower().lstrip("\ufeff"): v for k, v in row.items() if k}
    text = next((keys[k] for k in _TEXT_KEYS if keys.get(k)), None)
    if text is None:
        text = "\n".join(str(keys[k]) for k in ("title", "body") if keys.get(k))
    label_key = next((k for k in _LABEL_KEYS if k in keys), None)
    if label_key is None:
        raise TrainingError(f"{where}: no label column (expected one of {', '.join(_LABEL_KEYS)})")
    labels = _split_labels(keys[label_key])
    if not str(text).strip() or not labels:
        return None
    return Example(str(text), labels)


def read_labeled(path: str) -> list[Example]:
    """Read labelled examples from CSV, JSONL or header-less TSV (see the module docstring).

    Raises:
        TrainingError: unreadable file, no text or label column, no examples.
    """
    from .reading import InputError, read_document

    try:
        text = read_document(path).text
    except InputError as e:
        raise TrainingError(str(e)) from None
    examples: list[Example] = []
    if path.lower().endswith((".jsonl", ".ndjson", ".json")):
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise TrainingError(f"{path}: line {n}: not JSON ({e.msg})") from None
            ex = _example(row, f"{path}: line {n}")
            if ex:
                examples.append(ex)
    else:
        first = text.split("\n", 1)[0]
        delim = "\t" if "\t" in first else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delim))
        header = [h.strip().lower() for h in rows[0]] if rows else []
        if any(h in _LABEL_KEYS for h in header):
            for n, r in enumerate(rows[1:], 2):
                ex = _example(dict(zip(rows[0], r, strict=False)), f"{path}: line {n}")
                if ex:
                    examples.append(ex)
        else:  # label<TAB>text without header (or label,text)
            for r in rows:
                if len(r) >= 2 and r[0].strip() and r[1].strip():
                    examples.append(Example(delim.join(r[1:]).strip(), _split_labels(r[0])))
    if not examples:
        raise TrainingError(f"{path}: no labelled examples found")
    return examples


def check_counts(examples: Sequence[Example], minimum: int, path: str = "") -> None:
    """Raise when a theme has fewer than ``minimum`` examples, naming each such theme.

    Raises:
        TrainingError: with the themes that need more examples and how many they have.
    """
    counts = Counter(lab for ex in examples for lab in ex.labels)
    few = sorted((c, lab) for lab, c in counts.items() if c < minimum)
    if few:
        names = ", ".join(f"{lab} ({c})" for c, lab in few)
        raise TrainingError(
            f"{path + ': ' if path else ''}each theme needs at least {minimum} examples; add more for: {names}"
        )
    if len(counts) < 2:
        raise TrainingError(f"{path + ': ' if path else ''}at least two themes are needed to train a classifier")


def make_pipeline():
    """A fresh, unfitted Pipeline (TF-IDF over bnlp's analyzer, one-vs-rest logistic regression)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import Pipeline

    from .tokenizer import analyze

    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=1)),
            ("clf", OneVsRestClassifier(LogisticRegression(max_iter=2000, class_weight="balanced", C=10.0))),
        ]
    )


def _usable(texts: Sequence[str]) -> list[bool]:
    from .tokenizer import analyze

    return [bool(analyze(t)) for t in texts]


@dataclass
class Model:
    """A fitted pipeline with its label names and provenance (versions, taxonomy)."""

    pipeline: Any
    labels: list[str]
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def predict(self, texts: Sequence[str], threshold: float = 0.5) -> list[list[ThemeScore]]:
        """Ranked themes per text; an empty list for a text with no usable words."""
        ok = _usable(texts)
        out: list[list[ThemeScore]] = [[] for _ in texts]
        idx = [i for i, u in enumerate(ok) if u]
        if not idx:
            return out
        proba = self.pipeline.predict_proba([texts[i] for i in idx])
        for row, i in zip(proba, idx, strict=False):
            ranked = sorted(
                (ThemeScore(lab, float(p)) for lab, p in zip(self.labels, row, strict=False)),
                key=lambda s: (-round(s.score, 8), s.label),
            )
            out[i] = select(ranked, threshold)
        return out


def train(examples: Sequence[Example], taxonomy: list | None = None) -> Model:
    """Fit a :class:`Model` on labelled examples.

    Raises:
        TrainingError: a theme with fewer than 2 examples, or fewer than two themes, or no usable words.
    """
    from sklearn.preprocessing import MultiLabelBinarizer

    check_counts(examples, 2)
    texts = [e.text for e in examples]
    keep = [i for i, ok in enumerate(_usable(texts)) if ok]
    if len(keep) < 2:
        raise TrainingError("the examples have no usable words (only numbers, punctuation or stopwords)")
    mlb = MultiLabelBinarizer()
    y = mlb.fit_transform([examples[i].labels for i in keep])
    pipe = make_pipeline()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe.fit([texts[i] for i in keep], y)
    return Model(pipe, [str(c) for c in mlb.classes_], _provenance(taxonomy))


def _provenance(taxonomy) -> dict:
    import sklearn

    from .tokenizer import jieba_version

    return {
        "bnlp": __version__,
        "sklearn": sklearn.__version__,
        "jieba": jieba_version(),
        "taxonomy": [t.label for t in taxonomy] if taxonomy else None,
    }


def save_model(model: Model, path: str) -> None:
    """Write ``model`` to ``path`` with skops, through bnlp's one atomic writer.

    Raises:
        OutputError: ``path`` cannot be written.
    """
    import skops.io as sio

    from .atomic import write_bytes

    write_bytes(path, sio.dumps({"pipeline": model.pipeline, "labels": model.labels, "meta": model.meta}))


def load_model(path: str) -> Model:
    """Load a model saved by :func:`save_model`, refusing any type outside the trusted set.

    Raises:
        TrainingError: missing or damaged file, or a file holding other types (named in the message).
    """
    import os

    import skops.io as sio

    if not os.path.isfile(path):
        raise TrainingError(f"{path}: no such model file")
    try:
        untrusted = sio.get_untrusted_types(file=path)
    except Exception as e:  # noqa: BLE001 - skops raises zip, JSON and type errors on a damaged file
        raise TrainingError(f"{path}: not a bnlp model file ({type(e).__name__})") from None
    from .model_safety import check_model_file  # exact-type allowlist, checked before anything is built

    try:
        untrusted = check_model_file(path, untrusted)
    except ValueError as e:
        raise TrainingError(str(e)) from None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            obj = sio.load(path, trusted=untrusted)
        except Exception as e:  # noqa: BLE001 - whatever a damaged file raises becomes one line
            raise TrainingError(f"{path}: cannot load model ({type(e).__name__}: {e})") from None
    if not isinstance(obj, dict) or "pipeline" not in obj or "labels" not in obj:
        raise TrainingError(f"{path}: not a bnlp model file")
    model = Model(obj["pipeline"], list(obj["labels"]), dict(obj.get("meta") or {}))
    now = _provenance(None)
    diffs = [
        f"{k} {model.meta.get(k)} (now {now[k]})"
        for k in ("bnlp", "sklearn", "jieba")
        if model.meta.get(k) and model.meta.get(k) != now[k]
    ]
    if diffs or caught:
        model.notes.append(
            f"{path}: trained with "
            + (", ".join(diffs) if diffs else "other library versions")
            + "; results may differ slightly. Retrain with `bnlp train` to silence this."
        )
    return model


@dataclass
class Evaluation:
    """Per-theme precision/recall/F1 and support, micro and macro averages, and a confusion
    table of primary (first) labels: ``confusion[gold][predicted]`` counts."""

    labels: list[str]
    per_theme: dict
    micro: dict
    macro: dict
    confusion: dict
    n: int
    method: str

    def to_dict(self) -> dict:
        r = lambda d: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in d.items()}  # noqa: E731
        return {
            "method": self.method,
            "n": self.n,
            "per_theme": {k: r(v) for k, v in self.per_theme.items()},
            "micro": r(self.micro),
            "macro": r(self.macro),
            "confusion": self.confusion,
        }


def _evaluate(gold: list[list[str]], pred: list[list[str]], labels: list[str], method: str) -> Evaluation:
    from sklearn.metrics import precision_recall_fscore_support
    from sklearn.preprocessing import MultiLabelBinarizer

    mlb = MultiLabelBinarizer(classes=labels)
    yg, yp = mlb.fit_transform(gold), mlb.transform(pred)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        p, r, f, s = precision_recall_fscore_support(yg, yp, average=None, zero_division=0)
        avg = {a: precision_recall_fscore_support(yg, yp, average=a, zero_division=0)[:3] for a in ("micro", "macro")}
    per = {
        lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i, lab in enumerate(labels)
    }
    conf = {g: {q: 0 for q in labels + ["(none)"]} for g in labels}
    for g, q in zip(gold, pred, strict=False):
        conf[g[0]][q[0] if q else "(none)"] += 1
    mk = lambda t: {"precision": float(t[0]), "recall": float(t[1]), "f1": float(t[2])}  # noqa: E731
    return Evaluation(labels, per, mk(avg["micro"]), mk(avg["macro"]), conf, len(gold), method)


def evaluate_model(model: Model, examples: Sequence[Example], threshold: float = 0.5) -> Evaluation:
    """Score a trained model on labelled examples."""
    preds = model.predict([e.text for e in examples], threshold)
    labels = sorted(set(model.labels) | {lab for e in examples for lab in e.labels})
    return _evaluate([e.labels for e in examples], [[s.label for s in p] for p in preds], labels, "model")


def cross_validate(
    examples: Sequence[Example], folds: int = 5, threshold: float = 0.5, seed: int = 0, on_fold: Any = None
) -> Evaluation:
    """K-fold cross-validation (shuffled, fixed seed) of :func:`train` on ``examples``.

    Raises:
        TrainingError: a theme with fewer examples than folds.
    """
    from sklearn.model_selection import KFold

    if folds < 2:
        raise TrainingError("--cv needs at least 2 folds")
    check_counts(examples, folds)
    examples = list(examples)
    preds: list[list[str]] = [[] for _ in examples]
    for k, (tr, te) in enumerate(KFold(n_splits=folds, shuffle=True, random_state=seed).split(examples), 1):
        if on_fold is not None:  # progress: on_fold(k, folds) before fold k is trained
            on_fold(k, folds)
        model = train([examples[i] for i in tr])
        for i, p in zip(te, model.predict([examples[i].text for i in te], threshold), strict=False):
            preds[i] = [s.label for s in p]
    labels = sorted({lab for e in examples for lab in e.labels})
    return _evaluate([e.labels for e in examples], preds, labels, f"{folds}-fold cross-validation")
