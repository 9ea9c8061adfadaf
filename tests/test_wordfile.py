"""The .docx writer: reopen what build_docx returns and check styles, XML numbers, footers, properties."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx.enum.text import WD_COLOR_INDEX

from drafter.speech.blocks import Block, Kind, Run
from drafter.output.layout import load_profile
from drafter.output.wordfile import DocProperties, build_docx
from tests.docx_helpers import CONFORMANCE, attr, conformance, open_docx, w
from drafter.errors import ReferenceDocError

P = Block.plain
LONG = "我们要坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，深入落实新时代党的建设总要求，" * 5

BLOCKS = [
    P(Kind.TITLE, "在全区2026年党建工作会议"),
    P(Kind.TITLE, "上的讲话"),
    P(Kind.BYLINE, "区委书记  张三"),
    P(Kind.DATE, "（2026年2月15日）"),
    P(Kind.SALUTATION, "同志们："),
    P(Kind.PARAGRAPH, "今天召开全区党建工作会议，主要任务是总结工作、部署任务。"),
    P(Kind.HEADING, "一、提高政治站位", level=1),
    P(Kind.HEADING, "（一）强化理论武装", level=2),
    Block(Kind.PARAGRAPH, (Run("一要强化理论武装。", bold=True), Run("要把学习贯彻党的创新理论作为首要政治任务。"))),
    P(Kind.PARAGRAPH, LONG),
    P(Kind.HEADING, "二、狠抓工作落实", level=1),
    P(Kind.PARAGRAPH, "同志们，让我们更加紧密地团结起来，奋力谱写新篇章！"),
]
EXPECTED_STYLES = ["SpeechTitle", "SpeechTitle", "SpeechByline", "SpeechDate", "Salutation", "SpeechBody",
                   "Heading1CN", "Heading2CN", "SpeechBody", "SpeechBody", "Heading1CN", "SpeechBody"]
PROPS = DocProperties(title="在全区2026年党建工作会议上的讲话", author="中共某某区委", created=datetime.date(2026, 2, 15),
                      drafter_version="0.1.0", brief_hash="sha256:abc123")


@pytest.fixture(scope="module")
def doc():
    return open_docx(build_docx(BLOCKS, properties=PROPS))


def test_each_paragraph_has_its_named_style(doc):
    assert doc.paragraph_styles() == EXPECTED_STYLES
    names = [p.style.name for p in doc.document.paragraphs]
    assert names[:6] == ["讲话标题", "讲话标题", "讲话署名", "讲话日期", "称谓", "讲话正文"]
    assert names[6:8] == ["一级标题", "二级标题"]
    assert [p.text for p in doc.document.paragraphs] == [b.text for b in BLOCKS]


def test_every_heading_keeps_with_its_paragraph_and_stays_whole(doc):
    for sid in ("Heading1CN", "Heading2CN", "Heading3CN", "Heading4CN"):
        ppr = doc.style(sid).find(w("pPr"))
        assert (attr(ppr.find(w("keepNext")), "val"), attr(ppr.find(w("keepLines")), "val")) == ("1", "1"), sid


def test_line_breaking_settings_are_written_out(doc):
    normal = doc.style("Normal").find(w("pPr"))
    got = {tag: attr(normal.find(w(tag)), "val") for tag in
           ("kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "adjustRightInd")}
    # overflowPunct absent: the one state LibreOffice keeps through a save (see docx_styles)
    assert got == {"kinsoku": "1", "wordWrap": "1", "overflowPunct": None, "topLinePunct": "0", "autoSpaceDE": "0",
                   "autoSpaceDN": "0", "adjustRightInd": "0"}
    settings = doc.xml("word/settings.xml")
    assert attr(settings.find(w("characterSpacingControl")), "val") == "doNotCompress"
    modes = {attr(s, "name"): attr(s, "val") for s in settings.find(w("compat"))}
    assert modes["compatibilityMode"] == "15"


def test_headings_carry_outline_levels(doc):
    for sid, level in (("Heading1CN", "0"), ("Heading2CN", "1"), ("Heading3CN", "2"), ("Heading4CN", "3")):
        assert attr(doc.style(sid).find(f"{w('pPr')}/{w('outlineLvl')}"), "val") == level
    assert doc.style("SpeechBody").find(f"{w('pPr')}/{w('outlineLvl')}") is None


def test_page_setup_numbers(doc):
    sect = doc.xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}")
    assert len(list(doc.xml("word/document.xml").iter(w("sectPr")))) == 1
    pg = sect.find(w("pgSz"))
    assert (attr(pg, "w"), attr(pg, "h")) == ("11906", "16838")
    mar = sect.find(w("pgMar"))
    assert {k: attr(mar, k) for k in ("top", "bottom", "left", "right", "footer", "gutter")} == \
        {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474", "footer": "1417", "gutter": "0"}
    grid = sect.find(w("docGrid"))
    assert (attr(grid, "type"), attr(grid, "linePitch")) == ("lines", "579")
    assert sect.find(w("titlePg")) is None
    # schema order: pgSz before pgMar before docGrid
    tags = [c.tag for c in sect]
    assert tags.index(w("pgSz")) < tags.index(w("pgMar")) < tags.index(w("docGrid"))


def test_body_style_numbers(doc):
    st = doc.style("SpeechBody")
    ppr, rpr = st.find(w("pPr")), st.find(w("rPr"))
    sp = ppr.find(w("spacing"))
    assert (attr(sp, "line"), attr(sp, "lineRule"), attr(sp, "before"), attr(sp, "after")) == ("579", "exact", "0", "0")
    ind = ppr.find(w("ind"))
    assert (attr(ind, "firstLineChars"), attr(ind, "firstLine")) == ("200", "640")
    assert attr(ppr.find(w("jc")), "val") == "both"
    assert attr(ppr.find(w("widowControl")), "val") == "1"  # widow and orphan control on body text only
    assert attr(doc.style("Normal").find(f"{w('pPr')}/{w('widowControl')}"), "val") == "0"
    fonts = rpr.find(w("rFonts"))
    assert attr(fonts, "eastAsia") == "仿宋_GB2312" and attr(fonts, "ascii") == "Times New Roman"
    assert attr(fonts, "hint") == "eastAsia"
    assert attr(rpr.find(w("sz")), "val") == "32"
    assert attr(rpr.find(w("spacing")), "val") == "-5"
    assert attr(rpr.find(w("lang")), "eastAsia") == "zh-CN"
    # pPr children in schema order: spacing before ind before jc
    tags = [c.tag for c in ppr]
    assert tags.index(w("spacing")) < tags.index(w("ind")) < tags.index(w("jc"))


@pytest.mark.parametrize("sid, font, size, align, first", [
    ("SpeechTitle", "方正小标宋简体", "44", "center", "0"),
    ("SpeechByline", "楷体_GB2312", "32", "center", "0"),
    ("SpeechDate", "楷体_GB2312", "32", "center", "0"),
    ("Salutation", "仿宋_GB2312", "32", "left", "0"),
    ("Heading1CN", "黑体", "32", "both", "640"),
    ("Heading2CN", "楷体_GB2312", "32", "both", "640"),
    ("PageNumber", "宋体", "28", None, None),
])
def test_role_styles(doc, sid, font, size, align, first):
    st = doc.style(sid)
    rpr, ppr = st.find(w("rPr")), st.find(w("pPr"))
    assert attr(rpr.find(w("rFonts")), "eastAsia") == font
    assert attr(rpr.find(w("sz")), "val") == size
    if align:
        assert attr(ppr.find(w("jc")), "val") == align
        assert attr(ppr.find(w("ind")), "firstLine") == first


def test_no_theme_fonts_anywhere_and_zh_cn(doc):
    styles = doc.xml("word/styles.xml")
    for fonts in styles.iter(w("rFonts")):
        assert not [a for a in fonts.attrib if a.lower().endswith("theme")], fonts.attrib
    lang = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    assert attr(lang, "eastAsia") == "zh-CN"
    assert attr(doc.xml("word/settings.xml").find(w("themeFontLang")), "eastAsia") == "zh-CN"
    normal = doc.style("Normal")
    sp = normal.find(f"{w('pPr')}/{w('spacing')}")
    assert attr(sp, "after") == "0" and attr(sp, "line") == "579"
    default_sp = styles.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}/{w('spacing')}")
    assert attr(default_sp, "after") == "0"


def test_bold_lead_is_the_only_direct_run_formatting(doc):
    paras = doc.body_paragraphs()
    runs = paras[8].findall(w("r"))
    assert [r.find(w("rPr")) is not None and r.find(f"{w('rPr')}/{w('b')}") is not None for r in runs] == [True, False]
    for p in paras:
        for r in p.findall(w("r")):
            rpr = r.find(w("rPr"))
            if rpr is not None:
                assert {c.tag for c in rpr} <= {w("b"), w("bCs")}
    assert doc.document.paragraphs[8].runs[0].bold is True


def _footer_text(root) -> str:
    return "".join(t.text or "" for t in root.iter(w("t")))


def test_outer_page_numbers(doc):
    assert doc.xml("word/settings.xml").find(w("evenAndOddHeaders")) is not None
    footers = doc.footers()
    assert set(footers) == {"default", "even"}
    for kind, side in (("default", "right"), ("even", "left")):
        ps = list(footers[kind].iter(w("p")))
        assert len(ps) == 1
        p = ps[0]
        assert _footer_text(p) == "— 1 —"
        assert "PAGE" in "".join(t.text for t in p.iter(w("instrText")))
        ppr = p.find(w("pPr"))
        assert attr(ppr.find(w("pStyle")), "val") == "PageNumber"
        assert attr(ppr.find(w("jc")), "val") == side
        ind = ppr.find(w("ind"))
        assert attr(ind, side) == "280" and attr(ind, "firstLine") == "0"


def test_centered_profile_has_one_centred_footer():
    d = open_docx(build_docx(BLOCKS, profile=load_profile("centered")))
    assert d.xml("word/settings.xml").find(w("evenAndOddHeaders")) is None
    footers = d.footers()
    assert set(footers) == {"default"}
    p = next(footers["default"].iter(w("p")))
    assert attr(p.find(f"{w('pPr')}/{w('jc')}"), "val") == "center"
    assert _footer_text(p) == "— 1 —"


def test_no_comments_and_no_highlight_by_default(doc):
    assert "word/comments.xml" not in doc.names
    assert not list(doc.xml("word/document.xml").iter(w("highlight")))


def test_comments_when_asked():
    d = open_docx(build_docx(BLOCKS, comments=[(5, "请核对会议名称"), (9, "套话较多，请压缩")]))
    comments = list(d.document.comments)
    assert [c.text for c in comments] == ["请核对会议名称", "套话较多，请压缩"]
    assert {c.author for c in comments} == {"drafter"}
    paras = d.body_paragraphs()
    assert paras[5].find(w("commentRangeStart")) is not None
    assert paras[9].find(w("commentRangeStart")) is not None
    assert paras[6].find(w("commentRangeStart")) is None


def test_highlights_split_runs_on_the_spans():
    d = open_docx(build_docx(BLOCKS, highlights={8: [(2, 6), (12, 14)], 5: [(0, 2)]}))
    para = d.document.paragraphs[8]
    got = [(r.text, bool(r.bold), r.font.highlight_color) for r in para.runs]
    text = BLOCKS[8].text
    assert "".join(t for t, _, _ in got) == text
    yellow = [t for t, _, h in got if h == WD_COLOR_INDEX.YELLOW]
    assert yellow == [text[2:6], text[12:14]]
    # the bold lead stays bold across the split: 一要 | 强化理论 | 武装。
    assert [(t, b) for t, b, _ in got[:3]] == [("一要", True), ("强化理论", True), ("武装。", True)]
    assert [r.text for r in d.document.paragraphs[5].runs if r.font.highlight_color] == ["今天"]


def test_properties(doc):
    core = doc.document.core_properties
    assert core.title == PROPS.title and core.author == "中共某某区委"
    assert core.created.date() == datetime.date(2026, 2, 15)
    custom = doc.xml("docProps/custom.xml")
    vals = {p.get("name"): "".join(p.itertext()) for p in custom}
    document_hash = hashlib.sha256(zipfile.ZipFile(io.BytesIO(doc.data)).read("word/document.xml")).hexdigest()
    assert vals == {"drafter_version": "0.1.0", "brief_hash": "sha256:abc123", "drafter_content_hash": document_hash}
    assert "docProps/custom.xml" in doc.text("[Content_Types].xml")
    assert "custom-properties" in doc.text("_rels/.rels")


def test_same_input_same_bytes():
    assert build_docx(BLOCKS, properties=PROPS) == build_docx(BLOCKS, properties=PROPS)


PART_ORDER_HEAD = ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
PART_ORDER_TAIL = ["docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"]


def test_zip_members_are_dated_1980_with_mode_644_and_check_out():
    data = build_docx(BLOCKS, properties=PROPS)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        infos = z.infolist()
    names = [i.filename for i in infos]
    assert names[:3] == PART_ORDER_HEAD and names[-3:] == PART_ORDER_TAIL
    assert {"word/styles.xml", "word/settings.xml", "word/fontTable.xml", "word/_rels/document.xml.rels"} <= set(names)
    assert len(set(names)) == len(names)
    for info in infos:
        assert info.date_time == (1980, 1, 1, 0, 0, 0), info.filename
        assert info.external_attr == 0o644 << 16, info.filename
        assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
        assert info.flag_bits == 0 and info.extra == b"" and info.comment == b"", info.filename


def test_shipped_bases_are_what_the_builder_makes_now():
    """The built-in profiles' base packages in drafter/data/docx are golden files: rebuilt here and
    compared byte for byte (run ``python -m drafter.output.docx_bases`` after changing the styles)."""
    from drafter.output.docx_bases import builtin_bases
    from drafter.output.wordfile import BASE_DIR, base_package

    wanted = builtin_bases()
    assert sorted(p.name for p in BASE_DIR.glob("*.docx")) == sorted(wanted)
    for name, profile in wanted.items():
        assert (BASE_DIR / name).read_bytes() == base_package(profile), name


def test_a_unit_profile_gets_the_same_package_built_on_the_call(tmp_path):
    path = tmp_path / "unit.yaml"
    path.write_text("base: gbt9704\nroles:\n  heading2: {bold: true}\n", encoding="utf-8")
    d = open_docx(build_docx(BLOCKS, profile=load_profile(path), properties=PROPS))
    assert d.paragraph_styles() == EXPECTED_STYLES
    assert attr(d.style("Heading2CN").find(f"{w('rPr')}/{w('b')}"), "val") == "1"
    plain = open_docx(build_docx(BLOCKS, properties=PROPS))
    assert d.names == plain.names


def test_a_bad_heading_level_is_still_refused():
    with pytest.raises(ValueError, match="heading level 5 outside 1-4"):
        build_docx([P(Kind.HEADING, "五级", level=5)])


def test_text_is_escaped_and_kept():
    blocks = [P(Kind.TITLE, "关于<党建>&“工作”的讲话"), P(Kind.SALUTATION, "同志们："), P(Kind.PARAGRAPH, "  a < b & c  ")]
    d = open_docx(build_docx(blocks))
    assert [p.text for p in d.document.paragraphs] == ["关于<党建>&“工作”的讲话", "同志们：", "  a < b & c  "]


@pytest.mark.skipif(not CONFORMANCE.is_file(), reason=f"layout checker {CONFORMANCE} not present")
@pytest.mark.parametrize("name", ["gbt9704", "centered"])
def test_conformance_checker_finds_no_must_failure(tmp_path, name):
    path = tmp_path / f"{name}.docx"
    path.write_bytes(build_docx(BLOCKS, profile=load_profile(name), properties=PROPS))
    code, out = conformance(path)
    assert code == 0, out
    assert re.search(r": 0 MUST failures", out), out


def _reference(tmp_path, paper=(210, 297), margins=(37, 35, 28, 26), footer=25, styles=None):
    """A unit template made with python-docx: paper and margins (top, bottom, left, right) in mm, and
    paragraph styles name → (east Asian font, size in pt, bold)."""
    import docx as python_docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt

    ref = python_docx.Document()
    for name, (font, size, bold) in (styles or {}).items():
        st = ref.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        st.font.size, st.font.bold = Pt(size), bold
        st.element.get_or_add_rPr().get_or_add_rFonts().set(w("eastAsia"), font)
        st.element.get_or_add_pPr().get_or_add_keepNext().set(w("val"), "0")
    ref.styles.add_style("单位自用", WD_STYLE_TYPE.PARAGRAPH)
    sec = ref.sections[0]
    sec.page_width, sec.page_height = Mm(paper[0]), Mm(paper[1])
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Mm(m) for m in margins)
    sec.footer_distance = Mm(footer)
    path = tmp_path / "unit.docx"
    ref.save(path)
    return path


REFERENCES = {
    # name: (template, expected page numbers (w, h, top, bottom, left, right, footer) in twips, words in the notes)
    "letter paper": (dict(paper=(215.9, 279.4), margins=(25, 25, 25, 25), footer=12.7),
                     (11906, 16838, 2098, 1984, 1587, 1474, 1417),
                     ["纸张是 Letter（215.9mm×279.4mm），未采用：讲话稿仍用版式的 A4（210mm×297mm）"]),
    "odd margins": (dict(margins=(20, 20, 20, 20)), (11906, 16838, 2098, 1984, 1587, 1474, 1417),
                    ["页边距（上20mm 下20mm 左20mm 右20mm）留下的版心是 170mm×257mm，与版式的 156mm×225mm 不符，"
                     "排不下每页 22 行、每行 28 字，未采用：按版式"]),
    "shifted margins": (dict(margins=(35, 37, 30, 24)), (11906, 16838, 1984, 2098, 1701, 1361, 1417),
                        ["采用了页边距：上 35mm，下 37mm，左 30mm，右 24mm"]),
    "large footer distance": (dict(footer=12.7), (11906, 16838, 2098, 1984, 1587, 1474, 1417),
                              ["页脚距离 12.7mm 会把页码放到版心下边缘以下约 22mm，未采用：按版式的 25mm（页码在版心下约 7mm）"]),
    "restyled headings": (dict(styles={"一级标题": ("方正黑体_GBK", 18, False), "讲话正文": ("方正仿宋_GBK", 15, False)}),
                          (11906, 16838, 2098, 1984, 1587, 1474, 1417),
                          ["样式“一级标题”采用了参考文档的字体 方正黑体_GBK、字号 小二；行距、缩进、大纲级别、与下段同页仍按版式",
                           "样式“讲话正文”采用了参考文档的字体 方正仿宋_GBK、字号 小三"]),
    "no named styles": (dict(), (11906, 16838, 2098, 1984, 1587, 1474, 1417),
                        ["参考文档中没有 drafter 的样式名（讲话正文、一级标题、二级标题……），样式全部按版式"]),
}


@pytest.mark.parametrize("case", list(REFERENCES))
def test_reference_doc_is_checked_against_the_profile(tmp_path, case):
    from drafter.output.docx_reference import read_reference

    template, page, notes = REFERENCES[case]
    path = _reference(tmp_path, **template)
    report = read_reference(path, load_profile()).report()
    assert report.startswith(f"{path}: 注意：参考文档与版式的比较结果：")
    for words in notes:
        assert words in report, report
    d = open_docx(build_docx(BLOCKS, reference_doc=path))
    sect = d.xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}")
    pg, mar = sect.find(w("pgSz")), sect.find(w("pgMar"))
    got = tuple(int(attr(el, k)) for el, k in ((pg, "w"), (pg, "h"), (mar, "top"), (mar, "bottom"), (mar, "left"),
                                                (mar, "right"), (mar, "footer")))
    assert got == page
    assert d.paragraph_styles() == EXPECTED_STYLES  # ids kept, so paragraphs still point at them
    with pytest.raises(KeyError):
        d.style("单位自用")
    for sid, level in (("Heading1CN", "0"), ("Heading2CN", "1")):
        ppr = d.style(sid).find(w("pPr"))
        assert attr(ppr.find(w("outlineLvl")), "val") == level and attr(ppr.find(w("keepNext")), "val") == "1"
    body = d.style("SpeechBody")
    assert attr(body.find(f"{w('pPr')}/{w('spacing')}"), "line") == "579"
    if case == "restyled headings":
        assert attr(body.find(f"{w('rPr')}/{w('sz')}"), "val") == "30"
        assert attr(body.find(f"{w('rPr')}/{w('rFonts')}"), "eastAsia") == "方正仿宋_GBK"
        assert attr(d.style("Heading1CN").find(f"{w('rPr')}/{w('rFonts')}"), "eastAsia") == "方正黑体_GBK"
        assert attr(d.style("Heading2CN").find(f"{w('rPr')}/{w('rFonts')}"), "eastAsia") == "楷体_GB2312"
    # an ordinary build is untouched by a reference build
    assert attr(open_docx(build_docx(BLOCKS)).style("SpeechBody").find(f"{w('rPr')}/{w('sz')}"), "val") == "32"


def test_render_tells_the_writer_what_the_reference_changed(tmp_path):
    from tests.cli_helpers import drafter

    path = _reference(tmp_path, paper=(215.9, 279.4))
    r = drafter("render", str(Path(__file__).resolve().parent.parent / "examples" / "review.yaml"),
                "-o", str(tmp_path / "out.docx"), "--reference-doc", str(path), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "纸张是 Letter" in r.stderr and "未采用" in r.stderr


def test_reference_doc_errors(tmp_path):

    with pytest.raises(ReferenceDocError) as err:
        build_docx(BLOCKS, reference_doc=tmp_path / "none.docx")
    assert err.value.render() == f"{tmp_path / 'none.docx'}: 错误：找不到这个参考文档\n    提示：检查文件名和路径"
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 not a zip")
    with pytest.raises(ReferenceDocError) as err:
        build_docx(BLOCKS, reference_doc=bad)
    assert "这不是 .docx 文件" in err.value.render()


def test_reading_copy_docx_numbers():
    from drafter.output.layout import reading_copy

    short = P(Kind.PARAGRAPH, "要压实责任。")
    d = open_docx(build_docx(BLOCKS + [short], profile=reading_copy(load_profile())))
    body = d.style("SpeechBody")
    assert attr(body.find(f"{w('rPr')}/{w('sz')}"), "val") == "44"
    assert attr(body.find(f"{w('pPr')}/{w('spacing')}"), "line") == "720"
    assert attr(body.find(f"{w('pPr')}/{w('ind')}"), "firstLine") == "880"
    assert attr(d.style("Heading2CN").find(f"{w('pPr')}/{w('keepNext')}"), "val") == "1"
    grid = d.xml("word/document.xml").find(f"{w('body')}/{w('sectPr')}/{w('docGrid')}")
    assert attr(grid, "linePitch") == "720"
    paras = d.body_paragraphs()
    assert paras[-1].find(f"{w('pPr')}/{w('keepLines')}") is not None   # short: kept together
    assert paras[9].find(f"{w('pPr')}/{w('keepLines')}") is None        # LONG: may break
