"""Fidelity of ``drafter import``: rendering an imported brief at the original date gives back the
original speech — the same parts in the same order, the same numbers of opinions and points in the
same ordinal forms, and at least 95% of its characters in order (difflib's ratio on the text)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from drafter.importer import import_speech
from drafter.importer.structure import Speech, recognise
from drafter.main import make_draft
from drafter.speech.reader import read_speech
from tests.test_import_reader import auto_numbered_docx

SPEECHES = Path(__file__).parent / "data" / "speeches"
REF = Path(__file__).resolve().parents[2] / "shared" / "reference"
MIN_RATIO = 0.95


def _text(blocks) -> str:
    return "\n".join(b.text for b in blocks)


def _signature(sp: Speech) -> tuple:
    """What fidelity compares: the parts in order, the opinions' and points' counts and forms."""
    return (tuple(sp.order), sp.opinion_form, sp.point_form, len(sp.opinions),
            tuple(len(op.points) for op in sp.opinions),
            sp.achievements.form if sp.achievements else None, len(sp.achievements.items) if sp.achievements else 0,
            sp.problems.form if sp.problems else None, len(sp.problems.items) if sp.problems else 0)


def fidelity(source: Path, tmp_path: Path) -> tuple[float, tuple, tuple]:
    """(difflib ratio of the texts, the original's structure, the re-rendered draft's structure)."""
    original = read_speech(source)
    brief = tmp_path / "brief.yaml"
    brief.write_text(import_speech(source).yaml_text, encoding="utf-8")
    draft = make_draft(brief)
    ratio = difflib.SequenceMatcher(None, _text(original), _text(draft.blocks), autojunk=False).ratio()
    return ratio, _signature(recognise(original)), _signature(recognise(draft.blocks))


def _one_line(tmp_path: Path) -> Path:
    """review_yiyao.txt as pasted from a web page: one line, paragraphs left as full-width indents."""
    lines = [t for t in (SPEECHES / "review_yiyao.txt").read_text(encoding="utf-8").splitlines() if t]
    p = tmp_path / "pasted.txt"
    p.write_text("\u3000\u3000".join(lines), encoding="utf-8")
    return p


def _auto_numbered(tmp_path: Path) -> Path:
    auto_numbered_docx(SPEECHES / "review_yiyao.txt", tmp_path / "auto.docx")
    return tmp_path / "auto.docx"


SOURCES = {
    **{name: (lambda tmp, n=name: SPEECHES / n) for name in (
        "review_yiyao.txt", "annual_paragraphs.txt", "quarterly_subheadings.md", "superior_jidian.txt",
        "inline_requirements.txt")},
    **{name: (lambda tmp, n=name: REF / n) for name in (
        "000_a1ea94e80e9ae9fe.txt", "001_d9529b1d7920d0a1.txt", "002_c6cb7a506b7bcfc4.txt")},
    "auto-numbered.docx": _auto_numbered,
    "pasted-on-one-line.txt": _one_line,
}


@pytest.mark.parametrize("name", list(SOURCES))
def test_rendering_an_imported_brief_gives_back_the_original(tmp_path, name):
    source = SOURCES[name](tmp_path)
    if not source.exists():
        pytest.skip("reference speeches not available")
    ratio, before, after = fidelity(source, tmp_path)
    assert after == before
    assert ratio >= MIN_RATIO, f"{name}: {ratio:.4f}"
