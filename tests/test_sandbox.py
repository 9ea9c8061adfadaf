"""Templates (--templates DIR) and phrase texts (--bank DIR) from a user's folder run in Jinja's sandbox:
reaching for Python internals or the file system gets a clear Chinese refusal naming the file, exit 1,
and nothing is written."""

from __future__ import annotations

import collections.abc
import re
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SecurityError

from cli_helpers import run_cli
from drafter.compose.sandbox import GuardedSandbox

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "examples" / "review.yaml").read_text(encoding="utf-8")

HOSTILE = [
    ("subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("globals", "{{ self.__init__.__globals__ }}"),
    ("cycler", "{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
    ("lipsum", "{{ lipsum.__globals__['os'].listdir('/') }}"),
    ("format-attr", "{{ '{0.__class__}'.format(plan) }}"),
    ("plan-internals", "{{ plan.__class__.__init__.__globals__ }}"),
    ("mutate", "{{ plan.visits.append(1) }}"),
]


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "b.yaml").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "out").mkdir()
    return tmp_path


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_hostile_user_template_is_refused(folder, capsys, text):
    tpl = folder / "tpl"
    tpl.mkdir()
    (tpl / "review.md.j2").write_text("# 标题\n\n正文。\n" + text + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-o", folder / "out" / "x.docx",
                                      "--templates", tpl])
    assert code == 1
    assert "Traceback" not in err
    first = err.splitlines()[0]
    assert first.startswith(f"{tpl}/review.md.j2:4: 错误："), err
    assert any(w in first for w in ("不允许", "不存在", "出错")), err
    assert "uid=" not in err and "bin" not in err.split("错误：", 1)[1].split("\n")[0].split("：")[0]
    assert list((folder / "out").iterdir()) == []


