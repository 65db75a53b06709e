"""The default theme classifier: trained from the shipped labelled set, cached per user.

Source
    ``resources/themes-train.csv`` (a link to the repository's ``data/themes-train.csv``: items
    written by the bnlp team in the styles real bulletin items take; see that file's header) and
    ``resources/theme-model.toml`` (features and regularisation chosen by cross-validation with
    ``tools/tune_themes.py``). Thresholds (further themes, abstention) are tuned by 5-fold
    cross-validation each time the model is built (:func:`bulletin_nlp.training.tune_thresholds`).

Cache
    Built on first use into the user cache folder (``platformdirs.user_cache_dir("bnlp")``) as
    ``themes-default-KEY.skops``, where KEY hashes the labelled set, the taxonomy, the
    configuration, the source of the modules that build it and the versions of bnlp, scikit-learn,
    NumPy, SciPy, jieba, OpenCC and skops: a changed labelled set, code or library rebuilds it, and
    no file made by other versions is ever read.
    It is loaded through the same safe skops path as user models
    (:func:`bulletin_nlp.training.load_model`). Without a writable cache folder the model is
    built in memory for each run. Nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable

CSV_RESOURCE = "themes-train.csv"
CONFIG_RESOURCE = "theme-model.toml"
TAXONOMY_RESOURCE = "taxonomy.toml"

_memory: dict = {}


def _resource_path(name: str) -> str:
    from importlib.resources import files

    return str(files("bulletin_nlp") / "resources" / name)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    out = {"bnlp": __version__}
    for dist in ("scikit-learn", "numpy", "scipy", "jieba", "opencc-python-reimplemented", "skops"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "none"
    return out


def cache_key() -> str:
    """Hex digest (16 characters) of the labelled set, taxonomy, configuration, building code and library versions."""
    h = hashlib.sha256()
    for name in (CSV_RESOURCE, TAXONOMY_RESOURCE, CONFIG_RESOURCE):
        with open(_resource_path(name), "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    here = os.path.dirname(os.path.abspath(__file__))
    for module in ("training.py", "themes.py", "default_model.py", "tokenizer.py"):  # the code that builds it
        try:
            with open(os.path.join(here, module), "rb") as f:
                h.update(hashlib.sha256(f.read()).digest())
        except OSError:  # pragma: no cover - only compiled files installed
            h.update(module.encode())
    for k, v in sorted(_versions().items()):
        h.update(f"{k}={v};".encode())
    return h.hexdigest()[:16]


def cache_file(key: str | None = None) -> str | None:
    """Where the default model for ``key`` (default: the current one) lives, or None without a
    usable cache folder."""
    from .tokenizer import cache_dir

    folder = cache_dir()
    return os.path.join(folder, f"themes-default-{key or cache_key()}.skops") if folder else None


def build(progress: Callable[[int, int], None] | None = None):
    """Train the default model from the shipped labelled set and configuration (no caching).

    Returns:
        a :class:`bulletin_nlp.training.Model` with tuned thresholds.
    """
    from .themes import load_taxonomy
    from .training import load_config, read_labeled, train
    from .wordlists import resource_text

    config = load_config(resource_text(CONFIG_RESOURCE), CONFIG_RESOURCE)
    examples = read_labeled(_resource_path(CSV_RESOURCE))
    return train(examples, load_taxonomy(), config, tune=True, progress=progress)


def load_default(notify: Callable[[str], None] | None = None):
    """The default model and where it came from (cache file path, or ``"memory"``).

    Builds it when the cache has no model for the current key, with one note through ``notify``.

    Raises:
        bulletin_nlp.training.TrainingError: the shipped labelled set is unusable (a packaging error).
    """
    from .training import TrainingError, load_model, save_model

    key = cache_key()
    if key in _memory:
        return _memory[key]
    path = cache_file(key)
    model = None
    if path and os.path.isfile(path):
        try:
            model = load_model(path)
        except TrainingError:
            model = None  # damaged or foreign file: rebuild over it
    if model is None:
        if notify:
            notify("building the default theme model from the shipped labelled set (first use; up to a minute)")
        model = build()
        if path:
            try:
                save_model(model, path)
                _remove_stale(path)
            except OSError:
                path = None
    result = (model, path or "memory")
    _memory[key] = result
    return result


def _remove_stale(keep: str) -> None:
    folder = os.path.dirname(keep)
    for name in os.listdir(folder):
        full = os.path.join(folder, name)
        if name.startswith("themes-default-") and name.endswith(".skops") and full != keep:
            try:
                os.unlink(full)
            except OSError:
                pass
