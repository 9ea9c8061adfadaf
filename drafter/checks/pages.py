"""Rule ``last-page``: a last page of fewer than three lines, and how many characters to cut.

The page comes from drafter's own model of the printed page (:mod:`drafter.output.pagination`, on
the grid of the default profile, GB/T 9704: 28 characters a line, 22 lines a page), the one the
writer and the live preview lay pages out with, so no office suite is needed. A last page of one
or two lines looks like a leftover when printed; the writer is told how many characters to cut (the
text that stands on that page) so that it joins the page before, or to add enough to fill it.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from drafter.checks._base import Hit
from drafter.checks.length import count_chars
from drafter.output.pagination import MIN_LAST_PAGE, Grid, settle
from drafter.speech.blocks import Block


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    if not blocks:
        return
    grid = Grid.of()
    layout = settle(blocks, grid)
    pages = layout.page_count()
    lines = layout.lines_on(pages - 1)
    if pages < 2 or lines >= MIN_LAST_PAGE:
        return
    cut = max(1, count_chars(layout.last_page_text))
    yield Hit("last-page", "warning",
              f"按每页{grid.per_page}行、每行{grid.per_line}字排版，全文共{pages}页，最后一页只有{lines}行",
              f"删去约{cut}字即可并入前一页，或充实内容写满最后一页", None)
