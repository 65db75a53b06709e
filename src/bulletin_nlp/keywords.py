"""Keywords per item and per bulletin: TF-IDF with a background IDF, or TextRank.

Candidates
    Words from :class:`~bulletin_nlp.tokenizer.Tokenizer` that pass
    :meth:`~bulletin_nlp.tokenizer.Tokenizer.is_candidate` (no stopwords, numbers, single
    characters or stray Latin) and whose POS tag is allowed (``--pos``); plus two kinds of
    phrase this genre marks as terms: spans in quotation marks or title marks
    (“一号改革工程”, 《…条例》, 2–16 characters), and runs of two to four adjacent candidate
    words (at most 10 characters) that occur at least twice in the item (商圈+立法+信息+采集点).
    Only the headline and body count, never bylines, mastheads or footers. Headline words
    count twice.

TF-IDF weight (``method="tfidf"``)
    ``w(t, d) = tf(t, d) * idf(t)``, L2-normalised per item (Salton & Buckley 1988), where
    ``idf(t) = ln((1 + n + M) / (1 + df(t) + M * p_bg(t))) + 1``: the smoothed IDF of
    scikit-learn's ``TfidfTransformer`` computed over the ``n`` items of the input, with ``M``
    pseudo-documents from a background corpus added (``p_bg(t) = exp(-idf_bg(t))`` is the share
    of background documents that contain ``t``, from jieba's shipped ``idf.txt`` or a table made
    by ``bnlp idf build``; terms it lacks get its median, as jieba does). So a single short
    bulletin still gets sensible weights, and a large input outweighs the background.

TextRank (``method="textrank"``)
    jieba's ``TextRank`` (Mihalcea & Tarau 2004) over the same tokenizer and filters.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .models import Bulletin, Item, Keyword
from .tokenizer import DEFAULT_POS, Tokenizer, jieba_version
from .wordlists import parse_idf, read_text

#: Pseudo-documents the background IDF counts for (``M`` in the formula above).
BACKGROUND_WEIGHT = 200.0
#: Quoted spans and book titles: “…” ‘…’ 「…」 『…』 《…》 and ASCII double quotes.
_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』，。；！？,;\n]{2,16})[”\"」』]|《([^《》，。；\n]{2,24})》")
_COMPOUND_POS = {"n", "nz", "nt", "ns", "vn", "l", "j", "x", "an", "i", "nrt"}


@dataclass
class KeywordOptions:
    """Options of keyword extraction.

    Attributes:
        method: ``"tfidf"`` or ``"textrank"``.
        top: number of keywords per item and per document.
        pos: allowed POS tags (None: :data:`~bulletin_nlp.tokenizer.DEFAULT_POS`; ``()`` allows all).
        keep_latin: let Latin words (GDP, E) be keywords.
        idf_path: background IDF table (None: jieba's ``idf.txt``).
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


def background_idf(path: str | None = None) -> tuple[dict[str, float], float]:
    """The background IDF table and its median (the upper median of the sorted values; 10.0 for
    an empty table).

    Parsed once and kept in bnlp's cache (:mod:`bulletin_nlp.cache`), keyed on the table's
    content, so later runs load it without parsing.

    Args:
        path: a ``WORD IDF`` file (``bnlp idf build``); None for jieba's shipped ``idf.txt``.

    Raises:
        WordListError: a malformed or unreadable table.
    """
    key = path or "<jieba>"
    if key not in _IDF_CACHE:
        from .cache import cache_dir, load_or_build, pack_floats, pack_words, unpack_floats, unpack_words

        if path is None:
            from .tokenizer import jieba_file

            name = "jieba idf.txt"
            with open(jieba_file("analyse", "idf.txt"), "rb") as f:
                text = f.read().decode("utf-8")
        else:
            name = path
            text = read_text(path)

        def build():
            table = parse_idf(text, name)
            values = sorted(table.values())
            return pack_words(table), pack_floats(table.values()), values[len(values) // 2] if values else 10.0

        words, values, median = load_or_build("idf", [text], build, cache_dir())
        _IDF_CACHE[key] = (dict(zip(unpack_words(words), unpack_floats(values), strict=True)), median)
    return _IDF_CACHE[key]


class Extractor:
    """Keyword extraction over a corpus of items.

    Args:
        tokenizer: the :class:`~bulletin_nlp.tokenizer.Tokenizer` to use.
        options: :class:`KeywordOptions`.
    """

    def __init__(self, tokenizer: Tokenizer, options: KeywordOptions = KeywordOptions()):
        self.tk = tokenizer
        self.opt = options
        self.allowed = set(DEFAULT_POS if options.pos is None else options.pos)
        self._memo: dict[str, bool] = {}
        self._parts: dict[str, int] = {}

    def _ok(self, word: str) -> bool:
        ok = self._memo.get(word)
        if ok is None:
            ok = self._memo[word] = self.tk.is_candidate(word, self.opt.keep_latin) and (
                not self.allowed or self.tk.tag(word) in self.allowed
            )
        return ok

    def _part(self, word: str) -> int:
        """2: a candidate word ending in a noun-like tag, 1: may sit inside a compound, 0: breaks it."""
        kind = self._parts.get(word)
        if kind is None:
            noun = self.tk.tag(word) in _COMPOUND_POS
            if self.tk.is_candidate(word, self.opt.keep_latin):
                kind = 2 if noun else 1
            else:
                kind = -1 if len(word) == 1 and noun and self.tk.is_content(word) else 0
            self._parts[word] = kind
        return kind

    def candidates(self, title: str | None, body: str) -> list[str]:
        """Candidate terms of one item, with repeats (headline terms twice)."""
        out: list[str] = []
        for text, times in ((title or "", 2), (body, 1)):
            if not text:
                continue
            prepared = self.tk.prepare(text)
            words = self.tk.cut_prepared(prepared)
            keep = [w for w in words if self._ok(w)]
            out += keep * times
            for m in _QUOTED.finditer(prepared):
                phrase = m.group(1) or m.group(2)
                if self.tk.is_candidate(phrase, True) and phrase not in self.tk.stopwords:
                    out += [phrase] * times
            out += self._compounds(words) * times
        return out

    def _compounds(self, words: list[str]) -> list[str]:
        """Runs of 2-4 words (at most 10 characters) that start with a candidate word, hold only
        candidate words or one-character nouns, end in a noun-like word, and occur twice or more."""
        get, part = self._parts.get, self._part
        kinds = [get(w) if w in self._parts else part(w) for w in words]
        runs: Counter = Counter()
        n = len(words)
        for i in range(n - 1):
            if kinds[i] <= 0 or kinds[i + 1] == 0:
                continue
            phrase = words[i]
            for j in range(i + 1, min(i + 4, n)):
                kind = kinds[j]
                if kind == 0:
                    break
                phrase += words[j]
                if len(phrase) > 10:
                    break
                if kind == 2:
                    runs[phrase] += 1
        return [p for p, c in runs.items() if c >= 2 for _ in range(c)]

    # -- TF-IDF -------------------------------------------------------------------------------

    def extract(self, bulletins: Sequence[Bulletin], per_item: bool = False, progress=None) -> list[DocumentKeywords]:
        """Keywords of each bulletin (and of each item with ``per_item``); IDF over all items.

        Args:
            bulletins: segmented bulletins; items with no candidate term get no keywords.
            per_item: also rank keywords per item.
            progress: optional callable wrapping an iterable (for a progress bar).
        """
        seq = list(bulletins)
        wrap = progress or (lambda it: it)
        item_docs = [[self.candidates(it.title, it.body) for it in b.items] for b in wrap(seq)]
        return self.extract_from_candidates(seq, item_docs, per_item)

    def extract_from_candidates(
        self, bulletins: Sequence[Bulletin], item_docs: list[list[list[str]]], per_item: bool = False
    ) -> list[DocumentKeywords]:
        """As :meth:`extract`, from candidate lists already computed (e.g. in worker processes)."""
        if self.opt.method == "textrank":
            return [self._textrank_doc(b, per_item) for b in bulletins]
        flat = [d for docs in item_docs for d in docs]
        results = []
        if not any(flat):
            return [DocumentKeywords(b.source, [], [(it, []) for it in b.items] if per_item else []) for b in bulletins]
        matrix, terms, counts, idf = tfidf_matrix(flat, self.opt.idf_path)
        prior = self.length_prior(terms)
        from scipy.sparse import csr_matrix

        row = 0
        for b, docs in zip(bulletins, item_docs, strict=False):
            rows = range(row, row + len(docs))
            row += len(docs)
            doc_kw = []
            if len(docs):
                doc_row = l2_normalize(csr_matrix(counts[row - len(docs) : row].sum(axis=0)).multiply(idf).tocsr())
                doc_kw = self._top(doc_row, terms, prior)
            items = []
            if per_item:
                for it, r in zip(b.items, rows, strict=False):
                    items.append((it, self._top(matrix[r], terms, prior)))
            results.append(DocumentKeywords(b.source, doc_kw, items))
        return results

    def _top(self, row, terms: list[str], prior) -> list[Keyword]:
        """Ranked keywords of one sparse row of shape (1, n_terms), ``prior`` (shape (n_terms,)) applied."""
        row = row.tocsr()
        pairs = [(terms[j], float(v) * float(prior[j])) for j, v in zip(row.indices, row.data, strict=False) if v > 0]
        pairs.sort(key=lambda tw: (-round(tw[1], 8), tw[0]))
        return self._select(pairs)

    @staticmethod
    def length_prior(terms: list[str]):
        """``sqrt(len(t) / 2)`` for terms of 2 to 10 characters: a longer term is a more specific one."""
        import numpy as np

        return np.sqrt(np.clip([len(t) for t in terms], 2, 10) / 2.0)

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

        tr = TextRank()
        tr.tokenizer = tr.postokenizer = _Adapter()
        tr.stop_words = set(tk.stopwords)
        allowed = {tk.tag(w) for w in set(tk.cut(text)) if self._ok(w)}
        ranked = tr.textrank(text, topK=None, withWeight=True, allowPOS=tuple(sorted(allowed)) or ("n",))
        ranked = sorted(ranked, key=lambda kv: (-round(kv[1], 8), kv[0]))
        return self._select(ranked)

    def _textrank_doc(self, b: Bulletin, per_item: bool) -> DocumentKeywords:
        doc = self._textrank("\n".join(it.text for it in b.items))
        items = [(it, self._textrank(it.text)) for it in b.items] if per_item else []
        return DocumentKeywords(b.source, doc, items)

    def meta(self) -> dict:
        """The ``meta`` block of JSON output: method, tokenizer name and version, IDF source."""
        return {
            "method": self.opt.method,
            "tokenizer": {"name": "jieba", "version": jieba_version()},
            "idf": None if self.opt.method == "textrank" else (self.opt.idf_path or "jieba idf.txt + input items"),
        }


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

    terms = sorted({t for d in docs for t in d})
    if not terms:
        raise ValueError("empty vocabulary; no document holds a term")
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
    table, median = background_idf(idf_path)
    df = np.bincount(counts.indices, minlength=len(terms))
    p_bg = np.exp(-np.array([table.get(t, median) for t in terms], dtype=np.float64))
    m = BACKGROUND_WEIGHT
    idf = np.log((1.0 + n + m) / (1.0 + df + m * p_bg)) + 1.0
    weights = counts.data * idf[counts.indices]
    rows = np.repeat(np.arange(n), np.diff(counts.indptr))
    sums = np.zeros(n)
    np.add.at(sums, rows, weights * weights)
    norms = np.sqrt(sums)
    norms[norms == 0.0] = 1.0
    matrix = csr_matrix((weights / norms[rows], counts.indices.copy(), counts.indptr.copy()), shape=counts.shape)
    return matrix, terms, counts, idf


def l2_normalize(row):
    """``row`` (a sparse matrix) with each row divided by its Euclidean norm (zero rows unchanged),
    as CSR; scikit-learn's ``normalize(norm="l2")`` without importing it."""
    import numpy as np
    from scipy.sparse import diags

    r = row.tocsr().astype(np.float64)
    norms = np.sqrt(np.asarray(r.multiply(r).sum(axis=1)).ravel())
    norms[norms == 0.0] = 1.0
    return diags(1.0 / norms).dot(r).tocsr()


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
    from .reading import InputError, read_document
    from .segment import segment_document
    from .tokenizer import get_tokenizer

    try:
        b = segment_document(read_document(path, encoding))
    except InputError as e:
        return e, None
    ex = Extractor(get_tokenizer(user_dicts, stopword_files), options)
    if options.method == "textrank":
        return b, []
    return b, [ex.candidates(it.title, it.body) for it in b.items]
