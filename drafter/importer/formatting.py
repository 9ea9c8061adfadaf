"""``drafter format``: any speech laid out per GB/T 9704 with drafter's named styles, text unchanged.

The speech is read as ``drafter check`` reads it (:func:`drafter.speech.reader.read_speech`): title
lines, byline, date line and salutation above the body, headings by their ordinals («一、» 黑体,
«（一）» 楷体, «1.» and «（1）» 仿宋). A paragraph opening with a spoken ordinal and a short lead
sentence («一要强化理论武装。……») gets its lead in bold, as drafter's own drafts have it. Not a
character is added, removed or changed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from drafter import __version__
from drafter.compose.plan import split_title
from drafter.errors import SpeechReadError
from drafter.importer.ordinals import leading_form
from drafter.output.layout import load_profile
from drafter.output.wordfile import DocProperties, build_docx
from drafter.speech.blocks import Block, Kind, Run
from drafter.speech.reader import _DATE_LINE, _SALUTATION, find_meeting_date, read_speech

_SPOKEN_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[，,]|首先[，,]|其次[，,]|最后[，,])"
                          r"[^。！？，]{1,28}[。！？]")


_HEAD_KINDS = (Kind.TITLE, Kind.SUBTITLE, Kind.BYLINE, Kind.DATE)
_HEADING_LEVEL = {"一、": 1, "（一）": 2, "1.": 3, "（1）": 4}


def _with_lead(block: Block) -> Block:
    """A body paragraph as drafter lays it out: one opening with a heading ordinal is a heading of that
    level even when its text runs on («（一）坚持……。正文……»: the whole paragraph in 楷体, as GB/T 9704
    sets a level-2 heading); one opening with a spoken ordinal gets its short lead sentence in bold."""
    if block.kind != Kind.PARAGRAPH:
        return block

    found = leading_form(block.text)
    if found and found[0] in _HEADING_LEVEL:
        return Block.plain(Kind.HEADING, block.text, level=_HEADING_LEVEL[found[0]], line=block.line)
    m = _SPOKEN_LEAD.match(block.text)
    if not m or m.end() == len(block.text):
        return block
    return Block(block.kind, (Run(block.text[:m.end()], True), Run(block.text[m.end():])), line=block.line)


def _head_roles(blocks: list[Block]) -> list[Block]:
    """A date line and «同志们：» typed as plain paragraphs near the top (a Markdown speech) take their roles."""
    out, seen = [], any(b.kind == Kind.SALUTATION for b in blocks)
    for k, b in enumerate(blocks):
        if b.kind == Kind.PARAGRAPH and k < 6 and not seen:
            if _DATE_LINE.match(b.text):
                b = Block.plain(Kind.DATE, b.text, line=b.line)
            elif _SALUTATION.match(b.text):
                b, seen = Block.plain(Kind.SALUTATION, b.text, line=b.line), True
        out.append(b)
    return out


def format_speech(path: str | os.PathLike, *, profile: str | None = None, title: str | None = None,
                  salutation: str | None = None) -> tuple[bytes, list[Block]]:
    """The .docx bytes of the speech at ``path`` laid out per ``profile`` (default gbt9704), and its blocks.

    ``title`` and ``salutation`` are added when the speech has none (a speech copied without its
    title, or opening «同志们，今天……» with no «同志们：» line of its own); the writer gives them, the
    speech's own text is never changed."""
    blocks = _head_roles([_with_lead(b) for b in read_speech(Path(path))])
    if not blocks:
        raise SpeechReadError(f"{path}: 错误：文件里没有文字，没有生成 .docx\n    提示：检查是不是选错了文件")
    if salutation and not any(b.kind == Kind.SALUTATION for b in blocks):
        at = next((k for k, b in enumerate(blocks) if b.kind not in _HEAD_KINDS), len(blocks))
        blocks.insert(at, Block.plain(Kind.SALUTATION, salutation.strip()))
    if title and not any(b.kind == Kind.TITLE for b in blocks):
        blocks[:0] = [Block.plain(Kind.TITLE, line) for line in split_title(title)]
    title = "".join(b.text for b in blocks if b.kind == Kind.TITLE)
    props = DocProperties(title=title, author="", created=find_meeting_date(blocks), drafter_version=__version__,
                          brief_hash="")
    return build_docx(blocks, profile=load_profile(profile), properties=props), blocks
