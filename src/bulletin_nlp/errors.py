"""bnlp's own exception types.

Every error bnlp raises on bad input or a failed run derives from :class:`BnlpError`, and
``str(err)`` is one line naming the file and the problem (``path: problem``). The command line
catches :class:`BnlpError` by type and prints that line; anything else is a bug and says so.
"""

from __future__ import annotations


class BnlpError(Exception):
    """Base class of bnlp's errors; ``str(err)`` is the one-line message shown to the user."""


class UsageError(BnlpError):
    """An API call or option combination that cannot work (e.g. standard input given twice)."""


class OutputError(BnlpError):
    """A result could not be written: ``str(err)`` is ``path: cannot write (reason)``."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: cannot write ({reason})")
        self.path = path
        self.reason = reason


class MissingDependencyError(BnlpError, ImportError):
    """An optional dependency is not installed: the message names the extra that provides it."""


class CorpusError(UsageError, ValueError):
    """Corpus analysis options that cannot work (an unknown period, too few groups to compare,
    empty terms); the message says which and what to use instead."""


class CacheError(BnlpError):
    """bnlp's cache folder could not be cleared: ``str(err)`` is ``folder: cannot remove a cache file (reason)``."""
