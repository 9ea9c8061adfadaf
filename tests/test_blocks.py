"""Blocks and runs are frozen values."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from drafter.speech.blocks import Block, Kind, Run


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
