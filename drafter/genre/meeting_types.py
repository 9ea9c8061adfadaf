"""The meeting types drafter writes for, and what each one supplies when the brief is silent.

Each type has its own template ``templates/<id>.md.j2`` built on the shared skeleton
(``templates/base.md.j2``). The defaults here are facts of the genre (see the developers' notes on
the genre): who speaks after what, how the points are announced, how long the speech usually runs.
"""

from typing import NamedTuple


class MeetingType(NamedTuple):
    """One kind of meeting and its defaults.

    ``id`` is what a brief writes under ``meeting.type``; ``aliases`` are Chinese names also accepted
    there. ``work`` is the work the speech is about («基层党建工作»); ``noun`` the announcement's noun
    («三点意见» / «几点要求»); ``point_form`` how sub-points are counted; ``adjourn`` whether the speaker
    usually closes the meeting; ``length`` the usual length in characters (low, high).
    """

    id: str
    name: str
    aliases: tuple[str, ...]
    work: str
    noun: str
    heading_form: str
    point_form: str
    adjourn: bool
    length: tuple[int, int]
    default_minutes: int
    slots: tuple[str, ...] = ()
    """The framing slots of the phrase bank this type's template asks for (``phrase("slot")``); the bank
    must hold at least eight currently valid entries for each (``drafter phrases check``)."""

    sections: tuple[tuple[str, ...], ...] = ()
    """What a speech of this type says somewhere, each as alternative wordings (rule ``sections`` of
    ``drafter check``): e.g. a 警示教育大会 speech asks its hearers to «把自己摆进去»."""
    meeting_form: str = "{year}年党建工作会议"
    """The meeting's name when the brief gives none, with the fields of :func:`name_fields`."""
    period_form: str = "{review_year}年"
    """The period reviewed when the brief gives none, with the fields of :func:`name_fields`."""

    def default_meeting_name(self, year: int, month: int) -> str:
        """The meeting's name when the brief gives none, e.g. «2025年度基层党建工作述职评议会»."""
        return self.meeting_form.format(**name_fields(year, month))

    def default_period(self, year: int, month: int) -> str:
        """The period reviewed when the brief gives none: last year early in the year, else this year's quarter."""
        return self.period_form.format(**name_fields(year, month))


def name_fields(year: int, month: int) -> dict[str, object]:
    """The fields a type's ``meeting_form`` and ``period_form`` may use for a meeting in ``year``/``month``:
    ``year``; ``review_year`` the year a 述职 or 民主生活会 looks back on (last year until June);
    ``quarter`` and ``quarter_year`` the period just finished (:func:`quarter_period`); ``party_years``
    the 建党 anniversary reached that year (see :func:`drafter.genre.dates.party_anniversary`)."""
    return {"year": year, "review_year": year - 1 if month <= 6 else year, "quarter": quarter_period(month),
            "quarter_year": year - 1 if month <= 3 else year, "party_years": year - PARTY_FOUNDED}


PARTY_FOUNDED = 1921
"""The year the Party was founded (1 July 1921)."""


def quarter_period(month: int) -> str:
    """The period just finished at a meeting held in ``month``: 第一季度, 上半年, 第三季度 or 第四季度."""
    if month in (4, 5):
        return "第一季度"
    if month in (6, 7, 8):
        return "上半年"
    if month in (9, 10, 11):
        return "第三季度"
    return "第四季度"


