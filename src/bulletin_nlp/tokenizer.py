"""Word segmentation (分词): jieba's dictionary and jieba's no-HMM cut, with bnlp's dictionaries.

* The prefix dictionary is jieba's ``dict.txt`` with the domain user dictionary shipped in
  ``resources/userdict.txt`` and the user's own (``--user-dict``) applied; with the POS tags it is
  built once and kept in bnlp's cache (:mod:`bulletin_nlp.cache`, keyed on the content of every
  dictionary and the library versions), so a run loads it with one ``marshal.loads`` instead of
  parsing ``dict.txt`` (jieba itself is not even imported on the keyword path).
* User words are added as jieba's ``add_word`` adds them, except that the dictionary total stays
  that of ``dict.txt``: text that holds none of the added words is cut exactly as jieba cuts it
  (jieba raises the total with every added word, which made it keep 重大任务 whole).
* Words are cut by :func:`cut_block`, jieba 0.42's maximum-probability path without HMM
  (``lcut(HMM=False)``) computed with the same floating-point operations: the same words as
  jieba over the same dictionary (tested over the shared corpora), about twice as fast. jieba's
  HMM guessing of unknown words stays off: it invents fragments such as 改气, 改电.
* Part-of-speech tags come from the dictionaries (jieba's ``dict.txt`` and ours), never from
  ``jieba.posseg``.
* Text is tokenised from an NFKC copy (full-width ２０２４ / ＧＤＰ become ASCII) in which layout
  spaces between Chinese characters are removed; whitespace never becomes a token.

No second backend: rjieba (jieba-rs) cuts jieba's own dictionary identically and about 15 times
faster, but it keeps its dictionary total equal to the sum of its entries' frequencies (every
``add_word`` adds to it, and nothing sets it), so with any user word its total differs from
jieba's and from bnlp's. Either the user dictionary would change how unrelated text is cut (the
重大任务 defect above), or its words would differ from this backend's; results must not depend on
what is installed.

:func:`analyze` is a plain importable function, so scikit-learn models that use it can be
cloned, cross-validated, run in other processes and saved with skops.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .cache import SortedTable, cache_dir, load_or_build
from .normalise import LAYOUT_SPACES, nfkc
from .wordlists import parse_userdict, parse_wordset, read_text, resource_text

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
#: Layout spaces between two characters that are not both Latin letters or digits. The leading
#: lookahead lets the regex engine skip to the next space instead of trying the lookbehind at
#: every character (same matches, a third of the time on Chinese text).
_INNER_SPACE = re.compile(
    rf"(?=[{re.escape(LAYOUT_SPACES)}])"
    rf"(?:(?<=[^A-Za-z0-9\s])[{re.escape(LAYOUT_SPACES)}]+|[{re.escape(LAYOUT_SPACES)}]+(?=[^A-Za-z0-9\s]))"
)
_NUMBERISH = re.compile(r"^[\d.,%％‰+\-/:：~～年月日号期个万亿千百元倍多余第次项条件家人名户]*$")
_NUMBER_UNIT = re.compile(r"^[\d.]+[%％]?[\u4e00-\u9fff]?$")
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


#: jieba's ``re_han_default``: the runs of characters its dictionary path is computed over.
_RE_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
#: Characters jieba's no-HMM cut joins when the path leaves them single (``re_eng``).
_ENG = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_ABSENT = object()
#: Value of a first character in :attr:`PrefixDictionary.logp` until its entries are loaded.
UNLOADED = object()
#: Runs of text whose words a tokenizer remembers (about 13% of a year of work reports repeats).
_MEMO_SIZE = 200_000


def cut_block(s: str, get, neg_logtotal: float, load=None) -> list[str]:
    """Words of one run ``s`` of ``_RE_HAN`` characters: jieba's ``__cut_DAG_NO_HMM``.

    The maximum-probability path through the word graph of ``s`` (jieba 0.42's ``get_DAG`` and
    ``calc``: a word ``w`` scores ``ln(freq(w)) - ln(total)``, a character no word covers scores
    ``-ln(total)``, ties go to the longer word), then runs of single ASCII letters and digits
    joined. The same floating-point operations in the same order, so the same words as
    ``jieba.Tokenizer.lcut(s, HMM=False)`` over the same dictionary (tested over the shared corpora),
    about twice as fast.

    Args:
        s: a run of characters matched by jieba's ``re_han_default``.
        get: ``dict.get`` of the prefix dictionary: word -> ``ln(freq) - ln(total)``, prefix -> None,
            a first character whose entries are not loaded yet -> :data:`UNLOADED`.
        neg_logtotal: ``-ln(total)``.
        load: called with such a character, loads its entries and returns the character's own
            value (see :class:`PrefixDictionary`).
    """
    n = len(s)
    score = [0.0] * (n + 1)
    end = list(range(1, n + 2))  # a word's end; k + 1 when the path takes one character
    absent = _ABSENT
    for k in range(n - 1, -1, -1):
        v = get(s[k], absent)
        if v is absent:  # no word starts with this character
            score[k] = neg_logtotal + score[k + 1]
            continue
        if v is UNLOADED:  # the words starting with this character are not loaded yet
            v = load(s[k])
        i = k + 1
        best = None if v is None else v + score[i]
        while i < n:
            i += 1
            v = get(s[k:i], absent)
            if v is absent:
                break
            if v is not None:
                sc = v + score[i]
                if best is None or sc >= best:  # >=: on a tie the longer word, as jieba's max()
                    best = sc
                    end[k] = i
        score[k] = neg_logtotal + score[k + 1] if best is None else best
    out: list[str] = []
    x = 0
    buf = ""
    eng = _ENG
    while x < n:
        y = end[x]
        if y - x == 1 and s[x] in eng:
            buf += s[x]
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(s[x:y])
        x = y
    if buf:
        out.append(buf)
    return out


def jieba_file(*parts: str) -> str:
    """Path of a file shipped in the jieba package (``dict.txt``, ``analyse/idf.txt``), found without
    importing jieba."""
    import importlib.util

    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - jieba is a dependency
        raise ModuleNotFoundError("jieba is not installed")
    return os.path.join(list(spec.submodule_search_locations)[0], *parts)


def build_prefix_dict(sources: Sequence[tuple[str, str]]) -> tuple[dict[str, int], int, dict[str, str], dict[str, str]]:
    """jieba's prefix dictionary from its ``dict.txt`` with user dictionaries applied.

    ``dict.txt`` is read as jieba's ``gen_pfdict`` reads it (every prefix of a word is present
    with frequency 0; the total counts every line). A user entry is added as jieba's
    ``add_word`` adds it (its frequency, or jieba's ``suggest_freq`` when it gives none; prefixes
    with 0) with one difference: the total stays that of ``dict.txt``. jieba raises the total by
    every added word's frequency, which lowers the score of every word in the dictionary and so
    changes how text with none of the added words is cut (重大任务 became one word); with the
    total fixed, text that contains no user word is cut exactly as by jieba's own dictionary.

    Args:
        sources: ``(text, name)`` of each user dictionary, applied in order.

    Returns:
        (word -> frequency, total, word -> POS tag, protected word -> tag): protected words hold
        characters jieba's cut splits on (``·``, quotes) and are matched before cutting.

    Raises:
        WordListError: a malformed user dictionary.
    """
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    with open(jieba_file("dict.txt"), encoding="utf-8") as f:
        for line in f:
            parts = line.strip().split(" ")
            if not parts[0]:
                continue
            word = parts[0]
            n = int(parts[1])
            freq[word] = n
            total += n
            if len(parts) > 2:
                tags[word] = sys.intern(parts[2])
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)
    protected: dict[str, str] = {}
    for text, name in sources:
        for entry in parse_userdict(text, name):
            word = _INNER_SPACE.sub("", nfkc(entry.word))
            if re.search(r"[^\w+#&.%\-]", word):
                # jieba splits text on these characters before looking words up: match them ourselves
                protected[word] = entry.tag or "nz"
                continue
            if entry.freq is not None:
                n = entry.freq
            else:  # jieba's suggest_freq(word, tune=False)
                p = 1.0
                for seg in _cut_with(freq, total, word):
                    p *= freq.get(seg, 1) / float(total)
                n = max(int(p * total) + 1, freq.get(word, 1))
            freq[word] = n
            if entry.tag:
                tags[word] = sys.intern(entry.tag)
            for i in range(1, len(word)):
                freq.setdefault(word[:i], 0)
    return freq, total, tags, protected


def _cut_with(freq: dict[str, int], total: int, s: str) -> list[str]:
    """jieba's ``lcut(s, HMM=False)`` over a frequency table (slow path, for ``suggest_freq``)."""
    import math

    lt = math.log(total)

    class _Get:
        @staticmethod
        def get(w, default):
            c = freq.get(w, default)
            if c is default:
                return default
            return math.log(c) - lt if c else None

    out: list[str] = []
    for blk in _RE_HAN.split(s):
        if blk and _RE_HAN.fullmatch(blk):
            out += cut_block(blk, _Get.get, -lt)
        elif blk:
            out += list(blk)
    return out


