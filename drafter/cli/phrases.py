"""``drafter phrases …``: list, show, search, add, edit, remove and check phrase-bank entries.

Mounted by :mod:`drafter.cli` with ``app.add_typer(phrases_app, name="phrases")``. Importing this module
is cheap (no jinja2, no ruamel, no python-docx): each command imports what it needs.

Every command takes ``--bank DIR`` (repeatable) for extra layers on top of the built-in bank, the
config files' ``bank_dirs`` and ``DRAFTER_BANK``. Commands that write (``add``, ``edit``, ``rm``) write
into the *last* ``--bank`` given; without one, ``edit``/``rm`` change the file the entry comes from,
and the built-in bank only with ``--builtin`` (for drafter's own maintainers).
"""


import os
import subprocess
from pathlib import Path
from typing import List, Optional

import typer

from drafter.cli.common import typer_group
from drafter.errors import PhraseError, ProblemsError, UsageError, message

app = typer_group("phrases", "词库：讲话稿中开场、过渡、结尾等框架句子的查看、增改和检查。")
phrases_app = app

BANK_HELP = "另加的词库文件夹（可重复，后面的覆盖前面的同 id 条目；add/edit/rm 写入最后一个）"


def _bank_option():
    return typer.Option([], "--bank", help=BANK_HELP, metavar="DIR")


def _where(e) -> str:
    file = e.source.file
    try:
        rel = os.path.relpath(file)
        if not rel.startswith(".." + os.sep):
            file = rel
    except ValueError:
        pass
    return f"{e.layer} · {file}:{e.source.line}"


def _start(text: str, n: int = 28) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[:n] + "…"


def _load(bank: List[Path]):
    from drafter.compose.phrasebank import PhraseBank

    return PhraseBank.load(bank)


def _print_rows(bank_obj, entries) -> None:
    for e in entries:
        mark = "（覆盖）" if e.id in bank_obj.overridden else ""
        typer.echo(f"{e.id}\t{_start(e.text)}\t{_where(e)}{mark}")
    typer.echo(f"共 {len(entries)} 条")


@app.command("list")
def list_cmd(
    category: Optional[str] = typer.Option(None, "--category", "-c", help="只列这一类（opening、closing、stock …：文件名或用途的第一段）"),
    tag: Optional[str] = typer.Option(None, "--tag", "-t", help="只列带这个标签的条目（如 review、annual、quarterly）"),
    bank: List[Path] = _bank_option(),
) -> None:
    """列出条目：编号、文字开头、来自哪一层哪个文件。"""
    b = _load(bank)
    rows = [e for e in b.entries()
            if (category is None or e.category == category or Path(e.source.file).stem == category)
            and (tag is None or tag in e.tags)]
    _print_rows(b, rows)


@app.command("show")
def show_cmd(entry_id: str = typer.Argument(..., metavar="ID"), bank: List[Path] = _bank_option()) -> None:
    """显示一个条目的全部内容和来源。"""

    b = _load(bank)
    e = b.get(entry_id)
    if e is None:
        raise PhraseError(message(f"词库里没有条目 {entry_id}", hint="用 drafter phrases search 关键词 查找"))
    typer.echo(f"id: {e.id}")
    typer.echo(f"slot: {e.slot}")
    typer.echo(f"text: {e.text}")
    if e.tags:
        typer.echo(f"tags: [{', '.join(e.tags)}]")
    for key in ("valid_from", "valid_until"):
        if getattr(e, key):
            typer.echo(f"{key}: {getattr(e, key).isoformat()}")
    if e.replaced_by:
        typer.echo(f"replaced_by: {e.replaced_by}")
    if e.note:
        typer.echo(f"note: {e.note}")
    typer.echo(f"来源: {_where(e)}")
    for hidden in b.overridden.get(e.id, []):
        typer.echo(f"覆盖了: {_where(hidden)}")


@app.command("search")
def search_cmd(text: str = typer.Argument(..., metavar="TEXT"), bank: List[Path] = _bank_option()) -> None:
    """按文字、编号或说明查找条目。"""
    b = _load(bank)
    needle = text.lower()
    rows = [e for e in b.entries() if needle in e.text.lower() or needle in e.id.lower() or needle in e.note.lower()]
    _print_rows(b, rows)


def _target(bank: List[Path], builtin: bool, action: str) -> Path:
    from drafter.compose.phrasebank import builtin_dir

    if bank:
        return Path(bank[-1])
    if builtin:
        return builtin_dir()
    raise UsageError(message(f"{action}需要指定写入哪个词库", hint="加 --bank 本单位词库文件夹（不存在的 .yaml 文件会自动创建）"))


def _fields(slot, text, tag, valid_from, valid_until, replaced_by, note) -> dict:
    out = {"slot": slot, "text": text, "tags": list(tag) if tag else None, "valid_from": valid_from,
           "valid_until": valid_until, "replaced_by": replaced_by, "note": note}
    return {k: v for k, v in out.items() if v is not None}


