"""Rules ``numbering-mixed`` and ``numbering-sequence``: one ordinal form per level, no gaps or repeats.

Headings of one level under one parent are one list (一、 二、 …; （一） （二） …); spoken ordinals
(一是/一要/第一，/首先，) form lists inside the paragraphs under a heading. Mixing forms in one list —
«一要…二是…», a known writers' error — and a gap, a repeat or a list that does not start at one
are errors.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import Hit
from drafter.checks._items import sibling_groups, spoken_lists
from drafter.genre.numbering import label as make_label

_FAMILY_FORM = {"是": "一是", "要": "一要", "第": "第一，", "首先": "首先，", "、": "一、"}


def _headings(blocks) -> Iterator[Hit]:
    for group in sibling_groups(blocks):
        first = group[0]
        for k, lab in enumerate(group):
            text = blocks[lab.block].text
            if lab.form != first.form:
                yield Hit("numbering-mixed", "error",
                          f"同一级标题混用了「{make_label(first.form, first.number)}」和「{make_label(lab.form, lab.number)}」两种序号",
                          f"统一为「{make_label(first.form, k + 1)}」", lab.block, lab.offset, lab.length, text)
                continue
            want = k + 1
            if lab.number != want:
                yield Hit("numbering-sequence", "error",
                          f"标题序号「{make_label(lab.form, lab.number)}」不连续：这里应是第{want}项",
                          f"改为「{make_label(lab.form, want)}」", lab.block, lab.offset, lab.length, text)


def _spoken(blocks) -> Iterator[Hit]:
    for lst in spoken_lists(blocks):
        first = lst[0]
        if first.number != 1:
            yield Hit("numbering-sequence", "error", f"「{first.label}」前面没有「{make_label(_FAMILY_FORM[first.family], 1).rstrip('，')}」",
                      "从「一」开始编号", first.block, first.offset, len(first.label), blocks[first.block].text)
        reported_mix = False
        for k, item in enumerate(lst):
            text = blocks[item.block].text
            want = k + 1 if first.number == 1 else item.number
            form = _FAMILY_FORM[first.family]
            if item.family != first.family:
                if not reported_mix:
                    right = make_label(form, want, None).rstrip("，")
                    yield Hit("numbering-mixed", "error",
                              f"同一组序号混用了「{first.label}」和「{item.label}」",
                              f"统一为「{right}」（前面是「{first.label}」）", item.block, item.offset,
                              len(item.label), text)
                    reported_mix = True
                continue
            if item.family == "首先" and item.number == 0:
                continue  # 最后 closes any length
            if first.number == 1 and item.number != want:
                right = make_label(form, want).rstrip("，")
                yield Hit("numbering-sequence", "error",
                          f"序号「{item.label}」{'重复' if item.number < want else '跳号'}：这里应是「{right}」",
                          f"改为「{right}」", item.block, item.offset, len(item.label), text)


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    yield from _headings(blocks)
    yield from _spoken(blocks)