def _build_dictionary(sources: Sequence[tuple[str, str]]) -> dict:
    """The cache payload: per first character, its words (sorted) with ``ln(freq) - ln(total)``
    and POS tag codes, and its bare prefixes, packed (see :class:`PrefixDictionary`)."""
    import math
    from array import array
    from itertools import groupby

    from .cache import pack_floats, pack_words

    freq, total, tags, protected = build_prefix_dict(sources)
    lt = math.log(total)
    names = sorted(set(tags.values()))
    code = {t: i for i, t in enumerate(names)}
    heads: dict[str, list] = {}
    for head, group in groupby(sorted(w for w, c in freq.items() if c), key=lambda w: w[0]):
        words = list(group)  # sorted: tags are looked up by bisection
        heads[head] = [
            pack_words(words),
            pack_floats(math.log(freq[w]) - lt for w in words),
            array("H", (code.get(tags.get(w, ""), len(names)) for w in words)).tobytes(),
            b"",
        ]
    for head, group in groupby(sorted(w for w, c in freq.items() if not c), key=lambda w: w[0]):
        heads.setdefault(head, [b"", b"", b"", b""])[3] = pack_words(group)
    return {
        "heads": {h: tuple(v) for h, v in heads.items()},
        "tag_names": names,
        "neglt": 0.0 - lt,
        "protected": protected,
    }


