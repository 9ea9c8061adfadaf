"""Chinese numerals and the ordinal forms of the genre.

Numbering is always computed here, never typed by the writer. An *ordinal form* names how the
items of one level are counted, written as the label of the first item:

==========  ===========================  ==================================
form        labels                       where it is used
==========  ===========================  ==================================
``一、``    一、 二、 … 十一、           level-1 headings (黑体)
``（一）``  （一） （二） …              level-2 headings (楷体)
``1.``      1. 2. …                      level-3 headings
``（1）``   （1） （2） …                level-4 headings
``一是``    一是 二是 …                  spoken, neutral, inside paragraphs
``一要``    一要 二要 …                  spoken, requirements
``第一，``  第一， 第二， …              spoken, formal
``首先，``  首先， 其次， … 最后，       spoken, at most five items
``——``      —— —— …                      parallel parts, each a paragraph
                                         opening «——坚定信念，就是……»
==========  ===========================  ==================================

The dash is an ordinal without a number: every item reads the same «——», so a list of dashes can
neither skip nor repeat; its lead ends with «，» when text follows in the same paragraph.
"""

from __future__ import annotations


_DIGITS = "零一二三四五六七八九"

HEADING_FORMS = ("一、", "（一）", "1.", "（1）")
"""Forms that make a heading paragraph of their own, by outline level 1–4."""

SPOKEN_FORMS = ("一是", "一要", "第一，", "首先，")
"""Forms that start a paragraph (or a sentence inside one) with a bold lead sentence."""

DASH = "——"
"""The dash form: parallel parts opening «——lead，», not counted aloud."""

ALL_FORMS = HEADING_FORMS + SPOKEN_FORMS + (DASH,)

_SEQUENCE_WORDS = ("首先", "其次", "再次", "此外", "最后")


def cn_numeral(n: int) -> str:
    """The Chinese numeral for ``n`` (1 ≤ n ≤ 999) as used in ordinals: 十, 十一, 二十, 一百零五.

    Never 廿, never 一十 at the start (第十, not 第一十).
    """
    if not 0 < n < 1000:
        raise ValueError(f"cannot number item {n}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _DIGITS[units]
        if tens:
            out += _DIGITS[tens] + "十"
        return out + (_DIGITS[units] if units else "")
    if tens:
        out += ("" if tens == 1 else _DIGITS[tens]) + "十"
        return out + (_DIGITS[units] if units else "")
    return _DIGITS[units]


def parse_cn_numeral(text: str) -> int:
    """Inverse of :func:`cn_numeral` (also accepts 两 and 一十). Raises ValueError on anything else."""
    s = text.replace("两", "二")
    if not s or any(c not in _DIGITS + "十百" for c in s):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total = 0
    if "百" in s:
        h, _, s = s.partition("百")
        total += (_DIGITS.index(h) if h else 1) * 100
        s = s.lstrip("零")
    if "十" in s:
        t, _, s = s.partition("十")
        total += (_DIGITS.index(t) if t else 1) * 10
    if s:
        if len(s) != 1:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        total += _DIGITS.index(s)
    if total == 0:
        raise ValueError(f"not a Chinese numeral: {text!r}")
    return total


def label(form: str, n: int, total: int | None = None) -> str:
    """The label of item ``n`` (1-based) in a list counted with ``form``.

    ``total`` matters only for ``首先，``: the last item of a list of more than one reads 最后，.
    >>> label("（一）", 3)
    '（三）'
    >>> label("1.", 12)
    '12.'
    """
    if form == "一、":
        return cn_numeral(n) + "、"
    if form == "（一）":
        return f"（{cn_numeral(n)}）"
    if form == "1.":
        return f"{n}."
    if form == "（1）":
        return f"（{n}）"
    if form == "一是":
        return cn_numeral(n) + "是"
    if form == "一要":
        return cn_numeral(n) + "要"
    if form == "第一，":
        return f"第{cn_numeral(n)}，"
    if form == DASH:
        return DASH
    if form == "首先，":
        if total is not None and total > 1 and n == total:
            return "最后，"
        if n > len(_SEQUENCE_WORDS) - 1:
            raise ValueError("首先/其次 counts at most five items")
        return _SEQUENCE_WORDS[n - 1] + "，"
    raise ValueError(f"unknown ordinal form {form!r}")


def count_word(n: int) -> str:
    """The count as announced in a speech: 两 for 2 (两点意见), otherwise the numeral (三点意见)."""
    return "两" if n == 2 else cn_numeral(n)
