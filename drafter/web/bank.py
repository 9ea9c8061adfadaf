"""The phrase-bank page: browse by slot and meeting type, search, see each entry's layer, and add
or edit the unit's own entries (in FOLDER/本单位词库) through :mod:`drafter.compose.phrase_edit`,
the same code as ``drafter phrases add/edit``. A built-in entry is never changed: editing it writes
an entry of the same id into the unit's bank, which overrides it, as ``phrases edit --bank`` does.
"""

from __future__ import annotations

import urllib.parse

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from drafter.compose import phrase_edit
from drafter.compose.phrasebank import BUILTIN_LAYER, PhraseBank
from drafter.genre.meeting_types import TYPES
from drafter.web.desk import Desk, desk_of
from drafter.web.safety import Refused

KEYS = ("text", "tags", "valid_from", "valid_until", "replaced_by", "note")
"""The keys of an entry the page edits (``id`` and ``slot`` are fixed once written)."""


def _bank(desk: Desk):
    return PhraseBank.load_lenient(desk.bank_dirs())


def _unit_dir(desk: Desk):
    d = desk.unit_bank
    if d.is_symlink() or (d.exists() and not d.is_dir()):
        raise Refused(f"「{d.name}」不是写作台文件夹里的普通文件夹，词库条目没有写入", 403)
    d.mkdir(exist_ok=True)
    links = [f.name for f in d.iterdir() if f.is_symlink()]
    if links:  # a bank file linked elsewhere would be written outside FOLDER
        raise Refused(f"「{d.name}」里的 {'、'.join(links)} 是快捷方式（符号链接），词库条目没有写入", 403,
                      "把真正的文件复制进来，代替快捷方式")
    return d


async def bank_page(request: Request) -> Response:
    desk = desk_of(request)
    bank, problems = _bank(desk)
    q = request.query_params
    slot, mtype, text = q.get("slot", ""), q.get("type", ""), q.get("q", "").strip()
    entries = [e for e in bank.entries()
               if (not slot or e.slot == slot) and (not mtype or e.serves(mtype))
               and (not text or text in e.text or text in e.id or text in e.note)]
    return desk.page("bank.html", entries=entries, slots=sorted(bank.slots()), types=list(TYPES.values()),
                     slot=slot, mtype=mtype, q=text, problems=problems, overridden=bank.overridden,
                     unit=desk.unit_bank.name, notice=q.get("done", ""), quote=urllib.parse.quote)


async def entry_page(request: Request) -> Response:
    desk = desk_of(request)
    bank, _ = _bank(desk)
    entry_id = request.query_params.get("id", "")
    e = bank.get(entry_id)
    if e is None:
        raise Refused(f"词库里没有条目 {entry_id}", 404)
    return desk.page("entry.html", e=e, unit=desk.unit_bank.name)


def _fields(form) -> dict:
    out = {}
    for key in KEYS:
        value = str(form.get(key, "")).strip()
        if key == "tags":
            out[key] = [t for t in value.replace("，", " ").replace(",", " ").split() if t] or None
        else:
            out[key] = value or None
    return out


def _done(message: str) -> RedirectResponse:
    return RedirectResponse(f"/phrases?done={urllib.parse.quote(message)}", status_code=303)


async def add(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form()
    slot = str(form.get("slot", "")).strip()
    if not slot:
        raise Refused("请选择或填写用途（slot），如 problems.intro", 400)
    fields = _fields(form)
    if not fields["text"]:
        raise Refused("条目文字不能是空的", 400)
    layer = _unit_dir(desk)
    bank, _ = _bank(desk)
    existing = {e.id for e in bank.entries()} | set(bank.overridden)
    entry_id = phrase_edit.next_id(slot, existing)
    written = phrase_edit.add_entry(layer, {"id": entry_id, "slot": slot,
                                            **{k: v for k, v in fields.items() if v is not None}})
    return _done(f"已添加条目 {entry_id}（写入 {layer.name}/{written.name}）")


async def edit(request: Request) -> Response:
    desk = desk_of(request)
    form = await request.form()
    entry_id = str(form.get("id", ""))
    bank, _ = _bank(desk)
    e = bank.get(entry_id)
    if e is None:
        raise Refused(f"词库里没有条目 {entry_id}", 404)
    changes = _fields(form)
    layer = _unit_dir(desk)
    found = phrase_edit.find_entry(layer, entry_id)
    if found is not None:
        phrase_edit.edit_entry(found[0], entry_id, changes)
        return _done(f"已修改条目 {entry_id}（{layer.name}/{found[0].name}）")
    if e.layer != BUILTIN_LAYER and found is None:
        raise Refused(f"条目 {entry_id} 来自 {e.layer}，不在本单位词库里，这里不能修改", 403)
    fields = {"id": e.id, "slot": e.slot, **{k: v for k, v in changes.items() if v is not None}}
    written = phrase_edit.add_entry(layer, fields)
    return _done(f"已在 {layer.name}/{written.name} 写入条目 {entry_id}，覆盖内置的同名条目")


def routes() -> list[Route]:
    return [
        Route("/phrases", bank_page),
        Route("/phrases/entry", entry_page),
        Route("/phrases/add", add, methods=["POST"]),
        Route("/phrases/edit", edit, methods=["POST"]),
    ]
