"""The speech plan: the brief with every default filled in and every number computed.

:func:`build_plan` is the one place where the meeting type's defaults meet the writer's brief.
Templates receive a :class:`Plan` and only lay it out: every label («一、», «（二）», «三要»), the
announced count («三点意见»), the title lines and the date line are computed here, so the count
always agrees with the points and the ordinals never skip or repeat.
"""

import re
from types import MappingProxyType
from typing import Mapping, NamedTuple

from drafter.compose.phrasebank.conditions import Facts, comments_by, timing
from drafter.genre import dates
from drafter.genre import meeting_types
from drafter.genre import numbering
from drafter.input.brief import Brief, Section
from drafter.errors import BriefError, Problem
from drafter.input.values import says_no
from drafter.input.yamlfile import YamlDocument



def sentence(text: str) -> str:
    """``text`` as a complete sentence: a final 。 is added, or replaces a trailing comma or colon."""
    text = text.strip()
    if not text or text[-1] in "。！？…" or text.endswith(("。”", "！”", "？”", "。）")):
        return text
    if text[-1] in "，、；：,;:.!?":
        text = text[:-1]
    return text + "。"


def paragraphs(text: str | None) -> list[str]:
    """The paragraphs of a text field: one per non-empty line."""
    if not text:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


_BREAK_AFTER = set("在的年度会暨、，—上")


