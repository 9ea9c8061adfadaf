"""The phrase bank's fast paths: ``{{ variable }}`` texts rendered without Jinja, the merged bank kept
in the process, and parsed bank files kept in drafter's on-disk cache. Each must give exactly what
the slow path gives, and never something stale."""

from __future__ import annotations

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest


from drafter.compose import phrasebank
from drafter.errors import ProblemsError, TemplateError
from drafter.compose.phrasebank import SAMPLE_CONTEXT, Entry, PhraseBank, Source, check_bank, render_entry, sandbox

BUILTIN_FILES = len(list(phrasebank.builtin_dir().glob("*.yaml")))

D2026 = dt.date(2026, 2, 10)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No writer's config or DRAFTER_BANK leaks in; a cache folder of the test's own; nothing kept in
    the process from an earlier test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTER_CACHE", raising=False)
    monkeypatch.delenv("DRAFTER_BANK", raising=False)
    monkeypatch.chdir(tmp_path)
    forget_process_caches()


def forget_process_caches() -> None:
    """What a new process would start with: nothing read yet (the on-disk cache stays)."""
    phrasebank._READ_CACHE.clear()
    phrasebank._BANK_CACHE.clear()
    phrasebank._LISTINGS.clear()


def write(dir_: Path, name: str, text: str) -> Path:
    dir_.mkdir(parents=True, exist_ok=True)
    p = dir_ / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def entry(text: str) -> Entry:
    return Entry(id="my.slot.01", slot="my.slot", text=text, source=Source("a.yaml", 3))


def texts(bank: PhraseBank) -> list[tuple]:
    return [(e.id, e.text, e.tags, e.valid_from, e.valid_until, e.replaced_by, e.note, e.source, e.layer,
             e.disabled) for e in bank.entries()]


# ------------------------------------------------------------------ texts rendered without Jinja


def jinja_render(text: str, context) -> str:
    """The text rendered by Jinja in a sandbox of its own (the path ``drafter phrases check`` takes)."""
    return render_entry(entry(text), context, sandbox())


SIMPLE = ["今年是{{ year }}年。", "{{ jurisdiction }}各级党组织要{{work}}。", "{{  meeting  }}", "没有变量的一句话。",
          "{{ year }}{{ last_year }}", "  前后有空白 {{ period }}\n\n", "多行\n第二行{{ spirit }}\n"]
NOT_SIMPLE = ["{{ year }}}", "{{{ year }}", "{{ true }}", "{{ Year }}", "{{ range }}", "a\r\nb{{ year }}",
              "{{ year|string }}", "x}", "{ x", "{#注释#}x", "{% raw %}{{ year }}{% endraw %}", "{{\tyear }}",
              "{% if year_label %}今年是{{ year_label }}，{% endif %}好。", "{{ jurisdiction.upper() }}"]


@pytest.mark.parametrize("text", SIMPLE)
def test_simple_texts_skip_jinja_and_render_as_jinja_does(text):
    assert phrasebank._simple_parts(text) is not None
    assert render_entry(entry(text), SAMPLE_CONTEXT) == jinja_render(text, SAMPLE_CONTEXT)


@pytest.mark.parametrize("text", NOT_SIMPLE)
def test_other_texts_go_to_jinja(text):
    assert phrasebank._simple_parts(text) is None


def test_every_shipped_text_renders_as_jinja_renders_it():
    bank = PhraseBank.load()
    for e in bank.entries():
        assert render_entry(e, SAMPLE_CONTEXT) == render_entry(e, SAMPLE_CONTEXT, sandbox()), e.id
    simple = sum(phrasebank._simple_parts(e.text) is not None for e in bank.entries())
    assert simple >= len(bank.entries()) - 5  # nearly every phrase is plain text and {{ variables }}


def test_a_missing_variable_gives_the_same_message_on_both_paths():
    context = {k: v for k, v in SAMPLE_CONTEXT.items() if k != "sites"}
    messages = []
    for env in (None, sandbox()):
        with pytest.raises(TemplateError) as ei:
            render_entry(entry("观摩了{{ sites }}。"), context, env)
        messages.append(ei.value.render())
    assert messages[0] == messages[1]
    assert messages[0].startswith("a.yaml:3: 错误：词库条目 my.slot.01 用了未定义的变量 “sites”。提示：可用的变量有 jurisdiction、")


def test_load_still_refuses_every_jinja_syntax_error(tmp_path):
    d = tmp_path / "bank"
    f = write(d, "a.yaml", """
        - id: my.slot.01
          text: 今年是{{ year }}年。
        - id: my.slot.02
          text: "{{{ year }}"
        - id: my.slot.03
          text: "{% if year %}没有结束"
    """)
    with pytest.raises(ProblemsError) as ei:
        PhraseBank.load([d])
    lines = [p.render().split("\n")[0] for p in ei.value.problems]
    assert [ln.split(": 错误：")[0] for ln in lines] == [f"{f}:4:9", f"{f}:6:9"]
    assert all("的 Jinja 写法有误" in ln for ln in lines)


