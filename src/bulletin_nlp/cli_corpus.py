"""The corpus-analysis commands ``bnlp trends``, ``kwic``, ``cooccur`` and ``compare``.

:func:`register` adds them to the Typer app of :mod:`bulletin_nlp.cli` (done once, when this
module is imported: ``cli.py`` imports it after its helpers), using its shared
options, :class:`~bulletin_nlp.cli.Run`, :func:`~bulletin_nlp.cli.emit` and
:func:`~bulletin_nlp.cli.load_bulletins`. Each command reads and segments its inputs, calls one
function of :mod:`bulletin_nlp.corpus` and hands the result to :mod:`bulletin_nlp.render.corpus`.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .cli import (
    CliError,
    DebugOpt,
    EncodingOpt,
    FormatOpt,
    InputsArg,
    OutputOpt,
    QuietOpt,
    Run,
    StopwordsOpt,
    UserDictOpt,
    _tokenizer,
    app,
    emit,
    load_bulletins,
    note,
)
from .corpus.variants import VariantsUnavailable


class By(str, Enum):
    """Period of `trends --by`."""

    year = "year"
    quarter = "quarter"
    month = "month"
    issue = "issue"


class Window(str, Enum):
    """Unit of `cooccur --window`."""

    item = "item"
    sentence = "sentence"


class Measure(str, Enum):
    """Edge weight of `cooccur --measure`."""

    jaccard = "jaccard"
    pmi = "pmi"
    npmi = "npmi"


class Sort(str, Enum):
    """Order of `kwic --sort`."""

    source = "source"
    left = "left"
    right = "right"


class GroupBy(str, Enum):
    """Grouping of `compare --by`."""

    region = "region"
    year = "year"
    theme = "theme"
    unit = "unit"
    source = "source"


class CompareMethod(str, Enum):
    """Statistic of `compare --method`."""

    logodds = "logodds"
    chi2 = "chi2"


HtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        help="Also write a self-contained HTML page with an SVG chart to FILE (no scripts, no network).",
        dir_okay=False,
    ),
]
T2sOpt = Annotated[
    bool,
    typer.Option(
        "--t2s",
        help="Convert traditional characters to simplified first (OpenCC t2s; needs the opencc package).",
    ),
]
TaxonomyOpt = Annotated[
    Path | None, typer.Option("--taxonomy", help="Your own taxonomy (TOML) for theme counts or groups.")
]


def _write_html(run: Run, path: Path | None, make) -> None:
    from .render.formats import write_text

    if path is None:
        return
    try:
        write_text(make(), str(path), "html")
    except OSError as e:
        raise CliError(f"{path}: cannot write ({e.strerror or e})") from None
    if not run.quiet:
        note(f"wrote {path}")


def _themes_fn(taxonomy: Path | None):
    from .corpus.themes import item_themes
    from .themes import TaxonomyError, load_taxonomy

    try:
        load_taxonomy(str(taxonomy) if taxonomy else None)  # report a bad file before any work
    except TaxonomyError as e:
        raise CliError(str(e)) from None
    return lambda items: item_themes(items, str(taxonomy) if taxonomy else None)


def _emit(run: Run, view, name: str, result) -> None:
    emit(
        run,
        table=lambda: getattr(view, f"{name}_table")(result),
        json=lambda: getattr(view, f"{name}_json")(result),
        jsonl=lambda: getattr(view, f"{name}_jsonl")(result),
        csv=lambda: getattr(view, f"{name}_csv")(result),
        markdown=lambda: getattr(view, f"{name}_markdown")(result),
    )


def trends(
    inputs: InputsArg,
    by: Annotated[By, typer.Option("--by", help="Period: year, quarter, month or issue.")] = By.year,
    terms: Annotated[
        str | None, typer.Option("--terms", help="Comma-separated terms to count (exact strings, NFKC).")
    ] = None,
    themes: Annotated[bool, typer.Option("--themes", help="Count items per theme instead of terms.")] = False,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Top keywords counted when no --terms/--themes.")] = 10,
    taxonomy: TaxonomyOpt = None,
    html: HtmlOpt = None,
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    t2s: T2sOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Counts of terms, themes or the top keywords per period, absolute and per 10,000 characters.

    Periods come from the masthead date, else the file name (1954.txt, 2023-03, 20230331);
    undated documents are counted apart and named.

    Examples:

      bnlp trends reports/ --terms 高质量发展,营商环境

      bnlp trends bulletins/ --by month --themes --html trends.html

      bnlp trends bulletins/ --by quarter -f csv -o trends.csv
    """
    from .corpus.trends import trends as count
    from .render import charts
    from .render import corpus as view

    if terms is not None and themes:
        raise CliError("give --terms or --themes, not both")
    run = Run(fmt, output, encoding, quiet, debug)
    fn = _themes_fn(taxonomy) if themes else None
    tk = _tokenizer(user_dict, stopwords)
    bulletins = load_bulletins(run, inputs)
    if bulletins:
        wanted = None if terms is None else [t for t in terms.split(",") if t.strip()]
        try:
            result = count(bulletins, tk, by.value, wanted, fn, top, t2s)
        except (ValueError, VariantsUnavailable) as e:
            raise CliError(str(e)) from None
        _write_html(run, html, lambda: charts.trends_html(result))
        if html is None or fmt is not None or output is not None:
            _emit(run, view, "trends", result)
    run.finish()


