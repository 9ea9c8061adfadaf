"""The desk's safety rules, with plain HTTP requests against the real server."""

from __future__ import annotations

import hashlib
import os
import re
import urllib.parse

import httpx
import pytest


def _new_brief(desk, name="会议讲话"):
    r = httpx.post(f"{desk.url}/new", data={"type": "review", "name": name}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return f"{name}.yaml"


@pytest.mark.parametrize("headers", [
    {"Host": "evil.example:80"},                    # DNS rebinding: a foreign name pointing at 127.0.0.1
    {"Host": "127.0.0.1:1"},                        # another port
    {"Origin": "http://evil.example"},              # a page elsewhere posting here
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
])
def test_foreign_host_or_origin_is_refused(desk, headers):
    _new_brief(desk)
    for method, path in (("GET", "/"), ("POST", "/new"), ("GET", "/download/会议讲话.yaml")):
        r = httpx.request(method, desk.url + urllib.parse.quote(path), headers=headers, data={"type": "review", "name": "x"})
        assert r.status_code == 403, (method, path, r.status_code)
        assert "拒绝访问" in r.text
    assert not (desk.folder / "x.yaml").exists()


def test_own_origin_is_served(desk):
    r = httpx.post(f"{desk.url}/new", data={"type": "annual", "name": "年度"}, headers={"Origin": desk.url})
    assert r.status_code == 303 and (desk.folder / "年度.yaml").is_file()


@pytest.mark.parametrize("path", [
    "/edit/..%2F..%2F..%2Fetc%2Fpasswd",
    "/edit/../../../etc/passwd",
    "/download/..%2Foutside.yaml?kind=docx",
    "/edit/%2Fetc%2Fpasswd",
    "/check?name=..%2F..%2Fetc%2Fpasswd",
    "/edit/.hidden.yaml",
    "/edit/sub%2Fbrief.yaml",
])
def test_nothing_outside_the_folder_is_read(desk, path):
    (desk.folder / "sub").mkdir()
    (desk.folder / "sub" / "brief.yaml").write_text("meeting: {}\n", encoding="utf-8")
    (desk.folder / ".hidden.yaml").write_text("meeting: {}\n", encoding="utf-8")
    (desk.folder.parent / "outside.yaml").write_text("meeting: {}\n", encoding="utf-8")
    r = httpx.get(desk.url + path)
    assert r.status_code in (403, 404), r.status_code
    assert "root:" not in r.text


def test_symlink_out_of_the_folder_is_refused(desk, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("speaker: {role: 秘密}\n", encoding="utf-8")
    os.symlink(outside, desk.folder / "link.yaml")
    for method, path in (("GET", "/edit/link.yaml"), ("POST", "/save/link.yaml"), ("GET", "/download/link.yaml")):
        r = httpx.request(method, desk.url + path, data={"_hash": "x"})
        assert r.status_code == 403, (path, r.status_code)
        assert "秘密" not in r.text
    assert outside.read_text(encoding="utf-8") == "speaker: {role: 秘密}\n"


def test_a_unit_bank_file_linked_out_of_the_folder_is_not_written(desk, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("", encoding="utf-8")
    (desk.folder / "本单位词库").mkdir()
    os.symlink(outside, desk.folder / "本单位词库" / "closing.yaml")
    r = httpx.post(f"{desk.url}/phrases/add", data={"slot": "closing.thanks", "text": "谢谢大家。"})
    assert r.status_code == 403 and "符号链接" in r.text
    assert outside.read_text(encoding="utf-8") == ""


def test_oversize_upload_is_refused(desk):
    big = b"x" * (11 * 1024 * 1024)
    r = httpx.post(f"{desk.url}/check", files={"speech": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert "太大" in r.text


def test_stale_save_is_refused_and_the_file_kept(desk):
    name = _new_brief(desk)
    page = httpx.get(f"{desk.url}/edit/{urllib.parse.quote(name)}").text
    loaded = re.search(r'name="_hash" id="loaded-hash" value="([0-9a-f]+)"', page).group(1)
    path = desk.folder / name
    assert loaded == hashlib.sha256(path.read_bytes()).hexdigest()
    changed = path.read_text(encoding="utf-8").replace("区委书记", "县委书记", 1)
    path.write_text(changed, encoding="utf-8")  # someone else edits the brief meanwhile
    form = {"_hash": loaded, "meeting.type": "review", "meeting.date": "2026-02-15", "speaker.role": "市委书记"}
    r = httpx.post(f"{desk.url}/save/{urllib.parse.quote(name)}", data=form)
    assert r.status_code == 409
    assert "没有保存" in r.text and "重新载入" in r.text
    assert path.read_text(encoding="utf-8") == changed
    # with the file's current hash the same save goes through, atomically, keeping the previous file
    current = hashlib.sha256(path.read_bytes()).hexdigest()
    r = httpx.post(f"{desk.url}/save/{urllib.parse.quote(name)}", data={**form, "_hash": current})
    assert r.status_code == 200 and "已保存" in r.text
    text = path.read_text(encoding="utf-8")
    assert "role: 市委书记" in text and "# 会议" in text  # the writer's comments are kept
    assert (desk.folder / "会议讲话.bak.yaml").read_text(encoding="utf-8") == changed
    assert not [p for p in desk.folder.iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_stops_cleanly(desk):
    code, out, err = desk.stop()
    assert code == 0, err
    assert "写作台已停止" in out
    assert "Traceback" not in err


def test_editing_a_builtin_phrase_overrides_it_in_the_unit_bank(desk):
    from drafter.compose.phrasebank import BUILTIN_LAYER, PhraseBank, builtin_dir

    entry = next(e for e in PhraseBank.load().entries() if e.layer == BUILTIN_LAYER)
    before = {p.name: p.read_bytes() for p in builtin_dir().glob("*.yaml")}
    r = httpx.post(f"{desk.url}/phrases/edit", data={"id": entry.id, "text": "本单位改写的一句。", "tags": " ".join(entry.tags)})
    assert r.status_code == 303
    assert "覆盖" in urllib.parse.unquote(r.headers["location"])
    unit = "".join(p.read_text(encoding="utf-8") for p in (desk.folder / "本单位词库").glob("*.yaml"))
    assert f"id: {entry.id}" in unit and "本单位改写的一句。" in unit
    assert {p.name: p.read_bytes() for p in builtin_dir().glob("*.yaml")} == before
    page = httpx.get(f"{desk.url}/phrases", params={"q": "本单位改写的一句"}).text
    assert "（覆盖）" in page


@pytest.mark.parametrize("filename, content, message", [
    ("坏的讲话.docx", b"PK\x03\x04 not really a zip", "坏的讲话.docx"),
    ("讲话.pdf", b"%PDF-1.4", "只接受"),
])
def test_a_bad_speech_upload_is_explained_by_its_own_name(desk, filename, content, message):
    r = httpx.post(f"{desk.url}/check", files={"speech": (filename, content, "application/octet-stream")})
    assert r.status_code == 400
    assert message in r.text and "drafter-web-" not in r.text and "Traceback" not in r.text
