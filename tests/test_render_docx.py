"""The bundled examples, rendered to .docx end to end and reopened: styles, runs, properties, layout."""

import hashlib
import re
import shutil

import pytest

from docx_helpers import CONFORMANCE, attr, conformance, open_docx, w
from drafter.speech.blocks import Kind
from drafter.main import make_draft, render_brief
from update_golden import EXAMPLES

STYLE_OF_KIND = {Kind.TITLE: "SpeechTitle", Kind.SUBTITLE: "SpeechSubtitle", Kind.BYLINE: "SpeechByline",
                 Kind.DATE: "SpeechDate", Kind.PARAGRAPH: "SpeechBody"}


@pytest.fixture(params=EXAMPLES, ids=[e.stem for e in EXAMPLES])
def rendered(request, tmp_path):
    example = request.param
    out = tmp_path / f"{example.stem}.docx"
    outcome = render_brief(example, output=out)
    return example, out, outcome.draft, open_docx(out.read_bytes())


def test_every_block_is_one_paragraph_with_its_named_style(rendered):
    _, _, draft, doc = rendered
    paragraphs = doc.body_paragraphs()
    styles = doc.paragraph_styles()
    assert len(paragraphs) == len(draft.blocks)
    for block, p, style in zip(draft.blocks, paragraphs, styles):
        text = "".join(t.text or "" for t in p.iter(w("t")))
        assert text == block.text
        if block.kind is Kind.HEADING:
            assert style == f"Heading{block.level}CN"
        elif block.kind is Kind.SALUTATION:
            assert text == "同志们："
        else:
            assert style == STYLE_OF_KIND[block.kind]


def test_headings_carry_outline_levels_in_their_styles(rendered):
    _, _, draft, doc = rendered
    levels = {b.level for b in draft.blocks if b.kind is Kind.HEADING}
    for level in levels:
        ppr = doc.style(f"Heading{level}CN").find(w("pPr"))
        assert attr(ppr.find(w("outlineLvl")), "val") == str(level - 1)


def test_only_lead_sentences_are_bold(rendered):
    _, _, draft, doc = rendered
    for block, p in zip(draft.blocks, doc.body_paragraphs()):
        bold_runs = [("".join(t.text or "" for t in r.iter(w("t"))))
                     for r in p.iter(w("r")) if r.find(f"{w('rPr')}/{w('b')}") is not None]
        expected = [r.text for r in block.runs if r.bold]
        assert bold_runs == expected
        for lead in expected:
            assert block.text.startswith(lead) and re.fullmatch(r"[^。！？]+[。！？]", lead)


def test_date_line_and_properties(rendered):
    example, _, draft, doc = rendered
    dates = [b.text for b in draft.blocks if b.kind is Kind.DATE]
    assert len(dates) == 1 and re.fullmatch(r"（\d{4}年[1-9]\d?月[1-9]\d?日）", dates[0])
    custom = doc.text("docProps/custom.xml")
    assert hashlib.sha256(example.read_bytes()).hexdigest() in custom
    core = doc.document.core_properties
    assert core.title == "".join(b.text for b in draft.blocks if b.kind is Kind.TITLE)


@pytest.mark.skipif(not CONFORMANCE.exists(), reason="../shared/tools/docx_conformance.py not beside the repository")
def test_examples_pass_the_layout_checker(rendered):
    _, out, _, _ = rendered
    code, output = conformance(out)
    assert code == 0, output
    assert " 0 MUST failures" in output


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_same_brief_gives_the_same_draft_and_variants_differ(example):
    first = make_draft(example).markup
    assert make_draft(example).markup == first
    others = {make_draft(example, variant=v).markup for v in range(1, 6)}
    assert len(others) == 5


def test_render_reads_a_brief_outside_the_repository(tmp_path):
    src = EXAMPLES[0]
    brief = tmp_path / "我的简报.yaml"
    shutil.copy(src, brief)
    outcome = render_brief(brief)
    assert outcome.path == tmp_path / "我的简报.docx" and outcome.path.exists()


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_examples_render_without_warnings(example):
    from drafter.checks.inputs import check_draft

    findings, _ = check_draft(make_draft(example))
    assert [f for f in findings if f.severity in ("error", "warning")] == []
