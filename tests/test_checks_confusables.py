"""Rule ``confusable``: a word is reported only where the other one is certain."""

from __future__ import annotations

import pytest

from drafter.checks.confusables import table
from checks_helpers import findings


@pytest.mark.parametrize("text, word, right", [
    ("截止2025年底，全区共有党员1200名。", "截止", "截至"),
    ("报名截至日期为3月1日。", "截至", "截止"),
    ("工作不扎实，以至造成严重损失。", "以至", "以致"),
    ("以致于出现问题。", "以致于", "以至于"),
    ("要抓紧制订相关政策。", "制订", "制定"),
    ("必需坚持党的领导。", "必需", "必须"),
    ("这是群众生活所必须的条件。", "必须", "必需"),
    ("活动既将开始。", "既", "即"),
    ("即要抓发展，又要抓党建。", "即要", "既要"),
    ("为全区发展做出新的更大贡献。", "做出", "作出"),
])
def test_confusable_found(text, word, right):
    [f] = findings(text + "\n", "confusable")
    assert f"「{word}」在这里应为「{right}」" in f.message and f.suggestion == f"改为「{right}」"


@pytest.mark.parametrize("text", [
    "截至2025年底，全区共有党员1200名。",
    "报名截止日期为3月1日，截止到目前已有50人报名。",
    "从县到乡以至村，层层压实责任，以至于形成合力。",
    "要制订好工作方案，制定相关政策。",
    "这是必需品；必须坚持党的领导。",
    "既要抓发展，又要抓党建；立即行动。",
    "为全区发展作出新的更大贡献，做出表率。",
])
def test_confusable_clean(text):
    assert findings(text + "\n", "confusable") == []


def test_every_entry_explains_the_difference():
    assert len(table()) >= 8 and all(c.note and c.word != c.right for c in table())
