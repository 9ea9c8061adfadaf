"""Numbered items of a speech: heading labels and spoken ordinals, parsed once for several rules."""

import functools
import re
from typing import NamedTuple, Sequence

from drafter.speech.blocks import Block, Kind
from drafter.genre.numbering import HEADING_FORMS, parse_cn_numeral

_HEADING_LABELS = (
    ("一、", re.compile(r"^([一二三四五六七八九十百]+)、")),
    ("（一）", re.compile(r"^[（(]([一二三四五六七八九十百]+)[）)]")),
    ("1.", re.compile(r"^(\d{1,2})[.．](?!\d)")),
    ("（1）", re.compile(r"^[（(](\d{1,2})[）)]")),
)
_SPOKEN = re.compile(r"(?:^|(?<=[。；：！？:;，,]))[\s\u3000]*(?:"
                     r"([一二三四五六七八九十]{1,3})(是|要)(?![一二三四五六七八九十])"
                     r"|第([一二三四五六七八九十]{1,3})[，、,]"
                     r"|(首先|其次|再次|最后)[，,])")
_MID_LABEL = re.compile(r"(?<=[。！？；])[\s\u3000]*(?:([一二三四五六七八九十]+)、(?![一二三四五六七八九十])"
                        r"|[（(]([一二三四五六七八九十]+)[）)])")
"""A heading label inside a paragraph, after a sentence end: a speech pasted as one line."""
_SEQ = {"首先": 1, "其次": 2, "再次": 3}


class Label(NamedTuple):
    """A heading label: ``form`` (one of numbering.HEADING_FORMS), ``number``, ``level`` (the block's
    level for a heading block, the form's level for a paragraph that opens with a label), the
    ``title`` (text after the label up to the first 。！？ for an inline heading), ``inline``."""

    block: int
    form: str
    number: int
    level: int
    title: str
    inline: bool
    length: int  # characters of the label itself
    offset: int = 0  # where the label starts in the block's text


class Spoken(NamedTuple):
    """A spoken ordinal inside a paragraph: ``family`` 是 / 要 / 第 / 首先, or 、 for a heading label
    «二、» that continues a spoken list («一要…。二、…»); number 0 for 最后."""

    block: int
    offset: int
    family: str
    number: int
    label: str


def heading_label(b: Block, index: int) -> Label | None:
    """The label a heading block (or a paragraph opening with a heading label) starts with."""
    if b.kind not in (Kind.HEADING, Kind.PARAGRAPH):
        return None
    text = b.text.lstrip("\u3000 ")
    for form, rx in _HEADING_LABELS:
        m = rx.match(text)
        if not m:
            continue
        try:
            n = int(m.group(1)) if m.group(1).isdigit() else parse_cn_numeral(m.group(1))
        except ValueError:
            return None
        rest = text[m.end():]
        inline = b.kind is Kind.PARAGRAPH
        if inline:
            cut = re.search(r"[。！？]", rest)
            if not cut:
                return None
            rest = rest[:cut.start()]
        level = b.level if b.kind is Kind.HEADING else HEADING_FORMS.index(form) + 1
        return Label(index, form, n, level, rest.rstrip("。！？；：:"), inline, m.end())
    return None


def _mid_labels(b: Block, index: int) -> list[Label]:
    """Heading labels after a sentence end inside a paragraph, each with its title up to 。！？."""
    out = []
    for m in _MID_LABEL.finditer(b.text):
        raw = m.group(1) or m.group(2)
        form = "一、" if m.group(1) else "（一）"
        try:
            n = parse_cn_numeral(raw)
        except ValueError:
            continue
        rest = b.text[m.end():]
        cut = re.search(r"[。！？]", rest)
        title = rest[:cut.start()] if cut else rest
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip("\u3000 \t"))
        out.append(Label(index, form, n, HEADING_FORMS.index(form) + 1, title.rstrip("；：:"), True,
                         m.end() - start, start))
    return out


def _raw_labels(blocks: Sequence[Block]) -> list[Label]:
    out = []
    for i, b in enumerate(blocks):
        lab = heading_label(b, i)
        if lab:
            out.append(lab)
        if b.kind is Kind.PARAGRAPH and any(c in b.text for c in "、（("):
            out.extend(_mid_labels(b, i))
    return out


