"""Rendering a plan through its meeting type's Jinja2 template into drafter markup.

Templates live in ``templates/`` (installed as the data package ``drafter.templates``); a unit may
put its own templates in a folder that is searched first. Every template runs in Jinja's immutable
sandbox with ``StrictUndefined``: a template that names a variable that does not exist, or reaches for
Python internals, fails with a :class:`~drafter.errors.TemplateError` that names the template file
and line and shows the source line.

Every value a template prints is escaped for the markup (``*``, ``\\``, a leading ``#`` or ``@``),
so text from a brief or the phrase bank can never turn into a heading or bold by accident; the
markup syntax comes only from the templates' own literal text. The parts (``templates/parts/``) are
macros; what a macro printed is markup already and is printed as it is (:class:`TemplateOutput`).

Templates are read only from regular files inside their folder (:class:`FolderLoader`) and compiled
in each process; nothing compiled is stored or loaded. Each render runs within the budgets of
:mod:`drafter.compose.sandbox` (time, size, loops, depth).
"""

from __future__ import annotations

import os
import re
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import jinja2
from jinja2.sandbox import SecurityError

from drafter.errors import DrafterError, TemplateError
from drafter.input.files import read_limited
from drafter.resources import data_dir
from drafter.compose import shipped_templates
from drafter.compose.sandbox import BudgetExceeded, GuardedSandbox
from drafter.compose.plan import Plan


class Chooser(Protocol):
    """What templates call to get framing sentences (see :class:`drafter.compose.phrasebank.PhraseChooser`)."""

    def phrase(self, slot: str, **extra: Any) -> str: ...

    def stock(self, heading: str, **extra: Any) -> str | None: ...


@lru_cache(maxsize=None)
def builtin_template_dir() -> Path:
    """The folder of the built-in templates (the repository's ``templates/`` or its installed copy).

    Looked up once per process: finding it costs a few file system calls, and it does not move."""
    return data_dir("templates", "templates", "*.j2")


class TemplateOutput(str):
    """What templates printed, as Jinja joins it: a macro's output (a part, see ``templates/parts/``),
    a ``{% set %}…{% endset %}`` block, ``super()``, the whole speech.

    It holds only the templates' own text and values already escaped by :func:`escape_markup`, so it
    is markup and is printed as it is: escaping it again would double every escape and join a part's
    paragraphs into one line. Only the render environment's ``concat`` (``output_type``) makes one: a
    template cannot name this class, what it builds from one with ``~``, a slice or a ``str`` method
    is a plain ``str`` again, and phrase texts render in their own sandbox into a plain ``str``.
    """


def escape_markup(value: Any) -> str:
    """A printed value made safe for the markup: one line, ``*`` and ``\\`` escaped, no leading ``#``/``@``.

    What the templates printed themselves (:class:`TemplateOutput`: a part's output) is markup
    already and is kept as it is. This runs for every printed value, so each replacement is done only when its
    character occurs (most values have none)."""
    if type(value) is not str:
        if type(value) is TemplateOutput:
            return value
        if value is None:
            raise TemplateError("模板输出了空值（None）：该项在简报中没有填写，模板应先判断")
        value = str(value)
    if "\n" in value:
        value = value.replace("\n", " ")
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if "*" in value:
        value = value.replace("*", "\\*")
    if value[:1] in ("#", "@"):
        value = "\\" + value
    return value


MAX_TEMPLATE_BYTES = 1_000_000
"""The largest template file drafter reads (the built-in ones are a few kilobytes)."""


class FolderLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, reading only regular files of at most :data:`MAX_TEMPLATE_BYTES`
    (:func:`~drafter.input.files.read_limited`), inside their template folder: a template that is a
    link to a file outside the folder is refused (it would copy that file into the draft)."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = jinja2.loaders.split_template_path(template)  # refuses ".." (TemplateNotFound)
        for folder in self.searchpath:
            path = os.path.join(folder, *pieces)
            if not os.path.lexists(path):
                continue
            root = os.path.realpath(folder)
            if os.path.commonpath([root, os.path.realpath(path)]) != root:
                raise TemplateError(f"模板 {template} 是指向模板文件夹以外的链接，为安全起见不读取",
                                    file=path) from None
            mtime = _mtime(path)
            data = read_limited(path, limit=MAX_TEMPLATE_BYTES, what="模板")
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as err:
                line = data[:err.start].count(b"\n") + 1
                raise TemplateError("模板不是 UTF-8 编码的文本，请另存为 UTF-8", file=path, line=line) from None
            return source, os.path.normpath(path), lambda: _mtime(path) == mtime
        raise jinja2.TemplateNotFound(template)

    def load(self, environment: jinja2.Environment, name: str, globals: Any = None) -> jinja2.Template:  # noqa: A002
        """Jinja's, with a built-in template's code made from its shipped compiled source when its text is
        the one shipped (:mod:`drafter.compose.shipped_templates`: this saves 18-66 ms a render, bench/README.md)."""
        source, filename, uptodate = self.get_source(environment, name)
        compiled = shipped_templates.compiled_source(name, source)
        code = compile(compiled, filename, "exec") if compiled is not None else environment.compile(source, name, filename)
        return environment.template_class.from_code(environment, code, globals if globals is not None else {}, uptodate)


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


