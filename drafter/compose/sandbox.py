"""The Jinja sandbox every template and phrase text runs in, with a budget for each render.

Templates and phrase texts may come from a colleague's folder, so they are treated as hostile.
:class:`GuardedSandbox` is Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment` (no Python
internals, no mutation) plus budgets, so that no text can hang drafter or eat the machine's memory:

- time: one render (a whole speech with its parts, or one phrase text) stops after :data:`MAX_SECONDS`;
- size: no value a text builds (a string, a list) is bigger than :data:`MAX_SIZE`, all of them together
  not bigger than :data:`MAX_BUILT`, and the output not longer than :data:`MAX_SIZE` characters;
- loops: at most :data:`MAX_ITERATIONS` loop iterations a render, ``range()`` at most as long;
- depth: macros, ``include``, ``import`` and ``extends`` nested at most :data:`MAX_DEPTH` deep.

Each operation that could build something huge is checked *before* it runs (``center``, ``format``,
``~``, ``*``, ``**``, ``%``, ``range``, ``lipsum``, ``join``, ``replace``, ``indent`` …); every filter, call,
operator and loop step counts against the render's time. A breach raises :class:`BudgetExceeded`, a
:class:`~jinja2.sandbox.SecurityError` with a Chinese message; the caller adds the file and line.
"""

from __future__ import annotations

import contextvars
import re
import string
import sys
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator

from jinja2 import TemplateSyntaxError, nodes
from jinja2.compiler import CodeGenerator
from jinja2.environment import Template
from jinja2.runtime import markup_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer

MAX_SECONDS = 2.0
"""The longest one render may take (a speech with all its parts, or one phrase text)."""

MAX_SIZE = 1_000_000
"""The biggest value a text may build and the longest output: characters of its strings plus one per
item of its lists, tuples and dicts (a part shared twice counts twice, as it prints twice)."""

MAX_BUILT = 20_000_000
"""The most a render may build in all (the sizes of every value built, added up)."""

MAX_ITERATIONS = 100_000
"""The most loop iterations one render may make, and the longest ``range()``."""

MAX_DEPTH = 50
"""How deep macro calls, ``include``, ``import`` and ``extends`` may nest."""

MAX_INT_BITS = 10_000
"""The biggest whole number (in bits, about 3,000 digits) ``*`` and ``**`` may make."""


class BudgetExceeded(SecurityError):
    """A text went over one of the render budgets (the message says which, in Chinese)."""


class _Budget:
    """What one render has used so far."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.iterations = 0
        self.built = 0
        self.depth = 0


_current: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("drafter_render_budget", default=None)
"""The budget of the render running in this thread (None outside a render)."""


def _tick() -> _Budget | None:
    """The current render's budget, after checking its clock."""
    budget = _current.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise BudgetExceeded(f"生成时间超过 {MAX_SECONDS:g} 秒（可能是循环或递归太多），已停止")
    return budget


_CONTAINERS = (list, tuple, set, frozenset, dict)


def _parts(container: Any) -> Iterable:
    if isinstance(container, dict):
        for key, value in container.items():
            yield key
            yield value
    else:
        yield from container


def size_of(value: Any, limit: int = MAX_SIZE) -> int:
    """How big ``value`` is as :data:`MAX_SIZE` counts it; stops counting once over ``limit``.

    A part shared by several containers counts once for each, but is measured once (memo by id:
    every part is alive while it is measured), so doubling ``[a, a]`` costs one step, not a walk."""
    if isinstance(value, (str, bytes, range)):
        return len(value)
    if not isinstance(value, _CONTAINERS):
        return 0
    memo: dict[int, int] = {}
    opened: set[int] = set()  # a container inside itself (only Python code can make one) counts once
    stack: list[tuple[Any, bool]] = [(value, False)]
    while stack:
        container, measured = stack.pop()
        if measured:
            total = 1 + len(container)
            for part in _parts(container):
                total += len(part) if isinstance(part, (str, bytes, range)) else memo.get(id(part), 0)
                if total > limit:
                    return total
            memo[id(container)] = total
        elif id(container) not in opened:
            opened.add(id(container))
            stack.append((container, True))
            stack.extend((part, False) for part in _parts(container)
                         if isinstance(part, _CONTAINERS) and id(part) not in opened)
    return memo[id(value)]


def _check_size(predicted: int, what: str) -> None:
    if predicted > MAX_SIZE:
        raise BudgetExceeded(f"{what}的结果会有约 {predicted} 个字符（或项），超过每个值的上限 {MAX_SIZE}")


def _check_width(number: str) -> None:
    if number and int(number) > MAX_SIZE:
        raise BudgetExceeded(f"格式里的宽度 {int(number)} 超过上限 {MAX_SIZE}")


