"""Recognising the parts of a speech: head, opening, «刚才…», achievements, problems, transition,
opinions, closing.

:func:`recognise` takes the blocks :mod:`drafter.speech.reader` read and returns a :class:`Speech`:
what each part says, in the brief's terms. The skeleton of the genre (see drafter's templates) puts
the parts in one order: opening → «刚才…» → achievements → problems → transition → opinions →
closing. A speech that puts a part earlier than that (last year's closing speech may open with the
problems, then «刚才…») keeps its order: a part found after a later one is kept word for word in
the framing sentence at that place (``framing``), and :attr:`Speech.notes` says so. Nothing of the
original is dropped.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from drafter.importer import ordinals
from drafter.importer.ordinals import find_sequence, first_sentence, leading_form, sentences
from drafter.speech.blocks import Block, Kind

_DATE = re.compile(r"^[（(](\d{4})年(\d{1,2})月(\d{1,2})日[）)]$")
_TRANSITION = re.compile(r"(?:讲|提|谈|强调|落实好?以下|把握好?以下|做到以下)[^。；]{0,8}?“?"
                         r"([一二三四五六七八九十两几])(点|个)(意见|要求|坚持|体会|想法|建议)")
_PROBLEM_WORDS = re.compile(r"问题|不足|差距|短板|薄弱|不到位|不够")
_REPORT_WORDS = re.compile(r"述职|汇报|发言|报告|交流|介绍")
_SUPERIOR = re.compile(r"^(?:刚才[，,])?(.{2,40}?同志)(?:作了|发表了)(?:重要|很好的)?讲话[，,]?")
_SITUATION = re.compile(r"形势|之年|面临|站在新的起点|新征程")


@dataclass
class ImportedItem:
    """One entry of achievements or problems: its lead sentence (None when it has none) and text."""

    lead: str | None
    text: str


@dataclass
class SectionPart:
    """Achievements or problems as the speech has them."""

    summary: str | None
    layout: str  # inline | paragraphs
    form: str  # an ordinal form, or 无
    items: list[ImportedItem]
    line: int
    mixed: bool = False


@dataclass
class Point:
    """A sub-point of an opinion: lead (None when the label is followed by running text) and text."""

    lead: str | None
    text: str
    line: int


@dataclass
class OpinionPart:
    """One opinion: heading, lead paragraphs, points."""

    heading: str
    lead: list[str]
    points: list[Point]
    line: int


@dataclass
class Prior:
    """The «刚才…» sentence: who reported, who commented, anything else."""

    reports: str | None
    comments: str | None
    other: str | None
    line: int


@dataclass
class SuperiorSpeech:
    """A superior leader's speech before this one: who, and what the speaker says of it (the rest of
    the sentence «……同志作了重要讲话，……。»)."""

    speaker: str
    gist: str | None
    line: int


@dataclass
class Speech:
    """Every part of a speech, in the brief's terms. ``framing`` maps a framing slot to the original
    paragraphs kept there word for word; ``notes`` are the importer's remarks for the writer."""

    title: list[str] = field(default_factory=list)
    subtitle: str | None = None
    byline: str | None = None
    date: datetime.date | None = None
    date_line: str | None = None
    salutation: str | None = None
    role: str | None = None
    name: str | None = None
    meeting_name: str | None = None
    title_text: str | None = None
    framing: dict[str, list[str]] = field(default_factory=dict)
    prior: Prior | None = None
    superior: SuperiorSpeech | None = None
    situation: list[str] = field(default_factory=list)
    achievements: SectionPart | None = None
    problems: SectionPart | None = None
    transition: str | None = None
    count: str | None = None  # the announced count: 三, 几 …
    noun: str | None = None
    purpose: str | None = None
    opinion_form: str | None = None
    point_form: str | None = None
    opinion_layout: str = "headings"
    opinions: list[OpinionPart] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    adjourn: bool = False
    order: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mixed_points: bool = False
    superior_text: str = ""


# ----------------------------------------------------------------------------- the head


