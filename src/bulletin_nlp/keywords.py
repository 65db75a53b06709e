"""Keywords per item and per bulletin: C-value phrase scoring times a genre-blended TF-IDF, or TextRank.

Candidates (:meth:`Extractor.candidates`)
    Traditional-script text is first converted to simplified with OpenCC (``t2s``; BYVoid,
    Apache-2.0, via ``opencc-python-reimplemented``) and keywords are shown in the original script.
    Words from :class:`~bulletin_nlp.tokenizer.Tokenizer` that pass
    :meth:`~bulletin_nlp.tokenizer.Tokenizer.is_candidate` (no stopwords, numbers, single
    characters or stray Latin) and whose dictionary POS tag is allowed (``--pos``); plus phrases:

    * noun-phrase runs over the dictionary POS tags: maximal runs of noun-like words (n, nz, nt,
      vn, j, l, an, ...; a place name ns or a distinguishing word b may start a run, one-character
      nouns may sit inside or at the end, an administrative prefix 市/区/县 may precede an
      organisation nt), so n+n, vn+n, ns+n, n+vn, nt+n ... of up to 6 words and 16 characters,
      and every sub-run of 2 to 4 words (at most 12 characters) of them, the nested candidates of
      the C-value. A phrase starts on a content word and ends on a noun of two or more
      characters, holds a word that is not a stopword and at most one stopword (乡镇人大工作例会);
      one that starts on a verbal noun is kept only when it occurs twice or in the headline
      (调研+企业 is mostly a verb and its object); a place name before an organisation is not
      a phrase (the body is the term, the item's region gives the place). Numbers, dates and
      punctuation always end a run (``12月31日前`` is a deadline: no 日前);
    * spans in quotation marks or title marks (“青石夜市焕新行动”, 《…条例》, 2–16 characters);
    * session names of congresses and committees, with the body when it precedes them
      (县政协九届四次会议, 七届人大二次会议): named events, not numbers.

    Only the headline and body count, never bylines, mastheads or footers. Headline occurrences
    count twice.

Termhood: the C-value (Frantzi, Ananiadou & Mima 2000, "Automatic recognition of multi-word
terms: the C-value/NC-value method", Int. J. on Digital Libraries 3(2):115–130)
    computed per item (and per bulletin for its own keywords), with ``|a|+1`` in the logarithm so
    that single words (``|a| = 1``) are scored on the same scale as phrases::

        C(a) = log2(|a| + 1) * f(a)                                  if a is not nested
        C(a) = log2(|a| + 1) * (f(a) - (1 / |T_a|) * sum_{b in T_a} f(b))   otherwise

    ``|a|`` is the number of words of candidate ``a``, ``f(a)`` its frequency, ``T_a`` the longer
    candidates that contain ``a``. A word or phrase that only ever occurs inside a longer candidate
    gets 0 and is dropped.

Weight (``method="tfidf"``)
    ``w(a, d) = C(a, d) * idf(a)`` (the TF-IDF of :func:`tfidf_matrix`, ``tf * idf`` L2-normalised
    per item, Salton & Buckley 1988, times the C-value's termhood ``C(a, d) / f(a, d)``), where
    ``idf(t) = ln((1 + n + M) / (1 + df(t) + M * p_bg(t))) + 1``: the smoothed IDF of
    scikit-learn's ``TfidfTransformer`` over the ``n`` items of the input, with ``M``
    pseudo-documents from a background corpus added. ``p_bg(t)``, the share of background
    documents containing ``t``, is by default the larger of jieba's (``exp(-idf)`` of its shipped
    ``idf.txt``, general text) and the genre's (``(df + 0.5) / (N + 1)`` of the shipped
    ``genre_df.txt``: candidate terms of the paragraphs of the State Council's government work
    reports, built by ``tools/build_idf.py``); so the genre's standing words (工作, 会议, 推进,
    人大常委会) fall out by IDF. ``bnlp idf build`` makes a table from the user's own archive that
    replaces both (``--idf``). Terms no table has get the median of jieba's, as jieba does.
    Keywords are ranked by weight; a term contained in a higher-ranked keyword is dropped
    (no 焕新 after 青石夜市焕新行动).

TextRank (``method="textrank"``)
    jieba's ``TextRank`` (Mihalcea & Tarau 2004) over the same tokenizer and filters.
"""

from __future__ import annotations

import heapq
import math
import re
import weakref
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from .models import Bulletin, Item, Keyword
from .tokenizer import DEFAULT_POS, Tokenizer, jieba_version
from .wordlists import parse_df, parse_idf, read_text, resource_text

