"""Word's automatic numbering: the label Word shows before a numbered paragraph.

A numbered paragraph in WordprocessingML carries no label text, only ``w:numPr`` (a list
instance ``w:numId`` and a level ``w:ilvl``), given directly or through its paragraph style.
The label is computed from ``word/numbering.xml``: the list instance points to an abstract
numbering definition whose level gives a start value, a number format (``w:numFmt``) and a
label template (``w:lvlText``, e.g. ``%1、`` or ``（%2）``), where ``%N`` stands for the
current counter of level N-1 rendered in that level's format.

Source of the rules: ECMA-376 Part 1, §17.9 (Numbering) and the ST_NumberFormat simple type
(§17.18.59), which names the formats implemented here (``decimal``, ``chineseCounting``,
``chineseCountingThousand``, ``chineseLegalSimplified``, ``ideographTraditional``,
``ideographZodiac``, ``decimalEnclosedCircle``, …). Counters are kept per abstract definition
(list instances of one definition continue each other's count, as Word does) and a level's
counter restarts after any use of a higher level. ``w:lvlOverride/w:startOverride`` restarts
a list instance at the given value when that instance is first used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Bullets drawn from symbol fonts (Symbol, Wingdings) sit in the Private Use Area; these are
# the Unicode characters they show (Symbol 0xB7 is a bullet, Wingdings 0xA7 a small square…).
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "◆",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
    "\uf0a8": "◇",
    "\uf06c": "●",
}


def chinese_counting(n: int, *, legal: bool = False) -> str:
    """Render a positive integer in Chinese numerals as Word does for ``chineseCounting``.

    ``1 → 一``, ``10 → 十``, ``12 → 十二``, ``20 → 二十``, ``105 → 一百零五``. With ``legal``
    the financial (大写) digits and units are used: ``12 → 壹拾贰``. Zero gives ``〇`` (``零``).
    Numbers of 10,000 and more fall back to decimal digits.
    """
    digits = _CN_LEGAL_DIGITS if legal else _CN_DIGITS
    units = ("", "拾", "佰", "仟") if legal else ("", "十", "百", "千")
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    out: list[str] = []
    s = str(n)
    zero = False
    for i, ch in enumerate(s):
        d = int(ch)
        pos = len(s) - 1 - i
        if d == 0:
            zero = True
            continue
        if zero and out:
            out.append(digits[0] if legal else "零")
        zero = False
        if not (d == 1 and pos == 1 and not out and not legal):  # 十二, not 一十二
            out.append(digits[d])
        out.append(units[pos])
    return "".join(out)


def _letters(n: int, upper: bool) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    base = "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if upper else "abcdefghijklmnopqrstuvwxyz"
    return base[(n - 1) % 26] * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int, upper: bool) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
        (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    )  # fmt: skip
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    r = "".join(out)
    return r if upper else r.lower()


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in the ST_NumberFormat ``fmt`` (unknown formats give decimal digits)."""
    if fmt in ("chineseCounting", "japaneseCounting", "taiwaneseCounting"):
        # Word writes 100 and more digit by digit (一〇〇) in this format.
        return chinese_counting(n) if n < 100 else "".join(_CN_DIGITS[int(c)] for c in str(n))
    if fmt in ("chineseCountingThousand", "taiwaneseCountingThousand", "japaneseCountingThousand"):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_counting(n, legal=True)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(0xFF10 + int(c)) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperRoman":
        return _roman(n, True)
    if fmt == "lowerRoman":
        return _roman(n, False)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False


