"""drafter's on-disk cache (compiled templates, plain values behind a checksum)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.speech.blocks import Block, Kind, Run

ROOT = Path(__file__).resolve().parent.parent
P = Block.plain
BLOCKS = [
    P(Kind.TITLE, "在全区2026年党建工作会议上的讲话"),
    P(Kind.SALUTATION, "同志们："),
    Block(Kind.PARAGRAPH, (Run("一要强化理论武装。", bold=True), Run("要把学习贯彻党的创新理论作为首要政治任务。"))),
    P(Kind.HEADING, "一、提高政治站位", level=1),
    P(Kind.PARAGRAPH, "同志们，让我们更加紧密地团结起来，奋力谱写新篇章！"),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    """An empty cache folder for this test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    monkeypatch.delenv("DRAFTER_CACHE", raising=False)
    yield folder


def test_store_and_load_plain_values_behind_a_checksum(tmp_path, monkeypatch):
    from drafter import cache

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "c"))
    value = {"a": (1, 2.5, "文字", b"\x00"), "b": [None, True]}
    cache.store("ns", "k1", value)
    assert cache.load("ns", "k1") == value
    assert cache.load("ns", "missing") is None
    entry = tmp_path / "c" / "ns" / "k1"
    entry.write_bytes(entry.read_bytes()[:-1])  # damaged: a miss, never an error
    assert cache.load("ns", "k1") is None
    cache.store("ns", "k2", object())  # not plain data: nothing is stored
    assert not (tmp_path / "c" / "ns" / "k2").exists()
    monkeypatch.setenv("DRAFTER_CACHE", "off")
    cache.store("ns", "k3", 1)
    assert cache.load("ns", "k3") is None and not (tmp_path / "c" / "ns" / "k3").exists()


def test_through_builds_once_and_rebuilds_what_it_cannot_restore(tmp_path, monkeypatch):
    from drafter import cache

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "c"))
    built = []

    def build():
        built.append(1)
        return {"n": 1}

    assert cache.through("ns", "k", build) == {"n": 1}
    assert cache.through("ns", "k", build) == {"n": 1} and len(built) == 1
    refuse = lambda value: None  # noqa: E731 - stored data of the wrong shape
    assert cache.through("ns", "k", build, restore=refuse) == {"n": 1} and len(built) == 2
    assert cache.through("ns", None, build) == {"n": 1} and len(built) == 3  # no key: never kept
    cache.through("ns", "k2", build, dump=lambda value: None)  # dump refuses: nothing stored
    assert cache.load("ns", "k2") is None
