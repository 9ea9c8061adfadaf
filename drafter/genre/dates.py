"""Date-driven text of the genre: what a speech for a given meeting date should say.

Templates call these to write the date line, the «学习贯彻…全会精神» string, the year's label and the
anniversaries; ``drafter check`` calls the same functions to verify a draft. The congress and
plenum dates and the year labels are data, in ``drafter/data/formulations.yaml``, loaded once.
"""

import datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from drafter.genre.numbering import cn_numeral
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


def load_yaml(path: Path) -> dict:
    """Read one formulations file as a mapping (empty file → {}), with libyaml when PyYAML has it.

    Raises OSError when the file cannot be read and ``yaml.YAMLError`` when it is not YAML.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same values, ten times faster
    with open(path, "rb") as f:
        data = yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    return data or {}


@lru_cache(maxsize=1)
def shipped_yaml() -> dict:
    """The shipped :data:`DATA_FILE`, read once per process and shared by :func:`date_data` and
    :func:`drafter.checks.formulations.load_formulations`. Callers must not change it.

    Kept in drafter's on-disk cache (:mod:`drafter.cache`) while the file and this module are
    unchanged: reading it back is a few hundred microseconds, parsing the YAML a few milliseconds."""
    import os

    from drafter import cache

    st = os.stat(DATA_FILE)
    key = cache.key(_CACHE_NAMESPACE, _CACHE_FORMAT, os.fspath(DATA_FILE), st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns,
                    cache.file_stamp(__file__))
    return cache.through(_CACHE_NAMESPACE, key, lambda: load_yaml(DATA_FILE), dump=_pack_cached,
                         restore=_unpack_cached)


_CACHE_NAMESPACE = "formulations"
"""The :mod:`drafter.cache` namespace of the parsed data file."""

_CACHE_FORMAT = 1
"""The layout of an entry (:func:`_pack_cached`), part of the key; bumped whenever it changes."""


def _plain(value):
    """``value`` (as YAML gives it) in marshal's types: a date becomes ("date", ISO text); YAML never
    gives tuples. TypeError for anything else (then nothing is cached)."""
    if type(value) is datetime.date:
        return ("date", value.isoformat())
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or type(value) in (str, int, float, bool):
        return value
    raise TypeError(type(value).__name__)


def _unplain(value):
    if isinstance(value, tuple):
        tag, text = value
        if tag != "date":
            raise ValueError(tag)
        return datetime.date.fromisoformat(text)
    if isinstance(value, dict):
        return {k: _unplain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unplain(v) for v in value]
    return value


def _pack_cached(data: dict) -> dict | None:
    """``data`` as plain values for :func:`drafter.cache.store`, or None if it holds something else."""
    try:
        return _plain(data)
    except TypeError:
        return None


def _unpack_cached(value: object) -> dict | None:
    """The data :func:`_pack_cached` gave, or None (no entry, or not what it should be)."""
    try:
        data = _unplain(value)
    except Exception:  # anything unexpected in a damaged entry: a miss, the file is parsed again
        return None
    return data if isinstance(data, dict) else None


@lru_cache(maxsize=1)
def date_data() -> DateData:
    """The shipped date facts, loaded once."""
    raw = shipped_yaml()
    congresses = tuple(sorted((Congress(str(c["ordinal"]), c["closed"]) for c in raw.get("congresses", ())),
                              key=lambda c: c.closed))
    plenums = tuple(sorted((Plenum(str(p["term"]), str(p["session"]), p["closed"]) for p in raw.get("plenums", ())),
                           key=lambda p: p.closed))
    labels = {int(y): tuple(str(x) for x in v) for y, v in (raw.get("year_labels") or {}).items()}
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


def prc_anniversary(d: datetime.date) -> int:
    """新中国成立 N周年 reached in ``d``'s year (founded 1 October 1949)."""
    return d.year - 1949


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


def five_year_plan(d: datetime.date) -> str:
    """The five-year plan in force at ``d``, as named in speeches without quotes: «十五五» for 2026–2030."""
    return plan_name(plan_number(d.year))
