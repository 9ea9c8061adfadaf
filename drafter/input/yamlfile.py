"""Reading a writer's YAML file safely, remembering where every value stands.

:func:`load` turns a YAML file into plain Python values (dicts, lists, strings, None) and a map from
each value's path (``("opinions", "items", 0, "heading")``) to its 1-based line and column, so that
every later message can say ``brief.yaml:12:5``.

Deliberate choices, because the files are written by hand by people who are not programmers:

- **Scalars stay text.** YAML 1.1 reads a bare ``no`` as false, ``2026-02-15`` as a date object and
  ``1.10`` as 1.1. Here every scalar is kept as the exact text the writer typed; the brief schema
  decides what a field's text means (a date, a number, yes/no). Only an unquoted empty value, ``~``
  or ``null`` becomes None.
- **Refused:** duplicate keys, anchors and aliases (``&a`` / ``*a``: no brief needs them, and they
  make "billion laughs" bombs), explicit tags (``!!python/object`` …), nesting deeper than
  :data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES`, and text that is not UTF-8.
- **Every problem is reported**, each with file, line and column, in Chinese, with a hint.
"""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

import yaml
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent,
                         SequenceEndEvent, SequenceStartEvent, StreamEndEvent)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from drafter.errors import Problem, ProblemsError
from drafter.input.files import read_limited

MAX_BYTES = 1_000_000
"""The largest file accepted, in bytes (a long speech's brief is under 50 kB)."""

MAX_DEPTH = 12
"""The deepest nesting of mappings and lists accepted (a brief needs 5)."""

Path = tuple[Any, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "omap", "set")
}
_NULL_TEXT = {"", "~", "null", "Null", "NULL"}


class YamlDocument:
    """A loaded YAML file: its values and where each one stands.

    ``data`` is the top-level value; ``positions`` maps a path to the (line, column) of the value at
    that path, ``key_positions`` to the (line, column) of its key in the parent mapping; ``quoted``
    holds the paths of quoted scalars. (A plain class: a dataclass costs a millisecond at import.)
    """

    __slots__ = ("file", "data", "positions", "key_positions", "quoted", "digest")

    def __init__(self, file: str, data: Any, positions: dict[Path, tuple[int, int]] | None = None,
                 key_positions: dict[Path, tuple[int, int]] | None = None, quoted: set[Path] | None = None) -> None:
        self.file = file
        self.data = data
        self.positions: dict[Path, tuple[int, int]] = {} if positions is None else positions
        self.key_positions: dict[Path, tuple[int, int]] = {} if key_positions is None else key_positions
        self.quoted: set[Path] = set() if quoted is None else quoted
        self.digest = ""
        """The SHA-256 (hex) of the file's bytes, as read by :func:`load` ("" for :func:`loads`)."""

    def _fields(self) -> tuple:
        return (self.file, self.data, self.positions, self.key_positions, self.quoted)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment] - mutable

    def __repr__(self) -> str:
        return (f"YamlDocument(file={self.file!r}, data={self.data!r}, positions={self.positions!r}, "
                f"key_positions={self.key_positions!r}, quoted={self.quoted!r})")

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


