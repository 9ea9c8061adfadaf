"""Shared helpers for tests that reopen a .docx: parts as XML trees, paragraphs with their styles.

``W`` is the WordprocessingML namespace; ``w("tag")`` the qualified tag; ``attr(el, "val")`` a
``w:`` attribute. :func:`open_docx` returns a :class:`Docx` holding the zip's XML parts parsed with
the standard library, and the python-docx Document for the same bytes.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONFORMANCE = Path(__file__).resolve().parents[2] / "shared" / "tools" / "docx_conformance.py"
"""The layout checker in ../shared/tools beside the repository (CI clones the repo with shared/ beside it)."""


def w(tag: str) -> str:
    """The qualified name of ``w:tag``."""
    return f"{{{W}}}{tag}"


def attr(el, name: str) -> str | None:
    """The ``w:name`` attribute of ``el`` (None if ``el`` is None or has none)."""
    return None if el is None else el.get(w(name))


@dataclass
class Docx:
    data: bytes
    names: list[str]
    document: docx.document.Document

    def xml(self, part: str) -> ET.Element:
        """Part ``part`` (e.g. "word/styles.xml") parsed."""
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            return ET.fromstring(z.read(part))

    def text(self, part: str) -> str:
        with zipfile.ZipFile(io.BytesIO(self.data)) as z:
            return z.read(part).decode("utf-8")

    def style(self, style_id: str) -> ET.Element:
        """The ``w:style`` element with ``style_id``."""
        for st in self.xml("word/styles.xml").iter(w("style")):
            if attr(st, "styleId") == style_id:
                return st
        raise KeyError(style_id)

    def body_paragraphs(self) -> list[ET.Element]:
        return list(self.xml("word/document.xml").find(w("body")).iter(w("p")))

    def paragraph_styles(self) -> list[str | None]:
        """The ``w:pStyle`` id of each body paragraph."""
        return [attr(p.find(f"{w('pPr')}/{w('pStyle')}"), "val") for p in self.body_paragraphs()]

    def footers(self) -> dict[str, ET.Element]:
        """Footer type ("default", "even", …) → the footer part's root."""
        rels = self.xml("word/_rels/document.xml.rels")
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sect = self.xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}")
        out = {}
        for ref in sect.findall(w("footerReference")):
            out[attr(ref, "type")] = self.xml("word/" + targets[ref.get(f"{{{R}}}id")])
        return out


def open_docx(data: bytes) -> Docx:
    """Reopen .docx bytes with zipfile and python-docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert z.testzip() is None
    return Docx(data, names, docx.Document(io.BytesIO(data)))


def conformance(path: Path) -> tuple[int, str]:
    """Run the shared GB/T 9704 checker on ``path``: (exit code, output)."""
    proc = subprocess.run([sys.executable, str(CONFORMANCE), str(path)], capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr
