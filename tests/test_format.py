"""``drafter format``: any speech laid out per GB/T 9704, its text unchanged."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.cli_helpers import run_cli
from tests.docx_helpers import CONFORMANCE, conformance
from tests.test_import_reader import auto_numbered_docx

SPEECHES = Path(__file__).parent / "data" / "speeches"
REF = Path(__file__).resolve().parents[2] / "shared" / "reference"
pytestmark = pytest.mark.skipif(not CONFORMANCE.exists(), reason="the shared layout checker is not available")


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        t = raw.strip(" \t\u3000").removeprefix("### ").removeprefix("## ").removeprefix("# ")
        if t:
            out.append(t)
    return out


CASES = [(SPEECHES / name, []) for name in ("review_yiyao.txt", "annual_paragraphs.txt", "quarterly_subheadings.md",
                                            "superior_jidian.txt", "inline_requirements.txt")] + [
    (REF / "001_d9529b1d7920d0a1.txt", []),
    (REF / "000_a1ea94e80e9ae9fe.txt", ["--title", "党工委书记在基层党建工作述职评议会上的讲话", "--salutation", "同志们："]),
    (REF / "002_c6cb7a506b7bcfc4.txt", ["--title", "在市直机关党建工作会议上的讲话", "--salutation", "同志们："]),
]


@pytest.mark.parametrize("source, options", CASES, ids=[c[0].name for c in CASES])
def test_format_lays_out_any_speech_with_its_text_unchanged(tmp_path, capsys, source, options):
    if not source.exists():
        pytest.skip("reference speeches not available")
    out = tmp_path / "out.docx"
    code, _, err = run_cli(capsys, ["format", source, "-o", out, *options])
    assert code == 0, err
    texts = [p.text for p in docx.Document(str(out)).paragraphs if p.text.strip() and not p.text.startswith("—")]
    expected = _lines(source)
    if options:
        from drafter.compose.plan import split_title

        expected = split_title(options[1]) + [options[3]] + expected
    assert texts == expected
    rc, report = conformance(out)
    assert rc == 0 and " 0 MUST failures" in report, report


def test_format_reads_automatic_numbering_into_headings(tmp_path, capsys):
    lines = auto_numbered_docx(SPEECHES / "review_yiyao.txt", tmp_path / "auto.docx")
    code, _, err = run_cli(capsys, ["format", tmp_path / "auto.docx"])
    assert code == 0, err
    out = tmp_path / "auto.排版.docx"
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs if p.text.strip() and not p.text.startswith("—")]
    assert texts == lines
    headings = [p.text for p in document.paragraphs if p.style.name == "一级标题"]
    assert headings == ["一、提高政治站位，把牢正确方向", "二、夯实基层基础，建强战斗堡垒", "三、压实工作责任，确保落地见效"]
    assert conformance(out)[0] == 0


def test_format_says_what_is_missing_and_never_overwrites(tmp_path, capsys):
    src = tmp_path / "s.txt"
    src.write_text("今天的会开得很好。\n一、抓好学习\n一要学深。学深悟透。\n", encoding="utf-8")
    code, _, err = run_cli(capsys, ["format", src])
    assert code == 0 and "没有标题" in err and "--salutation" in err
    code, _, err = run_cli(capsys, ["format", src])
    assert code == 1 and "文件已存在" in err
    code, _, err = run_cli(capsys, ["format", src, "--force"])
    assert code == 0 and (tmp_path / "s.排版.bak.docx").exists()
