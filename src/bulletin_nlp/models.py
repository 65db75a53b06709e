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
        lines: (first, last) line numbers in the source, 1-based, inclusive. Two items that
            split one line (a chronicle run together by OCR) share that line.
        section: the label line above the item (``● 某某区 ●``, ``【时政要闻】``), or None.
        divisions: the administrative divisions the region names, from the gazetteer
            (:mod:`bulletin_nlp.regions`): dicts ``{"name", "level", "code"}``.
        meta: the item's own page metadata where the page gives it (``source``, ``editor``,
            ``published``), as written.
    """

    index: int
    title: str | None
    body: str
    kind: str = "article"
    unit: str | None = None
    authors: list[str] = field(default_factory=list)
    region: str | None = None
    lines: tuple[int, int] = (0, 0)
    section: str | None = None
    divisions: list[dict] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

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
        """Headline and body: the text that keywords and themes are computed from, with inline
        pinyin removed (:func:`bulletin_nlp.normalise.strip_pinyin`). The script is kept: keywords
        convert traditional text to simplified themselves and answer in the input's script, and
        the corpus commands convert only when asked (``--t2s``);
        :func:`bulletin_nlp.normalise.analysis_view` gives the simplified view."""
        from .normalise import strip_pinyin

        text = f"{self.title}\n{self.body}" if self.title else self.body
        return strip_pinyin(text)

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
            "section": self.section,
            "divisions": [dict(d) for d in self.divisions],
            "meta": dict(self.meta),
        }


@dataclass
class Bulletin:
    """A segmented bulletin: source, detected encoding, masthead, items and footer.

    ``format`` (``text``, ``docx``, ``pdf``, ``html`` …), ``reader`` (the library that read the
    file) and ``reader_versions`` (``{library: version}``) say how the input was read;
    ``notes`` holds the reader's one-line warnings (a low-confidence encoding guess), which the
    API passes on in its results' ``notes`` (they are not part of :meth:`to_dict`).

    ``title`` is the document's own title line (above its numbered or headed items), or None.
    ``parts`` lists every non-blank line that is not in an item, as dicts
    ``{"role", "lines": [first, last], "text"}``; roles: ``masthead``, ``contents``, ``title``,
    ``section``, ``footer``, ``credit``, and the furniture roles of
    :func:`bulletin_nlp.furniture.line_role` (``breadcrumb``, ``meta``, ``editor``, ``links``,
    ``copyright``, ``image``, ``epaper``, ``comment``, ``junk``, ``summary``, ``header``,
    ``jammer``, ``link-mark``). With the items' ``lines`` they cover every non-blank input line.
    """

    source: str
    encoding: str
    items: list[Item] = field(default_factory=list)
    masthead: Masthead | None = None
    contents: list[str] = field(default_factory=list)
    footer: str | None = None
    format: str = "text"
    reader: str = "builtin"
    reader_versions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list, compare=False)
    title: str | None = None
    parts: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "encoding": self.encoding,
            "format": self.format,
            "reader": self.reader,
            "meta": {"reader_versions": dict(sorted(self.reader_versions.items()))},
            "masthead": self.masthead.to_dict() if self.masthead else None,
            "title": self.title,
            "items": [it.to_dict() for it in self.items],
            "footer": self.footer,
            "parts": [dict(p) for p in self.parts],
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
