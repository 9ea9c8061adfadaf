"""Which 主题教育 or 学习教育 is under way on a date, and its official wording.

The facts are data, ``drafter/data/campaigns.yaml``, read like every YAML file drafter reads: through
its YAML reader and record engine (:func:`drafter.input.problems.read_record_file`), so that a slip
in the file is reported with file:line:column, never as a traceback.
"""

import datetime as _dt
from functools import lru_cache
from pathlib import Path

from drafter.errors import BriefError, Problem
from drafter.input.problems import read_record_file
from drafter.input.records import Record, factory
from drafter.input.values import Date, Text
from drafter.resources import DATA_DIR

DATA_FILE = DATA_DIR / "campaigns.yaml"


class CampaignFact(Record):
    """党中央部署的一项主题教育或学习教育。"""

    name: Text
    """名称，如「党纪学习教育」"""
    valid_from: Date
    """开展时段的第一天（中央印发通知或召开工作会议之日），如 2024-04-01"""
    valid_until: Date
    """开展时段的最后一天（中央要求基本完成之日），如 2024-07-31"""
    requirement_term: Text
    """要求的叫法：总要求或工作要求"""
    requirement: Text
    """要求原文，如「学纪、知纪、明纪、守纪」"""


class CampaignFile(Record):
    """学习教育数据文件（drafter/data/campaigns.yaml）。"""

    campaigns: list[CampaignFact] = factory(list)
    """各项主题教育、学习教育，按开始日期排列"""


def read_campaign_file(path: Path) -> tuple[CampaignFact, ...]:
    """Every campaign of ``path``, in the file's order. A broken or empty file is a :class:`BriefError`
    listing every problem with file:line:column."""
    found = read_record_file(path, CampaignFile, BriefError, what="学习教育数据").campaigns
    if not found:
        raise BriefError([Problem(str(path), 1, 1, "学习教育数据文件是空的")])
    return tuple(found)


@lru_cache(maxsize=1)
def campaigns() -> tuple[CampaignFact, ...]:
    """Every campaign of the shipped data file, in the file's order."""
    return read_campaign_file(DATA_FILE)


def current(d: _dt.date) -> CampaignFact | None:
    """The campaign under way on ``d`` (the latest started, if two overlap), or None."""
    running = [c for c in campaigns() if c.valid_from <= d <= c.valid_until]
    return max(running, key=lambda c: c.valid_from) if running else None
