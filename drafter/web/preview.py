"""The live preview: a draft's blocks laid out as the printed page, with the checks' findings marked.

The page follows the layout of GB/T 9704 that :mod:`drafter.output.wordfile` writes: 28 characters
a line, 22 lines a page, body paragraphs indented two characters, the title centred. Lines are
broken here (a full-width character is one place, an ASCII character half of one), so the preview
shows the same 28 characters a line and where pages turn, whatever fonts the browser has.

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

CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
TITLE_LINE = 2.0
"""A title line (二号小标宋) takes the height of about two body lines (三号仿宋)."""
TITLE_CHARS = 20
"""Characters of a title line (22 pt in a 28 × 16 pt text block)."""

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
    height: float = 1.0
    notes: list[str] = field(default_factory=list)
    stock: bool = False


@dataclass
class Page:
    number: int
    lines: list[Line]


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


def _width(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 and ch not in "—…“”‘’·" else 1.0


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


_UNBREAKABLE = re.compile(r"[A-Za-z0-9.%]+|.", re.S)
"""A number or Latin word is never broken across lines (Word keeps «2025» and «95%» whole)."""


def _wrap(text: str, marks: list[tuple[str, str]], width: float, indent: float) -> list[list[Segment]]:
    lines: list[list[Segment]] = []
    current: list[Segment] = []
    used = indent
    for m in _UNBREAKABLE.finditer(text):
        unit = m.group(0)
        w = sum(_width(ch) for ch in unit)
        hanging = unit in "，。、；：？！”’）》」" and used <= width  # closing punctuation never starts a line
        if used + w > width + 1e-9 and current and not hanging:
            lines.append(current)
            current, used = [], 0.0
        for i, ch in enumerate(unit, m.start()):
            cls, title = marks[i]
            if current and current[-1].cls == cls and current[-1].title == title:
                current[-1].text += ch
            else:
                current.append(Segment(ch, cls, title))
        used += w
    lines.append(current)
    return lines


def layout(blocks: Sequence[Block], findings=()) -> list[Page]:
    """The blocks as pages of lines (see the module text)."""
    notes: dict[int, list[str]] = {}
    for f in findings:
        if f.block is not None and f.rule != "placeholder" and f.rule not in DATED_RULES:
            notes.setdefault(f.block, []).append(f.message + (f"（{f.suggestion}）" if f.suggestion else ""))
    pages: list[Page] = [Page(1, [])]
    used = 0.0
    previous = None
    for index, block in enumerate(blocks):
        kind = block.kind.value
        if kind == Kind.TITLE.value:
            width, indent, height = TITLE_CHARS, 0.0, TITLE_LINE
        elif kind in (Kind.HEADING.value, Kind.PARAGRAPH.value):
            width, indent, height = CHARS_PER_LINE, 2.0, 1.0
        else:
            width, indent, height = CHARS_PER_LINE, 0.0, 1.0
        if previous == Kind.TITLE.value and kind != Kind.TITLE.value:
            used += 1.0  # the blank line under the title
            pages[-1].lines.append(Line("gap", 0, [], True))
        previous = kind
        wrapped = _wrap(block.text, _marks(block, index, findings), width, indent)
        for n, segs in enumerate(wrapped):
            if used + height > LINES_PER_PAGE + 1e-9:
                pages.append(Page(len(pages) + 1, []))
                used = 0.0
            line = Line(kind, block.level, segs, n == 0, height, stock=block.stock)
            if n == 0:
                line.notes = notes.get(index, [])
            pages[-1].lines.append(line)
            used += height
    return pages


def stats(blocks: Sequence[Block], ctx) -> Stats:
    """Length in characters and reading minutes, with the target (minutes, or the type's usual range)."""
    chars = speech_chars(blocks)
    speed = ctx.reading_speed or 180
    return Stats(chars, math.ceil(chars / speed * 10) / 10, speed, ctx.target_minutes,
                 usual_range(ctx.meeting_type))
