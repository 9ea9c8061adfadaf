"""Editing bank files in place: every other line byte-identical, validation before writing, atomic
writes, and two writers that cannot lose each other's change."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import textwrap
import threading
import time
from pathlib import Path

import pytest

from drafter.compose import phrase_edit as pe
from drafter.errors import BankEditError, ConcurrentEditError, ProblemsError
from drafter.compose.phrasebank import builtin_dir, read_file

BANK = textwrap.dedent("""\
    # 本单位词库 · 开场
    # 第二行注释：保持不变

    # ── opening.purpose
    - id: opening.purpose.u01
      slot: opening.purpose
      text: 今天，我们召开{{ meeting }}。   # 行尾注释
      tags: [review, annual]

    - id: opening.purpose.u02
      slot: opening.purpose
      # 条目内部的注释
      text: '{{ jurisdiction }}上下要齐心协力。'
      note: "引号保留"

    # ── closing.adjourn
    - id: closing.adjourn.u01
      slot: closing.adjourn
      text: 我就讲这些。散会！
      valid_until: 2030-12-31
    """)


@pytest.fixture
def bank_file(tmp_path) -> Path:
    d = tmp_path / "unit"
    d.mkdir()
    p = d / "opening.yaml"
    p.write_text(BANK, encoding="utf-8")
    return p


def lines_of(p: Path) -> list[bytes]:
    return p.read_bytes().splitlines(keepends=True)


def entry_range(lines: list[bytes], entry_id: str) -> tuple[int, int]:
    """Lines [start, end) of an entry: its ``- id:`` line to the line before the next blank/item."""
    start = next(i for i, ln in enumerate(lines) if ln.startswith(f"- id: {entry_id}\n".encode()))
    end = start + 1
    while end < len(lines) and lines[end].startswith(b"  "):
        end += 1
    return start, end


def test_edit_changes_only_the_entry_lines(bank_file):
    before = lines_of(bank_file)
    s, e = entry_range(before, "opening.purpose.u02")
    pe.edit_entry(bank_file, "opening.purpose.u02", {"text": "新的文字，{{ jurisdiction }}。", "valid_from": "2026-1-5"})
    after = lines_of(bank_file)
    s2, e2 = entry_range(after, "opening.purpose.u02")
    assert s2 == s
    assert after[:s] == before[:s]
    assert after[e2:] == before[e:]
    block = b"".join(after[s2:e2]).decode()
    assert "# 条目内部的注释" in block
    assert "text: '新的文字，{{ jurisdiction }}。'" in block
    assert 'note: "引号保留"' in block
    assert "valid_from: 2026-01-05" in block
    entries, problems = read_file(bank_file, "unit")
    assert problems == []
    assert [x.text for x in entries if x.id == "opening.purpose.u02"] == ["新的文字，{{ jurisdiction }}。"]


def test_edit_removes_a_key(bank_file):
    before = lines_of(bank_file)
    pe.edit_entry(bank_file, "closing.adjourn.u01", {"valid_until": None})
    after = lines_of(bank_file)
    assert after == [ln for ln in before if ln != b"  valid_until: 2030-12-31\n"]


def test_add_inserts_a_block_and_keeps_every_line(bank_file):
    before = lines_of(bank_file)
    pe.add_entry(bank_file.parent, {"id": "opening.purpose.u03", "slot": "opening.purpose",
                                    "text": "这次会议很重要。", "tags": ["quarterly"], "valid_until": "2027-06-30"})
    after = lines_of(bank_file)
    s, e = entry_range(after, "opening.purpose.u03")
    assert after[s:e] == [b"- id: opening.purpose.u03\n", b"  slot: opening.purpose\n", "  text: 这次会议很重要。\n".encode(),
                          b"  tags: [quarterly]\n", b"  valid_until: 2027-06-30\n"]
    # it went after the last entry of its slot, before the next section's comment
    rest = after[:s - 1] + after[e:]
    assert after[s - 1] == b"\n"
    assert rest == before
    assert entry_range(after, "opening.purpose.u02")[1] == s - 1


def test_add_to_new_category_creates_the_file(bank_file):
    written = pe.add_entry(bank_file.parent, {"id": "stock.theory.u01", "slot": "stock.theory", "text": "要加强学习。"})
    assert written == bank_file.parent / "stock.yaml"
    entries, problems = read_file(written, "unit")
    assert problems == [] and [x.id for x in entries] == ["stock.theory.u01"]


def test_add_appends_at_end_when_slot_is_new(bank_file):
    before = lines_of(bank_file)
    pe.add_entry(bank_file, {"id": "problems.intro.u01", "slot": "problems.intro", "text": "但也要看到：", "note": "a: b"})
    after = lines_of(bank_file)
    assert after[:len(before)] == before
    assert after[len(before)] == b"\n"
    assert b"".join(after[len(before) + 1:]).decode() == (
        "- id: problems.intro.u01\n  slot: problems.intro\n  text: 但也要看到：\n  note: 'a: b'\n")


def test_rm_removes_only_the_entry(bank_file):
    before = lines_of(bank_file)
    s, e = entry_range(before, "opening.purpose.u01")
    pe.remove_entry(bank_file, "opening.purpose.u01")
    assert lines_of(bank_file) == before[:s] + before[e + 1:]  # and the blank line after it


def test_rm_last_entry(bank_file):
    before = lines_of(bank_file)
    s, e = entry_range(before, "closing.adjourn.u01")
    pe.remove_entry(bank_file, "closing.adjourn.u01")
    assert lines_of(bank_file) == before[:s]  # the section comment and blank line before it stay


def test_edit_on_the_shipped_bank_keeps_every_other_line(tmp_path):
    src = builtin_dir() / "opening.yaml"
    p = tmp_path / "opening.yaml"
    shutil.copy(src, p)
    before = lines_of(p)
    s, e = entry_range(before, "opening.purpose.03")
    pe.edit_entry(p, "opening.purpose.03", {"note": "本单位改写", "tags": ["review", "quarterly"]})
    after = lines_of(p)
    assert after[:s] == before[:s] and after[e + 1:] == before[e:]
    assert after[s + 3] == b"  tags: [review, quarterly]\n" and after[s + 4] == "  note: 本单位改写\n".encode()


def test_edit_that_breaks_the_file_is_refused_and_nothing_written(bank_file):
    before = bank_file.read_bytes()
    with pytest.raises(BankEditError) as ei:
        pe.edit_entry(bank_file, "opening.purpose.u01", {"valid_from": "下个月"})
    assert "valid_from “下个月” 不是日期" in ei.value.render()
    with pytest.raises(ProblemsError) as ei:
        pe.edit_entry(bank_file, "opening.purpose.u01", {"text": "坏的{{ 变量"})
    assert "已放弃修改，文件未变" in ei.value.render()
    assert bank_file.read_bytes() == before
    assert sorted(x.name for x in bank_file.parent.iterdir() if x.name != ".opening.yaml.lock") == ["opening.yaml"]


def test_missing_entry_and_taken_id(bank_file):
    before = bank_file.read_bytes()
    with pytest.raises(BankEditError, match="找不到条目 opening.purpose.u09"):
        pe.edit_entry(bank_file, "opening.purpose.u09", {"text": "x。"})
    with pytest.raises(BankEditError, match="条目 opening.purpose.u01 已经存在"):
        pe.add_entry(bank_file.parent, {"id": "opening.purpose.u01", "slot": "opening.purpose", "text": "x。"})
    assert bank_file.read_bytes() == before


def test_replace_entry_from_editor_and_stale_hash_refused(bank_file):
    block, digest = pe.entry_block(bank_file, "closing.adjourn.u01")
    assert block == "- id: closing.adjourn.u01\n  slot: closing.adjourn\n  text: 我就讲这些。散会！\n  valid_until: 2030-12-31\n"
    # someone else changes the file while the editor is open
    pe.edit_entry(bank_file, "opening.purpose.u01", {"note": "别人的修改"})
    with pytest.raises(ConcurrentEditError) as ei:
        pe.replace_entry(bank_file, "closing.adjourn.u01", block.replace("散会！", "好，散会！"), digest)
    assert "已被他人改动" in ei.value.render()
    assert "别人的修改" in bank_file.read_text(encoding="utf-8")
    assert "好，散会！" not in bank_file.read_text(encoding="utf-8")
    block, digest = pe.entry_block(bank_file, "closing.adjourn.u01")
    pe.replace_entry(bank_file, "closing.adjourn.u01", block.replace("散会！", "好，散会！"), digest)
    text = bank_file.read_text(encoding="utf-8")
    assert "好，散会！" in text and "别人的修改" in text


def test_write_refuses_when_file_changed_under_it(bank_file, monkeypatch):
    real_validate = pe._validate

    def meddle(text, path):
        real_validate(text, path)
        with open(path, "a", encoding="utf-8") as fh:  # a writer that does not take the lock
            fh.write("# 他人追加\n")

    monkeypatch.setattr(pe, "_validate", meddle)
    with pytest.raises(ConcurrentEditError):
        pe.edit_entry(bank_file, "opening.purpose.u01", {"note": "我的修改"})
    text = bank_file.read_text(encoding="utf-8")
    assert "# 他人追加" in text and "我的修改" not in text


def _hold_lock(path: str, ready, release) -> None:
    with pe.locked(Path(path), 5):
        ready.set()
        release.wait(30)


def test_lock_held_by_a_live_writer_times_out(bank_file):
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(bank_file), ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        before = bank_file.read_bytes()
        with pytest.raises(ConcurrentEditError) as ei:
            pe.edit_entry(bank_file, "opening.purpose.u01", {"note": "x"}, lock_timeout=0.1)
        assert "正被他人修改" in ei.value.render() and str(pe.lock_path(bank_file)) in ei.value.render()
        assert bank_file.read_bytes() == before
    finally:
        release.set()
        holder.join(10)
    pe.edit_entry(bank_file, "opening.purpose.u01", {"note": "放开后"}, lock_timeout=1)
    assert "放开后" in bank_file.read_text(encoding="utf-8")


def _hold_lock_and_die(path: str, ready) -> None:
    with pe.locked(Path(path), 5):
        ready.set()
        time.sleep(60)


def test_the_lock_of_a_killed_writer_is_taken_over_at_once(bank_file):
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_lock_and_die, args=(str(bank_file), ready))
    holder.start()
    assert ready.wait(10)
    os.kill(holder.pid, signal.SIGKILL)  # as kill -9: the lock file stays behind
    holder.join(10)
    assert pe.lock_path(bank_file).exists()
    pe.edit_entry(bank_file, "opening.purpose.u01", {"note": "接管"}, lock_timeout=1)
    assert "接管" in bank_file.read_text(encoding="utf-8")


def _add_one(path: str, n: int, barrier) -> None:
    barrier.wait(30)
    pe.add_entry(Path(path), {"id": f"closing.adjourn.p{n:02d}", "slot": "closing.adjourn",
                              "text": f"第{n}位同志的散会语{n}。散会！"}, lock_timeout=60)


def test_sixteen_adds_started_together_after_a_killed_writer_lose_nothing(bank_file):
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    dead = ctx.Process(target=_hold_lock_and_die, args=(str(bank_file), ready))
    dead.start()
    assert ready.wait(10)
    os.kill(dead.pid, signal.SIGKILL)
    dead.join(10)
    barrier = ctx.Barrier(16)
    procs = [ctx.Process(target=_add_one, args=(str(bank_file), n, barrier)) for n in range(16)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 16
    ids = {e.id for e in read_file(bank_file, "unit")[0]}
    assert {f"closing.adjourn.p{n:02d}" for n in range(16)} <= ids


def test_a_symlinked_bank_file_is_edited_through_its_link_and_keeps_its_bom(tmp_path, bank_file):
    real = tmp_path / "unit2" / "shared" / "closing.yaml"
    real.parent.mkdir(parents=True)
    real.write_bytes(b"\xef\xbb\xbf" + bank_file.read_bytes())
    link = tmp_path / "unit2" / "closing.yaml"
    link.symlink_to(real)
    pe.edit_entry(link, "opening.purpose.u01", {"note": "经由链接"})
    assert link.is_symlink()
    data = real.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "经由链接" in data.decode("utf-8-sig")


def _writer(path: str, prefix: str, n: int) -> None:
    for i in range(n):
        pe.add_entry(Path(path), {"id": f"closing.adjourn.{prefix}{i:02d}", "slot": "closing.adjourn",
                                  "text": f"第{prefix}{i}条。散会！"}, lock_timeout=30)


def test_two_processes_adding_at_once_lose_nothing(bank_file):
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(bank_file), p, 12)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    entries, problems = read_file(bank_file, "unit")
    assert problems == []
    ids = {e.id for e in entries}
    assert {f"closing.adjourn.{p}{i:02d}" for p in "ab" for i in range(12)} <= ids
    assert len(entries) == 3 + 24
    assert BANK.splitlines()[0] == bank_file.read_text(encoding="utf-8").splitlines()[0]


def test_threads_editing_different_entries_keep_both_changes(bank_file):
    errors = []

    def edit(entry_id, note):
        try:
            for i in range(5):
                pe.edit_entry(bank_file, entry_id, {"note": f"{note}{i}"}, lock_timeout=30)
        except Exception as err:  # pragma: no cover - reported below
            errors.append(err)

    ts = [threading.Thread(target=edit, args=("opening.purpose.u01", "甲")),
          threading.Thread(target=edit, args=("closing.adjourn.u01", "乙"))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert errors == []
    notes = {e.id: e.note for e in read_file(bank_file, "unit")[0]}
    assert notes["opening.purpose.u01"] == "甲4" and notes["closing.adjourn.u01"] == "乙4"


def test_next_id():
    assert pe.next_id("closing.call", {"closing.call.u01"}) == "closing.call.u02"
    assert pe.next_id("closing.call", {"closing.call.01"}, builtin=True) == "closing.call.02"


def test_a_bank_file_linked_from_outside_its_folder_is_neither_read_nor_changed(tmp_path, bank_file):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_bytes(bank_file.read_bytes())
    unit = tmp_path / "unit3"
    unit.mkdir()
    (unit / "closing.yaml").symlink_to(outside)
    before = outside.read_bytes()
    with pytest.raises(BankEditError, match="指向词库文件夹以外的链接"):
        pe.add_entry(unit, {"id": "closing.adjourn.u09", "slot": "closing.adjourn", "text": "散会！"})
    assert outside.read_bytes() == before
    from drafter.compose.phrasebank import PhraseBank

    bank, problems = PhraseBank.load_lenient([unit], use_config=False)
    assert [p.message for p in problems] == ["这个词库文件是指向词库文件夹以外的链接，没有读取"]
    assert bank.get("opening.purpose.u01") is None


def test_a_bank_changed_on_disk_is_read_again_in_the_same_process(tmp_path, bank_file):
    from drafter.compose.phrasebank import PhraseBank

    layer = bank_file.parent
    assert PhraseBank.load_lenient([layer], use_config=False)[0].get("opening.purpose.u01").note != "改过"
    pe.edit_entry(bank_file, "opening.purpose.u01", {"note": "改过"})
    assert PhraseBank.load_lenient([layer], use_config=False)[0].get("opening.purpose.u01").note == "改过"
    (layer / "more.yaml").write_text("- id: closing.call.u07\n  slot: closing.call\n  text: 新加的一句。\n",
                                     encoding="utf-8")
    assert PhraseBank.load_lenient([layer], use_config=False)[0].get("closing.call.u07") is not None
