"""Date rules: ``dated-formulation``, ``spirit-string``, ``year-label``, ``anniversary``.

The facts are data (drafter/data/formulations.yaml and the writer's ``--formulations`` files, see
drafter.genre.formulations). A formulation past its window is still right in the contexts its
entry names: ``review`` — a passage or sentence that reviews the past («回顾去年…», «过去一年…»,
«一年来…», «过去三年…», «2021年，…», a heading about last year's achievements), checked against the
reviewed years, not the meeting date; ``consolidate`` — «巩固…成果», «深化…成果», «…常态化长效化»
(expressions built from the entry's own pattern, see formulations._CONSOLIDATE).
"""

from __future__ import annotations

import datetime
import re
from typing import Iterator, Sequence

from drafter.genre import dates
from drafter.speech.blocks import Block, Kind
from drafter.checks._base import BODY_KINDS, Hit, sentence_at
from drafter.genre.formulations import load_data, load_formulations
from drafter.genre.numbering import cn_numeral, parse_cn_numeral

_REVIEW_START = re.compile(r"^(?:回顾|过去(?:的)?一年|一年来|上一年|去年(?:以来|，|一年|全年|[^。]{0,6}工作)"
                           r"|(\d{4})年(?:，|以来|全年|度?[^。]{0,6}工作))")
_REVIEW_HEADING = re.compile(r"回顾|过去(?:的)?一年|去年|一年来|主要成效|工作成效|取得的成绩|成绩")
_PRESENT_START = re.compile(r"^(?:今年|下面|当前|新的一年|做好今年|同志们|但也要|在看到成绩的同时|同时也要看到)")
_REVIEW_IN_SENTENCE = re.compile(r"过去(?:的)?一年|去年|一年来|回顾|上一年|上年度|(\d{4})年(?:以来|，|全年|[上下]半年|我们)"
                                 r"|(?:过去|近|这)(?:的)?([两二三四五六七八九十])年(?:来|以来|里|中|，)?")


def _review_years(blocks: Sequence[Block], d: datetime.date) -> list[int | None]:
    """For each block, the first year the passage it stands in reviews (None: it speaks of the
    present). A review opens with «回顾…», «过去一年…», «去年以来…», «2021年，…» or a heading about
    the year's achievements, and runs to the next heading or a paragraph about the present."""
    out: list[int | None] = []
    current: int | None = None
    for b in blocks:
        t = b.text.lstrip("\u3000 ")
        if b.kind is Kind.HEADING:
            current = d.year - 1 if _REVIEW_HEADING.search(t) else None
        m = _REVIEW_START.match(t) if b.kind is Kind.PARAGRAPH else None
        if m:
            current = int(m.group(1)) if m.group(1) else d.year - 1
        elif b.kind is Kind.PARAGRAPH and _PRESENT_START.match(t):
            current = None
        out.append(current if current is not None and current < d.year else None)
    return out


def _in_context(f, text: str, s: int, e: int, review: int | None, d: datetime.date) -> bool:
    """True when the occurrence at ``s:e`` stands where an out-of-date formulation is still right:
    inside one of its ``allowed`` expressions (the «consolidate» context is one), or, for a
    formulation with the «review» context, in a passage or sentence reviewing a year it was current."""
    if any(a.start() <= s and e <= a.end() for rx in f.allowed for a in rx.finditer(text)):
        return True
    if "review" in f.contexts:
        years = [review] if review is not None else []
        start, _ = sentence_at(text, s)
        for m in _REVIEW_IN_SENTENCE.finditer(text[start:s]):
            if m.group(2):  # «过去三年»: each of those years
                years.extend(range(d.year - parse_cn_numeral(m.group(2).replace("两", "二")), d.year))
            else:
                years.append(int(m.group(1)) if m.group(1) else d.year - 1)
        if any(f.current_in_year(y) for y in years if y < d.year):
            return True
    return False


def _formulations(blocks, ctx, d) -> Iterator[Hit]:
    forms = load_formulations(ctx.formulation_files)
    speech = "\x00".join(b.text for b in blocks if b.kind in BODY_KINDS)
    # longer terms first: a span one of them matched is not looked at again by a shorter one («主题教育»)
    forms = sorted((f for f in forms if f.may_occur_in(speech)), key=lambda f: -len(f.term))
    review = _review_years(blocks, d)
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        claimed: list[tuple[int, int]] = []
        for f in forms:
            if not f.may_occur_in(text):
                continue
            for m in f.pattern.finditer(text):
                s, e = m.span()
                if any(s < b2 and a < e for a, b2 in claimed):
                    continue
                claimed.append((s, e))
                status = f.status(d)
                if status == "current" or _in_context(f, text, s, e, review[i], d):
                    continue
                when = dates.format_date(d)
                if status == "early":
                    msg = f"「{m.group(0)}」在{when}尚未提出（自{dates.format_date(f.valid_from)}起使用）"
                    sug = "核对会议日期或删去这一提法"
                else:
                    msg = f"「{m.group(0)}」在{when}已不是现行提法（使用至{dates.format_date(f.ended(d))}）"
                    sug = f"改为「{f.replaced_by}」" if f.replaced_by and not f.replaced_by.startswith("（") \
                        else (f.replaced_by.strip("（）") or "按现行提法改写")
                yield Hit("dated-formulation", f.severity, msg, sug, i, s, e - s, text)


