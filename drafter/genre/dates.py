"""Date-driven text of the genre: what a speech for a given meeting date should say.

Templates call these to write the date line, the «学习贯彻…全会精神» string, the year's label and the
anniversaries; ``drafter check`` calls the same functions to verify a draft. The congress and
plenum dates and the year labels are data, in ``drafter/data/formulations.yaml``, read once through
drafter's YAML reader and record engine (:class:`FormulationFile`: a Chinese docstring per key).
"""

import datetime
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

from drafter.errors import FormulationsError
from drafter.genre.numbering import cn_numeral
from drafter.input.problems import read_record_file
from drafter.input.records import Record, Spec, factory
from drafter.input.values import Count, Date, Text, parse_text
from drafter.resources import DATA_DIR

DATA_FILE = DATA_DIR / "formulations.yaml"
"""The shipped data file of congresses, plenums, year labels and dated formulations."""


class Plenum(NamedTuple):
    """One plenary session: ``term`` is the Central Committee (十九, 二十), ``session`` 一中…七中,
    ``closed`` the day it closed (a speech on that day or later may cite it)."""

    term: str
    session: str
    closed: datetime.date


class Congress(NamedTuple):
    """A national Party congress: ``ordinal`` as in 党的二十大, ``closed`` its closing day."""

    ordinal: str
    closed: datetime.date


class DateData(NamedTuple):
    """The parsed date facts: congresses and plenums in date order, year → accepted labels."""

    congresses: tuple[Congress, ...]
    plenums: tuple[Plenum, ...]
    year_labels: dict[int, tuple[str, ...]]


class CongressEntry(Record):
    """一次全国代表大会。"""

    ordinal: Text
    """届次：党的X大的X，如「二十」"""
    closed: Date
    """闭幕日期，如 2022-10-22：这一天及以后的讲话可以引用"""


class PlenumEntry(Record):
    """一次中央委员会全体会议。"""

    term: Text
    """哪一届中央委员会，如「二十」"""
    session: Text
    """第几次全会，如「三中」"""
    closed: Date
    """闭幕日期，如 2024-07-18"""


class YearLabelEntry(Record):
    """一年的定位：「今年是…之年」可以写的说法。"""

    year: Count
    """年份，如 2026"""
    labels: list[Text]
    """这一年可以用的说法，第一个是 drafter 写的"""
    note: Text | None = None
    """出处：哪个会议或文件确定了这一说法"""


class AnniversaryEntry(Record):
    """一个可以算周年的事件（建党、新中国成立……）。"""

    id: Text
    """编号（英文、数字、连字符），同编号的后者替换前者"""
    names: list[Text]
    """事件的各种写法，如「建党」「中国共产党成立」"""
    year: Count
    """事件发生的年份，如 1921"""
    note: Text | None = None
    """出处：据以确定年份的史实或文件"""


def _regex(text: str) -> str:
    try:
        re.compile(text)
    except re.error as err:
        raise ValueError(f"正则表达式有误：{err}") from None
    return text


Regex = Annotated[str, Spec(parse=parse_text, check=_regex)]
"""A regular expression, refused when it does not compile."""


class FormulationEntry(Record):
    """一条有时效的提法。"""

    id: Text | None = None
    """编号（英文、数字、连字符）；同编号的条目后者替换前者（不写：以 term 为编号）"""
    term: Text
    """提法原文，如「党纪学习教育」；同一提法可以写几条，各有各的使用时段"""
    pattern: Regex | None = None
    """查找这一提法的正则表达式（不写则按 term 原文查找）"""
    aliases: list[Text] = factory(list)
    """同一提法的其他写法（简称、别称），与 term 同一使用时段"""
    valid_from: Date | None = None
    """开始使用的日期，如 2024-04-01（不写：不限）"""
    valid_until: Date | None = None
    """停止使用的日期，如 2024-07-31（不写：不限）"""
    replaced_by: Text | None = None
    """过时后应改用的提法"""
    contexts: list[Literal["review", "consolidate"]] = factory(list)
    """过时后仍可使用的语境：review（回顾过去，如「过去一年」「去年」「一年来」、成绩部分），
    consolidate（「巩固…成果」「深化…成果」「常态化长效化」）"""
    allowed: list[Regex] = factory(list)
    """其他可以使用的语境（正则表达式），落在其中的不报告"""
    severity: Literal["error", "warning", "info"] = "warning"
    """报告的级别：error、warning 或 info"""
    note: Text | None = None
    """出处：据以确定日期的会议、文件或事件"""


