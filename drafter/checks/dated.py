"""Date rules: ``dated-formulation``, ``spirit-string``, ``year-label``, ``anniversary``.

A paragraph that reviews the past («回顾去年…», «去年以来…», «2021年，…») may use what was current
then: formulations there are checked against the reviewed year, not the meeting date.
"""

from __future__ import annotations

import datetime
import re
from typing import Iterator, Sequence

from drafter.genre import dates
from drafter.speech.blocks import Block, Kind
from drafter.checks._base import BODY_KINDS, Hit, sentence_at
from drafter.checks.formulations import load_formulations
from drafter.genre.numbering import parse_cn_numeral

_REVIEW_START = re.compile(r"^(?:回顾|过去的?一年|一年来|去年(?:以来|，|一年|全年|[^。]{0,6}工作)|(\d{4})年(?:，|以来|全年|度?[^。]{0,6}工作))")
_PRESENT_START = re.compile(r"^(?:今年|下面|当前|新的一年|做好今年|同志们)")


def _review_years(blocks: Sequence[Block], d: datetime.date) -> list[int | None]:
    """For each block, the year it reviews (None: it speaks of the present)."""
    out: list[int | None] = []
    current: int | None = None
    for b in blocks:
        t = b.text.lstrip("\u3000 ")
        if b.kind is Kind.HEADING:
            current = None
        m = _REVIEW_START.match(t) if b.kind is Kind.PARAGRAPH else None
        if m:
            current = int(m.group(1)) if m.group(1) else d.year - 1
        elif b.kind is Kind.PARAGRAPH and _PRESENT_START.match(t):
            current = None
        out.append(current if current is not None and current < d.year else None)
    return out


def _allowed(f, text: str, s: int, e: int) -> bool:
    return any(a.start() <= s and e <= a.end() for rx in f.allowed for a in rx.finditer(text))


def _formulations(blocks, ctx, d) -> Iterator[Hit]:
    forms = load_formulations(ctx.formulation_files)
    speech = "\x00".join(b.text for b in blocks if b.kind in BODY_KINDS)
    forms = [f for f in forms if f.may_occur_in(speech)]  # a term absent from the speech is in no block
    review = _review_years(blocks, d)
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        taken: list[tuple[int, int]] = []
        for f in forms:
            if not f.may_occur_in(text):
                continue
            for m in f.pattern.finditer(text):
                s, e = m.span()
                if any(s < b2 and a < e for a, b2 in taken) or _allowed(f, text, s, e):
                    continue
                status = f.status(d)
                if status != "current" and review[i] is not None:
                    y = review[i]
                    if f.status(datetime.date(y, 12, 31)) == "current" or f.status(datetime.date(y, 1, 1)) == "current":
                        continue
                if status == "current":
                    continue
                taken.append((s, e))
                when = dates.format_date(d)
                if status == "early":
                    msg = f"「{m.group(0)}」在{when}尚未提出（自{dates.format_date(f.valid_from)}起使用）"
                    sug = "核对会议日期或删去这一提法"
                else:
                    msg = f"「{m.group(0)}」在{when}已不是现行提法（使用至{dates.format_date(f.valid_until)}）"
                    sug = f"改为「{f.replaced_by}」" if f.replaced_by and not f.replaced_by.startswith("（") \
                        else (f.replaced_by.strip("（）") or "按现行提法改写")
                yield Hit("dated-formulation", f.severity, msg, sug, i, s, e - s, text)


_SPIRIT = re.compile(r"党的(十[八九]|二十|二十一)大(?:和(十[八九]|二十|二十一)届((?:[一二三四五六七八九]中[、，和]?)+|历次)全会)?精神")


def _spirit(blocks, d) -> Iterator[Hit]:
    try:
        want = dates.spirit(d)
        congress = dates.current_congress(d).ordinal
    except ValueError:
        return
    held = [p.session for p in dates.plenums_held(d) if p.session != "一中"]
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        for m in _SPIRIT.finditer(b.text):
            if not m.group(2):
                continue  # «党的二十大精神» alone is checked as a dated formulation
            got = m.group(0)
            if got == want:
                continue
            if m.group(3) == "历次" and m.group(1) == congress == m.group(2) and held:
                continue
            named = re.findall(r"[一二三四五六七八九]中", m.group(3) or "")
            if m.group(1) == congress and m.group(2) == congress and named and set(named) <= set(held) \
                    and named == held[:len(named)] and len(named) < len(held):
                sev, what = "warning", "漏了已召开的全会"
            else:
                sev, what = "error", "与会议日期不符"
            yield Hit("spirit-string", sev, f"「{got}」{what}：{dates.format_date(d)}应为「{want}」",
                      f"改为「{want}」", i, m.start(), len(got), b.text)


