"""Bad layout profiles through the real command: the file:line:col message and hint, exit 1, no traceback,
no output file; a file that is not a profile is refused without showing what is in it."""

from __future__ import annotations

import os

import pytest

from input_cases import BRIEF, assert_refused, run_drafter

PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
NOT_A_PROFILE = ["{p}: 错误：这不是版式文件：版式文件是以 .yaml 结尾、写着页面和段落格式的文件",
                 "    提示：写内置版式名（centered、gbt9704）或本单位 .yaml 版式文件的路径"]
TOP_KEYS = "base、description、page、grid_line_pitch、line_spacing、title_line_spacing、char_spacing、" \
           "keep_together_lines、page_number、reading、roles"


def _fifo(d):
    os.mkfifo(d / "p.yaml")


def _folder(d):
    (d / "p.yaml").mkdir()


def _chain(d):
    for i in range(10):
        (d / f"p{i}.yaml").write_text(f"base: p{i + 1}.yaml\n" if i < 9 else "base: gbt9704\n", encoding="utf-8")
    (d / "p.yaml").write_text("base: p0.yaml\n", encoding="utf-8")


# (id, files {name: text | bytes} or a function making them in the folder, --profile value, expected stderr lines)
# {p} in expected lines is the profile's path as given (the folder's p.yaml unless said).
ROWS = [
    ("unknown-key", {"p.yaml": "base: gbt9704\nline_spacng: 30pt\n"}, "p.yaml",
     ["{p}:2:1: 错误：不认识的键「line_spacng」", f"    提示：是不是「line_spacing」？这一层可用的键：{TOP_KEYS}"]),
    ("bad-length-unit", {"p.yaml": "base: gbt9704\nline_spacing: 30px\n"}, "p.yaml",
     ["{p}:2:15: 错误：line_spacing（正文行距）：「30px」不是带单位的长度", "    提示：写成如 28.95pt、37mm、2cm、579twip"]),
    ("length-out-of-range", {"p.yaml": "base: gbt9704\npage:\n  margin_top: 500mm\n"}, "p.yaml",
     ["{p}:3:15: 错误：page.margin_top（上边距）：长度 500mm 超出范围（0pt 到 500pt）", "    提示：检查数值和单位"]),
    ("bad-size", {"p.yaml": "base: gbt9704\nroles:\n  body: {size: 大三}\n"}, "p.yaml",
     ["{p}:3:16: 错误：roles.body.size（字号）：「大三」不是字号", "    提示：写成字号名（如 二号、三号、小四）或磅值（如 16pt）"]),
    ("bad-yes-no", {"p.yaml": "base: gbt9704\nroles:\n  heading2:\n    bold: 也许\n"}, "p.yaml",
     ["{p}:4:11: 错误：roles.heading2.bold（是否整段加粗）：「也许」不是“是/否”：应填 是 或 否（也可写 true / false）"]),
    ("wrong-type", {"p.yaml": "base: gbt9704\npage:\n  width: [210mm]\n"}, "p.yaml",
     ["{p}:3:10: 错误：page.width（纸宽）：这里应写一个带单位的长度，不是列表", "    提示：写成如 28.95pt、37mm、2cm、579twip"]),
    ("list-for-mapping", {"p.yaml": "base: gbt9704\npage:\n  - width: 210mm\n"}, "p.yaml",
     ["{p}:3:3: 错误：page（纸张和页边距） 下面应是若干“键: 值”", "    提示：在下一行缩进两个空格，写“键: 值”"]),
    ("base-cycle", {"p.yaml": "base: q.yaml\n", "q.yaml": "base: p.yaml\n"}, "p.yaml",
     ["{d}/q.yaml:1:7: 错误：base「p.yaml」绕回了前面已经用到的版式，成了一个圈", "    提示：让其中一个版式的 base 指向内置版式 gbt9704"]),
    ("base-chain-too-long", _chain, "p.yaml",
     ["{d}/p6.yaml:1:7: 错误：base 层层引用超过 8 层", "    提示：让 base 直接指向内置版式 gbt9704"]),
    ("missing-base", {"p.yaml": "base: house.yaml\n"}, "p.yaml",
     ["{p}:1:7: 错误：未知的基础版式「house.yaml」", "    提示：内置版式：centered、gbt9704；也可写另一个版式文件的路径"]),
    ("not-a-regular-file", _fifo, "p.yaml",
     ["{p}: 错误：这是一个管道（FIFO），不是普通文件",
      "    提示：drafter 只读保存在磁盘上的文件：先把内容保存成一个文件，再写出那个文件的路径"]),
    ("folder", _folder, "p.yaml",
     ["{p}: 错误：这是一个文件夹，不是版式文件", "    提示：写出版式文件本身的路径，而不是它所在的文件夹"]),
    ("too-large", {"p.yaml": "base: gbt9704\n" + "# 注释\n" * 30000}, "p.yaml",
     ["{p}: 错误：文件太大（270 kB），上限是 100 kB", "    提示：版式文件不会这么大；检查是不是选错了文件"]),
    ("binary-junk", {"p.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"}, "p.yaml",
     ["{p}: 错误：这不是文本文件：里面有二进制数据", "    提示：检查是不是选错了文件；YAML 文件要用记事本等文本编辑器编写"]),
    ("passwd-style-text", {"passwd": PASSWD}, "passwd", NOT_A_PROFILE),
    ("passwd-renamed-yaml", {"p.yaml": PASSWD}, "p.yaml", NOT_A_PROFILE),
    ("yaml-without-profile-keys", {"p.yaml": "password: 123456\nuser: root\n"}, "p.yaml", NOT_A_PROFILE),
    ("etc-passwd", {}, "/etc/passwd", [line.replace("{p}", "/etc/passwd") for line in NOT_A_PROFILE]),
    ("unknown-builtin", {}, "gbt", ["gbt: 错误：未知的版式「gbt」", "    提示：内置版式：centered、gbt9704；或写版式文件的路径"]),
    ("missing-file", {}, "none.yaml", ["{p}: 错误：找不到这个文件", "    提示：检查文件名和路径"]),
    ("yaml-syntax", {"p.yaml": "base: gbt9704\nroles: {body: [\n"}, "p.yaml",
     ["{p}:3:1: 错误：这里少了一个值（括号没有闭合？）", "    提示：检查这一项的 [ ] 和 {{ }} 是否成对，或给整个值加上引号"]),
    ("python-tag", {"p.yaml": "base: !!python/object/apply:os.system [touch pwned]\n"}, "p.yaml",
     ["{p}:1:7: 错误：不支持 YAML 标签 !!python/object/apply:os.system"]),
]


