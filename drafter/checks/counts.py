"""Rules ``announced-count`` and ``announced-keyword``: «讲三点意见» is followed by three points;
«四个坚持» by four points that each start with 坚持.

The points are the headings that follow the announcement (one level: the level of the first
heading after it), or, when no heading follows before the next paragraph, the spoken list
(一是/一要/第一…) that starts after the announcement.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from drafter.speech.blocks import Block, Kind
from drafter.checks._base import Hit
from drafter.checks._items import heading_label, spoken_lists
from drafter.genre.numbering import count_word, parse_cn_numeral

_POINTS = re.compile(r"(?:讲|提|强调|谈|提出)(?:以下|这么|如下)?([两二三四五六七八九十])(?:点|个方面的?)(?:意见|要求|看法|体会|建议)")
_KEYWORD = re.compile(r"“?([两二三四五六七八九十])个(坚持|必须|着力|聚焦|更加)”?[：:。]?[”]?\s*$")


def _announcements(text: str):
    for m in _POINTS.finditer(text):
        yield m, None
    m = _KEYWORD.search(text)
    if m:
        yield m, m.group(2)


def _points(blocks: Sequence[Block], i: int, offset: int) -> list[tuple[int, int, str]]:
    """(block, offset, text) of the points announced at block ``i`` / ``offset``."""
    j = i + 1
    while j < len(blocks) and blocks[j].kind not in (Kind.HEADING, Kind.PARAGRAPH):
        j += 1
    if j < len(blocks):
        first = heading_label(blocks[j], j)
        if first is not None:
            out = []
            for k in range(j, len(blocks)):
                lab = heading_label(blocks[k], k)
                if lab is None:
                    if blocks[k].kind is Kind.HEADING:
                        break
                    continue
                if lab.level < first.level:
                    break
                if lab.level == first.level:
                    if lab.form != first.form and lab.number == 1:
                        break
                    out.append((k, lab.length, lab.title))
            return out
    for lst in spoken_lists(blocks):
        head = lst[0]
        if (head.block, head.offset) > (i, offset) and head.block <= i + 1:
            return [(s.block, s.offset + len(s.label), _lead(blocks[s.block].text, s.offset + len(s.label)))
                    for s in lst]
    return []


def _lead(text: str, start: int) -> str:
    m = re.search(r"[。！？；]", text[start:])
    return text[start:start + m.start()] if m else text[start:]


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    for i, b in enumerate(blocks):
        if b.kind is not Kind.PARAGRAPH:
            continue
        for m, keyword in _announcements(b.text):
            n = parse_cn_numeral(m.group(1))
            points = _points(blocks, i, m.end())
            if not points:
                continue
            if len(points) != n:
                yield Hit("announced-count", "error",
                          f"宣布了「{m.group(0).strip('“”：:。 ')}」，后面实际有{len(points)}条",
                          f"改为「{m.group(0).strip('“”：:。 ').replace(m.group(1), count_word(len(points)), 1)}」或补齐/删减条目",
                          i, m.start(1), len(m.group(1)), b.text)
            if keyword:
                for k, off, title in points:
                    if not title.startswith(keyword):
                        yield Hit("announced-keyword", "warning",
                                  f"「{m.group(1)}个{keyword}」的这一条不以「{keyword}」开头：「{title[:16]}」",
                                  f"以「{keyword}」开头", k, off, max(1, min(len(title), 8)), blocks[k].text)