# The patterns below are compiled on first need (re keeps them): each needs text that few
# paragraphs have, tested first with a plain substring search.
_YEAR_LABEL = r"(今年|明年|(\d{4})年)(?:是|为)"  # needs 年是 or 年为
_PLAN_LABEL = r"“?(十[一二三四五六七八九]?五)”?(?:规划)?(?:目标任务)?的?(开局|起步|收官|决胜|关键|攻坚|承上启下)"


def _labels(blocks, d) -> Iterator[Hit]:
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        if "年是" not in text and "年为" not in text:
            continue
        for m in re.finditer(_YEAR_LABEL, text):
            year = d.year + 1 if m.group(1) == "明年" else int(m.group(2)) if m.group(2) else d.year
            end = re.search(r"[。；！？]", text[m.end():])
            rest_end = m.end() + (end.start() if end else len(text) - m.end())
            pos = m.end()
            for part in re.split(r"(，(?:也|更|又)?是|、)", text[m.end():rest_end]):
                if part.startswith(("，", "、")):
                    pos += len(part)
                    continue
                label = part.strip()
                hit = _check_label(label, year, d)
                if hit:
                    yield Hit("year-label", hit[0], hit[1], hit[2], i, pos, len(part), text)
                pos += len(part)


def _check_label(label: str, year: int, d) -> tuple[str, str, str] | None:
    if not label.endswith(("之年", "一年", "周年")):
        return None
    known = dates.year_labels(year)
    if label in known:
        return None
    best = dates.year_label(year)
    for y in range(year - 8, year + 9):
        if y != year and label in dates.year_labels(y):
            sug = f"{year}年应为「{best}」" if best else "核对年份后改写"
            return "error", f"「{label}」是{y}年的说法，不是{year}年的", sug
    m = re.search(_PLAN_LABEL, label)
    if m:
        plan = m.group(1)
        n = next((k for k in range(6, 20) if dates.plan_name(k) == plan), None)
        if n is None:
            return None
        first, last = dates.plan_years(n)
        kind = m.group(2)
        right = dates.plan_name(dates.plan_number(year))
        if not first <= year <= last:
            return "error", f"{year}年不在“{plan}”时期（{first}—{last}年），当前是“{right}”", f"改为“{right}”"
        if kind in ("开局", "起步") and year != first:
            return "error", f"“{plan}”开局之年是{first}年，不是{year}年", "按年份改写年度定位"
        if kind == "收官" and year != last:
            return "error", f"“{plan}”收官之年是{last}年，不是{year}年", "按年份改写年度定位"
    return None


_ANNIV = (r"(建党|中国共产党成立|党的生日|新中国成立|中华人民共和国成立|建国)"
          r"(\d{1,3}|[一二三四五六七八九十百]{1,4})周年|建党百年")  # needs 周年 or 建党百年
_FORWARD = r"(今年是|迎来|迎接|喜迎|即将|将迎来|到来之际|明年是)"


def _anniversaries(blocks, d) -> Iterator[Hit]:
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        if "周年" not in text and "建党百年" not in text:
            continue
        for m in re.finditer(_ANNIV, text):
            if m.group(0) == "建党百年":
                party, n = True, 100
            else:
                party = m.group(1) in ("建党", "中国共产党成立", "党的生日")
                raw = m.group(2)
                try:
                    n = int(raw) if raw.isdigit() else parse_cn_numeral(raw)
                except ValueError:
                    continue
            base = 1921 if party else 1949
            expected = d.year - base
            start, sentence = sentence_at(text, m.start())
            before = text[start:m.start()]
            forward = bool(re.search(_FORWARD, before)) or "之际" in text[m.end():m.end() + 3]
            if "明年" in before:
                expected += 1
            if n == expected or (n < expected and not forward) or (n == expected + 1 and "明年" in before):
                continue
            what = "建党" if party else "新中国成立"
            right = f"{what}{expected}周年" if expected != 100 or not party else "建党100周年（建党百年）"
            yield Hit("anniversary", "error" if n > expected else "warning",
                      f"「{m.group(0)}」与年份不符：{d.year}年是{right}", f"改为「{what}{expected}周年」",
                      i, m.start(), m.end() - m.start(), text)


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    d = ctx.meeting_date
    if d is None:
        return
    yield from _formulations(blocks, ctx, d)
    yield from _spirit(blocks, d)
    yield from _labels(blocks, d)
    yield from _anniversaries(blocks, d)
