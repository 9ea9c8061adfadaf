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

    def default_meeting_name(self, year: int, month: int) -> str:
        """The meeting's name when the brief gives none, e.g. «2025年度基层党建工作述职评议会»."""
        if self.id == "review":
            return f"{year - 1 if month <= 6 else year}年度基层党建工作述职评议会"
        if self.id == "annual":
            return f"{year}年党建工作会议"
        return f"{year - 1 if month <= 3 else year}年{quarter_period(month)}党建工作讲评会"

    def default_period(self, year: int, month: int) -> str:
        """The period reviewed when the brief gives none: last year early in the year, else this year's quarter."""
        if self.id == "quarterly":
            return quarter_period(month)
        return f"{year - 1}年" if month <= 6 else f"{year}年"


def quarter_period(month: int) -> str:
    """The period just finished at a meeting held in ``month``: 第一季度, 上半年, 第三季度 or 第四季度."""
    if month in (4, 5):
        return "第一季度"
    if month in (6, 7, 8):
        return "上半年"
    if month in (9, 10, 11):
        return "第三季度"
    return "第四季度"


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
            slots=("opening.purpose", "opening.response", "opening.superior", "opening.verdict", "achievements.intro",
                   "achievements.close", "problems.intro", "problems.close", "opinions.transition",
                   "closing.situation", "closing.call", "closing.adjourn"),
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
            slots=("opening.purpose", "opening.response", "opening.superior", "opening.visits", "achievements.intro",
                   "achievements.close", "problems.intro", "problems.close", "opinions.transition",
                   "closing.situation", "closing.call", "closing.urgency", "closing.confidence",
                   "closing.adjourn"),
        ),
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
