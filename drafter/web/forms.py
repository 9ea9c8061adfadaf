"""The brief editor's form, generated from the brief schema, and its way back into the YAML file.

:func:`brief_form` walks :class:`drafter.input.brief.Brief` with :mod:`drafter.input.records`
(``fields`` and ``docstrings``) and gives one :class:`FormField` per key: its Chinese label (the
docstring up to the first ：，。（), its help text (the whole docstring) and what kind of input it
needs. A field the schema gains later appears in the form without a change here.

Form names are the dotted key paths; a list element is written ``@TOKEN`` (``opinions.items.@0.heading``),
where the token of an element read from the file is its index there and a new element's token is
anything else. The posted form's order is the page's order, so moving an element on the page moves
it in the list; an element keeps its comments because it is found again by its token.

:func:`apply_form` writes the posted values into the file's ruamel.yaml round-trip document (as
``drafter phrases edit`` does): an unchanged value keeps its node (quotes, comments), an emptied
optional key is removed, a new key is inserted at its place in the schema's order, everything the
form does not show is left alone.
"""

from __future__ import annotations

import datetime
import functools
import io
import re
import typing
from dataclasses import dataclass
from typing import Any, Iterable, Literal

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from drafter.compose.phrase_edit import round_trip_yaml
from drafter.genre import meeting_types, numbering
from drafter.input import brief, records
from drafter.input.brief import Brief
from drafter.input.values import parse_date, parse_yes_no
from drafter.input.yamlfile import YamlProblems, loads

LONG_KEYS = {"text", "reports", "comments", "other", "summary", "lead", "gist", "purpose", "situation"}
"""Keys whose text runs to several lines: a text area instead of a one-line box."""

LIST = "@"
"""Marks a list element's token in a form name."""


@dataclass(frozen=True)
class FormField:
    """One key of the brief as the form shows it.

    ``name`` is the dotted key path (list elements left out: ``opinions.items.points.lead``) and
    says which field it is; a rendered input's name adds the list tokens (see the module text).
    ``item`` is the form of one element of a ``records`` list.
    """

    key: str
    name: str
    label: str
    help: str
    kind: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    lo: int | None = None
    hi: int | None = None
    max_items: int | None = None
    children: tuple["FormField", ...] = ()
    shorthand: bool = False
    """The key may be written as a single line of text standing for ``{text: …}`` (``title``)."""


def _label(doc: str, key: str) -> str:
    return re.split(r"[：，。（；]", doc, maxsplit=1)[0].strip() or key


def _choices_from_check(check) -> tuple[tuple[str, str], ...]:
    """Choices for a text field whose check only lets a fixed set through (meeting type, ordinal forms)."""
    if check is brief._known_type:
        return tuple((t.id, f"{t.name}（{t.id}）") for t in meeting_types.TYPES.values())
    if check is brief._spoken_form:
        return tuple((v, v) for v in numbering.SPOKEN_FORMS + ("无",))
    if check is brief._known_form:
        return tuple((v, v) for v in numbering.ALL_FORMS)
    return ()


def _field_for(key: str, info: records.FieldInfo, doc: str, prefix: str) -> FormField | None:
    bare, specs, _optional = records.unpack(info.annotation)
    name = prefix + key
    common = dict(key=key, name=name, label=_label(doc, key), help=doc, required=info.required)
    lo = next((s.ge for s in specs if s.ge is not None), None)
    hi = next((s.le for s in specs if s.le is not None), None)
    max_items = next((s.max_items for s in specs if s.max_items is not None), None)
    if typing.get_origin(bare) is list:
        inner, inner_specs, _ = records.unpack(typing.get_args(bare)[0])
        if records.is_record(inner):
            item = FormField(key="", name=name, label=_label(records.docstrings(inner).get("", "") or
                                                             (inner.__doc__ or ""), key),
                             help=inner.__doc__ or "", kind="group", children=_record_fields(inner, name + "."))
            return FormField(**common, kind="records", max_items=max_items, children=(item,))
        if inner is str:
            return FormField(**common, kind="textlist", max_items=max_items)
        return None
    if records.is_record(bare):
        shorthand = any(s.parse is not None for s in specs)
        return FormField(**common, kind="group", children=_record_fields(bare, name + "."), shorthand=shorthand)
    if typing.get_origin(bare) is Literal:
        return FormField(**common, kind="choice", choices=tuple((v, v) for v in typing.get_args(bare)))
    if bare is bool:
        return FormField(**common, kind="yesno")
    if bare is int:
        return FormField(**common, kind="number", lo=lo, hi=hi)
    if bare is datetime.date:
        return FormField(**common, kind="date")
    if bare is str:
        choices = next((c for s in specs if s.check is not None and (c := _choices_from_check(s.check))), ())
        if choices:
            return FormField(**common, kind="choice", choices=choices)
        return FormField(**common, kind="long" if key in LONG_KEYS else "text")
    return None  # a kind of value the form cannot show: left as it is in the file


