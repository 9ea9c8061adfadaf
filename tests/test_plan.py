"""The plan's text helpers: title lines, complete sentences, paragraphs of a text field."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.compose.plan import _BREAK_AFTER, paragraphs, sentence, split_title


def _split_title_reference(text: str, width: int = 20, *, anywhere: bool = False) -> list[str]:
    """The split_title that cut every candidate's lines to score them, kept as the definition of
    which lines a title gets."""
    text = text.strip()
    if len(text) <= width:
        return [text]
    n_lines = min(3, -(-len(text) // width))
    best: list[str] | None = None
    best_score = None
    candidates = [i for i in range(1, len(text))
                  if (anywhere or text[i - 1] in _BREAK_AFTER) and not text[i - 1: i + 1].isdigit()]

    def score(lines: list[str]) -> tuple:
        lens = [len(x) for x in lines]
        equal = any(a == b for a, b in zip(lens, lens[1:]))
        shape = sum(abs((a - b) - 2) for a, b in zip(lens, lens[1:]))
        return (max(lens) > width, equal, shape)

    if n_lines == 2:
        for i in candidates:
            lines = [text[:i], text[i:]]
            s = score(lines)
            if best_score is None or s < best_score:
                best, best_score = lines, s
    else:
        for i in candidates:
            for j in candidates:
                if j <= i:
                    continue
                lines = [text[:i], text[i:j], text[j:]]
                s = score(lines)
                if best_score is None or s < best_score:
                    best, best_score = lines, s
    if best is None or (best_score and best_score[0]):
        return [text] if anywhere else _split_title_reference(text, width, anywhere=True)
    return best


def _sentence_reference(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    if text[-1] in "。！？…" or text.endswith(("。”", "！”", "？”", "。）")):
        return text
    if text[-1] in "，、；：,;:.!?":
        text = text[:-1]
    return text + "。"


title_text = st.text(alphabet=st.sampled_from(list("在的年度会暨、，—上区委书记讲话2025 ")), max_size=70)


@given(title_text, st.integers(min_value=4, max_value=24))
def test_split_title_matches_the_reference(text: str, width: int) -> None:
    assert split_title(text, width) == _split_title_reference(text, width)


@pytest.mark.parametrize("title", [
    "区委书记在2025年度基层党组织书记抓基层党建工作述职评议会上的讲话",
    "在全区2026年第一季度基层党建重点任务推进会暨现场观摩会上的讲话",
    "县委书记在全县2025年度乡镇党委书记抓基层党建工作述职评议暨基层党建工作推进会上的讲话",
    "短标题",
])
def test_split_title_on_real_titles(title: str) -> None:
    lines = split_title(title)
    assert lines == _split_title_reference(title)
    assert "".join(lines) == title
    assert all(a != b for a, b in zip(map(len, lines), map(len, lines[1:])))


@given(st.text(alphabet=st.sampled_from(list("a一 。！？…”），、；：,;:.!?\n")), max_size=8))
def test_sentence_matches_the_reference(text: str) -> None:
    assert sentence(text) == _sentence_reference(text)


def test_paragraphs_are_the_non_empty_lines() -> None:
    assert paragraphs(None) == [] and paragraphs("") == []
    assert paragraphs(" 第一段。\n\n  \n第二段\u2028第三段 ") == ["第一段。", "第二段", "第三段"]
