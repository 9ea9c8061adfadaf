"""Finding the ordinals of a speech in its text: «一、» at a paragraph's start, «二是» inside one.

A list is found as a sequence: label 1, then label 2 after it, and so on, each at the start of a
paragraph or right after a sentence end, so that «统一是…» or «第一书记» inside a sentence are
never taken for ordinals. Writers sometimes mix «一要» with «二是» in one list; :func:`find_sequence`
accepts the other spoken verb from the second item on and says so (``mixed``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drafter.genre import numbering

_CN = "[一二三四五六七八九十]+"
_SENTENCE_END = "。！？；：!?;:"
_SEQUENCE_WORDS = ("首先", "其次", "再次", "此外", "最后")

LEADING = (
    ("一、", re.compile(rf"^({_CN})、")),
    ("（一）", re.compile(rf"^[（(]({_CN})[）)]")),
    ("1.", re.compile(r"^(\d{1,2})[.．](?!\d)")),
    ("（1）", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("一是", re.compile(rf"^({_CN})是")),
    ("一要", re.compile(rf"^({_CN})要")),
    ("第一，", re.compile(rf"^第({_CN})[，,]")),
    ("首先，", re.compile(r"^(首先)[，,]")),
)
"""(ordinal form, pattern of its label at a text's start), most specific first."""


def leading_form(text: str) -> tuple[str, int, str] | None:
    """(form, number, text after the label) when ``text`` starts with an ordinal label, else None."""
    for form, rx in LEADING:
        m = rx.match(text)
        if m:
            raw = m.group(1)
            if raw == "首先":
                n = 1
            else:
                try:
                    n = int(raw) if raw.isdigit() else numbering.parse_cn_numeral(raw)
                except ValueError:
                    continue
            return form, n, text[m.end():]
    return None


def _labels(form: str, k: int) -> tuple[str, ...]:
    """The labels accepted for item ``k`` of a list counted with ``form``."""
    if form in ("一是", "一要"):
        own = numbering.label(form, k)
        other = numbering.label("一要" if form == "一是" else "一是", k)
        return (own, other) if k > 1 else (own,)
    if form == "首先，":
        return (_SEQUENCE_WORDS[k - 1] + "，", "最后，") if k <= len(_SEQUENCE_WORDS) - 1 else ("最后，",)
    if form == "1.":
        return (f"{k}.", f"{k}．")
    if form == "（1）":
        return (f"（{k}）", f"({k})")
    if form == "（一）":
        n = numbering.cn_numeral(k)
        return (f"（{n}）", f"({n})")
    return (numbering.label(form, k),)


class LabelHit(NamedTuple):
    """One label found: paragraph index, offset in it, length of the label, the label as written."""

    para: int
    offset: int
    length: int
    label: str


def find_sequence(paragraphs: list[str], form: str, *, inline: bool = True,
                  start: tuple[int, int] = (0, 0)) -> tuple[list[LabelHit], bool]:
    """The labels 1, 2, … of ``form`` in ``paragraphs`` from ``start`` (paragraph, offset), in order,
    and whether the list mixes «一要» and «二是». With ``inline`` False only paragraph starts count."""
    hits: list[LabelHit] = []
    mixed = False
    pi, off = start
    k = 1
    while True:
        found = None
        for i in range(pi, len(paragraphs)):
            text = paragraphs[i]
            begin = off if i == pi else 0
            best = None
            for lab in _labels(form, k):
                pos = begin
                while True:
                    j = text.find(lab, pos)
                    if j < 0 or (not inline and j > 0):
                        break
                    if j == 0 or text[j - 1] in _SENTENCE_END:
                        if best is None or j < best[0]:
                            best = (j, lab)
                        break
                    pos = j + 1
            if best is not None:
                found = LabelHit(i, best[0], len(best[1]), best[1])
                break
        if found is None:
            return hits, mixed
        if k > 1 and form in ("一是", "一要") and found.label != numbering.label(form, k):
            mixed = True
        hits.append(found)
        pi, off = found.para, found.offset + found.length
        k += 1
        if form == "首先，" and found.label == "最后，":
            return hits, mixed


def first_sentence(text: str, limit: int = 30) -> tuple[str | None, str]:
    """(lead, rest): the first sentence of ``text`` without its 。 when it is at most ``limit``
    characters and not the whole text's only sentence run on; else (None, text)."""
    m = re.search(r"[。！？]", text)
    if not m or m.start() == 0 or m.start() > limit:
        return None, text
    return text[:m.start()], text[m.end():]


def sentences(text: str) -> list[str]:
    """``text`` cut after each 。！？ (a closing quote stays with its sentence)."""
    out = re.findall(r".*?[。！？][”’」]?|.+$", text)
    return [s for s in out if s]
