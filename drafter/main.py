"""drafter as a library: a brief in, a draft out. The CLI calls these functions and nothing else.

:func:`make_draft` runs the whole path in memory (brief file → typed brief → plan → markup → blocks);
:func:`render_brief` then lays the blocks out as .docx, Markdown or text, and writes the file once,
at the end, atomically. Nothing is written when anything before that fails.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from drafter import __version__
from drafter.speech.blocks import Block
from drafter.input.brief import Brief, load_brief
from drafter.errors import DrafterError, UsageError
from drafter.speech.markup import parse, to_markup, to_text
from drafter.compose.plan import Plan, build_plan
from drafter.input.yamlfile import YamlDocument

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
    from drafter.compose.phrasebank import PhraseBank
    from drafter.compose.templates import render_markup

    path = Path(brief_path)
    brief, doc = load_brief(path) if text is None else _brief_from_text(text, path)
    plan = build_plan(brief, doc)
    bank = PhraseBank.load(_bank_dirs(brief, path, bank_dirs))
    chooser = bank.chooser(meeting_type=plan.type.id, date=brief.meeting.date,
                           variant=variant if variant is not None else plan.variant, context=plan.context)
    markup = render_markup(plan, chooser, template_dir=template_dir)
    template_name = f"{plan.type.id}.md.j2"
    blocks = parse(markup, file=f"{template_name}（生成的讲话稿标记）")
    digest = hashlib.sha256(path.read_bytes() if text is None else text.encode("utf-8")).hexdigest()
    return Draft(path, brief, doc, plan, markup, blocks, list(chooser.used), digest)


def _brief_from_text(text: str, path: Path) -> tuple[Brief, YamlDocument]:
    from drafter.errors import BriefError
    from drafter.input.brief import validate
    from drafter.input.yamlfile import YamlProblems, loads

    try:
        doc = loads(text, str(path))
    except YamlProblems as err:
        raise BriefError(err.problems) from None
    return validate(doc), doc


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
        return _pdf_bytes(format_draft(draft, "docx", layout=layout, findings=findings))
    if fmt == "docx":
        from drafter.output.layout import load_profile, reading_copy
        from drafter.output.wordfile import DocProperties, build_docx

        brief = draft.brief
        props = DocProperties(
            title="".join(draft.plan.title_lines),
            author=brief.speaker.unit or brief.speaker.role,
            created=brief.meeting.date,
            drafter_version=__version__,
            brief_hash=draft.brief_hash,
        )
        chosen = layout.profile or brief.options.profile
        if chosen and not layout.profile and (draft.brief_path.parent / chosen).is_file():
            chosen = str(draft.brief_path.parent / chosen)  # a profile file named in the brief, beside it
        profile = load_profile(chosen)
        if layout.reading:
            profile = reading_copy(profile)
        comments, highlights = review_marks(draft, findings) if findings is not None else ([], {})
        return build_docx(draft.blocks, profile=profile, properties=props, comments=comments,
                          highlights=highlights, reference_doc=layout.reference_doc)
    raise UsageError(f"错误：不支持的输出格式「{fmt}」。可选：{'、'.join(FORMATS)}")


def _pdf_bytes(docx: bytes) -> bytes:
    """A .docx converted to PDF through LibreOffice, in a private temporary folder."""
    import tempfile

    from drafter.output.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        src, dst = Path(tmp) / "draft.docx", Path(tmp) / "draft.pdf"
        src.write_bytes(docx)
        convert_to_pdf(src, dst)
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


class PlaceholdersLeft(DrafterError):
    """``render --final`` refuses a draft that still has placeholders (X, ××, 【…】)."""

    def __init__(self, report: str, count: int) -> None:
        super().__init__(f"{report}\n错误：还有 {count} 处占位符没有填写，定稿（--final）未生成。\n"
                         "    提示：在简报中把 X、××、【…】换成实际内容，或去掉 --final 先生成初稿")


def review_marks(draft: Draft, findings: list) -> tuple[list[tuple[int, str]], dict[int, list[tuple[int, int]]]]:
    """The review copy's Word comments (block index, text) and placeholder highlights (block → spans)."""
    from drafter.checks import placeholder_spans

    comments = [(f.block, f"[{f.rule}] {f.message}" + (f"（{f.suggestion}）" if f.suggestion else ""))
                for f in findings if f.block is not None]
    highlights = {i: spans for i, b in enumerate(draft.blocks) if (spans := placeholder_spans(b.text))}
    return comments, highlights


def render_brief(brief_path: str | os.PathLike, *, output: str | os.PathLike | None = None, fmt: str = "docx",
                 force: bool = False, variant: int | None = None, bank_dirs: Sequence[os.PathLike | str] = (),
                 template_dir: os.PathLike | str | None = None, layout: LayoutOptions = LayoutOptions(),
                 final: bool = False, review: bool = False) -> RenderOutcome:
    """Draft a brief, check it and write it. ``output`` ``"-"`` means "return the bytes, write nothing".

    ``final`` refuses (PlaceholdersLeft, nothing written) while placeholders remain; ``review`` writes
    the review copy (findings as Word comments, placeholders highlighted; default name NAME.review.docx).

    The output path is checked before drafting (a refusal costs nothing) and written once at the
    end, atomically; see :func:`drafter.output.files.write_atomic`.
    """
    from drafter.output.files import check_writable, write_atomic

    if fmt not in FORMATS:
        raise UsageError(f"错误：不支持的输出格式「{fmt}」。可选：{'、'.join(FORMATS)}")
    brief_path = Path(brief_path)
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and fmt in ("docx", "pdf"):
        raise UsageError(f"错误：.{fmt} 不能输出到屏幕（-o -）\n    提示：加 --format md 或 --format txt，或用 -o 写出文件名")
    if review and fmt not in ("docx", "pdf"):
        raise UsageError("错误：审阅稿（--review）只能是 .docx\n    提示：去掉 --format，或去掉 --review")
    default = default_output(brief_path, fmt)
    if review:
        default = default.with_name(f"{brief_path.stem}.review.{fmt}")
    target = None if to_stdout else (Path(output) if output is not None else default)
    if target is not None and target.is_dir():
        target = target / default.name
    if target is not None and brief_path.exists() and target.resolve() == brief_path.resolve():
        raise UsageError(f"{target}: 错误：输出文件不能是简报本身")
    if target is not None:
        check_writable(target, force=force)
    draft = make_draft(brief_path, variant=variant, bank_dirs=bank_dirs, template_dir=template_dir)
    from drafter.checks import format_findings
    from drafter.checks.inputs import check_draft

    findings, _ = check_draft(draft)
    placeholders = [f for f in findings if f.rule == "placeholder"]
    if final and placeholders:
        raise PlaceholdersLeft(format_findings(placeholders).rstrip("\n"), len(placeholders))
    data = format_draft(draft, fmt, layout=layout, findings=findings if review else None)
    notice = None
    if target is not None and fmt == "docx":
        from drafter.output.provenance import prepare_overwrite, stamp

        if review:  # the review copy's comments rewrote document.xml after the writer hashed it
            data = stamp(data)
        notice = prepare_overwrite(target) if force else None
    backup = write_atomic(target, data, force=force) if target is not None else None
    return RenderOutcome(draft, target, backup, data, findings, notice)
