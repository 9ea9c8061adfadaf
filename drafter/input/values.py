"""The values a writer types into any YAML file, read one way everywhere: dates, yes/no, text, counts,
lengths and font sizes.

Every file drafter reads (brief, phrase-bank entries, layout profiles, config, formulation files) uses these
parsers through the record engine (:mod:`drafter.input.records`), so a date or a yes/no is accepted in the same
forms and refused with the same message wherever it is written. Each parser raises ValueError with a message
for the writer (in Chinese).
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from drafter.genre import numbering
from drafter.input.records import Spec


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)


def parse_date(value: Any) -> datetime.date:
    """A meeting date written as 2026-02-15, 2026-2-15, 2026/2/15 or 2026年2月15日."""
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        raise ValueError("日期应写成 2026-02-15 这样的形式")
    text = value.strip()
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if not 1 <= mo <= 12:
                raise ValueError(f"日期「{text}」不存在：月份应在 1 到 12 之间")
            try:
                return datetime.date(y, mo, d)
            except ValueError:
                raise ValueError(f"日期「{text}」不存在：{y}年{mo}月没有{d}日") from None
    if re.match(r"^\d{4}(年\d{1,2}月|-\d{1,2})$", text):
        raise ValueError(f"日期「{text}」缺少“日”：会议日期要具体到哪一天，如 2026-02-15")
    raise ValueError(f"「{text}」不是日期：应写成 2026-02-15 这样的形式")


YES = frozenset({"true", "yes", "on", "y", "1", "是", "对"})
NO = frozenset({"false", "no", "off", "n", "0", "否", "不", "不要"})
"""drafter's one yes/no vocabulary (any case): yes/no fields, and 否 for a text the writer does not want."""


def says_no(value: Any) -> bool:
    """Whether ``value`` is a «no» of :data:`NO` (or YAML's false): a framing sentence or the situation
    paragraph switched off with 否."""
    return value is False or (isinstance(value, str) and value.strip().lower() in NO)


def parse_yes_no(value: Any) -> bool:
    """A yes/no answer: 是/否, true/false, yes/no (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        key = value.strip().lower()
        if key in YES:
            return True
        if key in NO:
            return False
    raise ValueError(f"「{value}」不是“是/否”：应填 是 或 否（也可写 true / false）")


def parse_text(value: Any) -> Any:
    """Text fields: line ends made ``\n`` (a ``\r`` from a YAML escape or an old Mac file is one too),
    surrounding white space removed; an all-blank value counts as not given."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        return value or None
    return value


def parse_count(value: Any) -> Any:
    """Whole numbers typed by hand: '20', '２０', '二十' → 20; other text is left for the int check."""
    if isinstance(value, str):
        text = value.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        try:
            return numbering.parse_cn_numeral(text)
        except ValueError:
            return text
    return value


_UNITS = {"mm": 56.692913, "cm": 566.92913, "pt": 20.0, "twip": 1.0, "twips": 1.0}
_LENGTH = re.compile(r"(-?\d{1,6}(?:\.\d{1,6})?)\s*(mm|cm|pt|twips?)")


def _not_text(value: Any, what: str, hint: str) -> ValueError:
    """The refusal of a list or mapping written where one value (``what``) belongs."""
    kind = "列表" if isinstance(value, list) else "若干“键: 值”" if isinstance(value, dict) else "这种值"
    return ValueError(f"这里应写{what}，不是{kind}", hint)


def parse_length(value: Any) -> int:
    """A length with its unit (37mm, 28.95pt, 2cm, 579twip), in twips (1/20 pt)."""
    hint = "写成如 28.95pt、37mm、2cm、579twip"
    if not isinstance(value, str):
        raise _not_text(value, "一个带单位的长度", hint)
    m = _LENGTH.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"「{value}」不是带单位的长度", hint)
    return round(float(m.group(1)) * _UNITS[m.group(2)])


def length(lo: int, hi: int) -> Any:
    """The type of a length between ``lo`` and ``hi`` twips, written with its unit."""

    def parse(value: Any) -> int:
        twips = parse_length(value)
        if not lo <= twips <= hi:
            raise ValueError(f"长度 {value.strip()} 超出范围（{lo / 20:g}pt 到 {hi / 20:g}pt）", "检查数值和单位")
        return twips

    return Annotated[int, Spec(parse=parse)]


FONT_SIZES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
    "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
}
"""Chinese font size names → points."""

_POINTS = re.compile(r"(\d{1,3}(?:\.\d{1,3})?)\s*pt")


def parse_font_size(value: Any) -> int:
    """A font size, as a Chinese size name (三号, 小四) or points (16pt), in half-points (OOXML ``w:sz``)."""
    hint = "写成字号名（如 二号、三号、小四）或磅值（如 16pt）"
    if not isinstance(value, str):
        raise _not_text(value, "一个字号", hint)
    text = value.strip()
    pt = FONT_SIZES.get(text)
    if pt is None:
        m = _POINTS.fullmatch(text)
        if m is None:
            raise ValueError(f"「{value}」不是字号", hint)
        pt = float(m.group(1))
    if not 5 <= pt <= 72 or pt * 2 != int(pt * 2):
        raise ValueError(f"字号 {text} 不可用（5pt 到 72pt，以 0.5pt 为单位）", "常用：二号 22pt，三号 16pt，四号 14pt")
    return int(pt * 2)


Text = Annotated[str, Spec(parse=parse_text)]
YesNo = Annotated[bool, Spec(parse=parse_yes_no)]
Date = Annotated[datetime.date, Spec(parse=parse_date)]
Count = Annotated[int, Spec(parse=parse_count)]
FontSize = Annotated[int, Spec(parse=parse_font_size)]
