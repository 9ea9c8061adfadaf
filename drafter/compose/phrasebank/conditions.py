"""What a brief states, as the phrase bank's conditions see it: agenda facts, the speaker's relation to the
meeting, and where the meeting date falls. An entry is chosen only when its ``needs``, ``speaker`` and
``timing`` hold for these :class:`Facts` (:meth:`~drafter.compose.phrasebank.entries.Entry.holds`).
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

_PERIOD_ENDS = (  # (words of the period, month and day it ends), first match wins
    (("第一季度", "一季度"), (3, 31)),
    (("上半年", "第二季度", "二季度"), (6, 30)),
    (("前三季度", "第三季度", "三季度"), (9, 30)),
    (("第四季度", "四季度", "下半年", "全年", "年度"), (12, 31)),
)


class Facts(NamedTuple):
    """What the brief states: ``stated`` agenda facts (words of
    :data:`~drafter.compose.phrasebank.vocabulary.NEEDS`), the speaker's ``relation`` (host or guest)
    and the ``timing`` words that hold on the meeting date."""

    stated: frozenset[str] = frozenset()
    relation: str = "host"
    timing: frozenset[str] = frozenset()




def period_end(period: str, date: _dt.date) -> _dt.date | None:
    """The last day of the reviewed ``period`` («第三季度», «2025年», «上半年») nearest to the meeting
    ``date``, or None when the period's words are not known."""
    m = re.search(r"(\d{4})\s*年", period)
    end = None
    for words, month_day in _PERIOD_ENDS:
        if any(w in period for w in words):
            end = month_day
            break
    if end is None and m:
        end = (12, 31)
    if end is None:
        return None
    if m:
        return _dt.date(int(m.group(1)), *end)
    years = (date.year - 1, date.year, date.year + 1)
    return min((_dt.date(y, *end) for y in years), key=lambda d: abs((d - date).days))


def timing(period: str, date: _dt.date) -> frozenset[str]:
    """The timing words that hold for a meeting on ``date`` reviewing ``period``."""
    out = set()
    end = period_end(period, date)
    if end is not None:
        out.add("period_over" if date > end else "period_open")
    if date.month <= 2:
        out.add("year_start")
    if date.month >= 7:
        out.add("second_half")
    if date.month == 7:
        out.add("july")
        if date.day == 1:
            out.add("party_day")
    elif date.month < 7:
        out.add("before_party_day")
    return frozenset(out)


def comments_by(comments: str | None, given: str | None) -> frozenset[str]:
    """Who gave the 点评: from ``meeting.before.comments_by`` when ``given``, else read from the text
    («我和王明同志作了点评»: the speaker and others; «王明同志作了点评»: others)."""
    if not comments:
        return frozenset()
    if given is None:
        me = "我" in comments
        others = not me or bool(re.search(r"同志|领导|和|、", comments.replace("我们", "")))
        given = "both" if me and others else ("speaker" if me else "others")
    out = {"comments"}
    if given in ("others", "both"):
        out.add("comments_by_others")
    if given in ("speaker", "both"):
        out.add("comments_by_speaker")
    return frozenset(out)
