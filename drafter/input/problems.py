"""What the record engine found wrong, in the writer's terms: :class:`~drafter.input.records.Invalid` →
:class:`~drafter.errors.Problem`, for any record class.

Each problem names the key as a dotted path with its short Chinese name taken from the field's
docstring (``options.minutes（讲话时长目标）``), stands at the file:line:col of the value (or of the key,
for an unknown key), and has a hint; an unknown key gets the nearest known one. :func:`read_record`
validates a whole loaded file and returns every problem at once, sorted by line.
"""

from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import Any

from drafter.errors import Problem
from drafter.input import records
from drafter.input.records import FieldInfo, Invalid
from drafter.input import yamlfile
from drafter.input.yamlfile import YamlDocument


@functools.lru_cache(maxsize=None)
def labels(cls: type) -> dict[str, str]:
    """Dotted key (no list indexes) → its short Chinese name: the field docstring up to the first
    ：，。（ — for every field of record ``cls`` and of the records inside it."""
    out: dict[str, str] = {}

    def collect(model: type, prefix: str, seen: tuple) -> None:
        docs = records.docstrings(model)
        for name, f in records.fields(model).items():
            out[prefix + name] = re.split(r"[：，。（]", docs.get(name, ""), maxsplit=1)[0]
            inner = records.record_inside(f.annotation)
            if inner is not None and inner not in seen:
                collect(inner, prefix + name + ".", seen + (inner,))

    collect(cls, "", (cls,))
    return out


def dotted(path: tuple) -> str:
    """``("opinions", "items", 0, "heading")`` → ``opinions.items[1].heading`` (items counted from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (("." if out else "") + str(part))
    return out


def label(cls: type, path: tuple, at: tuple = ()) -> str:
    """The dotted path with its Chinese name in brackets, when the field has one (``path`` is in a
    ``cls`` record that stands at ``at`` in the file)."""
    key = ".".join(str(p) for p in path[len(at):] if not isinstance(p, int))
    name = labels(cls).get(key, "")
    return f"{dotted(path)}（{name}）" if name else dotted(path)


def field_at(cls: type, path: tuple) -> tuple[type | None, FieldInfo | None]:
    """The record reached by following ``path`` from ``cls``, and the last field passed (or None)."""
    model: Any = cls
    f = None
    for part in path:
        if isinstance(part, int):
            continue
        f = records.fields(model).get(part) if model is not None else None
        if f is None:
            return None, None
        model = records.record_inside(f.annotation)
    return model, f


def _bounds(cls: type, path: tuple) -> tuple[int | None, int | None]:
    """(ge, le) of the whole-number field at ``path``."""
    f = field_at(cls, path)[1]
    specs = records.unpack(f.annotation)[1] if f is not None else ()
    lo = next((s.ge for s in specs if s.ge is not None), None)
    hi = next((s.le for s in specs if s.le is not None), None)
    return lo, hi


def problem_for(cls: type, err: Invalid, doc: YamlDocument, *, at: tuple = (), example: str = "",
                extra_keys: tuple[str, ...] = ()) -> Problem:
    """The writer's message for ``err``, found validating the value at ``at`` in ``doc`` (the whole
    file by default) as a ``cls`` record. ``example`` ends the hint of a missing key (where an
    example is, e.g. «drafter new 生成的简报里有示例»); ``extra_keys`` are keys of the record's own
    level the caller reads itself (offered beside the record's own)."""
    path, kind = err.loc, err.kind
    name = label(cls, path, at) or "文件最外层"
    if kind == "extra_forbidden":
        key = path[-1]
        model = field_at(cls, path[len(at):-1])[0]
        known = list(records.fields(model)) if model is not None else []
        if model is cls:
            known += list(extra_keys)
        near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
        hint = f"是不是「{near[0]}」？" if near else ""
        hint += f"这一层可用的键：{'、'.join(known)}" if known else ""
        return doc.problem(path, f"不认识的键「{key}」", hint, key=True)
    if kind == "missing":
        parent = path[:-1]
        hint = f"在{dotted(parent) or '文件最外层'}下加上「{path[-1]}: …」" + (f"；{example}" if example else "")
        return doc.problem(parent, f"缺少必填项 {name}", hint, key=bool(parent))
    if kind == "value_error":
        return doc.problem(path, f"{name}：{err.ctx['error']}", err.ctx.get("hint", ""))
    if kind == "string_type":
        return doc.problem(path, f"{name} 应是一段文字", "直接写文字；不要写成列表或“键: 值”")
    if kind == "list_type":
        return doc.problem(path, f"{name} 应是一个列表", "每一项另起一行，以“- ”开头")
    if kind == "model_type":
        return doc.problem(path, f"{name} 下面应是若干“键: 值”", "在下一行缩进两个空格，写“键: 值”")
    if kind == "int_parsing":
        return doc.problem(path, f"{name} 应是一个整数，这里是「{err.input}」", "只写数字，如 20")
    if kind in ("greater_than_equal", "less_than_equal"):
        lo, hi = _bounds(cls, path[len(at):])
        rng = f"{lo} 到 {hi}" if lo is not None and hi is not None else ""
        return doc.problem(path, f"{name} 超出范围：{err.input}", f"应在 {rng} 之间" if rng else "")
    if kind == "too_long":
        return doc.problem(path, f"{name} 有 {err.ctx['actual_length']} 项，最多 {err.ctx['max_items']} 项",
                           "讲话稿的要点宜少而精；合并相近的条目")
    if kind == "too_short":
        return doc.problem(path, f"{name} 是空的", "至少写一项")
    if kind == "literal_error":
        return doc.problem(path, f"{name} 不能是「{err.input}」", f"可选：{err.ctx['expected']}")
    # bool_type / date_type: the parsers of yes/no and dates refuse everything else first
    return doc.problem(path, f"{name}：填写的内容不对")


def in_order(problems: list[Problem]) -> list[Problem]:
    """``problems`` without repeats, by line and column."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.line, p.column))


def read_record(cls: type, doc: YamlDocument, *, at: tuple = (), example: str = "",
                extra_keys: tuple[str, ...] = ()) -> tuple[Any, list[Problem]]:
    """The value at ``at`` in ``doc`` (default: the whole file; ``(3,)`` is the fourth item of a
    list) as a ``cls`` record and no problems, or None and every problem, by line.
    ``extra_keys``: keys of that value the caller reads itself, left out of the record."""
    data = doc.data
    for part in at:
        data = data[part]
    if extra_keys and isinstance(data, dict):
        data = {k: v for k, v in data.items() if k not in extra_keys}
    invalid: list[Invalid] = []
    record = records.validate(cls, data, at, invalid)
    return record, in_order([problem_for(cls, e, doc, at=at, example=example, extra_keys=extra_keys)
                             for e in invalid])


def read_record_file(path: Path, cls: type, error: type, *, what: str, display_name: str | None = None):
    """A YAML file read by :func:`drafter.input.yamlfile.load` and validated as record ``cls`` (an empty
    file gives the empty record); every problem is raised at once as ``error`` (a ProblemsError taking
    the list of problems)."""
    try:
        doc = yamlfile.load(path, display_name=display_name, what=what, allow_empty=True)
    except yamlfile.YamlProblems as err:
        raise error(err.problems) from None
    if doc.data is None:
        return cls()
    record, problems = read_record(cls, doc)
    if problems:
        raise error(problems)
    return record
