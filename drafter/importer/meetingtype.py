"""Which meeting type an imported speech was for, and why (said to the writer in a comment).

The title names the meeting in most speeches («……在2025年度基层党建工作述职评议会上的讲话»); a
speech without a title usually names it in its first sentence («今天我们在这里召开……会议»). The
body tells the rest: «刚才……述职» is a 述职评议会, «观摩» a 讲评会. The first rule that matches wins;
only types drafter knows (:data:`drafter.genre.meeting_types.TYPES`) are proposed.
"""

from __future__ import annotations

import re

from drafter.genre import meeting_types

_BY_NAME = (
    ("warning", r"警示教育"),
    ("democratic", r"民主生活会"),
    ("lecture", r"党课"),
    ("july1", r"七一|表彰大会|建党\d*周年"),
    ("campaign", r"主题教育|学习教育.{0,6}(?:动员|部署)"),
    ("discipline", r"全面从严治党|党风廉政"),
    ("review", r"述职评议|述职"),
    ("quarterly", r"讲评|季度|半年"),
    ("annual", r"党建工作会议|党建工作会|党的建设工作会议|工作会议"),
)
_BY_BODY = (
    ("review", r"述职", "正文提到述职"),
    ("quarterly", r"观摩|季度", "正文提到观摩或季度"),
)


def meeting_name_in_text(text: str) -> str | None:
    """The meeting a speech names in its opening: «今天我们在这里召开市直机关党建工作会议» → its name."""
    m = re.search(r"召开(?:的|这次|今年的|全[区县市])?([^，。；“”]{2,30}?(?:会议|大会|会))", text[:300])
    return m.group(1) if m else None


def recognise_type(title: str | None, meeting_name: str | None, body: str) -> tuple[str, str]:
    """(type id, the reason in Chinese) for a speech with this title, meeting name and body text."""
    for where, text in (("标题", title), ("会议名称", meeting_name)):
        if not text:
            continue
        for tid, rx in _BY_NAME:
            m = re.search(rx, text)
            if m and tid in meeting_types.TYPES:
                return tid, f"{where}「{text}」中有「{m.group(0)}」"
    for tid, rx, why in _BY_BODY:
        m = re.search(rf"[^，。]{{0,12}}{rx}[^，。]{{0,12}}", body)
        if m and tid in meeting_types.TYPES:
            return tid, f"{why}（「{m.group(0)}」）"
    return "annual", "标题和正文都没有点明会议类型，按最常见的年度党建工作会议处理"
