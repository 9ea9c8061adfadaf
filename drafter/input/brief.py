"""The brief: what a writer says about a meeting, as a typed, validated object.

:func:`load_brief` reads a YAML brief (through :mod:`drafter.input.yamlfile`), validates it against
:class:`Brief` and returns it, or raises :class:`~drafter.errors.BriefError` listing **every**
problem as ``brief.yaml:LINE:COL: 错误：…`` with a hint. Unknown keys are flagged with the nearest
known key. The attribute docstrings below are written for the writer: they become the JSON Schema
descriptions that ``drafter schema`` prints and that editors show while completing keys.

Keys are English, values Chinese. A field left out is filled by the meeting type's defaults later
(:mod:`drafter.compose.plan`), never left empty.
"""

import difflib
import hashlib
import os
import re
from types import MappingProxyType
from typing import Annotated, Any, Literal

from drafter.errors import BriefError, Problem
from drafter.genre import meeting_types, numbering
from drafter.input import records as schema
from drafter.input.problems import in_order, read_record
from drafter.input.records import Record, Spec, factory
from drafter.input.reviewees import MAX_REVIEWEES, Reviewee
from drafter.input.values import Count, Date, Text, YesNo, says_no
from drafter.input.yamlfile import YamlDocument, YamlProblems, load, loads


def _known_type(value: str) -> str:
    """A meeting type's id, from its id or Chinese name."""
    found = meeting_types.lookup(value)
    if found is None:
        choices = "；".join(f"{t.id}（{t.name}）" for t in meeting_types.TYPES.values())
        raise ValueError(f"没有「{value}」这种会议类型。可选：{choices}")
    return found.id


def _spoken_form(value: str) -> str:
    allowed = numbering.SPOKEN_FORMS + ("无",)
    if value not in allowed:
        raise ValueError(f"序号形式「{value}」不可用于这里。可选：{'、'.join(allowed)}")
    return value


def _known_form(value: str) -> str:
    if value not in numbering.ALL_FORMS:
        raise ValueError(f"序号形式「{value}」不认识。可选：{'、'.join(numbering.ALL_FORMS)}")
    return value


def _title_shorthand(value: Any) -> Any:
    """``title: 一行文字`` is short for ``title: {text: 一行文字}``."""
    return {"text": value} if isinstance(value, str) else value


MAX_ITEMS = 30
"""The most entries a list of the brief may have (points, items, opinions, visits); a speech has far fewer."""


# ----------------------------------------------------------------------------- the schema


class Superior(Record):
    """讲话前上级领导的讲话。"""

    speaker: Text
    """上级领导的职务和姓名，如「市委常委、组织部部长李明同志」。"""
    gist: Text | None = None
    """讲话要点（一句或几句），如「从三个方面对全市基层党建工作提出了明确要求」；前面不用写“刚才”。"""


class Before(Record):
    """讲话前的议程：谁作了述职或汇报、谁作了点评、有没有测评、上级领导讲话、观摩了哪些点位。"""

    reports: Text | None = None
    """述职或汇报情况，如「8个镇和6个系统党委书记分别作了述职发言」（前面不用写“刚才”）。"""
    comments: Text | None = None
    """点评情况，如「王明、李华同志分别作了点评」。"""
    comments_by: Literal["speaker", "others", "both"] | None = None
    """点评是谁作的：speaker（讲话人本人）、others（其他同志）、both（都有）。不写则按 comments 的文字判断（有“我”即含讲话人）。"""
    assessment: YesNo = False
    """会上是否进行了民主测评：是 / 否。写“否”时讲话不会提到测评。"""
    superior: Superior | None = None
    """讲话前上级领导的讲话：speaker（职务姓名）、gist（要点）；讲话稿会单独用一段回应。"""
    visits: Annotated[list[Text], Spec(max_items=MAX_ITEMS)] = factory(list)
    """实地观摩或督查的点位，每项一个地方，如「城东街道幸福里社区」。"""
    other: Text | None = None
    """其他议程，如「宣读了表彰决定」。"""
    place: Literal["开头", "回顾之后"] = "开头"
    """「刚才……」一段放在哪里：开头（默认，开场就回应讲话前的议程）或 回顾之后（先讲成绩和问题，再说「刚才……」，接着宣布要点）；对上级领导讲话的回应随这一段一起。回顾之后只用于 review、annual、quarterly、discipline。"""


