"""The six newer meeting types (issue 17): each renders from its starter and its example with the
structure its genre asks for, in a .docx the layout checker accepts, and without check warnings."""

from __future__ import annotations

import re

import pytest

from cli_helpers import ROOT, drafter
from docx_helpers import CONFORMANCE, conformance, open_docx
from drafter.genre.meeting_types import TYPES
from drafter.main import format_draft, make_draft

NEW = ("discipline", "warning", "campaign", "lecture", "democratic", "july1")
GOLDEN = ROOT / "tests" / "golden"


def body(stem: str) -> list[str]:
    """The golden markup's lines after the salutation, without blank lines."""
    lines = [x for x in (GOLDEN / f"{stem}.md").read_text(encoding="utf-8").splitlines() if x]
    return lines[lines.index("@salutation 同志们：") + 1:]


def headings(stem: str, level: int = 1) -> list[str]:
    mark = "#" * (level + 1) + " "
    return [x[len(mark):] for x in body(stem) if x.startswith(mark)]


@pytest.mark.parametrize("type_id", NEW)
def test_starter_renders_as_it_is(tmp_path, type_id):
    r = drafter("new", type_id, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    brief = tmp_path / f"{type_id}.yaml"
    assert "#" in brief.read_text(encoding="utf-8").split("meeting:", 1)[1]  # commented key by key
    r = drafter("render", brief, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    doc = open_docx((tmp_path / f"{type_id}.docx").read_bytes())
    assert any("同志们" in p.text for p in doc.document.paragraphs)
    if CONFORMANCE.exists():
        code, out = conformance(tmp_path / f"{type_id}.docx")
        assert code == 0 and " 0 MUST failures" in out, out


@pytest.mark.parametrize("type_id", NEW)
def test_example_renders_within_length_without_warnings_and_conforms(tmp_path, type_id):
    out = tmp_path / f"{type_id}.docx"
    r = drafter("render", ROOT / "examples" / f"{type_id}.yaml", "-o", out)
    assert r.returncode == 0, r.stderr
    assert "warning[" not in r.stderr and "error[" not in r.stderr, r.stderr
    assert "length-range" not in r.stderr, r.stderr  # within the genre's usual length
    if CONFORMANCE.exists():
        code, output = conformance(out)
        assert code == 0 and " 0 MUST failures" in output, output


@pytest.mark.parametrize("type_id", NEW)
def test_chinese_names_are_accepted(tmp_path, type_id):
    text = (ROOT / "examples" / f"{type_id}.yaml").read_text(encoding="utf-8")
    for name in (TYPES[type_id].name, *TYPES[type_id].aliases):
        brief = tmp_path / "b.yaml"
        brief.write_text(text.replace(f"type: {type_id}\n", f"type: {name}\n", 1), encoding="utf-8")
        assert make_draft(brief).plan.type.id == type_id, name


def test_discipline_reviews_then_gives_understanding_tasks_and_responsibility():
    lines = body("discipline")
    first = next(i for i, x in enumerate(lines) if x.startswith("## "))
    before = "".join(lines[:first])
    assert "**一是" in before and "2025年" in before and "讲三点意见" in lines[first - 1]
    assert [h[2:6] for h in headings("discipline")] == ["提高政治", "突出重点", "压紧压实"]
    assert "认识" in headings("discipline")[0] and "责任" in headings("discipline")[2]


def test_warning_opens_sombre_then_the_cases_then_把自己摆进去():
    lines = body("warning")
    assert lines[0].startswith("刚才，我们一起观看了警示教育专题片")
    cases = [x for x in lines if re.match(r"[一二三]是", x)]
    assert [c[:2] for c in cases] == ["一是", "二是", "三是"]
    assert lines.index(cases[-1]) < next(i for i, x in enumerate(lines) if "把自己摆进去" in x) < next(
        i for i, x in enumerate(lines) if x.startswith("## "))
    assert "以案促改" in "".join(lines) and "警钟" in lines[-1]


def test_campaign_takes_the_campaign_and_its_requirement_from_the_date():
    text = "\n".join(body("campaign"))
    assert "深入贯彻中央八项规定精神学习教育" in text and "“学查改一体推进”" in text
    assert [h[:2] for h in headings("campaign")] == ["一、", "二、", "三、"]
    assert [h[:3] for h in headings("campaign", 2)] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    lines = body("campaign")
    second, third = (lines.index("## " + h) for h in headings("campaign")[1:])
    assert all(second < lines.index("### " + h) < third for h in headings("campaign", 2))


@pytest.mark.parametrize("date, name", [("2021-04-10", "党史学习教育"), ("2023-05-06", "学习贯彻习近平新时代中国特色社会主义思想主题教育"),
                                        ("2024-05-10", "党纪学习教育")])
def test_campaign_follows_the_meeting_date(tmp_path, date, name):
    text = (ROOT / "examples" / "campaign.yaml").read_text(encoding="utf-8").replace("2025-03-28", date)
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    draft = make_draft(tmp_path / "b.yaml")
    assert draft.plan.meeting == f"{name}动员部署会议"
    assert name in format_draft(draft, "txt").decode("utf-8")


def test_campaign_outside_any_campaign_asks_for_one(tmp_path):
    text = (ROOT / "examples" / "campaign.yaml").read_text(encoding="utf-8").replace("2025-03-28", "2026-03-28")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    r = drafter("render", tmp_path / "b.yaml")
    assert r.returncode == 1 and not (tmp_path / "b.docx").exists()
    assert "b.yaml:5:9: 错误：2026年3月28日没有党中央部署的主题教育或学习教育在开展" in r.stderr
    assert "campaign:" in r.stderr


def test_lecture_has_its_theme_as_title_and_three_parts():
    md = (GOLDEN / "lecture.md").read_text(encoding="utf-8")
    assert md.startswith("# 弘扬务实作风，把功夫下在抓落实上\n\n@subtitle ——区委理论学习中心组专题党课讲稿")
    assert len(headings("lecture")) == 3
    assert "“弘扬务实作风，把功夫下在抓落实上”" in body("lecture")[0]


def test_democratic_starts_with_总体评价_then_numbers_on():
    hs = headings("democratic")
    assert hs[0] == "一、总体评价" and [h[:2] for h in hs[1:]] == ["二、", "三、"]
    lines = body("democratic")
    five = [x for x in lines[lines.index("## 一、总体评价"):] if x.startswith("**") and x[2:4].endswith("是")]
    assert [x[2:4] for x in five] == ["一是", "二是", "三是", "四是", "五是"]


def test_july1_counts_the_anniversary_and_congratulates_the_commended():
    text = "\n".join(body("july1"))
    assert "中国共产党成立105周年" in (GOLDEN / "july1.md").read_text(encoding="utf-8")
    assert "优秀共产党员50名、优秀党务工作者20名、先进基层党组织30个" in text
    assert "祝贺" in text and ("问候" in text) and "以习近平同志为核心的党中央" in body("july1")[-1]


@pytest.mark.parametrize("key, value, type_id", [
    ("cases", "\n  - who: 某某\n    facts: 收受财物", "annual"),
    ("lecture", "\n  theme: 主题", "july1"),
    ("commended", "\n  - kind: 优秀共产党员", "warning"),
    ("achievements", "\n  items:\n    - text: 成绩", "lecture"),
])
def test_keys_a_type_does_not_use_are_refused(tmp_path, key, value, type_id):
    src = (ROOT / "examples" / f"{type_id}.yaml").read_text(encoding="utf-8")
    src = re.sub(rf"^{key}:.*?(?=^\S)", "", src, flags=re.S | re.M) + f"{key}:{value}\n"
    (tmp_path / "b.yaml").write_text(src, encoding="utf-8")
    r = drafter("render", tmp_path / "b.yaml")
    assert r.returncode == 1 and f"不用 {key}" in r.stderr, r.stderr
    assert not (tmp_path / "b.docx").exists()


def test_lecture_needs_three_parts(tmp_path):
    src = (ROOT / "examples" / "lecture.yaml").read_text(encoding="utf-8")
    src = src[: src.index("    - heading: 结合实际")] + "options:\n  minutes: 5\n"
    (tmp_path / "b.yaml").write_text(src, encoding="utf-8")
    r = drafter("render", tmp_path / "b.yaml")
    assert r.returncode == 1 and "专题党课分三个部分，这里写了2个" in r.stderr, r.stderr


@pytest.mark.parametrize("type_id, word", [("warning", "把自己摆进去"), ("democratic", "总体评价"), ("july1", "团结")])
def test_check_flags_a_speech_missing_a_part_of_its_genre(type_id, word):
    from drafter.checks import CheckContext, run_checks
    from drafter.speech.markup import parse

    text = (GOLDEN / f"{type_id}.md").read_text(encoding="utf-8")
    ctx = CheckContext(meeting_type=TYPES[type_id].name)
    assert [f for f in run_checks(parse(text), ctx) if f.rule == "sections"] == []
    found = [f for f in run_checks(parse(text.replace(word, "（删）")), ctx) if f.rule == "sections"]
    assert len(found) == 1 and word in found[0].message and found[0].severity == "warning"
