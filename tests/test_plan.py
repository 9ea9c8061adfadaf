"""The plan's text helpers: title lines, complete sentences, paragraphs of a text field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.compose.plan import paragraphs, sentence, split_title


title_text = st.text(alphabet=st.sampled_from(list("在的年度会暨、，—上区委书记讲话2025 ")), max_size=70)


@given(title_text, st.integers(min_value=4, max_value=24))
def test_split_title_keeps_the_text_in_at_most_three_lines(text: str, width: int) -> None:
    lines = split_title(text, width)
    assert "".join(lines) == text.strip()
    assert 1 <= len(lines) <= 3


@pytest.mark.parametrize(("title", "lines"), [
    ("区委书记在2025年度基层党组织书记抓基层党建工作述职评议会上的讲话",
     ["区委书记在2025年度基层党组织书记", "抓基层党建工作述职评议会上的讲话"]),
    # no break after 在/的/年/度/会/暨/上 keeps both lines within 20 characters: the title breaks anywhere
    ("在全区2026年第一季度基层党建重点任务推进会暨现场观摩会上的讲话",
     ["在全区2026年第一季度基层党建重", "点任务推进会暨现场观摩会上的讲话"]),
    ("县委书记在全县2025年度乡镇党委书记抓基层党建工作述职评议暨基层党建工作推进会上的讲话",
     ["县委书记在全县2025年度", "乡镇党委书记抓基层党建工作述职评议暨", "基层党建工作推进会上的讲话"]),
    ("短标题", ["短标题"]),
])
def test_split_title_on_real_titles(title: str, lines: list[str]) -> None:
    assert split_title(title) == lines


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""), (" 好 ", "好。"), ("好。", "好。"), ("好！", "好！"), ("好…", "好…"), ("好，", "好。"), ("好：", "好。"),
    ("好.", "好。"), ("好a", "好a。"), ("他说：“好。”", "他说：“好。”"), ("（完。）", "（完。）"), ("“好”", "“好”。"),
])
def test_sentence_ends_with_one_full_stop(text: str, expected: str) -> None:
    assert sentence(text) == expected


def test_paragraphs_are_the_non_empty_lines() -> None:
    assert paragraphs(None) == [] and paragraphs("") == []
    assert paragraphs(" 第一段。\n\n  \n第二段\u2028第三段 ") == ["第一段。", "第二段", "第三段"]
