"""Rules ``announced-count`` and ``announced-keyword``: «讲三点意见» («讲两个问题», «三点希望») is followed by that many points;
«四个坚持» by four points that each start with 坚持.

The points are the headings that follow the announcement (one level: the level of the first
heading after it), or, when no heading follows before the next paragraph, the spoken list
(一是/一要/第一…) that starts after the announcement, or the parts opening with a dash «——» that follow it.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from drafter.speech.blocks import Block, Kind
from drafter.checks._base import Hit
from drafter.checks._items import labels, spoken_lists
from drafter.genre.numbering import DASH, count_word, parse_cn_numeral

_POINTS = re.compile(r"(?:讲|提|强调|谈|谈谈|提出|说|从|重点强调|重点讲|突出|抓好|把握|做到|注意)"
                     r"(?:以下|这么|如下|这样|好|一下)?([两二三四五六七八九十])(?:点|个方面|方面|件事|条|个(?=问题))的?"
                     r"(?:意见|要求|看法|体会|建议|问题|内容|工作|希望|认识|事情|思考)?")
_KEYWORD = re.compile(r"“?([两二三四五六七八九十])个(坚持|必须|着力|聚焦|更加)”?[：:。]?[”]?\s*$"
                      r"|(?:讲|突出|做到|坚持|把握|强调|抓好|落实好?|聚焦|重点|围绕|实现|推进|着力)(?:好|以下|这)?"
                      r"“([两二三四五六七八九十])个([\u4e00-\u9fff]{2})”")
_FIXED_NUMBERED = ("意识", "自信", "维护", "确立", "全面", "务必", "结合", "代表", "伟大", "大局", "百年", "毫不",
                   "文明", "统筹", "一体")
"""Second halves of fixed numbered terms («四个意识», «两个确立» …): not announcements of points."""


def _announcements(text: str):
    for m in _POINTS.finditer(text):
        yield m, 1, None
    for m in _KEYWORD.finditer(text):
        if m.group(1):
            yield m, 1, m.group(2)
        elif m.group(4) not in _FIXED_NUMBERED:
            yield m, 3, m.group(4)


def _points(blocks: Sequence[Block], i: int, offset: int) -> list[tuple[int, int, str]]:
    """(block, offset, text) of the points announced at block ``i`` / ``offset``: the heading labels
    that follow (in the same paragraph or from the next block on), else the spoken list that starts
    after the announcement."""
    j = i + 1
    while j < len(blocks) and blocks[j].kind not in (Kind.HEADING, Kind.PARAGRAPH):
        j += 1
    labs = [lab for lab in labels(blocks) if (lab.block, lab.offset) > (i, offset)]
    plain_heads = [k for k, b in enumerate(blocks) if b.kind is Kind.HEADING
                   and not any(lab.block == k for lab in labs)]
    if labs and labs[0].block <= j and labs[0].number == 1:  # (a later section's «二、» is no list of points)
        first = labs[0]
        out = []
        for lab in labs:
            if any(first.block < k <= lab.block for k in plain_heads):
                break
            if lab.level < first.level:
                break
            if lab.level == first.level:
                if lab.form != first.form and lab.number == 1:
                    break
                out.append((lab.block, lab.offset + lab.length, lab.title))
        return out
    for lst in spoken_lists(blocks):
        head = lst[0]
        if (head.block, head.offset) > (i, offset) and head.block <= j and head.number == 1:
            return [(s.block, s.offset + len(s.label), _lead(blocks[s.block].text, s.offset + len(s.label)))
                    for s in lst]
    return _dashes(blocks, j)


def _dashes(blocks: Sequence[Block], j: int) -> list[tuple[int, int, str]]:
    """The parts opening with a dash («——坚定信念，就是……») from block ``j`` on, up to the next heading;
    paragraphs without a dash between them (the part's requirements) belong to the part before."""
    out = []
    for k in range(j, len(blocks)):
        b = blocks[k]
        if b.kind is Kind.HEADING:
            break
        text = b.text.lstrip("\u3000 ")
        if b.kind is Kind.PARAGRAPH and text.startswith(DASH):
            start = len(b.text) - len(text) + len(DASH)
            out.append((k, start, re.split(r"[，。！？；]", b.text[start:], maxsplit=1)[0]))
        elif k == j:
            break  # the announcement is not followed by a dash: no list of dashes
    return out


def _lead(text: str, start: int) -> str:
    m = re.search(r"[。！？；]", text[start:])
    return text[start:start + m.start()] if m else text[start:]


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    for i, b in enumerate(blocks):
        if b.kind is not Kind.PARAGRAPH:
            continue
        for m, g, keyword in _announcements(b.text):
            n = parse_cn_numeral(m.group(g))
            points = _points(blocks, i, m.end())
            if not points:
                continue
            if len(points) != n:
                yield Hit("announced-count", "error",
                          f"宣布了「{m.group(0).strip('“”：:。 ')}」，后面实际有{len(points)}条",
                          f"改为「{m.group(0).strip('“”：:。 ').replace(m.group(g), count_word(len(points)), 1)}」或补齐/删减条目",
                          i, m.start(g), len(m.group(g)), b.text)
            if keyword and sum(title.startswith(keyword) for _, _, title in points) * 2 >= len(points):
                # (a list where fewer than half the points start with the word is not a keyword list)
                for k, off, title in points:
                    if not title.startswith(keyword):
                        yield Hit("announced-keyword", "warning",
                                  f"「{m.group(g)}个{keyword}」的这一条不以「{keyword}」开头：「{title[:16]}」",
                                  f"以「{keyword}」开头", k, off, max(1, min(len(title), 8)), blocks[k].text)