def split_title(text: str, width: int = 20, *, anywhere: bool = False) -> list[str]:
    """Break a title into lines of at most ``width`` characters, never two of equal length.

    GB/T 9704 sets a long title on several lines shaped as a trapezoid or diamond, never a
    rectangle. Breaks fall after 在/的/年/度/会/、, so that words stay whole; the upper line is the
    longer one, as in most printed speeches.

    Each way of breaking is scored by (a line is too long, two neighbouring lines are equally long,
    how far each line is from being two characters shorter than the one above); the first best one
    wins. The score is worked out from the break positions alone, without cutting the text: a long
    title tries every pair of positions.
    """
    text = text.strip()
    length = len(text)
    if length <= width:
        return [text]
    n_lines = min(3, -(-length // width))
    candidates = [i for i in range(1, length)
                  if (anywhere or text[i - 1] in _BREAK_AFTER) and not text[i - 1: i + 1].isdigit()]
    best: tuple[int, ...] | None = None
    best_score: tuple[bool, bool, int] | None = None
    if n_lines == 2:
        for i in candidates:
            a, b = i, length - i
            score = (a > width or b > width, a == b, abs(a - b - 2))
            if best_score is None or score < best_score:
                best, best_score = (i,), score
    else:
        for k, i in enumerate(candidates):
            for j in candidates[k + 1:]:
                a, b, c = i, j - i, length - j
                score = (a > width or b > width or c > width, a == b or b == c, abs(a - b - 2) + abs(b - c - 2))
                if best_score is None or score < best_score:
                    best, best_score = (i, j), score
    if best is None or (best_score and best_score[0]):
        return [text] if anywhere else split_title(text, width, anywhere=True)
    cuts = (0, *best, length)
    return [text[x:y] for x, y in zip(cuts, cuts[1:])]


class SectionItem(NamedTuple):
    """One numbered item of achievements or problems. ``label`` is «一是» or "" when unnumbered."""

    label: str
    lead: str
    text: str


class SectionPlan(NamedTuple):
    """Achievements or problems: an optional summary sentence and entries, inline or one per paragraph."""

    summary: str | None
    inline: bool
    entries: tuple[SectionItem, ...]


class PointPlan(NamedTuple):
    """A sub-point of an opinion. ``level`` is its heading level (0 = a paragraph with a bold lead)."""

    label: str
    lead: str
    paragraphs: tuple[str, ...]
    level: int


class OpinionPlan(NamedTuple):
    """One of the «三点意见». ``level`` is its heading level (0 = a bold-lead paragraph)."""

    label: str
    heading: str
    lead: tuple[str, ...]
    points: tuple[PointPlan, ...]
    level: int


class Plan(NamedTuple):
    """Everything a template lays out. All text is final: labels, counts and dates are computed."""

    type: meeting_types.MeetingType
    title_lines: tuple[str, ...]
    subtitle: str | None
    byline: str | None
    date_line: str
    meeting: str
    speaker: str
    jurisdiction: str
    superior: str
    period: str
    work: str
    units: str
    reports: str | None
    comments: str | None
    visits: tuple[str, ...]
    other: str | None
    achievements: SectionPlan | None
    problems: SectionPlan | None
    announce: str
    count: str
    opinions: tuple[OpinionPlan, ...]
    closing: tuple[str, ...]
    adjourn: bool
    variant: int
    target_minutes: int
    reading_speed: int
    date: object = None  # datetime.date of the meeting
    context: Mapping[str, object] = MappingProxyType({})
    """The variables phrase-bank texts may use (see :mod:`drafter.compose.phrasebank`)."""
    facts: Facts = Facts()
    """What the brief states, for the phrase bank's entry conditions."""
    framing: Mapping[str, str | None] = MappingProxyType({})
    """The brief's own framing sentences by slot (None: the slot is switched off)."""
    closing_adjourns: bool = False
    """Whether the writer's own closing already ends with «散会» (then no adjourn sentence is added)."""
    respond: bool = False
    """Whether the speech replies to what others said before it (reports, or 点评 by others only)."""
    superior_speech: str | None = None
    """The sentence on a superior's speech before this one («刚才，……作了重要讲话，……。»), or None."""
    transition: str | None = None
    """The writer's own announcement built from ``opinions.purpose`` («为……，我讲几点意见。»), or None."""
    situation: tuple[str, ...] | None = None
    """The 形势 paragraphs: the writer's, or the date's for a type without a bank paragraph; None: the
    type's bank paragraph (annual); (): none."""
    after_review: bool = False
    """Whether the «刚才» paragraph (and the reply to a superior's speech) follows the achievements and
    problems instead of opening the speech (``meeting.before.place: 回顾之后``)."""


_JURISDICTION = (("区委", "全区", "市委"), ("县委", "全县", "市委"), ("市委", "全市", "省委"), ("旗委", "全旗", "盟委"),
                 ("州委", "全州", "省委"), ("高新区", "高新区", "市委"), ("开发区", "开发区", "市委"),
                 ("党工委", "全区", "市委"), ("镇党委", "全镇", "县委"), ("乡党委", "全乡", "县委"),
                 ("街道党工委", "全街道", "区委"))


def _infer(role: str) -> tuple[str | None, str | None]:
    """Jurisdiction word and superior body implied by the speaker's role, longest match first."""
    best = None
    for key, where, superior in _JURISDICTION:
        if key in role and (best is None or len(key) > len(best[0])):
            best = (key, where, superior)
    return (best[1], best[2]) if best else (None, None)


def _section(sec: Section | None, *, colon: bool = False) -> SectionPlan | None:
    """Plan achievements or problems; with ``colon``, an inline summary leads into its list with «：»."""
    if sec is None:
        return None
    form = sec.form
    n = len(sec.items)
    entries = []
    for i, it in enumerate(sec.items, start=1):
        label = "" if form == "无" else numbering.label(form, i, n)
        entries.append(SectionItem(label, sentence(it.lead) if it.lead else "", sentence(it.text) if it.text else ""))
    summary = sentence(sec.summary) if sec.summary else None
    inline = sec.layout == "inline"
    if summary and colon and inline and entries and summary.endswith("。"):
        summary = summary[:-1] + "："
    return SectionPlan(summary, inline, tuple(entries))


def _lead(text: str, form: str, followed: bool) -> str:
    """A bold lead that opens its paragraph, as a sentence; after a dash («——坚定信念，就是……») it
    ends with «，» when the paragraph's text follows it."""
    if not text:
        return ""
    if form == numbering.DASH and followed and text[-1] not in "？！…":
        return text.rstrip("，,。；;：:") + "，"
    return sentence(text)


_COUNTED_BY_GE = ("坚持", "问题", "方面的意见", "方面的要求")
"""Nouns announced with 个 («四个坚持», «两个问题», «三个方面的意见»); the others with 点 («三点希望»)."""

_OFFERED = ("要求", "希望", "方面的要求")
"""Nouns a speaker 提s («我提三点希望»); the others he 讲s («我讲两个问题»)."""


def _announce(noun: str, n: int, unspecified: bool) -> str:
    """«三点意见», «两个问题», «几点希望», «五项任务»: the count (几 when ``unspecified``, never with 坚持), its
    measure word and the noun."""
    measure = "个" if noun in _COUNTED_BY_GE else "项" if noun == "任务" else "点"
    return f"{'几' if unspecified else numbering.count_word(n)}{measure}{noun}"


def build_plan(brief: Brief, doc: YamlDocument) -> Plan:
    """Fill the brief's gaps from its meeting type and compute every label and count.

    Raises BriefError when a default cannot be inferred (e.g. the jurisdiction of an unusual role).
    """
    mt = meeting_types.TYPES[brief.meeting.type]
    d = brief.meeting.date
    problems: list[Problem] = []
    role = brief.speaker.role
    inferred_where, inferred_superior = _infer(role)
    jurisdiction = brief.jurisdiction or inferred_where
    superior = brief.superior or inferred_superior
    if jurisdiction is None:
        problems.append(doc.problem(("speaker", "role"), f"无法从职务「{role}」推断讲话中对本地的称呼",
                                    "在简报最外层加上 jurisdiction: 全区（或全县、全市……）"))
    if superior is None:
        problems.append(doc.problem(("speaker", "role"), f"无法从职务「{role}」推断上级党委",
                                    "在简报最外层加上 superior: 市委（或省委……）"))
    if problems:
        raise BriefError(problems)
    assert jurisdiction is not None and superior is not None

    meeting_name = brief.meeting.name or mt.default_meeting_name(d.year, d.month)
    period = brief.period or mt.default_period(d.year, d.month)

    if brief.title and brief.title.text:
        title_text = brief.title.text
        subtitle = f"——在{meeting_name}上的讲话" if brief.title.subtitle else None
    else:
        title_text = f"{role}在{meeting_name}上的讲话"
        subtitle = None
    title_lines = tuple(split_title(title_text))
    name = brief.speaker.name
    if name and len(name) == 2:
        name = name[0] + "\u3000" + name[1]
    if role in title_text:
        byline = name
    else:
        byline = f"{role}\u3000{name}" if name else role

    ops = brief.opinions
    form = ops.form or mt.heading_form
    point_form = ops.point_form or mt.point_form
    noun = ops.noun or mt.noun
    n = len(ops.items)
    inline = ops.layout == "inline"
    top_level = numbering.HEADING_FORMS.index(form) + 1 if form in numbering.HEADING_FORMS and not inline else 0
    point_level = (numbering.HEADING_FORMS.index(point_form) + 1
                   if point_form in numbering.HEADING_FORMS and ops.point_layout != "inline" else 0)
    opinions = []
    for i, item in enumerate(ops.items, start=1):
        points = []
        for j, p in enumerate(item.points, start=1):
            plabel = numbering.label(point_form, j, len(item.points))
            lead = (p.lead or "").strip()
            body = tuple(map(sentence, paragraphs(p.text)))
            points.append(PointPlan(plabel, lead if point_level else _lead(lead, point_form, bool(body)),
                                    body, point_level))
        heading = (item.heading or "").strip()
        lead_paragraphs = tuple(map(sentence, paragraphs(item.lead)))
        opinions.append(OpinionPlan(numbering.label(form, i, n),
                                    heading if top_level else _lead(heading, form, bool(lead_paragraphs)),
                                    lead_paragraphs, tuple(points), top_level))

    unspecified = ops.count == "几" and noun != "坚持"
    announce = _announce(noun, n, unspecified)
    count = "几" if unspecified else numbering.count_word(n)
    closing = tuple(paragraphs(brief.closing.text))
    adjourn = brief.closing.adjourn if brief.closing.adjourn is not None else (
        mt.adjourn and brief.speaker.relation == "host")  # a guest does not close the meeting
    closing_adjourns = bool(closing) and re.search(r"散会[。！!]?$", closing[-1]) is not None
    if closing_adjourns:
        adjourn = True  # the writer's own closing adjourns the meeting: no stock adjourn sentence is added
    elif brief.framing.get("closing.adjourn", "") is None:
        adjourn = False  # the adjourn sentence is switched off
    year_label = dates.year_label(d.year)
    before = brief.meeting.before
    stated = set(comments_by(before.comments, before.comments_by))
    stated.update(name for name, given in (("reports", before.reports), ("assessment", before.assessment),
                                           ("visits", before.visits), ("superior_speech", before.superior),
                                           ("commendation", "表彰" in (before.other or ""))) if given)
    if (before.reports or before.comments or before.superior) and "comments_by_speaker" not in stated:
        stated.add("others_only")
    facts = Facts(frozenset(stated), brief.speaker.relation, timing(period, d))
    superior_speech = None
    if before.superior is not None:
        lead = "" if (before.reports or before.comments or before.other) else "刚才，"
        gist = f"，{before.superior.gist.rstrip('。；，')}" if before.superior.gist else ""
        superior_speech = f"{lead}{before.superior.speaker}作了重要讲话{gist}。"
    transition = None
    if ops.purpose:
        transition = f"{ops.purpose.rstrip('，,。')}，我{'提' if noun in _OFFERED else '讲'}{announce}。"
    if brief.situation is not None:
        situation: tuple[str, ...] | None = () if says_no(brief.situation) else tuple(
            map(sentence, paragraphs(brief.situation)))
    elif mt.id == "annual":
        situation = None  # the annual speech's own bank paragraph (situation.outlook)
    else:
        situation = (_year_paragraph(d.year, year_label, jurisdiction),)
    context = {
        "jurisdiction": jurisdiction,
        "superior": superior,
        "meeting": meeting_name,
        "period": period,
        "year": d.year,
        "last_year": d.year - 1,
        "speaker": role,
        "announce": announce,
        "count": count,
        "work": mt.work,
        "units": "各级党组织",
        "spirit": dates.spirit(d),
        "year_label": year_label,
        "sites": "、".join(brief.meeting.before.visits),
        "prior": _prior(brief),
    }
    return Plan(
        type=mt,
        title_lines=title_lines,
        subtitle=subtitle,
        byline=byline,
        date_line=dates.date_line(d),
        meeting=meeting_name,
        speaker=role,
        jurisdiction=jurisdiction,
        superior=superior,
        period=period,
        work=mt.work,
        units="各级党组织",
        reports=brief.meeting.before.reports,
        comments=brief.meeting.before.comments,
        visits=tuple(brief.meeting.before.visits),
        other=brief.meeting.before.other,
        achievements=_section(brief.achievements),
        problems=_section(brief.problems, colon=True),
        announce=announce,
        count=count,
        opinions=tuple(opinions),
        closing=closing,
        adjourn=adjourn,
        variant=brief.options.variant,
        target_minutes=brief.options.minutes or mt.default_minutes,
        reading_speed=brief.options.reading_speed,
        date=d,
        context=context,
        facts=facts,
        framing=brief.framing,
        closing_adjourns=closing_adjourns,
        respond=bool(before.reports) or ("comments_by_others" in stated and "comments_by_speaker" not in stated),
        superior_speech=superior_speech,
        transition=transition,
        situation=situation,
        after_review=before.place == "回顾之后",
    )


def _year_paragraph(year: int, year_label: str, jurisdiction: str) -> str:
    """The 形势 paragraph drawn from the date alone: the year's place and the spirit to carry out."""
    # the spirit is named by the transition that follows («下面，就深入学习贯彻…精神、…，我讲三点意见»),
    # so it is not named here as well
    where = f"{year}年是{year_label}，" if year_label else f"做好{year}年的工作，"
    return f"{where}{jurisdiction}各级党组织要把思想和行动统一到上级决策部署上来，以高质量党建引领保障高质量发展。"


def _prior(brief: Brief) -> str:
    """What happened before the speech as one clause: «8个镇党委书记作了述职发言，我和王明同志作了点评»."""
    before = brief.meeting.before
    parts = [re.sub(r"^刚才[，,]?", "", x).rstrip("。，") for x in (before.reports, before.comments, before.other) if x]
    return "，".join(parts)
