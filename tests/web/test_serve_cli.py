"""``drafter serve`` on the command line: what a writer sees when it cannot start."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest


def serve(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", "serve", *args, "--no-browser"], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args, message", [
    (["没有这个文件夹"], "文件夹不存在"),
    (["--port", "99999"], "99999"),
])
def test_serve_refuses_with_a_chinese_message(tmp_path, args, message):
    proc = serve(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_port_in_use_is_explained(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = serve(str(tmp_path), "--port", str(port), cwd=tmp_path)
    assert proc.returncode == 2
    assert "无法在 127.0.0.1" in proc.stderr and "--port" in proc.stderr