#: Pseudo-documents the background IDF counts for (``M`` in the formula above).
BACKGROUND_WEIGHT = 200.0
#: The shipped genre document-frequency table (see its header).
GENRE_DF = "genre_df.txt"
#: Quoted spans and book titles: “…” ‘…’ 「…」 『…』 《…》 and ASCII double quotes.
_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』，。；！？,;\n]{2,16})[”\"」』]|《([^《》，。；\n]{2,24})》")
_N = "[一二三四五六七八九十]{1,3}"
#: Session names of congresses and committees (县政协九届四次会议, 七届人大二次会议): named events.
_SESSION = re.compile(
    rf"(?:[省市区县]?(?:人大常委会|人大|政协))?[省市区县]?第?{_N}届(?:人大|政协)?(?:常委会)?"
    rf"第?{_N}次(?:(?:全体|常委会|常务委员会|主任|主席)?会议|全会)"
)
#: POS tags of words that may end a noun phrase (ICTCLAS tags as used by jieba).
_HEAD_POS = frozenset({"n", "nz", "nt", "nrt", "vn", "j", "l", "an", "x", "ng", "nrfg"})
#: Tags that may also start or sit inside a phrase: place names, distinguishing words.
_MOD_POS = _HEAD_POS | {"ns", "b"}
#: One-character administrative prefixes that may precede an organisation (市政协, 区人大).
_ADMIN_PREFIX = frozenset("省市区县镇乡")
#: Longest noun-phrase run kept as one candidate, in words and characters; longest sub-run.
_MAX_RUN_WORDS, _MAX_RUN_CHARS = 6, 16
_MAX_SUB_WORDS, _MAX_SUB_CHARS = 4, 12
#: Stopwords a phrase may hold (乡镇人大工作例会: 工作 is a stopword as a word of its own).
_MAX_STOP_IN_PHRASE = 1
_DIGIT = re.compile(r"[\d０-９一二三四五六七八九十百千万两〇零]$")
_ALL_CJK = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_DATE_UNIT = re.compile(r"^[年月日号时点分秒]")
#: Noun-phrase runs whose phrases an extractor remembers (set phrases recur across an archive).
_RUN_MEMO_SIZE = 200_000
#: Per tokenizer, per (allowed tags, keep_latin): the per-word facts and per-run phrases of
#: :class:`Extractor` (gone with the tokenizer).
_MEMOS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Candidates(list):
    """The candidate terms of one item, with repeats (a ``list[str]``), and per term:

    Attributes:
        words: number of words of each term (``|a|`` of the C-value).
        surface: the term as written in the input, where the input was converted from
            traditional script (else empty).
    """

    def __init__(self, terms: Iterable[str] = (), words: dict | None = None, surface: dict | None = None):
        super().__init__(terms)
        self.words: dict[str, int] = words or {}
        self.surface: dict[str, str] = surface or {}


def nested_terms(terms: Iterable[str]) -> dict[str, list[str]]:
    """For each term ``b`` of 3 to 40 characters, the other terms of 2+ characters found inside it.

    Found through the lengths of the terms that start with each pair of characters: at each
    position of ``b`` only the slices of those lengths are looked up (the same sets as looking
    every substring of ``b`` up, at a fraction of the cost).

    Returns:
        ``b -> [a, ...]`` (each ``a`` once, shorter than ``b``); terms with none are left out.
    """
    keys = set(terms)
    by_head: dict[str, set[int]] = {}
    for a in keys:
        n = len(a)
        if 2 <= n < 40:
            h = by_head.get(a[:2])
            if h is None:
                by_head[a[:2]] = {n}
            else:
                h.add(n)
    lengths = {h: sorted(v) for h, v in by_head.items()}
    get = lengths.get
    out: dict[str, list[str]] = {}
    for b in keys:
        n = len(b)
        if n < 3 or n > 40:
            continue
        inside = set()
        for i in range(n - 1):
            sizes = get(b[i : i + 2])
            if sizes:
                room = min(n - i, n - 1)  # inside b and shorter than b
                for size in sizes:
                    if size > room:
                        break
                    a = b[i : i + size]
                    if a in keys:
                        inside.add(a)
        if inside:
            out[b] = list(inside)
    return out


