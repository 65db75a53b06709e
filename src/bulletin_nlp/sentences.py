"""Sentence splitting for Chinese bulletin text.

Sentences end at 。！？ and semicolons (full- or half-width ``!?;``); closing quotation marks
and brackets that follow stay with their sentence (``……位置。”``). The full stop ``.`` never
ends a sentence, so decimals and list numbers (3.5万, 5.5%, ``1.``) are never cut.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)】》\"']*|\n|$)")


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences, each trimmed; empty pieces dropped.

    >>> split_sentences("会议强调：“要稳就业。”随后部署。1.新增3.5万人;2.失业率5.5%以内。")
    ['会议强调：“要稳就业。”', '随后部署。', '1.新增3.5万人;', '2.失业率5.5%以内。']
    """
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