def kwic(
    term: Annotated[
        str, typer.Argument(help="The term (or with --regex a Python regular expression).", show_default=False)
    ],
    inputs: InputsArg,
    width: Annotated[int, typer.Option("--width", "-w", min=0, help="Context characters on each side.")] = 20,
    sort: Annotated[Sort, typer.Option("--sort", help="Order: source, left or right context.")] = Sort.source,
    regex: Annotated[bool, typer.Option("--regex", help="TERM is a regular expression.")] = False,
    t2s: T2sOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """KWIC concordance: one line per occurrence of TERM with its left and right context.

    Examples:

      bnlp kwic 营商环境 reports/

      bnlp kwic '数字(化|经济)' bulletins/ --regex --sort right -f csv -o kwic.csv
    """
    from .corpus.kwic import PatternError, compile_query
    from .corpus.kwic import kwic as concordance
    from .render import corpus as view

    try:
        compile_query(term, regex, t2s)
    except (PatternError, VariantsUnavailable) as e:
        raise CliError(str(e)) from None
    run = Run(fmt, output, encoding, quiet, debug)
    tk = _tokenizer(None, None)
    bulletins = load_bulletins(run, inputs)
    if bulletins:
        _emit(run, view, "kwic", concordance(bulletins, tk, term, width, regex, sort.value, t2s))
    run.finish()


def cooccur(
    inputs: InputsArg,
    window: Annotated[
        Window, typer.Option("--window", help="Co-occurrence within an item or a sentence.")
    ] = Window.item,
    measure: Annotated[
        Measure,
        typer.Option(
            "--measure", help="Edge weight: jaccard (Jaccard 1912), pmi (Church & Hanks 1990) or npmi (Bouma 2009)."
        ),
    ] = Measure.jaccard,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Edges kept.")] = 50,
    vocab: Annotated[int, typer.Option("--vocab", min=2, help="Top keywords of the input that can be nodes.")] = 60,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Units a pair must share.")] = 2,
    html: HtmlOpt = None,
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    t2s: T2sOpt = False,
    fmt: FormatOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE; a .gexf or .graphml file gets the network (for Gephi).",
            dir_okay=False,
        ),
    ] = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Co-occurrence network of the top keywords within items or sentences.

    Weights: jaccard (Jaccard 1912), pmi (Church & Hanks 1990) or npmi (Bouma 2009).

    Examples:

      bnlp cooccur bulletins/ --top 30

      bnlp cooccur reports/ --window sentence --measure npmi -o net.gexf --html net.html
    """
    from .corpus.cooccur import cooccur as network
    from .render import charts
    from .render import corpus as view
    from .render.formats import write_text

    graph = output is not None and output.suffix.lower() in (".gexf", ".graphml")
    run = Run(fmt, None if graph else output, encoding, quiet, debug)
    tk = _tokenizer(user_dict, stopwords)
    bulletins = load_bulletins(run, inputs)
    if bulletins:
        try:
            result = network(bulletins, tk, window.value, measure.value, top, vocab, min_count, t2s)
        except VariantsUnavailable as e:
            raise CliError(str(e)) from None
        if graph:
            try:
                write_text(view.graph_file(result, str(output)), str(output), "xml")
            except OSError as e:
                raise CliError(f"{output}: cannot write ({e.strerror or e})") from None
            if not quiet:
                note(f"wrote {len(result.nodes)} nodes and {len(result.edges)} edges to {output}")
        _write_html(run, html, lambda: charts.cooccur_html(result))
        if (html is None and not graph) or fmt is not None:
            _emit(run, view, "cooccur", result)
    run.finish()


def compare(
    inputs: InputsArg,
    by: Annotated[GroupBy, typer.Option("--by", help="Groups: region, year, theme, unit or source.")] = GroupBy.region,
    method: Annotated[
        CompareMethod,
        typer.Option("--method", "-m", help="logodds (Monroe, Colaresi & Quinn 2008) or chi2."),
    ] = CompareMethod.logodds,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Terms per group.")] = 10,
    prior: Annotated[
        float, typer.Option("--prior", min=0.001, help="Size of the informative Dirichlet prior, in pseudo-words.")
    ] = 1000.0,
    min_count: Annotated[int, typer.Option("--min-count", min=1, help="Least count of a term in its group.")] = 2,
    taxonomy: TaxonomyOpt = None,
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    t2s: T2sOpt = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """The terms most distinctive of each group against the rest, with the statistic shown.

    Examples:

      bnlp compare bulletins/ --by region

      bnlp compare reports/ --by year --method chi2 -f csv -o distinctive.csv
    """
    from .corpus.compare import compare as distinctive
    from .render import corpus as view

    run = Run(fmt, output, encoding, quiet, debug)
    fn = _themes_fn(taxonomy) if by is GroupBy.theme else None
    tk = _tokenizer(user_dict, stopwords)
    bulletins = load_bulletins(run, inputs)
    if bulletins:
        try:
            result = distinctive(bulletins, tk, by.value, method.value, top, prior, fn, min_count, t2s)
        except (ValueError, VariantsUnavailable) as e:
            raise CliError(str(e)) from None
        _emit(run, view, "compare", result)
    run.finish()


def register(app: typer.Typer) -> None:
    """Add ``trends``, ``kwic``, ``cooccur`` and ``compare`` to ``app``."""
    for fn in (trends, kwic, cooccur, compare):
        app.command()(fn)


register(app)
