"""The one place corpus analysis asks for items' themes (so the classifier can change behind it)."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Item


def item_themes(items: Sequence[Item], taxonomy_path: str | None = None) -> list[list[str]]:
    """Theme labels of each item, best first, from the same decision as ``bnlp classify``
    (:func:`bulletin_nlp.themes.classify_items`): the default model, or zero-shot over the taxonomy
    in ``taxonomy_path`` when given; an empty list for an item the classifier abstains on.

    Raises:
        TaxonomyError: an unreadable or malformed taxonomy file.
        bulletin_nlp.training.TrainingError: the shipped labelled set is unusable (packaging error).
    """
    from ..themes import classify_items

    preds, _, _ = classify_items(list(items), None, taxonomy_path)
    return [[s.label for s in p.themes] for p in preds]
