"""Bad configuration files (``./drafter.yaml``, ``~/.config/drafter/config.yaml``) through the real command:
file:line:col message and hint, exit 1, no traceback, no output file."""

from __future__ import annotations

import os

import pytest

from input_cases import BRIEF, assert_refused, run_drafter

SUMMARY = "配置文件有误，未读取词库。"


def _fifo(d):
    os.mkfifo(d / "drafter.yaml")


def _folder(d):
    (d / "drafter.yaml").mkdir()


# (id, drafter.yaml text or a function making it in the folder, expected stderr lines; {c} = the config file)
ROWS = [
    ("unknown-key", "bank_dir: 我单位词库\n",
     ["{c}:1:1: 错误：不认识的键「bank_dir」", "    提示：是不是「bank_dirs」？这一层可用的键：bank_dirs"]),
    ("mapping-for-list", "bank_dirs:\n  词库: 我单位词库\n",
     ["{c}:2:3: 错误：bank_dirs（本单位话术库文件夹） 应是一个列表", "    提示：每一项另起一行，以“- ”开头"]),
    ("item-not-text", "bank_dirs:\n  - [甲, 乙]\n",
     ["{c}:2:5: 错误：bank_dirs[1]（本单位话术库文件夹） 应是一段文字", "    提示：直接写文字；不要写成列表或“键: 值”"]),
    ("top-level-list", "- 我单位词库\n",
     ["{c}:1:1: 错误：文件最外层 下面应是若干“键: 值”", "    提示：在下一行缩进两个空格，写“键: 值”"]),
    ("too-many-folders", "bank_dirs:\n" + "".join(f"  - 词库{i}\n" for i in range(51)),
     ["{c}:2:3: 错误：bank_dirs（本单位话术库文件夹） 有 51 项，最多 50 项", "    提示：讲话稿的要点宜少而精；合并相近的条目"]),
    ("python-tag", "bank_dirs: !!python/object/apply:os.system [touch pwned]\n",
     ["{c}:1:12: 错误：不支持 YAML 标签 !!python/object/apply:os.system"]),
    ("alias", "a: &x 词库\nbank_dirs: *x\n", ["{c}:2:12: 错误：不支持 YAML 别名（*名称）"]),
    ("yaml-syntax", "bank_dirs: [我单位词库\n",
     ["{c}:2:1: 错误：方括号 [ ] 没有闭合", "    提示：检查这一项的 [ 和 ] 是否成对，或给整个值加上引号"]),
    ("not-a-regular-file", _fifo,
     ["{c}: 错误：这是一个管道（FIFO），不是普通文件",
      "    提示：drafter 只读保存在磁盘上的文件：先把内容保存成一个文件，再写出那个文件的路径"]),
    ("folder", _folder, ["{c}: 错误：这是一个文件夹，不是配置文件", "    提示：写出配置文件本身的路径，而不是它所在的文件夹"]),
    ("too-large", "bank_dirs: [词库]\n" + "# 注释\n" * 20000,
     ["{c}: 错误：文件太大（180 kB），上限是 100 kB", "    提示：配置文件不会这么大；检查是不是选错了文件"]),
    ("gbk", "bank_dirs: [我单位词库]\n".encode("gbk"),
     ["{c}:1:13: 错误：文件不是 UTF-8 编码（看起来是 GBK/GB2312 编码）"]),
]


@pytest.mark.parametrize("config, expected", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_bad_config_file_is_refused_with_file_line_column(tmp_path, config, expected):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    if callable(config):
        config(tmp_path)
    elif isinstance(config, bytes):
        (tmp_path / "drafter.yaml").write_bytes(config)
    else:
        (tmp_path / "drafter.yaml").write_text(config, encoding="utf-8")
    result = run_drafter(["render", "b.yaml", "-o", out / "x.docx"], cwd=tmp_path)
    c = tmp_path / "drafter.yaml"
    assert_refused(result, [line.format(c=c) for line in expected], out)
    assert SUMMARY in result.stderr
    assert not (tmp_path / "pwned").exists()


def test_the_users_own_config_file_is_named_in_its_messages(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    own = tmp_path / "xdg" / "drafter" / "config.yaml"
    own.parent.mkdir(parents=True)
    own.write_text("bank_dirs: 词库\nbank_dir: 另一个\n", encoding="utf-8")
    result = run_drafter(["render", "b.yaml", "-o", out / "x.docx"], cwd=tmp_path)
    assert_refused(result, [f"{own}:2:1: 错误：不认识的键「bank_dir」"], out)


@pytest.mark.parametrize("config", ["", "# 以后再写\n", "bank_dirs:\n", "bank_dirs: []\n"])
def test_an_empty_config_file_sets_nothing(tmp_path, config):
    (tmp_path / "b.yaml").write_text(BRIEF, encoding="utf-8")
    (tmp_path / "drafter.yaml").write_text(config, encoding="utf-8")
    result = run_drafter(["render", "b.yaml", "-o", "x.md", "-f", "md", "-q"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# ")


# ---------------------------------------------------------------- any config text: settings or messages, never a crash

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from drafter.errors import ProblemsError  # noqa: E402
from drafter.input.config import read_config  # noqa: E402

CONFIG_PIECES = ["bank_dirs", ": ", "\n", "  - ", "[", "]", "{", "}", "词库", "~/词库", "'", '"', "&a ", "*a", "!!str ",
                 "!!python/object:os.system ", "<<: ", "\t", "#", "---\n", "bank_dir", "- ", "\\x1b", '"\\e"']


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.sampled_from(CONFIG_PIECES), max_size=14))
def test_any_config_text_gives_settings_or_messages(tmp_path_factory, parts):
    path = tmp_path_factory.mktemp("c") / "drafter.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    try:
        config = read_config(path)
    except ProblemsError as err:
        assert err.problems and all(p.file == str(path) and p.message for p in err.problems)
        assert err.render().endswith(SUMMARY)
    else:
        assert config.bank_dirs is None or all(isinstance(d, str) and d for d in config.bank_dirs)
