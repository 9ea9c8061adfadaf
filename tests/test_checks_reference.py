"""The three reference speeches, checked with plausible real dates, yield their real slips and no
false alarm on their correct passages.

Dates chosen (the speeches carry none): 000, a 述职评议会 reviewing 2021 → 2022-02-20; 001, a
区委党建工作会议 at the start of 2020 («去年以来», 四中全会 already held) → 2020-01-15; 002, a
市直机关党建工作会议 early in 2022 («今年，我们将迎来党的二十大召开») → 2022-02-25.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.checks import CheckContext, run_checks
from drafter.speech.reader import read_speech

REF = Path(__file__).resolve().parents[1] / ".." / "shared" / "reference"


def _check(prefix: str, date: str):
    files = sorted(REF.glob(f"{prefix}_*.txt")) if REF.is_dir() else []
    if not files:
        pytest.skip("reference speeches not available")
    return run_checks(read_speech(files[0]), CheckContext(meeting_date=dt.date.fromisoformat(date)))


def _not_placeholder(fs):
    return [(f.rule, f.line, f.message) for f in fs if f.rule != "placeholder"]


def test_000_only_placeholders():
    fs = _check("000", "2022-02-20")
    # «巩固深化党史学习教育» in 2022 is the right wording; «决胜“十四五”关键之年» fits 2022;
    # its 一要/二要/三要 lists and 6+6 headings are correct
    assert _not_placeholder(fs) == []
    ph = [f.message for f in fs if f.rule == "placeholder"]
    assert any("X中X会" in m and "全会届次" in m for m in ph)
    assert sum("人名" in m for m in ph) == 3 and sum("应为数字" in m for m in ph) == 2
    assert any("地名" in m for m in ph)


def test_001_mixes_yiyao_with_ershi():
    fs = _check("001", "2020-01-15")
    mixed = [f for f in fs if f.rule == "numbering-mixed"]
    assert [(f.line, f.severity) for f in mixed] == [(8, "error"), (10, "error"), (12, "error")]
    assert "「一要」和「二是」" in mixed[0].message
    dated = sorted(f.message for f in fs if f.rule == "dated-formulation")
    # the 2019 theme education closed on 2020-01-08; «两学一做» normalisation gave way to it in 2019
    assert len(dated) == 2 and any("主题教育" in m for m in dated) and any("两学一做" in m for m in dated)
    # 决胜全面建成小康社会, 决战脱贫攻坚, 党的十九大和十九届二中、三中、四中全会精神: all current in early 2020
    assert not any(f.rule in ("spirit-string", "year-label", "anniversary") for f in fs)
    assert not any("小康" in f.message or "脱贫" in f.message for f in fs)
    # its three headings (6+12, 6+12, 6+12 characters by meaning) are parallel; the count «三点意见» holds
    assert not any(f.rule in ("parallel-headings", "announced-count") for f in fs)
    rep = [f for f in fs if f.rule == "repetition"]
    assert rep and all("推动新形势下基层组织建设质量水平全面提升" in f.message for f in rep)


def test_002_only_placeholders():
    fs = _check("002", "2022-02-25")
    # «四个坚持» with four （一）坚持… points; 党史学习教育 in the review of last year; 两个确立,
    # 伟大建党精神 and 迎接党的二十大召开 are current in early 2022
    assert _not_placeholder(fs) == []
    assert len([f for f in fs if f.rule == "placeholder"]) == 15


def test_002_wrong_date_is_caught():
    fs = _check("002", "2023-03-01")
    assert any(f.rule == "dated-formulation" and "迎接" in f.message for f in fs)
