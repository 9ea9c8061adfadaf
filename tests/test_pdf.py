"""Renderings in a real office suite: .docx → LibreOffice → PDF, measured from the PDF's text positions.

Text positions come from poppler's ``pdftotext -bbox-layout`` (Debian package poppler-utils): one
``<line>`` per printed line with its box in points (origin top left). The tests need LibreOffice
and pdftotext; without them they skip with the reason, unless the environment variable CI is set,
where they fail (CI installs: libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai
fonts-arphic-uming poppler-utils).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from drafter.speech.blocks import Block, Kind, Run
from drafter.output.layout import LayoutProfile, load_profile, reading_copy
from drafter.output.pdf import convert, convert_to_pdf, find_soffice, run_soffice
from drafter.output.pagination import Grid, settle
from drafter.output.wordfile import build_docx
from drafter.errors import PdfError

MM = 72 / 25.4  # points per millimetre
P = Block.plain


@pytest.fixture(scope="module", autouse=True)
def office():
    missing = [name for name, ok in (("LibreOffice (soffice)", find_soffice()),
                                     ("pdftotext (poppler-utils)", shutil.which("pdftotext"))) if not ok]
    if missing:
        reason = "not installed: " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}")
        pytest.skip(reason)


# text without Latin letters or digits, so every character is one full-width cell
CJK = ("党的建设是一项伟大工程必须坚持全面从严治党以党的政治建设为统领坚定理想信念宗旨把党建设得更加坚强有力"
       "各级党组织要切实担负起管党治党政治责任层层传导压力推动全面从严治党向纵深发展向基层延伸")


def speech(paragraphs: int = 30) -> list[Block]:
    blocks = [P(Kind.TITLE, "在全区党建工作会议上的讲话"), P(Kind.BYLINE, "区委书记　张三"),
              P(Kind.DATE, "（2026年2月15日）"), P(Kind.SALUTATION, "同志们：")]
    for i in range(paragraphs):
        if i % 10 == 0:
            blocks.append(P(Kind.HEADING, "一二三四五六七八九十"[i // 10] + "、加强党的建设", level=1))
        text = (CJK[i % 17:] + CJK)[: 150 + (i * 37) % 120] + "。"
        blocks.append(Block(Kind.PARAGRAPH, (Run("一要" + text[:6] + "。", bold=True), Run(text))))
    return blocks


@dataclass
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pages_of(pdf) -> list[tuple[float, float, list[Line]]]:
    """(width, height, lines) of every page, from pdftotext -bbox-layout."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", out))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for ln in page.iterfind(".//h:line", ns):
            text = "".join(wd.text or "" for wd in ln.iterfind("h:word", ns))
            lines.append(Line(text, *(float(ln.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
        pages.append((float(page.get("width")), float(page.get("height")), lines))
    return pages


def render(tmp_path, profile: LayoutProfile, blocks=None) -> list:
    path = tmp_path / f"{profile.name}.docx"
    path.write_bytes(build_docx(blocks or speech(), profile=profile))
    pdf = tmp_path / f"{profile.name}.pdf"
    convert_to_pdf(path, pdf)
    return pages_of(pdf)


def unit_profile(tmp_path) -> LayoutProfile:
    path = tmp_path / "unit.yaml"
    path.write_text("base: gbt9704\nline_spacing: 30pt\ngrid_line_pitch: 30pt\ntitle_line_spacing: 35pt\n"
                    "char_spacing: 0pt\nroles:\n  heading2: {bold: true}\n", encoding="utf-8")
    return load_profile(path)


PROFILES = {
    "gbt9704": lambda tmp: load_profile("gbt9704"),
    "centered": lambda tmp: load_profile("centered"),
    "unit": unit_profile,
    "reading": lambda tmp: reading_copy(load_profile()),
}


@pytest.fixture(scope="module", params=list(PROFILES))
def rendered(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(request.param)
    profile = PROFILES[request.param](tmp)
    return profile, render(tmp, profile)


def split(profile: LayoutProfile, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """(type-area lines, footer lines) of a page."""
    bottom = (profile.page_height - profile.margin_bottom) / 20
    return [ln for ln in lines if ln.y0 < bottom], [ln for ln in lines if ln.y0 >= bottom]


def rows_of(lines: list[Line]) -> list[float]:
    """The distinct rows of a page (pdftotext splits a line at a wide space into two <line>s)."""
    rows: list[float] = []
    for y in sorted(ln.y0 for ln in lines):
        if not rows or y - rows[-1] > 8:
            rows.append(y)
    return rows


def test_expected_numbers_per_profile(rendered):
    profile, _ = rendered
    expect = {"gbt9704": (22, 28), "centered": (22, 28), "unit": (21, 27), "gbt9704-reading": (17, 20)}
    assert (profile.lines_per_page(), profile.chars_per_line()) == expect[profile.name]


def test_a4_and_rows_on_every_page_as_the_page_model_says(rendered):
    """Every page holds the rows drafter's own page model (drafter.output.pagination) gives it: 22
    (or 21 where widow control moved a line, or where a heading went over with its paragraph)."""
    profile, pages = rendered
    assert len(pages) >= 3
    for width, height, lines in pages:
        assert abs(width - profile.page_width / 20) < 1 and abs(height - profile.page_height / 20) < 1
    model = settle(speech(), Grid.of(profile))
    rows = [len(rows_of(split(profile, lines)[0])) for _, _, lines in pages]
    assert rows == [model.lines_on(i) for i in range(model.page_count())]
    assert sum(r < profile.lines_per_page() for r in rows[:-1]) <= len(pages) // 2


def test_rows_are_the_line_spacing_apart(rendered):
    profile, pages = rendered
    pitch = profile.line_spacing / 20
    for _, _, lines in pages[1:-1]:  # pages of body text only: one font, so glyph tops line up
        tops = [ln.y0 for ln in split(profile, lines)[0]]
        steps = [b - a for a, b in zip(tops, tops[1:])]
        assert all(abs(s - pitch) < 1.2 for s in steps), steps
        assert abs((tops[-1] - tops[0]) / (len(tops) - 1) - pitch) < 0.1


HANGING = "，。、．,."


def test_characters_on_a_full_body_line(rendered):
    profile, pages = rendered
    counts = Counter(len(ln.text.rstrip(HANGING)) for _, _, lines in pages[1:-1] for ln in split(profile, lines)[0])
    assert counts.most_common(1)[0][0] == profile.chars_per_line()
    assert max(counts) == profile.chars_per_line()


def test_text_inside_the_type_area(rendered):
    """Every line inside the type area, but for a 。，、 hanging in the right margin after a full line."""
    profile, pages = rendered
    left, right = profile.margin_left / 20, (profile.page_width - profile.margin_right) / 20
    top, bottom = profile.margin_top / 20, (profile.page_height - profile.margin_bottom) / 20
    if profile.name.startswith("gbt9704") or profile.name == "centered":
        assert (round(left / MM), round(right / MM), round(top / MM), round(bottom / MM)) == (28, 184, 37, 262)
    cell = profile.body.size / 2
    for n, (_, _, lines) in enumerate(pages, start=1):
        body, _ = split(profile, lines)
        for ln in body:
            hang = cell if ln.text[-1:] in HANGING else 0
            assert left - 0.5 <= ln.x0 and ln.x1 <= right + 0.5 + hang, (n, ln)
            assert top - 0.5 <= ln.y0 and ln.y1 <= bottom + 0.5, (n, ln)


def test_page_number_placement(rendered):
    profile, pages = rendered
    left, right = profile.margin_left / 20, (profile.page_width - profile.margin_right) / 20
    bottom = (profile.page_height - profile.margin_bottom) / 20
    inset = profile.page_number_inset / 20
    for n, (_, _, lines) in enumerate(pages, start=1):
        _, foot = split(profile, lines)
        assert len(foot) == 1, (n, foot)
        ln = foot[0]
        assert re.fullmatch(rf"—\s*{n}\s*—", ln.text), ln.text
        # the dashes sit at the middle of the line box: GB/T 9704 puts them 7 mm below the type area
        below = ((ln.y0 + ln.y1) / 2 - bottom) / MM
        assert 6 <= below <= 8.5, f"page {n}: page number {below:.1f} mm below the type area"
        if profile.page_number_placement == "outer":
            if n % 2:
                assert abs(ln.x1 - (right - inset)) < 1.5, (n, ln)
            else:
                assert abs(ln.x0 - (left + inset)) < 1.5, (n, ln)
        else:
            assert abs((ln.x0 + ln.x1) / 2 - (left + right) / 2) < 1.5, (n, ln)


def test_round_trip_through_libreoffice_keeps_styles_and_outline(tmp_path):
    blocks = speech(8) + [P(Kind.HEADING, "（一）加强组织建设", level=2), P(Kind.HEADING, "1.抓好班子", level=3),
                          P(Kind.HEADING, "（1）建强支部", level=4), P(Kind.PARAGRAPH, "谢谢大家。")]
    src = tmp_path / "draft.docx"
    src.write_bytes(build_docx(blocks))
    out = tmp_path / "roundtrip.docx"
    convert(src, out, "docx:MS Word 2007 XML")
    before = docx.Document(io.BytesIO(src.read_bytes()))
    after = docx.Document(str(out))
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def outline(style) -> str | None:
        while style is not None:
            el = style.element.find(f"{W}pPr/{W}outlineLvl")
            if el is not None:
                return el.get(f"{W}val")
            style = style.base_style
        return None

    levels = {p.style.name: outline(p.style) for p in after.paragraphs}
    assert {k: levels[k] for k in ("一级标题", "二级标题", "三级标题", "四级标题")} == \
        {"一级标题": "0", "二级标题": "1", "三级标题": "2", "四级标题": "3"}
    assert levels["讲话正文"] in (None, "9")


def test_missing_soffice_is_a_clear_chinese_error(tmp_path, monkeypatch):
    src = tmp_path / "a.docx"
    src.write_bytes(build_docx(speech(1)))
    monkeypatch.setenv("DRAFTER_SOFFICE", str(tmp_path / "no-such-soffice"))
    with pytest.raises(PdfError) as err:
        convert_to_pdf(src, tmp_path / "a.pdf")
    assert err.value.render().startswith("错误：没有找到 LibreOffice（soffice），无法生成 PDF\n    提示：安装 LibreOffice")
    assert not (tmp_path / "a.pdf").exists()


# ---------------------------------------------------------------- pages a writer can print as they are

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = 10


def convert_many(paths: list[Path], target: str, outdir: Path) -> None:
    """Convert several files in one LibreOffice start (a start costs seconds)."""
    work = outdir / "lo-work"
    work.mkdir(exist_ok=True)
    proc = run_soffice(["--convert-to", target, "--outdir", str(outdir), *map(str, paths)], work)
    assert proc.returncode == 0, proc.stderr


def point_form_briefs(folder: Path) -> list[Path]:
    """Every example whose opinions have points, with ``point_form: （一）`` (the points become level-2 headings)."""
    out = []
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        text = example.read_text(encoding="utf-8")
        if not re.search(r"^  point_form: ", text, re.M):
            continue
        brief = folder / example.name
        brief.write_text(re.sub(r"^  point_form: .*$", "  point_form: （一）", text, flags=re.M), encoding="utf-8")
        out.append(brief)
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """(blocks, pages) of every point-form example in ten variants, all converted in one LibreOffice start."""
    from drafter.main import format_draft, make_draft

    tmp = tmp_path_factory.mktemp("variants")
    drafts, paths = [], []
    for brief in point_form_briefs(tmp):
        for variant in range(1, VARIANTS + 1):
            draft = make_draft(brief, variant=variant)
            path = tmp / f"{brief.stem}-{variant}.docx"
            path.write_bytes(format_draft(draft, "docx"))
            drafts.append(draft)
            paths.append(path)
    assert len(paths) >= 2 * VARIANTS
    convert_many(paths, "pdf:writer_pdf_Export", tmp)
    return [(d.blocks, pages_of(p.with_suffix(".pdf"))) for d, p in zip(drafts, paths)]


def test_point_form_examples_have_level_2_headings(printed):
    assert all(any(b.kind == Kind.HEADING and b.level == 2 for b in blocks) for blocks, _ in printed)


def test_no_heading_is_the_last_line_of_a_page(printed):
    profile = load_profile()
    for blocks, pages in printed:
        headings = {b.text for b in blocks if b.kind == Kind.HEADING}
        for n, (_, _, lines) in enumerate(pages[:-1], start=1):
            body = sorted(split(profile, lines)[0], key=lambda ln: (ln.y0, ln.x0))
            last_row = [ln for ln in body if ln.y0 >= body[-1].y0 - 8]
            text = "".join(ln.text for ln in last_row).replace(" ", "")
            assert text not in headings, f"page {n} ends with the heading {text}"


def test_no_last_page_under_three_lines(printed):
    profile = load_profile()
    for blocks, pages in printed:
        assert len(rows_of(split(profile, pages[-1][2])[0])) >= 3, blocks[0].text


def test_no_page_starts_with_a_paragraphs_lone_last_line(printed):
    profile = load_profile()
    indented = (profile.margin_left + profile.body.first_line_twips) / 20
    for blocks, pages in printed:
        for n, (_, _, lines) in enumerate(pages[1:], start=2):
            body = sorted(split(profile, lines)[0], key=lambda ln: (ln.y0, ln.x0))
            rows = rows_of(body)
            first = [ln for ln in body if ln.y0 < rows[0] + 8]
            continues = min(ln.x0 for ln in first) < indented - 1  # not a paragraph's indented first line
            if continues and len(rows) > 1:
                second = [ln for ln in body if rows[1] - 1 < ln.y0 < rows[1] + 8]
                assert min(ln.x0 for ln in second) < indented - 1, f"page {n} starts with a lone last line"


def test_the_page_model_gives_the_page_count(printed):
    """drafter's page model (no office suite) gives each draft's page count; lines a page may differ
    by one where its line breaks of numbers and punctuation differ from LibreOffice's."""
    profile = load_profile()
    counts = []
    for blocks, pages in printed:
        model = settle(blocks, Grid.of(profile))
        counts.append((len(pages), model.page_count()))
    print("page counts (LibreOffice, model):", counts)
    assert all(abs(lo - model) <= 1 for lo, model in counts), counts
    assert sum(lo == model for lo, model in counts) >= 0.8 * len(counts), counts


def test_a_save_in_libreoffice_keeps_every_line_break(tmp_path):
    """Open the draft in LibreOffice, save it as .docx, and print both: the same lines on the same pages."""
    src = tmp_path / "draft.docx"
    blocks = speech(30) + [P(Kind.HEADING, "（一）加强组织建设", level=2),
                           P(Kind.PARAGRAPH, "全年发展党员1250名，完成率96.5%，比2025年提高3.2个百分点。" * 4)]
    src.write_bytes(build_docx(blocks))
    saved_dir = tmp_path / "saved"
    saved_dir.mkdir()
    convert_many([src], "docx:MS Word 2007 XML", saved_dir)
    saved = saved_dir / "draft.docx"
    again = tmp_path / "again"
    again.mkdir()
    shutil.copy(saved, again / "saved.docx")
    convert_many([src, again / "saved.docx"], "pdf:writer_pdf_Export", tmp_path)

    def text(pdf: Path) -> str:
        return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True,
                              text=True).stdout

    before, after = text(tmp_path / "draft.pdf"), text(tmp_path / "saved.pdf")
    assert before.count("\f") == after.count("\f")
    assert [ln.strip() for ln in before.splitlines()] == [ln.strip() for ln in after.splitlines()]
    # the two-character indent survives as its twips form (LibreOffice 7.4 drops w:firstLineChars itself)
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    d = docx.Document(str(saved))
    body = d.styles["讲话正文"].element.find(f"{W}pPr/{W}ind")
    assert body.get(f"{W}firstLine") == "640"
    assert abs(d.sections[0].header_distance.twips - load_profile().header_distance) <= 20


def test_the_review_copy_pdf_shows_each_comment_as_a_note(tmp_path):
    """``render --review -f pdf``: every Word comment of the review copy is a PDF text annotation."""
    from cli_helpers import drafter

    r = drafter("new", "review", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = drafter("render", "review.yaml", "--review", "-f", "pdf", "-q", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = drafter("render", "review.yaml", "--review", "-q", cwd=tmp_path)
    comments = list(docx.Document(str(tmp_path / "review.review.docx")).comments)
    pdf = (tmp_path / "review.review.pdf").read_bytes()
    notes = re.findall(rb"/Subtype\s*/Text\b", pdf)
    assert len(comments) == 9 and len(notes) == len(comments)
