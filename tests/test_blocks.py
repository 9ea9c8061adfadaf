"""Blocks and runs: their hand-written __init__ must behave as the dataclass one it stands in for."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from drafter.speech.blocks import Block, Kind, Run


@pytest.mark.parametrize("cls", [Block, Run])
def test_init_takes_the_fields_with_their_defaults(cls):
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
                                           for f in fields]


def test_blocks_are_frozen_values():
    b = Block(Kind.HEADING, (Run("一、提高站位"),), level=1, line=3)
    assert b == Block(Kind.HEADING, (Run("一、提高站位", False),), 1, 3, False)
    assert hash(b) == hash(Block(Kind.HEADING, (Run("一、提高站位"),), level=1, line=3))
    assert b != Block(Kind.HEADING, (Run("一、提高站位"),), level=2, line=3)
    assert repr(Run("x", True)) == "Run(text='x', bold=True)"
    assert repr(Block.plain(Kind.DATE, "d")) == (
        "Block(kind=<Kind.DATE: 'date'>, runs=(Run(text='d', bold=False),), level=0, line=0, stock=False)")
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.level = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Run("x").bold = True  # type: ignore[misc]
    assert dataclasses.replace(b, stock=True).stock is True
    assert dataclasses.asdict(Run("x")) == {"text": "x", "bold": False}
    assert pickle.loads(pickle.dumps(b)) == b
    with pytest.raises(TypeError):
        Block(Kind.PARAGRAPH)  # type: ignore[call-arg]
