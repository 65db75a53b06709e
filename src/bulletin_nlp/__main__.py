"""``python -m bulletin_nlp``: the same as the ``bnlp`` command."""

import sys

from .cli import main

sys.exit(main())