class Meeting(Record):
    """会议的基本情况。"""

    type: Annotated[Text, Spec(check=_known_type)]
    """会议类型：review（述职评议会总结讲话）、annual（年度党建工作会议讲话）、quarterly（季度/半年讲评会讲话）、discipline（全面从严治党工作会议讲话）、warning（警示教育大会讲话）、campaign（学习教育动员部署会讲话）、lecture（专题党课讲稿）、democratic（民主生活会总结讲话）、july1（七一表彰大会讲话）；也可写中文名称。"""
    name: Text | None = None
    """会议名称，如「2025年度基层党建工作述职评议会」。不写则按会议类型和日期生成。"""
    date: Date
    """会议日期，写成 2026-02-15。决定日期行、时效性提法和年度表述。"""
    before: Before = factory(Before)
    """讲话前的议程（述职、点评、观摩）。"""


class Speaker(Record):
    """讲话人。"""

    role: Text
    """职务，如「区委书记」「县委副书记」「党工委书记」。"""
    name: Text | None = None
    """姓名，可不写；写了会出现在标题下的署名行。"""
    unit: Text | None = None
    """所在单位，如「中共城东区委」；写入文档属性的“作者”。不写则用职务。"""
    relation: Literal["host", "guest"] = "host"
    """讲话人与会议的关系：host（本级主持召开的会议，默认）或 guest（应邀到会讲话）。决定选用哪些客套话和结束语。"""


class Title(Record):
    """讲话标题。"""

    text: Text | None = None
    """主标题。不写则生成「职务在会议名称上的讲话」。"""
    subtitle: YesNo = False
    """是否加副标题「——在会议名称上的讲话」（主标题为主题句时使用）：是 / 否。"""


class Item(Record):
    """一条成绩或问题。"""

    lead: Text | None = None
    """领句，如「党建责任全面落实」，不写序号，句末标点可省。"""
    text: Text | None = None
    """具体内容；数字不确定时可先写 X，drafter check 会提醒。"""


SectionLayout = Literal["inline", "paragraphs"]


class Section(Record):
    """成绩或问题部分。"""

    summary: Text | None = None
    """总括句，不写则从话术库选取。"""
    layout: SectionLayout = "inline"
    """排法：inline（写在一段里：一是……。二是……。）或 paragraphs（每条单独成段）。"""
    form: Annotated[Text, Spec(check=_spoken_form)] = "一是"
    """各条的序号形式：一是、第一，、首先，或 无（只加粗领句）。"""
    items: Annotated[list[Item], Spec(max_items=MAX_ITEMS)] = factory(list)
    """各条内容。"""


class SubPoint(Record):
    """一点意见下的一条要求。"""

    lead: Text | None = None
    """领句，如「强化理论武装」；前面的「一要」由 drafter 自动编排。"""
    text: Text | None = None
    """展开的内容。"""


class Opinion(Record):
    """一点意见（一个一级标题）。"""

    heading: Text | None = None
    """标题，如「加强政治建设，凝聚核心力量」，不写「一、」等序号。"""
    lead: Text | None = None
    """标题下的引导段（可不写）。"""
    points: Annotated[list[SubPoint], Spec(max_items=MAX_ITEMS)] = factory(list)
    """这一点下面的分条要求（一要……二要……）。只写标题时，drafter 会从话术库补一段通用内容并提示核对。"""


