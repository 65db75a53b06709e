"""Safety checks for trained theme models: the exact types a model file may hold, and labelled
data that would train a useless model.

Model files (skops)
    skops (https://skops.readthedocs.io, "Secure persistence") never unpickles: it rebuilds
    objects from a JSON schema and constructs only types the caller trusts. ``skops.io``'s own
    default trust list is broad (all of scikit-learn), so a file could, e.g., hold a
    ``FunctionTransformer(func=builtins.exec)`` step that ``get_untrusted_types`` names only as
    ``builtins.exec`` while the FunctionTransformer itself passes unseen. bnlp therefore reads
    every type the file's ``schema.json`` names (``__module__`` + ``__class__`` of every node,
    including function and type nodes) and refuses the file, before anything is constructed,
    unless each one is in :data:`TRUSTED_TYPES`: exactly the types bnlp's own pipelines
    (:func:`bulletin_nlp.training.make_pipeline`) are saved with.

Labelled data
    :func:`check_label_spread` refuses a theme that is on every labelled row (a classifier
    learns a constant: every item gets it with score 1.0) and reports taxonomy themes on no row.
"""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["TRUSTED_TYPES", "UnsafeModelError", "check_label_spread", "check_model_file", "model_types"]

#: The exact types a bnlp model file may name (module.qualname). Extend this set, type by type,
#: when :func:`bulletin_nlp.training.make_pipeline` starts using another estimator.
TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        # containers and scalars of the saved dictionary {"pipeline", "labels", "meta"}
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.NoneType",
        # the pipeline
        "sklearn.pipeline.Pipeline",
        "sklearn.pipeline.FeatureUnion",
        "sklearn.feature_extraction.text.TfidfVectorizer",
        "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.multiclass.OneVsRestClassifier",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.preprocessing._label.LabelBinarizer",
        "sklearn.preprocessing._label.MultiLabelBinarizer",
        # bnlp's analyzers and preprocessor (importable functions of bnlp; training.TRUSTED_FUNCTIONS)
        "bulletin_nlp.tokenizer.analyze",
        "bulletin_nlp.training.word_analyze",
        "bulletin_nlp.themes.taxonomy_analyze",
        "bulletin_nlp.themes.simplify",
        # fitted arrays
        "numpy.ndarray",
        "numpy.dtype",
        "numpy.float64",
        "numpy.float32",
        "numpy.int64",
        "numpy.int32",
        "numpy.intc",
        "numpy.bool_",
        "numpy.str_",
        "numpy.random.mtrand.RandomState",
        "scipy.sparse._csr.csr_matrix",
    }
)


class UnsafeModelError(ValueError):
    """A model file names types outside :data:`TRUSTED_TYPES` (``types`` lists them)."""

    def __init__(self, path: str, types: Sequence[str]):
        super().__init__(
            f"{path}: refused: the model file names types bnlp does not trust: {', '.join(types)}"
            " (nothing was loaded; only files written by `bnlp train` are accepted)"
        )
        self.path = path
        self.types = list(types)


def _walk(node: Any, out: set[str]) -> None:
    if isinstance(node, dict):
        module, name = node.get("__module__"), node.get("__class__")
        if isinstance(module, str) and isinstance(name, str):
            out.add(f"{module}.{name}")
        for v in node.values():
            _walk(v, out)
    elif isinstance(node, list):
        for v in node:
            _walk(v, out)


def model_types(path: str) -> set[str]:
    """Every type (``module.name``) the skops file at ``path`` names, read from its schema only.

    Raises:
        ValueError: not a skops file (no zip or no readable ``schema.json``).
    """
    try:
        with zipfile.ZipFile(path) as z:
            schema = json.loads(z.read("schema.json"))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, UnicodeDecodeError, OSError) as e:
        raise ValueError(f"{path}: not a bnlp model file ({type(e).__name__})") from None
    out: set[str] = set()
    _walk(schema, out)
    return out


def check_model_file(path: str, extra_types: Iterable[str] = ()) -> list[str]:
    """Check that the skops file at ``path`` names only trusted types; return the types to pass
    as ``trusted=`` to ``skops.io.load``.

    Args:
        extra_types: types skops itself reports as untrusted (``get_untrusted_types``); they must
            be in :data:`TRUSTED_TYPES` too.

    Raises:
        UnsafeModelError: a type outside :data:`TRUSTED_TYPES`, all of them named, sorted.
        ValueError: not a skops file.
    """
    names = model_types(path) | set(extra_types)
    bad = sorted(t for t in names if t not in TRUSTED_TYPES)
    if bad:
        raise UnsafeModelError(path, bad)
    return sorted(names)


def check_label_spread(label_sets: Sequence[Sequence[str]], taxonomy: Iterable[str] = (), path: str = "") -> list[str]:
    """Refuse labels that cannot be learned; return notes about themes no row carries.

    Args:
        label_sets: the labels of each labelled row.
        taxonomy: the themes the model is meant to know (e.g. the taxonomy's labels).
        path: the labelled file, for messages.

    Returns:
        Notes naming the ``taxonomy`` themes that are on no row (the model will never give them).

    Raises:
        ValueError: a theme on every row (message names it and the row count).
    """
    where = f"{path}: " if path else ""
    n = len(label_sets)
    counts = Counter(lab for labels in label_sets for lab in set(labels))
    everywhere = sorted(lab for lab, c in counts.items() if c == n and n > 0)
    if everywhere:
        raise ValueError(
            f"{where}theme {', '.join(everywhere)} is on every one of the {n} labelled rows: a model would give "
            "it to every item with score 1.0; add rows without it, or drop it from the labels"
        )
    missing = [t for t in taxonomy if t not in counts]
    return [f"{where}theme {t} is on none of the {n} labelled rows: the model will never give it" for t in missing]
