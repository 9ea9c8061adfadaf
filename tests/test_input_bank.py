"""Bad phrase-bank input through the real command line, as a table: each row is a bank file a writer (or a
colleague) might hand over, the place and message drafter must report, and a hint; exit code 1, no
traceback. Problems that stop the bank from loading fail both `drafter phrases check` and `drafter render`;
problems only `check` looks for (punctuation, variables, dangling references) fail `check` and leave a
render of a brief that does not use the entry alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_helpers import ROOT, run_cli

GOOD = "- id: my.slot.01\n  slot: my.slot\n  text: 第一条。\n"

# (name, file text, "line:col", message fragment, hint fragment, refused on load)
ROWS = [
    ("disabled_list", GOOD + "  disabled: [yes]\n", "4:13", "disabled（停用）：", "写 是 或 否", True),
    ("impossible_date", GOOD + "  valid_from: 2024-13-01\n", "4:15", "月份应在 1 到 12 之间", "YYYY-MM-DD", True),
    ("unknown_key", GOOD + "  vaild_from: 2024-01-01\n", "4:3", "不认识的键「vaild_from」", "是不是「valid_from」", True),
    ("id_format", "- id: My-Slot\n  slot: my.slot\n  text: 一。\n", "1:7", "id（稳定编号）：「My-Slot」写法不对", "小写英文", True),
    ("duplicate_id", GOOD + "- id: my.slot.01\n  slot: my.slot\n  text: 第二条。\n", "4:3",
     "重复的条目 id「my.slot.01」", "只能用一次", True),
    ("text_not_text", "- id: my.slot.01\n  slot: my.slot\n  text: [一, 二]\n", "3:9", "text（文字） 应是一段文字", "直接写文字", True),
    ("missing_text", "- id: my.slot.01\n  slot: my.slot\n", "1:3", "缺少必填项 [1].text（文字）", "text: …", True),
    ("tags_wrong_type", GOOD + "  tags: {review: 1}\n", "4:9", "tags（适用的会议类型） 应是一个列表", "以“- ”开头", True),
    ("jinja_syntax", "- id: my.slot.01\n  slot: my.slot\n  text: 未闭合的{{ jurisdiction\n", "3:9", "Jinja 写法有误",
     "花括号要成对", True),
    ("unknown_need", GOOD + "  needs: [reports, meeting]\n", "4:20", "needs[2]（需要的议程） 不能是「meeting」", "可选：", True),
    ("unknown_speaker", GOOD + "  speaker: boss\n", "4:12", "speaker（讲话人身份） 不能是「boss」", "可选：host / guest", True),
    ("unknown_timing", GOOD + "  timing: soon\n", "4:11", "timing[1]（时间条件） 不能是「soon」", "period_over", True),
    ("dates_reversed", GOOD + "  valid_from: 2024-05-01\n  valid_until: 2024-01-01\n", "5:16", "valid_until 早于 valid_from",
     "写反", True),
    ("not_a_list", "id: my.slot.01\ntext: 一。\n", "1:1", "词库文件应是条目列表", "phrasebank/opening.yaml", True),
    ("python_tag", GOOD + "  note: !!python/object/apply:os.system [echo hi]\n", "4:9", "python", "", True),
    ("half_width_punctuation", "- id: my.slot.01\n  slot: my.slot\n  text: 今天,我们开会。\n", "1:3", "半角标点“,”",
     "全角标点", False),
    ("unknown_variable", "- id: my.slot.01\n  slot: my.slot\n  text: 今天，{{ yaer }}年。\n", "1:3", "未知的变量：yaer",
     "可用的变量", False),
    ("dangling_replaced_by", GOOD + "  replaced_by: my.slot.99\n", "1:3", "replaced_by 指向不存在的条目 my.slot.99",
     "存在的条目", False),
]


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DRAFTER_BANK", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _bank(tmp_path: Path, text: str) -> Path:
    d = tmp_path / "bank"
    d.mkdir()
    (d / "mine.yaml").write_text(text, encoding="utf-8")
    return d


def _assert_reported(code: int, out: str, bank: Path, where: str, message: str, hint: str) -> None:
    assert code == 1, out
    assert "Traceback" not in out
    lines = out.splitlines()
    hits = [i for i, line in enumerate(lines) if line.startswith(f"{bank / 'mine.yaml'}:{where}: 错误：") and message in line]
    assert hits, out
    following = lines[hits[0] + 1] if hits[0] + 1 < len(lines) else ""
    assert following.startswith("    提示：") and hint in following, out


@pytest.mark.parametrize("name,text,where,message,hint,on_load", ROWS, ids=[r[0] for r in ROWS])
def test_phrases_check_reports_a_bad_bank(isolated, capsys, name, text, where, message, hint, on_load):
    bank = _bank(isolated, text)
    code, out, err = run_cli(capsys, ["phrases", "check", "--bank", bank, "--today", "2026-02-10"])
    _assert_reported(code, out + err, bank, where, message, hint)


@pytest.mark.parametrize("name,text,where,message,hint,on_load", ROWS, ids=[r[0] for r in ROWS])
def test_render_with_a_bad_bank(isolated, capsys, name, text, where, message, hint, on_load):
    bank = _bank(isolated, text)
    brief = isolated / "brief.yaml"
    shutil.copy(ROOT / "tests" / "data" / "base_brief.yaml", brief)
    out_file = isolated / "out.docx"
    code, out, err = run_cli(capsys, ["render", brief, "--bank", bank, "-o", out_file, "-q"])
    if on_load:
        _assert_reported(code, out + err, bank, where, message, hint)
        assert not out_file.exists()
    else:
        assert code == 0, out + err
        assert out_file.is_file()


def test_check_of_5000_entries_finds_exactly_the_near_duplicates(isolated, capsys):
    """`phrases check` does not compare every pair (5,000 entries were > 60 s): it still finds every
    near-duplicate planted among 5,000 distinct texts, and nothing else."""
    import random

    rng = random.Random(12)
    pool = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(30, 50))) + "。" for _ in range(5000)]
    planted = {}
    for k in range(8):
        src = rng.randrange(5000)
        dup = list(texts[src])
        dup[rng.randrange(len(dup) - 1)] = "党"
        texts.append("".join(dup))
        planted[f"big.slot.{len(texts):05d}"] = f"big.slot.{src + 1:05d}"
    lines = []
    for i, t in enumerate(texts, start=1):
        lines.append(f"- id: big.slot.{i:05d}\n  slot: big.slot\n  text: {t}\n")
    bank = _bank(isolated, "".join(lines))
    code, out, _ = run_cli(capsys, ["phrases", "check", "--bank", bank, "--today", "2026-02-10"])
    found = {}
    for line in out.splitlines():
        if "几乎相同" in line:
            a = line.split("条目 ")[1].split(" ")[0]
            b = line.split(" 与 ")[1].split("（")[0]
            found[a] = b
    assert code == 1
    assert found == planted
