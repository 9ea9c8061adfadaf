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


@pytest.mark.parametrize("day, party, prc", [
    ("2021-01-10", 100, 72),
    ("2021-12-31", 100, 72),
    ("2024-09-30", 103, 75),
    ("2026-02-15", 105, 77),
])
def test_anniversaries(day, party, prc):
    assert dates.party_anniversary(d(day)) == party
    assert dates.prc_anniversary(d(day)) == prc


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
    assert dates.five_year_plan(d(day)) == plan


def test_plan_years():
    assert dates.plan_years(15) == (2026, 2030)
    assert dates.plan_years(14) == (2021, 2025)
    assert dates.plan_years(1) == (1953, 1957)


def _forget(*cached) -> None:
    for c in cached:
        c.cache_clear()


def test_the_data_file_is_read_once_for_dates_and_formulations(monkeypatch):
    from drafter.checks import formulations

    monkeypatch.setenv("DRAFTER_CACHE", "off")
    calls = []
    real = dates.load_yaml
    monkeypatch.setattr(dates, "load_yaml", lambda path: calls.append(path) or real(path))
    for cached in (dates.shipped_yaml, dates.date_data, formulations._load):
        cached.cache_clear()
    try:
        assert dates.spirit(d("2026-02-15")) == "党的二十大和二十届二中、三中、四中全会精神"
        assert any(f.id == "nineteenth-congress" for f in formulations.load_formulations())
        assert calls == [dates.DATA_FILE]
    finally:
        for cached in (dates.shipped_yaml, dates.date_data, formulations._load):
            cached.cache_clear()


def test_load_yaml_reads_what_the_python_loader_reads(tmp_path):
    import yaml

    assert dates.load_yaml(dates.DATA_FILE) == yaml.safe_load(dates.DATA_FILE.read_text(encoding="utf-8"))
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert dates.load_yaml(empty) == {}


def test_the_parsed_data_file_is_kept_in_the_disk_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DRAFTER_CACHE", raising=False)
    _forget(dates.shipped_yaml)
    try:
        first = dates.shipped_yaml()
        [entry] = (tmp_path / "cache" / "formulations").iterdir()
        _forget(dates.shipped_yaml)
        monkeypatch.setattr(dates, "load_yaml", lambda path: pytest.fail("parsed again"))
        again = dates.shipped_yaml()
        assert again == first and again is not first
        assert type(again["plenums"][0]["closed"]) is dt.date
        # a damaged entry is a miss: the file is parsed again and gives the same data
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
        monkeypatch.undo()
        monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
        _forget(dates.shipped_yaml)
        assert dates.shipped_yaml() == first
    finally:
        _forget(dates.shipped_yaml)


def test_data_the_cache_cannot_hold_is_not_cached():
    assert dates._pack_cached({"when": dt.datetime(2024, 1, 1, 10, 0)}) is None
    from drafter import cache

    entry = cache.pack(dates._pack_cached({"a": [1, 2.5, "x", None, True, {"d": dt.date(2024, 7, 18)}], 2026: ["y"]}))
    expected = {"a": [1, 2.5, "x", None, True, {"d": dt.date(2024, 7, 18)}], 2026: ["y"]}
    assert dates._unpack_cached(cache.unpack(entry)) == expected
    assert cache.unpack(entry[:-1]) is None and cache.unpack(b"") is None
    assert dates._unpack_cached(("when", "2024")) is None and dates._unpack_cached([1]) is None
