"""Trained theme classifiers: labelled data, training, evaluation, safe model files.

Model
    A scikit-learn ``Pipeline``: a ``FeatureUnion`` of TF-IDF over the shared tokenizer's words,
    over character n-grams and over taxonomy term hits (each family switched by the configuration,
    text simplified with OpenCC first; see :func:`make_pipeline`), then
    ``OneVsRestClassifier(LogisticRegression(solver="liblinear", class_weight="balanced"))`` over
    a ``MultiLabelBinarizer`` (scikit-learn user guide, "Multiclass and multioutput algorithms").
    The analyzers are bnlp's importable functions, so the model can be cloned, cross-validated,
    used in other processes and saved. Thresholds for further themes and for abstaining are
    tuned by cross-validation at training time (:func:`tune_thresholds`) and stored with the model.

Model files
    Saved with skops (``skops.io.dump``), never pickle. Loading first lists the file's types
    (``skops.io.get_untrusted_types`` and the file's schema) and refuses the file unless every type
    is on the exact list :data:`bulletin_nlp.model_safety.TRUSTED_TYPES` (the types bnlp's own
    pipelines use, bnlp's analyzers :data:`TRUSTED_FUNCTIONS` among them): loading a file never
    runs code from it.

Labelled data
    CSV (header with ``text``, or ``title`` and ``body``, and ``themes``/``labels``/``label``;
    several labels separated by ``;``), JSONL (the same keys; labels a list or a string), or TSV
    ``label<TAB>text`` without header; lines starting with ``#`` before the header are comments. The CSV written by ``bnlp classify --format csv`` is
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
from functools import lru_cache
from typing import Any

from . import __version__
from .errors import BnlpError
from .models import ItemThemes, ThemeScore
from .themes import select

ANALYZER = "bulletin_nlp.tokenizer.analyze"
#: Functions a model file may name: bnlp's analyzers and preprocessor (nothing else is loaded).
TRUSTED_FUNCTIONS = (
    ANALYZER,
    "bulletin_nlp.training.word_analyze",
    "bulletin_nlp.themes.taxonomy_analyze",
    "bulletin_nlp.themes.simplify",
)
_TEXT_KEYS = ("text", "content", "正文")
_LABEL_KEYS = ("themes", "labels", "label", "theme", "主题")


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
        while text.startswith("#"):  # leading comment lines (the shipped set's header)
            text = text.split("\n", 1)[1] if "\n" in text else ""
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


#: Keys of a model configuration and their values when a key is missing. The configuration in
#: use when none is given (``bnlp train``, ``bnlp evaluate --cv``, the default model) is
#: ``resources/theme-model.toml`` (chosen by cross-validation with ``tools/tune_themes.py``).
DEFAULT_CONFIG = {"word": True, "char": [1, 3], "taxonomy": True, "simplify": True, "C": 10.0}


def shipped_config() -> dict:
    """The configuration in ``resources/theme-model.toml``."""
    from .wordlists import resource_text

    return load_config(resource_text("theme-model.toml"), "theme-model.toml (shipped)")


def word_analyze(text: str) -> list[str]:
    """Analyzer for scikit-learn: content words (shared tokenizer) of the simplified text
    (memoised per text: cross-validation tokenises each text once)."""
    return list(_word_tokens(text))


@lru_cache(maxsize=16384)
def _word_tokens(text: str) -> tuple[str, ...]:
    from .themes import simplify
    from .tokenizer import analyze

    return tuple(analyze(simplify(text)))


def load_config(text: str, where: str = "theme-model.toml") -> dict:
    """Parse a model configuration (TOML keys of :data:`DEFAULT_CONFIG`).

    Raises:
        TrainingError: not TOML, an unknown key, or no feature family switched on.
    """
    from .themes import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TrainingError(f"{where}: not valid TOML ({e})") from None
    cfg = dict(DEFAULT_CONFIG)
    for k, v in data.items():
        if k not in DEFAULT_CONFIG:
            if k == "tuning":
                continue
            raise TrainingError(f"{where}: unknown key {k!r} (known: {', '.join(DEFAULT_CONFIG)})")
        cfg[k] = v
    if not (cfg["word"] or cfg["char"] or cfg["taxonomy"]):
        raise TrainingError(f"{where}: switch on at least one of word, char, taxonomy")
    return cfg


def make_pipeline(config: dict | None = None):
    """A fresh, unfitted Pipeline for ``config`` (see :data:`DEFAULT_CONFIG`).

    Features (a ``FeatureUnion``): ``word``, TF-IDF over the shared tokenizer's content words;
    ``char``, TF-IDF over character n-grams (``[lo, hi]``, ``char_wb``); ``taxonomy``, TF-IDF over
    one ``@label`` per shipped-taxonomy term found (token-run matching). With ``simplify`` the
    text is converted to simplified characters first (OpenCC ``t2s``). Classifier: one-vs-rest
    logistic regression, balanced class weights, inverse regularisation ``C`` (scikit-learn user
    guide, "Multiclass and multioutput algorithms").
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, Pipeline

    from .themes import simplify, taxonomy_analyze
    from .tokenizer import analyze

    cfg = dict(DEFAULT_CONFIG, **(config or shipped_config()))
    parts = []
    if cfg["word"]:
        parts.append(
            ("word", TfidfVectorizer(analyzer=word_analyze if cfg["simplify"] else analyze, sublinear_tf=True))
        )
    if cfg["char"]:
        lo, hi = cfg["char"]
        parts.append(
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(int(lo), int(hi)),
                    sublinear_tf=True,
                    min_df=2,
                    preprocessor=simplify if cfg["simplify"] else None,
                ),
            )
        )
    if cfg["taxonomy"]:
        parts.append(("taxonomy", TfidfVectorizer(analyzer=taxonomy_analyze, sublinear_tf=True)))
    return Pipeline(
        [
            ("features", FeatureUnion(parts)),
            (
                "clf",
                OneVsRestClassifier(
                    LogisticRegression(solver="liblinear", class_weight="balanced", C=float(cfg["C"]), random_state=0)
                ),
            ),
        ]
    )


