"""Rule ``sections``: a speech of a known meeting type says what its genre always says.

Each type lists, in :attr:`drafter.genre.meeting_types.MeetingType.sections`, the parts of its genre
as words that mark them (a 警示教育大会 speech asks its hearers to «把自己摆进去», turns to «以案促改»
and ends on «警钟»; a 民主生活会 summary opens with «总体评价»). Each part is a tuple of the wordings real
speeches use for it (the 点评's «总体评价» is as often «总体感觉» or «总的来看»; a 七一 speech may name the
«百年华诞» rather than a «周年»): the vocabulary is data in meeting_types.py, not code here. A speech that lacks one is flagged,
so that an edited draft or a speech written elsewhere shows where its structure departs.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from drafter.checks._base import BODY_KINDS, Hit
from drafter.speech.blocks import Block
from drafter.genre.meeting_types import lookup


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    if not ctx.meeting_type:
        return

    mt = lookup(ctx.meeting_type)
    if mt is None or not mt.sections:
        return
    text = "".join(b.text for b in blocks if b.kind in BODY_KINDS)
    if not text:
        return
    for words in mt.sections:
        if not any(w in text for w in words):
            said = f"「{words[0]}」" + (f"（或{'、'.join(f'「{w}」' for w in words[1:])}）" if words[1:] else "")
            yield Hit("sections", "warning", f"{mt.name}通常要讲到{said}，这篇没有",
                      "核对是否漏了这一部分", None)