NEW_TYPES = (
    MeetingType(
        id="discipline",
        name="全面从严治党（党风廉政建设）工作会议讲话",
        aliases=("全面从严治党工作会议", "党风廉政建设工作会议", "党风廉政建设会议", "全面从严治党会议"),
        work="全面从严治党工作",
        noun="意见", heading_form="一、", point_form="一要", adjourn=False,
        length=(5000, 8000), default_minutes=30,
        meeting_form="{year}年全面从严治党工作会议", period_form="{review_year}年",
        sections=(("全面从严治党", "党风廉政建设"), ("纪律",), ("责任",)),
        slots=("discipline.purpose", "discipline.response", "discipline.review", "discipline.problems",
               "discipline.transition", "discipline.call"),
    ),
    MeetingType(
        id="warning",
        name="警示教育大会讲话",
        aliases=("警示教育大会", "警示教育会", "警示教育会议"),
        work="警示教育",
        noun="意见", heading_form="一、", point_form="一要", adjourn=False,
        length=(3000, 6000), default_minutes=20,
        meeting_form="{year}年警示教育大会", period_form="{year}年",
        sections=(("把自己摆进去",), ("以案促改",), ("警钟",)),
        slots=("warning.purpose", "warning.sombre", "warning.cases", "warning.mirror", "warning.transition",
               "warning.bell"),
    ),
    MeetingType(
        id="campaign",
        name="主题教育（学习教育）动员部署会讲话",
        aliases=("主题教育动员部署会", "学习教育动员部署会", "动员部署会", "主题教育", "学习教育"),
        work="学习教育",
        noun="任务", heading_form="（一）", point_form="一是", adjourn=False,
        length=(3000, 6000), default_minutes=25,
        meeting_form="学习教育动员部署会议", period_form="{year}年",
        sections=(("学习教育", "主题教育"), ("意义",), ("要求",)),
        slots=("campaign.purpose", "campaign.heading_significance", "campaign.significance",
               "campaign.heading_tasks", "campaign.requirement", "campaign.transition", "campaign.heading_organise",
               "campaign.organise", "campaign.call"),
    ),
    MeetingType(
        id="lecture",
        name="专题党课讲稿",
        aliases=("专题党课", "党课", "党课讲稿"),
        work="党的创新理论学习",
        noun="意见", heading_form="一、", point_form="一是", adjourn=False,
        length=(3000, 9000), default_minutes=40,
        meeting_form="专题党课", period_form="{year}年",
        slots=("lecture.purpose", "lecture.transition", "lecture.central", "lecture.superior", "lecture.local",
               "lecture.close"),
    ),
    MeetingType(
        id="democratic",
        name="民主生活会总结讲话（督导点评）",
        aliases=("民主生活会", "民主生活会总结讲话", "督导点评", "民主生活会点评"),
        work="民主生活会",
        noun="要求", heading_form="一、", point_form="一是", adjourn=False,
        length=(800, 3000), default_minutes=8,
        meeting_form="{review_year}年度民主生活会", period_form="{review_year}年",
        sections=(("总体评价", "总体感觉", "总的感觉", "总的来看", "总体来看", "总的看"), ("整改",)),
        slots=("democratic.purpose", "democratic.response", "democratic.verdict", "democratic.shortfall",
               "democratic.transition", "democratic.pledge"),
    ),
    MeetingType(
        id="july1",
        name="七一表彰大会讲话",
        aliases=("七一表彰大会", "七一", "“七一”表彰大会", "两优一先表彰大会", "庆祝建党表彰大会"),
        work="党建工作",
        noun="希望", heading_form="一、", point_form="一要", adjourn=False,
        length=(3000, 5000), default_minutes=20,
        meeting_form="庆祝中国共产党成立{party_years}周年暨“两优一先”表彰大会", period_form="{year}年",
        sections=(("周年", "华诞", "诞辰", "党的生日"), ("问候", "敬意", "致敬"), ("团结",)),
        slots=("july1.greetings", "july1.congrats", "july1.commended", "july1.transition", "july1.unite"),
    ),
)
"""The six types added after the first three (issue 17); their templates and bank files are named by id."""

