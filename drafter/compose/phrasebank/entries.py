"""A phrase-bank entry: the typed record of one ``- id: …`` item, and reading a bank file into entries.

Each key of an entry is a field of :class:`Entry` below with its Chinese docstring; the file is read with
drafter's safe YAML reader (:mod:`drafter.input.yamlfile`) and every item validated by the record engine
(:mod:`drafter.input.records`) with the shared value parsers (:mod:`drafter.input.values`: dates, yes/no),
so that a bad date, ``disabled: [yes]`` or an unknown key is reported as ``文件:行:列: 错误：…`` with a hint,
never a traceback. Every text is also parsed as Jinja in the sandbox, so a syntax error is found on load.
"""

import datetime as _dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

import drafter.compose.phrasebank.texts as texts
from drafter.compose.phrasebank.vocabulary import BUILTIN_TYPES
from drafter.errors import Problem
from drafter.input import records
from drafter.input import yamlfile
from drafter.input.problems import problem_for
from drafter.input.records import Record, Spec, factory
from drafter.input.values import Date, Text, YesNo

if TYPE_CHECKING:
    from drafter.compose.phrasebank.conditions import Facts

_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)+$")


def _entry_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"「{value}」写法不对")
    return value


def _slot_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"「{value}」写法不对")
    return value


def _word_list(value: Any) -> Any:
    """``tags: review, annual`` (or 、，/spaces) is short for ``tags: [review, annual]``."""
    if isinstance(value, str):
        return [t for t in re.split(r"[,，、\s]+", value) if t]
    return value


Need = Literal["reports", "comments", "comments_by_others", "comments_by_speaker", "others_only", "assessment",
               "visits", "superior_speech", "commendation"]
Timing = Literal["period_open", "period_over", "year_start", "second_half", "party_day", "before_party_day", "july"]


class Source(NamedTuple):
    """Where an entry is written: its file and the 1-based line and column of its ``- id:`` item."""

    file: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Entry(Record):
    """词库里的一个条目（一句框架句子）。"""

    id: Annotated[Text, Spec(check=_entry_id)]
    """稳定编号，如 problems.intro.03（内置为 用途.NN，本单位为 用途.uNN），勿改。"""
    slot: Annotated[Text, Spec(check=_slot_id)] | None = None
    """用途：句子在讲话里做什么，如 opening.purpose；不写则取 id 去掉最后一段。"""
    text: Text
    """文字，可用 {{ jurisdiction }} 等变量（变量表见 phrasebank/README.md）；用全角标点。"""
    tags: Annotated[list[Text], Spec(parse=_word_list)] = factory(list)
    """适用的会议类型（review、annual、quarterly……，不写类型即适用所有类型），也可写部分、语气等词。"""
    needs: Annotated[list[Need], Spec(parse=_word_list)] = factory(list)
    """需要的议程：这句话提到的议程，reports、comments、comments_by_others、comments_by_speaker、others_only、assessment、visits、superior_speech、commendation；简报写明了全部这些议程才会选用。"""
    speaker: Literal["host", "guest"] | None = None
    """讲话人身份：host（主持召开会议的本级领导）或 guest（应邀讲话）；不写则两者都可用。"""
    timing: Annotated[list[Timing], Spec(parse=_word_list)] = factory(list)
    """时间条件：period_open（所讲时段还没过完）、period_over（已过完）、year_start（年初）、second_half（下半年）、party_day（7月1日当天）、before_party_day（当年7月1日之前）、july（7月）；写了几个就要同时满足。"""
    valid_from: Date | None = None
    """有效期起：从这天（含）起的会议才用，写成 YYYY-MM-DD。"""
    valid_until: Date | None = None
    """有效期止：到这天（含）为止的会议才用，写成 YYYY-MM-DD。"""
    replaced_by: Annotated[Text, Spec(check=_entry_id)] | None = None
    """替代条目：过时后改用哪一条（条目 id）。"""
    note: Text | None = None
    """说明：给文秘看的，不会印出。"""
    disabled: YesNo = False
    """停用：是 / 否（也可用来在本单位停用一条内置条目）。"""

    source = Source("", 0)  # where it is written (not a key of the file: set when read)
    layer = ""  # the name of the layer it comes from

    @property
    def types(self) -> tuple[str, ...]:
        """The built-in meeting type ids among the tags (empty: the entry serves every type)."""
        return tuple(t for t in self.tags if t in BUILTIN_TYPES)

    @property
    def category(self) -> str:
        """The first part of the slot (``opening``, ``stock`` …): the bank file it belongs in."""
        return self.slot.split(".", 1)[0]

    def serves(self, meeting_type: str) -> bool:
        """Whether this entry may be used in a speech of ``meeting_type``."""
        types = self.types
        return not types or meeting_type in types

    def valid_on(self, date: _dt.date) -> bool:
        """Whether ``date`` lies inside the entry's validity window."""
        if self.valid_from and date < self.valid_from:
            return False
        if self.valid_until and date > self.valid_until:
            return False
        return True

    def holds(self, facts: "Facts") -> bool:
        """Whether every condition of the entry (needs, speaker, timing) holds for a brief's ``facts``."""
        return (set(self.needs) <= facts.stated and (self.speaker is None or self.speaker == facts.relation)
                and set(self.timing) <= facts.timing)


