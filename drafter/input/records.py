"""Typed records read from YAML data: validation with field paths, and their JSON Schema.

A record is a subclass of :class:`Record`; each field's annotation says what the YAML may
hold there, and :class:`Spec` entries in ``Annotated[…]`` add a parser (text → value), checks and
limits. :func:`validate` turns plain data (dicts, lists, text, None, as
:mod:`drafter.input.yamlfile` gives them) into a record, collecting **every** problem as an
:class:`Invalid` with its path, instead of stopping at the first.

Why not pydantic: the brief is validated on every ``drafter render``, and importing pydantic and
building the models cost more than the whole rest of a render (about 200 ms of a 300 ms command);
what drafter's files need is the small set of types below. The field docstrings written under each
field (as in pydantic's ``use_attribute_docstrings``) are read from the source only when a message
or the JSON Schema needs them (:func:`docstrings`); :mod:`drafter.input.problems` turns an
:class:`Invalid` into the writer's message with them.

Supported annotations: ``str``, ``bool``, ``int``, ``datetime.date`` (each normally with a
parser), ``Literal[…]`` of strings, ``list[T]``, a record class, ``T | None``, and
``Annotated[T, Spec(…), …]`` around any of them.
"""

from __future__ import annotations

import ast
import datetime
import functools
import inspect
import re
import textwrap
import types
import typing
from typing import Any, Callable, NamedTuple

__all__ = ["Spec", "Invalid", "Record", "factory", "validate", "fields", "docstrings", "json_schema", "unpack",
           "record_inside"]


class Spec:
    """Extra rules for a field, given as ``Annotated[T, Spec(…)]``.

    ``parse``: applied to the raw value before the type check (raise ``ValueError(message)`` or
    ``ValueError(message, hint)`` for the writer). ``check``: applied to the typed value after it (may return a normalized value;
    raise ValueError). ``ge``/``le``: bounds of an int. ``min_items``/``max_items``: length of a list.
    """

    __slots__ = ("parse", "check", "ge", "le", "min_items", "max_items")

    def __init__(self, *, parse: Callable[[Any], Any] | None = None, check: Callable[[Any], Any] | None = None,
                 ge: int | None = None, le: int | None = None, min_items: int | None = None,
                 max_items: int | None = None) -> None:
        self.parse, self.check, self.ge, self.le = parse, check, ge, le
        self.min_items, self.max_items = min_items, max_items

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__ if getattr(self, n) is not None)
        return f"Spec({inner})"


class Invalid(NamedTuple):
    """One problem: where (``loc``, a path of keys and 0-based indexes), what kind, the value found.

    ``kind`` is one of: ``extra_forbidden`` (unknown key), ``missing`` (required key absent),
    ``value_error`` (a parser or check refused; ``ctx["error"]`` is its message, ``ctx["hint"]`` its
    hint or ""), ``string_type``,
    ``bool_type``, ``date_type``, ``list_type``, ``model_type`` (expected text / yes-no / date / a
    list / keys and values), ``int_parsing`` (not a whole number), ``greater_than_equal``,
    ``less_than_equal`` (``ctx["ge"]``/``ctx["le"]``), ``too_long``/``too_short``
    (``ctx["actual_length"]``, ``ctx["max_items"]``/``ctx["min_items"]``), ``literal_error``
    (``ctx["expected"]``, the choices as «a / b / c»).
    """

    loc: tuple
    kind: str
    input: Any
    ctx: dict


class FieldInfo(NamedTuple):
    """A record field: its name, annotation (``Annotated`` and ``| None`` included), default."""

    name: str
    annotation: Any
    required: bool
    default: Any
    """The default value (:data:`REQUIRED` when required or made by a :class:`factory`)."""


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Any = _Required()
"""The default of a field that has none (it must be given)."""


class factory:  # noqa: N801 - reads as a keyword in class bodies: ``items: list[Item] = factory(list)``
    """A field default made fresh for each record by calling ``make``."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class Record:
    """Base class of records: annotated class attributes are the fields, their values the defaults.

    ``name: T`` is required; ``name: T = value`` defaults to ``value`` (immutable values only);
    ``name: T = factory(list)`` gets a fresh default each time. Records are built with keyword
    arguments, compare by value and print like dataclasses. Defining a record does no code
    generation, so the brief's dozen records cost next to nothing at start-up.
    """

    _defaults: dict[str, Any] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        defaults = {}
        for name in cls.__dict__.get("__annotations__", {}):
            value = cls.__dict__.get(name, REQUIRED)
            defaults[name] = value
            if isinstance(value, factory):
                delattr(cls, name)
        cls._defaults = defaults

    def __init__(self, **values: Any) -> None:
        for name, default in self._defaults.items():
            if name in values:
                value = values.pop(name)
            elif default is REQUIRED:
                raise TypeError(f"{type(self).__name__}: missing {name}")
            else:
                value = default.make() if isinstance(default, factory) else default
            setattr(self, name, value)
        if values:
            raise TypeError(f"{type(self).__name__}: unexpected {', '.join(values)}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n in self._defaults)

    __hash__ = None  # type: ignore[assignment] - mutable, like a dataclass with eq

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._defaults)
        return f"{type(self).__name__}({inner})"


def is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Record)


@functools.lru_cache(maxsize=None)
def fields(cls: type) -> dict[str, FieldInfo]:
    """The fields of record ``cls``, in declaration order, with their annotations resolved."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = {}
    for name, default in cls._defaults.items():
        required = default is REQUIRED
        plain = REQUIRED if required or isinstance(default, factory) else default
        out[name] = FieldInfo(name, hints[name], required, plain)
    return out


