"""drafter's own model of the printed page: where lines break and pages end, without an office suite.

The grid of a layout profile (:class:`Grid`; gbt9704 by default) is ``chars_per_line`` cells (28) ×
``lines_per_page`` lines (22); a title line holds fewer, larger cells (20 of 二号 type). A Han
character or full-width mark takes one cell, a Latin letter or digit half of one; a run of Latin
letters, digits and ``.%`` is never split (a number stays whole); a line never starts with a closing
mark (；：？！）》” …) nor ends with an opening one (（《“ …): the character before moves down with
it; a 。，、 just after a full line hangs in the margin instead (see :data:`HANGING`), as Word, WPS and
LibreOffice do by default.

Pages are filled as the writer lays them out: a heading keeps with (and never splits from) the
paragraph after it; a paragraph that would leave its first line alone at a page's foot (orphan) or
its last line alone at a page's head (widow) moves a line (:attr:`Layout.controlled`), as widow
control in the body style makes LibreOffice and Word do: the page ends a line early. Measured
against LibreOffice 7.4 on an 80-paragraph speech: the same 27 pages with the same 22 or 21 lines
each. The writer (:mod:`drafter.output.wordfile`), the ``last-page`` check and the live preview
(:mod:`drafter.web.preview`) all lay pages out with :func:`settle`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Sequence

from drafter.output.layout import LayoutProfile, load_profile
from drafter.speech.blocks import Block, Kind

NO_START = set("!%),.:;?]}¢°’”·、。〃〆〉》」』】〕〗〞︰︱︳﹐﹑﹒﹔﹕﹖﹘﹚﹜！％），．：；？］｝～…—")
"""Characters that may not begin a line."""
HANGING = set("，。、．,.")
"""Marks that hang in the margin when they fall just after a full line (Word's, WPS's and
LibreOffice's default for Chinese text, 标点溢出边界), instead of taking a character down with them."""
NO_END = set("([{£¥‘“〈《「『【〔〖〝﹙﹛（［｛￡￥")
"""Characters that may not end a line."""
_LATIN_RUN = re.compile(r"[A-Za-z0-9.%]{2,}")
"""A run of Latin letters, digits and ``.%``: never split (a number stays whole)."""


def _units(text: str) -> list[str]:
    """What line breaking moves whole: each run of :data:`_LATIN_RUN`, and every other character alone."""
    units: list[str] = []
    pos = 0
    for run in _LATIN_RUN.finditer(text):
        units += text[pos:run.start()]
        units.append(run.group())
        pos = run.end()
    units += text[pos:]
    return units


def line_texts(text: str, per_line: int, indent: float = 0.0) -> list[str]:
    """``text`` broken into lines of at most ``per_line`` cells, the first shortened by ``indent`` cells.

    A line takes every unit that fits at once (found by bisection in the running widths), so the work
    is a few steps a line rather than a character; then the unit that does not fit either hangs in
    the margin (:data:`HANGING`) or starts the next line, with what :data:`NO_START` and :data:`NO_END`
    make it take along."""
    units = _units(text)
    # cells: a Latin letter, digit or ASCII mark half a cell, anything else one
    widths = [len(u) * 0.5 if len(u) > 1 else 0.5 if u < "\x80" else 1.0 for u in units]
    ends = list(itertools.accumulate(widths, initial=0.0))  # ends[k]: the width of units[:k]
    limit = per_line + 1e-9
    lines: list[list[str]] = [[]]
    line_widths: list[list[float]] = [[]]
    used = indent
    k = 0
    while k < len(units):
        fit = max(bisect.bisect_right(ends, ends[k] + limit - used, k) - 1, k)  # units[k:fit] fit
        if fit > k:
            lines[-1] += units[k:fit]
            line_widths[-1] += widths[k:fit]
            used += ends[fit] - ends[k]
            k = fit
            if k == len(units):
                break
        unit, w = units[k], widths[k]
        k += 1
        if not lines[-1]:  # a unit wider than the whole line still has to go somewhere
            lines[-1].append(unit)
            line_widths[-1].append(w)
            used += w
            continue
        if unit in HANGING and used <= limit:
            lines[-1].append(unit)  # hangs in the margin
            line_widths[-1].append(w)
            used = per_line + 1
            continue
        carry: list[str] = []
        carry_w: list[float] = []
        if unit[0] in NO_START and len(lines[-1]) > 1:
            carry.append(lines[-1].pop())
            carry_w.append(line_widths[-1].pop())
        while len(lines[-1]) > 1 and lines[-1][-1] and lines[-1][-1][-1] in NO_END:
            carry.insert(0, lines[-1].pop())
            carry_w.insert(0, line_widths[-1].pop())
        lines.append(carry + [unit])
        line_widths.append(carry_w + [w])
        used = sum(line_widths[-1])
    return ["".join(ln) for ln in lines]


@dataclass(frozen=True)
class Grid:
    """The numbers of a layout profile that the page model lays text out by (see :meth:`of`)."""

    per_line: int
    """Cells on a body line."""
    per_page: int
    """Body lines on a page."""
    indent: float
    """First-line indent of headings and body paragraphs, in cells."""
    title_per_line: int
    """Cells on a title line (the title's larger type)."""
    title_extra: int
    """Grid lines the title's taller lines take in all beyond one each."""
    keep_together: int
    """A body paragraph of at most this many lines is never split (``keep_together_lines``)."""

    @classmethod
    def of(cls, profile: LayoutProfile | None = None) -> Grid:
        """The grid of ``profile`` (None: the default profile, gbt9704)."""
        p = profile or load_profile()
        return cls(p.chars_per_line(), p.lines_per_page(), p.body.indent / 100, p.chars_per_line("title"),
                   1 if p.title_line_spacing > p.line_spacing else 0, p.keep_together_lines)


@dataclass
class Layout:
    """Where each block's lines fall: ``pages[n]`` lists (block index, lines of it on page n)."""

    grid: Grid
    lines: list[list[str]]
    """The lines of each block, as broken on the grid."""
    pages: list[list[tuple[int, int]]] = field(default_factory=lambda: [[]])
    kept: set[int] = field(default_factory=set)
    """Paragraphs kept whole and with the next one so that the last page is not a stray line or two."""
    controlled: set[int] = field(default_factory=set)
    """Body paragraphs that need widow control (one line moved to avoid a widow or an orphan)."""

    def page_count(self) -> int:
        return len(self.pages)

    def lines_on(self, page: int) -> int:
        return sum(n for _, n in self.pages[page])

    def rows(self) -> list[list[tuple[int, int]]]:
        """For each page, (block index, line number in the block) of each of its lines, top to bottom."""
        done: dict[int, int] = {}
        out = []
        for page in self.pages:
            rows = []
            for index, count in page:
                start = done.get(index, 0)
                rows += [(index, start + k) for k in range(count)]
                done[index] = start + count
            out.append(rows)
        return out

    @property
    def last_page_text(self) -> str:
        """The text on the last page."""
        return "".join(self.lines[index][n] for index, n in self.rows()[-1])


def paginate(blocks: Sequence[Block], grid: Grid | None = None, keep_whole: frozenset[int] = frozenset()) -> Layout:
    """Lay ``blocks`` out on the pages of ``grid`` (None: the default profile's; see the module).

    ``keep_whole``: paragraphs kept whole and with the next one (see :func:`settle`)."""
    g = grid or Grid.of()
    texts: list[list[str]] = []
    for b in blocks:
        if b.kind == Kind.TITLE:
            per_line, first = g.title_per_line, 0.0
        else:
            per_line, first = g.per_line, g.indent if b.kind in (Kind.PARAGRAPH, Kind.HEADING) else 0.0
        texts.append(line_texts(b.text, per_line, first) if b.text else [""])
    lay = Layout(g, texts, kept=set(keep_whole))
    per_page, keep_together = g.per_page, g.keep_together
    used = 0
    pending_title_extra = g.title_extra
    i = 0

    def put(index: int, n: int) -> None:
        lay.pages[-1].append((index, n))

    def new_page() -> None:
        nonlocal used
        lay.pages.append([])
        used = 0

    while i < len(blocks):
        b = blocks[i]
        n = len(texts[i])
        if b.kind == Kind.TITLE and pending_title_extra:
            used += pending_title_extra
            pending_title_extra = 0
        if b.kind == Kind.HEADING:
            # the heading and the following headings, kept whole, with at least the next paragraph's
            # first two lines (or all of it when shorter)
            j = i
            group = 0
            while j < len(blocks) and blocks[j].kind == Kind.HEADING:
                group += len(texts[j])
                j += 1
            need = group + (min(2, len(texts[j])) if j < len(blocks) else 0)
            if used and used + need > per_page:
                new_page()
            for k in range(i, j):
                put(k, len(texts[k]))
                used += len(texts[k])
            i = j
            continue
        room = per_page - used
        if i in keep_whole:
            after = min(2, len(texts[i + 1])) if i + 1 < len(blocks) else 0
            if used and used + n + after > per_page:
                new_page()
            put(i, n)
            used += n
            i += 1
            continue
        if n <= room:
            put(i, n)
            used += n
            i += 1
            continue
        if b.kind != Kind.PARAGRAPH or n <= keep_together:
            new_page()
            continue
        first = room
        if first > 0 and (first == 1 or n - first == 1):
            lay.controlled.add(i)
            first = 0 if first == 1 else first - 1
            if 0 < first < 2:
                first = 0
        if first:
            put(i, first)
        rest = n - first
        new_page()
        while rest > per_page:
            put(i, per_page)
            rest -= per_page
            new_page()
        put(i, rest)
        used = rest
        i += 1
    if not lay.pages[-1] and len(lay.pages) > 1:
        lay.pages.pop()
    return lay


MIN_LAST_PAGE = 3
"""A last page holds at least this many lines when the text can be moved to make it so."""


MAX_MOVED = 6
"""At most this many lines leave the page before the last one when text is moved onto the last."""


def settle(blocks: Sequence[Block], grid: Grid | None = None) -> Layout:
    """:func:`paginate` on ``grid`` (None: the default profile's), with the text moved where that keeps
    a last page of one or two lines away. The layout of the last speech laid out is remembered: a render
    lays the same blocks out twice, for the last-page check and for the writer (callers must not change
    the layout they get).

    When the last page would hold fewer than :data:`MIN_LAST_PAGE` lines, the paragraph that brings
    more lines onto it is kept whole and with the next one (``w:keepLines`` + ``w:keepNext``): the
    paragraph split over the last page break, or else the one that ends the page before. The move
    is kept only when the last page then holds enough lines, the page count stays the same and the
    page before loses at most :data:`MAX_MOVED` lines;
    otherwise the text cannot be moved and the ``last-page`` check says how much to cut.
    """
    return _settled(tuple(blocks), grid or Grid.of())


@functools.lru_cache(maxsize=1)
def _settled(blocks: tuple[Block, ...], g: Grid) -> Layout:
    lay = paginate(blocks, g)
    if lay.page_count() < 2 or lay.lines_on(lay.page_count() - 1) >= MIN_LAST_PAGE:
        return lay
    first, _ = lay.pages[-1][0]
    split = any(index == first for index, _ in lay.pages[-2])
    candidate = first if split else first - 1
    if candidate < 0 or blocks[candidate].kind != Kind.PARAGRAPH or not (split or blocks[first].kind == Kind.PARAGRAPH):
        return lay
    moved = paginate(blocks, g, keep_whole=frozenset({candidate}))
    n = moved.page_count()
    if (n == lay.page_count() and moved.lines_on(n - 1) >= MIN_LAST_PAGE
            and moved.lines_on(n - 2) >= g.per_page - MAX_MOVED):
        return moved
    return lay

