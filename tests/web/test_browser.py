"""The writer's desk in a real browser: from an empty folder to a downloaded .docx without a terminal."""

from __future__ import annotations

from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS

WAIT = 30


def wait_for(driver, predicate, what: str, timeout: float = WAIT):
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: predicate(d), message=what)


def preview_text(driver) -> str:
    text = driver.execute_script("var p = document.querySelector('#preview .pages'); return p ? p.innerText : '';")
    return text.replace(" ", "").replace("\u3000", "").replace("\n", "")


def field(driver, name: str):
    return driver.find_element(By.CSS_SELECTOR, f'[name="{name}"]')


def type_into(driver, name: str, text: str) -> None:
    el = field(driver, name)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].closest('details') && "
                          "(arguments[0].closest('details').open = true);", el)
    el.clear()
    el.send_keys(text)


def open_new_brief(driver, desk, type_name: str, name: str) -> None:
    driver.get(desk.url + "/")
    Select(driver.find_element(By.ID, "new-type")).select_by_visible_text(type_name)
    driver.find_element(By.ID, "new-name").send_keys(name)
    driver.find_element(By.CSS_SELECTOR, "#new-brief button[type=submit]").click()
    wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"), "the preview appears")


def test_from_an_empty_folder_to_a_downloaded_docx(desk, browser):
    import docx

    d = browser
    d.get(desk.url + "/")
    assert "还没有简报" in d.page_source
    open_new_brief(d, desk, "基层党建工作述职评议会书记总结讲话", "述职评议会讲话")
    assert (desk.folder / "述职评议会讲话.yaml").is_file()
    assert "起始简报" in d.find_element(By.ID, "status").text

    # the starter's placeholders are highlighted in the page
    assert d.find_elements(By.CSS_SELECTOR, "#preview .line .ph")

    # a field typed into changes the preview
    type_into(d, "speaker.name", "王五")
    wait_for(d, lambda d: "王五" in preview_text(d), "the speaker's name appears in the preview")

    # a placeholder typed into a lead paragraph is marked as a finding
    type_into(d, "opinions.items.@0.lead", "今年要抓好【具体任务】的落实。")
    wait_for(d, lambda d: "【具体任务】" in d.execute_script(
        "return Array.from(document.querySelectorAll('#preview .ph')).map(e => e.textContent).join('|')"),
        "the new placeholder is highlighted")
    assert "【具体任务】" in d.execute_script(
        "return Array.from(document.querySelectorAll('#preview .findings li')).map(e => e.textContent).join('|')")

    # add a point to the first opinion, then move it up one place
    points = d.find_element(By.CSS_SELECTOR, '[data-field="opinions.items.@0.points"]')
    add = points.find_element(By.CSS_SELECTOR, ":scope > button[data-add]")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'});", add)
    add.click()
    new_item = points.find_elements(By.CSS_SELECTOR, ":scope > .items > .item")[-1]
    lead = new_item.find_element(By.CSS_SELECTOR, "textarea[name$='.lead']")
    lead.send_keys("压实基层责任")
    wait_for(d, lambda d: "压实基层责任" in preview_text(d), "the new point appears in the preview")
    text = preview_text(d)
    assert text.index("严肃组织生活") < text.index("压实基层责任")
    new_item.find_element(By.CSS_SELECTOR, "button[data-up]").click()
    wait_for(d, lambda d: preview_text(d).index("压实基层责任") < preview_text(d).index("严肃组织生活"),
             "the moved point comes first in the preview")
    assert "二要压实基层责任" in preview_text(d)

    # another wording of the framing sentences
    before = preview_text(d)
    d.find_element(By.ID, "variant-next").click()
    wait_for(d, lambda d: d.find_element(By.ID, "variant-shown").text == "2" and preview_text(d) != before,
             "variant 2 is shown")
    assert field(d, "options.variant").get_attribute("value") == "2"

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "editor.png"
    d.save_screenshot(str(shot))
    print(f"screenshot of the editor: {shot}")

    # save: the brief on disk has the changes and still the starter's comments
    assert "未保存" in d.find_element(By.ID, "status").text
    d.find_element(By.ID, "save").click()
    wait_for(d, lambda d: "已保存" in d.find_element(By.ID, "status").text, "saved")
    saved = (desk.folder / "述职评议会讲话.yaml").read_text(encoding="utf-8")
    assert "name: 王五" in saved and "lead: 压实基层责任" in saved and "variant: 2" in saved
    assert saved.index("压实基层责任") < saved.index("严肃组织生活")
    assert "# 会议类型：review" in saved

    # download the .docx and reopen it
    d.find_element(By.CSS_SELECTOR, "button[data-download=docx]").click()
    target = d.downloads / "述职评议会讲话.docx"
    wait_for(d, lambda d: target.is_file() and not list(d.downloads.glob("*.crdownload")), "the .docx is downloaded")
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    body = "".join(paragraphs).replace("\u3000", "")
    assert "二要压实基层责任" in body and "王五" in body
    assert "今年要抓好【具体任务】的落实。" in paragraphs


def test_problems_are_shown_beside_their_field(desk, browser):
    d = browser
    open_new_brief(d, desk, "年度党建工作会议讲话", "年度会议")
    type_into(d, "opinions.items.@0.heading", "一、加强政治建设")
    wait_for(d, lambda d: "自带了序号" in d.find_element(
        By.CSS_SELECTOR, '[data-field="opinions.items.@0.heading"] > .problem').text,
        "the problem is shown under the heading's field")
    assert "问题" in d.find_element(By.ID, "preview").text
    type_into(d, "opinions.items.@0.heading", "加强政治建设")
    wait_for(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page") and not d.find_element(
        By.CSS_SELECTOR, '[data-field="opinions.items.@0.heading"] > .problem').text,
        "the preview comes back and the problem goes")


