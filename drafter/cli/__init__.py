"""The ``drafter`` command: :func:`main`, which runs the typer application (:mod:`drafter.cli.app`).

Every error a writer can cause is a :class:`drafter.errors.DrafterError`; :func:`main` catches it
once, prints its message to stderr and exits with its code (1, or 2 for command-line misuse). A
dependency that is not installed (typer itself included: the application is imported inside the same
``try``) is a message saying what to install, not a traceback.
"""

from __future__ import annotations

import gc
import sys

from drafter.errors import DrafterError, message

_DEPENDENCIES = {"jinja2": "Jinja2", "yaml": "PyYAML", "docx": "python-docx", "lxml": "lxml", "typer": "typer",
                 "ruamel": "ruamel.yaml", "rich": "rich", "starlette": "starlette", "uvicorn": "uvicorn",
                 "multipart": "python-multipart"}
"""Top-level modules drafter imports (some lazily, so they are first missed mid-command) → their package names."""


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``drafter`` command and of ``python -m drafter``."""
    try:
        from drafter.cli.app import typer_app  # inside the try: a missing typer is reported like any dependency

        typer_app()(args=argv, standalone_mode=True)
    except DrafterError as err:
        _say(err.render())
        raise SystemExit(err.exit_code) from None
    except ModuleNotFoundError as err:
        package = _DEPENDENCIES.get((err.name or "").split(".")[0])
        if package is None:
            raise  # not one of drafter's dependencies: a bug, with its traceback
        _say(message(f"drafter 需要的 {package} 没有安装，未写入任何文件",
                     hint="在 drafter 的目录里运行 pip install -e .（或 pip install drafter），再试一次"))
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        _say("已中断，未写入任何文件。")
        raise SystemExit(130) from None


def run() -> None:
    """The ``drafter`` console command and ``python -m drafter``: :func:`main` as a process of its own.

    Python's cyclic garbage collector is off for the command, and what it loaded is frozen before the
    process ends, so that the collector's final pass over every object is skipped. A command makes
    little cyclic garbage (about 65 KB a draft), and the collector cost a render 47-97 ms in seven
    runs: some 70 passes while the modules load and one at exit (bench/README.md). The commands that
    last, ``drafter serve`` and a batch's workers, freeze what they have loaded and turn it back on."""
    gc.disable()
    try:
        main()
    finally:
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    run()
