"""Adding, editing and removing phrase-bank entries in place, touching nothing else in the file.

Every operation works on the text of one bank file: it finds the lines of the entry (from its
``- id:`` line to its last indented line, trailing blank lines and outdented comments excluded),
round-trips *only those lines* through ruamel.yaml (so the entry's own comments, key order and
quoting survive), and splices the result back. Every other line of the file stays byte-identical.

Safety:

- The new text is read back with :func:`drafter.compose.phrasebank.read_text` before it is written; an edit
  that would break the file is refused and nothing is written.
- Writes are atomic, through drafter's one writer (:func:`drafter.output.files.write_atomic`). A bank
  file that is a symbolic link is edited through the link (the file it points to changes, the link
  stays), and a file that starts with a UTF-8 BOM keeps it.
- Two writers cannot lose each other's change: each operation holds an exclusive lock (``flock``) on
  ``.<name>.yaml.lock`` beside the file, waiting up to ``lock_timeout`` seconds. The operating system
  releases the lock when its holder exits, however it exits, so a writer killed mid-edit leaves no lock
  to take over; the lock file itself stays (hidden, empty). The file's SHA-256 is also compared right
  before the replace with the one the change was computed from (for ``$EDITOR`` sessions, with the one
  read before the editor opened): a writer that ignores the lock is caught too. A mismatch refuses
  the write with :class:`ConcurrentEditError`.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from drafter.compose.phrasebank import read_text
from drafter.compose.phrasebank.layers import inside
from drafter.errors import BankEditError, ConcurrentEditError, ProblemsError, message
from drafter.input.values import parse_date
from drafter.output.files import real_target, write_atomic

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None
    import msvcrt

KEY_ORDER = ("id", "slot", "text", "tags", "valid_from", "valid_until", "replaced_by", "note", "disabled")
"""The order keys are written in when an entry is created or a key is added."""

LOCK_TIMEOUT = 10.0
"""Seconds to wait for another writer's lock before giving up."""

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Span:
    """Where one entry stands in a file: lines ``start`` to ``end`` (0-based, end exclusive), the
    column of its ``-`` and the column its keys are indented to."""

    id: str
    slot: str
    start: int
    end: int
    dash_col: int
    key_col: int


