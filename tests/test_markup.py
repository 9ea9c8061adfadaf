"""The markup parser's inline text: ``**`` bold runs, backslash escapes, and where an unclosed ``**`` is reported."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.speech.blocks import Block, Kind, Run
from drafter.errors import MarkupError, Problem
from drafter.speech.markup import _inline, parse, to_markup


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


def test_parse_reads_titles_and_joins_paragraph_lines() -> None:
    text = "# 标题\n\n正文第一行，\n第二行**加粗**。\n\n@stock **一要**抓落实。\n第二行\\*。"
    assert parse(text) == [
        Block(Kind.TITLE, (Run("标题"),), line=1),
        Block(Kind.PARAGRAPH, (Run("正文第一行，第二行"), Run("加粗", True), Run("。")), line=3),
        Block(Kind.PARAGRAPH, (Run("一要", True), Run("抓落实。第二行*。")), line=6, stock=True),
    ]


def test_parse_reports_every_problem_in_order() -> None:
    text = "**没有收尾\n又一行**也没有\n\n@date\n\n#\n\n@unknown 文字\n\n前**a****b**后"
    with pytest.raises(MarkupError) as info:
        parse(text, file="f.md")
    assert [(p.line, p.column, p.message) for p in info.value.problems] == [
        (1, 1, "加粗标记 ** 没有配对"),
        (2, 4, "加粗标记 ** 没有配对"),
        (4, 1, "@date 后面没有文字"),
        (6, 1, "# 后面要有一个空格才是标题"),
        (8, 1, "不认识的标记 @unknown"),
    ]
    assert info.value.problems[-1].hint == "可用的标记有 @subtitle、@byline、@date、@salutation、@stock；正文以 @ 开头时写作 \\@"
    assert info.value.render().endswith("f.md：共 5 处标记错误。")
