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

Compiled templates are kept in drafter's on-disk cache (:mod:`drafter.cache`), so a new process does
not compile them again; see :class:`TemplateBytecodeCache`.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Protocol

import jinja2
from jinja2.sandbox import SecurityError

from drafter.errors import DrafterError, TemplateError
from drafter.compose.sandbox import GuardedSandbox
from drafter.compose.plan import Plan


class Chooser(Protocol):
    """What templates call to get framing sentences (see :class:`drafter.compose.phrasebank.PhraseChooser`)."""

    def phrase(self, slot: str, **extra: Any) -> str: ...

    def stock(self, heading: str, **extra: Any) -> str | None: ...


@lru_cache(maxsize=None)
def builtin_template_dir() -> Path:
    """The folder of the built-in templates (the repository's ``templates/`` or its installed copy).

    Looked up once per process: finding it costs a few file system calls, and it does not move."""
    from drafter.resources import data_dir

    return data_dir("templates", "templates", "*.j2")


class TemplateOutput(str):
    """What templates printed, as Jinja joins it: a macro's output (a part, see ``templates/parts/``),
    a ``{% set %}…{% endset %}`` block, ``super()``, the whole speech.

    It holds only the templates' own text and values already escaped by :func:`escape_markup`, so it
    is markup and is printed as it is: escaping it again would double every escape and join a part's
    paragraphs into one line. Only the render environment's ``concat`` (:func:`_concat`) makes one: a
    template cannot name this class, what it builds from one with ``~``, a slice or a ``str`` method
    is a plain ``str`` again, and phrase texts render in their own sandbox into a plain ``str``.
    """


def _concat(pieces: Iterable[str]) -> TemplateOutput:
    """The render environment's ``concat``: every join of template output is a :class:`TemplateOutput`."""
    return TemplateOutput("".join(pieces))


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


class TemplateBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in drafter's on-disk cache, namespace ``namespace``.

    Jinja names each entry by the template's name and file and rejects an entry whose template
    source changed (:class:`jinja2.bccache.Bucket`). Jinja's bytes are kept with
    :func:`drafter.cache.store`; an entry that is missing, damaged or unreadable is a miss (the
    template is compiled again and stored), and a failure to store is ignored, as everywhere in
    :mod:`drafter.cache`.
    """

    def __init__(self, namespace: str) -> None:
        self.namespace = namespace
        """The cache namespace; it must name the environment's configuration (:func:`bytecode_namespace`)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from drafter import cache

        data = cache.load(self.namespace, bucket.key)
        if not isinstance(data, bytes):
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # checksum right but not Jinja's format: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        from drafter import cache

        cache.store(self.namespace, bucket.key, bucket.bytecode_to_string())


def _stable(value: Any) -> Any:
    """``value`` for a cache key: a function or class by its qualified name, not its address."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return value


def bytecode_namespace(env: jinja2.Environment) -> str:
    """The cache namespace of templates compiled by ``env``: ``jinja-<class>-<hash of its configuration>``.

    The code Jinja generates depends on more than the template source: the environment class (a
    sandbox emits attribute checks), the operators it intercepts (:class:`GuardedSandbox` turns
    ``*`` and ``**`` into ``call_binop`` calls), whitespace, finalize, escaping and syntax options,
    the extensions, Jinja's version and the Python implementation that marshals the code. All of
    them are hashed here, so environments configured differently never share compiled code.
    """
    config = (
        jinja2.__version__, sys.implementation.cache_tag, _stable(type(env)), env.sandboxed,
        sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ())),
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
        _stable(env.finalize), _stable(env.autoescape), env.optimized, env.is_async,
        sorted(env.extensions),
    )
    digest = hashlib.sha256(repr(config).encode("utf-8")).hexdigest()[:16]
    return f"jinja-{type(env).__name__}-{digest}"


@lru_cache(maxsize=8)
def _environment(search_path: tuple[str, ...]) -> jinja2.Environment:
    """The sandbox that renders templates from ``search_path``, with the bytecode cache unless it is off."""
    from drafter import cache

    env = GuardedSandbox(
        loader=jinja2.FileSystemLoader(list(search_path)),
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
    env.concat = _concat
    if cache.cache_dir() is not None:
        env.bytecode_cache = TemplateBytecodeCache(bytecode_namespace(env))
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
        text = template.render(plan=plan, phrase=chooser.phrase, stock=chooser.stock, **plan.context)
        return str(text)  # a plain str, not the TemplateOutput Jinja's concat made
    except DrafterError:
        raise
    except jinja2.TemplateSyntaxError as err:  # an included/imported template
        raise TemplateError(f"模板语法错误：{err.message}", file=err.filename or name, line=err.lineno) from None
    except (jinja2.TemplateError, SecurityError, TypeError, ValueError, AttributeError, KeyError, IndexError) as err:
        file, line, source = _template_frame(err)
        message = _describe(err)
        if file and _PARTS_HINT not in message and _is_part_without_macro(file):
            message += _PARTS_HINT
        raise TemplateError(message, file=file or name, line=line, source_line=source) from None
