"""The .docx writer: speech blocks → a Word file laid out per a :class:`~drafter.output.layout.LayoutProfile`.

The parts that do not depend on the text (styles, settings, footers, section; see
:mod:`drafter.output.docx_styles`) make the *base* of a profile. For the built-in profiles and
their reading copies the base is built ahead, by ``python -m drafter.output.docx_bases``, and shipped
in ``drafter/data/docx/`` (a test rebuilds each and compares the bytes); any other profile, and a
profile with a unit's ``--reference-doc``, has its base built with python-docx on the call. Each call
then writes ``word/document.xml`` (one paragraph per block, in its named style) and the core, app
and custom properties, and writes the package with :mod:`zipfile`, every member dated 1980-01-01,
so the same input gives the same bytes. Word comments (the review copy) are added by
:mod:`drafter.output.docx_review`.

Bold lead runs (``Run.bold``) are the only direct run formatting; a highlighted span (for the
review copy) adds ``w:highlight`` to its run.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass
from typing import Mapping, Sequence

from drafter.output.docx_reference import Reference, apply_reference, read_reference
from drafter.output.docx_styles import OUTLINE_LEVELS, STYLES, base_document
from drafter.output.docx_xml import escape
from drafter.output.layout import LayoutProfile, load_profile
from drafter.output.pagination import Grid, settle
from drafter.output.provenance import CONTENT_PROPERTY
from drafter.resources import DATA_DIR
from drafter.speech.blocks import Block, Kind
from drafter import __version__
from drafter.output.docx_review import add_comments
from drafter.errors import ReferenceDocError

__all__ = ["DocProperties", "ReferenceDocError", "STYLES", "OUTLINE_LEVELS", "build_docx", "default_properties",
           "role_of", "base_package", "BASE_DIR"]

BASE_DIR = DATA_DIR / "docx"
"""Where the built-in profiles' base packages are shipped (``<profile name>-<fingerprint>.docx``)."""

_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_CT_CUSTOM = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_RT_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_DATE = (1980, 1, 1, 0, 0, 0)


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


# ---------------------------------------------------------------- the package


def write_zip(parts: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip of ``parts`` (name, bytes) in that order, deflated, every member dated 1980-01-01 with
    mode 0644: the same parts always give the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, _DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, data, compresslevel=6)
    return out.getvalue()


def fingerprint(profile: LayoutProfile) -> str:
    """A short hash of every number of ``profile``: the shipped base of a profile is found by it."""
    return hashlib.sha256(repr(profile).encode("utf-8")).hexdigest()[:16]


def base_package(profile: LayoutProfile, reference: Reference | None = None) -> bytes:
    """The base of ``profile`` as a .docx with an empty body (what ``docx_bases`` ships), built now."""
    document = base_document(profile)
    if reference is not None:
        apply_reference(document, reference)
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as z:
        parts = [(info.filename, z.read(info)) for info in z.infolist()
                 if info.filename not in ("docProps/core.xml", "docProps/app.xml")]
    parts = [(name, _add_custom_type(data) if name == "[Content_Types].xml" else
              _add_custom_rel(data) if name == "_rels/.rels" else data) for name, data in parts]
    return write_zip(parts)


@functools.lru_cache(maxsize=8)
def _base_parts(profile: LayoutProfile) -> tuple[tuple[tuple[str, bytes], ...], str, str]:
    """(parts but document.xml, document.xml before the body's paragraphs, after them) of the
    profile's base: the shipped file when there is one for exactly this profile, else built."""
    shipped = BASE_DIR / f"{profile.name}-{fingerprint(profile)}.docx"
    data = shipped.read_bytes() if shipped.is_file() else base_package(profile)
    return _split_base(data)


def _split_base(data: bytes) -> tuple[tuple[tuple[str, bytes], ...], str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = [(info.filename, z.read(info)) for info in z.infolist()]
    document = dict(parts)["word/document.xml"].decode("utf-8")
    i = document.index("<w:body>") + len("<w:body>")
    j = document.index("<w:sectPr", i)
    return tuple(p for p in parts if p[0] != "word/document.xml"), document[:i], document[j:]


def _add_custom_type(data: bytes) -> bytes:
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


# ---------------------------------------------------------------- the body


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


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _BAD_XML_CHARS.sub("", text)


def _run_xml(text: str, bold: bool, highlight: bool) -> str:
    text = clean(text)
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if highlight:
        props += '<w:highlight w:val="yellow"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"


def _split(block: Block, cuts: Sequence[int], spans: Sequence[tuple[int, int]]) -> list[tuple[str, bool, bool]]:
    """The block's runs as (text, bold, highlighted), split where a highlight starts or ends (overlapping
    or touching ``spans`` are one highlight) and at every offset in ``cuts`` (where a comment starts or ends)."""
    n = len(block.text)
    marked: list[list[int]] = []
    for start, end in sorted((max(0, s), min(e, n)) for s, e in spans):
        if start >= end:
            continue
        if marked and start <= marked[-1][1]:
            marked[-1][1] = max(marked[-1][1], end)
        else:
            marked.append([start, end])
    edges = sorted({c for c in cuts if 0 < c < n} | {x for s, e in marked for x in (s, e) if 0 < x < n})
    out: list[tuple[str, bool, bool]] = []
    pos = 0
    for run in block.runs:
        end = pos + len(run.text)
        points = [pos, *(x for x in edges if pos < x < end), end]
        for a, b in zip(points, points[1:]):
            if a < b:
                out.append((run.text[a - pos:b - pos], run.bold, any(s <= a < e for s, e in marked)))
        pos = end
    return out


def paragraph_xml(block: Block, profile: LayoutProfile, spans: Sequence[tuple[int, int]] = (),
                  cuts: Sequence[int] = (), keep: str = "") -> str:
    """The ``w:p`` of one block: its style, its runs (split at ``cuts`` and highlight ``spans``).
    ``keep``: "whole" (kept together), "with next" (also with the next paragraph), or "" (the style's)."""
    role = role_of(block)
    ppr = f'<w:pStyle w:val="{STYLES[role][0]}"/>'
    if keep == "with next":
        ppr += "<w:keepNext/>"
    if keep:
        ppr += "<w:keepLines/>"
    runs = "".join(_run_xml(t, b, h) for t, b, h in _split(block, cuts, spans) if clean(t))
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


# ---------------------------------------------------------------- properties


def _core_xml(props: DocProperties) -> bytes:
    created = ""
    if props.created is not None:
        created = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{props.created.isoformat()}T00:00:00Z'
                   f'</dcterms:created>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(clean(props.title))}</dc:title>"
        f"<dc:creator>{escape(clean(props.author))}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(clean(props.author))}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f"{created}</cp:coreProperties>"
    ).encode("utf-8")


