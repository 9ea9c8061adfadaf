"""Reading a writer's YAML file safely, remembering where every value stands.

:func:`load` turns a YAML file into plain Python values (dicts, lists, strings, None) and a map from
each value's path (``("opinions", "items", 0, "heading")``) to its 1-based line and column, so that
every later message can say ``brief.yaml:12:5``. Every YAML file drafter reads goes through it.

Deliberate choices, because the files are written by hand by people who are not programmers:

- **Scalars stay text.** YAML 1.1 reads a bare ``no`` as false, ``2026-02-15`` as a date object and
  ``1.10`` as 1.1. Here every scalar is kept as the exact text the writer typed; the schema of the
  file decides what a field's text means (a date, a number, yes/no). Only an unquoted empty value,
  ``~`` or ``null`` becomes None.
- **Nothing in a file is constructed**: the one reader, :class:`SafeReader` (PyYAML's safe loader,
  with libyaml's parser), only composes the node tree, which is walked here into plain values.
- **Refused:** duplicate keys, anchors and aliases (``&a`` / ``*a``: no file needs them, and they
  make "billion laughs" bombs), explicit tags (``!!python/object`` …), merge keys ``<<``, nesting
  deeper than :data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES` or that are not regular files
  (:func:`drafter.input.files.read_limited`), text that is not UTF-8, and invisible control
  characters, whether typed or written by a backslash escape in double quotes (``"\\x00"``).
- **Every problem is reported**, each with file, line and column, in Chinese, with a hint.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.errors import Problem, ProblemsError
from drafter.input.files import read_limited

MAX_BYTES = 1_000_000
"""The largest file accepted, in bytes (a long speech's brief is under 50 kB)."""

MAX_DEPTH = 12
"""The deepest nesting of mappings and lists accepted (a brief needs 5)."""

Path = tuple[Any, ...]

_YAML_PREFIX = "tag:yaml.org,2002:"
_STANDARD_TAGS = {_YAML_PREFIX + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq",
                                             "omap", "set")}
_MERGE_TAG = _YAML_PREFIX + "merge"
_NULL_TEXT = {"", "~", "null", "Null", "NULL"}


@dataclass(eq=True)
class YamlDocument:
    """A loaded YAML file: its values and where each one stands.

    ``data`` is the top-level value; ``positions`` maps a path to the (line, column) of the value at
    that path, ``key_positions`` to the (line, column) of its key in the parent mapping; ``quoted``
    holds the paths of quoted scalars; ``digest`` is the SHA-256 (hex) of the file's bytes as
    :func:`load` read them ("" for :func:`loads`).
    """

    file: str
    data: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    quoted: set[Path] = field(default_factory=set)
    digest: str = ""

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path``, or of its nearest ancestor that exists (1, 1 for the file)."""
        table = self.key_positions if key else self.positions
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path, message: str, hint: str = "", *, key: bool = False) -> Problem:
        """A :class:`Problem` located at ``path``."""
        line, col = self.where(path, key=key)
        return Problem(self.file, line, col, message, hint)


# Internal (not a drafter.errors class): every caller re-raises the problems as its own file's ProblemsError.
class YamlProblems(Exception):
    """Raised by :func:`load` with every problem found; the caller wraps them in its own error."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


