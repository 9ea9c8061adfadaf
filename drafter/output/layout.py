"""Layout profiles: every number of a speech draft's page layout, as data.

A :class:`LayoutProfile` holds the page size and margins, the line grid, the line and character
spacing and, for each paragraph role, its fonts, size, weight, alignment and indent. The writer
(:mod:`drafter.output.wordfile`) turns one into named Word styles; nothing about the layout is hard-coded
there.

Profiles are YAML files, read by :mod:`drafter.input.profile` (the keys, their units and the
built-in profiles ``gbt9704`` and ``centered`` are described there). In :class:`LayoutProfile` itself
every length is in twips (1/20 pt), every font size in half-points (OOXML ``w:sz``) and every indent in
hundredths of a character (OOXML ``w:firstLineChars``).
"""

import os
from typing import Any, NamedTuple

from drafter.input.profile import DEFAULT_PROFILE, PROFILE_DIR, builtin_profiles, read_profile

__all__ = ["LayoutProfile", "RoleStyle", "ReadingSettings", "ROLES", "ALIGNMENTS", "PLACEMENTS", "DEFAULT_PROFILE",
           "PROFILE_DIR", "builtin_profiles", "load_profile", "reading_copy"]

ROLES = ("title", "subtitle", "byline", "date", "salutation",
         "heading1", "heading2", "heading3", "heading4", "body", "page_number")
"""The paragraph roles a profile formats, in the order they are documented."""

ALIGNMENTS = ("left", "center", "right", "both")
"""Paragraph alignments, as OOXML ``w:jc`` values (``both`` = justified, 两端对齐)."""

PLACEMENTS = ("outer", "center")
"""Page-number placements: ``outer`` = odd pages right, even pages left; ``center`` = centred."""


class RoleStyle(NamedTuple):
    """The formatting of one paragraph role (becomes one named paragraph style)."""

    font: str
    """East Asian font name as a Chinese Windows/WPS machine names it (``w:rFonts/@w:eastAsia``)."""
    latin_font: str
    """Font for Latin letters and digits (``w:rFonts/@w:ascii``, ``@w:hAnsi``, ``@w:cs``)."""
    size: int
    """Font size in half-points (``w:sz``): 32 = 16 pt = 三号, 44 = 22 pt = 二号."""
    bold: bool = False
    """Whether the whole paragraph is bold (``w:b``). Lead sentences are bolded per run, not here."""
    align: str = "left"
    """Paragraph alignment, one of :data:`ALIGNMENTS`. Not used for ``page_number`` (see placement)."""
    indent: int = 0
    """First-line indent in hundredths of a character (``w:firstLineChars``): 200 = two characters.
    The writer also writes the twips form (``w:firstLine`` = indent/100 × size × 10)."""
    keep_with_next: bool = False
    """Keep the paragraph on the same page as the next one (``w:keepNext``)."""
    keep_together: bool = False
    """Never break the paragraph across pages (``w:keepLines``)."""

    @property
    def first_line_twips(self) -> int:
        """The first-line indent in twips: characters × the role's font size (1 pt = 20 twips)."""
        return round(self.indent / 100 * self.size * 10)


class ReadingSettings(NamedTuple):
    """The numbers of the large-print reading copy (see :func:`reading_copy`)."""

    size: int = 44
    """Size in half-points of every role set at the body size (body, salutation, headings, byline,
    date, subtitle): 44 = 22 pt = 二号."""
    title_size: int = 52
    """Title size in half-points in the reading copy: 52 = 26 pt = 一号."""
    line_spacing: int = 720
    """Exact line spacing and grid pitch in twips: 720 = 36 pt, 17 lines on the 225 mm type area."""
    char_spacing: int = 0
    """Character spacing in twips: at 22 pt, 20 characters fill a 156 mm line without squeezing."""
    keep_together_lines: int = 6
    """A body paragraph of at most this many lines is never broken across pages (``w:keepLines``)."""


