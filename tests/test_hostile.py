"""Hostile templates, phrase-bank texts, template folders and cache folders, as a colleague (or an attacker
who can hand a writer a file) would pass them on: nothing they hold runs code, hangs drafter, eats its
memory, leaks a file from outside their folder or ends in a traceback. Each case goes through the real
command line; the resource cases run in a subprocess under a memory limit (RLIMIT_AS 1.5 GB) and a time
limit (see tests/limited.py), and must end with exit 1 and a Chinese message naming the file and line."""

from __future__ import annotations

import marshal
import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from cli_helpers import run_cli
from limited import run_drafter_many, run_limited

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "review.yaml"
HEAD = "# 标题\n\n正文。\n"  # the hostile line of a template is line 4

# ---------------------------------------------------------------- hangs, memory and recursion
# (id, line 4 of the template, a words the message must hold)

TEMPLATE_BUDGET = [
    ("nested-range-loops", "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "循环次数超过"),
    ("lipsum", "{{ lipsum(n=100000, html=false, min=100, max=1000) }}", "lipsum()"),
    ("center-filter", "{{ 'x'|center(15*10**8) }}", "过滤器 center"),
    ("center-literal", "{{ 'x'|center(1500000000) }}", "过滤器 center"),
    ("str-format-padding", "{{ '{:>1500000000}'.format('x') }}", "宽度"),
    ("format-map-padding", "{{ '{a:>1500000000}'.format_map({'a': 'x'}) }}", "宽度"),
    ("format-filter-padding", "{{ '%1500000000s'|format('x') }}", "宽度"),
    ("percent-padding", "{{ '%1500000000s' % 'x' }}", "宽度"),
    ("tilde-doubling", "{% set s = 'x' * 10000 %}" + "{% set s = s ~ s %}" * 40 + "{{ s }}", "用 ~ 连接"),
    ("plus-doubling", "{% set s = 'x' * 10000 %}" + "{% set s = s + s %}" * 40 + "{{ s }}", "相加"),
    ("repeated-power", "{% set a = 10 ** 64 %}{% set b = a ** 64 %}{% set c = b ** 64 %}{{ c ** 64 }}", "乘方"),
    ("repeated-square", "{% set a = 10 ** 60 %}" + "{% set a = a * a %}" * 30 + "{{ a }}", "乘积"),
    ("range-1e9", "{{ range(10**9)|list|length }}", "range()"),
    ("macro-recursion", "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}", "嵌套超过"),
    ("recursive-loop", "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}", "嵌套超过"),
    ("shared-list-doubling", "{% set a = ['x'] %}" + "{% set a = [a, a] %}" * 40 + "{{ a }}", "超过每个值的上限"),
    ("join", "{{ ('x' * 10000)|list|join('y' * 10000) }}", "过滤器 join"),
    ("str-join", "{{ ('y' * 10000).join('x' * 10000) }}", "join()"),
    ("replace", "{{ ('x' * 10000)|replace('', 'y' * 10000) }}", "过滤器 replace"),
    ("indent", "{{ ('\\n' * 10000)|indent(1000000) }}", "过滤器 indent"),
    ("wordwrap", "{{ ('x ' * 5000)|wordwrap(1, wrapstring='y' * 10000) }}", "过滤器 wordwrap"),
    ("batch-fill", "{{ [1]|batch(10**9, 'x')|list|length }}", "过滤器 batch"),
    ("slice", "{{ [1]|slice(10**9)|list|length }}", "过滤器 slice"),
    ("sum-of-lists", "{{ ([[1] * 100] * 1000)|sum(start=[])|length }}", "过滤器 sum"),
    ("truncate-list", "{{ (range(100000)|list|string|truncate(10**9) * 100)|length }}", "超过"),
    ("dictsort-big", "{{ dict(a='x' * 900000, b='y' * 900000)|dictsort }}", "超过"),
    ("map-center", "{{ ('x' * 10000)|list|map('center', 100000)|list|length }}", "累计超过"),
    ("str-center", "{{ 'x'.center(1500000000) }}", "center()"),
    ("str-expandtabs", "{{ ('\\t' * 10000).expandtabs(100000) }}", "expandtabs()"),
    ("bytes-expandtabs", "{{ ('\\t' * 10000).encode().expandtabs(100000) }}", "expandtabs()"),
    ("int-to-bytes", "{{ (10).to_bytes(10**9, 'big') }}", "to_bytes()"),
    ("block-calls-itself", "{% block a %}{{ self.a() }}{% endblock %}", "嵌套超过"),
    ("slow-loop", "{% for i in range(100000) %}{{ ('x' * 1000)|list|sort|join }}{% endfor %}", "生成时间超过"),
]

# (id, {file: text}, file and line of the message, words it must hold)
TEMPLATE_STRUCTURE = [
    ("self-extends", {"review.md.j2": "{% extends 'review.md.j2' %}\n"}, "review.md.j2:1", "嵌套超过"),
    ("part-includes-itself", {"review.md.j2": HEAD + "{% include 'parts/loop.md.j2' %}\n",
                              "parts/loop.md.j2": "一段。\n{% include 'parts/loop.md.j2' %}\n"},
     "parts/loop.md.j2:2", "嵌套超过"),
    ("self-import", {"review.md.j2": HEAD + "{% import 'review.md.j2' as me %}\n"}, "review.md.j2:4", "嵌套超过"),
    ("two-parts-include-each-other", {"review.md.j2": HEAD + "{% include 'parts/a.md.j2' %}\n",
                                      "parts/a.md.j2": "{% include 'parts/b.md.j2' %}\n",
                                      "parts/b.md.j2": "{% include 'parts/a.md.j2' %}\n"}, "parts/", "嵌套超过"),
    ("parentheses-5000-deep", {"review.md.j2": HEAD + "{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}\n"},
     "review.md.j2:4", "嵌套太深"),
    ("loops-30-deep", {"review.md.j2": HEAD + "{% for i in [1] %}" * 30 + "{% endfor %}" * 30 + "\n"},
     "review.md.j2:4", "嵌套太深"),
]

# bank texts have no globals (no range, lipsum …); (id, the text of every opening.purpose entry, words)
BANK_BUDGET = [
    ("center", "今天开会。{{ 'x'|center(15*10**8) }}", "过滤器 center"),
    ("format-padding", "今天开会。{{ '{:>1500000000}'.format('x') }}", "宽度"),
    ("percent-padding", "今天开会。{{ '%1500000000s' % 'x' }}", "宽度"),
    ("tilde-doubling", "今天开会。{% set s = 'x' * 10000 %}" + "{% set s = s ~ s %}" * 40 + "{{ s }}", "用 ~ 连接"),
    ("repeated-power", "今天开会。{% set a = 10 ** 64 %}{% set b = a ** 64 %}{{ b ** 64 }}", "乘方"),
    ("macro-recursion", "今天开会。{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "嵌套超过"),
    ("nested-loops", "今天开会。{% for a in 'x' * 10000 %}{% for b in 'x' * 10000 %}{% endfor %}{% endfor %}", "循环次数超过"),
    ("shared-list-doubling", "今天开会。{% set a = ['x'] %}" + "{% set a = [a, a] %}" * 40 + "{{ a }}", "超过每个值的上限"),
    ("replace", "今天开会。{{ ('x' * 10000)|replace('', 'y' * 10000) }}", "过滤器 replace"),
    ("brackets-3000-deep", "今天开会。{{ " + "[" * 3000 + "]" * 3000 + " }}", "嵌套太深"),
]


CHECKED = ("center", "macro-recursion", "nested-loops")
"""The BANK_BUDGET rows also run through ``drafter phrases check``."""


def _bank_entries(text: str) -> str:
    """A bank file overriding every built-in opening.purpose entry with ``text`` (so it is the one chosen)."""
    builtin = (ROOT / "phrasebank" / "opening.yaml").read_text(encoding="utf-8")
    ids = sorted(set(re.findall(r"id: (opening\.purpose\.\d+)", builtin)))
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return "".join(f'- id: {i}\n  text: "{quoted}"\n' for i in ids)


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def budget_runs(tmp_path_factory):
    """Every resource case run at once, a few processes at a time: id → (folder, Outcome)."""
    base = tmp_path_factory.mktemp("hostile")
    folders, jobs = {}, {}
    for key, line, _ in TEMPLATE_BUDGET:
        tpl = _write(base / f"t-{key}", {"review.md.j2": HEAD + line + "\n"})
        folders["t", key], jobs["t", key] = tpl, ["render", EXAMPLE, "-o", tpl / "out.docx", "--templates", tpl]
    for key, files, _, _ in TEMPLATE_STRUCTURE:
        tpl = _write(base / f"s-{key}", files)
        folders["s", key], jobs["s", key] = tpl, ["render", EXAMPLE, "-o", tpl / "out.docx", "--templates", tpl]
    for key, text, _ in BANK_BUDGET:
        bank = _write(base / f"b-{key}", {"mine.yaml": _bank_entries(text)})
        folders["b", key], jobs["b", key] = bank, ["render", EXAMPLE, "-o", bank / "out.docx", "--bank", bank]
        if key in CHECKED:
            folders["c", key], jobs["c", key] = bank, ["phrases", "check", "--bank", bank]
    outcomes = run_drafter_many(jobs)
    return {k: (folders[k], outcomes[k]) for k in jobs}


def _refused(outcome, folder: Path) -> None:
    assert not outcome.hung, outcome.describe()
    assert outcome.code == 1, outcome.describe()
    assert "Traceback" not in outcome.err + outcome.out, outcome.describe()
    assert "MemoryError" not in outcome.err + outcome.out, outcome.describe()
    assert not (folder / "out.docx").exists()


@pytest.mark.parametrize("key,line,words", TEMPLATE_BUDGET, ids=[r[0] for r in TEMPLATE_BUDGET])
def test_a_template_over_its_budget_is_stopped_with_a_message(budget_runs, key, line, words):
    tpl, outcome = budget_runs["t", key]
    _refused(outcome, tpl)
    first = outcome.err.splitlines()[0]
    assert first.startswith(f"{tpl}/review.md.j2:4: 错误：模板超出限制："), outcome.describe()
    assert words in first, outcome.describe()


@pytest.mark.parametrize("key,files,where,words", TEMPLATE_STRUCTURE, ids=[r[0] for r in TEMPLATE_STRUCTURE])
def test_a_template_that_includes_or_extends_itself_is_stopped(budget_runs, key, files, where, words):
    tpl, outcome = budget_runs["s", key]
    _refused(outcome, tpl)
    first = outcome.err.splitlines()[0]
    assert first.startswith(f"{tpl}/{where}"), outcome.describe()
    assert words in first and "RecursionError" not in outcome.err, outcome.describe()


@pytest.mark.parametrize("key,text,words", BANK_BUDGET, ids=[r[0] for r in BANK_BUDGET])
def test_a_bank_text_over_its_budget_is_stopped_with_a_message(budget_runs, key, text, words):
    bank, outcome = budget_runs["b", key]
    _refused(outcome, bank)
    assert f"{bank}/mine.yaml:" in outcome.err and "条目 opening.purpose." in outcome.err, outcome.describe()
    assert words in outcome.err, outcome.describe()


@pytest.mark.parametrize("key,text,words", [r for r in BANK_BUDGET if r[0] in CHECKED], ids=CHECKED)
def test_phrases_check_reports_a_bank_text_over_its_budget(budget_runs, key, text, words):
    bank, outcome = budget_runs["c", key]
    _refused(outcome, bank)
    assert f"{bank}/mine.yaml:" in outcome.out and words in outcome.out, outcome.describe()


def test_ordinary_templates_fit_well_within_the_budgets(tmp_path):
    """Loops, macros calling macros, includes, formatting and joins of an ordinary size still render."""
    tpl = _write(tmp_path, {
        "review.md.j2": HEAD + "{% import 'parts/m.md.j2' as m %}{{ m.count(30) }}\n\n"
                        "{% for i in range(2000) %}{{ '%02d' % (i % 100) }}{% endfor %}\n\n"
                        "{{ '{:>6}'.format('右') ~ ('一' * 5000)|wordwrap(80)|length|string }}\n\n"
                        "{% include 'parts/p.md.j2' %}\n",
        "parts/m.md.j2": "{% macro count(n) %}{% if n %}{{ n }}、{{ count(n - 1) }}{% endif %}{% endmacro %}\n",
        "parts/p.md.j2": "{{ ['甲', '乙', '丙']|join('、') }}{{ range(3)|map('string')|join }}\n",
    })
    outcome = run_limited(["-m", "drafter", "render", EXAMPLE, "-f", "md", "-o", "-", "--templates", tpl])
    assert outcome.code == 0, outcome.describe()
    text = outcome.out
    assert "30、29、28" in text and "1、" in text
    assert "0001020304" in text and "甲、乙、丙012" in text and "右5062" in text


# ---------------------------------------------------------------- code execution attempts

ESCAPES = [
    ("mro-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
    ("cycler-globals", "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}"),
    ("joiner-globals", "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}"),
    ("namespace-globals", "{{ namespace.__init__.__globals__.os.popen('touch MARKER').read() }}"),
    ("self-init-globals", "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('touch MARKER') }}"),
    ("template-reference-context", "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.popen('touch MARKER') }}"),
    ("attr-filter", "{{ (cycler|attr('__init__')|attr('__globals__'))['os'].popen('touch MARKER') }}"),
    ("attr-filter-chain", "{{ ''|attr('__class__')|attr('__mro__') }}"),
    ("lipsum-globals", "{{ (lipsum|attr('__globals__'))['os'].popen('touch MARKER') }}"),
    ("range-globals", "{{ range.__globals__ }}"),
    ("subscript-dunder", "{{ ''['__class__']['__mro__'] }}"),
    ("format-field-dunder", "{{ '{0.__class__.__mro__}'.format('') }}"),
    ("format-map-dunder", "{{ '{a.__class__}'.format_map({'a': cycler}) }}"),
    ("percent-dunder", "{{ '%s' % cycler.__init__.__globals__ }}"),
    ("set-then-reach", "{% set f = cycler.__init__ %}{{ f.__globals__['os'].popen('touch MARKER') }}"),
    ("plan-internals", "{{ plan.__class__.__init__.__globals__['os'].popen('touch MARKER') }}"),
    ("phrase-function-globals", "{{ phrase.__func__.__globals__ }}"),
    ("mutate-context", "{{ plan.__dict__.update({'x': 1}) }}"),
    ("config-request", "{{ config.items() }}{{ request.application }}"),
]


@pytest.mark.parametrize("text", [t for _, t in ESCAPES], ids=[i for i, _ in ESCAPES])
def test_a_sandbox_escape_in_a_template_runs_nothing(tmp_path, capsys, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    tpl = _write(tmp_path / "tpl", {"review.md.j2": HEAD + text + "\n"})
    code, out, err = run_cli(capsys, ["render", EXAMPLE, "-o", tmp_path / "out.docx", "--templates", tpl])
    assert code == 1 and "Traceback" not in err, err
    assert err.splitlines()[0].startswith(f"{tpl}/review.md.j2:4: 错误："), err
    assert not (tmp_path / "MARKER").exists() and not (tmp_path / "out.docx").exists()
    assert "<module 'os'" not in err and "<function" not in err


@pytest.mark.parametrize("text", [t for _, t in ESCAPES], ids=[i for i, _ in ESCAPES])
def test_a_sandbox_escape_in_a_bank_text_runs_nothing(tmp_path, capsys, monkeypatch, text):
    monkeypatch.chdir(tmp_path)
    bank = _write(tmp_path / "bank", {"mine.yaml": _bank_entries("今天开会。" + text)})
    code, out, err = run_cli(capsys, ["render", EXAMPLE, "-o", tmp_path / "out.docx", "--bank", bank])
    assert code == 1 and "Traceback" not in err, err
    assert f"{bank}/mine.yaml:" in err and "词库条目 opening.purpose." in err, err
    assert not (tmp_path / "MARKER").exists() and not (tmp_path / "out.docx").exists()


# ---------------------------------------------------------------- template folders: links, special files

SECRET = "root:x:0:0:SECRET-LINE"


def _link_outside(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").symlink_to(outside)


def _part_linked_outside(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").write_text(HEAD + "{% include 'parts/leak.md.j2' %}\n", encoding="utf-8")
    (tpl / "parts").mkdir()
    (tpl / "parts" / "leak.md.j2").symlink_to(outside)


def _folder_linked_outside(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").write_text(HEAD + "{% include 'parts/secret.txt' %}\n", encoding="utf-8")
    (tpl / "parts").symlink_to(outside.parent)


def _fifo(tpl: Path, outside: Path) -> None:
    os.mkfifo(tpl / "review.md.j2")


def _device(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").write_text(HEAD + "{% include 'parts/zero.md.j2' %}\n", encoding="utf-8")
    (tpl / "parts").mkdir()
    (tpl / "parts" / "zero.md.j2").symlink_to("/dev/zero")


def _directory(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").mkdir()


def _huge(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").write_text(HEAD + "正文。" * 400_000 + "\n", encoding="utf-8")


def _not_utf8(tpl: Path, outside: Path) -> None:
    (tpl / "review.md.j2").write_bytes(HEAD.encode("utf-8") + "正文。\n".encode("gbk"))


FOLDER_CASES = [
    ("template-linked-outside", _link_outside, "review.md.j2", "模板文件夹以外的链接"),
    ("part-linked-outside", _part_linked_outside, "parts/leak.md.j2", "模板文件夹以外的链接"),
    ("parts-folder-linked-outside", _folder_linked_outside, "parts/secret.txt", "模板文件夹以外的链接"),
    ("template-is-a-fifo", _fifo, "review.md.j2", "不是普通文件"),
    ("part-is-dev-zero", _device, "parts/zero.md.j2", "模板文件夹以外的链接"),
    ("template-is-a-folder", _directory, "review.md.j2", "不是普通文件"),
    ("template-over-1-mb", _huge, "review.md.j2", "超过 1000 KB"),
    ("template-not-utf8", _not_utf8, "review.md.j2:4", "UTF-8"),
]


@pytest.mark.parametrize("make,where,words", [c[1:] for c in FOLDER_CASES], ids=[c[0] for c in FOLDER_CASES])
def test_a_template_folder_reads_only_its_own_regular_files(tmp_path, make, where, words):
    outside = tmp_path / "private" / "secret.txt"
    outside.parent.mkdir()
    outside.write_text(SECRET + "\n", encoding="utf-8")
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    make(tpl, outside)
    outcome = run_limited(["-m", "drafter", "render", EXAMPLE, "-f", "md", "-o", "-", "--templates", tpl], timeout=30)
    assert not outcome.hung and outcome.code == 1, outcome.describe()
    assert "Traceback" not in outcome.err and SECRET not in outcome.out + outcome.err, outcome.describe()
    assert outcome.err.startswith(f"{tpl}/{where}") and words in outcome.err.splitlines()[0], outcome.describe()


def test_a_link_inside_the_template_folder_is_followed(tmp_path, capsys):
    tpl = _write(tmp_path / "tpl", {"real/review.md.j2": "# 链接的模板\n\n正文。\n"})
    (tpl / "review.md.j2").symlink_to(tpl / "real" / "review.md.j2")
    code, out, err = run_cli(capsys, ["render", EXAMPLE, "-f", "md", "-o", "-", "--templates", tpl])
    assert code == 0, err
    assert out.startswith("# 链接的模板")


# ---------------------------------------------------------------- forged cache folder


class _Payload:
    """Unpickling this runs a shell command that leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _forgeries(marker: Path) -> list[bytes]:
    code = compile(f"open({str(marker)!r}, 'w').close()", "<forged>", "exec")
    jinja_magic = b"j2" + pickle.dumps(2, 2) + pickle.dumps(0, 2)  # the header Jinja's bytecode files had
    return [pickle.dumps(_Payload(marker)), jinja_magic + pickle.dumps(_Payload(marker)) + marshal.dumps(code),
            marshal.dumps(code), os.urandom(64) + pickle.dumps(_Payload(marker))]


def test_a_forged_cache_folder_runs_no_code(tmp_path):
    """A folder named by $DRAFTER_CACHE_DIR holding pickles and marshalled code — in the old compiled-template
    places and in every file a render reads or writes there — changes nothing: no code runs, same draft."""
    clean = run_limited(["-m", "drafter", "render", EXAMPLE, "-f", "md", "-o", "-"],
                        env_extra={"DRAFTER_CACHE_DIR": str(tmp_path / "first")})
    assert clean.code == 0, clean.describe()
    marker = tmp_path / "MARKER"
    forged = tmp_path / "forged"
    shutil.copytree(tmp_path / "first", forged) if (tmp_path / "first").exists() else forged.mkdir()
    names = [p.relative_to(forged) for p in forged.rglob("*") if p.is_file()]
    names += [Path("jinja-GuardedSandbox-0000000000000000") / ("%040x" % i) for i in range(4)]
    payloads = _forgeries(marker)
    for i, name in enumerate(names):
        (forged / name).parent.mkdir(parents=True, exist_ok=True)
        (forged / name).write_bytes(payloads[i % len(payloads)])
    for namespace in ("jinja", "templates", "bytecode"):  # any folder a compiled template might be looked for in
        (forged / namespace).mkdir(exist_ok=True)
        for j, payload in enumerate(payloads):
            (forged / namespace / f"entry{j}").write_bytes(payload)
    again = run_limited(["-m", "drafter", "render", EXAMPLE, "-f", "md", "-o", "-"],
                        env_extra={"DRAFTER_CACHE_DIR": str(forged)})
    assert again.code == 0, again.describe()
    assert not marker.exists()
    assert again.out == clean.out
