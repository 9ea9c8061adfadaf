"""Size limits on a .docx before any of it is unpacked: a hostile file cannot fill the memory.

A .docx is a zip archive. Its central directory says how large each part is once unpacked; a
"zip bomb" is a small file whose parts unpack to gigabytes. :func:`check_docx_package` reads only
that directory (a few bytes per part) and refuses the file, with a message in Chinese, when

- the file itself is larger than :data:`MAX_FILE` bytes;
- it has more than :data:`MAX_PARTS` parts;
- one part unpacks to more than :data:`MAX_PART`, or all of them to more than :data:`MAX_TOTAL`;
- a part larger than :data:`RATIO_FLOOR` unpacks to more than :data:`MAX_RATIO` times its packed size.

The limits hold because Python's :mod:`zipfile` (which python-docx reads through) never returns
more bytes for a part than the directory declares: a part whose real contents are larger than its
declared size fails its CRC check instead.
"""

from __future__ import annotations

import os
import zipfile

from drafter.errors import DocxPackageError

MAX_FILE = 100 * 1024 * 1024
"""A .docx larger than this (100 MiB) is not opened."""
MAX_PARTS = 5000
"""At most this many parts (files) in the archive."""
MAX_PART = 64 * 1024 * 1024
"""No part may unpack to more than 64 MiB (a long speech's document.xml is well under 1 MiB)."""
MAX_TOTAL = 256 * 1024 * 1024
"""All parts together may unpack to at most 256 MiB (pictures included)."""
MAX_RATIO = 200
"""A part may unpack to at most 200 times its packed size (XML packs 5–20 times) …"""
RATIO_FLOOR = 1024 * 1024
"""… unless it unpacks to less than 1 MiB (tiny parts of repeated markup pack very well)."""


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_docx_package(path: str | os.PathLike, *, what: str = "Word 文件") -> None:
    """Refuse (:class:`DocxPackageError`) the .docx at ``path`` when it is not a zip package or
    exceeds a size limit; ``what`` names the file in the message («参考文档», «讲话稿»)."""
    shown = os.fspath(path)
    hint_resave = "在 Word/WPS 中打开后另存为 .docx 再试"
    try:
        size = os.stat(path).st_size
    except OSError as err:
        raise DocxPackageError(shown, f"无法读取这个{what}（{err.strerror}）", "检查文件名、路径和权限",
                               over_limit=False) from None
    if size > MAX_FILE:
        raise DocxPackageError(shown, f"这个{what}有 {_mib(size)}，超过上限 {_mib(MAX_FILE)}",
                               "讲话稿不需要这么大的文件；删去其中的图片等内容后另存再试")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DocxPackageError(shown, f"这个{what}不是 .docx 文件（或文件已损坏）",
                               "旧的 .doc 文件请在 Word/WPS 中另存为 .docx 再使用", over_limit=False) from None
    if len(infos) > MAX_PARTS:
        raise DocxPackageError(shown, f"这个{what}由 {len(infos)} 个部件组成，超过上限 {MAX_PARTS}", hint_resave)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART:
            raise DocxPackageError(shown, f"这个{what}中的“{info.filename}”解压后有 {_mib(info.file_size)}，"
                                          f"超过上限 {_mib(MAX_PART)}，可能是恶意构造的文件，未打开",
                                   f"确认文件来源；正常的讲话稿远小于此。{hint_resave}")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise DocxPackageError(shown, f"这个{what}中的“{info.filename}”压缩比异常"
                                          f"（{_mib(info.compress_size)} 解压后 {_mib(info.file_size)}），"
                                          "可能是恶意构造的文件，未打开",
                                   f"确认文件来源；{hint_resave}")
    if total > MAX_TOTAL:
        raise DocxPackageError(shown, f"这个{what}解压后共有 {_mib(total)}，超过上限 {_mib(MAX_TOTAL)}，未打开",
                               "确认文件来源；删去其中的图片等内容后另存再试")
