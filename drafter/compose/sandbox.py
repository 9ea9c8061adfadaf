"""The Jinja sandbox every template and phrase text runs in.

Templates and phrase texts may come from a unit's own folder, so they are treated as untrusted:
Jinja's immutable sandbox refuses Python internals (``__class__``, ``__globals__`` …) and mutation,
and :class:`GuardedSandbox` also refuses arithmetic that would build something huge
(``9 ** 9 ** 9``, ``"x" * 10**9``), which the plain sandbox allows.
"""

from __future__ import annotations

import abc
from types import BuiltinMethodType, FunctionType, MethodType
from typing import Any

from jinja2 import pass_eval_context
from jinja2.runtime import Context, Macro
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment, SecurityError

_METHOD_TYPES = (MethodType, BuiltinMethodType)
_abc_cache_token = abc.get_cache_token

_NO_DECISIONS: dict[str, bool] = {}
"""The attribute decisions of a type not seen yet (never written to)."""

_CALL_MARKERS = ("unsafe_callable", "alters_data", "jinja_pass_arg")
"""The attributes Jinja reads from a callable before calling it (see :meth:`GuardedSandbox.call`)."""


def _unmarked(namespace: dict) -> bool:
    """Whether ``namespace`` (a function's or a Macro's ``__dict__``) holds none of :data:`_CALL_MARKERS`."""
    return not ("unsafe_callable" in namespace or "alters_data" in namespace or "jinja_pass_arg" in namespace)


_FAST_CALLS = (
    not any(hasattr(t, name) for t in (FunctionType, MethodType, Macro) for name in _CALL_MARKERS)
    and getattr(Macro.__call__, "jinja_pass_arg", None) is pass_eval_context(lambda: None).jinja_pass_arg
)
"""Whether what :meth:`GuardedSandbox.call` relies on holds in this Jinja: no marker defined by the
function, method or Macro types, and Macro's ``__call__`` taking the eval context."""

MAX_SEQUENCE = 10_000
"""The longest string or list a template may build with ``*``."""

MAX_EXPONENT = 64
"""The largest exponent a template may use with ``**``."""

MAX_CACHED_ATTRIBUTES = 4096
"""How many (type, attribute name) decisions one environment remembers before it starts afresh."""


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox that also refuses huge ``**`` and ``*`` results (SecurityError, in Chinese).

    It refuses exactly what Jinja's immutable sandbox refuses, but remembers each attribute decision
    per (type of the object, attribute name), since Jinja's checks cost far more than a lookup, and
    calls macros and plain functions without Jinja's attribute probes when none can apply (:meth:`call`).
    """

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._attribute_decisions: dict[type, dict[str, bool]] = {}
        """type(obj) → attribute name → is_safe_attribute's answer, valid for :attr:`_abc_token` (by
        type first, so that :meth:`getattr` looks a name up without building a key tuple)."""
        self._decision_count = 0
        """How many answers :attr:`_attribute_decisions` holds (bounded by MAX_CACHED_ATTRIBUTES)."""
        self._abc_token = abc.get_cache_token()
        self._fast_calls = (_FAST_CALLS and self.context_class.call is Context.call
                            and type(self).is_safe_callable is SandboxedEnvironment.is_safe_callable)
        """Whether :meth:`call` may take its fast path: the checks it stands in for are Jinja's own."""

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Why caching per (type(obj), attr) is sound, from jinja2/sandbox.py (3.1): the decision is
        # ``attr.startswith("_")``, ``is_internal_attribute(obj, attr)`` (isinstance tests against
        # FunctionType, MethodType, type, CodeType …, then the name) and ``modifies_known_mutable(obj,
        # attr)`` (isinstance tests against MutableSet/MutableMapping/MutableSequence/deque, then the
        # name); ``value`` is not looked at. An isinstance answer depends on type(obj) with two
        # exceptions, both handled here: an object whose ``__class__`` differs from its type (isinstance
        # also consults ``__class__``) is never cached, and registering a class with an ABC changes
        # the answer for the same type, so the decisions are dropped whenever abc's cache token
        # (bumped by every ``ABC.register``) changes.
        cls = type(obj)
        if getattr(obj, "__class__", None) is not cls:
            return super().is_safe_attribute(obj, attr, value)
        token = _abc_cache_token()
        if token != self._abc_token or self._decision_count >= MAX_CACHED_ATTRIBUTES:
            self._attribute_decisions.clear()
            self._decision_count = 0
            self._abc_token = token
        decisions = self._attribute_decisions.setdefault(cls, {})
        safe = decisions.get(attr)
        if safe is None:
            safe = decisions[attr] = super().is_safe_attribute(obj, attr, value)
            self._decision_count += 1
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed ``obj.attribute``, with a fast path for an attribute already judged safe
        for the object's type whose value is not a method: no method means no ``str.format`` to wrap,
        and the decision is the one :meth:`is_safe_attribute` would give (same guards as there).
        A template reads hundreds of attributes a speech, and this path is several times faster.

        The checks go from the cheapest and most selective: a name judged safe for this type (two
        dict lookups, no key tuple to build), the object's ``__class__`` being its type,
        abc's cache token unchanged; then the value, which must not be a method."""
        cls = type(obj)
        if self._attribute_decisions.get(cls, _NO_DECISIONS).get(attribute) and getattr(obj, "__class__", None) is cls \
                and _abc_cache_token() == self._abc_token:
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if not isinstance(value, _METHOD_TYPES):
                    return value
        return super().getattr(obj, attribute)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        """Jinja's sandboxed call, with a fast path for what a speech calls dozens of times: the
        templates' macros (the parts, ``templates/parts/``) and Python functions and methods
        (``phrase()``, ``stock()``).

        Before a call Jinja looks for attributes of the callable (:data:`_CALL_MARKERS`): the sandbox
        refuses one marked ``unsafe_callable`` or ``alters_data`` (:meth:`is_safe_callable`), and
        :meth:`jinja2.runtime.Context.call` passes the context, its eval context or the environment
        first to one marked ``jinja_pass_arg``. Those lookups usually fail, and a failed lookup on a
        method is slow. For a function, a method of one, or a macro, getattr can find these names only
        in the function's (or the Macro's) ``__dict__``, since none of those types defines them
        (:data:`_FAST_CALLS`). So when that ``__dict__`` holds none of them, the call is made here as
        Context.call makes it: a macro gets the eval context first (Macro's ``__call__`` is
        ``pass_eval_context``), the compiler's ``_loop_vars``/``_block_vars`` are dropped, and a
        StopIteration becomes an undefined value. Anything else, a callable with any of the markers,
        or a subclass that changes those checks (:attr:`_fast_calls`) takes Jinja's own path.
        """
        cls = type(__obj)
        if not __self._fast_calls:
            fast = False
        elif cls is Macro:
            fast = _unmarked(__obj.__dict__) and "__call__" not in __obj.__dict__  # no __call__ of its own
            if fast:
                args = (__context.eval_ctx, *args)
        elif cls is MethodType:
            func = __obj.__func__
            fast = type(func) is FunctionType and _unmarked(func.__dict__)
        elif cls is FunctionType:
            fast = _unmarked(__obj.__dict__)
        else:
            fast = False
        if not fast:
            return super().call(__context, __obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __context.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        if operator == "**" and (abs(right) > MAX_EXPONENT if isinstance(right, (int, float)) else True):
            raise SecurityError("乘方太大")
        if operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, (str, list, tuple)) and isinstance(b, int) and len(a) * b > MAX_SEQUENCE:
                    raise SecurityError("重复次数太多")
        return super().call_binop(context, operator, left, right)
