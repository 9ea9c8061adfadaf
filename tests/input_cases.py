"""Shared by the input bad-file tables: run the real ``drafter`` command in a subprocess, with a time limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BRIEF = (ROOT / "tests" / "data" / "base_brief.yaml").read_text(encoding="utf-8")
"""A frozen valid brief (its line numbers do not move when the examples are edited)."""


def run_drafter(args: list, *, cwd: Path, env_extra: dict | None = None, input: str | None = None,
                timeout: float = 60) -> subprocess.CompletedProcess:
    """``python -m drafter ARGS`` in ``cwd``, as a writer runs it (a hang fails the test at ``timeout``)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               XDG_CONFIG_HOME=str(cwd / "xdg"), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, env=env, input=input,
                          capture_output=True, text=True, timeout=timeout)


def assert_refused(result: subprocess.CompletedProcess, expected: list[str], out_dir: Path) -> None:
    """Exit 1, stderr starting with the ``expected`` lines (message, hint), no traceback, nothing written."""
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.splitlines()[:len(expected)] == expected, result.stderr
    assert list(out_dir.iterdir()) == []
