"""The drafter command as a writer uses it: exit codes, messages, files written or not."""

import json
import os
import shutil
from pathlib import Path

import pytest

from cli_helpers import drafter

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "review.yaml"


@pytest.fixture
def brief(tmp_path):
    path = tmp_path / "brief.yaml"
    shutil.copy(EXAMPLE, path)
    return path


def test_render_writes_docx_beside_the_brief(brief):
    r = drafter("render", brief)
    assert r.returncode == 0, r.stderr
    out = brief.with_suffix(".docx")
    assert out.exists() and out.read_bytes()[:2] == b"PK"
    assert r.stderr.strip().splitlines()[-1] == f"已生成：{out}"
    assert r.stdout == ""


def commented_words(path) -> dict[str, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd in document.xml."""
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    out = {}
    for m in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>', xml):
        end = xml.index(f'<w:commentRangeEnd w:id="{m.group(1)}"/>', m.end())
        out[m.group(1)] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml[m.end():end]))
    return out


def test_final_refuses_placeholders_and_review_copy_has_comments(tmp_path):
    r = drafter("new", "review", cwd=tmp_path)
    assert r.returncode == 0
    r = drafter("render", "review.yaml", "--final", cwd=tmp_path)
    assert r.returncode == 1
    assert "错误：还有 6 处占位符没有填写，定稿（--final）未生成。" in r.stderr
    assert r.stderr.splitlines()[0].startswith("review.yaml:17:14: warning[placeholder]: 占位符「X」未填写，应为数字")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["review.yaml"]
    r = drafter("render", "review.yaml", "--review", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    import docx
    review = docx.Document(str(tmp_path / "review.review.docx"))
    texts = [c.text for c in review.comments]
    assert len(texts) == 9 and sum(t.startswith("[placeholder]") for t in texts) == 6
    # each comment on the exact words it concerns; the length findings on the title
    anchored = commented_words(tmp_path / "review.review.docx")
    title = next(p.text for p in review.paragraphs if p.style.name == "讲话标题")  # its first line
    assert [anchored[str(c.comment_id)] for c in review.comments if c.text.startswith("[placeholder]")] == ["X"] * 6
    assert [anchored[str(c.comment_id)] for c in review.comments if c.text.startswith("[length")] == [title] * 2
    highlighted = [run.text for p in review.paragraphs for run in p.runs if run.font.highlight_color is not None]
    assert highlighted == ["X"] * 6
    r = drafter("render", "review.yaml", cwd=tmp_path)
    plain = docx.Document(str(tmp_path / "review.docx"))
    assert list(plain.comments) == []
    assert not any(run.font.highlight_color for p in plain.paragraphs for run in p.runs)


def test_existing_output_is_not_overwritten(brief):
    out = brief.with_suffix(".docx")
    out.write_bytes(b"the writer's own edits")
    r = drafter("render", brief)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == f"{out}: 错误：文件已存在，没有覆盖（里面可能有您改过的内容）"
    assert out.read_bytes() == b"the writer's own edits"


def test_force_keeps_the_previous_file_as_backup(brief):
    out = brief.with_suffix(".docx")
    out.write_bytes(b"old draft")
    r = drafter("render", brief, "--force")
    assert r.returncode == 0, r.stderr
    assert (brief.parent / "brief.bak.docx").read_bytes() == b"old draft"
    assert out.read_bytes()[:2] == b"PK"


def test_markdown_to_stdout_is_the_golden_draft(brief):
    r = drafter("render", brief, "--format", "md", "-o", "-")
    assert r.returncode == 0, r.stderr
    assert r.stdout == (ROOT / "tests" / "golden" / "review.md").read_text(encoding="utf-8")
    assert list(brief.parent.iterdir()) == [brief]


def test_docx_to_stdout_is_command_line_misuse(brief):
    r = drafter("render", brief, "-o", "-")
    assert r.returncode == 2
    assert r.stderr.splitlines()[0] == "错误：.docx 不能输出到屏幕（-o -）"


def test_bad_brief_reports_all_problems_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("meeting:\n  type: reveiw\n  date: 2026-13-01\nspeaker:\n  role: 区委书记\n  nmae: 张三\n"
                   "opinions:\n  items:\n    - heading: 加强政治建设\n", encoding="utf-8")
    r = drafter("render", bad)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    lines = [line for line in r.stderr.splitlines() if ": 错误：" in line]
    assert [line.split(": 错误：")[0] for line in lines] == [f"{bad}:2:9", f"{bad}:3:9", f"{bad}:6:3"]
    assert r.stderr.splitlines()[-1] == f"{bad}：共 3 处问题，未生成任何文件。"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_missing_brief(tmp_path):
    r = drafter("render", tmp_path / "none.yaml")
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == f"{tmp_path / 'none.yaml'}: 错误：找不到这个文件"


@pytest.mark.parametrize("meeting_type", ["review", "annual", "quarterly", "述职评议会"])
def test_new_writes_a_starter_that_renders_as_it_is(tmp_path, meeting_type):
    r = drafter("new", meeting_type, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    (starter,) = tmp_path.glob("*.yaml")
    text = starter.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=brief.schema.json")
    assert "meeting:" in text and "# 会议类型" in text
    r = drafter("render", starter, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert starter.with_suffix(".docx").exists()


def test_new_refuses_to_overwrite_and_unknown_type_is_misuse(tmp_path):
    (tmp_path / "review.yaml").write_text("mine", encoding="utf-8")
    r = drafter("new", "review", cwd=tmp_path)
    assert r.returncode == 1
    assert (tmp_path / "review.yaml").read_text(encoding="utf-8") == "mine"
    r = drafter("new", "座谈会", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.splitlines()[0] == "错误：没有「座谈会」这种会议类型。"


def test_types_lists_the_nine_meeting_types():
    r = drafter("types")
    assert r.returncode == 0
    ids = [line.split()[0] for line in r.stdout.splitlines()]
    assert ids == ["review", "annual", "quarterly", "discipline", "warning", "campaign", "lecture", "democratic", "july1"]
    assert "警示教育大会讲话" in r.stdout and "七一表彰大会讲话" in r.stdout
    assert "基层党建工作述职评议会书记总结讲话" in r.stdout


def test_schema_is_json_and_the_committed_copy_is_current():
    r = drafter("schema")
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema["title"] == "drafter 讲话稿简报"
    committed = ROOT / "brief.schema.json"
    assert committed.read_text(encoding="utf-8") == r.stdout, "run: drafter schema -o brief.schema.json --force"


def test_unknown_option_is_misuse():
    r = drafter("render", "--no-such-option")
    assert r.returncode == 2


def test_a_missing_dependency_is_a_message_not_a_traceback(tmp_path):
    """Run from a checkout without ``pip install``: python-docx, needed to build the .docx base of a
    unit's own profile (the built-in ones are shipped built), is missing. The writer gets what to
    install, exit 1 and no file."""
    import subprocess
    import sys

    out = tmp_path / "稿.docx"
    unit = tmp_path / "unit.yaml"
    unit.write_text("base: gbt9704\nchar_spacing: 0pt\n", encoding="utf-8")
    code = ("import sys; sys.modules['docx'] = None; from drafter.cli import main; "
            f"main(['render', {str(ROOT / 'examples' / 'review.yaml')!r}, '-o', {str(out)!r}, "
            f"'--profile', {str(unit)!r}])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(ROOT), DRAFTER_CACHE="off"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "错误：drafter 需要的 python-docx 没有安装，未写入任何文件" in proc.stderr
    assert not out.exists()


def test_a_missing_typer_is_a_message_too(tmp_path):
    """typer itself is imported inside cli.main's one try, so even the command line's own library missing
    is reported with what to install, not a traceback."""
    import subprocess
    import sys

    code = "import sys; sys.modules['typer'] = None; from drafter.cli import main; main(['--help'])"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "错误：drafter 需要的 typer 没有安装，未写入任何文件" in proc.stderr
