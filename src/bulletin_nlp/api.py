"""bnlp's public Python API: the whole pipeline, one function a step.

>>> import bulletin_nlp as bn
>>> bulletins = bn.segment_items("bulletin.txt")      # doctest: +SKIP
>>> bn.extract_keywords(bulletins, top=5).to_dict()   # doctest: +SKIP

The names are the field's: item segmentation (not word segmentation, 分词, which the tokenizer
does), keyword extraction, theme classification. They differ from the module names
(``segment``, ``keywords``, ``report``) so that a function never hides a module of the package.

Inputs
    Every function takes ``inputs``: a path (``str`` or :class:`os.PathLike`; a folder is searched
    recursively for every format :mod:`bulletin_nlp.reading` reads: ``.txt``, ``.md``, ``.docx``,
    ``.pdf``, ``.html``/``.htm``/``.mhtml``, ``.rtf``, ``.odt``; ``"-"`` is standard input), an already read
    :class:`~bulletin_nlp.reading.Document`, an already segmented
    :class:`~bulletin_nlp.models.Bulletin`, or a list of these; or ``text=``: one string (or a
    list of strings) of bulletin text. A string in ``inputs`` is always a path, never text.

Results
    Each function returns a result of :mod:`bulletin_nlp.results` holding one document per input
    bulletin, in input order, with ``to_dict()`` (the JSON that ``bnlp`` writes,
    ``{"documents": [...]}``) and ``to_dataframe()`` (with the ``pandas`` extra). Its ``notes``
    name every file a folder holds that is not read, with the reason (``skipped PATH: REASON``,
    then ``N skipped: 2 .doc, 1 .xls``), the readers' warnings (``warning: PATH: encoding guessed
    as …``) and, when the inputs mix formats, the files read per format
    (``read 3 files: 2 docx, 1 text``). Nothing is written to stderr; the command line prints them.

Errors
    Bad input raises a :class:`~bulletin_nlp.errors.BnlpError` subclass whose message is one line
    naming the file and the problem (:class:`~bulletin_nlp.reading.InputError` for a file that
    cannot be read). With ``skip_errors=True`` unreadable inputs are skipped and listed in the
    result's ``errors`` instead; the command line works that way.

Heavy libraries (jieba, scikit-learn) are imported only by the steps that need them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, Union

from .errors import BnlpError, UsageError
from .models import Bulletin
from .reading import Document, InputError
from .results import ReadResult, SegmentResult

if TYPE_CHECKING:
    from .corpus.compare import Comparison
    from .corpus.cooccur import Network
    from .corpus.kwic import Concordance
    from .corpus.trends import Trends
    from .filters import ItemFilter
    from .keywords import KeywordOptions
    from .models import Item
    from .report import CollectionReport
    from .results.idf import IdfSummary, IdfTable
    from .results.keywords import KeywordResult
    from .results.themes import BulletinThemes, EvaluationResult, ThemeResult
    from .tokenizer import Tokenizer
    from .training import Model
    from .wordlists import DictEntry  # noqa: F401

__all__ = [
    "Source",
    "build_idf",
    "classify",
    "compare",
    "cooccur",
    "evaluate",
    "extract_keywords",
    "filter_items",
    "idf_summary",
    "kwic",
    "make_report",
    "read",
    "segment_items",
    "to_dataframe",
    "train",
    "trends",
]

#: One input: a path, a decoded document or a segmented bulletin.
Source: TypeAlias = Union[str, "os.PathLike[str]", Document, Bulletin]
#: ``progress(iterable, description)`` wraps an iterable, e.g. to draw a progress bar.
Progress: TypeAlias = Callable[[Sequence[Any], str], Iterable[Any]]

T = TypeVar("T")


def _no_progress(items: Sequence[T], description: str) -> Iterable[T]:
    return items


def _sources(
    inputs: Source | Iterable[Source] | None,
    text: str | Sequence[str] | None,
    errors: list[BnlpError],
    notes: list[str],
) -> list[str | Document | Bulletin]:
    """Paths expanded (folders searched by :func:`bulletin_nlp.reading.scan_inputs`), texts turned
    into Documents; expansion errors appended, and per folder one line naming the files it holds
    that are not read, grouped by reason, appended to ``notes``."""
    from .reading import scan_inputs

    if inputs is None:
        given: list[Any] = []
    elif isinstance(inputs, (str, os.PathLike, Document, Bulletin)):
        given = [inputs]
    else:
        given = list(inputs)
    out: list[str | Document | Bulletin] = []
    for x in given:
        if isinstance(x, (Document, Bulletin)):
            out.append(x)
        elif isinstance(x, (str, os.PathLike)):
            scan = scan_inputs([os.fspath(x)])
            errors.extend(scan.errors)
            notes.extend(scan.notes)
            out.extend(scan.files)
        else:
            raise UsageError(f"cannot read {type(x).__name__} {x!r}: give a path, a Document or a Bulletin")
    if text is not None:
        texts = [text] if isinstance(text, str) else list(text)
        many = len(texts) > 1
        for n, t in enumerate(texts, 1):
            from .normalise import clean_decoded

            out.append(Document(f"<text {n}>" if many else "<text>", "utf-8", clean_decoded(t)))
    if sum(1 for x in out if x == "-") > 1:
        raise UsageError("standard input (-) can be given only once")
    if not out and not errors:
        raise UsageError("no input given")
    return out


def _read_notes(docs: Sequence[Document | Bulletin]) -> list[str]:
    """The readers' warnings (``warning: …``), then the files per format when formats mix."""
    from .reading import format_counts

    out = [f"warning: {n}" for d in docs for n in d.notes]
    if len({d.format for d in docs}) > 1:
        out.append(f"read {len(docs)} files: {format_counts(docs)}")
    return out