def _app_xml(drafter_version: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>drafter {escape(drafter_version)}</Application></Properties>"
    ).encode("utf-8")


def _custom_xml(props: DocProperties, content_hash: str = "") -> bytes:
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
    title = "".join(b.text for b in blocks if b.kind == Kind.TITLE)
    return DocProperties(title=title, author="", created=None, drafter_version=__version__, brief_hash="")


def build_docx(
    blocks: Sequence[Block],
    *,
    profile: LayoutProfile | None = None,
    properties: DocProperties | None = None,
    comments: Sequence[tuple[int, str] | tuple[int, str, int, int]] = (),
    highlights: Mapping[int, Sequence[tuple[int, int]]] = {},  # noqa: B006 - read only
    reference_doc: str | os.PathLike | Reference | None = None,
) -> bytes:
    """The .docx file (as bytes) of the speech ``blocks``, laid out per ``profile`` (default gbt9704).

    ``properties``: title, author, date, drafter version and brief hash for the file's properties
    (default: :func:`default_properties`). ``comments``: (block index, text) → a Word comment by
    "drafter" on that whole paragraph; (block index, text, start, end) → on the characters
    ``start:end`` of the block's text. ``highlights``: block index → [(start, end)] character spans
    of the block's text (end exclusive) to highlight yellow. ``reference_doc``: a unit's own Word
    file (or what :func:`~drafter.output.docx_reference.read_reference` made of it) whose page setup
    and same-named styles are taken where they fit the profile; raises :class:`ReferenceDocError`
    if it cannot be read. Nothing is written to disk.
    """
    if profile is None:
        profile = load_profile()
    if properties is None:
        properties = default_properties(blocks)
    if reference_doc is None:
        parts, head, tail = _base_parts(profile)
    else:
        if not isinstance(reference_doc, Reference):
            reference_doc = read_reference(reference_doc, profile)
        parts, head, tail = _split_base(base_package(profile, reference_doc))
    cuts: dict[int, list[int]] = {}
    for c in comments:
        if len(c) == 4:
            cuts.setdefault(c[0], []).extend(c[2:4])
    # the page model moves a paragraph where that keeps a last page of one or two lines away, and keeps a
    # body paragraph of at most keep_together_lines lines (as it broke them) on one page, when the body
    # style does not keep every paragraph together
    layout = settle(blocks, Grid.of(profile))
    keeps = {i: "with next" if i + 1 < len(blocks) else "whole" for i in layout.kept}
    if profile.keep_together_lines and not profile.body.keep_together:
        keeps.update({i: "whole" for i, b in enumerate(blocks) if i not in keeps and role_of(b) == "body"
                      and len(layout.lines[i]) <= profile.keep_together_lines})
    body = "".join(paragraph_xml(b, profile, highlights.get(i, ()), cuts.get(i, ()), keeps.get(i, ""))
                   for i, b in enumerate(blocks))
    document_xml = (head + body + tail).encode("utf-8")
    # the hash of document.xml as written lets drafter tell later whether the writer edited the draft
    # (drafter.output.provenance); with comments, python-docx rewrites document.xml, and the caller stamps it
    content_hash = "" if comments else hashlib.sha256(document_xml).hexdigest()
    leading = [p for p in parts if p[0] in ("[Content_Types].xml", "_rels/.rels")]
    trailing = [p for p in parts if p[0] not in ("[Content_Types].xml", "_rels/.rels")]
    data = write_zip(leading + [("word/document.xml", document_xml)] + trailing + [
        ("docProps/core.xml", _core_xml(properties)),
        ("docProps/app.xml", _app_xml(properties.drafter_version)),
        ("docProps/custom.xml", _custom_xml(properties, content_hash)),
    ])
    if comments:
        data = add_comments(data, blocks, comments)
    return data