@app.command("add")
def add_cmd(
    entry_id: Optional[str] = typer.Option(None, "--id", help="条目编号；不写则按用途自动编号（本单位词库为 <slot>.u01 …）"),
    slot: Optional[str] = typer.Option(None, "--slot", help="用途，如 problems.intro；不写则取 --id 去掉最后一段"),
    text: str = typer.Option(..., "--text", help="条目文字，可用 {{ jurisdiction }} 等变量"),
    tag: List[str] = typer.Option([], "--tag", help="标签（可重复）：会议类型 review/annual/quarterly，或语气、部分"),
    valid_from: Optional[str] = typer.Option(None, "--valid-from", help="起用日期 YYYY-MM-DD"),
    valid_until: Optional[str] = typer.Option(None, "--valid-until", help="停用日期 YYYY-MM-DD（含当日）"),
    replaced_by: Optional[str] = typer.Option(None, "--replaced-by", help="过时后改用的条目编号"),
    note: Optional[str] = typer.Option(None, "--note", help="说明（不会印出）"),
    file: Optional[str] = typer.Option(None, "--file", help="写入词库文件夹里的哪个文件（默认按用途分类，如 opening.yaml）"),
    builtin: bool = typer.Option(False, "--builtin", help="写入内置词库（仅供 drafter 维护者）"),
    bank: List[Path] = _bank_option(),
) -> None:
    """添加一个条目（写入最后一个 --bank 词库）。"""
    from drafter.compose import phrase_edit

    target = _target(bank, builtin, "添加条目")
    if not slot:
        if not entry_id or "." not in entry_id:
            raise UsageError(message("请用 --slot 写明用途（如 --slot problems.intro）"))
        slot = entry_id.rsplit(".", 1)[0]
    if not entry_id:
        b, _ = _lenient(bank)
        existing = {e.id for e in b.entries()} | set(b.overridden)
        entry_id = phrase_edit.next_id(slot, existing, builtin=builtin and not bank)
    fields = {"id": entry_id, **_fields(slot, text, tag, valid_from, valid_until, replaced_by, note)}
    dest = target / file if file and target.is_dir() else target
    written = phrase_edit.add_entry(dest, fields)
    typer.echo(f"已添加 {entry_id} → {written}")


def _lenient(bank: List[Path]):
    from drafter.compose.phrasebank import PhraseBank

    return PhraseBank.load_lenient(bank)


def _locate_for_write(entry_id: str, bank: List[Path], builtin: bool, action: str):
    """(file that defines the entry in the target layer or None, target layer or None, effective entry)."""
    from drafter.compose import phrase_edit
    from drafter.compose.phrasebank import BUILTIN_LAYER

    b, _ = _lenient(bank)
    e = b.get(entry_id)
    if bank:
        layer = Path(bank[-1])
        found = phrase_edit.find_entry(layer, entry_id)
        if found:
            return found[0], layer, e
        if e is None:
            raise PhraseError(message(f"词库里没有条目 {entry_id}", hint="用 drafter phrases search 关键词 查找"))
        return None, layer, e
    if e is None:
        raise PhraseError(message(f"词库里没有条目 {entry_id}", hint="用 drafter phrases search 关键词 查找"))
    if e.layer == BUILTIN_LAYER and not builtin:
        hint = (f"用 drafter phrases edit {entry_id} --disable --bank 本单位词库文件夹 在本单位停用它" if action == "删除"
                else "加 --bank 本单位词库文件夹，会在那里写一条同 id 的条目覆盖它")
        raise UsageError(message(f"条目 {entry_id} 来自内置词库，不能直接{action}", hint=f"{hint}"))
    return Path(e.source.file), Path(e.source.file), e


@app.command("edit")
def edit_cmd(
    entry_id: str = typer.Argument(..., metavar="ID"),
    text: Optional[str] = typer.Option(None, "--text", help="新的文字"),
    slot: Optional[str] = typer.Option(None, "--slot", help="新的用途"),
    tag: List[str] = typer.Option([], "--tag", help="新的标签（可重复；替换原有标签）"),
    valid_from: Optional[str] = typer.Option(None, "--valid-from", help="起用日期 YYYY-MM-DD"),
    valid_until: Optional[str] = typer.Option(None, "--valid-until", help="停用日期 YYYY-MM-DD"),
    replaced_by: Optional[str] = typer.Option(None, "--replaced-by", help="过时后改用的条目编号"),
    note: Optional[str] = typer.Option(None, "--note", help="说明"),
    clear: List[str] = typer.Option([], "--clear", help="删除这个键（可重复），如 --clear valid_until"),
    disable: bool = typer.Option(False, "--disable", help="停用这个条目（在本层写 disabled: true）"),
    builtin: bool = typer.Option(False, "--builtin", help="直接修改内置词库（仅供 drafter 维护者）"),
    bank: List[Path] = _bank_option(),
) -> None:
    """修改一个条目：给出要改的项；不给任何项时用 $EDITOR 打开这个条目。"""
    from drafter.compose import phrase_edit

    changes: dict = _fields(slot, text, tag, valid_from, valid_until, replaced_by, note)
    for key in clear:
        changes[key] = None
    if disable:
        changes["disabled"] = True
    file, layer, e = _locate_for_write(entry_id, bank, builtin, "修改")
    if not changes:
        _edit_in_editor(entry_id, file, layer, e)
        return
    if file is not None:
        phrase_edit.edit_entry(file, entry_id, changes)
        typer.echo(f"已修改 {entry_id}（{file}）")
        return
    fields = _entry_fields(e)
    fields.update(changes)
    fields = {k: v for k, v in fields.items() if v not in (None, "", [])}
    written = phrase_edit.add_entry(layer, fields)
    typer.echo(f"已在 {written} 写入覆盖条目 {entry_id}（原条目来自 {_where(e)}）")


