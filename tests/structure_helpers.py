"""Shared helpers of the tests that compare a rendered draft's structure with a real speech's."""

from __future__ import annotations

import re

from drafter.speech.blocks import Kind


def text(block) -> str:
    return "".join(r.text for r in block.runs)


def headings(bs, level: int) -> list[str]:
    return [text(b) for b in bs if b.kind == Kind.HEADING and b.level == level]


def bold_leads(bs) -> list[str]:
    return [b.runs[0].text for b in bs if b.kind == Kind.PARAGRAPH and b.runs and b.runs[0].bold]


def index_of(bs, pattern: str) -> int:
    """Index of the first block whose text matches ``pattern``."""
    return next(i for i, b in enumerate(bs) if re.search(pattern, text(b)))
