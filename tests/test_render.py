"""Rendering a plan through the templates: every printed value escaped exactly once, the parts as
macros whose output is printed as it is, and a unit's own parts (--templates) used in place of the
built-in ones, also from inside the built-in parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.input.brief import load_brief
from drafter.errors import TemplateError
from drafter.compose.phrasebank import PhraseBank
from drafter.compose.plan import build_plan
from drafter.compose.templates import escape_markup, render_markup

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "review.yaml"


def _defined_escape(value):
    """escape_markup as first written, the definition its faster form must keep."""
    text = " ".join(str(value).split("\n")) if "\n" in str(value) else str(value)
    text = text.replace("\\", "\\\\").replace("*", "\\*")
    if text[:1] in ("#", "@"):
        text = "\\" + text
    return text


@given(st.one_of(st.text(alphabet=st.sampled_from("#@*\\\n 一a"), max_size=12), st.text(max_size=30),
                 st.integers(), st.floats(allow_nan=False), st.booleans()))
def test_escaping_a_value_keeps_its_definition(value):
    escaped = escape_markup(value)
    assert escaped == _defined_escape(value)
    assert type(escaped) is str


def test_printing_none_is_refused():
    with pytest.raises(TemplateError, match="空值"):
        escape_markup(None)


def _render(template_dir=None) -> tuple[str, object]:
    brief, doc = load_brief(EXAMPLE)
    plan = build_plan(brief, doc)
    chooser = PhraseBank.load([]).chooser(meeting_type=plan.type.id, date=brief.meeting.date,
                                          variant=plan.variant, context=plan.context, facts=plan.facts)
    return render_markup(plan, chooser, template_dir=template_dir), plan


def test_the_markup_is_a_plain_str():
    text, _ = _render()
    assert type(text) is str


def test_a_part_prints_as_markup_and_its_values_are_escaped_once(tmp_path):
    (tmp_path / "review.md.j2").write_text(
        '{% from "parts/heading.md.j2" import heading %}\n'
        '{{ heading(1, "一、a*b #c") -}}\n'
        '{% set line %}**{{ "#d" }}**{{ plan.date_line }}{% endset %}\n'
        '{{ line }}\n', encoding="utf-8")
    text, plan = _render(tmp_path)
    assert text == f"## 一、a\\*b #c\n\n**\\#d**{escape_markup(plan.date_line)}\n"


def _write_part(folder: Path, name: str, text: str) -> None:
    (folder / "parts").mkdir(exist_ok=True)
    (folder / "parts" / name).write_text(text, encoding="utf-8")


def test_a_units_part_replaces_the_built_in_one(tmp_path):
    _write_part(tmp_path, "point.md.j2", "{% macro point(p) %}\n【要点】{{ p.label }}{{ p.lead }}\n\n{% endmacro %}\n")
    text, plan = _render(tmp_path)
    builtin, _ = _render()
    points = [p for op in plan.opinions for p in op.points]
    assert points and text.count("【要点】") == len(points)
    assert f"【要点】{points[0].label}{points[0].lead}\n\n" in text
    headings = [line for line in builtin.splitlines() if line.startswith("## ")]
    assert headings and [line for line in text.splitlines() if line.startswith("## ")] == headings


def test_the_built_in_parts_use_a_units_heading(tmp_path):
    _write_part(tmp_path, "heading.md.j2", "{% macro heading(level, text) %}\n## 【{{ text }}】\n\n{% endmacro %}\n")
    text, plan = _render(tmp_path)
    assert f"## 【{plan.opinions[0].label}{plan.opinions[0].heading}】\n\n" in text


def test_a_part_written_as_a_plain_template_is_explained(tmp_path):
    _write_part(tmp_path, "point.md.j2", "{% if p.lead %}**{{ p.label }}{{ p.lead }}**{% endif %}\n\n")
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path)
    assert caught.value.file == str(tmp_path / "parts" / "point.md.j2")
    assert "parts/ 里的片段是宏" in caught.value.message


def test_a_part_without_its_macro_is_named(tmp_path):
    _write_part(tmp_path, "point.md.j2", "{% macro sub_point(p) %}{{ p.lead }}{% endmacro %}\n")
    with pytest.raises(TemplateError) as caught:
        _render(tmp_path)
    assert "模板 parts/point.md.j2 里没有宏 point" in caught.value.message
    assert "parts/ 里的片段是宏" in caught.value.message
