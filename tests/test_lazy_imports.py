"""The quick commands start without the heavy render path: no python-docx, no templates, no Jinja rendering.

Each command runs in a fresh interpreter that imports drafter.cli, runs ``main([...])`` and prints the
modules it ended up importing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, sys
from drafter.cli import main
try:
    main({args!r})
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES=" + json.dumps(sorted(sys.modules)))
"""

RENDER_PATH = ("docx", "lxml", "drafter.compose.templates", "drafter.output.wordfile", "drafter.main", "drafter.templates")


def modules_after(args: list[str], tmp_path: Path) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], cwd=tmp_path, capture_output=True,
                          text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)})
    assert "MODULES=" in proc.stderr, proc.stderr
    return json.loads(proc.stderr.rsplit("MODULES=", 1)[1])


def _top(mods: list[str]) -> set[str]:
    return set(mods) | {m.split(".")[0] for m in mods}


# ``phrases list`` loads the bank, and loading checks each entry's Jinja syntax (jinja2's parser, not the
# templates or the render path), so jinja2 itself is allowed there.
@pytest.mark.parametrize("args", [["--help"], ["types"], ["phrases", "list"]])
def test_quick_commands_do_not_import_the_render_path(args: list[str], tmp_path: Path) -> None:
    mods = _top(modules_after(args, tmp_path))
    assert not [m for m in RENDER_PATH if m in mods]


@pytest.mark.parametrize("args", [["--help"], ["types"]])
def test_help_and_types_import_neither_jinja_nor_yaml(args: list[str], tmp_path: Path) -> None:
    mods = _top(modules_after(args, tmp_path))
    assert not {"jinja2", "yaml", "ruamel", "rich"} & mods


def test_the_probe_sees_the_render_path_when_it_is_used(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    mods = _top(modules_after(["render", str(ROOT / "examples" / "review.yaml"), "-o", str(out), "-q"], tmp_path))
    assert out.is_file()
    assert {"jinja2", "drafter.compose.templates", "drafter.output.wordfile"} <= mods
    assert "docx" not in mods  # the built-in profiles' .docx bases are shipped built


def test_rendering_a_brief_to_a_new_file_reads_neither_a_speech_nor_a_docx(tmp_path: Path) -> None:
    out = tmp_path / "new.docx"
    mods = _top(modules_after(["render", str(ROOT / "examples" / "review.yaml"), "-o", str(out), "-q"], tmp_path))
    assert out.is_file()
    assert not {"drafter.speech.reader", "xml"} & mods  # the speech reader; ElementTree for an existing .docx


BATCH_PATH = ("drafter.batch", "multiprocessing", "concurrent")


def test_rendering_one_brief_does_not_import_the_batch_machinery(tmp_path: Path) -> None:
    out = tmp_path / "one.docx"
    mods = _top(modules_after(["render", str(ROOT / "examples" / "review.yaml"), "-o", str(out), "-q"], tmp_path))
    assert out.is_file()
    assert not [m for m in BATCH_PATH if m in mods]


def test_a_folder_of_briefs_still_renders_as_a_batch(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "a.yaml").write_bytes((ROOT / "examples" / "review.yaml").read_bytes())
    mods = _top(modules_after(["render", str(briefs), "-o", str(tmp_path / "out"), "-j", "1"], tmp_path))
    assert (tmp_path / "out" / "a.docx").is_file()
    assert "drafter.batch" in mods


SERVER_STACK = ("starlette", "uvicorn", "multipart", "python_multipart", "anyio", "h11", "drafter.web", "selenium",
                "socket")


@pytest.mark.parametrize("args", [
    ["--help"],
    ["serve", "--help"],
    ["render", str(ROOT / "examples" / "review.yaml"), "-o", "{out}", "-q"],
    ["render", str(ROOT / "examples" / "review.yaml"), "--output={out}", "-q"],  # through typer, with serve declared
])
def test_render_and_help_do_not_import_the_server_stack(args: list[str], tmp_path: Path) -> None:
    args = [a.replace("{out}", str(tmp_path / "x.docx")) for a in args]
    mods = _top(modules_after(args, tmp_path))
    assert not [m for m in SERVER_STACK if m in mods]
