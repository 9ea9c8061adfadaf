"""What the six newer meeting types add to the plan (issue 17).

:func:`extend` runs after :func:`drafter.compose.plan.build_plan` (see :func:`drafter.main.make_draft`). It refuses brief keys the
meeting type does not use (so nothing a writer wrote is silently dropped), fills the phrase-bank
variables of :data:`drafter.genre.meeting_types.TYPE_VARIABLES` (the campaign under way on the
meeting date and its official 总要求, the 建党 anniversary, the 党课 theme, the commended), and puts
an :class:`Occasion` into the template context as ``occasion``: the cases, the commended, and the
point labels of types whose template puts sections of its own before the brief's points.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from drafter.compose import campaigns
from drafter.compose.plan import OpinionPlan, Plan, paragraphs, sentence, split_title
from drafter.errors import BriefError
from drafter.genre import dates, numbering
from drafter.genre.meeting_types import TYPES
from drafter.input.brief import Brief
from drafter.input.yamlfile import YamlDocument


class CasePlan(NamedTuple):
    """One case of a 警示教育大会: its label («一是»), who, and the sentences of facts and lesson."""

    label: str
    who: str
    text: str


class Occasion(NamedTuple):
    """Type-specific material a template lays out (empty where the type has none)."""

    cases: tuple[CasePlan, ...] = ()
    commended: tuple[str, ...] = ()
    """The commended's deeds, one paragraph each."""
    requirement_term: str = ""
    opinions: tuple[OpinionPlan, ...] = ()
    """The brief's points, relabelled to follow the template's own sections (democratic: 二、三、…)."""
    opening: tuple[str, ...] = ()
    """The brief's own opening paragraphs (``opening:``), before the template's first sentence."""


USES: dict[str, tuple[str, ...]] = {
    "cases": ("warning",),
    "campaign": ("campaign",),
    "lecture": ("lecture",),
    "commended": ("july1",),
    "reviewees": ("review",),
    "achievements": ("review", "annual", "quarterly", "discipline", "democratic"),
    "problems": ("review", "annual", "quarterly", "discipline", "democratic"),
}
"""Brief keys only some types use → those types' ids."""

AFTER_REVIEW = ("review", "annual", "quarterly", "discipline")
"""The types whose «刚才» paragraph may follow their review of achievements and problems
(``meeting.before.place: 回顾之后``); the others' structure has no such review before the points."""

_HEADING_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
"""A paragraph starting like this would be read back as a heading."""

PERSONS = ("党组织", "党委", "党支部", "集体", "单位")


def _unit(kind: str) -> str:
    return "个" if any(w in kind for w in PERSONS) else "名"


