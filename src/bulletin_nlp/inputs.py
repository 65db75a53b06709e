"""File names fit to show (GBK names from a Windows zip), and the files of a folder run grouped per folder.

Folders are expanded by :func:`bulletin_nlp.reading.scan_inputs`, the one scanner the API and the
command line share (README*, hidden files, lock files and other formats skipped and named;
``--glob``/``--exclude``); :func:`select_files` groups its answer per folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Selection", "readable_name", "readable_text", "select_files"]


@dataclass
class Selection:
    """The inputs after folders were expanded.

    Attributes:
        inputs: files (and non-folder arguments as given) to read, in order.
        skipped: ``{folder: [(relative name, reason), ...]}``.
        empty: folders with no file left to read.
    """

    inputs: list[str] = field(default_factory=list)
    skipped: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)

    def notes(self, limit: int = 3) -> list[str]:
        """One line per folder naming what was skipped and why (``limit`` names per reason)."""
        from .reading import _skipped_line

        return [f"{folder}: {_skipped_line(items, limit)}" for folder, items in self.skipped.items()]


def readable_name(name: str) -> str:
    """A file name fit to show: a name that is not valid UTF-8 (e.g. GBK from a Windows zip,
    held by Python as surrogate escapes) is decoded as GB18030."""
    return readable_text(name)


_ESCAPED = re.compile("[\udc80-\udcff]")


def readable_text(text: str) -> str:
    """``text`` with every run of undecodable file-name bytes (surrogate escapes, see
    :func:`os.fsdecode`) decoded as GB18030, the encoding of Chinese Windows file names.

    The result is valid UTF-8 text, and it maps back to the file: ``os.fsdecode(part.encode("gb18030"))``
    of the decoded part gives the original name (for names that are valid GB18030)."""
    if not _ESCAPED.search(text):
        return text
    out = []
    for part in re.split(rb"([/\\ :,;()]+)", os.fsencode(text)):  # per path component or word
        try:
            out.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(part.decode("gb18030", errors="replace"))
    return "".join(out)


def select_files(paths: Sequence[str], glob: Sequence[str] = (), exclude: Sequence[str] = ()) -> Selection:
    """Expand the folders among ``paths`` with :func:`bulletin_nlp.reading.scan_inputs` (the one
    folder scanner; see its docstring for what is skipped), grouped per folder. Paths that are not
    folders pass through unchanged (missing ones too: reading them gives the error)."""
    from .reading import scan_inputs

    sel = Selection()
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            sel.inputs.append(p)
            continue
        scan = scan_inputs([p], glob, exclude)
        sel.inputs.extend(scan.files)
        if not scan.files:
            sel.empty.append(p)
        root = Path(p)
        if scan.skipped:
            sel.skipped[p] = [(Path(f).relative_to(root).as_posix(), why) for f, why in scan.skipped]
    return sel
