"""drafter's text markup: what templates produce, what ``--format md`` prints, and its parser.

The markup is a small, line-based subset of Markdown, so that a preview reads well anywhere:

=========================  ===========================================================
markup                     block
=========================  ===========================================================
``# 文字``                 a title line (one per line; a long title takes two or three)
``## 一、文字``            heading level 1 (``###`` level 2, ``####`` 3, ``#####`` 4)
``@subtitle ——在…讲话``    the subtitle line of a two-line title
``@byline 区委书记 张三``  the speaker line
``@date （2026年2月15日）``the date line
``@salutation 同志们：``   the salutation, flush left
``@stock 文字…``           a body paragraph taken from the phrase bank's stock text
other text                 a body paragraph
=========================  ===========================================================

Blocks are separated by blank lines; the lines of one paragraph are joined without a space (the
text is Chinese). Headings and ``@`` lines are one line each. Inside any text, ``**…**`` marks a
bold run (the lead sentence of a paragraph). A backslash escapes ``\\``, ``*``, and a ``#`` or
``@`` at the start of a line.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from drafter.speech.blocks import Block, Kind, Run
from drafter.errors import MarkupError, Problem

_DIRECTIVES = {
    "subtitle": Kind.SUBTITLE,
    "byline": Kind.BYLINE,
    "date": Kind.DATE,
    "salutation": Kind.SALUTATION,
}
_HEADING_RE = re.compile(r"^(#{1,5}) (.*)$")
_DIRECTIVE_RE = re.compile(r"^@([a-z]+)(?: (.*))?$")


_INLINE_TOKEN = re.compile(r"\\([\\*#@])|(\*\*)|([^\\*]+|[\\*])")
"""One token of inline text: (escaped character after a backslash, ``**`` marker, other text). The
other text is a run of characters that are neither ``\\`` nor ``*``, or one lone ``\\`` or ``*`` that
is not part of an escape or a marker; tokens are taken left to right, so ``***`` is a marker then ``*``."""


def _inline(text: str, file: str, line: int, col0: int, problems: list[Problem]) -> tuple[Run, ...]:
    """Split ``text`` into runs at ``**`` markers, resolving backslash escapes.

    ``col0``: where ``text`` starts in its (stripped) line, 0-based. An unclosed ``**`` adds a problem
    to ``problems`` at column ``col0`` + the offset of the last ``**`` in ``text`` + 1 (1-based).
    """
    runs: list[Run] = []
    buf: list[str] = []
    bold = False
    open_col = 0
    pos = 0
    for escaped, marker, other in _INLINE_TOKEN.findall(text):
        if marker:
            if buf:
                runs.append(Run("".join(buf), bold))
                buf = []
            bold = not bold
            open_col = col0 + pos
            pos += 2
        elif escaped:
            buf.append(escaped)
            pos += 2
        else:
            buf.append(other)
            pos += len(other)
    if bold:
        problems.append(Problem(file, line, open_col + 1, "加粗标记 ** 没有配对", "在加粗文字的末尾补上 **"))
    if buf:
        runs.append(Run("".join(buf), bold))
    return tuple(_merge(runs))


def _merge(runs: Iterable[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:  # never an empty run: _inline makes none
        if out and out[-1].bold == r.bold:
            out[-1] = Run(out[-1].text + r.text, r.bold)
        else:
            out.append(r)
    return out


def parse(text: str, file: str = "<markup>") -> list[Block]:
    """Parse markup into blocks. All problems are collected and raised together as MarkupError."""
    blocks: list[Block] = []
    problems: list[Problem] = []
    para: list[tuple[int, str]] = []

    def flush() -> None:
        first_line, first = para[0]
        stock = False
        col0 = 0
        if first.startswith("@stock "):
            stock, first, col0 = True, first[7:], 7
        runs = list(_inline(first, file, first_line, col0, problems))
        for ln, t in para[1:]:
            runs.extend(_inline(t, file, ln, 0, problems))
        blocks.append(Block(Kind.PARAGRAPH, tuple(_merge(runs)), 0, first_line, stock))
        para.clear()

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            if para:
                flush()
            continue
        lead = line[0]
        # only a line that starts with # or @ can be anything but a line of a paragraph
        if lead == "#":
            m = _HEADING_RE.match(line)
            if m is None:
                problems.append(Problem(file, n, 1, "# 后面要有一个空格才是标题",
                                        "写作「## 一、标题」；正文以 # 开头时写作 \\#"))
                continue
            if para:
                flush()
            hashes, body = m.groups()
            runs = _inline(body.strip(), file, n, len(hashes) + 1, problems)
            if not runs:
                problems.append(Problem(file, n, 1, "标题行没有文字", "删除这一行，或在 # 后写上标题"))
                continue
            if len(hashes) == 1:
                blocks.append(Block(Kind.TITLE, runs, 0, n))
            else:
                blocks.append(Block(Kind.HEADING, runs, len(hashes) - 1, n))
            continue
        if lead == "@":
            m = _DIRECTIVE_RE.match(line)
            if m and m.group(1) != "stock":
                if para:
                    flush()
                name, body = m.group(1), (m.group(2) or "").strip()
                kind = _DIRECTIVES.get(name)
                if kind is None:
                    known = "、".join("@" + k for k in list(_DIRECTIVES) + ["stock"])
                    problems.append(Problem(file, n, 1, f"不认识的标记 @{name}", f"可用的标记有 {known}；"
                                            "正文以 @ 开头时写作 \\@"))
                    continue
                runs = _inline(body, file, n, len(name) + 2, problems)
                if not runs:
                    problems.append(Problem(file, n, 1, f"@{name} 后面没有文字", "补上文字，或删除这一行"))
                    continue
                blocks.append(Block(kind, runs, 0, n))
                continue
        para.append((n, line))
    if para:
        flush()
    if problems:
        raise MarkupError(problems, f"{file}：共 {len(problems)} 处标记错误。")
    return blocks


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _runs_markup(runs: Sequence[Run]) -> str:
    out = "".join(f"**{_escape(r.text)}**" if r.bold else _escape(r.text) for r in runs)
    if out[:1] in ("#", "@"):
        out = "\\" + out
    return out


def to_markup(blocks: Sequence[Block]) -> str:
    """Serialise blocks back to markup; ``parse(to_markup(b)) == b`` up to source lines."""
    out: list[str] = []
    for b in blocks:
        body = _runs_markup(b.runs)
        if b.kind is Kind.TITLE:
            out.append("# " + body)
        elif b.kind is Kind.HEADING:
            out.append("#" * (b.level + 1) + " " + body)
        elif b.kind is Kind.PARAGRAPH:
            out.append(("@stock " if b.stock else "") + body)
        else:
            out.append(f"@{b.kind.value} {body}")
    # consecutive title lines stay together; every other block is set apart by a blank line
    text = ""
    for i, (b, line) in enumerate(zip(blocks, out)):
        if i:
            text += "\n" if b.kind is Kind.TITLE and blocks[i - 1].kind is Kind.TITLE else "\n\n"
        text += line
    return text + "\n"


def to_text(blocks: Sequence[Block]) -> str:
    """A plain-text preview: one paragraph a line, body and headings indented two ideographic spaces."""
    lines: list[str] = []
    for b in blocks:
        if b.kind in (Kind.PARAGRAPH, Kind.HEADING):
            lines.append("\u3000\u3000" + b.text)
        else:
            lines.append(b.text)
    return "\n".join(lines) + "\n"
