"""Plain data classes that flow through the pipeline.

Every class has ``to_dict()`` giving the JSON shape documented in the README; renderers
take these objects and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Masthead:
    """The bulletin's masthead: name (刊名), issue (第N期), issuer (…编) and ISO date."""

    name: str | None = None
    issue: str | None = None
    issuer: str | None = None
    date: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "issue": self.issue, "issuer": self.issuer, "date": self.date}


@dataclass
class Item:
    """One item of a bulletin.

    Attributes:
        index: 1-based position in the bulletin.
        title: the headline joined into one line, or None for a brief (简讯) without one.
        body: the body paragraphs, original characters, joined by ``\\n``.
        kind: ``"article"`` (has a headline) or ``"brief"``.
        unit: the reporting unit from the byline, or None.
        authors: author names from the byline, padding spaces removed (``王 明`` -> ``王明``).
        region: the district, county, city, street or town reported on, or None when the item
            is about the issuing body itself.
        lines: (first, last) line numbers in the source, 1-based, inclusive.
    """

    index: int
    title: str | None
    body: str
    kind: str = "article"
    unit: str | None = None
    authors: list[str] = field(default_factory=list)
    region: str | None = None
    lines: tuple[int, int] = (0, 0)

    @property
    def label(self) -> str:
        """The headline, or the brief's opening words: its first sentence, never cut."""
        if self.title:
            return self.title
        from .sentences import split_sentences

        first = split_sentences(self.body.split("\n", 1)[0])
        return first[0] if first else self.body

    @property
    def text(self) -> str:
        """Headline and body: the text that keywords and themes are computed from."""
        return f"{self.title}\n{self.body}" if self.title else self.body

    def to_dict(self) -> dict:
        return {
            "index": self.index,
            "title": self.title,
            "body": self.body,
            "kind": self.kind,
            "unit": self.unit,
            "authors": list(self.authors),
            "region": self.region,
            "lines": list(self.lines),
        }


@dataclass
class Bulletin:
    """A segmented bulletin: source, detected encoding, masthead, items and footer."""

    source: str
    encoding: str
    items: list[Item] = field(default_factory=list)
    masthead: Masthead | None = None
    contents: list[str] = field(default_factory=list)
    footer: str | None = None

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "encoding": self.encoding,
            "masthead": self.masthead.to_dict() if self.masthead else None,
            "items": [it.to_dict() for it in self.items],
            "footer": self.footer,
        }


@dataclass(frozen=True)
class Keyword:
    """A keyword and its weight (TF-IDF or TextRank score, rounded to 4 decimals on output)."""

    term: str
    weight: float

    def to_dict(self) -> dict:
        return {"term": self.term, "weight": round(self.weight, 4)}


@dataclass(frozen=True)
class ThemeScore:
    """A theme label with a score in [0, 1] and the terms that decided it."""

    label: str
    score: float
    evidence: tuple[str, ...] = ()
    #: with ``--explain``: each evidence term's contribution to this theme (same order as ``evidence``;
    #: model weight times feature value for a trained model, TF-IDF share for zero-shot), and the
    #: model's own score for the theme before any taxonomy evidence (None for zero-shot).
    weights: tuple[float, ...] = ()
    model: float | None = None

    def to_dict(self, explain: bool = False) -> dict:
        d: dict = {"label": self.label, "score": round(self.score, 4)}
        if explain:
            d["terms"] = list(self.evidence)
            if self.weights:
                d["weights"] = [round(w, 4) for w in self.weights]
            if self.model is not None:
                d["model"] = round(self.model, 4)
        return d


@dataclass
class ItemThemes:
    """The themes of one item, or an explicit abstention.

    Behaves as the sequence of its :class:`ThemeScore` (iteration, ``len``, indexing, slicing), so
    code written for a plain list of scores keeps working.

    Attributes:
        themes: ranked themes, best first; empty when the classifier abstains.
        abstain: ``{"reason": ...}`` when no theme is given (evidence below the tuned threshold, or
            no usable words), else None.
        tie: True when the first two themes have equal scores (both are listed; the order between
            them is by label only for a stable output and carries no meaning).
    """

    themes: list[ThemeScore] = field(default_factory=list)
    abstain: dict | None = None
    tie: bool = False

    def __iter__(self):
        return iter(self.themes)

    def __len__(self) -> int:
        return len(self.themes)

    def __getitem__(self, key):
        return self.themes[key]

    def __bool__(self) -> bool:
        return bool(self.themes)

    def extra(self) -> dict:
        """The keys an item's JSON gets besides ``themes``: ``abstain`` and/or ``tie`` when set."""
        d: dict = {}
        if self.abstain is not None:
            d["abstain"] = dict(self.abstain)
        if self.tie:
            d["tie"] = True
        return d
