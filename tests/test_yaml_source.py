"""The YAML reader: the libyaml fast path and the Python loader read a file identically."""

from pathlib import Path

import pytest
import yaml

from drafter.input import yamlfile as yaml_source

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("phrasebank/*.yaml")) + sorted(
    (ROOT / "drafter" / "data" / "starters").glob("*.yaml"))


def _takes_fast_path(text: str) -> bool:
    """Whether libyaml reads ``text`` (else it is left to the Python loader)."""
    try:
        return yaml_source._fast_load(text, None, "b.yaml") is not None
    except yaml_source.YamlProblems:  # read, and refused
        return True


def _without_fast_path(monkeypatch) -> None:
    monkeypatch.setattr(yaml_source, "_fast_load", lambda text, source, file: None)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_fast_and_python_loaders_agree(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert _takes_fast_path(text), "this file should take the fast path"
    fast = yaml_source.loads(text, "f.yaml")
    from_file = yaml_source.load(path, display_name="f.yaml")
    _without_fast_path(monkeypatch)
    slow = yaml_source.loads(text, "f.yaml")
    assert (fast.data, fast.positions, fast.key_positions, fast.quoted) == (
        slow.data, slow.positions, slow.key_positions, slow.quoted)
    assert from_file == fast


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: " + "[" * 13 + "1" + "]" * 13 + "\n", "a: b: c\n"])
def test_aliases_deep_nesting_and_errors_take_the_python_loader(text):
    assert not _takes_fast_path(text)
    with pytest.raises(yaml_source.YamlProblems):
        yaml_source.loads(text, "b.yaml")


def _outcome(text: str) -> tuple:
    """What :func:`yaml_source.loads` makes of ``text``: the document's parts, or the problems' text."""
    try:
        doc = yaml_source.loads(text, "b.yaml")
    except yaml_source.YamlProblems as err:
        return ("problems", [p.render() for p in err.problems])
    return ("document", doc.data, doc.positions, doc.key_positions, doc.quoted)


def _python_outcome(text: str, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        _without_fast_path(m)
        return _outcome(text)


BOLD_TEXTS = [
    "text: 要**加强**党的建设\n",
    "items:\n  - lead: '**一是**'\n    text: \"**粗体**在引号里\"\n  - 这里有 ** 两个星号\n",
    "closing:\n  text: |\n    **同志们，**让我们更加紧密地团结起来。\n    第二段**加粗**。\n",
    "a: b*\nc: x * y ** z\n",
]


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", BOLD_TEXTS)
def test_bold_markup_takes_the_fast_path_and_reads_as_the_python_loader_does(text, monkeypatch):
    assert "*" in text and "&" not in text
    assert _takes_fast_path(text)
    fast = _outcome(text)
    assert fast[0] == "document"
    assert fast == _python_outcome(text, monkeypatch)


@pytest.mark.parametrize("text, where", [
    ("a: *x\n", "b.yaml:1:4"),
    ("list:\n  - 正常\n  - *x\n", "b.yaml:3:5"),
    ("a: {b: *c}\n", "b.yaml:1:8"),
    ("*x : 1\n", "b.yaml:1:1"),
    ("text: 要**加强**\nother: *x\n", "b.yaml:2:8"),
])
def test_an_alias_without_an_anchor_still_gets_drafters_refusal(text, where):
    # no "&": an alias is left to the Python loader, which refuses it with drafter's message
    assert not _takes_fast_path(text)
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
def test_the_nesting_limit_is_the_same_on_both_paths(text, monkeypatch):
    fast = _outcome(text)
    assert fast == _python_outcome(text, monkeypatch)
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


def test_a_tab_inside_a_value_is_not_indentation():
    assert yaml_source.loads("a: x\ty\n", "b.yaml").data == {"a": "x\ty"}


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
