"""``drafter check``: accepting findings (an accept file beside the speech, a unit-level --accept file)
and the meeting type for the length rules (--type, or the type drafter stored in its own .docx)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ROOT, run_cli

SPEECH = ("同志们：\n"
          "要推动新形势下基层组织建设质量水平全面提升，抓好“红色领航”工程。\n"
          "全年发展党员某某名，推动新形势下基层组织建设质量水平全面提升。\n")


def _speech(tmp_path: Path) -> Path:
    p = tmp_path / "讲话.txt"
    p.write_text(SPEECH, encoding="utf-8")
    return p


def test_without_accept_file_both_findings_are_reported(tmp_path, capsys):
    code, out, _ = run_cli(capsys, ["check", _speech(tmp_path)])
    assert "[repetition]" in out and "[placeholder]" in out and "已接受" not in out


def test_the_accept_file_beside_the_speech_quiets_a_finding_and_is_counted(tmp_path, capsys):
    speech = _speech(tmp_path)
    (tmp_path / "讲话.accept.yaml").write_text(
        "accept:\n  - rule: repetition\n    text: 推动新形势下基层组织建设质量水平全面提升\n    note: 有意重复\n",
        encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", speech])
    assert "[repetition]" not in out and "[placeholder]" in out
    assert "另有 1 条已接受" in out


def test_a_unit_level_list_of_terms(tmp_path, capsys):
    speech = _speech(tmp_path)
    unit = tmp_path / "本单位.yaml"
    unit.write_text("terms:\n  - 某某名\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", speech, "--accept", unit])
    assert "[placeholder]" not in out and "[repetition]" in out and "另有 1 条已接受" in out


@pytest.mark.parametrize("content, where, words", [
    ("accept:\n  - rule: repetiton\n    text: 某句\n", "2:11", "没有「repetiton」这条规则"),
    ("accept:\n  - rule: repetition\n", "2:5", "缺少必填项 accept[1].text"),
    ("accept: 全部\n", "1:9", "应是一个列表"),
    ("accepted:\n  - rule: repetition\n", "1:1", "不认识的键「accepted」"),
    ("terms: [a, [b]]\n", "1:12", "应是一段文字"),
])
def test_a_bad_accept_file_is_reported_with_its_place(tmp_path, capsys, content, where, words):
    speech = _speech(tmp_path)
    bad = tmp_path / "讲话.accept.yaml"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run_cli(capsys, ["check", speech])
    assert code == 1 and "Traceback" not in err and out == ""
    assert f"{bad}:{where}: 错误：" in err and words in err, err


def test_type_gives_the_length_range_of_any_text(tmp_path, capsys):
    speech = _speech(tmp_path)
    _, out, _ = run_cli(capsys, ["check", speech])
    assert "[length-range]" not in out
    _, out, _ = run_cli(capsys, ["check", speech, "--type", "annual"])
    assert "[length-range]" in out and "4000—8000字" in out
    code, _, err = run_cli(capsys, ["check", speech, "--type", "没有这种会"])
    assert code == 2 and "不认识的会议类型" in err


def test_the_type_is_read_back_from_drafters_own_docx(tmp_path, capsys):
    out_docx = tmp_path / "稿.docx"
    code, _, _ = run_cli(capsys, ["render", ROOT / "examples" / "review.yaml", "-o", out_docx])
    assert code == 0
    import zipfile
    assert 'name="meeting_type"' in zipfile.ZipFile(out_docx).read("docProps/custom.xml").decode()
    _, out, _ = run_cli(capsys, ["check", out_docx, "--format", "json"])
    # the stored type (review, 2,500–4,000 字) holds; as an annual report the same text is short
    assert "length-range" not in out
    _, out, _ = run_cli(capsys, ["check", out_docx, "--type", "annual"])
    assert "[length-range]" in out
