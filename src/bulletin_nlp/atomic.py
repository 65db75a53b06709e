"""The one writer of every file bnlp writes: output files, IDF tables, model files.

:func:`write_bytes` (and :func:`write_text` on top of it) writes a regular file atomically:

1. the data goes into a temporary file in the target's own folder (so the rename below never
   crosses file systems);
2. the temporary file gets the permissions a plain shell redirect would give a new file,
   ``0o666`` minus the process umask, or, when the target already exists, the permissions of the
   file it replaces (``tempfile.mkstemp`` alone would leave every output ``0o600``);
3. the data is flushed and ``os.fsync``-ed, then ``os.replace`` renames it over the target, and the
   folder is fsync-ed so that the rename itself survives a crash (where the platform allows).

A reader therefore sees either the old file or the whole new one, never half a file. A target
that exists but is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO, a terminal) is
written into directly: renaming over it would replace the device or the pipe itself.
"""

from __future__ import annotations

import os
import stat
import tempfile

from .errors import OutputError

__all__ = ["new_file_mode", "write_bytes", "write_text"]


def new_file_mode() -> int:
    """``0o666 & ~umask``: the mode ``open(path, "w")`` or a shell redirect gives a new file."""
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see the module docstring).

    Raises:
        OutputError: the folder does not exist or cannot be written, or the disk is full;
            the message is ``path: cannot write (reason)``. No temporary file is left behind.
    """
    target = os.fspath(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(target, e.strerror or str(e)) from None
    try:
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(target, "wb") as f:  # a device, FIFO or terminal: write into it
                f.write(data)
            return
        mode = stat.S_IMODE(st.st_mode) if st is not None else new_file_mode()
        folder = os.path.dirname(os.path.abspath(target))
        fd, tmp = tempfile.mkstemp(prefix=".bnlp-", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(target, e.strerror or str(e)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fchmod(f.fileno(), mode)
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        _remove(tmp)
        raise OutputError(target, e.strerror or str(e)) from None
    except BaseException:
        _remove(tmp)
        raise
    _fsync_folder(folder)


def write_text(path: str | os.PathLike[str], text: str, *, bom: bool = False) -> None:
    """Write ``text`` as UTF-8 (with a byte-order mark when ``bom``) through :func:`write_bytes`.

    Line endings are written as they are in ``text`` (no translation).
    """
    write_bytes(path, (("\ufeff" + text) if bom else text).encode("utf-8"))


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _fsync_folder(folder: str) -> None:
    """fsync the folder so the rename is on disk; not possible on every platform (Windows)."""
    flags = getattr(os, "O_DIRECTORY", None)
    if flags is None:  # pragma: no cover - Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY | flags)
    except OSError:  # pragma: no cover - a folder we may write but not open
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse fsync on folders
        pass
    finally:
        os.close(fd)