def _head(blocks: list[Block], sp: Speech) -> int:
    """Read title, subtitle, byline, date line and salutation; return the index of the first body block."""
    i = 0
    while i < len(blocks):
        b = blocks[i]
        t = b.text.strip()
        if b.kind == Kind.TITLE or (i == len(sp.title) and not sp.date_line and b.kind == Kind.PARAGRAPH
                                    and len(t) <= 50 and t.endswith("讲话") and "。" not in t):
            sp.title.append(t)
        elif b.kind == Kind.SUBTITLE:
            sp.subtitle = t
        elif b.kind == Kind.BYLINE:
            sp.byline = t
        elif b.kind == Kind.DATE or (_DATE.match(t) and i <= len(sp.title) + 2):
            sp.date_line = t
            m = _DATE.match(t)
            if m:
                try:
                    sp.date = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    pass
        elif b.kind == Kind.SALUTATION or (i <= len(sp.title) + 3 and re.match(r"^(?:同志们|各位[^，：]{0,10})[：:]$", t)):
            sp.salutation = t
            return i + 1
        else:
            return i
        i += 1
    return i


def _title_facts(sp: Speech) -> None:
    """Speaker's role and name and the meeting's name from the title, subtitle and byline."""
    text = "".join(sp.title)
    sp.title_text = text or None
    where = sp.subtitle or text
    m = re.search(r"^(?:——)?(.*?)在(.+?)上的(?:讲话|总结讲话|讲话提纲|主持词|党课)$", where)
    if m:
        if m.group(1):
            sp.role = m.group(1)
        sp.meeting_name = m.group(2)
    if sp.byline:
        parts = re.split(r"[\s\u3000]+", sp.byline.strip())
        if len(parts) >= 2 and all(len(x) == 1 for x in parts):  # a two-character name spaced out: «陈　立»
            sp.name = "".join(parts)
        elif len(parts) >= 2:
            sp.role = sp.role or "".join(parts[:-1])
            sp.name = parts[-1]
        elif len(parts) == 1 and not sp.role:
            sp.role = parts[0]


# ----------------------------------------------------------------------------- achievements and problems


def _entries(paragraphs: list[str], hits: list[ordinals.LabelHit]) -> list[ImportedItem]:
    """The entries between consecutive labels: lead (the first short sentence) and text."""
    out = []
    for k, h in enumerate(hits):
        if k + 1 < len(hits):
            nxt = hits[k + 1]
            if nxt.para == h.para:
                chunk = paragraphs[h.para][h.offset + h.length:nxt.offset]
            else:
                chunk = "\n".join([paragraphs[h.para][h.offset + h.length:]] + paragraphs[h.para + 1:nxt.para])
        else:
            chunk = "\n".join([paragraphs[h.para][h.offset + h.length:]] + paragraphs[h.para + 1:])
        lead, rest = first_sentence(chunk)
        out.append(ImportedItem(lead, rest.strip("\n")))
    return out


def _listed_section(text: str, line: int) -> SectionPart | None:
    """A paragraph holding a list inline («……。一是……。二是……»)."""
    for form in ("一是", "一要", "第一，", "首先，"):
        hits, mixed = find_sequence([text], form)
        if len(hits) >= 2:
            summary = text[:hits[0].offset] or None
            return SectionPart(summary, "inline", form, _entries([text], hits), line, mixed)
    return None


def _unnumbered_section(text: str, line: int) -> SectionPart | None:
    """A review paragraph whose entries are short lead sentences without ordinals («不断强化党的政治
    建设。全方位……。深入开展党史学习教育。……»): at least three leads of at most 16 characters."""
    parts = sentences(text)
    leads = [k for k, s in enumerate(parts) if k > 0 and len(s) <= 17 and not re.search(r"[，,；：]", s)]
    if len(leads) < 3:
        return None
    items = []
    for a, b in zip(leads, leads[1:] + [len(parts)]):
        items.append(ImportedItem(parts[a].rstrip("。！？"), "".join(parts[a + 1:b])))
    return SectionPart("".join(parts[:leads[0]]) or None, "inline", "无", items, line)


def _is_problems(sec: SectionPart) -> bool:
    return bool(sec.summary and _PROBLEM_WORDS.search(sec.summary))


# ----------------------------------------------------------------------------- the «刚才» sentence


