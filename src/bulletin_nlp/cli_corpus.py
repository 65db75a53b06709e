"""The corpus-analysis commands ``bnlp trends``, ``kwic``, ``cooccur`` and ``compare``.

Declared like every other command with :func:`bulletin_nlp.cli.command` (shared options added
by the decorator) and registered on :data:`bulletin_nlp.cli.app` when this module is imported
(``cli.py`` imports it at its end). Each body calls one function of :mod:`bulletin_nlp.api`
and hands the result to :meth:`~bulletin_nlp.cli.Run.emit`: JSON, JSONL and CSV come from the
result's ``to_dict()``, ``records()`` and ``table()``, the terminal table and Markdown from its
views in :mod:`bulletin_nlp.render.corpus`. ``--html`` pages (:mod:`bulletin_nlp.render.charts`)
and network files are written with :func:`bulletin_nlp.atomic.write_text`.

``--themes FILE`` is the taxonomy, as in ``bnlp classify``; ``trends --by-theme`` counts items
per theme instead of terms.
"""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .cli import STANDARD, InputsArg, Run, StopwordsOpt, ThemesOpt, UserDictOpt, app, command


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
        help="Also write a self-contained HTML page with an SVG chart to FILE (no scripts, no network); "
        "then nothing goes to stdout unless --format or -o is given.",
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


def _write(run: Run, path: Path, text: str, what: str = "") -> None:
    """Write ``text`` to ``path`` with the one atomic writer and say so (unless --quiet)."""
    from .atomic import write_text

    write_text(path, text)
    run.note(f"wrote {what}{path}")


@command(app, shared=STANDARD, html=True)
def trends(
    run: Run,
    inputs: InputsArg,
    by: Annotated[By, typer.Option("--by", help="Period: year, quarter, month or issue.")] = By.year,
    terms: Annotated[
        str | None, typer.Option("--terms", help="Comma-separated terms to count (exact strings, NFKC).")
    ] = None,
    by_theme: Annotated[
        bool, typer.Option("--by-theme", help="Count items per theme (taxonomy: --themes) instead of terms.")
    ] = False,
    themes: ThemesOpt = None,
    top: Annotated[
        int, typer.Option("--top", "-k", min=1, help="Top keywords counted when no --terms/--by-theme.")
    ] = 10,
    html: HtmlOpt = None,
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    t2s: T2sOpt = False,
) -> None:
    """Counts of terms, themes or the top keywords per period, absolute and per 10,000 characters.

    Periods come from the masthead date, else the file name (1954.txt, 2023-03, 20230331);
    undated documents are counted apart and named.

    Examples:

      bnlp trends reports/ --terms 高质量发展,营商环境

      bnlp trends bulletins/ --by month --by-theme --html trends.html

      bnlp trends bulletins/ --by quarter -f csv -o trends.csv
    """
    from . import api

    html = html or run.html  # -o trends.html
    result = api.trends(
        inputs,
        by=by.value,
        terms=terms,
        by_theme=by_theme,
        themes=themes,
        top=top,
        t2s=t2s,
        user_dict=user_dict or (),
        stopwords=stopwords or (),
        **run.reading,
    )
    if html is not None:
        from .render.charts import trends_html

        _write(run, html, trends_html(result))
    if html is None or run.fmt is not None or run.output is not None:
        run.emit(result)
    else:
        run.collect(result)


@command(app, shared=STANDARD)
def kwic(
    run: Run,
    term: Annotated[
        str, typer.Argument(help="The term (or with --regex a Python regular expression).", show_default=False)
    ],
    inputs: InputsArg,
    width: Annotated[int, typer.Option("--width", "-w", min=0, help="Context characters on each side.")] = 20,
    sort: Annotated[Sort, typer.Option("--sort", help="Order: source, left or right context.")] = Sort.source,
    regex: Annotated[bool, typer.Option("--regex", help="TERM is a regular expression.")] = False,
    t2s: T2sOpt = False,
) -> None:
    """KWIC concordance: one line per occurrence of TERM with its left and right context.

    Examples:

      bnlp kwic 营商环境 reports/

      bnlp kwic '数字(化|经济)' bulletins/ --regex --sort right -f csv -o kwic.csv
    """
    from . import api

    run.emit(api.kwic(term, inputs, width=width, regex=regex, sort=sort.value, t2s=t2s, **run.reading))


@command(app, shared=STANDARD, html=True)
def cooccur(
    run: Run,
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
) -> None:
    """Co-occurrence network of the top keywords within items or sentences.

    Weights: jaccard (Jaccard 1912), pmi (Church & Hanks 1990) or npmi (Bouma 2009). An --output
    FILE ending in .gexf or .graphml gets the network itself (for Gephi); then nothing goes to
    stdout unless --format is given.

    Examples:

      bnlp cooccur bulletins/ --top 30

      bnlp cooccur reports/ --window sentence --measure npmi -o net.gexf --html net.html
    """
    from . import api

    html = html or run.html  # -o net.html
    result = api.cooccur(
        inputs,
        window=window.value,
        measure=measure.value,
        top=top,
        vocab=vocab,
        min_count=min_count,
        t2s=t2s,
        user_dict=user_dict or (),
        stopwords=stopwords or (),
        **run.reading,
    )
    graph = run.output is not None and run.output.suffix.lower() in (".gexf", ".graphml")
    if graph:
        from .render.corpus import graph_file

        path = run.output
        assert path is not None
        _write(
            run,
            path,
            graph_file(result, str(path)),
            f"{len(result.nodes)} nodes and {len(result.edges)} edges to ",
        )
        run.output = None
    if html is not None:
        from .render.charts import cooccur_html

        _write(run, html, cooccur_html(result))
    if (html is None and not graph) or run.fmt is not None:
        run.emit(result)
    else:
        run.collect(result)


@command(app, shared=STANDARD)
def compare(
    run: Run,
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
    themes: ThemesOpt = None,
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    t2s: T2sOpt = False,
) -> None:
    """The terms most distinctive of each group against the rest, with the statistic shown.

    --by theme groups items by their themes (taxonomy: --themes, as in classify).

    Examples:

      bnlp compare bulletins/ --by region

      bnlp compare reports/ --by year --method chi2 -f csv -o distinctive.csv
    """
    from . import api

    result = api.compare(
        inputs,
        by=by.value,
        method=method.value,
        top=top,
        prior=prior,
        min_count=min_count,
        themes=themes,
        t2s=t2s,
        user_dict=user_dict or (),
        stopwords=stopwords or (),
        **run.reading,
    )
    run.emit(result)
