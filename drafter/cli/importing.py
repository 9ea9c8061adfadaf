"""``drafter import`` (last year's speech → a brief) and ``drafter format`` (any speech → a .docx laid
out per GB/T 9704). The work is done by :mod:`drafter.importer` and :mod:`drafter.importer.formatting`."""


import sys
from pathlib import Path
from typing import Optional

import typer

from drafter.cli.common import echo_err
from drafter.errors import UsageError


def register(app) -> None:
    """Add ``import`` and ``format`` to the typer application ``app``."""
    @app.command("import")
    def import_(
        speech: Path = typer.Argument(..., metavar="SPEECH", help="讲话稿：.docx、.txt、.md（.doc、.wps 需安装 LibreOffice）",
                                      show_default=False),
        output: Optional[str] = typer.Option(None, "-o", "--output",
                                             help="简报写到哪个文件；不写则放在讲话稿旁边，同名 .yaml；“-”输出到屏幕"),
        date: Optional[str] = typer.Option(None, "--date", help="新的会议日期 YYYY-MM-DD：与日期有关的文字都标出【核实】"),
        meeting_type: Optional[str] = typer.Option(None, "--type", help="会议类型（drafter types 列出）；不写则自动识别"),
        force: bool = typer.Option(False, "--force", help="覆盖已有的简报（原文件保留为 .bak）"),
    ) -> None:
        """把一篇讲话稿（如去年的讲话）读成带中文注释的简报，原话全部保留。"""
        from drafter.checks.inputs import parse_date_option
        from drafter.importer import import_speech
        from drafter.output.files import check_writable, write_atomic

        new_date = parse_date_option(date)
        target = None if output == "-" else (Path(output) if output else speech.with_suffix(".yaml"))
        if target is not None:
            if target.resolve() == speech.resolve():
                raise UsageError(f"{target}: 错误：简报不能覆盖讲话稿本身\n    提示：用 -o 写出另一个文件名，如 -o 简报.yaml")
            check_writable(target, force=force)
        result = import_speech(speech, date=new_date, type_id=meeting_type)
        if target is None:
            sys.stdout.write(result.yaml_text)
            return
        backup = write_atomic(target, result.yaml_text.encode("utf-8"), force=force)
        msg = f"已导入：{target}（会议类型 {result.meeting_type}：{result.type_reason}）"
        if result.markers:
            msg += f"\n与日期有关的文字 {len(result.markers)} 处标了【核实】，核对改写后删去【核实】"
        if backup is not None:
            msg += f"\n原文件已保留为 {backup.name}"
        echo_err(msg + f"\n生成讲话稿：drafter render {target}")

    @app.command("format")
    def format_(
        speech: Path = typer.Argument(..., metavar="SPEECH", help="讲话稿：.docx、.txt、.md", show_default=False),
        output: Optional[str] = typer.Option(None, "-o", "--output", help="输出的 .docx；不写则为 讲话稿名.排版.docx"),
        profile: Optional[str] = typer.Option(None, "--profile", help="版式方案：gbt9704、centered，或版式文件路径"),
        title: Optional[str] = typer.Option(None, "--title", help="讲话稿没有标题时补上的标题"),
        salutation: Optional[str] = typer.Option(None, "--salutation", help="讲话稿没有单独的称谓行时补上的称谓，如 同志们："),
        force: bool = typer.Option(False, "--force", help="覆盖已有的文件（原文件保留为 .bak）"),
    ) -> None:
        """把任意一篇讲话稿按 GB/T 9704 排版成 .docx（文字一字不改）。"""
        from drafter.output.files import check_writable, write_atomic
        from drafter.importer.formatting import format_speech

        target = Path(output) if output else speech.with_name(f"{speech.stem}.排版.docx")
        if target.suffix.lower() != ".docx":
            raise UsageError(f"{target}: 错误：排版结果只能是 .docx\n    提示：-o 写成 讲话稿.docx")
        if target.exists() and speech.exists() and target.resolve() == speech.resolve():
            raise UsageError(f"{target}: 错误：不能覆盖讲话稿本身\n    提示：用 -o 写出另一个文件名")
        check_writable(target, force=force)
        data, blocks = format_speech(speech, profile=profile, title=title, salutation=salutation)
        backup = write_atomic(target, data, force=force)
        kinds = [b.kind.value for b in blocks]
        msg = f"已排版：{target}（{len(blocks)} 段，其中各级标题 {kinds.count('heading')} 个）"
        if backup is not None:
            msg += f"；原文件已保留为 {backup.name}"
        if "title" not in kinds:
            msg += "\n    提示：讲话稿没有标题，公文版式要求有标题；可加 --title \"……在……上的讲话\""
        if "salutation" not in kinds:
            msg += "\n    提示：讲话稿没有单独的称谓行；可加 --salutation 同志们："
        echo_err(msg)