def _built(value: Any) -> Any:
    """``value`` after checking its size against :data:`MAX_SIZE` and the render's :data:`MAX_BUILT`."""
    size = size_of(value)
    _check_size(size, "这一步")
    budget = _tick()
    if budget is not None:
        budget.built += size
        if budget.built > MAX_BUILT:
            raise BudgetExceeded(f"生成的内容累计超过 {MAX_BUILT} 个字符，已停止")
    return value


def _int_bits(value: Any) -> int:
    return value.bit_length() if isinstance(value, int) and not isinstance(value, bool) else 0


# ---------------------------------------------------------------- format strings

_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d*)(?:\.(\*|\d*))?[hlL]?([a-zA-Z%])")


def _check_percent(fmt: str, args: Any) -> None:
    """Refuse ``fmt % args`` (and ``fmt|format(args)``) when its result could be too big."""
    specs = _PERCENT_SPEC.findall(fmt)
    for width, precision, _ in specs:
        for number in (width, precision):
            if number == "*":
                raise BudgetExceeded("格式里不能用 * 指定宽度")
            _check_width(number)
    values = list(args.values()) if isinstance(args, dict) else list(args) if isinstance(args, tuple) else [args]
    biggest = max((size_of(v) for v in values), default=0)
    _check_size(len(fmt) + len(specs) * biggest, "格式化")


def _check_format(fmt: str, args: tuple, kwargs: dict) -> None:
    """Refuse ``fmt.format(…)``/``format_map`` when its result could be too big (widths, repeated fields)."""
    fields = 0
    for _, field, spec, _ in string.Formatter().parse(fmt):
        if field is None:
            continue
        fields += 1
        if spec and "{" in spec:
            raise BudgetExceeded("格式说明里不能再嵌套 {}")
        for number in re.findall(r"\d+", spec or ""):
            _check_width(number)
    values = [*args, *kwargs.values()]
    biggest = max((size_of(v) for v in values), default=0)
    _check_size(len(fmt) + fields * biggest, "格式化")


# ---------------------------------------------------------------- predictions, by operation

def _lines(s: Any) -> int:
    return str(s).count("\n") + 1


def _replace_size(s: Any, old: Any, new: Any, count: Any = -1) -> int:
    s, old, new = str(s), str(old), str(new)
    hits = s.count(old) if old else len(s) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(s) + hits * max(0, len(new) - len(old))


def _join_size(sep: Any, items: list) -> int:
    return len(str(sep)) * max(0, len(items) - 1) + sum(size_of(i) for i in items)


_FILTER_SIZES: dict[str, Callable[..., int]] = {
    "center": lambda s, width=80: max(len(str(s)), width if isinstance(width, int) else 0),
    "indent": lambda s, width=4, *a, **k: len(str(s)) + _lines(s) * (len(width) if isinstance(width, str) else
                                                                      width if isinstance(width, int) else 0),
    "wordwrap": lambda s, width=79, brk=True, wrapstring=None, *a, **k: len(str(s)) * (1 + len(wrapstring or "\n")),
    "replace": _replace_size,
    "batch": lambda value, linecount, fill_with=None: linecount if fill_with is not None and isinstance(linecount, int) else 0,
    "slice": lambda value, slices, fill_with=None: slices if isinstance(slices, int) else 0,
}
"""Filter name → the size of its result, predicted from its arguments (value first), before it runs."""

_STRING_METHOD_SIZES: dict[str, Callable[..., int]] = {
    "center": lambda s, width, *a: max(len(s), width),
    "ljust": lambda s, width, *a: max(len(s), width),
    "rjust": lambda s, width, *a: max(len(s), width),
    "zfill": lambda s, width: max(len(s), width),
    "expandtabs": lambda s, tabsize=8: len(s) + s.count("\t") * max(0, tabsize),
    "replace": _replace_size,
    "join": lambda s, items: _join_size(s, list(items)),
    "translate": lambda s, table, *a: len(s) * max([1] + [size_of(v) for v in getattr(table, "values", list)()]),
}

_METHOD_SIZES: dict[tuple[type, str], Callable[..., int]] = {
    **{(str, name): predict for name, predict in _STRING_METHOD_SIZES.items()},
    **{(bytes, name): predict for name, predict in _STRING_METHOD_SIZES.items()},
    (int, "to_bytes"): lambda n, length=1, *a, **k: length,
}
"""(type, method name) → the size of the method's result, predicted before it runs (bytes arguments
are measured as text, see :func:`_text`)."""


def _text(value: Any) -> Any:
    """``value`` with bytes as text of the same length, for the predictions."""
    return value.decode("latin-1") if isinstance(value, bytes) else value


