"""Layout profiles: every number of a speech draft's page layout, as data.

A :class:`LayoutProfile` holds the page size and margins, the line grid, the line and character
spacing and, for each paragraph role, its fonts, size, weight, alignment and indent. The writer
(:mod:`drafter.output.wordfile`) turns one into named Word styles; nothing about the layout is hard-coded
there.

Profiles are YAML files. The built-in ones live in ``drafter/data/profiles/<name>.yaml``:

``gbt9704``  GB/T 9704-2012 (the default): A4, 37/28 mm margins, 22 lines × 28 characters,
             仿宋_GB2312 3号 body, page numbers «— N —» on the outer side of each page.
``centered`` the same with the page number centred on every page.

A unit's own profile is a YAML file that usually starts with ``base: gbt9704`` and overrides only
what differs, e.g.::

    base: gbt9704
    title_line_spacing: 35pt
    roles:
      heading2: {bold: true}
      byline: {font: 楷体}

Units in the YAML: lengths carry a unit (``37mm``, ``28.95pt``, ``2cm``, ``579twip``); font sizes
are a Chinese size name (``二号``, ``三号``, ``小四`` …) or points (``16pt``); indents are in
characters (``2`` = 首行缩进 2 字符); booleans are ``true``/``false``. In :class:`LayoutProfile`
itself every length is in twips (1/20 pt), every font size in half-points (OOXML ``w:sz``) and every
indent in hundredths of a character (OOXML ``w:firstLineChars``).

Every problem in a profile file (unknown key with the nearest known one, wrong type, bad value,
missing key) is reported at once as :class:`drafter.errors.ProblemsError`, each as FILE:LINE:COL.
"""

import functools
import math
import os
import re
from pathlib import Path
from typing import Any, Callable, NamedTuple

from drafter.errors import Problem, ProblemsError
from drafter.resources import DATA_DIR

PROFILE_DIR = DATA_DIR / "profiles"
"""Where the built-in profiles are stored, one ``<name>.yaml`` each."""

DEFAULT_PROFILE = "gbt9704"
"""The profile used when none is named."""

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


# ---------------------------------------------------------------- values in the YAML

_SIZE_NAMES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}
_UNITS = {"mm": 56.692913, "cm": 566.92913, "pt": 20.0, "twip": 1.0, "twips": 1.0}
_LENGTH_RE = r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|twips?)\s*$"  # compiled when a profile is built
_ALIGN_WORDS = {"left": "left", "center": "center", "right": "right", "both": "both", "justify": "both",
                "左对齐": "left", "居中": "center", "右对齐": "right", "两端对齐": "both"}
_TRUE = {"true": True, "yes": True, "是": True, "false": False, "no": False, "否": False}


