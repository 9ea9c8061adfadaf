"""The examples as a writer opens them: every layout profile, the PDF format, a unit's Word template,
and the review copy's comments in LibreOffice.

LibreOffice tests skip where soffice is missing, except in CI (the CI variable), where they must run.
"""

import os
import zipfile

import pytest

from docx_helpers import CONFORMANCE, conformance, open_docx
from drafter.output.layout import builtin_profiles
from drafter.main import LayoutOptions, render_brief
from drafter.output.pdf import convert, find_soffice
from cli_helpers import drafter
from update_golden import EXAMPLES


def need_soffice():
    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but LibreOffice (soffice) is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")


@pytest.mark.skipif(not CONFORMANCE.exists(), reason="../shared/tools/docx_conformance.py not beside the repository")
@pytest.mark.parametrize("profile", builtin_profiles())
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_every_profile_renders_every_example_without_must_failures(tmp_path, example, profile):
    out = tmp_path / f"{example.stem}-{profile}.docx"
    render_brief(example, output=out, layout=LayoutOptions(profile=profile))
    code, output = conformance(out)
    assert code == 0 and " 0 MUST failures" in output, output


def test_reference_doc_styles_are_taken_from_the_units_template(tmp_path):
    import docx
    from docx.shared import Mm, Pt

    from docx_helpers import attr, w

    unit = tmp_path / "单位模板.docx"
    render_brief(EXAMPLES[0], output=unit)
    template = docx.Document(str(unit))
    template.styles["讲话正文"].font.size = Pt(15)
    template.sections[0].left_margin = Mm(30)
    template.save(str(unit))
    r = drafter("render", EXAMPLES[0], "--reference-doc", unit, "-o", tmp_path / "out.docx", "-q")
    assert r.returncode == 0, r.stderr
    out = open_docx((tmp_path / "out.docx").read_bytes())
    body = out.style("SpeechBody") if any(
        attr(st, "styleId") == "SpeechBody" for st in out.xml("word/styles.xml").iter(w("style"))) else None
    sizes = [attr(st.find(f"{w('rPr')}/{w('sz')}"), "val") for st in out.xml("word/styles.xml").iter(w("style"))
             if st.find(w("name")) is not None and attr(st.find(w("name")), "val") == "讲话正文"]
    assert sizes == ["30"], (sizes, body)
    left = attr(out.xml("word/document.xml").find(f".//{w('pgMar')}"), "left")
    assert abs(int(left) - 1701) <= 2
    r = drafter("render", EXAMPLES[0], "--reference-doc", tmp_path / "missing.docx", "-o", tmp_path / "x.docx")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert not (tmp_path / "x.docx").exists()


def test_format_pdf_through_libreoffice(tmp_path):
    need_soffice()
    r = drafter("render", EXAMPLES[0], "-f", "pdf", "-o", tmp_path / "讲话.pdf", "-q")
    assert r.returncode == 0, r.stderr
    data = (tmp_path / "讲话.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data or b"/Type/Page" in data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["讲话.pdf"]


def test_format_pdf_without_libreoffice_says_what_to_install(tmp_path):
    r = drafter("render", EXAMPLES[0], "-f", "pdf", "-o", tmp_path / "讲话.pdf",
                env_extra={"DRAFTER_SOFFICE": str(tmp_path / "no-soffice"), "PATH": "/nonexistent"})
    assert r.returncode == 1
    assert "LibreOffice" in r.stderr and "Traceback" not in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_review_copy_opens_in_libreoffice_with_its_comments(tmp_path):
    need_soffice()
    r = drafter("new", "review", cwd=tmp_path)
    assert r.returncode == 0
    r = drafter("render", "review.yaml", "--review", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    odt = tmp_path / "review.odt"
    convert(tmp_path / "review.review.docx", odt, "odt")
    with zipfile.ZipFile(odt) as z:
        content = z.read("content.xml").decode("utf-8")
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == 9  # 6 placeholders, 1 tense, 2 length on the title
    assert "占位符「X」未填写" in content