_SPIRIT = re.compile(r"党的(十[八九]|二十|二十一)大(?:和(十[八九]|二十|二十一)届((?:[一二三四五六七八九]中[、，和]?)+|历次)全会)?")
_PLENUM_ALONE = re.compile(r"(?<![和届])(十[八九]|二十)届((?:[一二三四五六七八九]中[、和]?)+)全会精神")
_STUDY = re.compile(r"学习|贯彻|落实|领会|宣传|宣讲")


def _spirit(blocks, d) -> Iterator[Hit]:
    """«学习贯彻党的X大和X届…全会精神», also with other content between 全会 and 精神 («…全会及市第八次
    党代会精神»); and a plenum of an earlier Central Committee studied as current («学习贯彻十九届六中全会精神»)."""
    try:
        want = dates.spirit(d)
        congress = dates.current_congress(d).ordinal
    except ValueError:
        return
    held = [p.session for p in dates.plenums_held(d) if p.session != "一中"]
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS or "届" not in b.text:
            continue
        text = b.text
        for m in _SPIRIT.finditer(text):
            if not m.group(2):
                continue  # «党的二十大精神» alone is checked as a dated formulation
            after = re.match(r"[^。；！？]{0,30}?精神", text[m.end():])
            if not after:
                continue  # not studied as a spirit string
            exact = after.group(0) == "精神"
            got = m.group(0) + ("精神" if exact else "")
            right = want if exact else want.removesuffix("精神")
            if got == right:
                continue
            if m.group(3) == "历次" and m.group(1) == congress == m.group(2) and held:
                continue
            named = re.findall(r"[一二三四五六七八九]中", m.group(3) or "")
            current = m.group(1) == congress and m.group(2) == congress and named and set(named) <= set(held)
            if current and named == held[len(held) - len(named):]:
                continue  # the latest plenums only («党的二十大和二十届四中全会精神»)
            if current and named == held[:len(named)] and len(named) < len(held):
                sev, what = "warning", "漏了已召开的全会"
            else:
                sev, what = "error", "与会议日期不符"
            yield Hit("spirit-string", sev, f"「{got}」{what}：{dates.format_date(d)}应为「{right}」",
                      f"改为「{right}」", i, m.start(), len(got), text)
        for m in _PLENUM_ALONE.finditer(text):
            lo = max(text.rfind(c, 0, m.start()) for c in "。；！？，") + 1
            if m.group(1) == congress or not _STUDY.search(text[lo:m.start()]):
                continue
            yield Hit("spirit-string", "error",
                      f"「{m.group(0)}」不是{dates.format_date(d)}的现行提法：当前应学习贯彻「{want}」",
                      f"改为「{want}」", i, m.start(), len(m.group(0)), text)


_YEAR_LABEL = r"(今年|明年|(\d{4})年)[，,]?(?:也|既|更|又)?(?:是|为)|(?:值此|正值|恰逢|适逢|时值)"
_PLAN_LABEL = r"“?(十[一二三四五六七八九]?五)”?(?:规划)?(?:目标任务)?的?(开局|起步|收官|决胜|关键|攻坚|承上启下)"


def _labels(blocks, d) -> Iterator[Hit]:
    """«今年是…之年» in every phrasing: «今年，是…», «2026年是…，也是…», «值此/正值/恰逢…之年»."""
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        if "年" not in text:
            continue
        for m in re.finditer(_YEAR_LABEL, text):
            year = d.year + 1 if m.group(1) == "明年" else int(m.group(2)) if m.group(2) else d.year
            end = re.search(r"[。；！？]", text[m.end():])
            rest_end = m.end() + (end.start() if end else len(text) - m.end())
            if not m.group(1):  # 值此/正值…: the label runs to its first 之年/周年/一年
                cut = re.search(r"之年|周年|一年", text[m.end():rest_end])
                if not cut:
                    continue
                rest_end = m.end() + cut.end()
            pos = m.end()
            for part in re.split(r"(，(?:也|更|又)?是|、)", text[m.end():rest_end]):
                if part.startswith(("，", "、")):
                    pos += len(part)
                    continue
                label = part.strip()
                hit = _check_label(label, year)
                if hit:
                    yield Hit("year-label", hit[0], hit[1], hit[2], i, pos, len(part), text)
                pos += len(part)


