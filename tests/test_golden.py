"""Each bundled example renders to exactly its committed golden draft.

Regenerate with `python tests/update_golden.py` and review the diff.
"""

import re

import pytest

from update_golden import EXAMPLES, GOLDEN, rendered


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_example_matches_golden(example):
    for fmt, text in rendered(example).items():
        golden = GOLDEN / f"{example.stem}.{fmt}"
        assert golden.exists(), f"no golden file {golden.name}: run python tests/update_golden.py"
        assert text == golden.read_text(encoding="utf-8"), (
            f"{example.name} no longer renders to {golden.name}; if the change is intended, run "
            "python tests/update_golden.py and review the diff")


SKELETON = [e for e in EXAMPLES if e.stem in ("review", "annual", "quarterly", "discipline", "warning")]
"""Examples of the types on the plain skeleton; the others' structure is tested in test_meeting_types.py."""


@pytest.mark.parametrize("example", SKELETON, ids=[e.stem for e in SKELETON])
def test_golden_has_three_part_structure_and_agreeing_count(example):
    """achievements → problems → «讲N点…» announcing exactly the headings that follow → closing."""
    from drafter.genre.numbering import parse_cn_numeral

    text = (GOLDEN / f"{example.stem}.md").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line]
    salutation = lines.index("@salutation 同志们：")
    first_heading = next(k for k, line in enumerate(lines) if line.startswith("## "))
    announce = [i for i, line in enumerate(lines[:first_heading])
                if re.search(r"[一两二三四五六七八九十几]+(点意见|点要求|个坚持)", line)]
    assert announce, "no announced count before the first point"
    i = announce[-1]
    n_word = re.search(r"([一两二三四五六七八九十几]+)(点意见|点要求|个坚持)", lines[i]).group(1)
    headings = [line for line in lines[i + 1:] if line.startswith("## ")]
    assert n_word == "几" or len(headings) == parse_cn_numeral(n_word)  # «几点» announces no number
    from drafter.genre.numbering import label
    assert [h.split(" ", 1)[1][: len(label("一、", k + 1))] for k, h in enumerate(headings)] == [
        label("一、", k + 1) for k in range(len(headings))]
    assert salutation < i
    # closing after the last point's paragraphs
    assert not lines[-1].startswith("#")
