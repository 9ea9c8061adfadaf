"""The brief editor: the form generated from the brief schema, its live preview and saving it.

The page carries the SHA-256 of the file as it was loaded. The preview and the downloads draft
from the form as it stands, written into the file's text in memory (nothing is saved); saving
writes that text atomically, and only when the file on disk still has the loaded hash: a brief
changed by someone else meanwhile is never overwritten silently.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from drafter.checks.inputs import check_draft
from drafter.errors import DrafterError
from drafter.input.files import read_limited
from drafter.input.yamlfile import MAX_BYTES, YamlProblems, loads
from drafter.main import make_draft, profile_for
from drafter.output.files import write_atomic
from drafter.web import forms
from drafter.web.desk import BRIEF_SUFFIXES, DOWNLOADS, desk_of
from drafter.web.preview import layout, stats
from drafter.web.safety import Refused, folder_file


def _read(path: Path) -> tuple[str, str]:
    """The brief's text and the SHA-256 of its bytes (a regular file within the brief reader's size limit)."""
    raw = read_limited(path, limit=MAX_BYTES, what="简报", name=path.name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(f"「{path.name}」不是 UTF-8 编码的文本，表单无法读取", 400,
                      "用记事本或 VS Code 把它另存为 UTF-8 编码") from None
    return text, hashlib.sha256(raw).hexdigest()


def _brief(request: Request) -> Path:
    return folder_file(desk_of(request).folder, request.path_params["name"], suffixes=BRIEF_SUFFIXES)


def form_text(path: Path, posted, names: dict | None = None, *, keep_comments: bool = False) -> str:
    """The brief's text with the posted form written into it (in memory); with ``keep_comments`` as
    it is saved (comments, order and layout kept), else only its values (for previews and downloads)."""
    text, _ = _read(path)
    try:
        update = forms.updated_text if keep_comments else forms.preview_text
        return update(text, posted.multi_items(), names)
    except ValueError as err:
        raise Refused(str(err), 400, "用记事本打开这份简报改正后再试") from None


async def edit_page(request: Request) -> Response:
    desk = desk_of(request)
    path = _brief(request)
    text, digest = _read(path)

    try:
        data = loads(text, path.name).data
    except YamlProblems as err:
        raise Refused("\n".join(p.render() for p in err.problems), 400, "用记事本打开这份简报改正后再试") from None
    if not isinstance(data, dict):
        raise Refused(f"「{path.name}」的最外层应是若干“键: 值”，表单无法读取", 400, "用记事本打开这份简报改正后再试")
    return desk.page("editor.html", name=path.name, quoted=urllib.parse.quote(path.name), form=forms.brief_form(),
                     data=data, digest=digest, notice=desk.notices.pop(path.name, ""), downloads=DOWNLOADS)


async def preview(request: Request) -> Response:
    """The draft of the form as it stands, laid out as pages, with the brief's problems placed."""
    desk = desk_of(request)
    path = _brief(request)
    posted = await request.form()
    names: dict = {}
    text = form_text(path, posted, names)
    try:
        draft = make_draft(path, text=text)
        findings, ctx = check_draft(draft)
        profile = profile_for(draft)  # the pages the .docx download has
    except DrafterError as err:
        problems = getattr(err, "problems", None)
        placed = forms.place_problems(problems, text, names) if problems else []
        return desk.page("_preview.html", failed=err.render() if not problems else "", problems=placed,
                         last=desk.previews.get(path.name))
    response = desk.page("_preview.html", pages=layout(draft.blocks, findings, profile), findings=findings,
                         stats=stats(draft.blocks, ctx), variant=draft.plan.variant, problems=[])
    desk.previews[path.name] = response.body.decode("utf-8").split('<div id="problems"', 1)[0]
    return response


async def save(request: Request) -> Response:
    desk = desk_of(request)
    path = _brief(request)
    posted = await request.form()
    loaded = str(posted.get("_hash", ""))

    with desk.save_lock:
        text, digest = _read(path)
        if digest != loaded:
            return desk.page("_stale.html", status=409, name=path.name, quoted=urllib.parse.quote(path.name))
        new = form_text(path, posted, keep_comments=True)
        data = new.encode("utf-8")
        backup = None
        if new != text:
            backup = write_atomic(path, data, force=True)
            digest = hashlib.sha256(data).hexdigest()
    return desk.page("_saved.html", digest=digest, name=path.name, backup=backup.name if backup else "")


def routes() -> list[Route]:
    return [
        Route("/edit/{name:path}", edit_page),
        Route("/preview/{name:path}", preview, methods=["POST"]),
        Route("/save/{name:path}", save, methods=["POST"]),
    ]
