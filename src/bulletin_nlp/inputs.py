"""Choosing the files of a folder run: what is read, what is skipped and why.

A folder given as input is searched recursively. Files are skipped, and named in a note, when
they are hidden (a name, or a folder on the way, starting with ``.``), Word lock files (``~$``),
``README*`` files (a folder's description, not a bulletin), or not a bulletin format (anything
but :data:`bulletin_nlp.reading.SUPPORTED_SUFFIXES`). ``--glob PATTERN`` keeps only files whose
path relative to the folder (or whose name) matches one of the patterns; ``--exclude PATTERN``
drops matches (both :mod:`fnmatch` patterns, repeatable). Files are returned sorted by their
relative path, so runs are deterministic. Paths that are not folders pass through unchanged.
"""

from __future__ import annotations

import fnmatch
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
        out = []
        for folder, items in self.skipped.items():
            by_reason: dict[str, list[str]] = {}
            for n, why in items:
                by_reason.setdefault(why, []).append(readable_name(n))
            parts = []
            for why, names in by_reason.items():
                shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
                parts.append(f"{shown} ({why})")
            out.append(f"{folder}: skipped {len(items)} file{'s' * (len(items) != 1)}: {'; '.join(parts)}")
        return out


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


def _match(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def select_files(paths: Sequence[str], glob: Sequence[str] = (), exclude: Sequence[str] = ()) -> Selection:
    """Expand the folders among ``paths`` (see the module docstring)."""
    from .reading import SUPPORTED_SUFFIXES

    sel = Selection()
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            sel.inputs.append(p)
            continue
        root = Path(p)
        found: list[str] = []
        skipped: list[tuple[str, str]] = []
        for f in sorted(root.rglob("*"), key=lambda x: x.relative_to(root).as_posix()):
            if not f.is_file():
                continue
            rel = f.relative_to(root).as_posix()
            parts = rel.split("/")
            if any(x.startswith(".") for x in parts):
                reason = "hidden"
            elif parts[-1].startswith("~$"):
                reason = "Word lock file"
            elif parts[-1].lower().startswith("readme"):
                reason = "README"
            elif f.suffix.lower() not in SUPPORTED_SUFFIXES:
                reason = f"not {', '.join(sorted(SUPPORTED_SUFFIXES))}"
            elif glob and not _match(rel, glob):
                reason = "not matched by --glob"
            elif exclude and _match(rel, exclude):
                reason = "--exclude"
            else:
                found.append(str(f))
                continue
            if reason != "hidden" or not any(x.startswith(".") for x in parts[:-1]):  # not inside .git etc.
                skipped.append((rel, reason))
        if found:
            sel.inputs.extend(found)
        else:
            sel.empty.append(p)
        if skipped:
            sel.skipped[p] = skipped
    return sel
