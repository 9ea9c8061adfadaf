"""What every rule module shares: the :class:`Hit` a rule yields and text helpers."""

import re
from typing import Iterator, NamedTuple

from drafter.speech.blocks import Kind


RULES: dict[str, str] = {
    "placeholder": "未填写的占位符（X、XX、×、某某、＊＊、＿＿、【…】等）",
    "dated-formulation": "与会议日期不符的提法",
    "spirit-string": "「学习贯彻…全会精神」与会议日期不符",
    "year-label": "「今年是…之年」与年份不符",
    "anniversary": "建党、新中国成立、改革开放、抗战胜利等周年数，「十年前…八项规定」这类年数与年份不符",
    "numbering-mixed": "同一组序号混用不同形式",
    "numbering-sequence": "序号跳号、重号或不从一开始",
    "announced-count": "宣布的条数与实际条数不符",
    "announced-keyword": "「四个坚持」等各条不以该词开头",
    "parallel-headings": "并列标题字数结构不一致",
    "length-target": "篇幅与预定讲话时长不符",
    "length-range": "篇幅超出该类会议常见范围",
    "repetition": "同一句话或长短语重复出现",
    "adjourn": "「散会」只在讲话人宣布散会时使用",
    "tense": "「去年」「今年以来」与会议日期、回顾时段不符",
    "stock-text": "取自常用语库的段落，请核对",
    "confusable": "易混用的词（截止/截至、以至/以致、制定/制订、必须/必需、即/既、作出/做出）",
    "last-page": "最后一页不足三行（按每页22行、每行28字的版面估算）",
    "sections": "这类会议讲话通常有的部分没有讲到",
}
"""Every rule id with its one-line Chinese description."""


class Hit(NamedTuple):
    """A finding before it has a place: ``block`` index (None: the whole speech), ``offset`` into the
    block's text, ``length`` of the offending text."""

    rule: str
    severity: str
    message: str
    suggestion: str = ""
    block: int | None = None
    offset: int = 0
    length: int = 0
    text: str = ""  # the block's text, for relocation to the brief

    def anchors(self) -> Iterator[tuple[str, int]]:
        """Snippets to look for in the brief's strings, longest first, with the offset of the
        offending text inside each snippet."""
        if not self.text or self.length <= 0:
            return
        s, e = self.offset, self.offset + self.length
        lo = s
        while lo > 0 and self.text[lo - 1] not in "。；！？，：":
            lo -= 1
        hi = e
        while hi < len(self.text) and self.text[hi] not in "。；！？，：":
            hi += 1
        seen = set()
        for a, b in ((lo, hi), (max(0, s - 6), e + 6), (max(0, s - 3), e + 3)):
            a, b = max(0, a), min(len(self.text), b)
            snippet = self.text[a:b]
            if snippet in seen or len(snippet) < max(4, self.length + 1):
                continue
            seen.add(snippet)
            yield snippet, s - a


BODY_KINDS = (Kind.SALUTATION, Kind.HEADING, Kind.PARAGRAPH)
"""Kinds read aloud as the speech (not the title, subtitle, speaker or date lines)."""


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(offset, sentence) for each sentence of ``text``, split after 。！？； (the mark kept)."""
    start = 0
    for m in re.finditer(r"[。！？；!?]+”?", text):
        yield start, text[start:m.end()]
        start = m.end()
    if start < len(text) and text[start:].strip():
        yield start, text[start:]


def sentence_at(text: str, offset: int) -> tuple[int, str]:
    """The sentence containing ``offset`` and where it starts."""
    for start, s in sentences(text):
        if start <= offset < start + len(s):
            return start, s
    return 0, text
