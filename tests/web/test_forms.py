"""The form generated from the brief schema, and what saving it does to the writer's YAML file."""

from __future__ import annotations

import pytest

from drafter.input.brief import load_brief
from drafter.input.starters import starter_brief
from drafter.web import forms

BRIEF = """\
# 我的简报
meeting:               # 会议
  type: review
  date: 2026-02-15     # 日期
speaker:
  role: 区委书记       # 职务
title: 一行标题
opinions:
  items:
    - heading: 第一点   # 第一点的注释
      points:
        - lead: 甲
        - lead: 乙
    - heading: 第二点   # 第二点的注释
"""


def test_every_key_of_the_brief_has_a_field_with_a_chinese_label():
    from drafter.input import records
    from drafter.input.brief import Brief

    names = {f.name for f in forms.walk(forms.brief_form())}
    for key in records.fields(Brief):
        assert key in names
    by_name: dict = {}
    for f in forms.walk(forms.brief_form()):
        by_name.setdefault(f.name, f)  # a list's field comes before its element's form of the same name
    assert by_name["meeting.date"].kind == "date" and by_name["meeting.date"].label == "会议日期"
    assert by_name["meeting.type"].kind == "choice" and ("review", "基层党建工作述职评议会书记总结讲话（review）") in by_name["meeting.type"].choices
    assert by_name["opinions.items"].kind == "records" and by_name["opinions.items.points"].kind == "records"
    assert by_name["closing.adjourn"].kind == "yesno"


@pytest.mark.parametrize("posted, present, absent", [
    ([("speaker.role", "县委书记")], ["role: 县委书记       # 职务", "# 我的简报", "date: 2026-02-15     # 日期"], ["区委书记"]),
    ([("speaker.name", "王五")], ["  role: 区委书记       # 职务\n  name: 王五\n"], []),
    ([("meeting.date", "")], ["meeting:               # 会议"], ["date:"]),           # emptied: the key goes
    ([("title.text", "另一行标题")], ["title: 另一行标题\n"], ["text:"]),             # shorthand stays one line
    ([("opinions.items.@1", ""), ("opinions.items.@1.heading", "第二点"),
      ("opinions.items.@0", ""), ("opinions.items.@0.heading", "第一点")],
     ["- heading: 第二点   # 第二点的注释\n    - heading: 第一点   # 第一点的注释"], []),  # moved with comments
    ([("opinions.items.@0", ""), ("opinions.items.@0.heading", "第一点"),
      ("opinions.items.@0.points.@1", ""), ("opinions.items.@0.points.@1.lead", "乙"),
      ("opinions.items.@0.points.@0", ""), ("opinions.items.@0.points.@0.lead", "甲"),
      ("opinions.items.@0.points.@new", ""), ("opinions.items.@0.points.@new.lead", "丙")],
     ["- lead: 乙\n        - lead: 甲\n        - lead: 丙"], ["第二点"]),            # a removed item goes
])
def test_saving_writes_the_form_into_the_file_keeping_the_rest(posted, present, absent):
    out = forms.updated_text(BRIEF, posted)
    for text in present:
        assert text in out
    for text in absent:
        assert text not in out


def test_an_unchanged_form_leaves_the_starter_byte_for_byte(tmp_path):
    text, _ = starter_brief("review")
    posted = []
    data = load_brief_data(text, tmp_path)
    for f in forms.walk(forms.brief_form()):
        if f.kind in ("text", "long", "date", "choice", "yesno", "number"):
            value = dig(data, f.name)
            if value is not None and not isinstance(value, (dict, list)):
                posted.append((f.name, forms.shown(value)))
    assert forms.updated_text(text, posted) == text


def test_preview_text_has_the_same_values_as_the_saved_text(tmp_path):
    posted = [("speaker.name", "王五"), ("opinions.items.@1", ""), ("opinions.items.@1.heading", "第二点"),
              ("opinions.items.@0", ""), ("opinions.items.@0.heading", "第一点")]
    saved, shown = tmp_path / "saved.yaml", tmp_path / "shown.yaml"
    saved.write_text(forms.updated_text(BRIEF, posted), encoding="utf-8")
    shown.write_text(forms.preview_text(BRIEF, posted), encoding="utf-8")
    assert load_brief(saved)[0] == load_brief(shown)[0]


def load_brief_data(text, tmp_path):
    from drafter.input.yamlfile import loads

    return loads(text).data


def dig(data, dotted):
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data
