"""A draft the writer has edited since drafter wrote it is never overwritten silently."""

import shutil
from pathlib import Path

import docx

from drafter.output.provenance import Origin, inspect
from cli_helpers import drafter

ROOT = Path(__file__).resolve().parent.parent


def _brief(tmp_path):
    brief = tmp_path / "讲话.yaml"
    shutil.copy(ROOT / "examples" / "review.yaml", brief)
    return brief


def _edit(path: Path, text: str) -> None:
    d = docx.Document(str(path))
    d.add_paragraph(text)
    d.save(str(path))


def test_untouched_draft_is_replaced_without_notice(tmp_path):
    brief = _brief(tmp_path)
    assert drafter("render", brief, "-q").returncode == 0
    out = brief.with_suffix(".docx")
    assert inspect(out) is Origin.UNTOUCHED
    r = drafter("render", brief, "--force", "-q")
    assert r.returncode == 0
    assert "注意" not in r.stderr
    assert inspect(tmp_path / "讲话.bak.docx") is Origin.UNTOUCHED



def test_a_review_copy_is_untouched_until_the_writer_saves_it(tmp_path):
    brief = _brief(tmp_path)
    assert drafter("render", brief, "--review", "-q").returncode == 0
    out = tmp_path / "讲话.review.docx"
    assert inspect(out) is Origin.UNTOUCHED
    _edit(out, "我的修改")
    assert inspect(out) is Origin.EDITED

def test_edited_draft_is_kept_and_named_in_a_notice(tmp_path):
    brief = _brief(tmp_path)
    drafter("render", brief, "-q")
    out = brief.with_suffix(".docx")
    _edit(out, "文秘自己加的一段")
    assert inspect(out) is Origin.EDITED
    r = drafter("render", brief, "--force", "-q")
    assert r.returncode == 0, r.stderr
    assert f"{out}: 注意：这份讲话稿在 drafter 生成后被修改过，已按 --force 重新生成；您修改过的版本保留在 讲话.bak.docx" in r.stderr
    backup = docx.Document(str(tmp_path / "讲话.bak.docx"))
    assert backup.paragraphs[-1].text == "文秘自己加的一段"
    assert inspect(out) is Origin.UNTOUCHED
    # a second --force does not lose the edited backup: it is moved aside first
    r = drafter("render", brief, "--force", "-q")
    assert "已改名为 讲话.bak2.docx" in r.stderr
    assert docx.Document(str(tmp_path / "讲话.bak2.docx")).paragraphs[-1].text == "文秘自己加的一段"


def test_a_file_drafter_did_not_write_is_named_as_such(tmp_path):
    brief = _brief(tmp_path)
    out = brief.with_suffix(".docx")
    d = docx.Document()
    d.add_paragraph("自己写的稿子")
    d.save(str(out))
    assert inspect(out) is Origin.FOREIGN
    r = drafter("render", brief, "--force", "-q")
    assert r.returncode == 0
    assert "原文件不是 drafter 生成的" in r.stderr
    assert docx.Document(str(tmp_path / "讲话.bak.docx")).paragraphs[0].text == "自己写的稿子"
