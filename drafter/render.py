"""Rendering a plan through its meeting type's Jinja2 template into drafter markup.

Templates live in ``templates/`` (installed as the data package ``drafter.templates``); a unit may
put its own templates in a folder that is searched first. Every template runs in Jinja's immutable
sandbox with ``StrictUndefined``: a template that names a variable that does not exist, or reaches for
Python internals, fails with a :class:`~drafter.errors.TemplateError` that names the template file
and line and shows the source line.

Every value a template prints is escaped for the markup (``*``, ``\\``, a leading ``#`` or ``@``),
so text from a brief or the phrase bank can never turn into a heading or bold by accident; the
markup syntax comes only from the templates' own literal text.
"""

from __future__ import annotations

import os
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import jinja2
from jinja2.sandbox import SecurityError

from drafter.errors import DrafterError, TemplateError
from drafter.sandbox import GuardedSandbox
from drafter.plan import Plan


class Chooser(Protocol):
    """What templates call to get framing sentences (see :class:`drafter.phrasebank.PhraseChooser`)."""

    def phrase(self, slot: str, **extra: Any) -> str: ...

    def stock(self, heading: str, **extra: Any) -> str | None: ...


def builtin_template_dir() -> Path:
    """The folder of the built-in templates (the repository's ``templates/`` or its installed copy)."""
    from drafter.resources import data_dir

    return data_dir("templates", "templates", "*.j2")


def escape_markup(value: Any) -> str:
    """A printed value made safe for the markup: one line, ``*`` and ``\\`` escaped, no leading ``#``/``@``."""
    if value is None:
        raise TemplateError("模板输出了空值（None）：该项在简报中没有填写，模板应先判断")
    text = " ".join(str(value).split("\n")) if "\n" in str(value) else str(value)
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    if text[:1] in ("#", "@"):
        text = "\\" + text
    return text


@lru_cache(maxsize=8)
def _environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    env = GuardedSandbox(
        loader=jinja2.FileSystemLoader(list(search_path)),
        undefined=jinja2.StrictUndefined,
        finalize=escape_markup,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    return env


def _template_frame(err: BaseException) -> tuple[str, int, str]:
    """The template file, line and source line where a runtime error happened, from Jinja's traceback."""
    for frame, lineno in reversed(list(traceback.walk_tb(err.__traceback__))):
        filename = frame.f_code.co_filename
        if filename.endswith(".j2"):
            source = ""
            try:
                source = Path(filename).read_text(encoding="utf-8").splitlines()[lineno - 1]
            except (OSError, IndexError):  # pragma: no cover - the template was just read
                pass
            return filename, lineno, source
    return "", 0, ""


def _describe(err: BaseException) -> str:
    if isinstance(err, jinja2.UndefinedError):
        name = str(err.message or "")
        return f"模板用到了不存在的变量：{name}"
    if isinstance(err, SecurityError):
        return f"模板试图访问不允许的内容，已拒绝：{err}"
    return f"模板运行出错：{err}"


def render_markup(plan: Plan, chooser: Chooser, *, template_dir: str | os.PathLike | None = None) -> str:
    """Render ``plan`` through ``templates/<type>.md.j2`` and return the markup text.

    ``template_dir``, when given, is searched before the built-in templates (a unit's own templates).
    """
    search = ([os.fspath(template_dir)] if template_dir else []) + [str(builtin_template_dir())]
    env = _environment(tuple(search))
    name = f"{plan.type.id}.md.j2"
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(f"模板语法错误：{err.message}", file=err.filename or name, line=err.lineno,
                            source_line=(err.source or "").splitlines()[err.lineno - 1] if err.source else "") from None
    except jinja2.TemplateNotFound:
        raise TemplateError(f"找不到会议类型 {plan.type.id} 的模板 {name}", file=search[0]) from None
    try:
        return template.render(plan=plan, phrase=chooser.phrase, stock=chooser.stock, **plan.context)
    except DrafterError:
        raise
    except jinja2.TemplateSyntaxError as err:  # an included/imported template
        raise TemplateError(f"模板语法错误：{err.message}", file=err.filename or name, line=err.lineno) from None
    except (jinja2.TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError, IndexError) as err:
        file, line, source = _template_frame(err)
        raise TemplateError(_describe(err), file=file or name, line=line, source_line=source) from None
