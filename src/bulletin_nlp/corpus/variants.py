"""Traditional to simplified characters, for corpora that mix both (older reports are often
in traditional characters): OpenCC's ``t2s`` conversion (Open Chinese Convert, BYVoid et al.,
phrase and character tables), from the ``opencc`` module
(``opencc-python-reimplemented``, a dependency of bnlp).
"""

from __future__ import annotations

from ..errors import MissingDependencyError

_converter = None


class VariantsUnavailable(MissingDependencyError):
    """The ``opencc`` package is not installed."""


def to_simplified(text: str) -> str:
    """``text`` with traditional characters converted to simplified (OpenCC ``t2s``); text that
    is already simplified comes back unchanged.

    Raises:
        VariantsUnavailable: ``opencc`` is not installed (the message says how to install it).
    """
    global _converter
    if _converter is None:
        try:
            import opencc  # noqa: F401 - only to say how to install it when it is missing
        except ImportError:
            raise VariantsUnavailable(
                "--t2s needs the opencc package: pip install opencc-python-reimplemented"
            ) from None
        from ..normalise import t2s_converter

        _converter = t2s_converter()
    return _converter.convert(text)