def _record_fields(model: type, prefix: str) -> tuple[FormField, ...]:
    docs = records.docstrings(model)
    out = []
    for key, info in records.fields(model).items():
        f = _field_for(key, info, docs.get(key, ""), prefix)
        if f is not None:
            out.append(f)
    return tuple(out)


@functools.lru_cache(maxsize=1)
def brief_form() -> tuple[FormField, ...]:
    """The form of the whole brief: one field per top-level key of :class:`~drafter.input.brief.Brief`."""
    return _record_fields(Brief, "")


def walk(form: Iterable[FormField]) -> Iterable[FormField]:
    """Every field of ``form``, depth first."""
    for f in form:
        yield f
        yield from walk(f.children)


# ----------------------------------------------------------------------------- values shown


def shown(value: Any) -> str:
    """A YAML value as the form shows it: dates as 2026-02-15, yes/no as 是/否, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value).strip()
    return str(value)


def shown_yes_no(value: Any) -> str:
    try:
        return "" if value is None else ("是" if parse_yes_no(value) else "否")
    except ValueError:
        return shown(value)


def shown_date(value: Any) -> str:
    try:
        return "" if value is None else parse_date(value).isoformat()
    except ValueError:
        return shown(value)


# ----------------------------------------------------------------------------- the posted form


def posted_tree(items: Iterable[tuple[str, str]]) -> dict:
    """The posted (name, value) pairs as nested dicts, in the order posted. A list is a dict whose
    keys start with ``@``; names starting with ``_`` are the page's own (hash, buttons) and skipped."""
    tree: dict = {}
    for name, value in items:
        if not name or name.startswith("_"):
            continue
        parts = name.split(".")
        node = tree
        for part in parts[:-1]:
            nxt = node.get(part)
            if not isinstance(nxt, dict):
                nxt = node[part] = {}
            node = nxt
        last = parts[-1]
        if not isinstance(node.get(last), dict):  # a list element's marker does not replace its fields
            node[last] = value if isinstance(value, str) else ""
    return tree


def _clean_text(raw: str) -> str:
    return raw.replace("\r\n", "\n").replace("\r", "\n").strip()


def _value(f: FormField, raw: str) -> Any:
    """The posted text of a scalar field as the value to write (None: leave the key out)."""
    text = _clean_text(raw)
    if not text:
        return None
    if f.kind == "date":
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            try:
                return datetime.date(*(int(g) for g in m.groups()))
            except ValueError:
                return text
        return text
    if f.kind == "number":
        return int(text) if text.isascii() and text.isdigit() else text
    if "\n" in text:
        return LiteralScalarString(text + "\n")
    return text


def _same(f: FormField, old: Any, new: Any) -> bool:
    if f.kind == "yesno":
        return shown_yes_no(old) == shown(new)
    if f.kind == "date":
        return shown_date(old) == shown(new)
    if isinstance(old, (dict, list)):
        return False
    return shown(old) == shown(new)


