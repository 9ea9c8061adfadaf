"""Briefs for the three reference speeches (../shared/reference/, summarised in tests/data/reference_briefs/)
render with the original's structure: the announcement and its count, the ordinal forms, headings on their
own line or run into their paragraph (002's «四个坚持» with inline （一）), and the order of the parts."""

from __future__ import annotations

import re
from pathlib import Path


from drafter.main import make_draft
from drafter.speech.blocks import Kind

BRIEFS = Path(__file__).resolve().parent / "data" / "reference_briefs"


def blocks(name: str):
    return make_draft(BRIEFS / name).blocks


def text(block) -> str:
    return "".join(r.text for r in block.runs)


def headings(bs, level: int) -> list[str]:
    return [text(b) for b in bs if b.kind == Kind.HEADING and b.level == level]


def bold_leads(bs) -> list[str]:
    return [b.runs[0].text for b in bs if b.kind == Kind.PARAGRAPH and b.runs and b.runs[0].bold]


def index_of(bs, pattern: str) -> int:
    return next(i for i, b in enumerate(bs) if re.search(pattern, text(b)))


def test_000_review_three_opinions_with_yi_yao_points():
    bs = blocks("000-review.yaml")
    assert any("讲三点意见" in text(b) or "三点意见" in text(b) for b in bs)
    assert [h[:2] for h in headings(bs, 1)] == ["一、", "二、", "三、"]
    leads = bold_leads(bs)
    assert [x[:2] for x in leads] == ["一要", "二要", "三要", "一要", "二要", "三要"]
    # the problems are one paragraph numbered 一是…三是, before the points; the meeting is closed
    problems = next(b for b in bs if "一是" in text(b) and "三是" in text(b))
    assert bs.index(problems) < index_of(bs, "^一、")
    assert text(bs[-1]).endswith("散会！")


def test_001_annual_three_opinions_with_leads_and_yi_shi_points():
    bs = blocks("001-annual.yaml")
    assert [h[:2] for h in headings(bs, 1)] == ["一、", "二、", "三、"]
    assert [x[:2] for x in bold_leads(bs)] == ["一是", "二是", "一是", "二是"]
    achievements = index_of(bs, "一是党建责任全面落实")
    problems = index_of(bs, "比如：在责任落实方面")
    assert achievements < problems < index_of(bs, "三点意见") < index_of(bs, "^一、")
    assert not any("散会" in text(b) for b in bs)  # the annual speech does not close the meeting


def test_002_four_persistences_inline_headings_after_a_situation_paragraph():
    bs = blocks("002-annual.yaml")
    assert headings(bs, 1) == [] and headings(bs, 2) == []  # no heading lines at all
    inline = [b for b in bs if b.kind == Kind.PARAGRAPH and b.runs and b.runs[0].bold and b.runs[0].text.startswith("（")]
    assert [b.runs[0].text[:3] for b in inline] == ["（一）", "（二）", "（三）", "（四）"]
    assert all(b.runs[0].text[3:5] == "坚持" and len(b.runs) == 2 for b in inline)  # lead run, then the text
    announce = index_of(bs, "四个坚持")
    situation = index_of(bs, "^今年，我们将迎来党的二十大召开")
    unnumbered = [x for x in bold_leads(bs) if not x.startswith("（")]
    assert unnumbered == ["不断强化党的政治建设。", "深入开展党史学习教育。"]  # achievements without ordinals
    assert situation < announce < bs.index(inline[0])