def _usable(texts: Sequence[str]) -> list[bool]:
    return [bool(_word_tokens(t)) for t in texts]


#: Score a further theme needs when a model carries no tuned threshold (older model files).
FALLBACK_MULTI = 0.5


@dataclass
class Model:
    """A fitted pipeline with its label names and provenance (versions, taxonomy, tuned thresholds).

    ``meta["thresholds"]`` (when tuned, see :func:`tune_thresholds`): ``multi``, the score a further
    theme needs; ``abstain``, the best score below which the model gives no theme.
    """

    pipeline: Any
    labels: list[str]
    meta: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def thresholds(self, multi: float | None = None) -> dict:
        """``{"multi", "abstain"}`` in use: ``multi`` overrides the tuned further-theme threshold."""
        tuned = self.meta.get("thresholds") or {}
        return {
            "multi": float(multi if multi is not None else tuned.get("multi", FALLBACK_MULTI)),
            "abstain": float(tuned.get("abstain", 0.0)),
        }

    def proba(self, texts: Sequence[str]):
        """Per-theme probabilities, shape ``(len(texts), len(labels))`` (NumPy array)."""
        return self.pipeline.predict_proba(list(texts))

    def predict(self, texts: Sequence[str], threshold: float | None = None, explain: bool = False) -> list[ItemThemes]:
        """Ranked themes per text, or an abstention (no usable words; best score below the tuned
        abstention threshold). With ``explain`` each theme carries its deciding terms and their
        contributions (see :meth:`explain`)."""
        th = self.thresholds(threshold)
        ok = _usable(texts)
        out = [ItemThemes([], {"reason": "no usable words"}) for _ in texts]
        idx = [i for i, u in enumerate(ok) if u]
        if not idx:
            return out
        sub = [texts[i] for i in idx]
        proba = self.proba(sub)
        for k, (row, i) in enumerate(zip(proba, idx, strict=True)):
            ranked = [ThemeScore(lab, float(p)) for lab, p in zip(self.labels, row, strict=True)]
            best = max(s.score for s in ranked)
            if best < th["abstain"]:
                out[i] = ItemThemes(
                    [],
                    {
                        "reason": f"best theme score {best:.4f} below the abstention threshold {th['abstain']:.4f}",
                        "best": max(ranked, key=lambda s: (s.score, s.label)).label,
                    },
                )
                continue
            res = select(ranked, th["multi"])
            if explain:
                res.themes = [self.explain(sub[k], s) for s in res.themes]
            out[i] = res
        return out

    def _names(self):
        names = self.__dict__.get("_feature_names")
        if names is None:
            names = [str(n) for n in self.pipeline.named_steps["features"].get_feature_names_out()]
            self.__dict__["_feature_names"] = names
        return names

    def explain(self, text: str, score: ThemeScore, top: int = 6) -> ThemeScore:
        """``score`` with evidence: the shipped-taxonomy terms of that theme found in ``text``,
        then the model's strongest positive features (words and character n-grams of two or more
        characters),
        each with its contribution (coefficient x feature value, log-odds); ``model`` is the
        theme's decision value (log-odds: intercept plus all contributions)."""
        from .themes import shipped_terms

        try:
            feats = self.pipeline.named_steps["features"]
            est = self.pipeline.named_steps["clf"].estimators_[self.labels.index(score.label)]
            coef = est.coef_[0]
        except (AttributeError, KeyError, ValueError, IndexError):
            return score
        x = feats.transform([text]).tocsr()
        contrib = {j: float(v * coef[j]) for j, v in zip(x.indices, x.data, strict=True)}
        names = self._names()
        found = shipped_terms(text).get(score.label, [])
        tax = sum(w for j, w in contrib.items() if names[j].startswith("taxonomy__"))
        terms, weights = [], []
        for t in found:
            terms.append(t)
            weights.append(tax / len(found))
        for j, w in sorted(contrib.items(), key=lambda kv: (-kv[1], names[kv[0]])):
            if w <= 0 or len(terms) >= top + len(found):
                break
            fam, _, name = names[j].partition("__")
            name = name.strip()
            if fam == "taxonomy" or len(name) < 2 or name in terms:  # one character explains nothing
                continue
            terms.append(name)
            weights.append(w)
        decision = float(est.intercept_[0]) + sum(contrib.values())
        return ThemeScore(score.label, score.score, tuple(terms), tuple(weights), decision)


