"""Writing drafter's output files without ever losing a writer's file. The one writer of every file drafter makes.

- Writes are atomic: the bytes go to a temporary file in the same folder, which is flushed and then
  renamed over the target, so a crash, a kill or a full disk leaves either the old file or the new
  one under the target's name — never half of one, never neither — and no temporary file behind.
- An existing file is never overwritten unless the caller says ``force``. With ``force`` the previous
  file is kept beside it as ``NAME.bak.EXT``; a backup already there is first moved aside to the first
  free ``NAME.bak2.EXT``, ``NAME.bak3.EXT`` … so running ``--force`` again and again never loses a
  version the writer may have edited. Only a backup that the caller can prove holds nothing of the
  writer's (an untouched drafter draft, see :func:`drafter.output.provenance.is_untouched`) is replaced.
- Only a regular file is ever replaced. A symbolic link is followed, so the file it points to gets the
  new content and the link stays; a device, a pipe or a folder under the target's name is refused.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Callable

from drafter.errors import OutputError, message


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``讲话.docx`` → ``讲话.bak.docx``."""
    return path.with_name(f"{path.stem}.bak{path.suffix}")


def aside_path(path: Path) -> Path:
    """The first free older-backup name of ``path``: ``讲话.bak2.docx``, ``讲话.bak3.docx`` …"""
    n = 2
    while (aside := path.with_name(f"{path.stem}.bak{n}{path.suffix}")).exists() or aside.is_symlink():
        n += 1
    return aside


def _explain(err: OSError, path: Path) -> OutputError:
    if err.errno == errno.ENOSPC:
        return OutputError(message("磁盘已满，文件没有写入（原有文件未改动）", where=path, hint="清理磁盘空间后重试"))
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(message("没有写入权限", where=path, hint="换一个文件夹，或用 -o 指定输出位置"))
    if err.errno == errno.ENOENT:
        return OutputError(message(f"文件夹 {path.parent} 不存在", where=path, hint="先建好文件夹，或用 -o 指定已有的文件夹"))
    return OutputError(message(f"无法写入（{err.strerror}）", where=path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def real_target(path: Path) -> Path:
    """``path`` with symbolic links followed (the file that will really be written)."""
    path = Path(path)
    return path.resolve() if path.is_symlink() else path


def check_writable(path: Path, *, force: bool) -> None:
    """Raise OutputError now if ``path`` cannot or may not be written (before any work is done)."""
    path = real_target(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as err:
        raise _explain(err, path) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(message("这是一个文件夹，不能作为输出文件", where=path, hint="用 -o 写出文件名，如 -o 讲话稿.docx"))
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise OutputError(message("这不是普通文件（是设备、管道或套接字），drafter 不会替换它", where=path, hint="用 -o 写出一个普通文件的名字，如 -o 讲话稿.docx"))
    if not path.parent.is_dir():
        raise OutputError(message(f"文件夹 {path.parent} 不存在", where=path, hint="先建好文件夹，或用 -o 指定已有的文件夹"))
    if st is not None and not force:
        raise OutputError(message("文件已存在，没有覆盖（里面可能有您改过的内容）", where=path, hint=f"换一个文件名（-o），或加 --force 覆盖（原文件会保留为 {backup_path(path).name}）"))
    if not os.access(path.parent, os.W_OK):
        raise OutputError(message("没有写入权限", where=path, hint="换一个文件夹，或用 -o 指定输出位置"))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a folder that cannot be opened (Windows): the rename is durable enough
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on a folder
        pass
    finally:
        os.close(fd)


def _keep_copy(path: Path, backup: Path) -> None:
    """Make ``backup`` hold what ``path`` holds now, atomically, leaving ``path`` in place: a hard link
    when the file system has them, else a copy (then renamed into place)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{backup.name}.", suffix=".tmp", dir=backup.parent)
    os.close(fd)
    os.unlink(tmp)
    try:
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copy2(path, tmp)
        os.replace(tmp, backup)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def write_atomic(path: Path, data: bytes, *, force: bool = False, backup: bool = True,
                 disposable: Callable[[Path], bool] | None = None,
                 before_replace: Callable[[], None] | None = None) -> Path | None:
    """Write ``data`` to ``path`` atomically. Returns the backup's path when an old file was kept.

    ``force`` allows replacing an existing file; it is then kept as ``NAME.bak.EXT`` unless ``backup``
    is false (a phrase-bank edit, which changes one entry under a lock). An older backup is moved aside
    to ``NAME.bakN.EXT`` first, unless ``disposable(old_backup)`` says it holds nothing of the writer's.
    ``before_replace`` is called just before the new file takes the name (after the data is on disk):
    it may raise to abandon the write (the phrase bank's check that nobody changed the file meanwhile).

    The old file stays under its name until the new one replaces it in one rename; a crash at any
    moment leaves the old file or the new one. Raises OutputError (never a partial file) when the file
    exists and ``force`` is false, the target is not a regular file, the folder is missing or not
    writable, or the disk is full.
    """
    path = real_target(Path(path))
    check_writable(path, force=force)
    fd, tmp = -1, ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fd = -1
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        exists = path.exists()
        # mkstemp creates the file readable by its owner only; give it the mode a plain open() would
        os.chmod(tmp, (path.stat().st_mode & 0o777) if exists else 0o666 & ~_umask())
        kept = None
        if exists and backup:
            kept = backup_path(path)
            if os.path.lexists(kept) and not (disposable is not None and kept.is_file() and disposable(kept)):
                os.replace(kept, aside_path(path))
            _keep_copy(path, kept)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
        tmp = ""
        _fsync_dir(path.parent)
        return kept
    except OSError as err:
        raise _explain(err, path) from None
    finally:
        if fd != -1:
            os.close(fd)
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
