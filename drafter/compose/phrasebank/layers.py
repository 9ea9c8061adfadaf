"""The layers of a bank and where they come from.

Layers, lowest first: the built-in bank (the repository's ``phrasebank/``, installed as
``drafter/phrasebank_data``), the ``bank_dirs`` of the config files (``~/.config/drafter/config.yaml``,
then ``./drafter.yaml``), the folders in ``DRAFTER_BANK`` (separated by ``os.pathsep``), then the folders
given on the command line (``--bank DIR``). A layer is a folder of ``*.yaml`` files or one ``.yaml`` file;
a later layer overrides an entry of an earlier one with the same id.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple, Sequence

from drafter.compose.phrasebank import shipped
from drafter.compose.phrasebank.entries import Entry, read_file
from drafter.compose.phrasebank.vocabulary import BUILTIN_LAYER
from drafter.errors import Problem
from drafter.input.config import config_bank_dirs


class Layer(NamedTuple):
    """One layer of the bank: a name for listings, its folder or file, and the files it is read from."""

    name: str
    path: Path
    files: tuple[Path, ...]


def env_bank_dirs() -> list[Path]:
    """The folders named in ``DRAFTER_BANK`` (separated by ``os.pathsep``), empty parts ignored."""
    raw = os.environ.get("DRAFTER_BANK", "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


def make_layer(path: os.PathLike | str, name: str | None = None) -> tuple[Layer | None, list[Problem]]:
    """A layer for a folder (its ``*.yaml`` files, sorted, hidden ones skipped) or for one ``.yaml`` file."""
    p = Path(path)
    label = name or os.fspath(path)
    try:
        if p.is_dir():
            return Layer(label, p, tuple(sorted(f for f in p.glob("*.yaml") if not f.name.startswith(".")))), []
        if p.is_file():
            return Layer(label, p, (p,)), []
    except (OSError, ValueError):  # a name the system refuses (a NUL, too long): no such folder
        pass
    return None, [Problem(os.fspath(path), 0, 0, "找不到这个词库文件夹",
                          "检查 --bank、DRAFTER_BANK 或配置文件 bank_dirs 中写的路径")]


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every link followed, is in ``folder`` (a file a bank folder holds may be a
    link, but not to a file elsewhere: a folder handed over by a colleague cannot pull other files in)."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


_READ: dict[tuple, tuple[tuple[Entry, ...], tuple[Problem, ...]]] = {}
"""Bank files read in this process, by path, layer and the file's stat signature. The writer's desk
(``drafter serve``) loads the bank for every preview and a batch worker for every brief; reading it
again each time cost about 40 ms of each (bench/run.py: preview 0.32× a cold render, batch 25× one
render). A file that changes gets a new signature (mtime, ctime, size, inode) and is read again."""


def signature(path: Path) -> tuple | None:
    """What tells a changed file from an unchanged one: its path, mtime, ctime, size, inode and device
    (None when it cannot be looked at)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return os.fspath(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, st.st_dev


def _read_file_once(path: Path, layer_name: str) -> tuple[list[Entry], list[Problem]]:
    """:func:`read_file`, once per unchanged file in this process (see :data:`_READ`)."""
    sig = signature(path)
    if sig is None:
        return read_file(path, layer_name)
    key = (layer_name, *sig)
    found = _READ.get(key)
    if found is None:
        # a built-in file as shipped, read ahead of time: saves 35-111 ms of every render (bench/README.md)
        built_in = shipped.entries(path) if layer_name == BUILTIN_LAYER else None
        entries, problems = (built_in, []) if built_in is not None else read_file(path, layer_name)
        if len(_READ) >= 1024:
            _READ.clear()
        found = _READ[key] = (tuple(entries), tuple(problems))
    return list(found[0]), list(found[1])


def read_layer(layer: Layer) -> tuple[list[Entry], list[Problem]]:
    """The entries of every file of a layer; a second entry with an id already in the layer is a problem."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, Entry] = {}
    for f in layer.files:
        if f != layer.path and not inside(f, layer.path):
            problems.append(Problem(os.fspath(f), 0, 0, "这个词库文件是指向词库文件夹以外的链接，没有读取",
                                    "把要用的词库文件复制到这个文件夹里，或在 --bank 中直接写出那个文件"))
            continue
        got, probs = _read_file_once(f, layer.name)
        problems.extend(probs)
        for e in got:
            if e.id in seen:
                problems.append(Problem(e.source.file, e.source.line, 1,
                                        f"重复的条目 id「{e.id}」（第一次出现在 {seen[e.id].source}）",
                                        "同一词库里一个 id 只能用一次；改掉其中一个的编号"))
                continue
            seen[e.id] = e
            entries.append(e)
    return entries, problems


def resolve_layers(extra_dirs: Sequence[os.PathLike | str] = (), *, use_config: bool = True
                   ) -> tuple[list[Layer], list[Problem]]:
    """The layers in order, lowest first: built-in, config ``bank_dirs``, ``DRAFTER_BANK``, ``extra_dirs``."""
    problems: list[Problem] = []
    paths: list[tuple[os.PathLike | str, str | None]] = [(shipped.builtin_dir(), BUILTIN_LAYER)]
    if use_config:
        paths += [(p, None) for p in config_bank_dirs()]
    paths += [(p, None) for p in env_bank_dirs()]
    paths += [(p, None) for p in extra_dirs]
    layers = []
    for p, name in paths:
        layer, probs = make_layer(p, name)
        problems.extend(probs)
        if layer:
            layers.append(layer)
    return layers, problems