@lru_cache(maxsize=8)
def _environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    """The sandbox that renders templates from ``search_path`` (no bytecode cache: nothing compiled is
    ever loaded from a folder)."""
    env = GuardedSandbox(
        loader=FolderLoader(list(search_path)),
        undefined=jinja2.StrictUndefined,
        finalize=escape_markup,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        # a template file is read once per process: checking every file's mtime on each render
        # (about 20 stat calls a speech) buys nothing for a command, and a batch renders one set
        auto_reload=False,
    )
    env.output_type = TemplateOutput
    return env


def builtin_environment() -> tuple[jinja2.Environment, list[str]]:
    """The sandbox of the built-in templates alone, and their names (what ``python -m drafter.compose`` compiles)."""
    env = _environment((str(builtin_template_dir()),))
    return env, env.list_templates(extensions=["j2"])


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


_PARTS_HINT = "（parts/ 里的片段是宏：文件里要定义同名、同参数的 {% macro … %}，见内置 templates/base.md.j2 开头的说明）"
"""Ends the message of an error in a part written without a macro, or naming a part's missing macro."""

_NOT_EXPORTED = re.compile(r"the template '(?P<template>[^']+)' \(imported on line \d+ in '[^']+'\) "
                           r"does not export the requested name '(?P<name>[^']+)'")


def _is_part_without_macro(file: str) -> bool:
    """Whether ``file`` is a part (``parts/…``) with no macro in it: one written as a plain template."""
    path = Path(file)
    try:
        return path.parent.name == "parts" and "macro" not in path.read_text(encoding="utf-8")
    except OSError:  # pragma: no cover - the template was just read
        return False


def _describe(err: BaseException) -> str:
    if isinstance(err, jinja2.UndefinedError):
        name = str(err.message or "")
        missing = _NOT_EXPORTED.search(name)
        if missing:
            return f"模板 {missing['template']} 里没有宏 {missing['name']}{_PARTS_HINT}"
        return f"模板用到了不存在的变量：{name}"
    if isinstance(err, BudgetExceeded):
        return f"模板{err}"
    if isinstance(err, RecursionError):
        return "模板嵌套太深（可能是宏、include 或 extends 引用了自己），已停止"
    if isinstance(err, SecurityError):
        return f"模板试图访问不允许的内容，已拒绝：{err}"
    return f"模板运行出错：{err}"


def _file_of(err: jinja2.TemplateSyntaxError, search: list[str], name: str) -> str:
    """The file a syntax error is in (Jinja leaves ``filename`` out of some of its lexer's errors)."""
    if err.filename:
        return err.filename
    for folder in search:
        path = os.path.join(folder, err.name or name)
        if os.path.lexists(path):
            return os.path.normpath(path)
    return err.name or name


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
        raise TemplateError(f"模板语法错误：{err.message}", file=_file_of(err, search, name), line=err.lineno,
                            source_line=(err.source or "").splitlines()[err.lineno - 1] if err.source else "") from None
    except jinja2.TemplateNotFound:
        raise TemplateError(f"找不到会议类型 {plan.type.id} 的模板 {name}", file=search[0]) from None
    try:
        text = template.render(plan=plan, phrase=chooser.phrase, stock=chooser.stock, **plan.context)
        return str(text)  # a plain str, not the TemplateOutput Jinja's concat made
    except DrafterError:
        raise
    except jinja2.TemplateSyntaxError as err:  # an included/imported template
        raise TemplateError(f"模板语法错误：{err.message}", file=_file_of(err, search, name), line=err.lineno) from None
    except Exception as err:  # anything a hostile or broken template can raise while rendering
        file, line, source = _template_frame(err)
        message = _describe(err)
        if file and _PARTS_HINT not in message and _is_part_without_macro(file):
            message += _PARTS_HINT
        raise TemplateError(message, file=file or name, line=line, source_line=source) from None
