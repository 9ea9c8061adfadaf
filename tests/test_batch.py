"""Batch rendering: ``drafter render A.yaml B.yaml 文件夹/ -o OUTDIR/`` and :func:`drafter.batch.render_many`."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from drafter.batch import expand_briefs, render_many

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
BAD = "meeting:\n  type: review\n  date: 2026-13-01\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(cwd)})


@pytest.fixture()
def briefs(tmp_path: Path) -> Path:
    folder = tmp_path / "简报"
    folder.mkdir()
    for ex in EXAMPLES:
        shutil.copy(ex, folder / ex.name)
    return folder


def _document_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def test_several_briefs_into_an_outdir(briefs: Path, tmp_path: Path) -> None:
    files = [str(briefs / ex.name) for ex in EXAMPLES]
    proc = run("render", *files, "-o", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == sorted(ex.with_suffix(".docx").name for ex in EXAMPLES)
    for ex in EXAMPLES:
        xml = _document_xml(out / ex.with_suffix(".docx").name)
        assert 'w:pStyle w:val="SpeechTitle"' in xml and "同志们：" in xml
    assert f"共 {len(EXAMPLES)} 份简报：生成 {len(EXAMPLES)} 份，失败 0 份。" in proc.stderr


def test_a_folder_means_every_yaml_inside_and_a_quoted_glob_is_expanded(briefs: Path, tmp_path: Path) -> None:
    (briefs / "说明.txt").write_text("不是简报", encoding="utf-8")
    proc = run("render", "简报", "-o", "out1", "--format", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (tmp_path / "out1").iterdir()) == sorted(ex.with_suffix(".md").name for ex in EXAMPLES)
    proc = run("render", "简报/r*w.yaml", "-o", "out2", "--format", "md", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in (tmp_path / "out2").iterdir()] == ["review.md"]


def test_one_bad_brief_does_not_stop_the_others(briefs: Path, tmp_path: Path) -> None:
    (briefs / "bad.yaml").write_text(BAD, encoding="utf-8")
    proc = run("render", "简报", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(ex.with_suffix(".docx").name for ex in EXAMPLES)
    assert f"共 {len(EXAMPLES) + 1} 份简报：生成 {len(EXAMPLES)} 份，失败 1 份。" in proc.stderr
    assert "简报/bad.yaml:3:9: 错误：meeting.date（会议日期）：日期「2026-13-01」不存在" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_existing_outputs_are_not_overwritten_without_force(briefs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    mine = out / "review.docx"
    mine.write_bytes(b"my edited copy")
    proc = run("render", "简报", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert mine.read_bytes() == b"my edited copy"
    assert "review.docx: 错误：文件已存在，没有覆盖" in proc.stderr
    assert (out / "annual.docx").is_file()
    proc = run("render", "简报", "-o", "out", "--force", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert mine.read_bytes().startswith(b"PK")
    assert (out / "review.bak.docx").read_bytes() == b"my edited copy"


def test_jobs_1_and_2_give_identical_bytes(briefs: Path, tmp_path: Path) -> None:
    one = render_many([briefs], tmp_path / "j1", jobs=1)
    two = render_many([briefs], tmp_path / "j2", jobs=2)
    assert one.ok and two.ok
    assert [b for b, _ in one.written] == [b for b, _ in two.written] == sorted(briefs.glob("*.yaml"))
    for (_, a), (_, b) in zip(one.written, two.written):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes()


def test_same_named_briefs_from_two_folders_do_not_overwrite_each_other(briefs: Path, tmp_path: Path) -> None:
    other = tmp_path / "其他"
    other.mkdir()
    shutil.copy(briefs / "review.yaml", other / "review.yaml")
    result = render_many([briefs / "review.yaml", other / "review.yaml"], tmp_path / "out", jobs=1)
    assert [p.name for _, p in result.written] == ["review.docx"]
    assert len(result.failures) == 1
    assert result.failures[0].brief == other / "review.yaml"
    assert "与简报" in result.failures[0].message and "重名" in result.failures[0].message


def test_expand_briefs_reports_an_empty_folder_and_an_unmatched_pattern(tmp_path: Path) -> None:
    empty = tmp_path / "空"
    empty.mkdir()
    files, failures = expand_briefs([empty, str(tmp_path / "无*.yaml")])
    assert files == []
    assert [f.message.split("\n")[0] for f in failures] == [
        f"{empty}: 错误：文件夹里没有简报（.yaml 文件）",
        f"{tmp_path / '无*.yaml'}: 错误：没有与这个通配符匹配的文件",
    ]


def test_an_empty_folder_is_not_counted_as_a_brief(briefs: Path, tmp_path: Path) -> None:
    (tmp_path / "空").mkdir()
    proc = run("render", "空", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.rstrip("\n").split("\n")[-1] == "没有找到任何简报，没有生成讲话稿。"
    assert "空: 错误：文件夹里没有简报（.yaml 文件）" in proc.stderr
    proc = run("render", "空", "简报/review.yaml", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 1  # a folder that named nothing is still a mistake worth an exit code
    assert (tmp_path / "out" / "review.docx").is_file()
    assert proc.stderr.rstrip("\n").split("\n")[-1] == (
        "共 1 份简报：生成 1 份，失败 0 份；另有 1 个文件夹或通配符没有找到简报。")


def test_outdir_that_is_a_file_is_refused(briefs: Path, tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x", encoding="utf-8")
    proc = run("render", "简报", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 2
    assert "out: 错误：一次生成多份讲话稿时，-o 应是文件夹，这是一个文件" in proc.stderr


def test_one_brief_still_writes_the_named_file(briefs: Path, tmp_path: Path) -> None:
    proc = run("render", "简报/review.yaml", "-o", "讲话稿.docx", "-q", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "讲话稿.docx").is_file()