def _insert(node, f: FormField, siblings: tuple[FormField, ...], value: Any) -> None:
    """Put a new key at its place in the schema's order, taking over the comment lines that
    followed the key before it (the starter's commented-out examples stay where they were)."""
    order = [s.key for s in siblings]
    rank = order.index(f.key)
    pos = 0
    prev = None
    for i, k in enumerate(node):
        if k in order and order.index(k) < rank:
            pos, prev = i + 1, k
    node.insert(pos, f.key, value)
    if prev is not None:
        _move_trailing_comments(node, prev, f.key)


def _move_trailing_comments(node, prev: str, new: str) -> None:
    entry = node.ca.items.get(prev)
    if not entry or len(entry) < 3 or entry[2] is None or isinstance(node[prev], (dict, list)):
        return
    token = entry[2]
    first, sep, rest = token.value.partition("\n")
    if not sep or not rest.strip():
        return
    token.value = first + "\n"
    moved = CommentToken("\n" + rest, token.start_mark, None)
    node.ca.items.setdefault(new, [None, None, None, None])
    node.ca.items[new][2] = moved


def apply_form(node, form: tuple[FormField, ...], tree: dict, path: tuple = (),
               names: dict | None = None, prefix: str = "") -> None:
    """Write the posted ``tree`` into the ruamel mapping ``node`` field by field (see the module text).

    ``names``, when given, receives data path (with list indexes) → form name, for placing the
    brief's problems beside their inputs.
    """
    plain = type(node) is dict  # the preview's plain data (see preview_text), else ruamel's round-trip nodes
    new_map, new_seq = (dict, list) if plain else (CommentedMap, CommentedSeq)
    for f in form:
        if f.key not in tree:
            continue
        posted = tree[f.key]
        fname = prefix + f.key
        here = path + (f.key,)
        if names is not None:
            names[here] = fname
        old = node.get(f.key) if f.key in node else None
        if f.kind == "group":
            if isinstance(old, dict):
                target = old
            else:
                target = new_map()
                if isinstance(old, str) and f.shorthand:
                    target["text"] = old
            apply_form(target, f.children, posted if isinstance(posted, dict) else {}, here, names, fname + ".")
            if f.shorthand and isinstance(old, str) and list(target) == ["text"]:
                value: Any = target["text"]  # written as one line before: stays one line
                if not _same(f, old, value):
                    node[f.key] = value
                continue
            if target is old:
                if not target and not f.required:
                    del node[f.key]
                continue
            value = target if len(target) else None
        elif f.kind in ("records", "textlist"):
            elements = posted if isinstance(posted, dict) else {}
            old_list = old if isinstance(old, list) else []
            new_list = new_seq()
            for n, (token, sub) in enumerate(elements.items()):
                k = token[len(LIST):]
                known = old_list[int(k)] if k.isdigit() and int(k) < len(old_list) else None
                if f.kind == "textlist":
                    text = _clean_text(sub) if isinstance(sub, str) else ""
                    if text:
                        new_list.append(known if known is not None and shown(known) == text else text)
                        if names is not None:
                            names[here + (len(new_list) - 1,)] = f"{fname}.{token}"
                    continue
                target = known if isinstance(known, dict) else new_map()
                idx = len(new_list)
                if names is not None:
                    names[here + (idx,)] = f"{fname}.{token}"
                apply_form(target, f.children[0].children, sub if isinstance(sub, dict) else {},
                           here + (idx,), names, f"{fname}.{token}.")
                new_list.append(target)
            if isinstance(old, list) and len(old) == len(new_list) and all(a is b for a, b in zip(old, new_list)):
                continue
            if isinstance(old, list):  # keep the list's own comments
                old[:] = list(new_list)
                if not len(old) and not f.required:
                    del node[f.key]
                continue
            value = new_list if len(new_list) or f.required else None
        else:
            value = _value(f, posted if isinstance(posted, str) else "")
            if f.kind == "yesno" and value is not None:
                value = str(value)
        if value is None:
            if f.key in node:
                del node[f.key]
        elif f.key in node:
            if not _same(f, old, value):
                node[f.key] = value
        elif plain:
            node[f.key] = value
        else:
            _insert(node, f, form, value)


