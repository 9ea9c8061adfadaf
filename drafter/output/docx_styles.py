"""The parts of a speech .docx that do not depend on its text: named styles, settings, page, footers.

Every role's formatting lives in a named paragraph style, so that a writer can restyle the whole
speech in Word or WPS in one place; headings carry outline levels, so the navigation pane shows the
outline. The styles (display name → style id, role):

==========  ==================  =================================================
name        id                  paragraphs
==========  ==================  =================================================
讲话标题    SpeechTitle         title lines (方正小标宋简体 二号, centred)
讲话副标题  SpeechSubtitle      the «——在…上的讲话» line
讲话署名    SpeechByline        the speaker line
讲话日期    SpeechDate          the date line «（2026年2月15日）»
称谓        Salutation          «同志们：», flush left
一级标题    Heading1CN          «一、» (outline level 1 in Word's numbering, ``w:outlineLvl`` 0)
二级标题    Heading2CN          «（一）» (``w:outlineLvl`` 1)
三级标题    Heading3CN          «1.» (``w:outlineLvl`` 2)
四级标题    Heading4CN          «（1）» (``w:outlineLvl`` 3)
讲话正文    SpeechBody          body paragraphs (仿宋_GB2312 三号, justified, 2-character indent)
页码        PageNumber          «— N —» in the footers
==========  ==================  =================================================

:func:`base_document` builds them with python-docx on its default template with everything the
layout needs fixed: no theme fonts, East Asian font names with ``w:hint="eastAsia"``, zh-CN
language, spacing 0, exact line spacing, character spacing, every heading kept with its next
paragraph, the page setup, odd/even footers, and the line-breaking settings written out explicitly
(:func:`_fix_line_breaking`) so that a save in LibreOffice, WPS or Word keeps every line break.
"""

from __future__ import annotations

from drafter.output.docx_xml import PPR_ORDER, RPR_ORDER, SECT_ORDER, SETTINGS_ORDER, W_NS, child, escape, qn, \
    reset, set_attrs
from drafter.output.layout import LayoutProfile, RoleStyle

STYLES: dict[str, tuple[str, str]] = {
    "title": ("SpeechTitle", "讲话标题"),
    "subtitle": ("SpeechSubtitle", "讲话副标题"),
    "byline": ("SpeechByline", "讲话署名"),
    "date": ("SpeechDate", "讲话日期"),
    "salutation": ("Salutation", "称谓"),
    "heading1": ("Heading1CN", "一级标题"),
    "heading2": ("Heading2CN", "二级标题"),
    "heading3": ("Heading3CN", "三级标题"),
    "heading4": ("Heading4CN", "四级标题"),
    "body": ("SpeechBody", "讲话正文"),
    "page_number": ("PageNumber", "页码"),
}
"""Role → (style id, Chinese display name) of its paragraph style."""

OUTLINE_LEVELS = {"heading1": 0, "heading2": 1, "heading3": 2, "heading4": 3}
"""Role → ``w:outlineLvl`` value (0 = the navigation pane's top level)."""


