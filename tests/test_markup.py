"""The markup parser's inline text: ``**`` bold runs, backslash escapes, and where an unclosed ``**`` is reported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.speech.blocks import Block, Kind, Run
from drafter.errors import MarkupError, Problem
from drafter.speech.markup import _inline, parse, to_markup


def _inline_reference(text: str, file: str, line: int, col0: int, problems: list[Problem]) -> tuple[Run, ...]:
    """The character-by-character scanner _inline replaced, kept as the definition of its behaviour."""
    runs: list[Run] = []
    buf: list[str] = []
    bold = False
    open_col = 0
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "\\*#@":
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            if buf:
                runs.append(Run("".join(buf), bold))
                buf = []
            bold = not bold
            open_col = col0 + i
            i += 2
            continue
        buf.append(c)
        i += 1
    if bold:
        problems.append(Problem(file, line, open_col + 1, "加粗标记 ** 没有配对", "在加粗文字的末尾补上 **"))
    if buf:
        runs.append(Run("".join(buf), bold))
    merged: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if merged and merged[-1].bold == r.bold:
            merged[-1] = Run(merged[-1].text + r.text, r.bold)
        else:
            merged.append(r)
    return tuple(merged)


def _runs(text: str, col0: int = 0) -> tuple[tuple[Run, ...], list[Problem]]:
    problems: list[Problem] = []
    return _inline(text, "f.md", 7, col0, problems), problems


@pytest.mark.parametrize(("text", "runs"), [
    ("", ()),
    ("今天开会。", (Run("今天开会。"),)),
    ("**一要强化理论武装。**要把学习作为首要任务。", (Run("一要强化理论武装。", True), Run("要把学习作为首要任务。"))),
    ("前**中**后", (Run("前"), Run("中", True), Run("后"))),
    ("a\\*b", (Run("a*b"),)),
    ("\\#1 \\@x \\\\ y", (Run("#1 @x \\ y"),)),
    ("\\*\\*粗", (Run("**粗"),)),
    ("\\***粗**", (Run("*"), Run("粗", True))),
    ("\\\\**粗**", (Run("\\"), Run("粗", True))),
    ("***粗**", (Run("*粗", True),)),
    ("a*b", (Run("a*b"),)),
    ("a\\b\\", (Run("a\\b\\"),)),
    ("****", ()),
    ("**a****b**", (Run("ab", True),)),
])
def test_inline_runs(text: str, runs: tuple[Run, ...]) -> None:
    got, problems = _runs(text)
    assert got == runs
    assert problems == []


@pytest.mark.parametrize(("text", "col0", "column", "runs"), [
    ("**没有收尾", 0, 1, (Run("没有收尾", True),)),
    ("前文**没有收尾", 0, 3, (Run("前文"), Run("没有收尾", True))),
    ("**粗**中间**又开了", 0, 8, (Run("粗", True), Run("中间"), Run("又开了", True))),
    ("\\\\**x", 0, 3, (Run("\\"), Run("x", True))),
    ("\\**粗**", 0, 5, (Run("**粗"),)),
    ("**x", 8, 9, (Run("x", True),)),
])
def test_unclosed_bold_is_reported_at_the_last_marker(text: str, col0: int, column: int,
                                                      runs: tuple[Run, ...]) -> None:
    got, problems = _runs(text, col0)
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [("f.md", 7, column, "加粗标记 ** 没有配对")]
    assert got == runs


def test_parse_reports_an_unclosed_bold_in_a_heading_at_its_column() -> None:
    with pytest.raises(MarkupError) as info:
        parse("正文。\n\n## 一、**提高站位\n", file="s.md")
    assert [(p.line, p.column) for p in info.value.problems] == [(3, 6)]  # the first * of «## 一、**»
    assert info.value.problems[0].render().startswith("s.md:3:6: ")


def test_parse_joins_lines_and_resolves_escapes() -> None:
    blocks = parse("@stock **一要**抓\\*落实，\n继续\\\\推进。\n\n\\# 不是标题\n")
    assert blocks == [
        Block(Kind.PARAGRAPH, (Run("一要", True), Run("抓*落实，继续\\推进。")), line=1, stock=True),
        Block(Kind.PARAGRAPH, (Run("# 不是标题"),), line=4),
    ]


inline_text = st.text(alphabet=st.sampled_from(list("ab一 \\*#@\n")), max_size=24)


@given(inline_text, st.integers(min_value=0, max_value=9))
def test_inline_matches_the_character_scanner(text: str, col0: int) -> None:
    mine: list[Problem] = []
    theirs: list[Problem] = []
    assert _inline(text, "f", 3, col0, mine) == _inline_reference(text, "f", 3, col0, theirs)
    assert mine == theirs


@given(st.lists(st.tuples(st.text(alphabet=st.sampled_from(list("ab一\\*#@")), min_size=1, max_size=8),
                          st.booleans()), min_size=1, max_size=5))
def test_to_markup_round_trips_through_parse(parts: list[tuple[str, bool]]) -> None:
    runs = []
    for text, bold in parts:  # what parse gives: neighbouring runs of the same weight are one run
        if runs and runs[-1].bold == bold:
            runs[-1] = Run(runs[-1].text + text, bold)
        else:
            runs.append(Run(text, bold))
    block = Block(Kind.PARAGRAPH, tuple(runs))
    assert [b.runs for b in parse(to_markup([block]))] == [block.runs]


_DIRECTIVES_REF = {"subtitle": Kind.SUBTITLE, "byline": Kind.BYLINE, "date": Kind.DATE, "salutation": Kind.SALUTATION}


def _parse_reference(text: str, file: str = "<markup>") -> list[Block]:
    """The line loop parse replaced (every line tried as a heading, then as a directive), kept as the
    definition of its behaviour: blocks, problems and their order."""
    import re

    heading_re = re.compile(r"^(#{1,5}) (.*)$")
    directive_re = re.compile(r"^@([a-z]+)(?: (.*))?$")
    blocks: list[Block] = []
    problems: list[Problem] = []
    para: list[tuple[int, str]] = []

    def merge(runs):
        out: list[Run] = []
        for r in runs:
            if not r.text:
                continue
            if out and out[-1].bold == r.bold:
                out[-1] = Run(out[-1].text + r.text, r.bold)
            else:
                out.append(r)
        return out

    def flush() -> None:
        if not para:
            return
        first_line, first = para[0]
        stock = False
        col0 = 0
        if first.startswith("@stock "):
            stock, first, col0 = True, first[len("@stock "):], len("@stock ")
        runs: list[Run] = []
        for k, (ln, t) in enumerate([(first_line, first)] + para[1:]):
            runs.extend(_inline_reference(t, file, ln, col0 if k == 0 else 0, problems))
        blocks.append(Block(Kind.PARAGRAPH, tuple(merge(runs)), line=first_line, stock=stock))
        para.clear()

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
            continue
        m = heading_re.match(line)
        if m:
            flush()
            hashes, body = m.groups()
            runs = _inline_reference(body.strip(), file, n, len(hashes) + 1, problems)
            if not runs:
                problems.append(Problem(file, n, 1, "标题行没有文字", "删除这一行，或在 # 后写上标题"))
                continue
            if len(hashes) == 1:
                blocks.append(Block(Kind.TITLE, runs, line=n))
            else:
                blocks.append(Block(Kind.HEADING, runs, level=len(hashes) - 1, line=n))
            continue
        m = directive_re.match(line)
        if m and m.group(1) != "stock":
            flush()
            name, body = m.group(1), (m.group(2) or "").strip()
            kind = _DIRECTIVES_REF.get(name)
            if kind is None:
                known = "、".join("@" + k for k in list(_DIRECTIVES_REF) + ["stock"])
                problems.append(Problem(file, n, 1, f"不认识的标记 @{name}", f"可用的标记有 {known}；"
                                        "正文以 @ 开头时写作 \\@"))
                continue
            runs = _inline_reference(body, file, n, len(name) + 2, problems)
            if not runs:
                problems.append(Problem(file, n, 1, f"@{name} 后面没有文字", "补上文字，或删除这一行"))
                continue
            blocks.append(Block(kind, runs, line=n))
            continue
        if line.startswith("#"):
            problems.append(Problem(file, n, 1, "# 后面要有一个空格才是标题",
                                    "写作「## 一、标题」；正文以 # 开头时写作 \\#"))
            continue
        para.append((n, line))
    flush()
    if problems:
        raise MarkupError(problems, f"{file}：共 {len(problems)} 处标记错误。")
    return blocks


def _outcome(parser, text: str):
    try:
        return parser(text, file="f.md")
    except MarkupError as err:
        return [(p.file, p.line, p.column, p.message, p.hint) for p in err.problems], err.render()


_LINE_STARTS = ["", "", "", " ", "# ", "## ", "##### ", "###### ", "#", "#x ", "@stock ", "@stock", "@subtitle ",
                "@byline ", "@date", "@salutation ", "@foo ", "@Foo ", "@", "\\#", "\\@", "**"]
markup_line = st.tuples(st.sampled_from(_LINE_STARTS), st.text(alphabet=st.sampled_from(list("ab一 \\*#@")), max_size=12))
markup_text = st.lists(markup_line, max_size=8).map(lambda lines: "\n".join(a + b for a, b in lines))


@given(markup_text)
def test_parse_matches_the_reference_line_loop(text: str) -> None:
    assert _outcome(parse, text) == _outcome(_parse_reference, text)


@pytest.mark.parametrize("text", [
    "# 标题\n\n正文第一行，\n第二行**加粗**。\n\n@stock **一要**抓落实。\n第二行\\*。",
    "@byline 张三\n@date （2026年2月15日）\n\n@salutation 同志们：\n\n##没有空格\n正文\n\n#### （1）四级",
    "**没有收尾\n又一行**也没有\n\n@date\n\n#\n\n@unknown 文字\n\n前**a****b**后",
])
def test_parse_matches_the_reference_on_mixed_markup(text: str) -> None:
    assert _outcome(parse, text) == _outcome(_parse_reference, text)