def _check_label(label: str, year: int) -> tuple[str, str, str] | None:
    if not label.endswith(("之年", "一年")):
        return None  # «…N周年» is the anniversary rule's
    known = dates.year_labels(year)
    if label in known:
        return None
    best = dates.year_label(year)
    for y in range(year - 8, year + 9):
        if y != year and label in dates.year_labels(y):
            sug = f"{year}年应为「{best}」" if best else "核对年份后改写"
            return "error", f"「{label}」是{y}年的说法，不是{year}年的", sug
    m = re.search(_PLAN_LABEL, label)
    if m and re.search(r"谋划|编制|筹划|迈向|开启|衔接|准备|布局|展望|启动", label[:m.start()]):
        return None  # «谋划“十五五”的关键之年»: a year that prepares the next plan
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


_NUM = r"(\d{1,3}|[一二三四五六七八九十百零〇]{1,5})"
_FORWARD = r"(今年是|迎来|迎接|喜迎|即将|将迎来|到来之际|明年是|值此|正值|恰逢|适逢)"


def _number(raw: str) -> int | None:
    try:
        return int(raw) if raw.isdigit() else parse_cn_numeral(raw.replace("〇", "零"))
    except ValueError:
        return None


def _anniversaries(blocks, ctx, d) -> Iterator[Hit]:
    """Anniversaries of every event in the data (建党, 新中国成立, 改革开放, 抗战胜利, 建军 …), in every
    phrasing («建党104周年», «中国共产党成立一百零四周年», «党的104岁生日», «建党百年»), and elapsed
    counts («十年前…中央八项规定», «八项规定出台十年来»)."""
    events = load_data(ctx.formulation_files).anniversaries
    pairs = sorted(((n, e) for e in events for n in e.names), key=lambda p: -len(p[0]))
    event_of = dict(pairs)
    names = "|".join(re.escape(n) for n, _ in pairs)
    if not names:
        return
    dated = re.compile(rf"({names})的?{_NUM}(?:周年|岁生日|岁华诞|年华诞)|(建党|党的)百年(?:华诞)?"
                       rf"|党的{_NUM}岁(?:生日|华诞)")
    elapsed_after = re.compile(rf"({names})[^。；，]{{0,12}}?{_NUM}年(?:来|以来)")
    elapsed_before = re.compile(rf"{_NUM}年前[，,]?[^。；]{{0,20}}?({names})")
    for i, b in enumerate(blocks):
        if b.kind not in BODY_KINDS:
            continue
        text = b.text
        if "年" not in text and "岁" not in text:
            continue
        for m in dated.finditer(text):
            if m.group(4):
                event, n, name = event_of.get("建党"), _number(m.group(4)), "建党"
            elif m.group(3):
                event, n, name = event_of.get("建党"), 100, m.group(0)
            else:
                event, n, name = event_of[m.group(1)], _number(m.group(2)), m.group(1)
            if event is None or n is None:
                continue
            expected = d.year - event.year
            start, _ = sentence_at(text, m.start())
            before = text[start:m.start()]
            after = re.match(r"[^，。；！？]*", text[m.end():]).group(0)
            forward = bool(re.search(_FORWARD, before)) or bool(re.search(r"之际|即将|到来|来临", after)) or \
                (bool(re.search(r"(?:庆祝|纪念)$", before)) and not re.match(r"[^，。；]{0,3}(?:大会|讲话)", text[m.end():]))
            if "明年" in before:
                expected += 1
            if n == expected or (n < expected and not forward):
                continue
            what = name if m.group(3) is None else "建党"
            right = f"{name}{expected}周年" if not m.group(3) else f"建党{expected}周年"
            if m.group(4):
                right = f"党的{expected}岁生日"
            yield Hit("anniversary", "error" if n > expected else "warning",
                      f"「{m.group(0)}」与年份不符：{d.year}年是{what}{expected}周年", f"改为「{right}」",
                      i, m.start(), m.end() - m.start(), text)
        for rx, ni, gi in ((elapsed_after, 2, 1), (elapsed_before, 1, 2)):
            for m in rx.finditer(text):
                n, event = _number(m.group(ni)), event_of[m.group(gi)]
                expected = d.year - event.year
                if n is None or n == 100 or n in (expected - 1, expected):
                    continue
                yield Hit("anniversary", "warning",
                          f"「{m.group(0)}」与年份不符：{d.year}年距{m.group(gi)}（{event.year}年）已{expected}年",
                          f"改为「{cn_numeral(expected)}年」", i, m.start(), m.end() - m.start(), text)


def check(blocks: Sequence[Block], ctx) -> Iterator[Hit]:
    d = ctx.meeting_date
    if d is None:
        return
    yield from _formulations(blocks, ctx, d)
    yield from _spirit(blocks, d)
    yield from _labels(blocks, d)
    yield from _anniversaries(blocks, ctx, d)
