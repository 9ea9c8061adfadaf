"""The phrase bank: loading and layers, choosing (determinism, variants, no repeats, validity windows),
the sandbox, error messages, stock paragraphs, and the shipped bank's content."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from drafter.errors import DrafterError, PhraseError, ProblemsError, TemplateError
from drafter.compose.phrasebank.bankcheck import check_bank
from drafter.compose.phrasebank import (BUILTIN_LAYER, BUILTIN_TYPES, CONTEXT_VARIABLES, FRAMING_SLOTS, MIN_VARIANTS,
                                        SAMPLE_CONTEXT, STOCK_TOPICS, NEEDS, TIMINGS, Facts, PhraseBank, builtin_dir,
                                        detect_topic)

EVERY = Facts(frozenset(NEEDS), "host", frozenset(TIMINGS))
"""Facts under which every condition of a host's entry holds: every entry of a slot is a candidate."""

TODAY = dt.date.today()
D2026 = dt.date(2026, 2, 10)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """No writer's config or DRAFTER_BANK leaks into the tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("DRAFTER_BANK", raising=False)
    monkeypatch.chdir(tmp_path)


def write(dir_: Path, name: str, text: str) -> Path:
    dir_.mkdir(parents=True, exist_ok=True)
    p = dir_ / name
    p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return p


def only_bank(tmp_path: Path, text: str) -> PhraseBank:
    """A bank of the built-in layer plus one test file (its entries use a slot of their own)."""
    d = tmp_path / "bank"
    write(d, "test.yaml", text)
    return PhraseBank.load([d])


# -------------------------------------------------------------------------------------------- shipped


def test_builtin_dir_is_the_repo_phrasebank_folder():
    assert (builtin_dir() / "opening.yaml").is_file()


def test_shipped_bank_has_200_entries_and_8_current_variants_per_slot_per_type():
    bank = PhraseBank.load()
    assert len(bank.entries()) >= 200
    for t, slots in FRAMING_SLOTS.items():
        for s in slots:
            n = len(bank.candidates(s, t, TODAY))
            assert n >= MIN_VARIANTS, (t, s, n)
    for topic in STOCK_TOPICS:
        assert len(bank.candidates(f"stock.{topic}", "review", TODAY)) >= 3, topic


def test_shipped_bank_passes_check():
    bank, problems = PhraseBank.load_lenient()
    findings = check_bank(bank, problems, today=TODAY)
    assert [f.render() for f in findings if f.level == "error"] == []


def test_shipped_bank_uses_only_known_variables_and_renders_everywhere():
    bank = PhraseBank.load()
    for t in BUILTIN_TYPES:
        c = bank.chooser(meeting_type=t, date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
        for s in FRAMING_SLOTS[t]:
            text = c.phrase(s)
            assert "{{" not in text and "}}" not in text
            assert text[-1] in "。！：" or ".heading_" in s, (s, text)  # headings end bare


def test_problems_intro_ends_with_colon_and_call_with_exclamation():
    bank = PhraseBank.load()
    for e in bank.entries():
        if e.slot == "problems.intro":
            assert e.text.endswith("："), e.id
        if e.slot == "closing.call":
            assert e.text.endswith("！"), e.id
        if e.slot == "opinions.transition":
            assert "{{ announce }}" in e.text, e.id
        if e.slot == "opening.visits":
            assert "{{ sites }}" in e.text, e.id


def test_shipped_time_bound_entries_have_windows():
    bank = PhraseBank.load()
    covid = [e for e in bank.entries() if "疫情防控" in e.text]
    assert covid, "the bank keeps 疫情防控 formulations for drafts of past dates"
    for e in covid:
        assert e.valid_until == dt.date(2023, 1, 8), e.id
        assert e.replaced_by and bank.get(e.replaced_by) is not None


# -------------------------------------------------------------------------------------------- layers


def test_later_layer_overrides_by_id_and_source_is_shown(tmp_path):
    d = tmp_path / "unit"
    f = write(d, "opening.yaml", """
        # 本单位词库
        - id: closing.adjourn.01
          slot: closing.adjourn
          text: 本单位的散会语。散会！
    """)
    bank = PhraseBank.load([d])
    e = bank.get("closing.adjourn.01")
    assert e.text == "本单位的散会语。散会！"
    assert e.source.file == os.fspath(f) and e.source.line == 2
    assert e.layer == os.fspath(d)
    hidden = bank.overridden["closing.adjourn.01"]
    assert hidden[0].layer == BUILTIN_LAYER and hidden[0].source.file.endswith("closing.yaml")
    assert len([x for x in bank.entries() if x.id == "closing.adjourn.01"]) == 1


def test_env_layer_sits_between_builtin_and_extra_dirs(tmp_path, monkeypatch):
    env_dir, extra = tmp_path / "env", tmp_path / "extra"
    write(env_dir, "a.yaml", "- id: my.slot.01\n  slot: my.slot\n  text: 环境变量层。\n")
    write(extra, "a.yaml", "- id: my.slot.01\n  slot: my.slot\n  text: 命令行层。\n")
    monkeypatch.setenv("DRAFTER_BANK", os.pathsep.join([str(env_dir), ""]))
    assert PhraseBank.load().get("my.slot.01").text == "环境变量层。"
    assert PhraseBank.load([extra]).get("my.slot.01").text == "命令行层。"


def test_config_files_bank_dirs(tmp_path):
    write(tmp_path / "xdg" / "drafter", "config.yaml", "bank_dirs: [../../userbank]\n")
    write(tmp_path / "userbank", "a.yaml", "- id: my.slot.01\n  slot: my.slot\n  text: 用户配置层。\n")
    write(tmp_path, "drafter.yaml", "bank_dirs:\n  - projbank\n")
    write(tmp_path / "projbank", "a.yaml", "- id: my.slot.01\n  slot: my.slot\n  text: 项目配置层。\n")
    bank = PhraseBank.load()
    assert bank.get("my.slot.01").text == "项目配置层。"
    assert [l.name for l in bank.layers][0] == BUILTIN_LAYER and len(bank.layers) == 3
    assert PhraseBank.load(use_config=False).get("my.slot.01") is None


def test_missing_layer_folder_is_an_error(tmp_path):
    with pytest.raises(ProblemsError) as ei:
        PhraseBank.load([tmp_path / "nope"])
    assert "找不到这个词库文件夹" in ei.value.render()


def test_disabled_entry_hides_the_builtin_one(tmp_path):
    d = tmp_path / "unit"
    write(d, "x.yaml", "- id: closing.adjourn.01\n  slot: closing.adjourn\n  text: 停用。\n  disabled: true\n")
    bank = PhraseBank.load([d])
    assert bank.get("closing.adjourn.01") is None
    assert all(e.id != "closing.adjourn.01" for e in bank.candidates("closing.adjourn", "review", D2026))


# -------------------------------------------------------------------------------------------- bad files


def test_bad_file_reports_every_problem_with_position(tmp_path):
    d = tmp_path / "bad"
    f = write(d, "bad.yaml", """
        - id: my.slot.01
          slot: my.slot
          text: 第一条。
          valid_until: 2023-13-01
        - id: my.slot.02
          slot: my.slot
          text: 未闭合的变量{{ jurisdiction
        - id: my.slot.01
          slot: my.slot
          text: 重复编号。
        - slot: my.slot
          text: 没有编号。
          colour: red
    """)
    with pytest.raises(ProblemsError) as ei:
        PhraseBank.load([d])
    msg = ei.value.render()
    file = os.fspath(f)
    assert f"{file}:4:16: 错误：[1].valid_until（有效期止）：日期「2023-13-01」不存在" in msg
    assert f"{file}:7:9: 错误：条目 my.slot.02 的 Jinja 写法有误" in msg
    assert f"{file}:8:3: 错误：重复的条目 id「my.slot.01」（第一次出现在 {file}:1）" in msg
    assert f"{file}:11:3: 错误：缺少必填项 [4].id（稳定编号）" in msg
    assert f"{file}:13:3: 错误：不认识的键「colour」" in msg
    assert "提示：" in msg


def test_duplicate_yaml_key_is_an_error(tmp_path):
    d = tmp_path / "bad"
    f = write(d, "bad.yaml", "- id: my.slot.01\n  slot: my.slot\n  text: 一。\n  text: 二。\n")
    with pytest.raises(ProblemsError) as ei:
        PhraseBank.load([d])
    assert f"{f}:4:3: 错误：重复的键 “text”（第一次出现在第 3 行）" in ei.value.render()


def test_dates_are_read_from_text_not_yaml_timestamps(tmp_path):
    bank = only_bank(tmp_path, "- id: my.slot.01\n  slot: my.slot\n  text: 一。\n  valid_from: 2023-1-8\n  valid_until: '2024-02-29'\n")
    e = bank.get("my.slot.01")
    assert (e.valid_from, e.valid_until) == (dt.date(2023, 1, 8), dt.date(2024, 2, 29))


# -------------------------------------------------------------------------------------------- choosing


def draft(bank: PhraseBank, t: str, variant: int, date: dt.date = D2026) -> tuple[list[str], list[str]]:
    c = bank.chooser(meeting_type=t, date=date, variant=variant, context=SAMPLE_CONTEXT, facts=EVERY)
    texts = [c.phrase(s) for s in FRAMING_SLOTS[t]]
    texts.append(c.stock("加强政治建设，凝聚核心力量") or "")
    return texts, list(c.used)


@pytest.mark.parametrize("t", BUILTIN_TYPES)
def test_same_arguments_give_the_same_draft(t):
    bank = PhraseBank.load()
    assert draft(bank, t, 1) == draft(bank, t, 1)
    assert draft(bank, t, 3) == draft(PhraseBank.load(), t, 3)


@pytest.mark.parametrize("t", BUILTIN_TYPES)
def test_variants_1_to_5_give_five_different_choices_in_every_slot(t):
    bank = PhraseBank.load()
    drafts = [draft(bank, t, v)[0] for v in range(1, 6)]
    assert len({tuple(d) for d in drafts}) == 5
    for i, s in enumerate(FRAMING_SLOTS[t]):
        assert len({d[i] for d in drafts}) == 5, s


def test_choice_is_stable_across_processes_with_different_hash_seeds():
    code = ("import datetime; from drafter.compose.phrasebank import PhraseBank, SAMPLE_CONTEXT, FRAMING_SLOTS, Facts, NEEDS;"
            "c = PhraseBank.load(use_config=False).chooser(meeting_type='annual', date=datetime.date(2026, 2, 10),"
            " variant=2, context=SAMPLE_CONTEXT, facts=Facts(frozenset(NEEDS)));"
            "print([c.phrase(s) for s in FRAMING_SLOTS['annual']]); print(c.used)")
    root = Path(__file__).resolve().parent.parent
    outs = set()
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                check=True).stdout)
    assert len(outs) == 1


def test_different_dates_and_types_can_choose_differently():
    bank = PhraseBank.load()
    firsts = {draft(bank, "review", 1, dt.date(2026, 1, d))[1][0] for d in range(5, 25)}
    assert len(firsts) > 1


def test_no_entry_or_text_twice_in_one_speech(tmp_path):
    bank = only_bank(tmp_path, """
        - id: my.slot.01
          slot: my.slot
          text: 甲。
        - id: my.slot.02
          slot: my.slot
          text: '{{ jurisdiction }}。'
        - id: my.slot.03
          slot: my.slot
          text: 全区。
    """)
    c = bank.chooser(meeting_type="review", date=D2026, context={**SAMPLE_CONTEXT, "jurisdiction": "全区"}, facts=EVERY)
    got = [c.phrase("my.slot"), c.phrase("my.slot")]
    assert sorted(got) == ["全区。", "甲。"]
    assert len(c.used) == 2
    with pytest.raises(PhraseError) as ei:
        c.phrase("my.slot")
    assert "“my.slot”" in str(ei.value) and "都已用过" in str(ei.value)


def test_shipped_slot_used_repeatedly_never_repeats():
    bank = PhraseBank.load()
    c = bank.chooser(meeting_type="annual", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    n = len(bank.candidates("closing.adjourn", "annual", D2026))
    got = [c.phrase("closing.adjourn") for _ in range(n)]
    assert len(set(got)) == n and len(set(c.used)) == n


def test_validity_window(tmp_path):
    bank = only_bank(tmp_path, """
        - id: my.slot.01
          slot: my.slot
          text: 统筹疫情防控和经济社会发展。
          valid_from: 2020-01-20
          valid_until: 2023-01-08
    """)
    c = bank.chooser(meeting_type="annual", date=dt.date(2022, 2, 1), context=SAMPLE_CONTEXT, facts=EVERY)
    assert c.phrase("my.slot") == "统筹疫情防控和经济社会发展。"
    c = bank.chooser(meeting_type="annual", date=dt.date(2023, 1, 8), context=SAMPLE_CONTEXT, facts=EVERY)
    assert c.phrase("my.slot")
    c = bank.chooser(meeting_type="annual", date=dt.date(2026, 2, 10), context=SAMPLE_CONTEXT, facts=EVERY)
    with pytest.raises(PhraseError) as ei:
        c.phrase("my.slot")
    assert str(ei.value).startswith("错误：词库里用途为 “my.slot” 的条目没有一条适用于会议类型 annual、日期 2026年2月10日")


def test_shipped_expired_entries_never_chosen_for_2026_but_can_be_for_2022():
    bank = PhraseBank.load()
    expired = {e.id for e in bank.entries() if e.valid_until and e.valid_until < dt.date(2026, 1, 1)}
    assert expired
    for v in range(1, 13):
        for t in BUILTIN_TYPES:
            _, used = draft(bank, t, v)
            assert not expired & set(used)
    seen = set()
    for v in range(1, 13):
        _, used = draft(bank, "annual", v, dt.date(2022, 3, 1))
        for i in used:
            assert bank.get(i).valid_on(dt.date(2022, 3, 1))
        seen |= set(used)
    assert expired & seen, "some entries valid only in 2022 are chosen for a 2022 meeting"


def test_type_tags_restrict_entries():
    bank = PhraseBank.load()
    for v in range(1, 10):
        c = bank.chooser(meeting_type="quarterly", date=D2026, variant=v, context=SAMPLE_CONTEXT, facts=EVERY)
        c.phrase("opening.purpose")
        e = bank.get(c.used[0])
        assert not e.types or "quarterly" in e.types


def test_unknown_slot_names_slot_type_and_date():
    c = PhraseBank.load().chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    with pytest.raises(PhraseError) as ei:
        c.phrase("opening.nosuch")
    assert isinstance(ei.value, DrafterError)
    assert "“opening.nosuch”" in str(ei.value) and "review" in str(ei.value) and "2026年2月10日" in str(ei.value)


# -------------------------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("text,refusal", [
    ("{{ ''.__class__.__mro__ }}", "试图访问不允许的内容，已拒绝执行"),
    ("{{ jurisdiction.__class__.__base__.__subclasses__() }}", "试图访问不允许的内容，已拒绝执行"),
    ("{{ [].append(1) }}", "试图访问不允许的内容，已拒绝执行"),
    ("{{ 'x' * 100000000 }}", "超出限制："),
    ("{{ 9 ** 999999 }}", "超出限制："),
])
def test_sandbox_refuses_hostile_texts(tmp_path, text, refusal):
    d = tmp_path / "bank"
    f = write(d, "evil.yaml", f"# 恶意\n- id: my.slot.01\n  slot: my.slot\n  text: \"{text}\"\n")
    c = PhraseBank.load([d]).chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    with pytest.raises(TemplateError) as ei:
        c.phrase("my.slot")
    msg = ei.value.render()
    assert msg.startswith(f"{f}:2: 错误：词库条目 my.slot.01 的文字{refusal}")


def test_no_globals_in_the_sandbox(tmp_path):
    bank = only_bank(tmp_path, "- id: my.slot.01\n  slot: my.slot\n  text: '{{ range(3) }}{{ lipsum() }}'\n")
    c = bank.chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    with pytest.raises(TemplateError) as ei:
        c.phrase("my.slot")
    assert "未定义的变量 “range”" in ei.value.render()


def test_undefined_variable_names_entry_file_line_and_variable(tmp_path):
    d = tmp_path / "bank"
    f = write(d, "a.yaml", "# 注释\n- id: my.slot.01\n  slot: my.slot\n  text: 今年是{{ yaer }}年。\n")
    c = PhraseBank.load([d]).chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    with pytest.raises(TemplateError) as ei:
        c.phrase("my.slot")
    assert ei.value.render().startswith(f"{f}:2: 错误：词库条目 my.slot.01 用了未定义的变量 “yaer”。提示：可用的变量有 jurisdiction、")


def test_extra_overrides_context(tmp_path):
    bank = only_bank(tmp_path, "- id: my.slot.01\n  slot: my.slot\n  text: '{{ jurisdiction }}各级。'\n")
    c = bank.chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    assert c.phrase("my.slot", jurisdiction="全县") == "全县各级。"


def test_context_variables_are_documented_in_readme():
    readme = (Path(__file__).resolve().parent.parent / "phrasebank" / "README.md").read_text(encoding="utf-8")
    for name in CONTEXT_VARIABLES:
        assert f"`{name}`" in readme, name


# -------------------------------------------------------------------------------------------- stock


@pytest.mark.parametrize("heading,topic", [
    ("加强政治建设，凝聚核心力量", "political"),
    ("强化理论武装，筑牢思想根基", "theory"),
    ("夯实基层基础，建强战斗堡垒", "organization"),
    ("深化党风廉政建设，营造清朗生态", "integrity"),
    ("持续改进作风，力戒形式主义", "conduct"),
    ("坚持党建引领基层治理", "governance"),
    ("聚焦主责主业，压实党建责任", "responsibility"),
    ("建强干部队伍，激发干事活力", "cadres"),
    ("围绕发展大局，激发党建活力", None),
])
def test_detect_topic(heading, topic):
    assert detect_topic(heading) == topic


def test_stock_paragraph_for_a_bare_heading():
    bank = PhraseBank.load()
    c = bank.chooser(meeting_type="review", date=D2026, context=SAMPLE_CONTEXT, facts=EVERY)
    text = c.stock("一要强化理论武装")
    assert text and c.used[-1].startswith("stock.theory.")
    assert c.stock("围绕发展大局，激发党建活力") is None
    n = len(bank.candidates("stock.theory", "review", D2026))
    got = [c.stock("理论学习") for _ in range(n)]
    assert got[-1] is None and len(set(got[:-1])) == n - 1


# -------------------------------------------------------------------------------------------- check


def test_check_finds_each_kind_of_problem(tmp_path):
    d = tmp_path / "bank"
    write(d, "a.yaml", """
        - id: my.slot.01
          slot: my.slot
          text: 今年{{ yaer }}要抓好。
        - id: my.slot.02
          slot: my.slot
          text: 各级党组织要把党建工作抓紧抓实抓出成效。
        - id: my.slot.03
          slot: my.slot
          text: 各级党组织要把党建工作抓紧抓实抓出成效！
        - id: my.slot.04
          slot: my.slot
          text: 要统筹疫情防控和经济社会发展。
        - id: my.slot.05
          slot: my.slot
          text: 半角标点,不行。
        - id: my.slot.06
          slot: my.slot
          text: 过期。
          valid_until: 2020-01-01
        - id: my.slot.07
          slot: my.slot
          text: 指向不存在的条目。
          valid_until: 2020-01-01
          replaced_by: my.slot.99
    """)
    bank, problems = PhraseBank.load_lenient([d])
    findings = check_bank(bank, problems, today=dt.date(2026, 1, 1))
    text = "\n".join(f.render() for f in findings)
    assert "错误：条目 my.slot.01 用了未知的变量：yaer" in text
    assert "错误：条目 my.slot.03 与 my.slot.02" in text and "几乎相同" in text
    assert "错误：条目 my.slot.04 用了有时效的提法“疫情防控”" in text and "valid_until: 2023-01-08" in text
    assert "错误：条目 my.slot.05 用了半角标点“,”" in text
    assert "警告：条目 my.slot.06 已于 2020-01-01 过期，且没有写 replaced_by" in text
    assert "错误：条目 my.slot.07 的 replaced_by 指向不存在的条目 my.slot.99" in text
    assert "警告：条目 my.slot.02 的用途 my.slot 不是内置模板使用的用途" in text


def test_check_counts_variants_per_type(tmp_path):
    d = tmp_path / "bank"
    lines = []
    for i in range(1, 10):
        lines.append(f"- id: closing.urgency.{i:02d}\n  slot: closing.urgency\n  text: 停用{i}。\n  disabled: true\n")
    write(d, "a.yaml", "".join(lines))
    bank, problems = PhraseBank.load_lenient([d])
    findings = check_bank(bank, problems, today=D2026)
    assert any(f.level == "error" and f.message.startswith("用途 closing.urgency 在会议类型 quarterly 下只有 0 条")
               for f in findings)


def test_readme_documents_every_condition_word():
    readme = (Path(__file__).resolve().parent.parent / "phrasebank" / "README.md").read_text(encoding="utf-8")
    from drafter.compose.phrasebank import NEEDS, SPEAKERS, TIMINGS

    for name in [*NEEDS, *SPEAKERS, *TIMINGS]:
        assert f"`{name}`" in readme, name


def test_readme_documents_every_framing_slot_a_brief_may_name():
    from drafter.input.brief import framing_slots

    readme = (Path(__file__).resolve().parent.parent / "phrasebank" / "README.md").read_text(encoding="utf-8")
    assert [s for s in framing_slots() if f"`{s}`" not in readme] == []
