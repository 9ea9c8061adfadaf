"""Writing drafter's output files without ever losing a writer's file.

- Writes are atomic: the bytes go to a temporary file in the same folder, which is flushed and then
  renamed over the target, so a crash or a full disk leaves either the old file or the new one,
  never half of one, and no temporary file behind.
- An existing file is never overwritten unless the caller says ``force``; with ``force`` the
  previous file is kept beside it as ``NAME.bak.EXT`` (the newest backup replaces an older one).
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from drafter.errors import OutputError


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``讲话.docx`` → ``讲话.bak.docx``."""
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def _explain(err: OSError, path: Path) -> OutputError:
    if err.errno == errno.ENOSPC:
        return OutputError(f"{path}: 错误：磁盘已满，文件没有写入（原有文件未改动）\n    提示：清理磁盘空间后重试")
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(f"{path}: 错误：没有写入权限\n    提示：换一个文件夹，或用 -o 指定输出位置")
    if err.errno == errno.ENOENT:
        return OutputError(f"{path}: 错误：文件夹 {path.parent} 不存在\n    提示：先建好文件夹，或用 -o 指定已有的文件夹")
    return OutputError(f"{path}: 错误：无法写入（{err.strerror}）")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: Path, *, force: bool) -> None:
    """Raise OutputError now if ``path`` cannot or may not be written (before any work is done)."""
    if path.is_dir():
        raise OutputError(f"{path}: 错误：这是一个文件夹，不能作为输出文件\n    提示：用 -o 写出文件名，如 -o 讲话稿.docx")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: 错误：文件夹 {path.parent} 不存在\n    提示：先建好文件夹，或用 -o 指定已有的文件夹")
    if path.exists() and not force:
        raise OutputError(f"{path}: 错误：文件已存在，没有覆盖（里面可能有您改过的内容）\n"
                          f"    提示：换一个文件名（-o），或加 --force 覆盖（原文件会保留为 {backup_path(path).name}）")
    if not os.access(path.parent, os.W_OK):
        raise OutputError(f"{path}: 错误：没有写入权限\n    提示：换一个文件夹，或用 -o 指定输出位置")


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> Path | None:
    """Write ``data`` to ``path`` atomically. Returns the backup's path when an old file was kept.

    Raises OutputError (never a partial file) when the file exists and ``force`` is false, the folder
    is missing or not writable, or the disk is full.
    """
    path = Path(path)
    check_writable(path, force=force)
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates the file readable by its owner only; give it the mode a plain open() would
        os.chmod(tmp, (path.stat().st_mode & 0o777) if path.exists() else 0o666 & ~_umask())
        backup = None
        if path.exists():
            backup = backup_path(path)
            os.replace(path, backup)
        os.replace(tmp, path)
        tmp = ""
        return backup
    except OSError as err:
        raise _explain(err, path) from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