def c_value(counts: Counter, words: dict[str, int], nested: dict[str, list[str]] | None = None) -> dict[str, float]:
    """C-value of every term (module docstring; Frantzi et al. 2000).

    Args:
        counts: frequency of each candidate term in the item (or bulletin).
        words: number of words of each term (1 when missing).
        nested: :func:`nested_terms` of these terms or of a superset of them (e.g. the bulletin's
            terms for one of its items); None computes it.

    Returns:
        term -> C-value (>= 0; 0 for a term only ever seen inside longer candidates).
    """
    if nested is None:
        nested = nested_terms(counts)
    total: dict[str, int] = {}  # a -> sum of f(b) over the candidates b containing a
    times: dict[str, int] = {}  # a -> |T_a|
    get = nested.get
    for b, fb in counts.items():
        inside = get(b)
        if inside:
            for a in inside:
                if a in counts:
                    if a in times:
                        total[a] += fb
                        times[a] += 1
                    else:
                        total[a] = fb
                        times[a] = 1
    out = {}
    size = words.get
    log2 = _LOG2_PLUS_ONE
    for a, f in counts.items():
        k = times.get(a)
        free = f - total[a] / k if k else f
        n = size(a, 1)
        out[a] = (free if free > 0 else 0.0) * (log2[n] if n < 64 else math.log2(n + 1))
    return out


#: ``log2(n + 1)`` for ``n`` words, 0 <= n < 64.
_LOG2_PLUS_ONE = [math.log2(n + 1) for n in range(64)]


@dataclass
class KeywordOptions:
    """Options of keyword extraction.

    Attributes:
        method: ``"tfidf"`` or ``"textrank"``.
        top: number of keywords per item and per document.
        pos: allowed POS tags of single words (None: :data:`~bulletin_nlp.tokenizer.DEFAULT_POS`;
            ``()`` allows all).
        keep_latin: let Latin words (GDP, E) be keywords.
        idf_path: background IDF table (None: jieba's ``idf.txt`` blended with the genre table).
    """

    method: str = "tfidf"
    top: int = 10
    pos: Sequence[str] | None = None
    keep_latin: bool = False
    idf_path: str | None = None


@dataclass
class DocumentKeywords:
    """Keywords of one bulletin and, per item, ``(item, keywords)``."""

    source: str
    keywords: list[Keyword]
    items: list[tuple[Item, list[Keyword]]] = field(default_factory=list)


_IDF_CACHE: dict = {}


def _jieba_idf() -> dict[str, float]:
    """jieba's shipped ``analyse/idf.txt`` as ``WORD -> IDF``, read without importing jieba."""
    from .tokenizer import jieba_file

    with open(jieba_file("analyse", "idf.txt"), encoding="utf-8") as f:
        return parse_idf(f.read(), "jieba idf.txt")


def blend_idf(general: dict[str, float], n_docs: int, df: dict[str, int]) -> dict[str, float]:
    """A general IDF table blended with a genre document-frequency table.

    Args:
        general: ``WORD -> IDF`` (``ln(N / df)``, jieba's convention).
        n_docs: number of documents of the genre table; ``df``: their document frequencies.

    Returns:
        ``WORD -> -ln(max(exp(-idf_general), (df + 0.5) / (n_docs + 1)))``: a term common in
        either corpus is common in the blend.
    """
    table = dict(general)
    for t, c in df.items():
        idf_genre = -math.log((c + 0.5) / (n_docs + 1))
        old = table.get(t)
        table[t] = idf_genre if old is None else min(old, idf_genre)
    return table


