"""Paragraphs back from a speech pasted with everything on one line.

Text copied from a web page often arrives as one long line: «…讲话 同志们：刚才，……三点意见：
一、加强政治建设　一要……二要……二、……三、……同志们，……». :func:`split_paragraphs` breaks such a
line where a paragraph must have begun:

- at a run of spaces (two or more, or a full-width space) — what is left of the page's paragraph
  indents;
- before each heading ordinal of a sequence («一、» then «二、» …, «（一）» then «（二）» …) that
  follows a sentence end, and after the heading itself: at the next spoken ordinal («一要», «一是»)
  when it comes within a heading's length;
- after «同志们：», and before «刚才，» (the response to what came before), «下面，» (the transition)
  and a closing «同志们，» when they follow a sentence end.

A line shorter than :data:`MIN_RUN_TOGETHER` characters is an ordinary paragraph and is left alone,
as is a heading run into its paragraph on purpose («（一）坚持……。正文……»).
"""

from __future__ import annotations

import re

from drafter.genre.numbering import cn_numeral

MIN_RUN_TOGETHER = 300
"""A line at least this long may be a whole speech run together; shorter lines are paragraphs."""

_HEADING_MAX = 40
_SENTENCE_END = "。！？；：!?;:”"
_SPOKEN = re.compile(r"(?:[一二三四五六七八九十]+[要是]|第[一二三四五六七八九十]+[，,]|首先[，,])")


def _sequence_starts(text: str, label) -> list[int]:
    """Offsets of label(1), label(2), … in order, each at the start or after a sentence end."""
    found, pos = [], 0
    for k in range(1, 30):
        lab = label(k)
        while True:
            i = text.find(lab, pos)
            if i < 0:
                return found if len(found) >= 2 else []
            if i == 0 or text[i - 1] in _SENTENCE_END or text[i - 1].isspace():
                found.append(i)
                pos = i + len(lab)
                break
            pos = i + 1
    return found


def _heading_end(text: str, start: int) -> int | None:
    """Where a heading starting at ``start`` ends when its paragraph follows without a break: at the
    first spoken ordinal within a heading's length; None when the heading has its own sentence end
    first (a heading run into its paragraph on purpose) or no end can be told."""
    window = text[start:start + _HEADING_MAX + 4]
    m = _SPOKEN.search(window, 2)
    stop = re.search(r"[。！？]", window)
    if m and (stop is None or m.start() < stop.start()):
        return start + m.start()
    return None


def split_paragraphs(line: str) -> list[str]:
    """``line`` split back into paragraphs when it is a speech run together; else ``[line]``."""
    if len(line) < MIN_RUN_TOGETHER:
        return [line]
    cuts: set[int] = set()
    for m in re.finditer(r"(?:\u3000+| {2,}|\t+)", line):
        cuts.update((m.start(), m.end()))
    m = re.match(r"^.{0,60}?同志们[：:]", line)
    if m:
        cuts.add(m.end())
        title = re.match(r"^.{4,50}?上的讲话", line)
        if title and title.end() <= m.end() - 4:
            cuts.add(title.end())
            date = re.match(r"[（(]\d{4}年\d{1,2}月\d{1,2}日[）)]", line[title.end():].lstrip())
            if date:
                at = line.index(date.group(0), title.end())
                cuts.update((at, at + len(date.group(0))))
    for label in (lambda k: f"{cn_numeral(k)}、", lambda k: f"（{cn_numeral(k)}）"):
        for i in _sequence_starts(line, label):
            cuts.add(i)
            end = _heading_end(line, i)
            if end is not None:
                cuts.add(end)
    for m in re.finditer(r"(?<=[。！？])(?:同志们[，,]|刚才[，,]|下面[，,])", line):
        cuts.add(m.start())
    bounds = sorted(c for c in cuts if 0 < c < len(line))
    pieces = [line[a:b] for a, b in zip([0, *bounds], [*bounds, len(line)])]
    return [p.strip(" \t\u3000") for p in pieces if p.strip(" \t\u3000")]
