"""The built-in bank shipped read ahead of time (drafter/data/phrasebank.json, see
drafter.compose.phrasebank.shipped): it is a golden file of the YAML in phrasebank/, and a built-in file
that differs from what was shipped is read from its YAML."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.compose.phrasebank import shipped
from drafter.compose.phrasebank.entries import read_file
from drafter.compose.phrasebank.layers import Layer, read_layer
from drafter.compose.phrasebank.vocabulary import BUILTIN_LAYER


def builtin_files() -> list[Path]:
    return sorted(shipped.builtin_dir().glob("*.yaml"))


def test_the_shipped_bank_is_what_the_builder_makes_now():
    """Rebuilt here and compared byte for byte: run ``python -m drafter.compose.phrasebank`` after changing phrasebank/."""
    assert shipped.SHIPPED.read_bytes() == shipped.build()


def test_shipped_entries_are_the_entries_the_yaml_gives():
    for path in builtin_files():
        from_yaml, problems = read_file(path, BUILTIN_LAYER)
        assert not problems
        taken = shipped.entries(path)
        assert taken == from_yaml, path.name
        assert [(e.source, e.layer) for e in taken] == [(e.source, e.layer) for e in from_yaml]


def copy_of_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "phrasebank"
    shutil.copytree(shipped.builtin_dir(), folder)
    return folder


def test_an_edited_builtin_file_is_read_from_its_yaml(tmp_path):
    folder = copy_of_bank(tmp_path)
    opening = folder / "opening.yaml"
    first = read_file(opening, BUILTIN_LAYER)[0][0]
    opening.write_text(opening.read_text(encoding="utf-8").replace(first.text, "改过的开场白。", 1), encoding="utf-8")
    assert shipped.entries(opening) is None
    entries, problems = read_layer(Layer(BUILTIN_LAYER, folder, (opening,)))
    assert not problems
    assert entries[0].id == first.id and entries[0].text == "改过的开场白。"


def test_an_edited_builtin_file_with_a_mistake_reports_it(tmp_path):
    folder = copy_of_bank(tmp_path)
    opening = folder / "opening.yaml"
    opening.write_text(opening.read_text(encoding="utf-8") + "- id: opening.bad.01\n  text: 好\n  valid_from: 2024-13-01\n",
                       encoding="utf-8")
    _, problems = read_layer(Layer(BUILTIN_LAYER, folder, (opening,)))
    assert [p.message for p in problems if "valid_from" in p.message or "日期" in p.message]