# ----------------------------------------------------------------------------- validation


@functools.lru_cache(maxsize=None)
def unpack(tp: Any) -> tuple[Any, tuple[Spec, ...], bool]:
    """(bare type, specs outermost first, whether None is allowed) of a field's annotation.
    Remembered: a record file's every value asks it of one of a few dozen annotations."""
    specs: tuple[Spec, ...] = ()
    optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            tp = args[0]
            specs += tuple(m for m in args[1:] if isinstance(m, Spec))
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) != 1:
                raise TypeError(f"unsupported union {tp!r}")
            optional = optional or len(members) < len(typing.get_args(tp))
            tp = members[0]
        else:
            return tp, specs, optional


def record_inside(annotation: Any) -> type | None:
    """The record a field holds (``R``, ``R | None``, ``list[R]``), if it holds one."""
    bare = unpack(annotation)[0]
    if typing.get_origin(bare) is list:
        bare = unpack(typing.get_args(bare)[0])[0]
    return bare if is_record(bare) else None


def _expected(choices: tuple) -> str:
    quoted = [f"{c}" for c in choices]
    return quoted[0] if len(quoted) == 1 else " / ".join(quoted)


_INT = re.compile(r"[+-]?\d+")

MAX_DIGITS = 18
"""The most digits a whole number may have: more is out of any range drafter uses (and Python
refuses to convert text of over 4,300 digits)."""


def _check(tp: Any, value: Any, loc: tuple, errors: list[Invalid]) -> Any:
    """``value`` checked against annotation ``tp``: a list's length limits first (too long: its items
    are not looked at), the parsers, ``None`` when allowed, the bare type, then bounds and checks.
    Returns the typed value, or None with the problems appended to ``errors``."""
    bare, specs, optional = unpack(tp)
    if isinstance(value, list):
        for spec in specs:
            if spec.max_items is not None and len(value) > spec.max_items:
                errors.append(Invalid(loc, "too_long", value, {"actual_length": len(value), "max_items": spec.max_items}))
                return None
            if spec.min_items is not None and len(value) < spec.min_items:
                errors.append(Invalid(loc, "too_short", value, {"actual_length": len(value), "min_items": spec.min_items}))
                return None
    for spec in specs:
        if spec.parse is not None and value is not None:
            try:
                value = spec.parse(value)
            except ValueError as err:
                errors.append(_refused(loc, value, err))
                return None
    if value is None and optional:
        return None
    count = len(errors)
    value = _check_bare(bare, value, loc, errors)
    if len(errors) > count:
        return None
    for spec in specs:
        if spec.ge is not None and value < spec.ge:
            errors.append(Invalid(loc, "greater_than_equal", value, {"ge": spec.ge}))
            return None
        if spec.le is not None and value > spec.le:
            errors.append(Invalid(loc, "less_than_equal", value, {"le": spec.le}))
            return None
        if spec.check is not None:
            try:
                value = spec.check(value)
            except ValueError as err:
                errors.append(_refused(loc, value, err))
                return None
    return value


def _refused(loc: tuple, value: Any, err: ValueError) -> Invalid:
    """A parser's or check's refusal: ``ValueError(message)`` or ``ValueError(message, hint)``."""
    message = str(err.args[0]) if err.args else str(err)
    return Invalid(loc, "value_error", value, {"error": message, "hint": str(err.args[1]) if len(err.args) > 1 else ""})


@functools.lru_cache(maxsize=None)
def _parts(tp: Any) -> tuple[Any, tuple]:
    """``typing.get_origin`` and ``typing.get_args`` of a bare type, remembered as :func:`unpack` is."""
    return typing.get_origin(tp), typing.get_args(tp)


def _check_bare(tp: Any, value: Any, loc: tuple, errors: list[Invalid]) -> Any:
    """``value`` checked against a bare type (no ``Annotated``, no ``| None``)."""
    if is_record(tp):
        return validate(tp, value, loc, errors)
    origin, args = _parts(tp)
    if origin is list:
        if not isinstance(value, list):
            errors.append(Invalid(loc, "list_type", value, {}))
            return None
        return [_check(args[0], v, loc + (i,), errors) for i, v in enumerate(value)]
    if origin is typing.Literal:
        choices = args
        key = value.strip() if isinstance(value, str) else value
        if key not in choices:
            errors.append(Invalid(loc, "literal_error", value, {"expected": _expected(choices)}))
            return None
        return key
    if tp is str:
        if not isinstance(value, str):
            errors.append(Invalid(loc, "string_type", value, {}))
            return None
        return value.strip()
    if tp is bool:
        if not isinstance(value, bool):
            errors.append(Invalid(loc, "bool_type", value, {}))
            return None
        return value
    if tp is int:
        return _check_int(value, loc, errors)
    if tp is datetime.date:
        if not isinstance(value, datetime.date):
            errors.append(Invalid(loc, "date_type", value, {}))
            return None
        return value
    raise TypeError(f"unsupported annotation {tp!r}")


