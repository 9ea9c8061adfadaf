"""Rules ``adjourn`` and ``tense``.

``adjourn``: «散会» belongs only to a speaker who also closes the meeting (CheckContext.closes_meeting).
``tense``: «今年以来» needs some of this year behind it (not in January–February, not when the
speech reviews last year); «去年以来» / «回顾去年» do not fit a speech that reviews a period of
this year.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from drafter.speech.blocks import Block
from drafter.checks._base import BODY_KINDS, Hit

_ADJOURN = r"散会[。！!]?\s*$|现在散会|宣布散会"
"""Compiled only for a speaker who does not close the meeting, and only for text with 散会."""
_THIS_YEAR = re.compile(r"今年以来")
_LAST_YEAR = r"去年以来|回顾去年|过去的?一年|去年一年"
"""Compiled only when the speech reviews a period of this year."""
_CURRENT_PERIODS = ("第一季度", "一季度", "上半年", "第二季度", "二季度", "第三季度", "三季度", "前三季度", "今年")


def _period_year(period: str | None, year: int) -> str | None:
    """"past" when the period is a previous year, "current" when it is a part of this year."""
    if not period:
        return None
    m = re.match(r"(\d{4})年", period)
    if m:
        y = int(m.group(1))
        if y < year:
            return "past"
        if y == year:
            return "current"
    if period.startswith(_CURRENT_PERIODS):
        return "current"
    if period in ("去年", "上年度", "全年") :
        return "past"
    return None


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    body = [i for i, b in enumerate(blocks) if b.kind in BODY_KINDS]
    if ctx.closes_meeting is False:
        for i in body:
            m = re.search(_ADJOURN, blocks[i].text) if "散会" in blocks[i].text else None
            if m:
                s = blocks[i].text.find("散会", m.start())
                yield Hit("adjourn", "warning", "讲话以「散会」结束，但讲话人并不宣布散会",
                          "删去「散会」，由主持人宣布", i, s, 2, blocks[i].text)
    d = ctx.meeting_date
    if d is None:
        return
    which = _period_year(ctx.period, d.year)
    for i in body:
        text = blocks[i].text
        for m in _THIS_YEAR.finditer(text):
            if which == "past":
                yield Hit("tense", "warning", f"讲话回顾的是{ctx.period}，却写「今年以来」",
                          "改为「去年以来」或「过去一年」", i, m.start(), 4, text)
            elif which is None and d.month <= 2:
                yield Hit("tense", "warning", f"会议在{d.month}月召开，「今年以来」时间太短",
                          "回顾上一年时用「去年以来」「过去一年」", i, m.start(), 4, text)
        if which == "current":
            for m in re.finditer(_LAST_YEAR, text):
                yield Hit("tense", "warning", f"讲话回顾的是{ctx.period}，却写「{m.group(0)}」",
                          "改为「今年以来」或写明时段", i, m.start(), len(m.group(0)), text)
