"""``drafter check`` over the test corpus (tests/data/corpus/): precision ≥ 95 % and recall ≥ 90 % for every
rule family, nothing a speech's table says must not be reported, and the corpus as described."""

from __future__ import annotations

import pytest

from corpus_scores import CORPUS, FAMILIES, MIN_PRECISION, MIN_RECALL, score_speech, scores

SPEECHES = sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def table():
    return scores()[0]


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_family_meets_the_bar(table, family):
    row = table[family]
    assert row["precision"] is None or row["precision"] >= MIN_PRECISION, row
    assert row["recall"] is None or row["recall"] >= MIN_RECALL, row


def test_the_corpus_exercises_every_family_that_reports_writers_slips(table):
    for family in ("placeholder", "dated", "numbering", "repetition", "length", "confusable"):
        assert table[family]["tp"] + table[family]["fn"] >= 1, family


@pytest.mark.parametrize("speech", SPEECHES, ids=[p.stem for p in SPEECHES])
def test_nothing_that_must_not_be_reported_is(speech):
    assert score_speech(speech).breaches == []


@pytest.mark.parametrize("speech", SPEECHES, ids=[p.stem for p in SPEECHES])
def test_each_speech_is_a_short_opening_with_its_table(speech):
    assert 300 <= len(speech.read_text(encoding="utf-8")) <= 700
    assert speech.with_suffix(".expect.yaml").is_file()


def test_the_readme_gives_the_figures_the_script_prints(table):
    import re

    from corpus_scores import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"为测试写的 {len(SPEECHES)} 篇讲话稿开头" in readme
    names = {"placeholder": "占位符", "dated": "日期提法", "numbering": "序号与条数", "repetition": "重复",
             "length": "篇幅", "confusable": "易混用词", "closing": "散会与时态"}
    for family, row in table.items():
        m = re.search(rf"^\| {names[family]}（[^|\n]*\|(.*)\|$", readme, re.M)
        assert m, family
        cells = [c.strip() for c in m.group(1).split("|")]
        pct = [("—" if x is None else f"{x:.0%}") for x in (row["precision"], row["recall"])]
        assert cells == [str(row["tp"] + row["fn"]), str(row["tp"]), str(row["fp"]), str(row["fn"]), *pct], family
