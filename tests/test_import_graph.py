"""drafter's modules import each other in one direction: no cycle, through top-level or lazy imports."""

from __future__ import annotations

import subprocess
import sys

import import_graph


def test_there_is_no_import_cycle():
    assert import_graph.cycles(import_graph.graph()) == []


def test_the_cycle_finder_finds_a_planted_cycle():
    g = {"drafter.a": {"drafter.b": False}, "drafter.b": {"drafter.c": True}, "drafter.c": {"drafter.a": False}}
    assert [set(c) for c in import_graph.cycles(g)] == [{"drafter.a", "drafter.b", "drafter.c"}]


def test_the_script_prints_the_graph_and_fails_on_a_cycle_only():
    r = subprocess.run([sys.executable, import_graph.__file__], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout
    assert "drafter.main -> " in r.stdout and "0 cycles" in r.stdout