# Internal (not a drafter.errors class): caught in this module and reported as a Problem.
class _Refused(Exception):
    """Raised while composing: the file cannot be read further (an alias, nesting too deep)."""

    def __init__(self, mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _pos(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1, mark.column + 1


_KIND_TAGS = {ScalarNode: _YAML_PREFIX + "str", SequenceNode: _YAML_PREFIX + "seq", MappingNode: _YAML_PREFIX + "map"}

_TOO_DEEP = (f"嵌套超过 {MAX_DEPTH} 层", "简报的层次不会这么深，请检查缩进")


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader reading with libyaml (C), which PyYAML's wheels include; its own Python
parser where it was built without libyaml (ten times slower: about 130 ms for the phrase bank)."""

_BASES = (yaml.SafeLoader,) if _SAFE_LOADER is yaml.SafeLoader else (Composer, _SAFE_LOADER)
"""libyaml's loader composes in C, without the checks below: PyYAML's Python composer comes first."""


class SafeReader(*_BASES):  # type: ignore[misc]
    """drafter's one YAML reader: PyYAML's safe loader, whose events are composed into a node tree by
    PyYAML's composer, refusing aliases and nesting deeper than :data:`MAX_DEPTH` as it goes.
    Nothing is constructed from the tree (no tag can run code or build an object); :meth:`read`
    walks it into plain values, refusing explicit tags, merge keys, keys that are not names,
    duplicate keys and escaped control characters."""

    def __init__(self, text: str, file: str, *, allow_empty: bool = False) -> None:
        _SAFE_LOADER.__init__(self, text)
        self.allow_empty = allow_empty
        self.text = text
        Composer.__init__(self)
        self.file = file
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            raise _Refused(self.peek_event().start_mark, "不支持 YAML 别名（*名称）",
                           "简报里每一项都直接写出内容，不要用 & 锚点和 * 别名")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(self.peek_event().start_mark, *_TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def resolve(self, kind, value, implicit):  # type: ignore[override]
        # Every scalar stays text, so YAML 1.1's implicit types are never looked for: an untagged
        # node gets its kind's standard tag, and only a plain << is the merge key (refused in _build).
        if kind is ScalarNode and implicit[0] and value == "<<":
            return _MERGE_TAG
        return _KIND_TAGS[kind]

    def read(self) -> YamlDocument:
        """The document, or YamlProblems with everything wrong with it."""
        file = self.file
        try:
            node = self.get_single_node()
        except _Refused as err:
            raise YamlProblems([Problem(file, *_pos(err.mark), err.message, err.hint)]) from None
        except yaml.composer.ComposerError as err:
            if "expected a single document" in str(err):
                raise YamlProblems([Problem(file, *_pos(err.problem_mark), "文件里有多个 YAML 文档（--- 分隔）",
                                            "一个简报文件只写一份简报，删掉多余的 ---")]) from None
            raise YamlProblems([_translate(err, file)]) from None
        except yaml.MarkedYAMLError as err:
            if (err.problem or "").startswith(_LIBYAML_TOO_DEEP) and err.problem_mark is not None:
                # libyaml looks this far ahead before the composer meets the limit: read the text up
                # to here, where the composer refuses the node that is too deep, where it stands.
                SafeReader(_text_before(self.text, err.problem_mark), file).read()
            raise YamlProblems([_translate(err, file)]) from None
        finally:
            self.dispose()
        if node is None:
            if self.allow_empty:
                return YamlDocument(file, None)
            raise YamlProblems([Problem(file, 0, 0, "文件是空的", "用 drafter new 类型 生成一份简报，再填写内容")])
        doc = YamlDocument(file, None)
        problems: list[Problem] = []
        doc.data = _build(node, (), doc, problems)
        if problems:
            raise YamlProblems(problems)
        return doc


def _text_before(text: str, mark) -> str:
    """The part of ``text`` before ``mark``."""
    lines = text.split("\n")
    if mark.line >= len(lines):  # (lines ended by a lone CR)
        return text
    return "\n".join(lines[:mark.line] + [lines[mark.line][:mark.column]])


def _tag_refused(tag: str) -> tuple[str, str]:
    """The message and hint for a node with the explicit tag ``tag``."""
    if tag.startswith(_YAML_PREFIX):
        return f"不支持 YAML 标签 !!{tag[len(_YAML_PREFIX):]}", "简报里只写文字、列表和“键: 值”，删掉以 !! 开头的标签"
    return f"不支持 YAML 标签 {tag}", "删掉以 ! 开头的标签"


def _escaped_character(node: ScalarNode) -> tuple[str, str] | None:
    """The message and hint for a double-quoted scalar whose escapes wrote a character drafter
    refuses (a control character, half a surrogate pair …); None when it has none."""
    if node.style != '"':
        return None
    m = _BAD_CHARACTER.search(node.value)
    if m is None:
        return None
    o = ord(m.group())
    if 0xD800 <= o <= 0xDFFF:  # (libyaml refuses these escapes itself, with the same words)
        return _YAML_PROBLEMS["found invalid Unicode character escape code"]
    return (f"双引号里的反斜杠转义写出了不可见的控制字符 U+{o:04X}",
            "删掉这个以反斜杠开头的转义；要写反斜杠本身，改用单引号")


def _build(node: Node, path: Path, doc: YamlDocument, problems: list[Problem]) -> Any:
    """The plain value of ``node`` at ``path``, recording positions in ``doc`` and refusals in ``problems``."""
    doc.positions[path] = _pos(node)
    if node.tag not in _STANDARD_TAGS:
        problems.append(Problem(doc.file, *_pos(node), *_tag_refused(node.tag)))
        return None
    if isinstance(node, ScalarNode):
        if not node.style and node.value in _NULL_TEXT:
            return None
        if node.style:
            doc.quoted.add(path)
        bad = _escaped_character(node)
        if bad:
            problems.append(Problem(doc.file, *_pos(node), *bad))
            return None
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(child, path + (i,), doc, problems) for i, child in enumerate(node.value)]
    out: dict[str, Any] = {}
    assert isinstance(node, MappingNode)
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        line, col = _pos(key_node)
        if not isinstance(key_node, ScalarNode):
            problems.append(Problem(doc.file, line, col, "键必须是一个简单的名字", "写成“名字: 值”"))
            continue
        if key_node.tag == _MERGE_TAG:
            problems.append(Problem(doc.file, line, col, "不支持 YAML 合并键 <<", "直接写出每一项"))
            continue
        if key_node.tag not in _STANDARD_TAGS:
            problems.append(Problem(doc.file, line, col, *_tag_refused(key_node.tag)))
            continue
        bad = _escaped_character(key_node)
        if bad:
            problems.append(Problem(doc.file, line, col, *bad))
            continue
        key = key_node.value
        if key in first_seen:
            problems.append(Problem(doc.file, line, col, f"重复的键 “{key}”（第一次出现在第 {first_seen[key]} 行）",
                                    "一个键只能写一次；删掉或合并其中一处"))
            continue
        first_seen[key] = line
        sub = path + (key,)
        doc.key_positions[sub] = (line, col)
        out[key] = _build(value_node, sub, doc, problems)
    return out


def decode(raw: bytes, file: str) -> str:
    """Decode a writer's file as UTF-8 (a BOM is allowed), or raise YamlProblems saying what it is."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        raise YamlProblems([Problem(file, 0, 0, "文件是 UTF-16 编码，drafter 只读 UTF-8",
                                    "在编辑器中“另存为”，编码选 UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if b"\x00" in raw:  # not text at all: a picture, a program, a Word file …
            raise YamlProblems([Problem(file, 0, 0, "这不是文本文件：里面有二进制数据",
                                        "检查是不是选错了文件；YAML 文件要用记事本等文本编辑器编写")]) from None
        line = raw.count(b"\n", 0, err.start) + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = "（看起来是 GBK/GB2312 编码）"
        except UnicodeDecodeError:
            pass
        raise YamlProblems([Problem(file, line, col, f"文件不是 UTF-8 编码{guess}",
                                    "在编辑器中“另存为”，编码选 UTF-8（记事本选“UTF-8”，WPS 选“Unicode (UTF-8)”）")]) from err


_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")
"""The characters refused in a file: C0/C1 controls other than tab and line ends, surrogates,
U+FFFE/U+FFFF and the Unicode line and paragraph separators."""


def _check_characters(text: str, file: str) -> list[Problem]:
    """The first refused character of each line (at most 20 lines), where it stands."""
    problems = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = _BAD_CHARACTER.search(line)
        if m:
            problems.append(Problem(file, n, m.start() + 1, f"文件里有不可见的控制字符 U+{ord(m.group()):04X}",
                                    "多半是从别处复制来的，删掉这个字符（可在编辑器里显示不可见字符）"))
            if len(problems) >= 20:
                break
    return problems


def _check_tabs(text: str, file: str) -> list[Problem]:
    if "\t" not in text:
        return []
    problems = []
    for n, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(file, n, indent.index("\t") + 1, "用了 Tab 键缩进，YAML 只认空格",
                                    "把行首的 Tab 换成空格（每层两个空格）"))
    return problems


_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"

# PyYAML's and libyaml's words for a syntax error (after _plain_problem) → (message, hint)
_YAML_PROBLEMS = {
    "found character '\\t'": ("这里有 Tab 字符，YAML 只认空格", "把 Tab 换成空格"),
    "found a tab character": ("这里有 Tab 字符，YAML 只认空格", "把 Tab 换成空格"),
    "mapping values are not allowed": ("这里不能出现冒号“: ”",
                                       "值里含有英文冒号加空格时，请给整个值加上引号，或改用中文冒号“：”"),
    "could not find expected ':'": ("缺少“键: 值”中的英文冒号", "每一项写成“键: 值”，冒号后面加一个空格"),
    "expected key": ("缩进不整齐，找不到下一项的键", "同一层的各项要左对齐，用空格缩进"),
    "expected '-' indicator": ("列表项缩进不整齐", "同一个列表里的“- ”要左对齐"),
    "found undefined tag handle": ("不支持 YAML 标签", "删除以 ! 开头的标签"),
    "found unexpected end of stream": ("文件意外结束（引号或括号没有闭合）", "检查最后一个值的引号是否成对"),
    "expected ',' or ']'": ("方括号 [ ] 没有闭合", "检查这一项的 [ 和 ] 是否成对，或给整个值加上引号"),
    "expected ',' or '}'": ("花括号 { } 没有闭合", "检查这一项的 { 和 } 是否成对，或给整个值加上引号"),
    "expected node content": ("这里少了一个值（括号没有闭合？）", "检查这一项的 [ ] 和 { } 是否成对，或给整个值加上引号"),
    "found unknown escape character": ("双引号里有无效的反斜杠转义", "改用单引号，或去掉反斜杠"),
    "found invalid Unicode character escape code": ("双引号里的 \\u 转义写出的不是一个完整的字符",
                                                    "直接写出这个字符，不要用反斜杠转义"),
    "expected alphabetic or numeric character": ("锚点或别名写法不对", "简报里不要用 & 和 *"),
    "found character that cannot start any token": ("这里有 YAML 不允许开头的字符（如 @ 或 `）",
                                                    "给整个值加上引号"),
    _LIBYAML_TOO_DEEP: _TOO_DEEP,
}


def _plain_problem(problem: str) -> str:
    """A syntax error's words as both parsers say them: libyaml's «did not find expected …» is
    PyYAML's «expected …»; a quoted character (PyYAML's «found character '@' …») is left out,
    but for a tab."""
    problem = problem.strip().removeprefix("did not find ")
    return problem if problem.startswith("found character '\\t'") else re.sub(r"^found character '.' ", "found character ", problem)


def _translate(err: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = _pos(mark) if mark else (0, 0)
    problem = _plain_problem(err.problem or "")
    for key, (msg, hint) in _YAML_PROBLEMS.items():
        if problem.startswith(key):
            return Problem(file, line, col, msg, hint)
    return Problem(file, line, col, f"YAML 格式错误：{problem}", "检查这一行的缩进、冒号和引号")


def load(path: str | os.PathLike, *, display_name: str | None = None, what: str = "YAML", limit: int = MAX_BYTES,
         missing_hint: str = "", large_hint: str = "", allow_empty: bool = False) -> YamlDocument:
    """Read and parse a YAML file. Raises :class:`YamlProblems` listing everything wrong with it.

    The file is read once, with :func:`drafter.input.files.read_limited` (regular files only, at most
    ``limit`` bytes, :data:`MAX_BYTES` unless said); ``what``, ``missing_hint`` and ``large_hint`` are
    passed to it. ``display_name`` is how the file is named in messages (default: the path as given).
    With ``allow_empty`` a file with no value (empty, or only comments) gives ``data`` None instead
    of a problem.
    """
    file = display_name or os.fspath(path)
    try:
        raw = read_limited(path, limit=limit, what=what, name=file, missing_hint=missing_hint,
                           large_hint=large_hint)
    except ProblemsError as err:
        raise YamlProblems(err.problems) from None
    doc = loads(decode(raw, file), file, allow_empty=allow_empty)
    doc.digest = hashlib.sha256(raw).hexdigest()
    return doc


def loads(text: str, file: str = "<string>", *, allow_empty: bool = False) -> YamlDocument:
    """Parse YAML text (see :func:`load`)."""
    problems = _check_characters(text, file) + _check_tabs(text, file)
    if problems:
        raise YamlProblems(problems)
    return SafeReader(text, file, allow_empty=allow_empty).read()