def sha256(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def round_trip_yaml(indent: tuple[int, int, int] = (2, 2, 0)) -> YAML:
    """ruamel.yaml's round trip as drafter edits a writer's YAML file: quotes kept, Chinese written as is,
    no line folded, indented (mapping, sequence, offset) as ``indent`` says."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.allow_unicode = True
    y.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return y


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def locate(text: str, file: str = "") -> list[Span]:
    """The span of every entry of a bank file's text (a block-style YAML list of mappings)."""
    if not text.strip():
        return []
    try:
        data = round_trip_yaml().load(text)
    except YAMLError as err:
        raise BankEditError(message(f"词库文件不是合法的 YAML，无法修改（{err}）", where=file, hint="先用 drafter phrases check 找出问题并改正")) from None
    if data is None:
        return []
    if not isinstance(data, CommentedSeq) or data.fa.flow_style():
        raise BankEditError(message("词库文件应是块格式的条目列表（每条以“- id:”开头），无法修改", where=file))
    lines = text.splitlines(keepends=True)
    starts = []
    for i, item in enumerate(data):
        if not isinstance(item, CommentedMap):
            raise BankEditError(message("这一项不是条目（“键: 值”的集合），无法修改", where=f"{file}:{data.lc.item(i)[0] + 1}"))
        line, col = data.lc.item(i)
        dash = lines[line].rfind("-", 0, col + 1) if line < len(lines) else -1
        if dash < 0:
            raise BankEditError(message("找不到这一条目的“- ”，无法修改", where=f"{file}:{line + 1}"))
        starts.append((line, dash, col, item))
    spans = []
    for n, (line, dash, col, item) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        while end > line + 1:
            prev = lines[end - 1]
            if not prev.strip() or (prev.lstrip().startswith("#") and _indent(prev) <= dash):
                end -= 1
            else:
                break
        eid, slot = item.get("id"), item.get("slot")
        spans.append(Span(str(eid) if eid is not None else "", str(slot) if slot is not None else "",
                          line, end, dash, col))
    return spans


def _to_yaml_value(key: str, value: object):
    if key in ("valid_from", "valid_until") and isinstance(value, str):
        try:
            return parse_date(value)
        except ValueError:
            raise BankEditError(message(f"{key} “{value}” 不是日期", hint="日期写成 YYYY-MM-DD，如 2023-01-08")) from None
    if key == "tags":
        seq = CommentedSeq(list(value) if not isinstance(value, str) else [value])
        seq.fa.set_flow_style()
        return seq
    if key == "disabled":
        return bool(value)
    return value


def _apply(mapping, changes: Mapping[str, object | None]) -> None:
    for key, value in changes.items():
        if key not in KEY_ORDER:
            raise BankEditError(message(f"未知的键 “{key}”", hint="可用的键：") + "、".join(KEY_ORDER))
        if value is None or value == "" or value == []:
            if key in ("id", "slot", "text"):
                raise BankEditError(message(f"{key} 不能为空"))
            if key in mapping:
                del mapping[key]
            continue
        v = _to_yaml_value(key, value)
        if key in mapping:
            mapping[key] = v
        else:
            pos = 0
            for k in KEY_ORDER[: KEY_ORDER.index(key)]:
                if k in mapping:
                    pos = list(mapping.keys()).index(k) + 1
            mapping.insert(pos, key, v)


def _dump_block(mapping, dash_col: int, key_col: int) -> str:
    y = round_trip_yaml((2, max(2, key_col - dash_col), 0))
    buf = io.StringIO()
    y.dump(CommentedSeq([mapping]), buf)
    pad = " " * dash_col
    return "".join(pad + ln if ln.strip() else ln for ln in buf.getvalue().splitlines(keepends=True))


def new_block(fields: Mapping[str, object], dash_col: int = 0, key_col: int = 2) -> str:
    """The YAML lines of a new entry (keys in :data:`KEY_ORDER`, tags in flow style, dates plain)."""
    m = CommentedMap()
    _apply(m, {k: fields[k] for k in KEY_ORDER if fields.get(k) not in (None, "", [])})
    return _dump_block(m, dash_col, key_col)


def _edited_block(lines: list[str], span: Span, changes: Mapping[str, object | None]) -> str:
    block = "".join(ln[span.dash_col:] if ln[: span.dash_col].strip() == "" else ln for ln in lines[span.start:span.end])
    data = round_trip_yaml().load(block)
    _apply(data[0], changes)
    return _dump_block(data[0], span.dash_col, span.key_col)


# --------------------------------------------------------------------------------------------------
# Locking and writing
# --------------------------------------------------------------------------------------------------


def lock_path(path: Path) -> Path:
    """The lock file of a bank file: ``.<name>.lock`` in the same folder."""
    return path.with_name(f".{path.name}.lock")


def _try_lock(fd: int) -> bool:
    """Take the exclusive lock on the open lock file ``fd`` if nobody holds it."""
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of bank file ``path`` (waiting up to ``timeout`` seconds for another writer)."""
    lock = lock_path(path)
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileNotFoundError:
        raise BankEditError(message("词库文件夹不存在", where=path, hint="先建好文件夹，或检查 --bank 的路径")) from None
    except OSError as err:
        raise BankEditError(message(f"无法建立锁文件（{err.strerror}），未做任何修改", where=lock, hint="检查词库文件夹的写入权限")) from None
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise ConcurrentEditError(
                    message(f"词库文件正被他人修改（{lock} 被占用），等待 {timeout:g} 秒后放弃，未做任何修改", where=path, hint="稍后再试"))
            time.sleep(0.02)
        yield  # the lock goes with the descriptor, closed below (or by the system if this process dies)
    finally:
        os.close(fd)


def _read(path: Path) -> tuple[str, str]:
    """The text of a bank file (empty when it does not exist; a BOM is not part of it) and the SHA-256
    of its bytes."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return "", sha256(b"")
    except OSError as err:
        raise BankEditError(message(f"无法读取词库文件：{err.strerror}", where=path)) from None
    try:
        return raw.decode("utf-8-sig" if raw.startswith(_BOM) else "utf-8"), sha256(raw)
    except UnicodeDecodeError:
        raise BankEditError(message("词库文件不是 UTF-8 编码，无法修改", where=path, hint="在编辑器中另存为 UTF-8")) from None


def _validate(text: str, path: Path) -> None:
    _, problems = read_text(text, os.fspath(path))
    if problems:
        raise ProblemsError(problems, "修改后的词库文件有上述问题，已放弃修改，文件未变。")


def _write(path: Path, text: str, expected_hash: str) -> None:
    """Replace ``path`` by ``text`` atomically (with the BOM it had), unless its bytes no longer hash to
    ``expected_hash`` just before the replace."""
    try:
        had_bom = path.read_bytes()[:3] == _BOM
    except FileNotFoundError:
        had_bom = False

    def unchanged() -> None:
        if _read(path)[1] != expected_hash:
            raise ConcurrentEditError(message("词库文件在您修改期间已被他人改动，为免覆盖对方的修改，未写入", where=path, hint="重新执行这条命令（会基于最新内容修改）"))

    data = (_BOM if had_bom else b"") + text.encode("utf-8")
    write_atomic(path, data, force=True, backup=False, before_replace=unchanged)


# --------------------------------------------------------------------------------------------------
# Operations
# --------------------------------------------------------------------------------------------------


def layer_files(layer: Path) -> list[Path]:
    """The bank files of a layer: the folder's ``*.yaml`` (hidden ones skipped), or the file itself."""
    if layer.is_dir():
        return sorted(f for f in layer.glob("*.yaml") if not f.name.startswith("."))
    return [layer] if layer.exists() else []


def find_entry(layer: Path, entry_id: str) -> tuple[Path, Span] | None:
    """The file of ``layer`` that defines ``entry_id`` and the entry's span, or None."""
    for f in layer_files(layer):
        text, _ = _read(f)
        for span in locate(text, os.fspath(f)):
            if span.id == entry_id:
                return f, span
    return None


def entry_block(path: Path, entry_id: str) -> tuple[str, str]:
    """The entry's lines exactly as written (dedented) and the file's hash, for editing in ``$EDITOR``."""
    text, digest = _read(path)
    for span in locate(text, os.fspath(path)):
        if span.id == entry_id:
            lines = text.splitlines(keepends=True)[span.start:span.end]
            return "".join(ln[span.dash_col:] if ln[: span.dash_col].strip() == "" else ln for ln in lines), digest
    raise BankEditError(message(f"找不到条目 {entry_id}", where=path))


def next_id(slot: str, existing: set[str], *, builtin: bool = False) -> str:
    """A free id for a new entry of ``slot``: ``<slot>.NN`` in the built-in bank, ``<slot>.uNN`` elsewhere
    (``u`` for a unit's own, so a later built-in entry never overrides it by accident)."""
    prefix = f"{slot}." if builtin else f"{slot}.u"
    n = 1
    while f"{prefix}{n:02d}" in existing:
        n += 1
    return f"{prefix}{n:02d}"


def add_entry(target: Path, fields: Mapping[str, object], *, lock_timeout: float = LOCK_TIMEOUT) -> Path:
    """Add a new entry to ``target`` (a bank file, or a folder: then ``<category>.yaml`` in it, created
    if needed). It goes after the last entry of the same slot, or at the end. Returns the file written."""
    eid, slot = fields.get("id"), fields.get("slot")
    if not eid or not slot or not fields.get("text"):
        raise BankEditError(message("新条目至少要有 id、slot 和 text"))
    target = Path(target)
    path = target / f"{str(slot).split('.', 1)[0]}.yaml" if target.is_dir() else target
    if target.is_dir() and not inside(path, target):
        raise BankEditError(message("这个词库文件是指向词库文件夹以外的链接，没有修改", where=path,
                                    hint="把要用的词库文件复制到这个文件夹里，或在 --bank 中直接写出那个文件"))
    path = real_target(path)
    if not path.parent.is_dir():
        raise BankEditError(message("词库文件夹不存在", where=target, hint="先建好文件夹，或检查 --bank 的路径"))
    with locked(path, lock_timeout):
        for other in layer_files(target if target.is_dir() else path):
            if other != path and any(s.id == eid for s in locate(_read(other)[0], os.fspath(other))):
                raise BankEditError(message(f"条目 {eid} 已经存在", where=other, hint=f"换一个 id，或用 drafter phrases edit {eid} 修改它"))
        text, digest = _read(path)
        spans = locate(text, os.fspath(path))
        if any(s.id == eid for s in spans):
            raise BankEditError(message(f"条目 {eid} 已经存在", where=path, hint=f"换一个 id，或用 drafter phrases edit {eid} 修改它"))
        lines = text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        dash, key = (spans[0].dash_col, spans[0].key_col) if spans else (0, 2)
        block = new_block(fields, dash, key)
        separated = any(s.start > 0 and not lines[s.start - 1].strip() for s in spans[1:]) or len(spans) <= 1
        same = [s for s in spans if s.slot == slot]
        if not lines:
            new_lines = [f"# 词库 · {path.name}（drafter phrases add 创建）\n", "\n", block]
        elif same:
            at = same[-1].end
            new_lines = lines[:at] + (["\n"] if separated else []) + [block] + lines[at:]
        else:
            new_lines = lines + (["\n"] if separated and lines[-1].strip() else []) + [block]
        new_text = "".join(new_lines)
        _validate(new_text, path)
        _write(path, new_text, digest)
    return path


def _entry_span(text: str, path: Path, entry_id: str):
    """Where entry ``entry_id`` stands in the file's ``text``; BankEditError when it is not there."""
    spans = [s for s in locate(text, os.fspath(path)) if s.id == entry_id]
    if not spans:
        raise BankEditError(message(f"找不到条目 {entry_id}", where=path))
    return spans[0]


def edit_entry(path: Path, entry_id: str, changes: Mapping[str, object | None], *,
               lock_timeout: float = LOCK_TIMEOUT) -> None:
    """Change some keys of one entry (a value of None or "" removes the key). Other lines stay as they are."""
    path = real_target(Path(path))
    with locked(path, lock_timeout):
        text, digest = _read(path)
        span = _entry_span(text, path, entry_id)
        lines = text.splitlines(keepends=True)
        block = _edited_block(lines, span, changes)
        new_text = "".join(lines[:span.start]) + block + "".join(lines[span.end:])
        _validate(new_text, path)
        _write(path, new_text, digest)


def replace_entry(path: Path, entry_id: str, block: str, expected_hash: str, *,
                  lock_timeout: float = LOCK_TIMEOUT) -> None:
    """Replace one entry's lines by ``block`` (as edited in ``$EDITOR``), if the file still hashes to
    ``expected_hash`` (the hash read before the editor opened); else :class:`ConcurrentEditError`."""
    path = real_target(Path(path))
    with locked(path, lock_timeout):
        text, digest = _read(path)
        if digest != expected_hash:
            raise ConcurrentEditError(message("您编辑期间词库文件已被他人改动，为免覆盖对方的修改，未写入", where=path, hint="重新执行 drafter phrases edit（会基于最新内容打开）"))
        span = _entry_span(text, path, entry_id)
        if not block.strip():
            raise BankEditError(message("编辑后的条目是空的，未做修改", hint="要删除条目请用 drafter phrases rm"))
        pad = " " * span.dash_col
        body = "".join(pad + ln if ln.strip() else ln for ln in block.splitlines(keepends=True))
        if not body.endswith("\n"):
            body += "\n"
        lines = text.splitlines(keepends=True)
        new_text = "".join(lines[:span.start]) + body + "".join(lines[span.end:])
        _validate(new_text, path)
        new_spans = locate(new_text, os.fspath(path))
        if len(new_spans) != len(locate(text, os.fspath(path))):
            raise BankEditError(message("编辑后的内容应当仍是一条条目（以“- id:”开头），未做修改"))
        _write(path, new_text, digest)


def remove_entry(path: Path, entry_id: str, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
    """Delete one entry's lines and one blank line that separated it from its neighbours."""
    path = real_target(Path(path))
    with locked(path, lock_timeout):
        text, digest = _read(path)
        span = _entry_span(text, path, entry_id)
        lines = text.splitlines(keepends=True)
        start, end = span.start, span.end
        if end < len(lines) and not lines[end].strip():
            end += 1  # the blank line that separated it from what follows
        elif end == len(lines) and start > 0 and not lines[start - 1].strip():
            start -= 1  # the last entry: the blank line before it
        new_text = "".join(lines[:start] + lines[end:])
        _validate(new_text, path)
        _write(path, new_text, digest)
