"""A bad campaigns data file (``drafter/data/campaigns.yaml``, as a maintainer might leave it): every
problem is reported with file:line:column and a hint, exit code 1, no traceback, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_helpers import ROOT, run_cli
from drafter.compose import campaigns

HEAD = "campaigns:\n  - name: 某学习教育\n    requirement_term: 总要求\n    requirement: 学、查、改\n"
DATES = "    valid_from: 2025-03-01\n    valid_until: 2025-07-31\n"


@pytest.fixture
def data_file(tmp_path: Path, monkeypatch):
    bad = tmp_path / "campaigns.yaml"
    monkeypatch.setattr(campaigns, "DATA_FILE", bad)
    campaigns.campaigns.cache_clear()
    yield bad
    campaigns.campaigns.cache_clear()


@pytest.mark.parametrize("content, where, words", [
    (HEAD + "    valid_from: 2025-13-01\n    valid_until: 2025-07-31\n", "5:17", "月份应在 1 到 12 之间"),
    (HEAD + "    valid_from: 2025-03-01\n    valid_until: 2025-02-30\n", "6:18", "2025年2月没有30日"),
    (HEAD + "    valid_from: 今年三月\n    valid_until: 2025-07-31\n", "5:17", "不是日期"),
    (HEAD + "    valid_from: 2025-03-01\n", "2:5", "缺少必填项"),
    (HEAD + DATES + "    colour: red\n", "7:5", "不认识的键「colour」"),
    ("campaign:\n  - name: 某学习教育\n", "1:1", "不认识的键「campaign」"),
    ("campaigns: 5\n", "1:12", "应是一个列表"),
    ("campaigns:\n  - 党纪学习教育\n", "2:5", "下面应是若干“键: 值”"),
    ("campaigns:\n  - name: [a\n", "3:1", ""),
    (HEAD + DATES + "    note: !!python/object/apply:os.system [echo hi]\n", "7:11", "不支持 YAML 标签"),
    ("campaigns: []\n", "1:1", "学习教育数据文件是空的"),
])
def test_a_bad_campaigns_file_is_reported_with_its_place(tmp_path: Path, capsys, data_file, content, where, words):
    data_file.write_text(content, encoding="utf-8")
    out_file = tmp_path / "x.docx"
    code, out, err = run_cli(capsys, ["render", ROOT / "examples" / "campaign.yaml", "-o", out_file])
    assert code == 1
    assert "Traceback" not in out + err and "Error:" not in err
    assert f"{data_file}:{where}: 错误：" in err, err
    assert words in err
    assert not out_file.exists()


def test_the_shipped_file_names_the_campaign_under_way(tmp_path: Path, capsys):
    out_file = tmp_path / "x.md"
    code, _, err = run_cli(capsys, ["render", ROOT / "examples" / "campaign.yaml", "-o", out_file, "-q"])
    assert code == 0, err
    assert "深入贯彻中央八项规定精神学习教育" in out_file.read_text(encoding="utf-8")