class _Bad(ValueError):
    """A value that cannot be used: message and hint in Chinese."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _length(lo: float, hi: float) -> Callable[[str], int]:
    def conv(text: str) -> int:
        m = re.match(_LENGTH_RE, text)
        if not m:
            raise _Bad(f"“{text}”不是带单位的长度", "写成如 28.95pt、37mm、2cm、579twip")
        twips = round(float(m.group(1)) * _UNITS[m.group(2)])
        if not lo <= twips <= hi:
            raise _Bad(f"长度 {text} 超出范围（{lo / 20:g}pt 到 {hi / 20:g}pt）", "检查数值和单位")
        return twips
    return conv


def _size(text: str) -> int:
    pt = _SIZE_NAMES.get(text.strip())
    if pt is None:
        m = re.match(r"^\s*(\d+(?:\.\d+)?)\s*pt\s*$", text)
        if not m:
            raise _Bad(f"“{text}”不是字号", "写成字号名（如 二号、三号、小四）或磅值（如 16pt）")
        pt = float(m.group(1))
    if not 5 <= pt <= 72 or (pt * 2) != int(pt * 2):
        raise _Bad(f"字号 {text} 不可用（5pt 到 72pt，以 0.5pt 为单位）", "常用：二号 22pt，三号 16pt，四号 14pt")
    return int(pt * 2)


def _bool(text: str) -> bool:
    try:
        return _TRUE[text.strip().lower()]
    except KeyError:
        raise _Bad(f"“{text}”不是是/否值", "写 true 或 false") from None


def _int(lo: int, hi: int) -> Callable[[str], int]:
    def conv(text: str) -> int:
        if not re.fullmatch(r"\s*\d+\s*", text) or not lo <= int(text) <= hi:
            raise _Bad(f"“{text}”不是 {lo} 到 {hi} 之间的整数", "")
        return int(text)
    return conv


def _indent(text: str) -> int:
    if not re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", text) or not 0 <= float(text) <= 10:
        raise _Bad(f"缩进“{text}”不是 0 到 10 之间的字符数", "首行缩进 2 字符写 2，顶格写 0")
    return round(float(text) * 100)


def _align(text: str) -> str:
    try:
        return _ALIGN_WORDS[text.strip()]
    except KeyError:
        raise _Bad(f"“{text}”不是对齐方式", "写 left、center、right 或 justify（两端对齐）") from None


def _placement(text: str) -> str:
    if text.strip() not in PLACEMENTS:
        raise _Bad(f"“{text}”不是页码位置", "写 outer（单页居右、双页居左）或 center（居中）")
    return text.strip()


def _font(text: str) -> str:
    if not text.strip() or len(text) > 64:
        raise _Bad("字体名为空或太长", "写字体的名称，如 仿宋_GB2312")
    return text.strip()


def _text(text: str) -> str:
    return text


_ROLE_SCHEMA = {"font": _font, "latin_font": _font, "size": _size, "bold": _bool, "align": _align,
                "indent": _indent, "keep_with_next": _bool, "keep_together": _bool}
_PAGE_NUMBER_ROLE = {"font": _font, "latin_font": _font, "size": _size, "bold": _bool}

_SCHEMA: dict[str, Any] = {
    "base": _text,
    "description": _text,
    "page": {
        "width": _length(2000, 40000), "height": _length(2000, 40000),
        "margin_top": _length(0, 10000), "margin_bottom": _length(0, 10000),
        "margin_left": _length(0, 10000), "margin_right": _length(0, 10000),
        "header": _length(0, 10000), "footer": _length(0, 10000),
    },
    "grid_line_pitch": _length(200, 2000),
    "line_spacing": _length(200, 2000),
    "title_line_spacing": _length(200, 2000),
    "char_spacing": _length(-200, 200),
    "keep_together_lines": _int(0, 50),
    "page_number": {"placement": _placement, "inset": _length(0, 4000)},
    "reading": {"size": _size, "title_size": _size, "line_spacing": _length(200, 2000),
                "char_spacing": _length(-200, 200), "keep_together_lines": _int(0, 50)},
    "roles": {r: (_PAGE_NUMBER_ROLE if r == "page_number" else _ROLE_SCHEMA) for r in ROLES},
}
_OPTIONAL = {("base",), ("description",)}

# profile field ← YAML path
_FIELDS = {
    "page_width": ("page", "width"), "page_height": ("page", "height"),
    "margin_top": ("page", "margin_top"), "margin_bottom": ("page", "margin_bottom"),
    "margin_left": ("page", "margin_left"), "margin_right": ("page", "margin_right"),
    "footer_distance": ("page", "footer"), "header_distance": ("page", "header"),
    "grid_line_pitch": ("grid_line_pitch",), "line_spacing": ("line_spacing",),
    "title_line_spacing": ("title_line_spacing",), "char_spacing": ("char_spacing",),
    "page_number_placement": ("page_number", "placement"), "page_number_inset": ("page_number", "inset"),
    "keep_together_lines": ("keep_together_lines",),
}


class _Leaf(NamedTuple):
    """A scalar value of a profile file and where it stands."""

    text: str
    file: str
    line: int
    column: int


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def _walk(doc, data: Any, schema: dict, path: tuple, leaves: dict, problems: list[Problem]) -> None:
    """Check the shape of ``data`` against ``schema`` and collect its scalar leaves by path."""
    if not isinstance(data, dict):
        kind = "列表" if isinstance(data, list) else "单个值"
        where = _dotted(path) or "文件"
        problems.append(doc.problem(path, f"“{where}”应是“键: 值”的映射，这里是{kind}",
                                    "在下一行缩进写各项，如 margin_top: 37mm"))
        return
    for key, value in data.items():
        sub = path + (key,)
        if key not in schema:
            import difflib

            near = difflib.get_close_matches(str(key), list(schema), n=1, cutoff=0.5)
            hint = f"是不是“{near[0]}”？" if near else "可用的键：" + "、".join(schema)
            problems.append(doc.problem(sub, f"未知的键“{_dotted(sub)}”", hint, key=True))
            continue
        expect = schema[key]
        if isinstance(expect, dict):
            _walk(doc, value, expect, sub, leaves, problems)
        elif isinstance(value, (dict, list)):
            problems.append(doc.problem(sub, f"“{_dotted(sub)}”应是单个值，这里是{'列表' if isinstance(value, list) else '映射'}",
                                        "写成“键: 值”一行"))
        elif value is None:
            problems.append(doc.problem(sub, f"“{_dotted(sub)}”没有写值", "在冒号后写上值，或删掉这一行"))
        else:
            line, col = doc.where(sub)
            leaves[sub] = _Leaf(str(value), doc.file, line, col)


def _schema_leaves(schema: dict, path: tuple = ()) -> list[tuple]:
    out = []
    for key, expect in schema.items():
        if isinstance(expect, dict):
            out += _schema_leaves(expect, path + (key,))
        else:
            out.append(path + (key,))
    return out


def _read(path: Path, display: str, chain: tuple[str, ...]) -> tuple[dict, list[Problem]]:
    """Leaves of a profile file merged over its base's, and the problems found."""
    from drafter.input.yamlfile import YamlProblems, load

    try:
        doc = load(path, display_name=display)
    except YamlProblems as err:
        return {}, list(err.problems)
    problems: list[Problem] = []
    leaves: dict = {}
    _walk(doc, doc.data, _SCHEMA, (), leaves, problems)
    base = leaves.pop(("base",), None)
    merged: dict = {}
    if base is not None:
        target = _resolve(base.text.strip(), path.parent)
        if target is None:
            merged[("__base_failed__",)] = base
            problems.append(Problem(base.file, base.line, base.column, f"未知的基础版式“{base.text}”",
                                    f"内置版式：{'、'.join(builtin_profiles())}；也可写另一个版式文件的路径"))
        elif os.fspath(target) in chain:
            merged[("__base_failed__",)] = base
            problems.append(Problem(base.file, base.line, base.column, f"版式“{base.text}”循环引用了自己",
                                    "base 要指向另一个版式"))
        else:
            merged, base_problems = _read(target, _display(target), chain + (os.fspath(target),))
            problems += base_problems
    merged.update(leaves)
    merged[("__file__",)] = _Leaf("", doc.file, 1, 1)
    return merged, problems


