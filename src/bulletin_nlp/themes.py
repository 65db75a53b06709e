"""Themes: the taxonomy and the zero-shot classifier.

Taxonomy file (TOML; the default ships as ``resources/taxonomy.toml``)::

    version = 1
    [[theme]]
    label = "立法"
    description = "一行说明"
    terms = ["地方性法规", "基层立法联系点", ...]

Zero-shot scoring
    Theme terms are found in an item's headline and body (NFKC text, longest term first, so
    预算审查监督 counts once, for the theme that lists it, not again as 监督). Headline matches
    count twice. Each matched term is weighted by TF-IDF exactly as keywords are
    (:func:`bulletin_nlp.keywords.tfidf_matrix`: term frequency times an IDF blended from
    the input's items and a background corpus, L2-normalised per item). A theme's evidence is
    the sum of its matched terms' weights; its score is its share of all themes' evidence, in
    [0, 1]. The best theme is always reported, further ones when their score reaches the
    threshold.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import BnlpError
from .models import Item, ThemeScore
from .normalise import nfkc

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


class ZeroShotClassifier:
    """Scores items against a taxonomy without training data (see the module docstring).

    Args:
        themes: the taxonomy.
        tokenizer: a :class:`~bulletin_nlp.tokenizer.Tokenizer` (used for IDF look-ups only).
        threshold: score a theme after the first needs to be reported.
    """

    def __init__(self, themes: Sequence[Theme], threshold: float = DEFAULT_THRESHOLD, idf_path: str | None = None):
        self.themes = list(themes)
        self.threshold = threshold
        self.idf_path = idf_path
        self.owners: dict[str, list[str]] = defaultdict(list)
        for th in self.themes:
            for term in th.terms:
                self.owners[term].append(th.label)
        terms = sorted(self.owners, key=lambda t: (-len(t), t))
        self.pattern = re.compile("|".join(re.escape(t) for t in terms))

    def matches(self, item: Item) -> list[str]:
        """Theme terms found in the item (headline matches twice), with repeats."""
        out: list[str] = []
        for text, times in ((item.title or "", 2), (item.body, 1)):
            out += [m.group(0) for m in self.pattern.finditer(nfkc(text))] * times
        return out

    def classify(self, items: Sequence[Item]) -> list[list[ThemeScore]]:
        """Ranked themes per item (an empty list for an item with no theme term at all)."""
        from .keywords import tfidf_matrix

        docs = [self.matches(it) for it in items]
        if not any(docs):
            return [[] for _ in items]
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
                    ev = evidence[th.label]
                    ranked.append(
                        ThemeScore(
                            th.label,
                            sum(ev.values()) / total,
                            tuple(t for t, _ in sorted(ev.items(), key=lambda kv: (-kv[1], kv[0]))),
                        )
                    )
            ranked.sort(key=lambda s: (-round(s.score, 8), s.label))
            results.append(select(ranked, self.threshold))
        return results


def select(ranked: list[ThemeScore], threshold: float) -> list[ThemeScore]:
    """The first theme always, then those scoring at least ``threshold``."""
    return ranked[:1] + [s for s in ranked[1:] if s.score >= threshold]
