"""A warm LibreOffice for the web page's PDFs: a PDF after the first comes in about a second.

Starting LibreOffice takes most of a conversion's time (4–8 s of it). The server therefore keeps
one LibreOffice started ahead, listening (``--accept=pipe,…``) with its own profile and the private
fontconfig of :mod:`drafter.output.pdf`. A conversion is an ordinary ``soffice --convert-to`` with the
same profile: LibreOffice hands it to the running process, which converts and then ends; the next
one is started at once in the background, so it is warm by the time the writer asks again.

Conversions go one at a time (a lock). Without LibreOffice, :meth:`WarmOffice.convert` raises the
same :class:`~drafter.output.pdf.PdfError` as ``drafter render -f pdf``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from drafter.output.pdf import TIMEOUT, find_soffice, run_soffice, soffice_env
from drafter.errors import PdfError

READY_WAIT = 60.0
"""Seconds a conversion waits for the office started ahead to be ready before converting cold."""


class WarmOffice:
    """One LibreOffice kept started ahead (see the module text). :meth:`close` ends it."""

    def __init__(self) -> None:
        self.soffice = find_soffice()
        self._work = Path(tempfile.mkdtemp(prefix="drafter-web-office-"))
        self._pipe = f"drafter-web-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._closed = False

    @property
    def available(self) -> bool:
        return self.soffice is not None

    def _command(self, *args: str) -> list[str]:
        profile = (self._work / "lo-profile").resolve().as_uri()
        return [self.soffice or "soffice", f"-env:UserInstallation={profile}", "--headless", "--norestore",
                "--nologo", "--nodefault", "--nolockcheck", *args]

    def start(self) -> None:
        """Start the office ahead (in the background; returns at once). Nothing without LibreOffice."""
        if not self.available or self._closed or (self._proc is not None and self._proc.poll() is None):
            return
        self._proc = subprocess.Popen(self._command(f"--accept=pipe,name={self._pipe};urp;"), cwd=self._work,
                                      env=soffice_env(self._work), stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def _ready(self) -> bool:
        return any(glob.glob(os.path.join(d, f"OSL_PIPE_*_{self._pipe}")) for d in {tempfile.gettempdir(), "/tmp"})

    def wait_ready(self, timeout: float = READY_WAIT) -> bool:
        """Wait until the office started ahead listens; False if it is not running."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self._proc is None or self._proc.poll() is not None:
                return False
            if self._ready():
                return True
            time.sleep(0.05)
        return False

    def convert(self, docx: bytes) -> bytes:
        """The PDF of a .docx, converted by the warm office (started now if it is not running)."""
        if not self.available:
            run_soffice(["--version"], self._work)  # raises the command line's PdfError: not installed
        with self._lock:
            self.start()
            handed = self.wait_ready()
            job = Path(tempfile.mkdtemp(prefix="job-", dir=self._work))
            try:
                src = job / "draft.docx"
                src.write_bytes(docx)
                try:
                    proc = subprocess.run(self._command("--convert-to", "pdf:writer_pdf_Export", "--outdir",
                                                        os.fspath(job / "out"), os.fspath(src)),
                                          cwd=self._work, env=soffice_env(self._work), capture_output=True,
                                          text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
                except subprocess.TimeoutExpired:
                    raise PdfError(f"LibreOffice 转换超过 {TIMEOUT} 秒仍未完成，已放弃", "稍后再试") from None
                produced = job / "out" / "draft.pdf"
                if proc.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
                    raise PdfError(f"LibreOffice 未能生成 PDF（退出码 {proc.returncode}）",
                                   "先下载 .docx，在 Word/WPS 中“另存为 PDF”")
                return produced.read_bytes()
            finally:
                shutil.rmtree(job, ignore_errors=True)
                if handed and self._proc is not None:
                    try:
                        self._proc.wait(timeout=10)  # the handed-over conversion ends the office
                    except subprocess.TimeoutExpired:
                        pass
                self.start()  # warm again for the next one

    def close(self) -> None:
        """End the office started ahead and remove its profile."""
        self._closed = True
        if self._proc is not None and self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        shutil.rmtree(self._work, ignore_errors=True)
