"""One error module: every exception class of drafter lives in drafter/errors.py (an internal one, never
shown to a writer, may stay beside its code with a comment saying why), and no two classes share a name."""

from __future__ import annotations

import ast
import importlib
import inspect
from collections import defaultdict
from pathlib import Path

import drafter.errors

PACKAGE = Path(drafter.errors.__file__).parent

OUTSIDE = {"drafter.compose.sandbox.BudgetExceeded": "a Jinja SecurityError: the sandbox's own refusal, "
                                                     "turned into a TemplateError where a text is rendered"}
"""Exception classes outside drafter/errors.py without a comment of their own, and why."""


def _modules() -> list[str]:
    out = []
    for f in sorted(PACKAGE.rglob("*.py")):
        parts = list(f.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out.append(".".join(parts))
    return out


def test_every_exception_class_is_in_the_error_module_or_says_why_not():
    stray = []
    for name in _modules():
        module = importlib.import_module(name)
        for cls_name, cls in vars(module).items():
            if not (inspect.isclass(cls) and issubclass(cls, BaseException) and cls.__module__ == name):
                continue
            if name == "drafter.errors" or f"{name}.{cls_name}" in OUTSIDE:
                continue
            lines, start = inspect.getsourcelines(cls)
            above = inspect.getsource(module).splitlines()[start - 2].strip()
            if not above.startswith("# Internal"):
                stray.append(f"{name}.{cls_name}")
    assert stray == [], "move these to drafter/errors.py, or say above the class why it is internal"


def test_the_writers_errors_derive_from_the_base_error():
    errors = [c for c in vars(drafter.errors).values()
              if inspect.isclass(c) and issubclass(c, BaseException) and c.__module__ == "drafter.errors"]
    assert len(errors) > 10
    assert all(issubclass(c, drafter.errors.DrafterError) for c in errors)


def test_no_two_classes_of_drafter_share_a_name():
    where = defaultdict(list)
    for f in sorted(PACKAGE.rglob("*.py")):
        for node in ast.parse(f.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where[node.name].append(f"{f.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert {name: places for name, places in where.items() if len(places) > 1} == {}
