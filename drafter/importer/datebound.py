"""Date-bound text: what must be checked when last year's speech is reused at a new date.

:func:`find_date_bound` finds, in one text, every piece that is true only at the old date: years
(«2025年»), relative years (去年, 今年, 一年来), anniversaries («N周年»), year labels («…之年»),
congress and plenum strings («党的二十大», «二十届四中全会»), five-year plans («十四五»), dated
formulations (:mod:`drafter.genre.formulations`, those that expire or are not current at the new
date) and every statistic (a number with its unit). :func:`mark` puts :data:`MARK` after each one;
drafter check and ``render --final`` treat 【…】 as a placeholder, so none can slip through.
"""

from __future__ import annotations

import datetime
import re
from typing import NamedTuple

from drafter.genre.formulations import load_formulations

MARK = "【核实】"
"""What is put after each date-bound piece of text in the brief."""

_CN = "一二三四五六七八九十"
_PATTERNS = (
    ("年份", re.compile(r"(?:19|20)\d{2}年(?:度)?")),
    ("相对年份", re.compile(r"去年以来|去年|今年|明年|前年|一年来|过去一年|过去的一年|新的一年")),
    ("周年", re.compile(rf"[\d{_CN}百]+周年")),
    ("年度提法", re.compile(r"(?<=[是为])[^，。；：！？\s是为]{2,18}?之年|(?<![是为])[^，。；：、！？\s是为]{2,10}之年")),
    ("党代会全会", re.compile(rf"党的[{_CN}]+大|[{_CN}]+届[{_CN}、中]*全会|[{_CN}X]+中[X全]会|[{_CN}]{{2,3}}大(?=精神|召开|以来|报告)")),
    ("五年规划", re.compile(rf"“?[{_CN}]{{2,3}}五”?(?=规划|时期|开局|收官|期间|关键|目标)|“[{_CN}]{{2,3}}五”")),
    ("统计数字", re.compile(r"\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:个|人次|人|名|元|%|％|项|次|条|家|处|件|起|批|篇|所|户|场|期|支|座|亩|户)")),
)


class Found(NamedTuple):
    """One date-bound piece: where it is in the text, the text itself, and what kind it is."""

    start: int
    end: int
    text: str
    kind: str


def find_date_bound(text: str, new_date: datetime.date) -> list[Found]:
    """Every date-bound piece of ``text`` (see the module's docstring), in order, not overlapping."""
    found: list[Found] = []
    for kind, rx in _PATTERNS:
        found.extend(Found(m.start(), m.end(), m.group(0), kind) for m in rx.finditer(text))
    for f in load_formulations():
        if not f.may_occur_in(text) or (f.valid_until is None and f.status(new_date) == "current"):
            continue
        found.extend(Found(m.start(), m.end(), m.group(0), "时效提法") for m in f.pattern.finditer(text))
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    out: list[Found] = []
    for x in found:
        if out and x.start < out[-1].end:
            if x.end > out[-1].end:  # overlapping pieces become one, the first kind kept
                last = out[-1]
                out[-1] = Found(last.start, x.end, text[last.start:x.end], last.kind)
            continue
        out.append(x)
    return out


def mark(text: str, new_date: datetime.date) -> tuple[str, list[Found]]:
    """``text`` with :data:`MARK` after each date-bound piece, and the pieces found."""
    found = find_date_bound(text, new_date)
    out, pos = [], 0
    for x in found:
        out.append(text[pos:x.end])
        out.append(MARK)
        pos = x.end
    out.append(text[pos:])
    return "".join(out), found
