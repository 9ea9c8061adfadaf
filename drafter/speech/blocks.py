"""The typed blocks of a speech: what the markup parses into and what every writer consumes.

A speech is a sequence of :class:`Block`. Each block is one paragraph of the final document and
has a :class:`Kind` that decides its named paragraph style in the .docx. Text inside a block is a
tuple of :class:`Run`; the only inline formatting of the genre is a bold lead sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from enum import Enum


class Kind(str, Enum):
    """The role of a paragraph in a speech."""

    TITLE = "title"
    """One line of the title (方正小标宋简体 22 pt, centred). A long title is several TITLE blocks."""
    SUBTITLE = "subtitle"
    """The «——在…上的讲话» line under a two-line title (楷体, centred)."""
    BYLINE = "byline"
    """The speaker line (楷体 16 pt, centred), e.g. «区委书记  张三»."""
    DATE = "date"
    """The date line «（2026年2月15日）» (楷体 16 pt, centred)."""
    SALUTATION = "salutation"
    """«同志们：», flush left (仿宋 16 pt, no indent)."""
    HEADING = "heading"
    """A numbered heading of ``level`` 1–4 (一、 黑体 / （一） 楷体 / 1. 仿宋 / （1） 仿宋)."""
    PARAGRAPH = "paragraph"
    """A body paragraph (仿宋_GB2312 16 pt, justified, two-character first-line indent)."""


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting. ``bold`` marks a lead sentence («一要强化理论武装。»)."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph of the speech.

    ``level`` is the heading level 1–4 for :attr:`Kind.HEADING` and 0 for every other kind.
    ``line`` is the 1-based line of the markup the block came from (0 when built in code), so that
    checks can point at it. ``stock`` is True for a paragraph filled from the phrase bank's stock
    paragraphs rather than from the brief: the writer should check it.
    """

    kind: Kind
    runs: tuple[Run, ...]
    level: int = 0
    line: int = 0
    stock: bool = False

    @cached_property
    def text(self) -> str:
        """The block's plain text, runs joined (computed once: every check rule reads it)."""
        return "".join(r.text for r in self.runs)

    @classmethod
    def plain(cls, kind: Kind, text: str, **kw) -> "Block":
        """A block of one unformatted run."""
        return cls(kind, (Run(text),), **kw)
