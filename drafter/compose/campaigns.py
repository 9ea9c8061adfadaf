"""Which 主题教育 or 学习教育 is under way on a date, and its official wording.

The facts are data, ``drafter/data/campaigns.yaml``, read through the project's YAML reader
(:mod:`drafter.input.yamlfile`) and record engine: each campaign's name, the dates it runs, and its 总要求.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from drafter.errors import BriefError, Problem
from drafter.input.problems import read_record
from drafter.input.records import Record
from drafter.input.values import Date, Text
from drafter.input.yamlfile import YamlProblems, load
from drafter.resources import DATA_DIR

DATA_FILE = DATA_DIR / "campaigns.yaml"


class Campaign(Record):
    """一项主题教育或学习教育。"""

    name: Text
    """名称"""
    valid_from: Date
    """开始日期（含当日）"""
    valid_until: Date
    """结束日期（含当日）"""
    requirement_term: Text
    """要求的叫法：总要求 / 工作要求"""
    requirement: Text
    """要求原文"""


@lru_cache(maxsize=1)
def campaigns() -> tuple[Campaign, ...]:
    """Every campaign of the shipped data file, in the file's order. A broken file is a DrafterError."""
    try:
        doc = load(DATA_FILE)
    except YamlProblems as err:
        raise BriefError(err.problems) from None
    read = [read_record(Campaign, doc, at=(i,)) for i in range(len(doc.data if isinstance(doc.data, list) else []))]
    problems = [p for _, found in read for p in found]
    if problems or not read:
        raise BriefError(problems or [Problem(str(DATA_FILE), 1, 1, "学习教育数据文件是空的")])
    return tuple(c for c, _ in read)


def current(d: _dt.date) -> Campaign | None:
    """The campaign under way on ``d`` (the latest started, if two overlap), or None."""
    running = [c for c in campaigns() if c.valid_from <= d <= c.valid_until]
    return max(running, key=lambda c: c.valid_from) if running else None
