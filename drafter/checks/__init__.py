"""``drafter check``: the rules that catch what makes a draft wrong or dated.

Each rule family lives in its own module and yields :class:`Hit` values on the blocks of a
speech; :func:`run_checks` turns them into :class:`Finding` values with a place (file, line,
column), relocating a finding to the brief when the offending text is one of the brief's own
strings, so that the writer fixes the brief rather than the output.

Rule ids are stable (tests and users' scripts rely on them): see :data:`RULES`.
"""

import bisect
import json
from datetime import date
from pathlib import Path
from typing import NamedTuple, Sequence

from drafter.speech.blocks import Block
from drafter.checks import (closing, confusables, counts, dated, headings, length, numbering, pages, placeholders,
                            repetition, sections, stock)
from drafter.checks._base import RULES, Hit
from drafter.checks.accept import Acceptance, accepts
from drafter.checks.placeholders import placeholder_spans
from drafter.errors import UsageError
from drafter.input.records import Record

SEVERITIES = ("error", "warning", "info")


class Finding(NamedTuple):
    """One thing a check found. ``line``/``column`` are 1-based (0: unknown); ``block`` is the index
    of the block it concerns in the checked speech (None when it concerns the whole speech)."""

    rule: str
    severity: str  # "error" | "warning" | "info"
    message: str
    suggestion: str
    file: str
    line: int
    column: int
    block: int | None
    offset: int = 0
    """Where the offending text starts in the block's text (0 with ``length`` 0: the whole block)."""
    length: int = 0
    """How many characters of the block's text it is (the review copy comments exactly those)."""


class SourceText(NamedTuple):
    """A string value of the brief and where it starts (``file:line:column``, 1-based)."""

    file: str
    line: int
    column: int
    text: str


class CheckContext(Record):
    """What the checks need to know besides the text (built with keyword arguments).

    ``meeting_date`` drives every dated rule (None: those rules are skipped). ``meeting_type`` is a
    meeting-type id of drafter.genre.meeting_types (review, annual, quarterly …) or one of its Chinese
    names. ``closes_meeting``: True when the speaker also closes the meeting (None: unknown, «散会»
    not checked). ``target_minutes``: the slot the speech must fit. ``reading_speed``: characters a
    minute, 150–220. ``period``: the period the speech reviews («2025年», «第一季度», «上半年»).
    ``file``: the name findings on the speech carry. ``formulation_files``: extra formulation
    files layered over the shipped one (same id replaces). ``accepted``: findings and terms the
    writer accepted (drafter.checks.accept), not reported.
    """

    meeting_date: date | None = None
    meeting_type: str | None = None
    closes_meeting: bool | None = None
    target_minutes: float | None = None
    reading_speed: int = 180
    period: str | None = None
    file: str = ""
    formulation_files: tuple[Path, ...] = ()
    accepted: Acceptance = Acceptance()


_RULE_MODULES = (placeholders, dated, numbering, counts, headings, length, repetition, closing, stock, sections,
                 confusables, pages)


def run_checks(blocks: Sequence[Block], ctx: CheckContext, *,
               sources: Sequence[SourceText] = ()) -> list[Finding]:
    """Run every rule on ``blocks`` and return the findings in reading order.

    A finding on a block points at the block's line (Block.line) and the column of the offending
    text; when that text occurs verbatim in one of ``sources`` it points at the brief value instead.
    Raises UsageError when ``ctx.reading_speed`` is outside 150–220.
    """
    if not 150 <= ctx.reading_speed <= 220:
        raise UsageError(f"朗读速度 {ctx.reading_speed} 字/分不在 150–220 之间\n    提示：常用 180 字/分")
    hits: list[Hit] = []
    for module in _RULE_MODULES:
        hits.extend(module.check(blocks, ctx))
    index = _SourceIndex(sources)
    kept = [h for h in hits if not accepts(ctx.accepted, h)]
    findings = Findings(_locate(h, blocks, ctx, index) for h in kept)
    findings.accepted = len(hits) - len(kept)
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (f.block if f.block is not None else -1, f.file, f.line, f.column,
                                 order.get(f.severity, 3)))
    return findings


