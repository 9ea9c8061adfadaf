"""Rule ``last-page``: a last page of fewer than three lines, and how many characters to cut.

The page comes from drafter's own model of the printed grid (:mod:`drafter.output.pagination`:
28 characters a line, 22 lines a page, GB/T 9704), so no office suite is needed. A last page of one
or two lines looks like a leftover when printed; the writer is told how many characters to cut (the
text that stands on that page) so that it joins the page before, or to add enough to fill it.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from drafter.checks._base import Hit
from drafter.checks.length import count_chars
from drafter.output.pagination import MIN_LAST_PAGE, settle
from drafter.speech.blocks import Block

CHARS_PER_LINE = 28
"""Characters on a line of the GB/T 9704 grid."""
LINES_PER_PAGE = 22
"""Lines on a page of the GB/T 9704 grid."""


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    if not blocks:
        return
    layout = settle(blocks, CHARS_PER_LINE, LINES_PER_PAGE)
    pages = layout.page_count()
    lines = layout.lines_on(pages - 1)
    if pages < 2 or lines >= MIN_LAST_PAGE:
        return
    cut = max(1, count_chars(layout.last_page_text))
    yield Hit("last-page", "warning",
              f"按每页{LINES_PER_PAGE}行、每行{CHARS_PER_LINE}字排版，全文共{pages}页，最后一页只有{lines}行",
              f"删去约{cut}字即可并入前一页，或充实内容写满最后一页", None)
