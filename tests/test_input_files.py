"""drafter.input.files.read_limited: only regular files are read, within a size limit, whatever the path names."""

from __future__ import annotations

import os
import socket

import pytest

from drafter.errors import ProblemsError
from drafter.input.files import read_limited


def _fifo(tmp_path):
    p = tmp_path / "b.yaml"
    os.mkfifo(p)
    return p


def _zero_link(tmp_path):
    p = tmp_path / "b.yaml"
    p.symlink_to("/dev/zero")
    return p


def _folder(tmp_path):
    p = tmp_path / "b.yaml"
    p.mkdir()
    return p


def _socket(tmp_path):
    p = tmp_path / "b.yaml"
    s = socket.socket(socket.AF_UNIX)
    s.bind(os.fspath(p))
    return p


def _big(tmp_path):
    p = tmp_path / "b.yaml"
    with open(p, "wb") as fh:
        fh.truncate(20_000_000)
    return p


def _loop(tmp_path):
    p = tmp_path / "b.yaml"
    p.symlink_to(p)
    return p


# (id, make the file, message, hint)
ROWS = [
    ("fifo", _fifo, "这是一个管道（FIFO），不是普通文件",
     "drafter 只读保存在磁盘上的文件：先把内容保存成一个文件，再写出那个文件的路径"),
    ("dev-zero", _zero_link, "这是一个设备文件，不是普通文件", "写出保存在磁盘上的简报文件的路径"),
    ("folder", _folder, "这是一个文件夹，不是简报文件", "写出简报文件本身的路径，而不是它所在的文件夹"),
    ("socket", _socket, "这是一个套接字（socket），不是普通文件", "写出保存在磁盘上的简报文件的路径"),
    ("too-large", _big, "文件太大（20.0 MB），上限是 1000 kB", "简报文件不会这么大；检查是不是选错了文件"),
    ("missing", lambda t: t / "none.yaml", "找不到这个文件", "检查文件名和路径"),
    ("symlink-loop", _loop, "这个快捷方式（符号链接）绕成了一个圈，找不到真正的文件", "写出简报文件本身的路径"),
]


@pytest.mark.parametrize("make, message, hint", [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_what_is_not_a_readable_regular_file_is_refused_with_a_message(tmp_path, make, message, hint):
    path = make(tmp_path)
    with pytest.raises(ProblemsError) as caught:
        read_limited(path, limit=1_000_000, what="简报")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.message, problem.hint) == (os.fspath(path), 0, message, hint)


def test_a_file_without_read_permission_is_refused(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    p = tmp_path / "b.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    p.chmod(0)
    with pytest.raises(ProblemsError, match="没有读取这个文件的权限"):
        read_limited(p, limit=100, what="简报")


def test_a_regular_file_within_the_limit_is_read_whole_and_one_byte_more_is_refused(tmp_path):
    p = tmp_path / "b.yaml"
    p.write_bytes(b"x" * 100)
    assert read_limited(p, limit=100, what="简报") == b"x" * 100
    p.write_bytes(b"x" * 101)
    with pytest.raises(ProblemsError, match="上限是 100 字节"):
        read_limited(p, limit=100, what="简报")


def test_the_name_and_hints_given_are_used(tmp_path):
    with pytest.raises(ProblemsError) as caught:
        read_limited(tmp_path / "x", limit=10, what="版式", name="我的版式", missing_hint="看看别处")
    assert caught.value.render() == "我的版式: 错误：找不到这个文件\n    提示：看看别处"
