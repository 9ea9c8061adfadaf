"""Rule ``confusable``: confusable words of official writing (截止/截至, 以至/以致, 制定/制订, 必须/必需,
即/既, 作出/做出), reported only in a context where the other word is certain.

The words and their contexts are data, ``drafter/data/confusables.yaml``, read through drafter's YAML
reader and record engine like every other file.
"""

import re
from functools import lru_cache
from typing import Iterator, Sequence

from drafter.checks._base import BODY_KINDS, Hit
from drafter.genre.dates import Regex
from drafter.input.problems import read_record_file
from drafter.input.records import Record, factory
from drafter.input.values import Text
from drafter.resources import DATA_DIR
from drafter.speech.blocks import Block
from drafter.errors import FormulationsError

DATA_FILE = DATA_DIR / "confusables.yaml"
"""The shipped table of confusable words."""


class Confusable(Record):
    """一对易混用的词，及能确定该用另一个词的语境。"""

    id: Text
    """编号（英文、数字、连字符）"""
    word: Text
    """在这个语境里用错的词，如「截止」"""
    right: Text
    """应该用的词，如「截至」"""
    pattern: Regex
    """查找用错之处的正则表达式：只匹配能确定该用 right 的语境"""
    note: Text
    """两个词的区别，写给撰稿人看"""


class ConfusableFile(Record):
    """易混用词表（drafter/data/confusables.yaml）。"""

    confusables: list[Confusable] = factory(list)
    """易混用的词"""


@lru_cache(maxsize=1)
def table() -> tuple[Confusable, ...]:
    """The shipped table, read once."""
    return tuple(read_record_file(DATA_FILE, ConfusableFile, FormulationsError, what="易混用词").confusables)


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    entries = table()
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        for c in entries:
            if c.word[0] not in text:
                continue
            for m in re.finditer(c.pattern, text):
                s = text.find(c.word, m.start(), m.end() + len(c.word))
                s = m.start() if s < 0 else s
                yield Hit("confusable", "warning", f"「{c.word}」在这里应为「{c.right}」：{c.note}",
                          f"改为「{c.right}」", i, s, len(c.word), text)
