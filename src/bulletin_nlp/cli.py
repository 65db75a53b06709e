"""The ``bnlp`` command line: a thin layer over :mod:`bulletin_nlp.api`.

Each command parses its own options, calls one API function and hands the result to
:meth:`Run.emit`, which picks the renderer from the format registry of
:mod:`bulletin_nlp.render`. The options every command shares (``--format``, ``--output``,
``--encoding``, ``--quiet``, ``--debug``) are declared once, in :data:`SHARED_OPTIONS`; the
:func:`command` decorator adds the ones a command asks for to its signature and gives the
command body a :class:`Run` holding their values.

Adding a command::

    @command(app, shared=STANDARD, formats=("table", "json"))     # shared: names in SHARED_OPTIONS
    def corpus(run: Run, inputs: InputsArg, top: TopOpt = 10) -> None:
        # its docstring is the --help text
        from . import api

        run.emit(api.corpus(inputs, top=top, **run.reading))      # reading: encoding, skip_errors, progress

More of what :func:`command` gives every command, generically:

* ``-o FILE`` names the format by its extension (:func:`bulletin_nlp.render.format_for_path`);
  ``command(..., html=True)`` makes ``-o x.html`` mean the command's HTML page (``run.html``).
* ``shared=(*STANDARD, *FILTERS)`` adds ``--theme/--region/--kind/--since/--until/--sort``;
  ``run.where`` is their :class:`~bulletin_nlp.filters.ItemFilter`.
* An ``inputs`` argument has its folders expanded by :func:`bulletin_nlp.reading.scan_inputs`
  (``--glob``/``--exclude``, skipped files named).
* A docstring's ``Examples:`` part becomes an epilog printed verbatim (:func:`split_examples`).

``run.emit(result)`` prints the inputs that failed and the result's notes, then renders it with
``render.render(result, fmt)``: JSON, JSONL, CSV and XLSX from the result's ``to_dict()``,
``records()``, ``table()`` and ``sheets()``; the terminal table and Markdown from the views its
class names in ``views`` (see :mod:`bulletin_nlp.results`). ``formats`` limits ``--format``; a run with failures exits 1.

Exit codes: 0 success; 1 an input could not be read or a run failed (the other inputs are
still processed and the failures listed at the end); 2 usage error; 130 interrupted.
"""

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from . import __version__, collector
from .errors import BnlpError, UsageError
from .render import FORMATS, HTML_EXTENSIONS, format_for_path

if TYPE_CHECKING:
    from typer._click.exceptions import ClickException
else:
    try:  # Typer >= 0.22 ships its own copy of Click
        from typer._click.exceptions import ClickException
    except ImportError:  # pragma: no cover - older Typer depends on Click
        from click.exceptions import ClickException

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

