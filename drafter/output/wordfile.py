"""The .docx writer: speech blocks → a Word file laid out per a :class:`~drafter.output.layout.LayoutProfile`.

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

Bold lead runs (``Run.bold``) are the only direct run formatting; a highlighted span (for the
checked copy) adds ``w:highlight`` to its run.

How it is built, for speed: the package parts that do not depend on the text (styles, settings,
footers, section) are built once per profile with python-docx, on its default template with
everything the layout needs fixed (no theme fonts, East Asian font names with ``w:hint="eastAsia"``,
zh-CN language, spacing 0, exact line spacing, character spacing, widow control off, the page
setup, odd/even footers), and compressed once. That base is kept in the process and in drafter's
on-disk cache (:mod:`drafter.cache`, namespace ``docx-base``), so a later run neither rebuilds it
nor imports python-docx. Each call then writes only ``document.xml`` (paragraphs as text, in schema
order) and the core, app and custom properties, compresses just those (``document.xml`` at
:data:`DOCUMENT_LEVEL`; app.xml once per version), and writes the zip itself (:func:`_zip`)
with a fixed timestamp, so the same input gives the same bytes. Word comments, when
asked for, are added afterwards with python-docx's ``Document.add_comment``.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import os
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Mapping, Sequence

from drafter.speech.blocks import Block, Kind
from drafter.errors import DrafterError
from drafter.output.layout import LayoutProfile, RoleStyle, lines_of, load_profile


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities (what ``xml.sax.saxutils.escape`` does, without
    importing it: that module imports urllib, about 25 ms of every command's start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


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

COMMENT_AUTHOR = "drafter"
"""Author of the Word comments drafter adds."""

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"

_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
              "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
              "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
              "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
              "specVanish", "oMath")
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
              "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
              "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
              "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
              "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
               "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
               "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
               "sectPrChange")


@dataclass(frozen=True)
class DocProperties:
    """What the file says about itself (File ▸ Properties in Word)."""

    title: str
    """The speech's title (``dc:title``), title lines joined."""
    author: str
    """The author (``dc:creator``): the speaker's unit."""
    created: datetime.date | None
    """The creation date (``dcterms:created``), normally the meeting date; None = not written."""
    drafter_version: str
    """drafter's version, custom property ``drafter_version``."""
    brief_hash: str
    """Hash of the brief the draft came from, custom property ``brief_hash`` ("" = not written)."""
    meeting_type: str = ""
    """The meeting-type id, custom property ``meeting_type`` (read back by ``drafter check``)."""


class ReferenceDocError(DrafterError):
    """The unit's reference Word file (``--reference-doc``) cannot be used."""

    def __init__(self, path: str, message: str, hint: str = "") -> None:
        self.path, self.message, self.hint = path, message, hint
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.path}: 错误：{self.message}"
        if self.hint:
            text += f"\n    提示：{self.hint}"
        return text


# ---------------------------------------------------------------- schema-ordered XML editing


def _qn(tag: str) -> str:
    """The Clark name (``{namespace}local``) of a ``w:``-prefixed name, as python-docx's ``qn`` gives it."""
    prefix, local = tag.split(":")
    if prefix != "w":
        raise ValueError(f"only w: names are used here, not {tag!r}")
    return f"{{{_W_NS}}}{local}"