def _fit(texts: Sequence[str], labels: Sequence[list[str]], config: dict | None):
    from sklearn.preprocessing import MultiLabelBinarizer

    mlb = MultiLabelBinarizer()
    y = mlb.fit_transform(labels)
    pipe = make_pipeline(config)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pipe.fit(list(texts), y)
    return pipe, [str(c) for c in mlb.classes_]


def out_of_fold(examples: Sequence[Example], config: dict | None = None, folds: int = 5, seed: int = 0, progress=None):
    """Out-of-fold probabilities of ``examples`` (shuffled K-fold, fixed seed).

    Returns:
        ``(proba, labels)``: array ``(len(examples), len(labels))``, rows in input order.
    """
    import numpy as np
    from sklearn.model_selection import KFold

    labels = sorted({lab for e in examples for lab in e.labels})
    proba = np.zeros((len(examples), len(labels)))
    splits = list(KFold(n_splits=folds, shuffle=True, random_state=seed).split(examples))
    for k, (tr, te) in enumerate(splits, 1):
        if progress:
            progress(k, folds)
        pipe, labs = _fit([examples[i].text for i in tr], [examples[i].labels for i in tr], config)
        p = pipe.predict_proba([examples[i].text for i in te])
        for c, lab in enumerate(labs):
            proba[te, labels.index(lab)] = p[:, c]
    return proba, labels


def tune_thresholds(proba, gold: Sequence[list[str]], labels: Sequence[str]) -> dict:
    """Thresholds from out-of-fold probabilities.

    ``multi``: the further-theme threshold (grid 0.05..0.95, step 0.05) with the best micro-F1 of
    the predicted label sets (best theme always, others at or above it); ties go to the higher value.
    ``abstain``: the largest best-score cut (grid 0.01..0.5, step 0.01) below which at least 5
    items fall and their first theme is right less often than a random guess among the themes
    (1 / number of labels): there the model's answer carries no information, so it abstains.
    0 (abstain only on items with no usable words) when no cut qualifies. The rule asks for "no
    better than chance" rather than a fixed share, because items unlike the labelled set score
    lower across the board and a cut fitted to cross-validation scores alone would abstain on many
    of them.
    """
    import numpy as np

    gold_sets = [set(g) for g in gold]
    top = proba.argmax(axis=1)
    best = proba.max(axis=1)
    right = np.array([labels[t] in g for t, g in zip(top, gold_sets, strict=True)])

    def micro(t):
        tp = fp = fn = 0
        for r, g in zip(proba, gold_sets, strict=True):
            pred = {labels[int(r.argmax())]} | {labels[c] for c in range(len(labels)) if r[c] >= t}
            tp += len(pred & g)
            fp += len(pred - g)
            fn += len(g - pred)
        return 2 * tp / max(2 * tp + fp + fn, 1)

    grid = [round(0.05 * k, 2) for k in range(1, 20)]
    multi = max(grid, key=lambda t: (round(micro(t), 6), t))
    abstain = 0.0
    for c in [round(0.01 * k, 2) for k in range(1, 51)]:
        low = best < c
        if low.sum() >= 5 and right[low].mean() < 1 / len(labels):
            abstain = c
    return {"multi": float(multi), "abstain": float(abstain)}


