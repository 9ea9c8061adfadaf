"""Rule ``repetition``: the same sentence, or the same long phrase (≥ 15 characters), twice.

Long fixed terms of the genre (习近平新时代中国特色社会主义思想, 以习近平同志为核心的党中央 …) are
not phrases of the writer's and are left out before comparing.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain
from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import BODY_KINDS, Hit, sentences

MIN_PHRASE = 15
"""The shortest repeated phrase reported, in characters."""
MIN_SENTENCE = 8

FIXED_TERMS = (
    "习近平新时代中国特色社会主义思想", "以习近平同志为核心的党中央", "习近平总书记重要讲话重要指示批示精神",
    "习近平总书记重要讲话重要指示精神", "全面建设社会主义现代化国家", "中华民族伟大复兴", "中国特色社会主义",
    "坚决维护习近平总书记党中央的核心、全党的核心地位", "坚决维护党中央权威和集中统一领导",
    "不敢腐、不能腐、不想腐", "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
    "深刻领悟“两个确立”的决定性意义", "全面从严治党向纵深发展",
)
_HAN_RUN = r"[\u4e00-\u9fff]{6}"
"""Six Han characters in a row (compiled only when some phrase occurs twice: the range is slow to compile)."""
_ALL_MASKED = re.compile(r"[\x00]*")
_SPACE = re.compile(r"[\s\u3000]")
_SPIRIT = re.compile(r"党的[一二三四五六七八九十]+大(?:和[一二三四五六七八九十]+届[^全]{0,20}全会)?精神")


_MASK_STARTS = FIXED_TERMS + ("党的",)
"""How a text that :func:`_masked` turns wholly into NULs must begin: with a fixed term or a «党的…精神»."""


def _masked(text: str) -> str:
    for term in FIXED_TERMS:
        text = text.replace(term, "\x00" * len(term))
    return _SPIRIT.sub(lambda m: "\x00" * len(m.group(0)), text)


def _norm(s: str) -> str:
    return _SPACE.sub("", s.rstrip("。！？；"))


def _where(blocks: Sequence[Block], i: int) -> str:
    line = blocks[i].line
    return f"（第{line}行）" if line else f"（第{i + 1}段）"


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    body = [i for i, b in enumerate(blocks) if b.kind in BODY_KINDS]
    covered: set[tuple[int, int]] = set()  # (block, offset) already inside a reported repeat
    seen: dict[str, tuple[int, int]] = {}
    for i in body:
        text = blocks[i].text
        for off, s in sentences(text):
            key = _norm(s)
            # a sentence made of fixed terms only must start with one (masking only when it does)
            if len(key) < MIN_SENTENCE or (key.startswith(_MASK_STARTS) and _ALL_MASKED.fullmatch(_masked(key))):
                continue
            if key in seen:
                first = seen[key]
                yield Hit("repetition", "warning", f"这句话与前文{_where(blocks, first[0])}重复：「{key[:30]}」",
                          "删去或换一种说法", i, off, len(s), text)
                covered.update((i, k) for k in range(off, off + len(s)))
            else:
                seen[key] = (i, off)
    # long phrases: windows of MIN_PHRASE characters over the masked text. Only a window that occurs
    # at least twice (free of masked terms, so inside one unmasked stretch) can start a repeat; they
    # are counted first, in C, so the scan below skips every other position with one set lookup. With
    # none, there is no repeated phrase to find.
    masked_texts = {i: _masked(blocks[i].text) for i in body}
    block_windows = {i: [t[k:k + MIN_PHRASE] for k in range(len(t) - MIN_PHRASE + 1)]
                     for i, t in masked_texts.items()}
    counts = Counter(chain.from_iterable(block_windows.values()))
    repeated = {w for w, c in counts.items() if c > 1 and "\x00" not in w}
    if not repeated:
        return
    han_run = re.compile(_HAN_RUN)
    windows: dict[str, tuple[int, int]] = {}
    for i in body:
        text = blocks[i].text
        masked = masked_texts[i]
        resume = 0  # after a reported repeat, the scan resumes at its end
        for k, w in enumerate(block_windows[i]):
            if w not in repeated or k < resume:
                continue
            if (i, k) in covered or not han_run.search(w):
                continue
            prev = windows.get(w)
            if prev is not None and (prev[0] != i or prev[1] + MIN_PHRASE <= k):
                # extend to the longest common run
                pt, pk = masked_texts[prev[0]], prev[1]
                n = MIN_PHRASE
                while k + n < len(masked) and pk + n < len(pt) and masked[k + n] == pt[pk + n] \
                        and masked[k + n] != "\x00" and (prev[0] != i or pk + n < k):
                    n += 1
                phrase = text[k:k + n]
                lead = len(phrase) - len(phrase.lstrip("，、。；：！？“”"))
                phrase = phrase.strip("，、。；：！？“”")
                yield Hit("repetition", "warning", f"长短语「{phrase}」与前文{_where(blocks, prev[0])}重复",
                          "删去或换一种说法", i, k + lead, len(phrase), text)
                covered.update((i, x) for x in range(k, k + n))
                resume = k + n
                continue
            windows.setdefault(w, (i, k))