class Findings(list):
    """The findings of :func:`run_checks` (a list), with ``accepted``: how many the writer's accept
    files kept quiet."""

    accepted: int = 0


class _SourceIndex:
    """The brief's strings joined into one text, so that finding which string holds a snippet is one
    ``str.find`` instead of one per string (a long draft with many findings made hundreds of
    thousands of them). The separator cannot occur in a snippet from a block, so no match spans two
    strings, and the first match is in the first string that holds the snippet, as a loop would find."""

    SEPARATOR = "\x00"

    def __init__(self, sources: Sequence[SourceText]) -> None:
        self.sources = list(sources)
        self.starts: list[int] = []
        pos = 0
        for src in self.sources:
            self.starts.append(pos)
            pos += len(src.text) + 1
        self.joined = self.SEPARATOR.join(src.text for src in self.sources)

    def find(self, snippet: str) -> tuple[SourceText, int] | None:
        """The first source whose text holds ``snippet``, and the offset of the snippet in it."""
        if self.SEPARATOR in snippet:
            return next(((src, i) for src in self.sources if (i := src.text.find(snippet)) >= 0), None)
        j = self.joined.find(snippet)
        if j < 0:
            return None
        n = bisect.bisect_right(self.starts, j) - 1
        return self.sources[n], j - self.starts[n]


def _locate(hit: Hit, blocks: Sequence[Block], ctx: CheckContext, index: _SourceIndex) -> Finding:
    if hit.block is None:
        return Finding(hit.rule, hit.severity, hit.message, hit.suggestion, ctx.file, 0, 0, None)
    for snippet, delta in hit.anchors():
        found = index.find(snippet)
        if found is None:
            continue
        src, i = found
        k = i + delta
        before = src.text[:k]
        nl = before.count("\n")
        if nl:
            line, col = src.line + nl, k - before.rfind("\n")
        else:
            line, col = src.line, src.column + k
        return Finding(hit.rule, hit.severity, hit.message, hit.suggestion, src.file, line, col, hit.block,
                       hit.offset, hit.length)
    b = blocks[hit.block]
    return Finding(hit.rule, hit.severity, hit.message, hit.suggestion, ctx.file, b.line,
                   (hit.offset + 1) if b.line else 0, hit.block, hit.offset, hit.length)


def format_findings(findings: Sequence[Finding], fmt: str = "text") -> str:
    """The findings as compiler-style lines, ``FILE:LINE:COL: warning[rule-id]: message (suggestion)``,
    with a summary line; or, with ``fmt="json"``, a JSON array of finding objects."""
    if fmt == "json":
        return json.dumps([f._asdict() for f in findings], ensure_ascii=False, indent=2)
    if fmt != "text":
        raise UsageError(f"不认识的输出格式 {fmt!r}\n    提示：可用 text 或 json")
    lines = []
    for f in findings:
        where = f.file or "<speech>"
        if f.line:
            where += f":{f.line}:{f.column or 1}"
        text = f"{where}: {f.severity}[{f.rule}]: {f.message}"
        if f.suggestion:
            text += f" ({f.suggestion})"
        lines.append(text)
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    if findings:
        lines.append(f"共 {counts['error']} 个错误、{counts['warning']} 个警告、{counts['info']} 条提示。")
    else:
        lines.append("未发现问题。")
    accepted = getattr(findings, "accepted", 0)
    if accepted:
        lines.append(f"另有 {accepted} 条已接受（列在接受文件里），不再报告。")
    return "\n".join(lines)


def exit_code(findings: Sequence[Finding], strict: bool = False) -> int:
    """0 when clean; 1 on any error, or with ``strict`` on any warning."""
    bad = {"error", "warning"} if strict else {"error"}
    return 1 if any(f.severity in bad for f in findings) else 0


__all__ = ["Finding", "Findings", "SourceText", "CheckContext", "run_checks", "format_findings", "exit_code", "RULES",
           "placeholder_spans"]
