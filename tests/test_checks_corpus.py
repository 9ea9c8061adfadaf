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