def _prior(text: str, line: int) -> tuple[Prior, str]:
    """The «刚才…» sentence's facts, and the rest of its paragraph (the speaker's response)."""
    body = re.sub(r"^(?:同志们[，,])?刚才[，,]?", "", text)
    m = re.search(r"[。！？]", body)
    first, rest = (body[:m.start()], body[m.end():]) if m else (body, "")
    clauses = re.split(r"(?<=[，,])", first)
    at = next((k for k, c in enumerate(clauses) if "点评" in c), None)
    reports = comments = other = None
    if at is not None:
        head = "".join(clauses[:at]).rstrip("，,")
        comments = "".join(clauses[at:])
        if head and _REPORT_WORDS.search(head):
            reports = head
        elif head:
            other = head
    elif _REPORT_WORDS.search(first):
        reports = first
    else:
        other = first
    return Prior(reports, comments, other, line), rest


# ----------------------------------------------------------------------------- opinions


def _split_opinions(paras: list[tuple[int, str, Block]], sp: Speech) -> None:
    """The opinions: form and layout from the first paragraph, then one opinion per label."""
    texts = [t for _, t, _ in paras]
    first = leading_form(texts[0])
    if first is None:
        return
    form = first[0]
    hits, _ = find_sequence(texts, form, inline=False)
    if not hits:
        return
    sp.opinion_form = form
    first_block = paras[hits[0].para][2]
    inline = first_block.kind != Kind.HEADING and form in ("一、", "（一）", "1.", "（1）")
    sp.opinion_layout = "inline" if inline else "headings"
    sub_forms = {"一、": ("（一）", "1."), "（一）": ("1.", "（1）"), "1.": ("（1）",)}.get(form, ())
    point_forms: list[str] = []
    for k, h in enumerate(hits):
        end = hits[k + 1].para if k + 1 < len(hits) else len(texts)
        body = texts[h.para][h.length:]
        if inline or form not in ("一、", "（一）", "1.", "（1）"):
            heading, rest = first_sentence(body, limit=60)
            if heading is None:
                heading, rest = body, ""
            content = ([rest] if rest else []) + texts[h.para + 1:end]
        else:
            heading, content = body, texts[h.para + 1:end]
        op = OpinionPart(heading.strip(), [], [], paras[h.para][0])
        pform, points, lead, mixed = _points(content, sub_forms, [paras[j][0] for j in range(h.para + (0 if inline else 1), end)])
        if pform:
            point_forms.append(pform)
        sp.mixed_points = sp.mixed_points or mixed
        op.points, op.lead = points, lead
        sp.opinions.append(op)
    if point_forms:
        sp.point_form = point_forms[0]
        if len(set(point_forms)) > 1:
            sp.notes.append(f"各点意见下分条的序号不一致（{'、'.join(dict.fromkeys(point_forms))}），简报统一为「{point_forms[0]}」")
    if sp.mixed_points:
        sp.notes.append("原稿分条序号「一要」「二是」混用，简报统一为一种（drafter 按同一形式编号）")


def _points(content: list[str], sub_forms: tuple[str, ...],
            lines: list[int]) -> tuple[str | None, list[Point], list[str], bool]:
    """(point form, points, lead paragraphs, mixed) of one opinion's content."""
    best: tuple[str, list[ordinals.LabelHit], bool] | None = None
    for form in sub_forms + ("一要", "一是", "第一，", "首先，"):
        inline = form not in sub_forms
        hits, mixed = find_sequence(content, form, inline=inline)
        if len(hits) >= 2 or (len(hits) == 1 and hits[0].offset == 0 and form in sub_forms):
            key = (hits[0].para, hits[0].offset)
            if best is None or key < (best[1][0].para, best[1][0].offset):
                best = (form, hits, mixed)
    if best is None:
        return None, [], [p for p in content if p], False
    form, hits, mixed = best
    h0 = hits[0]
    lead = content[:h0.para] + ([content[h0.para][:h0.offset]] if h0.offset else [])
    points = []
    for idx, (e, h) in enumerate(zip(_entries(content, hits), hits)):
        line = lines[h.para] if h.para < len(lines) else 0
        if form in sub_forms:  # a heading of its own: the heading is the lead, what follows the text
            nxt = hits[idx + 1].para if idx + 1 < len(hits) else len(content)
            points.append(Point(content[h.para][h.length:].strip(), "\n".join(content[h.para + 1:nxt]), line))
        else:
            points.append(Point(e.lead, e.text, line))
    return form, points, [p for p in lead if p], mixed