class Opinions(Record):
    """「下面，我讲三点意见」之后的主体部分。"""

    noun: Literal["意见", "要求", "希望", "问题", "方面的意见", "方面的要求", "坚持"] | None = None
    """宣布时用的词：意见（讲三点意见）、要求（提三点要求）、希望（提三点希望）、问题（讲两个问题）、方面的意见（讲三个方面的意见）、方面的要求（提三个方面的要求）、坚持（四个坚持，各标题须以“坚持”开头）。条数由 drafter 按各点数出。不写则按会议类型。"""
    form: Annotated[Text, Spec(check=_known_form)] | None = None
    """各点的序号形式：一、（默认，黑体一级标题）、（一）（楷体二级标题）、一要 / 一是 / 第一，（段首加粗）、——（段首加粗「——坚定信念，」，正文接在同一段）。"""
    point_form: Annotated[Text, Spec(check=_known_form)] | None = None
    """分条要求的序号形式：一要、一是、第一，、首先，、——，或标题形式（一）、1.。不写则按会议类型。"""
    point_layout: Literal["headings", "inline"] = "headings"
    """分条要求的排法，用于（一）、1. 等标题序号：headings（默认，单独成行的标题）或 inline（「（一）筑牢……。」加粗领句，正文接在同一段）。"""
    count: Literal["具体", "几"] = "具体"
    """宣布要点数的方式：具体（默认，「讲三点意见」）或 几（「讲几点意见」「提几点要求」）。"""
    purpose: Text | None = None
    """宣布要点前的目的分句，如「为贯彻落实好这次全会精神」；写了就用「……，我讲三点意见。」代替话术库的过渡句。"""
    layout: Literal["headings", "inline"] = "headings"
    """各点的排法：headings（默认，单独成行的标题）或 inline（「（一）坚持……。」加粗领句，正文接在同一段）。"""
    items: Annotated[list[Opinion], Spec(min_items=1, max_items=MAX_ITEMS)]
    """各点意见，至少一点。数量决定「讲X点意见」中的数字。"""


class Closing(Record):
    """结尾。"""

    text: Text | None = None
    """自拟的结束语（每行一段），原样使用；已以“散会”结尾时不再另加散会语。不写则从话术库选取。"""
    adjourn: YesNo | None = None
    """讲话人是否同时宣布散会（结尾加「我就讲这些。散会！」）：是 / 否。不写则按会议类型。"""


class Options(Record):
    """生成选项。"""

    minutes: Annotated[Count, Spec(ge=1, le=120)] | None = None
    """讲话时长目标（分钟），用于篇幅检查。"""
    variant: Annotated[Count, Spec(ge=1, le=9999)] = 1
    """措辞版本：同一简报同一版本号总是得到同一稿；换一个数字得到另一种措辞。"""
    reading_speed: Annotated[Count, Spec(ge=150, le=220)] = 180
    """念稿速度（字/分钟），150 到 220，默认 180。"""
    profile: Text | None = None
    """版式方案：gbt9704（默认，页码在外侧）、centered（页码居中），或本单位版式文件的路径。"""
    bank: list[Text] = factory(list)
    """本单位话术库文件夹（相对于简报所在文件夹），后面的覆盖前面的。"""


# ----------------------------------------------------------------------------- facts of the newer meeting types
# (issue 17: 警示教育大会, 学习教育动员部署会, 专题党课, 七一表彰大会, and the 点评 of each 述职人)


class Case(Record):
    """警示教育大会上剖析的一起案例。"""

    who: Text
    """当事人，如「某镇原党委书记张某某」（通报时一般隐去全名）。"""
    facts: Text
    """主要违纪违法事实，一两句话。"""
    lesson: Text | None = None
    """这起案例的教训或警示，可不写。"""


class Campaign(Record):
    """主题教育或学习教育。不写则按会议日期取中央当时部署的那一项（见 drafter/data/campaigns.yaml）。"""

    name: Text
    """名称，如「党纪学习教育」。"""
    requirement: Text
    """总要求或工作要求的原文，如「学纪、知纪、明纪、守纪」。"""


class Lecture(Record):
    """专题党课。"""

    theme: Text
    """党课主题，作讲稿主标题，如「牢记初心使命，勇于担当作为」。三个部分依次写在 opinions.items：中央精神、上级要求、本级落实。"""


class Commended(Record):
    """七一表彰大会上受表彰的一类先进。"""

    kind: Text
    """类别，如「优秀共产党员」「先进基层党组织」。"""
    count: Count | None = None
    """人数或个数，如 30。"""
    examples: Text | None = None
    """代表性的先进事迹，一两句话，可不写。"""


