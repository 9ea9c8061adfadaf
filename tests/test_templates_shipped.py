"""The built-in templates shipped compiled ahead of time (drafter/data/templates.json, see
drafter.compose.shipped_templates): a golden file of templates/, used only for a template whose text is the
one compiled, and an error in a built-in template still names its .j2 file and line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from drafter.compose import shipped_templates
from drafter.compose.templates import builtin_environment, builtin_template_dir
from drafter.errors import TemplateError
from drafter.main import make_draft

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "review.yaml"


def test_the_shipped_templates_are_what_the_builder_makes_now():
    """Rebuilt here and compared byte for byte: run ``python -m drafter.compose`` after changing templates/."""
    assert shipped_templates.SHIPPED.read_bytes() == shipped_templates.build(*builtin_environment())


def test_every_built_in_template_is_shipped():
    shipped = json.loads(shipped_templates.SHIPPED.read_text(encoding="utf-8"))["templates"]
    names = sorted(str(p.relative_to(builtin_template_dir())) for p in builtin_template_dir().rglob("*.j2"))
    assert sorted(shipped) == names


def text_of(draft) -> str:
    return "\n".join("".join(r.text for r in b.runs) for b in draft.blocks)


def test_a_units_copy_of_the_built_in_templates_drafts_the_same_speech(tmp_path):
    shutil.copytree(builtin_template_dir(), tmp_path / "t")
    assert text_of(make_draft(EXAMPLE, template_dir=tmp_path / "t")) == text_of(make_draft(EXAMPLE))


def test_an_edited_template_is_compiled_from_its_text(tmp_path):
    """A template named like a built-in one but with other text gets its own code, not the shipped one."""
    folder = tmp_path / "t"
    shutil.copytree(builtin_template_dir(), folder)
    base = folder / "base.md.j2"
    base.write_text(base.read_text(encoding="utf-8") + "\n本单位补充的一段话。\n", encoding="utf-8")
    assert "本单位补充的一段话。" in text_of(make_draft(EXAMPLE, template_dir=folder))
    assert "本单位补充的一段话。" not in text_of(make_draft(EXAMPLE))


def test_an_error_inside_a_shipped_part_is_reported_as_from_its_text(tmp_path):
    """The unit's own template calls the built-in ``point`` macro with a value it cannot use: the error is raised
    in the shipped code of parts/point.md.j2 and names that file and the line a part compiled from its text gives."""
    caller = '{% from "parts/point.md.j2" import point %}\n{{ point(none) }}\n'
    (tmp_path / "review.md.j2").write_text(caller, encoding="utf-8")
    with pytest.raises(TemplateError) as shipped:
        make_draft(EXAMPLE, template_dir=tmp_path)
    part = builtin_template_dir() / "parts" / "point.md.j2"
    assert shipped.value.file == str(part) and shipped.value.line > 1

    own = tmp_path / "own"  # the same part with one more comment line at its end: compiled from its text
    (own / "parts").mkdir(parents=True)
    (own / "review.md.j2").write_text(caller, encoding="utf-8")
    (own / "parts" / "point.md.j2").write_text(part.read_text(encoding="utf-8") + "{# 本单位 #}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as compiled:
        make_draft(EXAMPLE, template_dir=own)
    assert (compiled.value.line, compiled.value.message, compiled.value.source_line) == (
        shipped.value.line, shipped.value.message, shipped.value.source_line)
