"""Templates (--templates DIR) and phrase texts (--bank DIR) from a user's folder run in Jinja's sandbox:
reaching for Python internals or the file system gets a clear Chinese refusal naming the file, exit 1,
and nothing is written."""

from __future__ import annotations

import collections.abc
import re
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SecurityError

from cli_helpers import run_cli
from drafter.compose.sandbox import GuardedSandbox

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "review.yaml").read_text(encoding="utf-8")

HOSTILE = [
    ("subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("globals", "{{ self.__init__.__globals__ }}"),
    ("cycler", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
    ("lipsum", "{{ lipsum.__globals__['os'].listdir('/') }}"),
    ("format-attr", "{{ '{0.__class__}'.format(plan) }}"),
    ("plan-internals", "{{ plan.__class__.__init__.__globals__ }}"),
    ("mutate", "{{ plan.visits.append(1) }}"),
]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "b.yaml").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_hostile_user_template_is_refused(folder, capsys, text):
    tpl = folder / "tpl"
    tpl.mkdir()
    (tpl / "review.md.j2").write_text("# 标题\n\n正文。\n" + text + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-o", folder / "out" / "x.docx",
                                      "--templates", tpl])
    assert code == 1
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"{tpl}/review.md.j2:4: 错误："), err
    assert any(w in first for w in ("不允许", "不存在", "出错")), err
    assert "uid=" not in err and "bin" not in err.split("错误：", 1)[1].split("\n")[0].split("：")[0]
    assert list((folder / "out").iterdir()) == []


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_hostile_bank_text_is_refused(folder, capsys, text):
    bank = folder / "bank"
    bank.mkdir()
    builtin = (ROOT / "phrasebank" / "opening.yaml").read_text(encoding="utf-8")
    ids = sorted(set(re.findall(r"id: (opening\.purpose\.\d+)", builtin)))
    quoted = text.replace('"', '\\"')
    # the unit's layer overrides every built-in opening.purpose entry, so the hostile text is the one chosen
    (bank / "mine.yaml").write_text("".join(f'- id: {i}\n  text: "今天开会。{quoted}"\n' for i in ids), encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-o", folder / "out" / "x.docx", "--bank", bank])
    assert code == 1
    assert "Traceback" not in err
    assert f"{bank}/mine.yaml:" in err, err
    assert "词库条目 opening.purpose." in err and ("不允许" in err or "未定义的变量" in err), err
    assert list((folder / "out").iterdir()) == []


@pytest.mark.parametrize("tag", ["{% include '/etc/passwd' %}", "{% extends '/etc/passwd' %}",
                                 "{% include '../../../../../../etc/passwd' %}", "{% import '/etc/hostname' as h %}"])
def test_template_cannot_read_files_outside_the_template_folders(folder, capsys, tag):
    tpl = folder / "tpl"
    tpl.mkdir()
    (tpl / "review.md.j2").write_text("# 标题\n\n" + tag + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-f", "md", "-o", "-", "--templates", tpl])
    assert code == 1
    assert "root:" not in out + err
    assert err.splitlines()[0].startswith(f"{tpl}/review.md.j2:3: 错误："), err
    assert "Traceback" not in err


@pytest.mark.parametrize("text,line", [("{# 没有结束的注释\n", 4), ("{{ plan.title \n", 4), ("{% if %}\n", 4),
                                       ("{% for x in y %}\n", 4)])
def test_a_template_syntax_error_names_the_file_in_its_folder(folder, capsys, text, line):
    tpl = folder / "tpl"
    tpl.mkdir()
    (tpl / "review.md.j2").write_text("# 标题\n\n正文。\n" + text, encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-f", "md", "-o", "-", "--templates", tpl])
    assert code == 1 and "Traceback" not in err
    assert err.startswith(f"{tpl}/review.md.j2:{line}: 错误：模板语法错误："), err
