"""Importing last year's speech as a brief (``drafter import``).

:func:`import_speech` reads a speech (.docx, .txt, .md; .doc and .wps through LibreOffice),
recognises its parts (:mod:`drafter.importer.structure`), decides the meeting type
(:mod:`drafter.importer.meetingtype`) and writes a brief commented in Chinese
(:mod:`drafter.importer.briefwriter`). Rendering that brief at the original date gives back the
original speech; with a new date every date-bound piece is marked 【核实】
(:mod:`drafter.importer.datebound`).
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import NotASpeechError, UsageError
from drafter.genre import meeting_types
from drafter.genre.dates import date_data
from drafter.importer.briefwriter import Marker, write_brief
from drafter.importer.meetingtype import meeting_name_in_text, recognise_type
from drafter.importer.structure import recognise
from drafter.speech.reader import read_speech

__all__ = ["ImportedBrief", "Marker", "import_speech"]


@dataclass
class ImportedBrief:
    """A speech read back into a brief.

    ``yaml_text`` is the commented brief; ``meeting_type`` its type id and ``type_reason`` why (in
    Chinese); ``markers`` the date-bound pieces marked 【核实】 (empty without a new date);
    ``notes`` what the importer had to arrange (in Chinese), also written as comments in the brief.
    """

    yaml_text: str
    meeting_type: str
    type_reason: str
    markers: list[Marker] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_ROLE_BY_PLACE = (("全区", "区委书记"), ("全县", "县委书记"), ("全市", "市委书记"), ("全旗", "旗委书记"),
                  ("全镇", "镇党委书记"), ("全乡", "乡党委书记"))


def _guess_role(body: str) -> tuple[str, str]:
    counts = [(body.count(place), place, role) for place, role in _ROLE_BY_PLACE]
    n, place, role = max(counts)
    if n == 0:
        return "区委书记", "原稿没有写明讲话人，暂按区委书记，请改成实际职务"
    return role, f"原稿没有写明讲话人，按正文中的「{place}」推断，请核对"


def _guess_date(body: str) -> tuple[datetime.date, str]:
    """A meeting date for a speech without a date line: the year after the latest year it reviews or
    plenum it cites (speeches reviewing a year are given early in the next)."""
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", body)]
    cited = []
    for p in date_data().plenums:
        if re.search(rf"{p.term}届[^。]{{0,20}}{p.session}", body):
            cited.append(p.closed.year + (1 if p.closed.month >= 10 else 0))
    for c in date_data().congresses:
        if re.search(rf"(?:迎来|迎接|即将召开的?|喜迎)党的{c.ordinal}大", body):
            cited.append(c.closed.year)  # a speech looking forward to the congress: its year
        elif re.search(rf"党的{c.ordinal}大", body):
            cited.append(c.closed.year + (1 if c.closed.month >= 10 else 0))
    year = max([y + 1 for y in years] + cited, default=None)
    if year is None:
        today = datetime.date.today()
        return today, "原稿没有日期行，暂填今天，请改成实际会议日期"
    return datetime.date(year, 1, 15), "原稿没有日期行，按正文提到的年份和全会推断，请改成实际会议日期"


def import_speech(path: str | os.PathLike, *, date: datetime.date | None = None,
                  type_id: str | None = None) -> ImportedBrief:
    """Read the speech at ``path`` into a brief.

    ``date`` is the new meeting's date: the brief gets it, and every date-bound piece of text is
    marked 【核实】. ``type_id`` (an id or Chinese name) overrides the recognised meeting type.
    Raises a DrafterError subclass with a Chinese message when the file cannot be read or holds no
    speech; nothing is returned half-done.
    """
    path = Path(path)
    forced = None
    if type_id is not None:
        forced = meeting_types.lookup(type_id)
        if forced is None:
            choices = "；".join(f"{t.id}（{t.name}）" for t in meeting_types.TYPES.values())
            raise UsageError(f"错误：没有「{type_id}」这种会议类型\n    提示：--type 可选：{choices}")
    blocks = read_speech(path)
    sp = recognise(blocks)
    body = "\n".join(b.text for b in blocks)
    if not sp.opinions:
        what = "文件是空的" if not body.strip() else "没有找到带序号的各点意见（如「一、……」「（一）……」）"
        raise NotASpeechError(f"{path}: 错误：这不像一篇讲话稿，{what}，没有生成简报\n"
                              "    提示：drafter import 读取的是完整的讲话稿（.docx、.txt、.md）；"
                              "要从头写，用 drafter new 生成起始简报")
    if not sp.meeting_name:
        sp.meeting_name = meeting_name_in_text(body)
    tid, reason = recognise_type(sp.title_text, sp.meeting_name, body)
    if forced is not None:
        tid = forced.id
    if sp.date is not None:
        meeting_date, date_note = sp.date, "原稿日期行"
    else:
        meeting_date, date_note = _guess_date(body)
    if date is not None:
        date_note = f"新的会议日期；原稿为 {meeting_date.isoformat()}"
    role, role_note = (sp.role, "原稿标题") if sp.role else _guess_role(body)
    text, markers = write_brief(sp, type_id=tid, type_reason=reason, type_forced=forced is not None,
                                source=path.name, meeting_date=meeting_date, date_note=date_note, new_date=date,
                                role=role, role_note=role_note)
    return ImportedBrief(text, tid, reason, markers, list(sp.notes))
