"""The typer application of the ``drafter`` command: it only translates arguments into library calls.

typer declares the command line (:func:`typer_app`). The library modules a command needs are imported
inside that command, so that ``drafter --help`` and ``drafter types`` start without Jinja, YAML or
python-docx. Every import inside a function in drafter is listed in :data:`LAZY`, with why.
Errors are translated into messages once, by :func:`drafter.cli.main`.
"""


import functools
import sys
from pathlib import Path
from typing import List, Optional

import typer

from drafter.cli.common import echo_err, typer_group
from drafter.cli import importing, reviews, serve
from drafter.cli.phrases import phrases_app

_COMMANDS = ("drafter.main", "drafter.batch", "drafter.checks", "drafter.checks.inputs", "drafter.checks.carryover",
             "drafter.input.brief", "drafter.input.starters", "drafter.input.values", "drafter.output.files",
             "drafter.genre.meeting_types", "drafter.compose.phrasebank", "drafter.compose.phrasebank.bankcheck",
             "drafter.compose.phrase_edit",
             "drafter.compose.reviews", "drafter.speech.markup", "drafter.importer", "drafter.importer.formatting",
             "drafter.web.app")

LAZY: dict[str, tuple[str, ...]] = {
    # The command line's modules are all imported for ``drafter --help``; each command imports the library
    # it runs when it runs, so that --help, types and phrases list start without Jinja, YAML or python-docx,
    # and render without the web server or the importer.
    "drafter.cli": ("drafter.cli.app",),  # inside main's try: a missing typer is a message, not a traceback
    "drafter.cli.app": _COMMANDS + ("json",),  # json: drafter schema only
    "drafter.cli.importing": _COMMANDS,
    "drafter.cli.phrases": _COMMANDS + ("shlex", "tempfile"),  # shlex, tempfile: phrases edit only
    "drafter.cli.reviews": _COMMANDS,
    "drafter.cli.serve": _COMMANDS + ("socket", "uvicorn", "webbrowser"),  # socket (and array): ~3 ms of every command
    # rich draws the progress bar of a batch, and only on a terminal.
    "drafter.batch": ("rich.console", "rich.progress"),
    # python-docx (with lxml) is for reading a .docx, a --reference-doc, --review comments and building the
    # shipped base parts; drafter render writes its .docx without it.
    "drafter.output.docx_reference": ("docx",),
    "drafter.output.docx_review": ("docx",),
    "drafter.output.docx_styles": ("docx", "docx.enum.style", "docx.oxml"),
    "drafter.speech.docxparts": ("docx.text.paragraph",),
    # render drafts from a brief and never reads a speech: the reader (its regular expressions, ~3 ms) is
    # imported when a speech is checked, and what only reading a .docx or a run-together .txt needs, then.
    "drafter.checks.inputs": ("drafter.speech.reader",),
    "drafter.speech.reader": ("docx", "drafter.speech.docxparts", "drafter.speech.runtogether"),
    # xml.etree (with pyexpat, ~2 ms) reads the custom properties of a .docx already there: a first render has none.
    "drafter.output.provenance": ("xml.etree",),
    # xml.sax.saxutils imports urllib.request (http, email): only when a PDF is made.
    "drafter.output.pdf": ("xml.sax.saxutils",),
}
"""The only imports inside functions in drafter: importing module → the modules it imports when a function
runs rather than at start-up, each for a quick command's sake (tests/test_import_graph.py fails on any other)."""


def run_render(*, briefs: List[Path], output: Optional[str], fmt: Optional[str], force: bool, variant: Optional[int],
               bank: List[Path], templates: Optional[Path], profile: Optional[str], reading: bool,
               reference_doc: Optional[Path], final: bool, review: bool, quiet: bool, jobs: Optional[int]) -> None:
    """``drafter render`` with its arguments as typer passes them (see the declaration in :func:`typer_app`)."""
    from drafter.main import LayoutOptions

    layout = LayoutOptions(profile=profile, reading=reading,
                           reference_doc=str(reference_doc) if reference_doc is not None else None)
    if _is_batch(briefs):
        _render_batch(briefs, output, fmt=(fmt or "docx").lower(), force=force, jobs=jobs, variant=variant, bank_dirs=bank,
                      template_dir=templates, layout=layout, final=final, review=review)
        return
    from drafter.main import render_brief

    brief = briefs[0]
    outcome = render_brief(brief, output=output, fmt=fmt, force=force, variant=variant, bank_dirs=bank,
                           template_dir=templates, layout=layout, final=final, review=review)
    if outcome.findings and not quiet:
        from drafter.checks import format_findings

        echo_err(format_findings(outcome.findings).rstrip("\n"))
    if outcome.path is None:
        sys.stdout.write(outcome.data.decode("utf-8"))
        sys.stdout.flush()
        return
    msg = f"已生成：{outcome.path}"
    if outcome.backup is not None:
        msg += f"（原文件已保留为 {outcome.backup.name}）"
    echo_err(msg)
    if outcome.notice:
        echo_err(outcome.notice)


