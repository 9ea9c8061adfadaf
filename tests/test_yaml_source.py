"""The YAML reader: the libyaml fast path and the Python loader read a file identically."""

from pathlib import Path

import pytest
import yaml

from drafter import yaml_source

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(ROOT.glob("examples/*.yaml")) + sorted(ROOT.glob("phrasebank/*.yaml")) + sorted(
    (ROOT / "drafter" / "data" / "starters").glob("*.yaml"))


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", FILES, ids=[f"{p.parent.name}/{p.name}" for p in FILES])
def test_fast_and_python_loaders_agree(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert yaml_source._fast_compose(text) is not None, "this file should take the fast path"
    fast = yaml_source.loads(text, "f.yaml")
    monkeypatch.setattr(yaml_source, "_fast_compose", lambda text: None)
    slow = yaml_source.loads(text, "f.yaml")
    assert (fast.data, fast.positions, fast.key_positions, fast.quoted) == (
        slow.data, slow.positions, slow.key_positions, slow.quoted)


@pytest.mark.parametrize("text", ["a: &x 1\nb: *x\n", "a: " + "[" * 13 + "1" + "]" * 13 + "\n", "a: b: c\n"])
def test_aliases_deep_nesting_and_errors_take_the_python_loader(text):
    assert yaml_source._fast_compose(text) is None
    with pytest.raises(yaml_source.YamlProblems):
        yaml_source.loads(text, "b.yaml")
