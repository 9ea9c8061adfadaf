"""Two structures of real speeches found by the held-out evaluation (tests/data/heldout_briefs/README.md):
a 动员部署会 whose points are the speech's own 一、…（``opinions.form: 一、``), the significance and the 总要求
opening it without a heading; and the brief's own opening paragraphs (``opening:``), before the template's first
sentence — a 七一 speech's context and task before its greetings. Asserted on the .docx a writer gets."""

from __future__ import annotations

import re

import pytest

from cli_helpers import ROOT, drafter
from docx_helpers import open_docx

EXAMPLES = ROOT / "examples"


def render(tmp_path, src: str, name: str = "b") -> list[str]:
    """Render ``src`` as a brief with the drafter command; the .docx's paragraph texts after «同志们：»."""
    brief = tmp_path / f"{name}.yaml"
    brief.write_text(src, encoding="utf-8")
    r = drafter("render", brief)
    assert r.returncode == 0, r.stderr
    doc = open_docx((tmp_path / f"{name}.docx").read_bytes())
    texts = [p.text for p in doc.document.paragraphs if p.text.strip()]
    return texts[texts.index("同志们：") + 1:]


def example(type_id: str) -> str:
    return (EXAMPLES / f"{type_id}.yaml").read_text(encoding="utf-8")


def with_form(src: str, form: str) -> str:
    return src.replace("opinions:\n", f"opinions:\n  form: {form}\n", 1)


def tops(paras: list[str]) -> list[str]:
    return [p for p in paras if re.match(r"[一二三四五六七八九十]+、", p)]


# ── 动员部署会: the points as the speech's own sections ─────────────────────────────────────────


def test_campaign_default_keeps_significance_tasks_organisation(tmp_path):
    paras = render(tmp_path, example("campaign"))
    assert [p[:2] for p in tops(paras)] == ["一、", "二、", "三、"]
    assert [p[:3] for p in paras if p.startswith("（")][:3] == ["（一）", "（二）", "（三）"]


def test_campaign_form_one_makes_the_points_the_speech_sections(tmp_path):
    paras = render(tmp_path, with_form(example("campaign"), "一、"))
    assert [p[2:4] for p in tops(paras)] == ["抓好"] * 5  # the example's five points, and nothing else
    assert [p[:2] for p in tops(paras)] == ["一、", "二、", "三、", "四、", "五、"]
    assert not any(p.startswith("（一）") for p in paras)  # no 二、-level tasks under a template heading
    first = paras.index(tops(paras)[0])
    requirement = next(i for i, p in enumerate(paras) if "“" in p and "要求" in p)
    announce = next(i for i, p in enumerate(paras) if re.search(r"[讲提]五", p))
    assert 0 < requirement < announce < first  # significance, 总要求, announcement (count computed), points
    assert announce == first - 1 and "五项任务" in paras[announce]  # the type's noun, with its measure word


def test_campaign_form_one_inline_runs_the_points_into_their_paragraphs(tmp_path):
    paras = render(tmp_path, with_form(example("campaign"), "一、\n  layout: inline"))
    assert [p[:2] for p in tops(paras)] == ["一、", "二、", "三、", "四、", "五、"] and tops(paras)[0].startswith("一、抓好学习研讨。学习是基础")
    assert not any(p.startswith(("二、" + "认识", "三、" + "加强")) for p in paras)
    assert re.search(r"[讲提]五项任务", paras[paras.index(tops(paras)[0]) - 1])


def test_campaign_form_one_with_the_writers_purpose(tmp_path):
    src = with_form(example("campaign"), "一、").replace(
        "opinions:\n", "opinions:\n  noun: 要求\n  count: 几\n  purpose: 下面，围绕这五个方面\n", 1)
    paras = render(tmp_path, src)
    announce = paras.index("下面，围绕这五个方面，我提几点要求。")
    assert paras[announce + 1].startswith("一、抓好学习")


# ── opening: the brief's own paragraphs first ─────────────────────────────────────────────────


OPENING = "opening: |\n  6月28日，党中央召开表彰大会。\n  今天我们隆重集会，表彰全县的先进\n"


@pytest.mark.parametrize("type_id, then", [("july1", "问候"), ("annual", None), ("campaign", None)])
def test_opening_paragraphs_come_first_one_a_line(tmp_path, type_id, then):
    plain = render(tmp_path, example(type_id), "plain")
    paras = render(tmp_path, example(type_id) + OPENING)
    assert paras[:2] == ["6月28日，党中央召开表彰大会。", "今天我们隆重集会，表彰全县的先进。"]
    assert paras[2:] == plain  # nothing else moves: the template's own opening follows
    if then:
        assert then in paras[2]


@pytest.mark.parametrize("value, line, col, says", [
    ("|\n  会议背景。\n  一、学习讲话精神\n", 0, 10, "开场段以序号开头：「一、学习讲话精神」"),
    ("|\n  （一）会议背景\n", 0, 10, "开场段以序号开头：「（一）会议背景」"),
])
def test_an_opening_paragraph_with_an_ordinal_is_refused(tmp_path, value, line, col, says):
    src = example("july1")
    n = src.count("\n") + 1  # the opening key goes on the line after the example's last
    brief = tmp_path / "b.yaml"
    brief.write_text(src + "opening: " + value, encoding="utf-8")
    r = drafter("render", brief)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert says in r.stderr and "删掉开头的「一、」「（一）」" in r.stderr
    assert f"b.yaml:{n + line}:{col}" in r.stderr, r.stderr
    assert not (tmp_path / "b.docx").exists()


def test_an_opening_that_is_not_text_is_refused(tmp_path):
    src = example("july1")
    n = src.count("\n") + 1
    brief = tmp_path / "b.yaml"
    brief.write_text(src + "opening:\n  - 会议背景\n", encoding="utf-8")
    r = drafter("render", brief)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "opening" in r.stderr and re.search(rf"b\.yaml:{n}:\d+|b\.yaml:{n + 1}:\d+", r.stderr), r.stderr
    assert not (tmp_path / "b.docx").exists()