def background_idf(path: str | None = None) -> tuple[Mapping[str, float], float]:
    """The background IDF table (a read-only ``WORD -> IDF`` mapping,
    :class:`~bulletin_nlp.cache.SortedTable`) and its median (the upper median of the sorted
    values; 10.0 for an empty table).

    Parsed (and blended) once and kept in bnlp's cache (:mod:`bulletin_nlp.cache`), keyed on the
    content of its input files (:func:`_idf_inputs`), so later runs load it without parsing.

    Args:
        path: a ``WORD IDF`` file (``bnlp idf build``); None for jieba's shipped ``idf.txt``
            blended (:func:`blend_idf`) with the shipped genre table ``genre_df.txt``; the median
            is then that of jieba's table.

    Raises:
        WordListError: a malformed or unreadable table.
    """
    key = path or "<jieba+genre>"
    if key not in _IDF_CACHE:
        from .cache import SortedTable, cache_dir, load_or_build, pack_floats, pack_words, unpack_floats, unpack_words

        parts = _idf_inputs(path)
        if path is None:
            text, genre = parts

            def build():
                general = parse_idf(_utf8(text), "jieba idf.txt")
                values = sorted(general.values())
                n_docs, df = parse_df(_utf8(genre), GENRE_DF)
                return _packed(blend_idf(general, n_docs, df), values[len(values) // 2] if values else 10.0)

        else:
            (text,) = parts

            def build():
                table = parse_idf(_utf8(text), path)
                values = sorted(table.values())
                return _packed(table, values[len(values) // 2] if values else 10.0)

        def _packed(table: dict[str, float], median: float):
            words = sorted(table)  # sorted: looked up by bisection
            return pack_words(words), pack_floats(table[w] for w in words), median

        words, values, median = load_or_build("idf", parts, build, cache_dir())
        _IDF_CACHE[key] = (SortedTable(unpack_words(words), unpack_floats(values, as_list=False)), median)
    return _IDF_CACHE[key]


def _utf8(data: bytes | str) -> str:
    return data if isinstance(data, str) else data.decode("utf-8")


def _idf_inputs(path: str | None) -> list[bytes | str]:
    """The inputs :func:`background_idf` builds its table from, which key its cache entry: the
    text of the file at ``path``, or the bytes of jieba's ``idf.txt`` (decoded only to build the
    table) and the shipped ``genre_df.txt``.

    Raises:
        WordListError: an unreadable file.
    """
    if path is not None:
        return [read_text(path)]
    from .tokenizer import jieba_file

    with open(jieba_file("analyse", "idf.txt"), "rb") as f:
        return [f.read(), resource_text(GENRE_DF)]


def idf_cache_name(path: str | None = None) -> str:
    """File name (in the cache folder) of :func:`background_idf`'s entry for ``path``."""
    from .cache import entry_name

    return entry_name("idf", _idf_inputs(path))


_TRAD: tuple[frozenset, tuple[str, ...]] | None = None


class _TraditionalOutsideGB2312(Exception):
    pass


def _skip_unless_traditional(err: UnicodeError) -> tuple[str, int]:
    """Encoding error handler: skip characters GB 2312 lacks unless one is traditional."""
    assert isinstance(err, UnicodeEncodeError) and _TRAD is not None
    if not _TRAD[0].isdisjoint(err.object[err.start : err.end]):
        raise _TraditionalOutsideGB2312
    return "", err.end


def _t2s():
    """OpenCC's traditional-to-simplified converter (:func:`~bulletin_nlp.normalise.t2s_converter`)."""
    from .normalise import t2s_converter

    return t2s_converter()


def _traditional() -> tuple[frozenset, tuple[str, ...]]:
    """The characters OpenCC's ``t2s`` changes (from its ``TSCharacters.txt``; loaded once), and
    those of them that GB 2312 also holds (乾, 後, 於 ...: a handful)."""
    global _TRAD
    if _TRAD is None:
        import codecs

        chars = set()
        with open(_opencc_dict("TSCharacters.txt"), encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2 and len(parts[0]) == 1 and parts[1].split(" ")[0] != parts[0]:
                    chars.add(parts[0])
        _TRAD = (frozenset(chars), tuple(sorted(c for c in chars if c.encode("gb2312", errors="ignore"))))
        codecs.register_error("bulletin_nlp.skip-unless-traditional", _skip_unless_traditional)
    return _TRAD


def _opencc_dict(name: str) -> str:
    import os

    import opencc

    return os.path.join(os.path.dirname(opencc.__file__), "dictionary", name)


def to_simplified(text: str) -> str | None:
    """``text`` converted to simplified script with OpenCC ``t2s``, or None when it has no
    traditional-only characters (at least 2, and 1% of its characters) and is left as it is.

    When every traditional character of ``text`` is in GB 2312 (most simplified text: one
    encoding pass at C speed, whose error handler skips the other characters GB 2312 lacks, as
    :func:`bulletin_nlp.normalise.simplified` does), only the few traditional characters GB 2312
    holds are looked for: the same answer as intersecting with every traditional character,
    without visiting each character in Python.
    """
    chars, in_gb2312 = _traditional()
    try:
        text.encode("gb2312", "bulletin_nlp.skip-unless-traditional")
    except _TraditionalOutsideGB2312:
        hits: Iterable[str] = chars.intersection(text)
    else:
        hits = [c for c in in_gb2312 if c in text]
    if not hits:
        return None
    n = sum(text.count(c) for c in hits)
    if n < 2 or n < 0.01 * len(text):
        return None
    return _t2s().convert(text)


class Extractor:
    """Keyword extraction over a corpus of items.

    Args:
        tokenizer: the :class:`~bulletin_nlp.tokenizer.Tokenizer` to use.
        options: :class:`KeywordOptions`.
    """

    def __init__(self, tokenizer: Tokenizer, options: KeywordOptions | None = None):
        self.tk = tokenizer
        self.opt = options = options or KeywordOptions()
        self.allowed = set(DEFAULT_POS if options.pos is None else options.pos)
        # Per-word facts and per-run phrases depend only on the tokenizer and these options, so
        # they are kept per tokenizer (_MEMOS) and shared by every Extractor made for the same
        # options (one per file on the keyword path).
        self._words, self._run_memo = _MEMOS.setdefault(tokenizer, {}).setdefault(
            (frozenset(self.allowed), options.keep_latin), ({}, {})
        )

    def _ok(self, word: str) -> bool:
        """Can ``word`` itself be a candidate (:meth:`~bulletin_nlp.tokenizer.Tokenizer.is_candidate`
        and an allowed POS tag)?"""
        return self._word(word)[0]

    def _word(self, word: str) -> tuple[bool, int, bool, bool]:
        """What the candidate scan needs of a word, worked out once per word: (allowed as a
        candidate on its own, :meth:`_part`, starts with a date unit 年/月/日..., ends in a digit)."""
        rec = self._words.get(word)
        if rec is None:
            ok = self.tk.is_candidate(word, self.opt.keep_latin) and (
                not self.allowed or self.tk.tag(word) in self.allowed
            )
            rec = (ok, self._part(word), bool(_DATE_UNIT.match(word)), bool(_DIGIT.search(word)))
            self._words[word] = rec
        return rec

    def _part(self, word: str) -> int:
        """Role of a word in a noun phrase: 3 content head, 2 content modifier, 1 a stopword noun
        (inside or at the end), 5 a one-character noun (inside only), 4 an administrative prefix
        (start or inside), 0 breaks it."""
        tag = self.tk.tag(word)
        if not _ALL_CJK.match(word):
            return 3 if self.tk.is_candidate(word, self.opt.keep_latin) and tag in _HEAD_POS else 0
        if len(word) == 1:
            if word in _ADMIN_PREFIX:
                return 4
            return 5 if tag in _HEAD_POS and not _DIGIT.match(word) else 0
        if self.tk.is_candidate(word, self.opt.keep_latin):
            return 3 if tag in _HEAD_POS else 2 if tag in _MOD_POS else 0
        return 1 if tag in _HEAD_POS else 0

    def candidates(self, title: str | None, body: str) -> Candidates:
        """Candidate terms of one item, with repeats (headline terms twice); see the module docstring."""
        out = Candidates()
        for text, times in ((title or "", 2), (body, 1)):
            if not text:
                continue
            original = prepared = self.tk.prepare(text)
            simple = to_simplified(prepared)
            if simple is not None:
                prepared = simple
            start = len(out)
            words = self.tk.cut_prepared(prepared)
            keep, kinds = self._scan(words)
            out += keep if times == 1 else [w for w in keep for _ in range(times)]
            for m in _QUOTED.finditer(prepared):
                phrase = m.group(1) or m.group(2)
                if self.tk.is_candidate(phrase, True) and phrase not in self.tk.stopwords:
                    out += [phrase] * times
                    out.words.setdefault(phrase, max(2, len(self.tk.cut_prepared(phrase))))
            for m in _SESSION.finditer(prepared) if "届" in prepared else ():  # every session name has 届
                out += [m.group(0)] * times
                out.words[m.group(0)] = max(2, len(self.tk.cut_prepared(m.group(0))))
            found = self._phrases(words, kinds)
            seen = Counter(p for p, _ in found)
            for phrase, n in found:
                if n < 0:  # starts on a verbal noun: mostly a verb and its object (调研+企业) unless it recurs
                    if seen[phrase] < 2 and times == 1:
                        continue
                    n = -n
                out += [phrase] * times
                out.words[phrase] = max(n, out.words.get(phrase, 0))
            if simple is not None and len(simple) == len(original):
                for t in set(out[start:]):
                    k = simple.find(t)
                    if k >= 0 and t not in out.surface:
                        out.surface[t] = original[k : k + len(t)]
        return out

    def _scan(self, words: list[str]) -> tuple[list[str], list[int]]:
        """The words that are candidates on their own, and every word's :meth:`_part`; a date unit
        after a number (the 日前 of 12月31日前) is neither."""
        memo, word = self._words, self._word
        keep: list[str] = []
        kinds: list[int] = []
        after_digit = False
        for w in words:
            rec = memo.get(w)
            if rec is None:
                rec = word(w)
            ok, kind, date_unit, digit = rec
            if date_unit and after_digit:
                kind = 0
            elif ok:
                keep.append(w)
            kinds.append(kind)
            after_digit = digit
        return keep, kinds

    def _phrases(self, words: list[str], kinds: list[int]) -> list[tuple[str, int]]:
        """Noun-phrase runs and their sub-runs, as ``(phrase, number of words)`` occurrences."""
        out: list[tuple[str, int]] = []
        memo = self._run_memo
        n = len(words)
        i = 0
        while i < n:
            if kinds[i] in (2, 3, 4):
                j = i + 1
                while j < n and kinds[j]:
                    j += 1
                if j - i >= 2:
                    run = tuple(words[i:j])  # a run's kinds follow from its words: remember its phrases
                    found = memo.get(run)
                    if found is None:
                        found = self._runs(list(run), kinds[i:j])
                        if len(memo) < _RUN_MEMO_SIZE:
                            memo[run] = found
                    out += found
                i = j
            else:
                i += 1
        return out

    @staticmethod
    def _valid(kinds: list[int], tags: list[str], a: int, b: int) -> bool:
        """Is words ``a`` to ``b`` (exclusive) of a run a phrase? It starts on a content word (or
        市/区/县 before an organisation), ends on a noun of two or more characters, holds a content
        word and at most one stopword."""
        if kinds[b - 1] not in (1, 3):
            return False
        first = kinds[a]
        if first == 4:
            if tags[a + 1] != "nt":
                return False
        elif first not in (2, 3):
            return False
        elif tags[a] == "ns" and tags[b - 1] == "nt" and all(t == "ns" for t in tags[a : b - 1]):
            return False  # 青石+县人大常委会: a place's body is the body (the item's region gives the place)
        part = kinds[a:b]
        return 3 in part and part.count(1) <= _MAX_STOP_IN_PHRASE

    def _runs(self, run: list[str], kinds: list[int]) -> list[tuple[str, int]]:
        """The run itself (when short enough) and its valid sub-runs of 2 to 4 words, as
        ``(phrase, number of words)``, the number negative when the phrase starts on a verbal noun."""
        found = []
        m = len(run)
        tags = [self.tk.tag(w) for w in run]
        sizes = [len(w) for w in run]
        valid = self._valid
        if m <= _MAX_RUN_WORDS and sum(sizes) <= _MAX_RUN_CHARS and valid(kinds, tags, 0, m):
            found.append(("".join(run), -m if tags[0] == "vn" else m))
        for a in range(m):
            chars = sizes[a]
            for b in range(a + 2, min(a + _MAX_SUB_WORDS, m) + 1):
                chars += sizes[b - 1]
                if b - a == m:
                    continue
                if chars > _MAX_SUB_CHARS:
                    break
                if valid(kinds, tags, a, b):
                    found.append(("".join(run[a:b]), a - b if tags[a] == "vn" else b - a))
        return found

    # -- TF-IDF x C-value ---------------------------------------------------------------------

    def extract(self, bulletins: Sequence[Bulletin], per_item: bool = False, progress=None) -> list[DocumentKeywords]:
        """Keywords of each bulletin (and of each item with ``per_item``); IDF over all items.

        Args:
            bulletins: segmented bulletins; items with no candidate term get no keywords.
            per_item: also rank keywords per item.
            progress: optional callable wrapping an iterable (for a progress bar).
        """
        seq = list(bulletins)
        if self.opt.method == "textrank":
            return [self._textrank_doc(b, per_item) for b in seq]
        wrap = progress or (lambda it: it)
        item_docs = [[self.candidates(it.title, it.body) for it in b.items] for b in wrap(seq)]
        return self.extract_from_candidates(seq, item_docs, per_item)

    def extract_from_candidates(
        self, bulletins: Sequence[Bulletin], item_docs: Sequence[Sequence[list[str]]], per_item: bool = False
    ) -> list[DocumentKeywords]:
        """As :meth:`extract`, from candidate lists already computed (e.g. in worker processes).

        ``item_docs[b][i]`` is :meth:`candidates` of item ``i`` of bulletin ``b`` (a plain list of
        terms is taken as single words).
        """
        if self.opt.method == "textrank":
            return [self._textrank_doc(b, per_item) for b in bulletins]
        flat = [d for docs in item_docs for d in docs]
        results = []
        if not any(flat):
            return [DocumentKeywords(b.source, [], [(it, []) for it in b.items] if per_item else []) for b in bulletins]
        idf = dict(zip(*_blended_idf(flat, self.opt.idf_path), strict=True))
        nested = nested_terms(idf)  # over every term of the input: c_value keeps those of each item
        for b, docs in zip(bulletins, item_docs, strict=False):
            words: dict[str, int] = {}
            surface: dict[str, str] = {}
            total: Counter = Counter()
            for d in docs:
                words.update(getattr(d, "words", {}))
                surface.update(getattr(d, "surface", {}))
                total.update(d)
            doc_kw = self._rank(total, words, surface, idf, nested) if docs else []
            items = []
            if per_item:
                for it, d in zip(b.items, docs, strict=False):
                    items.append((it, self._rank(Counter(d), words, surface, idf, nested)))
            results.append(DocumentKeywords(b.source, doc_kw, items))
        return results

    def _rank(
        self, counts: Counter, words: dict, surface: dict, idf: dict[str, float], nested: dict | None = None
    ) -> list[Keyword]:
        """Ranked keywords of one item or bulletin: ``C(a) * idf(a)``, L2-normalised."""
        cv = c_value(counts, words, nested)
        get = idf.get
        pairs = [(t, c * v) for t, c in cv.items() if c > 0 and (v := get(t)) is not None]
        norm = math.sqrt(sum(w * w for _, w in pairs)) or 1.0
        limit = 4 * self.opt.top + 16
        head = pairs
        if len(pairs) > limit:
            # Only terms that can rank among the first `limit` are keyed: those at least as heavy,
            # to 8 decimals after normalising, as the limit-th heaviest (rounding is monotone).
            w_limit = heapq.nlargest(limit, pairs, key=itemgetter(1))[-1][1]
            floor = (round(w_limit / norm, 8) - 1e-8) * norm
            head = [p for p in pairs if p[1] >= floor]
        # the first `limit` of head's order are the first `limit` of the whole order
        chosen = self._select(_ranked(head, norm)[:limit])
        if len(chosen) < self.opt.top and len(pairs) > limit:  # many terms inside the chosen ones
            chosen = self._select(_ranked(pairs, norm))
        return [Keyword(surface.get(k.term, k.term), k.weight) for k in chosen]

    def _select(self, ranked: Iterable[tuple[str, float]]) -> list[Keyword]:
        """Top ``top`` terms, skipping a term contained in one already chosen."""
        chosen: list[Keyword] = []
        for term, w in ranked:
            if any(term in k.term for k in chosen):
                continue
            chosen.append(Keyword(term, w))
            if len(chosen) >= self.opt.top:
                break
        return chosen

    # -- TextRank -----------------------------------------------------------------------------

    def _textrank(self, text: str) -> list[Keyword]:
        from .tokenizer import quiet_import

        TextRank = quiet_import("jieba.analyse.textrank").TextRank
        pair = quiet_import("jieba.posseg").pair

        tk = self.tk
        extractor = self

        class _Adapter:
            def cut(self, sentence):
                return [pair(w, tk.tag(w) if extractor._ok(w) else "x_drop") for w in tk.cut(sentence)]

        original = tk.prepare(text)
        simple = to_simplified(original)
        if simple is not None:
            text = simple
        tr = TextRank()
        tr.tokenizer = tr.postokenizer = _Adapter()
        tr.stop_words = set(tk.stopwords)
        allowed = {tk.tag(w) for w in set(tk.cut(text)) if self._ok(w)}
        ranked = tr.textrank(text, topK=None, withWeight=True, allowPOS=tuple(sorted(allowed)) or ("n",))
        ranked = sorted(ranked, key=lambda kv: (-round(kv[1], 8), kv[0]))
        chosen = self._select(ranked)
        if simple is not None and len(simple) == len(original):
            found = ((k, simple.find(k.term)) for k in chosen)
            chosen = [Keyword(original[i : i + len(k.term)], k.weight) if i >= 0 else k for k, i in found]
        return chosen

    def _textrank_doc(self, b: Bulletin, per_item: bool) -> DocumentKeywords:
        doc = self._textrank("\n".join(it.text for it in b.items))
        items = [(it, self._textrank(it.text)) for it in b.items] if per_item else []
        return DocumentKeywords(b.source, doc, items)

    def meta(self) -> dict:
        """The ``meta`` block of JSON output: method, tokenizer name and version, IDF source."""
        return {
            "method": self.opt.method,
            "tokenizer": {"name": "jieba", "version": jieba_version()},
            "idf": None
            if self.opt.method == "textrank"
            else (self.opt.idf_path or f"jieba idf.txt + {GENRE_DF} + input items"),
            "termhood": None if self.opt.method == "textrank" else "C-value (Frantzi et al. 2000)",
        }


def _ranked(pairs: list[tuple[str, float]], norm: float) -> list[tuple[str, float]]:
    """``(term, weight / norm)``, the heaviest first (weights compared to 8 decimals), ties by term."""
    keyed = sorted((-round(w / norm, 8), t, w / norm) for t, w in pairs)
    return [(t, w) for _, t, w in keyed]


def _blended_idf(docs: list[list[str]], idf_path: str | None = None) -> tuple[list[str], list[float]]:
    """Sorted term list and the blended IDF of each (the module docstring's formula), as Python
    floats computed with :mod:`math` (C's ``exp`` and ``log``), so ranking keywords imports
    neither NumPy nor SciPy; :func:`tfidf_matrix` builds its vector from these same values.

    Raises:
        ValueError: no term in any document.
    """
    df_count: Counter = Counter()
    for d in docs:
        df_count.update(set(d))
    terms = sorted(df_count)
    if not terms:
        raise ValueError("empty vocabulary; no document holds a term")
    table, median = background_idf(idf_path)
    top = 1.0 + len(docs) + BACKGROUND_WEIGHT
    m, exp, log, get = BACKGROUND_WEIGHT, math.exp, math.log, table.get
    return terms, [log(top / (1.0 + df_count[t] + m * exp(-get(t, median)))) + 1.0 for t in terms]


def tfidf_matrix(docs: list[list[str]], idf_path: str | None = None):
    """TF-IDF of term lists with the blended IDF of the module docstring.

    The sum scikit-learn's ``CountVectorizer`` + ``TfidfTransformer(norm="l2", smooth_idf=True)``
    computes with ``idf_`` set to the blended IDF (terms in sorted order, counts times IDF, rows
    divided by their Euclidean norm), done with NumPy and SciPy sparse matrices so the keyword
    path does not import scikit-learn (a test checks the two agree to 1e-9).

    Args:
        docs: one list of terms (with repeats) per item; at least one term in all.
        idf_path: background IDF table (None: jieba's ``idf.txt``).

    Returns:
        (CSR matrix of shape (n_docs, n_terms) with L2-normalised rows; sorted term list; raw count
        CSR matrix of the same shape; idf vector of shape (n_terms,)).

    Raises:
        ValueError: no term in any document.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    terms, idf_values = _blended_idf(docs, idf_path)  # the one IDF formula
    idf = np.asarray(idf_values, dtype=np.float64)
    index = {t: j for j, t in enumerate(terms)}
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    for d in docs:
        c = Counter(index[t] for t in d)
        cols = sorted(c)
        indices += cols
        data += [c[j] for j in cols]
        indptr.append(len(indices))
    n = len(docs)
    counts = csr_matrix(
        (np.asarray(data, dtype=np.int64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
        shape=(n, len(terms)),
    )
    weights = counts.data * idf[counts.indices]
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    sums = np.zeros(n)
    np.add.at(sums, rows, weights * weights)
    norms = np.sqrt(sums)
    norms[norms == 0.0] = 1.0
    matrix = csr_matrix((weights / norms[rows], counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
    return matrix, terms, counts, idf


def build_idf(docs: Iterable[list[str]]) -> dict[str, float]:
    """IDF table ``ln(N / df(t))`` (jieba's ``idf.txt`` convention) from token lists.

    Raises:
        ValueError: no documents.
    """
    df: Counter = Counter()
    n = 0
    for d in docs:
        n += 1
        df.update(set(d))
    if n == 0:
        raise ValueError("no documents to build an IDF table from")
    return {t: math.log(n / c) for t, c in df.items()}


def format_idf(table: dict[str, float]) -> str:
    """``WORD IDF`` lines sorted by word, IDF to 6 decimals (byte-identical for the same input)."""
    return "".join(f"{t} {v:.6f}\n" for t, v in sorted(table.items()))


def file_candidates(
    path: str,
    encoding: str | None,
    user_dicts: Sequence[str],
    stopword_files: Sequence[str],
    options: KeywordOptions,
):
    """Read, segment and collect candidate terms of one file (runs in a worker process).

    Returns:
        (Bulletin, candidate lists per item), or (InputError, None) when the file cannot be read.
    """
    from .collector import paused
    from .reading import InputError, read_document
    from .segment import segment_document
    from .tokenizer import get_tokenizer

    try:
        doc = read_document(path, encoding)  # with the collector on: the readers make reference cycles
    except InputError as e:
        return e, None
    with paused():
        b = segment_document(doc)
        ex = Extractor(get_tokenizer(user_dicts, stopword_files), options)
        if options.method == "textrank":
            return b, []
        return b, [ex.candidates(it.title, it.body) for it in b.items]