class Brief(Record):
    """讲话稿简报：drafter 据此生成讲话稿初稿。"""

    meeting: Meeting
    """会议：类型、名称、日期、讲话前的议程。"""
    speaker: Speaker
    """讲话人：职务、姓名。"""
    jurisdiction: Text | None = None
    """讲话中对本地的称呼：全区、全县、全市、高新区……不写则按职务推断（区委书记→全区）。"""
    superior: Text | None = None
    """上级党委，如「市委」。不写则按职务推断（区委、县委→市委；市委→省委）。"""
    title: Annotated[Title | None, Spec(parse=_title_shorthand)] = None
    """标题；可直接写一行文字，或写 text 和 subtitle。不写则生成「职务在会议上的讲话」。"""
    period: Text | None = None
    """回顾的时段：2025年、第三季度、上半年……不写则按会议类型和日期推断。"""
    opening: Text | None = None
    """开场段（每行一段），原样放在讲话最前面（称谓之后、目的句或问候句之前），如会议背景、会议任务。不写则没有。"""
    situation: Text | None = None
    """形势段（每行一段），如「2026年是“十五五”开局之年……」，放在问题之后、宣布要点之前。不写则按会议日期生成；写“否”则不要这一段。"""
    achievements: Section | None = None
    """成绩部分。"""
    problems: Section | None = None
    """问题和不足部分。"""
    opinions: Opinions
    """意见部分（讲话的主体）。"""
    closing: Closing = factory(Closing)
    """结尾。"""
    options: Options = factory(Options)
    """生成选项：时长、措辞版本、版式。"""
    # issue 17: facts only some meeting types use (drafter.compose.occasions refuses them elsewhere)
    cases: Annotated[list[Case], Spec(max_items=MAX_ITEMS)] = factory(list)
    """警示教育大会（warning）剖析的案例，每项写 who、facts，可加 lesson。"""
    campaign: Campaign | None = None
    """学习教育动员部署会（campaign）：主题教育或学习教育的名称和总要求。不写则按会议日期确定。"""
    lecture: Lecture | None = None
    """专题党课（lecture）：党课主题。"""
    commended: Annotated[list[Commended], Spec(max_items=MAX_ITEMS)] = factory(list)
    """七一表彰大会（july1）受表彰的先进，每类一项：kind、count，可加 examples。"""
    reviewees: Annotated[list[Reviewee], Spec(max_items=MAX_REVIEWEES)] = factory(list)
    """述职评议会（review）上述职的书记，每人一项，drafter reviews 据此写点评意见（见 drafter/input/reviewees.py）。"""

    framing = MappingProxyType({})  # slot → own sentence or None (off): not a field, see read_framing


FRAMING_DOC = ("框架句子：用途 → 自己的句子（原样使用，不再从话术库选）或“否”（不要这一句），"
               "如 {opening.purpose: 今天，我们召开……, problems.close: 否}。可写的用途见 drafter phrases list 和 README。")
"""The description of the brief's ``framing`` key (a mapping, which the record engine has no type for)."""

EXTRA_SLOTS = ("opening.superior",)
"""Framing slots the built-in templates ask for beside the meeting types' own (only when the brief needs them)."""

def framing_slots() -> tuple[str, ...]:
    """Every framing slot a brief's ``framing`` may name: each meeting type's slots and :data:`EXTRA_SLOTS`."""
    slots = dict.fromkeys(s for t in meeting_types.TYPES.values() for s in t.slots)
    slots.update(dict.fromkeys(EXTRA_SLOTS))
    return tuple(slots)


def read_framing(data: dict, doc: YamlDocument, problems: list[Problem]) -> dict[str, str | None]:
    """The brief's ``framing``: slot → the writer's sentence, or None for a slot switched off with 否."""
    raw = data.get("framing")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(doc.problem(("framing",), "framing（框架句子）下面应是若干“用途: 句子”",
                                    "如 framing: {opening.purpose: 今天，我们召开……, problems.close: 否}"))
        return {}
    known = framing_slots()
    out: dict[str, str | None] = {}
    for key, value in raw.items():
        path = ("framing", key)
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
            problems.append(doc.problem(path, f"framing 里没有「{key}」这个用途",
                                        (f"是不是「{near[0]}」？" if near else "") + "可写的用途：" + "、".join(known), key=True))
        elif says_no(value):
            out[key] = None
        elif isinstance(value, str) and value.strip():
            out[key] = value.strip()
        else:
            problems.append(doc.problem(path, f"framing.{key} 应是一句话，或写“否”表示不要这一句",
                                        "直接写句子；不要写成列表或“键: 值”"))
    return out


