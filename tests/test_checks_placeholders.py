"""Rule ``placeholder`` and placeholder_spans."""

from __future__ import annotations

import pytest

from drafter.checks import placeholder_spans
from drafter.checks.placeholders import placeholder_matches
from checks_helpers import findings


@pytest.mark.parametrize("text, found", [
    ("刚才，x个镇和x个系统党委书记作了述职。", [("x", "number"), ("x", "number")]),
    ("我和xx、xx、xx同志分别作了点评。", [("xx", "name")] * 3),
    ("学习贯彻五中、X中X会精神。", [("X中X会", "plenum")]),
    ("会议定于×月×号召开。", [("×月×号", "date")]),
    ("投入X余万元，完成率仅为XX%。", [("X", "number"), ("XX", "number")]),
    ("总书记来X考察重要讲话精神。", [("X", "place")]),
    ("在XX镇调研，╳村也去了。", [("XX", "place"), ("╳", "place")]),
    ("《XX日报》等媒体作了报道。", [("XX", "title")]),
    ("把“XX党建计划”纳入考核。", [("XX", "text")]),
    ("【此处补充全年数据】", [("【此处补充全年数据】", "note")]),
    ("ＸＸ同志讲得很好。", [("ＸＸ", "name")]),
    ("某某同志讲得很好，在某某镇调研。", [("某某", "name"), ("某某", "place")]),
    ("发展党员***名，培训＊＊人次。", [("***", "number"), ("＊＊", "number")]),
    ("完成率为＿＿%，____个村。", [("＿＿", "number"), ("____", "number")]),
    ("第_次会议，共_人参加。", [("_", "number"), ("_", "number")]),
    ("发展党员**名，其中**名为青年。", [("**", "number"), ("**", "number")]),
    ("由*同志负责。", [("*", "name")]),
])
def test_placeholders_found_and_classified(text, found):
    got = [(text[s:e], k) for s, e, k in placeholder_matches(text)]
    assert got == found


@pytest.mark.parametrize("text", [
    "用好XML格式的台账和Excel表格。",
    "会场按3×4米布置，设备为2x2阵列。",
    "推行“N+1”网格化共建。",
    "全区1.2万名党员参加轮训，占比96.5%。",
    "**一要学。**学好理论。",
    "**坚持党建引领**",
    "台账文件 file_name 和 1_000、3*4 米的展板。",
    "某些地方、某种程度上还存在问题。",
])
def test_no_placeholder(text):
    assert placeholder_matches(text) == []
    assert findings(text + "\n", "placeholder") == []


def test_spans_for_highlighting():
    text = "选派X名干部，《XX日报》"
    assert placeholder_spans(text) == [(2, 3), (8, 10)]


def test_finding_points_at_the_placeholder():
    [f] = findings("第一段。\n\n共发展党员X名。\n", "placeholder")
    assert (f.file, f.line, f.column, f.severity) == ("t.md", 3, 6, "warning")
    assert "数字" in f.message and "X名" in f.message


@pytest.mark.parametrize("text, found", [
    ("请某某同志会后抓好落实。", ["某某"]),
    ("在某某镇召开现场会。", ["某某"]),
    ("原局长赵某某在担任局长期间收受财物，被开除党籍。", []),
    ("村委会主任李某某、会计王某某被立案审查。", []),
])
def test_an_anonymized_name_is_not_a_placeholder(text, found):
    from drafter.checks.placeholders import placeholder_matches

    assert [text[s:e] for s, e, _ in placeholder_matches(text)] == found
