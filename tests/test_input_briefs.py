"""Briefs that are not regular files (a folder is a batch of briefs, see test_batch.py), and values YAML escapes can make, through the real command:
a message at file:line:col (or naming the file) with a hint, exit 1, no traceback, no hang, no output file."""

from __future__ import annotations

import os

import pytest

from input_cases import BRIEF, assert_refused, run_drafter

SAVE_IT = "    提示：drafter 只读保存在磁盘上的文件：先把内容保存成一个文件，再写出那个文件的路径"


def _fifo(d):
    os.mkfifo(d / "b.yaml")


def _zero(d):
    (d / "b.yaml").symlink_to("/dev/zero")


def _big(d):
    with open(d / "b.yaml", "wb") as fh:
        fh.truncate(20_000_000)


@pytest.mark.parametrize("make, expected", [
    (_fifo, ["{b}: 错误：这是一个管道（FIFO），不是普通文件", SAVE_IT]),
    (_zero, ["{b}: 错误：这是一个设备文件，不是普通文件", "    提示：写出保存在磁盘上的简报文件的路径"]),
    (_big, ["{b}: 错误：文件太大（20.0 MB），上限是 1000 kB", "    提示：简报只写要点；成段的材料请精简后再放进来"]),
], ids=["fifo", "dev-zero-via-symlink", "sparse-20-mb"])
def test_a_brief_that_is_not_a_regular_file_is_refused_at_once(tmp_path, make, expected):
    out = tmp_path / "out"
    out.mkdir()
    make(tmp_path)
    b = tmp_path / "b.yaml"
    result = run_drafter(["render", b, "-o", out / "x.docx"], cwd=tmp_path, timeout=30)
    assert_refused(result, [line.format(b=b) for line in expected], out)
    assert result.stderr.splitlines()[-1] == f"{b}：共 1 处问题，未生成任何文件。"


def test_a_brief_from_a_pipe_is_refused_with_a_message_to_save_it(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_drafter(["render", "/dev/stdin", "-o", out / "x.docx"], cwd=tmp_path, input=BRIEF, timeout=30)
    assert_refused(result, ["/dev/stdin: 错误：这是一个管道（FIFO），不是普通文件", SAVE_IT], out)


ROLE_LINE = BRIEF.splitlines().index("  role: 区委书记") + 1
MINUTES_LINE = next(i for i, line in enumerate(BRIEF.splitlines(), 1) if line.startswith("  minutes: "))
CONTROL = "    提示：删掉这个以反斜杠开头的转义；要写反斜杠本身，改用单引号"


@pytest.mark.parametrize("old, new, expected", [
    ("  role: 区委书记", '  role: "区委\\x00书记"',
     [f"{{b}}:{ROLE_LINE}:9: 错误：双引号里的反斜杠转义写出了不可见的控制字符 U+0000", CONTROL]),
    ("  role: 区委书记", '  role: "\\e[2J区委书记"',
     [f"{{b}}:{ROLE_LINE}:9: 错误：双引号里的反斜杠转义写出了不可见的控制字符 U+001B", CONTROL]),
    ("  role: 区委书记", '  role: "区委书记\\x9b"',
     [f"{{b}}:{ROLE_LINE}:9: 错误：双引号里的反斜杠转义写出了不可见的控制字符 U+009B", CONTROL]),
    ("  role: 区委书记", '  role: "区委\\ud800书记"',
     [f"{{b}}:{ROLE_LINE}:", "    提示：直接写出这个字符，不要用反斜杠转义"]),
    ("  minutes: 18", "  minutes: " + "9" * 5000,
     [f"{{b}}:{MINUTES_LINE}:12: 错误：options.minutes（讲话时长目标） 超出范围：一个 5000 位的数", "    提示：应在 1 到 120 之间"]),
    ("  minutes: 18", "  minutes: -" + "9" * 30,
     [f"{{b}}:{MINUTES_LINE}:12: 错误：options.minutes（讲话时长目标） 超出范围：一个 30 位的数", "    提示：应在 1 到 120 之间"]),
], ids=["escaped-nul", "escaped-terminal-escape", "escaped-c1-control", "escaped-lone-surrogate", "5000-digit-minutes",
        "30-digit-negative-minutes"])
def test_values_made_by_escapes_or_too_many_digits_are_refused_where_they_stand(tmp_path, old, new, expected):
    out = tmp_path / "out"
    out.mkdir()
    b = tmp_path / "b.yaml"
    assert old in BRIEF
    b.write_text(BRIEF.replace(old, new, 1), encoding="utf-8")
    result = run_drafter(["render", b, "-o", out / "x.docx"], cwd=tmp_path)
    lines = [line.format(b=b) for line in expected]
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    got = result.stderr.splitlines()
    assert got[0].startswith(lines[0]) and got[1:2] == lines[1:], result.stderr
    assert list(out.iterdir()) == []


def test_a_bad_sub_point_layout_is_refused_through_the_command(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    b = tmp_path / "b.yaml"
    b.write_text(BRIEF.replace("opinions:\n  noun: 意见\n", "opinions:\n  noun: 意见\n  point_layout: 段内\n"), encoding="utf-8")
    line = BRIEF.splitlines().index("  noun: 意见") + 2
    result = run_drafter(["render", b, "-o", out / "x.docx"], cwd=tmp_path)
    assert_refused(result, [f"{b}:{line}:17: 错误：opinions.point_layout（分条要求的排法） 不能是「段内」",
                            "    提示：可选：headings / inline"], out)
