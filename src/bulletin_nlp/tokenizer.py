"""Word segmentation (分词): the one place that talks to jieba.

* A private ``jieba.Tokenizer`` (never jieba's global one), built once and lazily, with jieba's
  logging silenced and its import warnings (``pkg_resources``, invalid escape sequences on
  Python 3.12+) kept from the user. Its dictionary cache lives in the user's cache folder
  (platformdirs), created by bnlp; a cache that cannot be written only costs speed.
* The domain user dictionary shipped in ``resources/userdict.txt`` and the user's own
  (``--user-dict``) are added to that tokenizer, so they apply in every mode.
* Text is tokenised from an NFKC copy (full-width ２０２４ / ＧＤＰ become ASCII) in which layout
  spaces between Chinese characters are removed; whitespace never becomes a token.
* jieba's HMM guessing of unknown words is off: it invents fragments such as 改气, 改电.
  Part-of-speech tags come from the dictionaries (jieba's ``dict.txt`` and ours).

:func:`analyze` is a plain importable function, so scikit-learn models that use it can be
cloned, cross-validated, run in other processes and saved with skops.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .normalise import LAYOUT_SPACES, nfkc
from .wordlists import DictEntry, parse_userdict, parse_wordset, read_text, resource_text

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
#: Layout spaces between two characters that are not both Latin letters or digits.
_INNER_SPACE = re.compile(
    rf"(?<=[^A-Za-z0-9\s])[{re.escape(LAYOUT_SPACES)}]+|[{re.escape(LAYOUT_SPACES)}]+(?=[^A-Za-z0-9\s])"
)
_NUMBERISH = re.compile(r"^[\d.,%％‰+\-/:：~～年月日号期个万亿千百元倍多余第次项条件家人名户]*$")
_PUNCT = re.compile(r"^[\W_]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z.\-&']*$")

#: Parts of speech kept as keyword candidates by default (ICTCLAS tags as used by jieba):
#: nouns, proper nouns, organisations, verbal nouns, fixed phrases, abbreviations, and words
#: the dictionaries do not tag ("x": domain compounds, quoted terms). Verbs, adverbs and place
#: names are left out: in bulletins they are the genre's connective tissue (入选, 作出) and
#: the reporting districts, which ``region`` already gives. The domain dictionary tags the
#: genre's verb-like terms (立法, 视察, 筹办) as verbal nouns so that they stay in.
DEFAULT_POS = ("n", "nz", "nt", "nrt", "vn", "l", "i", "j", "an", "x", "eng")

_lock = threading.Lock()
_cache: dict = {}


@dataclass(frozen=True)
class Token:
    """A word and its POS tag (``x`` when no dictionary knows it)."""

    word: str
    tag: str


def quiet_import(name: str):
    """Import a jieba module with its warnings (invalid escapes on 3.12+, pkg_resources) hidden.

    jieba's sources hold invalid escape sequences, which compile with a SyntaxWarning on
    Python 3.12+ (a DeprecationWarning before) and fail under ``-W error`` when no bytecode is
    cached; its ``_compat`` imports ``pkg_resources``, deprecated in recent setuptools.
    """
    import importlib

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return importlib.import_module(name)


def _quiet_import_jieba():
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        # jieba only uses pkg_resources to open its own files and falls back to open() when the
        # import fails. Blocking it avoids its deprecation warning, its import cost, and its
        # crash on Python 3.12+ with an old setuptools (pkgutil.ImpImporter is gone).
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
        try:
            jieba = quiet_import("jieba")
        finally:
            del sys.modules["pkg_resources"]
    else:
        jieba = quiet_import("jieba")

    jieba.setLogLevel(logging.CRITICAL + 1)
    logging.getLogger("jieba").propagate = False
    return jieba


def cache_dir() -> str | None:
    """The per-user cache folder for jieba's dictionary cache, created if missing, or None."""
    try:
        import platformdirs

        path = platformdirs.user_cache_dir("bnlp", appauthor=False)
        os.makedirs(path, exist_ok=True)
        return path if os.access(path, os.W_OK) else None
    except (ImportError, OSError):  # an unusable cache folder only costs speed
        return None


