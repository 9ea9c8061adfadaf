"""drafter's configuration files, read through the one YAML reader and record engine.

Two files are looked at, in this order, and both may be there: the writer's own
``~/.config/drafter/config.yaml`` (``$XDG_CONFIG_HOME/drafter/config.yaml`` when that is set) and
``drafter.yaml`` in the current folder. A missing file, an empty one or one with only comments sets
nothing; anything wrong in one (an unknown key, a value of the wrong kind, a file that is not a regular
file) is an error naming the file, line and column.
"""

import os
from pathlib import Path
from typing import Annotated, Any

from drafter.errors import ProblemsError
from drafter.input.problems import read_record
from drafter.input.records import Record, Spec
from drafter.input.values import Text
from drafter.input.yamlfile import YamlProblems, load

MAX_BYTES = 100_000
"""The largest configuration file read."""

SUMMARY = "配置文件有误，未读取词库。"
"""The line that ends the messages of a configuration file with problems."""


def _one_or_list(value: Any) -> Any:
    """``bank_dirs: 我单位词库`` is short for ``bank_dirs: [我单位词库]``."""
    return [value] if isinstance(value, str) else value


class ConfigFile(Record):
    """drafter 的配置文件：~/.config/drafter/config.yaml 或当前文件夹里的 drafter.yaml。"""

    bank_dirs: Annotated[list[Text], Spec(parse=_one_or_list, max_items=50)] | None = None
    """本单位话术库文件夹：一个文件夹，或每行一个“- 文件夹”；相对路径从配置文件所在的文件夹算起。"""


def config_files(cwd: Path | None = None) -> list[Path]:
    """The configuration files looked at, in order (whether or not they are there)."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return [Path(base) / "drafter" / "config.yaml", Path(cwd or os.getcwd()) / "drafter.yaml"]


def read_config(path: Path) -> ConfigFile:
    """The configuration file ``path`` (an empty file sets nothing). Raises ProblemsError."""
    try:
        doc = load(path, what="配置", limit=MAX_BYTES, allow_empty=True)
    except YamlProblems as err:
        raise ProblemsError(err.problems, SUMMARY) from None
    if doc.data is None:
        return ConfigFile()
    record, problems = read_record(ConfigFile, doc)
    if problems:
        raise ProblemsError(problems, SUMMARY)
    return record


def config_bank_dirs(cwd: Path | None = None) -> list[Path]:
    """The ``bank_dirs`` of ``~/.config/drafter/config.yaml`` (or ``$XDG_CONFIG_HOME``) then ``./drafter.yaml``.

    Relative folders are taken relative to the config file's folder. A missing file is no setting;
    a file with problems is an error naming it (:class:`~drafter.errors.ProblemsError`).
    """
    out: list[Path] = []
    for path in config_files(cwd):
        if os.path.exists(path):  # (follows a link: one to nothing is no file)
            out += [path.parent / os.path.expanduser(d) for d in read_config(path).bank_dirs or ()]
    return out
