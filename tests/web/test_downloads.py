"""Downloads from the desk: the four kinds, reopened; PDFs through the server's warm LibreOffice."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import urllib.parse

import httpx
import pytest


@pytest.fixture
def brief(desk):
    r = httpx.post(f"{desk.url}/new", data={"type": "quarterly", "name": "讲评会"})
    assert r.status_code == 303
    return desk


@pytest.mark.parametrize("kind, filename", [
    ("docx", "讲评会.docx"), ("review", "讲评会.review.docx"), ("reading", "讲评会.reading.docx"),
])
def test_word_downloads_reopen(brief, kind, filename):
    import docx

    r = httpx.get(f"{brief.url}/download/{urllib.parse.quote('讲评会.yaml')}?kind={kind}")
    assert r.status_code == 200
    assert urllib.parse.quote(filename) in r.headers["content-disposition"]
    document = docx.Document(io.BytesIO(r.content))
    text = "".join(p.text for p in document.paragraphs)
    assert "同志们：" in text
    if kind == "review":
        assert document.comments and len(list(document.comments)) > 0
    assert sorted(p.name for p in brief.folder.iterdir()) == ["讲评会.yaml"]  # a download writes nothing


def test_download_of_a_brief_with_problems_says_what_is_wrong(brief):
    path = brief.folder / "讲评会.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: quarterly", "type: 不存在的会议"), encoding="utf-8")
    r = httpx.get(f"{brief.url}/download/{urllib.parse.quote('讲评会.yaml')}?kind=docx")
    assert r.status_code == 400
    assert "没有「不存在的会议」这种会议类型" in r.text


def test_pdf_downloads_through_the_warm_office(brief):
    from drafter.output.pdf import find_soffice

    if find_soffice() is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing; .ci/run installs it")
        pytest.skip("LibreOffice is not installed")
    url = f"{brief.url}/download/{urllib.parse.quote('讲评会.yaml')}?kind=pdf"
    for _ in range(2):  # the first starts the office, the second is handed to the one started after it
        r = httpx.get(url, timeout=300)
        assert r.status_code == 200, r.text
        assert r.content.startswith(b"%PDF")
        if shutil.which("pdftotext"):
            out = subprocess.run(["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True).stdout
            assert "同志们" in out.decode("utf-8")
    code, _, err = brief.stop()
    assert code == 0 and "Traceback" not in err
