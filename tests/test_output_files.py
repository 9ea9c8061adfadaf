"""No lost edits: every overwrite keeps every earlier version the writer may have edited, only regular
files are replaced, the format follows the output's name, and a write is whole or not at all."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from cli_helpers import ROOT, drafter

EXAMPLE = ROOT / "examples" / "review.yaml"


def _brief(tmp_path: Path) -> Path:
    brief = tmp_path / "讲话.yaml"
    brief.write_bytes(EXAMPLE.read_bytes())
    return brief


def test_md_forced_twice_after_edits_keeps_both_edited_versions(tmp_path):
    brief = _brief(tmp_path)
    out = tmp_path / "讲话.md"
    assert drafter("render", brief, "-o", out).returncode == 0
    out.write_text("第一次改过的稿子\n", encoding="utf-8")
    assert drafter("render", brief, "-o", out, "--force").returncode == 0
    out.write_text("第二次改过的稿子\n", encoding="utf-8")
    r = drafter("render", brief, "-o", out, "--force")
    assert r.returncode == 0, r.stderr
    kept = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("讲话.bak*.md")}
    assert kept == {"讲话.bak.md": "第二次改过的稿子\n", "讲话.bak2.md": "第一次改过的稿子\n"}
    assert "已改名为 讲话.bak2.md" in r.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")


def test_new_forced_twice_keeps_the_writers_brief(tmp_path):
    target = tmp_path / "brief.yaml"
    assert drafter("new", "review", "-o", target).returncode == 0
    target.write_text("# 我写了一上午的简报\n", encoding="utf-8")
    assert drafter("new", "review", "-o", target, "--force").returncode == 0
    assert drafter("new", "review", "-o", target, "--force").returncode == 0
    texts = sorted(p.read_text(encoding="utf-8") for p in tmp_path.glob("brief.bak*.yaml"))
    assert "# 我写了一上午的简报\n" in texts
    assert len(texts) == 2


def test_an_untouched_docx_backup_is_replaced_not_piled_up(tmp_path):
    brief = _brief(tmp_path)
    out = tmp_path / "讲话.docx"
    for _ in range(4):
        assert drafter("render", brief, "-o", out, "--force", "-q").returncode == 0
    assert sorted(p.name for p in tmp_path.glob("讲话.bak*.docx")) == ["讲话.bak.docx"]


@pytest.mark.parametrize("name, fmt, expect", [
    ("x.md", None, "markup"),
    ("x.txt", None, "text"),
    ("x.docx", None, "docx"),
    ("x", None, "docx"),
    ("x.md", "md", "markup"),
])
def test_the_format_follows_the_output_name(tmp_path, name, fmt, expect):
    out = tmp_path / name
    args = ["render", _brief(tmp_path), "-o", out, "-q"] + (["-f", fmt] if fmt else [])
    r = drafter(*args)
    assert r.returncode == 0, r.stderr
    data = out.read_bytes()
    if expect == "docx":
        assert data[:2] == b"PK"
        assert docx.Document(str(out)).paragraphs
    elif expect == "markup":
        assert data.decode("utf-8").startswith("# ")
    else:
        assert not data.startswith(b"PK") and "同志们：" in data.decode("utf-8")


def test_a_format_that_contradicts_the_output_name_is_refused(tmp_path):
    out = tmp_path / "x.md"
    r = drafter("render", _brief(tmp_path), "-o", out, "-f", "docx")
    assert r.returncode == 2
    assert "扩展名是 .md，格式却是 docx" in r.stderr and "Traceback" not in r.stderr
    assert not out.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_special_file_under_the_output_name_is_never_replaced(tmp_path):
    fifo = tmp_path / "out.docx"
    os.mkfifo(fifo)
    r = drafter("render", _brief(tmp_path), "-o", fifo, "--force", "-q")
    assert r.returncode == 1
    assert "不是普通文件" in r.stderr and "Traceback" not in r.stderr
    assert not fifo.is_file() and fifo.exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_symlinked_output_writes_through_the_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("旧稿\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert drafter("render", _brief(tmp_path), "-o", link, "--force", "-q").returncode == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# ")
    assert (tmp_path / "real.bak.md").read_text(encoding="utf-8") == "旧稿\n"


def test_speed_zero_is_refused_not_taken_as_the_default(tmp_path):
    r = drafter("check", EXAMPLE, "--speed", "0")
    assert r.returncode == 2 and "150–220" in r.stderr


def test_ctrl_c_stops_a_batch_and_says_what_was_written(tmp_path):
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    for i in range(400):
        (briefs / f"b{i:03d}.yaml").write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "render", str(briefs), "-o", str(out), "-j", "2"],
                            env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal sends Ctrl-C: to the whole process group
    _, err = proc.communicate(timeout=30)
    written = sorted(out.glob("*.docx"))
    assert proc.returncode == 130, err
    assert 5 <= len(written) < 400
    assert f"已中断：已生成 {len(written)} 份" in err
    assert "Traceback" not in err
    assert not list(out.glob(".*.tmp"))


@pytest.mark.parametrize("content", ["", "\n\n   \n", "\u3000\u3000\n"])
def test_checking_an_empty_speech_says_so(tmp_path, content):
    speech = tmp_path / "空稿.txt"
    speech.write_text(content, encoding="utf-8")
    r = drafter("check", speech)
    assert r.returncode == 1
    assert "没有文字" in r.stderr and "未发现问题" not in r.stdout and "Traceback" not in r.stderr
