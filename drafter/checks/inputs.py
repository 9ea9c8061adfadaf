"""What ``drafter check`` checks: a brief (its draft is rendered in memory and checked, findings
that come from the brief point at it) or a speech file (.docx, .txt, .md) drafter did not write."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any, Iterator, Sequence

from drafter.checks import CheckContext, Finding, SourceText, run_checks
from drafter.errors import UsageError
from drafter.speech.reader import find_meeting_date, read_speech

BRIEF_SUFFIXES = (".yaml", ".yml")


def brief_sources(doc) -> list[SourceText]:
    """Every string value of a loaded brief (drafter.input.yamlfile.YamlDocument) with where it starts."""
    out: list[SourceText] = []

    def walk(value: Any, path: tuple) -> Iterator[None]:
        if isinstance(value, str):
            line, col = doc.positions.get(path, (0, 0))
            if line:
                out.append(SourceText(doc.file, line, col + (1 if path in doc.quoted else 0), value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, (list, tuple)):
            for k, v in enumerate(value):
                walk(v, path + (k,))

    walk(doc.data, ())
    # longer strings first: a finding relocates to the most specific value containing it
    out.sort(key=lambda s: len(s.text))
    return out


def check_path(path: str | Path, *, date: datetime.date | None = None, speed: int | None = None,
               formulation_files: Sequence[Path] = ()) -> tuple[list[Finding], CheckContext]:
    """Check the speech file at ``path`` (.docx, .txt, .md; a brief is drafted and checked by
    :func:`drafter.main.check_file`). ``date`` overrides the meeting date (a speech without a date
    line needs it for the dated rules); ``speed`` the reading speed (150–220 字/分)."""
    p = Path(path)
    blocks = read_speech(p)
    ctx = CheckContext(meeting_date=date or find_meeting_date(blocks), reading_speed=180 if speed is None else speed,
                       file=str(p), formulation_files=tuple(formulation_files))
    return run_checks(blocks, ctx), ctx


def check_draft(draft, *, date: datetime.date | None = None, speed: int | None = None,
                formulation_files: Sequence[Path] = ()) -> tuple[list[Finding], CheckContext]:
    """Check a :class:`drafter.main.Draft`: its blocks, with the brief's strings as sources, so that
    findings on text the writer typed point at the brief."""
    plan = draft.plan
    ctx = CheckContext(meeting_date=date or plan.date, meeting_type=plan.type.id,
                       closes_meeting=plan.adjourn, target_minutes=plan.target_minutes,
                       reading_speed=plan.reading_speed if speed is None else speed, period=plan.period,
                       file=_markup_name(draft),
                       formulation_files=tuple(formulation_files))
    return run_checks(draft.blocks, ctx, sources=brief_sources(draft.doc)), ctx


def _markup_name(draft) -> str:
    return f"{draft.brief_path}（生成稿）"


def parse_date_option(text: str | None) -> datetime.date | None:
    """The ``--date YYYY-MM-DD`` option; UsageError when malformed."""
    if not text:
        return None
    import re
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text.strip())
    try:
        if not m:
            raise ValueError(text)
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise UsageError(f"--date 的值「{text}」不是日期\n    提示：写作 2026-02-15") from None
