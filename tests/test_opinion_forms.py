"""How the points after the announcement are counted and laid out, as the writer gets them in the draft:
the announcement's noun with its computed count, bracketed sub-points run into their paragraph
(``opinions.point_layout: inline``) and parts opening with a dash (``form: ——``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks import CheckContext, run_checks
from drafter.main import make_draft
from drafter.speech.blocks import Kind
from structure_helpers import bold_leads, headings, text

HEAD = """\
meeting:
  type: review
  date: 2026-02-15
speaker:
  role: 区委书记
"""

THREE = """\
  items:
    - heading: 加强政治建设，凝聚核心力量
      lead: 抓党建首先要讲政治。
    - heading: 围绕发展大局，激发党建活力
      lead: 把党建融入中心工作。
    - heading: 压实工作责任，确保落地见效
      lead: 各级书记要履行第一责任人职责。
"""


def draft(tmp_path: Path, opinions: str):
    path = tmp_path / "brief.yaml"
    path.write_text(HEAD + "opinions:\n" + opinions, encoding="utf-8")
    blocks = make_draft(path).blocks
    start = next(i for i, b in enumerate(blocks) if b.kind == Kind.SALUTATION) + 1
    return blocks, [b for b in blocks[start:] if b.kind in (Kind.HEADING, Kind.PARAGRAPH)]


def errors(blocks) -> list[str]:
    return [f.rule for f in run_checks(blocks, CheckContext()) if f.severity == "error"]


@pytest.mark.parametrize("noun, count, announced", [
    ("希望", "具体", "我提三点希望。"),
    ("问题", "具体", "我讲三个问题。"),
    ("方面的意见", "具体", "我讲三个方面的意见。"),
    ("方面的要求", "具体", "我提三个方面的要求。"),
    ("希望", "几", "我提几点希望。"),
    ("问题", "几", "我讲几个问题。"),
])
def test_the_noun_is_announced_with_the_computed_count(tmp_path, noun, count, announced):
    blocks, bs = draft(tmp_path, f"  noun: {noun}\n  count: {count}\n  purpose: 下面\n" + THREE)
    assert any(text(b) == "下面，" + announced for b in bs)
    assert errors(blocks) == []


def test_two_questions_with_the_stock_transition(tmp_path):
    blocks, bs = draft(tmp_path, "  noun: 问题\n" + THREE.split("    - heading: 压实")[0])
    assert sum("两个问题" in text(b) for b in bs) == 1
    assert errors(blocks) == []


SUB_POINTS = """\
  point_form: （一）
  point_layout: inline
  items:
    - heading: 加强政治建设，凝聚核心力量
      points:
        - {lead: 强化理论武装, text: 落实理论学习中心组学习制度。}
        - {lead: 严格组织生活, text: 认真落实“三会一课”制度。}
    - heading: 压实工作责任，确保落地见效
      points:
        - {lead: 压紧主体责任, text: 各级书记要履行第一责任人职责。}
"""


def test_bracketed_sub_points_run_into_their_paragraph(tmp_path):
    blocks, bs = draft(tmp_path, SUB_POINTS)
    assert [h[:2] for h in headings(bs, 1)] == ["一、", "二、"] and headings(bs, 2) == []
    assert bold_leads(bs) == ["（一）强化理论武装。", "（二）严格组织生活。", "（一）压紧主体责任。"]
    assert "（一）强化理论武装。落实理论学习中心组学习制度。" in [text(b) for b in bs]
    assert errors(blocks) == []


def test_bracketed_sub_points_are_headings_by_default(tmp_path):
    _, bs = draft(tmp_path, SUB_POINTS.replace("  point_layout: inline\n", ""))
    assert headings(bs, 2) == ["（一）强化理论武装", "（二）严格组织生活", "（一）压紧主体责任"]


DASHES = """\
  form: ——
  items:
    - heading: 坚定信念
      lead: 就是不忘初心、不移其志。
    - heading: 践行宗旨，
      lead: |-
        就是心中装着人民。
        各级党组织要教育引导党员把人民放在心中最高位置。
    - heading: 拼搏奉献
"""


def test_parts_open_with_a_bold_dash_lead(tmp_path):
    blocks, bs = draft(tmp_path, DASHES)
    assert headings(bs, 1) == []
    assert bold_leads(bs)[:3] == ["——坚定信念，", "——践行宗旨，", "——拼搏奉献。"]  # nothing follows the last
    texts = [text(b) for b in bs]
    assert "——坚定信念，就是不忘初心、不移其志。" in texts
    assert texts[texts.index("——践行宗旨，就是心中装着人民。") + 1].startswith("各级党组织要教育引导党员")
    assert any("三点意见" in t for t in texts)
    assert errors(blocks) == []  # three dashes after «三点意见»: no count or numbering error


def test_dash_sub_points(tmp_path):
    _, bs = draft(tmp_path, "  point_form: ——\n  items:\n    - heading: 加强政治建设，凝聚核心力量\n      points:\n"
                            "        - {lead: 坚定信念, text: 就是不忘初心。}\n        - {lead: 践行宗旨, text: 就是心中装着人民。}\n"
                            "        - {lead: 为什么要拼搏奉献？, text: 因为事业需要。}\n")
    assert bold_leads(bs) == ["——坚定信念，", "——践行宗旨，", "——为什么要拼搏奉献？"]