@dataclass
class Numbering:
    """The numbering definitions of one document and the running counters.

    Build with :meth:`from_parts`, then call :meth:`label` for each paragraph in document order.
    """

    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    num_to_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)
    style_numpr: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    style_based_on: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _started: set = field(default_factory=set)

    @classmethod
    def from_parts(cls, numbering_root, styles_root=None) -> Numbering:
        """Read ``word/numbering.xml`` and ``word/styles.xml`` (lxml roots; either may be None)."""
        self = cls()
        if numbering_root is not None:
            for an in numbering_root.iter(W + "abstractNum"):
                levels: dict[int, _Level] = {}
                for lvl in an.iter(W + "lvl"):
                    lv = _Level()
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                    for child in lvl:
                        tag, val = child.tag, child.get(W + "val")
                        if tag == W + "start" and val is not None:
                            lv.start = int(val)
                        elif tag == W + "numFmt" and val is not None:
                            lv.fmt = val
                        elif tag == W + "lvlText" and val is not None:
                            lv.text = val
                        elif tag == W + "suff" and val is not None:
                            lv.suffix = val
                        elif tag == W + "isLgl":
                            lv.legal = val not in ("0", "false")
                    levels[ilvl] = lv
                self.abstract[an.get(W + "abstractNumId", "")] = levels
            for num in numbering_root.iter(W + "num"):
                num_id = num.get(W + "numId", "")
                ref = num.find(W + "abstractNumId")
                if ref is not None:
                    self.num_to_abstract[num_id] = ref.get(W + "val", "")
                for ov in num.iter(W + "lvlOverride"):
                    so = ov.find(W + "startOverride")
                    if so is not None:
                        self.overrides.setdefault(num_id, {})[int(ov.get(W + "ilvl", "0"))] = int(
                            so.get(W + "val", "1")
                        )
        if styles_root is not None:
            for st in styles_root.iter(W + "style"):
                sid = st.get(W + "styleId", "")
                based = st.find(W + "basedOn")
                if based is not None:
                    self.style_based_on[sid] = based.get(W + "val", "")
                numpr = st.find(f"{W}pPr/{W}numPr")
                if numpr is not None:
                    self.style_numpr[sid] = _read_numpr(numpr)
        return self

    def _numpr_of(self, p) -> tuple[str | None, int]:
        num_id: str | None = None
        ilvl: int | None = None
        ppr = p.find(W + "pPr")
        if ppr is not None:
            numpr = ppr.find(W + "numPr")
            if numpr is not None:
                num_id, ilvl = _read_numpr(numpr)
            style = ppr.find(W + "pStyle")
            sid = style.get(W + "val") if style is not None else None
            seen = set()
            while sid and sid not in seen and (num_id is None or ilvl is None):
                seen.add(sid)
                s_num, s_lvl = self.style_numpr.get(sid, (None, None))
                num_id = num_id if num_id is not None else s_num
                ilvl = ilvl if ilvl is not None else s_lvl
                sid = self.style_based_on.get(sid)
        return num_id, ilvl or 0

    def label(self, p) -> str | None:
        """The label Word shows before paragraph ``p`` (a ``w:p`` element), or None if unnumbered.

        Advances the counters: call once per paragraph, in document order. The label includes
        its separator: nothing after a label ending in CJK punctuation (``一、``, ``（一）``),
        one space otherwise (``1. ``), none when the level's ``w:suff`` is ``nothing``.
        """
        num_id, ilvl = self._numpr_of(p)
        if not num_id or num_id == "0":
            return None
        abs_id = self.num_to_abstract.get(num_id)
        levels = self.abstract.get(abs_id or "")
        if not levels or ilvl not in levels:
            return None
        counters = self._counters.setdefault(abs_id or "", {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl_no, start in self.overrides.get(num_id, {}).items():
                counters[lvl_no] = start - 1
                for deeper in [k for k in counters if k > lvl_no]:
                    del counters[deeper]
        lv = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, lv.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if lv.fmt == "bullet":
            text = "".join(_SYMBOL_BULLETS.get(c, "•" if "\ue000" <= c <= "\uf8ff" else c) for c in lv.text)
        else:
            text = lv.text
            for k in range(9, -1, -1):
                token = f"%{k + 1}"
                if token in text:
                    ref = levels.get(k, _Level())
                    value = counters.get(k, ref.start)
                    fmt = "decimal" if lv.legal and ref.fmt != "none" else ref.fmt
                    text = text.replace(token, format_number(value, fmt))
        if not text:
            return ""
        if lv.suffix == "nothing" or not text[-1].isascii():
            return text
        return text + " "


def _read_numpr(numpr) -> tuple[str | None, int | None]:
    num = numpr.find(W + "numId")
    lvl = numpr.find(W + "ilvl")
    return (
        num.get(W + "val") if num is not None else None,
        int(lvl.get(W + "val", "0")) if lvl is not None else None,
    )