KNOWN_KEYS: tuple[str, ...] = tuple(records.fields(Entry))
"""The keys an entry may have, in the order of :class:`Entry`."""


def _problem(err: records.Invalid, doc: yamlfile.YamlDocument) -> Problem:
    """One record-engine problem of an entry in the writer's terms (its path starts at the item's index)."""
    found = problem_for(Entry, err, doc)
    key = next((str(p) for p in reversed(err.loc) if not isinstance(p, int)), "")
    if err.kind == "value_error" and not found.hint and key in _HINTS:
        return Problem(found.file, found.line, found.column, found.message, _HINTS[key])
    return found


_HINTS = {
    "valid_from": "日期写成 YYYY-MM-DD，如 2023-01-08",
    "valid_until": "日期写成 YYYY-MM-DD，如 2023-01-08",
    "disabled": "写 是 或 否（也可写 true / false），不要写成列表",
    "id": "id 由小写英文、数字和点组成，如 problems.intro.03",
    "slot": "slot 是句子的用途，如 opening.purpose、problems.intro",
    "replaced_by": "写一个条目的 id，如 opening.purpose.02",
}
"""Hints for the values a parser refuses (the record engine's message says what is wrong, these how to fix it)."""


def read_document(doc: yamlfile.YamlDocument, layer: str = "") -> tuple[list[Entry], list[Problem]]:
    """The entries of a loaded bank file and every problem found in it (keys, values, dates, Jinja, ids)."""
    file = doc.file
    if doc.data is None:
        return [], []
    if not isinstance(doc.data, list):
        return [], [doc.problem((), "词库文件应是条目列表（每条以“- id:”开头）",
                                "参照内置词库 phrasebank/opening.yaml 的写法")]
    entries: list[Entry] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    env = texts.sandbox()
    for i, item in enumerate(doc.data):
        invalid: list[records.Invalid] = []
        entry = records.validate(Entry, item, (i,), invalid)
        found = [_problem(err, doc) for err in invalid]
        eid = item.get("id") if isinstance(item, dict) else None
        if isinstance(eid, str) and eid in first_line:
            found.append(Problem(file, *doc.where((i,)), f"重复的条目 id「{eid}」（第一次出现在 {file}:{first_line[eid]}）",
                                 "同一词库里一个 id 只能用一次；改掉其中一个的编号"))
        elif isinstance(eid, str):
            first_line[eid] = doc.where((i,))[0]
        if entry is not None:
            if entry.slot is None:
                entry.slot = entry.id.rsplit(".", 1)[0]
            if entry.valid_from and entry.valid_until and entry.valid_from > entry.valid_until:
                found.append(doc.problem((i, "valid_until"), "valid_until 早于 valid_from", "检查两个日期是否写反"))
            bad = texts.syntax_error(env, entry.text)
            if bad is not None:
                line, col = doc.where((i, "text"))
                found.append(Problem(file, line + (bad[1] - 1 if bad[1] > 1 else 0), col,
                                     f"条目 {entry.id} 的 Jinja 写法有误：{bad[0]}", "变量写成 {{ jurisdiction }}，花括号要成对"))
        problems.extend(found)
        if entry is None or found:
            continue
        entry.tags, entry.needs, entry.timing = tuple(entry.tags), tuple(entry.needs), tuple(entry.timing)
        entry.note = entry.note or ""
        entry.source = Source(file, *doc.where((i,)))
        entry.layer = layer
        entries.append(entry)
    return entries, problems


def read_text(text: str, file: str, layer: str = "") -> tuple[list[Entry], list[Problem]]:
    """The entries of a bank file's text (see :func:`read_document`); a file of nothing but blank lines
    and comments holds no entries."""
    try:
        doc = yamlfile.loads(text, file, allow_empty=True)
    except yamlfile.YamlProblems as err:
        return [], list(err.problems)
    return read_document(doc, layer)


def read_file(path: Path, layer: str = "") -> tuple[list[Entry], list[Problem]]:
    """The entries of one bank file and every problem found in it (see :func:`read_document`); only a
    regular file is read, within the YAML reader's size limit."""
    try:
        doc = yamlfile.load(path, what="词库", allow_empty=True, large_hint="把条目分到几个文件里")
    except yamlfile.YamlProblems as err:
        return [], list(err.problems)
    return read_document(doc, layer)