def _display(path: Path) -> str:
    """How a profile file is named in messages: built-ins by name, others by the path given."""
    try:
        if path.parent.resolve() == PROFILE_DIR.resolve():
            return f"版式 {path.stem}（内置）"
    except OSError:
        pass
    return os.fspath(path)


def _resolve(name: str, relative_to: Path | None = None) -> Path | None:
    """The file of a built-in profile name or a path; None if there is none."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name) and (PROFILE_DIR / f"{name}.yaml").is_file():
        return PROFILE_DIR / f"{name}.yaml"
    p = Path(name).expanduser()
    if not p.is_absolute() and relative_to is not None:
        p = relative_to / p
    return p if p.is_file() else None


def builtin_profiles() -> list[str]:
    """The names of the built-in profiles, sorted."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def load_profile(name_or_path: str | os.PathLike | None = None) -> LayoutProfile:
    """The profile named ``name_or_path`` (a built-in name or a YAML file's path; None = gbt9704).

    Raises :class:`ProblemsError` listing every problem of the file (and of its ``base`` chain).
    """
    if name_or_path is None:
        name_or_path = DEFAULT_PROFILE
    text = os.fspath(name_or_path)
    if isinstance(name_or_path, str) and re.fullmatch(r"[A-Za-z0-9_-]+", text) \
            and (PROFILE_DIR / f"{text}.yaml").is_file():
        return _load_builtin(text)
    path = Path(text).expanduser()
    if not path.is_file():
        if path.is_dir():
            msg, hint = "这是一个文件夹，不是版式文件", "写出 .yaml 版式文件的路径"
        elif isinstance(name_or_path, str) and not re.search(r"[/\\.]", text):
            msg, hint = f"未知的版式“{text}”", f"内置版式：{'、'.join(builtin_profiles())}；或写版式文件的路径"
        else:
            msg, hint = "找不到这个版式文件", "检查文件名和路径"
        raise ProblemsError([Problem(text, 0, 0, msg, hint)])
    return _build(path, os.fspath(name_or_path), path.stem)


@functools.lru_cache(maxsize=None)
def _load_builtin(name: str) -> LayoutProfile:
    """A built-in profile, built once per process and kept in drafter's on-disk cache (reading it
    back costs far less than parsing and checking the YAML)."""
    from drafter import cache

    path = PROFILE_DIR / f"{name}.yaml"

    def restore(value: object) -> LayoutProfile | None:
        profile = _unpack_profile(value)
        return profile if profile is not None and profile.name == name else None

    return cache.through(_CACHE_NAMESPACE, _builtin_cache_key(name), lambda: _build(path, _display(path), name),
                         dump=_pack_profile, restore=restore)


_CACHE_NAMESPACE = "layout-profile"
"""The :mod:`drafter.cache` namespace of built-in profiles."""

_CACHE_FORMAT = 1
"""The layout of an entry (:func:`_pack_profile`), part of the key; bumped whenever it changes."""


