"""Bad briefs: each gets every problem at once, as FILE:LINE:COL with a message a writer understands.

The table pairs a brief (as YAML text) with the exact messages expected, in order.
"""

import textwrap

import pytest

from drafter.input.brief import json_schema, load_brief
from drafter.genre.meeting_types import TYPES

TYPE_CHOICES = "；".join(f"{t.id}（{t.name}）" for t in TYPES.values())  # every meeting type, as the message lists them
from drafter.input.values import parse_date, parse_yes_no
from drafter.errors import BriefError

GOOD = """\
meeting:
  type: review
  date: 2026-02-15
speaker:
  role: 区委书记
opinions:
  items:
    - heading: 加强政治建设，凝聚核心力量
"""


def messages(tmp_path, text: str, name="brief.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(BriefError) as info:
        load_brief(path, display_name=name)
    return [p.render() for p in info.value.problems]


BAD = [
    ("empty file", "", ["brief.yaml: 错误：文件是空的\n    提示：用 drafter new 类型 生成一份简报，再填写内容"]),
    ("a list at the top", "- a\n- b\n",
     ["brief.yaml:1:1: 错误：简报的最外层应是若干“键: 值”，这里是列表\n    提示：参照 drafter new 生成的简报，从 meeting: 开始写"]),
    ("a string at the top", "讲话稿\n",
     ["brief.yaml:1:1: 错误：简报的最外层应是若干“键: 值”，这里是一段文字\n    提示：参照 drafter new 生成的简报，从 meeting: 开始写"]),
    ("missing required sections", "meeting:\n  type: review\n  date: 2026-02-15\n",
     ["brief.yaml:1:1: 错误：缺少必填项 speaker（讲话人）\n    提示：在文件最外层下加上「speaker: …」；drafter new 生成的简报里有示例",
      "brief.yaml:1:1: 错误：缺少必填项 opinions（意见部分）\n    提示：在文件最外层下加上「opinions: …」；drafter new 生成的简报里有示例"]),
    ("unknown key, nearest suggested", GOOD + "titel: 讲话\n",
     ["brief.yaml:9:1: 错误：不认识的键「titel」\n    提示：是不是「title」？这一层可用的键：meeting、speaker、jurisdiction、superior、title、period、opening、situation、achievements、problems、opinions、closing、options、cases、campaign、lecture、commended、reviewees、framing"]),
    ("duplicate key", GOOD.replace("  date: 2026-02-15\n", "  date: 2026-02-15\n  date: 2026-02-16\n"),
     ["brief.yaml:4:3: 错误：重复的键 “date”（第一次出现在第 3 行）\n    提示：一个键只能写一次；删掉或合并其中一处"]),
    ("impossible month", GOOD.replace("2026-02-15", "2026-13-01"),
     ["brief.yaml:3:9: 错误：meeting.date（会议日期）：日期「2026-13-01」不存在：月份应在 1 到 12 之间"]),
    ("impossible day", GOOD.replace("2026-02-15", "2026-02-30"),
     ["brief.yaml:3:9: 错误：meeting.date（会议日期）：日期「2026-02-30」不存在：2026年2月没有30日"]),
    ("date without a day", GOOD.replace("2026-02-15", "2026年2月"),
     ["brief.yaml:3:9: 错误：meeting.date（会议日期）：日期「2026年2月」缺少“日”：会议日期要具体到哪一天，如 2026-02-15"]),
    ("unknown meeting type", GOOD.replace("type: review", "type: 座谈会"),
     ["brief.yaml:2:9: 错误：meeting.type（会议类型）：没有「座谈会」这种会议类型。可选：" + TYPE_CHOICES + ""]),
    ("a bare no where yes/no is expected is fine; 'maybe' is not", GOOD + "closing:\n  adjourn: maybe\n",
     ["brief.yaml:10:12: 错误：closing.adjourn（讲话人是否同时宣布散会）：「maybe」不是“是/否”：应填 是 或 否（也可写 true / false）"]),
    ("a list where text is expected", GOOD.replace("role: 区委书记", "role: [区委书记]"),
     ["brief.yaml:5:9: 错误：speaker.role（职务） 应是一段文字\n    提示：直接写文字；不要写成列表或“键: 值”"]),
    ("text where a list is expected", GOOD.replace("  items:\n    - heading: 加强政治建设，凝聚核心力量\n", "  items: 加强政治建设\n"),
     ["brief.yaml:7:10: 错误：opinions.items（各点意见） 应是一个列表\n    提示：每一项另起一行，以“- ”开头"]),
    ("no opinions", GOOD.replace("  items:\n    - heading: 加强政治建设，凝聚核心力量\n", "  items: []\n"),
     ["brief.yaml:7:10: 错误：opinions.items（各点意见） 是空的\n    提示：至少写一项"]),
    ("a point with neither heading nor text", GOOD + "    - lead:\n",
     ["brief.yaml:9:7: 错误：第2点意见既没有标题也没有内容\n    提示：写上 heading（标题），或删掉这一项"]),
    ("typed ordinal in a heading", GOOD.replace("heading: 加强", "heading: 一、加强"),
     ["brief.yaml:8:16: 错误：标题「一、加强政治建设，凝聚核心力量」自带了序号\n    提示：序号由 drafter 自动编排，删掉开头的「一、」「（一）」等"]),
    ("四个坚持 headings must start with 坚持", GOOD.replace("opinions:\n", "opinions:\n  noun: 坚持\n"),
     ["brief.yaml:9:16: 错误：宣布“几个坚持”时，各点标题都要以“坚持”开头：「加强政治建设，凝聚核心力量」\n    提示：改写标题，或把 opinions.noun 改为 意见"]),
    ("unknown ordinal form", GOOD.replace("opinions:\n", "opinions:\n  form: 甲、\n"),
     ["brief.yaml:7:9: 错误：opinions.form（各点的序号形式）：序号形式「甲、」不认识。可选：一、、（一）、1.、（1）、一是、一要、第一，、首先，、——"]),
    ("a sub-point layout that is not one of the choices", GOOD.replace("opinions:\n", "opinions:\n  point_form: （一）\n  point_layout: 段内\n"),
     ["brief.yaml:8:17: 错误：opinions.point_layout（分条要求的排法） 不能是「段内」\n    提示：可选：headings / inline"]),
    ("inline sub-points need a heading form", GOOD.replace("opinions:\n", "opinions:\n  point_layout: inline\n"),
     ["brief.yaml:7:17: 错误：分条要求的序号「一要」本来就写在段首，point_layout: inline 只用于（一）、1. 等标题序号\n    提示：删掉 point_layout，或把 point_form 改为（一）"]),
    ("dash parts with heading sub-points", GOOD.replace("opinions:\n", "opinions:\n  form: ——\n  point_form: （一）\n") + "      points:\n        - lead: 强化理论武装\n",
     ["brief.yaml:8:15: 错误：各点用「——」段首序号时，分条要求不能用标题序号「（一）」\n    提示：分条要求改用 一是 / 第一， 等段内序号"]),
    ("point form at the same level as the points", GOOD.replace("opinions:\n", "opinions:\n  point_form: 一、\n"),
     ["brief.yaml:7:15: 错误：分条要求的序号「一、」不能与各点的序号「一、」同级或更高\n    提示：层次依次是 一、→（一）→ 1. →（1）"]),
    ("reading speed out of range", GOOD + "options:\n  reading_speed: 300\n",
     ["brief.yaml:10:18: 错误：options.reading_speed（念稿速度） 超出范围：300\n    提示：应在 150 到 220 之间"]),
    ("minutes not a number", GOOD + "options:\n  minutes: 半小时\n",
     ["brief.yaml:10:12: 错误：options.minutes（讲话时长目标） 应是一个整数，这里是「半小时」\n    提示：只写数字，如 20"]),
    ("tab indentation", GOOD.replace("  role: 区委书记", "\trole: 区委书记"),
     ["brief.yaml:5:1: 错误：用了 Tab 键缩进，YAML 只认空格\n    提示：把行首的 Tab 换成空格（每层两个空格）"]),
    ("python object tag", GOOD + "x: !!python/object/apply:os.system [ls]\n",
     ["brief.yaml:9:4: 错误：不支持 YAML 标签 !!python/object/apply:os.system\n    提示：简报里只写文字、列表和“键: 值”，删掉以 !! 开头的标签"]),
    ("alias", GOOD + "jurisdiction: &a 全区\nsuperior: *a\n",
     ["brief.yaml:10:11: 错误：不支持 YAML 别名（*名称）\n    提示：简报里每一项都直接写出内容，不要用 & 锚点和 * 别名"]),
    ("colon inside a value", GOOD.replace("role: 区委书记", "role: 区委书记: 张三"),
     ["brief.yaml:5:13: 错误：这里不能出现冒号“: ”\n    提示：值里含有英文冒号加空格时，请给整个值加上引号，或改用中文冒号“：”"]),
    ("too many items", GOOD + "achievements:\n  items:\n" + "    - lead: 一条\n" * 31,
     ["brief.yaml:11:5: 错误：achievements.items（各条内容） 有 31 项，最多 30 项\n    提示：讲话稿的要点宜少而精；合并相近的条目"]),
    ("a layout that is not one of the choices", GOOD + "problems:\n  layout: 表格\n",
     ["brief.yaml:10:11: 错误：problems.layout（排法） 不能是「表格」\n    提示：可选：inline / paragraphs"]),
    ("keys and values expected", GOOD + "closing: 散会\n",
     ["brief.yaml:9:10: 错误：closing（结尾） 下面应是若干“键: 值”\n    提示：在下一行缩进两个空格，写“键: 值”"]),
    ("spoken form not allowed in a section", GOOD + "problems:\n  form: 一、\n",
     ["brief.yaml:10:9: 错误：problems.form（各条的序号形式）：序号形式「一、」不可用于这里。可选：一是、一要、第一，、首先，、无"]),
    ("unknown key deep down", GOOD.replace("    - heading: 加强", "    - haeding: x\n      heading: 加强"),
     ["brief.yaml:8:7: 错误：不认识的键「haeding」\n    提示：是不是「heading」？这一层可用的键：heading、lead、points"]),
    ("control character", GOOD.replace("区委书记", "区委\x07书记"),
     ["brief.yaml:5:11: 错误：文件里有不可见的控制字符 U+0007\n    提示：多半是从别处复制来的，删掉这个字符（可在编辑器里显示不可见字符）"]),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in BAD], ids=[n for n, _, _ in BAD])