def _child(parent, tag: str, order: Sequence[str]):
    """The ``w:tag`` child of ``parent``, created in schema ``order`` if missing."""
    found = parent.find(_qn(f"w:{tag}"))
    if found is not None:
        return found
    el = parent.makeelement(_qn(f"w:{tag}"), {})
    later = {_qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _set(el, **attrs) -> None:
    for k, v in attrs.items():
        el.set(_qn(f"w:{k}"), str(v))


def _rpr_child(rpr, tag: str):
    return _child(rpr, tag, _RPR_ORDER)


def _set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Explicit font names in every slot, no theme fonts, and the eastAsia hint."""
    fonts = rpr.get_or_add_rFonts()
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    _set(fonts, ascii=latin, hAnsi=latin, cs=latin, eastAsia=east_asia, hint="eastAsia")


def _set_size(rpr, half_points: int) -> None:
    _set(rpr.get_or_add_sz(), val=half_points)
    _set(_rpr_child(rpr, "szCs"), val=half_points)


def _set_bold(rpr, bold: bool) -> None:
    _set(rpr.get_or_add_b(), val="1" if bold else "0")
    _set(rpr.get_or_add_bCs(), val="1" if bold else "0")


def _strip_theme_fonts(root) -> None:
    for fonts in root.iter(_qn("w:rFonts")):
        for attr in list(fonts.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del fonts.attrib[attr]


# ---------------------------------------------------------------- writing the zip


@dataclass(frozen=True)
class _ZipMember:
    """One file of a zip, compressed once, written by :func:`_zip` as often as needed."""

    name: str
    """Its path in the zip (ASCII, ``/``-separated), e.g. ``word/styles.xml``."""
    crc: int
    """The CRC-32 of its uncompressed bytes."""
    size: int
    """The length of its uncompressed bytes."""
    deflated: bytes
    """Its bytes compressed as a raw deflate stream (zip method 8), at zlib level 6 (``word/document.xml``
    at :data:`DOCUMENT_LEVEL`)."""


DOCUMENT_LEVEL = 6
"""The zlib level ``word/document.xml`` is compressed at, on every call: 6, zlib's default and the
level of the benchmark's zipfile baseline. Level 1 would take less than half the time (0.2 instead of
0.5 ms on a long speech) for a file 2–5% larger; drafter meets its speed targets without that trade."""


def _deflate(name: str, data: bytes, level: int = 6) -> _ZipMember:
    """``data`` compressed as the zip member ``name`` at zlib ``level``."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return _ZipMember(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


# the zip records (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16), little-endian, each followed by the name:
_ZIP_LOCAL = struct.Struct("<IHHHHHIIIHH")
"""Local file header: signature, version needed, flags, method, time, date, CRC-32, compressed size,
uncompressed size, name length, extra length."""
_ZIP_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
"""Central directory header: signature, version made by, version needed, flags, method, time, date,
CRC-32, compressed size, uncompressed size, name, extra and comment lengths, disk number, internal
attributes, external attributes, offset of the local header."""
_ZIP_END = struct.Struct("<IHHHHIIH")
"""End of central directory: signature, this disk, the directory's disk, entries on this disk,
entries in all, directory size, directory offset, comment length."""
_DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1
"""1980-01-01 as an MS-DOS date (years since 1980, month, day); the time is 00:00:00 = 0."""


def _zip(members: Sequence[_ZipMember]) -> bytes:
    """A zip archive of ``members``, in that order (the same members always give the same bytes).

    For each member: a local file header, then its deflated bytes; then the central directory and
    its end record. Every member is "deflated", needs zip 2.0 to extract, was made by Unix zip 2.0
    with mode 0644, is dated 1980-01-01 00:00:00, and has no flags (names are ASCII), extra fields
    or comment. There is no zip64: at most 65,535 members and 4 GiB in all (far more than a speech
    needs; beyond that ``struct.error`` is raised, never a broken file). These are the bytes
    :meth:`zipfile.ZipFile.writestr` writes for such members.
    """
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for m in members:
        name = m.name.encode("ascii")
        local = _ZIP_LOCAL.pack(0x04034B50, 20, 0, 8, 0, _DOS_DATE_1980, m.crc, len(m.deflated), m.size,
                                len(name), 0)
        central.append(_ZIP_CENTRAL.pack(0x02014B50, (3 << 8) | 20, 20, 0, 8, 0, _DOS_DATE_1980, m.crc,
                                         len(m.deflated), m.size, len(name), 0, 0, 0, 0, 0o644 << 16, offset))
        central.append(name)
        out += (local, name, m.deflated)
        offset += len(local) + len(name) + len(m.deflated)
    directory = b"".join(central)
    out.append(directory)
    out.append(_ZIP_END.pack(0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0))
    return b"".join(out)


# ---------------------------------------------------------------- the cached base package


