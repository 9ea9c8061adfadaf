"""The merged bank and the chooser that picks one speech's framing sentences.

Choosing is deterministic: a :class:`PhraseChooser`'s choices depend only on the bank, the meeting type,
the date, the brief's facts, the variant number and the order of the calls, through a SHA-256 hash
(never Python's ``hash()``, which changes from run to run). Only entries whose conditions hold for the
brief (:meth:`Entry.holds <drafter.compose.phrasebank.entries.Entry.holds>`) are candidates.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import os
from typing import Iterable, Mapping, Sequence

import drafter.compose.phrasebank.texts as texts
from drafter.compose.phrasebank.conditions import Facts
from drafter.compose.phrasebank.entries import Entry
from drafter.compose.phrasebank.layers import Layer, read_layer, resolve_layers, signature
from drafter.compose.phrasebank.vocabulary import detect_topic
from drafter.errors import PhraseError, Problem, ProblemsError


def stable_int(*parts: object) -> int:
    """A stable non-negative integer from ``parts`` (SHA-256 of their text), the same in every run."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(h[:8], "big")


class PhraseBank:
    """The merged bank: every layer's entries, a later layer's entry replacing an earlier one by id."""

    def __init__(self, entries: Iterable[Entry], layers: Sequence[Layer] = (),
                 overridden: Mapping[str, Sequence[Entry]] | None = None) -> None:
        self._entries = tuple(e for e in entries if not e.disabled)
        self._by_id = {e.id: e for e in self._entries}
        self._by_slot: dict[str, list[Entry]] = {}
        for e in sorted(self._entries, key=lambda e: e.id):
            self._by_slot.setdefault(e.slot, []).append(e)
        self.layers = list(layers)
        self.overridden: dict[str, list[Entry]] = {k: list(v) for k, v in (overridden or {}).items()}
        """For each id defined in more than one layer, the entries it hides (lowest first)."""

    @classmethod
    def load(cls, extra_dirs: Sequence[os.PathLike | str] = (), *, use_config: bool = True) -> "PhraseBank":
        """The built-in bank, the config's ``bank_dirs``, ``DRAFTER_BANK``'s folders, then ``extra_dirs``.

        Raises :class:`ProblemsError` listing every problem of every file (file:line:col, in Chinese).
        """
        bank, problems = cls.load_lenient(extra_dirs, use_config=use_config)
        if problems:
            raise ProblemsError(problems, f"词库有 {len(problems)} 处问题，请先改正（drafter phrases check 可检查全部条目）。")
        return bank

    @classmethod
    def load_lenient(cls, extra_dirs: Sequence[os.PathLike | str] = (), *, use_config: bool = True
                     ) -> tuple["PhraseBank", list[Problem]]:
        """Like :meth:`load`, but returns the problems beside a bank of every entry that could be read."""
        layers, problems = resolve_layers(extra_dirs, use_config=use_config)
        bank, read_problems = _merged(tuple((layer, tuple(signature(f) for f in layer.files)) for layer in layers))
        return bank, problems + list(read_problems)

    def entries(self) -> list[Entry]:
        """Every (not disabled) entry, in the order of the layers and files they come from."""
        return list(self._entries)

    def get(self, entry_id: str) -> Entry | None:
        """The effective entry with this id, or None."""
        return self._by_id.get(entry_id)

    def slots(self) -> set[str]:
        """Every slot some entry fills."""
        return set(self._by_slot)

    def candidates(self, slot: str, meeting_type: str, date: _dt.date, facts: Facts | None = None) -> list[Entry]:
        """The entries of ``slot`` that serve ``meeting_type``, are valid on ``date`` and, when ``facts``
        are given, whose conditions hold for them; sorted by id."""
        return [e for e in self._by_slot.get(slot, ())
                if e.serves(meeting_type) and e.valid_on(date) and (facts is None or e.holds(facts))]

    def chooser(self, *, meeting_type: str, date: _dt.date, variant: int = 1, context: Mapping[str, object],
                facts: Facts = Facts(), framing: Mapping[str, str | None] | None = None) -> "PhraseChooser":
        """A chooser for one speech (it never uses an entry or a text twice)."""
        return PhraseChooser(self, meeting_type=meeting_type, date=date, variant=variant, context=context,
                             facts=facts, framing=framing)


