"""A unit's own Word file (``--reference-doc``): what is taken from it, checked against the profile.

A unit template is compared with the layout profile before anything of it is used, and the writer
is told, in Chinese, what changes and what was not taken (:attr:`Reference.notes`):

- **paper**: a template on other paper than the profile's (US Letter, A3 …) is not obeyed: the
  speech stays on the profile's paper;
- **margins**: taken when the type area they leave is within :data:`TOLERANCE` of the profile's
  (so 28 characters × 22 lines still fit); otherwise the profile's margins stay;
- **footer distance**: taken when it stays within :data:`TOLERANCE` of the profile's (the page
  number 7 mm below the type area); a far-off one (12.7 mm from the paper's edge) is not taken;
- **styles**: a paragraph style named like one of drafter's (讲话正文, 一级标题 …) gives its fonts,
  size, bold and alignment to drafter's style of that name; the line spacing, indent, outline level
  and keep-with-next stay drafter's, so the grid and the navigation pane survive. A template with
  none of the names is told so.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field

from drafter.errors import DocxPackageError, ReferenceDocError, message
from drafter.output.docx_styles import STYLES
from drafter.output.docx_xml import RPR_ORDER, PPR_ORDER, child, qn
from drafter.output.layout import LayoutProfile
from drafter.speech.docx_limits import check_docx_package

TOLERANCE = 57 * 2
"""How far (in twips: 2 mm) a reference's type area or footer distance may differ from the profile's."""

_MM = 56.6929
_PAPERS = {(11906, 16838): "A4", (12240, 15840): "Letter", (12240, 20160): "Legal", (16838, 23811): "A3",
           (10319, 14571): "B5", (8391, 11906): "A5"}
_TAKEN_RUN = ("rFonts", "b", "bCs", "sz", "szCs", "color")
"""Run properties a same-named style of the reference gives to drafter's."""
_TAKEN_PARA = ("jc",)
"""Paragraph properties a same-named style of the reference gives to drafter's."""
_SIZE_NAMES = {44: "二号", 36: "小二", 32: "三号", 30: "小三", 28: "四号", 24: "小四", 52: "一号", 48: "小一"}


def _mm(twips: int) -> str:
    return f"{twips / _MM:.1f}".rstrip("0").rstrip(".") + "mm"


def _paper(w: int, h: int) -> str:
    for (pw, ph), name in _PAPERS.items():
        if abs(pw - w) <= 20 and abs(ph - h) <= 20:
            return f"{name}（{_mm(w)}×{_mm(h)}）"
    return f"{_mm(w)}×{_mm(h)}"


def _open(path: str):
    import docx

    if os.path.isdir(path):
        raise ReferenceDocError(path, "这是一个文件夹，不是 Word 文件", "写出单位模板 .docx 文件的路径")
    if not os.path.isfile(path):
        raise ReferenceDocError(path, "找不到这个参考文档", "检查文件名和路径")
    try:
        check_docx_package(path, what="参考文档")
        return docx.Document(path)
    except DocxPackageError as err:
        if not err.over_limit:
            raise ReferenceDocError(path, "这不是 .docx 文件（或文件已损坏）",
                                    "旧的 .doc 文件请在 Word/WPS 中另存为 .docx 再使用") from None
        raise ReferenceDocError(path, err.message, err.hint) from None
    except ValueError as err:
        if "content type" in str(err):
            raise ReferenceDocError(path, "这是 Word 模板（.dotx）或其他格式，不是 .docx 文档",
                                    "在 Word/WPS 中打开后“另存为”Word 文档（.docx）再使用") from None
        raise ReferenceDocError(path, "无法读取这个 Word 文件", "在 Word/WPS 中打开后另存为 .docx 再试") from None
    except Exception:  # python-docx raises many kinds for a broken package (KeyError, SyntaxError …)
        raise ReferenceDocError(path, "这不是 .docx 文件（或文件已损坏）",
                                "旧的 .doc 文件请在 Word/WPS 中另存为 .docx 再使用") from None


def _int(el, name: str) -> int | None:
    if el is None:
        return None
    try:
        return int(float(el.get(qn(f"w:{name}"), "")))
    except ValueError:
        return None


@dataclass
class Reference:
    """What is taken from a reference document, and what the writer is told about it."""

    path: str
    margins: dict[str, int] = field(default_factory=dict)
    """Margin attributes of ``w:pgMar`` taken (top, bottom, left, right, footer, header)."""
    styles: dict[str, object] = field(default_factory=dict)
    """Style id → the reference's style element whose fonts, size, bold and alignment are taken."""
    notes: list[str] = field(default_factory=list)
    """What changes and what was not taken, one Chinese sentence each."""

    def report(self) -> str:
        """The notes as the message the command prints."""
        return "\n".join([message("参考文档与版式的比较结果：", where=self.path, level="注意")]
                         + [f"    - {n}" for n in self.notes])