def _is_batch(briefs: List[Path]) -> bool:
    """Whether the arguments ask for batch mode (see :func:`drafter.batch.is_batch`). One existing file
    never does, and is answered here: drafter.batch (multiprocessing, concurrent.futures) is imported
    only for batches and for the arguments it must look at itself."""
    if len(briefs) == 1 and briefs[0].is_file():
        return False
    from drafter.batch import is_batch

    return is_batch(briefs)


def _render_batch(briefs: List[Path], output: Optional[str], **options) -> None:
    """``drafter render`` with several briefs: all cores, a progress bar on a terminal, a summary of failures."""
    from drafter.batch import progress_bar, render_many

    shown = progress_bar()
    if shown is None:
        result = render_many(briefs, output, **options)
    else:
        bar, update = shown
        with bar:
            result = render_many(briefs, output, progress=update, **options)
    echo_err(result.summary())
    if result.interrupted:
        raise typer.Exit(130)
    if not result.ok:
        raise typer.Exit(1)


@functools.lru_cache(maxsize=None)
def typer_app():
    """The typer application of the ``drafter`` command, with every command and ``phrases``."""

    app = typer_group("drafter", "根据 YAML 简报生成党建会议讲话稿初稿（.docx，GB/T 9704 版式）。")

    @app.command()
    def render(
        briefs: List[Path] = typer.Argument(..., metavar="BRIEF...",
                                            help="简报文件（.yaml）；可写多个、文件夹（其中所有 .yaml）或通配符", show_default=False),
        output: Optional[str] = typer.Option(None, "-o", "--output",
                                             help="输出文件；不写则放在简报旁边，同名；“-”表示输出到屏幕（仅 md/txt）；多份简报时为输出文件夹"),
        fmt: Optional[str] = typer.Option(None, "--format", "-f", show_default=False,
                                          help="输出格式：docx、pdf（需安装 LibreOffice）、md（标记文本）、txt（纯文本）；不写则按 -o 的扩展名，默认 docx"),
        force: bool = typer.Option(False, "--force", help="覆盖已有的输出文件（原文件保留为 .bak）"),
        variant: Optional[int] = typer.Option(None, "--variant", min=1, help="措辞版本号，覆盖简报中的 options.variant"),
        bank: List[Path] = typer.Option([], "--bank", help="本单位话术库文件夹（可多次使用）"),
        templates: Optional[Path] = typer.Option(None, "--templates", help="本单位模板文件夹（优先于内置模板）"),
        profile: Optional[str] = typer.Option(None, "--profile", help="版式方案：gbt9704、centered，或版式文件路径"),
        reading: bool = typer.Option(False, "--reading", help="大字念稿本：二号字、行距加大，供讲话人在台上念"),
        reference_doc: Optional[Path] = typer.Option(None, "--reference-doc", help="本单位的 Word 模板（.docx），采用其页面设置和同名样式"),
        final: bool = typer.Option(False, "--final", help="定稿：还有占位符（X、××、【…】）时拒绝生成"),
        review: bool = typer.Option(False, "--review", help="审阅稿：检查发现的问题作为批注，占位符高亮（默认 NAME.review.docx）"),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="不显示检查结果"),
        jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="多份简报时同时生成的进程数（默认：CPU 核数）"),
    ) -> None:
        """根据简报生成讲话稿，并检查占位符、过时提法、序号和篇幅。"""
        run_render(briefs=briefs, output=output, fmt=fmt, force=force, variant=variant, bank=bank,
                   templates=templates, profile=profile, reading=reading, reference_doc=reference_doc,
                   final=final, review=review, quiet=quiet, jobs=jobs)

    @app.command()
    def new(
        meeting_type: str = typer.Argument(..., metavar="TYPE", help="会议类型：review、annual、quarterly（drafter types 列出）"),
        output: Optional[str] = typer.Option(None, "-o", "--output", help="写到哪个文件；不写则为 TYPE.yaml；“-”输出到屏幕"),
        force: bool = typer.Option(False, "--force", help="覆盖已有的文件（原文件保留为 .bak）"),
    ) -> None:
        """生成一份带中文注释的起始简报，可直接生成讲话稿，再逐项修改。"""
        from drafter.input.starters import starter_brief
        from drafter.output.files import write_atomic

        text, mt = starter_brief(meeting_type)
        if output == "-":
            sys.stdout.write(text)
            return
        target = Path(output) if output else Path(f"{mt.id}.yaml")
        backup = write_atomic(target, text.encode("utf-8"), force=force)
        msg = f"已生成起始简报：{target}（{mt.name}）。修改后运行：drafter render {target}"
        if backup is not None:
            msg += f"（原文件已保留为 {backup.name}）"
        echo_err(msg)

    @app.command()
    def types() -> None:
        """列出可用的会议类型。"""
        from drafter.genre.meeting_types import TYPES

        for t in TYPES.values():
            typer.echo(f"{t.id:<10} {t.name}（通常 {t.length[0]:,}–{t.length[1]:,} 字，别名：{'、'.join(t.aliases)}）")

    @app.command()
    def schema(
        output: Optional[str] = typer.Option(None, "-o", "--output", help="写到文件（如 brief.schema.json）；不写则输出到屏幕"),
        force: bool = typer.Option(False, "--force", help="覆盖已有的文件"),
    ) -> None:
        """输出简报的 JSON Schema，供编辑器补全和检查简报。"""
        import json

        from drafter.input.brief import json_schema
        from drafter.output.files import write_atomic

        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
        if output is None or output == "-":
            sys.stdout.write(text)
            return
        write_atomic(Path(output), text.encode("utf-8"), force=force)
        echo_err(f"已生成：{output}")

    @app.command()
    def check(
        input: Path = typer.Argument(..., help="简报（.yaml）或讲话稿（.docx、.txt、.md）", show_default=False),
        date: Optional[str] = typer.Option(None, "--date", help="会议日期 YYYY-MM-DD；讲话稿没有日期行时据此核对提法"),
        fmt: str = typer.Option("text", "--format", "-f", help="输出格式：text 或 json"),
        strict: bool = typer.Option(False, "--strict", help="有警告也以失败（1）退出"),
        speed: Optional[int] = typer.Option(None, "--speed", help="朗读速度（字/分，150–220，默认 180）"),
        formulations: List[Path] = typer.Option([], "--formulations", help="本单位提法文件（可多次使用）"),
        meeting_type: Optional[str] = typer.Option(None, "--type", help="会议类型（据此核对篇幅）；drafter 生成的 .docx 自带"),
        accept: List[Path] = typer.Option([], "--accept", help="本单位接受文件（可多次使用）；稿子旁的 稿名.accept.yaml 自动读取"),
        against: Optional[Path] = typer.Option(None, "--against", help="去年的讲话稿：列出沿用的句子、数字、届次及所占比例"),
    ) -> None:
        """检查讲话稿：过时提法、序号、占位符、篇幅等。"""
        if against is not None:
            from drafter.checks.carryover import carryover, format_carryover
            typer.echo(format_carryover(carryover(input, against), fmt.lower()))
            return
        from drafter.checks import exit_code, format_findings
        from drafter.checks.inputs import parse_date_option
        from drafter.main import check_file

        findings, _ = check_file(input, date=parse_date_option(date), speed=speed, formulation_files=formulations,
                                 meeting_type=meeting_type, accept_files=accept)
        typer.echo(format_findings(findings, fmt.lower()))
        raise typer.Exit(exit_code(findings, strict))

    serve.register(app)
    importing.register(app)  # import, format
    reviews.register(app)  # drafter reviews (issue 17)
    app.add_typer(phrases_app, name="phrases")
    return app
