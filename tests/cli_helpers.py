"""Running the drafter command in tests, as a writer would: in a subprocess or in process."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from drafter.cli import main

ROOT = Path(__file__).resolve().parent.parent


def drafter(*args, cwd=None, input=None, env_extra=None):
    """Run ``python -m drafter ARGS`` in a subprocess; returns the CompletedProcess (text)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env_extra or {}))
    return subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, input=input)


def run_cli(capsys, args):
    """Run the drafter command in process through drafter.cli.main; (exit code, stdout, stderr)."""
    capsys.readouterr()
    code = 0
    try:
        main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return code, out, err


class Outcome(NamedTuple):
    """What a command did: its exit code and everything it printed (stdout, then stderr, interleaved)."""

    exit_code: int
    output: str


def run_in_process(*args) -> Outcome:
    """Run ``drafter ARGS`` in this process through drafter.cli.main, with stdout and stderr captured together."""
    buf = io.StringIO()
    code = 0
    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(buf):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Outcome(code, buf.getvalue())
