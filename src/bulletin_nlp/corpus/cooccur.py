"""Co-occurrence of keywords within items or sentences (``bnlp cooccur``).

Units and nodes
    A *unit* is an item (``window="item"``) or a sentence (``window="sentence"``, split by
    :func:`bulletin_nlp.sentences.split_sentences`). A unit's terms are its keyword candidates
    (:meth:`bulletin_nlp.keywords.Extractor.candidates`: the same words and phrases keywords
    are chosen from), as a set. Nodes are the ``vocab`` terms of the whole input with the
    highest summed per-item TF-IDF weight (:func:`bulletin_nlp.corpus.trends.top_keywords`).

Edge weights (``a`` = units with term A, ``b`` = with B, ``ab`` = with both, ``N`` = units)
    * ``jaccard``: ``ab / (a + b - ab)`` (Jaccard 1912, "The distribution of the flora in the
      alpine zone", New Phytologist 11; KH Coder's default for co-occurrence networks).
    * ``pmi``: ``log2(ab * N / (a * b))``, pointwise mutual information (Church & Hanks 1990,
      "Word association norms, mutual information, and lexicography", Computational Linguistics 16).
    * ``npmi``: ``pmi / -log2(ab / N)``, normalised to [-1, 1] (Bouma 2009, "Normalized
      (pointwise) mutual information in collocation extraction", GSCL).

Pairs co-occurring in fewer than ``min_count`` units are left out (PMI overrates rare pairs).
Edges are ranked by weight, then co-occurrence count, then the terms.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import ClassVar

from ..errors import BnlpError, CorpusError
from ..models import Bulletin
from ..results import dataframe
from . import simplified_items, top_keywords

MEASURES = ("jaccard", "pmi", "npmi")
WINDOWS = ("item", "sentence")
CITATIONS = {
    "jaccard": "Jaccard (1912), New Phytologist 11: |A∩B| / |A∪B| of units",
    "pmi": "Church & Hanks (1990), Computational Linguistics 16: log2(P(A,B) / (P(A) P(B)))",
    "npmi": "Bouma (2009), GSCL: PMI / -log2 P(A,B)",
}


@dataclass(frozen=True)
class Edge:
    """An edge: two terms (``source`` < ``target``), the units with both, and the weight."""

    source: str
    target: str
    count: int
    weight: float

    def to_dict(self) -> dict:
        return {"source": self.source, "target": self.target, "count": self.count, "weight": round(self.weight, 4)}


@dataclass
class Network:
    """Result of :func:`cooccur`.

    Attributes:
        measure, window: as asked; ``citation`` names the measure's source.
        units: number of units (items or sentences).
        nodes: ``{term: units containing it}`` for terms on a kept edge, most frequent first.
        edges: the top edges, ranked.
    """

    measure: str
    window: str
    units: int
    nodes: dict[str, int] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    errors: list[BnlpError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    views: ClassVar[dict[str, str]] = {
        "table": "bulletin_nlp.render.corpus:cooccur_table",
        "markdown": "bulletin_nlp.render.corpus:cooccur_markdown",
    }

    def records(self) -> Iterator[dict]:
        """One edge a JSON Lines line, with the measure."""
        for e in self.edges:
            yield {**e.to_dict(), "measure": self.measure}

    def table(self) -> tuple[tuple[str, ...], list[tuple]]:
        """CSV columns ``source, target, count, weight``, one row per edge."""
        return ("source", "target", "count", "weight"), [(e.source, e.target, e.count, e.weight) for e in self.edges]

    def to_dataframe(self):
        """:meth:`table` as a pandas DataFrame (needs the ``pandas`` extra)."""
        return dataframe(*self.table())

    @property
    def citation(self) -> str:
        """The source of the method."""
        return CITATIONS[self.measure]

    def to_dict(self) -> dict:
        return {
            "measure": self.measure,
            "citation": self.citation,
            "window": self.window,
            "units": self.units,
            "nodes": [{"term": t, "count": c} for t, c in self.nodes.items()],
            "edges": [e.to_dict() for e in self.edges],
        }

    def to_networkx(self):
        """An undirected ``networkx.Graph``: node attribute ``count``, edge attributes ``count`` and ``weight``."""
        import networkx as nx

        g = nx.Graph(measure=self.measure, window=self.window)
        for t, c in self.nodes.items():
            g.add_node(t, label=t, count=c)
        for e in self.edges:
            g.add_edge(e.source, e.target, count=e.count, weight=round(e.weight, 6))
        return g


def association(measure: str, a: int, b: int, ab: int, n: int) -> float:
    """The association of two terms from unit counts (see the module docstring).

    Raises:
        CorpusError (a ValueError): unknown measure.
    """
    if measure == "jaccard":
        return ab / (a + b - ab)
    if measure == "pmi":
        return math.log2(ab * n / (a * b))
    if measure == "npmi":
        p = ab / n
        return 1.0 if p >= 1.0 else math.log2(ab * n / (a * b)) / -math.log2(p)
    raise CorpusError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")


def unit_terms(bulletins: Sequence[Bulletin], tokenizer, window: str = "item") -> list[list[list[list[str]]]]:
    """Keyword candidates per unit, nested as bulletin -> item -> unit -> candidates (with
    repeats). An item is one unit, or with ``window="sentence"`` one unit per sentence
    (the headline is a sentence of its own).

    Raises:
        CorpusError (a ValueError): unknown window.
    """
    from ..keywords import Extractor, KeywordOptions
    from ..sentences import split_sentences

    if window not in WINDOWS:
        raise CorpusError(f"unknown window {window!r}; use item or sentence")
    ex = Extractor(tokenizer, KeywordOptions())
    out: list[list[list[list[str]]]] = []
    for b in bulletins:
        items: list[list[list[str]]] = []
        for it in b.items:
            if window == "item":
                items.append([ex.candidates(it.title, it.body)])
            else:
                units: list[list[str]] = [ex.candidates(None, it.title)] if it.title else []
                units += [ex.candidates(None, s) for s in split_sentences(it.body)]
                items.append(units)
        out.append(items)
    return out


def cooccur(
    bulletins: Sequence[Bulletin],
    tokenizer,
    window: str = "item",
    measure: str = "jaccard",
    top: int = 50,
    vocab: int = 60,
    min_count: int = 2,
    t2s: bool = False,
) -> Network:
    """The co-occurrence network of the input's top keywords (see the module docstring).

    Args:
        bulletins: segmented bulletins.
        tokenizer: a :class:`~bulletin_nlp.tokenizer.Tokenizer`.
        window: ``item`` or ``sentence``.
        measure: ``jaccard``, ``pmi`` or ``npmi``.
        top: edges kept.
        vocab: candidate nodes (top keywords of the input, contained terms kept).
        min_count: least units a pair must share.
        t2s: convert traditional characters to simplified first.

    Raises:
        CorpusError (a ValueError): unknown window or measure.
        VariantsUnavailable: ``t2s`` without the opencc package.
    """
    if measure not in MEASURES:
        raise CorpusError(f"unknown measure {measure!r}; use one of {', '.join(MEASURES)}")
    if t2s:
        bulletins = simplified_items(bulletins)
    nested = unit_terms(bulletins, tokenizer, window)
    units = [u for doc in nested for item in doc for u in item]
    item_docs = [[[w for u in item for w in u] for item in doc] for doc in nested]
    nodes = set(top_keywords(bulletins, tokenizer, vocab, item_docs, skip_contained=False)) if units else set()
    df: Counter = Counter()
    pair: Counter = Counter()
    for u in units:
        present = sorted(nodes.intersection(u))
        df.update(present)
        pair.update(combinations(present, 2))
    n = len(units)
    edges = [
        Edge(a, b, c, association(measure, df[a], df[b], c, n)) for (a, b), c in pair.items() if c >= max(1, min_count)
    ]
    edges.sort(key=lambda e: (-round(e.weight, 8), -e.count, e.source, e.target))
    edges = edges[:top]
    kept = {t for e in edges for t in (e.source, e.target)}
    node_counts = dict(sorted(((t, df[t]) for t in kept), key=lambda tc: (-tc[1], tc[0])))
    return Network(measure, window, n, node_counts, edges)
