"""The ``bnlp`` command line: parses options, calls the library, hands results to a renderer.

Exit codes: 0 success; 1 an input could not be read or a run failed (the other inputs are
still processed and the failures listed at the end); 2 usage error; 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .reading import InputError

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="bnlp",
    help="Text mining for Chinese government work bulletins (工作简报, 人大信息, 政务信息).\n\n"
    "Pipeline: read -> normalise -> segment items -> tokenise -> keywords / themes -> render.\n\n"
    "Try:  bnlp segment data/sample-bulletin.txt   or   bnlp classify data/sample-bulletin.txt --explain",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
idf_app = typer.Typer(help="Build and inspect background IDF tables for `bnlp keywords --idf`.", no_args_is_help=True)
app.add_typer(idf_app, name="idf")


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


# Options shared by every command (declared once).
InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .md, .docx), folders (searched recursively) or - for standard input.", show_default=False
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: table on a terminal, json when piped.",
        case_sensitive=False,
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE (atomically) instead of standard output.", dir_okay=False),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", "-e", help="Force the input encoding (e.g. gb18030, utf-8). Default: detect."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on stderr.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", help="Also show the libraries' own log messages.")]


@dataclass
class Run:
    """Per-invocation state: the options every command shares and the failures so far."""

    fmt: Format | None = None
    output: Path | None = None
    encoding: str | None = None
    quiet: bool = False
    debug: bool = False
    failures: list[str] = field(default_factory=list)

    @property
    def format(self) -> Format:
        if self.fmt is not None:
            return self.fmt
        from .render.console import is_terminal

        return Format.table if self.output is None and is_terminal(sys.stdout) else Format.json

    def fail(self, message: str) -> None:
        self.failures.append(message)
        err(message)

    def finish(self) -> None:
        if self.failures:
            if not self.quiet and len(self.failures) > 1:
                err(f"{len(self.failures)} inputs failed:")
                for f in self.failures:
                    err("  " + f)
            raise typer.Exit(EXIT_FAILED)


def err(message: str) -> None:
    """One line on stderr, prefixed with ``bnlp: error:``."""
    sys.stderr.write(f"bnlp: error: {message}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """One line on stderr, prefixed with ``bnlp:``."""
    sys.stderr.write(f"bnlp: {message}\n")
    sys.stderr.flush()


def emit(
    run: Run,
    *,
    table: Callable[[], object],
    json: Callable[[], str],
    jsonl: Callable[[], str],
    csv: Callable[[], str],
    markdown: Callable[[], str],
) -> None:
    """Render in the chosen format to ``--output`` or stdout."""
    from .render.console import make_console, render_to_text
    from .render.formats import write_text

    fmt = run.format
    if fmt is Format.table:
        if run.output is None:
            make_console().print(table())
            return
        text = render_to_text(table())
    else:
        text = {Format.json: json, Format.jsonl: jsonl, Format.csv: csv, Format.markdown: markdown}[fmt]()
    try:
        write_text(text, str(run.output) if run.output else None, fmt.value)
    except OSError as e:
        raise CliError(f"{run.output}: cannot write ({e.strerror or e})") from None


class CliError(Exception):
    """An error reported as one line and exit code 1."""


def progress_iter(run: Run, items: list, description: str):
    """Iterate with a rich progress bar on stderr (only on a terminal, more than 3 items, not --quiet)."""
    from .render.console import is_terminal

    if run.quiet or len(items) <= 3 or not is_terminal(sys.stderr):
        yield from items
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .render.console import make_console

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=make_console(sys.stderr),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=len(items))
        for x in items:
            yield x
            bar.advance(task)


def load_bulletins(run: Run, inputs: list[str]):
    """Read and segment every input, recording failures and going on past them."""
    from .reading import expand_inputs, read_document
    from .segment import segment_document

    files, errors = expand_inputs(inputs)
    for e in errors:
        run.fail(str(e))
    if files.count("-") > 1:
        raise CliError("standard input (-) can be given only once")
    bulletins = []
    for path in progress_iter(run, files, "segmenting"):
        try:
            bulletins.append(segment_document(read_document(path, run.encoding)))
        except InputError as e:
            run.fail(str(e))
    return bulletins


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"bnlp {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool | None,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Text mining for Chinese government work bulletins."""


