"""bnlp: text mining for Chinese government work bulletins (工作简报, 人大信息, 政务信息).

The Python API (see the README's "Python API" section)::

    import bulletin_nlp as bn
    bulletins = bn.segment_items("bulletin.txt")  # item segmentation
    bn.extract_keywords(bulletins, per_item=True) # TF-IDF keywords per bulletin and item
    bn.classify(bulletins)                        # themes per item
    bn.make_report("bulletins/").to_dict()        # the overview ``bnlp report`` shows

Every result has ``to_dict()`` (the JSON ``bnlp`` writes, ``{"documents": [...]}``) and
``to_dataframe()`` (with the ``pandas`` extra). Errors derive from :class:`BnlpError`.

The pipeline, one module a step::

    reading     files, folders, stdin, any format -> text (readers/: docx2python, pypdfium2, trafilatura, striprtf)
    normalise   layout whitespace, NFKC copies for tokenising
    segment     item segmentation: masthead, contents, items, bylines, footer -> Bulletin
    tokenizer   word segmentation (分词) with jieba, the domain user dictionary and stopwords
    keywords    TF-IDF and TextRank keywords per item and per document
    themes      taxonomy and zero-shot theme scoring; training: trained classifiers (scikit-learn, skops)
    report      a whole bulletin or a collection at a glance
    corpus      corpus analysis: trends, KWIC, co-occurrence networks, distinctive terms per group
    api         the functions above, each returning a result of ``results``
    render      tables, JSON, JSONL, CSV and Markdown (a format registry)
    cli         the ``bnlp`` command line, a thin layer over ``api``

The core modules know nothing of the terminal; heavy libraries are imported by the steps that need them.

The names below are imported from their modules when first used (PEP 562 module ``__getattr__``),
so that ``import bulletin_nlp`` and every ``bnlp`` command pay only for the modules they use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

#: Public name -> the module (under ``bulletin_nlp``) that defines it.
_EXPORTS: dict[str, str] = {
    **dict.fromkeys(
        (
            "build_idf",
            "classify",
            "compare",
            "cooccur",
            "evaluate",
            "extract_keywords",
            "kwic",
            "make_report",
            "read",
            "segment_items",
            "to_dataframe",
            "train",
            "trends",
        ),
        "api",
    ),
    **dict.fromkeys(("BnlpError", "CorpusError", "MissingDependencyError", "OutputError", "UsageError"), "errors"),
    **dict.fromkeys(("Bulletin", "Item", "Keyword", "Masthead", "ThemeScore"), "models"),
    **dict.fromkeys(("Document", "InputError"), "reading"),
    "schema": "results",
}

__all__ = [
    "BnlpError",
    "Bulletin",
    "CorpusError",
    "Document",
    "InputError",
    "Item",
    "Keyword",
    "Masthead",
    "MissingDependencyError",
    "OutputError",
    "ThemeScore",
    "UsageError",
    "__version__",
    "build_idf",
    "classify",
    "compare",
    "cooccur",
    "evaluate",
    "extract_keywords",
    "kwic",
    "make_report",
    "read",
    "schema",
    "segment_items",
    "to_dataframe",
    "train",
    "trends",
]


def _lazy_getattr(package: str, namespace: dict[str, Any], names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` (PEP 562) for ``package``: a name of ``names`` (name -> submodule)
    is imported from its submodule on first use and kept in ``namespace`` (the module's globals).
    Also used by :mod:`bulletin_nlp.results`.

    The returned function raises AttributeError for a name that is not in ``names``."""

    def getattr_(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    return getattr_


#: The public names, imported from their modules on first use.
__getattr__ = _lazy_getattr(__name__, globals(), _EXPORTS)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:
    from .api import (
        build_idf,
        classify,
        compare,
        cooccur,
        evaluate,
        extract_keywords,
        kwic,
        make_report,
        read,
        segment_items,
        to_dataframe,
        train,
        trends,
    )
    from .errors import BnlpError, CorpusError, MissingDependencyError, OutputError, UsageError
    from .models import Bulletin, Item, Keyword, Masthead, ThemeScore
    from .reading import Document, InputError
    from .results import schema
