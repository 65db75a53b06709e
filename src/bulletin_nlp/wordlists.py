"""Reading the word lists bnlp uses: user dictionaries, stopwords, IDF tables.

Every list tolerates a UTF-8 byte-order mark (which would otherwise glue itself to the first
entry and make it silently inert), CRLF line endings, blank lines and ``#`` comment lines.
Malformed lines raise :class:`WordListError` naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from .errors import BnlpError


class WordListError(BnlpError, ValueError):
    """A malformed word list; ``str(err)`` is ``path: line N: problem``."""

    def __init__(self, path: str, line: int | None, problem: str):
        where = f"{path}: line {line}: " if line else f"{path}: "
        super().__init__(where + problem)
        self.path, self.line, self.problem = path, line, problem


def read_text(path: str) -> str:
    """Read a UTF-8 (BOM optional) or GB18030 text file, LF line endings.

    Raises:
        WordListError: missing or undecodable file.
    """
    from .reading import InputError, decode_bytes

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise WordListError(path, None, f"cannot read ({e.strerror or e})") from None
    try:
        return decode_bytes(data, path)[0] if data.strip() else ""
    except InputError as e:
        raise WordListError(path, None, e.problem) from None


def resource_text(name: str) -> str:
    """Text of a file shipped in ``bulletin_nlp/resources`` (works from an installed wheel)."""
    return (resources.files("bulletin_nlp") / "resources" / name).read_text(encoding="utf-8-sig")


def iter_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, stripped line) for non-blank, non-comment lines; BOM and CR removed."""
    for n, line in enumerate(text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        s = line.strip(" \t\u3000\u00a0")
        if s and not s.startswith("#"):
            yield n, s


@dataclass(frozen=True)
class DictEntry:
    """One user-dictionary entry in jieba's format ``WORD [FREQ] [POS]``."""

    word: str
    freq: int | None
    tag: str | None
    line: int


_TAG = re.compile(r"^[a-z]{1,5}$")


def parse_userdict(text: str, path: str = "<userdict>") -> list[DictEntry]:
    """Parse a jieba user dictionary (``WORD [FREQ] [POS]`` per line; see jieba's README).

    A word may contain spaces (``智慧 城市``); bnlp matches it with the spaces removed.

    Raises:
        WordListError: fields out of order, a frequency that is not a whole number, an empty word.
    """
    entries = []
    for n, line in iter_lines(text):
        tokens = line.split()
        tag = freq = None
        if len(tokens) > 1 and _TAG.match(tokens[-1]):
            tag = tokens.pop()
        if len(tokens) > 1 and tokens[-1].isdigit():
            freq = int(tokens.pop())
        for t in tokens[1:]:
            if re.fullmatch(r"[-+]?\d+([.,]\d+)?([eE]\d+)?", t):
                raise WordListError(
                    path, n, f"{line!r}: frequency must be a whole number after the word (format: WORD [FREQ] [POS])"
                )
            if _TAG.match(t) and tag is None and freq is not None:
                raise WordListError(path, n, f"{line!r}: fields out of order (format: WORD [FREQ] [POS])")
        word = " ".join(tokens)
        if not re.search(r"\w", word):
            raise WordListError(path, n, f"{line!r}: no word")
        if freq is not None and freq <= 0:
            raise WordListError(path, n, f"{line!r}: frequency must be positive")
        entries.append(DictEntry(word, freq, tag, n))
    return entries


def parse_wordset(text: str) -> set[str]:
    """A set of words, one per line (stopword lists); only the first field of a line counts."""
    return {line.split()[0] for _, line in iter_lines(text)}


def parse_idf(text: str, path: str = "<idf>") -> dict[str, float]:
    """An IDF table, ``WORD IDF`` per line (jieba's ``idf.txt`` format).

    Raises:
        WordListError: a line without a number as its last field.
    """
    table = {}
    for n, line in iter_lines(text):
        parts = line.rsplit(None, 1)
        try:
            table[parts[0]] = float(parts[1])
        except (IndexError, ValueError):
            raise WordListError(path, n, f"{line!r}: expected WORD IDF") from None
    return table


def parse_df(text: str, path: str = "<df>") -> tuple[int, dict[str, int]]:
    """A document-frequency table: a ``# documents: N`` header line, then ``TERM DF`` per line.

    Returns:
        (N, term -> number of documents containing it).

    Raises:
        WordListError: no ``# documents:`` line, or a line without a whole number as its last field.
    """
    m = re.search(r"^#\s*documents:\s*(\d+)\s*$", text, re.M)
    if not m:
        raise WordListError(path, None, "no '# documents: N' header line")
    table = {}
    for n, line in iter_lines(text):
        parts = line.rsplit(None, 1)
        if len(parts) != 2 or not parts[1].isdigit():
            raise WordListError(path, n, f"{line!r}: expected TERM DF")
        table[parts[0]] = int(parts[1])
    return int(m.group(1)), table
