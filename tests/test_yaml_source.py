"""The one YAML reader: what it reads, where, and what it refuses."""

import hashlib
from pathlib import Path

import pytest

from drafter.input import yamlfile as yaml_source

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("phrasebank/*.yaml")) + sorted(
    (ROOT / "drafter" / "data" / "starters").glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_every_shipped_yaml_file_reads_the_same_from_the_file_and_from_its_text(path):
    text = path.read_text(encoding="utf-8")
    from_text = yaml_source.loads(text, "f.yaml")
    from_file = yaml_source.load(path, display_name="f.yaml")
    assert (from_file.data, from_file.positions, from_file.key_positions, from_file.quoted) == (
        from_text.data, from_text.positions, from_text.key_positions, from_text.quoted)
    assert from_file.data and from_file.digest == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: " + "[" * 13 + "1" + "]" * 13 + "\n", "a: b: c\n"])
def test_aliases_deep_nesting_and_errors_are_refused(text):
    with pytest.raises(yaml_source.YamlProblems):
        yaml_source.loads(text, "b.yaml")


def _outcome(text: str) -> tuple:
    """What :func:`yaml_source.loads` makes of ``text``: the document's parts, or the problems' text."""
    try:
        doc = yaml_source.loads(text, "b.yaml")
    except yaml_source.YamlProblems as err:
        return ("problems", [p.render() for p in err.problems])
    return ("document", doc.data, doc.positions, doc.key_positions, doc.quoted)


BOLD_TEXTS = [
    "text: 要**加强**党的建设\n",
    "items:\n  - lead: '**一是**'\n    text: \"**粗体**在引号里\"\n  - 这里有 ** 两个星号\n",
    "closing:\n  text: |\n    **同志们，**让我们更加紧密地团结起来。\n    第二段**加粗**。\n",
    "a: b*\nc: x * y ** z\n",
]


@pytest.mark.parametrize("text", BOLD_TEXTS)
def test_bold_markup_is_text_not_an_alias(text):
    outcome = _outcome(text)
    assert outcome[0] == "document"
    assert "**" in str(outcome[1])


@pytest.mark.parametrize("text, where", [
    ("a: *x\n", "b.yaml:1:4"),
    ("list:\n  - 正常\n  - *x\n", "b.yaml:3:5"),
    ("a: {b: *c}\n", "b.yaml:1:8"),
    ("*x : 1\n", "b.yaml:1:1"),
    ("text: 要**加强**\nother: *x\n", "b.yaml:2:8"),
])
def test_an_alias_without_an_anchor_still_gets_drafters_refusal(text, where):
    with pytest.raises(yaml_source.YamlProblems) as err:
        yaml_source.loads(text, "b.yaml")
    [problem] = err.value.problems
    assert problem.render().startswith(f"{where}: 错误：不支持 YAML 别名（*名称）")


def _nested_mappings(n: int, indent: int = 2) -> str:
    return "".join(" " * (indent * i) + f"k{i}:\n" for i in range(n)) + " " * (indent * n) + "leaf: x\n"


def _nested_lists(n: int) -> str:
    return "".join("  " * i + "-\n" for i in range(n)) + "  " * n + "- x\n"


@pytest.mark.parametrize("text", [_nested_mappings(10), _nested_mappings(11), _nested_mappings(12),
                                  _nested_mappings(14, indent=1), _nested_lists(10), _nested_lists(11),
                                  "a:\n b:\n  c:\n   d: [[[[{e: {f: {g: {h: {i: {j: x}}}}}}]]]]\n",
                                  "a:\n b:\n  c:\n   d: [[[{e: {f: {g: {h: {i: x}}}}}]]]\n"])
def test_the_nesting_limit_is_refused_as_one_problem(text):
    fast = _outcome(text)
    depth = max(len(path) for path in fast[2]) + 1 if fast[0] == "document" else None
    if fast[0] == "problems":
        assert len(fast[1]) == 1 and f"嵌套超过 {yaml_source.MAX_DEPTH} 层" in fast[1][0]
    else:
        assert depth <= yaml_source.MAX_DEPTH


def test_twelve_levels_are_accepted_and_thirteen_refused():
    assert _outcome(_nested_lists(10))[0] == "document"  # 11 lists and a scalar: 12 levels
    refused = _outcome(_nested_lists(11))
    assert refused == ("problems", ["b.yaml:12:25: 错误：嵌套超过 12 层\n    提示：简报的层次不会这么深，请检查缩进"])


@pytest.mark.parametrize("text, problems", [
    ("a:\n\tb: 1\n", ["b.yaml:2:1: 错误：用了 Tab 键缩进，YAML 只认空格"]),
    ("a: 1\nb:\n  - x\n \t- y\n", ["b.yaml:4:2: 错误：用了 Tab 键缩进，YAML 只认空格"]),
])
def test_tab_indentation_is_reported_at_the_tab(text, problems):
    with pytest.raises(yaml_source.YamlProblems) as err:
        yaml_source.loads(text, "b.yaml")
    assert [p.render().split("\n")[0] for p in err.value.problems] == problems


@pytest.mark.parametrize("text, data", [("a: x\ty\n", {"a": "x\ty"}), ("a:\tx\n", {"a": "x"}), ("a: x\t\nb: 1\n", {"a": "x", "b": "1"}),
                                        ("a: [\tx,\ty ]\n", {"a": ["x", "y"]}), ("a: |\n  x\ty\n", {"a": "x\ty\n"})])
def test_a_tab_that_is_not_indentation_is_white_space(text, data):
    assert yaml_source.loads(text, "b.yaml").data == data


@pytest.mark.parametrize("ch", ["\x00", "\x08", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\ud800", "\udfff", "\ufffe",
                                "\uffff", "\u2028", "\u2029"])
def test_invisible_and_invalid_characters_are_reported_where_they_are(ch):
    with pytest.raises(yaml_source.YamlProblems) as err:
        yaml_source.loads(f"a: 正常\nb: 前{ch}后\n", "b.yaml")
    assert [p.render().split("\n")[0] for p in err.value.problems] == [
        f"b.yaml:2:5: 错误：文件里有不可见的控制字符 U+{ord(ch):04X}"]


@pytest.mark.parametrize("ch", ["\xa0", "\xff", "\u3000", "\u2027", "\u202a", "\ufffd", "\U0001F600", "\U00020000"])
def test_other_characters_are_accepted(ch):
    assert yaml_source.loads(f"b: 前{ch}后\n", "b.yaml").data == {"b": f"前{ch}后"}


@pytest.mark.parametrize("text, where, message", [
    ("a: !!python/object/apply:os.system [echo hacked]\n", "b.yaml:1:4", "不支持 YAML 标签 !!python/object/apply:os.system"),
    ("a: !!python/name:os.system ''\n", "b.yaml:1:4", "不支持 YAML 标签 !!python/name:os.system"),
    ("!!python/object:os.Popen {args: id}\n", "b.yaml:1:1", "不支持 YAML 标签 !!python/object:os.Popen"),
    ("? !!python/object/apply:os.system id\n: 1\n", "b.yaml:1:3", "不支持 YAML 标签 !!python/object/apply:os.system"),
    ("? !!python/object/apply:os.system [id]\n: 1\n", "b.yaml:1:3", "键必须是一个简单的名字"),
    ("a: !custom x\n", "b.yaml:1:4", "不支持 YAML 标签 !custom"),
    ("a: !!binary aGk=\n", "b.yaml:1:4", "不支持 YAML 标签 !!binary"),
    ("<<: {a: 1}\n", "b.yaml:1:1", "不支持 YAML 合并键 <<"),
    ("a: 1\na: 2\n", "b.yaml:2:1", "重复的键 “a”（第一次出现在第 1 行）"),
    ("? [a]\n: 1\n", "b.yaml:1:3", "键必须是一个简单的名字"),
])
def test_tags_merge_keys_duplicates_and_complex_keys_are_refused_and_nothing_runs(text, where, message, tmp_path,
                                                                                  monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(yaml_source.YamlProblems) as err:
        yaml_source.loads(text, "b.yaml")
    [problem] = err.value.problems
    assert problem.render().split("\n")[0] == f"{where}: 错误：{message}"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("escape, code", [("\\x00", 0), ("\\e[2J", 0x1B), ("\\a", 7), ("\\b", 8), ("\\v", 0xB),
                                          ("\\f", 0xC), ("\\x7f", 0x7F), ("\\x9b", 0x9B), ("\\N", 0x85),
                                          ("\\L", 0x2028), ("\\P", 0x2029), ("\\uFFFE", 0xFFFE)])
def test_a_control_character_written_by_an_escape_is_refused_where_the_value_stands(escape, code):
    with pytest.raises(yaml_source.YamlProblems) as err:
        yaml_source.loads(f'a: 正常\nb: "前{escape}后"\n', "b.yaml")
    [problem] = err.value.problems
    assert problem.render() == (f"b.yaml:2:4: 错误：双引号里的反斜杠转义写出了不可见的控制字符 U+{code:04X}\n"
                                "    提示：删掉这个以反斜杠开头的转义；要写反斜杠本身，改用单引号")


@pytest.mark.parametrize("text, line", [('a: "\\ud800"\n', 1), ('"\\udfff": x\n', 1), ('a:\n  - "前\\uDBFF后"\n', 2)])
def test_half_a_surrogate_pair_from_an_escape_is_refused(text, line):
    with pytest.raises(yaml_source.YamlProblems) as err:
        yaml_source.loads(text, "b.yaml")
    [problem] = err.value.problems
    assert (problem.line, problem.message, problem.hint) == (line, "双引号里的 \\u 转义写出的不是一个完整的字符",
                                                              "直接写出这个字符，不要用反斜杠转义")


@pytest.mark.parametrize("text, value", [('a: "\\t缩进"\n', "\t缩进"), ('a: "两行\\n文字"\n', "两行\n文字"),
                                         ('a: "\\u4E2D\\U0001F600"\n', "中\U0001F600"), ("a: '\\x00'\n", "\\x00")])
def test_harmless_escapes_and_backslashes_in_single_quotes_are_read(text, value):
    assert yaml_source.loads(text, "b.yaml").data == {"a": value}