# ----------------------------------------------------------------------------- messages

_TYPED_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、是要]|（[一二三四五六七八九十\d]+）|\(\S{1,3}\)|\d+[.．、]|第[一二三四五六七八九十]+[，,])")


_HEADING_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _dicts(value: Any) -> list[tuple[int, dict]]:
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _semantic_problems(data: dict, doc: YamlDocument) -> list[Problem]:
    """Problems the schema's types cannot see: empty points, typed ordinals, forms that do not nest.

    Works on the raw data, so that these are reported in the same run as the schema's own problems.
    """
    problems: list[Problem] = []
    meeting = data.get("meeting") if isinstance(data.get("meeting"), dict) else {}
    mt = meeting_types.lookup(_text(meeting.get("type")) or "") or meeting_types.TYPES["review"]
    ops = data.get("opinions") if isinstance(data.get("opinions"), dict) else {}
    form = _text(ops.get("form")) or mt.heading_form
    point_form = _text(ops.get("point_form")) or mt.point_form
    items = _dicts(ops.get("items"))
    points_of = {i: _dicts(o.get("points")) for i, o in items}
    has_points = any(points_of.values())
    if form in numbering.HEADING_FORMS and point_form in numbering.HEADING_FORMS:
        if numbering.HEADING_FORMS.index(point_form) <= numbering.HEADING_FORMS.index(form):
            problems.append(doc.problem(("opinions", "point_form"),
                                        f"分条要求的序号「{point_form}」不能与各点的序号「{form}」同级或更高",
                                        "层次依次是 一、→（一）→ 1. →（1）"))
    if ops.get("point_layout") == "inline" and point_form not in numbering.HEADING_FORMS:
        problems.append(doc.problem(("opinions", "point_layout"), f"分条要求的序号「{point_form}」本来就写在段首，point_layout: inline 只用于（一）、1. 等标题序号",
                                    "删掉 point_layout，或把 point_form 改为（一）"))
    if form in numbering.SPOKEN_FORMS + (numbering.DASH,) and point_form in numbering.HEADING_FORMS and has_points:
        problems.append(doc.problem(("opinions", "point_form"),
                                    f"各点用「{form}」段首序号时，分条要求不能用标题序号「{point_form}」",
                                    "分条要求改用 一是 / 第一， 等段内序号"))
    if form == "首先，" and len(items) > 5:
        problems.append(doc.problem(("opinions", "form"), "「首先、其次……最后」最多数五项", "改用 一是 / 第一， 等序号"))
    if point_form == "首先，" and any(len(points) > 5 for points in points_of.values()):
        problems.append(doc.problem(("opinions", "point_form"), "「首先、其次……最后」最多数五项", "改用 一要 / 一是 等序号"))
    noun = _text(ops.get("noun"))
    for i, item in items:
        path = ("opinions", "items", i)
        heading = _text(item.get("heading"))
        points = points_of[i]
        if not (heading or _text(item.get("lead")) or points):
            problems.append(doc.problem(path, f"第{i + 1}点意见既没有标题也没有内容", "写上 heading（标题），或删掉这一项"))
            continue
        if heading and _TYPED_ORDINAL.match(heading):
            problems.append(doc.problem(path + ("heading",), f"标题「{heading}」自带了序号",
                                        "序号由 drafter 自动编排，删掉开头的「一、」「（一）」等"))
        if noun == "坚持" and heading and not heading.startswith("坚持"):
            problems.append(doc.problem(path + ("heading",), f"宣布“几个坚持”时，各点标题都要以“坚持”开头：「{heading}」",
                                        "改写标题，或把 opinions.noun 改为 意见"))
        if form not in numbering.HEADING_FORMS and not heading:
            problems.append(doc.problem(path, f"用「{form}」段首序号时，每一点都要有 heading（领句）", "写上 heading"))
        for j, point in points:
            ppath = path + ("points", j)
            lead = _text(point.get("lead"))
            if not (lead or _text(point.get("text"))):
                problems.append(doc.problem(ppath, f"第{i + 1}点意见的第{j + 1}条要求是空的", "写上 lead 或 text，或删掉这一项"))
            elif lead and _TYPED_ORDINAL.match(lead):
                problems.append(doc.problem(ppath + ("lead",), f"领句「{lead}」自带了序号",
                                            "序号由 drafter 自动编排，删掉开头的「一要」「一是」等"))
    closing = data.get("closing") if isinstance(data.get("closing"), dict) else {}
    for line in (_text(closing.get("text")) or "").splitlines():
        if _HEADING_ORDINAL.match(line.strip()):
            problems.append(doc.problem(("closing", "text"), f"结束语的一段以序号开头：「{line.strip()[:12]}」，会被当作标题",
                                        "结束语不分条；删掉开头的「一、」「（一）」"))
            break
    for section in ("achievements", "problems"):
        sec = data.get(section)
        if not isinstance(sec, dict):
            continue
        sec_items = _dicts(sec.get("items"))
        for j, it in sec_items:
            ipath = (section, "items", j)
            lead = _text(it.get("lead"))
            if not (lead or _text(it.get("text"))):
                problems.append(doc.problem(ipath, "这一条既没有 lead 也没有 text", "写上内容，或删掉这一项"))
            elif lead and _TYPED_ORDINAL.match(lead):
                problems.append(doc.problem(ipath + ("lead",), f"领句「{lead}」自带了序号",
                                            "序号由 drafter 自动编排，删掉开头的「一是」等"))
        if _text(sec.get("form")) == "首先，" and len(sec_items) > 5:
            problems.append(doc.problem((section, "form"), "「首先、其次……最后」最多数五项", "改用 一是 等序号"))
    return problems


