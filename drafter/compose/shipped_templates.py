"""The built-in templates compiled ahead of time: ``drafter/data/templates.json``.

Compiling the built-in templates (Jinja's lexer, parser and code generator) was the largest part of a
``drafter render`` after the phrase bank (bench/README.md). They are drafter's own, so
``python -m drafter.compose`` compiles them once, when they change, into the Python source Jinja's code
generator makes for them, shipped as package data with each template's SHA-256 and Jinja's version. A
template whose text has that SHA-256, under that Jinja version, gets that source; any other template
(a unit's own, an edited one, another Jinja) is compiled from its text as usual. Either way Python's
``compile()`` turns the source into code in the process, as Jinja does after its code generator: no
compiled code (bytecode, pickle, marshal) is ever read from a file. tests/test_templates_shipped.py
rebuilds the file and fails when the shipped one differs.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Iterable

import jinja2

from drafter.input.files import read_artefact
from drafter.resources import DATA_DIR

SHIPPED = DATA_DIR / "templates.json"
"""The built-in templates' compiled source, as :func:`build` writes it."""

MAX_BYTES = 4_000_000
"""The largest shipped file read (it is about 100 KB)."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _shipped() -> dict[str, Any]:
    """Template name → its SHA-256 and compiled source; empty when the file is missing or made by another Jinja."""
    data = read_artefact(SHIPPED, what="内置模板", limit=MAX_BYTES)
    found = data.get("templates") if data.get("jinja2") == jinja2.__version__ else None
    return found if isinstance(found, dict) else {}


def compiled_source(name: str, source: str) -> str | None:
    """The shipped Python source of template ``name`` when ``source`` is the text it was compiled from, else None."""
    record = _shipped().get(name)
    if isinstance(record, dict) and record.get("sha256") == _digest(source) and isinstance(record.get("python"), str):
        return record["python"]
    return None


def build(env: jinja2.Environment, names: Iterable[str]) -> bytes:
    """The shipped file's bytes: each template of ``names`` (found through ``env``'s loader) compiled by ``env``."""
    templates = {}
    for name in sorted(names):
        source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        templates[name] = {"sha256": _digest(source), "python": env.compile(source, name, filename, raw=True)}
    data = {"jinja2": jinja2.__version__, "templates": templates}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
