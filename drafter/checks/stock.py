"""Rule ``stock-text``: a paragraph filled from the phrase bank's stock text (Block.stock) — info:
the writer should check it fits the unit and the occasion."""

from __future__ import annotations

from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import Hit


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    for i, b in enumerate(blocks):
        if b.stock:
            yield Hit("stock-text", "info", f"这一段取自常用语库：「{b.text[:20]}…」",
                      "核对是否符合本单位实际，必要时改写", i, 0, 0, b.text)
