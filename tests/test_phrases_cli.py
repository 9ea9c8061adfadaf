"""``drafter phrases …`` in process through drafter.cli.main, as a writer runs it: output, files written, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_helpers import run_in_process

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DRAFTER_BANK", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def unit(tmp_path) -> Path:
    d = tmp_path / "unit"
    d.mkdir()
    (d / "closing.yaml").write_text(textwrap.dedent("""\
        # 本单位词库
        - id: closing.adjourn.01
          slot: closing.adjourn
          text: 本单位的散会语。散会！

        - id: closing.adjourn.u01
          slot: closing.adjourn
          text: 今天的会就到这里，大家辛苦了。散会！
          tags: [review]
        """), encoding="utf-8")
    return d


def run(*args: str):
    return run_in_process("phrases", *args)


def test_list_shows_id_text_and_layer(unit):
    r = run("list", "--category", "closing", "--bank", str(unit))
    assert r.exit_code == 0
    lines = r.output.splitlines()
    over = next(ln for ln in lines if ln.startswith("closing.adjourn.01\t"))
    assert over == f"closing.adjourn.01\t本单位的散会语。散会！\t{unit} · unit/closing.yaml:2（覆盖）"
    builtin = next(ln for ln in lines if ln.startswith("closing.call.01\t"))
    assert "\t内置 · " in builtin and "closing.yaml:" in builtin and builtin.split("\t")[1].endswith("…")
    assert lines[-1].startswith("共 ") and "opening.purpose" not in r.output


def test_list_by_tag(unit):
    r = run("list", "--tag", "quarterly", "--bank", str(unit))
    assert r.exit_code == 0
    assert "closing.urgency.01" in r.output and "opening.verdict" not in r.output
    assert "closing.adjourn.u01" not in r.output
    r = run("list", "--tag", "review", "--bank", str(unit))
    assert "closing.adjourn.u01" in r.output


def test_show_and_search(unit):
    r = run("show", "closing.adjourn.01", "--bank", str(unit))
    assert r.exit_code == 0
    assert "text: 本单位的散会语。散会！" in r.output
    assert f"来源: {unit} · unit/closing.yaml:2" in r.output
    assert "覆盖了: 内置 · " in r.output
    r = run("show", "situation.outlook.11")
    assert "valid_until: 2023-01-08" in r.output and "replaced_by: situation.outlook.01" in r.output
    r = run("show", "no.such.01")
    assert r.exit_code == 1 and "错误：词库里没有条目 no.such.01" in r.output
    r = run("search", "辛苦", "--bank", str(unit))
    assert r.exit_code == 0 and r.output.splitlines() == [
        f"closing.adjourn.u01\t今天的会就到这里，大家辛苦了。散会！\t{unit} · unit/closing.yaml:6", "共 1 条"]


def test_add_then_list_and_show(unit):
    r = run("add", "--slot", "problems.intro", "--text", "同时也要看到，{{ work }}还有短板：", "--tag", "review",
            "--valid-from", "2026-01-01", "--bank", str(unit))
    assert r.exit_code == 0, r.output
    assert r.output.strip() == f"已添加 problems.intro.u01 → {unit / 'problems.yaml'}"
    text = (unit / "problems.yaml").read_text(encoding="utf-8")
    assert "- id: problems.intro.u01\n  slot: problems.intro\n  text: 同时也要看到，{{ work }}还有短板：\n" \
           "  tags: [review]\n  valid_from: 2026-01-01\n" in text
    r = run("show", "problems.intro.u01", "--bank", str(unit))
    assert "valid_from: 2026-01-01" in r.output
    r = run("add", "--id", "problems.intro.u01", "--text", "重复。", "--bank", str(unit))
    assert r.exit_code == 1 and "条目 problems.intro.u01 已经存在" in r.output


def test_add_needs_a_target_and_valid_input(unit):
    r = run("add", "--slot", "problems.intro", "--text", "x：")
    assert r.exit_code == 2 and "需要指定写入哪个词库" in r.output
    r = run("add", "--slot", "problems.intro", "--text", "x：", "--valid-from", "明年", "--bank", str(unit))
    assert r.exit_code == 1 and "valid_from “明年” 不是日期" in r.output
    assert not (unit / "problems.yaml").exists()


def test_edit_with_flags_keeps_other_lines(unit):
    before = (unit / "closing.yaml").read_bytes().splitlines(keepends=True)
    r = run("edit", "closing.adjourn.u01", "--text", "就到这里。散会！", "--clear", "tags", "--bank", str(unit))
    assert r.exit_code == 0, r.output
    after = (unit / "closing.yaml").read_bytes().splitlines(keepends=True)
    assert after[:6] == before[:6]
    assert after[6:] == ["  slot: closing.adjourn\n".encode(), "  text: 就到这里。散会！\n".encode()]


def test_edit_builtin_writes_an_override_into_the_bank(unit):
    r = run("edit", "closing.call.02", "--note", "本单位改过", "--bank", str(unit))
    assert r.exit_code == 0, r.output
    assert "写入覆盖条目 closing.call.02" in r.output
    r = run("show", "closing.call.02", "--bank", str(unit))
    assert "note: 本单位改过" in r.output and f"来源: {unit}" in r.output and "覆盖了: 内置" in r.output
    r = run("edit", "closing.call.02", "--note", "改内置")
    assert r.exit_code == 2 and "来自内置词库，不能直接修改" in r.output


def test_edit_in_editor(unit, tmp_path, monkeypatch):
    script = tmp_path / "fake_editor.py"
    script.write_text("import sys\np = sys.argv[1]\ns = open(p, encoding='utf-8').read()\n"
                      "open(p, 'w', encoding='utf-8').write(s.replace('大家辛苦了', '同志们辛苦了'))\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    r = run("edit", "closing.adjourn.u01", "--bank", str(unit))
    assert r.exit_code == 0, r.output
    assert "今天的会就到这里，同志们辛苦了。散会！" in (unit / "closing.yaml").read_text(encoding="utf-8")
    monkeypatch.delenv("EDITOR")
    r = run("edit", "closing.adjourn.u01", "--bank", str(unit))
    assert r.exit_code == 2 and "没有设置 EDITOR" in r.output


def test_rm(unit):
    r = run("rm", "closing.adjourn.u01", "--bank", str(unit))
    assert r.exit_code == 0 and "已删除 closing.adjourn.u01" in r.output
    assert "closing.adjourn.u01" not in (unit / "closing.yaml").read_text(encoding="utf-8")
    r = run("rm", "closing.call.01", "--bank", str(unit))
    assert r.exit_code == 1 and "--disable" in r.output
    r = run("rm", "closing.call.01")
    assert r.exit_code == 2 and "来自内置词库，不能直接删除" in r.output
    r = run("edit", "closing.call.01", "--disable", "--bank", str(unit))
    assert r.exit_code == 0
    r = run("show", "closing.call.01", "--bank", str(unit))
    assert r.exit_code == 1


def test_check_on_shipped_bank_passes():
    r = run("check")
    assert r.exit_code == 0, r.output
    assert "0 个错误" in r.output.splitlines()[-1]


def test_check_fails_on_a_bad_bank(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "a.yaml").write_text(textwrap.dedent("""\
        - id: my.slot.01
          slot: my.slot
          text: '{{ yaer }}年。'
        - id: my.slot.02
          slot: my.slot
          text: 破损的{{ work
        - id: my.slot.01
          slot: my.slot
          text: 重复。
        """), encoding="utf-8")
    r = run("check", "--bank", str(d))
    assert r.exit_code == 1
    assert f"{d / 'a.yaml'}:1:3: 错误：条目 my.slot.01 用了未知的变量：yaer" in r.output
    assert f"{d / 'a.yaml'}:6:9: 错误：条目 my.slot.02 的 Jinja 写法有误" in r.output
    assert f"{d / 'a.yaml'}:7:3: 错误：重复的条目 id「my.slot.01」" in r.output
    r = run("list", "--bank", str(d))
    assert r.exit_code == 1 and "词库有 2 处问题" in r.output


def test_check_strict_and_today(tmp_path):
    d = tmp_path / "old"
    d.mkdir()
    (d / "a.yaml").write_text("- id: closing.call.u01\n  slot: closing.call\n  text: 旧的号召！\n  valid_until: 2025-01-01\n",
                              encoding="utf-8")
    assert run("check", "--bank", str(d), "--today", "2026-01-01").exit_code == 0
    r = run("check", "--bank", str(d), "--today", "2026-01-01", "--strict")
    assert r.exit_code == 1 and "已于 2025-01-01 过期" in r.output
    assert run("check", "--today", "不是日期").exit_code == 2


def test_phrases_list_does_not_import_python_docx():
    code = ("import sys; from drafter.cli import main\n"
            "try:\n    main(['phrases', 'list', '--category', 'opinions'])\nexcept SystemExit:\n    pass\n"
            "print('DOCX' if 'docx' in sys.modules else 'NO-DOCX')")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert "opinions.transition.01" in out
    assert out.strip().endswith("NO-DOCX")