def _builtin_cache_key(name: str) -> str | None:
    """The cache key of built-in profile ``name``: every built-in profile file (a profile may name
    another as its base) and the code that reads them; None when the folder cannot be listed."""
    from drafter import cache

    try:
        files = sorted(f for f in os.listdir(PROFILE_DIR) if f.endswith(".yaml"))
    except OSError:
        return None
    here = Path(__file__).parent
    return cache.key(_CACHE_NAMESPACE, _CACHE_FORMAT, name, tuple(cache.file_stamp(PROFILE_DIR / f) for f in files),
                     cache.file_stamp(__file__), cache.file_stamp(here.parent / "input" / "yamlfile.py"))


def _pack_profile(profile: LayoutProfile) -> tuple:
    """``profile`` as plain values for :func:`drafter.cache.store`: the field values, each role and
    the reading settings as a plain tuple."""
    return tuple(tuple(v) if isinstance(v, tuple) else v for v in profile)


def _unpack_profile(value: object) -> LayoutProfile | None:
    """The profile :func:`_pack_profile` gave, or None (no entry, or of another shape)."""
    if not isinstance(value, tuple):
        return None
    try:
        values = list(value)
        if len(values) != len(LayoutProfile._fields):
            return None
        for i, field in enumerate(LayoutProfile._fields):
            if field in ROLES:
                values[i] = RoleStyle(*values[i])
            elif field == "reading":
                values[i] = ReadingSettings(*values[i])
        profile = LayoutProfile(*values)
        expected = {"name": str, "page_number_placement": str}
        if not all(type(getattr(profile, f)) is expected.get(f, int) for f in LayoutProfile._fields
                   if f not in ROLES and f != "reading"):
            return None
        if not all(type(getattr(profile, r).font) is str and type(getattr(profile, r).size) is int for r in ROLES):
            return None
    except Exception:  # anything unexpected in a damaged entry: a miss, the profile is built again
        return None
    return profile


def _build(path: Path, display: str, name: str) -> LayoutProfile:
    leaves, problems = _read(path, display, (os.fspath(path),))
    top = leaves.pop(("__file__",), _Leaf("", display, 1, 1))
    base_failed = leaves.pop(("__base_failed__",), None) is not None
    values: dict[tuple, Any] = {}
    for key in _schema_leaves(_SCHEMA):
        if key in _OPTIONAL:
            continue
        leaf = leaves.get(key)
        if leaf is None:
            if base_failed:
                continue  # the missing keys would have come from the base already reported
            problems.append(Problem(top.file, 1, 1, f"缺少“{_dotted(key)}”",
                                    "写上这一项；或在文件开头写 base: gbt9704，只写与它不同的项"))
            continue
        conv = _SCHEMA
        for part in key:
            conv = conv[part]
        try:
            values[key] = conv(leaf.text)
        except _Bad as bad:
            problems.append(Problem(leaf.file, leaf.line, leaf.column, f"“{_dotted(key)}”：{bad.message}", bad.hint))
    if not problems:
        problems += _cross_checks(values, leaves)
    if problems:
        problems = _dedupe(problems)
        raise ProblemsError(problems, f"{display}：共 {len(problems)} 处问题，版式无法使用。")
    kw: dict[str, Any] = {"name": name}
    for fld, key in _FIELDS.items():
        kw[fld] = values[key]
    for role in ROLES:
        rk = {k: values[("roles", role, k)] for k in (_PAGE_NUMBER_ROLE if role == "page_number" else _ROLE_SCHEMA)}
        if role == "page_number":
            rk["align"] = "center"
        kw[role] = RoleStyle(**rk)
    kw["reading"] = ReadingSettings(**{k: values[("reading", k)] for k in _SCHEMA["reading"]})
    return LayoutProfile(**kw)


def _cross_checks(values: dict, leaves: dict) -> list[Problem]:
    out = []

    def at(key: tuple, msg: str, hint: str) -> None:
        leaf = leaves[key]
        out.append(Problem(leaf.file, leaf.line, leaf.column, msg, hint))

    if values[("page", "width")] - values[("page", "margin_left")] - values[("page", "margin_right")] < 2000:
        at(("page", "margin_right"), "左右页边距太大，版心宽度不足 100pt", "版心宽 = 纸宽 − 左边距 − 右边距；GB/T 9704 为 156mm")
    if values[("page", "height")] - values[("page", "margin_top")] - values[("page", "margin_bottom")] < 2000:
        at(("page", "margin_bottom"), "上下页边距太大，版心高度不足 100pt", "版心高 = 纸高 − 上边距 − 下边距；GB/T 9704 为 225mm")
    return out


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


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


def lines_of(profile: LayoutProfile, text: str, role: str = "body") -> int:
    """How many lines ``text`` takes in ``role`` (Latin characters count half), the first line
    shortened by the first-line indent."""
    st = profile.role(role)
    per_line = profile.chars_per_line(role)
    width = sum(0.5 if ord(c) < 128 else 1 for c in text) + st.indent / 100
    return max(1, math.ceil(width / max(per_line, 1)))
