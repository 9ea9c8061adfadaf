"""Tests of drafter.genre.dates: date-driven text, with real dates around each boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.genre import dates


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


@pytest.mark.parametrize("day, text", [
    ("2026-02-15", "2026年2月15日"),
    ("2020-01-05", "2020年1月5日"),
    ("2024-12-31", "2024年12月31日"),
])
def test_format_date_has_no_leading_zeros(day, text):
    assert dates.format_date(d(day)) == text
    assert dates.date_line(d(day)) == f"（{text}）"


@pytest.mark.parametrize("day, text", [
    # third plenum of the 20th CC closed 2024-07-18
    ("2024-07-17", "党的二十大和二十届二中全会精神"),
    ("2024-07-18", "党的二十大和二十届二中、三中全会精神"),
    # fourth plenum closed 2025-10-23
    ("2025-10-22", "党的二十大和二十届二中、三中全会精神"),
    ("2025-10-24", "党的二十大和二十届二中、三中、四中全会精神"),
    ("2026-02-15", "党的二十大和二十届二中、三中、四中全会精神"),
    # 20th congress closed 2022-10-22; 一中 (10-23) is omitted; 二中 closed 2023-02-28
    ("2022-10-21", "党的十九大和十九届二中、三中、四中、五中、六中、七中全会精神"),
    ("2022-10-22", "党的二十大精神"),
    ("2022-10-24", "党的二十大精神"),
    ("2023-02-27", "党的二十大精神"),
    ("2023-02-28", "党的二十大和二十届二中全会精神"),
    # 19th-congress era
    ("2017-12-01", "党的十九大精神"),
    ("2018-01-19", "党的十九大和十九届二中全会精神"),
    ("2020-01-15", "党的十九大和十九届二中、三中、四中全会精神"),
    ("2022-03-01", "党的十九大和十九届二中、三中、四中、五中、六中全会精神"),
])
def test_spirit(day, text):
    assert dates.spirit(d(day)) == text


def test_spirit_before_known_data_is_an_error():
    with pytest.raises(ValueError):
        dates.spirit(d("2000-01-01"))


@pytest.mark.parametrize("year, label", [
    (2026, "“十五五”开局之年"),
    (2025, "“十四五”规划收官之年"),
    (2022, "党的二十大召开之年"),
    (2021, "“十四五”开局之年"),
    (1999, ""),
])
def test_year_label(year, label):
    assert dates.year_label(year) == label


def test_year_label_uses_fullwidth_quotes():
    for year in range(2018, 2027):
        for text in dates.year_labels(year):
            assert '"' not in text


@pytest.mark.parametrize("day, party", [
    ("2021-01-10", 100),
    ("2021-12-31", 100),
    ("2024-09-30", 103),
    ("2026-02-15", 105),
])
def test_anniversaries(day, party):
    assert dates.party_anniversary(d(day)) == party


@pytest.mark.parametrize("day, plan", [
    ("2015-12-31", "十二五"),
    ("2016-01-01", "十三五"),
    ("2020-12-31", "十三五"),
    ("2021-01-01", "十四五"),
    ("2025-12-31", "十四五"),
    ("2026-01-01", "十五五"),
    ("2030-12-31", "十五五"),
    ("2031-01-01", "十六五"),
    ("2003-06-01", "十五"),
    ("2006-06-01", "十一五"),
])
def test_five_year_plan(day, plan):
    assert dates.plan_name(dates.plan_number(d(day).year)) == plan


def test_plan_years():
    assert dates.plan_years(15) == (2026, 2030)
    assert dates.plan_years(14) == (2021, 2025)
    assert dates.plan_years(1) == (1953, 1957)


def test_the_shipped_data_file_is_valid_and_every_entry_has_a_note():
    data = dates.read_formulation_file(dates.DATA_FILE)
    assert data.congresses and data.plenums and data.year_labels and data.anniversaries
    for entry in (*data.formulations, *data.anniversaries, *data.year_labels):
        assert entry.note, entry


def test_an_empty_formulation_file_is_an_empty_layer(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert dates.read_formulation_file(empty) == dates.FormulationFile()