def test_bad_brief_messages(tmp_path, text, expected):
    assert messages(tmp_path, text) == expected


def test_every_problem_reported_in_one_run(tmp_path):
    text = """\
    meeting:
      type: reveiw
      date: 2026-13-01
      nmae: x
    speaker:
      role: 区委书记
    opinions:
      items:
        - heading: 一、加强政治建设
        - {}
    options:
      reading_speed: 300
    """
    got = messages(tmp_path, text)
    assert [m.split(": 错误：")[0] for m in got] == [
        "brief.yaml:2:9", "brief.yaml:3:9", "brief.yaml:4:3", "brief.yaml:9:16", "brief.yaml:10:7", "brief.yaml:12:18"]


def test_gbk_file_is_named_as_such(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_bytes(GOOD.encode("gbk"))
    with pytest.raises(BriefError) as info:
        load_brief(path, display_name="brief.yaml")
    assert info.value.problems[0].render() == (
        "brief.yaml:5:9: 错误：文件不是 UTF-8 编码（看起来是 GBK/GB2312 编码）\n"
        "    提示：在编辑器中“另存为”，编码选 UTF-8（记事本选“UTF-8”，WPS 选“Unicode (UTF-8)”）")


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "brief.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    brief, _ = load_brief(path)
    assert brief.speaker.role == "区委书记"


def test_yaml_11_surprises_are_handled(tmp_path):
    """A bare no stays text where text is expected; a date is parsed only where a date is expected."""
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD.replace("role: 区委书记", "role: no\n  name: 2026-02-15") + "period: 1.10\nclosing:\n  adjourn: no\n",
                    encoding="utf-8")
    brief, _ = load_brief(path)
    assert brief.speaker.role == "no"
    assert brief.speaker.name == "2026-02-15"
    assert brief.period == "1.10"
    assert brief.closing.adjourn is False


