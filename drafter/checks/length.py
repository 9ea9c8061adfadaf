"""Rules ``length-target`` and ``length-range``: how long the speech takes to read.

Characters are counted as the genre counts them: Han characters and punctuation of the spoken text
(salutation, headings, paragraphs; not the title, speaker or date lines). Reading minutes are the
count divided by the reading speed (180 字/分 by default).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import BODY_KINDS, Hit
from drafter.genre.meeting_types import TYPES

_COUNTED_RANGES = ((0x00B7, 0x00B7), (0x2014, 0x2014), (0x2018, 0x2019), (0x201C, 0x201D), (0x2026, 0x2026),
                   (0x3001, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF01, 0xFF0F),
                   (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))
"""The counted code points, inclusive ranges in order: Han characters (CJK Extension A, Unified
Ideographs, Compatibility Ideographs), CJK and full-width punctuation, — ‘ ’ “ ” … ·."""
_BOUNDS = tuple(b for lo, hi in _COUNTED_RANGES for b in (lo, hi + 1))
"""Range starts and ends (exclusive), sorted: a code point is counted when an odd number of bounds
are at or below it. (A regular-expression class of these ranges takes milliseconds to compile.)"""

TARGET_TOLERANCE = 0.2
"""A speech more than 20 % over or under its target minutes is flagged."""


def count_chars(text: str) -> int:
    """Han characters and punctuation in ``text`` (Latin letters, digits and spaces not counted)."""
    return sum(n for ch, n in Counter(text).items() if bisect_right(_BOUNDS, ord(ch)) & 1)


def speech_chars(blocks: Sequence[Block]) -> int:
    """The counted characters of the spoken text of a speech."""
    return count_chars("".join(b.text for b in blocks if b.kind in BODY_KINDS))


def usual_range(meeting_type: str | None) -> tuple[int, int] | None:
    """The meeting type's usual length in characters (from drafter.genre.meeting_types), None if unknown."""
    if not meeting_type:
        return None
    for t in TYPES.values():
        if meeting_type == t.id or meeting_type == t.name or meeting_type in t.aliases:
            return tuple(t.length)
    return None


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    chars = speech_chars(blocks)
    if not chars:
        return
    speed = ctx.reading_speed
    minutes = chars / speed
    about = f"全文约{chars}字，按每分钟{speed}字约需{minutes:.0f}分钟"
    if ctx.target_minutes:
        t = ctx.target_minutes
        if abs(minutes - t) > TARGET_TOLERANCE * t:
            want = round(t * speed)
            if minutes > t:
                yield Hit("length-target", "warning", f"{about}，超出预定的{t:g}分钟",
                          f"压缩到约{want}字", None)
            else:
                yield Hit("length-target", "warning", f"{about}，不足预定的{t:g}分钟",
                          f"充实到约{want}字", None)
    rng = usual_range(ctx.meeting_type)
    if rng:
        lo, hi = rng
        if chars > hi:
            yield Hit("length-range", "warning", f"{about}，长于这类会议讲话常见的{lo}—{hi}字",
                      f"压缩到{hi}字以内", None)
        elif chars < lo:
            yield Hit("length-range", "info", f"{about}，短于这类会议讲话常见的{lo}—{hi}字",
                      "核对是否需要充实", None)
