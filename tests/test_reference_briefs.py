"""Briefs for the three reference speeches (../shared/reference/, summarised in tests/data/reference_briefs/)
render with the original's structure: the announcement and its count, the ordinal forms, headings on their
own line or run into their paragraph (002's «四个坚持» with inline （一）), and the order of the parts."""

from __future__ import annotations

from pathlib import Path

from drafter.main import make_draft
from drafter.speech.blocks import Kind
from structure_helpers import bold_leads, headings, index_of, text

BRIEFS = Path(__file__).resolve().parent / "data" / "reference_briefs"


def blocks(name: str):
    return make_draft(BRIEFS / name).blocks


def test_000_review_problems_first_then_the_reply_then_three_opinions_with_yi_yao_points():
    bs = blocks("000-review.yaml")
    assert [h[:2] for h in headings(bs, 1)] == ["一、", "二、", "三、"]
    leads = bold_leads(bs)
    assert [x[:2] for x in leads] == ["一要", "二要", "三要", "一要", "二要", "三要"]
    # the original's order (meeting.before.place: 回顾之后): the common problems in one paragraph numbered
    # 一是…三是 and what is to be done about them, then «刚才…述职…点评», then «三点意见», the points, the close
    body = bs[index_of(bs, "^同志们：$") + 1:]
    problems = index_of(body, "一是.*二是.*三是")
    assert problems == 0  # the speech opens with the problems
    assert "刚才" not in "".join(text(b) for b in body[:problems + 2])
    reply = index_of(body, "^刚才，X个镇和X个系统党委书记分别作了述职发言，我和X、X、X同志分别作了点评。")
    assert reply == problems + 2  # after the problems' own close
    announce = index_of(body, "三点意见")
    assert announce == reply + 1  # no 形势 paragraph between (situation: 否)
    first, second, third = (index_of(body, f"^{n}、") for n in "一二三")
    assert announce < first < second < third
    assert [text(b)[:2] for b in body[first + 1:first + 4]] == ["一要", "二要", "三要"]
    assert text(bs[-1]).endswith("散会！")
    assert sum("散会" in text(b) for b in bs) == 1


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