def _make(folder, files):
    if callable(files):
        files(folder)
        return
    for name, content in files.items():
        if isinstance(content, bytes):
            (folder / name).write_bytes(content)
        else:
            (folder / name).write_text(content, encoding="utf-8")


@pytest.mark.parametrize("files, profile, expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_bad_profile_is_refused_with_file_line_column(tmp_path, files, profile, expected):
    d = tmp_path / "in"
    out = tmp_path / "out"
    d.mkdir()
    out.mkdir()
    (d / "b.yaml").write_text(BRIEF, encoding="utf-8")
    _make(d, files)
    given = profile if profile.startswith("/") or profile == "gbt" else str(d / profile)
    result = run_drafter(["render", d / "b.yaml", "-o", out / "x.docx", "--profile", given], cwd=tmp_path)
    assert_refused(result, [line.format(p=given, d=d) for line in expected], out)
    assert "root:" not in result.stderr and "123456" not in result.stderr
    assert not (tmp_path / "pwned").exists() and not (d / "pwned").exists()


def test_a_profile_named_in_the_brief_is_read_the_same_way_and_does_not_leak(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "b.yaml").write_text(BRIEF.replace("options:\n", "options:\n  profile: /etc/passwd\n", 1),
                                     encoding="utf-8")
    result = run_drafter(["render", tmp_path / "b.yaml", "-o", out / "x.docx"], cwd=tmp_path)
    assert_refused(result, [line.format(p="/etc/passwd") for line in NOT_A_PROFILE], out)
    assert "root" not in result.stderr


def test_a_good_unit_profile_beside_the_brief_is_used(tmp_path):
    (tmp_path / "house.yaml").write_text("base: centered\nroles:\n  heading2: {bold: 是}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(BRIEF.replace("options:\n", "options:\n  profile: house.yaml\n", 1),
                                     encoding="utf-8")
    result = run_drafter(["render", tmp_path / "b.yaml", "-o", tmp_path / "x.docx", "-q"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.docx").read_bytes()[:2] == b"PK"


# ---------------------------------------------------------------- any damage to a profile: a message, never a crash

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from drafter.errors import DrafterError  # noqa: E402
from drafter.output.layout import PROFILE_DIR, load_profile  # noqa: E402

SHIPPED = (PROFILE_DIR / "gbt9704.yaml").read_text(encoding="utf-8")
PIECES = [":", "- ", "[", "]", "{", "}", "'", '"', "!!python/name:os.system ", "&a ", "*a", "\t", "\n  ", "\n",
          "<<: ", "base: ", "base: p.yaml", "999999999999999999999999pt", "-1mm", "是", "否", "中", "\\x00", '"\\ud800"',
          "小初", "0.5", "size: ", "roles:\n  body:\n    "]


@st.composite
def _damaged(draw):
    text = SHIPPED
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(PIECES)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_damaged())
def test_a_damaged_profile_gives_a_profile_or_messages_with_places(tmp_path, text):
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        profile = load_profile(path)
    except DrafterError as err:
        problems = getattr(err, "problems", [])
        assert problems and all(p.file.endswith(".yaml") and p.message for p in problems)
        assert "Traceback" not in err.render()
    else:
        assert profile.page_width > 0 and profile.body.size > 0