# ----------------------------------------------------------------------------- the YAML file


_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (2, 2, 2))
"""(mapping, sequence, offset) indentations tried on a file; the one that writes it back unchanged is kept."""


class RoundTrip:
    """A brief's text loaded with ruamel.yaml (``data``, comments and order kept) and the
    indentation that writes it back as it was (:meth:`dump`)."""

    def __init__(self, text: str) -> None:
        best, best_score = _INDENTS[0], -1
        lines = text.splitlines()
        self.data = None
        for indent in _INDENTS:
            try:
                data = round_trip_yaml(indent).load(text)
            except YAMLError as err:
                raise ValueError(f"简报不是合法的 YAML，表单无法读取（{str(err).splitlines()[0]}）") from None
            if data is None:
                data = CommentedMap()
            if not isinstance(data, CommentedMap):
                raise ValueError("简报的最外层应是若干“键: 值”，表单无法读取")
            out = io.StringIO()
            round_trip_yaml(indent).dump(data, out)
            dumped = out.getvalue().splitlines()
            score = sum(a == b for a, b in zip(lines, dumped)) - abs(len(lines) - len(dumped))
            if score > best_score:
                best, best_score = indent, score
            if dumped == lines:
                break
        self.indent = best
        self.data = round_trip_yaml(best).load(text) or CommentedMap()

    def dump(self) -> str:
        out = io.StringIO()
        round_trip_yaml(self.indent).dump(self.data, out)
        return out.getvalue()


def updated_text(text: str, items: Iterable[tuple[str, str]], names: dict | None = None) -> str:
    """The brief ``text`` with the posted form ``items`` written into it (see :func:`apply_form`)."""
    doc = RoundTrip(text)
    apply_form(doc.data, brief_form(), posted_tree(items), names=names)
    return doc.dump()


def preview_text(text: str, items: Iterable[tuple[str, str]], names: dict | None = None) -> str:
    """What :func:`updated_text` gives, less the comments and the file's layout: the same values for
    the preview and the downloads. Keeping comments costs ruamel.yaml's round trip, half a second
    for the 9,000-character brief of bench/run.py; this is the C parser and emitter, about 20 ms.

    Raises ValueError (Chinese) when ``text`` is not a YAML mapping."""
    try:
        data = loads(text, "brief").data
    except YamlProblems as err:
        raise ValueError(f"简报不是合法的 YAML，表单无法读取（{err.problems[0].message}）") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("简报的最外层应是若干“键: 值”，表单无法读取")
    apply_form(data, brief_form(), posted_tree(items), names=names)
    return yaml.dump(data, Dumper=_plain_dumper(), allow_unicode=True, sort_keys=False, width=4096)


@functools.lru_cache(maxsize=1)
def _plain_dumper():
    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class PlainDumper(base):  # type: ignore[misc, valid-type]
        """Writes text subclasses (ruamel's literal blocks) as plain text."""

    PlainDumper.add_multi_representer(str, yaml.representer.SafeRepresenter.represent_str)
    return PlainDumper


@dataclass
class FieldProblem:
    """A problem of the brief placed at the form input it concerns (``name`` "" when none)."""

    name: str
    message: str
    hint: str = ""
    line: int = 0


def place_problems(problems, text: str, names: dict) -> list[FieldProblem]:
    """The brief's problems (:class:`drafter.errors.Problem`, with lines of ``text``) placed at the
    form names of the data paths found on their lines (the deepest path on the line wins)."""
    by_line: dict[int, tuple] = {}
    try:
        doc = loads(text, "brief")
        for table in (doc.positions, doc.key_positions):
            for p, (line, _col) in table.items():
                if p in names and len(p) >= len(by_line.get(line, ())):
                    by_line[line] = p
    except YamlProblems:
        pass
    out = []
    for pr in problems:
        p = by_line.get(pr.line)
        out.append(FieldProblem(names.get(p, "") if p is not None else "", pr.message, pr.hint, pr.line))
    return out