@pytest.mark.parametrize("text", [t for _, t in HOSTILE], ids=[i for i, _ in HOSTILE])
def test_hostile_bank_text_is_refused(folder, capsys, text):
    bank = folder / "bank"
    bank.mkdir()
    builtin = (ROOT / "phrasebank" / "opening.yaml").read_text(encoding="utf-8")
    ids = sorted(set(re.findall(r"id: (opening\.purpose\.\d+)", builtin)))
    quoted = text.replace('"', '\\"')
    # the unit's layer overrides every built-in opening.purpose entry, so the hostile text is the one chosen
    (bank / "mine.yaml").write_text("".join(f'- id: {i}\n  text: "今天开会。{quoted}"\n' for i in ids), encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-o", folder / "out" / "x.docx", "--bank", bank])
    assert code == 1
    assert "Traceback" not in err
    assert f"{bank}/mine.yaml:" in err, err
    assert "词库条目 opening.purpose." in err and ("不允许" in err or "未定义的变量" in err), err
    assert list((folder / "out").iterdir()) == []


@pytest.mark.parametrize("tag", ["{% include '/etc/passwd' %}", "{% extends '/etc/passwd' %}",
                                 "{% include '../../../../../../etc/passwd' %}", "{% import '/etc/hostname' as h %}"])
def test_template_cannot_read_files_outside_the_template_folders(folder, capsys, tag):
    tpl = folder / "tpl"
    tpl.mkdir()
    (tpl / "review.md.j2").write_text("# 标题\n\n" + tag + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, ["render", folder / "b.yaml", "-f", "md", "-o", "-", "--templates", tpl])
    assert code == 1
    assert "root:" not in out + err
    assert err.splitlines()[0].startswith(f"{tpl}/review.md.j2:3: 错误："), err
    assert "Traceback" not in err


# ---------------------------------------------------------------- remembered attribute decisions
# GuardedSandbox remembers is_safe_attribute's answer per (type, attribute name); these check that an
# answer for one attribute or one object never leaks into another's.


def _render(env, source: str, **values) -> str:
    return env.from_string(source).render(**values)


def test_a_refused_attribute_stays_refused_after_an_allowed_one_on_the_same_type():
    env = GuardedSandbox(undefined=StrictUndefined)
    assert _render(env, "{{ x.count(1) }}", x=[1, 1]) == "2"
    for source in ("{{ x.append(2) }}", "{{ x.__class__ }}", "{{ x.pop() }}"):
        with pytest.raises(SecurityError):
            _render(env, source, x=[1])
    assert _render(env, "{{ x.count(1) }}", x=[1]) == "1"


def test_an_allowed_attribute_stays_allowed_after_a_refused_one_on_the_same_type():
    env = GuardedSandbox(undefined=StrictUndefined)
    with pytest.raises(SecurityError):
        _render(env, "{{ d.clear() }}", d={"a": 1})
    assert _render(env, "{{ d.get('a') }}|{{ d.keys() | list }}", d={"a": 1}) == "1|['a']"
    with pytest.raises(SecurityError):
        _render(env, "{{ d.clear() }}", d={"a": 1})


def test_registering_a_type_as_mutable_afterwards_refuses_its_mutating_methods():
    class Shelf:  # a fresh class: registering it affects nothing else
        def pop(self):
            return "book"

    env = GuardedSandbox(undefined=StrictUndefined)
    assert _render(env, "{{ s.pop() }}", s=Shelf()) == "book"
    collections.abc.MutableSequence.register(Shelf)
    with pytest.raises(SecurityError):
        _render(env, "{{ s.pop() }}", s=Shelf())


def test_an_object_claiming_another_class_is_judged_by_its_claim_every_time():
    class Chameleon:
        def __init__(self, disguised: bool) -> None:
            self.disguised = disguised

        @property
        def __class__(self):  # isinstance() believes this: a disguised one counts as a list
            return list if self.disguised else type(self)

        def append(self, item):
            return "appended"

    env = GuardedSandbox(undefined=StrictUndefined)
    assert _render(env, "{{ c.append(1) }}", c=Chameleon(False)) == "appended"
    with pytest.raises(SecurityError):
        _render(env, "{{ c.append(1) }}", c=Chameleon(True))


def test_a_data_attribute_read_before_is_judged_again_after_an_abc_registration():
    class Stack:  # a fresh class whose data attribute is named like a mutating method
        def __init__(self) -> None:
            self.pop = "top"

    env = GuardedSandbox(undefined=StrictUndefined)
    assert _render(env, "{{ s.pop }}|{{ s.pop }}", s=Stack()) == "top|top"  # the second read: the fast path
    collections.abc.MutableSequence.register(Stack)
    with pytest.raises(SecurityError):
        _render(env, "{{ s.pop }}", s=Stack())


def test_str_format_is_sandboxed_even_after_string_attributes_were_read():
    env = GuardedSandbox(undefined=StrictUndefined)
    assert _render(env, "{{ s.upper() }}{{ s.format }}", s="a{0}").startswith("A{0}")
    with pytest.raises(SecurityError):
        _render(env, "{{ s.format(x) }}", s="{0.__class__.__mro__}", x=1)


# ---------------------------------------------------------------- calls
# GuardedSandbox.call takes a fast path for macros, functions and methods; these check that it keeps
# every refusal and every argument Jinja's own path gives.


def test_a_function_or_method_marked_unsafe_or_altering_data_is_refused():
    from jinja2.sandbox import unsafe

    class Shelf:
        @unsafe
        def burn(self):
            return "burnt"

        def clear(self):
            return "cleared"

        def count(self):
            return "3"

    Shelf.clear.alters_data = True

    @unsafe
    def wipe():
        return "wiped"

    env = GuardedSandbox(undefined=StrictUndefined)
    for source, values in (("{{ s.burn() }}", {"s": Shelf()}), ("{{ s.clear() }}", {"s": Shelf()}),
                           ("{{ wipe() }}", {"wipe": wipe}), ("{% for i in [1] %}{{ wipe() }}{% endfor %}", {"wipe": wipe})):
        with pytest.raises(SecurityError):
            _render(env, source, **values)
    assert _render(env, "{{ s.count() }}", s=Shelf()) == "3"


def test_functions_that_ask_for_the_context_or_environment_get_it():
    from jinja2 import pass_context, pass_environment, pass_eval_context

    @pass_context
    def who(context):
        return context["name"]

    @pass_environment
    def which(environment):
        return type(environment).__name__

    @pass_eval_context
    def escaping(eval_ctx):
        return str(eval_ctx.autoescape)

    class Speaker:
        @pass_context
        def name(self, context):
            return context["name"]

    env = GuardedSandbox(undefined=StrictUndefined)
    source = "{{ who() }}|{{ which() }}|{{ escaping() }}|{{ s.name() }}{% for i in [1] %}|{{ who() }}{% endfor %}"
    assert _render(env, source, who=who, which=which, escaping=escaping, s=Speaker(), name="甲") == \
        "甲|GuardedSandbox|False|甲|甲"


def test_macros_are_called_as_jinjas_own_sandbox_calls_them():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    source = ('{% macro m(a, b="二") %}<{{ a }}{{ b }}{{ varargs | join }}{{ kwargs | dictsort | join }}>{% endmacro %}'
              '{% macro n(a) %}[{{ a }}{{ caller() }}]{% endmacro %}'
              '{{ m("一") }}{{ m("一", b="三") }}{{ m(1, 2, 3, x=4) }}{% for i in [1] %}{{ m(i) }}{% endfor %}'
              '{% autoescape true %}{{ m("&") }}{% endautoescape %}{% call n("c") %}d{% endcall %}')
    expected = ImmutableSandboxedEnvironment(undefined=StrictUndefined).from_string(source).render()
    assert _render(GuardedSandbox(undefined=StrictUndefined), source) == expected
    assert "<&二>" in expected  # a macro called where autoescaping is on returns markup, not escaped again
    with pytest.raises(TypeError, match="takes not more than 1"):
        _render(GuardedSandbox(undefined=StrictUndefined), "{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}")


def test_a_callable_raising_stopiteration_gives_an_undefined_value():
    from jinja2 import UndefinedError

    def stop():
        raise StopIteration

    assert _render(GuardedSandbox(), "[{{ stop() }}]", stop=stop) == "[]"
    with pytest.raises(UndefinedError):
        _render(GuardedSandbox(undefined=StrictUndefined), "{{ stop() }}", stop=stop)


def test_a_subclass_that_refuses_more_callables_is_obeyed():
    class Stricter(GuardedSandbox):
        def is_safe_callable(self, obj):
            return False

    for source in ("{{ f() }}", "{% macro m() %}{% endmacro %}{{ m() }}"):
        with pytest.raises(SecurityError):
            _render(Stricter(undefined=StrictUndefined), source, f=lambda: 1)
