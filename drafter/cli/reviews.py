"""``drafter reviews BRIEF``: the 点评意见 of each 述职人 of a 述职评议会 brief, as one .docx.

The brief lists the people under ``reviewees:`` (see :mod:`drafter.input.reviewees`); the texts are
written by :mod:`drafter.compose.reviews`; the file is laid out like the speech and written once,
atomically, beside the brief as ``NAME.点评.docx`` unless ``-o`` says otherwise.
"""


import sys
from pathlib import Path
from typing import List, Optional

import typer

from drafter.errors import BriefError, UsageError

REVIEW_FORMATS = ("docx", "md", "txt")


def register(app) -> None:
    """Add the ``reviews`` command to the typer ``app``."""
    @app.command()
    def reviews(
        brief: Path = typer.Argument(..., metavar="BRIEF", help="述职评议会的简报（写了 reviewees 的 .yaml）", show_default=False),
        output: Optional[str] = typer.Option(None, "-o", "--output",
                                             help="输出文件；不写则为简报旁的 NAME.点评.docx；“-”表示输出到屏幕（仅 md/txt）"),
        fmt: str = typer.Option("docx", "--format", "-f", help="输出格式：docx、md（标记文本）、txt（纯文本）"),
        force: bool = typer.Option(False, "--force", help="覆盖已有的输出文件（原文件保留为 .bak）"),
        variant: Optional[int] = typer.Option(None, "--variant", min=1, help="措辞版本号，覆盖简报中的 options.variant"),
        bank: List[Path] = typer.Option([], "--bank", help="本单位话术库文件夹（可多次使用）"),
    ) -> None:
        """为述职评议会上每位述职的书记写点评意见（肯定、问题、建议），生成一份 .docx。"""
        target, notes = write_review_file(brief, output=output, fmt=fmt.lower(), force=force, variant=variant,
                                          bank_dirs=bank)
        for note in notes:
            sys.stderr.write(note + "\n")
        if target is not None:
            sys.stderr.write(f"已生成点评意见：{target}\n")


def write_review_file(brief_path: Path, *, output: str | None = None, fmt: str = "docx", force: bool = False,
                      variant: int | None = None, bank_dirs=()) -> tuple[Path | None, list[str]]:
    """Draft the 点评意见 of ``brief_path`` and write them (or print them for ``-o -``).

    Returns the file written (None for the screen) and notes for the writer (texts out of length).
    Raises a DrafterError subclass, writing nothing, on any problem."""
    from drafter.compose.phrasebank import PhraseBank
    from drafter.compose.reviews import LENGTH, reviews_markup, write_reviews
    from drafter.main import _bank_dirs, format_draft, make_draft
    from drafter.output.files import check_writable, write_atomic
    from drafter.speech.markup import parse

    if fmt not in REVIEW_FORMATS:
        raise UsageError(f"错误：点评意见不支持「{fmt}」格式。可选：{'、'.join(REVIEW_FORMATS)}")
    to_screen = output == "-"
    if to_screen and fmt == "docx":
        raise UsageError("错误：.docx 不能输出到屏幕（-o -）\n    提示：加 --format md 或 --format txt，或用 -o 写出文件名")
    target = None if to_screen else (Path(output) if output else brief_path.with_name(f"{brief_path.stem}.点评.{fmt}"))
    if target is not None:
        check_writable(target, force=force)
    draft = make_draft(brief_path, variant=variant, bank_dirs=bank_dirs)
    people = draft.brief.reviewees
    if not people:
        raise BriefError([draft.doc.problem((), "简报里没有 reviewees（述职人名单），写不了点评意见",
                                            "在简报最外层加上 reviewees:，每人写 name、post、strengths、problems；"
                                            "见 examples/review-reviewees.yaml")])
    bank = PhraseBank.load(_bank_dirs(draft.brief, draft.brief_path, bank_dirs))
    texts = write_reviews(people, bank, date=draft.brief.meeting.date,
                          variant=variant if variant is not None else draft.plan.variant, context=draft.plan.context)
    markup = reviews_markup(draft.plan, texts)
    title = tuple(line[2:] for line in markup.splitlines() if line.startswith("# "))
    doc = draft.__class__(draft.brief_path, draft.brief, draft.doc, draft.plan._replace(title_lines=title), markup,
                          parse(markup, file="点评意见（生成的标记）"), draft.phrases, draft.brief_hash)
    notes = [f"{draft.brief_path}: 提示：{r.person.name}同志的点评约{r.chars}字，"
             f"{'少于' if r.chars < LENGTH[0] else '多于'}常见的{LENGTH[0]}—{LENGTH[1]}字"
             f"（{'补充 strengths、problems 或 advice' if r.chars < LENGTH[0] else '精简 strengths、problems 或 advice'}）"
             for r in texts if not LENGTH[0] <= r.chars <= LENGTH[1]]
    data = format_draft(doc, fmt)
    if target is None:
        sys.stdout.write(data.decode("utf-8"))
        return None, notes
    write_atomic(target, data, force=force)
    return target, notes