@app.command()
def segment(
    inputs: InputsArg,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Break bulletins into items: headline, body, unit, authors, region, kind, line span.

    Examples:

      bnlp segment data/sample-bulletin.txt

      bnlp segment bulletins/ --format csv -o items.csv

      cat bulletin.txt | bnlp segment - --format jsonl
    """
    run = Run(fmt, output, encoding, quiet, debug)
    bulletins = load_bulletins(run, inputs)
    if bulletins:
        from .render import items as view

        emit(
            run,
            table=lambda: view.segment_table(bulletins),
            json=lambda: view.segment_json(bulletins),
            jsonl=lambda: view.segment_jsonl(bulletins),
            csv=lambda: view.segment_csv(bulletins),
            markdown=lambda: view.segment_markdown(bulletins),
        )
    run.finish()


class Method(str, Enum):
    tfidf = "tfidf"
    textrank = "textrank"


UserDictOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--user-dict", help="Extra user dictionary in jieba's format (WORD [FREQ] [POS] per line). Repeatable."
    ),
]
StopwordsOpt = Annotated[
    list[str] | None, typer.Option("--stopwords", help="Extra stopword list, one word per line. Repeatable.")
]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Tokenise files in N worker processes.")]


def _tokenizer(user_dict, stopwords, verbose=False):
    from .tokenizer import get_tokenizer
    from .wordlists import WordListError

    try:
        return get_tokenizer(tuple(user_dict or ()), tuple(stopwords or ()), verbose)
    except WordListError as e:
        raise CliError(str(e)) from None


def _keyword_corpus(run: Run, inputs, user_dict, stopwords, options, jobs: int):
    """Bulletins and their candidate terms, read and tokenised in ``jobs`` processes."""
    from .keywords import file_candidates
    from .reading import expand_inputs

    files, errors = expand_inputs(inputs)
    for e in errors:
        run.fail(str(e))
    args = (run.encoding, tuple(user_dict or ()), tuple(stopwords or ()), options)
    results = []
    if jobs > 1 and len(files) > 1 and "-" not in files:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(file_candidates, f, *args) for f in files]
            results = [fut.result() for fut in progress_iter(run, futures, "tokenising")]
    else:
        results = [file_candidates(f, *args) for f in progress_iter(run, files, "tokenising")]
    bulletins, cands = [], []
    for b, c in results:
        if isinstance(b, InputError):
            run.fail(str(b))
        else:
            bulletins.append(b)
            cands.append(c)
    return bulletins, cands


@app.command()
def keywords(
    inputs: InputsArg,
    method: Annotated[
        Method, typer.Option("--method", "-m", help="tfidf (background IDF blended with the input's own) or textrank.")
    ] = Method.tfidf,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Keywords per document and per item.")] = 10,
    per_item: Annotated[bool, typer.Option("--per-item", help="Also give keywords for every item.")] = False,
    pos: Annotated[
        str | None,
        typer.Option(
            "--pos",
            help="Comma-separated POS tags allowed (jieba/ICTCLAS), or 'all'. Default: nouns, verbal nouns, fixed phrases.",
        ),
    ] = None,
    keep_latin: Annotated[
        bool, typer.Option("--keep-latin", help="Let Latin words (GDP, E讲堂's E) be keywords.")
    ] = False,
    idf: Annotated[
        Path | None,
        typer.Option("--idf", help="Background IDF table from `bnlp idf build` (default: jieba's).", exists=False),
    ] = None,
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    jobs: JobsOpt = 1,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    verbose: VerboseOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Extract keywords per bulletin (and per item) with jieba and TF-IDF or TextRank.

    Several files or a folder form one corpus: IDF is computed over all their items.

    Examples:

      bnlp keywords data/sample-bulletin.txt --per-item

      bnlp keywords bulletins/ --top 20 --jobs 2 -f csv -o keywords.csv

      bnlp keywords report.txt --user-dict mywords.txt --stopwords mystop.txt
    """
    from .keywords import Extractor, KeywordOptions, background_idf
    from .wordlists import WordListError

    run = Run(fmt, output, encoding, quiet, debug)
    allowed = (
        None
        if pos is None
        else (() if pos.strip().lower() == "all" else tuple(p.strip() for p in pos.split(",") if p.strip()))
    )
    options = KeywordOptions(method.value, top, allowed, keep_latin, str(idf) if idf else None)
    tk = _tokenizer(user_dict, stopwords, verbose)
    try:
        if method is Method.tfidf:
            background_idf(options.idf_path)
    except WordListError as e:
        raise CliError(str(e)) from None
    bulletins, cands = _keyword_corpus(run, inputs, user_dict, stopwords, options, jobs)
    if bulletins:
        from .render import keywords as view

        ex = Extractor(tk, options)
        docs = ex.extract_from_candidates(bulletins, cands, per_item)
        meta = ex.meta()
        emit(
            run,
            table=lambda: view.keywords_table(docs, meta, per_item),
            json=lambda: view.keywords_json(docs, meta, per_item),
            jsonl=lambda: view.keywords_jsonl(docs, meta, per_item),
            csv=lambda: view.keywords_csv(docs, meta, per_item),
            markdown=lambda: view.keywords_markdown(docs, meta, per_item),
        )
    run.finish()


@idf_app.command("build")
def idf_build(
    inputs: InputsArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The IDF table to write (WORD IDF per line).", dir_okay=False)
    ],
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Build a background IDF table from your own archive of bulletins (one document per item).

    Example:

      bnlp idf build archive/2023 archive/2024 -o idf.txt && bnlp keywords new.txt --idf idf.txt
    """
    from .keywords import build_idf, format_idf
    from .render.formats import write_text

    run = Run(None, output, encoding, quiet, debug)
    tk = _tokenizer(user_dict, stopwords)
    bulletins = load_bulletins(run, inputs)
    docs = [[w for w in tk.cut(it.text) if tk.is_candidate(w, True)] for b in bulletins for it in b.items]
    if not docs:
        raise CliError("no items found to build an IDF table from")
    table = build_idf(docs)
    write_text(format_idf(table), str(output), "txt")
    if not quiet:
        note(f"wrote {len(table)} terms from {len(docs)} items of {len(bulletins)} files to {output}")
    run.finish()


ThemesOpt = Annotated[
    Path | None, typer.Option("--themes", help="Your own taxonomy (TOML, same format as the shipped one).")
]


def _classify_results(run: Run, bulletins, model_path, themes_path, threshold):
    """Themes for every item of every bulletin (decision logic: :func:`bulletin_nlp.themes.classify_items`)."""
    from .themes import TaxonomyError, classify_items
    from .training import TrainingError

    items = [it for b in bulletins for it in b.items]
    try:
        preds, meta, notes = classify_items(
            items,
            str(model_path) if model_path else None,
            str(themes_path) if themes_path else None,
            threshold,
            notify=None if run.quiet else note,
        )
    except (TrainingError, TaxonomyError) as e:
        raise CliError(str(e)) from None
    for n in notes:
        note(n)
    results, k = [], 0
    for b in bulletins:
        results.append((b, preds[k : k + len(b.items)]))
        k += len(b.items)
    empty = sum(1 for p in preds if p.abstain and p.abstain.get("reason") == "no usable words")
    if empty and not run.quiet:
        note(f"{empty} item(s) have no usable words for classification and are left without themes")
    return results, meta


@app.command()
def classify(
    inputs: InputsArg,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model", help="A model from `bnlp train` (default: the shipped model; zero-shot with --themes)."
        ),
    ] = None,
    themes: ThemesOpt = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold",
            min=0.0,
            max=1.0,
            help="Score a further theme needs (default: the model's tuned threshold; 0.25 zero-shot).",
        ),
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show the terms that decided each theme.")] = False,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Assign bulletin items to themes (multi-label, scores in [0, 1]).

    Out of the box it uses the shipped classifier, trained from bnlp's labelled items on first use
    (立法, 监督, 预算财经, 代表工作, 自身建设, 营商环境, 数字化改革, 民生社会, 生态环境, 重大活动);
    with --model a classifier trained on your own labels; with --themes zero-shot over your taxonomy.
    Weak evidence gives no theme and an "abstain" reason; a tie lists both themes with "tie": true.

    Examples:

      bnlp classify data/sample-bulletin.txt --explain

      bnlp classify bulletins/ -f csv -o themes.csv   # correct the themes column, then: bnlp train themes.csv -o my.skops

      bnlp classify new.txt --model my.skops
    """
    run = Run(fmt, output, encoding, quiet, debug)
    bulletins = load_bulletins(run, inputs)
    if bulletins:
        from .render import themes as view

        results, meta = _classify_results(run, bulletins, model, themes, threshold)
        emit(
            run,
            table=lambda: view.classify_table(results, explain, meta),
            json=lambda: view.classify_json(results, explain, meta),
            jsonl=lambda: view.classify_jsonl(results, explain, meta),
            csv=lambda: view.classify_csv(results, explain, meta),
            markdown=lambda: view.classify_markdown(results, explain, meta),
        )
    run.finish()


LabeledArg = Annotated[
    str,
    typer.Argument(
        help="Labelled items: CSV (title,body,themes or text,themes), JSONL, or TSV label<TAB>text.", show_default=False
    ),
]


@app.command()
def train(
    labeled: LabeledArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (skops format).", dir_okay=False)],
    themes: ThemesOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Train a theme classifier on your own labelled items (TF-IDF + one-vs-rest logistic regression).

    Examples:

      bnlp train data/themes-train.csv -o themes.skops

      bnlp classify new-bulletin.txt --model themes.skops
    """
    from .themes import TaxonomyError, load_taxonomy
    from .training import TrainingError, read_labeled, save_model
    from .training import train as fit

    try:
        examples = read_labeled(labeled)
        taxonomy = load_taxonomy(str(themes) if themes else None)
        model = fit(examples, taxonomy)
        save_model(model, str(output))
    except (TrainingError, TaxonomyError) as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"{output}: cannot write ({e.strerror or e})") from None
    if not quiet:
        note(f"trained on {len(examples)} examples, {len(model.labels)} themes; wrote {output}")


@app.command()
def evaluate(
    labeled: LabeledArg,
    model: Annotated[
        Path | None, typer.Option("--model", help="Evaluate this trained model on the labelled items.")
    ] = None,
    cv: Annotated[int | None, typer.Option("--cv", min=2, help="Cross-validate training with K folds instead.")] = None,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", min=0.0, max=1.0, help="Score a further theme needs (default: tuned)."),
    ] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Per-theme precision, recall and F1, micro and macro averages, and a confusion table.

    Examples:

      bnlp evaluate data/themes-train.csv --cv 5

      bnlp evaluate held-out.csv --model themes.skops -f json
    """
    from .training import TrainingError, cross_validate, evaluate_model, load_model, read_labeled

    if (model is None) == (cv is None):
        raise CliError("give either --model MODEL or --cv K")
    run = Run(fmt, output, None, quiet, debug)
    try:
        examples = read_labeled(labeled)
        if model is not None:
            m = load_model(str(model))
            for n in m.notes:
                note(n)
            ev = evaluate_model(m, examples, threshold)
        else:
            ev = cross_validate(examples, cv, threshold, progress=None if quiet else lambda k, n: note(f"fold {k}/{n}"))
    except TrainingError as e:
        raise CliError(str(e)) from None
    for w in ev.warnings:
        note(w)
    from .render.formats import md_table, to_csv, to_json
    from .render.themes import evaluation_table

    rows = [
        (lab, *(round(ev.per_theme[lab][k], 4) for k in ("precision", "recall", "f1")), ev.per_theme[lab]["support"])
        for lab in ev.labels
    ]
    rows += [
        (name, round(m["precision"], 4), round(m["recall"], 4), round(m["f1"], 4), "")
        for name, m in (("micro avg", ev.micro), ("macro avg", ev.macro))
    ]
    rows.append(("top-1 accuracy", "", "", round(ev.top1, 4), ev.n))
    header = ("theme", "precision", "recall", "f1", "support")
    emit(
        run,
        table=lambda: evaluation_table(ev),
        json=lambda: to_json(ev.to_dict()),
        jsonl=lambda: to_json(ev.to_dict()),
        csv=lambda: to_csv(header, rows),
        markdown=lambda: md_table(header, rows),
    )


@app.command()
def report(
    inputs: InputsArg,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Write a self-contained HTML report to FILE (then nothing goes to stdout unless --format or -o is given).",
            dir_okay=False,
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Keywords per bulletin and overall.")] = 10,
    model: Annotated[
        Path | None,
        typer.Option("--model", help="A model from `bnlp train` (default: the shipped model)."),
    ] = None,
    themes: ThemesOpt = None,
    jobs: JobsOpt = 1,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Overview of bulletins: items with themes and keywords, items per theme and region, trends.

    Formats: table (default on a terminal) or json.

    Examples:

      bnlp report data/sample-bulletin.txt

      bnlp report bulletins/ --html report.html

      bnlp report bulletins/ -f json -o report.json
    """
    from .keywords import Extractor, KeywordOptions
    from .report import ITEM_KEYWORDS, build_report

    if fmt is not None and fmt not in (Format.table, Format.json):
        raise typer.BadParameter("report supports table or json", param_hint="'--format'")
    run = Run(fmt, output, encoding, quiet, debug)
    options = KeywordOptions(top=max(top, ITEM_KEYWORDS))
    tk = _tokenizer(None, None)
    bulletins, cands = _keyword_corpus(run, inputs, None, None, options, jobs)
    if bulletins:
        from .render import report as view
        from .render.formats import write_text

        ex = Extractor(tk, options)
        docs = ex.extract_from_candidates(bulletins, cands, True)
        results, meta = _classify_results(run, bulletins, model, themes, None)
        rep = build_report(bulletins, docs, results, top, {"keywords": ex.meta(), "themes": meta})
        if html is not None:
            try:
                write_text(view.report_html(rep), str(html), "html")
            except OSError as e:
                raise CliError(f"{html}: cannot write ({e.strerror or e})") from None
            if not quiet:
                note(f"wrote {html}")
        if html is None or fmt is not None or output is not None:
            none = lambda: ""  # noqa: E731 - formats report does not offer
            emit(
                run,
                table=lambda: view.report_table(rep),
                json=lambda: view.report_json(rep),
                jsonl=none,
                csv=none,
                markdown=none,
            )
    run.finish()


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: runs the app, turning errors into one line and an exit code."""
    from .render.console import safe_streams

    safe_streams()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        rv = app(args=args, prog_name="bnlp", standalone_mode=False)
    except typer.Exit as e:
        return e.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\nbnlp: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except Exception as e:  # usage errors, our own errors, anything unexpected
        if type(e).__name__ == "Abort":
            sys.stderr.write("\nbnlp: interrupted\n")
            return EXIT_INTERRUPTED
        if hasattr(e, "show") and isinstance(getattr(e, "exit_code", None), int):  # click's exceptions
            e.show()
            return e.exit_code
        if debug:
            raise
        if isinstance(e, (CliError, InputError)):
            err(str(e))
        else:
            err(f"{type(e).__name__}: {e} (run with --debug for the traceback)")
        return EXIT_FAILED
    if rv == EXIT_INTERRUPTED:
        sys.stderr.write("\nbnlp: interrupted\n")
    return rv if isinstance(rv, int) else EXIT_OK


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
