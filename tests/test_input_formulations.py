"""Bad formulation files (``drafter check X --formulations F``): every problem is reported with
file:line:column and a hint, exit code 1, no traceback, no check run."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import run_cli

SPEECH = "同志们：\n今天，我们召开会议。要深入开展党史学习教育。\n"

HEAD = "formulations:\n  - id: x\n    term: 某提法\n"


@pytest.mark.parametrize("content, where, words", [
    (HEAD + "    valid_from: 2024-13-01\n", "4:17", "月份应在 1 到 12 之间"),
    (HEAD + "    valid_until: 2024-02-30\n", "4:18", "2024年2月没有30日"),
    (HEAD + "    valid_until: 明年\n", "4:18", "不是日期"),
    ("formulations: 5\n", "1:15", "formulations（有时效的提法） 应是一个列表"),
    ("formulations:\n  - 党史学习教育\n", "2:5", "下面应是若干“键: 值”"),
    (HEAD + "    colour: red\n", "4:5", "不认识的键「colour」"),
    ("formulation:\n  - {id: x, term: 某提法}\n", "1:1", "不认识的键「formulation」"),
    ("formulations:\n  - id: x\n    valid_until: 2024-01-01\n", "2:5", "缺少必填项 formulations[1].term"),
    (HEAD + "    severity: fatal\n", "4:15", "不能是「fatal」"),
    (HEAD + "    pattern: '(未闭合'\n", "4:14", "正则表达式有误"),
    (HEAD + "    allowed: ['[a-']\n", "4:15", "正则表达式有误"),
    (HEAD + "    term: 又一个\n", "4:5", "重复"),
    (HEAD + "    contexts: [past]\n", "4:16", "不能是「past」"),
    (HEAD + "    aliases: 简称\n", "4:14", "应是一个列表"),
    ("anniversaries:\n  - {id: a, names: [某事件], year: 一九二一年}\n", "2:33", "应是一个整数"),
    ("year_labels:\n  - {year: 2026, labels: 开局之年}\n", "2:26", "应是一个列表"),
    ("formulations:\n  - id: x\n    term: [a\n", "4:1", ""),
    (HEAD + "    note: !!python/object/apply:os.system [echo hi]\n", "4:11", "不支持 YAML 标签"),
])
def test_a_bad_formulation_file_is_reported_with_its_place(tmp_path: Path, capsys, content, where, words):
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH, encoding="utf-8")
    bad = tmp_path / "ours.yaml"
    bad.write_text(content, encoding="utf-8")
    code, out, err = run_cli(capsys, ["check", speech, "--formulations", bad, "--date", "2025-03-01"])
    assert code == 1
    assert "Traceback" not in out + err and "Error:" not in err
    assert f"{bad}:{where}: 错误：" in err, err
    assert words in err
    assert out == ""  # nothing was checked


def test_two_problems_in_one_file_are_both_reported(tmp_path: Path, capsys):
    speech = tmp_path / "speech.txt"
    speech.write_text(SPEECH, encoding="utf-8")
    bad = tmp_path / "ours.yaml"
    bad.write_text(HEAD + "    valid_from: 2024-13-01\n    severity: fatal\n", encoding="utf-8")
    code, _, err = run_cli(capsys, ["check", speech, "--formulations", bad])
    assert code == 1 and f"{bad}:4:17:" in err and f"{bad}:5:15:" in err and "共 2 处问题" in err


def test_a_good_file_layers_over_the_shipped_one(tmp_path: Path, capsys):
    speech = tmp_path / "speech.txt"
    speech.write_text("同志们：\n要推进三年攻坚行动。\n", encoding="utf-8")
    ours = tmp_path / "ours.yaml"
    ours.write_text("formulations:\n  - id: local\n    term: 三年攻坚行动\n    valid_until: 2024-12-31\n"
                    "    replaced_by: 新三年行动\n    note: 本市2022年部署\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", speech, "--formulations", ours, "--date", "2025-03-01"])
    assert "「三年攻坚行动」" in out and "改为「新三年行动」" in out and code == 0
