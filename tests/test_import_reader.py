"""Reading real speeches: Word's automatic numbering, tables, text boxes, .doc/.wps, and a speech
pasted from a web page with everything on one line."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from drafter.output.pdf import convert, find_soffice
from drafter.speech.blocks import Kind
from drafter.speech.reader import read_speech
from drafter.speech.runtogether import split_paragraphs
from drafter.errors import SpeechReadError

SPEECHES = Path(__file__).parent / "data" / "speeches"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _abstract(numbering, aid: int, fmt: str, text: str) -> None:
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        f'</w:abstractNum>'))


def _num(numbering, nid: int, aid: int, restart: bool = False) -> None:
    override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else "")
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>'
                               f'{override}</w:num>'))


def _numbered(paragraph, nid: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{nid}"/></w:numPr>'))


def auto_numbered_docx(source: Path, target: Path) -> list[str]:
    """``source`` (a plain speech) as a .docx whose «一、» headings and «一要» points are Word's automatic
    numbering (w:numPr), not typed; returns the original's lines (what the reader must give back)."""
    lines = [t.strip() for t in source.read_text(encoding="utf-8").splitlines() if t.strip()]
    document = docx.Document()
    numbering = document.part.numbering_part.element
    _abstract(numbering, 90, "chineseCounting", "%1、")
    _abstract(numbering, 91, "chineseCounting", "%1要")
    _num(numbering, 90, 90)
    next_id = 91
    in_body = False
    for t in lines:
        if t.startswith(("一、", "二、", "三、")):
            p = document.add_paragraph(t[2:])
            _numbered(p, 90)
            in_body = True
            _num(numbering, next_id + 1, 91, restart=True)  # each opinion's points count from 一要 again
            next_id += 1
        elif in_body and len(t) > 2 and t[1] == "要" and t[0] in "一二三四五":
            p = document.add_paragraph(t[2:])
            _numbered(p, next_id)
        else:
            document.add_paragraph(t)
    document.save(target)
    return lines


def test_automatic_numbering_is_read_as_the_ordinals_word_shows(tmp_path):
    lines = auto_numbered_docx(SPEECHES / "review_yiyao.txt", tmp_path / "auto.docx")
    blocks = read_speech(tmp_path / "auto.docx")
    assert [b.text for b in blocks] == lines
    headings = [b.text for b in blocks if b.kind == Kind.HEADING]
    assert headings == ["一、提高政治站位，把牢正确方向", "二、夯实基层基础，建强战斗堡垒", "三、压实工作责任，确保落地见效"]
    assert [b.text[:2] for b in blocks if b.text[1:2] == "要" and b.text[0] in "一二三"] == \
        ["一要", "二要", "一要", "二要", "三要", "一要", "二要"]


def test_tables_and_text_boxes_are_read(tmp_path):
    document = docx.Document()
    document.add_paragraph("同志们：")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate((("指标", "完成数"), ("新建党组织", "46个"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    anchor = document.add_paragraph("正文第一段。")
    anchor._p.append(parse_xml(
        f'<w:r xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里的提示语</w:t></w:r></w:p></w:txbxContent>'
        '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>文本框里的提示语</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r>'))
    document.add_paragraph("正文第二段。")
    document.save(tmp_path / "t.docx")
    texts = [b.text for b in read_speech(tmp_path / "t.docx")]
    assert texts == ["同志们：", "指标\u3000完成数", "新建党组织\u300046个", "正文第一段。", "文本框里的提示语", "正文第二段。"]


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


@pytest.mark.parametrize("name, content, expect", [
    ("old.doc", OLE, "另存为"),
    ("old.wps", OLE, "另存为"),
    ("renamed.docx", OLE, "另存为"),
    ("fake.doc", b"just text", "不是 Word 或 WPS 文档"),
])
def test_old_word_files_get_a_clear_message(tmp_path, name, content, expect):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(SpeechReadError) as e:
        read_speech(p)
    assert str(p) in str(e.value) and expect in str(e.value)
    assert "Traceback" not in str(e.value)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed")
def test_a_real_doc_is_read_through_libreoffice(tmp_path):
    document = docx.Document()
    for t in ("区委书记在党建工作会议上的讲话", "同志们：", "一、提高政治站位", "一要抓实理论武装。坚持第一议题制度。"):
        document.add_paragraph(t)
    document.save(tmp_path / "s.docx")
    convert(tmp_path / "s.docx", tmp_path / "s.doc", "doc")
    assert (tmp_path / "s.doc").read_bytes()[:8] == OLE[:8]
    assert [b.text for b in read_speech(tmp_path / "s.doc")] == \
        ["区委书记在党建工作会议上的讲话", "同志们：", "一、提高政治站位", "一要抓实理论武装。坚持第一议题制度。"]


def test_a_speech_pasted_on_one_line_with_indents_is_split_back(tmp_path):
    lines = [t for t in (SPEECHES / "review_yiyao.txt").read_text(encoding="utf-8").splitlines() if t]
    (tmp_path / "one.txt").write_text("\u3000\u3000".join(lines), encoding="utf-8")
    assert [b.text for b in read_speech(tmp_path / "one.txt")] == lines


def test_a_speech_run_together_without_breaks_is_split_at_its_ordinals():
    lines = [t for t in (SPEECHES / "review_yiyao.txt").read_text(encoding="utf-8").splitlines() if t]
    pieces = split_paragraphs("".join(lines))
    assert pieces[:3] == lines[:3]  # title, date line, 同志们：
    for heading in ("二、夯实基层基础，建强战斗堡垒", "三、压实工作责任，确保落地见效"):  # points follow them
        assert heading in pieces
    # a heading followed by a lead paragraph cannot be told from it: the piece starts at the heading
    assert any(p.startswith("一、提高政治站位，把牢正确方向抓好基层党建") for p in pieces)
    assert any(p.startswith("刚才，") for p in pieces) and any(p.startswith("下面，") for p in pieces)
    assert pieces[-1].startswith("同志们，基层党建工作任务艰巨")
    assert "".join(pieces) == "".join(lines)


@pytest.mark.parametrize("line", [
    "一、加强学习",  # a short heading
    "坚持做到以下两点：一、学在前；二、干在先。" * 3,  # an ordinary paragraph under the length limit
])
def test_ordinary_lines_are_left_alone(line):
    assert split_paragraphs(line) == [line]