def test_phrases_check_compiles_every_text_in_jinja(monkeypatch):
    compiled: list[str] = []

    def spying_sandbox():
        env = sandbox()
        real = env.from_string
        env.from_string = lambda source, *a, **k: compiled.append(source) or real(source, *a, **k)
        return env

    monkeypatch.setattr(phrasebank, "sandbox", spying_sandbox)
    bank, problems = PhraseBank.load_lenient()
    check_bank(bank, problems, today=D2026)
    assert sorted(compiled) == sorted(e.text for e in bank.entries())


# ------------------------------------------------------------------ the merged bank kept in the process


def test_loading_the_same_files_again_reuses_the_merged_bank(tmp_path):
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    first = PhraseBank.load([d])
    second = PhraseBank.load([d])
    assert second._contents is first._contents
    assert second.layers == first.layers and second.layers is not first.layers
    assert second.get("my.slot.01").text == "第一句。"


def test_a_changed_added_or_removed_file_is_read_again(tmp_path):
    d = tmp_path / "bank"
    a = write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    assert PhraseBank.load([d]).get("my.slot.01").text == "第一句。"
    a.write_text("- id: my.slot.01\n  text: 改过的一句，长度也变了。\n", encoding="utf-8")
    assert PhraseBank.load([d]).get("my.slot.01").text == "改过的一句，长度也变了。"
    write(d, "b.yaml", "- id: my.slot.02\n  text: 新文件。\n")
    assert PhraseBank.load([d]).get("my.slot.02").text == "新文件。"
    a.unlink()
    bank = PhraseBank.load([d])
    assert bank.get("my.slot.01") is None and bank.get("my.slot.02") is not None


def test_problems_are_reported_on_every_load(tmp_path):
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 好。\n  colour: red\n")
    for _ in range(2):
        with pytest.raises(ProblemsError) as ei:
            PhraseBank.load([d])
        assert "未知的键 “colour”" in ei.value.render()


def test_candidates_are_sorted_by_id_and_filtered(tmp_path):
    d = tmp_path / "bank"
    write(d, "a.yaml", """
        - id: my.slot.03
          text: 三。
        - id: my.slot.01
          text: 一。
          tags: [annual]
        - id: my.slot.02
          text: 二。
          valid_until: 2025-12-31
        - id: my.slot.04
          text: 四。
    """)
    bank = PhraseBank.load([d])
    assert [e.id for e in bank.candidates("my.slot", "review", D2026)] == ["my.slot.03", "my.slot.04"]
    assert [e.id for e in bank.candidates("my.slot", "annual", dt.date(2025, 3, 1))] == [
        "my.slot.01", "my.slot.02", "my.slot.03", "my.slot.04"]
    assert bank.candidates("no.such", "review", D2026) == []
    assert "my.slot" in bank.slots() and "opening.purpose" in bank.slots()


def settle(folder: Path) -> None:
    """Date the folder an hour back, as a bank folder nobody touched lately is: its listing is kept."""
    old = folder.stat().st_mtime - 3600
    os.utime(folder, (old, old))


def count_globs(monkeypatch) -> list[Path]:
    listed: list[Path] = []
    real = Path.glob

    def spy(self, pattern, *args, **kwargs):
        listed.append(self)
        return real(self, pattern, *args, **kwargs)
    monkeypatch.setattr(Path, "glob", spy)
    return listed


def test_an_unchanged_folder_is_not_listed_again(tmp_path, monkeypatch):
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    settle(d)
    listed = count_globs(monkeypatch)
    first = PhraseBank.load([d])
    second = PhraseBank.load([d])
    assert listed.count(d) == 1
    assert second.layers == first.layers and second._contents is first._contents


def test_a_listed_folder_still_notices_edited_added_and_removed_files(tmp_path):
    d = tmp_path / "bank"
    a = write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    settle(d)
    assert PhraseBank.load([d]).get("my.slot.01").text == "第一句。"
    a.write_text("- id: my.slot.01\n  text: 改过的一句，长度也变了。\n", encoding="utf-8")  # the folder stays as it was
    assert PhraseBank.load([d]).get("my.slot.01").text == "改过的一句，长度也变了。"
    settle(d)
    write(d, "b.yaml", "- id: my.slot.02\n  text: 新文件。\n")
    assert PhraseBank.load([d]).get("my.slot.02").text == "新文件。"
    settle(d)
    a.unlink()
    bank = PhraseBank.load([d])
    assert bank.get("my.slot.01") is None and bank.get("my.slot.02") is not None


