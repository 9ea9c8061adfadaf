"""The compiled validators of drafter.input.records: records built without Record.__init__, the one-parser
field validators, and records that name each other."""

from __future__ import annotations

from typing import Annotated, Any

import pytest

from drafter.input import records as schema
from drafter.input.records import Invalid, Record, Spec, factory


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    return value


def _yes_no(value: Any) -> Any:
    if value in ("是", "否"):
        return value == "是"
    raise ValueError(f"「{value}」不是“是/否”")


Text = Annotated[str, Spec(parse=_text)]


class Leaf(Record):
    name: Text
    note: Text | None = None
    flag: Annotated[bool, Spec(parse=_yes_no)] = False
    tags: list[Text] = factory(list)


class Tree(Record):
    leaf: Leaf | None = None
    children: list[Tree] = factory(list)


def _check(cls: type, data: Any) -> tuple[Any, list[Invalid]]:
    errors: list[Invalid] = []
    return schema.validate(cls, data, (), errors), errors


def test_a_record_is_built_as_its_keyword_constructor_builds_it():
    leaf, errors = _check(Leaf, {"name": " 甲 ", "flag": "是"})
    assert errors == []
    assert leaf == Leaf(name="甲", flag=True)
    assert list(vars(leaf)) == ["name", "note", "flag", "tags"]  # the fields' order, as Record.__init__ sets them
    other, _ = _check(Leaf, {"name": "乙"})
    assert leaf.tags == other.tags == [] and leaf.tags is not other.tags  # a fresh default each time


def test_records_that_name_themselves_are_validated_all_the_way_down():
    tree, errors = _check(Tree, {"children": [{"leaf": {"name": "a"}}, {"children": [{"leaf": {"name": "b"}}]}]})
    assert errors == []
    assert tree.children[1].children[0].leaf == Leaf(name="b")
    _, errors = _check(Tree, {"children": [{"children": [{"leaf": {"nam": "b"}}]}]})
    assert [(e.loc, e.kind) for e in errors] == [
        (("children", 0, "children", 0, "leaf", "nam"), "extra_forbidden"),
        (("children", 0, "children", 0, "leaf", "name"), "missing")]


@pytest.mark.parametrize("data, problems", [
    ({"name": ["x"]}, [(("name",), "string_type")]),
    ({"name": "  "}, [(("name",), "string_type")]),  # blank text is None, and name is required text
    ({"name": "x", "note": "  "}, []),
    ({"name": "x", "note": 3}, [(("note",), "string_type")]),
    ({"name": "x", "flag": "也许"}, [(("flag",), "value_error")]),
    ({"name": "x", "flag": None}, [(("flag",), "bool_type")]),
    ({"name": "x", "tags": ["a", ["b"], " "]}, [(("tags", 1), "string_type"), (("tags", 2), "string_type")]),
    ({"name": "x", "tags": "a"}, [(("tags",), "list_type")]),
    ({"name": "x", "size": 1}, [(("size",), "extra_forbidden")]),
    ("x", [((), "model_type")]),
])
def test_field_problems_are_reported_where_they_are(data, problems):
    record, errors = _check(Leaf, data)
    assert [(e.loc, e.kind) for e in errors] == problems
    assert (record is None) == bool(problems)


def test_the_value_error_carries_the_parsers_message():
    _, [error] = _check(Leaf, {"name": "x", "flag": "也许"})
    assert error.ctx == {"error": "「也许」不是“是/否”", "hint": ""} and error.input == "也许"


class Custom(Record):
    """A record with its own constructor: validation still goes through it."""

    label: str = ""
    made_by: str = ""

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.made_by = "Custom.__init__"


def test_a_record_with_its_own_constructor_is_built_by_it():
    record, errors = _check(Custom, {"label": "x"})
    assert errors == [] and (record.label, record.made_by) == ("x", "Custom.__init__")
