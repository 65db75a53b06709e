"""When CPython's cyclic garbage collector runs during bnlp's work.

bnlp's own objects are freed by reference counting: item segmentation and keyword extraction make
no reference cycles (``gc.collect()`` after segmenting the 52 work reports with the collector off
finds nothing to free). The collector's scans still walk every tracked object of the older
generations, so a run that allocates much, and keeps it, pays for scans that free nothing:

* :func:`paused` pauses it for a block of such work (restored afterwards, also on error): the
  item segmentation of a document, the candidate terms of its items, the ranking. Never around
  reading a file: the readers' libraries make reference cycles (about 50 KiB of them per .docx
  with docx2python), which a long folder would otherwise pile up.
* The ``bnlp`` process (:func:`bulletin_nlp.__main__.main`) pauses it while the command line's
  modules are imported and its options parsed (:func:`pause_for_startup`); the command starts it
  again (:func:`resume_after_startup`) after :func:`gc.freeze` has moved what the imports made,
  which lives until the process exits, out of reach of later scans.
* At exit the process freezes every object alive (:func:`freeze_at_exit`), so the collections the
  interpreter runs while shutting down do not walk them one last time.

Python callers (tests, notebooks) keep their own collector: only the entry point pauses, freezes
or resumes for the whole process. See the ``gc`` module documentation (``gc.freeze``, Python 3.7+).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["freeze_at_exit", "pause_for_startup", "paused", "resume_after_startup"]

_STARTUP = {"paused": False}


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block; on again afterwards (also on error)
    unless the caller had it off. Cycles made meanwhile are collected once it is back on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def pause_for_startup() -> None:
    """Pause the collector until :func:`resume_after_startup`: for the process's entry point only,
    before it imports the command line (Typer, pydantic and rich make about 60 collections there,
    which free nothing)."""
    if gc.isenabled():
        gc.disable()
        _STARTUP["paused"] = True


def resume_after_startup() -> None:
    """Freeze the objects alive now and start the collector that :func:`pause_for_startup`
    paused; does nothing when it did not (in-process callers)."""
    if _STARTUP["paused"]:
        _STARTUP["paused"] = False
        gc.freeze()
        gc.enable()


def freeze_at_exit() -> None:
    """Freeze every object alive when the process exits (an :mod:`atexit` hook), so that the
    collections the interpreter runs while shutting down do not walk the modules, the gazetteer and
    the compiled rules one last time (about a sixth of a short command's CPU time). For the
    process's own entry point only."""
    import atexit

    atexit.register(gc.freeze)
