"""Layout profile files: what a writer may write in one, read through the one YAML reader and record engine.

A profile is a YAML file; the built-in ones are ``drafter/data/profiles/<name>.yaml``. A unit's own
profile usually starts with ``base: gbt9704`` and writes only what differs::

    base: gbt9704
    title_line_spacing: 35pt
    roles:
      heading2: {bold: 是}
      byline: {font: 楷体}

:func:`read_profile` reads a profile and its ``base`` chain (at most :data:`MAX_BASE_DEPTH` files, no
cycle), each file on its own (so every message names the file, line and column where the value
stands), merges them and checks that every number is then given. The result is a complete
:class:`ProfileFile` in the units of the file format (twips, half-points, hundredths of a character);
:mod:`drafter.output.layout` turns it into the :class:`~drafter.output.layout.LayoutProfile` the
writer uses. Only regular ``.yaml`` files of at most :data:`MAX_BYTES` are read as profiles, and a
file that is not one is refused without quoting what is in it.
"""

import functools
import os
import re
from pathlib import Path
from typing import Annotated, Any

from drafter.errors import Problem, ProblemsError
from drafter.input import records
from drafter.input.problems import label, read_record
from drafter.input.records import Record, Spec
from drafter.input.values import Count, FontSize, Text, YesNo, length
from drafter.input.yamlfile import YamlDocument, YamlProblems, load
from drafter.resources import DATA_DIR

PROFILE_DIR = DATA_DIR / "profiles"
"""Where the built-in profiles are stored, one ``<name>.yaml`` each."""

DEFAULT_PROFILE = "gbt9704"
"""The profile used when none is named."""

MAX_BYTES = 100_000
"""The largest profile file read (a complete profile is about 3 kB)."""

MAX_BASE_DEPTH = 8
"""The longest ``base`` chain: a profile, its base, the base's base … at most this many files."""

_SUFFIXES = (".yaml", ".yml")


# ---------------------------------------------------------------- values


_ALIGN_WORDS = {"left": "left", "center": "center", "right": "right", "both": "both", "justify": "both",
                "左对齐": "left", "居中": "center", "右对齐": "right", "两端对齐": "both"}