def train(
    examples: Sequence[Example],
    taxonomy: list | None = None,
    config: dict | None = None,
    tune: bool = True,
    progress=None,
    tune_folds: int = 5,
) -> Model:
    """Fit a :class:`Model` on labelled examples; with ``tune`` (and at least ``tune_folds``
    examples of every theme) the thresholds are tuned by ``tune_folds``-fold cross-validation
    (:func:`tune_thresholds`). ``progress(k, n)`` is called before each tuning fold.

    Raises:
        TrainingError: a theme with fewer than 2 examples, or fewer than two themes, or no usable words.
    """
    check_counts(examples, 2)
    keep = [e for e, ok in zip(examples, _usable([e.text for e in examples]), strict=True) if ok]
    if len(keep) < 2:
        raise TrainingError("the examples have no usable words (only numbers, punctuation or stopwords)")
    meta = _provenance(taxonomy)
    config = dict(DEFAULT_CONFIG, **(config or shipped_config()))
    meta["config"] = config
    counts = Counter(lab for e in keep for lab in e.labels)
    if tune and min(counts.values()) >= tune_folds:
        proba, labels = out_of_fold(keep, config, tune_folds, progress=progress)
        meta["thresholds"] = tune_thresholds(proba, [e.labels for e in keep], labels)
    pipe, labels = _fit([e.text for e in keep], [e.labels for e in keep], config)
    meta["trained_on"] = sorted({_text_key(e.text) for e in keep})
    return Model(pipe, labels, meta)


def _text_key(text: str) -> str:
    import hashlib

    from .normalise import nfkc

    return hashlib.sha256("".join(nfkc(text).split()).encode("utf-8")).hexdigest()[:16]


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
    """Per-theme precision/recall/F1 and support, micro and macro averages, top-1 accuracy (share
    of examples whose first predicted theme is among their labels; an abstention counts as wrong),
    the number of abstentions, and a confusion table of primary (first) labels:
    ``confusion[gold][predicted]`` counts. ``warnings`` holds notes such as a model evaluated on
    its own training rows."""

    labels: list[str]
    per_theme: dict
    micro: dict
    macro: dict
    confusion: dict
    n: int
    method: str
    top1: float = 0.0
    abstained: int = 0
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        r = lambda d: {k: (round(v, 4) if isinstance(v, float) else v) for k, v in d.items()}  # noqa: E731
        return {
            "method": self.method,
            "n": self.n,
            "top1_accuracy": round(self.top1, 4),
            "abstained": self.abstained,
            "per_theme": {k: r(v) for k, v in self.per_theme.items()},
            "micro": r(self.micro),
            "macro": r(self.macro),
            "confusion": self.confusion,
            "warnings": list(self.warnings),
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
    top1 = sum(1 for g, q in zip(gold, pred, strict=True) if q and q[0] in g) / max(len(gold), 1)
    none = sum(1 for q in pred if not q)
    return Evaluation(labels, per, mk(avg["micro"]), mk(avg["macro"]), conf, len(gold), method, top1, none)


def evaluate_model(model: Model, examples: Sequence[Example], threshold: float | None = None) -> Evaluation:
    """Score a trained model on labelled examples; warns (``Evaluation.warnings``) when some of
    them were among the model's training rows (matched on whitespace-free NFKC text hashes)."""
    preds = model.predict([e.text for e in examples], threshold)
    labels = sorted(set(model.labels) | {lab for e in examples for lab in e.labels})
    ev = _evaluate([e.labels for e in examples], [[s.label for s in p] for p in preds], labels, "model")
    seen = set(model.meta.get("trained_on") or ())
    own = sum(1 for e in examples if _text_key(e.text) in seen)
    if own:
        ev.warnings.append(
            f"{own} of {len(examples)} examples were in the model's own training rows: these scores overstate "
            "how well it does on new items (use held-out items, or --cv K)"
        )
    return ev


def cross_validate(
    examples: Sequence[Example],
    folds: int = 5,
    threshold: float | None = None,
    seed: int = 0,
    config: dict | None = None,
    progress=None,
) -> Evaluation:
    """K-fold cross-validation (shuffled, fixed seed) of :func:`train` on ``examples``.

    Each fold's model is trained (thresholds tuned by 3-fold cross-validation inside the fold's
    training rows only, so no held-out row influences them) and
    predicts its held-out rows. ``progress(k, folds)`` is called before fold ``k``.

    Raises:
        TrainingError: a theme with fewer examples than folds.
    """
    from sklearn.model_selection import KFold

    if folds < 2:
        raise TrainingError("--cv needs at least 2 folds")
    check_counts(examples, folds)
    examples = list(examples)
    preds: list[list[str]] = [[] for _ in examples]
    splits = list(KFold(n_splits=folds, shuffle=True, random_state=seed).split(examples))
    for k, (tr, te) in enumerate(splits, 1):
        if progress:
            progress(k, folds)
        model = train([examples[i] for i in tr], config=config, tune_folds=3)
        for i, p in zip(te, model.predict([examples[i].text for i in te], threshold), strict=True):
            preds[i] = [s.label for s in p]
    labels = sorted({lab for e in examples for lab in e.labels})
    return _evaluate([e.labels for e in examples], preds, labels, f"{folds}-fold cross-validation")
