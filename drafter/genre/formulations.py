"""The dated formulations of ``drafter/data/formulations.yaml``, layered with a writer's own files.

A formulation is current for meeting date D when ``valid_from <= D <= valid_until`` (a missing
bound is open). Entries sharing a ``term`` are one formulation current in several windows (a short
form such as «主题教育»). Files given later replace formulations and anniversaries of the same ``id``
and add new ones; their year labels and fixed names are added. Every file is read by
:func:`drafter.genre.dates.read_formulation_file` (drafter's YAML reader and record engine), so a
bad file is reported with file:line:column, never as a traceback.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

from drafter.genre.dates import DATA_FILE, AnniversaryEntry, FormulationFile, read_formulation_file, shipped_data
from drafter.errors import FormulationsError

__all__ = ["Formulation", "Formulations", "FormulationsError", "load_formulations", "load_data"]


class Formulation(NamedTuple):
    """One dated formulation: ``term`` as written, ``pattern_text`` the regular expression that finds
    it (the term and its aliases when the entry gives none), the dates it is current between, what
    replaced it, ``contexts`` (review, consolidate) and ``allowed_text`` (regular expressions) in
    which an occurrence is still right, and the ``note`` that dates it. ``literal`` is the term when
    there is no pattern of its own, so that text without it is passed over without a search."""

    id: str
    term: str
    pattern_text: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    replaced_by: str
    allowed_text: tuple[str, ...]
    severity: str
    literal: str | None = None
    contexts: tuple[str, ...] = ()
    note: str = ""
    windows: tuple[tuple[datetime.date | None, datetime.date | None], ...] = ()
    """Every (from, until) window when entries share the term; () for one window (valid_from, valid_until)."""

    @property
    def pattern(self) -> re.Pattern:
        """The compiled ``pattern_text``."""
        return re.compile(self.pattern_text)

    @property
    def allowed(self) -> tuple[re.Pattern, ...]:
        """The compiled ``allowed_text``."""
        return tuple(re.compile(a) for a in self.allowed_text)

    def may_occur_in(self, text: str) -> bool:
        """False when ``text`` certainly has no occurrence (the term is not in it); True otherwise."""
        return self.literal is None or self.literal in text

    def _windows(self):
        return self.windows or ((self.valid_from, self.valid_until),)

    def status(self, d: datetime.date) -> str:
        """"current" inside a window, "early" before every window, else "late"."""
        if any((a is None or a <= d) and (b is None or d <= b) for a, b in self._windows()):
            return "current"
        if all(a is not None and d < a for a, _ in self._windows()):
            return "early"
        return "late"

    def ended(self, d: datetime.date) -> datetime.date | None:
        """The end of the last window closed before ``d``."""
        return max((b for _, b in self._windows() if b is not None and b < d), default=None)

    def current_in_year(self, year: int) -> bool:
        """True when a window overlaps ``year`` (a review of that year may use it)."""
        return any(not ((a and a.year > year) or (b and b.year < year)) for a, b in self._windows())


class Formulations(NamedTuple):
    """Everything the checks take from the formulation files, layered."""

    formulations: tuple[Formulation, ...]
    anniversaries: tuple[AnniversaryEntry, ...]
    fixed_names: tuple[str, ...]
    year_labels: dict[int, tuple[str, ...]]


_CONSOLIDATE = r"(?:巩固|深化|拓展|扩大|运用|用好|转化|总结)[^，。；！？]{{0,20}}?(?:{0})[^，。；！？]{{0,12}}?(?:成果|成效|经验)"
_STEADY = r"(?:{0})[^，。；！？]{{0,4}}?常态化(?:长效化|制度化)"
"""The «consolidate» context as expressions around a formulation's own pattern ({0})."""


def _formulation(e) -> Formulation:
    names = [e.term, *e.aliases]
    if e.pattern:
        pattern, literal = e.pattern, None
    elif e.aliases:
        pattern, literal = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), None
    else:
        pattern, literal = re.escape(e.term), e.term
    allowed = list(e.allowed)
    if "consolidate" in e.contexts:
        allowed += [_CONSOLIDATE.format(pattern), _STEADY.format(pattern)]
    return Formulation(e.id or e.term, e.term, pattern, e.valid_from, e.valid_until, e.replaced_by or "",
                       tuple(allowed), e.severity, literal, tuple(e.contexts), e.note or "")


def _merged(group: list[Formulation]) -> Formulation:
    """Entries sharing a term as one formulation with several windows (the latest entry's wording)."""
    if len(group) == 1:
        return group[0]
    last = max(group, key=lambda f: f.valid_until or datetime.date.max)
    patterns = list(dict.fromkeys(f.pattern_text for f in group))
    froms = [f.valid_from for f in group]
    untils = [f.valid_until for f in group]
    return last._replace(
        pattern_text=patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns),
        literal=last.literal if len(patterns) == 1 else None,
        valid_from=None if None in froms else min(froms), valid_until=None if None in untils else max(untils),
        allowed_text=tuple(dict.fromkeys(a for f in group for a in f.allowed_text)),
        contexts=tuple(dict.fromkeys(c for f in group for c in f.contexts)),
        windows=tuple(sorted(((f.valid_from, f.valid_until) for f in group), key=lambda w: w[0] or datetime.date.min)),
        note="；".join(f.note for f in group if f.note))


def _read(path: Path) -> FormulationFile:
    if path == DATA_FILE:
        return shipped_data()
    return read_formulation_file(path)


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> Formulations:
    forms: dict[str, Formulation] = {}
    annivs: dict[str, AnniversaryEntry] = {}
    names: list[str] = []
    labels: dict[int, list[str]] = {}
    for p in paths:
        data = _read(p)
        for e in data.formulations:
            forms[e.id] = _formulation(e)
        for a in data.anniversaries:
            annivs[a.id] = a
        names.extend(data.fixed_names)
        for y in data.year_labels:
            labels.setdefault(y.year, []).extend(y.labels)
    by_term: dict[str, list[Formulation]] = {}
    for f in forms.values():
        by_term.setdefault(f.term, []).append(f)
    merged = tuple(_merged(g) for g in by_term.values())
    return Formulations(merged, tuple(annivs.values()), tuple(dict.fromkeys(names)),
                        {y: tuple(v) for y, v in labels.items()})


def load_data(extra: Sequence[Path | str] = ()) -> Formulations:
    """The shipped data, then each file of ``extra`` in order (same id replaces)."""
    return _load((DATA_FILE, *(Path(p) for p in extra)))


def load_formulations(extra: Sequence[Path | str] = ()) -> tuple[Formulation, ...]:
    """The shipped formulations, then each file of ``extra`` in order (same id replaces)."""
    return load_data(extra).formulations
