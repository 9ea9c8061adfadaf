"""The Jinja sandbox every template and phrase text runs in.

Templates and phrase texts may come from a unit's own folder, so they are treated as untrusted:
Jinja's immutable sandbox refuses Python internals (``__class__``, ``__globals__`` …) and mutation,
and :class:`GuardedSandbox` also refuses arithmetic that would build something huge
(``9 ** 9 ** 9``, ``"x" * 10**9``), which the plain sandbox allows.
"""

from __future__ import annotations

import abc
import types
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

_METHOD_TYPES = (types.MethodType, types.BuiltinMethodType)

MAX_SEQUENCE = 10_000
"""The longest string or list a template may build with ``*``."""

MAX_EXPONENT = 64
"""The largest exponent a template may use with ``**``."""

MAX_CACHED_ATTRIBUTES = 4096
"""How many (type, attribute name) decisions one environment remembers before it starts afresh."""


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox that also refuses huge ``**`` and ``*`` results (SecurityError, in Chinese).

    It refuses exactly the attributes Jinja's immutable sandbox refuses, but remembers each decision
    per (type of the object, attribute name), since Jinja's checks cost far more than a lookup.
    """

    intercepted_binops = frozenset(["*", "**"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._attribute_decisions: dict[tuple[type, str], bool] = {}
        """(type(obj), attribute name) → is_safe_attribute's answer, valid for :attr:`_abc_token`."""
        self._abc_token = abc.get_cache_token()

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
        token = abc.get_cache_token()
        decisions = self._attribute_decisions
        if token != self._abc_token or len(decisions) >= MAX_CACHED_ATTRIBUTES:
            decisions.clear()
            self._abc_token = token
        key = (cls, attr)
        safe = decisions.get(key)
        if safe is None:
            safe = decisions[key] = super().is_safe_attribute(obj, attr, value)
        return safe

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Jinja's sandboxed ``obj.attribute``, with a fast path for an attribute already judged safe
        for the object's type whose value is not a method: no method means no ``str.format`` to wrap,
        and the decision is the one :meth:`is_safe_attribute` would give (same guards as there).
        A template reads hundreds of attributes a speech, and this path is several times faster."""
        cls = type(obj)
        if self._attribute_decisions.get((cls, attribute)) and abc.get_cache_token() == self._abc_token \
                and getattr(obj, "__class__", None) is cls:
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if not isinstance(value, _METHOD_TYPES):
                    return value
        return super().getattr(obj, attribute)

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        if operator == "**" and (abs(right) > MAX_EXPONENT if isinstance(right, (int, float)) else True):
            raise SecurityError("乘方太大")
        if operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, (str, list, tuple)) and isinstance(b, int) and len(a) * b > MAX_SEQUENCE:
                    raise SecurityError("重复次数太多")
        return super().call_binop(context, operator, left, right)