def _fail(error: BnlpError, errors: list[BnlpError], skip_errors: bool) -> None:
    if not skip_errors:
        raise error
    errors.append(error)


def _start(
    inputs: Source | Iterable[Source] | None, text: str | Sequence[str] | None, skip_errors: bool
) -> tuple[list[str | Document | Bulletin], list[BnlpError], list[str]]:
    errors: list[BnlpError] = []
    notes: list[str] = []
    sources = _sources(inputs, text, errors, notes)
    if errors and not skip_errors:
        raise errors[0]
    return sources, errors, notes


def read(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> ReadResult:
    """Read and decode inputs (encodings detected unless ``encoding`` is given).

    Returns:
        :class:`~bulletin_nlp.results.ReadResult` of :class:`~bulletin_nlp.reading.Document`
        (``source``, ``encoding``, ``format``, ``reader``, LF-separated ``text``); a Bulletin given as input is not
        read again and is left out.

    Raises:
        InputError: a missing, empty, binary or undecodable input (unless ``skip_errors``).
        UsageError: no input, or standard input given twice.
    """
    from . import reading

    sources, errors, notes = _start(inputs, text, skip_errors)
    docs: list[Document] = []
    for src in (progress or _no_progress)(sources, "reading"):
        if isinstance(src, Document):
            docs.append(src)
        elif isinstance(src, str):
            try:
                docs.append(reading.read_document(src, encoding))
            except InputError as e:
                _fail(e, errors, skip_errors)
    return ReadResult(docs, errors, notes + _read_notes(docs))


def _segment_one(src: str | Document | Bulletin, encoding: str | None) -> Bulletin:
    from . import reading
    from . import segment as seg
    from .collector import paused

    if isinstance(src, Bulletin):
        return src
    doc = src if isinstance(src, Document) else reading.read_document(src, encoding)
    with paused():  # item segmentation makes no reference cycles (the readers do): see bulletin_nlp.collector
        return seg.segment_document(doc)


def segment_items(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> SegmentResult:
    """Item segmentation: masthead, items (headline, body, unit, authors, region, kind, lines), footer.

    Returns:
        :class:`~bulletin_nlp.results.SegmentResult` of :class:`~bulletin_nlp.models.Bulletin`,
        one per input; Bulletins given as input are passed through.

    Raises:
        InputError: an input that cannot be read (unless ``skip_errors``).
        UsageError: no input, or standard input given twice.
    """
    sources, errors, notes = _start(inputs, text, skip_errors)
    bulletins: list[Bulletin] = []
    for src in (progress or _no_progress)(sources, "segmenting"):
        try:
            bulletins.append(_segment_one(src, encoding))
        except InputError as e:
            _fail(e, errors, skip_errors)
    return SegmentResult(bulletins, errors, notes + _read_notes(bulletins))


def _keyword_options(
    method: str, top: int, pos: str | Sequence[str] | None, keep_latin: bool, idf: str | os.PathLike[str] | None
) -> KeywordOptions:
    from .keywords import KeywordOptions

    if method not in ("tfidf", "textrank"):
        raise UsageError(f"unknown keyword method {method!r}: use tfidf or textrank")
    if top < 1:
        raise UsageError(f"top must be at least 1, not {top}")
    allowed: tuple[str, ...] | None
    if pos is None:
        allowed = None
    elif isinstance(pos, str):
        allowed = () if pos.strip().lower() == "all" else tuple(p.strip() for p in pos.split(",") if p.strip())
    else:
        allowed = tuple(pos)
    return KeywordOptions(method, top, allowed, keep_latin, os.fspath(idf) if idf is not None else None)


def extract_keywords(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    method: str = "tfidf",
    top: int = 10,
    per_item: bool = False,
    pos: str | Sequence[str] | None = None,
    keep_latin: bool = False,
    idf: str | os.PathLike[str] | None = None,
    user_dict: Sequence[str | os.PathLike[str]] = (),
    stopwords: Sequence[str | os.PathLike[str]] = (),
    jobs: int = 1,
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
    verbose: bool = False,
) -> KeywordResult:
    """Keywords per bulletin (and per item with ``per_item``): TF-IDF or TextRank over jieba words.

    All inputs form one corpus: the TF-IDF's IDF is computed over all their items, blended with
    a background IDF (see :mod:`bulletin_nlp.keywords` for the weighting and its sources).

    Args:
        method: ``"tfidf"`` or ``"textrank"``.
        top: keywords per bulletin and per item.
        per_item: also rank keywords for every item.
        pos: allowed POS tags (jieba/ICTCLAS), a comma-separated string or a sequence; ``"all"``
            allows every tag; None: nouns, verbal nouns and fixed phrases.
        keep_latin: let Latin words (GDP) be keywords.
        idf: background IDF table from ``bnlp idf build`` (None: jieba's ``idf.txt``).
        user_dict: extra user dictionaries (jieba's ``WORD [FREQ] [POS]`` lines).
        stopwords: extra stopword lists (one word a line).
        jobs: read and tokenise files in this many worker processes.

    Returns:
        :class:`~bulletin_nlp.results.KeywordResult`; weights are L2-normalised TF-IDF (times a
        length prior) or TextRank scores.

    Raises:
        WordListError: a malformed user dictionary, stopword list or IDF table.
        InputError: an input that cannot be read (unless ``skip_errors``).
        UsageError: an unknown method, ``top`` below 1, no input.
    """
    from .collector import paused
    from .keywords import Extractor, background_idf
    from .results.keywords import BulletinKeywords, ItemKeywords, KeywordResult
    from .tokenizer import get_tokenizer

    options = _keyword_options(method, top, pos, keep_latin, idf)
    dicts = tuple(os.fspath(p) for p in user_dict)
    stops = tuple(os.fspath(p) for p in stopwords)
    tk = get_tokenizer(dicts, stops, verbose)
    if options.method == "tfidf":
        background_idf(options.idf_path)
    sources, errors, notes = _start(inputs, text, skip_errors)
    bulletins, cands = _candidates(sources, options, dicts, stops, encoding, jobs, errors, skip_errors, progress)
    with paused():
        ex = Extractor(tk, options)
        meta = ex.meta()
        docs = ex.extract_from_candidates(bulletins, cands, per_item) if bulletins else []
    out = [
        BulletinKeywords(b, d.keywords, [ItemKeywords(it, k) for it, k in d.items] if per_item else None, meta)
        for b, d in zip(bulletins, docs, strict=True)
    ]
    return KeywordResult(out, errors, notes + _read_notes(bulletins), meta=meta, per_item=per_item)


def _candidates(
    sources: list[str | Document | Bulletin],
    options: KeywordOptions,
    dicts: tuple[str, ...],
    stops: tuple[str, ...],
    encoding: str | None,
    jobs: int,
    errors: list[BnlpError],
    skip_errors: bool,
    progress: Progress | None,
) -> tuple[list[Bulletin], list[list[list[str]]]]:
    """Bulletins and the candidate terms of their items; files read in ``jobs`` processes."""
    from .collector import paused
    from .keywords import Extractor, file_candidates
    from .tokenizer import get_tokenizer

    wrap = progress or _no_progress
    files = [s for s in sources if isinstance(s, str)]
    done: dict[int, tuple[Any, Any]] = {}
    if jobs > 1 and len(files) > 1 and "-" not in files:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                i: pool.submit(file_candidates, s, encoding, dicts, stops, options)
                for i, s in enumerate(sources)
                if isinstance(s, str)
            }
            for i, fut in wrap(list(futures.items()), "tokenising"):
                done[i] = fut.result()
        order = list(range(len(sources)))
    else:
        order = list(wrap(list(range(len(sources))), "tokenising"))
    ex = Extractor(get_tokenizer(dicts, stops), options)
    bulletins: list[Bulletin] = []
    cands: list[list[list[str]]] = []
    for i in order:
        src = sources[i]
        if i in done:
            b, c = done[i]
        elif isinstance(src, str):
            b, c = file_candidates(src, encoding, dicts, stops, options)
        else:
            b = _segment_one(src, encoding)
            with paused():
                c = [] if options.method == "textrank" else [ex.candidates(it.title, it.body) for it in b.items]
        if isinstance(b, InputError):
            _fail(b, errors, skip_errors)
            continue
        bulletins.append(b)
        cands.append(c)
    return bulletins, cands


def _bulletins(
    sources: list[str | Document | Bulletin],
    encoding: str | None,
    errors: list[BnlpError],
    skip_errors: bool,
    progress: Progress | None,
) -> list[Bulletin]:
    out: list[Bulletin] = []
    for src in (progress or _no_progress)(sources, "segmenting"):
        try:
            out.append(_segment_one(src, encoding))
        except InputError as e:
            _fail(e, errors, skip_errors)
    return out


def classify(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    model: str | os.PathLike[str] | Model | None = None,
    themes: str | os.PathLike[str] | None = None,
    threshold: float | None = None,
    explain: bool = False,
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
) -> ThemeResult:
    """Themes of every item (multi-label, scores in [0, 1], best first), or an abstention.

    By default the shipped classifier (trained from bnlp's labelled items on first use and cached
    per user, :mod:`bulletin_nlp.default_model`); ``model`` names a classifier trained with
    :func:`train` / ``bnlp train``; ``themes`` without ``model`` scores zero-shot against that
    taxonomy. The decision is :func:`bulletin_nlp.themes.classify_items`: further themes when they
    score at least ``threshold`` (default: the model's CV-tuned threshold, 0.25 zero-shot); weak
    evidence gives no theme and an ``abstain`` reason; equal first scores are a ``tie``.

    Args:
        model: a model file (skops) or a :class:`~bulletin_nlp.training.Model`.
        themes: a taxonomy TOML file (zero-shot when no ``model``).
        explain: every format lists each theme's deciding terms (and their weights).
        notify: called with one-line notes while working (e.g. the default model being built).

    Returns:
        :class:`~bulletin_nlp.results.ThemeResult`; ``meta`` names the classifier and thresholds,
        ``notes`` says when a model was trained with other library versions or items have no
        usable words.

    Raises:
        TaxonomyError: a malformed taxonomy. TrainingError: a missing, damaged or unsafe model.
        InputError: an input that cannot be read (unless ``skip_errors``).
    """
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, not {threshold}")
    sources, errors, notes = _start(inputs, text, skip_errors)
    bulletins = _bulletins(sources, encoding, errors, skip_errors, progress)
    result = _classify_bulletins(bulletins, model, themes, threshold, notify)
    result.errors = errors
    result.notes = notes + _read_notes(bulletins) + result.notes
    result.explain = explain
    return result


def _classify_bulletins(
    bulletins: list[Bulletin],
    model: str | os.PathLike[str] | Model | None,
    themes: str | os.PathLike[str] | None,
    threshold: float | None,
    notify: Callable[[str], None] | None = None,
) -> ThemeResult:
    """Wraps the one theme decision (:func:`bulletin_nlp.themes.classify_items`) into results."""
    from .results.themes import BulletinThemes, ItemThemes, ThemeResult
    from .themes import classify_items

    items = [it for b in bulletins for it in b.items]
    preds, meta, notes = classify_items(
        items,
        model if model is None or not isinstance(model, (str, os.PathLike)) else os.fspath(model),
        os.fspath(themes) if themes is not None else None,
        threshold,
        notify=notify,
    )
    docs, k = [], 0
    for b in bulletins:
        per = preds[k : k + len(b.items)]
        k += len(b.items)
        docs.append(
            BulletinThemes(
                b,
                [ItemThemes(it, list(p.themes), p.abstain, p.tie) for it, p in zip(b.items, per, strict=True)],
                meta,
            )
        )
    result = ThemeResult(docs, [], list(notes), meta=meta)
    empty = result.unthemed()
    if empty:
        result.notes.append(f"{empty} item(s) have no usable words for classification and are left without themes")
    return result


def make_report(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    top: int = 10,
    model: str | os.PathLike[str] | Model | None = None,
    themes: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
    notify: Callable[[str], None] | None = None,
    where: ItemFilter | None = None,
) -> CollectionReport:
    """An overview of bulletins: items with themes and keywords, items per theme and region, trends.

    Calls :func:`extract_keywords` (per item, TF-IDF) and :func:`classify` on the same bulletins and
    combines them with :func:`bulletin_nlp.report.build_report` (its docstring gives the counting
    rules). ``where`` (:class:`~bulletin_nlp.filters.ItemFilter`) keeps only some items before
    anything is counted, so counts, trends and every format agree with the items shown. With
    several bulletins the report also gets the top distinctive terms per region
    (:func:`bulletin_nlp.report.distinctive_by_region`, as ``bnlp compare --by region``).

    Returns:
        :class:`~bulletin_nlp.report.CollectionReport` (``to_dict()``, ``to_dataframe()``).

    Raises:
        as :func:`extract_keywords` and :func:`classify`.
    """
    from .report import ITEM_KEYWORDS, build_report
    from .results.themes import BulletinThemes

    kw = extract_keywords(
        inputs,
        text=text,
        top=max(top, ITEM_KEYWORDS),
        per_item=True,
        jobs=jobs,
        encoding=encoding,
        skip_errors=skip_errors,
        progress=progress,
    )
    th = _classify_bulletins([d.bulletin for d in kw.documents], model, themes, None, notify)
    from dataclasses import replace

    kdocs, tdocs, notes = kw.documents, th.documents, list(th.notes)
    if where is not None and where.active:
        kept, items, undated = _filter_pairs([d.bulletin for d in tdocs], tdocs, where)
        kdocs, tdocs = [], []
        for n, idx in zip(kept, items, strict=True):
            b = replace(th.documents[n].bulletin, items=[th.documents[n].bulletin.items[i] for i in idx])
            kd = kw.documents[n]
            kdocs.append(replace(kd, bulletin=b, items=[kd.items[i] for i in idx] if kd.items is not None else None))
            tdocs.append(BulletinThemes(b, [th.documents[n].items[i] for i in idx], th.documents[n].meta))
        notes += _undated_note(undated, len(kept))
    rep = build_report(kdocs, tdocs, top, {"keywords": kw.meta, "themes": th.meta})
    if where is not None and where.sort in ("region", "theme"):  # build_report orders bulletins by date
        rep.bulletins = [
            replace(b, items=where.order(list(b.items), lambda r: r.region, lambda r: r.themes)) for b in rep.bulletins
        ]
    if len(rep.bulletins) > 1:  # a collection: the distinctive terms per region (``bnlp compare --by region``)
        from .report import distinctive_by_region

        rep.distinctive = distinctive_by_region([d.bulletin for d in tdocs], _corpus_tokenizer((), ()))
    rep.errors = list(kw.errors)
    rep.notes = list(kw.notes) + notes
    return rep


def _undated_note(names: list[str], kept: int = 1) -> list[str]:
    notes = [] if kept else ["no bulletin is dated within --since/--until: nothing to write"]
    if not names:
        return notes
    return notes + [
        f"{len(names)} undated bulletin{'s' * (len(names) != 1)} (no masthead date, no date in the file name) "
        f"left out by --since/--until: {', '.join(names)}"
    ]


def _filter_pairs(
    bulletins: Sequence[Bulletin], themes: Sequence[BulletinThemes] | None, where: ItemFilter
) -> tuple[list[int], list[list[int]], list[str]]:
    """Indices of the documents kept and, per kept document, of its items kept (ordered)."""
    from .filters import bulletin_date

    keep_docs: list[int] = []
    keep_items: list[list[int]] = []
    undated: list[str] = []
    for n, b in enumerate(bulletins):
        date = bulletin_date(b)
        if not where.keep_date(date):
            if date is None:
                undated.append(b.source)
            continue
        labels = [[s.label for s in t.themes] for t in themes[n].items] if themes is not None else None
        idx = [
            i
            for i, it in enumerate(b.items)
            if where.keep_item(it.region, it.kind, labels[i] if labels is not None and i < len(labels) else None)
        ]
        items_of, labels_of = b.items, labels or []

        def region_of(i: int, items: list[Any] = items_of) -> str | None:
            return items[i].region  # type: ignore[no-any-return]

        def themes_of(i: int, lab: list[list[str]] = labels_of) -> list[str]:
            return lab[i] if i < len(lab) else []

        idx = where.order(idx, region_of, themes_of)
        keep_docs.append(n)
        keep_items.append(idx)
    order = where.order_documents(list(range(len(keep_docs))), lambda k: bulletin_date(bulletins[keep_docs[k]]))
    return [keep_docs[k] for k in order], [keep_items[k] for k in order], undated


def filter_items(
    result: SegmentResult | ThemeResult, where: ItemFilter, *, themes: ThemeResult | None = None
) -> SegmentResult | ThemeResult:
    """``result`` with only the items ``where`` keeps, in its order (see :mod:`bulletin_nlp.filters`).

    Args:
        result: from :func:`segment_items` or :func:`classify`.
        where: the filter.
        themes: for a :class:`SegmentResult` filtered by theme: the themes of its items
            (:func:`classify` on the same bulletins).

    Returns:
        a new result of the same type; a note names undated bulletins left out by a date filter.

    Raises:
        UsageError: a theme filter on a SegmentResult without ``themes``.
    """
    from dataclasses import replace

    from .results.themes import BulletinThemes, ThemeResult

    if isinstance(result, ThemeResult):
        docs_t = result.documents
        kept, items, undated = _filter_pairs([d.bulletin for d in docs_t], docs_t, where)
        new_docs = [
            BulletinThemes(
                replace(docs_t[n].bulletin, items=[docs_t[n].bulletin.items[i] for i in idx]),
                [docs_t[n].items[i] for i in idx],
                docs_t[n].meta,
            )
            for n, idx in zip(kept, items, strict=True)
        ]
        return replace(result, documents=new_docs, notes=[*result.notes, *_undated_note(undated, len(kept))])
    if where.theme is not None and themes is None:
        raise UsageError("filtering items by theme needs their themes: classify them first")
    docs = result.documents
    kept, items, undated = _filter_pairs(docs, themes.documents if themes is not None else None, where)
    new = [replace(docs[n], items=[docs[n].items[i] for i in idx]) for n, idx in zip(kept, items, strict=True)]
    return replace(result, documents=new, notes=[*result.notes, *_undated_note(undated, len(kept))])


def build_idf(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    user_dict: Sequence[str | os.PathLike[str]] = (),
    stopwords: Sequence[str | os.PathLike[str]] = (),
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> IdfTable:
    """A background IDF table from an archive of bulletins, one document per item.

    Returns:
        :class:`~bulletin_nlp.results.IdfTable`: ``table`` ``{term: ln(N / df)}`` (words and phrases, the candidates of :meth:`~bulletin_nlp.keywords.Extractor.candidates`) in jieba's
        ``idf.txt`` convention (empty when no item was found), ``items`` N, ``bulletins``;
        ``to_text()`` gives the file ``bnlp keywords --idf`` reads.

    Raises:
        WordListError, InputError: as :func:`extract_keywords`.
    """
    from .keywords import Extractor, KeywordOptions
    from .keywords import build_idf as _build
    from .results.idf import IdfTable
    from .tokenizer import get_tokenizer

    tk = get_tokenizer(tuple(os.fspath(p) for p in user_dict), tuple(os.fspath(p) for p in stopwords))
    seg = segment_items(inputs, text=text, encoding=encoding, skip_errors=skip_errors, progress=progress)
    ex = Extractor(tk, KeywordOptions(pos=(), keep_latin=True))  # words and phrases, as keywords sees them
    docs = [ex.candidates(it.title, it.body) for b in seg for it in b.items]
    table = _build(docs) if docs else {}
    return IdfTable(table, len(docs), len(seg), list(seg.errors), list(seg.notes))


def idf_summary(path: str | os.PathLike[str], *, top: int = 10) -> IdfSummary:
    """Size, source (its ``#`` header) and the most common and rarest terms of an IDF table.

    Raises:
        WordListError: a malformed table. InputError: the file cannot be read.
    """
    from .reading import read_document
    from .results.idf import IdfSummary
    from .wordlists import parse_idf

    name = os.fspath(path)
    text = read_document(name).text
    table = parse_idf(text, name)
    source = "\n".join(
        line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#") and line.lstrip("#").strip()
    )
    ordered = sorted(table.items(), key=lambda kv: (kv[1], kv[0]))
    values = [v for _, v in ordered]
    return IdfSummary(
        name,
        len(table),
        source,
        ordered[:top],
        sorted(table.items(), key=lambda kv: (-kv[1], kv[0]))[:top],
        values[0] if values else 0.0,
        values[len(values) // 2] if values else 0.0,
        values[-1] if values else 0.0,
    )


def train(labeled: str | os.PathLike[str], *, themes: str | os.PathLike[str] | None = None) -> Model:
    """Train a theme classifier (TF-IDF + one-vs-rest logistic regression) on labelled items.

    Args:
        labeled: CSV (``title,body,themes`` or ``text,themes``), JSONL or TSV ``label<TAB>text``.
        themes: taxonomy whose labels are recorded in the model (default: the shipped one).

    Returns:
        :class:`~bulletin_nlp.training.Model`; save it with
        :func:`bulletin_nlp.training.save_model`.

    Raises:
        TrainingError: unreadable examples or too few per theme. TaxonomyError: bad taxonomy.
    """
    from .model_safety import check_label_spread
    from .themes import load_taxonomy
    from .training import TrainingError, read_labeled
    from .training import train as fit

    path = os.fspath(labeled)
    examples = read_labeled(path)
    taxonomy = load_taxonomy(os.fspath(themes) if themes is not None else None)
    try:
        notes = check_label_spread([e.labels for e in examples], path=path)
    except ValueError as e:
        raise TrainingError(str(e)) from None
    known = {lab for e in examples for lab in e.labels}
    missing = [t.label for t in taxonomy if t.label not in known]
    if missing and len(missing) < len(taxonomy):  # the labels use the taxonomy, but not all of it
        notes.append(
            f"{path}: taxonomy themes on none of the {len(examples)} labelled rows (the model will never give "
            f"them): {', '.join(missing)}"
        )
    dropped = labeled_rows(path) - len(examples)
    if dropped > 0:
        notes.append(f"{path}: dropped {dropped} row{'s' * (dropped != 1)} without a label or without text")
    model = fit(examples, taxonomy)
    model.meta["examples"] = len(examples)
    model.meta["dropped"] = max(dropped, 0)
    model.notes.extend(notes)
    return model


def labeled_rows(path: str) -> int:
    """The data rows of a labelled file, counted as :func:`~bulletin_nlp.training.read_labeled`
    reads it (JSONL: non-blank lines; CSV/TSV with a header: non-blank rows after it; header-less
    TSV: non-blank rows), for the count of rows it dropped. 0 when the file cannot be read."""
    import csv
    import io

    from .reading import InputError, read_document

    try:
        text = read_document(path).text
    except InputError:
        return 0
    if path.lower().endswith((".jsonl", ".ndjson", ".json")):
        return sum(1 for line in text.split("\n") if line.strip())
    while text.startswith("#"):  # leading comment lines, skipped by read_labeled too
        text = text.split("\n", 1)[1] if "\n" in text else ""
    first = text.split("\n", 1)[0]
    rows = [
        r for r in csv.reader(io.StringIO(text), delimiter="\t" if "\t" in first else ",") if any(c.strip() for c in r)
    ]
    from .training import _LABEL_KEYS

    header = [h.strip().lower() for h in rows[0]] if rows else []
    return len(rows) - 1 if any(h in _LABEL_KEYS for h in header) else len(rows)


def evaluate(
    labeled: str | os.PathLike[str],
    *,
    model: str | os.PathLike[str] | Model | None = None,
    cv: int | None = None,
    threshold: float | None = None,
    notify: Callable[[str], None] | None = None,
    on_fold: Callable[[int, int], None] | None = None,
) -> EvaluationResult:
    """Per-theme precision, recall and F1, micro and macro averages, top-1 accuracy, the number of
    items given no theme, and a confusion table.

    Give either ``model`` (evaluate it on ``labeled``) or ``cv`` (K-fold cross-validation of
    training on ``labeled``; thresholds tuned inside each fold). ``threshold`` (None: the tuned
    one) is the score a further theme needs. ``notify`` gets ``fold k/K`` while cross-validating.
    ``notes`` carry the model's version notes and warnings (e.g. the examples include the model's
    own training rows).
    ``on_fold(k, n)``, when given, is called instead before fold k of n is trained. Support counts
    are those of the whole file (every example is predicted once, by the fold that held it out).

    Raises:
        UsageError: neither or both of ``model`` and ``cv``. TrainingError: as :func:`train`.
    """
    from .results.themes import EvaluationResult
    from .training import Model, cross_validate, evaluate_model, load_model, read_labeled

    if (model is None) == (cv is None):
        raise UsageError("give either --model MODEL or --cv K")
    examples = read_labeled(os.fspath(labeled))
    notes: list[str] = []
    if model is not None:
        m = model if isinstance(model, Model) else load_model(os.fspath(model))
        notes += m.notes
        ev = evaluate_model(m, examples, threshold)
    else:
        assert cv is not None
        progress = (
            on_fold if on_fold is not None else (None if notify is None else (lambda k, n: notify(f"fold {k}/{n}")))
        )
        ev = cross_validate(examples, cv, threshold, progress=progress)
    notes += ev.warnings
    return EvaluationResult(ev, notes)


# -- corpus analysis -------------------------------------------------------------------------------


def _corpus_bulletins(
    inputs: Source | Iterable[Source] | None,
    text: str | Sequence[str] | None,
    encoding: str | None,
    skip_errors: bool,
    progress: Progress | None,
) -> tuple[list[Bulletin], list[BnlpError], list[str]]:
    """Segmented bulletins of the inputs, the errors skipped and the notes (files not read, reader
    warnings); the first error is raised when no input could be read at all (there is nothing to
    analyse), also with ``skip_errors``."""
    sources, errors, notes = _start(inputs, text, skip_errors)
    bulletins = _bulletins(sources, encoding, errors, skip_errors, progress)
    if not bulletins and errors:
        raise errors[0]
    return bulletins, errors, notes + _read_notes(bulletins)


def _corpus_tokenizer(
    user_dict: Sequence[str | os.PathLike[str]], stopwords: Sequence[str | os.PathLike[str]]
) -> Tokenizer:
    from .tokenizer import get_tokenizer

    return get_tokenizer(tuple(os.fspath(p) for p in user_dict), tuple(os.fspath(p) for p in stopwords))


def _theme_labels(themes: str | os.PathLike[str] | None) -> Callable[[list[Item]], list[list[str]]]:
    """Items -> theme labels (:func:`bulletin_nlp.corpus.themes.item_themes`: the default classifier,
    or zero-shot over ``themes``); the taxonomy is loaded now so a bad one is reported before any work."""
    from .corpus.themes import item_themes
    from .themes import load_taxonomy

    path = os.fspath(themes) if themes is not None else None
    load_taxonomy(path)
    return lambda items: item_themes(items, path)


def trends(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    by: str = "year",
    terms: str | Sequence[str] | None = None,
    by_theme: bool = False,
    themes: str | os.PathLike[str] | None = None,
    top: int = 10,
    t2s: bool = False,
    user_dict: Sequence[str | os.PathLike[str]] = (),
    stopwords: Sequence[str | os.PathLike[str]] = (),
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> Trends:
    """Counts per period (``by``: ``year``, ``quarter``, ``month`` or ``issue``), absolute and per
    10,000 non-whitespace characters: of ``terms`` (exact strings after NFKC; a comma-separated
    string or a sequence), of items per theme with ``by_theme`` (the default classifier, or zero-shot
    against the taxonomy ``themes`` when given, as in :func:`classify`), else of the ``top`` keywords of
    all items (summed per-item TF-IDF). Periods come from the masthead date, else the file name;
    undated documents are counted apart. ``t2s`` converts traditional characters to simplified
    first. Counting rules: :func:`bulletin_nlp.corpus.trends.trends`.

    Returns:
        :class:`~bulletin_nlp.corpus.trends.Trends`: ``to_dict()`` is ``{"by", "measure", "t2s",
        "per_10k", "terms", "periods", "rows": [{"period", "term", "count", "per_10k"}],
        "undated", "dates"}``; ``records()`` and ``table()`` give the rows.

    Raises:
        CorpusError: ``terms`` and ``by_theme`` together, an unknown ``by``, empty terms.
        TaxonomyError: a malformed taxonomy. MissingDependencyError: ``t2s`` without opencc.
        InputError: an input that cannot be read (unless ``skip_errors``; always when none can).
    """
    from .corpus.trends import trends as count
    from .errors import CorpusError

    if terms is not None and by_theme:
        raise CorpusError("give --terms or --by-theme, not both")
    wanted = None if terms is None else (terms.split(",") if isinstance(terms, str) else list(terms))
    if wanted is not None:
        wanted = [t for t in wanted if t.strip()]
    fn = _theme_labels(themes) if by_theme else None
    tk = _corpus_tokenizer(user_dict, stopwords)
    bulletins, errors, notes = _corpus_bulletins(inputs, text, encoding, skip_errors, progress)
    result = count(bulletins, tk, by, wanted, fn, top, t2s)
    result.errors = errors
    result.notes = notes + result.notes
    return result


def kwic(
    term: str,
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    width: int = 20,
    regex: bool = False,
    sort: str = "source",
    t2s: bool = False,
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> Concordance:
    """KWIC concordance: exactly one line per occurrence of ``term`` (a Python regular expression
    with ``regex``) in the items' searched text, ``width`` characters of context each side,
    sorted by ``source`` order or the ``left`` / ``right`` context
    (:func:`bulletin_nlp.corpus.kwic.kwic`).

    Returns:
        :class:`~bulletin_nlp.corpus.kwic.Concordance`: ``to_dict()`` is ``{"query", "regex",
        "width", "sort", "t2s", "count", "lines": [{"source", "item", "headline", "offset",
        "left", "term", "right"}]}``.

    Raises:
        PatternError (a CorpusError): an empty term or an invalid regular expression.
        MissingDependencyError: ``t2s`` without opencc. InputError: as :func:`trends`.
    """
    from .corpus.kwic import compile_query
    from .corpus.kwic import kwic as concordance
    from .tokenizer import get_tokenizer

    compile_query(term, regex, t2s)
    bulletins, errors, notes = _corpus_bulletins(inputs, text, encoding, skip_errors, progress)
    result = concordance(bulletins, get_tokenizer(), term, width, regex, sort, t2s)
    result.errors = errors
    result.notes = notes + result.notes
    return result


def cooccur(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    window: str = "item",
    measure: str = "jaccard",
    top: int = 50,
    vocab: int = 60,
    min_count: int = 2,
    t2s: bool = False,
    user_dict: Sequence[str | os.PathLike[str]] = (),
    stopwords: Sequence[str | os.PathLike[str]] = (),
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> Network:
    """Co-occurrence network of the ``vocab`` top keywords within items or sentences
    (``window``), pairs sharing at least ``min_count`` units, the ``top`` edges by ``measure``:
    ``jaccard`` (Jaccard 1912), ``pmi`` (Church & Hanks 1990) or ``npmi`` (Bouma 2009)
    (:func:`bulletin_nlp.corpus.cooccur.cooccur`).

    Returns:
        :class:`~bulletin_nlp.corpus.cooccur.Network`: ``to_dict()`` is ``{"measure", "citation",
        "window", "units", "nodes": [{"term", "count"}], "edges": [{"source", "target", "count",
        "weight"}]}``; ``to_networkx()`` gives the graph.

    Raises:
        CorpusError: an unknown window or measure. MissingDependencyError: ``t2s`` without
        opencc. InputError: as :func:`trends`.
    """
    from .corpus.cooccur import cooccur as network

    tk = _corpus_tokenizer(user_dict, stopwords)
    bulletins, errors, notes = _corpus_bulletins(inputs, text, encoding, skip_errors, progress)
    result = network(bulletins, tk, window, measure, top, vocab, min_count, t2s)
    result.errors = errors
    result.notes = notes + result.notes
    return result


def compare(
    inputs: Source | Iterable[Source] | None = None,
    *,
    text: str | Sequence[str] | None = None,
    by: str = "region",
    method: str = "logodds",
    top: int = 10,
    prior: float = 1000.0,
    min_count: int = 2,
    themes: str | os.PathLike[str] | None = None,
    t2s: bool = False,
    user_dict: Sequence[str | os.PathLike[str]] = (),
    stopwords: Sequence[str | os.PathLike[str]] = (),
    encoding: str | None = None,
    skip_errors: bool = False,
    progress: Progress | None = None,
) -> Comparison:
    """The ``top`` terms most distinctive of each group (``by``: ``region``, ``year``, ``theme``,
    ``unit`` or ``source``) against the rest: z of the weighted log-odds ratio with an
    informative Dirichlet prior of ``prior`` pseudo-words (Monroe, Colaresi & Quinn 2008), or
    Pearson's chi-squared with ``method="chi2"``. Grouping by theme uses the default classifier, or
    zero-shot against the taxonomy ``themes`` when given, as :func:`classify` does
    (:func:`bulletin_nlp.corpus.compare.compare`).

    Returns:
        :class:`~bulletin_nlp.corpus.compare.Comparison`: ``to_dict()`` is ``{"by", "method",
        "statistic", "citation", "prior", "ungrouped_items", "groups": [{"group", "items",
        "words", "terms": [{"term", "score", "delta", "count", "rest"}]}]}``.

    Raises:
        CorpusError: an unknown grouping or method, a prior <= 0, fewer than two groups.
        TaxonomyError, MissingDependencyError, InputError: as :func:`trends`.
    """
    from .corpus.compare import compare as distinctive

    fn = _theme_labels(themes) if by == "theme" else None
    tk = _corpus_tokenizer(user_dict, stopwords)
    bulletins, errors, notes = _corpus_bulletins(inputs, text, encoding, skip_errors, progress)
    result = distinctive(bulletins, tk, by, method, top, prior, fn, min_count, t2s)
    result.errors = errors
    result.notes = notes + result.notes
    return result


def to_dataframe(result: Any) -> Any:
    """A pandas DataFrame of any API result (one row per item, or per keyword for keywords).

    Raises:
        MissingDependencyError: pandas is not installed (``pip install "bulletin-nlp[pandas]"``).
        TypeError: ``result`` is not a bnlp result.
    """
    if not hasattr(result, "to_dataframe"):
        raise TypeError(f"to_dataframe takes a bnlp result, not {type(result).__name__}")
    return result.to_dataframe()
