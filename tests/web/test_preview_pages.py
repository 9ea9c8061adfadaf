"""The live preview and the checked speech turn pages where the .docx does: the same lines on the same
pages as drafter's page model (drafter.output.pagination) computes for the .docx the desk downloads."""

from __future__ import annotations

import shutil
import urllib.parse
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By

from drafter.output.pagination import settle
from drafter.speech.reader import read_speech
from test_browser import wait_for

ROOT = Path(__file__).resolve().parents[2]

SHOWN = """
return Array.from(document.querySelectorAll(arguments[0] + ' .page')).map(page =>
  Array.from(page.querySelectorAll('.line')).map(line => Array.from(line.childNodes)
    .filter(n => !(n.classList && n.classList.contains('note'))).map(n => n.textContent).join('')));
"""
"""The lines of each page shown under the selector (the findings' notes at a line's side left out)."""


@pytest.mark.parametrize("example", ["annual", "lecture"])
def test_the_preview_shows_the_pages_of_the_docx(desk, browser, example):
    shutil.copy(ROOT / "examples" / f"{example}.yaml", desk.folder)
    d = browser
    d.get(f"{desk.url}/edit/{example}.yaml")
    wait_for(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"), "the preview appears")
    previewed = d.execute_script(SHOWN, "#preview")
    wait_for(d, lambda d: d.find_element(By.CSS_SELECTOR, ".preview-bar").text.startswith(
        "预览（按打印版式：每行 28 字，每页 22 行）"), "the preview bar gives the grid of the profile")

    r = httpx.get(f"{desk.url}/download/{urllib.parse.quote(example + '.yaml')}?kind=docx", timeout=60)
    assert r.status_code == 200, r.text
    docx = desk.folder / f"{example}.docx"
    docx.write_bytes(r.content)
    model = settle(read_speech(docx))
    pages = [[model.lines[index][n] for index, n in rows] for rows in model.rows()]

    assert len(previewed) == model.page_count() == len(pages)
    assert previewed == pages  # the same line breaks, the same page turns
    assert len(previewed[-1]) >= 3  # as in the .docx, no last page of a stray line or two

    # checking the downloaded .docx on the desk shows the same pages
    d.get(f"{desk.url}/check?name={urllib.parse.quote(docx.name)}")
    wait_for(d, lambda d: d.find_elements(By.CSS_SELECTOR, ".checked .page"), "the checked speech is shown")
    assert d.execute_script(SHOWN, ".checked") == pages
