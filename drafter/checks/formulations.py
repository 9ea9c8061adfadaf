"""The dated formulations of ``drafter/data/formulations.yaml``, layered with a writer's own files.

A formulation is current for meeting date D when ``valid_from <= D <= valid_until`` (a missing
bound is open). Files given later replace entries of the same ``id`` and add new ones.
"""

import datetime
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

import yaml

from drafter.genre.dates import DATA_FILE, load_yaml, shipped_yaml
from drafter.errors import DrafterError

_SEVERITIES = ("error", "warning", "info")


class FormulationsError(DrafterError):
    """A formulations file cannot be read or has a malformed entry."""


class Formulation(NamedTuple):
    """One dated formulation: ``term`` as written, ``pattern`` the regular expression that finds it
    (defaults to the escaped term), the dates it is current between, what replaced it, ``allowed``
    contexts (regular expressions) in which an occurrence is the current usage and is not reported.

    The expressions are kept as text (``pattern_text``, ``allowed_text``) and compiled when first
    used: most formulations never occur in a given speech. ``literal`` is the term when there is no
    pattern of its own, so that text without it can be passed over without a regular expression."""

    id: str
    term: str
    pattern_text: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    replaced_by: str
    allowed_text: tuple[str, ...]
    severity: str
    literal: str | None = None

    @property
    def pattern(self) -> re.Pattern:
        """The compiled ``pattern_text``."""
        return _compiled(self.pattern_text)

    @property
    def allowed(self) -> tuple[re.Pattern, ...]:
        """The compiled ``allowed_text``."""
        return tuple(_compiled(a) for a in self.allowed_text)

    def may_occur_in(self, text: str) -> bool:
        """False when ``text`` certainly has no occurrence (the term is not in it); True otherwise."""
        return self.literal is None or self.literal in text

    def status(self, d: datetime.date) -> str:
        """"early" before valid_from, "late" after valid_until, else "current"."""
        if self.valid_from and d < self.valid_from:
            return "early"
        if self.valid_until and d > self.valid_until:
            return "late"
        return "current"


_PATTERNS: dict[str, re.Pattern] = {}
"""Compiled formulation expressions, by their text."""


def _compiled(text: str) -> re.Pattern:
    rx = _PATTERNS.get(text)
    if rx is None:
        rx = _PATTERNS[text] = re.compile(text)
    return rx


def _date(value, file: str, fid: str, key: str) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise FormulationsError(f"{file}：提法 {fid} 的 {key} 不是日期：{value!r}\n    提示：写作 2024-07-18") from None


def _entries(path: Path) -> list[Formulation]:
    file = str(path)
    try:
        raw = shipped_yaml() if path == DATA_FILE else load_yaml(path)
    except OSError as e:
        raise FormulationsError(f"{file}：无法读取提法文件（{e.strerror}）") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{file}:{mark.line + 1}:{mark.column + 1}" if mark else file
        raise FormulationsError(f"{where}: 错误：提法文件不是合法的 YAML\n    提示：检查缩进和冒号") from None
    out = []
    for n, e in enumerate(raw.get("formulations") or [], start=1):
        if not isinstance(e, dict) or "term" not in e:
            raise FormulationsError(f"{file}：第 {n} 条提法缺少 term\n    提示：每条至少写 id 和 term")
        fid = str(e.get("id") or e["term"])
        sev = str(e.get("severity", "warning"))
        if sev not in _SEVERITIES:
            raise FormulationsError(f"{file}：提法 {fid} 的 severity 应为 error、warning 或 info，而不是 {sev!r}")
        term = str(e["term"])
        pattern = str(e.get("pattern") or re.escape(term))
        allowed = tuple(str(a) for a in e.get("allowed") or ())
        if path != DATA_FILE:  # a writer's file is checked now; the shipped one by the test-suite
            try:
                for rx in (pattern, *allowed):
                    _compiled(rx)
            except re.error as err:
                raise FormulationsError(f"{file}：提法 {fid} 的正则表达式有误：{err}") from None
        out.append(Formulation(fid, term, pattern, _date(e.get("valid_from"), file, fid, "valid_from"),
                               _date(e.get("valid_until"), file, fid, "valid_until"),
                               str(e.get("replaced_by") or ""), allowed, sev,
                               None if e.get("pattern") else term))
    return out


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> tuple[Formulation, ...]:
    merged: dict[str, Formulation] = {}
    for p in paths:
        for f in _entries(p):
            merged[f.id] = f
    return tuple(merged.values())


def load_formulations(extra: Sequence[Path | str] = ()) -> tuple[Formulation, ...]:
    """The shipped formulations, then each file of ``extra`` in order (same id replaces)."""
    return _load((DATA_FILE, *(Path(p) for p in extra)))
