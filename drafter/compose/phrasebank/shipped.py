"""The built-in bank read ahead of time: ``drafter/data/phrasebank.json``, built from ``phrasebank/``.

Reading the built-in bank's YAML and validating its entries was the largest part of every command that
drafts (bench/README.md). The built-in bank is drafter's own, so ``python -m drafter.compose`` reads and
validates it once, when it changes, into a JSON file shipped as package data: for each built-in file its
SHA-256 and its entries. A command takes a built-in file's entries from there when the file on disk has
that SHA-256, and reads the YAML as for any other bank file when it does not (an edited checkout), so what
is drafted never depends on a stale copy. tests/test_phrasebank_shipped.py rebuilds the file and fails
when the shipped one differs.

The JSON holds only data (strings, numbers, lists); nothing read from it runs.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from drafter.compose.phrasebank.entries import KNOWN_KEYS, Entry, Source, read_file
from drafter.compose.phrasebank.vocabulary import BUILTIN_LAYER
from drafter.errors import DrafterError, ProblemsError
from drafter.input.files import read_artefact, read_limited
from drafter.resources import DATA_DIR, data_dir

SHIPPED = DATA_DIR / "phrasebank.json"
"""The built-in bank's entries, as :func:`build` writes them."""

MAX_BYTES = 4_000_000
"""The largest shipped file read (it is about 170 KB)."""


def builtin_dir() -> Path:
    """The folder of the built-in bank: the repository's ``phrasebank/`` (installed as ``drafter/phrasebank_data``)."""
    return data_dir("phrasebank_data", "phrasebank", "*.yaml")


_DATES = ("valid_from", "valid_until")


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(read_limited(path, limit=MAX_BYTES, what="词库")).hexdigest()
    except ProblemsError:
        return None


def _shipped() -> dict[str, Any]:
    """The shipped file's ``files`` table (file name → sha256 and entries); empty when it is missing."""
    files = read_artefact(SHIPPED, what="内置词库", limit=MAX_BYTES).get("files")
    return files if isinstance(files, dict) else {}


def entries(path: Path) -> list[Entry] | None:
    """The entries of built-in bank file ``path`` as shipped, or None when the file is not the one the
    shipped entries were read from (then it is read as YAML, see :func:`~drafter.compose.phrasebank.entries.read_file`)."""
    record = _shipped().get(path.name)
    if not record or record.get("sha256") != _digest(path):
        return None
    file = os.fspath(path)
    out = []
    for item in record["entries"]:
        values = dict(item["fields"])
        for name in _DATES:
            if name in values:
                values[name] = _dt.date.fromisoformat(values[name])
        entry = Entry(**values)
        entry.tags, entry.needs, entry.timing = tuple(entry.tags), tuple(entry.needs), tuple(entry.timing)
        entry.note = entry.note or ""
        entry.source = Source(file, item["line"], item["column"])
        entry.layer = BUILTIN_LAYER
        out.append(entry)
    return out


def _as_json(entry: Entry) -> dict[str, Any]:
    """An entry as stored: its keys with a value (every key's default is empty: None, "", (), False)."""
    values = {}
    for name in KNOWN_KEYS:
        value = getattr(entry, name)
        if value in (None, "", (), False):
            continue
        values[name] = value.isoformat() if isinstance(value, _dt.date) else list(value) if isinstance(value, tuple) else value
    return {"line": entry.source.line, "column": entry.source.column, "fields": values}


def build(folder: Path | None = None) -> bytes:
    """The shipped file's bytes for the built-in bank in ``folder`` (default: the built-in folder).
    Raises :class:`~drafter.errors.DrafterError` when a file has problems: a bank that does not load is never shipped."""
    folder = folder or builtin_dir()
    files = {}
    for path in sorted(folder.glob("*.yaml")):
        found, problems = read_file(path, BUILTIN_LAYER)
        if problems:
            raise DrafterError(f"内置词库 {path} 有问题，未生成：{problems[0]}")
        files[path.name] = {"sha256": _digest(path), "entries": [_as_json(e) for e in found]}
    return (json.dumps({"files": files}, ensure_ascii=False, indent=0, sort_keys=True) + "\n").encode("utf-8")