def extend(plan: Plan, brief: Brief, doc: YamlDocument) -> Plan:
    """``plan`` with the type's own material added; BriefError for keys the type does not use."""

    mt = plan.type
    problems = []
    for key, users in USES.items():
        value = getattr(brief, key)
        if value and mt.id not in users:
            names = "、".join(TYPES[u].name for u in users)
            problems.append(doc.problem((key,), f"{mt.name}不用 {key}（它只用于{names}）",
                                        f"删掉 {key}，或把 meeting.type 改成相应的会议类型", key=True))
    if plan.after_review and mt.id not in AFTER_REVIEW:
        names = "、".join(TYPES[u].name for u in AFTER_REVIEW)
        problems.append(doc.problem(("meeting", "before", "place"), f"{mt.name}的「刚才……」一段不能放在回顾之后（只用于{names}）",
                                    "删掉 place，或写 place: 开头"))
    d = brief.meeting.date
    context = dict(plan.context)
    meeting = plan.meeting
    title_lines, subtitle, byline = plan.title_lines, plan.subtitle, plan.byline
    term = ""
    name = requirement = ""
    if brief.campaign:
        name, requirement, term = brief.campaign.name, brief.campaign.requirement, "总要求"
    else:
        fact = campaigns.current(d)
        if fact:
            name, requirement, term = fact.name, fact.requirement, fact.requirement_term
    if mt.id == "campaign" and not name:
        problems.append(doc.problem(("meeting", "date"),
                                    f"{d.year}年{d.month}月{d.day}日没有党中央部署的主题教育或学习教育在开展",
                                    "在简报最外层写上 campaign: 并在下面写 name（名称）和 requirement（总要求）"))
    if mt.id == "lecture" and not brief.lecture:
        problems.append(doc.problem((), "专题党课讲稿要写党课主题", "在简报最外层加上 lecture: 并在下面写 theme: 主题"))
    if mt.id == "lecture" and len(plan.opinions) != 3:
        problems.append(doc.problem(("opinions", "items"), f"专题党课分三个部分，这里写了{len(plan.opinions)}个",
                                    "opinions.items 依次写三项：中央精神、上级要求、本级落实"))
    for line in paragraphs(brief.opening):
        if _HEADING_ORDINAL.match(line):
            problems.append(doc.problem(("opening",), f"开场段以序号开头：「{line[:12]}」，会被当作标题",
                                        "开场段不分条；删掉开头的「一、」「（一）」，要点写在 opinions.items"))
            break
    if problems:
        raise BriefError(sorted(problems, key=lambda p: (p.line, p.column)))
    if mt.id == "campaign" and not brief.meeting.name:
        meeting = f"{name}动员部署会议"
        if not brief.title:
            title_lines = tuple(split_title(f"{plan.speaker}在{meeting}上的讲话"))
    theme = brief.lecture.theme if brief.lecture else ""
    if mt.id == "lecture" and not (brief.title and brief.title.text):
        title_lines, subtitle = tuple(split_title(theme)), f"——{meeting}讲稿"
    commended = "、".join(f"{c.kind}{c.count}{_unit(c.kind)}" if c.count else c.kind for c in brief.commended)
    committee = re.split(r"常委|副书记|书记", plan.speaker)[0] or plan.speaker
    context.update(person="", post="", assessment="", committee=committee, campaign=name, campaign_short="主题教育" if name.endswith("主题教育") else "学习教育",
                   campaign_requirement=requirement, anniversary=dates.party_anniversary(d),
                   theme=theme, commended=commended, meeting=meeting)
    cases = tuple(CasePlan(numbering.label("一是", i, len(brief.cases)), c.who.strip().rstrip("，。"),
                           sentence(c.facts) + (sentence(c.lesson) if c.lesson else ""))
                  for i, c in enumerate(brief.cases, start=1))
    opinions = plan.opinions
    if mt.id == "democratic" and opinions and opinions[0].level:
        form = numbering.HEADING_FORMS[opinions[0].level - 1]
        opinions = tuple(op._replace(label=numbering.label(form, i + 1, len(opinions) + 1))
                         for i, op in enumerate(opinions, start=1))
    comments = plan.comments
    if brief.reviewees and not comments:  # the speech speaks of the 点评 in aggregate, never one by one
        comments = f"我对{len(brief.reviewees)}位同志的述职逐一作了点评"
        context["prior"] = "，".join(x for x in (context.get("prior"), comments) if x)
    context["occasion"] = Occasion(cases, tuple(sentence(c.examples) for c in brief.commended if c.examples),
                                   term, opinions, tuple(map(sentence, paragraphs(brief.opening))))
    facts = plan.facts
    if comments != plan.comments:  # the speaker's own 点评 of the reviewees: no praise of "the comments" as others'
        facts = facts._replace(stated=(facts.stated | {"comments", "comments_by_speaker"}) - {"others_only"})
    if brief.commended:  # the brief lists the commended: a 表彰 is part of the meeting
        facts = facts._replace(stated=facts.stated | {"commendation"})
    situation = plan.situation
    if brief.situation is None and mt.id in ("warning", "campaign", "lecture", "democratic"):
        situation = ()  # no date-drawn 形势 paragraph where the genre has none (the brief's own is kept)
    return plan._replace(meeting=meeting, title_lines=title_lines, subtitle=subtitle, byline=byline,
                         comments=comments, context=context, facts=facts, situation=situation)