class PrefixDictionary:
    """The tokenizer's prefix dictionary and POS tags, loaded one first character at a time.

    The cached payload holds, per first character, the packed entries that start with it. Only
    the characters' own keys are put in :attr:`logp` at first (valued :data:`UNLOADED`); the
    entries of a character are unpacked the first time a text holds it (:func:`cut_block` calls
    :meth:`load`) or a word starting with it is tagged. A bulletin uses a few hundred distinct
    characters, so a run unpacks a fraction of the 500,000 entries; the words cut are the same as
    with the whole dictionary, because every entry a text can match starts with one of its characters.

    Attributes:
        logp: ``word -> ln(freq) - ln(total)``, bare prefix -> None, unloaded first character ->
            :data:`UNLOADED` (absent: no entry starts with it).
        neg_logtotal: ``-ln(total)``.
        protected: entries jieba can never match (``·``, quotes) -> tag.
    """

    def __init__(self, payload: dict):
        self._heads: dict[str, tuple[bytes, bytes, bytes, bytes]] = payload["heads"]
        self._names: list[str | None] = [*payload["tag_names"], None]
        self.neg_logtotal: float = payload["neglt"]
        self.protected: dict[str, str] = payload["protected"]
        self.logp: dict[str, object] = dict.fromkeys(self._heads, UNLOADED)
        self._tags: dict[str, SortedTable] = {}  # head -> its words' tag codes

    def load(self, head: str):
        """Unpack the entries starting with ``head``; returns ``logp[head]`` (None for a bare prefix)."""
        from array import array

        from .cache import unpack_floats, unpack_words

        if head not in self._tags:
            blob, logp, codes_blob, prefixes = self._heads[head]
            words = unpack_words(blob)
            self.logp.update(zip(words, unpack_floats(logp, as_list=False), strict=True))
            self.logp.update(dict.fromkeys(unpack_words(prefixes)))
            codes = array("H")
            codes.frombytes(codes_blob)
            self._tags[head] = SortedTable(words, codes)
        return self.logp[head]

    def tag(self, word: str) -> str | None:
        """The POS tag of dictionary word ``word`` (None when it has none or is not a word)."""
        if not word or word[0] not in self._heads:
            return None
        if word[0] not in self._tags:
            self.load(word[0])
        code = self._tags[word[0]].get(word)
        return None if code is None else self._names[code]


