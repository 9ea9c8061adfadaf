"""Chinese numerals and ordinal labels: the numbering drafter computes for every level."""

import pytest

from drafter.genre.numbering import cn_numeral, count_word, label, parse_cn_numeral


@pytest.mark.parametrize("n, text", [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"),
                                     (21, "二十一"), (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十")])
def test_cn_numeral_and_back(n, text):
    assert cn_numeral(n) == text
    assert parse_cn_numeral(text) == n


def test_never_nian_or_yishi():
    assert all("廿" not in cn_numeral(n) for n in range(1, 100))
    assert label("第一，", 10) == "第十，"


@pytest.mark.parametrize("form, n, total, expected", [
    ("一、", 3, None, "三、"), ("（一）", 12, None, "（十二）"), ("1.", 7, None, "7."), ("（1）", 2, None, "（2）"),
    ("一是", 4, None, "四是"), ("一要", 2, None, "二要"), ("第一，", 3, None, "第三，"),
    ("首先，", 1, 3, "首先，"), ("首先，", 2, 3, "其次，"), ("首先，", 3, 3, "最后，"),
    ("——", 1, 4, "\u2014\u2014"), ("——", 4, 4, "\u2014\u2014"),  # the Chinese dash, two em dashes, never counted
])
def test_labels(form, n, total, expected):
    assert label(form, n, total) == expected


def test_labels_use_fullwidth_marks():
    assert label("一、", 1)[-1] == "\u3001"
    assert label("（一）", 1)[0] == "\uff08" and label("（一）", 1)[-1] == "\uff09"


def test_count_word_says_liang_for_two():
    assert count_word(2) == "两"
    assert count_word(3) == "三"


@pytest.mark.parametrize("bad", ["", "x", "十十", "零"])
def test_parse_rejects_non_numerals(bad):
    with pytest.raises(ValueError):
        parse_cn_numeral(bad)
