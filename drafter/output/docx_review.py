"""The review copy (``render --review``): what the checks found, as Word comments on the words concerned.

Each finding on a paragraph becomes a comment by «drafter» whose range is exactly the characters
the finding is about (``Finding.offset``/``length``), so four findings in one paragraph are four
comments on four places, not a stack on the paragraph. A finding about the whole speech (length,
pages) is a comment on the title. Placeholders (X, ××, 【…】) are highlighted yellow.
"""

from __future__ import annotations

import io
from typing import Sequence

from drafter.speech.blocks import Block, Kind
from drafter.checks import placeholder_spans

COMMENT_AUTHOR = "drafter"
"""Author of the Word comments drafter adds."""


def comment_text(finding) -> str:
    """The text of a finding's comment: «[rule] message（suggestion）»."""
    return f"[{finding.rule}] {finding.message}" + (f"（{finding.suggestion}）" if finding.suggestion else "")


def review_marks(blocks: Sequence[Block], findings: Sequence) -> tuple[list[tuple[int, str, int, int]],
                                                                          dict[int, list[tuple[int, int]]]]:
    """The review copy's comments (block index, text, start, end) and placeholder highlights
    (block index → spans). A finding with no block goes on the first title line (or the first block)."""
    anchor = next((i for i, b in enumerate(blocks) if b.kind == Kind.TITLE), 0)
    comments = []
    for f in findings:
        if f.block is None:
            if blocks:
                comments.append((anchor, comment_text(f), 0, len(blocks[anchor].text)))
            continue
        start, length = f.offset, f.length
        text = blocks[f.block].text
        if length > 0 and 0 <= start < len(text):
            comments.append((f.block, comment_text(f), start, min(len(text), start + length)))
        else:
            comments.append((f.block, comment_text(f), 0, len(text)))
    highlights = {i: spans for i, b in enumerate(blocks) if (spans := placeholder_spans(b.text))}
    return comments, highlights


def add_comments(data: bytes, blocks: Sequence[Block], comments: Sequence[tuple]) -> bytes:
    """The .docx ``data`` with ``comments`` added: (block, text) on the whole paragraph, or
    (block, text, start, end) on the runs that cover exactly those characters (the writer split the
    runs there)."""
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    for c in comments:
        index, text = c[0], c[1]
        if not 0 <= index < len(blocks):
            raise IndexError(f"comment on block {index}, but there are {len(blocks)} blocks")
        runs = paragraphs[index].runs
        if len(c) == 4:
            start, end = c[2], c[3]
            chosen, pos = [], 0
            for run in runs:
                if start <= pos and pos + len(run.text) <= end:
                    chosen.append(run)
                pos += len(run.text)
            runs = chosen or runs
        if not runs:
            runs = [paragraphs[index].add_run("")]
        document.add_comment(runs, text=text, author=COMMENT_AUTHOR, initials="DR")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
