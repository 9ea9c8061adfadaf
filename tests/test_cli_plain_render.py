"""``drafter render BRIEF.yaml`` without typer: drafter.cli.plain_render_args must return exactly what
typer passes to the render command, or decline (None) and leave the command line to typer."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from drafter import cli

ROOT = Path(__file__).resolve().parent.parent
BRIEF = str(ROOT / "examples" / "review.yaml")


class Called(Exception):
    pass


def typer_kwargs(args: list[str], monkeypatch) -> dict | None:
    """The keyword arguments typer calls run_render with for ``args``, or None when typer refuses them
    (or handles them without running the command, as --help does)."""
    seen: dict = {}

    def capture(**kwargs):
        seen.update(kwargs)
        raise Called

    with monkeypatch.context() as m:
        m.setattr(cli, "run_render", capture)
        try:
            cli.typer_app()(args=args, standalone_mode=False, prog_name="drafter")
        except Called:
            return seen
        except Exception:  # a usage error (click.UsageError and friends)
            return None
    return None


PLAIN = [
    ["render", BRIEF],
    ["render", BRIEF, "-o", "out.docx"],
    ["render", "-q", BRIEF, "--output", "out.docx", "--force"],
    ["render", BRIEF, "-o", "a.md", "-f", "md"],
    ["render", BRIEF, "--format", "TXT", "--variant", "3", "-o", "x.txt"],
    ["render", BRIEF, "--variant", "007"],
    ["render", "--reading", "--final", "--review", "--quiet", BRIEF],
    ["render", BRIEF, "--bank", "ours", "--bank", "theirs/sub", "--templates", "tpl", "--profile", "centered"],
    ["render", BRIEF, "--reference-doc", "unit.docx", "-j", "2"],
    ["render", BRIEF, "--jobs", "4"],
    ["render", BRIEF, "-o", ""],
    ["render", BRIEF, "-o", "含 空格 和中文.docx"],
]

DECLINED = [
    [], ["--help"], ["types"], ["check", BRIEF], ["new", "review"], ["phrases", "list"],
    ["render"], ["render", "--help"], ["render", BRIEF, "--help"],
    ["render", BRIEF, "-o", "-", "-f", "md"],                 # a value starting with "-"
    ["render", BRIEF, "-o", "--force"],
    ["render", BRIEF, "--output=out.docx"], ["render", BRIEF, "-oout.docx"], ["render", BRIEF, "-qo", "x.docx"],
    ["render", BRIEF, "--variant", "0"], ["render", BRIEF, "--variant", "x"], ["render", BRIEF, "--variant", "+2"],
    ["render", BRIEF, "--variant", "٣"], ["render", BRIEF, "-j", "0"],
    ["render", BRIEF, "-o", "a.docx", "-o", "b.docx"],      # a repeated option: typer keeps the last, we decline
    ["render", BRIEF, "-q", "-q"],
    ["render", BRIEF, "-o"], ["render", BRIEF, "--nope"], ["render", BRIEF, "--no-force"],
    ["render", "--", BRIEF], ["render", "-", "-o", "x.md"],
    ["render", BRIEF, BRIEF],                                 # several briefs: a batch
    ["render", str(ROOT / "examples")],                       # a folder: a batch
    ["render", str(ROOT / "examples" / "*.yaml")],            # a pattern: a batch
    ["render", "no-such-brief.yaml"],                         # not a file: typer's path gives the message
    ["Render", BRIEF],
]


@pytest.mark.parametrize("args", PLAIN)
def test_plain_command_lines_give_what_typer_gives(args, monkeypatch):
    plain = cli.plain_render_args(args)
    assert plain is not None
    assert plain == typer_kwargs(args, monkeypatch)


@pytest.mark.parametrize("args", DECLINED)
def test_other_command_lines_are_left_to_typer(args):
    assert cli.plain_render_args(args) is None


def test_a_shell_completion_request_is_left_to_typer(monkeypatch):
    monkeypatch.setenv("_DRAFTER_COMPLETE", "bash_complete")
    assert cli.plain_render_args(["render", BRIEF]) is None


def test_a_plain_render_exits_as_typer_does(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "typer_app", lambda: pytest.fail("typer was used"))
    out = tmp_path / "a.docx"
    with pytest.raises(SystemExit) as done:
        cli.main(["render", BRIEF, "-o", str(out), "-q"])
    assert done.value.code == 0 and out.is_file()
    assert capsys.readouterr().err == f"已生成：{out}\n"
    with pytest.raises(SystemExit) as refused:  # a DrafterError: its message and exit code, as before
        cli.main(["render", BRIEF, "-o", str(out), "-q"])
    assert refused.value.code == 1
    assert capsys.readouterr().err.startswith(f"{out}: 错误：文件已存在，没有覆盖")


def test_ctrl_c_during_a_plain_render_exits_130_as_typer_does(monkeypatch):
    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run_render", interrupted)
    with pytest.raises(SystemExit) as done:
        cli.main(["render", BRIEF])
    assert done.value.code == 130


@pytest.mark.parametrize("text", ["已生成：a.docx", "含\x1b[31m颜色\x1b[0m的文字", "", "两行\n文字"])
@pytest.mark.parametrize("tty", [False, True])
def test_messages_are_written_as_typer_echo_writes_them(text, tty, monkeypatch):
    import typer

    def stream():
        s = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
        s.isatty = lambda: tty  # type: ignore[method-assign]
        return s

    ours, theirs = stream(), stream()
    with monkeypatch.context() as m:
        m.delitem(sys.modules, "typer")
        m.setattr("sys.stderr", ours)
        cli._echo_err(text)
    monkeypatch.setattr("sys.stderr", theirs)
    typer.echo(text, err=True)
    assert ours.buffer.getvalue() == theirs.buffer.getvalue()
