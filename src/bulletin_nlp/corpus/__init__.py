"""Corpus analysis over many segmented bulletins: trends, KWIC concordances, co-occurrence
networks and distinctive terms per group.

Every function here takes already-segmented :class:`~bulletin_nlp.models.Bulletin` objects (and,
where words are needed, a :class:`~bulletin_nlp.tokenizer.Tokenizer`) and returns plain data
classes with ``to_dict()``; renderers live in :mod:`bulletin_nlp.render.corpus`.

The searched text
    Terms are found in each item's headline and body (:attr:`~bulletin_nlp.models.Item.text`)
    as the tokenizer sees it (:meth:`~bulletin_nlp.tokenizer.Tokenizer.prepare`): NFKC, with
    layout spaces and line breaks between Chinese characters removed, so a term wrapped over
    two lines is still found. :func:`item_text` gives that text. With ``t2s``, traditional
    characters are first converted to simplified (:mod:`bulletin_nlp.corpus.variants`), so one
    term matches documents written in either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from ..models import Bulletin, Item


def item_text(item: Item, tokenizer, t2s: bool = False) -> str:
    """The searched text of ``item``: headline and body, prepared as for word segmentation,
    traditional characters converted to simplified with ``t2s``.

    Raises:
        VariantsUnavailable: ``t2s`` without the opencc package.
    """
    if t2s:
        from .variants import to_simplified

        return tokenizer.prepare(to_simplified(item.text))
    return tokenizer.prepare(item.text)


def simplified_items(bulletins: Sequence[Bulletin]) -> list[Bulletin]:
    """Copies of ``bulletins`` whose items' headlines and bodies are in simplified characters
    (OpenCC ``t2s``); for word-based analyses (co-occurrence, distinctive terms).

    Raises:
        VariantsUnavailable: the opencc package is not installed.
    """
    from dataclasses import replace

    from .variants import to_simplified

    return [
        replace(
            b,
            items=[
                replace(it, title=to_simplified(it.title) if it.title else it.title, body=to_simplified(it.body))
                for it in b.items
            ],
        )
        for b in bulletins
    ]


def char_count(text: str) -> int:
    """Characters of ``text`` that are not whitespace (the unit of "per 10,000 characters")."""
    return sum(1 for c in text if not c.isspace())


def top_keywords(
    bulletins: Sequence[Bulletin],
    tokenizer,
    top: int,
    item_docs: list[list[list[str]]] | None = None,
    skip_contained: bool = True,
) -> list[str]:
    """The ``top`` terms of all items by summed per-item TF-IDF weight, ties by term.

    Each item's 10 best keywords (:class:`bulletin_nlp.keywords.Extractor`, default options)
    add their weights to the term's total. With ``skip_contained``, a term contained in a
    better-ranked one is skipped, as keyword lists do.

    Args:
        item_docs: candidate lists per bulletin per item, when already computed.
    """
    from ..keywords import Extractor, KeywordOptions

    ex = Extractor(tokenizer, KeywordOptions(top=10))
    if item_docs is None:
        item_docs = [[ex.candidates(it.title, it.body) for it in b.items] for b in bulletins]
    docs = ex.extract_from_candidates(bulletins, item_docs, per_item=True)
    total: dict[str, float] = defaultdict(float)
    for d in docs:
        for _, kws in d.items:
            for k in kws:
                total[k.term] += k.weight
    chosen: list[str] = []
    for term, _ in sorted(total.items(), key=lambda kv: (-round(kv[1], 8), kv[0])):
        if skip_contained and any(term in c for c in chosen):
            continue
        chosen.append(term)
        if len(chosen) >= top:
            break
    return chosen
