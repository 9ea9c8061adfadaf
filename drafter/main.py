"""drafter as a library: a brief in, a draft out. The CLI calls these functions and nothing else.

:func:`make_draft` runs the whole path in memory (brief file → typed brief → plan → markup → blocks);
:func:`render_brief` then lays the blocks out as .docx, Markdown or text, and writes the file once,
at the end, atomically. Nothing is written when anything before that fails.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from drafter import __version__
from drafter.checks import format_findings
from drafter.checks.inputs import BRIEF_SUFFIXES, check_draft, check_options, check_path
from drafter.compose.phrasebank import PhraseBank
from drafter.compose.occasions import extend
from drafter.compose.plan import Plan, build_plan
from drafter.compose.templates import render_markup
from drafter.errors import PlaceholdersLeft, UsageError, message
from drafter.input.brief import Brief, load_brief
from drafter.input.yamlfile import YamlDocument
from drafter.output.docx_reference import read_reference
from drafter.output.docx_review import review_marks
from drafter.output.files import aside_path, backup_path, check_writable, write_atomic
from drafter.output.layout import load_profile, reading_copy
from drafter.output.pdf import convert_to_pdf
from drafter.output.provenance import is_untouched, overwrite_notice, stamp
from drafter.output.wordfile import DocProperties, build_docx
from drafter.speech.blocks import Block
from drafter.speech.markup import parse, to_markup, to_text

FORMATS = ("docx", "pdf", "md", "txt")
"""Output formats: ``docx`` (the laid-out draft), ``pdf`` (the same through LibreOffice),
``md`` (drafter markup), ``txt`` (plain text)."""


@dataclass(frozen=True)
class LayoutOptions:
    """How the .docx (and PDF) is laid out: ``profile`` a built-in profile name or a profile file
    (default: the brief's ``options.profile``, else gbt9704); ``reading`` the large-print reading
    copy; ``reference_doc`` a unit's own Word file whose page setup and named styles are used."""

    profile: str | None = None
    reading: bool = False
    reference_doc: str | os.PathLike | None = None


@dataclass
class Draft:
    """A speech drafted in memory from one brief.

    ``markup`` is the template's output; ``blocks`` its parsed paragraphs; ``phrases`` the ids of
    the phrase-bank entries used, in order; ``brief_hash`` the SHA-256 of the brief file's bytes.
    """

    brief_path: Path
    brief: Brief
    doc: YamlDocument
    plan: Plan
    markup: str
    blocks: list[Block]
    phrases: list[str] = field(default_factory=list)
    brief_hash: str = ""


def _bank_dirs(brief: Brief, brief_path: Path, extra: Sequence[os.PathLike | str]) -> list[Path]:
    base = brief_path.parent
    return [base / d for d in brief.options.bank] + [Path(d) for d in extra]


def make_draft(brief_path: str | os.PathLike, *, variant: int | None = None,
               bank_dirs: Sequence[os.PathLike | str] = (), template_dir: os.PathLike | str | None = None,
               text: str | None = None) -> Draft:
    """Draft the speech described by ``brief_path`` in memory.

    ``text``, when given, is the brief's text to use instead of the file's (the web page's unsaved
    form); the path still names it in messages and anchors the brief's relative folders.

    ``variant`` overrides the brief's ``options.variant`` (another wording of the framing sentences);
    ``bank_dirs`` are phrase-bank layers added after the brief's own; ``template_dir`` is searched
    before the built-in templates. Raises a DrafterError subclass on any problem.
    """

    path = Path(brief_path)
    brief, doc = load_brief(path, text=text)
    plan = extend(build_plan(brief, doc), brief, doc)  # the newer meeting types add their own material
    bank = PhraseBank.load(_bank_dirs(brief, path, bank_dirs))
    chooser = bank.chooser(meeting_type=plan.type.id, date=brief.meeting.date,
                           variant=variant if variant is not None else plan.variant, context=plan.context,
                           facts=plan.facts, framing=plan.framing)
    markup = render_markup(plan, chooser, template_dir=template_dir)
    template_name = f"{plan.type.id}.md.j2"
    blocks = parse(markup, file=f"{template_name}（生成的讲话稿标记）")
    return Draft(path, brief, doc, plan, markup, blocks, list(chooser.used), doc.digest)


def check_file(path: str | os.PathLike, *, date=None, speed: int | None = None,
               formulation_files: Sequence[os.PathLike | str] = (), meeting_type: str | None = None,
               accept_files: Sequence[os.PathLike | str] = ()) -> tuple[list, object]:
    """``drafter check``: the findings (and the check context) for a brief — drafted in memory, its
    findings pointing at the brief's lines — or for any speech file (.docx, .txt, .md). The options
    are those of :func:`drafter.checks.inputs.check_path`."""
    p = Path(path)
    if p.suffix.lower() not in BRIEF_SUFFIXES:
        return check_path(p, date=date, speed=speed, formulation_files=formulation_files,
                          meeting_type=meeting_type, accept_files=accept_files)
    meeting_type, accepted = check_options(p, formulation_files, meeting_type, accept_files)
    return check_draft(make_draft(p), date=date, speed=speed, formulation_files=formulation_files,
                       meeting_type=meeting_type, accepted=accepted)


def default_output(brief_path: Path, fmt: str) -> Path:
    """Where the draft goes when no ``-o`` is given: beside the brief, same name, the format's suffix."""
    return brief_path.with_suffix("." + fmt)


def format_draft(draft: Draft, fmt: str, *, layout: LayoutOptions = LayoutOptions(),
                 findings: list | None = None) -> bytes:
    """The draft as the bytes of a file of format ``fmt`` (see :data:`FORMATS`).

    With ``findings`` (docx only) the result is the review copy: each finding a Word comment on its
    paragraph, placeholders highlighted.
    """
    if fmt == "md":
        return to_markup(draft.blocks).encode("utf-8")
    if fmt == "txt":
        return to_text(draft.blocks).encode("utf-8")
    if fmt == "pdf":
        return _pdf_bytes(format_draft(draft, "docx", layout=layout, findings=findings), notes=findings is not None)
    if fmt == "docx":

        brief = draft.brief
        props = DocProperties(
            title="".join(draft.plan.title_lines),
            author=brief.speaker.unit or brief.speaker.role,
            created=brief.meeting.date,
            drafter_version=__version__,
            brief_hash=draft.brief_hash,
            meeting_type=draft.plan.type.id,
        )
        profile = profile_for(draft, layout)
        comments, highlights = review_marks(draft.blocks, findings) if findings is not None else ([], {})
        return build_docx(draft.blocks, profile=profile, properties=props, comments=comments,
                          highlights=highlights, reference_doc=layout.reference_doc)
    raise UsageError(message(f"不支持的输出格式「{fmt}」。可选：{'、'.join(FORMATS)}"))


def profile_for(draft: Draft, layout: LayoutOptions = LayoutOptions()):
    """The layout profile a draft is written with: ``layout.profile``, else the brief's ``options.profile``
    (a file beside the brief), else gbt9704; its reading copy with ``layout.reading``."""
    chosen = layout.profile or draft.brief.options.profile
    if chosen and not layout.profile and (draft.brief_path.parent / chosen).is_file():
        chosen = str(draft.brief_path.parent / chosen)  # a profile file named in the brief, beside it
    profile = load_profile(chosen)
    return reading_copy(profile) if layout.reading else profile


def _pdf_bytes(docx: bytes, notes: bool = False) -> bytes:
    """A .docx converted to PDF through LibreOffice, in a private temporary folder."""


    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        src, dst = Path(tmp) / "draft.docx", Path(tmp) / "draft.pdf"
        src.write_bytes(docx)
        convert_to_pdf(src, dst, notes=notes)
        return dst.read_bytes()


@dataclass
class RenderOutcome:
    """What :func:`render_brief` did: the file written (None when printed), its backup, the draft,
    and what the checks found in it (see :mod:`drafter.checks`)."""

    draft: Draft
    path: Path | None
    backup: Path | None
    data: bytes
    findings: list = field(default_factory=list)
    notice: str | None = None
    """Set when --force replaced a file the writer had edited (see :mod:`drafter.output.provenance`)."""


def output_format(fmt: str | None, output: str | os.PathLike | None) -> str:
    """The format to write: ``fmt`` when given, else the output file's suffix (``讲话.md`` → md), else docx.

    A format given that contradicts the output's suffix (``-f docx -o 讲话.md``) is a UsageError, so
    that a .md file never receives .docx bytes."""
    suffix = Path(output).suffix.lower().lstrip(".") if output is not None and str(output) != "-" else ""
    if fmt is None:
        return suffix if suffix in FORMATS else "docx"
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(message(f"不支持的输出格式「{fmt}」。可选：{'、'.join(FORMATS)}"))
    if suffix in FORMATS and suffix != fmt:
        raise UsageError(message(f"输出文件的扩展名是 .{suffix}，格式却是 {fmt}", where=output, hint=f"去掉 --format（按扩展名生成 .{suffix}），或把文件名改为 .{fmt}"))
    return fmt


def render_brief(brief_path: str | os.PathLike, *, output: str | os.PathLike | None = None, fmt: str | None = None,
                 force: bool = False, variant: int | None = None, bank_dirs: Sequence[os.PathLike | str] = (),
                 template_dir: os.PathLike | str | None = None, layout: LayoutOptions = LayoutOptions(),
                 final: bool = False, review: bool = False) -> RenderOutcome:
    """Draft a brief, check it and write it. ``output`` ``"-"`` means "return the bytes, write nothing".

    ``fmt`` None means: from the output's suffix, else docx (see :func:`output_format`). ``final``
    refuses (PlaceholdersLeft, nothing written) while placeholders remain; ``review`` writes the review
    copy (findings as Word comments, placeholders highlighted; default name NAME.review.docx).

    The output path is checked before drafting (a refusal costs nothing) and written once at the
    end, atomically; with ``force`` every earlier version the writer may have edited is kept
    (see :func:`drafter.output.files.write_atomic`).
    """
    fmt = output_format(fmt, output)
    brief_path = Path(brief_path)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and fmt in ("docx", "pdf"):
        raise UsageError(message(f".{fmt} 不能输出到屏幕（-o -）", hint="加 --format md 或 --format txt，或用 -o 写出文件名"))
    if review and fmt not in ("docx", "pdf"):
        raise UsageError(message("审阅稿（--review）只能是 .docx", hint="去掉 --format，或去掉 --review"))
    default = default_output(brief_path, fmt)
    if review:
        default = default.with_name(f"{brief_path.stem}.review.{fmt}")
    target = None if to_stdout else (Path(output) if output is not None else default)
    if target is not None and target.is_dir():
        target = target / default.name
    if target is not None and brief_path.exists() and target.resolve() == brief_path.resolve():
        raise UsageError(message("输出文件不能是简报本身", where=target))
    if target is not None:
        check_writable(target, force=force)
    draft = make_draft(brief_path, variant=variant, bank_dirs=bank_dirs, template_dir=template_dir)
    findings, _ = check_draft(draft)
    placeholders = [f for f in findings if f.rule == "placeholder"]
    if final and placeholders:
        raise PlaceholdersLeft(format_findings(placeholders).rstrip("\n"), len(placeholders))
    data = format_draft(draft, fmt, layout=layout, findings=findings if review else None)
    notes = []
    if layout.reference_doc is not None and fmt in ("docx", "pdf"):
        notes.append(read_reference(layout.reference_doc, profile_for(draft, layout)).report())
    if target is None:
        return RenderOutcome(draft, None, None, data, findings, "\n".join(n for n in notes if n) or None)
    disposable = None
    if fmt == "docx":
        if review:  # the review copy's comments rewrote document.xml after the writer hashed it
            data = stamp(data)
        disposable = is_untouched
        if force:
            notes.append(overwrite_notice(target, backup_path(target).name))
    old = backup_path(target)
    if force and target.exists() and old.exists() and not (disposable and disposable(old)):
        notes.append(f"{target}: 注意：上一次保留的 {old.name} 里可能有您修改过的内容，已改名为 {aside_path(target).name}")
    backup = write_atomic(target, data, force=force, disposable=disposable)
    notice = "\n".join(n for n in notes if n) or None
    return RenderOutcome(draft, target, backup, data, findings, notice)
