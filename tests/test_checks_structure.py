"""Rules on structure: numbering, announced counts, parallel headings."""

from __future__ import annotations

import pytest

from checks_helpers import findings

MIXED = "下面讲两点。\n\n## 一、抓好学习\n\n**一要强化理论武装。**学习。\n\n**二是严格组织生活。**落实。\n"


def test_spoken_mixed_is_an_error():
    [f] = findings(MIXED, "numbering-mixed")
    assert f.severity == "error" and "一要" in f.message and "二是" in f.message
    assert f.suggestion.startswith("统一为「二要」")
    assert (f.line, f.column) == (7, 1)


@pytest.mark.parametrize("markup, rule", [
    ("主要有：一是责任落实。二是基础夯实。二是创新不足。\n", "numbering-sequence"),
    ("主要有：一是责任落实。三是创新不足。\n", "numbering-sequence"),
    ("第一，讲政治。第二，抓落实。第四，重实效。\n", "numbering-sequence"),
    ("首先，讲政治。其次，抓落实。再次，重实效。其次，再强调。\n", "numbering-sequence"),
    ("## 一、甲\n\n## 二、乙\n\n## 二、丙\n", "numbering-sequence"),
    ("## 一、甲\n\n## 三、乙\n", "numbering-sequence"),
    ("## 一、甲\n\n### （一）子一\n\n### 2.子二\n", "numbering-mixed"),
    ("第一，讲政治。二是抓落实。\n", "numbering-mixed"),
])
def test_numbering_found(markup, rule):
    assert [f.rule for f in findings(markup) if f.rule.startswith("numbering")] == [rule]


@pytest.mark.parametrize("markup", [
    "主要有：一是责任落实。二是基础夯实。三是创新不足。\n\n问题是：一是压力不够。二是融合不深。\n",
    "## 一、甲\n\n**一要学。**学。\n\n**二要干。**干。\n\n## 二、乙\n\n**一要看。**看。\n\n**二要比。**比。\n",
    "## 一、甲\n\n### （一）子一\n\n### （二）子二\n\n## 二、乙\n\n### （一）子三\n",
    "**一要抓学习。**主要是：一是读原著。二是学原文。\n\n**二要抓落实。**落实。\n\n**三要抓考核。**考核。\n",
    "首先，讲政治。其次，抓落实。最后，重实效。\n",
    "最后，我再强调一点。其次的问题不大。\n",
    "要做到统一是关键。唯一要求是守纪律。\n",
])
def test_numbering_clean(markup):
    assert [f for f in findings(markup) if f.rule.startswith("numbering")] == []


@pytest.mark.parametrize("markup, n_points", [
    ("下面，我讲三点意见。\n\n## 一、甲\n\n## 二、乙\n", 2),
    ("下面，我讲两点意见：\n\n## 一、甲\n\n## 二、乙\n\n## 三、丙\n", 3),
    ("落实好以下“四个坚持”：\n\n（一）坚持甲。正文。\n\n（二）坚持乙。正文。\n\n（三）坚持丙。正文。\n", 3),
    ("我提三点要求：\n\n**一要学。**学。\n\n**二要干。**干。\n", 2),
])
def test_announced_count_wrong(markup, n_points):
    [f] = findings(markup, "announced-count")
    assert f.severity == "error" and f"实际有{n_points}条" in f.message


@pytest.mark.parametrize("markup", [
    "下面，我讲三点意见。\n\n## 一、甲\n\n### （一）子\n\n### （二）子\n\n## 二、乙\n\n## 三、丙\n",
    "落实好以下“四个坚持”：\n\n（一）坚持甲。正文。\n\n（二）坚持乙。\n\n（三）坚持丙。\n\n（四）坚持丁。\n",
    "我提三点要求：\n\n**一要学。**学。\n\n**二要干。**干。\n\n**三要比。**比。\n",
    "要增强“四个意识”、坚定“四个自信”、做到“两个维护”。\n\n## 一、甲\n",
    "下面，我再讲几点意见。\n\n## 一、甲\n",
])
def test_announced_count_clean(markup):
    assert findings(markup, "announced-count") == []
    assert findings(markup, "announced-keyword") == []


def test_four_insists_each_starts_with_insist():
    markup = "落实好以下“四个坚持”：\n\n（一）坚持甲。\n\n（二）坚持乙。\n\n（三）强化丙。\n\n（四）坚持丁。\n"
    [f] = findings(markup, "announced-keyword")
    assert "强化丙" in f.message and f.line == 7


@pytest.mark.parametrize("headings", [
    ("加强政治建设，凝聚核心力量", "围绕发展大局，激发党建的活力"),
    ("强基础，凝聚核心力量", "围绕发展大局，激发党建活力"),
    ("加强政治建设，凝聚核心力量", "围绕发展大局"),
])
def test_parallel_headings_found(headings):
    markup = "".join(f"## {n}、{h}\n\n" for n, h in zip("一二三", headings))
    assert len(findings(markup, "parallel-headings")) == 1


