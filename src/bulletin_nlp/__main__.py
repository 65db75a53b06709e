"""``python -m bulletin_nlp`` and the ``bnlp`` console script."""

import sys


def main() -> int:
    """The ``bnlp`` command: :func:`bulletin_nlp.cli.main` on the process's arguments, with the
    cyclic garbage collector paused while the command line is imported and parsed
    (:func:`bulletin_nlp.collector.pause_for_startup`; the command resumes it)."""
    from . import collector

    collector.pause_for_startup()
    from .cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