@pytest.mark.parametrize("text, expected", [("2026-02-15", (2026, 2, 15)), ("2026-2-5", (2026, 2, 5)),
                                            ("2026/2/5", (2026, 2, 5)), ("2026年2月5日", (2026, 2, 5))])
def test_date_forms(text, expected):
    d = parse_date(text)
    assert (d.year, d.month, d.day) == expected


@pytest.mark.parametrize("text, value", [("是", True), ("否", False), ("yes", True), ("No", False), ("true", True)])
def test_yes_no(text, value):
    assert parse_yes_no(text) is value


def test_schema_has_chinese_descriptions_and_forbids_unknown_keys():
    schema = json_schema()
    meeting = schema["$defs"]["Meeting"]
    assert meeting["properties"]["date"]["description"].startswith("会议日期")
    assert meeting["additionalProperties"] is False
    assert {"type": "string"} in schema["properties"]["title"]["anyOf"]
    assert set(schema["required"]) == {"meeting", "speaker", "opinions"}


def test_every_field_is_documented():
    from drafter.input import brief as b
    from drafter.input import records as schema

    def walk(model):
        docs = schema.docstrings(model)
        for name in schema.fields(model):
            assert docs.get(name), f"{model.__name__}.{name} has no docstring"
    for model in (b.Brief, b.Meeting, b.Before, b.Speaker, b.Title, b.Section, b.Item, b.Opinions, b.Opinion,
                  b.SubPoint, b.Closing, b.Options):
        walk(model)


