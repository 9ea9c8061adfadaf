"""Telling a draft exactly as drafter wrote it from one the writer has edited since.

A draft that the writer has edited since drafter wrote it is never overwritten silently. To know,
drafter stores in every .docx it writes a custom property :data:`CONTENT_PROPERTY`: the SHA-256 of
the file's own ``word/document.xml`` as written. Word and WPS keep custom properties when they save,
but rewrite ``document.xml``; so when the stored hash no longer matches the file's ``document.xml``,
someone has opened and saved (almost always: edited) the draft.

- :func:`stamp` adds the property to a .docx drafter has just built (bytes in, bytes out).
- :func:`inspect` says what an existing file is (see :class:`Origin`).
- :func:`is_untouched` tells :func:`drafter.output.files.write_atomic` which old backup may be replaced.
- :func:`overwrite_notice` is the message ``render --force`` prints when the file it replaces is not
  an untouched drafter draft; the file itself is kept as the backup.
"""

from __future__ import annotations

import enum
import hashlib
import io
import os
import re
import zipfile
from pathlib import Path

from drafter.speech.docx_limits import check_docx_package
from drafter.errors import DocxPackageError

CONTENT_PROPERTY = "drafter_content_hash"
"""Name of the custom property holding the SHA-256 (hex) of ``word/document.xml`` as drafter wrote it."""

_DOCUMENT = "word/document.xml"
_CUSTOM = "docProps/custom.xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_MAX_READ = 200_000_000
"""document.xml larger than this (uncompressed) is not read: such a file is not a drafter draft."""


class Origin(enum.Enum):
    """What an existing output file is."""

    UNTOUCHED = "untouched"
    """A .docx drafter wrote, unchanged since (its document.xml matches the stored hash)."""
    EDITED = "edited"
    """A .docx drafter wrote, saved again since (hash differs, or drafter's marks are incomplete)."""
    FOREIGN = "foreign"
    """Not written by drafter: no drafter properties, or not a .docx at all."""


def content_hash(docx: bytes) -> str:
    """The SHA-256 (hex) of the ``word/document.xml`` of the .docx ``docx``. Raises KeyError if it has none."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return hashlib.sha256(z.read(_DOCUMENT)).hexdigest()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _with_property(custom: bytes, name: str, value: str) -> bytes:
    """custom.xml with the text property ``name`` = ``value`` added (or replaced)."""
    text = custom.decode("utf-8")
    text = re.sub(rf'<property [^>]*name="{re.escape(name)}"[^>]*>.*?</property>', "", text, flags=re.S)
    pids = [int(p) for p in re.findall(r'\bpid="(\d+)"', text)]
    pid = max(pids + [1]) + 1
    prop = (f'<property fmtid="{_FMTID}" pid="{pid}" name="{_escape(name)}">'
            f"<vt:lpwstr>{_escape(value)}</vt:lpwstr></property>")
    return text.replace("</Properties>", prop + "</Properties>").encode("utf-8")


def stamp(docx: bytes) -> bytes:
    """``docx``, a .docx drafter wrote (so it has ``docProps/custom.xml``), with :data:`CONTENT_PROPERTY`
    set to the hash of its document.xml (parts in the same order)."""
    digest = content_hash(docx)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == _CUSTOM:
                data = _with_property(data, CONTENT_PROPERTY, digest)
            dst.writestr(info, data)
    return out.getvalue()


def custom_properties(docx: bytes) -> dict[str, str]:
    """The text custom properties of a .docx (name → value); empty when it has none or cannot be read."""
    from xml.etree import ElementTree

    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as z:
            raw = z.read(_CUSTOM)
        root = ElementTree.fromstring(raw)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError, RuntimeError):
        return {}
    out = {}
    for prop in root.findall(f"{{{_CUSTOM_NS}}}property"):
        name = prop.get("name")
        if name and len(prop):
            out[name] = prop[0].text or ""
    return out


def inspect(path: str | os.PathLike) -> Origin:
    """What the existing file at ``path`` is (see :class:`Origin`). Never raises for a bad file."""
    try:
        check_docx_package(path, what="文件")  # a zip bomb in the output's place is not unpacked
        data = Path(path).read_bytes()
    except DocxPackageError as err:
        return Origin.EDITED if err.over_limit else Origin.FOREIGN
    except OSError:
        return Origin.FOREIGN
    props = custom_properties(data)
    if "drafter_version" not in props:
        return Origin.FOREIGN
    stored = props.get(CONTENT_PROPERTY)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if z.getinfo(_DOCUMENT).file_size > _MAX_READ:
                return Origin.EDITED
            actual = hashlib.sha256(z.read(_DOCUMENT)).hexdigest()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError):
        return Origin.EDITED
    return Origin.UNTOUCHED if stored == actual else Origin.EDITED


def is_untouched(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a drafter draft nobody has saved since: replacing it loses nothing."""
    return inspect(path) is Origin.UNTOUCHED


def overwrite_notice(path: str | os.PathLike, backup: str) -> str | None:
    """What to tell the writer before ``render --force`` replaces ``path`` (kept as ``backup``); None
    when nothing is lost: the file does not exist or is a drafter draft nobody has saved since.
    Otherwise the message says that the file was edited (or is not drafter's) and where it is kept."""
    p = Path(path)
    if not p.is_file():
        return None
    origin = inspect(p)
    if origin is Origin.UNTOUCHED:
        return None
    if origin is Origin.EDITED:
        return (f"{p}: 注意：这份讲话稿在 drafter 生成后被修改过，已按 --force 重新生成；"
                f"您修改过的版本保留在 {backup}\n    提示：把需要保留的改动从 {backup} 移到新稿中")
    return (f"{p}: 注意：原文件不是 drafter 生成的（可能是您自己写的稿子），已按 --force 替换；"
            f"原文件保留在 {backup}\n    提示：如需原文件，打开 {backup}")