def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Explicit font names in every slot, no theme fonts, and the eastAsia hint."""
    reset(rpr.get_or_add_rFonts(), ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia, hint="eastAsia")


def _set_size(rpr, half_points: int) -> None:
    set_attrs(rpr.get_or_add_sz(), val=half_points)
    set_attrs(child(rpr, "szCs", RPR_ORDER), val=half_points)


def _set_bold(rpr, bold: bool) -> None:
    set_attrs(rpr.get_or_add_b(), val="1" if bold else "0")
    set_attrs(rpr.get_or_add_bCs(), val="1" if bold else "0")


def _strip_theme_fonts(root) -> None:
    for fonts in root.iter(qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del fonts.attrib[attr]


def _apply_role(style, role: str, st: RoleStyle, profile: LayoutProfile) -> None:
    """Write a role's formatting into its paragraph style, children in schema order."""
    el = style.element
    ppr = el.get_or_add_pPr()
    keep_next = st.keep_with_next or role in OUTLINE_LEVELS  # a heading never ends a page
    set_attrs(ppr.get_or_add_keepNext(), val="1" if keep_next else "0")
    set_attrs(ppr.get_or_add_keepLines(), val="1" if st.keep_together or role in OUTLINE_LEVELS else "0")
    # widow and orphan control on body paragraphs (LibreOffice and Word: two lines each); a page then
    # ends at 21 lines only where a paragraph's lone first or last line would stand apart (measured
    # in LibreOffice 7.4: the page model of drafter.output.pagination predicts every such page)
    set_attrs(ppr.get_or_add_widowControl(), val="1" if role == "body" else "0")
    if role == "title":
        # a 22 pt line on a 28.95 pt grid would take two grid lines in LibreOffice: the title's own
        # exact line spacing decides instead
        set_attrs(child(ppr, "snapToGrid", PPR_ORDER), val="0")
    line = profile.title_line_spacing if role == "title" else profile.line_spacing
    reset(ppr.get_or_add_spacing(), before=0, beforeLines=0, after=0, afterLines=0, line=line, lineRule="exact")
    reset(ppr.get_or_add_ind(), left=0, right=0, firstLineChars=st.indent, firstLine=st.first_line_twips)
    set_attrs(ppr.get_or_add_jc(), val=st.align)
    if role in OUTLINE_LEVELS:
        set_attrs(ppr.get_or_add_outlineLvl(), val=OUTLINE_LEVELS[role])
    rpr = el.get_or_add_rPr()
    set_fonts(rpr, st.font, st.latin_font)
    _set_bold(rpr, st.bold)
    set_attrs(child(rpr, "i", RPR_ORDER), val="0")
    set_attrs(child(rpr, "color", RPR_ORDER), val="000000")
    set_attrs(child(rpr, "spacing", RPR_ORDER), val=profile.char_spacing)
    _set_size(rpr, st.size)
    set_attrs(child(rpr, "lang", RPR_ORDER), val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def _field_runs(prefix: str, suffix: str) -> list:
    """Runs «prefix», a PAGE field, «suffix»."""
    from docx.oxml import parse_xml

    w = f'xmlns:w="{W_NS}"'
    xml = [
        f'<w:r {w}><w:t xml:space="preserve">{escape(prefix)}</w:t></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {w}><w:t>1</w:t></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:r {w}><w:t xml:space="preserve">{escape(suffix)}</w:t></w:r>',
    ]
    return [parse_xml(x) for x in xml]


def _fill_footer(footer, profile: LayoutProfile, side: str) -> None:
    """One paragraph «— N —» in style 页码, aligned ``side`` (left/right/center), inset on that side."""
    body = footer._element
    for p in list(body):
        body.remove(p)
    p = body.add_p()
    ppr = p.get_or_add_pPr()
    ppr.get_or_add_pStyle().val = STYLES["page_number"][0]
    inset = profile.page_number_inset if side != "center" else 0
    reset(ppr.get_or_add_ind(), left=inset if side == "left" else 0, right=inset if side == "right" else 0,
          firstLineChars=0, firstLine=0)
    set_attrs(ppr.get_or_add_jc(), val=side)
    for r in _field_runs("— ", " —"):
        p.append(r)


def set_page(sect, profile: LayoutProfile) -> None:
    """Paper, margins, header and footer distance and line grid of ``sect``."""
    reset(sect.get_or_add_pgSz(), w=profile.page_width, h=profile.page_height)
    reset(sect.get_or_add_pgMar(), top=profile.margin_top, right=profile.margin_right,
          bottom=profile.margin_bottom, left=profile.margin_left, header=profile.header_distance,
          footer=profile.footer_distance, gutter=0)
    reset(child(sect, "docGrid", SECT_ORDER), type="lines", linePitch=profile.grid_line_pitch)


def _fix_line_breaking(normal_ppr, settings_root) -> None:
    """Write out every setting that decides where a line breaks, instead of leaving it to the
    application's defaults (which differ between Word, WPS and LibreOffice, and change on a save).

    In the Normal style (and so every paragraph): ``kinsoku`` on (no 。，」 at a line start),
    ``wordWrap`` on (Latin words kept whole), ``topLinePunct`` off, ``autoSpaceDE``/``autoSpaceDN``
    off (no extra quarter-space between Chinese and Latin letters or digits, which would shift
    every line holding a number), ``adjustRightInd`` off (the right edge does not move with the
    grid), ``snapToGrid`` on for the line grid. ``overflowPunct`` is deliberately NOT written:
    absent, Word, WPS and LibreOffice all let a 。，、 that falls after the 28th character hang in
    the margin (Word's default for Chinese, 允许标点溢出边界), and LibreOffice saves that state by
    writing nothing, so it survives a save. Written either way it does not: LibreOffice 7.4 reads
    the flag inverted (writerfilter DomainMapper: hanging = val == 0) but writes it straight, so
    every save in LibreOffice flipped it and broke every page's lines differently (measured:
    tests/test_pdf.py, a LibreOffice round trip).

    In the settings: ``characterSpacingControl`` doNotCompress (WPS and Word would otherwise squeeze
    punctuation and fit a 29th character on some lines), ``noPunctuationKerning``, and ``w:compat``
    with Word 2013's compatibility mode, so Word does not lay the file out in an older mode.
    """
    for tag, val in (("kinsoku", "1"), ("wordWrap", "1"), ("topLinePunct", "0"),
                     ("autoSpaceDE", "0"), ("autoSpaceDN", "0"), ("adjustRightInd", "0"), ("snapToGrid", "1")):
        set_attrs(child(normal_ppr, tag, PPR_ORDER), val=val)
    set_attrs(child(settings_root, "characterSpacingControl", SETTINGS_ORDER), val="doNotCompress")
    set_attrs(child(settings_root, "noPunctuationKerning", SETTINGS_ORDER), val="1")
    compat = child(settings_root, "compat", SETTINGS_ORDER)
    for el in list(compat):
        compat.remove(el)
    for name, val in (("compatibilityMode", "15"), ("overrideTableStyleFontSizeAndJustification", "1"),
                      ("enableOpenTypeFeatures", "1"), ("doNotFlipMirrorIndents", "1")):
        setting = compat.makeelement(qn("w:compatSetting"), {})
        set_attrs(setting, name=name, uri="http://schemas.microsoft.com/office/word", val=val)
        compat.append(setting)


def base_document(profile: LayoutProfile):
    """A python-docx Document with no paragraphs, holding every style, setting, footer and the page
    of ``profile``."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    pkg = document.part.package
    # drop the template's parts that say nothing about a speech (thumbnail, customXml, stylesWithEffects)
    for rId, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg.rels[rId]
    for rId, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/customXml") or rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rId]

    styles_el = document.styles.element
    keep = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
    for st in list(styles_el.findall(qn("w:style"))):
        if st.get(qn("w:styleId")) not in keep:
            styles_el.remove(st)
    _strip_theme_fonts(styles_el)

    # document defaults: body fonts, size, zh-CN; no paragraph spacing, exact line spacing
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, profile.body.font, profile.body.latin_font)
    _set_size(rpr, profile.body.size)
    set_attrs(child(rpr, "lang", RPR_ORDER), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
    reset(ppr.get_or_add_spacing(), after=0, line=profile.line_spacing, lineRule="exact")

    normal = document.styles["Normal"]
    nppr = normal.element.get_or_add_pPr()
    set_attrs(nppr.get_or_add_widowControl(), val="0")
    _fix_line_breaking(nppr, document.settings.element)
    set_attrs(nppr.get_or_add_spacing(), before=0, after=0, line=profile.line_spacing, lineRule="exact")
    nrpr = normal.element.get_or_add_rPr()
    set_fonts(nrpr, profile.body.font, profile.body.latin_font)
    set_attrs(child(nrpr, "spacing", RPR_ORDER), val=profile.char_spacing)
    _set_size(nrpr, profile.body.size)
    set_attrs(child(nrpr, "lang", RPR_ORDER), val="en-US", eastAsia="zh-CN", bidi="ar-SA")

    for role, (sid, name) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = sid
        style.base_style = normal
        style.quick_style = True
        style.element.get_or_add_uiPriority().val = 1 + list(STYLES).index(role)
        _apply_role(style, role, profile.role(role), profile)
    body_style = document.styles[STYLES["body"][1]]
    for role in ("title", "subtitle", "byline", "date", "salutation", "heading1", "heading2", "heading3",
                 "heading4"):
        document.styles[STYLES[role][1]].next_paragraph_style = body_style
    ps = document.styles[STYLES["page_number"][1]]
    # the page number is one line: single spacing, not the body's exact grid line
    reset(ps.element.pPr.find(qn("w:spacing")), before=0, after=0, line=240, lineRule="auto")
    set_attrs(child(ps.element.rPr, "spacing", RPR_ORDER), val=0)

    # settings: zh-CN theme language, no preview picture, odd/even footers for the outer placement
    sroot = document.settings.element
    for tag in ("savePreviewPicture", "rsids", "proofState"):
        for el in sroot.findall(qn(f"w:{tag}")):
            sroot.remove(el)
    tfl = sroot.find(qn("w:themeFontLang"))
    if tfl is not None:
        set_attrs(tfl, val="en-US", eastAsia="zh-CN")
    document.settings.odd_and_even_pages_header_footer = profile.page_number_placement == "outer"

    # the one section: page, margins, grid, footers
    body = document.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    section = document.sections[0]
    sect = section._sectPr
    for attr in list(sect.attrib):
        del sect.attrib[attr]
    set_page(sect, profile)
    section.different_first_page_header_footer = False
    section.footer.is_linked_to_previous = False
    if profile.page_number_placement == "outer":
        _fill_footer(section.footer, profile, "right")
        section.even_page_footer.is_linked_to_previous = False
        _fill_footer(section.even_page_footer, profile, "left")
    else:
        _fill_footer(section.footer, profile, "center")
    return document
