"""Layout normalisation that keeps the original text recoverable.

Layout decisions (is a line blank, where does a byline start, is a headline short) are made on
a view of the text in which every *layout space* counts as whitespace: ASCII whitespace, the
ideographic space U+3000, no-break spaces and zero-width characters. The text bnlp outputs is
always the original characters, only trimmed of layout spaces at both ends.

Tokenising works on an NFKC-normalised copy (Unicode Standard Annex #15), which turns
full-width digits and Latin letters (２０２４, ＧＤＰ) into their ASCII forms.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache


class LazyPattern:
    """A regular expression compiled at its first use, for the rules most texts never reach.

    Compiling is paid by every process that imports a module (``re`` caches compiled patterns
    per process only); a class of the CJK block costs about 1 ms to compile, so a rule that a
    plain bulletin never consults is compiled when one does. Offers the methods of
    :class:`re.Pattern` that bnlp uses (``match``, ``fullmatch``, ``search``, ``sub``,
    ``split``, ``findall``, ``finditer``) and ``pattern``.
    """

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it was not yet)."""
        c = self._compiled
        if c is None:
            c = self._compiled = re.compile(self.pattern, self._flags)
        return c

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled().split(string, maxsplit)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list:
        return self.compiled().findall(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)


#: Characters that count as whitespace for layout decisions.
LAYOUT_SPACES = (
    " \t\n\r\x0b\x0c"
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000"
    "\u200b\u200c\u200d\u2060\ufeff"
)
_SPACE_CLASS = "[" + re.escape(LAYOUT_SPACES) + "]"
#: A run of layout spaces. Compiled at first use: its class of 27 characters beyond Latin-1 costs
#: about 0.4 ms to compile (twice 64K-entry tables in ``sre``), and :func:`squash` and
#: :func:`split_spaces` need it only for lines holding a layout space other than U+0020 and U+3000.
SPACE_RUN = LazyPattern(_SPACE_CLASS + "+")
#: The line breaks of :func:`split_lines` (``\r\n``, then ``\r``, then ``\n``), as a pattern.
LINE_BREAK = LazyPattern(r"\r\n|\r|\n")

#: Sentence-final punctuation, full- and half-width.
SENTENCE_END = "。！？!?；;…"
#: Closing marks that may follow sentence-final punctuation.
CLOSERS = "”’」』）)】》\"'"


def strip(text: str) -> str:
    """Trim layout spaces (see :data:`LAYOUT_SPACES`) from both ends of ``text``."""
    return text.strip(LAYOUT_SPACES)


@lru_cache(maxsize=4096)
def squash(text: str) -> str:
    """Remove every layout space from ``text`` (for length tests and comparisons).

    Memoised (the layout rules ask for the same line's view many times). Equal to
    ``SPACE_RUN.sub("", text)``; every layout space but U+0020 is a character that
    :meth:`str.isprintable` rejects, so a text that is printable once its ordinary and ideographic
    spaces, line feeds and tabs are removed holds no other, and the pattern is compiled only for a
    text that does.
    """
    if text.isprintable():
        return text.replace(" ", "") if " " in text else text
    out = text.replace("\u3000", "").replace(" ", "").replace("\n", "").replace("\t", "")
    return out if out.isprintable() else SPACE_RUN.sub("", out)


def split_spaces(text: str) -> list[str]:
    """``text`` split at runs of layout spaces: equal to ``SPACE_RUN.split(text)`` (so a leading
    or trailing run gives an empty first or last piece). Every layout space but U+0020 is one that
    :meth:`str.isprintable` rejects; for a text holding only ordinary and ideographic spaces, line
    feeds and tabs the split is done by :meth:`str.split` and the pattern is not compiled."""
    t = text
    if not t.isprintable():
        t = t.replace("\u3000", " ").replace("\n", " ").replace("\t", " ")
        if not t.isprintable():
            return SPACE_RUN.split(text)
    parts = t.split(" ")
    if len(parts) > 2:  # a run of several spaces gives empty pieces inside: one run, one cut
        parts = [parts[0], *[p for p in parts[1:-1] if p], parts[-1]]
    return parts


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing but layout spaces."""
    return not text.strip(LAYOUT_SPACES)


def split_lines(text: str) -> list[str]:
    """Split on CRLF, CR or LF (and nothing else), so that line numbers match editors'.

    Equal to ``LINE_BREAK.split(text)``: :meth:`str.replace` turns each CRLF, then each remaining
    CR, into LF scanning left to right as the pattern does, without compiling it."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def _ascii_images() -> dict[str, str]:
    """Characters common in Chinese text whose NFKC form is plain ASCII (full-width forms
    U+FF01-U+FF5E, the ideographic space, typographic spaces, the ellipsis) -> that form."""
    chars = [chr(c) for c in (*range(0xFF01, 0xFF5F), 0x3000, 0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x2026)]
    return {c: n for c in chars if (n := unicodedata.normalize("NFKC", c)) != c and n.isascii()}


