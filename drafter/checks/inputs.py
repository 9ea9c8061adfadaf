"""What ``drafter check`` checks: a brief (its draft is rendered in memory and checked, findings
that come from the brief point at it) or a speech file (.docx, .txt, .md) drafter did not write."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any, Iterator, Sequence

from drafter.checks import CheckContext, Finding, SourceText, run_checks
from drafter.checks.accept import Acceptance, accept_file_for, load_acceptance
from drafter.genre.formulations import load_data
from drafter.genre.meeting_types import TYPES, lookup
from drafter.output.provenance import custom_properties
from drafter.input.values import parse_date
from drafter.errors import SpeechReadError, UsageError, message

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


def check_options(path: Path, formulation_files: Sequence[Path], meeting_type: str | None,
                  accept_files: Sequence[Path]) -> tuple[str | None, Acceptance]:
    """What every check of a file starts with: the formulation files read (a bad one is reported even
    when no dated rule runs), the meeting type named on the command line checked, and the accept
    files (the unit's, then the one beside ``path``) loaded."""
    load_data(formulation_files)
    if meeting_type is not None:
        meeting_type = known_type(meeting_type)
    own = accept_file_for(path)
    return meeting_type, load_acceptance([*accept_files, *([own] if own else [])])


def check_path(path: str | Path, *, date: datetime.date | None = None, speed: int | None = None,
               formulation_files: Sequence[Path] = (), meeting_type: str | None = None,
               accept_files: Sequence[Path] = ()) -> tuple[list[Finding], CheckContext]:
    """Check the speech file at ``path`` (.docx, .txt, .md; a brief is drafted and checked by
    :func:`drafter.main.check_file`). ``date`` overrides the meeting date (a speech without a date
    line needs it for the dated rules); ``speed`` the reading speed (150–220 字/分); ``meeting_type``
    the meeting type for the length rules (default: the one drafter stored in its own .docx).
    ``accept_files`` are unit-level accept files; the accept file beside the speech (NAME.accept.yaml)
    is read as well. The findings' ``accepted`` counts what they kept quiet."""
    from drafter.speech.reader import find_meeting_date, read_speech

    p = Path(path)
    meeting_type, accepted = check_options(p, formulation_files, meeting_type, accept_files)
    blocks = read_speech(p)
    if not any(b.text.strip() for b in blocks):
        raise SpeechReadError(message("文件里没有文字，没有可检查的内容", where=p,
                                      hint="检查是不是选错了文件，或文件还没有保存"))
    if meeting_type is None and p.suffix.lower() == ".docx":
        meeting_type = stored_type(p)
    ctx = CheckContext(meeting_date=date or find_meeting_date(blocks) or _opening_date(blocks),
                       reading_speed=180 if speed is None else speed,
                       meeting_type=meeting_type, file=str(p), formulation_files=tuple(formulation_files),
                       accepted=accepted)
    return run_checks(blocks, ctx), ctx


def check_draft(draft, *, date: datetime.date | None = None, speed: int | None = None,
                formulation_files: Sequence[Path] = (), meeting_type: str | None = None,
                accepted: Acceptance = Acceptance()) -> tuple[list[Finding], CheckContext]:
    """Check a :class:`drafter.main.Draft`: its blocks, with the brief's strings as sources, so that
    findings on text the writer typed point at the brief."""
    plan = draft.plan
    ctx = CheckContext(meeting_date=date or plan.date, meeting_type=meeting_type or plan.type.id,
                       closes_meeting=plan.adjourn, target_minutes=plan.target_minutes,
                       reading_speed=plan.reading_speed if speed is None else speed, period=plan.period,
                       file=_markup_name(draft),
                       formulation_files=tuple(formulation_files), accepted=accepted)
    return run_checks(draft.blocks, ctx, sources=brief_sources(draft.doc)), ctx


_OPENING_DATE = re.compile(r"[（(](\d{4})年(\d{1,2})月(\d{1,2})日[）)]")


def _opening_date(blocks) -> datetime.date | None:
    """The date «（2025年3月5日）» near the start of a speech pasted as one line (no date line of its own)."""
    m = _OPENING_DATE.search(blocks[0].text[:80]) if blocks else None
    try:
        return datetime.date(*(int(g) for g in m.groups())) if m else None
    except ValueError:
        return None


def known_type(name: str) -> str:
    """The meeting-type id of ``name`` (an id, a Chinese name or an alias); UsageError otherwise."""
    found = lookup(name)
    if found is not None:
        return found.id
    raise UsageError(f"不认识的会议类型「{name}」\n    提示：可用 {'、'.join(TYPES)}（drafter types 列出全部）")


def stored_type(path: Path) -> str | None:
    """The meeting type drafter stored in its own .docx (custom property ``meeting_type``), if any.
    ``path`` has been read as a speech already, so its package is within drafter's limits."""
    try:
        stored = custom_properties(path.read_bytes()).get("meeting_type")
    except OSError:
        return None
    return stored if stored in TYPES else None


def _markup_name(draft) -> str:
    return f"{draft.brief_path}（生成稿）"


def parse_date_option(text: str | None) -> datetime.date | None:
    """The ``--date`` option, in any form a brief's date may take (:func:`drafter.input.values.parse_date`);
    UsageError when it is not a date."""
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise UsageError(f"--date 的值「{text}」不是日期\n    提示：写作 2026-02-15") from None
