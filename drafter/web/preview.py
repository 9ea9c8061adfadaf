"""The live preview: a draft's blocks laid out as the printed page, with the checks' findings marked.

Lines and pages are those of drafter's page model (:mod:`drafter.output.pagination`), the one the
.docx writer keeps its pages by: the same line breaks, title lines and page turns as the .docx
computes, on the grid of the draft's layout profile (GB/T 9704: 28 characters a line, 22 lines a
page), whatever fonts the browser has.

Marks: a placeholder (X, ××, 【…】) is highlighted; a dated formulation is underlined and its
replacement shown on hover; a paragraph some other finding concerns carries the finding's message
at its side; stock paragraphs from the phrase bank are tinted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

from drafter.speech.blocks import Block, Kind
from drafter.checks import placeholder_spans
from drafter.checks.length import speech_chars, usual_range
from drafter.output.layout import LayoutProfile
from drafter.output.pagination import Grid, settle

_QUOTED = re.compile(r"「([^」]+)」")
DATED_RULES = ("dated-formulation", "spirit-string", "year-label", "anniversary", "tense")
"""Rules whose finding names, in 「」, a dated wording of the text: underlined, the fix on hover."""


@dataclass
class Segment:
    """A stretch of one line with one marking."""

    text: str
    cls: str = ""
    title: str = ""


@dataclass
class Line:
    kind: str
    level: int
    segments: list[Segment]
    first: bool
    height: int = 1
    """Grid lines the line takes (the title's first line more where the profile's title lines are taller)."""
    notes: list[str] = field(default_factory=list)
    stock: bool = False


@dataclass
class Page:
    number: int
    lines: list[Line]
    grid: Grid


@dataclass
class Stats:
    """Length and reading time against the target."""

    chars: int
    minutes: float
    speed: int
    target_minutes: int | None
    usual: tuple[int, int] | None

    @property
    def verdict(self) -> str:
        if self.target_minutes:
            low, high = self.target_minutes * 0.85, self.target_minutes * 1.15
            if self.minutes > high:
                return "long"
            if self.minutes < low:
                return "short"
        elif self.usual:
            if self.chars > self.usual[1]:
                return "long"
            if self.chars < self.usual[0]:
                return "short"
        return "ok"


def _marks(block: Block, index: int, findings) -> list[tuple[str, str]]:
    """(css class, hover text) per character of the block's text."""
    text = block.text
    out: list[tuple[str, str]] = [("", "")] * len(text)
    bold_upto = 0
    if block.runs and block.runs[0].bold:
        bold_upto = len(block.runs[0].text)
    for i in range(bold_upto):
        out[i] = ("b", "")
    for s, e in placeholder_spans(text):
        for i in range(s, min(e, len(text))):
            out[i] = ("ph", "占位符：请填写实际内容")
    for f in findings:
        if f.block != index or f.rule not in DATED_RULES:
            continue
        m = _QUOTED.search(f.message)
        if not m:
            continue
        start = text.find(m.group(1))
        if start < 0:
            continue
        hover = f.message + (f"；{f.suggestion}" if f.suggestion else "")
        for i in range(start, start + len(m.group(1))):
            out[i] = ("dated", hover)
    return out


def _segments(text: str, marks: list[tuple[str, str]]) -> list[Segment]:
    """``text`` cut where its marking (css class, hover text) changes."""
    segments: list[Segment] = []
    for ch, (cls, title) in zip(text, marks):
        if segments and (segments[-1].cls, segments[-1].title) == (cls, title):
            segments[-1].text += ch
        else:
            segments.append(Segment(ch, cls, title))
    return segments


def layout(blocks: Sequence[Block], findings=(), profile: LayoutProfile | None = None) -> list[Page]:
    """The blocks as the pages of lines :func:`~drafter.output.pagination.settle` lays them out on in
    ``profile`` (None: the default, gbt9704), each line cut into marked segments (see the module)."""
    notes: dict[int, list[str]] = {}
    for f in findings:
        if f.block is not None and f.rule != "placeholder" and f.rule not in DATED_RULES:
            notes.setdefault(f.block, []).append(f.message + (f"（{f.suggestion}）" if f.suggestion else ""))
    lay = settle(blocks, Grid.of(profile))
    first_title = next((i for i, b in enumerate(blocks) if b.kind == Kind.TITLE), None)
    marks: dict[int, list[tuple[str, str]]] = {}
    done: dict[int, int] = {}  # characters of each block on the lines so far
    pages = []
    for number, rows in enumerate(lay.rows(), start=1):
        lines = []
        for index, n in rows:
            block, text = blocks[index], lay.lines[index][n]
            if n == 0:
                marks[index], done[index] = _marks(block, index, findings), 0
            start = done[index]
            done[index] += len(text)
            line = Line(block.kind.value, block.level, _segments(text, marks[index][start:done[index]]), n == 0,
                        stock=block.stock)
            if n == 0:
                line.notes = notes.get(index, [])
                if index == first_title:
                    line.height += lay.grid.title_extra
            lines.append(line)
        pages.append(Page(number, lines, lay.grid))
    return pages


def stats(blocks: Sequence[Block], ctx) -> Stats:
    """Length in characters and reading minutes, with the target (minutes, or the type's usual range)."""
    chars = speech_chars(blocks)
    speed = ctx.reading_speed or 180
    return Stats(chars, math.ceil(chars / speed * 10) / 10, speed, ctx.target_minutes,
                 usual_range(ctx.meeting_type))