def read_reference(path: str | os.PathLike, profile: LayoutProfile) -> Reference:
    """Open the unit's reference document and decide what of it to take for ``profile``."""
    shown = os.fspath(path)
    doc = _open(shown)
    ref = Reference(shown)
    sect = doc.sections[-1]._sectPr
    pg, mar = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    w, h = _int(pg, "w"), _int(pg, "h")
    ours = _paper(profile.page_width, profile.page_height)
    same_paper = w is None or h is None or (abs(w - profile.page_width) <= 20 and abs(h - profile.page_height) <= 20)
    if not same_paper:
        ref.notes.append(f"纸张是 {_paper(w, h)}，未采用：讲话稿仍用版式的 {ours}；页边距、页脚距离也都按版式")
    if same_paper and mar is not None:
        m = {k: _int(mar, k) for k in ("top", "bottom", "left", "right", "footer", "header")}
        width = profile.page_width - (m["left"] or 0) - (m["right"] or 0)
        height = profile.page_height - (m["top"] or 0) - (m["bottom"] or 0)
        if None in (m["left"], m["right"], m["top"], m["bottom"]):
            ref.notes.append("没有完整的页边距，未采用：按版式")
        elif abs(width - profile.type_width) > TOLERANCE or abs(height - profile.type_height) > TOLERANCE:
            ref.notes.append(f"页边距（上{_mm(m['top'])} 下{_mm(m['bottom'])} 左{_mm(m['left'])} "
                             f"右{_mm(m['right'])}）留下的版心是 {_mm(width)}×{_mm(height)}，与版式的 "
                             f"{_mm(profile.type_width)}×{_mm(profile.type_height)} 不符，排不下每页"
                             f" {profile.lines_per_page()} 行、每行 {profile.chars_per_line()} 字，未采用：按版式")
        else:
            changed = [k for k, ours_v in (("top", profile.margin_top), ("bottom", profile.margin_bottom),
                                          ("left", profile.margin_left), ("right", profile.margin_right))
                       if abs(m[k] - ours_v) > 10]
            ref.margins.update({k: m[k] for k in ("top", "bottom", "left", "right")})
            if changed:
                names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
                ref.notes.append("采用了页边距：" + "，".join(f"{names[k]} {_mm(m[k])}" for k in changed))
        footer = m["footer"]
        if footer is not None and abs(footer - profile.footer_distance) > TOLERANCE:
            below = ((profile.margin_bottom if "bottom" not in ref.margins else ref.margins["bottom"]) - footer) / _MM
            ref.notes.append(f"页脚距离 {_mm(footer)} 会把页码放到版心下边缘以下约 {below:.0f}mm，"
                             f"未采用：按版式的 {_mm(profile.footer_distance)}（页码在版心下约 7mm）")
        elif footer is not None and "bottom" in ref.margins:
            ref.margins["footer"] = footer
    _read_styles(doc, ref)
    return ref


def _describe(st) -> str:
    rpr = st.find(qn("w:rPr"))
    parts = []
    if rpr is not None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:eastAsia")):
            parts.append(f"字体 {fonts.get(qn('w:eastAsia'))}")
        sz = _int(rpr.find(qn("w:sz")), "val")
        if sz:
            parts.append(f"字号 {_SIZE_NAMES.get(sz, f'{sz / 2:g}磅')}")
        if rpr.find(qn("w:b")) is not None and rpr.find(qn("w:b")).get(qn("w:val"), "1") not in ("0", "false"):
            parts.append("加粗")
    ppr = st.find(qn("w:pPr"))
    jc = ppr.find(qn("w:jc")) if ppr is not None else None
    if jc is not None:
        val = jc.get(qn("w:val"))
        parts.append({"both": "两端对齐", "center": "居中", "left": "左对齐", "right": "右对齐"}.get(val, f"对齐方式 {val}"))
    return "、".join(parts) or "（无字体字号设置）"


def _read_styles(doc, ref: Reference) -> None:
    by_name = {}
    for st in doc.styles.element.findall(qn("w:style")):
        name_el = st.find(qn("w:name"))
        if name_el is not None and st.get(qn("w:type")) == "paragraph":
            by_name[name_el.get(qn("w:val"))] = st
    for role, (sid, name) in STYLES.items():
        theirs = by_name.get(name)
        if theirs is None:
            continue
        ref.styles[sid] = theirs
        kept = "行距、缩进" + ("、大纲级别、与下段同页" if role.startswith("heading") else "")
        ref.notes.append(f"样式“{name}”采用了参考文档的{_describe(theirs)}；{kept}仍按版式")
    if not ref.styles:
        ref.notes.append("参考文档中没有 drafter 的样式名（讲话正文、一级标题、二级标题……），"
                         "样式全部按版式；要让单位模板的字体生效，请在模板中按这些名字建样式")


def apply_reference(document, ref: Reference) -> None:
    """Put what ``ref`` takes into the python-docx ``document`` built for the profile."""
    sect = document.sections[0]._sectPr
    mar = sect.find(qn("w:pgMar"))
    for k, v in ref.margins.items():
        mar.set(qn(f"w:{k}"), str(v))
    for sid, theirs in ref.styles.items():
        ours = next(st for st in document.styles.element.findall(qn("w:style")) if st.get(qn("w:styleId")) == sid)
        for container, tags, order in (("rPr", _TAKEN_RUN, RPR_ORDER), ("pPr", _TAKEN_PARA, PPR_ORDER)):
            src = theirs.find(qn(f"w:{container}"))
            if src is None:
                continue
            dst = ours.find(qn(f"w:{container}"))
            for tag in tags:
                el = src.find(qn(f"w:{tag}"))
                if el is None:
                    continue
                mine = child(dst, tag, order)
                mine.addprevious(copy.deepcopy(el))
                dst.remove(mine)