class YamlProblems(Exception):
    """Raised by :func:`load` with every problem found; the caller wraps them in its own error."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and limits nesting while composing."""

    def __init__(self, stream: str, file: str) -> None:
        super().__init__(stream)
        self._file = file
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _Refused(event.start_mark, "不支持 YAML 别名（*名称）",
                           "简报里每一项都直接写出内容，不要用 & 锚点和 * 别名")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(self.peek_event().start_mark, *_TOO_DEEP)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Refused(Exception):
    def __init__(self, mark, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


def _pos(node_or_mark) -> tuple[int, int]:
    mark = getattr(node_or_mark, "start_mark", node_or_mark)
    return mark.line + 1, mark.column + 1


# What drafter refuses in a file YAML itself accepts, as (message, hint): one wording for the Python
# loader's path (_Loader, _build) and libyaml's (_EventReader), which must say the same things.
_TOO_DEEP = (f"嵌套超过 {MAX_DEPTH} 层", "简报的层次不会这么深，请检查缩进")
_KEY_NOT_A_NAME = ("键必须是一个简单的名字", "写成“名字: 值”")
_MERGE_KEY = ("不支持 YAML 合并键 <<", "直接写出每一项")
_YAML_PREFIX = "tag:yaml.org,2002:"


def _tag_refused(tag: str) -> tuple[str, str]:
    """The message and hint for a node with the explicit tag ``tag``."""
    if tag.startswith(_YAML_PREFIX):
        return f"不支持 YAML 标签 !!{tag[len(_YAML_PREFIX):]}", "简报里只写文字、列表和“键: 值”，删掉以 !! 开头的标签"
    return f"不支持 YAML 标签 {tag}", "删掉以 ! 开头的标签"


def _duplicate_key(key: str, first_line: int) -> tuple[str, str]:
    """The message and hint for a key written a second time (first on line ``first_line``)."""
    return f"重复的键 “{key}”（第一次出现在第 {first_line} 行）", "一个键只能写一次；删掉或合并其中一处"


def decode(raw: bytes, file: str) -> str:
    """Decode a writer's file as UTF-8 (a BOM is allowed), or raise YamlProblems saying what it is."""
    if raw.startswith(b"\xff\xfe") or raw.startswith(b"\xfe\xff"):
        raise YamlProblems([Problem(file, 0, 0, "文件是 UTF-16 编码，drafter 只读 UTF-8",
                                    "在编辑器中“另存为”，编码选 UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
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


_BAD_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
"""(Compiled at the first use: it is needed only when libyaml has not read a file, see :func:`_loads`.)"""
_BAD_SPECIAL = ("\ufffe", "\uffff", "\u2028", "\u2029")


def _has_bad_character(text: str) -> bool:
    """Whether ``text`` has a character :func:`_check_characters` reports: a C0/C1 control other than
    tab and line ends, a surrogate, U+FFFE/U+FFFF or a line/paragraph separator. (Tested piecewise:
    one class of them all takes a millisecond to compile.)"""
    if re.search(_BAD_CONTROL, text) or any(ch in text for ch in _BAD_SPECIAL):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # only a lone surrogate cannot be encoded
        return True
    return False


def _check_characters(text: str, file: str) -> list[Problem]:
    if not _has_bad_character(text):
        return []
    problems = []
    for n, line in enumerate(text.split("\n"), start=1):
        for c_i, ch in enumerate(line, start=1):
            o = ord(ch)
            if (o < 0x20 and ch not in "\t\r") or 0x7F <= o <= 0x9F or 0xD800 <= o <= 0xDFFF or o in (0xFFFE, 0xFFFF, 0x2028, 0x2029):
                problems.append(Problem(file, n, c_i, f"文件里有不可见的控制字符 U+{o:04X}",
                                        "多半是从别处复制来的，删掉这个字符（可在编辑器里显示不可见字符）"))
                break
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


_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": ("这里有 Tab 字符，YAML 只认空格", "把 Tab 换成空格"),
    "mapping values are not allowed here": ("这里不能出现冒号“: ”",
                                            "值里含有英文冒号加空格时，请给整个值加上引号，或改用中文冒号“：”"),
    "could not find expected ':'": ("缺少“键: 值”中的英文冒号", "每一项写成“键: 值”，冒号后面加一个空格"),
    "did not find expected key": ("缩进不整齐，找不到下一项的键", "同一层的各项要左对齐，用空格缩进"),
    "did not find expected '-' indicator": ("列表项缩进不整齐", "同一个列表里的“- ”要左对齐"),
    "found undefined tag handle": ("不支持 YAML 标签", "删除以 ! 开头的标签"),
    "found unexpected end of stream": ("文件意外结束（引号或括号没有闭合）", "检查最后一个值的引号是否成对"),
    "expected ',' or ']'": ("方括号 [ ] 没有闭合", "检查这一项的 [ 和 ] 是否成对，或给整个值加上引号"),
    "expected ',' or '}'": ("花括号 { } 没有闭合", "检查这一项的 { 和 } 是否成对，或给整个值加上引号"),
    "found unknown escape character": ("双引号里有无效的反斜杠转义", "改用单引号，或去掉反斜杠"),
    "expected alphabetic or numeric character, but found": ("锚点或别名写法不对", "简报里不要用 & 和 *"),
    "found character that cannot start any token": ("这里有 YAML 不允许开头的字符（如 @ 或 `）",
                                                    "给整个值加上引号"),
}


def _translate(err: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = err.problem_mark or err.context_mark
    line, col = _pos(mark) if mark else (0, 0)
    problem = (err.problem or "").strip()
    for key, (msg, hint) in _YAML_PROBLEMS.items():
        if problem.startswith(key):
            return Problem(file, line, col, msg, hint)
    if isinstance(err, yaml.reader.ReaderError):  # pragma: no cover - caught earlier by _check_characters
        return Problem(file, line, col, "文件里有不能出现的字符", "删掉这个字符")
    return Problem(file, line, col, f"YAML 格式错误：{problem}", "检查这一行的缩进、冒号和引号")


def load(path: str | os.PathLike, *, display_name: str | None = None, what: str = "YAML",
         missing_hint: str = "", large_hint: str = "") -> YamlDocument:
    """Read and parse a YAML file. Raises :class:`YamlProblems` listing everything wrong with it.

    The file is read once, with :func:`drafter.input.files.read_limited` (regular files only, at most
    :data:`MAX_BYTES`); ``what``, ``missing_hint`` and ``large_hint`` are passed to it.
    ``display_name`` is how the file is named in messages (default: the path as given). The
    document's ``digest`` is the SHA-256 of the bytes read.
    """
    file = display_name or os.fspath(path)
    try:
        raw = read_limited(path, limit=MAX_BYTES, what=what, name=file, missing_hint=missing_hint,
                           large_hint=large_hint)
    except ProblemsError as err:
        raise YamlProblems(err.problems) from None
    text = decode(raw, file)
    doc = _loads(text, raw[len(_UTF8_BOM):] if raw.startswith(_UTF8_BOM) else raw, file)  # (the text as UTF-8)
    doc.digest = hashlib.sha256(raw).hexdigest()
    return doc


_UTF8_BOM = b"\xef\xbb\xbf"
_FAST_MAX_BRACKETS = 6
_MERGE_TAG = "tag:yaml.org,2002:merge"
_DEEP_INDENT = b" " * (2 * MAX_DEPTH + 1)
_NOT_BRACKETS = bytes(range(256)).translate(None, b"[]{}")
_LIBYAML_ALLOWS = ("\x85", "\u2028", "\u2029")
"""The characters :func:`_check_characters` reports that libyaml's reader accepts (it refuses the others)."""


def loads(text: str, file: str = "<string>") -> YamlDocument:
    """Parse YAML text (see :func:`load`)."""
    return _loads(text, None, file)


def _loads(text: str, source: bytes | None, file: str) -> YamlDocument:
    """Parse ``text``; ``source`` is the same text in UTF-8 if the caller has it (None: encoded here).

    The character check, a tenth of the work for a long brief, is left out when libyaml reads the
    whole text: its reader refuses every character :func:`_check_characters` reports except
    :data:`_LIBYAML_ALLOWS`, which are looked for here. Tabs are looked for first, as ever.
    """
    tab_problems = _check_tabs(text, file)
    if not tab_problems and not any(ch in text for ch in _LIBYAML_ALLOWS):
        doc = _fast_load(text, source, file)
        if doc is not None:
            return doc
    problems = _check_characters(text, file) + tab_problems
    if problems:
        raise YamlProblems(problems)
    return _python_load(text, file)


def _python_load(text: str, file: str) -> YamlDocument:
    """Parse checked ``text`` with PyYAML's Python loader, which refuses aliases and deep nesting as
    it goes, and translate its errors."""
    loader = _Loader(text, file)
    try:
        node = loader.get_single_node()
    except _Refused as err:
        raise YamlProblems([Problem(file, *_pos(err.mark), err.message, err.hint)]) from None
    except yaml.composer.ComposerError as err:
        if "expected a single document" in str(err):
            raise YamlProblems([Problem(file, *_pos(err.problem_mark), "文件里有多个 YAML 文档（--- 分隔）",
                                        "一个简报文件只写一份简报，删掉多余的 ---")]) from None
        raise YamlProblems([_translate(err, file)]) from None
    except yaml.MarkedYAMLError as err:
        raise YamlProblems([_translate(err, file)]) from None
    except RecursionError:
        raise YamlProblems([Problem(file, 0, 0, "嵌套太深，无法读取", "检查缩进")]) from None
    finally:
        loader.dispose()
    return _document(node, file)


def _fast_load(text: str, source: bytes | None, file: str) -> YamlDocument | None:
    """The document read with libyaml (C) when that is safe and libyaml reads the text; None means
    "use the Python loader". Raises :class:`YamlProblems` for what drafter refuses in a file
    libyaml reads. ``source`` is ``text`` in UTF-8, what libyaml reads (None: encoded here).

    Used only for text with no ``&`` (no anchor: then an alias ``*x``, which can only name an anchor,
    is a mistake the Python loader refuses with drafter's message; a ``*`` of ``**bold**`` is
    harmless) and with shallow brackets and indentation (nearly every brief and bank file); any
    error is left to the Python loader, whose messages drafter translates.
    """
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    if source is None:
        try:
            source = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, which _check_characters reports
            return None
    if not _suits_libyaml(source):
        return None
    return _EventReader(source, file).read()


def _suits_libyaml(source: bytes) -> bool:
    """Whether ``source`` (UTF-8) has no ``&``, brackets at most :data:`_FAST_MAX_BRACKETS` deep and
    no line indented deeper than :data:`MAX_DEPTH` levels could need. Works on the bytes, where
    looking for one byte is a C ``memchr``: these characters are ASCII, and no other character's
    UTF-8 has their bytes."""
    if b"&" in source or source.startswith(_DEEP_INDENT) or b"\n" + _DEEP_INDENT in source:
        return False
    if b"[" not in source and b"{" not in source:
        return True  # (nearly every brief)
    depth = deepest = 0
    for byte in source.translate(None, _NOT_BRACKETS):
        if byte == 0x5B or byte == 0x7B:  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest <= _FAST_MAX_BRACKETS


class _Unsafe(Exception):
    """The events hold an alias, or more than one document: left to the Python loader."""


class _TooDeep(Exception):
    def __init__(self, mark) -> None:
        super().__init__()
        self.mark = mark


class _EventReader:
    """Builds a document straight from libyaml's parse events, as :func:`_build` does from nodes.

    libyaml's composer calls the resolver, in Python, three times per node, and builds a tree that
    :func:`_build` walks once and drops; taking the values as the events come is about half the
    work. The values, positions, problems and refusals are exactly those of :func:`_build` on the
    tree libyaml would compose with drafter's resolver (an untagged node gets its kind's standard
    tag, but a plain ``<<`` is the merge key): the subtree of a refused key or tag is skipped
    unseen, and nesting deeper than :data:`MAX_DEPTH` is refused at the same node, once libyaml has
    read the rest of the file without an error or an alias (which leave it to the Python loader).
    """

    __slots__ = ("get", "file", "positions", "key_positions", "quoted", "problems")

    def __init__(self, source: bytes, file: str) -> None:
        self.get = yaml.cyaml.CParser(source).get_event
        self.file = file
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self.quoted: set[Path] = set()
        self.problems: list[Problem] = []

    def read(self) -> YamlDocument | None:
        """The document, or None when the Python loader must read the file. Raises YamlProblems."""
        get = self.get
        try:
            get()  # StreamStartEvent
            if type(get()) is not DocumentStartEvent:
                return None  # an empty file: the Python loader says so
            try:
                data = self.node(get(), (), 0)
            except _TooDeep as err:
                self.drain()
                raise YamlProblems([Problem(self.file, *_pos(err.mark), *_TOO_DEEP)]) from None
            get()  # DocumentEndEvent
            if type(get()) is not StreamEndEvent:
                return None  # another document
        except (yaml.YAMLError, _Unsafe):
            return None
        if self.problems:
            raise YamlProblems(self.problems)
        return YamlDocument(self.file, data, self.positions, self.key_positions, self.quoted)

    def drain(self) -> None:
        """Read the rest of the stream; raise _Unsafe (or libyaml's error) where composing would fail."""
        get = self.get
        while True:
            kind = type(get())
            if kind is StreamEndEvent:
                return
            if kind is AliasEvent or kind is DocumentStartEvent:
                raise _Unsafe

    def skip(self, event) -> None:
        """Read past the node that starts with ``event``, unseen (its key or tag was refused)."""
        kind = type(event)
        if kind is ScalarEvent:
            return
        if kind is AliasEvent:
            raise _Unsafe
        get = self.get
        level = 1
        while level:
            kind = type(get())
            if kind is MappingStartEvent or kind is SequenceStartEvent:
                level += 1
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                level -= 1
            elif kind is AliasEvent:
                raise _Unsafe

    def refuse_tag(self, tag: str, mark) -> None:
        self.problems.append(Problem(self.file, *_pos(mark), *_tag_refused(tag)))

    def node(self, event, path: Path, depth: int) -> Any:
        """The value of the node that starts with ``event``, at ``path`` (``depth`` is its length)."""
        kind = type(event)
        if kind is AliasEvent:
            raise _Unsafe
        if depth >= MAX_DEPTH:
            raise _TooDeep(event.start_mark)
        mark = event.start_mark
        self.positions[path] = (mark.line + 1, mark.column + 1)
        tag = event.tag
        if kind is ScalarEvent:
            value = event.value
            if tag is None or tag == "!":  # resolved as libyaml's composer does: only a plain << is special
                if value == "<<" and event.implicit[0]:
                    self.refuse_tag(_MERGE_TAG, mark)
                    return None
            elif tag not in _STANDARD_TAGS:
                self.refuse_tag(tag, mark)
                return None
            if event.style:
                self.quoted.add(path)
                return value
            return None if len(value) < 5 and value in _NULL_TEXT else value
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            self.refuse_tag(tag, mark)
            self.skip(event)
            return None
        if kind is SequenceStartEvent:
            return self.sequence(path, depth + 1)
        return self.mapping(path, depth + 1)

    def sequence(self, path: Path, depth: int) -> list:
        """A sequence's items, ``depth`` being the length of their paths."""
        get, node = self.get, self.node
        out = []
        i = 0
        while True:
            event = get()
            if type(event) is SequenceEndEvent:
                return out
            out.append(node(event, path + (i,), depth))
            i += 1

    def mapping(self, path: Path, depth: int) -> dict:
        """A mapping's keys and values, ``depth`` being the length of their paths.

        An untagged key, and a value that is an untagged scalar (most of a brief), are taken here
        with the fewest steps; anything else goes through :meth:`refused_key` or :meth:`node`."""
        get, node, positions, key_positions, quoted = self.get, self.node, self.positions, self.key_positions, self.quoted
        out: dict[str, Any] = {}
        if depth >= MAX_DEPTH:
            self.too_deep_key(get())
            return out
        while True:
            event = get()
            if type(event) is not ScalarEvent or event.tag is not None or event.value == "<<":
                if type(event) is MappingEndEvent:
                    return out
                if self.refused_key(event):
                    continue
            key = event.value
            sub = path + (key,)
            if key in out:
                self.problems.append(Problem(self.file, *_pos(event.start_mark),
                                             *_duplicate_key(key, key_positions[sub][0])))
                self.skip(get())
                continue
            mark = event.start_mark
            key_positions[sub] = (mark.line + 1, mark.column + 1)
            event = get()
            if type(event) is ScalarEvent and event.tag is None and event.value != "<<":
                mark = event.start_mark
                positions[sub] = (mark.line + 1, mark.column + 1)
                value = event.value
                if event.style:
                    quoted.add(sub)
                    out[key] = value
                else:  # (the length first: hashing a paragraph of text to look it up costs more than the rest)
                    out[key] = None if len(value) < 5 and value in _NULL_TEXT else value
            else:
                out[key] = node(event, sub, depth)

    def too_deep_key(self, event) -> None:
        """A mapping whose entries would be too deep: refused at its first key, if it has one."""
        kind = type(event)
        if kind is AliasEvent:
            raise _Unsafe
        if kind is not MappingEndEvent:
            raise _TooDeep(event.start_mark)

    def refused_key(self, event) -> bool:
        """Whether the key that starts with ``event`` is refused (then it and its value are read past):
        a collection, a merge key ``<<``. (An alias is left to the Python loader.)"""
        kind = type(event)
        if kind is AliasEvent:
            raise _Unsafe
        if kind is not ScalarEvent:
            self.problems.append(Problem(self.file, *_pos(event.start_mark), *_KEY_NOT_A_NAME))
            self.skip(event)
            self.skip(self.get())
            return True
        tag = event.tag
        if (event.value == "<<" and event.implicit[0]) if tag is None or tag == "!" else tag == _MERGE_TAG:
            self.problems.append(Problem(self.file, *_pos(event.start_mark), *_MERGE_KEY))
            self.skip(self.get())
            return True
        return False


def _document(node: Node | None, file: str) -> YamlDocument:
    doc = YamlDocument(file, None)
    if node is None:
        raise YamlProblems([Problem(file, 0, 0, "文件是空的", "用 drafter new 类型 生成一份简报，再填写内容")])
    problems = []
    try:
        doc.data = _build(node, (), doc, problems)
    except _Refused as err:  # too deep: the same single problem the Python loader raises while composing
        raise YamlProblems([Problem(file, *_pos(err.mark), err.message, err.hint)]) from None
    if problems:
        raise YamlProblems(problems)
    return doc


def _too_deep(node: Node) -> _Refused:
    return _Refused(node.start_mark, *_TOO_DEEP)


def _build(node: Node, path: Path, doc: YamlDocument, problems: list[Problem]) -> Any:
    # The Python loader refuses a node (key or value) deeper than MAX_DEPTH while composing; a tree
    # composed by libyaml is refused here at the same node, so both paths accept the same files.
    if len(path) >= MAX_DEPTH:
        raise _too_deep(node)
    mark = node.start_mark
    doc.positions[path] = (mark.line + 1, mark.column + 1)
    tag = node.tag
    if tag not in _STANDARD_TAGS:
        problems.append(Problem(doc.file, *_pos(node), *_tag_refused(tag)))
        return None
    if isinstance(node, ScalarNode):
        if not node.style and node.value in _NULL_TEXT:  # plain style: None from PyYAML, "" from libyaml
            return None
        if node.style:
            doc.quoted.add(path)
        return node.value
    if isinstance(node, SequenceNode):
        return [_build(child, path + (i,), doc, problems) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if len(path) + 1 >= MAX_DEPTH:
                raise _too_deep(key_node)
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(doc.file, *_pos(key_node), *_KEY_NOT_A_NAME))
                continue
            if key_node.tag == _MERGE_TAG:
                problems.append(Problem(doc.file, *_pos(key_node), *_MERGE_KEY))
                continue
            key = key_node.value
            if key in first_seen:
                problems.append(Problem(doc.file, *_pos(key_node), *_duplicate_key(key, first_seen[key])))
                continue
            key_mark = key_node.start_mark
            first_seen[key] = key_mark.line + 1
            sub = path + (key,)
            doc.key_positions[sub] = (key_mark.line + 1, key_mark.column + 1)
            out[key] = _build(value_node, sub, doc, problems)
        return out
    return None  # pragma: no cover - PyYAML has no other node kinds
