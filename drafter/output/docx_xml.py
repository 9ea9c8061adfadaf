"""Small helpers for editing WordprocessingML with lxml (python-docx's elements): names, schema order.

A child element created here is put where the schema's sequence wants it (Word refuses a file whose
``w:pPr`` children are out of order; LibreOffice silently ignores some), and attributes are written
as ``w:`` attributes.
"""

from __future__ import annotations

from typing import Sequence

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace."""

RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
             "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
             "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
             "specVanish", "oMath")
"""The children of ``w:rPr`` in schema order."""
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
"""The children of ``w:pPr`` in schema order."""
SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
              "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign",
              "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings",
              "sectPrChange")
"""The children of ``w:sectPr`` in schema order."""
SETTINGS_ORDER = (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime", "doNotDisplayPageBoundaries",
    "displayBackgroundShape", "printPostScriptOverText", "printFractionalCharacterWidth", "printFormsData",
    "embedTrueTypeFonts", "embedSystemFonts", "saveSubsetFonts", "saveFormsData", "mirrorMargins",
    "alignBordersAndEdges", "bordersDoNotSurroundHeader", "bordersDoNotSurroundFooter", "gutterAtTop",
    "hideSpellingErrors", "hideGrammaticalErrors", "activeWritingStyle", "proofState", "formsDesign",
    "attachedTemplate", "linkStyles", "stylePaneFormatFilter", "stylePaneSortMethod", "documentType",
    "mailMerge", "revisionView", "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting",
    "documentProtection", "autoFormatOverride", "styleLockTheme", "styleLockQFSet", "defaultTabStop",
    "autoHyphenation", "consecutiveHyphenLimit", "hyphenationZone", "doNotHyphenateCaps",
    "showEnvelope", "summaryLength", "clickAndTypeStyle", "defaultTableStyle", "evenAndOddHeaders",
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType",
    "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")
"""The children of ``w:settings`` in schema order."""


def qn(tag: str) -> str:
    """The Clark name (``{namespace}local``) of a ``w:``-prefixed name."""
    prefix, local = tag.split(":")
    if prefix != "w":
        raise ValueError(f"only w: names are used here, not {tag!r}")
    return f"{{{W_NS}}}{local}"


def child(parent, tag: str, order: Sequence[str]):
    """The ``w:tag`` child of ``parent``, created in schema ``order`` if missing."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    el = parent.makeelement(qn(f"w:{tag}"), {})
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
    for i, existing in enumerate(parent):
        if existing.tag in later:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def set_attrs(el, **attrs) -> None:
    """Set ``w:`` attributes of ``el``."""
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), str(v))


def reset(el, **attrs) -> None:
    """Replace every attribute of ``el`` by the ``w:`` attributes given."""
    for attr in list(el.attrib):
        del el.attrib[attr]
    set_attrs(el, **attrs)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML entities."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
