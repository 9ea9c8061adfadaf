"""Which 主题教育 or 学习教育 is under way on a date, and its official wording.

The facts are data, ``drafter/data/campaigns.yaml``, read through the project's YAML reader
(:mod:`drafter.input.yamlfile`): each campaign's name, the dates it runs, and its 总要求.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import NamedTuple

from drafter.errors import BriefError, Problem
from drafter.input.yamlfile import YamlProblems, load
from drafter.resources import DATA_DIR

DATA_FILE = DATA_DIR / "campaigns.yaml"


class CampaignFact(NamedTuple):
    """One campaign: ``name``; the dates it runs (inclusive); what its requirement is called
    (总要求 / 工作要求) and the requirement itself."""

    name: str
    valid_from: _dt.date
    valid_until: _dt.date
    requirement_term: str
    requirement: str


_KEYS = ("name", "valid_from", "valid_until", "requirement_term", "requirement")


@lru_cache(maxsize=1)
def campaigns() -> tuple[CampaignFact, ...]:
    """Every campaign of the shipped data file, in the file's order. A broken file is a DrafterError."""
    try:
        doc = load(DATA_FILE)
    except YamlProblems as err:
        raise BriefError(err.problems) from None
    problems: list[Problem] = []
    out = []
    for i, item in enumerate(doc.data if isinstance(doc.data, list) else []):
        if not isinstance(item, dict) or sorted(item) != sorted(_KEYS):
            problems.append(doc.problem((i,), "学习教育条目的键不对", "每项写 " + "、".join(_KEYS)))
            continue
        try:
            start, end = (_dt.date.fromisoformat(item[k]) for k in ("valid_from", "valid_until"))
        except (TypeError, ValueError):
            problems.append(doc.problem((i,), "日期要写成 YYYY-MM-DD"))
            continue
        out.append(CampaignFact(item["name"], start, end, item["requirement_term"], item["requirement"]))
    if problems or not out:
        raise BriefError(problems or [Problem(str(DATA_FILE), 1, 1, "学习教育数据文件是空的")])
    return tuple(out)


def current(d: _dt.date) -> CampaignFact | None:
    """The campaign under way on ``d`` (the latest started, if two overlap), or None."""
    running = [c for c in campaigns() if c.valid_from <= d <= c.valid_until]
    return max(running, key=lambda c: c.valid_from) if running else None
