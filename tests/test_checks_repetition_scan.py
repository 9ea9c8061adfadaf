"""The repetition rule's scan against the straightforward one it replaced (kept here as the reference):
the same hits, in the same order, for texts built to repeat sentences and long phrases."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from hypothesis import given, settings, strategies as st

from drafter.speech.blocks import Block, Kind
from drafter.checks._base import BODY_KINDS, Hit, sentences
from drafter.checks.repetition import MIN_PHRASE, MIN_SENTENCE, _ALL_MASKED, _HAN_RUN, _masked, _norm, _where, check

PIECES = ["全面加强基层党组织建设", "推动作风建设常态化长效化", "习近平新时代中国特色社会主义思想", "，", "。", "；",
          "紧盯群众急难愁盘问题", "党的二十大精神", "压实管党治党政治责任", "一要", "  ", "1126个网格", "确保见底清零",
          "以习近平同志为核心的党中央", "做到心中有数"]


def reference_check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    body = [i for i, b in enumerate(blocks) if b.kind in BODY_KINDS]
    covered: set[tuple[int, int]] = set()  # (block, offset) already inside a reported repeat
    seen: dict[str, tuple[int, int]] = {}
    for i in body:
        text = blocks[i].text
        for off, s in sentences(text):
            key = _norm(s)
            if len(key) < MIN_SENTENCE or _ALL_MASKED.fullmatch(_masked(key)):
                continue
            if key in seen:
                first = seen[key]
                yield Hit("repetition", "warning", f"这句话与前文{_where(blocks, first[0])}重复：「{key[:30]}」",
                          "删去或换一种说法", i, off, len(s), text)
                covered.update((i, k) for k in range(off, off + len(s)))
            else:
                seen[key] = (i, off)
    # long phrases: windows of MIN_PHRASE characters over the masked text. First a cheap test: with
    # no window (free of masked terms, so inside one unmasked stretch) occurring twice anywhere, there
    # is no repeated phrase to find.
    masked_texts = {i: _masked(blocks[i].text) for i in body}
    all_windows: set[str] = set()
    repeated = False
    for i in body:
        for part in masked_texts[i].split("\x00"):
            for k in range(len(part) - MIN_PHRASE + 1):
                w = part[k:k + MIN_PHRASE]
                if w in all_windows:
                    repeated = True
                    break
                all_windows.add(w)
            if repeated:
                break
        if repeated:
            break
    if not repeated:
        return
    han_run = re.compile(_HAN_RUN)
    windows: dict[str, tuple[int, int]] = {}
    for i in body:
        text = blocks[i].text
        masked = masked_texts[i]
        k = 0
        while k + MIN_PHRASE <= len(masked):
            w = masked[k:k + MIN_PHRASE]
            if "\x00" in w or (i, k) in covered or not han_run.search(w):
                k += 1
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
                k += n
                continue
            windows.setdefault(w, (i, k))
            k += 1


paragraphs = st.lists(st.sampled_from(PIECES), min_size=0, max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(paragraphs, min_size=1, max_size=8), st.lists(st.booleans(), min_size=8, max_size=8))
def test_the_scan_finds_what_the_reference_finds(texts: list[str], headings: list[bool]) -> None:
    blocks = [Block.plain(Kind.HEADING if h else Kind.PARAGRAPH, t or "。", level=1 if h else 0, line=n + 1)
              for n, (t, h) in enumerate(zip(texts, headings))]
    assert list(check(blocks, None)) == list(reference_check(blocks, None))


def test_a_repeated_long_phrase_is_still_found() -> None:
    blocks = [Block.plain(Kind.PARAGRAPH, "各级党组织要全面加强基层党组织建设推动作风建设常态化。", line=1),
              Block.plain(Kind.PARAGRAPH, "我们必须全面加强基层党组织建设推动作风建设常态化长效化。", line=2)]
    hits = list(check(blocks, None))
    assert [h.message for h in hits] == ["长短语「全面加强基层党组织建设推动作风建设常态化」与前文（第1行）重复"]
    assert hits == list(reference_check(blocks, None))