def _guard_filter(name: str, func: Callable) -> Callable:
    """``func`` (the filter ``name``) with its result's size predicted (when it can grow) and checked."""
    predict = _FILTER_SIZES.get(name)
    pass_arg = getattr(func, "jinja_pass_arg", None)

    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        plain = args[1:] if pass_arg is not None else args  # without the context/environment Jinja passes first
        if name == "format" and plain and isinstance(plain[0], str):
            _check_percent(plain[0], kwargs or tuple(plain[1:]))
        elif name in ("join", "sum") and plain:
            items = list(plain[0])
            args = (*args[:len(args) - len(plain)], items, *plain[1:])
            if name == "join":
                _check_size(_join_size(plain[1] if len(plain) > 1 else kwargs.get("d", ""), items), "过滤器 join ")
            elif not all(isinstance(i, (int, float)) for i in items):
                _check_size(len(items) * sum(size_of(i) for i in items), "过滤器 sum ")
        elif predict is not None and plain:
            try:
                predicted = predict(*plain, **kwargs)
            except (TypeError, ValueError):
                predicted = 0  # wrong arguments: the filter itself says so
            _check_size(predicted, f"过滤器 {name} ")
        return _built(func(*args, **kwargs))

    guarded.__name__ = getattr(func, "__name__", name)
    if pass_arg is not None:
        guarded.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return guarded


def _range(*args: int) -> range:
    """``range()`` as templates get it: at most :data:`MAX_ITERATIONS` long."""
    result = range(*args)
    if len(result) > MAX_ITERATIONS:
        raise BudgetExceeded(f"range() 有 {len(result)} 项，超过上限 {MAX_ITERATIONS}")
    return result


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:  # noqa: A002 - Jinja's names
    """``lipsum()`` as templates get it: at most :data:`MAX_SIZE` characters."""
    _check_size(n * max * 12, "lipsum() ")
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


# ---------------------------------------------------------------- loops, ``~`` and literals in compiled code

def _call(name: str, *args: nodes.Expr) -> nodes.Call:
    return nodes.Call(nodes.EnvironmentAttribute(name), list(args), [], None, None)


class _Budgeted(NodeTransformer):
    """Routes through the environment what Jinja compiles to plain Python: loops (each step counted),
    ``~`` (size predicted) and list, tuple and dict literals (size checked)."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        node = self.generic_visit(node)
        node.iter = _call("budgeted_loop", node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        node = self.generic_visit(node)
        return _call("budgeted_concat", nodes.List(node.nodes))

    def _literal(self, node: nodes.Expr) -> nodes.Expr:
        node = self.generic_visit(node)
        return _call("budgeted_value", node) if getattr(node, "ctx", "load") == "load" else node

    visit_List = visit_Tuple = visit_Dict = _literal


_NESTING = re.compile(r"(\n)|([(\[])|([)\]])|\{%-?\s*(end)?(?:if|for|macro|call|filter|block|with)\b")


def _deepest_line(source: Any) -> int:
    """The line of ``source`` where brackets and block tags are nested deepest (1 if it is not text)."""
    if not isinstance(source, str):
        return 1
    line = deepest_line = 1
    depth = deepest = 0
    for newline, opening, closing, end in _NESTING.findall(source):
        if newline:
            line += 1
            continue
        depth += -1 if closing or end else 1
        if depth > deepest:
            deepest, deepest_line = depth, line
    return deepest_line


@contextmanager
def _too_deep(source: Any, name: str | None, filename: str | None) -> Iterator[None]:
    """A text nested too deep for Jinja's parser (RecursionError) or for Python (more than 20 nested
    loops and blocks: SyntaxError) becomes a TemplateSyntaxError at its deepest line."""
    try:
        yield
    except (RecursionError, SyntaxError) as err:
        message = "嵌套太深（括号或 if、for 等标签套得太多），无法编译"
        if isinstance(err, SyntaxError) and "nested blocks" not in str(err):
            message = f"无法编译：{err.msg}"
        raise TemplateSyntaxError(message, _deepest_line(source), name, filename) from None


class _BudgetedCodeGenerator(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Any = None) -> None:
        super().visit_Template(_Budgeted().visit(node), frame)


class GuardedTemplate(Template):
    """A template whose :meth:`render` runs within one budget (a render inside it shares that budget)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with render_budget():
            return super().render(*args, **kwargs)