def test_check_a_speech_upload(desk, browser, tmp_path):
    speech = tmp_path / "去年的讲话.txt"
    speech.write_text("在2024年度述职评议会上的讲话\n（2025年2月10日）\n同志们：\n"
                      "今年全区新建党群服务中心X个。我们要深入学习贯彻党的十九大精神，决胜全面建成小康社会。\n",
                      encoding="utf-8")
    d = browser
    d.get(desk.url + "/check")
    d.find_element(By.ID, "check-file").send_keys(str(speech))
    d.find_element(By.CSS_SELECTOR, "#check-form button[type=submit]").click()
    wait_for(d, lambda d: d.find_elements(By.CSS_SELECTOR, ".checked .page"), "the checked speech is shown")
    marked = [e.text for e in d.find_elements(By.CSS_SELECTOR, ".checked .page .ph")]
    assert "X" in marked
    dated = {e.text: e.get_attribute("title") for e in d.find_elements(By.CSS_SELECTOR, ".checked .page .dated")}
    assert "决胜全面建成小康社会" in dated and "已不是现行提法" in dated["决胜全面建成小康社会"]
    assert "党的十九大精神" in "".join(dated)
    assert d.find_elements(By.CSS_SELECTOR, ".checked .findings li")
    assert not list(desk.folder.iterdir())  # checking stores nothing


def test_add_a_phrase(desk, browser):
    d = browser
    d.get(desk.url + "/phrases")
    rows = d.find_elements(By.CSS_SELECTOR, "#entries tbody tr")
    assert rows and "内置" in rows[0].find_element(By.CSS_SELECTOR, ".layer").text
    slot = rows[0].find_elements(By.TAG_NAME, "td")[1].text
    d.find_element(By.ID, "add-slot").clear()
    d.find_element(By.ID, "add-slot").send_keys(slot)
    d.find_element(By.ID, "add-text").send_keys("本单位自己的一句话，{{ jurisdiction }}上下齐心。")
    d.find_element(By.CSS_SELECTOR, "#bank-add button[type=submit]").click()
    wait_for(d, lambda d: d.find_elements(By.ID, "bank-notice"), "the entry is added")
    notice = d.find_element(By.ID, "bank-notice").text
    assert "已添加条目" in notice
    written = list((desk.folder / "本单位词库").glob("*.yaml"))
    assert written and "本单位自己的一句话" in written[0].read_text(encoding="utf-8")
    d.find_element(By.ID, "filter-q").send_keys("本单位自己的一句话")
    d.find_element(By.CSS_SELECTOR, "#bank-filter button[type=submit]").click()
    wait_for(d, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#entries tbody tr")) == 1, "the search finds it")
    row = d.find_element(By.CSS_SELECTOR, "#entries tbody tr")
    assert "本单位词库" in row.find_element(By.CSS_SELECTOR, ".layer").text
    assert row.get_attribute("data-id").startswith(slot + ".u")
    # edit it on its own page: the same entry changes in place
    row.find_element(By.LINK_TEXT, "修改").click()
    text = d.find_element(By.ID, "edit-text")
    text.clear()
    text.send_keys("改过的一句话，{{ jurisdiction }}上下一心。")
    d.find_element(By.CSS_SELECTOR, "#bank-edit button[type=submit]").click()
    wait_for(d, lambda d: d.find_elements(By.ID, "bank-notice"), "the entry is changed")
    assert "已修改条目" in d.find_element(By.ID, "bank-notice").text
    content = written[0].read_text(encoding="utf-8")
    assert "改过的一句话" in content and "本单位自己的一句话" not in content


def test_import_last_years_speech(desk, browser, tmp_path):
    import subprocess
    import sys

    speech = tmp_path / "去年的述职评议会讲话.docx"
    subprocess.run([sys.executable, "-m", "drafter", "render", "examples/review.yaml", "-o", str(speech), "-q"],
                   check=True, cwd=Path(__file__).resolve().parents[2])
    d = browser
    d.get(desk.url + "/")
    d.find_element(By.ID, "import-file").send_keys(str(speech))
    d.execute_script("document.getElementById('import-date').value = '2027-02-20';")
    d.find_element(By.CSS_SELECTOR, "#import-speech button[type=submit]").click()
    wait_for(d, lambda d: d.find_elements(By.CSS_SELECTOR, "#preview .page"), "the imported brief's preview appears")
    assert "已从「去年的述职评议会讲话.docx」导入" in d.find_element(By.ID, "status").text
    brief = desk.folder / "去年的述职评议会讲话.yaml"
    text = brief.read_text(encoding="utf-8")
    assert "2027-02-20" in text
    assert field(d, "meeting.type").get_attribute("value") == "review"
    assert field(d, "meeting.date").get_attribute("value") == "2027-02-20"
    # the date-bound pieces are marked 【核实】 in the brief, and highlighted in the preview
    if "【核实】" in text:
        wait_for(d, lambda d: "核实" in d.execute_script(
            "return Array.from(document.querySelectorAll('#preview .ph')).map(e => e.textContent).join('|')"),
            "the 【核实】 marks are highlighted")
