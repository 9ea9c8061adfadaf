"""Rule ``parallel-headings``: sibling headings keep the same length pattern around the comma.

A heading's pattern is the character count of each part between commas («加强政治建设，凝聚核心力量»
→ 6+6). Among the headings of one level under one parent, a pattern different from the most
common one is flagged (4+4 beside 4+5). Headings without a comma are compared only with headings
that have one.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import Hit
from drafter.checks._items import sibling_groups


_NOT_COUNTED = frozenset("、“”‘’《》")
"""Characters a heading's parts are measured without (with whitespace)."""


def pattern(title: str) -> tuple[int, ...]:
    """Lengths of the comma-separated parts of a heading, punctuation not counted."""
    parts = re.split(r"[，,]", title.strip().rstrip("。！？；"))
    # not counted: 、“”‘’《》 and whitespace (str.isspace is what \s matches in a str pattern)
    return tuple(sum(1 for c in p if not (c in _NOT_COUNTED or c.isspace())) for p in parts)


def _show(p: tuple[int, ...]) -> str:
    return "+".join(str(n) for n in p)


SHORT_PART = 8
"""Parts up to this length must match exactly (4+4 beside 4+5); longer parts may differ by up to two
characters or 30 % of the longer part (6+13 beside 6+10 still reads as parallel)."""


def _differs(p: tuple[int, ...], q: tuple[int, ...]) -> bool:
    if len(p) != len(q):
        return True
    return any(a != b and (max(a, b) <= SHORT_PART or abs(a - b) > max(2, 0.3 * max(a, b))) for a, b in zip(p, q))


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    for group in sibling_groups(blocks):
        if len(group) < 2:
            continue
        pats = [pattern(lab.title) for lab in group]
        if all(len(p) < 2 for p in pats) or any(len(lab.title) > 40 for lab in group):
            continue
        common, freq = Counter(pats).most_common(1)[0]
        if freq == 1 and len(group) > 2:
            common = pats[0]
        for lab, p in zip(group, pats):
            if _differs(p, common):
                yield Hit("parallel-headings", "warning",
                          f"并列标题字数结构不一致：「{lab.title}」是{_show(p)}，同级其他标题是{_show(common)}",
                          f"改成{_show(common)}的对仗结构", lab.block, lab.offset + lab.length, len(lab.title),
                          blocks[lab.block].text)