@dataclass(frozen=True)
class _Base:
    """The parts of a package that do not depend on the speech's text, compressed for :func:`_zip`."""

    leading: tuple[_ZipMember, ...]
    """The members that come before ``word/document.xml``: ``[Content_Types].xml``, ``_rels/.rels``."""
    trailing: tuple[_ZipMember, ...]
    """Every other part except document.xml and docProps/*, in the order python-docx saves them."""
    document_head: str
    """document.xml up to and including ``<w:body>``."""
    document_tail: str
    """document.xml from the body's ``w:sectPr`` to the end."""


def _apply_role(style, role: str, st: RoleStyle, profile: LayoutProfile) -> None:
    """Write a role's formatting into its paragraph style, children in schema order."""
    el = style.element
    ppr = el.get_or_add_pPr()
    _set(ppr.get_or_add_keepNext(), val="1" if st.keep_with_next else "0")
    _set(ppr.get_or_add_keepLines(), val="1" if st.keep_together else "0")
    _set(ppr.get_or_add_widowControl(), val="0")
    if role == "title":
        # a 22 pt line on a 28.95 pt grid would take two grid lines in LibreOffice: the title's own
        # exact line spacing decides instead
        _set(_child(ppr, "snapToGrid", _PPR_ORDER), val="0")
    line = profile.title_line_spacing if role == "title" else profile.line_spacing
    spacing = ppr.get_or_add_spacing()
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    _set(spacing, before=0, beforeLines=0, after=0, afterLines=0, line=line, lineRule="exact")
    ind = ppr.get_or_add_ind()
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    _set(ind, left=0, right=0, firstLineChars=st.indent, firstLine=st.first_line_twips)
    _set(ppr.get_or_add_jc(), val=st.align)
    if role in OUTLINE_LEVELS:
        _set(ppr.get_or_add_outlineLvl(), val=OUTLINE_LEVELS[role])
    rpr = el.get_or_add_rPr()
    _set_fonts(rpr, st.font, st.latin_font)
    _set_bold(rpr, st.bold)
    _set(_rpr_child(rpr, "i"), val="0")
    _set(_rpr_child(rpr, "color"), val="000000")
    _set(_rpr_child(rpr, "spacing"), val=profile.char_spacing)
    _set_size(rpr, st.size)
    _set(_rpr_child(rpr, "lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def _field_runs(prefix: str, suffix: str) -> list:
    """Runs «prefix», a PAGE field, «suffix»."""
    from docx.oxml import parse_xml

    w = f'xmlns:w="{_W_NS}"'
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
    ind = ppr.get_or_add_ind()
    inset = profile.page_number_inset if side != "center" else 0
    _set(ind, left=inset if side == "left" else 0, right=inset if side == "right" else 0,
         firstLineChars=0, firstLine=0)
    _set(ppr.get_or_add_jc(), val=side)
    for r in _field_runs("— ", " —"):
        p.append(r)


def _build_base(profile: LayoutProfile, reference_doc: str | None = None) -> _Base:
    """The base package for ``profile`` (with ``reference_doc``'s styles and page, if given), via python-docx."""
    import zipfile

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
    for st in list(styles_el.findall(_qn("w:style"))):
        if st.get(_qn("w:styleId")) not in keep:
            styles_el.remove(st)
    _strip_theme_fonts(styles_el)

    # document defaults: body fonts, size, zh-CN; no paragraph spacing, exact line spacing
    defaults = styles_el.find(_qn("w:docDefaults"))
    rpr = defaults.find(f"{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
    _set_fonts(rpr, profile.body.font, profile.body.latin_font)
    _set_size(rpr, profile.body.size)
    _set(_rpr_child(rpr, "lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(f"{_qn('w:pPrDefault')}/{_qn('w:pPr')}")
    spacing = ppr.get_or_add_spacing()
    for attr in list(spacing.attrib):
        del spacing.attrib[attr]
    _set(spacing, after=0, line=profile.line_spacing, lineRule="exact")

    normal = document.styles["Normal"]
    nppr = normal.element.get_or_add_pPr()
    _set(nppr.get_or_add_widowControl(), val="0")
    # w:overflowPunct says "1", Word's own default (允许标点溢出边界), on purpose: LibreOffice's DOCX
    # import reads the flag inverted (hanging punctuation = val == 0, writerfilter DomainMapper), so
    # "1" is the one value that keeps LibreOffice/PDF output to 28 cells inside the type area while
    # Word behaves as it always does.
    _set(_child(nppr, "overflowPunct", _PPR_ORDER), val="1")
    nspacing = nppr.get_or_add_spacing()
    _set(nspacing, before=0, after=0, line=profile.line_spacing, lineRule="exact")
    nrpr = normal.element.get_or_add_rPr()
    _set_fonts(nrpr, profile.body.font, profile.body.latin_font)
    _set(_rpr_child(nrpr, "spacing"), val=profile.char_spacing)
    _set_size(nrpr, profile.body.size)
    _set(_rpr_child(nrpr, "lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")

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
    # the page number is one line of 14 pt: single spacing, not the body's exact grid line
    sp = ps.element.pPr.find(_qn("w:spacing"))
    for attr in list(sp.attrib):
        del sp.attrib[attr]
    _set(sp, before=0, after=0, line=240, lineRule="auto")
    _set(_rpr_child(ps.element.rPr, "spacing"), val=0)

    # settings: zh-CN theme language, no preview picture, odd/even footers for the outer placement
    settings = document.settings
    sroot = settings.element
    for tag in ("savePreviewPicture", "rsids", "proofState"):
        for el in sroot.findall(_qn(f"w:{tag}")):
            sroot.remove(el)
    tfl = sroot.find(_qn("w:themeFontLang"))
    if tfl is not None:
        _set(tfl, val="en-US", eastAsia="zh-CN")
    settings.odd_and_even_pages_header_footer = profile.page_number_placement == "outer"

    # the one section: page, margins, grid, footers
    body = document.element.body
    for p in list(body.findall(_qn("w:p"))):
        body.remove(p)
    section = document.sections[0]
    sect = section._sectPr
    for attr in list(sect.attrib):
        del sect.attrib[attr]
    _set_page(sect, profile)
    section.different_first_page_header_footer = False
    if profile.page_number_placement == "outer":
        section.footer.is_linked_to_previous = False
        _fill_footer(section.footer, profile, "right")
        section.even_page_footer.is_linked_to_previous = False
        _fill_footer(section.even_page_footer, profile, "left")
    else:
        section.footer.is_linked_to_previous = False
        _fill_footer(section.footer, profile, "center")

    if reference_doc is not None:
        _apply_reference(document, reference_doc)

    buf = io.BytesIO()
    document.save(buf)
    parts: dict[str, bytes] = {}
    head = tail = ""
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                i = text.index("<w:body>") + len("<w:body>")
                j = text.index("<w:sectPr", i)
                head, tail = text[:i], text[j:]
                continue
            if info.filename in ("docProps/core.xml", "docProps/app.xml"):
                continue
            if info.filename == "[Content_Types].xml":
                data = _add_custom_content_type(data)
            if info.filename == "_rels/.rels":
                data = _add_custom_rel(data)
            parts[info.filename] = data
    leading = ("[Content_Types].xml", "_rels/.rels")
    return _Base(tuple(_deflate(name, parts[name]) for name in leading),
                 tuple(_deflate(name, data) for name, data in parts.items() if name not in leading), head, tail)


def _open_reference(path: str):
    """The unit's reference document opened with python-docx, or :class:`ReferenceDocError`."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if os.path.isdir(path):
        raise ReferenceDocError(path, "这是一个文件夹，不是 Word 文件", "写出单位模板 .docx 文件的路径")
    if not os.path.isfile(path):
        raise ReferenceDocError(path, "找不到这个参考文档", "检查文件名和路径")
    try:
        return docx.Document(path)
    except ValueError as err:
        if "content type" in str(err):
            raise ReferenceDocError(path, "这是 Word 模板（.dotx）或其他格式，不是 .docx 文档",
                                    "在 Word/WPS 中打开后“另存为”Word 文档（.docx）再使用") from None
        raise ReferenceDocError(path, f"无法读取这个 Word 文件：{err}", "在 Word/WPS 中打开后另存为 .docx 再试") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, OSError, SyntaxError):
        raise ReferenceDocError(path, "这不是 .docx 文件（或文件已损坏）",
                                "旧的 .doc 文件请在 Word/WPS 中另存为 .docx 再使用") from None


def _apply_reference(document, path: str) -> None:
    """Take page setup and same-named styles from the unit's reference document, as pandoc does.

    A paragraph style of the reference whose display name is one of :data:`STYLES`' names (讲话正文,
    一级标题 …) replaces drafter's style of that name whole (its paragraph and run properties);
    drafter's style id is kept, and a ``basedOn``/``next`` pointing at a style drafter does not
    have is pointed at Normal/讲话正文. Paper size, margins and the line grid come from the
    reference's last section. Everything else (Normal, footers, page numbers) stays drafter's.
    """
    import copy

    ref = _open_reference(path)
    ours_by_id = {st.get(_qn("w:styleId")) for st in document.styles.element.findall(_qn("w:style"))}
    theirs_by_name = {}
    their_id_to_name = {}
    for st in ref.styles.element.findall(_qn("w:style")):
        name_el = st.find(_qn("w:name"))
        if name_el is not None and st.get(_qn("w:type")) == "paragraph":
            theirs_by_name[name_el.get(_qn("w:val"))] = st
            their_id_to_name[st.get(_qn("w:styleId"))] = name_el.get(_qn("w:val"))
    our_id_by_name = {name: sid for sid, name in STYLES.values()}
    for role, (sid, name) in STYLES.items():
        theirs = theirs_by_name.get(name)
        if theirs is None:
            continue
        ours = document.styles[name].element
        new = copy.deepcopy(theirs)
        new.set(_qn("w:styleId"), sid)
        for tag, fallback in (("basedOn", "Normal"), ("next", STYLES["body"][0])):
            el = new.find(_qn(f"w:{tag}"))
            if el is None:
                continue
            target = el.get(_qn("w:val"))
            mapped = our_id_by_name.get(their_id_to_name.get(target, ""), target)
            el.set(_qn("w:val"), mapped if mapped in ours_by_id and mapped != sid else fallback)
        for child in list(new):
            if child.tag in (_qn("w:rsid"), _qn("w:link")):
                new.remove(child)
        ours.addprevious(new)
        ours.getparent().remove(ours)
    their_sect = ref.sections[-1]._sectPr
    our_sect = document.sections[0]._sectPr
    for tag in ("pgSz", "pgMar", "docGrid"):
        theirs = their_sect.find(_qn(f"w:{tag}"))
        if theirs is None:
            continue
        mine = _child(our_sect, tag, _SECT_ORDER)  # always there: _set_page wrote it
        mine.addprevious(copy.deepcopy(theirs))
        our_sect.remove(mine)


def _set_page(sect, profile: LayoutProfile) -> None:
    """Paper, margins, footer distance and line grid of ``sect``."""
    pg = sect.get_or_add_pgSz()
    for attr in list(pg.attrib):
        del pg.attrib[attr]
    _set(pg, w=profile.page_width, h=profile.page_height)
    mar = sect.get_or_add_pgMar()
    for attr in list(mar.attrib):
        del mar.attrib[attr]
    _set(mar, top=profile.margin_top, right=profile.margin_right, bottom=profile.margin_bottom,
         left=profile.margin_left, header=profile.header_distance, footer=profile.footer_distance, gutter=0)
    grid = _child(sect, "docGrid", _SECT_ORDER)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    _set(grid, type="lines", linePitch=profile.grid_line_pitch)


def _add_custom_content_type(data: bytes) -> bytes:
    text = data.decode("utf-8")
    if "/docProps/custom.xml" not in text:
        text = text.replace("</Types>", f'<Override PartName="/docProps/custom.xml" ContentType="{_CT_CUSTOM}"/></Types>')
    return text.encode("utf-8")


def _add_custom_rel(data: bytes) -> bytes:
    text = data.decode("utf-8")
    if _RT_CUSTOM not in text:
        text = text.replace("</Relationships>",
                            f'<Relationship Id="rIdCustom1" Type="{_RT_CUSTOM}" Target="docProps/custom.xml"/></Relationships>')
    return text.encode("utf-8")


# ---------------------------------------------------------------- the base in drafter's on-disk cache


_CACHE_NAMESPACE = "docx-base"
"""The :mod:`drafter.cache` namespace of built bases."""

_CACHE_FORMAT = 1
"""The layout of an entry (:func:`_dump_base`), part of the key; bumped whenever it changes."""


def _base_cache_key(profile: LayoutProfile) -> str | None:
    """The cache key of ``profile``'s base, or None when python-docx is not installed.

    It covers everything the base is derived from: the profile (its repr lists every field), this
    module's code (its file's size and mtime), drafter's version (added by :func:`drafter.cache.key`),
    the installed python-docx (its ``__init__.py`` and default template) and lxml (which serialises
    the XML), and the zlib that compresses the parts. Locating python-docx does not import it.
    """
    import importlib.util

    from drafter import cache

    spec = importlib.util.find_spec("docx")
    if spec is None or spec.origin is None:
        return None
    docx_dir = os.path.dirname(spec.origin)
    lxml = importlib.util.find_spec("lxml")
    return cache.key(_CACHE_NAMESPACE, _CACHE_FORMAT, profile, cache.file_stamp(__file__), cache.file_stamp(spec.origin),
                     cache.file_stamp(os.path.join(docx_dir, "templates", "default.docx")),
                     cache.file_stamp(lxml.origin) if lxml is not None and lxml.origin else None,
                     zlib.ZLIB_RUNTIME_VERSION)


def _dump_base(base: _Base) -> tuple:
    """``base`` as plain data for :func:`drafter.cache.store`: (leading members, trailing members,
    document head, document tail), each member (name, CRC-32, size, deflated bytes)."""
    members = [tuple((m.name, m.crc, m.size, m.deflated) for m in group) for group in (base.leading, base.trailing)]
    return (members[0], members[1], base.document_head, base.document_tail)


def _load_base(value: object) -> _Base | None:
    """The base :func:`_dump_base` gave, or None if ``value`` is not exactly such data."""
    try:
        leading, trailing, head, tail = value  # type: ignore[misc]
        groups = []
        for group in (leading, trailing):
            members = []
            for name, crc, size, deflated in group:
                if not (isinstance(name, str) and name.isascii() and type(crc) is int and 0 <= crc < 2**32
                        and type(size) is int and 0 <= size < 2**32 and isinstance(deflated, bytes)):
                    return None
                members.append(_ZipMember(name, crc, size, deflated))
            groups.append(tuple(members))
        if not (isinstance(head, str) and isinstance(tail, str)):
            return None
    except Exception:  # anything unexpected in a damaged entry: a miss, the base is rebuilt
        return None
    return _Base(groups[0], groups[1], head, tail)


@functools.lru_cache(maxsize=8)
def _cached_base(profile: LayoutProfile) -> _Base:
    """``profile``'s base: from this process, else drafter's on-disk cache, else built (and stored)."""
    from drafter import cache

    entry_key = _base_cache_key(profile) if cache.cache_dir() is not None else None
    return cache.through(_CACHE_NAMESPACE, entry_key, lambda: _build_base(profile), dump=_dump_base,
                         restore=_load_base)


# ---------------------------------------------------------------- per-call parts


_ROLE_OF_KIND = {Kind.TITLE: "title", Kind.SUBTITLE: "subtitle", Kind.BYLINE: "byline", Kind.DATE: "date",
                 Kind.SALUTATION: "salutation", Kind.PARAGRAPH: "body"}


def role_of(block: Block) -> str:
    """The profile role (and so the style) of ``block``."""
    if block.kind == Kind.HEADING:
        if not 1 <= block.level <= 4:
            raise ValueError(f"heading level {block.level} outside 1-4")
        return f"heading{block.level}"
    return _ROLE_OF_KIND[block.kind]


_BAD_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run_xml(text: str, bold: bool, highlight: bool) -> str:
    text = _BAD_XML_CHARS.sub("", text)
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if highlight:
        props += '<w:highlight w:val="yellow"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"


def _split(block: Block, spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool, bool]]:
    """The block's runs as (text, bold, highlighted), split at the highlight spans' edges."""
    marks = [False] * len(block.text)
    for start, end in spans:
        for i in range(max(0, start), min(end, len(marks))):
            marks[i] = True
    out: list[tuple[str, bool, bool]] = []
    pos = 0
    for run in block.runs:
        i = 0
        while i < len(run.text):
            h = marks[pos + i]
            j = i
            while j < len(run.text) and marks[pos + j] == h:
                j += 1
            out.append((run.text[i:j], run.bold, h))
            i = j
        pos += len(run.text)
    return out


_PARAGRAPH_OPEN = {role: f'<w:p><w:pPr><w:pStyle w:val="{sid}"/>' for role, (sid, _name) in STYLES.items()}
"""Role → the start of its paragraph, up to the paragraph properties after the style."""

_PLAIN_RUN = "<w:r><w:t>"
_BOLD_RUN = "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>"
_PLAIN_RUN_SPACED = '<w:r><w:t xml:space="preserve">'
_BOLD_RUN_SPACED = '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">'

_BAD_ASCII = bytes(c for c in range(32) if _BAD_XML_CHARS.match(chr(c)))
"""The ASCII characters of :data:`_BAD_XML_CHARS` (the others are U+FFFE and U+FFFF)."""


def _needs_care(text: str) -> bool:
    """Whether ``text`` holds a character :func:`_run_xml` escapes (``&<>``) or drops (:data:`_BAD_XML_CHARS`).

    Found without a regular expression, which would look at every character (about four times
    slower): ``in`` tests, and the ASCII control characters among the few ASCII ones of a speech.
    """
    if "&" in text or "<" in text or ">" in text or "\ufffe" in text or "\uffff" in text:
        return True
    ascii_part = text.encode("ascii", "ignore")
    return len(ascii_part.translate(None, _BAD_ASCII)) != len(ascii_part)


def _body_xml(blocks: Sequence[Block], profile: LayoutProfile,
              highlights: Mapping[int, Sequence[tuple[int, int]]]) -> str:
    """Every block's paragraph, exactly as :func:`_paragraph_xml` writes it, but faster.

    A speech's text almost never holds a character that must be escaped or dropped, so each run's
    text goes into the XML as it is and one check over all of it afterwards (:func:`_needs_care`)
    confirms that was right; otherwise every paragraph is written again the general way. A
    highlighted paragraph always takes the general path.
    """
    out: list[str] = []
    texts: list[str] = []
    for i, block in enumerate(blocks):
        spans = highlights.get(i) if highlights else None
        if spans:
            out.append(_paragraph_xml(block, profile, spans))
            continue
        role = role_of(block)
        out.append(_PARAGRAPH_OPEN[role])
        if _keeps_lines(block, role, profile):
            out.append("<w:keepLines/>")
        out.append("</w:pPr>")
        for run in block.runs:
            text = run.text
            if text:
                if text != text.strip():
                    out.append(_BOLD_RUN_SPACED if run.bold else _PLAIN_RUN_SPACED)
                else:
                    out.append(_BOLD_RUN if run.bold else _PLAIN_RUN)
                out.append(text)
                out.append("</w:t></w:r>")
                texts.append(text)
        out.append("</w:p>")
    if _needs_care("".join(texts)):
        return "".join(_paragraph_xml(b, profile, highlights.get(i, ())) for i, b in enumerate(blocks))
    return "".join(out)


def _keeps_lines(block: Block, role: str, profile: LayoutProfile) -> bool:
    """Whether ``block`` gets its own ``<w:keepLines/>``: a body paragraph short enough to keep on one
    page (``keep_together_lines``), when the body style does not keep every paragraph together."""
    return (role == "body" and bool(profile.keep_together_lines) and not profile.body.keep_together
            and lines_of(profile, block.text) <= profile.keep_together_lines)


def _paragraph_xml(block: Block, profile: LayoutProfile, spans: Sequence[tuple[int, int]]) -> str:
    role = role_of(block)
    ppr = f'<w:pStyle w:val="{STYLES[role][0]}"/>'
    if _keeps_lines(block, role, profile):
        ppr += "<w:keepLines/>"
    if spans:
        runs = "".join(_run_xml(t, b, h) for t, b, h in _split(block, spans) if t)
    else:
        runs = "".join(_run_xml(r.text, r.bold, False) for r in block.runs if r.text)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _core_xml(props: DocProperties) -> bytes:
    created = ""
    if props.created is not None:
        created = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{props.created.isoformat()}T00:00:00Z'
                   f'</dcterms:created>')
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_BAD_XML_CHARS.sub('', props.title))}</dc:title>"
        f"<dc:creator>{escape(_BAD_XML_CHARS.sub('', props.author))}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(_BAD_XML_CHARS.sub('', props.author))}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f"{created}</cp:coreProperties>"
    )
    return xml.encode("utf-8")


def _app_xml(drafter_version: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>drafter {escape(drafter_version)}</Application></Properties>"
    ).encode("utf-8")


@functools.lru_cache(maxsize=4)
def _app_member(drafter_version: str) -> _ZipMember:
    """``docProps/app.xml`` compressed, once per version: it says nothing but drafter's version."""
    return _deflate("docProps/app.xml", _app_xml(drafter_version))


def _custom_xml(props: DocProperties, content_hash: str = "") -> bytes:
    from drafter.output.provenance import CONTENT_PROPERTY

    items = [("drafter_version", props.drafter_version), ("brief_hash", props.brief_hash),
             ("meeting_type", props.meeting_type), (CONTENT_PROPERTY, content_hash)]
    body = "".join(
        f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{name}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(((n, v) for n, v in items if v), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{body}</Properties>'
    ).encode("utf-8")


def default_properties(blocks: Sequence[Block]) -> DocProperties:
    """Properties when the caller gives none: the title from the title blocks, drafter's version."""
    from drafter import __version__

    title = "".join(b.text for b in blocks if b.kind == Kind.TITLE)
    return DocProperties(title=title, author="", created=None, drafter_version=__version__, brief_hash="")




def build_docx(
    blocks: Sequence[Block],
    *,
    profile: LayoutProfile | None = None,
    properties: DocProperties | None = None,
    comments: Sequence[tuple[int, str]] = (),
    highlights: Mapping[int, Sequence[tuple[int, int]]] = {},  # noqa: B006 - read only
    reference_doc: str | os.PathLike | None = None,
) -> bytes:
    """The .docx file (as bytes) of the speech ``blocks``, laid out per ``profile`` (default gbt9704).

    ``properties``: title, author, date, drafter version and brief hash for the file's properties
    (default: :func:`default_properties`). ``comments``: (block index, text) → a Word comment by
    "drafter" on that whole paragraph. ``highlights``: block index → [(start, end)] character spans
    of the block's text (end exclusive) to highlight yellow. ``reference_doc``: a unit's own Word
    file whose page setup and same-named paragraph styles replace drafter's (see
    :func:`_apply_reference`); raises :class:`ReferenceDocError` if it cannot be read. Nothing is
    written to disk.
    """
    if profile is None:
        profile = load_profile()
    if properties is None:
        properties = default_properties(blocks)
    if reference_doc is None:
        base = _cached_base(profile)
    else:
        base = _build_base(profile, os.fspath(reference_doc))
    document_xml = (base.document_head + _body_xml(blocks, profile, highlights) + base.document_tail).encode("utf-8")
    # the hash of document.xml as written lets drafter tell later whether the writer edited the draft
    # (drafter.output.provenance); with comments, python-docx rewrites document.xml, and the caller stamps it
    content_hash = "" if comments else hashlib.sha256(document_xml).hexdigest()
    data = _zip(base.leading + (_deflate("word/document.xml", document_xml, DOCUMENT_LEVEL),) + base.trailing + (
        _deflate("docProps/core.xml", _core_xml(properties)),
        _app_member(properties.drafter_version),
        _deflate("docProps/custom.xml", _custom_xml(properties, content_hash)),
    ))
    if comments:
        data = _add_comments(data, blocks, comments)
    return data


def _add_comments(data: bytes, blocks: Sequence[Block], comments: Sequence[tuple[int, str]]) -> bytes:
    import docx

    document = docx.Document(io.BytesIO(data))
    paragraphs = document.paragraphs
    for index, text in comments:
        if not 0 <= index < len(blocks):
            raise IndexError(f"comment on block {index}, but there are {len(blocks)} blocks")
        runs = paragraphs[index].runs
        if not runs:
            runs = [paragraphs[index].add_run("")]
        document.add_comment(runs, text=text, author=COMMENT_AUTHOR, initials="DR")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