@contextmanager
def render_budget() -> Iterator[None]:
    """The budget of one render: a new one, or the one already running in this thread."""
    if _current.get() is not None:
        yield
        return
    token = _current.set(_Budget())
    try:
        yield
    finally:
        _current.reset(token)


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, plus the budgets of this module (each breach: :class:`BudgetExceeded`).

    ``output_type`` is the type of what a render or a macro returns (``str`` unless changed)."""

    code_generator_class = _BudgetedCodeGenerator
    template_class = GuardedTemplate
    intercepted_binops = frozenset(["+", "*", "**", "%"])
    output_type: type[str] = str

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range
        self.globals["lipsum"] = _lipsum
        self.filters = {name: _guard_filter(name, f) for name, f in self.filters.items()}

    def parse(self, source: str, name: str | None = None, filename: str | None = None) -> nodes.Template:
        """Jinja's, with a text nested too deep refused as a syntax error (see :func:`_too_deep`)."""
        with _too_deep(source, name, filename):
            return super().parse(source, name, filename)

    def compile(self, source: Any, name: str | None = None, filename: str | None = None,  # type: ignore[override]
                raw: bool = False, defer_init: bool = False) -> Any:
        """Jinja's, with a text nested too deep refused as a syntax error (see :func:`_too_deep`)."""
        with _too_deep(source, name, filename):
            return super().compile(source, name, filename, raw, defer_init)

    # the hooks the compiled code calls (see _Budgeted)

    def budgeted_loop(self, iterable: Iterable) -> Iterator:
        for item in iterable:
            budget = _tick()
            if budget is not None:
                budget.iterations += 1
                if budget.iterations > MAX_ITERATIONS:
                    raise BudgetExceeded(f"循环次数超过 {MAX_ITERATIONS} 次，已停止")
            yield item

    def budgeted_concat(self, pieces: list) -> str:
        _check_size(sum(size_of(p) for p in pieces), "用 ~ 连接")
        if any(hasattr(p, "__html__") for p in pieces):
            return _built(markup_join(pieces))
        return _built("".join(map(str, pieces)))

    def budgeted_value(self, value: Any) -> Any:
        return _built(value)

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        """What Jinja joins a render's, a macro's or a ``{% set %}`` block's output with."""
        out: list[str] = []
        length = 0
        for piece in pieces:
            _tick()
            length += len(piece)
            if length > MAX_SIZE:
                raise BudgetExceeded(f"输出超过 {MAX_SIZE} 个字符，已停止")
            out.append(piece)
        return _built(self.output_type("".join(out)))

    # Jinja's own hooks

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        budget = _tick()
        owner = getattr(__obj, "__self__", None)
        method = getattr(__obj, "__name__", "")
        predict = _METHOD_SIZES.get((type(owner), method))
        if predict is not None:
            if method == "join":
                args = (list(args[0]), *args[1:]) if args else args
            try:
                predicted = predict(*map(_text, (owner, *args)), **{k: _text(v) for k, v in kwargs.items()})
            except (TypeError, ValueError):
                predicted = 0  # wrong arguments: the call itself says so
            _check_size(predicted, f"{method}() ")
        if budget is None:
            return _built(super().call(__context, __obj, *args, **kwargs))
        if budget.depth >= MAX_DEPTH:
            raise BudgetExceeded(f"宏或循环嵌套超过 {MAX_DEPTH} 层（可能是无限递归），已停止")
        budget.depth += 1
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        return _built(result)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
            if max(_int_bits(left), 1) * right > MAX_INT_BITS and abs(left) > 1:
                raise BudgetExceeded(f"乘方结果太大（超过 {MAX_INT_BITS} 位二进制）")
        elif operator == "*":
            if _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
                raise BudgetExceeded(f"乘积太大（超过 {MAX_INT_BITS} 位二进制）")
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int):
                    _check_size(size_of(seq) * times, "重复（*）")
        elif operator == "+" and not isinstance(left, (int, float)):
            _check_size(size_of(left) + size_of(right), "相加（+）")
        elif operator == "%" and isinstance(left, (str, bytes)):
            _check_percent(_text(left), right)
        return _built(super().call_binop(context, operator, left, right))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        def guarded(*args: Any, **kwargs: Any) -> str:
            if value.__name__ == "format_map":
                _check_format(fmt, (), dict(args[0]) if args and hasattr(args[0], "keys") else {})
            else:
                _check_format(fmt, args, kwargs)
            return wrapper(*args, **kwargs)

        return guarded

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> Template:  # noqa: A002
        """Jinja's, refusing an ``include``/``import``/``extends`` nested more than :data:`MAX_DEPTH` deep."""
        _tick()
        depth, frame = 0, sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("environment") is self:  # a frame of a compiled template of this sandbox
                depth += 1
                if depth > MAX_DEPTH:
                    raise BudgetExceeded(f"模板的 include、import 或 extends 嵌套超过 {MAX_DEPTH} 层"
                                         "（可能是模板引用了自己），已停止")
            frame = frame.f_back
        return super().get_template(name, parent, globals)
