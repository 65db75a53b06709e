"""The one place corpus analysis asks for items' themes (so the classifier can change behind it)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Item


def item_themes(items: Sequence[Item], taxonomy_path: str | None = None) -> list[list[str]]:
    """Theme labels of each item, best first, from the zero-shot classifier
    (:class:`bulletin_nlp.themes.ZeroShotClassifier`, default threshold) over the shipped
    taxonomy or the one in ``taxonomy_path``; an empty list for an item without theme terms.

    Raises:
        TaxonomyError: an unreadable or malformed taxonomy file.
    """
    from ..themes import ZeroShotClassifier, load_taxonomy

    clf = ZeroShotClassifier(load_taxonomy(taxonomy_path))
    return [[s.label for s in scores] for scores in clf.classify(list(items))]
