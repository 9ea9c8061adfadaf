"""PDF output: a .docx converted through LibreOffice (``soffice --headless --convert-to pdf``).

Each conversion runs in a temporary directory of its own, with its own LibreOffice user profile
(``-env:UserInstallation``, so a running LibreOffice or a broken user profile does not interfere)
and a private fontconfig file (``drafter/data/fontconfig/fonts.conf``, passed as FONTCONFIG_FILE)
that maps the Chinese font names in the draft (仿宋_GB2312, 楷体_GB2312, 黑体, 方正小标宋简体, 宋体)
to free fonts Debian installs; without it every Chinese name falls back to one sans face.

Debian packages for a faithful rendering: ``libreoffice-writer-nogui fonts-noto-cjk
fonts-arphic-ukai fonts-arphic-uming``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import PdfError
from drafter.output.files import write_atomic
from drafter.resources import DATA_DIR

FONTCONFIG_TEMPLATE = DATA_DIR / "fontconfig" / "fonts.conf"
"""The private fontconfig file; ``@CACHEDIR@`` in it is replaced per conversion."""

TIMEOUT = 300
"""Seconds a conversion may take before it is given up (a first start of LibreOffice takes ~10 s)."""

_CANDIDATES = (
    "soffice", "libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)


def find_soffice() -> str | None:
    """The path of LibreOffice's ``soffice``, or None when it is not installed.

    The environment variable ``DRAFTER_SOFFICE`` names it explicitly.
    """
    explicit = os.environ.get("DRAFTER_SOFFICE")
    if explicit:
        return explicit if shutil.which(explicit) or os.path.isfile(explicit) else None
    for c in _CANDIDATES:
        found = shutil.which(c) or (c if os.path.isabs(c) and os.access(c, os.X_OK) else None)
        if found:
            return found
    return None


def fontconfig_text(cache_dir: str | os.PathLike) -> str:
    """The private fontconfig file's text with its cache directory filled in."""
    from xml.sax.saxutils import escape

    return FONTCONFIG_TEMPLATE.read_text(encoding="utf-8").replace("@CACHEDIR@", escape(os.fspath(cache_dir)))


def soffice_env(work: Path) -> dict[str, str]:
    """The environment for a conversion in ``work``: private fontconfig file and HOME."""
    conf = work / "fonts.conf"
    (work / "fc-cache").mkdir(exist_ok=True)
    conf.write_text(fontconfig_text(work / "fc-cache"), encoding="utf-8")
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = os.fspath(conf)
    env["HOME"] = os.fspath(work)  # LibreOffice writes a few files under HOME even with its own profile
    env.pop("SAL_USE_VCLPLUGIN", None)
    return env


def run_soffice(args: list[str], work: Path) -> subprocess.CompletedProcess:
    """Run soffice headless with ``args``, a private profile under ``work`` and the private fonts."""
    soffice = find_soffice()
    if soffice is None:
        raise PdfError("没有找到 LibreOffice（soffice），无法生成 PDF",
                       "安装 LibreOffice 后再试（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui "
                       "fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming）；或先生成 .docx，"
                       "在 Word/WPS 中“另存为 PDF”")
    profile = (work / "lo-profile").resolve().as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nologo",
           "--nodefault", "--nolockcheck", *args]
    try:
        return subprocess.run(cmd, cwd=work, env=soffice_env(work), capture_output=True, text=True,
                              timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise PdfError(f"LibreOffice 转换超过 {TIMEOUT} 秒仍未完成，已放弃",
                       "关闭正在运行的 LibreOffice 后再试") from None
    except OSError as err:
        raise PdfError(f"无法启动 LibreOffice（{soffice}）：{err.strerror}", "检查 LibreOffice 是否完整安装") from None


def convert(docx_path: str | os.PathLike, out_path: str | os.PathLike, target: str) -> None:
    """Convert ``docx_path`` with soffice ``--convert-to target`` (e.g. "pdf", "docx") to ``out_path``.

    The result replaces ``out_path`` atomically (:func:`drafter.output.files.write_atomic`).
    """
    src = Path(docx_path)
    out = Path(out_path)
    if not src.is_file():
        raise PdfError(f"找不到要转换的文件：{src}", "先生成 .docx 文件")
    if not out.parent.is_dir():
        raise PdfError(f"输出文件夹不存在：{out.parent}", "先创建这个文件夹，或换一个输出路径")
    with tempfile.TemporaryDirectory(prefix="drafter-lo-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        (work / "out").mkdir()
        staged = work / "in" / "draft.docx"  # a plain ASCII name: soffice is fussy about odd paths
        shutil.copyfile(src, staged)
        proc = run_soffice(["--convert-to", target, "--outdir", os.fspath(work / "out"), os.fspath(staged)], work)
        ext = target.split(":")[0]
        produced = work / "out" / f"draft.{ext}"
        if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()[-3:]
            raise PdfError(f"LibreOffice 未能把 {src.name} 转换为 {ext.upper()}（退出码 {proc.returncode}）"
                           + (f"：{' / '.join(detail)}" if detail else ""),
                           "用 LibreOffice 或 Word 打开 .docx 看是否正常；关闭正在运行的 LibreOffice 后再试")
        write_atomic(out, produced.read_bytes(), force=True, backup=False)


def convert_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike, *, notes: bool = False) -> None:
    """Convert the .docx at ``docx_path`` to a PDF at ``pdf_path`` through LibreOffice.

    ``notes``: the document's Word comments become PDF annotations (LibreOffice's ``ExportNotes``),
    which every PDF reader shows as notes beside the words they concern (the review copy).
    Raises :class:`PdfError` (a :class:`DrafterError`, message in Chinese) when LibreOffice is not
    installed or the conversion fails.
    """
    target = "pdf:writer_pdf_Export"
    if notes:
        target += ':{"ExportNotes":{"type":"boolean","value":"true"}}'
    convert(docx_path, pdf_path, target)
