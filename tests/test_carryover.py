"""``drafter check NEW --against OLD``: what this year's speech carried over from last year's."""

from __future__ import annotations

import json

from tests.cli_helpers import run_cli

OLD = """区委书记在2025年度基层党建工作述职评议会上的讲话
同志们：
2025年，全区新建党组织46个，整顿软弱涣散党组织9个。
各级党组织要深入学习贯彻二十届四中全会精神。
要持续实施“党建强基计划”，推动基层组织全面进步。
"""
NEW = """区委书记在2026年度基层党建工作述职评议会上的讲话
同志们：
2026年，全区新建党组织52个，整顿软弱涣散党组织9个。
各级党组织要深入学习贯彻二十届四中全会精神。
要持续实施“党建强基计划”，推动基层组织全面进步。
今年的任务更重，大家要拿出更大的干劲。
"""


def test_against_reports_the_carried_over_sentences_figures_and_terms(tmp_path, capsys):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", tmp_path / "new.txt", "--against", tmp_path / "old.txt", "-f", "json"])
    assert code == 0
    r = json.loads(out)
    carried = ["各级党组织要深入学习贯彻二十届四中全会精神。", "要持续实施“党建强基计划”，推动基层组织全面进步。"]
    assert [s["text"] for s in r["sentences"]] == carried
    assert [(s["new_line"], s["old_line"]) for s in r["sentences"]] == [(4, 4), (5, 5)]
    # every sentence of the new speech, cut after 。！？；; the title and 同志们： count as sentences too
    total = sum(map(len, ["区委书记在2026年度基层党建工作述职评议会上的讲话", "同志们：",
                          "2026年，全区新建党组织52个，整顿软弱涣散党组织9个。", *carried,
                          "今年的任务更重，大家要拿出更大的干劲。"]))
    assert (r["carried_chars"], r["total_chars"]) == (sum(map(len, carried)), total)
    assert r["share"] == round(sum(map(len, carried)) / total, 4)
    assert [(f["text"], f["new_line"], f["old_line"]) for f in r["figures"]] == [("9个", 3, 3)]
    assert [t["text"] for t in r["terms"]] == ["二十届四中全会", "“党建强基计划”"]


def test_against_in_text_points_at_both_files(tmp_path, capsys):
    (tmp_path / "去年.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "今年.txt").write_text(NEW, encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", tmp_path / "今年.txt", "--against", tmp_path / "去年.txt"])
    assert code == 0
    assert "原样沿用 2 句" in out and "占新稿文字的" in out
    assert f"{tmp_path / '今年.txt'}:4 ← {tmp_path / '去年.txt'}:4" in out
    assert "9个" in out and "二十届四中全会" in out


def test_against_with_nothing_in_common(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("同志们：\n今年我们要抓好学习。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("同志们：\n去年的工作很扎实。\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, ["check", tmp_path / "a.txt", "--against", tmp_path / "b.txt"])
    assert code == 0 and "原样沿用 0 句" in out and "没有发现沿用" in out
