"""Running drafter in a subprocess under a memory and time limit, as the hostile-input tests need:
a case that goes wrong must fail its test, not take the machine down with it."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEMORY_LIMIT = 1_500_000_000
"""Bytes of address space a drafter process may use (RLIMIT_AS)."""

TIME_LIMIT = 60
"""Seconds a drafter process may run (its render budget stops a template after 2 s; the rest is
start-up on a busy machine)."""


@dataclass
class Outcome:
    code: int | None  # None: killed at the time limit
    out: str
    err: str

    @property
    def hung(self) -> bool:
        return self.code is None

    def describe(self) -> str:
        return f"exit {self.code}\n--- stdout\n{self.out[-2000:]}\n--- stderr\n{self.err[-3000:]}"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(argv: list, *, cwd: Path | None = None, env_extra: dict | None = None,
                timeout: float = TIME_LIMIT) -> Outcome:
    """Run ``python ARGV`` (e.g. ``["-m", "drafter", "render", …]``) under the limits."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
               **(env_extra or {}))
    try:
        done = subprocess.run([sys.executable, *map(str, argv)], cwd=cwd, env=env, capture_output=True,
                              text=True, errors="replace", timeout=timeout, preexec_fn=_limit_memory,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as err:
        return Outcome(None, _text(err.stdout), _text(err.stderr))
    return Outcome(done.returncode, done.stdout, done.stderr)


def run_drafter_many(jobs: dict, **kwargs) -> dict:
    """``{key: drafter arguments}`` → ``{key: Outcome}``, a few processes at a time."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(run_limited, ["-m", "drafter", *args], **kwargs) for key, args in jobs.items()}
        return {key: f.result() for key, f in futures.items()}


def _text(data: bytes | str | None) -> str:
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return data or ""
