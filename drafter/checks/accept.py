"""Findings a writer has accepted, so that ``drafter check`` stays quiet about them next time.

Two kinds of file, one format, read through drafter's YAML reader and record engine:

- the accept file beside a speech (``讲话.docx`` → ``讲话.accept.yaml``), found by itself;
- a unit-level file given with ``drafter check --accept FILE`` (the terms a unit uses on purpose).

::

    accept:                 # single findings: the rule and the text it is about
      - rule: repetition
        text: 推动新形势下基层组织建设质量水平全面提升
        note: 排比，有意重复
    terms:                  # terms never reported by any rule
      - 红色领航·先锋聚力
"""

from pathlib import Path
from typing import Annotated, NamedTuple, Sequence

from drafter.checks._base import RULES, Hit, sentence_at
from drafter.errors import AcceptError
from drafter.input.problems import read_record_file
from drafter.input.records import Record, Spec, factory
from drafter.input.values import Text, parse_text

SUFFIX = ".accept.yaml"
"""The accept file of ``NAME.docx`` is ``NAME.accept.yaml`` beside it."""


def _rule(value: str) -> str:
    if value not in RULES:
        raise ValueError(f"没有「{value}」这条规则；可用：{'、'.join(RULES)}")
    return value


class AcceptedFinding(Record):
    """一条已确认、不再报告的问题。"""

    rule: Annotated[str, Spec(parse=parse_text, check=_rule)]
    """规则编号，如 repetition（drafter check 输出的方括号里的名字）"""
    text: Text
    """这条问题所说的文字（提示里「」中的文字，或讲话稿里的原文）"""
    note: Text | None = None
    """为什么接受（留给以后的自己和同事看）"""


class AcceptFile(Record):
    """接受文件：讲话稿旁边的「稿名.accept.yaml」，或用 --accept 给出的本单位文件。"""

    accept: list[AcceptedFinding] = factory(list)
    """逐条接受的问题"""
    terms: list[Text] = factory(list)
    """本单位有意使用的词语：任何规则都不因它们报告"""


class Acceptance(NamedTuple):
    """What the writer accepted: (rule, text) pairs and terms."""

    findings: tuple[tuple[str, str], ...] = ()
    terms: tuple[str, ...] = ()


def accept_file_for(speech: Path) -> Path | None:
    """The accept file beside ``speech`` when there is one."""
    candidate = speech.with_name(speech.stem + SUFFIX)
    return candidate if candidate.is_file() else None


def read_accept_file(path: Path) -> AcceptFile:
    """One accept file; AcceptError with file:line:column for every problem."""
    return read_record_file(path, AcceptFile, AcceptError, what="接受")


def load_acceptance(paths: Sequence[Path]) -> Acceptance:
    """Every accepted finding and term of ``paths``, in order."""
    found: list[tuple[str, str]] = []
    terms: list[str] = []
    for p in paths:
        data = read_accept_file(p)
        found += [(a.rule, a.text) for a in data.accept]
        terms += data.terms
    return Acceptance(tuple(found), tuple(terms))


def accepts(acceptance: Acceptance, hit: Hit) -> bool:
    """True when ``hit`` is about a text the writer accepted (for its rule) or an accepted term."""
    if not acceptance.findings and not acceptance.terms:
        return False
    offending = hit.text[hit.offset:hit.offset + hit.length] if hit.text else ""
    sentence = sentence_at(hit.text, hit.offset)[1] if hit.text else ""

    def about(text: str) -> bool:
        return text in hit.message or (bool(offending) and (text in offending or (offending in text
                                                                                   and text in sentence)))

    return any(rule == hit.rule and about(text) for rule, text in acceptance.findings) or \
        any(about(term) for term in acceptance.terms)