def test_values_are_typed_and_defaults_filled(tmp_path):
    """Blank optional text counts as not given, counts typed by hand become ints, title shorthand works."""
    path = tmp_path / "brief.yaml"
    path.write_text(GOOD + "title: 在全区大会上的讲话\nperiod: '  '\noptions:\n  minutes: 二十\n  variant: ' 3 '\n",
                    encoding="utf-8")
    brief, _ = load_brief(path)
    assert brief.title.text == "在全区大会上的讲话" and brief.title.subtitle is False
    assert brief.period is None
    assert (brief.options.minutes, brief.options.variant, brief.options.reading_speed) == (20, 3, 180)
    assert brief.meeting.before.visits == [] and brief.closing.adjourn is None
    assert brief.opinions.items[0].points == []


def test_records_get_fresh_defaults_and_compare_by_value():
    from drafter.input.brief import Before, Meeting
    from drafter.input.records import REQUIRED, fields

    a, b = Before(), Before()
    a.visits.append("幸福里社区")
    assert b.visits == [] and a != b
    assert Before(visits=["x"]) == Before(visits=["x"])
    assert repr(Before()) == "Before(reports=None, comments=None, comments_by=None, assessment=False, superior=None, visits=[], other=None, place='开头')"
    assert fields(Meeting)["date"].required and fields(Meeting)["before"].default is REQUIRED
    with pytest.raises(TypeError):
        Before(visitz=[])


def test_a_carriage_return_in_a_one_line_value_does_not_split_the_title(tmp_path):
    # found by tests/test_properties.py: a name written "0\r0" broke the title into a title line and a body
    # paragraph before the salutation
    from drafter.main import make_draft
    from drafter.speech.blocks import Kind

    path = tmp_path / "b.yaml"
    path.write_text(GOOD.replace("type: review", 'type: review\n  name: "城东\\r述职会"'), encoding="utf-8")
    blocks = make_draft(path).blocks
    kinds = [b.kind for b in blocks[: [b.kind for b in blocks].index(Kind.SALUTATION)]]
    assert Kind.PARAGRAPH not in kinds
