"""Read a speech drafter did not write (.docx, .txt, .md) into blocks, so that it can be checked.

Roles come from what the writer marked (paragraph style names in a .docx, drafter markup in a .md)
and otherwise from the shape of the text, as the layout checker does: the title lines above
«同志们：», a date line «（2026年2月15日）», headings by their labels (一、 （一） 1. （1）) when short.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from pathlib import Path

from drafter.errors import DocxPackageError, MarkupError, PdfError, SpeechReadError
from drafter.input.files import read_limited
from drafter.output.pdf import convert, find_soffice
from drafter.speech.blocks import Block, Kind
from drafter.speech.docx_limits import check_docx_package
from drafter.speech.markup import parse

_DATE_LINE = re.compile(r"^[（(](\d{4})年(\d{1,2})月(\d{1,2})日[）)]$")
_SALUTATION = re.compile(r"^(?:同志们|各位[^，：]{0,10})[：:]$")
_HEADING_SHAPES = (
    re.compile(r"^[一二三四五六七八九十]+、"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]"),
    re.compile(r"^\d{1,2}[.．](?!\d)"),
    re.compile(r"^[（(]\d{1,2}[）)]"),
)
MAX_HEADING = 40
"""A labelled line ending with a full stop is a heading only up to this length; without one, a labelled
line is a heading at any length («一、坚持…，深入贯彻…，推动…» runs past 40 characters)."""
_SENTENCE_END = re.compile(r"[。！？；]")
_TOP_LINE = re.compile(r"^[^。！？；，,：:]{1,60}$")
"""A line of the title block: no sentence or clause punctuation (title, subtitle, byline, date)."""


def _shape(text: str) -> tuple[Kind, int]:
    """Kind and level of a body line by its shape: a line that opens with an ordinal label (一、 （一）
    1. （1）) and has no sentence end inside is a heading, whatever its length."""
    for level, rx in enumerate(_HEADING_SHAPES, start=1):
        if rx.match(text):
            inner = text[:-1] if text.endswith("。") else text
            if not _SENTENCE_END.search(inner) and (inner == text or len(text) <= MAX_HEADING):
                return Kind.HEADING, level
            break
    return Kind.PARAGRAPH, 0


def _top_kind(k: int, t: str) -> Kind:
    if _DATE_LINE.match(t):
        return Kind.DATE
    if t.startswith("——"):
        return Kind.SUBTITLE
    if k > 0 and len(t) <= 20 and re.search(r"\s", t.strip()):
        return Kind.BYLINE
    return Kind.TITLE


def _title_block_end(lines: list[tuple[int, str]]) -> int:
    """How many lines open the speech as its title block when there is no «同志们：» line: the leading
    lines without sentence or clause punctuation that are not headings, when body text follows."""
    k = 0
    while k < min(len(lines), 6) and _TOP_LINE.match(lines[k][1]) and _shape(lines[k][1])[0] is Kind.PARAGRAPH:
        k += 1
    return k if k < len(lines) else 0


def _classify(lines: list[tuple[int, str]]) -> list[Block]:
    """Blocks from (line number, text) pairs of a plain speech."""
    blocks: list[Block] = []
    sal = next((k for k, (_, t) in enumerate(lines[:8]) if _SALUTATION.match(t)), None)
    top = sal if sal is not None else _title_block_end(lines)
    for k, (n, t) in enumerate(lines):
        if k < top:
            blocks.append(Block.plain(_top_kind(k, t), t, line=n))
        elif k == sal:
            blocks.append(Block.plain(Kind.SALUTATION, t, line=n))
        elif _DATE_LINE.match(t):
            blocks.append(Block.plain(Kind.DATE, t, line=n))
        else:
            kind, level = _shape(t)
            blocks.append(Block.plain(kind, t, level=level, line=n))
    return blocks


MAX_TEXT_BYTES = 10 * 1024 * 1024
"""The largest .txt/.md speech read: a long speech is some 30 KB; anything near this is not a speech."""


def _read_text(path: Path) -> str:
    data = read_limited(path, limit=MAX_TEXT_BYTES, what="讲话稿",
                        large_hint="讲话稿不会这么大；检查是不是选错了文件")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SpeechReadError(f"{path}: 错误：讲话稿不是 UTF-8 或 GBK 编码的文本\n    提示：用记事本“另存为”UTF-8 后再试")


def read_txt(path: Path) -> list[Block]:
    """One paragraph a line; blank lines skipped; leading full-width spaces removed. A long line that
    holds a whole speech (pasted from a web page) is split back into paragraphs at its ordinals (see
    :func:`drafter.speech.runtogether.split_paragraphs`)."""
    from drafter.speech.runtogether import split_paragraphs

    text = _read_text(path)
    lines = []
    for n, raw in enumerate(text.splitlines(), start=1):
        lines.extend((n, t) for t in split_paragraphs(raw.strip(" \t\u3000\ufeff")))
    return _classify([(n, t) for n, t in lines if t])


def read_md(path: Path) -> list[Block]:
    """drafter markup when it parses as such (a ``#`` title or ``@`` directives), else plain Markdown:
    headings' ``#`` and emphasis markers dropped, roles from the text shape."""
    text = _read_text(path)
    if re.search(r"^(?:# |@(?:date|byline|salutation|subtitle|stock) )", text, re.M):
        try:
            return parse(text, str(path))
        except MarkupError:
            pass
    lines = []
    for n, raw in enumerate(text.splitlines(), start=1):
        t = re.sub(r"^#{1,6}\s+", "", raw.strip(" \t\u3000"))
        t = re.sub(r"\*\*|__", "", t)
        if t:
            lines.append((n, t))
    return _classify(lines)


_STYLE_KIND = (
    (re.compile(r"^(?:title|标题|讲话标题)$", re.I), Kind.TITLE),  # 讲话…: drafter's own style names
    (re.compile(r"^(?:subtitle|副标题|讲话副标题)$", re.I), Kind.SUBTITLE),
    (re.compile(r"(?:byline|speaker|署名|讲话人)", re.I), Kind.BYLINE),
    (re.compile(r"(?:^date$|日期)", re.I), Kind.DATE),
    (re.compile(r"(?:salutation|称谓)", re.I), Kind.SALUTATION),
)
_STYLE_HEADING = re.compile(r"^(?:(?:heading|标题)\s*([1-4])|([一二三四])级标题)$", re.I)
"""Word's built-in heading styles (Heading 1, 标题 1 …) and drafter's own (一级标题 …)."""


def read_docx(path: Path) -> list[Block]:
    """Paragraphs of a .docx; roles from the style names when the writer used named styles (Title,
    Heading 1–4, 标题 1–4 …), else from the text shape. ``line`` is the paragraph's 1-based index.

    What Word shows but python-docx's ``paragraph.text`` leaves out is read too (see
    :mod:`drafter.speech.docxparts`): automatic numbering (w:numPr) becomes the ordinal text Word
    displays («一、», «（二）»), each table row is a paragraph (cells joined by a full-width space),
    and the paragraphs of a text box follow the paragraph that anchors it."""
    from drafter.speech.docxparts import docx_paragraphs

    try:
        import docx  # python-docx
        check_docx_package(path, what="讲话稿")
        document = docx.Document(str(path))
    except DocxPackageError as e:
        if e.over_limit:
            raise
        raise SpeechReadError(f"{path}: 错误：无法打开 Word 文件（BadZipFile）\n"
                              "    提示：确认是 .docx（不是 .doc 或 WPS 格式），可用 Word 另存为 .docx 后再试") from None
    except Exception as e:  # python-docx raises several types for a broken package
        raise SpeechReadError(f"{path}: 错误：无法打开 Word 文件（{type(e).__name__}）\n"
                              "    提示：确认是 .docx（不是 .doc 或 WPS 格式），可用 Word 另存为 .docx 后再试") from None
    styled: list[Block | None] = []
    plain: list[tuple[int, str]] = []
    any_style = False
    for n, (name, raw) in enumerate(docx_paragraphs(document), start=1):
        t = raw.strip(" \t\u3000")
        if not t:
            continue
        block = None
        m = _STYLE_HEADING.match(name)
        if m:
            level = int(m.group(1)) if m.group(1) else "一二三四".index(m.group(2)) + 1
            block = Block.plain(Kind.HEADING, t, level=level, line=n)
        else:
            for rx, kind in _STYLE_KIND:
                if rx.search(name):
                    block = Block.plain(kind, t, line=n)
                    break
        any_style = any_style or block is not None
        styled.append(block)
        plain.append((n, t))
    if not any_style:
        return _classify(plain)
    out = []
    for block, (n, t) in zip(styled, plain):
        if block is None:
            kind, level = _shape(t)
            if _SALUTATION.match(t):
                kind = Kind.SALUTATION
            elif _DATE_LINE.match(t):
                kind = Kind.DATE
            block = Block.plain(kind, t, level=level, line=n)
        out.append(block)
    return out


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an old binary Office file (.doc, .wps, .et): an OLE compound document."""


def _convert_old_word(path: Path) -> list[Block]:
    """A .doc/.wps read through LibreOffice (converted to .docx in a private folder), or a message
    saying how to save it as .docx when LibreOffice is not installed or cannot convert it."""
    kind = "WPS 文字" if path.suffix.lower() == ".wps" else "旧版 Word（.doc）"
    if find_soffice() is None:
        raise SpeechReadError(f"{path}: 错误：这是{kind}文件，drafter 只能直接读取 .docx\n"
                              "    提示：用 Word 或 WPS 打开，“另存为”Word 文档（*.docx）后再试；"
                              "或安装 LibreOffice，drafter 会自动转换")
    with tempfile.TemporaryDirectory(prefix="drafter-doc-") as tmp:
        out = Path(tmp) / "speech.docx"
        try:
            convert(path, out, "docx")
        except PdfError as e:
            raise SpeechReadError(f"{path}: 错误：{kind}文件无法经 LibreOffice 转换为 .docx（{e.message}）\n"
                                  "    提示：用 Word 或 WPS 打开，“另存为”Word 文档（*.docx）后再试") from None
        return read_docx(out)


def read_speech(path: str | Path) -> list[Block]:
    """The blocks of a speech in a .docx, .txt or .md file (.doc and .wps through LibreOffice)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise SpeechReadError(f"{path}: 错误：文件不存在\n    提示：检查文件名和路径")
    if not path.is_file():
        raise SpeechReadError(f"{path}: 错误：这不是一个普通文件\n    提示：给出讲话稿文件（.docx、.txt、.md）的路径")
    if suffix in (".doc", ".wps", ".docx"):
        try:
            with open(path, "rb") as fh:
                head = fh.read(8)
        except OSError as e:
            raise SpeechReadError(f"{path}: 错误：无法读取讲话稿（{e.strerror}）\n    提示：检查文件路径和权限") from None
        if head == _OLE_MAGIC:
            return _convert_old_word(path)
        if suffix != ".docx":
            raise SpeechReadError(f"{path}: 错误：不支持的文件类型「{suffix}」：文件内容不是 Word 或 WPS 文档\n"
                                  "    提示：确认选对了文件；能打开的话，用 Word 或 WPS“另存为”.docx 后再试")
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".txt", ".text"):
        return read_txt(path)
    if suffix in (".md", ".markdown"):
        return read_md(path)
    raise SpeechReadError(f"{path}: 错误：不支持的文件类型「{suffix or '无扩展名'}」\n"
                          "    提示：可检查 .docx、.txt、.md 讲话稿（.doc、.wps 需安装 LibreOffice），或 .yaml 简报")


def find_meeting_date(blocks: list[Block]) -> datetime.date | None:
    """The date of the date line «（2026年2月15日）» near the top, None when there is none."""
    for b in blocks[:12]:
        m = _DATE_LINE.match(b.text.strip())
        if m:
            try:
                return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None
