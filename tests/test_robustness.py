"""Bad input of every kind, through the real ``drafter`` command: exact message, exit code, no traceback,
and nothing left behind in the output folder (no partial file, no temporary file).

Each row builds its input files in a fresh folder, runs ``drafter.cli.main`` in process (anything but a
DrafterError or SystemExit escaping it fails the test, as a traceback would), and compares stderr.
A few rows also run ``python -m drafter`` in a subprocess to be sure no traceback reaches the writer.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run_cli
from drafter.genre.meeting_types import TYPES
from drafter.main import FORMATS

TYPE_CHOICES = "；".join(f"{t.id}（{t.name}）" for t in TYPES.values())  # every meeting type, as the message lists them

ROOT = Path(__file__).resolve().parent.parent
# A frozen valid brief (a copy of an earlier examples/review.yaml), so that the line numbers in the
# expected messages do not move when the bundled examples are edited.
EXAMPLE = (ROOT / "tests" / "data" / "base_brief.yaml").read_text(encoding="utf-8")


def brief_with(old: str, new: str) -> str:
    assert old in EXAMPLE, old
    return EXAMPLE.replace(old, new, 1)


BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi"))
DEEP = "meeting:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 20)) + "  " * 20 + "v\n"
TOO_MANY_POINTS = EXAMPLE.split("opinions:")[0] + "opinions:\n  items:\n    - heading: 加强建设\n      points:\n" + "".join(
    f"        - lead: 要点{i}\n" for i in range(31))
BAD_TEMPLATE = '{% extends "base.md.j2" %}\n{% block closing %}\n{{ plan.closing }\n'
UNDEFINED_TEMPLATE = "# {{ plan.title_lines[0] }}\n\n{{ no_such_variable }}\n"
UNKNOWN_PHRASE_TEMPLATE = '# 标题\n\n{{ phrase("no.such.slot") }}\n'

# (id, files {name: text or bytes}, args (B = the brief, O = the output folder), expected stderr, exit code)
# In expected messages {d} is the input folder and {o} the output folder.
SUMMARY = "{d}/b.yaml：共 1 处问题，未生成任何文件。"
ROWS = [
    ("empty", {"b.yaml": ""}, [],
     "{d}/b.yaml: 错误：文件是空的\n    提示：用 drafter new 类型 生成一份简报，再填写内容\n" + SUMMARY, 1),
    ("only-comments", {"b.yaml": "# 这里还没写\n# meeting:\n"}, [],
     "{d}/b.yaml: 错误：文件是空的\n    提示：用 drafter new 类型 生成一份简报，再填写内容\n" + SUMMARY, 1),
    ("not-yaml-bracket", {"b.yaml": "meeting: [review, 2026\n"}, [],
     "{d}/b.yaml:2:1: 错误：方括号 [ ] 没有闭合\n    提示：检查这一项的 [ 和 ] 是否成对，或给整个值加上引号\n" + SUMMARY, 1),
    ("not-yaml-colon", {"b.yaml": "meeting:\n  type: review\n  name: 会议: 总结\n"}, [],
     "{d}/b.yaml:3:11: 错误：这里不能出现冒号“: ”\n    提示：值里含有英文冒号加空格时，请给整个值加上引号，或改用中文冒号“：”\n" + SUMMARY, 1),
    ("top-list", {"b.yaml": "- meeting\n- speaker\n"}, [],
     "{d}/b.yaml:1:1: 错误：简报的最外层应是若干“键: 值”，这里是列表\n    提示：参照 drafter new 生成的简报，从 meeting: 开始写\n" + SUMMARY, 1),
    ("top-string", {"b.yaml": "区委书记在述职评议会上的讲话\n"}, [],
     "{d}/b.yaml:1:1: 错误：简报的最外层应是若干“键: 值”，这里是一段文字\n    提示：参照 drafter new 生成的简报，从 meeting: 开始写\n" + SUMMARY, 1),
    ("tabs", {"b.yaml": brief_with("  type: review", "\ttype: review")}, [],
     "{d}/b.yaml:4:1: 错误：用了 Tab 键缩进，YAML 只认空格\n    提示：把行首的 Tab 换成空格（每层两个空格）\n" + SUMMARY, 1),
    ("gbk", {"b.yaml": EXAMPLE.encode("gbk")}, [],
     "{d}/b.yaml:2:5: 错误：文件不是 UTF-8 编码（看起来是 GBK/GB2312 编码）\n"
     "    提示：在编辑器中“另存为”，编码选 UTF-8（记事本选“UTF-8”，WPS 选“Unicode (UTF-8)”）\n" + SUMMARY, 1),
    ("utf16", {"b.yaml": EXAMPLE.encode("utf-16")}, [],
     "{d}/b.yaml: 错误：文件是 UTF-16 编码，drafter 只读 UTF-8\n    提示：在编辑器中“另存为”，编码选 UTF-8\n" + SUMMARY, 1),
    ("duplicate-key", {"b.yaml": brief_with("  name: 陈立\n", "  name: 陈立\n  name: 王明\n")}, [],
     "{d}/b.yaml:13:3: 错误：重复的键 “name”（第一次出现在第 12 行）\n    提示：一个键只能写一次；删掉或合并其中一处\n" + SUMMARY, 1),
    ("unknown-key", {"b.yaml": brief_with("speaker:\n", "speeker:\n")}, [],
     None, 1),
    ("wrong-type-list", {"b.yaml": brief_with("  role: 区委书记", "  role: [区委书记, 区长]")}, [],
     "{d}/b.yaml:11:9: 错误：speaker.role（职务） 应是一段文字\n    提示：直接写文字；不要写成列表或“键: 值”\n" + SUMMARY, 1),
    ("wrong-type-mapping", {"b.yaml": brief_with("closing:\n  adjourn: 是", "closing: 散会")}, [],
     "{d}/b.yaml:60:10: 错误：closing（结尾） 下面应是若干“键: 值”\n    提示：在下一行缩进两个空格，写“键: 值”\n" + SUMMARY, 1),
    ("missing-date", {"b.yaml": brief_with("  date: 2026-02-15\n", "")}, [],
     "{d}/b.yaml:3:1: 错误：缺少必填项 meeting.date（会议日期）\n"
     "    提示：在meeting下加上「date: …」；drafter new 生成的简报里有示例\n" + SUMMARY, 1),
    ("date-month-13", {"b.yaml": brief_with("2026-02-15", "2026-13-01")}, [],
     "{d}/b.yaml:6:9: 错误：meeting.date（会议日期）：日期「2026-13-01」不存在：月份应在 1 到 12 之间\n" + SUMMARY, 1),
    ("date-no-day", {"b.yaml": brief_with("2026-02-15", "2026年2月")}, [],
     "{d}/b.yaml:6:9: 错误：meeting.date（会议日期）：日期「2026年2月」缺少“日”：会议日期要具体到哪一天，如 2026-02-15\n" + SUMMARY, 1),
    ("date-feb-30", {"b.yaml": brief_with("2026-02-15", "2026-02-30")}, [],
     "{d}/b.yaml:6:9: 错误：meeting.date（会议日期）：日期「2026-02-30」不存在：2026年2月没有30日\n" + SUMMARY, 1),
    ("unknown-type", {"b.yaml": brief_with("type: review", "type: 座谈会")}, [],
     "{d}/b.yaml:4:9: 错误：meeting.type（会议类型）：没有「座谈会」这种会议类型。可选：" + TYPE_CHOICES + "\n" + SUMMARY, 1),
    ("empty-opinion", {"b.yaml": brief_with("    - heading: 围绕发展大局，激发党建活力\n",
                                            "    - heading:\n      lead:\n    - heading: 围绕发展大局，激发党建活力\n")}, [],
     None, 1),
    ("typed-ordinal", {"b.yaml": brief_with("heading: 加强政治建设", "heading: 一、加强政治建设")}, [],
     "{d}/b.yaml:35:16: 错误：标题「一、加强政治建设，凝聚核心力量」自带了序号\n"
     "    提示：序号由 drafter 自动编排，删掉开头的「一、」「（一）」等\n" + SUMMARY, 1),
    ("not-an-integer", {"b.yaml": brief_with("  minutes: 18", "  minutes: 十八分钟")}, [],
     "{d}/b.yaml:63:12: 错误：options.minutes（讲话时长目标） 应是一个整数，这里是「十八分钟」\n    提示：只写数字，如 20\n" + SUMMARY, 1),
    ("out-of-range", {"b.yaml": brief_with("  minutes: 18", "  minutes: 500")}, [],
     None, 1),
    ("too-many-points", {"b.yaml": TOO_MANY_POINTS}, [],
     None, 1),
    ("control-char", {"b.yaml": brief_with("陈立", "陈\x07立")}, [],
     "{d}/b.yaml:12:10: 错误：文件里有不可见的控制字符 U+0007\n"
     "    提示：多半是从别处复制来的，删掉这个字符（可在编辑器里显示不可见字符）\n" + SUMMARY, 1),
    ("line-separator", {"b.yaml": brief_with("陈立", "陈\u2028立")}, [],
     "{d}/b.yaml:12:10: 错误：文件里有不可见的控制字符 U+2028\n"
     "    提示：多半是从别处复制来的，删掉这个字符（可在编辑器里显示不可见字符）\n" + SUMMARY, 1),
    ("noncharacter", {"b.yaml": brief_with("陈立", "陈\uffff立")}, [],
     "{d}/b.yaml:12:10: 错误：文件里有不可见的控制字符 U+FFFF\n"
     "    提示：多半是从别处复制来的，删掉这个字符（可在编辑器里显示不可见字符）\n" + SUMMARY, 1),
    ("alias-bomb", {"b.yaml": BILLION_LAUGHS}, [],
     "{d}/b.yaml:2:8: 错误：不支持 YAML 别名（*名称）\n    提示：简报里每一项都直接写出内容，不要用 & 锚点和 * 别名\n" + SUMMARY, 1),
    ("merge-key", {"b.yaml": "meeting:\n  <<: {type: review}\n"}, [],
     None, 1),
    ("python-object", {"b.yaml": "meeting: !!python/object/apply:os.system [echo hacked]\n"}, [],
     "{d}/b.yaml:1:10: 错误：不支持 YAML 标签 !!python/object/apply:os.system\n"
     "    提示：简报里只写文字、列表和“键: 值”，删掉以 !! 开头的标签\n" + SUMMARY, 1),
    ("local-tag", {"b.yaml": "meeting: !include other.yaml\n"}, [],
     "{d}/b.yaml:1:10: 错误：不支持 YAML 标签 !include\n    提示：删掉以 ! 开头的标签\n" + SUMMARY, 1),
    ("deep-nesting", {"b.yaml": DEEP}, [],
     "{d}/b.yaml:12:23: 错误：嵌套超过 12 层\n    提示：简报的层次不会这么深，请检查缩进\n" + SUMMARY, 1),
    ("deep-flow", {"b.yaml": "meeting: " + "[" * 5000 + "]" * 5000 + "\n"}, [],
     "{d}/b.yaml:1:21: 错误：嵌套超过 12 层\n    提示：简报的层次不会这么深，请检查缩进\n" + SUMMARY, 1),
    ("two-documents", {"b.yaml": EXAMPLE + "---\nmeeting: {}\n"}, [],
     "{d}/b.yaml:64:1: 错误：文件里有多个 YAML 文档（--- 分隔）\n    提示：一个简报文件只写一份简报，删掉多余的 ---\n" + SUMMARY, 1),
    ("one-mb-line", {"b.yaml": brief_with("name: 陈立", "name: " + "陈" * 340_000)}, [],
     "{d}/b.yaml: 错误：文件太大（1.0 MB），上限是 1000 kB\n    提示：简报只写要点；成段的材料请精简后再放进来\n" + SUMMARY, 1),
    ("missing-brief", {}, [],
     "{d}/b.yaml: 错误：找不到这个文件\n    提示：检查文件名和路径；用 drafter new 可以生成一份简报\n" + SUMMARY, 1),
    ("brief-is-folder", {"b.yaml/x": "a"}, [], None, 1),
    ("output-folder-missing", {"b.yaml": EXAMPLE}, ["-o", "{o}/没有的文件夹/讲话.docx"],
     "{o}/没有的文件夹/讲话.docx: 错误：文件夹 {o}/没有的文件夹 不存在\n    提示：先建好文件夹，或用 -o 指定已有的文件夹", 1),
    ("output-exists", {"b.yaml": EXAMPLE, "OUT/讲话.docx": b"writer's own"}, ["-o", "{o}/讲话.docx"],
     "{o}/讲话.docx: 错误：文件已存在，没有覆盖（里面可能有您改过的内容）\n"
     "    提示：换一个文件名（-o），或加 --force 覆盖（原文件会保留为 讲话.bak.docx）", 1),
    ("output-is-brief", {"b.yaml": EXAMPLE}, ["-o", "{d}/b.yaml", "-f", "md", "--force"],
     "{d}/b.yaml: 错误：输出文件不能是简报本身", 2),
    ("docx-to-stdout", {"b.yaml": EXAMPLE}, ["-o", "-"],
     "错误：.docx 不能输出到屏幕（-o -）\n    提示：加 --format md 或 --format txt，或用 -o 写出文件名", 2),
    ("unknown-format", {"b.yaml": EXAMPLE}, ["-f", "html"],
     "错误：不支持的输出格式「html」。可选：" + "、".join(FORMATS), 2),
    ("template-syntax-error", {"b.yaml": EXAMPLE, "tpl/review.md.j2": BAD_TEMPLATE}, ["--templates", "{d}/tpl"],
     "{d}/tpl/review.md.j2:3: 错误：模板语法错误：unexpected '}'\n    {{ plan.closing }", 1),
    ("template-undefined", {"b.yaml": EXAMPLE, "tpl/review.md.j2": UNDEFINED_TEMPLATE}, ["--templates", "{d}/tpl"],
     "{d}/tpl/review.md.j2:3: 错误：模板用到了不存在的变量：'no_such_variable' is undefined\n    {{ no_such_variable }}", 1),
    ("unknown-phrase-slot", {"b.yaml": EXAMPLE, "tpl/review.md.j2": UNKNOWN_PHRASE_TEMPLATE}, ["--templates", "{d}/tpl"],
     None, 1),
    ("bank-jinja-error", {"b.yaml": EXAMPLE, "bank/mine.yaml": "- id: opening.purpose.u01\n  text: 今天{{ meeting 会议。\n"},
     ["--bank", "{d}/bank"], None, 1),
    ("bank-missing", {"b.yaml": EXAMPLE}, ["--bank", "{d}/没有的词库"], None, 1),
    ("bank-not-a-list", {"b.yaml": EXAMPLE, "bank/mine.yaml": "id: opening.purpose.u01\n"}, ["--bank", "{d}/bank"],
     None, 1),
]


def _materialize(tmp_path: Path, files: dict) -> tuple[Path, Path]:
    d, o = tmp_path / "in", tmp_path / "out"
    d.mkdir()
    o.mkdir()
    for name, content in files.items():
        p = (o / name[4:]) if name.startswith("OUT/") else d / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return d, o


def _fill(text: str, d: Path, o: Path) -> str:
    return text.replace("{d}", str(d)).replace("{o}", str(o))


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", ROWS, ids=[r[0] for r in ROWS])
def test_bad_input(case, tmp_path, capsys):
    _, files, args, expected, code = case
    d, o = _materialize(tmp_path, files)
    before = _snapshot(o)
    extra = [_fill(a, d, o) for a in args]
    if "-o" not in extra:
        extra += ["-o", str(o / "讲话.docx")]
    got, out, err = run_cli(capsys, ["render", d / "b.yaml", *extra])
    assert got == code, err
    assert "Traceback" not in err and "Traceback" not in out
    if expected is not None:
        assert err.rstrip("\n") == _fill(expected, d, o)
    else:
        print(err)
        assert err.strip()
    assert _snapshot(o) == before, "the output folder changed"


def _render_in_process(tmp_path, capsys, *extra):
    d, o = _materialize(tmp_path, {"b.yaml": EXAMPLE})
    return d, o, run_cli(capsys, ["render", d / "b.yaml", "-o", o / "讲话.docx", "-q", *extra])


def test_full_disk_leaves_no_file_and_no_temp_file(tmp_path, capsys, monkeypatch):
    import drafter.output.files as outputs

    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    d, o, (code, out, err) = _render_in_process(tmp_path, capsys)
    monkeypatch.setattr(outputs.os, "fsync", real_fsync)
    assert code == 1
    assert err.rstrip("\n") == f"{o}/讲话.docx: 错误：磁盘已满，文件没有写入（原有文件未改动）\n    提示：清理磁盘空间后重试"
    assert list(o.iterdir()) == []


def test_full_disk_with_force_keeps_the_old_file(tmp_path, capsys, monkeypatch):
    import drafter.output.files as outputs

    d, o = _materialize(tmp_path, {"b.yaml": EXAMPLE, "OUT/讲话.docx": b"old draft"})

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", full)
    code, out, err = run_cli(capsys, ["render", d / "b.yaml", "-o", o / "讲话.docx", "-q", "--force"])
    assert code == 1
    assert err.splitlines()[-2] == f"{o}/讲话.docx: 错误：磁盘已满，文件没有写入（原有文件未改动）"
    assert _snapshot(o) == {"讲话.docx": b"old draft"}


def test_no_write_permission(tmp_path, capsys, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw))
    d, o, (code, out, err) = _render_in_process(tmp_path, capsys)
    assert code == 1
    assert err.rstrip("\n") == f"{o}/讲话.docx: 错误：没有写入权限\n    提示：换一个文件夹，或用 -o 指定输出位置"
    assert list(o.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="chmod does not stop root")
def test_read_only_folder(tmp_path, capsys):
    d, o = _materialize(tmp_path, {"b.yaml": EXAMPLE})
    o.chmod(0o555)
    try:
        code, out, err = run_cli(capsys, ["render", d / "b.yaml", "-o", o / "讲话.docx", "-q"])
    finally:
        o.chmod(0o755)
    assert code == 1
    assert err.splitlines()[0] == f"{o}/讲话.docx: 错误：没有写入权限"
    assert list(o.iterdir()) == []


@pytest.mark.parametrize("command", [["new", "review"], ["schema"]])
def test_output_that_is_a_folder(tmp_path, capsys, command):
    target = tmp_path / "a.yaml"
    target.mkdir()
    code, out, err = run_cli(capsys, [*command, "-o", target])
    assert code == 1
    assert err.rstrip("\n") == f"{target}: 错误：这是一个文件夹，不能作为输出文件\n    提示：用 -o 写出文件名，如 -o 讲话稿.docx"
    assert list(target.iterdir()) == []


def test_output_folder_gets_the_default_name(tmp_path, capsys):
    d, o = _materialize(tmp_path, {"b.yaml": EXAMPLE})
    code, out, err = run_cli(capsys, ["render", d / "b.yaml", "-o", o, "-q"])
    assert code == 0, err
    assert [p.name for p in o.iterdir()] == ["b.docx"]


def test_written_file_is_readable_by_others_like_any_file(tmp_path, capsys):
    mask = os.umask(0o022)
    try:
        d, o, (code, out, err) = _render_in_process(tmp_path, capsys)
    finally:
        os.umask(mask)
    assert code == 0, err
    assert (o / "讲话.docx").stat().st_mode & 0o777 == 0o644


def test_twenty_megabyte_brief_fails_fast_without_reading_it(tmp_path, capsys, monkeypatch):
    big = tmp_path / "in" / "b.yaml"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.truncate(20_000_000)
    opened = []
    real_open = open

    def spy(file, *a, **kw):
        opened.append(str(file))
        return real_open(file, *a, **kw)

    import builtins
    monkeypatch.setattr(builtins, "open", spy)
    code, out, err = run_cli(capsys, ["render", big, "-o", tmp_path / "x.docx"])
    monkeypatch.setattr(builtins, "open", real_open)
    assert code == 1
    assert err.splitlines()[0] == f"{big}: 错误：文件太大（20.0 MB），上限是 1000 kB"
    assert str(big) not in opened
    assert not (tmp_path / "x.docx").exists()


def test_bom_is_accepted(tmp_path, capsys):
    d, o = _materialize(tmp_path, {"b.yaml": b"\xef\xbb\xbf" + EXAMPLE.encode("utf-8")})
    code, out, err = run_cli(capsys, ["render", d / "b.yaml", "-f", "md", "-o", "-", "-q"])
    assert code == 0, err
    (tmp_path / "plain").mkdir()
    d2, _ = _materialize(tmp_path / "plain", {"b.yaml": EXAMPLE.encode("utf-8")})
    code, plain, err = run_cli(capsys, ["render", d2 / "b.yaml", "-f", "md", "-o", "-", "-q"])
    assert code == 0, err
    assert out == plain and out.startswith("# ")


@pytest.mark.parametrize("args", [[], ["render"], ["render", "b.yaml", "--variant", "0"], ["render", "b.yaml", "--bogus"],
                                  ["nosuchcommand"]])
def test_command_line_misuse_exits_2(tmp_path, capsys, args, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.yaml").write_text(EXAMPLE, encoding="utf-8")
    code, out, err = run_cli(capsys, args)
    assert code == 2
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.yaml"]


@pytest.mark.parametrize("name", ["alias-bomb", "python-object", "template-syntax-error", "gbk"])
def test_no_traceback_in_a_real_process(tmp_path, name):
    _, files, args, expected, code = next(r for r in ROWS if r[0] == name)
    d, o = _materialize(tmp_path, files)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "drafter", "render", str(d / "b.yaml"), "-o", str(o / "讲话.docx"),
                        *[_fill(a, d, o) for a in args]], capture_output=True, text=True, env=env)
    assert r.returncode == code
    assert "Traceback" not in r.stderr
    assert r.stderr.rstrip("\n") == _fill(expected, d, o)
    assert list(o.iterdir()) == []
