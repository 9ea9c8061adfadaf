"""What the phrase bank is built around: the variables a text may use, the framing slots each meeting type
asks for, the stock topics, and the words of an entry's conditions (``needs``, ``speaker``, ``timing``).

Everything here is a fact table; nothing reads a file. phrasebank/README.md documents the same vocabulary
for writers (a test keeps the two in step).
"""

from __future__ import annotations

from drafter.genre import meeting_types

CONTEXT_VARIABLES: dict[str, str] = {
    "jurisdiction": "本级的自称，如 全区 / 全县 / 全市 / 高新区",
    "superior": "上级党委，如 市委",
    "meeting": "会议名称，如 2025年度基层党建工作述职评议会",
    "period": "讲评或回顾的时段，如 2025年 / 第三季度 / 上半年",
    "year": "会议日期所在年份（整数），如 2026",
    "last_year": "上一年（整数），如 2025",
    "speaker": "讲话人职务，如 区委书记",
    "announce": "宣布的要点数及名称，与正文要点数一致，如 三点意见 / 三点要求 / 四个坚持 / 几点意见",
    "count": "要点数（汉字），如 三 / 两 / 四 / 几",
    "work": "会议所讲的工作，如 基层党建工作 / 党建工作",
    "units": "负责落实的单位，如 各级党组织",
    "spirit": "按会议日期算出的学习贯彻提法，如 党的二十大和二十届二中、三中、四中全会精神",
    "year_label": "年份定位，如 “十五五”开局之年；可能为空字符串",
    "sites": "季度讲评会观摩的点位，以顿号连接，如 城东街道、南湖社区",
    "prior": "讲话前会议已进行的议程，一个分句，不带“刚才”和句末标点，如 9个镇街党（工）委书记分别作了述职发言（模板在 opening.response 前写“刚才，{{ prior }}。”）",
}
"""Every variable a phrase text may use, with what it holds. The renderer passes all of them."""

SAMPLE_CONTEXT: dict[str, object] = {
    "jurisdiction": "全区",
    "superior": "市委",
    "meeting": "2025年度基层党建工作述职评议会",
    "period": "2025年",
    "year": 2026,
    "last_year": 2025,
    "speaker": "区委书记",
    "announce": "三点意见",
    "count": "三",
    "work": "基层党建工作",
    "units": "各级党组织",
    "spirit": "党的二十大和二十届二中、三中、四中全会精神",
    "year_label": "“十五五”开局之年",
    "sites": "城东街道、南湖社区、高新产业园",
    "prior": "9个镇街党（工）委书记分别作了述职发言",
}
"""A realistic context used by ``drafter phrases check`` to try every text."""

# the facts the newer meeting types add (the campaign's name, the anniversary …), declared with the types
CONTEXT_VARIABLES.update({k: v[0] for k, v in meeting_types.TYPE_VARIABLES.items()})
SAMPLE_CONTEXT.update({k: v[1] for k, v in meeting_types.TYPE_VARIABLES.items()})

BUILTIN_TYPES: tuple[str, ...] = tuple(meeting_types.TYPES)
"""Ids of the meeting types drafter ships (see :mod:`drafter.genre.meeting_types`)."""

FRAMING_SLOTS: dict[str, tuple[str, ...]] = {t.id: t.slots for t in meeting_types.TYPES.values()}
"""The framing slots each built-in meeting type's template asks for (declared by the type)."""

MIN_VARIANTS = 8
"""How many currently valid entries every framing slot needs for every built-in type."""

BUILTIN_LAYER = "内置"
"""How the built-in layer is named in listings."""

NEEDS: dict[str, str] = {
    "reports": "讲话前有述职或汇报（meeting.before.reports）",
    "comments": "讲话前有人作了点评，不论是谁（meeting.before.comments）",
    "comments_by_others": "点评由其他同志作出（meeting.before.comments_by: others 或 both）",
    "comments_by_speaker": "讲话人本人也作了点评（meeting.before.comments_by: speaker 或 both）",
    "others_only": "讲话前发言的都是其他同志，讲话人本人没有作点评（称赞“讲得很好”的句子要它，免得讲话人称赞自己）",
    "assessment": "进行了民主测评（meeting.before.assessment: 是）",
    "visits": "会前进行了实地观摩（meeting.before.visits）",
    "superior_speech": "讲话前有上级领导讲话（meeting.before.superior）",
    "commendation": "会上进行了表彰（meeting.before.other 里写了“表彰”，或简报写了 commended）",
}
"""The agenda facts an entry may assert (``needs:``), each chosen only when the brief states it."""

SPEAKERS: dict[str, str] = {
    "host": "讲话人主持召开这次会议（本单位的会，默认）",
    "guest": "讲话人应邀到会讲话（如上级领导、授课人）",
}
"""The speaker's relation to the meeting (``speaker:`` of an entry, ``speaker.relation`` of a brief)."""

TIMINGS: dict[str, str] = {
    "period_open": "会议日期在所讲时段（季度、半年、全年）结束之前：时段还没有过完",
    "period_over": "会议日期在所讲时段结束之后：时段已经过完",
    "year_start": "会议在一年的开头（1月、2月）",
    "second_half": "会议在下半年（7月至12月）：可以说“距离年底时间不多”",
    "party_day": "会议就在7月1日：可以说“今天是我们党的节日”“在这个特殊的日子里”",
    "before_party_day": "会议在当年7月1日之前：可以说“喜迎党的……岁生日”",
    "july": "会议在7月：可以说“七月的大地，党旗飘扬”",
}
"""Where the meeting date falls (``timing:`` of an entry; all listed must hold)."""

STOCK_TOPICS: dict[str, tuple[str, ...]] = {
    "political": ("政治建设", "政治站位", "政治判断", "政治领悟", "政治执行", "两个维护", "两个确立",
                  "对党忠诚", "党的领导", "讲政治", "政治"),
    "theory": ("理论武装", "理论学习", "思想武装", "学习教育", "思想建党", "学懂弄通", "铸魂", "理论", "学习"),
    "organization": ("组织建设", "基层组织", "战斗堡垒", "组织力", "组织功能", "组织体系", "支部建设",
                     "党支部", "基层基础", "党员教育", "党员管理", "阵地", "组织"),
    "integrity": ("党风廉政", "廉政", "廉洁", "反腐", "从严治党", "纪律", "监督", "不敢腐", "清廉"),
    "conduct": ("作风建设", "作风", "四风", "八项规定", "形式主义", "官僚主义", "调查研究", "真抓实干"),
    "governance": ("基层治理", "社会治理", "城市治理", "乡村治理", "网格", "社区", "乡村振兴", "服务群众", "治理"),
    "responsibility": ("责任落实", "主体责任", "压实责任", "主责主业", "一岗双责", "责任", "考核", "抓落实"),
    "cadres": ("队伍建设", "干部队伍", "人才", "党务干部", "带头人", "书记队伍", "年轻干部", "干部", "队伍"),
}
"""Topic → keywords looked for in a point's heading. A longer keyword that matches weighs more."""


def detect_topic(heading: str) -> str | None:
    """The stock topic (a key of :data:`STOCK_TOPICS`) whose keywords best match ``heading``, or None."""
    best, best_score = None, 0
    for topic, words in STOCK_TOPICS.items():
        score = sum(len(w) for w in words if w in heading)
        if score > best_score:
            best, best_score = topic, score
    return best