class LayoutProfile(NamedTuple):
    """Every number of a speech draft's layout. Lengths in twips, sizes in half-points."""

    name: str
    """The profile's name (the built-in name, or the file's stem)."""
    page_width: int
    """Paper width in twips (``w:pgSz/@w:w``): 11906 = 210 mm, A4."""
    page_height: int
    """Paper height in twips (``w:pgSz/@w:h``): 16838 = 297 mm, A4."""
    margin_top: int
    """Top margin (天头) in twips (``w:pgMar/@w:top``): 2098 = 37 mm."""
    margin_bottom: int
    """Bottom margin in twips: 1984 = 35 mm, so the type area is 225 mm high."""
    margin_left: int
    """Left margin (订口) in twips: 1587 = 28 mm."""
    margin_right: int
    """Right margin in twips: 1474 = 26 mm, so the type area is 156 mm wide."""
    footer_distance: int
    """Distance from the paper's bottom edge to the footer (``w:pgMar/@w:footer``) in twips:
    1417 = 25 mm, which puts the page number about 7 mm below the type area."""
    header_distance: int
    """Distance from the paper's top edge to the (empty) header in twips (``w:pgMar/@w:header``)."""
    grid_line_pitch: int
    """Document-grid line pitch in twips (``w:docGrid/@w:linePitch``, type "lines"): 579 = 22 lines."""
    line_spacing: int
    """Exact line spacing of every paragraph but the title, in twips: 579 = 28.95 pt."""
    title_line_spacing: int
    """Exact line spacing of the title lines, in twips (579–760)."""
    char_spacing: int
    """Character spacing of every run in twips (``w:rPr/w:spacing``): -5 fits 28 characters of
    16 pt text on a 156 mm line."""
    page_number_placement: str
    """Where «— N —» stands: ``outer`` (odd pages right, even pages left) or ``center``."""
    page_number_inset: int
    """With ``outer``: distance of the page number from the type area's edge, in twips (280 = one
    14 pt character)."""
    keep_together_lines: int
    """A body paragraph of at most this many lines gets ``w:keepLines``; 0 = never."""
    title: RoleStyle
    """Title lines (方正小标宋简体 二号, centred)."""
    subtitle: RoleStyle
    """The «——在…上的讲话» line."""
    byline: RoleStyle
    """The speaker line."""
    date: RoleStyle
    """The date line «（2026年2月15日）»."""
    salutation: RoleStyle
    """«同志们：», flush left."""
    heading1: RoleStyle
    """Level-1 headings «一、»."""
    heading2: RoleStyle
    """Level-2 headings «（一）»."""
    heading3: RoleStyle
    """Level-3 headings «1.»."""
    heading4: RoleStyle
    """Level-4 headings «（1）»."""
    body: RoleStyle
    """Body paragraphs."""
    page_number: RoleStyle
    """The page number in the footer (its alignment comes from ``page_number_placement``)."""
    reading: ReadingSettings = ReadingSettings()
    """The numbers :func:`reading_copy` applies."""

    def role(self, name: str) -> RoleStyle:
        """The :class:`RoleStyle` of role ``name`` (one of :data:`ROLES`)."""
        return getattr(self, name)

    @property
    def type_width(self) -> int:
        """Width of the type area (版心) in twips."""
        return self.page_width - self.margin_left - self.margin_right

    @property
    def type_height(self) -> int:
        """Height of the type area in twips."""
        return self.page_height - self.margin_top - self.margin_bottom

    def chars_per_line(self, role: str = "body") -> int:
        """How many full-width characters of ``role`` fit on one line of the type area."""
        return int(self.type_width // (self.role(role).size * 10 + self.char_spacing))

    def lines_per_page(self) -> int:
        """How many body lines fit on one page."""
        return int(self.type_height // self.line_spacing)


# ---------------------------------------------------------------- from the profile file


def load_profile(name_or_path: str | os.PathLike | None = None) -> LayoutProfile:
    """The profile named ``name_or_path`` (a built-in name or a YAML file's path; None = gbt9704).

    The file and its ``base`` chain are read by :func:`drafter.input.profile.read_profile`, which
    raises :class:`~drafter.errors.ProblemsError` listing every problem.
    """
    p, name = read_profile(name_or_path)
    page, roles = p.page, p.roles

    def style(f: Any, align: str | None = None) -> RoleStyle:
        if align is not None:  # the page number: its place comes from page_number.placement
            return RoleStyle(f.font, f.latin_font, f.size, f.bold, align)
        return RoleStyle(f.font, f.latin_font, f.size, f.bold, f.align, f.indent, f.keep_with_next, f.keep_together)

    r = p.reading
    return LayoutProfile(
        name=name, page_width=page.width, page_height=page.height, margin_top=page.margin_top,
        margin_bottom=page.margin_bottom, margin_left=page.margin_left, margin_right=page.margin_right,
        footer_distance=page.footer, header_distance=page.header, grid_line_pitch=p.grid_line_pitch,
        line_spacing=p.line_spacing, title_line_spacing=p.title_line_spacing, char_spacing=p.char_spacing,
        page_number_placement=p.page_number.placement, page_number_inset=p.page_number.inset,
        keep_together_lines=p.keep_together_lines,
        **{role: style(getattr(roles, role)) for role in ROLES if role != "page_number"},
        page_number=style(roles.page_number, "center"),
        reading=ReadingSettings(r.size, r.title_size, r.line_spacing, r.char_spacing, r.keep_together_lines))


def reading_copy(profile: LayoutProfile) -> LayoutProfile:
    """The large-print reading copy of ``profile`` (the version a leader reads from at the lectern).

    Numbers (from ``profile.reading``; the built-in defaults in brackets):

    - every role set at the body size (body, salutation, headings, byline, date, subtitle) becomes
      ``reading.size`` [二号 22 pt]; the title becomes ``reading.title_size`` [一号 26 pt];
    - line spacing and grid pitch become ``reading.line_spacing`` [36 pt: 17 lines a page]; the
      title's line spacing is at least that;
    - character spacing becomes ``reading.char_spacing`` [0: 20 characters a line];
    - the page number is scaled by the same ratio as the body text (四号 → 小二 with the defaults);
    - every heading keeps with the next paragraph, so a heading never ends a page;
    - a body paragraph of at most ``reading.keep_together_lines`` lines [6] is never broken across
      pages.

    The page (paper, margins, footer distance, page-number placement) is unchanged.
    """
    r = profile.reading
    changes: dict[str, Any] = {}
    for role in ROLES:
        st = profile.role(role)
        if role == "title":
            st = st._replace(size=r.title_size)
        elif role == "page_number":
            # scaled with the text: 四号 beside 三号 body stays a size smaller beside 二号
            st = st._replace(size=max(st.size, round(st.size * r.size / profile.body.size)))
        elif st.size == profile.body.size:
            st = st._replace(size=r.size)
        if role.startswith("heading"):
            st = st._replace(keep_with_next=True)
        changes[role] = st
    return profile._replace(
        name=f"{profile.name}-reading", line_spacing=r.line_spacing, grid_line_pitch=r.line_spacing,
        title_line_spacing=max(profile.title_line_spacing, r.line_spacing), char_spacing=r.char_spacing,
        keep_together_lines=r.keep_together_lines, **changes)
