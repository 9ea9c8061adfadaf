"""Rule ``sections`` with the wordings of real speeches: a part of the genre said in another real wording is
found (no warning), a speech that leaves the part out is still flagged. The openings below are written in the
manner of the held-out speeches (tests/data/heldout_briefs/README.md), not copied from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks_helpers import findings
from cli_helpers import drafter

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout_briefs"

DEMOCRATIC = "刚才，班子成员逐一作了对照检查。{verdict}，这次会议准备充分，查摆问题深刻。会后要抓好整改落实。\n"
JULY1 = ("今天，我们隆重集会，表彰优秀共产党员。{day}，我代表市委，向受到表彰的同志表示热烈祝贺！{greet}"
         "让我们更加紧密地团结在党中央周围，奋勇前进。\n")


@pytest.mark.parametrize("verdict", ["一、总体评价", "总体感觉", "总的感觉", "总的来看", "总体来看"])
def test_a_verdict_in_any_real_wording_is_found(verdict):
    assert findings(DEMOCRATIC.format(verdict=verdict), "sections", meeting_type="democratic") == []


@pytest.mark.parametrize("verdict", ["刚才大家都发了言", "总体上"])
def test_a_summary_without_a_verdict_is_flagged(verdict):
    [f] = findings(DEMOCRATIC.format(verdict=verdict), "sections", meeting_type="democratic")
    assert f.severity == "warning" and "「总体评价」" in f.message and "「总体感觉」" in f.message


@pytest.mark.parametrize("day, greet", [
    ("在建党104周年之际", "向全市共产党员致以节日问候！"),
    ("明天就是党的百年华诞", "向全市共产党员致以节日问候！"),
    ("在党的生日到来之际", "向革命先辈致以崇高的敬意！"),
])
def test_anniversary_and_greeting_in_real_wordings_are_found(day, greet):
    assert findings(JULY1.format(day=day, greet=greet), "sections", meeting_type="july1") == []


@pytest.mark.parametrize("day, greet, missing", [
    ("七月即将到来", "向全市共产党员致以节日问候！", "「周年」"),
    ("在建党104周年之际", "", "「问候」"),
    ("在建党104周年之际", "大家辛苦了！", "「问候」"),
])
def test_a_july1_speech_missing_a_part_is_flagged(day, greet, missing):
    [f] = findings(JULY1.format(day=day, greet=greet), "sections", meeting_type="july1")
    assert f.severity == "warning" and f.message.startswith(f"七一表彰大会讲话通常要讲到{missing}")


@pytest.mark.parametrize("name", ["democratic-2", "july1-1", "july1-2"])
def test_check_gives_no_sections_warning_on_the_heldout_renders(tmp_path, name):
    """The held-out briefs written from real speeches: `drafter check` on their render knows the real wording."""
    out = tmp_path / f"{name}.docx"
    r = drafter("render", HELDOUT / f"{name}.yaml", "-o", out)
    assert out.is_file(), r.stderr
    r = drafter("check", out, "--type", name.split("-")[0])
    assert "通常要讲到" not in r.stdout + r.stderr
