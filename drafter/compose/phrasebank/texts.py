"""Rendering a phrase text: every text is a Jinja template run in drafter's guarded sandbox.

The sandbox (:class:`drafter.compose.sandbox.GuardedSandbox`) has no globals and ``StrictUndefined``, so
a bank from elsewhere reaches nothing but the variables of
:data:`~drafter.compose.phrasebank.vocabulary.CONTEXT_VARIABLES`; its budgets bound time, size and depth.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Mapping

import jinja2
from jinja2 import meta
from jinja2.sandbox import SecurityError

from drafter.compose.sandbox import BudgetExceeded, GuardedSandbox
from drafter.compose.phrasebank.vocabulary import CONTEXT_VARIABLES
from drafter.errors import TemplateError


@functools.lru_cache(maxsize=1)
def sandbox() -> GuardedSandbox:
    """The Jinja environment for phrase texts, one per process: guarded immutable sandbox, strict undefined,
    no globals (nothing changes it after this, so every bank and every draft can share it)."""
    env = GuardedSandbox(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals.clear()
    return env


_PLAIN_VARIABLE = re.compile(r"\{\{ *[a-z_]+ *\}\}")


def syntax_error(env: jinja2.Environment, text: str) -> tuple[str, int] | None:
    """Jinja's message and the 1-based line inside ``text`` of its syntax error, or None when it parses."""
    # A text whose only Jinja is {{ name }} (nearly every entry) parses; not handing it to Jinja's parser
    # saves about 25 ms of every command that loads the bank (bench/run.py). Any other brace is parsed.
    if not any(c in _PLAIN_VARIABLE.sub("", text) for c in "{}"):
        return None
    try:
        env.parse(text)
    except jinja2.TemplateSyntaxError as err:
        return err.message or str(err), err.lineno or 1
    return None


def undeclared_variables(env: jinja2.Environment, text: str) -> set[str]:
    """The variables a phrase text uses (raises jinja2.TemplateSyntaxError when it does not parse)."""
    return set(meta.find_undeclared_variables(env.parse(text)))


@functools.lru_cache(maxsize=4096)
def _compiled(env: jinja2.Environment, text: str) -> jinja2.Template:
    """``text`` compiled in ``env``, once per process: a batch or the writer's desk drafts again and again
    with the same phrase texts, and compiling them each time was about half of a warm draft (the quarterly
    example: 32 ms → 17 ms a draft in one process; bench/run.py's 200-brief batch: 3.3 s → 2.4 s)."""
    return env.from_string(text)


def render_entry(env: jinja2.Environment, entry: Any, context: Mapping[str, object]) -> str:
    """The text of ``entry`` (an :class:`~drafter.compose.phrasebank.entries.Entry`) rendered with
    ``context`` in ``env``; a failure is a :class:`TemplateError` naming the entry and where it is written."""
    where = dict(file=entry.source.file, line=entry.source.line)
    try:
        out = _compiled(env, entry.text).render(dict(context))
    except BudgetExceeded as err:  # before SecurityError, which it is: a hang or a blow-up stopped
        raise TemplateError(f"词库条目 {entry.id} 的文字{err}", **where) from None
    except SecurityError as err:
        raise TemplateError(f"词库条目 {entry.id} 的文字试图访问不允许的内容，已拒绝执行（{err}）。"
                            "提示：条目文字里只能用 {{ 变量 }} 和简单的过滤器，不能访问 Python 内部属性", **where) from None
    except jinja2.UndefinedError as err:
        m = re.search(r"'([^']+)' is undefined", str(err))
        var = m.group(1) if m else str(err)
        raise TemplateError(f"词库条目 {entry.id} 用了未定义的变量 “{var}”。提示：可用的变量有 "
                            + "、".join(CONTEXT_VARIABLES), **where) from None
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(f"词库条目 {entry.id} 的 Jinja 写法有误：{err.message}", **where) from None
    except TemplateError:
        raise
    except Exception as err:  # anything else a hostile or broken text can raise while rendering
        raise TemplateError(f"词库条目 {entry.id} 无法生成文字：{type(err).__name__}: {err}", **where) from None
    return out.strip()
