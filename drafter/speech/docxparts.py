"""The text of a .docx as Word shows it, paragraph by paragraph, for reading a speech.

python-docx's ``paragraph.text`` is the text typed in the paragraph. A speech written in Word often
has more on the page than that:

- **automatic numbering** (``w:numPr`` on the paragraph or its style): Word draws «一、» or «（二）»
  from ``numbering.xml``; :func:`docx_paragraphs` puts the label Word would show before the text,
  counting as Word does: lists of one definition count on together unless a list restarts
  (``w:lvlOverride``), and a level restarts when a higher level moves on;
- **tables**: each row becomes one paragraph, its cells joined by a full-width space;
- **text boxes**: their paragraphs follow the paragraph that anchors them (the drawing's copy for
  old Word versions, ``mc:Fallback``, is skipped so that nothing is read twice).
"""

from __future__ import annotations

from typing import Iterator

from drafter.genre.numbering import cn_numeral

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
                    "taiwaneseCounting", "taiwaneseCountingThousand", "ideographLegalTraditional"}
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{_NS[prefix]}}}{name}"


def _val(el, tag: str) -> str | None:
    child = el.find(_q(tag)) if el is not None else None
    return child.get(_q("w:val")) if child is not None else None


def _format_number(fmt: str, n: int) -> str:
    """``n`` written in Word's number format ``fmt`` (w:numFmt)."""
    if fmt in _CHINESE_FORMATS:
        return cn_numeral(n) if 0 < n < 1000 else str(n)
    if fmt == "ideographTraditional":
        return "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10]
    if fmt == "decimalFullWidth":
        return str(n).translate(_FULL_WIDTH)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        out, rest = "", n
        for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            while rest >= value:
                out, rest = out + sym, rest - value
        return out.upper() if fmt == "upperRoman" else out
    return str(n)


class _Numbering:
    """Word's list counters for one document: the label each numbered paragraph shows."""

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (numFmt, lvlText, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.list_key: dict[str, str] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract = {a.get(_q("w:abstractNumId")): a for a in numbering.findall(_q("w:abstractNum"))}
            for num in numbering.findall(_q("w:num")):
                a = abstract.get(_val(num, "w:abstractNumId"))
                if a is None:
                    continue
                lvls = {}
                for lvl in a.findall(_q("w:lvl")):
                    start = _val(lvl, "w:start")
                    lvls[int(lvl.get(_q("w:ilvl"), "0"))] = (_val(lvl, "w:numFmt") or "decimal",
                                                             _val(lvl, "w:lvlText") or "",
                                                             int(start) if start and start.isdigit() else 1)
                nid = num.get(_q("w:numId"))
                for override in num.findall(_q("w:lvlOverride")):
                    start = _val(override, "w:startOverride")
                    level = int(override.get(_q("w:ilvl"), "0"))
                    if start and start.isdigit() and level in lvls:
                        lvls[level] = lvls[level][:2] + (int(start),)
                # Word counts every list of one abstract definition together, unless a list restarts
                self.list_key[nid] = nid if num.find(_q("w:lvlOverride")) is not None else "a" + str(
                    _val(num, "w:abstractNumId"))
                self.levels[nid] = lvls
        for st in document.styles.element.findall(_q("w:style")):
            numpr = st.find(f"{_q('w:pPr')}/{_q('w:numPr')}")
            if numpr is not None:
                self.style_numpr[st.get(_q("w:styleId"))] = (_val(numpr, "w:numId"), _val(numpr, "w:ilvl"))

    def label(self, p) -> str:
        """The label Word shows before paragraph ``p`` (a w:p element), "" when it is not numbered."""
        ppr = p.find(_q("w:pPr"))
        numpr = ppr.find(_q("w:numPr")) if ppr is not None else None
        num_id, ilvl = (_val(numpr, "w:numId"), _val(numpr, "w:ilvl")) if numpr is not None else (None, None)
        if num_id is None:
            style = _val(ppr, "w:pStyle")
            num_id, style_lvl = self.style_numpr.get(style or "", (None, None))
            ilvl = ilvl or style_lvl
        lvls = self.levels.get(num_id or "")
        if not lvls:
            return ""
        level = int(ilvl) if ilvl and ilvl.isdigit() else 0
        if level not in lvls or lvls[level][0] in ("bullet", "none"):
            return ""
        counts = self.counters.setdefault(self.list_key.get(num_id, num_id), {})
        counts[level] = counts.get(level, lvls[level][2] - 1) + 1
        for deeper in [k for k in counts if k > level]:
            del counts[deeper]
        text = lvls[level][1]
        for k in range(level + 1):
            if f"%{k + 1}" in text:
                fmt, _, start = lvls.get(k, ("decimal", "", 1))
                text = text.replace(f"%{k + 1}", _format_number(fmt, counts.get(k, start)))
        return text


def _text_boxes(p) -> list:
    """The text boxes anchored in paragraph ``p``: outermost ones only, Word's own copy (not the copy
    for old Word versions under ``mc:Fallback``)."""
    skip = (_q("mc:Fallback"), _q("w:txbxContent"))
    boxes = []
    for box in p.iter(_q("w:txbxContent")):
        up = box.getparent()
        while up is not None and up is not p and up.tag not in skip:
            up = up.getparent()
        if up is p:
            boxes.append(box)
    return boxes


def _paragraph_text(p, parent) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, parent).text


def docx_paragraphs(document) -> Iterator[tuple[str, str]]:
    """(style name, text as Word shows it) of every paragraph of the body, in reading order."""
    from docx.text.paragraph import Paragraph

    numbering = _Numbering(document)
    body = document.element.body
    for el in body.iterchildren():
        if el.tag == _q("w:p"):
            para = Paragraph(el, document)
            name = (para.style.name if para.style is not None else "") or ""
            yield name, numbering.label(el) + para.text
            for box in _text_boxes(el):
                for inner in box.findall(_q("w:p")):
                    yield "", numbering.label(inner) + _paragraph_text(inner, document)
        elif el.tag == _q("w:tbl"):
            for row in el.findall(_q("w:tr")):
                cells = []
                for tc in row.findall(_q("w:tc")):
                    text = "".join(_paragraph_text(p, document) for p in tc.findall(_q("w:p"))).strip()
                    if text:
                        cells.append(text)
                yield "", "\u3000".join(cells)
        elif el.tag == _q("w:sdt"):
            content = el.find(_q("w:sdtContent"))
            for p in (content.findall(_q("w:p")) if content is not None else ()):
                para = Paragraph(p, document)
                yield (para.style.name if para.style is not None else "") or "", numbering.label(p) + para.text