def _check_int(value: Any, loc: tuple, errors: list[Invalid]) -> Any:
    if isinstance(value, str) and _INT.fullmatch(value.strip()):
        text = value.strip()
        digits = len(text.lstrip("+-"))
        if digits > MAX_DIGITS:  # out of range, described rather than echoed
            kind = "greater_than_equal" if text.startswith("-") else "less_than_equal"
            errors.append(Invalid(loc, kind, f"一个 {digits} 位的数", {}))
            return None
        return int(text)
    if not isinstance(value, int) or isinstance(value, bool):
        errors.append(Invalid(loc, "int_parsing", value, {}))
        return None
    return value


def validate(cls: type, data: Any, loc: tuple, errors: list[Invalid]) -> Any:
    """``data`` (a dict from YAML) as a ``cls`` record, or None with the problems added to ``errors``:
    unknown keys, missing required keys and every field's own problems."""
    if not isinstance(data, dict):
        errors.append(Invalid(loc, "model_type", data, {}))
        return None
    known = fields(cls)
    count = len(errors)
    for key in data:
        if key not in known:
            errors.append(Invalid(loc + (key,), "extra_forbidden", data[key], {}))
    values = {}
    for name, f in known.items():
        if name in data:
            values[name] = _check(f.annotation, data[name], loc + (name,), errors)
        elif f.required:
            errors.append(Invalid(loc + (name,), "missing", None, {}))
    if len(errors) > count:
        return None
    return cls(**values)


# ----------------------------------------------------------------------------- docstrings


@functools.lru_cache(maxsize=None)
def docstrings(cls: type) -> dict[str, str]:
    """Field name → the docstring written under the field in ``cls``'s source ("" if none)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError):  # pragma: no cover - no source (a frozen build)
        return {}
    out: dict[str, str] = {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    for node, after in zip(body, body[1:] + [None]):
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and isinstance(after, ast.Expr) \
                and isinstance(after.value, ast.Constant) and isinstance(after.value.value, str):
            out[node.target.id] = inspect.cleandoc(after.value.value)
    return out


# ----------------------------------------------------------------------------- JSON Schema


def json_schema(cls: type) -> dict:
    """The JSON Schema of record ``cls``: ``$defs`` per record, descriptions from the docstrings."""
    defs: dict[str, dict] = {}
    top = _record_schema(cls, defs)
    defs.pop(cls.__name__, None)
    return {"$defs": dict(sorted(defs.items())), **top}


def _record_schema(cls: type, defs: dict) -> dict:
    docs = docstrings(cls)
    props = {}
    required = []
    for name, f in fields(cls).items():
        prop = _type_schema(f.annotation, defs)
        if f.default is not REQUIRED:
            prop["default"] = _jsonable(f.default)
        if docs.get(name):
            prop["description"] = docs[name]
        prop["title"] = name.replace("_", " ").title()
        props[name] = dict(sorted(prop.items()))
        if f.required:
            required.append(name)
    out: dict[str, Any] = {"additionalProperties": False}
    if cls.__doc__:
        out["description"] = _clean(cls.__doc__)
    out["properties"] = props
    if required:
        out["required"] = required
    out["title"] = cls.__name__
    out["type"] = "object"
    defs[cls.__name__] = out
    return out


def _clean(doc: str) -> str:
    return inspect.cleandoc(doc)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _type_schema(tp: Any, defs: dict) -> dict:
    bare, specs, optional = unpack(tp)
    if is_record(bare):
        if bare.__name__ not in defs:
            _record_schema(bare, defs)
        out: dict[str, Any] = {"$ref": f"#/$defs/{bare.__name__}"}
    elif typing.get_origin(bare) is list:
        out = {"items": _type_schema(typing.get_args(bare)[0], defs), "type": "array"}
    elif typing.get_origin(bare) is typing.Literal:
        out = {"enum": list(typing.get_args(bare)), "type": "string"}
    else:
        out = {str: {"type": "string"}, bool: {"type": "boolean"}, int: {"type": "integer"},
               datetime.date: {"format": "date", "type": "string"}}[bare]
        out = dict(out)
    for spec in specs:
        for attr, key in (("ge", "minimum"), ("le", "maximum"), ("min_items", "minItems"), ("max_items", "maxItems")):
            if getattr(spec, attr) is not None:
                out[key] = getattr(spec, attr)
    out = dict(sorted(out.items()))
    if optional:
        return {"anyOf": [out, {"type": "null"}]}
    return out