def test_a_file_added_with_the_folder_time_put_back_is_noticed(tmp_path):
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    settle(d)
    st = d.stat()
    PhraseBank.load([d])
    write(d, "b.yaml", "- id: my.slot.02\n  text: 新文件。\n")
    os.utime(d, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: only the ctime tells
    assert PhraseBank.load([d]).get("my.slot.02").text == "新文件。"


def test_a_folder_changed_just_now_is_listed_every_time(tmp_path, monkeypatch):
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")  # the folder's mtime is now
    listed = count_globs(monkeypatch)
    PhraseBank.load([d])
    PhraseBank.load([d])
    assert listed.count(d) == 2
    assert os.fspath(d) not in phrasebank._LISTINGS


def test_a_second_load_looks_at_each_file_and_folder_once(tmp_path, monkeypatch):
    builtin = tmp_path / "builtin"  # an empty built-in layer, settled like ours (the checkout may be new)
    builtin.mkdir()
    settle(builtin)
    monkeypatch.setattr(phrasebank, "builtin_dir", lambda: builtin)
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    write(d, "b.yaml", "- id: my.slot.02\n  text: 第二句。\n")
    settle(d)
    first = PhraseBank.load([d])
    looked_at: list[str] = []
    real = os.stat

    def spy(path, *args, **kwargs):
        looked_at.append(os.fspath(path))
        return real(path, *args, **kwargs)
    monkeypatch.setattr(os, "stat", spy)
    listed = count_globs(monkeypatch)
    PhraseBank.load([d])
    files = [os.fspath(f) for layer in first.layers for f in layer.files]
    folders = [os.fspath(layer.path) for layer in first.layers]
    configs = [str(tmp_path / "xdg" / "drafter" / "config.yaml"), str(tmp_path / "drafter.yaml")]
    assert sorted(looked_at) == sorted(files + folders + configs)
    assert listed == []


# ------------------------------------------------------------------ parsed files in the on-disk cache


def cache_files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "cache" / "phrasebank"
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


def refuse_to_parse(monkeypatch) -> None:
    def fail(*args, **kwargs):
        raise AssertionError("the bank file was parsed again")
    monkeypatch.setattr(phrasebank, "read_text", fail)


def test_a_new_process_reads_the_parsed_bank_from_the_disk_cache(tmp_path, monkeypatch):
    d = tmp_path / "bank"
    write(d, "a.yaml", """
        - id: my.slot.01
          text: 今年是{{ year }}年。
          tags: [review, 开场]
          valid_from: 2024-01-01
          valid_until: 2030-12-31
          replaced_by: my.slot.02
          note: 说明
        - id: my.slot.02
          text: "{% if year_label %}今年是{{ year_label }}。{% endif %}"
        - id: my.slot.03
          text: 不用了。
          disabled: true
    """)
    before = texts(PhraseBank.load([d]))
    assert len(cache_files(tmp_path)) == BUILTIN_FILES + 1  # the built-in files and ours
    forget_process_caches()
    refuse_to_parse(monkeypatch)
    bank = PhraseBank.load([d])
    assert texts(bank) == before
    chooser = bank.chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT)
    assert chooser.phrase("opening.purpose")


def test_a_file_with_problems_is_not_kept(tmp_path):
    d = tmp_path / "bank"
    write(d, "a.yaml", "- id: my.slot.01\n  text: 好。\n  colour: red\n")
    PhraseBank.load_lenient([d])
    assert len(cache_files(tmp_path)) == BUILTIN_FILES


def test_a_changed_file_is_not_read_from_the_cache(tmp_path):
    d = tmp_path / "bank"
    a = write(d, "a.yaml", "- id: my.slot.01\n  text: 第一句。\n")
    PhraseBank.load([d])
    forget_process_caches()
    st = a.stat()
    a.write_text("- id: my.slot.01\n  text: 第二句。\n", encoding="utf-8")
    os.utime(a, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same mtime: only the ctime tells
    assert (a.stat().st_size, a.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert PhraseBank.load([d]).get("my.slot.01").text == "第二句。"


@pytest.mark.parametrize("damage", [
    lambda data: data[:-1],
    lambda data: data[:10],
    lambda data: b"",
    lambda data: data[:-5] + b"XXXXX",
    lambda data: data.replace(b"drafter phrasebank file 1", b"drafter phrasebank file 9"),
])
def test_a_damaged_cache_entry_is_a_miss(tmp_path, damage):
    before = texts(PhraseBank.load())
    for f in cache_files(tmp_path):
        f.write_bytes(damage(f.read_bytes()))
    forget_process_caches()
    assert texts(PhraseBank.load()) == before


def test_an_entry_of_the_wrong_shape_is_a_miss(tmp_path):
    from drafter import cache

    before = texts(PhraseBank.load())
    for f in cache_files(tmp_path):
        f.write_bytes(cache.pack((None, (("x", "y", 1),))))
    forget_process_caches()
    assert texts(PhraseBank.load()) == before


def test_the_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE", "off")
    assert PhraseBank.load().entries()
    assert cache_files(tmp_path) == []
