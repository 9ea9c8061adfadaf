"""Numbered items of a speech: heading labels and spoken ordinals, parsed once for several rules."""

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
_SPOKEN = re.compile(r"(?:^|(?<=[。；：！？:;]))[\s\u3000]*(?:"
                     r"([一二三四五六七八九十]{1,3})(是|要)"
                     r"|第([一二三四五六七八九十]{1,3})[，、,]"
                     r"|(首先|其次|再次|最后)[，,])")
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


class Spoken(NamedTuple):
    """A spoken ordinal inside a paragraph: ``family`` 是 / 要 / 第 / 首先; number 0 for 最后."""

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


def labels(blocks: Sequence[Block]) -> list[Label]:
    return [lab for i, b in enumerate(blocks) if (lab := heading_label(b, i))]


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


def spoken_lists(blocks: Sequence[Block]) -> list[list[Spoken]]:
    """Spoken ordinals grouped into lists. A list never crosses a heading; an item numbered 1
    opens a new list (nested inside the one before); a later item joins the innermost open list of
    its own family expecting that number, else the innermost list."""
    lists: list[list[Spoken]] = []
    stack: list[list[Spoken]] = []
    last_heading = -1
    heading_at = [b.kind is Kind.HEADING or heading_label(b, i) is not None for i, b in enumerate(blocks)]
    for item in spoken(blocks):
        h = max((k for k in range(last_heading + 1, item.block + 1) if heading_at[k]), default=None)
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
