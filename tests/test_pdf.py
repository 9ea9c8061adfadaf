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

import docx
import pytest

from drafter.speech.blocks import Block, Kind, Run
from drafter.output.layout import LayoutProfile, load_profile, reading_copy
from drafter.output.pdf import PdfError, convert, convert_to_pdf, find_soffice
from drafter.output.pagination import paginate_profile
from drafter.output.wordfile import build_docx

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
    model = paginate_profile(speech(), profile)
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


def test_characters_on_a_full_body_line(rendered):
    profile, pages = rendered
    counts = Counter(len(ln.text) for _, _, lines in pages[1:-1] for ln in split(profile, lines)[0])
    assert counts.most_common(1)[0][0] == profile.chars_per_line()
    assert max(counts) == profile.chars_per_line()


def test_text_inside_the_type_area(rendered):
    profile, pages = rendered
    left, right = profile.margin_left / 20, (profile.page_width - profile.margin_right) / 20
    top, bottom = profile.margin_top / 20, (profile.page_height - profile.margin_bottom) / 20
    if profile.name.startswith("gbt9704") or profile.name == "centered":
        assert (round(left / MM), round(right / MM), round(top / MM), round(bottom / MM)) == (28, 184, 37, 262)
    for n, (_, _, lines) in enumerate(pages, start=1):
        body, _ = split(profile, lines)
        for ln in body:
            assert left - 0.5 <= ln.x0 and ln.x1 <= right + 0.5, (n, ln)
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