def load_dictionary(sources: Sequence[tuple[str, str]], verbose: bool = False) -> PrefixDictionary:
    """The tokenizer's tables for these user dictionaries, from the cache or built and cached
    (see :func:`build_prefix_dict` and :class:`PrefixDictionary`).

    Raises:
        WordListError: a malformed user dictionary.
    """
    with open(jieba_file("dict.txt"), "rb") as f:
        base = f.read()
    parts: list[bytes | str] = [base]
    for text, _name in sources:
        parts.append(text)
    log = (lambda message: print(message, file=sys.stderr)) if verbose else None
    packed = load_or_build("dict", parts, lambda: _build_dictionary(sources), cache_dir(), log, "prefix dict")
    return PrefixDictionary(packed)


def dictionary_cache_name(user_dicts: Sequence[str] = ()) -> str:
    """File name (in the cache folder) of the tokenizer's tables for these user dictionary files."""
    from .cache import entry_name

    with open(jieba_file("dict.txt"), "rb") as f:
        parts: list[bytes | str] = [f.read(), resource_text("userdict.txt")]
    parts += [read_text(p) for p in user_dicts]
    return entry_name("dict", parts)


class Tokenizer:
    """Word segmentation with jieba's dictionary, bnlp's dictionaries and filters.

    The prefix dictionary (jieba's ``dict.txt``, the shipped ``userdict.txt`` and ``user_dicts``
    applied in that order) and the POS tags come from bnlp's cache (:mod:`bulletin_nlp.cache`),
    built on first use. Words are cut by :func:`cut_block`, jieba's maximum-probability path
    without HMM.

    Args:
        user_dicts: paths of extra user dictionaries (jieba format ``WORD [FREQ] [POS]``).
        stopword_files: paths of extra stopword lists (one word per line).
        verbose: say on stderr whether the prefix dictionary was loaded from the cache or built.

    Raises:
        WordListError: a malformed user dictionary or stopword file (names the line).
    """

    #: Name of the word-segmentation backend (in the JSON ``meta``).
    backend = "jieba"

    def __init__(self, user_dicts: Sequence[str] = (), stopword_files: Sequence[str] = (), verbose: bool = False):
        sources = [(resource_text("userdict.txt"), "userdict.txt (shipped)")]
        sources += [(read_text(path), path) for path in user_dicts]
        self.dictionary = d = load_dictionary(sources, verbose)
        self.protected: dict[str, str] = d.protected  # entries jieba can never match (·, quotes) -> tag
        self.warnings: list[str] = []
        self._candidate: dict[tuple[str, bool], bool] = {}
        self._tags: dict[str, str] = {}  # tag() of the words seen so far
        self._memo: dict[str, list[str]] = {}  # runs cut so far (reports repeat set phrases)
        self.stopwords = parse_wordset(resource_text("stopwords.txt"))
        for path in stopword_files:
            self.stopwords |= {nfkc(w) for w in parse_wordset(read_text(path))}
        self._protect_re = (
            re.compile("|".join(re.escape(w) for w in sorted(self.protected, key=len, reverse=True)))
            if self.protected
            else None
        )

    def lcut(self, s: str) -> list[str]:
        """jieba's ``lcut(s, HMM=False)`` over this dictionary, whitespace dropped (no NFKC, no protection)."""
        d = self.dictionary
        get, neglt, load = d.logp.get, d.neg_logtotal, d.load
        out: list[str] = []
        memo = self._memo
        han = False  # split() with one group alternates: text between runs, a run, text between, ...
        for blk in _RE_HAN.split(s):
            if han:
                words = memo.get(blk)
                if words is None:
                    words = cut_block(blk, get, neglt, load)
                    if len(memo) < _MEMO_SIZE:
                        memo[blk] = words
                out += words
            elif blk:
                out += [c for c in blk if not c.isspace()]
            han = not han
        return out

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
            return _merge_numbers(self.lcut(s))
        out: list[str] = []
        pos = 0
        for m in self._protect_re.finditer(s):
            out += self.lcut(s[pos : m.start()])
            out.append(m.group(0))
            pos = m.end()
        out += self.lcut(s[pos:])
        return _merge_numbers(out)

    def tag(self, word: str) -> str:
        """POS tag of ``word`` from the user dictionaries, then jieba's, else ``eng``/``m``/``x``."""
        t = self._tags.get(word)
        if t is None:
            t = self.dictionary.tag(word) or self.protected.get(word)
            if not t:
                t = "eng" if _LATIN.match(word) else "m" if _NUMBERISH.match(word) else "x"
            self._tags[word] = t
        return t

    def tokens(self, text: str) -> list[Token]:
        """Words of ``text`` with POS tags."""
        return [Token(w, self.tag(w)) for w in self.cut(text)]

    def is_content(self, word: str) -> bool:
        """False for stopwords, punctuation, whitespace and bare numbers (one-character words pass)."""
        return not (word in self.stopwords or _PUNCT.match(word) or _NUMBERISH.match(word))

    def is_candidate(self, word: str, keep_latin: bool = False) -> bool:
        """Can ``word`` be a keyword? Needs two or more characters and a Chinese character
        (a Latin word too with ``keep_latin``), and must not be a stopword or a number."""
        key = (word, keep_latin)
        ok = self._candidate.get(key)
        if ok is None:
            if len(word) < 2 or not self.is_content(word):
                ok = False
            elif _HAS_CJK.search(word):
                ok = not _NUMBER_UNIT.match(word)
            else:
                ok = keep_latin and bool(_LATIN.match(word))
            self._candidate[key] = ok
        return ok

    def content_words(self, text: str) -> list[str]:
        """Words for a classifier's vocabulary: content words, one-character words included."""
        return [w for w in self.cut(text) if self.is_content(w)]


def _merge_numbers(words: list[str]) -> list[str]:
    """Join what jieba cuts apart in a number: ``5 . 2 %`` -> ``5.2%``.

    Only a word that is ``.`` or ``%``, or follows a word ending in ``.``, can be joined to the
    word before it; the words between such places are copied as they are.
    """
    if "." not in words and "%" not in words:
        return words
    marks = [i for i, w in enumerate(words) if w[-1:] in (".", "%")]
    places = sorted({*marks, *(i + 1 for i in marks)})
    out: list[str] = []
    pos = 0
    n = len(words)
    for i in places:
        if i >= n:
            break
        out += words[pos:i]
        pos = i + 1
        w = words[i]
        prev = out[-1] if out else ""
        if w in (".", "%") and prev.replace(".", "").isdigit() and not prev.endswith("."):
            out[-1] = prev + w
        elif w.isdigit() and prev.endswith(".") and prev[:-1].replace(".", "").isdigit() and prev.count(".") == 1:
            out[-1] = prev + w
        else:
            out.append(w)
    out += words[pos:]
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
    except PackageNotFoundError:  # pragma: no cover
        return "unknown"