def _align(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("这里应写一种对齐方式", "写 left、center、right 或 justify（两端对齐）")
    if value.strip() in _ALIGN_WORDS:
        return _ALIGN_WORDS[value.strip()]
    raise ValueError(f"「{value}」不是对齐方式", "写 left、center、right 或 justify（两端对齐），也可写 左对齐、居中、右对齐、两端对齐")


def _placement(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("这里应写页码位置", "写 outer（单页居右、双页居左）或 center（居中）")
    if value.strip() in ("outer", "center"):
        return value.strip()
    raise ValueError(f"「{value}」不是页码位置", "写 outer（单页居右、双页居左）或 center（居中）")


def _indent(value: Any) -> int:
    if not isinstance(value, str):
        raise ValueError("这里应写首行缩进的字符数", "首行缩进 2 字符写 2，顶格写 0")
    if re.fullmatch(r"\d{1,2}(?:\.\d{1,2})?", value.strip()) and float(value) <= 10:
        return round(float(value) * 100)
    raise ValueError(f"缩进「{value}」不是 0 到 10 之间的字符数", "首行缩进 2 字符写 2，顶格写 0")


def _font(value: str) -> str:
    if not value or len(value) > 64:
        raise ValueError("字体名为空或太长", "写字体的名称，如 仿宋_GB2312")
    return value


Font = Annotated[Text, Spec(check=_font)]
Align = Annotated[str, Spec(parse=_align)]
Placement = Annotated[str, Spec(parse=_placement)]
Indent = Annotated[int, Spec(parse=_indent)]
Lines = Annotated[Count, Spec(ge=0, le=50)]
PageLength = length(2000, 40000)
Margin = length(0, 10000)
Spacing = length(200, 2000)
CharSpacing = length(-200, 200)
Inset = length(0, 4000)


# ---------------------------------------------------------------- the records (every key optional: a base may give it)


class RoleFormat(Record):
    """一种段落（标题、正文、各级标题……）的格式。"""

    font: Font | None = None
    """中文字体：按 Windows/WPS 里的名称写，如「仿宋_GB2312」「黑体」「方正小标宋简体」。"""
    latin_font: Font | None = None
    """西文字体：字母和数字用的字体，如「Times New Roman」。"""
    size: FontSize | None = None
    """字号：字号名（二号、三号、小四……）或磅值（16pt）。"""
    bold: YesNo | None = None
    """是否整段加粗：是 / 否。"""
    align: Align | None = None
    """对齐方式：left（左对齐）、center（居中）、right（右对齐）、justify（两端对齐），也可写中文。"""
    indent: Indent | None = None
    """首行缩进（字符数）：2 即首行缩进 2 字符，0 即顶格。"""
    keep_with_next: YesNo | None = None
    """与下段同页（标题不落在页末）：是 / 否。"""
    keep_together: YesNo | None = None
    """段中不分页：是 / 否。"""


class PageNumberFormat(Record):
    """页码的字体和字号（位置见 page_number.placement）。"""

    font: Font | None = None
    """中文字体，如「宋体」。"""
    latin_font: Font | None = None
    """西文字体（页码数字用的字体），如「宋体」。"""
    size: FontSize | None = None
    """字号：字号名（四号……）或磅值（14pt）。"""
    bold: YesNo | None = None
    """是否加粗：是 / 否。"""


class ProfileRoles(Record):
    """各种段落的格式。"""

    title: RoleFormat | None = None
    """标题：讲话稿的大标题。"""
    subtitle: RoleFormat | None = None
    """副标题：「——在……上的讲话」一行。"""
    byline: RoleFormat | None = None
    """署名：讲话人一行。"""
    date: RoleFormat | None = None
    """日期：「（2026年2月15日）」一行。"""
    salutation: RoleFormat | None = None
    """称呼：「同志们：」。"""
    heading1: RoleFormat | None = None
    """一级标题：「一、」。"""
    heading2: RoleFormat | None = None
    """二级标题：「（一）」。"""
    heading3: RoleFormat | None = None
    """三级标题：「1.」。"""
    heading4: RoleFormat | None = None
    """四级标题：「（1）」。"""
    body: RoleFormat | None = None
    """正文段落。"""
    page_number: PageNumberFormat | None = None
    """页码「— 1 —」。"""


class ProfilePage(Record):
    """纸张和页边距。"""

    width: PageLength | None = None
    """纸宽，如 210mm（A4）。"""
    height: PageLength | None = None
    """纸高，如 297mm（A4）。"""
    margin_top: Margin | None = None
    """上边距（天头），如 37mm。"""
    margin_bottom: Margin | None = None
    """下边距，如 35mm。"""
    margin_left: Margin | None = None
    """左边距（订口），如 28mm。"""
    margin_right: Margin | None = None
    """右边距，如 26mm。"""
    header: Margin | None = None
    """页眉距纸张上边的距离，如 15mm。"""
    footer: Margin | None = None
    """页脚距纸张下边的距离，如 25mm。"""


class ProfilePageNumber(Record):
    """页码的位置。"""

    placement: Placement | None = None
    """页码位置：outer（单页居右、双页居左）或 center（居中）。"""
    inset: Inset | None = None
    """页码离版心边缘的距离（outer 时），如 14pt（一个四号字）。"""


class ProfileReading(Record):
    """大字念稿版（--reading）的数值。"""

    size: FontSize | None = None
    """正文等段落的字号，如 二号。"""
    title_size: FontSize | None = None
    """标题的字号，如 一号。"""
    line_spacing: Spacing | None = None
    """行距（固定值），如 36pt。"""
    char_spacing: CharSpacing | None = None
    """字间距，如 0pt。"""
    keep_together_lines: Lines | None = None
    """不超过这么多行的正文段落不跨页，0 到 50。"""


class ProfileFile(Record):
    """版式文件：讲话稿 .docx 的纸张、页边距、行距和各种段落的格式。"""

    base: Text | None = None
    """基础版式：内置版式名（gbt9704、centered）或另一个版式文件的路径；本文件只写与它不同的项。"""
    description: Text | None = None
    """说明：这个版式是什么样的，一句话。"""
    page: ProfilePage | None = None
    """纸张和页边距。"""
    grid_line_pitch: Spacing | None = None
    """文档网格的行距，如 28.95pt（每页 22 行）。"""
    line_spacing: Spacing | None = None
    """正文行距（固定值），如 28.95pt。"""
    title_line_spacing: Spacing | None = None
    """标题行距（固定值），如 28.95pt 到 38pt。"""
    char_spacing: CharSpacing | None = None
    """字间距，如 -0.25pt（三号字每行 28 字）。"""
    keep_together_lines: Lines | None = None
    """不超过这么多行的正文段落不跨页，0 表示不限制。"""
    page_number: ProfilePageNumber | None = None
    """页码的位置。"""
    reading: ProfileReading | None = None
    """大字念稿版的数值。"""
    roles: ProfileRoles | None = None
    """各种段落的格式。"""


_OPTIONAL = {"base", "description"}
"""The keys a complete profile may leave out."""


# ---------------------------------------------------------------- reading


def builtin_profiles() -> list[str]:
    """The names of the built-in profiles, sorted."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))


def _builtin(name: str) -> Path | None:
    if re.fullmatch(r"[A-Za-z0-9_-]+", name) and (PROFILE_DIR / f"{name}.yaml").is_file():
        return PROFILE_DIR / f"{name}.yaml"
    return None


def _display(path: Path) -> str:
    """How a profile file is named in messages: built-ins by name, others by the path given."""
    if path.parent == PROFILE_DIR:
        return f"版式 {path.stem}（内置）"
    return os.fspath(path)


def _not_a_profile(name: str) -> Problem:
    return Problem(name, 0, 0, "这不是版式文件：版式文件是以 .yaml 结尾、写着页面和段落格式的文件",
                   f"写内置版式名（{'、'.join(builtin_profiles())}）或本单位 .yaml 版式文件的路径")


def _read_file(path: Path, display: str) -> tuple[ProfileFile | None, YamlDocument | None, list[Problem]]:
    """One profile file as a record (every key optional), its document, and its problems."""
    if path.suffix.lower() not in _SUFFIXES:
        return None, None, [_not_a_profile(display)]
    try:
        doc = load(path, display_name=display, what="版式", limit=MAX_BYTES, missing_hint="检查文件名和路径")
    except YamlProblems as err:
        return None, None, err.problems
    if not isinstance(doc.data, dict) or not set(doc.data) & set(records.fields(ProfileFile)):
        return None, doc, [_not_a_profile(display)]  # (nothing of it quoted: it may be anybody's file)
    record, problems = read_record(ProfileFile, doc)
    return record, doc, problems


def _merge(base: Any, over: Any) -> Any:
    """``over`` with every key it leaves out taken from ``base`` (records merged key by key)."""
    if base is None:
        return over
    if over is None:
        return base
    if not isinstance(over, Record):
        return over
    return type(over)(**{name: _merge(getattr(base, name), getattr(over, name)) for name in records.fields(type(over))})


def _chain(path: Path, display: str, seen: tuple[str, ...]) -> tuple[ProfileFile | None, list[YamlDocument], list[Problem]]:
    """The profile in ``path`` merged over its base chain, the documents read (this one first), and
    the problems found in any of them."""
    record, doc, problems = _read_file(path, display)
    if record is None or doc is None:
        return None, [], problems
    if record.base is None:
        return record, [doc], problems
    target = _builtin(record.base) or (path.parent / Path(record.base).expanduser())
    if _builtin(record.base) is None and not target.exists():
        return None, [doc], problems + [doc.problem(("base",), f"未知的基础版式「{record.base}」",
                                                    f"内置版式：{'、'.join(builtin_profiles())}；也可写另一个版式文件的路径")]
    real = os.path.realpath(target)
    if real in seen:
        return None, [doc], problems + [doc.problem(("base",), f"base「{record.base}」绕回了前面已经用到的版式，成了一个圈",
                                                    "让其中一个版式的 base 指向内置版式 gbt9704")]
    if len(seen) >= MAX_BASE_DEPTH:
        return None, [doc], problems + [doc.problem(("base",), f"base 层层引用超过 {MAX_BASE_DEPTH} 层",
                                                    "让 base 直接指向内置版式 gbt9704")]
    base, docs, base_problems = _chain(target, _display(target), seen + (real,))
    if problems or base is None:
        return None, [doc] + docs, problems + base_problems
    return _merge(base, record), [doc] + docs, []


def _missing(record: Any, cls: type, path: tuple = ()) -> list[tuple]:
    """The paths of the keys no file of the chain gave."""
    out = []
    for name, f in records.fields(cls).items():
        if not path and name in _OPTIONAL:
            continue
        value = getattr(record, name) if record is not None else None
        inner = records.record_inside(f.annotation)
        if inner is not None:
            out += _missing(value, inner, path + (name,))
        elif value is None:
            out.append(path + (name,))
    return out


def _where(docs: list[YamlDocument], path: tuple) -> tuple[str, int, int]:
    """Where the value at ``path`` was written: in the first file of the chain that has it."""
    for doc in docs:
        if path in doc.positions:
            return (doc.file, *doc.positions[path])
    return docs[0].file, 1, 1


def _cross_checks(p: ProfileFile, docs: list[YamlDocument]) -> list[Problem]:
    out = []
    page = p.page
    if page.width - page.margin_left - page.margin_right < 2000:
        out.append(Problem(*_where(docs, ("page", "margin_right")), "左右页边距太大，版心宽度不足 100pt",
                           "版心宽 = 纸宽 − 左边距 − 右边距；GB/T 9704 为 156mm"))
    if page.height - page.margin_top - page.margin_bottom < 2000:
        out.append(Problem(*_where(docs, ("page", "margin_bottom")), "上下页边距太大，版心高度不足 100pt",
                           "版心高 = 纸高 − 上边距 − 下边距；GB/T 9704 为 225mm"))
    return out


def read_profile(name_or_path: str | os.PathLike | None = None) -> tuple[ProfileFile, str]:
    """The complete profile named ``name_or_path`` (a built-in name or a profile file's path; None:
    :data:`DEFAULT_PROFILE`) and its name (the built-in name or the file's stem).

    Raises :class:`~drafter.errors.ProblemsError` listing every problem of the file and of its
    ``base`` chain, each at its file:line:col.
    """
    text = os.fspath(name_or_path if name_or_path is not None else DEFAULT_PROFILE)
    builtin = _builtin(text) if isinstance(name_or_path, str) or name_or_path is None else None
    if builtin is not None:
        return _read_builtin(builtin.stem)
    if isinstance(name_or_path, str) and re.fullmatch(r"[A-Za-z0-9_-]+", text):
        raise ProblemsError([Problem(text, 0, 0, f"未知的版式「{text}」",
                                     f"内置版式：{'、'.join(builtin_profiles())}；或写版式文件的路径")])
    return _read(Path(text).expanduser(), text), Path(text).stem


@functools.lru_cache(maxsize=None)
def _read_builtin(name: str) -> tuple[ProfileFile, str]:
    """A built-in profile (read once per process: the files ship with drafter)."""
    path = PROFILE_DIR / f"{name}.yaml"
    return _read(path, _display(path)), name


def _read(path: Path, display: str) -> ProfileFile:
    record, docs, problems = _chain(path, display, (os.path.realpath(path),))
    if record is not None:
        problems = [Problem(display, 1, 1, f"缺少 {label(ProfileFile, key)}",
                            "写上这一项；或在文件开头写 base: gbt9704，只写与它不同的项")
                    for key in _missing(record, ProfileFile)]
        if not problems:
            problems = _cross_checks(record, docs)
    if problems:
        problems = list(dict.fromkeys(problems))
        raise ProblemsError(problems, f"{display}：共 {len(problems)} 处问题，版式无法使用。")
    assert record is not None
    return record