@pytest.mark.parametrize("headings", [
    ("加强政治建设，凝聚核心力量", "围绕发展大局，激发党建活力", "聚焦主责主业，扛起党建责任"),
    ("提高政治站位，准确把握基层党建工作新要求", "夯实基层基础，持续推动党建工作全面进步"),
    ("明大局", "接地气", "善创新"),
    ("在强化理论武装上持续用力", "在建强组织体系上持续用力"),
])
def test_parallel_headings_clean(headings):
    markup = "".join(f"## {n}、{h}\n\n" for n, h in zip("一二三", headings))
    assert findings(markup, "parallel-headings") == []


@pytest.mark.parametrize("markup, n_points", [
    ("下面，我讲三个方面的问题。\n\n## 一、甲\n\n## 二、乙\n", 2),
    ("下面，我讲两个问题。\n\n## 一、甲\n\n## 二、乙\n\n## 三、丙\n", 3),
    ("为巩固会议成果，我提两点希望。\n\n**一是要抓好整改。**整改。\n", 1),
    ("我从四个方面谈谈认识。\n\n## 一、甲\n\n## 二、乙\n\n## 三、丙\n", 3),
    ("今天重点强调三方面内容。一是学习。二是落实。\n", 2),
    ("下面，我讲“四个强化”。\n\n（一）强化甲。正文。\n\n（二）强化乙。正文。\n\n（三）强化丙。正文。\n", 3),
    ("下面，我讲三点意见。一、加强政治建设。正文。二、夯实基层基础。正文。\n", 2),
])
def test_announced_count_in_every_common_phrasing(markup, n_points):
    [f] = findings(markup, "announced-count")
    assert f"实际有{n_points}条" in f.message


@pytest.mark.parametrize("markup, message, suggestion", [
    ("一要提高认识，二是狠抓落实，三要强化保障。\n", "「一要」和「二是」", "统一为「二要」"),
    ("**一要学。**学。\n\n二、干。干好。\n\n三要比。比。\n", "「一要」和「二、」", "统一为「二要」"),
])
def test_mixed_ordinals_inside_a_paragraph_and_the_suggested_fix(markup, message, suggestion):
    fs = [f for f in findings(markup) if f.rule.startswith("numbering")]
    assert [(f.rule, message in f.message, f.suggestion.startswith(suggestion)) for f in fs] == \
        [("numbering-mixed", True, True)]


def test_a_heading_longer_than_forty_characters_is_a_heading(tmp_path):
    from drafter.speech.reader import read_speech
    from drafter.speech.blocks import Kind
    p = tmp_path / "s.txt"
    long = "一、坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实新时代党的建设总要求，推动全面从严治党向纵深发展"
    p.write_text(f"同志们：\n下面，我讲两点意见。\n{long}\n正文。\n三、严明纪律\n正文。\n", encoding="utf-8")
    blocks = read_speech(p)
    assert blocks[2].kind is Kind.HEADING and len(long) > 40
    from drafter.checks import CheckContext, run_checks
    rules = [f.rule for f in run_checks(blocks, CheckContext())]
    assert "numbering-sequence" in rules


def test_a_speech_pasted_on_one_line_keeps_its_date(tmp_path):
    from drafter.checks.inputs import check_path
    p = tmp_path / "一行.txt"
    p.write_text("在全区党建工作会议上的讲话（2025年3月5日）同志们：今天开会。要深入开展主题教育。\n", encoding="utf-8")
    findings, ctx = check_path(p)
    assert str(ctx.meeting_date) == "2025-03-05"
    assert [f.rule for f in findings] == ["dated-formulation"]


def test_a_numbered_phrase_that_is_not_a_keyword_list_is_not_held_to_its_word():
    markup = "要做到“三个一样”。\n\n（一）领导在与不在一个样。\n\n（二）白天晚上一个样。\n\n（三）有人没人一个样。\n"
    assert findings(markup, "announced-keyword") == []


def test_a_count_in_the_achievements_is_not_held_to_the_next_section():
    markup = ("## 一、过去一年的工作\n\n我们从四个方面推进改革，取得了明显成效。\n\n"
              "## 二、今年的任务\n\n正文。\n\n## 三、保障措施\n\n正文。\n")
    assert findings(markup, "announced-count") == []


DASHES = ("新的征程上，我提三点希望。\n\n**——坚定信念，**就是不忘初心。\n\n各级党组织要教育引导党员。\n\n"
          "**——践行宗旨，**就是心中装着人民。\n\n**——拼搏奉献，**就是敢于担当。\n")


def test_parts_opening_with_a_dash_are_the_announced_points():
    assert findings(DASHES, "announced-count") == []
    assert [f for f in findings(DASHES) if f.rule.startswith("numbering")] == []  # a dash has no number to skip
    [f] = findings(DASHES + "\n**——廉洁奉公，**就是干干净净做事。\n", "announced-count")
    assert "实际有4条" in f.message and f.suggestion.startswith("改为「提四点希望」")
    assert (f.line, f.column) == (1, 9)


def test_a_dash_after_a_heading_is_not_counted_for_an_earlier_announcement():
    markup = "我提两点希望。\n\n## 一、甲\n\n——坚定信念，就是不忘初心。\n\n## 二、乙\n\n——践行宗旨，就是心中装着人民。\n"
    assert findings(markup, "announced-count") == []
