"""``drafter check NEW --against OLD``: what this year's speech carried over from last year's.

A writer who starts from last year's file must find what was kept unchanged: whole sentences, the
figures and years (last year's statistics in this year's speech are the commonest slip), the
congress and plenum strings («十九届四中全会», «党的二十大») and the names of plans and campaigns
(«“十四五”», «“党建强基计划”»). :func:`carryover` lists each with its line in both files, and the
share of the new text that is sentences carried over word for word.

A sentence is cut after 。！？ or ；; one of at least :data:`MIN_SENTENCE` characters counts as carried
over when the same sentence (spaces ignored) is in the old speech. The share is the characters of
the carried sentences over the characters of all the new speech's sentences.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter.speech.blocks import Block
from drafter.main import make_draft
from drafter.speech.reader import read_speech

MIN_SENTENCE = 6
"""Shorter sentences («同志们：», «散会！») are the genre's own and never count as carried over."""

_SENTENCE = re.compile(r"[^。！？；]+[。！？；]?[”’」]?")
_FIGURE = re.compile(r"(?:19|20)\d{2}年|\d+(?:\.\d+)?(?:余|多)?(?:万|亿)?(?:个|人次|人|名|元|%|％|项|次|条|家|处|件|起|批|篇|所|户|场|期|支|座|亩)")
_TERM = re.compile(r"党的[一二三四五六七八九十]+大|[一二三四五六七八九十]+届[一二三四五六七八九十、中]*全会"
                   r"|“[一二三四五六七八九十]{2,3}五”|第[一二三四五六七八九十\d]+届"
                   r"|“[^“”]{2,16}(?:计划|工程|行动|规划|活动|品牌)”")


@dataclass
class Match:
    """One thing found in both speeches: the text, its line in the new file and in the old one."""

    text: str
    new_line: int
    old_line: int


@dataclass
class Carryover:
    """What the new speech carried over from the old one."""

    new_file: str
    old_file: str
    sentences: list[Match] = field(default_factory=list)
    figures: list[Match] = field(default_factory=list)
    terms: list[Match] = field(default_factory=list)
    carried_chars: int = 0
    total_chars: int = 0

    @property
    def share(self) -> float:
        """The share of the new speech's text that is sentences carried over (0–1)."""
        return self.carried_chars / self.total_chars if self.total_chars else 0.0


def _sentences(blocks: list[Block]) -> list[tuple[str, int]]:
    out = []
    for b in blocks:
        text = re.sub(r"\s+", "", b.text)
        out.extend((m.group(0), b.line) for m in _SENTENCE.finditer(text) if m.group(0))
    return out


def _first_lines(blocks: list[Block], rx: re.Pattern) -> dict[str, int]:
    seen: dict[str, int] = {}
    for b in blocks:
        for m in rx.finditer(b.text):
            seen.setdefault(m.group(0), b.line)
    return seen


def _read(path: Path) -> list[Block]:
    if path.suffix.lower() in (".yaml", ".yml"):
        return make_draft(path).blocks

    return read_speech(path)


def carryover(new: str | Path, old: str | Path) -> Carryover:
    """What the speech (or brief) ``new`` carried over from the speech ``old``."""
    new_blocks, old_blocks = _read(Path(new)), _read(Path(old))
    old_sentences: dict[str, int] = {}
    for s, line in _sentences(old_blocks):
        old_sentences.setdefault(s, line)
    report = Carryover(str(new), str(old))
    for s, line in _sentences(new_blocks):
        report.total_chars += len(s)
        if len(s) >= MIN_SENTENCE and s in old_sentences:
            report.carried_chars += len(s)
            report.sentences.append(Match(s, line, old_sentences[s]))
    for rx, into in ((_FIGURE, report.figures), (_TERM, report.terms)):
        old_seen = _first_lines(old_blocks, rx)
        into.extend(Match(t, line, old_seen[t]) for t, line in _first_lines(new_blocks, rx).items() if t in old_seen)
    return report


def format_carryover(r: Carryover, fmt: str = "text") -> str:
    """The report as the writer reads it (``text``) or as JSON (``json``)."""
    if fmt == "json":
        def rows(ms: list[Match]) -> list[dict]:
            return [{"text": m.text, "new_line": m.new_line, "old_line": m.old_line} for m in ms]
        return json.dumps({"new": r.new_file, "old": r.old_file, "share": round(r.share, 4),
                           "carried_chars": r.carried_chars, "total_chars": r.total_chars,
                           "sentences": rows(r.sentences), "figures": rows(r.figures), "terms": rows(r.terms)},
                          ensure_ascii=False, indent=2)
    out = [f"{r.new_file} 对照 {r.old_file}：原样沿用 {len(r.sentences)} 句，共 {r.carried_chars} 字，"
           f"占新稿文字的 {r.share:.1%}"]
    sections = (("原样沿用的句子（改写或确认仍然适用）", r.sentences, 40),
                ("重复的数字和年份（核对是不是今年的数）", r.figures, 0),
                ("重复的届次和规划、活动名称（核对是否仍然适用）", r.terms, 0))
    for head, ms, cut in sections:
        if not ms:
            continue
        out.append(f"\n{head}：")
        for m in ms:
            text = m.text if not cut or len(m.text) <= cut else m.text[:cut] + "……"
            out.append(f"  {r.new_file}:{m.new_line} ← {r.old_file}:{m.old_line}  {text}")
    if not (r.sentences or r.figures or r.terms):
        out.append("没有发现沿用的句子、数字或届次。")
    return "\n".join(out)
