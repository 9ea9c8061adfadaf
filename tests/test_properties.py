"""Property tests: valid and nearly valid briefs either render to a conforming .docx or fail with
drafter's own error (DrafterError); never any other exception."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import DrafterError
from drafter.main import format_draft, make_draft

ROOT = Path(__file__).resolve().parent.parent
CONFORMANCE = ROOT.parent / "shared" / "tools" / "docx_conformance.py"
BASE = yaml.safe_load((ROOT / "tests" / "data" / "base_brief.yaml").read_text(encoding="utf-8"))

odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3000), max_size=30),
    st.sampled_from(["", " ", "X", "××", "【待定】", "*粗*", "# 标题", "@", "一、标题", "\\", "陈\u200b立", "𠀀𡈽",
                     "a" * 5000, "——", "2026-13-01", "2026年2月", "是", "no", "~", "{{ x }}"]),
)
value = st.recursive(st.one_of(odd_text, st.integers(), st.booleans(), st.none()),
                     lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(odd_text, inner, max_size=3)),
                     max_leaves=8)
PATHS = [("meeting", "name"), ("meeting", "date"), ("meeting", "type"), ("speaker", "role"), ("speaker", "name"),
         ("superior",), ("title",), ("period",), ("achievements", "items"), ("problems", "layout"),
         ("opinions", "items"), ("opinions", "noun"), ("opinions", "form"), ("closing", "text"), ("options", "minutes"),
         ("options", "variant"), ("meeting", "before", "visits")]


@st.composite
def briefs(draw):
    import copy

    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(PATHS))
        node = data
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            continue
        action = draw(st.sampled_from(["drop", "set", "set"]))
        if action == "drop":
            node.pop(path[-1], None)
        else:
            node[path[-1]] = draw(value)
    opinions = data.get("opinions")
    items = opinions.get("items") if isinstance(opinions, dict) else None
    targets = [i for i, item in enumerate(items) if isinstance(item, dict)] if isinstance(items, list) else []
    if targets and draw(st.booleans()):
        items[draw(st.sampled_from(targets))]["heading"] = draw(odd_text)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=briefs())
def test_brief_renders_or_fails_cleanly(tmp_path, text):
    path = tmp_path / "b.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        draft = make_draft(path)
        data = format_draft(draft, "docx")
    except DrafterError as err:
        assert err.render().strip()
        return
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    if not CONFORMANCE.is_file():
        pytest.skip("../shared/tools/docx_conformance.py is not here")
    r = subprocess.run([sys.executable, str(CONFORMANCE), str(out)], capture_output=True, text=True)
    assert " 0 MUST failures" in r.stdout + r.stderr, (r.stdout, r.stderr, text)