class Tokenizer:
    """jieba word segmentation with bnlp's dictionaries and filters.

    Args:
        user_dicts: paths of extra user dictionaries (jieba format ``WORD [FREQ] [POS]``).
        stopword_files: paths of extra stopword lists (one word per line).
        verbose: let jieba's log messages through.

    Raises:
        WordListError: a malformed user dictionary or stopword file (names the line).
    """

    def __init__(self, user_dicts: Sequence[str] = (), stopword_files: Sequence[str] = (), verbose: bool = False):
        jieba = _quiet_import_jieba()
        if verbose:
            jieba.setLogLevel(logging.DEBUG)
        self.jieba = jieba.Tokenizer()
        folder = cache_dir()
        private = None
        if folder is None:
            # No usable cache folder: let jieba write its cache into a private folder of ours
            # that is removed right away, never into the shared temp folder or anywhere else.
            import tempfile

            folder = private = tempfile.mkdtemp(prefix="bnlp-jieba-")
        self.jieba.tmp_dir = folder
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.jieba.initialize()
        finally:
            if private:
                import shutil

                shutil.rmtree(private, ignore_errors=True)
        self.tags: dict[str, str] = {}
        self.protected: dict[str, str] = {}  # entries jieba can never match (·, quotes) -> tag
        self.warnings: list[str] = []
        for entry in parse_userdict(resource_text("userdict.txt"), "userdict.txt (shipped)"):
            self._add(entry)
        for path in user_dicts:
            for entry in parse_userdict(read_text(path), path):
                self._add(entry)
        self.stopwords = parse_wordset(resource_text("stopwords.txt"))
        for path in stopword_files:
            self.stopwords |= {nfkc(w) for w in parse_wordset(read_text(path))}
        self._protect_re = (
            re.compile("|".join(re.escape(w) for w in sorted(self.protected, key=len, reverse=True)))
            if self.protected
            else None
        )
        self._load_tags()

    def _add(self, entry: DictEntry) -> None:
        word = _INNER_SPACE.sub("", nfkc(entry.word))
        if re.search(r"[^\w+#&.%\-]", word):
            # jieba splits text on these characters before looking words up: match them ourselves
            self.protected[word] = entry.tag or "nz"
            return
        self.jieba.add_word(word, entry.freq, entry.tag)
        if entry.tag:
            self.tags[word] = entry.tag

    def _load_tags(self) -> None:
        """POS tags of jieba's main dictionary (the third field of ``dict.txt``)."""
        with self.jieba.get_dict_file() as f, _lock:
            key = ("tags", getattr(f, "name", ""))
            table = _cache.get(key)
            if table is None:
                table = {}
                for raw in f:
                    parts = raw.decode("utf-8").split()
                    if len(parts) == 3:
                        table[parts[0]] = parts[2]
                _cache[key] = table
        self.base_tags = table

    # -- tokenising ---------------------------------------------------------------------------

    def prepare(self, text: str) -> str:
        """The copy of ``text`` that is tokenised: NFKC, spaces between Chinese characters removed."""
        return _INNER_SPACE.sub("", nfkc(text))

    def cut(self, text: str) -> list[str]:
        """Words of ``text`` (NFKC copy), whitespace dropped; user entries with ``·`` or quotes kept whole."""
        return self.cut_prepared(self.prepare(text))

    def cut_prepared(self, s: str) -> list[str]:
        """As :meth:`cut`, for text already passed through :meth:`prepare`."""
        if self._protect_re is None:
            return _merge_numbers([w for w in self.jieba.lcut(s, HMM=False) if w.strip()])
        out: list[str] = []
        pos = 0
        for m in self._protect_re.finditer(s):
            out += [w for w in self.jieba.lcut(s[pos : m.start()], HMM=False) if w.strip()]
            out.append(m.group(0))
            pos = m.end()
        out += [w for w in self.jieba.lcut(s[pos:], HMM=False) if w.strip()]
        return _merge_numbers(out)

    def tag(self, word: str) -> str:
        """POS tag of ``word`` from the user dictionaries, then jieba's, else ``eng``/``m``/``x``."""
        t = self.tags.get(word) or self.protected.get(word) or self.base_tags.get(word)
        if t:
            return t
        if _LATIN.match(word):
            return "eng"
        if _NUMBERISH.match(word):
            return "m"
        return "x"

    def tokens(self, text: str) -> list[Token]:
        """Words of ``text`` with POS tags."""
        return [Token(w, self.tag(w)) for w in self.cut(text)]

    def is_content(self, word: str) -> bool:
        """False for stopwords, punctuation, whitespace and bare numbers (one-character words pass)."""
        return not (word in self.stopwords or _PUNCT.match(word) or _NUMBERISH.match(word))

    def is_candidate(self, word: str, keep_latin: bool = False) -> bool:
        """Can ``word`` be a keyword? Needs two or more characters and a Chinese character
        (a Latin word too with ``keep_latin``), and must not be a stopword or a number."""
        if len(word) < 2 or not self.is_content(word):
            return False
        if _HAS_CJK.search(word):
            return not re.match(r"^[\d.]+[%％]?[\u4e00-\u9fff]?$", word)
        return keep_latin and bool(_LATIN.match(word))

    def content_words(self, text: str) -> list[str]:
        """Words for a classifier's vocabulary: content words, one-character words included."""
        return [w for w in self.cut(text) if self.is_content(w)]


def _merge_numbers(words: list[str]) -> list[str]:
    """Join what jieba cuts apart in a number: ``5 . 2 %`` -> ``5.2%``."""
    if "." not in words and "%" not in words:
        return words
    out: list[str] = []
    for w in words:
        prev = out[-1] if out else ""
        if w in (".", "%") and prev.replace(".", "").isdigit() and not prev.endswith("."):
            out[-1] = prev + w
        elif w.isdigit() and prev.endswith(".") and prev[:-1].replace(".", "").isdigit() and prev.count(".") == 1:
            out[-1] = prev + w
        else:
            out.append(w)
    return out


def get_tokenizer(
    user_dicts: Iterable[str] = (), stopword_files: Iterable[str] = (), verbose: bool = False
) -> Tokenizer:
    """The shared :class:`Tokenizer` for these dictionary files, built on first use."""
    key = (tuple(user_dicts), tuple(stopword_files), verbose)
    with _lock:
        tk = _cache.get(key)
    if tk is None:
        tk = Tokenizer(key[0], key[1], verbose)
        with _lock:
            _cache[key] = tk
    return tk


def analyze(text: str) -> list[str]:
    """Analyzer for scikit-learn vectorizers: content words of ``text`` (default dictionaries).

    An importable module-level function, so fitted models can be cloned, cross-validated,
    sent to worker processes and saved with skops.
    """
    return get_tokenizer().content_words(text)


def jieba_version() -> str:
    """The installed jieba version."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jieba")
    except PackageNotFoundError:  # pragma: no cover - jieba imported from a source tree
        return "unknown"