_EXAMPLE = "drafter new 生成的简报里有示例"
"""Where a writer finds an example of a key the brief lacks (the end of the hint)."""


def validate(doc: YamlDocument) -> Brief:
    """Validate a loaded YAML document as a brief, or raise BriefError with every problem."""
    if not isinstance(doc.data, dict):
        what = "列表" if isinstance(doc.data, list) else "一段文字"
        raise BriefError([doc.problem((), f"简报的最外层应是若干“键: 值”，这里是{what}",
                                      "参照 drafter new 生成的简报，从 meeting: 开始写")])
    problems = _semantic_problems(doc.data, doc)
    framing = read_framing(doc.data, doc, problems)
    brief, record_problems = read_record(Brief, doc, example=_EXAMPLE, extra_keys=("framing",))
    problems = in_order(problems + record_problems)
    if problems:
        raise BriefError(problems)
    assert brief is not None
    brief.framing = MappingProxyType(framing)
    return brief


def load_brief(path: str | os.PathLike, *, display_name: str | None = None,
               text: str | None = None) -> tuple[Brief, YamlDocument]:
    """Read, parse and validate a brief file, or ``text`` in its place (the writer's desk's unsaved
    form, named by ``path``). Returns the brief and the document (for positions)."""
    try:
        if text is not None:
            doc = loads(text, display_name or os.fspath(path))
            doc.digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        else:
            doc = load(path, display_name=display_name, what="简报",
                       missing_hint="检查文件名和路径；用 drafter new 可以生成一份简报",
                       large_hint="简报只写要点；成段的材料请精简后再放进来")
    except YamlProblems as err:
        raise BriefError(err.problems) from None
    return validate(doc), doc


def json_schema() -> dict:
    """The brief's JSON Schema (draft 2020-12), with the Chinese descriptions above."""
    out = schema.json_schema(Brief)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "drafter 讲话稿简报"
    # the title may also be a single line of text
    props = out["properties"]
    props["title"] = {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/Title"}, {"type": "null"}],
                      "default": None, "description": props["title"].get("description", "")}
    props["framing"] = {"additionalProperties": {"type": "string"}, "propertyNames": {"enum": list(framing_slots())},
                        "type": "object", "description": FRAMING_DOC}
    # dates and yes/no are written as text in YAML too
    return out
