"""The Jinja sandbox every template and phrase text runs in.

Templates and phrase texts may come from a unit's own folder, so they are treated as untrusted:
Jinja's immutable sandbox refuses Python internals (``__class__``, ``__globals__`` …) and mutation,
and :class:`GuardedSandbox` also refuses arithmetic that would build something huge
(``9 ** 9 ** 9``, ``"x" * 10**9``), which the plain sandbox allows.
"""

from __future__ import annotations

from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

MAX_SEQUENCE = 10_000
"""The longest string or list a template may build with ``*``."""

MAX_EXPONENT = 64
"""The largest exponent a template may use with ``**``."""


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """An immutable sandbox that also refuses huge ``**`` and ``*`` results (SecurityError, in Chinese)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):  # type: ignore[override]
        if operator == "**" and (abs(right) > MAX_EXPONENT if isinstance(right, (int, float)) else True):
            raise SecurityError("乘方太大")
        if operator == "*":
            for a, b in ((left, right), (right, left)):
                if isinstance(a, (str, list, tuple)) and isinstance(b, int) and len(a) * b > MAX_SEQUENCE:
                    raise SecurityError("重复次数太多")
        return super().call_binop(context, operator, left, right)
