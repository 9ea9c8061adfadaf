"""drafter's on-disk cache of the .docx base: a warm cache gives the same file as a cold build without
python-docx, a damaged entry is rebuilt, ``DRAFTER_CACHE=off`` stores nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.output import wordfile
from drafter.speech.blocks import Block, Kind, Run
from drafter.output.layout import load_profile
from drafter.output.wordfile import build_docx

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
    """An empty cache folder for this test, and no base left in the process before or after it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    monkeypatch.delenv("DRAFTER_CACHE", raising=False)
    wordfile._cached_base.cache_clear()
    yield folder
    wordfile._cached_base.cache_clear()


def _entries(folder: Path) -> list[Path]:
    ns = folder / "docx-base"
    return sorted(p for p in ns.iterdir() if not p.name.startswith(".")) if ns.is_dir() else []


def _no_build(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the base was rebuilt")

    monkeypatch.setattr(wordfile, "_build_base", refuse)


def _cold_then_forget(profile=None) -> bytes:
    """A build with nothing in the process (it fills the disk cache), then the process forgets the base."""
    wordfile._cached_base.cache_clear()
    data = build_docx(BLOCKS, profile=profile)
    wordfile._cached_base.cache_clear()
    return data


def test_a_warm_cache_gives_the_same_bytes_without_building(cache_dir, monkeypatch):
    cold = _cold_then_forget()
    assert len(_entries(cache_dir)) == 1
    _no_build(monkeypatch)
    assert build_docx(BLOCKS) == cold


def test_each_profile_has_its_own_entry(cache_dir, monkeypatch):
    cold = {name: _cold_then_forget(load_profile(name)) for name in ("gbt9704", "centered")}
    assert cold["gbt9704"] != cold["centered"]
    assert len(_entries(cache_dir)) == 2
    _no_build(monkeypatch)
    for name, data in cold.items():
        wordfile._cached_base.cache_clear()
        assert build_docx(BLOCKS, profile=load_profile(name)) == data


def _flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0x01])


def _rehashed(payload: bytes) -> bytes:
    """An entry whose checksum is right but whose payload is not a base."""
    import hashlib

    return hashlib.sha256(payload).digest() + payload


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: data[: len(data) // 2],
    _flip_last_byte,
    lambda data: b"not a cache entry at all",
    lambda data: _rehashed(b"\x00\x01garbage"),
    lambda data: _rehashed(__import__("marshal").dumps(("a", "b"))),
    lambda data: _rehashed(__import__("marshal").dumps(((), (("x", "crc", 1, b""),), "", ""))),
], ids=["empty", "truncated", "flipped-byte", "foreign", "not-marshal", "wrong-shape", "wrong-types"])
def test_a_damaged_entry_is_rebuilt_and_replaced(cache_dir, damage):
    cold = _cold_then_forget()
    [entry] = _entries(cache_dir)
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    assert build_docx(BLOCKS) == cold
    assert entry.read_bytes() == good


def test_an_unusable_cache_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker))
    wordfile._cached_base.cache_clear()
    try:
        data = build_docx(BLOCKS)
    finally:
        wordfile._cached_base.cache_clear()
    assert data.startswith(b"PK\x03\x04")


def test_cache_off_stores_nothing_and_gives_the_same_bytes(cache_dir, monkeypatch):
    cold = _cold_then_forget()
    entry = _entries(cache_dir)[0]
    entry.unlink()
    monkeypatch.setenv("DRAFTER_CACHE", "off")
    built = []
    real_build = wordfile._build_base
    monkeypatch.setattr(wordfile, "_build_base", lambda *a, **k: built.append(1) or real_build(*a, **k))
    assert _cold_then_forget() == cold
    assert built == [1]
    assert _entries(cache_dir) == []


def test_reference_doc_builds_are_not_cached(cache_dir, tmp_path):
    import docx as python_docx

    ref = tmp_path / "unit.docx"
    python_docx.Document().save(ref)
    build_docx(BLOCKS, reference_doc=ref)
    assert _entries(cache_dir) == []


# ---------------------------------------------------------------- the whole command, in fresh processes

PROBE = """
import json, sys
from drafter.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""


def _render_in_fresh_process(out: Path, cache: Path) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DRAFTER_CACHE_DIR=str(cache))
    env.pop("DRAFTER_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", PROBE, "render", str(ROOT / "examples" / "quarterly.yaml"),
                           "-o", str(out), "-q"], capture_output=True, text=True, env=env, cwd=out.parent)
    assert "MODULES=" in proc.stderr, proc.stderr
    assert out.is_file(), proc.stderr
    return set(json.loads(proc.stderr.rsplit("MODULES=", 1)[1]))


def test_render_with_a_warm_cache_does_not_import_python_docx(tmp_path):
    cache = tmp_path / "cache"
    first = _render_in_fresh_process(tmp_path / "first.docx", cache)
    second = _render_in_fresh_process(tmp_path / "second.docx", cache)
    assert "docx" in first  # the cold run built the base with python-docx
    assert "drafter.output.wordfile" in second
    assert not {m for m in second if m == "docx" or m.startswith("docx.")}
    assert (tmp_path / "second.docx").read_bytes() == (tmp_path / "first.docx").read_bytes()


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
