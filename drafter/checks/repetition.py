"""Rule ``repetition``: the same sentence, or the same long phrase (≥ 15 characters), twice —
only what a writer would change.

Compared: the spoken text (salutation, headings, paragraphs), never the title block, byline or date
line. Not counted as the writer's own words: official names that cannot be varied — the fixed names
and every formulation of the formulation data (campaign full names, theory names …), the title and
subtitle (a meeting's name, the subject of a 党课), quoted names («“红色领航”工程», «《…》») and
meeting names («全区基层党建工作述职评议会»). Not reported: a phrase repeated in deliberate parallel
sentences that each carry their own ordinal («第一次…」「第二次…», «一是…」「二是…»).
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from drafter.checks._base import BODY_KINDS, Hit, sentence_at, sentences
from drafter.genre.formulations import load_data
from drafter.speech.blocks import Block, Kind

MIN_PHRASE = 15
"""The shortest repeated phrase reported, in characters."""
MIN_SENTENCE = 8
"""The shortest repeated sentence reported, in characters."""

_SPACE = re.compile(r"[\s\u3000]")
_SPIRIT = re.compile(r"党的[一二三四五六七八九十]+大(?:和[一二三四五六七八九十]+届[^全]{0,20}全会)?精神")
_QUOTED = re.compile(r"“[^”]{2,30}”|《[^》]{1,40}》")
_MEETING = re.compile(r"[\u4e00-\u9fff]{0,16}(?:工作会议|大会|评议会|推进会|座谈会|生活会|部署会|动员会|党课)")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")
_NAMES_RUN = re.compile("\x00+")
_ORDINAL = re.compile(r"第[一二三四五六七八九十]+次|第[一二三四五六七八九十]+[，、,]|[一二三四五六七八九十]+[是要、]"
                      r"|（[一二三四五六七八九十]+）|首先|其次|再次|最后|一方面|另一方面")
_TITLE_PARTS = re.compile(r"[\s\u3000——，、：:“”《》（）()]+")


def _names(blocks: Sequence[Block], ctx) -> list[str]:
    """The names not to compare, longest first."""
    data = load_data(ctx.formulation_files)
    names = set(data.fixed_names) | {f.term for f in data.formulations}
    for b in blocks:
        if b.kind in (Kind.TITLE, Kind.SUBTITLE):
            names.update(p for p in _TITLE_PARTS.split(b.text) if len(p) >= 6)
    return sorted(names, key=len, reverse=True)


def _masked(text: str, names: Sequence[str]) -> str:
    """``text`` with every official name replaced by NULs of the same length."""
    for name in names:
        if name in text:
            text = text.replace(name, "\x00" * len(name))
    for rx in (_SPIRIT, _QUOTED, _MEETING):
        text = rx.sub(lambda m: "\x00" * len(m.group(0)), text)
    return text


def _norm(s: str) -> str:
    return _SPACE.sub("", s.rstrip("。！？；"))


def _where(blocks: Sequence[Block], i: int) -> str:
    line = blocks[i].line
    return f"（第{line}行）" if line else f"（第{i + 1}段）"


def _ordinal(text: str, offset: int) -> str | None:
    """The ordinal that opens the sentence (or clause list) holding ``offset``, if any."""
    start, sentence = sentence_at(text, offset)
    m = _ORDINAL.search(text[start:offset])
    return m.group(0) if m else None


def _parallel(text_a: str, a: int, text_b: str, b: int) -> bool:
    """True when two occurrences stand in sentences carrying different ordinals (parallel frames)."""
    x, y = _ordinal(text_a, a), _ordinal(text_b, b)
    return x is not None and y is not None and x != y


def _open_windows(masked: str, repeated: list[tuple[int, int]]) -> bytearray:
    """For each window of MIN_PHRASE characters of a block's ``masked`` text, 1 when it is compared: it
    holds no official name (NUL), holds a run of six Han characters, and starts outside the sentences
    already reported as ``repeated`` (start, end)."""
    n = len(masked) - MIN_PHRASE + 1
    if n <= 0:
        return bytearray()
    open_ = bytearray(n)
    for run in _HAN_RUN.finditer(masked):  # a window holds six of a run when it starts within these
        start, end = run.span()
        lo, hi = max(start - (MIN_PHRASE - 6), 0), min(end - 6, n - 1)
        open_[lo:hi + 1] = b"\x01" * (hi + 1 - lo)
    closed = [(max(m.start() - MIN_PHRASE + 1, 0), m.end()) for m in _NAMES_RUN.finditer(masked)] + repeated
    for lo, hi in closed:
        if lo < n:
            hi = min(hi, n)
            open_[lo:hi] = bytes(hi - lo)
    return open_


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    body = [i for i, b in enumerate(blocks) if b.kind in BODY_KINDS]
    names = _names(blocks, ctx)
    masked = {i: _masked(blocks[i].text, names) for i in body}
    repeated: dict[int, list[tuple[int, int]]] = {i: [] for i in body}  # sentences reported as repeats
    seen: dict[str, tuple[int, int]] = {}
    for i in body:
        text = blocks[i].text
        for off, s in sentences(text):
            key = _norm(s)
            own = _norm(masked[i][off:off + len(s)]).replace("\x00", "")
            if len(key) < MIN_SENTENCE or len(own) < MIN_SENTENCE // 2:
                continue  # short, or made of official names
            if key in seen:
                first = seen[key]
                yield Hit("repetition", "warning", f"这句话与前文{_where(blocks, first[0])}重复：「{key[:30]}」",
                          "删去或换一种说法", i, off, len(s), text)
                repeated[i].append((off, off + len(s)))
            else:
                seen[key] = (i, off)
    # long phrases: the first place of every open window; a window met again (not overlapping its first
    # place) starts a repeat, extended to the longest common run
    first_at: dict[str, tuple[int, int]] = {}
    for i in body:
        text, m = blocks[i].text, masked[i]
        open_ = _open_windows(m, repeated[i])
        k = open_.find(1)
        while k >= 0:
            w = m[k:k + MIN_PHRASE]
            prev = first_at.get(w)
            if prev is None:
                first_at[w] = (i, k)
                k = open_.find(1, k + 1)
                continue
            pi, pk = prev
            if pi == i and pk + MIN_PHRASE > k:
                k = open_.find(1, k + 1)
                continue
            pm = masked[pi]
            n = MIN_PHRASE
            while k + n < len(m) and pk + n < len(pm) and m[k + n] == pm[pk + n] and m[k + n] != "\x00" \
                    and (pi != i or pk + n < k):
                n += 1
            if not _parallel(blocks[pi].text, pk, text, k):
                phrase = text[k:k + n]
                lead = len(phrase) - len(phrase.lstrip("，、。；：！？“”"))
                phrase = phrase.strip("，、。；：！？“”")
                yield Hit("repetition", "warning", f"长短语「{phrase}」与前文{_where(blocks, pi)}重复",
                          "删去或换一种说法", i, k + lead, len(phrase), text)
            k = open_.find(1, k + n)
