"""The libyaml path of the YAML reader: the file's bytes go to libyaml, the values are built from its
parse events, and the character check is left to libyaml's reader. Each must give what the Python
loader (or, for libyaml's own quirks, libyaml's composer with drafter's node walk) gives."""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.input import yamlfile as yaml_source

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("phrasebank/*.yaml"))


def _parts(doc: yaml_source.YamlDocument) -> tuple:
    return ("document", doc.data, doc.positions, doc.key_positions, doc.quoted)


def _outcome(read) -> tuple:
    """What ``read()`` makes of a file: the document's parts, or the problems' text."""
    try:
        return _parts(read())
    except yaml_source.YamlProblems as err:
        return ("problems", [p.render() for p in err.problems])


def _python_outcome(text: str, monkeypatch) -> tuple:
    with monkeypatch.context() as m:
        m.setattr(yaml_source, "_fast_load", lambda text, source, file: None)
        return _outcome(lambda: yaml_source.loads(text, "b.yaml"))


def _file_outcome(tmp_path: Path, raw: bytes) -> tuple:
    path = tmp_path / "b.yaml"
    path.write_bytes(raw)
    return _outcome(lambda: yaml_source.load(path, display_name="b.yaml"))


def _takes_fast_path(text: str) -> bool:
    try:
        return yaml_source._fast_load(text, None, "b.yaml") is not None
    except yaml_source.YamlProblems:  # read, and refused
        return True


CJK = [
    "标题: 加强政治建设，凝聚核心力量\n领导: 陈立\n",
    "meeting:\n  name: 2025年度基层党建工作述职评议会\n  日期: 2026-02-15\n",
    "items:\n  - lead: “一是”\n    text: 全区68个社区党群服务中心全部完成规范化提升\n  - 𠀀𡈽: 生僻字后面的值\n",
    "a: 中文 'x' 中文\nb: '单引号里的中文'\nc: \"双引号里的中文\"\nd: |\n  字面块\n  第二行\n",
    "键: 值\n键: 重复的键在中文后面\n",
    "标题: !!python/object 中文后面的标签\n",
    "列表: [一, 二, {三: 四}]\n",
    "说明: 这一行有 ** 粗体 ** 和 中文冒号：不算\n  续行也是中文\n",
]


@pytest.mark.parametrize("text", CJK)
def test_positions_after_chinese_text_are_the_same_from_bytes_text_and_the_python_loader(text, tmp_path, monkeypatch):
    # libyaml counts columns in characters whether it is given the file's bytes or the text
    assert _takes_fast_path(text)
    from_file = _file_outcome(tmp_path, text.encode("utf-8"))
    assert from_file == _outcome(lambda: yaml_source.loads(text, "b.yaml")) == _python_outcome(text, monkeypatch)


