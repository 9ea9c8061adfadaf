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


def _function_imports():
    files = sorted(import_graph.PACKAGE.rglob("*.py"))
    known = {import_graph.module_name(f) for f in files}
    for f in files:
        for line, target in import_graph.function_imports(f, known):
            yield import_graph.module_name(f), f"{f.relative_to(import_graph.ROOT)}:{line}", target


def test_imports_inside_functions_are_only_the_registered_lazy_ones():
    from drafter.cli.app import LAZY

    unlisted = [f"{where}: {target}" for module, where, target in _function_imports()
                if target not in LAZY.get(module, ())]
    assert unlisted == [], "import at the top of the module, or list it in drafter.cli.app.LAZY with why"


def test_every_registered_lazy_import_is_made_somewhere():
    from drafter.cli.app import LAZY

    made = {(module, target) for module, _, target in _function_imports()}
    stale = [(m, t) for m, targets in LAZY.items() for t in targets
             if (m, t) not in made and not t.startswith("drafter.")]
    assert stale == []


def test_the_scan_sees_an_import_inside_a_function(tmp_path):
    f = tmp_path / "mod.py"
    f.write_text("import os\n\ndef f():\n    import json\n    from drafter.main import make_draft\n", encoding="utf-8")
    assert import_graph.function_imports(f, {"drafter.main"}) == [(4, "json"), (5, "drafter.main")]