_ASCII_IMAGES = _ascii_images()
_HAS_IMAGE = frozenset(_ASCII_IMAGES)
#: The full-width punctuation of nearly every Chinese text, tried first.
_COMMON_WIDE = "，：；（）！？％"


def nfkc(text: str) -> str:
    """Unicode NFKC normalisation: full-width digits and letters become ASCII.

    The result is always ``unicodedata.normalize("NFKC", text)``. Fast path: the full-width
    punctuation of Chinese text (，：；（）) is replaced by its ASCII image first, and when the result
    is already in NFKC it is the answer (replacing a character by its compatibility decomposition
    leaves the NFKD form, hence the NFKC form, unchanged; UAX #15), which is several times cheaper
    than normalising text that is nearly all CJK characters.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text
    out = text
    for c in _COMMON_WIDE:  # str.replace scans in C and returns the same object when c is absent
        out = out.replace(c, _ASCII_IMAGES[c])
    if out is not text and unicodedata.is_normalized("NFKC", out):
        return out
    for c in _HAS_IMAGE.intersection(out):
        out = out.replace(c, _ASCII_IMAGES[c])
    if out is not text and unicodedata.is_normalized("NFKC", out):
        return out
    return unicodedata.normalize("NFKC", text)


def clean_decoded(text: str) -> str:
    """Normalise freshly decoded text: drop every U+FEFF (a BOM or zero-width no-break space
    carries no content) and turn CRLF and CR line endings into LF."""
    return "\n".join(split_lines(text.replace("\ufeff", "")))


def ends_sentence(text: str) -> bool:
    """True when ``text`` (trimmed) ends with sentence-final punctuation, closers allowed after it."""
    t = strip(text).rstrip(CLOSERS)
    return bool(t) and t[-1] in SENTENCE_END


#: Inline pinyin after a Chinese character, as on mirror sites: ``學(xué)習(xí)``.
PINYIN = LazyPattern(r"(?<=[\u4e00-\u9fff])[（(][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}[)）]")

_T2S = None


def t2s_converter():
    """OpenCC's traditional-to-simplified converter (``t2s``), loaded once per process and shared
    by the layout view, keywords, themes and the corpus commands.

    Raises:
        ImportError: the ``opencc`` module (``opencc-python-reimplemented``) is not installed.
    """
    global _T2S
    if _T2S is None:
        import opencc  # opencc-python-reimplemented (OpenCC's dictionaries, pure Python)

        _T2S = opencc.OpenCC("t2s")
    return _T2S


class _CJKOutsideGB2312(Exception):
    pass


def _skip_unless_cjk(err: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: skip characters GB 2312 lacks unless one is a CJK ideograph."""
    assert isinstance(err, UnicodeEncodeError)
    if any("\u4e00" <= c <= "\u9fff" for c in err.object[err.start : err.end]):
        raise _CJKOutsideGB2312
    return "", err.end


codecs.register_error("bulletin_nlp.skip-unless-cjk", _skip_unless_cjk)


def _cjk_all_gb2312(text: str) -> bool:
    """True when every CJK ideograph (U+4E00-U+9FFF) of ``text`` is in GB 2312 (also when it has
    none): encoding to GB 2312, a stateless code, fails on a character exactly when it fails on
    that character alone, so one pass at C speed, whose handler skips the other characters GB 2312
    lacks, tells."""
    try:
        text.encode("gb2312", "bulletin_nlp.skip-unless-cjk")
    except _CJKOutsideGB2312:
        return False
    return True


def simplified(text: str) -> str:
    """``text`` with traditional characters turned into simplified ones by OpenCC (``t2s``),
    character for character, so that the result has the same length and every position still
    points at the same character of the original. Text without CJK characters is returned as is.

    Layout rules and word lists work on this view; output keeps the original characters.
    """
    if _cjk_all_gb2312(text):
        return text
    conv = t2s_converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(conv.convert(c) if "\u4e00" <= c <= "\u9fff" else c for c in text)


def strip_pinyin(text: str) -> str:
    """Remove inline pinyin annotations (``學(xué)習(xí)`` -> ``學習``) for analysis."""
    return PINYIN.sub("", text)


def is_traditional(text: str, view: str | None = None) -> bool:
    """True when ``text`` is written in traditional characters: OpenCC changes at least 3 of its
    CJK characters and at least 3% of them (simplified text loses a character or two to
    OpenCC's phrase table, never that many)."""
    view = simplified(text) if view is None else view
    if view == text:
        return False  # nothing changed
    changed = sum(1 for a, b in zip(text, view, strict=False) if a != b)
    if changed < 3:
        return False
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    return changed * 100 >= 3 * max(cjk, 1)


def analysis_view(text: str) -> str:
    """The text that word segmentation and themes see: inline pinyin removed and, for text in
    traditional characters (:func:`is_traditional`), the simplified view."""
    text = strip_pinyin(text)
    view = simplified(text)
    return view if is_traditional(text, view) else text