# ----------------------------------------------------------------------------- the whole speech


_FREE_SLOT = {0: "opening.purpose", 1: "opening.response", 2: "achievements.close", 3: "problems.close"}


def recognise(blocks: list[Block]) -> Speech:
    """The parts of the speech in ``blocks``."""
    sp = Speech()
    start = _head(blocks, sp)
    _title_facts(sp)
    body = [(b.line, b.text.strip(), b) for b in blocks[start:] if b.text.strip()]
    texts = [t for _, t, _ in body]
    trans = next((k for k, t in enumerate(texts) if _TRANSITION.search(t) and len(t) <= 400
                  and not leading_form(t)), None)
    op_start = None
    for k in range((trans + 1) if trans is not None else 0, len(texts)):
        lf = leading_form(texts[k])
        if lf and lf[1] == 1 and (trans is not None or body[k][2].kind == Kind.HEADING):
            op_start = k
            break
    close_at = len(texts)  # the closing: from the last «同志们，» after the opinions' start, to the end
    if op_start is not None:
        for k in range(len(texts) - 1, op_start, -1):
            if re.match(r"^同志们[，,！!]", texts[k]) or (k == len(texts) - 1 and re.search(r"散会[。！!]?$", texts[k])
                                                      and len(texts[k]) <= 30):
                close_at = k
                if not re.match(r"^同志们", texts[k]):
                    continue
                break
    pre_end = trans if trans is not None else (op_start if op_start is not None else close_at)
    _before_transition(body[:pre_end], sp)
    if trans is not None:
        sp.transition = texts[trans]
        m = _TRANSITION.search(texts[trans])
        sp.count, sp.noun = m.group(1), m.group(3)
        pm = re.search(r"下面[，,]\s*(?:我)?(?:就|围绕|为了?)(.+?)[，,](?:我)?(?:再)?(?:讲|提|谈)", texts[trans])
        sp.purpose = pm.group(1) if pm else None
        sp.order.append("transition")
    if op_start is not None:
        if trans is not None and op_start > trans + 1:  # paragraphs between the transition and the first point
            sp.transition = "\n".join(texts[trans:op_start])
        _split_opinions(body[op_start:close_at], sp)
        if sp.opinions:
            sp.order.append("opinions")
    elif trans is not None:
        sp.notes.append("过渡句之后没有找到带序号的各点意见")
    sp.closing = texts[close_at:]
    if sp.closing:
        sp.order.append("closing")
        sp.adjourn = bool(re.search(r"散会", sp.closing[-1]))
    return sp


_OPENING, _PRIOR, _SUPERIOR_SPEECH, _ACHIEVEMENTS, _PROBLEMS, _SITUATION_STAGE = range(6)
_FREE_SLOT = {_OPENING: "opening.purpose", _PRIOR: "opening.response", _SUPERIOR_SPEECH: "opening.superior",
              _ACHIEVEMENTS: "achievements.close", _PROBLEMS: "problems.close"}
"""The framing slot that follows each part in the templates: a paragraph found after that part that is
not the next part in the skeleton is kept there word for word (the 形势 paragraphs go to ``situation``)."""


def _section_at(paras: list[tuple[int, str, Block]], k: int) -> tuple[SectionPart | None, int]:
    """The achievements or problems starting at paragraph ``k``, and the index of their last paragraph."""
    line, text, _ = paras[k]
    sec = _listed_section(text, line)
    if sec is None and k + 1 < len(paras):  # a summary paragraph, then one paragraph per entry
        group = [paras[k + 1][1]]
        j = k + 2
        lf = leading_form(group[0])
        if lf and lf[1] == 1 and lf[0] in ("一是", "一要", "第一，", "首先，", "（一）", "1."):
            while j < len(paras) and leading_form(paras[j][1]):
                group.append(paras[j][1])
                j += 1
            hits, mixed = find_sequence(group, lf[0], inline=False)
            if len(hits) >= 2 and len(hits) == len(group):
                return SectionPart(text, "paragraphs", lf[0], _entries(group, hits), line, mixed), j - 1
    if sec is None:
        sec = _unnumbered_section(text, line)
    parts = sentences(text)
    if sec is None and len(parts) > 1 and re.search(r"存在|差距|不足", parts[0]):
        sec = SectionPart(parts[0], "inline", "无", [ImportedItem(None, "".join(parts[1:]))], line)
    return sec, k