def _entry_fields(e) -> dict:
    return {"id": e.id, "slot": e.slot, "text": e.text, "tags": list(e.tags) or None,
            "valid_from": e.valid_from.isoformat() if e.valid_from else None,
            "valid_until": e.valid_until.isoformat() if e.valid_until else None,
            "replaced_by": e.replaced_by, "note": e.note or None}


def _edit_in_editor(entry_id: str, file: Optional[Path], layer: Path, e) -> None:
    import shlex
    import tempfile

    from drafter.compose import phrase_edit

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError(message("没有给出要修改的项，也没有设置 EDITOR 环境变量", hint="用 --text 等选项修改，或设置 EDITOR（如 export EDITOR=nano）"))
    if file is not None:
        block, digest = phrase_edit.entry_block(file, entry_id)
    else:
        block, digest = phrase_edit.new_block(_entry_fields(e)), ""
    fd, tmp = tempfile.mkstemp(prefix=f"drafter-{entry_id}-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(block)
        rc = subprocess.call([*shlex.split(editor), tmp])
        if rc != 0:
            raise UsageError(message(f"编辑器退出码 {rc}，未做修改"))
        with open(tmp, encoding="utf-8") as fh:
            edited = fh.read()
    finally:
        os.unlink(tmp)
    if edited == block:
        typer.echo("内容没有变化，未做修改")
        return
    if file is not None:
        phrase_edit.replace_entry(file, entry_id, edited, digest)
        typer.echo(f"已修改 {entry_id}（{file}）")
        return
    from drafter.compose.phrasebank import read_text

    entries, problems = read_text(edited, tmp)
    if problems or len(entries) != 1:
        raise ProblemsError(problems, "编辑后的条目有问题，未做修改。")
    new = entries[0]
    written = phrase_edit.add_entry(layer, _entry_fields(new))
    typer.echo(f"已在 {written} 写入覆盖条目 {new.id}")


@app.command("rm")
def rm_cmd(
    entry_id: str = typer.Argument(..., metavar="ID"),
    builtin: bool = typer.Option(False, "--builtin", help="从内置词库删除（仅供 drafter 维护者）"),
    bank: List[Path] = _bank_option(),
) -> None:
    """删除一个条目（从最后一个 --bank 词库，或条目所在的文件）。"""
    from drafter.compose import phrase_edit

    file, layer, e = _locate_for_write(entry_id, bank, builtin, "删除")
    if file is None:
        raise PhraseError(message(f"条目 {entry_id} 不在 {layer} 里（它来自 {_where(e)}）", hint=f"要在本单位停用它，用 drafter phrases edit {entry_id} --disable --bank {layer}"))
    phrase_edit.remove_entry(file, entry_id)
    typer.echo(f"已删除 {entry_id}（{file}）")


@app.command("check")
def check_cmd(
    strict: bool = typer.Option(False, "--strict", help="有警告也算不通过"),
    today: Optional[str] = typer.Option(None, "--today", help="按这一天判断是否过期、是否够数（默认今天），YYYY-MM-DD"),
    bank: List[Path] = _bank_option(),
) -> None:
    """检查词库：重复编号、近似重复、未知变量、Jinja 错误、半角标点、提法时效、过期条目、各用途条目数。"""
    from drafter.compose.phrasebank.bankcheck import check_bank
    from drafter.input.values import parse_date

    day = None
    if today:
        try:
            day = parse_date(today)
        except ValueError:
            raise UsageError(message(f"--today “{today}” 不是日期", hint="写成 YYYY-MM-DD")) from None
    b, problems = _lenient(bank)
    findings = check_bank(b, problems, today=day)
    for f in findings:
        typer.echo(f.render())
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    layers = "、".join(l.name for l in b.layers)
    typer.echo(f"词库（{layers}）共 {len(b.entries())} 条条目：{errors} 个错误，{warnings} 个警告。")
    if errors or (strict and warnings):
        raise typer.Exit(1)