TYPE_VARIABLES: dict[str, tuple[str, object]] = {
    "campaign": ("当前开展的主题教育或学习教育的名称（按会议日期或简报 campaign.name），如 党纪学习教育",
                 "深入贯彻中央八项规定精神学习教育"),
    "campaign_short": ("学习教育的简称：主题教育 / 学习教育（名称只在开头出现一次，其余用简称）", "学习教育"),
    "campaign_requirement": ("这次学习教育的总要求或工作要求原文，如 学纪、知纪、明纪、守纪", "学查改一体推进"),
    "person": ("点评意见中被点评人的姓名（drafter reviews），如 王建国", "王建国"),
    "post": ("点评意见中被点评人的职务，如 城东街道党工委书记", "城东街道党工委书记"),
    "assessment": ("点评意见中被点评人的民主测评结果，如 “好”等次得票率92%", "“好”等次得票率92%"),
    "committee": ("讲话人所在的党委（由职务得出），如 区委 / 县委 / 党工委", "区委"),
    "anniversary": ("会议当年建党周年数（整数），如 105", 105),
    "theme": ("专题党课的主题（简报 lecture.theme），如 牢记初心使命，勇于担当作为", "牢记初心使命，勇于担当作为"),
    "commended": ("七一表彰大会受表彰的先进（简报 commended），以顿号连接，如 优秀共产党员30名、先进基层党组织15个",
                  "优秀共产党员30名、优秀党务工作者15名、先进基层党组织20个"),
}
"""Phrase-bank variables the six newer types add: name → (description, sample value). Every draft's
context holds them (empty text where the type has none), see :mod:`drafter.compose.occasions`."""

TYPES: dict[str, MeetingType] = {
    t.id: t
    for t in (
        MeetingType(
            id="review",
            name="基层党建工作述职评议会书记总结讲话",
            aliases=("述职评议会", "述职评议", "基层党建工作述职评议会"),
            work="基层党建工作",
            noun="意见",
            heading_form="一、",
            point_form="一要",
            adjourn=True,
            length=(2500, 4000),
            default_minutes=15,
            meeting_form="{review_year}年度基层党建工作述职评议会",
            slots=("opening.purpose", "opening.response", "opening.superior", "opening.verdict", "achievements.intro",
                   "achievements.close", "problems.intro", "problems.close", "opinions.transition",
                   "closing.situation", "closing.call", "closing.adjourn",
                   # the 点评 of each 述职人 (drafter reviews), written for this type only
                   "reviews.open", "reviews.assessment", "reviews.problems", "reviews.next", "reviews.advice",
                   "reviews.close"),
        ),
        MeetingType(
            id="annual",
            name="年度党建工作会议讲话",
            aliases=("年度党建工作会议", "党建工作会议", "年度会议"),
            work="党建工作",
            noun="意见",
            heading_form="一、",
            point_form="一是",
            adjourn=False,
            length=(4000, 8000),
            default_minutes=30,
            meeting_form="{year}年党建工作会议",
            slots=("opening.purpose", "opening.response", "opening.superior", "achievements.intro", "achievements.close",
                   "problems.intro", "problems.close", "situation.outlook", "opinions.transition",
                   "closing.situation", "closing.call", "closing.adjourn"),
        ),
        MeetingType(
            id="quarterly",
            name="季度（半年）党建工作讲评会讲话",
            aliases=("季度讲评会", "半年讲评会", "讲评会", "季度党建工作讲评会"),
            work="党建工作",
            noun="要求",
            heading_form="一、",
            point_form="一要",
            adjourn=False,
            length=(2000, 4000),
            default_minutes=15,
            meeting_form="{quarter_year}年{quarter}党建工作讲评会",
            period_form="{quarter}",
            slots=("opening.purpose", "opening.response", "opening.superior", "opening.visits", "achievements.intro",
                   "achievements.close", "problems.intro", "problems.close", "opinions.transition",
                   "closing.situation", "closing.call", "closing.urgency", "closing.confidence",
                   "closing.adjourn"),
        ),
        *NEW_TYPES,
    )
}


def lookup(name: str) -> MeetingType | None:
    """The type whose id or Chinese alias is ``name`` (surrounding spaces ignored), or None."""
    key = name.strip()
    if key in TYPES:
        return TYPES[key]
    for t in TYPES.values():
        if key in t.aliases or key == t.name:
            return t
    return None