def _before_transition(paras: list[tuple[int, str, Block]], sp: Speech) -> None:
    """Opening, «刚才», a superior's speech, achievements, problems and 形势, in the skeleton's order
    (see the module's docstring)."""
    cursor = _OPENING
    k = 0
    while k < len(paras):
        line, text, _ = paras[k]
        bare = re.sub(r"^同志们[，,]", "", text)
        sec, last = None, k
        sup = _SUPERIOR.match(bare) if "点评" not in text else None
        if sup:
            stage = _SUPERIOR_SPEECH
        elif bare.startswith("刚才"):
            stage = _PRIOR
        else:
            sec, last = _section_at(paras, k)
            if sec is not None:
                stage = _PROBLEMS if _is_problems(sec) else _ACHIEVEMENTS
            elif cursor >= _ACHIEVEMENTS and _SITUATION.search(text):
                stage = _SITUATION_STAGE
            else:
                stage = _OPENING
        if stage == _PRIOR and sp.superior is not None and sp.prior is None:
            # a superior's speech answered before «刚才» is kept where it was, as the opening's wording
            sp.framing.pop("opening.superior", None)  # part of that paragraph
            sp.framing.setdefault("opening.purpose", []).append(sp.superior_text)
            sp.notes.append(f"原稿第 {sp.superior.line} 段（上级领导的讲话）在“刚才……”一段之前，已原样保留在 framing 的 "
                            "opening.purpose 中")
            sp.superior = None
            sp.order.remove("superior")
            cursor = _OPENING
        taken = {_ACHIEVEMENTS: sp.achievements, _PROBLEMS: sp.problems, _PRIOR: sp.prior, _SUPERIOR_SPEECH: sp.superior}
        if stage != _OPENING and stage >= cursor and taken.get(stage) is None:
            cursor = stage
            k = last
            if stage == _SUPERIOR_SPEECH:
                _superior(bare, sup, line, sp)
                sp.superior_text = text
            elif stage == _PRIOR:
                sp.prior, rest = _prior(text, line)
                if rest:
                    sp.framing.setdefault("opening.response", []).append(rest)
                sp.order.append("prior")
            elif stage == _SITUATION_STAGE:
                sp.situation.append(text)
                if "situation" not in sp.order:
                    sp.order.append("situation")
            else:
                setattr(sp, "achievements" if stage == _ACHIEVEMENTS else "problems", sec)
                sp.order.append("achievements" if stage == _ACHIEVEMENTS else "problems")
        elif cursor == _SITUATION_STAGE:
            sp.situation.append(text)
        else:
            if stage != _OPENING:
                sp.notes.append(f"原稿第 {line} 段（{text[:12]}……）出现在{_name(cursor)}之后，已原样保留在 framing 的 "
                                f"{_FREE_SLOT[cursor]} 中")
            sp.framing.setdefault(_FREE_SLOT[cursor], []).append(text)
        k += 1


def _superior(text: str, m: re.Match, line: int, sp: Speech) -> None:
    """A superior's speech: the speaker, the rest of the sentence as its gist, further sentences as the
    speaker's own reply (framing ``opening.superior``)."""
    rest = text[m.end():]
    stop = re.search(r"[。！？]", rest)
    gist, after = (rest[:stop.start()], rest[stop.end():]) if stop else (rest, "")
    sp.superior = SuperiorSpeech(m.group(1), gist or None, line)
    if after:
        sp.framing.setdefault("opening.superior", []).append(after)
    sp.order.append("superior")


def _name(stage: int) -> str:
    return {_OPENING: "开场", _PRIOR: "“刚才……”一段", _SUPERIOR_SPEECH: "上级领导讲话一段", _ACHIEVEMENTS: "成绩",
            _PROBLEMS: "问题"}[stage]