class FormulationFile(Record):
    """提法文件（drafter/data/formulations.yaml 或本单位用 --formulations 给出的文件）。"""

    congresses: list[CongressEntry] = factory(list)
    """全国代表大会（只在 drafter 自带的文件里使用）"""
    plenums: list[PlenumEntry] = factory(list)
    """中央全会（只在 drafter 自带的文件里使用）"""
    year_labels: list[YearLabelEntry] = factory(list)
    """各年份的定位说法（本单位文件里的说法追加到同一年）"""
    anniversaries: list[AnniversaryEntry] = factory(list)
    """可以算周年的事件"""
    fixed_names: list[Text] = factory(list)
    """不能改写的正式名称（活动全称、理论名称、会议名称、党课题目），查重复时不算"""
    formulations: list[FormulationEntry] = factory(list)
    """有时效的提法"""


def read_formulation_file(path: Path, display_name: str | None = None) -> FormulationFile:
    """Read one formulations file through drafter's YAML reader and record engine (an empty file sets
    nothing). Raises :class:`FormulationsError` listing every problem with file:line:column."""
    return read_record_file(path, FormulationFile, FormulationsError, what="提法", display_name=display_name)


@lru_cache(maxsize=1)
def shipped_data() -> FormulationFile:
    """The shipped :data:`DATA_FILE`, read once per process (callers must not change it)."""
    return read_formulation_file(DATA_FILE)


@lru_cache(maxsize=1)
def date_data() -> DateData:
    """The shipped date facts, loaded once."""
    raw = shipped_data()
    congresses = tuple(sorted((Congress(c.ordinal, c.closed) for c in raw.congresses), key=lambda c: c.closed))
    plenums = tuple(sorted((Plenum(p.term, p.session, p.closed) for p in raw.plenums), key=lambda p: p.closed))
    labels = {y.year: tuple(y.labels) for y in raw.year_labels}
    return DateData(congresses, plenums, labels)


def format_date(d: datetime.date) -> str:
    """The date as written in a speech, without leading zeros: «2026年2月15日»."""
    return f"{d.year}年{d.month}月{d.day}日"


def date_line(d: datetime.date) -> str:
    """The date line under the title, in full-width parentheses: «（2026年2月15日）»."""
    return f"（{format_date(d)}）"


def current_congress(d: datetime.date) -> Congress:
    """The latest congress closed by ``d`` (inclusive). ValueError before the first one in the data."""
    held = [c for c in date_data().congresses if c.closed <= d]
    if not held:
        raise ValueError(f"no Party congress known before {d.isoformat()}")
    return held[-1]


def plenums_held(d: datetime.date) -> list[Plenum]:
    """The plenums of the current Central Committee closed by ``d``, 一中 included, in order."""
    term = current_congress(d).ordinal
    return [p for p in date_data().plenums if p.term == term and p.closed <= d]


def spirit(d: datetime.date) -> str:
    """What «学习贯彻…» takes at date ``d``.

    The current congress plus every plenum of its Central Committee closed by ``d``, omitting 一中:
    «党的二十大和二十届二中、三中、四中全会精神»; just «党的二十大精神» before the 二中 plenum.
    """
    term = current_congress(d).ordinal
    sessions = [p.session for p in plenums_held(d) if p.session != "一中"]
    if not sessions:
        return f"党的{term}大精神"
    return f"党的{term}大和{term}届{'、'.join(sessions)}全会精神"


def year_labels(year: int) -> tuple[str, ...]:
    """Every label accepted in «今年是…» for ``year`` (first is the one drafter writes); () when none known."""
    return date_data().year_labels.get(year, ())


def year_label(year: int) -> str:
    """The «今年是…» label drafter writes for ``year``, e.g. 2026 → «“十五五”开局之年»; "" when none is known."""
    labels = year_labels(year)
    return labels[0] if labels else ""


def party_anniversary(d: datetime.date) -> int:
    """建党 N周年 reached in ``d``'s year (the Party was founded in 1921; 2021 is the 100th, 百年)."""
    return d.year - 1921


def plan_number(year: int) -> int:
    """Which five-year plan covers ``year``: the 1st ran 1953–1957, the 2nd 1958–1962, then after the
    1963–1965 adjustment the 3rd from 1966 on, five years each (the 15th runs 2026–2030)."""
    if year < 1953 or 1963 <= year <= 1965:
        raise ValueError(f"no five-year plan covers {year}")
    if year < 1966:
        return (year - 1953) // 5 + 1
    return (year - 1966) // 5 + 3


def plan_name(n: int) -> str:
    """The short name of the n-th five-year plan: 10 → «十五», 14 → «十四五», 15 → «十五五»."""
    return cn_numeral(n) + "五"


def plan_years(n: int) -> tuple[int, int]:
    """First and last year of the n-th five-year plan: 15 → (2026, 2030)."""
    first = 1953 + (n - 1) * 5 if n <= 2 else 1966 + (n - 3) * 5
    return first, first + 4