@pytest.mark.parametrize("text", CJK[:3] + ["a: 1\n", "- 一\n- 二\n"])
def test_a_file_with_a_bom_reads_as_one_without(text, tmp_path, monkeypatch):
    plain = _file_outcome(tmp_path, text.encode("utf-8"))
    assert plain[0] == "document"
    assert _file_outcome(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8")) == plain == _python_outcome(text, monkeypatch)


def test_a_second_bom_is_part_of_the_text_as_before(tmp_path, monkeypatch):
    # decode() removes one BOM; the text then starts with U+FEFF, as the Python loader reads it
    raw = b"\xef\xbb\xbf\xef\xbb\xbfa: 1\n"
    text = yaml_source.decode(raw, "b.yaml")
    assert _file_outcome(tmp_path, raw) == _outcome(lambda: yaml_source.loads(text, "b.yaml"))
    assert _file_outcome(tmp_path, raw) == _python_outcome(text, monkeypatch)


@pytest.mark.parametrize("raw, message", [
    ("a: 中文\n".encode("gbk"), "b.yaml:1:4: 错误：文件不是 UTF-8 编码（看起来是 GBK/GB2312 编码）"),
    (b"\xff\xfea\x00:\x00 \x001\x00", "b.yaml: 错误：文件是 UTF-16 编码，drafter 只读 UTF-8"),
    (b"a: \xed\xa0\x80\n", "b.yaml:1:4: 错误：文件不是 UTF-8 编码"),
])
def test_a_file_that_is_not_utf8_is_still_named_so(raw, message, tmp_path):
    kind, problems = _file_outcome(tmp_path, raw)
    assert kind == "problems" and problems[0].split("\n")[0] == message


def _reported(o: int) -> bool:
    """Whether :func:`yaml_source._check_characters` reports U+``o`` (its per-character test)."""
    ch = chr(o)
    return (o < 0x20 and ch not in "\t\r\n") or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (
        0xFFFE, 0xFFFF, 0x2028, 0x2029)


REPORTED = [o for o in range(0x110000) if _reported(o) and not 0xD800 <= o <= 0xDFFF]  # (no surrogate in UTF-8)
PLACES = ["a: x{}y\n", "a: 'x{}y'\n", "a: \"x{}y\"\n", "# {}\na: 1\n", "a: 1{}", "a: |\n  x{}y\n", "{}a: 1\n"]


def test_the_characters_reported_are_refused_by_libyaml_or_looked_for_first():
    # what lets load() skip the character check when libyaml reads a file
    assert len(REPORTED) == 66
    for o in REPORTED:
        for place in PLACES:
            source = place.format(chr(o)).encode("utf-8")
            if chr(o) in yaml_source._LIBYAML_ALLOWS:
                continue
            with pytest.raises(yaml.YAMLError):
                yaml.cyaml.CParser(source).raw_parse()


@pytest.mark.parametrize("o", REPORTED[::5] + [0x85, 0x2028, 0x2029])
def test_every_reported_character_is_still_reported(o, tmp_path):
    kind, problems = _file_outcome(tmp_path, f"a: 正常\nb: 前{chr(o)}后\n".encode("utf-8"))
    assert kind == "problems"
    assert problems[0].startswith(f"b.yaml:2:5: 错误：文件里有不可见的控制字符 U+{o:04X}")


def _nested(n: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(n)) + " " * n + "leaf: x\n"


# (text, whether libyaml reads it)
EDGES = [
    ("", False), ("# 只有注释\n", False), ("---\n", True), ("a: 1\n---\nb: 2\n", False), ("a: 1\n...\n", True),
    ("a: <<\n", True), ("<<: {a: 1}\nb: 2\n", True), ("! <<: 1\n", True), ("!!merge <<: 1\n", True),
    ("'<<': 1\n\"<<\": 2\n", True), ("!!str <<: 1\n", True), ("a: '<<'\nb: ! <<\n", True),
    ("a: !!python/object x\n", True), ("a: !foo [1, {b: !!python/x c}]\nd: !!binary x\n", True),
    ("a: !!int 1\nb: !!str\nc: ! x\n", True), ("!!map\na: 1\n", True), ("!!str [a]\n", True),
    ("? [a]\n: 1\nb: 2\n", True), ("? {a: !!python/x 1}\n: [x, !!y z]\nb: 2\n", True), ("? !!python/x a\n: 1\n", True),
    ("a: 1\na: 2\na: [3]\n", True), ("a:\n  b: 1\n  b: {c: !!x d}\n", True),
    ("a: ''\nb: ~\nc: null\nd:\ne: \"\"\nf: NULL\ng: Null\nh: nul\n", True), ("- a\n- - b\n  - ~\n- {x: y}\n- []\n- {}\n", True),
    ("%YAML 1.1\n---\na: 1\n", True), ("%TAG !e! tag:e.com,2000:\n---\na: !e!x 1\n", True),
    ("x\n", True), ("[a, b]\n", True), ("'text'\n", True), ("a: [1, 2\n", False), ("a: '\n", False),
    ("a: *x\n", False), ("? [a, *b]\n: 1\n", False), ("!!python/x [a, *b]\n", False), ("a: 1\n? [x]\n: *y\n", False),
    ("- " * 30 + "x\n", True), ("- " * 11 + "x\n", True), ("- " * 12 + "x\n", True),
    (_nested(11), True), (_nested(12), True), (_nested(14), True), ("? [a]\n:\n" + _nested(14).replace("\n", "\n ")[:-1], True),
    (_nested(14) + "bad: [\n", False), (_nested(14) + "b: *x\n", False), (_nested(14) + "---\nx\n", False),
    ("a:\n" + " " * 11 + "b:\n" + " " * 11 + " {}\n", True),
]


@pytest.mark.parametrize("text, fast", EDGES)
def test_the_event_reader_reads_as_the_python_loader_does(text, fast, tmp_path, monkeypatch):
    assert _takes_fast_path(text) == fast
    expected = _python_outcome(text, monkeypatch)
    assert _outcome(lambda: yaml_source.loads(text, "b.yaml")) == expected
    assert _file_outcome(tmp_path, text.encode("utf-8")) == expected
    if fast:
        assert _composed_outcome(text) == expected


class _Composer(yaml.CSafeLoader):
    """libyaml's composer with the resolver drafter used before it read events: every untagged node
    gets its kind's standard tag, but a plain ``<<``, the merge key."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode and value == "<<" and implicit[0]:
            return yaml_source._MERGE_TAG
        return {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
                yaml.MappingNode: "tag:yaml.org,2002:map"}[kind]


def _composed_outcome(text: str):
    """What libyaml's composed tree, walked by :func:`yaml_source._build`, makes of ``text``; None
    when libyaml does not compose it."""
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        return None
    if node is None:
        return None
    return _outcome(lambda: yaml_source._document(node, "b.yaml"))


PIECES = list(":-[]{},'\"!&*#|>?~ \n\t") + ["  ", "\n  ", "\n- ", "<<", "!!str ", "!!x ", "- ", ": ", "? ", "中",
                                             "\n" + " " * 14, "k:\n" + " " * 13]
BASES = [p.read_text(encoding="utf-8") for p in FILES]


@st.composite
def _mutants(draw):
    lines = draw(st.sampled_from(BASES)).split("\n")
    start = draw(st.integers(0, len(lines) - 1))
    text = "\n".join(lines[start:start + draw(st.integers(1, 25))])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 6)):]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_mutants())
def test_the_event_reader_builds_what_the_composed_tree_gave(text):
    if "&" in text or not yaml_source._suits_libyaml(text.encode("utf-8")):
        return  # left to the Python loader either way
    try:
        fast = yaml_source._fast_load(text, None, "b.yaml")
        got = None if fast is None else _parts(fast)
    except yaml_source.YamlProblems as err:
        got = ("problems", [p.render() for p in err.problems])
    assert got == _composed_outcome(text)