@functools.lru_cache(maxsize=8)
def _merged(layers: tuple[tuple[Layer, tuple], ...]) -> tuple[PhraseBank, tuple[Problem, ...]]:
    """The bank of ``layers`` (each with the :func:`~drafter.compose.phrasebank.layers.signature` of its
    files) and the problems of reading them, made once a process while no file changes: a batch's worker
    and the writer's desk load the same bank for every draft (callers must not change it)."""
    problems: list[Problem] = []
    merged: dict[str, Entry] = {}
    overridden: dict[str, list[Entry]] = {}
    for layer, _ in layers:
        got, probs = read_layer(layer)
        problems.extend(probs)
        for e in got:
            if e.id in merged:
                overridden.setdefault(e.id, []).append(merged[e.id])
            merged[e.id] = e
    return PhraseBank(merged.values(), [layer for layer, _ in layers], overridden), tuple(problems)


class PhraseChooser:
    """Picks and renders the phrases of one speech.

    A slot the brief's ``framing`` names is not chosen: its own sentence is used, or nothing.
    For a slot's k-th call the candidates (sorted by id, conditions holding for ``facts``) are rotated by
    a stable hash of (meeting type, date, slot) plus ``variant - 1`` plus ``k``; the first one not used yet
    (by id or by text) is taken. So variants 1 … n of a slot with n candidates all differ, and the same
    arguments give the same text.
    """

    def __init__(self, bank: PhraseBank, *, meeting_type: str, date: _dt.date, variant: int = 1,
                 context: Mapping[str, object], facts: Facts = Facts(),
                 framing: Mapping[str, str | None] | None = None) -> None:
        self.bank = bank
        self.meeting_type = meeting_type
        self.date = date
        self.variant = variant
        self.context = dict(context)
        self.facts = facts
        self.framing = dict(framing or {})
        """The brief's own sentence for a slot, or None for a slot switched off: no entry is chosen for it."""
        self.used: list[str] = []
        """Ids chosen so far, in order."""
        self._texts: set[str] = set()
        self._calls: dict[str, int] = {}
        self._env = texts.sandbox()

    def _describe(self) -> str:
        return f"会议类型 {self.meeting_type}、日期 {self.date.year}年{self.date.month}月{self.date.day}日"

    def _pick(self, slot: str, extra: Mapping[str, object], *, quiet: bool = False) -> str | None:
        cands = self.bank.candidates(slot, self.meeting_type, self.date, self.facts)
        if not cands:
            if quiet:
                return None
            if slot not in self.bank.slots():
                raise PhraseError(f"错误：词库里没有用途为 “{slot}” 的条目（{self._describe()}）。\n"
                                  f"    提示：检查模板里的用途名，或用 drafter phrases add --slot {slot} 添加条目")
            raise PhraseError(f"错误：词库里用途为 “{slot}” 的条目没有一条适用于{self._describe()}"
                              "（会议类型、有效期或条目的 needs/speaker/timing 条件不符）。\n"
                              f"    提示：用 drafter phrases list --category {slot.split('.')[0]} 查看，"
                              f"或在简报 framing: 里为 {slot} 写上自己的句子")
        k = self._calls.get(slot, 0)
        self._calls[slot] = k + 1
        n = len(cands)
        start = stable_int("phrase", self.meeting_type, self.date.isoformat(), slot) + (self.variant - 1) + k
        ctx = {**self.context, **extra}
        for i in range(n):
            e = cands[(start + i) % n]
            if e.id in self.used:
                continue
            text = texts.render_entry(self._env, e, ctx)
            if text in self._texts:
                continue
            self.used.append(e.id)
            self._texts.add(text)
            return text
        if quiet:
            return None
        raise PhraseError(f"错误：用途为 “{slot}” 的 {n} 条词库条目在这篇讲话里都已用过（{self._describe()}）。\n"
                          f"    提示：用 drafter phrases add --slot {slot} 再添加几条")

    def phrase(self, slot: str, **extra: object) -> str:
        """The rendered text of one entry of ``slot`` for this speech (see the class docstring); the
        brief's own sentence for the slot as written, or "" for a slot the brief switched off."""
        if slot in self.framing:
            return self.framing[slot] or ""
        text = self._pick(slot, extra)
        assert text is not None
        return text

    def stock(self, heading: str, **extra: object) -> str | None:
        """A stock paragraph for a point given only as ``heading``, or None when no topic fits
        (or every paragraph of the topic is used already). The caller flags it for the writer to check."""
        topic = detect_topic(heading)
        if topic is None:
            return None
        return self._pick(f"stock.{topic}", extra, quiet=True)
