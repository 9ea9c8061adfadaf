"""drafter.speech.reader and the ``drafter check`` command."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from drafter.speech.blocks import Kind
from drafter.checks.inputs import check_path
from drafter.speech.reader import find_meeting_date, read_speech
from drafter.errors import SpeechReadError

DATA = Path(__file__).parent / "data" / "checks"
REPO = Path(__file__).resolve().parents[1]


def test_read_txt_roles_and_lines():
    blocks = read_speech(DATA / "plain_speech.txt")
    kinds = [(b.kind, b.level, b.line) for b in blocks]
    assert kinds[:4] == [(Kind.TITLE, 0, 1), (Kind.DATE, 0, 2), (Kind.SALUTATION, 0, 4), (Kind.PARAGRAPH, 0, 5)]
    assert (Kind.HEADING, 1, 6) in kinds and (Kind.HEADING, 1, 8) in kinds
    assert find_meeting_date(blocks) == dt.date(2026, 2, 15)


def test_check_txt_uses_its_date_line():
    findings, ctx = check_path(DATA / "plain_speech.txt")
    assert ctx.meeting_date == dt.date(2026, 2, 15)
    got = {(f.rule, f.line) for f in findings}
    assert ("spirit-string", 7) in got          # 四中全会 closed 2025-10-23
    assert ("numbering-mixed", 7) in got        # 一要 … 二是
    assert ("placeholder", 9) in got


def test_read_docx_with_heading_styles(tmp_path: Path):
    d = docx.Document()
    d.add_paragraph("在全区党建工作会议上的讲话", style="Title")
    d.add_paragraph("（2026年2月15日）")
    d.add_paragraph("同志们：")
    d.add_paragraph("下面，我讲三点意见。")
    d.add_paragraph("一、加强政治建设", style="Heading 1")
    d.add_paragraph("二、激发党建活力", style="Heading 1")
    path = tmp_path / "s.docx"
    d.save(path)
    blocks = read_speech(path)
    assert [b.kind for b in blocks] == [Kind.TITLE, Kind.DATE, Kind.SALUTATION, Kind.PARAGRAPH,
                                        Kind.HEADING, Kind.HEADING]
    findings, ctx = check_path(path)
    assert ctx.meeting_date == dt.date(2026, 2, 15)
    assert [f.rule for f in findings if f.severity == "error"] == ["announced-count"]


def test_read_docx_by_shape(tmp_path: Path):
    d = docx.Document()
    for t in ("讲话", "同志们：", "一、甲", "正文。"):
        d.add_paragraph(t)
    path = tmp_path / "s.docx"
    d.save(path)
    assert [b.kind for b in read_speech(path)] == [Kind.TITLE, Kind.SALUTATION, Kind.HEADING, Kind.PARAGRAPH]


def test_read_md_markup_and_plain(tmp_path: Path):
    m = tmp_path / "a.md"
    m.write_text("# 讲话\n\n@salutation 同志们：\n\n## 一、甲\n\n**一要学。**学。\n", encoding="utf-8")
    assert [b.kind for b in read_speech(m)] == [Kind.TITLE, Kind.SALUTATION, Kind.HEADING, Kind.PARAGRAPH]
    p = tmp_path / "b.md"
    p.write_text("同志们：\n\n### 一、甲\n\n**一要学。**学。\n", encoding="utf-8")
    blocks = read_speech(p)
    assert [b.kind for b in blocks] == [Kind.SALUTATION, Kind.HEADING, Kind.PARAGRAPH]
    assert blocks[2].text == "一要学。学。"


def test_gbk_txt(tmp_path: Path):
    p = tmp_path / "g.txt"
    p.write_bytes("同志们：\n发展党员X名。\n".encode("gb18030"))
    assert read_speech(p)[1].text == "发展党员X名。"


@pytest.mark.parametrize("name, content, expect", [
    ("missing.txt", None, "文件不存在"),
    ("a.doc", b"x", "不支持的文件类型"),
    ("broken.docx", b"not a zip", "无法打开 Word 文件"),
    ("bad.txt", b"\xff\xfe\xfa\x00\x81", "不是 UTF-8 或 GBK"),
])
def test_unreadable_speech(tmp_path: Path, name, content, expect):
    p = tmp_path / name
    if content is not None:
        p.write_bytes(content)
    with pytest.raises(SpeechReadError) as e:
        read_speech(p)
    assert expect in e.value.render() and str(p) in e.value.render()


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", "check", *args], cwd=REPO, capture_output=True,
                          text=True)


def test_cli_check_exit_codes(tmp_path: Path):
    clean = tmp_path / "clean.txt"
    clean.write_text("同志们：\n今天我们开会。\n", encoding="utf-8")
    r = _cli(str(clean))
    assert (r.returncode, r.stdout.strip()) == (0, "未发现问题。")
    warn = tmp_path / "warn.txt"
    warn.write_text("同志们：\n发展党员X名。\n", encoding="utf-8")
    assert _cli(str(warn)).returncode == 0
    assert _cli(str(warn), "--strict").returncode == 1
    r = _cli(str(DATA / "plain_speech.txt"), "--format", "json")
    assert r.returncode == 1
    assert "numbering-mixed" in {f["rule"] for f in json.loads(r.stdout)}


def test_cli_date_option_overrides(tmp_path: Path):
    p = tmp_path / "s.txt"
    p.write_text("同志们：\n要深入学习贯彻党的十九大精神。\n", encoding="utf-8")
    assert _cli(str(p)).returncode == 0
    r = _cli(str(p), "--date", "2023-3-1")
    assert r.returncode == 1 and "dated-formulation" in r.stdout
    r = _cli(str(p), "--date", "去年")
    assert r.returncode == 2 and "不是日期" in r.stderr
    r = _cli(str(p), "--speed", "300")
    assert r.returncode == 2 and "150–220" in r.stderr