def _raw_spoken(blocks: Sequence[Block]) -> list[Spoken]:
    out = []
    for i, b in enumerate(blocks):
        if b.kind is not Kind.PARAGRAPH:
            continue
        text = b.text
        for m in _SPOKEN.finditer(text):
            if m.group(1):
                try:
                    n = parse_cn_numeral(m.group(1))
                except ValueError:
                    continue
                out.append(Spoken(i, m.start(1), m.group(2), n, m.group(1) + m.group(2)))
            elif m.group(3):
                try:
                    n = parse_cn_numeral(m.group(3))
                except ValueError:
                    continue
                out.append(Spoken(i, m.start(3) - 1, "第", n, f"第{m.group(3)}"))
            else:
                w = m.group(4)
                out.append(Spoken(i, m.start(4), "首先", _SEQ.get(w, 0), w))
    return out


@functools.lru_cache(maxsize=1)
def _analysed(blocks: tuple[Block, ...]) -> tuple[tuple[Label, ...], tuple[Spoken, ...]]:
    """The heading labels and spoken ordinals of a speech. A label in a paragraph numbered n > 1 that
    follows a spoken item numbered n − 1 with no label of its form before it («一要…。二、…») is
    the next item of that spoken list, written in the wrong form. Remembered for the last speech:
    four rules ask it of the same blocks in one run of the checks."""
    labs = _raw_labels(blocks)
    spoken = _raw_spoken(blocks)
    moved: list[Label] = []
    for lab in labs:
        if not lab.inline or lab.number < 2:
            continue
        where = (lab.block, lab.offset)
        before_labels = [x for x in labs if (x.block, x.offset) < where and x not in moved]
        last_label = max(((x.block, x.offset) for x in before_labels), default=(-1, -1))
        if any(x.form == lab.form and x.number == lab.number - 1 for x in before_labels):
            continue
        prior = [s for s in spoken if last_label < (s.block, s.offset) < where]
        if prior and prior[-1].number == lab.number - 1:
            moved.append(lab)
    labs = [x for x in labs if x not in moved]
    spoken += [Spoken(x.block, x.offset, "、", x.number, blocks[x.block].text[x.offset:x.offset + x.length])
               for x in moved]
    spoken.sort(key=lambda s: (s.block, s.offset))
    return tuple(labs), tuple(spoken)


def labels(blocks: Sequence[Block]) -> list[Label]:
    """Every heading label in reading order (heading blocks, paragraphs opening with a label, labels
    after a sentence end inside a paragraph)."""
    return list(_analysed(tuple(blocks))[0])


def sibling_groups(blocks: Sequence[Block]) -> list[list[Label]]:
    """Labels grouped by parent: the headings of one level between two headings of a higher level."""
    groups: list[list[Label]] = []
    open_: dict[int, list[Label]] = {}
    for lab in labels(blocks):
        for lvl in [k for k in open_ if k > lab.level]:
            groups.append(open_.pop(lvl))
        open_.setdefault(lab.level, []).append(lab)
    groups.extend(open_.values())
    return [g for g in groups if g]


def spoken(blocks: Sequence[Block]) -> list[Spoken]:
    """Every spoken ordinal in the paragraphs, in reading order."""
    return list(_analysed(tuple(blocks))[1])


def spoken_lists(blocks: Sequence[Block]) -> list[list[Spoken]]:
    """Spoken ordinals grouped into lists. A list never crosses a heading; an item numbered 1
    opens a new list (nested inside the one before); a later item joins the innermost open list of
    its own family expecting that number, else the innermost list."""
    lists: list[list[Spoken]] = []
    stack: list[list[Spoken]] = []
    last_heading = (-1, -1)
    heads = sorted({(lab.block, lab.offset) for lab in labels(blocks)}
                   | {(i, 0) for i, b in enumerate(blocks) if b.kind is Kind.HEADING})
    for item in spoken(blocks):
        h = max((p for p in heads if last_heading < p <= (item.block, item.offset)), default=None)
        if h is not None:
            last_heading = h
            stack = []
        if item.number == 1:
            new = [item]
            lists.append(new)
            stack.append(new)
            continue
        if item.family == "首先":
            target = next((l for l in reversed(stack) if l[0].family == "首先"), None)
            if target is None:
                continue  # 其次/最后 on their own are ordinary words
            target.append(item)
            continue
        target = next((l for l in reversed(stack) if l[-1].family == item.family and l[-1].number == item.number - 1),
                      None)
        if target is None:
            target = stack[-1] if stack else None
        if target is None:
            new = [item]
            lists.append(new)
            stack.append(new)
            continue
        while stack and stack[-1] is not target:
            stack.pop()
        target.append(item)
    return lists
