"""Consoles that never crash and never cut text.

* User text is printed literally: markup, emoji codes and highlighting are off, so ``[b]`` or
  ``[/u]`` in a bulletin stays as it is (rich would read it as markup).
* A console that cannot encode a character (a GBK Windows console) gets a replacement
  character instead of a UnicodeEncodeError: :func:`safe_streams` sets ``errors="replace"``.
* When the stream is not a terminal, tables are laid out on a very wide virtual page, so
  that nothing is cut with "…" and no colour codes are written, unless ``COLUMNS`` is set
  explicitly: then that width is used, on a terminal or not.
"""

from __future__ import annotations

import io
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # rich is imported only when a table is drawn: JSON output never needs it
    from rich.console import Console

#: Width used when output is not a terminal: wide enough that no cell is cut or wrapped.
PIPE_WIDTH = 4000


def safe_streams() -> None:
    """Make stdout and stderr replace characters their encoding cannot represent."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, io.UnsupportedOperation):  # pragma: no cover - detached streams
                pass


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def explicit_columns() -> int | None:
    """The width an explicit ``COLUMNS`` environment variable asks for, or None."""
    import os

    try:
        value = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return None
    return value if value > 0 else None


def output_width(file: TextIO | None = None) -> int:
    """The width tables are laid out for: ``COLUMNS`` if set, else the terminal's, else
    :data:`PIPE_WIDTH` for a pipe or file."""
    import shutil

    cols = explicit_columns()
    if cols is not None:
        return cols
    if is_terminal(file if file is not None else sys.stdout):
        return shutil.get_terminal_size().columns
    return PIPE_WIDTH


def make_console(file: TextIO | None = None, *, terminal: bool | None = None) -> Console:
    """A rich Console for ``file`` (default stdout) with literal text.

    Args:
        file: the stream to write to.
        terminal: force terminal (True) or pipe (False) behaviour; default: ask the stream.
    """
    from rich.console import Console

    file = file if file is not None else sys.stdout
    tty = is_terminal(file) if terminal is None else terminal
    if tty:
        return Console(file=file, markup=False, emoji=False, highlight=False, soft_wrap=False)
    return Console(
        file=file,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        width=explicit_columns() or PIPE_WIDTH,
        force_terminal=False,
        no_color=True,
        color_system=None,
    )


def render_to_text(renderable, width: int | None = None) -> str:
    """Render to a plain string with no colour codes (for ``--output`` of a table)."""
    from rich.console import Console

    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width or explicit_columns() or PIPE_WIDTH,
        markup=False,
        emoji=False,
        highlight=False,
        color_system=None,
        force_terminal=False,
        no_color=True,
    )
    console.print(renderable)
    return "\n".join(line.rstrip() for line in buf.getvalue().splitlines()) + "\n"


#: Characters a line must not start with (closing punctuation, 行首禁则 of GB/T 15834 usage).
NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—·%,.;:?!)]}")
#: Characters a line must not end with (opening punctuation).
NO_LINE_END = frozenset("（《「『【〈“‘([{")


def kinsoku_offsets(text: str, width: int, fold: bool = True) -> list[int]:
    """Line-break offsets for ``text`` at ``width`` cells, as rich's ``divide_line`` gives them,
    moved so that no line starts with closing punctuation or ends with opening punctuation
    (the break moves back by a character or two; each following line is laid out again)."""
    from rich._wrap import divide_line

    offsets: list[int] = []
    start = 0
    while True:
        rest = divide_line(text[start:], width, fold=fold)
        if not rest:
            return offsets
        b = start + rest[0]
        for _ in range(2):  # at most two characters back (“ + a character, or a character + ，)
            if b - 1 > start and (text[b] in NO_LINE_START or text[b - 1] in NO_LINE_END):
                b -= 1
        offsets.append(b)
        start = b


def _cjk_wrap(self: Any, console: Any, width: int, **kwargs: Any) -> Any:
    from rich.containers import Lines
    from rich.text import Text

    overflow = kwargs.get("overflow") or self.overflow or "fold"
    no_wrap = kwargs.get("no_wrap")
    if no_wrap or self.no_wrap or overflow == "ignore":
        return Text.wrap(self, console, width, **kwargs)
    justify = kwargs.get("justify") or self.justify or "default"
    lines = Lines()
    for line in self.split(allow_blank=True):
        new_lines = line.divide(kinsoku_offsets(str(line), width, fold=overflow == "fold"))
        for x in new_lines:
            x.rstrip_end(width)
        new_lines.justify(console, width, justify=justify, overflow=overflow)
        for x in new_lines:
            x.truncate(width, overflow=overflow)
        lines.extend(new_lines)
    return lines


def cjk_text(text: str, style: str = "") -> Any:
    """A rich Text whose line breaking follows CJK rules (:func:`kinsoku_offsets`)."""
    from rich.text import Text

    cls = _CJK_CLASS.get("cls")
    if cls is None:
        cls = type("CJKText", (Text,), {"wrap": _cjk_wrap})
        _CJK_CLASS["cls"] = cls
    return cls(text, style=style)


_CJK_CLASS: dict[str, Any] = {}
