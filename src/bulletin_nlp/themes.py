"""Themes: the taxonomy and the zero-shot classifier.

Taxonomy file (TOML; the default ships as ``resources/taxonomy.toml``)::

    version = 1
    [[theme]]
    label = "立法"
    description = "一行说明"
    terms = ["地方性法规", "基层立法联系点", ...]

Term matching
    Text is first simplified (OpenCC ``t2s``, so 監督 matches 监督) and cut into words by the
    shared tokenizer (:mod:`bulletin_nlp.tokenizer`). A term matches a word or a run of adjacent
    words that spell it exactly, longest run first, so 预算审查监督 counts once, for the theme that
    lists it, not again as 监督, and 线上 is not found inside 战线/上. Raw substrings across word
    boundaries never match.

Zero-shot scoring (used with ``--themes`` and no model)
    Theme terms are found in an item's headline and body as above. Headline matches
    count twice. Each matched term is weighted by TF-IDF exactly as keywords are
    (:func:`bulletin_nlp.keywords.tfidf_matrix`: term frequency times an IDF blended from
    the input's items and a background corpus, L2-normalised per item). A theme's evidence is
    the sum of its matched terms' weights; its score is its share of all themes' evidence, in
    [0, 1]. The best theme is reported, further ones when their score reaches the threshold;
    themes with the best score all tie (``tie: true``, listed by label for a stable output, no
    label wins). An item with no term at all abstains.

The default classifier (no ``--themes``, no ``--model``) is a trained model: see
:func:`classify_items` and :mod:`bulletin_nlp.default_model`.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import BnlpError
from .models import Item, ItemThemes, ThemeScore
from .normalise import nfkc

if TYPE_CHECKING:
    from .training import Model

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: Default score a further theme needs to be reported.
DEFAULT_THRESHOLD = 0.25


class TaxonomyError(BnlpError, ValueError):
    """A malformed taxonomy file; the message names the file and the problem."""


@dataclass(frozen=True)
class Theme:
    """A theme: label, one-line description and indicative terms."""

    label: str
    description: str
    terms: tuple[str, ...]


def parse_taxonomy(text: str, path: str = "<taxonomy>") -> list[Theme]:
    """Parse a taxonomy TOML text (BOM and CRLF tolerated).

    Raises:
        TaxonomyError: not TOML, no ``[[theme]]``, a theme without label or terms, a duplicate label.
    """
    try:
        data = tomllib.loads(text.lstrip("\ufeff").replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as e:
        raise TaxonomyError(f"{path}: not valid TOML ({e})") from None
    raw = data.get("theme")
    if not isinstance(raw, list) or not raw:
        raise TaxonomyError(f"{path}: no [[theme]] tables")
    themes, seen = [], set()
    for i, t in enumerate(raw, 1):
        label = t.get("label") if isinstance(t, dict) else None
        if not isinstance(label, str) or not label.strip():
            raise TaxonomyError(f"{path}: theme {i} has no label")
        terms = t.get("terms")
        if not isinstance(terms, list) or not terms or not all(isinstance(x, str) and x.strip() for x in terms):
            raise TaxonomyError(f"{path}: theme {label!r} needs a non-empty list of terms (strings)")
        if label in seen:
            raise TaxonomyError(f"{path}: theme {label!r} appears twice")
        seen.add(label)
        desc = t.get("description", "")
        themes.append(Theme(label.strip(), str(desc), tuple(dict.fromkeys(nfkc(x.strip()) for x in terms))))
    return themes


def load_taxonomy(path: str | None = None) -> list[Theme]:
    """The shipped taxonomy, or the one in ``path``.

    Raises:
        TaxonomyError: unreadable or malformed file.
    """
    from .wordlists import WordListError, read_text, resource_text

    if path is None:
        return parse_taxonomy(resource_text("taxonomy.toml"), "taxonomy.toml (shipped)")
    try:
        return parse_taxonomy(read_text(path), path)
    except WordListError as e:
        raise TaxonomyError(str(e)) from None


def _opencc():
    from .normalise import t2s_converter

    return t2s_converter()


#: A pinyin gloss in brackets right after a Chinese character, e.g. 协(xié): web-page furniture
#: that splits words; removed before classification.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*){1,2}\)")


def simplify(text: str) -> str:
    """NFKC text converted to simplified characters (OpenCC ``t2s``; phrase-aware, e.g. 議會 -> 议会),
    with bracketed pinyin glosses after a character (``協(xié)``) removed.

    A plain module-level function so that fitted models can name it (it is on the trusted list of
    :func:`bulletin_nlp.training.load_model`); results are memoised per text.
    """
    return _simplify(text)


@lru_cache(maxsize=8192)
def _simplify(text: str) -> str:
    return _opencc().convert(_PINYIN.sub("", nfkc(text)))


class TermMatcher:
    """Finds taxonomy terms as words or runs of words of the shared tokenizer (module docstring).

    Args:
        themes: the taxonomy.

    ``find(text)`` returns the matched terms in text order, with repeats.
    """

    #: longest run of words a term may span
    MAX_RUN = 8

    def __init__(self, themes: Sequence[Theme]):
        self.owners: dict[str, list[str]] = defaultdict(list)
        for th in themes:
            for term in th.terms:
                t = simplify(term)
                if th.label not in self.owners[t]:
                    self.owners[t].append(th.label)
        self.prefixes = {t[:i] for t in self.owners for i in range(1, len(t) + 1)}

    def find(self, text: str) -> list[str]:
        from .tokenizer import get_tokenizer

        words = get_tokenizer().cut(simplify(text))
        out: list[str] = []
        i = 0
        while i < len(words):
            best, run = None, ""
            for j in range(i, min(len(words), i + self.MAX_RUN)):
                run += words[j]
                if run not in self.prefixes:
                    break
                if run in self.owners:
                    best = (j, run)
            if best:
                out.append(best[1])
                i = best[0] + 1
            else:
                i += 1
        return out


@lru_cache(maxsize=1)
def _shipped_matcher() -> TermMatcher:
    return TermMatcher(load_taxonomy())


def taxonomy_analyze(text: str) -> list[str]:
    """Analyzer for scikit-learn vectorizers: one ``@label`` per shipped-taxonomy term found in
    ``text`` (token-run matching), so a model learns how much each theme's vocabulary counts.

    A module-level function so fitted models can name it (trusted by ``load_model``).
    """
    return list(_taxonomy_tokens(text))


@lru_cache(maxsize=16384)
def _taxonomy_tokens(text: str) -> tuple[str, ...]:
    m = _shipped_matcher()
    return tuple("@" + lab for t in m.find(text) for lab in m.owners[t])


def shipped_terms(text: str) -> dict[str, list[str]]:
    """Shipped-taxonomy terms found in ``text``, per theme label (distinct, text order)."""
    m = _shipped_matcher()
    out: dict[str, list[str]] = defaultdict(list)
    for t in m.find(text):
        for lab in m.owners[t]:
            if t not in out[lab]:
                out[lab].append(t)
    return dict(out)


class ZeroShotClassifier:
    """Scores items against a taxonomy without training data (see the module docstring).

    Args:
        themes: the taxonomy.
        threshold: score a theme after the first needs to be reported.
        idf_path: a background IDF file for the TF-IDF weights (None: the shipped one).
    """

    def __init__(self, themes: Sequence[Theme], threshold: float = DEFAULT_THRESHOLD, idf_path: str | None = None):
        self.themes = list(themes)
        self.threshold = threshold
        self.idf_path = idf_path
        self.matcher = TermMatcher(self.themes)
        self.owners = self.matcher.owners

    def matches(self, item: Item) -> list[str]:
        """Theme terms found in the item (headline matches twice), with repeats."""
        out: list[str] = []
        for text, times in ((item.title or "", 2), (item.body, 1)):
            out += self.matcher.find(text) * times
        return out

    def classify(self, items: Sequence[Item]) -> list[ItemThemes]:
        """Ranked themes per item; an abstention for an item with no theme term at all."""
        from .keywords import tfidf_matrix

        docs = [self.matches(it) for it in items]
        none = {"reason": "no taxonomy term found"}
        if not any(docs):
            return [ItemThemes([], dict(none)) for _ in items]
        matrix, terms, _, _ = tfidf_matrix(docs, self.idf_path)
        results = []
        for r in range(len(items)):
            row = matrix[r].toarray()[0]
            evidence: dict[str, dict[str, float]] = defaultdict(dict)
            for j, w in enumerate(row):
                if w > 0:
                    for label in self.owners[terms[j]]:
                        evidence[label][terms[j]] = float(w)
            total = sum(sum(v.values()) for v in evidence.values())
            ranked = []
            for th in self.themes:
                if th.label in evidence:
                    ev = sorted(evidence[th.label].items(), key=lambda kv: (-kv[1], kv[0]))
                    ranked.append(
                        ThemeScore(
                            th.label,
                            sum(w for _, w in ev) / total,
                            tuple(t for t, _ in ev),
                            tuple(w / total for _, w in ev),
                        )
                    )
            results.append(select(ranked, self.threshold) if ranked else ItemThemes([], dict(none)))
        return results


def select(ranked: list[ThemeScore], threshold: float) -> ItemThemes:
    """The best theme, every theme tying with it, then those scoring at least ``threshold``.

    Scores are compared at 4 decimals (the precision of the output). Themes tying for first
    place are all listed, by label (for a stable output only), with one equal score and ``tie=True``.
    """
    ranked = sorted(ranked, key=lambda s: (-round(s.score, 4), s.label))
    if not ranked:
        return ItemThemes([])
    best = round(ranked[0].score, 4)
    top = [replace(s, score=ranked[0].score) for s in ranked if round(s.score, 4) == best]
    rest = [s for s in ranked[len(top) :] if s.score >= threshold]
    return ItemThemes(top + rest, None, len(top) > 1)


def classify_items(
    items: Sequence[Item],
    model_path: str | Model | None = None,
    taxonomy_path: str | None = None,
    threshold: float | None = None,
    notify: Callable[[str], None] | None = None,
) -> tuple[list[ItemThemes], dict, list[str]]:
    """Themes for ``items``: the one entry point of ``bnlp classify`` and ``bnlp report``.

    Args:
        items: the items (headline and body are used).
        model_path: a model file from ``bnlp train`` or a loaded
            :class:`~bulletin_nlp.training.Model`; None for the default model (or zero-shot when
            ``taxonomy_path`` is given).
        taxonomy_path: your own taxonomy; without ``model_path`` this selects zero-shot scoring
            over it (the default model knows only the shipped themes).
        threshold: score a further theme needs (None: the model's tuned threshold, 0.25 zero-shot).
        notify: called with one-line notes (e.g. while the default model is built on first use).

    Returns:
        ``(results, meta, notes)``: one :class:`ItemThemes` per item, a dict describing the
        classifier (for the output's ``meta``), and notes for the user (model version mismatch).

    Raises:
        TaxonomyError: unreadable or malformed taxonomy.
        bulletin_nlp.training.TrainingError: unusable model file.
    """
    texts = [it.text for it in items]
    if model_path is None and taxonomy_path is not None:
        taxonomy = load_taxonomy(taxonomy_path)
        clf = ZeroShotClassifier(taxonomy) if threshold is None else ZeroShotClassifier(taxonomy, threshold)
        return clf.classify(items), {"classifier": "zero-shot", "taxonomy": str(taxonomy_path)}, []
    if model_path is None:
        from .default_model import load_default

        model, where = load_default(notify)
        meta = {"classifier": "default", "model": where, "labels": model.labels}
    else:
        from .training import Model, load_model

        model = model_path if isinstance(model_path, Model) else load_model(str(model_path))
        name = "<model>" if isinstance(model_path, Model) else str(model_path)
        meta = {"classifier": "trained", "model": name, "labels": model.labels}
    meta["thresholds"] = model.thresholds(threshold)
    preds = model.predict(texts, threshold, explain=True) if texts else []
    return preds, meta, list(model.notes)
