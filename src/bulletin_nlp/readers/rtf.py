"""Rich Text Format (``.rtf``), read with striprtf.

striprtf (https://github.com/joshy/striprtf) turns RTF into plain text, one paragraph a line
(``\\par``), decoding ``\\uN`` escapes and, with the right code page, ``\\'xx`` byte escapes.
The code page is the document's ``\\ansicpgN`` (Word and WPS write ``\\ansicpg936`` for
Chinese documents); code page 936 (GBK) is read as its superset GB18030. A document that
declares no code page but uses a Chinese font charset (``\\fcharset134``, GB2312) is read as
GB18030 too; otherwise Windows-1252, the RTF default.
"""

from __future__ import annotations

import re

from . import Extracted, library_version

_CODEPAGES = {"936": "gb18030", "54936": "gb18030", "950": "big5", "65001": "utf-8", "932": "cp932", "949": "cp949"}


def read_rtf(path: str, data: bytes) -> Extracted:
    """Read an ``.rtf`` file's text.

    Raises:
        InputError: not an RTF file, or byte escapes that do not decode in its code page.
    """
    from striprtf.striprtf import rtf_to_text

    from ..reading import InputError

    if not data.lstrip().startswith(b"{\\rtf"):
        raise InputError(path, "is not an RTF file (it does not start with {\\rtf)")
    source = data.decode("latin-1")  # RTF is 7-bit; any 8-bit byte is kept as is for striprtf
    m = re.search(r"\\ansicpg(\d+)", source[:2000])
    if m:
        encoding = _CODEPAGES.get(m.group(1), f"cp{m.group(1)}")
    elif "\\fcharset134" in source[:20000]:
        encoding = "gb18030"
    else:
        encoding = "cp1252"
    try:
        text = rtf_to_text(source, encoding=encoding, errors="strict")
    except (UnicodeDecodeError, LookupError):
        raise InputError(path, f"RTF text does not decode in its code page ({encoding})") from None
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return Extracted(
        text="\n\n".join(line for line in lines if line),  # an empty line between paragraphs
        reader="striprtf",
        versions={"striprtf": library_version("striprtf")},
    )
