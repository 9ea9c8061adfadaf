"""What every typer application of drafter shares."""

from __future__ import annotations

import typer


def typer_group(name: str, help: str) -> typer.Typer:
    """A typer application (``drafter`` or one of its command groups) set up as all of drafter's are:
    help when run without arguments, no shell-completion options, plain tracebacks and help text."""
    return typer.Typer(name=name, help=help, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None)


def echo_err(text: str) -> None:
    """Print ``text`` (a message for the writer) to stderr, as every drafter command does."""
    typer.echo(text, err=True)