app = typer.Typer(
    name="bnlp",
    help="Text mining for Chinese government work bulletins (工作简报, 人大信息, 政务信息).\n\n"
    "Pipeline: read -> normalise -> segment items -> tokenise -> keywords / themes -> render.\n\n"
    "Try:  bnlp segment data/sample-bulletin.txt   or   bnlp classify data/sample-bulletin.txt --explain",
    epilog="Read more: README.md, sections Quick start, Usage (output files, filters, shell completion) and "
    "Python API; `bnlp COMMAND --help` for each command.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
idf_app = typer.Typer(
    help="Build (`idf build`) and inspect (`idf show`) background IDF tables for `bnlp keywords --idf`.",
    no_args_is_help=True,
)
app.add_typer(idf_app, name="idf")
cache_app = typer.Typer(
    help="Show or clear bnlp's cache of prepared dictionaries and IDF tables.", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")

#: The ``--format`` choices: the names of the format registry.
Format = Enum("Format", {name: name for name in FORMATS}, type=str)  # type: ignore[misc]

# -- options shared by commands: declared once ------------------------------------------------------

#: name -> (annotated type, default). :func:`command` adds the ones a command names.
SHARED_OPTIONS: dict[str, tuple[Any, Any]] = {
    "fmt": (
        Annotated[
            Format | None,
            typer.Option(
                "--format",
                "-f",
                help="Output format. Default: table on a terminal, json when piped.",
                case_sensitive=False,
                show_default=False,
            ),
        ],
        None,
    ),
    "output": (
        Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help="Write to FILE (atomically) instead of standard output.", dir_okay=False
            ),
        ],
        None,
    ),
    "encoding": (
        Annotated[
            str | None,
            typer.Option("--encoding", "-e", help="Force the input encoding (e.g. gb18030, utf-8). Default: detect."),
        ],
        None,
    ),
    "quiet": (
        Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar, notes or summary on stderr.")],
        False,
    ),
    "verbose": (Annotated[bool, typer.Option("--verbose", help="Also show the libraries' own log messages.")], False),
    "debug": (Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")], False),
}


class Kind(str, Enum):
    article = "article"
    brief = "brief"


class SortBy(str, Enum):
    date = "date"
    region = "region"
    theme = "theme"


def _date_option(value: str | None) -> str | None:
    if value is None:
        return None
    from .filters import parse_user_date

    try:
        return parse_user_date(value)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


SHARED_OPTIONS.update(
    {
        "theme": (
            Annotated[str | None, typer.Option("--theme", help="Only items whose themes include THEME (e.g. 监督).")],
            None,
        ),
        "region": (
            Annotated[str | None, typer.Option("--region", help="Only items about REGION (e.g. 江北区).")],
            None,
        ),
        "kind": (
            Annotated[Kind | None, typer.Option("--kind", help="Only articles (with a headline) or briefs.")],
            None,
        ),
        "since": (
            Annotated[
                str | None,
                typer.Option(
                    "--since", help="Only bulletins dated on or after DATE (YYYY[-MM[-DD]]).", callback=_date_option
                ),
            ],
            None,
        ),
        "until": (
            Annotated[
                str | None,
                typer.Option("--until", help="Only bulletins dated on or before DATE.", callback=_date_option),
            ],
            None,
        ),
        "sort": (
            Annotated[
                SortBy | None,
                typer.Option("--sort", help="Order: bulletins by date (undated last), items by region or first theme."),
            ],
            None,
        ),
    }
)
SHARED_OPTIONS.update(
    {
        "glob": (
            Annotated[
                list[str] | None,
                typer.Option("--glob", help="In folders, read only files matching PATTERN (e.g. '2024*'). Repeatable."),
            ],
            None,
        ),
        "exclude": (
            Annotated[
                list[str] | None,
                typer.Option("--exclude", help="In folders, skip files matching PATTERN. Repeatable."),
            ],
            None,
        ),
    }
)
#: The shared options of a command that reads bulletins and writes a result.
STANDARD = ("fmt", "output", "encoding", "quiet", "debug", "glob", "exclude")
#: Item filters and sorting (applied before rendering, see :mod:`bulletin_nlp.filters`).
FILTERS = ("theme", "region", "kind", "since", "until", "sort")


T = TypeVar("T")


@dataclass
class Run:
    """Per-invocation state: the shared options' values and the failures so far."""

    fmt: Any = None
    output: Path | None = None
    encoding: str | None = None
    quiet: bool = False
    debug: bool = False
    verbose: bool = False
    failures: list[str] = field(default_factory=list)
    #: ``-o page.html`` of a command that draws HTML: the page to write (``output`` is then None).
    html: Path | None = None
    glob: list[str] | None = None
    exclude: list[str] | None = None
    theme: str | None = None
    region: str | None = None
    kind: Any = None
    since: str | None = None
    until: str | None = None
    sort: Any = None

    @property
    def where(self) -> Any:
        """The :class:`~bulletin_nlp.filters.ItemFilter` of ``--theme/--region/--kind/--since/--until/--sort``."""
        from .filters import ItemFilter

        return ItemFilter(
            self.theme,
            self.region,
            self.kind.value if self.kind is not None else None,
            self.since,
            self.until,
            self.sort.value if self.sort is not None else None,
        )

    @property
    def format(self) -> str:
        """The format to write: ``--format``, else the one ``-o FILE``'s extension names
        (``.csv``, ``.jsonl``, ``.json``, ``.md``, ``.xlsx``), else table on a terminal and json
        otherwise."""
        if self.fmt is not None:
            return str(self.fmt.value)
        named = format_for_path(str(self.output)) if self.output is not None else None
        if named is not None:
            return named
        from .render.console import is_terminal

        return "table" if self.output is None and is_terminal(sys.stdout) else "json"

    def check_output(self, command: str, formats: Sequence[str], html: bool) -> None:
        """Check ``--format`` and ``-o FILE`` agree and the command can write them.

        ``-o x.html`` becomes :attr:`html` for a command that draws HTML (``html``).

        Raises:
            UsageError: a format the command cannot write, an extension that contradicts
                ``--format``, or ``-o x.html`` for a command without an HTML page.
        """
        from .errors import UsageError

        given = str(self.fmt.value) if self.fmt is not None else None
        if given is not None and given not in formats:
            raise UsageError(f"{command} cannot write {given}: use --format {' or '.join(formats)}")
        if self.output is None:
            return
        name = str(self.output)
        if os.path.splitext(name)[1].lower() in HTML_EXTENSIONS:
            if not html:
                raise UsageError(
                    f"{command} does not draw HTML, so -o {name} cannot be written: "
                    f"name the file for one of {', '.join(formats)} (e.g. .json, .csv, .xlsx)"
                )
            if given is not None:
                raise UsageError(f"-o {name} is an HTML page but --format {given} was given: use one of them")
            self.html, self.output = self.output, None
            return
        named = format_for_path(name)
        if named is not None and given is not None and named != given:
            raise UsageError(f"-o {name} names the {named} format but --format {given} was given: use one of them")
        if named is not None and named not in formats:
            raise UsageError(f"{command} cannot write {named} (-o {name}): use one of {', '.join(formats)}")

    @property
    def reading(self) -> dict[str, Any]:
        """Keyword arguments every reading API call takes from the shared options."""
        return {"encoding": self.encoding, "skip_errors": True, "progress": self.progress}

    def select(self, inputs: list[str]) -> list[str]:
        """The files to read: folders expanded by :func:`bulletin_nlp.reading.scan_inputs`, the
        scanner the API uses too (skipped files named once in a note, grouped by reason; missing
        paths and empty folders failed, ``--glob``/``--exclude`` applied); a hint on stderr when
        standard input is a terminal.

        Raises:
            UsageError: every input was a folder with nothing left to read.
        """
        from .reading import scan_inputs
        from .render.console import is_terminal

        if "-" in inputs and is_terminal(sys.stdin) and not self.quiet:
            note(
                "reading a bulletin from standard input (the terminal): paste it, then Ctrl-D (Ctrl-Z Enter on Windows)"
            )
        scan = scan_inputs(inputs, self.glob or (), self.exclude or ())
        for n in scan.notes:
            self.note(n)
        for e in scan.errors:
            self.fail(str(e))
        if not scan.files:
            raise typer.Exit(EXIT_FAILED)
        return scan.files

    def fail(self, message: str) -> None:
        self.failures.append(message)
        err(message)

    def note(self, message: str) -> None:
        if not self.quiet:
            note(message)

    def collect(self, result: Any) -> None:
        """Report the inputs a result could not read, then its notes."""
        for e in getattr(result, "errors", ()):
            self.fail(str(e))
        for n in getattr(result, "notes", ()):
            self.note(n)

    def finish(self) -> None:
        if self.failures:
            if not self.quiet and len(self.failures) > 1:
                err(f"{len(self.failures)} inputs failed:")
                for f in self.failures:
                    err("  " + f)
            raise typer.Exit(EXIT_FAILED)

    def step(self, k: int, n: int) -> None:
        """Progress of long work: ``fold k of n`` on stderr (one short line a fold, also when stderr
        is a file, so a log shows how far a long run got; not with --quiet)."""
        if not self.quiet:
            note(f"fold {k} of {n}...")

    def progress(self, items: Sequence[T], description: str) -> Iterator[T]:
        """Iterate with a rich progress bar on stderr (only on a terminal, more than 3 items, not --quiet)."""
        from .render.console import is_terminal

        if self.quiet or len(items) <= 3 or not is_terminal(sys.stderr):
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

    def emit(self, result: Any) -> None:
        """Report the result's failures and notes, then render it (if it holds anything) in the
        chosen format to ``--output`` or stdout."""
        from .render import render
        from .render.console import make_console, render_to_text
        from .render.formats import write_bytes, write_text

        self.collect(result)
        if hasattr(result, "documents") and not result.documents:
            return
        readable_sources(result)
        fmt = self.format
        out = render(result, fmt)
        if isinstance(out, bytes):  # a binary format (xlsx)
            write_bytes(out, str(self.output) if self.output is not None else None)
            return
        if not isinstance(out, str):  # a rich renderable
            if self.output is None:
                make_console().print(out)
                return
            out = render_to_text(out)
        write_text(out, str(self.output) if self.output is not None else None, fmt)


def readable_sources(result: Any) -> None:
    """Give the documents of ``result`` readable ``source`` names: a file name that is not valid
    UTF-8 (a GBK name from a Windows zip) is shown decoded as GB18030
    (:func:`bulletin_nlp.inputs.readable_text`), so that every format can be written as UTF-8."""
    from .inputs import readable_text

    for d in getattr(result, "documents", ()):
        for obj in (d, getattr(d, "bulletin", None)):
            source = getattr(obj, "source", None)
            if isinstance(source, str) and readable_text(source) != source:
                try:
                    object.__setattr__(obj, "source", readable_text(source))
                except (AttributeError, TypeError):  # a read-only property: set on its bulletin
                    pass


def err(message: str) -> None:
    """One line on stderr, prefixed with ``bnlp: error:``."""
    from .inputs import readable_text

    message = readable_text(message)
    sys.stderr.write(f"bnlp: error: {message}\n")
    sys.stderr.flush()


def note(message: str) -> None:
    """One line on stderr, prefixed with ``bnlp:``."""
    from .inputs import readable_text

    message = readable_text(message)
    sys.stderr.write(f"bnlp: {message}\n")
    sys.stderr.flush()


def command(
    group: typer.Typer,
    name: str | None = None,
    *,
    shared: Iterable[str] = STANDARD,
    formats: Sequence[str] = tuple(FORMATS),
    html: bool = False,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register ``fn(run, ...)`` as a command of ``group``, with the ``shared`` options added.

    ``fn`` declares only its own options; its first parameter is the :class:`Run` that carries
    the shared options' values. A ``--format`` outside ``formats``, or an ``-o FILE`` whose
    extension names another format than ``--format`` or one outside ``formats``, is a usage
    error (exit 2). ``html``: the command draws an HTML page, and ``-o x.html`` asks for it
    (``run.html``); for other commands it is a usage error.
    Failures recorded on the run make the command exit 1 after it has written what it could.
    """
    names = tuple(shared)

    def decorate(fn: Callable[..., None]) -> Callable[..., None]:
        sig = inspect.signature(fn, eval_str=True)
        own = [p for p in sig.parameters.values()][1:]  # drop ``run``
        extra = [
            inspect.Parameter(
                n, inspect.Parameter.KEYWORD_ONLY, default=SHARED_OPTIONS[n][1], annotation=SHARED_OPTIONS[n][0]
            )
            for n in names
        ]

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            collector.resume_after_startup()  # the command starts: see bulletin_nlp.collector
            run = Run(**{n: kwargs.pop(n) for n in names})
            if "output" in names:
                run.check_output(name or fn.__name__, formats, html)
            elif run.fmt is not None:
                run.check_output(name or fn.__name__, formats, False)
            if isinstance(kwargs.get("inputs"), list):
                kwargs["inputs"] = run.select(kwargs["inputs"])
            fn(run, *args, **kwargs)
            run.finish()

        wrapper.__signature__ = sig.replace(  # type: ignore[attr-defined]
            parameters=[p.replace(kind=inspect.Parameter.KEYWORD_ONLY) if p.default is not p.empty else p for p in own]
            + extra
        )
        wrapper.__annotations__ = {p.name: p.annotation for p in own + extra}
        help_text, epilog = split_examples(inspect.getdoc(fn) or "")
        group.command(name, help=help_text, epilog=epilog)(wrapper)
        return wrapper

    return decorate


def split_examples(doc: str) -> tuple[str, str | None]:
    """A command docstring split into its help text and an epilog of its examples.

    The part from a line ``Examples:`` (or ``Example:``) on becomes the epilog, marked with
    Click's ``\\b`` so that it is printed verbatim: a command line is never wrapped in the
    middle. Blank lines between examples are dropped; ``#`` comments stay on their line.
    """
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        if line.strip() in ("Examples:", "Example:"):
            examples = [x.rstrip() for x in lines[i + 1 :] if x.strip()]
            if not examples:
                break
            body = "\n".join("  " + x.strip() for x in examples)
            return "\n".join(lines[:i]).rstrip(), f"{line.strip()}\n\n\b\n{body}"
    return doc, None


# -- commands -------------------------------------------------------------------------------------

InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .md, .docx, .pdf, .html, .htm, .mhtml, .rtf, .odt), folders (searched recursively)"
        " or - for standard input.",
        show_default=False,
        metavar="INPUT",
    ),
]


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


@command(app, shared=(*STANDARD, *FILTERS))
def segment(run: Run, inputs: InputsArg) -> None:
    """Break bulletins into items: headline, body, unit, authors, region, kind, line span.

    Examples:

      bnlp segment data/sample-bulletin.txt

      bnlp segment bulletins/ --format csv -o items.csv

      cat bulletin.txt | bnlp segment - --format jsonl
    """
    from . import api

    result = api.segment_items(inputs, **run.reading)
    where = run.where
    if where.active:
        themes = api.classify(list(result.documents)) if where.theme is not None else None
        run.emit(api.filter_items(result, where, themes=themes))
    else:
        run.emit(result)


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
TopOpt = Annotated[int, typer.Option("--top", "-k", min=1, help="Keywords per document and per item.")]
ModelOpt = Annotated[
    Path | None,
    typer.Option("--model", help="A model from `bnlp train` (default: the shipped model; zero-shot with --themes)."),
]
ThemesOpt = Annotated[
    Path | None, typer.Option("--themes", help="Your own taxonomy (TOML, same format as the shipped one).")
]


@command(app, shared=(*STANDARD, "verbose"))
def keywords(
    run: Run,
    inputs: InputsArg,
    method: Annotated[
        Method, typer.Option("--method", "-m", help="tfidf (background IDF blended with the input's own) or textrank.")
    ] = Method.tfidf,
    top: TopOpt = 10,
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
) -> None:
    """Extract keywords per bulletin (and per item) with jieba and TF-IDF or TextRank.

    Several files or a folder form one corpus: IDF is computed over all their items.

    Examples:

      bnlp keywords data/sample-bulletin.txt --per-item

      bnlp keywords bulletins/ --top 20 --jobs 2 -f csv -o keywords.csv

      bnlp keywords report.txt --user-dict mywords.txt --stopwords mystop.txt
    """
    from . import api

    result = api.extract_keywords(
        inputs,
        method=method.value,
        top=top,
        per_item=per_item,
        pos=pos,
        keep_latin=keep_latin,
        idf=idf,
        user_dict=user_dict or (),
        stopwords=stopwords or (),
        jobs=jobs,
        verbose=run.verbose,
        **run.reading,
    )
    run.emit(result)


@command(idf_app, "build", shared=("encoding", "quiet", "debug", "glob", "exclude"))
def idf_build(
    run: Run,
    inputs: InputsArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The IDF table to write (WORD IDF per line).", dir_okay=False)
    ],
    user_dict: UserDictOpt = None,
    stopwords: StopwordsOpt = None,
) -> None:
    """Build a background IDF table from your own archive of bulletins (one document per item).

    Example:

      bnlp idf build archive/2023 archive/2024 -o idf.txt && bnlp keywords new.txt --idf idf.txt
    """
    from . import api
    from .atomic import write_text
    from .errors import UsageError

    idf = api.build_idf(inputs, user_dict=user_dict or (), stopwords=stopwords or (), **run.reading)
    run.collect(idf)
    if not idf.table:
        raise UsageError("no items found to build an IDF table from")
    header = (
        f"# IDF table built by bnlp {__version__} (`bnlp idf build`): ln(N / df) over N = {idf.items} items "
        f"of {idf.bulletins} files: {' '.join(inputs[:5])}{' …' if len(inputs) > 5 else ''}\n"
    )
    write_text(output, header + idf.to_text())
    run.note(f"wrote {len(idf.table)} terms from {idf.items} items of {idf.bulletins} files to {output}")


@command(idf_app, "show")
def idf_show(
    run: Run,
    table: Annotated[Path, typer.Argument(help="An IDF table (WORD IDF per line).", dir_okay=False)],
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Terms shown at each end.")] = 10,
) -> None:
    """Show an IDF table: its size, source (header) and the most common and rarest terms.

    Example:

      bnlp idf show idf.txt --top 20
    """
    from . import api

    run.emit(api.idf_summary(table, top=top))


@command(app, shared=(*STANDARD, *FILTERS))
def classify(
    run: Run,
    inputs: InputsArg,
    model: ModelOpt = None,
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
    from . import api

    result = api.classify(
        inputs, model=model, themes=themes, threshold=threshold, explain=explain, notify=run.note, **run.reading
    )
    run.emit(api.filter_items(result, run.where) if run.where.active else result)


LabeledArg = Annotated[
    str,
    typer.Argument(
        help="Labelled items: CSV (title,body,themes or text,themes), JSONL, or TSV label<TAB>text.", show_default=False
    ),
]


@command(app, shared=("quiet", "debug"))
def train(
    run: Run,
    labeled: LabeledArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (skops format).", dir_okay=False)],
    themes: ThemesOpt = None,
) -> None:
    """Train a theme classifier on your own labelled items (TF-IDF + one-vs-rest logistic regression).

    Examples:

      bnlp train data/themes-train.csv -o themes.skops

      bnlp classify new-bulletin.txt --model themes.skops
    """
    from . import api
    from .training import save_model

    run.note(f"training a theme classifier on {labeled} (TF-IDF + one-vs-rest logistic regression)...")
    model = api.train(labeled, themes=themes)
    for n in model.notes:
        run.note(n)
    save_model(model, str(output))
    dropped = model.meta.get("dropped", 0)
    run.note(
        f"trained on {model.meta['examples']} examples ({dropped} row{'s' * (dropped != 1)} dropped: no label or no text), "
        f"{len(model.labels)} themes; wrote {output}"
    )


@command(app, shared=("fmt", "output", "quiet", "debug"))
def evaluate(
    run: Run,
    labeled: LabeledArg,
    model: Annotated[
        Path | None, typer.Option("--model", help="Evaluate this trained model on the labelled items.")
    ] = None,
    cv: Annotated[int | None, typer.Option("--cv", min=2, help="Cross-validate training with K folds instead.")] = None,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", min=0.0, max=1.0, help="Score a further theme needs (default: tuned)."),
    ] = None,
) -> None:
    """Per-theme precision, recall and F1, micro and macro averages, and a confusion table.

    Examples:

      bnlp evaluate data/themes-train.csv --cv 5

      bnlp evaluate held-out.csv --model themes.skops -f json
    """
    from . import api

    what = f"{cv}-fold cross-validation" if cv else f"model {model}"
    run.note(f"evaluating {what} on {labeled}...")
    run.emit(api.evaluate(labeled, model=model, cv=cv, threshold=threshold, notify=run.note, on_fold=run.step))


@command(app, shared=(*STANDARD, *FILTERS), html=True)
def report(
    run: Run,
    inputs: InputsArg,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            help="Write a self-contained HTML report to FILE (-o FILE.html does the same; then nothing goes to "
            "stdout unless --format or another -o is given).",
            dir_okay=False,
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-k", min=1, help="Keywords per bulletin and overall.")] = 10,
    model: ModelOpt = None,
    themes: ThemesOpt = None,
    jobs: JobsOpt = 1,
    summary: Annotated[
        bool, typer.Option("--summary", help="Only the collection summary, no section per bulletin (table, markdown).")
    ] = False,
) -> None:
    """Overview of bulletins: items with themes and keywords, items per theme and region, trends.

    Formats: table (default on a terminal), json, jsonl (one line per bulletin), csv (one row per
    item), markdown (the report), xlsx (sheets: items, themes, regions, documents); HTML with
    --html FILE or -o FILE.html.

    Examples:

      bnlp report data/sample-bulletin.txt

      bnlp report bulletins/ -o report.html

      bnlp report bulletins/ -o report.xlsx

      bnlp report bulletins/ -f json -o report.json
    """
    from . import api

    html = html or run.html
    rep = api.make_report(
        inputs, top=top, model=model, themes=themes, jobs=jobs, where=run.where, notify=run.note, **run.reading
    )
    rep.summary_only = summary
    if html is not None and rep.bulletins:
        readable_sources(rep)
        from .atomic import write_text
        from .render.report import report_html

        write_text(html, report_html(rep))
        run.note(f"wrote {html}")
    if html is None or run.fmt is not None or run.output is not None:
        run.emit(rep)
    else:
        run.collect(rep)


@command(cache_app, "info", shared=("debug",))
def cache_info(run: Run) -> None:
    """Print the cache folder and each cached file with its size (one per line, tab-separated)."""
    from .cache import info_text

    sys.stdout.write(info_text())


@command(cache_app, "clear", shared=("quiet", "debug"))
def cache_clear(run: Run) -> None:
    """Remove bnlp's cached files; they are rebuilt when next needed."""
    from .cache import cache_path, clear

    removed, freed = clear()
    run.note(f"removed {removed} files ({freed} bytes) from {cache_path()}")


# The corpus commands (trends, kwic, cooccur, compare) add themselves to `app` when imported.
from . import cli_corpus  # noqa: E402, F401 - needs the helpers above


def main(argv: list[str] | None = None) -> int:
    """Runs the app on ``argv`` (default: the process's own arguments, as the ``bnlp`` console
    script does), turning errors into one line and an exit code."""
    from .render.console import safe_streams

    safe_streams()
    if argv is None:  # the process's own entry point (the console script, python -m bulletin_nlp)
        collector.freeze_at_exit()
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        rv = _app_for(args)(args=args, prog_name="bnlp", standalone_mode=False)
    except typer.Exit as e:
        return e.exit_code
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("\nbnlp: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except ClickException as e:  # usage errors: Click's usage line, one plain sentence, exit code 2
        e.format_message = functools.partial(plain_usage_message, e.format_message())  # type: ignore[method-assign]
        e.show()
        return e.exit_code
    except UsageError as e:  # options that cannot work together: one plain sentence, exit 2
        if debug:
            raise
        err(str(e))
        return EXIT_USAGE
    except BnlpError as e:  # bad input, unreadable model, unwritable output: one line
        if debug:
            raise
        err(str(e))
        return EXIT_FAILED
    except Exception as e:  # noqa: BLE001 - a bug: one line, the traceback with --debug
        if debug:
            raise
        err(f"{type(e).__name__}: {e} (run with --debug for the traceback)")
        return EXIT_FAILED
    if rv == EXIT_INTERRUPTED:
        sys.stderr.write("\nbnlp: interrupted\n")
    return rv if isinstance(rv, int) else EXIT_OK


def _app_for(args: list[str]) -> typer.Typer:
    """``app``, or, when ``args`` start with the name of one of its commands, a copy of ``app``
    holding that command alone: Typer builds every command's Click command and parameters before
    it parses, about 15 ms for bnlp's, of which a run needs one. Usage lines and errors are the
    same (the copy keeps the group, its callback and settings). Shell completion sees ``app``."""
    import copy

    if not args or any(k.endswith("_COMPLETE") for k in os.environ):
        return app
    for info in app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)  # type: ignore[union-attr]
        if name == args[0]:
            one = copy.copy(app)
            one.registered_commands = [info]
            one.registered_groups = []
            return one
    return app


def plain_usage_message(message: str) -> str:
    """A usage error as one plain sentence: the validation layer's ``Value error,`` and
    ``Invalid value for X: Input should be ...`` become ``X must be ...``."""
    import re

    message = re.sub(r"\bValue error, ", "", message)
    m = re.fullmatch(r"Invalid value for (.+?): Input should be (.*)", message, flags=re.S)
    if m:
        message = f"{m.group(1)} must be {m.group(2)}"
    message = message.strip()
    return message if message.endswith((".", "?", "!")) else message + "."


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
