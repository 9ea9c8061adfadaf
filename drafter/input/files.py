"""Reading a file a writer was handed, whatever it turns out to be.

:func:`read_limited` is the one way drafter reads an input file's bytes (briefs, profiles, config,
phrase banks, speeches). A file someone passes on may be a pipe, a device such as ``/dev/zero``, a
folder or a huge file; each is refused with a message in Chinese naming the file, saying what it is and
what to do, and nothing is read from anything but a regular file:

- the file is opened without blocking (``O_NONBLOCK``: opening a pipe with no writer does not wait),
  then what was opened is looked at (``fstat``) and refused unless it is a regular file;
- at most ``limit`` + 1 bytes are read, so the size limit holds even for a file that grows while it
  is read.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import stat
from typing import Any

from drafter.errors import Problem, ProblemsError

_KINDS = (
    (stat.S_ISDIR, "这是一个文件夹，不是{what}文件", "写出{what}文件本身的路径，而不是它所在的文件夹"),
    (stat.S_ISFIFO, "这是一个管道（FIFO），不是普通文件", "drafter 只读保存在磁盘上的文件：先把内容保存成一个文件，再写出那个文件的路径"),
    (stat.S_ISCHR, "这是一个设备文件，不是普通文件", "写出保存在磁盘上的{what}文件的路径"),
    (stat.S_ISBLK, "这是一个磁盘设备，不是普通文件", "写出保存在磁盘上的{what}文件的路径"),
    (stat.S_ISSOCK, "这是一个套接字（socket），不是普通文件", "写出保存在磁盘上的{what}文件的路径"),
)


def _size_text(n: int) -> str:
    """A file's size for a message: 20.0 MB, 15 kB, 200 字节."""
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{n // 1000} kB" if n >= 1000 else f"{n} 字节"


def _limit_text(n: int) -> str:
    """A size limit for a message: always in kB from 1000 bytes up (1000 kB, not 1.0 MB)."""
    return f"{n // 1000} kB" if n >= 1000 else f"{n} 字节"


def _refuse(name: str, message: str, hint: str) -> ProblemsError:
    return ProblemsError([Problem(name, 0, 0, message, hint)])


def read_limited(path: str | os.PathLike, *, limit: int, what: str, name: str | None = None,
                 missing_hint: str = "", large_hint: str = "") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    ``what`` names the kind of file in messages (``"简报"``, ``"版式"``); ``name`` is how the file is
    named in them (default: the path as given). ``missing_hint`` and ``large_hint`` replace the
    general hints for a missing and a too large file. Raises :class:`~drafter.errors.ProblemsError`
    with one problem (line 0: the whole file) when the file is missing, unreadable, not a regular file
    or larger than ``limit``.
    """
    name = name or os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as err:
        if err.errno == errno.ENXIO:  # a socket (or a device with nothing behind it) cannot be opened
            try:
                raise _not_regular(os.stat(path).st_mode, name, what) from None
            except OSError:
                pass
        raise _open_error(err, name, what, missing_hint) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode, name, what)
        large = (f"文件太大（{{}}），上限是 {_limit_text(limit)}",
                 large_hint or f"{what}文件不会这么大；检查是不是选错了文件")
        if info.st_size > limit:
            raise _refuse(name, large[0].format(_size_text(info.st_size)), large[1])
        chunks = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, limit + 1 - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # it grew while being read
            raise _refuse(name, large[0].format(f"超过 {_limit_text(limit)}"), large[1])
        return b"".join(chunks)
    except OSError as err:
        raise _refuse(name, f"无法读取文件（{err.strerror or err}）", "检查文件是否完好、所在的磁盘是否还连着") from None
    finally:
        os.close(fd)


def _not_regular(mode: int, name: str, what: str) -> ProblemsError:
    for test, message, hint in _KINDS:
        if test(mode):
            return _refuse(name, message.format(what=what), hint.format(what=what))
    return _refuse(name, "这不是普通文件", f"写出保存在磁盘上的{what}文件的路径")


def _open_error(err: OSError, name: str, what: str, missing_hint: str) -> ProblemsError:
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return _refuse(name, "找不到这个文件", missing_hint or "检查文件名和路径")
    if err.errno in (errno.EACCES, errno.EPERM):
        return _refuse(name, "没有读取这个文件的权限", "检查文件的读取权限，或把它复制到自己的文件夹里再用")
    if err.errno == errno.ELOOP:
        return _refuse(name, "这个快捷方式（符号链接）绕成了一个圈，找不到真正的文件", f"写出{what}文件本身的路径")
    if err.errno == errno.EISDIR:  # pragma: no cover - os.open opens a folder for reading on Linux
        return _refuse(name, f"这是一个文件夹，不是{what}文件", f"写出{what}文件本身的路径，而不是它所在的文件夹")
    if err.errno == errno.ENAMETOOLONG:
        return _refuse(name, "文件名太长", "检查文件名和路径")
    return _refuse(name, f"无法打开文件（{err.strerror or err}）", "检查文件名、路径和读取权限")


@functools.lru_cache(maxsize=None)
def read_artefact(path: os.PathLike, *, what: str, limit: int = 4_000_000) -> dict[str, Any]:
    """A build artefact drafter ships in ``drafter/data`` (JSON of plain data, made by ``python -m
    drafter.compose``) as a dict, read once a process; empty when it is missing, too large or not a JSON
    object, and then the files it was made from are read as usual. Nothing read from it runs."""
    try:
        data = json.loads(read_limited(path, limit=limit, what=what))
    except (ProblemsError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
